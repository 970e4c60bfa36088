"""``workbook write``: a longer journal entry from the person's editor or standard input,
saved whatever the editor did, its private temporary file removed, never lost."""

from __future__ import annotations

import io
import stat
import sys
from datetime import datetime
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.common.clock import FixedClock
from workbook.store.workbook_store import Store

CLOCK = FixedClock(datetime(2026, 12, 7, 21, 30).astimezone())


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _editor(tmp_path: Path, text: str, code: int) -> str:
    """An "editor" that writes ``text`` into the file it is given, notes the file's mode, and
    ends with ``code`` (1: as if it crashed)."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import os, sys\n"
        "path = sys.argv[1]\n"
        f"open(path + '.mode', 'w').write(oct(os.stat(path).st_mode & 0o777))\n"
        f"open({str(tmp_path / 'seen')!r}, 'w').write(path)\n"
        f"open(path, 'w').write({text!r})\n"
        f"sys.exit({code})\n"
    )
    return f"{sys.executable} {script}"


def test_piped_words_become_a_journal_entry_with_a_title(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "w.json"
    monkeypatch.setattr("sys.stdin", io.StringIO("# A long day\nIt was hard, and I stayed.\nTomorrow: a walk.\n"))
    assert main(["--db", str(db), "write"], clock=CLOCK) == 0
    assert "Saved in your journal" in capsys.readouterr().out
    with Store.open(db) as store:
        (entry,) = store.entries("journal")
    assert entry.answers == {
        "when": "2026-12-07 21:30",
        "title": "A long day",
        "text": "It was hard, and I stayed.\nTomorrow: a walk.",
    }


def test_an_editor_that_crashes_loses_nothing_and_its_file_is_private_and_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "w.json"
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "half a thought, then the editor died", 1))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setattr("sys.stdin", _Terminal())
    assert main(["--db", str(db), "write"], clock=CLOCK) == 0
    assert "did not end cleanly, but what it had written was saved" in capsys.readouterr().out
    used = Path((tmp_path / "seen").read_text())
    assert not used.parent.exists()  # the private folder is gone
    with Store.open(db) as store:
        (entry,) = store.entries("journal")
    assert entry.answers["text"] == "half a thought, then the editor died"


def test_words_that_cannot_be_saved_are_kept_in_their_private_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from workbook.cli import write_command
    from workbook.common.errors import WorkbookError

    monkeypatch.setenv("EDITOR", _editor(tmp_path, "words worth keeping", 0))
    monkeypatch.setattr("sys.stdin", _Terminal())

    def full(*_args: object) -> None:
        raise WorkbookError("The disk is full. Nothing was saved.")

    monkeypatch.setattr(write_command, "_save", full)
    assert main(["--db", str(tmp_path / "w.json"), "write"], clock=CLOCK) == 1
    err = capsys.readouterr().err
    kept = Path((tmp_path / "seen").read_text())
    assert "Your words are kept in" in err and kept.read_text() == "words worth keeping"
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    assert Path(str(kept) + ".mode").read_text() == "0o600"


def test_piped_bytes_that_are_not_text_are_saved_as_marks_never_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "w.json"

    class _Pipe(io.TextIOWrapper):
        def isatty(self) -> bool:
            return False

    monkeypatch.setattr("sys.stdin", _Pipe(io.BytesIO(b"hello \xff\xfe there\n")))
    assert main(["--db", str(db), "write"], clock=CLOCK) == 0
    with Store.open(db) as store:
        (entry,) = store.entries("journal")
    assert entry.answers["text"] == "hello \ufffd\ufffd there"
    capsys.readouterr()
