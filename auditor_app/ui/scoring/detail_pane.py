"""The current item in full: what to check, how it is judged, and everything recorded for it.

Layout only: the sections (result, notes and methods, photos and files, findings) are their
own widgets and the workspace fills them. Switching items updates texts in place; no widget is
created or destroyed, which keeps a switch well inside one frame.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from auditor_app.core.results import DELETED, UNSCORED
from auditor_app.core.scheme import Item
from auditor_app.ui.scoring.attachments import AttachmentsPanel, ThumbCache
from auditor_app.ui.scoring.evidence import MethodsBox, NoteEditor
from auditor_app.ui.scoring.findings import FindingsPanel
from auditor_app.ui.scoring.labels import (
    JUDGED_TEXT,
    STATUS_COLOR,
    fmt_points,
    pick,
    status_text,
    tr,
    translate,
)
from auditor_app.ui.scoring.result_editor import ResultEditor
from auditor_app.ui.scoring.tree_model import Node


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _block(title: str, zh: str, en: str) -> str:
    """A labelled text with its second-language version in grey underneath."""
    first, second = pick(zh, en)
    if not first:
        return ""
    html = f"<p style='margin-top:6px'><b>{_html(title)}</b><br>{_html(first)}"
    if second and second != first:
        html += f"<br><span style='color:#6b7280'>{_html(second)}</span>"
    return html + "</p>"


class DetailPane(QScrollArea):
    """Scrollable column of the current item's sections."""

    def __init__(self, thumbs: ThumbCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        t = translate
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("DetailBody")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.texts = QLabel()
        self.texts.setWordWrap(True)
        self.texts.setTextFormat(Qt.TextFormat.RichText)
        self.texts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.texts.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.result = ResultEditor()
        self.note = NoteEditor()
        self.note.setMinimumHeight(90)
        self.methods = MethodsBox()
        self.attachments = AttachmentsPanel(thumbs)
        self.findings = FindingsPanel()

        self.result_box = self._box(t("scoring", "评分 Result"), self.result)
        self.evidence_box = self._box(t("scoring", "证据记录 Evidence notes [E]"),
                                      self.note, self.methods)
        self.attachments_box = self._box(t("scoring", "照片和文件 Photos & files"),
                                         self.attachments)
        self.findings_box = self._box(t("scoring", "发现 Findings"), self.findings)

        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.texts)
        for box in (self.result_box, self.evidence_box, self.attachments_box,
                    self.findings_box):
            layout.addWidget(box)
        layout.addStretch(1)
        self.setWidget(body)
        self._item_sections = (self.result_box, self.evidence_box, self.attachments_box)

    @staticmethod
    def _box(title: str, *widgets: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(8, 6, 8, 6)
        for w in widgets:
            layout.addWidget(w)
        return box

    # -- content --------------------------------------------------------------------------
    def show_item(self, item: Item) -> None:
        """Show the scheme texts of an item (the sections are filled by the workspace)."""
        title, other = pick(item.title_zh, item.title_en)
        self.heading.setText(
            f"<span style='font-size:17px; font-weight:bold'>{_html(item.id)}&nbsp;&nbsp;"
            f"{_html(title)}</span>"
            + (f"<br><span style='color:#6b7280'>{_html(other)}</span>" if other else ""))
        judged = tr(JUDGED_TEXT.get(item.judged, ""))
        if item.judged == "graded":
            judged += " (" + " / ".join(fmt_points(s) for s in item.steps) + ")"
        texts = (
            f"<p><b>{fmt_points(item.points)} "
            + _html(translate("scoring", "分 points")) + f"</b> · {_html(judged)}</p>"
            + _block(translate("scoring", "要求 Requirement"), item.requirement_zh,
                     item.requirement_en)
            + _block(translate("scoring", "证据 Evidence to look for"), item.evidence_zh,
                     item.evidence_en)
            + _block(translate("scoring", "抽样 Sample"), item.sample_hint_zh,
                     item.sample_hint_en))
        self.texts.setText(texts)
        for box in self._item_sections:
            box.show()

    def show_status(self, status: str, earned: Decimal, points: Decimal) -> None:
        color = STATUS_COLOR[status]
        got = ("" if status in (UNSCORED, DELETED)
               else f" · {translate('scoring', '得分 Earned')} {fmt_points(earned)} / "
                    f"{fmt_points(points)}")
        self.status.setText(f"<span style='color:{color}; font-weight:bold'>■ "
                            f"{_html(status_text(status))}</span>{_html(got)}")

    def show_node(self, node: Node, status: str, earned: Decimal, scored: int,
                  items: int) -> None:
        """A group or indicator: its subtotal; the item sections are hidden."""
        title, other = pick(node.title_zh, node.title_en)
        self.heading.setText(
            f"<span style='font-size:17px; font-weight:bold'>{_html(node.id)}&nbsp;&nbsp;"
            f"{_html(title)}</span>"
            + (f"<br><span style='color:#6b7280'>{_html(other)}</span>" if other else ""))
        self.show_status(status, earned, node.points)
        self.texts.setText(translate("scoring", "已评 {scored} / {items} 项 · {scored} of "
                                                "{items} items scored. 选择一个条目进行评分 · "
                                                "Select an item to score it.").format(
            scored=scored, items=items))
        for box in self._item_sections:
            box.hide()

    def reveal(self, widget: QWidget) -> None:
        self.ensureWidgetVisible(widget, 20, 40)
