"""Provides ``ExportScreen``: choose what to share, see a live preview, write the file.

The preview is made by ``preview_export``, the same code that makes the file (the report's
Markdown for PDF, HTML and Markdown; the fitted card; the spreadsheet's rows). Choices are
read on the screen, then the rendering runs in a worker thread that never touches a
widget, so a large workbook never freezes the screen. The period defaults to "since my
last export" (remembered in the workbook); an existing file is only replaced after asking.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.timer import Timer
from textual.widgets import Button, Header, Input, Label, LoadingIndicator, Markdown, Select

from workbook.common.errors import WorkbookError
from workbook.common.i18n import LANGUAGES, N_, _, language, ngettext, pseudo
from workbook.common.language import format_stamp, paper_for
from workbook.export.formats import REGISTRY, SUFFIXES, Choice, Format, csv_worksheet, is_report, suffix_of
from workbook.export.options import Options, check_options
from workbook.services import sharing
from workbook.services.when import day_said
from workbook.ui.base import WorkbookScreen, after_typed_keys
from workbook.ui.entry_actions import set_aside_news
from workbook.ui.screens.confirm import ConfirmScreen
from workbook.ui.widgets.footer import WorkbookFooter
from workbook.ui.widgets.ticks import TickBox

if TYPE_CHECKING:
    from workbook.ui.app import WorkbookApp

PAPER_CHOICES = [(N_("US Letter"), "us-letter"), ("A4", "a4")]
NARROW = 72  # columns below which the preview goes under the choices
PREVIEW_SETTLE = 0.15  # seconds without a change of choice before the preview is made
# Lines of the file the preview shows: each Markdown block is a widget built on the interface's
# thread, and 400 lines of a long history held crisis help (F1) up for about a second.
PREVIEW_LINES = 120


def period_choices(last_export: datetime | None) -> list[tuple[str, str]]:
    since = (
        _("Since my last report ({format_stamp})").format(format_stamp=format_stamp(last_export))
        if last_export
        else _("Since my last report (none yet: 30 days)")
    )
    return [
        (since, "since"),
        (_("The last 7 days"), "7"),
        (_("The last 30 days"), "30"),
        (_("All entries"), "all"),
        (_("Choose the dates"), "dates"),
    ]


def default_path(fmt: str, today: date) -> str:
    # A file name in the person's language: "workbook-2026-12-01-card.pdf", "cuaderno-2026-12-01-tarjeta.pdf".
    name = _("workbook-{day}").format(day=today.isoformat()) + {"card": _("-card"), "fhir": "-fhir"}.get(fmt, "")
    return str(Path.home() / f"{name}{suffix_of(fmt)}")


def with_suffix_of(path_text: str, fmt: str) -> str:
    """``path_text`` with the ending of ``fmt`` (its own ending replaced when it is one of ours)."""
    path = Path(path_text.strip())
    if not path.name:
        return path_text
    base = path.with_suffix("") if path.suffix.lower() in SUFFIXES else path
    endings = [(ending, "card") for ending in {"-card", _("-card")}] + [("-fhir", "fhir")]
    for ending, own in endings:
        if fmt != own and base.name.endswith(ending):
            base = base.with_name(base.name[: -len(ending)])
    return str(base.with_name(base.name + suffix_of(fmt)))


class ExportScreen(WorkbookScreen[None]):
    # Focused from the start (Textual's default focuses the first widget that takes it, and
    # moving the focus on restyles both): the format.
    AUTO_FOCUS = "#format"
    BINDINGS = [
        Binding("ctrl+s", "write", N_("Write the file"), priority=True),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]

    def __init__(self, fmt: str = "pdf") -> None:
        super().__init__()
        self.initial_format = fmt
        self._path_edited = False
        self._preview_timer: Timer | None = None

    def _last_export(self) -> datetime | None:
        return sharing.last_export(self.book)

    def compose(self) -> ComposeResult:
        today = self.workbook.today()
        yield Header()
        with Horizontal(id="export"):
            with VerticalScroll(id="export-options"):
                yield Label(_("Format"), classes="field-label")
                yield Select(
                    [(_(f.label), f.format.value) for f in REGISTRY.values()],
                    value=self.initial_format,
                    allow_blank=False,
                    id="format",
                    compact=True,
                )
                # Where the file goes is in sight from the start, not below the worksheet list.
                yield Label(_("Save as"), classes="field-label")
                yield Input(default_path(self.initial_format, today), id="path", compact=True)
                yield Label(_("Period"), classes="field-label for-period")
                yield Select(
                    period_choices(self._last_export()),
                    value="since",
                    allow_blank=False,
                    id="period",
                    compact=True,
                    classes="for-period",
                )
                with Horizontal(id="export-dates"):
                    yield Input(id="start", placeholder=_("from (a day)"), compact=True)
                    yield Input(id="end", placeholder=_("to (a day)"), compact=True)
                logs = [(Content(e.title), e.id) for e in self.book.ordered_exercises() if not e.single]
                try:  # the craving log first, as from the command line
                    first: str | None = csv_worksheet(
                        Options(include=tuple(self.workbook.exercises)), self.workbook.exercises
                    ).id
                except ValueError:
                    first = logs[0][1] if logs else None
                yield Label(_("Which log (a spreadsheet holds one)"), classes="field-label for-log")
                yield Select(
                    logs,
                    value=first if first is not None else Select.NULL,
                    allow_blank=first is None,
                    id="log",
                    compact=True,
                    classes="for-log",
                )
                yield Label(_("Worksheets"), classes="field-label for-worksheets")
                for exercise in self.book.ordered_exercises():
                    # Content, not str: a worksheet's title is shown as written, never read as markup.
                    yield TickBox(
                        Content(exercise.title), True, name=exercise.id, classes="include for-worksheets", compact=True
                    )
                yield TickBox(
                    _("Include entries marked private"), False, id="private", compact=True, classes="for-private"
                )
                # A Spanish speaker's entries can go to an English-speaking counselor, and the
                # other way round: answers are kept by id, so the words follow this choice.
                yield Label(_("Language of the file"), classes="field-label for-language")
                spoken = {
                    **LANGUAGES,
                    language(): LANGUAGES.get(language(), pseudo(language())),
                }  # the test language too
                yield Select(
                    [(words, code) for code, words in spoken.items()],
                    value=language(),
                    allow_blank=False,
                    id="language",
                    compact=True,
                    classes="for-language",
                )
                yield Label(_("Paper"), classes="field-label for-paper")
                yield Select(
                    [(_(label), value) for label, value in PAPER_CHOICES],
                    value=paper_for(),
                    allow_blank=False,
                    id="paper",
                    compact=True,
                    classes="for-paper",
                )
                yield Label(_("My name or initials on the report (optional)"), classes="field-label for-name")
                yield Input(str(self.book.setting(sharing.NAME) or ""), id="name", compact=True, classes="for-name")
                yield Label(
                    _("An identifier for my counselor (optional: a chart number)"), classes="field-label for-name"
                )
                yield Input(
                    str(self.book.setting(sharing.IDENTIFIER) or ""), id="identifier", compact=True, classes="for-name"
                )
                yield TickBox(
                    _("Line: reviewed with my counselor"),
                    self.book.setting(sharing.REVIEW_LINE) is True,
                    id="review-line",
                    classes="for-name",
                    compact=True,
                )
                yield TickBox(
                    _("Protect the PDF with a passphrase"), False, id="protect", classes="for-protect", compact=True
                )
                with Vertical(id="protect-words", classes="for-protect"):
                    yield Input(
                        id="protect-1", password=True, placeholder=_("Passphrase (8 characters or more)"), compact=True
                    )
                    yield Input(id="protect-2", password=True, placeholder=_("Type it again"), compact=True)
                    yield Label(
                        _(
                            "Tell it to your counselor another way: aloud or by phone, never in the "
                            "same email as the file."
                        ),
                        classes="field-help",
                    )
                yield Label("", id="export-problem", classes="field-error-visible", markup=False)
                yield Button(_("Write the file (Ctrl+S)"), id="write", variant="primary")
            with VerticalScroll(id="export-preview-box"):
                yield Label(_("Preview: what the file will hold"), classes="field-label")
                yield LoadingIndicator(id="export-busy")
                yield Markdown(id="export-preview")
        yield WorkbookFooter()

    def on_mount(self) -> None:
        self.title = _("Share with my counselor")
        self.query_one("#export-dates").display = False
        self.query_one("#protect-words").display = False
        self._show_what_applies()
        # Also here: Textual applies AUTO_FOCUS only while the terminal has the focus.
        self.query_one("#format", Select).focus()
        self.refresh_preview()

    def _applies(self) -> frozenset[Choice]:
        """The choices the chosen format takes (from the format registry)."""
        return REGISTRY[Format(self._format())].choices

    def _show_what_applies(self) -> None:
        applies = self._applies()
        for part in Choice:
            for widget in self.query(f".for-{part}"):
                widget.display = part in applies
        if Choice.PERIOD not in applies:
            self.query_one("#export-dates").display = False
        protecting = Choice.PROTECT in applies and self.query_one("#protect", TickBox).value
        self.query_one("#protect-words").display = protecting

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")

    # -- choices ---------------------------------------------------------------------------

    def _format(self) -> str:
        return str(self.query_one("#format", Select).value)

    def _paper(self) -> str:
        return str(self.query_one("#paper", Select).value)

    def _language(self) -> str:
        return str(self.query_one("#language", Select).value)

    def _options(self) -> Options:
        choice = str(self.query_one("#period", Select).value)
        start = end = None
        if choice == sharing.DATES:
            start_text = self.query_one("#start", Input).value.strip()
            end_text = self.query_one("#end", Input).value.strip()
            start = day_said(start_text, _("The start date"), language(), self.workbook.today()) if start_text else None
            end = day_said(end_text, _("The end date"), language(), self.workbook.today()) if end_text else None
        fmt = self._format()
        if fmt == "csv":
            chosen = self.query_one("#log", Select).value
            include: tuple[str, ...] = (str(chosen),) if isinstance(chosen, str) else ()
        elif fmt in ("json", "card"):
            include = tuple(self.workbook.exercises)
            choice = sharing.EVERYTHING  # a backup holds everything, the card is the plan: no period
        elif Choice.WORKSHEETS not in self._applies():
            include = tuple(self.workbook.exercises)  # ticks the format does not show never count
        else:
            include = tuple(box.name or "" for box in self.query(".include").results(TickBox) if box.value)
        options = sharing.period_options(
            self.book,
            choice,
            include,
            # A tick the format does not show never counts (a FHIR file never holds private entries).
            include_private=(Choice.PRIVATE in self._applies() and self.query_one("#private", TickBox).value)
            or fmt == "json",
            start=start,
            end=end,
        )
        check_options(options, self.workbook.exercises)
        if not include:
            raise ValueError(_("Choose at least one worksheet."))
        if fmt == "csv":
            csv_worksheet(options, self.workbook.exercises)
        return options

    @on(Select.Changed, "#format")
    def _format_changed(self) -> None:
        box = self.query_one("#path", Input)
        if not self._path_edited:
            box.value = default_path(self._format(), self.workbook.today())
        else:
            # The person's own name and folder stay; the ending follows the format, so a
            # spreadsheet is never written over the card.pdf chosen a moment ago.
            box.value = with_suffix_of(box.value, self._format())
        self._show_what_applies()
        self.refresh_preview()

    @on(Select.Changed, "#period")
    def _period_changed(self) -> None:
        self.query_one("#export-dates").display = (
            str(self.query_one("#period", Select).value) == "dates" and Choice.PERIOD in self._applies()
        )
        self.refresh_preview()

    @on(Input.Changed, "#path")
    def _path_changed(self, event: Input.Changed) -> None:
        self._path_edited = event.value != default_path(self._format(), self.workbook.today())

    @on(TickBox.Changed, "#protect")
    def _protect_changed(self) -> None:
        self._show_what_applies()

    def _protect(self) -> str | None:
        """The passphrase the PDF will open only with (``WorkbookError`` when the two differ)."""
        if Choice.PROTECT not in self._applies() or not self.query_one("#protect", TickBox).value:
            return None
        first = self.query_one("#protect-1", Input).value
        sharing.check_file_passphrase(first, self.query_one("#protect-2", Input).value)
        return first

    @on(Input.Changed, "#start, #end")
    @on(TickBox.Changed)
    @on(Select.Changed, "#paper")
    @on(Select.Changed, "#log")
    @on(Select.Changed, "#language")
    def _choice_changed(self) -> None:
        self.refresh_preview()

    @on(Input.Submitted, "#name")
    @on(Input.Blurred, "#name")
    @on(Input.Submitted, "#identifier")
    @on(Input.Blurred, "#identifier")
    @on(TickBox.Changed, "#review-line")
    def _name_changed(self) -> None:
        try:
            changed = sharing.save_name(self.book, self.query_one("#name", Input).value)
            changed |= sharing.save_identifier(self.book, self.query_one("#identifier", Input).value)
            changed |= sharing.save_review_line(self.book, self.query_one("#review-line", TickBox).value)
        except WorkbookError as exc:
            self._problem(str(exc))
            return
        if changed:
            self.refresh_preview()

    def _problem(self, message: str) -> None:
        label = self.query_one("#export-problem", Label)
        label.update(message)
        if message:  # below the fold at 80x24: brought into sight, every line, once laid out
            self.call_after_refresh(label.scroll_visible)

    # -- preview ---------------------------------------------------------------------------

    def refresh_preview(self) -> None:
        """Check the choices at once; make the preview again once they settle. Opening the
        screen (or a burst of changes) asks several times at once, and a worker thread cannot be
        stopped once it has begun, so each would build the whole report beside the others and
        crisis help would wait for them."""
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None
        try:
            self._options()
        except ValueError as exc:
            self._problem(str(exc))
            return
        self._problem("")
        self.query_one("#export-busy").display = True
        self._preview_timer = self.set_timer(PREVIEW_SETTLE, self._start_preview)

    def _start_preview(self) -> None:
        self._preview_timer = None
        try:
            options = self._options()
        except ValueError as exc:
            self._problem(str(exc))
            return
        self._build_preview(self.workbook, options, self._format(), self._paper(), self._language())

    # The workers are handed the app on the interface's thread: a screen the person has left
    # no longer finds it (Textual looks through the screen's parents), and the work goes on.
    @work(thread=True, exclusive=True, group="preview", description="preview the export")
    def _build_preview(self, app: WorkbookApp, options: Options, fmt: str, paper: str, lang: str) -> None:
        try:
            text = sharing.preview(app.open_book, fmt, options, paper=paper, lang=lang)
        except (WorkbookError, ValueError) as exc:
            app.call_from_thread(self._failed, str(exc))
            return
        lines = text.splitlines()
        if len(lines) > PREVIEW_LINES:
            text = "\n".join(lines[:PREVIEW_LINES]) + _("\n\n*… and {value} more lines in the file.*").format(
                value=len(lines) - PREVIEW_LINES
            )
        app.call_from_thread(self._show_preview, text)

    def _still_shown(self) -> bool:
        """Whether the screen is still open with its widgets: a worker's answer can come after
        the person left it (the screen leaves the stack at once, its widgets a moment later),
        or as the app closes (when the widgets go before the screen does)."""
        parts = ("#export-busy", "#export-preview", "#export-problem")
        return self in self.app.screen_stack and all(self.query(part) for part in parts)

    def _show_preview(self, text: str) -> None:
        if not self._still_shown():  # the person left before the preview was ready
            return
        self.query_one("#export-busy").display = False
        self.query_one("#export-preview", Markdown).update(text)
        set_aside_news(self.workbook)  # the preview reads every year: one may have been damaged

    # -- writing ---------------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "write":
            event.stop()
            self.action_export()

    def action_write(self) -> None:
        after_typed_keys(self.app, self.action_export, self)  # the name typed just before Ctrl+S counts

    def action_export(self) -> None:
        self._name_changed()
        try:
            options = self._options()
            protect = self._protect()
        except (ValueError, WorkbookError) as exc:
            self._problem(str(exc))
            return
        raw_path = self.query_one("#path", Input).value.strip()
        if not raw_path:
            self._problem(_("Give the file a name."))
            return
        try:
            target = sharing.check_destination(self.book, Path(raw_path), force=True, fmt=self._format())
            sharing.check_ending(self._format(), target)
        except WorkbookError as exc:
            self._problem(str(exc))
            return
        fmt, paper = self._format(), self._paper()
        if target.exists():

            def decided(choice: str | None) -> None:
                if choice == "replace":
                    self._write(options, fmt, paper, target, True, protect)

            self.app.push_screen(
                ConfirmScreen(
                    _("{target} already exists. Replace it?").format(target=target),
                    [("replace", _("Replace it"), "error"), ("keep", _("Keep it"), "primary")],
                    cancel_id="keep",
                ),
                decided,
            )
            return
        self._write(options, fmt, paper, target, False, protect)

    def _write(
        self, options: Options, fmt: str, paper: str, target: Path, force: bool, protect: str | None = None
    ) -> None:
        self._problem("")
        self.query_one("#export-busy").display = True
        chosen = sharing.chosen_count(self.book, options)
        what = ngettext("{chosen} entry", "{chosen} entries", chosen).format(chosen=chosen)
        if fmt == "csv":
            what += _(" of {title}").format(title=self.workbook.exercises[options.include[0]].title)
        self.notify(_("Preparing the file ({what})…").format(what=what), timeout=4)
        self._render_and_write(
            self.workbook, options, fmt, paper, self._language(), target, force, self.book.now(), protect
        )

    @work(thread=True, exclusive=True, group="write", description="write the export")
    def _render_and_write(
        self,
        app: WorkbookApp,
        options: Options,
        fmt: str,
        paper: str,
        lang: str,
        target: Path,
        force: bool,
        made: datetime,
        protect: str | None,
    ) -> None:
        try:
            written = sharing.write(
                app.open_book, fmt, options, target, force=force, paper=paper, lang=lang, protect=protect
            )
        except (WorkbookError, ValueError) as exc:
            app.call_from_thread(self._failed, str(exc))
            return
        app.call_from_thread(self._written, written, fmt, options, made, protect is not None)

    def _failed(self, message: str) -> None:
        if not self._still_shown():  # the person left while the file was being made: said as a notice
            self.notify(message, severity="error", timeout=12, markup=False)
            return
        self._problem(message)
        self.query_one("#export-busy").display = False

    def _written(self, path: Path | None, fmt: str, options: Options, made: datetime, protected: bool) -> None:
        # The person may have left the screen while the file was made: it is theirs all the
        # same, so it counts as shared and the notice (and the marks' question) still comes.
        if self._still_shown():
            self.query_one("#export-busy").display = False
        sharing.written(self.book, fmt, path, options, made)
        saved = (
            _(
                "Saved to {path}. It opens only with the passphrase you chose: tell it to your "
                "counselor another way, never in the same email as the file."
            )
            if protected
            else _(
                "Saved to {path}. This file is not protected by the workbook: keep it "
                "somewhere safe and delete it when you no longer need it."
            )
        ).format(path=path)
        marked = self.book.marked_count()
        if not (is_report(fmt) and marked):
            self.notify(saved, title=_("Export saved"), timeout=12, markup=False)
            return

        def decided(choice: str | None) -> None:
            if choice == "clear":
                cleared = self.book.clear_marks()
                self.notify(
                    ngettext("Took away {cleared} mark.", "Took away {cleared} marks.", cleared).format(cleared=cleared)
                )

        # Said inside the question, never in a toast over its buttons.
        question = ngettext(
            "{marked} entry was marked to bring to this session. Take the marks away now?",
            "{marked} entries were marked to bring to this session. Take the marks away now?",
            marked,
        ).format(marked=marked)
        self.app.push_screen(
            ConfirmScreen(
                f"{saved}\n\n{question}",
                [("clear", _("Take them away"), "error"), ("keep", _("Keep them"), "primary")],
                cancel_id="keep",
            ),
            decided,
        )
