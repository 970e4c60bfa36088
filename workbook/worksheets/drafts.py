"""Provides ``Draft``: a form that was not saved yet, kept as the person types so that a
quit, a crash or a closed terminal loses no word. One draft per form: a new entry of a
worksheet, or an edit of one entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def draft_key(exercise_id: str, entry_id: str | None) -> str:
    return f"{exercise_id}:{entry_id or 'new'}"


@dataclass(frozen=True)
class Draft:
    exercise: str
    entry: str | None  # the entry being changed, or None for a new one
    answers: dict[str, Any]
    private: bool
    saved: str  # when the draft was last kept (ISO 8601)
    bring: bool = False  # marked to bring to the next session

    @property
    def key(self) -> str:
        return draft_key(self.exercise, self.entry)

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "entry": self.entry,
            "answers": self.answers,
            "private": self.private,
            "saved": self.saved,
            "bring": self.bring,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Draft | None:
        """The draft a stored document holds (``None`` for one that is not whole)."""
        exercise, entry, answers = data.get("exercise"), data.get("entry"), data.get("answers")
        if (
            not isinstance(exercise, str)
            or not isinstance(answers, dict)
            or not (entry is None or isinstance(entry, str))
        ):
            return None
        saved = data.get("saved")
        return cls(
            exercise,
            entry,
            answers,
            data.get("private") is True,
            saved if isinstance(saved, str) else "",  # "" sorts a draft of unknown age last
            data.get("bring") is True,
        )


def drafts_of(documents: dict[str, dict[str, Any]]) -> list[Draft]:
    """The whole drafts among stored documents, newest first."""
    found = [d for doc in documents.values() if (d := Draft.from_dict(doc)) is not None]
    return sorted(found, key=lambda d: d.saved, reverse=True)
