"""Provides ``check_file``: verify a data file without changing it, entry by entry.

The same checks an import makes (``workbook.worksheets.entry_check``): each entry's
envelope and each answer against its worksheet. The report names the entry and the field,
so a damaged entry is found without opening the app. No lock is needed: saves are atomic.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbook.store.codec import Codec
from workbook.store.errors import DamagedFileError
from workbook.store.migrations import CURRENT_SCHEMA, ENTRIES_TABLE, META_TABLE, schema_of
from workbook.store.errors import NewerFormatError
from workbook.store.opening import newest_backup_for
from workbook.store.storage import DurableStorage
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry_check import entry_problem

MAX_LISTED = 10


@dataclass
class CheckReport:
    """The outcome of ``check_file``."""

    ok: bool
    message: str


def check_file(path: Path, exercises: dict[str, Exercise], codec: Codec | None = None) -> CheckReport:
    """Verify the file at ``path`` and every entry in it, against ``exercises``."""
    if not path.exists() and not path.is_symlink():
        return CheckReport(False, f"No workbook file at {path} yet. It is made the first time you start the program.")
    try:
        data = DurableStorage(path, codec).read() or {}
    except DamagedFileError as exc:
        good, encrypted = newest_backup_for(path, codec)
        return CheckReport(False, str(DamagedFileError(exc.path, exc.reason, good, backup_encrypted=encrypted)))
    version = schema_of(data)
    if version > CURRENT_SCHEMA:
        return CheckReport(False, str(NewerFormatError(path, version, CURRENT_SCHEMA)))
    if META_TABLE not in data and version == CURRENT_SCHEMA:
        return CheckReport(False, f"{path}: the file has no version record.")
    entries = data.get(ENTRIES_TABLE, {})
    problems = []
    for doc_id, doc in entries.items():
        problem = entry_problem(doc, exercises)
        if problem is not None:
            name = doc.get("id") if isinstance(doc.get("id"), str) else None
            which = f"entry {name[:40]} (record {doc_id})" if name else f"record {doc_id}"
            problems.append(f"  {which}: {problem}")
    if problems:
        shown = problems[:MAX_LISTED]
        more = f"\n  … and {len(problems) - MAX_LISTED} more." if len(problems) > MAX_LISTED else ""
        good, encrypted = newest_backup_for(path, codec)
        hint = (f"\nNewest {'encrypted ' if encrypted else ''}backup: {good}" if good else "")
        count = len(problems)
        return CheckReport(False, f"{path}: {count} entr{'y is' if count == 1 else 'ies are'} damaged:\n"
                                  + "\n".join(shown) + more + hint)
    count = len(entries)
    note = " (an older format; it is updated the next time the program opens it)" if version < CURRENT_SCHEMA else ""
    return CheckReport(True, f"ok: {path} holds {count} entr{'y' if count == 1 else 'ies'}, format {version}{note}.")
