"""Table models of a team merge: the automatic changes, and the conflicts side by side.

Thin adapters over the merge service's `Change` and `Conflict` rows. A conflict row shows the
leader's version and the member's next to each other; the leader ticks the side to keep (the
two ticks of a row exclude each other), and the row says the decision in words, so an
undecided row is never shown by colour alone.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from auditor_app.ui.sync import texts
from auditor_app.ui.table_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
ITEM, MINE, THEIRS, DECISION = range(4)
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
_CHOSEN = QColor("#e3f4e6")
_UNDECIDED = QColor("#b3261e")


class ChangesModel(RowsTableModel):
    """What merges automatically: kind, item (or finding/photo), the new value in brief."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._headers = [self.tr("Kind"), self.tr("Item"), self.tr("Merged value")]

    def set_changes(self, changes: tuple[Any, ...]) -> None:
        self.beginResetModel()
        self._rows = list(changes)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        change = self._rows[index.row()]
        if index.column() == 0:
            return texts.change_kind(change.kind)
        if index.column() == 1:
            return _where(change)
        return _brief(change)


def _where(change: Any) -> str:
    if change.kind == "attachment":
        return str(change.new.get("item_id") or "—")
    if change.kind == "finding":
        return str(change.new.get("item_id") or "—")
    return str(change.key)


def _brief(change: Any) -> str:
    new = change.new
    if change.kind == "result":
        text = texts.result(new.get("result"))
        if new.get("result") == "sampled":
            text += f" {new.get('nonconforming')}/{new.get('sampled')}"
        return text
    if change.kind == "note":
        return " ".join(str(new).split())[:120]
    if change.kind == "methods":
        return ", ".join(new)
    if change.kind in ("finding", "finding-update"):
        return f"{texts.finding_kind(new.get('kind'))}: {new.get('text', '')}"[:120]
    if change.kind == "attachment":
        return str(new.get("caption") or new.get("sha256", "")[:12])
    return str(new)


class ConflictsModel(RowsTableModel):
    """One row per conflict: item, mine, theirs, decision; mine/theirs are checkable."""

    decisionsChanged = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self.decisions: dict[str, str] = {}
        self._author = ""
        self._headers = [
            self.tr("Item"),
            self.tr("Mine"),
            self.tr("Theirs"),
            self.tr("Decision"),
        ]

    def set_conflicts(self, conflicts: tuple[Any, ...], author: str) -> None:
        self.beginResetModel()
        self._rows = list(conflicts)
        self._author = author
        self.decisions = {}
        self._headers[THEIRS] = self.tr("Theirs: {name}").format(name=author)
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, THEIRS, THEIRS)
        self.decisionsChanged.emit()

    def conflict(self, row: int) -> Any:
        return self._rows[row]

    @property
    def all_decided(self) -> bool:
        return all(c.key in self.decisions for c in self._rows)

    def decide(self, row: int, side: str) -> None:
        self.decisions[self._rows[row].key] = side
        self.dataChanged.emit(self.index(row, MINE), self.index(row, DECISION))
        self.decisionsChanged.emit()

    def decide_all(self, side: str) -> None:
        for row in range(len(self._rows)):
            self.decisions[self._rows[row].key] = side
        if self._rows:
            self.dataChanged.emit(self.index(0, MINE), self.index(len(self._rows) - 1, DECISION))
        self.decisionsChanged.emit()

    # -- model ----------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (MINE, THEIRS):
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        conflict = self._rows[index.row()]
        col = index.column()
        chosen = self.decisions.get(conflict.key)
        if role == KEY_ROLE:
            return conflict.key
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(conflict, col, chosen)
        if role == Qt.ItemDataRole.CheckStateRole and col in (MINE, THEIRS):
            side = "mine" if col == MINE else "theirs"
            return Qt.CheckState.Checked if chosen == side else Qt.CheckState.Unchecked
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and col in (MINE, THEIRS)
            and chosen == ("mine" if col == MINE else "theirs")
        ):
            return QBrush(_CHOSEN)
        if role == Qt.ItemDataRole.ForegroundRole and col == DECISION and not chosen:
            return QBrush(_UNDECIDED)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() not in (MINE, THEIRS):
            return False
        # ticking a side chooses it; unticking is choosing the other side, not "undecided"
        side = "mine" if index.column() == MINE else "theirs"
        if Qt.CheckState(value) != Qt.CheckState.Checked:
            side = "theirs" if side == "mine" else "mine"
        self.decide(index.row(), side)
        return True

    def _text(self, conflict: Any, col: int, chosen: str | None) -> str:
        if col == ITEM:
            if conflict.kind == "finding":  # its key is a uid: say what it is instead
                return f"{texts.change_kind('finding')}\n{conflict.title}"
            return f"{conflict.key}\n{conflict.title}"
        if col == MINE:
            return texts.side_summary(conflict.kind, conflict.mine)
        if col == THEIRS:
            return texts.side_summary(conflict.kind, conflict.theirs)
        if chosen == "mine":
            return self.tr("✔ Keep mine")
        if chosen == "theirs":
            return self.tr("✔ Take theirs")
        return self.tr("? Undecided")
