"""Durable, private file writing shared by the store, backups and exports.

``atomic_write`` is the one place that decides how bytes reach the disk: a
temporary file beside the target, flush, fsync, ``os.replace`` and an fsync of
the folder, so a crash leaves either the old file or the new one, never a mix.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from workbook.store.errors import WorkbookError

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
TEMP_SUFFIX = ".wbtmp"


def temp_name_for(target: Path) -> Path:
    """A unique temporary path in the target's folder, recognisable as ours."""
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}")


def leftover_temp_files(target: Path) -> list[Path]:
    """Temporary files a crashed write of ``target`` (and only of it) left behind."""
    return sorted(target.parent.glob(f".{target.name}.*{TEMP_SUFFIX}"))


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` (and parents) so that only its owner can enter it."""
    if folder.is_dir():
        return
    try:
        folder.mkdir(parents=True, mode=PRIVATE_DIR_MODE)
        os.chmod(folder, PRIVATE_DIR_MODE)
    except OSError as exc:
        raise WorkbookError(f"Could not create the folder {folder} ({exc.strerror or exc}). "
                            "Choose another place with --db PATH or WORKBOOK_DB.") from None


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
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
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


def read_bytes(path: Path) -> bytes:
    """Read a whole file (a thin wrapper, so callers share one error path)."""
    with open(path, "rb") as handle:
        return handle.read()
