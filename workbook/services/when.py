"""Provides ``understand`` and ``understand_day``: a moment or a day said in plain words, in
English or Spanish ("yesterday 10pm", "last night", "saturday 21:30", "2 hours ago", "ayer a
las 22:00", "anoche", "el sábado a las 9"), as the wall-clock time the person meant.

The words are read by ``dateparser``, a maintained library that knows both languages. A few
everyday Spanish phrasings it does not read yet are first put into words it does ("anoche"
becomes "ayer" at 9 p.m., "a las 9 de la noche" becomes 21:00, "el sábado" loses its
article); nothing else is guessed. A time still to come is refused (logging ahead is not
logging), and so is anything the library cannot read, with an example. The program's own
forms (``2026-12-05 21:30``, ``2026-12-05``) are read first, without the library.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from workbook.common.errors import WorkbookError
from workbook.common.i18n import _
from workbook.worksheets.answers import parse_date, parse_datetime

LANGUAGES = ("en", "es")
GRACE = timedelta(minutes=2)  # a clock a little behind the person's own is not "the future"

_NUMBERS = {"un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8}
_PARTS = {"mañana": 0, "madrugada": 0, "tarde": 12, "noche": 12}
_AT = re.compile(r"\ba\s+las?\s+(\d{1,2})(?:[:.](\d{2}))?(?:\s+(?:de|por)\s+la\s+(mañana|madrugada|tarde|noche))?")
_BARE_PART = {  # a part of a day said alone: the hour it is read as
    "anoche": ("ayer", 21),
    "esta mañana": ("hoy", 9),
    "esta tarde": ("hoy", 15),
    "esta noche": ("hoy", 21),
    "ayer por la noche": ("ayer", 21),
    "ayer por la tarde": ("ayer", 15),
    "ayer por la mañana": ("ayer", 9),
}


class WhenNotUnderstood(WorkbookError):
    """Words the program could not read as a moment, or a moment still to come."""


def _spanish(text: str) -> str:
    """Everyday Spanish phrasings in words ``dateparser`` reads (see the module's docstring)."""
    words = " ".join(text.casefold().split())
    # "anoche a las 11" is 11 at night: a night named in words makes a bare hour an evening one.
    night = any(phrase in words for phrase in ("anoche", "esta noche", "por la noche"))

    def at(match: re.Match[str]) -> str:
        hour, minute, part = int(match.group(1)), int(match.group(2) or 0), match.group(3)
        part = part or ("noche" if night and 5 <= hour < 12 else None)
        if part is not None and hour < 12:
            hour += _PARTS[part]
        return f"{hour:02d}:{minute:02d}"

    words = _AT.sub(at, words)
    for phrase, (day, hour) in sorted(_BARE_PART.items(), key=lambda item: -len(item[0])):
        if phrase in words:
            has_time = re.search(r"\d{1,2}:\d{2}", words) is not None
            words = words.replace(phrase, day if has_time else f"{day} {hour:02d}:00")
    words = re.sub(r"\b(el|la|los|las)\s+(?=lunes|martes|miércoles|jueves|viernes|sábado|domingo)", "", words)
    words = re.sub(r"\bhace\s+(\w+)\b", lambda m: f"hace {_NUMBERS.get(m.group(1), m.group(1))}", words)
    return words


_WEEKDAY_NAMES = (
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
    ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"),
)
_WEEKDAYS = {name: n for names in _WEEKDAY_NAMES for n, name in enumerate(names)}


def _weekday_named(text: str) -> int | None:
    """The weekday the words name, if they name one."""
    found = {_WEEKDAYS[w] for w in re.findall(r"\w+", text.casefold()) if w in _WEEKDAYS}
    return found.pop() if len(found) == 1 else None


def _parse(text: str, lang: str, now: datetime) -> datetime | None:
    import dateparser

    order = (lang, *[other for other in LANGUAGES if other != lang]) if lang in LANGUAGES else LANGUAGES
    settings = {"RELATIVE_BASE": now.replace(tzinfo=None), "PREFER_DATES_FROM": "past"}
    for language in order:
        words = _spanish(text) if language == "es" else " ".join(text.split())
        found = dateparser.parse(words, languages=[language], settings=settings)
        named = _weekday_named(text)
        # A weekday said but another day read ("saturday 9" taken as September 7) is not understood.
        if found is not None and (named is None or found.weekday() == named):
            return found.replace(tzinfo=None, second=0, microsecond=0)
    return None


def understand(text: str, lang: str, now: datetime) -> datetime:
    """The wall-clock moment ``text`` names (naive, to the minute), never one still to come."""
    typed = " ".join(text.split())
    if not typed or len(typed) > 80:
        raise WhenNotUnderstood(_hint())
    try:
        moment = parse_datetime(typed)
    except ValueError:
        found = None
        try:
            day = parse_date(typed)
            found = datetime.combine(day, now.replace(tzinfo=None).time()).replace(second=0, microsecond=0)
        except ValueError:
            found = _parse(typed, lang, now)
        if found is None:
            raise WhenNotUnderstood(_hint()) from None
        moment = found
    if moment > now.replace(tzinfo=None) + GRACE:
        raise WhenNotUnderstood(
            _(
                "That time has not come yet: an entry is about something that happened. "
                "Say when it was, for example: yesterday 10pm."
            )
        )
    return moment


def understand_day(text: str, lang: str, today: date, now: datetime | None = None) -> date:
    """The day ``text`` names ("yesterday", "saturday", "ayer", "2026-12-05"): any day, past
    or to come (a day can be a target or a due date)."""
    typed = " ".join(text.split())
    if not typed or len(typed) > 80:
        raise WhenNotUnderstood(_day_hint())
    try:
        return parse_date(typed)
    except ValueError:
        pass
    import dateparser

    base = datetime.combine(today, (now or datetime.combine(today, datetime.min.time())).time())
    order = (lang, *[other for other in LANGUAGES if other != lang]) if lang in LANGUAGES else LANGUAGES
    for language in order:
        words = _spanish(typed) if language == "es" else typed
        found = dateparser.parse(words, languages=[language], settings={"RELATIVE_BASE": base})
        if found is not None:
            try:
                return parse_date(found.date().isoformat())  # within the years the workbook keeps
            except ValueError as exc:
                raise WhenNotUnderstood(str(exc)) from None
    raise WhenNotUnderstood(_day_hint())


def _hint() -> str:
    return _('Say when in plain words, like "yesterday 10pm", "saturday 21:30" or "2 hours ago" (or 2026-12-05 21:30).')


def _day_hint() -> str:
    return _('Say the day in plain words, like "yesterday" or "saturday" (or 2026-12-05).')
