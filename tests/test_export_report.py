"""Counselor exports: content of every format, filters, escaping, any text, sizes."""

from __future__ import annotations

import io
from datetime import date, datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from workbook.cli import main
from workbook.worksheets.crisis import crisis_list
from workbook.worksheets.loader import load_exercises
from workbook.export.options import Options
from workbook.export.report import ALL_CORE, build_report
from workbook.export.service import render_export
from workbook.worksheets.entry import Entry
from workbook.store.workbook_store import Store

EXERCISES, _ = load_exercises()
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
UNICODE = "café naïve · Привет · 你好 · 😀 · مرحبا · שלום"
HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> & "q" **bold** # heading | pipe'


def _sample() -> Store:
    store = Store.in_memory()
    store.set_setting("name", "Sam R.")
    plan = store.add("relapse-prevention-plan", {
        "reasons": "My daughter.", "coping": ["deep-breathing", "walk it off"],
        "contacts": [{"name": "Ana", "role": "sponsor", "phone": "555-0100"}],
        "warning_mental": [{"sign": "Bargaining", "action": "Call Ana"}],
        "lapse_first_steps": ["Call Ana"]}, created="2026-10-01T10:00:00+00:00")
    store.update(plan.id, {**plan.answers, "coping": ["deep-breathing", "walk it off", "meditation"]})
    store.add("goal-setting", {"goal": "Three meetings a week", "status": "active",
                               "steps": [{"step": "Find a list", "done": True}]}, created="2026-11-02T09:00:00+00:00")
    store.add("trigger-log", {"strength": 7, "note": "after the call", "outcome": "did-not-use", "halt": ["tired"],
                              "external_triggers": ["people"], "coping": "Breathing"}, created="2026-11-10T20:00:00+00:00")
    store.add("trigger-log", {"strength": 9, "note": HOSTILE, "outcome": "used"}, created="2026-11-12T22:00:00+00:00")
    store.add("trigger-log", {"strength": 2, "note": "old one"}, created="2026-09-01T08:00:00+00:00")
    store.add("gratitude-journal", {"grateful_1": UNICODE}, created="2026-11-15T21:00:00+00:00")
    store.add("gratitude-journal", {"grateful_1": "a secret joy"}, private=True, created="2026-11-16T21:00:00+00:00")
    return store


def _render(fmt: str, store: Store, **choices: object) -> bytes:
    options = Options(**{"include": ALL_CORE, **choices})  # type: ignore[arg-type]
    return render_export(fmt, store.entries(), EXERCISES, options, store.settings(), crisis_list(store.settings()))


def _pdf_text(payload: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(payload)).pages)


def test_report_model_summarises_the_log() -> None:
    store = _sample()
    report = build_report(store.entries(), EXERCISES, Options(start=date(2026, 11, 1), include=ALL_CORE),
                          store.settings(), crisis_list({}), now=NOW)
    triggers = report.triggers
    assert triggers is not None and triggers.count == 2 and triggers.peak == 9 and triggers.average == 8.0
    assert ("I did not use", 1) in triggers.outcomes and ("Tired", 1) in triggers.halt
    assert triggers.coping_that_helped == ["Breathing"]
    assert report.plan is not None
    assert report.plan.changes == ['Ways I cope with cravings: added "Meditation or prayer"']
    assert report.person == "Sam R."


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_each_format_holds_the_sample(fmt: str) -> None:
    payload = _render(fmt, _sample(), start=date(2026, 11, 1))
    text = _pdf_text(payload) if fmt == "pdf" else payload.decode()
    for expected in ("Sam R.", "Relapse-prevention plan", "My daughter", "Three meetings a week", "Find a list (done)",
                     "Cravings logged", "after the call", "Ana", "555-0100", "988", "1-800-662-4357", "911",
                     "Gratitude journal", "café naïve", "Привет"):
        assert expected in text, (fmt, expected)
    assert "old one" not in text  # before the start date
    assert "a secret joy" not in text  # private entries stay out by default


def test_private_entries_only_when_asked_and_marked() -> None:
    for fmt in ("md", "html"):
        text = _render(fmt, _sample(), include_private=True).decode()
        assert "a secret joy" in text and "(private)" in text


def test_worksheet_filter() -> None:
    text = _render("md", _sample(), include=("gratitude-journal",)).decode()
    assert "café" in text and "Trigger and craving log" not in text and "Relapse-prevention plan\n" not in text
    assert "988" in text  # crisis help is on every export


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.event_attributes: list[str] = []
        self.outside_refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.event_attributes.append(name)
            if name in ("src", "href") and value:
                self.outside_refs.append(value)


def test_html_escapes_every_piece_of_participant_text() -> None:
    html = _render("html", _sample()).decode()
    parsed = _Collector()
    parsed.feed(html)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert parsed.event_attributes == [] and parsed.outside_refs == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markdown_keeps_participant_text_as_text() -> None:
    md = _render("md", _sample()).decode()
    assert r"\*\*bold\*\*" in md and r"\# heading \| pipe" in md


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "json", "card"])
def test_any_unicode_survives_every_format(fmt: str) -> None:
    store = Store.in_memory()
    store.add("gratitude-journal", {"grateful_1": UNICODE})
    store.add("relapse-prevention-plan", {"reasons": UNICODE, "contacts": [{"name": UNICODE}],
                                          "coping": [UNICODE], "lapse_first_steps": [UNICODE]})
    payload = _render(fmt, store)
    if fmt in ("pdf", "card"):
        text = _pdf_text(payload)
        assert "café naïve" in text and "Привет" in text
        # Scripts without a font on this machine appear as a visible code, never vanish.
        assert ("你好" in text) or ("[U+4F60]" in text)
        assert ("😀" in text) or ("grinning face" in text)
    else:
        assert UNICODE in payload.decode()


def test_very_long_entry_is_not_cut() -> None:
    store = Store.in_memory()
    long_text = ("word " * 4000) + "THE-END " + "x" * 3000
    store.add("gratitude-journal", {"grateful_1": "long", "went_well": long_text})
    pdf = _render("pdf", store)
    assert "THE-END" in _pdf_text(pdf)
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 2
    assert long_text.strip() in _render("html", store).decode()


def test_empty_workbook_exports_cleanly() -> None:
    store = Store.in_memory()
    for fmt in ("md", "html", "pdf", "card", "json"):
        assert _render(fmt, store)
    assert "No entries were chosen" in _render("md", store).decode()


def test_large_workbook_exports() -> None:
    store = Store.in_memory()
    entries = [Entry.new("trigger-log", {"strength": i % 11, "note": f"note {i}", "outcome": "did-not-use"},
                         created=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00+00:00") for i in range(3000)]
    store.merge(entries)
    md = _render("md", store).decode()
    assert "**Cravings logged:** 3000" in md and md.count("\n| ") >= 3000
    pdf = _render("pdf", store, start=date(2025, 6, 1), end=date(2025, 6, 30))
    assert "Cravings logged: 250" in _pdf_text(pdf)


def test_pocket_card_is_one_page_even_with_a_long_plan() -> None:
    store = Store.in_memory()
    rows = [{"sign": f"sign number {i} " * 5, "action": "do something helpful " * 4} for i in range(20)]
    store.add("relapse-prevention-plan", {"reasons": "me", "warning_emotional": rows,
                                          "contacts": [{"name": f"Person {i}", "phone": "555"} for i in range(9)]})
    card = PdfReader(io.BytesIO(_render("card", store)))
    assert len(card.pages) == 1
    width_mm = float(card.pages[0].mediabox.width) / 72 * 25.4
    assert 84 < width_mm < 86
    text = card.pages[0].extract_text()
    assert "988" in text and "Person 0" in text


def test_cli_export_formats_filters_and_overwrite(db_path: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db_path) as opened:
        opened.merge(_sample().entries())
    out = tmp_path / "report.pdf"
    assert main(["export", "--format", "pdf", "-o", str(out), "--from", "2026-11-01",
                 "--include", "trigger-log,gratitude-journal"]) == 0
    assert out.stat().st_mode & 0o777 == 0o600
    assert "not protected by the workbook" in capsys.readouterr().err
    before = out.read_bytes()
    assert main(["export", "--format", "md", "-o", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err and out.read_bytes() == before
    assert main(["export", "--format", "md", "-o", str(out), "--force"]) == 0
    assert out.read_bytes().startswith(b"# Recovery Workbook")
    for bad in (["--from", "14/03/2026"], ["--include", "nonsense"], ["--from", "2026-12-01", "--to", "2026-01-01"]):
        assert main(["export", "-o", str(tmp_path / "x.md"), "--format", "md", *bad]) == 1
        err = capsys.readouterr().err
        assert "Nothing was written" in err and "Traceback" not in err
        assert not (tmp_path / "x.md").exists()


def test_export_modules_do_not_import_tinydb_or_textual() -> None:
    import subprocess
    import sys
    code = ("import sys, workbook.export.service, workbook.export.pdf, workbook.export.html, workbook.export.markdown;"
            "print([m for m in sys.modules if m.split('.')[0] in ('tinydb', 'textual')])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_all_core_worksheets_are_in_the_default_include() -> None:
    assert set(ALL_CORE) <= set(EXERCISES)
