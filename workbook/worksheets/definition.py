"""Provides what a worksheet definition is: ``Exercise``, ``Field``, ``Column``, ``Option``,
the field kinds, the roles a field can play, and ``Problem`` for a broken definition.

These are plain frozen dataclasses; ``workbook.worksheets.loader`` builds them from TOML
and checks them, so the rest of the program can rely on every value here being valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from workbook.common.i18n import _

FIELD_KINDS = ("text", "long_text", "scale", "choice", "date", "datetime", "list", "table")
COLUMN_KINDS = ("text", "check", "number", "date", "choice")
EXERCISE_KINDS = ("log", "document")

# What a field can mean to the program, and the kinds that can carry that meaning.
# Generic code (ordering, date filters, summaries, charts, Home) works from these, so a
# counselor's own worksheet gets the same treatment as a built-in one.
ROLE_KINDS: dict[str, tuple[str, ...]] = {
    "when": ("date", "datetime"),  # the moment an entry is about (one per worksheet)
    "intensity": ("scale",),  # a strength worth counting and charting (one)
    "intensity-end": ("scale",),  # the same strength at the end (one, needs "intensity")
    "mood": ("scale",),  # a mood rating, charted beside intensity (one)
    "outcome": ("choice",),  # single choice; an option with means = "use" marks a use (one)
    "trigger": ("choice",),  # what set it off: counted in summaries (any number)
    "halt": ("choice",),  # hungry / angry / lonely / tired: counted (one)
    "helped": ("text", "long_text", "list", "choice"),  # what helped: gathered when there was no use
    "due": ("date",),  # a date when something should be looked at again (any number)
    "item": ("choice",),  # a scored question: one choice, every option has points (any number)
}
SINGLE_ROLES = ("when", "intensity", "intensity-end", "mood", "outcome", "halt")
OPTION_MEANINGS = ("use", "no-use")

# Limits that keep a definition (and every answer saved against it) within what the
# program can store, show and export.
MAX_DEFINITION_BYTES = 1_000_000
MAX_FIELDS = 200
MAX_OPTIONS = 200
MAX_COLUMNS = 12
MAX_VERSION = 1_000_000
MAX_SCALE_SPAN = 100
MAX_SCALE_ABS = 1_000_000


@dataclass(frozen=True)
class Option:
    """One choice of a ``choice`` field; ``means`` is "use" or "no-use" on an outcome, and
    ``points`` what it adds to a self-check's score."""

    id: str
    label: str
    means: str = ""
    points: int | None = None


@dataclass(frozen=True)
class Band:
    """A range of a self-check's score and what it is called ("mild")."""

    low: int
    high: int
    label: str


@dataclass(frozen=True)
class Column:
    """One column of a ``table`` field: text, a tick, a number in a range, a date, or one
    choice from a short list."""

    id: str
    label: str
    kind: str = "text"
    min: int = 0
    max: int = 10
    options: tuple[Option, ...] = ()

    def option_label(self, option_id: str) -> str:
        return next((o.label for o in self.options if o.id == option_id), option_id)


@dataclass(frozen=True)
class Field:
    """One question on a worksheet."""

    id: str
    kind: str
    label: str
    help: str = ""
    short: str = ""  # a short name for summaries, charts and spreadsheet columns
    suggest: bool = False  # a text field that offers the person's own earlier answers as they type
    alert: bool = False  # a scored question whose answer above nothing opens crisis help at once
    required: bool = False
    section: str = ""
    default: Any = None
    role: str = ""
    min: int = 0
    max: int = 10
    min_label: str = ""
    max_label: str = ""
    unit: str = ""  # a scale counted in something ("hours"): shown as "7 hours", not "7 of 16"
    options: tuple[Option, ...] = ()
    multiple: bool = False
    other: bool = False
    columns: tuple[Column, ...] = ()

    @property
    def name(self) -> str:
        """The field's short name, or its label when it has none."""
        return self.short or self.label

    def option_label(self, option_id: str) -> str:
        """The label of an option, or the text itself for an answer in the person's own words."""
        for option in self.options:
            if option.id == option_id:
                return option.label
        return option_id

    def options_meaning(self, meaning: str) -> frozenset[str]:
        """Ids of the options marked ``means = meaning``."""
        return frozenset(o.id for o in self.options if o.means == meaning)

    def column(self, column_id: str) -> Column | None:
        return next((c for c in self.columns if c.id == column_id), None)


@dataclass(frozen=True)
class Exercise:
    """A whole worksheet definition."""

    id: str
    version: int
    title: str
    intro: str
    fields: tuple[Field, ...]
    kind: str = "log"
    summary: tuple[str, ...] = ()
    prompts: tuple[str, ...] = ()
    source: str = ""
    bands: tuple[Band, ...] = ()  # a self-check: how its total score is named
    remind_every_days: int | None = None  # a self-check suggested again after this many days
    note: str = ""  # a sentence shown with the score, e.g. "a self-check, not a diagnosis"
    # Its words in other languages (``workbook.worksheets.translation``), the language these
    # words are in, and the English definition a translated one was made from.
    translations: dict[str, dict[str, Any]] = dataclass_field(default_factory=dict, compare=False, repr=False)
    language: str = "en"
    english: Exercise | None = dataclass_field(default=None, compare=False, repr=False)

    @property
    def single(self) -> bool:
        """True for a living document (one entry, edited over time)."""
        return self.kind == "document"

    def field(self, field_id: str) -> Field | None:
        return next((f for f in self.fields if f.id == field_id), None)

    def with_role(self, role: str) -> tuple[Field, ...]:
        """The fields that play ``role``, in worksheet order."""
        return tuple(f for f in self.fields if f.role == role)

    @property
    def items(self) -> tuple[Field, ...]:
        """The scored questions of a self-check."""
        return self.with_role("item")

    @property
    def max_score(self) -> int:
        return sum(max((o.points or 0) for o in f.options) for f in self.items)

    def role_field(self, role: str) -> Field | None:
        """The one field that plays a single role (``when``, ``intensity``, ...), if any."""
        found = self.with_role(role)
        return found[0] if found else None


@dataclass(frozen=True)
class Problem:
    """Why a definition could not be used, or does not meet what the program needs."""

    file: str
    field: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}" + (_(", field '{field}'").format(field=self.field) if self.field else "")
        return f"{where}: {self.reason}"


class DefinitionError(Exception):
    """Raised inside the loader; becomes a ``Problem``."""

    def __init__(self, field_id: str, reason: str) -> None:
        super().__init__(reason)
        self.field_id = field_id
        self.reason = reason
