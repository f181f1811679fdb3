"""The local audit store: every change is one committed transaction with its trail entry.

There is no save step. Each public write method runs in its own transaction (or joins the one a
caller opened with `transaction()`), writes the change and an append-only trail row (who, when,
what, old → new) together, and returns only after COMMIT. Locked (signed) audits are refused by
triggers in the database; the friendly `LockedError` here is only the first line of defence.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from auditor_app.core import settings as settings_registry
from auditor_app.core.audit_time_actual import (
    REPORT_ELEMENT_FIELDS,
    check_entries,
    check_report_elements,
)
from auditor_app.core.errors import InputError, LockedError
from auditor_app.core.results import ItemResult, check_result
from auditor_app.core.scheme import Scheme, parse_scheme
from auditor_app.store import faults, photos
from auditor_app.store.audit_checks import check_dates, check_headcount, check_site_headcount
from auditor_app.store.connection import Connection
from auditor_app.store.db import StoreError, connect, now
from auditor_app.store.integrity import scheme_document_problem


def _new_uid() -> str:
    import uuid  # with `platform` behind it: loaded by the first new row, not at start-up

    return str(uuid.uuid4())


# Names for nested transactions: unique in the process, which is all SAVEPOINT needs.
_SAVEPOINTS = itertools.count(1)

AUDIT_TYPES = ("initial", "surveillance", "recertification", "special")
FINDING_KINDS = ("major", "minor", "observation", "special_deduction", "bonus")
TEAM_ROLES = ("leader", "member", "expert", "observer", "trainee")
METHODS = ("document_review", "interview", "observation", "customer_contact")
AUDIT_TEXT_FIELDS = (
    "report_number",
    "scope",
    "objectives",
    "start_date",
    "end_date",
    "deviations",
    "unresolved",
    "changes_since_last",
    "recommendation",
    "others_present",
    "marks_use",
    "previous_followup",
    "status",
    "audit_type",
    *REPORT_ELEMENT_FIELDS,
)
AUDIT_JSON_FIELDS = ("headcount", "persondays", "site_draw", "actual_time")
ORG_FIELDS = ("name", "address", "contact", "representative")
FINDING_FIELDS = ("kind", "text", "evidence", "rectification", "deadline", "item_id")

Row = dict[str, Any]


def _default_actor() -> str:
    import getpass  # with termios and pwd: only for a store opened without an actor

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (containers, some services)
        return "unknown"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _shown_audits(include_archived: bool) -> str:
    """The WHERE clause of the audits list (`a` audits, `f` their flags): archived ones only
    when asked for."""
    return "" if include_archived else "WHERE COALESCE(f.archived, 0) = 0"


class AuditStore:
    """One open database. Not shared between threads: open one per thread."""

    def __init__(self, path: str | Path, actor: str | None = None) -> None:
        self.path = Path(path)
        self.db: Connection = connect(self.path)
        self.actor = actor or self.get_setting("auditor_name") or _default_actor()
        self._scheme_cache: dict[str, Scheme] = {}

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> AuditStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions and trail ---------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all (nested blocks use savepoints)."""
        try:
            with self._atomic():
                yield
        except sqlite3.IntegrityError as exc:
            if "locked" in str(exc):
                raise LockedError(str(exc)) from exc
            raise StoreError(f"the change was refused by the database: {exc}") from exc
        except sqlite3.OperationalError as exc:
            raise StoreError(_operational_message(exc, self.path)) from exc
        except UnicodeEncodeError as exc:  # bytes that were never text (a non-UTF-8 argument)
            raise InputError(
                f"a name or text holds bytes that are not valid UTF-8 characters "
                f"({exc.object[max(exc.start - 20, 0) : exc.start]!r}…); nothing was saved"
            ) from exc

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        # BEGIN IMMEDIATE takes the write lock up front, so SQLite's busy timeout applies when
        # another program is writing; a deferred BEGIN that reads first would fail at once
        # (SQLITE_BUSY on the lock upgrade) instead of waiting.
        conn = self.db.conn
        if conn.in_transaction:
            savepoint = f"sp_{next(_SAVEPOINTS)}"
            conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield
            except BaseException:
                if conn.in_transaction:  # a RAISE(ROLLBACK) may have ended it already
                    conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            faults.point("before-commit")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        faults.point("after-commit")

    def _log(
        self, audit_id: int | None, action: str, entity: str, key: str, old: Any, new: Any
    ) -> None:
        self.db.execute(
            "INSERT INTO trail (audit_id, at, actor, action, entity, entity_key, old, new) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                audit_id,
                now(),
                self.actor,
                action,
                entity,
                key,
                None if old is None else _json(old),
                None if new is None else _json(new),
            ),
        )

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> Row | None:
        rows = list(self.db.query(sql, params))
        return rows[0] if rows else None

    def _require_unlocked(self, audit_id: int) -> None:
        row = self._one("SELECT locked FROM audits WHERE id = ?", (audit_id,))
        if row is None:
            raise InputError(f"there is no audit {audit_id}")
        if row["locked"]:
            raise LockedError(
                f"audit {audit_id} is signed and locked; start a new revision to change it"
            )

    def _touch(self, audit_id: int, started: bool = True) -> None:
        # the first on-site work (a result, note, finding or photo) moves a draft to in
        # progress; planning edits (sites, team) leave it a draft
        if started:
            self.db.execute(
                "UPDATE audits SET updated_at = ?, status = CASE status WHEN "
                "'draft' THEN 'in_progress' ELSE status END WHERE id = ?",
                (now(), audit_id),
            )
        else:
            self.db.execute("UPDATE audits SET updated_at = ? WHERE id = ?", (now(), audit_id))

    # -- settings -------------------------------------------------------------------------
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self._one("SELECT value FROM settings WHERE key = ?", (key,))
        return row["value"] if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Save one setting; see `set_settings`."""
        self.set_settings({key: value})

    def set_settings(self, values: Mapping[str, str]) -> dict[str, str]:
        """Save several settings at once, all or none; return those that changed.

        Every key must be in the registry (`core.settings`) and every value fit its entry,
        else InputError and nothing is written. An unchanged value writes no trail row."""
        for key, value in values.items():
            settings_registry.validate(key, value)
        changed: dict[str, str] = {}
        with self.transaction():
            for key, value in values.items():
                old = self.get_setting(key)
                if old == value:
                    continue
                self.db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) "
                    "DO UPDATE SET value = excluded.value",
                    (key, value),
                )
                self._log(None, "set", "setting", key, old, value)
                changed[key] = value
        return changed

    # -- schemes --------------------------------------------------------------------------
    def add_scheme(self, document: dict[str, Any]) -> Scheme:
        """Store a scheme document (validated) once per content hash; return the model."""
        scheme = parse_scheme(document)
        with self.transaction():
            self.db.execute(
                "INSERT OR IGNORE INTO schemes (hash, id, version, document, added_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (scheme.content_hash, scheme.id, scheme.version, _json(document), now()),
            )
        return scheme

    def scheme(self, scheme_hash: str) -> Scheme:
        if scheme_hash not in self._scheme_cache:
            try:
                row = self._one("SELECT document FROM schemes WHERE hash = ?", (scheme_hash,))
            except sqlite3.OperationalError as exc:  # "Could not decode to UTF-8": damaged
                row = {"document": b"\xff" + str(exc).encode()}
            if row is None:
                raise StoreError(f"scheme {scheme_hash[:12]} is not in this database")
            damage = scheme_document_problem(scheme_hash, row["document"])
            if damage:
                raise StoreError(
                    f"the stored scheme {scheme_hash[:12]} is damaged ({damage}); run "
                    "`auditor-app backup check` and restore a backup made before the damage"
                )
            self._scheme_cache[scheme_hash] = parse_scheme(
                json.loads(row["document"]), f"scheme {scheme_hash[:12]}"
            )
        return self._scheme_cache[scheme_hash]

    def scheme_document(self, scheme_hash: str) -> dict[str, Any]:
        row = self._one("SELECT document FROM schemes WHERE hash = ?", (scheme_hash,))
        if row is None:
            raise StoreError(f"scheme {scheme_hash[:12]} is not in this database")
        return dict(json.loads(row["document"]))

    def audit_scheme(self, audit_id: int) -> Scheme:
        return self.scheme(self.audit(audit_id)["scheme_hash"])

    # -- organisations --------------------------------------------------------------------
    def add_organisation(self, name: str, **fields: str) -> int:
        if not name.strip():
            raise InputError("the client's name is required")
        values = {k: fields.get(k, "") for k in ORG_FIELDS if k != "name"}
        with self.transaction():
            cur = self.db.execute(
                "INSERT INTO organisations (name, address, contact, representative, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    name.strip(),
                    values["address"],
                    values["contact"],
                    values["representative"],
                    now(),
                ),
            )
            org_id = int(cur.lastrowid or 0)
            self._log(None, "create", "organisation", str(org_id), None, {"name": name, **values})
        return org_id

    def organisation(self, org_id: int) -> Row:
        row = self._one("SELECT * FROM organisations WHERE id = ?", (org_id,))
        if row is None:
            raise InputError(f"there is no organisation {org_id}")
        return row

    def update_organisation(self, org_id: int, audit_id: int | None = None, **fields: str) -> None:
        """Change client details. With `audit_id`, only that audit's client changes: a client
        row shared with other audits (an earlier, perhaps signed, audit of the same client) is
        copied first, so editing the surveillance audit never rewrites the signed initial one.
        The database refuses any change to a client row a signed audit uses."""
        bad = set(fields) - set(ORG_FIELDS)
        if bad:
            raise InputError(f"unknown organisation field(s): {', '.join(sorted(bad))}")
        if "name" in fields and not fields["name"].strip():
            raise InputError("the client's name is required")
        with self.transaction():
            if audit_id is not None:
                self._require_unlocked(audit_id)
                org_id = self._own_organisation(audit_id)
            old = self.organisation(org_id)
            changed = {k: v for k, v in fields.items() if old[k] != v}
            if not changed:
                return
            sets = ", ".join(f"{k} = ?" for k in changed)
            self.db.execute(
                f"UPDATE organisations SET {sets} WHERE id = ?", (*changed.values(), org_id)
            )
            self._log(
                audit_id,
                "update",
                "organisation",
                str(org_id),
                {k: old[k] for k in changed},
                changed,
            )

    def _own_organisation(self, audit_id: int) -> int:
        """The audit's client row, copied for it first when other audits share it."""
        org_id = int(self.audit(audit_id)["org_id"])
        shared = self._one(
            "SELECT COUNT(*) AS n FROM audits WHERE org_id = ? AND id <> ?", (org_id, audit_id)
        )
        if not shared or not shared["n"]:
            return org_id
        cur = self.db.execute(
            "INSERT INTO organisations (name, address, contact, representative, created_at) "
            "SELECT name, address, contact, representative, ? FROM organisations WHERE id = ?",
            (now(), org_id),
        )
        copy_id = int(cur.lastrowid or 0)
        self.db.execute("UPDATE audits SET org_id = ? WHERE id = ?", (copy_id, audit_id))
        self._log(
            audit_id, "copy", "organisation", str(copy_id), {"org_id": org_id}, {"org_id": copy_id}
        )
        return copy_id

    # -- audits ---------------------------------------------------------------------------
    def create_audit(self, org_id: int, audit_type: str, scheme: Scheme, **fields: Any) -> int:
        if audit_type not in AUDIT_TYPES:
            raise InputError(f"unknown audit type '{audit_type}' (one of {', '.join(AUDIT_TYPES)})")
        self.organisation(org_id)
        self.scheme(scheme.content_hash)  # must have been added with add_scheme
        uid = _new_uid()
        stamp = now()
        row: Row = {
            "uid": uid,
            "series_uid": fields.pop("series_uid", uid),
            "org_id": org_id,
            "audit_type": audit_type,
            "scheme_hash": scheme.content_hash,
            "created_at": stamp,
            "updated_at": stamp,
        }
        check_report_elements(fields)
        check_dates(fields)
        if "headcount" in fields:
            check_headcount(fields["headcount"])
        if "actual_time" in fields:
            fields["actual_time"] = [e.to_dict() for e in check_entries(fields["actual_time"])]
        for key, value in fields.items():
            if key in AUDIT_JSON_FIELDS:
                row[key] = _json(value)
            elif key in AUDIT_TEXT_FIELDS or key in (
                "revision",
                "supersedes_uid",
                "revision_reason",
            ):
                row[key] = value
            else:
                raise InputError(f"unknown audit field '{key}'")
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        with self.transaction():
            cur = self.db.execute(
                f"INSERT INTO audits ({cols}) VALUES ({marks})", tuple(row.values())
            )
            audit_id = int(cur.lastrowid or 0)
            self._log(
                audit_id,
                "create",
                "audit",
                uid,
                None,
                {k: v for k, v in row.items() if k not in ("created_at", "updated_at")},
            )
        return audit_id

    def audit(self, audit_id: int) -> Row:
        row = self._one(
            "SELECT a.*, o.name AS org_name, o.address AS org_address, o.contact AS org_contact,"
            " o.representative AS org_representative, s.id AS scheme_id, "
            "s.version AS scheme_version, COALESCE(f.archived, 0) AS archived "
            "FROM audits a JOIN organisations o ON o.id = a.org_id "
            "JOIN schemes s ON s.hash = a.scheme_hash "
            "LEFT JOIN audit_flags f ON f.audit_id = a.id WHERE a.id = ?",
            (audit_id,),
        )
        if row is None:
            raise InputError(f"there is no audit {audit_id}")
        for key in AUDIT_JSON_FIELDS:
            row[key] = json.loads(row[key])
        return row

    def find_audit(self, ref: str | int) -> int:
        """An audit by local number or by (a prefix of at least 8 characters of) its uid."""
        text = str(ref).strip()
        if text.isdigit() and not (text.isascii() and len(text) <= 18):
            row = None  # beyond SQLite's integers (2**70) or not ASCII digits: no such audit
        elif text.isdigit():
            row = self._one("SELECT id FROM audits WHERE id = ?", (int(text),))
        elif len(text) >= 8:
            rows = list(self.db.query("SELECT id FROM audits WHERE uid LIKE ?", (text + "%",)))
            if len(rows) > 1:
                raise InputError(f"'{text}' matches several audits; give more of the id")
            row = rows[0] if rows else None
        else:
            row = None
        if row is None:
            raise InputError(f"there is no audit '{text}' in {self.path}")
        return int(row["id"])

    def list_audits(self, include_archived: bool = False) -> list[Row]:
        where = _shown_audits(include_archived)
        return list(
            self.db.query(
                "SELECT a.id, a.uid, a.series_uid, a.revision, a.audit_type, a.status, a.locked,"
                " a.start_date, a.end_date, a.report_number, a.updated_at, a.scheme_hash, "
                "o.name AS org_name, COALESCE(f.archived, 0) AS archived, "
                "(SELECT COUNT(*) FROM item_results r WHERE r.audit_id = a.id "
                " AND r.result IS NOT NULL) AS scored "
                "FROM audits a JOIN organisations o ON o.id = a.org_id "
                f"LEFT JOIN audit_flags f ON f.audit_id = a.id {where} "
                "ORDER BY a.updated_at DESC"
            )
        )

    def has_audits(self, include_archived: bool = False) -> bool:
        """Whether `list_audits` would list any: one indexed row read, not the whole list with
        its score counts (asked at every start)."""
        return (
            self._one(
                "SELECT 1 FROM audits a LEFT JOIN audit_flags f ON f.audit_id = a.id "
                f"{_shown_audits(include_archived)} LIMIT 1"
            )
            is not None
        )

    def update_audit(self, audit_id: int, **fields: Any) -> None:
        allowed = set(AUDIT_TEXT_FIELDS) | set(AUDIT_JSON_FIELDS)
        bad = set(fields) - allowed
        if bad:
            raise InputError(f"unknown audit field(s): {', '.join(sorted(bad))}")
        if "audit_type" in fields and fields["audit_type"] not in AUDIT_TYPES:
            raise InputError(f"unknown audit type '{fields['audit_type']}'")
        if fields.get("status") == "signed":
            raise InputError("an audit becomes signed only by signing its report")
        check_report_elements(fields)
        if "actual_time" in fields:  # stored normalised, after every record was checked
            fields["actual_time"] = [e.to_dict() for e in check_entries(fields["actual_time"])]
        check_dates(fields)
        if "headcount" in fields:
            check_headcount(fields["headcount"])
        with self.transaction():
            self._require_unlocked(audit_id)
            old = self.audit(audit_id)
            changed = {k: v for k, v in fields.items() if old[k] != v}
            if not changed:
                return
            stored = {k: _json(v) if k in AUDIT_JSON_FIELDS else v for k, v in changed.items()}
            sets = ", ".join(f"{k} = ?" for k in stored)
            self.db.execute(
                f"UPDATE audits SET {sets}, updated_at = ? WHERE id = ?",
                (*stored.values(), now(), audit_id),
            )
            self._log(
                audit_id, "update", "audit", old["uid"], {k: old[k] for k in changed}, changed
            )

    def mark_sample(self, audit_id: int) -> None:
        """Mark the built-in demo as a sample (its report may show the example CB identity)."""
        with self.transaction():
            self._require_unlocked(audit_id)
            old = self.audit(audit_id)
            if old["sample"]:
                return
            self.db.execute(
                "UPDATE audits SET sample = 1, updated_at = ? WHERE id = ?", (now(), audit_id)
            )
            self._log(audit_id, "update", "audit", old["uid"], {"sample": 0}, {"sample": 1})

    def set_archived(self, audit_id: int, archived: bool) -> None:
        with self.transaction():
            self.audit(audit_id)
            self.db.execute(
                "INSERT INTO audit_flags (audit_id, archived) VALUES (?, ?) "
                "ON CONFLICT(audit_id) DO UPDATE SET archived = excluded.archived",
                (audit_id, int(archived)),
            )
            self._log(
                audit_id,
                "archive" if archived else "unarchive",
                "audit",
                str(audit_id),
                None,
                archived,
            )

    # -- sites and team -------------------------------------------------------------------
    def sites(self, audit_id: int) -> list[Row]:
        return list(
            self.db.query(
                "SELECT * FROM audit_sites WHERE audit_id = ? ORDER BY position, id", (audit_id,)
            )
        )

    def replace_sites(self, audit_id: int, sites: list[Row]) -> None:
        """Replace the audit's site list (the details form edits it as one table)."""
        clean: list[Row] = []
        for n, site in enumerate(sites):
            name = str(site.get("name", "")).strip()
            if not name:
                raise InputError(f"site {n + 1}: a name is required")
            clean.append(
                {
                    "name": name,
                    "address": str(site.get("address", "")),
                    "is_central": int(bool(site.get("is_central"))),
                    "headcount": check_site_headcount(site.get("headcount"), name),
                    "visited": int(bool(site.get("visited"))),
                    "position": n,
                }
            )
        if sum(int(s["is_central"]) for s in clean) > 1:
            raise InputError("only one site can be the central function (head office)")
        with self.transaction():
            self._require_unlocked(audit_id)
            old = [
                {k: s[k] for k in ("name", "address", "is_central", "headcount", "visited")}
                for s in self.sites(audit_id)
            ]
            new = [
                {k: s[k] for k in ("name", "address", "is_central", "headcount", "visited")}
                for s in clean
            ]
            if old == new:
                return
            self.db.execute("DELETE FROM audit_sites WHERE audit_id = ?", (audit_id,))
            for site in clean:
                self.db.execute(
                    "INSERT INTO audit_sites (audit_id, name, address, is_central, headcount, "
                    "visited, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        audit_id,
                        site["name"],
                        site["address"],
                        site["is_central"],
                        site["headcount"],
                        site["visited"],
                        site["position"],
                    ),
                )
            self._log(audit_id, "update", "sites", str(audit_id), old, new)
            self._touch(audit_id, started=False)

    def team(self, audit_id: int) -> list[Row]:
        return list(
            self.db.query(
                "SELECT * FROM team_members WHERE audit_id = ? ORDER BY position, id", (audit_id,)
            )
        )

    def replace_team(self, audit_id: int, members: list[Row]) -> None:
        clean = []
        for n, member in enumerate(members):
            name = str(member.get("name", "")).strip()
            role = member.get("role", "member")
            if not name:
                raise InputError(f"team member {n + 1}: a name is required")
            if role not in TEAM_ROLES:
                raise InputError(f"{name}: unknown role '{role}' (one of {', '.join(TEAM_ROLES)})")
            clean.append({"name": name, "role": role})
        if sum(m["role"] == "leader" for m in clean) > 1:
            raise InputError("an audit team has one leader")
        with self.transaction():
            self._require_unlocked(audit_id)
            old = [{"name": m["name"], "role": m["role"]} for m in self.team(audit_id)]
            if old == clean:
                return
            self.db.execute("DELETE FROM team_members WHERE audit_id = ?", (audit_id,))
            for n, member in enumerate(clean):
                self.db.execute(
                    "INSERT INTO team_members (audit_id, name, role, position) VALUES (?, ?, ?, ?)",
                    (audit_id, member["name"], member["role"], n),
                )
            self._log(audit_id, "update", "team", str(audit_id), old, clean)
            self._touch(audit_id, started=False)

    # -- item results ---------------------------------------------------------------------
    def result_rows(self, audit_id: int) -> dict[str, Row]:
        rows = self.db.query("SELECT * FROM item_results WHERE audit_id = ?", (audit_id,))
        return {r["item_id"]: r for r in rows}

    def results(self, audit_id: int) -> dict[str, ItemResult]:
        return {
            item_id: r
            for item_id, row in self.result_rows(audit_id).items()
            if (r := row_to_result(row)) is not None
        }

    def set_result(self, audit_id: int, item_id: str, result: ItemResult | None) -> None:
        """Record (or with None, clear) an item's result; notes and methods are kept."""
        if result is not None:
            scheme = self.audit_scheme(audit_id)
            if scheme.has_item(item_id):  # an unknown item is refused below
                check_result(scheme.item(item_id), result)  # e.g. deleting a required item
        new = result_to_row(result)
        self._upsert_item(audit_id, item_id, new, "result")

    def set_note(self, audit_id: int, item_id: str, note: str) -> None:
        self._upsert_item(audit_id, item_id, {"note": note}, "note")

    def set_methods(self, audit_id: int, item_id: str, methods: list[str]) -> None:
        bad = [m for m in methods if m not in METHODS]
        if bad:
            raise InputError(f"unknown method(s) {', '.join(bad)} (one of {', '.join(METHODS)})")
        ordered = [m for m in METHODS if m in methods]
        self._upsert_item(audit_id, item_id, {"methods": _json(ordered)}, "methods")

    def _upsert_item(self, audit_id: int, item_id: str, values: Row, what: str) -> None:
        with self.transaction():
            self._require_unlocked(audit_id)
            if not self.audit_scheme(audit_id).has_item(item_id):
                raise InputError(f"the audit's scheme has no item '{item_id}'")
            old_row = self._one(
                "SELECT * FROM item_results WHERE audit_id = ? AND item_id = ?", (audit_id, item_id)
            )
            old = {k: old_row[k] for k in values} if old_row else None
            if old == values:
                return
            cols = ", ".join(values)
            marks = ", ".join("?" for _ in values)
            updates = ", ".join(f"{k} = excluded.{k}" for k in values)
            self.db.execute(
                f"INSERT INTO item_results (audit_id, item_id, updated_by, updated_at, {cols}) "
                f"VALUES (?, ?, ?, ?, {marks}) ON CONFLICT(audit_id, item_id) DO UPDATE SET "
                f"{updates}, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                (audit_id, item_id, self.actor, now(), *values.values()),
            )
            self._log(audit_id, "set", what, item_id, old, values)
            self._touch(audit_id)

    # -- findings -------------------------------------------------------------------------
    def findings(self, audit_id: int) -> list[Row]:
        return list(
            self.db.query("SELECT * FROM findings WHERE audit_id = ? ORDER BY id", (audit_id,))
        )

    def count_findings(self, audit_id: int, kind: str) -> int:
        row = self._one(
            "SELECT COUNT(*) AS n FROM findings WHERE audit_id = ? AND kind = ?", (audit_id, kind)
        )
        return int(row["n"]) if row else 0

    def add_finding(
        self,
        audit_id: int,
        kind: str,
        text: str,
        item_id: str | None = None,
        evidence: str = "",
        rectification: str = "",
        deadline: str = "",
        uid: str | None = None,
    ) -> int:
        if not text.strip():
            raise InputError("a finding needs a text")
        values: Row = {
            "uid": uid or _new_uid(),
            "audit_id": audit_id,
            "item_id": item_id or None,
            "kind": kind,
            "text": text.strip(),
            "evidence": evidence,
            "rectification": rectification,
            "deadline": deadline,
            "created_by": self.actor,
            "created_at": now(),
        }
        return self._insert_finding(values)

    def restore_finding(self, row: Row) -> int:
        """Undo of delete_finding: the same finding again (uid, author, time), trailed."""
        keep = (
            "uid",
            "audit_id",
            "item_id",
            "kind",
            "text",
            "evidence",
            "rectification",
            "deadline",
            "created_by",
            "created_at",
        )
        return self._insert_finding({k: row[k] for k in keep})

    def _insert_finding(self, values: Row) -> int:
        audit_id = int(values["audit_id"])
        with self.transaction():
            self._require_unlocked(audit_id)
            self._check_finding(audit_id, values["kind"], values["item_id"], None)
            cols = ", ".join(values)
            marks = ", ".join("?" for _ in values)
            cur = self.db.execute(
                f"INSERT INTO findings ({cols}) VALUES ({marks})", tuple(values.values())
            )
            finding_id = int(cur.lastrowid or 0)
            self._log(
                audit_id,
                "create",
                "finding",
                values["uid"],
                None,
                {k: values[k] for k in FINDING_FIELDS},
            )
            self._touch(audit_id)
        return finding_id

    def _check_finding(
        self, audit_id: int, kind: str, item_id: str | None, finding_id: int | None
    ) -> None:
        """The rules every way of writing a finding obeys (add, edit, undo, merge)."""
        if kind not in FINDING_KINDS:
            raise InputError(f"unknown finding kind '{kind}' (one of {', '.join(FINDING_KINDS)})")
        scheme = self.audit_scheme(audit_id)
        if item_id and not scheme.has_item(item_id):
            raise InputError(f"the audit's scheme has no item '{item_id}'")
        if kind == "bonus":
            # counted inside the write transaction, so two fronts cannot both add the last one
            row = self._one(
                "SELECT COUNT(*) AS n FROM findings WHERE audit_id = ? AND kind = 'bonus' "
                "AND id IS NOT ?",
                (audit_id, finding_id),
            )
            have, limit = int(row["n"]) if row else 0, scheme.rules.bonus_max_count
            if have >= limit:
                raise InputError(
                    f"this scheme allows at most {limit} special bonus item(s); "
                    f"the audit already has {have}"
                )

    def update_finding(self, finding_id: int, **fields: Any) -> None:
        bad = set(fields) - set(FINDING_FIELDS)
        if bad:
            raise InputError(f"unknown finding field(s): {', '.join(sorted(bad))}")
        if "text" in fields and not str(fields["text"]).strip():
            raise InputError("a finding needs a text")
        with self.transaction():
            old = self._one("SELECT * FROM findings WHERE id = ?", (finding_id,))
            if old is None:
                raise InputError(f"there is no finding {finding_id}")
            self._require_unlocked(old["audit_id"])
            merged = {**old, **fields}
            self._check_finding(old["audit_id"], merged["kind"], merged["item_id"], finding_id)
            changed = {k: v for k, v in fields.items() if old[k] != v}
            if not changed:
                return
            sets = ", ".join(f"{k} = ?" for k in changed)
            self.db.execute(
                f"UPDATE findings SET {sets} WHERE id = ?", (*changed.values(), finding_id)
            )
            self._log(
                old["audit_id"],
                "update",
                "finding",
                old["uid"],
                {k: old[k] for k in changed},
                changed,
            )
            self._touch(old["audit_id"])

    def delete_finding(self, finding_id: int) -> Row:
        with self.transaction():
            old = self._one("SELECT * FROM findings WHERE id = ?", (finding_id,))
            if old is None:
                raise InputError(f"there is no finding {finding_id}")
            self._require_unlocked(old["audit_id"])
            self.db.execute("DELETE FROM findings WHERE id = ?", (finding_id,))
            self._log(
                old["audit_id"],
                "delete",
                "finding",
                old["uid"],
                {k: old[k] for k in FINDING_FIELDS},
                None,
            )
            self._touch(old["audit_id"])
        return old

    # -- attachments ----------------------------------------------------------------------
    def add_attachment(
        self, audit_id: int, item_id: str | None, raw: bytes, name: str = "", caption: str = ""
    ) -> int:
        """Attach a photo or file (checked and downscaled first); returns the link id."""
        self._require_unlocked(audit_id)
        prepared = photos.intake(raw, name)  # slow part outside the write transaction
        with self.transaction():
            self._require_unlocked(audit_id)
            if item_id and not self.audit_scheme(audit_id).has_item(item_id):
                raise InputError(f"the audit's scheme has no item '{item_id}'")
            self.db.execute(
                "INSERT OR IGNORE INTO attachments (sha256, mime, original_name, original_size,"
                " data, data_sha256, thumb, width, height, added_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    prepared.sha256,
                    prepared.mime,
                    Path(name).name,
                    prepared.size,
                    prepared.data,
                    prepared.data_sha256,
                    prepared.thumb,
                    prepared.width,
                    prepared.height,
                    now(),
                ),
            )
            cur = self.db.execute(
                "INSERT INTO audit_attachments (audit_id, item_id, sha256, caption, added_by, "
                "added_at) VALUES (?, ?, ?, ?, ?, ?)",
                (audit_id, item_id, prepared.sha256, caption, self.actor, now()),
            )
            link_id = int(cur.lastrowid or 0)
            self._log(
                audit_id,
                "attach",
                "attachment",
                prepared.sha256,
                None,
                {"item_id": item_id, "name": Path(name).name, "caption": caption},
            )
            self._touch(audit_id)
        return link_id

    def attachments(self, audit_id: int, item_id: str | None = None) -> list[Row]:
        sql = (
            "SELECT l.id, l.audit_id, l.item_id, l.sha256, l.caption, l.added_by, l.added_at,"
            " a.mime, a.original_name, a.original_size, a.data_sha256, a.width, a.height "
            "FROM audit_attachments l JOIN attachments a ON a.sha256 = l.sha256 "
            "WHERE l.audit_id = ?"
        )
        params: tuple[Any, ...] = (audit_id,)
        if item_id is not None:
            sql += " AND l.item_id = ?"
            params += (item_id,)
        return list(self.db.query(sql + " ORDER BY l.id", params))

    def attachment_data(self, sha256: str, thumb: bool = False) -> bytes:
        row = self._one(
            f"SELECT {'thumb' if thumb else 'data'} AS d FROM attachments WHERE sha256 = ?",
            (sha256,),
        )
        if row is None or row["d"] is None:
            raise InputError(f"no attachment {sha256[:12]}")
        return bytes(row["d"])

    def set_caption(self, link_id: int, caption: str) -> None:
        with self.transaction():
            old = self._one("SELECT * FROM audit_attachments WHERE id = ?", (link_id,))
            if old is None:
                raise InputError(f"there is no attachment {link_id}")
            self._require_unlocked(old["audit_id"])
            if old["caption"] == caption:
                return
            self.db.execute(
                "UPDATE audit_attachments SET caption = ? WHERE id = ?", (caption, link_id)
            )
            self._log(
                old["audit_id"],
                "update",
                "attachment",
                old["sha256"],
                {"caption": old["caption"]},
                {"caption": caption},
            )

    def remove_attachment(self, link_id: int) -> Row:
        with self.transaction():
            old = self._one("SELECT * FROM audit_attachments WHERE id = ?", (link_id,))
            if old is None:
                raise InputError(f"there is no attachment {link_id}")
            self._require_unlocked(old["audit_id"])
            self.db.execute("DELETE FROM audit_attachments WHERE id = ?", (link_id,))
            self._log(
                old["audit_id"],
                "detach",
                "attachment",
                old["sha256"],
                {"item_id": old["item_id"], "caption": old["caption"]},
                None,
            )
            self._touch(old["audit_id"])
        return old

    def restore_attachment(self, row: Row) -> int:
        """Undo of remove_attachment: relink the stored file with its old caption."""
        with self.transaction():
            self._require_unlocked(row["audit_id"])
            cur = self.db.execute(
                "INSERT INTO audit_attachments (audit_id, item_id, sha256, caption, added_by, "
                "added_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    row["audit_id"],
                    row["item_id"],
                    row["sha256"],
                    row["caption"],
                    row["added_by"],
                    row["added_at"],
                ),
            )
            self._log(
                row["audit_id"],
                "attach",
                "attachment",
                row["sha256"],
                None,
                {"item_id": row["item_id"], "caption": row["caption"]},
            )
        return int(cur.lastrowid or 0)

    # -- trail ----------------------------------------------------------------------------
    def trail(self, audit_id: int | None = None) -> list[Row]:
        if audit_id is None:
            return list(self.db.query("SELECT * FROM trail ORDER BY id"))
        return list(
            self.db.query("SELECT * FROM trail WHERE audit_id = ? ORDER BY id", (audit_id,))
        )

    # -- signing and revisions ------------------------------------------------------------
    def confirm_presign(self, audit_id: int, confirmations: dict[str, str]) -> None:
        """The signer's answers to the pre-sign questions (check code -> reason), trailed;
        joins the caller's transaction, so they commit together with the lock."""
        with self.transaction():
            self._require_unlocked(audit_id)
            for code, reason in confirmations.items():
                if not str(code).strip():
                    raise InputError("a pre-sign confirmation needs the check it answers")
                if not str(reason).strip():
                    raise InputError(f"the confirmation of '{code}' needs a reason")
                self._log(audit_id, "confirm", "presign", code, None, {"reason": reason})

    def lock_with_report(self, audit_id: int, pdf: bytes, sha256: str, signer: str) -> None:
        """Store the signed report and lock the audit, in one transaction."""
        with self.transaction():
            self._require_unlocked(audit_id)
            stamp = now()
            self.db.execute(
                "INSERT INTO reports (audit_id, pdf, sha256, signer, signed_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (audit_id, pdf, sha256, signer, stamp),
            )
            self.db.execute(
                "UPDATE audits SET status = 'signed', locked = 1, signed_at = ?, "
                "updated_at = ? WHERE id = ?",
                (stamp, stamp, audit_id),
            )
            self._log(
                audit_id,
                "sign",
                "audit",
                str(audit_id),
                None,
                {"report_sha256": sha256, "signer": signer},
            )

    def latest_report(self, audit_id: int) -> Row | None:
        return self._one(
            "SELECT * FROM reports WHERE audit_id = ? ORDER BY id DESC LIMIT 1", (audit_id,)
        )

    def new_revision(self, audit_id: int, reason: str) -> int:
        """Copy a signed audit into a new, editable revision that says what it replaces."""
        if not reason.strip():
            raise InputError("a new revision needs a reason")
        old = self.audit(audit_id)
        if not old["locked"]:
            raise InputError(f"audit {audit_id} is not signed; edit it directly")
        latest = self._one(
            "SELECT MAX(revision) AS r FROM audits WHERE series_uid = ?", (old["series_uid"],)
        )
        with self.transaction():
            fields = {k: old[k] for k in AUDIT_TEXT_FIELDS if k != "status"}
            fields.update({k: old[k] for k in AUDIT_JSON_FIELDS})
            new_id = self.create_audit(
                old["org_id"],
                fields.pop("audit_type"),
                self.scheme(old["scheme_hash"]),
                series_uid=old["series_uid"],
                revision=int(latest["r"] if latest else 0) + 1,
                supersedes_uid=old["uid"],
                revision_reason=reason.strip(),
                **fields,
            )
            self.db.execute(
                "INSERT INTO item_results (audit_id, item_id, result, sampled, nonconforming,"
                " points, reason, note, methods, updated_by, updated_at) SELECT ?, item_id, "
                "result, sampled, nonconforming, points, reason, note, methods, updated_by, "
                "updated_at FROM item_results WHERE audit_id = ?",
                (new_id, audit_id),
            )
            self.db.execute(
                "INSERT INTO findings (uid, audit_id, item_id, kind, text, evidence, "
                "rectification, deadline, created_by, created_at) SELECT uid || '/r' || ?, ?, "
                "item_id, kind, text, evidence, rectification, deadline, created_by, created_at"
                " FROM findings WHERE audit_id = ?",
                (new_id, new_id, audit_id),
            )
            for table, cols in (
                ("audit_attachments", "item_id, sha256, caption, added_by, added_at"),
                ("audit_sites", "name, address, is_central, headcount, visited, position"),
                ("team_members", "name, role, position"),
            ):
                self.db.execute(
                    f"INSERT INTO {table} (audit_id, {cols}) SELECT ?, {cols} "
                    f"FROM {table} WHERE audit_id = ?",
                    (new_id, audit_id),
                )
            self._log(new_id, "revise", "audit", old["uid"], None, {"reason": reason.strip()})
        return new_id


def result_to_row(result: ItemResult | None) -> Row:
    if result is None:
        return {
            "result": None,
            "sampled": None,
            "nonconforming": None,
            "points": None,
            "reason": "",
        }
    return {
        "result": result.kind,
        "sampled": result.sampled,
        "nonconforming": result.nonconforming,
        "points": None if result.points is None else str(result.points),
        "reason": result.reason,
    }


def row_to_result(row: Row) -> ItemResult | None:
    if row.get("result") is None:
        return None
    points = row.get("points")
    return ItemResult(
        row["result"],
        row.get("sampled"),
        row.get("nonconforming"),
        None if points is None else Decimal(points),
        row.get("reason") or "",
    )


def _operational_message(exc: sqlite3.OperationalError, path: Path) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return (
            f"the database {path} is in use by another program; close it and try again "
            "(nothing was changed)"
        )
    if "full" in text:
        return f"the disk holding {path} is full; free some space (nothing was lost)"
    if "readonly" in text or "read-only" in text:
        return f"{path} cannot be written (read-only folder or file); nothing was changed"
    return f"database error on {path}: {text}"
