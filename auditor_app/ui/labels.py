"""Display names of the domain's codes (audit types, statuses, roles …) in the UI language.

The store keeps language-neutral codes ("surveillance", "leader"); only the UI names them.
Each name is a literal inside `translate("Labels", …)` so that lupdate can find it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from auditor_app.core.roles import role_name
from auditor_app.core.scheme import Scheme
from auditor_app.ui.i18n import pick

translate = QCoreApplication.translate


def audit_type(code: str) -> str:
    names = {
        "initial": translate("Labels", "Initial audit"),
        "surveillance": translate("Labels", "Surveillance audit"),
        "recertification": translate("Labels", "Recertification audit"),
        "special": translate("Labels", "Special audit"),
    }
    return names.get(code, code)


def status(code: str, revision: int = 0) -> str:
    names = {
        "draft": translate("Labels", "Draft"),
        "in_progress": translate("Labels", "In progress"),
        "signed": translate("Labels", "Signed"),
    }
    text = names.get(code, code)
    if revision:
        text += " · " + translate("Labels", "revision {n}").format(n=revision)
    return text


def role(code: str) -> str:
    """The role as the report names it (one table in core, both languages)."""
    return pick(*role_name(code))


def trail_action(code: str) -> str:
    names = {
        "create": translate("Labels", "created"),
        "update": translate("Labels", "changed"),
        "set": translate("Labels", "recorded"),
        "delete": translate("Labels", "deleted"),
        "attach": translate("Labels", "attached"),
        "detach": translate("Labels", "removed"),
        "archive": translate("Labels", "archived"),
        "unarchive": translate("Labels", "unarchived"),
        "sign": translate("Labels", "signed"),
        "revise": translate("Labels", "new revision"),
    }
    return names.get(code, code)


def trail_entity(code: str) -> str:
    names = {
        "audit": translate("Labels", "audit"),
        "organisation": translate("Labels", "client"),
        "sites": translate("Labels", "sites"),
        "team": translate("Labels", "team"),
        "result": translate("Labels", "result"),
        "note": translate("Labels", "note"),
        "methods": translate("Labels", "methods"),
        "finding": translate("Labels", "finding"),
        "attachment": translate("Labels", "photo/file"),
        "setting": translate("Labels", "setting"),
    }
    return names.get(code, code)


def level(scheme: Scheme, level_id: str) -> str:
    """The level's title from the scheme, in the UI language."""
    try:
        found = scheme.level(level_id)
    except (KeyError, ValueError, StopIteration):
        return level_id
    return pick(found.title_zh, found.title_en)


def scheme_title(scheme: Scheme) -> str:
    return pick(scheme.title_zh, scheme.title_en)
