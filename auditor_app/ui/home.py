"""The Audits home: every local audit, searchable and sortable, with the actions on one audit.

The page only shows and asks; the main window carries out open / duplicate / archive so that
the menu, toolbar and this page share one implementation.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from auditor_app.services.audits import AuditService
from auditor_app.ui.audits_model import (
    ARCHIVED_ROLE,
    AUDIT_ID_ROLE,
    CLIENT,
    LEVEL,
    PROGRESS,
    PROGRESS_ROLE,
    SCORE,
    UPDATED,
    AuditsModel,
    AuditsProxy,
    ScoreCache,
)
from auditor_app.ui.look import SEMIBOLD, emphasise, tint

Index = QModelIndex | QPersistentModelIndex


class ProgressDelegate(QStyledItemDelegate):
    """Scored / items as a small progress bar."""

    def paint(self, painter: Any, option: Any, index: Index) -> None:
        value = index.data(PROGRESS_ROLE)
        if not value or not value[1]:
            super().paint(painter, option, index)
            return
        scored, items = value
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(4, 5, -4, -5)
        bar.minimum, bar.maximum, bar.progress = 0, items, scored
        bar.text = f"{scored} / {items}"
        bar.textVisible = True
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)


class HomePage(QWidget):
    openRequested = Signal(int)
    newRequested = Signal()
    duplicateRequested = Signal(int)
    archiveRequested = Signal(int, bool)

    def __init__(self, service: AuditService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homePage")
        self.service = service
        self.model = AuditsModel(ScoreCache(service), self)
        self.proxy = AuditsProxy(self)
        self.proxy.setSourceModel(self.model)

        title = QLabel(self.tr("Audits"))
        emphasise(title, weight=SEMIBOLD, point_size=16)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search client, report no., type, status …"))
        self.search.textChanged.connect(self.proxy.set_search)
        self.search.installEventFilter(self)
        self.show_archived = QCheckBox(self.tr("Show archived"))
        self.show_archived.setObjectName("showArchived")
        self.show_archived.toggled.connect(self.proxy.set_show_archived)
        find = QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        # Only on this page: the scoring workspace has its own Ctrl+F.
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.new_button = QPushButton(self.tr("New audit…"))
        self.open_button = QPushButton(self.tr("Open"))
        self.duplicate_button = QPushButton(self.tr("Next surveillance audit"))
        self.duplicate_button.setToolTip(
            self.tr("Start the next surveillance audit of this client from the selected audit")
        )
        self.archive_button = QPushButton(self.tr("Archive"))
        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self._open_current)
        self.duplicate_button.clicked.connect(self._duplicate_current)
        self.archive_button.clicked.connect(self._archive_current)

        self.view = QTableView()
        self.view.setObjectName("auditsView")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(UPDATED, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(30)
        self.view.setItemDelegateForColumn(PROGRESS, ProgressDelegate(self.view))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(CLIENT, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        # Fit columns to the first screenful only: sizing to all rows scores every audit.
        header.setResizeContentsPrecision(30)
        self.view.doubleClicked.connect(self._open_index)
        self.view.activated.connect(self._open_index)  # Enter / Return
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.proxy.modelReset.connect(self._update_buttons)

        self.empty = QLabel(self.tr("No audits yet. Start one with “New audit…”."))
        self.empty.setObjectName("emptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        tint(self.empty, "#666666")
        emphasise(self.empty, weight=None, point_size=12)
        self.empty.setMargin(40)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(self.search, 1)
        top.addWidget(self.show_archived)
        buttons = QHBoxLayout()
        for button in (
            self.new_button,
            self.open_button,
            self.duplicate_button,
            self.archive_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        self._widths_set = False

    # -- data -------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Down or Return in the search box go to the list (its first match), as in a
        browser's address bar; Esc clears the search."""
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._focus_list()
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(obj, event)

    def _focus_list(self) -> None:
        if self.proxy.rowCount() and not self.view.selectionModel().hasSelection():
            self.view.selectRow(0)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self, select: int | None = None) -> None:
        """Re-read the list from the store (cheap; scores come from the cache)."""
        current = select if select is not None else self.current_audit()
        self.model.set_rows(self.service.store.list_audits(include_archived=True))
        has_rows = self.model.rowCount() > 0
        self.view.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        if not self._widths_set and has_rows:
            self._set_widths()
        if current is not None:
            self.select_audit(current)
        elif self.proxy.rowCount():
            self.view.selectRow(0)
        self._update_buttons()

    def restore_header(self, state: Any) -> None:
        """The auditor's remembered column widths and order; they rule over the first fit."""
        if self.view.horizontalHeader().restoreState(state):
            self._widths_set = True

    def _set_widths(self) -> None:
        """Fit the columns to the first screenful once; after that the auditor's widths rule.

        The score columns are sized from their widest possible text, not from their cells:
        sizing to cells would score every audit in the first screenful before the window is
        shown (and when the window reopens on an audit, for a list nobody sees). Scores are
        then computed only for the rows Qt paints."""
        for col in range(1, self.model.columnCount()):
            if col in (PROGRESS, SCORE, LEVEL):
                width = self._score_column_width(col)
            else:
                self.view.resizeColumnToContents(col)
                width = self.view.columnWidth(col)
            self.view.setColumnWidth(col, min(width + 24, 260))
        # The bar needs room around its "19 / 46" text.
        self.view.setColumnWidth(PROGRESS, max(self.view.columnWidth(PROGRESS), 130))
        self._widths_set = True

    def _score_column_width(self, col: int) -> int:
        """The widest text a score column can show, and its header."""
        metrics = self.view.fontMetrics()
        if col == SCORE:
            samples = ["—", "100.5"]
        elif col == LEVEL:
            samples = ["—", *self.model.level_titles()]
            samples += [self.model.so_far(title) for title in samples[1:]]
        else:
            samples = []
        header = self.view.horizontalHeader().sectionSizeHint(col)
        # a cell's margins as the view's own sizing adds them
        cells = [
            metrics.horizontalAdvance(text) + 2 * metrics.averageCharWidth() for text in samples
        ]
        return max([header, *cells])

    def select_audit(self, audit_id: int) -> None:
        row = self.model.row_of(audit_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.view.selectRow(index.row())
            self.view.scrollTo(index)

    def current_audit(self) -> int | None:
        index = self.view.currentIndex()
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        if rows:
            index = rows[0]
        return int(index.data(AUDIT_ID_ROLE)) if index.isValid() else None

    # -- actions ----------------------------------------------------------------------
    def _open_index(self, index: Index) -> None:
        if index.isValid():
            self.openRequested.emit(int(index.data(AUDIT_ID_ROLE)))

    def _open_current(self) -> None:
        audit_id = self.current_audit()
        if audit_id is not None:
            self.openRequested.emit(audit_id)

    def _duplicate_current(self) -> None:
        audit_id = self.current_audit()
        if audit_id is not None:
            self.duplicateRequested.emit(audit_id)

    def _archive_current(self) -> None:
        index = self._selected()
        if index is not None:
            self.archiveRequested.emit(
                int(index.data(AUDIT_ID_ROLE)), not index.data(ARCHIVED_ROLE)
            )

    def _selected(self) -> Index | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0] if rows else None

    def _update_buttons(self, *_args: object) -> None:
        index = self._selected()
        for button in (self.open_button, self.duplicate_button, self.archive_button):
            button.setEnabled(index is not None)
        archived = bool(index is not None and index.data(ARCHIVED_ROLE))
        self.archive_button.setText(self.tr("Unarchive") if archived else self.tr("Archive"))

    def _context_menu(self, pos: Any) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.selectRow(index.row())
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), self._open_current)
        menu.addAction(self.tr("Start next surveillance audit"), self._duplicate_current)
        menu.addAction(self.archive_button.text(), self._archive_current)
        menu.exec(self.view.viewport().mapToGlobal(pos))
