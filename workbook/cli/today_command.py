"""Provides ``today``: one line saying what is due, for a shell's start-up file.

It reads the workbook without taking the writer lock (saves are atomic, and the app may be
open in another window) and prints no entry text: a check-in not done, homework, reviews.
An encrypted workbook stays closed: the line only says to open the app.
"""

from __future__ import annotations

import argparse

from workbook.cli.common import EXIT_ERROR, EXIT_OK, clock_of, db_path, say, say_error
from workbook.common.i18n import _, ngettext


def status_command(args: argparse.Namespace) -> int:
    """``status --prompt``: one short line for a shell prompt or tmux ("check-in ✓ · 1 due"),
    no entry text, and nothing at all for an encrypted workbook or none."""
    from workbook.services.opening import due_today

    found = due_today(db_path(args), asked_language=getattr(args, "lang", None), clock=clock_of(args))
    if found.state != "read":
        return EXIT_OK  # encrypted, none or unreadable: the prompt stays quiet
    others = len(found.due) - (0 if found.checked_in else 1)
    bits = [_("check-in ✓") if found.checked_in else _("check-in")]
    if others > 0:
        bits.append(ngettext("{count} due", "{count} due", others).format(count=others))
    say(" · ".join(bits))
    return EXIT_OK


def today_command(args: argparse.Namespace) -> int:
    from workbook.services.opening import due_today

    found = due_today(db_path(args), asked_language=getattr(args, "lang", None), clock=clock_of(args))
    if found.state == "none":
        say(_("Recovery Workbook: no workbook yet. Run 'workbook' to start."))
    elif found.state == "encrypted":
        say(_("Recovery Workbook is encrypted: run 'workbook' to see what is due today."))
    elif found.state == "unreadable":
        say_error(_("Recovery Workbook: the workbook could not be read. Run 'workbook check' to see why."))
        return EXIT_ERROR
    elif found.due:
        say(_("Recovery Workbook, due today: ") + ", ".join(found.due) + ".")
    else:
        say(_("Recovery Workbook: nothing is due today."))
    return EXIT_OK
