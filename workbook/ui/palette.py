"""Provides the command palette's entries (Ctrl+P): every action of the program by name, in
the person's language, with Textual's own commands after them."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from babel import Locale
from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette
from textual.markup import escape
from textual.widgets.option_list import Option

from workbook.common.i18n import LANGUAGES, _, language, ngettext
from workbook.common.language import locale_for
from workbook.common.printable import clipped
from workbook.ui.themes import THEMES

if TYPE_CHECKING:
    from workbook.ui.app import WorkbookApp


def first_sentence(text: str, limit: int = 90) -> str:
    """The first sentence of ``text``, or its first words up to ``limit`` characters with
    "…": never cut in the middle of a word."""
    flat = " ".join(text.split())
    for end in (". ", "? ", "! "):
        at = flat.find(end)
        if 0 < at < limit:
            return flat[: at + 1]
    return clipped(flat, limit + 1)


def workbook_commands(app: WorkbookApp) -> Iterable[SystemCommand]:
    """The program's own commands (only crisis help while the workbook is still locked)."""
    if app.book is None:
        yield SystemCommand(_("Crisis help"), _("Crisis lines (F1)"), app.action_crisis)
        return
    from workbook.services.daily import todays_check_in
    from workbook.worksheets.practice import SKILL_NAMES

    book = app.book
    yield SystemCommand(_("Crisis help"), _("Crisis lines and your support contacts (F1)"), app.action_crisis)
    yield SystemCommand(_("Help"), _("Keys, privacy, where your data is"), app.action_help)
    if todays_check_in(book) is None:
        yield SystemCommand(
            _("Check in for today"),
            _("Mood, craving, sleep, medication: thirty seconds (k on Home)"),
            app.action_check_in,
        )
    else:
        yield SystemCommand(
            _("Change today's check-in"),
            _("You checked in today: add to it or change it (k on Home)"),
            app.action_check_in,
        )
    yield SystemCommand(_("Log a craving"), _("Strength and a few words, in seconds (c on Home)"), app.action_quick_log)
    for skill, name in SKILL_NAMES.items():
        yield SystemCommand(
            _("Practice: {name}").format(name=_(name)),
            _("A guided practice, kept in your practice log (p on Home)"),
            partial(app.start_practice, skill),
        )
    yield SystemCommand(_("Share with my counselor"), _("Export a report (PDF, web page, Markdown)"), app.action_export)
    yield SystemCommand(
        _("Pocket card"), _("A one-page card of your plan to keep in your wallet"), lambda: app.action_export("card")
    )
    yield SystemCommand(
        _("Recovery time"),
        _("Days without use on Home, or not; the date to count from; money and time back"),
        app.action_recovery_time,
    )
    from workbook.worksheets.mood_calendar import has_moods

    if has_moods(book.exercises):
        yield SystemCommand(
            _("Mood calendar"), _("A month of moods, with the days a use was logged (m on Home)"), app.action_calendar
        )
    yield SystemCommand(
        _("Self-check reminders"),
        _("Suggest PHQ-9 and GAD-7 every two weeks on Home, or not"),
        app.action_toggle_measure_reminders,
    )
    yield SystemCommand(_("Hide the screen"), _("Blank the screen until a key is pressed (F2)"), app.action_hide)
    from workbook.ui.auto_lock import SETTING, minutes_of

    now = minutes_of(book.setting(SETTING))
    current = (
        ngettext("now: after {count} minute", "now: after {count} minutes", int(now)).format(count=int(now))
        if now
        else _("now: never")
    )
    for minutes in (5, 15, 60, 0):
        if minutes == now:
            continue
        name = (
            ngettext(
                "Lock: hide after {count} minute without a key",
                "Lock: hide after {count} minutes without a key",
                minutes,
            )
            if minutes
            else _("Lock: never hide by itself")
        ).format(count=minutes)
        about = (
            _("Typing is kept as a draft first; an encrypted workbook asks for its passphrase ({current})")
            if minutes
            else _("The screen stays until you hide it with F2 ({current})")
        ).format(current=current)

        def choose(minutes: int = minutes) -> None:
            book.save_setting(SETTING, minutes)
            app.notify(_("Saved."), timeout=3)

        yield SystemCommand(name, about, choose)
    yield SystemCommand(_("Encrypt the workbook"), _("Protect your entries with a passphrase"), app.action_encrypt)
    yield SystemCommand(
        _("Erase deleted entries from backups"),
        _("Deleted entries stay in backups until they rotate out: erase them now"),
        app.action_forget_deleted,
    )
    for code, spoken in LANGUAGES.items():
        if code != language():
            # The name in its own language for the command, in the language in use for the sentence.
            named = Locale.parse(code).get_display_name(locale_for(None)) or spoken
            yield SystemCommand(
                _("Language: {language}").format(language=spoken),
                _("Screens, worksheets and reports in {language}").format(language=named),
                partial(app.change_language, code),
            )
    # The three themes the program is checked in (contrast, snapshots), by name, so that
    # "light", "dark", "contrast" or "theme" all find them; Textual's own list is left out.
    for name, title, words in THEMES:
        yield SystemCommand(_("Theme: {title}").format(title=_(title)), _(words), partial(setattr, app, "theme", name))
    for exercise in book.ordered_exercises():
        # The palette reads its words as markup: a worksheet's own words are escaped.
        title = escape(exercise.title)
        yield SystemCommand(
            _("New: {title}").format(title=title),
            escape(first_sentence(exercise.intro)),
            partial(app.open_new_entry, exercise),
        )
        yield SystemCommand(
            _("Open: {title}").format(title=title),
            _("History and saved entries"),
            partial(app.open_exercise, exercise.id),
        )


def textual_commands(commands: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """Textual's own commands in the person's language (their English is in ``ui/textual_words.py``),
    without its theme list (ours is above)."""
    return (SystemCommand(_(c.title), _(c.help), c.callback, c.discover) for c in commands if c.title != "Theme")


class WorkbookPalette(CommandPalette):
    """Textual's palette, saying "no matches" in the person's language (Textual writes the
    words itself inside this method, pinned with Textual in pyproject.toml)."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(_("No matches found"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def open_palette(app: WorkbookApp) -> None:
    """Textual's palette, with its prompt and its "no matches" in the person's language."""
    if app.use_command_palette and not CommandPalette.is_open(app):  # type: ignore[arg-type]
        app.push_screen(WorkbookPalette(placeholder=_("Search for commands…"), id="--command-palette"))
