"""The session brief: a report period that never loses an entry typed late, page one that
carries the session (read back through pypdf, in both languages and on both papers), and
figures that never mislead. Every clock here is fixed."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from pypdf import PdfReader
from session_month import add_month

from workbook.common.clock import FixedClock
from workbook.export.options import Options
from workbook.services import sharing
from workbook.services.workbook import Workbook
from workbook.store.workbook_store import Store
from workbook.worksheets.loader import load_exercises

EXERCISES, _PROBLEMS = load_exercises()
EVERY = tuple(EXERCISES)
MONDAY_REPORT = datetime(2026, 11, 30, 22, 0, tzinfo=UTC)  # the report made on Monday night


def _book(at: datetime) -> tuple[Workbook, FixedClock]:
    store = Store.in_memory()
    add_month(store)
    clock = FixedClock(at)
    return Workbook(store, EXERCISES, [], clock), clock


def _markdown(book: Workbook, choice: str = sharing.SINCE_LAST) -> str:
    text = sharing.render(book, "md", sharing.period_options(book, choice, EVERY)).decode()
    return text.replace("\u202f", " ")  # Babel's narrow space before AM/PM


def _page_one(book: Workbook, options: Options, paper: str, lang: str) -> str:
    reader = PdfReader(io.BytesIO(sharing.render(book, "pdf", options, paper=paper, lang=lang)))
    return " ".join(reader.pages[0].extract_text().split())


def test_the_default_report_after_a_report_holds_every_entry_written_since(tmp_path: Path) -> None:
    book, clock = _book(MONDAY_REPORT)
    done = sharing.export(book, "md", sharing.period_options(book, sharing.SINCE_LAST, EVERY), tmp_path / "mon.md")
    assert done.mark_moved and sharing.last_export(book) == MONDAY_REPORT
    # Tuesday: a craving about Saturday night is written down, and one about Tuesday itself.
    clock.moment = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    book.store.add(
        "trigger-log",
        {"strength": 6, "note": "the Saturday one I forgot", "when": "2026-11-28 23:00"},
        created="2026-12-01T10:00:00+00:00",
    )
    book.store.add("trigger-log", {"strength": 2, "note": "a small one today"}, created="2026-12-01T09:00:00+00:00")
    clock.moment = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    tuesday = _markdown(book)
    assert "the Saturday one I forgot" in tuesday and "a small one today" in tuesday
    assert "after the last report" in tuesday  # the late entry says when it was written and what it is about
    assert "Since my last report (Mon, Nov 30, 2026, 10:00 PM)" in tuesday
    # Monday's own entries were in Monday's report: they are not counted again.
    assert "walk after lunch, day 30" not in tuesday
    monday = (tmp_path / "mon.md").read_text()
    assert "walk after lunch, day 30" in monday and "the Saturday one I forgot" not in monday


def test_a_report_of_an_old_period_leaves_the_next_default_report_unchanged(tmp_path: Path) -> None:
    book, clock = _book(MONDAY_REPORT)
    sharing.export(book, "md", sharing.period_options(book, sharing.SINCE_LAST, EVERY), tmp_path / "mon.md")
    clock.moment = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    before = _markdown(book)
    old = sharing.period_options(book, sharing.DATES, EVERY, start=date(2026, 10, 1), end=date(2026, 10, 31))
    assert not sharing.export(book, "md", old, tmp_path / "october.md").mark_moved
    week = sharing.period_options(book, sharing.WEEK, EVERY)
    assert not sharing.export(book, "pdf", week, tmp_path / "week.pdf").mark_moved
    assert sharing.last_export(book) == MONDAY_REPORT and _markdown(book) == before


def test_the_first_default_report_is_the_last_30_days_and_says_so() -> None:
    book, _clock = _book(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))
    book.store.add("gratitude-journal", {"grateful_1": "a very old entry"}, created="2025-01-05T10:00:00+00:00")
    text = _markdown(book)
    assert "The last 30 days, Mon, Nov 2, 2026 to Tue, Dec 1, 2026 (the first report: none was made before)" in text
    assert "a very old entry" not in text and "walk after lunch, day 2" in text


@pytest.mark.parametrize(("lang", "paper"), [("en", "us-letter"), ("es", "a4"), ("en", "a4"), ("es", "us-letter")])
def test_page_one_is_the_session_brief(lang: str, paper: str) -> None:
    book, _clock = _book(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))
    options = sharing.period_options(book, sharing.MONTH, EVERY)
    page = _page_one(book, options, paper, lang)
    words = {
        "en": ["Session brief", "question 9", "Overdue: Try urge surfing twice", "my cousin's flat", "before:"],
        "es": [
            "Resumen para la sesión",
            "pregunta 9",
            "Atrasada: Try urge surfing twice",
            "my cousin's flat",
            "antes:",
        ],
    }[lang]
    for word in words:
        assert word in page, word
    # The rest of the brief is on page one too: questions, medication, the plan's change (old → new).
    assert "How do I say no at the family dinner?" in page
    assert "Nov 12" in page or "12 de nov" in page  # a missed dose, by day
    assert "pay the rent first, then the gym" in page
    # ... and the next section starts on page two.
    assert ("This period at a glance" if lang == "en" else "Este periodo de un vistazo") not in page


def test_a_marked_entry_from_before_the_period_is_shown_whole_on_page_one() -> None:
    book, _clock = _book(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))
    old = book.store.add(
        "trigger-log",
        {"strength": 7, "note": "the wedding in October", "coping": "left early and called Ana"},
        created="2026-10-10T20:00:00+00:00",
    )
    book.store.replace(replace(old, bring_to_session=True))  # marked, as the entry view does
    text = _markdown(book, sharing.WEEK)
    brief = text.split("## This period at a glance")[0]
    assert "To bring: Trigger and craving log" in brief and "left early and called Ana" in brief


def test_figures_that_cannot_mislead() -> None:
    book, _clock = _book(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))
    text = _markdown(book, sharing.MONTH)
    brief = text.split("## This period at a glance")[0]
    # Quick logs that never said how they ended are "not said", never use.
    assert "use on 1 day (Sat, Nov 21)" in brief and "6 do not say how they ended" in brief
    # A period before the first entries is said in words, not as zero.
    assert "(nothing logged in the previous period)" in brief or "previous period: 1" in brief
    assert "Entries:** 19 (previous period: 1)" in text  # a real count, and a real zero below
    assert "Days with use:** 1 (previous period: 0)" in text
    # A plan row edited is one change, old → new.
    assert 'changed "Friday payday' in brief and "removed" not in brief.split("My plan in this period")[1]


def test_an_entry_about_a_day_alone_gets_no_invented_time() -> None:
    book, _clock = _book(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))
    # A check-in for Saturday typed just after midnight on Monday.
    book.store.add(
        "daily-checkin", {"date": "2026-11-28", "mood": 3, "craving": 9}, created="2026-11-30T00:05:00+00:00"
    )
    options = sharing.period_options(book, sharing.MONTH, ("daily-checkin",))
    rows = list(csv.DictReader(io.StringIO(sharing.render(book, "csv", options).decode("utf-8-sig"))))
    late = next(r for r in rows if r["Written"] == "2026-11-30T00:05:00+00:00")
    assert late["About (date and time)"] == "2026-11-28"
    text = sharing.render(book, "md", options).decode()
    assert "When in the week" not in text  # check-ins name days, not times: no time-of-day grid


def test_the_review_line_and_identifier_are_there_only_when_turned_on() -> None:
    book, _clock = _book(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))
    plain = _markdown(book, sharing.MONTH)
    assert "Reviewed with my counselor" not in plain and "Identifier" not in plain
    assert sharing.save_review_line(book, True) and sharing.save_identifier(book, "  MRN  4471 ")
    shown = _markdown(book, sharing.MONTH).split("## This period at a glance")[0]
    assert "Reviewed with my counselor on" in shown and "MRN 4471" in shown


def test_a_period_s_files_hold_the_goal_worked_on_and_the_plan() -> None:
    book, _clock = _book(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))
    goal = book.store.add("goal-setting", {"goal": "Three meetings a week"}, created="2026-09-01T10:00:00+00:00")
    book.store.replace(goal.revised({**goal.answers, "life_area": "recovery"}, updated="2026-11-20T10:00:00+00:00"))
    csv_options = sharing.period_options(book, sharing.MONTH, ("goal-setting",))
    rows = list(csv.DictReader(io.StringIO(sharing.render(book, "csv", csv_options).decode("utf-8-sig"))))
    assert [r["Entry id"] for r in rows] == [goal.id]
    month = sharing.period_options(book, sharing.MONTH, EVERY, include_private=True)
    exported = orjson.loads(sharing.render(book, "json", month))
    assert {"relapse-prevention-plan", "goal-setting", "trigger-log"} <= {e["exercise"] for e in exported["entries"]}


def test_a_table_answer_is_one_set_of_columns_per_row_in_the_spreadsheet() -> None:
    book, _clock = _book(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))
    book.store.add(
        "sessions",
        {
            "date": "2026-11-27",
            "homework": [
                {"task": "=call Ana", "due": "2026-11-30", "done": True},
                {"task": "walk twice", "due": "2026-12-02"},
            ],
        },
        created="2026-11-27T16:00:00+00:00",
    )
    options = sharing.period_options(book, sharing.MONTH, ("sessions",))
    text = sharing.render(book, "csv", options).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 5 and not any("\n" in cell for row in rows for cell in row.values())
    last = next(r for r in rows if r["Homework 2: Task"])
    assert last["Homework 1: Task"] == "'=call Ana" and last["Homework 1: Done"] == "1"
    assert last["Homework 2: By when"] == "2026-12-02" and last["Homework 2: Done"] == "0"


def _struct_types(node: object, found: list[tuple[str, list[str]]]) -> list[str]:
    """Every structure type under ``node``; each /Table's kinds of cells go into ``found``."""
    from pypdf.generic import ArrayObject, DictionaryObject

    node = node.get_object() if hasattr(node, "get_object") else node
    kinds: list[str] = []
    if isinstance(node, DictionaryObject):
        kind = str(node.get("/S", ""))
        kinds.append(kind)
        below = _struct_types(node.get("/K"), found) if "/K" in node else []
        if kind == "/Table":
            found.append((kind, below))
        kinds += below
    elif isinstance(node, ArrayObject):
        for child in node:
            kinds += _struct_types(child, found)
    return kinds


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_report_is_marked_pdf_ua_1_and_every_table_has_header_cells(lang: str) -> None:
    book, _clock = _book(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))
    options = sharing.period_options(book, sharing.MONTH, EVERY)
    reader = PdfReader(io.BytesIO(sharing.render(book, "pdf", options, lang=lang)))
    root: Any = reader.trailer["/Root"]
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert str(root["/Lang"]).startswith(lang)
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "pdfuaid:part" in xmp and ">1<" in xmp.split("pdfuaid:part")[1][:20]
    tables: list[tuple[str, list[str]]] = []
    _struct_types(root["/StructTreeRoot"], tables)
    assert tables and all("/TH" in cells for _kind, cells in tables)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_outside_pdf_ua_checker_finds_nothing(lang: str, tmp_path: Path) -> None:
    import pdfua

    book, _clock = _book(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))
    target = tmp_path / "month.pdf"
    target.write_bytes(sharing.render(book, "pdf", sharing.period_options(book, sharing.MONTH, EVERY), lang=lang))
    report = pdfua.validate(str(target))
    assert report.findings == (), [f.to_dict() if hasattr(f, "to_dict") else f for f in report.findings]


# -- what the attack on the period found -----------------------------------------------------


def _since_report(book: Workbook, tmp_path: Path, name: str) -> str:
    options = sharing.period_options(book, sharing.SINCE_LAST, EVERY)
    done = sharing.export(book, "md", options, tmp_path / name)
    assert done.mark_moved
    return (tmp_path / name).read_text()


def test_only_a_whole_report_to_a_file_moves_the_mark(tmp_path: Path) -> None:
    book, _clock = _book(MONDAY_REPORT)
    since = sharing.period_options(book, sharing.SINCE_LAST, EVERY)
    one_log = sharing.period_options(book, sharing.SINCE_LAST, ("trigger-log",))
    assert not sharing.export(book, "csv", one_log, tmp_path / "log.csv").mark_moved
    assert not sharing.export(book, "md", one_log, tmp_path / "part.md").mark_moved
    assert not sharing.written(book, "md", None, since).mark_moved  # a look at standard output
    assert sharing.last_export(book) is None
    assert sharing.export(book, "md", since, tmp_path / "whole.md").mark_moved


def test_entries_that_arrive_late_are_in_the_next_report(tmp_path: Path) -> None:
    book, clock = _book(MONDAY_REPORT)
    _since_report(book, tmp_path, "first.md")
    # Saved in the same second as the mark.
    same_second = book.save(EXERCISES["trigger-log"], {"strength": 3, "note": "RACE in the same second"})
    # Imported from another computer, written there before the mark.
    other = Workbook(Store.in_memory(), EXERCISES, [], FixedClock(datetime(2026, 11, 30, 12, 0, tzinfo=UTC)))
    other.save(EXERCISES["trigger-log"], {"strength": 5, "note": "LAPTOP entry"})
    backup = tmp_path / "laptop.json"
    everything = sharing.period_options(other, sharing.EVERYTHING, EVERY, include_private=True)
    sharing.export(other, "json", everything, backup)
    clock.moment = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    from workbook.services import care

    care.import_file(book, backup)
    # Deleted before the report, put back after it.
    old = next(e for e in book.entries() if e.answers.get("note") == "craving 3 after work")
    book.delete(old.id)
    _since_report(book, tmp_path, "second.md")
    book.undo_delete()
    # The clock set back after a report that was made while it ran fast.
    clock.moment = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    book.save(EXERCISES["trigger-log"], {"strength": 4, "note": "CLOCK set back"})
    second = (tmp_path / "second.md").read_text()
    assert "RACE in the same second" in second and "LAPTOP entry" in second
    clock.moment = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    third = _since_report(book, tmp_path, "third.md")
    assert "craving 3 after work" in third and "CLOCK set back" in third
    assert sharing.period_options(book, sharing.SINCE_LAST, EVERY).late == frozenset()  # shown: forgotten
    assert same_second.id  # kept


def test_two_self_checks_on_one_day_keep_their_order() -> None:
    book, _clock = _book(datetime(2026, 12, 6, 21, 0, tzinfo=UTC))
    from session_month import PHQ_HIGH, PHQ_LOW

    for hour, answers in (("08", PHQ_LOW), ("20", PHQ_HIGH)):
        book.store.add(
            "phq-9",
            {"date": "2026-12-05", **{f"item{i + 1}": a for i, a in enumerate(answers)}},
            created=f"2026-12-05T{hour}:00:00+00:00",
        )
    brief = _markdown(book, sharing.WEEK).split("## This period at a glance")[0]
    assert "13 (moderate) on Sat, Dec 5; before: 7 (mild) on Sat, Dec 5" in brief
    assert "PHQ-9 (mood self-check), Sat, Dec 5: 13 of 27 (moderate)" in brief


def test_an_old_entry_fixed_since_the_last_report_is_listed_but_not_counted(tmp_path: Path) -> None:
    book, clock = _book(MONDAY_REPORT)
    _since_report(book, tmp_path, "first.md")
    clock.moment = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    lapse = next(e for e in book.entries() if e.answers.get("outcome") == "used")
    book.save(EXERCISES["trigger-log"], {**lapse.answers, "note": "the party at my cousin's (fixed a typo)"}, lapse)
    text = _markdown(book)
    brief = text.split("## This period at a glance")[0]
    assert "a use was logged" not in brief and "use on 1 day" not in brief
    assert "fixed a typo" in text and "after the last report" in text  # listed in its worksheet's section


@pytest.mark.parametrize(
    "mark",
    ["0001-01-01T00:00:00", "0500-01-01T00:00:00+00:00", "0001-01-01", "9999-12-31", "nonsense", "x" * 10_000, 7],
)
def test_a_hand_edited_mark_never_stops_a_report(mark: object) -> None:
    book, _clock = _book(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))
    book.save_setting(sharing.LAST_EXPORT, mark)
    assert "Session brief" in _markdown(book)


def test_a_negative_number_in_a_table_stays_a_number_and_long_tables_fit_a_spreadsheet() -> None:
    from workbook.export.csv_export import CELL_LIMIT, render_csv
    from workbook.worksheets.entry import Entry

    plan = EXERCISES["relapse-prevention-plan"]
    rows = [{"situation": f"place {n} " + "w" * 200, "risk": 3} for n in range(400)]
    entry = Entry.new(plan.id, {"high_risk": rows}, created="2026-11-20T10:00:00+00:00")
    table = list(csv.reader(io.StringIO(render_csv([entry], plan).decode("utf-8-sig"))))
    assert all(len(cell) <= CELL_LIMIT for cell in table[1]) and sum("place 399" in c for c in table[1]) == 1


def test_a_busy_month_keeps_homework_and_questions_to_what_this_session_needs() -> None:
    book, _clock = _book(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))
    for n in range(6):
        day = f"2026-11-{10 + n:02d}"
        book.store.add(
            "sessions",
            {
                "date": day,
                "questions": f"question from session {n}",
                "homework": [{"task": f"task {n}-{t}", "due": f"2026-11-{12 + t:02d}"} for t in range(3)],
            },
            created=f"{day}T16:00:00+00:00",
        )
    brief = _markdown(book, sharing.MONTH).split("## This period at a glance")[0]
    assert "How do I say no at the family dinner?" in brief  # the latest session's questions only
    assert "question from session" not in brief
    overdue = [line for line in brief.splitlines() if line.startswith("- Overdue:")]
    assert len(overdue) == 6 and "more (in the full list below)" in brief
    assert overdue[0].endswith("(by Mon, Nov 9)") or "Nov 12" in overdue[0]  # soonest first
    assert "Daily check-in: 9 days; Meetings and groups: 5 days" in brief  # meetings said as days


def test_only_a_report_that_should_move_the_mark_warns_when_it_cannot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from workbook.cli import main

    db = tmp_path / "data" / "workbook.json"
    with Store.open(db) as store:
        add_month(store)
    clock = FixedClock(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))
    assert main(["--db", str(db), "export", "--format", "pdf", "-o", str(tmp_path / "w.pdf"), "--period", "7"],
                clock=clock) == 0  # fmt: skip
    assert "could not be kept" not in capsys.readouterr().err
