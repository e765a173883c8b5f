"""The window a user gets after login carries the idle lock (issue 8), not only the lock's own tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool

from consulent_app.config import load_defaults
from consulent_app.db.engine import make_engine
from consulent_app.services.base import AppContext
from tests.factories import Basis, maak_basis
from ui.idle_lock import IdleLock
from ui.main import open_hoofdvenster

pytestmark = pytest.mark.ui


@pytest.fixture
def basis(sqlite_url: str) -> Iterator[Basis]:
    ctx = AppContext(config=load_defaults().with_database(sqlite_url), engine=make_engine(sqlite_url))
    yield maak_basis(ctx)
    QThreadPool.globalInstance().waitForDone(10_000)
    ctx.engine.dispose()


def test_main_window_after_login_has_the_idle_lock(qtbot, basis: Basis) -> None:  # type: ignore[no-untyped-def]
    w = open_hoofdvenster(basis.ctx, basis["consulent"])
    qtbot.addWidget(w)
    lock = w.findChild(IdleLock)
    assert lock is not None
    assert lock.na_seconden == 5 * 60  # default vergrendel_na_minuten
    assert lock.actor.gebruiker_id == basis["consulent"].gebruiker_id
