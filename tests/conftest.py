"""Shared fixtures: every test gets its own temporary data file and home folder.

The autouse fixture points HOME, the XDG folders and WORKBOOK_DB into the
test's temporary directory, so no test can ever read or write a person's real
workbook.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from workbook.store.workbook_store import Store

# No deadline anywhere: a loaded or slow machine must never turn a correct example red (speed is
# measured in benchmarks/, not in tests). In CI, the same examples every run as well: a red build
# always means a change, never luck; elsewhere hypothesis keeps exploring new examples.
settings.register_profile("steady", deadline=None)
settings.register_profile("ci", parent=settings.get_profile("steady"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "steady")


def _quicker_idle_checks() -> None:
    """The Pilot's "is the app idle yet?" check sleeps 20 ms at a time, twice for every key
    pressed: most of the suite's waiting. It looks every 4 ms here, with the same measure of
    idle (a twentieth of each look spent working). Tests still wait for what they need to see
    (``settle`` waits for a condition): this only stops them sleeping after the app is idle.
    Textual is pinned; if the names move in a later release, tests run as before, only slower."""
    from textual import _wait

    if hasattr(_wait, "SLEEP_GRANULARITY") and hasattr(_wait, "SLEEP_IDLE"):
        _wait.SLEEP_GRANULARITY = 0.004
        _wait.SLEEP_IDLE = _wait.SLEEP_GRANULARITY / 20.0


_quicker_idle_checks()

# Set for a test marked ``paints``: every frame is painted, as in the product.
_PAINT_EVERY_FRAME = False


def _paint_each_screen_once() -> None:
    """Textual paints every frame into strips of cells even with no terminal to show them
    (about a fifth of a flow test's CPU). Tests read what is drawn on demand
    (``export_screenshot``, the compositor's strips), which paints afresh, so here each screen
    is painted when it is first shown (a screen that cannot be drawn still fails its test) and
    later frames only when a test is marked ``paints``: those whose point is any frame drawn
    (hostile files, odd answers, words read as markup) and the snapshots. The sweeps that read
    each screen's words or colours paint it afresh when they read it.
    Textual is pinned; if the names move in a later release, every frame is painted as before."""
    from textual.screen import Screen

    real = getattr(Screen, "_compositor_refresh", None)
    if real is None:
        return

    def refresh(self: Screen[object]) -> None:
        app = self.app
        if (
            _PAINT_EVERY_FRAME
            or not app.is_headless
            or app.is_inline
            or self is not app.screen
            or not getattr(self, "_painted_once", False)
        ):
            self._painted_once = True  # type: ignore[attr-defined]
            real(self)
            return
        self._dirty_widgets.clear()
        self._compositor._dirty_regions.clear()
        app._update_mouse_over(self)

    Screen._compositor_refresh = refresh  # type: ignore[method-assign]


_paint_each_screen_once()


@pytest.fixture(autouse=True)
def painting(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every frame painted for a test marked ``paints`` (see ``_paint_each_screen_once``)."""
    global _PAINT_EVERY_FRAME
    _PAINT_EVERY_FRAME = request.node.get_closest_marker("paints") is not None
    yield
    _PAINT_EVERY_FRAME = False


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("WORKBOOK_DB", str(tmp_path / "data" / "workbook.json"))
    monkeypatch.delenv("WORKBOOK_DEBUG", raising=False)
    return home


@pytest.fixture(autouse=True)
def in_english(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Every test starts in English whatever the machine's language is, and a test that
    switches to Spanish leaves English behind it."""
    from workbook.common import i18n

    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_TIME", "LC_PAPER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language(i18n.ENGLISH)
    yield
    i18n.set_language(i18n.ENGLISH)


@pytest.fixture(autouse=True)
def quick_passphrases(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process tests use a light key derivation and no wrong-passphrase pause.
    (Child processes in the crash tests use the real settings.)"""
    import workbook.store.encrypted_codec
    import workbook.store.opening

    monkeypatch.setattr(workbook.store.encrypted_codec, "KDF_MEMORY_KIB", 1024)
    monkeypatch.setattr(workbook.store.encrypted_codec, "KDF_ITERATIONS", 1)
    monkeypatch.setattr(workbook.store.opening, "WRONG_PASSPHRASE_DELAY", 0)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "workbook.json"


@pytest.fixture
def store(db_path: Path):  # type: ignore[no-untyped-def]
    opened = Store.open(db_path)
    yield opened
    opened.close()


@pytest.fixture
def no_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cursors that do not blink, so a snapshot never depends on which half-second it caught.
    (Textual has no app-wide switch: each widget's ``cursor_blink`` starts false instead.)"""
    from textual.reactive import reactive
    from textual.widgets import Input, TextArea

    for widget in (Input, TextArea):
        steady: reactive[bool] = reactive(False, init=False)
        steady.__set_name__(widget, "cursor_blink")
        monkeypatch.setattr(widget, "cursor_blink", steady)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Python's cycle collector was a fifth of the suite's CPU: every app a test starts makes
    hundreds of thousands of objects, and each full collection walked every object the process
    held (the modules, Textual, hypothesis, Textual's bounded caches). Once the tests are
    collected, what they all share is set aside from it, and collections run less often (a
    young collection every 50,000 new objects instead of 700). Garbage lives a little longer
    (about 60 MB more per worker); every object is still collected. The product keeps
    Python's defaults."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """One worker more than the cores the suite may use: a flow test spends about a sixth of
    its time waiting (for the app to be idle, for a child process, for a worker thread), and
    the extra worker uses those moments. Measured on 2 cores: a seventh less time."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores + 1
