"""Schema versions of the data file and the steps that carry old files forward.

Schema 0 is the prototype layout: entries without ``revisions`` or ``private``
and no ``meta`` table; schema 2 adds closed years (the ``archive`` table). Each step takes
the whole database dict and returns the next version; ``Store.open`` writes a backup before running any of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workbook import __version__

CURRENT_SCHEMA = 2
META_TABLE = "meta"
ENTRIES_TABLE = "entries"
SETTINGS_TABLE = "settings"
SET_ASIDE_TABLE = "set_aside"  # damaged records, kept word for word out of the way (see Store.open)
ARCHIVE_TABLE = "archive"  # closed years, one compressed record a year (workbook.store.archive)
DRAFTS_TABLE = "drafts"  # unsaved forms, kept as the person types (a newer table: files without it have none)

Data = dict[str, dict[str, Any]]


def schema_of(data: Data) -> int:
    """The schema version a database declares (0 when it declares none)."""
    meta = data.get(META_TABLE) or {}
    for document in meta.values():
        version = document.get("schema")
        if isinstance(version, int) and version >= 0:
            return version
    return 0


def new_database() -> Data:
    """An empty database at the current schema."""
    return {
        META_TABLE: {"1": {"schema": CURRENT_SCHEMA, "app_version": __version__}},
        ENTRIES_TABLE: {},
        SETTINGS_TABLE: {},
    }


def _migrate_0_to_1(data: Data) -> Data:
    entries = data.get(ENTRIES_TABLE, {})
    for document in entries.values():
        document.setdefault("revisions", [])
        document.setdefault("private", False)
        document.setdefault("exercise_version", 1)
    data[ENTRIES_TABLE] = entries
    data.setdefault(SETTINGS_TABLE, {})
    data[META_TABLE] = {"1": {"schema": 1, "app_version": __version__}}
    return data


def _migrate_1_to_2(data: Data) -> Data:
    # Schema 2 may hold closed years (the archive table): nothing to change in a file, but a
    # program that does not know the table must refuse the file rather than miss its years.
    data[META_TABLE] = {"1": {"schema": 2, "app_version": __version__}}
    return data


MIGRATIONS: dict[int, Callable[[Data], Data]] = {0: _migrate_0_to_1, 1: _migrate_1_to_2}


def migrate(data: Data) -> Data:
    """Carry ``data`` forward to ``CURRENT_SCHEMA`` one step at a time."""
    version = schema_of(data)
    while version < CURRENT_SCHEMA:
        data = MIGRATIONS[version](data)
        version = schema_of(data)
    return data
