"""Encryption under faults: a damaged header is damage, not a wrong passphrase, and never makes
the key derivation run long; the newest encrypted backup is named; a restore never turns
encryption off; no plaintext temporary copy survives."""

from __future__ import annotations

import hashlib
import io
import struct
import sys
from pathlib import Path

import pytest

import workbook.store.encrypted_codec as codec_module
from workbook.cli import main
from workbook.common.errors import DamagedFileError, PassphraseError
from workbook.store import backups, encryption_changes
from workbook.store.codec import file_is_encrypted
from workbook.store.encrypted_codec import KEY_BLOCK_SIZE, EncryptedCodec
from workbook.store.workbook_store import Store

PASS = "tea and toast"
SECRET = "my own words"


@pytest.fixture
def encrypted(db_path: Path) -> Path:
    with Store.open(db_path) as opened:
        opened.add("trigger-log", {"strength": 6, "note": SECRET})
        encryption_changes.encrypt(opened, PASS)
    backups.make_backup(db_path, "manual")
    return db_path


@pytest.fixture
def derivations(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int, int]]:
    calls: list[tuple[int, int, int]] = []
    real = codec_module._derive

    def counting(passphrase: str, salt: bytes, memory: int, iterations: int, lanes: int) -> bytes:
        calls.append((memory, iterations, lanes))
        return real(passphrase, salt, memory, iterations, lanes)

    monkeypatch.setattr(codec_module, "_derive", counting)
    return calls


@pytest.mark.parametrize("position", range(KEY_BLOCK_SIZE))
def test_a_flipped_bit_anywhere_in_the_header_is_damage_and_names_the_encrypted_backup(
    position: int, encrypted: Path, derivations: list[tuple[int, int, int]]
) -> None:
    raw = bytearray(encrypted.read_bytes())
    raw[position] ^= 0x01
    encrypted.write_bytes(bytes(raw))
    with pytest.raises(DamagedFileError) as caught:
        Store.open(encrypted, passphrase=PASS)
    newest = backups.list_backups(encrypted)[0]
    assert caught.value.newest_backup == newest
    assert "encrypted backup" in str(caught.value)
    assert "not valid JSON" not in str(caught.value)  # a changed marker still reads as an encrypted file
    # No key was derived from the damaged settings: at most one derivation, for the backup's own header.
    assert all(
        call == (codec_module.KDF_MEMORY_KIB, codec_module.KDF_ITERATIONS, codec_module.KDF_LANES)
        for call in derivations
    )


def test_settings_out_of_range_are_never_obeyed(encrypted: Path, derivations: list[tuple[int, int, int]]) -> None:
    raw = bytearray(encrypted.read_bytes())
    struct.pack_into(">I", raw, 8, 4 * 1024 * 1024)  # ask for 4 GiB, with a correct check (a hostile file)
    body = bytes(raw[: KEY_BLOCK_SIZE - 8])
    raw[KEY_BLOCK_SIZE - 8 : KEY_BLOCK_SIZE] = hashlib.sha256(body).digest()[:8]
    encrypted.write_bytes(bytes(raw))
    with pytest.raises(DamagedFileError, match="out of range"):
        Store.open(encrypted, passphrase=PASS)
    assert (4 * 1024 * 1024, codec_module.KDF_ITERATIONS, codec_module.KDF_LANES) not in derivations


def test_a_wrong_passphrase_is_still_a_wrong_passphrase(encrypted: Path) -> None:
    with pytest.raises(PassphraseError, match="does not open"):
        Store.open(encrypted, passphrase="not the one")


def test_a_damaged_first_byte_does_not_hide_the_encrypted_backups(
    encrypted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = bytearray(encrypted.read_bytes())
    raw[0] ^= 0xFF  # no longer looks encrypted at all
    encrypted.write_bytes(bytes(raw))
    assert main(["--db", str(encrypted), "check"]) == 1
    err = capsys.readouterr().err
    assert "Newest encrypted backup" in err and str(backups.list_backups(encrypted)[0]) in err


def test_a_format_1_header_still_opens_and_is_upgraded(db_path: Path) -> None:
    data_key = bytes(range(32))
    salt = bytes(16)
    prefix = struct.pack(">6sBBIII", b"RWBENC", 1, 1, 1024, 1, 4) + salt
    kek = codec_module._derive(PASS, salt, 1024, 1, 4)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = bytes(12)
    old_block = prefix + nonce + AESGCM(kek).encrypt(nonce, data_key, prefix)
    plain = b'{"meta": {"1": {"schema": 1}}, "entries": {}, "settings": {}}'
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(EncryptedCodec(data_key, old_block).encode(plain))
    Store.open(db_path, passphrase=PASS).close()
    assert db_path.read_bytes()[6] == 2  # the file now carries the checked format
    Store.open(db_path, passphrase=PASS).close()


def test_restoring_a_plain_backup_keeps_the_workbook_encrypted(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db_path) as opened:
        opened.add("trigger-log", {"strength": 3, "note": "before encryption"})
    plain_backup = db_path.parent / "plain-copy.json"
    plain_backup.write_bytes(db_path.read_bytes())
    with Store.open(db_path) as opened:
        encryption_changes.encrypt(opened, PASS)
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS + "\n"))
    assert main(["--db", str(db_path), "restore", str(plain_backup), "--yes", "--passphrase-stdin"]) == 0
    assert "encrypted with your current passphrase" in capsys.readouterr().out
    assert file_is_encrypted(db_path) and b"before encryption" not in db_path.read_bytes()
    with Store.open(db_path, passphrase=PASS) as reopened:
        assert [e.answers["note"] for e in reopened.entries()] == ["before encryption"]


def test_restoring_an_encrypted_backup_over_a_plain_workbook_keeps_the_backup_encrypted(
    encrypted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backups.list_backups(encrypted)[0]
    plain = tmp_path / "other" / "workbook.json"
    Store.open(plain).close()
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS + "\n"))  # the backup's passphrase, to check it first
    assert main(["--db", str(plain), "restore", str(backup), "--yes", "--passphrase-stdin"]) == 0
    assert file_is_encrypted(plain) and SECRET.encode() not in plain.read_bytes()


def test_no_plaintext_temporary_copy_survives_the_next_open(encrypted: Path) -> None:
    folder = backups.list_backups(encrypted)[0].parent
    leftover = folder / ".workbook-20261122-101010-daily.json.0123456789ab.wbtmp"
    leftover.write_bytes(f'{{"entries": {{"1": {{"note": "{SECRET}"}}}}}}'.encode())
    Store.open(encrypted, passphrase=PASS).close()
    for path in [encrypted, *encrypted.parent.rglob("*")]:
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
