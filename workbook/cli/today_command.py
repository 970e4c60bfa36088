"""Provides ``today``: one line saying what is due, for a shell's start-up file.

It reads the workbook without taking the writer lock (saves are atomic, and the app may be
open in another window) and prints no entry text: a check-in not done, homework, reviews.
An encrypted workbook stays closed: the line only says to open the app.
"""

from __future__ import annotations

import argparse
from datetime import date

from workbook.cli.common import EXIT_ERROR, EXIT_OK, db_path, load_worksheets, say, say_error
from workbook.common.i18n import _, ngettext


def today_command(args: argparse.Namespace) -> int:
    from workbook.store.codec import file_is_encrypted
    from workbook.store.entry_index import EntryIndex
    from workbook.store.errors import WorkbookError
    from workbook.store.migrations import DRAFTS_TABLE, ENTRIES_TABLE
    from workbook.store.storage import DurableStorage
    from workbook.worksheets.due_today import due_lines
    path = db_path(args)
    if not path.exists():
        say(_("Recovery Workbook: no workbook yet. Run 'workbook' to start."))
        return EXIT_OK
    if file_is_encrypted(path):
        say(_("Recovery Workbook is encrypted: run 'workbook' to see what is due today."))
        return EXIT_OK
    try:
        data = DurableStorage(path).read() or {}
        entries = EntryIndex.build(data.get(ENTRIES_TABLE, {})).ordered()[::-1]
    except (WorkbookError, KeyError, TypeError, ValueError):
        say_error(_("Recovery Workbook: the workbook could not be read. Run 'workbook check' to see why."))
        return EXIT_ERROR
    from workbook.worksheets.measures import due_measures
    from typing import Any
    settings: dict[str, Any] = next(iter(data.get("settings", {}).values()), {})
    from workbook.common.i18n import set_language
    from workbook.store.language_setting import language_in
    remembered = language_in(settings)
    if remembered and not getattr(args, "lang", None):
        set_language(remembered)  # the workbook's own language, as the app would speak
    exercises, _problems = load_worksheets()
    drafts = len(data.get(DRAFTS_TABLE, {}))
    extra = [ngettext("{drafts} draft to finish", "{drafts} drafts to finish", drafts).format(
        drafts=drafts)] if drafts else []
    checks = [d.exercise.title.split(" (")[0] for d in due_measures(entries, exercises, date.today(), settings)]
    if checks:
        extra.append(_("a self-check ({join})").format(join=', '.join(checks)))
    due = due_lines(entries, exercises, date.today(), extra)
    if due:
        say(_("Recovery Workbook, due today: ") + ", ".join(due) + ".")
    else:
        say(_("Recovery Workbook: nothing is due today."))
    return EXIT_OK
