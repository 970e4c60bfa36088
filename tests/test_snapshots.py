"""Snapshots of key screens at 80x24 (Textual is pinned, so the SVGs are stable).

Update after an intended visual change with ``pytest --snapshot-update`` and look
at the new SVGs before committing them.
"""

from __future__ import annotations

from app_helpers import make_app


def test_home_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_goal_form_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["1", "n"])


def test_crisis_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["f1"])


def test_form_with_a_table_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def to_the_steps(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("1", "n")
        await pilot.pause()
        await pilot.press("f6", "f6")  # the "Steps" section: its table, and no blank run under it
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=to_the_steps)
