"""The scoring workspace driven through its real widgets (offscreen), on a real SQLite file.

Keys are sent to whichever widget has the focus, as a keyboard would; every check reads the
database back rather than trusting the widgets.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QModelIndex, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication

from auditor_app.core.results import ItemResult
from auditor_app.services.audits import AuditService
from auditor_app.store.audit_store import AuditStore, row_to_result
from auditor_app.ui.scoring.findings import FindingDialog
from auditor_app.ui.scoring.photo_dialog import PhotoDialog
from auditor_app.ui.scoring.tree_model import NODE_ID_ROLE
from auditor_app.ui.scoring.workspace import ScoringWorkspace

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _chinese_window(qapp):
    """The texts asserted below are the default (Chinese) window's, whatever ran before."""
    from auditor_app.ui import i18n

    i18n.install("zh_CN")


def make_workspace(qtbot, service, audit_id) -> ScoringWorkspace:
    ws = ScoringWorkspace(service)
    qtbot.addWidget(ws)
    ws.resize(1400, 860)
    ws.set_audit(audit_id)
    with qtbot.waitActive(ws):  # shortcuts and focus need the active window
        ws.show()
        ws.activateWindow()
    ws.focus_tree()
    return ws


@pytest.fixture
def ws(qtbot, service, audit_id):
    return make_workspace(qtbot, service, audit_id)


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifier)


def typed(qtbot, text):
    """Type into the focused widget: ASCII as key presses, Chinese as an input method commits
    it (QTest cannot press keys outside Latin-1)."""
    target = QApplication.focusWidget()
    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            qtbot.keyClicks(target, chunk)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(chunk)
            QApplication.sendEvent(target, event)


def result(store, audit_id, item_id):
    return row_to_result(store.result_rows(audit_id).get(item_id, {}))


def jpeg_file(path: Path, color=(30, 120, 200)) -> Path:
    Image.new("RGB", (320, 240), color).save(path, "JPEG")
    return path


def visible_item_ids(ws) -> list[str]:
    out = []

    def walk(parent):
        for row in range(ws.proxy.rowCount(parent)):
            index = ws.proxy.index(row, 0, parent)
            if ws.proxy.rowCount(index) == 0:
                out.append(index.data(NODE_ID_ROLE))
            walk(index)

    walk(QModelIndex())
    return out


def test_score_items_by_keyboard_only(qtbot, ws, store, audit_id):
    assert ws.current_item() == "5.1.1.1"  # opens on the first unscored item
    press(qtbot, Qt.Key.Key_C)
    assert result(store, audit_id, "5.1.1.1") == ItemResult("conform")

    press(qtbot, Qt.Key.Key_J)  # next unscored: a sampled item
    assert ws.current_item() == "5.1.1.2"
    press(qtbot, Qt.Key.Key_S)
    assert QApplication.focusWidget() is ws.detail.result.n_spin
    typed(qtbot, "6")
    press(qtbot, Qt.Key.Key_Return)  # Enter moves on to k
    assert QApplication.focusWidget() is ws.detail.result.k_spin
    typed(qtbot, "1")
    press(qtbot, Qt.Key.Key_Return)  # Enter records and returns to the tree
    assert result(store, audit_id, "5.1.1.2") == ItemResult("sampled", 6, 1)
    assert QApplication.focusWidget() is ws.tree

    press(qtbot, Qt.Key.Key_J)
    press(qtbot, Qt.Key.Key_N)
    assert result(store, audit_id, "5.1.2.1") == ItemResult("nonconform")
    press(qtbot, Qt.Key.Key_K)  # previous unscored wraps from the start
    assert ws.current_item() == ws.model.item_ids()[-1]

    ws.select_item("5.1.6.3")  # graded: G, → to the next step, Enter
    ws.focus_tree()
    press(qtbot, Qt.Key.Key_G)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Return)
    assert result(store, audit_id, "5.1.6.3") == ItemResult("graded", points=Decimal(2))

    ws.select_item("5.2.6.1")  # the 5.1 items may not be deleted (issue 12)
    ws.focus_tree()
    item = ws.current_item()
    press(qtbot, Qt.Key.Key_D)  # delete: an empty reason is refused in place
    press(qtbot, Qt.Key.Key_Return)
    assert "理由" in ws.detail.result.error_text()
    assert result(store, audit_id, item) is None
    typed(qtbot, "不适用：无此业务")
    press(qtbot, Qt.Key.Key_Return)
    assert result(store, audit_id, item) == ItemResult("na", reason="不适用：无此业务")

    press(qtbot, Qt.Key.Key_E)  # the note, then Esc back; committed on leaving
    assert QApplication.focusWidget() is ws.detail.note
    typed(qtbot, "cnj 不应触发快捷键")  # letters typed in a text field stay text
    press(qtbot, Qt.Key.Key_Escape)
    assert store.result_rows(audit_id)[item]["note"] == "cnj 不应触发快捷键"
    assert result(store, audit_id, item).kind == "na"
    press(qtbot, Qt.Key.Key_2)  # methods by number
    assert json.loads(store.result_rows(audit_id)[item]["methods"]) == ["interview"]
    assert ws.score.scored == 5


def test_sampled_k_above_n_refused_in_place_and_kept(qtbot, ws, store, audit_id):
    ws.select_item("5.1.1.2")
    ws.focus_tree()
    press(qtbot, Qt.Key.Key_S)
    typed(qtbot, "3")
    press(qtbot, Qt.Key.Key_Return)
    typed(qtbot, "5")
    press(qtbot, Qt.Key.Key_Return)
    editor = ws.detail.result
    assert "不合格数不能大于抽样数" in editor.sample_error.text()
    assert "不合格数不能大于抽样数" in editor.sample_error.text()
    assert editor.sample_error.isVisible()
    assert (editor.n_spin.value(), editor.k_spin.value()) == (3, 5)  # nothing lost
    assert result(store, audit_id, "5.1.1.2") is None
    assert ws.undo_stack.count() == 0

    ws.select_item("5.1.1.1")  # away and back: the typed values and the reason are still there
    ws.select_item("5.1.1.2")
    assert (editor.n_spin.value(), editor.k_spin.value()) == (3, 5)
    assert "不合格数不能大于抽样数" in editor.sample_error.text()

    editor.k_spin.setFocus()
    editor.k_spin.selectAll()
    typed(qtbot, "2")
    press(qtbot, Qt.Key.Key_Return)
    assert result(store, audit_id, "5.1.1.2") == ItemResult("sampled", 3, 2)
    assert editor.error_text() == ""


def test_note_is_committed_while_typing_and_on_switch(qtbot, ws, store, audit_id):
    press(qtbot, Qt.Key.Key_E)
    typed(qtbot, "组织机构图与实际一致")
    qtbot.waitUntil(  # idle commit, no focus change needed
        lambda: (
            store.result_rows(audit_id).get("5.1.1.1", {}).get("note") == "组织机构图与实际一致"
        ),
        timeout=3000,
    )
    typed(qtbot, "。")
    press(qtbot, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)  # Ctrl+J while typing
    assert store.result_rows(audit_id)["5.1.1.1"]["note"] == "组织机构图与实际一致。"
    assert ws.current_item() == "5.1.1.2"
    assert QApplication.focusWidget() is ws.detail.note  # keep writing notes item by item
    assert ws.detail.note.toPlainText() == ""
    # both commits of the first visit are one undo step
    assert ws.undo_stack.count() == 1
    ws.undo()
    assert store.result_rows(audit_id)["5.1.1.1"]["note"] == ""


def test_photo_import_paste_thumbnail_and_undo(qtbot, ws, store, audit_id, tmp_path):
    photo = jpeg_file(tmp_path / "IMG_0001.jpg")
    with qtbot.waitSignal(ws.importFinished, timeout=15000) as blocker:
        ws.import_files([photo])
    outcome = blocker.args[0]
    assert outcome.errors == [] and len(outcome.link_ids) == 1
    rows = store.attachments(audit_id, "5.1.1.1")
    assert [r["original_name"] for r in rows] == ["IMG_0001.jpg"]
    panel = ws.detail.attachments
    assert panel.list.count() == 1 and not panel.list.item(0).icon().isNull()
    assert len(ws.thumbs) == 1  # decoded once, cached

    image = QImage(80, 60, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkGreen)
    QApplication.clipboard().setImage(image)
    with qtbot.waitSignal(ws.importFinished, timeout=15000):
        assert panel.paste()
    assert len(store.attachments(audit_id, "5.1.1.1")) == 2

    panel.list.setCurrentRow(0)
    panel.caption_edit.setText("组织机构图")
    panel.caption_edit.editingFinished.emit()
    assert store.attachments(audit_id, "5.1.1.1")[0]["caption"] == "组织机构图"
    ws.undo()
    ws.undo()  # the paste
    assert len(store.attachments(audit_id, "5.1.1.1")) == 1
    assert panel.list.count() == 1
    ws.redo()
    assert len(store.attachments(audit_id, "5.1.1.1")) == 2

    dropped = jpeg_file(tmp_path / "dropped.jpg", (10, 10, 10))  # drag and drop a file
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    drop = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(ws.importFinished, timeout=15000):
        panel.dropEvent(drop)
    assert panel.list.count() == 3

    panel.list.setCurrentRow(0)  # double-click (here Enter) opens the photo full size
    panel.list.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    dialogs = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, PhotoDialog) and w.isVisible()
    ]
    assert dialogs and dialogs[0].image.pixmap().width() == 320
    dialogs[0].close()
    panel.list.setFocus()
    press(qtbot, Qt.Key.Key_Delete)  # Delete removes the selected one (undoable)
    assert len(store.attachments(audit_id, "5.1.1.1")) == 2
    ws.undo()
    assert len(store.attachments(audit_id, "5.1.1.1")) == 3


def test_bad_photo_is_reported_and_the_good_ones_kept(qtbot, ws, store, audit_id, tmp_path):
    good = [jpeg_file(tmp_path / f"good{n}.jpg", (n * 60, 80, 80)) for n in range(3)]
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 this is not really a jpeg")
    missing = tmp_path / "gone.jpg"
    with qtbot.waitSignal(ws.importFinished, timeout=20000) as blocker:
        ws.import_files([good[0], bad, good[1], missing, good[2]])
    outcome = blocker.args[0]
    assert [name for name, _ in outcome.errors] == ["broken.jpg", "gone.jpg"]
    assert sorted(r["original_name"] for r in store.attachments(audit_id, "5.1.1.1")) == [
        "good0.jpg",
        "good1.jpg",
        "good2.jpg",
    ]
    report = ws.detail.attachments.report
    assert report.isVisible()
    assert "broken.jpg" in report.text() and "gone.jpg" in report.text()
    assert "3" in report.text()
    ws.undo()  # one import is one undo step
    assert store.attachments(audit_id) == []


def test_undo_redo_change_the_database_and_the_score_bar(qtbot, ws, store, audit_id):
    bar = ws.score_bar
    before = bar.total.text()
    press(qtbot, Qt.Key.Key_C)
    after = bar.total.text()
    assert after != before and ws.score.scored == 1
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert result(store, audit_id, "5.1.1.1") is None
    assert bar.total.text() == before and ws.score.scored == 0
    press(qtbot, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert result(store, audit_id, "5.1.1.1") == ItemResult("conform")
    assert bar.total.text() == after

    ws.select_item("5.1.2.2")  # undo of another item goes back to that item
    ws.focus_tree()
    press(qtbot, Qt.Key.Key_N)
    ws.select_item("5.3.2.1")
    ws.undo()
    qtbot.waitUntil(lambda: ws.current_item() == "5.1.2.2")
    assert result(store, audit_id, "5.1.2.2") is None


def test_total_and_level_change_on_the_bar(qtbot, service, store, demo_audit):
    ws = make_workspace(qtbot, service, demo_audit)
    bar = ws.score_bar
    assert "90.5" in bar.total.text() and "四星级" in bar.level.text()
    assert "5.1.2.2" in bar.gap.text()  # the item that would close the gap
    with qtbot.waitSignal(ws.scoreChanged) as blocker:
        bar.gap.linkActivated.emit("item:5.1.2.2")  # clicking the gap jumps to the item
        assert ws.current_item() == "5.1.2.2"
        press(qtbot, Qt.Key.Key_C)
    score = blocker.args[0]
    assert score.level == "five_star"
    assert "五星级" in bar.level.text() and str(score.total) in bar.total.text()
    assert service.score(demo_audit).level == "five_star"


def test_five_special_deductions_block_in_red(qtbot, service, store, demo_audit):
    ws = make_workspace(qtbot, service, demo_audit)
    assert "#2e7d32" in ws.score_bar.level.styleSheet()  # a level reached: green badge
    for n in range(4):
        assert ws.add_finding({"kind": "special_deduction", "text": f"违规 {n}"}) is None
    assert ws.score.level == "fail"
    assert "#c62828" in ws.score_bar.level.styleSheet()  # the badge follows the level
    assert ws.score_bar.blockers.isVisible()
    assert "特别扣分项 5 项" in ws.score_bar.blockers.text()


def test_filter_open_and_text(qtbot, service, store, demo_audit):
    ws = make_workspace(qtbot, service, demo_audit)
    ws.select_item("5.1.1.1")  # a conforming item: not pinned once we move on
    status = ws.score.item_status
    ws.focus_tree()
    press(qtbot, Qt.Key.Key_O)  # O: open items only
    assert ws.proxy.status_filter == "open"
    ws.select_item("5.1.2.2")
    shown = visible_item_ids(ws)
    expected = [
        i for i in ws.model.item_ids() if status[i] in ("unscored", "nonconform", "partial")
    ]
    assert shown == expected and "5.1.1.1" not in shown

    press(qtbot, Qt.Key.Key_C)  # scored: stays visible while it is being worked on...
    assert "5.1.2.2" in visible_item_ids(ws)
    press(qtbot, Qt.Key.Key_J)  # nothing unscored in the demo: J says so and stays
    assert ws.current_item() == "5.1.2.2" and "没有其他未评条目" in ws.message.text()
    press(qtbot, Qt.Key.Key_Down)  # ...and it goes once the auditor moves on
    press(qtbot, Qt.Key.Key_Down)  # (past the indicator row 5.1.4)
    assert ws.current_item() == "5.1.4.2"
    assert "5.1.2.2" not in visible_item_ids(ws)

    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is ws.search
    ws.status_filter.setCurrentIndex(ws.status_filter.findData("all"))
    typed(qtbot, "人员配置")  # an indicator's title: its items with it
    assert visible_item_ids(ws) == ["5.1.2.1", "5.1.2.2"]
    press(qtbot, Qt.Key.Key_Return)
    assert ws.current_item() == "5.1.2.1" and QApplication.focusWidget() is ws.tree


def test_findings_dialog_refuses_in_place(qtbot, service, store, demo_audit):
    ws = make_workspace(qtbot, service, demo_audit)
    ws.select_item("5.1.7.2")
    dialog = FindingDialog(ws.add_finding, item_id="5.1.7.2", parent=ws)
    qtbot.addWidget(dialog)
    dialog.try_accept()  # no text
    assert "发现内容" in dialog.error.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("bonus"))
    dialog.text.setPlainText("第二个加分项")
    dialog.try_accept()  # the demo already has its one bonus
    assert "特别加分项已达上限" in dialog.error.text()
    assert dialog.text.toPlainText() == "第二个加分项"  # kept
    dialog.kind.setCurrentIndex(dialog.kind.findData("minor"))
    dialog.has_deadline.setChecked(True)
    dialog.try_accept()
    assert dialog.result() == FindingDialog.DialogCode.Accepted
    added = [f for f in store.findings(demo_audit) if f["text"] == "第二个加分项"]
    assert added and added[0]["kind"] == "minor" and added[0]["item_id"] == "5.1.7.2"
    assert ws.detail.findings.model.rowCount() == 2  # this item's findings
    uid = added[0]["uid"]
    assert ws.edit_finding(uid, {"rectification": "统一公示"}) is None
    assert ws.delete_finding(uid) is None
    ws.undo()
    ws.undo()
    assert [f["rectification"] for f in store.findings(demo_audit) if f["uid"] == uid] == [""]


def test_reopen_the_database_and_find_everything(
    qtbot, service, store, audit_id, db_path, tmp_path
):
    ws = make_workspace(qtbot, service, audit_id)
    press(qtbot, Qt.Key.Key_C)
    press(qtbot, Qt.Key.Key_E)
    typed(qtbot, "部门职能说明已查阅")
    press(qtbot, Qt.Key.Key_Escape)
    with qtbot.waitSignal(ws.importFinished, timeout=15000):
        ws.import_files([jpeg_file(tmp_path / "org.jpg")])
    assert (
        ws.add_finding({"kind": "observation", "text": "建议更新组织图", "item_id": "5.1.1.1"})
        is None
    )
    total = ws.score_bar.total.text()
    ws.close()

    with AuditStore(db_path) as again:  # a new connection, as after a restart
        ws2 = make_workspace(qtbot, AuditService(again), audit_id)
        ws2.select_item("5.1.1.1")
        assert ws2.detail.result.conform_button.isChecked()
        assert ws2.detail.note.toPlainText() == "部门职能说明已查阅"
        assert ws2.detail.attachments.list.count() == 1
        assert ws2.detail.findings.model.rowCount() == 1
        assert ws2.score_bar.total.text() == total
        ws2.close()


def test_locked_audit_is_read_only(qtbot, service, store, demo_audit):
    store.lock_with_report(demo_audit, b"%PDF-1.4 signed", "0" * 64, "王建国")
    before = store.result_rows(demo_audit)
    ws = make_workspace(qtbot, service, demo_audit)
    assert ws.read_only and ws.banner.isVisible()
    assert "锁定" in ws.banner_text.text()
    ws.select_item("5.1.2.2")
    ws.focus_tree()
    press(qtbot, Qt.Key.Key_C)
    press(qtbot, Qt.Key.Key_D)
    d = ws.detail
    assert not d.result.conform_button.isEnabled() and not d.result.delete_button.isEnabled()
    assert d.note.isReadOnly() and not d.methods.isEnabled()
    assert not d.attachments.add_button.isEnabled()
    assert not d.findings.add_button.isEnabled()
    assert ws.add_finding({"kind": "minor", "text": "x"}) is not None
    assert store.result_rows(demo_audit) == before
    assert ws.undo_stack.count() == 0
    press(qtbot, Qt.Key.Key_J)  # moving around still works
    new_id = ws.start_new_revision("更正 5.1.2.2 的结论")
    assert not ws.read_only and not ws.banner.isVisible() and ws.audit_id == new_id


def test_many_switches_do_not_exhaust_none(qtbot, service, store, demo_audit):
    """PySide6 6.12 on Python 3.11 drops a reference to None in every void call; without the
    guard in auditor_app.ui.scoring the interpreter aborts after a few hundred switches."""
    import sys

    if sys.version_info < (3, 12):
        assert sys.getrefcount(None) > 1 << 39 and sys.getrefcount(True) > 1 << 39
    ws = make_workspace(qtbot, service, demo_audit)
    ids = ws.model.item_ids()
    for item_id in ids * 8:  # ~370 switches: well past the old breaking point
        ws.select_item(item_id)
    QApplication.processEvents()
    assert ws.current_item() == ids[-1]


def test_selecting_an_indicator_shows_its_summary_and_findings(qtbot, service, store, demo_audit):
    ws = make_workspace(qtbot, service, demo_audit)
    with qtbot.waitSignal(ws.currentItemChanged) as blocker:
        ws.select_item("5.1.2")  # an indicator
    assert blocker.args == [None] and ws.current_item() is None
    d = ws.detail
    assert "2 / 2" in d.summary.text() and d.result_box.isHidden()
    assert {r["item_id"] for r in d.findings.model._rows} == {"5.1.2.1", "5.1.2.2"}
    press(qtbot, Qt.Key.Key_C)  # nothing to score on an indicator: nothing happens
    assert ws.undo_stack.count() == 0 and "请先选择一个条目" in ws.message.text()
    ws.select_item("5.1.2.2")
    assert not d.result_box.isHidden() and d.summary.isHidden()
