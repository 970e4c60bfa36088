"""Provides closed years: entries of years long past, kept in the same file as one compressed
blob per year in the ``archive`` table, and read only when something asks for them.

At thirty years of daily use, parsing every entry into objects at each start was most of the
start time and of the memory (docs/performance.md). ``plan_closing`` and ``close`` move the
entries written and last changed before last year into the ``archive`` table, one document a
year::

    {"year": 2019, "counts": {"trigger-log": 812}, "flagged": {"trigger-log": 3},
     "first": "2019-01-01T08:12:00-05:00", "entries": "<base64 of zlib-compressed JSON>"}

``counts`` answers Home's counts, ``flagged`` says which years hold an entry the caller asked
to find quickly (the last logged use), ``first`` the day the workbook begins. What stays live
(parsed, in the entries table): the current and the previous year, entries marked for a
session, whatever the caller keeps (living documents such as the plan), each worksheet's
newest ``KEEP_NEWEST`` and its newest flagged entry. It is the same file, written by the same
durable write, encrypted with everything else; a year that cannot be read is set aside word
for word, like a damaged record. This module knows nothing of worksheets or Textual.
"""

from __future__ import annotations

import base64
import binascii
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import orjson

from workbook.common.i18n import _
from workbook.common.printable import harmless, json_may_hold_controls
from workbook.store.entry_index import order_key
from workbook.store.migrations import ARCHIVE_TABLE, ENTRIES_TABLE, Data
from workbook.worksheets.entry import Entry
from workbook.worksheets.entry_check import envelope_problem, parse_stamp

KEEP_NEWEST = 12  # each worksheet's newest entries stay live: Home shows that many
MAX_YEAR_BYTES = 64_000_000  # a year's JSON, unpacked: ten times a heavy year's, and a guard against a bomb
# A year's objects and lists, and its items: a heavy year has tens of thousands. Tiny items
# ("[{},{},...]") would otherwise make gigabytes of objects out of a few kilobytes.
MAX_YEAR_CONTAINERS = 1_000_000
MAX_YEAR_ITEMS = 2_000_000
MAX_BROKEN_IN_YEAR = 100  # more entries that are not whole than this: the year is set aside whole
SUMMARY_KEYS = frozenset({"year", "counts", "flagged", "first", "entries"})

Flag = Callable[[Entry], bool]


class DamagedYear(Exception):
    """A closed year whose entries cannot be read; ``reason`` says why, in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class YearSummary:
    """What a closed year holds, read without unpacking it."""

    year: int
    counts: dict[str, int]
    flagged: dict[str, int]
    first: str


def _tally(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and type(n) is int and 0 <= n <= 10_000_000 for k, n in value.items()
    )


def year_problem(key: str, doc: Any) -> str | None:
    """Why the archive document ``doc`` (stored under ``key``) is not a closed year (``None``
    when it is one). Its entries are checked when it is unpacked."""
    if not isinstance(doc, dict) or set(doc) != SUMMARY_KEYS:
        return _("a closed year's record does not have the parts it needs")
    year = doc["year"]
    if type(year) is not int or not 1900 <= year <= 9999 or str(year) != key:
        return _("a closed year's record does not name its year")
    if not _tally(doc["counts"]) or not _tally(doc["flagged"]):
        return _("a closed year's counts cannot be read")
    if not isinstance(doc["first"], str) or parse_stamp(doc["first"]) is None:
        return _("a closed year's first day cannot be read")
    if not isinstance(doc["entries"], str):
        return _("a closed year's entries are not where they belong")
    return None


def summaries(data: Data) -> dict[int, YearSummary]:
    """The closed years in ``data`` by year (those whose record is sound; ``repair`` sets the
    others aside when the file opens)."""
    found = {}
    for key, doc in data.get(ARCHIVE_TABLE, {}).items():
        if year_problem(key, doc) is None:
            found[doc["year"]] = YearSummary(doc["year"], doc["counts"], doc["flagged"], doc["first"])
    return found


def unpack(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The entry documents of a closed year; ``DamagedYear`` when they cannot be read. The
    unpacked size is bounded, and control characters never reach a screen."""
    if not isinstance(doc.get("entries"), str):
        raise DamagedYear(_("a closed year's entries are not where they belong"))
    try:
        packed = base64.b64decode(doc["entries"], validate=True)
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_YEAR_BYTES)
        if inflater.unconsumed_tail:
            raise DamagedYear(_("a closed year unpacks to more than a workbook holds"))
        if not inflater.eof:
            raise DamagedYear(_("a closed year's entries are cut short"))
        if raw.count(b"{") + raw.count(b"[") > MAX_YEAR_CONTAINERS or raw.count(b",") > MAX_YEAR_ITEMS:
            raise DamagedYear(_("a closed year unpacks to more than a workbook holds"))
        docs = orjson.loads(raw)
    except (binascii.Error, ValueError, zlib.error):  # orjson's error is a ValueError
        raise DamagedYear(_("a closed year's entries cannot be unpacked")) from None
    if not isinstance(docs, list) or not all(isinstance(d, dict) for d in docs):
        raise DamagedYear(_("a closed year does not hold a list of entries"))
    if json_may_hold_controls(raw):
        docs = harmless(docs)
    return list(docs)


def pack(year: int, docs: list[dict[str, Any]], flag: Flag) -> dict[str, Any]:
    """The archive document of ``year`` holding ``docs`` (whole entries: they pass
    ``envelope_problem``), stored word for word in the order they were written."""
    pairs = sorted(((Entry.from_dict(d, share=True), d) for d in docs), key=lambda pair: order_key(pair[0]))
    entries = [entry for entry, _doc in pairs]
    return {
        "year": year,
        "counts": dict(Counter(e.exercise for e in entries)),
        "flagged": dict(Counter(e.exercise for e in entries if flag(e))),
        "first": entries[0].created if entries else "",
        "entries": base64.b64encode(zlib.compress(orjson.dumps([doc for _entry, doc in pairs]), 6)).decode("ascii"),
    }


def whole_year(year_doc: Any, key: str) -> list[dict[str, Any]] | None:
    """The entries of a closed year when the year is sound and every entry in it is whole;
    ``None`` otherwise (it is set aside when it is read, never packed again here)."""
    if year_problem(key, year_doc) is not None:
        return None
    try:
        docs = unpack(year_doc)
    except DamagedYear:
        return None
    return docs if all(envelope_problem(d) is None for d in docs) else None


def _year(stamp: Any) -> int:
    moment = parse_stamp(stamp)
    return moment.year if moment is not None else 9999  # never closed: a damaged stamp stays in sight


def plan_closing(data: Data, today: date, keep: Flag, flag: Flag, recent_days: int = 0) -> dict[int, list[str]]:
    """The live documents (by key in the entries table) to close, by year; empty when nothing
    is due. Cheap when nothing is: only the stamps of the live entries are read. This year and
    last year stay live, and every year the last ``recent_days`` reach into (Home's recent
    entries, read at every start: early in a year they reach the year before last)."""
    cutoff = min(today.year - 1, (today - timedelta(days=recent_days + 2)).year)
    table = data.get(ENTRIES_TABLE, {})
    due = [
        key
        for key, doc in table.items()
        if not doc.get("bring_to_session") and _year(doc.get("created")) < cutoff and _year(doc.get("updated")) < cutoff
    ]
    if not due:
        return {}
    entries = {key: Entry.from_dict(doc, share=True) for key, doc in table.items()}
    protected: set[str] = set()
    by_worksheet: dict[str, list[tuple[str, Entry]]] = {}
    for key, entry in entries.items():
        by_worksheet.setdefault(entry.exercise, []).append((key, entry))
    for found in by_worksheet.values():
        found.sort(key=lambda pair: order_key(pair[1]), reverse=True)
        protected.update(key for key, _entry in found[:KEEP_NEWEST])
        protected.update(next(([key] for key, entry in found if flag(entry)), []))
    plan: dict[int, list[str]] = {}
    for key in due:
        if key not in protected and not keep(entries[key]):
            plan.setdefault(entries[key].created_at.year, []).append(key)
    return plan


def close(data: Data, plan: dict[int, list[str]], flag: Flag) -> int:
    """Carry out ``plan`` on ``data`` in place; how many entries were closed. A year already
    closed takes its stragglers in, when it is sound: a damaged one is left as it is (it is set
    aside when it is read) and its stragglers stay live."""
    table = data.get(ENTRIES_TABLE, {})
    archive = data.setdefault(ARCHIVE_TABLE, {})
    moved = 0
    for year, keys in plan.items():
        docs = [table[key] for key in keys]
        earlier = archive.get(str(year))
        if earlier is not None:
            sound = whole_year(earlier, str(year))
            if sound is None:
                continue
            docs = sound + docs
        archive[str(year)] = pack(year, docs, flag)
        for key in keys:
            del table[key]
        moved += len(keys)
    if not archive:
        del data[ARCHIVE_TABLE]
    return moved


def open_all(data: Data) -> Iterator[tuple[str, Any]]:
    """Every entry document in ``data``, live and closed, with a label naming where it is; a
    closed year that cannot be read gives its label and a ``DamagedYear``."""
    for key, doc in data.get(ENTRIES_TABLE, {}).items():
        yield key, doc
    for key, year_doc in data.get(ARCHIVE_TABLE, {}).items():
        try:
            wrong = year_problem(key, year_doc)
            if wrong is not None:
                raise DamagedYear(wrong)
            docs = unpack(year_doc)
        except DamagedYear as exc:
            yield _("closed year {year} (every entry in it)").format(year=str(key)[:6]), exc
            continue
        found: Counter[str] = Counter(str(d.get("exercise")) for d in docs if isinstance(d, dict))
        if found != Counter({k: n for k, n in year_doc["counts"].items() if n}):
            yield _("closed year {year}").format(year=key), DamagedYear(_("its counts do not match its entries"))
        for number, doc in enumerate(docs, start=1):
            yield _("closed year {year}, entry {number}").format(year=key, number=number), doc


def expand(data: Data, years: Iterable[str] | None = None) -> bool:
    """Put the entries of every readable closed year (or of ``years``) back in the entries
    table of ``data`` (in place; new record numbers): for a tool that rewrites a copy entry by
    entry, such as erasing from backups. True when anything moved."""
    archive = data.get(ARCHIVE_TABLE, {})
    table = data.setdefault(ENTRIES_TABLE, {})
    number = max((int(k) for k in table), default=0)
    moved = False
    for key in list(years if years is not None else archive):
        year_doc = archive.get(key)
        if year_doc is None or year_problem(key, year_doc) is not None:
            continue
        try:
            docs = unpack(year_doc)
        except DamagedYear:
            continue  # left as it is, word for word
        for doc in docs:
            number += 1
            table[str(number)] = doc
        del archive[key]
        moved = True
    if ARCHIVE_TABLE in data and not archive:
        del data[ARCHIVE_TABLE]
    return moved
