"""Small parsers the person's typing goes through: crisis lines, export dates, strengths."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from workbook.export.options import parse_day
from workbook.worksheets.crisis import CrisisLine, lines_to_text, text_to_lines
from workbook.worksheets.quick_log import parse_strength

names = (
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters=":"), min_size=1, max_size=30
    )
    .map(str.strip)
    .filter(bool)
)
details = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=60).map(str.strip)


@given(st.lists(st.builds(CrisisLine, names, details), max_size=6))
def test_crisis_lines_survive_editing_as_text(lines: list[CrisisLine]) -> None:
    assert text_to_lines(lines_to_text(lines)) == lines


@given(st.text(max_size=200))
def test_crisis_text_never_crashes(text: str) -> None:
    for line in text_to_lines(text):
        assert line.name or line.detail


@given(st.dates())
def test_export_dates_round_trip_within_the_years_the_program_keeps(day) -> None:  # type: ignore[no-untyped-def]
    if 1900 <= day.year <= 2999:
        assert parse_day(day.isoformat(), "--from") == day
    else:
        with pytest.raises(ValueError, match="the year should be between 1900 and 2999"):
            parse_day(day.isoformat(), "--from")


@given(st.text(max_size=20))
def test_export_dates_fail_kindly(text: str) -> None:
    try:
        parse_day(text, "--from")
    except ValueError as exc:
        assert "like 2026-03-14" in str(exc)


@given(st.text(max_size=6))
def test_strength_is_0_to_10_or_a_kind_error(text: str) -> None:
    try:
        value = parse_strength(text)
    except ValueError as exc:
        assert "from 0 to 10" in str(exc)
    else:
        assert 0 <= value <= 10


@pytest.mark.parametrize("text", ["0", "10", "07"])
def test_strength_accepts(text: str) -> None:
    assert parse_strength(text) == int(text)


@given(
    st.lists(
        st.sampled_from(["a", "é", "¿", "\x7f", "\x85", "\x00", "\x1b", "\b", "\f", "\r", "\n", "\t", "\\", '"', "u00"])
        | st.sampled_from(["\\b", "\\u0085", "\\\\r", "\u0100", "\u00e9"])
        | st.text(max_size=4),
        max_size=12,
    ).map("".join)
)
@example("a\rb")
@example("\b")
@example("\f")
@example("\x00")
@example("\x1f")
@example("\x7f")
@example("\x85")
@example("\x9f")
@example("C:\\bin\\reports")
@example("¿é\u00a0 \\u0085")
def test_the_quick_control_check_of_stored_json_finds_exactly_the_control_characters(words: str) -> None:
    import json

    import orjson

    from workbook.common import printable

    controls = {chr(c) for c in [*range(32), *range(0x7F, 0xA0)]} - {"\t", "\n"}
    expected = any(c in controls for c in words)
    assert printable.json_may_hold_controls(orjson.dumps({"note": words})) == expected
    assert printable.json_may_hold_controls(json.dumps({"note": words}).encode()) == expected  # TinyDB's own
    assert printable.json_may_hold_controls(json.dumps({"note": words}, ensure_ascii=False).encode()) == expected
