"""Findings of the current item or of the whole audit: list, add, edit, delete.

The table is a thin model over the store's finding rows. Adding and editing go through a small
dialog that hands its values to a `submit` callback (the workspace, which records an undo
command); a refusal (no text, the bonus limit, a signed audit) is shown in the dialog and the
typed values stay.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from auditor_app.store.audit_store import FINDING_KINDS, Row
from auditor_app.ui.fields import DateField
from auditor_app.ui.look import tint
from auditor_app.ui.scoring.labels import (
    FINDING_KIND_SHORT,
    FINDING_KIND_TEXT,
    solid_brush,
    tr,
    translate,
)

if TYPE_CHECKING:  # the phrase library loads when first asked for
    from auditor_app.core.phrases import PhraseBook

KIND_COLOR = {
    "major": "#c62828",
    "minor": "#d97a00",
    "observation": "#546e7a",
    "special_deduction": "#c62828",
    "bonus": "#2e7d32",
}
COLUMNS = (
    QT_TRANSLATE_NOOP("scoring", "Kind"),
    QT_TRANSLATE_NOOP("scoring", "Item"),
    QT_TRANSLATE_NOOP("scoring", "Finding"),
    QT_TRANSLATE_NOOP("scoring", "Deadline"),
)
Index = QModelIndex | QPersistentModelIndex


class FindingsModel(QAbstractTableModel):
    """Finding rows (plain dicts from the store) as a table."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        if rows == self._rows:
            return  # switching between items without findings: nothing to redraw
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row())
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return tr(FINDING_KIND_SHORT[row["kind"]])
            if col == 1:
                return row["item_id"] or translate("scoring", "(whole audit)")
            if col == 2:
                return row["text"].replace("\n", " ")
            return row["deadline"]
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [tr(FINDING_KIND_TEXT[row["kind"]]), row["text"]]
            if row["evidence"]:
                parts.append(translate("scoring", "Evidence: ") + row["evidence"])
            if row["rectification"]:
                parts.append(translate("scoring", "Rectification: ") + row["rectification"])
            return "\n".join(p for p in parts if p)
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return solid_brush(KIND_COLOR[row["kind"]])
        return None


class FindingDialog(QDialog):
    """Add or edit one finding. `submit(values)` returns an error text, or None when done."""

    def __init__(
        self,
        submit: Callable[[dict[str, Any]], str | None],
        row: Row | None = None,
        item_id: str | None = None,
        parent: QWidget | None = None,
        phrases: PhraseBook | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self._phrases = phrases
        self.phrase_menu: QMenu | None = None  # the open one, for tests
        self.setWindowTitle(
            translate("scoring", "Edit finding") if row else translate("scoring", "Add finding")
        )
        self.kind = QComboBox()
        for kind in FINDING_KINDS:
            self.kind.addItem(tr(FINDING_KIND_TEXT[kind]), kind)
        self.item = QLineEdit()
        self.item.setPlaceholderText(translate("scoring", "empty: the whole audit"))
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.evidence = QPlainTextEdit()
        self.evidence.setTabChangesFocus(True)
        self.rectification = QPlainTextEdit()
        self.rectification.setTabChangesFocus(True)
        for edit in (self.text, self.evidence, self.rectification):
            edit.setMinimumHeight(54)
        self.has_deadline = QCheckBox(translate("scoring", "Set"))
        self.deadline = DateField()
        self.deadline.setObjectName("deadline")
        # ticking "Set" proposes the usual three months; typing a date ticks it
        self.has_deadline.toggled.connect(self._deadline_toggled)
        self.deadline.textEdited.connect(lambda text: self.has_deadline.setChecked(bool(text)))
        self.error = QLabel()
        tint(self.error, "#c62828")
        self.error.setWordWrap(True)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.has_deadline)
        deadline_row.addWidget(self.deadline)
        deadline_row.addStretch(1)
        form = QFormLayout()
        form.addRow(translate("scoring", "Kind"), self.kind)
        form.addRow(translate("scoring", "Item"), self.item)
        form.addRow(translate("scoring", "Finding *"), self.text)
        form.addRow(translate("scoring", "Evidence"), self.evidence)
        form.addRow(translate("scoring", "Rectification"), self.rectification)
        form.addRow(translate("scoring", "Deadline"), deadline_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 480)
        self._load(row, item_id)
        # Ctrl+Space in a text field offers the CB's phrases for the item and that field
        phrases_key = QShortcut(QKeySequence("Ctrl+Space"), self)
        phrases_key.activated.connect(self.show_phrases)
        if phrases is not None:
            self.text.setPlaceholderText(translate("scoring", "Phrases: Ctrl+Space"))

    def show_phrases(self) -> None:
        fields = {
            self.text: "finding",
            self.evidence: "evidence",
            self.rectification: "rectification",
        }
        edit = next((e for e in fields if e.hasFocus()), self.text)
        from auditor_app.ui.scoring.phrase_menu import popup_phrases

        item = self.item.text().strip() or None
        found = self._phrases.for_item(item, fields[edit]) if self._phrases else []
        self.phrase_menu = popup_phrases(edit, found)

    def _load(self, row: Row | None, item_id: str | None) -> None:
        row = row or {}
        self.kind.setCurrentIndex(max(0, self.kind.findData(row.get("kind", "minor"))))
        self.item.setText(row.get("item_id") or ("" if row else item_id or ""))
        self.text.setPlainText(row.get("text", ""))
        self.evidence.setPlainText(row.get("evidence", ""))
        self.rectification.setPlainText(row.get("rectification", ""))
        deadline = row.get("deadline") or ""
        self.deadline.put(deadline)
        self.has_deadline.setChecked(bool(deadline))
        self.text.setFocus()  # the finding's text is what one types first

    def _deadline_toggled(self, on: bool) -> None:
        if on and not self.deadline.text().strip():
            self.deadline.put(QDate.currentDate().addMonths(3).toString("yyyy-MM-dd"))
        elif not on and self.deadline.text().strip():
            self.deadline.put("")

    def values(self) -> dict[str, Any]:
        deadline = self.deadline.get() if self.has_deadline.isChecked() else ""
        return {
            "kind": self.kind.currentData(),
            "text": self.text.toPlainText().strip(),
            "item_id": self.item.text().strip() or None,
            "evidence": self.evidence.toPlainText().strip(),
            "rectification": self.rectification.toPlainText().strip(),
            "deadline": deadline,
        }

    def try_accept(self) -> None:
        values = self.values()
        problem = self.deadline.problem() if self.has_deadline.isChecked() else None
        if problem:
            self.error.setText(problem)  # never stored as something else
            self.deadline.setFocus()
            return
        if not values["text"]:
            self.error.setText(translate("scoring", "A finding needs a text"))
            self.text.setFocus()
            return
        error = self._submit(values)
        if error:
            self.error.setText(error)  # the dialog stays open with everything typed
            return
        self.accept()


class FindingsPanel(QWidget):
    """The findings list with add/edit/delete; shows the current item's or all of them."""

    addRequested = Signal()
    editRequested = Signal(object)  # the row (dict) to edit
    deleteRequested = Signal(str)  # uid
    scopeChanged = Signal(bool)  # True: whole audit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FindingsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col in (0, 1, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(96)
        self.table.setMaximumHeight(190)
        self.table.doubleClicked.connect(self._edit)
        self.all_box = QCheckBox(translate("scoring", "Whole audit"))
        self.all_box.setToolTip(
            translate(
                "scoring",
                "Show the whole audit's findings, not only this item's",
            )
        )
        self.all_box.toggled.connect(self.scopeChanged)
        self.add_button = QPushButton(translate("scoring", "Add… [F]"))
        self.add_button.setToolTip(translate("scoring", "Add a finding (F)"))
        self.edit_button = QPushButton(translate("scoring", "Edit…"))
        self.delete_button = QPushButton(translate("scoring", "Delete"))
        self.add_button.clicked.connect(self.addRequested)
        self.edit_button.clicked.connect(lambda: self._edit(self.table.currentIndex()))
        self.delete_button.clicked.connect(self._delete)
        self.error = QLabel()
        tint(self.error, "#c62828")
        self.error.setWordWrap(True)
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.all_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        self._read_only = False

    @property
    def whole_audit(self) -> bool:
        return self.all_box.isChecked()

    def set_rows(self, rows: list[Row]) -> None:
        self.model.set_rows(rows)
        self.error.hide()
        self._update_enabled()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._update_enabled()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _update_enabled(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.add_button.setEnabled(not self._read_only)
        self.edit_button.setEnabled(not self._read_only and has_rows)
        self.delete_button.setEnabled(not self._read_only and has_rows)

    def _current(self) -> Row | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else self.model.row_at(0)

    def _edit(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else self._current()
        if row is not None and not self._read_only:
            self.editRequested.emit(dict(row))

    def _delete(self) -> None:
        row = self._current()
        if row is not None and not self._read_only:
            self.deleteRequested.emit(row["uid"])
