"""Provides ``BreathingScreen``: paced breathing (4 in and 6 out, the box, 4-7-8) for 1 to 10
minutes, with a calm bar that fills and empties, the words for each breath and a countdown."""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workbook.common.i18n import _, ngettext
from workbook.ui.screens.practice.base import PracticeScreen
from workbook.worksheets.practice import BREATHING, MINUTES, PATTERNS, Pattern


class BreathingScreen(PracticeScreen):
    SKILL = BREATHING

    def __init__(self) -> None:
        super().__init__()
        self.pattern: Pattern = PATTERNS[0]
        self.minutes = 2

    def begin(self) -> None:
        self.say(_("Choose a rhythm (arrows, then Enter). Breathe through your nose if you can."))
        picker = OptionList(*(Option(_(p.name), id=str(i)) for i, p in enumerate(PATTERNS)), id="practice-choice")
        self.query_one("#practice").mount(picker, before="#practice-input")
        picker.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option_list
        if event.option.id is None:
            return
        if event.option.id.startswith("m"):
            self.minutes = int(event.option.id[1:])
            choice.remove()
            self._breathe()
            return
        self.pattern = PATTERNS[int(event.option.id)]
        choice.clear_options()
        choice.add_options([Option(ngettext("{m} minute", "{m} minutes", m).format(m=m), id=f"m{m}") for m in MINUTES])
        choice.highlighted = 1
        self.say(_("For how long?"))

    def _breathe(self) -> None:
        total = self.minutes * 60
        cycle = self.pattern.seconds
        fill = 0.0

        def each(elapsed: float) -> None:
            nonlocal fill
            into = elapsed % cycle
            for phase in self.pattern.phases:
                if into < phase.seconds:
                    part = into / phase.seconds
                    fill = part if phase.grows else (1 - part if phase.grows is False else fill)
                    count = int(phase.seconds - into + 0.999)
                    self.say(f"{_(phase.words)}… {count}", fill, total - elapsed)
                    return
                into -= phase.seconds

        self.run(total, each, self._done)

    def _done(self) -> None:
        self.finish(_("Well done. Let your breathing find its own pace again."))
