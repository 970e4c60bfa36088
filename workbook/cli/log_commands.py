"""Provides ``log craving``: a craving logged from the shell in one line.

It prints no entry text (a terminal's scrollback keeps it); for a strong craving it says
how many ways to cope and people to call the plan holds, and shows the person's own crisis
list (or the US defaults, with a note saying so).
"""

from __future__ import annotations

import argparse

from workbook.cli.common import EXIT_OK, load_worksheets, open_store
from workbook.store.errors import WorkbookError


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def log_craving_command(args: argparse.Namespace) -> int:
    from workbook.worksheets import crisis, insights
    from workbook.worksheets.builtin import Cravings, Plan
    from workbook.worksheets.quick_log import parse_strength
    example = "Example: workbook log craving 7 after the phone call"
    if args.strength is None:
        raise WorkbookError(f"Say how strong the craving is, from 0 to 10; a few words are optional. {example}")
    try:
        strength = parse_strength(args.strength)
    except ValueError as exc:
        raise WorkbookError(f"{exc} Nothing was saved. {example}") from None
    from workbook.worksheets.quick_log import quick_log_answers
    exercises, _problems = load_worksheets()
    log = exercises.get(Cravings.ID)
    words = " ".join(" ".join(args.words).split())
    with open_store(args) as store:
        entry = store.add(Cravings.ID, quick_log_answers(strength, words),
                          exercise_version=log.version if log else 1)
        plan = insights.current_plan(store.entries(Plan.ID))
        lines = crisis.crisis_list(store.settings())
    print(f"Saved: craving {strength}/10 at {entry.created_at:%H:%M}. You can add more to it later in the app.")
    if insights.is_strong(log, entry):
        coping = len(Plan.coping.chosen(plan.answers)) if plan else 0
        people = len(crisis.support_contacts(plan))
        print("This is a strong one. It will pass, often within 20 to 30 minutes.")
        if coping or people:
            print(f"Your plan has {_plural(coping, 'way', 'ways')} to cope and {_plural(people, 'person', 'people')} "
                  "to call: run 'workbook' to see them.")
        else:
            print("Breathe slowly, change where you are, and reach out to someone.")
        print("If you are in danger or need to talk to someone now:")
        for line in lines.lines[:4]:
            print(f"  {line.text()}")
        if lines.note:
            print(f"  ({lines.note} You can change them in the app: F1, then E.)")
    return EXIT_OK
