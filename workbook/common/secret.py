"""Provides ``Secret``: a passphrase in a box whose ``repr`` and ``str`` never show it.

Textual names a worker after its arguments, and error reports print those names; a
passphrase handed to a worker as a ``Secret`` shows as ``Secret(…)`` wherever it is named.
"""

from __future__ import annotations


class Secret:
    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret(…)"

    __str__ = __repr__
