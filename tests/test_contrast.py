"""Text and controls meet WCAG contrast (4.5:1 for text, 3:1 for a control's edge) in the dark,
light and high-contrast themes, measured on the colours Textual actually draws."""

from __future__ import annotations

import pytest
from rich.color import Color as RichColor
from textual.widget import Widget
from textual.widgets import Input

from app_helpers import form_ready, make_app, settle, welcomed_store

pytestmark = pytest.mark.asyncio
THEMES = ("textual-dark", "textual-light", "high-contrast")


def _luminance(color: RichColor) -> float:
    red, green, blue = color.get_truecolor()

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def ratio(a: RichColor, b: RichColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_contrast(widget: Widget) -> float:
    style = widget.rich_style
    assert style.color is not None and style.bgcolor is not None, widget
    return ratio(style.color, style.bgcolor)


def edge_contrast(widget: Widget) -> float:
    """How well a one-row input's side bars stand out from what is around it (WCAG 1.4.11: 3:1)."""
    _kind, color = widget.styles.border_left
    around = widget.parent.rich_style.bgcolor  # type: ignore[union-attr]
    assert around is not None
    red, green, blue = around.get_truecolor()
    from textual.color import Color

    shown = Color(red, green, blue).blend(color.with_alpha(1.0), color.a)
    return ratio(RichColor.from_rgb(shown.r, shown.g, shown.b), around)


async def _check(app, selectors: list[str], theme: str) -> list[str]:  # type: ignore[no-untyped-def]
    low = []
    for selector in selectors:
        for widget in app.screen.query(selector):
            found = text_contrast(widget)
            if found < 4.5:
                low.append(f"{theme}: {selector} {found:.2f}:1")
    return low


async def test_form_text_and_inputs_are_readable() -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("1", "n")
        await pilot.pause()
        app.screen.query_one("#field-goal Input", Input).value = "Three meetings"
        low: list[str] = []
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            low += await _check(
                app,
                [
                    ".field-label",
                    ".field-help",
                    ".field-hint",
                    ".form-intro",
                    ".form-section",
                    "Input",
                    ".table-header .cell",
                    "TickBox",
                    "Select SelectCurrent",
                ],
                theme,
            )
            low += [
                f"{theme}: edge of a table cell {edge_contrast(w):.2f}:1"
                for w in app.screen.query(".table-row Input")
                if edge_contrast(w) < 3
            ]
        assert low == []


async def test_export_screen_inputs_are_readable_and_visible() -> None:
    app = make_app(welcomed_store())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#name", Input).value = "Sam"
        low: list[str] = []
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            low += await _check(
                app,
                [
                    "#export-options Input",
                    "#export-options .field-label",
                    "TickBox",
                    "#export-options Select SelectCurrent",
                ],
                theme,
            )
            low += [
                f"{theme}: edge of #{w.id} {edge_contrast(w):.2f}:1"
                for w in app.screen.query("#export-options Input")
                if edge_contrast(w) < 3
            ]
        assert low == []


async def test_error_messages_are_readable() -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2", "n")
        await form_ready(pilot)
        await pilot.press("ctrl+s")
        # Error lines are made when there is something to say: measure only once they are shown.
        await settle(pilot, lambda: any(w.display and w.region.height for w in app.screen.query(".field-error")))
        low: list[str] = []
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            low += await _check(app, [".field-error"], theme)
        assert low == []


# Box-drawing and block characters draw edges and bars, not words (they need 3:1, checked
# above for the inputs' side bars).
DRAWING = {chr(c) for c in range(0x2500, 0x25A0)} | {" "}  # box drawing and block elements


def _blend(fg: RichColor, bg: RichColor, amount: float) -> RichColor:
    (r1, g1, b1), (r2, g2, b2) = fg.get_truecolor(), bg.get_truecolor()
    return RichColor.from_rgb(r1 + (r2 - r1) * amount, g1 + (g2 - g1) * amount, b1 + (b2 - b1) * amount)


def low_characters(app, where: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Every piece of drawn text on the screen below 4.5:1, as the terminal will show it."""
    low = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        for segment in strip:
            text, style = segment.text.strip(), segment.style
            if not text or set(text) <= DRAWING or style is None or style.color is None or style.bgcolor is None:
                continue
            fg, bg = (style.bgcolor, style.color) if style.reverse else (style.color, style.bgcolor)
            if style.dim:
                fg = _blend(fg, bg, 0.5)  # how a terminal draws dim text, near enough
            found = ratio(fg, bg)
            if found < 4.5:
                low.append(f"{where}, line {y}: {text[:30]!r} {found:.2f}:1")
    return low


async def test_every_character_drawn_on_the_main_screens_is_readable() -> None:
    """Footer keys, hints inside empty fields, the highlighted row, ticks, headings in the
    preview: measured on the characters Textual draws, not on the widgets' own styles, in
    each theme on each screen."""
    store = welcomed_store()
    store.add("trigger-log", {"strength": 6, "note": "after the call"})
    app = make_app(store)
    low: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:

        async def scan(where: str) -> None:
            for theme in THEMES:
                app.theme = theme
                await pilot.pause()
                low.extend(f"{theme}: {found}" for found in low_characters(app, where))

        await pilot.pause()
        await scan("Home")
        for keys, where, screen in (
            (("2",), "history", "HistoryScreen"),
            (("n",), "new craving", "FormScreen"),
            (("escape", "escape"), "Home again", "HomeScreen"),
            (("x",), "export", "ExportScreen"),
            (("escape", "c"), "quick log", "QuickLogScreen"),
            (("escape", "f1"), "crisis help", "CrisisScreen"),
            (("escape", "question_mark"), "help", "HelpScreen"),
        ):
            await pilot.press(*keys)
            await settle(pilot, lambda screen=screen: type(app.screen).__name__ == screen)
            await scan(where)
    assert low == []


@pytest.mark.asyncio
async def test_the_remove_question_on_a_table_row_is_readable() -> None:
    from app_helpers import goal_steps_with_a_filled_row

    app = make_app(welcomed_store())
    async with app.run_test(size=(80, 24)) as pilot:
        steps = await goal_steps_with_a_filled_row(pilot)
        remove = steps.query(".remove-row").last()
        remove.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert remove.has_class("armed")
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            assert text_contrast(remove) >= 4.5, theme
