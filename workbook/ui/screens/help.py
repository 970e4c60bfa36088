"""Provides ``HelpScreen``: the keys, what the program is and is not, where the data lives, privacy."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Markdown

from workbook.common.i18n import N_, _
from workbook.ui.base import WorkbookScreen
from workbook.ui.widgets.footer import WorkbookFooter

HELP_TEXT = N_(
    "# Help\n\nRecovery Workbook is a private place to practise the skills from your "
    "program\nbetween sessions: **goals, a trigger and craving log, a relapse-prevention "
    "plan,\na gratitude journal, a daily check-in, guided practice and self-checks**, and "
    "a\nreport to bring to your counselor.\n\nIt supports your treatment. It does not "
    "diagnose, prescribe, or replace your\ncounselor. **In a crisis, press F1 (or Ctrl+G) "
    "on any screen.**\n\n## Keys\n\n| key | what it does |\n|---|---|\n| F1 or Ctrl+G | crisis "
    "help, from any screen |\n| F2 | hide the screen (any key brings it back, or your passphrase when the "
    "workbook is encrypted; it also hides by itself after 15 minutes without a key: Ctrl+P, Lock) |\n| c | log "
    "a craving in seconds (on Home) |\n| k | today's check-in (on Home) |\n| p | guided "
    "practice: breathing, grounding, riding out an urge, muscle relaxation (on Home) |\n| "
    "1 to 9 | open a worksheet from Home (all of them are in the list) |\n| x | share with "
    "your counselor: export a report, a spreadsheet or a pocket card |\n| m | the mood "
    "calendar: a month of moods (on Home, or in the check-in's history) |\n| Space | tick a "
    "homework task done (in Home's homework list, or on its entry) |\n| Enter | open the "
    "selected item |\n| n | new entry (in a history) |\n| e / d / u | edit, delete, undo a "
    "delete |\n| b | mark an entry to bring to your next session (in a history or on an "
    "entry) |\n| / | search a history; g goes to a date |\n| r / s | on your plan: earlier "
    "versions, ideas from your craving log |\n| p | on a goal: add a dated progress note "
    "|\n| Ctrl+S | save a form |\n| Tab / Shift+Tab | move between fields; F6 jumps to the "
    "next part of a long form |\n| Esc | go back (with unsaved changes you choose: save, "
    "keep a draft, or leave them) |\n| Ctrl+P | all commands, including themes, high "
    "contrast and reminders |\n| ? | this help |\n| Ctrl+Q | quit |\n\n## Where your words "
    "are kept\n\nEverything is in one file on this computer:\n\n`{path}`\n\nOnly your user "
    "account can read it. Backups are kept beside it, in\n\n`{backups}`\n\nNothing is ever "
    "sent over the network. An export you make is a\nseparate file that the workbook no "
    "longer protects.\n"
)


LANGUAGE_HELP = N_(
    "## Language\n\nThe workbook speaks English and Spanish. On Home, press Ctrl+P and "
    'choose "Language"; the workbook remembers it. An export can be in either language, '
    "whichever you write in: choose it on the export screen."
)


class HelpScreen(WorkbookScreen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"))]

    def compose(self) -> ComposeResult:
        path = str(self.book.path) if self.book.path else _("(in memory: nothing is saved)")
        backups = self.book.backup_folder
        folder = str(backups) if backups is not None else _("(none: nothing is saved)")
        yield Header()
        with VerticalScroll():
            words = (
                _(HELP_TEXT).replace("{path}", path.replace("`", "'")).replace("{backups}", folder.replace("`", "'"))
            )
            yield Markdown(words + "\n\n" + _(LANGUAGE_HELP))
        yield WorkbookFooter()
