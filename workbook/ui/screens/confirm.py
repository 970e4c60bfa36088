"""Provides ``ConfirmScreen``: a small dialog that asks one question and returns the chosen key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label
from textual.widgets.button import ButtonVariant

from workbook.common.i18n import N_
from workbook.ui.base import WorkbookModal


class ConfirmScreen(WorkbookModal[str]):
    """Ask a question; dismiss with the id of the button chosen (Escape picks ``cancel_id``)."""

    BINDINGS = [Binding("escape", "cancel", N_("Back"))]

    def __init__(self, question: str, choices: list[tuple[str, str, ButtonVariant]], cancel_id: str) -> None:
        super().__init__()
        self.question = question
        self.choices = choices  # (id, label, variant)
        self.cancel_id = cancel_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-question", markup=False)
            with Horizontal(classes="dialog-buttons" + (" -many" if len(self.choices) > 2 else "")):
                for choice_id, label, variant in self.choices:
                    yield Button(label, id=choice_id, variant=variant)

    def on_mount(self) -> None:
        self.query_one(f"#{self.cancel_id}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or self.cancel_id)

    def action_cancel(self) -> None:
        self.dismiss(self.cancel_id)
