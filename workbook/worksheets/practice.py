"""Provides the guided practices in this program's own plain words, and what each one keeps:
paced breathing, grounding (five things, four, three, two, one), riding out an urge, and
tensing and relaxing the muscles.

Every practice is kept in the practice log (date, skill, minutes, a rating before and
after). Riding out an urge is also kept in the craving log with both strengths and what
helped, so the report's "what helped" learns from practice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from workbook.common.i18n import N_, _
from workbook.worksheets.builtin import Cravings, Practice

BREATHING, GROUNDING, URGE, MUSCLES = "breathing", "grounding", "urge", "muscles"
SKILL_NAMES = {
    BREATHING: N_("Paced breathing"),
    GROUNDING: N_("Grounding: five, four, three, two, one"),
    URGE: N_("Riding out an urge"),
    MUSCLES: N_("Tensing and relaxing my muscles"),
}
REDUCED_MOTION = "reduced_motion"  # a setting: True shows the practices as words and numbers only


@dataclass(frozen=True)
class Phase:
    words: str
    seconds: int
    grows: bool | None = None  # the bar fills (breathing in), empties (out), or stays (hold)


@dataclass(frozen=True)
class Pattern:
    name: str
    phases: tuple[Phase, ...]

    @property
    def seconds(self) -> int:
        return sum(p.seconds for p in self.phases)


PATTERNS = (
    Pattern(
        N_("4 in, 6 out: slows things down"),
        (Phase(N_("Breathe in"), 4, True), Phase(N_("Breathe out, slowly"), 6, False)),
    ),
    Pattern(
        N_("4, 4, 4, 4: the box"),
        (
            Phase(N_("Breathe in"), 4, True),
            Phase(N_("Hold"), 4, None),
            Phase(N_("Breathe out"), 4, False),
            Phase(N_("Hold"), 4, None),
        ),
    ),
    Pattern(
        N_("4 in, 7 hold, 8 out: for winding down"),
        (Phase(N_("Breathe in"), 4, True), Phase(N_("Hold"), 7, None), Phase(N_("Breathe out, slowly"), 8, False)),
    ),
)
MINUTES = (1, 2, 3, 5, 10)


@dataclass(frozen=True)
class GroundingStep:
    count: int
    sense: str
    prompt: str


GROUNDING_STEPS = (
    GroundingStep(5, N_("see"), N_("Look around. Name five things you can see.")),
    GroundingStep(4, N_("touch"), N_("Name four things you can touch or feel: your feet on the floor, your clothes.")),
    GroundingStep(3, N_("hear"), N_("Listen. Name three things you can hear.")),
    GroundingStep(2, N_("smell"), N_("Name two things you can smell, or two smells you like.")),
    GroundingStep(1, N_("taste"), N_("Name one thing you can taste, or one taste you like.")),
)

URGE_MINUTES = (10, 15, 20)
URGE_PROMPTS = (
    N_("An urge is like a wave. It rises, it peaks, and it passes. You do not have to act on it."),
    N_("Notice where you feel it in your body: your chest, your hands, your stomach, your mouth."),
    N_("Breathe into that place. You are watching the wave, not fighting it."),
    N_("It may feel stronger for a while. That is the wave rising. It will not rise for ever."),
    N_("Stay with your breath. Each minute you wait, you are riding the wave."),
    N_("Notice any change: warmer, cooler, tighter, looser. Urges change when we watch them."),
    N_("The wave is passing, even if slowly. You are still here, and still choosing."),
    N_("Think of one reason you chose recovery. Let it sit beside the urge."),
)
URGE_PROMPT_SECONDS = 90


@dataclass(frozen=True)
class MuscleGroup:
    name: str
    tense: str


MUSCLE_GROUPS = (
    MuscleGroup(N_("Hands and arms"), N_("Make fists and tighten your arms.")),
    MuscleGroup(N_("Shoulders"), N_("Lift your shoulders up toward your ears.")),
    MuscleGroup(N_("Face"), N_("Scrunch your eyes and press your lips together.")),
    MuscleGroup(N_("Neck"), N_("Gently press your chin down toward your chest.")),
    MuscleGroup(N_("Stomach"), N_("Pull your stomach in tight.")),
    MuscleGroup(N_("Legs"), N_("Press your knees together and tighten your thighs.")),
    MuscleGroup(N_("Feet"), N_("Curl your toes down.")),
)
TENSE_SECONDS, RELEASE_SECONDS = 5, 10
RELEASE_WORDS = N_("Let go. Notice how your muscles feel as they soften.")


def practice_answers(
    skill: str, seconds: int, before: int | None, after: int | None, today: date, notes: str = ""
) -> dict[str, Any]:
    """The practice log's answers for one practice (whole minutes, rounded, at least one for
    any practice that was done)."""
    answers: dict[str, Any] = {
        Practice.skill.id: skill,
        Practice.date.id: today.isoformat(),
        Practice.minutes.id: minutes_of(seconds),
    }
    if before is not None:
        answers[Practice.before.id] = before
    if after is not None:
        answers[Practice.after.id] = after
    if notes.strip():
        answers[Practice.notes.id] = notes.strip()
    return answers


def minutes_of(seconds: int) -> int:
    """Whole minutes, rounded; any practice that was done counts as at least one (a finished
    grounding of forty seconds is never logged as "0 minutes")."""
    return max(1, round(seconds / 60)) if seconds > 0 else 0


def completed_craving(current: dict[str, Any], ridden: dict[str, Any]) -> dict[str, Any]:
    """The craving entry ``current`` once the urge in it was ridden out (``ridden``: from
    ``urge_craving_answers``). What the person wrote in the entry wins: the strength at the
    end and the outcome are filled only where they are still empty (the entry may have been
    changed, to a use even, while the practice ran); the minutes are added to any already
    there (a second ride on the same craving). The minutes are a number, not words, so a
    report reads them in its own language."""
    from workbook.worksheets.answers import is_empty

    answers = dict(current)
    for ref in (Cravings.strength_end, Cravings.outcome):
        if ref.id in ridden and is_empty(answers.get(ref.id)):
            answers[ref.id] = ridden[ref.id]
    minutes = Cravings.surfed_minutes
    before = max(0, minutes.number(current) or 0)  # a hand-edited -5 counts as none
    answers[minutes.id] = min(before + ridden[minutes.id], _SURFED_MAX)
    return answers


_SURFED_MAX = 90  # the craving log's own limit for the minutes (exercises/trigger-log.toml)


def urge_craving_answers(before: int, after: int | None, seconds: int) -> dict[str, Any]:
    """The craving log's answers after riding out an urge: both strengths and the minutes."""
    answers: dict[str, Any] = {
        Cravings.strength.id: before,
        Cravings.surfed_minutes.id: min(minutes_of(seconds), _SURFED_MAX),
    }
    if after is not None:
        answers[Cravings.strength_end.id] = after
        answers[Cravings.outcome.id] = Cravings.DID_NOT_USE
    return answers


def parse_rating(text: str) -> int | None:
    """A 0-10 rating typed in a practice ("" skips it); ``ValueError`` with what to type."""
    stripped = text.strip()
    if not stripped:
        return None
    if stripped.isascii() and stripped.isdigit() and len(stripped) <= 2 and 0 <= int(stripped) <= 10:
        return int(stripped)
    raise ValueError(_("Type a number from 0 to 10, or press Enter to skip."))
