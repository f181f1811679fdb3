"""Who signs the report and in which role, on which date; visits outside the recorded sample;
user text the report font cannot draw; the same bytes whatever the hash seed.

The report is read back with poppler's `pdftotext` (the stamp's text comes out too), so these
tests check what a reviewer sees, not what the code meant to draw.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from auditor_app.core.errors import InputError
from auditor_app.report import build_report_data, export_report
from auditor_app.report.data import SignOff
from auditor_app.report.glyphs import GlyphGuard
from auditor_app.report.service import (
    SignerNotOnTeamError,
    SignerRoleError,
    resolve_signer,
)
from auditor_app.signing import keys
from auditor_app.signing.verify import verify_pdf
from tests.conftest import REPO, have

needs_poppler = pytest.mark.skipif(
    not (have("pdftotext") and have("pdfsig")), reason="poppler-utils is not installed"
)
TEAM = [
    {"name": "王建国", "role": "leader"},
    {"name": "李晓梅", "role": "member"},
    {"name": "赵磊", "role": "expert"},
]


@pytest.fixture(scope="module")
def ca() -> keys.TestCA:
    return keys.create_test_ca("Sign-off Test CB Root", org="Sign-off Test CB")


def key_for(ca: keys.TestCA, name: str) -> keys.AuditorKey:
    return keys.create_auditor_key(name, org="Sign-off Test CB", ca=ca, key_type="ec")


def pages(path: Path) -> list[str]:
    """Each page's text with runs of whitespace as one space (-layout keeps table rows)."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [re.sub(r"\s+", " ", page) for page in out.split("\f")]


def sign_off_page(path: Path) -> str:
    found = [p for p in pages(path) if "Electronic signature (PAdES)" in p]
    assert len(found) == 1
    return found[0]


def test_resolve_signer_matches_names_as_written():
    leader = resolve_signer(TEAM, "王 建国")
    assert leader == SignOff("王 建国", "审核组长 Team leader", on_team=True)
    member = resolve_signer(TEAM, "李晓梅", signer_role=" 审核员   Auditor ")
    assert member.role == "审核员 Auditor"  # the same role, spaced differently, is accepted
    latin = [{"name": "Wang Jianguo", "role": "observer"}]
    assert resolve_signer(latin, "ＷＡＮＧ jianguo").role == "观察员 Observer"  # full width
    with pytest.raises(SignerRoleError, match="on the audit team as 审核员 Auditor"):
        resolve_signer(TEAM, "李晓梅", signer_role="审核组长 Team leader")
    with pytest.raises(SignerNotOnTeamError, match="张三, who is not on this audit's team"):
        resolve_signer(TEAM, "张三", signer_role="审核组长 Team leader")
    with pytest.raises(InputError, match="state the signing role"):
        resolve_signer(TEAM, "张三", allow_signer_not_on_team=True)
    outsider = resolve_signer(
        TEAM, "张三", signer_role="评审员 Reviewer", allow_signer_not_on_team=True
    )
    assert outsider == SignOff("张三", "评审员 Reviewer", on_team=False)


@needs_poppler
def test_a_member_signs_in_the_team_role(store, demo_audit, tmp_path, ca):
    out = tmp_path / "member.pdf"
    result = export_report(store, demo_audit, out, key=key_for(ca, "李晓梅"))
    assert result.signer == SignOff("李晓梅", "审核员 Auditor", on_team=True)
    page = sign_off_page(out)
    # the stamp and the text beside it agree with the team table: no "team leader" claim
    assert "签名 Signed by: 李晓梅" in page and "角色 Role: 审核员 Auditor" in page
    assert "Role: 审核组长" not in page
    assert verify_pdf(out.read_bytes(), [ca.certificate]).ok


@needs_poppler
def test_the_signer_is_printed_beside_the_signature_box(store, demo_audit, tmp_path, ca):
    out = tmp_path / "leader.pdf"
    export_report(store, demo_audit, out, key=key_for(ca, "王建国"))
    lines = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    start = next(n for n, line in enumerate(lines) if "Electronic signature (PAdES)" in line)
    block = lines[start : start + 12]
    # the left column reads 签署人 / Signed by / name / role, on the lines of the stamp
    left = [re.split(r"签名 Signed by|角色 Role|日期 Date", line)[0].strip() for line in block]
    left = [text for text in left if text and "PAdES" not in text]
    assert left[:4] == ["签署人", "Signed by", "王建国", "审核组长 Team leader"], block
    assert any("签名 Signed by: 王建国" in line for line in block)


def test_a_signer_not_on_the_team_is_refused(store, demo_audit, tmp_path, ca):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "outsider.pdf"
    with pytest.raises(SignerNotOnTeamError) as info:
        export_report(store, demo_audit, out, key=key_for(ca, "张三"))
    message = str(info.value)
    assert "张三" in message and "王建国 (审核组长 Team leader)" in message
    assert "--allow-signer-not-on-team --role TEXT" in message
    with pytest.raises(SignerRoleError, match="on the audit team as 审核组长 Team leader"):
        export_report(store, demo_audit, out, key=key_for(ca, "王建国"), signer_role="审核员")
    assert not list(folder.iterdir())  # no report, no temporary file
    assert not store.audit(demo_audit)["locked"]


@needs_poppler
def test_an_outside_signer_needs_permission_and_a_role(store, demo_audit, tmp_path, ca):
    key = key_for(ca, "张三")
    out = tmp_path / "outsider.pdf"
    with pytest.raises(InputError, match="state the signing role"):
        export_report(store, demo_audit, out, key=key, allow_signer_not_on_team=True)
    result = export_report(
        store,
        demo_audit,
        out,
        key=key,
        allow_signer_not_on_team=True,
        signer_role="技术委员会 Technical committee",
    )
    assert result.signer == SignOff("张三", "技术委员会 Technical committee", on_team=False)
    page = sign_off_page(out)
    assert "角色 Role: 技术委员会 Technical committee" in page
    assert "非审核组成员 not a member of the audit team" in page
    assert store.audit(demo_audit)["locked"]


@needs_poppler
def test_a_draft_names_the_expected_signer(store, demo_audit, tmp_path):
    out = tmp_path / "draft.pdf"
    result = export_report(store, demo_audit, out)
    assert result.signer is None
    page = sign_off_page(out)
    assert "预期签署人" in page and "Expected signer" in page
    assert "王建国" in page and "审核组长 Team leader" in page
    assert "Not signed (draft)" in page and "签署人 Signed by" not in page


def test_a_signer_option_without_a_key_is_refused(store, demo_audit, tmp_path):
    with pytest.raises(InputError, match="needs a key"):
        export_report(store, demo_audit, tmp_path / "r.pdf", signer_role="审核员 Auditor")


@needs_poppler
def test_a_signed_report_is_dated_on_the_signing_day(store, demo_audit, tmp_path, ca):
    with store.transaction():  # the audit was last edited long ago
        store.db.execute(
            "UPDATE audits SET updated_at = ? WHERE id = ?",
            ("2001-02-03T04:05:06.000000+00:00", demo_audit),
        )
    draft = export_report(store, demo_audit, tmp_path / "draft.pdf")
    assert draft.report_date == "2001-02-03"  # a draft keeps the deterministic edit date
    again = export_report(store, demo_audit, tmp_path / "draft2.pdf")
    assert again.sha256 == draft.sha256

    key = key_for(ca, "王建国")
    with pytest.raises(InputError, match="signing day"):
        export_report(store, demo_audit, tmp_path / "s.pdf", key=key, generated_at="2001-02-03")
    out = tmp_path / "signed.pdf"
    signed = export_report(store, demo_audit, out, key=key)
    text = pages(out)
    stamp = re.search(r"日期 Date: (\d{4}-\d{2}-\d{2}) ", sign_off_page(out))
    assert stamp, "the stamp's date"
    assert signed.report_date == stamp.group(1) != "2001-02-03"
    assert not any("2001-02-03" in page for page in text)
    assert f"报告日期 {stamp.group(1)}" in text[0]  # the cover
    assert f"报告日期 {stamp.group(1)}" in sign_off_page(out)


@needs_poppler
def test_site_table_says_which_visits_depart_from_the_sample(store, demo_audit, tmp_path):
    data = build_report_data(store, demo_audit)
    sites = {s.name: s for s in data.sites}
    assert sites["余杭服务网点"].visited and not sites["余杭服务网点"].sampled
    # Jiaxing was drawn but closed: recorded visits are the record, not the drawn plan
    assert sites["嘉兴服务网点（委托）"].sampled == "random"
    assert not sites["嘉兴服务网点（委托）"].visited

    out = export_report(store, demo_audit, tmp_path / "r.pdf").path
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout

    def row(number: int, name: str) -> str:
        """A table row's text: from its number and name to the next row or the legend."""
        match = re.search(
            rf"\n\s*{number}\s+{re.escape(name)}.*?(?=\n\s*{number + 1}\s|\n★)", text, re.S
        )
        assert match, name
        return re.sub(r"\s+", " ", match.group(0))

    yuhang = row(4, "余杭服务网点")
    assert "已审核（替代/非抽样）" in yuhang and "visited (not in the sample)" in yuhang
    assert "✓" in yuhang
    jiaxing = row(7, "嘉兴服务网点（委托）")
    assert "随机 random" in jiaxing and "未到访 not visited" in jiaxing and "✓" not in jiaxing
    assert "✓" in row(6, "绍兴服务网点") and "已审核" not in row(6, "绍兴服务网点")
    places = next(line for line in text.splitlines() if "；余杭服务网点；" in line)
    assert "嘉兴" not in places  # the places audited leave out the closed outlet


def test_drawn_sites_count_as_visited_until_visits_are_recorded(service, store):
    from auditor_app.services.audits import ClientInfo
    from auditor_app.services.planning import draw_audit_sample

    audit_id = service.create_audit(ClientInfo("抽样客户"), "initial", headcount={"full_time": 80})
    store.replace_sites(
        audit_id,
        [{"name": "总部", "is_central": True}, *({"name": f"网点 {n}"} for n in range(1, 9))],
    )
    draw = draw_audit_sample(store, audit_id, seed=7)
    sites = {s.name: s for s in build_report_data(store, audit_id).sites}
    assert {name for name, s in sites.items() if s.visited} == set(draw.visited)
    assert all(s.sampled or s.is_central for s in sites.values() if s.visited)


def test_glyph_guard_replaces_and_reports():
    guard = GlyphGuard(frozenset(map(ord, "abc 审核")))
    assert guard.text("审核 a\U0001f600b\U0001f600", "item 1 note") == "审核 a[U+1F600]b[U+1F600]"
    assert guard.text("c\U0001f44d\ufe0f", "finding 2 text") == "c[U+1F44D]"  # no [U+FE0F]
    assert guard.text("a\tb\n\x07", "scope") == "a\tb\n\x07"  # controls are dropped later
    assert guard.tree({"k": ["x", 1]}, "site draw") == {"k": ["[U+0078]", 1]}
    assert guard.warnings == (
        "item 1 note: \U0001f600 (U+1F600) is not in the report font; printed as [U+1F600]",
        "finding 2 text: \U0001f44d (U+1F44D) is not in the report font; printed as [U+1F44D]",
        "site draw: x (U+0078) is not in the report font; printed as [U+0078]",
    )


@needs_poppler
def test_characters_the_font_lacks_print_as_placeholders(store, demo_audit, tmp_path, ca):
    store.set_note(demo_audit, "5.1.1.1", "顾客评价很好 \U0001f600 满意")
    store.update_audit(demo_audit, scope="家电售后 \U0001f44d\ufe0f 服务")
    data = build_report_data(store, demo_audit)
    assert data.item("5.1.1.1").note == "顾客评价很好 [U+1F600] 满意"
    assert data.scope == "家电售后 [U+1F44D] 服务"
    assert data.warnings == (
        "scope: \U0001f44d (U+1F44D) is not in the report font; printed as [U+1F44D]",
        "item 5.1.1.1 note: \U0001f600 (U+1F600) is not in the report font; printed as [U+1F600]",
    )
    out = tmp_path / "signed.pdf"
    result = export_report(store, demo_audit, out, key=key_for(ca, "王建国"))
    assert result.warnings == data.warnings  # for the caller to show
    text = "".join(pages(out))
    assert "顾客评价很好 [U+1F600] 满意" in text and "家电售后 [U+1F44D] 服务" in text
    assert "\U0001f600" not in text and "\ufffd" not in text
    # the record keeps what the auditor typed; only the print is substituted
    assert store.result_rows(demo_audit)["5.1.1.1"]["note"] == "顾客评价很好 \U0001f600 满意"


_RENDER = """
import sys
from auditor_app.report import build_report_data, load_style, render_report
from auditor_app.store.audit_store import AuditStore
with AuditStore(sys.argv[1]) as store:
    pdf = render_report(build_report_data(store, int(sys.argv[2]), "2026-11-27"), load_style())
open(sys.argv[3], "wb").write(pdf)
"""


def test_rendering_is_byte_identical_across_hash_seeds(store, demo_audit, tmp_path):
    """Set and dict iteration order changes with PYTHONHASHSEED: nothing printed may
    depend on it, so two processes with different seeds must write the same bytes."""
    outputs = []
    for seed in ("1", "4242"):
        out = tmp_path / f"seed-{seed}.pdf"
        proc = subprocess.run(
            [sys.executable, "-c", _RENDER, str(store.path), str(demo_audit), str(out)],
            capture_output=True,
            encoding="utf-8",
            cwd=REPO,
            timeout=120,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert proc.returncode == 0, proc.stderr
        outputs.append(out.read_bytes())
    assert len(outputs[0]) > 100_000
    assert outputs[0] == outputs[1]
