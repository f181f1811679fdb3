"""Window state and "where was I" in QSettings; nothing about the audits themselves.

Domain settings (auditor name, CB name, default scheme, language) live in the database, so they
travel with it. QSettings holds only what belongs to this computer: geometry, splitter and
header states, recent audits, and the last audit/tab/item so the app reopens where the auditor
was. The language is mirrored here only to word error messages before a database is open.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

RECENT_MAX = 8


@dataclass(frozen=True)
class RecentAudit:
    """An entry of the recent-audits list: the database (resolved path), the audit's id in it and
    the label the menu shows."""

    db: str
    audit_id: int
    label: str


def _settings() -> QSettings:
    return QSettings()


def _key(path: str | Path) -> str:
    return str(Path(path).resolve())


def _store(key: str, value: str | QByteArray, settings: QSettings | None = None) -> bool:
    """Write `value` unless the file already holds it; True when written.

    QSettings rewrites its whole file (temporary copy, lock, rename) whenever a value is set,
    even an equal one: a start that reopens the last audit set the same language, recent list
    and place again (three rewrites, ~3 ms, on every start) and a close the same window
    geometry and states.
    """
    if settings is None:
        settings = _settings()
    if settings.value(key) == value:
        return False
    settings.setValue(key, value)
    return True


def save_bytes(key: str, value: QByteArray) -> None:
    _store(key, value)


def load_bytes(key: str) -> QByteArray | None:
    value = _settings().value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def language_hint() -> str | None:
    value = _settings().value("ui/language_hint")
    return str(value) if value else None


def set_language_hint(code: str) -> None:
    _store("ui/language_hint", code)


def _json(key: str, default: Any) -> Any:
    raw = _settings().value(key)
    if not raw:
        return default
    try:
        return json.loads(str(raw))
    except ValueError:  # a hand-edited or damaged value: forget it rather than fail
        return default


def recent_audits() -> list[RecentAudit]:
    out = []
    for entry in _json("session/recent_audits", []):
        try:
            out.append(
                RecentAudit(str(entry["db"]), int(entry["audit_id"]), str(entry.get("label", "")))
            )
        except (KeyError, TypeError, ValueError):
            continue
    return out


def add_recent_audit(db: str | Path, audit_id: int, label: str) -> None:
    key = _key(db)
    entries = [r for r in recent_audits() if not (r.db == key and r.audit_id == audit_id)]
    entries.insert(0, RecentAudit(key, audit_id, label))
    data = [{"db": r.db, "audit_id": r.audit_id, "label": r.label} for r in entries[:RECENT_MAX]]
    _store("session/recent_audits", json.dumps(data, ensure_ascii=False))


def forget_recent_audit(db: str | Path, audit_id: int) -> None:
    key = _key(db)
    data = [
        {"db": r.db, "audit_id": r.audit_id, "label": r.label}
        for r in recent_audits()
        if not (r.db == key and r.audit_id == audit_id)
    ]
    _store("session/recent_audits", json.dumps(data, ensure_ascii=False))


@dataclass(frozen=True)
class Place:
    """Where the auditor was: database, audit, tab and scoring item."""

    db: str
    audit_id: int | None
    tab: int = 0
    item_id: str | None = None


def last_place() -> Place | None:
    data = _json("session/last_place", None)
    if not isinstance(data, dict) or "db" not in data:
        return None
    audit = data.get("audit_id")
    return Place(
        str(data["db"]),
        int(audit) if audit is not None else None,
        int(data.get("tab") or 0),
        data.get("item_id") or None,
    )


def set_last_place(place: Place) -> None:
    data = {
        "db": _key(place.db),
        "audit_id": place.audit_id,
        "tab": place.tab,
        "item_id": place.item_id,
    }
    settings = _settings()
    if _store("session/last_place", json.dumps(data, ensure_ascii=False), settings):
        # Written at once: the next start must find it even after a crash or a power cut.
        settings.sync()


def same_db(a: str | Path, b: str | Path) -> bool:
    return _key(a) == _key(b)
