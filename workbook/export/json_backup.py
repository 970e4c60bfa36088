"""Provides the complete JSON export (a full backup in a documented format) and its import.

Format (see ``docs/export-format.md`` and ``docs/export-format.schema.json``)::

    {"format": "recovery-workbook", "format_version": 1, "app_version": "...",
     "exported": "2026-11-22T18:00:00+00:00", "settings": {...}, "entries": [...]}

``parse_export`` checks the whole file before anything is merged, each entry and each
earlier version against its worksheet the way the form does
(``workbook.worksheets.entry_check``), so a malformed or hostile file changes nothing and
the message names the entry, the field and the reason.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

from workbook import __version__
from workbook.common.clock import SYSTEM_CLOCK
from workbook.common.errors import ImportFormatError
from workbook.common.i18n import _
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry
from workbook.worksheets.entry_check import entry_problem, storable_problem

FORMAT_NAME = "recovery-workbook"
FORMAT_VERSION = 1
TOP_KEYS = {"format", "format_version", "app_version", "exported", "settings", "entries"}
MAX_ENTRIES = 1_000_000


def build_export(entries: list[Entry], settings: dict[str, Any], now: datetime | None = None) -> dict[str, Any]:
    """The export document for ``entries`` (oldest first, so diffs of two exports read well),
    made at ``now`` (the clock's time when not given)."""
    ordered = sorted(entries, key=lambda e: (e.created, e.id))
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "exported": (now or SYSTEM_CLOCK.now()).isoformat(timespec="seconds"),
        "settings": settings,
        "entries": [e.to_dict() for e in ordered],
    }


def dump_export(document: dict[str, Any]) -> bytes:
    """Readable, indented UTF-8 JSON (text stays as typed; no escaping of accents or emoji)."""
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"


@dataclass
class ParsedExport:
    """A checked export file: its entries, its settings, and entries of worksheets not here."""

    entries: list[Entry]
    settings: dict[str, Any]
    unknown: Counter[str] = field(default_factory=Counter)


def _fail(where: str, reason: str) -> ImportFormatError:
    return ImportFormatError(
        _("{where}: {rstrip}. Nothing was imported.").format(where=where, rstrip=reason.rstrip("."))
    )


def parse_export(raw: bytes, source: str, exercises: dict[str, Exercise]) -> ParsedExport:
    """Check an export file's bytes; return its entries and settings (``ImportFormatError`` otherwise)."""
    if raw.startswith(b"\xef\xbb\xbf"):  # a byte-order mark an editor may have added
        raw = raw[3:]
    if raw.startswith(b"%PDF"):
        raise _fail(
            source,
            _(
                "is a PDF report: it is for reading, not a backup. To move your workbook, import a "
                "JSON backup ('workbook export --format json')"
            ),
        )
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise _fail(source, _("is not valid JSON (or nests deeper than a workbook can)")) from None
    if isinstance(document, dict) and isinstance(document.get("resourceType"), str):
        raise _fail(
            source,
            _(
                "is a FHIR file, made for a clinic's health record, not a backup: it holds scores "
                "and figures, not your entries. To move your workbook, import a JSON backup "
                "('workbook export --format json')"
            ),
        )
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise _fail(source, _('is not a Recovery Workbook export (no "format": "recovery-workbook")'))
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _fail(source, _("has no valid 'format_version'"))
    if version > FORMAT_VERSION:
        raise _fail(
            source,
            _("was made by a newer version (format {version}); please update the program").format(version=version),
        )
    unknown_keys = sorted(str(k)[:20] for k in set(document) - TOP_KEYS)
    if unknown_keys:
        raise _fail(source, _("has an unknown part '{value}'").format(value=unknown_keys[0]))
    entries = document.get("entries")
    if not isinstance(entries, list):
        raise _fail(source, _("has no 'entries' list"))
    if len(entries) > MAX_ENTRIES:
        raise _fail(source, _("has more than {MAX_ENTRIES} entries").format(MAX_ENTRIES=MAX_ENTRIES))
    settings = document.get("settings", {})
    if not isinstance(settings, dict) or storable_problem(settings) is not None:
        raise _fail(source, _("'settings' is not an object the workbook can keep"))
    parsed = ParsedExport([], settings)
    seen: set[str] = set()
    for position, doc in enumerate(entries):
        problem = entry_problem(doc, exercises)
        if problem is not None:
            name = f" ({str(doc['id'])[:40]})" if isinstance(doc, dict) and isinstance(doc.get("id"), str) else ""
            raise _fail(
                _("{source}, entry {value}{name}").format(source=source, value=position + 1, name=name), str(problem)
            )
        if doc["id"] in seen:
            raise _fail(
                _("{source}, entry {value}").format(source=source, value=position + 1),
                _("its id '{value}' is used twice in the file").format(value=doc["id"][:40]),
            )
        seen.add(doc["id"])
        if doc["exercise"] not in exercises:
            parsed.unknown[doc["exercise"]] += 1
        parsed.entries.append(Entry.from_dict(doc))
    return parsed
