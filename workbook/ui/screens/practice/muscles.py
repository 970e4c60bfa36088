"""Provides ``MuscleRelaxationScreen``: tense and release, one muscle group at a time, with a
timer for each (about two minutes in all)."""

from __future__ import annotations

from workbook.common.i18n import _
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
            where = _("{value} of {count}, {lower}").format(
                value=number + 1, count=len(MUSCLE_GROUPS), lower=_(group.name).lower()
            )
            if into < TENSE_SECONDS:
                count = int(TENSE_SECONDS - into + 0.999)
                self.say(
                    _("{where}. Tense: {tense} … {count}").format(where=where, tense=_(group.tense), count=count),
                    into / TENSE_SECONDS,
                    total - elapsed,
                )
            else:
                count = int(step - into + 0.999)
                self.say(
                    f"{where}. {_(RELEASE_WORDS)} … {count}",
                    1 - (into - TENSE_SECONDS) / RELEASE_SECONDS,
                    total - elapsed,
                )

        self.run(total, each, self._done)

    def _done(self) -> None:
        self.finish(_("Well done. Take a moment before you get up."))
