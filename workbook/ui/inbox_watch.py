"""Provides ``watch_inbox``: entries logged from the shell while the app is open are added
within seconds (``workbook.services.inbox`` says why that is safe), with a word saying so."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbook.common.i18n import ngettext

if TYPE_CHECKING:
    from workbook.ui.app import WorkbookApp

EVERY = 3.0  # seconds between looks: one directory read each


def said(count: int) -> str:
    return ngettext("{count} entry from the shell added.", "{count} entries from the shell added.", count).format(
        count=count
    )


def watch_inbox(app: WorkbookApp) -> None:
    """Look at the inbox now and then, and add what the shell left there."""
    from workbook.services import inbox

    def look() -> None:
        book = app.book
        if book is None or not inbox.waiting(book):
            return
        try:
            added = inbox.merge(book)
        except Exception:  # a full disk, an odd item: the entries wait in the inbox, whole
            return
        if added:
            app.notify(said(added), timeout=6)

    if app.book is not None and app.book.inbox_merged:
        app.notify(said(app.book.inbox_merged), timeout=6)
    app.set_interval(EVERY, look)
