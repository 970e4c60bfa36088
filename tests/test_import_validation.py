"""Imports are checked like the form checks typing: each entry and earlier version against
its worksheet, the message names the entry, the field and the reason, nothing changes on a
refusal, and the JSON Schema in docs/ says the same as the importer."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import orjson
import pytest

from workbook.cli import main
from workbook.common.errors import ImportFormatError
from workbook.export.json_backup import parse_export
from workbook.export.schema import build_schema
from workbook.store import backups
from workbook.store.workbook_store import Store
from workbook.worksheets.loader import load_exercises

EXERCISES, _ = load_exercises()
ROOT = Path(__file__).parents[1]
SCHEMA = json.loads((ROOT / "docs" / "export-format.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
STAMP = "2026-11-20T21:14:03-05:00"


def entry(exercise: str = "trigger-log", answers: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    version = EXERCISES[exercise].version if exercise in EXERCISES else 1  # answers checked for this version
    return {
        "id": extra.pop("id", "e1"),
        "exercise": exercise,
        "exercise_version": version,
        "created": STAMP,
        "updated": STAMP,
        "private": False,
        "answers": {"strength": 5} if answers is None else answers,
        "revisions": [],
        **extra,
    }


def document(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"format": "recovery-workbook", "format_version": 1, "settings": {}, "entries": list(entries)}


def accepted(doc: dict[str, Any]) -> bool:
    try:
        parse_export(orjson.dumps(doc), "f.json", EXERCISES)
    except ImportFormatError:
        return False
    return True


def test_the_schema_in_docs_is_the_one_the_importer_is_made_from() -> None:
    assert json.loads(orjson.dumps(build_schema(EXERCISES))) == SCHEMA, (
        "regenerate it: python -m workbook.export.schema docs/export-format.schema.json"
    )


REFUSED = {
    "year 1": (entry(created="0001-01-01T00:00:00+00:00"), "entry 1 (e1): created"),
    "no offset": (entry(updated="2026-01-01T00:00:00"), "updated: is not a date and time with its UTC offset"),
    "goal answers of the wrong kinds": (
        entry("goal-setting", {"goal": "x", "progress": False, "steps": 7}),
        "answers.progress",
    ),
    "strength 99": (entry(answers={"strength": 99}), "answers.strength: Choose a whole number from 0 to 10"),
    "strength as text": (entry(answers={"strength": "7"}), "answers.strength"),
    "unknown option": (entry(answers={"outcome": "maybe"}), "answers.outcome: Choose from the list"),
    "risk 9": (
        entry("relapse-prevention-plan", {"high_risk": [{"situation": "bar", "risk": 9}]}),
        "answers.high_risk: Row 1, risk 1-5: choose a whole number from 1 to 5",
    ),
    "unknown column": (entry("relapse-prevention-plan", {"contacts": [{"email": "x"}]}), "Row 1 does not fit"),
    "bad date": (entry("gratitude-journal", {"grateful_1": "x", "date": "2026-02-30"}), "answers.date"),
    "missing id": ({k: v for k, v in entry().items() if k != "id"}, "id: is missing"),
    "unknown part": (entry(colour="red"), "colour: is not a part of an entry"),
    "deep nesting": (entry(answers={"old": [[[[[[[[1]]]]]]]]}), "nested more than 6 levels"),
    "bad revision": (entry(revisions=[{"saved": "yesterday", "answers": {}}]), "revisions[1].saved"),
    "revision of the wrong kind": (
        entry(
            revisions=[
                {"saved": STAMP, "exercise_version": EXERCISES["trigger-log"].version, "answers": {"strength": 11}}
            ]
        ),
        "revisions[1].answers.strength",
    ),
    "same id twice": (None, "is used twice"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_bad_entry_is_refused_naming_entry_field_and_reason(case: str) -> None:
    raw, expected = REFUSED[case]
    doc = document(entry(), entry()) if raw is None else document(raw)
    with pytest.raises(ImportFormatError) as caught:
        parse_export(orjson.dumps(doc), "f.json", EXERCISES)
    assert expected in str(caught.value) and "Nothing was imported" in str(caught.value)
    if raw is not None:
        assert not VALIDATOR.is_valid(doc), "the schema should refuse it too"


def test_what_the_importer_accepts_and_how() -> None:
    old_revision = entry(revisions=[{"saved": STAMP, "answers": {"strength": 3}}])  # no exercise_version: 1
    other = entry("counselor-sleep-log", {"hours": 7.5, "notes": {"deep": [1, 2]}}, id="e2")
    legacy_risk = entry("relapse-prevention-plan", {"high_risk": [{"situation": "bar", "risk": "3"}]}, id="e3")
    doc = document(old_revision, other, legacy_risk)
    parsed = parse_export(orjson.dumps(doc), "f.json", EXERCISES)
    assert [e.id for e in parsed.entries] == ["e1", "e2", "e3"]
    assert parsed.entries[0].revisions[0].exercise_version == 1
    assert parsed.unknown == {"counselor-sleep-log": 1}
    assert VALIDATOR.is_valid(doc)


def test_a_refused_import_changes_nothing_and_an_accepted_one_is_backed_up_first(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db_path) as opened:
        opened.add("trigger-log", {"strength": 2})
    before = db_path.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_bytes(orjson.dumps(document(entry(answers={"strength": 99}))))
    assert main(["import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "entry 1 (e1)" in err and "strength" in err and "Traceback" not in err
    assert db_path.read_bytes() == before
    good = tmp_path / "good.json"
    good.write_bytes(orjson.dumps(document(entry(answers={"strength": 4}, id="new-one"))))
    assert main(["import", str(good)]) == 0
    kept = [b for b in backups.list_backups(db_path) if b.name.endswith("before-import.json")]
    assert len(kept) == 1 and kept[0].read_bytes() == before


def test_a_huge_whole_number_is_refused_not_stored() -> None:
    raw = orjson.dumps(document(entry())).replace(b'"strength":5', b'"strength":' + b"9" * 30)
    with pytest.raises(ImportFormatError):
        parse_export(raw, "f.json", EXERCISES)


def test_every_variation_of_a_good_entry_is_judged_alike_by_schema_and_importer() -> None:
    """A cheap, exhaustive sweep beside the hypothesis test: one field changed at a time."""
    samples: list[Any] = [
        None,
        "",
        "  ",
        "text",
        0,
        3,
        11,
        -1,
        2.5,
        True,
        [],
        ["a"],
        [1],
        {},
        {"a": 1},
        "2026-03-14",
        "2026-03-14 18:30",
        [{"situation": "x"}],
        ["people"],
        "people",
    ]
    mismatches = []
    for exercise in EXERCISES.values():
        for spec in exercise.fields:
            for value in samples:
                doc = document(entry(exercise.id, {spec.id: value}))
                if accepted(doc) != VALIDATOR.is_valid(doc):
                    mismatches.append((exercise.id, spec.id, value))
    assert mismatches == []


def test_mutating_the_envelope_is_judged_alike() -> None:
    good = entry()
    mismatches = []
    for key in list(good):
        for value in (None, "", 1, "x", STAMP, [], {}, True, "2026-13-01T00:00:00+00:00", "Z"):
            changed = copy.deepcopy(good)
            changed[key] = value
            doc = document(changed)
            if accepted(doc) != VALIDATOR.is_valid(doc):
                mismatches.append((key, value))
        dropped = {k: v for k, v in good.items() if k != key}
        if accepted(document(dropped)) != VALIDATOR.is_valid(document(dropped)):
            mismatches.append((key, "dropped"))
    assert mismatches == []


# -- generated imports: every accepted file is usable, every refused one changes nothing -------------

from datetime import datetime, timedelta, timezone  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from workbook.export.options import Options  # noqa: E402
from workbook.export.service import render_export  # noqa: E402
from workbook.worksheets.crisis import crisis_list  # noqa: E402

words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
value = st.one_of(
    st.none(),
    words,
    st.integers(-3, 12),
    st.booleans(),
    st.lists(words, max_size=3),
    st.sampled_from(["2026-03-14", "2026-03-14 18:30", "people", "used", "active", "1999-12-31"]),
    st.lists(
        st.dictionaries(
            st.sampled_from(["situation", "risk", "name", "step", "done", "x"]),
            st.one_of(words, st.integers(0, 7), st.booleans()),
            max_size=3,
        ),
        max_size=2,
    ),
)
stamps = st.datetimes(datetime(1890, 1, 1), datetime(3010, 1, 1), timezones=st.just(timezone(timedelta(hours=-5))))


def _field_ids(exercise: str) -> list[str]:
    return [f.id for f in EXERCISES[exercise].fields] if exercise in EXERCISES else ["free", "notes"]


@st.composite
def entries(draw: st.DrawFn, number: int) -> dict[str, Any]:
    exercise = draw(st.sampled_from([*sorted(EXERCISES), "counselor-log"]))
    keys = draw(st.lists(st.sampled_from(_field_ids(exercise)), max_size=4, unique=True))
    created = draw(stamps).isoformat(timespec="seconds")
    return {
        "id": f"g{number}",
        "exercise": exercise,
        "exercise_version": draw(st.sampled_from([1, 1, 2])),
        "created": created,
        "updated": created,
        "private": draw(st.booleans()),
        "answers": {k: draw(value) for k in keys},
        "revisions": draw(
            st.lists(
                st.builds(
                    lambda a: {"saved": created, "answers": a},
                    st.dictionaries(st.sampled_from(_field_ids(exercise)), value, max_size=2),
                ),
                max_size=1,
            )
        ),
    }


documents = st.integers(1, 4).flatmap(lambda n: st.tuples(*[entries(i) for i in range(n)]))


@settings(max_examples=60, deadline=None)
@given(documents)
def test_generated_imports_are_judged_alike_by_schema_and_importer(found: tuple[dict[str, Any], ...]) -> None:
    doc = document(*found)
    assert accepted(doc) == VALIDATOR.is_valid(doc)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(found=documents)
def test_an_accepted_import_opens_in_the_app_and_every_export_renders(
    found: tuple[dict[str, Any], ...], tmp_path: Path
) -> None:
    doc = document(*found)
    if not accepted(doc):
        return
    store = Store.in_memory()
    store.set_setting("welcomed", True)
    store.merge(parse_export(orjson.dumps(doc), "f.json", EXERCISES).entries)
    options = Options(include=tuple(EXERCISES), include_private=True)
    for fmt in ("md", "html", "json", "card", "pdf"):
        assert render_export(fmt, store.entries(), EXERCISES, options, store.settings(), crisis_list({}))
    # Every screen such entries reach is opened once, in one app, by the test of answers of any
    # shape below: starting an app in each example made this test slow and loaded-machine flaky.


def _write(tmp_path: Path, doc: dict[str, Any], name: str = "in.json") -> Path:
    path = tmp_path / name
    path.write_bytes(orjson.dumps(doc))
    return path


def test_an_import_that_would_overfill_an_entry_s_history_is_refused_whole(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        mine = store.add("trigger-log", {"strength": 3})
    revisions = [
        {
            "saved": f"2026-11-{1 + n // 1000:02d}T{n % 24:02d}:{n % 60:02d}:{n % 59:02d}-05:00",
            "exercise_version": 2,
            "answers": {"strength": n % 11},
        }
        for n in range(10_000)
    ]
    newer = entry(id=mine.id, updated="2030-01-01T00:00:00+00:00", revisions=revisions)
    before = db_path.read_bytes()
    assert main(["import", str(_write(tmp_path, document(newer)))]) != 0
    assert db_path.read_bytes() == before
    with Store.open(db_path) as store:
        assert store.get(mine.id) is not None


def test_an_import_cannot_move_an_entry_to_another_worksheet(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db_path) as store:
        mine = store.add("trigger-log", {"strength": 3})
    other = entry("gratitude-journal", {"grateful_1": "sun"}, id=mine.id, updated="2030-01-01T00:00:00+00:00")
    assert main(["import", str(_write(tmp_path, document(other)))]) != 0
    assert "cannot change worksheet" in capsys.readouterr().err
    with Store.open(db_path) as store:
        assert store.get(mine.id).exercise == "trigger-log"


def test_repeating_an_import_makes_no_more_backups_and_deleted_entries_stay_deleted(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db_path) as store:
        gone = store.add("trigger-log", {"strength": 5})
    export = tmp_path / "all.json"
    assert main(["export", "--format", "json", "-o", str(export)]) == 0
    with Store.open(db_path) as store:
        store.delete(gone.id)
    fresh = entry(id="fresh-entry-1")
    path = _write(tmp_path, document(fresh), "fresh.json")
    assert main(["import", str(path)]) == 0
    count = len(backups.list_backups(db_path))
    for _ in range(3):
        assert main(["import", str(path)]) == 0
    assert len(backups.list_backups(db_path)) == count
    assert main(["import", str(export)]) == 0
    assert "you had deleted here" in capsys.readouterr().out
    with Store.open(db_path) as store:
        assert store.get(gone.id) is None and store.get("fresh-entry-1") is not None


def test_answers_written_for_an_earlier_version_of_a_worksheet_are_kept_and_render() -> None:
    """A question that changed kind (text to scale, with the version raised as the guide says)
    must not make the person's own backup impossible to import."""
    from workbook.export.options import Options
    from workbook.export.service import render_export
    from workbook.worksheets.crisis import crisis_list

    old = entry(answers={"strength": "quite strong", "outcome": ["a", "list"], "when": 7}, exercise_version=1)
    assert EXERCISES["trigger-log"].version > 1
    parsed = parse_export(orjson.dumps(document(old)), "f.json", EXERCISES)
    options = Options(include=tuple(EXERCISES), include_private=True)
    for fmt in ("md", "html", "pdf", "csv", "card"):
        assert render_export(fmt, parsed.entries, EXERCISES, options, {}, crisis_list({}))
    same = entry(answers={"strength": "quite strong"})
    assert not accepted(document(same))  # written for this version: held to its fields


storable = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["a", "done", "phone", "risk"]), inner, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def old_version_entries(draw: st.DrawFn) -> dict[str, Any]:
    exercise = draw(st.sampled_from(sorted(EXERCISES)))
    fields = [f.id for f in EXERCISES[exercise].fields]
    answers = draw(st.dictionaries(st.sampled_from(fields), storable, max_size=6))
    return entry(
        exercise, answers, id=f"old-{draw(st.integers(0, 10**6))}", exercise_version=EXERCISES[exercise].version + 1
    )  # written for another version


@settings(max_examples=6, deadline=None)
@given(found=st.lists(old_version_entries(), min_size=1, max_size=4, unique_by=lambda e: e["id"]))
def test_answers_of_any_shape_from_another_version_open_and_render(found: list[dict[str, Any]]) -> None:
    """Answers not held to the worksheet's fields are read defensively everywhere."""

    from workbook.export.options import Options
    from workbook.export.service import render_export
    from workbook.worksheets.crisis import crisis_list

    store = Store.in_memory()
    store.set_setting("welcomed", True)
    store.merge(parse_export(orjson.dumps(document(*found)), "f.json", EXERCISES).entries)
    options = Options(include=tuple(EXERCISES), include_private=True)
    # The PDF of such answers is rendered once, in the test just above (Typst is the slow part).
    for fmt in ("md", "html", "json", "card"):
        assert render_export(fmt, store.entries(), EXERCISES, options, store.settings(), crisis_list({}))
    for worksheet in {e["exercise"] for e in found}:
        if not EXERCISES[worksheet].single:
            assert render_export("csv", store.entries(), EXERCISES, Options(include=(worksheet,)), {}, crisis_list({}))


# Shapes an answer may have in a file written for another version of its worksheet (or by hand).
ODD_SHAPES: list[Any] = [
    None,
    True,
    -2.9887564164871984e-77,
    2**63 - 1,
    "plain words",
    ["one"],
    ["two", "items"],
    [[[]], {"risk": None}],
    {"phone": {"done": "x", "a": False}},
    [{"step": "call", "done": "yes"}, "loose"],
]


@pytest.mark.paints
def test_answers_of_any_shape_open_in_every_screen_that_shows_them() -> None:
    """Each worksheet with entries whose answers have odd shapes: its history, each entry's page
    and each entry's edit form open (one app for all of them), and Home is reached."""
    import asyncio

    from app_helpers import make_app, settle
    from workbook.ui.screens.entry import EntryScreen
    from workbook.ui.screens.form import FormScreen

    # Two entries a worksheet, each field a different shape in each, so that every kind of
    # field meets several shapes and every screen is built from few entries.
    docs = [
        entry(
            sheet.id,
            {f.id: ODD_SHAPES[(i + start) % len(ODD_SHAPES)] for i, f in enumerate(sheet.fields)},
            id=f"odd-{sheet.id}-{start}",
            exercise_version=sheet.version + 1,
        )
        for sheet in EXERCISES.values()
        for start in (0, 5)
    ]
    store = Store.in_memory()
    store.set_setting("welcomed", True)
    store.merge(parse_export(orjson.dumps(document(*docs)), "f.json", EXERCISES).entries)
    assert render_export(
        "pdf", store.entries(), EXERCISES, Options(include=tuple(EXERCISES), include_private=True), {}, crisis_list({})
    )

    # Screens are slow to build: every entry's page and summary are checked as the text they
    # show (the same functions the screens call); the screens themselves are opened for the
    # worksheets that bring a kind of field no earlier one had (every field widget meets
    # every shape in the test below).
    from workbook.ui.screens.entry import entry_content
    from workbook.worksheets.answers import summary_of

    kinds_seen: set[tuple[object, ...]] = set()
    shown: list[str] = []
    for sheet in EXERCISES.values():
        for found in store.entries(sheet.id):
            assert entry_content(sheet, found) is not None and isinstance(summary_of(sheet, found.answers), str)
        kinds = {(f.kind, f.multiple, bool(f.options), bool(f.columns), f.role) for f in sheet.fields}
        if kinds - kinds_seen:
            shown.append(sheet.id)
            kinds_seen |= kinds

    async def visit() -> None:
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            for sheet in (EXERCISES[i] for i in shown):
                if not sheet.single:
                    app.open_exercise(sheet.id)
                    await settle(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
                    app.pop_screen()
                found = next(e for e in store.entries(sheet.id) if e.id.endswith("-0"))
                for screen in (EntryScreen(sheet, found), FormScreen(sheet, found)):
                    app.push_screen(screen)
                    await settle(pilot, lambda screen=screen: app.screen is screen and screen.is_mounted)
                    app.pop_screen()
            await settle(pilot, lambda: type(app.screen).__name__ == "HomeScreen")

    asyncio.run(visit())


@pytest.mark.paints
def test_every_field_widget_takes_an_answer_of_any_shape() -> None:
    """The edit form shows whatever a file holds: each field of every shipped worksheet, given
    each odd shape, shows it without a crash and reads back an answer."""
    import asyncio

    from textual.app import App, ComposeResult
    from textual.containers import VerticalScroll

    from workbook.ui.widgets.fields import WIDGET_FOR_KIND

    specs = {(f.kind, f.multiple, bool(f.options), bool(f.columns)): f for s in EXERCISES.values() for f in s.fields}

    class Fields(App[None]):
        def compose(self) -> ComposeResult:
            with VerticalScroll():
                for spec in specs.values():
                    yield WIDGET_FOR_KIND[spec.kind](spec)

    async def run() -> None:
        app = Fields()
        async with app.run_test(size=(80, 24)) as pilot:
            widgets = list(app.query("FieldWidget").results())
            assert len(widgets) == len(specs)
            for shape in ODD_SHAPES:
                for widget in widgets:
                    widget.value = copy.deepcopy(shape)  # type: ignore[attr-defined]
                await pilot.pause()
                for widget in widgets:
                    widget.value  # type: ignore[attr-defined]  # noqa: B018 - reading it must not fail

    asyncio.run(run())
