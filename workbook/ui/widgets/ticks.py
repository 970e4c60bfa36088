"""Provides ``TickBox`` and ``TickList``: a checkbox and a multiple-choice list whose state
shows in the shape, not only in the colour: ``▐✓▌`` when ticked, ``▐ ▌`` when not."""

from __future__ import annotations

from typing import Generic, TypeVar

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist

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


class TickList(SelectionList[ValueType], Generic[ValueType]):
    """A selection list whose chosen options show a tick."""

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
