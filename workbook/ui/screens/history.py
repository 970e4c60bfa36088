"""Provides ``HistoryScreen``: a worksheet's entries, by the moment they are about, newest
first, to open, add, change or delete; ``/`` searches their words and ``g`` goes to a date,
so years-old entries are a few keys away."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Input, Label
from textual.widgets.data_table import ColumnKey

from workbook.common.errors import WorkbookError
from workbook.common.i18n import N_, _
from workbook.common.language import format_day
from workbook.common.printable import folded
from workbook.ui.base import with_capitals
from workbook.ui.entry_actions import set_aside_news, toggle_mark, undo_delete
from workbook.ui.messages import WorkbookChanged
from workbook.ui.screens.history_rows import HistoryRows
from workbook.ui.widgets.footer import WorkbookFooter
from workbook.worksheets.definition import Exercise, Role
from workbook.worksheets.entry import Entry
from workbook.worksheets.roles import day_of, sort_key

if TYPE_CHECKING:
    from workbook.ui.app import WorkbookApp


class HistoryScreen(HistoryRows):
    # Focused from the start (Textual's default focuses the first widget that takes it, and
    # moving the focus on restyles both): the table.
    AUTO_FOCUS = "#history"
    BINDINGS = with_capitals(
        Binding("n", "new", N_("New")),
        Binding("enter", "open", N_("Open"), show=False),
        Binding("e", "edit", N_("Edit")),
        Binding("d", "delete", N_("Delete")),
        Binding("u", "undo", N_("Undo")),
        Binding("b", "mark", N_("Bring to session"), show=False),
        Binding("slash", "search", N_("Search")),
        Binding("g", "go_to_date", N_("Go to date")),
        Binding("m", "calendar", N_("Mood calendar"), show=False),
        Binding("escape", "back", N_("Back")),
    )

    def __init__(self, exercise: Exercise) -> None:
        super().__init__()
        self.exercise = exercise
        self._all: list[Entry] = []
        self._entries: list[Entry] = []
        self._words: dict[str, tuple[Entry, str]] = {}  # search text, kept while the entry is unchanged
        self._query = ""
        self._columns: list[ColumnKey] = []
        self._pending_day: date | None = None  # a day asked for while the years before were read

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(id="history-search", placeholder=_("Search the words of every entry (Enter to keep, Esc to stop)"))
        yield Input(
            id="history-date", placeholder=_("Go to a date (YYYY-MM-DD, or words like 'last friday'), then Enter")
        )
        yield Label("", id="history-empty", markup=False)
        yield DataTable(id="history", cursor_type="row", zebra_stripes=True)
        yield Label(_("Reading the years before these…"), id="history-reading", markup=False)
        yield WorkbookFooter()

    def on_mount(self) -> None:
        self.title = _("{title}: history").format(title=self.exercise.title)
        table = self.query_one("#history", DataTable)
        self._columns = table.add_columns(_("When"), _("Summary"))
        for box in ("#history-search", "#history-date"):
            self.query_one(box).display = False
        # Also here: Textual applies AUTO_FOCUS only while the terminal has the focus.
        table.focus()
        # Scrolling with a mouse wheel near the end loads more rows too, not only the cursor.
        self.watch(table, "scroll_y", self._scrolled, init=False)

    def on_screen_resume(self) -> None:
        # Also sent when the screen first shows: the one place the list fills itself.
        self.reload()

    def on_resize(self) -> None:
        # Summaries are cut to the width they are drawn at: a wider terminal gets more of them.
        if self.is_current and self._all:
            self._show(keep_cursor=True)

    def on_workbook_changed(self, message: WorkbookChanged) -> None:
        # Below another screen, the list fills itself again when it is back.
        if self.is_current and message.change.touches(self.exercise.id):
            self.reload()

    def reload(self) -> None:
        # Years long past are closed (packed in the file): the list shows what is at hand at
        # once, and a worker reads those years, so opening a history never waits for decades.
        found, more = self.book.read_so_far(self.exercise.id)
        fresh = sorted(found, key=lambda e: sort_key(self.exercise, e), reverse=True)
        if not self._redrawn_in_place(fresh):
            self._all = fresh
            self._show(keep_cursor=True)
        self.query_one("#history-reading").display = more
        if more:
            self._read_closed_years(self.workbook)
        elif self._pending_day is not None:
            day, self._pending_day = self._pending_day, None
            self._go_to(day)

    @work(thread=True, exclusive=True, group="closed-years", description="read the years long past")
    def _read_closed_years(self, app: WorkbookApp) -> None:
        # Handed the app on the interface's thread: a screen the person has left no longer finds it.
        try:
            app.open_book.entries(self.exercise.id)  # unpacks the closed years that hold this worksheet
        except WorkbookError as exc:
            app.call_from_thread(app.notify, str(exc), severity="warning")
            return
        app.call_from_thread(self._closed_years_read)

    def _closed_years_read(self) -> None:
        if self.is_attached:
            self.reload()
            set_aside_news(self.workbook)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "calendar":  # only a worksheet that logs a mood has a calendar
            return self.exercise.role_field(Role.MOOD) is not None
        return True

    def action_calendar(self) -> None:
        self.workbook.action_calendar()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = self.query_one("#history", DataTable)
        if event.cursor_row >= table.row_count - 20 and table.row_count < len(self._entries):
            self._add_rows(self.PAGE)

    def _scrolled(self, scroll_y: float) -> None:
        table = self.query_one("#history", DataTable)
        if scroll_y >= table.max_scroll_y - 10 and table.row_count < len(self._entries):
            self._add_rows(self.PAGE)

    # -- search and go to a date ---------------------------------------------------------------

    def _nothing_yet(self) -> bool:
        """True (and said) when there is nothing to search or go to yet: a letter typed into an
        empty history must not open a box that can find nothing."""
        if self._all:
            return False
        self.notify(_("Nothing here yet. Press N to write your first entry."))
        return True

    def action_search(self) -> None:
        if self._nothing_yet():
            return
        box = self.query_one("#history-search", Input)
        box.display = True
        box.focus()

    def action_go_to_date(self) -> None:
        if self._nothing_yet():
            return
        box = self.query_one("#history-date", Input)
        box.display = True
        box.value = ""
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "history-search":
            self._query = folded(" ".join(event.value.split()))
            self._show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "history-date":
            from workbook.common.i18n import language
            from workbook.services.when import WhenNotUnderstood, understand_day

            try:  # plain words too: "last friday", "ayer"
                day = understand_day(event.value, language(), self.workbook.today())
            except (WhenNotUnderstood, ValueError) as exc:
                self.notify(str(exc), severity="warning")
                return
            event.input.display = False
            reading = self.query_one("#history-reading").display
            if reading and (not self._entries or day_of(self.exercise, self._entries[-1]) > day):
                # The day is in the years still being read: the cursor goes there when they are.
                self._pending_day = day
                self.notify(_("Looking in the years before these…"), timeout=4)
            else:
                self._go_to(day)
        self.query_one("#history", DataTable).focus()

    def _go_to(self, day: date) -> None:
        """The cursor to the entry of ``day``, or the one before it, saying where it went."""
        table = self.query_one("#history", DataTable)
        index = next(
            (i for i, e in enumerate(self._entries) if day_of(self.exercise, e) <= day), len(self._entries) - 1
        )
        if index < 0:
            self.notify(_("There are no entries here yet."), timeout=5)
            return
        if index >= table.row_count:
            self._add_rows(index - table.row_count + self.PAGE)
        table.move_cursor(row=index)
        found = day_of(self.exercise, self._entries[index])
        if found != day:  # say where the cursor went, so nothing looks like it failed
            before = found > day  # every entry is later than the day asked for
            said = format_day(found, weekday=False, long=True)
            self.notify(
                _("Nothing on {day}: ").format(day=format_day(day, weekday=False, long=True))
                + (
                    _("the first entry is on {found}.").format(found=said)
                    if before
                    else _("the cursor is on the entry before it, {found}.").format(found=said)
                ),
                timeout=6,
            )

    def action_back(self) -> None:
        # The box being typed in closes first, then the other one, then the screen.
        order = ["#history-search", "#history-date"]
        focused = self.focused
        if focused is not None and f"#{focused.id}" in order:
            order.remove(f"#{focused.id}")
            order.insert(0, f"#{focused.id}")
        for box_id in order:
            box = self.query_one(box_id, Input)
            if box.display:
                box.display = False
                if box_id == "#history-search" and self._query:
                    box.value = ""
                    self._query = ""
                    self._show()
                self.query_one("#history", DataTable).focus()
                return
        self.app.pop_screen()

    # -- open, add, change, delete -----------------------------------------------------------

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_new(self) -> None:
        self.workbook.open_new_entry(self.exercise)

    def action_open(self) -> None:
        from workbook.ui.screens.entry import EntryScreen

        entry = self._selected()
        if entry is not None:
            self.app.push_screen(EntryScreen(self.exercise, entry))

    def action_edit(self) -> None:
        from workbook.ui.screens.form import FormScreen

        entry = self._selected()
        if entry is not None:
            self.app.push_screen(FormScreen(self.exercise, entry))

    def action_delete(self) -> None:
        entry = self._selected()
        if entry is not None:
            self.workbook.delete_with_confirm(entry)

    def action_mark(self) -> None:
        entry = self._selected()
        if entry is not None:
            toggle_mark(self.workbook, entry)

    def action_undo(self) -> None:
        undo_delete(self.workbook)
