"""A tab (or other part of a screen) whose widgets are built when first needed, not when the screen is made.

Issue 13: a screen that builds every tab at once makes the window stand still for each of them. A `LaterGebouwd`
widget is made empty (its plain attributes only); its content (`_bouw_inhoud`) is built when it is first shown,
when `bouw()` is called (a screen builds its hidden tabs a turn of the event loop after its own), or when code asks
for one of its parts (`tab.bsn`): then at once, so callers never see it half made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from ui.widgets import InStappen


class LaterGebouwd:
    """Mixin for a QWidget: put it first in the bases (`class LogboekTab(LaterGebouwd, QWidget)`), call
    `self._later_bouwen()` at the end of `__init__`, and move the building of the content into `_bouw_inhoud`."""

    def _bouw_inhoud(self) -> None:
        raise NotImplementedError

    def _later_bouwen(self) -> None:
        self.__dict__["_gebouwd"] = False

    def gebouwd(self) -> bool:
        return bool(self.__dict__.get("_gebouwd", True))

    def bouw(self) -> None:
        """Build the content now, unless it is built already."""
        if not self.gebouwd():
            self.__dict__["_gebouwd"] = True
            self._bouw_inhoud()

    def __getattr__(self, naam: str) -> Any:
        if naam.startswith("__") or self.gebouwd():
            raise AttributeError(naam)
        self.bouw()
        return object.__getattribute__(self, naam)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        self.bouw()
        super().showEvent(event)  # type: ignore[misc]


class Beurten(QObject):
    """Calls `fn` once per turn of the event loop while started, like a short timer, but through
    ui.widgets.InStappen: in order with the other screens' slices, and counted by ui.ops.wacht_op_alles (a test or
    benchmark that waits for the window to be quiet waits for these too). `fn` calls `stop()` when nothing is left."""

    def __init__(self, eigenaar: QObject, fn: Callable[[], object]) -> None:
        super().__init__(eigenaar)
        self._fn = fn
        self._actief = False
        self._gepland = False
        self._stappen = InStappen(self)

    def start(self) -> None:
        self._actief = True
        self._plan()

    def stop(self) -> None:
        self._actief = False

    def isActive(self) -> bool:  # noqa: N802 - as QTimer
        return self._actief

    def _plan(self) -> None:
        if self._actief and not self._gepland:
            self._gepland = True
            self._stappen.voeg_toe(self._beurt)

    def _beurt(self) -> None:
        self._gepland = False
        if self._actief:
            self._fn()
            InStappen.beurt_vol()  # one part a turn: two parts together stood still over a frame
            self._plan()
