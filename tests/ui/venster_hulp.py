"""Helpers for UI tests: shortcut keys (a shortcut works only in the active window), turns of the event loop."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget


def maak_actief(qtbot: Any, venster: QWidget, timeout: int = 10_000) -> None:
    """Make `venster` the active window and wait until it is. Asked again while waiting: on a loaded machine a
    window an earlier step or test left behind can take the activation between the request and the check."""
    def actief() -> bool:
        if not venster.isActiveWindow():
            venster.activateWindow()
            venster.raise_()
        return venster.isActiveWindow()

    qtbot.waitUntil(actief, timeout=timeout)


def beurten() -> tuple[list[int], Any]:
    """A counter of the event loop's turns (it goes up when the loop wakes and when it is about to wait) and the
    function that stops counting."""
    from PySide6.QtCore import QAbstractEventDispatcher

    beurt = [0]

    def tel() -> None:
        beurt[0] += 1

    d = QAbstractEventDispatcher.instance()
    d.awake.connect(tel)
    d.aboutToBlock.connect(tel)
    return beurt, lambda: (d.awake.disconnect(tel), d.aboutToBlock.disconnect(tel))
