"""Provides the program's words in the person's language: ``_`` (gettext), ``ngettext``,
``N_`` (marks a word for translation where it is defined and translated where it is shown),
the language in use, and ``speaking`` to write one export in another language.

The catalogs are gettext ``.mo`` files in ``workbook/locale``, made from the ``.po`` files
beside them with Babel (``docs/translating.md``) and shipped compiled, so an install needs
nothing else. English is the program's own language and needs no catalog.

``x-pseudo`` is a language for tests: every word that went through the catalog comes out
with its letters swapped for accented look-alikes ("Ĥóɱé"), so a screen that still shows a
plain ASCII word shows one that did not.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

DOMAIN = "workbook"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
ENGLISH = "en"
SPANISH = "es"
PSEUDO = "x-pseudo"
# The languages a person can choose, named in their own language.
LANGUAGES: dict[str, str] = {ENGLISH: "English", SPANISH: "Español"}

_process_language = ENGLISH
_scoped: ContextVar[str | None] = ContextVar("workbook_language", default=None)


def normalize(name: str | None) -> str | None:
    """``es_US.UTF-8``, ``es-MX`` or ``ES`` to ``es``; ``None`` for a language the program does not speak."""
    if not name:
        return None
    if name == PSEUDO:
        return PSEUDO
    base = name.split(".")[0].split("@")[0].replace("-", "_").partition("_")[0].lower()
    return base if base in LANGUAGES else None


def from_environment() -> str:
    """The language the environment asks for (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``,
    ``LANG``, in gettext's order), else English."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        for part in value.split(":") if variable == "LANGUAGE" else [value]:
            found = normalize(part)
            if found and found != PSEUDO:  # the test language is asked for by name, never by the system
                return found
        if value and variable != "LANGUAGE":
            return ENGLISH  # gettext stops at the first of these that is set, even to "C"
    return ENGLISH


def set_language(name: str) -> None:
    """Speak ``name`` from now on (the program's language, for screens and messages)."""
    global _process_language
    _process_language = normalize(name) or ENGLISH


def language() -> str:
    """The language in use here: an export's own while it is written, else the program's."""
    return _scoped.get() or _process_language


@contextmanager
def speaking(name: str | None) -> Iterator[str]:
    """Within the block, words come out in ``name`` (or the program's language for ``None``)."""
    chosen = normalize(name) or language()
    token = _scoped.set(chosen)
    try:
        yield chosen
    finally:
        _scoped.reset(token)


_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[srd]|%[srd]|\[/?[@$a-z][^\]\s]*\]|\\.")
_LOOK_ALIKES = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "áƀçďéƒĝĥíĵķĺɱñóþʠŕšťúṽŵẋýžÁƁÇĎÉƑĜĤÍĴĶĹṀÑÓÞǬŔŠŤÚṼŴẊÝŽ"
)


def pseudo(message: str) -> str:
    """``message`` with every letter outside its placeholders swapped for a look-alike."""
    if not isinstance(message, str):  # argparse asks for the translation of None
        return message
    pieces: list[str] = []
    last = 0
    for match in _PLACEHOLDER.finditer(message):
        pieces.append(message[last : match.start()].translate(_LOOK_ALIKES))
        pieces.append(match.group())
        last = match.end()
    pieces.append(message[last:].translate(_LOOK_ALIKES))
    return "".join(pieces)


class _Pseudo(gettext.NullTranslations):
    """Marks only what the Spanish catalog has: a word that reached ``_`` but was never
    extracted (inside an f-string, or another library's) stays plain, so the tests see it."""

    def __init__(self, known: set[str]) -> None:
        super().__init__()
        self.known = known

    def gettext(self, message: str) -> str:
        return pseudo(message) if message in self.known else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        chosen = msgid1 if n == 1 else msgid2
        return pseudo(chosen) if msgid1 in self.known else chosen

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message) if f"{context}\x04{message}" in self.known else message


@lru_cache(maxsize=8)
def translations(name: str) -> gettext.NullTranslations:
    if name == PSEUDO:
        spanish = translations(SPANISH)
        catalog: dict[str | tuple[str, int], str] = getattr(spanish, "_catalog", {})
        return _Pseudo({key if isinstance(key, str) else str(key[0]) for key in catalog})
    if name == ENGLISH:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[name], fallback=True)


def _(message: str) -> str:
    """``message`` in the language in use."""
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a sentence for ``count`` ("1 entry", "2 entries") in the language in use."""
    return translations(language()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` in the language in use, where the same English word needs two translations."""
    return translations(language()).pgettext(context, message)


def N_(message: str) -> str:
    """Marks ``message`` for the catalog where it is defined; ``_`` translates it where it is shown."""
    return message


def babel_name(name: str | None = None) -> str:
    """The Babel locale for dates and numbers in a language: the environment's own when it
    speaks that language (``es_MX``), else the US one (``es_US``, ``en_US``)."""
    chosen = normalize(name) or language()
    if chosen == PSEUDO:
        return "el_GR"  # dates in Greek letters: a plain ASCII month on a test screen did not go through Babel
    for variable in ("LC_ALL", "LC_TIME", "LANG"):
        value = os.environ.get(variable, "").split(".")[0].split("@")[0]
        if value and normalize(value) == chosen and "_" in value:
            return value
    return f"{chosen}_US"
