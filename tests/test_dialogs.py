"""Every question keeps its promises: the safe answer is focused and is the one drawn as the
default, a choice that lets something go comes last, and no short run of keys from the
default (Tab, Shift+Tab, the arrows, Enter) lets anything go."""

from __future__ import annotations

import itertools

import pytest
from textual.widgets import Button, Input

from app_helpers import make_app, settle, welcomed_store
from workbook.ui.screens.confirm import ConfirmScreen

# The questions the program asks (the same choices as the code passes). A choice that lets
# something go needs a second press (see ``ConfirmScreen``), so from the default it is never
# one key away.
QUESTIONS = {
    "leave a form": (
        [
            ("save", "Save them", "primary"),
            ("draft", "Keep as a draft", "default"),
            ("stay", "Keep editing", "default"),
            ("discard", "Leave without them", "error"),
        ],
        "stay",
    ),
    "quit": (
        [
            ("save", "Save them and quit", "primary"),
            ("draft", "Keep a draft and quit", "default"),
            ("stay", "Keep editing", "default"),
            ("quit", "Quit without them", "error"),
        ],
        "stay",
    ),
    "delete": ([("delete", "Delete", "error"), ("keep", "Keep it", "primary")], "keep"),
    "replace a file": ([("replace", "Replace it", "error"), ("keep", "Keep it", "primary")], "keep"),
    "take marks away": ([("clear", "Take them away", "error"), ("keep", "Keep them", "primary")], "keep"),
    "a draft": ([("continue", "Continue my draft", "primary"), ("fresh", "Start again", "error")], "continue"),
}
KEYS = ("tab", "shift+tab", "left", "right", "enter")

pytestmark = pytest.mark.asyncio


async def test_every_question_keeps_its_promises() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        layouts_run: set[tuple[str, ...]] = set()
        for name, (choices, cancel) in QUESTIONS.items():
            letting_go = {c[0] for c in choices if c[2] == "error"}
            # One key from the default, then Enter: the runs that lost a draft ("Esc, Tab, Enter"),
            # and Esc and Enter alone, which give the safe answer. The keys move the same way
            # over the same layout of buttons, so each layout (the variants in their order) is
            # run once; every question is opened and its order and default checked.
            layout = tuple(c[2] for c in choices)
            runs = [(key, "enter") for key in ("tab", "shift+tab", "left", "right")] + [("enter",), ("escape",)]
            for run in runs if layout not in layouts_run else [("escape",)]:
                answers: list[str | None] = []
                dialog = ConfirmScreen("?", choices, cancel)
                app.push_screen(dialog, answers.append)
                await settle(pilot, lambda dialog=dialog: app.screen is dialog and app.focused is not None)
                focused = app.focused
                assert isinstance(focused, Button) and focused.id == cancel, name
                buttons = list(dialog.query(Button).results(Button))
                assert [b.id for b in buttons if b.variant == "primary"] == [cancel], f"{name}: drawn default"
                order = [b.id for b in buttons]
                assert order[0] == cancel and set(order[len(order) - len(letting_go) :]) == letting_go, name
                await pilot.press(*run)
                await pilot.pause()
                assert not (set(answers) & letting_go), f"{name}: {run} let something go"
                if run in (("enter",), ("escape",)):
                    assert answers == [cancel], f"{name}: {run} gives the safe answer"
                if app.screen is dialog:
                    dialog.dismiss(cancel)
                    await pilot.pause()
            layouts_run.add(layout)


async def test_esc_then_any_two_keys_on_the_unsaved_words_question_keeps_the_words() -> None:
    """The way a plan draft was lost: Esc, Tab, Enter. Now every such run keeps the words: in
    the open form, in a saved entry or in a draft."""
    words = "the walk with my son"
    for run in itertools.product(("tab", "shift+tab", "right", "left"), ("enter",)):
        store = welcomed_store()
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, lambda app=app: type(app.screen).__name__ == "HomeScreen")
            await pilot.press("4", "n")  # a new gratitude entry
            await settle(pilot, lambda app=app: type(app.screen).__name__ == "FormScreen")
            form = app.screen
            box = form.query(Input).first()
            box.value = words
            await pilot.pause()
            await pilot.press("escape", *run)
            await pilot.pause()
            kept = (
                (app.screen is form and box.value == words)
                or any(words in str(e.answers) for e in store.entries())
                or any(words in str(d) for d in store.drafts().values())
            )
            assert kept, run
