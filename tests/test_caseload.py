"""The counselor's caseload page: three participants' files (one answered PHQ-9 question 9,
one logged a lapse, one had a quiet week) come out in that order, from their FHIR files and
from their PDF reports (a protected one too); hostile files never inject markup or stop the
page; the page passes the Nu HTML validator and keeps to itself (no scripts, no requests)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import orjson
import pytest
from session_month import GAD_LOW, PHQ_HIGH, PHQ_LOW

from workbook.cli import main
from workbook.common.clock import FixedClock
from workbook.services import sharing
from workbook.services.caseload import make_caseload
from workbook.services.workbook import Workbook
from workbook.store.workbook_store import Store
from workbook.worksheets.loader import load_exercises

EXERCISES, _PROBLEMS = load_exercises()
MADE = datetime(2026, 12, 6, 18, 0, tzinfo=UTC)
CLOCK = FixedClock(MADE)
HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def _person(name: str, *, question_9: bool = False, lapse: bool = False) -> Workbook:
    store = Store.in_memory()
    store.set_setting("name", name)
    for day in range(1, 7):
        store.add(
            "daily-checkin",
            {"date": f"2026-12-0{day}", "mood": 3, "craving": 2, "medication": "taken"},
            created=f"2026-12-0{day}T20:00:00+00:00",
        )
    answers = PHQ_HIGH if question_9 else PHQ_LOW
    store.add(
        "phq-9",
        {"date": "2026-12-03", **{f"item{i + 1}": a for i, a in enumerate(answers)}},
        created="2026-12-03T10:00:00+00:00",
    )
    store.add(
        "gad-7",
        {"date": "2026-12-03", **{f"item{i + 1}": a for i, a in enumerate(GAD_LOW)}},
        created="2026-12-03T10:05:00+00:00",
    )
    store.add(
        "trigger-log",
        {"strength": 9 if lapse else 4, "note": "a hard evening", "outcome": "used" if lapse else "did-not-use"},
        created="2026-12-04T21:00:00+00:00",
    )
    return Workbook(store, EXERCISES, [], CLOCK)


def _files(fmt: str, tmp_path: Path) -> list[tuple[str, bytes]]:
    people = {
        "quiet.x": _person("Quinn"),
        "q9.x": _person("Ana", question_9=True),
        "lapse.x": _person("Bo", lapse=True),
    }
    found = []
    for name, book in people.items():
        options = sharing.period_options(book, sharing.WEEK, tuple(EXERCISES))
        found.append((name.replace(".x", f".{'json' if fmt == 'fhir' else 'pdf'}"), sharing.render(book, fmt, options)))
    return found


@pytest.mark.parametrize("fmt", ["fhir", "pdf"])
def test_the_most_urgent_participant_comes_first(fmt: str, tmp_path: Path) -> None:
    caseload = make_caseload(_files(fmt, tmp_path), EXERCISES, CLOCK)
    assert [p.name for p in caseload.participants] == ["Ana", "Bo", "Quinn"]
    ana, bo, quinn = caseload.participants
    assert any("answered above its lowest option" in words for _tier, words in ana.flags)
    assert any("use on 1 day" in words for _tier, words in bo.flags)
    assert any("a craving of 9" in words for _tier, words in bo.flags)
    assert quinn.flags == [] and caseload.refused == []
    page = caseload.page.decode()
    assert page.index("Ana") < page.index("Bo") < page.index("Quinn")
    assert "not monitoring" in page and "nothing flagged" in page


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.events: list[str] = []
        self.outside: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.events += [name for name, _value in attrs if name.startswith("on")]
        self.outside += [v for name, v in attrs if name in ("src", "href") and v]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_hostile_and_foreign_files_never_inject_markup_or_stop_the_page(tmp_path: Path) -> None:
    files = _files("fhir", tmp_path)
    bundle = orjson.loads(files[0][1])
    bundle["entry"][1]["resource"]["name"] = [{"text": HOSTILE}]
    section = bundle["entry"][0]["resource"]["section"][0]
    section["text"]["div"] = f'<div xmlns="http://www.w3.org/1999/xhtml"><p>{HOSTILE}</p><script>x()</script></div>'
    section["title"] = HOSTILE
    bundle["entry"][3]["resource"]["valueInteger"] = "lots"  # a wrong type
    bundle["entry"][3]["resource"]["component"] = [{"code": 7}]
    odd = [
        ("hostile.json", orjson.dumps(bundle)),
        ("backup.json", orjson.dumps({"format": "recovery-workbook", "entries": []})),
        ("broken.json", b"{not json"),
        ("array.json", b"[1, 2, 3]"),
        ("fake.pdf", b"%PDF-1.7 not really"),
        ("message.json", orjson.dumps({"resourceType": "Bundle", "type": "message", "entry": []})),
        ("deep.json", b"[" * 100_000),
    ]
    caseload = make_caseload([*files, *odd], EXERCISES, CLOCK)
    assert len(caseload.participants) == 4
    assert [r.source for r in caseload.refused] == ["backup.json", "broken.json", "array.json", "fake.pdf",
                                                    "message.json", "deep.json"]  # fmt: skip
    page = caseload.page.decode()
    parsed = _Page()
    parsed.feed(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert parsed.events == [] and parsed.outside == []
    assert HOSTILE in "".join(parsed.text)  # shown as the text it is
    markdown = make_caseload([*files, *odd], EXERCISES, CLOCK, fmt="md").page.decode()
    assert "<script>" not in markdown and "Ana" in markdown


def test_the_shell_reads_reports_asks_for_a_protected_one_and_names_what_it_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from workbook.export.protect import protect_pdf

    paths = []
    for name, data in _files("pdf", tmp_path):
        path = tmp_path / name
        path.write_bytes(protect_pdf(data, "kind words 42") if name == "q9.pdf" else data)
        paths.append(str(path))
    (tmp_path / "notes.txt").write_text("not a report")
    out = tmp_path / "caseload.html"
    monkeypatch.setattr("sys.stdin", io.StringIO("kind words 42\n"))
    argv = ["caseload", *paths, str(tmp_path / "notes.txt"), str(tmp_path / "missing.pdf"), "-o", str(out)]
    assert main([*argv, "--passphrase-stdin"], clock=CLOCK) == 0
    err = capsys.readouterr().err
    assert "notes.txt was left out" in err and "missing.pdf was left out" in err and "3 participants" in err
    page = out.read_text()
    assert page.index("Ana") < page.index("Bo") < page.index("Quinn") and out.stat().st_mode & 0o777 == 0o600
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong words\n"))
    assert main([*argv, "--passphrase-stdin", "--force"], clock=CLOCK) == 0
    assert "protected and the passphrase did not open it" in capsys.readouterr().err


def test_a_hostile_narrative_is_read_quickly_and_a_swollen_attachment_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zlib

    import pikepdf

    from workbook.export import caseload

    files = _files("fhir", tmp_path)
    bundle = orjson.loads(files[0][1])
    bundle["entry"][0]["resource"]["section"][0]["text"]["div"] = "<a b='" * 30_000 + "<!--" * 80_000
    bundle["entry"][1]["resource"]["name"] = [{"text": "Ana\x00\x07\ufffe"}]
    found = make_caseload([("odd\x01.json", orjson.dumps(bundle))], EXERCISES, CLOCK)
    assert len(found.participants) == 1
    page = found.page.decode()
    assert "\x00" not in page and "\x01" not in page and "\ufffe" not in page
    # A PDF whose attachment would swell past the limit is refused before it swells.
    monkeypatch.setattr(caseload, "MAX_FILE", 50_000)
    pdf = pikepdf.new()
    pdf.add_blank_page()
    spec = pikepdf.AttachedFileSpec(pdf, b"{}")
    spec.obj.EF.F.write(zlib.compress(b"\x00" * 200_000), filter=pikepdf.Name.FlateDecode)
    pdf.attachments["fhir-bundle.json"] = spec
    out = io.BytesIO()
    pdf.save(out)
    refused = make_caseload([("swollen.pdf", out.getvalue())], EXERCISES, CLOCK).refused
    assert len(refused) == 1 and "larger" in refused[0].reason


def test_a_participant_with_no_check_ins_is_flagged(tmp_path: Path) -> None:
    store = Store.in_memory()
    store.set_setting("name", "Cy")
    store.add("trigger-log", {"strength": 3}, created="2026-12-04T21:00:00+00:00")
    book = Workbook(store, EXERCISES, [], CLOCK)
    data = sharing.render(book, "fhir", sharing.period_options(book, sharing.WEEK, tuple(EXERCISES)))
    (person,) = make_caseload([("cy.json", data)], EXERCISES, CLOCK).participants
    assert any("No check-ins" in words for _tier, words in person.flags)


def test_a_protected_pdf_without_a_passphrase_is_named_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from workbook.export.protect import protect_pdf

    name, data = _files("pdf", tmp_path)[0]
    path = tmp_path / name
    path.write_bytes(protect_pdf(data, "kind words 42"))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal, no --passphrase-stdin
    assert main(["caseload", str(path), "-o", str(tmp_path / "page.html")], clock=CLOCK) == 0
    assert "--passphrase-stdin" in capsys.readouterr().err
