"""The Qt binding itself: a known-bad PySide6 (6.12.0) aborts the whole program after many signals carrying None."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Signal

pytestmark = pytest.mark.ui


class _Bron(QObject):
    klaar = Signal(object)


def test_many_signals_carrying_none_do_not_crash_the_interpreter() -> None:
    """Background loads report 'no result' as None; PySide6 6.12.0 drops None's refcount on every such emit and
    the interpreter dies with 'deallocating None'. Guard against that binding version coming back."""
    bron = _Bron()
    ontvangen: list[object] = []
    bron.klaar.connect(ontvangen.append)
    for _ in range(50_000):
        bron.klaar.emit(None)
    assert len(ontvangen) == 50_000
