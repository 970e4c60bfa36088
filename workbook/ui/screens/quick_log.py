"""Provides ``QuickLogScreen``: log a craving in seconds, "7 after the call", Enter saves."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from workbook.store.errors import WorkbookError
from workbook.ui.base import WorkbookModal
from workbook.ui.screens.leave_guard import LeaveGuard
from workbook.worksheets.builtin import Cravings
from workbook.worksheets.entry import Entry
from workbook.worksheets.quick_log import parse_quick_log, quick_log_answers


class QuickLogScreen(LeaveGuard, WorkbookModal[Entry | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Log a craving", classes="dialog-title")
            yield Label("How strong (0-10), then a few words. For example: 7 after the phone call", markup=False)
            yield Input(id="quick", placeholder="7 after the phone call")
            yield Label("", id="quick-problem", markup=False)
            yield Label("Enter saves. You can add more later from the log.", classes="field-help")

    def on_mount(self) -> None:
        self.query_one("#quick", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            strength, words = parse_quick_log(event.value)
        except ValueError as exc:
            self.query_one("#quick-problem", Label).update(str(exc))
            return
        log = self.workbook.exercises.get(Cravings.ID)
        try:
            entry = self.store.add(Cravings.ID, quick_log_answers(strength, words),
                                   exercise_version=log.version if log else 1)
        except WorkbookError as exc:
            self.query_one("#quick-problem", Label).update(str(exc))
            return
        self.notify(f"Craving logged ({strength}/10). Well done for noticing it.")
        self.dismiss(entry)

    def action_cancel(self) -> None:
        self.leave_or_warn(bool(self.query_one("#quick", Input).value.strip()), lambda: self.dismiss(None))
