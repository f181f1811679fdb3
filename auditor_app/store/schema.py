"""The database schema, as numbered migrations (sqlite-utils' built-in migration sets).

The steps run in the order of `MIGRATIONS` at the end of this file, nothing else: not the
order of definition or of imports. A step's name is recorded in every database it ran on, so
a name never changes and a step, once released, is never edited; a new one is appended.

Each migration runs in a transaction together with the record of it being applied. A database
holding a migration this build does not know was written by a newer app and is refused.

Locking and the append-only trail are enforced by triggers, so that no code path (ours, a
script, a future bug) can change a signed audit or rewrite history.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from auditor_app.store.schema_sync import m0101_sync_imports, m0102_committee_decisions

if TYPE_CHECKING:  # sqlite-utils loads only when a step must run (see connection.py)
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "auditor_app"

# Tables whose rows belong to one audit and freeze when it is signed.
AUDIT_CHILD_TABLES = (
    "item_results",
    "findings",
    "audit_attachments",
    "audit_sites",
    "team_members",
)


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


def m0002_report_fields(db: Database) -> None:
    # what ISO/IEC 17021-1 9.4.8 expects in a report and the first schema did not hold
    for column in ("others_present", "marks_use", "previous_followup"):
        db.execute(f"ALTER TABLE audits ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")


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


def m0004_num_report_elements(db: Database) -> None:
    # ISO/IEC 17021-1 9.4.8 elements the report still lacked (issue 12), and the actual audit
    # time recorded per person, day and site (JSON list) with the reason for a deviation.
    for column in (
        "programme_issues",
        "audit_combination",
        "objectives_met",
        "scope_appropriate",
        "scope_conclusion",
        "time_deviation_reason",
    ):
        db.execute(f"ALTER TABLE audits ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE audits ADD COLUMN actual_time TEXT NOT NULL DEFAULT '[]'")


# A real calendar date YYYY-MM-DD: SQLite's date() alone accepts 2026-02-30, so the value must
# survive the round trip through julianday() unchanged. Empty means "not set".
_NOT_A_DATE = "NEW.{col} <> '' AND date(julianday(NEW.{col})) IS NOT NEW.{col}"


def m0005_sec_valid_dates(db: Database) -> None:
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


def m0006_cert_certificate_register(db: Database) -> None:
    # The certificate register (issue 11): every change of a certificate's state, level or
    # scope is an event resting on a committee decision (who, when, why, which report).
    # Append-only like the trail: the history is the record, the state is folded from it.
    db.executescript(
        """
        CREATE TABLE certificate_events (
            id INTEGER PRIMARY KEY,
            certificate_number TEXT NOT NULL CHECK (length(trim(certificate_number)) > 0),
            event TEXT NOT NULL CHECK (event IN ('issued', 'recertified', 'surveillance',
                'special', 'suspended', 'reinstated', 'withdrawn', 'scope_reduced',
                'scope_extended', 'replaced')),
            state TEXT NOT NULL CHECK (state IN ('valid', 'suspended', 'withdrawn',
                'replaced')),                       -- the state after the event
            level TEXT NOT NULL DEFAULT '',         -- the level after the event
            scope TEXT NOT NULL DEFAULT '',         -- the scope after the event
            client TEXT NOT NULL DEFAULT '',
            effective_on TEXT NOT NULL,             -- YYYY-MM-DD
            issued_on TEXT NOT NULL DEFAULT '',     -- the cycle the event belongs to
            expires_on TEXT NOT NULL DEFAULT '',
            deadline TEXT NOT NULL DEFAULT '',      -- a suspension's: resolve by, else withdrawn
            reason TEXT NOT NULL DEFAULT '',
            audit_id INTEGER REFERENCES audits(id), -- the report the change rests on
            decision_id INTEGER REFERENCES committee_decisions(id),
            decided_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX certificate_events_number ON certificate_events(certificate_number, id);
        CREATE TRIGGER certificate_events_no_update BEFORE UPDATE ON certificate_events
        BEGIN SELECT RAISE(ABORT, 'the certificate register is a record: add an event'); END;
        CREATE TRIGGER certificate_events_no_delete BEFORE DELETE ON certificate_events
        BEGIN SELECT RAISE(ABORT, 'the certificate register is a record: add an event'); END;

        -- Nonconformities followed to closure: a finding of a signed audit cannot change, so
        -- its follow-up (client's correction, auditor's verification, closure) is kept here,
        -- append-only, the latest row per finding counting.
        CREATE TABLE finding_followups (
            id INTEGER PRIMARY KEY,
            finding_uid TEXT NOT NULL,
            due_on TEXT NOT NULL DEFAULT '',
            correction TEXT NOT NULL DEFAULT '',
            corrective_action TEXT NOT NULL DEFAULT '',
            verified_by TEXT NOT NULL DEFAULT '',
            verified_on TEXT NOT NULL DEFAULT '',
            evidence TEXT NOT NULL DEFAULT '',
            closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
            recorded_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            CHECK (closed = 0 OR (length(trim(verified_by)) > 0 AND length(verified_on) = 10
                                  AND length(trim(evidence)) > 0))
        );
        CREATE INDEX finding_followups_finding ON finding_followups(finding_uid, id);
        CREATE TRIGGER finding_followups_no_update BEFORE UPDATE ON finding_followups
        BEGIN SELECT RAISE(ABORT, 'follow-up is a record: add a new entry'); END;
        CREATE TRIGGER finding_followups_no_delete BEFORE DELETE ON finding_followups
        BEGIN SELECT RAISE(ABORT, 'follow-up is a record: add a new entry'); END;

        -- certificates approved before the register existed: their issues and surveillance
        -- approvals become its first events, so their state and level carry on
        INSERT INTO certificate_events (certificate_number, event, state, level, scope, client,
            effective_on, issued_on, expires_on, reason, audit_id, decision_id, decided_by,
            recorded_at)
        SELECT d.certificate_number,
            CASE WHEN d.issued_on = '' THEN 'surveillance'
                 WHEN d.id = (SELECT MIN(e.id) FROM committee_decisions e
                              WHERE e.certificate_number = d.certificate_number
                              AND e.decision = 'approve' AND e.issued_on <> '')
                 THEN 'issued' ELSE 'recertified' END,
            'valid', d.level, a.scope, o.name, d.decided_on, d.issued_on, d.expires_on,
            'carried over from the decisions recorded before the register', d.audit_id, d.id,
            d.decided_by, d.recorded_at
        FROM committee_decisions d JOIN audits a ON a.id = d.audit_id
        JOIN organisations o ON o.id = a.org_id
        WHERE d.decision = 'approve' AND d.certificate_number IN (SELECT certificate_number
            FROM committee_decisions WHERE decision = 'approve' AND issued_on <> '')
        ORDER BY d.id;
        """
    )


def m0007_perf_reports_by_audit(db: Database) -> None:
    # "Does this audit have a report, which is its latest?" is asked once per audit by the
    # committee list; without an index each answer reads every stored report (thousands in a
    # certification body's database, so the list grew with the square of its length).
    db.execute("CREATE INDEX reports_audit ON reports(audit_id, id)")


def m0008_sample_audits(db: Database) -> None:
    # The built-in demo is marked as a sample: only a sample's report may be signed while the
    # CB identity is still the shipped, fictional example (issue 12).
    db.execute(
        "ALTER TABLE audits ADD COLUMN sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))"
    )


def m0009_cmt_committee_verdicts(db: Database) -> None:
    # The committee list showed each report's signature verdict and score by verifying the PDF
    # and scoring the audit on every open (~26 ms a report: minutes at a CB's scale). Both are
    # now worked out once (at import, or in a background pass for rows imported before this
    # step) and kept here. A verdict is a cache, not a record: it is replaced when re-checked
    # (the trust list changed, the reviewer opened the report) and never decides anything on
    # its own; `trust_key` says which trust list it was checked against, so a verdict checked
    # against another list reads as stale. Existing databases get no rows here: they are
    # filled lazily (see sync.committee_verdicts).
    db.executescript(
        """
        CREATE TABLE committee_verdicts (
            audit_id INTEGER PRIMARY KEY REFERENCES audits(id),
            signer TEXT,
            trusted INTEGER NOT NULL CHECK (trusted IN (0, 1)),
            intact INTEGER NOT NULL CHECK (intact IN (0, 1)),
            verified INTEGER NOT NULL CHECK (verified IN (0, 1)),
            problems TEXT NOT NULL DEFAULT '[]',      -- JSON list of sentences
            total TEXT,
            level TEXT,
            level_title TEXT,
            trust_key TEXT NOT NULL,
            verified_at TEXT NOT NULL                 -- UTC ISO time of the check
        );
        """
    )


Migration = Callable[["Database"], None]

# The one place that orders the steps. The sync steps (01xx) came with the sync feature, after
# m0002 was written but applied before m0006, which reads their committee_decisions table.
MIGRATIONS: tuple[Migration, ...] = (
    m0001_initial,
    m0002_report_fields,
    m0003_protect_shared_rows,
    m0004_num_report_elements,
    m0005_sec_valid_dates,
    m0101_sync_imports,
    m0102_committee_decisions,
    m0006_cert_certificate_register,
    m0007_perf_reports_by_audit,
    m0008_sample_audits,
    m0009_cmt_committee_verdicts,
)

STEP_NAMES: tuple[str, ...] = tuple(step.__name__ for step in MIGRATIONS)


def register_steps(steps: tuple[Migration, ...]) -> Migrations:
    """The steps as an sqlite-utils migration set that runs them in this order."""
    from sqlite_utils.migrations import Migrations

    registered = Migrations(MIGRATION_SET)
    for step in steps:
        registered()(step)  # raises on a repeated name
    return registered


_registered: Migrations | None = None


def __getattr__(name: str) -> Any:
    """`schema.migrations`, the registered set, built on first use (it imports sqlite-utils)."""
    global _registered
    if name == "migrations":
        if _registered is None:
            _registered = register_steps(MIGRATIONS)
        return _registered
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def known_steps() -> frozenset[str]:
    """Names of every schema step this build runs; a database with another is newer."""
    # `register_steps` registers exactly MIGRATIONS, and tests/test_migrations.py insists that
    # every step is in MIGRATIONS; read from the tuple, so the start-up check needs no
    # sqlite-utils
    return frozenset(STEP_NAMES)
