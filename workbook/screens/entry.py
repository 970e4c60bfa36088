"""``EntryScreen``: read one saved entry, with keys to change or delete it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from workbook.exercises import Exercise, format_answer, is_empty
from workbook.model import Entry


def entry_content(exercise: Exercise, entry: Entry) -> Content:
    """The entry as styled text; the person's words are never read as markup."""
    parts: list[Content] = [Content.styled(_when(entry), "dim")]
    if entry.private:
        parts.append(Content.styled("Private: left out of exports.", "italic"))
    for spec in exercise.fields:
        value = entry.answers.get(spec.id)
        if spec.section:
            parts.append(Content(""))
            parts.append(Content.styled(spec.section.upper(), "bold underline"))
        if is_empty(value):
            continue
        parts.append(Content(""))
        parts.append(Content.styled(spec.label, "bold"))
        parts.append(Content(format_answer(spec, value)))
    known = {f.id for f in exercise.fields}
    for key, value in entry.answers.items():  # answers to questions the worksheet no longer has
        if key not in known and not is_empty(value):
            parts.append(Content(""))
            parts.append(Content.styled(key, "bold"))
            parts.append(Content(str(value)))
    return Content("\n").join(parts)


def _when(entry: Entry) -> str:
    created = entry.created_at.strftime("%A %d %B %Y, %H:%M")
    if entry.updated != entry.created:
        return f"Written {created}; last changed {entry.updated[:16].replace('T', ' ')}"
    return f"Written {created}"


class EntryScreen(Screen[None]):
    BINDINGS = [
        Binding("e", "edit", "Edit"),
        Binding("d", "delete", "Delete"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, exercise: Exercise, entry: Entry) -> None:
        super().__init__()
        self.exercise = exercise
        self.entry = entry

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(Static(id="entry-body"), id="entry-scroll")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.exercise.title
        self.show()
        self.query_one("#entry-scroll").focus()

    def show(self) -> None:
        self.query_one("#entry-body", Static).update(entry_content(self.exercise, self.entry))

    def action_edit(self) -> None:
        from workbook.screens.form import FormScreen

        def saved(entry: Entry | None) -> None:
            if entry is not None:
                self.entry = entry
                self.show()

        self.app.push_screen(FormScreen(self.exercise, self.entry), saved)

    def action_delete(self) -> None:
        self.app.delete_with_confirm(self.entry, after=lambda: self.app.pop_screen())  # type: ignore[attr-defined]
