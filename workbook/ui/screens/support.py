"""Quick craving log, and the responses that bring the person's own plan back when it matters.

``QuickLogScreen``: one line, "7 after the call", Enter saves. ``SupportScreen``:
after a strong craving, the person's own coping steps and people; after a
logged use, their lapse plan and a reminder that a lapse is something to
learn from, with an offer to add what happened to the plan.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from workbook.worksheets import crisis

from workbook.worksheets import insights
from workbook.store.errors import WorkbookError
from workbook.worksheets.entry import Entry
from workbook.ui.screens.leave_guard import LeaveGuard


class QuickLogScreen(LeaveGuard, ModalScreen[Entry | None]):
    """Log a craving in seconds: strength and a few words, Enter to save."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Log a craving", classes="dialog-title")
            yield Label("How strong (0-10), then a few words. For example: 7 after the phone call", markup=False)
            yield Input(id="quick", placeholder="7 after the phone call")
            yield Label("", id="quick-problem", markup=False)
            yield Label("Enter saves. You can add more later from the log.", classes="field-help")

    def on_mount(self) -> None:
        self.query_one("#quick", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            strength, words = insights.parse_quick_log(event.value)
        except ValueError as exc:
            self.query_one("#quick-problem", Label).update(str(exc))
            return
        try:
            entry = self.app.store.add("trigger-log", insights.quick_log_answers(strength, words))  # type: ignore[attr-defined]
        except WorkbookError as exc:
            self.query_one("#quick-problem", Label).update(str(exc))
            return
        self.dismiss(entry)

    def action_cancel(self) -> None:
        self.leave_or_warn(bool(self.query_one("#quick", Input).value.strip()), lambda: self.dismiss(None))


class SupportScreen(ModalScreen[None]):
    """The person's own plan, in their words, after a strong craving or a logged use."""

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, entry: Entry, lapse: bool) -> None:
        super().__init__()
        self.entry = entry
        self.lapse = lapse

    def compose(self) -> ComposeResult:
        app = self.app
        store = app.store  # type: ignore[attr-defined]
        plan_exercise = app.exercises.get(insights.PLAN)  # type: ignore[attr-defined]
        plan = insights.current_plan(store.entries(insights.PLAN))
        parts: list[Content] = []
        if self.lapse:
            title = "Thank you for writing this down"
            parts.append(Content("A lapse is information, not a verdict. One use does not erase the progress you "
                                 "have made. What happened can help you plan for next time."))
            steps = insights.plan_list(plan, plan_exercise, "lapse_first_steps")
            self._add_list(parts, "Your first steps, from your plan", steps,
                           "Your plan has no first steps yet. Reaching out to one person you trust is a good one.")
            for field_id, heading in (("lapse_tell", "Who you said you would tell"),
                                      ("lapse_reminder", "What you wanted to remind yourself")):
                value = plan.answers.get(field_id) if plan else None
                if isinstance(value, str) and value.strip():
                    parts += [Content(""), Content.styled(heading, "bold"), Content("  " + value.strip())]
        else:
            title = "This is a strong craving. It will pass."
            parts.append(Content("Cravings rise, peak and fade, often within 20 to 30 minutes. "
                                 "Here is what you planned for moments like this."))
            self._add_list(parts, "What helps you cope", insights.plan_list(plan, plan_exercise, "coping"),
                           "Breathe slowly, change where you are, and reach out to someone.")
        contacts = [" · ".join(str(row[k]) for k in ("name", "role", "phone") if row.get(k))
                    for row in crisis.support_contacts(store)]
        self._add_list(parts, "People you can call", contacts, "Add your support people to your plan.")
        parts += [Content(""), Content.styled("Press F1 for crisis lines. If you are in danger, call 911.", "bold")]
        with Vertical(classes="dialog support"):
            yield Label(title, classes="dialog-title", markup=False)
            with VerticalScroll(id="support-scroll"):
                yield Static(Content("\n").join(parts), id="support-body")
            with Horizontal(classes="dialog-buttons"):
                if self.lapse:
                    yield Button("Add this to my plan", id="add-to-plan", variant="primary")
                yield Button("Close", id="close")

    @staticmethod
    def _add_list(parts: list[Content], heading: str, items: list[str], empty: str) -> None:
        parts += [Content(""), Content.styled(heading, "bold")]
        parts += [Content("  • " + item) for item in items] if items else [Content("  " + empty)]

    def on_mount(self) -> None:
        self.query_one("#add-to-plan" if self.lapse else "#close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "add-to-plan":
            self.dismiss(None)
            self.app.add_lapse_to_plan(self.entry)  # type: ignore[attr-defined]
        else:
            self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
