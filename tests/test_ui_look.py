"""Colour, weight and size through palette and font (look.py), and the screens built at every
start keep style sheets only for what needs one (a styled widget costs at every start)."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget
from test_ui_support import GUI_MARKS

from auditor_app.ui.look import SEMIBOLD, emphasise, tint

pytest_plugins = ["test_ui_support"]
pytestmark = GUI_MARKS

TEXT = QPalette.ColorRole.WindowText
# What a style sheet is still for on those screens: a background or border (banners, the score
# bar's panel, the level badge) or a pseudo-state (a checked result button, a refused field).
STILL_STYLED = re.compile(r"background|border|:checked|\{")


def test_tint_colours_the_text_and_none_follows_the_parent_again(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    inherited = QPalette(parent.palette())
    inherited.setColor(TEXT, QColor("#123456"))
    parent.setPalette(inherited)
    label = QLabel("评分", parent)

    tint(label, "#c62828")
    assert label.palette().color(TEXT).name() == "#c62828"
    tint(label, None)
    assert label.palette().color(TEXT).name() == "#123456"
    # the parent's later changes reach it again (nothing of its own is left set)
    inherited.setColor(TEXT, QColor("#654321"))
    parent.setPalette(inherited)
    assert label.palette().color(TEXT).name() == "#654321"


def test_emphasise_sets_weight_and_size_and_keeps_the_family(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    font = parent.font()
    font.setFamilies(["Noto Sans CJK SC", "Sans Serif"])
    parent.setFont(font)
    label = QLabel("审核", parent)

    emphasise(label, weight=SEMIBOLD, point_size=14)
    assert label.font().weight() == SEMIBOLD
    assert label.font().pointSizeF() == 14
    assert label.font().families()[0] == "Noto Sans CJK SC"
    emphasise(label, pixel_size=17)
    assert label.font().pixelSize() == 17
    assert label.font().bold()


def test_the_screens_of_every_start_style_no_label_for_colour_or_size(
    launcher, db_path, store, demo_audit
):
    from auditor_app.ui.audit_view import SCORING_TAB

    window = launcher.start(db_path).window
    window.home.reload()  # the Audits list too (built when first shown)
    window.open_audit(demo_audit, SCORING_TAB)
    assert window.audit_view.workspace is not None
    # a refused entry: its message is tinted, the refused field keeps its own tinted sheet
    window.audit_view.workspace.detail.result.show_error("样本数必须大于 0", near="sample")
    styled = {
        f"{type(w).__name__} {w.objectName()}: {w.styleSheet()}"
        for w in window.findChildren(QWidget)
        if w.styleSheet() and not STILL_STYLED.search(w.styleSheet())
    }
    assert not styled, "colour, weight and size go through ui/look.py"
