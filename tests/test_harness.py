"""The suite's own shortcuts keep their promises (see tests/conftest.py)."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

pytestmark = pytest.mark.asyncio


class _Undrawable(Static):
    def render(self) -> str:
        raise RuntimeError("cannot be drawn")


class _UndrawableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield _Undrawable()

    def _fatal_error(self) -> None:
        # Textual draws the crash's traceback with every frame's locals (three seconds of CPU
        # here); the test needs only the error, which Textual keeps before drawing it.
        self._close_messages_no_wait()


async def test_a_screen_that_cannot_be_drawn_still_fails_its_test() -> None:
    """Frames after a screen's first are not painted in tests not marked ``paints``; the
    first is, so a screen that cannot be drawn still fails the test that opens it."""
    with pytest.raises(RuntimeError, match="cannot be drawn"):
        async with _UndrawableApp().run_test() as pilot:
            await pilot.pause()
