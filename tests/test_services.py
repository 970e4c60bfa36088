"""The application layer's rules, tested without an app: each in milliseconds, on an
in-memory workbook (or a temporary file) with a fixed clock."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import orjson
import pytest

from workbook.common.clock import FixedClock
from workbook.common.errors import WorkbookError
from workbook.export.options import Options
from workbook.services import care, daily, sharing
from workbook.services.events import Changed, What
from workbook.services.workbook import EntryNotValid, Workbook
from workbook.store.workbook_store import Store
from workbook.worksheets.builtin import CheckIn, Cravings, Plan, Practice
from workbook.worksheets.definition import Role
from workbook.worksheets.drafts import Draft
from workbook.worksheets.loader import load_exercises

EXERCISES, _PROBLEMS = load_exercises()
DAY = date(2026, 11, 22)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 22, 20, 30).astimezone())


@pytest.fixture
def book(clock: FixedClock) -> Workbook:
    return Workbook(Store.in_memory(), EXERCISES, [], clock)


def heard(book: Workbook) -> list[Changed]:
    found: list[Changed] = []
    book.subscribe(found.append)
    return found


# -- saving through the one check ---------------------------------------------------------------


def test_a_save_is_checked_field_by_field_and_nothing_is_kept_when_it_fails(book: Workbook) -> None:
    log = EXERCISES[Cravings.ID]
    with pytest.raises(EntryNotValid) as caught:
        book.save(log, {Cravings.strength.id: 14, Cravings.note.id: "after work"})
    assert caught.value.problems[0].field == Cravings.strength.id
    assert "Nothing was saved" in str(caught.value)
    assert book.entries() == []


def test_a_save_takes_the_clock_s_time_keeps_every_draft_and_is_announced(book: Workbook) -> None:
    changes = heard(book)
    log = EXERCISES[Cravings.ID]
    book.keep_draft(Draft(Cravings.ID, None, {Cravings.note.id: "half"}, False, "2026-11-22T20:00:00+00:00"))
    saved = book.save(log, {Cravings.strength.id: 4})  # a quick log, say: not the form's save
    assert saved.created.startswith("2026-11-22T20:30:00")
    assert [d.answers for d in book.drafts()] == [{Cravings.note.id: "half"}]  # never lost to another save
    assert Changed(What.ENTRIES, frozenset({Cravings.ID})) in changes


def test_a_moment_later_than_now_is_refused(book: Workbook) -> None:
    log = EXERCISES[Cravings.ID]
    when = log.role_field(Role.WHEN)
    assert when is not None
    with pytest.raises(EntryNotValid, match="later than now"):
        book.save(log, {Cravings.strength.id: 4, when.id: "2026-11-23 09:00"})


# -- the day's rules ----------------------------------------------------------------------------


def test_one_check_in_a_day_and_a_second_adds_to_the_first(book: Workbook, clock: FixedClock) -> None:
    first = daily.check_in(book, {CheckIn.mood.id: 4})
    assert first.new and first.entry.answers[CheckIn.date.id] == "2026-11-22"
    clock.advance(hours=2)
    second = daily.check_in(book, {CheckIn.craving.id: 2})
    assert not second.new and len(book.entries(CheckIn.ID)) == 1
    assert second.entry.answers[CheckIn.mood.id] == 4 and second.entry.answers[CheckIn.craving.id] == 2
    assert daily.todays_check_in(book) is not None
    clock.advance(days=1)
    assert daily.todays_check_in(book) is None


def test_a_new_check_in_needs_its_required_answer(book: Workbook) -> None:
    with pytest.raises(EntryNotValid) as caught:
        daily.check_in(book, {CheckIn.craving.id: 2})
    assert caught.value.problems[0].field == CheckIn.mood.id and book.entries() == []


def test_a_strong_check_in_craving_brings_the_persons_own_care(book: Workbook) -> None:
    done = daily.check_in(book, {CheckIn.mood.id: 2, CheckIn.craving.id: 9})
    assert done.strong is not None and done.strong.lines.lines


def test_a_quick_craving_and_a_strong_one(book: Workbook) -> None:
    book.save(EXERCISES[Plan.ID], {Plan.reasons.id: "my kids"})
    quiet = daily.log_craving(book, 3, "after the call")
    assert quiet.strong is None and quiet.entry.answers[Cravings.note.id] == "after the call"
    strong = daily.log_craving(book, 9, "")
    assert strong.strong is not None and strong.strong.plan is not None


def test_a_lapse_goes_into_the_plan_as_a_risky_situation_reviewed_today(book: Workbook) -> None:
    lapse = book.save(
        EXERCISES[Cravings.ID],
        {
            Cravings.strength.id: 8,
            Cravings.outcome.id: "used",
            Cravings.where.id: "the bar on 5th",
            Cravings.next_time.id: "call Ana first",
        },
    )
    change = daily.lapse_into_plan(book, lapse)
    assert change is not None and change.plan is None
    rows = Plan.high_risk.rows(change.answers)
    assert rows[-1][Plan.SITUATION] == "the bar on 5th" and rows[-1][Plan.PLAN] == "call Ana first"
    assert change.answers[Plan.last_reviewed.id] == "2026-11-22"
    assert book.entries(Plan.ID) == []  # shown in the form to look over: nothing saved yet


def test_a_long_practice_is_kept_at_the_longest_the_log_counts(book: Workbook) -> None:
    from workbook.worksheets.practice import practice_answers

    kept = daily.save_practice(book, practice_answers("grounding", 120 * 60, None, None, DAY))
    spec = Practice.minutes.spec(EXERCISES[Practice.ID])
    assert spec is not None and Practice.minutes.number(kept.answers) == spec.max


def test_riding_out_completes_the_craving_it_began_from(book: Workbook) -> None:
    from workbook.worksheets.practice import urge_craving_answers

    craving = daily.log_craving(book, 8, "payday").entry
    done = daily.ride_out(book, craving, urge_craving_answers(8, 3, 600))
    assert done.id == craving.id and Cravings.strength_end.number(done.answers) == 3
    again = daily.ride_out(book, done, urge_craving_answers(3, 1, 300))  # a second ride adds its minutes
    assert Cravings.surfed_minutes.number(again.answers) == 15 and Cravings.strength_end.number(again.answers) == 3
    new = daily.ride_out(book, None, urge_craving_answers(6, None, 300))
    assert new.id != craving.id and len(book.entries(Cravings.ID)) == 2


# -- marks, delete and undo ---------------------------------------------------------------------


def test_marks_and_clearing_them(book: Workbook) -> None:
    entry = daily.log_craving(book, 3, "").entry
    changes = heard(book)
    marked = book.toggle_mark(entry)
    assert marked.bring_to_session and book.marked_count() == 1
    assert book.clear_marks() == 1 and book.marked_count() == 0
    assert [c.what for c in changes] == [What.ENTRIES, What.ENTRIES]


def test_delete_and_undo(book: Workbook) -> None:
    entry = daily.log_craving(book, 3, "").entry
    assert not book.can_undo and book.undo_delete() is None
    book.delete(entry.id)
    assert book.entries() == [] and book.can_undo
    assert book.undo_delete() == entry and book.get(entry.id) == entry
    with pytest.raises(WorkbookError):
        book.delete("no-such-entry")


# -- sharing ------------------------------------------------------------------------------------


def _days(options: Options) -> tuple[date | None, date | None, datetime | None, str]:
    return options.start, options.end, options.since, options.chosen.value


def test_the_named_periods(book: Workbook) -> None:
    every = tuple(EXERCISES)
    first = sharing.period_options(book, sharing.SINCE_LAST, every)
    assert _days(first) == (date(2026, 10, 24), DAY, None, "first")  # no report yet: the last 30 days
    assert _days(sharing.period_options(book, sharing.WEEK, every)) == (date(2026, 11, 16), DAY, None, "7")
    assert _days(sharing.period_options(book, sharing.MONTH, every)) == (date(2026, 10, 24), DAY, None, "30")
    assert _days(sharing.period_options(book, sharing.EVERYTHING, every)) == (None, None, None, "all")
    book.save_setting(sharing.LAST_EXPORT, "2026-11-10T14:05:00+00:00")
    since = datetime(2026, 11, 10, 14, 5, tzinfo=UTC)
    assert _days(sharing.period_options(book, sharing.SINCE_LAST, every)) == (None, DAY, since, "since")
    book.save_setting(sharing.LAST_EXPORT, "2026-11-10")  # a mark kept as a day, before marks were moments
    assert sharing.last_export(book) == datetime(2026, 11, 10, tzinfo=book.now().tzinfo)  # shown again, never lost


def test_only_a_report_of_everything_since_the_mark_moves_it(book: Workbook, tmp_path: Path, clock: FixedClock) -> None:
    daily.log_craving(book, 3, "")
    everything = sharing.period_options(book, sharing.EVERYTHING, tuple(EXERCISES), include_private=True)
    done = sharing.export(book, "json", everything, tmp_path / "all.json")
    assert done.path is not None and not done.report and sharing.last_export(book) is None
    week = sharing.period_options(book, sharing.WEEK, tuple(EXERCISES))
    done = sharing.export(book, "md", week, tmp_path / "week.md")
    assert done.report and not done.mark_moved and sharing.last_export(book) is None
    old = sharing.period_options(book, sharing.DATES, tuple(EXERCISES), start=date(2026, 10, 1), end=DAY)
    assert not sharing.export(book, "md", old, tmp_path / "old.md").mark_moved
    since = sharing.period_options(book, sharing.SINCE_LAST, tuple(EXERCISES))
    done = sharing.export(book, "md", since, tmp_path / "report.md")
    assert done.report and done.mark_moved and sharing.last_export(book) == book.now()
    assert "Recovery Workbook" in sharing.preview(book, "md", everything)


def test_a_name_for_reports_is_tidied_and_kept_once(book: Workbook) -> None:
    assert sharing.save_name(book, "  Jo   R. ")
    assert book.setting(sharing.NAME) == "Jo R."
    assert not sharing.save_name(book, "Jo R.")


# -- looking after the file ---------------------------------------------------------------------


def test_an_import_is_read_checked_backed_up_and_never_doubled(tmp_path: Path, clock: FixedClock) -> None:
    source = Workbook(Store.in_memory(), EXERCISES, [], clock)
    daily.log_craving(source, 5, "from the other computer")
    export = tmp_path / "export.json"
    sharing.export(source, "json", Options(include=tuple(EXERCISES), include_private=True), export)
    with Workbook(Store.open(tmp_path / "data" / "w.json"), EXERCISES, [], clock) as book:
        first = care.import_file(book, export)
        assert first.added == 1 and first.kept is not None
        again = care.import_file(book, export)
        assert again.added == 0 and again.unchanged == 1 and again.kept is None
    with pytest.raises(WorkbookError, match="Nothing was imported"):
        care.read_for_import(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_bytes(orjson.dumps({"format": "nope"}))
    with Workbook(Store.open(tmp_path / "data" / "w.json"), EXERCISES, [], clock) as book:
        with pytest.raises(WorkbookError):
            care.import_file(book, tmp_path / "bad.json")
        assert len(book.entries()) == 1


def test_settings_are_announced_once_and_languages_remembered(book: Workbook) -> None:
    changes = heard(book)
    book.save_setting("theme", "textual-light")
    book.save_setting("theme", "textual-light")
    assert changes == [Changed(What.SETTINGS, frozenset({"theme"}))]
    book.remember_language("es")
    assert book.speak() == "es" and book.exercises[CheckIn.ID].language == "es"
    book.speak("en")


def test_a_last_export_mark_later_than_today_is_read_as_none(book: Workbook) -> None:
    book.save_setting(sharing.LAST_EXPORT, "2030-01-01T10:00:00+00:00")  # a clock that was ahead once
    assert sharing.period_options(book, sharing.SINCE_LAST, ()).chosen.value == "first"


def test_a_given_time_must_be_real_and_past(book: Workbook) -> None:
    log = EXERCISES[Cravings.ID]
    for created in ("yesterday", "2999-01-01T10:00:00+00:00"):
        with pytest.raises(WorkbookError, match="Nothing was saved"):
            book.save(log, {Cravings.strength.id: 3}, created=created)
    assert book.entries() == []
    kept = book.save(log, {Cravings.strength.id: 3}, created="2026-11-21T22:00:00-05:00")
    assert kept.created == "2026-11-21T22:00:00-05:00"


def test_an_unknown_format_is_a_clear_refusal(book: Workbook, tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match="Unknown format"):
        sharing.export(book, "docx", Options(include=tuple(EXERCISES)), tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


def test_deleting_an_entry_drops_the_draft_of_an_edit_to_it(book: Workbook) -> None:
    saved = book.save(EXERCISES[Cravings.ID], {Cravings.strength.id: 4})
    key = f"{Cravings.ID}:{saved.id}"
    book.keep_draft(Draft(Cravings.ID, saved.id, {Cravings.strength.id: 5}, False, "2026-11-22T20:00:00+00:00"))
    assert book.draft(key) is not None
    book.delete(saved.id)
    assert book.draft(key) is None and book.drafts() == []


def test_a_spreadsheet_header_that_looks_like_a_formula_stays_text() -> None:
    import csv
    import io

    from workbook.export.csv_export import render_csv
    from workbook.worksheets.entry import Entry
    from workbook.worksheets.loader import parse_exercise

    sheet = parse_exercise(
        'id = "odd"\nversion = 1\ntitle = "Odd"\nintro = "x"\n'
        '[[fields]]\nid = "a"\nkind = "text"\nlabel = "=SUM(A1)"\n',
        "odd.toml",
    )
    rows = list(csv.reader(io.StringIO(render_csv([Entry.new("odd", {"a": "fine"})], sheet).decode("utf-8-sig"))))
    assert rows[0][-1] == "'=SUM(A1)"


def test_check_names_a_scored_answer_that_cannot_be_read(tmp_path: Path) -> None:
    from workbook.services.opening import check

    db = tmp_path / "data" / "w.json"
    with Store.open(db) as store:
        store.add(  # an older version of the worksheet: only the shape is checked
            "phq-9",
            {"date": "2026-11-20", "item9": "sometimes, maybe"},
            created="2026-11-20T10:00:00+00:00",
            exercise_version=7,
        )
    ok, message = check(db, lambda: "")
    assert not ok and "Question 9" in message and "flagged for the counselor" in message
