"""Provides the built-in contract: the one place that names the shipped worksheets and
the fields the program relies on, each with the kind (and columns, options, role) it must
have, and typed accessors that read those answers.

Generic behaviour comes from field roles (``workbook.worksheets.roles``). Code here is for
what only one worksheet can mean: the plan's lapse steps and contacts for crisis help, the
pocket card, plan suggestions from the craving log, goal progress notes, the check-in on
Home. ``contract_problems`` checks the shipped definitions against these references when
they load: renaming or re-kinding one is a load-time problem naming file, field and
reason, and the suite fails. No other module spells a built-in worksheet or field id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from workbook.worksheets.definition import Exercise, Field, Kind, Problem, Role


@dataclass(frozen=True)
class FieldRef:
    """A field of a built-in worksheet that the program reads by id."""

    worksheet: str
    id: str
    kind: Kind
    why: str
    role: Role | None = None
    columns: tuple[tuple[str, str], ...] = ()  # (column id, column kind) the code reads
    options: tuple[str, ...] = ()  # option ids the code reads
    multiple: bool | None = None

    def raw(self, answers: dict[str, Any]) -> Any:
        return answers.get(self.id)

    def spec(self, exercise: Exercise | None) -> Field | None:
        return exercise.field(self.id) if exercise is not None else None


class TextRef(FieldRef):
    def text(self, answers: dict[str, Any]) -> str:
        value = answers.get(self.id)
        return value.strip() if isinstance(value, str) else ""


class ScaleRef(FieldRef):
    def number(self, answers: dict[str, Any]) -> int | None:
        value = answers.get(self.id)
        return value if isinstance(value, int) and not isinstance(value, bool) else None


class DateRef(FieldRef):
    def day(self, answers: dict[str, Any]) -> date | None:
        value = answers.get(self.id)
        try:
            return date.fromisoformat(value) if isinstance(value, str) and value else None
        except ValueError:
            return None


class ListRef(FieldRef):
    def items(self, answers: dict[str, Any]) -> list[str]:
        value = answers.get(self.id)
        return [str(v).strip() for v in value if str(v).strip()] if isinstance(value, list) else []


class ChoiceRef(FieldRef):
    def chosen(self, answers: dict[str, Any]) -> list[str]:
        value = answers.get(self.id)
        if isinstance(value, list):
            return [str(v) for v in value if isinstance(v, (str, int)) and str(v).strip()]
        return [str(value)] if isinstance(value, str) and value.strip() else []

    def labels(self, answers: dict[str, Any], exercise: Exercise | None) -> list[str]:
        spec = self.spec(exercise)
        return [spec.option_label(v) if spec else v for v in self.chosen(answers)]


class TableRef(FieldRef):
    def rows(self, answers: dict[str, Any]) -> list[dict[str, Any]]:
        value = answers.get(self.id)
        return [row for row in value if isinstance(row, dict)] if isinstance(value, list) else []

    def cell(self, row: dict[str, Any], column: str) -> str:
        value = row.get(column)
        return str(value).strip() if value is not None and not isinstance(value, bool) else ""

    def ticked(self, row: dict[str, Any], column: str) -> bool:
        return row.get(column) is True

    def day(self, row: dict[str, Any], column: str) -> date | None:
        value = row.get(column)
        try:
            return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
        except ValueError:
            return None


# -- the built-in worksheets -----------------------------------------------------------------

GOALS_ID = "goal-setting"
CRAVINGS_ID = "trigger-log"
PLAN_ID = "relapse-prevention-plan"
GRATITUDE_ID = "gratitude-journal"
CHECKIN_ID = "daily-checkin"
SESSIONS_ID = "sessions"
PRACTICE_ID = "practice-log"
JOURNAL_ID = "journal"
CORE_ORDER = (GOALS_ID, CRAVINGS_ID, PLAN_ID, GRATITUDE_ID, CHECKIN_ID, SESSIONS_ID, PRACTICE_ID)


class Cravings:
    """The trigger and craving log."""

    ID = CRAVINGS_ID
    DID_NOT_USE = "did-not-use"  # the outcome a ridden-out urge is saved with
    strength = ScaleRef(ID, "strength", Kind.SCALE, "the quick craving log", role=Role.INTENSITY)
    note = TextRef(ID, "note", Kind.TEXT, "the quick craving log")
    where = TextRef(ID, "where", Kind.TEXT, "plan suggestions and adding a lapse to the plan")
    strength_end = ScaleRef(ID, "strength_end", Kind.SCALE, "riding out an urge", role=Role.INTENSITY_END)
    what_helped = TextRef(ID, "what_helped", Kind.LONG_TEXT, "riding out an urge", role=Role.HELPED)
    surfed_minutes = ScaleRef(ID, "surfed_minutes", Kind.SCALE, "riding out an urge")
    outcome = ChoiceRef(
        ID, "outcome", Kind.CHOICE, "riding out an urge", role=Role.OUTCOME, options=(DID_NOT_USE,), multiple=False
    )
    doing = TextRef(ID, "doing", Kind.TEXT, "adding a lapse to the plan")
    next_time = TextRef(ID, "next_time", Kind.LONG_TEXT, "adding a lapse to the plan")


class Plan:
    """The relapse-prevention plan (one living document)."""

    ID = PLAN_ID
    SITUATION, RISK, PLAN = "situation", "risk", "plan"
    SIGN, ACTION = "sign", "action"
    CONTACT_COLUMNS = ("name", "role", "phone", "when")
    high_risk = TableRef(
        ID,
        "high_risk",
        Kind.TABLE,
        "plan suggestions and adding a lapse to the plan",
        columns=((SITUATION, "text"), (RISK, "number"), (PLAN, "text")),
    )
    warning_signs = (
        TableRef(ID, "warning_emotional", Kind.TABLE, "the pocket card", columns=((SIGN, "text"), (ACTION, "text"))),
        TableRef(ID, "warning_mental", Kind.TABLE, "the pocket card", columns=((SIGN, "text"), (ACTION, "text"))),
        TableRef(ID, "warning_physical", Kind.TABLE, "the pocket card", columns=((SIGN, "text"), (ACTION, "text"))),
    )
    reasons = TextRef(ID, "reasons", Kind.LONG_TEXT, "the strong-craving support screen")
    coping = ChoiceRef(
        ID, "coping", Kind.CHOICE, "the strong-craving support screen and the pocket card", multiple=True
    )
    contacts = TableRef(
        ID,
        "contacts",
        Kind.TABLE,
        "crisis help, the support screens and the pocket card",
        columns=tuple((column, "text") for column in CONTACT_COLUMNS),
    )
    lapse_first_steps = ListRef(ID, "lapse_first_steps", Kind.LIST, "the lapse support screen and the pocket card")
    lapse_tell = TextRef(ID, "lapse_tell", Kind.TEXT, "the lapse support screen")
    lapse_reminder = TextRef(ID, "lapse_reminder", Kind.LONG_TEXT, "the lapse support screen")
    last_reviewed = DateRef(ID, "last_reviewed", Kind.DATE, "adding a lapse or suggestions to the plan")


class Goals:
    """The goal sheet."""

    ID = GOALS_ID
    ACTIVE = "active"
    DATE, NOTE = "date", "note"
    STEP, DONE = "step", "done"
    goal = TextRef(ID, "goal", Kind.TEXT, "goals on Home and on the report's first page")
    status = ChoiceRef(ID, "status", Kind.CHOICE, "active goals on Home", options=(ACTIVE,), multiple=False)
    steps = TableRef(
        ID, "steps", Kind.TABLE, "goal progress on the report's first page", columns=((STEP, "text"), (DONE, "check"))
    )
    progress = TableRef(ID, "progress", Kind.TABLE, "goal progress notes", columns=((DATE, "date"), (NOTE, "text")))


class Gratitude:
    """The gratitude journal."""

    ID = GRATITUDE_ID


class CheckIn:
    """The daily check-in (one a day: Home shows today's and a 14-day strip of its mood and craving)."""

    ID = CHECKIN_ID
    date = DateRef(ID, "date", Kind.DATE, "opening today's check-in from Home", role=Role.WHEN)
    mood = ScaleRef(ID, "mood", Kind.SCALE, "the check-in from the shell", role=Role.MOOD)
    craving = ScaleRef(ID, "craving", Kind.SCALE, "the check-in from the shell", role=Role.INTENSITY)
    halt = ChoiceRef(
        ID,
        "halt",
        Kind.CHOICE,
        "the check-in from the shell",
        role=Role.HALT,
        options=("hungry", "angry", "lonely", "tired"),
        multiple=True,
    )
    sleep_hours = ScaleRef(ID, "sleep_hours", Kind.SCALE, "the check-in from the shell")
    sleep_quality = ScaleRef(ID, "sleep_quality", Kind.SCALE, "the check-in from the shell")
    medication = ChoiceRef(
        ID,
        "medication",
        Kind.CHOICE,
        "the check-in from the shell",
        options=("taken", "missed", "not-prescribed"),
        multiple=False,
    )
    meeting = ChoiceRef(
        ID, "meeting", Kind.CHOICE, "the check-in from the shell", options=("yes", "planned", "no"), multiple=False
    )
    intention = TextRef(ID, "intention", Kind.TEXT, "the check-in from the shell")


class Practice:
    """The practice log: every guided practice is kept here."""

    ID = PRACTICE_ID
    date = DateRef(ID, "date", Kind.DATE, "the guided practices", role=Role.WHEN)
    skill = ChoiceRef(
        ID,
        "skill",
        Kind.CHOICE,
        "the guided practices",
        options=("breathing", "grounding", "urge", "muscles"),
        multiple=False,
    )
    minutes = ScaleRef(ID, "minutes", Kind.SCALE, "the guided practices")
    before = ScaleRef(ID, "before", Kind.SCALE, "the guided practices", role=Role.INTENSITY)
    after = ScaleRef(ID, "after", Kind.SCALE, "the guided practices", role=Role.INTENSITY_END)
    notes = TextRef(ID, "notes", Kind.LONG_TEXT, "the guided practices")


class Sessions:
    """Sessions and homework: open homework shows on Home."""

    ID = SESSIONS_ID
    TASK, BY, DONE = "task", "due", "done"
    homework = TableRef(
        ID,
        "homework",
        Kind.TABLE,
        "open homework on Home and in 'workbook today'",
        columns=((TASK, "text"), (BY, "date"), (DONE, "check")),
    )


class Journal:
    """The free-form journal, where imports from other journaling apps land."""

    ID = JOURNAL_ID
    when = TextRef(ID, "when", Kind.DATETIME, "imports from Daylio and jrnl", role=Role.WHEN)
    title = TextRef(ID, "title", Kind.TEXT, "imports from Daylio and jrnl")
    text = TextRef(ID, "text", Kind.LONG_TEXT, "imports from Daylio and jrnl")
    tags = ListRef(ID, "tags", Kind.LIST, "imports from Daylio and jrnl")


CONTRACT: tuple[FieldRef, ...] = (
    Cravings.strength,
    Cravings.note,
    Cravings.where,
    Cravings.doing,
    Plan.high_risk,
    *Plan.warning_signs,
    Plan.reasons,
    Plan.coping,
    Plan.contacts,
    Plan.lapse_first_steps,
    Plan.lapse_tell,
    Plan.lapse_reminder,
    Plan.last_reviewed,
    Goals.goal,
    Goals.status,
    Goals.steps,
    Goals.progress,
    CheckIn.date,
    CheckIn.mood,
    CheckIn.craving,
    CheckIn.halt,
    CheckIn.sleep_hours,
    CheckIn.sleep_quality,
    CheckIn.medication,
    CheckIn.meeting,
    CheckIn.intention,
    Sessions.homework,
    Cravings.strength_end,
    Cravings.what_helped,
    Cravings.surfed_minutes,
    Cravings.outcome,
    Cravings.next_time,
    Practice.date,
    Practice.skill,
    Practice.minutes,
    Practice.before,
    Practice.after,
    Practice.notes,
    Journal.when,
    Journal.title,
    Journal.text,
    Journal.tags,
)
BUILTIN_IDS = frozenset({*CORE_ORDER, *(ref.worksheet for ref in CONTRACT)})


def _field_problems(ref: FieldRef, spec: Field | None) -> list[str]:
    if spec is None:
        return [f"is missing: {ref.why} need{'s' if not ref.why.endswith('s') else ''} it"]
    reasons = []
    if spec.kind != ref.kind:
        reasons.append(f"must be of kind {ref.kind} (it is {spec.kind}): {ref.why} read it")
    if ref.role and spec.role != ref.role:
        reasons.append(f'must have role = "{ref.role}"')
    if ref.multiple is not None and spec.multiple != ref.multiple:
        reasons.append(f"must {'' if ref.multiple else 'not '}allow several choices")
    for column_id, column_kind in ref.columns:
        column = spec.column(column_id)
        if column is None or column.kind != column_kind:
            reasons.append(f"needs a {column_kind} column '{column_id}' for {ref.why}")
    for option_id in ref.options:
        if option_id not in {o.id for o in spec.options}:
            reasons.append(f"needs the option '{option_id}' for {ref.why}")
    return reasons


def contract_problems(exercises: dict[str, Exercise]) -> list[Problem]:
    """Every way the shipped worksheets fail what the program relies on (empty when they meet it)."""
    problems: list[Problem] = []
    for worksheet in sorted(BUILTIN_IDS):
        if worksheet not in exercises:
            problems.append(Problem(f"exercises/{worksheet}.toml", "", "the built-in worksheet is missing"))
    for ref in CONTRACT:
        exercise = exercises.get(ref.worksheet)
        if exercise is None:
            continue
        problems += [
            Problem(exercise.source, ref.id, reason) for reason in _field_problems(ref, exercise.field(ref.id))
        ]
    return problems
