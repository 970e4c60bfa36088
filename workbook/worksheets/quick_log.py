"""Provides the quick craving log: "7 after the call" typed in the app or given on the
command line becomes a craving-log entry's answers, or a kind message saying what to type."""

from __future__ import annotations

import re
from typing import Any

from workbook.common.i18n import N_, _
from workbook.worksheets.builtin import Cravings

_QUICK = re.compile(r"^\s*(\d{1,2})(?:\s+(.*?))?\s*$", re.DOTALL)
QUICK_HINT = N_(
    "Start with how strong it is, a number from 0 to 10, then a few words if you like. "
    "For example: 7 after the phone call"
)


def parse_quick_log(text: str) -> tuple[int, str]:
    """'7 after the call' -> (7, 'after the call'); ``ValueError`` with a kind message otherwise."""
    match = _QUICK.match(text)
    if not match or not match.group(1).isascii() or not 0 <= int(match.group(1)) <= 10:
        raise ValueError(_(QUICK_HINT))
    return int(match.group(1)), " ".join((match.group(2) or "").split())


def parse_strength(text: str) -> int:
    """A craving strength from the command line (0-10), or ``ValueError`` saying what to type."""
    stripped = text.strip()
    if not (stripped.isascii() and stripped.isdigit()) or len(stripped) > 2 or not 0 <= int(stripped) <= 10:
        # What was typed is not repeated: it may be the words of the entry, in the wrong place.
        raise ValueError(_("The strength (the first thing after 'craving') should be a whole number from 0 to 10."))
    return int(stripped)


def quick_log_answers(strength: int, words: str) -> dict[str, Any]:
    """The craving log answers of a quick log: the strength and the words. (It is about the
    moment it is written, so it needs no ``when`` of its own.)"""
    answers: dict[str, Any] = {Cravings.strength.id: strength}
    if words:
        answers[Cravings.note.id] = words
    return answers
