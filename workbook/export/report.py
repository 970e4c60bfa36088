"""Provides ``build_report``: the counselor report as one document that every format draws.

Sections, in the order a fifty-minute session needs them: this period at a glance (compared
with the previous period of the same length, with charts), the current plan, then every
entry of every chosen worksheet with every field labelled, then crisis help. Entries are
placed, counted and filtered by the moment they are about (their ``when`` role), and the
time they were written is shown too when it differs by more than a day.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from babel import Locale

from workbook.common.clock import SYSTEM_CLOCK
from workbook.common.i18n import N_, _, ngettext
from workbook.common.language import format_day, format_moment, locale_for
from workbook.export.document import Block, Bullets, EntryBlock, Item, Paragraph, Report, Section, Table
from workbook.export.options import Options
from workbook.export.period import Span, period_label, span_of
from workbook.export.summary import glance, plan_changes
from workbook.worksheets.answers import bullets_of, format_answer, is_empty
from workbook.worksheets.builtin import CORE_ORDER, Goals, Plan
from workbook.worksheets.crisis import CrisisList, support_contacts
from workbook.worksheets.definition import Exercise, Role
from workbook.worksheets.entry import Entry, parse_iso
from workbook.worksheets.insights import is_active_goal
from workbook.worksheets.measures import score_of
from workbook.worksheets.roles import day_of, has_own_time, moment_of, sort_key

TITLE = N_("Recovery Workbook")


def items_of(exercise: Exercise, answers: dict[str, Any], skip: tuple[str, ...] = ()) -> tuple[Item, ...]:
    """Every answered field, labelled, in the worksheet's order (and any the worksheet no longer has)."""
    items = []
    for spec in exercise.fields:
        value = answers.get(spec.id)
        if spec.id not in skip and not is_empty(value):
            bullets = bullets_of(spec, value)
            items.append(Item(spec.label, format_answer(spec, value), tuple(bullets) if bullets is not None else None))
    known = {f.id for f in exercise.fields}
    items += [Item(key, str(value)) for key, value in answers.items() if key not in known and not is_empty(value)]
    return tuple(items)


def entry_block(exercise: Exercise, entry: Entry, locale: Locale) -> EntryBlock:
    moment = moment_of(exercise, entry)
    when = exercise.role_field(Role.WHEN)
    heading = format_day(moment, locale) if when is not None and when.kind == "date" else format_moment(moment, locale)
    note = (
        _("Written {format_moment}.").format(format_moment=format_moment(entry.created_at, locale))
        if has_own_time(exercise, entry)
        else ""
    )
    items = items_of(exercise, entry.answers)
    score = score_of(exercise, entry.answers)
    if score is not None:  # a self-check: its score first, and any answer that needs care at once
        first = [Item(_("Score"), score.describe() + (f". {exercise.note}" if exercise.note else ""))]
        first += [
            Item(
                _("Needs attention"),
                _('{name} was answered "{answer}". Please ask about it.').format(name=spec.name, answer=answer),
            )
            for spec, answer in score.alerts
        ]
        items = (*first, *items)
    return EntryBlock(heading, items, note, entry.private, entry.bring_to_session)


def _plan_section(exercise: Exercise, plan: Entry, span: Span, locale: Locale) -> Section:
    versions = [(parse_iso(r.saved), r.answers) for r in plan.revisions] + [(parse_iso(plan.updated), plan.answers)]
    count = len(versions)
    status = ngettext(
        "Written {format_day}; last changed {format_day2}; {count} version kept.",
        "Written {format_day}; last changed {format_day2}; {count} versions kept.",
        count,
    ).format(
        format_day=format_day(plan.created_at, locale),
        format_day2=format_day(parse_iso(plan.updated), locale),
        count=count,
    )
    blocks: list[Block] = [Paragraph(status, note=True)]
    if span.bounded:
        blocks.append(Bullets(tuple(plan_changes(exercise, versions, span)), _("What changed during this period")))
    blocks.append(
        EntryBlock(
            _("The plan as it is now"), items_of(exercise, plan.answers, skip=(Plan.contacts.id,)), private=plan.private
        )
    )
    return Section("plan", exercise.title, blocks)


def _worked_on(entry: Entry, span: Span) -> bool:
    """A goal belongs in the period when it was written, changed or noted on during it."""
    if span.covers(entry.created_at.date()) or span.covers(parse_iso(entry.updated).date()):
        return True
    days = (Goals.progress.day(row, Goals.DATE) for row in Goals.progress.rows(entry.answers))
    return any(day is not None and span.covers(day) for day in days)


def _crisis_section(crisis: CrisisList, plan: Entry | None) -> Section:
    blocks: list[Block] = [Bullets(tuple(line.text() for line in crisis.lines))]
    if crisis.note:
        blocks.append(Paragraph(crisis.note, note=True))
    contacts = support_contacts(plan)
    if contacts:
        blocks.append(
            Table(
                (_("Name"), _("Role"), _("Phone"), _("When to call")),
                tuple((c.name, c.role, c.phone, c.when) for c in contacts),
                _("People who support me"),
            )
        )
    return Section("crisis", _("Crisis help and my support people"), blocks)


def build_report(
    entries: list[Entry],
    exercises: dict[str, Exercise],
    options: Options,
    settings: dict[str, Any],
    crisis: CrisisList,
    now: datetime | None = None,
    lang: str | None = None,
) -> Report:
    """The report for ``options`` from all of the person's entries."""
    made = now or SYSTEM_CLOCK.now()
    locale = locale_for(lang)
    shared = [e for e in entries if e.exercise in exercises and e.exercise in options.include and options.shares(e)]
    span = span_of(options, [day_of(exercises[e.exercise], e) for e in shared], made.date())
    previous = span.previous()
    order = [i for i in CORE_ORDER if i in options.include] + sorted(
        (i for i in options.include if i not in CORE_ORDER and i in exercises), key=lambda i: exercises[i].title
    )

    chosen: dict[str, list[Entry]] = {}
    earlier: dict[str, list[Entry]] = {}
    for entry in shared:
        exercise = exercises[entry.exercise]
        day = day_of(exercise, entry)
        if options.selects(entry, exercise):
            chosen.setdefault(entry.exercise, []).append(entry)
        elif previous is not None and previous.covers(day):
            earlier.setdefault(entry.exercise, []).append(entry)
    for found in (*chosen.values(), *earlier.values()):
        found.sort(key=lambda e: sort_key(exercises[e.exercise], e))
    chosen = {w: chosen[w] for w in order if w in chosen}  # the glance reads in the report's order

    plans = [e for e in shared if e.exercise == Plan.ID]
    plan = plans[0] if plans else None
    goals = [e for e in shared if is_active_goal(e)]
    marked = sorted((e for e in shared if e.bring_to_session), key=lambda e: sort_key(exercises[e.exercise], e))
    sections = [glance(chosen, earlier, exercises, span, previous, plan, goals, locale, marked)]
    if plan is not None and Plan.ID in exercises:
        sections.append(_plan_section(exercises[Plan.ID], plan, span, locale))
    for worksheet in order:
        exercise = exercises[worksheet]
        if exercise.single:
            continue
        found = chosen.get(worksheet, [])
        if worksheet == Goals.ID:
            found = sorted(
                (e for e in shared if e.exercise == Goals.ID and _worked_on(e, span)), key=lambda e: e.created
            )
        if not found and worksheet not in CORE_ORDER[:4]:
            continue  # an empty section of a worksheet the person may not use says nothing
        sections.append(
            Section(
                worksheet,
                exercise.title,
                [entry_block(exercise, e, locale) for e in found],
                _("Nothing was written in this period."),
            )
        )
    count = sum(1 for section in sections[1:] for block in section.blocks if isinstance(block, EntryBlock))
    sections.append(_crisis_section(crisis, plan))
    person = str(settings.get("name") or "").strip()
    period = period_label(options, span, locale)
    footer = " · ".join(bit for bit in (person, period) if bit)
    return Report(
        title=_(TITLE),
        subtitle=_("My work to share"),
        person=person,
        period=period,
        made=format_moment(made, locale),
        lang=locale.language,
        sections=sections,
        footer=footer,
        entry_count=count,
        meta={"span": span},
    )
