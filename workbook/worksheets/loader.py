"""Worksheet definitions: loading, validating, and reading answers against them.

A worksheet is a TOML file (see ``docs/exercises.md``). ``load_exercises``
reads the shipped definitions and any the person added, reports every broken
file with the file, field and reason, and still returns all the good ones.
What an answer means for each field kind (checking, formatting) lives in
``workbook.worksheets.answers``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

FIELD_KINDS = ("text", "long_text", "scale", "choice", "date", "datetime", "list", "table")
COLUMN_KINDS = ("text", "check")
EXERCISE_KINDS = ("log", "document")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*$")

_EXERCISE_KEYS = {"id", "version", "title", "intro", "kind", "fields", "summary", "prompts"}
_FIELD_KEYS = {
    "common": {"id", "kind", "label", "help", "required", "section", "default"},
    "scale": {"min", "max", "min_label", "max_label"},
    "choice": {"options", "multiple", "other"},
    "table": {"columns"},
}


@dataclass(frozen=True)
class Option:
    id: str
    label: str


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    kind: str = "text"


@dataclass(frozen=True)
class Field:
    """One question on a worksheet."""

    id: str
    kind: str
    label: str
    help: str = ""
    required: bool = False
    section: str = ""
    default: Any = None
    min: int = 0
    max: int = 10
    min_label: str = ""
    max_label: str = ""
    options: tuple[Option, ...] = ()
    multiple: bool = False
    other: bool = False
    columns: tuple[Column, ...] = ()

    def option_label(self, option_id: str) -> str:
        for option in self.options:
            if option.id == option_id:
                return option.label
        return option_id  # an "other" answer is the person's own words


@dataclass(frozen=True)
class Exercise:
    """A whole worksheet definition."""

    id: str
    version: int
    title: str
    intro: str
    fields: tuple[Field, ...]
    kind: str = "log"
    summary: tuple[str, ...] = ()
    prompts: tuple[str, ...] = ()
    source: str = ""

    @property
    def single(self) -> bool:
        """True for a living document (one entry, edited over time)."""
        return self.kind == "document"

    def field(self, field_id: str) -> Field | None:
        return next((f for f in self.fields if f.id == field_id), None)


@dataclass(frozen=True)
class Problem:
    """Why a definition could not be used."""

    file: str
    field: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}" + (f", field '{self.field}'" if self.field else "")
        return f"{where}: {self.reason}"


class DefinitionError(Exception):
    """Raised inside the loader; becomes a ``Problem``."""

    def __init__(self, field_id: str, reason: str) -> None:
        super().__init__(reason)
        self.field_id = field_id
        self.reason = reason


def _text(raw: dict[str, Any], key: str, field_id: str, *, required: bool = True) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise DefinitionError(field_id, f"'{key}' must be {'non-empty ' if required else ''}text")
    return value.strip()


def _options(raw: Any, field_id: str) -> tuple[Option, ...]:
    if not isinstance(raw, list) or not raw:
        raise DefinitionError(field_id, "a choice needs a non-empty 'options' list")
    options = []
    for item in raw:
        if isinstance(item, str) and item.strip():
            options.append(Option(re.sub(r"[^a-z0-9]+", "-", item.lower()).strip("-") or item, item))
        elif isinstance(item, dict) and set(item) <= {"id", "label"}:
            options.append(Option(_ident(item.get("id"), field_id, "option id"), _text(item, "label", field_id)))
        else:
            raise DefinitionError(field_id, "each option must be text or { id = ..., label = ... }")
    _no_duplicates([o.id for o in options], field_id, "option id")
    return tuple(options)


def _columns(raw: Any, field_id: str) -> tuple[Column, ...]:
    if not isinstance(raw, list) or not raw:
        raise DefinitionError(field_id, "a table needs a non-empty 'columns' list")
    columns = []
    for item in raw:
        if not isinstance(item, dict) or not set(item) <= {"id", "label", "kind"}:
            raise DefinitionError(field_id, "each column must be { id = ..., label = ..., kind = ... }")
        kind = item.get("kind", "text")
        if kind not in COLUMN_KINDS:
            raise DefinitionError(field_id, f"unknown column kind '{kind}' (use one of: {', '.join(COLUMN_KINDS)})")
        columns.append(Column(_ident(item.get("id"), field_id, "column id"), _text(item, "label", field_id), kind))
    _no_duplicates([c.id for c in columns], field_id, "column id")
    return tuple(columns)


def _ident(value: Any, field_id: str, what: str) -> str:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise DefinitionError(field_id, f"{what} {value!r} must be lowercase letters, digits, '-' or '_'")
    return value


def _no_duplicates(ids: list[str], field_id: str, what: str) -> None:
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            raise DefinitionError(field_id if what != "field id" else ident, f"duplicate {what} '{ident}'")
        seen.add(ident)


def _field(raw: Any, position: int) -> Field:
    if not isinstance(raw, dict):
        raise DefinitionError(f"#{position + 1}", "each field must be a table ([[fields]])")
    field_id: str = raw["id"] if isinstance(raw.get("id"), str) else f"#{position + 1}"
    _ident(raw.get("id"), field_id, "field id")
    kind = raw.get("kind")
    if kind not in FIELD_KINDS:
        raise DefinitionError(field_id, f"unknown kind {kind!r} (use one of: {', '.join(FIELD_KINDS)})")
    allowed = _FIELD_KEYS["common"] | _FIELD_KEYS.get(kind, set())
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise DefinitionError(field_id, f"unknown key(s) {', '.join(unknown)} for a {kind} field")
    if not isinstance(raw.get("required", False), bool):
        raise DefinitionError(field_id, "'required' must be true or false")
    settings: dict[str, Any] = {}
    if kind == "scale":
        low, high = raw.get("min", 0), raw.get("max", 10)
        if not (isinstance(low, int) and isinstance(high, int)) or low >= high or high - low > 100:
            raise DefinitionError(field_id, "a scale needs whole numbers with min < max (at most 100 apart)")
        settings = {"min": low, "max": high, "min_label": _text(raw, "min_label", field_id, required=False),
                    "max_label": _text(raw, "max_label", field_id, required=False)}
    elif kind == "choice":
        settings = {"options": _options(raw.get("options"), field_id), "multiple": bool(raw.get("multiple", False)),
                    "other": bool(raw.get("other", False))}
    elif kind == "table":
        settings = {"columns": _columns(raw.get("columns"), field_id)}
    default = raw.get("default")
    if default is not None and not (kind in ("date", "datetime") and default in ("today", "now")
                                    or kind == "choice" and default in [o.id for o in settings["options"]]):
        raise DefinitionError(field_id, "'default' may only be \"today\"/\"now\" (dates) or an option id (choices)")
    return Field(id=field_id, kind=kind, label=_text(raw, "label", field_id), help=_text(raw, "help", field_id, required=False),
                 required=raw.get("required", False), section=_text(raw, "section", field_id, required=False),
                 default=default, **settings)


def parse_exercise(text: str, source: str) -> Exercise:
    """Parse and validate one definition; raise ``DefinitionError`` on the first problem."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError("", f"not valid TOML ({exc})") from None
    unknown = sorted(set(raw) - _EXERCISE_KEYS)
    if unknown:
        raise DefinitionError("", f"unknown key(s) {', '.join(unknown)}")
    exercise_id = _ident(raw.get("id"), "", "exercise id")
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DefinitionError("", "'version' must be a whole number, 1 or more")
    kind = raw.get("kind", "log")
    if kind not in EXERCISE_KINDS:
        raise DefinitionError("", f"'kind' must be one of: {', '.join(EXERCISE_KINDS)}")
    raw_fields = raw.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        raise DefinitionError("", "a worksheet needs at least one [[fields]] entry")
    fields = tuple(_field(item, i) for i, item in enumerate(raw_fields))
    _no_duplicates([f.id for f in fields], "", "field id")
    summary = raw.get("summary", [fields[0].id])
    if not isinstance(summary, list) or any(s not in {f.id for f in fields} for s in summary):
        raise DefinitionError("", "'summary' must list ids of this worksheet's fields")
    prompts = raw.get("prompts", [])
    if not isinstance(prompts, list) or not all(isinstance(p, str) and p.strip() for p in prompts):
        raise DefinitionError("", "'prompts' must be a list of text")
    return Exercise(id=exercise_id, version=version, title=_text(raw, "title", ""), intro=" ".join(_text(raw, "intro", "").split()),
                    fields=fields, kind=kind, summary=tuple(summary), prompts=tuple(prompts), source=source)


def shipped_definitions() -> list[tuple[str, str]]:
    """(name, text) of the worksheets that come with the program."""
    packaged = resources.files("workbook") / "_exercises"
    if packaged.is_dir():
        items = [(p.name, p.read_text(encoding="utf-8")) for p in packaged.iterdir() if p.name.endswith(".toml")]
    else:  # running from a source checkout or an editable install
        folder = Path(__file__).resolve().parents[2] / "exercises"
        items = [(p.name, p.read_text(encoding="utf-8")) for p in folder.glob("*.toml")]
    return sorted(items)


def load_file(path: Path) -> Exercise:
    """Load one definition file (``DefinitionError`` when it is broken)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DefinitionError("", f"cannot be read ({exc})") from None
    return parse_exercise(text, str(path))


def load_exercises(extra_dirs: list[Path] | None = None) -> tuple[dict[str, Exercise], list[Problem]]:
    """All good worksheets by id (shipped first, then the person's own), and every problem found."""
    found: dict[str, Exercise] = {}
    problems: list[Problem] = []
    sources: list[tuple[str, str]] = [(f"exercises/{name}", text) for name, text in shipped_definitions()]
    for folder in extra_dirs or []:
        if folder.is_dir():
            for path in sorted(folder.glob("*.toml")):
                try:
                    sources.append((str(path), path.read_text(encoding="utf-8")))
                except (OSError, UnicodeDecodeError) as exc:
                    problems.append(Problem(str(path), "", f"cannot be read ({exc})"))
    for source, text in sources:
        try:
            exercise = parse_exercise(text, source)
        except DefinitionError as exc:
            problems.append(Problem(source, exc.field_id, exc.reason))
            continue
        if exercise.id in found:
            problems.append(Problem(source, "", f"exercise id '{exercise.id}' is already used by {found[exercise.id].source}"))
            continue
        found[exercise.id] = exercise
    return found, problems
