"""The scoring workspace fits common laptop screens: at 1366×768 and 1440×900 the item's right
column (Clear [X], the findings with their Deadline column and "Whole audit") is fully in view,
with no horizontal scroll bar, for every kind of item and with a refusal shown.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
from test_ui_support import GUI_MARKS

pytest_plugins = ["test_ui_support"]  # its fixtures: launcher, message_boxes …
pytestmark = GUI_MARKS


@pytest.fixture(autouse=True)
def _chinese_window(qapp):
    """The texts asserted below are the default (Chinese) window's, whatever ran before."""
    from auditor_app.ui import i18n

    i18n.install("zh_CN")


ITEMS = ("5.1.2.2", "5.1.1.2", "5.1.6.3", "5.2.6.1")  # a finding; sampled; graded; deletable


def _right_edge(widget, viewport) -> int:
    return widget.mapTo(viewport, QPoint(widget.width(), 0)).x()


def _assert_fits(ws) -> None:
    pane = ws.detail
    viewport = pane.viewport()
    assert pane.horizontalScrollBar().maximum() == 0, "the item needs a horizontal scroll bar"
    assert pane.widget().width() <= viewport.width()
    editor, findings = pane.result, pane.findings
    for widget in (editor.clear_button, findings.all_box, findings.table, pane.evidence_box):
        assert _right_edge(widget, viewport) <= viewport.width(), widget
    table = findings.table
    assert table.horizontalScrollBar().maximum() == 0  # the Deadline column is in view
    header = table.horizontalHeader()
    last = header.sectionViewportPosition(3) + header.sectionSize(3)
    assert last <= table.viewport().width()
    assert ws.splitter.sizes()[0] >= 260  # and the tree keeps a usable width


@pytest.mark.parametrize("size", [(1366, 768), (1440, 900), (1360, 860)])
def test_the_scoring_workspace_fits_without_horizontal_scrolling(
    qtbot, launcher, db_path, demo_audit, size
):
    from auditor_app.ui.audit_view import SCORING_TAB

    window = launcher.start(db_path).window
    window.resize(*size)
    assert window.open_audit(demo_audit, SCORING_TAB)
    ws = window.audit_view.workspace
    for item_id in ITEMS:
        ws.select_item(item_id)
        QApplication.processEvents()
        _assert_fits(ws)
    ws.detail.findings.all_box.setChecked(True)  # every finding of the audit
    QApplication.processEvents()
    _assert_fits(ws)

    editor = ws.detail.result  # a refusal shown next to the reason wraps, it does not widen
    ws.select_item("5.2.6.1")  # the 5.1 items may not be deleted
    editor.start_delete()
    editor.apply_delete()
    QApplication.processEvents()
    assert editor.reason_error.isVisibleTo(ws) and "理由" in editor.reason_error.text()
    _assert_fits(ws)
