"""Provides ``EncryptScreen``: turn encryption on from the app (the same as 'workbook encrypt').
The passphrase's length is checked before it is asked for a second time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, Static

from workbook.common.errors import WorkbookError
from workbook.common.i18n import N_, _
from workbook.common.secret import Secret
from workbook.ui.base import WorkbookModal

if TYPE_CHECKING:
    from workbook.ui.app import WorkbookApp


class EncryptScreen(WorkbookModal[bool]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Protect the workbook with a passphrase"), classes="dialog-title")
            yield Static(
                _(
                    "Your entries and backups will be unreadable without it. Important: if "
                    "you forget the passphrase, nobody can recover your entries. Exports you "
                    "make are not encrypted."
                ),
                markup=False,
            )
            yield Input(password=True, id="first", placeholder=_("New passphrase (8 characters or more)"))
            yield Input(password=True, id="second", placeholder=_("Type it again"))
            yield Label("", id="encrypt-message", markup=False)
            yield Button(_("Encrypt"), id="encrypt", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#first", Input).focus()

    def _message(self, text: str) -> None:
        self.query_one("#encrypt-message", Label).update(text)

    def _first_is_usable(self) -> bool:
        from workbook.services.care import check_new_passphrase

        try:
            check_new_passphrase(self.query_one("#first", Input).value)
        except WorkbookError as exc:
            self._message(str(exc))
            self.query_one("#first", Input).focus()
            return False
        return True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "first":
            if self._first_is_usable():
                self._message("")
                self.query_one("#second", Input).focus()
        else:
            self._start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._start()

    def _start(self) -> None:
        if not self._first_is_usable():
            return
        first, second = self.query_one("#first", Input), self.query_one("#second", Input)
        if first.value != second.value:
            self._message(_("The two passphrases are different. Please type them again."))
            second.value = ""
            second.focus()
            return
        secret = Secret(first.value)
        first.value = second.value = ""
        self._message(_("Encrypting…"))
        self.hold_while_working(True)
        self._encrypt(self.workbook, secret)

    @work(thread=True, exclusive=True, description="encrypt the workbook")
    def _encrypt(self, app: WorkbookApp, secret: Secret) -> None:
        from workbook.services.care import encrypt

        try:
            encrypt(app.open_book, secret.reveal())
        except WorkbookError as exc:
            app.call_from_thread(self._not_done, str(exc))
            return
        app.call_from_thread(self._done)

    def _not_done(self, message: str) -> None:
        self.hold_while_working(False)
        self._message(message)

    def _done(self) -> None:
        self.notify(_("The workbook is encrypted. You will need the passphrase to open it."))
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
