"""Crisis help, one key (F1) from every screen, working with no network.

Shows the crisis lines (the US defaults or the person's own list), their
support contacts from their relapse-prevention plan, and lets them edit the
list for where they live.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Label, Static, TextArea

from workbook.worksheets import crisis
from workbook.ui.screens.leave_guard import LeaveGuard


class CrisisScreen(Screen[None]):
    """The crisis lines and the person's own contacts (a full screen: room for every line at 80x24)."""

    BINDINGS = [
        Binding("escape", "dismiss_screen", "Close"),
        Binding("e", "edit", "Edit the list"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="crisis-scroll"):
            yield Label("You deserve support right now.", classes="crisis-title")
            yield Static(id="crisis-body")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Crisis help"
        self.refresh_body()
        self.query_one("#crisis-scroll").focus()

    def refresh_body(self) -> None:
        store = self.app.store  # type: ignore[attr-defined]
        parts: list[Content] = []
        for line in crisis.crisis_lines(store):
            parts.append(Content.assemble((line.name, "bold"), (": " if line.detail else "", "bold"), line.detail))
        if crisis.uses_defaults(store):
            parts.append(Content.styled(crisis.DEFAULTS_APPLY, "italic"))
        contacts = crisis.support_contacts(store)
        parts.append(Content(""))
        if contacts:
            parts.append(Content.styled("People who support me (from my plan)", "bold"))
            for row in contacts:
                bits = [row.get("name", ""), row.get("role", ""), row.get("phone", "")]
                text = " · ".join(str(b) for b in bits if b)
                when = f" (call when: {row['when']})" if row.get("when") else ""
                parts.append(Content("  " + text + when))
        else:
            parts.append(Content("Add the people who support you in your relapse-prevention plan; "
                                 "they will show here."))
        parts.append(Content(""))
        parts.append(Content("If you are safe for now: breathe slowly, move to a safer place, "
                             "and reach out to one person."))
        self.query_one("#crisis-body", Static).update(Content("\n").join(parts))

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        if self.app.store is None:  # type: ignore[attr-defined]
            self.app.notify("Open the workbook first to change this list.")
            return
        self.app.push_screen(CrisisEditScreen(), lambda _saved: self.refresh_body())


class CrisisEditScreen(LeaveGuard, ModalScreen[bool]):
    """Edit the crisis lines: one per line, 'Name: what to do'. Emptying it restores the defaults."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        store = self.app.store  # type: ignore[attr-defined]
        with Vertical(classes="crisis-box"):
            yield Label("Crisis lines for where I live", classes="crisis-title")
            yield Label("One per line, as  Name: number or what to do.  Leave it empty to bring back "
                        "the US defaults.", classes="field-help")
            yield TextArea(crisis.lines_to_text(crisis.crisis_lines(store)), id="lines", soft_wrap=True)
            yield Footer()

    def on_mount(self) -> None:
        self.query_one("#lines", TextArea).focus()

    def action_save(self) -> None:
        store = self.app.store  # type: ignore[attr-defined]
        crisis.save_lines(store, crisis.text_to_lines(self.query_one("#lines", TextArea).text))
        self.app.notify("Crisis list saved.")
        self.dismiss(True)

    def action_cancel(self) -> None:
        store = self.app.store  # type: ignore[attr-defined]
        changed = self.query_one("#lines", TextArea).text != crisis.lines_to_text(crisis.crisis_lines(store))
        self.leave_or_warn(changed, lambda: self.dismiss(False))
