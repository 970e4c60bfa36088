"""Provides ``Deletions``: delete an entry and undo the last delete.

Deleting removes the entry from the file (a tombstone would keep words the person chose to
delete); undo puts the same object back, with its id and history. Copies in backups are
removed with ``workbook.store.erasing``.
"""

from __future__ import annotations

from workbook.store.workbook_store import Store
from workbook.worksheets.entry import Entry


class Deletions:
    """The last deleted entry of this session, so it can be put back."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._last: Entry | None = None

    @property
    def can_undo(self) -> bool:
        return self._last is not None

    def delete(self, entry_id: str) -> Entry:
        self._last = self.store.delete(entry_id)
        return self._last

    def undo(self) -> Entry | None:
        """Put the last deleted entry back; ``None`` when there is nothing to undo."""
        entry, self._last = self._last, None
        if entry is not None:
            self.store.restore_entry(entry)
        return entry
