"""Provides what opening a workbook does before it is used: reading it (or saying what is
wrong, with the newest good backup), migrating an older file forward after a backup, and
setting aside damaged records word for word so that one of them never locks the person out."""

from __future__ import annotations

import uuid

from workbook.common.errors import DamagedFileError, NewerFormatError
from workbook.common.i18n import _
from workbook.store import backups
from workbook.store.archive import year_problem
from workbook.store.codec import Codec
from workbook.store.migrations import ARCHIVE_TABLE, CURRENT_SCHEMA, ENTRIES_TABLE, SET_ASIDE_TABLE, migrate, schema_of
from workbook.store.storage import Data, DurableStorage
from workbook.worksheets.entry_check import envelope_problem


def damaged_entry(data: Data) -> str | None:
    """The first entry in ``data`` that is not whole, described for a person (``None`` when all are)."""
    for doc_id, doc in data.get(ENTRIES_TABLE, {}).items():
        problem = envelope_problem(doc)
        if problem is not None:
            name = doc.get("id") if isinstance(doc.get("id"), str) else None
            which = (
                _("entry {value} (record {doc_id})").format(value=str(name)[:40], doc_id=doc_id)
                if name
                else _("record {doc_id}").format(doc_id=doc_id)
            )
            return _("{which} is damaged: {problem}").format(which=which, problem=problem)
    return None


def set_aside_damaged(data: Data) -> bool:
    """Move each entry record that is not whole into the set-aside table (word for word,
    with the reason), and give a new id to a record that repeats another's; True when
    anything changed. The entries left are all whole, with one id each."""
    from workbook.worksheets.entry import now_iso

    table = data.get(ENTRIES_TABLE, {})
    aside = data.setdefault(SET_ASIDE_TABLE, {})
    changed = False
    seen: set[str] = set()
    number = max((int(k) for k in aside if str(k).isdigit()), default=0)  # once: thousands may follow
    for doc_id in list(table):
        doc = table[doc_id]
        problem = envelope_problem(doc)
        if problem is not None:
            number += 1
            aside[str(number)] = {"record": doc, "reason": str(problem), "set_aside": now_iso()}
            del table[doc_id]
            changed = True
        elif doc["id"] in seen:
            doc["id"] = str(uuid.uuid4())
            changed = True
        else:
            seen.add(doc["id"])
    closed = data.get(ARCHIVE_TABLE, {})
    for key in list(closed):
        wrong = year_problem(key, closed[key])
        if wrong is not None:  # its entries are read when the year is: only its record here
            number += 1
            aside[str(number)] = {"record": closed.pop(key), "reason": wrong, "set_aside": now_iso()}
            changed = True
    if not aside:
        del data[SET_ASIDE_TABLE]
    return changed


def read_or_explain(storage: DurableStorage, codec: Codec | None) -> Data | None:
    from workbook.store.opening import newest_backup_for

    try:
        return storage.read()
    except DamagedFileError as exc:
        if exc.no_permission:
            raise
        good, encrypted = newest_backup_for(storage.path, codec)
        raise DamagedFileError(exc.path, exc.reason, good, backup_encrypted=encrypted) from None


def bring_up_to_date(storage: DurableStorage, data: Data, codec: Codec | None) -> None:
    version = schema_of(data)
    if version > CURRENT_SCHEMA:
        raise NewerFormatError(storage.path, version, CURRENT_SCHEMA)
    if version < CURRENT_SCHEMA:
        backups.make_backup(storage.path, "before-migration")
        data = migrate(data)
        storage.write(data)
    if set_aside_damaged(data):
        # One damaged record must not lock the person out of every other word: it is kept
        # as it was, in a table of its own (after a backup of the file as it was), and the
        # app says so. Two records with one id both stay: the later one gets a new id.
        backups.make_backup(storage.path, "before-repair")
        storage.write(data)
