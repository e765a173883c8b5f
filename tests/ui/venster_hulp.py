"""Helpers for UI tests that send shortcut keys (a shortcut works only in the active window)."""

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
