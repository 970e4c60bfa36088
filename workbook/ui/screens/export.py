"""Provides ``ExportScreen``: choose what to share, see a live preview, write the file.

The preview is the same report model the file is made from, shown as
Markdown. Rendering runs in a worker thread, so a large workbook never freezes
the screen; an existing file is only replaced after asking.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, LoadingIndicator, Markdown, Select

from workbook.export.options import Options, check_options, parse_day
from workbook.export.report import build_card, build_report
from workbook.export.service import SUFFIX, render_export
from workbook.store.errors import WorkbookError
from workbook.ui.base import WorkbookScreen
from workbook.ui.screens.confirm import ConfirmScreen
from workbook.worksheets import crisis
from workbook.worksheets.builtin import Plan

FORMAT_CHOICES = [("PDF (to print or send)", "pdf"), ("Web page (HTML)", "html"), ("Markdown (notes)", "md"),
                  ("Pocket card (PDF)", "card"), ("Everything, for backup (JSON)", "json")]
PREVIEW_LINES = 150


def default_path(fmt: str, today: date) -> str:
    return str(Path.home() / f"workbook-{today.isoformat()}{'-card' if fmt == 'card' else ''}{SUFFIX[fmt]}")


class ExportScreen(WorkbookScreen[None]):
    BINDINGS = [
        Binding("ctrl+s", "export", "Write the file", priority=True),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, fmt: str = "pdf") -> None:
        super().__init__()
        self.initial_format = fmt

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="export"):
            with VerticalScroll(id="export-options"):
                yield Label("Format", classes="field-label")
                yield Select(FORMAT_CHOICES, value=self.initial_format, allow_blank=False, id="format", compact=True)
                yield Label("From (YYYY-MM-DD, empty: the beginning)", classes="field-label")
                yield Input(id="start", placeholder="YYYY-MM-DD", compact=True)
                yield Label("To (empty: today)", classes="field-label")
                yield Input(id="end", placeholder="YYYY-MM-DD", compact=True)
                yield Label("Worksheets", classes="field-label")
                for exercise in self.workbook.ordered_exercises():
                    yield Checkbox(exercise.title, True, name=exercise.id, classes="include", compact=True)
                yield Checkbox("Include entries marked private", False, id="private", compact=True)
                yield Label("My name or initials on the report (optional)", classes="field-label")
                yield Input(str(self.store.get_setting("name") or ""), id="name", compact=True)
                yield Label("Save as", classes="field-label")
                yield Input(default_path(self.initial_format, self.workbook.today()), id="path", compact=True)
                yield Label("", id="export-problem", classes="field-error-visible", markup=False)
                yield Button("Write the file (Ctrl+S)", id="write", variant="primary")
            with VerticalScroll(id="export-preview-box"):
                yield Label("Preview", classes="field-label")
                yield LoadingIndicator(id="export-busy")
                yield Markdown(id="export-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Share with my counselor"
        self._path_edited = False
        self.refresh_preview()

    # -- choices ---------------------------------------------------------------------------

    def _options(self) -> Options:
        start_text = self.query_one("#start", Input).value.strip()
        end_text = self.query_one("#end", Input).value.strip()
        include = tuple(box.name or "" for box in self.query(".include").results(Checkbox) if box.value)
        fmt = self._format()
        options = Options(start=parse_day(start_text, "From") if start_text else None,
                          end=parse_day(end_text, "To") if end_text else None, include=include,
                          include_private=self.query_one("#private", Checkbox).value or fmt == "json")
        check_options(options, self.workbook.exercises)
        if not include:
            raise ValueError("Choose at least one worksheet.")
        return options

    def _format(self) -> str:
        return str(self.query_one("#format", Select).value)

    @on(Select.Changed, "#format")
    def _format_changed(self) -> None:
        if not self._path_edited:
            self.query_one("#path", Input).value = default_path(self._format(), self.workbook.today())
        self.refresh_preview()

    @on(Input.Changed, "#path")
    def _path_changed(self, event: Input.Changed) -> None:
        self._path_edited = event.value != default_path(self._format(), self.workbook.today())

    @on(Input.Changed, "#start, #end")
    @on(Checkbox.Changed)
    def _choice_changed(self) -> None:
        self.refresh_preview()

    @on(Input.Submitted, "#name")
    @on(Input.Blurred, "#name")
    def _name_changed(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        store = self.store
        if name != (store.get_setting("name") or ""):
            try:
                store.set_setting("name", name)
            except WorkbookError as exc:
                self._problem(str(exc))
                return
            self.refresh_preview()

    def _problem(self, message: str) -> None:
        self.query_one("#export-problem", Label).update(message)

    # -- preview ---------------------------------------------------------------------------

    def refresh_preview(self) -> None:
        try:
            options = self._options()
        except ValueError as exc:
            self._problem(str(exc))
            return
        self._problem("")
        self.query_one("#export-busy").display = True
        self._build_preview(options, self._format())

    @work(thread=True, exclusive=True, group="preview", description="preview the export")
    def _build_preview(self, options: Options, fmt: str) -> None:
        from workbook.export.markdown import render_markdown
        store = self.store
        exercises = self.workbook.exercises
        entries = store.entries()
        lines = crisis.crisis_list(store.settings())
        if fmt == "card":
            plans = [e for e in entries if e.exercise == Plan.ID and options.shares(e)]
            card = build_card(plans[0] if plans else None, exercises.get(Plan.ID), lines)
            parts = [("Warning signs", card.warning_signs), ("What helps me cope", card.coping),
                     ("If I use: first steps", card.first_steps), ("People I can call", card.contacts),
                     ("Crisis help", card.crisis)]
            text = "\n\n".join(f"**{title}**\n\n" + "\n".join(f"- {v}" for v in values) for title, values in parts if values)
        elif fmt == "json":
            chosen = sum(1 for e in entries if options.selects(e, exercises.get(e.exercise)))
            text = f"A complete backup of **{chosen} entries** (private ones included), for moving to another computer."
        else:
            report = build_report(entries, exercises, options, store.settings(), lines)
            rendered = render_markdown(report).splitlines()
            text = "\n".join(rendered[:PREVIEW_LINES])
            if len(rendered) > PREVIEW_LINES:
                text += f"\n\n*… and {len(rendered) - PREVIEW_LINES} more lines in the file.*"
        self.app.call_from_thread(self._show_preview, text)

    def _show_preview(self, text: str) -> None:
        self.query_one("#export-busy").display = False
        self.query_one("#export-preview", Markdown).update(text)

    # -- writing ---------------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "write":
            event.stop()
            self.action_export()

    def action_export(self) -> None:
        self._name_changed()
        try:
            options = self._options()
        except ValueError as exc:
            self._problem(str(exc))
            return
        raw_path = self.query_one("#path", Input).value.strip()
        if not raw_path:
            self._problem("Give the file a name.")
            return
        from workbook.export.writer import check_destination
        try:
            target = check_destination(Path(raw_path), self.store.path, force=True)
        except WorkbookError as exc:
            self._problem(str(exc))
            return
        if target.exists():
            def decided(choice: str | None) -> None:
                if choice == "replace":
                    self._write(options, self._format(), target, True)
            self.app.push_screen(ConfirmScreen(f"{target} already exists. Replace it?",
                                               [("replace", "Replace it", "error"), ("keep", "Keep it", "primary")],
                                               cancel_id="keep"), decided)
            return
        self._write(options, self._format(), target, False)

    def _write(self, options: Options, fmt: str, target: Path, force: bool) -> None:
        self._problem("")
        self.query_one("#export-busy").display = True
        self.notify("Preparing the file…", timeout=3)
        self._render_and_write(options, fmt, target, force)

    @work(thread=True, exclusive=True, group="write", description="write the export")
    def _render_and_write(self, options: Options, fmt: str, target: Path, force: bool) -> None:
        from workbook.export.writer import write_output
        store = self.store
        try:
            payload = render_export(fmt, store.entries(), self.workbook.exercises, options, store.settings(),
                                    crisis.crisis_list(store.settings()))
            written = write_output(target, payload, store.path, force=force)
        except WorkbookError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._written, written)

    def _failed(self, message: str) -> None:
        self._problem(message)
        self.query_one("#export-busy").display = False

    def _written(self, path: Path | None) -> None:
        self.query_one("#export-busy").display = False
        self.app.notify(f"Saved to {path}. This file is not protected by the workbook: keep it somewhere safe "
                        "and delete it when you no longer need it.", title="Export saved", timeout=12)
