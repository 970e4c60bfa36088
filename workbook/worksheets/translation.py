"""Provides worksheets in more than one language: ``parse_translations`` (a definition's
``[translations.LANG]`` tables, checked), ``localized`` (the same worksheet with its words in
another language) and ``missing_translations`` (what a translation leaves out).

A translation names the same stable ids as the English (fields, options, columns), and
answers are saved by those ids, so an entry typed in Spanish exports in English and the
other way round. Only words are translated: kinds, ranges, roles and points stay with the
English definition, the one the answers are checked against.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from workbook.common.i18n import ENGLISH, LANGUAGES, PSEUDO, _, pseudo
from workbook.common.printable import has_controls
from workbook.worksheets.definition import Column, DefinitionError, Exercise, Field, Option, Subscale

MAX_TEXT = 5000
_TOP_KEYS = {"title", "intro", "note", "prompts", "bands", "fields", "subscales"}
_FIELD_TEXTS = ("label", "short", "help", "section", "min_label", "max_label", "unit", "unit_one")


# The English's own limits: a short name fits a narrow column, a unit follows a number.
_LONGEST = {"short": 40, "unit": 20, "unit_one": 20}


def _words(value: Any, where: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT or has_controls(value):
        raise DefinitionError(
            where,
            _("'{key}' in a translation must be text (at most 5000 characters, no control characters)").format(key=key),
        )
    if len(value) > _LONGEST.get(key, MAX_TEXT):
        raise DefinitionError(
            where,
            _("'{key}' in a translation may have at most {count} characters").format(key=key, count=_LONGEST[key]),
        )
    return " ".join(value.split())


def _labels(raw: Any, options: tuple[Option, ...], where: str) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise DefinitionError(where, _("'options' in a translation must be a table of option id = label"))
    known = {o.id for o in options}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise DefinitionError(
            where, _("the translation names unknown option(s) {value}").format(value=", ".join(unknown)[:200])
        )
    labels = {key: _words(value, where, f"options.{key}") for key, value in raw.items()}
    if len(set(labels.values())) < len(labels):  # two options a person could not tell apart
        raise DefinitionError(where, _("two options have the same translation"))
    return labels


def _field_table(raw: Any, field: Field) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise DefinitionError(field.id, _("a field's translation must be a table"))
    unknown = sorted(set(raw) - {*_FIELD_TEXTS, "options", "columns"})
    if unknown:
        raise DefinitionError(
            field.id, _("unknown key(s) {value} in a translation").format(value=", ".join(unknown)[:200])
        )
    extra = sorted(key for key in _FIELD_TEXTS if key in raw and not getattr(field, key))
    if extra:
        raise DefinitionError(
            field.id,
            _("the translation gives {keys}, which the English field does not have (it would never be shown)").format(
                keys=", ".join(extra)
            ),
        )
    table: dict[str, Any] = {key: _words(raw[key], field.id, key) for key in _FIELD_TEXTS if key in raw}
    if "options" in raw:
        table["options"] = _labels(raw["options"], field.options, field.id)
    if "columns" in raw:
        columns = raw["columns"]
        if not isinstance(columns, dict) or not set(columns) <= {c.id for c in field.columns}:
            raise DefinitionError(field.id, _("'columns' in a translation must name this table's column ids"))
        table["columns"] = {}
        for column in field.columns:
            if column.id not in columns:
                continue
            item = columns[column.id]
            if not isinstance(item, dict) or not set(item) <= {"label", "options"}:
                raise DefinitionError(field.id, _("a column's translation is { label = ..., options = { ... } }"))
            entry: dict[str, Any] = (
                {"label": _words(item["label"], field.id, f"columns.{column.id}.label")} if "label" in item else {}
            )
            if "options" in item:
                entry["options"] = _labels(item["options"], column.options, field.id)
            table["columns"][column.id] = entry
    return table


def parse_translations(raw: Any, exercise: Exercise) -> dict[str, dict[str, Any]]:
    """The checked ``[translations]`` of a definition, by language (``DefinitionError`` if broken)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not set(raw) <= set(LANGUAGES) - {ENGLISH}:
        raise DefinitionError(
            "",
            _("'translations' takes one table per language: {join}").format(
                join=", ".join(sorted(set(LANGUAGES) - {ENGLISH}))
            ),
        )
    found: dict[str, dict[str, Any]] = {}
    for lang, table in raw.items():
        if not isinstance(table, dict) or not set(table) <= _TOP_KEYS:
            raise DefinitionError(
                "", _("[translations.{lang}] takes only: {join}").format(lang=lang, join=", ".join(sorted(_TOP_KEYS)))
            )
        done: dict[str, Any] = {key: _words(table[key], "", key) for key in ("title", "intro", "note") if key in table}
        for key, count in (("prompts", len(exercise.prompts)), ("bands", len(exercise.bands))):
            if key in table:
                value = table[key]
                if not isinstance(value, list) or len(value) != count:
                    raise DefinitionError(
                        "",
                        _("[translations.{lang}] '{key}' must list {count} texts, in the English order").format(
                            lang=lang, key=key, count=count
                        ),
                    )
                done[key] = [_words(v, "", key) for v in value]
        fields = table.get("fields", {})
        if not isinstance(fields, dict):
            raise DefinitionError("", _("[translations.{lang}.fields] must be a table of field ids").format(lang=lang))
        unknown = sorted(set(fields) - {f.id for f in exercise.fields})
        if unknown:
            raise DefinitionError(
                "", _("the translation names unknown field(s) {value}").format(value=", ".join(unknown)[:200])
            )
        done["fields"] = {f.id: _field_table(fields[f.id], f) for f in exercise.fields if f.id in fields}
        done["subscales"] = _subscale_tables(table.get("subscales", {}), exercise, lang)
        found[lang] = done
    return found


def _subscale_tables(raw: Any, exercise: Exercise, lang: str) -> dict[str, dict[str, Any]]:
    """``[translations.LANG.subscales.ID]``: a subscale's label and its bands' labels."""
    known = {s.id: s for s in exercise.subscales}
    if not isinstance(raw, dict) or not set(raw) <= set(known):
        raise DefinitionError(
            "", _("[translations.{lang}.subscales] must be a table of this worksheet's subscale ids").format(lang=lang)
        )
    found: dict[str, dict[str, Any]] = {}
    for ident, table in raw.items():
        bands = table.get("bands", []) if isinstance(table, dict) else None
        if (
            not isinstance(table, dict)
            or not set(table) <= {"label", "bands"}
            or not isinstance(bands, list)
            or len(bands) not in (0, len(known[ident].bands))
        ):
            raise DefinitionError(
                ident, _("a subscale's translation takes a label and its bands' labels, in the English order")
            )
        found[ident] = {key: _words(table[key], ident, key) for key in ("label",) if key in table}
        if bands:
            found[ident]["bands"] = [_words(b, ident, "bands") for b in bands]
    return found


def _option(option: Option, labels: dict[str, str], words: Any) -> Option:
    return replace(option, label=words(labels.get(option.id, option.label)))


def _column(column: Column, table: dict[str, Any], words: Any) -> Column:
    labels = table.get("options", {})
    return replace(
        column,
        label=words(table.get("label", column.label)),
        options=tuple(_option(o, labels, words) for o in column.options),
    )


def _field(field: Field, table: dict[str, Any], words: Any) -> Field:
    texts = {key: words(table.get(key, getattr(field, key))) for key in _FIELD_TEXTS if getattr(field, key)}
    labels = table.get("options", {})
    columns = table.get("columns", {})
    return replace(
        field,
        **texts,
        options=tuple(_option(o, labels, words) for o in field.options),
        columns=tuple(_column(c, columns.get(c.id, {}), words) for c in field.columns),
    )


def _subscale(subscale: Subscale, table: dict[str, Any], words: Any) -> Subscale:
    labels = table.get("bands", [b.label for b in subscale.bands])
    return replace(
        subscale,
        label=words(table.get("label", subscale.label)),
        bands=tuple(replace(b, label=words(label)) for b, label in zip(subscale.bands, labels, strict=False)),
    )


def localized(exercise: Exercise, lang: str) -> Exercise:
    """``exercise`` with its words in ``lang`` where it has them (English where it does not)."""
    english = exercise.english or exercise
    if lang == ENGLISH or (lang not in english.translations and lang != PSEUDO):
        return english
    table: dict[str, Any] = english.translations.get(lang, {})

    def words(text: str) -> str:
        return pseudo(text) if lang == PSEUDO else text

    fields = table.get("fields", {})
    prompts = table.get("prompts", english.prompts)
    bands = table.get("bands", [b.label for b in english.bands])
    return replace(
        english,
        title=words(table.get("title", english.title)),
        intro=words(table.get("intro", english.intro)),
        note=words(table.get("note", english.note)) if english.note else "",
        prompts=tuple(words(p) for p in prompts),
        bands=tuple(replace(b, label=words(label)) for b, label in zip(english.bands, bands, strict=False)),
        fields=tuple(_field(f, fields.get(f.id, {}), words) for f in english.fields),
        subscales=tuple(_subscale(s, table.get("subscales", {}).get(s.id, {}), words) for s in english.subscales),
        english=english,
        language=lang,
    )


def missing_translations(exercise: Exercise, lang: str) -> list[str]:
    """What ``lang``'s translation of ``exercise`` leaves in English, named for the person who writes it."""
    english = exercise.english or exercise
    table = english.translations.get(lang)
    if table is None:
        return [_("the whole worksheet")]
    missing = [key for key in ("title", "intro") if key not in table]
    missing += [
        key
        for key, present in (("note", english.note), ("prompts", english.prompts), ("bands", english.bands))
        if present and key not in table
    ]
    for subscale in english.subscales:
        words = table.get("subscales", {}).get(subscale.id, {})
        missing += [f"subscales.{subscale.id}.{key}" for key in ("label", "bands") if key not in words]
    fields = table.get("fields", {})
    for field in english.fields:
        found = fields.get(field.id, {})
        missing += [f"{field.id}.{key}" for key in _FIELD_TEXTS if getattr(field, key) and key not in found]
        missing += [f"{field.id}.options.{o.id}" for o in field.options if o.id not in found.get("options", {})]
        for column in field.columns:
            item = found.get("columns", {}).get(column.id, {})
            if "label" not in item:
                missing.append(f"{field.id}.columns.{column.id}")
            missing += [
                f"{field.id}.columns.{column.id}.options.{o.id}"
                for o in column.options
                if o.id not in item.get("options", {})
            ]
    return missing
