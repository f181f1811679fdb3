"""The audits list as a table model over plain rows, and the proxy that searches and sorts it.

Scores are computed by `AuditService.score` only when a row is first shown or sorted on, and
cached by the audit's `updated_at`: every write touches it, so a cached score is never stale
and a home list of 50 audits costs a few milliseconds after the first paint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from auditor_app.core.errors import AuditorError
from auditor_app.core.numbers import fmt_score
from auditor_app.services.audits import AuditService
from auditor_app.ui import labels
from auditor_app.ui.search_proxy import SearchProxy
from auditor_app.ui.table_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
AUDIT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
ARCHIVED_ROLE = Qt.ItemDataRole.UserRole + 4
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 5

CLIENT, REPORT, TYPE, DATES, STATUS, PROGRESS, SCORE, LEVEL, UPDATED = range(9)
_TYPE_ORDER = {"initial": 0, "surveillance": 1, "recertification": 2, "special": 3}
_STATUS_ORDER = {"draft": 0, "in_progress": 1, "signed": 2}


@dataclass(frozen=True)
class ScoreSummary:
    """What the audits list shows of an audit's score: `total` None and `level` "" until something
    is scored (or when the audit cannot be scored); `level_rank` sorts by level (-1: none); `items`
    is the scheme's item count."""

    total: float | None
    level: str
    level_rank: int
    items: int
    complete: bool = False


class ScoreCache:
    """Score, level and item count per audit, recomputed only when the audit changed."""

    def __init__(self, service: AuditService) -> None:
        self.service = service
        self._cache: dict[int, tuple[str, ScoreSummary]] = {}

    def get(self, row: dict[str, Any]) -> ScoreSummary:
        key = row["updated_at"]
        hit = self._cache.get(row["id"])
        if hit is not None and hit[0] == key:
            return hit[1]
        try:
            scheme = self.service.store.scheme(row["scheme_hash"])
            result = self.service.score(row["id"])
            ranks = [lv.id for lv in scheme.levels]
            # Nothing scored yet: "0 points, fail" would read as a verdict, so show none.
            known = result.determinable and result.scored > 0
            summary = ScoreSummary(
                float(result.total) if known else None,
                labels.level(scheme, result.level) if known else "",
                ranks.index(result.level) if known and result.level in ranks else -1,
                len(scheme.items),
                result.complete,
            )
        except AuditorError:  # a damaged audit must not break the whole list
            summary = ScoreSummary(None, "", -1, 0)
        self._cache[row["id"]] = (key, summary)
        return summary


def _local(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


class AuditsModel(RowsTableModel):
    def __init__(self, scores: ScoreCache, parent: Any = None) -> None:
        super().__init__(parent)
        self.scores = scores
        self._rows: list[dict[str, Any]] = []
        self._headers = [
            self.tr("Client"),
            self.tr("Report no."),
            self.tr("Audit type"),
            self.tr("Dates"),
            self.tr("Status"),
            self.tr("Progress"),
            self.tr("Score"),
            self.tr("Level"),
            self.tr("Last change"),
        ]

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_of(self, audit_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r["id"] == audit_id), -1)

    def audit_row(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if role == AUDIT_ID_ROLE:
            return row["id"]
        if role == ARCHIVED_ROLE:
            return bool(row["archived"])
        if role == SEARCH_ROLE:
            return " ".join(
                str(self._display(row, c)) for c in (CLIENT, REPORT, TYPE, DATES, STATUS)
            ).casefold()
        if role == PROGRESS_ROLE and col == PROGRESS:
            return row["scored"], self.scores.get(row).items
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (SCORE, PROGRESS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and (
            row["archived"] or (col in (SCORE, LEVEL) and not self.scores.get(row).complete)
        ):
            return QColor("#888888")
        if role == Qt.ItemDataRole.FontRole and (row["archived"] or col == CLIENT):
            font = QFont()
            font.setItalic(bool(row["archived"]))
            font.setBold(col == CLIENT and not row["archived"])
            return font
        if role == Qt.ItemDataRole.ToolTipRole and col == CLIENT:
            return self.tr("Audit {id} · {uid}").format(id=row["id"], uid=row["uid"][:8])
        return None

    def _display(self, row: dict[str, Any], col: int) -> Any:
        if col == CLIENT:
            return row["org_name"]
        if col == REPORT:
            return row["report_number"]
        if col == TYPE:
            return labels.audit_type(row["audit_type"])
        if col == DATES:
            start, end = row["start_date"], row["end_date"]
            if start and end and start != end:
                return f"{start} – {end}"
            return start or end or "—"
        if col == STATUS:
            text = labels.status(row["status"], row["revision"])
            if row["archived"]:
                text += " · " + self.tr("archived")
            return text
        if col == PROGRESS:
            items = self.scores.get(row).items
            return f"{row['scored']} / {items}" if items else str(row["scored"])
        if col == SCORE:
            total = self.scores.get(row).total
            return fmt_score(total, missing="—")
        if col == LEVEL:
            summary = self.scores.get(row)
            if summary.level and not summary.complete:
                # Unscored items count as 0: the level can still rise, say so.
                return self.so_far(summary.level)
            return summary.level or "—"
        if col == UPDATED:
            return _local(row["updated_at"])
        return None

    def so_far(self, level: str) -> str:
        return self.tr("{level} (so far)").format(level=level)

    def level_titles(self) -> list[str]:
        """Every level title the listed audits' schemes can show (no scoring needed)."""
        titles: list[str] = []
        for scheme_hash in dict.fromkeys(row["scheme_hash"] for row in self._rows):
            try:
                scheme = self.scores.service.store.scheme(scheme_hash)
            except AuditorError:
                continue
            titles += [labels.level(scheme, lv.id) for lv in scheme.levels]
        return titles

    def _sort_key(self, row: dict[str, Any], col: int) -> Any:
        if col == TYPE:
            return _TYPE_ORDER.get(row["audit_type"], 9)
        if col == DATES:
            return row["start_date"] or "9999"
        if col == STATUS:
            return _STATUS_ORDER.get(row["status"], 9) * 100 + int(row["revision"])
        if col == PROGRESS:
            items = self.scores.get(row).items
            return row["scored"] / items if items else 0.0
        if col == SCORE:
            total = self.scores.get(row).total
            return -1.0 if total is None else total
        if col == LEVEL:
            return self.scores.get(row).level_rank
        if col == UPDATED:
            return row["updated_at"]
        return str(self._display(row, col)).casefold()


class AuditsProxy(SearchProxy):
    """Search over client, report number, type, dates and status; hides archived audits."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(SORT_ROLE, SEARCH_ROLE, ARCHIVED_ROLE, parent)

    def set_show_archived(self, show: bool) -> None:
        self.set_show_hidden(show)
