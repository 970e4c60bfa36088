"""Provides ``GroundingScreen``: five things I see, four I can touch, three I hear, two I
smell, one I taste, one step at a time, with words typed for each if the person likes."""

from __future__ import annotations

from time import monotonic

from workbook.common.i18n import _
from workbook.ui.screens.practice.base import PracticeScreen
from workbook.worksheets.practice import GROUNDING, GROUNDING_STEPS


class GroundingScreen(PracticeScreen):
    SKILL = GROUNDING

    def __init__(self) -> None:
        super().__init__()
        self.step = 0
        self.began = monotonic()

    def begin(self) -> None:
        self.began = monotonic()
        self._ask_step()

    def _ask_step(self) -> None:
        current = GROUNDING_STEPS[self.step]
        self.ask(
            _("{value} of {count}. {prompt}").format(
                value=self.step + 1, count=len(GROUNDING_STEPS), prompt=_(current.prompt)
            ),
            self._answered,
            _("Type them if you like, or just say them to yourself, then press Enter."),
        )

    def _note(self, text: str) -> None:
        current = GROUNDING_STEPS[self.step]
        words = " ".join(text.split())
        if words:
            self.notes.append(_("What I could {sense}: {words}").format(sense=_(current.sense), words=words))
        self.elapsed = monotonic() - self.began  # the time it really took

    def typed_not_sent(self, text: str) -> None:
        if self.step < len(GROUNDING_STEPS) and self._answer == self._answered:
            self._note(text)

    def _answered(self, text: str) -> None:
        self._note(text)
        self.step += 1
        if self.step < len(GROUNDING_STEPS):
            self._ask_step()
        else:
            self.finish(_("You are here, now. Well done."))
