"""``HomeScreen``: the worksheets, what was written today, and recent activity."""

from __future__ import annotations

from collections import Counter
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from workbook.worksheets import insights
from workbook.worksheets.answers import summary_of
from workbook.worksheets.loader import Exercise
from workbook.worksheets.entry import Entry


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("1", "open(0)", "Goals", show=False),
        Binding("2", "open(1)", "Craving log", show=False),
        Binding("3", "open(2)", "Plan", show=False),
        Binding("4", "open(3)", "Gratitude", show=False),
        Binding("c", "app.quick_log", "Log a craving"),
        Binding("x", "app.export", "Export"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Label("Worksheets  (press 1-4 or choose and press Enter)", classes="home-heading")
            yield OptionList(id="worksheets")
            with VerticalScroll(id="home-today"):
                yield Static(id="today")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Recovery Workbook"
        self.query_one("#worksheets", OptionList).focus()

    def on_screen_resume(self) -> None:
        # Also sent when Home first shows, so this is the one place Home fills itself.
        self.refresh_home()

    def refresh_home(self) -> None:
        app = self.app
        store = app.store  # type: ignore[attr-defined]
        exercises = app.ordered_exercises()  # type: ignore[attr-defined]
        entries = store.entries()
        picker = self.query_one("#worksheets", OptionList)
        highlighted = picker.highlighted
        picker.clear_options()
        counts = Counter(e.exercise for e in entries)
        for number, exercise in enumerate(exercises, start=1):
            count = counts[exercise.id]
            if exercise.single:
                detail = "started" if count else "not started yet"
            else:
                detail = f"{count} entr{'y' if count == 1 else 'ies'}"
            label = f"{number}  {exercise.title}" if number <= 9 else exercise.title
            picker.add_option(Option(Content.assemble(label, ("  " + detail, "dim")), id=exercise.id))
        picker.highlighted = highlighted if highlighted is not None else 0

        by_id = {e.id: e for e in exercises}
        width = max(30, self.size.width - 6) if self.size.width else 74
        self.query_one("#today", Static).update(today_panel(entries, by_id, app.today(), width))  # type: ignore[attr-defined]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.app.open_exercise(event.option.id)  # type: ignore[attr-defined]

    def action_open(self, index: int) -> None:
        exercises = self.app.ordered_exercises()  # type: ignore[attr-defined]
        if index < len(exercises):
            self.app.open_exercise(exercises[index].id)  # type: ignore[attr-defined]


def today_panel(entries: list[Entry], exercises: dict[str, Exercise], today: date, width: int = 74) -> Content:
    """Home's "today": gratitude, cravings, goals and reviews due, the habit, recent activity."""
    parts: list[Content] = [Content.styled(f"Today, {today:%A %d %B}", "bold")]
    todays = [e for e in entries if e.created_at.date() == today and e.exercise in exercises]
    gratitude = [e for e in todays if e.exercise == insights.GRATITUDE]
    cravings = [e for e in todays if e.exercise == insights.TRIGGER_LOG]
    if gratitude:
        parts.append(Content("  Grateful for: " + summary_of(exercises[insights.GRATITUDE], gratitude[0].answers, width - 17)))
    if cravings:
        peak = max((e.answers.get("strength") or 0) for e in cravings)
        parts.append(Content(f"  Cravings logged today: {len(cravings)} (strongest {peak}/10). Noticing them is a skill."))
    for entry in todays:
        if entry.exercise not in (insights.GRATITUDE, insights.TRIGGER_LOG):
            parts.append(Content(f"  {entry.created_at:%H:%M}  {exercises[entry.exercise].title}: "
                                 + summary_of(exercises[entry.exercise], entry.answers, 40)))
    if not todays:
        parts.append(Content("  Nothing written yet today. Small steps count. Press C to log a craving."))
    has_gratitude = any(e.exercise == insights.GRATITUDE for e in entries)
    parts.append(Content("  " + insights.streak_message(insights.gratitude_streak(entries, today), has_gratitude)))

    due: list[Content] = []
    plan = insights.current_plan(entries)
    review = insights.plan_review_due(plan, today)
    if review is not None:
        due.append(Content(f"  Your plan's review date has come ({review:%d %b}). Looking at it with "
                           "your counselor keeps it useful."))
    goals = exercises.get(insights.GOALS)
    for goal, why in insights.goals_due(entries, today):
        due.append(Content(f"  Goal: {summary_of(goals, goal.answers, 40) if goals else ''} ({why})"))
    active = insights.active_goals(entries)
    if due or active:
        parts += [Content(""), Content.styled("Goals and reviews", "bold")]
        parts += due
        if active and not due:
            parts.append(Content(f"  {len(active)} active goal{'s' if len(active) != 1 else ''}. Nothing due today."))

    recent = sorted((e for e in entries if e.exercise in exercises), key=lambda e: e.updated, reverse=True)[:4]
    parts += [Content(""), Content.styled("Recent", "bold")]
    if recent:
        for entry in recent:
            exercise = exercises[entry.exercise]
            prefix = f"  {entry.updated[:10]}  {exercise.title}: "
            parts.append(Content(prefix + summary_of(exercise, entry.answers, max(10, width - len(prefix)))))
    else:
        parts.append(Content("  Your entries will show here."))
    return Content("\n").join(parts)
