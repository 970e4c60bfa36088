"""Provides marking an entry for the next session and undoing a delete from a screen: the
application layer does it, and the person is told what happened (or why it could not be)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbook.common.errors import WorkbookError
from workbook.common.i18n import _
from workbook.worksheets.entry import Entry

if TYPE_CHECKING:
    from workbook.ui.app import WorkbookApp


def set_aside_news(app: WorkbookApp) -> None:
    """Say so when reading years long past found one that could not be read (it is kept word
    for word, set aside in the same file), as the app says at start for the rest of the file."""
    count = app.open_book.newly_set_aside()
    if count:
        app.notify(
            _(
                "{set_aside_count} damaged record(s) in the workbook could not be read. "
                "They are kept word for word, set aside in the same file, and everything "
                "else works. 'workbook check' says more."
            ).format(set_aside_count=count),
            title=_("Some of the file could not be read"),
            severity="warning",
            timeout=20,
        )
    problem = app.open_book.reading_problem()
    if problem:
        app.notify(problem, title=_("Some of the file could not be read"), severity="warning", timeout=20)


def toggle_mark(app: WorkbookApp, entry: Entry) -> Entry:
    """Mark an entry to bring to the next session, or take the mark away; the entry as it is now."""
    try:
        marked = app.open_book.toggle_mark(entry)
    except WorkbookError as exc:
        app.notify(str(exc), severity="error")
        return entry
    app.notify(
        _("Marked to bring to your next session: it comes first in your report.")
        if marked.bring_to_session
        else _("The mark is taken away.")
    )
    return marked


def undo_delete(app: WorkbookApp) -> bool:
    """Put the last deleted entry back; True when one was."""
    if not app.open_book.can_undo:
        app.notify(_("There is nothing to undo."))
        return False
    try:
        app.open_book.undo_delete()
    except WorkbookError as exc:
        app.notify(str(exc), severity="error")
        return False
    app.notify(_("The entry is back."))
    return True
