"""The auto-lock: after the chosen minutes without a key, typing is kept as a draft and the
app hides itself (asking for the passphrase first when the workbook is encrypted)."""

from __future__ import annotations

import pytest

from app_helpers import make_app, settle, welcomed_store
from workbook.ui.auto_lock import DEFAULT_MINUTES, SETTING, minutes_of

pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize(("given", "minutes"), [(None, DEFAULT_MINUTES), (5, 5), (0, 0), ("x", DEFAULT_MINUTES),
                                                 (True, DEFAULT_MINUTES), (-3, 0), (10**9, 24 * 60)])  # fmt: skip
async def test_the_setting_is_read_defensively(given: object, minutes: float) -> None:
    assert minutes_of(given) == minutes


async def test_idle_minutes_keep_the_typing_then_hide(monkeypatch: pytest.MonkeyPatch) -> None:
    store = welcomed_store()
    store.set_setting(SETTING, 1)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")  # the quick craving log
        await settle(pilot, lambda: type(app.screen).__name__ == "QuickLogScreen")
        await pilot.press(*"6 the walk")
        await pilot.pause()
        watch = app._idle
        assert watch is not None
        watch.look()
        assert type(app.screen).__name__ == "QuickLogScreen"  # a minute has not passed
        watch.last -= 61
        watch.look()
        await pilot.pause()
        assert type(app.screen).__name__ == "PrivacyScreen"
        assert any("the walk" in str(d.answers) for d in app.open_book.drafts())
        await pilot.press("x")  # not encrypted: any key brings it back
        await settle(pilot, lambda: type(app.screen).__name__ == "QuickLogScreen")
        watch.last -= 3600
        app.open_book.save_setting(SETTING, 0)  # never
        watch.look()
        assert type(app.screen).__name__ == "QuickLogScreen"
