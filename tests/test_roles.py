"""The window and the report name the team roles alike (issue 13 item 8: the window said
"Team member" where the report said "Auditor"). The names are read where people see them: the
Details page's team table and the report PDF, in Chinese and in English."""

from __future__ import annotations

import pytest

from auditor_app.core.roles import ROLE_NAMES, role_name
from auditor_app.report import export_report
from auditor_app.store.audit_store import TEAM_ROLES
from tests.conftest import have, pdf_text

pytest_plugins = ["test_ui_support"]  # its fixtures: launcher, message_boxes …


def test_every_stored_role_has_a_name_in_both_languages():
    assert tuple(ROLE_NAMES) == TEAM_ROLES  # same codes, the team's order
    for code in TEAM_ROLES:
        zh, en = role_name(code)
        assert zh and en and zh != en and not zh.isascii() and en.isascii()
    assert role_name("member") == ("审核员", "Auditor")
    assert role_name("unknown") == ("unknown", "unknown")  # an old file prints, never fails


def report_roles(text: str, names: list[str]) -> dict[str, tuple[str, str]]:
    """(Chinese, English) role per member from the report's team table: the Chinese on the
    member's line after the name, the English on the next line with text."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if "审核组 Audit team" in line)
    out = {}
    for name in names:
        at = next(n for n in range(start, len(lines)) if name in lines[n])
        zh = lines[at].split(name, 1)[1].strip()
        en = next(line.strip() for line in lines[at + 1 :] if line.strip())
        out[name] = (zh, en)
    return out


@pytest.mark.skipif(not have("pdftotext"), reason="poppler's layout text is read on Linux")
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_window_and_report_name_the_roles_alike(
    qtbot, launcher, db_path, store, audit_id, tmp_path, language
):
    names = [f"成员{n}" for n in range(len(TEAM_ROLES))]
    store.replace_team(
        audit_id, [{"name": n, "role": r} for n, r in zip(names, TEAM_ROLES, strict=True)]
    )
    store.set_setting("ui_language", language)
    window = launcher.start(db_path).window
    window.open_audit(audit_id)
    model = window.audit_view.details.team.model
    shown = {model.index(n, 0).data(): model.index(n, 1).data() for n in range(len(names))}
    assert set(shown) == set(names)

    printed = report_roles(pdf_text(export_report(store, audit_id, tmp_path / "r.pdf").path), names)
    column = 0 if language == "zh_CN" else 1
    for name, code in zip(names, TEAM_ROLES, strict=True):
        assert shown[name] == printed[name][column], (code, shown[name], printed[name])
    if language == "en":
        assert shown[names[1]] == "Auditor"  # was "Team member"
    else:
        assert shown[names[1]] == "审核员"
