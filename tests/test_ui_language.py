"""One translation convention: English source strings, Chinese from the catalogue, both only in
the bilingual window; a window started in one language shows that language only."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest_plugins = ["test_ui_support"]  # its fixtures: launcher, message_boxes …

UI_DIR = Path(__file__).resolve().parent.parent / "auditor_app" / "ui"
# Han ideographs, CJK punctuation and full-width forms: none belongs in a source string.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
HAN = re.compile(r"[\u3400-\u9fff]")
TRANSLATING = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP", "_tr"}


def _source_strings():
    for path in sorted(UI_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in TRANSLATING:
                continue
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield f"{path.relative_to(UI_DIR)}:{arg.lineno}", arg.value


def test_no_translated_source_string_contains_chinese():
    found = list(_source_strings())
    assert len(found) > 500  # the scan does see the UI's strings
    chinese = [(where, text) for where, text in found if CJK.search(text)]
    assert chinese == [], "write the source in English and its Chinese in the .ts"


def test_every_catalogue_entry_has_a_finished_translation():
    from auditor_app.ui.i18n import ts_path

    unfinished = []
    for context in ET.parse(ts_path("zh_CN")).getroot().iter("context"):
        for message in context.iter("message"):
            node = message.find("translation")
            if node is None or node.get("type") or not (node.text or "").strip():
                unfinished.append((context.findtext("name"), message.findtext("source")))
    assert unfinished == []


def test_bilingual_joins_chinese_first():
    from auditor_app.ui.i18n import join

    assert join("符合", "Conforming") == "符合 Conforming"
    assert join("文件(&F)", "&File") == "文件(&F) File"  # one mnemonic, the Chinese one's
    assert join("第一行\n第二行", "line one\nline two") == "第一行\n第二行\nline one\nline two"
    assert join("", "Only English") == "Only English"


@pytest.mark.parametrize(
    "language, audit_type, status, scheme_pick",
    [
        ("zh_CN", "初次认证审核", "未评", ("服务", "")),
        ("en", "Initial audit", "Not scored", ("Service", "")),
        ("bilingual", "初次认证审核 Initial audit", "未评 Not scored", ("服务", "Service")),
    ],
)
def test_install_chooses_one_or_both_languages(qapp, language, audit_type, status, scheme_pick):
    from auditor_app.ui import i18n, labels
    from auditor_app.ui.scoring import labels as scoring_labels

    try:
        assert i18n.install(language) == language
        scoring_labels.refresh_language()
        assert labels.audit_type("initial") == audit_type
        assert scoring_labels.status_text("unscored") == status
        assert scoring_labels.pick("服务", "Service") == scheme_pick
    finally:
        i18n.install("zh_CN")
        scoring_labels.refresh_language()


def test_bilingual_is_a_window_language_choice():
    from auditor_app.core.settings import UI_LANGUAGE

    assert "bilingual" in UI_LANGUAGE.choices


# --- the window, started in each language ---------------------------------------------------

# English words a Chinese window may show: file types, key names, the CA.
ALLOWED_IN_CHINESE = {"PDF", "Ctrl", "Space", "Del", "CA", "PKCS"}


def _visible_ui_texts(window) -> list[str]:
    """The labels the UI itself writes (not the audit's data): titles, tabs, headers, buttons,
    group boxes, the scoring workspace's words."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QGroupBox, QTabWidget

    texts = [window.windowTitle().split(" — ")[-1]]
    for box in window.findChildren(QGroupBox):
        if box.isVisibleTo(window):
            texts.append(box.title())
    for tabs in window.findChildren(QTabWidget):
        if tabs.isVisibleTo(window):
            texts += [tabs.tabText(i) for i in range(tabs.count())]
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and button.text():
            texts.append(button.text())
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if view.isVisibleTo(window) and model is not None:
            texts += [
                str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                for c in range(model.columnCount())
            ]
    return [t for t in texts if t]


def _open_scoring(app, audit: int) -> None:
    from auditor_app.ui.audit_view import SCORING_TAB

    window = app.window
    assert window.open_audit(audit)
    window.audit_view.set_tab(SCORING_TAB)
    window.audit_view.select_item("5.1.2.2")


@pytest.mark.gui
def test_an_english_window_shows_no_chinese(qtbot, launcher, db_path, store, demo_audit):
    store.set_setting("ui_language", "en")
    app = launcher.start(db_path)
    _open_scoring(app, demo_audit)
    texts = _visible_ui_texts(app.window)
    assert len(texts) > 20
    assert [t for t in texts if HAN.search(t)] == []


@pytest.mark.gui
def test_a_chinese_window_shows_no_english(qtbot, launcher, db_path, store, demo_audit):
    store.set_setting("ui_language", "zh_CN")
    app = launcher.start(db_path)
    _open_scoring(app, demo_audit)
    texts = _visible_ui_texts(app.window)
    assert len(texts) > 20
    english = [t for t in texts if set(re.findall(r"[A-Za-z]{3,}", t)) - ALLOWED_IN_CHINESE]
    assert english == []
