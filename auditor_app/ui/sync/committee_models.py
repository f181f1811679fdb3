"""Table models of the committee view: received reports and certificates, with their proxy.

Thin adapters over the committee service's `ReceivedReport` and `CertificateStatus` rows.
Verification and overdue states are said in words (✔/✘, "OVERDUE") and only then coloured,
so they read the same in a grey-scale print-out or to a colour-blind reviewer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from auditor_app.core.numbers import fmt_score
from auditor_app.ui import labels
from auditor_app.ui.i18n import pick
from auditor_app.ui.sync import texts
from auditor_app.ui.table_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
AUDIT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
SUPERSEDED_ROLE = Qt.ItemDataRole.UserRole + 4

_RED = QColor("#b3261e")
_GREEN = QColor("#1e7b34")
_AMBER = QColor("#8a5a00")
_GREY = QColor("#888888")


def _level(title: str | None, level: str | None) -> str:
    """The level's title ("五星 / Five stars") in the UI language."""
    if title and " / " in title:
        zh, en = title.split(" / ", 1)
        return pick(zh, en)
    return title or level or "—"


class _Table(RowsTableModel):
    """Rows of plain objects, named columns; subclasses say how to show a cell."""

    def __init__(self, headers: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._rows: list[Any] = []

    def set_rows(self, rows: tuple[Any, ...] | list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, n: int) -> Any:
        return self._rows[n]


# -- received reports ------------------------------------------------------------------------
# Ten columns must fit beside the decision panel on a 1366-pixel laptop: headers are two lines
# (Chinese over English) and cells use the UI language only.
(R_CLIENT, R_TYPE, R_REPORT, R_DATE, R_SCORE, R_SIGNER, R_TRUSTED, R_INTACT, R_VERDICT,
 R_DECISION) = range(10)  # fmt: skip
_CHECKS = (R_TRUSTED, R_INTACT, R_VERDICT)


def _search_text(r: Any) -> str:
    return " ".join(
        str(x) for x in (r.client, r.report_number, r.signer or "", r.audit_type)
    ).casefold()


class ReportsModel(_Table):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                self.tr("Client"),
                self.tr("Type"),
                self.tr("Report no."),
                self.tr("Ended"),
                self.tr("Total · level"),
                self.tr("Signer"),
                self.tr("Trusted"),
                self.tr("Intact"),
                self.tr("Verdict"),
                self.tr("Decision"),
            ],
            parent,
        )
        self._all: list[Any] = []  # every report; `_rows` are those the filter shows
        self._search_all: list[str] = []
        self._where: dict[int, int] = {}  # audit id -> shown row
        self._search: list[str] = []
        self._words: list[str] = []
        self._show_superseded = False

    def set_rows(self, rows: tuple[Any, ...] | list[Any]) -> None:
        # Each row's search text is worked out once here, and the search and the superseded
        # switch filter here, in one pass over plain strings: a proxy asking every row of
        # thousands for its data on each key press was too slow for typing.
        self._all = list(rows)
        self._search_all = [_search_text(r) for r in self._all]
        self._apply_filter()

    def set_filter(self, text: str | None = None, show_superseded: bool | None = None) -> None:
        """Show the rows whose search text holds every word of `text` (superseded revisions
        only when `show_superseded`); None keeps that part of the filter as it is."""
        if text is not None:
            self._words = text.strip().casefold().split()
        if show_superseded is not None:
            self._show_superseded = show_superseded
        self._apply_filter()

    def _apply_filter(self) -> None:
        words, show = self._words, self._show_superseded
        keep = [
            n
            for n, (r, hay) in enumerate(zip(self._all, self._search_all, strict=True))
            if (show or not r.superseded) and all(w in hay for w in words)
        ]
        self.beginResetModel()
        self._rows = [self._all[n] for n in keep]
        self._search = [self._search_all[n] for n in keep]
        self._where = {r.audit_id: n for n, r in enumerate(self._rows)}
        self.endResetModel()

    def update_rows(self, reports: tuple[Any, ...] | list[Any]) -> list[int]:
        """Replace the rows of these reports (checked again); returns the shown rows changed.
        (A row keeps its place under the current search until the next filter.)"""
        changed = []
        where_all = {r.audit_id: n for n, r in enumerate(self._all)} if reports else {}
        for report in reports:
            at = where_all.get(report.audit_id)
            if at is None:
                continue
            self._all[at] = report
            self._search_all[at] = _search_text(report)
            n = self._where.get(report.audit_id)
            if n is None:
                continue
            self._rows[n] = report
            self._search[n] = self._search_all[at]
            self.dataChanged.emit(self.index(n, 0), self.index(n, self.columnCount() - 1))
            changed.append(n)
        return changed

    def has_stale(self) -> bool:
        """Whether a row waits for its verdict (none yet, or checked with another list)."""
        return any(r.stale for r in self._all)

    def row_of(self, audit_id: int) -> int:
        return self._where.get(audit_id, -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == SORT_ROLE:
            if col == R_SCORE:
                return float(r.total) if r.total is not None else -1.0
            return str(self._display(r, col)).casefold()
        if role == AUDIT_ID_ROLE:
            return r.audit_id
        if role == SUPERSEDED_ROLE:
            return r.superseded
        if role == SEARCH_ROLE:
            return self._search[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(r, col)
        if role == Qt.ItemDataRole.FontRole and (col == R_CLIENT or r.superseded):
            font = QFont()
            font.setBold(col == R_CLIENT and not r.superseded)
            font.setItalic(r.superseded)
            return font
        return None

    def _display(self, r: Any, col: int) -> Any:
        if col == R_CLIENT:
            return r.client
        if col == R_TYPE:
            return labels.audit_type(r.audit_type)
        if col == R_REPORT:
            text = r.report_number or "—"
            if r.revision:
                text += f" r{r.revision}"
            return text + " " + texts.superseded_mark() if r.superseded else text
        if col == R_DATE:
            return r.end_date or "—"
        if col == R_SCORE:
            if r.total is None:
                return "—"
            return f"{fmt_score(r.total)} · {_level(r.level_title, r.level)}"
        if col == R_SIGNER:
            return r.signer or "—"
        if col in _CHECKS:
            if r.stale:  # not checked yet, or against another trust list: being checked
                return "…"
            return texts.short_yes_no(self._check(r, col))
        if col == R_DECISION:
            d = r.decision
            text = texts.short_decision(d.decision if d else None)
            if d and d.certificate_number:
                text += f" {d.certificate_number}"
            return text
        return None

    @staticmethod
    def _check(r: Any, col: int) -> bool:
        return bool({R_TRUSTED: r.trusted, R_INTACT: r.intact, R_VERDICT: r.verified}[col])

    def _tooltip(self, r: Any, col: int) -> str | None:
        if col in _CHECKS and (r.problems or r.verified_at):
            lines = [f"• {p}" for p in r.problems]
            if r.verified_at and not r.stale:
                at = r.verified_at[:16].replace("T", " ")
                lines.insert(0, self.tr("Verified at {at} UTC").format(at=at))
            return "\n".join(lines)
        if col == R_DECISION and r.decision is not None:
            d = r.decision
            return f"{texts.decision(d.decision)} · {d.decided_on} · {d.decided_by}\n{d.note}"
        if col == R_CLIENT:  # the column may be too narrow for a long company name
            client: str | None = r.client
            return client
        if col == R_REPORT and r.superseded:
            return self.tr("Superseded by a newer revision")
        return None

    def _colour(self, r: Any, col: int) -> QBrush | None:
        if col in _CHECKS:
            if r.stale:
                return QBrush(_AMBER)
            return QBrush(_GREEN if self._check(r, col) else _RED)
        if r.superseded:
            return QBrush(_GREY)
        if col == R_DECISION and r.decision is None:
            return QBrush(_AMBER)
        return None


class ReportsProxy(QSortFilterProxyModel):
    """Sorting of the reports; the search over client, report number, signer and type and
    the superseded switch are the source model's (`ReportsModel.set_filter`)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def _reports(self) -> ReportsModel:
        model = self.sourceModel()
        assert isinstance(model, ReportsModel)
        return model

    def set_search(self, text: str) -> None:
        self._reports().set_filter(text=text)

    def set_show_superseded(self, show: bool) -> None:
        self._reports().set_filter(show_superseded=show)


# -- certificates ----------------------------------------------------------------------------
C_NUMBER, C_CLIENT, C_STATE, C_LEVEL, C_ISSUED, C_EXPIRES, C_WINDOW, C_RECERT, C_STATUS = range(9)


class CertificatesModel(_Table):
    """Each certificate's cycle; overdue and expired rows in red, with the word in Status."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                self.tr("Certificate"),
                self.tr("Client"),
                self.tr("State"),
                self.tr("Level"),
                self.tr("Issued"),
                self.tr("Valid to"),
                self.tr("Next surveillance"),
                self.tr("Recertification due"),
                self.tr("Status"),
            ],
            parent,
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self._rows[index.row()], index.column()
        status, cycle = row.status, row.status.cycle
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self._display(row, col, sort=role == SORT_ROLE)
        if role == AUDIT_ID_ROLE:
            return status.audit_id
        if role == Qt.ItemDataRole.ForegroundRole:
            if cycle.overdue or (col == C_STATE and status.state != "valid"):
                return QBrush(_RED)
            if cycle.flags and col == C_STATUS:
                return QBrush(_AMBER)
        if role == Qt.ItemDataRole.FontRole and cycle.overdue and col in (C_NUMBER, C_STATUS):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _display(self, row: Any, col: int, *, sort: bool) -> Any:
        status, cycle = row.status, row.status.cycle
        if col == C_NUMBER:
            return cycle.number
        if col == C_CLIENT:
            return status.client
        if col == C_STATE:
            deadline = status.register.deadline
            text = texts.cert_state(status.state)
            return f"{text} → {deadline.isoformat()}" if deadline else text
        if col == C_LEVEL:
            return _level(row.level_title, status.level)
        if col == C_ISSUED:
            return cycle.issued_on.isoformat()
        if col == C_EXPIRES:
            return cycle.expires_on.isoformat()
        if col == C_WINDOW:
            window = cycle.next_surveillance
            if window is None:
                return "9999" if sort else self.tr("none: recertify next")
            return f"{window[0].isoformat()} – {window[1].isoformat()}"
        if col == C_RECERT:
            return cycle.recertification_due.isoformat()
        if col == C_STATUS:
            if sort:  # most urgent first
                return f"{0 if cycle.overdue else 1 if cycle.flags else 2}|{cycle.number}"
            return texts.flags_text(cycle.flags)
        return None
