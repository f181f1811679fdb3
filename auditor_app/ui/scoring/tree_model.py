"""The scheme tree (groups → indicators → items) as a thin Qt model over plain node rows.

The structure comes from the scheme once per audit; what changes while scoring (status and
earned points per item, subtotals per group and indicator) comes from the latest ScoreResult.
`set_score` compares old and new and emits dataChanged only for the rows that changed, so the
view never reloads the whole tree after an edit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from auditor_app.core.results import CONFORM, DELETED, NONCONFORM, PARTIAL, UNSCORED
from auditor_app.core.scheme import Scheme
from auditor_app.core.scoring import ScoreResult
from auditor_app.ui.scoring.labels import (
    INCOMPLETE,
    STATUS_COLOR,
    fmt_points,
    pick,
    solid_brush,
    status_icon,
    status_short,
    status_text,
    tr,
)

NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 4

# Three columns, not four: every painted cell costs Python calls (~7 roles each), so earned
# and points share one ("2.75 / 3").
COL_TITLE, COL_SCORE, COL_STATUS = range(3)
HEADERS = (  # (short header, tooltip): the columns are narrow
    (QT_TRANSLATE_NOOP("scoring", "Item"), QT_TRANSLATE_NOOP("scoring", "Item")),
    (
        QT_TRANSLATE_NOOP("scoring", "Score"),
        QT_TRANSLATE_NOOP("scoring", "Earned / points"),
    ),
    (QT_TRANSLATE_NOOP("scoring", "Status"), QT_TRANSLATE_NOOP("scoring", "Status")),
)

Index = QModelIndex | QPersistentModelIndex

# Plain ints: data() runs for every painted cell and role, and building Qt enum values or
# flags on each call showed up in the profile of an item switch.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(eq=False)
class Node:
    """One row of the tree: a group, an indicator or an item of the scheme."""

    kind: str  # "group", "indicator" or "item"
    id: str
    title_zh: str
    title_en: str
    points: Decimal
    parent: Node | None
    row: int
    children: list[Node] = field(default_factory=list)
    search: str = ""  # lower-case id and titles, for the text filter
    # what the view shows, prepared when the status changes rather than on every paint
    cells: tuple[str, str, str] = ("", "", "")
    tooltip: str = ""

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


def aggregate(statuses: list[str]) -> str:
    """One mark for a group or indicator from its items' marks."""
    live = [s for s in statuses if s != DELETED]
    if not live:
        return DELETED
    open_count = sum(s == UNSCORED for s in live)
    if open_count == len(live):
        return UNSCORED
    if open_count:
        return INCOMPLETE
    if all(s == CONFORM for s in live):
        return CONFORM
    if all(s == NONCONFORM for s in live):
        return NONCONFORM
    return PARTIAL


class SchemeTreeModel(QAbstractItemModel):
    """Read-only tree of the audit's scheme with each node's points, earned and status."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._roots: list[Node] = []
        self._nodes: dict[str, Node] = {}
        self._items: list[Node] = []  # scheme order
        self._status: dict[str, str] = {}
        self._earned: dict[str, Decimal] = {}
        # what "earned / X" is out of: the scheme's points until a score arrives, then the
        # engine's applicable points (a deleted item leaves its group's and indicator's total)
        self._out_of: dict[str, Decimal] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._brushes = {status: solid_brush(color) for status, color in STATUS_COLOR.items()}
        self._scheme_hash = ""

    # -- loading ------------------------------------------------------------------------
    def set_scheme(self, scheme: Scheme) -> None:
        """Build the tree for a scheme (a reset, done once per audit opened)."""
        if scheme.content_hash == self._scheme_hash:
            return
        self.beginResetModel()
        self._roots, self._nodes, self._items = [], {}, []
        for g_row, group in enumerate(scheme.groups):
            g = self._add(
                Node("group", group.id, group.title_zh, group.title_en, group.points, None, g_row)
            )
            self._roots.append(g)
            for i_row, ind in enumerate(group.indicators):
                i = self._add(
                    Node("indicator", ind.id, ind.title_zh, ind.title_en, ind.points, g, i_row)
                )
                g.children.append(i)
                for t_row, item in enumerate(ind.items):
                    t = self._add(
                        Node("item", item.id, item.title_zh, item.title_en, item.points, i, t_row)
                    )
                    i.children.append(t)
                    self._items.append(t)
        self._status = {n.id: UNSCORED for n in self._nodes.values()}
        self._earned = {n.id: Decimal(0) for n in self._nodes.values()}
        self._out_of = {n.id: n.points for n in self._nodes.values()}
        for node in self._nodes.values():
            self._prepare(node)
        self._scheme_hash = scheme.content_hash
        self.endResetModel()

    def _add(self, node: Node) -> Node:
        node.search = f"{node.id} {node.title_zh} {node.title_en}".casefold()
        self._nodes[node.id] = node
        return node

    def set_score(self, score: ScoreResult) -> list[str]:
        """Take a new score; emit dataChanged for changed rows only. Returns changed ids."""
        new_status = dict(self._status)
        new_earned = dict(self._earned)
        new_out_of = dict(self._out_of)
        new_status.update(score.item_status)
        new_earned.update(score.item_earned)
        for sub in (*score.indicators, *score.groups):
            new_earned[sub.id] = sub.earned
            new_out_of[sub.id] = sub.out_of  # the figure the score bar shows too
        for root in self._roots:
            for ind in root.children:
                new_status[ind.id] = aggregate([new_status[t.id] for t in ind.children])
            new_status[root.id] = aggregate(
                [new_status[t.id] for ind in root.children for t in ind.children]
            )
        changed = [
            nid
            for nid in self._nodes
            if new_status[nid] != self._status[nid]
            or new_earned[nid] != self._earned[nid]
            or new_out_of[nid] != self._out_of[nid]
        ]
        self._status, self._earned, self._out_of = new_status, new_earned, new_out_of
        for nid in changed:
            self._prepare(self._nodes[nid])
            self.touch(nid)
        return changed

    def _prepare(self, node: Node) -> None:
        status = self._status[node.id]
        earned = "–" if status in (UNSCORED, DELETED) else fmt_points(self._earned[node.id])
        node.cells = (
            f"{node.id}  {pick(node.title_zh, node.title_en)[0]}",
            f"{earned} / {fmt_points(self._out_of[node.id])}",
            status_short(status),
        )
        titles = "\n".join(filter(None, pick(node.title_zh, node.title_en)))  # the full title
        node.tooltip = f"{node.id} {titles}\n{status_text(status)}"

    # -- lookups for the workspace --------------------------------------------------------
    def node(self, index: Index) -> Node | None:
        if not index.isValid():
            return None
        node = index.internalPointer()
        return node if isinstance(node, Node) else None

    def node_by_id(self, node_id: str) -> Node | None:
        return self._nodes.get(node_id)

    def index_of(self, node_id: str, column: int = 0) -> QModelIndex:
        node = self._nodes.get(node_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, column, node)

    def item_ids(self) -> list[str]:
        return [n.id for n in self._items]

    def status(self, node_id: str) -> str:
        return self._status.get(node_id, UNSCORED)

    def earned(self, node_id: str) -> Decimal:
        return self._earned.get(node_id, Decimal(0))

    def touch(self, node_id: str) -> None:
        """Say a row changed (its data, or whether a filter should now show it)."""
        node = self._nodes.get(node_id)
        if node is not None:
            self.dataChanged.emit(
                self.createIndex(node.row, 0, node), self.createIndex(node.row, COL_STATUS, node)
            )

    # -- QAbstractItemModel ---------------------------------------------------------------
    # Kept lean: through the filter proxy every painted cell costs a call of index() and of
    # data(), so these run thousands of times per item switch.
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        siblings = parent.internalPointer().children if parent.isValid() else self._roots
        if 0 <= row < len(siblings) and 0 <= column < len(HEADERS):
            return self.createIndex(row, column, siblings[row])
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = index.internalPointer().parent
        return QModelIndex() if up is None else self.createIndex(up.row, 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._roots)
        return len(parent.internalPointer().children) if parent.column() == 0 else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == _DISPLAY:
                return tr(HEADERS[section][0])
            if role == _TOOLTIP:
                return tr(HEADERS[section][1])
            if role == _ALIGN and section == COL_SCORE:
                return _RIGHT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = index.internalPointer()
        if node is None:
            return None
        if role == _DISPLAY:
            return node.cells[index.column()]
        col = index.column()
        if role == _DECORATION:
            return status_icon(self._status[node.id]) if col == COL_TITLE else None
        if role == _FOREGROUND:
            return self._brushes[self._status[node.id]] if col == COL_STATUS else None
        if role == _ALIGN:
            return _RIGHT if col == COL_SCORE else None
        if role == _FONT:
            return self._bold if node.kind == "group" else None
        if role == _TOOLTIP:
            return node.tooltip
        if role == NODE_ID_ROLE:
            return node.id
        if role == KIND_ROLE:
            return node.kind
        if role == STATUS_ROLE:
            return self._status[node.id]
        if role == SEARCH_ROLE:
            return node.search
        return None

    # flags(): Qt's own default (enabled, selectable) is what is wanted, without a Python call
    # per painted cell.
