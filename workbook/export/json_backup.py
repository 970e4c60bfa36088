"""The complete JSON export (a full backup in a documented format) and its import.

Format (see ``docs/export-format.md`` and ``docs/export-format.schema.json``)::

    {"format": "recovery-workbook", "format_version": 1, "app_version": "...",
     "exported": "2026-11-22T18:00:00+00:00", "settings": {...}, "entries": [...]}

``parse_export`` validates a whole file before anything is merged, so a
malformed file changes nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from workbook import __version__
from workbook.store.errors import ImportFormatError
from workbook.worksheets.entry import Entry, now_iso

FORMAT_NAME = "recovery-workbook"
FORMAT_VERSION = 1


def build_export(entries: list[Entry], settings: dict[str, Any]) -> dict[str, Any]:
    """The export document for ``entries`` (oldest first, so diffs of two exports read well)."""
    ordered = sorted(entries, key=lambda e: (e.created, e.id))
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "exported": now_iso(),
        "settings": settings,
        "entries": [e.to_dict() for e in ordered],
    }


def dump_export(document: dict[str, Any]) -> bytes:
    """Readable, indented UTF-8 JSON (text stays as typed; no escaping of accents or emoji)."""
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"


def _fail(where: str, reason: str) -> ImportFormatError:
    return ImportFormatError(f"{where}: {reason}. Nothing was imported.")


def _is_timestamp(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_entry(raw: Any, position: int, source: str) -> Entry:
    where = f"{source}, entry {position + 1}"
    if not isinstance(raw, dict):
        raise _fail(where, "is not a JSON object")
    for key in ("id", "exercise"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise _fail(where, f"'{key}' is missing or not text")
    for key in ("created", "updated"):
        if not _is_timestamp(raw.get(key)):
            raise _fail(where, f"'{key}' is missing or not a date and time")
    if not isinstance(raw.get("answers"), dict):
        raise _fail(where, "'answers' is missing or not an object")
    revisions = raw.get("revisions", [])
    if not isinstance(revisions, list):
        raise _fail(where, "'revisions' is not a list")
    for rev in revisions:
        if (not isinstance(rev, dict) or not _is_timestamp(rev.get("saved"))
                or not isinstance(rev.get("answers"), dict)
                or set(rev) - {"saved", "exercise_version", "answers", "private"}):
            raise _fail(where, "one of its earlier versions is malformed")
    if not isinstance(raw.get("exercise_version", 1), int) or not isinstance(raw.get("private", False), bool):
        raise _fail(where, "'exercise_version' or 'private' has the wrong type")
    return Entry.from_dict(raw)


def parse_export(raw: bytes, source: str) -> tuple[list[Entry], dict[str, Any]]:
    """Validate an export file's bytes; return its entries and settings."""
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise _fail(source, "is not valid JSON") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise _fail(source, "is not a Recovery Workbook export (no \"format\": \"recovery-workbook\")")
    version = document.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise _fail(source, "has no valid 'format_version'")
    if version > FORMAT_VERSION:
        raise _fail(source, f"was made by a newer version (format {version}); please update the program")
    entries = document.get("entries")
    if not isinstance(entries, list):
        raise _fail(source, "has no 'entries' list")
    settings = document.get("settings", {})
    if not isinstance(settings, dict):
        raise _fail(source, "'settings' is not an object")
    return [_check_entry(item, i, source) for i, item in enumerate(entries)], settings
