"""UI language: installing the Qt Linguist translation and naming domain values in it.

Source strings are English (`self.tr()`); Chinese is the default language. The compiled
`resources/translations/auditor_app_zh_CN.qm` is loaded when present. When it is missing (a
source checkout where nobody ran `python -m auditor_app.ui.i18n_build`) the `.ts` file is read
directly, so a missing build step never shows an English UI to a Chinese auditor.

A third window language, "bilingual", shows every translated text as "中文 English" (Chinese
first): the Chinese catalogue is wrapped by `BilingualTranslator`, which joins the translation
and its English source, and scheme texts follow through `pick`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from auditor_app.resources import resource

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")  # catalogues: English is the source language
BILINGUAL = "bilingual"
CHOICES = (*LANGUAGES, BILINGUAL)
DEFAULT_LANGUAGE = "zh_CN"
CATALOGUE = "auditor_app"

_state = {"language": DEFAULT_LANGUAGE}
_installed: list[QTranslator] = []


def ts_path(language: str = "zh_CN") -> Path:
    return resource("translations", f"{CATALOGUE}_{language}.ts")


def qm_path(language: str = "zh_CN") -> Path:
    return resource("translations", f"{CATALOGUE}_{language}.qm")


class TsTranslator(QTranslator):
    """Translations read straight from a `.ts` file (fallback when the `.qm` is not built)."""

    def __init__(self, path: Path) -> None:
        import xml.etree.ElementTree as ET  # only without a built .qm (a source checkout)

        super().__init__()
        self._table: dict[tuple[str, str], str] = {}
        for context in ET.parse(path).getroot().iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                source = message.findtext("source", "")
                node = message.find("translation")
                if node is None or node.get("type") in ("unfinished", "obsolete", "vanished"):
                    continue
                if node.text:
                    self._table[(name, source)] = node.text

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return self._table.get((context, source_text), "")

    def isEmpty(self) -> bool:
        return not self._table


def join(zh: str, en: str) -> str:
    """ "中文 English": the bilingual rendering of a translated text. The English half drops its
    mnemonic (the Chinese one keeps "(&X)"), and a multi-line text gets its English on the lines
    after the Chinese ones."""
    if not zh or zh == en:
        return en
    plain = en.replace("&&", "\0").replace("&", "").replace("\0", "&&")
    separator = "\n" if "\n" in zh or "\n" in en else " "
    return f"{zh}{separator}{plain}"


class BilingualTranslator(QTranslator):
    """The Chinese catalogue, answering with the Chinese and the English source joined."""

    def __init__(self, inner: QTranslator) -> None:
        super().__init__()
        self._inner = inner

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        zh = self._inner.translate(context, source_text, disambiguation, n)
        return join(zh, source_text) if zh else ""

    def isEmpty(self) -> bool:
        return self._inner.isEmpty()


def normalise(language: str | None) -> str:
    """A known language code; anything unknown falls back to the default (Chinese)."""
    if language in CHOICES:
        return str(language)
    if language and language.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def install(language: str | None) -> str:
    """Make `language` the UI language of the running application; return the code used."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("i18n.install needs a running QApplication")
    code = normalise(language)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    _state["language"] = code
    if code == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return code
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = _load("zh_CN" if code == BILINGUAL else code)
    if translator is not None and code == BILINGUAL:
        translator = BilingualTranslator(translator)
    if translator is not None:
        app.installTranslator(translator)
        _installed.append(translator)
    # Qt's own dialogs (QMessageBox buttons, colour/file dialogs) ship in the Qt package.
    qt_base = QTranslator()
    from PySide6.QtCore import QLibraryInfo

    if qt_base.load(
        QLocale(), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_base)
        _installed.append(qt_base)
    return code


def _load(code: str) -> QTranslator | None:
    qm = qm_path(code)
    translator = QTranslator()
    if qm.is_file() and translator.load(str(qm)):
        return translator
    ts = ts_path(code)
    if ts.is_file():
        from xml.etree.ElementTree import ParseError

        try:
            return TsTranslator(ts)
        except ParseError as exc:
            log.warning("translation %s cannot be read: %s", ts, exc)
    log.warning("no translation for %s; the UI stays in English", code)
    return None


def language() -> str:
    """The UI language code in use ("zh_CN", "en" or "bilingual")."""
    return _state["language"]


def is_chinese() -> bool:
    """Chinese shown (alone or first): the Chinese and the bilingual window."""
    return _state["language"] != "en"


def pick(zh: str, en: str) -> str:
    """The Chinese or English variant of a bilingual domain text, per the UI language; both,
    Chinese first, in the bilingual window."""
    if _state["language"] == BILINGUAL:
        return join(zh, en) if zh else en
    return (zh or en) if is_chinese() else (en or zh)
