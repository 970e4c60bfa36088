"""Provides ``TickBox`` and ``TickList``: a checkbox and a multiple-choice list whose state
shows in the shape, not only in the colour: ``▐✓▌`` when ticked, ``▐ ▌`` when not."""

from __future__ import annotations

from time import monotonic
from typing import Generic, TypeVar

from rich.segment import Segment
from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Checkbox, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist

from workbook.common.i18n import _

TICK, EMPTY = "✓", " "
ValueType = TypeVar("ValueType")


class TickBox(Checkbox):
    """A checkbox that shows a tick when it is ticked."""

    @property
    def _button(self) -> Content:
        button = super()._button
        plain = button.plain
        if len(plain) != 3:
            return button
        mark = TICK if self.value else EMPTY
        return Content(plain[0] + mark + plain[2], spans=list(button.spans))  # same styles, another character

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Textual's checkbox says one line; ours wrap (app.tcss), so a long label stays whole:
        # the height any widget's words take at this width.
        return Widget.get_content_height(self, container, viewport, width)


TYPING_WINDOW = 1.5  # seconds after a letter during which Space is taken as typing, not a tick


class TickList(SelectionList[ValueType], Generic[ValueType]):
    """A selection list whose chosen options show a tick. Letters typed into it (a person
    who thinks it is a text box) are not taken as keys: it says how the list works, and a
    Space typed between words does not tick or untick whatever is highlighted."""

    _typed_at = -TYPING_WINDOW

    def on_key(self, event: events.Key) -> None:
        now = monotonic()
        if event.key == "space" and now - self._typed_at < TYPING_WINDOW:
            event.prevent_default()
            event.stop()
            self._typed_at = now  # still typing: the next space is words too
            return
        if event.character and event.character.isprintable() and event.character != " " and len(event.key) == 1:
            if now - self._typed_at >= TYPING_WINDOW:
                self.notify(
                    _(
                        "This is a list to tick, not a box to type in: the arrows move, Space ticks. "
                        "Your own words go in the box below it, if there is one."
                    ),
                    timeout=6,
                )
            self._typed_at = now

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 3 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        segments[1] = Segment(TICK if option.value in self._selected else EMPTY, segments[1].style)
        return Strip(segments, strip.cell_length)
