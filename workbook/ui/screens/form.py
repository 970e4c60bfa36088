"""Provides ``FormScreen``: fill in a new entry or change a saved one.

The screen owns the save: it takes the form's ``Submitted`` message, writes to
the store, and dismisses with the saved entry. Leaving with unsaved changes
asks first (save, discard or keep editing), so nothing typed is lost silently.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header

from workbook.store.errors import WorkbookError
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry
from workbook.ui.base import WorkbookScreen
from workbook.ui.screens.confirm import ConfirmScreen
from workbook.ui.widgets.exercise_form import ExerciseForm


class FormScreen(WorkbookScreen[Entry | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self, exercise: Exercise, entry: Entry | None = None, *,
                 prefill: dict[str, Any] | None = None, prompt: str = "") -> None:
        super().__init__()
        self.exercise = exercise
        self.entry = entry
        self.prefill = prefill
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        yield Header()
        answers = self.prefill if self.prefill is not None else (self.entry.answers if self.entry else None)
        private = self.entry.private if self.entry else False
        # Suggested answers count as changes: leaving asks before dropping them.
        baseline = (dict(self.entry.answers) if self.entry else {}) if self.prefill is not None else None
        yield ExerciseForm(self.exercise, answers, private, prompt=self.prompt, baseline=baseline,
                           now=self.workbook.now(), id="form")
        yield Footer()

    def on_mount(self) -> None:
        verb = "Change" if self.entry else "New"
        self.title = f"{verb}: {self.exercise.title}"
        self.call_after_refresh(self.form.focus_first)

    @property
    def form(self) -> ExerciseForm:
        return self.query_one("#form", ExerciseForm)

    def action_save(self) -> None:
        self.form.submit()

    def on_exercise_form_submitted(self, message: ExerciseForm.Submitted) -> None:
        message.stop()
        store = self.store
        try:
            if self.entry is None:
                saved = store.add(self.exercise.id, message.answers, exercise_version=self.exercise.version,
                                  private=message.private)
            else:
                saved = store.update(self.entry.id, message.answers, exercise_version=self.exercise.version,
                                     private=message.private)
        except WorkbookError as exc:
            # The form keeps everything typed; the person can free space and press save again.
            self.app.notify(str(exc), title="Not saved", severity="error", timeout=15)
            return
        self.app.notify("Saved.")
        previous = self.entry
        self.dismiss(saved)
        self.workbook.after_save(saved, previous)

    def action_leave(self) -> None:
        if not self.form.is_dirty():
            self.dismiss(None)
            return

        def decided(choice: str | None) -> None:
            if choice == "save":
                self.form.submit()
            elif choice == "discard":
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("You have changes that are not saved yet.",
                          [("save", "Save them", "primary"), ("discard", "Leave without saving", "error"),
                           ("stay", "Keep editing", "default")], cancel_id="stay"),
            decided)
