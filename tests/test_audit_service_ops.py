"""Compound operations are service methods with one transaction: all of it is written or none."""

from __future__ import annotations

import pytest

from auditor_app.core.errors import InputError
from auditor_app.core.results import ItemResult
from auditor_app.services.audits import KEEP, ClientInfo
from tests.test_store_local_writes import snapshot


@pytest.fixture
def installed(service):
    """A first audit, so the scheme row exists and a refusal leaves the file byte-equal."""
    return service.create_audit(ClientInfo("已有客户"), "initial")


def test_create_with_team_sites_and_plan(service, store, installed):
    audit_id, plan = service.create_planned_audit(
        ClientInfo("宁波售后服务有限公司"),
        "initial",
        sites=[{"name": "总部", "is_central": True}, {"name": "网点A", "headcount": 12}],
        team=[{"name": "王建国", "role": "leader"}],
        start_date="2026-05-04",
        end_date="2026-05-05",
        headcount={"full_time": 80},
    )
    assert plan is not None and plan.audit_days > 0
    assert store.audit(audit_id)["persondays"]  # the breakdown is stored with the audit
    assert [s["name"] for s in store.sites(audit_id)] == ["总部", "网点A"]
    assert [m["role"] for m in store.team(audit_id)] == ["leader"]


@pytest.mark.parametrize(
    ("extra", "match"),
    [
        (
            {"team": [{"name": "甲", "role": "leader"}, {"name": "乙", "role": "leader"}]},
            "one leader",
        ),
        ({"sites": [{"name": "网点A", "headcount": -1}]}, "from 0 to"),
        ({"start_date": "2026-05-09", "end_date": "2026-05-08"}, "before its first day"),
    ],
)
def test_a_refused_part_leaves_no_audit_and_no_client(service, db_path, installed, extra, match):
    before = snapshot(db_path)
    with pytest.raises(InputError, match=match):
        service.create_planned_audit(
            ClientInfo("不该留下的客户"), "initial", headcount={"full_time": 80}, **extra
        )
    assert snapshot(db_path) == before


def test_a_strict_plan_refuses_an_unplannable_headcount(service, db_path, store, installed):
    unplannable = {"full_time": 80, "part_time": 5}  # part-time staff without their hours
    before = snapshot(db_path)
    with pytest.raises(InputError, match="part-time"):
        service.create_planned_audit(
            ClientInfo("某公司"), "initial", strict_plan=True, headcount=unplannable
        )
    assert snapshot(db_path) == before
    audit_id, plan = service.create_planned_audit(
        ClientInfo("某公司"), "initial", headcount=unplannable
    )
    assert plan is None and store.audit(audit_id)["headcount"] == unplannable


def test_replacing_sites_replans(service, store, audit_id):
    service.replace_sites(audit_id, [{"name": f"网点{n}", "headcount": 5} for n in range(1, 4)])
    three = store.audit(audit_id)["persondays"]
    service.replace_sites(audit_id, [{"name": f"网点{n}", "headcount": 2} for n in range(1, 20)])
    assert store.audit(audit_id)["persondays"] != three


def test_result_with_note_commits_both_or_keeps_the_result(service, store, audit_id):
    service.set_result_with_note(audit_id, "5.1.1.1", ItemResult("conform"), "组织架构图已查")
    service.set_result_with_note(audit_id, "5.1.1.1", KEEP, "补充说明")
    row = store.result_rows(audit_id)["5.1.1.1"]
    assert (row["result"], row["note"]) == ("conform", "补充说明")
    service.set_result_with_note(audit_id, "5.1.1.1", None)
    assert store.results(audit_id) == {}
