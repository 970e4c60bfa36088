"""Store round trips on a real file (plain and encrypted, as TinyDB parametrises its storages)
and on TinyDB's MemoryStorage."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from workbook.common.errors import SaveError, WorkbookError
from workbook.store import fsutil
from workbook.store.workbook_store import Store

ANSWERS = {"strength": 7, "note": "après le travail — 疲れた 😮‍💨", "halt": ["tired", "lonely"]}


PASSPHRASE = "tea and toast at noon"


def _encrypted(db_path: Path) -> Store:
    from workbook.store import encryption_changes

    with Store.open(db_path) as plain:
        encryption_changes.encrypt(plain, PASSPHRASE)
    return Store.open(db_path, passphrase=PASSPHRASE)


@pytest.fixture(params=["file", "encrypted file", "memory"])
def any_store(request: pytest.FixtureRequest, db_path: Path):  # type: ignore[no-untyped-def]
    if request.param == "memory":
        opened = Store.in_memory()
    else:
        opened = Store.open(db_path) if request.param == "file" else _encrypted(db_path)
        assert opened.encrypted == (request.param == "encrypted file")
    yield opened
    opened.close()
    if request.param != "memory":  # what was written reads back the same after a reopen
        again = Store.open(db_path, passphrase=PASSPHRASE if request.param == "encrypted file" else None)
        try:
            assert again.verify_index() == []
        finally:
            again.close()


def test_add_get_update_delete_round_trip(any_store: Store) -> None:
    entry = any_store.add("trigger-log", ANSWERS)
    assert any_store.get(entry.id).answers == ANSWERS
    revised = any_store.update(entry.id, {**ANSWERS, "strength": 3})
    assert revised.answers["strength"] == 3
    assert [r.answers for r in revised.revisions] == [ANSWERS]
    removed = any_store.delete(entry.id)
    assert any_store.get(entry.id) is None and any_store.count() == 0
    any_store.restore_entry(removed)
    assert any_store.get(entry.id).revisions == revised.revisions


def test_saving_unchanged_answers_adds_no_revision(any_store: Store) -> None:
    entry = any_store.add("gratitude-journal", {"one": "tea"})
    assert any_store.update(entry.id, {"one": "tea"}).revisions == []


def test_entries_filter_and_newest_first(any_store: Store) -> None:
    any_store.add("trigger-log", {}, created="2026-01-01T10:00:00+00:00")
    any_store.add("trigger-log", {}, created="2026-03-01T10:00:00+00:00")
    any_store.add("gratitude-journal", {}, created="2026-02-01T10:00:00+00:00")
    logs = any_store.entries("trigger-log")
    assert [e.created[:7] for e in logs] == ["2026-03", "2026-01"]
    assert len(any_store.entries()) == 3


def test_settings_round_trip(any_store: Store) -> None:
    any_store.set_setting("theme", "high-contrast")
    any_store.set_setting("name", "J.")
    assert any_store.settings() == {"theme": "high-contrast", "name": "J."}


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_file_store_survives_reopen_with_private_modes(db_path: Path, encrypted: bool) -> None:
    with _encrypted(db_path) if encrypted else Store.open(db_path) as first:
        entry = first.add("trigger-log", ANSWERS)
        first.set_setting("name", "Sam")
    with Store.open(db_path, passphrase=PASSPHRASE if encrypted else None) as second:
        assert second.encrypted == encrypted
        assert second.get(entry.id).answers == ANSWERS
        assert second.get_setting("name") == "Sam"
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    for backup in (db_path.parent / "workbook-backups").iterdir():
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_leftover_temp_files_are_cleaned_but_not_others(db_path: Path) -> None:
    Store.open(db_path).close()
    ours = fsutil.temp_name_for(db_path)
    ours.write_bytes(b"half a save")
    someone_elses = db_path.with_name(".other.json.abc.wbtmp")
    someone_elses.write_bytes(b"not ours")
    Store.open(db_path).close()
    assert not ours.exists()
    assert someone_elses.exists()


def test_failed_save_keeps_the_last_good_file(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(db_path) as opened:
        kept = opened.add("trigger-log", {"note": "kept"})
        before = db_path.read_bytes()

        def disk_full(*_args: object) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "replace", disk_full)
        with pytest.raises(SaveError, match="no space left on the disk"):
            opened.add("trigger-log", {"note": "lost"})
        monkeypatch.undo()
        assert db_path.read_bytes() == before
        assert not fsutil.leftover_temp_files(db_path)
        # The store keeps working from the last good save.
        assert [e.id for e in opened.entries()] == [kept.id]
        opened.add("trigger-log", {"note": "after"})
        assert opened.count() == 2


def test_updating_a_missing_entry_says_so(any_store: Store) -> None:
    with pytest.raises(WorkbookError, match="no longer exists"):
        any_store.update("nope", {})
