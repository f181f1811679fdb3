"""The audit details form: client, audit, team, sites, headcount, report texts + person-days.

Each field commits on its own through an undoable command (see `commands.py`); the person-days
panel follows the form's values live, before they are even committed. A refused value stays on
screen with the reason under the field.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from auditor_app.core.errors import AuditorError, InputError
from auditor_app.services.persondays_form import compute
from auditor_app.services.sample_redraw import record_draw
from auditor_app.store.audit_store import AUDIT_TYPES, TEAM_ROLES, AuditStore
from auditor_app.ui import labels
from auditor_app.ui.commands import (
    EditAuditCommand,
    EditClientCommand,
    ReplaceSitesCommand,
    ReplaceTeamCommand,
    StoreCommand,
    execute,
    push_applied,
)
from auditor_app.ui.draw_dialog import DrawDialog
from auditor_app.ui.fields import Committer, DateField, ErrorLabel, with_error
from auditor_app.ui.headcount import HeadcountSection
from auditor_app.ui.persondays_panel import PersonDaysPanel
from auditor_app.ui.rows_editor import Column, RowsEditor

CLIENT_KEYS = ("name", "address", "contact", "representative")
TEXT_KEYS = (
    "scope",
    "objectives",
    "deviations",
    "unresolved",
    "changes_since_last",
    "previous_followup",
    "marks_use",
    "others_present",
    "recommendation",
)


class DetailsPage(QWidget):
    saved = Signal()
    failed = Signal(str)

    def __init__(self, store: AuditStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPage")
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.audit_id: int | None = None
        self._audit: dict[str, Any] = {}
        self.read_only = False
        self.committers: list[Committer] = []
        self.errors: dict[str, ErrorLabel] = {}
        self.inputs: dict[str, Any] = {}

        form = QWidget()
        column = QVBoxLayout(form)
        column.addWidget(self._client_group())
        column.addWidget(self._audit_group())
        column.addWidget(self._team_group())
        column.addWidget(self._sites_group())
        self.headcount = HeadcountSection()
        column.addWidget(self.headcount)
        column.addWidget(self._texts_group())
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("detailsForm")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(form)

        self.panel = PersonDaysPanel()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("detailsSplitter")
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.headcount.edited.connect(self._recompute)
        self.headcount.committed.connect(self._commit_headcount)
        self.team.model.edited.connect(self._commit_team)
        self.sites.model.edited.connect(self._commit_sites)
        self.panel.drawRequested.connect(self.draw_sample)

    # -- building ---------------------------------------------------------------------
    def _line(self, key: str, commit: Any) -> QWidget:
        edit = QLineEdit()
        edit.setObjectName(key)
        self.inputs[key] = edit
        committer = Committer(edit, edit.text, edit.textChanged, edit.editingFinished)
        committer.committed.connect(lambda value, k=key: commit(k, value))
        self.committers.append(committer)
        box, self.errors[key] = with_error(edit)
        return box

    def _text(self, key: str, height: int = 56) -> QWidget:
        edit = QPlainTextEdit()
        edit.setObjectName(key)
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(height)
        edit.setMaximumHeight(int(height * 1.6))
        self.inputs[key] = edit
        committer = Committer(edit, edit.toPlainText, edit.textChanged)
        committer.committed.connect(lambda value, k=key: self._commit_audit(k, value))
        self.committers.append(committer)
        box, self.errors[key] = with_error(edit)
        return box

    def _client_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Client"))
        form = QFormLayout(group)
        for key, text in zip(
            CLIENT_KEYS,
            (self.tr("Name"), self.tr("Address"), self.tr("Contact"), self.tr("Representative")),
            strict=True,
        ):
            form.addRow(text, self._line(key, self._commit_client))
        return group

    def _audit_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Audit"))
        form = QFormLayout(group)
        form.addRow(self.tr("Report number"), self._line("report_number", self._commit_audit))
        self.audit_type = QComboBox()
        self.audit_type.setObjectName("audit_type")
        for code in AUDIT_TYPES:
            self.audit_type.addItem(labels.audit_type(code), code)
        self.audit_type.activated.connect(self._type_chosen)
        box, self.errors["audit_type"] = with_error(self.audit_type)
        form.addRow(self.tr("Audit type"), box)
        self.criteria = QLabel()
        self.criteria.setObjectName("criteria")
        self.criteria.setWordWrap(True)
        self.criteria.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Criteria"), self.criteria)
        for key, text in (("start_date", self.tr("First day")), ("end_date", self.tr("Last day"))):
            date = DateField()
            date.setObjectName(key)
            self.inputs[key] = date
            committer = Committer(
                date, date.get, date.dateChanged, date.editingFinished, ready=date.complete
            )
            committer.committed.connect(lambda value, k=key: self._commit_audit(k, value))
            self.committers.append(committer)
            box, self.errors[key] = with_error(date)
            form.addRow(text, box)
        form.addRow(self.tr("Scope"), self._text("scope"))
        form.addRow(self.tr("Objectives"), self._text("objectives"))
        return group

    def _team_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Audit team"))
        roles = tuple((code, labels.role(code)) for code in TEAM_ROLES)
        self.team = RowsEditor(
            [
                Column("name", self.tr("Name"), stretch=True),
                Column("role", self.tr("Role"), kind="choice", choices=roles),
            ],
            {"name": "", "role": "member"},
            self.tr("Add member"),
            self.tr("Remove"),
        )
        self.team.setObjectName("team")
        QVBoxLayout(group).addWidget(self.team)
        return group

    def _sites_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Sites and outlets"))
        self.sites = RowsEditor(
            [
                Column("name", self.tr("Name")),
                Column("address", self.tr("Address"), stretch=True),
                Column("is_central", self.tr("Central function"), kind="bool", exclusive=True),
                Column("headcount", self.tr("Headcount"), kind="count"),
            ],
            {"name": "", "address": "", "is_central": False, "headcount": None},
            self.tr("Add site"),
            self.tr("Remove"),
        )
        self.sites.setObjectName("sites")
        QVBoxLayout(group).addWidget(self.sites)
        return group

    def _texts_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Report texts"))
        form = QFormLayout(group)
        form.addRow(self.tr("Deviations from the plan"), self._text("deviations", 50))
        form.addRow(self.tr("Unresolved issues"), self._text("unresolved", 50))
        form.addRow(self.tr("Changes since the last audit"), self._text("changes_since_last", 50))
        form.addRow(
            self.tr("Follow-up of earlier nonconformities"), self._text("previous_followup", 50)
        )
        form.addRow(self.tr("Use of certificates and marks"), self._text("marks_use", 40))
        form.addRow(self.tr("Others present"), self._text("others_present", 40))
        form.addRow(self.tr("Team recommendation"), self._text("recommendation", 50))
        return group

    # -- loading ----------------------------------------------------------------------
    def set_audit(self, audit_id: int) -> None:
        self.flush()
        self.audit_id = audit_id
        self.undo_stack.clear()
        self.load()

    def load(self) -> None:
        """Show the stored audit (after opening it, or after an undo/redo)."""
        if self.audit_id is None:
            return
        self._audit = self.store.audit(self.audit_id)
        a = self._audit
        values = {
            "name": a["org_name"],
            "address": a["org_address"],
            "contact": a["org_contact"],
            "representative": a["org_representative"],
        }
        values.update({k: a[k] for k in (*TEXT_KEYS, "report_number", "start_date", "end_date")})
        for committer in self.committers:
            widget, key = committer.widget, committer.widget.objectName()
            value = values.get(key, "")
            if isinstance(widget, QLineEdit):
                committer.set_quietly(lambda w=widget, v=value: w.setText(v))
            elif isinstance(widget, QPlainTextEdit):
                committer.set_quietly(lambda w=widget, v=value: w.setPlainText(v))
            else:
                committer.set_quietly(lambda w=widget, v=value: w.put(v))
        for label in self.errors.values():
            label.set_error(None)
        self.audit_type.setCurrentIndex(max(0, self.audit_type.findData(a["audit_type"])))
        scheme = self.store.scheme(a["scheme_hash"])
        self.criteria.setText(
            self.tr("{title} · version {version} · {hash}").format(
                title=labels.scheme_title(scheme),
                version=scheme.version,
                hash=a["scheme_hash"][:12],
            )
        )
        self.criteria.setToolTip(a["scheme_hash"])
        self.team.model.set_rows(self.store.team(self.audit_id))
        self.team.error.set_error(None)
        self.sites.model.set_rows(
            [{**s, "is_central": bool(s["is_central"])} for s in self.store.sites(self.audit_id)]
        )
        self.sites.error.set_error(None)
        self.headcount.set_values(a["headcount"])
        self.set_read_only(bool(a["locked"]))
        self._recompute()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for widget in self.inputs.values():
            widget.setReadOnly(read_only)
        self.audit_type.setEnabled(not read_only)
        self.team.set_read_only(read_only)
        self.sites.set_read_only(read_only)
        self.headcount.set_read_only(read_only)
        self.panel.set_read_only(read_only)

    def flush(self) -> None:
        """Commit every edit still waiting for its typing pause."""
        for committer in self.committers:
            committer.flush()
        self.headcount.flush()

    def pending(self) -> bool:
        return any(c.pending() for c in self.committers) or self.headcount.pending()

    # -- committing -------------------------------------------------------------------
    def _run(self, command: StoreCommand, error: ErrorLabel | None) -> bool:
        try:
            execute(self.undo_stack, command)
        except AuditorError as exc:
            if error is not None:
                error.set_error(str(exc))
            self.failed.emit(str(exc))
            return False
        if error is not None:
            error.set_error(None)
        self._audit = self.store.audit(self.audit_id)
        self.saved.emit()
        return True

    def _hooks(self) -> dict[str, Any]:
        return {"on_applied": self._undone_or_redone, "on_error": self._undo_failed}

    def _undone_or_redone(self) -> None:
        self.load()
        self.saved.emit()

    def _undo_failed(self, exc: AuditorError) -> None:
        self.failed.emit(str(exc))
        self.load()

    def _commit_client(self, key: str, value: str) -> None:
        if self.audit_id is None or self.read_only:
            return
        if key == "name" and not value.strip():
            self.errors[key].set_error(self.tr("The client's name is required."))
            return
        old = self._audit[f"org_{key}"]
        if old == value:
            self.errors[key].set_error(None)
            return
        self._run(
            EditClientCommand(
                self.store,
                self._audit["org_id"],
                self.audit_id,
                {key: old},
                {key: value},
                self.tr("Edit client details"),
                **self._hooks(),
            ),
            self.errors[key],
        )

    def _commit_audit(self, key: str, value: Any) -> None:
        if self.audit_id is None or self.read_only:
            return
        field = self.inputs.get(key)
        if isinstance(field, DateField) and field.problem():
            self.errors[key].set_error(field.problem())  # kept on screen, not stored
            self.failed.emit(field.problem() or "")
            return
        old = self._audit[key]
        if old == value:
            if key in self.errors:
                self.errors[key].set_error(None)
            return
        if self._run(
            EditAuditCommand(
                self.store,
                self.audit_id,
                {key: old},
                {key: value},
                self.tr("Edit audit details"),
                **self._hooks(),
            ),
            self.errors.get(key),
        ):
            self._check_dates()

    def _check_dates(self) -> None:
        start, end = self.inputs["start_date"].get(), self.inputs["end_date"].get()
        problem = (
            self.tr("The last day is before the first day.")
            if (start and end and end < start)
            else None
        )
        self.errors["end_date"].set_error(problem)

    def _type_chosen(self) -> None:
        self._commit_audit("audit_type", self.audit_type.currentData())
        self._recompute()

    def _commit_headcount(self, values: dict[str, Any]) -> None:
        if self.audit_id is None or self.read_only:
            return
        old = self._audit["headcount"]
        if old == values:
            return
        self._run(
            EditAuditCommand(
                self.store,
                self.audit_id,
                {"headcount": old},
                {"headcount": values},
                self.tr("Edit headcount"),
                **self._hooks(),
            ),
            None,
        )
        self._recompute()

    def _commit_rows(self, editor: RowsEditor, kind: str) -> None:
        if self.audit_id is None or self.read_only:
            return
        rows = editor.model.rows()
        old = (self.store.sites if kind == "sites" else self.store.team)(self.audit_id)
        if any(not str(r.get("name") or "").strip() for r in rows):
            # Not written yet: kept on screen until it has a name.
            editor.error.set_error(
                self.tr("Give each row a name; rows without one are not saved yet.")
            )
            return
        if kind == "sites":
            old_rows = [_site(s) for s in old]
            new_rows = [_site(r) for r in rows]
            if old_rows == new_rows:
                editor.error.set_error(None)
                return
            command: StoreCommand = ReplaceSitesCommand(
                self.store,
                self.audit_id,
                old_rows,
                new_rows,
                self.tr("Edit sites"),
                **self._hooks(),
            )
        else:
            old_rows = [{"name": m["name"], "role": m["role"]} for m in old]
            new_rows = [{"name": r["name"].strip(), "role": r["role"]} for r in rows]
            if old_rows == new_rows:
                editor.error.set_error(None)
                return
            command = ReplaceTeamCommand(
                self.store,
                self.audit_id,
                old_rows,
                new_rows,
                self.tr("Edit audit team"),
                **self._hooks(),
            )
        self._run(command, editor.error)

    def _commit_team(self) -> None:
        self._commit_rows(self.team, "team")

    def _commit_sites(self) -> None:
        self._commit_rows(self.sites, "sites")
        self._recompute()

    # -- person-days ------------------------------------------------------------------
    def _site_lists(self) -> tuple[str, list[str]]:
        rows = self.sites.model.rows()
        central = next((r["name"].strip() for r in rows if r.get("is_central")), "")
        others = [r["name"].strip() for r in rows if not r.get("is_central")]
        return central, others

    def _recompute(self, *_args: object) -> None:
        if self.audit_id is None:
            return
        _central, others = self._site_lists()
        values = self.headcount.values()
        if not any(values.get(k) for k in ("full_time", "part_time", "temporary", "contractors")):
            hint = self.tr("Enter the headcount below to determine the audit time.")
            self.panel.show_result(None, hint=hint)
            self._show_draw()
            return
        try:
            rows = [r for r in self.sites.model.rows() if not r.get("is_central")]
            draw = self._audit.get("site_draw") or None
            result = compute(values, self.audit_type.currentData(), len(others), rows, draw)
        except InputError as exc:
            self.panel.show_result(None, str(exc))
        else:
            self.panel.show_result(result)
        self._show_draw()

    def _show_draw(self) -> None:
        result = self.panel.result
        draw = self._audit.get("site_draw") or None
        _central, others = self._site_lists()
        stale = None
        if (
            draw
            and result is not None
            and (
                list(draw.get("candidates", [])) != others
                or draw.get("sample_size") != result.sites_to_sample
            )
        ):
            stale = self.tr("The site list or the sample size changed after this draw: draw again.")
        can_draw = (
            result is not None
            and result.sampling_allowed
            and result.sites_to_sample > 0
            and not self.read_only
        )
        self.panel.show_draw(draw, stale, can_draw)

    def draw_sample(self) -> None:
        """Ask for the risk-based picks (and, over a recorded draw, the reason), then draw."""
        if self.audit_id is None or self.panel.result is None or self.read_only:
            return
        self.flush()  # the service draws from the stored site list and headcount
        result = self.panel.result
        _central, others = self._site_lists()
        dialog = DrawDialog(
            others,
            result.sites_to_sample,
            result.random_sites_min,
            self._audit.get("site_draw") or None,
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.draw_dialog = dialog
        dialog.accepted.connect(lambda: self.record_draw(dialog.picks(), dialog.reason.text()))
        dialog.open()

    def record_draw(self, picks: list[str], reason: str = "") -> bool:
        """Draw with the auditor's picks and record it (undoable); False when refused."""
        if self.audit_id is None or self.read_only:
            return False
        old = self._audit["site_draw"]
        try:
            draw = record_draw(self.store, self.audit_id, picks=picks, reason=reason)
        except AuditorError as exc:
            self.panel.show_draw(self._audit.get("site_draw") or None, str(exc), True)
            self.failed.emit(str(exc))
            return False
        # Undo/redo restore the recorded draws; redo never draws anew.
        push_applied(
            self.undo_stack,
            EditAuditCommand(
                self.store,
                self.audit_id,
                {"site_draw": old},
                {"site_draw": draw},
                self.tr("Draw outlets"),
                **self._hooks(),
            ),
        )
        self._audit = self.store.audit(self.audit_id)
        self.saved.emit()
        self._show_draw()
        return True


def _site(row: dict[str, Any]) -> dict[str, Any]:
    """A site as the store compares it."""
    return {
        "name": str(row.get("name") or "").strip(),
        "address": row.get("address") or "",
        "is_central": int(bool(row.get("is_central"))),
        "headcount": row.get("headcount"),
        "visited": int(bool(row.get("visited"))),
    }
