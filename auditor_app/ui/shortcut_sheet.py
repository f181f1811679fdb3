"""The shortcut sheet (F1): every key the window answers to, on one page.

The window's actions are listed from the actions themselves (so the sheet cannot drift from
the menus); the keys that belong to one place (the scoring tree, a date field, a photo
caption, the audits search) are listed here with where they work.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

# Literals inside translate("…", …) so that pyside6-lupdate finds them.
translate = QCoreApplication.translate


def place_keys() -> list[tuple[str, str, str]]:
    """(where, keys, what) for the keys that work in one place."""
    scoring = translate("ShortcutSheet", "Scoring tree")
    return [
        (scoring, "J / K", translate("ShortcutSheet", "next / previous unscored item")),
        (scoring, "C / N", translate("ShortcutSheet", "conforming / nonconforming")),
        (scoring, "S", translate("ShortcutSheet", "sample: n, Enter, k, Enter")),
        (scoring, "G", translate("ShortcutSheet", "graded: arrows, Enter")),
        (scoring, "D", translate("ShortcutSheet", "delete the item (a reason is asked)")),
        (scoring, "X", translate("ShortcutSheet", "clear the result")),
        (
            scoring,
            "E",
            translate("ShortcutSheet", "write the evidence note (Esc: back to the tree)"),
        ),
        (scoring, "1–4", translate("ShortcutSheet", "audit methods")),
        (scoring, "P / F / O", translate("ShortcutSheet", "photos / new finding / open items")),
        (scoring, "Ctrl+F", translate("ShortcutSheet", "search items")),
        (
            translate("ShortcutSheet", "Photos"),
            "F2",
            translate("ShortcutSheet", "edit the caption (Enter: back to the photos, Esc: tree)"),
        ),
        (
            translate("ShortcutSheet", "Photos"),
            "Delete / Enter",
            translate("ShortcutSheet", "remove / open the selected photo"),
        ),
        (
            translate("ShortcutSheet", "Date fields"),
            "F4",
            translate("ShortcutSheet", "pick a date; or type 2027-02-14, 2027/2/14, 20270214"),
        ),
        (
            translate("ShortcutSheet", "Audits list"),
            "Ctrl+F",
            translate("ShortcutSheet", "search; Down or Enter go to the list"),
        ),
        (
            translate("ShortcutSheet", "Tables"),
            translate("ShortcutSheet", "Arrows / Tab"),
            translate("ShortcutSheet", "arrows move between cells; Tab leaves"),
        ),
        (
            translate("ShortcutSheet", "Everywhere"),
            "Esc",
            translate("ShortcutSheet", "leave a text field or close a dialog"),
        ),
    ]


class ShortcutSheet(QDialog):
    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(720, 560)
        rows = [
            (self.tr("Window"), s.toString(QKeySequence.SequenceFormat.NativeText), a.text())
            for a in actions
            for s in a.shortcuts()[:1]
            if not s.isEmpty()
        ]
        rows = [(w, k, t.replace("&", "")) for w, k, t in rows] + place_keys()
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("shortcutTable")
        self.table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Keys"), self.tr("Does")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.table.setFocus()
