"""Provides ``remind``: ``on --at 20:00`` (more than one ``--at`` for several a day),
``off``, ``status``, and ``run`` (what the scheduler starts: a neutral notification, or
nothing once today's check-in is done)."""

from __future__ import annotations

import argparse

from workbook.cli.common import EXIT_OK, clock_of, db_path, say
from workbook.common.i18n import _


def remind_command(args: argparse.Namespace) -> int:
    from workbook.services import reminders

    if args.action == "on":
        times = reminders.parse_times(args.at or [])
        done = reminders.turn_on(times, getattr(args, "db", None) and db_path(args))
        say(_("Reminders at {times}, every day.").format(times=", ".join(done.times)))
        for path in done.files:
            say(_("Wrote {path}").format(path=path))
        if done.to_run and done.files:
            say(_("To start them, run:"))
        elif done.to_run:
            say(_("Add these lines to your crontab ('crontab -e'):"))
        for line in done.to_run:
            say(f"  {line}")
        say(_('The reminder says only "Time for your workbook", and nothing once today\'s check-in is done.'))
    elif args.action == "off":
        removed = reminders.turn_off()
        say(
            _("Reminders are off.")
            if removed
            else _("No reminders were set here (a crontab line stays until you remove it).")
        )
    elif args.action == "status":
        times = reminders.scheduled_times()
        say(_("Reminders at {times}, every day.").format(times=", ".join(times)) if times else _("Reminders are off."))
    else:
        return _run(args)
    return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    """The scheduler's call: a neutral nudge unless today's check-in is done (or the workbook
    is encrypted, or there is none: then nothing)."""
    from workbook.services import reminders
    from workbook.services.opening import due_today

    found = due_today(db_path(args), clock=clock_of(args))
    if found.state == "read" and not found.checked_in:
        # Neutral words: whoever sees the screen learns nothing about recovery.
        reminders.notify(_("Reminder"), _("Time for your workbook"))
    return EXIT_OK
