"""Person-days and the outlet draw computed for a stored audit, and kept with it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from auditor_app.core.errors import InputError
from auditor_app.services.audits import AuditService, ClientInfo
from auditor_app.services.planning import draw_audit_sample, parse_adjustment, plan_audit


def test_plan_uses_stored_inputs_and_is_stored(store, service):
    audit_id = service.create_audit(
        ClientInfo("客户"),
        "surveillance",
        headcount={"full_time": 100, "adjustments": [["many sites", 10]]},
    )
    store.replace_sites(
        audit_id, [{"name": "HQ", "is_central": True}] + [{"name": f"网点{n}"} for n in range(9)]
    )
    result = plan_audit(store, audit_id)
    saved = store.audit(audit_id)["persondays"]
    # 86–125 → 7 days × 1.10 × ⅓ = 2.566…, + ⌈0.6 × √9⌉ = 2 outlets without a headcount
    # × 0.5 = 3.566… → 3.5
    assert result.table_days == 7 and str(result.audit_days) == "3.5"
    assert saved["audit_days"] == 3.5
    assert result.sites_to_sample == 2  # ceil(0.6 × √9) = ceil(1.8)
    assert "surveillance" in saved["justification"]["en"].lower()


def test_draw_is_recorded_and_reproducible(store, demo_audit):
    recorded = store.audit(demo_audit)["site_draw"]
    assert recorded["seed"] == 20261123 and recorded["chosen"] == ["宁波服务网点"]
    again = draw_audit_sample(
        store, demo_audit, seed=recorded["seed"], preselected=recorded["chosen"]
    )
    assert list(again.random_picks) == recorded["random_picks"]
    fresh = draw_audit_sample(store, demo_audit)
    assert fresh.seed_generated and store.audit(demo_audit)["site_draw"]["seed"] == fresh.seed
    assert store.audit(demo_audit)["site_draw"]["visited"][0] == "总部售后服务中心（滨江）"


def test_no_headcount_is_a_clear_error(store):
    service = AuditService(store)
    audit_id = service.create_audit(ClientInfo("x"), "initial")
    with pytest.raises(InputError, match="no headcount"):
        plan_audit(store, audit_id)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("many sites=+10", ("many sites", Decimal(10))),
        ("a=b=-5", ("a=b", Decimal(-5))),
        ("mature=-2.5%", ("mature", Decimal("-2.5"))),
    ],
)
def test_parse_adjustment(text, expected):
    assert parse_adjustment(text) == expected


@pytest.mark.parametrize("text", ["no percent", "x=ten", "x=nan"])
def test_parse_adjustment_refuses(text):
    with pytest.raises(InputError, match="--adjust"):
        parse_adjustment(text)


def test_duplicate_as_next_surveillance(store, service, demo_audit):
    new_id = service.duplicate_as_next_audit(demo_audit)
    old, new = store.audit(demo_audit), store.audit(new_id)
    assert new["audit_type"] == "surveillance" and new["org_id"] == old["org_id"]
    assert new["series_uid"] != old["series_uid"] and new["status"] == "draft"
    assert [s["name"] for s in store.sites(new_id)] == [s["name"] for s in store.sites(demo_audit)]
    assert not any(s["visited"] for s in store.sites(new_id))
    assert store.results(new_id) == {} and store.findings(new_id) == []
    assert "HX-ASS-2026-0117" in new["changes_since_last"]


def test_plan_uses_each_sites_headcount_and_the_drawn_sites(store, service):
    audit_id = service.create_audit(ClientInfo("客户"), "initial", headcount={"full_time": 100})
    outlets = [{"name": f"网点{n}", "headcount": 10 if n < 2 else 4} for n in range(4)]
    store.replace_sites(audit_id, [{"name": "HQ", "is_central": True}, *outlets])
    plan = plan_audit(store, audit_id)
    # central 100 − (10 + 10 + 4 + 4) = 72 → 6 days; sample ⌈√4⌉ = 2, before the draw the two
    # largest (10 persons → 2 days each): 6 + 4 = 10.
    assert plan.audit_days == 10 and plan.multi_site is not None
    assert [s.name for s in plan.multi_site.sites] == ["网点0", "网点1"]
    draw = draw_audit_sample(store, audit_id, seed=1, preselected=["网点3"])
    saved = store.audit(audit_id)["persondays"]
    # After the draw: 网点3 (4 persons → 1.5) and one random site, so 6 + 1.5 + (2 or 1.5).
    other = 2 if draw.random_picks[0] in ("网点0", "网点1") else 1.5
    assert saved["audit_days"] == 6 + 1.5 + other
    assert saved["multi_site"]["basis"] == "drawn"
    assert "网点3：4 人" in saved["justification"]["zh"]
