"""Insert a phrase from the CB's library into a text field (Ctrl+Space).

The phrase goes in at the cursor and its first `…` is selected, so the auditor types the
fact over it at once; further `…` are found with Ctrl+Space again or by hand.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from auditor_app.core.phrases import Phrase

PLACEHOLDER = "…"
MENU_TEXT_WIDTH = 60  # characters shown per phrase in the menu

PhraseSource = Callable[[], list[Phrase]]


# Literals inside translate("…", …) so that pyside6-lupdate finds them.
translate = QCoreApplication.translate


def insert_phrase(edit: QPlainTextEdit, text: str) -> None:
    cursor = edit.textCursor()
    before = edit.toPlainText()[: cursor.position()]
    if before and not before.endswith(("\n", " ", "。", "；", "：")):
        text = " " + text
    start = cursor.position()
    cursor.insertText(text)
    hole = text.find(PLACEHOLDER)
    if hole >= 0:  # select the first gap to fill
        cursor.setPosition(start + hole)
        cursor.setPosition(start + hole + len(PLACEHOLDER), QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)
    edit.setFocus()


def phrase_menu(edit: QPlainTextEdit, phrases: list[Phrase], problem: str | None = None) -> QMenu:
    """A menu of `phrases` that inserts the chosen one into `edit` (shown by the caller)."""
    menu = QMenu(edit)
    menu.setObjectName("phraseMenu")
    if problem:
        first = problem.splitlines()[-1].strip(" -")
        refused = menu.addAction(translate("scoring", "Phrase library refused: ") + first)
        refused.setToolTip(problem)
        refused.setEnabled(False)
    elif not phrases:
        empty = menu.addAction(translate("scoring", "No phrases in the library here"))
        empty.setEnabled(False)
    for phrase in phrases:
        shown = phrase.text
        if len(shown) > MENU_TEXT_WIDTH:
            shown = shown[: MENU_TEXT_WIDTH - 1] + "…"
        action = QAction(shown.replace("&", "&&"), menu)
        action.setToolTip(phrase.text)
        action.triggered.connect(lambda _=False, t=phrase.text: insert_phrase(edit, t))
        menu.addAction(action)
    return menu


def popup_phrases(edit: QPlainTextEdit, phrases: list[Phrase], problem: str | None = None) -> QMenu:
    """Show the phrase menu at the text cursor (non-blocking); returned for tests."""
    menu = phrase_menu(edit, phrases, problem)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one menu per Ctrl+Space
    where = edit.viewport().mapToGlobal(edit.cursorRect().bottomLeft())
    menu.popup(where)
    if menu.actions() and menu.actions()[0].isEnabled():
        menu.setActiveAction(menu.actions()[0])
    return menu
