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

SETTINGS_DOC_ID = 1


class SettingsAndDrafts:
    """Settings and drafts, for ``Store``."""

    if TYPE_CHECKING:
        _settings: Table
        _drafts: Table

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

    def drafts(self) -> dict[str, dict[str, Any]]:
        """Every unsaved form, by its key (``worksheet:entry`` or ``worksheet:new``)."""
        return {str(doc.get("key")): dict(doc) for doc in self._drafts.all() if isinstance(doc.get("key"), str)}

    def save_draft(self, key: str, draft: dict[str, Any]) -> None:
        """Keep an unsaved form (replacing the earlier draft of the same form), durably."""
        draft = harmless(draft)
        problem = storable_problem(draft)
        if problem is not None:
            raise WorkbookError(_("This draft cannot be kept: {problem}.").format(problem=problem))
        document = {**draft, "key": key}
        found = [doc.doc_id for doc in self._drafts.all() if doc.get("key") == key]
        if found:
            if dict(self._drafts.get(doc_id=found[0]) or {}) != document:
                self._drafts.update(replace_with(document), doc_ids=found[:1])
        else:
            self._drafts.insert(document)

    def delete_draft(self, key: str) -> None:
        found = [doc.doc_id for doc in self._drafts.all() if doc.get("key") == key]
        if found:
            self._drafts.remove(doc_ids=found)


def replace_with(new: dict[str, Any]) -> Any:
    """A TinyDB update operation that replaces a whole document."""

    def transform(doc: dict[str, Any]) -> None:
        doc.clear()
        doc.update(new)

    return transform
