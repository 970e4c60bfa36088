"""Provides the report as a document: sections made of a few kinds of blocks.

The report model (``workbook.export.report``) decides everything a reader sees: the order
of sections, headings, the sentence shown when a section is empty, table columns, every
label. Markdown, HTML and PDF only draw these blocks, each in its own way, so the three
formats (and the export screen's preview) can never disagree. Participant text is kept
exactly as typed; escaping is each renderer's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbook.common.i18n import N_, _

DISCLAIMER = N_("Recovery Workbook supports treatment; it does not replace a counselor.")


@dataclass(frozen=True)
class Paragraph:
    text: str
    note: bool = False  # quieter text: a status line, an explanation


@dataclass(frozen=True)
class Facts:
    """Short labelled facts (a summary): ``label: value`` rows."""

    rows: tuple[tuple[str, str], ...]
    title: str = ""


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    title: str = ""


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Item:
    """One labelled answer; ``bullets`` holds the items of a list or table answer."""

    label: str
    text: str
    bullets: tuple[str, ...] | None = None


@dataclass(frozen=True)
class EntryBlock:
    """One entry: its moment as a heading, a note (when it was written, if that differs),
    and every answered field, labelled."""

    heading: str
    items: tuple[Item, ...]
    note: str = ""
    private: bool = False
    marked: bool = False  # the person marked it to bring to session

    @property
    def marks(self) -> str:
        """What the heading adds: " (private)", " (to bring to session)", both or nothing."""
        return (_(" (private)") if self.private else "") + (_(" (to bring to session)") if self.marked else "")


@dataclass(frozen=True)
class Chart:
    """A small chart with its numbers: ``svg`` for HTML and PDF, ``text`` for Markdown, and
    ``table`` (the same numbers) for every reader, screen readers included."""

    title: str
    alt: str
    svg: str
    text: str
    table: Table

    @property
    def numbers_caption(self) -> str:
        """The caption of the table that carries the chart's numbers."""
        return _("{title}: the numbers").format(title=self.title)


Block = Paragraph | Facts | Bullets | Table | EntryBlock | Chart


@dataclass
class Section:
    """A titled part of the report; ``empty`` is shown when it has no blocks."""

    id: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    empty: str = ""
    page_end: bool = False  # the next section starts on a new page (the session brief is page one)


@dataclass
class Report:
    title: str
    subtitle: str
    person: str
    period: str
    made: str
    lang: str
    sections: list[Section]
    footer: str
    entry_count: int
    meta: dict[str, Any] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return self.entry_count == 0

    @property
    def empty_note(self) -> str:
        """The sentence a report with no entries shows ("" when it has some)."""
        return _("No entries were chosen for this period.") if self.is_empty() else ""

    @property
    def disclaimer(self) -> str:
        return _(DISCLAIMER)
