"""Provides ``UnlockScreen``: a masked passphrase prompt shown before an encrypted workbook opens.

Key derivation takes a fraction of a second, so it runs in a worker thread and the screen
stays responsive. The passphrase lives only in the Input (cleared at once) and in a
``Secret`` that never shows itself in a worker's name or an error report.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from workbook.common.errors import PassphraseError, WorkbookError
from workbook.common.i18n import _
from workbook.common.secret import Secret
from workbook.ui.base import WorkbookScreen
from workbook.ui.widgets.footer import WorkbookFooter


class UnlockScreen(WorkbookScreen[None]):
    def __init__(self, opener: Callable[[str], object]) -> None:
        super().__init__()
        self.opener = opener

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog unlock"):
            yield Label(_("Recovery Workbook is locked"), classes="dialog-title")
            yield Label(_("Enter your passphrase to open it."), markup=False)
            yield Input(password=True, id="passphrase", placeholder=_("Passphrase"))
            yield Label("", id="unlock-message", markup=False)
        yield WorkbookFooter()

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        secret = Secret(event.value)
        event.input.value = ""
        event.input.disabled = True
        self.query_one("#unlock-message", Label).update(_("Opening…"))
        self._try(secret)

    @work(thread=True, exclusive=True, description="open the workbook")
    def _try(self, secret: Secret) -> None:
        try:
            self.opener(secret.reveal())
        except PassphraseError:
            # Opening changes nothing: the shell's "Nothing was changed" is for its commands.
            self.app.call_from_thread(self._failed, _("That passphrase does not open this workbook. Try again."))
            return
        except WorkbookError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        # Crisis help or the palette may be over this screen now: the app pops it when it is in front.
        self.app.call_from_thread(self.when_in_front, self.workbook.unlocked)

    def _failed(self, message: str) -> None:
        self.query_one("#unlock-message", Label).update(message)
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.focus()
