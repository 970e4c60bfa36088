"""Provides ``WorkbookFooter``: Textual's footer, with every key it shows whole.

Textual's footer draws the screen's keys in a row and cuts the last ones off mid-word when
the row is too long ("f2 Hi", "? He"). This one ranks the keys: crisis help (F1) first and
always, then Esc and Save (or Ctrl+S's own action) where a screen has them, then hiding (F2,
drawn last), then Help (?, which lists the rest), then the screen's own keys in their order;
it shows as many as fit whole, and leaves the rest to ``?`` and the command palette (Ctrl+P).
It is drawn compact on a narrow terminal, and without the palette's key on one (Textual
draws that key over the last one there).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

COMPACT_BELOW = 100  # columns
PALETTE_KEY_FROM = COMPACT_BELOW  # below, the screen's own keys need the room (Ctrl+P still works, ? lists it)
PALETTE_ROOM = 14  # columns the palette's key takes at the right, where it is shown


def _rank(binding: Binding) -> int:
    """Which keys are kept first when the row is short."""
    if binding.action in ("app.crisis", "crisis"):
        return 0
    if binding.key in ("escape", "ctrl+s") or binding.action in ("save", "app.save"):
        return 1  # the way back, and saving what is typed (or writing the file)
    if _is_hide(binding):
        return 2  # privacy: blanking the screen when someone comes near
    if binding.action in ("app.help", "help"):
        return 3  # the key that lists every other key
    return 4


def _is_hide(binding: Binding) -> bool:
    return binding.action in ("app.hide", "hide")


def _place(binding: Binding) -> int:
    """Where a kept key is drawn: crisis help first, hiding last."""
    rank = _rank(binding)
    return 5 if _is_hide(binding) else (rank if rank < 3 else 4)  # help keeps its place among the rest


def fitting(keys: list[tuple[Binding, str]], width: int, compact: bool) -> list[tuple[Binding, str]]:
    """The keys to show in ``width`` columns, ranked (F1, Esc, the screen's own, F2), each
    whole; ``keys`` are (binding, key as shown), the description already in the person's words."""
    extra = 2 if compact else 3
    ranked = sorted(range(len(keys)), key=lambda i: (_rank(keys[i][0]), i))
    kept: list[int] = []
    used = 0
    for i in ranked:
        binding, shown = keys[i]
        cost = len(shown) + len(binding.description) + extra
        if used + cost <= width or not kept:  # crisis help is shown whatever the width
            kept.append(i)
            used += cost
    return [keys[i] for i in sorted(kept, key=lambda i: (_place(keys[i][0]), i))]


class WorkbookFooter(Footer):
    def on_resize(self, event: Resize) -> None:
        compact = event.size.width < COMPACT_BELOW
        palette = event.size.width >= PALETTE_KEY_FROM
        if (compact, palette) != (self.compact, self.show_command_palette) or self._width != event.size.width:
            self.compact = compact
            self.show_command_palette = palette
            self._width = event.size.width
            self._remake()

    _width = 0
    _pending = False  # a remake is asked for and not done yet

    def _remake(self) -> None:
        """Make the keys again after the next refresh, once however often it is asked for:
        at start the screen's keys change several times before one frame is drawn, and each
        remake restyles every key (it was five remakes of the same keys before Home painted)."""
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self._remake_now)

    async def _remake_now(self) -> None:
        self._pending = False
        if self.is_attached and self._signature() != self._drawn:
            await self.recompose()

    def _shown_bindings(self) -> Iterable[tuple[Binding, bool, str]]:
        seen: set[str] = set()
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                yield binding, enabled, tooltip

    _drawn: tuple[object, ...] | None = None  # what the keys were last made from

    def _signature(self) -> tuple[object, ...]:
        keys = tuple((b.key, b.action, b.description, enabled, tip) for b, enabled, tip in self._shown_bindings())
        return keys, self._width, self.compact, self.show_command_palette

    def bindings_changed(self, screen: Screen[object]) -> None:
        # Textual makes every key again each time focus moves; most moves change no key, and
        # remaking them was about a quarter of what moving through a form cost. Only a real
        # change does now.
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return  # as Textual's own footer
        if self._signature() != self._drawn:
            self._remake()

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        self._drawn = self._signature()
        shown = {b.action: (b, enabled, tooltip) for b, enabled, tooltip in self._shown_bindings()}
        width = (self._width or self.app.size.width) - (PALETTE_ROOM if self.show_command_palette else 0)
        keys = fitting([(b, self.app.get_key_display(b)) for b, _e, _t in shown.values()], width, self.compact)
        self.styles.grid_size_columns = len(keys)
        for binding, key_display in keys:
            _binding, enabled, tooltip = shown[binding.action]
            yield FooterKey(
                binding.key, key_display, binding.description, binding.action, disabled=not enabled, tooltip=tooltip
            ).data_bind(compact=Footer.compact)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, tooltip = found
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    classes="-command-palette",
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                )
