"""Provides ``build_schema``: the JSON Schema of the complete export, made from the same
worksheet definitions and limits the importer checks with.

``docs/export-format.schema.json`` is this function's output for the shipped worksheets
(a test keeps the file and the importer in step; another feeds both the same generated
files). What a JSON Schema cannot say is listed in ``docs/export-format.md``: the same id
twice in one file, 7.0 for the whole number 7, and a date-and-time such as 2026-02-30 10:00
that matches the pattern but is not on the calendar.
"""

from __future__ import annotations

from typing import Any

from workbook.common.i18n import _
from workbook.export.json_backup import FORMAT_NAME, FORMAT_VERSION, MAX_ENTRIES
from workbook.worksheets.answers import MAX_ITEMS, MAX_TEXT_ANSWER
from workbook.worksheets.definition import MAX_VERSION, Column, Exercise, Field
from workbook.worksheets.entry_check import INT64, MAX_DEPTH, MAX_REVISIONS

YEAR = "(19|2[0-9])[0-9]{2}"
DATE = f"^{YEAR}-[0-9]{{2}}-[0-9]{{2}}$"
DATETIME = f"^{YEAR}-[0-9]{{2}}-[0-9]{{2}}[ T][0-9]{{2}}:[0-9]{{2}}$"
STAMP = (
    f"^{YEAR}-[0-9]{{2}}-[0-9]{{2}}T[0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}(\\.[0-9]{{1,6}})?(Z|[+-][0-9]{{2}}:[0-9]{{2}})$"
)
FIELD_ID = "^[a-z][a-z0-9_-]{0,63}$"
ENTRY_ID = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$"

TEXT = {"type": "string", "maxLength": MAX_TEXT_ANSWER}
BLANK: list[dict[str, Any]] = [{"type": "null"}, {"type": "string", "pattern": "^\\s*$"}]
EMPTY: list[dict[str, Any]] = [*BLANK, {"type": "array", "maxItems": 0}, {"type": "object", "maxProperties": 0}]


def _storable(level: int) -> dict[str, Any]:
    scalars: list[dict[str, Any]] = [
        {"type": ["null", "boolean", "string"]},
        {"type": "integer", "minimum": -INT64, "maximum": INT64 - 1},
        {"type": "number"},
    ]
    if level >= MAX_DEPTH:
        inner: list[dict[str, Any]] = [{"type": "array", "maxItems": 0}, {"type": "object", "maxProperties": 0}]
    else:
        below = {"$ref": f"#/$defs/storable{level + 1}"}
        inner = [{"type": "array", "items": below}, {"type": "object", "additionalProperties": below}]
    return {"anyOf": [*scalars, *inner]}


def _date() -> dict[str, Any]:
    return {"type": "string", "pattern": DATE, "format": "date"}


def _column(column: Column) -> dict[str, Any]:
    if column.kind == "check":
        kind: dict[str, Any] = {"type": "boolean"}
    elif column.kind == "number":
        kind = {
            "anyOf": [
                {"type": "integer", "minimum": column.min, "maximum": column.max},
                {"enum": [str(n) for n in range(max(column.min, 0), column.max + 1)]},
            ]
        }
    elif column.kind == "date":
        kind = _date()
    elif column.kind == "choice":
        kind = {"enum": [o.id for o in column.options]}
    else:
        kind = TEXT
    return {"anyOf": [*BLANK, kind]}


def _choice(spec: Field) -> dict[str, Any]:
    ids = [o.id for o in spec.options]
    one: dict[str, Any] = TEXT if spec.other else {"enum": ids}
    if spec.multiple:
        return {"type": "array", "maxItems": MAX_ITEMS, "items": one}
    return one


def field_schema(spec: Field) -> dict[str, Any]:
    """The schema of one answer: unanswered (empty) or the kind's own shape."""
    kind: dict[str, Any]
    if spec.kind == "scale":
        kind = {"type": "integer", "minimum": spec.min, "maximum": spec.max}
    elif spec.kind in ("text", "long_text"):
        kind = TEXT
    elif spec.kind == "date":
        kind = _date()
    elif spec.kind == "datetime":
        kind = {"type": "string", "pattern": DATETIME}
    elif spec.kind == "choice":
        kind = _choice(spec)
    elif spec.kind == "list":
        kind = {"type": "array", "maxItems": MAX_ITEMS, "items": TEXT}
    else:  # table
        kind = {
            "type": "array",
            "maxItems": MAX_ITEMS,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "properties": {c.id: _column(c) for c in spec.columns},
            },
        }
    return {"anyOf": [*EMPTY, kind], "description": spec.label}


def _answers(exercise: Exercise | None) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "propertyNames": {"pattern": FIELD_ID},
        "additionalProperties": {"$ref": "#/$defs/storable0"},
    }
    if exercise is not None:
        schema["properties"] = {f.id: field_schema(f) for f in exercise.fields}
    return schema


def _revision(answers: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["saved", "answers"],
        "additionalProperties": False,
        "properties": {
            "saved": {"type": "string", "pattern": STAMP, "format": "date-time"},
            "exercise_version": {"type": "integer", "minimum": 1, "maximum": MAX_VERSION},
            "private": {"type": "boolean"},
            "answers": answers,
        },
    }


def _per_worksheet(exercise: Exercise) -> dict[str, Any]:
    checked = {"$ref": f"#/$defs/answers-{exercise.id}"}
    same_version: dict[str, Any] = {"properties": {"exercise_version": {"const": exercise.version}}}
    if exercise.version == 1:  # a revision without a version was written for version 1
        same_version = {
            "anyOf": [same_version | {"required": ["exercise_version"]}, {"not": {"required": ["exercise_version"]}}]
        }
    else:
        same_version |= {"required": ["exercise_version"]}
    # Answers are held to the worksheet's fields only when written for its current version
    # (a question may have changed kind since); an entry and each earlier version alike.
    fits = {"if": same_version, "then": {"properties": {"answers": checked}}}
    return {
        "if": {"properties": {"exercise": {"const": exercise.id}}},
        "then": {"allOf": [fits], "properties": {"revisions": {"items": fits}}},
    }


def build_schema(exercises: dict[str, Exercise]) -> dict[str, Any]:
    """The JSON Schema (2020-12) of an export file that ``parse_export`` accepts."""
    defs: dict[str, Any] = {f"storable{n}": _storable(n) for n in range(MAX_DEPTH + 1)}
    defs["answers"] = _answers(None)
    defs |= {f"answers-{e.id}": _answers(e) for e in sorted(exercises.values(), key=lambda e: e.id)}
    defs["entry"] = {
        "type": "object",
        "required": ["id", "exercise", "created", "updated", "answers"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": ENTRY_ID, "description": _("stable id (a UUID) that imports merge on")},
            "exercise": {"type": "string", "pattern": FIELD_ID, "description": _("the worksheet's id")},
            "exercise_version": {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_VERSION,
                "description": _("the worksheet version the answers were written for"),
            },
            "created": {"type": "string", "pattern": STAMP, "format": "date-time"},
            "updated": {"type": "string", "pattern": STAMP, "format": "date-time"},
            "private": {"type": "boolean", "description": _("left out of counselor exports unless asked for")},
            "bring_to_session": {"type": "boolean", "description": _("marked to talk about at the next session")},
            "answers": {"$ref": "#/$defs/answers"},
            "revisions": {
                "type": "array",
                "maxItems": MAX_REVISIONS,
                "items": _revision({"$ref": "#/$defs/answers"}),
                "description": _("earlier versions, oldest first"),
            },
        },
        "allOf": [_per_worksheet(e) for e in sorted(exercises.values(), key=lambda e: e.id)],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"recovery-workbook-export-v{FORMAT_VERSION}",
        "title": _("Recovery Workbook complete export, format version {FORMAT_VERSION}").format(
            FORMAT_VERSION=FORMAT_VERSION
        ),
        "description": _(
            "Made by workbook.export.schema.build_schema from the shipped worksheets; "
            "see export-format.md for what a schema cannot say."
        ),
        "type": "object",
        "required": ["format", "format_version", "entries"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT_NAME},
            "format_version": {"type": "integer", "minimum": 1, "maximum": FORMAT_VERSION},
            "app_version": {"description": _("the program version that wrote the file (not checked)")},
            "exported": {"description": _("when the file was written (not checked)")},
            "settings": {"type": "object", "additionalProperties": {"$ref": "#/$defs/storable1"}},
            "entries": {"type": "array", "maxItems": MAX_ENTRIES, "items": {"$ref": "#/$defs/entry"}},
        },
        "$defs": defs,
    }


def main() -> None:
    """``python -m workbook.export.schema [FILE]``: write the schema (docs/export-format.schema.json)."""
    import sys

    import orjson

    from workbook.worksheets.loader import load_exercises

    exercises, _problems = load_exercises()
    text = orjson.dumps(build_schema(exercises), option=orjson.OPT_INDENT_2) + b"\n"
    if len(sys.argv) > 1:
        with open(sys.argv[1], "wb") as handle:
            handle.write(text)
    else:
        sys.stdout.buffer.write(text)


if __name__ == "__main__":
    main()
