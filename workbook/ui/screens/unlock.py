"""Passphrase screens: unlock an encrypted workbook, hide the screen, turn encryption on.

Key derivation takes a fraction of a second, so it runs in a worker thread and
the screen stays responsive. Passphrases live only in the Input widgets and are
cleared as soon as they have been used.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Label, Static

from workbook.store.errors import WorkbookError


class UnlockScreen(Screen[None]):
    """A masked passphrase prompt shown before an encrypted workbook opens."""

    def __init__(self, opener: Callable[[str], object]) -> None:
        super().__init__()
        self.opener = opener

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog unlock"):
            yield Label("Recovery Workbook is locked", classes="dialog-title")
            yield Label("Enter your passphrase to open it.", markup=False)
            yield Input(password=True, id="passphrase", placeholder="Passphrase")
            yield Label("", id="unlock-message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        passphrase = event.value
        event.input.value = ""
        event.input.disabled = True
        self.query_one("#unlock-message", Label).update("Opening…")
        self._try(passphrase)

    @work(thread=True, exclusive=True)
    def _try(self, passphrase: str) -> None:
        try:
            self.opener(passphrase)
        except WorkbookError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self.app.unlocked)  # type: ignore[attr-defined]

    def _failed(self, message: str) -> None:
        self.query_one("#unlock-message", Label).update(message)
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.focus()


class PrivacyScreen(Screen[None]):
    """A blank, neutral screen (F2). Any key brings the workbook back; when it is
    encrypted, the passphrase is asked for first."""

    BINDINGS = [Binding("f1", "app.crisis", "Crisis help", show=False, priority=True)]
    AUTO_FOCUS = ""  # nothing focused: the first key reaches on_key and reveals the prompt

    def __init__(self, verify: Callable[[str], bool] | None) -> None:
        super().__init__()
        self.verify = verify

    def compose(self) -> ComposeResult:
        yield Static("", id="privacy-blank")
        yield Input(password=True, id="privacy-passphrase", placeholder="Passphrase")
        yield Label("", id="privacy-message", markup=False)

    def on_mount(self) -> None:
        self.query_one("#privacy-passphrase").display = False

    def on_key(self, event: Key) -> None:
        field = self.query_one("#privacy-passphrase", Input)
        if self.verify is None:
            event.stop()
            self.dismiss(None)
        elif not field.display:
            event.stop()
            field.display = True
            self.call_after_refresh(field.focus)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        passphrase = event.value
        event.input.value = ""
        self._check(passphrase)

    @work(thread=True, exclusive=True)
    def _check(self, passphrase: str) -> None:
        assert self.verify is not None
        ok = self.verify(passphrase)
        self.app.call_from_thread(self._checked, ok)

    def _checked(self, ok: bool) -> None:
        if ok:
            self.dismiss(None)
        else:
            self.query_one("#privacy-message", Label).update("That passphrase is not right. Try again.")


class EncryptScreen(ModalScreen[bool]):
    """Turn encryption on from the app (the same as 'workbook encrypt')."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Protect the workbook with a passphrase", classes="dialog-title")
            yield Static("Your entries and backups will be unreadable without it. Important: if you "
                         "forget the passphrase, nobody can recover your entries. Exports you make "
                         "are not encrypted.", markup=False)
            yield Input(password=True, id="first", placeholder="New passphrase (8 characters or more)")
            yield Input(password=True, id="second", placeholder="Type it again")
            yield Label("", id="encrypt-message", markup=False)
            yield Button("Encrypt", id="encrypt", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#first", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "first":
            self.query_one("#second", Input).focus()
        else:
            self._start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._start()

    def _start(self) -> None:
        first, second = self.query_one("#first", Input), self.query_one("#second", Input)
        message = self.query_one("#encrypt-message", Label)
        if first.value != second.value:
            message.update("The two passphrases are different. Please type them again.")
            second.value = ""
            second.focus()
            return
        passphrase = first.value
        first.value = second.value = ""
        message.update("Encrypting…")
        self._encrypt(passphrase)

    @work(thread=True, exclusive=True)
    def _encrypt(self, passphrase: str) -> None:
        from workbook.store import encryption_changes as encryption
        try:
            encryption.encrypt(self.app.store, passphrase)  # type: ignore[attr-defined]
        except WorkbookError as exc:
            self.app.call_from_thread(self.query_one("#encrypt-message", Label).update, str(exc))
            return
        self.app.call_from_thread(self._done)

    def _done(self) -> None:
        self.app.notify("The workbook is encrypted. You will need the passphrase to open it.")
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
