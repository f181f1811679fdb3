"""Team leader's merge: a member's package, its automatic changes, and the conflicts to decide.

The package is verified and the merge worked out in a worker on opening; nothing is written
until Apply, which is enabled only when every conflict has a decision (never a silent
overwrite). Apply works the merge out again in its own worker store (a plan belongs to the
store, and so to the thread, that made it) and writes it in one transaction after a backup.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from auditor_app.services import package_jobs as tasks
from auditor_app.ui.fields import ErrorLabel
from auditor_app.ui.messages import describe
from auditor_app.ui.sync import texts
from auditor_app.ui.sync.merge_models import (
    DECISION,
    ITEM,
    MINE,
    THEIRS,
    ChangesModel,
    ConflictsModel,
)
from auditor_app.ui.sync.widgets import Busy


def _table(model: Any, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    view.horizontalHeader().setHighlightSections(False)
    return view


class MergeDialog(QDialog):
    """`MergeDialog(store_path, audit_id, package_path, trust, parent, key=None)`;
    `merged(audit_id)` once applied. `key`: the leader's AuditorKey, only for a member
    package encrypted to the leader."""

    planned = Signal(object)  # the MergePreview, once shown
    merged = Signal(int)

    def __init__(
        self,
        store_path: Path,
        audit_id: int,
        package_path: Path,
        trust: Sequence[Path],
        parent: QWidget | None = None,
        *,
        key: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("Merge a team member's package"))
        self.setMinimumSize(900, 620)
        self.request = tasks.MergeRequest(
            Path(store_path), audit_id, Path(package_path), tuple(str(p) for p in trust), key
        )
        self.preview: tasks.MergePreview | None = None
        self.outcome: Any = None

        self.heading = QLabel(
            self.tr("Package: {name}").format(name=html.escape(Path(package_path).name))
        )
        self.heading.setObjectName("mergeHeading")
        self.heading.setWordWrap(True)
        self.busy = Busy(
            {
                "verify": self.tr("Verifying the package and comparing…"),
                "apply": self.tr("Merging…"),
            }
        )

        self.changes = ChangesModel(self)
        self.changes_view = _table(self.changes, "changesView")
        self.changes_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.changes_box = QGroupBox(self.tr("Merged automatically"))
        changes_layout = QVBoxLayout(self.changes_box)
        changes_layout.addWidget(self.changes_view)

        self.conflicts = ConflictsModel(self)
        self.conflicts.decisionsChanged.connect(self._sync_enabled)
        self.conflicts.modelReset.connect(self._fit_rows)
        self.conflicts_view = _table(self.conflicts, "conflictsView")
        header = self.conflicts_view.horizontalHeader()
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MINE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(THEIRS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DECISION, QHeaderView.ResizeMode.ResizeToContents)
        self.conflicts_view.setColumnWidth(ITEM, 190)
        # several lines per cell: a little air between rows keeps the sides apart
        self.conflicts_view.setStyleSheet("QTableView::item { padding: 4px 6px; }")
        # wrapped cells need their height again whenever a column's width changes
        header.sectionResized.connect(self._fit_rows)
        self.conflicts_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # a click anywhere on a side chooses it: the tick box alone is a small target
        self.conflicts_view.clicked.connect(self._cell_clicked)
        self.all_mine = QPushButton(self.tr("All mine"))
        self.all_mine.setObjectName("allMine")
        self.all_mine.clicked.connect(self._all_mine)
        self.all_theirs = QPushButton(self.tr("All theirs"))
        self.all_theirs.setObjectName("allTheirs")
        self.all_theirs.clicked.connect(self._all_theirs)
        hint = QLabel(
            self.tr(
                "Scored differently on both sides: click the version to keep in each row (notes"
                " and methods from both sides are kept either way)."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(texts.NOTE_STYLE)
        choose = QHBoxLayout()
        choose.addWidget(hint, 1)
        choose.addWidget(self.all_mine)
        choose.addWidget(self.all_theirs)
        self.conflicts_box = QGroupBox(self.tr("Conflicts"))
        conflicts_layout = QVBoxLayout(self.conflicts_box)
        conflicts_layout.addLayout(choose)
        conflicts_layout.addWidget(self.conflicts_view)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.conflicts_box)
        split.addWidget(self.changes_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)

        self.warnings = QLabel()
        self.warnings.setObjectName("mergeWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(texts.WARN_STYLE)
        self.warnings.hide()
        self.status = QLabel()
        self.status.setObjectName("mergeStatus")
        self.status.setWordWrap(True)
        self.error = ErrorLabel()
        self.error.setObjectName("mergeError")

        buttons = QDialogButtonBox()
        self.apply_button = buttons.addButton(
            self.tr("Apply merge"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setObjectName("applyButton")
        self.close_button = buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.apply_button.clicked.connect(self.apply)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.busy)
        layout.addWidget(split, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._sync_enabled()
        self.plan()

    # -- planning -------------------------------------------------------------------------
    def plan(self) -> None:
        """Verify the package and work out the merge (again), in a worker."""
        self.preview = None
        self.error.set_error(None)
        self.busy.run(partial(tasks.preview_merge, self.request), self._planned, self._failed)
        self._sync_enabled()

    def _planned(self, preview: tasks.MergePreview) -> None:
        self.preview = preview
        self.heading.setText(
            self.tr("From <b>{author}</b> · package {name}").format(
                author=html.escape(preview.author), name=html.escape(self.request.package_path.name)
            )
        )
        self.changes.set_changes(preview.changes)
        self.changes_view.resizeColumnToContents(0)
        self.changes_view.resizeColumnToContents(1)
        self.conflicts.set_conflicts(preview.conflicts, preview.author)
        self.changes_box.setTitle(
            self.tr("Merged automatically ({n})").format(n=len(preview.changes))
        )
        self.conflicts_box.setTitle(self.tr("Conflicts ({n})").format(n=len(preview.conflicts)))
        self.conflicts_box.setVisible(bool(preview.conflicts))
        self.changes_box.setVisible(bool(preview.changes))
        if preview.warnings:
            self.warnings.setText("\n".join(f"⚠ {w}" for w in preview.warnings))
            self.warnings.show()
        self._sync_enabled()
        self.planned.emit(preview)

    # bound methods, not lambdas holding self: see ExportPackageDialog.__init__
    def _all_mine(self) -> None:
        self.conflicts.decide_all("mine")

    def _all_theirs(self) -> None:
        self.conflicts.decide_all("theirs")

    def _cell_clicked(self, index: Any) -> None:
        if index.column() in (MINE, THEIRS) and self.outcome is None and not self.busy.running:
            self.conflicts.decide(index.row(), "mine" if index.column() == MINE else "theirs")

    def _fit_rows(self, *_args: object) -> None:
        self.conflicts_view.resizeRowsToContents()

    def _failed(self, exc: BaseException) -> None:
        self._sync_enabled()
        code = getattr(exc, "code", None)
        head = self.tr("✘ Cannot merge")
        if code:
            head += " — " + texts.refusal(code)
        self.status.setText(head)
        self.status.setStyleSheet(texts.BAD_STYLE)
        message = describe(exc)
        if code:
            message += "\n" + self.tr("Nothing was changed in the database.")
        self.error.set_error(message)
        if isinstance(exc, tasks.StalePlanError):
            self.plan()

    # -- deciding and applying ------------------------------------------------------------
    def _sync_enabled(self) -> None:
        running = self.busy.running
        ready = self.preview is not None and self.outcome is None and not running
        has_conflicts = ready and self.conflicts.rowCount() > 0
        self.all_mine.setEnabled(has_conflicts)
        self.all_theirs.setEnabled(has_conflicts)
        self.apply_button.setEnabled(
            ready
            and self.preview is not None
            and not self.preview.empty
            and self.conflicts.all_decided
        )
        self.close_button.setEnabled(not running)
        if not ready or self.preview is None:
            return
        if self.preview.empty:
            self.status.setText(
                self.tr("= Nothing to merge: the audit already holds everything in this package.")
            )
            self.status.setStyleSheet(texts.NOTE_STYLE)
            return
        open_rows = sum(c.key not in self.conflicts.decisions for c in self.preview.conflicts)
        if open_rows:
            self.status.setText(
                self.tr("{n} conflict(s) still to decide before the merge can be applied.").format(
                    n=open_rows
                )
            )
            self.status.setStyleSheet(texts.WARN_STYLE)
        else:
            self.status.setText(
                self.tr("Ready: {changes} change(s), {conflicts} decision(s).").format(
                    changes=len(self.preview.changes), conflicts=len(self.preview.conflicts)
                )
            )
            self.status.setStyleSheet(texts.OK_STYLE)

    def apply(self) -> None:
        if self.preview is None or not self.conflicts.all_decided:
            return
        decisions = dict(self.conflicts.decisions)
        self.error.set_error(None)
        self.busy.run(
            partial(tasks.run_merge, self.request, decisions),
            self._applied,
            self._failed,
        )
        self._sync_enabled()

    def _applied(self, outcome: Any) -> None:
        self.outcome = outcome
        self._sync_enabled()
        counts: dict[str, int] = {}
        for change in outcome.applied:
            counts[change.kind] = counts.get(change.kind, 0) + 1
        detail = ", ".join(f"{texts.change_kind(k)} {n}" for k, n in sorted(counts.items()))
        lines = [
            self.tr("✔ Merged: {n} change(s), {d} decision(s)").format(
                n=len(outcome.applied), d=len(outcome.resolved)
            )
        ]
        if detail:
            lines.append(detail)
        if outcome.backup:
            lines.append(self.tr("Backup before merging: {path}").format(path=outcome.backup))
        self.status.setText("\n".join(lines))
        self.status.setStyleSheet(texts.OK_STYLE)
        self.apply_button.hide()
        self.all_mine.setEnabled(False)
        self.all_theirs.setEnabled(False)
        self.conflicts_view.setEnabled(False)
        self.close_button.setText(self.tr("Done"))
        self.merged.emit(self.request.audit_id)

    def reject(self) -> None:
        if self.busy.running:  # the merge is one transaction: let it finish
            return
        if self.outcome is not None:
            super().accept()
        else:
            super().reject()
