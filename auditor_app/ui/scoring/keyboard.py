"""Keyboard-first scoring: the workspace's shortcuts and what they do.

Single keys (J/K, C, N, S, G, D, X, E, 1–4, P, F, O) act when no text field has the keyboard:
text fields claim printable keys before shortcuts see them (ShortcutOverride), and
`_unless_typing` checks again for widgets that do not. Ctrl combinations (Ctrl+J/K,
Ctrl+Up/Down, Ctrl+E, Ctrl+F) also work while typing. Every shortcut is named in a tooltip.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
)

from auditor_app.core.results import UNSCORED
from auditor_app.ui.scoring.labels import translate

KEY_HINT = QT_TRANSLATE_NOOP(  # shown through labels.tr()
    "scoring",
    "J/K next/previous unscored · C conforming · N nonconforming · S sample · G graded · "
    "D delete · X clear · E note · 1–4 methods · P photos · F finding · O open items · "
    "Ctrl+F search · Ctrl+Z/Ctrl+Y undo/redo",
)
_TEXT_INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)


class KeyboardMixin:
    """The shortcuts of ScoringWorkspace (mixed into it: uses its widgets and state)."""

    def _make_actions(self) -> None:
        self._edit_actions: list[QAction] = []

        def action(
            name: str,
            keys: list[str],
            slot: Callable[[], Any],
            edits: bool = False,
        ) -> QAction:
            act = QAction(name, self)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.setToolTip(f"{name} ({', '.join(keys)})")
            act.triggered.connect(slot)
            self.addAction(act)
            if edits:
                self._edit_actions.append(act)
            return act

        single = self._unless_typing
        result = self.detail.result
        self.actions_by_name = {
            "next": action(
                translate("scoring", "Next unscored"),
                ["J", "Ctrl+J", "Ctrl+Down"],
                single(lambda: self.step_unscored(True), "J"),
            ),
            "previous": action(
                translate("scoring", "Previous unscored"),
                ["K", "Ctrl+K", "Ctrl+Up"],
                single(lambda: self.step_unscored(False), "K"),
            ),
            "conform": action(
                translate("scoring", "Conforming"),
                ["C"],
                single(partial(self._press, result.conform_button)),
                True,
            ),
            "nonconform": action(
                translate("scoring", "Nonconforming"),
                ["N"],
                single(partial(self._press, result.nonconform_button)),
                True,
            ),
            "sample": action(
                translate("scoring", "Sample size"), ["S"], single(self._focus_sample), True
            ),
            "graded": action(
                translate("scoring", "Graded award"),
                ["G"],
                single(self._focus_graded),
                True,
            ),
            "delete": action(
                translate("scoring", "Delete (N/A)"), ["D"], single(self._start_delete), True
            ),
            "clear": action(
                translate("scoring", "Clear result"),
                ["X"],
                single(partial(self._press, result.clear_button)),
                True,
            ),
            "note": action(
                translate("scoring", "Go to note"),
                ["E", "Ctrl+E"],
                single(self._focus_note, "E"),
            ),
            "photos": action(
                translate("scoring", "Add photos"), ["P"], single(self._pick_files), True
            ),
            "paste": action(
                translate("scoring", "Paste picture"),
                ["Ctrl+V"],
                single(self.detail.attachments.paste),
                True,
            ),
            "finding": action(
                translate("scoring", "Add finding"),
                ["F"],
                single(self._add_finding_dialog),
                True,
            ),
            "open": action(
                translate("scoring", "Open items only"), ["O"], single(self._toggle_open)
            ),
            "search": action(translate("scoring", "Search"), ["Ctrl+F"], self._focus_search),
        }
        for n in range(1, 5):
            self.actions_by_name[f"method{n}"] = action(
                translate("scoring", "Toggle method") + f" {n}",
                [str(n)],
                single(lambda n=n: self._toggle_method(n)),
                True,
            )
        # Undo/redo: the shell should put these two in its Edit menu rather than create its own
        # Ctrl+Z (two actions on one key are ambiguous and neither fires). They commit pending
        # typing before the stack moves (see undo()/redo()).
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        if QKeySequence("Ctrl+Y") not in redo_keys:
            redo_keys.append(QKeySequence("Ctrl+Y"))
        self.undo_action = self._stack_action(
            translate("scoring", "Undo"),
            QKeySequence.keyBindings(QKeySequence.StandardKey.Undo),
            self.undo,
            self._stack.canUndoChanged,
            self._stack.undoTextChanged,
        )
        self.redo_action = self._stack_action(
            translate("scoring", "Redo"),
            redo_keys,
            self.redo,
            self._stack.canRedoChanged,
            self._stack.redoTextChanged,
        )

    def _stack_action(
        self,
        prefix: str,
        keys: list[QKeySequence],
        slot: Callable[[], Any],
        can: Any,
        text_changed: Any,
    ) -> QAction:
        act = QAction(prefix, self)
        act.setShortcuts(keys)
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.setEnabled(False)
        act.triggered.connect(slot)
        can.connect(act.setEnabled)
        text_changed.connect(lambda text: act.setText(f"{prefix} {text}".strip()))
        act.setToolTip(f"{prefix} ({', '.join(k.toString() for k in keys)})")
        self.addAction(act)
        return act

    def _unless_typing(self, slot: Callable[[], Any], key: str = "") -> Callable[[], None]:
        """Single-key shortcuts act only when no text field has the keyboard.

        Text fields already claim printable keys (ShortcutOverride), so this is a second guard
        for widgets that do not (e.g. a focused combo box keeps its type-ahead)."""

        def run() -> None:
            focus = QApplication.focusWidget()
            if isinstance(focus, _TEXT_INPUTS) and len(key) <= 1:
                modifiers = QApplication.keyboardModifiers()
                if not modifiers & Qt.KeyboardModifier.ControlModifier:
                    return
            slot()

        return run

    def step_unscored(self, forward: bool = True) -> str | None:
        """Go to the next (or previous) unscored item that the filter shows; wraps around."""
        ids = self.model.item_ids()
        if not ids:
            return None
        if self._current in ids:
            pos = ids.index(self._current)
            after, before = ids[pos + 1 :] + ids[:pos], ids[:pos][::-1] + ids[pos + 1 :][::-1]
        else:  # a group or indicator is shown: start at its first item
            pos = self._first_item_index(ids)
            after, before = ids[pos:] + ids[:pos], ids[:pos][::-1] + ids[pos:][::-1]
        for item_id in after if forward else before:
            if self.model.status(item_id) == UNSCORED and (
                not self.proxy.active or self.proxy.accepts_item(item_id)
            ):
                self.select_item(item_id)
                return item_id
        self._say(translate("scoring", "No other unscored item"))
        return None

    def _first_item_index(self, ids: list[str]) -> int:
        node = self.model.node_by_id(self._current_node or "")
        while node is not None and node.kind != "item" and node.children:
            node = node.children[0]
        return ids.index(node.id) if node is not None and node.id in ids else 0

    def focus_tree(self) -> None:
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _need_item(self) -> bool:
        if self._current is None:
            self._say(translate("scoring", "Select an item first"))
            return False
        return True

    def _press(self, button: QPushButton) -> None:
        if self._need_item():
            button.click()

    def _focus_sample(self) -> None:
        if self._need_item() and not self.detail.result.focus_sample():
            self._say(translate("scoring", "This item is not judged on a sample"))
        else:
            self.detail.reveal(self.detail.result)

    def _focus_graded(self) -> None:
        if self._need_item() and not self.detail.result.focus_graded():
            self._say(translate("scoring", "This item is not graded"))
        else:
            self.detail.reveal(self.detail.result)

    def _start_delete(self) -> None:
        if self._need_item() and self.detail.result.start_delete():
            self.detail.reveal(self.detail.result)

    def _focus_note(self) -> None:
        if self._need_item():
            self.detail.note.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.detail.reveal(self.detail.note)

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _toggle_method(self, number: int) -> None:
        if self._need_item() and not self._read_only:
            self.detail.methods.toggle(number)

    def _toggle_open(self) -> None:
        target = "all" if self.proxy.status_filter == "open" else "open"
        self.status_filter.setCurrentIndex(self.status_filter.findData(target))

    def _search_done(self) -> None:
        """Enter in the search field: go to the first item shown and back to the tree."""
        for item_id in self.model.item_ids():
            if self.proxy.accepts_item(item_id):
                self.select_item(item_id)
                break
        self.focus_tree()

    def _jump(self, item_id: str) -> None:
        self.select_item(item_id)
        self.focus_tree()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self._message_timer.start()
