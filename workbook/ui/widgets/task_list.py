"""Provides ``TaskList``: tasks from ``tasks`` tables (homework) as a list where Space (or
Enter) ticks one done, or undoes a tick; it posts ``TaskList.Toggled`` for its screen to save."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workbook.common.i18n import N_, _
from workbook.common.language import format_day
from workbook.worksheets.entry import Entry
from workbook.worksheets.roles import Task


def task_words(task: Task, today: date, private: bool = False) -> Content:
    """ "☐ Call my sponsor (by Mon, Dec 7)": the tick, the task and its day, never as markup."""
    text = _("(private)") if private else task.text
    when = ""
    if task.due is not None:
        day = format_day(task.due, year=False)
        when = (
            _(" (by today)")
            if task.due == today
            else (_(" (by {when}, past its date)") if task.due < today and not task.done else _(" (by {when})")).format(
                when=day
            )
        )
    return Content.assemble("☑ " if task.done else "☐ ", text, (when, "dim"))


class TaskList(OptionList):
    BINDINGS = [Binding("space", "tick", N_("Tick done"))]

    @dataclass
    class Toggled(Message):
        entry: Entry
        task: Task

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tasks: list[tuple[Entry, Task]] = []

    def show(self, tasks: list[tuple[Entry, Task]], today: date) -> None:
        highlighted = self.highlighted
        self.tasks = tasks
        self.clear_options()
        self.add_options(Option(task_words(task, today, entry.private)) for entry, task in tasks)
        if tasks:
            self.highlighted = min(highlighted or 0, len(tasks) - 1)
        self.display = bool(tasks)

    def action_tick(self) -> None:
        if self.highlighted is not None and self.highlighted < len(self.tasks):
            entry, task = self.tasks[self.highlighted]
            self.post_message(self.Toggled(entry, task))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_tick()
