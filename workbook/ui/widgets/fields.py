"""Provides one input widget per field kind, chosen from ``WIDGET_FOR_KIND``.

Each widget shows the field's label, help and an inline error line, and offers
``value`` (get and set) in the shape the store keeps: text, whole numbers,
option ids, lists, or lists of row objects. Person-typed text is never passed
through markup: labels built from it use ``Content``/``Text``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.markup import escape
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from workbook.common.i18n import N_, _
from workbook.ui.widgets.ticks import TickBox, TickList
from workbook.worksheets.answers import (
    cell_problem,
    is_empty,
    parse_date,
    parse_datetime,
    validate_answer,
    written_as_a_date,
)
from workbook.worksheets.definition import Column, Field


class FieldWidget(Vertical):
    """Label, help, input and (once there is one) the error line for one field."""

    DEFAULT_CLASSES = "field"

    def __init__(self, spec: Field, value: Any = None) -> None:
        super().__init__(id=f"field-{spec.id}")
        self.spec = spec
        self._initial = value

    def compose(self) -> ComposeResult:
        marker = " *" if self.spec.required else ""
        yield Label(self.spec.label + marker, classes="field-label", markup=False)
        if self.spec.help:
            yield Label(self.spec.help, classes="field-help", markup=False)
        yield from self.compose_input()

    def compose_input(self) -> ComposeResult:  # pragma: no cover - every kind overrides it
        raise NotImplementedError

    def on_mount(self) -> None:
        self.value = self._initial

    @property
    def value(self) -> Any:
        raise NotImplementedError

    @value.setter
    def value(self, new: Any) -> None:
        raise NotImplementedError

    def raw_problem(self) -> str | None:
        """A message when what was typed cannot even be turned into a value."""
        return None

    def show_error(self, message: str | None) -> None:
        # The error line is made the first time there is something to say: most fields never
        # need one, and a form's widgets are most of what opening it costs (one in nine was an
        # empty error line).
        errors = self.query(".field-error").results(Label)
        shown = next(errors, None)
        if shown is not None:
            shown.update(message or "")
        elif message:
            self.mount(Label(message, classes="field-error", markup=False))
        self.set_class(bool(message), "-invalid")

    def recheck(self) -> None:
        """Take a message away as soon as what is typed fits (it never appears while typing)."""
        if self.has_class("-invalid") and not (self.raw_problem() or validate_answer(self.spec, self.value)):
            self.show_error(None)

    def on_input_changed(self) -> None:
        self.recheck()

    def on_text_area_changed(self) -> None:
        self.recheck()

    def on_select_changed(self) -> None:
        self.recheck()

    def on_selection_list_selected_changed(self) -> None:
        self.recheck()

    def first_focusable(self) -> Widget | None:
        """The field's first part that takes the focus (its input, a table's first cell)."""
        return next((w for w in self.query("*") if isinstance(w, Widget) and w.focusable), None)

    def focus_input(self) -> None:
        if (first := self.first_focusable()) is not None:
            first.focus()


class TextField(FieldWidget):
    """One line of text; a ``suggest`` field offers the person's own earlier answers as they type."""

    suggestions: tuple[str, ...] = ()

    def compose_input(self) -> ComposeResult:
        suggester = SuggestFromList(self.suggestions, case_sensitive=False) if self.suggestions else None
        yield Input(id="input", select_on_focus=False, suggester=suggester)

    @property
    def value(self) -> Any:
        text = self.query_one("#input", Input).value.strip()
        return text or None

    @value.setter
    def value(self, new: Any) -> None:
        self.query_one("#input", Input).value = "" if new is None else str(new)


class LongTextField(FieldWidget):
    def compose_input(self) -> ComposeResult:
        yield TextArea(id="input", soft_wrap=True, tab_behavior="focus")

    @property
    def value(self) -> Any:
        text = self.query_one("#input", TextArea).text.strip()
        return text or None

    @value.setter
    def value(self, new: Any) -> None:
        self.query_one("#input", TextArea).load_text("" if new is None else str(new))


class ListField(FieldWidget):
    """A list of short texts, typed one per line."""

    def compose_input(self) -> ComposeResult:
        yield Label(_("One per line."), classes="field-hint")
        yield TextArea(id="input", soft_wrap=True, tab_behavior="focus")

    @property
    def value(self) -> Any:
        lines = [line.strip() for line in self.query_one("#input", TextArea).text.splitlines()]
        return [line for line in lines if line] or None

    @value.setter
    def value(self, new: Any) -> None:
        items = new if isinstance(new, list) else ([] if is_empty(new) else [str(new)])
        self.query_one("#input", TextArea).load_text("\n".join(str(i) for i in items))


class ScaleField(FieldWidget):
    """A whole number in a range, typed as digits (fast: the quick log types one key)."""

    def compose_input(self) -> ComposeResult:
        spec = self.spec
        with Horizontal(classes="scale-row"):
            # A decimal mark is let in ("6,5" would otherwise become 65) and then named as the problem.
            yield Input(
                id="input",
                restrict=r"[0-9.,]*",
                max_length=len(str(spec.max)) + 2,
                classes="scale-input",
                placeholder=f"{spec.min}-{spec.max}",
                select_on_focus=True,
            )
            ends = (
                f"{spec.min} = {spec.min_label}   {spec.max} = {spec.max_label}"
                if spec.min_label
                else _("{min} to {max}").format(min=spec.min, max=spec.max)
            )
            yield Label(ends, classes="field-hint", markup=False)

    @property
    def value(self) -> Any:
        text = self.query_one("#input", Input).value.strip()
        return int(text) if text.isdigit() else None

    @value.setter
    def value(self, new: Any) -> None:
        self.query_one("#input", Input).value = "" if new is None else str(new)

    def raw_problem(self) -> str | None:
        text = self.query_one("#input", Input).value.strip()
        if text and not text.isdigit():
            return _("Choose a whole number from {min} to {max}.").format(min=self.spec.min, max=self.spec.max)
        return None


class DateField(FieldWidget):
    """A day, typed as 2026-03-14 or in plain words ("yesterday", "saturday", "ayer"): on
    leaving the field the words become the date they name, with the day written out under it,
    so what was understood is seen before anything is saved."""

    PLACEHOLDER = N_("a day: yesterday, next friday or 2026-03-14")
    MESSAGE = N_('Write the day in plain words, like "yesterday" or "saturday", or as YYYY-MM-DD (2026-03-14).')
    clock: Callable[[], datetime] | None = None  # the workbook's clock, set by the form: words need it

    def compose_input(self) -> ComposeResult:
        yield Input(id="input", placeholder=_(self.PLACEHOLDER), classes="date-input")
        yield Label("", classes="field-understood", markup=False)

    def _typed(self) -> str:
        # "2026-03-14T18:30" (as some tools write it) is kept as "2026-03-14 18:30".
        return " ".join(self.query_one("#input", Input).value.replace("T", " ").split())

    why_not = ""  # why the last words typed were not understood, in the reader's words

    def understood(self, text: str) -> str | None:
        """``text`` as the program writes this kind of date, when it names one (in its own
        form, or in words read against the workbook's clock; ``why_not`` says why not)."""
        try:
            self.parse(text)
            return text
        except ValueError:
            pass
        if self.clock is None or not text:
            return None
        from workbook.common.errors import WorkbookError

        try:
            return self.read_words(text)
        except WorkbookError as exc:
            self.why_not = str(exc)
            return None

    def read_words(self, text: str) -> str:
        """The day plain words name, as 2026-03-14 (``WorkbookError`` when they name none)."""
        assert self.clock is not None
        return day_in_words(text, self.clock)

    @property
    def value(self) -> Any:
        text = self._typed()
        return (self.understood(text) or text) if text else None

    @value.setter
    def value(self, new: Any) -> None:
        self.query_one("#input", Input).value = "" if new is None else str(new)

    @staticmethod
    def parse(text: str) -> object:
        return parse_date(text)

    def raw_problem(self) -> str | None:
        text = self._typed()
        if not text:
            return None
        self.why_not = ""
        return None if self.understood(text) is not None else (self.why_not or _(self.MESSAGE))

    def spelled_out(self, written: str) -> str:
        from workbook.common.language import format_day

        return format_day(parse_date(written), long=True)

    _shown_for = ""  # the date the "Understood" line speaks of

    @on(Input.Changed, "#input")
    def _typing(self) -> None:
        # Typing again: what was understood before no longer holds. (No reading here: words
        # are read when the field is left, never on every key.)
        shown = self.query_one(".field-understood", Label)
        if shown.display and self._typed() != self._shown_for:
            shown.display = False

    @on(Input.Blurred, "#input")
    def _show_understood(self) -> None:
        """Words become the date they name, and the day is written out under it."""
        text = self._typed()
        written = self.understood(text) if text else None
        shown = self.query_one(".field-understood", Label)
        if text and written is None:  # said on leaving the field, not only on saving
            self.show_error(self.raw_problem())
        elif written is not None:
            self.show_error(None)
        if written is None or written == text:
            shown.display = False
            return
        self._shown_for = written
        self.query_one("#input", Input).value = written
        shown.update(_("Understood: {day}").format(day=self.spelled_out(written)))
        shown.display = True


class DateTimeField(DateField):
    """A date and time, typed as 2026-03-14 18:30 or in plain words ("last night 10pm", "2
    hours ago", "ayer a las 22:00"); never a time still to come."""

    PLACEHOLDER = N_("when: last night 10pm, or 2026-03-14 18:30")
    MESSAGE = N_(
        'Write when in plain words, like "yesterday 10pm" or "saturday 21:30", or as YYYY-MM-DD HH:MM '
        "(2026-03-14 18:30)."
    )

    @staticmethod
    def parse(text: str) -> object:
        return parse_datetime(text)

    def read_words(self, text: str) -> str:
        """The moment plain words name, as 2026-03-14 18:30 (never one still to come)."""
        from workbook.common.i18n import language
        from workbook.services.when import understand

        assert self.clock is not None
        return understand(text, language(), self.clock()).strftime("%Y-%m-%d %H:%M")

    def spelled_out(self, written: str) -> str:
        from workbook.common.language import format_moment

        return format_moment(parse_datetime(written), long=True)


class ChoiceField(FieldWidget):
    """One option from a drop-down, or several from a list; optionally the person's own words."""

    def compose_input(self) -> ComposeResult:
        spec = self.spec
        if spec.multiple:
            # Content, not str: a worksheet's words are shown as written, never read as markup.
            yield TickList[str](*[(Content(o.label), o.id) for o in spec.options], id="input")
        else:
            # A choice with a default always has an answer: no blank line to choose.
            has_default = isinstance(spec.default, str)
            yield Select(
                [(Content(o.label), o.id) for o in spec.options],
                id="input",
                prompt=_("Choose one") if spec.required else _("Choose one (optional)"),
                allow_blank=not has_default,
                **({"value": spec.default} if has_default else {}),
            )
        if spec.other:
            hint = (
                _("Other, in my own words (separate several with commas)") if spec.multiple else _("Or in my own words")
            )
            yield Input(id="other", placeholder=hint)

    def _ids(self) -> set[str]:
        return {o.id for o in self.spec.options}

    @property
    def value(self) -> Any:
        other = self.query_one("#other", Input).value.strip() if self.spec.other else ""
        if self.spec.multiple:
            chosen = list(self.query_one("#input", SelectionList).selected)
            extra = [part.strip() for part in other.split(",") if part.strip()]
            return chosen + extra or None
        if other:
            return other
        selected = self.query_one("#input", Select).value
        return None if selected is Select.NULL else selected

    @value.setter
    def value(self, new: Any) -> None:
        ids = self._ids()
        # An answer of another shape (an older version's, a worksheet changed from multiple to
        # single choice, a hand-edited draft) is shown as well as it can be, never a crash.
        if self.spec.multiple:
            chosen = new if isinstance(new, list) else ([] if is_empty(new) else [new])
            picker = self.query_one("#input", SelectionList)
            picker.deselect_all()
            for item in chosen:
                if isinstance(item, str) and item in ids:
                    picker.select(item)
            others = [str(i) for i in chosen if not (isinstance(i, str) and i in ids) and not is_empty(i)]
        else:
            if isinstance(new, list) and len(new) == 1:
                new = new[0]  # one choice kept as a list: the same answer
            known = isinstance(new, str) and new in ids
            picker_single = self.query_one("#input", Select)
            if known:
                picker_single.value = new
            else:
                picker_single.value = self.spec.default if isinstance(self.spec.default, str) else Select.NULL
            others = [] if known or is_empty(new) else [str(new)]
        if self.spec.other:
            self.query_one("#other", Input).value = ", ".join(others)


STACK_BELOW = 70  # columns of terminal: narrower, each row is stacked as label / cell lines


class TableField(FieldWidget):
    """Rows of a few columns (contacts, situation and plan, steps with a date and a done mark).
    Below ``STACK_BELOW`` columns each row stacks its cells, each under its column's name, so
    a heading never wraps mid-word and a cell shows more than a few characters."""

    clock: Callable[[], datetime] | None = None  # the workbook's clock, set by the form: a day in words needs it

    def on_mount(self) -> None:
        self._stack()

    def on_resize(self) -> None:
        self._stack()

    def _day(self, text: str) -> str:
        """A date cell's words as 2026-03-14, the way a date field reads them; the words as
        typed when they name no day (the form's check then says what to write)."""
        if self.clock is None:
            return text
        from workbook.common.errors import WorkbookError

        try:
            return day_in_words(text, self.clock)
        except WorkbookError:
            return text

    def raw_problem(self) -> str | None:
        """A date cell whose words name no day, said as a date field says it: a cell takes
        plain words too (the worksheet's own check knows only YYYY-MM-DD, as imports do)."""
        dates = [c for c in self.spec.columns if c.kind == "date"]
        # A cell's words are written as YYYY-MM-DD once understood (see ``_day``).
        for number, cells in enumerate(self.value or [], start=1):  # numbered as the worksheet's check does
            for column in dates:
                typed = cells.get(column.id)
                if isinstance(typed, str) and not written_as_a_date(typed):
                    problem = f"{column.label}: {_(DateField.MESSAGE)}"
                    return _("Row {number}, {lower}{value}").format(
                        number=number, lower=problem[0].lower(), value=problem[1:]
                    )
        return None

    def _stack(self) -> None:
        self.set_class(self.app.size.width < STACK_BELOW, "-stacked")

    def compose_input(self) -> ComposeResult:
        with Horizontal(classes="table-header"):
            for column in self.spec.columns:
                yield Label(_column_label(column), classes=f"cell cell-{column.kind}", markup=False)
            yield Static("", classes="cell cell-remove")
        yield Vertical(id="rows", classes="table-rows")
        yield Button(_("+ Add row"), classes="add-row", compact=True)

    def _make_row(self, values: dict[str, Any]) -> Horizontal:
        cells: list[Widget] = []
        for column in self.spec.columns:
            value = values.get(column.id)
            # Its column's name, shown only when the row is stacked (a narrow terminal).
            cells.append(Label(_column_label(column), classes="cell-label", markup=False))
            if column.kind == "check":
                cells.append(TickBox("", value is True, name=column.id, classes="cell cell-check", compact=True))
            elif column.kind == "choice":
                chosen = value if isinstance(value, str) and value in {o.id for o in column.options} else Select.NULL
                cells.append(
                    Select(
                        [(Content(o.label), o.id) for o in column.options],
                        value=chosen,
                        name=column.id,
                        # Textual reads a prompt as markup in one place and as text in another:
                        # the column's own words stay in its heading and tooltip.
                        prompt=_("Choose"),
                        compact=True,
                        classes="cell cell-choice",
                        tooltip=escape(column.label),
                    )
                )
            else:
                text = "" if value is None or isinstance(value, bool) else str(value)
                cells.append(
                    Input(
                        text,
                        name=column.id,
                        tooltip=escape(_column_label(column)),
                        compact=True,
                        classes=f"cell cell-text cell-{column.kind}",
                        restrict=r"[0-9]*" if column.kind == "number" else None,
                        placeholder=_("a day") if column.kind == "date" else "",
                        # Tab into a cell puts the cursor at its end, as in every other field:
                        # typing adds to the words, never replaces them all.
                        select_on_focus=False,
                    )
                )
        cells.append(Button("✕", classes="cell cell-remove remove-row", compact=True, tooltip=_("Remove this row")))
        return Horizontal(*cells, classes="table-row")

    def add_row(self, values: dict[str, Any] | None = None, focus: bool = False) -> None:
        row = self._make_row(values or {})
        self.query_one("#rows", Vertical).mount(row)
        if focus:
            self.call_after_refresh(lambda: row.query(".cell").first().focus())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button
        if button.has_class("add-row"):
            self.add_row(focus=True)
        elif button.has_class("remove-row") and isinstance(button.parent, Widget):
            # A row with words in it is asked about first: one stray Enter on ✕ must not
            # take away a contact or a plan step. An empty row simply goes.
            if self._row_values(button.parent) and not button.has_class("armed"):
                button.add_class("armed")
                button.label = _("Remove?")
                self.notify(_("Press it again to remove this row and what is in it."), title=_("Remove this row?"))
                return
            button.parent.remove()
            self.app.clear_notifications()  # the question is answered
            # The focus stays in the table (not back at the top of a long form).
            self.call_after_refresh(self.query_one(".add-row", Button).focus)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, Input) and event.widget.has_class("cell"):
            # Typing goes after the words already there (leaving the cell showed their start).
            event.widget.cursor_position = len(event.widget.value)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, Button) and event.widget.has_class("armed"):
            event.widget.remove_class("armed")
            event.widget.label = "✕"
        elif isinstance(event.widget, Input):
            # A cell left shows the start of its words ("Order a soda first"), not the end
            # where typing stopped ("rder a soda first").
            event.widget.cursor_position = 0

    def focus_input(self) -> None:
        """Focus the first cell that does not fit its column (the one the error line names)."""
        columns = {c.id: c for c in self.spec.columns}
        for cell in self.query(".table-row Input.cell"):
            if isinstance(cell, Input) and cell.value.strip() and (column := columns.get(cell.name or "")):
                typed = " ".join(cell.value.split())
                value: Any = int(typed) if column.kind == "number" and typed.isdigit() and len(typed) <= 7 else typed
                if cell_problem(column, value):
                    cell.focus()
                    return
        super().focus_input()

    def _row_values(self, row: Widget) -> dict[str, Any]:
        """What one row holds, in the answer's shape (empty cells left out)."""
        columns = {c.id: c for c in self.spec.columns}
        cells: dict[str, Any] = {}
        for widget in row.query(".cell"):
            name = widget.name or ""
            if isinstance(widget, Input) and widget.value.strip():
                text = " ".join(widget.value.split())
                column = columns.get(name)
                is_number = column is not None and column.kind == "number" and text.isdigit() and len(text) <= 7
                if column is not None and column.kind == "date":
                    text = self._day(text)
                cells[name] = int(text) if is_number else text
            elif isinstance(widget, Checkbox) and widget.value:
                cells[name] = True
            elif isinstance(widget, Select) and isinstance(widget.value, str):
                cells[name] = widget.value
        return cells

    @property
    def value(self) -> Any:
        rows = [cells for row in self.query(".table-row") if (cells := self._row_values(row))]
        return rows or None

    @value.setter
    def value(self, new: Any) -> None:
        holder = self.query_one("#rows", Vertical)
        holder.remove_children()
        rows = new if isinstance(new, list) and new else [{}]
        holder.mount_all([self._make_row(row if isinstance(row, dict) else {}) for row in rows])


def day_in_words(text: str, clock: Callable[[], datetime]) -> str:
    """The day ``text`` names (2026-03-14 or plain words, in the language spoken), as
    2026-03-14, read against the workbook's clock; ``WorkbookError`` when it names none."""
    from workbook.common.i18n import language
    from workbook.services.when import understand_day

    now = clock()
    return understand_day(text, language(), now.date(), now).isoformat()


def _column_label(column: Column) -> str:
    if column.kind == "number" and f"{column.min}-{column.max}" not in column.label:
        return f"{column.label} ({column.min}-{column.max})"
    return column.label


WIDGET_FOR_KIND: dict[str, type[FieldWidget]] = {
    "text": TextField,
    "long_text": LongTextField,
    "scale": ScaleField,
    "choice": ChoiceField,
    "date": DateField,
    "datetime": DateTimeField,
    "list": ListField,
    "table": TableField,
}
