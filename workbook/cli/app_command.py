"""Provides starting the app: ``workbook`` with no subcommand, and ``run_app`` (the one start
path, which the benchmarks use too)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbook.cli.common import EXIT_ERROR, EXIT_OK, db_path, say_error
from workbook.common.i18n import _


def tui_command(args: argparse.Namespace) -> int:
    from workbook.common.errors import WorkbookError, WorkbookLockedError

    try:
        return run_app(db_path(args), lang=getattr(args, "lang", None))
    except WorkbookLockedError:
        raise
    except WorkbookError as exc:
        # The workbook could not be opened, so its own crisis list cannot be read either:
        # the program's standard lines are shown with the reason, never nothing at all.
        from workbook.worksheets.crisis import crisis_list

        say_error(str(exc))
        say_error(_("\nIf you need someone to talk to now:"))
        for line in crisis_list({}).lines[:4]:
            say_error(f"  {line.text()}")
        return exc.exit_code


def run_app(path: Path, lang: str | None = None, **run_options: Any) -> int:
    """Open the workbook at ``path`` and run the app until the person quits; the exit code.

    ``lang`` is a language asked for with ``--lang``: the app speaks it and the workbook
    remembers it. ``run_options`` go to ``App.run`` (the benchmarks start it headless this
    way, so they measure the same start-up a person gets).
    """
    import gc

    from workbook.services.opening import Door

    door = Door(path).lock()  # a second window is told before anything else happens
    book = None
    # Loading makes many objects that live as long as the program: collecting garbage in the
    # middle of that only costs time, and freezing them afterwards keeps later collections short.
    gc.disable()
    try:
        from workbook.ui.app import WorkbookApp

        if door.needs_passphrase:
            app = WorkbookApp(None, opener=door.open, lang=lang)  # the app asks on its own masked screen
        else:
            book = door.open()
            book.counts()  # build the entry index of the live years now, with collection paused
            app = WorkbookApp(book, lang=lang)
        gc.freeze()
        gc.enable()
        app.run(**run_options)
        book = app.book if app.book is not None else book
        crashed = app.return_code not in (None, 0)
        return EXIT_ERROR if crashed else EXIT_OK
    finally:
        gc.enable()
        if book is not None:
            book.close()
        door.release()
