"""Provides ``build_report``: the counselor report as one document that every format draws.

Sections, in the order a fifty-minute session needs them: this period at a glance (compared
with the previous period of the same length, with charts), the current plan, then every
entry of every chosen worksheet with every field labelled, then crisis help. Entries are
placed, counted and filtered by the moment they are about (their ``when`` role), and the
time they were written is shown too when it differs by more than a day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from babel import Locale
from babel.dates import get_day_names

from workbook.common.clock import SYSTEM_CLOCK
from workbook.common.i18n import N_, _, ngettext
from workbook.common.language import format_day, format_moment, format_month, locale_for
from workbook.export.brief import IDENTIFIER, BriefInput, session_brief
from workbook.export.document import Block, Bullets, EntryBlock, Paragraph, Report, Section, Table
from workbook.export.entry_blocks import entry_block, items_of
from workbook.export.options import Options
from workbook.export.period import Span, period_label, span_of, worked_on
from workbook.export.summary import glance, plan_changes
from workbook.worksheets.builtin import CORE_ORDER, Goals, Plan
from workbook.worksheets.crisis import CrisisList, support_contacts
from workbook.worksheets.definition import Exercise, Role
from workbook.worksheets.entry import Entry, parse_iso
from workbook.worksheets.insights import is_active_goal
from workbook.worksheets.mood_calendar import month_grid, weekday_order
from workbook.worksheets.roles import day_of, sort_key

TITLE = N_("Recovery Workbook")


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


MAX_CALENDAR_MONTHS = 3  # a longer period's moods are in its charts; a calendar a month would crowd it


def _has_mood(exercise: Exercise) -> bool:
    return exercise.role_field(Role.MOOD) is not None


def mood_tables(entries: list[Entry], exercises: dict[str, Exercise], span: Span, locale: Locale) -> list[Block]:
    """Each month of a bounded period as a calendar table: the day, its mood, "use" on a day
    with a logged use (up to three months)."""
    if not span.bounded:
        return []
    months: list[date] = []
    month = span.start.replace(day=1)
    while month <= span.end and len(months) <= MAX_CALENDAR_MONTHS:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    if len(months) > MAX_CALENDAR_MONTHS:
        return []
    first = locale.first_week_day
    names = get_day_names("abbreviated", locale=locale)
    columns = tuple(str(names[w]) for w in weekday_order(first))
    tables: list[Block] = []
    for month in months:
        rows = []
        for week in month_grid(entries, exercises, month.year, month.month, first):
            cells = []
            for day in week:
                if day is None or not span.covers(day.day):
                    cells.append("")
                    continue
                text = f"{day.day.day}" + (f" · {day.mood}" if day.mood is not None else "")
                cells.append(text + (" · " + _("use") if day.used else ""))
            if any(cells):
                rows.append(tuple(cells))
        caption = _(
            'Mood calendar, {month}: each day\'s mood (1 very low to 5 very good); "use" marks a day with a logged use'
        ).format(month=format_month(month, locale))
        tables.append(Table(columns, tuple(rows), caption))
    return tables


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
        # The previous period's figures count every entry about its days, one written late
        # (shown in this report) included.
        if previous is not None and previous.covers(day) and not span.covers(day):
            earlier.setdefault(entry.exercise, []).append(entry)
    for found in (*chosen.values(), *earlier.values()):
        found.sort(key=lambda e: sort_key(exercises[e.exercise], e))
    chosen = {w: chosen[w] for w in order if w in chosen}  # the glance reads in the report's order

    plans = [e for e in shared if e.exercise == Plan.ID]
    plan = plans[0] if plans else None
    goals = [e for e in shared if is_active_goal(e)]
    plan_lines: list[str] = []
    if plan is not None and Plan.ID in exercises and span.bounded:
        versions = [(parse_iso(r.saved), r.answers) for r in plan.revisions] + [(parse_iso(plan.updated), plan.answers)]
        plan_lines = plan_changes(exercises[Plan.ID], versions, span)
    # The period's figures count the entries about its days; an entry about an earlier day,
    # written since the last report, is news (its alerts and lapse are on page one) but not
    # this period's figure; one only changed since (a typo fixed) is listed, not counted.
    dated = {w: [e for e in found if span.covers(day_of(exercises[w], e))] for w, found in chosen.items()}
    dated = {w: found for w, found in dated.items() if found}
    news = [
        e
        for found in chosen.values()
        for e in found
        if not span.covers(day_of(exercises[e.exercise], e))
        and options.since is not None
        and e.created_at >= options.since
    ]
    brief = BriefInput(
        dated, earlier, shared, exercises, span, previous, options.since, plan_lines, settings, locale, news
    )
    sections = [session_brief(brief), glance(dated, earlier, exercises, span, previous, goals, locale)]
    if plan is not None and Plan.ID in exercises:
        sections.append(_plan_section(exercises[Plan.ID], plan, span, locale))
    for worksheet in order:
        exercise = exercises[worksheet]
        if worksheet == Plan.ID:
            continue  # the plan has its own section above, with its changes
        found = chosen.get(worksheet, [])
        if exercise.single and not found:
            # A living document (values, naloxone on hand) as it is now, when it was worked on
            # in the period or the report covers everything.
            found = [e for e in shared if e.exercise == worksheet and (not span.bounded or worked_on(e, span))]
        if worksheet == Goals.ID:
            found = sorted(
                (e for e in shared if e.exercise == Goals.ID and worked_on(e, span)), key=lambda e: e.created
            )
        if not found and worksheet not in CORE_ORDER[:4]:
            continue  # an empty section of a worksheet the person may not use says nothing
        calendars: list[Block] = mood_tables(shared, exercises, span, locale) if found and _has_mood(exercise) else []
        sections.append(
            Section(
                worksheet,
                exercise.title,
                [*calendars, *(entry_block(exercise, e, locale, since=options.since) for e in found)],
                _("Nothing was written in this period."),
            )
        )
    count = sum(1 for section in sections[2:] for block in section.blocks if isinstance(block, EntryBlock))
    sections.append(_crisis_section(crisis, plan))
    person = str(settings.get("name") or "").strip()
    period = period_label(options, span, locale)
    identifier = " ".join(str(settings.get(IDENTIFIER) or "").split())
    footer = " · ".join(bit for bit in (person, identifier, period) if bit)
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
