"""Crisis help leads with the person's own people (a key copies a number), then the lines;
while the app is hidden (F2) it shows the lines only."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from app_helpers import make_app, settle, welcomed_store

pytestmark = pytest.mark.asyncio  # (the helpers below are plain functions)


def _with_people():  # type: ignore[no-untyped-def]
    store = welcomed_store()
    store.add(
        "relapse-prevention-plan",
        {"contacts": [{"name": "Ana", "role": "sponsor", "phone": "555-0100"}, {"name": "Luis", "phone": "555-0199"}]},
    )
    return store


def _body(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#crisis-body", Static).render())


async def test_the_persons_own_people_come_first_and_a_key_copies_a_number() -> None:
    app = make_app(_with_people())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await pilot.press("f1")
        await settle(pilot, lambda: type(app.screen).__name__ == "CrisisScreen")
        body = _body(app)
        assert body.index("Ana") < body.index("988") and "Luis" in body
        await pilot.press("2")
        await pilot.pause()
        assert app.clipboard == "555-0199"


async def test_while_hidden_crisis_help_shows_the_lines_only() -> None:
    app = make_app(_with_people())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await pilot.press("f2")
        await settle(pilot, lambda: type(app.screen).__name__ == "PrivacyScreen")
        await pilot.press("f1")
        await settle(pilot, lambda: type(app.screen).__name__ == "CrisisScreen")
        body = _body(app)
        assert "988" in body and "Ana" not in body and "555-0100" not in body
        await pilot.press("1")
        await pilot.pause()
        assert app.clipboard != "555-0100"


@pytest.mark.asyncio
async def test_hiding_takes_away_every_notice() -> None:
    """A notice may quote a person's number or a file's name: none stays over the hidden screen."""
    app = make_app(_with_people())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await pilot.press("f1")
        await settle(pilot, lambda: type(app.screen).__name__ == "CrisisScreen")
        await pilot.press("1", "escape")
        await settle(pilot, lambda: bool(app._notifications))
        await pilot.press("f2")
        await settle(pilot, lambda: type(app.screen).__name__ == "PrivacyScreen")
        assert not app._notifications
