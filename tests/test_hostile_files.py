"""Files a hostile person, a damaged disk or a confused one could hand over: pipes, devices,
folders, huge files, deep nesting, a workbook path spelled another way. Each is refused at
once with a clear message, and nothing is written over the workbook."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.common.errors import WorkbookError
from workbook.store import backups
from workbook.store.workbook_store import Store

pytestmark = pytest.mark.paints  # sweeps over screens: every frame painted, as in the product

CLI = "import sys; from workbook.cli import main; sys.exit(main(sys.argv[1:]))"


def run(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """The command in its own process, so a hang fails the test instead of stopping the suite."""
    return subprocess.run(
        [sys.executable, "-c", CLI, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "WORKBOOK_DEBUG": ""},
    )


def _fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def _zero_link(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to("/dev/zero")
    return path


SPECIALS = {
    "fifo": (_fifo, "a pipe (FIFO)"),
    "dev-zero": (_zero_link, "a device"),
    "folder": (lambda p: (p.mkdir(parents=True), p)[1], "a folder"),
}


@pytest.mark.parametrize("kind", SPECIALS)
@pytest.mark.parametrize("command", [["check"], ["log", "craving", "5"], ["backup"], []])
def test_a_special_file_as_the_workbook_is_refused_at_once(kind: str, command: list[str], tmp_path: Path) -> None:
    make, reason = SPECIALS[kind]
    data = make(tmp_path / "data" / "workbook.json")
    done = run("--db", str(data), *command)
    assert done.returncode == 1 and reason in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("kind", SPECIALS)
def test_a_special_file_to_import_restore_or_check_as_a_worksheet_is_refused(
    kind: str, tmp_path: Path, db_path: Path
) -> None:
    make, reason = SPECIALS[kind]
    Store.open(db_path).close()
    before = db_path.read_bytes()
    handed = make(tmp_path / "handed" / "file.json")
    for args in (["import", str(handed)], ["restore", str(handed), "--yes"], ["exercises", "check", str(handed)]):
        done = run("--db", str(db_path), *args)
        assert done.returncode == 1, args
        assert reason in done.stderr and "Traceback" not in done.stderr, (args, done.stderr)
    assert db_path.read_bytes() == before


def test_a_bad_worksheet_in_the_person_s_folder_never_stops_the_rest(tmp_path: Path, isolated_home: Path) -> None:
    folder = isolated_home / ".config" / "recovery-workbook" / "exercises"
    folder.mkdir(parents=True)
    _fifo(folder / "pipe.toml")
    _zero_link(folder / "zero.toml")
    (folder / "deep.toml").write_text("x = " + "[" * 5000 + "]" * 5000)
    with open(folder / "huge.toml", "wb") as handle:
        handle.truncate(5_000_000)
    done = run("exercises", "list")
    assert "trigger-log" in done.stdout
    for name, reason in (
        ("pipe.toml", "pipe"),
        ("zero.toml", "device"),
        ("deep.toml", "nested too deeply"),
        ("huge.toml", "larger than 1 MB"),
    ):
        assert name in done.stderr and reason in done.stderr, (name, done.stderr)
    assert main(["log", "craving", "4"]) == 0  # and the other commands still work


def test_a_huge_import_is_refused_before_it_is_read(tmp_path: Path, db_path: Path) -> None:
    Store.open(db_path).close()
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as handle:
        handle.truncate(250_000_000)  # sparse: costs no disk
    done = run("--db", str(db_path), "import", str(huge))
    assert done.returncode == 1 and "larger than 128 MB" in done.stderr


@pytest.fixture
def workbook(db_path: Path) -> Path:
    with Store.open(db_path) as opened:
        opened.add("trigger-log", {"strength": 4, "note": "mine"})
    backups.make_backup(db_path, "manual")
    return db_path


def _spellings(db_path: Path, tmp_path: Path) -> list[str]:
    link = tmp_path / "link-to-workbook.json"
    link.symlink_to(db_path)
    folder_link = tmp_path / "folder-link"
    folder_link.symlink_to(db_path.parent)
    backup = backups.list_backups(db_path)[0]
    os.chdir(db_path.parent)
    return [
        str(db_path),
        "workbook.json",
        "./workbook.json",
        f"../{db_path.parent.name}/workbook.json",
        str(link),
        str(folder_link / "workbook.json"),
        str(db_path.parent / "workbook.json.lock"),
        str(backup),
        str(backup.parent / "new-file.pdf"),
        str(db_path.parent / "." / "workbook-backups" / "x.md"),
    ]


@pytest.mark.parametrize("fmt", ["json", "md", "pdf"])
def test_an_export_never_writes_over_the_workbook_or_into_its_backups(
    fmt: str, workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    before = {p: p.read_bytes() for p in [workbook, *backups.list_backups(workbook)]}
    for target in _spellings(workbook, tmp_path):
        assert main(["--db", str(workbook), "export", "--format", fmt, "-o", target, "--force"]) == 1, target
        err = capsys.readouterr().err
        assert "cannot be used for an export" in err, (target, err)
    assert {p: p.read_bytes() for p in before} == before
    assert len(backups.list_backups(workbook)) == len(before) - 1


def test_restoring_the_workbook_over_itself_is_refused(workbook: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = workbook.read_bytes()
    assert main(["--db", str(workbook), "restore", str(workbook), "--yes"]) == 1
    assert "is the workbook itself" in capsys.readouterr().err
    assert workbook.read_bytes() == before


def test_leftover_temporary_files_are_cleaned_beside_exports_and_in_backups(workbook: Path, tmp_path: Path) -> None:
    from workbook.store import fsutil

    target = tmp_path / "report.md"
    export_leftover = fsutil.temp_name_for(target)
    export_leftover.write_bytes(b"half an export")
    backup_leftover = (
        backups.list_backups(workbook)[0].parent / ".workbook-20261122-101010-daily.json.0123456789ab.wbtmp"
    )
    backup_leftover.write_bytes(b"half a backup")
    not_ours = backup_leftover.with_name(".someone-else.json.0123456789ab.wbtmp")
    not_ours.write_bytes(b"keep me")
    assert main(["--db", str(workbook), "export", "--format", "md", "-o", str(target)]) == 0
    assert not export_leftover.exists() and not backup_leftover.exists() and not_ours.exists()


def test_a_data_file_that_is_a_link_is_saved_through_and_a_dangling_link_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real" / "wb.json"
    real.parent.mkdir()
    with Store.open(real) as store:
        store.add("trigger-log", {"strength": 2})
    link = tmp_path / "wb.json"
    link.symlink_to(real)
    with Store.open(link) as store:
        store.add("trigger-log", {"strength": 3})
    assert link.is_symlink()
    with Store.open(real) as store:
        assert store.count() == 2
    nowhere = tmp_path / "gone.json"
    nowhere.symlink_to(tmp_path / "vault" / "wb.json")
    with pytest.raises(WorkbookError, match="which is not there"):
        Store.open(nowhere)
    assert nowhere.is_symlink() and not (tmp_path / "vault").exists()


TERMINAL_TRICKS = "my kids\x1b]0;PWNED\x07\x1b[2J\x1b[H wiped\x00\x9b31m\r\nand me"


def test_terminal_control_characters_never_reach_a_screen_from_a_file_an_import_or_a_save(
    tmp_path: Path, db_path: Path
) -> None:
    import asyncio

    import orjson

    from app_helpers import make_app
    from workbook.ui.app import WorkbookApp

    # 1. A data file made by hand with them: opened, they are already harmless.
    with Store.open(db_path) as store:
        store.set_setting("welcomed", True)
        plan = store.add("relapse-prevention-plan", {"reasons": "plain"})
    data = orjson.loads(db_path.read_bytes())
    [doc] = data["entries"].values()
    doc["answers"]["reasons"] = TERMINAL_TRICKS
    data["settings"]["1"]["name"] = "Ana\x1b]0;T\x07"
    db_path.write_bytes(orjson.dumps(data))
    with Store.open(db_path) as store:
        kept = store.get(plan.id).answers["reasons"]
        assert kept == "my kids\ufffd]0;PWNED\ufffd\ufffd[2J\ufffd[H wiped\ufffd\ufffd31m\nand me"
        assert store.get_setting("name") == "Ana\ufffd]0;T\ufffd"
        # 2. Saved or imported: the same.
        mine = store.add("trigger-log", {"strength": 3, "note": TERMINAL_TRICKS})
        assert "\x1b" not in mine.answers["note"] and mine.answers["note"].endswith("31m\nand me")
        incoming = dataclasses.replace(mine, id="imported-1", answers={"strength": 4, "note": "\x1b[2J"})
        store.merge([incoming])
        assert store.get("imported-1").answers["note"] == "\ufffd[2J"
        entries = store.entries()

    # 3. The screens that show those words draw no control character.
    async def visit() -> list[str]:
        store = Store.in_memory()
        store.set_setting("welcomed", True)
        store.merge(entries)
        app: WorkbookApp = make_app(store)
        shots = []
        async with app.run_test(size=(80, 24)) as pilot:
            for keys in ([], ["3"], ["escape", "2"]):
                await pilot.press(*keys)
                await pilot.pause()
                shots.append(app.export_screenshot())
        return shots

    for shot in asyncio.run(visit()):
        assert not any(ch in shot for ch in "\x1b\x07\x00\x9b")


def test_a_worksheet_key_of_thousands_of_dotted_parts_is_refused_before_it_is_read() -> None:
    """Python's TOML reader needs time and memory that grow with the square of a dotted
    key's parts (50,000 parts: 40 s and 10 GB); such a key is refused before reading."""
    from workbook.worksheets.loader import DefinitionError, parse_exercise

    deep = 'id="t"\n' + ".".join(["a"] * 50_000) + " = 1\n"
    with pytest.raises(DefinitionError, match="dotted parts"):
        parse_exercise(deep, "deep.toml")
    quoted = 'id="t"\n' + ".".join(['"a"'] * 40) + " = 1\n"
    with pytest.raises(DefinitionError, match="dotted parts"):
        parse_exercise(quoted, "deep.toml")
