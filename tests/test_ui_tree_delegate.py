"""The scheme tree's own cell painting (tree_delegate.py): what it draws, read back as pixels."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from auditor_app.core.results import CONFORM, ItemResult
from auditor_app.ui.scoring.labels import STATUS_COLOR
from auditor_app.ui.scoring.tree_delegate import TreeDelegate
from auditor_app.ui.scoring.tree_model import COL_STATUS, COL_TITLE
from auditor_app.ui.scoring.workspace import ScoringWorkspace

pytestmark = pytest.mark.gui


@pytest.fixture
def ws(qtbot, service, audit_id):
    ws = ScoringWorkspace(service)
    qtbot.addWidget(ws)
    ws.resize(1400, 860)
    ws.set_audit(audit_id)
    ws.show()
    qtbot.waitExposed(ws)
    return ws


def viewport_image(ws: ScoringWorkspace) -> QImage:
    return ws.tree.viewport().grab().toImage()


def colours_in(image: QImage, left: int, top: int, width: int, height: int) -> set[str]:
    return {
        image.pixelColor(x, y).name()
        for x in range(max(0, left), min(image.width(), left + width))
        for y in range(max(0, top), min(image.height(), top + height))
    }


def test_tree_uses_the_caching_delegate_and_draws_status_marks(ws, service, audit_id):
    assert isinstance(ws.tree.itemDelegate(), TreeDelegate)
    first = ws.model.item_ids()[0]
    service.record(audit_id, first, ItemResult(CONFORM))
    ws._rescore()
    ws.select_item(ws.model.item_ids()[5])  # the conforming row is not the selected one
    index = ws.model.index_of(first, COL_TITLE)
    ws.tree.scrollTo(index)
    image = viewport_image(ws)
    rect = ws.tree.visualRect(index)
    green = QColor(STATUS_COLOR[CONFORM]).name()
    # the filled mark left of the title, and the status word in the status colour
    assert green in colours_in(image, rect.left(), rect.top(), 40, rect.height())
    status = ws.tree.visualRect(ws.model.index_of(first, COL_STATUS))
    assert green in colours_in(image, status.left(), status.top(), status.width(), status.height())


def test_narrow_title_column_elides_and_wide_one_does_not(ws):
    delegate = ws.tree.itemDelegate()
    assert isinstance(delegate, TreeDelegate)
    node = ws.model.node_by_id(ws.model.item_ids()[0])
    assert node is not None
    ws.tree.viewport().grab()
    shown = {key[0]: static.text() for key, static in delegate._texts.items()}
    assert shown[node.cells[COL_TITLE]] == node.cells[COL_TITLE]  # 1400 px: room for it all
    ws.resize(600, 860)
    ws.splitter.setSizes([180, 420])
    ws.tree.viewport().grab()
    narrow = [
        static.text()
        for (text, width, _bold), static in delegate._texts.items()
        if text == node.cells[COL_TITLE] and width < 120
    ]
    assert narrow and all(t.endswith("…") and len(t) < len(node.cells[COL_TITLE]) for t in narrow)


def test_filtered_tree_is_painted_through_the_proxy(ws, service, audit_id):
    first, second = ws.model.item_ids()[:2]
    for item_id in (first, second):
        service.record(audit_id, item_id, ItemResult(CONFORM))
    ws._rescore()
    ws.select_item(second)  # the row looked at is not the selected one
    ws.status_filter.setCurrentIndex(ws.status_filter.findData(CONFORM))
    assert ws.tree.model() is ws.proxy
    image = viewport_image(ws)
    rect = ws.tree.visualRect(ws._view_index(first))
    assert rect.isValid()
    green = QColor(STATUS_COLOR[CONFORM]).name()
    assert green in colours_in(image, rect.left(), rect.top(), 40, rect.height())
