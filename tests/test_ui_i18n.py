"""Translations: complete, placeholders kept, the compiled .qm matching its .ts source."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from auditor_app.ui.i18n import qm_path, ts_path

PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def _messages():
    root = ET.parse(ts_path("zh_CN")).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            node = message.find("translation")
            yield name, message.findtext("source", ""), node


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_english_source_string_is_translated():
    # Strings that are already bilingual (they contain Chinese) need no translation.
    missing = [
        (ctx, src)
        for ctx, src, node in _messages()
        if not _has_chinese(src) and (node.get("type") == "unfinished" or not node.text)
    ]
    assert missing == []


def test_translations_keep_the_placeholders():
    wrong = []
    for ctx, source, node in _messages():
        if node.text and sorted(PLACEHOLDER.findall(source)) != sorted(
            PLACEHOLDER.findall(node.text)
        ):
            wrong.append((ctx, source, node.text))
    assert wrong == []


def test_mnemonics_survive_translation():
    wrong = [
        (src, node.text)
        for _ctx, src, node in _messages()
        if node.text and ("&" in src.replace("&&", "")) != ("&" in node.text)
    ]
    assert wrong == []


def test_compiled_catalogue_matches_its_source(qapp):
    """The committed .qm is the build output of the .ts (run `python -m
    auditor_app.ui.i18n_build` after editing translations)."""
    from PySide6.QtCore import QTranslator

    from auditor_app.ui.i18n import TsTranslator

    compiled = QTranslator()
    assert compiled.load(str(qm_path("zh_CN")))
    source = TsTranslator(ts_path("zh_CN"))
    stale = [
        (ctx, src)
        for ctx, src, node in _messages()
        if node.text and compiled.translate(ctx, src) != source.translate(ctx, src)
    ]
    assert stale == []


@pytest.mark.parametrize("language, expected", [("zh_CN", "初次认证审核"), ("en", "Initial audit")])
def test_install_switches_the_language(qapp, language, expected):
    from auditor_app.ui import i18n, labels

    try:
        i18n.install(language)
        assert labels.audit_type("initial") == expected
    finally:
        i18n.install("zh_CN")


def test_a_missing_qm_falls_back_to_the_ts(qapp, tmp_path, monkeypatch):
    import shutil

    from auditor_app.ui import i18n, labels

    (tmp_path / "translations").mkdir()
    shutil.copy(ts_path("zh_CN"), tmp_path / "translations" / ts_path("zh_CN").name)
    monkeypatch.setenv("AUDITOR_APP_RESOURCES", str(tmp_path))
    try:
        i18n.install("zh_CN")
        assert labels.status("signed") == "已签署"
    finally:
        monkeypatch.delenv("AUDITOR_APP_RESOURCES")
        i18n.install("zh_CN")


def test_catalogue_holds_every_string_of_the_sources(tmp_path):
    """A new `self.tr()` string without a translation would show up in English."""
    import subprocess

    from auditor_app.ui import i18n_build

    try:
        lupdate = i18n_build._tool("pyside6-lupdate")
    except SystemExit:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [lupdate, "-silent", "-locations", "none", *i18n_build.sources(), "-ts", str(fresh)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    committed = {(ctx, src) for ctx, src, _node in _messages()}
    root = ET.parse(fresh).getroot()
    new = [
        (c.findtext("name"), m.findtext("source"))
        for c in root.iter("context")
        for m in c.iter("message")
    ]
    missing = [pair for pair in new if pair not in committed and not _has_chinese(pair[1])]
    assert missing == [], "run `python -m auditor_app.ui.i18n_build` and translate"
