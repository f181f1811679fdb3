"""The database schema, as numbered migrations (sqlite-utils' built-in migration sets).

Each migration runs in a transaction together with the record of it being applied. A database
holding a migration this build does not know was written by a newer app and is refused.

Locking and the append-only trail are enforced by triggers, so that no code path (ours, a
script, a future bug) can change a signed audit or rewrite history.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "auditor_app"
migrations = Migrations(MIGRATION_SET)

# Tables whose rows belong to one audit and freeze when it is signed.
AUDIT_CHILD_TABLES = (
    "item_results",
    "findings",
    "audit_attachments",
    "audit_sites",
    "team_members",
)


@migrations()
def m0001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        CREATE TABLE schemes (
            hash TEXT PRIMARY KEY,          -- content hash, see docs/scheme-format.md
            id TEXT NOT NULL, version TEXT NOT NULL,
            document TEXT NOT NULL,         -- the parsed scheme as JSON: audits never depend
            added_at TEXT NOT NULL          -- on the file still being installed
        );

        CREATE TABLE organisations (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL, address TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '', representative TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );

        CREATE TABLE audits (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,            -- global id of this revision (for sync)
            series_uid TEXT NOT NULL,            -- shared by all revisions of one audit
            revision INTEGER NOT NULL DEFAULT 0,
            supersedes_uid TEXT,                 -- the revision this one replaces
            revision_reason TEXT NOT NULL DEFAULT '',
            org_id INTEGER NOT NULL REFERENCES organisations(id),
            audit_type TEXT NOT NULL CHECK (audit_type IN
                ('initial', 'surveillance', 'recertification', 'special')),
            scheme_hash TEXT NOT NULL REFERENCES schemes(hash),
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
                ('draft', 'in_progress', 'signed')),
            locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
            report_number TEXT NOT NULL DEFAULT '',
            scope TEXT NOT NULL DEFAULT '',
            objectives TEXT NOT NULL DEFAULT '',
            start_date TEXT NOT NULL DEFAULT '', end_date TEXT NOT NULL DEFAULT '',
            headcount TEXT NOT NULL DEFAULT '{}',    -- person-days input (JSON)
            persondays TEXT NOT NULL DEFAULT '{}',   -- last computed breakdown (JSON)
            site_draw TEXT NOT NULL DEFAULT '{}',    -- recorded random draw of outlets (JSON)
            deviations TEXT NOT NULL DEFAULT '',
            unresolved TEXT NOT NULL DEFAULT '',
            changes_since_last TEXT NOT NULL DEFAULT '',
            recommendation TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
            signed_at TEXT
        );
        CREATE INDEX audits_series ON audits(series_uid, revision);

        CREATE TABLE audit_sites (
            id INTEGER PRIMARY KEY,
            audit_id INTEGER NOT NULL REFERENCES audits(id),
            name TEXT NOT NULL, address TEXT NOT NULL DEFAULT '',
            is_central INTEGER NOT NULL DEFAULT 0,
            headcount INTEGER,
            visited INTEGER NOT NULL DEFAULT 0,
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX audit_sites_audit ON audit_sites(audit_id);

        CREATE TABLE team_members (
            id INTEGER PRIMARY KEY,
            audit_id INTEGER NOT NULL REFERENCES audits(id),
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('leader', 'member', 'expert', 'observer',
                                               'trainee')),
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX team_members_audit ON team_members(audit_id);

        CREATE TABLE item_results (
            audit_id INTEGER NOT NULL REFERENCES audits(id),
            item_id TEXT NOT NULL,
            result TEXT CHECK (result IS NULL OR result IN
                ('conform', 'nonconform', 'sampled', 'graded', 'na')),
            sampled INTEGER, nonconforming INTEGER,
            points TEXT,                      -- Decimal as text, graded awards
            reason TEXT NOT NULL DEFAULT '',  -- why an item is deleted (not applicable)
            note TEXT NOT NULL DEFAULT '',    -- evidence notes
            methods TEXT NOT NULL DEFAULT '[]',
            updated_by TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (audit_id, item_id),
            CHECK (result <> 'sampled' OR (sampled >= 1 AND nonconforming BETWEEN 0 AND sampled)),
            CHECK (result <> 'na' OR length(trim(reason)) > 0)
        );

        CREATE TABLE findings (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            audit_id INTEGER NOT NULL REFERENCES audits(id),
            item_id TEXT,
            kind TEXT NOT NULL CHECK (kind IN
                ('major', 'minor', 'observation', 'special_deduction', 'bonus')),
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            evidence TEXT NOT NULL DEFAULT '',
            rectification TEXT NOT NULL DEFAULT '',
            deadline TEXT NOT NULL DEFAULT '',
            created_by TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE INDEX findings_audit ON findings(audit_id);

        CREATE TABLE attachments (
            sha256 TEXT PRIMARY KEY,          -- hash of the original file as received
            mime TEXT NOT NULL,
            original_name TEXT NOT NULL DEFAULT '',
            original_size INTEGER NOT NULL,
            data BLOB NOT NULL,               -- photos: downscaled copy used by reports
            data_sha256 TEXT NOT NULL,
            thumb BLOB,                       -- small JPEG for lists
            width INTEGER, height INTEGER,
            added_at TEXT NOT NULL
        );

        CREATE TABLE audit_attachments (
            id INTEGER PRIMARY KEY,
            audit_id INTEGER NOT NULL REFERENCES audits(id),
            item_id TEXT,
            sha256 TEXT NOT NULL REFERENCES attachments(sha256),
            caption TEXT NOT NULL DEFAULT '',
            added_by TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL
        );
        CREATE INDEX audit_attachments_audit ON audit_attachments(audit_id, item_id);

        CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            audit_id INTEGER NOT NULL REFERENCES audits(id),
            pdf BLOB NOT NULL, sha256 TEXT NOT NULL,
            signer TEXT NOT NULL, signed_at TEXT NOT NULL
        );

        CREATE TABLE audit_flags (
            audit_id INTEGER PRIMARY KEY REFERENCES audits(id),
            archived INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE trail (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            audit_id INTEGER REFERENCES audits(id),
            at TEXT NOT NULL, actor TEXT NOT NULL,
            action TEXT NOT NULL, entity TEXT NOT NULL, entity_key TEXT NOT NULL DEFAULT '',
            old TEXT, new TEXT
        );
        CREATE INDEX trail_audit ON trail(audit_id, id);

        CREATE TRIGGER trail_no_update BEFORE UPDATE ON trail
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER trail_no_delete BEFORE DELETE ON trail
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

        CREATE TRIGGER reports_no_update BEFORE UPDATE ON reports
        BEGIN SELECT RAISE(ABORT, 'a signed report cannot be changed'); END;
        CREATE TRIGGER reports_no_delete BEFORE DELETE ON reports
        BEGIN SELECT RAISE(ABORT, 'a signed report cannot be changed'); END;
        CREATE TRIGGER reports_only_unlocked BEFORE INSERT ON reports
        WHEN (SELECT locked FROM audits WHERE id = NEW.audit_id) = 1
        BEGIN SELECT RAISE(ABORT, 'audit is locked: it was signed already'); END;

        CREATE TRIGGER audits_locked_update BEFORE UPDATE ON audits WHEN OLD.locked = 1
        BEGIN SELECT RAISE(ABORT, 'audit is locked: it was signed; start a new revision'); END;
        CREATE TRIGGER audits_locked_delete BEFORE DELETE ON audits WHEN OLD.locked = 1
        BEGIN SELECT RAISE(ABORT, 'audit is locked: it was signed; start a new revision'); END;
        """
    )
    for table in AUDIT_CHILD_TABLES:
        for event, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
            extra = ""
            if event == "UPDATE":  # moving a row into a locked audit is refused too
                extra = " OR (SELECT locked FROM audits WHERE id = NEW.audit_id) = 1"
            db.execute(
                f"CREATE TRIGGER {table}_locked_{event.lower()} BEFORE {event} ON {table} "
                f"WHEN (SELECT locked FROM audits WHERE id = {row}.audit_id) = 1{extra} "
                "BEGIN SELECT RAISE(ABORT, 'audit is locked: it was signed; start a new "
                "revision'); END"
            )


@migrations()
def m0002_report_fields(db: Database) -> None:
    # what ISO/IEC 17021-1 9.4.8 expects in a report and the first schema did not hold
    for column in ("others_present", "marks_use", "previous_followup"):
        db.execute(f"ALTER TABLE audits ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")


@migrations()
def m0003_protect_shared_rows(db: Database) -> None:
    # Rows several audits share are protected too: a scheme is content-addressed and never
    # changes; a client row or a stored file that a signed audit uses cannot change under it
    # (the store copies a shared client row before editing it for one audit).
    db.executescript(
        """
        CREATE TRIGGER schemes_no_update BEFORE UPDATE ON schemes
        BEGIN SELECT RAISE(ABORT, 'a stored scheme never changes'); END;
        CREATE TRIGGER schemes_no_delete BEFORE DELETE ON schemes
        WHEN EXISTS (SELECT 1 FROM audits WHERE scheme_hash = OLD.hash)
        BEGIN SELECT RAISE(ABORT, 'the scheme is used by an audit'); END;
        CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments
        BEGIN SELECT RAISE(ABORT, 'a stored file never changes'); END;
        CREATE TRIGGER attachments_locked_delete BEFORE DELETE ON attachments
        WHEN EXISTS (SELECT 1 FROM audit_attachments l JOIN audits a ON a.id = l.audit_id
                     WHERE l.sha256 = OLD.sha256 AND a.locked = 1)
        BEGIN SELECT RAISE(ABORT, 'audit is locked: the file belongs to a signed audit'); END;
        CREATE TRIGGER organisations_locked_update BEFORE UPDATE ON organisations
        WHEN EXISTS (SELECT 1 FROM audits WHERE org_id = OLD.id AND locked = 1)
        BEGIN SELECT RAISE(ABORT, 'audit is locked: the client belongs to a signed audit');
        END;
        CREATE TRIGGER organisations_locked_delete BEFORE DELETE ON organisations
        WHEN EXISTS (SELECT 1 FROM audits WHERE org_id = OLD.id AND locked = 1)
        BEGIN SELECT RAISE(ABORT, 'audit is locked: the client belongs to a signed audit');
        END;
        """
    )


# A real calendar date YYYY-MM-DD: SQLite's date() alone accepts 2026-02-30, so the value must
# survive the round trip through julianday() unchanged. Empty means "not set".
_NOT_A_DATE = "NEW.{col} <> '' AND date(julianday(NEW.{col})) IS NOT NEW.{col}"


@migrations()
def m0004_sec_valid_dates(db: Database) -> None:
    # Every path writes through here (the CLI, the window, package import, merge, scripts), so
    # the dates are checked here too: a package must not bring in 2026-02-30 or "not a date".
    checks = {
        "audits": {"start_date": "start date", "end_date": "end date"},
        "findings": {"deadline": "deadline of a finding"},
    }
    for table, columns in checks.items():
        for column, label in columns.items():
            condition = _NOT_A_DATE.format(col=column)
            message = f"the {label} must be a real date like 2026-12-31"
            for event in ("INSERT", f"UPDATE OF {column}"):
                name = f"{table}_{column}_valid_{event.split()[0].lower()}"
                db.execute(
                    f"CREATE TRIGGER {name} BEFORE {event} ON {table} WHEN {condition} "
                    f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
                )


from auditor_app.store import schema_sync as _schema_sync  # noqa: E402, F401  sync tables
