"""Provides ``HoldsTyping``: what a screen that can hold typing not saved yet (a form, the
quick log) offers the app, so quitting never lets words go without asking."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class HoldsTyping(Protocol):
    """A screen that can hold typing not saved yet."""

    def unsaved_typing(self) -> bool: ...

    def save_typing(self) -> bool:
        """Save what is typed as an entry; False (with the reason shown) when it cannot be."""
        ...

    def keep_draft(self) -> bool:
        """Keep what is typed as a draft; False when it could not be kept (a full disk)."""
        ...

    def drop_draft(self) -> None: ...
