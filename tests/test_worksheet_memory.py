"""The shipped worksheets' parsed TOML, kept between runs: used only for the same words,
never trusted over them, and harmless when missing, damaged, altered or unwritable."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook.services.opening import load_worksheets
from workbook.store.paths import worksheet_memory_path
from workbook.store.worksheet_memory import WorksheetMemory
from workbook.worksheets import loader


@pytest.fixture
def fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a new process: no worksheet made yet."""
    monkeypatch.setattr(loader, "_made", {})


def _no_toml(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = tomllib.loads

    def counting(text: str) -> dict[str, Any]:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(loader.tomllib, "loads", counting)
    return parsed


def test_a_second_start_parses_no_shipped_toml(fresh_process: None, monkeypatch: pytest.MonkeyPatch) -> None:
    first, problems = load_worksheets()
    assert problems == []
    kept = worksheet_memory_path()
    assert kept.is_file() and (kept.stat().st_mode & 0o777) == 0o600
    assert (kept.parent.stat().st_mode & 0o777) == 0o700
    monkeypatch.setattr(loader, "_made", {})
    parsed = _no_toml(monkeypatch)
    again, problems = load_worksheets()
    assert parsed == [] and problems == []
    assert again == first and [e.translations for e in again.values()] == [e.translations for e in first.values()]


def test_a_changed_worksheet_is_parsed_again(fresh_process: None, monkeypatch: pytest.MonkeyPatch) -> None:
    load_worksheets()
    monkeypatch.setattr(loader, "_made", {})
    shipped = loader.shipped_definitions()
    name, text = shipped[0]
    changed = text.replace('title = "', 'title = "Changed: ', 1)
    monkeypatch.setattr(loader, "shipped_definitions", lambda: [(name, changed), *shipped[1:]])
    parsed = _no_toml(monkeypatch)
    exercises, problems = load_worksheets()
    assert parsed == [changed] and problems == []
    assert any(e.title.startswith("Changed: ") for e in exercises.values())


def test_the_persons_own_worksheets_are_never_kept(fresh_process: None, isolated_home: Path) -> None:
    own = isolated_home / ".config" / "recovery-workbook" / "exercises"
    own.mkdir(parents=True)
    (own / "mine.toml").write_text(
        'id = "my-own-sheet"\nversion = 1\ntitle = "Private words"\nintro = "x"\n'
        '[[fields]]\nid = "a"\nkind = "text"\nlabel = "A"\n'
    )
    exercises, problems = load_worksheets()
    assert "my-own-sheet" in exercises and problems == []
    assert b"Private words" not in worksheet_memory_path().read_bytes()


def _kept_file() -> Path:
    load_worksheets()
    return worksheet_memory_path()


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00\xff garbage",
        b"[]",
        b'{"format": 1, "parsed": []}',
        b'{"format": 2, "parsed": {}}',
        b'{"format": 1, "parsed": {"x": 1}}',
        b"[" * 5000,
    ],
)
def test_a_damaged_memory_is_parsed_past_and_made_again(
    damage: bytes, fresh_process: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = _kept_file()
    kept.write_bytes(damage)
    monkeypatch.setattr(loader, "_made", {})
    exercises, problems = load_worksheets()
    assert problems == [] and len(exercises) == len(loader.shipped_definitions())
    assert orjson.loads(kept.read_bytes())["format"] == 1  # made whole again


def test_a_memory_that_is_not_a_file_or_cannot_be_written_changes_nothing(
    fresh_process: None, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = worksheet_memory_path()
    kept.parent.mkdir(parents=True)
    os.mkfifo(kept)  # reading would wait forever: it is refused as not a regular file
    exercises, problems = load_worksheets()
    assert problems == [] and exercises
    monkeypatch.setattr(loader, "_made", {})
    monkeypatch.setenv("XDG_CACHE_HOME", str(isolated_home / "a-file"))
    (isolated_home / "a-file").write_text("not a folder")
    exercises, problems = load_worksheets()
    assert problems == [] and exercises


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


_SHIPPED = loader.shipped_definitions()
_PARSED = [tomllib.loads(text) for _name, text in _SHIPPED]


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(altered=st.dictionaries(st.sampled_from(["id", "title", "fields", "kind", "version", "translations"]), JSON))
def test_an_altered_memory_never_breaks_loading(
    altered: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a kept parse was changed to, every shipped worksheet loads, and one that no
    longer reads as a worksheet is read from its own words."""
    shipped = _SHIPPED
    memory = WorksheetMemory(tmp_path / "kept.json")
    for (_name, text), raw in zip(shipped, _PARSED, strict=True):
        memory.recall(text)
        memory.keep(text, {**raw, **altered})
    memory.save()
    monkeypatch.setattr(loader, "_made", {})
    exercises, problems = loader.load_exercises(None, WorksheetMemory(tmp_path / "kept.json"))
    assert len(exercises) + len(problems) >= len(shipped)
    for exercise in exercises.values():
        assert exercise.fields and exercise.title


def test_a_memory_others_may_write_to_is_neither_read_nor_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    memory = WorksheetMemory(shared / "worksheets.json")
    _name, text = loader.shipped_definitions()[0]
    memory.recall(text)
    memory.keep(text, tomllib.loads(text))
    memory.save()
    assert not (shared / "worksheets.json").exists()
    planted = shared / "worksheets.json"
    planted.write_bytes(orjson.dumps({"format": 1, "parsed": {}}))
    planted.chmod(0o666)
    assert WorksheetMemory(planted).recall(text) is None
