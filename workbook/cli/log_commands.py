"""Provides ``log craving``: a craving logged from the shell in one line, about now or a
moment said in plain words (``--when "last night 10pm"``), and how it ended (``--outcome``).

It never echoes what was typed. For a strong craving it lists the person's own ways to cope,
their people and their crisis lines (or the US defaults, with a note saying so); after a
logged use, the first steps of their plan, the people to call and a kind word on overdose
safety.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING

from workbook.cli.common import EXIT_OK, clock_of, open_workbook, say, typed_words
from workbook.common.errors import WorkbookError, WorkbookLockedError
from workbook.common.i18n import _, ngettext

if TYPE_CHECKING:
    from workbook.services.daily import Support
    from workbook.services.workbook import EntryNotValid
    from workbook.worksheets.definition import Exercise, Field


def _listed(title: str, items: list[str]) -> None:
    if items:
        say(title)
        for item in items:
            say(f"  - {item}")


def _strong(care: Support) -> None:
    """After a strong craving: it will pass; the person's own ways to cope, people and
    reasons, and their crisis lines."""
    say(_("This is a strong one. It will pass, often within 20 to 30 minutes."))
    _listed(_("People you can call:"), care.people)
    if care.coping:
        _listed(_("What helps you cope:"), care.coping)
    else:
        say(_("Breathe slowly, change where you are, and reach out to someone."))
    _crisis(care)


def _used(care: Support) -> None:
    """After a logged use: kind words, the plan's first steps, people, and staying safe."""
    say(
        _(
            "Thank you for writing this down. A lapse is information, not a verdict: one use "
            "does not erase the progress you have made."
        )
    )
    if care.first_steps:
        _listed(_("Your first steps, from your plan:"), care.first_steps)
    else:
        say(_("Your plan has no first steps yet. Reaching out to one person you trust is a good one."))
    _listed(_("People you can call:"), care.people)
    _listed(_("Staying safe:"), care.safety)
    _crisis(care)


def _crisis(care: Support) -> None:
    say(_("If you are in danger or need to talk to someone now:"))
    for line in care.lines.lines:
        say(f"  {line.text()}")
    if care.lines.note:
        say(_("  ({note} You can change them in the app: F1, then E.)").format(note=care.lines.note))


def log_craving_command(args: argparse.Namespace) -> int:
    from workbook.services.daily import log_craving, support
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
    when = _when(args, clock_of(args).now())
    outcome = _outcome(args, log) if log is not None else None
    if when is None:
        # Words, not a clock time: a time would need Babel's locale data to be written as the
        # app writes it ("2:18 p.m."), on the quickest path there is.
        at = _("just now")
    else:
        from workbook.common.language import format_moment

        at = format_moment(when)
    try:
        with open_workbook(args, {Cravings.ID: log} if log is not None else {}) as book:
            logged = log_craving(book, strength, words, when=when, outcome=outcome)
            say(
                _("Saved: craving {strength}/10 ({time}). You can add more to it later in the app.").format(
                    strength=strength, time=at
                )
            )
            _unreadable_note(unreadable)
            if logged.used:
                _used(support(book, lapse=True))
            elif logged.strong is not None:
                _strong(support(book, lapse=False))
    except WorkbookLockedError:
        if log is None:
            raise
        from workbook.cli.common import db_path
        from workbook.services.daily import craving_answers, support_beside_the_app
        from workbook.worksheets import insights
        from workbook.worksheets.entry import Entry

        answers = craving_answers(log, strength, words, when=when, outcome=outcome)
        _to_inbox(args, "craving", log, answers)
        say(
            _("Saved: craving {strength}/10 ({time}). You can add more to it later in the app.").format(
                strength=strength, time=at
            )
        )
        _unreadable_note(unreadable)
        # The same care as with the app closed: it must never depend on which window is open.
        posted = Entry("posted", log.id, "", "", answers, log.version)
        if insights.is_lapse(log, posted):
            _used(support_beside_the_app(db_path(args), lapse=True))
        elif insights.is_strong(log, posted):
            _strong(support_beside_the_app(db_path(args), lapse=False))
    return EXIT_OK


def _unreadable_note(unreadable: bool) -> None:
    if unreadable:
        say(
            _("Some characters could not be read (is the terminal set to UTF-8?); they are saved as replacement marks.")
        )


def _to_inbox(args: argparse.Namespace, kind: str, sheet: Exercise, answers: dict[str, object]) -> None:
    """The workbook is open in another window: the entry goes to its inbox, which that
    window adds within seconds (and any program that opens the workbook next)."""
    from workbook.cli.common import Passphrases, db_path
    from workbook.services.inbox import post

    post(db_path(args), kind, sheet, answers, Passphrases(args).current, clock_of(args))
    say(_("The workbook is open in another window: this goes in as soon as that window sees it, within seconds."))


def _when(args: argparse.Namespace, now: datetime) -> datetime | None:
    """The moment ``--when`` names (``WorkbookError`` with an example when it names none, or
    one still to come)."""
    if args.when is None:
        return None
    from workbook.common.i18n import language
    from workbook.services.when import understand

    try:
        return understand(args.when, language(), now)
    except WorkbookError as exc:
        raise WorkbookError(_("{exc} Nothing was saved.").format(exc=exc)) from None


def _outcome(args: argparse.Namespace, log: Exercise) -> str | None:
    """The outcome option ``--outcome`` names: its id or its words in either language."""
    from workbook.worksheets.definition import Role

    if args.outcome is None:
        return None
    spec = log.role_field(Role.OUTCOME)
    return _chosen(spec, args.outcome, "--outcome", any_language=True, exercise=log)


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


def _chosen(
    spec: Field | None, typed: str, flag: str, *, any_language: bool = False, exercise: Exercise | None = None
) -> str:
    """The option of ``spec`` that ``typed`` names (its id, or its words in the language in
    use; with ``any_language``, in any language ``exercise`` speaks)."""
    from workbook.worksheets.options_typed import option_typed

    found = option_typed(spec, typed) if spec is not None and typed.strip() else None
    if found is None and any_language and spec is not None and exercise is not None:
        from workbook.common.i18n import LANGUAGES
        from workbook.worksheets.translation import localized

        for lang in LANGUAGES:
            words = localized(exercise, lang).field(spec.id)
            found = found or (option_typed(words, typed) if words is not None else None)
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
    from workbook.services.daily import check_in, support, worksheet
    from workbook.services.workbook import EntryNotValid
    from workbook.worksheets.builtin import CheckIn
    from workbook.worksheets.loader import load_shipped

    shipped = load_shipped(CheckIn.ID)
    try:
        with open_workbook(args, {CheckIn.ID: shipped} if shipped is not None else {}) as book:
            answers, unreadable = _check_in_answers(args, worksheet(book, CheckIn.ID))
            try:
                done = check_in(book, answers)
                care = support(book, lapse=False) if done.strong is not None else None
            except EntryNotValid as exc:
                raise _check_in_refused(exc) from None
    except WorkbookLockedError:
        if shipped is None:
            raise
        answers, unreadable = _check_in_answers(args, shipped)
        try:
            _to_inbox(args, "checkin", shipped, answers)
        except EntryNotValid as exc:
            raise _check_in_refused(exc) from None
        _unreadable_note(unreadable)
        return EXIT_OK
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
    _unreadable_note(unreadable)
    if care is not None:
        _strong(care)
    return EXIT_OK


def _check_in_refused(exc: EntryNotValid) -> WorkbookError:
    """The worksheet's words name the question; the shell names the option that answers it."""
    flag = _flags().get(exc.problems[0].field)
    if flag is None:
        return exc
    return WorkbookError(
        _("{flag}: {problem} Nothing was saved. Example: workbook log checkin --mood 4 --craving 2").format(
            flag=flag, problem=exc.problems[0].reason
        )
    )
