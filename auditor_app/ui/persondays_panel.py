"""The live person-days panel: audit days and how they were reached, warnings, outlet sample.

It only displays a `PersonDaysResult` (computed by the core from the form's current values)
and the recorded outlet draw; the details page decides when to recompute and records draws.
"""

from __future__ import annotations

import html
from fractions import Fraction
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from auditor_app.core.persondays import PersonDaysResult
from auditor_app.core.persondays_format import factor, num, pct
from auditor_app.ui.i18n import is_chinese, pick
from auditor_app.ui.labels import audit_type

_WARNING_STYLE = (
    "background: #fff4e5; border: 1px solid #f0b35a; border-radius: 4px; "
    "padding: 6px; color: #5c3b00;"
)
_NOTE_STYLE = (
    "background: #eef3f8; border: 1px solid #b8c7d9; border-radius: 4px; "
    "padding: 6px; color: #243447;"
)
_ERROR_STYLE = (
    "background: #fdecea; border: 1px solid #e39b94; border-radius: 4px; "
    "padding: 6px; color: #b3261e;"
)


def _value_label() -> QLabel:
    label = QLabel()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class PersonDaysPanel(QScrollArea):
    drawRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personDaysPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)

        title = QLabel(self.tr("Audit person-days"))
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.days = QLabel("—")
        self.days.setObjectName("auditDays")
        self.days.setStyleSheet("font-size: 26pt; font-weight: 700; color: #1f4e79;")
        self.error = QLabel()
        self.error.setObjectName("personDaysError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.hide()
        layout.addWidget(title)
        layout.addWidget(self.days)
        layout.addWidget(self.error)

        self.figures: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, text in (
            ("effective", self.tr("Effective personnel")),
            ("table", self.tr("Table days")),
            ("adjustment", self.tr("Adjustments")),
            ("type", self.tr("Audit type")),
            ("stages", self.tr("Stage 1 / stage 2")),
            ("onsite", self.tr("On-site minimum")),
            ("sample", self.tr("Sites to sample")),
            ("managers", self.tr("Certified managers needed")),
            ("verified", self.tr("With verified headcount")),
        ):
            self.figures[key] = _value_label()
            self.figures[key].setObjectName(f"figure_{key}")
            form.addRow(text, self.figures[key])
        layout.addLayout(form)

        self.warnings_box = QVBoxLayout()
        layout.addLayout(self.warnings_box)
        self._warning_labels: list[QLabel] = []

        self.sample_group = QGroupBox(self.tr("Outlets to visit"))
        sample_layout = QVBoxLayout(self.sample_group)
        self.sample_text = _value_label()
        self.sample_text.setObjectName("sampleText")
        self.sample_stale = QLabel()
        self.sample_stale.setWordWrap(True)
        self.sample_stale.setStyleSheet(_WARNING_STYLE)
        self.sample_stale.hide()
        self.draw_button = QPushButton(self.tr("Draw sample"))
        self.draw_button.setObjectName("drawSample")
        self.draw_button.setToolTip(
            self.tr(
                "Draw the outlets to visit at random; the seed is recorded so the draw can be "
                "repeated and checked."
            )
        )
        self.draw_button.clicked.connect(self.drawRequested)
        row = QHBoxLayout()
        row.addWidget(self.draw_button)
        row.addStretch(1)
        sample_layout.addWidget(self.sample_text)
        sample_layout.addWidget(self.sample_stale)
        sample_layout.addLayout(row)
        layout.addWidget(self.sample_group)

        just_title = QLabel(self.tr("Justification for the client"))
        just_title.setStyleSheet("font-weight: 600;")
        self.justification = QPlainTextEdit()
        self.justification.setObjectName("justification")
        self.justification.setReadOnly(True)
        self.justification.setMinimumHeight(260)
        layout.addWidget(just_title)
        layout.addWidget(self.justification, 1)
        self.result: PersonDaysResult | None = None

    # -- result -----------------------------------------------------------------------
    def show_result(
        self, result: PersonDaysResult | None, error: str | None = None, hint: str | None = None
    ) -> None:
        """Show a determination, or why there is none (`error`) or what to enter (`hint`)."""
        self.result = result
        if error:
            self.error.setText(
                self.tr("Cannot determine the audit time: {error}").format(error=error)
            )
            self.error.setStyleSheet(_ERROR_STYLE)
        else:
            self.error.setText(hint or "")
            self.error.setStyleSheet(_NOTE_STYLE)
        self.error.setVisible(bool(error or hint))
        if result is None:
            self.days.setText("—")
            for label in self.figures.values():
                label.setText("—")
            self.justification.setPlainText("")
            self._set_warnings([])
            return
        self.days.setText(self.tr("{days} person-days").format(days=num(result.audit_days)))
        self._fill(result)
        self.justification.setPlainText(
            result.justification_zh if is_chinese() else result.justification_en
        )
        self._set_warnings(result.warnings)

    def _fill(self, r: PersonDaysResult) -> None:
        f = self.figures
        text = num(r.effective_personnel)
        if r.part_time_fte:
            text += self.tr(" (part-time as {fte} FTE)").format(fte=num(r.part_time_fte))
        f["effective"].setText(text)
        if r.table_row is not None:
            f["table"].setText(
                self.tr("{days} (row {low}–{high} persons)").format(
                    days=num(r.table_days), low=r.table_row.min, high=r.table_row.max
                )
            )
        else:
            f["table"].setText(
                self.tr("{days} ({rule})").format(
                    days=num(r.table_days),
                    rule=pick(r.extension_name_zh or "", r.extension_name_en or ""),
                )
            )
        adj = pct(Fraction(r.adjustment_percent_applied))
        if r.reduction_capped:
            adj += self.tr(" (requested {requested}; the reduction is capped)").format(
                requested=pct(Fraction(r.adjustment_percent_requested))
            )
        f["adjustment"].setText(adj)
        f["type"].setText(
            self.tr("{type}, factor {factor}").format(
                type=audit_type(r.audit_type), factor=factor(r.type_factor)
            )
        )
        if r.stage1_days is not None and r.stage2_days is not None:
            f["stages"].setText(f"{num(r.stage1_days)} / {num(r.stage2_days)}")
        else:
            f["stages"].setText(self.tr("not split (not an initial audit)"))
        f["onsite"].setText(self.tr("{days} days").format(days=num(r.onsite_days_min)))
        if not r.sampling_allowed:
            f["sample"].setText(
                self.tr("{n} of {x} sites (sampling not allowed)").format(
                    n=r.sites_to_sample, x=r.sites
                )
            )
        else:
            f["sample"].setText(
                self.tr("{n} of {x} sites + central function; at least {k} at random").format(
                    n=r.sites_to_sample, x=r.sites, k=r.random_sites_min
                )
            )
        managers = str(r.certified_managers_required)
        if r.service_mgmt_estimated:
            managers += self.tr(" (service-management staff estimated: {n})").format(
                n=r.service_mgmt_staff
            )
        f["managers"].setText(managers)
        if r.verified_audit_days is None:
            f["verified"].setText(self.tr("not verified yet"))
        else:
            text = self.tr("{days} days").format(days=num(r.verified_audit_days))
            if r.days_to_add:
                text += self.tr(" — add {days} days or narrow the scope").format(
                    days=num(r.days_to_add)
                )
            f["verified"].setText(text)

    def _set_warnings(self, warnings: Any) -> None:
        for label in self._warning_labels:
            self.warnings_box.removeWidget(label)
            label.deleteLater()
        self._warning_labels = []
        for w in warnings:
            label = QLabel()
            label.setObjectName(f"warning_{w.code}")
            label.setProperty("severity", w.severity)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            mark = "⚠" if w.severity == "warning" else "ℹ"
            label.setText(f"{mark} {html.escape(pick(w.message_zh, w.message_en))}")
            label.setStyleSheet(_WARNING_STYLE if w.severity == "warning" else _NOTE_STYLE)
            self.warnings_box.addWidget(label)
            self._warning_labels.append(label)

    def warning_codes(self) -> list[str]:
        return [str(label.objectName()).removeprefix("warning_") for label in self._warning_labels]

    # -- outlet sample -----------------------------------------------------------------
    def show_draw(self, draw: dict[str, Any] | None, stale: str | None, can_draw: bool) -> None:
        self.draw_button.setEnabled(can_draw)
        self.sample_stale.setText(stale or "")
        self.sample_stale.setVisible(bool(stale))
        if not draw:
            self.sample_text.setText(self.tr("No outlets drawn yet."))
            return
        lines = [
            self.tr("Central function (every audit): {name}").format(
                name=html.escape(draw.get("central_function", ""))
            )
        ]
        chosen = draw.get("chosen") or []
        if chosen:
            lines.append(
                self.tr("Chosen by the auditor: {names}").format(
                    names=html.escape("、".join(chosen))
                )
            )
        lines.append(
            self.tr("Drawn at random: {names}").format(
                names=html.escape("、".join(draw.get("random_picks") or [])) or "—"
            )
        )
        lines.append(self.tr("Seed {seed}").format(seed=draw.get("seed")))
        if draw.get("redraw_reason"):
            lines.append(
                self.tr("Drawn again (previous seed {seed}): {reason}").format(
                    seed=draw.get("previous_seed"), reason=html.escape(draw["redraw_reason"])
                )
            )
        method = draw.get("method") or {}
        method_text = html.escape(pick(method.get("zh", ""), method.get("en", "")))
        lines.append(f"<span style='color:#555'>{method_text}</span>")
        self.sample_text.setTextFormat(Qt.TextFormat.RichText)
        self.sample_text.setText("<br>".join(lines))

    def set_read_only(self, read_only: bool) -> None:
        self.draw_button.setVisible(not read_only)
