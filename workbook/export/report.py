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

from workbook.worksheets.crisis import CrisisLine
from workbook.worksheets.answers import bullets_of, format_answer, is_empty
from workbook.worksheets.loader import Exercise
from workbook.worksheets.entry import Entry, parse_iso
from workbook.worksheets.revisions import diff_answers

PLAN, TRIGGERS, GOALS, GRATITUDE = "relapse-prevention-plan", "trigger-log", "goal-setting", "gratitude-journal"
ALL_CORE = (PLAN, GOALS, TRIGGERS, GRATITUDE)


@dataclass(frozen=True)
class Options:
    """What the person chose to share."""

    start: date | None = None
    end: date | None = None
    include: tuple[str, ...] = ALL_CORE
    include_private: bool = False

    def covers(self, moment: datetime) -> bool:
        day = moment.date()
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def shares(self, entry: Entry) -> bool:
        """The private rule: a private entry goes out only when the person asked for it."""
        return self.include_private or not entry.private

    def selects(self, entry: Entry) -> bool:
        """Everything the person chose: worksheet, date range and the private rule."""
        return entry.exercise in self.include and self.covers(entry.created_at) and self.shares(entry)


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
    return Block(_format_moment(entry.created_at), _items(exercise, entry.answers), entry.private)


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
    contacts = [{k: str(v) for k, v in row.items()} for row in plan.answers.get("contacts") or [] if isinstance(row, dict)]
    items = _items(exercise, plan.answers, skip=("contacts",))
    return PlanPart(status, items, changes, contacts)


def _counts(values: list[str], limit: int = 6) -> list[tuple[str, int]]:
    return Counter(values).most_common(limit)


def _trigger_part(exercise: Exercise, entries: list[Entry]) -> TriggerPart | None:
    if not entries:
        return None
    spec = {f.id: f for f in exercise.fields}

    def labels(entry: Entry, field_id: str) -> list[str]:
        value = entry.answers.get(field_id)
        if field_id not in spec or is_empty(value):
            return []
        values = value if isinstance(value, list) else [value]
        return [spec[field_id].option_label(str(v)) for v in values]

    strengths = [e.answers["strength"] for e in entries if isinstance(e.answers.get("strength"), int)]
    triggers = [t for e in entries for t in labels(e, "external_triggers") + labels(e, "internal_triggers")]
    helped = []
    for entry in entries:
        if entry.answers.get("outcome") == "did-not-use":
            for field_id in ("coping", "what_helped"):
                text = entry.answers.get(field_id)
                if isinstance(text, str) and text.strip():
                    helped.append(" ".join(text.split()))
    rows = []
    for entry in sorted(entries, key=lambda e: e.created_at):
        strength = entry.answers.get("strength")
        notes = [entry.answers.get(k) for k in ("note", "coping", "use_details") if entry.answers.get(k)]
        rows.append([
            _format_moment(entry.created_at) + (" (private)" if entry.private else ""),
            f"{strength}/10" if isinstance(strength, int) else "",
            ", ".join(labels(entry, "external_triggers") + labels(entry, "internal_triggers") + labels(entry, "halt")),
            ", ".join(labels(entry, "outcome")),
            " / ".join(" ".join(str(n).split()) for n in notes),
        ])
    return TriggerPart(
        count=len(entries),
        average=round(sum(strengths) / len(strengths), 1) if strengths else None,
        peak=max(strengths) if strengths else None,
        top_triggers=_counts(triggers),
        halt=_counts([h for e in entries for h in labels(e, "halt")]),
        outcomes=_counts([o for e in entries for o in labels(e, "outcome")]),
        coping_that_helped=list(dict.fromkeys(helped))[:10],
        rows=rows,
    )


def build_report(entries: list[Entry], exercises: dict[str, Exercise], options: Options,
                 settings: dict[str, Any], crisis: list[CrisisLine], crisis_note: str = "",
                 now: datetime | None = None) -> Report:
    """The report for ``options`` from all of the person's entries."""
    made = now or datetime.now().astimezone()
    chosen = [e for e in entries if e.exercise in options.include and e.exercise in exercises and options.shares(e)]
    in_range = [e for e in chosen if options.selects(e)]
    by_exercise: dict[str, list[Entry]] = {}
    for entry in in_range:
        by_exercise.setdefault(entry.exercise, []).append(entry)

    plan = None
    if PLAN in options.include and PLAN in exercises:
        plan = _plan_part(exercises[PLAN], [e for e in entries if e.exercise == PLAN], options)
    goals = None
    if GOALS in options.include and GOALS in exercises:
        # A goal belongs in the report when it was written or worked on during the period.
        touched = [e for e in chosen if e.exercise == GOALS and
                   (options.covers(e.created_at) or options.covers(parse_iso(e.updated)))]
        goals = Section(GOALS, exercises[GOALS].title,
                        [_block(exercises[GOALS], e) for e in sorted(touched, key=lambda e: e.created_at)])
    triggers = _trigger_part(exercises[TRIGGERS], by_exercise.get(TRIGGERS, [])) if TRIGGERS in exercises else None
    gratitude = None
    if GRATITUDE in options.include and GRATITUDE in exercises:
        gratitude = Section(GRATITUDE, exercises[GRATITUDE].title,
                            [_block(exercises[GRATITUDE], e)
                             for e in sorted(by_exercise.get(GRATITUDE, []), key=lambda e: e.created_at)])
    others = [Section(i, exercises[i].title, [_block(exercises[i], e) for e in sorted(found, key=lambda e: e.created_at)])
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
        others=others, crisis=crisis, crisis_note=crisis_note, entry_count=count,
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


def build_card(plan: Entry | None, exercise: Exercise | None, crisis: list[CrisisLine]) -> Card:
    """The pocket card from the person's current plan (empty parts are left out)."""
    answers = plan.answers if plan is not None else {}
    signs = []
    for field_id in ("warning_emotional", "warning_mental", "warning_physical"):
        for row in answers.get(field_id) or []:
            if isinstance(row, dict) and row.get("sign"):
                action = f" → {row['action']}" if row.get("action") else ""
                signs.append(_short(f"{row['sign']}{action}", 80))
    coping: list[str] = []
    spec = exercise.field("coping") if exercise is not None else None
    for value in answers.get("coping") or []:
        coping.append(_short(spec.option_label(str(value)) if spec else str(value), 60))
    steps = [_short(str(s), 80) for s in answers.get("lapse_first_steps") or []]
    contacts = []
    for row in answers.get("contacts") or []:
        if isinstance(row, dict) and (row.get("name") or row.get("phone")):
            bits = [str(row.get(k, "")) for k in ("name", "role", "phone") if row.get(k)]
            contacts.append(_short(" · ".join(bits), 60))
    # On a card, the first sentence of each line is enough (the number comes first).
    lines = [_short(f"{c.name}: {c.detail.split('. ')[0]}" if c.detail else c.name, 90) for c in crisis]
    return Card(signs[:6], coping[:6], steps[:4], contacts[:5], lines[:5])
