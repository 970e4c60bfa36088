"""``HomeScreen``: the worksheets, what was written today, and recent activity."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from workbook.exercises import summary_of


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("1", "open(0)", "Goals", show=False),
        Binding("2", "open(1)", "Craving log", show=False),
        Binding("3", "open(2)", "Plan", show=False),
        Binding("4", "open(3)", "Gratitude", show=False),
        Binding("x", "app.export", "Export"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Label("Worksheets  (press 1-4 or choose and press Enter)", classes="home-heading")
            yield OptionList(id="worksheets")
            with VerticalScroll(id="home-today"):
                yield Static(id="today")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Recovery Workbook"
        self.refresh_home()
        self.query_one("#worksheets", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_home()

    def refresh_home(self) -> None:
        app = self.app
        store = app.store  # type: ignore[attr-defined]
        exercises = app.ordered_exercises()  # type: ignore[attr-defined]
        entries = store.entries()
        picker = self.query_one("#worksheets", OptionList)
        highlighted = picker.highlighted
        picker.clear_options()
        for number, exercise in enumerate(exercises, start=1):
            count = sum(1 for e in entries if e.exercise == exercise.id)
            if exercise.single:
                detail = "started" if count else "not started yet"
            else:
                detail = f"{count} entr{'y' if count == 1 else 'ies'}"
            label = f"{number}  {exercise.title}" if number <= 9 else exercise.title
            picker.add_option(Option(Content.assemble(label, ("  " + detail, "dim")), id=exercise.id))
        picker.highlighted = highlighted if highlighted is not None else 0

        today = date.today()
        by_id = {e.id: e for e in exercises}
        parts: list[Content] = [Content.styled("Today", "bold")]
        todays = [e for e in entries if e.created_at.date() == today and e.exercise in by_id]
        if todays:
            for entry in todays:
                exercise = by_id[entry.exercise]
                parts.append(Content.assemble(f"  {entry.created_at:%H:%M}  {exercise.title}: ",
                                              (summary_of(exercise, entry.answers, 50), "")))
        else:
            parts.append(Content("  Nothing written yet today. Small steps count."))
        parts.append(Content(""))
        parts.append(Content.styled("Recent", "bold"))
        recent = sorted((e for e in entries if e.exercise in by_id), key=lambda e: e.updated, reverse=True)[:5]
        if recent:
            for entry in recent:
                exercise = by_id[entry.exercise]
                parts.append(Content(f"  {entry.updated[:10]}  {exercise.title}: "
                                     f"{summary_of(exercise, entry.answers, 44)}"))
        else:
            parts.append(Content("  Your entries will show here."))
        self.query_one("#today", Static).update(Content("\n").join(parts))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.app.open_exercise(event.option.id)  # type: ignore[attr-defined]

    def action_open(self, index: int) -> None:
        exercises = self.app.ordered_exercises()  # type: ignore[attr-defined]
        if index < len(exercises):
            self.app.open_exercise(exercises[index].id)  # type: ignore[attr-defined]
