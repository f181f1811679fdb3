"""The current item in full: what to check, how it is judged, and everything recorded for it.

Layout only: the sections (result, notes and methods, photos and files, findings) are their
own widgets and the workspace fills them. Switching items updates texts in place; no widget is
created or destroyed, which keeps a switch well inside one frame.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from auditor_app.core.results import DELETED, UNSCORED
from auditor_app.core.scheme import Item
from auditor_app.ui.look import emphasise, tint
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


class TextBlock(QWidget):
    """A titled scheme text: the UI language's version, the other one in grey underneath.

    Plain-text labels, not rich text: laying out a rich-text label on every switch cost about
    a millisecond more (measured), and the title never changes."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        emphasise(heading)
        self.first = QLabel()
        self.second = QLabel()
        tint(self.second, "#6b7280")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(1)
        for label in (heading, self.first, self.second):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)

    def set_texts(self, zh: str, en: str) -> None:
        first, second = pick(zh, en)
        self.first.setText(first)
        self.second.setText(second if second != first else "")
        self.second.setHidden(not self.second.text())
        self.setHidden(not first)


class DetailPane(QScrollArea):
    """Scrollable column of the current item's sections."""

    def __init__(self, thumbs: ThumbCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("DetailBody")
        self.heading = QLabel()  # id and title in the UI language
        self.heading.setWordWrap(True)
        emphasise(self.heading, pixel_size=17)
        self.heading_other = QLabel()  # the title in the other language
        tint(self.heading_other, "#6b7280")
        self.heading_other.setWordWrap(True)  # a long English title must not widen the pane
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.meta = QLabel()  # points and how the item is judged
        self.meta.setWordWrap(True)
        self.requirement = TextBlock(translate("scoring", "Requirement"))
        self.evidence = TextBlock(translate("scoring", "Evidence to look for"))
        self.sample = TextBlock(translate("scoring", "Sample"))
        self.summary = QLabel()  # a group or indicator instead of an item
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.texts = QWidget()
        texts = QVBoxLayout(self.texts)
        texts.setContentsMargins(0, 0, 0, 0)
        for w in (self.meta, self.requirement, self.evidence, self.sample, self.summary):
            texts.addWidget(w)

        self.result = ResultEditor()
        self.note = NoteEditor()
        self.note.setMinimumHeight(110)
        self.note.setMaximumHeight(200)
        self.methods = MethodsBox()
        self.attachments = AttachmentsPanel(thumbs)
        self.findings = FindingsPanel()

        self.result_box = self._box(translate("scoring", "Result"), self.result)
        self.evidence_box = self._box(
            translate("scoring", "Evidence notes [E]"), self.note, self.methods
        )
        self.attachments_box = self._box(translate("scoring", "Photos and files"), self.attachments)
        self.findings_box = self._box(translate("scoring", "Findings"), self.findings)

        # Two columns use the laptop's width: what to check and the photos on the left, what
        # was found on the right, so result, note, photos and findings are all in view.
        left = QVBoxLayout()
        left.addWidget(self.texts)
        left.addWidget(self.attachments_box)
        left.addStretch(1)
        right = QVBoxLayout()
        for box in (self.result_box, self.evidence_box, self.findings_box):
            right.addWidget(box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.heading_other)
        layout.addWidget(self.status)
        layout.addLayout(columns, 1)
        self.setWidget(body)
        self._item_sections = (self.result_box, self.evidence_box, self.attachments_box)
        self.texts.setMinimumWidth(260)
        self.summary.setHidden(True)

    # -- width ----------------------------------------------------------------------------
    def minimumSizeHint(self) -> QSize:
        """As wide as the columns need (plus the vertical scroll bar), so that a splitter
        narrows its other side instead of hiding the right column behind a horizontal
        scroll bar."""
        inner = self.widget()
        body = inner.minimumSizeHint().width() if inner is not None else 0
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(body + bar + 2 * self.frameWidth(), super().minimumSizeHint().height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the columns' needs may have changed: tell the splitter
        return super().eventFilter(watched, event)

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
        self._set_heading(item.id, title, other)
        judged = tr(JUDGED_TEXT.get(item.judged, ""))
        if item.judged == "graded":
            judged += " (" + " / ".join(fmt_points(s) for s in item.steps) + ")"
        self.meta.setText(
            f"{fmt_points(item.points)} " + translate("scoring", "points") + f" · {judged}"
        )
        self.requirement.set_texts(item.requirement_zh, item.requirement_en)
        self.evidence.set_texts(item.evidence_zh, item.evidence_en)
        self.sample.set_texts(item.sample_hint_zh, item.sample_hint_en)
        self._set_mode(item=True)

    def _set_heading(self, node_id: str, title: str, other: str) -> None:
        self.heading.setText(f"{node_id}  {title}")
        self.heading_other.setText(other)

    def show_status(self, status: str, earned: Decimal, points: Decimal) -> None:
        color = STATUS_COLOR[status]
        label = translate("scoring", "Earned")
        got = (
            ""
            if status in (UNSCORED, DELETED)
            else f" · {label} {fmt_points(earned)} / {fmt_points(points)}"
        )
        self.status.setText(
            f"<span style='color:{color}; font-weight:bold'>■ "
            f"{_html(status_text(status))}</span>{_html(got)}"
        )

    def show_node(self, node: Node, status: str, earned: Decimal, scored: int, items: int) -> None:
        """A group or indicator: its subtotal; the item sections are hidden."""
        title, other = pick(node.title_zh, node.title_en)
        self._set_heading(node.id, title, other)
        self.show_status(status, earned, node.points)
        self.summary.setText(
            translate(
                "scoring",
                "{scored} of {items} items scored. Select an item to score it.",
            ).format(scored=scored, items=items)
        )
        self._set_mode(item=False)

    def _set_mode(self, item: bool) -> None:
        """Item sections or a group's summary; widgets change visibility only when needed
        (showing and hiding costs more than any text)."""
        if self.summary.isHidden() == item:
            return
        self.summary.setHidden(item)
        for w in (self.meta, *self._item_sections):
            w.setHidden(not item)
        if not item:
            for block in (self.requirement, self.evidence, self.sample):
                block.hide()

    def reveal(self, widget: QWidget) -> None:
        self.ensureWidgetVisible(widget, 20, 40)
