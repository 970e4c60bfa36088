"""Provides ``HistoryRows``: how a history draws its entries in its table, a page at a time,
and keeps the rows already drawn when the list changes around them (older years arriving, an
entry changed where it stands, entries deleted), so a long history never draws thousands of
rows again on the interface's thread; and ``search_text``, an entry's words for searching."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable, Label

from workbook.common.i18n import _
from workbook.common.language import format_stamp
from workbook.common.printable import folded
from workbook.ui.base import WorkbookScreen
from workbook.worksheets.answers import format_answer, summary_of
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry
from workbook.worksheets.roles import moment_of, outcome_of

if TYPE_CHECKING:
    from textual.widgets.data_table import ColumnKey


def search_text(exercise: Exercise, entry: Entry) -> str:
    """Every answer of an entry as one lower-case string, for searching."""
    parts = [format_answer(spec, entry.answers.get(spec.id)) for spec in exercise.fields]
    return folded(" ".join(p for p in parts if p))


WHEN_WIDTH = 21  # "Nov 22, 2026 6:05 PM" (Spanish: "22 nov 2026 18:05")


class HistoryRows(WorkbookScreen[None]):
    """The table part of ``HistoryScreen`` (its base)."""

    PAGE = 100  # rows added at a time: years of entries stay quick to open

    if TYPE_CHECKING:
        exercise: Exercise
        _all: list[Entry]
        _entries: list[Entry]
        _words: dict[str, tuple[Entry, str]]
        _query: str
        _columns: list[ColumnKey]

    def _shown_of(self, entries: list[Entry]) -> list[Entry]:
        return [e for e in entries if self._query in self._text(e)] if self._query else entries

    def _redrawn_in_place(self, fresh: list[Entry]) -> bool:
        """Keep the rows already drawn when they are still the same entries in the same places
        (older years arriving, an entry changed where it stands, entries deleted), writing again
        only the rows that changed: after a go-to-date thousands of rows are drawn, and drawing
        them all again took seconds on the interface's thread. False when the list must be
        drawn anew."""
        table = self.query_one("#history", DataTable)
        drawn = self._entries[: table.row_count]
        shown = self._shown_of(fresh)
        if not drawn or not shown:
            return False
        kept = {e.id for e in shown}
        gone = [e.id for e in drawn if e.id not in kept]
        staying = [e for e in drawn if e.id in kept]
        if [e.id for e in shown[: len(staying)]] != [e.id for e in staying]:
            return False
        for entry_id in gone:
            table.remove_row(entry_id)
        width = self._summary_width()
        for was, now in zip(staying, shown, strict=False):
            if was is not now:  # changed where it stands
                when, summary = self._cells(now, width)
                table.update_cell(now.id, self._columns[0], when)
                table.update_cell(now.id, self._columns[1], summary)
        self._all, self._entries = fresh, shown
        if table.row_count < self.PAGE:  # older years arrived behind a short list: a page of them
            self._add_rows(self.PAGE - table.row_count)
        return True

    def _show(self, keep_cursor: bool = False) -> None:
        table = self.query_one("#history", DataTable)
        selected = self._selected() if keep_cursor else None
        keep = table.cursor_row if keep_cursor else 0
        table.clear()
        self._entries = self._shown_of(self._all)
        if selected is not None:  # the same entry stays under the cursor, wherever it is now
            keep = next((i for i, e in enumerate(self._entries) if e.id == selected.id), keep)
        self._add_rows(max(self.PAGE, keep + 1))
        empty = self.query_one("#history-empty", Label)
        if not self._all:
            empty.update(_("Nothing here yet. Press N to write your first entry."))
        elif not self._entries:
            empty.update(_('No entry has the words "{query}". Esc shows them all again.').format(query=self._query))
        empty.display = not self._entries
        if self._entries:
            table.move_cursor(row=min(keep, len(self._entries) - 1))

    def _text(self, entry: Entry) -> str:
        kept = self._words.get(entry.id)
        if kept is None or kept[0] is not entry:  # an entry saved since has new words
            kept = self._words[entry.id] = (entry, search_text(self.exercise, entry))
        return kept[1]

    def _marks(self, entry: Entry) -> str:
        """The entry's marks, to open its summary ("[use] [to session] "): before the words, so
        a narrow terminal cuts the words, never the marks. A private entry's summary already
        says "(private)"."""
        used = outcome_of(self.exercise, entry)
        return "".join(
            f"[{m}] " for m, on in ((_("use"), used is True), (_("to session"), entry.bring_to_session)) if on
        )

    def _summary_width(self) -> int:
        # The summary takes the room the date leaves (cell padding and the scrollbar are 8).
        return max(12, self.app.size.width - WHEN_WIDTH - 8)

    def _cells(self, entry: Entry, width: int) -> tuple[Text, Text]:
        marks = self._marks(entry)
        words = (
            _("(private)") if entry.private else summary_of(self.exercise, entry.answers, max(4, width - len(marks)))
        )
        # Text, not str: a DataTable reads a str as markup, and these are the person's words.
        return Text(format_stamp(moment_of(self.exercise, entry)), end=""), Text.assemble(
            (marks, "bold"), words, no_wrap=True, end=""
        )

    def _add_rows(self, count: int) -> None:
        table = self.query_one("#history", DataTable)
        width = self._summary_width()
        start = table.row_count
        for entry in self._entries[start : start + count]:
            table.add_row(*self._cells(entry, width), key=entry.id)

    def _selected(self) -> Entry | None:
        table = self.query_one("#history", DataTable)
        if not self._entries or table.cursor_row < 0:
            return None
        return self._entries[min(table.cursor_row, len(self._entries) - 1)]
