"""One open audit: a header, the read-only banner of signed audits, and the three tabs
(Details / Scoring / Trail). Undo follows the tab: each tab's stack joins the window's
`QUndoGroup` and becomes active with its tab.

`flush()` records whatever is still being typed in any tab (and waits for photo imports); the
window calls it before it hides the view, opens another audit or database, exports or closes.
`reload()` reads the open audit again after something else changed the database (an import,
a merge, a committee decision), keeping the tab and the item.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditor_app.services.audits import AuditService
from auditor_app.ui import labels
from auditor_app.ui.look import SEMIBOLD, emphasise, tint

if TYPE_CHECKING:
    from auditor_app.ui.details import DetailsPage
    from auditor_app.ui.trail import TrailPage

log = logging.getLogger(__name__)

DETAILS_TAB, SCORING_TAB, TRAIL_TAB = range(3)


def make_workspace(service: AuditService) -> QWidget | None:
    """The scoring workspace, or None while it is not part of the build."""
    try:
        from auditor_app.ui.scoring.workspace import ScoringWorkspace
    except Exception as exc:  # developed separately; a half-built one must not stop the app
        log.warning("scoring workspace unavailable: %s", exc)
        return None
    return ScoringWorkspace(service)


class AuditView(QWidget):
    saved = Signal()
    failed = Signal(str)
    revisionRequested = Signal()
    backRequested = Signal()
    placeChanged = Signal()

    def __init__(
        self, service: AuditService, undo_group: QUndoGroup, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("auditView")
        self.service = service
        self.group = undo_group
        self.audit_id: int | None = None
        self.audit: dict[str, Any] = {}
        # The Details form is built and filled when its tab is first shown (or `details` is
        # first asked for): reopening on the Scoring tab does not pay for a form nobody sees
        # (issue 14). True while the form still shows another audit.
        self._details: DetailsPage | None = None
        self._details_stale = False
        self.details_splitter_state: Any = None  # applied to the form when it is built

        back = QPushButton(self.tr("← Audits"))
        back.setObjectName("backButton")
        back.setFlat(True)
        back.clicked.connect(self.backRequested)
        self.title = QLabel()
        self.title.setObjectName("auditTitle")
        emphasise(self.title, weight=SEMIBOLD, point_size=14)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("auditSubtitle")
        tint(self.subtitle, "#555555")
        header = QHBoxLayout()
        header.addWidget(back)
        header.addWidget(self.title)
        header.addWidget(self.subtitle, 1)

        self.banner = QFrame()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setStyleSheet(
            "#readOnlyBanner { background: #fff4e5; border: 1px solid "
            "#f0b35a; border-radius: 4px; }"
        )
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.revision_button = QPushButton(self.tr("New revision…"))
        self.revision_button.setObjectName("bannerNewRevision")
        self.revision_button.clicked.connect(self.revisionRequested)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.revision_button)
        self.banner.hide()

        self._details_holder = self._holder("detailsHolder")  # the form goes in when built
        # The Trail tab likewise: its page is built when the tab is first shown.
        self._trail: TrailPage | None = None
        self._trail_holder = self._holder("trailHolder")
        self.workspace = make_workspace(service)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("auditTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._details_holder, self.tr("Details"))
        if self.workspace is not None:
            self.tabs.addTab(self.workspace, self.tr("Scoring"))
            self.workspace.scoreChanged.connect(self._scored)
            self.workspace.currentItemChanged.connect(self.placeChanged)
            self.workspace.newRevisionRequested.connect(self.revisionRequested)
            self.group.addStack(self.workspace.undo_stack)
            # The window's Edit > Undo/Redo own Ctrl+Z / Ctrl+Y in every tab (and route to
            # `workspace.undo()`, which commits pending typing first); two actions on one
            # key would be ambiguous and neither would fire.
            for action in (self.workspace.undo_action, self.workspace.redo_action):
                action.setShortcuts([])
        else:
            placeholder = QLabel(self.tr("The scoring workspace is not part of this build."))
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.tabs.addTab(placeholder, self.tr("Scoring"))
        self.tabs.addTab(self._trail_holder, self.tr("Trail"))
        self._shown_tab = self.tabs.currentIndex()
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)

    # -- the Details form -------------------------------------------------------------
    @property
    def details(self) -> DetailsPage:
        """The Details form, built on first use (not loaded: its tab loads it when shown)."""
        if self._details is None:
            from auditor_app.ui.details import DetailsPage

            page = DetailsPage(self.service.store)
            page.saved.connect(self._details_saved)
            page.failed.connect(self.failed)
            if self.details_splitter_state is not None:
                page.splitter.restoreState(self.details_splitter_state)
            self._fill(self._details_holder, page)
            self.group.addStack(page.undo_stack)
            self._details = page
        return self._details

    @staticmethod
    def _holder(name: str) -> QWidget:
        """An empty tab page that a lazily built page fills."""
        holder = QWidget()
        holder.setObjectName(name)
        QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
        return holder

    @staticmethod
    def _fill(holder: QWidget, page: QWidget) -> None:
        """Put a page built on first use into its tab's holder, shown at once (not on the
        layout's next event-loop pass)."""
        layout = holder.layout()
        assert layout is not None
        layout.addWidget(page)
        page.show()

    @property
    def trail(self) -> TrailPage:
        """The Trail page, built on first use (it reads the trail when shown)."""
        return self._trail if self._trail is not None else self._build_trail()

    def _build_trail(self) -> TrailPage:
        from auditor_app.ui.trail import TrailPage

        page = TrailPage(self.service.store)
        if self.audit_id is not None:
            page.set_audit(self.audit_id)
        self._fill(self._trail_holder, page)  # read at once if its tab is shown
        self._trail = page
        return page

    def _trail_changed(self) -> None:
        if self._trail is not None:  # a page never built reads the trail when it is
            self._trail.mark_stale()

    @property
    def details_built(self) -> DetailsPage | None:
        """The Details form if it has been built, without building it."""
        return self._details

    # -- audit ------------------------------------------------------------------------
    def set_audit(self, audit_id: int, tab: int | None = None, item: str | None = None) -> None:
        """Show `audit_id`, on `tab` when given (else the tab shown now), at scoring `item`
        when given (else the first unscored one)."""
        self.flush()  # the window asked already (and showed refusals); this is the backstop
        self.audit_id = audit_id
        self._details_stale = True
        if self._details is not None:
            self._details.undo_stack.clear()  # its commands belong to the audit it showed
        if tab is not None:
            self.set_tab(tab)
        if self.tabs.currentIndex() == DETAILS_TAB:
            self._load_details()
        if self.workspace is not None:
            self.workspace.set_audit(audit_id, item)
        if self._trail is not None:
            self._trail.set_audit(audit_id)
        self.refresh_header()
        self._tab_changed(self.tabs.currentIndex())

    def reload(self) -> None:
        """Read the open audit again (the database changed under it), keeping tab and item.

        Raises AuditorError when the audit no longer exists."""
        if self.audit_id is None:
            return
        tab, item = self.current_tab(), self.current_item()
        self.set_audit(self.audit_id, item=item)
        self.set_tab(tab)

    def _load_details(self) -> None:
        if self._details_stale and self.audit_id is not None:
            self._details_stale = False
            self.details.set_audit(self.audit_id)

    def flush(self) -> list[str]:
        """Record what is typed in every tab and wait for photo imports; returns what could
        not be recorded ("item: reason"), which stays in the form."""
        if self._details is not None:
            self._details.flush()
        if self.workspace is None or self.audit_id is None:
            return []
        return list(self.workspace.release())

    def discard_pending(self) -> None:
        """Drop the entries `flush()` could not record (the auditor chose to go on)."""
        if self.workspace is not None:
            self.workspace.discard_drafts()

    def refresh_header(self) -> None:
        if self.audit_id is None:
            return
        self.audit = self.service.store.audit(self.audit_id)
        a = self.audit
        self.title.setText(a["org_name"])
        parts = [labels.audit_type(a["audit_type"]), labels.status(a["status"], a["revision"])]
        if a["report_number"]:
            parts.insert(0, a["report_number"])
        self.subtitle.setText("  ·  ".join(parts))
        locked = bool(a["locked"])
        if locked:
            when = (a["signed_at"] or "")[:10]
            self.banner_text.setText(
                self.tr(
                    "This audit was signed on {date} and is read-only. To change anything, start a "
                    "new revision; the signed one stays as it is."
                ).format(date=when)
            )
        self._show_banner()

    def _show_banner(self) -> None:
        # The scoring workspace says "signed, read-only" itself: one banner per screen.
        own = self.workspace is not None and self.tabs.currentIndex() == SCORING_TAB
        self.banner.setVisible(self.locked and not own)

    @property
    def locked(self) -> bool:
        return bool(self.audit.get("locked"))

    # -- tabs and place ---------------------------------------------------------------
    def current_tab(self) -> int:
        return self.tabs.currentIndex()

    def set_tab(self, index: int) -> None:
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    def current_item(self) -> str | None:
        return self.workspace.current_item() if self.workspace is not None else None

    def select_item(self, item_id: str | None) -> None:
        if item_id and self.workspace is not None:
            self.workspace.select_item(item_id)

    def active_stack(self) -> Any:
        if self.tabs.currentIndex() == SCORING_TAB and self.workspace is not None:
            return self.workspace.undo_stack
        # a form never built has nothing to undo; building it here would undo the laziness
        return self._details.undo_stack if self._details is not None else None

    def undo(self) -> None:
        """Undo in the shown tab, after committing whatever is still being typed there."""
        if self.tabs.currentIndex() == SCORING_TAB and self.workspace is not None:
            self.workspace.undo()
        elif self._details is not None:
            self._details.flush()
            self._details.undo_stack.undo()

    def redo(self) -> None:
        if self.tabs.currentIndex() == SCORING_TAB and self.workspace is not None:
            self.workspace.redo()
        elif self._details is not None:
            self._details.flush()
            self._details.undo_stack.redo()

    def _tab_changed(self, index: int) -> None:
        if index == DETAILS_TAB:
            self._load_details()
        elif index == TRAIL_TAB and self._trail is None:
            self._build_trail()
        if index != DETAILS_TAB and self._details is not None:
            self._details.flush()  # leaving the form: nothing waits for a typing pause
        left, self._shown_tab = self._shown_tab, index
        if left == SCORING_TAB and index != SCORING_TAB and self.workspace is not None:
            problems = self.workspace.flush()  # kept as drafts; say so where it is seen
            if problems:
                self.failed.emit(" · ".join(problems))
        if index == SCORING_TAB and self.workspace is not None:
            # keyboard-first: the tree has the focus, so J/K, C/N and Ctrl+F work at once
            # (otherwise the first focusable widget, the score bar's link, would take it)
            self.workspace.focus_tree()
        self.group.setActiveStack(self.active_stack())
        self._show_banner()
        self.placeChanged.emit()

    def _details_saved(self) -> None:
        self._trail_changed()
        self.refresh_header()
        self.saved.emit()

    def _scored(self, _result: object) -> None:
        self._trail_changed()
        self.refresh_header()
        self.saved.emit()
        self.placeChanged.emit()

    def release(self) -> None:
        """Record what is pending, then take this view's undo stacks out of the window's
        group before it goes away."""
        self.flush()
        if self._details is not None:
            self.group.removeStack(self._details.undo_stack)
        if self.workspace is not None:
            self.group.removeStack(self.workspace.undo_stack)
