"""The always-visible score bar: where the audit stands and what would lift it.

Per group earned/max, the total, the level, the items left, then the gap to the next level with
the items that would close it (links that jump to the item), and anything blocking the level
(e.g. five special deductions) in red.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from auditor_app.core.numbers import fmt_score
from auditor_app.core.scheme import Scheme
from auditor_app.core.scoring import ScoreResult
from auditor_app.ui.look import emphasise, tint
from auditor_app.ui.scoring.labels import STATUS_COLOR, fmt_points, pick, translate

MAX_LINKS = 8
KIND_COLOR = {
    "nonconforming": STATUS_COLOR["nonconform"],
    "partial": STATUS_COLOR["partial"],
    "unscored": STATUS_COLOR["unscored"],
    "special_deduction": "#c62828",
}


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ScoreBar(QFrame):
    """Score summary of the open audit; emits itemRequested(id) when a gap item is clicked."""

    itemRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ScoreBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#ScoreBar { background: #f4f6f9; border: 1px solid #d5dae1; }")
        self.groups = QLabel()
        self.total = QLabel()
        emphasise(self.total, pixel_size=20)
        self.level = QLabel()
        self.left = QLabel()
        self.specials = QLabel()
        self.gap = QLabel()
        self.gap.setWordWrap(True)
        self.gap.setTextFormat(Qt.TextFormat.RichText)
        self.gap.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.gap.linkActivated.connect(self._link)
        self.blockers = QLabel()
        self.blockers.setWordWrap(True)
        tint(self.blockers, "#c62828")
        emphasise(self.blockers)
        self.blockers.hide()
        top = QHBoxLayout()
        top.addWidget(self.total)
        top.addWidget(self.level)
        top.addSpacing(12)
        top.addWidget(self.groups, 1)
        top.addWidget(self.specials)
        top.addSpacing(12)
        top.addWidget(self.left)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.gap)
        layout.addWidget(self.blockers)

    def set_score(self, score: ScoreResult, scheme: Scheme) -> None:
        groups = []
        for group, sub in zip(scheme.groups, score.groups, strict=True):
            title = pick(group.title_zh, group.title_en)[0]
            of = fmt_points(sub.out_of)  # the same figure as the tree's group row
            groups.append(f"{_html(title)} <b>{fmt_points(sub.earned)}</b>/{of}")
        self.groups.setText("&nbsp;&nbsp;·&nbsp;&nbsp;".join(groups))
        self.total.setText(translate("scoring", "Total") + f" {fmt_score(score.total)}")
        self.total.setToolTip(
            translate(
                "scoring",
                "Score on the applicable total, with special deductions/bonus",
            )
        )
        level = scheme.level(score.level)
        failed = score.level == scheme.rules.fail_level
        text = _html(" ".join(filter(None, pick(level.title_zh, level.title_en))))
        if score.scored == 0:
            # nothing judged yet: a red "fail" would only alarm
            self.total.setText(translate("scoring", "Total") + " –")
            text, color = translate("scoring", "Not scored yet"), "#7b8290"
        elif not score.complete and not score.failed_because:
            text += " · " + translate("scoring", "provisional")
            color = "#7b8290" if failed else "#5b8f5e"
        else:
            color = "#c62828" if failed else "#2e7d32"
        self.level.setText(text)
        self.level.setToolTip(
            translate(
                "scoring",
                "The level is provisional until every item is scored",
            )
        )
        sheet = (
            f"background: {color}; color: white; padding: 2px 8px; "
            "border-radius: 3px; font-weight: bold;"
        )
        if self.level.styleSheet() != sheet:  # setting the same sheet still re-polishes the badge
            self.level.setStyleSheet(sheet)
        left = score.item_count - score.scored
        self.left.setText(
            translate("scoring", "{left} of {n} left").format(left=left, n=score.item_count)
        )
        tint(self.left, None if left else STATUS_COLOR["conform"])
        self.specials.setText(
            translate("scoring", "Deductions {sd} · bonus {b}").format(
                sd=score.special_deductions, b=score.bonus
            )
        )
        self.specials.setToolTip(translate("scoring", "Special deductions / bonus"))
        self.gap.setText(self._gap_html(score, scheme))
        blockers = self._blockers(score, scheme)
        self.blockers.setText("\n".join(blockers))
        self.blockers.setVisible(bool(blockers))

    def _gap_html(self, score: ScoreResult, scheme: Scheme) -> str:
        if not score.determinable:
            return translate("scoring", "No score: every item is deleted")
        if score.scored == 0:
            return translate(
                "scoring",
                "Press J for the next unscored item, C/N to score it",
            )
        gap = score.gap
        if gap is None:
            return translate("scoring", "Highest level reached")
        target = scheme.level(gap.next_level)
        head = translate("scoring", "{pts} to go to {level} (≥{min})").format(
            level="<b>"
            + _html(" ".join(filter(None, pick(target.title_zh, target.title_en))))
            + "</b>",
            min=fmt_points(gap.threshold),
            pts=fmt_points(gap.points_needed),
        )
        links = []
        for corr in gap.corrections[:MAX_LINKS]:
            color = KIND_COLOR.get(corr.kind, "#333")
            gain = f"+{fmt_points(corr.recoverable_points)}"
            if corr.item_id is None:
                links.append(
                    f"<span style='color:{color}'>"
                    + translate("scoring", "rectify a special deduction")
                    + f" {gain}</span>"
                )
            else:
                links.append(
                    f"<a href='item:{corr.item_id}' style='color:{color}'>"
                    f"{_html(corr.item_id)}</a> {gain}"
                )
        more = len(gap.corrections) - MAX_LINKS
        if more > 0:
            links.append(translate("scoring", "{n} more").format(n=more))
        text = head
        if links:
            text += ": " + "&nbsp;&nbsp;".join(links)
        if not gap.reachable:
            text += " — " + translate("scoring", "not reachable even with every correction")
        return text

    def _blockers(self, score: ScoreResult, scheme: Scheme) -> list[str]:
        out = []
        for reason in score.failed_because:
            if reason.startswith("special_deductions"):
                limit = scheme.rules.special_deduction_fail_count
                out.append(
                    translate(
                        "scoring",
                        "{n} special deductions: {limit} or more fail the audit",
                    ).format(n=score.special_deductions, limit=limit)
                )
            elif reason.startswith("group_minimum:"):
                gid = reason.split(":", 1)[1]
                group = next(g for g in scheme.groups if g.id == gid)
                out.append(
                    translate("scoring", "{title} is below its minimum share").format(
                        title=pick(group.title_zh, group.title_en)[0], id=gid
                    )
                )
            elif reason == "no_applicable_items":
                continue  # said in the gap line
            else:
                out.append(reason)
        return out

    def _link(self, href: str) -> None:
        if href.startswith("item:"):
            self.itemRequested.emit(href[len("item:") :])
