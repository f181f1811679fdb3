"""The phrase library (issue 13, item 7): data validated on load, offered per item, inserted by
keyboard into the evidence note and the finding dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from auditor_app.core.errors import ValidationError
from auditor_app.core.phrases import for_scheme, load_phrases
from auditor_app.ui.scoring.findings import FindingDialog
from tests.test_ui_scoring import make_workspace


def _ids(scheme) -> set[str]:
    return (
        {g.id for g in scheme.groups}
        | {i.id for g in scheme.groups for i in g.indicators}
        | {it.id for it in scheme.items}
    )


def test_shipped_library_loads_and_orders_item_then_indicator_then_general(default_scheme):
    book = for_scheme(default_scheme)
    findings = [p.text for p in book.for_item("5.3.2.3", "finding")]
    # the indicator 5.3.2's phrases come before the general ones
    assert findings[0].startswith("抽查 … 份投诉案卷")
    assert findings[-1] == book.for_item(None, "finding")[-1].text
    own = book.for_item("5.2.4.2", "evidence")
    assert own[0].scope == "5.2.4.2" and own[-1].scope == ""


def test_every_mistake_is_reported_with_its_place(default_scheme, tmp_path: Path):
    bad = tmp_path / "phrases.toml"
    bad.write_text(
        'format = "auditor-phrases/1"\nscheme = "other"\ncolour = 1\n'
        '[general]\nevidence = ["", 3]\nopinion = ["x"]\n'
        '[items."9.9.9"]\nfinding = ["x"]\n'
        '[items."5.1.1.1"]\nfinding = "not a list"\nrectification = ["' + "长" * 501 + '"]\n',
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        load_phrases(default_scheme.id, _ids(default_scheme), bad)
    text = str(caught.value)
    for expected in (
        "scheme: must be 'gbt27922-2011'",
        "unknown keys: colour",
        "general.evidence[1]: must be a non-empty text",
        "general.evidence[2]: must be a non-empty text",
        "general.opinion: must be one of",
        "items.'9.9.9': the scheme has no such item",
        "items.'5.1.1.1'.finding: must be a list",
        "items.'5.1.1.1'.rectification[1]: longer than 500",
    ):
        assert expected in text, text
    bad.write_text("format = [", encoding="utf-8")
    with pytest.raises(ValidationError, match="cannot be read as TOML"):
        load_phrases(default_scheme.id, _ids(default_scheme), bad)


def test_a_scheme_without_a_library_has_an_empty_book(stars_scheme):
    assert for_scheme(stars_scheme).for_item("5.1.1.1", "evidence") == []


@pytest.mark.gui
def test_ctrl_space_in_the_note_inserts_a_phrase_and_selects_its_gap(
    qtbot, service, store, audit_id
):
    ws = make_workspace(qtbot, service, audit_id)
    ws.select_item("5.2.4.2")
    note = ws.detail.note
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    qtbot.keyClick(note, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    menu = note.phrase_menu
    assert menu is not None and menu.isVisible()
    first = menu.actions()[0]
    assert first.toolTip().startswith("维修时限承诺为")
    first.trigger()
    assert note.toPlainText().startswith("维修时限承诺为 … 小时内响应")
    assert note.textCursor().selectedText() == "…"  # typing replaces the first gap
    qtbot.keyClicks(note, "24")
    note.flush()
    assert store.result_rows(audit_id)["5.2.4.2"]["note"].startswith("维修时限承诺为 24 小时")


@pytest.mark.gui
def test_ctrl_space_in_the_finding_dialog_offers_the_fields_phrases(
    qtbot, service, store, audit_id
):
    ws = make_workspace(qtbot, service, audit_id)
    dialog = FindingDialog(ws.add_finding, item_id="5.3.2.3", parent=ws, phrases=ws.phrases)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    dialog.text.setFocus()
    qtbot.waitUntil(dialog.text.hasFocus)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    dialog.phrase_menu.actions()[0].trigger()
    assert dialog.text.toPlainText() == "抽查 … 份投诉案卷，… 份结案前未回访顾客。"
    dialog.rectification.setFocus()
    qtbot.waitUntil(dialog.rectification.hasFocus)
    dialog.show_phrases()
    dialog.phrase_menu.actions()[0].trigger()
    assert dialog.rectification.toPlainText().startswith("对超时和未回访的投诉")
    assert QApplication.focusWidget() is dialog.rectification
