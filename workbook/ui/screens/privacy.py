"""Provides ``PrivacyScreen``: a blank, neutral screen (F2). Any key brings the workbook back;
when it is encrypted, the passphrase is asked for first."""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Key
from textual.widgets import Input, Label, Static

from workbook.common.i18n import N_, _
from workbook.common.secret import Secret
from workbook.ui.base import WorkbookScreen


class PrivacyScreen(WorkbookScreen[None]):
    BINDINGS = [Binding("f1", "app.crisis", N_("Crisis help"), show=False, priority=True)]
    AUTO_FOCUS = ""  # nothing focused: the first key reaches on_key and reveals the prompt

    def __init__(self, verify: Callable[[str], bool] | None) -> None:
        super().__init__()
        self.verify = verify

    def compose(self) -> ComposeResult:
        yield Static("", id="privacy-blank")
        yield Input(password=True, id="privacy-passphrase", placeholder=_("Passphrase"))
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
            # Neutral words: whoever sees this screen learns nothing about what it hides.
            self.query_one("#privacy-message", Label).update(_("Type your passphrase, then Enter, to come back."))
            self.call_after_refresh(field.focus)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        secret = Secret(event.value)
        event.input.value = ""
        self._check(secret)

    @work(thread=True, exclusive=True, description="check the passphrase")
    def _check(self, secret: Secret) -> None:
        ok = self.verify(secret.reveal()) if self.verify is not None else True
        self.app.call_from_thread(self._checked, ok)

    def _checked(self, ok: bool) -> None:
        if ok:
            self.dismiss(None)
        else:
            self.query_one("#privacy-message", Label).update(_("That passphrase is not right. Try again."))
