"""Provides ``UrgeSurfingScreen``: riding out an urge. Rate the craving, wait 10 to 20 minutes
with short words that the wave rises and falls, rate it again. It is kept in the practice
log and in the craving log (both strengths, and what helped), so the report learns from it."""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workbook.common.i18n import N_, _
from workbook.ui.screens.practice.base import PracticeScreen
from workbook.worksheets.builtin import Cravings
from workbook.worksheets.entry import Entry
from workbook.worksheets.practice import (
    URGE,
    URGE_MINUTES,
    URGE_PROMPT_SECONDS,
    URGE_PROMPTS,
    urge_craving_answers,
)


class UrgeSurfingScreen(PracticeScreen):
    SKILL = URGE
    BEFORE = N_("How strong is the urge right now, 0 to 10? (Enter skips)")
    AFTER = N_("And now, how strong is the urge, 0 to 10? (Enter skips)")

    def __init__(self, craving: Entry | None = None) -> None:
        """``craving``: the entry just logged (from the support screen). Its strength is the
        "before", and riding it out completes that entry instead of logging the craving twice."""
        super().__init__()
        self.craving = craving

    def open(self) -> None:
        strength = Cravings.strength.number(self.craving.answers) if self.craving is not None else None
        if strength is None:
            super().open()
            return
        self.before = strength  # just given in the craving log: not asked twice
        self.query_one("#practice-input").display = False
        self.begin()

    def begin(self) -> None:
        self.say(_("Urges rise, peak and pass, often within 20 to 30 minutes. How long shall we ride this one?"))
        picker = OptionList(
            *(Option(_("{m} minutes").format(m=m), id=str(m)) for m in URGE_MINUTES), id="practice-choice"
        )
        self.query_one("#practice").mount(picker, before="#practice-input")
        picker.highlighted = 1
        picker.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        minutes = int(event.option.id or 15)
        event.option_list.remove()
        total = minutes * 60

        def each(elapsed: float) -> None:
            prompt = URGE_PROMPTS[int(elapsed // URGE_PROMPT_SECONDS) % len(URGE_PROMPTS)]
            wave = 1 - abs((elapsed % 240) / 120 - 1)  # up and down, slowly: the wave
            self.say(_(prompt), wave, total - elapsed)

        self.run(total, each, self._done)

    def _done(self) -> None:
        self.finish(_("You rode it out. That is a real skill, and it grows each time."))

    def keep(self) -> None:
        if self.craving is not None and int(self.elapsed) == 0:
            self._saved = True  # left before riding it out: the craving stays as it was logged
            return
        super().keep()

    def keep_more(self, seconds: int) -> str:
        if self.before is None:
            return ""  # a craving-log entry needs its strength
        from workbook.services.daily import ride_out

        if self.craving is not None and self.book.get(self.craving.id, self.craving.created) is None:
            return ""  # deleted while the practice ran: it stays deleted (the practice log keeps the practice)
        ride_out(self.book, self.craving, urge_craving_answers(self.before, self.after, seconds))
        if self.craving is None:
            return _(" The craving is in your craving log too.")
        return _(" The craving you logged says you rode it out.")
