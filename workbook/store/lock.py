"""One writer at a time.

Keeping the database in memory is only safe while no other process writes the
same file, so ``Store.open`` takes an exclusive lock on ``NAME.lock`` beside the
data file and a second window gets a clear message instead of silently
overwriting the first one's saves. The lock is an OS lock (``filelock``): it
goes away by itself when a process dies, so a crash never leaves a stale lock.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from workbook.common.errors import WorkbookError, WorkbookLockedError, os_reason
from workbook.common.i18n import _
from workbook.store.fsutil import PRIVATE_FILE_MODE
from workbook.store.paths import lock_path_for


class WriterLock:
    """An exclusive, non-waiting lock for one data file."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._lock = FileLock(str(lock_path_for(db_path)), mode=PRIVATE_FILE_MODE, thread_local=False)

    def acquire(self) -> None:
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            if not Path(self._lock.lock_file).exists():
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
        if self._lock.is_locked:
            self._lock.release()
