"""Drafts live in a small file of their own beside the workbook, under the same protection:
keeping one never rewrites the workbook, an encrypted workbook's drafts are encrypted and
owner-only, an older workbook's drafts move there, and a crash between the two files during
an encryption change never leaves drafts that nothing can read."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from workbook.store import encryption_changes
from workbook.store.codec import file_is_encrypted
from workbook.store.drafts_file import drafts_path_for
from workbook.store.workbook_store import Store

PASS = "tea and toast"
SECRET = "typing-not-saved-7f3"


def _draft(text: str) -> dict[str, object]:
    return {"exercise": "gratitude-journal", "entry": None, "answers": {"grateful_1": text}, "private": False}


def test_keeping_a_draft_never_rewrites_the_workbook(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.add("trigger-log", {"strength": 2})
        before = db_path.stat().st_mtime_ns, db_path.read_bytes()
        for n in range(5):
            store.save_draft("gratitude-journal:new", _draft(f"{SECRET} {n}"))
        assert (db_path.stat().st_mtime_ns, db_path.read_bytes()) == before
        assert store.drafts()["gratitude-journal:new"]["answers"]["grateful_1"] == f"{SECRET} 4"
    drafts = drafts_path_for(db_path)
    assert stat.S_IMODE(drafts.stat().st_mode) == 0o600
    with Store.open(db_path) as store:
        assert store.drafts()["gratitude-journal:new"]["answers"]["grateful_1"] == f"{SECRET} 4"
        store.delete_draft("gratitude-journal:new")
    assert not drafts.exists()  # no typing left: no file


def test_an_encrypted_workbook_s_drafts_are_encrypted_and_follow_decrypt(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.save_draft("gratitude-journal:new", _draft(SECRET))
        encryption_changes.encrypt(store, PASS)
    drafts = drafts_path_for(db_path)
    assert file_is_encrypted(drafts) and SECRET.encode() not in drafts.read_bytes()
    with Store.open(db_path, passphrase=PASS) as store:
        assert store.drafts()["gratitude-journal:new"]["answers"]["grateful_1"] == SECRET
        encryption_changes.decrypt(store)
    assert not file_is_encrypted(drafts) and SECRET.encode() in drafts.read_bytes()


def test_plain_drafts_left_by_an_interrupted_encrypt_are_read_then_encrypted(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.save_draft("gratitude-journal:new", _draft(SECRET))
        plain = drafts_path_for(db_path).read_bytes()
        encryption_changes.encrypt(store, PASS)
    drafts_path_for(db_path).write_bytes(plain)  # as a crash between the two files leaves it
    with Store.open(db_path, passphrase=PASS) as store:
        assert store.drafts()["gratitude-journal:new"]["answers"]["grateful_1"] == SECRET
    assert file_is_encrypted(drafts_path_for(db_path))


def test_drafts_an_older_version_kept_inside_the_workbook_move_to_their_file(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store._drafts_file = None  # as an older version: in the workbook's own table
        store.save_draft("gratitude-journal:new", _draft(SECRET))
    assert SECRET.encode() in db_path.read_bytes()
    with Store.open(db_path) as store:
        assert store.drafts()["gratitude-journal:new"]["answers"]["grateful_1"] == SECRET
    assert SECRET.encode() not in db_path.read_bytes() and SECRET.encode() in drafts_path_for(db_path).read_bytes()


def test_a_drafts_file_that_cannot_be_read_is_kept_aside_and_said(db_path: Path) -> None:
    with Store.open(db_path):
        pass
    drafts_path_for(db_path).write_bytes(b"{not json")
    with Store.open(db_path) as store:
        assert store.drafts() == {} and "kept aside" in store.backup_problem
        store.save_draft("gratitude-journal:new", _draft("new typing"))
    aside = drafts_path_for(db_path).with_name(drafts_path_for(db_path).name + ".unreadable")
    assert aside.read_bytes() == b"{not json"


def test_control_characters_in_a_drafts_file_never_reach_the_screen(db_path: Path) -> None:
    import orjson

    with Store.open(db_path):
        pass
    hostile = {"format": 1, "drafts": {"gratitude-journal:new": _draft("T\x1b]2;PWNED\x07U\x1b[2J")}}
    drafts_path_for(db_path).write_bytes(orjson.dumps(hostile))
    with Store.open(db_path) as store:
        words = store.drafts()["gratitude-journal:new"]["answers"]["grateful_1"]
    assert "\x1b" not in words and "\x07" not in words


def test_a_second_unreadable_drafts_file_never_replaces_the_first(db_path: Path) -> None:
    with Store.open(db_path):
        pass
    for garbage in (b"first{", b"second{"):
        drafts_path_for(db_path).write_bytes(garbage)
        with Store.open(db_path):
            pass
    aside = sorted(p.read_bytes() for p in db_path.parent.glob(db_path.name + ".drafts.unreadable*"))
    assert aside == [b"first{", b"second{"]


def test_typing_kept_aside_is_encrypted_with_the_workbook(db_path: Path) -> None:
    with Store.open(db_path):
        pass
    drafts_path_for(db_path).write_bytes(SECRET.encode() + b"{")
    with Store.open(db_path) as store:
        encryption_changes.encrypt(store, PASS)
    (aside,) = db_path.parent.glob(db_path.name + ".drafts.unreadable*")
    assert file_is_encrypted(aside) and SECRET.encode() not in aside.read_bytes()


def test_a_failed_drafts_write_after_the_workbook_is_encrypted_never_reads_as_nothing_changed(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbook.common.errors import SaveError
    from workbook.store import drafts_file

    with Store.open(db_path) as store:
        store.save_draft("gratitude-journal:new", _draft(SECRET))

        def full(self: object, codec: object) -> None:
            raise SaveError(drafts_path_for(db_path), "no space left on the disk")

        monkeypatch.setattr(drafts_file.DraftsFile, "recode", full)
        encryption_changes.encrypt(store, PASS)  # no error: the workbook is encrypted
        assert "could not be encrypted yet" in store.backup_problem
    monkeypatch.undo()
    assert file_is_encrypted(db_path)
    with Store.open(db_path, passphrase=PASS) as store:
        assert store.drafts()["gratitude-journal:new"]["answers"]["grateful_1"] == SECRET
    assert file_is_encrypted(drafts_path_for(db_path))


def test_typing_too_large_for_the_drafts_file_is_refused_never_written_unreadable(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbook.common.errors import SaveError
    from workbook.store import drafts_file

    monkeypatch.setattr(drafts_file, "MAX_DRAFTS_FILE", 2_000)
    with Store.open(db_path) as store:
        store.save_draft("gratitude-journal:new", _draft("small"))
        with pytest.raises(SaveError, match="too much unsaved typing"):
            store.save_draft("journal:new", {**_draft("x" * 5_000), "exercise": "journal"})
        assert set(store.drafts()) == {"gratitude-journal:new"}
    with Store.open(db_path) as store:
        assert store.drafts()["gratitude-journal:new"]["answers"]["grateful_1"] == "small"
