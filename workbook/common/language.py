"""Provides the person's language and how dates, times and numbers are written in it.

The language comes from the environment (``LC_ALL``, ``LC_TIME``, ``LANG``, ``LANGUAGE``)
unless a caller names one; anything unknown (or ``C``/``POSIX``) means US English, the
program's own. Formatting goes through Babel, so a Spanish report says "sáb, 21 nov 2026"
and an English one "Sat, Nov 21, 2026", whatever the computer's C library offers.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time, match_skeleton
from babel.numbers import format_decimal

from workbook.common.i18n import babel_name, normalize

DEFAULT = "en_US"
# Territories that print on US Letter paper; everywhere else uses A4.
LETTER_TERRITORIES = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "PR", "CR", "PA", "SV", "NI", "DO", "BZ"}
)


def _from_environment(*names: str) -> str:
    for name in names:
        value = os.environ.get(name, "")
        if name == "LANGUAGE":
            value = value.split(":")[0]
        value = value.split(".")[0].split("@")[0]
        if value and value not in ("C", "POSIX"):
            return value
    return ""


def locale_for(name: str | None = None) -> Locale:
    """The Babel locale for dates and numbers in ``name`` (a language like ``es``, or a
    locale like ``es_MX``), else in the language in use (``workbook.common.i18n``)."""
    wanted = babel_name(name) if name is None or normalize(name) else name
    return _parsed(wanted.replace("-", "_"))


@lru_cache(maxsize=32)
def _parsed(wanted: str) -> Locale:
    try:
        return Locale.parse(wanted)
    except (ValueError, UnknownLocaleError, TypeError):
        return Locale.parse(DEFAULT)


def paper_for(name: str | None = None) -> str:
    """``us-letter`` where Letter is the paper in shops (the US, Canada, ...), else ``a4``."""
    territory = _from_environment("LC_PAPER", "LC_ALL", "LANG").partition("_")[2].upper()
    if name and "_" in name.replace("-", "_"):  # a locale (es_MX), not a report's language (es)
        territory = locale_for(name).territory or territory
    elif not territory:
        territory = locale_for(None).territory or "US"
    return "us-letter" if territory in LETTER_TERRITORIES else "a4"


def format_day(
    day: date | datetime, locale: Locale | None = None, *, weekday: bool = True, year: bool = True, long: bool = False
) -> str:
    """A day as the person's language writes it: "Sat, Nov 21, 2026" (``long``: "Saturday,
    November 21, 2026"); ``locale`` defaults to the language in use."""
    # A moment's day is the date on its own clock, as Babel reads an aware date and time.
    return _day_text(day.date() if isinstance(day, datetime) else day, locale or locale_for(None), weekday, year, long)


# Days and times repeat through a report (a log over years has a few entries a day); Babel
# matching a pattern and reading its locale data for each one was a fifth of a long report.
@lru_cache(maxsize=4096)
def _day_text(day: date, locale: Locale, weekday: bool, year: bool, long: bool) -> str:
    skeleton = ("y" if year else "") + ("MMMM" if long else "MMM") + ("E" if weekday else "") + "d"
    if long and weekday:  # CLDR lists no skeleton with a whole weekday: widen the one it has
        pattern = locale.datetime_skeletons[match_skeleton(skeleton, locale.datetime_skeletons)].pattern
        return format_date(day, re.sub(r"(?<!E)E{1,3}(?!E)", "EEEE", pattern), locale=locale)
    return format_skeleton(skeleton, day, locale=locale)


def format_clock(moment: datetime, locale: Locale | None = None) -> str:
    """A time of day: "9:05 PM" or "21:05"."""
    return _clock_text(moment.hour, moment.minute, locale or locale_for(None))


@lru_cache(maxsize=4096)
def _clock_text(hour: int, minute: int, locale: Locale) -> str:
    # A short time names the hour and minute on the moment's own clock, and nothing else.
    return format_time(time(hour, minute), "short", locale=locale)


def format_moment(moment: datetime, locale: Locale | None = None, *, long: bool = False, weekday: bool = True) -> str:
    """A day and a time: "Sat, Nov 21, 2026, 9:05 PM"."""
    return f"{format_day(moment, locale, long=long, weekday=weekday)}, {format_clock(moment, locale)}"


def format_stamp(moment: datetime, locale: Locale | None = None) -> str:
    """A day and a time in a narrow column: "Nov 20, 2026 9:05 PM", "20 nov 2026 21:05"."""
    return f"{format_day(moment, locale, weekday=False)} {format_clock(moment, locale)}"


def format_month(day: date, locale: Locale) -> str:
    return format_skeleton("yMMM", day, locale=locale)


def format_number(value: float, locale: Locale, digits: int = 1) -> str:
    """A number with at most ``digits`` decimals: "5.2" or "5,2"."""
    return format_decimal(round(value, digits), format=f"#,##0.{'#' * digits}" if digits else "#,##0", locale=locale)


def format_amount(value: float, locale: Locale | None = None) -> str:
    """An amount of money with no currency named (the person's own): "1,240" or "1.240"."""
    return format_decimal(round(value), format="#,##0", locale=locale or locale_for(None))
