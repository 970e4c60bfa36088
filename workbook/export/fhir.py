"""Provides ``build_bundle``: what a participant chose to share, as a FHIR R4 ``document``
Bundle for a clinic's record (docs/export-format.md, "FHIR").

The Bundle holds, in this order: a Composition (LOINC 11503-0) written by the participant,
with a section for the self-checks, the plan, the logs' figures and homework, each with a
short readable narrative; a Patient with only what the participant chose to put on reports
(a name or initials, an identifier such as a chart number); a QuestionnaireResponse per
self-check (questions by their codes, answers as codings with their points) and an
Observation per total (its band as the interpretation, derived from the response, the
participant as performer); a CarePlan for the relapse-prevention plan (without the
supporters' names and phone numbers, which are other people's); an Observation per log with
the period's figures, coded in the project's own code system (``PROJECT_CODES``); and a
Provenance naming the participant as author.

Codes are data: a self-check's TOML ``[codes]`` table gives the code system and the codes of
its panel, total, questions and answers, and its subscales their own codes, so a measure a
program adds in TOML is exported with its codes and no Python. Ids are UUIDs derived from
the entries' own ids, so the same period exported twice gives the same resources.
"""

from __future__ import annotations

import html
import re
import uuid
from datetime import date, datetime
from typing import Any

from workbook.common.i18n import _
from workbook.export.brief import IDENTIFIER
from workbook.export.entry_blocks import items_of
from workbook.export.options import Options
from workbook.worksheets.builtin import Plan
from workbook.worksheets.definition import Exercise, Role
from workbook.worksheets.entry import Entry
from workbook.worksheets.measures import option_of, score_of
from workbook.worksheets.roles import (
    attended,
    day_of,
    intensity_of,
    meaning_of,
    moment_of,
    outcome_of,
    sort_key,
    tasks_of,
    timed,
)

LOINC = "http://loinc.org"
PROJECT_CODES = "urn:recovery-workbook:codes"  # the project's own code system (docs/export-format.md)
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
UCUM = "http://unitsofmeasure.org"
_NAMESPACE = uuid.UUID("0b5e6a52-8f0e-4c57-9a43-7c1b2d3e4f50")  # this program's, for the ids it derives

# The figures of a log, in the project's code system: (code, display).
FIGURES = {
    "log-summary": "A log's figures for the period",
    "entries": "Entries in the period",
    "intensity-average": "Average intensity (craving strength)",
    "intensity-strongest": "Strongest intensity",
    "mood-average": "Average mood rating",
    "sleep-average": "Average sleep",
    "use-days": "Days with a logged use",
    "no-use-entries": "Entries that ended without use",
    "medication-taken-days": "Days medication was taken as prescribed",
    "medication-missed-days": "Days a dose was missed",
    "meeting-days": "Days with a meeting or group",
    "alert-answer": "A question the self-check marks for care, answered above its lowest option (its points)",
    "homework": "Homework at the end of the period",
    "homework-overdue": "Homework tasks overdue",
    "homework-open": "Homework tasks open, not yet due",
    "homework-done": "Homework tasks done that were due in the period",
}


def _id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


def _ref(resource: dict[str, Any]) -> dict[str, str]:
    return {"reference": f"urn:uuid:{resource['id']}"}


def _narrative(lines: list[str]) -> dict[str, str]:
    """Readable text for a resource or section: each line a paragraph, escaped."""
    body = "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines if line) or "<p>-</p>"
    return {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{body}</div>'}


def _instant(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _when(exercise: Exercise, entry: Entry) -> str:
    """The moment an entry is about: a day alone when it names a day and no time."""
    return (
        moment_of(exercise, entry).isoformat(timespec="seconds")
        if timed(exercise, entry)
        else (day_of(exercise, entry).isoformat())
    )


def _concept(system: str, code: str, display: str, text: str = "") -> dict[str, Any]:
    concept: dict[str, Any] = {"coding": [{"system": system, "code": code, "display": display}]}
    if text:
        concept["text"] = text
    return concept


def _project(code: str, text: str = "") -> dict[str, Any]:
    return _concept(PROJECT_CODES, code, FIGURES[code], text)


def _patient(settings: dict[str, Any]) -> dict[str, Any]:
    patient: dict[str, Any] = {"resourceType": "Patient", "id": _id("patient")}
    name = " ".join(str(settings.get("name") or "").split())
    identifier = " ".join(str(settings.get(IDENTIFIER) or "").split())
    if identifier:
        patient["identifier"] = [{"value": identifier}]
    if name:
        patient["name"] = [{"text": name}]
    return patient


def _response(exercise: Exercise, entry: Entry, patient: dict[str, Any]) -> dict[str, Any]:
    """One self-check as a QuestionnaireResponse: each answered question by its code (or its
    id when the worksheet gives none), the answer as a coding with its points."""
    english = exercise.english or exercise
    codes = exercise.codes
    items = []
    for spec, words in zip(english.fields, exercise.fields, strict=False):
        if spec.role == Role.WHEN or spec.kind != "choice":
            continue
        value = entry.answers.get(spec.id)
        option = option_of(english, spec, value)
        if option is None:
            continue
        code = codes.item(spec.id) if codes else ""
        answer: dict[str, Any]
        answer_code = codes.answer(option.id) if codes else ""
        if codes is not None and answer_code:
            answer = {"valueCoding": {"system": codes.system, "code": answer_code, "display": option.label}}
        else:
            answer = {
                "valueCoding": {"system": PROJECT_CODES, "code": f"{exercise.id}.{option.id}", "display": option.label}
            }
        if option.points is not None:
            answer["valueCoding"]["extension"] = [{"url": ORDINAL_VALUE, "valueDecimal": option.points}]
        items.append({"linkId": code or spec.id, "text": words.label, "answer": [answer]})
    score = score_of(exercise, entry.answers)
    if score is not None and score.total is not None:
        items.append(
            {
                "linkId": (codes.total if codes and codes.total else f"{exercise.id}.total"),
                "text": _("Total score"),
                "answer": [{"valueInteger": score.total}],
            }
        )
    response: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": _id(entry.id, "response"),
        "status": "completed",
        "subject": _ref(patient),
        "authored": _when(exercise, entry),
        "author": _ref(patient),
        "source": _ref(patient),
        "item": items,
    }
    if codes is not None and codes.panel and codes.system == LOINC:
        response["questionnaire"] = f"http://loinc.org/q/{codes.panel}"
    return response


def _total(
    exercise: Exercise, entry: Entry, patient: dict[str, Any], response: dict[str, Any]
) -> dict[str, Any] | None:
    """The self-check's total as an Observation. One with a question unanswered has no total
    (``dataAbsentReason``), but is there all the same: an answer that needs care (question
    9) must reach the clinic and the caseload whatever else was skipped."""
    score = score_of(exercise, entry.answers)
    if score is None:
        return None
    english = exercise.english or exercise
    codes = exercise.codes
    code = (
        _concept(codes.system, codes.total, f"{english.title} total score", exercise.title)
        if codes is not None and codes.total
        else _concept(PROJECT_CODES, f"{exercise.id}.total", f"{english.title} total score", exercise.title)
    )
    observation: dict[str, Any] = {
        "resourceType": "Observation",
        "id": _id(entry.id, "total"),
        "status": "final",
        "category": [_concept(CATEGORY, "survey", "Survey")],
        "code": code,
        "subject": _ref(patient),
        "effectiveDateTime": _when(exercise, entry),
        "performer": [_ref(patient)],
        "derivedFrom": [_ref(response)],
    }
    if score.total is not None:
        observation["valueInteger"] = score.total
        observation["interpretation"] = [{"text": score.band}]
    else:
        observation["dataAbsentReason"] = {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                    "code": "not-asked" if not score.unreadable else "error",
                    "display": "Not Asked" if not score.unreadable else "Error",
                }
            ],
            "text": score.describe(),
        }
    parts: list[dict[str, Any]] = []
    english_items = {f.id: f for f in (exercise.english or exercise).items}
    for spec, _answer in score.alerts:
        option = option_of(exercise.english or exercise, english_items.get(spec.id, spec), entry.answers.get(spec.id))
        coding = [{"system": PROJECT_CODES, "code": "alert-answer", "display": FIGURES["alert-answer"]}]
        if codes is not None and codes.item(spec.id):  # which question, in the measure's own codes
            coding.append({"system": codes.system, "code": codes.item(spec.id), "display": spec.label})
        parts.append(
            {
                "code": {"coding": coding, "text": spec.name},
                "valueInteger": option.points if option is not None and option.points is not None else 0,
            }
        )
    for part in score.parts:
        if part.total is None:
            continue
        part_code = (
            _concept(codes.system, part.subscale.code, part.subscale.label)
            if codes is not None and part.subscale.code
            else _concept(PROJECT_CODES, f"{exercise.id}.{part.subscale.id}", part.subscale.label)
        )
        parts.append({"code": part_code, "valueInteger": part.total, "interpretation": [{"text": part.band}]})
    if parts:
        observation["component"] = parts
    return observation


def _care_plan(exercise: Exercise, plan: Entry, patient: dict[str, Any]) -> dict[str, Any]:
    """The relapse-prevention plan: each list or table answer's items as activities, the
    rest as notes. The supporters' names and numbers are other people's: left out."""
    activities, notes = [], []
    known = {f.id: f for f in exercise.fields}
    answers = {k: v for k, v in plan.answers.items() if k in known}  # never a leftover answer's raw text
    for item in items_of(exercise, answers, skip=(Plan.contacts.id,)):
        if item.bullets:
            activities += [
                {"detail": {"status": "in-progress", "description": f"{item.label}: {bullet}"}}
                for bullet in item.bullets
            ]
        else:
            notes.append({"text": f"{item.label}: {item.text}"})
    care_plan: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": _id(plan.id, "plan"),
        "status": "active",
        "intent": "plan",
        "title": exercise.title,
        "subject": _ref(patient),
        "created": plan.created,
        "author": _ref(patient),
    }
    if activities:
        care_plan["activity"] = activities
    if notes:
        care_plan["note"] = notes
    return care_plan


def _quantity(value: float, unit: str) -> dict[str, Any]:
    if unit == "hours":
        return {"value": round(value, 1), "unit": "h", "system": UCUM, "code": "h"}
    return {"value": round(value, 1), "unit": "{score}", "system": UCUM, "code": "{score}"}


def _figures(
    exercise: Exercise, entries: list[Entry], patient: dict[str, Any], start: date, end: date
) -> dict[str, Any] | None:
    """A log's figures for the period as one Observation with a component each."""
    components: list[dict[str, Any]] = [{"code": _project("entries"), "valueInteger": len(entries)}]
    for role, code in (
        (Role.INTENSITY, "intensity-average"),
        (Role.MOOD, "mood-average"),
        (Role.SLEEP, "sleep-average"),
    ):
        spec = exercise.role_field(role)
        values = [v for e in entries if (v := intensity_of(exercise, e, role)) is not None] if spec else []
        if spec is not None and values:
            components.append(
                {"code": _project(code, spec.name), "valueQuantity": _quantity(sum(values) / len(values), spec.unit)}
            )
            if role is Role.INTENSITY:
                components.append({"code": _project("intensity-strongest", spec.name), "valueInteger": max(values)})
    if exercise.role_field(Role.OUTCOME) is not None:
        components.append(
            {
                "code": _project("use-days"),
                "valueInteger": len({day_of(exercise, e) for e in entries if outcome_of(exercise, e) is True}),
            }
        )
        components.append(
            {
                "code": _project("no-use-entries"),
                "valueInteger": sum(1 for e in entries if outcome_of(exercise, e) is False),
            }
        )
    if exercise.role_field(Role.MEDICATION) is not None:
        for meaning in ("taken", "missed"):
            days = {day_of(exercise, e) for e in entries if meaning_of(exercise, e, Role.MEDICATION) == meaning}
            components.append({"code": _project(f"medication-{meaning}-days"), "valueInteger": len(days)})
    if exercise.role_field(Role.MEETING) is not None:
        components.append(
            {
                "code": _project("meeting-days"),
                "valueInteger": len({day_of(exercise, e) for e in entries if attended(exercise, e)}),
            }
        )
    if len(components) == 1 and not any(exercise.role_field(r) for r in (Role.INTENSITY, Role.MOOD, Role.SLEEP)):
        return None  # a log without figures: its entries stay in the participant's report
    return {
        "resourceType": "Observation",
        "id": _id(exercise.id, start.isoformat(), end.isoformat(), "figures"),
        "status": "final",
        "category": [_concept(CATEGORY, "survey", "Survey")],
        "code": _project("log-summary", exercise.title),
        "subject": _ref(patient),
        "effectivePeriod": {"start": start.isoformat(), "end": end.isoformat()},
        "performer": [_ref(patient)],
        "component": components,
    }


def _said(component: dict[str, Any]) -> str:
    """A figure in the narrative: its name and value."""
    value = component.get("valueInteger", component.get("valueQuantity", {}).get("value"))
    return f"{component['code']['coding'][0]['display']}: {value}"


def _homework(
    shared: list[Entry], exercises: dict[str, Exercise], start: date, end: date
) -> tuple[list[str], dict[str, int]]:
    """Homework as the brief reads it: overdue and open tasks from any entry, done ones that
    were due in the period; as lines for the narrative and as counts."""
    lines: dict[str, list[str]] = {"overdue": [], "open": [], "done": []}
    for entry in shared:
        exercise = exercises.get(entry.exercise)
        if exercise is None or day_of(exercise, entry) > end:
            continue
        for task in tasks_of(exercise, entry):
            due = f" ({task.due.isoformat()})" if task.due else ""
            if task.done:
                if (task.due is not None and start <= task.due <= end) or (
                    task.due is None and start <= day_of(exercise, entry) <= end
                ):
                    lines["done"].append(_("Done: {task}").format(task=task.text + due))
            elif task.due is not None and task.due < end:
                lines["overdue"].append(_("Overdue: {task}").format(task=task.text + due))
            else:
                lines["open"].append(_("Open: {task}").format(task=task.text + due))
    return [*lines["overdue"], *lines["open"], *lines["done"]], {k: len(v) for k, v in lines.items()}


def build_bundle(
    entries: list[Entry],
    exercises: dict[str, Exercise],
    options: Options,
    settings: dict[str, Any],
    now: datetime,
    lang: str,
) -> dict[str, Any]:
    """The chosen period as a FHIR R4 document Bundle (a dict ready for JSON)."""
    shared = sorted(
        (e for e in entries if e.exercise in exercises and e.exercise in options.include and options.shares(e)),
        key=lambda e: sort_key(exercises[e.exercise], e),
    )
    chosen = [e for e in shared if options.selects(e, exercises[e.exercise])]
    days = [day_of(exercises[e.exercise], e) for e in chosen]
    end = options.end or now.date()
    start = options.start or (options.since.date() if options.since else (min(days) if days else end))
    patient = _patient(settings)

    checks: list[dict[str, Any]] = []
    check_lines: list[str] = []
    for entry in chosen:
        exercise = exercises[entry.exercise]
        if not exercise.bands:
            continue
        response = _response(exercise, entry, patient)
        checks.append(response)
        total = _total(exercise, entry, patient, response)
        score = score_of(exercise, entry.answers)
        if total is not None:
            checks.append(total)
        if score is not None:
            line = f"{exercise.title}, {_when(exercise, entry)}: {score.describe()}"
            line += "".join(
                " " + _('{name} was answered "{answer}". Please ask about it.').format(name=spec.name, answer=answer)
                for spec, answer in score.alerts
            )
            check_lines.append(line)

    plans = [e for e in shared if e.exercise == Plan.ID and Plan.ID in options.include and Plan.ID in exercises]
    care = [_care_plan(exercises[Plan.ID], plans[0], patient)] if plans else []

    figures: list[dict[str, Any]] = []
    figure_lines: list[str] = []
    for worksheet in dict.fromkeys(e.exercise for e in chosen):
        exercise = exercises[worksheet]
        if exercise.single or exercise.bands:
            continue
        found = _figures(exercise, [e for e in chosen if e.exercise == worksheet], patient, start, end)
        if found is not None:
            figures.append(found)
            figure_lines.append(f"{exercise.title}: " + "; ".join(_said(c) for c in found["component"]))
    homework, counts = _homework(shared, exercises, start, end)
    tasks: list[dict[str, Any]] = []
    if any(counts.values()):
        tasks.append(
            {
                "resourceType": "Observation",
                "id": _id("homework", start.isoformat(), end.isoformat()),
                "status": "final",
                "category": [_concept(CATEGORY, "survey", "Survey")],
                "code": _project("homework"),
                "subject": _ref(patient),
                "effectivePeriod": {"start": start.isoformat(), "end": end.isoformat()},
                "performer": [_ref(patient)],
                "component": [
                    {"code": _project(f"homework-{kind}"), "valueInteger": count} for kind, count in counts.items()
                ],
            }
        )

    title = _("Recovery Workbook: my work to share")
    sections = [
        (_("Self-checks"), check_lines, checks),
        (exercises[Plan.ID].title if Plan.ID in exercises else _("Plan"), [], care),
        (_("Cravings and check-ins"), figure_lines, figures),
        (_("Homework"), homework, tasks),
    ]
    composition: dict[str, Any] = {
        "resourceType": "Composition",
        "id": _id("composition", _instant(now), start.isoformat(), end.isoformat()),
        "status": "final",
        "type": _concept(LOINC, "11503-0", "Medical records"),
        "subject": _ref(patient),
        "date": _instant(now),
        "author": [_ref(patient)],
        "title": title,
        "text": _narrative([title, f"{start.isoformat()} – {end.isoformat()}"]),
        "event": [{"period": {"start": start.isoformat(), "end": end.isoformat()}}],
        "section": [
            {
                "title": name,
                "text": _narrative(
                    lines or [r.get("title", "") for r in resources if r.get("title")] or [_("Nothing in this period.")]
                ),
                **({"entry": [_ref(r) for r in resources]} if resources else {}),
            }
            for name, lines, resources in sections
        ],
    }
    resources = [composition, patient, *checks, *care, *figures, *tasks]
    provenance = {
        "resourceType": "Provenance",
        "id": _id("provenance", composition["id"]),
        "target": [_ref(r) for r in resources],
        "recorded": _instant(now),
        "agent": [
            {
                "type": _concept(
                    "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author"
                ),
                "who": _ref(patient),
            }
        ],
    }
    resources.append(provenance)
    cleaned = fhir_clean(
        {
            "resourceType": "Bundle",
            "id": _id("bundle", composition["id"]),
            "language": lang,
            "identifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{_id('document', composition['id'])}"},
            "type": "document",
            "timestamp": _instant(now),
            "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
        }
    )
    assert isinstance(cleaned, dict)
    return cleaned


_ODD_SPACE = re.compile(r"[^\S \r\n\t]")  # whitespace FHIR's string type does not allow
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def fhir_clean(value: Any) -> Any:
    """``value`` as FHIR JSON allows it: every string with only the whitespace FHIR's string
    type takes (a no-break space becomes a space) and no character XML or JSON cannot hold;
    no empty string, array or object (FHIR forbids them)."""
    if isinstance(value, str):
        return _NOT_TEXT.sub("", _ODD_SPACE.sub(" ", value))
    if isinstance(value, list):
        items = [fhir_clean(v) for v in value]
        return [v for v in items if v not in ("", [], {}, None)]
    if isinstance(value, dict):
        cleaned = {k: fhir_clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in ("", [], {}, None)}
    return value


def is_fhir(document: Any) -> bool:
    """True for a FHIR resource (a file for a clinic's record, not a workbook backup)."""
    return isinstance(document, dict) and isinstance(document.get("resourceType"), str)
