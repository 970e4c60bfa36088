"""Provides changing the language from the app (the palette's "Language" command) and keeping
a language asked for with ``--lang``: the workbook remembers it, and Home is made again in the
new words. Only from Home: a form or a practice open above it keeps its words, so it is never
closed for this."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbook.common.errors import WorkbookError
from workbook.common.i18n import ENGLISH, _, language

if TYPE_CHECKING:
    from workbook.ui.app import WorkbookApp


def save_language(app: WorkbookApp, name: str) -> None:
    """Remember ``name`` as the workbook's language, or say why it could not be kept."""
    try:
        app.open_book.remember_language(name)
    except WorkbookError as exc:
        app.notify(str(exc), title=_("Not saved"), severity="error")


def change_language(app: WorkbookApp, name: str) -> None:
    """Speak ``name`` and remember it; Home is made again in the new words."""
    from workbook.ui.navigation import forget_kept_histories
    from workbook.ui.screens.home import HomeScreen

    if name == language():
        return
    if not isinstance(app.screen, HomeScreen):
        app.notify(_("Go back to Home (Esc) to change the language: an open form keeps its words."), severity="warning")
        return
    save_language(app, name)
    app.open_book.speak(name)
    app.title = _(app.TITLE)
    forget_kept_histories(app)  # a history seen before would keep the old language's words
    app.switch_screen(HomeScreen())
    app.notify(_("The workbook speaks English now.") if name == ENGLISH else _("The workbook speaks Spanish now."))
