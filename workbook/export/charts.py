"""Provides the report's charts: strength by week, a time-of-day by weekday grid, and use per
week, each as one SVG drawing (inline in HTML, vector in the PDF), a text form for Markdown
(a sparkline or a small grid) and a table of the same numbers for every reader.

Drawings are black, white and greys with the numbers printed on them, so they read in black
and white and need no colour to be understood. No script, no fonts or images fetched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import escape

from babel import Locale
from babel.dates import get_day_names

from workbook.common.i18n import N_, _, ngettext
from workbook.common.language import format_day, format_month, format_number
from workbook.export.document import Chart, Table

WIDTH, FONT = 640, "DejaVu Sans, Verdana, sans-serif"
SPARKS = "▁▂▃▄▅▆▇█"
BANDS = ((N_("Night"), 0, 6), (N_("Morning"), 6, 12), (N_("Afternoon"), 12, 18), (N_("Evening"), 18, 24))


@dataclass(frozen=True)
class Point:
    """One entry on a chart: when it was about, its intensity, whether it records a use."""

    moment: datetime
    intensity: int | None
    used: bool | None
    timed: bool = True  # False for an entry about a day alone: it has no place in a time-of-day grid


@dataclass(frozen=True)
class Bucket:
    label: str
    points: tuple[Point, ...]


MAX_BUCKETS = 60  # beyond this many bars a chart (and its table) stops being readable


# A chart's title, its first column and what a bar counts, for each size of bucket.
_UNIT_WORDS = {
    "week": (N_("Use by week"), N_("Week"), N_("entries with use per week")),
    "month": (N_("Use by month"), N_("Month"), N_("entries with use per month")),
    "year": (N_("Use by year"), N_("Year"), N_("entries with use per year")),
}


def bucket_unit(start: date, end: date) -> str:
    """ "week" for periods up to half a year, "month" up to three years, "year" beyond."""
    days = (end - start).days
    return "week" if days <= 183 else "month" if days <= 3 * 366 else "year"


def buckets(points: Sequence[Point], start: date, end: date, locale: Locale) -> list[Bucket]:
    """Weeks (from Monday), months or years (see ``bucket_unit``); when even years would be
    too many bars (an entry dated far from the others), only those with entries."""
    unit = bucket_unit(start, end)
    if unit == "year":
        years: dict[int, list[Point]] = {year: [] for year in range(start.year, end.year + 1)}
        for point in points:
            years.setdefault(point.moment.year, []).append(point)
        found_years = [Bucket(str(y), tuple(p)) for y, p in sorted(years.items())]
        return found_years if len(found_years) <= MAX_BUCKETS else [b for b in found_years if b.points]
    if unit == "month":
        months: dict[tuple[int, int], list[Point]] = {}
        cursor = date(start.year, start.month, 1)
        while cursor <= end:
            months[(cursor.year, cursor.month)] = []
            cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
        for point in points:
            months.setdefault((point.moment.year, point.moment.month), []).append(point)
        return [Bucket(format_month(date(y, m, 1), locale), tuple(found)) for (y, m), found in sorted(months.items())]
    first = start - timedelta(days=start.weekday())
    weeks: dict[date, list[Point]] = {}
    cursor = first
    while cursor <= end:
        weeks[cursor] = []
        cursor += timedelta(days=7)
    for point in points:
        day = point.moment.date()
        weeks.setdefault(day - timedelta(days=day.weekday()), []).append(point)
    return [
        Bucket(format_day(monday, locale, weekday=False, year=False), tuple(found))
        for monday, found in sorted(weeks.items())
    ]


def _svg(height: int, title: str, desc: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" font-size="11">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>"
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>' + "".join(body) + "</svg>"
    )


def _text(x: float, y: float, text: str, anchor: str = "middle", size: int = 11, weight: str = "normal") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'font-weight="{weight}" fill="#000000">{escape(text)}</text>'
    )


def _spark(values: Sequence[float | None], top: float) -> str:
    if top <= 0:
        return "".join("·" if v is None else SPARKS[0] for v in values)
    return "".join("·" if v is None else SPARKS[min(len(SPARKS) - 1, int(v / top * (len(SPARKS) - 1)))] for v in values)


def strength_by_week(
    points: Sequence[Point], start: date, end: date, top: int, locale: Locale, what: str = "Strength"
) -> Chart:
    """Average (bar) and strongest (tick and number) intensity in each week or month."""
    groups = buckets([p for p in points if p.intensity is not None], start, end, locale)
    averages = [sum(p.intensity or 0 for p in g.points) / len(g.points) if g.points else None for g in groups]
    peaks = [max(p.intensity or 0 for p in g.points) if g.points else None for g in groups]
    height, base, left = 190, 150, 34
    step = (WIDTH - left - 10) / max(1, len(groups))
    body = [
        f'<line x1="{left}" y1="{base}" x2="{WIDTH - 10}" y2="{base}" stroke="#000000"/>',
        _text(left - 6, base + 4, "0", "end"),
        _text(left - 6, base - 120 + 4, str(top), "end"),
    ]
    for number, (group, average, peak) in enumerate(zip(groups, averages, peaks, strict=False)):
        x = left + number * step
        if average is not None and peak is not None:
            bar = 120 * average / top
            body.append(
                f'<rect x="{x + step * 0.2:.1f}" y="{base - bar:.1f}" width="{step * 0.6:.1f}" '
                f'height="{bar:.1f}" fill="#9a9a9a" stroke="#000000" stroke-width="0.5"/>'
            )
            tick = base - 120 * peak / top
            body.append(
                f'<line x1="{x + step * 0.15:.1f}" y1="{tick:.1f}" x2="{x + step * 0.85:.1f}" '
                f'y2="{tick:.1f}" stroke="#000000" stroke-width="2"/>'
            )
            body.append(_text(x + step / 2, tick - 4, f"{format_number(average, locale)} / {peak}", size=10))
        if len(groups) <= 16 or number % max(1, len(groups) // 12) == 0:
            body.append(_text(x + step / 2, base + 14, group.label, size=10))
    body.append(
        _text(
            left,
            14,
            _("Bars: average {lower}. Line and number: the strongest.").format(lower=what.lower()),
            "start",
            10,
        )
    )
    rows = tuple(
        (
            g.label,
            str(len(g.points)),
            format_number(a, locale) if a is not None else "–",
            str(p) if p is not None else "–",
        )
        for g, a, p in zip(groups, averages, peaks, strict=False)
    )
    logged = [f"{g.label}: {format_number(a, locale)}" for g, a in zip(groups, averages, strict=False) if a is not None]
    unit = bucket_unit(start, end)
    column = _(_UNIT_WORDS[unit][1])
    title = {"week": _("{what} by week"), "month": _("{what} by month"), "year": _("{what} by year")}[unit].format(
        what=what
    )
    alt = (
        _("{title}, average and strongest: ").format(title=title)
        + ("; ".join(logged) if logged else _("nothing logged"))
        + "."
    )
    text = _("{spark}  (average {lower}, {value} to {value2}; · is a week with none)").format(
        spark=_spark(averages, top),
        lower=what.lower(),
        value=groups[0].label if groups else "",
        value2=groups[-1].label if groups else "",
    )
    return Chart(
        title,
        alt,
        _svg(height, title, alt, body),
        text,
        Table((column, _("Entries"), _("Average"), _("Strongest")), rows),
    )


def time_grid(points: Sequence[Point], locale: Locale) -> Chart:
    """How many entries fell in each part of the day, for each day of the week."""
    counts: Counter[tuple[int, int]] = Counter()
    for point in (p for p in points if p.timed):
        band = next(i for i, (_n, low, high) in enumerate(BANDS) if low <= point.moment.hour < high)
        counts[(point.moment.weekday(), band)] += 1
    days = [get_day_names("abbreviated", locale=locale)[i] for i in range(7)]
    top = max(counts.values(), default=0)
    left, cell_w, cell_h, head = 70, (WIDTH - 80) / len(BANDS), 20, 30
    body = [
        _text(left + cell_w * (i + 0.5), head - 10, f"{_(name)} ({low}-{high})", size=10)
        for i, (name, low, high) in enumerate(BANDS)
    ]
    for day in range(7):
        y = head + day * cell_h
        body.append(_text(left - 8, y + 14, days[day], "end", 10))
        for band in range(len(BANDS)):
            count = counts[(day, band)]
            # Never darker than #999999, so the black number on it keeps 7:1 contrast.
            shade = 255 - int(102 * count / top) if top else 255
            fill = f"#{shade:02x}{shade:02x}{shade:02x}"
            body.append(
                f'<rect x="{left + band * cell_w:.1f}" y="{y}" width="{cell_w:.1f}" height="{cell_h}" '
                f'fill="{fill}" stroke="#000000" stroke-width="0.5"/>'
            )
            if count:
                body.append(_text(left + (band + 0.5) * cell_w, y + 14, str(count), size=10, weight="bold"))
    height = head + 7 * cell_h + 8
    busiest = sorted(counts.items(), key=lambda kv: -kv[1])[:3]
    described = "; ".join(f"{days[d]} {_(BANDS[b][0]).lower()}: {n}" for (d, b), n in busiest) or _("nothing logged")
    title = _("When in the week")
    alt = _("Entries by day of the week and time of day. Busiest: {described}.").format(described=described)
    rows = tuple((days[d], *(str(counts[(d, b)]) for b in range(len(BANDS)))) for d in range(7))
    columns = (_("Day"), *(f"{_(n)} ({lo}-{hi})" for n, lo, hi in BANDS))
    text_rows = ["| " + " | ".join(row) + " |" for row in rows]
    text = "\n".join(["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns), *text_rows])
    return Chart(title, alt, _svg(height, title, alt, body), text, Table(columns, rows))


def use_by_week(points: Sequence[Point], start: date, end: date, locale: Locale) -> Chart:
    """Entries that ended without use (light) and with use (dark) in each week or month."""
    groups = buckets([p for p in points if p.used is not None], start, end, locale)
    used = [sum(1 for p in g.points if p.used) for g in groups]
    not_used = [sum(1 for p in g.points if p.used is False) for g in groups]
    top = max((u + n for u, n in zip(used, not_used, strict=False)), default=0) or 1
    height, base, left = 180, 140, 34
    step = (WIDTH - left - 10) / max(1, len(groups))
    body = [f'<line x1="{left}" y1="{base}" x2="{WIDTH - 10}" y2="{base}" stroke="#000000"/>']
    for number, (group, u, n) in enumerate(zip(groups, used, not_used, strict=False)):
        x = left + number * step + step * 0.2
        light, dark = 110 * n / top, 110 * u / top
        if n:
            body.append(
                f'<rect x="{x:.1f}" y="{base - light:.1f}" width="{step * 0.6:.1f}" height="{light:.1f}" '
                f'fill="#d9d9d9" stroke="#000000" stroke-width="0.5"/>'
            )
        if u:
            body.append(
                f'<rect x="{x:.1f}" y="{base - light - dark:.1f}" width="{step * 0.6:.1f}" '
                f'height="{dark:.1f}" fill="#3a3a3a" stroke="#000000" stroke-width="0.5"/>'
            )
        if u or n:
            body.append(_text(x + step * 0.3, base - light - dark - 4, f"{n}/{u}", size=10))
        if len(groups) <= 16 or number % max(1, len(groups) // 12) == 0:
            body.append(_text(x + step * 0.3, base + 14, group.label, size=10))
    body.append(_text(left, 14, _("Light: did not use. Dark: used. Numbers: did not use / used."), "start", 10))
    unit = bucket_unit(start, end)
    title, column, per = (_(words) for words in _UNIT_WORDS[unit])
    alt = ngettext(
        "{title}: {without} entry ended without use and {used} with use",
        "{title}: {without} entries ended without use and {used} with use",
        sum(not_used),
    ).format(title=title, without=sum(not_used), used=sum(used))
    if groups:
        with_use, count = sum(1 for u in used if u), len(groups)
        alt += {
            "week": ngettext("; use in {used} of {count} week", "; use in {used} of {count} weeks", count),
            "month": ngettext("; use in {used} of {count} month", "; use in {used} of {count} months", count),
            "year": ngettext("; use in {used} of {count} year", "; use in {used} of {count} years", count),
        }[unit].format(used=with_use, count=count)
    alt += "."
    rows = tuple((g.label, str(n), str(u)) for g, u, n in zip(groups, used, not_used, strict=False))
    text = _("{spark}  ({per}; {used} in all, {without} without use)").format(
        spark=_spark([float(u) for u in used], float(max(used, default=0))),
        per=per,
        used=sum(used),
        without=sum(not_used),
    )
    return Chart(title, alt, _svg(height, title, alt, body), text, Table((column, _("Did not use"), _("Used")), rows))
