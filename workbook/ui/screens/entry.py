"""Provides ``EntryScreen``: read one saved entry, with keys to change or delete it, and
``entry_content``, the entry as text for reading."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label, Static

from workbook.common.errors import WorkbookError
from workbook.common.i18n import N_, _
from workbook.common.language import format_moment
from workbook.services.daily import set_task_done
from workbook.ui.base import WorkbookScreen, with_capitals
from workbook.ui.entry_actions import toggle_mark
from workbook.ui.widgets.footer import WorkbookFooter
from workbook.ui.widgets.task_list import TaskList
from workbook.worksheets.answers import format_answer, is_empty
from workbook.worksheets.builtin import Goals, Plan
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry, parse_iso
from workbook.worksheets.measures import score_of
from workbook.worksheets.roles import has_own_time, moment_of, tasks_of


def entry_content(exercise: Exercise, entry: Entry) -> Content:
    """The entry as styled text; the person's words are never read as markup. A section
    heading is shown only when something under it was answered."""
    parts: list[Content] = [Content.styled(_when(exercise, entry), "dim")]
    if entry.private:
        parts.append(Content.styled(_("Private: left out of exports."), "italic"))
    if entry.bring_to_session:
        parts.append(Content.styled(_("Marked to bring to your next session (B takes the mark away)."), "italic"))
    score = score_of(exercise, entry.answers)
    if score is not None:  # a self-check shows its score first, as the report does
        parts += [Content(""), Content.assemble((_("Score") + ": ", "bold"), score.describe())]
        parts += [Content.assemble((part.subscale.label + ": ", "bold"), part.describe()) for part in score.parts]
        if exercise.note:
            parts.append(Content.styled(exercise.note, "italic"))
        for spec, answer in score.alerts:
            parts.append(
                Content.styled(
                    _(
                        '{name} was answered "{answer}". Please talk about it with your counselor, or press F1 '
                        "for crisis help now."
                    ).format(name=spec.name, answer=answer),
                    "bold",
                )
            )
    pending_section = ""
    for spec in exercise.fields:
        if spec.section:
            pending_section = spec.section
        value = entry.answers.get(spec.id)
        if is_empty(value):
            continue
        if pending_section:
            parts += [Content(""), Content.styled(pending_section.upper(), "bold underline")]
            pending_section = ""
        parts += [Content(""), Content.styled(spec.label, "bold"), Content(format_answer(spec, value))]
    known = {f.id for f in exercise.fields}
    for key, value in entry.answers.items():  # answers to questions the worksheet no longer has
        if key not in known and not is_empty(value):
            parts += [Content(""), Content.styled(key, "bold"), Content(str(value))]
    return Content("\n").join(parts)


def _when(exercise: Exercise, entry: Entry) -> str:
    created = format_moment(entry.created_at, long=True)
    about = (
        _("About {moment}. ").format(moment=format_moment(moment_of(exercise, entry), long=True))
        if has_own_time(exercise, entry)
        else ""
    )
    if entry.updated != entry.created:
        changed = format_moment(parse_iso(entry.updated), long=True)
        versions = len(entry.revisions) + 1
        said = _("{about}Written {created}. Last changed {changed} ({versions} versions kept).").format(
            about=about, created=created, changed=changed, versions=versions
        )
    else:
        said = _("{about}Written {created}.").format(about=about, created=created)
    return said.replace("..", ".")  # a time that ends in "p.m." already ends the sentence


class EntryScreen(WorkbookScreen[None]):
    BINDINGS = with_capitals(
        Binding("e", "edit", N_("Edit")),
        Binding("d", "delete", N_("Delete")),
        Binding("r", "revisions", N_("Versions")),
        Binding("s", "suggestions", N_("Ideas")),
        Binding("p", "progress", N_("Progress note")),
        Binding("b", "mark", N_("Bring to session")),
        Binding("escape", "app.pop_screen", N_("Back")),
    )

    def __init__(self, exercise: Exercise, entry: Entry) -> None:
        super().__init__()
        self.exercise = exercise
        self.entry = entry

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(Static(id="entry-body"), id="entry-scroll")
        yield Label(_("Tasks: Space ticks one done, or undoes it"), id="entry-tasks-heading", classes="home-heading")
        yield TaskList(id="entry-tasks")
        yield WorkbookFooter()

    def on_mount(self) -> None:
        self.title = self.exercise.title
        self.show()
        # An entry with tasks opens on them: ticking one is a key away.
        tasks = self.query_one("#entry-tasks", TaskList)
        (tasks if tasks.display else self.query_one("#entry-scroll")).focus()

    def show(self) -> None:
        self.query_one("#entry-body", Static).update(entry_content(self.exercise, self.entry))
        tasks = [(self.entry, t) for t in tasks_of(self.exercise, self.entry) if t.done_column]
        self.query_one("#entry-tasks", TaskList).show(tasks, self.workbook.today())
        self.query_one("#entry-tasks-heading", Label).display = bool(tasks)

    def on_task_list_toggled(self, message: TaskList.Toggled) -> None:
        message.stop()
        try:
            self.entry = set_task_done(self.book, self.entry, message.task, not message.task.done)
        except WorkbookError as exc:
            self.notify(str(exc), severity="error")
            return
        self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Which keys make sense for which worksheet.
        if action == "revisions":
            return self.exercise.single
        if action == "suggestions":
            return self.exercise.id == Plan.ID
        if action == "progress":
            return self.exercise.id == Goals.ID
        return True

    def action_mark(self) -> None:
        self.entry = toggle_mark(self.workbook, self.entry)
        self.show()

    def action_revisions(self) -> None:
        from workbook.ui.screens.revisions import RevisionsScreen

        if not self.entry.revisions:
            self.notify(_("There is only one version so far. Every change you save is kept."))
            return
        self.app.push_screen(RevisionsScreen(self.exercise, self.entry))

    def action_suggestions(self) -> None:
        from workbook.ui.screens.suggestions import SuggestionsScreen
        from workbook.worksheets import insights
        from workbook.worksheets.builtin import Cravings

        log = self.workbook.exercises.get(Cravings.ID)
        found = insights.high_risk_suggestions(self.book.recent(Cravings.ID), log, self.entry) if log else []
        self.app.push_screen(SuggestionsScreen(self.entry, found), lambda _changed: self._reload())

    def action_progress(self) -> None:
        from workbook.ui.screens.progress_note import ProgressNoteScreen

        def saved(entry: Entry | None) -> None:
            if entry is not None:
                self.entry = entry
                self.show()
                self.notify(_("Progress note added."))

        self.app.push_screen(ProgressNoteScreen(self.entry), saved)

    def _reload(self) -> None:
        fresh = self.book.get(self.entry.id, self.entry.created)
        if fresh is not None:
            self.entry = fresh
            self.show()

    def on_screen_resume(self) -> None:
        self._reload()

    def action_edit(self) -> None:
        from workbook.ui.screens.form import FormScreen

        def saved(entry: Entry | None) -> None:
            if entry is not None:
                self.entry = entry
                self.show()

        self.app.push_screen(FormScreen(self.exercise, self.entry), saved)

    def action_delete(self) -> None:
        self.workbook.delete_with_confirm(self.entry, after=self.app.pop_screen)
