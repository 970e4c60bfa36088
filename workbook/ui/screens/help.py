"""Provides ``HelpScreen``: the keys, what the program is and is not, where the data lives, privacy."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Markdown

from workbook.ui.widgets.footer import WorkbookFooter
from workbook.ui.base import WorkbookScreen

HELP_TEXT = """\
# Help

Recovery Workbook is a private place to practise the skills from your program
between sessions: **goals, a trigger and craving log, a relapse-prevention plan,
a gratitude journal, a daily check-in, guided practice and self-checks**, and a
report to bring to your counselor.

It supports your treatment. It does not diagnose, prescribe, or replace your
counselor. **In a crisis, press F1 (or Ctrl+G) on any screen.**

## Keys

| key | what it does |
|---|---|
| F1 or Ctrl+G | crisis help, from any screen |
| F2 | hide the screen (any key brings it back) |
| c | log a craving in seconds (on Home) |
| k | today's check-in (on Home) |
| p | guided practice: breathing, grounding, riding out an urge, muscle relaxation (on Home) |
| 1 to 9 | open a worksheet from Home (all of them are in the list) |
| x | share with your counselor: export a report, a spreadsheet or a pocket card |
| Enter | open the selected item |
| n | new entry (in a history) |
| e / d / u | edit, delete, undo a delete |
| b | mark an entry to bring to your next session (in a history or on an entry) |
| / | search a history; g goes to a date |
| r / s | on your plan: earlier versions, ideas from your craving log |
| p | on a goal: add a dated progress note |
| Ctrl+S | save a form |
| Tab / Shift+Tab | move between fields; F6 jumps to the next part of a long form |
| Esc | go back (with unsaved changes you choose: save, keep a draft, or leave them) |
| Ctrl+P | all commands, including themes, high contrast and reminders |
| ? | this help |
| Ctrl+Q | quit |

## Where your words are kept

Everything is in one file on this computer:

`{path}`

Only your user account can read it. Backups are kept beside it, in

`{backups}`

Nothing is ever sent over the network. An export you make is a
separate file that the workbook no longer protects.
"""


class HelpScreen(WorkbookScreen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        from workbook.store.paths import backup_dir_for
        path = str(self.store.path) if self.store.path else "(in memory: nothing is saved)"
        folder = str(backup_dir_for(self.store.path)) if self.store.path else "(none: nothing is saved)"
        yield Header()
        with VerticalScroll():
            yield Markdown(HELP_TEXT.replace("{path}", path.replace("`", "'")).replace("{backups}", folder.replace("`", "'")))
        yield WorkbookFooter()
