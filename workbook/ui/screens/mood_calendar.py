"""Provides ``MoodCalendarScreen``: a month of moods as a grid, a cell per day coloured by
mood and written as characters too (the day, its mood, ◆ for a logged use), so it reads
the same in every theme and to a screen reader. Left and right move a month, T comes back
to this month."""

from __future__ import annotations

from datetime import date, datetime, time

from babel.dates import format_skeleton, get_day_names
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Header, Label, Static

from workbook.common.i18n import N_, _
from workbook.common.language import locale_for
from workbook.ui.base import WorkbookScreen, with_capitals
from workbook.ui.messages import WorkbookChanged
from workbook.ui.widgets.footer import WorkbookFooter
from workbook.worksheets.mood_calendar import USE_MARK, month_grid, weekday_order


def _shifted(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


class MoodCalendarScreen(WorkbookScreen[None]):
    BINDINGS = with_capitals(
        Binding("escape", "back", N_("Back")),
        Binding("left", "month(-1)", N_("Earlier")),
        Binding("right", "month(1)", N_("Later")),
        Binding("t", "this_month", N_("This month")),
    )

    def __init__(self) -> None:
        super().__init__()
        self.month = date(1, 1, 1)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="calendar-box"):
            yield Label("", id="calendar-month", classes="dialog-title", markup=False)
            yield Grid(id="calendar-grid")
            yield Static(
                _(
                    "Each day shows its mood (1 very low to 5 very good), · when none was logged, "
                    "and {mark} when a use was logged that day."
                ).format(mark=USE_MARK),
                id="calendar-legend",
                markup=False,
            )
        yield WorkbookFooter()

    def on_mount(self) -> None:
        self.title = _("Mood calendar")
        self.month = self.workbook.today().replace(day=1)
        self._fill()

    def on_workbook_changed(self, message: WorkbookChanged) -> None:
        self._fill()

    def action_month(self, months: int) -> None:
        self.month = _shifted(self.month, months)
        self._fill()

    def action_this_month(self) -> None:
        self.month = self.workbook.today().replace(day=1)
        self._fill()

    def action_back(self) -> None:
        self.dismiss(None)

    def _fill(self) -> None:
        locale = locale_for(None)
        first = locale.first_week_day
        names = get_day_names("abbreviated", locale=locale)
        month = format_skeleton("yMMMM", self.month, locale=locale)  # "December 2026", "diciembre de 2026"
        self.query_one("#calendar-month", Label).update(month[:1].upper() + month[1:])
        # What was written since the month began holds every mood about its days; years long
        # past are read only when the person goes back to them.
        entries = self.book.written_since(datetime.combine(self.month, time(0)).astimezone())
        cells: list[Static] = [Static(str(names[w])[:6], classes="calendar-head") for w in weekday_order(first)]
        today = self.workbook.today()
        for week in month_grid(entries, self.book.exercises, self.month.year, self.month.month, first, today):
            for day in week:
                if day is None:
                    cells.append(Static("", classes="calendar-cell"))
                    continue
                classes = f"calendar-cell mood-{day.level}" + (" used" if day.used else "")
                if day.day == today:
                    classes += " today"
                cells.append(Static(day.cell(), classes=classes, markup=False))
        grid = self.query_one("#calendar-grid", Grid)
        grid.remove_children()
        grid.mount_all(cells)
