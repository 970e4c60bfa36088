"""Provides imports from other apps: a Daylio CSV export (each day's mood as a check-in on its
own date, every entry's note and activities kept whole in the journal) and a jrnl JSON export
(into the journal, dates and tags kept).

Each file is read as data and never trusted: its size and row count are limited, every value
is checked for its type, and every entry goes through the worksheet's one check before it
can be saved. Ids are derived from what each row says, so importing the same file again
adds nothing. Moods are never guessed: Daylio's five default names map onto the check-in's
1-5 scale, and any other name must be given (``--mood "tired=2"``).
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

import orjson

from workbook.common.i18n import _
from workbook.worksheets.builtin import CheckIn, Journal
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry
from workbook.worksheets.entry_check import validate_entry

JOURNAL_ID = Journal.ID
DAYLIO_MOODS = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}
MAX_ROWS = 100_000
MAX_TEXT = 100_000  # characters of one note
_NAMESPACE = uuid.UUID("5d2b7b5e-3c55-4f0e-9f3e-2a9c7a1e6b11")


class OtherAppError(ValueError):
    """A file that cannot be imported at all, with the reason in words."""


@dataclass
class Planned:
    """What an import from another app would add: entries, and rows skipped with why."""

    entries: list[Entry] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, why)
    unknown_moods: set[str] = field(default_factory=set)

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for entry in self.entries:
            found[entry.exercise] = found.get(entry.exercise, 0) + 1
        return found


def _id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


def _stamp(moment: datetime) -> str:
    return moment.astimezone().isoformat(timespec="seconds")


def _entry(sheet: Exercise, ident: str, answers: dict[str, Any], moment: datetime, plan: Planned, where: str) -> None:
    problems = validate_entry(sheet, answers)
    if problems:
        plan.skipped.append((where, f"{problems[0].field}: {problems[0].reason}"))
        return
    written = _stamp(moment)
    plan.entries.append(Entry(ident, sheet.id, written, written, answers, sheet.version))


def _text(value: Any) -> str:
    return value.strip()[:MAX_TEXT] if isinstance(value, str) else ""


def _time_of(text: str) -> time | None:
    for pattern in ("%I:%M %p", "%H:%M", "%I:%M%p", "%I:%M %p."):
        try:
            return datetime.strptime(text.strip().upper().replace(".", ""), pattern.replace(".", "")).time()
        except ValueError:
            continue
    return None


def _day_of(row: dict[str, str]) -> date | None:
    full = row.get("full_date", "").strip()
    try:
        if full:
            return date.fromisoformat(full)
        year, day = row.get("year", "").strip(), row.get("date", "").strip()
        return datetime.strptime(f"{day} {year}", "%B %d %Y").date()
    except ValueError:
        return None


def from_daylio(raw: bytes, exercises: dict[str, Exercise], moods: dict[str, int]) -> Planned:
    """A Daylio CSV export (``full_date,date,weekday,time,mood,activities,note_title,note``;
    older files start with ``year``) as check-ins and journal entries."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OtherAppError(_("it is not a text file (UTF-8)")) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    names = {n.strip().casefold() for n in reader.fieldnames or []}
    if not {"mood", "time"} <= names or not ({"full_date"} <= names or {"year", "date"} <= names):
        raise OtherAppError(
            _("it does not look like a Daylio export (its first line names no full_date, time and mood)")
        )
    check_in, journal = exercises.get(CheckIn.ID), exercises.get(JOURNAL_ID)
    if check_in is None or journal is None:
        raise OtherAppError(_("this computer has no check-in or journal worksheet to import into"))
    mood_of = {**DAYLIO_MOODS, **{k.casefold(): v for k, v in moods.items()}}
    plan = Planned()
    days: dict[date, tuple[datetime, int]] = {}
    try:
        rows = list(zip(range(MAX_ROWS + 1), reader, strict=False))
    except csv.Error as exc:
        raise OtherAppError(_("its lines cannot be read as a spreadsheet ({value})").format(value=exc)) from None
    if len(rows) > MAX_ROWS:
        raise OtherAppError(_("it has more than {count} rows").format(count=MAX_ROWS))
    for number, row in rows:
        row = {str(k).strip().casefold(): (v if isinstance(v, str) else "") for k, v in row.items() if k}
        where = _("line {number}").format(number=number + 2)
        day, at = _day_of(row), _time_of(row.get("time", ""))
        if day is None or at is None:
            plan.skipped.append((where, _("no date or time that can be read")))
            continue
        moment = datetime.combine(day, at)
        mood_name = " ".join(row.get("mood", "").split())
        mood = mood_of.get(mood_name.casefold()) if mood_name else None
        if mood_name and mood is None:
            plan.unknown_moods.add(mood_name[:40])
            continue
        if mood is not None and (day not in days or moment >= days[day][0]):
            days[day] = (moment, mood)  # one check-in a day: the day's last mood
        activities = [a.strip()[:200] for a in row.get("activities", "").split("|") if a.strip()][:50]
        note, title = _text(row.get("note")), _text(row.get("note_title"))
        if note or title or activities:
            answers: dict[str, Any] = {
                Journal.when.id: moment.strftime("%Y-%m-%d %H:%M"),
                Journal.text.id: note or title or "; ".join(activities),
                Journal.tags.id: [*activities, mood_name[:40]] if mood_name else activities,
            }
            if title:
                answers[Journal.title.id] = title[:200]
            ident = _id("daylio", moment.isoformat(), mood_name, note, title, "|".join(activities))
            _entry(journal, ident, answers, moment, plan, where)
    for day, (moment, mood) in sorted(days.items()):
        answers = {CheckIn.date.id: day.isoformat(), CheckIn.mood.id: mood}
        _entry(check_in, _id("daylio-check-in", day.isoformat()), answers, moment, plan, day.isoformat())
    return plan


def from_jrnl(raw: bytes, exercises: dict[str, Exercise]) -> Planned:
    """A jrnl JSON export (``{"entries": [{"title", "body", "date", "time", "tags", "starred"}]}``)
    as journal entries, dates and tags kept."""
    journal = exercises.get(JOURNAL_ID)
    if journal is None:
        raise OtherAppError(_("this computer has no journal worksheet to import into"))
    try:
        document = orjson.loads(raw.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError:
        raise OtherAppError(_("it is not JSON (jrnl writes it with 'jrnl --format json')")) from None
    entries = document.get("entries") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise OtherAppError(_("it does not look like a jrnl export (no list of entries)"))
    if len(entries) > MAX_ROWS:
        raise OtherAppError(_("it has more than {count} entries").format(count=MAX_ROWS))
    plan = Planned()
    for number, item in enumerate(entries):
        where = _("entry {number}").format(number=number + 1)
        if not isinstance(item, dict):
            plan.skipped.append((where, _("not an entry")))
            continue
        try:
            day = date.fromisoformat(str(item.get("date", "")))
        except ValueError:
            plan.skipped.append((where, _("no date that can be read")))
            continue
        at = _time_of(str(item.get("time", "00:00")))
        if at is None:  # never a time the entry did not give
            plan.skipped.append((where, _("no time that can be read")))
            continue
        moment = datetime.combine(day, at)
        title, body = _text(item.get("title")), _text(item.get("body"))
        given = item.get("tags")
        raw_tags: list[Any] = given if isinstance(given, list) else []
        tags = [t.lstrip("@").strip()[:200] for t in raw_tags if isinstance(t, str) and t.lstrip("@").strip()][:50]
        if item.get("starred") is True:
            tags.append("starred")
        answers: dict[str, Any] = {Journal.when.id: moment.strftime("%Y-%m-%d %H:%M"), Journal.text.id: body or title}
        if title and body:
            answers[Journal.title.id] = title[:200]
        if tags:
            answers[Journal.tags.id] = tags
        _entry(journal, _id("jrnl", moment.isoformat(), title, body, "|".join(tags)), answers, moment, plan, where)
    return plan
