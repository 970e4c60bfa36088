"""Provides ``ExerciseForm``: any worksheet definition rendered as a keyboard-friendly form.

The form knows nothing about the store. It shows the fields, checks them when
asked, and posts ``ExerciseForm.Submitted`` with the answers; the screen that
holds it decides what to do with them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Label, Static

from workbook.common.i18n import _
from workbook.ui.widgets.fields import WIDGET_FOR_KIND, DateField, FieldWidget, TableField, TextField
from workbook.ui.widgets.ticks import TickBox
from workbook.worksheets.answers import default_value, is_empty, validate_answer
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry_check import EntryProblem


class ExerciseForm(VerticalScroll):
    """A worksheet's fields, a privacy switch and a save button."""

    @dataclass
    class Submitted(Message):
        """The person asked to save and every field is valid."""

        form: ExerciseForm
        answers: dict[str, Any]
        private: bool
        bring: bool = False

    def __init__(
        self,
        exercise: Exercise,
        answers: dict[str, Any] | None = None,
        private: bool = False,
        *,
        prompt: str = "",
        baseline: dict[str, Any] | None = None,
        now: datetime,
        validate: Callable[[dict[str, Any]], list[EntryProblem]] | None = None,
        bring: bool = False,
        suggestions: dict[str, tuple[str, ...]] | None = None,
        clock: Callable[[], datetime] | None = None,
        id: str | None = None,
    ) -> None:
        """``answers`` fill the fields (defaults when None); ``baseline`` is what counts as
        unchanged (the answers themselves unless given, e.g. suggested answers differ from it).
        ``now`` fills the date fields of a new entry; ``validate`` says what a save would refuse
        (the application layer's check), shown beside each field; ``clock`` reads dates
        typed in plain words ("yesterday 10pm") against the workbook's own time."""
        super().__init__(id=id, classes="exercise-form")
        self.exercise = exercise
        self.start = (
            dict(answers)
            if answers is not None
            else {f.id: v for f in exercise.fields if (v := default_value(f, now)) is not None}
        )
        self.initial = dict(baseline) if baseline is not None else self.start
        self.initial_private = private
        self.initial_bring = bring
        self.prompt = prompt
        self.suggestions = suggestions or {}
        self.validate = validate
        self.clock = clock

    def compose(self) -> ComposeResult:
        yield Static(self.exercise.intro, classes="form-intro", markup=False)
        if self.prompt:
            yield Label(self.prompt, classes="form-prompt", markup=False)
        for spec in self.exercise.fields:
            if spec.section:
                yield Label(spec.section, classes="form-section", markup=False)
            widget = WIDGET_FOR_KIND[spec.kind](spec, self.start.get(spec.id))
            if isinstance(widget, TextField) and spec.id in self.suggestions:
                widget.suggestions = self.suggestions[spec.id]
            if isinstance(widget, (DateField, TableField)):
                widget.clock = self.clock
            yield widget
        yield TickBox(
            _("Bring this to my next session (it is listed first in the report)"), self.initial_bring, id="bring"
        )
        yield TickBox(_("Keep this entry private (leave it out of exports)"), self.initial_private, id="private")
        with Horizontal(classes="form-buttons"):
            yield Button(_("Save (Ctrl+S)"), id="save", variant="primary")
        yield Label(_("* needed. Everything else can be skipped or filled in later."), classes="field-help")

    def field_widgets(self) -> list[FieldWidget]:
        return list(self.query(FieldWidget))

    def answers(self) -> dict[str, Any]:
        """The current answers, leaving out empty fields."""
        collected = {w.spec.id: w.value for w in self.field_widgets()}
        return {k: v for k, v in collected.items() if not is_empty(v)}

    @property
    def private(self) -> bool:
        return self.query_one("#private", Checkbox).value

    @property
    def bring(self) -> bool:
        return self.query_one("#bring", Checkbox).value

    def is_dirty(self) -> bool:
        """True when something differs from what the form started with."""
        initial = {k: v for k, v in self.initial.items() if not is_empty(v)}
        return self.answers() != initial or self.private != self.initial_private or self.bring != self.initial_bring

    def check(self) -> bool:
        """Show a message beside every field that needs one; focus the first. True when all fit."""
        first_bad: FieldWidget | None = None
        found = {p.field: p.reason for p in self.validate(self.answers())} if self.validate is not None else {}
        for widget in self.field_widgets():
            problem = (
                widget.raw_problem()
                or found.get(widget.spec.id)
                or (validate_answer(widget.spec, widget.value) if self.validate is None else None)
            )
            widget.show_error(problem)
            if problem and first_bad is None:
                first_bad = widget
        if first_bad is not None:
            first_bad.focus_input()
            self.scroll_to_widget(first_bad, top=True)
            return False
        return True

    def submit(self) -> None:
        """Validate, then post ``Submitted``."""
        if self.check():
            self.post_message(self.Submitted(self, self.answers(), self.private, self.bring))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            event.stop()
            self.submit()

    def load(self, answers: dict[str, Any], private: bool, bring: bool = False) -> None:
        """Fill the fields with ``answers`` (a draft brought back); what counts as unchanged stays."""
        for widget in self.field_widgets():
            widget.value = answers.get(widget.spec.id)
        self.query_one("#private", Checkbox).value = private
        self.query_one("#bring", Checkbox).value = bring

    def section_of(self, field_id: str) -> str:
        """The section heading a field sits under ("" before the first heading)."""
        current = ""
        for spec in self.exercise.fields:
            current = spec.section or current
            if spec.id == field_id:
                return current
        return ""

    def jump_section(self, step: int) -> None:
        """Move to the first field of the next (``step`` 1) or previous (-1) section."""
        widgets = self.field_widgets()
        starts = [i for i, w in enumerate(widgets) if i == 0 or w.spec.section]
        focused = self.screen.focused
        here = next(
            (i for i, w in enumerate(widgets) if focused is not None and (focused is w or w in focused.ancestors)), 0
        )
        current = max((n for n, i in enumerate(starts) if i <= here), default=0)
        target = starts[max(0, min(len(starts) - 1, current + step))]
        widgets[target].focus_input()
        self.scroll_to_widget(widgets[target], top=True)

    def focus_field(self, field_id: str, last: bool = False) -> None:
        """Bring one field into sight and into focus (the last row of a table when ``last``)."""
        widget = next((w for w in self.field_widgets() if w.spec.id == field_id), None)
        if widget is None:
            return
        inputs = [w for w in widget.query(".table-row Input") if w.focusable] if last else []
        if inputs:  # the first cell of the last row: what was just added
            row = inputs[-1].parent
            next(w for w in inputs if w.parent is row).focus()
        else:
            widget.focus_input()
        self.scroll_to_widget(widget, top=True)

    def _first_field(self) -> FieldWidget | None:
        """Where the entry's meaning is: the required field, else the first one."""
        widgets = self.field_widgets()
        required = [w for w in widgets if w.spec.required]
        return next(iter(required or widgets), None)

    def focus_first(self) -> None:
        """Start at the first field (see ``_first_field``)."""
        if (field := self._first_field()) is not None:
            field.focus_input()

    def first_input(self) -> Widget | None:
        """What ``focus_first`` gives the focus to on a new form, for a screen that sets it at once."""
        field = self._first_field()
        return None if field is None else field.first_focusable()
