"""Provides which screen answers a request that several screens make: opening a worksheet (its
history, or the one living document), a new entry (today's check-in when there is one), a
guided practice, deleting after a question, and quitting without letting typed words go."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen

from workbook.common.errors import WorkbookError
from workbook.common.i18n import _
from workbook.common.language import format_day
from workbook.ui.holds_typing import HoldsTyping
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry

if TYPE_CHECKING:
    from workbook.services.daily import PlanChange
    from workbook.ui.app import WorkbookApp


def open_exercise(app: WorkbookApp, exercise_id: str) -> None:
    """A log opens its history; a living document opens itself (or a new one)."""
    from workbook.ui.screens.entry import EntryScreen
    from workbook.ui.screens.history import HistoryScreen

    book = app.open_book
    exercise = book.exercises[exercise_id]
    if exercise.single:
        existing = book.entries(exercise_id)
        if existing:
            app.push_screen(EntryScreen(exercise, existing[0]))
        else:
            open_new_entry(app, exercise)
        return
    # One history screen per worksheet is kept and refreshed on each visit: building a
    # screen with a data table is most of what opening a history costs.
    name = _kept_history(exercise_id)
    if not app.is_screen_installed(name):
        app.install_screen(HistoryScreen(exercise), name=name)
    kept = app.get_screen(name)
    app.push_screen(HistoryScreen(exercise) if kept in app.screen_stack else kept)


def _kept_history(exercise_id: str) -> str:
    return f"history-{exercise_id}"


def forget_kept_histories(app: WorkbookApp) -> None:
    """Let go of the kept history screens not on the stack (they are made again on the next
    visit): their words are in the language they were made in."""
    for exercise_id in app.open_book.exercises:
        name = _kept_history(exercise_id)
        if app.is_screen_installed(name):
            kept = app.get_screen(name)
            if kept not in app.screen_stack:
                app.uninstall_screen(name)
                kept.remove()


def _already_open(app: WorkbookApp, exercise: Exercise, entry: Entry | None) -> bool:
    """True (and said) when the same form is open below: a second one would share its draft,
    and saving both would save the words twice."""
    from workbook.ui.screens.form import FormScreen
    from workbook.worksheets.drafts import draft_key

    wanted = draft_key(exercise.id, entry.id if entry else None)
    if any(isinstance(s, FormScreen) and s.draft_key == wanted for s in app.screen_stack):
        app.notify(_("That form is open already: finish it or leave it (Esc) first."), severity="warning")
        return True
    return False


def open_new_entry(
    app: WorkbookApp, exercise: Exercise, callback: Callable[[Entry | None], None] | None = None
) -> None:
    """A new entry's form; for a living document the one there is, and for the check-in today's
    one when it is begun already (one check-in a day: a second would hide the first)."""
    from workbook.services.daily import prompt_of_the_day, todays_check_in
    from workbook.ui.screens.form import FormScreen
    from workbook.worksheets.builtin import CheckIn

    book = app.open_book
    existing = book.entries(exercise.id)[:1] if exercise.single else []
    if _already_open(app, exercise, existing[0] if existing else None):
        return
    if existing:
        app.push_screen(FormScreen(exercise, existing[0]), callback)
        return
    done = todays_check_in(book) if exercise.id == CheckIn.ID else None
    if done is not None:
        if not _already_open(app, exercise, done):
            app.notify(_("You checked in today already: here it is, to change or add to."))
            app.push_screen(FormScreen(exercise, done), callback)
        return
    app.push_screen(FormScreen(exercise, prompt=prompt_of_the_day(book, exercise)), callback)


def practice_screen(skill: str, craving: Entry | None = None) -> Screen[None]:
    """The screen of one guided practice (riding out an urge completes ``craving`` when given)."""
    from workbook.ui.screens.practice.breathing import BreathingScreen
    from workbook.ui.screens.practice.grounding import GroundingScreen
    from workbook.ui.screens.practice.muscles import MuscleRelaxationScreen
    from workbook.ui.screens.practice.urge_surfing import UrgeSurfingScreen
    from workbook.worksheets.practice import GROUNDING, MUSCLES, URGE

    if skill == URGE:
        return UrgeSurfingScreen(craving)
    if skill == GROUNDING:
        return GroundingScreen()
    if skill == MUSCLES:
        return MuscleRelaxationScreen()
    return BreathingScreen()


def delete_with_confirm(app: WorkbookApp, entry: Entry, after: Callable[[], object] | None = None) -> None:
    """Ask, then delete (undo stays possible with U in the history)."""
    from workbook.ui.screens.confirm import ConfirmScreen

    def decided(choice: str | None) -> None:
        if choice != "delete":
            return
        try:
            app.open_book.delete(entry.id)
        except WorkbookError as exc:
            app.notify(str(exc), severity="error")
            return
        app.notify(_("Deleted. Press U in the history to undo."), timeout=8)
        if after is not None:
            after()

    exercises = app.open_book.exercises
    title = exercises[entry.exercise].title if entry.exercise in exercises else entry.exercise
    app.push_screen(
        ConfirmScreen(
            _("Delete this {title} entry from {value}?").format(
                title=title, value=format_day(entry.created_at, long=True)
            ),
            [("delete", _("Delete"), "error"), ("keep", _("Keep it"), "primary")],
            cancel_id="keep",
        ),
        decided,
    )


def quit_asking(app: WorkbookApp, pending: list[HoldsTyping]) -> None:
    """Quit at once when nothing typed is unsaved; else ask: save, keep a draft, keep editing
    (the safe answer to Esc) or quit without the words (last)."""
    from workbook.ui.screens.confirm import ConfirmScreen
    from workbook.ui.screens.practice.base import PracticeScreen

    def leave() -> None:
        for screen in app.screen_stack:
            if isinstance(screen, PracticeScreen):
                screen.stop_and_keep()  # quitting keeps a practice as Esc does
        app.exit()

    if not pending:
        leave()
        return

    def decided(choice: str | None) -> None:
        if choice == "stay":
            return
        if choice == "save":
            # Each form is checked and saved as its Save would; one that cannot be saved
            # (a date to correct) stays open with its message, and nothing quits.
            if all(screen.save_typing() for screen in pending):
                leave()
            return
        if choice == "draft":
            # A draft that could not be kept (a full disk) keeps the app open, words and all.
            if not all([screen.keep_draft() for screen in pending]):
                app.notify(
                    _(
                        "The draft could not be kept (the disk may be full), so nothing was closed: "
                        "your words are still here. Free some space, or copy them somewhere safe."
                    ),
                    severity="error",
                    timeout=15,
                )
                return
            leave()
            return
        for screen in pending:
            screen.drop_draft()
        leave()

    app.push_screen(
        ConfirmScreen(
            _("You have changes that are not saved yet."),
            [
                ("save", _("Save them and quit"), "primary"),
                ("draft", _("Keep a draft and quit"), "default"),
                ("stay", _("Keep editing"), "default"),
                ("quit", _("Quit without them"), "error"),
            ],
            cancel_id="stay",
        ),
        decided,
    )


def after_save(app: WorkbookApp, entry: Entry, previous: Entry | None = None, message: str | None = None) -> None:
    """Support after a strong craving or a logged use (with the confirmation inside it: a
    toast must never cover the support and its crisis lines), a short confirmation otherwise."""
    from workbook.services.daily import response_to
    from workbook.ui.screens.support import SupportScreen
    from workbook.worksheets.reactions import Response

    response = response_to(app.open_book, entry, previous)
    message = message or _("Saved.")
    if response is Response.PLAN_ROWS:
        offer_rows_to_plan(app, entry, previous, message)
        return
    if response is Response.NOTHING:
        app.notify(message)
        return
    app.clear_notifications()
    app.push_screen(SupportScreen(entry, lapse=response is Response.LAPSE, note=message))


def offer_rows_to_plan(app: WorkbookApp, entry: Entry, previous: Entry | None, message: str) -> None:
    """After a save whose plan-rows table has new rows: ask whether to add them to the plan
    (the plan's form opens with them, to look over and save); "Not now" is the default."""
    from workbook.services.daily import rows_into_plan
    from workbook.ui.screens.confirm import ConfirmScreen

    change = rows_into_plan(app.open_book, entry, previous)
    if change is None:
        app.notify(message)
        return

    def decided(choice: str | None) -> None:
        if choice == "plan":
            open_plan_with(
                app,
                change,
                _(
                    "Your new rows are added as the last risky situations in your plan. "
                    "Change them as you like, then save (Ctrl+S)."
                ),
            )

    # The answer goes to ``then``, not to a result callback: this is asked while the form that
    # saved is closing, and a callback would go back to that form and be lost with it.
    app.push_screen(
        ConfirmScreen(
            message + " " + _("Add what you will do next time to your relapse-prevention plan?"),
            [("later", _("Not now"), "primary"), ("plan", _("Open my plan with them"), "default")],
            cancel_id="later",
            then=decided,
        )
    )


def add_lapse_to_plan(app: WorkbookApp, entry: Entry) -> None:
    """Open the plan with a new risky situation drawn from this log entry, to look over and save."""
    from workbook.services.daily import lapse_into_plan

    change = lapse_into_plan(app.open_book, entry)
    if change is not None:
        open_plan_with(
            app,
            change,
            _(
                "What happened is added as the last risky situation in "
                "your plan. Change it as you like, then save (Ctrl+S)."
            ),
        )


def open_plan_with(app: WorkbookApp, change: PlanChange, note: str) -> None:
    """The plan's form with ``change``'s answers, at its risky situations, to look over and save."""
    from workbook.ui.screens.form import FormScreen
    from workbook.worksheets.builtin import Plan

    app.push_screen(
        FormScreen(change.exercise, change.plan, prefill=change.answers, show_field=Plan.high_risk.id, note=note)
    )


def quick_log(app: WorkbookApp) -> None:
    """A craving in a few keys; once saved, what follows a save (support for a strong one)."""
    from workbook.ui.screens.quick_log import QuickLogScreen
    from workbook.worksheets.builtin import Cravings

    def saved(entry: Entry | None) -> None:
        if entry is not None:
            from workbook.worksheets.insights import is_lapse

            strength = Cravings.strength.number(entry.answers)
            used = is_lapse(app.exercises.get(Cravings.ID), entry)
            # After a use the lapse steps speak; praise for noticing would ring wrong there.
            message = (
                _("Craving logged ({strength}/10).")
                if used
                else _("Craving logged ({strength}/10). Well done for noticing it.")
            ).format(strength=strength)
            after_save(app, entry, message=message)

    app.push_screen(QuickLogScreen(), saved)


def encrypt(app: WorkbookApp) -> None:
    """The encryption screen, unless there is nothing to encrypt (said in words)."""
    from workbook.ui.screens.encrypt import EncryptScreen

    if app.open_book.encrypted:
        app.notify(
            _("The workbook is already encrypted. To change the passphrase, run 'workbook passphrase' in a terminal.")
        )
    elif app.open_book.path is None:
        app.notify(_("This workbook is only in memory; there is no file to encrypt."))
    else:
        app.push_screen(EncryptScreen())


def toggle_measure_reminders(app: WorkbookApp) -> None:
    """Self-checks suggested on Home every two weeks, or not."""
    from workbook.worksheets.measures import REMINDERS_SETTING

    on = app.open_book.setting(REMINDERS_SETTING) is not False
    app.save_setting(REMINDERS_SETTING, not on)
    app.notify(
        _("Self-checks will not be suggested on Home. You can still fill one in any time.")
        if on
        else _("Self-checks will be suggested on Home every two weeks.")
    )


def check_in(app: WorkbookApp) -> None:
    """Today's check-in: the one already begun today, or a new one dated today."""
    from workbook.services.daily import todays_check_in
    from workbook.ui.screens.form import FormScreen
    from workbook.worksheets.builtin import CheckIn

    exercise = app.open_book.exercises.get(CheckIn.ID)
    if exercise is None:
        app.notify(_("The daily check-in worksheet is not loaded."), severity="warning")
        return
    app.push_screen(FormScreen(exercise, todays_check_in(app.open_book)))


def hide(app: WorkbookApp) -> None:
    """F2: blank the screen at once (it asks for the passphrase of an encrypted workbook to come back)."""
    from workbook.ui.screens.privacy import PrivacyScreen

    if isinstance(app.screen, PrivacyScreen) or app.book is None:
        return
    app.clear_notifications()  # a notice may quote a number or a file: nothing shows while hidden
    app.push_screen(PrivacyScreen(app.book.passphrase_check()))


def warm_up(app: WorkbookApp) -> None:
    """Load the screens people open most, and the date reader in a worker, once Home is drawn:
    the first visit to a history or a form, or the first day typed in words, does not pay."""
    import workbook.ui.screens.entry
    import workbook.ui.screens.form
    import workbook.ui.screens.history  # noqa: F401
    from workbook.services.when import warm_up as load_date_reader

    app.run_worker(load_date_reader, thread=True, group="warm-up", description="load the date reader")
