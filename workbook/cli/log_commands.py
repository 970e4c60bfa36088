"""Provides ``log craving``: a craving logged from the shell in one line.

It prints no entry text (a terminal's scrollback keeps it); for a strong craving it says
how many ways to cope and people to call the plan holds, and shows the person's own crisis
list (or the US defaults, with a note saying so).
"""

from __future__ import annotations

import argparse

from typing import TYPE_CHECKING, Any

from workbook.cli.common import EXIT_OK, open_store, say, typed_words
from workbook.store.errors import WorkbookError
from workbook.common.i18n import _, ngettext

if TYPE_CHECKING:
    from workbook.worksheets.crisis import CrisisList
    from workbook.worksheets.definition import Exercise, Field
    from workbook.worksheets.entry import Entry


def _strong(plan: Entry | None, lines: CrisisList) -> None:
    """After a strong craving: it will pass; how much the plan holds (never its words: the
    terminal keeps them); the person's own crisis lines."""
    from workbook.worksheets import crisis
    from workbook.worksheets.builtin import Plan
    coping = len(Plan.coping.chosen(plan.answers)) if plan else 0
    people = len(crisis.support_contacts(plan))
    say(_("This is a strong one. It will pass, often within 20 to 30 minutes."))
    if coping or people:
        ways = ngettext("{count} way to cope", "{count} ways to cope", coping).format(count=coping)
        callers = ngettext("{count} person to call", "{count} people to call", people).format(count=people)
        say(_("Your plan has {ways} and {people}: run 'workbook' to see them.").format(ways=ways, people=callers))
    else:
        say(_("Breathe slowly, change where you are, and reach out to someone."))
    say(_("If you are in danger or need to talk to someone now:"))
    for line in lines.lines:
        say(f"  {line.text()}")
    if lines.note:
        say(_("  ({note} You can change them in the app: F1, then E.)").format(note=lines.note))


def log_craving_command(args: argparse.Namespace) -> int:
    from workbook.worksheets import crisis, insights
    from workbook.worksheets.builtin import Cravings, Plan
    from workbook.worksheets.quick_log import parse_strength
    example = _("Example: workbook log craving 7 after the phone call")
    if args.strength is None:
        raise WorkbookError(_("Say how strong the craving is, from 0 to 10; a few words are "
                              "optional. {example}").format(example=example))
    try:
        strength = parse_strength(args.strength)
    except ValueError as exc:
        raise WorkbookError(_("{exc} Nothing was saved. {example}").format(exc=exc, example=example)) from None
    from workbook.worksheets.loader import load_shipped
    from workbook.worksheets.quick_log import quick_log_answers
    log = load_shipped(Cravings.ID)  # only this worksheet: a note from the shell stays quick
    words, unreadable = typed_words(args.words)
    answers = quick_log_answers(strength, words)
    _check_answers(log, answers)
    with open_store(args) as store:
        entry = store.add(Cravings.ID, answers, exercise_version=log.version if log else 1)
        strong = insights.is_strong(log, entry)
        # Only a strong craving needs the plan (and so the whole entry index): a quick note
        # stays quick however many years the workbook holds.
        plan = insights.current_plan(store.entries(Plan.ID)) if strong else None
        lines = crisis.crisis_list(store.settings())
    # A 24-hour time reads the same in every language, and leaves Babel's locale data unloaded
    # on the quickest path there is.
    say(_("Saved: craving {strength}/10 at {time}. You can add more to it later in the app.").format(
        strength=strength, time=f"{entry.created_at:%H:%M}"))
    if unreadable:
        say(_("Some characters could not be read (is the terminal set to UTF-8?); they are saved as "
              "replacement marks."))
    if strong:
        _strong(plan, lines)
    return EXIT_OK


def _check_answers(sheet: Exercise | None, answers: dict[str, Any]) -> None:
    """The checks the form makes, before anything is saved."""
    from workbook.worksheets.answers import validate_answer
    if sheet is None:
        return
    for key, value in answers.items():
        spec = sheet.field(key)
        problem = validate_answer(spec, value) if spec is not None else None
        if problem:
            raise WorkbookError(_("{value}: {problem} Nothing was saved.").format(
                value=spec.label if spec else key, problem=problem))


def _whole(text: str | None, low: int, high: int, what: str) -> int | None:
    if text is None:
        return None
    stripped = text.strip()
    if not (stripped.isascii() and stripped.isdigit()) or len(stripped) > 3 or not low <= int(stripped) <= high:
        raise WorkbookError(_("{what} should be a whole number from {low} to {high}. Nothing was "
                              "saved. Example: workbook log checkin --mood 4 --craving 2").format(
                                  what=what, low=low, high=high))
    return int(stripped)


def _check_in_answers(args: argparse.Namespace, sheet: Exercise) -> tuple[dict[str, object], bool]:
    """The check-in's answers from the command line, each checked (``WorkbookError`` if not)."""
    from workbook.worksheets.builtin import CheckIn
    answers: dict[str, object] = {}
    for ref, text, what in ((CheckIn.mood, args.mood, "--mood"), (CheckIn.craving, args.craving, "--craving"),
                            (CheckIn.sleep_hours, args.sleep, "--sleep"),
                            (CheckIn.sleep_quality, args.slept, "--slept")):
        spec = ref.spec(sheet)
        number = _whole(text, spec.min, spec.max, what) if spec is not None else None
        if number is not None:
            answers[ref.id] = number
    if args.halt is not None:
        halt = sheet.field(CheckIn.halt.id)
        typed = [part.strip() for part in args.halt.split(",") if part.strip()] or [args.halt]
        answers[CheckIn.halt.id] = list(dict.fromkeys(_chosen(halt, part, "--halt") for part in typed))
    for field_id, value, flag in ((CheckIn.medication.id, args.medication, "--medication"),
                                  (CheckIn.meeting.id, args.meeting, "--meeting")):
        if value is not None:
            answers[field_id] = _chosen(sheet.field(field_id), value, flag)
    intention, unreadable = typed_words(args.intention or [])
    if intention:
        answers[CheckIn.intention.id] = intention
    if not answers:
        raise WorkbookError(_("Say at least one thing, for example: workbook log checkin --mood 4 "
                              "--craving 2. Run 'workbook log checkin --help' for every answer it "
                              "takes."))
    _check_answers(sheet, answers)
    return answers, unreadable


def _chosen(spec: Field | None, typed: str, flag: str) -> str:
    """The option of ``spec`` that ``typed`` names (its id, or its words in the language in use)."""
    from workbook.worksheets.options_typed import option_typed
    found = option_typed(spec, typed) if spec is not None and typed.strip() else None
    if found is None:
        named = ", ".join(o.id if option_typed(spec, o.label) == o.id and o.label.casefold() == o.id.casefold()
                          else f"{o.id} ({o.label})" for o in spec.options) if spec is not None else ""
        raise WorkbookError(_('{flag} takes one of: {named}; not "{typed}". Nothing was saved.').format(
            flag=flag, named=named, typed=typed[:20]))
    return found


def log_checkin_command(args: argparse.Namespace) -> int:
    """Today's check-in from the shell: each answer is checked before anything is saved. The
    workbook is opened first, so its own language reads the answers and says the results."""
    from datetime import date

    from workbook.worksheets import crisis, insights
    from workbook.worksheets.builtin import CheckIn, Plan
    from workbook.worksheets.due_today import checked_in_today
    from workbook.worksheets.loader import load_shipped
    with open_store(args) as store:
        sheet = load_shipped(CheckIn.ID)
        if sheet is None:
            raise WorkbookError(_("The daily check-in worksheet could not be loaded: run 'workbook "
                                  "exercises list'."))
        answers, unreadable = _check_in_answers(args, sheet)
        plan = insights.current_plan(store.entries(Plan.ID))
        lines = crisis.crisis_list(store.settings())
        today = date.today()
        existing = checked_in_today(store.entries(CheckIn.ID), {CheckIn.ID: sheet}, today)
        if existing is None:
            store.add(CheckIn.ID, {CheckIn.date.id: today.isoformat(), **answers}, exercise_version=sheet.version)
            say(ngettext("Checked in for today ({count} answer). You can add more in the app.",
                         "Checked in for today ({count} answers). You can add more in the app.",
                         len(answers)).format(count=len(answers)))
        else:
            store.update(existing.id, {**existing.answers, **answers}, exercise_version=sheet.version)
            say(_("Today's check-in is updated."))
    if unreadable:
        say(_("Some characters could not be read (is the terminal set to UTF-8?); they are saved as "
              "replacement marks."))
    craving = answers.get(CheckIn.craving.id)
    spec = CheckIn.craving.spec(sheet)
    if isinstance(craving,
                  int) and spec is not None and craving >= spec.min + insights.STRONG_SHARE * (spec.max - spec.min):
        _strong(plan, lines)
    return EXIT_OK
