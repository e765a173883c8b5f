"""UI tests: Python's cyclic garbage collector runs only in the GUI thread.

Left automatic, it runs in whichever thread happens to allocate, also a ui.worker thread loading a list; there it
can delete Qt objects that belong to the GUI thread (a closed window of an earlier test), and the process dies
with a segmentation fault. The application does the same (ui.main.gc_in_hoofdthread).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool

from consulent_app.config import load_defaults
from consulent_app.db.engine import make_engine
from consulent_app.services.base import AppContext
from tests.factories import Basis, maak_basis


@pytest.fixture(autouse=True)
def _gc_alleen_in_hoofdthread() -> Iterator[None]:
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.enable()  # the tests outside tests/ui keep the normal collector, even after ui.main.maak_app ran


@pytest.fixture
def basis(sqlite_url: str) -> Iterator[Basis]:
    """The known small organisation of tests/factories.py on a temporary SQLite database (the window's tests run on
    SQLite; the services underneath are tested on both databases). Waits for background loads before closing."""
    ctx = AppContext(config=load_defaults().with_database(sqlite_url), engine=make_engine(sqlite_url))
    yield maak_basis(ctx)
    QThreadPool.globalInstance().waitForDone(10_000)
    ctx.engine.dispose()
