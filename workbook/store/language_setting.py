"""Provides the language remembered with a workbook: ``adopt_language`` (speak it, unless the
person asked for another just now) and ``remember_language``."""

from __future__ import annotations

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
    language is never kept)."""
    found = normalize(name)
    if found in LANGUAGES and store.get_setting(LANGUAGE_SETTING) != found:
        store.set_setting(LANGUAGE_SETTING, found)
