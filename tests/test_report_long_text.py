"""Issue 15 item 9: any text length the store accepts is laid out (long notes and findings
continue on the next page); scheme texts have documented per-field limits.

Before: an evidence note of ~1,600 Chinese characters or a finding of ~3,000 made `report`
fail with reportlab's LayoutError, so the audit could never be reported or signed; a 1 MB level
title passed `scheme validate`.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pypdf

from auditor_app.resources import resource
from auditor_app.services.audits import AuditService
from auditor_app.services.demo import create_demo
from auditor_app.store.audit_store import AuditStore
from tests.conftest import run_cli


def _marked(count: int, filler: str) -> str:
    """`count` numbered pieces: each marker found in the PDF proves its piece was laid out."""
    return "".join(f"〔{i:04d}〕{filler}" for i in range(count))


def _markers(pdf: Path) -> tuple[list[int], int]:
    reader = pypdf.PdfReader(pdf)
    text = re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in reader.pages))
    return [int(m) for m in re.findall(r"〔(\d{4})〕", text)], len(reader.pages)


def _demo(tmp_path: Path) -> tuple[Path, int]:
    db = tmp_path / "long.sqlite"
    with AuditStore(db, actor="tester") as store:
        return db, create_demo(store)


def _assert_all_laid_out(found: list[int], count: int, pages: int) -> None:
    # a marker cut by a page break (header and footer text between its halves) may be missed
    # by text extraction, at most one per page; anything truncated would lose far more
    assert found == sorted(found), "pieces out of order"
    assert found[0] == 0 and found[-1] == count - 1, (found[:3], found[-3:])
    assert len(found) >= count - pages, (len(found), count, pages)


def test_a_long_evidence_note_is_laid_out_across_pages(tmp_path):
    db, audit = _demo(tmp_path)
    note = _marked(200, "组织机构图已查阅")  # 2,400 characters, 5.1.1.1 opens its indicator
    with AuditStore(db) as store:
        store.set_note(audit, "5.1.1.1", note)
        store.set_note(audit, "5.2.3.1", _marked(1000, "很长的证据记录"))  # 13,000 characters
    out = tmp_path / "long.pdf"
    proc = run_cli("report", "--db", str(db), "--audit", str(audit), "--out", str(out))
    assert "status:" in proc.stdout
    found, pages = _markers(out)
    first = [m for m in found if m < 200][:200]
    assert len(found) > 1000  # both notes are there
    _assert_all_laid_out(sorted(set(found)), 1000, pages)
    assert len(first) >= 190


def test_a_long_finding_is_laid_out_across_pages(tmp_path):
    db, audit = _demo(tmp_path)
    text = _marked(300, "配送单超时未通知顾客")  # 4,800 characters, and 3,200 of evidence
    with AuditStore(db) as store:
        AuditService(store).add_finding(
            audit, "minor", text, item_id="5.2.3.1", evidence="证据记录" * 800
        )
    out = tmp_path / "finding.pdf"
    run_cli("report", "--db", str(db), "--audit", str(audit), "--out", str(out))
    found, pages = _markers(out)
    _assert_all_laid_out(found, 300, pages)


def test_scheme_validate_refuses_a_huge_level_title(tmp_path):
    source = resource("schemes", "gbt27922-2011.toml")
    text = source.read_text(encoding="utf-8")
    doc = tomllib.loads(text)
    title = doc["levels"][0]["title_en"]
    huge = "L" * 1_000_000
    assert text.count(f'"{title}"') >= 1
    broken = tmp_path / "huge.toml"
    broken.write_text(text.replace(f'"{title}"', f'"{huge}"', 1), encoding="utf-8")
    proc = run_cli("scheme", "validate", str(broken), check=False)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    message = proc.stdout + proc.stderr
    assert "levels[0]" in message and "'title_en' is 1,000,000 characters long" in message
    assert "at most 200" in message
