"""``forget`` erases typing the person let go: drafts of deleted entries, here and in every
backup, and drafts a backup still holds that the workbook no longer has. (Drafts now live in
their own file, which backups never copy; backups an older version made hold them inside.)"""

from __future__ import annotations

from pathlib import Path

from workbook.services.care import forget
from workbook.services.workbook import Workbook
from workbook.store import backups
from workbook.store.workbook_store import Store

SECRET = "words-to-let-go-9c1"
KEPT = "words-still-typing-4d2"


def _draft(exercise: str, entry: str | None, text: str) -> dict[str, object]:
    return {
        "exercise": exercise,
        "entry": entry,
        "answers": {"note": text},
        "private": False,
        "saved": "2026-12-01T10:00:00+00:00",
    }


def test_forget_erases_drafts_of_deleted_entries_and_discarded_drafts_everywhere(db_path: Path) -> None:
    with Store.open(db_path) as store:
        entry = store.add("trigger-log", {"strength": 3, "note": "plain"})
        # As an older version kept drafts: inside the workbook, so its backups hold them.
        for key, exercise, entry_id, text in (
            (f"trigger-log:{entry.id}", "trigger-log", entry.id, SECRET),
            ("gratitude-journal:new", "gratitude-journal", None, SECRET + "-discarded"),
            ("trigger-log:new", "trigger-log", None, KEPT),
        ):
            store._drafts.insert({**_draft(exercise, entry_id, text), "key": key})
    backups.make_backup(db_path, "manual")  # holds all three drafts
    with Store.open(db_path) as store:
        store.delete_draft("gratitude-journal:new")  # the person discarded it
        # A draft of an edit left behind by an older version, whose entry is then deleted.
        store.delete(entry.id)
        store.save_draft(f"trigger-log:{entry.id}", _draft("trigger-log", entry.id, SECRET))
    assert any(SECRET.encode() in b.read_bytes() for b in backups.list_backups(db_path))
    with Store.open(db_path) as store:
        book = Workbook(store)
        forgotten = forget(book)
        assert forgotten.drafts is not None and forgotten.drafts.drafts >= 3
        assert set(store.drafts()) == {"trigger-log:new"}
    drafts_file = db_path.with_name(db_path.name + ".drafts")
    assert SECRET.encode() not in db_path.read_bytes() and SECRET.encode() not in drafts_file.read_bytes()
    assert KEPT.encode() in drafts_file.read_bytes()  # the typing still wanted, in its own file
    copies = [b.read_bytes() for b in backups.list_backups(db_path)]
    assert copies and not any(SECRET.encode() in raw for raw in copies)
    assert all(KEPT.encode() in raw for raw in copies if b"drafts" in raw)


def test_forget_keeps_a_safety_copy_s_typing_unless_its_entry_was_deleted(db_path: Path) -> None:
    with Store.open(db_path) as store:
        entry = store.add("trigger-log", {"strength": 3})
        store._drafts.insert({**_draft("trigger-log", None, KEPT), "key": "trigger-log:new"})
        store._drafts.insert({**_draft("trigger-log", entry.id, SECRET), "key": f"trigger-log:{entry.id}"})
    backups.make_backup(db_path, "before-restore")
    with Store.open(db_path) as store:
        store.delete_draft("trigger-log:new")
        store.delete(entry.id)
        forget(Workbook(store))
    (copy,) = [b for b in backups.list_backups(db_path) if b.name.endswith("before-restore.json")]
    raw = copy.read_bytes()
    assert KEPT.encode() in raw and SECRET.encode() not in raw
