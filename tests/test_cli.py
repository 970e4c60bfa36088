"""Command line basics: version, help on every command, clear errors."""

from __future__ import annotations

import subprocess
import sys

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
