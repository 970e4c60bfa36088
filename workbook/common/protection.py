"""Provides keeping secrets off the terminal and out of core files.

``harden_process`` turns core dumps off (``RLIMIT_CORE`` 0, and not dumpable where Linux
allows it): a core of the unlocked app would hold the passphrase and entries.
``safe_traceback`` is what ``WORKBOOK_DEBUG=1`` shows: where the problem happened (files,
lines, functions, exception types), never local variables or exception messages, which
can hold what the person typed.
"""

from __future__ import annotations

import sys
import traceback

from workbook.common.i18n import _

PR_SET_DUMPABLE = 4


def harden_process() -> None:
    """No core dumps from this process (best effort; silent where the system has no such knob)."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
        except (OSError, AttributeError):
            pass


def safe_traceback(error: BaseException) -> str:
    """The chain of frames and exception types behind ``error``, without values or messages."""
    lines: list[str] = []
    current: BaseException | None = error
    seen: set[int] = set()
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.extract_tb(current.__traceback__)
        block = [
            _("  {filename}:{lineno} in {name}").format(filename=f.filename, lineno=f.lineno, name=f.name)
            for f in frames
        ]
        lines.insert(0, "\n".join([f"{type(current).__module__}.{type(current).__qualname__}", *block]))
        current = current.__cause__ or current.__context__
    return _("Traceback (values and messages left out: they can hold what you typed):\n") + _(
        "\n-- which led to --\n"
    ).join(lines)
