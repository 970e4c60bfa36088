"""Provides erasing words for good: from the workbook's earlier versions and from every backup.

Deleting an entry removes it from the workbook, but its text stays in backups (until they
rotate out; manual and before-restore copies are kept longer) and an edited entry keeps
its old text as earlier versions. These functions remove that text too:

- ``erase_deleted``: every entry that is no longer in the workbook, from every backup;
- ``erase_entry``: one entry, from the workbook and every backup;
- ``erase_versions``: the earlier versions of one entry (or of all), in the workbook and
  in every backup (a backup keeps the entry as it is now, not as it was);
- ``erase_drafts``: typing that is no longer wanted: drafts of edits to deleted entries
  here, and in every backup each draft that is not one of the workbook's drafts now
  (discarded, saved since, or overtaken by later typing).

Each backup is rewritten with one atomic save, in the form it had (encrypted backups stay
encrypted). A backup made with another passphrase cannot be read, so it is left as it is
and reported.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from workbook.common.errors import WorkbookError
from workbook.common.i18n import _
from workbook.store import archive, backups, fsutil
from workbook.store.codec import PlainCodec, bytes_are_encrypted
from workbook.store.migrations import DRAFTS_TABLE, ENTRIES_TABLE
from workbook.store.storage import MAX_DATA_FILE, parse_database, serialise
from workbook.store.workbook_store import Store
from workbook.worksheets.entry import Entry


@dataclass
class EraseReport:
    """What an erase did: copies removed from the workbook and from backups."""

    entries: int = 0  # different entries removed (from the workbook or from backups)
    drafts: int = 0  # drafts removed (from the workbook or from backups)
    versions: int = 0  # earlier versions removed from the workbook
    backups_changed: int = 0
    skipped: list[Path] = field(default_factory=list)  # backups this passphrase cannot open


def _rewrite_backups(store: Store, change: Any, table_name: str = ENTRIES_TABLE) -> EraseReport:
    """Apply ``change(table, kind of backup) -> ids changed`` to one table (the entries unless
    said) of every backup of the store's file."""
    report = EraseReport()
    ids: set[str] = set()
    if store.path is None:
        return report
    codec = store.codec
    for backup in backups.list_backups(store.path):
        try:
            raw = fsutil.read_regular(backup, MAX_DATA_FILE)
            reader = codec if bytes_are_encrypted(raw) else PlainCodec()
            data = parse_database(raw, backup, reader)
        except (OSError, WorkbookError):
            report.skipped.append(backup)
            continue
        if table_name == ENTRIES_TABLE:
            archive.expand(data)  # closed years, entry by entry (the copy keeps them open)
        table = data.get(table_name)
        if not isinstance(table, dict):
            continue
        changed: set[str] = change(table, backups.kind_of(backup, store.path))
        if changed:
            fsutil.atomic_write(backup, reader.encode(serialise(data)))
            report.backups_changed += 1
            ids |= changed
    report.entries = len(ids)
    return report


def _in_restore_copies(store: Store) -> set[str]:
    """Ids of the entries in the copies a restore kept (what the restored backup did not have)."""
    found: set[str] = set()
    if store.path is None:
        return found
    for backup in backups.list_backups(store.path):
        if backups.kind_of(backup, store.path) != "before-restore":
            continue
        try:
            raw = fsutil.read_regular(backup, MAX_DATA_FILE)
            data = parse_database(raw, backup, store.codec if bytes_are_encrypted(raw) else PlainCodec())
        except (OSError, WorkbookError):
            continue
        found |= {str(doc.get("id")) for _where, doc in archive.open_all(data) if isinstance(doc, dict)}
    return found


def erase_deleted(store: Store) -> EraseReport:
    """Remove from every backup each entry the person deleted (and has not put back).

    Only entries recorded as deleted are erased: an entry that is missing from the workbook
    because an older backup was restored is kept wherever it is. A workbook made before
    deletions were recorded falls back to "missing from the workbook", leaving out anything
    a restore's safety copy still holds.
    """
    kept = {e.id for e in store.entries()}
    if store.records_deletions():
        chosen = set(store.deleted_ids()) - kept - store.set_aside_ids()

        def wanted(entry_id: Any) -> bool:
            return entry_id in chosen
    else:
        if store.set_aside_unknown():
            # Missing from the workbook would include the words of a damaged record set aside
            # whose entries cannot be named: their only good copies may be in the backups.
            raise WorkbookError(
                _(
                    "This workbook has damaged records set aside whose entries cannot be read, and it "
                    "has no record of what you deleted, so deleted entries cannot be told apart from "
                    "them. Nothing was erased: the backups may hold the only good copy. 'workbook check' "
                    "says more."
                )
            )
        protected = kept | _in_restore_copies(store) | store.set_aside_ids()

        def wanted(entry_id: Any) -> bool:
            return entry_id not in protected

    def change(table: dict[str, Any], _kind: str) -> set[str]:
        gone = [doc_id for doc_id, doc in table.items() if isinstance(doc, dict) and wanted(doc.get("id"))]
        return {str(table.pop(doc_id).get("id")) for doc_id in gone}

    return _rewrite_backups(store, change)


def erase_entry(store: Store, entry_id: str) -> EraseReport:
    """Remove one entry from the workbook (if it is still there) and from every backup."""
    found = store.get(entry_id)
    if found is not None:
        store.delete(entry_id)

    def change(table: dict[str, Any], _kind: str) -> set[str]:
        gone = [doc_id for doc_id, doc in table.items() if doc.get("id") == entry_id]
        return {str(table.pop(doc_id).get("id")) for doc_id in gone}

    report = _rewrite_backups(store, change)
    report.entries = 1 if found is not None or report.backups_changed else 0
    return report


def erase_versions(store: Store, entry_id: str | None = None) -> EraseReport:
    """Remove the earlier versions of one entry (all entries when ``entry_id`` is None),
    from the workbook and from every backup."""
    targets = [e for e in store.entries() if e.revisions and (entry_id is None or e.id == entry_id)]
    versions = 0
    current: dict[str, Entry] = {}
    for entry in targets:
        versions += len(entry.revisions)
        current[entry.id] = store.replace(dataclasses.replace(entry, revisions=[]))
    latest = store.get(entry_id) if entry_id is not None else None
    if latest is not None:
        current[latest.id] = latest

    def change(table: dict[str, Any], _kind: str) -> set[str]:
        changed = set()
        for doc_id, doc in table.items():
            now = current.get(str(doc.get("id")))
            if now is not None and orjson.dumps(doc) != orjson.dumps(now.to_dict()):
                table[doc_id] = now.to_dict()
                changed.add(now.id)
        return changed

    report = _rewrite_backups(store, change)
    report.versions = versions
    return report


def _same(doc: Any) -> bytes:
    return orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)


def erase_drafts(store: Store) -> EraseReport:
    """Drop the drafts of edits to entries that are gone from the workbook, then, from every
    backup, each draft that is not one of the workbook's drafts as they are now: a backup
    keeps the typing the person still has, never typing they discarded or deleted."""
    kept_entries = {e.id for e in store.entries()} | store.set_aside_ids()  # damaged, never deleted
    deleted = set(store.deleted_ids())
    removed = 0
    for key, document in store.drafts().items():
        entry = document.get("entry")
        # Only an entry the person deleted: one missing since a restore of an older backup
        # was never let go, and its typing stays (docs/architecture.md).
        if isinstance(entry, str) and entry not in kept_entries and entry in deleted:
            store.delete_draft(key)
            removed += 1
    current = {_same(doc) for doc in store.drafts().values()}

    def let_go(doc: Any, safety_copy: bool) -> bool:
        if not isinstance(doc, dict):
            return True
        if safety_copy:  # typing from before a restore was not let go, unless its entry was deleted
            return doc.get("entry") in deleted
        return _same(doc) not in current

    def change(table: dict[str, Any], kind: str) -> set[str]:
        nonlocal removed
        safety_copy = kind in ("before-restore", "before-repair")  # it keeps the typing it held
        gone = [doc_id for doc_id, doc in table.items() if let_go(doc, safety_copy)]
        for doc_id in gone:
            table.pop(doc_id)
        removed += len(gone)
        return {str(doc_id) for doc_id in gone}

    report = _rewrite_backups(store, change, DRAFTS_TABLE)
    report.entries = 0
    report.drafts = removed
    return report
