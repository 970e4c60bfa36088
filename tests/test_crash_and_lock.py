"""Processes: a writer killed with SIGKILL loses nothing it reported saved, and a
second process is refused while the first has the workbook open."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.export.json_backup import build_export, dump_export
from workbook.store.workbook_store import Store
from workbook.worksheets.entry import Entry

SAVER = """
import sys
from pathlib import Path
from workbook.store.workbook_store import Store
store = Store.open(Path(sys.argv[1]))
print("ready", flush=True)
n = 0
while True:
    entry = store.add("trigger-log", {"strength": n % 11, "note": "x" * (n % 300)})
    if n % 5 == 0 and n:
        store.update(entry.id, {"strength": 1})
    print(entry.id, flush=True)
    n += 1
"""

HOLDER = """
import sys, time
from pathlib import Path
from workbook.store.workbook_store import Store
store = Store.open(Path(sys.argv[1]))
store.add("gratitude-journal", {"one": "held"})
print("ready", flush=True)
time.sleep(30)
"""

pytestmark = pytest.mark.slow


def _start(code: str, db_path: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-c", code, str(db_path)], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    return child


def test_sigkill_during_saves_loses_no_reported_save(db_path: Path) -> None:
    rng = random.Random(20261122)
    deadline = time.monotonic() + 20
    kills = 0
    reported: list[str] = []
    while kills < 12 and time.monotonic() < deadline:
        child = _start(SAVER, db_path)
        time.sleep(rng.uniform(0.02, 0.4))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        kills += 1
        # Only complete lines were reported; a partly printed id was not yet "done".
        reported.extend(line for line in out.split("\n")[:-1] if line)
        with Store.open(db_path) as reopened:
            missing = [i for i in reported if reopened.get(i) is None]
            assert not missing, f"{len(missing)} reported saves were lost after kill {kills}"
    assert kills >= 3 and reported


def test_second_process_is_refused_and_nothing_is_lost(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    holder = _start(HOLDER, db_path)
    try:
        before = db_path.read_bytes()
        export = db_path.with_name("export.json")
        export.write_bytes(dump_export(build_export([Entry.new("trigger-log", {"strength": 3})], {})))
        code = main(["--db", str(db_path), "import", str(export)])
        assert code == 1
        assert "Another window has the workbook open" in capsys.readouterr().err
        assert main(["--db", str(db_path)]) == 1  # the app itself, as a second window
        assert "Another window has the workbook open" in capsys.readouterr().err
        refused = subprocess.run(
            [sys.executable, "-m", "workbook", "--db", str(db_path), "backup"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert refused.returncode == 1 and "Another window" in refused.stderr
        assert db_path.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
    with Store.open(db_path) as after:
        assert [e.answers for e in after.entries()] == [{"one": "held"}]


def test_one_lock_per_workbook_even_inside_one_process(db_path: Path) -> None:
    from workbook.common.errors import WorkbookLockedError
    from workbook.store.lock import WriterLock

    db_path.parent.mkdir(parents=True, exist_ok=True)
    first, second = WriterLock(db_path), WriterLock(db_path)
    first.acquire()
    try:
        with pytest.raises(WorkbookLockedError):
            second.acquire()
        assert (first.lock_file.stat().st_mode & 0o777) == 0o600
    finally:
        first.release()
    second.acquire()  # given back on release
    second.release()
    second.release()  # releasing twice is harmless


def test_a_lock_that_cannot_be_made_says_where_and_what_to_do(tmp_path: Path) -> None:
    from workbook.common.errors import WorkbookError, WorkbookLockedError
    from workbook.store.lock import WriterLock

    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("mine")
    with pytest.raises(WorkbookError, match=r"Could not open the workbook in .*--db PATH") as raised:
        WriterLock(not_a_folder / "workbook.json").acquire()
    assert not isinstance(raised.value, WorkbookLockedError)
    # A link planted where the lock file goes is not followed, and what it points at is left alone.
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep")
    db_path = tmp_path / "workbook.json"
    (tmp_path / "workbook.json.lock").symlink_to(target)
    with pytest.raises(WorkbookError, match=r"lock file .*workbook\.json\.lock cannot be used .*remove that file"):
        WriterLock(db_path).acquire()
    assert target.read_text() == "keep"


def _log_from_the_shell(db_path: Path) -> None:
    """Another process saves a craving of strength 3 (it finds no lock held, so it writes)."""
    other = subprocess.run(
        [sys.executable, "-m", "workbook", "--db", str(db_path), "log", "craving", "3", "from the shell"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert other.returncode == 0, other.stderr


def test_a_lock_file_removed_while_held_is_taken_again_only_when_nothing_was_written(db_path: Path) -> None:
    """Someone tidying up removes the lock file while a window has the workbook open: with
    nothing written meanwhile the window takes the lock again and saves; when another process
    took a new lock file and wrote, the window refuses to write over it, and keeps refusing."""
    from workbook.common.errors import SaveError

    with Store.open(db_path) as store:
        store.add("trigger-log", {"strength": 1})
        lock_file = db_path.with_name(db_path.name + ".lock")
        lock_file.unlink()
        store.add("trigger-log", {"strength": 2})  # nothing else wrote: the lock is taken again
        assert lock_file.exists()
        lock_file.unlink()
        _log_from_the_shell(db_path)
        for _attempt in range(2):
            with pytest.raises(SaveError, match="another program may have written to it"):
                store.add("trigger-log", {"strength": 4})
    with Store.open(db_path) as reopened:
        assert sorted(e.answers["strength"] for e in reopened.entries()) == [1, 2, 3]


def test_where_flock_is_missing_filelock_takes_over(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from workbook.common.errors import WorkbookLockedError
    from workbook.store import lock as lock_module

    def no_flock(fd: int, operation: int) -> None:
        raise OSError(errno.ENOSYS, "Function not implemented")

    monkeypatch.setattr(lock_module.fcntl, "flock", no_flock)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    first, second = lock_module.WriterLock(db_path), lock_module.WriterLock(db_path)
    first.acquire()
    try:
        assert first._fallback is not None and first._fallback.is_locked
        with pytest.raises(WorkbookLockedError):
            second.acquire()
    finally:
        first.release()
    second.acquire()
    second.release()


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file to another account needs root"
)
def test_a_lock_file_of_another_account_in_a_shared_folder_is_refused(tmp_path: Path) -> None:
    from workbook.common.errors import WorkbookError
    from workbook.store.lock import WriterLock

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    planted = shared / "workbook.json.lock"
    planted.touch()
    os.chown(planted, 65534, 65534)
    with pytest.raises(WorkbookError, match="belongs to another account"):
        WriterLock(shared / "workbook.json").acquire()
    own = tmp_path / "own"
    own.mkdir(mode=0o700)
    (own / "workbook.json.lock").touch()
    os.chown(own / "workbook.json.lock", 65534, 65534)
    held = WriterLock(own / "workbook.json")  # a folder only this account writes to: no one can swap it
    held.acquire()
    held.release()


def test_a_failed_save_does_not_bless_what_another_program_wrote_after_it(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed save makes the store read the file again; what it reads then may be another
    program's, so it never counts as this window's own (found by the second hostile pass)."""
    import errno

    from workbook.common.errors import SaveError
    from workbook.store import fsutil

    with Store.open(db_path) as store:
        store.add("trigger-log", {"strength": 1})
        real = fsutil.atomic_write

        def full(target: Path, data: bytes) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        store._db.storage.spare = None  # type: ignore[attr-defined]
        monkeypatch.setattr(fsutil, "atomic_write", full)
        with pytest.raises(SaveError):
            store.set_setting("theme", "textual-light")
        monkeypatch.setattr(fsutil, "atomic_write", real)
        db_path.with_name(db_path.name + ".lock").unlink()
        _log_from_the_shell(db_path)
        with pytest.raises(SaveError, match="another program may have written to it"):
            store.add("trigger-log", {"strength": 4})
    with Store.open(db_path) as reopened:
        assert sorted(e.answers["strength"] for e in reopened.entries()) == [1, 3]


def test_a_workbook_file_removed_while_open_is_written_back_whole(db_path: Path) -> None:
    """Someone removes the workbook file and its lock file while a window has it open: the
    next save writes back everything the window holds, as before the lock was checked."""
    with Store.open(db_path) as store:
        store.add("trigger-log", {"strength": 1})
        store.add("trigger-log", {"strength": 2})
        db_path.unlink()
        db_path.with_name(db_path.name + ".lock").unlink()
        store.add("trigger-log", {"strength": 3})
    with Store.open(db_path) as reopened:
        assert sorted(e.answers["strength"] for e in reopened.entries()) == [1, 2, 3]


def test_a_fifo_in_place_of_a_read_only_lock_file_never_holds_the_program(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a FIFO for reading waits for a writer: the lock opens without waiting (as an
    account without permission to write the lock file would open it)."""
    from workbook.store import lock as lock_module

    db_path.parent.mkdir(parents=True, exist_ok=True)
    fifo = db_path.with_name(db_path.name + ".lock")
    os.mkfifo(fifo, 0o400)
    real_open = os.open

    def no_write(path: object, flags: int, *args: object) -> int:
        if flags & os.O_EXCL:
            raise FileExistsError(17, "File exists")
        if flags & os.O_RDWR:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(lock_module.os, "open", no_write)
    held = lock_module.WriterLock(db_path)
    held.acquire()  # returns at once (a blocking open would wait here for ever)
    held.release()
