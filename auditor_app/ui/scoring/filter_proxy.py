"""Filtering the scheme tree by status and by text, keeping the parents of matching items.

Items are what is filtered; a group or indicator shows when one of its items does (recursive
filtering) or, with no status filter, when its own id or title matches the text (then all its
items show too). The item being worked on is pinned: it stays visible after it is scored even
when it no longer matches "open", so the tree does not jump under the auditor's hands; it goes
away when the auditor moves on or changes the filter.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from auditor_app.core.results import CONFORM, DELETED, NONCONFORM, PARTIAL, UNSCORED
from auditor_app.ui.scoring.tree_model import Node, SchemeTreeModel

STATUS_SETS: dict[str, frozenset[str] | None] = {
    "all": None,
    "open": frozenset({UNSCORED, NONCONFORM, PARTIAL}),
    UNSCORED: frozenset({UNSCORED}),
    NONCONFORM: frozenset({NONCONFORM}),
    PARTIAL: frozenset({PARTIAL}),
    CONFORM: frozenset({CONFORM}),
    DELETED: frozenset({DELETED}),
}


class ScoringFilterProxy(QSortFilterProxyModel):
    """Status + text filter over a SchemeTreeModel."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self._status = "all"
        self._statuses: frozenset[str] | None = None
        self._text = ""
        self._pinned: str | None = None

    def tree(self) -> SchemeTreeModel:
        model = self.sourceModel()
        assert isinstance(model, SchemeTreeModel)
        return model

    @property
    def status_filter(self) -> str:
        return self._status

    @property
    def text_filter(self) -> str:
        return self._text

    @property
    def active(self) -> bool:
        return self._statuses is not None or bool(self._text)

    def set_status_filter(self, name: str) -> None:
        if name not in STATUS_SETS:
            raise ValueError(f"unknown status filter {name!r}")
        if name != self._status:
            self.beginFilterChange()
            self._status, self._statuses = name, STATUS_SETS[name]
            self._pinned = None  # the auditor asked for another view: show exactly that
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text_filter(self, text: str) -> None:
        text = text.strip().casefold()
        if text != self._text:
            self.beginFilterChange()
            self._text = text
            self._pinned = None
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def pin(self, item_id: str | None) -> None:
        """Keep this item visible whatever the filter (the one being worked on)."""
        old, self._pinned = self._pinned, item_id
        if old == item_id or not self.active:
            return
        tree = self.tree()
        # Re-evaluate the rows top-down: a hidden parent must come back before its child.
        for node_id in (old, item_id):
            node = tree.node_by_id(node_id) if node_id else None
            if node is not None:
                for ancestor in reversed(list(node.ancestors())):
                    tree.touch(ancestor.id)
                tree.touch(node.id)

    def accepts_item(self, item_id: str) -> bool:
        """Whether the item passes the filter (ignoring the pin)."""
        node = self.tree().node_by_id(item_id)
        return node is not None and self._accepts(node)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self.active:
            return True
        tree = self.tree()
        node = tree.node(tree.index(source_row, 0, source_parent))
        if node is None:
            return False
        if node.id == self._pinned:
            return True
        return self._accepts(node)

    def _accepts(self, node: Node) -> bool:
        if node.kind != "item":
            # Parents of matching items are kept by recursive filtering; on its own a parent
            # matches only a text search without a status filter.
            return self._statuses is None and bool(self._text) and self._text in node.search
        if self._statuses is not None and self.tree().status(node.id) not in self._statuses:
            return False
        if not self._text:
            return True
        return self._text in node.search or any(self._text in a.search for a in node.ancestors())
