"""Provides ``MuscleRelaxationScreen``: tense and release, one muscle group at a time, with a
timer for each (about two minutes in all)."""

from __future__ import annotations

from workbook.ui.screens.practice.base import PracticeScreen
from workbook.worksheets.practice import MUSCLE_GROUPS, MUSCLES, RELEASE_SECONDS, RELEASE_WORDS, TENSE_SECONDS


class MuscleRelaxationScreen(PracticeScreen):
    SKILL = MUSCLES

    def begin(self) -> None:
        step = TENSE_SECONDS + RELEASE_SECONDS
        total = step * len(MUSCLE_GROUPS)

        def each(elapsed: float) -> None:
            number = min(len(MUSCLE_GROUPS) - 1, int(elapsed // step))
            group = MUSCLE_GROUPS[number]
            into = elapsed - number * step
            where = f"{number + 1} of {len(MUSCLE_GROUPS)}, {group.name.lower()}"
            if into < TENSE_SECONDS:
                count = int(TENSE_SECONDS - into + 0.999)
                self.say(f"{where}. Tense: {group.tense} … {count}", into / TENSE_SECONDS, total - elapsed)
            else:
                count = int(step - into + 0.999)
                self.say(f"{where}. {RELEASE_WORDS} … {count}", 1 - (into - TENSE_SECONDS) / RELEASE_SECONDS,
                         total - elapsed)

        self.run(total, each, self._done)

    def _done(self) -> None:
        self.finish("Well done. Take a moment before you get up.")
