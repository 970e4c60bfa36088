"""Provides ``export``: a report, a pocket card, a spreadsheet or a full backup, written to a
file (never over the workbook or into its backups folder) or to standard output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbook.cli.common import EXIT_OK, db_path, load_worksheets, open_store, say_error
from workbook.store.errors import WorkbookError

PROGRESS_FROM = 300  # entries: below this an export is quicker than reading a message about it


def export_command(args: argparse.Namespace) -> int:
    from workbook.export.options import Options, check_options, parse_day
    from workbook.export.service import render_export
    from workbook.export.writer import check_destination, write_output
    from workbook.worksheets.crisis import crisis_list
    exercises, _problems = load_worksheets()
    try:
        include = tuple(i.strip() for i in args.include.split(",") if i.strip()) if args.include else tuple(exercises)
        options = Options(start=parse_day(args.start, "--from") if args.start else None,
                          end=parse_day(args.end, "--to") if args.end else None,
                          include=include, include_private=args.private or args.format == "json")
        check_options(options, exercises)
    except ValueError as exc:
        raise WorkbookError(f"{exc} Nothing was written.") from None
    database = db_path(args)
    if args.output != "-":
        check_destination(Path(args.output), database, force=args.force)
    with open_store(args) as store:
        entries = store.entries()
        chosen = sum(1 for e in entries if options.selects(e, exercises.get(e.exercise)))
        if chosen >= PROGRESS_FROM and sys.stderr.isatty() and args.output != "-":
            say_error(f"Preparing {chosen} entries…")
        payload = render_export(args.format, entries, exercises, options, store.settings(),
                                crisis_list(store.settings()))
    target = write_output(args.output, payload, database, force=args.force)
    if target is not None:
        say_error(f"Saved {target}. This file is not protected by the workbook: keep it somewhere safe "
                  "and delete it when you no longer need it.")
    return EXIT_OK
