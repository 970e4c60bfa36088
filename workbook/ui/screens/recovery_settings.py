"""Provides ``RecoverySettingsScreen``: whether Home shows recovery time, and the date to count
from. Off unless the person turns it on: some find a count of days helpful, some do not."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from workbook.common.i18n import N_, _
from workbook.ui.base import WorkbookModal
from workbook.ui.widgets.ticks import TickBox
from workbook.worksheets.answers import parse_date
from workbook.worksheets.recovery_time import SHOW_SETTING, START_SETTING

EXPLAIN = N_(
    "Some people find a count of days helpful; others would rather not see one. You "
    "choose. A lapse never takes away what you achieved: the days without use keep "
    "counting."
)


class RecoverySettingsScreen(WorkbookModal[bool]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def compose(self) -> ComposeResult:
        settings = self.book.settings()
        start = settings.get(START_SETTING)
        with Vertical(classes="dialog"):
            yield Label(_("Recovery time on Home"), classes="dialog-title")
            yield Static(_(EXPLAIN), markup=False)
            yield TickBox(_("Show days without use on Home"), settings.get(SHOW_SETTING) is True, id="show")
            yield Label(_("Count from this date (optional, YYYY-MM-DD)"), classes="field-label")
            yield Input(start if isinstance(start, str) else "", id="start", placeholder=_("YYYY-MM-DD"))
            yield Label("", id="recovery-problem", classes="field-error-visible", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), id="save", variant="primary")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#show", TickBox).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.dismiss(False)
            return
        text = self.query_one("#start", Input).value.strip()
        try:
            start = parse_date(text) if text else None
        except ValueError:
            self.query_one("#recovery-problem", Label).update(
                _("Write the date as YYYY-MM-DD, for example 2026-03-01.")
            )
            return
        if start is not None and start > self.workbook.today():
            self.query_one("#recovery-problem", Label).update(_("Choose a day that has already come."))
            return
        self.workbook.save_setting(SHOW_SETTING, self.query_one("#show", TickBox).value)
        self.workbook.save_setting(START_SETTING, start.isoformat() if start else None)
        self.dismiss(True)

    def on_input_submitted(self) -> None:
        self.query_one("#save", Button).press()

    def action_cancel(self) -> None:
        self.dismiss(False)
