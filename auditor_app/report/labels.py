"""Fixed bilingual wording of the report: labels for codes, and the standard statements.

Chinese first, English alongside, as the whole report is. Codes are the store's values
(audit types, team roles, finding kinds, methods) and the scoring engine's statuses.
"""

from __future__ import annotations

from auditor_app.core.roles import ROLE_NAMES

Bilingual = tuple[str, str]

AUDIT_TYPES: dict[str, Bilingual] = {
    "initial": ("初次认证审核", "Initial certification audit"),
    "surveillance": ("监督审核", "Surveillance audit"),
    "recertification": ("再认证审核", "Recertification audit"),
    "special": ("特殊审核", "Special audit"),
}
ROLES: dict[str, Bilingual] = ROLE_NAMES  # the window's names too (core/roles.py)
FINDING_KINDS: dict[str, Bilingual] = {
    "major": ("严重不符合", "Major nonconformity"),
    "minor": ("一般不符合", "Minor nonconformity"),
    "observation": ("观察项", "Observation"),
    "special_deduction": ("特别扣分项", "Special deduction item"),
    "bonus": ("特别加分项", "Special bonus item"),
}
METHODS: dict[str, Bilingual] = {
    "document_review": ("文件审查", "document review"),
    "interview": ("面谈", "interview"),
    "observation": ("现场观察", "observation"),
    "customer_contact": ("顾客联系", "customer contact"),
}
STATUSES: dict[str, Bilingual] = {
    "conform": ("符合", "Conform"),
    "nonconform": ("不符合", "Nonconform"),
    "partial": ("部分符合", "Partly conform"),
    "deleted": ("删减", "Deleted (n/a)"),
    "unscored": ("未评价", "Not scored"),
}
JUDGED: dict[str, Bilingual] = {
    "whole": ("整项判定", "whole value"),
    "proportional": ("按比例扣分", "proportional"),
    "graded": ("分级评分", "graded"),
}
CORRECTION_KINDS: dict[str, Bilingual] = {
    "nonconforming": ("不符合", "nonconforming"),
    "partial": ("部分失分", "partly lost"),
    "unscored": ("未评价", "not scored"),
}
# Printed beside the shipped, fictional CB identity (style [cb] example = true).
EXAMPLE_CB: Bilingual = (
    "示例机构身份（虚构）：尚未在设置中填写认证机构的名称、地址和认可号，本报告仅为样本。",
    "Example identity (fictional): the certification body's name, address and accreditation "
    "number are not set in Settings; this report is a sample.",
)
# GB/T 27922 clause 6.2: a special deduction stays at this audit even once rectified.
SPECIAL_NOT_RECOVERABLE: Bilingual = (
    "特别扣分项须整改，但整改不恢复本次审核所扣的分数，也不撤销因此导致的不合格（第6.2条），"
    "因此不列为可恢复项。",
    "Special deduction items must be rectified, but rectification does not restore the points "
    "deducted at this audit nor undo a fail they caused (clause 6.2); they are not listed as "
    "recoverable.",
)

# ISO/IEC 17021-1 9.4.8 asks the report to say that auditing samples the available
# information (domain.md §6); this is our own wording of that statement.
DISCLAIMER: Bilingual = (
    "审核是基于对可获得信息的抽样进行的，因此存在一定的不确定性。本报告所述发现和结论仅反映审核期间"
    "所抽取的样本和所获得的证据，未发现的不符合并不表示其不存在。评价结果有待认证机构的认证决定。",
    "The audit is based on a sampling process of the available information and therefore "
    "carries an element of uncertainty. The findings and conclusions in this report reflect only "
    "the samples taken and the evidence obtained during the audit; the absence of a reported "
    "nonconformity does not mean that none exists. The result is subject to the certification "
    "body's certification decision.",
)
DEFAULT_ALLOCATION_NOTE: Bilingual = (
    "本评分表的分值分配为本软件提供的默认分配，并非认证机构的正式评分表。",
    "The point allocation of this scoring sheet is the application's default, not a "
    "certification body's official scoring sheet.",
)
DRAFT_MARK = "草稿 DRAFT — not signed"
TITLE: Bilingual = ("售后服务认证审核报告", "After-sales Service Certification Audit Report")
NONE: Bilingual = ("无", "None")


def fail_reason(code: str) -> Bilingual:
    """A scoring engine fail code (`special_deductions>=5`, `group_minimum:5.1`) in words."""
    if code.startswith("special_deductions>="):
        limit = code.split(">=", 1)[1]
        return (
            f"特别扣分项达到 {limit} 项或以上，评价为不合格",
            f"{limit} or more special deduction items: the result is a fail",
        )
    if code.startswith("group_minimum:"):
        group = code.split(":", 1)[1]
        return (
            f"{group} 的得分低于该部分要求的最低比例",
            f"{group} is below the minimum share of its points the scheme requires",
        )
    if code == "no_applicable_items":
        return (
            "所有条目均被删减，无法确定得分",
            "Every item is deleted: no score can be determined",
        )
    return (code, code)


def role_text(code: str) -> str:
    """A team role as the stamp and the sign-off print it: "审核组长 Team leader"."""
    zh, en = label(ROLES, code)
    return zh if zh == en else f"{zh} {en}"


def label(table: dict[str, Bilingual], code: str | None) -> Bilingual:
    """The label of a code; an unknown code prints as itself rather than failing the report."""
    if code is None:
        return ("—", "—")
    return table.get(code, (code, code))
