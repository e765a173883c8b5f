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

    def _later_bouwen(self, *delen: Callable[[], None]) -> None:
        """From here on the content is built later. `delen`: the content in parts, in order (each a few
        milliseconds; `bouw_in_stappen` builds one a turn); none: `_bouw_inhoud` is the one part."""
        self.__dict__["_gebouwd"] = False
        self.__dict__["_delen"] = list(delen)

    def gebouwd(self) -> bool:
        return bool(self.__dict__.get("_gebouwd", True))

    def bouw(self) -> None:
        """Build the content now (what is not built yet), unless it is built already."""
        if not self.gebouwd():
            self.__dict__["_gebouwd"] = True  # first: a part that asks for a later part's widget builds the rest
            delen = self.__dict__.get("_delen") or [self._bouw_inhoud]
            while delen:
                delen.pop(0)()

    def bouw_deel(self) -> bool:
        """Build the next part; True when the whole content is built."""
        delen = self.__dict__.get("_delen")
        if self.gebouwd() or not delen:
            self.bouw()
            return True
        deel = delen.pop(0)
        if not delen:
            self.__dict__["_gebouwd"] = True
        deel()
        return self.gebouwd()

    def bouw_in_stappen(self, stappen: InStappen) -> None:
        """Build the parts one a turn of the event loop, from the next turn on (what is on screen is painted
        first, and between two parts the window takes keys and paints)."""
        def deel() -> None:
            if not self.bouw_deel():
                stappen.voeg_toe(deel)
            InStappen.beurt_vol()

        if not self.gebouwd():
            stappen.voeg_toe(deel)

    #: Names asked of every widget on the way up, never a part of the content: ui.ops.van looks for the window's
    #: `ops` from a widget that reads (the screen itself, before its content is wanted).
    NIET_GEBOUWD = frozenset({"ops"})

    def __getattr__(self, naam: str) -> Any:
        if naam.startswith("__") or naam in LaterGebouwd.NIET_GEBOUWD or self.gebouwd():
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
