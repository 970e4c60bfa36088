"""Provides ``HomeScreen``: the worksheets, what was written today, and recent activity."""

from __future__ import annotations

from collections import Counter
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from workbook.ui.base import WorkbookScreen, with_capitals
from workbook.worksheets import insights
from workbook.worksheets.answers import summary_of
from workbook.worksheets.builtin import Cravings, Gratitude
from workbook.worksheets.roles import day_of, intensity_of, moment_of
from workbook.worksheets.definition import Exercise
from workbook.worksheets.drafts import Draft, drafts_of
from workbook.worksheets.entry import Entry


class HomeScreen(WorkbookScreen[None]):
    BINDINGS = with_capitals(
        Binding("1", "open(0)", "Goals", show=False),
        Binding("2", "open(1)", "Craving log", show=False),
        Binding("3", "open(2)", "Plan", show=False),
        Binding("4", "open(3)", "Gratitude", show=False),
        Binding("c", "app.quick_log", "Log a craving"),
        Binding("x", "app.export", "Export"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
    )

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
        exercises = self.workbook.ordered_exercises()
        entries = self.store.entries()
        picker = self.query_one("#worksheets", OptionList)
        highlighted = picker.highlighted
        picker.clear_options()
        counts = Counter(e.exercise for e in entries)
        drafts = drafts_of(self.store.drafts())
        waiting = Counter(d.exercise for d in drafts)
        for number, exercise in enumerate(exercises, start=1):
            count = counts[exercise.id]
            if exercise.single:
                detail = "started" if count else "not started yet"
            else:
                detail = f"{count} entr{'y' if count == 1 else 'ies'}"
            if waiting[exercise.id]:
                detail += f" · {waiting[exercise.id]} draft{'' if waiting[exercise.id] == 1 else 's'}"
            label = f"{number}  {exercise.title}" if number <= 9 else exercise.title
            picker.add_option(Option(Content.assemble(label, ("  " + detail, "dim")), id=exercise.id))
        picker.highlighted = highlighted if highlighted is not None else 0

        by_id = {e.id: e for e in exercises}
        width = max(30, self.size.width - 6) if self.size.width else 74
        self.query_one("#today", Static).update(today_panel(entries, by_id, self.workbook.today(), width, drafts))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.workbook.open_exercise(event.option.id)

    def action_open(self, index: int) -> None:
        exercises = self.workbook.ordered_exercises()
        if index < len(exercises):
            self.workbook.open_exercise(exercises[index].id)


def today_panel(entries: list[Entry], exercises: dict[str, Exercise], today: date, width: int = 74,
                drafts: list[Draft] | None = None) -> Content:
    """Home's "today": gratitude, cravings, goals and reviews due, the habit, recent activity.

    Entries count for the day they are about. A private entry's words never show here.
    """
    known = [e for e in entries if e.exercise in exercises]
    todays = [e for e in known if day_of(exercises[e.exercise], e) == today]
    parts: list[Content] = [Content.styled(f"Today, {today:%A %d %B}", "bold")]

    def summary(entry: Entry, room: int) -> str:
        return "(private)" if entry.private else summary_of(exercises[entry.exercise], entry.answers, room)

    gratitude = [e for e in todays if e.exercise == Gratitude.ID]
    cravings = [e for e in todays if e.exercise == Cravings.ID]
    if gratitude:
        parts.append(Content("  Grateful for: " + summary(gratitude[0], width - 17)))
    if cravings:
        log = exercises[Cravings.ID]
        peak = max((intensity_of(log, e) or 0) for e in cravings)
        count = len(cravings)
        parts.append(Content(f"  Cravings logged today: {count} (strongest {peak}/10). Noticing them is a skill."))
    for entry in todays:
        if entry.exercise not in (Gratitude.ID, Cravings.ID):
            parts.append(Content(f"  {moment_of(exercises[entry.exercise], entry):%H:%M}  "
                                 f"{exercises[entry.exercise].title}: {summary(entry, 40)}"))
    if not todays:
        parts.append(Content("  Nothing written yet today. Small steps count. Press C to log a craving."))
    if drafts:
        names = ", ".join(dict.fromkeys(exercises[d.exercise].title for d in drafts if d.exercise in exercises))
        count = len(drafts)
        parts.append(Content(f"  {count} draft{'' if count == 1 else 's'} not saved yet ({names}): "
                             "open the worksheet to continue."))
    has_gratitude = any(e.exercise == Gratitude.ID for e in known)
    streak = insights.gratitude_streak(known, exercises.get(Gratitude.ID), today)
    parts.append(Content("  " + insights.streak_message(streak, has_gratitude)))

    due = [Content(f"  {exercises[item.entry.exercise].title}: {summary(item.entry, 30)} "
                   f"({item.due.label.rstrip('?:')}: {item.due.day:%d %b})")
           for item in insights.due_items(known, exercises, today)]
    active = insights.active_goals(known)
    if due or active:
        parts += [Content(""), Content.styled("Goals and reviews", "bold")]
        parts += due
        if active and not due:
            parts.append(Content(f"  {len(active)} active goal{'s' if len(active) != 1 else ''}. Nothing due today."))

    recent = sorted(known, key=lambda e: e.updated, reverse=True)[:4]
    parts += [Content(""), Content.styled("Recent", "bold")]
    if recent:
        for entry in recent:
            prefix = f"  {entry.updated[:10]}  {exercises[entry.exercise].title}: "
            parts.append(Content(prefix + summary(entry, max(10, width - len(prefix)))))
    else:
        parts.append(Content("  Your entries will show here."))
    return Content("\n").join(parts)
