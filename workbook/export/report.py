"""The counselor report: one model, built once from the chosen entries, that every
format (Markdown, HTML, PDF, pocket card) renders.

``build_report`` applies the person's choices (date range, worksheets, private
entries) and turns answers into plain labelled text, so the renderers never
need the store or the worksheet definitions. Participant text is kept exactly
as typed; escaping is each renderer's job.
"""

from __future__ import annotations

import locale
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from workbook.export.options import Options
from workbook.worksheets.answers import bullets_of, format_answer, is_empty
from workbook.worksheets.builtin import CRAVINGS_ID as TRIGGERS
from workbook.worksheets.builtin import GOALS_ID as GOALS
from workbook.worksheets.builtin import GRATITUDE_ID as GRATITUDE
from workbook.worksheets.builtin import PLAN_ID as PLAN
from workbook.worksheets.builtin import Cravings, Plan
from workbook.worksheets.crisis import CrisisLine, CrisisList, support_contacts
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry, parse_iso
from workbook.worksheets.revisions import diff_answers
from workbook.worksheets.roles import helped_of, intensity_of, moment_of, outcome_of, sort_key, triggers_of

ALL_CORE = (PLAN, GOALS, TRIGGERS, GRATITUDE)


@dataclass
class Item:
    """A labelled answer; ``bullets`` holds the items of a list or table answer."""

    label: str
    text: str
    bullets: list[str] | None = None


@dataclass
class Block:
    """One entry: a dated heading and its answers."""

    heading: str
    items: list[Item]
    private: bool = False


@dataclass
class PlanPart:
    status: str
    items: list[Item]
    changes: list[str]
    contacts: list[dict[str, str]]


@dataclass
class TriggerPart:
    count: int
    average: float | None
    peak: int | None
    top_triggers: list[tuple[str, int]]
    halt: list[tuple[str, int]]
    outcomes: list[tuple[str, int]]
    coping_that_helped: list[str]
    rows: list[list[str]]  # When, Strength, Triggers, Outcome, Notes
    columns: tuple[str, ...] = ("When", "Strength", "Triggers", "Outcome", "Notes")

    def facts(self) -> list[tuple[str, str]]:
        """The summary as (title, text) pairs, in the order every format shows them."""
        def counted(pairs: list[tuple[str, int]]) -> str:
            return ", ".join(f"{label} ({n})" for label, n in pairs)

        facts = [("Cravings logged", str(self.count)),
                 ("Average strength", f"{self.average}/10" if self.average is not None else "not noted"),
                 ("Peak strength", f"{self.peak}/10" if self.peak is not None else "not noted")]
        for title, pairs in (("Most common triggers", self.top_triggers),
                             ("Hungry, angry, lonely, tired", self.halt), ("Outcomes", self.outcomes)):
            if pairs:
                facts.append((title, counted(pairs)))
        if self.coping_that_helped:
            facts.append(("Coping used when I did not use", "; ".join(self.coping_that_helped)))
        return facts


@dataclass
class Section:
    id: str
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Report:
    title: str
    person: str
    period: str
    made: str
    plan: PlanPart | None
    goals: Section | None
    triggers: TriggerPart | None
    gratitude: Section | None
    others: list[Section]
    crisis: list[CrisisLine]
    crisis_note: str
    entry_count: int

    def is_empty(self) -> bool:
        return self.entry_count == 0


def format_day(day: date | datetime) -> str:
    """A date in the person's locale format (ISO when no locale is set)."""
    current = locale.setlocale(locale.LC_TIME)
    if current in ("C", "POSIX") or current.startswith("C."):
        return day.strftime("%a %Y-%m-%d")
    return day.strftime("%a %x")


def _format_moment(moment: datetime) -> str:
    return f"{format_day(moment)} {moment:%H:%M}"


def _items(exercise: Exercise, answers: dict[str, Any], skip: tuple[str, ...] = ()) -> list[Item]:
    items = []
    for spec in exercise.fields:
        value = answers.get(spec.id)
        if spec.id not in skip and not is_empty(value):
            items.append(Item(spec.label, format_answer(spec, value), bullets_of(spec, value)))
    return items


def _block(exercise: Exercise, entry: Entry) -> Block:
    return Block(_format_moment(moment_of(exercise, entry)), _items(exercise, entry.answers), entry.private)


def _plan_part(exercise: Exercise, plans: list[Entry], options: Options) -> PlanPart | None:
    shown = [p for p in plans if options.shares(p)]
    if not shown:
        return None
    plan = shown[0]
    versions = [(parse_iso(r.saved), r.answers) for r in plan.revisions] + [(parse_iso(plan.updated), plan.answers)]
    status = f"Written {format_day(plan.created_at)}; last changed {format_day(parse_iso(plan.updated))}; " \
             f"{len(versions)} version{'s' if len(versions) != 1 else ''}."
    changes: list[str] = []
    if options.start is not None:
        earlier = [answers for moment, answers in versions if moment.date() < options.start]
        if not earlier:
            changes = ["The plan was written during this period."]
        else:
            changes = [c.describe() for c in diff_answers(exercise, earlier[-1], plan.answers)] \
                or ["No changes during this period."]
    contacts = [{k: Plan.contacts.cell(row, k) for k in Plan.CONTACT_COLUMNS} for row in Plan.contacts.rows(plan.answers)]
    items = _items(exercise, plan.answers, skip=(Plan.contacts.id,))
    return PlanPart(status, items, changes, contacts)


def _counts(values: list[str], limit: int = 6) -> list[tuple[str, int]]:
    return Counter(values).most_common(limit)


def _trigger_part(exercise: Exercise, entries: list[Entry]) -> TriggerPart | None:
    if not entries:
        return None
    strengths = [v for e in entries if (v := intensity_of(exercise, e)) is not None]
    helped = [text for e in entries if outcome_of(exercise, e) is False for text in helped_of(exercise, e)]
    outcome = exercise.role_field("outcome")
    rows = []
    for entry in sorted(entries, key=lambda e: sort_key(exercise, e)):
        strength = intensity_of(exercise, entry)
        rows.append([
            _format_moment(moment_of(exercise, entry)) + (" (private)" if entry.private else ""),
            f"{strength}/10" if strength is not None else "",
            ", ".join(triggers_of(exercise, entry) + triggers_of(exercise, entry, "halt")),
            format_answer(outcome, entry.answers.get(outcome.id)) if outcome else "",
            Cravings.note.text(entry.answers),
        ])
    return TriggerPart(
        count=len(entries),
        average=round(sum(strengths) / len(strengths), 1) if strengths else None,
        peak=max(strengths) if strengths else None,
        top_triggers=_counts([t for e in entries for t in triggers_of(exercise, e)]),
        halt=_counts([h for e in entries for h in triggers_of(exercise, e, "halt")]),
        outcomes=_counts([format_answer(outcome, e.answers.get(outcome.id)) for e in entries
                          if outcome and not is_empty(e.answers.get(outcome.id))]),
        coping_that_helped=list(dict.fromkeys(helped))[:10],
        rows=rows,
    )


def build_report(entries: list[Entry], exercises: dict[str, Exercise], options: Options,
                 settings: dict[str, Any], crisis: CrisisList, now: datetime | None = None) -> Report:
    """The report for ``options`` from all of the person's entries."""
    made = now or datetime.now().astimezone()
    chosen = [e for e in entries if e.exercise in options.include and e.exercise in exercises and options.shares(e)]
    in_range = [e for e in chosen if options.selects(e, exercises.get(e.exercise))]
    by_exercise: dict[str, list[Entry]] = {}
    for entry in in_range:
        by_exercise.setdefault(entry.exercise, []).append(entry)

    def ordered(worksheet: str, found: list[Entry]) -> list[Block]:
        exercise = exercises[worksheet]
        return [_block(exercise, e) for e in sorted(found, key=lambda e: sort_key(exercise, e))]

    plan = None
    if PLAN in options.include and PLAN in exercises:
        plan = _plan_part(exercises[PLAN], [e for e in entries if e.exercise == PLAN], options)
    goals = None
    if GOALS in options.include and GOALS in exercises:
        # A goal belongs in the report when it was written or worked on during the period.
        touched = [e for e in chosen if e.exercise == GOALS and
                   (options.covers(e.created_at) or options.covers(parse_iso(e.updated)))]
        goals = Section(GOALS, exercises[GOALS].title, ordered(GOALS, touched))
    triggers = _trigger_part(exercises[TRIGGERS], by_exercise.get(TRIGGERS, [])) if TRIGGERS in exercises else None
    gratitude = None
    if GRATITUDE in options.include and GRATITUDE in exercises:
        gratitude = Section(GRATITUDE, exercises[GRATITUDE].title, ordered(GRATITUDE, by_exercise.get(GRATITUDE, [])))
    others = [Section(i, exercises[i].title, ordered(i, found))
              for i, found in sorted(by_exercise.items()) if i not in ALL_CORE]

    if options.start or options.end:
        period = f"{format_day(options.start) if options.start else 'the beginning'} to " \
                 f"{format_day(options.end) if options.end else format_day(made)}"
    else:
        period = "all entries"
    count = len(in_range) + (1 if plan and not any(e.exercise == PLAN for e in in_range) else 0)
    return Report(
        title="Recovery Workbook", person=str(settings.get("name") or ""), period=period,
        made=_format_moment(made), plan=plan, goals=goals, triggers=triggers, gratitude=gratitude,
        others=others, crisis=list(crisis.lines), crisis_note=crisis.note, entry_count=count,
    )


@dataclass
class Card:
    """What the pocket card holds, already shortened to fit."""

    warning_signs: list[str]
    coping: list[str]
    first_steps: list[str]
    contacts: list[str]
    crisis: list[str]


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def build_card(plan: Entry | None, exercise: Exercise | None, crisis: CrisisList) -> Card:
    """The pocket card from the person's current plan (empty parts are left out)."""
    answers = plan.answers if plan is not None else {}
    signs = []
    for ref in Plan.warning_signs:
        for row in ref.rows(answers):
            sign, action = ref.cell(row, Plan.SIGN), ref.cell(row, Plan.ACTION)
            if sign:
                signs.append(_short(f"{sign} → {action}" if action else sign, 80))
    coping = [_short(label, 60) for label in Plan.coping.labels(answers, exercise)]
    steps = [_short(s, 80) for s in Plan.lapse_first_steps.items(answers)]
    contacts = [_short(c.text(), 60) for c in support_contacts(plan)]
    lines = [_short(line.text(), 200) for line in crisis.lines]
    return Card(signs[:6], coping[:6], steps[:4], contacts[:5], lines[:6])
