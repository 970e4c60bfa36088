"""Provides ``PracticeMenuScreen``: the four guided practices, one key each, and whether they
move (motion can be turned off: the words and the countdown stay)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workbook.common.i18n import N_, _
from workbook.ui.base import WorkbookModal, with_capitals
from workbook.ui.widgets.ticks import TickBox
from workbook.worksheets.practice import BREATHING, GROUNDING, MUSCLES, REDUCED_MOTION, SKILL_NAMES, URGE

KEYS = {"b": BREATHING, "g": GROUNDING, "u": URGE, "m": MUSCLES}


class PracticeMenuScreen(WorkbookModal[None]):
    BINDINGS = with_capitals(
        *(
            Binding(key, f"start('{skill}')", SKILL_NAMES[skill].split(":")[0], show=False)
            for key, skill in KEYS.items()
        ),
        Binding("escape", "dismiss_menu", N_("Back")),
    )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Practice a skill"), classes="dialog-title")
            yield OptionList(
                *(Option(f"{key.upper()}  {_(SKILL_NAMES[skill])}", id=skill) for key, skill in KEYS.items()),
                id="practice-menu",
            )
            yield TickBox(
                _("Reduce motion (words and numbers only)"),
                self.book.setting(REDUCED_MOTION) is True,
                id="reduced-motion",
            )
            yield Label(_("Each practice is kept in your practice log. Esc stops at any time."), classes="field-help")

    def on_mount(self) -> None:
        self.query_one("#practice-menu", OptionList).focus()

    def on_checkbox_changed(self, event: TickBox.Changed) -> None:
        self.workbook.save_setting(REDUCED_MOTION, event.value)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_start(event.option.id or BREATHING)

    def action_start(self, skill: str) -> None:
        self.dismiss(None)
        self.workbook.start_practice(skill)

    def action_dismiss_menu(self) -> None:
        self.dismiss(None)
