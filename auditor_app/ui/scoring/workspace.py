"""The scoring workspace: scheme tree, current item, score bar, keyboard, undo.

`ScoringWorkspace` is what the app shell embeds. Everything the auditor changes goes through one
undo command per action (commands.py), which calls the services and commits at once; the
commands report what changed and the workspace refreshes only that: the changed tree rows
(dataChanged), the score bar, and the section of the current item concerned. Switching items
reads one item's attachments from the store and nothing else (results and findings of the
audit are kept in memory and refreshed when a command changes them).

Public API: `set_audit(id)`, `current_item()`, `select_item(id)`, `undo_stack`, `read_only`,
`scoreChanged(ScoreResult)`, plus `undo_action`/`redo_action` for the shell's Edit menu, and
`flush()`/`release()`, which the shell calls before it hides the workspace, switches audits or
databases, exports or closes: an embedded widget gets no closeEvent of its own.

Never a lost entry: whatever complete entry is still in the fields when the auditor moves on
(a note, a sample (n, k), a deletion with its reason) is recorded then; one the services
refuse stays in the fields as a draft of its item, with the reason shown.
"""

from __future__ import annotations

import json
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    SIGNAL,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from auditor_app.core.errors import AuditorError
from auditor_app.core.results import UNSCORED
from auditor_app.core.scheme import Scheme
from auditor_app.core.scoring import ScoreResult
from auditor_app.services.audits import AuditService
from auditor_app.store.audit_store import Row, row_to_result
from auditor_app.ui.look import emphasise, tint
from auditor_app.ui.scoring import commands as cmd
from auditor_app.ui.scoring.attachment_actions import AttachmentActionsMixin, clean_errors
from auditor_app.ui.scoring.attachments import ThumbCache
from auditor_app.ui.scoring.detail_pane import DetailPane
from auditor_app.ui.scoring.entries import EntriesMixin
from auditor_app.ui.scoring.filter_proxy import ScoringFilterProxy
from auditor_app.ui.scoring.finding_actions import FindingActionsMixin, items_under
from auditor_app.ui.scoring.keyboard import KEY_HINT, KeyboardMixin
from auditor_app.ui.scoring.labels import (
    STATUS_FILTERS,
    friendly_error,
    refresh_language,
    status_short_words,
    tr,
    translate,
)
from auditor_app.ui.scoring.result_editor import Draft
from auditor_app.ui.scoring.score_bar import ScoreBar
from auditor_app.ui.scoring.tree_delegate import TreeDelegate
from auditor_app.ui.scoring.tree_model import (
    COL_SCORE,
    COL_STATUS,
    COL_TITLE,
    SchemeTreeModel,
)
from auditor_app.ui.worker import Job

if TYPE_CHECKING:  # loaded at first use: the phrase library, the photo import
    from auditor_app.core.phrases import Phrase, PhraseBook
    from auditor_app.services.attachment_import import ImportOutcome

LEFT_MIN = 260  # the tree's column never gets narrower than this
LEFT_MAX = 460
LEFT_SHARE = 0.3  # of the width, while the auditor has not dragged the splitter


class ScoringWorkspace(
    KeyboardMixin, EntriesMixin, AttachmentActionsMixin, FindingActionsMixin, QWidget
):
    # The mixins (keyboard.py, entries.py, attachment_actions.py, finding_actions.py) hold the
    # keyboard, recording, photo and findings handling; this module the state, the layout,
    # showing items and refreshing what a command changed.
    """Score one audit item by item; embeds in the app shell."""

    scoreChanged = Signal(object)  # ScoreResult, after every change
    currentItemChanged = Signal(object)  # item id or None (a group/indicator is shown)
    importFinished = Signal(object)  # ImportOutcome of a background photo import
    newRevisionRequested = Signal(int)  # the locked audit's id (the shell may handle it)

    def __init__(self, service: AuditService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        refresh_language()  # the shell builds a new window after a language change
        self.service = service
        self.store = service.store
        self._audit_id: int | None = None
        self._scheme: Scheme | None = None
        self._phrases: PhraseBook | None = None  # read at first use: see `phrases`
        self.phrase_problem: str | None = None
        self._score: ScoreResult | None = None
        self._rows: dict[str, Row] = {}
        self._findings: list[Row] = []
        self._current: str | None = None  # the item shown (None: a group or nothing)
        self._current_node: str | None = None
        self._read_only = False
        self._syncing = False  # True while the view's selection follows select_item()
        self._drafts: dict[str, Draft] = {}
        self._outcomes: dict[str | None, ImportOutcome] = {}
        self._links = cmd.LinkRegistry()
        self._stack = QUndoStack(self)
        # imports → item id, in the order given; the first runs, the others wait for it
        self._imports: dict[Job, str | None] = {}
        self.finding_dialog: QWidget | None = None
        self.thumbs = ThumbCache(lambda sha: self.store.attachment_data(sha, thumb=True))
        self._build()
        self._make_actions()

    # -- public API -----------------------------------------------------------------------
    @property
    def undo_stack(self) -> QUndoStack:
        return self._stack

    @property
    def read_only(self) -> bool:
        return self._read_only

    @property
    def audit_id(self) -> int | None:
        return self._audit_id

    @property
    def score(self) -> ScoreResult | None:
        return self._score

    def current_item(self) -> str | None:
        return self._current

    @property
    def phrases(self) -> PhraseBook:
        """The CB's phrase library for the audit's scheme, read when first asked for (the
        phrase menu, a finding dialog), not when the audit opens (issue 14). A broken file
        costs the phrases, not the audit: the phrase menu says why it is empty."""
        if self._phrases is None:
            from auditor_app.core.errors import ValidationError
            from auditor_app.core.phrases import PhraseBook, for_scheme

            assert self._scheme is not None, "no audit is open"
            self.phrase_problem = None
            try:
                self._phrases = for_scheme(self._scheme)
            except ValidationError as exc:
                self._phrases = PhraseBook(self._scheme.id)
                self.phrase_problem = str(exc)
            self.detail.note.phrase_problem = self.phrase_problem
        return self._phrases

    def _note_phrases(self, item: str | None) -> list[Phrase]:
        return self.phrases.for_item(item, "evidence")

    def set_audit(self, audit_id: int, item_id: str | None = None) -> None:
        """Open an audit: its tree, score and `item_id` (else the first unscored item);
        read-only when locked. Showing the wanted item at once spares showing another first."""
        self._flush()
        audit = self.store.audit(audit_id)
        scheme = self.service.scheme(audit_id)
        self._audit_id, self._scheme = audit_id, scheme
        self._stack.clear()  # undo history belongs to one audit
        self._links = cmd.LinkRegistry()
        self._drafts.clear()
        self._outcomes.clear()
        self._rows = self.store.result_rows(audit_id)
        self._findings = self.store.findings(audit_id)
        self._current = self._current_node = None
        self.proxy.pin(None)
        self.model.set_scheme(scheme)
        self._phrases = self.phrase_problem = None  # another scheme, perhaps
        self.detail.note.phrase_source = self._note_phrases
        self._set_read_only(bool(audit["locked"]))
        self._rescore()
        self.tree.expandAll()
        ids = self.model.item_ids()
        first = next((i for i in ids if self.model.status(i) == UNSCORED), ids[0] if ids else None)
        if item_id is not None and self.model.node_by_id(item_id) is not None:
            first = item_id
        if first is not None:
            self.select_item(first)

    def select_item(self, item_id: str) -> bool:
        """Show an item (or a group/indicator) and select it in the tree, even if filtered."""
        if self.model.node_by_id(item_id) is None:
            return False
        if item_id != self._current_node:
            self._show(item_id)
        self._sync_view(item_id)
        return True

    def start_new_revision(self, reason: str) -> int:
        """Copy the locked audit into a new editable revision and open it."""
        assert self._audit_id is not None
        new_id = self.store.new_revision(self._audit_id, reason)
        self.set_audit(new_id)
        return new_id

    def undo(self) -> None:
        """Undo, after recording what is still being typed."""
        self._flush()
        self._stack.undo()

    def redo(self) -> None:
        self._flush()
        self._stack.redo()

    # -- building -------------------------------------------------------------------------
    def _build(self) -> None:
        self.banner = QFrame()
        self.banner.setObjectName("LockedBanner")
        self.banner.setStyleSheet(
            "#LockedBanner { background: #fff4ce; border: 1px solid "
            "#e0b400; } QLabel { color: #5c4400; }"
        )
        self.banner_text = QLabel(
            translate(
                "scoring",
                "This audit is signed and locked: read-only. To change it, start a new revision"
                " (a reason is required).",
            )
        )
        self.banner_text.setWordWrap(True)
        self.revision_button = QPushButton(translate("scoring", "New revision…"))
        self.revision_button.clicked.connect(self._revision_clicked)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.revision_button)
        self.banner.hide()

        self.score_bar = ScoreBar()
        self.score_bar.itemRequested.connect(self._jump)

        self.model = SchemeTreeModel(self)
        self.proxy = ScoringFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setUniformRowHeights(True)  # row heights need not be measured per row
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setIndentation(14)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setToolTip(tr(KEY_HINT))
        self.tree.setItemDelegate(TreeDelegate(self.model, self.tree))
        self._attach_view_model()

        self.status_filter = QComboBox()
        for key, label in STATUS_FILTERS:
            self.status_filter.addItem(tr(label), key)
        self.status_filter.setToolTip(translate("scoring", "Filter by status (O toggles open/all)"))
        self.status_filter.currentIndexChanged.connect(self._filter_changed)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(translate("scoring", "Search id or title (Ctrl+F)"))
        self.search.textChanged.connect(self._filter_changed)
        self.search.returnPressed.connect(self._search_done)
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter)
        filters.addWidget(self.search, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        tint(self.message, "#1565c0")
        self.message.hide()
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.setInterval(5000)
        self._message_timer.timeout.connect(self.message.hide)
        hint = QLabel(tr(KEY_HINT))
        hint.setWordWrap(True)
        tint(hint, "#6b7280")
        emphasise(hint, weight=None, pixel_size=11)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.message)
        left_layout.addWidget(hint)

        self.detail = DetailPane(self.thumbs)
        d = self.detail
        d.result.resultRequested.connect(self._record_result)
        d.result.resultImplied.connect(self._record_implied)
        d.result.leaveRequested.connect(self.focus_tree)
        d.note.commitRequested.connect(self._commit_note)
        d.note.leaveRequested.connect(self.focus_tree)
        d.methods.methodsEdited.connect(self._set_methods)
        d.attachments.filesChosen.connect(self.import_files)
        d.attachments.imageGiven.connect(self.import_bytes)
        d.attachments.addRequested.connect(self._pick_files)
        d.attachments.removeRequested.connect(self._remove_attachment)
        d.attachments.captionEdited.connect(self._set_caption)
        d.attachments.leaveRequested.connect(self.focus_tree)
        d.attachments.openRequested.connect(self._open_attachment)
        d.findings.addRequested.connect(self._add_finding_dialog)
        d.findings.editRequested.connect(self._edit_finding_dialog)
        d.findings.deleteRequested.connect(self.delete_finding)
        d.findings.scopeChanged.connect(lambda _: self._refresh_findings())
        self.note_error = QLabel()
        tint(self.note_error, "#c62828")
        self.note_error.hide()
        d.evidence_box.layout().addWidget(self.note_error)

        left.setMinimumWidth(LEFT_MIN)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.splitterMoved.connect(self._splitter_moved)
        self._split_by_user = False  # until the auditor drags it, the split follows the width
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.banner)
        layout.addWidget(self.score_bar)
        layout.addWidget(splitter, 1)

    # -- the split between tree and item follows the width ---------------------------------
    def _splitter_moved(self, *_args: object) -> None:
        self._split_by_user = True

    def _fit_split(self) -> None:
        """Give the tree ~30 % (within limits) and the item the rest, never less than the
        item's columns need: they must fit without a horizontal scroll bar."""
        total = self.splitter.width() - self.splitter.handleWidth()
        if total <= 0:
            return
        room_left = total - self.detail.minimumSizeHint().width()
        left = max(LEFT_MIN, min(LEFT_MAX, int(total * LEFT_SHARE), room_left))
        self.splitter.setSizes([left, total - left])

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if not self._split_by_user:
            self._fit_split()

    # -- showing items --------------------------------------------------------------------
    def _show(self, node_id: str) -> None:
        self._flush()
        node = self.model.node_by_id(node_id)
        assert node is not None and self._scheme is not None
        self._current_node = node_id
        if node.kind == "item":
            self._current = node_id
            self._show_item(node_id)
        else:
            self._current = None
            items = items_under(node)
            scored = sum(self.model.status(i.id) != UNSCORED for i in items)
            self.detail.show_node(
                node, self.model.status(node_id), self.model.earned(node_id), scored, len(items)
            )
            self.detail.note.set_note(None, "")
            self._refresh_findings()
        self.currentItemChanged.emit(self._current)

    def _show_item(self, item_id: str) -> None:
        assert self._scheme is not None
        item = self._scheme.item(item_id)
        row = self._rows.get(item_id, {})
        d = self.detail
        d.show_item(item)
        d.show_status(self.model.status(item_id), self.model.earned(item_id), item.points)
        d.result.set_item(item, row_to_result(row) if row else None, self._drafts.get(item_id))
        d.note.set_note(item_id, row.get("note", ""))
        self.note_error.hide()
        d.methods.set_methods(json.loads(row.get("methods") or "[]"))
        self._refresh_attachments()
        outcome = self._outcomes.pop(item_id, None)
        if outcome is not None:
            d.attachments.show_outcome(len(outcome.link_ids), clean_errors(outcome.errors))
        else:
            d.attachments.clear_outcome()
        self._refresh_findings()

    # -- the view reads the tree model directly, or through the filter proxy ----------------
    def _attach_view_model(self) -> None:
        """Use the proxy only while a filter is on: through it every painted cell costs two
        more Python calls, ~2.5 ms of CPU per item switch that scrolls the tree."""
        target = self.proxy if self.proxy.active else self.model
        if self.tree.model() is target:
            return
        old = self.tree.selectionModel()
        self.tree.setModel(target)
        if old is not None:
            old.deleteLater()  # setModel does not delete the previous selection model
        self.tree.selectionModel().currentChanged.connect(self._tree_current)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        # Fixed widths: ResizeToContents would measure every row after each change.
        metrics = self.tree.fontMetrics()
        widest = max(status_short_words(), key=metrics.horizontalAdvance)
        for col, sample in ((COL_SCORE, "12.75 / 12"), (COL_STATUS, widest)):
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, width + 18)
        self.tree.expandAll()

    def _view_index(self, node_id: str) -> QModelIndex:
        source = self.model.index_of(node_id)
        return source if self.tree.model() is self.model else self.proxy.mapFromSource(source)

    def _view_node(self, index: QModelIndex) -> Any:
        source = index if self.tree.model() is self.model else self.proxy.mapToSource(index)
        return self.model.node(source)

    def _sync_view(self, node_id: str) -> None:
        node = self.model.node_by_id(node_id)
        self.proxy.pin(node_id if node is not None and node.kind == "item" else None)
        index = self._view_index(node_id)
        if not index.isValid():
            return
        self._syncing = True
        try:
            self.tree.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._syncing = False
        self.tree.scrollTo(index)

    def _tree_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        node = self._view_node(current)
        if node is not None and node.id != self._current_node:
            self._show(node.id)
            self.proxy.pin(node.id if node.kind == "item" else None)

    def _set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.banner.setVisible(read_only)
        d = self.detail
        d.result.set_read_only(read_only)
        d.note.setReadOnly(read_only)
        d.methods.setEnabled(not read_only)
        d.attachments.set_read_only(read_only)
        d.findings.set_read_only(read_only)
        for act in self._edit_actions:
            act.setEnabled(not read_only)

    # -- commands -------------------------------------------------------------------------
    def _run(self, command: cmd.AuditCommand) -> str | None:
        """Execute a command onto the stack; the refusal text, or None when done."""
        try:
            cmd.execute(self._stack, command)
        except AuditorError as exc:
            return friendly_error(exc)
        return None

    def _changed(self, change: cmd.Change) -> None:
        """A command did, undid or redid something: refresh exactly that."""
        if change.audit_id != self._audit_id:
            return
        assert self._audit_id is not None
        aspect = change.aspect
        if aspect in (cmd.RESULT, cmd.NOTE, cmd.METHODS):
            self._rows = self.store.result_rows(self._audit_id)
        if aspect == cmd.FINDINGS:
            self._findings = self.store.findings(self._audit_id)
        if aspect in (cmd.RESULT, cmd.FINDINGS):
            self._rescore()
        elif self._score is not None:
            self.scoreChanged.emit(self._score)
        if change.via != "do" and change.item_id and change.item_id != self._current:
            # Undo/redo of another item: go there so the auditor sees what changed. Later,
            # not now: the stack is in the middle of undo().
            QTimer.singleShot(0, self, partial(self.select_item, change.item_id))
            return
        if change.item_id is not None and change.item_id != self._current:
            if aspect == cmd.FINDINGS:
                self._refresh_findings()
            return
        row = self._rows.get(change.item_id or "", {})
        d = self.detail
        if aspect == cmd.RESULT:
            d.result.set_result(row_to_result(row) if row else None)
        elif aspect == cmd.NOTE:
            if change.via == "do":
                d.note.mark_committed(row.get("note", ""))
            else:
                d.note.show_committed(row.get("note", ""))
        elif aspect == cmd.METHODS:
            d.methods.set_methods(json.loads(row.get("methods") or "[]"))
        elif aspect == cmd.ATTACHMENTS:
            self._refresh_attachments()
        elif aspect == cmd.FINDINGS:
            self._refresh_findings()

    def _rescore(self) -> None:
        if self._audit_id is None or self._scheme is None:
            return
        score = self.service.score(self._audit_id)
        self._score = score
        self.model.set_score(score)
        self.score_bar.set_score(score, self._scheme)
        if self._current is not None:
            item = self._scheme.item(self._current)
            self.detail.show_status(
                self.model.status(item.id), self.model.earned(item.id), item.points
            )
        self.scoreChanged.emit(score)

    def _filter_changed(self) -> None:
        # While rows come and go the view moves its current row by itself; that must not
        # switch the item shown. The item stays in the detail pane even if filtered out.
        self._syncing = True
        try:
            self.proxy.set_status_filter(self.status_filter.currentData())
            self.proxy.set_text_filter(self.search.text())
            self._attach_view_model()
            self.tree.expandAll()
        finally:
            self._syncing = False
        node = self._current_node
        if node is not None and self._view_index(node).isValid():
            self._sync_view(node)
        else:
            self.tree.selectionModel().clear()

    # -- locked audits --------------------------------------------------------------------
    def _revision_clicked(self) -> None:
        if self._audit_id is None:
            return
        if self.receivers(SIGNAL("newRevisionRequested(int)")) > 0:
            self.newRevisionRequested.emit(self._audit_id)
            return
        from PySide6.QtWidgets import QInputDialog

        reason, ok = QInputDialog.getText(
            self,
            translate("scoring", "New revision"),
            translate("scoring", "Reason for the revision (required):"),
        )
        if not ok:
            return
        try:
            self.start_new_revision(reason)
        except AuditorError as exc:
            self.banner_text.setText(friendly_error(exc))
