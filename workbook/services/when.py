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
from workbook.common.printable import has_controls, printable
from workbook.worksheets.answers import YearOutOfRange, parse_date, parse_datetime

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


_UNACCENTED = {"sabado": "sábado", "miercoles": "miércoles", "antier": "anteayer"}
_DAY_NAMES = "lunes|martes|miércoles|jueves|viernes|sábado|domingo"
_NEXT_WEEKDAY = re.compile(
    rf"\b(?:el\s+)?pr[oó]xim[oa]\s+({_DAY_NAMES})\b|\b(?:el\s+)?({_DAY_NAMES})\s+(?:pr[oó]xim[oa]|que\s+viene)\b"
)
_PAST_WEEKDAY = re.compile(r"\b(?:el\s+)?(lunes|martes|miércoles|jueves|viernes|sábado|domingo)\s+pasado\b")


def _spanish(text: str, today: date) -> str:
    """Everyday Spanish phrasings in words ``dateparser`` reads (see the module's docstring)."""
    words = " ".join(text.casefold().split())
    # Typed without accents (many keyboards in the US have none), and "antier" for "anteayer".
    words = re.sub(r"\b(" + "|".join(_UNACCENTED) + r")\b", lambda m: _UNACCENTED[m.group(1)], words)

    def days_back(match: re.Match[str]) -> str:
        # "el viernes pasado": the last Friday before today (a week ago when today is Friday).
        back = (today.weekday() - _WEEKDAYS[match.group(1)]) % 7 or 7
        return f"hace {back} días"

    words = _PAST_WEEKDAY.sub(days_back, words)

    def days_ahead(match: re.Match[str]) -> str:
        # "el próximo viernes", "el viernes que viene": the next Friday after today.
        ahead = (_WEEKDAYS[match.group(1) or match.group(2)] - today.weekday()) % 7 or 7
        return f"en {ahead} días"

    words = _NEXT_WEEKDAY.sub(days_ahead, words)
    words = re.sub(r"\bpasado\s+mañana\b", "en 2 días", words)
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


class _NoTime(Exception):
    """Words that name a day but no time of day."""


_CLOCK = re.compile(r"\b(\d{1,2})[:.h](\d{2})\b")
_NIGHT = ("last night", "tonight", "anoche", "esta noche", "por la noche")


def _parse(text: str, lang: str, now: datetime) -> datetime | None:
    """The moment the words name, read by dateparser in ``lang`` first, then the other
    language; ``None`` when neither reads it. ``_NoTime`` when they name a day and no time."""
    from dateparser.date import DateDataParser

    base = now.replace(tzinfo=None)
    order = (lang, *[other for other in LANGUAGES if other != lang]) if lang in LANGUAGES else LANGUAGES
    named = _weekday_named(text)
    day_only = False
    for language in order:
        words = _spanish(text, base.date()) if language == "es" else " ".join(text.split())
        parser = DateDataParser(
            languages=[language],
            settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True},
        )
        data = parser.get_date_data(words)
        found = data.date_obj
        if found is None:
            continue
        # A weekday said but another day read ("saturday 9" taken as September 7) is not understood.
        if named is not None and found.weekday() != named:
            continue
        if data.period not in ("time", "part_of_day"):
            day_only = True  # "yesterday", "friday", a bare "10" (read as a month): no time said
            continue
        found = found.replace(tzinfo=None, second=0, microsecond=0)
        clock = _CLOCK.search(words)
        if clock is not None and (found.hour % 12, found.minute) != (int(clock.group(1)) % 12, int(clock.group(2))):
            continue  # "25:00" quietly dropped is not what was said
        return _nearest(found, text, base, named)
    if day_only:
        raise _NoTime
    return None


def _nearest(found: datetime, text: str, base: datetime, named: int | None) -> datetime:
    """The moment meant, when the library picked one a day or a week too early: "last night
    at 2am" is this morning's 2 a.m., "monday 9am" said on a Monday at 10 is today's."""
    words = text.casefold()
    if any(n in words for n in _NIGHT) and found.hour < 6 and found + timedelta(days=1) <= base:
        return found + timedelta(days=1)
    if named is not None and found.weekday() == base.weekday() and found + timedelta(days=7) <= base:
        return found + timedelta(days=7)
    return found


_HOUR_H = re.compile(r"\b(\d{1,2})h\b")  # "22h", as many Spanish and French speakers write it
_ORDINAL = re.compile(r"\b\d{1,2}(st|nd|rd|th|º|ª)\b", re.IGNORECASE)
_UNIT = r"am|pm|a\.m\.|p\.m\.|h\b|hours?|horas?|minutes?|minutos?|mins?|days?|d[ií]as?"
_BARE = re.compile(r"(?<![:/.\-\d])\b\d{1,2}\b(?![:/.\-]\d|\s*(" + _UNIT + "))", re.IGNORECASE)
_AT_HOUR = re.compile(r"\b(a\s+las?|at)\s+\d{1,2}\b", re.IGNORECASE)


def _guessing(typed: str) -> bool:
    """Words dateparser would read by guessing: an ordinal day or a bare number that is not a
    time ("the 5th at 10pm", "5 10pm" were read as May)."""
    if _ORDINAL.search(typed):
        return True
    without_hours = _AT_HOUR.sub(" ", typed)
    return _BARE.search(without_hours) is not None


_DAY_WORDS = frozenset(
    {*_WEEKDAYS}
    | {
        "today", "yesterday", "tomorrow", "tonight", "last", "next", "ago", "week", "weeks",
        "month", "months", "year", "years", "day", "days", "night", "morning", "afternoon",
        "evening", "noon", "midnight", "hoy", "ayer", "mañana", "anteayer", "antier", "anoche",
        "pasado", "pasada", "próximo", "proximo", "próxima", "proxima", "semana", "semanas",
        "mes", "meses", "año", "años", "día", "días", "dia", "dias", "hace", "noche", "tarde",
        "madrugada", "mediodía", "medianoche", "hour", "hours", "minute", "minutes", "min",
        "mins", "hora", "horas", "minuto", "minutos", "am", "pm", "h", "now",
        "ahora",
    }
)  # fmt: skip
_MONTHS = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene|abr|ago|dic)[a-zé]*\b", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$")
_ISO_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2})?$")
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _nonsense(typed: str) -> bool:
    """Words the library would turn into some day by guessing: control or direction
    characters, an impossible 2026-13-01 (read as January 13), a long run of digits (read as
    a timestamp), digits alone ("1", "-1", "99"), or words that name no day at all ("a",
    "ago" with no number, "december" with no day)."""
    if has_controls(typed) or _BIDI.search(typed) or _ISO_LIKE.match(typed) or re.search(r"\d{5,}", typed):
        return True
    # "5 p.m." and "5 a. m." are one word each, not the letters a, p and m.
    words = set(re.findall(r"[^\W\d_]+", re.sub(r"\b([ap])\.\s?m\.?", r"\1m", typed.casefold())))
    if not words:
        return _NUMERIC_DATE.match(typed) is None and _CLOCK.search(typed) is None
    named_day = bool(words & _DAY_WORDS) or bool(_AT.search(typed.casefold()) or _CLOCK.search(typed))
    if not named_day and not _MONTHS.search(typed):
        return True  # no day word, no month: letters the library would bend into a date
    if not named_day and not re.search(r"\d", typed):
        return True  # a month and no day ("december")
    counting = words & {"ago", "hace"}
    return bool(counting) and not re.search(r"\d", typed) and not (words & set(_NUMBERS))


def understand(text: str, lang: str, now: datetime) -> datetime:
    """The wall-clock moment ``text`` names (naive, to the minute), never one still to come."""
    typed = _HOUR_H.sub(lambda m: f"{int(m.group(1)):02d}:00", " ".join(text.split()))
    if not typed or len(typed) > 80:
        raise WhenNotUnderstood(_hint())
    try:
        moment = parse_datetime(typed)
    except ValueError:
        found = None
        try:
            parse_date(typed)
        except ValueError:
            pass
        else:  # a date alone: no time to invent
            raise WhenNotUnderstood(_time_hint()) from None
        if _guessing(typed) or _nonsense(typed):
            raise WhenNotUnderstood(_hint()) from None
        try:
            found = _parse(typed, lang, now)
        except _NoTime:
            raise WhenNotUnderstood(_time_hint()) from None
        if found is None:
            raise WhenNotUnderstood(_hint()) from None
        moment = found
        try:  # within the years the workbook keeps, said as such
            parse_date(moment.date().isoformat())
        except ValueError as exc:
            raise WhenNotUnderstood(_too_far(exc)) from None
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
    except YearOutOfRange as exc:  # a real date, out of the years the workbook keeps
        raise WhenNotUnderstood(_too_far(exc)) from None
    except ValueError:
        if _nonsense(typed):
            raise WhenNotUnderstood(_day_hint()) from None
    import dateparser

    base = datetime.combine(today, (now or datetime.combine(today, datetime.min.time())).time())
    order = (lang, *[other for other in LANGUAGES if other != lang]) if lang in LANGUAGES else LANGUAGES
    for language in order:
        words = _spanish(typed, today) if language == "es" else typed
        found = dateparser.parse(words, languages=[language], settings={"RELATIVE_BASE": base})
        if found is not None:
            try:
                return parse_date(found.date().isoformat())  # within the years the workbook keeps
            except ValueError as exc:
                raise WhenNotUnderstood(_too_far(exc)) from None
    raise WhenNotUnderstood(_day_hint())


def _too_far(exc: ValueError) -> str:
    return _("That day is too far away: {exc}.").format(exc=exc)


def _hint() -> str:
    return _('Say when in plain words, like "yesterday 10pm", "saturday 21:30" or "2 hours ago" (or 2026-12-05 21:30).')


def _time_hint() -> str:
    return _('Say the time too, like "yesterday 10pm" or "saturday 21:30": an entry is about a moment.')


def _day_hint() -> str:
    return _('Say the day in plain words, like "yesterday" or "saturday" (or 2026-12-05).')


def day_said(text: str, what: str, lang: str, today: date) -> date:
    """A day typed for ``what`` (a period's start or end, the day recovery began): as
    2026-03-14 or in plain words, read as the form's date fields read them; a ``ValueError``
    with a kind message otherwise."""
    from workbook.export.options import parse_day

    if _ISO_LIKE.match(" ".join(text.split())):  # written as the program writes days: its reader, its reason
        return parse_day(text, what)
    try:
        return understand_day(text, lang, today)
    except WorkbookError as exc:
        if str(exc) != _day_hint():  # a day read, but too far away: that reason
            raise ValueError(_("{what}: {exc}").format(what=what, exc=exc)) from None
        raise ValueError(
            _(
                '{what}: write a day like 2026-03-14, or words like "yesterday" or "last friday" (not "{shown}").'
            ).format(what=what, shown=_BIDI.sub("", printable(text.strip()[:30])))
        ) from None


def warm_up() -> None:
    """Load the date library and both languages' data (about half a second, once per
    process), so the first day typed in words is read at once, not after a pause."""
    for words, lang in (("yesterday", "en"), ("ayer", "es")):
        try:
            understand_day(words, lang, date(2000, 1, 2))
        except WorkbookError:  # pragma: no cover - both are words the library reads
            pass
