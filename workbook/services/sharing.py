"""Provides sharing with a counselor, the same from the export screen and the shell: the
period a report covers ("since my last report", 7 or 30 days, everything), the preview, the
file written (never over the workbook or into its backups), the "last report" mark, and the
marks taken away after sharing.

The mark is a moment, not a day: "since my last report" holds every entry about a day after
it and every entry written or changed after it, so an entry typed late, whatever its date,
is always in the next report and nothing is counted twice. Only a report that holds
everything since the mark (that one, or everything) moves it; a report of the last 7 days
or of an old month leaves it alone. With no mark yet, the default is the last 30 days.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from workbook.common.errors import WorkbookError
from workbook.common.i18n import _
from workbook.export.brief import IDENTIFIER as IDENTIFIER
from workbook.export.brief import REVIEW_LINE as REVIEW_LINE
from workbook.export.formats import REGISTRY, SUFFIXES, Format, is_report, suffix_of
from workbook.export.options import Chosen, Options
from workbook.export.service import preview_export, render_export
from workbook.services import report_mark
from workbook.services.workbook import Workbook
from workbook.worksheets.crisis import crisis_list

T = TypeVar("T")

LAST_EXPORT = report_mark.LAST_EXPORT  # the moment of the last report, for "since my last report"
NAME = "name"  # the name or initials the person chose to put on their reports
FIRST_DAYS = 30  # the first default report, with no last report yet: these many days
IDENTIFIER_LONGEST = 60

# The named periods, on the export screen and after ``workbook export --period``.
SINCE_LAST, WEEK, MONTH, EVERYTHING, DATES = (
    Chosen.SINCE_LAST.value,
    Chosen.WEEK.value,
    Chosen.MONTH.value,
    Chosen.EVERYTHING.value,
    Chosen.DATES.value,
)


def last_export(book: Workbook) -> datetime | None:
    """The moment of the last report, if there was one (see ``report_mark.last_export``)."""
    return report_mark.last_export(book)


def period_options(
    book: Workbook,
    choice: str,
    include: tuple[str, ...],
    *,
    include_private: bool = False,
    start: date | None = None,
    end: date | None = None,
) -> Options:
    """What a named period (or typed dates, for ``DATES``) chooses: since the last report
    (the last 30 days when there was none), the last 7 or 30 days including today, or
    everything."""
    today = book.today()
    late: frozenset[str] = frozenset()
    if choice == SINCE_LAST:
        last = last_export(book)
        if last is None:
            start, end, since, chosen = today - timedelta(days=FIRST_DAYS - 1), today, None, Chosen.FIRST
        else:
            start, end, since, chosen = None, today, last, Chosen.SINCE_LAST
            late = report_mark.late_ids(book)
    elif choice in (WEEK, MONTH):
        start, end, since, chosen = today - timedelta(days=int(choice) - 1), today, None, Chosen(choice)
    elif choice == EVERYTHING:
        start, end, since, chosen = None, None, None, Chosen.EVERYTHING
    else:
        since, chosen = None, Chosen.DATES
        if start is not None and end is None and start > today:  # the end is today: say so, never move it
            raise ValueError(_("The start date has not come yet: choose a day up to today, or give an end date too."))
    return Options(
        start=start,
        end=end,
        include=include,
        include_private=include_private,
        since=since,
        chosen=chosen,
        late=late,
    )


def chosen_count(book: Workbook, options: Options) -> int:
    """How many entries ``options`` choose."""
    return sum(1 for e in book.entries() if options.selects(e, book.exercises.get(e.exercise)))


def _made(book: Workbook, make: Callable[..., T], fmt: str, options: Options, paper: str | None, lang: str | None) -> T:
    """``make`` (the file's renderer or its preview) given this workbook's entries, worksheets,
    settings, crisis list and clock."""
    settings = book.settings()
    return make(
        fmt,
        book.entries(),
        book.exercises,
        options,
        settings,
        crisis_list(settings),
        paper=paper,
        lang=lang,
        now=book.now(),
    )


def preview(book: Workbook, fmt: str, options: Options, *, paper: str | None = None, lang: str | None = None) -> str:
    """What the file will hold, as Markdown, made by the code that makes the file (safe to
    call from a worker thread: it changes nothing)."""
    return _made(book, preview_export, fmt, options, paper, lang)


def render(book: Workbook, fmt: str, options: Options, *, paper: str | None = None, lang: str | None = None) -> bytes:
    """The file's bytes (``WorkbookError`` saying what to choose when the choices do not fit)."""
    try:
        return _made(book, render_export, fmt, options, paper, lang)
    except ValueError as exc:
        raise WorkbookError(_("{exc} Nothing was written.").format(exc=exc)) from None


def check_ending(fmt: str, target: Path) -> None:
    """A name that ends as another format's files do (a PDF called "report.md") opens in the
    wrong program, or not at all, on the counselor's computer: ``WorkbookError`` saying what to
    change. A name with no ending of ours is the person's own choice and is kept."""
    # Dots and spaces at a name's end are dropped by some systems ("x.md." is "x.md" there),
    # and a name that is only an ending (".md") ends in it too.
    name = target.name.rstrip(" .").lower()
    ending = Path(name).suffix or (name if name.startswith(".") and name.count(".") == 1 else "")
    wanted = suffix_of(fmt)
    if ending in SUFFIXES and ending != wanted:
        raise WorkbookError(
            _(
                "The file's name ends in {ending}, but the format “{label}” writes {wanted} files. "
                "Change the ending, or choose the format that goes with it."
            ).format(ending=ending, label=_(REGISTRY[Format(fmt)].label), wanted=wanted)
        )


def check_destination(book: Workbook, target: Path, *, force: bool, fmt: str = "pdf") -> Path:
    """``target`` made absolute, once it is a place an export of ``fmt`` may go
    (``WorkbookError`` otherwise)."""
    from workbook.export.writer import check_destination as check

    return check(target, book.path, force=force, suffix=suffix_of(fmt))


@dataclass(frozen=True)
class Exported:
    """A written export: where (``None`` for standard output) and whether the "last export"
    mark moved (a report only, and only when the disk took it)."""

    path: Path | None
    mark_moved: bool
    report: bool
    mark_due: bool = False  # the file held everything since the last report: the mark should have moved


def can_protect(fmt: str) -> bool:
    """Whether ``fmt`` is a PDF, which can be made to open only with a passphrase."""
    return fmt in ("pdf", "card")


MAX_FILE_PASSPHRASE = 127  # bytes: the most a PDF's passphrase can hold (PDF 2.0, revision 6)


def file_passphrase(passphrase: str, again: str | None = None) -> str:
    """``passphrase`` as the PDF will hold it (the form every PDF reader types it in: Unicode
    NFKC), once it is long enough, short enough, without control characters, and the same as
    ``again`` when it was typed twice (``WorkbookError`` saying which otherwise)."""
    import unicodedata

    from workbook.common.printable import has_controls
    from workbook.export.protect import MIN_LENGTH

    if again is not None and again != passphrase:
        raise WorkbookError(_("The two passphrases for the file were different."))
    normal = unicodedata.normalize("NFKC", passphrase)
    if len(normal) < MIN_LENGTH:
        raise WorkbookError(
            _("Choose a passphrase of at least {count} characters for the file.").format(count=MIN_LENGTH)
        )
    if has_controls(normal) or "\x00" in normal:
        raise WorkbookError(_("A passphrase for the file cannot hold control characters."))
    try:
        size = len(normal.encode("utf-8"))
    except UnicodeEncodeError:  # bytes from standard input that are not text
        raise WorkbookError(_("That passphrase could not be read as text (is the terminal set to UTF-8?).")) from None
    if size > MAX_FILE_PASSPHRASE:
        raise WorkbookError(
            _(
                "That passphrase is longer than a PDF can hold ({count} bytes: about 40 to 120 "
                "characters, fewer in some scripts). Choose a shorter one."
            ).format(count=MAX_FILE_PASSPHRASE)
        )
    return normal


def check_file_passphrase(passphrase: str, again: str | None = None) -> None:
    """``WorkbookError`` saying why ``passphrase`` cannot protect a file (see ``file_passphrase``)."""
    file_passphrase(passphrase, again)


def write(
    book: Workbook,
    fmt: str,
    options: Options,
    target: str | Path,
    *,
    force: bool = False,
    paper: str | None = None,
    lang: str | None = None,
    protect: str | None = None,
) -> Path | None:
    """Write ``fmt`` to ``target`` ("-" for standard output), changing nothing in the workbook
    (safe from a worker thread); where it went (``None`` for standard output). ``protect``
    is a passphrase the PDF will open only with."""
    from workbook.export.writer import write_output

    data = render(book, fmt, options, paper=paper, lang=lang)
    if protect is not None:
        if not can_protect(fmt):
            raise WorkbookError(_("Only a PDF can be protected with a passphrase. Nothing was written."))
        from workbook.export.protect import protect_pdf

        data = protect_pdf(data, file_passphrase(protect))
    return write_output(target, data, book.path, force=force)


def holds_everything_since(book: Workbook, fmt: str, options: Options, path: Path | None) -> bool:
    """Whether a written file is a report that holds everything since the last one: a report
    format, of the period since the last report (or everything), of every worksheet, written
    to a file (a look at standard output is not a report given to anyone)."""
    return (
        is_report(fmt)
        and fmt != "csv"
        and options.chosen.moves_mark
        and path is not None
        and set(options.include) >= set(book.exercises)
    )


def written(book: Workbook, fmt: str, path: Path | None, options: Options, made: datetime | None = None) -> Exported:
    """After a file is written: a report that holds everything since the last one moves the
    "last report" mark to the moment it was made (``made``, else now); when that mark cannot
    be kept (a full disk), the file is still there and ``mark_moved`` says so."""
    moved = False
    due = holds_everything_since(book, fmt, options, path)
    if due:
        try:
            shown = report_mark.late_ids(book) if options.chosen is Chosen.EVERYTHING else options.late
            report_mark.move(book, made or book.now(), shown)
            moved = True
        except WorkbookError:
            pass  # the export is written; only "since my last export" is not moved on
    return Exported(path, moved, is_report(fmt), due)


def export(
    book: Workbook,
    fmt: str,
    options: Options,
    target: str | Path,
    *,
    force: bool = False,
    paper: str | None = None,
    lang: str | None = None,
    protect: str | None = None,
) -> Exported:
    """``write``, then ``written``: the whole export, as the shell makes it."""
    made = book.now()  # the mark is the moment the report was made: what is written after is in the next
    path = write(book, fmt, options, target, force=force, paper=paper, lang=lang, protect=protect)
    return written(book, fmt, path, options, made)


def save_name(book: Workbook, name: str) -> bool:
    """Keep the name or initials for reports (spaces tidied); True when it changed."""
    tidy = " ".join(name.split())
    if tidy == (book.setting(NAME) or ""):
        return False
    book.save_setting(NAME, tidy)
    return True


def save_identifier(book: Workbook, text: str) -> bool:
    """Keep the identifier for page one (a chart number, initials; "" for none); True when it changed."""
    tidy = " ".join(text.split())
    if len(tidy) > IDENTIFIER_LONGEST:
        raise WorkbookError(
            _("An identifier has at most {count} characters (a chart number, initials).").format(
                count=IDENTIFIER_LONGEST
            )
        )
    if tidy == (book.setting(IDENTIFIER) or ""):
        return False
    book.save_setting(IDENTIFIER, tidy)
    return True


def save_review_line(book: Workbook, on: bool) -> bool:
    """Turn the "Reviewed with my counselor on ____" line of page one on or off; True when it changed."""
    if on == (book.setting(REVIEW_LINE) is True):
        return False
    book.save_setting(REVIEW_LINE, on)
    return True
