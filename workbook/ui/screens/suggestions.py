"""Provides ``SuggestionsScreen``: situations that recur in the craving log, offered as
high-risk situations for the plan."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, SelectionList

from workbook.common.errors import WorkbookError
from workbook.common.i18n import N_, _, ngettext
from workbook.ui.base import WorkbookModal
from workbook.ui.widgets.ticks import TickList
from workbook.worksheets import insights
from workbook.worksheets.builtin import Plan
from workbook.worksheets.entry import Entry
from workbook.worksheets.plan_edits import with_situations


class SuggestionsScreen(WorkbookModal[bool]):
    BINDINGS = [Binding("escape", "cancel", N_("Not now"))]

    def __init__(self, plan: Entry | None, suggestions: list[insights.Suggestion]) -> None:
        super().__init__()
        self.plan = plan
        self.suggestions = suggestions

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Ideas from your craving log"), classes="dialog-title")
            if self.suggestions:
                yield Label(
                    _(
                        "These came up more than once. Tick any you want in your plan's risky "
                        "situations (you can add a plan for each later)."
                    ),
                    markup=False,
                )
                yield TickList[int](
                    *[
                        (
                            ngettext("{situation}  ({count} time)", "{situation}  ({count} times)", s.count).format(
                                situation=s.situation, count=s.count
                            ),
                            i,
                        )
                        for i, s in enumerate(self.suggestions)
                    ],
                    id="suggestions",
                )
                with Horizontal(classes="dialog-buttons"):
                    yield Button(_("Add to my plan"), id="accept", variant="primary")
                    yield Button(_("Not now"), id="ignore")
            else:
                yield Label(
                    _("Nothing comes up often enough yet. Keep logging: patterns show after a few entries."),
                    markup=False,
                )
                yield Button(_("Close"), id="ignore")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id != "accept":
            self.dismiss(False)
            return
        picker: SelectionList[int] = self.query_one("#suggestions", SelectionList)
        chosen = [self.suggestions[i] for i in picker.selected]
        if not chosen:
            self.dismiss(False)
            return
        answers = with_situations(
            self.plan.answers if self.plan else None, [s.situation for s in chosen], self.workbook.today()
        )
        from workbook.services.daily import worksheet

        try:
            self.book.save(worksheet(self.book, Plan.ID), answers, self.plan)
        except WorkbookError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(
            _("Added {count} to your plan. Press E to write what you will do for each.").format(count=len(chosen))
        )
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
