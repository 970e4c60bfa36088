"""Provides ``ConfirmScreen``: a small dialog that asks one question and returns the chosen key.

Every question keeps the same promises, whatever the caller passes:

- the safe answer (``cancel_id``, what Esc gives) comes first, is focused, and is the one
  button drawn as the default, so what looks chosen is what Enter does;
- a choice that lets words or entries go (drawn in the error colour) comes last, Tab and
  the arrows stop at the ends instead of wrapping round to it, and it asks to be pressed a
  second time, so "Esc, Tab, Enter" can never throw anything away.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus
from textual.widgets import Button, Label
from textual.widgets.button import ButtonVariant

from workbook.common.i18n import N_, _
from workbook.ui.base import WorkbookModal

DESTRUCTIVE: ButtonVariant = "error"


class ConfirmScreen(WorkbookModal[str]):
    """Ask a question; dismiss with the id of the button chosen (Escape picks ``cancel_id``)."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Back")),
        Binding("tab,right", "step(1)", N_("Next"), show=False, priority=True),
        Binding("shift+tab,left", "step(-1)", N_("Previous"), show=False, priority=True),
    ]

    def __init__(
        self,
        question: str,
        choices: list[tuple[str, str, ButtonVariant]],
        cancel_id: str,
        then: Callable[[str], None] | None = None,
    ) -> None:
        """``choices`` are (id, label, variant); a variant of "error" marks a choice that lets
        something go. Other variants are the caller's wish only: the drawn default is always
        ``cancel_id``'s button. ``then`` gets the answer from the app itself (for a question
        asked by a screen that is closing, whose result callback would be lost with it)."""
        super().__init__()
        self.then = then
        self.question = question
        self.cancel_id = cancel_id
        safe = [c for c in choices if c[0] == cancel_id]
        rest = [c for c in choices if c[0] != cancel_id and c[2] != DESTRUCTIVE]
        letting_go = [c for c in choices if c[0] != cancel_id and c[2] == DESTRUCTIVE]
        self.choices = [*safe, *rest, *letting_go]
        self.destructive = {c[0] for c in letting_go}
        self._armed: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-question", markup=False)
            with Horizontal(classes="dialog-buttons" + (" -many" if len(self.choices) > 2 else "")):
                for choice_id, label, _variant in self.choices:
                    variant: ButtonVariant = (
                        "primary"
                        if choice_id == self.cancel_id
                        else DESTRUCTIVE
                        if choice_id in self.destructive
                        else "default"
                    )
                    yield Button(label, id=choice_id, variant=variant)
            # Said under the buttons, whole at any width (a longer button label would be cut).
            yield Label("", id="confirm-again", classes="dialog-question", markup=False)

    def on_mount(self) -> None:
        self.query_one("#confirm-again", Label).display = False
        self.query_one(f"#{self.cancel_id}", Button).focus()

    def _buttons(self) -> list[Button]:
        return list(self.query(Button).results(Button))

    def action_step(self, step: int) -> None:
        """The next or previous answer, stopping at the first and the last (never wrapping)."""
        buttons = self._buttons()
        here = buttons.index(self.focused) if self.focused in buttons else 0
        buttons[max(0, min(len(buttons) - 1, here + step))].focus()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if self._armed is not None and event.widget.id != self._armed:
            self._disarm()

    def _disarm(self) -> None:
        self._armed = None
        again = self.query_one("#confirm-again", Label)
        again.update("")
        again.display = False

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        chosen = event.button.id or self.cancel_id
        if chosen in self.destructive and self._armed != chosen:
            self._armed = chosen
            label = next(label for choice_id, label, _v in self.choices if choice_id == chosen)
            again = self.query_one("#confirm-again", Label)
            again.update(_("Press it again to {choice}.").format(choice=label.lower()))
            again.display = True
            return
        self._answer(chosen)

    def action_cancel(self) -> None:
        self._answer(self.cancel_id)

    def _answer(self, chosen: str) -> None:
        self.dismiss(chosen)
        if self.then is not None:
            self.app.call_later(self.then, chosen)
