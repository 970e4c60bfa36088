"""Provides ``HistoryScreen``: a worksheet's entries, newest first, to open, add, change or delete."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Label

from workbook.ui.base import WorkbookScreen
from workbook.worksheets.answers import summary_of
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry
from workbook.worksheets.roles import moment_of, sort_key


class HistoryScreen(WorkbookScreen[None]):
    BINDINGS = [
        Binding("n", "new", "New"),
        Binding("enter", "open", "Open", show=False),
        Binding("e", "edit", "Edit"),
        Binding("d", "delete", "Delete"),
        Binding("u", "undo", "Undo"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, exercise: Exercise) -> None:
        super().__init__()
        self.exercise = exercise
        self._entries: list[Entry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="history-empty", markup=False)
        yield DataTable(id="history", cursor_type="row", zebra_stripes=True)
        yield Footer()

    PAGE = 100  # rows added at a time: years of entries stay quick to open

    def on_mount(self) -> None:
        self.title = f"{self.exercise.title}: history"
        table = self.query_one("#history", DataTable)
        table.add_columns("When", "Summary", "")
        table.focus()
        # Scrolling with a mouse wheel near the end loads more rows too, not only the cursor.
        self.watch(table, "scroll_y", self._scrolled, init=False)

    def on_screen_resume(self) -> None:
        # Also sent when the screen first shows: the one place the list fills itself.
        self.reload()

    def reload(self) -> None:
        table = self.query_one("#history", DataTable)
        keep = table.cursor_row
        table.clear()
        self._entries = sorted(self.store.entries(self.exercise.id), key=lambda e: sort_key(self.exercise, e),
                               reverse=True)
        self._add_rows(max(self.PAGE, keep + 1))
        empty = self.query_one("#history-empty", Label)
        empty.update("" if self._entries else "Nothing here yet. Press N to write your first entry.")
        empty.display = not self._entries
        if self._entries:
            table.move_cursor(row=min(keep, len(self._entries) - 1))

    def _add_rows(self, count: int) -> None:
        table = self.query_one("#history", DataTable)
        width = max(20, self.size.width - 28)
        start = table.row_count
        for entry in self._entries[start:start + count]:
            table.add_row(moment_of(self.exercise, entry).strftime("%a %d %b %Y %H:%M"),
                          summary_of(self.exercise, entry.answers, width),
                          "private" if entry.private else "", key=entry.id)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = self.query_one("#history", DataTable)
        if event.cursor_row >= table.row_count - 20 and table.row_count < len(self._entries):
            self._add_rows(self.PAGE)

    def _scrolled(self, scroll_y: float) -> None:
        table = self.query_one("#history", DataTable)
        if scroll_y >= table.max_scroll_y - 10 and table.row_count < len(self._entries):
            self._add_rows(self.PAGE)

    def _selected(self) -> Entry | None:
        table = self.query_one("#history", DataTable)
        if not self._entries or table.cursor_row < 0:
            return None
        return self._entries[min(table.cursor_row, len(self._entries) - 1)]

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
            self.app.push_screen(FormScreen(self.exercise, entry), lambda _saved: self.reload())

    def action_delete(self) -> None:
        entry = self._selected()
        if entry is not None:
            self.workbook.delete_with_confirm(entry, after=self.reload)

    def action_undo(self) -> None:
        if self.workbook.undo_delete():
            self.reload()
