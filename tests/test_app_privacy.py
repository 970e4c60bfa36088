"""The locked start, the hide key and turning encryption on from the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from app_helpers import held_back, make_app, screen_name, settle, welcomed_store
from workbook.services.workbook import Workbook
from workbook.store import encryption_changes as encryption
from workbook.store.codec import file_is_encrypted
from workbook.store.workbook_store import Store
from workbook.ui.app import WorkbookApp

pytestmark = pytest.mark.asyncio
PASS = "tea and toast"


async def test_encrypted_workbook_opens_after_the_right_passphrase(db_path: Path) -> None:
    with Store.open(db_path) as opened:
        opened.set_setting("welcomed", True)
        opened.add("trigger-log", {"strength": 2})
        encryption.encrypt(opened, PASS)
    stores: list[Store] = []

    def opener(passphrase: str) -> Workbook:
        stores.append(Store.open(db_path, passphrase=passphrase))
        return Workbook(stores[-1])

    app = WorkbookApp(None, opener=opener)
    async with app.run_test(size=(80, 24)) as pilot:
        assert screen_name(app) == "UnlockScreen"
        await pilot.press("f1")  # crisis help works while locked
        assert screen_name(app) == "CrisisScreen"
        await pilot.press("escape", *"wrong guess", "enter")
        message = app.screen.query_one("#unlock-message")
        await settle(pilot, lambda: "does not open" in str(message.render()))
        assert app.screen.query_one("#passphrase", Input).value == ""
        await pilot.press(*PASS, "enter")
        await settle(pilot, lambda: screen_name(app) == "HomeScreen")
        assert app.open_book.entries() and len(app.open_book.entries()) == 1
    for store in stores:
        store.close()


async def test_hide_key_blanks_and_any_key_returns_when_not_encrypted() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "f2")
        assert screen_name(app) == "PrivacyScreen"
        await pilot.pause()
        shown = app.export_screenshot()
        assert "Trigger" not in shown and "Crisis" not in shown  # a neutral, empty view
        await pilot.press("space")
        assert screen_name(app) == "HistoryScreen"


async def test_hide_key_asks_for_the_passphrase_when_encrypted(db_path: Path) -> None:
    store = Store.open(db_path)
    store.set_setting("welcomed", True)
    encryption.encrypt(store, PASS)
    try:
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f2", "x")
            await pilot.pause()
            assert screen_name(app) == "PrivacyScreen"
            await pilot.press(*"nope nope", "enter")
            message = app.screen.query_one("#privacy-message")
            await settle(pilot, lambda: "not right" in str(message.render()))
            await pilot.press(*PASS, "enter")
            await settle(pilot, lambda: screen_name(app) == "HomeScreen")
    finally:
        store.close()


async def test_encrypt_from_the_app(db_path: Path) -> None:
    store = Store.open(db_path)
    store.set_setting("welcomed", True)
    try:
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            app.action_encrypt()
            await pilot.pause()
            await pilot.press(*PASS, "enter", *"tea and toasT", "enter")
            await pilot.pause()
            assert "different" in str(app.screen.query_one("#encrypt-message").render())
            await pilot.press(*PASS, "enter")
            await settle(pilot, lambda: screen_name(app) == "HomeScreen")
        assert file_is_encrypted(db_path)
    finally:
        store.close()
    Store.open(db_path, passphrase=PASS).close()


async def test_in_memory_store_cannot_be_encrypted() -> None:
    app = make_app(welcomed_store())
    async with app.run_test() as pilot:
        app.action_encrypt()
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"


async def test_esc_while_encrypting_or_erasing_waits_for_the_work_to_end(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A thread cannot be stopped: Esc while the workbook is being encrypted (or backups erased)
    would have closed the dialog as if cancelled, over a workbook changed after all, and the
    notice of what was done never came. Esc waits now, and the notice comes."""
    import threading

    from workbook.services import care

    working, go_on = threading.Event(), threading.Event()
    held_back(monkeypatch, care, "encrypt", working, go_on)
    held_back(monkeypatch, care, "forget", working, go_on)
    store = Store.open(db_path)
    store.set_setting("welcomed", True)
    try:
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            app.action_encrypt()
            await pilot.pause()
            await pilot.press(*PASS, "enter", *PASS, "enter")
            await settle(pilot, working.is_set)
            await pilot.press("escape")
            await pilot.pause()
            assert screen_name(app) == "EncryptScreen"
            await pilot.press("f1")  # crisis help over the working dialog stays until the person closes it
            await settle(pilot, lambda: screen_name(app) == "CrisisScreen")
            go_on.set()
            await app.workers.wait_for_complete()
            await settle(pilot, lambda: any("encrypted" in n.message for n in app._notifications))
            assert screen_name(app) == "CrisisScreen"
            await pilot.press("escape")
            await settle(pilot, lambda: screen_name(app) == "HomeScreen")

            working.clear()
            go_on.clear()
            app.action_forget_deleted()
            await settle(pilot, lambda: screen_name(app) == "ForgetScreen")
            app.screen.query_one("#erase").press()
            await settle(pilot, working.is_set)
            await pilot.press("escape")
            await pilot.pause()
            assert screen_name(app) == "ForgetScreen"
            await pilot.press("f2")  # the hide screen stays hidden when the work ends under it
            await settle(pilot, lambda: screen_name(app) == "PrivacyScreen")
            go_on.set()
            await app.workers.wait_for_complete()
            await settle(pilot, lambda: any("Erased" in n.message for n in app._notifications))
            assert screen_name(app) == "PrivacyScreen"
            await pilot.press("space", *PASS, "enter")  # encrypted now: the passphrase brings it back
            await settle(pilot, lambda: screen_name(app) == "HomeScreen")
            assert any("Erased" in n.message for n in app._notifications)
        assert file_is_encrypted(db_path)
    finally:
        store.close()


async def test_crisis_help_opened_while_the_workbook_unlocks_stays_in_sight(db_path: Path) -> None:
    """F1 while the passphrase is checked: Home opens under crisis help, which stays until the
    person closes it (the unlock screen was popped "from the top", closing crisis help instead)."""
    import threading

    with Store.open(db_path) as opened:
        opened.set_setting("welcomed", True)
        encryption.encrypt(opened, PASS)
    opening, go_on = threading.Event(), threading.Event()
    stores: list[Store] = []

    def opener(passphrase: str) -> Workbook:
        opening.set()
        go_on.wait(10)
        stores.append(Store.open(db_path, passphrase=passphrase))
        return Workbook(stores[-1])

    app = WorkbookApp(None, opener=opener)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*PASS, "enter")
        await settle(pilot, opening.is_set)
        await pilot.press("f1")
        await settle(pilot, lambda: screen_name(app) == "CrisisScreen")
        go_on.set()
        await app.workers.wait_for_complete()
        for _ in range(5):
            await pilot.pause()
        assert screen_name(app) == "CrisisScreen"
        await pilot.press("escape")
        await settle(pilot, lambda: screen_name(app) == "HomeScreen")
        assert [type(s).__name__ for s in app.screen_stack][-2:] != ["UnlockScreen", "HomeScreen"]
        assert not any(type(s).__name__ == "UnlockScreen" for s in app.screen_stack)
    for store in stores:
        store.close()
