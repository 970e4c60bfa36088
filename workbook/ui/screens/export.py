"""``ExportScreen``: choose what to share, see a live preview, write the file.

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
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, LoadingIndicator, Markdown, Select

from workbook.worksheets import crisis
from workbook.store.errors import WorkbookError
from workbook.export.report import PLAN, Options, build_card, build_report
from workbook.export.service import SUFFIX, check_options, parse_day, render_export
from workbook.ui.screens.confirm import ConfirmScreen

FORMAT_CHOICES = [("PDF (to print or send)", "pdf"), ("Web page (HTML)", "html"), ("Markdown (notes)", "md"),
                  ("Pocket card (PDF)", "card"), ("Everything, for backup (JSON)", "json")]
PREVIEW_LINES = 150


def default_path(fmt: str) -> str:
    return str(Path.home() / f"workbook-{date.today().isoformat()}{'-card' if fmt == 'card' else ''}{SUFFIX[fmt]}")


class ExportScreen(Screen[None]):
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
                for exercise in self.app.ordered_exercises():  # type: ignore[attr-defined]
                    yield Checkbox(exercise.title, True, name=exercise.id, classes="include", compact=True)
                yield Checkbox("Include entries marked private", False, id="private", compact=True)
                yield Label("My name or initials on the report (optional)", classes="field-label")
                yield Input(str(self.app.store.get_setting("name") or ""), id="name", compact=True)  # type: ignore[attr-defined]
                yield Label("Save as", classes="field-label")
                yield Input(default_path(self.initial_format), id="path", compact=True)
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
        check_options(options, self.app.exercises)  # type: ignore[attr-defined]
        if not include:
            raise ValueError("Choose at least one worksheet.")
        return options

    def _format(self) -> str:
        return str(self.query_one("#format", Select).value)

    @on(Select.Changed, "#format")
    def _format_changed(self) -> None:
        if not self._path_edited:
            self.query_one("#path", Input).value = default_path(self._format())
        self.refresh_preview()

    @on(Input.Changed, "#path")
    def _path_changed(self, event: Input.Changed) -> None:
        self._path_edited = event.value != default_path(self._format())

    @on(Input.Changed, "#start, #end")
    @on(Checkbox.Changed)
    def _choice_changed(self) -> None:
        self.refresh_preview()

    @on(Input.Submitted, "#name")
    @on(Input.Blurred, "#name")
    def _name_changed(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        store = self.app.store  # type: ignore[attr-defined]
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

    @work(thread=True, exclusive=True, group="preview")
    def _build_preview(self, options: Options, fmt: str) -> None:
        from workbook.export.markdown import render_markdown
        app = self.app
        store = app.store  # type: ignore[attr-defined]
        entries = store.entries()
        if fmt == "card":
            plans = [e for e in entries if e.exercise == PLAN]
            card = build_card(plans[0] if plans else None, app.exercises.get(PLAN),  # type: ignore[attr-defined]
                              crisis.crisis_lines(store))
            parts = [("Warning signs", card.warning_signs), ("What helps me cope", card.coping),
                     ("If I use: first steps", card.first_steps), ("People I can call", card.contacts),
                     ("Crisis help", card.crisis)]
            text = "\n\n".join(f"**{title}**\n\n" + "\n".join(f"- {v}" for v in values) for title, values in parts if values)
        elif fmt == "json":
            chosen = sum(1 for e in entries if options.selects(e))
            text = f"A complete backup of **{chosen} entries** (private ones included), for moving to another computer."
        else:
            report = build_report(entries, app.exercises, options, store.settings(),  # type: ignore[attr-defined]
                                  crisis.crisis_lines(store), crisis.DEFAULTS_NOTE if crisis.uses_defaults(store) else "")
            lines = render_markdown(report).splitlines()
            text = "\n".join(lines[:PREVIEW_LINES])
            if len(lines) > PREVIEW_LINES:
                text += f"\n\n*… and {len(lines) - PREVIEW_LINES} more lines in the file.*"
        app.call_from_thread(self._show_preview, text)

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
        target = Path(raw_path).expanduser()
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

    @work(thread=True, exclusive=True, group="write")
    def _render_and_write(self, options: Options, fmt: str, target: Path, force: bool) -> None:
        from workbook.export.writer import write_output
        app = self.app
        store = app.store  # type: ignore[attr-defined]
        try:
            note = crisis.DEFAULTS_NOTE if crisis.uses_defaults(store) else ""
            payload = render_export(fmt, store.entries(), app.exercises, options, store.settings(),  # type: ignore[attr-defined]
                                    crisis.crisis_lines(store), note)
            written = write_output(target, payload, force=force)
        except WorkbookError as exc:
            app.call_from_thread(self._problem, str(exc))
            app.call_from_thread(setattr, self.query_one("#export-busy"), "display", False)
            return
        app.call_from_thread(self._written, written)

    def _written(self, path: Path | None) -> None:
        self.query_one("#export-busy").display = False
        self.app.notify(f"Saved to {path}. This file is not protected by the workbook: keep it somewhere safe "
                        "and delete it when you no longer need it.", title="Export saved", timeout=12)
