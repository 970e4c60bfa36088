"""Snapshots of key screens at 80x24 (Textual is pinned, the day fixed and the cursor's
blink frozen, so the SVGs are stable).

Update after an intended visual change with ``pytest --snapshot-update`` and look
at the new SVGs before committing them.
"""

from __future__ import annotations

import pytest

from app_helpers import form_ready, make_app, settle

pytestmark = [
    pytest.mark.usefixtures("no_blink"),  # the cursor is drawn steady, never caught mid-blink
    pytest.mark.paints,
]


def test_home_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_goal_form_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def to_the_form(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("1", "n")
        await form_ready(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=to_the_form)


def test_crisis_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["f1"])


def test_form_with_a_table_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def to_the_steps(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("1", "n")
        await settle(pilot, lambda: type(pilot.app.screen).__name__ == "FormScreen")
        await pilot.press("f6", "f6")  # the "Steps" section: its table, and no blank run under it
        # On a loaded machine the jump can still be scrolling: wait until it is there and still.
        screen = pilot.app.screen
        seen: list[float] = []

        def still() -> bool:
            seen.append(screen.query_one("#form").scroll_y)
            focused = pilot.app.focused
            in_steps = focused is not None and any(n.id == "field-steps" for n in focused.ancestors_with_self)
            return in_steps and len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3]

        await settle(pilot, still)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=to_the_steps)
