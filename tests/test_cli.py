"""Command line basics: version, help on every command, clear errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbook import __version__
from workbook.cli import build_parser, main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert __version__ in capsys.readouterr().out


def _subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return list(action.choices)  # type: ignore[arg-type]


@pytest.mark.parametrize("command", ["", *_subcommands()])
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main([*command.split(), "--help"])
    assert done.value.code == 0
    assert "--db" in capsys.readouterr().out


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["frobnicate"])
    assert done.value.code == 2
    assert "workbook --help" in capsys.readouterr().err


def test_unexpected_errors_print_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import workbook.store.workbook_store

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("entry text would be here")

    monkeypatch.setattr(workbook.store.workbook_store.Store, "open", boom)
    assert main(["backup"]) == 1
    err = capsys.readouterr().err
    assert "RuntimeError" in err and "entry text" not in err and "Traceback" not in err


def test_module_entry_point_runs() -> None:
    done = subprocess.run([sys.executable, "-m", "workbook", "--version"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0 and __version__ in done.stdout


def test_a_folder_that_cannot_be_made_is_explained(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    assert main(["--db", str(blocker / "inside" / "workbook.json"), "backup"]) == 1
    err = capsys.readouterr().err
    assert "Could not create the folder" in err and "--db PATH" in err and "Traceback" not in err


def test_the_systems_refusals_are_said_kindly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file name too long for the system, or standard output on a full disk: the system's
    reason and an exit code of 1, never a traceback."""
    from workbook.cli import main

    assert main(["export", "--format", "md", "-o", str(tmp_path / ("x" * 300 + ".md"))]) == 1
    err = capsys.readouterr().err
    assert "cannot be used" in err and "too long" in err.lower() and "Traceback" not in err


def test_a_file_named_for_another_format_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``-o report.md`` with the PDF format would write a PDF that opens in the wrong program."""
    from workbook.cli import main

    assert main(["export", "-o", str(tmp_path / "report.md")]) == 1
    err = capsys.readouterr().err
    assert "ends in .md" in err and "writes .pdf files" in err and "Nothing was written" in err
    assert "Traceback" not in err
    assert not (tmp_path / "report.md").exists()
    assert main(["export", "--format", "card", "-o", str(tmp_path / "card.PDF")]) == 0  # the ending's case is free
    for odd in (".md", "x.md.", "x.md "):  # only an ending; dots and spaces some systems drop
        assert main(["export", "-o", str(tmp_path / odd)]) == 1 and "ends in .md" in capsys.readouterr().err
    assert main(["export", "--format", "md", "-o", str(tmp_path / ("b" * 300 + ".md"))]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_a_worksheet_named_twice_is_still_one_choice(tmp_path: Path) -> None:
    """``--include a,a`` chooses one worksheet, never "everything" (the backup of everything
    keeps entries of worksheets this computer does not have)."""
    import orjson

    from workbook.cli import main
    from workbook.store.workbook_store import Store
    from workbook.worksheets.entry import Entry

    with Store.open(Path(os.environ["WORKBOOK_DB"])) as opened:
        opened.add("gratitude-journal", {"grateful_1": "tea"})
        opened.merge([Entry.new("my-own-log", {"note": "a worksheet this computer does not have"})])
    out = tmp_path / "a.json"
    assert main(["export", "--format", "json", "-o", str(out), "--include", "daily-checkin," * 15]) == 0
    assert orjson.loads(out.read_bytes())["entries"] == []
