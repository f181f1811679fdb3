"""The audit trail tab: every committed change, who made it and when (read-only)."""

from __future__ import annotations

import contextlib
import json
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from auditor_app.store.audit_store import AuditStore
from auditor_app.ui import labels
from auditor_app.ui.table_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
_MAX_CELL = 160


def _local_time(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return stamp


def _pretty(value: Any) -> str:
    """A stored old/new value as a short readable text ("note: …; methods: …")."""
    if isinstance(value, str) and value[:1] in ("{", "["):
        with contextlib.suppress(ValueError):  # JSON kept as text (methods, headcount …)
            value = json.loads(value)
    if isinstance(value, dict):
        return "; ".join(
            f"{k}: {_pretty(v)}" for k, v in value.items() if v not in (None, "", [], {})
        )
    if isinstance(value, list):
        return ", ".join(_pretty(v) for v in value)
    return "" if value is None else str(value)


def _short(raw: str | None) -> str:
    if raw is None:
        return ""
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    text = _pretty(value)
    return text if len(text) <= _MAX_CELL else text[:_MAX_CELL] + "…"


class TrailModel(RowsTableModel):
    """Newest first, over the store's trail rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self._headers = [
            self.tr("When"),
            self.tr("Who"),
            self.tr("Action"),
            self.tr("What"),
            self.tr("Before"),
            self.tr("After"),
        ]

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(reversed(rows))
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and col in (4, 5):
            return row["old"] if col == 4 else row["new"]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == 0:
            return _local_time(row["at"])
        if col == 1:
            return row["actor"]
        if col == 2:
            return labels.trail_action(row["action"])
        if col == 3:
            key = row["entity_key"]
            if len(key) > 16:  # hashes and uids: the start identifies them
                key = key[:12] + "…"
            return f"{labels.trail_entity(row['entity'])} {key}".strip()
        return _short(row["old"] if col == 4 else row["new"])


class TrailPage(QWidget):
    def __init__(self, store: AuditStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trailPage")
        self.store = store
        self.audit_id: int | None = None
        self.model = TrailModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("trailView")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        for col in range(4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._stale = True

    def set_audit(self, audit_id: int) -> None:
        self.audit_id = audit_id
        self.mark_stale()

    def mark_stale(self) -> None:
        """Reload on next show: the trail grows with every edit, read it only when looked at."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self.audit_id is not None:
            self.model.set_rows(self.store.trail(self.audit_id))
        self._stale = False

    def showEvent(self, event: Any) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)
