"""Provides an entry as the report shows it: every answered field labelled, in the
worksheet's order, its score first for a self-check, and a note when it was written on
another day than the one it is about (or after the last report)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from babel import Locale

from workbook.common.i18n import _
from workbook.common.language import format_day, format_moment
from workbook.export.document import EntryBlock, Item
from workbook.worksheets.answers import bullets_of, format_answer, is_empty
from workbook.worksheets.definition import Exercise, Role
from workbook.worksheets.entry import Entry
from workbook.worksheets.measures import score_of
from workbook.worksheets.roles import changed_at, has_own_time, moment_of, timed


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


def heading_of(exercise: Exercise, entry: Entry, locale: Locale) -> str:
    """When an entry is about: its day alone when it names a day and no time."""
    moment = moment_of(exercise, entry)
    when = exercise.role_field(Role.WHEN)
    dated = (when is not None and when.kind == "date") or not timed(exercise, entry)
    return format_day(moment, locale) if dated else format_moment(moment, locale)


def entry_block(
    exercise: Exercise, entry: Entry, locale: Locale, *, title: str = "", since: datetime | None = None
) -> EntryBlock:
    """``entry`` as a block; ``title`` goes before its heading (where entries of several
    worksheets are listed together), ``since`` is the last report: an entry about a moment
    before it, written or changed after it, says so."""
    heading = heading_of(exercise, entry, locale)
    if title:
        heading = f"{title}, {heading}"
    if since is not None and moment_of(exercise, entry) <= since < changed_at(entry):
        note = _("Written or changed {format_moment}, about {format_day}: after the last report.").format(
            format_moment=format_moment(changed_at(entry), locale),
            format_day=format_day(moment_of(exercise, entry), locale),
        )
    elif has_own_time(exercise, entry):
        note = _("Written {format_moment}.").format(format_moment=format_moment(entry.created_at, locale))
    else:
        note = ""
    items = items_of(exercise, entry.answers)
    score = score_of(exercise, entry.answers)
    if score is not None:  # a self-check: its score first, and any answer that needs care at once
        first = [Item(_("Score"), score.describe() + (f". {exercise.note}" if exercise.note else ""))]
        first += [Item(part.subscale.label, part.describe()) for part in score.parts]
        first += [
            Item(
                _("Needs attention"),
                _('{name} was answered "{answer}". Please ask about it.').format(name=spec.name, answer=answer),
            )
            for spec, answer in score.alerts
        ]
        items = (*first, *items)
    return EntryBlock(heading, items, note, entry.private, entry.bring_to_session)
