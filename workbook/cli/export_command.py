"""Provides ``export``: a report, a pocket card, a spreadsheet or a full backup, written to a
file (never over the workbook or into its backups folder) or to standard output."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

from workbook.cli.common import EXIT_OK, db_path, load_worksheets, open_store, say_error
from workbook.store.errors import WorkbookError
from workbook.common.i18n import _, ngettext

PROGRESS_FROM = 300  # entries: below this an export is quicker than reading a message about it
LAST_EXPORT = "last_export"


def _period(args: argparse.Namespace, last: object, today: date) -> tuple[date | None, date | None]:
    """--from/--to when given, else --period: since the last export (the default for a
    report), 7 or 30 days, or all (the default for a backup and the card)."""
    from workbook.export.options import parse_day
    if (args.start or args.end) and args.period is not None:
        raise ValueError(_("Choose the days with --period or with --from and --to, not both."))
    if args.start or args.end:
        return (parse_day(args.start, "--from") if args.start else None,
                parse_day(args.end, "--to") if args.end else None)
    period = args.period or ("all" if args.format in ("json", "card") else "since-last")
    if period in ("7", "30"):
        return today - timedelta(days=int(period) - 1), today
    if period == "since-last" and isinstance(last, str):
        return parse_day(last, _("the last export's date")), today
    return None, None


def export_command(args: argparse.Namespace) -> int:
    from workbook.export.options import Options, check_options
    from workbook.export.service import render_export
    from workbook.export.writer import check_destination, write_output
    from workbook.worksheets.crisis import crisis_list
    from workbook.export.service import REPORTS, csv_worksheet
    exercises, _problems = load_worksheets()
    database = db_path(args)
    if args.output != "-":
        check_destination(Path(args.output), database, force=args.force)
    with open_store(args) as store:
        today = date.today()
        try:
            start, end = _period(args, store.get_setting(LAST_EXPORT), today)
            include = tuple(i.strip() for i in args.include.split(",") if i.strip()) if args.include else tuple(
                exercises)
            if args.include is not None and not include:
                raise ValueError(_("--include names no worksheet: give their ids separated by commas "
                                   "('workbook exercises list' shows them)."))
            options = Options(start=start, end=end, include=include,
                              include_private=args.private or args.format == "json")
            check_options(options, exercises)
            if args.format == "csv":
                csv_worksheet(options, exercises)
        except ValueError as exc:
            raise WorkbookError(_("{exc} Nothing was written.").format(exc=exc)) from None
        entries = store.entries()
        chosen = sum(1 for e in entries if options.selects(e, exercises.get(e.exercise)))
        if chosen >= PROGRESS_FROM and sys.stderr.isatty() and args.output != "-":
            say_error(_("Preparing {chosen} entries…").format(chosen=chosen))
        payload = render_export(args.format, entries, exercises, options, store.settings(),
                                crisis_list(store.settings()), paper=args.paper,
                                lang=getattr(args, "report_lang", None))
        target = write_output(args.output, payload, database, force=args.force)
        if args.format in REPORTS:
            try:
                store.set_setting(LAST_EXPORT, today.isoformat())
            except WorkbookError:  # the export is written; only "since the last export" is not moved on
                say_error(_("Note: the date of this export could not be kept (the disk may be full), "
                            "so the next report's 'since your last export' still starts from the one "
                            "before."))
        cleared = 0
        if args.clear_marks:
            for entry in [e for e in store.entries() if e.bring_to_session]:
                store.mark(entry.id, False)
                cleared += 1
    if target is not None:
        say_error(_("Saved {target}. This file is not protected by the workbook: keep it somewhere "
                    "safe and delete it when you no longer need it.").format(target=target))
    if args.clear_marks:
        say_error(ngettext("Took the 'bring to session' mark off {cleared} "
                           "entry.", "Took the 'bring to session' mark off {cleared} entries.", cleared).format(
            cleared=cleared))
    return EXIT_OK
