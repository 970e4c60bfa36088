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


@dataclass(frozen=True)
class Chart:
    """A small chart with its numbers: ``svg`` for HTML and PDF, ``text`` for Markdown, and
    ``table`` (the same numbers) for every reader, screen readers included."""

    title: str
    alt: str
    svg: str
    text: str
    table: Table


Block = Paragraph | Facts | Bullets | Table | EntryBlock | Chart


@dataclass
class Section:
    """A titled part of the report; ``empty`` is shown when it has no blocks."""

    id: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    empty: str = ""


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
