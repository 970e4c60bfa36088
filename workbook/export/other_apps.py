"""Provides imports from other apps: a Daylio CSV export (each day's mood as a check-in on its
own date, every entry's note and activities kept whole in the journal), a jrnl JSON export
(into the journal, dates and tags kept) and a Bearable CSV export (mood, sleep and medication
into each day's check-in, notes into the journal, every other category listed as skipped).

Each file is read as data and never trusted: its size and row count are limited, every value
is checked for its type, and every entry goes through the worksheet's one check before it
can be saved. Ids are derived from what each row says, so importing the same file again
adds nothing. Moods are never guessed: Daylio's five default names map onto the check-in's
1-5 scale, and any other name must be given (``--mood "tired=2"``).
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

import orjson

from workbook.common.i18n import _, ngettext
from workbook.worksheets.builtin import CheckIn, Journal
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry
from workbook.worksheets.entry_check import validate_entry

JOURNAL_ID = Journal.ID
DAYLIO_MOODS = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}
# Bearable names parts of a day rather than times; each is kept at one time, said in the
# docs and kept as a tag, so the part of the day is never lost behind an invented minute.
BEARABLE_PARTS = {
    "am": time(9),
    "morning": time(9),
    "mid": time(13),
    "midday": time(13),
    "afternoon": time(13),
    "pm": time(18),
    "evening": time(18),
    "night": time(22),
}
BEARABLE_MOOD = ("mood",)
BEARABLE_SLEEP = ("sleep", "sleep quality", "sleep hours")
BEARABLE_MEDICATION = ("medication", "medications", "meds")
BEARABLE_NOTES = ("notes", "note", "diary")
MAX_ROWS = 100_000
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
    """The words as given, never cut: a note too long for its field is skipped and named by
    the entry check, not shortened behind the person's back."""
    return value.strip() if isinstance(value, str) else ""


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


def _rows(reader: csv.DictReader[str]) -> list[tuple[int, dict[str, Any]]]:
    """A spreadsheet's rows, numbered, at most ``MAX_ROWS`` (``OtherAppError`` past it)."""
    try:
        rows = list(zip(range(MAX_ROWS + 1), reader, strict=False))
    except csv.Error as exc:
        raise OtherAppError(_("its lines cannot be read as a spreadsheet ({value})").format(value=exc)) from None
    if len(rows) > MAX_ROWS:
        raise OtherAppError(_("it has more than {count} rows").format(count=MAX_ROWS))
    return rows


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
    rows = _rows(reader)
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


def _bearable_day(text: str) -> date | None:
    text = " ".join(text.split())
    for pattern in ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(text[:40], pattern).date()
        except ValueError:
            continue
    return None


# "7", "7.5", "7:30", "7h", "7h 30m", "7 h 30 min": plain digits only (never "inf" or "1e400").
_SLEEP = re.compile(r"(?P<hours>[0-9]{1,2}(?:\.[0-9]{1,2})?)\s*(?:(?::|h\s*)(?P<minutes>[0-9]{1,2})?\s*(?:m|min)?)?")
_WHOLE = re.compile(r"-?[0-9]{1,3}")


def _hours(text: str) -> int | None:
    """Hours of sleep from "7.5", "7h 30m" or "7:30", to the nearest hour."""
    found = _SLEEP.fullmatch(text.strip().lower().replace(",", "."))
    if found is None:
        return None
    hours = float(found["hours"])
    if found["minutes"]:
        hours += int(found["minutes"]) / 60
    return round(hours)


def from_bearable(raw: bytes, exercises: dict[str, Exercise], moods: dict[str, int]) -> Planned:
    """A Bearable CSV export (a row per logged thing: ``date``, ``time of day``, ``category``,
    ``rating/amount``, ``detail``, ``notes``): each day's mood, hours of sleep and medication
    taken as that day's check-in, notes as journal entries; other categories skipped by name.
    A mood is placed on the check-in's 1-5 scale only as given (a number in range, or
    ``--mood "8=4"``), never guessed."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OtherAppError(_("it is not a text file (UTF-8)")) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    names = {n.strip().casefold() for n in reader.fieldnames or [] if n}
    if "category" not in names or not names & {"date", "date formatted"}:
        raise OtherAppError(_("it does not look like a Bearable export (its first line names no date and category)"))
    check_in, journal = exercises.get(CheckIn.ID), exercises.get(JOURNAL_ID)
    if check_in is None or journal is None:
        raise OtherAppError(_("this computer has no check-in or journal worksheet to import into"))
    rows = _rows(reader)
    mood_spec, sleep_spec = CheckIn.mood.spec(check_in), CheckIn.sleep_hours.spec(check_in)
    given_moods = {k.casefold(): v for k, v in moods.items()}
    plan = Planned()
    days: dict[date, dict[str, Any]] = {}
    others: dict[str, int] = {}
    for number, row in rows:
        row = {str(k).strip().casefold(): (v if isinstance(v, str) else "") for k, v in row.items() if k}
        where = _("line {number}").format(number=number + 2)
        day = _bearable_day(row.get("date", "") or row.get("date formatted", ""))
        category = " ".join(row.get("category", "").split())[:60]
        if day is None:
            plan.skipped.append((where, _("no date that can be read")))
            continue
        amount = (row.get("rating/amount") or row.get("rating") or row.get("amount") or "").strip()
        detail, note = _text(row.get("detail")), _text(row.get("notes") or row.get("note"))
        part = " ".join(row.get("time of day", "").split()).casefold()
        kind = category.casefold()
        today = days.setdefault(day, {})
        if kind in BEARABLE_MOOD:
            mood = given_moods.get(amount.casefold())
            if mood is None and _WHOLE.fullmatch(amount):
                mood = int(amount)
            if mood is None or mood_spec is None or not mood_spec.min <= mood <= mood_spec.max:
                plan.unknown_moods.add(amount[:40] or _("(empty)"))
                continue
            today.setdefault("moods", []).append(mood)
        elif kind in BEARABLE_SLEEP:
            hours = _hours(amount)
            if hours is None or sleep_spec is None or not sleep_spec.min <= hours <= sleep_spec.max:
                plan.skipped.append((where, _("hours of sleep that cannot be read: {value}").format(value=amount[:20])))
                continue
            today["sleep"] = hours
        elif kind in BEARABLE_MEDICATION or kind in BEARABLE_NOTES:
            medication = kind in BEARABLE_MEDICATION
            if medication:
                today["medication"] = True
            words = " · ".join(w for w in (detail, note) if w) if medication else note or detail
            if not words:
                continue
            at = _time_of(part) or BEARABLE_PARTS.get(part)
            if at is None:  # never a time the row did not give
                plan.skipped.append((where, _("words with no time of day that can be read")))
                continue
            moment = datetime.combine(day, at)
            # No title in words: the "medication" tag says it, the same in any language.
            answers: dict[str, Any] = {Journal.when.id: moment.strftime("%Y-%m-%d %H:%M"), Journal.text.id: words}
            tags = [
                "bearable",
                *(["medication"] if medication else []),
                *([part[:40]] if part in BEARABLE_PARTS else []),
            ]
            answers[Journal.tags.id] = tags
            _entry(journal, _id("bearable", kind, moment.isoformat(), words), answers, moment, plan, where)
        else:
            others[category or _("(no category)")] = others.get(category or _("(no category)"), 0) + 1
    for day, found in sorted(days.items()):
        answers = {CheckIn.date.id: day.isoformat()}
        if found.get("moods"):
            # Several moods in a day: their middle value, rounded down (the check-in has one).
            ordered = sorted(found["moods"])
            answers[CheckIn.mood.id] = ordered[(len(ordered) - 1) // 2]
        if "sleep" in found:
            answers[CheckIn.sleep_hours.id] = found["sleep"]
        if found.get("medication"):
            answers[CheckIn.medication.id] = "taken"
        if len(answers) == 1:
            continue
        if CheckIn.mood.id not in answers:
            plan.skipped.append((day.isoformat(), _("sleep or medication without a mood: a check-in needs its mood")))
            continue
        moment = datetime.combine(day, time(12))  # when it was written; the check-in is about the day
        _entry(check_in, _id("bearable-check-in", day.isoformat()), answers, moment, plan, day.isoformat())
    for category, count in sorted(others.items()):
        plan.skipped.append(
            (
                category,
                ngettext(
                    "{count} row: no worksheet here holds this Bearable category",
                    "{count} rows: no worksheet here holds this Bearable category",
                    count,
                ).format(count=count),
            )
        )
    return plan
