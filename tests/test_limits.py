"""Size limits hold on every way in, whatever version or key an answer claims: one answer,
one entry, a draft, a setting, an import file, the number of entries, and a data file
refused from its size before it is read."""

from __future__ import annotations

from pathlib import Path

import pytest

import workbook.store.merging as merging
from workbook.common.errors import ImportFormatError, WorkbookError
from workbook.store.workbook_store import Store
from workbook.worksheets.entry import Entry
from workbook.worksheets.entry_check import MAX_ANSWER_SIZE, MAX_STORED_SIZE, entry_problem, validate_entry
from workbook.worksheets.loader import load_exercises

EXERCISES, _PROBLEMS = load_exercises()
HUGE = "x" * (MAX_ANSWER_SIZE + 1)


def _doc(answers: dict[str, object], version: int | None = 1) -> dict[str, object]:
    doc: dict[str, object] = {
        "id": "e1",
        "exercise": "trigger-log",
        "created": "2026-12-01T10:00:00+00:00",
        "updated": "2026-12-01T10:00:00+00:00",
        "answers": answers,
    }
    if version is not None:
        doc["exercise_version"] = version
    return doc


@pytest.mark.parametrize(
    "doc",
    [
        _doc({"note": HUGE}),  # a known field
        _doc({"not_a_field": HUGE}),  # a key the worksheet does not have
        _doc({"note": HUGE}, version=None),  # no version said
        _doc({"note": HUGE}, version=7),  # an older (or other) version: checked for shape and size only
        _doc({"note": ["y" * 400_000] * 3}, version=7),  # a list that adds up
        _doc({f"k{n}": "z" * 600_000 for n in range(4)}, version=7),  # the whole entry adds up
    ],
)
def test_an_oversize_answer_is_refused_whatever_it_claims(doc: dict[str, object]) -> None:
    problem = entry_problem(doc, EXERCISES)
    assert problem is not None and "larger than" in problem.reason


def test_the_form_the_shell_a_draft_and_a_setting_keep_to_the_limits(store: Store) -> None:
    problems = validate_entry(EXERCISES["journal"], {"when": "2026-12-01 10:00", "text": "a" * (MAX_ANSWER_SIZE + 5)})
    assert problems and ("longer than" in problems[0].reason or "larger than" in problems[0].reason)
    with pytest.raises(WorkbookError, match="larger than"):
        store.save_draft(
            "journal:new", {"exercise": "journal", "entry": None, "answers": {"text": "b" * MAX_STORED_SIZE}}
        )
    with pytest.raises(WorkbookError, match="larger than"):
        store.set_setting("name", "c" * (MAX_STORED_SIZE + 1))


def test_an_import_past_the_workbook_s_number_of_entries_is_refused(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(merging, "MAX_ENTRIES", 3)
    store.add("trigger-log", {"strength": 1})
    incoming = [
        Entry(f"id-{n}", "trigger-log", "2026-12-01T10:00:00+00:00", "2026-12-01T10:00:00+00:00", {"strength": 2}, 1)
        for n in range(3)
    ]
    with pytest.raises(ImportFormatError, match="4 entries once merged"):
        store.plan_merge(incoming)


def test_a_data_file_too_large_is_refused_from_its_size_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "w.json"
    with open(big, "wb") as handle:
        handle.truncate(1_900_000_000)  # sparse: takes no room
    with pytest.raises(WorkbookError, match="larger than 128 MB"):
        Store.open(big)


def test_two_data_files_in_one_folder_never_share_backups(tmp_path: Path) -> None:
    from workbook.store import backups
    from workbook.store.paths import backup_dir_for

    plain, other = tmp_path / "w.json", tmp_path / "w.txt"
    assert backup_dir_for(plain).name == "w-backups"  # as it always was: nothing to move
    assert backup_dir_for(other).name == "w.txt.backups"
    assert backup_dir_for(tmp_path / "w").name == "w.backups" != backup_dir_for(plain).name
    for path in (plain, other):
        with Store.open(path) as store:
            store.add("trigger-log", {"strength": 2, "note": path.name})
        backups.make_backup(path, "manual")
    assert all(b"w.json" in b.read_bytes() or b"strength" not in b.read_bytes() for b in backups.list_backups(plain))
    assert not any(b"w.txt" in b.read_bytes() for b in backups.list_backups(plain))
    assert any(b"w.txt" in b.read_bytes() for b in backups.list_backups(other))


def test_a_change_that_would_make_the_file_too_large_to_open_is_refused(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workbook.store.storage as storage
    from workbook.common.errors import SaveError

    monkeypatch.setattr(storage, "MAX_DATA_FILE", 20_000)
    kept = store.add("trigger-log", {"strength": 1, "note": "kept"})
    with pytest.raises(SaveError, match="would grow past"):
        store.add("trigger-log", {"strength": 2, "note": "y" * 30_000})
    assert [e.id for e in store.entries()] == [kept.id]  # nothing of the refused change stays


def test_backups_an_older_version_kept_in_the_shared_folder_move_to_the_file_s_own(tmp_path: Path) -> None:
    from workbook.store import backups

    data = tmp_path / "w.txt"
    with Store.open(data) as store:
        store.add("trigger-log", {"strength": 2, "note": "OLD-WORDS"})
    backups.make_backup(data, "manual")
    older = tmp_path / "w-backups"
    (tmp_path / "w.txt.backups").rename(older)  # as the older version laid it out
    with Store.open(data):
        pass
    assert not older.exists()
    assert any(b"OLD-WORDS" in b.read_bytes() for b in backups.list_backups(data))


def test_an_older_shared_folder_stays_when_a_plain_json_beside_it_shares_it(tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.json") as store:
        store.add("trigger-log", {"strength": 2})
    with Store.open(tmp_path / "w.json"):
        pass
    (tmp_path / "w.txt").write_bytes((tmp_path / "w.json").read_bytes())
    with Store.open(tmp_path / "w.txt"):
        pass
    assert (tmp_path / "w-backups").is_dir()  # w.json's, untouched
