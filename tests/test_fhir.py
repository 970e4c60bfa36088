"""The FHIR export: a realistic month as a FHIR R4 document Bundle, judged three ways (the
R4B models of ``fhir.resources``, HL7's own R4 JSON Schema, and the Bundle invariants
bdl-1 … bdl-12 evaluated by a FHIRPath engine), with the scores, bands and codes the app
shows; a measure written in TOML with its own codes and subscales; the same Bundle inside
the PDF report; and an import that refuses a FHIR file kindly."""

from __future__ import annotations

import copy
import gzip
import io
import json
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import orjson
import pytest
from fhirpathpy import evaluate
from pypdf import PdfReader
from session_month import add_month

from workbook.cli import main
from workbook.common.clock import FixedClock
from workbook.common.errors import WorkbookError
from workbook.services import care, sharing
from workbook.services.workbook import Workbook
from workbook.store.workbook_store import Store
from workbook.worksheets.loader import load_exercises, parse_exercise
from workbook.worksheets.measures import score_of

EXERCISES, _PROBLEMS = load_exercises()
MADE = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
SCHEMA = Path(__file__).parent / "fhir" / "fhir.schema.json.gz"  # HL7's FHIR R4 JSON Schema (4.0.1)

# The Bundle invariants of FHIR R4, as the specification writes them. bdl-10's hasValue() is
# not in the engine: exists() on a primitive says the same here.
INVARIANTS = {
    "bdl-1": "total.empty() or (type = 'searchset') or (type = 'history')",
    "bdl-2": "entry.search.empty() or (type = 'searchset')",
    "bdl-3": "entry.all(request.exists() = (%resource.type = 'batch' or %resource.type = 'transaction' "
    "or %resource.type = 'history'))",
    "bdl-4": "entry.all(response.exists() = (%resource.type = 'batch-response' or "
    "%resource.type = 'transaction-response' or %resource.type = 'history'))",
    "bdl-5": "entry.all(resource.exists() or request.exists() or response.exists())",
    "bdl-7": "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl&resource.meta.versionId).isDistinct()",
    "bdl-8": "entry.all(fullUrl.contains('/_history/').not())",
    "bdl-9": "type = 'document' implies (identifier.system.exists() and identifier.value.exists())",
    "bdl-10": "type = 'document' implies (timestamp.exists())",
    "bdl-11": "type = 'document' implies entry.first().resource.is(Composition)",
    "bdl-12": "type = 'message' implies entry.first().resource.is(MessageHeader)",
}


@cache
def _validator() -> jsonschema.Draft6Validator:
    return jsonschema.Draft6Validator(json.loads(gzip.decompress(SCHEMA.read_bytes())))


def _month() -> Workbook:
    store = Store.in_memory()
    add_month(store)
    store.set_setting("identifier", "MRN-4471")
    return Workbook(store, EXERCISES, [], FixedClock(MADE))


def _bundle(book: Workbook, choice: str = sharing.MONTH) -> dict[str, Any]:
    raw = sharing.render(book, "fhir", sharing.period_options(book, choice, tuple(book.exercises)))
    found: dict[str, Any] = orjson.loads(raw)
    return found


def _judged(bundle: dict[str, Any]) -> None:
    """The three outside judges: R4B models, HL7's R4 JSON Schema, the Bundle invariants."""
    from fhir.resources.R4B.bundle import Bundle

    Bundle.model_validate(bundle)
    problems = [f"{list(e.path)}: {e.message[:200]}" for e in _validator().iter_errors(bundle)]
    assert problems == []
    for name, expression in INVARIANTS.items():
        assert evaluate(bundle, expression, {"resource": bundle}) == [True], name


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_a_month_is_a_valid_document_bundle_with_the_scores_the_app_shows() -> None:
    book = _month()
    bundle = _bundle(book)
    _judged(bundle)
    assert bundle["type"] == "document" and bundle["entry"][0]["resource"]["resourceType"] == "Composition"
    (patient,) = _resources(bundle, "Patient")
    assert patient == {"resourceType": "Patient", "id": patient["id"], "identifier": [{"value": "MRN-4471"}],
                       "name": [{"text": "Sam R."}]}  # fmt: skip
    totals = {o["code"]["coding"][0]["code"]: o for o in _resources(bundle, "Observation") if "valueInteger" in o}
    responses = _resources(bundle, "QuestionnaireResponse")
    assert len(responses) == 4 and {o["code"]["coding"][0]["code"] for o in totals.values()} <= {"44261-6", "70274-6"}
    for worksheet, total_code in (("phq-9", "44261-6"), ("gad-7", "70274-6")):
        exercise = EXERCISES[worksheet]
        entries = sorted((e for e in book.entries() if e.exercise == worksheet), key=lambda e: e.answers["date"])
        shown = [score_of(exercise, e.answers) for e in entries]
        exported = sorted(
            (o for o in _resources(bundle, "Observation") if o["code"]["coding"][0]["code"] == total_code),
            key=lambda o: o["effectiveDateTime"],
        )
        assert [(o["valueInteger"], o["interpretation"][0]["text"]) for o in exported] == [
            (s.total, s.band) for s in shown if s is not None
        ]
        assert all(o["derivedFrom"][0]["reference"].startswith("urn:uuid:") for o in exported)
    latest_phq = max(
        (r for r in responses if r.get("questionnaire") == "http://loinc.org/q/44249-1"), key=lambda r: r["authored"]
    )
    question_9 = next(i for i in latest_phq["item"] if i["linkId"] == "44260-8")
    coding = question_9["answer"][0]["valueCoding"]
    assert (coding["system"], coding["code"], coding["display"]) == ("http://loinc.org", "LA6569-3", "Several days")
    assert coding["extension"] == [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 1}]
    (plan,) = _resources(bundle, "CarePlan")
    assert plan["status"] == "active" and any("text Ana" in a["detail"]["description"] for a in plan["activity"])
    assert "555-0100" not in json.dumps(bundle)  # a supporter's number is theirs, not the clinic's
    composition = bundle["entry"][0]["resource"]
    homework = next(s for s in composition["section"] if s["title"] == "Homework")
    assert "Overdue: Try urge surfing twice" in homework["text"]["div"]
    (provenance,) = _resources(bundle, "Provenance")
    assert len(provenance["target"]) == len(bundle["entry"]) - 1


def test_the_judges_catch_a_broken_bundle() -> None:
    bundle = _bundle(_month())
    wrong_first = copy.deepcopy(bundle)
    wrong_first["entry"].reverse()
    assert evaluate(wrong_first, INVARIANTS["bdl-11"], {"resource": wrong_first}) == [False]
    bad_status = copy.deepcopy(bundle)
    bad_status["entry"][3]["resource"]["status"] = "nearly"
    assert list(_validator().iter_errors(bad_status))


MEASURE = """
id = "club-check"
version = 1
title = "Club check"
intro = "Four questions."
bands = [
  { from = 0, to = 3, label = "low" },
  { from = 4, to = 8, label = "high", attention = true },
]

[[fields]]
id = "date"
kind = "date"
role = "when"
label = "Date"

[[fields]]
id = "used"
kind = "choice"
role = "item"
label = "Days used"
options = [{ id = "none", label = "None", points = 0 }, { id = "some", label = "Some", points = 2 }]

[[fields]]
id = "craved"
kind = "choice"
role = "item"
label = "Days craved"
options = [{ id = "none", label = "None", points = 0 }, { id = "some", label = "Some", points = 2 }]

[[fields]]
id = "support"
kind = "choice"
role = "item"
label = "Days with support"
options = [{ id = "none", label = "None", points = 0 }, { id = "some", label = "Some", points = 2 }]

[[fields]]
id = "meetings"
kind = "choice"
role = "item"
label = "Meetings"
options = [{ id = "none", label = "None", points = 0 }, { id = "some", label = "Some", points = 2 }]

[codes]
system = "https://example.org/club-codes"
panel = "CLUB"
total = "CLUB-T"
items = { used = "CLUB-1", craved = "CLUB-2", support = "CLUB-3", meetings = "CLUB-4" }
answers = { none = "A0", some = "A2" }

[[subscales]]
id = "use"
label = "Use"
items = ["used", "craved"]
code = "CLUB-USE"
bands = [{ from = 0, to = 1, label = "low" }, { from = 2, to = 4, label = "raised" }]

[[subscales]]
id = "protective"
label = "Protective"
items = ["support", "meetings"]
bands = [{ from = 0, to = 2, label = "few" }, { from = 3, to = 4, label = "many" }]
"""


def test_a_measure_written_in_toml_exports_its_own_codes_and_subscales() -> None:
    measure = parse_exercise(MEASURE, "club.toml")
    exercises = {**EXERCISES, measure.id: measure}
    store = Store.in_memory()
    store.add(
        measure.id,
        {"date": "2026-11-20", "used": "some", "craved": "some", "support": "none", "meetings": "some"},
        created="2026-11-20T10:00:00+00:00",
    )
    book = Workbook(store, exercises, [], FixedClock(MADE))
    score = score_of(measure, store.entries()[0].answers)
    assert score is not None and (score.total, score.band, score.attention) == (6, "high", True)
    assert [(p.subscale.id, p.total, p.band) for p in score.parts] == [("use", 4, "raised"), ("protective", 2, "few")]
    bundle = _bundle(book)
    _judged(bundle)
    (response,) = _resources(bundle, "QuestionnaireResponse")
    assert [i["linkId"] for i in response["item"]] == ["CLUB-1", "CLUB-2", "CLUB-3", "CLUB-4", "CLUB-T"]
    assert response["item"][0]["answer"][0]["valueCoding"]["code"] == "A2"
    (total,) = [o for o in _resources(bundle, "Observation") if "valueInteger" in o]
    assert total["code"]["coding"][0] == {"system": "https://example.org/club-codes", "code": "CLUB-T",
                                          "display": "Club check total score"}  # fmt: skip
    parts = {c["code"]["coding"][0]["code"]: c["valueInteger"] for c in total["component"]}
    assert parts == {"CLUB-USE": 4, "club-check.protective": 2}  # the second has no code: the project's own


@pytest.mark.parametrize(
    "broken",
    [
        ("[codes]\nsystem = 'not a uri'\n", "codes.system"),
        ("[codes]\nsystem = 'http://x.org'\nitems = { nope = 'A' }\n", "unknown field id"),
        ("[[subscales]]\nid = 'x'\nlabel = 'X'\nitems = ['used']\nbands = [{ from = 0, to = 1, label = 'a' }]\n", "0"),
    ],
)
def test_codes_and_subscales_are_checked_when_the_worksheet_loads(broken: tuple[str, str]) -> None:
    from workbook.worksheets.definition import DefinitionError

    text = MEASURE.split("[codes]")[0] + broken[0]
    with pytest.raises(DefinitionError):
        parse_exercise(text, "club.toml")


def test_the_pdf_report_carries_the_bundle_and_an_import_refuses_a_fhir_file(tmp_path: Path) -> None:
    book = _month()
    options = sharing.period_options(book, sharing.MONTH, tuple(book.exercises))
    reader = PdfReader(io.BytesIO(sharing.render(book, "pdf", options)))
    (attached,) = reader.attachments["fhir-bundle.json"]
    assert orjson.loads(attached) == _bundle(book)
    target = tmp_path / "for-the-clinic.json"
    target.write_bytes(sharing.render(book, "fhir", options))
    with pytest.raises(WorkbookError, match="FHIR file, made for a clinic"):
        care.import_file(Workbook(Store.in_memory(), EXERCISES, [], FixedClock(MADE)), target)


def test_the_shell_writes_a_fhir_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "data" / "workbook.json"
    with Store.open(db) as store:
        add_month(store)
    out = tmp_path / "clinic.json"
    assert main(["--db", str(db), "export", "--format", "fhir", "-o", str(out), "--period", "30"],
                clock=FixedClock(MADE)) == 0  # fmt: skip
    bundle = orjson.loads(out.read_bytes())
    assert bundle["resourceType"] == "Bundle" and out.stat().st_mode & 0o777 == 0o600
    with Store.open(db) as store:
        assert store.get_setting("last_export") is None  # a file for the clinic is not a report
    assert "Saved" in capsys.readouterr().err


def test_a_protected_report_opens_only_with_its_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import pikepdf

    db = tmp_path / "data" / "workbook.json"
    with Store.open(db) as store:
        add_month(store)
    out = tmp_path / "for-counselor.pdf"
    monkeypatch.setattr("sys.stdin", io.StringIO("kind words 42\n"))
    argv = ["--db", str(db), "export", "--format", "pdf", "-o", str(out), "--period", "30", "--protect"]
    assert main([*argv, "--passphrase-stdin"], clock=FixedClock(MADE)) == 0
    assert "never in the same email" in capsys.readouterr().err
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(out)
    with pikepdf.open(out, password="kind words 42") as pdf:
        assert (pdf.encryption.R, pdf.encryption.bits, pdf.encryption.stream_method.name) == (6, 256, "aesv3")
    reader = PdfReader(out)
    assert reader.is_encrypted and not reader.decrypt("wrong words")
    assert reader.decrypt("kind words 42")
    assert "Session brief" in reader.pages[0].extract_text()
    assert "fhir-bundle.json" in reader.attachments  # the data travels inside, protected too
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main([*argv, "--force", "--passphrase-stdin"], clock=FixedClock(MADE)) == 1
    assert "at least 8 characters" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("kind words 42\n"))
    assert main([*argv[:4], "md", *argv[5:], "--force", "--passphrase-stdin"], clock=FixedClock(MADE)) == 1
    assert "Only a PDF" in capsys.readouterr().err


# -- what the attack on the clinic's file found ---------------------------------------------------


def test_question_9_reaches_the_clinic_and_the_caseload_when_another_question_is_skipped(tmp_path: Path) -> None:
    from workbook.services.caseload import make_caseload

    book = Workbook(Store.in_memory(), EXERCISES, [], FixedClock(MADE))
    answers = {f"item{i}": "nearly-every-day" for i in range(1, 10) if i != 4}
    book.store.add("phq-9", {"date": "2026-11-29", **answers}, created="2026-11-29T10:00:00+00:00")
    bundle = _bundle(book)
    _judged(bundle)
    (total,) = _resources(bundle, "Observation")
    assert "valueInteger" not in total and "not scored" in total["dataAbsentReason"]["text"]
    caseload = make_caseload([("p.json", orjson.dumps(bundle))], EXERCISES, FixedClock(MADE))
    (person,) = caseload.participants
    assert person.rank[0] == 0 and "Please ask about it" in person.flags[0][1]


def test_only_the_chosen_worksheets_and_the_plan_s_own_fields_reach_the_file() -> None:
    book = _month()
    plan = next(e for e in book.entries() if e.exercise == "relapse-prevention-plan")
    from dataclasses import replace

    book.store.replace(replace(plan, answers={**plan.answers, "support_people": [{"name": "Bo", "phone": "555-0199"}]}))
    bundle = orjson.loads(
        sharing.render(book, "fhir", sharing.period_options(book, sharing.MONTH, ("phq-9", "relapse-prevention-plan")))
    )
    text = json.dumps(bundle)
    assert "urge surfing" not in text  # homework is in the sessions worksheet, not chosen
    assert "555-0199" not in text and "555-0100" not in text


def test_odd_whitespace_and_non_characters_never_make_invalid_fhir() -> None:
    book = _month()
    plan = next(e for e in book.entries() if e.exercise == "relapse-prevention-plan")
    from dataclasses import replace

    odd = "My daughter\u00a0!\u202fand\u3000me\u2028\ufffe"
    book.store.replace(replace(plan, answers={**plan.answers, "reasons": odd}))
    bundle = _bundle(book)
    _judged(bundle)
    assert "\u00a0" not in json.dumps(bundle, ensure_ascii=False) and "[]" not in json.dumps(bundle)


@pytest.mark.parametrize(
    ("words", "problem"),
    [("a" * 128, "longer than a PDF can hold"), ("kind\x00words", "control characters"), ("short", "at least 8")],
)
def test_a_file_passphrase_a_reader_could_not_use_is_refused(words: str, problem: str) -> None:
    with pytest.raises(WorkbookError, match=problem):
        sharing.file_passphrase(words)


def test_a_passphrase_is_kept_in_the_form_readers_type_it() -> None:
    import pikepdf

    from workbook.export.protect import protect_pdf

    book = _month()
    data = sharing.render(book, "pdf", sharing.period_options(book, sharing.WEEK, tuple(EXERCISES)))
    typed = "cafe\u0301 au lait"  # a decomposed é, as some keyboards send it
    protected = protect_pdf(data, sharing.file_passphrase(typed))
    with pikepdf.open(io.BytesIO(protected), password="café au lait"):
        pass


def test_private_entries_never_go_to_a_fhir_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "data" / "workbook.json"
    with Store.open(db) as store:
        add_month(store)
    argv = ["--db", str(db), "export", "--format", "fhir", "-o", str(tmp_path / "c.json"), "--private"]
    assert main(argv, clock=FixedClock(MADE)) == 1
    assert "private entries never go to a clinic" in capsys.readouterr().err
