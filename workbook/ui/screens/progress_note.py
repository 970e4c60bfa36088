"""Provides ``ProgressNoteScreen``: add a dated progress note to a goal without rewriting it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from workbook.common.errors import WorkbookError
from workbook.common.i18n import N_, _
from workbook.common.language import format_day
from workbook.services.daily import worksheet
from workbook.ui.base import WorkbookModal
from workbook.ui.screens.leave_guard import LeaveGuard
from workbook.worksheets.builtin import Goals
from workbook.worksheets.entry import Entry


class ProgressNoteScreen(LeaveGuard, WorkbookModal[Entry | None]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, goal: Entry) -> None:
        super().__init__()
        self.goal = goal

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Add a progress note"), classes="dialog-title")
            yield Label(
                _("Today, {today}. What happened with this goal?").format(
                    today=format_day(self.workbook.today(), weekday=False, long=True)
                ),
                markup=False,
            )
            yield Input(id="note", placeholder=_("For example: went to two meetings this week"))
            yield Label(_("Enter saves."), classes="field-help")

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = " ".join(event.value.split())
        if not text:
            self.dismiss(None)
            return
        answers = dict(self.goal.answers)
        note = {Goals.DATE: self.workbook.today().isoformat(), Goals.NOTE: text}
        answers[Goals.progress.id] = [*Goals.progress.rows(answers), note]
        try:
            saved = self.book.save(worksheet(self.book, self.goal.exercise), answers, self.goal)
        except WorkbookError as exc:
            self.notify(str(exc), severity="error")
            return
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.leave_or_warn(bool(self.query_one("#note", Input).value.strip()), lambda: self.dismiss(None))
