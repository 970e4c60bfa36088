"""Encryption changes on a nearly full disk are all-or-nothing from the person's view: refused
before anything is written when there is no room, and, when a write fails part way, a message
that says which passphrase opens which file, then a second run (or the next open) that
finishes. An interrupted ``decrypt`` never leaves backups that nothing can open."""

from __future__ import annotations

import errno
import io
import shutil
import sys
from collections import namedtuple
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.common.errors import EncryptionChangeError
from workbook.store import backups, encryption_changes, fsutil
from workbook.store.codec import PlainCodec, file_is_encrypted
from workbook.store.encrypted_codec import EncryptedCodec
from workbook.store.workbook_store import Store

PASS = "tea and toast"
NEW = "coffee at noon"
SECRET = "my own words"
Usage = namedtuple("Usage", "total used free")


@pytest.fixture
def plain(db_path: Path) -> Path:
    with Store.open(db_path) as opened:
        opened.add("trigger-log", {"strength": 6, "note": SECRET})
    backups.make_backup(db_path, "manual")
    backups.make_backup(db_path, "manual")
    return db_path


def _full_after(monkeypatch: pytest.MonkeyPatch, writes: int) -> None:
    """Let ``writes`` atomic writes through, then fail every one as a full disk would."""
    real = fsutil.atomic_write
    count = {"n": 0}

    def writing(target: Path, data: bytes) -> None:
        count["n"] += 1
        if count["n"] > writes:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(target, data)

    monkeypatch.setattr(fsutil, "atomic_write", writing)


def _plain_backups(db_path: Path) -> list[Path]:
    return [b for b in backups.list_backups(db_path) if not file_is_encrypted(b)]


def test_no_room_is_refused_before_anything_is_written(plain: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {p: p.read_bytes() for p in [plain, *backups.list_backups(plain)]}
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: Usage(10**9, 10**9 - 1000, 1000))
    with Store.open(plain) as opened, pytest.raises(EncryptionChangeError, match=r"Free at least .* MB") as caught:
        encryption_changes.encrypt(opened, PASS)
    assert "Nothing was changed" in str(caught.value)
    assert {p: p.read_bytes() for p in before} == before


def test_encrypt_that_fills_the_disk_says_so_and_a_second_run_finishes(
    plain: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(plain) as opened:
        with monkeypatch.context() as patched:
            _full_after(patched, 1)  # the data file is written, then the disk is full
            with pytest.raises(EncryptionChangeError) as caught:
                encryption_changes.encrypt(opened, PASS)
        message = str(caught.value)
        assert "opens only with your new passphrase" in message and "plain text" in message
        assert file_is_encrypted(plain) and _plain_backups(plain)
        report = encryption_changes.encrypt(opened, "")  # the second run: already encrypted, finish
        assert report.rewritten >= 2
    assert not _plain_backups(plain)


def test_the_next_open_still_works_on_a_full_disk_and_says_what_is_left(
    plain: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(plain) as opened:
        _full_after(monkeypatch, 1)
        with pytest.raises(EncryptionChangeError):
            encryption_changes.encrypt(opened, PASS)
    with Store.open(plain, passphrase=PASS) as reopened:  # no OSError: the words are reachable
        assert reopened.entries()[0].answers["note"] == SECRET
        assert "not up to date with the workbook's encryption" in reopened.backup_problem
    monkeypatch.undo()
    with Store.open(plain, passphrase=PASS):
        pass
    assert not _plain_backups(plain)


def test_an_interrupted_decrypt_leaves_the_workbook_encrypted_and_runs_again(
    plain: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(plain) as opened:
        encryption_changes.encrypt(opened, PASS)
    count = len(backups.list_backups(plain))
    with Store.open(plain, passphrase=PASS) as opened:
        with monkeypatch.context() as patched:
            _full_after(patched, count)  # every backup is made plain, then the data file fails
            with pytest.raises(EncryptionChangeError, match="Encryption is still on"):
                encryption_changes.decrypt(opened)
        assert file_is_encrypted(plain)
        encryption_changes.decrypt(opened)
    assert not file_is_encrypted(plain) and not backups.encrypted_backups(plain)


def test_decrypt_finishes_what_an_older_half_done_decrypt_left(
    plain: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(plain) as opened:
        encryption_changes.encrypt(opened, PASS)
    with Store.open(plain, passphrase=PASS) as opened:
        opened.change_codec(PlainCodec())  # the data file only: what an interrupted older decrypt left
    assert backups.encrypted_backups(plain)
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS + "\n"))
    assert main(["decrypt", "--passphrase-stdin"]) == 0
    assert not backups.encrypted_backups(plain)
    assert any(SECRET.encode() in b.read_bytes() for b in backups.list_backups(plain))
    assert "did not finish" in capsys.readouterr().err


def test_a_passphrase_change_that_fails_says_which_passphrase_opens_what(
    plain: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(plain) as opened:
        encryption_changes.encrypt(opened, PASS)
    with Store.open(plain, passphrase=PASS) as opened, monkeypatch.context() as patched:
        _full_after(patched, 0)
        with pytest.raises(EncryptionChangeError, match="old passphrase still opens"):
            encryption_changes.change_passphrase(opened, NEW)
    with Store.open(plain, passphrase=PASS) as opened, monkeypatch.context() as patched:
        _full_after(patched, 1)
        with pytest.raises(EncryptionChangeError, match="NEW passphrase"):
            encryption_changes.change_passphrase(opened, NEW)
    with Store.open(plain, passphrase=NEW):  # brings the backups left behind up to date
        pass
    opened_copies = [
        EncryptedCodec.unlock(b.read_bytes(), NEW).decode(b.read_bytes()) for b in backups.list_backups(plain)
    ]
    assert any(SECRET.encode() in plaintext for plaintext in opened_copies)


def test_a_decrypt_that_cannot_finish_its_backups_leaves_them_all_encrypted(
    plain: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(plain) as opened:
        encryption_changes.encrypt(opened, PASS)
    with Store.open(plain, passphrase=PASS) as opened, monkeypatch.context() as patched:
        real = fsutil.atomic_write
        made_plain = {"n": 0}

        def one_then_full(target: Path, data: bytes) -> None:
            if not data.startswith(b"RWBENC"):
                made_plain["n"] += 1
                if made_plain["n"] > 1:  # the first backup is made plain, the second fails
                    raise OSError(errno.ENOSPC, "No space left on device")
            real(target, data)

        patched.setattr(fsutil, "atomic_write", one_then_full)
        with pytest.raises(EncryptionChangeError, match="Nothing was changed"):
            encryption_changes.decrypt(opened)
    assert file_is_encrypted(plain) and not _plain_backups(plain)


def test_a_damaged_backup_is_not_called_a_wrong_passphrase(plain: Path) -> None:
    with Store.open(plain) as opened:
        encryption_changes.encrypt(opened, PASS)
    with Store.open(plain, passphrase=PASS) as opened:
        opened.change_codec(PlainCodec())
    first, *rest = backups.encrypted_backups(plain)
    first.write_bytes(first.read_bytes()[:-40])  # cut short: damaged
    with Store.open(plain) as opened:
        report = encryption_changes.finish_decrypt(opened, PASS)
    assert report.skipped == [first] and report.rewritten == len(rest)
