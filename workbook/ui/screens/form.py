"""Provides ``FormScreen``: fill in a new entry or change a saved one, with nothing lost.

The screen owns the save: it takes the form's ``Submitted`` message, saves it through the
workbook (the application layer's one entry check),
and dismisses with the saved entry. Whatever is typed is kept as a draft in the workbook a
moment after typing pauses (so a quit, a crash or a closed terminal loses nothing) and is
offered back when the same form is opened again. Leaving with unsaved changes asks first.
The header says which section the cursor is in and how far through the form it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import DescendantFocus, Key
from textual.timer import Timer
from textual.widgets import Header, Input, Select, TextArea

from workbook.common.clock import stamp
from workbook.common.errors import WorkbookError
from workbook.common.i18n import N_, _
from workbook.common.language import format_moment
from workbook.ui.base import WorkbookScreen, after_typed_keys
from workbook.ui.screens.confirm import ConfirmScreen
from workbook.ui.widgets.exercise_form import ExerciseForm
from workbook.ui.widgets.fields import FieldWidget
from workbook.ui.widgets.footer import WorkbookFooter
from workbook.worksheets.definition import Exercise
from workbook.worksheets.drafts import Draft, draft_key
from workbook.worksheets.entry import Entry, parse_iso
from workbook.worksheets.entry_check import EntryProblem

DRAFT_PAUSE = 0.25  # seconds of no typing before the draft is kept (a small file of its own: cheap)
ALERT_WORDS = N_(
    "Thank you for answering honestly. Thoughts of being better off dead or of hurting "
    "yourself are painful, and you do not have to carry them alone. Please reach out "
    "to someone now: a person you trust, or one of the lines below. Your answers are "
    "kept; you can finish the self-check afterwards."
)


class FormScreen(WorkbookScreen[Entry | None]):
    # No focus at first: on_mount gives it to the first question. Textual's default would focus
    # the form's scrolling container first, and moving it on restyles every field twice.
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), priority=True),
        Binding("escape", "leave", N_("Back")),
        Binding("f6", "section(1)", N_("Next section"), priority=True),  # a text box would take it to select a line
        Binding("shift+f6", "section(-1)", N_("Previous section"), show=False, priority=True),
        Binding("ctrl+down", "section(1)", N_("Next section"), show=False),
        Binding("ctrl+up", "section(-1)", N_("Previous section"), show=False),
        # As the form opens, Tab moves on at once (see check_action); after that, as on any screen.
        # (Always at once was tried: the letters typed after Tab then went where they belong, but
        # Backspace, Enter and Space typed just before it acted on the next question, a deleted
        # letter there included. Textual sends each key on to the focus as it is read, and runs
        # a key's binding when the widget gets to it; the letters typed right after Tab reaching
        # the question it leaves is the lesser of the two: they are all still there, in sight.)
        Binding("tab", "opening_focus(1)", show=False, priority=True),
        Binding("shift+tab", "opening_focus(-1)", show=False, priority=True),
        Binding("tab", "app.focus_next", show=False),
        Binding("shift+tab", "app.focus_previous", show=False),
    ]

    def __init__(
        self,
        exercise: Exercise,
        entry: Entry | None = None,
        *,
        prefill: dict[str, Any] | None = None,
        prompt: str = "",
        show_field: str = "",
        note: str = "",
    ) -> None:
        super().__init__()
        self.exercise = exercise
        self.entry = entry
        self.prefill = prefill
        self.prompt = prompt
        self.show_field = show_field  # a field to bring into sight at once (what a suggestion added)
        self.note = note
        self._drafting = False  # becomes True once any earlier draft has been offered
        self._draft_timer: Timer | None = None
        self._left = False  # saved, or left on purpose: a timer that fires late keeps no draft
        self._started = False  # the first frame is drawn
        self._saved = False  # saved and closing: a second save asked in the same instant is not made
        self._draft: Draft | None = None  # an unsaved draft waiting to be offered back
        self._draft_waits = False  # offered when the person comes back to the form

    def _suggestions(self) -> dict[str, tuple[str, ...]]:
        """For each ``suggest`` field, the person's own earlier answers, most used first."""
        from collections import Counter

        fields = [f for f in self.exercise.fields if f.suggest]
        if not fields:
            return {}
        entries = self.book.recent(self.exercise.id)  # this year's and last year's words: no years long past
        found: dict[str, tuple[str, ...]] = {}
        for spec in fields:
            counts = Counter(
                " ".join(v.split()) for e in entries if isinstance(v := e.answers.get(spec.id), str) and v.strip()
            )
            found[spec.id] = tuple(text for text, _n in counts.most_common(50))
        return found

    @property
    def draft_key(self) -> str:
        return draft_key(self.exercise.id, self.entry.id if self.entry else None)

    def compose(self) -> ComposeResult:
        yield Header()
        answers = self.prefill if self.prefill is not None else (self.entry.answers if self.entry else None)
        private = self.entry.private if self.entry else False
        bring = self.entry.bring_to_session if self.entry else False
        # Suggested answers count as changes: leaving asks before dropping them.
        baseline = (dict(self.entry.answers) if self.entry else {}) if self.prefill is not None else None
        yield ExerciseForm(
            self.exercise,
            answers,
            private,
            prompt=self.prompt,
            baseline=baseline,
            now=self.book.now(),
            validate=self._problems,
            bring=bring,
            suggestions=self._suggestions(),
            clock=self.book.now,
            id="form",
        )
        yield WorkbookFooter()

    def on_mount(self) -> None:
        # One sentence each, so a language can make its words agree ("Nueva anotación: …").
        title = _("Edit: {title}") if self.entry else _("New: {title}")
        self.title = title.format(title=self.exercise.title)
        self._draft = self.book.draft(self.draft_key) if self.prefill is None else None
        # The first question has the focus from the start (set now, not after a frame), so a
        # person typing ahead as the form opens writes into it, in the order typed. Not when a
        # draft is waiting: its question comes first, and continuing would replace those words.
        # (The question is brought into sight after the first layout: before it, no size.)
        # Nor when the form opens to show a field (a row a suggestion added): the letters would
        # go into a first question that then scrolls out of sight.
        first = self.form.first_input()
        if first is not None and self._draft is None and not self.show_field:
            self.set_focus(first, scroll_visible=False)
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        self._started = True
        if self.focused is None or self.focused is self.form:
            self.form.focus_first()
        else:  # a person who already moved on keeps their place
            self.focused.scroll_visible(animate=False)
        if self.show_field:
            self.form.focus_field(self.show_field, last=True)
        if self.note:
            self.notify(self.note, timeout=10)
        if self._draft is None:
            self._drafting = True
        elif self.app.screen is self:  # (is_current is true beneath a dialog too)
            self._offer_draft(self._draft)
        else:
            # Crisis help or the hidden screen opened as the form did: the question waits for the
            # person to come back (over crisis lines it would hide them; over F2 it would tell).
            self._draft_waits = True

    def on_screen_resume(self) -> None:
        if self._draft_waits and self._draft is not None:
            self._draft_waits = False
            self._offer_draft(self._draft)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Tab while the form opens moves on at once, before the letters typed after it (as a
        # key the text box leaves alone, it would wait behind the form's first layout).
        if action == "opening_focus":
            return not self._started
        # Ctrl+S and F6 typed in the same instant as the form opens would act on a form not
        # yet built (and until its first frame they wait: see _after_opening).
        return self.is_mounted or action not in ("save", "section")

    def action_opening_focus(self, step: int) -> None:
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def _offer_draft(self, draft: Draft) -> None:
        """Ask whether to continue ``draft`` or start again."""

        def decided(choice: str | None) -> None:
            if choice == "continue":
                self.form.load(draft.answers, draft.private, draft.bring)
                self.notify(_("Your draft is back. Save it when you are ready."))
            else:
                self.book.drop_draft(self.draft_key)
            self._drafting = True
            # The dialog took the focus away: give it back to the first question (after the
            # loaded values have been laid out).
            self.call_after_refresh(self.form.focus_first)

        question = (
            _("You started this on {when} and did not save it yet. Continue where you left off?").format(
                when=format_moment(parse_iso(draft.saved))
            )
            if draft.saved
            else _("You started this earlier and did not save it yet. Continue where you left off?")
        )
        self.app.push_screen(
            ConfirmScreen(
                question,
                [("continue", _("Continue my draft"), "primary"), ("fresh", _("Start again"), "error")],
                cancel_id="continue",
            ),
            decided,
        )

    @property
    def form(self) -> ExerciseForm:
        return self.query_one("#form", ExerciseForm)

    # -- drafts -------------------------------------------------------------------------

    def on_input_changed(self) -> None:
        self._typed()

    def on_text_area_changed(self) -> None:
        self._typed()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._typed()
        self._care_for_answer(event)

    def on_selection_list_selected_changed(self) -> None:
        self._typed()

    def on_checkbox_changed(self) -> None:
        self._typed()

    def _typed(self) -> None:
        if not self._drafting:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_PAUSE, self._draft_due)

    def _draft_due(self) -> None:
        # A timer can fire just as the form is saved; its draft would then be offered the
        # next time, as if the saved words had been lost.
        if not self._left:
            self.keep_draft()

    def _care_for_answer(self, event: Select.Changed) -> None:
        """An answer above nothing to a question marked ``alert`` (PHQ-9's ninth) opens crisis help
        at once, kindly; the person comes back to the form afterwards."""
        from workbook.ui.screens.crisis import CrisisScreen

        field = next((a for a in event.select.ancestors if isinstance(a, FieldWidget)), None)
        if field is None or not field.spec.alert or not self._drafting:
            return
        points = next((o.points for o in field.spec.options if o.id == event.value), None)
        if points:
            self.app.push_screen(CrisisScreen(_(ALERT_WORDS)))

    def unsaved_typing(self) -> bool:
        return self.form.is_dirty()

    def keep_draft(self) -> bool:
        """Keep what is typed (or forget the draft when nothing differs from the saved entry);
        False, said on screen, when it could not be kept."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        try:
            if self.form.is_dirty():
                draft = Draft(
                    self.exercise.id,
                    self.entry.id if self.entry else None,
                    self.form.answers(),
                    self.form.private,
                    stamp(self.book.clock),
                    self.form.bring,
                )
                self.book.keep_draft(draft)
            else:
                self.book.drop_draft(self.draft_key)
        except WorkbookError as exc:
            self.notify(str(exc), title=_("The draft could not be kept"), severity="warning")
            return False
        return True

    def drop_draft(self) -> None:
        self._left = True
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        try:
            self.book.drop_draft(self.draft_key)
        except WorkbookError:
            pass  # nothing to lose: the person chose to drop it

    # -- where am I -------------------------------------------------------------------------

    def on_key(self, event: Key) -> None:
        # A text box takes every letter it is sent: one reaching the screen itself while the form
        # opens was typed before the focus landed. It goes where the person sees it, in order.
        # (Only until the first frame: later keys go straight to the focus, and one coming back
        # up from a text box was its own.)
        focused = self.focused
        takes = isinstance(focused, Input) or (isinstance(focused, TextArea) and not focused.read_only)
        if not self._started and event.is_printable and takes and focused is not None:
            event.stop()
            event.prevent_default()
            focused.post_message(Key(event.key, event.character))

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        node = event.widget
        while node is not None and not isinstance(node, FieldWidget):
            node = node.parent  # type: ignore[assignment]
        if isinstance(node, FieldWidget):
            widgets = self.form.field_widgets()
            position = widgets.index(node) + 1 if node in widgets else 0
            section = self.form.section_of(node.spec.id)
            self.sub_title = _("{value}question {position} of {count}").format(
                value=section + " · " if section else "", position=position, count=len(widgets)
            )

    def _after_opening(self, action: Callable[[], None]) -> bool:
        """Until the first frame, ``action`` waits for it (True): letters typed just ahead of
        Ctrl+S are still on their way to their question, and the sections are not laid out."""
        if self._started:
            return False
        self.call_after_refresh(action)
        return True

    def action_section(self, step: int) -> None:
        if not self._after_opening(lambda: self.action_section(step)):
            self.form.jump_section(step)

    # -- saving and leaving ---------------------------------------------------------------

    def action_save(self) -> None:
        after_typed_keys(self.app, self._save_when_ready, self)

    def _save_when_ready(self) -> None:
        if not self._after_opening(self._save_when_ready):
            self.form.submit()

    def on_exercise_form_submitted(self, message: ExerciseForm.Submitted) -> None:
        message.stop()
        if self._saved:  # Ctrl+S twice in one read: the form asked twice before it closed
            return
        if self.entry is None and not self.form.is_dirty():
            # Only the filled-in defaults (today's date): an entry of nothing would sit in the
            # history as "(no answers yet)".
            self.notify(
                _("Nothing is written yet, so there is nothing to save. Write something, or press Esc to go back."),
                title=_("Not saved"),
                timeout=8,
            )
            return
        saved = self._store_answers(message.answers, message.private, message.bring)
        if saved is None:
            return
        previous = self.entry
        self._saved = True
        self.dismiss(saved)
        self.workbook.after_save(saved, previous)

    def _problems(self, answers: dict[str, Any]) -> list[EntryProblem]:
        """What the save would refuse, field by field: the form shows each beside its field."""
        return self.book.check(self.exercise, answers)

    def _store_answers(self, answers: dict[str, Any], private: bool, bring: bool) -> Entry | None:
        try:
            saved = self.book.save(self.exercise, answers, self.entry, private=private, bring=bring)
        except WorkbookError as exc:
            # The form keeps everything typed (and the draft has it too); the person can free
            # space and press save again.
            self.keep_draft()
            self.notify(str(exc), title=_("Not saved"), severity="error", timeout=15)
            return None
        self.drop_draft()
        return saved

    def save_typing(self) -> bool:
        """Ctrl+Q's "save them": the form's own checks, then the save (no screen change)."""
        if not self.form.check():
            return False
        return self._store_answers(self.form.answers(), self.form.private, self.form.bring) is not None

    def action_leave(self) -> None:
        if not self.form.is_dirty():
            if self._draft is None or self._drafting:
                self.drop_draft()
            # (else a draft waiting was not offered yet: Esc as the form opened keeps it for later)
            self.dismiss(None)
            return

        def decided(choice: str | None) -> None:
            if choice == "save":
                self.form.submit()
            elif choice == "draft":
                self.keep_draft()
                self._left = True
                self.dismiss(None)
            elif choice == "discard":
                self.drop_draft()
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                _("You have changes that are not saved yet."),
                # The same order as quitting's question: the one that lets words go is last.
                [
                    ("save", _("Save them"), "primary"),
                    ("draft", _("Keep as a draft"), "default"),
                    ("stay", _("Keep editing"), "default"),
                    ("discard", _("Leave without them"), "error"),
                ],
                cancel_id="stay",
            ),
            decided,
        )
