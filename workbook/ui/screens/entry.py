"""``EntryScreen``: read one saved entry, with keys to change or delete it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from workbook.worksheets.answers import format_answer, is_empty
from workbook.worksheets.loader import Exercise
from workbook.worksheets.entry import Entry, parse_iso


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
        changed = parse_iso(entry.updated).strftime("%A %d %B %Y, %H:%M")
        versions = len(entry.revisions) + 1
        return f"Written {created}. Last changed {changed} ({versions} versions kept)."
    return f"Written {created}."


class EntryScreen(Screen[None]):
    BINDINGS = [
        Binding("e", "edit", "Edit"),
        Binding("d", "delete", "Delete"),
        Binding("r", "revisions", "Versions"),
        Binding("s", "suggestions", "Ideas"),
        Binding("p", "progress", "Progress note"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    # Which keys make sense for which worksheet.
    ONLY_FOR = {"revisions": "document", "suggestions": "relapse-prevention-plan", "progress": "goal-setting"}

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        need = self.ONLY_FOR.get(action)
        if need is None:
            return True
        return self.exercise.kind == need or self.exercise.id == need

    def action_revisions(self) -> None:
        from workbook.ui.screens.plan_tools import RevisionsScreen
        if not self.entry.revisions:
            self.app.notify("There is only one version so far. Every change you save is kept.")
            return
        self.app.push_screen(RevisionsScreen(self.exercise, self.entry))

    def action_suggestions(self) -> None:
        from workbook.worksheets import insights
        from workbook.ui.screens.plan_tools import SuggestionsScreen
        store = self.app.store  # type: ignore[attr-defined]
        log = self.app.exercises.get(insights.TRIGGER_LOG)  # type: ignore[attr-defined]
        found = insights.high_risk_suggestions(store.entries(insights.TRIGGER_LOG), log, self.entry) if log else []
        self.app.push_screen(SuggestionsScreen(self.entry, found), lambda _changed: self._reload())

    def action_progress(self) -> None:
        from workbook.ui.screens.plan_tools import ProgressNoteScreen

        def saved(entry: Entry | None) -> None:
            if entry is not None:
                self.entry = entry
                self.show()
                self.app.notify("Progress note added.")

        self.app.push_screen(ProgressNoteScreen(self.entry), saved)

    def _reload(self) -> None:
        fresh = self.app.store.get(self.entry.id)  # type: ignore[attr-defined]
        if fresh is not None:
            self.entry = fresh
            self.show()

    def action_edit(self) -> None:
        from workbook.ui.screens.form import FormScreen

        def saved(entry: Entry | None) -> None:
            if entry is not None:
                self.entry = entry
                self.show()

        self.app.push_screen(FormScreen(self.exercise, self.entry), saved)

    def action_delete(self) -> None:
        self.app.delete_with_confirm(self.entry, after=lambda: self.app.pop_screen())  # type: ignore[attr-defined]
