"""Provides ``read_regular_file``: read a file only when it is an ordinary file of bounded size.

Every file the program is handed (a worksheet definition, the data file, a file to import
or restore) goes through here, so a FIFO, a device such as ``/dev/zero``, a folder or a
symlink to one of them is refused at once instead of hanging or filling memory. Lives in
the lowest layer so the worksheet loader and the store share it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from workbook.common.i18n import _


class NotARegularFileError(OSError):
    """The path is not an ordinary file, or is larger than allowed. ``reason`` says which."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason
        self.strerror = reason


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return _("a folder, not a file")
    if stat.S_ISFIFO(mode):
        return _("a pipe (FIFO), not a file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device, not a file")
    if stat.S_ISSOCK(mode):
        return _("a socket, not a file")
    return _("not an ordinary file")


def check_regular(path: Path, limit: int) -> int:
    """The size of ``path`` when it is an ordinary file of at most ``limit`` bytes.

    Raises ``FileNotFoundError`` when nothing is there and ``NotARegularFileError`` otherwise.
    """
    info = os.stat(path)  # follows symlinks: a link to /dev/zero is judged by its target
    if not stat.S_ISREG(info.st_mode):
        raise NotARegularFileError(path, _kind(info.st_mode))
    if info.st_size > limit:
        raise NotARegularFileError(
            path, _("it is larger than {size} ({size2})").format(size=_size(limit), size2=_size(info.st_size))
        )
    return info.st_size


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of an ordinary file of at most ``limit`` bytes (see ``check_regular``).

    The file is opened without blocking and checked again once open, so a file swapped for
    a pipe between the check and the open cannot hang the program.
    """
    check_regular(path, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFileError(path, _kind(info.st_mode))
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:  # the file grew while we read it
                raise NotARegularFileError(path, _("it is larger than {size}").format(size=_size(limit)))
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _size(count: int) -> str:
    if count >= 1_000_000:
        return _("{value:.0f} MB").format(value=count / 1_000_000)
    if count >= 1000:
        return _("{value:.0f} kB").format(value=count / 1000)
    return _("{count} bytes").format(count=count)
