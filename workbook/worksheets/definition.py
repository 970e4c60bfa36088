"""Provides what a worksheet definition is: ``Exercise``, ``Field``, ``Column``, ``Option``,
the field kinds, the roles a field can play, and ``Problem`` for a broken definition.

These are plain frozen dataclasses; ``workbook.worksheets.loader`` builds them from TOML
and checks them, so the rest of the program can rely on every value here being valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import StrEnum
from functools import cached_property
from typing import Any

from workbook.common.i18n import _


class Kind(StrEnum):
    """What kind of answer a field takes."""

    TEXT = "text"
    LONG_TEXT = "long_text"
    SCALE = "scale"
    CHOICE = "choice"
    DATE = "date"
    DATETIME = "datetime"
    LIST = "list"
    TABLE = "table"


class ColumnKind(StrEnum):
    """What kind of cell a table's column holds."""

    TEXT = "text"
    CHECK = "check"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"


class ExerciseKind(StrEnum):
    """A log (many entries) or a living document (one, edited over time)."""

    LOG = "log"
    DOCUMENT = "document"


class Role(StrEnum):
    """What a field means to the program. Generic code (ordering, date filters, summaries,
    charts, Home) works from these, so a counselor's own worksheet gets the same treatment as
    a built-in one. A role is read from TOML as one of these or refused at load time, and code
    names a role only as a member here, so a misspelt role is a type error, never a report
    section that silently disappears."""

    WHEN = "when"  # the moment an entry is about (one per worksheet)
    INTENSITY = "intensity"  # a strength worth counting and charting (one)
    INTENSITY_END = "intensity-end"  # the same strength at the end (one, needs "intensity")
    MOOD = "mood"  # a mood rating, charted beside intensity (one)
    OUTCOME = "outcome"  # single choice; an option with means = "use" marks a use (one)
    TRIGGER = "trigger"  # what set it off: counted in summaries (any number)
    HALT = "halt"  # hungry / angry / lonely / tired: counted (one)
    HELPED = "helped"  # what helped: gathered when there was no use
    DUE = "due"  # a date when something should be looked at again (any number)
    ITEM = "item"  # a scored question: one choice, every option has points (any number)
    QUESTIONS = "questions"  # what the person wants to ask or bring to the next session (any number)
    TASKS = "tasks"  # homework: a table with a text task, a date it is due by and a done tick
    SLEEP = "sleep"  # hours or quality of sleep, compared with the previous period (one)
    MEDICATION = "medication"  # one choice; options mean "taken" or "missed" (one)
    MEETING = "meeting"  # a meeting or group: a choice whose option means "attended", or text naming one
    PLAN_ROWS = "plan-rows"  # a table of situations (first text column) and plans (second) for the plan


FIELD_KINDS = tuple(Kind)
COLUMN_KINDS = tuple(ColumnKind)
EXERCISE_KINDS = tuple(ExerciseKind)

# The kinds that can carry each role.
ROLE_KINDS: dict[Role, tuple[Kind, ...]] = {
    Role.WHEN: (Kind.DATE, Kind.DATETIME),
    Role.INTENSITY: (Kind.SCALE,),
    Role.INTENSITY_END: (Kind.SCALE,),
    Role.MOOD: (Kind.SCALE,),
    Role.OUTCOME: (Kind.CHOICE,),
    Role.TRIGGER: (Kind.CHOICE,),
    Role.HALT: (Kind.CHOICE,),
    Role.HELPED: (Kind.TEXT, Kind.LONG_TEXT, Kind.LIST, Kind.CHOICE),
    Role.DUE: (Kind.DATE,),
    Role.ITEM: (Kind.CHOICE,),
    Role.QUESTIONS: (Kind.TEXT, Kind.LONG_TEXT, Kind.LIST),
    Role.TASKS: (Kind.TABLE,),
    Role.SLEEP: (Kind.SCALE,),
    Role.MEDICATION: (Kind.CHOICE,),
    Role.MEETING: (Kind.CHOICE, Kind.TEXT),
    Role.PLAN_ROWS: (Kind.TABLE,),
}
SINGLE_ROLES = (
    Role.WHEN,
    Role.INTENSITY,
    Role.INTENSITY_END,
    Role.MOOD,
    Role.OUTCOME,
    Role.HALT,
    Role.SLEEP,
    Role.MEDICATION,
    Role.MEETING,
)
# What an option may mean, by the role of its field.
ROLE_MEANINGS: dict[Role, tuple[str, ...]] = {
    Role.OUTCOME: ("use", "no-use"),
    Role.MEDICATION: ("taken", "missed"),
    Role.MEETING: ("attended",),
}
OPTION_MEANINGS = tuple(dict.fromkeys(m for meanings in ROLE_MEANINGS.values() for m in meanings))

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
    attention: bool = False  # a score in this band is listed first in the session brief
    urgent: bool = False  # a score in this band puts a participant near the top of a caseload


@dataclass(frozen=True)
class Subscale:
    """A named sum of some of a self-check's questions, with its own bands (a measure's
    "use", "risk" and "protective" scores, say) and, optionally, its code."""

    id: str
    label: str
    items: tuple[str, ...]  # the field ids it adds up
    bands: tuple[Band, ...]
    code: str = ""  # in the measure's code system, when it has one


@dataclass(frozen=True)
class Codes:
    """A self-check's codes for a clinic's record (LOINC for PHQ-9 and GAD-7): the panel,
    the total, each question and each answer, all in one code system."""

    system: str
    panel: str = ""
    total: str = ""
    items: tuple[tuple[str, str], ...] = ()  # (field id, code)
    answers: tuple[tuple[str, str], ...] = ()  # (option id, code)

    def item(self, field_id: str) -> str:
        return next((code for key, code in self.items if key == field_id), "")

    def answer(self, option_id: str) -> str:
        return next((code for key, code in self.answers if key == option_id), "")


@dataclass(frozen=True)
class Column:
    """One column of a ``table`` field: text, a tick, a number in a range, a date, or one
    choice from a short list."""

    id: str
    label: str
    kind: ColumnKind = ColumnKind.TEXT
    min: int = 0
    max: int = 10
    options: tuple[Option, ...] = ()

    def option_label(self, option_id: str) -> str:
        return next((o.label for o in self.options if o.id == option_id), option_id)


@dataclass(frozen=True)
class Field:
    """One question on a worksheet."""

    id: str
    kind: Kind
    label: str
    help: str = ""
    short: str = ""  # a short name for summaries, charts and spreadsheet columns
    suggest: bool = False  # a text field that offers the person's own earlier answers as they type
    alert: bool = False  # a scored question whose answer above nothing opens crisis help at once
    required: bool = False
    section: str = ""
    default: Any = None
    role: Role | None = None
    min: int = 0
    max: int = 10
    min_label: str = ""
    max_label: str = ""
    unit: str = ""  # a scale counted in something ("hours"): shown as "7 hours", not "7 of 16"
    unit_one: str = ""  # the unit for one of it ("hour"), when the language says it another way
    notice_days: int = 0  # a "due" date shows this many days before it comes (a refill, an expiry)
    ahead_days: int = 0  # a "when" may be this many days ahead (a plan for tomorrow), never more
    options: tuple[Option, ...] = ()
    multiple: bool = False
    other: bool = False
    columns: tuple[Column, ...] = ()

    @property
    def name(self) -> str:
        """The field's short name, or its label when it has none."""
        return self.short or self.label

    def unit_for(self, value: float) -> str:
        """The unit to write after ``value``: "1 minute", "1.5 minutes"."""
        return self.unit_one if value == 1 and self.unit_one else self.unit

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
    kind: ExerciseKind = ExerciseKind.LOG
    summary: tuple[str, ...] = ()
    prompts: tuple[str, ...] = ()
    source: str = ""
    bands: tuple[Band, ...] = ()  # a self-check: how its total score is named
    remind_every_days: int | None = None  # a self-check suggested again after this many days
    note: str = ""  # a sentence shown with the score, e.g. "a self-check, not a diagnosis"
    notable_rise: int | None = None  # a self-check: a rise of this many points is listed first in the brief
    codes: Codes | None = None  # a self-check's codes for a clinic's record
    subscales: tuple[Subscale, ...] = ()
    # Its words in other languages (``workbook.worksheets.translation``), the language these
    # words are in, and the English definition a translated one was made from.
    translations: dict[str, dict[str, Any]] = dataclass_field(default_factory=dict, compare=False, repr=False)
    language: str = "en"
    english: Exercise | None = dataclass_field(default=None, compare=False, repr=False)

    @property
    def single(self) -> bool:
        """True for a living document (one entry, edited over time)."""
        return self.kind == ExerciseKind.DOCUMENT

    def field(self, field_id: str) -> Field | None:
        return self._by_id.get(field_id)

    def with_role(self, role: Role) -> tuple[Field, ...]:
        """The fields that play ``role``, in worksheet order."""
        return self._by_role.get(role, ())

    # Looked up once per worksheet: a report over years asks for a role or a field hundreds
    # of thousands of times (a quarter of a second at ten years when each ask read the list).
    @cached_property
    def _by_id(self) -> dict[str, Field]:
        return {f.id: f for f in reversed(self.fields)}  # the first of a repeated id, as before

    @cached_property
    def _by_role(self) -> dict[str, tuple[Field, ...]]:
        found: dict[str, list[Field]] = {}
        for f in self.fields:
            if f.role is not None:
                found.setdefault(f.role, []).append(f)
        return {role: tuple(fields) for role, fields in found.items()}

    @property
    def items(self) -> tuple[Field, ...]:
        """The scored questions of a self-check."""
        return self.with_role(Role.ITEM)

    @property
    def max_score(self) -> int:
        return sum(max((o.points or 0) for o in f.options) for f in self.items)

    def role_field(self, role: Role) -> Field | None:
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
