"""Provides ``WelcomeScreen``: the first-run welcome: what the program is, what it is not, where data is kept."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from workbook.common.i18n import N_, _
from workbook.ui.base import WorkbookModal
from workbook.ui.widgets.footer import WorkbookFooter
from workbook.ui.widgets.ticks import TickBox
from workbook.worksheets.recovery_time import SHOW_SETTING

WELCOME = N_(
    "Your private workbook for the skills you practise between sessions: a daily check-in, goals, "
    "a craving log, a relapse-prevention plan, a gratitude journal, your sessions and homework, "
    "and more.\n\nNothing is sent anywhere: everything you write stays in one file on this "
    "computer, and you choose what to export for your counselor. The file: {path}\n\nIt supports "
    "your treatment. It does not diagnose, prescribe, or replace your counselor."
)


class WelcomeWords(VerticalScroll, can_focus=False):
    """The welcome's words: read with the arrows, never a Tab stop where Enter does nothing."""


class WelcomeScreen(WorkbookModal[None]):
    BINDINGS = [
        Binding("escape", "close", N_("Skip")),
        Binding("down", "read(1)", N_("Read on"), show=False),  # the button keeps the focus
        Binding("up", "read(-1)", N_("Back up"), show=False),
    ]

    def compose(self) -> ComposeResult:
        path = str(self.book.path) if self.book.path else _("(in memory)")
        with Vertical(classes="dialog welcome"):
            yield Label(_("Welcome to Recovery Workbook"), classes="dialog-title")
            # Always in sight, whatever the size of the terminal.
            yield Label(_("In a crisis, press F1 (or Ctrl+G) on any screen."), classes="support-danger")
            # The words scroll when the terminal is small; the choice and the button always show.
            with WelcomeWords(classes="welcome-words"):
                yield Static(_(WELCOME).replace("{path}", path), markup=False)
            yield Label(_("More below: press ↓ to read on."), id="welcome-more", classes="field-help")
            yield TickBox(_("Show days without use on Home"), False, id="recovery-time", compact=True)
            yield Label(_("Some find it helpful, some do not. Ctrl+P changes it later."), classes="field-help")
            yield Button(_("Start"), id="start", variant="primary")
        # Its own keys at the foot: Home's (Craving, Export, ...) showed through from below,
        # though none of them works until the welcome is closed.
        yield WorkbookFooter()

    def on_mount(self) -> None:
        self.query_one("#start", Button).focus()
        words = self.query_one(".welcome-words", WelcomeWords)
        self.watch(words, "scroll_y", lambda _: self._say_if_more(), init=False)
        self.call_after_refresh(self._say_if_more)

    def on_resize(self) -> None:
        self.call_after_refresh(self._say_if_more)

    def _say_if_more(self) -> None:
        """On a small terminal, say that the words go on (a scrollbar alone is easy to miss)."""
        words = self.query_one(".welcome-words", WelcomeWords)
        self.query_one("#welcome-more", Label).display = words.scroll_y < words.max_scroll_y

    def action_read(self, lines: int) -> None:
        self.query_one(".welcome-words", VerticalScroll).scroll_relative(y=lines, animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_close()

    def action_close(self) -> None:
        self.workbook.save_setting(SHOW_SETTING, self.query_one("#recovery-time", TickBox).value)
        self.workbook.save_setting("welcomed", True)
        self.dismiss(None)
