"""Provides what the program does after a save: support after a strong craving or a
logged use, decided from roles (so a check-in's strong craving gets the same care)."""

from __future__ import annotations

from enum import Enum

from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry
from workbook.worksheets.insights import is_lapse, is_strong
from workbook.worksheets.roles import plan_rows_of


class Response(Enum):
    NOTHING = "nothing"
    STRONG_CRAVING = "strong"
    LAPSE = "lapse"
    PLAN_ROWS = "plan-rows"  # situations and plans to offer to the relapse-prevention plan


def response_to_save(exercise: Exercise | None, entry: Entry, previous: Entry | None = None) -> Response:
    """What to show after ``entry`` was saved (``previous`` is the version it replaced).

    A lapse comes first; nothing is shown twice for an edit that does not change the answer.
    """
    if is_lapse(exercise, entry) and not (previous is not None and is_lapse(exercise, previous)):
        return Response.LAPSE
    if is_strong(exercise, entry) and not (previous is not None and is_strong(exercise, previous)):
        return Response.STRONG_CRAVING
    rows = plan_rows_of(exercise, entry)
    if rows and (previous is None or rows != plan_rows_of(exercise, previous)):
        return Response.PLAN_ROWS
    return Response.NOTHING
