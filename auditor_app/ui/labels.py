"""Display names of the domain's codes (audit types, statuses, roles …) in the UI language.

The store keeps language-neutral codes ("surveillance", "leader"); only the UI names them.
Each name is a literal inside `translate("Labels", …)` so that lupdate can find it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from auditor_app.ui.i18n import pick

_T = QCoreApplication.translate


def audit_type(code: str) -> str:
    names = {
        "initial": _T("Labels", "Initial audit"),
        "surveillance": _T("Labels", "Surveillance audit"),
        "recertification": _T("Labels", "Recertification audit"),
        "special": _T("Labels", "Special audit"),
    }
    return names.get(code, code)


def status(code: str, revision: int = 0) -> str:
    names = {
        "draft": _T("Labels", "Draft"),
        "in_progress": _T("Labels", "In progress"),
        "signed": _T("Labels", "Signed"),
    }
    text = names.get(code, code)
    if revision:
        text += " · " + _T("Labels", "revision {n}").format(n=revision)
    return text


def role(code: str) -> str:
    names = {
        "leader": _T("Labels", "Team leader"),
        "member": _T("Labels", "Team member"),
        "expert": _T("Labels", "Technical expert"),
        "observer": _T("Labels", "Observer"),
        "trainee": _T("Labels", "Trainee auditor"),
    }
    return names.get(code, code)


def trail_action(code: str) -> str:
    names = {
        "create": _T("Labels", "created"),
        "update": _T("Labels", "changed"),
        "set": _T("Labels", "recorded"),
        "delete": _T("Labels", "deleted"),
        "attach": _T("Labels", "attached"),
        "detach": _T("Labels", "removed"),
        "archive": _T("Labels", "archived"),
        "unarchive": _T("Labels", "unarchived"),
        "sign": _T("Labels", "signed"),
        "revise": _T("Labels", "new revision"),
    }
    return names.get(code, code)


def level(scheme, level_id: str) -> str:  # scheme: auditor_app.core.scheme.Scheme
    """The level's title from the scheme, in the UI language."""
    try:
        found = scheme.level(level_id)
    except (KeyError, ValueError, StopIteration):
        return level_id
    return pick(found.title_zh, found.title_en)


def scheme_title(scheme) -> str:
    return pick(scheme.title_zh, scheme.title_en)
