"""The complete JSON export: round trips, idempotent import, malformed files, schema."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook.cli import main
from workbook.export.json_backup import build_export, dump_export, parse_export
from workbook.store.workbook_store import Store
from workbook.worksheets.loader import load_exercises

EXERCISES, _ = load_exercises()

SCHEMA = json.loads((Path(__file__).parents[1] / "docs" / "export-format.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())

# Very long text is built by repetition: cheap to generate, still thousands of characters.
long_text = st.builds(lambda piece, times: piece * times, st.text(min_size=1, max_size=4), st.integers(500, 2000))
text = st.text(max_size=40) | long_text | st.just("")
answer_value = st.one_of(
    text,
    st.integers(0, 10),
    st.lists(text, max_size=4),
    st.none(),
    st.lists(st.dictionaries(st.sampled_from(["name", "role", "phone"]), text), max_size=3),
)
answers = st.dictionaries(st.from_regex(r"[a-z][a-z0-9_-]{0,15}", fullmatch=True), answer_value, max_size=6)
entry_specs = st.lists(
    st.tuples(
        st.sampled_from(["goal-setting", "trigger-log", "gratitude-journal"]),
        answers,
        st.booleans(),
        st.lists(answers, max_size=2),
    ),
    max_size=8,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=entry_specs)
def test_export_import_round_trip(specs: list, tmp_path: Path) -> None:  # type: ignore[type-arg]
    source = Store.in_memory()
    for exercise, first, private, edits in specs:
        entry = source.add(exercise, first, private=private)
        for edit in edits:
            source.update(entry.id, edit)
    document = build_export(source.entries(), source.settings())
    VALIDATOR.validate(document)
    entries = parse_export(dump_export(document), "export.json", EXERCISES).entries

    target = Store.in_memory()
    first_result = target.merge(entries)
    assert first_result.added == len(specs)
    again = target.merge(parse_export(dump_export(document), "export.json", EXERCISES).entries)
    assert again.added == 0 and again.updated == 0
    assert sorted(e.to_dict()["id"] for e in target.entries()) == sorted(e.id for e in source.entries())
    for original in source.entries():
        assert target.get(original.id) == original


def test_cli_export_then_import_twice_adds_nothing(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db_path) as opened:
        opened.add("gratitude-journal", {"one": "sunrise"})
    out = tmp_path / "all.json"
    assert main(["export", "--format", "json", "-o", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o600
    other = tmp_path / "other" / "workbook.json"
    assert main(["--db", str(other), "import", str(out)]) == 0
    assert "1 new" in capsys.readouterr().out
    assert main(["import", str(out), "--db", str(other)]) == 0
    assert "0 new, 0 updated, 1 already here" in capsys.readouterr().out
    assert main(["export", "-o", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_the_full_backup_holds_every_entry_even_after_a_report(db_path: Path, tmp_path: Path) -> None:
    import asyncio

    from app_helpers import make_app, settle

    with Store.open(db_path) as opened:
        opened.add("trigger-log", {"strength": 4}, created="2025-01-10T10:00:00+00:00")
        opened.set_setting("last_export", "2026-11-01")  # a report went to the counselor since
        opened.add("gratitude-journal", {"grateful_1": "sunrise"})
    out = tmp_path / "all.json"
    assert main(["export", "--format", "json", "-o", str(out)]) == 0
    assert len(json.loads(out.read_text())["entries"]) == 2

    async def from_the_app() -> int:
        with Store.open(db_path) as store:
            store.set_setting("welcomed", True)
            app = make_app(store)
            async with app.run_test(size=(100, 30)) as pilot:
                app.action_export("json")
                # Waits for the screen, never a fixed pause: a busy machine mounts it later.
                await settle(pilot, lambda: bool(app.screen.query("#export-preview")))
                options = app.screen._options()
                return sum(1 for e in store.entries() if options.selects(e, app.exercises.get(e.exercise)))

    assert asyncio.run(from_the_app()) == 2


def test_export_to_stdout(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db_path) as opened:
        opened.add("trigger-log", {"strength": 5})
    assert main(["export", "--format", "json", "-o", "-"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["format"] == "recovery-workbook" and len(document["entries"]) == 1


def test_newer_import_replaces_and_keeps_ours_in_history() -> None:
    ours = Store.in_memory()
    entry = ours.add("relapse-prevention-plan", {"reasons": "my kids"}, created="2026-01-01T09:00:00+00:00")
    newer = dataclasses.replace(entry.revised({"reasons": "my kids and me"}), updated="2026-02-01T09:00:00+00:00")
    assert ours.merge([newer]).updated == 1
    merged = ours.get(entry.id)
    assert merged.answers == {"reasons": "my kids and me"}
    assert [r.answers for r in merged.revisions] == [{"reasons": "my kids"}]
    older = dataclasses.replace(entry, answers={"reasons": "stale"})
    assert ours.merge([older]).unchanged == 1
    assert ours.get(entry.id).answers == {"reasons": "my kids and me"}


MALFORMED = [
    b"",
    b"not json",
    b"[]",
    b'{"format": "something-else"}',
    b'{"format": "recovery-workbook", "format_version": 99, "entries": []}',
    b'{"format": "recovery-workbook", "format_version": 1}',
    b'{"format": "recovery-workbook", "format_version": 1, "entries": [{"id": "x"}]}',
    b'{"format": "recovery-workbook", "format_version": 1, "entries": [{"id": "x", "exercise": "t", '
    b'"created": "yesterday", "updated": "2026-01-01T00:00:00", "answers": {}}]}',
]


@pytest.mark.parametrize("payload", MALFORMED)
def test_malformed_import_changes_nothing(
    payload: bytes, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db_path) as opened:
        opened.add("trigger-log", {"strength": 2})
    before = db_path.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_bytes(payload)
    assert main(["import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Nothing was imported" in err and "Traceback" not in err
    assert db_path.read_bytes() == before


@given(st.binary(max_size=200))
@settings(max_examples=100, deadline=None)
def test_parse_export_never_crashes_on_bytes(raw: bytes) -> None:
    try:
        parse_export(raw, "f.json", EXERCISES)
    except Exception as exc:
        assert type(exc).__name__ == "ImportFormatError"
