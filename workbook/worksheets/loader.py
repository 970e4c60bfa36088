"""Provides loading worksheet definitions: ``parse_exercise`` (one TOML text), ``load_file``
(one file) and ``load_exercises`` (the shipped ones plus the person's own).

A worksheet is a TOML file (see ``docs/exercises.md``). Every broken file is reported
with its file, field and reason, and every good one still loads; the shipped ones are also
checked against the built-in contract (``workbook.worksheets.builtin``), so renaming a
field the program relies on is a load-time problem, never a feature that silently goes.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from workbook.common.errors import os_reason
from workbook.common.i18n import N_, _, language
from workbook.common.printable import has_controls
from workbook.common.regular_files import NotARegularFileError, read_regular_file
from workbook.worksheets.definition import (
    COLUMN_KINDS,
    EXERCISE_KINDS,
    FIELD_KINDS,
    MAX_COLUMNS,
    MAX_DEFINITION_BYTES,
    MAX_FIELDS,
    MAX_OPTIONS,
    MAX_SCALE_ABS,
    MAX_SCALE_SPAN,
    MAX_VERSION,
    OPTION_MEANINGS,
    ROLE_KINDS,
    ROLE_MEANINGS,
    SINGLE_ROLES,
    Band,
    Codes,
    Column,
    ColumnKind,
    DefinitionError,
    Exercise,
    ExerciseKind,
    Field,
    Kind,
    Option,
    Problem,
    Role,
    Subscale,
)
from workbook.worksheets.translation import localized, parse_translations

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
MAX_TEXT = 5000  # a label, help text or intro longer than this is a mistake, not a question

_EXERCISE_KEYS = {
    "id",
    "version",
    "title",
    "intro",
    "kind",
    "fields",
    "summary",
    "prompts",
    "bands",
    "remind_every_days",
    "notable_rise",
    "codes",
    "subscales",
    "note",
    "translations",
}
_FIELD_KEYS = {
    "common": {"id", "kind", "label", "short", "help", "required", "section", "default", "role"},
    "text": {"suggest"},
    "item": {"alert"},
    "scale": {"min", "max", "min_label", "max_label", "unit", "unit_one"},
    "choice": {"options", "multiple", "other"},
    "table": {"columns"},
    "date": {"notice_days", "ahead_days"},
    "datetime": {"ahead_days"},
}
MAX_NOTICE_DAYS = 365


def _text(raw: dict[str, Any], key: str, field_id: str, *, required: bool = True) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise DefinitionError(
            field_id, (_("'{key}' must be non-empty text") if required else _("'{key}' must be text")).format(key=key)
        )
    if len(value) > MAX_TEXT:
        raise DefinitionError(
            field_id, _("'{key}' is longer than {MAX_TEXT} characters").format(key=key, MAX_TEXT=MAX_TEXT)
        )
    if has_controls(value.replace("\r\n", "\n")):
        raise DefinitionError(field_id, _("'{key}' holds a control character (such as ESC): remove it").format(key=key))
    return value.strip()


def _ident(value: Any, field_id: str, what: str) -> str:
    if value is None:
        raise DefinitionError(
            field_id, _("the {what} is missing (lowercase letters, digits, '-' or '_')").format(what=_(what))
        )
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        shown = repr(value)[:40]
        raise DefinitionError(
            field_id,
            _(
                "{what} {shown} must be lowercase letters, digits, '-' or '_' (at most 64, starting with a letter)"
            ).format(what=_(what), shown=shown),
        )
    return value


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _no_duplicates(ids: list[str], field_id: str, what: str) -> None:
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            raise DefinitionError(
                field_id if what != "field id" else ident,
                _("duplicate {what} '{ident}'").format(what=_(what), ident=ident),
            )
        seen.add(ident)


def _options(raw: Any, field_id: str) -> tuple[Option, ...]:
    if not isinstance(raw, list) or not raw:
        raise DefinitionError(field_id, _("a choice needs a non-empty 'options' list"))
    if len(raw) > MAX_OPTIONS:
        raise DefinitionError(
            field_id, _("a choice may have at most {MAX_OPTIONS} options").format(MAX_OPTIONS=MAX_OPTIONS)
        )
    options = []
    for item in raw:
        if isinstance(item, str) and item.strip() and len(item) <= MAX_TEXT and not has_controls(item):
            derived = re.sub(r"[^a-z0-9]+", "-", item.lower()).strip("-")
            options.append(Option(_ident(derived[:64] or "option", field_id, N_("option id")), item.strip()))
        elif isinstance(item, dict) and set(item) <= {"id", "label", "means", "points"}:
            means = item.get("means", "")
            if means not in ("", *OPTION_MEANINGS):
                raise DefinitionError(
                    field_id, _("an option's 'means' must be one of: {join}").format(join=", ".join(OPTION_MEANINGS))
                )
            points = item.get("points")
            if points is not None and not (_whole(points) and 0 <= points <= 100):
                raise DefinitionError(field_id, _("an option's 'points' must be a whole number from 0 to 100"))
            options.append(
                Option(_ident(item.get("id"), field_id, N_("option id")), _text(item, "label", field_id), means, points)
            )
        else:
            raise DefinitionError(field_id, _("each option must be text or { id = ..., label = ... }"))
    _no_duplicates([o.id for o in options], field_id, N_("option id"))
    return tuple(options)


def _range(raw: dict[str, Any], field_id: str, what: str) -> tuple[int, int]:
    low, high = raw.get("min", 0), raw.get("max", 10)
    if (
        not (_whole(low) and _whole(high))
        or low >= high
        or high - low > MAX_SCALE_SPAN
        or max(abs(low), abs(high)) > MAX_SCALE_ABS
    ):
        raise DefinitionError(
            field_id,
            _(
                "{what} needs whole numbers with min < max (at most {MAX_SCALE_SPAN} apart, within ±{MAX_SCALE_ABS})"
            ).format(what=what, MAX_SCALE_SPAN=MAX_SCALE_SPAN, MAX_SCALE_ABS=MAX_SCALE_ABS),
        )
    return low, high


def _columns(raw: Any, field_id: str) -> tuple[Column, ...]:
    if not isinstance(raw, list) or not raw:
        raise DefinitionError(field_id, _("a table needs a non-empty 'columns' list"))
    if len(raw) > MAX_COLUMNS:
        raise DefinitionError(
            field_id, _("a table may have at most {MAX_COLUMNS} columns").format(MAX_COLUMNS=MAX_COLUMNS)
        )
    columns = []
    for item in raw:
        if not isinstance(item, dict) or not set(item) <= {"id", "label", "kind", "min", "max", "options"}:
            raise DefinitionError(field_id, _("each column must be { id = ..., label = ..., kind = ... }"))
        kind = item.get("kind", "text")
        if kind not in COLUMN_KINDS:
            raise DefinitionError(
                field_id,
                _("unknown column kind {value!r} (use one of: {join})").format(
                    value=str(kind)[:30], join=", ".join(COLUMN_KINDS)
                ),
            )
        if kind != "number" and ("min" in item or "max" in item):
            raise DefinitionError(field_id, _("only a number column takes 'min' and 'max'"))
        low, high = _range(item, field_id, _("a number column")) if kind == "number" else (0, 10)
        if (kind == "choice") != ("options" in item):
            raise DefinitionError(field_id, _("a choice column needs 'options' (and only a choice column takes them)"))
        options = _options(item["options"], field_id) if kind == "choice" else ()
        if any(o.means for o in options):
            raise DefinitionError(field_id, _("a column's options do not take 'means'"))
        columns.append(
            Column(
                _ident(item.get("id"), field_id, N_("column id")),
                _text(item, "label", field_id),
                ColumnKind(kind),
                low,
                high,
                options,
            )
        )
    _no_duplicates([c.id for c in columns], field_id, N_("column id"))
    return tuple(columns)


def _field(raw: Any, position: int) -> Field:
    if not isinstance(raw, dict):
        raise DefinitionError(f"#{position + 1}", _("each field must be a table ([[fields]])"))
    field_id: str = raw["id"] if isinstance(raw.get("id"), str) else f"#{position + 1}"
    _ident(raw.get("id"), field_id, N_("field id"))
    kind = raw.get("kind")
    if kind not in FIELD_KINDS:
        raise DefinitionError(
            field_id,
            _("unknown kind {value!r} (use one of: {join})").format(value=str(kind)[:30], join=", ".join(FIELD_KINDS)),
        )
    allowed = (
        _FIELD_KEYS["common"]
        | _FIELD_KEYS.get(kind, set())
        | (_FIELD_KEYS["item"] if raw.get("role") == "item" else set())
    )
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise DefinitionError(
            field_id, _("unknown key(s) {value} for a {kind} field").format(value=", ".join(unknown)[:200], kind=kind)
        )
    for flag in ("required", "multiple", "other", "suggest", "alert"):
        if not isinstance(raw.get(flag, False), bool):
            raise DefinitionError(field_id, _("'{flag}' must be true or false").format(flag=flag))
    settings: dict[str, Any] = {}
    if kind == "scale":
        low, high = _range(raw, field_id, _("a scale"))
        settings = {
            "min": low,
            "max": high,
            "min_label": _text(raw, "min_label", field_id, required=False),
            "max_label": _text(raw, "max_label", field_id, required=False),
            "unit": _text(raw, "unit", field_id, required=False)[:20],
            "unit_one": _text(raw, "unit_one", field_id, required=False)[:20],
        }
    elif kind == "choice":
        settings = {
            "options": _options(raw.get("options"), field_id),
            "multiple": raw.get("multiple", False),
            "other": raw.get("other", False),
        }
    elif kind == "table":
        settings = {"columns": _columns(raw.get("columns"), field_id)}
    for key, role, kinds, wrong_role in (
        ("ahead_days", "when", ("date", "datetime"), N_("'ahead_days' is for the date with the role 'when'")),
        ("notice_days", "due", ("date",), N_("'notice_days' is for a date with the role 'due'")),
    ):
        if kind in kinds and key in raw:
            if raw.get("role") != role:
                raise DefinitionError(field_id, _(wrong_role))
            settings[key] = _days(raw[key], key, field_id)
    default = raw.get("default")
    if default is not None and not (
        (kind in ("date", "datetime") and default in ("today", "now"))
        or (kind == "date" and default == "tomorrow" and raw.get("ahead_days", 0) >= 1)
        or (kind == "choice" and default in [o.id for o in settings["options"]])
    ):
        raise DefinitionError(
            field_id,
            _('\'default\' may only be "today"/"now" (dates; "tomorrow" with ahead_days) or an option id (choices)'),
        )
    role = raw.get("role", "")
    if role != "":
        _role(role, kind, field_id, settings)
    short = _text(raw, "short", field_id, required=False)
    if len(short) > 40:
        raise DefinitionError(field_id, _("'short' is a short name: at most 40 characters"))
    return Field(
        id=field_id,
        kind=Kind(kind),
        label=_text(raw, "label", field_id),
        short=short,
        suggest=raw.get("suggest", False),
        alert=raw.get("alert", False),
        help=_text(raw, "help", field_id, required=False),
        required=raw.get("required", False),
        section=_text(raw, "section", field_id, required=False),
        default=default,
        role=Role(role) if role != "" else None,
        **settings,
    )


def _days(value: Any, key: str, field_id: str) -> int:
    """A whole number of days for ``key`` (``ahead_days``, ``notice_days``), checked."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_NOTICE_DAYS:
        raise DefinitionError(
            field_id,
            _("'{key}' must be a whole number of days from 0 to {MAX_NOTICE_DAYS}").format(
                key=key, MAX_NOTICE_DAYS=MAX_NOTICE_DAYS
            ),
        )
    return value


def _role(role: Any, kind: str, field_id: str, settings: dict[str, Any]) -> None:
    if not isinstance(role, str) or role not in ROLE_KINDS:
        raise DefinitionError(
            field_id,
            _("unknown role {value!r} (use one of: {join})").format(value=str(role)[:30], join=", ".join(ROLE_KINDS)),
        )
    role = Role(role)
    if kind not in ROLE_KINDS[role]:
        raise DefinitionError(
            field_id,
            _("the role '{role}' needs a field of kind {join}, not {kind}").format(
                role=role, join=" or ".join(ROLE_KINDS[role]), kind=kind
            ),
        )
    if role == Role.OUTCOME:
        if settings["multiple"] or settings["other"]:
            raise DefinitionError(field_id, _("an outcome is one choice from the list (no 'multiple', no 'other')"))
        if not any(o.means == "use" for o in settings["options"]):
            raise DefinitionError(field_id, _('an outcome needs an option with means = "use"'))
    elif role in (Role.MEDICATION, Role.MEETING) and kind == "choice" and (settings["multiple"] or settings["other"]):
        raise DefinitionError(
            field_id, _("the role '{role}' is one choice from the list (no 'multiple', no 'other')").format(role=role)
        )
    elif role in (Role.TRIGGER, Role.HALT) and not settings["multiple"]:
        raise DefinitionError(field_id, _("the role '{role}' needs 'multiple = true'").format(role=role))
    elif role == Role.ITEM:
        if settings["multiple"] or settings["other"]:
            raise DefinitionError(
                field_id, _("a scored question is one choice from the list (no 'multiple', no 'other')")
            )
        if any(o.points is None for o in settings["options"]):
            raise DefinitionError(field_id, _("every option of a scored question needs 'points'"))
    if role == Role.PLAN_ROWS and sum(1 for c in settings["columns"] if c.kind == "text") < 2:
        raise DefinitionError(
            field_id, _("a 'plan-rows' table needs two text columns: a situation, then what to do about it")
        )
    if role == Role.TASKS and not any(c.kind == "text" for c in settings["columns"]):
        raise DefinitionError(field_id, _("a 'tasks' table needs a text column that names each task"))
    if role == Role.MEDICATION and not any(o.means in ("taken", "missed") for o in settings["options"]):
        raise DefinitionError(field_id, _('a \'medication\' choice needs options with means = "taken" or "missed"'))
    if role == Role.MEETING and kind == "choice" and not any(o.means == "attended" for o in settings["options"]):
        raise DefinitionError(field_id, _("a 'meeting' choice needs an option with means = \"attended\""))


def _check_roles(fields: tuple[Field, ...]) -> None:
    for role in SINGLE_ROLES:
        playing = [f.id for f in fields if f.role == role]
        if len(playing) > 1:
            raise DefinitionError(
                playing[1],
                _("only one field may have the role '{role}' (already '{value}')").format(role=role, value=playing[0]),
            )
    roles = {f.role for f in fields}
    if "intensity-end" in roles and "intensity" not in roles:
        end = next(f for f in fields if f.role == Role.INTENSITY_END)
        raise DefinitionError(end.id, _("the role 'intensity-end' needs another field with the role 'intensity'"))
    for field in fields:
        if field.role != Role.ITEM and any(o.points is not None for o in field.options):
            raise DefinitionError(field.id, _("only a scored question (role = \"item\") has options with 'points'"))
        if field.kind != "choice" and any(o.means for o in field.options):
            raise DefinitionError(field.id, _("only a choice's options take 'means'"))
        allowed = ROLE_MEANINGS.get(field.role, ()) if field.role is not None else ()
        wrong = [o.means for o in field.options if o.means and o.means not in allowed]
        if wrong:
            raise DefinitionError(
                field.id,
                _("'means = \"{means}\"' does not fit this field (use it on a field with the role {roles})").format(
                    means=wrong[0], roles=" or ".join(r for r, m in ROLE_MEANINGS.items() if wrong[0] in m)
                ),
            )


MAX_KEY_PARTS = 32  # a worksheet's deepest key has five ("translations.es.fields.x.options")
# Python's TOML reader takes time and memory that grow with the square of a dotted key's parts
# (a 100 KB key of 50,000 parts: 40 s and 10 GB), so such a key is refused before it reads.
# Each repetition starts at a dot and never gives back what it took (possessive), so the
# search is linear however long the runs of letters are.
_DEEP_KEY = re.compile(rf"""(?:\.[ \t]*+(?:[A-Za-z0-9_-]++|"[^"\n]*+"|'[^'\n]*+')[ \t]*+){{{MAX_KEY_PARTS}}}""")


def _toml_refusal(detail: str) -> str:
    """Where the TOML parser stopped, in the person's language (its own words are English
    only, so they are left out when it names the place)."""
    at = re.search(r"at line (\d+), column (\d+)", detail)
    if at is None:
        return _("not valid TOML (check its quotes, brackets and equals signs)")
    return _("not valid TOML: look at line {line}, column {column}").format(line=at[1], column=at[2])


class ParsedMemory(Protocol):
    """What the TOML parser made of a definition's words, kept between runs (the store keeps
    it: ``workbook.store.worksheet_memory``). Parsing the shipped worksheets' TOML was about
    half of loading them, and loading them a tenth of every start and of ``status --prompt``."""

    def recall(self, text: str) -> dict[str, Any] | None: ...

    def keep(self, text: str, raw: dict[str, Any]) -> None: ...


def parse_exercise(text: str, source: str, memory: ParsedMemory | None = None) -> Exercise:
    """Parse and validate one definition; raise ``DefinitionError`` on the first problem.
    ``memory`` may hold the words already parsed; what it holds is checked like any TOML."""
    kept = memory.recall(text) if memory is not None else None
    if kept is not None:
        try:
            return _exercise(kept, source)
        except Exception:  # kept wrongly (a damaged or altered cache): read the words themselves
            pass
    raw = _parsed_toml(text)
    exercise = _exercise(raw, source)
    if memory is not None:
        memory.keep(text, raw)  # only a definition that loads is kept
    return exercise


def _parsed_toml(text: str) -> dict[str, Any]:
    if _DEEP_KEY.search(text):
        raise DefinitionError("", _("a key has more than {count} dotted parts").format(count=MAX_KEY_PARTS))
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError("", _toml_refusal(str(exc))) from None
    except RecursionError:
        raise DefinitionError("", _("not valid TOML (nested too deeply)")) from None


def _exercise(raw: dict[str, Any], source: str) -> Exercise:
    """One definition from its parsed TOML, checked; ``DefinitionError`` on the first problem."""
    unknown = sorted(set(raw) - _EXERCISE_KEYS)
    if unknown:
        raise DefinitionError("", _("unknown key(s) {value}").format(value=", ".join(unknown)[:200]))
    exercise_id = _ident(raw.get("id"), "", N_("exercise id"))
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= MAX_VERSION:
        raise DefinitionError(
            "", _("'version' must be a whole number from 1 to {MAX_VERSION}").format(MAX_VERSION=MAX_VERSION)
        )
    kind = raw.get("kind", "log")
    if kind not in EXERCISE_KINDS:
        raise DefinitionError("", _("'kind' must be one of: {join}").format(join=", ".join(EXERCISE_KINDS)))
    raw_fields = raw.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        raise DefinitionError("", _("a worksheet needs at least one [[fields]] entry"))
    if len(raw_fields) > MAX_FIELDS:
        raise DefinitionError("", _("a worksheet may have at most {MAX_FIELDS} fields").format(MAX_FIELDS=MAX_FIELDS))
    fields = tuple(_field(item, i) for i, item in enumerate(raw_fields))
    _no_duplicates([f.id for f in fields], "", N_("field id"))
    _check_roles(fields)
    summary = raw.get("summary", [fields[0].id])
    if not isinstance(summary, list) or not summary or any(s not in {f.id for f in fields} for s in summary):
        raise DefinitionError("", _("'summary' must list ids of this worksheet's fields"))
    prompts = raw.get("prompts", [])
    if not isinstance(prompts, list) or not all(
        isinstance(p, str) and p.strip() and len(p) <= MAX_TEXT and not has_controls(p) for p in prompts
    ):
        raise DefinitionError("", _("'prompts' must be a list of text"))
    bands = _bands(raw.get("bands"), fields)
    every = raw.get("remind_every_days")
    if every is not None and not (_whole(every) and 1 <= every <= 365):
        raise DefinitionError("", _("'remind_every_days' must be a whole number from 1 to 365"))
    if every is not None and not bands:
        raise DefinitionError("", _("'remind_every_days' is for a self-check (a worksheet with 'bands')"))
    rise = raw.get("notable_rise")
    if rise is not None and not (_whole(rise) and 1 <= rise <= 1000 and bands):
        raise DefinitionError("", _("'notable_rise' is a whole number of points, for a self-check (with 'bands')"))
    english = Exercise(
        id=exercise_id,
        version=version,
        title=_text(raw, "title", ""),
        intro=" ".join(_text(raw, "intro", "").split()),
        fields=fields,
        kind=ExerciseKind(kind),
        summary=tuple(summary),
        prompts=tuple(p.strip() for p in prompts),
        source=source,
        bands=bands,
        remind_every_days=every,
        notable_rise=rise,
        codes=_codes(raw.get("codes"), fields, bands),
        subscales=_subscales(raw.get("subscales"), fields, bands),
        note=" ".join(_text(raw, "note", "", required=False).split()),
    )
    return replace(english, translations=parse_translations(raw.get("translations"), english))


def _bands(raw: Any, fields: tuple[Field, ...]) -> tuple[Band, ...]:
    """A self-check's bands: they must cover every possible score, from 0 to the highest, once."""
    if raw is None:
        return ()
    items = [f for f in fields if f.role == Role.ITEM]
    if not items:
        raise DefinitionError("", _("'bands' are for a worksheet with scored questions (role = \"item\")"))
    return _band_list(raw, sum(max((o.points or 0) for o in f.options) for f in items), "")


def _band_list(raw: Any, top: int, where: str) -> tuple[Band, ...]:
    """Bands that cover every score from 0 to ``top`` once, in order."""
    if (
        not isinstance(raw, list)
        or not raw
        or not all(
            isinstance(b, dict) and {"from", "to", "label"} <= set(b) <= {"from", "to", "label", "attention", "urgent"}
            for b in raw
        )
    ):
        raise DefinitionError(where, _("'bands' must be a list of { from = ..., to = ..., label = ... }"))
    if any(not isinstance(b.get(key, False), bool) for b in raw for key in ("attention", "urgent")):
        raise DefinitionError(where, _("a band's 'attention' and 'urgent' must be true or false"))
    bands = []
    expected = 0
    for band in raw:
        low, high = band["from"], band["to"]
        if not (_whole(low) and _whole(high)) or low != expected or high < low:
            raise DefinitionError(
                where,
                _("'bands' must run on from 0 without gaps (expected one from {expected})").format(expected=expected),
            )
        bands.append(
            Band(low, high, _text(band, "label", where), band.get("attention", False), band.get("urgent", False))
        )
        expected = high + 1
    if expected - 1 != top:
        raise DefinitionError(where, _("'bands' must end at the highest possible score, {top}").format(top=top))
    return tuple(bands)


CODE_SYSTEM = re.compile(r"^[a-z][a-z0-9+.-]*:[^\s]{1,200}$")
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")


def _code(value: Any, where: str, what: str) -> str:
    if not isinstance(value, str) or not CODE.fullmatch(value):
        raise DefinitionError(
            where, _("{what} must be a code of letters, digits, '.', '-', ':' or '_' (at most 64)").format(what=what)
        )
    return value


def _codes(raw: Any, fields: tuple[Field, ...], bands: tuple[Band, ...]) -> Codes | None:
    """A self-check's codes: a code system (a URI), its panel and total, a code per question
    and per answer option, each naming this worksheet's own ids."""
    if raw is None:
        return None
    if not bands:
        raise DefinitionError("", _("'codes' are for a self-check (a worksheet with 'bands')"))
    if not isinstance(raw, dict) or not set(raw) <= {"system", "panel", "total", "items", "answers"}:
        raise DefinitionError("", _("'codes' is a table of system, panel, total, items and answers"))
    system = raw.get("system")
    if not isinstance(system, str) or not CODE_SYSTEM.fullmatch(system):
        raise DefinitionError("", _("'codes.system' must be the code system's URI, such as http://loinc.org"))
    field_ids = {f.id for f in fields}
    option_ids = {o.id for f in fields for o in f.options}
    pairs: dict[str, tuple[tuple[str, str], ...]] = {}
    for key, known, what in (("items", field_ids, N_("field id")), ("answers", option_ids, N_("option id"))):
        table = raw.get(key, {})
        if not isinstance(table, dict):
            raise DefinitionError("", _("'codes.{key}' must be a table of id = code").format(key=key))
        unknown = sorted(str(k) for k in table if k not in known)
        if unknown:
            raise DefinitionError(
                "", _("'codes.{key}' names an unknown {what}: {value}").format(key=key, what=_(what), value=unknown[0])
            )
        pairs[key] = tuple((k, _code(v, "", f"codes.{key}.{k}")) for k, v in table.items())
    return Codes(
        system,
        _code(raw["panel"], "", "codes.panel") if "panel" in raw else "",
        _code(raw["total"], "", "codes.total") if "total" in raw else "",
        pairs["items"],
        pairs["answers"],
    )


def _subscales(raw: Any, fields: tuple[Field, ...], bands: tuple[Band, ...]) -> tuple[Subscale, ...]:
    """Named sums of some of a self-check's questions, each with bands over its own range."""
    if raw is None:
        return ()
    if not bands:
        raise DefinitionError("", _("'subscales' are for a self-check (a worksheet with 'bands')"))
    if not isinstance(raw, list) or len(raw) > 20:
        raise DefinitionError("", _("'subscales' must be a list of at most 20 tables"))
    scored = {f.id: f for f in fields if f.role == Role.ITEM}
    found = []
    for number, item in enumerate(raw):
        if not isinstance(item, dict) or not {"id", "label", "items", "bands"} <= set(item) <= {
            "id",
            "label",
            "items",
            "bands",
            "code",
        }:
            raise DefinitionError("", _("a subscale is a table of id, label, items, bands and (optionally) code"))
        ident = _ident(item.get("id"), f"subscales[{number}]", N_("subscale id"))
        items = item.get("items")
        if (
            not isinstance(items, list)
            or not items
            or not all(isinstance(i, str) and i in scored for i in items)
            or len(set(items)) != len(items)
        ):
            raise DefinitionError(ident, _("a subscale's 'items' must list its scored questions' ids, each once"))
        top = sum(max((o.points or 0) for o in scored[i].options) for i in items)
        code = _code(item["code"], ident, "code") if "code" in item else ""
        found.append(
            Subscale(ident, _text(item, "label", ident), tuple(items), _band_list(item["bands"], top, ident), code)
        )
    _no_duplicates([s.id for s in found], "", N_("subscale id"))
    return tuple(found)


def load_shipped(worksheet_id: str) -> Exercise | None:
    """One worksheet that comes with the program, read from its own file (``ID.toml``) and
    nothing else: what a one-line command from the shell needs, without parsing them all.
    ``None`` when it is not there or does not load (the full loader then says why)."""
    path = _shipped_folder() / f"{worksheet_id}.toml"
    try:
        exercise = parse_exercise(path.read_text(encoding="utf-8"), f"exercises/{worksheet_id}.toml")
    except (OSError, DefinitionError):
        return None
    return localized(exercise, language()) if exercise.id == worksheet_id else None


def shipped_definitions() -> list[tuple[str, str]]:
    """(name, text) of the worksheets that come with the program."""
    folder = _shipped_folder()
    return sorted((p.name, p.read_text(encoding="utf-8")) for p in folder.glob("*.toml"))


def _shipped_folder() -> Path:
    """Where the shipped worksheets are: inside the installed package (``workbook/_exercises``,
    see pyproject.toml), else ``exercises/`` of a source checkout or an editable install. A
    path beside this module rather than ``importlib.resources``: the program runs from files
    (Typst reads its fonts and templates from them too), and the resources machinery was a few
    milliseconds of every start and every command from the shell."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "_exercises"
    return packaged if packaged.is_dir() else package.parent / "exercises"


def read_definition(path: Path) -> str:
    """The text of a definition file (``DefinitionError`` when it cannot be one)."""
    try:
        raw = read_regular_file(path, MAX_DEFINITION_BYTES)
    except NotARegularFileError as exc:
        raise DefinitionError("", _("cannot be used: {reason}").format(reason=exc.reason)) from None
    except OSError as exc:
        raise DefinitionError("", _("cannot be read ({value})").format(value=os_reason(exc))) from None
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark some editors write is fine
    except UnicodeDecodeError:
        raise DefinitionError("", _("cannot be read (it is not UTF-8 text)")) from None


def load_file(path: Path) -> Exercise:
    """Load one definition file (``DefinitionError`` when it is broken)."""
    return parse_exercise(read_definition(path), str(path))


def _user_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.name.endswith(".toml"))
    except OSError:
        return []


_made: dict[tuple[str, str], Exercise] = {}


def _parsed(text: str, source: str, memory: ParsedMemory | None = None) -> Exercise:
    """``parse_exercise``, kept for the process: the same words always make the same (frozen)
    worksheet, so a second workbook opened in one process (the tests, a caseload) parses
    none again. A definition that fails is not kept: its reason is said in the language of
    the moment."""
    found = _made.get((text, source))
    if found is None:
        found = parse_exercise(text, source, memory)
        if len(_made) >= 256:  # a person's folder of drafts being edited: never grows without end
            _made.clear()
        _made[(text, source)] = found
    return found


def load_exercises(
    extra_dirs: list[Path] | None = None, memory: ParsedMemory | None = None
) -> tuple[dict[str, Exercise], list[Problem]]:
    """All good worksheets by id (shipped first, then the person's own), and every problem found.
    ``memory`` keeps the shipped worksheets' parsed words between runs (never the person's own)."""
    from workbook.worksheets.builtin import contract_problems

    found: dict[str, Exercise] = {}
    problems: list[Problem] = []
    shipped = [(f"exercises/{name}", text, memory) for name, text in shipped_definitions()]
    own: list[tuple[str, str, ParsedMemory | None]] = []
    for folder in extra_dirs or []:
        if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
            problems.append(Problem(str(folder), "", _("is not a folder, so no worksheets were read from it")))
            continue
        for path in _user_files(folder):
            try:
                own.append((str(path), read_definition(path), None))
            except DefinitionError as exc:
                problems.append(Problem(str(path), "", exc.reason))
    for source, text, kept in shipped + own:
        try:
            exercise = _parsed(text, source, kept)
        except DefinitionError as exc:
            problems.append(Problem(source, exc.field_id, exc.reason))
            continue
        if exercise.id in found:
            problems.append(
                Problem(
                    source,
                    "",
                    _("exercise id '{id}' is already used by {source}").format(
                        id=exercise.id, source=found[exercise.id].source
                    ),
                )
            )
            continue
        found[exercise.id] = exercise
    problems += contract_problems(found)
    speaking = language()
    return {key: localized(exercise, speaking) for key, exercise in found.items()}, problems
