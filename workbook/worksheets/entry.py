"""Provides the domain objects: a saved ``Entry`` and its earlier versions (``Revision``).

Answers are keyed by field id (never by label) and carry the worksheet version
they were written against, so rewording a worksheet never orphans old answers.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from workbook.common.clock import SYSTEM_CLOCK, Clock, stamp

Answers = dict[str, Any]


def now_iso(clock: Clock = SYSTEM_CLOCK) -> str:
    """The moment by ``clock``, ISO 8601 with its UTC offset, to the second."""
    return stamp(clock)


def parse_iso(value: str) -> datetime:
    """Parse a timestamp written by ``now_iso`` (or any ISO 8601 date/time)."""
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.astimezone()


@dataclass
class Revision:
    """An earlier version of an entry, kept when the entry was saved over."""

    saved: str
    exercise_version: int
    answers: Answers
    private: bool = False


@dataclass
class Entry:
    """One filled-in worksheet."""

    id: str
    exercise: str
    created: str
    updated: str
    answers: Answers
    exercise_version: int = 1
    private: bool = False
    revisions: list[Revision] = field(default_factory=list)
    bring_to_session: bool = False  # marked by the person to talk about at their next session

    @classmethod
    def new(
        cls,
        exercise: str,
        answers: Answers,
        *,
        exercise_version: int = 1,
        private: bool = False,
        created: str | None = None,
        bring_to_session: bool = False,
    ) -> Entry:
        stamp = created or now_iso()
        return cls(
            id=str(uuid.uuid4()),
            exercise=exercise,
            created=stamp,
            updated=stamp,
            answers=dict(answers),
            exercise_version=exercise_version,
            private=private,
            bring_to_session=bring_to_session,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, share: bool = False) -> Entry:
        """An entry from its stored form. ``share`` keeps the stored answer dicts instead of
        copies (the store's index does: entries it hands out are read-only, and at decades of
        entries the copies were a fifth of the memory)."""
        copy = (lambda d: d) if share else dict
        revisions = [
            Revision(
                saved=str(rev["saved"]),
                exercise_version=int(rev.get("exercise_version", 1)),
                answers=copy(rev.get("answers", {})),
                private=bool(rev.get("private", False)),
            )
            for rev in data.get("revisions", [])
        ]
        return cls(
            id=str(data["id"]),
            exercise=str(data["exercise"]),
            created=str(data["created"]),
            updated=str(data["updated"]),
            answers=copy(data.get("answers", {})),
            exercise_version=int(data.get("exercise_version", 1)),
            private=bool(data.get("private", False)),
            revisions=revisions,
            bring_to_session=bool(data.get("bring_to_session", False)),
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def revised(
        self,
        answers: Answers,
        *,
        exercise_version: int | None = None,
        private: bool | None = None,
        bring_to_session: bool | None = None,
        updated: str | None = None,
    ) -> Entry:
        """A copy with new answers, saved at ``updated`` (now when not given); the current
        version goes into ``revisions``."""
        history = [*self.revisions, Revision(self.updated, self.exercise_version, dict(self.answers), self.private)]
        return Entry(
            id=self.id,
            exercise=self.exercise,
            created=self.created,
            updated=updated or now_iso(),
            answers=dict(answers),
            exercise_version=self.exercise_version if exercise_version is None else exercise_version,
            private=self.private if private is None else private,
            revisions=history,
            bring_to_session=self.bring_to_session if bring_to_session is None else bring_to_session,
        )

    @property
    def created_at(self) -> datetime:
        return parse_iso(self.created)
