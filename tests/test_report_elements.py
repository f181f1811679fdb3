"""ISO/IEC 17021-1 9.4.8 elements and actual audit time: store, CLI, core and the report."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
from decimal import Decimal

import pytest

from auditor_app.core.audit_time_actual import check_entries, summarise
from auditor_app.core.errors import InputError
from auditor_app.report import export_report
from tests.conftest import have, run_cli

needs_poppler = pytest.mark.skipif(not have("pdftotext"), reason="poppler-utils is not installed")

TEAM = [
    {"name": "王建国", "role": "leader"},
    {"name": "李晓梅", "role": "member"},
    {"name": "赵磊", "role": "expert"},
]


def rec(name, date, site="总部", mode="onsite", stage="2", days=1):
    return {"name": name, "date": date, "site": site, "mode": mode, "stage": stage, "days": days}


def test_experts_do_not_count_and_the_shortfall_is_shown():
    # 3 days × (leader + member) = 6 auditor-days; the expert's 3 days are shown, not counted.
    # Planned 10.5: 4.5 short, and a reason is needed until one is given.
    records = [rec(n, f"2026-11-2{d}") for d in (3, 4, 5) for n in ("王建国", "李晓梅", "赵磊")]
    records[0] = rec("王建国", "2026-11-23", mode="offsite", days=0.5)
    s = summarise(check_entries(records), TEAM, Decimal("10.5"))
    assert s.auditor_days == Decimal("5.5") and s.not_counted == 3
    assert (s.onsite, s.offsite, s.stage2) == (5, Decimal("0.5"), Decimal("5.5"))
    assert s.deviation == Decimal("-5.0") and s.needs_reason
    explained = summarise(check_entries(records), TEAM, Decimal("10.5"), "follow-up visit")
    assert not explained.needs_reason
    assert s.site_dates("总部") == ["2026-11-23", "2026-11-24", "2026-11-25"]


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (rec("", "2026-11-23"), "name"),
        (rec("王建国", "23.11.2026"), "YYYY-MM-DD"),
        (rec("王建国", "2026-11-23", mode="remote"), "onsite or offsite"),
        (rec("王建国", "2026-11-23", stage="3"), "stage must be 1, 2"),
        (rec("王建国", "2026-11-23", days=1.5), "at most 1"),
        ({**rec("王建国", "2026-11-23"), "hours": 8}, "unknown field"),
    ],
)
def test_bad_time_records_are_refused_by_the_store(store, service, record, message):
    from auditor_app.services.audits import ClientInfo

    audit_id = service.create_audit(ClientInfo("客户"), "initial", headcount={"full_time": 10})
    with pytest.raises(InputError, match=message):
        store.update_audit(audit_id, actual_time=[rec("王建国", "2026-11-22"), record])
    assert store.audit(audit_id)["actual_time"] == []  # nothing half-saved
    with pytest.raises(InputError, match="objectives_met must be one of"):
        store.update_audit(audit_id, objectives_met="yes please")


def test_cli_records_statements_and_time(db_path):
    db = str(db_path)
    out = run_cli(
        "audit", "new", "--db", db, "--org", "客户", "--audit-type", "initial",
        "--headcount", "20", "--central", "总部", "--site", "网点A=5", "--leader", "王建国",
    ).stdout  # fmt: skip
    audit = out.split()[-1]
    run_cli(
        "audit", "set", "--db", db, "--audit", audit, "--objectives-met", "met",
        "--scope-appropriate", "yes", "--combination", "joint", "--programme-issues", "无",
    )  # fmt: skip
    data = json.loads(
        run_cli(
            "audit", "time", "--db", db, "--audit", audit, "--json",
            "--record", "王建国,2026-11-23,总部,onsite,2,1",
            "--record", "王建国,2026-11-24,网点A,offsite,,0.5",
        ).stdout
    )  # fmt: skip
    assert data["auditor_days"] == 1.5 and data["offsite"] == 0.5 and data["needs_reason"]
    shown = json.loads(run_cli("audit", "show", "--db", db, "--audit", audit, "--json").stdout)
    assert shown["audit_combination"] == "joint" and len(shown["actual_time"]) == 2
    bad = run_cli("audit", "set", "--db", db, "--audit", audit, "--combination", "x", check=False)
    assert bad.returncode != 0 and "audit_combination must be one of" in bad.stderr


@needs_poppler
def test_demo_report_has_every_948_element_and_actual_time(store, demo_audit, tmp_path):
    path = tmp_path / "demo.pdf"
    export_report(store, demo_audit, path)
    text = re.sub(
        r"\s+", "", subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
        .stdout.decode("utf-8")
    )  # fmt: skip
    for needle in (
        "审核目的已实现。",  # 9.4.8.3: objectives met
        "认证范围适宜。",  # scope appropriate
        "单一审核（非结合、联合或一体化审核）",  # combined / joint / integrated
        "影响审核方案的重要问题",
        "实际审核时间",
        "计划审核人日",
        "9（现场8，非现场1；第一阶段3，第二阶段6）",  # auditor-days, on/off site, stages
        "技术专家、观察员等2人日",  # the expert (2 days) is shown, not counted
        "不足4人日",  # planned 13, actual 9
        "偏差理由",
        "2026-11-24",  # dates per site
    ):
        assert needle in text, needle


@needs_poppler
def test_no_ascii_space_between_chinese_characters(store, demo_audit, tmp_path):
    # Chinese sentences take no spaces between characters (a template's "受审核方 {name} 的"
    # printed "受审核方 杭州… 的"); spaces around numbers and Latin words are fine.
    path = tmp_path / "demo.pdf"
    export_report(store, demo_audit, path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout
    cjk = r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]"
    bad = [line for line in text.decode("utf-8").splitlines() if re.search(f"{cjk} +{cjk}", line)]
    assert bad == []
    flat = re.sub(r"\s+", "", text.decode("utf-8"))
    assert (
        "依据GB/T27922-2011《商品售后服务评价体系》，受审核方杭州恒信家电服务有限公司的评价得分"
        in flat
    )
    assert "AgainstGB/T27922-2011,杭州恒信" in flat  # no Chinese title in the English sentence


@needs_poppler
def test_each_deletion_is_listed_with_its_effect(store, demo_audit, tmp_path):
    # The demo deletes 5.2.6.2 (2 points). Had it applied and not been met, the total would be
    # lower than the renormalised one: the report prints both.
    from auditor_app.report import build_report_data

    data = build_report_data(store, demo_audit)
    ((item_id, points, if_not_met),) = data.deletions
    assert (item_id, points) == ("5.2.6.2", 2) and if_not_met < data.score.total
    path = tmp_path / "demo.pdf"
    export_report(store, demo_audit, path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout
    flat = re.sub(r"\s+", "", text.decode("utf-8"))
    assert "删减条目及其对得分的影响" in flat and f"{if_not_met:.1f}" in flat


def test_threshold_labels_never_overprint(store):
    # Eight levels a few points apart (a CB's star scheme): every label keeps clear of the one
    # before it on its line.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from auditor_app.core.scheme import find_scheme, parse_scheme, read_scheme_file
    from auditor_app.fonts import register_reportlab_font
    from auditor_app.report import build_report_data, load_style
    from auditor_app.report.chart import _threshold_lines
    from auditor_app.report.text import build_styles
    from auditor_app.services.demo import create_demo

    doc, _ = read_scheme_file(find_scheme(None))
    extra = [("six", 96), ("seven", 97), ("eight", 98)]
    doc["levels"] += [{"id": i, "title_zh": f"{i}星级", "title_en": i, "min_score": m}
                      for i, m in extra]  # fmt: skip
    audit = create_demo(store)
    data = build_report_data(store, audit)
    data = type(data)(**{**data.__dict__, "scheme": parse_scheme(doc)})
    font = register_reportlab_font()
    st = build_styles(load_style(), font)
    placed = _threshold_lines(data, st, 150, 300, 6)
    assert len(placed) == 7 and max(line for _x, line, _t in placed) >= 2
    by_line: dict[int, list[tuple[float, float]]] = {}
    for x, line, text in placed:
        half = stringWidth(text, font, 6) / 2
        by_line.setdefault(line, []).append((x - half, x + half))
    for spans in by_line.values():
        for (_a, end), (start, _b) in itertools.pairwise(spans):
            assert start >= end, spans
