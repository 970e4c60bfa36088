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
