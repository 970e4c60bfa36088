"""Provides the language remembered with a workbook: ``adopt_language`` (speak it, unless the
person asked for another just now), ``remember_language``, and ``language_beside``: the same
language kept in a small plain file beside the workbook (``NAME.lang``), so that the lock
screen of an encrypted workbook and every command speak it before anything is unlocked.
That file says only which language the person reads (docs/translating.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from workbook.common.i18n import LANGUAGES, normalize, set_language

if TYPE_CHECKING:
    from workbook.store.workbook_store import Store

LANGUAGE_SETTING = "language"


def language_in(settings: object) -> str | None:
    """The language kept in a workbook's settings, if it is one the program speaks."""
    saved = settings.get(LANGUAGE_SETTING) if isinstance(settings, dict) else None
    found = normalize(saved) if isinstance(saved, str) else None
    return found if found in LANGUAGES else None


def remembered_language(store: Store) -> str | None:
    return language_in(store.settings())


def adopt_language(store: Store, asked: str | None = None) -> None:
    """Speak ``asked`` (from ``--lang``) when given, else the workbook's own language when it
    has one; otherwise the language already chosen (from the environment) stays."""
    chosen = asked or remembered_language(store)
    if chosen:
        set_language(chosen)


def remember_language(store: Store, name: str) -> None:
    """Keep ``name`` as this workbook's language (a language the program speaks; the test
    language is never kept), in its settings and beside it."""
    found = normalize(name)
    if found not in LANGUAGES:
        return
    if store.get_setting(LANGUAGE_SETTING) != found:
        store.set_setting(LANGUAGE_SETTING, found)
    if store.path is not None and language_beside(store.path) != found:
        _keep_beside(store.path, found)


def language_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lang")


def language_beside(db_path: Path) -> str | None:
    """The language kept beside the workbook, read without opening it (``None`` when there is
    none, or it is not one the program speaks)."""
    from workbook.common.regular_files import read_regular_file

    try:
        raw = read_regular_file(language_path_for(db_path), 64)
    except (OSError, ValueError):
        return None
    found = normalize(raw.decode("ascii", "replace").strip())
    return found if found in LANGUAGES else None


def _keep_beside(db_path: Path, found: str) -> None:
    from workbook.store import fsutil

    try:
        fsutil.atomic_write(language_path_for(db_path), f"{found}\n".encode("ascii"))
    except OSError:
        pass  # only the lock screen's language depends on it: the settings keep it too


def keep_beside(store: Store) -> None:
    """Write the workbook's language beside it when it is not there yet (a workbook from an
    older version, or a file removed)."""
    saved = remembered_language(store)
    if saved and store.path is not None and language_beside(store.path) != saved:
        _keep_beside(store.path, saved)
