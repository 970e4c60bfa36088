"""One writer at a time.

Keeping the database in memory is only safe while no other process writes the
same file, so ``Store.open`` takes an exclusive lock on ``NAME.lock`` beside the
data file and a second window gets a clear message instead of silently
overwriting the first one's saves. The lock is an OS lock: it goes away by itself
when a process dies, so a crash never leaves a stale lock.

On Linux and macOS the lock is ``flock`` on the lock file, taken here directly: it is
what ``filelock`` does there too, and importing ``filelock`` costs 10-30 ms that every
start and every one-line command from the shell would pay (issue 30). Where ``flock``
is missing (Windows, a network folder that refuses it) ``filelock`` takes over, with its
own fallbacks.
"""

from __future__ import annotations

import errno
import os
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from workbook.common.errors import WorkbookError, WorkbookLockedError, os_reason
from workbook.common.i18n import _
from workbook.store.fsutil import PRIVATE_FILE_MODE
from workbook.store.paths import lock_path_for

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

# What flock says when another process holds the lock (some filesystems answer EACCES).
_TAKEN = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES})
# What a filesystem says when it has no flock at all: filelock's fallbacks decide then.
_NO_FLOCK = frozenset({errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOLCK})


class WriterLock:
    """An exclusive, non-waiting lock for one data file."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.lock_file = lock_path_for(db_path)
        self._fd: int | None = None
        self._fallback: Any = None  # a filelock.FileLock where flock is missing

    def acquire(self) -> None:
        if fcntl is not None and self._fallback is None:
            try:
                self._flock()
                return
            except OSError as exc:
                if exc.errno not in _NO_FLOCK:
                    raise self._open_error(exc) from None
        self._acquire_with_filelock()

    def _open_error(self, exc: OSError) -> WorkbookError:
        if os.path.lexists(self.lock_file) and exc.errno not in (errno.ENOSPC, errno.EROFS, errno.EDQUOT):
            return self._lock_file_error(os_reason(exc))
        return self._folder_error(os_reason(exc))

    def _lock_file_error(self, reason: str) -> WorkbookError:
        return WorkbookError(
            _(
                "The workbook's lock file {path} cannot be used ({reason}). Nothing was changed. If no "
                "window has the workbook open, remove that file and try again."
            ).format(path=self.lock_file, reason=reason)
        )

    def _flock(self) -> None:
        assert fcntl is not None
        for _attempt in range(3):
            fd, made = self._open_lock_file()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                os.close(fd)
                if exc.errno in _TAKEN:
                    raise WorkbookLockedError(self.db_path) from None
                if made and exc.errno in _NO_FLOCK:
                    # filelock's own fallback there reads a lock file it did not make as taken.
                    self.lock_file.unlink(missing_ok=True)
                raise
            info = os.fstat(fd)
            if self._foreign(info):
                os.close(fd)
                raise self._lock_file_error(_("it belongs to another account, in a folder others can write to"))
            if info.st_nlink > 0:
                self._fd = fd
                return
            # The lock file was removed between opening and locking it: a process that opens
            # the path now gets a new file, so this lock would guard nothing. Take it again.
            os.close(fd)
        raise WorkbookLockedError(self.db_path)

    def still_held(self, unchanged: Callable[[], bool]) -> bool:
        """Whether this lock still guards the workbook, checked before each save. The lock file
        removed (someone tidying up) or replaced while held: another process may have taken a
        new one and written. When ``unchanged()`` says the workbook file is as this process
        first read or last wrote it (or is gone), nothing was written meanwhile and the lock is
        taken again on the file now at the path; otherwise the save must not go ahead (it would
        write over theirs)."""
        if self._fd is None:
            return True  # filelock's fallback keeps its own file
        try:
            now = os.stat(self.lock_file, follow_symlinks=False)
            held = os.fstat(self._fd)
            if (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
                return True
        except FileNotFoundError:
            pass
        except OSError:
            return False
        if not unchanged():
            return False
        previous = self._fd
        self._fd = None
        try:
            self._flock()
        except (OSError, WorkbookError):
            self._fd = previous
            return False
        os.close(previous)
        return True

    def _foreign(self, info: os.stat_result) -> bool:
        """A lock file another account owns, in a folder others may write to (a shared, sticky
        folder such as /tmp): that account could swap it while this one is held."""
        if not hasattr(os, "getuid") or info.st_uid == os.getuid():
            return False
        try:
            return bool(os.stat(self.lock_file.parent).st_mode & 0o022)
        except OSError:
            return True

    def _open_lock_file(self) -> tuple[int, bool]:
        """The lock file's descriptor, and whether it was made just now. O_NOFOLLOW: a link
        planted in place of the lock file is not followed."""
        # O_NONBLOCK: a FIFO planted in place of the lock file must not hold the program waiting.
        flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        for _attempt in range(3):
            try:
                return os.open(self.lock_file, flags | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE), True
            except FileExistsError:
                pass
            try:
                return os.open(self.lock_file, flags), False
            except FileNotFoundError:  # removed in between: make it again
                continue
            except PermissionError:  # a read-only lock file: flock needs no write access
                return os.open(self.lock_file, flags & ~os.O_RDWR | os.O_RDONLY), False
        return os.open(self.lock_file, flags | os.O_CREAT, PRIVATE_FILE_MODE), False

    def _acquire_with_filelock(self) -> None:
        from filelock import FileLock, Timeout

        if self._fallback is None:
            self._fallback = FileLock(str(self.lock_file), mode=PRIVATE_FILE_MODE, thread_local=False)
        try:
            with warnings.catch_warnings():
                # Its notice that it falls back to a lock file of its own is for developers.
                warnings.simplefilter("ignore", UserWarning)
                self._fallback.acquire(timeout=0)
        except Timeout:
            if not self.lock_file.exists():
                # filelock reports a lock file it could not even create as "taken".
                raise self._folder_error(_("the folder cannot be written to")) from None
            raise WorkbookLockedError(self.db_path) from None
        except OSError as exc:  # a read-only folder, a full disk, a missing folder
            raise self._folder_error(os_reason(exc)) from None

    def _folder_error(self, reason: str) -> WorkbookError:
        return WorkbookError(
            _(
                "Could not open the workbook in {parent} ({reason}). Nothing was "
                "changed. Choose another place with --db PATH or WORKBOOK_DB."
            ).format(parent=self.db_path.parent, reason=reason)
        )

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the only descriptor gives the flock back
        elif self._fallback is not None and self._fallback.is_locked:
            self._fallback.release()
