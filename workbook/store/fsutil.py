"""Provides durable, private file writing and careful reading, shared by the store, backups
and exports.

``atomic_write`` is the one place that decides how bytes reach the disk: a temporary file
beside the target, flush, fsync, ``os.replace`` and an fsync of the folder, so a crash
leaves either the old file or the new one, never a mix. New folders are made owner-only
and their parent is fsynced, so a first save survives a power cut too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from workbook.common.errors import WorkbookError, os_reason
from workbook.common.i18n import _
from workbook.common.regular_files import read_regular_file

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
TEMP_SUFFIX = ".wbtmp"


def temp_name_for(target: Path) -> Path:
    """A unique temporary path in the target's folder, recognisable as ours."""
    # os.urandom as secrets.token_hex does, without importing secrets (and hmac and hashlib
    # behind it) into every command from the shell.
    return target.with_name(f".{target.name}.{os.urandom(6).hex()}{TEMP_SUFFIX}")


def leftover_temp_files(target: Path) -> list[Path]:
    """Temporary files a crashed write of ``target`` (and only of it) left behind."""
    prefix = f".{target.name}."
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    return sorted(
        target.parent / n
        for n in names
        if n.startswith(prefix) and n.endswith(TEMP_SUFFIX) and len(n) == len(prefix) + 12 + len(TEMP_SUFFIX)
    )


def remove_leftovers(target: Path) -> int:
    """Delete the temporary files a crashed write of ``target`` left; return how many."""
    removed = 0
    for leftover in leftover_temp_files(target):
        try:
            leftover.unlink()
            removed += 1
        except OSError:
            continue
    return removed


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` (and parents) so that only its owner can enter it, durably."""
    if folder.is_dir():
        return
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    try:
        for created in reversed(missing):
            created.mkdir(mode=PRIVATE_DIR_MODE)
            os.chmod(created, PRIVATE_DIR_MODE)
            fsync_dir(created.parent)  # the new folder's name must survive a power cut
    except OSError as exc:
        raise WorkbookError(
            _(
                "Could not create the folder {folder} ({value}). Choose another place with --db PATH or WORKBOOK_DB."
            ).format(folder=folder, value=os_reason(exc))
        ) from None


def tighten_own_dir(folder: Path) -> None:
    """Make a folder of the program's own (the backups folder) owner-only again if it was
    opened up, when it is a real folder this user owns (a link is left as it is: each file
    in it is owner-only anyway)."""
    try:
        info = os.lstat(folder)
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and info.st_mode & 0o077:
            os.chmod(folder, PRIVATE_DIR_MODE)
    except (OSError, AttributeError):  # AttributeError: no getuid (Windows), where modes do not apply
        pass


def fsync_dir(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` durably with mode 0600; raise ``OSError`` on failure.

    On failure the temporary file is removed and ``target`` is unchanged.
    """
    tmp = temp_name_for(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    fsync_dir(target.parent)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of an ordinary file of at most ``limit`` bytes (never a pipe or a device)."""
    return read_regular_file(path, limit)
