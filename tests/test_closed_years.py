"""Closed years: entries of years long past are packed away in the same file and read only
when asked for, with nothing lost, nothing changed for a reader, and hostile years set aside."""

from __future__ import annotations

import base64
import os
import zlib
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook.common.clock import FixedClock
from workbook.common.errors import SaveError
from workbook.services.daily import todays_check_in
from workbook.services.opening import Door, load_worksheets
from workbook.services.workbook import Workbook
from workbook.store import archive, backups, fsutil
from workbook.store.archive import DamagedYear
from workbook.store.checking import check_file
from workbook.store.erasing import erase_deleted
from workbook.store.workbook_store import Store
from workbook.worksheets.builtin import Cravings, Gratitude, Plan
from workbook.worksheets.definition import Role

TODAY = date(2026, 12, 7)


def _used() -> str:
    exercises, _problems = load_worksheets()
    spec = exercises[Cravings.ID].role_field(Role.OUTCOME)
    assert spec is not None
    return sorted(spec.options_meaning("use"))[0]


def _stamp(day: date, hour: int = 9) -> str:
    return datetime(day.year, day.month, day.day, hour).astimezone().isoformat(timespec="seconds")


def _fill(path: Path, first_year: int = 2019) -> dict[str, Any]:
    """Two cravings and a gratitude entry a month from ``first_year``, a use in March 2020,
    one marked entry in 2019 and a plan begun in 2019; what was written, by kind."""
    used = _used()
    written: dict[str, Any] = {"cravings": [], "gratitude": []}
    with Store.open(path) as store:
        day = date(first_year, 1, 5)
        while day <= TODAY:
            for hour in (9, 18):
                outcome = used if (day.year, day.month, hour) == (2020, 3, 9) else Cravings.DID_NOT_USE
                entry = store.add(
                    Cravings.ID,
                    {Cravings.strength.id: day.month % 11, Cravings.outcome.id: outcome},
                    created=_stamp(day, hour),
                )
                written["cravings"].append(entry.id)
                if outcome == used:
                    written["use"] = entry.id
            written["gratitude"].append(store.add(Gratitude.ID, {}, created=_stamp(day, 13)).id)
            day = (day.replace(day=1) + timedelta(days=32)).replace(day=5)
        written["marked"] = store.add(Gratitude.ID, {}, created=_stamp(date(2019, 6, 6)), bring_to_session=True).id
        written["plan"] = store.add(Plan.ID, {}, created=_stamp(date(2019, 2, 2))).id
        written["all"] = [e.id for e in store.entries()]
    return written


def _open(path: Path, day: date = TODAY) -> Workbook:
    return Door(path, clock=FixedClock.on(day)).lock().open()


def test_closing_keeps_every_entry_and_reads_them_back_in_the_same_order(db_path: Path) -> None:
    written = _fill(db_path)
    with Store.open(db_path) as before:
        expected = [e.to_dict() for e in before.entries()]
        counts = before.counts()
    book = _open(db_path)
    try:
        store = book.store
        assert store.closed_years() == [2019, 2020, 2021, 2022, 2023, 2024]
        stored = orjson.loads(db_path.read_bytes())
        live = {doc["id"] for doc in stored["entries"].values()}
        # Live: this year and last, the marked entry, the plan, the last use, each worksheet's newest.
        assert {written["marked"], written["plan"], written["use"]} <= live
        assert all(e.id in live for e in store.entries() if e.created_at.year >= 2025)
        assert len(live) < len(expected) / 2
        assert store.counts() == counts and store.count() == len(expected)
        assert [e.to_dict() for e in store.entries()] == expected
        assert store.verify_index() == []
    finally:
        book.close()
    assert any(backups.kind_of(b, db_path) == "before-archive" for b in backups.list_backups(db_path))
    with Store.open(db_path) as fresh:  # counted without reading a closed year or building the index
        assert fresh.count() == len(expected) and fresh._index is None
        fresh.add("trigger-log", {"strength": 2})
        assert fresh._index is None and fresh.count() == len(expected) + 1
        assert len(fresh.entries()) == len(expected) + 1 and fresh.count() == len(expected) + 1


def test_home_questions_leave_closed_years_packed(db_path: Path) -> None:
    written = _fill(db_path)
    _open(db_path).close()
    book = _open(db_path)
    try:
        store = book.store
        closed = set(store.unread_years())
        assert store.counts()[Cravings.ID] == len(written["cravings"])
        assert [e.id for e in book.marked()] == [written["marked"]]
        assert len(book.newest(Cravings.ID, 12)) == 12
        assert book.last_use(Cravings.ID) is not None and book.last_use(Cravings.ID).id == written["use"]  # type: ignore[union-attr]
        assert book.first_day() == date(2019, 1, 5)
        assert book.entries(Plan.ID)[0].id == written["plan"]
        book.written_since(datetime(2025, 11, 2).astimezone())
        assert len(book.recent(Cravings.ID)) == 2 * 24  # this year and last year, twice a month
        assert todays_check_in(book) is None
        assert set(store.unread_years()) == closed  # nothing was unpacked
        assert len(book.newest(Gratitude.ID, 40)) == 40  # more than stays live: one year is read
        assert set(store.unread_years()) < closed
    finally:
        book.close()


def test_a_closed_entry_is_changed_deleted_and_put_back_like_any_other(db_path: Path) -> None:
    written = _fill(db_path)
    _open(db_path).close()
    old = written["cravings"][7]  # April 2019
    book = _open(db_path)
    try:
        entry = book.get(old)
        assert entry is not None and 2019 not in book.store.unread_years()
        sheet = book.exercises[Cravings.ID]
        changed = book.save(sheet, {**entry.answers, Cravings.strength.id: 10}, entry)
        assert changed.revisions and book.store.verify_index() == []
        assert 2019 not in book.store.closed_years()  # its year is live again, until the next opening
        gone = book.delete(written["gratitude"][5])
        assert book.get(gone.id) is None
        book.undo_delete()
        assert book.get(gone.id) is not None and book.store.verify_index() == []
    finally:
        book.close()
    book = _open(db_path)  # closed again, with the change in it
    try:
        assert 2019 in book.store.closed_years()
        again = book.get(old)
        assert again is not None and again.answers == changed.answers
        assert book.store.count() == len(written["all"])
    finally:
        book.close()


def test_a_marked_closed_entry_and_an_import_of_a_newer_version(db_path: Path) -> None:
    written = _fill(db_path)
    _open(db_path).close()
    book = _open(db_path)
    try:
        entry = book.get(written["cravings"][1])
        assert entry is not None
        book.toggle_mark(entry)
        assert written["cravings"][1] in {e.id for e in book.marked()}
        other = book.get(written["cravings"][30])
        assert other is not None
        newer = other.revised({**other.answers, Cravings.strength.id: 10}, updated=_stamp(TODAY))
        result = book.store.merge([newer])
        assert result.updated == 1 and book.get(other.id).answers == newer.answers  # type: ignore[union-attr]
        assert book.store.verify_index() == []
    finally:
        book.close()
    book = _open(db_path)
    try:  # the marked one and the newly changed one stay live
        stored = orjson.loads(db_path.read_bytes())
        live = {doc["id"] for doc in stored["entries"].values()}
        assert {written["cravings"][1], written["cravings"][30]} <= live
    finally:
        book.close()


def test_an_encrypted_workbook_closes_its_years_inside_the_encryption(db_path: Path) -> None:
    written = _fill(db_path, first_year=2022)
    with Store.open(db_path) as store:
        from workbook.store.encrypted_codec import EncryptedCodec

        store.change_codec(EncryptedCodec.create("a long enough passphrase"))
    book = Door(db_path, clock=FixedClock.on(TODAY)).lock().open("a long enough passphrase")
    try:
        assert book.store.closed_years() == [2022, 2023, 2024]
        assert b"archive" not in db_path.read_bytes()
    finally:
        book.close()
    book = Door(db_path, clock=FixedClock.on(TODAY)).lock().open("a long enough passphrase")
    try:
        assert sorted(e.id for e in book.entries()) == sorted(written["all"])
    finally:
        book.close()


def _closed(path: Path) -> dict[str, Any]:
    _open(path).close()
    return orjson.loads(path.read_bytes())  # type: ignore[no-any-return]


def _write(path: Path, data: dict[str, Any]) -> None:
    fsutil.atomic_write(path, orjson.dumps(data))


@pytest.mark.parametrize(
    "spoil",
    [
        lambda doc: doc.update(entries="not base64 at all!"),
        lambda doc: doc.update(entries=base64.b64encode(b"garbage").decode()),
        lambda doc: doc.update(entries=base64.b64encode(zlib.compress(b"{}")).decode()),
        lambda doc: doc.update(entries=base64.b64encode(zlib.compress(b"[1, 2]")).decode()),
        lambda doc: doc.update(entries=base64.b64encode(zlib.compress(b'[{"id": 3}]')).decode()),
        lambda doc: doc.update(counts="many"),
        lambda doc: doc.update(year=1850),
    ],
    ids=["not-base64", "not-zlib", "not-a-list", "not-documents", "not-an-entry", "counts", "year"],
)
def test_a_damaged_closed_year_is_set_aside_word_for_word_and_the_rest_opens(db_path: Path, spoil: Any) -> None:
    written = _fill(db_path)
    data = _closed(db_path)
    in_2019 = len(archive.unpack(data["archive"]["2019"]))
    spoil(data["archive"]["2019"])
    spoiled = dict(data["archive"]["2019"])
    _write(db_path, data)
    book = _open(db_path)
    try:
        everything = book.entries()
        assert len(everything) in (len(written["all"]) - in_2019, len(written["all"]) - 1)
        assert book.set_aside_count() >= 1
        assert book.store.verify_index() == []
    finally:
        book.close()
    stored = orjson.loads(db_path.read_bytes())
    aside = [r["record"] for r in stored["set_aside"].values()]
    assert spoiled in aside or any(r.get("id") == 3 for r in aside)
    report = check_file(db_path, load_worksheets()[0])
    assert not report.ok and "set aside" in report.message


def test_a_year_that_unpacks_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_YEAR_BYTES", 1000)
    bomb = {"entries": base64.b64encode(zlib.compress(b"[" + b" " * 100_000 + b"]")).decode()}
    with pytest.raises(DamagedYear):
        archive.unpack(bomb)


@given(st.one_of(st.text(max_size=200), st.binary(max_size=200).map(lambda b: base64.b64encode(b).decode())))
def test_unpacking_anything_either_reads_documents_or_says_it_is_damaged(blob: str) -> None:
    try:
        docs = archive.unpack({"entries": blob})
    except DamagedYear as exc:
        assert exc.reason
    else:
        assert all(isinstance(d, dict) for d in docs)


@given(st.dictionaries(st.sampled_from([*sorted(archive.SUMMARY_KEYS), "x"]), st.integers() | st.text(max_size=5)))
def test_a_year_record_of_any_shape_is_judged_without_an_error(doc: dict[str, Any]) -> None:
    problem = archive.year_problem(str(doc.get("year")), doc)
    assert problem is None or isinstance(problem, str)


def test_closing_stopped_at_any_step_leaves_the_file_before_or_after(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = _fill(db_path, first_year=2021)
    real_replace, real_fsync = os.replace, os.fsync
    outcomes = set()
    for stop_at in range(1, 12):
        calls = 0

        def counting(real: Any, stop: int = stop_at) -> Any:
            def call(*args: Any) -> Any:
                nonlocal calls
                calls += 1
                if calls == stop:
                    raise KeyboardInterrupt  # the process stops here
                return real(*args)

            return call

        with Store.open(db_path) as store:
            monkeypatch.setattr(os, "replace", counting(real_replace))
            monkeypatch.setattr(os, "fsync", counting(real_fsync))
            try:
                Workbook(store, clock=FixedClock.on(TODAY)).close_years()
            except KeyboardInterrupt:
                pass
            finally:
                monkeypatch.setattr(os, "replace", real_replace)
                monkeypatch.setattr(os, "fsync", real_fsync)
        stored = orjson.loads(db_path.read_bytes())
        outcomes.add("archive" in stored)
        with Store.open(db_path) as store:
            assert sorted(e.id for e in store.entries()) == sorted(written["all"])
        if "archive" in stored:
            break
    assert outcomes == {False, True}


def test_a_full_disk_while_closing_changes_nothing(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written = _fill(db_path, first_year=2022)
    before = db_path.read_bytes()
    with Store.open(db_path) as store:
        book = Workbook(store, clock=FixedClock.on(TODAY))

        def full(path: Path, payload: bytes) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(fsutil, "atomic_write", full)
        assert book.close_years() == 0
        monkeypatch.undo()
        assert sorted(e.id for e in book.entries()) == sorted(written["all"])
    assert orjson.loads(db_path.read_bytes())["entries"] == orjson.loads(before)["entries"]


def test_erasing_what_was_deleted_reaches_into_closed_years_of_backups(db_path: Path) -> None:
    written = _fill(db_path, first_year=2022)
    _open(db_path).close()
    backups.make_backup(db_path, "manual")  # a copy with closed years in it
    victim = written["gratitude"][2]
    book = _open(db_path)
    try:
        book.delete(victim)
        report = erase_deleted(book.store)
        assert report.backups_changed >= 1
    finally:
        book.close()
    for backup in backups.list_backups(db_path):
        data = orjson.loads(backup.read_bytes())
        assert all(doc.get("id") != victim for _where, doc in archive.open_all(data) if isinstance(doc, dict))


def test_check_counts_and_reads_the_closed_years(db_path: Path) -> None:
    written = _fill(db_path, first_year=2022)
    _open(db_path).close()
    report = check_file(db_path, load_worksheets()[0])
    assert report.ok, report.message
    assert f"holds {len(written['all'])} entries" in report.message


def test_a_save_that_cannot_reopen_a_year_changes_nothing(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written = _fill(db_path, first_year=2022)
    _open(db_path).close()
    book = _open(db_path)
    try:
        entry = book.get(written["gratitude"][1])
        assert entry is not None

        def full(path: Path, payload: bytes) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(fsutil, "atomic_write", full)
        with pytest.raises(SaveError):
            book.delete(entry.id)
        monkeypatch.undo()
        assert book.get(entry.id) is not None and book.store.verify_index() == []
    finally:
        book.close()


@pytest.mark.asyncio
async def test_a_history_shows_what_is_at_hand_at_once_and_reads_the_closed_years_in_a_worker() -> None:
    from textual.widgets import DataTable

    from app_helpers import book_of, make_app, settle, welcomed_store

    store = welcomed_store()
    day = date(2018, 1, 3)
    while day < date(2026, 11, 1):
        store.add(Cravings.ID, {Cravings.strength.id: day.day % 11}, created=_stamp(day))
        day += timedelta(days=9)
    total = store.count()
    assert book_of(store).close_years() > 0
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
        screen: Any = app.screen
        await settle(pilot, lambda: len(screen._all) == total)
        await settle(pilot, lambda: not screen.query_one("#history-reading").display)
        assert screen.query_one("#history", DataTable).row_count == 100
        assert store.unread_years() == {} and store.verify_index() == []


def test_an_opening_that_knows_one_worksheet_closes_only_its_entries(db_path: Path) -> None:
    written = _fill(db_path, first_year=2021)
    exercises, _problems = load_worksheets()
    with Store.open(db_path) as store:
        only_log = Workbook(store, {Cravings.ID: exercises[Cravings.ID]}, [], clock=FixedClock.on(TODAY))
        assert only_log.close_years() > 0
    stored = orjson.loads(db_path.read_bytes())
    live = {doc["id"] for doc in stored["entries"].values()}
    assert set(written["gratitude"]) <= live  # a worksheet it did not load stays as it was
    assert all(set(s["counts"]) == {Cravings.ID} for s in stored["archive"].values())


def _long_history_store() -> Any:
    from app_helpers import welcomed_store

    store = welcomed_store()
    day = date(2016, 1, 4)
    while day < date(2026, 11, 1):
        store.add(Cravings.ID, {Cravings.strength.id: day.day % 11}, created=_stamp(day))
        day += timedelta(days=5)
    return store


@pytest.mark.asyncio
async def test_a_day_asked_for_while_the_years_before_are_read_is_reached_when_they_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from textual.widgets import DataTable

    from app_helpers import book_of, make_app, settle
    from workbook.ui.screens.history import HistoryScreen

    store = _long_history_store()
    assert book_of(store).close_years() > 0
    monkeypatch.setattr(HistoryScreen, "_read_closed_years", lambda self, app: None)  # still reading
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
        screen: Any = app.screen
        assert screen.query_one("#history-reading").display
        await pilot.press("g", *"2019-03-10", "enter")
        await settle(pilot, lambda: screen._pending_day == date(2019, 3, 10))
        screen.book.entries(Cravings.ID)  # what the worker does
        screen._closed_years_read()
        await settle(pilot, lambda: screen._pending_day is None)
        table = screen.query_one("#history", DataTable)
        assert screen._entries[table.cursor_row].created_at.date() <= date(2019, 3, 10)
        assert screen._entries[table.cursor_row].created_at.date() > date(2019, 3, 4)


@pytest.mark.asyncio
async def test_coming_back_to_a_long_history_keeps_its_rows_and_writes_again_only_what_changed() -> None:
    from textual.widgets import DataTable

    from app_helpers import book_of, make_app, settle

    store = _long_history_store()
    book_of(store).close_years()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
        screen: Any = app.screen
        await settle(pilot, lambda: not screen.query_one("#history-reading").display)
        await pilot.press("g", *"2017-06-01", "enter")
        table = screen.query_one("#history", DataTable)
        await settle(pilot, lambda: table.row_count > 300)
        drawn, row = table.row_count, table.cursor_row
        chosen = screen._entries[row]
        await pilot.press("enter")
        await settle(pilot, lambda: type(app.screen).__name__ == "EntryScreen")
        await pilot.press("escape")
        await settle(pilot, lambda: app.screen is screen)
        assert table.row_count == drawn and screen._entries[table.cursor_row].id == chosen.id
        changed = app.open_book.save(
            app.exercises[Cravings.ID], {**chosen.answers, Cravings.strength.id: 10}, chosen
        )  # saved elsewhere: the row is written again where it stands
        await settle(pilot, lambda: screen._entries[table.cursor_row] is changed)
        assert table.row_count == drawn
        app.open_book.delete(changed.id)
        await settle(pilot, lambda: table.row_count == drawn - 1)
        assert changed.id not in {e.id for e in screen._entries}


def _spoil_entries(path: Path, year: str, docs: Any) -> dict[str, Any]:
    data = orjson.loads(path.read_bytes())
    raw = docs if isinstance(docs, bytes) else orjson.dumps(docs)
    data["archive"][year]["entries"] = base64.b64encode(zlib.compress(raw)).decode()
    _write(path, data)
    return data


def test_forget_never_takes_the_backups_of_a_closed_year_that_cannot_be_read(db_path: Path) -> None:
    from workbook.common.errors import WorkbookError

    written = _fill(db_path, first_year=2022)
    data = _closed(db_path)
    backups.make_backup(db_path, "manual")  # a good copy of every year
    in_2022 = [d["id"] for d in archive.unpack(data["archive"]["2022"])]
    data["archive"]["2022"]["entries"] = "not base64 at all!"
    _write(db_path, data)
    book = _open(db_path)
    try:
        book.entries()  # the year is set aside as it is read
        assert book.set_aside_count() == 1
        with pytest.raises(WorkbookError, match="Nothing was erased"):
            erase_deleted(book.store)  # nothing deleted was ever recorded: missing is not deleted
    finally:
        book.close()
    manual = next(b for b in backups.list_backups(db_path) if backups.kind_of(b, db_path) == "manual")
    kept = {d.get("id") for _w, d in archive.open_all(orjson.loads(manual.read_bytes())) if isinstance(d, dict)}
    assert set(in_2022) <= kept and len(written["all"]) == len(kept)


def test_an_entry_late_for_a_damaged_closed_year_stays_live_and_the_workbook_opens(db_path: Path) -> None:
    written = _fill(db_path, first_year=2022)
    _closed(db_path)
    docs = archive.unpack(orjson.loads(db_path.read_bytes())["archive"]["2022"])
    docs[0]["title"] = "words the program does not know"  # not whole: never packed again
    _spoil_entries(db_path, "2022", docs)
    with Store.open(db_path) as store:  # an old entry arrives live (an import, say)
        late = store.add(Gratitude.ID, {}, created=_stamp(date(2022, 5, 5)))
    book = _open(db_path)
    try:
        stored = orjson.loads(db_path.read_bytes())
        assert late.id in {d["id"] for d in stored["entries"].values()}  # left live
        assert b"words the program does not know" in zlib.decompress(
            base64.b64decode(stored["archive"]["2022"]["entries"])
        )
        everything = {e.id for e in book.entries()}
        assert everything == set(written["all"]) - {docs[0]["id"]} | {late.id}
        aside = orjson.loads(db_path.read_bytes())["set_aside"]
        assert any(r["record"].get("title") == "words the program does not know" for r in aside.values())
    finally:
        book.close()


def test_a_year_of_countless_tiny_items_is_refused_before_it_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = {"entries": base64.b64encode(zlib.compress(b"[" + b"{}," * 3_000_000 + b"{}]")).decode()}
    with pytest.raises(DamagedYear):
        archive.unpack(bomb)


def test_a_year_whose_counts_lie_is_named_by_check_and_never_blocks_a_save(db_path: Path) -> None:
    from workbook.worksheets.entry_check import MAX_ENTRIES

    _fill(db_path, first_year=2022)
    data = _closed(db_path)
    data["archive"]["2022"]["counts"][Cravings.ID] = MAX_ENTRIES
    _write(db_path, data)
    report = check_file(db_path, load_worksheets()[0])
    assert not report.ok and "counts do not match" in report.message
    with Store.open(db_path) as store:
        store.add(Cravings.ID, {Cravings.strength.id: 3})  # counted exactly before any refusal


def test_an_import_finds_an_entry_of_a_closed_year_under_any_stamp(db_path: Path) -> None:
    written = _fill(db_path, first_year=2021)
    _closed(db_path)
    book = _open(db_path)
    try:
        old = book.get(written["cravings"][0])
        assert old is not None
        import dataclasses

        moved = dataclasses.replace(
            old.revised({**old.answers, Cravings.strength.id: 9}, updated=_stamp(TODAY)), created=_stamp(TODAY)
        )
    finally:
        book.close()
    book = _open(db_path)
    try:
        result = book.store.merge([moved])
        assert (result.added, result.updated) == (0, 1)
        assert book.store.count() == len(written["all"]) and book.store.verify_index() == []
    finally:
        book.close()


def test_forget_reads_a_set_aside_year_whatever_else_its_record_holds(db_path: Path) -> None:
    written = _fill(db_path, first_year=2022)
    data = _closed(db_path)
    backups.make_backup(db_path, "manual")
    data["archive"]["2022"]["id"] = "x"  # not a year's shape: set aside whole at the next opening
    _write(db_path, data)
    book = _open(db_path)
    try:
        assert book.set_aside_count() == 1
        report = erase_deleted(book.store)
        assert report.entries == 0
    finally:
        book.close()
    manual = next(b for b in backups.list_backups(db_path) if backups.kind_of(b, db_path) == "manual")
    kept = {d.get("id") for _w, d in archive.open_all(orjson.loads(manual.read_bytes())) if isinstance(d, dict)}
    assert len(kept) == len(written["all"])


def test_a_year_that_cannot_be_set_right_for_lack_of_room_still_shows_its_whole_entries(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = _fill(db_path, first_year=2022)
    _closed(db_path)
    docs = archive.unpack(orjson.loads(db_path.read_bytes())["archive"]["2022"])
    docs[0]["title"] = "not whole"
    _spoil_entries(db_path, "2022", docs)
    before = db_path.read_bytes()
    book = _open(db_path)
    try:

        def full(path: Path, payload: bytes) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(fsutil, "atomic_write", full)
        everything = {e.id for e in book.entries()}
        monkeypatch.undo()
        assert everything == set(written["all"]) - {docs[0]["id"]}
        assert "could not be set aside" in book.reading_problem() and book.reading_problem() == ""
    finally:
        book.close()
    assert orjson.loads(db_path.read_bytes())["archive"] == orjson.loads(before)["archive"]


def test_the_shell_s_entries_go_in_whatever_a_closed_year_s_counts_say(db_path: Path) -> None:
    from workbook.worksheets.entry import Entry
    from workbook.worksheets.entry_check import MAX_ENTRIES

    _fill(db_path, first_year=2022)
    data = _closed(db_path)
    data["archive"]["2022"]["counts"][Cravings.ID] = MAX_ENTRIES
    _write(db_path, data)
    with Store.open(db_path) as store:
        arriving = Entry.new(Cravings.ID, {Cravings.strength.id: 2}, created=_stamp(TODAY))
        assert store.merge([arriving], fresh=True).added == 1


@pytest.mark.asyncio
async def test_the_line_under_a_history_while_older_years_are_read_is_readable_in_every_theme(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from test_contrast import THEMES, low_characters

    from app_helpers import book_of, make_app, settle
    from workbook.ui.screens.history import HistoryScreen

    store = _long_history_store()
    book_of(store).close_years()
    monkeypatch.setattr(HistoryScreen, "_read_closed_years", lambda self, app: None)  # still reading
    app = make_app(store)
    low: list[str] = []
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("2")
        await settle(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
        assert app.screen.query_one("#history-reading").display
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            low.extend(f"{theme}: {found}" for found in low_characters(app, "history, reading"))
    assert low == []


def test_early_in_a_year_the_year_home_still_reaches_stays_live(db_path: Path) -> None:
    from workbook.services.workbook import RECENT_DAYS

    _fill(db_path, first_year=2021)
    january = date(2027, 1, 15)
    book = _open(db_path, january)
    try:
        assert book.store.closed_years() == [2021, 2022, 2023, 2024]  # 2025 is within Home's reach
        since = datetime.combine(january - timedelta(days=RECENT_DAYS), datetime.min.time()).astimezone()
        book.written_since(since)
        assert set(book.store.unread_years()) == {2021, 2022, 2023, 2024}
    finally:
        book.close()
    book = _open(db_path, date(2027, 3, 1))  # once Home no longer reaches it, it closes
    try:
        assert 2025 in book.store.closed_years()
    finally:
        book.close()
