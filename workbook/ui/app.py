"""Provides ``WorkbookApp``: the Textual application shell. It wires screens together; every
rule a person can trigger lives in the application layer (``workbook.services``).

The open ``Workbook`` is handed in, so tests run the app on a temporary file or in memory
with a fixed clock. The app owns what every screen shares: crisis help on F1, hiding on F2,
the theme, the command palette, and which screen answers which action. It relays the
workbook's ``Changed`` events to every screen as ``WorkbookChanged`` messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import partial

from textual import events
from textual.app import SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.theme import Theme

from workbook.common.errors import WorkbookError
from workbook.common.i18n import N_, _
from workbook.services.events import Changed
from workbook.services.workbook import Workbook
from workbook.ui.auto_lock import IdleWatch
from workbook.ui.base import after_typed_keys, header_title, key_in_words
from workbook.ui.closing import ClosingTerminal, keep_typing_and_leave
from workbook.ui.crash import QuietCrash
from workbook.ui.holds_typing import HoldsTyping
from workbook.ui.messages import WorkbookChanged
from workbook.ui.themes import HIGH_CONTRAST
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry


class WorkbookApp(QuietCrash):
    CSS_PATH = "app.tcss"
    TITLE = N_("Recovery Workbook")
    BINDINGS = [
        # Shown first by every screen's own F1 (workbook.ui.base); this one serves the rest.
        Binding("f1", "crisis", N_("Crisis help"), show=False, priority=True),
        # Some terminals keep F1 for their own help; Ctrl+G reaches crisis help there.
        Binding("ctrl+g", "crisis", N_("Crisis help"), show=False, priority=True),
        Binding("f2", "hide", N_("Hide"), priority=True),
    ]

    def __init__(
        self, book: Workbook | None, opener: Callable[[str], Workbook] | None = None, lang: str | None = None
    ) -> None:
        """``book`` is the open workbook; for an encrypted one pass ``book=None`` and an
        ``opener`` that opens it with a passphrase (the app asks for it first). ``lang`` is a
        language asked for just now (``--lang``): spoken, and remembered once the workbook is open."""
        super().__init__()
        self._asked_language = lang
        self.book = book
        if book is not None:
            book.speak(lang)
        self._opener = opener
        self._opened: Workbook | None = None
        self._idle: IdleWatch | None = None  # the auto-lock's watch, once the workbook is open

    @property
    def open_book(self) -> Workbook:
        """The open workbook; screens that use it are shown only after it is open."""
        if self.book is None:
            raise WorkbookError(_("The workbook is not open yet."))
        return self.book

    @property
    def exercises(self) -> dict[str, Exercise]:
        return self.open_book.exercises

    def today(self) -> date:
        return self.open_book.today()

    def now(self) -> datetime:
        return self.open_book.now()

    # -- start-up, language and theme ---------------------------------------------------

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        self._terminal_watch = ClosingTerminal(partial(keep_typing_and_leave, self))
        self.title = _(self.TITLE)  # the lock screen's header speaks the language kept beside it
        if self.book is None:
            from workbook.ui.screens.unlock import UnlockScreen

            self.push_screen(UnlockScreen(self._open_with))
        else:
            self._start()

    def _open_with(self, passphrase: str) -> None:
        """Runs in a worker thread: open the encrypted workbook (raises on a wrong passphrase)."""
        if self._opener is None:
            raise WorkbookError(_("This workbook cannot be opened here."))
        self._opened = self._opener(passphrase)

    def unlocked(self) -> None:
        if self._opened is None:
            return
        self.book = self._opened
        self.book.speak(self._asked_language)
        self.pop_screen()
        self._start()

    def _start(self) -> None:
        from workbook.ui.screens.home import HomeScreen
        from workbook.ui.start_notes import start_notes

        book = self.open_book
        book.subscribe(self._relay)
        if self._asked_language:
            from workbook.ui.language_switch import save_language

            save_language(self, self._asked_language)
        self.title = _(self.TITLE)
        saved_theme = book.setting("theme")
        if isinstance(saved_theme, str) and saved_theme in self.available_themes:
            self.theme = saved_theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(HomeScreen())
        for note in start_notes(book):
            self.notify(note.text, title=note.title, severity="warning", timeout=note.seconds, markup=False)
        if not book.setting("welcomed"):
            from workbook.ui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())
        from workbook.ui.auto_lock import watch_idle
        from workbook.ui.inbox_watch import watch_inbox

        watch_inbox(self)
        self._idle = watch_idle(self)
        # Load the other screens' code once Home is on screen, so the first visit to a
        # history or a form does not pay for it.
        self.set_timer(0.3, self._warm_up)

    def _warm_up(self) -> None:
        from workbook.ui.navigation import warm_up

        warm_up(self)

    def _relay(self, change: Changed) -> None:
        """The workbook changed (perhaps in a worker thread: posting is safe from any thread)."""
        self.post_message(WorkbookChanged(change))

    def on_workbook_changed(self, message: WorkbookChanged) -> None:
        """Every screen on the stack hears of a change (a screen below the top refreshes when
        it is shown again)."""
        for screen in self.screen_stack:
            screen.post_message(WorkbookChanged(message.change))

    def change_language(self, name: str) -> None:
        """Speak ``name`` and remember it (only from Home: see ``ui/language_switch.py``)."""
        from workbook.ui.language_switch import change_language

        change_language(self, name)

    def action_command_palette(self) -> None:
        from workbook.ui.palette import open_palette

        open_palette(self)

    def get_key_display(self, binding: Binding) -> str:
        return key_in_words(super().get_key_display(binding))

    def format_title(self, title: str, sub_title: str) -> Content:
        return header_title(title, sub_title, self.size.width)

    def _remember_theme(self, theme: Theme) -> None:
        self.save_setting("theme", theme.name)

    def save_setting(self, key: str, value: object) -> None:
        """Keep a setting, or say why it could not be kept."""
        try:
            self.open_book.save_setting(key, value)
        except WorkbookError as exc:
            self.notify(str(exc), title=_("Not saved"), severity="error")

    # -- screens that other screens open --------------------------------------------------

    def open_exercise(self, exercise_id: str) -> None:
        from workbook.ui.navigation import open_exercise

        open_exercise(self, exercise_id)

    def open_new_entry(self, exercise: Exercise, callback: Callable[[Entry | None], None] | None = None) -> None:
        from workbook.ui.navigation import open_new_entry

        open_new_entry(self, exercise, callback)

    def after_save(self, entry: Entry, previous: Entry | None = None, message: str | None = None) -> None:
        from workbook.ui.navigation import after_save

        after_save(self, entry, previous, message)

    def action_check_in(self) -> None:
        from workbook.ui.navigation import check_in

        check_in(self)

    def action_practice(self) -> None:
        from workbook.ui.screens.practice.menu import PracticeMenuScreen

        self.push_screen(PracticeMenuScreen())

    def start_practice(self, skill: str, craving: Entry | None = None) -> None:
        """Open one guided practice (from the menu, the palette, or the support screen, which
        passes the craving just logged so riding it out completes that entry)."""
        from workbook.ui.navigation import practice_screen

        self.push_screen(practice_screen(skill, craving))

    def action_quick_log(self) -> None:
        from workbook.ui.navigation import quick_log

        quick_log(self)

    def add_lapse_to_plan(self, entry: Entry) -> None:
        from workbook.ui.navigation import add_lapse_to_plan

        add_lapse_to_plan(self, entry)

    def delete_with_confirm(self, entry: Entry, after: Callable[[], object] | None = None) -> None:
        from workbook.ui.navigation import delete_with_confirm

        delete_with_confirm(self, entry, after)

    # -- actions available everywhere -----------------------------------------------------

    def action_crisis(self) -> None:
        self.clear_notifications()  # nothing drawn over the lines, even for a few seconds
        self._show("crisis", "CrisisScreen")

    async def on_event(self, event: events.Event) -> None:
        # Any key or click counts as the person being here (for the auto-lock).
        if isinstance(event, (events.Key, events.MouseDown)) and self._idle is not None:
            self._idle.touched()
        await super().on_event(event)

    def action_hide(self) -> None:
        from workbook.ui.navigation import hide

        hide(self)

    def action_encrypt(self) -> None:
        from workbook.ui.navigation import encrypt

        encrypt(self)

    def action_export(self, fmt: str = "pdf") -> None:
        from workbook.ui.screens.export import ExportScreen

        if not isinstance(self.screen, ExportScreen):
            self.push_screen(ExportScreen(fmt))

    def action_help(self) -> None:
        self._show("help", "HelpScreen")

    def action_calendar(self) -> None:
        self._show("mood_calendar", "MoodCalendarScreen")

    def action_recovery_time(self) -> None:
        self._show("recovery_settings", "RecoverySettingsScreen")

    def _show(self, module: str, name: str) -> None:
        """Push the screen ``name`` of ``workbook.ui.screens.module`` (never a second one on top of itself)."""
        from importlib import import_module

        screen_class = getattr(import_module(f"workbook.ui.screens.{module}"), name)
        if not isinstance(self.screen, screen_class):
            self.push_screen(screen_class())

    def action_toggle_measure_reminders(self) -> None:
        from workbook.ui.navigation import toggle_measure_reminders

        toggle_measure_reminders(self)

    def action_forget_deleted(self) -> None:
        self._show("forget", "ForgetScreen")

    async def action_quit(self) -> None:
        """Ctrl+Q (and Q on Home): quit at once, unless something typed is not saved yet."""
        from workbook.ui.navigation import quit_asking

        def ask() -> None:  # once the letters typed just before Ctrl+Q are in their boxes
            quit_asking(self, [s for s in self.screen_stack if isinstance(s, HoldsTyping) and s.unsaved_typing()])

        after_typed_keys(self, ask)

    def on_unmount(self) -> None:
        self._terminal_watch.release()
        if self.book is not None:  # the workbook may outlive the app (tests, the benchmarks)
            self.book.unsubscribe(self._relay)

    def action_toggle_high_contrast(self) -> None:
        self.theme = "textual-dark" if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from workbook.ui.palette import textual_commands, workbook_commands

        yield from workbook_commands(self)
        if self.book is not None:
            yield from textual_commands(super().get_system_commands(screen))
