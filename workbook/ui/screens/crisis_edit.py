"""Provides ``CrisisEditScreen``: edit the crisis lines for where the person lives, one per
line as 'Name: what to do'. Emptying the list brings back the US defaults."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, TextArea

from workbook.common.errors import WorkbookError
from workbook.common.i18n import N_, _
from workbook.ui.base import WorkbookModal, after_typed_keys
from workbook.ui.screens.leave_guard import LeaveGuard
from workbook.ui.widgets.footer import WorkbookFooter
from workbook.worksheets import crisis


class CrisisEditScreen(LeaveGuard, WorkbookModal[bool]):
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), priority=True),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    def _current_text(self) -> str:
        lines = crisis.crisis_list(self.book.settings())
        return crisis.lines_to_text(lines.lines)

    def compose(self) -> ComposeResult:
        with Vertical(classes="crisis-box"):
            yield Label(_("Crisis lines for where I live"), classes="crisis-title")
            yield Label(
                _("One per line, as  Name: number or what to do.  Leave it empty to bring back the US defaults."),
                classes="field-help",
            )
            yield TextArea(self._current_text(), id="lines", soft_wrap=True)
            yield WorkbookFooter()

    def on_mount(self) -> None:
        self.query_one("#lines", TextArea).focus()

    def action_save(self) -> None:
        after_typed_keys(self.app, self._save, self)

    def _save(self) -> None:
        lines = crisis.text_to_lines(self.query_one("#lines", TextArea).text)
        try:
            self.book.save_setting(crisis.SETTING_KEY, crisis.lines_setting(lines))
        except WorkbookError as exc:
            self.notify(str(exc), title=_("Not saved"), severity="error")
            return
        self.notify(_("Crisis list saved.") if lines else _("The US defaults are back."))
        self.dismiss(True)

    def action_cancel(self) -> None:
        changed = self.query_one("#lines", TextArea).text != self._current_text()
        self.leave_or_warn(changed, lambda: self.dismiss(False))
