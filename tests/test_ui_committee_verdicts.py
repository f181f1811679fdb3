"""The committee view opens on stored verdicts: reports without a current one are checked in
a background pass, and the report the reviewer opens is verified again at once. Real
databases, a real signed package, the real view offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from auditor_app.services import package_jobs as tasks
from auditor_app.store import committee_verdicts as verdict_rows
from auditor_app.store.audit_store import AuditStore
from auditor_app.sync import build_package, write_package
from auditor_app.ui.sync import CommitteeView
from auditor_app.ui.sync.committee_models import R_TRUSTED, R_VERDICT
from tests.test_sync_support import session_keys
from tests.test_ui_support import GUI_MARKS
from tests.test_ui_sync_support import World, build_world

pytestmark = GUI_MARKS
K = session_keys()
WAIT = 30_000


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    return build_world(tmp_path_factory.mktemp("sync-world"))


@pytest.fixture
def committee_db(world, tmp_path) -> tuple[Path, int]:
    """A committee database that imported the signed demo (trust list remembered)."""
    package = tmp_path / "signed.auditpkg"
    with AuditStore(world.leader_db) as leader:
        write_package(build_package(leader, world.signed_audit, K.leader), package)
    path = tmp_path / "committee.sqlite"
    AuditStore(path).close()
    imported = tasks.run_import(tasks.ImportRequest(path, package, (str(world.ca),)))
    assert imported.audit_id is not None
    return path, imported.audit_id


def _open(qtbot, path: Path) -> CommitteeView:
    view = CommitteeView(path)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.data is not None, timeout=WAIT)
    return view


def _settled(qtbot, view: CommitteeView) -> None:
    def idle() -> bool:
        jobs = (view._checker, view._rechecker)
        return not view.busy.running and not any(j is not None and j.running for j in jobs)

    qtbot.waitUntil(idle, timeout=WAIT)


def test_reports_without_a_verdict_are_checked_in_the_background(qtbot, committee_db):
    path, audit_id = committee_db
    with AuditStore(path) as store:  # as a database from before stored verdicts
        store.db.execute("DELETE FROM committee_verdicts")
    view = _open(qtbot, path)
    qtbot.waitUntil(lambda: not view.reports.has_stale(), timeout=WAIT)
    _settled(qtbot, view)
    assert "✔" in view.proxy.index(0, R_TRUSTED).data()
    assert "✔" in view.proxy.index(0, R_VERDICT).data()
    tip = view.proxy.index(0, R_VERDICT).data(0x03)  # ToolTipRole
    # the UI language of the test run (Chinese on the Windows rig)
    verified = QCoreApplication.translate(
        view.reports.metaObject().className(), "Verified at {at} UTC"
    )
    assert tip.startswith(verified.split("{at}")[0]) and tip.endswith(" UTC")
    with AuditStore(path) as store:
        assert verdict_rows.verdict(store, audit_id)["verified"] is True


def test_the_opened_report_is_verified_again(qtbot, committee_db):
    path, audit_id = committee_db
    with AuditStore(path) as store:  # a stored verdict that no longer holds
        stored = verdict_rows.verdict(store, audit_id)
        verdict_rows.save_verdict(store, audit_id, {**stored, "verified": False})
    view = _open(qtbot, path)  # the first row is selected, so verified again
    qtbot.waitUntil(lambda: "✔" in view.proxy.index(0, R_VERDICT).data(), timeout=WAIT)
    _settled(qtbot, view)
    assert view.panel.report.verified
    with AuditStore(path) as store:
        assert verdict_rows.verdict(store, audit_id)["verified"] is True


def test_a_new_trust_list_marks_the_verdicts_stale_and_checks_them(qtbot, committee_db):
    path, audit_id = committee_db
    view = _open(qtbot, path)
    _settled(qtbot, view)
    view.set_trust([])  # nothing trusted now
    qtbot.waitUntil(lambda: "✘" in view.proxy.index(0, R_TRUSTED).data(), timeout=WAIT)
    _settled(qtbot, view)
    with AuditStore(path) as store:
        assert verdict_rows.verdict(store, audit_id)["trusted"] is False


def _report(audit_id: int, client: str, number: str, *, superseded: bool = False, **more):
    from auditor_app.sync.committee import ReceivedReport

    values = {
        "audit_id": audit_id,
        "audit_uid": f"uid-{audit_id}",
        "revision": 1 if superseded else 2,
        "superseded": superseded,
        "client": client,
        "audit_type": "initial",
        "report_number": number,
        "end_date": "2026-05-01",
        "total": "90.5",
        "level": "four_star",
        "level_title": "四星 / Four stars",
        "signer": "王建国",
        "trusted": True,
        "intact": True,
        "verified": True,
        "problems": (),
        "decision": None,
        "verified_at": "2026-05-02T10:00:00+00:00",
        "stale": False,
    }
    return ReceivedReport(**{**values, **more})


def test_search_and_superseded_filter_in_the_model(qtbot):
    from auditor_app.ui.sync.committee_models import AUDIT_ID_ROLE, ReportsModel, ReportsProxy

    model = ReportsModel()
    proxy = ReportsProxy()
    proxy.setSourceModel(model)
    model.set_rows(
        [
            _report(1, "杭州恒信家电服务有限公司", "CB-2026-001"),
            _report(2, "宁波远达电器有限公司", "CB-2026-002"),
            _report(3, "宁波远达电器有限公司", "CB-2025-009", superseded=True),
        ]
    )

    def shown() -> list[int]:
        return [proxy.index(n, 0).data(AUDIT_ID_ROLE) for n in range(proxy.rowCount())]

    assert shown() == [1, 2]  # superseded revisions hidden
    proxy.set_show_superseded(True)
    assert shown() == [1, 2, 3]
    proxy.set_search("宁波 cb-2025")  # every word, any case
    assert shown() == [3]
    proxy.set_show_superseded(False)
    assert shown() == []
    proxy.set_search("")
    assert shown() == [1, 2]
    # a report checked again replaces its row in place, shown or not
    changed = model.update_rows(
        [
            _report(2, "宁波远达电器有限公司", "CB-2026-002", verified=False, trusted=False),
            _report(3, "宁波远达电器有限公司", "CB-2025-009", superseded=True, stale=True),
        ]
    )
    assert changed == [1]
    assert "✘" in proxy.index(1, R_VERDICT).data() and model.has_stale()
    assert model.row_of(2) == 1 and model.row_of(3) == -1
