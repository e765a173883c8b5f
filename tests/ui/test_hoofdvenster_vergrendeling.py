"""The window a user gets after login carries the idle lock (issue 8), not only the lock's own tests."""

from __future__ import annotations

import pytest

from tests.factories import Basis
from ui.idle_lock import IdleLock
from ui.main import open_hoofdvenster

pytestmark = pytest.mark.ui


def test_main_window_after_login_has_the_idle_lock(qtbot, basis: Basis) -> None:  # type: ignore[no-untyped-def]
    w = open_hoofdvenster(basis.ctx, basis["consulent"])
    qtbot.addWidget(w)
    lock = w.findChild(IdleLock)
    assert lock is not None
    assert lock.na_seconden == 5 * 60  # default vergrendel_na_minuten
    assert lock.actor.gebruiker_id == basis["consulent"].gebruiker_id
