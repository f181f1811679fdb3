"""The phrase library: reusable finding texts and evidence phrases per item, as data.

Auditors reuse wording (their Word templates are full of it). A CB keeps its phrases in
`resources/phrases/<scheme id>.toml` (format in docs/scheme-format.md, "Phrase library"); the
auditor inserts one and adapts it: `…` marks the places to fill in. Phrases for an item come
first, then those of its indicator and group (by id prefix), then the general ones.

Loading collects every problem with its location before refusing the file, as the scheme and
style loaders do.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor_app.core.errors import Problem, ValidationError
from auditor_app.resources import resource

if TYPE_CHECKING:
    from auditor_app.core.scheme import Scheme

FORMAT = "auditor-phrases/1"
KINDS = ("evidence", "finding", "rectification")
MAX_PHRASE = 500  # characters: a phrase is a sentence or two, not a report
MAX_PHRASES = 5000


@dataclass(frozen=True)
class Phrase:
    """One reusable text from the phrase library; `…` in `text` marks a place to fill in."""

    kind: str  # evidence, finding, rectification
    text: str
    scope: str  # an item, indicator or group id; "" for every item


@dataclass(frozen=True)
class PhraseBook:
    """A scheme's phrase library, indexed by scope for `for_item`; `source` is the file it was read
    from ("" and no phrases when the CB ships none)."""

    scheme_id: str
    phrases: tuple[Phrase, ...] = ()
    source: str = ""
    _by_scope: dict[str, list[Phrase]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for phrase in self.phrases:
            self._by_scope.setdefault(phrase.scope, []).append(phrase)

    def for_item(self, item_id: str | None, kind: str) -> list[Phrase]:
        """The phrases of `kind` for an item: its own, its parents', then the general ones."""
        scopes: list[str] = []
        if item_id:
            parts = item_id.split(".")
            scopes = [".".join(parts[:n]) for n in range(len(parts), 0, -1)]
        scopes.append("")
        return [p for s in scopes for p in self._by_scope.get(s, []) if p.kind == kind]


def phrases_path(scheme_id: str) -> Path:
    return resource("phrases", f"{scheme_id}.toml")


def load_phrases(scheme_id: str, known_ids: set[str], path: Path | None = None) -> PhraseBook:
    """The scheme's phrase library; an empty book when the CB ships none.

    `known_ids` are the scheme's group, indicator and item ids: a phrase for an id the scheme
    does not have is refused (a typo would otherwise hide the phrase for ever).
    """
    path = path or phrases_path(scheme_id)
    if not path.is_file():
        return PhraseBook(scheme_id)
    name = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValidationError([Problem(name, "", f"cannot be read as TOML: {exc}")]) from exc
    problems: list[Problem] = []
    if data.get("format") != FORMAT:
        problems.append(Problem(name, "format", f"must be {FORMAT!r}"))
    if data.get("scheme") != scheme_id:
        problems.append(Problem(name, "scheme", f"must be {scheme_id!r} (the scheme's id)"))
    unknown = set(data) - {"format", "scheme", "general", "items"}
    if unknown:
        problems.append(Problem(name, "", f"unknown keys: {', '.join(sorted(unknown))}"))
    phrases: list[Phrase] = []
    general = data.get("general", {})
    _collect(name, "general", general, "", phrases, problems)
    items = data.get("items", {})
    if not isinstance(items, dict):
        problems.append(Problem(name, "items", "must be a table of item ids"))
        items = {}
    for scope, table in items.items():
        where = f"items.{scope!r}"
        if scope not in known_ids:
            problems.append(Problem(name, where, "the scheme has no such item or indicator"))
            continue
        _collect(name, where, table, scope, phrases, problems)
    if len(phrases) > MAX_PHRASES:
        problems.append(Problem(name, "", f"more than {MAX_PHRASES} phrases"))
    if problems:
        raise ValidationError(problems)
    return PhraseBook(scheme_id, tuple(phrases), str(path))


def _collect(
    name: str, where: str, table: Any, scope: str, out: list[Phrase], problems: list[Problem]
) -> None:
    if not isinstance(table, dict):
        problems.append(Problem(name, where, "must be a table with evidence/finding lists"))
        return
    for kind, texts in table.items():
        if kind not in KINDS:
            problems.append(Problem(name, f"{where}.{kind}", f"must be one of {', '.join(KINDS)}"))
            continue
        if not isinstance(texts, list):
            problems.append(Problem(name, f"{where}.{kind}", "must be a list of texts"))
            continue
        for n, text in enumerate(texts, start=1):
            at = f"{where}.{kind}[{n}]"
            if not isinstance(text, str) or not text.strip():
                problems.append(Problem(name, at, "must be a non-empty text"))
            elif len(text) > MAX_PHRASE:
                problems.append(Problem(name, at, f"longer than {MAX_PHRASE} characters"))
            else:
                out.append(Phrase(kind, " ".join(text.split()), scope))


def for_scheme(scheme: Scheme) -> PhraseBook:
    """The phrase library of `scheme`, checked against its ids."""
    ids = {g.id for g in scheme.groups}
    ids |= {ind.id for g in scheme.groups for ind in g.indicators}
    ids |= {item.id for item in scheme.items}
    return load_phrases(scheme.id, ids)
