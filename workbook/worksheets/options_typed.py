"""Provides ``option_typed``: the option a person meant by a word typed on the command line,
its id ("tired") or its words in the language in use ("Cansancio"), whatever the case and
accents."""

from __future__ import annotations

from workbook.common.printable import folded
from workbook.worksheets.definition import Field


def _plain(text: str) -> str:
    return folded(text.strip())


def option_typed(spec: Field, text: str) -> str | None:
    """The id of the option of ``spec`` that ``text`` names, or ``None``."""
    wanted = _plain(text)
    for option in spec.options:
        if wanted in (_plain(option.id), _plain(option.label)):
            return option.id
    return None
