"""Self-checks: PHQ-9 and GAD-7 scored on every band boundary, unanswered questions, the
answer that opens crisis help at once, and the score in every format."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from app_helpers import TODAY, make_app, screen_name, settle, welcomed_store
from workbook.export.options import Options
from workbook.export.service import render_export
from workbook.store.workbook_store import Store
from workbook.worksheets.crisis import crisis_list
from workbook.worksheets.definition import DefinitionError
from workbook.worksheets.entry import Entry
from workbook.worksheets.loader import load_exercises, parse_exercise
from workbook.worksheets.measures import due_measures, score_of

EXERCISES, _ = load_exercises()
PHQ, GAD = EXERCISES["phq-9"], EXERCISES["gad-7"]
POINTS = ["not-at-all", "several-days", "more-than-half", "nearly-every-day"]


def answers_for(total: int, count: int) -> dict[str, str]:
    """Answers to ``count`` questions adding up to ``total`` (question 9 kept at 0 where it can be)."""
    chosen = {}
    left = total
    for n in range(1, count + 1):
        take = min(3, left)
        chosen[f"item{n}"] = POINTS[take]
        left -= take
    assert left == 0
    return chosen


# The standard English wording (Spitzer, Williams, Kroenke and colleagues): a changed word
# changes what the score means, so the shipped files are held to it here.
PHQ_9_ITEMS = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety "
    "or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
)
GAD_7_ITEMS = (
    "Feeling nervous, anxious, or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid as if something awful might happen",
)
ANSWERS = (("Not at all", 0), ("Several days", 1), ("More than half the days", 2), ("Nearly every day", 3))


@pytest.mark.parametrize("exercise,items", [(PHQ, PHQ_9_ITEMS), (GAD, GAD_7_ITEMS)], ids=["phq-9", "gad-7"])
def test_the_questions_keep_their_standard_wording_and_points(exercise, items) -> None:  # type: ignore[no-untyped-def]
    assert [f.label for f in exercise.items] == [f"{n}. {text}" for n, text in enumerate(items, start=1)]
    for question in exercise.items:
        assert [(o.label, o.points) for o in question.options] == list(ANSWERS)
    assert exercise.items[0].section.startswith("Over the last 2 weeks, how often have you been bothered by")
    assert [f.alert for f in exercise.items].count(True) == (1 if exercise is PHQ else 0)


@pytest.mark.parametrize(
    "total,band",
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately severe"),
        (19, "moderately severe"),
        (20, "severe"),
        (27, "severe"),
    ],
)
def test_phq_9_bands(total: int, band: str) -> None:
    score = score_of(PHQ, answers_for(total, 9))
    assert score is not None and (score.total, score.band, score.highest) == (total, band, 27)


@pytest.mark.parametrize(
    "total,band",
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
)
def test_gad_7_bands(total: int, band: str) -> None:
    score = score_of(GAD, answers_for(total, 7))
    assert score is not None and (score.total, score.band, score.highest) == (total, band, 21)


def test_a_self_check_with_an_unanswered_question_is_saved_but_not_scored() -> None:
    partial = answers_for(6, 7)
    partial.pop("item3")
    score = score_of(GAD, partial)
    assert score is not None and score.total is None and score.missing == ("Question 3",)
    assert "not scored: 1 question not answered (Question 3)" in score.describe()
    assert score_of(EXERCISES["gratitude-journal"], {}) is None


def test_the_ninth_question_is_flagged_above_not_at_all() -> None:
    for answer, flagged in (("not-at-all", False), ("several-days", True), ("nearly-every-day", True)):
        score = score_of(PHQ, {**answers_for(0, 9), "item9": answer})
        assert score is not None and bool(score.alerts) is flagged


def test_bands_must_cover_every_score() -> None:
    base = (
        'id = "x"\nversion = 1\ntitle = "X"\nintro = "I"\n'
        '[[fields]]\nid = "q"\nkind = "choice"\nrole = "item"\nlabel = "Q"\n'
        'options = [{ id = "a", label = "A", points = 0 }, { id = "b", label = "B", points = 3 }]\n'
    )
    parse_exercise(base.replace('intro = "I"', 'intro = "I"\nbands = [{ from = 0, to = 3, label = "all" }]'), "x")
    for bad in ('bands = [{ from = 0, to = 2, label = "short" }]', 'bands = [{ from = 1, to = 3, label = "gap" }]'):
        with pytest.raises(DefinitionError, match="bands"):
            parse_exercise(base.replace('intro = "I"', f'intro = "I"\n{bad}'), "x")
    with pytest.raises(DefinitionError, match="needs 'points'"):
        parse_exercise(base.replace(", points = 3", ""), "x")


def test_self_checks_are_suggested_every_two_weeks_unless_turned_off() -> None:
    done = Entry.new("phq-9", {"date": "2026-11-10", **answers_for(3, 9)}, created="2026-11-10T10:00:00+00:00")
    due = {d.exercise.id for d in due_measures([done], EXERCISES, date(2026, 11, 20), {})}
    assert due == {"gad-7"}
    assert "phq-9" in {d.exercise.id for d in due_measures([done], EXERCISES, date(2026, 11, 24), {})}
    assert due_measures([done], EXERCISES, date(2026, 11, 24), {"measure_reminders": False}) == []


def test_the_score_and_the_flag_are_in_every_format() -> None:
    store = Store.in_memory()
    store.add(
        "phq-9",
        {"date": "2026-11-20", **answers_for(11, 8), "item9": "several-days"},
        created="2026-11-20T10:00:00+00:00",
    )
    for day in range(1, 29):  # a month of cravings and check-ins fills the glance
        store.add(
            "trigger-log",
            {"when": f"2026-11-{day:02d} 18:00", "strength": 6, "outcome": "did-not-use"},
            created=f"2026-11-{day:02d}T18:00:00+00:00",
        )
        store.add(
            "daily-checkin", {"date": f"2026-11-{day:02d}", "mood": 5}, created=f"2026-11-{day:02d}T08:00:00+00:00"
        )
    options = Options(start=date(2026, 11, 1), end=date(2026, 11, 30), include=tuple(EXERCISES))
    for fmt in ("md", "html"):
        text = render_export(fmt, store.entries(), EXERCISES, options, {}, crisis_list({})).decode()
        assert "12 of 27 (moderate)" in text and "not a diagnosis" in text
        # The answer that needs care opens the report, before any log's summary.
        assert -1 < text.index("Needs attention first") < text.index("Average strength")
    sheet = render_export("csv", store.entries(), EXERCISES, Options(include=("phq-9",)), {}, crisis_list({}))
    [row] = list(csv.DictReader(io.StringIO(sheet.decode("utf-8-sig"))))
    assert row["Score"] == "12" and row["Band"] == "moderate"
    from pypdf import PdfReader

    pdf = render_export("pdf", store.entries(), EXERCISES, options, {}, crisis_list({}))
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert "12 of 27 (moderate)" in " ".join(pages) and "Needs attention first" in pages[0]


@pytest.mark.asyncio
async def test_question_nine_opens_crisis_help_at_once_and_the_answers_are_kept() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_new_entry(EXERCISES["phq-9"])
        await pilot.pause()
        app.screen.query_one("#field-item1 Select").value = "several-days"
        await pilot.pause()
        assert screen_name(app) == "FormScreen"  # an ordinary answer changes nothing
        app.screen.query_one("#field-item9 Select").value = "several-days"
        await settle(pilot, lambda: screen_name(app) == "CrisisScreen")
        body = str(app.screen.query_one("#crisis-body").render())
        assert "you do not have to carry them alone" in body and "988" in body
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "FormScreen"
        assert app.screen.query_one("#field-item9 Select").value == "several-days"


@pytest.mark.asyncio
async def test_home_shows_the_trend_and_what_is_due() -> None:
    store = welcomed_store()
    for day, total in (("2026-10-20", 14), ("2026-11-03", 9), ("2026-11-17", 6)):
        store.add("phq-9", {"date": day, **answers_for(total, 9)}, created=f"{day}T10:00:00+00:00")
    async with make_app(store).run_test(size=(100, 40)) as pilot:
        text = str(pilot.app.screen.query_one("#today").render())
        assert "14 (moderate) → 9 (mild) → 6 (mild)" in text and "GAD-7 (worry self-check): suggested today" in text
        assert TODAY.isoformat() == "2026-11-22"


@pytest.mark.asyncio
async def test_a_self_checks_own_page_shows_its_score_and_what_needs_attention() -> None:
    from textual.widgets import Static

    from workbook.ui.screens.entry import EntryScreen

    store = welcomed_store()
    answers = answers_for(12, 9)
    answers["item9"] = POINTS[1]  # question 9 above "Not at all"
    entry = store.add("phq-9", {"date": "2026-11-20", **answers})
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: screen_name(app) == "HomeScreen")
        app.push_screen(EntryScreen(app.exercises["phq-9"], entry))
        await settle(pilot, lambda: screen_name(app) == "EntryScreen")
        shown = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "Score: " in shown and "of 27" in shown and "Please talk about it" in shown


def test_any_practice_done_counts_as_at_least_a_minute() -> None:
    from workbook.worksheets.practice import minutes_of

    assert [minutes_of(s) for s in (0, 1, 40, 89, 91, 150)] == [0, 1, 1, 1, 2, 2]


@pytest.mark.parametrize(
    "stored",
    ["Nearly every day", "NEARLY-EVERY-DAY", 3, ["nearly-every-day"], "Casi todos los días", " nearly  every day "],
)
def test_question_9_in_any_stored_shape_or_version_needs_attention(stored: object) -> None:
    """An older version's answer, an import or a hand-edited file may hold the answer as its
    words (in either language), its points, another case or a one-item list: it is scored,
    and question 9 above nothing is flagged, in every report format."""
    phq = EXERCISES["phq-9"]
    answers = {**answers_for(6, 8), "item9": stored}
    score = score_of(phq, answers)
    assert score is not None and score.total == 9 and [spec.id for spec, _a in score.alerts] == ["item9"]
    store = welcomed_store()
    store.merge(
        [
            Entry.new(
                "phq-9",
                {"date": "2026-11-20", **answers},
                exercise_version=phq.version + 6,
                created="2026-11-20T10:00:00+00:00",
            )
        ]
    )
    for fmt in ("md", "html"):
        text = render_export(fmt, store.entries(), EXERCISES, Options(include=("phq-9",)), {}, crisis_list({}))
        assert b"Needs attention" in text and b"Please ask about it" in text


def test_an_unreadable_answer_to_question_9_is_flagged_never_silent() -> None:
    phq = EXERCISES["phq-9"]
    score = score_of(phq, {**answers_for(6, 8), "item9": {"odd": "shape"}})
    assert score is not None and score.total is None and score.unreadable == (phq.field("item9").name,)  # type: ignore[union-attr]
    assert "could not be read" in score.describe() and score.alerts
