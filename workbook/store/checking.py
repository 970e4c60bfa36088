"""Provides ``check_file``: verify a data file without changing it, entry by entry.

The same checks an import makes (``workbook.worksheets.entry_check``): each entry's
envelope and each answer against its worksheet. The report names the entry and the field,
so a damaged entry is found without opening the app. No lock is needed: saves are atomic.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbook.common.errors import DamagedFileError, NewerFormatError
from workbook.common.i18n import _, ngettext
from workbook.store.archive import DamagedYear, open_all
from workbook.store.codec import Codec
from workbook.store.migrations import CURRENT_SCHEMA, META_TABLE, SET_ASIDE_TABLE, schema_of
from workbook.store.opening import newest_backup_for
from workbook.store.storage import DurableStorage
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry_check import entry_problem, envelope_problem

MAX_LISTED = 10


@dataclass
class CheckReport:
    """The outcome of ``check_file``."""

    ok: bool
    message: str


def _listed(problems: list[str]) -> str:
    more = _("\n  … and {value} more.").format(value=len(problems) - MAX_LISTED) if len(problems) > MAX_LISTED else ""
    return "\n".join(problems[:MAX_LISTED]) + more


def _unreadable_scores(doc: dict[str, object], exercises: dict[str, Exercise]) -> tuple[str, ...]:
    """The scored questions of a self-check entry whose answers hold a value that cannot be read."""
    from workbook.worksheets.measures import score_of

    exercise = exercises.get(str(doc.get("exercise")))
    answers = doc.get("answers")
    if exercise is None or not exercise.bands or not isinstance(answers, dict):
        return ()
    score = score_of(exercise, answers)
    return score.unreadable if score is not None else ()


def check_file(path: Path, exercises: dict[str, Exercise], codec: Codec | None = None) -> CheckReport:
    """Verify the file at ``path`` and every entry in it, against ``exercises``."""
    if not path.exists() and not path.is_symlink():
        return CheckReport(
            False,
            _("No workbook file at {path} yet. It is made the first time you start the program.").format(path=path),
        )
    try:
        data = DurableStorage(path, codec).read() or {}
    except DamagedFileError as exc:
        good, encrypted = newest_backup_for(path, codec)
        return CheckReport(False, str(DamagedFileError(exc.path, exc.reason, good, backup_encrypted=encrypted)))
    version = schema_of(data)
    if version > CURRENT_SCHEMA:
        return CheckReport(False, str(NewerFormatError(path, version, CURRENT_SCHEMA)))
    if META_TABLE not in data and version == CURRENT_SCHEMA:
        return CheckReport(False, _("{path}: the file has no version record.").format(path=path))
    damaged, misfits = [], []
    seen: dict[str, str] = {}
    count = 0
    for doc_id, doc in open_all(data):  # closed years are unpacked and checked like the rest
        if isinstance(doc, DamagedYear):
            damaged.append(f"  {doc_id}: {doc.reason}")
            continue
        count += 1
        name = doc.get("id") if isinstance(doc, dict) and isinstance(doc.get("id"), str) else None
        which = (
            _("entry {value} (record {doc_id})").format(value=name[:40], doc_id=doc_id)
            if name
            else _("record {doc_id}").format(doc_id=doc_id)
        )
        broken = envelope_problem(doc)
        if broken is not None:
            damaged.append(f"  {which}: {broken}")
            continue
        if name in seen:
            damaged.append(_("  {which}: has the same id as record {value}").format(which=which, value=seen[name]))
        seen.setdefault(str(name), str(doc_id))
        problem = entry_problem(doc, exercises)
        if problem is not None:
            misfits.append(f"  {which}: {problem}")
        else:
            unread = _unreadable_scores(doc, exercises)
            if unread:
                misfits.append(
                    "  "
                    + _("{which}: an answer to {join} could not be read (it is flagged for the counselor)").format(
                        which=which, join=", ".join(unread)
                    )
                )
    if damaged:
        good, encrypted = newest_backup_for(path, codec)
        hint = (
            (_("\nNewest encrypted backup: {good}") if encrypted else _("\nNewest backup: {good}")).format(good=good)
            if good
            else ""
        )
        count = len(damaged)
        return CheckReport(
            False,
            ngettext("{path}: {count} entry is damaged:\n", "{path}: {count} entries are damaged:\n", count).format(
                path=path, count=count
            )
            + _listed(damaged)
            + hint,
        )
    if misfits:
        count = len(misfits)
        return CheckReport(
            False,
            ngettext(
                "{path}: {count} entry has answers that do not fit the worksheet as this "
                "computer has it (they are kept as they are, and shown as text):\n",
                "{path}: {count} entries have answers that do not fit the worksheet as "
                "this computer has it (they are kept as they are, and shown as text):\n",
                count,
            ).format(path=path, count=count)
            + _listed(misfits),
        )
    from workbook.store.inbox import folder_of, set_aside_count

    waiting = set_aside_count(path)
    if waiting:
        return CheckReport(
            False,
            ngettext(
                "{path}: {count} entry logged from the shell could not be read, and is kept in {folder}.",
                "{path}: {count} entries logged from the shell could not be read, and are kept in {folder}.",
                waiting,
            ).format(path=path, count=waiting, folder=folder_of(path)),
        )
    aside = data.get(SET_ASIDE_TABLE, {})
    if aside:
        reasons = [
            _("  set aside {value}: {value2}").format(
                value=str(r.get("set_aside", ""))[:25], value2=str(r.get("reason", ""))[:200]
            )
            for r in aside.values()
            if isinstance(r, dict)
        ]
        return CheckReport(
            False,
            _(
                "{path}: {count} damaged record(s) were set aside when the file "
                "was opened (kept word for word in the file; everything else "
                "works):\n"
            ).format(path=path, count=len(aside))
            + _listed(reasons),
        )
    note = _(" (an older format; it is updated the next time the program opens it)") if version < CURRENT_SCHEMA else ""
    return CheckReport(
        True,
        ngettext(
            "ok: {path} holds {count} entry, format {version}{note}.",
            "ok: {path} holds {count} entries, format {version}{note}.",
            count,
        ).format(path=path, count=count, version=version, note=note),
    )
