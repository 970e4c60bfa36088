"""Provides ``ForgetScreen``: erase deleted entries from every backup (the same as
'workbook forget'), after saying plainly what that means."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Label, Static

from workbook.common.errors import WorkbookError
from workbook.common.i18n import N_, _, ngettext
from workbook.ui.base import WorkbookModal
from workbook.ui.widgets.ticks import TickBox

if TYPE_CHECKING:
    from workbook.ui.app import WorkbookApp


class ForgetScreen(WorkbookModal[bool]):
    # Focused from the start (Textual's default focuses the first widget that takes it, and
    # moving the focus on restyles both): "Keep everything", the safe answer.
    AUTO_FOCUS = "#keep"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Erase deleted entries from backups"), classes="dialog-title")
            yield Static(
                _(
                    "When you delete an entry, it leaves this workbook, but copies stay in "
                    "the backups beside it until they are replaced. This erases every deleted "
                    "entry, and every draft you let go, from every backup now. It cannot be undone."
                ),
                markup=False,
            )
            yield TickBox(
                _("Also erase the earlier versions of every entry (your plan's history too)"), False, id="versions"
            )
            yield Label("", id="forget-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Erase"), id="erase", variant="error")
                yield Button(_("Keep everything"), id="keep", variant="primary")

    def on_mount(self) -> None:
        # Also here: Textual applies AUTO_FOCUS only while the terminal has the focus.
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id != "erase":
            self.dismiss(False)
            return
        if self._working:
            return
        self.query_one("#forget-message", Label).update(_("Erasing…"))
        self.hold_while_working(True)
        self._erase(self.workbook, self.query_one("#versions", Checkbox).value)

    @work(thread=True, exclusive=True, description="erase deleted entries")
    def _erase(self, app: WorkbookApp, versions: bool) -> None:
        from workbook.services.care import forget

        try:
            forgotten = forget(app.open_book, versions=versions)
            report, extra = forgotten.deleted, forgotten.versions
        except WorkbookError as exc:
            app.call_from_thread(self._not_done, str(exc))
            return
        message = ngettext(
            "Erased {entries} deleted entry from backups",
            "Erased {entries} deleted entries from backups",
            report.entries,
        ).format(entries=report.entries)
        drafts = forgotten.drafts.drafts if forgotten.drafts is not None else 0
        if drafts:
            message += ngettext(" and {drafts} draft", " and {drafts} drafts", drafts).format(drafts=drafts)
        if extra is not None:
            message += ngettext(
                " and {versions} earlier version", " and {versions} earlier versions", extra.versions
            ).format(versions=extra.versions)
        app.call_from_thread(self._done, message + ".")

    def _not_done(self, message: str) -> None:
        self.hold_while_working(False)
        self.query_one("#forget-message", Label).update(message)

    def _done(self, message: str) -> None:
        self.notify(message)
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
