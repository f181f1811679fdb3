"""Search across audits (issue 13, item 7): what is found, what is not, in what order."""

from __future__ import annotations

import json

import pytest

from auditor_app.core.errors import InputError
from auditor_app.services.audits import AuditService, ClientInfo
from auditor_app.store.search import search
from tests.conftest import run_cli


@pytest.fixture
def two_audits(store):
    service = AuditService(store)
    first = service.create_audit(ClientInfo("甲电器"), "initial", headcount={"full_time": 50})
    second = service.create_audit(ClientInfo("乙家电服务"), "initial", headcount={"full_time": 80})
    store.set_note(first, "5.1.1.1", "Service Manual reviewed; 上门服务规范齐全")
    store.set_note(second, "5.3.2.3", "回访率 100% 达标")
    store.set_note(second, "5.1.2.1", "回访率 100 percent, 5_1 sample")
    store.add_finding(second, "minor", "投诉案卷未回访", item_id="5.3.2.3", evidence="抽查 16 份")
    store.replace_sites(second, [{"name": "杭州维修网点", "address": "西湖区 1 号"}])
    return first, second


def test_finds_notes_findings_sites_and_clients(store, two_audits):
    first, second = two_audits
    kinds = {(h.audit_id, h.kind) for h in search(store, "回访")}
    assert kinds == {(second, "note"), (second, "finding")}
    assert [h.kind for h in search(store, "西湖区")] == ["site"]
    assert [(h.audit_id, h.kind) for h in search(store, "甲电器")] == [(first, "client")]
    assert [h.kind for h in search(store, "抽查 16")] == ["finding"]


def test_latin_letters_ignore_case_and_wildcards_are_literal(store, two_audits):
    first, _ = two_audits
    assert [h.audit_id for h in search(store, "service manual")] == [first]
    # % and _ are characters to find, not patterns
    assert [h.item_id for h in search(store, "100%")] == ["5.3.2.3"]
    assert [h.item_id for h in search(store, "5_1")] == ["5.1.2.1"]
    assert search(store, "5%1") == []


def test_newest_audit_first_then_item_order(store, two_audits):
    first, second = two_audits
    hits = search(store, "回访率")
    assert [h.item_id for h in hits] == ["5.1.2.1", "5.3.2.3"]
    everything = search(store, "e")
    assert everything[0].audit_id == second and everything[-1].audit_id == first


def test_snippet_shows_the_match_in_its_context(store, two_audits):
    _, second = two_audits
    long_note = "前文" * 40 + "关键证据" + "后文" * 40
    store.set_note(second, "5.1.1.2", long_note)
    (hit,) = search(store, "关键证据")
    assert "关键证据" in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) < 100


def test_empty_or_huge_queries_are_refused(store):
    with pytest.raises(InputError, match="search for what"):
        search(store, "   ")
    with pytest.raises(InputError, match="at most 200"):
        search(store, "x" * 201)


def test_cli_search(tmp_path):
    db = str(tmp_path / "demo.sqlite")
    run_cli("demo", "--db", db)
    found = run_cli("search", "--db", db, "投诉渠道")
    assert "杭州恒信家电服务有限公司" in found.stdout and "5.3.2.1" in found.stdout
    listed = json.loads(run_cli("search", "--db", db, "投诉渠道", "--json").stdout)
    assert {h["kind"] for h in listed} >= {"note", "caption"}
    missing = run_cli("search", "--db", db, "没有这个词", check=False)
    assert missing.returncode == 1 and "no match" in missing.stdout
