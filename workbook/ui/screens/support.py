"""Provides ``SupportScreen``: the person's own plan, in their words, when it matters.

After a strong craving: their coping steps and people. After a logged use: their lapse
plan, a reminder that a lapse is something to learn from, and an offer to add what
happened to the plan. Both end with the person's own crisis list.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Label, Static

from workbook.common.i18n import N_, _
from workbook.ui.base import WorkbookModal
from workbook.worksheets import crisis, insights
from workbook.worksheets.builtin import Plan
from workbook.worksheets.entry import Entry


class SupportScreen(WorkbookModal[None]):
    BINDINGS = [
        Binding("escape", "close", N_("Close")),
        # The buttons keep the focus; the arrows still read on through the plan.
        Binding("down", "read(1)", N_("Read on"), show=False),
        Binding("up", "read(-1)", N_("Back up"), show=False),
        Binding("pagedown", "read(10)", N_("Read on"), show=False),
        Binding("pageup", "read(-10)", N_("Back up"), show=False),
    ]

    def __init__(self, entry: Entry, lapse: bool, note: str = "") -> None:
        super().__init__()
        self.entry = entry
        self.lapse = lapse
        self.note = note  # "Saved." or "Craving logged (8/10)...": said here, never in a toast over it

    def _body(self) -> tuple[str, list[Content]]:
        book = self.book
        plan_exercise = self.workbook.exercises.get(Plan.ID)
        plan = insights.current_plan(book.entries(Plan.ID))
        answers = plan.answers if plan else {}
        parts: list[Content] = []
        if self.lapse:
            title = _("Thank you for writing this down")
            parts.append(
                Content(
                    _(
                        "A lapse is information, not a verdict. One use does not erase "
                        "the progress you have made. What happened can help you plan for "
                        "next time."
                    )
                )
            )
            self._add_list(
                parts,
                _("Your first steps, from your plan"),
                Plan.lapse_first_steps.items(answers),
                _("Your plan has no first steps yet. Reaching out to one person you trust is a good one."),
            )
            for ref, heading in (
                (Plan.lapse_tell, _("Who you said you would tell")),
                (Plan.lapse_reminder, _("What you wanted to remind yourself")),
            ):
                if ref.text(answers):
                    parts += [Content(""), Content.styled(heading, "bold"), Content("  " + ref.text(answers))]
            parts += [Content(""), Content.styled(_("Staying safe"), "bold")]
            parts += [Content("  " + line) for line in crisis.overdose_safety(crisis.crisis_list(book.settings()))]
        contacts = [c.text() for c in crisis.support_contacts(plan)]
        if self.lapse:
            self._add_list(parts, _("People you can call"), contacts, _("Add your support people to your plan."))
        else:
            title = _("This is a strong craving. It will pass.")
            coping = Plan.coping.labels(answers, plan_exercise)
            if plan is None:
                after = _("A plan helps at moments like this: you can write one from Home (3).")
            elif coping:
                after = _("Here is what you planned for moments like this.")
            else:
                after = _("Here is what your plan says, and some ways to cope that help many people.")
            parts.append(Content(_("Cravings rise, peak and fade, often within 20 to 30 minutes. ") + after))
            # The person's own people first: at 80x24 they are in sight without scrolling.
            self._add_list(parts, _("People you can call"), contacts, _("Add your support people to your plan."))
            self._add_list(
                parts,
                _("What helps you cope"),
                coping,
                _("Breathe slowly, change where you are, and reach out to someone.")
                + (_(" You can add your own ways to your plan (3).") if plan is not None else ""),
            )
            reasons = Plan.reasons.text(answers)
            if reasons:  # in the person's own words: why this is worth riding out
                parts += [Content(""), Content.styled(_("Your reasons for recovery"), "bold")]
                parts += [Content("  " + line.strip()) for line in reasons.splitlines() if line.strip()]
        lines = crisis.crisis_list(book.settings())
        parts += [Content(""), Content.styled(_("If you are in danger or need to talk to someone now"), "bold")]
        parts += [Content("  " + line.text()) for line in lines.lines]
        if lines.defaults:
            parts.append(Content.styled("  " + _(crisis.DEFAULTS_NOTE), "italic"))
        parts.append(Content.styled(_("Press F1 for crisis help at any time."), "dim"))
        return title, parts

    @staticmethod
    def _add_list(parts: list[Content], heading: str, items: list[str], empty: str) -> None:
        parts += [Content(""), Content.styled(heading, "bold")]
        parts += [Content("  • " + item) for item in items] if items else [Content("  " + empty)]

    def compose(self) -> ComposeResult:
        title, parts = self._body()
        first = crisis.crisis_list(self.book.settings()).first()
        with Vertical(classes="dialog support"):
            if self.note:
                yield Label(self.note, classes="support-note", markup=False)
            yield Label(title, classes="dialog-title", markup=False)
            # Always in sight, whatever the size of the terminal: the first crisis line.
            yield Label(
                _("{text}  ·  F1: all crisis help").format(text=first.text()), classes="support-danger", markup=False
            )
            with VerticalScroll(id="support-scroll", can_focus=False):
                yield Static(Content("\n").join(parts), id="support-body")
            yield Label(_("↑ ↓ read more  ·  Esc closes"), id="support-hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                if self.lapse:
                    yield Button(_("Add this to my plan"), id="add-to-plan", variant="primary")
                else:
                    yield Button(_("Ride out the urge"), id="urge", variant="primary")
                    yield Button(_("Breathe with me"), id="breathe")
                yield Button(_("Close"), id="close")

    def on_mount(self) -> None:
        self.query_one("#add-to-plan" if self.lapse else "#urge", Button).focus()
        self.call_after_refresh(self._show_hint)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        from workbook.worksheets.practice import BREATHING, URGE

        event.stop()
        self.dismiss(None)
        if event.button.id == "add-to-plan":
            self.workbook.add_lapse_to_plan(self.entry)
        elif event.button.id in ("urge", "breathe"):
            self.workbook.start_practice(URGE if event.button.id == "urge" else BREATHING, self.entry)

    def action_read(self, lines: int) -> None:
        self.query_one("#support-scroll", VerticalScroll).scroll_relative(y=lines, animate=False)

    def on_resize(self) -> None:
        # The hint only when there is more than fits.
        self.call_after_refresh(self._show_hint)

    def _show_hint(self) -> None:
        scroll = self.query_one("#support-scroll", VerticalScroll)
        self.query_one("#support-hint", Label).display = scroll.max_scroll_y > 0

    def action_close(self) -> None:
        self.dismiss(None)
