"""Provides ``RecoverySettingsScreen``: whether Home shows recovery time, and the date to count
from. Off unless the person turns it on: some find a count of days helpful, some do not."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from workbook.common.i18n import N_, _, language
from workbook.services.when import day_said
from workbook.ui.base import WorkbookModal
from workbook.ui.widgets.ticks import TickBox
from workbook.worksheets.recovery_time import (
    COST_SETTING,
    HOURS_SETTING,
    MAX_COST,
    MAX_HOURS,
    SHOW_SETTING,
    START_SETTING,
    per_day,
)

EXPLAIN = N_(
    "Some people find a count of days helpful; others would rather not see one. You "
    "choose. A lapse never takes away what you achieved: the days without use keep "
    "counting."
)


def _shown(value: object, limit: float) -> str:
    amount = per_day(value, limit)
    return "" if amount is None else f"{amount:g}"


def _amount(text: str, limit: float) -> float | bool | None:
    """The typed amount (``None`` when empty), or False when it is not one ("20", "7,5")."""
    cleaned = text.strip().replace(" ", "")
    _head, comma, tail = cleaned.rpartition(",")
    # "1,000" groups thousands; "7,5" is a decimal comma.
    cleaned = cleaned.replace(",", "") if comma and len(tail) == 3 and "." not in cleaned else cleaned.replace(",", ".")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return False
    return value if 0 < value <= limit and value == value else False


class RecoverySettingsScreen(WorkbookModal[bool]):
    # Focused from the start (Textual's default focuses the first widget that takes it, and
    # moving the focus on restyles both): the first choice.
    AUTO_FOCUS = "#show"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def compose(self) -> ComposeResult:
        settings = self.book.settings()
        start = settings.get(START_SETTING)
        # It scrolls: at 80x24 (and in Spanish) its fields and buttons are more than a screen.
        with VerticalScroll(classes="dialog", id="recovery-dialog"):
            yield Label(_("Recovery time on Home"), classes="dialog-title")
            yield Static(_(EXPLAIN), markup=False)
            yield TickBox(_("Show days without use on Home"), settings.get(SHOW_SETTING) is True, id="show")
            yield Label(_("Count from this day (optional)"), classes="field-label")
            yield Input(
                start if isinstance(start, str) else "",
                id="start",
                placeholder=_('2026-03-01, or words like "last monday"'),
            )
            yield Label(
                _("What using cost you a day, in money (optional: shows what you have back)"), classes="field-label"
            )
            yield Input(_shown(settings.get(COST_SETTING), MAX_COST), id="cost", placeholder=_("for example 20"))
            yield Label(_("Hours a day it took (optional)"), classes="field-label")
            yield Input(_shown(settings.get(HOURS_SETTING), MAX_HOURS), id="hours", placeholder=_("for example 3"))
            yield Label("", id="recovery-problem", classes="field-error-visible", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), id="save", variant="primary")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        # Also here: Textual applies AUTO_FOCUS only while the terminal has the focus.
        self.query_one("#show", TickBox).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.dismiss(False)
            return
        text = self.query_one("#start", Input).value.strip()
        try:
            start = day_said(text, _("The day recovery began"), language(), self.workbook.today()) if text else None
        except ValueError as exc:
            self.query_one("#recovery-problem", Label).update(str(exc))
            return
        if start is not None and start > self.workbook.today():
            self.query_one("#recovery-problem", Label).update(_("Choose a day that has already come."))
            return
        amounts = {}
        for key, box, limit in (("cost", COST_SETTING, MAX_COST), ("hours", HOURS_SETTING, MAX_HOURS)):
            amount = _amount(self.query_one(f"#{key}", Input).value, limit)
            if amount is False:
                self.query_one("#recovery-problem", Label).update(
                    _("Write an amount as a number above 0 and at most {limit}, or leave it empty.").format(limit=limit)
                )
                return
            amounts[box] = amount
        self.workbook.save_setting(SHOW_SETTING, self.query_one("#show", TickBox).value)
        self.workbook.save_setting(START_SETTING, start.isoformat() if start else None)
        for box, amount in amounts.items():
            self.workbook.save_setting(box, amount)
        self.dismiss(True)

    def on_input_submitted(self) -> None:
        self.query_one("#save", Button).press()

    def action_cancel(self) -> None:
        self.dismiss(False)
