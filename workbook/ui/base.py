"""Provides the typed way from a screen to the app: ``WorkbookScreen`` and ``WorkbookModal``,
whose ``workbook`` property returns the running ``WorkbookApp`` (checked once) and whose
``book`` is the open workbook (the application layer's ``Workbook``); ``workbook_app`` does
the same for any widget."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from textual import on
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.binding import ActiveBinding, Binding, BindingType
from textual.content import Content
from textual.events import Mount, Resize, ScreenResume
from textual.message_pump import MessagePump
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Header
from textual.widgets._header import HeaderTitle

from workbook.common.i18n import N_, _, language, pgettext
from workbook.common.printable import clipped

if TYPE_CHECKING:
    from workbook.services.workbook import Workbook
    from workbook.ui.app import WorkbookApp

ResultType = TypeVar("ResultType")

# First on every screen, so the footer shows crisis help first and never cuts it off.
CRISIS_KEY = Binding("f1", "app.crisis", N_("Crisis help"), priority=True)


def with_capitals(*bindings: Binding) -> list[BindingType]:
    """``bindings`` and, for each single-letter key, the same with Shift (hidden): the screens'
    own words say "Press N", and Shift+N must do what N does."""
    found: list[BindingType] = list(bindings)
    for binding in bindings:
        if len(binding.key) == 1 and binding.key.isalpha() and binding.key.islower():
            found.append(
                Binding(binding.key.upper(), binding.action, binding.description, show=False, priority=binding.priority)
            )
    return found


def workbook_app(node: MessagePump) -> WorkbookApp:
    """The running ``WorkbookApp`` that ``node`` belongs to."""
    from workbook.ui.app import WorkbookApp

    app = node.app
    if not isinstance(app, WorkbookApp):  # pragma: no cover - only ever mounted in WorkbookApp
        raise TypeError(_("This screen belongs to WorkbookApp"))
    return app


def translated(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """The keys with their descriptions in the person's language: ``BINDINGS`` are made when
    a class is, so they carry the English (marked with ``N_``) and are translated here, where
    the footer, the palette and help read them."""
    return {
        key: active._replace(
            binding=replace(
                active.binding,
                description=_(active.binding.description),
                tooltip=_(active.binding.tooltip) if active.binding.tooltip else active.binding.tooltip,
            ),
            tooltip=_(active.tooltip) if active.tooltip else active.tooltip,
        )
        for key, active in bindings.items()
    }


def after_typed_keys(app: App[Any], callback: Callable[[], object], screen: _ReachesTheApp | None = None) -> None:
    """Run ``callback`` once the focused widget has taken the keys typed before the one that
    asked for it. Textual answers a priority key (Ctrl+S, Ctrl+Q) as it arrives, while letters
    typed (or pasted) just before it can still be waiting in the text box's queue: a save
    would save the words without them, a quit would find nothing unsaved. Queued behind them,
    the callback sees every letter.

    With ``screen`` (the screen the key belongs to), the callback also waits until that screen
    is in front (``when_in_front``): F2 or F1 in the same read is answered first, and a save
    that then opened the plan's support screen would show it over the hide screen. A second
    Ctrl+S in the same read finds its screen closed by the first, and does nothing."""
    run = callback if screen is None else lambda: screen.when_in_front(callback)
    focused = app.focused
    if focused is None or not focused.call_later(run):
        run()


class _ReachesTheApp(MessagePump):
    """The typed way to the app and its open workbook, shared by screens and dialogs."""

    # What waits for this screen to be in front again (``when_in_front``).
    _in_front_next: list[Callable[[], object]] | None = None

    @property
    def workbook(self) -> WorkbookApp:
        return workbook_app(self)

    @property
    def book(self) -> Workbook:
        """The open workbook (screens that use it are only shown once it is open)."""
        return workbook_app(self).open_book

    def when_in_front(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` now if this screen is the one in front, else when it is again.
        Work that ends later (encrypting, checking a passphrase, a practice's last breath) may
        find crisis help or the hide screen over its screen, and Textual's ``dismiss`` and
        ``pop_screen`` close whichever screen is in front: crisis help would vanish, or the
        hidden screen show itself without the passphrase. A screen no longer open runs nothing."""
        app, me = self.app, cast(object, self)  # a screen or a dialog: both mix this in
        if app.screen is me:
            callback()
        elif me in app.screen_stack:
            self._in_front_next = [*(self._in_front_next or []), callback]

    def dismiss(self, result: Any = None) -> AwaitComplete:
        """Close this screen or dialog with ``result`` once it is in front (see
        ``when_in_front``): Textual's own ``dismiss`` (next in line) closes whichever is in front."""
        close = cast("Screen[Any]", super()).dismiss
        if self.app.screen is cast(object, self):
            return close(result)
        self.when_in_front(lambda: close(result))
        return AwaitComplete()  # nothing to wait for yet

    # The app's style count when this screen's widgets were styled, until it is first shown.
    _styled_at: int | None = None

    @on(Mount)
    def _styled_now(self) -> None:
        self._styled_at = getattr(self.app, "_css_update_count", None)

    @on(ScreenResume)
    def _first_shown_as_styled(self, event: ScreenResume) -> None:
        """Textual styles every widget of a screen as it is mounted, then again the whole screen
        when it is first shown (a third of the style work in opening screens, measured over the
        flow tests; crisis help waits behind it too). The second is skipped when nothing has
        changed the app's styles in between (a theme chosen); a kept screen shown again later
        is styled again as before. Textual is pinned; without the count, it styles twice."""
        styled_at, self._styled_at = self._styled_at, None
        if styled_at is not None and styled_at == getattr(self.app, "_css_update_count", None):
            event.refresh_styles = False

    @on(ScreenResume)
    def _in_front_again(self) -> None:
        waiting, self._in_front_next = self._in_front_next or [], None
        for callback in waiting:
            # Looked at again for each: one may close this screen (a second close then does
            # nothing) or open another over it (the rest wait for it to close).
            self.when_in_front(callback)


class WorkbookScreen(_ReachesTheApp, Screen[ResultType], Generic[ResultType]):
    """A full screen of the workbook app."""

    BINDINGS = [CRISIS_KEY]

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated(super().active_bindings)

    @on(Resize)
    def _retitle(self) -> None:
        # Textual writes the header's title when it changes, not when the terminal does: the
        # title is cut to the width it is drawn at, so it is written again at the new one.
        for header in self.query(Header).results(Header):
            for title in header.query(HeaderTitle).results(HeaderTitle):
                title.update(header.format_title())


class WorkbookModal(_ReachesTheApp, ModalScreen[ResultType], Generic[ResultType]):
    """A dialog of the workbook app."""

    BINDINGS = [CRISIS_KEY]

    # Work that cannot be stopped once begun (a thread: encrypting, erasing backups) holds the
    # dialog: Esc and its buttons wait for it, so the person never reads "cancelled" over a
    # workbook that was changed after all.
    _working = False

    def hold_while_working(self, working: bool) -> None:
        self._working = working
        for button in self.query(Button).results(Button):
            button.disabled = working
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "cancel" and self._working)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated(super().active_bindings)


def header_title(title: str, sub_title: str, width: int) -> Content:
    """The title and sub-title in full colour: Textual dims the sub-title, which falls below
    4.5:1 in the light theme, and ours says where the person is ("4 of 5"). On a narrow
    terminal the sub-title's first part (a form's section) goes first, then the words before
    the title's colon ("New entry:"), then the title gives way: the worksheet's name outlasts
    where in it the person is."""
    room = max(20, width - 20)  # the header keeps room for its icon on the left and as much on the right
    if sub_title and len(title) + len(sub_title) + 3 > room and " · " in sub_title:
        sub_title = sub_title.rsplit(" · ", 1)[1]
    if sub_title and len(title) + len(sub_title) + 3 > room and ": " in title:
        title = title.split(": ", 1)[1]  # "New entry: Goal setting": the worksheet's name stays
    if sub_title and len(title) + len(sub_title) + 3 > room:
        title = clipped(title, max(8, room - len(sub_title) - 3))
    return Content(f"{title} — {sub_title}") if sub_title else Content(clipped(title, room))


@lru_cache(maxsize=8)
def _key_names(speaking: str) -> dict[str, str]:
    """Textual's names of keys, as a keyboard in the language ``speaking`` prints them (made
    once per language: the footer asks for every key each time it draws)."""
    return {
        "esc": pgettext("key", "esc"),
        "tab": pgettext("key", "tab"),
        "space": pgettext("key", "space"),
        "enter": pgettext("key", "enter"),
        "del": pgettext("key", "del"),
        "delete": pgettext("key", "del"),
        "insert": pgettext("key", "insert"),
        "home": pgettext("key", "home"),
        "end": pgettext("key", "end"),
        "pgup": pgettext("key", "pgup"),
        "pgdn": pgettext("key", "pgdn"),
        "shift": pgettext("key", "shift"),
        "alt": pgettext("key", "alt"),
        "super": pgettext("key", "super"),
    }


def key_in_words(shown: str) -> str:
    """A key as Textual shows it ("shift+tab", "^p", "pgdn") with each name in the person's
    language ("mayús+tab", "^p", "avpág"); letters, arrows and F-keys stay as they are."""
    names = _key_names(language())

    def named(part: str) -> str:
        caret = "^" if part.startswith("^") and len(part) > 1 else ""  # Textual's Ctrl
        return caret + names.get(part[len(caret) :], part[len(caret) :])

    return "+".join(named(part) for part in shown.split("+"))
