"""Team audits: a member's package merged into the leader's audit, conflicts never silent."""

from __future__ import annotations

import pytest

from auditor_app.core.errors import LockedError
from auditor_app.core.results import ItemResult
from auditor_app.services.audits import AuditService, ClientInfo
from auditor_app.services.demo import demo_photo
from auditor_app.store.audit_store import AuditStore
from auditor_app.sync import apply_merge, build_package, import_package, plan_merge
from auditor_app.sync.errors import PackageRefused, SyncError
from auditor_app.sync.journal import import_log
from tests.test_sync_support import dump, session_keys, write_cert

K = session_keys()
LEADER, MEMBER = "王建国", "李晓梅"


@pytest.fixture
def leader(tmp_path):
    s = AuditStore(tmp_path / "leader.sqlite", actor=LEADER)
    yield s
    s.close()


@pytest.fixture
def team(leader, tmp_path):
    """The leader's audit handed to the member (a draft package), the member's work on it
    and the member's package: (leader's audit id, member store, member package bytes)."""
    service = AuditService(leader)
    audit_id = service.create_audit(
        ClientInfo("测试客户有限公司"), "initial", headcount={"full_time": 120}
    )
    leader.replace_team(
        audit_id, [{"name": LEADER, "role": "leader"}, {"name": MEMBER, "role": "member"}]
    )
    service.record(audit_id, "5.1.1.1", ItemResult("conform"))
    service.record(audit_id, "5.1.2.2", ItemResult("nonconform"))
    leader.set_note(audit_id, "5.1.1.1", "组织机构图已查阅。")
    handout = build_package(leader, audit_id, K.leader).data

    member = AuditStore(tmp_path / "member.sqlite", actor=MEMBER)
    copy_id = import_package(member, handout, K.trust).audit_id
    work = AuditService(member)
    work.record(copy_id, "5.2.1.1", ItemResult("conform"))
    member.set_note(copy_id, "5.2.1.1", "说明书与铭牌一致。")
    member.set_methods(copy_id, "5.2.1.1", ["document_review", "observation"])
    work.record(copy_id, "5.2.3.1", ItemResult("sampled", sampled=20, nonconforming=1))
    work.record(copy_id, "5.1.2.2", ItemResult("conform"))  # the leader said nonconform
    member.set_note(copy_id, "5.1.1.1", "与部门负责人面谈，职责清楚。")
    work.add_finding(copy_id, "minor", "1 张配送单超时未通知顾客。", item_id="5.2.3.1")
    member.add_attachment(
        copy_id, "5.2.3.1", demo_photo((40, 90, 160), 1), "IMG_1.jpg", "配送单 / delivery note"
    )
    package = build_package(member, copy_id, K.member, member=True).data
    yield audit_id, member, package
    member.close()


def _actors(store, audit_id, entity, key):
    return {
        r["actor"]
        for r in store.trail(audit_id)
        if r["entity"] == entity and r["entity_key"] == key
    }


def test_merge_with_a_conflict_then_the_leader_decides(leader, team):
    audit_id, member, package = team
    plan = plan_merge(leader, audit_id, package, K.trust)
    assert plan.author == MEMBER
    assert [(c.key, c.mine["result"], c.theirs["result"]) for c in plan.conflicts] == [
        ("5.1.2.2", "nonconform", "conform")
    ]
    kinds = {(c.kind, c.key) for c in plan.changes}
    assert {
        ("result", "5.2.1.1"),
        ("result", "5.2.3.1"),
        ("note", "5.2.1.1"),
        ("methods", "5.2.1.1"),
        ("note", "5.1.1.1"),
    } <= kinds
    assert sum(c.kind == "finding" for c in plan.changes) == 1
    assert sum(c.kind == "attachment" for c in plan.changes) == 1
    assert ("result", "5.1.1.1") not in kinds  # scored the same on both sides

    outcome = apply_merge(plan)
    assert outcome.status == "conflicts" and [c.key for c in outcome.unresolved] == ["5.1.2.2"]
    results = leader.result_rows(audit_id)
    assert results["5.1.2.2"]["result"] == "nonconform"  # not touched until decided
    assert results["5.2.1.1"]["result"] == "conform"
    assert results["5.2.1.1"]["updated_by"] == MEMBER
    assert results["5.2.3.1"]["sampled"] == 20 and results["5.2.3.1"]["nonconforming"] == 1
    note = results["5.1.1.1"]["note"]
    assert "组织机构图已查阅" in note and f"[{MEMBER}] 与部门负责人面谈" in note  # unioned
    assert _actors(leader, audit_id, "result", "5.2.1.1") == {MEMBER}
    finding = leader.findings(audit_id)[0]
    assert finding["created_by"] == MEMBER and finding["item_id"] == "5.2.3.1"
    assert finding["uid"] == member.findings(1)[0]["uid"]
    [photo] = leader.attachments(audit_id)
    assert leader.attachment_data(photo["sha256"]) == member.attachment_data(photo["sha256"])
    assert _actors(leader, audit_id, "attachment", photo["sha256"]) == {MEMBER}
    assert import_log(leader)[-1]["result"] == "merged"

    # the same package again: only the open conflict remains
    again = plan_merge(leader, audit_id, package, K.trust)
    assert again.changes == [] and [c.key for c in again.conflicts] == ["5.1.2.2"]
    decided = apply_merge(again, {"5.1.2.2": "theirs"})
    assert decided.status == "merged" and decided.resolved == ("5.1.2.2",)
    assert leader.result_rows(audit_id)["5.1.2.2"]["result"] == "conform"
    assert _actors(leader, audit_id, "merge-item", "5.1.2.2") == {LEADER}  # the decision
    assert MEMBER in _actors(leader, audit_id, "result", "5.1.2.2")  # the entry's author

    # and once more: nothing left to do, nothing changes
    before = dump(leader)
    final = apply_merge(plan_merge(leader, audit_id, package, K.trust))
    assert final.status == "unchanged"
    assert dump(leader) == before


def test_keeping_mine_is_remembered(leader, team):
    audit_id, _, package = team
    apply_merge(plan_merge(leader, audit_id, package, K.trust), {"5.1.2.2": "mine"})
    assert leader.result_rows(audit_id)["5.1.2.2"]["result"] == "nonconform"
    assert plan_merge(leader, audit_id, package, K.trust).conflicts == []


def test_merge_without_conflicts(leader, team, tmp_path):
    audit_id, _, _ = team
    member = AuditStore(tmp_path / "m2.sqlite", actor=MEMBER)
    handout = build_package(leader, audit_id, K.leader).data
    copy_id = import_package(member, handout, K.trust).audit_id
    AuditService(member).record(copy_id, "5.3.2.1", ItemResult("conform"))
    package = build_package(member, copy_id, K.member, member=True, items=["5.3"]).data
    member.close()
    plan = plan_merge(leader, audit_id, package, K.trust)
    assert plan.conflicts == [] and [(c.kind, c.key) for c in plan.changes] == [
        ("result", "5.3.2.1")
    ]
    outcome = apply_merge(plan)
    assert outcome.status == "merged" and outcome.backup
    assert leader.result_rows(audit_id)["5.3.2.1"]["updated_by"] == MEMBER


def test_a_stale_plan_is_refused(leader, team):
    audit_id, _, package = team
    plan = plan_merge(leader, audit_id, package, K.trust)
    AuditService(leader).record(audit_id, "5.2.1.1", ItemResult("nonconform"))
    before = dump(leader)
    with pytest.raises(SyncError, match="changed since"):
        apply_merge(plan)
    assert dump(leader) == before


def test_unknown_decision_is_refused(leader, team):
    audit_id, _, package = team
    plan = plan_merge(leader, audit_id, package, K.trust)
    with pytest.raises(SyncError, match="no conflict on 5.1.1.1"):
        apply_merge(plan, {"5.1.1.1": "theirs"})
    with pytest.raises(SyncError, match="'mine' or 'theirs'"):
        apply_merge(plan, {"5.1.2.2": "both"})


def test_refusals(leader, team):
    audit_id, _, package = team
    revision = build_package(leader, audit_id, K.leader).data
    with pytest.raises(PackageRefused) as exc:
        plan_merge(leader, audit_id, revision, K.trust)
    assert exc.value.code == "wrong_kind"
    other = AuditService(leader).create_audit(
        ClientInfo("另一家公司"), "initial", headcount={"full_time": 10}
    )
    with pytest.raises(PackageRefused) as exc:
        plan_merge(leader, other, package, K.trust)
    assert exc.value.code == "wrong_audit"
    with pytest.raises(PackageRefused) as exc:
        plan_merge(leader, audit_id, package, [])
    assert exc.value.code == "untrusted"
    from tests.test_sync_support import sign_audit

    sign_audit(leader, audit_id, K.leader)
    with pytest.raises(LockedError):
        plan_merge(leader, audit_id, package, K.trust)


def test_cli_merge_lists_conflicts_and_takes_a_side(leader, team, tmp_path):
    from tests.conftest import run_cli

    audit_id, _, package = team
    path = tmp_path / "member.auditpkg"
    path.write_bytes(package)
    ca = write_cert(K.ca.certificate, tmp_path, "ca")
    db = str(leader.path)
    leader.close()
    first = run_cli(
        "package",
        "merge",
        "--db",
        db,
        "--audit",
        str(audit_id),
        str(path),
        "--trust",
        str(ca),
        check=False,
    )
    assert first.returncode == 1, first.stderr
    assert "5.1.2.2" in first.stdout and "mine" in first.stdout and "theirs" in first.stdout
    assert f"({MEMBER}): conform" in first.stdout
    second = run_cli(
        "package",
        "merge",
        "--db",
        db,
        "--audit",
        str(audit_id),
        str(path),
        "--trust",
        str(ca),
        "--take",
        "theirs",
        "5.1.2.2",
    )
    assert "1 conflict(s) decided" in second.stdout
    with AuditStore(db) as check:
        assert check.result_rows(audit_id)["5.1.2.2"]["result"] == "conform"


def test_a_finding_the_leader_deleted_is_not_brought_back(leader, team, tmp_path):
    audit_id, _, _ = team
    fid = AuditService(leader).add_finding(audit_id, "observation", "记录不完整")
    handout = build_package(leader, audit_id, K.leader).data
    member = AuditStore(tmp_path / "m3.sqlite", actor=MEMBER)
    copy_id = import_package(member, handout, K.trust).audit_id
    package = build_package(member, copy_id, K.member, member=True).data
    member.close()
    leader.delete_finding(fid)  # deleted after handing the audit out
    plan = plan_merge(leader, audit_id, package, K.trust)
    assert not [c for c in plan.changes if c.kind == "finding"]
    assert any("was deleted in this audit" in w for w in plan.warnings)
    apply_merge(plan)
    assert leader.findings(audit_id) == []


def test_a_merged_finding_with_a_date_that_is_not_real_is_refused(leader, team):
    """Issue 15 item 6 on the merge path: the store's date check refuses the member's finding,
    and nothing of the merge is written."""
    from auditor_app.store.db import StoreError
    from tests.test_sync_support import repack

    audit_id, _member, package = team
    hostile = repack(
        package, K.member, edit_data=lambda d: d["findings"][0].update(deadline="not a date")
    )
    before = dump(leader)
    plan = plan_merge(leader, audit_id, hostile, K.trust)
    with pytest.raises(StoreError, match="real date"):
        apply_merge(plan, {c.key: "theirs" for c in plan.conflicts})
    assert dump(leader) == before
