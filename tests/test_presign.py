"""Checks before signing (issue 11): blocking ones refused with the list of what to fix,
confirmable ones signed through only with a reason, which goes to the trail."""

from __future__ import annotations

import datetime as dt

import pytest

from auditor_app.core.errors import InputError
from auditor_app.report.service import export_report
from auditor_app.services.demo import create_demo
from auditor_app.services.presign import (
    PresignRefused,
    ensure_signable,
    parse_confirmations,
    presign_checks,
)
from tests.conftest import run_cli
from tests.test_sync_support import dump, session_keys

K = session_keys()
D = dt.date


def _codes(checks):
    return [c.code for c in checks]


def test_the_demo_passes_every_check(store):
    demo = create_demo(store)
    assert presign_checks(store, demo, D(2026, 11, 25)) == []
    assert ensure_signable(store, demo, D(2026, 11, 26)) == {}


def test_blocking_checks_are_listed_together(store):
    demo = create_demo(store)
    store.update_audit(demo, recommendation="  ", deviations="")
    checks = presign_checks(store, demo, D(2026, 11, 24))
    assert _codes(checks) == ["report_before_audit", "recommendation_empty", "no_deviations"]
    assert [c.blocking for c in checks] == [True, True, False]
    with pytest.raises(PresignRefused) as refused:
        ensure_signable(store, demo, D(2026, 11, 24), {"no_deviations": "无偏离"})
    message = str(refused.value)
    assert "before the audit's last day 2026-11-25" in message
    assert "recommendation is empty" in message and "no_deviations" not in message


def test_a_persondays_shortfall_must_be_explained(store):
    demo = create_demo(store)
    headcount = dict(store.audit(demo)["headcount"])
    headcount["planned_days"] = 1  # far below what the headcount needs
    store.update_audit(demo, headcount=headcount, deviations="")
    assert "persondays_unexplained" in _codes(presign_checks(store, demo, D(2026, 12, 1)))
    store.update_audit(demo, deviations="计划人日不足，经批准缩小范围")
    assert presign_checks(store, demo, D(2026, 12, 1)) == []


def test_a_real_audit_is_not_signed_as_the_example_cb(store, service):
    from auditor_app.services.audits import ClientInfo

    demo = create_demo(store)  # the sample may carry the example identity, and says so
    real = service.create_audit(
        ClientInfo("X 公司"), "initial", end_date="2026-11-20", headcount={"full_time": 5}
    )
    checks = presign_checks(store, real, D(2026, 11, 21))
    assert "cb_identity_example" in _codes(checks)
    assert next(c for c in checks if c.code == "cb_identity_example").blocking
    assert "cb_identity_example" not in _codes(presign_checks(store, demo, D(2026, 11, 26)))
    store.set_setting("cb_name", "某某认证有限公司")
    assert "cb_identity_example" not in _codes(presign_checks(store, real, D(2026, 11, 21)))


def test_an_unexplained_actual_time_deviation_blocks(store):
    demo = create_demo(store)
    assert store.audit(demo)["time_deviation_reason"]  # the demo explains its 4-day shortfall
    store.update_audit(demo, time_deviation_reason="")
    checks = presign_checks(store, demo, D(2026, 11, 26))
    assert _codes(checks) == ["actual_time_unexplained"] and checks[0].blocking
    store.update_audit(demo, time_deviation_reason="两名审核员各缺勤半天，已在计划偏离中说明")
    assert presign_checks(store, demo, D(2026, 11, 26)) == []


def test_confirmable_checks_need_a_reason(store, service):
    from auditor_app.services.audits import ClientInfo

    audit_id = service.create_audit(
        ClientInfo("X 公司"), "initial", end_date="2026-11-20", headcount={"full_time": 5}
    )
    store.update_audit(audit_id, recommendation="推荐发证")
    store.set_setting("cb_name", "某某认证有限公司")  # a real audit needs the CB's own identity
    assert _codes(presign_checks(store, audit_id, D(2026, 11, 21))) == [
        "no_deviations",
        "items_unscored",
    ]
    with pytest.raises(PresignRefused, match="--confirm items_unscored=REASON"):
        ensure_signable(store, audit_id, D(2026, 11, 21), {"no_deviations": "无偏离"})
    with pytest.raises(InputError, match="unknown check"):
        ensure_signable(store, audit_id, D(2026, 11, 21), {"typo": "x"})
    reasons = {"no_deviations": "无偏离", "items_unscored": "只做文件审核"}
    assert ensure_signable(store, audit_id, D(2026, 11, 21), reasons) == reasons
    with pytest.raises(InputError, match="CODE=REASON"):
        parse_confirmations(["no_deviations"])


def test_signing_a_report_dated_before_the_audit_changes_nothing(store, tmp_path):
    demo = create_demo(store)
    before = dump(store)
    out = tmp_path / "r.pdf"
    with pytest.raises(PresignRefused, match="before the audit's last day"):
        export_report(
            store, demo, out, key=K.leader, signing_time=dt.datetime(2026, 11, 4, 9).astimezone()
        )
    assert dump(store) == before and not out.exists()


def test_a_confirmation_is_trailed_with_the_signature(store, tmp_path):
    demo = create_demo(store)
    store.update_audit(demo, deviations="")
    export_report(
        store,
        demo,
        tmp_path / "r.pdf",
        key=K.leader,
        signing_time=dt.datetime(2026, 11, 26, 9).astimezone(),
        confirm={"no_deviations": "按计划完成，无偏离"},
    )
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages)
    assert "Confirmed before signing" in text and "No deviation from the audit plan" in text
    assert "按计划完成" in text
    trail = store.trail(demo)
    confirm = [t for t in trail if t["action"] == "confirm"]
    assert len(confirm) == 1 and "按计划完成" in str(confirm[0]["new"])
    assert store.audit(demo)["locked"]


def test_cli_refuses_before_asking_for_the_passphrase(db_path, store):
    create_demo(store)
    store.update_audit(1, recommendation="")
    store.close()
    result = run_cli(
        "report",
        "--db",
        str(db_path),
        "--audit",
        "1",
        "--out",
        "x.pdf",
        "--key",
        "none.p12",
        check=False,
    )
    assert result.returncode != 0 and "recommendation is empty" in result.stderr
