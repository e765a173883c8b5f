"""A tab (or other part of a screen) whose widgets are built when first needed, not when the screen is made.

Issue 13: a screen that builds every tab at once makes the window stand still for each of them. A `LaterGebouwd`
widget is made empty (its plain attributes only); its content (`_bouw_inhoud`) is built when it is first shown,
when `bouw()` is called (a screen builds its hidden tabs a turn of the event loop after its own), or when code asks
for one of its parts (`tab.bsn`): then at once, so callers never see it half made.
"""

from __future__ import annotations

from typing import Any


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
