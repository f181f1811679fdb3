"""The Audits home: rows, search, sort, archive and the next surveillance audit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_ui_support import GUI_MARKS

pytest_plugins = ["test_ui_support"]  # its fixtures: launcher, message_boxes …
pytestmark = GUI_MARKS


def _audits(store, demo_audit) -> dict[str, int]:
    from auditor_app.services.audits import AuditService, ClientInfo

    service = AuditService(store)
    ids = {"demo": demo_audit}
    ids["beta"] = service.create_audit(
        ClientInfo("北京远达电器服务有限公司"),
        "surveillance",
        report_number="BJ-7",
        start_date="2026-03-02",
        headcount={"full_time": 40},
    )
    ids["gamma"] = service.create_audit(
        ClientInfo("广州南方维修有限公司"), "initial", start_date="2025-09-10"
    )
    return ids


def _column(proxy, column: int) -> list[str]:
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_home_lists_searches_and_sorts(qtbot, launcher, db_path, store, demo_audit):
    from auditor_app.ui.audits_model import CLIENT, DATES, LEVEL, PROGRESS, SCORE, STATUS, TYPE

    ids = _audits(store, demo_audit)
    home = launcher.start(db_path).window.home
    proxy = home.proxy
    assert proxy.rowCount() == 3
    row = home.model.row_of(ids["demo"])
    demo = {
        c: home.model.index(row, c).data()
        for c in (CLIENT, TYPE, STATUS, PROGRESS, SCORE, LEVEL, DATES)
    }
    assert demo[CLIENT] == "杭州恒信家电服务有限公司"
    assert demo[TYPE] == "初次认证审核"
    assert demo[STATUS] == "进行中"
    assert demo[PROGRESS] == "46 / 46"
    assert demo[SCORE] == "90.5" and demo[LEVEL] == "四星级"
    assert demo[DATES] == "2026-11-23 – 2026-11-25"
    assert home.model.index(home.model.row_of(ids["gamma"]), SCORE).data() == "—"

    home.search.setText("远达")
    assert _column(proxy, CLIENT) == ["北京远达电器服务有限公司"]
    home.search.setText("监督")  # by audit type, in the UI language
    assert _column(proxy, CLIENT) == ["北京远达电器服务有限公司"]
    home.search.setText("bj-7")  # report number, any case
    assert proxy.rowCount() == 1
    home.search.clear()

    home.view.sortByColumn(SCORE, Qt.SortOrder.DescendingOrder)
    assert _column(proxy, CLIENT)[0] == "杭州恒信家电服务有限公司"
    home.view.sortByColumn(DATES, Qt.SortOrder.AscendingOrder)
    assert _column(proxy, DATES) == ["2025-09-10", "2026-03-02", "2026-11-23 – 2026-11-25"]


def test_archive_hides_and_show_archived_brings_back(qtbot, launcher, db_path, store, demo_audit):
    ids = _audits(store, demo_audit)
    window = launcher.start(db_path).window
    home = window.home
    home.select_audit(ids["gamma"])
    home.archive_button.click()
    assert store.audit(ids["gamma"])["archived"] == 1
    assert home.proxy.rowCount() == 2
    home.show_archived.setChecked(True)
    assert home.proxy.rowCount() == 3
    home.select_audit(ids["gamma"])
    assert home.archive_button.text() == "取消归档"
    home.archive_button.click()
    assert store.audit(ids["gamma"])["archived"] == 0


def test_open_with_enter_and_start_next_surveillance(qtbot, launcher, db_path, store, demo_audit):
    window = launcher.start(db_path).window
    home = window.home
    home.view.setFocus()
    home.select_audit(demo_audit)
    qtbot.keyClick(home.view, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.audit_view
    assert window.audit_view.audit_id == demo_audit

    window.show_home()
    home.duplicate_button.click()
    new_id = window.audit_view.audit_id
    assert new_id != demo_audit
    audit = store.audit(new_id)
    assert audit["audit_type"] == "surveillance"
    assert audit["org_name"] == "杭州恒信家电服务有限公司"
    assert window.audit_view.details.sites.model.rowCount() == len(store.sites(demo_audit))
    window.show_home()
    assert home.proxy.rowCount() == 2
    assert home.current_audit() == new_id


def test_fitting_the_columns_scores_no_audit(qtbot, store, demo_audit):
    """Scores are computed for the rows Qt paints, not to size the columns (issue 14): a
    list that is built but not shown (the window reopening on an audit) scores nothing, and
    the score columns still fit their widest text."""
    from auditor_app.services.audits import AuditService
    from auditor_app.ui.audits_model import LEVEL, SCORE
    from auditor_app.ui.home import HomePage

    _audits(store, demo_audit)
    home = HomePage(AuditService(store))
    qtbot.addWidget(home)
    home.reload()
    assert home.model.rowCount() == 3
    assert home.model.scores._cache == {}  # nothing scored yet
    metrics = home.view.fontMetrics()
    level = home.model.index(home.model.row_of(demo_audit), LEVEL).data()  # scores this one
    assert level == "四星级"
    assert home.view.columnWidth(LEVEL) > metrics.horizontalAdvance(level)
    assert home.view.columnWidth(SCORE) > metrics.horizontalAdvance("100.5")
    assert list(home.model.scores._cache) == [demo_audit]
