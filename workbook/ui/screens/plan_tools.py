"""Plan tools: compare revisions, take suggestions from the log, add goal progress notes."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Select, SelectionList, Static
from textual.widgets.option_list import Option

from workbook.worksheets import insights
from workbook.store.errors import WorkbookError
from workbook.worksheets.loader import Exercise
from workbook.worksheets.entry import Entry, parse_iso
from workbook.worksheets.revisions import diff_answers
from workbook.ui.screens.leave_guard import LeaveGuard


def versions_of(entry: Entry) -> list[tuple[str, dict]]:  # type: ignore[type-arg]
    """(label, answers) for every saved version, oldest first, the current one last."""
    versions = [(r.saved, r.answers) for r in entry.revisions] + [(entry.updated, entry.answers)]
    labelled = []
    for number, (saved, answers) in enumerate(versions, start=1):
        when = parse_iso(saved).strftime("%a %d %b %Y %H:%M")
        labelled.append((f"Version {number}, {when}" + (" (current)" if number == len(versions) else ""), answers))
    return labelled


def compare(exercise: Exercise, before: dict, after: dict) -> Content:  # type: ignore[type-arg]
    changes = diff_answers(exercise, before, after)
    if not changes:
        return Content("No differences.")
    lines: list[Content] = []
    for change in changes:
        mark, style = {"added": ("+ added", "green"), "removed": ("- removed", "red")}.get(change.kind, ("~ changed", "yellow"))
        if change.kind == "reworded":
            lines.append(Content.assemble((f"{mark}  ", style), (change.label, "bold")))
            lines.append(Content("    before: " + (change.before or "(empty)")))
            lines.append(Content("    now:    " + (change.after or "(empty)")))
        else:
            text = change.after if change.kind == "added" else change.before
            lines.append(Content.assemble((f"{mark}  ", style), (change.label + ": ", "bold"), text))
    return Content("\n").join(lines)


class RevisionsScreen(Screen[None]):
    """Every saved version of the plan, and what changed between any two."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, exercise: Exercise, entry: Entry) -> None:
        super().__init__()
        self.exercise = exercise
        self.versions = versions_of(entry)

    def compose(self) -> ComposeResult:
        yield Header()
        options = [(label, number) for number, (label, _) in enumerate(self.versions)]
        last = len(self.versions) - 1
        with Vertical(id="revisions"):
            yield Label(f"{len(self.versions)} versions, newest first. Choose one to see what it changed, "
                        "or pick any two below.", markup=False)
            yield OptionList(*self._version_lines(), id="version-list")
            with Horizontal(classes="revision-pickers"):
                yield Select(options, value=max(0, last - 1), allow_blank=False, id="from", compact=True)
                yield Label(" → ")
                yield Select(options, value=last, allow_blank=False, id="to", compact=True)
            yield VerticalScroll(Static(id="revision-diff"), id="revision-scroll")
        yield Footer()

    def _version_lines(self) -> list[Option]:
        lines = []
        for number in range(len(self.versions) - 1, -1, -1):
            label, answers = self.versions[number]
            if number == 0:
                what = "the first version"
            else:
                count = len(diff_answers(self.exercise, self.versions[number - 1][1], answers))
                what = f"{count} change{'' if count == 1 else 's'}"
            lines.append(Option(f"{label}: {what}", id=str(number)))
        return lines

    def on_mount(self) -> None:
        self.title = "Plan revisions"
        self.show_diff()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        number = int(event.option.id or 0)
        self.query_one("#from", Select).value = max(0, number - 1)
        self.query_one("#to", Select).value = number

    def on_select_changed(self) -> None:
        self.show_diff()

    def show_diff(self) -> None:
        before = self.versions[int(self.query_one("#from", Select).value)][1]  # type: ignore[arg-type]
        after = self.versions[int(self.query_one("#to", Select).value)][1]  # type: ignore[arg-type]
        self.query_one("#revision-diff", Static).update(compare(self.exercise, before, after))


class SuggestionsScreen(ModalScreen[bool]):
    """Situations that recur in the trigger log, offered as high-risk situations for the plan."""

    BINDINGS = [Binding("escape", "cancel", "Not now")]

    def __init__(self, plan: Entry | None, suggestions: list[insights.Suggestion]) -> None:
        super().__init__()
        self.plan = plan
        self.suggestions = suggestions

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Ideas from your craving log", classes="dialog-title")
            if self.suggestions:
                yield Label("These came up more than once. Tick any you want in your plan's risky situations "
                            "(you can add a plan for each later).", markup=False)
                yield SelectionList[int](*[(f"{s.situation}  ({s.count} times)", i) for i, s in enumerate(self.suggestions)],
                                         id="suggestions")
                with Horizontal(classes="dialog-buttons"):
                    yield Button("Add to my plan", id="accept", variant="primary")
                    yield Button("Not now", id="ignore")
            else:
                yield Label("Nothing comes up often enough yet. Keep logging: patterns show after a few entries.",
                            markup=False)
                yield Button("Close", id="ignore")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id != "accept":
            self.dismiss(False)
            return
        chosen = [self.suggestions[i] for i in self.query_one("#suggestions", SelectionList).selected]
        if not chosen:
            self.dismiss(False)
            return
        rows = [{"situation": s.situation} for s in chosen]
        store = self.app.store  # type: ignore[attr-defined]
        try:
            if self.plan is None:
                store.add(insights.PLAN, {"high_risk": rows})
            else:
                answers = dict(self.plan.answers)
                answers["high_risk"] = [*(answers.get("high_risk") or []), *rows]
                store.update(self.plan.id, answers)
        except WorkbookError as exc:
            self.app.notify(str(exc), severity="error")
            return
        self.app.notify(f"Added {len(rows)} to your plan. Open the plan to write what you will do for each.")
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class ProgressNoteScreen(LeaveGuard, ModalScreen[Entry | None]):
    """Add a dated progress note to a goal without rewriting it."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, goal: Entry) -> None:
        super().__init__()
        self.goal = goal

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Add a progress note", classes="dialog-title")
            yield Label(f"Today, {date.today():%d %B %Y}. What happened with this goal?", markup=False)
            yield Input(id="note", placeholder="For example: went to two meetings this week")
            yield Label("Enter saves.", classes="field-help")

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.dismiss(None)
            return
        answers = dict(self.goal.answers)
        answers["progress"] = [*(answers.get("progress") or []), {"date": date.today().isoformat(), "note": text}]
        try:
            saved = self.app.store.update(self.goal.id, answers)  # type: ignore[attr-defined]
        except WorkbookError as exc:
            self.app.notify(str(exc), severity="error")
            return
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.leave_or_warn(bool(self.query_one("#note", Input).value.strip()), lambda: self.dismiss(None))
