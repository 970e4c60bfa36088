"""Provides ``log craving``: a craving logged from the shell in one line.

It prints no entry text (a terminal's scrollback keeps it); for a strong craving it says
how many ways to cope and people to call the plan holds, and shows the person's own crisis
list (or the US defaults, with a note saying so).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from workbook.cli.common import EXIT_OK, open_workbook, say, typed_words
from workbook.common.errors import WorkbookError
from workbook.common.i18n import _, ngettext

if TYPE_CHECKING:
    from workbook.services.daily import StrongCraving
    from workbook.worksheets.definition import Exercise, Field


def _strong(care: StrongCraving) -> None:
    """After a strong craving: it will pass; how much the plan holds (never its words: the
    terminal keeps them); the person's own crisis lines."""
    coping, people = care.coping, care.people
    say(_("This is a strong one. It will pass, often within 20 to 30 minutes."))
    if coping or people:
        ways = ngettext("{count} way to cope", "{count} ways to cope", coping).format(count=coping)
        callers = ngettext("{count} person to call", "{count} people to call", people).format(count=people)
        say(_("Your plan has {ways} and {people}: run 'workbook' to see them.").format(ways=ways, people=callers))
    else:
        say(_("Breathe slowly, change where you are, and reach out to someone."))
    say(_("If you are in danger or need to talk to someone now:"))
    for line in care.lines.lines:
        say(f"  {line.text()}")
    if care.lines.note:
        say(_("  ({note} You can change them in the app: F1, then E.)").format(note=care.lines.note))


def log_craving_command(args: argparse.Namespace) -> int:
    from workbook.services.daily import log_craving
    from workbook.worksheets.builtin import Cravings
    from workbook.worksheets.quick_log import parse_strength

    example = _("Example: workbook log craving 7 after the phone call")
    if args.strength is None:
        raise WorkbookError(
            _("Say how strong the craving is, from 0 to 10; a few words are optional. {example}").format(
                example=example
            )
        )
    try:
        strength = parse_strength(args.strength)
    except ValueError as exc:
        raise WorkbookError(_("{exc} Nothing was saved. {example}").format(exc=exc, example=example)) from None
    from workbook.worksheets.loader import load_shipped

    log = load_shipped(Cravings.ID)  # only this worksheet: a note from the shell stays quick
    words, unreadable = typed_words(args.words)
    with open_workbook(args, {Cravings.ID: log} if log is not None else {}) as book:
        logged = log_craving(book, strength, words)
    # A 24-hour time reads the same in every language, and leaves Babel's locale data unloaded
    # on the quickest path there is.
    say(
        _("Saved: craving {strength}/10 at {time}. You can add more to it later in the app.").format(
            strength=strength, time=f"{logged.entry.created_at:%H:%M}"
        )
    )
    if unreadable:
        say(
            _("Some characters could not be read (is the terminal set to UTF-8?); they are saved as replacement marks.")
        )
    if logged.strong is not None:
        _strong(logged.strong)
    return EXIT_OK


def _flags() -> dict[str, str]:
    """The shell's option for each check-in answer, to name in a message."""
    from workbook.worksheets.builtin import CheckIn

    return {
        CheckIn.mood.id: "--mood",
        CheckIn.craving.id: "--craving",
        CheckIn.sleep_hours.id: "--sleep",
        CheckIn.sleep_quality.id: "--slept",
        CheckIn.halt.id: "--halt",
        CheckIn.medication.id: "--medication",
        CheckIn.meeting.id: "--meeting",
    }


def _whole(text: str | None, low: int, high: int, what: str) -> int | None:
    if text is None:
        return None
    stripped = text.strip()
    if not (stripped.isascii() and stripped.isdigit()) or len(stripped) > 3 or not low <= int(stripped) <= high:
        raise WorkbookError(
            _(
                "{what} should be a whole number from {low} to {high}. Nothing was "
                "saved. Example: workbook log checkin --mood 4 --craving 2"
            ).format(what=what, low=low, high=high)
        )
    return int(stripped)


def _check_in_answers(args: argparse.Namespace, sheet: Exercise) -> tuple[dict[str, object], bool]:
    """The check-in's answers from the command line, each checked (``WorkbookError`` if not)."""
    from workbook.worksheets.builtin import CheckIn

    answers: dict[str, object] = {}
    for ref, text, what in (
        (CheckIn.mood, args.mood, "--mood"),
        (CheckIn.craving, args.craving, "--craving"),
        (CheckIn.sleep_hours, args.sleep, "--sleep"),
        (CheckIn.sleep_quality, args.slept, "--slept"),
    ):
        spec = ref.spec(sheet)
        number = _whole(text, spec.min, spec.max, what) if spec is not None else None
        if number is not None:
            answers[ref.id] = number
    if args.halt is not None:
        halt = sheet.field(CheckIn.halt.id)
        typed = [part.strip() for part in args.halt.split(",") if part.strip()] or [args.halt]
        answers[CheckIn.halt.id] = list(dict.fromkeys(_chosen(halt, part, "--halt") for part in typed))
    for field_id, value, flag in (
        (CheckIn.medication.id, args.medication, "--medication"),
        (CheckIn.meeting.id, args.meeting, "--meeting"),
    ):
        if value is not None:
            answers[field_id] = _chosen(sheet.field(field_id), value, flag)
    intention, unreadable = typed_words(args.intention or [])
    if intention:
        answers[CheckIn.intention.id] = intention
    if not answers:
        raise WorkbookError(
            _(
                "Say at least one thing, for example: workbook log checkin --mood 4 "
                "--craving 2. Run 'workbook log checkin --help' for every answer it "
                "takes."
            )
        )
    return answers, unreadable


def _chosen(spec: Field | None, typed: str, flag: str) -> str:
    """The option of ``spec`` that ``typed`` names (its id, or its words in the language in use)."""
    from workbook.worksheets.options_typed import option_typed

    found = option_typed(spec, typed) if spec is not None and typed.strip() else None
    if found is None:
        named = (
            ", ".join(
                o.id
                if option_typed(spec, o.label) == o.id and o.label.casefold() == o.id.casefold()
                else f"{o.id} ({o.label})"
                for o in spec.options
            )
            if spec is not None
            else ""
        )
        raise WorkbookError(
            _('{flag} takes one of: {named}; not "{typed}". Nothing was saved.').format(
                flag=flag, named=named, typed=typed[:20]
            )
        )
    return found


def log_checkin_command(args: argparse.Namespace) -> int:
    """Today's check-in from the shell: each answer is checked before anything is saved. The
    workbook is opened first, so its own language reads the answers and says the results."""
    from workbook.services.daily import check_in, worksheet
    from workbook.services.workbook import EntryNotValid
    from workbook.worksheets.builtin import CheckIn
    from workbook.worksheets.loader import load_shipped

    shipped = load_shipped(CheckIn.ID)
    with open_workbook(args, {CheckIn.ID: shipped} if shipped is not None else {}) as book:
        answers, unreadable = _check_in_answers(args, worksheet(book, CheckIn.ID))
        try:
            done = check_in(book, answers)
        except EntryNotValid as exc:
            flag = _flags().get(exc.problems[0].field)
            if flag is None:
                raise
            # The worksheet's words name the question; the shell names the option that answers it.
            raise WorkbookError(
                _("{flag}: {problem} Nothing was saved. Example: workbook log checkin --mood 4 --craving 2").format(
                    flag=flag, problem=exc.problems[0].reason
                )
            ) from None
    if done.new:
        say(
            ngettext(
                "Checked in for today ({count} answer). You can add more in the app.",
                "Checked in for today ({count} answers). You can add more in the app.",
                len(answers),
            ).format(count=len(answers))
        )
    else:
        say(_("Today's check-in is updated."))
    if unreadable:
        say(
            _("Some characters could not be read (is the terminal set to UTF-8?); they are saved as replacement marks.")
        )
    if done.strong is not None:
        _strong(done.strong)
    return EXIT_OK
