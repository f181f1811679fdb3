"""Small editable tables (team, sites, adjustments): a model over plain dict rows + its editor.

The model holds the rows as the user typed them. The page commits them through the store when
they are valid and shows the store's refusal in place when they are not, so an unfinished row
(a new member without a name yet) is kept on screen rather than thrown away.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from auditor_app.ui.fields import ErrorLabel, OptionalCount

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column of a `RowsModel`: the row key it edits, its header and how it is edited."""

    key: str
    title: str
    kind: str = "text"  # text | bool | count | percent | choice
    choices: tuple[tuple[str, str], ...] = ()  # (code, label) for kind "choice"
    stretch: bool = False
    exclusive: bool = False  # bool column where at most one row may be checked


class RowsModel(QAbstractTableModel):
    """A table over `list[dict]`; `edited` fires after every change made by the user."""

    edited = Signal()

    def __init__(
        self, columns: list[Column], blank: dict[str, Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.columns = columns
        self._blank = blank
        self._rows: list[dict[str, Any]] = []
        self.read_only = False

    # -- contents ---------------------------------------------------------------------
    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        # Extra keys (a site's "visited" flag …) ride along so that saving keeps them.
        self._rows = [{**self._blank, **dict(r)} for r in rows]
        self.endResetModel()

    def rows(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows]

    def add_row(self) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(dict(self._blank))
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove_rows(self, rows: list[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self._rows):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        self.edited.emit()

    # -- Qt model interface -----------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return flags
        if self.columns[index.column()].kind == "bool":
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        value = self._rows[index.row()].get(column.key)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if column.kind == "bool":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(column, value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in ("count", "percent"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(column: Column, value: Any) -> str:
        if column.kind == "choice":
            return dict(column.choices).get(value, str(value or ""))
        if column.kind == "count":
            return "—" if value is None else str(value)
        if column.kind == "percent":
            number = float(value or 0)
            return f"{number:+g} %"
        return str(value or "")

    def setData(
        self,
        index: Index,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if not index.isValid() or self.read_only:
            return False
        column = self.columns[index.column()]
        row = self._rows[index.row()]
        if column.kind == "bool":
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            value = Qt.CheckState(value) == Qt.CheckState.Checked
            if value and column.exclusive:  # e.g. one central function: move the mark
                for other in self._rows:
                    other[column.key] = False
                top, bottom = (
                    self.index(0, index.column()),
                    self.index(len(self._rows) - 1, index.column()),
                )
                row[column.key] = True
                self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.CheckStateRole])
                self.edited.emit()
                return True
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif column.kind == "text":
            value = str(value)
        if row.get(column.key) == value:
            return True
        row[column.key] = value
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True


class RowsDelegate(QStyledItemDelegate):
    """Editors per column kind: role lists, optional counts and signed percentages."""

    def __init__(self, columns: list[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns

    def createEditor(self, parent: QWidget, option: Any, index: Index) -> QWidget:
        column = self.columns[index.column()]
        if column.kind == "choice":
            combo = QComboBox(parent)
            for code, label in column.choices:
                combo.addItem(label, code)
            return combo
        if column.kind == "count":
            return OptionalCount(parent)
        if column.kind == "percent":
            box = QDoubleSpinBox(parent)
            box.setRange(-99, 300)
            box.setDecimals(1)
            box.setSuffix(" %")
            return box
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, OptionalCount):
            editor.put(value)
        elif isinstance(editor, QDoubleSpinBox):
            editor.setValue(float(value or 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, OptionalCount):
            model.setData(index, editor.get())
        elif isinstance(editor, QDoubleSpinBox):
            number = round(editor.value(), 1)
            model.setData(index, int(number) if number == int(number) else number)
        else:
            super().setModelData(editor, model, index)


class RowsEditor(QWidget):
    """A table with Add/Remove buttons and an in-place error line under it."""

    def __init__(
        self,
        columns: list[Column],
        blank: dict[str, Any],
        add_text: str,
        remove_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = RowsModel(columns, blank, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(RowsDelegate(columns, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        triggers = QAbstractItemView.EditTrigger
        self.view.setEditTriggers(
            triggers.DoubleClicked
            | triggers.SelectedClicked
            | triggers.EditKeyPressed
            | triggers.AnyKeyPressed
        )
        self.view.verticalHeader().hide()
        # Tab goes on to the next field of the form, not cell by cell forever (issue 13);
        # the arrow keys move between cells.
        self.view.setTabKeyNavigation(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        for n, column in enumerate(columns):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column.stretch
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(n, mode)
        self.add_button = QPushButton(add_text, self)
        self.remove_button = QPushButton(remove_text, self)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.error = ErrorLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.fit_rows()
        self.model.rowsInserted.connect(self.fit_rows)
        self.model.rowsRemoved.connect(self.fit_rows)
        self.model.modelReset.connect(self.fit_rows)

    def fit_rows(self) -> None:
        """Size the table to its rows (the form scrolls, not each table)."""
        rows = max(self.model.rowCount(), 2)
        height = (
            self.view.horizontalHeader().sizeHint().height()
            + rows * self.view.verticalHeader().defaultSectionSize()
            + 2 * self.view.frameWidth()
            + 2
        )
        self.view.setFixedHeight(min(height, 420))

    def set_read_only(self, read_only: bool) -> None:
        self.model.read_only = read_only
        self.add_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)
        self.model.layoutChanged.emit()

    def _add(self) -> None:
        row = self.model.add_row()
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        if self.view.isVisible():  # a hidden view cannot open an editor
            self.view.edit(index)

    def _remove(self) -> None:
        rows = [i.row() for i in self.view.selectionModel().selectedRows()]
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        if rows:
            self.model.remove_rows(rows)
