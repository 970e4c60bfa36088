"""Dates in plain words, English and Spanish, from the shell and in the forms: read against a
fixed clock, never a time still to come, and what was understood is shown before saving."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook.cli import main
from workbook.common.clock import FixedClock
from workbook.services.when import WhenNotUnderstood, understand, understand_day
from workbook.store.workbook_store import Store

NOW = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)  # a Monday morning


@pytest.mark.parametrize(
    ("words", "lang", "meant"),
    [
        ("yesterday 10pm", "en", datetime(2026, 12, 6, 22, 0)),
        ("last night 10pm", "en", datetime(2026, 12, 6, 22, 0)),
        ("saturday 21:30", "en", datetime(2026, 12, 5, 21, 30)),
        ("2 hours ago", "en", datetime(2026, 12, 7, 7, 30)),
        ("2026-12-05 21:30", "en", datetime(2026, 12, 5, 21, 30)),
        ("ayer a las 22:00", "es", datetime(2026, 12, 6, 22, 0)),
        ("anoche", "es", datetime(2026, 12, 6, 21, 0)),
        ("anoche a las 11", "es", datetime(2026, 12, 6, 23, 0)),
        ("el sábado a las 9", "es", datetime(2026, 12, 5, 9, 0)),
        ("el sábado a las 9 de la noche", "es", datetime(2026, 12, 5, 21, 0)),
        ("hace dos horas", "es", datetime(2026, 12, 7, 7, 30)),
        ("yesterday 10pm", "es", datetime(2026, 12, 6, 22, 0)),  # English words in a Spanish workbook
        ("ayer 22h", "es", datetime(2026, 12, 6, 22, 0)),
        ("el viernes pasado a las 9 de la noche", "es", datetime(2026, 12, 4, 21, 0)),
        ("el sabado a las 21:30", "es", datetime(2026, 12, 5, 21, 30)),  # typed without the accent
    ],
)
def test_plain_words_name_the_moment_meant(words: str, lang: str, meant: datetime) -> None:
    assert understand(words, lang, NOW) == meant


@pytest.mark.parametrize("words", ["tomorrow 10am", "mañana a las 10", "in 3 hours", "2027-01-01 10:00"])
def test_a_time_still_to_come_is_refused_kindly(words: str) -> None:
    with pytest.raises(WhenNotUnderstood, match="has not come yet"):
        understand(words, "en" if words.isascii() else "es", NOW)


@pytest.mark.parametrize("words", ["", "purple", "saturday 9", "x" * 200, "10", "yesterday", "friday",
                                   "yesterday at 25:00", "2026-12-05", "5 10pm", "the 5th at 10pm",
                                   "last night 11"])  # fmt: skip
def test_what_cannot_be_read_is_refused_with_an_example(words: str) -> None:
    # A day with no time is refused too: a time the person did not say would be invented.
    with pytest.raises(WhenNotUnderstood, match="yesterday 10pm"):
        understand(words, "en", NOW)


@pytest.mark.parametrize(
    ("words", "lang", "meant"),
    [
        ("last night at 2am", "en", datetime(2026, 12, 7, 2, 0)),  # this morning, not 32 hours ago
        ("anoche a las 2", "es", datetime(2026, 12, 7, 2, 0)),
        ("monday 9am", "en", datetime(2026, 12, 7, 9, 0)),  # said on a Monday at 9:30: today
    ],
)
def test_the_nearest_moment_meant_not_one_a_day_or_a_week_early(words: str, lang: str, meant: datetime) -> None:
    assert understand(words, lang, NOW) == meant


def test_a_day_may_be_one_still_to_come() -> None:
    today = NOW.date()
    assert understand_day("yesterday", "en", today) == date(2026, 12, 6)
    assert understand_day("ayer", "es", today) == date(2026, 12, 6)
    assert understand_day("2026-12-24", "en", today) == date(2026, 12, 24)
    with pytest.raises(WhenNotUnderstood):
        understand_day("whenever", "en", today)


@pytest.mark.parametrize(
    ("words", "meant"),
    [
        ("el viernes pasado", date(2026, 12, 4)),  # the app's own example (a Monday today)
        ("viernes pasado", date(2026, 12, 4)),
        ("el lunes pasado", date(2026, 11, 30)),  # said on a Monday: a week ago
        ("el sabado", date(2026, 12, 5)),
        ("el miercoles", date(2026, 12, 2)),
        ("antier", date(2026, 12, 5)),
        ("el próximo viernes", date(2026, 12, 11)),  # days to come, for a goal's date
        ("el viernes que viene", date(2026, 12, 11)),
        ("el proximo lunes", date(2026, 12, 14)),  # a Monday today: the next one
        ("pasado mañana", date(2026, 12, 9)),
    ],
)
def test_everyday_spanish_days_are_read(words: str, meant: date) -> None:
    assert understand_day(words, "es", NOW.date()) == meant


def test_a_period_s_days_are_read_as_the_form_reads_them() -> None:
    from workbook.services.when import day_said

    today = NOW.date()
    assert day_said("2026-11-02", "--from", "en", today) == date(2026, 11, 2)
    assert day_said("last friday", "--from", "en", today) == date(2026, 12, 4)
    assert day_said("el viernes pasado", "--from", "es", today) == date(2026, 12, 4)
    with pytest.raises(ValueError, match="write a day like"):
        day_said("when the moon is blue", "--from", "en", today)
    with pytest.raises(ValueError, match="1900"):  # a real date, out of the years kept: said as such
        day_said("1500-01-01", "--from", "en", today)


@given(st.text(max_size=60))
def test_no_words_break_the_reader(words: str) -> None:
    try:
        moment = understand(words, "en", NOW)
    except WhenNotUnderstood:
        return
    assert moment <= NOW.replace(tzinfo=None)


def test_the_shell_logs_a_craving_at_the_moment_said_and_how_it_ended(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "workbook.json"
    clock = FixedClock(NOW)
    assert main(["--db", str(db), "log", "craving", "7", "--when", "yesterday 10pm", "after", "the", "call"],
                clock=clock) == 0  # fmt: skip
    assert "Sun, Dec 6, 2026, 10:00" in capsys.readouterr().out
    assert main(["--db", str(db), "--lang", "es", "log", "craving", "9", "--when", "ayer a las 22:00",
                 "--outcome", "consumí", "la fiesta"], clock=clock) == 0  # fmt: skip
    said = capsys.readouterr().out
    assert "naloxona" in said and "911" in said  # the lapse steps and staying safe, in Spanish
    assert main(["--db", str(db), "log", "craving", "4", "--when", "tomorrow 10am"], clock=clock) == 1
    assert "has not come yet" in capsys.readouterr().err
    assert main(["--db", str(db), "log", "craving", "4", "--outcome", "maybe"], clock=clock) == 1
    assert "--outcome takes one of" in capsys.readouterr().err
    with Store.open(db) as store:
        logged = sorted(store.entries(), key=lambda e: str(e.answers.get("note")))
    assert [(e.answers.get("when"), e.answers.get("outcome"), e.answers.get("note")) for e in logged] == [
        ("2026-12-06 22:00", None, "after the call"),
        ("2026-12-06 22:00", "used", "la fiesta"),
    ]


@pytest.mark.asyncio
async def test_the_form_reads_plain_words_and_shows_what_it_understood() -> None:
    from textual.widgets import Input, Label

    from app_helpers import make_app, welcomed_store
    from workbook.ui.widgets.fields import DateTimeField

    app = make_app(welcomed_store())
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_exercise("trigger-log")  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("n")  # a new entry
        await pilot.pause()
        field = app.screen.query_one("#field-when", DateTimeField)
        box = field.query_one("#input", Input)
        box.value = "yesterday 10pm"
        box.focus()
        await pilot.pause()
        app.screen.focus_next()
        await pilot.pause()
        assert box.value == "2026-11-21 22:00"  # the app's clock: Sunday, November 22, 8 p.m.
        understood = field.query_one(".field-understood", Label)
        assert understood.display and "Saturday, November 21, 2026" in str(understood.render())
        box.value = "tomorrow 10am"
        assert "has not come yet" in str(field.raw_problem())  # the reason, not a generic hint


@pytest.mark.parametrize(
    "words",
    [
        "a",
        "1",
        "-1",
        "--1",
        "99",
        "ago",
        "hace días",
        "december",
        "2026-13-01",
        "03-14",
        "\x1b[31m",
        "1773792000",
        "zz\u202eyx",
    ],
)
def test_words_that_name_no_day_are_refused_not_guessed(words: str) -> None:
    with pytest.raises(WhenNotUnderstood):
        understand_day(words, "en", NOW.date())
    with pytest.raises(WhenNotUnderstood):
        understand_day(words, "es", NOW.date())


@pytest.mark.parametrize("words", ["\x1b[31m", "2026-13-01 22:00", "1773792000", "5pm 0099", "10pm 1899"])
def test_a_moment_the_library_would_guess_is_refused(words: str) -> None:
    with pytest.raises(WhenNotUnderstood):
        understand(words, "es", NOW)


def test_a_period_that_starts_after_today_is_refused_not_moved(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "craving", "3"]) == 0
    capsys.readouterr()
    assert main(["export", "--format", "md", "-o", "-", "--from", "2999-01-01"]) == 1
    assert "has not come yet" in capsys.readouterr().err


def test_a_table_s_date_cell_reads_words_as_a_date_field_does() -> None:
    from workbook.ui.widgets.fields import TableField
    from workbook.worksheets.builtin import Goals
    from workbook.worksheets.loader import load_exercises

    spec = load_exercises()[0][Goals.ID].field(Goals.steps.id)
    assert spec is not None
    table = TableField(spec)
    table.clock = lambda: NOW.replace(tzinfo=None)
    assert table._day("next friday") == "2026-12-11"
    assert table._day("2026-12-24") == "2026-12-24"
    assert table._day("purple") == "purple"  # left as typed: the form's check says what to write
