"""Provides ``WorkbookApp``: the Textual application shell. It wires screens together; what
the program decides lives below the interface (reactions, plan edits, deletions).

The store is handed in, so tests run the app on a temporary file or in memory. The app
owns what every screen shares: the worksheet definitions, the clock (``today``), crisis
help on F1, hiding on F2, the theme (saved in the workbook), deleting with undo, and the
command palette entries.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Protocol, runtime_checkable

from textual.app import App, SystemCommand
from textual.markup import escape
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.theme import Theme

from workbook.store.deletions import Deletions
from workbook.store.errors import WorkbookError
from workbook.store.workbook_store import Store
from workbook.worksheets.builtin import CORE_ORDER, CheckIn, Cravings, Plan
from workbook.worksheets.definition import Exercise, Problem
from workbook.worksheets.entry import Entry
from workbook.worksheets.loader import load_exercises
from babel import Locale

from workbook.common.language import locale_for
from workbook.common.i18n import ENGLISH, LANGUAGES, N_, _, language, set_language
from workbook.store.language_setting import adopt_language, remember_language
from workbook.worksheets.translation import localized

@runtime_checkable
class HoldsTyping(Protocol):
    """A screen that can hold typing not saved yet (a form, the quick log)."""

    def unsaved_typing(self) -> bool: ...

    def save_typing(self) -> bool:
        """Save what is typed as an entry; False (with the reason shown) when it cannot be."""
        ...

    def keep_draft(self) -> None: ...

    def drop_draft(self) -> None: ...


HIGH_CONTRAST = Theme(
    name="high-contrast", primary="#FFFF00", secondary="#00FFFF", accent="#FFFFFF", foreground="#FFFFFF",
    background="#000000", surface="#000000", panel="#1A1A1A", success="#00FF00", warning="#FFFF00",
    error="#FF5555", dark=True,
)


THEMES = (("textual-dark", N_("dark"), N_("Light text on a dark background")),
          ("textual-light", N_("light"), N_("Dark text on a light background")),
          ("high-contrast", N_("high contrast"), N_("Black and white with strong edges, for low vision "
                                                "or bright light")))


class WorkbookApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = N_("Recovery Workbook")
    BINDINGS = [
        # Shown first by every screen's own F1 (workbook.ui.base); this one serves the rest.
        Binding("f1", "crisis", N_("Crisis help"), show=False, priority=True),
        # Some terminals keep F1 for their own help; Ctrl+G reaches crisis help there.
        Binding("ctrl+g", "crisis", N_("Crisis help"), show=False, priority=True),
        Binding("f2", "hide", N_("Hide"), priority=True),
    ]

    def __init__(self, store: Store | None, exercises: dict[str, Exercise] | None = None,
                 problems: list[Problem] | None = None, opener: Callable[[str], Store] | None = None,
                 today: Callable[[], date] = date.today, lang: str | None = None) -> None:
        """``store`` is the open workbook; for an encrypted one pass ``store=None`` and an
        ``opener`` that opens it with a passphrase (the app asks for it first). ``today`` is
        the clock every screen uses, so tests can fix the day. ``lang`` is a language asked for
        just now (``--lang``): spoken, and remembered by the workbook once it is open."""
        super().__init__()
        self._asked_language = lang
        if store is not None:
            adopt_language(store, lang)
        self.store = store
        self._opener = opener
        self.today = today
        self._opened: Store | None = None
        if exercises is None:
            from workbook.store.paths import user_exercise_dirs
            exercises, problems = load_exercises(user_exercise_dirs())
        self.exercises = exercises
        self.problems = problems or []
        self.deletions: Deletions | None = Deletions(store) if store is not None else None
        self._crash_kind = _("an error")

    @property
    def open_store(self) -> Store:
        """The open workbook; screens that use it are shown only after it is open."""
        if self.store is None:
            raise WorkbookError(_("The workbook is not open yet."))
        return self.store

    def now(self) -> datetime:
        """The app's clock as a moment: today's date at the current time of day."""
        current = datetime.now()
        return datetime.combine(self.today(), current.time())

    # -- when something goes wrong -------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        # Never Textual's own report: it shows local variables (and some errors render
        # themselves), which could put a passphrase or entry text into the scrollback.
        self._crash_kind = type(error).__name__
        self._crash = error
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self._fatal_error()

    def _fatal_error(self) -> None:
        """Exit with a plain message (and, with WORKBOOK_DEBUG=1, where it happened)."""
        from rich.text import Text

        from workbook.common.protection import safe_traceback
        self.bell()
        message = (_("Recovery Workbook stopped because of an unexpected problem ({crash_kind}). "
                     "Everything you saved before it is safe, and unsaved forms are kept as drafts. "
                     "Please report it; run again with WORKBOOK_DEBUG=1 to see where it happened.").format(
                         crash_kind=self._crash_kind))
        crash = getattr(self, "_crash", None)
        if os.environ.get("WORKBOOK_DEBUG") and crash is not None:
            message = safe_traceback(crash) + "\n\n" + message
        self._exit_renderables.append(Text(message))
        self._close_messages_no_wait()

    # -- start-up and theme -----------------------------------------------------------

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        if self.store is None:
            from workbook.ui.screens.unlock import UnlockScreen
            self.push_screen(UnlockScreen(self._open_with))
        else:
            self._start()

    def _speak(self, name: str) -> None:
        """Screens, worksheets and the title in ``name`` from now on."""
        set_language(name)
        self.exercises = {key: localized(exercise, language()) for key, exercise in self.exercises.items()}
        self.title = _(self.TITLE)

    def save_language(self, name: str) -> None:
        try:
            remember_language(self.open_store, name)
        except WorkbookError as exc:
            self.notify(str(exc), title=_("Not saved"), severity="error")

    def change_language(self, name: str) -> None:
        """Speak ``name`` and remember it; Home is made again in the new words. Only from
        Home: a form or a practice open above it keeps its words, so it is never closed for this."""
        from workbook.ui.screens.home import HomeScreen
        if name == language():
            return
        if not isinstance(self.screen, HomeScreen):
            self.notify(_("Go back to Home (Esc) to change the language: an open form keeps its words."),
                        severity="warning")
            return
        self.save_language(name)
        self._speak(name)
        self.switch_screen(HomeScreen())
        self.notify(_("The workbook speaks English now.") if name == ENGLISH else _("The workbook speaks Spanish now."))

    def action_command_palette(self) -> None:
        """Textual's palette, with its prompt in the person's language."""
        from textual.command import CommandPalette
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(placeholder=_("Search for commands…"), id="--command-palette"))

    def _open_with(self, passphrase: str) -> None:
        """Runs in a worker thread: open the encrypted workbook (raises on a wrong passphrase)."""
        if self._opener is None:
            raise WorkbookError(_("This workbook cannot be opened here."))
        self._opened = self._opener(passphrase)

    def unlocked(self) -> None:
        if self._opened is None:
            return
        self.store = self._opened
        self.deletions = Deletions(self.store)
        self.pop_screen()
        self._start()

    def _start(self) -> None:
        from workbook.ui.screens.home import HomeScreen
        store = self.open_store
        adopt_language(store, self._asked_language)
        if self._asked_language:
            self.save_language(self._asked_language)
        self._speak(language())
        saved_theme = store.get_setting("theme")
        if isinstance(saved_theme, str) and saved_theme in self.available_themes:
            self.theme = saved_theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(HomeScreen())
        if len(self.problems) <= 2:
            for problem in self.problems:
                self.notify(str(problem), title=_("A worksheet could not be loaded"), severity="warning", timeout=10,
                            markup=False)  # a problem quotes the file, which may hold anything
        else:  # one note, not a pile of them over Home
            names = ", ".join(sorted({Path(p.file).name for p in self.problems})[:5])
            self.notify(_("{count} problems in worksheet files ({names}…). The others work; "
                          "'workbook exercises list' says what is wrong in each.").format(
                              count=len(self.problems), names=names),
                        title=_("Some worksheets could not be loaded"), severity="warning", timeout=15)
        if store.set_aside_count():
            self.notify(_("{set_aside_count} damaged record(s) in the workbook could not be read. "
                          "They are kept word for word, set aside in the same file, and everything "
                          "else works. 'workbook check' says more.").format(
                              set_aside_count=store.set_aside_count()), title=_("Some of the file could not be "
                                                                                "read"), severity="warning", timeout=20)
        if store.backup_problem:
            self.notify(store.backup_problem, title=_("No backup today"), severity="warning", timeout=20)
        if not store.get_setting("welcomed"):
            from workbook.ui.screens.welcome import WelcomeScreen
            self.push_screen(WelcomeScreen())
        # Load the other screens' code once Home is on screen, so the first visit to a
        # history or a form does not pay for it.
        self.set_timer(0.3, self._warm_up)

    def _warm_up(self) -> None:
        import workbook.ui.screens.entry  # noqa: F401
        import workbook.ui.screens.form  # noqa: F401
        import workbook.ui.screens.history  # noqa: F401

    def format_title(self, title: str, sub_title: str) -> Content:
        """The title and sub-title in full colour: Textual dims the sub-title, which falls below
        4.5:1 in the light theme, and ours says where the person is ("4 of 5")."""
        return Content(f"{title} — {sub_title}") if sub_title else Content(title)

    def _remember_theme(self, theme: Theme) -> None:
        self.save_setting("theme", theme.name)

    def save_setting(self, key: str, value: object) -> None:
        try:
            self.open_store.set_setting(key, value)
        except WorkbookError as exc:
            self.notify(str(exc), title=_("Not saved"), severity="error")

    # -- navigation shared by screens ---------------------------------------------------

    def ordered_exercises(self) -> list[Exercise]:
        core = [self.exercises[i] for i in CORE_ORDER if i in self.exercises]
        rest = sorted((e for i, e in self.exercises.items() if i not in CORE_ORDER), key=lambda e: e.title)
        return core + rest

    def open_exercise(self, exercise_id: str) -> None:
        """A log opens its history; a living document opens itself (or a new one)."""
        from workbook.ui.screens.entry import EntryScreen
        from workbook.ui.screens.history import HistoryScreen
        exercise = self.exercises[exercise_id]
        if exercise.single:
            existing = self.open_store.entries(exercise_id)
            if existing:
                self.push_screen(EntryScreen(exercise, existing[0]))
            else:
                self.open_new_entry(exercise)
            return
        # One history screen per worksheet is kept and refreshed on each visit: building a
        # screen with a data table is most of what opening a history costs.
        name = f"history-{exercise_id}"
        if not self.is_screen_installed(name):
            self.install_screen(HistoryScreen(exercise), name=name)
        kept = self.get_screen(name)
        self.push_screen(HistoryScreen(exercise) if kept in self.screen_stack else kept)

    def _already_open(self, exercise: Exercise, entry: Entry | None) -> bool:
        """True (and said) when the same form is open below: a second one would share its draft,
        and saving both would save the words twice."""
        from workbook.ui.screens.form import FormScreen
        from workbook.worksheets.drafts import draft_key
        wanted = draft_key(exercise.id, entry.id if entry else None)
        if any(isinstance(s, FormScreen) and s.draft_key == wanted for s in self.screen_stack):
            self.notify(_("That form is open already: finish it or leave it (Esc) first."), severity="warning")
            return True
        return False

    def open_new_entry(self, exercise: Exercise, callback: Callable[[Entry | None], None] | None = None) -> None:
        from workbook.ui.screens.form import FormScreen
        existing = self.open_store.entries(exercise.id) if exercise.single else []
        if self._already_open(exercise, existing[0] if existing else None):
            return
        if existing:
            # One living document: "new" means opening the one there is.
            self.push_screen(FormScreen(exercise, existing[0]), callback)
            return
        if exercise.id == CheckIn.ID:
            from workbook.worksheets.due_today import checked_in_today
            done = checked_in_today(self.open_store.entries(CheckIn.ID), self.exercises, self.today())
            if done is not None:
                if self._already_open(exercise, done):
                    return
                # One check-in a day: a second would hide the first on Home and in the report.
                self.notify(_("You checked in today already: here it is, to change or add to."))
                self.push_screen(FormScreen(exercise, done), callback)
                return
        prompt = ""
        if exercise.prompts:
            prompt = _("Today's prompt: ") + exercise.prompts[self.today().toordinal() % len(exercise.prompts)]
        self.push_screen(FormScreen(exercise, prompt=prompt), callback)

    def after_save(self, entry: Entry, previous: Entry | None = None, message: str | None = None) -> None:
        """Respond to what was just saved: support after a strong craving or a logged use (with
        the confirmation inside it: a toast must never cover the support and its crisis lines),
        a short confirmation otherwise."""
        from workbook.ui.screens.support import SupportScreen
        from workbook.worksheets.reactions import Response, response_to_save
        response = response_to_save(self.exercises.get(entry.exercise), entry, previous)
        message = message or _("Saved.")
        if response is Response.NOTHING:
            self.notify(message)
            return
        self.clear_notifications()
        self.push_screen(SupportScreen(entry, lapse=response is Response.LAPSE, note=message))

    def action_check_in(self) -> None:
        """Today's check-in: the one already begun today, or a new one dated today."""
        from workbook.ui.screens.form import FormScreen
        from workbook.worksheets.due_today import checked_in_today
        exercise = self.exercises.get(CheckIn.ID)
        if exercise is None:
            self.notify(_("The daily check-in worksheet is not loaded."), severity="warning")
            return
        done = checked_in_today(self.open_store.entries(CheckIn.ID), self.exercises, self.today())
        self.push_screen(FormScreen(exercise, done))

    def action_practice(self) -> None:
        from workbook.ui.screens.practice.menu import PracticeMenuScreen
        self.push_screen(PracticeMenuScreen())

    def start_practice(self, skill: str, craving: Entry | None = None) -> None:
        """Open one guided practice (from the menu, the palette, or the support screen, which
        passes the craving just logged so riding it out completes that entry)."""
        from workbook.ui.screens.practice.breathing import BreathingScreen
        from workbook.ui.screens.practice.grounding import GroundingScreen
        from workbook.ui.screens.practice.muscles import MuscleRelaxationScreen
        from workbook.ui.screens.practice.urge_surfing import UrgeSurfingScreen
        from workbook.worksheets.practice import BREATHING, GROUNDING, MUSCLES, URGE
        screens = {BREATHING: BreathingScreen, GROUNDING: GroundingScreen, URGE: UrgeSurfingScreen,
                   MUSCLES: MuscleRelaxationScreen}
        if skill == URGE:
            self.push_screen(UrgeSurfingScreen(craving))
            return
        self.push_screen(screens.get(skill, BreathingScreen)())

    def action_quick_log(self) -> None:
        from workbook.ui.screens.quick_log import QuickLogScreen

        def saved(entry: Entry | None) -> None:
            if entry is not None:
                strength = Cravings.strength.number(entry.answers)
                self.after_save(entry, message=_("Craving logged ({strength}/10). Well done for noticing it.").format(
                    strength=strength))
                refresh = getattr(self.screen, "refresh_home", None) or getattr(self.screen, "reload", None)
                if refresh is not None:
                    refresh()

        self.push_screen(QuickLogScreen(), saved)

    def add_lapse_to_plan(self, entry: Entry) -> None:
        """Open the plan with a new risky situation drawn from this log entry."""
        from workbook.ui.screens.form import FormScreen
        from workbook.worksheets.plan_edits import lapse_situation, with_situations
        plan_exercise = self.exercises.get(Plan.ID)
        if plan_exercise is None:
            return
        plans = self.open_store.entries(Plan.ID)
        plan = plans[0] if plans else None
        answers = with_situations(plan.answers if plan else None,
                                  [lapse_situation(self.exercises.get(entry.exercise), entry)], self.today(),
                                  plans=[Cravings.next_time.text(entry.answers)])
        self.push_screen(FormScreen(plan_exercise, plan, prefill=answers, show_field=Plan.high_risk.id,
                                    note=_("What happened is added as the last risky situation in "
                                           "your plan. Change it as you like, then save (Ctrl+S).")))

    def delete_with_confirm(self, entry: Entry, after: Callable[[], object] | None = None) -> None:
        from workbook.ui.screens.confirm import ConfirmScreen

        def decided(choice: str | None) -> None:
            if choice != "delete" or self.deletions is None:
                return
            try:
                self.deletions.delete(entry.id)
            except WorkbookError as exc:
                self.notify(str(exc), severity="error")
                return
            self.notify(_("Deleted. Press U in the history to undo."), timeout=8)
            if after is not None:
                after()

        title = self.exercises[entry.exercise].title if entry.exercise in self.exercises else entry.exercise
        self.push_screen(ConfirmScreen(_("Delete this {title} entry from {value}?").format(
            title=title, value=entry.created[:10]),
                                       [("delete", _("Delete"), "error"), ("keep", _("Keep it"), "primary")],
                                       cancel_id="keep"), decided)

    def toggle_mark(self, entry: Entry) -> Entry:
        """Mark an entry to bring to the next session, or take the mark away; the entry as it is now."""
        try:
            marked = self.open_store.mark(entry.id, not entry.bring_to_session)
        except WorkbookError as exc:
            self.notify(str(exc), severity="error")
            return entry
        self.notify(_("Marked to bring to your next session: it comes first in your report.") if marked.bring_to_session
                    else _("The mark is taken away."))
        return marked

    def clear_marks(self) -> int:
        """Take the "bring to session" mark off every entry; how many there were."""
        marked = [e for e in self.open_store.entries() if e.bring_to_session]
        for entry in marked:
            self.open_store.mark(entry.id, False)
        return len(marked)

    def undo_delete(self) -> bool:
        if self.deletions is None or not self.deletions.can_undo:
            self.notify(_("There is nothing to undo."))
            return False
        try:
            self.deletions.undo()
        except WorkbookError as exc:
            self.notify(str(exc), severity="error")
            return False
        self.notify(_("The entry is back."))
        return True

    # -- actions available everywhere -----------------------------------------------------

    def action_crisis(self) -> None:
        from workbook.ui.screens.crisis import CrisisScreen
        if not isinstance(self.screen, CrisisScreen):
            self.push_screen(CrisisScreen())

    def action_hide(self) -> None:
        from workbook.ui.screens.privacy import PrivacyScreen
        if isinstance(self.screen, PrivacyScreen) or self.store is None:
            return
        codec = self.store.codec
        self.push_screen(PrivacyScreen(codec.verify if codec.encrypted else None))

    def action_encrypt(self) -> None:
        from workbook.ui.screens.encrypt import EncryptScreen
        if self.open_store.encrypted:
            self.notify(_("The workbook is already encrypted. To change the passphrase, run "
                          "'workbook passphrase' in a terminal."))
            return
        if self.open_store.path is None:
            self.notify(_("This workbook is only in memory; there is no file to encrypt."))
            return
        self.push_screen(EncryptScreen())

    def action_export(self, fmt: str = "pdf") -> None:
        from workbook.ui.screens.export import ExportScreen
        if not isinstance(self.screen, ExportScreen):
            self.push_screen(ExportScreen(fmt))

    def action_help(self) -> None:
        from workbook.ui.screens.help import HelpScreen
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_recovery_time(self) -> None:
        from workbook.ui.screens.recovery_settings import RecoverySettingsScreen

        def saved(changed: bool | None) -> None:
            refresh = getattr(self.screen, "refresh_home", None)
            if changed and refresh is not None:
                refresh()

        self.push_screen(RecoverySettingsScreen(), saved)

    def action_toggle_measure_reminders(self) -> None:
        from workbook.worksheets.measures import REMINDERS_SETTING
        on = self.open_store.get_setting(REMINDERS_SETTING) is not False
        self.save_setting(REMINDERS_SETTING, not on)
        self.notify(_("Self-checks will not be suggested on Home. You can still fill one in any time.") if on
                    else _("Self-checks will be suggested on Home every two weeks."))
        refresh = getattr(self.screen, "refresh_home", None)
        if refresh is not None:
            refresh()

    def action_forget_deleted(self) -> None:
        from workbook.ui.screens.forget import ForgetScreen
        self.push_screen(ForgetScreen())

    async def action_quit(self) -> None:
        """Ctrl+Q (and Q on Home): quit at once, unless something typed is not saved yet."""
        from workbook.ui.screens.confirm import ConfirmScreen
        from workbook.ui.screens.practice.base import PracticeScreen

        def leave() -> None:
            for screen in self.screen_stack:
                if isinstance(screen, PracticeScreen):
                    screen.stop_and_keep()  # quitting keeps a practice as Esc does
            self.exit()

        pending = [s for s in self.screen_stack if isinstance(s, HoldsTyping) and s.unsaved_typing()]
        if not pending:
            leave()
            return

        def decided(choice: str | None) -> None:
            if choice == "stay":
                return
            if choice == "save":
                # Each form is checked and saved as its Save would; one that cannot be saved
                # (a date to correct) stays open with its message, and nothing quits.
                if not all(screen.save_typing() for screen in pending):
                    return
                leave()
                return
            for screen in pending:
                if choice == "draft":
                    screen.keep_draft()
                else:
                    screen.drop_draft()
            leave()

        self.push_screen(ConfirmScreen(
            _("You have changes that are not saved yet."),
            [("save", _("Save them and quit"), "primary"), ("draft", _("Keep a draft and quit"), "default"),
             ("stay", _("Keep editing"), "default"),
             ("quit", _("Quit without them"), "error")], cancel_id="stay"), decided)

    def action_toggle_high_contrast(self) -> None:
        self.theme = "textual-dark" if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:  # noqa: C901 - a list
        if self.store is None:  # still locked: only help that needs no data
            yield SystemCommand(_("Crisis help"), _("Crisis lines (F1)"), self.action_crisis)
            return
        yield SystemCommand(_("Crisis help"), _("Crisis lines and your support contacts (F1)"), self.action_crisis)
        yield SystemCommand(_("Help"), _("Keys, privacy, where your data is"), self.action_help)
        from workbook.worksheets.due_today import checked_in_today
        if checked_in_today(self.open_store.entries(CheckIn.ID), self.exercises, self.today()) is None:
            yield SystemCommand(_("Check in for today"), _("Mood, craving, sleep, medication: thirty "
                                                        "seconds (k on Home)"),
                                self.action_check_in)
        else:
            yield SystemCommand(_("Change today's check-in"), _("You checked in today: add to it or "
                                                             "change it (k on Home)"),
                                self.action_check_in)
        yield SystemCommand(_("Log a craving"), _("Strength and a few words, in seconds (c on Home)"),
                            self.action_quick_log)
        from workbook.worksheets.practice import SKILL_NAMES
        for skill, name in SKILL_NAMES.items():
            yield SystemCommand(_("Practice: {name}").format(
                name=_(name)), _("A guided practice, kept in your practice log "
                                                       "(p on Home)"),
                                partial(self.start_practice, skill))
        yield SystemCommand(_("Share with my counselor"), _("Export a report (PDF, web page, Markdown)"),
                            self.action_export)
        yield SystemCommand(_("Pocket card"), _("A one-page card of your plan to keep in your wallet"),
                            lambda: self.action_export("card"))
        yield SystemCommand(_("Recovery time"), _("Show days without use on Home, or not; the date to count from"),
                            self.action_recovery_time)
        yield SystemCommand(_("Self-check reminders"), _("Suggest PHQ-9 and GAD-7 every two weeks on "
                                                      "Home, or not"),
                            self.action_toggle_measure_reminders)
        yield SystemCommand(_("Hide the screen"), _("Blank the screen until a key is pressed (F2)"), self.action_hide)
        yield SystemCommand(_("Encrypt the workbook"), _("Protect your entries with a passphrase"), self.action_encrypt)
        yield SystemCommand(_("Erase deleted entries from backups"),
                            _("Deleted entries stay in backups until they rotate out: erase them now"),
                            self.action_forget_deleted)
        # The three themes the program is checked in (contrast, snapshots), by name, so that
        # "light", "dark", "contrast" or "theme" all find them; Textual's own list is left out.
        for code, spoken in LANGUAGES.items():
            if code != language():
                # The name in its own language for the command, in the language in use for the sentence.
                named = Locale.parse(code).get_display_name(locale_for(None)) or spoken
                yield SystemCommand(_("Language: {language}").format(language=spoken),
                                    _("Screens, worksheets and reports in {language}").format(language=named),
                                    partial(self.change_language, code))
        for name, title, words in THEMES:
            yield SystemCommand(_("Theme: {title}").format(
                title=_(title)), _(words), partial(setattr, self, "theme", name))
        for exercise in self.ordered_exercises():
            # The palette reads its words as markup: a worksheet's own words are escaped.
            title = escape(exercise.title)
            yield SystemCommand(_("New: {title}").format(title=title), escape(exercise.intro[:80]),
                                partial(self.open_new_entry, exercise))
            yield SystemCommand(_("Open: {title}").format(title=title), _("History and saved entries"),
                                partial(self.open_exercise, exercise.id))
        # Textual's own commands, in the person's language (their English is in ui/textual_words.py).
        yield from (SystemCommand(_(c.title), _(c.help), c.callback, c.discover)
                    for c in super().get_system_commands(screen) if c.title != "Theme")
