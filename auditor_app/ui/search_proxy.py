"""Sorting and word search over a table model, hiding rows marked by a role (archived
audits, superseded reports): one proxy for the lists that need exactly that."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

Index = QModelIndex | QPersistentModelIndex


class SearchProxy(QSortFilterProxyModel):
    """Every search word must occur in the row's SEARCH role text (case-folded); rows whose
    HIDE role is true are shown only when `set_show_hidden(True)`."""

    def __init__(
        self, sort_role: int, search_role: int, hide_role: int, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._search_role, self._hide_role = search_role, hide_role
        self._text = ""
        self._show_hidden = False
        self.setSortRole(sort_role)
        self.setDynamicSortFilter(True)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_show_hidden(self, show: bool) -> None:
        self.beginFilterChange()
        self._show_hidden = show
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        if not self._show_hidden and index.data(self._hide_role):
            return False
        haystack = index.data(self._search_role) or ""
        return all(word in haystack for word in self._text.split())


__all__ = ["SearchProxy"]
