"""Provides ``export``: a report, a pocket card, a spreadsheet or a full backup, written to a
file (never over the workbook or into its backups folder) or to standard output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.cli.common import EXIT_OK, SET_ASIDE_NOTE, db_path, open_workbook, say_error
from workbook.common.errors import WorkbookError
from workbook.common.i18n import _, language, ngettext

if TYPE_CHECKING:
    from workbook.export.options import Options
    from workbook.services.workbook import Workbook

PROGRESS_FROM = 300  # entries: below this an export is quicker than reading a message about it


def _options(args: argparse.Namespace, book: Workbook, include: tuple[str, ...]) -> Options:
    """--from/--to when given, else --period: since the last report (the default for a
    report), 7 or 30 days, or all (the default for a backup and the card)."""
    from workbook.services.sharing import DATES, EVERYTHING, SINCE_LAST, period_options
    from workbook.services.when import day_said

    today = book.today()

    if args.private and args.format == "fhir":
        raise ValueError(_("--private does not go with a FHIR file: private entries never go to a clinic's record."))
    private = args.private or args.format == "json"
    if (args.start or args.end) and args.period is not None:
        raise ValueError(_("Choose the days with --period or with --from and --to, not both."))
    if args.start or args.end:
        return period_options(
            book,
            DATES,
            include,
            include_private=private,
            start=day_said(args.start, "--from", language(), today) if args.start else None,
            end=day_said(args.end, "--to", language(), today) if args.end else None,
        )
    period = args.period or (EVERYTHING if args.format in ("json", "card") else SINCE_LAST)
    return period_options(book, SINCE_LAST if period == "since-last" else period, include, include_private=private)


def export_command(args: argparse.Namespace) -> int:
    from workbook.export.formats import csv_worksheet, suffix_of
    from workbook.export.options import check_options
    from workbook.services import sharing

    database = db_path(args)
    if args.output != "-":
        from workbook.export.writer import check_destination

        check_destination(Path(args.output), database, force=args.force, suffix=suffix_of(args.format))
    with open_workbook(args) as book:
        exercises = book.exercises
        try:
            # Each worksheet once, however often it is named.
            include = (
                tuple(dict.fromkeys(i.strip() for i in args.include.split(",") if i.strip()))
                if args.include
                else tuple(exercises)
            )
            if args.include is not None and not include:
                raise ValueError(
                    _(
                        "--include names no worksheet: give their ids separated by commas "
                        "('workbook exercises list' shows them)."
                    )
                )
            options = _options(args, book, include)
            check_options(options, exercises)
            if args.format == "csv":
                csv_worksheet(options, exercises)
        except ValueError as exc:
            raise WorkbookError(_("{exc} Nothing was written.").format(exc=exc)) from None
        if args.protect and not sharing.can_protect(args.format):
            raise WorkbookError(_("Only a PDF can be protected with a passphrase. Nothing was written."))
        if args.output != "-":
            try:
                sharing.check_ending(args.format, Path(args.output))
            except WorkbookError as exc:
                raise WorkbookError(_("{exc} Nothing was written.").format(exc=exc)) from None
        protect = None
        if args.protect:
            from workbook.cli.common import Passphrases

            protect = Passphrases(args).for_file()
        # Kept only once everything asked of this export has been checked.
        if args.identifier is not None:
            sharing.save_identifier(book, args.identifier)
        if args.review_line is not None:
            sharing.save_review_line(book, args.review_line == "on")
        chosen = sharing.chosen_count(book, options)
        if chosen >= PROGRESS_FROM and sys.stderr.isatty() and args.output != "-":
            say_error(_("Preparing {chosen} entries…").format(chosen=chosen))
        done = sharing.export(
            book,
            args.format,
            options,
            args.output,
            force=args.force,
            paper=args.paper,
            lang=getattr(args, "report_lang", None),
            protect=protect,
        )
        if done.mark_due and not done.mark_moved:
            say_error(
                _(
                    "Note: the moment of this report could not be kept (the disk may be full), "
                    "so the next report 'since my last report' still starts from the one "
                    "before."
                )
            )
        cleared = book.clear_marks() if args.clear_marks else 0
        newly_aside = book.newly_set_aside()  # a year long past found damaged as the report read it
        reading_problem = book.reading_problem()
    if newly_aside:
        say_error(_(SET_ASIDE_NOTE).format(count=newly_aside))
    if reading_problem:
        say_error(_("Note: ") + reading_problem)
    if done.path is not None and protect is not None:
        say_error(
            _(
                "Saved {target}. It opens only with the passphrase you chose: tell it to your "
                "counselor another way (aloud or by phone), never in the same email as the file."
            ).format(target=done.path)
        )
    elif done.path is not None:
        say_error(
            _(
                "Saved {target}. This file is not protected by the workbook: keep it somewhere "
                "safe and delete it when you no longer need it."
            ).format(target=done.path)
        )
    if args.clear_marks:
        say_error(
            ngettext(
                "Took the 'bring to session' mark off {cleared} entry.",
                "Took the 'bring to session' mark off {cleared} entries.",
                cleared,
            ).format(cleared=cleared)
        )
    return EXIT_OK
