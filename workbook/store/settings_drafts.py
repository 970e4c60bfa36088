"""Provides the settings and drafts room of ``Store``: the person's settings (one document)
and the forms not saved yet, one draft per form, each kept with the same durable save."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tinydb.table import Document

from workbook.common.errors import WorkbookError
from workbook.common.i18n import _
from workbook.common.printable import harmless
from workbook.worksheets.entry_check import storable_problem

if TYPE_CHECKING:
    from tinydb.table import Table

    from workbook.store.drafts_file import DraftsFile

SETTINGS_DOC_ID = 1


class SettingsAndDrafts:
    """Settings and drafts, for ``Store``."""

    if TYPE_CHECKING:
        _settings: Table
        _drafts: Table
        _drafts_file: DraftsFile | None

    # -- settings ---------------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        doc = self._settings.get(doc_id=SETTINGS_DOC_ID)
        return dict(doc) if isinstance(doc, dict) else {}

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.settings().get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        value = harmless(value)
        current = self.settings()
        if current.get(key) == value and key in current:
            return
        problem = storable_problem(value)
        if problem is not None:
            raise WorkbookError(_("This setting cannot be saved: {problem}.").format(problem=problem))
        current[key] = value
        if self._settings.contains(doc_id=SETTINGS_DOC_ID):
            self._settings.update(replace_with(current), doc_ids=[SETTINGS_DOC_ID])
        else:
            self._settings.insert(Document(current, doc_id=SETTINGS_DOC_ID))

    # -- drafts: forms not saved yet ----------------------------------------------------
    # A file-backed workbook keeps them in their own small file (``drafts_file.py``: a
    # quarter-second draft never rewrites the whole workbook); one in memory, in a table.

    def drafts(self) -> dict[str, dict[str, Any]]:
        """Every unsaved form, by its key (``worksheet:entry`` or ``worksheet:new``)."""
        if self._drafts_file is not None:
            return self._drafts_file.all()
        return {str(doc.get("key")): dict(doc) for doc in self._drafts.all() if isinstance(doc.get("key"), str)}

    def save_draft(self, key: str, draft: dict[str, Any]) -> None:
        """Keep an unsaved form (replacing the earlier draft of the same form), durably."""
        draft = harmless(draft)
        problem = storable_problem(draft)
        if problem is not None:
            raise WorkbookError(_("This draft cannot be kept: {problem}.").format(problem=problem))
        document = {**draft, "key": key}
        if self._drafts_file is not None:
            self._drafts_file.put(key, document)
            return
        found = [doc.doc_id for doc in self._drafts.all() if doc.get("key") == key]
        if found:
            if dict(self._drafts.get(doc_id=found[0]) or {}) != document:
                self._drafts.update(replace_with(document), doc_ids=found[:1])
        else:
            self._drafts.insert(document)

    def delete_draft(self, key: str) -> None:
        if self._drafts_file is not None:
            self._drafts_file.remove(key)
            return
        found = [doc.doc_id for doc in self._drafts.all() if doc.get("key") == key]
        if found:
            self._drafts.remove(doc_ids=found)

    def _drafts_to_own_file(self) -> None:
        """Drafts an older version kept inside the workbook move to the drafts file (the file
        first, then the table emptied: a crash between leaves them in both, never in neither)."""
        if self._drafts_file is None or not len(self._drafts):
            return
        have = self._drafts_file.all()
        for doc in self._drafts.all():
            key = doc.get("key")
            if isinstance(key, str) and key not in have:
                self._drafts_file.put(key, dict(doc))
        self._drafts.truncate()


def replace_with(new: dict[str, Any]) -> Any:
    """A TinyDB update operation that replaces a whole document."""

    def transform(doc: dict[str, Any]) -> None:
        doc.clear()
        doc.update(new)

    return transform
