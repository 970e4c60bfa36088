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

    BINDINGS = [
        *with_capitals(
            Binding("escape", "dismiss_screen", N_("Close")),
            Binding("e", "edit", N_("Edit the list")),
        ),
        *(Binding(str(n), f"copy({n})", N_("Copy a number"), show=False) for n in range(1, 10)),
    ]

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

    def _hidden(self) -> bool:
        """True while the app is hidden (F2): crisis lines only, never the person's people,
        since whoever is looking may not be the person."""
        from workbook.ui.screens.privacy import PrivacyScreen

        return any(isinstance(screen, PrivacyScreen) for screen in self.app.screen_stack)

    def _contacts(self) -> list[crisis.Contact]:
        book = self.workbook.book  # None while the workbook is still locked
        if book is None or self._hidden():
            return []
        plans = book.entries(Plan.ID)
        return crisis.support_contacts(plans[0] if plans else None)

    def refresh_body(self) -> None:
        book = self.workbook.book  # None while the workbook is still locked: the defaults show
        lines = crisis.crisis_list(book.settings() if book is not None else None)
        contacts = self._contacts()
        parts: list[Content] = [Content(self.opening), Content("")] if self.opening else []
        # The person's own people first: at 80x24 they are in sight without scrolling.
        if contacts:
            heading = (
                _("People you trust: reaching one of them now would help")
                if self.opening
                else _("People who support me (from my plan)")
            )
            parts.append(Content.styled(heading, "bold"))
            for number, contact in enumerate(contacts[:9], start=1):
                when = _(" (call when: {when})").format(when=contact.when) if contact.when else ""
                parts.append(Content.assemble((f"  {number}  ", "bold"), contact.text() + when))
            if any(c.phone for c in contacts[:9]):
                parts.append(
                    Content.styled(_("  To copy a phone number, press the number beside the person here."), "italic")
                )
            parts.append(Content(""))
        for line in lines.lines:  # a mark before each service: on a narrow terminal they wrap into one another
            parts.append(
                Content.assemble(
                    ("• ", "bold"), (line.name, "bold"), (": " if line.detail else "", "bold"), line.detail
                )
            )
        if lines.defaults:
            parts.append(Content.styled(_(crisis.DEFAULTS_NOTE) + " " + _(crisis.DEFAULTS_APPLY), "italic"))
        if not contacts and book is not None and not self._hidden():
            parts += [
                Content(""),
                Content(_("Add the people who support you in your relapse-prevention plan; they will show here.")),
            ]
        parts.append(Content(""))
        parts.append(
            Content(_("If you are safe for now: breathe slowly, move to a safer place, and reach out to one person."))
        )
        self.query_one("#crisis-body", Static).update(Content("\n").join(parts))

    def action_copy(self, number: int) -> None:
        """Copy the phone number of the person shown with ``number`` (1-9)."""
        contacts = self._contacts()
        if not 1 <= number <= len(contacts[:9]):
            return
        contact = contacts[number - 1]
        if not contact.phone:
            self.notify(_("There is no phone number for {name} in your plan.").format(name=contact.name))
            return
        self.app.copy_to_clipboard(contact.phone)
        self.notify(_("Copied {name}'s number: {phone}").format(name=contact.name, phone=contact.phone), markup=False)

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        from workbook.ui.screens.crisis_edit import CrisisEditScreen

        if self.workbook.book is None:
            self.notify(_("Open the workbook first to change this list."))
            return
        self.app.push_screen(CrisisEditScreen(), lambda _saved: self.refresh_body())
