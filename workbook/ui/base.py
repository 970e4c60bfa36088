"""Provides the typed way from a screen or widget to the app: ``WorkbookScreen``,
``WorkbookModal`` and the ``AppAccess`` mixin, whose ``workbook`` property returns the
running ``WorkbookApp`` (checked once), and whose ``store`` is the open workbook."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from textual.app import App

    from workbook.store.workbook_store import Store
    from workbook.ui.app import WorkbookApp

ResultType = TypeVar("ResultType")


class AppAccess:
    """Typed access to the running ``WorkbookApp`` for screens and widgets."""

    if TYPE_CHECKING:
        @property
        def app(self) -> App[object]: ...

    @property
    def workbook(self) -> WorkbookApp:
        from workbook.ui.app import WorkbookApp
        app = self.app
        if not isinstance(app, WorkbookApp):  # pragma: no cover - only ever mounted in WorkbookApp
            raise TypeError("This screen belongs to WorkbookApp")
        return app

    @property
    def store(self) -> Store:
        """The open workbook (screens that use it are only shown once it is open)."""
        return self.workbook.open_store


class WorkbookScreen(AppAccess, Screen[ResultType], Generic[ResultType]):
    """A full screen of the workbook app."""


class WorkbookModal(AppAccess, ModalScreen[ResultType], Generic[ResultType]):
    """A dialog of the workbook app."""
