"""Worksheet definitions: the shipped ones load, broken ones are explained, wheels carry them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.cli import main
from workbook.worksheets.answers import format_answer, validate_answer
from workbook.worksheets.loader import DefinitionError, load_exercises, parse_exercise

ROOT = Path(__file__).parents[1]
CORE = {"goal-setting", "trigger-log", "relapse-prevention-plan", "gratitude-journal"}

GOOD = """
id = "mood-check"
version = 1
title = "Mood check"
intro = "How are you?"

[[fields]]
id = "mood"
kind = "scale"
label = "Mood"
min = 1
max = 5
"""


def test_every_shipped_definition_loads() -> None:
    exercises, problems = load_exercises()
    assert problems == []
    assert set(exercises) >= CORE
    plan = exercises["relapse-prevention-plan"]
    assert plan.single and not exercises["trigger-log"].single
    strength = exercises["trigger-log"].field("strength")
    assert strength is not None and strength.required and (strength.min, strength.max) == (0, 10)
    kinds = {f.kind for e in exercises.values() for f in e.fields}
    assert kinds == {"text", "long_text", "scale", "choice", "date", "datetime", "list", "table"}


BROKEN = {
    "unknown kind": ('kind = "slider"', "mood", "unknown kind 'slider'"),
    "unknown key": ('colour = "red"', "mood", "unknown key(s) colour"),
    "missing label": ('label = ""', "mood", "'label' must be non-empty text"),
    "bad scale": ("min = 9", "mood", "min < max"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_broken_field_is_reported_with_field_and_reason(case: str) -> None:
    replacement, field_id, reason = BROKEN[case]
    key = replacement.split(" = ")[0]
    lines = [line for line in GOOD.splitlines() if not line.startswith(f"{key} =")]
    text = (
        "\n".join(lines).replace('kind = "scale"', 'kind = "scale"\n' + replacement)
        if key != "kind"
        else GOOD.replace('kind = "scale"', replacement)
    )
    with pytest.raises(DefinitionError) as caught:
        parse_exercise(text, "mine.toml")
    assert caught.value.field_id == field_id and reason in caught.value.reason


def test_duplicate_field_ids_and_bad_toml_are_reported() -> None:
    doubled = GOOD + '\n[[fields]]\nid = "mood"\nkind = "text"\nlabel = "Again"\n'
    with pytest.raises(DefinitionError, match="duplicate field id 'mood'"):
        parse_exercise(doubled, "x.toml")
    with pytest.raises(DefinitionError, match="not valid TOML"):
        parse_exercise("id = ", "x.toml")


def test_user_folder_adds_worksheets_and_broken_ones_do_not_stop_the_rest(tmp_path: Path) -> None:
    (tmp_path / "mood.toml").write_text(GOOD)
    (tmp_path / "broken.toml").write_text(GOOD.replace('kind = "scale"', 'kind = "dial"'))
    (tmp_path / "clash.toml").write_text(GOOD.replace('id = "mood-check"', 'id = "trigger-log"'))
    exercises, problems = load_exercises([tmp_path])
    assert "mood-check" in exercises and set(exercises) >= CORE
    messages = sorted(str(p) for p in problems)
    assert any("broken.toml, field 'mood': unknown kind 'dial'" in m for m in messages)
    assert any("clash.toml" in m and "already used" in m for m in messages)


def test_cli_exercises_list_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exercises", "list"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in CORE)
    good = tmp_path / "mood.toml"
    good.write_text(GOOD)
    assert main(["exercises", "check", str(good)]) == 0
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace("max = 5", "max = 0"))
    assert main(["exercises", "check", str(bad)]) == 1
    assert "bad.toml, field 'mood'" in capsys.readouterr().err


def test_answers_are_checked_kindly() -> None:
    exercises, _ = load_exercises()
    log = exercises["trigger-log"]
    strength, when = log.field("strength"), log.field("when")
    assert strength is not None and when is not None
    assert validate_answer(strength, None) is not None
    assert "0 to 10" in (validate_answer(strength, 11) or "")
    assert validate_answer(strength, 10) is None
    assert validate_answer(when, "yesterday") is not None
    assert validate_answer(when, "2026-03-14 18:30") is None
    halt = log.field("halt")
    assert halt is not None and format_answer(halt, ["tired", "bored"]) == "Tired, bored"


@given(st.text(max_size=300))
@settings(max_examples=150, deadline=None)
def test_parser_only_ever_raises_definition_errors(text: str) -> None:
    try:
        parse_exercise(text, "fuzz.toml")
    except DefinitionError:
        pass


@given(st.one_of(st.none(), st.integers(), st.text(max_size=30), st.lists(st.text(max_size=5), max_size=3)))
def test_validate_answer_accepts_any_value(value: object) -> None:
    exercises, _ = load_exercises()
    for exercise in exercises.values():
        for spec in exercise.fields:
            result = validate_answer(spec, value)
            assert result is None or isinstance(result, str)


@pytest.mark.slow
def test_definitions_ship_inside_the_built_wheel(tmp_path: Path) -> None:
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(tmp_path.glob("*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "site")
    assert {f"workbook/_exercises/{name}.toml" for name in CORE} <= set(names)
    # Load from the unpacked wheel alone: no source tree on the path.
    code = "from workbook.worksheets.loader import load_exercises; e, p = load_exercises(); print(sorted(e), p)"
    loaded = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(tmp_path / 'site')!r}); {code}"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert loaded.returncode == 0, loaded.stderr
    assert all(name in loaded.stdout for name in CORE) and "[]" in loaded.stdout


def test_the_example_in_the_worksheet_guide_loads() -> None:
    """docs/exercises.md's example is a worksheet the loader accepts, with the roles it shows."""
    import re

    guide = (Path(__file__).parents[1] / "docs" / "exercises.md").read_text(encoding="utf-8")
    example = re.findall(r"```toml\n(.*?)```", guide, re.S)[-1]
    exercise = parse_exercise(example, "docs/exercises.md")
    assert exercise.role_field("when") is not None and exercise.role_field("mood") is not None


def test_each_shipped_worksheet_is_in_the_file_named_after_its_id() -> None:
    """The shell's quick commands read one worksheet by its file name."""
    from workbook.worksheets.loader import load_shipped, shipped_definitions

    for name, text in shipped_definitions():
        exercise = parse_exercise(text, f"exercises/{name}")
        assert name == f"{exercise.id}.toml"
        assert load_shipped(exercise.id) == exercise
    assert load_shipped("no-such-worksheet") is None
