"""Evaluation schemes as data: the typed model and its loader (format `auditor-scheme/1`).

The file format is documented in docs/scheme-format.md. Loading collects *every* problem with
its location before refusing a file, so a CB fixing its own scheme sees all mistakes at once.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from auditor_app.core.errors import Problem, ValidationError
from auditor_app.resources import resource

FORMAT = "auditor-scheme/1"
JUDGED_KINDS = ("whole", "proportional", "graded")
DELETED_MODES = ("renormalise", "forbidden")
DEFAULT_SCHEME_ID = "gbt27922-2011"
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
MAX_FILE_BYTES = 2 * 1024 * 1024  # a real scheme is ~50 kB; larger is a mistake or an attack
# Per-field limits (characters). The longest real title is ~40 characters and the longest
# requirement ~300; a title must fit the report's table cells and headings on one page.
MAX_TITLE_CHARS = 200  # ids, titles, version, standard
MAX_TEXT_CHARS = 2000  # requirements, evidence and sampling hints
_LONG_TEXT_PREFIXES = ("requirement_", "evidence_", "sample_hint_")
# The keys each kind of table may hold: a misspelt key (min_fracton) would otherwise be dropped
# silently and the CB's rule not applied.
TOP_KEYS = {
    "format",
    "id",
    "version",
    "title_zh",
    "title_en",
    "standard",
    "total_points",
    "default_allocation",
    "note_zh",
    "note_en",
    "rules",
    "levels",
    "groups",
}
LEVEL_KEYS = {"id", "title_zh", "title_en", "min_score", "min_months_certified"}
GROUP_KEYS = {"id", "title_zh", "title_en", "points", "min_fraction", "indicators"}
INDICATOR_KEYS = {"id", "title_zh", "title_en", "points", "items"}
ITEM_KEYS = {
    "id",
    "title_zh",
    "title_en",
    "points",
    "judged",
    "steps",
    "requirement_zh",
    "requirement_en",
    "evidence_zh",
    "evidence_en",
    "sample_hint_zh",
    "sample_hint_en",
    "deletable",
    "role",
}
# Roles a scheme gives its special items, so that code names no item id: the person-days check
# of certified after-sales service managers names the item with role "certified_managers".
ITEM_ROLES = ("certified_managers",)


@dataclass(frozen=True)
class Level:
    """A level a result can reach: a total of at least `min_score` on the scheme's `total_points`
    scale. Levels go lowest first; the lowest starts at 0 and is the fail level."""

    id: str
    title_zh: str
    title_en: str
    min_score: Decimal
    # granted only to a client certified at least this long (None: no condition), unless the
    # committee decides the results are outstanding and records why (issue 11)
    min_months_certified: int | None = None


@dataclass(frozen=True)
class Rules:
    """The scheme's scoring rules (its `[rules]` table, docs/scheme-format.md): special deductions
    and bonus outside the indicator scores, how deleted items count, the total's decimals and the id
    of the fail level."""

    special_deduction_points: Decimal = Decimal(1)
    special_deduction_fail_count: int = 5
    bonus_points: Decimal = Decimal(1)
    bonus_max_count: int = 1
    deleted_items: str = "renormalise"
    score_decimals: int = 1
    fail_level: str = "fail"


@dataclass(frozen=True)
class Item:
    """One scored item: its points (Decimal) and how it is judged (whole, proportional, or graded
    with its allowed `steps`). `parent` is its indicator's id; an item not `deletable` may not be
    recorded as not applicable; `role` marks a special item (ITEM_ROLES, "" for none)."""

    id: str
    parent: str
    title_zh: str
    title_en: str
    points: Decimal
    judged: str
    steps: tuple[Decimal, ...] = ()
    requirement_zh: str = ""
    requirement_en: str = ""
    evidence_zh: str = ""
    evidence_en: str = ""
    sample_hint_zh: str = ""
    sample_hint_en: str = ""
    deletable: bool = True
    role: str = ""


@dataclass(frozen=True)
class Indicator:
    """One indicator: its items, whose points add up to `points`; `parent` is its group's id."""

    id: str
    parent: str
    title_zh: str
    title_en: str
    points: Decimal
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Group:
    """One group of indicators, whose points add up to `points`. A fully scored group earning less
    than `min_fraction` of its applicable points fails the audit (None: no minimum)."""

    id: str
    title_zh: str
    title_en: str
    points: Decimal
    indicators: tuple[Indicator, ...]
    min_fraction: Decimal | None = None

    @property
    def items(self) -> Iterator[Item]:
        for indicator in self.indicators:
            yield from indicator.items


@dataclass(frozen=True)
class Scheme:
    """A validated evaluation scheme: levels, rules and the group / indicator / item tree, points as
    Decimal. `content_hash` identifies the document (not its layout or comments); `source` is where
    it was read from."""

    id: str
    version: str
    title_zh: str
    title_en: str
    standard: str
    total_points: Decimal
    default_allocation: bool
    rules: Rules
    levels: tuple[Level, ...]
    groups: tuple[Group, ...]
    content_hash: str
    source: str = ""
    note_zh: str = ""
    note_en: str = ""
    _items: dict[str, Item] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._items.update({it.id: it for g in self.groups for it in g.items})

    @property
    def items(self) -> list[Item]:
        return list(self._items.values())

    def item(self, item_id: str) -> Item:
        try:
            return self._items[item_id]
        except KeyError:
            raise KeyError(f"scheme {self.id} has no item {item_id!r}") from None

    def has_item(self, item_id: str) -> bool:
        return item_id in self._items

    def item_with_role(self, role: str) -> Item | None:
        """The item the scheme gives `role` (see ITEM_ROLES), or None when it has none."""
        return next((it for it in self._items.values() if it.role == role), None)

    def level(self, level_id: str) -> Level:
        return next(lv for lv in self.levels if lv.id == level_id)

    def group_of(self, item_id: str) -> Group:
        return next(g for g in self.groups if any(i.id == item_id for i in g.items))

    def nodes(self) -> list[dict[str, Any]]:
        """Every node, parents first, as plain dicts (for `scheme show --json`)."""
        out: list[dict[str, Any]] = []
        for g in self.groups:
            out.append(_node(g.id, None, "group", g.title_zh, g.title_en, g.points, None))
            for ind in g.indicators:
                out.append(
                    _node(ind.id, g.id, "indicator", ind.title_zh, ind.title_en, ind.points, None)
                )
                for it in ind.items:
                    node = _node(
                        it.id, ind.id, "item", it.title_zh, it.title_en, it.points, it.judged
                    )
                    if it.steps:
                        node["steps"] = [_num(s) for s in it.steps]
                    node["requirement_zh"] = it.requirement_zh
                    node["requirement_en"] = it.requirement_en
                    out.append(node)
        return out


def _num(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _node(
    node_id: str,
    parent: str | None,
    kind: str,
    zh: str,
    en: str,
    points: Decimal,
    judged: str | None,
) -> dict[str, Any]:
    return {
        "id": node_id,
        "parent": parent,
        "level": kind,
        "title_zh": zh,
        "title_en": en,
        "points": _num(points),
        "judged": judged,
    }


def _plain_number(value: Any) -> bool:
    """A finite number of sensible size (huge integers would overflow float checks)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return abs(value) <= 1_000_000


def content_hash(document: dict[str, Any]) -> str:
    """SHA-256 of the parsed document as canonical JSON: comments and layout do not count."""
    canonical = json.dumps(
        document, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def installed_schemes() -> list[Path]:
    return sorted(resource("schemes").glob("*.toml"))


def find_scheme(ref: str | None) -> Path:
    """Resolve `ref` (a scheme id of an installed scheme, or a file path) to a file."""
    if ref is None:
        ref = DEFAULT_SCHEME_ID
    path = Path(ref)
    if path.suffix == ".toml" or path.exists():
        if not path.is_file():
            raise ValidationError([Problem(str(path), "", "no such scheme file")])
        return path
    for candidate in installed_schemes():
        if candidate.stem == ref:
            return candidate
    for candidate in installed_schemes():  # the id inside may differ from the file name
        try:
            if load_scheme(candidate).id == ref:
                return candidate
        except ValidationError:
            continue
    known = ", ".join(p.stem for p in installed_schemes()) or "none"
    raise ValidationError(
        [Problem(ref, "", f"no installed scheme with this id (installed: {known})")]
    )


_CACHE: dict[tuple[str, float, int], tuple[dict[str, Any], Scheme]] = {}


def load_scheme(path: str | Path) -> Scheme:
    """Load and validate a scheme file; raise ValidationError listing every problem."""
    return read_scheme_file(path)[1]


def read_scheme_file(path: str | Path) -> tuple[dict[str, Any], Scheme]:
    """The parsed document and its validated model; the one way a scheme file is read."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise ValidationError(
            [Problem(str(path), "", f"cannot read file: {exc.strerror}")]
        ) from exc
    key = (str(path.resolve()), stat.st_mtime, stat.st_size)
    if key in _CACHE:
        return _CACHE[key]
    if not path.is_file():
        raise ValidationError([Problem(str(path), "", "not a file")])
    if stat.st_size > MAX_FILE_BYTES:
        raise ValidationError(
            [
                Problem(
                    str(path),
                    "",
                    f"{stat.st_size:,} bytes is too large for "
                    f"a scheme file (limit {MAX_FILE_BYTES:,})",
                )
            ]
        )
    import tomllib  # ~3 ms: only when a file is read (audits carry their scheme as JSON)

    try:
        raw = path.read_bytes()
        # utf-8-sig: Windows editors often save a byte-order mark
        document = tomllib.loads(raw.decode("utf-8-sig"))
    except OSError as exc:
        raise ValidationError([Problem(str(path), "", f"cannot read file: {exc}")]) from exc
    except UnicodeDecodeError as exc:
        raise ValidationError([Problem(str(path), "", f"not UTF-8 text ({exc.reason})")]) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError([Problem(str(path), "", f"not valid TOML: {exc}")]) from exc
    except RecursionError as exc:
        raise ValidationError([Problem(str(path), "", "nested too deeply to be a scheme")]) from exc
    scheme = parse_scheme(document, str(path))
    _CACHE[key] = (document, scheme)
    return document, scheme


def load_scheme_by_ref(ref: str | None) -> Scheme:
    return load_scheme(find_scheme(ref))


def parse_scheme(document: dict[str, Any], source: str = "<scheme>") -> Scheme:
    """Validate a parsed document and build the model (used for files and for packages)."""
    try:
        return _Parser(document, source).parse()
    except RecursionError as exc:  # hostile nesting in a document from a package
        raise ValidationError([Problem(source, "", "nested too deeply to be a scheme")]) from exc


class _Parser:
    """Walks the document once, recording problems instead of stopping at the first."""

    def __init__(self, document: dict[str, Any], source: str) -> None:
        self.doc = document
        self.source = source
        self.problems: list[Problem] = []
        self.seen_ids: dict[str, str] = {}
        self.roles_seen: dict[str, str] = {}

    def problem(self, location: str, reason: str) -> None:
        self.problems.append(Problem(self.source, location, reason))

    # -- typed field access -------------------------------------------------------------
    def text(self, table: dict[str, Any], key: str, where: str, required: bool = True) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(where, f"missing required key '{key}'")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(where, f"'{key}' must be a non-empty string")
            return ""
        limit = MAX_TEXT_CHARS if key.startswith(_LONG_TEXT_PREFIXES) else MAX_TITLE_CHARS
        if len(value) > limit:
            self.problem(
                where, f"'{key}' is {len(value):,} characters long; at most {limit:,} are allowed"
            )
            return ""
        return value

    def unknown_keys(self, table: dict[str, Any], allowed: set[str], where: str) -> None:
        for key in sorted(set(table) - allowed):
            self.problem(where, f"unknown key '{key}' (misspelt?)")

    def number(
        self, table: dict[str, Any], key: str, where: str, default: Decimal | None = None
    ) -> Decimal:
        value = table.get(key)
        if value is None:
            if default is None:
                self.problem(where, f"missing required key '{key}'")
                return Decimal(0)
            return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(where, f"'{key}' must be a number, not {type(value).__name__}")
            return Decimal(0)
        if isinstance(value, float) and not math.isfinite(value):
            self.problem(where, f"'{key}' must be a finite number, not {value}")
            return Decimal(0)
        if abs(value) > 1_000_000:
            self.problem(where, f"'{key}' = {value} is out of range")
            return Decimal(0)
        # str() keeps 0.1 as 0.1 instead of its binary expansion
        return Decimal(str(value))

    def integer(self, table: dict[str, Any], key: str, where: str, default: int) -> int:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.problem(where, f"'{key}' must be a whole number ≥ 0")
            return default
        return value

    def tables(self, table: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
        value = table.get(key)
        if not isinstance(value, list) or not value:
            self.problem(where, f"'{key}' must be a non-empty list of tables ([[{key}]])")
            return []
        good = [v for v in value if isinstance(v, dict)]
        if len(good) != len(value):
            self.problem(where, f"every entry of '{key}' must be a table")
        return good

    def node_id(self, table: dict[str, Any], where: str) -> str:
        node = self.text(table, "id", where)
        if node:
            if node in self.seen_ids:
                self.problem(where, f"id '{node}' is used twice (first at {self.seen_ids[node]})")
            else:
                self.seen_ids[node] = where
        return node

    # -- the document -------------------------------------------------------------------
    def parse(self) -> Scheme:
        doc = self.doc
        fmt = doc.get("format")
        if fmt != FORMAT:
            if isinstance(fmt, str) and fmt.startswith("auditor-scheme/"):
                self.problem(
                    "format",
                    f"format '{fmt}' is not supported by this version of the "
                    f"app (it reads '{FORMAT}'); update the app",
                )
            else:
                self.problem("format", f"missing or unknown format (expected '{FORMAT}')")
            raise ValidationError(self.problems)
        self.unknown_keys(doc, TOP_KEYS, "(top level)")
        scheme_id = self.text(doc, "id", "id")
        if scheme_id and not _ID_RE.match(scheme_id):
            self.problem("id", "must be lower-case letters, digits, '.', '_' or '-'")
        version = self.text(doc, "version", "version")
        title_zh = self.text(doc, "title_zh", "title_zh")
        title_en = self.text(doc, "title_en", "title_en")
        standard = self.text(doc, "standard", "standard")
        total = self.number(doc, "total_points", "total_points")
        if total <= 0:
            self.problem("total_points", "must be greater than 0")
        default_alloc = doc.get("default_allocation", False)
        if not isinstance(default_alloc, bool):
            self.problem("default_allocation", "must be true or false")
            default_alloc = False
        rules = self.rules(doc.get("rules", {}))
        levels = self.levels(rules, total)
        groups = self.groups(rules, total)
        if self.problems:
            raise ValidationError(self.problems)
        return Scheme(
            id=scheme_id,
            version=version,
            title_zh=title_zh,
            title_en=title_en,
            standard=standard,
            total_points=total,
            default_allocation=default_alloc,
            rules=rules,
            levels=levels,
            groups=groups,
            content_hash=content_hash(doc),
            source=self.source,
            note_zh=str(doc.get("note_zh", "")),
            note_en=str(doc.get("note_en", "")),
        )

    def rules(self, table: Any) -> Rules:
        if not isinstance(table, dict):
            self.problem("rules", "must be a table ([rules])")
            return Rules()
        d = Rules()
        known = set(Rules.__dataclass_fields__)
        for key in table:
            if key not in known:
                self.problem(f"rules.{key}", "unknown rule")
        deleted = table.get("deleted_items", d.deleted_items)
        if deleted not in DELETED_MODES:
            self.problem("rules.deleted_items", f"must be one of {', '.join(DELETED_MODES)}")
            deleted = d.deleted_items
        decimals = self.integer(table, "score_decimals", "rules.score_decimals", d.score_decimals)
        if decimals > 4:
            self.problem("rules.score_decimals", "at most 4 decimals")
        fail_level = self.text(table, "fail_level", "rules.fail_level")
        deduction = self.number(
            table, "special_deduction_points", "rules", d.special_deduction_points
        )
        bonus = self.number(table, "bonus_points", "rules", d.bonus_points)
        for key, value in (("special_deduction_points", deduction), ("bonus_points", bonus)):
            if value < 0:
                self.problem(f"rules.{key}", "must not be negative")
        return Rules(
            special_deduction_points=deduction,
            special_deduction_fail_count=self.integer(
                table,
                "special_deduction_fail_count",
                "rules.special_deduction_fail_count",
                d.special_deduction_fail_count,
            ),
            bonus_points=bonus,
            bonus_max_count=self.integer(
                table, "bonus_max_count", "rules.bonus_max_count", d.bonus_max_count
            ),
            deleted_items=deleted,
            score_decimals=decimals,
            fail_level=fail_level,
        )

    def levels(self, rules: Rules, total: Decimal) -> tuple[Level, ...]:
        out: list[Level] = []
        ids: set[str] = set()
        for i, t in enumerate(self.tables(self.doc, "levels", "levels")):
            where = f"levels[{i}]"
            self.unknown_keys(t, LEVEL_KEYS, where)
            level_id = self.text(t, "id", where)
            if level_id in ids:
                self.problem(where, f"level id '{level_id}' is used twice")
            ids.add(level_id)
            minimum = self.number(t, "min_score", where)
            if not 0 <= minimum <= total:
                self.problem(where, f"min_score {minimum} is outside 0–{total}")
            if out and minimum <= out[-1].min_score:
                self.problem(
                    where,
                    f"min_score {minimum} must be greater than the previous "
                    f"level's {out[-1].min_score} (levels go lowest first)",
                )
            months = None
            if "min_months_certified" in t:
                raw = t["min_months_certified"]
                if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
                    self.problem(where, "min_months_certified must be a whole number ≥ 0")
                else:
                    months = raw
            out.append(
                Level(
                    level_id,
                    self.text(t, "title_zh", where),
                    self.text(t, "title_en", where),
                    minimum,
                    months,
                )
            )
        if out:
            if out[0].min_score != 0:
                self.problem("levels[0]", "the lowest level must have min_score = 0")
            if rules.fail_level and out[0].id != rules.fail_level:
                self.problem(
                    "rules.fail_level",
                    f"'{rules.fail_level}' must be the id of the lowest level ('{out[0].id}')",
                )
        return tuple(out)

    def groups(self, rules: Rules, total: Decimal) -> tuple[Group, ...]:
        groups: list[Group] = []
        for gi, g in enumerate(self.tables(self.doc, "groups", "groups")):
            where = f"groups[{gi}]"
            gid = self.node_id(g, where)
            label = f"{where} ({gid})" if gid else where
            self.unknown_keys(g, GROUP_KEYS, label)
            points = self.number(g, "points", label)
            min_fraction = None
            if "min_fraction" in g:
                min_fraction = self.number(g, "min_fraction", label)
                if not 0 <= min_fraction <= 1:
                    self.problem(label, "min_fraction must be between 0 and 1")
            indicators = tuple(
                self.indicator(t, f"{where}.indicators[{ii}]", gid, rules)
                for ii, t in enumerate(self.tables(g, "indicators", label))
            )
            got = sum((ind.points for ind in indicators), Decimal(0))
            if indicators and got != points:
                self.problem(label, f"points {points} but its indicators add up to {got}")
            groups.append(
                Group(
                    gid,
                    self.text(g, "title_zh", label),
                    self.text(g, "title_en", label),
                    points,
                    indicators,
                    min_fraction,
                )
            )
        got = sum((g.points for g in groups), Decimal(0))
        if groups and got != total:
            self.problem("groups", f"group points add up to {got}, not total_points {total}")
        return tuple(groups)

    def indicator(self, t: dict[str, Any], where: str, parent: str, rules: Rules) -> Indicator:
        iid = self.node_id(t, where)
        label = f"{where} ({iid})" if iid else where
        self.unknown_keys(t, INDICATOR_KEYS, label)
        points = self.number(t, "points", label)
        items = tuple(
            self.item(it, f"{where}.items[{k}]", iid, rules)
            for k, it in enumerate(self.tables(t, "items", label))
        )
        got = sum((it.points for it in items), Decimal(0))
        if items and got != points:
            self.problem(label, f"points {points} but its items add up to {got}")
        return Indicator(
            iid,
            parent,
            self.text(t, "title_zh", label),
            self.text(t, "title_en", label),
            points,
            items,
        )

    def item(self, t: dict[str, Any], where: str, parent: str, rules: Rules) -> Item:
        item_id = self.node_id(t, where)
        label = f"{where} ({item_id})" if item_id else where
        self.unknown_keys(t, ITEM_KEYS, label)
        points = self.number(t, "points", label)
        if points <= 0:
            self.problem(label, "points must be greater than 0")
        judged = t.get("judged")
        if judged not in JUDGED_KINDS:
            self.problem(label, f"'judged' must be one of {', '.join(JUDGED_KINDS)}")
            judged = "whole"
        steps: tuple[Decimal, ...] = ()
        raw_steps = t.get("steps")
        if judged == "graded":
            steps = self.steps(raw_steps, label, points)
        elif raw_steps is not None:
            self.problem(label, "'steps' is only allowed on graded items")
        deletable = t.get("deletable", True)
        if not isinstance(deletable, bool):
            self.problem(label, "'deletable' must be true or false")
            deletable = True
        if rules.deleted_items == "forbidden" and t.get("deletable") is True:
            self.problem(label, "deletable = true contradicts rules.deleted_items = 'forbidden'")
        return Item(
            id=item_id,
            parent=parent,
            title_zh=self.text(t, "title_zh", label),
            title_en=self.text(t, "title_en", label),
            points=points,
            judged=str(judged),
            steps=steps,
            requirement_zh=self.text(t, "requirement_zh", label),
            requirement_en=self.text(t, "requirement_en", label),
            evidence_zh=self.text(t, "evidence_zh", label, required=False),
            evidence_en=self.text(t, "evidence_en", label, required=False),
            sample_hint_zh=self.text(t, "sample_hint_zh", label, required=False),
            sample_hint_en=self.text(t, "sample_hint_en", label, required=False),
            deletable=deletable and rules.deleted_items != "forbidden",
            role=self.role(t, label),
        )

    def role(self, t: dict[str, Any], label: str) -> str:
        role = t.get("role", "")
        if role == "":
            return ""
        if role not in ITEM_ROLES:
            self.problem(label, f"'role' must be one of {', '.join(ITEM_ROLES)}, got {role!r}")
            return ""
        if role in self.roles_seen:
            self.problem(label, f"role {role!r} is already given to item {self.roles_seen[role]}")
            return ""
        self.roles_seen[role] = str(t.get("id"))
        return str(role)

    def steps(self, raw: Any, label: str, points: Decimal) -> tuple[Decimal, ...]:
        if not isinstance(raw, list) or len(raw) < 2:
            self.problem(label, "graded items need 'steps', a list of at least two awards")
            return ()
        if not all(_plain_number(s) for s in raw):
            self.problem(label, "every step must be a number between 0 and the item's points")
            return ()
        steps = tuple(Decimal(str(s)) for s in raw)
        if list(steps) != sorted(set(steps)):
            self.problem(label, "steps must be strictly ascending")
        if steps[0] != 0 or steps[-1] != points:
            self.problem(label, f"steps must run from 0 to the item's points ({points})")
        return steps
