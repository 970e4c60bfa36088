"""Provides ``HomeScreen``: the worksheets, and what today holds (``workbook.ui.home_panels``)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from workbook.common.errors import WorkbookError
from workbook.common.i18n import N_, _, ngettext
from workbook.common.language import format_amount
from workbook.services.daily import open_tasks, set_task_done
from workbook.services.workbook import RECENT_DAYS
from workbook.ui.base import WorkbookScreen, with_capitals
from workbook.ui.home_panels import today_first, today_panel
from workbook.ui.messages import WorkbookChanged
from workbook.ui.widgets.footer import WorkbookFooter
from workbook.ui.widgets.task_list import TaskList
from workbook.worksheets.definition import Role
from workbook.worksheets.entry import Entry

NEWEST_PER_WORKSHEET = 12  # a self-check's trend, open homework, a plan, goals in progress


class HomeScreen(WorkbookScreen[None]):
    # The worksheets have the focus from the start (Textual's default would give it to the
    # homework first, and moving it on restyled both lists: ~45 ms just after Home first shows).
    AUTO_FOCUS = "#worksheets"
    BINDINGS = with_capitals(
        *(Binding(str(n), f"open({n - 1})", N_("Open a worksheet by its number"), show=False) for n in range(1, 10)),
        Binding("k", "app.check_in", N_("Check in")),
        Binding("p", "app.practice", N_("Practice")),
        Binding("c", "app.quick_log", N_("Craving")),
        Binding("x", "app.export", N_("Export")),
        Binding("m", "app.calendar", N_("Mood calendar"), show=False),
        Binding("question_mark", "app.help", N_("Help")),
        Binding("q", "app.quit", N_("Quit")),
    )

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(id="today-first")
            yield Label(
                _("Homework (Tab to reach it, Space ticks one done)"), id="tasks-heading", classes="home-heading"
            )
            yield TaskList(id="home-tasks")
            yield Label(_("Worksheets"), id="worksheets-heading", classes="home-heading")
            yield OptionList(id="worksheets")
            with VerticalScroll(id="home-today") as rest:
                # Never reached with Tab (it shows no focus, and the arrows would stop moving the
                # lists): Tab goes from the worksheets to the homework. A mouse wheel scrolls it.
                rest.can_focus = False
                yield Static(id="today")
        yield WorkbookFooter()

    def on_mount(self) -> None:
        self.title = _("Recovery Workbook")
        # Also here: Textual applies AUTO_FOCUS only while the terminal has the focus.
        self.query_one("#worksheets", OptionList).focus()

    def on_screen_resume(self) -> None:
        # Also sent when Home first shows, so this is the one place Home fills itself.
        self.refresh_home()

    _drawn_width = -1  # the width Home's lines were last cut to

    def on_resize(self) -> None:
        # Lines are cut to the width they are drawn at: a wider terminal gets whole lines again
        # (and only a new width needs them cut again: Home is sized twice as it first shows).
        if self.is_current and self.size.width != self._drawn_width:
            self.refresh_home()

    def on_workbook_changed(self, _message: WorkbookChanged) -> None:
        if self.is_current:  # below another screen, Home fills itself again when it is back
            self.refresh_home()

    def _home_entries(self) -> list[Entry]:
        """What Home can show, in time that does not grow with the years: entries written in
        the last RECENT_DAYS, the marked ones, each worksheet's newest few (a plan, a goal, a
        self-check's trend), and the last entry that logged a use (for days without use)."""
        book = self.book
        since = datetime.combine(self.workbook.today() - timedelta(days=RECENT_DAYS), time(0)).astimezone()
        found: dict[str, Entry] = {e.id: e for e in book.written_since(since)}
        found.update((e.id, e) for e in book.marked())
        for exercise in self.workbook.exercises.values():
            found.update((e.id, e) for e in book.newest(exercise.id, NEWEST_PER_WORKSHEET))
            if exercise.role_field(Role.OUTCOME) is not None:
                last_use = book.last_use(exercise.id)
                if last_use is not None:
                    found[last_use.id] = last_use
        return sorted(found.values(), key=lambda e: (e.created_at, e.id), reverse=True)

    def refresh_home(self) -> None:
        exercises = self.book.ordered_exercises()
        entries = self._home_entries()
        picker = self.query_one("#worksheets", OptionList)
        highlighted = picker.highlighted
        picker.clear_options()
        counts = self.book.counts()
        drafts = self.book.drafts()
        waiting = Counter(d.exercise for d in drafts)
        for number, exercise in enumerate(exercises, start=1):
            count = counts.get(exercise.id, 0)
            if exercise.single:
                detail = _("started") if count else _("not started yet")
            else:
                detail = (
                    ngettext("{count} entry", "{count} entries", count).format(count=format_amount(count))
                    if count
                    else _("none yet")
                )
            if waiting[exercise.id]:
                detail += ngettext(" · {value} draft", " · {value} drafts", waiting[exercise.id]).format(
                    value=waiting[exercise.id]
                )
            # Keys 1-9 open the first nine; the rest line up with them, reached with the arrows.
            label = f"{number}  {exercise.title}" if number <= 9 else f"   {exercise.title}"
            picker.add_option(Option(Content.assemble(label, " · ", detail), id=exercise.id))
        picker.highlighted = highlighted if highlighted is not None else 0
        self.query_one("#worksheets-heading", Label).update(
            _("Worksheets ({count}): 1-9 opens one; the arrows and Enter reach them all").format(count=len(exercises))
        )

        by_id = {e.id: e for e in exercises}
        self._drawn_width = self.size.width
        width = max(30, self.size.width - 6) if self.size.width else 74
        today = self.workbook.today()
        settings = self.book.settings()
        known_from = self.book.first_day() or today  # nothing written yet: only today is known
        self.query_one("#today-first", Static).update(today_first(entries, by_id, today, drafts, settings, known_from))
        tasks = open_tasks(self.book, entries)
        self.query_one("#home-tasks", TaskList).show(tasks, today)
        self.query_one("#tasks-heading", Label).display = bool(tasks)
        self.query_one("#today", Static).update(today_panel(entries, by_id, today, width, drafts, settings, known_from))

    def on_task_list_toggled(self, message: TaskList.Toggled) -> None:
        """Space on a homework task: ticked done, saved as an edit of its session."""
        message.stop()
        try:
            set_task_done(self.book, message.entry, message.task, not message.task.done)
        except WorkbookError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(
            _("Done: {task}. Well done. (To undo it, open the entry and press Space on the task.)").format(
                task=_("(private)") if message.entry.private else message.task.text[:60]
            )
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.workbook.open_exercise(event.option.id)

    def action_open(self, index: int) -> None:
        exercises = self.book.ordered_exercises()
        if index < len(exercises):
            self.workbook.open_exercise(exercises[index].id)
