"""The review committee's desk: received reports, the decision on one, the certificates.

A QWidget, so the main window can show it as a tab or on its own. Loading reads each report's
stored verdict (worked out at import) in a worker; reports without a current one (imported
before verdicts were stored, or checked against another trust list) show "…" and are verified
by a background pass a few at a time, and the report the reviewer opens is verified again at
once (`tasks.recheck_report`). Recording a decision runs in a worker too (it verifies the
report itself), after which the lists are loaded again (the certificate cycle follows).
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from auditor_app.services import package_jobs as tasks
from auditor_app.ui.fields import ErrorLabel
from auditor_app.ui.messages import describe
from auditor_app.ui.sync import texts
from auditor_app.ui.sync.committee_actions import CertificateActions, record_action
from auditor_app.ui.sync.committee_models import (
    AUDIT_ID_ROLE,
    R_CLIENT,
    SORT_ROLE,
    CertificatesModel,
    ReportsModel,
    ReportsProxy,
)
from auditor_app.ui.sync.decision_panel import DecisionPanel
from auditor_app.ui.sync.widgets import Busy, TrustList
from auditor_app.ui.worker import Job


def _table(name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setHighlightSections(False)
    return view


class TrustDialog(QDialog):
    """Edit the trusted certificates the reports are verified against."""

    def __init__(self, paths: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Trusted certificates"))
        self.setMinimumWidth(560)
        self.trust = TrustList(paths)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The CB's CA, or a signer's own")))
        layout.addWidget(self.trust)
        layout.addWidget(buttons)


class CommitteeView(QWidget):
    """`CommitteeView(store_path, parent)`; `decided(audit_id)` after each recorded decision."""

    loaded = Signal(object)  # tasks.CommitteeData, once shown
    decided = Signal(int)

    def __init__(self, store_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("committeeView")
        self.setWindowTitle(self.tr("Review committee"))
        self.store_path = Path(store_path)
        self.data: tasks.CommitteeData | None = None
        self.today: dt.date | None = None  # None: the real today (tests set a day)
        self._select_after_load: int | None = None
        self._reload_pending = False  # asked to reload while a job ran: do it after
        self._checker: Job | None = None  # the background pass over unchecked verdicts
        self._rechecker: Job | None = None  # verifies the report just opened
        self.trust_paths: list[str] = []  # the remembered list, read by the first load
        self._trust_known = False

        # top line: search, superseded, trust, refresh
        self.search = QLineEdit()
        self.search.setObjectName("committeeSearch")
        self.search.setPlaceholderText(self.tr("Search client, report, signer"))
        self.search.setClearButtonEnabled(True)
        self.show_superseded = QCheckBox(self.tr("Show superseded"))
        self.trust_label = QLabel()
        self.trust_label.setObjectName("trustLabel")
        self.trust_button = QPushButton(self.tr("Trusted certificates…"))
        self.trust_button.clicked.connect(self.edit_trust)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(self.show_superseded)
        top.addStretch(1)
        top.addWidget(self.trust_label)
        top.addWidget(self.trust_button)
        top.addWidget(self.refresh_button)

        # received reports + decision panel
        self.reports = ReportsModel(self)
        self.proxy = ReportsProxy(self)
        self.proxy.setSourceModel(self.reports)
        self.reports_view = _table("reportsView")
        self.reports_view.setModel(self.proxy)
        self.reports_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the service's order
        header = self.reports_view.horizontalHeader()
        # sized to the shown rows once per load, not on every change of any of thousands of
        # rows (ResizeToContents measured every row again for each verdict that came in)
        header.setResizeContentsPrecision(0)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(R_CLIENT, QHeaderView.ResizeMode.Stretch)
        self.reports_view.selectionModel().selectionChanged.connect(self._selected)
        self.search.textChanged.connect(self.proxy.set_search)
        self.show_superseded.toggled.connect(self.proxy.set_show_superseded)
        reports_box = QGroupBox(self.tr("Received reports"))
        reports_layout = QVBoxLayout(reports_box)
        reports_layout.addWidget(self.reports_view)
        self.panel = DecisionPanel()
        self.panel.submitted.connect(self.record)
        self.panel.setMinimumWidth(280)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(reports_box)
        upper.addWidget(self.panel)
        upper.setStretchFactor(0, 1)
        upper.setStretchFactor(1, 0)
        upper.setSizes([1000, 280])
        upper.setChildrenCollapsible(False)

        # certificates
        self.certificates = CertificatesModel(self)
        self.cert_proxy = QSortFilterProxyModel(self)
        self.cert_proxy.setSortRole(SORT_ROLE)
        self.cert_proxy.setSourceModel(self.certificates)
        self.certificates_view = _table("certificatesView")
        self.certificates_view.setModel(self.cert_proxy)
        self.certificates_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        cert_header = self.certificates_view.horizontalHeader()
        cert_header.setResizeContentsPrecision(0)  # thousands of certificates: see above
        cert_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        cert_header.setStretchLastSection(True)
        self.cert_box = QGroupBox(self.tr("Certificates"))
        cert_layout = QVBoxLayout(self.cert_box)
        cert_row = QHBoxLayout()
        cert_row.addWidget(self.certificates_view, 1)
        self.actions = CertificateActions()
        self.actions.setMinimumWidth(280)
        self.actions.submitted.connect(self.record_action)
        cert_row.addWidget(self.actions)
        cert_layout.addLayout(cert_row, 1)
        # the selected certificate's register: every change, who decided it, when and why
        self.cert_history = QLabel()
        self.cert_history.setObjectName("certificateHistory")
        self.cert_history.setWordWrap(True)
        self.cert_history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        cert_layout.addWidget(self.cert_history)
        self.certificates_view.selectionModel().selectionChanged.connect(self._cert_selected)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(self.cert_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)

        self.busy = Busy(
            {
                "verify": self.tr("Verifying the reports' signatures…"),
                "decide": self.tr("Recording the decision…"),
            }
        )
        self.summary = QLabel()
        self.summary.setObjectName("committeeSummary")
        self.summary.setWordWrap(True)
        self.error = ErrorLabel()
        self.error.setObjectName("committeeError")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.busy)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        self._show_trust()
        self.reload()

    # -- loading --------------------------------------------------------------------------
    def _show_trust(self) -> None:
        if not self._trust_known:
            self.trust_label.setText("")
            return
        n = len(self.trust_paths)
        self.trust_label.setText(
            self.tr("Trusting {n} certificate(s)").format(n=n)
            if n
            else self.tr("⚠ No trusted certificate set")
        )
        self.trust_label.setStyleSheet(texts.NOTE_STYLE if n else texts.WARN_STYLE)

    def reload(self) -> None:
        if self.busy.running:
            self._reload_pending = True
            return
        self._reload_pending = False
        self.error.set_error(None)
        self.busy.run(
            partial(
                tasks.load_committee,
                self.store_path,
                list(self.trust_paths) if self._trust_known else None,
                self.today,
            ),
            self._loaded,
            self._failed,
        )
        self._sync_enabled()

    def _sync_enabled(self) -> None:
        running = self.busy.running
        self.refresh_button.setEnabled(not running)
        self.trust_button.setEnabled(not running)
        self.panel.record.setEnabled(not running and self.panel.report is not None)

    def _loaded(self, data: tasks.CommitteeData) -> None:
        selected = self._select_after_load or self.selected_audit_id()
        self._select_after_load = None
        self.data = data
        if not self._trust_known:
            self.trust_paths, self._trust_known = list(data.trust_paths), True
            self._show_trust()
        self.reports.set_rows(data.reports)
        self.certificates.set_rows([row for row in data.certificates])
        self.actions.set_certificate("")
        self.cert_history.setText("")
        current = [r for r in data.reports if not r.superseded]
        pending = sum(r.decision is None for r in current)
        failing = sum(not r.verified and not r.stale for r in current)
        overdue = sum(row.status.cycle.overdue for row in data.certificates)
        self.summary.setText(
            self.tr(
                "{reports} report(s), {pending} pending, {failing} failing verification; {certs}"
                " certificate(s), {overdue} overdue."
            ).format(
                reports=len(current),
                pending=pending,
                failing=failing,
                certs=len(data.certificates),
                overdue=overdue,
            )
        )
        self.summary.setStyleSheet(texts.BAD_STYLE if failing or overdue else texts.NOTE_STYLE)
        self.cert_box.setTitle(
            self.tr("Certificates as of {day}").format(day=data.today.isoformat())
        )
        self.reports_view.resizeColumnsToContents()
        self.certificates_view.resizeColumnsToContents()
        if selected is not None:
            self.select_audit(selected)
        elif self.proxy.rowCount():
            self.reports_view.selectRow(0)
        else:
            self.panel.set_report(None)
        self._sync_enabled()
        self.loaded.emit(data)
        if self._reload_pending:  # the trust list changed while this load ran
            self.reload()
        else:
            self._check_more()

    # -- the background pass and the opened report ----------------------------------------
    def _check_more(self) -> None:
        """Verify the next few reports without a current verdict, then the next few…"""
        if self.busy.running or (self._checker is not None and self._checker.running):
            return  # a load or a decision runs: the load that follows starts it again
        if not self.reports.has_stale():
            return
        job = Job(partial(tasks.check_committee_batch, self.store_path, list(self.trust_paths)))
        job.succeeded.connect(self._checked)
        job.failed.connect(self._failed)
        self._checker = job
        job.start()

    def _checked(self, reports: tuple[Any, ...]) -> None:
        self._refresh_rows(reports)
        if reports:
            self._check_more()

    def _refresh_rows(self, reports: tuple[Any, ...] | list[Any]) -> None:
        self.reports.update_rows(reports)
        selected = self.selected_audit_id()
        for report in reports:
            if report.audit_id == selected:
                self.panel.set_report(report)
        self._sync_enabled()

    def _recheck_selected(self) -> None:
        audit_id = self.selected_audit_id()
        if audit_id is None or (self._rechecker is not None and self._rechecker.running):
            return  # the one running checks again when it is done, if the selection moved
        job = Job(partial(tasks.recheck_report, self.store_path, audit_id, list(self.trust_paths)))
        job.succeeded.connect(self._rechecked)
        job.failed.connect(self._failed)
        self._rechecker = job
        job.start()

    def _rechecked(self, report: Any) -> None:
        self._refresh_rows([report])
        if self.selected_audit_id() not in (None, report.audit_id):
            self._recheck_selected()

    def _failed(self, exc: BaseException) -> None:
        self._sync_enabled()
        self.error.set_error(describe(exc))
        if self._reload_pending:
            self.reload()

    # -- selection and deciding -----------------------------------------------------------
    def selected_audit_id(self) -> int | None:
        rows = self.reports_view.selectionModel().selectedRows()
        return rows[0].data(AUDIT_ID_ROLE) if rows else None

    def select_audit(self, audit_id: int) -> bool:
        row = self.reports.row_of(audit_id)
        if row < 0:
            return False
        self.reports_view.selectRow(self.proxy.mapFromSource(self.reports.index(row, 0)).row())
        return True

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        rows = self.reports_view.selectionModel().selectedRows()
        report = None
        if rows:
            source = self.proxy.mapToSource(rows[0])
            report = self.reports.row(source.row())
        self.panel.set_report(report)
        self._sync_enabled()
        if report is not None:
            self._recheck_selected()

    def record(self, values: dict[str, Any]) -> None:
        """Record a decision (the panel's `submitted`), then load the lists again."""
        if self.busy.running:
            return
        request = tasks.DecisionRequest(
            self.store_path, **values, trust_paths=tuple(self.trust_paths)
        )
        self.busy.run(partial(tasks.record_decision, request), self._recorded, self._decide_failed)
        self._sync_enabled()

    def _recorded(self, decision: Any) -> None:
        self.panel.recorded()
        self._select_after_load = decision.audit_id
        self.decided.emit(decision.audit_id)
        self.reload()

    def _decide_failed(self, exc: BaseException) -> None:
        self._sync_enabled()
        self.panel.show_error(describe(exc))

    def _cert_selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        rows = self.certificates_view.selectionModel().selectedRows()
        if not rows:
            self.cert_history.setText("")
            self.actions.set_certificate("")
            return
        row = self.certificates.row(self.cert_proxy.mapToSource(rows[0]).row())
        self.actions.set_certificate(row.status.cycle.number)
        lines = []
        for e in row.status.register.history:
            until = f" → {e['deadline']}" if e["deadline"] else ""
            lines.append(
                f"{e['effective_on']}  {texts.cert_event(e['event'])}{until}  "
                f"[{e['level'] or '-'}]  {e['decided_by']}: {e['reason']}"
            )
        self.cert_history.setText("\n".join(lines))

    def record_action(self, values: dict[str, Any]) -> None:
        """Record a certificate decision (the actions box's `submitted`), then reload."""
        if self.busy.running:
            return
        self.busy.run(
            partial(record_action, self.store_path, values),
            self._action_recorded,
            self.actions.show_error,
        )
        self._sync_enabled()

    def _action_recorded(self, _certificate: Any) -> None:
        self.actions.recorded()
        self.reload()

    # -- trust ----------------------------------------------------------------------------
    def edit_trust(self) -> None:
        dialog = TrustDialog(list(self.trust_paths), self)
        dialog.setObjectName("trustDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._trust_accepted)
        dialog.open()

    def _trust_accepted(self) -> None:
        dialog = self.sender()
        if isinstance(dialog, TrustDialog):
            self.set_trust(dialog.trust.paths())

    def set_trust(self, paths: list[str]) -> None:
        """Use and remember another trust list, and verify the reports again."""
        try:
            tasks.remember_trust(self.store_path, paths)
        except Exception as exc:  # shown in place; the list stays as it was
            self.error.set_error(describe(exc))
            return
        self.trust_paths, self._trust_known = list(paths), True
        self._show_trust()
        self.reload()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.busy.wait()  # a decision being written finishes first
        for job in (self._checker, self._rechecker):
            if job is not None and job.running:
                job.wait()
        super().closeEvent(event)
