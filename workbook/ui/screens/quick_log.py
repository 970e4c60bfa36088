"""Provides ``QuickLogScreen``: log a craving in seconds, "7 after the call", Enter saves."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from workbook.common.clock import stamp
from workbook.common.errors import WorkbookError
from workbook.common.i18n import N_, _
from workbook.ui.base import WorkbookModal, after_typed_keys
from workbook.ui.screens.leave_guard import LeaveGuard
from workbook.worksheets.builtin import Cravings
from workbook.worksheets.drafts import Draft
from workbook.worksheets.entry import Entry
from workbook.worksheets.quick_log import parse_quick_log, quick_log_answers


class QuickLogScreen(LeaveGuard, WorkbookModal[Entry | None]):
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+s", "save", N_("Save"), priority=True),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Log a craving"), classes="dialog-title")
            yield Label(_("How strong (0-10), then a few words. For example: 7 after the phone call"), markup=False)
            yield Input(id="quick", placeholder=_("7 after the phone call"))
            # How it ended, if the person wants to say: a quick log that says nothing is
            # "not said" in the report, never a use.
            yield Select(
                [(_("I did not use"), "no-use"), (_("I used"), "use")],
                prompt=_("How it ended (optional)"),
                id="quick-outcome",
                compact=True,
            )
            yield Label("", id="quick-problem", markup=False)
            yield Label(_("Enter (or Ctrl+S) saves. You can add more later from the log."), classes="field-help")

    def on_mount(self) -> None:
        self.query_one("#quick", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        entry = self._save(event.value)
        if entry is not None:
            self.dismiss(entry)

    def action_save(self) -> None:
        after_typed_keys(self.app, self._save_typed, self)

    def _save_typed(self) -> None:
        entry = self._save(self.query_one("#quick", Input).value)
        if entry is not None:
            self.dismiss(entry)

    def _save(self, text: str) -> Entry | None:
        try:
            strength, words = parse_quick_log(text)
        except ValueError as exc:
            self.query_one("#quick-problem", Label).update(str(exc))
            return None
        from workbook.services.daily import log_craving

        try:
            return log_craving(self.book, strength, words, outcome=self._outcome()).entry
        except WorkbookError as exc:
            self.query_one("#quick-problem", Label).update(str(exc))
            return None

    def _outcome(self) -> str | None:
        """The craving log's option for what was chosen (by what it means, "use" or "no-use")."""
        from workbook.worksheets.definition import Role

        chosen = self.query_one("#quick-outcome", Select).value
        spec = (
            self.workbook.exercises[Cravings.ID].role_field(Role.OUTCOME)
            if Cravings.ID in self.workbook.exercises
            else None
        )
        if not isinstance(chosen, str) or spec is None:
            return None
        return next(iter(sorted(spec.options_meaning(chosen))), None)

    def save_typing(self) -> bool:
        return self._save(self.query_one("#quick", Input).value) is not None

    def action_cancel(self) -> None:
        self.leave_or_warn(self.unsaved_typing(), lambda: self.dismiss(None))

    # What Ctrl+Q does with words typed here: kept as a draft of a craving-log entry.

    def unsaved_typing(self) -> bool:
        return bool(self.query_one("#quick", Input).value.strip())

    def keep_draft(self) -> bool:
        text = self.query_one("#quick", Input).value
        try:
            strength, words = parse_quick_log(text)
            answers = quick_log_answers(strength, words)
        except ValueError:
            answers = {Cravings.note.id: " ".join(text.split())}
        draft = Draft(Cravings.ID, None, answers, False, stamp(self.book.clock))
        try:
            self.book.keep_draft(draft)
        except WorkbookError as exc:
            self.query_one("#quick-problem", Label).update(str(exc))
            return False
        return True

    def drop_draft(self) -> None:
        """Nothing to forget: the quick log keeps no draft of its own until asked."""
