"""Provides ``remembered_language``: the language a workbook was last used in, read from the
small file beside it before anything is opened (every command asks it at start, so it
imports only what that needs: no worksheets, no store)."""

from __future__ import annotations


def remembered_language(db: str | None) -> str | None:
    """The language the workbook at ``db`` (``--db``, else ``WORKBOOK_DB``, else the default)
    was last used in (``None`` when it says none, or it cannot be read)."""
    try:
        from workbook.store.language_setting import language_beside
        from workbook.store.paths import resolve_db_path

        return language_beside(resolve_db_path(db))
    except Exception:  # a path that cannot be read is told later, in the system's language
        return None
