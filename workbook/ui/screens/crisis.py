"""Provides ``CrisisScreen``: crisis help, one key (F1) from every screen, working with no
network. It shows the person's own crisis list (or the US defaults, saying where they
apply), their support people from their plan, and lets them edit the list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label, Static

from workbook.common.i18n import N_, _
from workbook.ui.base import WorkbookScreen, with_capitals
from workbook.ui.widgets.footer import WorkbookFooter
from workbook.worksheets import crisis
from workbook.worksheets.builtin import Plan


class CrisisScreen(WorkbookScreen[None]):
    """The crisis lines and the person's own contacts (a full screen: room for every line at 80x24)."""

    def __init__(self, opening: str = "") -> None:
        super().__init__()
        self.opening = opening  # kind words first, when something the person answered brought them here

    BINDINGS = with_capitals(
        Binding("escape", "dismiss_screen", N_("Close")),
        Binding("e", "edit", N_("Edit the list")),
    )

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="crisis-scroll"):
            yield Label(_("You deserve support right now."), classes="crisis-title")
            yield Static(id="crisis-body")
        yield WorkbookFooter()

    def on_mount(self) -> None:
        self.title = _("Crisis help")
        self.refresh_body()
        self.query_one("#crisis-scroll").focus()

    def refresh_body(self) -> None:
        book = self.workbook.book  # None while the workbook is still locked: the defaults show
        lines = crisis.crisis_list(book.settings() if book is not None else None)
        plans = book.entries(Plan.ID) if book is not None else []
        parts: list[Content] = [Content(self.opening), Content("")] if self.opening else []
        for line in lines.lines:
            parts.append(Content.assemble((line.name, "bold"), (": " if line.detail else "", "bold"), line.detail))
        if lines.defaults:
            parts.append(Content.styled(_(crisis.DEFAULTS_NOTE) + " " + _(crisis.DEFAULTS_APPLY), "italic"))
        contacts = crisis.support_contacts(plans[0] if plans else None)
        parts.append(Content(""))
        if contacts and self.opening:
            parts.append(Content.styled(_("People you trust: reaching one of them now would help"), "bold"))
            for contact in contacts:
                when = _(" (call when: {when})").format(when=contact.when) if contact.when else ""
                parts.append(Content("  " + contact.text() + when))
        elif contacts:
            parts.append(Content.styled(_("People who support me (from my plan)"), "bold"))
            for contact in contacts:
                when = _(" (call when: {when})").format(when=contact.when) if contact.when else ""
                parts.append(Content("  " + contact.text() + when))
        elif book is not None:
            parts.append(
                Content(_("Add the people who support you in your relapse-prevention plan; they will show here."))
            )
        parts.append(Content(""))
        parts.append(
            Content(_("If you are safe for now: breathe slowly, move to a safer place, and reach out to one person."))
        )
        self.query_one("#crisis-body", Static).update(Content("\n").join(parts))

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        from workbook.ui.screens.crisis_edit import CrisisEditScreen

        if self.workbook.book is None:
            self.notify(_("Open the workbook first to change this list."))
            return
        self.app.push_screen(CrisisEditScreen(), lambda _saved: self.refresh_body())
