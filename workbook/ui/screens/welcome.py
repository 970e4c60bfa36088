"""Provides ``WelcomeScreen``: the first-run welcome: what the program is, what it is not, where data is kept."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from workbook.ui.base import WorkbookModal
from workbook.ui.widgets.ticks import TickBox
from workbook.worksheets.recovery_time import SHOW_SETTING

WELCOME = (
    "This is your private workbook for the skills you practise between sessions: "
    "a daily check-in, goals, a craving log, a relapse-prevention plan, a gratitude journal, "
    "your sessions and homework, and more.\n\n"
    "It supports your treatment. It does not diagnose, prescribe, or replace your counselor.\n\n"
    "Everything you write stays in one file on this computer:\n{path}\n"
    "Nothing is sent anywhere. You choose what to export for your counselor.\n\n"
    "In a crisis, press F1 (or Ctrl+G) on any screen."
)


class WelcomeScreen(WorkbookModal[None]):
    BINDINGS = [Binding("escape", "close", "Skip")]

    def compose(self) -> ComposeResult:
        path = str(self.store.path) if self.store.path else "(in memory)"
        with Vertical(classes="dialog welcome"):
            yield Label("Welcome to Recovery Workbook", classes="dialog-title")
            # The words scroll when the terminal is small; the button always shows.
            with VerticalScroll(classes="welcome-words"):
                yield Static(WELCOME.replace("{path}", path), markup=False)
            yield TickBox("Show days without use on Home (some find it helpful, some do not; Ctrl+P changes it)",
                          False, id="recovery-time")
            yield Button("Start", id="start", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#start", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_close()

    def action_close(self) -> None:
        self.workbook.save_setting(SHOW_SETTING, self.query_one("#recovery-time", TickBox).value)
        self.workbook.save_setting("welcomed", True)
        self.dismiss(None)
