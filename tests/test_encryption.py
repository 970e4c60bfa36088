"""Encryption at rest: round trips, no plaintext on disk, wrong passphrases, crashes."""

from __future__ import annotations

import io
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.common.errors import DamagedFileError, PassphraseError
from workbook.store import backups
from workbook.store import encryption_changes as encryption
from workbook.store.codec import file_is_encrypted
from workbook.store.encrypted_codec import EncryptedCodec
from workbook.store.storage import NeedsPassphraseError
from workbook.store.workbook_store import Store

SECRET = "I called my old dealer's number and hung up"
PASS1, PASS2 = "tea and toast", "blue river stones"


def _fill(db_path: Path, count: int = 3) -> list[str]:
    with Store.open(db_path) as opened:
        ids = [opened.add("trigger-log", {"strength": 6, "note": f"{SECRET} #{i}"}).id for i in range(count)]
        opened.set_setting("name", "Sam")
    backups.make_backup(db_path, "manual")
    return ids


def _all_files(db_path: Path) -> list[Path]:
    return [db_path, *backups.list_backups(db_path)]


def test_round_trip_and_no_plaintext_anywhere(db_path: Path) -> None:
    ids = _fill(db_path)
    with Store.open(db_path) as opened:
        report = encryption.encrypt(opened, PASS1)
        assert report.rewritten == len(backups.list_backups(db_path))
        opened.add("gratitude-journal", {"grateful_1": "my sister's call"})
    for path in _all_files(db_path):
        raw = path.read_bytes()
        assert file_is_encrypted(path), path
        for needle in (SECRET, "strength", "trigger-log", "grateful_1", "sister", "Sam"):
            assert needle.encode() not in raw, (path.name, needle)
    with pytest.raises(NeedsPassphraseError):
        Store.open(db_path)
    with Store.open(db_path, passphrase=PASS1) as reopened:
        assert all(reopened.get(i) is not None for i in ids)
        assert reopened.get_setting("name") == "Sam"


def test_wrong_passphrase_changes_nothing(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(db_path)
    with Store.open(db_path) as opened:
        encryption.encrypt(opened, PASS1)
    before = {p: p.read_bytes() for p in _all_files(db_path)}
    with pytest.raises(PassphraseError, match="does not open"):
        Store.open(db_path, passphrase="not it at all")
    monkeypatch.setattr(sys, "stdin", io.StringIO("not it at all\n"))
    assert main(["export", "-o", "-", "--passphrase-stdin"]) == 1
    assert "does not open this workbook" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in _all_files(db_path)} == before
    # The lock was given back: the right passphrase works straight away.
    Store.open(db_path, passphrase=PASS1).close()


def test_change_passphrase_then_decrypt(db_path: Path) -> None:
    ids = _fill(db_path)
    with Store.open(db_path) as opened:
        encryption.encrypt(opened, PASS1)
    with Store.open(db_path, passphrase=PASS1) as opened:
        encryption.change_passphrase(opened, PASS2)
    with pytest.raises(PassphraseError):
        Store.open(db_path, passphrase=PASS1)
    for backup in backups.list_backups(db_path):
        EncryptedCodec.unlock(backup.read_bytes(), PASS2)  # every backup follows the new passphrase
    with Store.open(db_path, passphrase=PASS2) as opened:
        encryption.decrypt(opened)
    assert not any(file_is_encrypted(p) for p in _all_files(db_path))
    with Store.open(db_path) as opened:
        assert all(opened.get(i) is not None for i in ids)


def test_short_passphrase_is_refused_kindly(db_path: Path) -> None:
    _fill(db_path, 1)
    before = db_path.read_bytes()
    with Store.open(db_path) as opened, pytest.raises(PassphraseError, match="at least 8"):
        encryption.encrypt(opened, "short")
    assert db_path.read_bytes() == before


def test_damaged_ciphertext_is_damage_not_a_wrong_passphrase(db_path: Path) -> None:
    _fill(db_path, 1)
    with Store.open(db_path) as opened:
        encryption.encrypt(opened, PASS1)
    raw = bytearray(db_path.read_bytes())
    raw[-5] ^= 0xFF
    db_path.write_bytes(bytes(raw))
    with pytest.raises(DamagedFileError, match="encrypted data is damaged") as caught:
        Store.open(db_path, passphrase=PASS1)
    assert caught.value.newest_backup is not None


def test_cli_encrypt_decrypt_with_stdin(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(db_path, 1)
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS1 + "\n"))
    assert main(["encrypt", "--passphrase-stdin"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS1 + "\n" + PASS2 + "\n"))
    assert main(["passphrase", "--passphrase-stdin"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS2 + "\n"))
    assert main(["check", "--passphrase-stdin"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["check"]) == 1  # no terminal, no --passphrase-stdin: a clear message
    assert "--passphrase-stdin" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS2 + "\n"))
    assert main(["decrypt", "--passphrase-stdin"]) == 0
    assert not file_is_encrypted(db_path)


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_no_network_guard_is_active_for_the_whole_suite() -> None:
    with pytest.raises(Exception, match="socket"):  # pytest-socket's SocketBlockedError
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)


CHILD = """
import sys
from workbook.cli import main
sys.exit(main(sys.argv[1:]))
"""
STATES = [None, PASS1, PASS2]  # plain, encrypted with PASS1, encrypted with PASS2


def _open_any(db_path: Path, allowed: list[str | None]) -> tuple[str | None, set[str]]:
    """The state the workbook is in (plain, or which passphrase opens it) and its entry ids."""
    encrypted = file_is_encrypted(db_path)
    for state in allowed:
        if (state is not None) != encrypted:
            continue  # a passphrase "opens" a plain file too; the state must match the bytes
        try:
            store = Store.open(db_path, passphrase=state) if state else Store.open(db_path)
        except PassphraseError:
            continue
        with store:
            return state, {e.id for e in store.entries()}
    raise AssertionError(f"the workbook opened in none of the states {allowed}")


@pytest.mark.slow
def _change(db_path: Path, state_index: int, kill_after: float | None) -> tuple[str | None, str | None]:
    """Run the command that moves the workbook to the next state; SIGKILL it after ``kill_after`` s."""
    current, target = STATES[state_index], STATES[(state_index + 1) % 3]
    command = ["encrypt"] if current is None else (["decrypt"] if target is None else ["passphrase"])
    lines = "".join(f"{p}\n" for p in (current, target) if p)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, "--db", str(db_path), *command, "--passphrase-stdin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=None if kill_after is None else subprocess.DEVNULL,
    )
    assert child.stdin is not None
    child.stdin.write(lines.encode())
    child.stdin.close()
    if kill_after is None:
        code = child.wait(timeout=120)
        assert code == 0, (command, current, target)
    else:
        time.sleep(kill_after)
        child.send_signal(signal.SIGKILL)
        child.wait()
    return current, target


def test_sigkill_during_encryption_changes_leaves_one_of_two_states(db_path: Path) -> None:
    ids = set(_fill(db_path, 40))
    for _ in range(3):
        backups.make_backup(db_path, "manual")
    rng = random.Random(7)
    state_index, kills, deadline = 0, 0, time.monotonic() + 25
    while kills < 9 and time.monotonic() < deadline:
        current, target = _change(db_path, state_index, kill_after=rng.uniform(0.05, 1.2))
        kills += 1
        state, found = _open_any(db_path, [current, target])
        assert found == ids, "entries were lost"
        state_index = STATES.index(state)
    assert kills >= 3
    # And a change left to finish lands in its new state with everything in it.
    current, target = _change(db_path, state_index, kill_after=None)
    state, found = _open_any(db_path, [target, current])
    assert state == target and found == ids


def test_a_passphrase_opens_however_its_accents_are_typed(tmp_path: Path) -> None:
    from workbook.store.encrypted_codec import EncryptedCodec

    composed, decomposed = "caf\u00e9 au lait, slowly", "cafe\u0301 au lait, slowly"
    made = EncryptedCodec.create(decomposed)
    stored = made.encode(b"{}")
    assert EncryptedCodec.unlock(stored, composed).decode(stored) == b"{}"
    assert EncryptedCodec.unlock(stored, decomposed).verify(composed)
