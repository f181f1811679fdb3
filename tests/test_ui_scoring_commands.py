"""Undo commands of the scoring workspace on a bare QUndoStack: no widgets, real SQLite.

Each command must change the database through the services when pushed, write the old value
back (committed, with a trail entry) on undo, and do it again on redo.
"""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image
from PySide6.QtGui import QUndoStack

from auditor_app.core.errors import InputError
from auditor_app.core.results import ItemResult
from auditor_app.ui.scoring import commands as cmd


def jpeg(color=(200, 40, 40), size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG")
    return out.getvalue()


def result(store, audit_id, item_id):
    from auditor_app.store.audit_store import row_to_result

    return row_to_result(store.result_rows(audit_id).get(item_id, {}))


def test_set_result_do_undo_redo_commits_and_trails(service, store, audit_id):
    stack = QUndoStack()
    changes: list[cmd.Change] = []
    stack.push(
        cmd.SetResultCommand.from_store(
            service, audit_id, "5.1.1.1", ItemResult("conform"), notify=changes.append
        )
    )
    assert result(store, audit_id, "5.1.1.1") == ItemResult("conform")
    stack.push(
        cmd.SetResultCommand.from_store(
            service, audit_id, "5.1.1.2", ItemResult("sampled", 6, 1), notify=changes.append
        )
    )
    assert service.score(audit_id).item_status["5.1.1.2"] == "partial"
    trail_before = len(store.trail(audit_id))

    stack.undo()
    assert result(store, audit_id, "5.1.1.2") is None
    stack.undo()
    assert result(store, audit_id, "5.1.1.1") is None
    assert len(store.trail(audit_id)) == trail_before + 2  # undo is trailed too
    stack.redo()
    stack.redo()
    assert result(store, audit_id, "5.1.1.2") == ItemResult("sampled", 6, 1)
    assert [(c.item_id, c.aspect, c.via) for c in changes] == [
        ("5.1.1.1", "result", "do"),
        ("5.1.1.2", "result", "do"),
        ("5.1.1.2", "result", "undo"),
        ("5.1.1.1", "result", "undo"),
        ("5.1.1.1", "result", "redo"),
        ("5.1.1.2", "result", "redo"),
    ]


def test_refused_result_is_not_pushed(service, store, audit_id):
    stack = QUndoStack()
    bad = cmd.SetResultCommand.from_store(service, audit_id, "5.1.1.2", ItemResult("sampled", 3, 5))
    stack.push(bad)  # the refusal stays inside redo(): Qt drops the obsolete command
    assert stack.count() == 0
    assert isinstance(bad.error, InputError) and "cannot exceed" in str(bad.error)
    assert result(store, audit_id, "5.1.1.2") is None
    with pytest.raises(InputError):  # execute() hands the refusal to the caller instead
        cmd.execute(
            stack,
            cmd.SetResultCommand.from_store(
                service, audit_id, "5.1.1.2", ItemResult("sampled", 3, 5)
            ),
        )
    assert stack.count() == 0


def test_execute_runs_once_then_undoes(service, store, audit_id):
    stack = QUndoStack()
    cmd.execute(
        stack, cmd.SetResultCommand(service, audit_id, "5.1.1.1", ItemResult("nonconform"), None)
    )
    trail = store.trail(audit_id)
    assert sum(t["entity_key"] == "5.1.1.1" for t in trail) == 1  # not written twice
    stack.undo()
    assert result(store, audit_id, "5.1.1.1") is None


def test_note_commits_of_one_session_merge(store, audit_id):
    stack = QUndoStack()
    for text in ("客户", "客户档案", "客户档案齐全"):
        old = store.result_rows(audit_id).get("5.1.1.1", {}).get("note", "")
        stack.push(cmd.SetNoteCommand(store, audit_id, "5.1.1.1", text, old, session=7))
    assert stack.count() == 1
    assert store.result_rows(audit_id)["5.1.1.1"]["note"] == "客户档案齐全"
    stack.push(cmd.SetNoteCommand(store, audit_id, "5.1.1.1", "新的", "客户档案齐全", session=8))
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert store.result_rows(audit_id)["5.1.1.1"]["note"] == ""
    stack.redo()
    assert store.result_rows(audit_id)["5.1.1.1"]["note"] == "客户档案齐全"


def test_methods(store, audit_id):
    stack = QUndoStack()
    stack.push(cmd.SetMethodsCommand(store, audit_id, "5.1.1.1", ["interview"], []))
    stack.push(
        cmd.SetMethodsCommand(
            store, audit_id, "5.1.1.1", ["document_review", "interview"], ["interview"]
        )
    )

    def methods():
        return json.loads(store.result_rows(audit_id)["5.1.1.1"]["methods"])

    assert methods() == ["document_review", "interview"]
    stack.undo()
    assert methods() == ["interview"]
    stack.undo()
    assert methods() == []


def test_findings_add_edit_delete_survive_undo_redo(service, store, audit_id):
    stack = QUndoStack()
    add = cmd.AddFindingCommand(
        service, audit_id, "minor", "证书过期", item_id="5.1.2.1", deadline="2027-01-31"
    )
    stack.push(add)
    stack.push(
        cmd.EditFindingCommand(store, audit_id, add.uid, {"text": "两张证书过期", "kind": "major"})
    )
    stack.push(cmd.DeleteFindingCommand(service, audit_id, add.uid))
    assert store.findings(audit_id) == []
    stack.undo()  # back, with its uid
    (row,) = store.findings(audit_id)
    assert (row["uid"], row["kind"], row["text"]) == (add.uid, "major", "两张证书过期")
    stack.undo()
    stack.undo()
    assert store.findings(audit_id) == []
    stack.redo()  # re-added under a new row id: the edit still finds it by uid
    stack.redo()
    (row,) = store.findings(audit_id)
    assert (row["kind"], row["text"], row["deadline"]) == ("major", "两张证书过期", "2027-01-31")
    assert service.score(audit_id).special_deductions == 0


def test_bonus_limit_refused(service, store, audit_id):
    stack = QUndoStack()
    stack.push(cmd.AddFindingCommand(service, audit_id, "bonus", "备件共享平台"))
    second = cmd.AddFindingCommand(service, audit_id, "bonus", "另一个")
    stack.push(second)
    assert stack.count() == 1 and "at most 1" in str(second.error)


def test_attach_remove_caption_with_stable_keys(store, audit_id):
    stack = QUndoStack()
    links = cmd.LinkRegistry()
    attach = cmd.AttachCommand(
        store,
        links,
        audit_id,
        "5.1.3.3",
        [cmd.NewFile(jpeg(), "a.jpg", "货架"), cmd.NewFile(jpeg((0, 90, 0)), "b.jpg")],
    )
    stack.push(attach)
    rows = store.attachments(audit_id, "5.1.3.3")
    assert [r["caption"] for r in rows] == ["货架", ""]
    stack.push(
        cmd.SetCaptionCommand(store, links, audit_id, "5.1.3.3", rows[1]["id"], "备件库", "")
    )
    stack.push(cmd.RemoveAttachmentCommand(store, links, audit_id, "5.1.3.3", rows[0]["id"]))
    assert [r["caption"] for r in store.attachments(audit_id, "5.1.3.3")] == ["备件库"]
    stack.undo()  # relinked under a new row id
    stack.undo()
    assert sorted(r["caption"] for r in store.attachments(audit_id, "5.1.3.3")) == ["", "货架"]
    stack.undo()
    assert store.attachments(audit_id) == []
    for _ in range(3):
        stack.redo()  # every command still finds its attachment through the registry
    assert [r["caption"] for r in store.attachments(audit_id, "5.1.3.3")] == ["备件库"]


def test_refused_attachment_leaves_nothing(store, audit_id):
    stack = QUndoStack()
    bad = cmd.AttachCommand(
        store,
        cmd.LinkRegistry(),
        audit_id,
        "5.1.3.3",
        [cmd.NewFile(jpeg(), "ok.jpg"), cmd.NewFile(b"not a photo", "x.jpg")],
    )
    stack.push(bad)
    assert stack.count() == 0 and "x.jpg" in str(bad.error)
    assert store.attachments(audit_id) == []  # all or nothing


def test_undo_after_locking_is_refused_not_crashing(service, store, audit_id):
    stack = QUndoStack()
    changes: list[cmd.Change] = []
    stack.push(
        cmd.SetResultCommand(
            service, audit_id, "5.1.1.1", ItemResult("conform"), None, notify=changes.append
        )
    )
    store.lock_with_report(audit_id, b"%PDF-1.4 signed", "0" * 64, "tester")
    stack.undo()
    assert result(store, audit_id, "5.1.1.1") == ItemResult("conform")
    assert changes[-1].via == "undo"  # the UI is told, so it re-reads and shows the refusal
    assert stack.count() == 0  # obsolete: dropped from the history


def test_imported_attachments_first_redo_is_a_no_op(store, audit_id):
    link = store.add_attachment(audit_id, "5.1.3.3", jpeg(), "c.jpg")
    stack = QUndoStack()
    links = cmd.LinkRegistry()
    stack.push(cmd.AttachCommand.imported(store, links, audit_id, "5.1.3.3", [link]))
    assert len(store.attachments(audit_id)) == 1
    stack.undo()
    assert store.attachments(audit_id) == []
    stack.redo()
    assert len(store.attachments(audit_id)) == 1
    assert stack.undoText().startswith("5.1.3.3")


def test_undo_of_a_deleted_finding_restores_it_exactly(service, store, audit_id, db_path):
    """Author and creation time come back with the finding, not the undoer and 'now'."""
    import sqlite3

    from auditor_app.store.audit_store import AuditStore

    with AuditStore(db_path, actor="李晓梅") as member:
        member.add_finding(audit_id, "minor", "配送单超时", item_id="5.2.1.1")
    with sqlite3.connect(db_path) as raw:  # written on site two days ago
        raw.execute("UPDATE findings SET created_at = '2026-03-02T09:15:00+08:00'")
    (before,) = store.findings(audit_id)
    assert before["created_by"] == "李晓梅"

    stack = QUndoStack()
    stack.push(cmd.DeleteFindingCommand(service, audit_id, before["uid"]))
    assert store.findings(audit_id) == []
    stack.undo()
    (after,) = store.findings(audit_id)
    keep = ("uid", "kind", "text", "item_id", "deadline", "created_by", "created_at")
    assert {k: after[k] for k in keep} == {k: before[k] for k in keep}
    stack.redo()  # and it can be deleted again
    assert store.findings(audit_id) == []
