"""Provides checking a saved or imported entry, the way the form checks what is typed.

``envelope_problem`` checks what every entry must have (id, worksheet, dates with their
UTC offset, answers, earlier versions); ``storable_problem`` checks that a value has a
shape the store can always save (bounded nesting, 64-bit whole numbers, finite numbers);
``entry_problem`` adds each answer's check against its worksheet definition. Imports,
``workbook check`` and the store's open all use these, so an entry that is accepted
anywhere is one that the app opens and every export renders.

Rule for worksheets this computer does not have: their entries are accepted when their
envelope and the shape of their answers are sound (they are kept, and shown once that
worksheet is added); their answers cannot be checked further.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workbook.common.i18n import _
from workbook.worksheets.answers import MAX_YEAR, MIN_YEAR, future_problem, is_empty, validate_answer
from workbook.worksheets.definition import MAX_VERSION, Exercise

ENTRY_KEYS = {
    "id",
    "exercise",
    "exercise_version",
    "created",
    "updated",
    "private",
    "answers",
    "revisions",
    "bring_to_session",
}
REQUIRED_KEYS = ("id", "exercise", "created", "updated", "answers")
REVISION_KEYS = {"saved", "exercise_version", "answers", "private"}
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")
WORKSHEET_RE = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
MAX_DEPTH = 6
MAX_REVISIONS = 10_000
MAX_ENTRIES = 250_000  # in one workbook: thirty years of daily use is about 30,000
# Sizes count characters and items, whatever the field, its version or its key; generous for
# real use (a long journal page is about 10,000 characters), small enough that no report or
# save is asked to hold gigabytes (docs/architecture.md, "Limits").
MAX_ANSWER_SIZE = 1_000_000  # in one answer
MAX_STORED_SIZE = 2_000_000  # in all of one entry's answers, one draft, or the settings
INT64 = 2**63


@dataclass(frozen=True)
class EntryProblem:
    """Why an entry cannot be accepted: the field (or part) and the reason."""

    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}" if self.field else self.reason


def size_of(value: Any, limit: int) -> int:
    """Characters of text and keys plus one per item in ``value``; counting stops once past ``limit``."""
    total = 0
    stack = [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, dict):
            total += len(item)
            for key, inner in item.items():
                total += len(key) if isinstance(key, str) else 1
                stack.append(inner)
        elif isinstance(item, list):
            total += len(item)
            stack.extend(item)
        else:
            total += 1
    return total


def _too_large(value: Any, limit: int) -> str | None:
    if size_of(value, limit) > limit:
        return _("it is larger than {limit:,} characters. Please shorten it or split it.").format(limit=limit)
    return None


def storable_problem(value: Any, depth: int = 0) -> str | None:
    """Why ``value`` cannot be stored as an answer (a draft, a setting), or ``None`` when it can."""
    if depth == 0 and (problem := _too_large(value, MAX_STORED_SIZE)):
        return problem
    if depth > MAX_DEPTH:
        return _("it is nested more than {MAX_DEPTH} levels deep").format(MAX_DEPTH=MAX_DEPTH)
    if value is None or isinstance(value, (bool, str)):
        return None
    if isinstance(value, int):
        return None if -INT64 <= value < INT64 else _("a whole number is too large to store")
    if isinstance(value, float):
        return None if math.isfinite(value) else _("a number is not finite")
    if isinstance(value, list):
        return next((p for item in value if (p := storable_problem(item, depth + 1))), None)
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            return _("its keys must be text")
        return next((p for item in value.values() if (p := storable_problem(item, depth + 1))), None)
    return _("a {name__} cannot be stored").format(name__=type(value).__name__)


# RFC 3339, as ``now_iso`` writes it: 2026-11-20T21:14:03-05:00 (fractions and Z allowed).
STAMP_RE = re.compile(
    r"^(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})$"
)


def parse_stamp(value: Any) -> datetime | None:
    """A timestamp as the program writes it (RFC 3339 with its UTC offset), or ``None``."""
    if not isinstance(value, str) or not STAMP_RE.fullmatch(value):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    # Years are bounded, so turning the moment into local time can never overflow.
    if moment.tzinfo is None or not MIN_YEAR <= moment.year <= MAX_YEAR:
        return None
    return moment


def _version_problem(value: Any) -> bool:
    return not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_VERSION


def validate_entry(
    exercise: Exercise, answers: Any, *, now: datetime | None = None, complete: bool = True
) -> list[EntryProblem]:
    """Every reason ``answers`` cannot be saved as an entry of ``exercise``, one per field
    (empty when they can): the one check every way in uses (the form, the shell, practice,
    imports). Each key must name a field id and hold a shape the store keeps; each answer must
    fit its field. ``complete`` asks that required fields be filled (a save; an imported or
    stored entry is not damaged for lacking one); with ``now``, the moment an entry is about
    may not be later than now (a living document is not about a moment)."""
    if not isinstance(answers, dict):
        return [EntryProblem("answers", _("is missing or not an object"))]
    found: list[EntryProblem] = []
    for key, value in answers.items():  # in the order they were given: the first problem named is the first one met
        if not isinstance(key, str) or not WORKSHEET_RE.fullmatch(key):
            found.append(
                EntryProblem("answers", _("the answer key {value!r} is not a field id").format(value=str(key)[:30]))
            )
            continue
        problem = storable_problem(value) or _too_large(value, MAX_ANSWER_SIZE)
        spec = exercise.field(key)
        if problem is None and spec is not None and not is_empty(value):
            problem = validate_answer(spec, value)
            if problem is None and now is not None and not exercise.single:
                problem = future_problem(spec, value, now)
        if problem:
            found.append(EntryProblem(key, problem))
    if not found and (problem := _too_large(answers, MAX_STORED_SIZE)):
        found.append(EntryProblem("answers", problem))
    if complete:
        for spec in exercise.fields:
            if is_empty(answers.get(spec.id)) and (problem := validate_answer(spec, None)) is not None:
                found.append(EntryProblem(spec.id, problem))
    return found


def _answers_problem(answers: Any, exercise: Exercise | None, check_fields: bool) -> EntryProblem | None:
    if exercise is not None and check_fields:
        problems = validate_entry(exercise, answers, complete=False)
        return problems[0] if problems else None
    if not isinstance(answers, dict):
        return EntryProblem("answers", _("is missing or not an object"))
    for key, value in answers.items():
        if not isinstance(key, str) or not WORKSHEET_RE.fullmatch(key):
            return EntryProblem("answers", _("the answer key {value!r} is not a field id").format(value=str(key)[:30]))
        problem = storable_problem(value) or _too_large(value, MAX_ANSWER_SIZE)
        if problem:
            return EntryProblem(key, problem)
    if problem := _too_large(answers, MAX_STORED_SIZE):
        return EntryProblem("answers", problem)
    return None


def envelope_problem(doc: Any) -> EntryProblem | None:
    """What every entry must have, whatever its worksheet (``None`` when it has it)."""
    if not isinstance(doc, dict):
        return EntryProblem("", _("is not a JSON object"))
    if not doc.keys() <= ENTRY_KEYS:  # (checked this way first: every open checks every entry)
        unknown = sorted(str(k)[:20] for k in set(doc) - ENTRY_KEYS)
        return EntryProblem(unknown[0], _("is not a part of an entry"))
    for key in REQUIRED_KEYS:
        if key not in doc:
            return EntryProblem(key, _("is missing"))
    if not isinstance(doc["id"], str) or not ID_RE.fullmatch(doc["id"]):
        return EntryProblem("id", _("must be 1-100 letters, digits, '.', '_', ':' or '-'"))
    if not isinstance(doc["exercise"], str) or not WORKSHEET_RE.fullmatch(doc["exercise"]):
        return EntryProblem("exercise", _("is not a worksheet id"))
    for key in ("created", "updated"):
        if parse_stamp(doc[key]) is None:
            return EntryProblem(
                key,
                _(
                    "is not a date and time with its UTC offset between "
                    "{MIN_YEAR} and {MAX_YEAR}, like 2026-11-20T21:14:03-05:00"
                ).format(MIN_YEAR=MIN_YEAR, MAX_YEAR=MAX_YEAR),
            )
    if "exercise_version" in doc and _version_problem(doc["exercise_version"]):
        return EntryProblem(
            "exercise_version", _("must be a whole number from 1 to {MAX_VERSION}").format(MAX_VERSION=MAX_VERSION)
        )
    for flag in ("private", "bring_to_session"):
        if not isinstance(doc.get(flag, False), bool):
            return EntryProblem(flag, _("must be true or false"))
    if not isinstance(doc["answers"], dict):
        return EntryProblem("answers", _("is missing or not an object"))
    revisions = doc.get("revisions", [])
    if not isinstance(revisions, list) or len(revisions) > MAX_REVISIONS:
        return EntryProblem(
            "revisions",
            _("must be a list of at most {MAX_REVISIONS} earlier versions").format(MAX_REVISIONS=MAX_REVISIONS),
        )
    for number, rev in enumerate(revisions, start=1):
        where = f"revisions[{number}]"
        if not isinstance(rev, dict):
            return EntryProblem(where, _("is not a JSON object"))
        if not rev.keys() <= REVISION_KEYS:
            return EntryProblem(
                where,
                _("has an unknown part '{value}'").format(
                    value=sorted(str(k) for k in set(rev) - REVISION_KEYS)[0][:20]
                ),
            )
        if parse_stamp(rev.get("saved")) is None:
            return EntryProblem(f"{where}.saved", _("is not a date and time with its UTC offset"))
        if "exercise_version" in rev and _version_problem(rev["exercise_version"]):
            return EntryProblem(
                f"{where}.exercise_version",
                _("must be a whole number from 1 to {MAX_VERSION}").format(MAX_VERSION=MAX_VERSION),
            )
        if not isinstance(rev.get("private", False), bool):
            return EntryProblem(f"{where}.private", _("must be true or false"))
        if not isinstance(rev.get("answers"), dict):
            return EntryProblem(f"{where}.answers", _("is missing or not an object"))
    return None


def entry_problem(doc: Any, exercises: dict[str, Exercise]) -> EntryProblem | None:
    """Everything ``envelope_problem`` checks, plus each answer against its worksheet.

    Answers (current and earlier versions alike) are checked against the worksheet's fields
    as this computer has them when they were written for the same worksheet version, and for
    a shape the store can keep otherwise (a question may have changed kind since: the app
    and every export read such answers defensively).
    """
    problem = envelope_problem(doc)
    if problem is not None:
        return problem
    exercise = exercises.get(doc["exercise"])
    # Answers written for another version of the worksheet may have another shape (a question
    # that changed kind): they are kept as they are, checked only for a shape the store keeps.
    current = exercise is not None and doc.get("exercise_version", 1) == exercise.version
    found = _answers_problem(doc["answers"], exercise, current)
    if found is not None:
        return EntryProblem(f"answers.{found.field}" if found.field != "answers" else "answers", found.reason)
    for number, rev in enumerate(doc.get("revisions", []), start=1):
        same = exercise is not None and rev.get("exercise_version", 1) == exercise.version
        found = _answers_problem(rev["answers"], exercise, same)
        if found is not None:
            return EntryProblem(f"revisions[{number}].answers.{found.field}", found.reason)
    return None
