"""Provides ``PracticeScreen``: what every guided practice shares. A rating before, the
practice itself (each screen's own), a rating after, and the practice log entry; Esc at any
moment stops and keeps what was rated and the minutes done.

Everything is said in words and numbers, so a screen reader can follow; the moving bar is
extra, and the person can turn motion off (a setting).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Header, Input, Label, Static

from workbook.common.errors import WorkbookError
from workbook.common.i18n import N_, _
from workbook.services.daily import save_practice
from workbook.ui.base import WorkbookScreen
from workbook.ui.widgets.footer import WorkbookFooter
from workbook.worksheets.answers import MAX_TEXT_ANSWER
from workbook.worksheets.practice import REDUCED_MOTION, SKILL_NAMES, parse_rating, practice_answers

SECOND = 1.0  # real seconds in one practice second (the tests make it short)
TICK = 0.25
BAR_WIDTH = 40


def bar(fraction: float, width: int = BAR_WIDTH) -> str:
    """A calm bar, filled to ``fraction`` (0 to 1)."""
    filled = max(0, min(width, round(fraction * width)))
    return "█" * filled + "░" * (width - filled)


def clock(seconds: float) -> str:
    whole = max(0, int(seconds + 0.999))
    return f"{whole // 60}:{whole % 60:02d}"


STEP_WORDS = MAX_TEXT_ANSWER // 10  # characters at one step: ten steps' words fit one note


class PracticeScreen(WorkbookScreen[None]):
    """The frame of a guided practice; subclasses fill ``begin`` and call ``finish``."""

    SKILL = ""
    BEFORE = N_("Before you start: how strong is the craving or the stress right now, 0 to 10? (Enter skips)")
    AFTER = N_("How strong is it now, 0 to 10? (Enter skips)")
    BINDINGS = [Binding("escape", "stop", N_("Stop (keeps what you did)"))]

    def __init__(self) -> None:
        super().__init__()
        self.before: int | None = None
        self.after: int | None = None
        self.notes: list[str] = []
        self.elapsed = 0.0  # practice seconds so far (counted by the clock's ticks)
        self._timer: Timer | None = None
        self._run_number = 0
        self._answer: Callable[[str], None] | None = None
        self._saved = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="practice"):
            yield Label("", id="practice-words", markup=False)
            yield Static("", id="practice-bar", markup=False)
            yield Label("", id="practice-clock", markup=False)
            # Every step's words together fit one note of the practice log (its own check
            # refuses more, and a workbook's export must always import).
            yield Input(id="practice-input", max_length=STEP_WORDS)
            yield Label("", id="practice-hint", markup=False)
        yield WorkbookFooter()

    @property
    def reduced_motion(self) -> bool:
        return self.book.setting(REDUCED_MOTION) is True

    def on_mount(self) -> None:
        self.title = _(SKILL_NAMES.get(self.SKILL, N_("Practice")))
        self.open()

    def open(self) -> None:
        """The first question: the rating before (a practice that already knows it skips it)."""
        self.ask(_(self.BEFORE), self._rated_before)

    # -- what is shown -------------------------------------------------------------------

    def say(self, words: str, progress: float | None = None, time_left: float | None = None) -> None:
        self.query_one("#practice-words", Label).update(words)
        shown = progress is not None and not self.reduced_motion
        self.query_one("#practice-bar", Static).update(bar(progress) if shown and progress is not None else "")
        self.query_one("#practice-clock", Label).update(
            _("{clock} left").format(clock=clock(time_left)) if time_left is not None else ""
        )

    def ask(self, question: str, answer: Callable[[str], None], hint: str = "") -> None:
        """Show ``question`` with a box to type in; ``answer`` gets what is typed on Enter."""
        self.say(question)
        box = self.query_one("#practice-input", Input)
        box.value = ""
        box.display = True
        box.focus()
        self.query_one("#practice-hint", Label).update(hint)
        self._answer = answer

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        answer, self._answer = self._answer, None
        if answer is not None:
            answer(event.value)

    def _rating(self, text: str, again: Callable[[str], None], question: str) -> int | bool | None:
        try:
            return parse_rating(text)
        except ValueError as exc:
            self.ask(question, again, str(exc))
            return False

    def _rated_before(self, text: str) -> None:
        rating = self._rating(text, self._rated_before, _(self.BEFORE))
        if rating is False:
            return
        self.before = rating if isinstance(rating, int) and not isinstance(rating, bool) else None
        self.query_one("#practice-input", Input).display = False
        self.query_one("#practice-hint", Label).update("")
        self.begin()

    # -- the practice ------------------------------------------------------------------------

    def begin(self) -> None:  # pragma: no cover - every practice has its own
        raise NotImplementedError

    def run(self, total: float, each: Callable[[float], None], then: Callable[[], None]) -> None:
        """Run the clock for ``total`` practice seconds: ``each(elapsed)`` on every tick, ``then()`` at the end."""
        start = self.elapsed
        self.stop_clock()
        self._run_number += 1
        number = self._run_number

        def tick() -> None:
            # A timer stopped from inside its own callback can still fire once more: only the
            # clock of the current run may count.
            if number != self._run_number or self._timer is None:
                return
            self.elapsed += TICK
            if self.elapsed - start >= total:
                self.stop_clock()
                then()
            else:
                each(self.elapsed - start)

        each(0.0)
        self._timer = self.set_interval(TICK * SECOND, tick)

    def stop_clock(self) -> None:
        self._run_number += 1
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def finish(self, words: str = "") -> None:
        """The practice is over: stop the clock; say ``words`` (the praise) above the
        question for the rating after, so the one does not replace the other."""
        self.stop_clock()
        self.ask(f"{words}\n\n{_(self.AFTER)}" if words else _(self.AFTER), self._rated_after)

    def _rated_after(self, text: str) -> None:
        rating = self._rating(text, self._rated_after, _(self.AFTER))
        if rating is False:
            return
        self.after = rating if isinstance(rating, int) and not isinstance(rating, bool) else None
        self.keep()
        self.dismiss(None)

    def keep(self) -> None:
        """Save the practice (and whatever else a practice keeps) once."""
        if self._saved:
            return
        self._saved = True
        seconds = int(self.elapsed)
        if seconds == 0 and self.before is None:
            return  # nothing happened yet: nothing to keep
        try:
            save_practice(
                self.book,
                practice_answers(
                    self.SKILL, seconds, self.before, self.after, self.workbook.today(), "\n".join(self.notes)
                ),
            )
            also = self.keep_more(seconds)
        except WorkbookError as exc:
            self.notify(str(exc), title=_("Not saved"), severity="error")
            return
        change = (
            _(" From {before} to {after}.").format(before=self.before, after=self.after)
            if self.before is not None and self.after is not None
            else ""
        )
        self.notify(_("Well done for practising. It is in your practice log.{change}").format(change=change) + also)

    def keep_more(self, seconds: int) -> str:
        """Anything else the practice keeps (riding out an urge adds a craving-log entry), and
        the sentence that says so ("" for nothing)."""
        return ""

    def typed_not_sent(self, text: str) -> None:
        """Words in the box when the practice is stopped before Enter (grounding keeps them)."""

    def stop_and_keep(self) -> None:
        """Stop the clock and keep what was done (Esc, and quitting the program)."""
        box = self.query_one("#practice-input", Input)
        if box.display and box.value.strip() and self._answer is not None:
            self.typed_not_sent(box.value)
        self.stop_clock()
        self.keep()

    def action_stop(self) -> None:
        """Esc: stop now, keeping what was rated, the words typed and the minutes done."""
        self.stop_and_keep()
        self.dismiss(None)
