"""The tree and the score bar print the same "earned / out of" figures (issue 13 item 8).

Regression: after an item of 5.2 was deleted (N/A) the tree's group row said "/ 35" (the
scheme's points) while the score bar said "/33" (the applicable points the engine scores on).
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from auditor_app.core.numbers import fmt_points
from auditor_app.ui.scoring.tree_model import COL_SCORE
from tests.test_ui_scoring import make_workspace, press, typed

pytestmark = pytest.mark.gui


def tree_out_of(ws, node_id: str) -> str:
    cell = ws.model.index_of(node_id, COL_SCORE).data(Qt.ItemDataRole.DisplayRole)
    return cell.rsplit("/", 1)[1].strip()


def bar_out_of(ws) -> list[str]:
    """The "X" of every group's "earned/X" on the score bar, in scheme order."""
    return re.findall(r"</b>/([0-9.–-]+)", ws.score_bar.groups.text())


def test_deleting_an_item_changes_the_tree_and_the_bar_alike(qtbot, service, audit_id):
    ws = make_workspace(qtbot, service, audit_id)
    scheme = service.scheme(audit_id)
    group_ids = [g.id for g in scheme.groups]
    group52 = next(g for g in scheme.groups if g.id == "5.2")
    assert [tree_out_of(ws, g) for g in group_ids] == bar_out_of(ws)
    item = group52.indicators[-1].items[-1]
    ws.select_item(item.id)
    ws.focus_tree()
    press(qtbot, Qt.Key.Key_D)
    typed(qtbot, "no such business")
    press(qtbot, Qt.Key.Key_Return)
    assert ws.score.item_status[item.id] == "deleted"

    expected = fmt_points(group52.points - item.points)  # 35 - 2 → "33"
    assert tree_out_of(ws, "5.2") == expected
    assert bar_out_of(ws)[group_ids.index("5.2")] == expected
    assert [tree_out_of(ws, g) for g in group_ids] == bar_out_of(ws)
    indicator = group52.indicators[-1]
    assert tree_out_of(ws, indicator.id) == fmt_points(indicator.points - item.points)
    # the deleted item keeps its own points (what it would be worth), as the report prints it
    assert tree_out_of(ws, item.id) == fmt_points(item.points)

    ws.undo()  # undoing the deletion gives the points back on both
    assert tree_out_of(ws, "5.2") == fmt_points(group52.points)
    assert [tree_out_of(ws, g) for g in group_ids] == bar_out_of(ws)
