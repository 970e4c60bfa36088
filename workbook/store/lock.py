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
                    raise self._folder_error(os_reason(exc)) from None
        self._acquire_with_filelock()

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
            if os.fstat(fd).st_nlink > 0:
                self._fd = fd
                return
            # The lock file was removed between opening and locking it: a process that opens
            # the path now gets a new file, so this lock would guard nothing. Take it again.
            os.close(fd)
        raise WorkbookLockedError(self.db_path)

    def _open_lock_file(self) -> tuple[int, bool]:
        """The lock file's descriptor, and whether it was made just now. O_NOFOLLOW: a link
        planted in place of the lock file is not followed."""
        flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0)
        for _attempt in range(3):
            try:
                return os.open(self.lock_file, flags | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE), True
            except FileExistsError:
                pass
            try:
                return os.open(self.lock_file, flags), False
            except FileNotFoundError:  # removed in between: make it again
                continue
        return os.open(self.lock_file, flags | os.O_CREAT, PRIVATE_FILE_MODE), False

    def _acquire_with_filelock(self) -> None:
        from filelock import FileLock, Timeout

        if self._fallback is None:
            self._fallback = FileLock(str(self.lock_file), mode=PRIVATE_FILE_MODE, thread_local=False)
        try:
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
