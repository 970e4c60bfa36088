"""One path validates every write, so the program never writes what its own import refuses:
entries written through every way in (a form's save, a quick log, a check-in, a practice,
riding out an urge, a plan change, an edit), with hostile text and sizes at the limits, are
exported as JSON and imported into a new workbook whole."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app_helpers import book_of, welcomed_store
from workbook.common.errors import WorkbookError
from workbook.export.json_backup import build_export, dump_export, parse_export
from workbook.services import daily
from workbook.ui.screens.practice.base import STEP_WORDS
from workbook.worksheets.answers import MAX_TEXT_ANSWER
from workbook.worksheets.practice import practice_answers, urge_craving_answers

WORDS = st.one_of(
    st.text(max_size=80),
    st.text(st.characters(codec="utf-8"), max_size=40),
    st.sampled_from(["", " ", "\x00\x1b[31m", "=cmd|' /C calc'!A0", "‮reversed", "a" * (MAX_TEXT_ANSWER + 1)]),
)


def _try(write) -> None:  # type: ignore[no-untyped-def]
    try:
        write()
    except WorkbookError:
        pass  # refused with a message: nothing written, which is allowed


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(words=WORDS, strength=st.integers(-2, 12), mood=st.integers(0, 6), steps=st.lists(WORDS, max_size=6))
def test_whatever_any_way_in_writes_its_own_export_imports(
    words: str, strength: int, mood: int, steps: list[str]
) -> None:
    book = book_of(welcomed_store())
    journal = book.exercises["journal"]
    _try(lambda: book.save(journal, {"when": "2026-11-20 10:00", "text": words or "x", "title": words[:300]}))
    _try(lambda: daily.log_craving(book, strength, words))
    _try(lambda: daily.check_in(book, {"date": "2026-11-21", "mood": mood, "intention": words}))
    notes = "\n".join(step[:STEP_WORDS] for step in steps)
    _try(lambda: daily.save_practice(book, practice_answers("grounding", 7200, 5, 2, book.today(), notes)))
    _try(lambda: daily.ride_out(book, None, urge_craving_answers(8, 3, 600)))
    crave = book.entries("trigger-log")
    if crave:
        _try(lambda: book.save(book.exercises["trigger-log"], {**crave[0].answers, "note": words}, crave[0]))
        change = daily.lapse_into_plan(book, crave[0])
        if change is not None:
            _try(lambda: book.save(change.exercise, {**change.answers, "reasons": "mine"}, change.plan))
    raw = dump_export(build_export(book.entries(), book.store.settings()))
    parsed = parse_export(raw, "export.json", book.exercises)
    fresh = welcomed_store()
    plan = fresh.plan_merge(parsed.entries)
    fresh.apply_merge(plan)
    assert fresh.count() == book.store.count()
