"""Provides ``RevisionsScreen``: every saved version of a living document (the plan), and
what changed between any two."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from workbook.common.i18n import N_, _, ngettext
from workbook.common.language import format_moment
from workbook.ui.base import WorkbookScreen
from workbook.ui.widgets.footer import WorkbookFooter
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry, parse_iso
from workbook.worksheets.revisions import diff_answers


def versions_of(entry: Entry) -> list[tuple[str, dict[str, Any]]]:
    """(label, answers) for every saved version, oldest first, the current one last."""
    versions = [(r.saved, r.answers) for r in entry.revisions] + [(entry.updated, entry.answers)]
    labelled = []
    for number, (saved, answers) in enumerate(versions, start=1):
        when = format_moment(parse_iso(saved), weekday=False)
        labelled.append(
            (
                _("Version {number}, {when}").format(number=number, when=when)
                + (_(" (current)") if number == len(versions) else ""),
                answers,
            )
        )
    return labelled


def compare(exercise: Exercise, before: dict[str, Any], after: dict[str, Any]) -> Content:
    changes = diff_answers(exercise, before, after)
    if not changes:
        return Content(_("No differences."))
    lines: list[Content] = []
    marks = {"added": (_("+ added"), "green"), "removed": (_("- removed"), "red")}
    for change in changes:
        mark, style = marks.get(change.kind, (_("~ changed"), "yellow"))
        if change.kind == "reworded":
            lines.append(Content.assemble((f"{mark}  ", style), (change.label, "bold")))
            was, now = _("before:"), _("now:")
            width = max(len(was), len(now)) + 1  # the two answers start in one column
            lines.append(Content("    " + was.ljust(width) + (change.before or _("(empty)"))))
            lines.append(Content("    " + now.ljust(width) + (change.after or _("(empty)"))))
        else:
            text = change.after if change.kind == "added" else change.before
            lines.append(Content.assemble((f"{mark}  ", style), (change.label + ": ", "bold"), text))
    return Content("\n").join(lines)


class RevisionsScreen(WorkbookScreen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"))]

    def __init__(self, exercise: Exercise, entry: Entry) -> None:
        super().__init__()
        self.exercise = exercise
        self.versions = versions_of(entry)

    def compose(self) -> ComposeResult:
        yield Header()
        options = [(label, number) for number, (label, _entry) in enumerate(self.versions)]
        last = len(self.versions) - 1
        with Vertical(id="revisions"):
            yield Label(
                _("{count} versions, newest first. Choose one to see what it changed, or pick any two below.").format(
                    count=len(self.versions)
                ),
                markup=False,
            )
            yield OptionList(*self._version_lines(), id="version-list")
            with Horizontal(classes="revision-pickers"):
                yield Select(options, value=max(0, last - 1), allow_blank=False, id="from", compact=True)
                yield Label(" → ")
                yield Select(options, value=last, allow_blank=False, id="to", compact=True)
            yield VerticalScroll(Static(id="revision-diff"), id="revision-scroll")
        yield WorkbookFooter()

    def _version_lines(self) -> list[Option]:
        lines = []
        for number in range(len(self.versions) - 1, -1, -1):
            label, answers = self.versions[number]
            if number == 0:
                what = _("the first version")
            else:
                count = len(diff_answers(self.exercise, self.versions[number - 1][1], answers))
                what = ngettext("{count} change", "{count} changes", count).format(count=count)
            lines.append(Option(f"{label}: {what}", id=str(number)))
        return lines

    def on_mount(self) -> None:
        self.title = _("{title}: versions").format(title=self.exercise.title)
        self.show_diff()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        number = int(event.option.id or 0)
        self.query_one("#from", Select).value = max(0, number - 1)
        self.query_one("#to", Select).value = number

    def on_select_changed(self) -> None:
        self.show_diff()

    def _chosen(self, selector: str) -> int:
        value = self.query_one(selector, Select).value
        return value if isinstance(value, int) else 0

    def show_diff(self) -> None:
        before = self.versions[self._chosen("#from")][1]
        after = self.versions[self._chosen("#to")][1]
        self.query_one("#revision-diff", Static).update(compare(self.exercise, before, after))
