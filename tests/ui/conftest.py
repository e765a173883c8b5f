"""UI tests: Python's cyclic garbage collector runs only in the GUI thread; SQL on the GUI thread fails the test.

Left automatic, it runs in whichever thread happens to allocate, also a background thread (ui.ops) loading a list; there it
can delete Qt objects that belong to the GUI thread (a closed window of an earlier test), and the process dies
with a segmentation fault. The application does the same (ui.main.gc_in_hoofdthread).
"""

from __future__ import annotations

import gc
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool
from sqlalchemy import Engine, event

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


# --- SQL on the GUI thread -------------------------------------------------------------------------------------------
# Issue 13: the window never waits on the database. Every statement executed on the main (GUI) thread while code of
# ui/ is on the stack fails the test, naming the service function and the line of ui/ that ran it (use ui.ops).
# One narrow exemption: SQL that a screen reaches through test code (a stand-in the test put in the place of a
# dependency, e.g. a fake `log_in` that looks the user up): the frame of ours that ui/ called is then in tests/. Test setup outside any screen (factories, direct service calls
# to arrange or check the database) never has ui/ on the stack and is not counted at all.

_ROOT = Path(__file__).resolve().parents[2]
_UI = str(_ROOT / "ui") + "/"
_SERVICES = str(_ROOT / "consulent_app" / "services") + "/"
_KERN = str(_ROOT / "consulent_app") + "/"
_TESTS = str(_ROOT / "tests") + "/"
_per_test: dict[str, Counter[str]] = {}
_huidig: dict[str, Any] = {"test": None, "telling": None}


def _gui_sql(_conn: Any, _cursor: Any, _statement: str, _params: Any, _context: Any, _many: bool) -> None:
    telling = _huidig["telling"]
    if telling is None or threading.current_thread() is not threading.main_thread():
        return
    frame = sys._getframe(1)
    dienst = None
    geroepen = ""  # the last frame of this project (core or tests) before the ui/ frame: what ui/ called
    via_ui = None
    while frame is not None:
        pad = frame.f_code.co_filename
        if pad.startswith(_UI):
            via_ui = f"{pad[len(_UI):]}:{frame.f_lineno} {frame.f_code.co_name}"
            break
        if pad.startswith((_KERN, _TESTS)):
            geroepen = pad
        if pad.startswith(_SERVICES):
            dienst = f"{Path(pad).stem}.{frame.f_code.co_name}"
        frame = frame.f_back  # type: ignore[assignment]
    if via_ui and not geroepen.startswith(_TESTS):
        telling[f"{dienst or '(buiten een service)'} via ui/{via_ui}"] += 1


event.listen(Engine, "before_cursor_execute", _gui_sql)


@pytest.fixture(autouse=True)
def _geen_gui_sql(request: pytest.FixtureRequest) -> Iterator[Counter[str]]:
    telling: Counter[str] = Counter()
    _huidig["telling"] = telling
    try:
        yield telling
    finally:
        _huidig["telling"] = None
    if telling:
        _per_test[request.node.nodeid] = telling
        pytest.fail("SQL op de GUI-thread (gebruik ui.ops): " +
                    ", ".join(f"{k} ({n} statements)" for k, n in telling.most_common()), pytrace=False)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _per_test:
        return
    diensten: Counter[str] = Counter()
    for telling in _per_test.values():
        diensten.update({k: 1 for k in telling})
    terminalreporter.write_sep("-", f"SQL op de GUI-thread: {len(diensten)} plaatsen in {len(_per_test)} tests")
    for naam, n in diensten.most_common():
        terminalreporter.write_line(f"  {naam}: in {n} test(s)")


@pytest.fixture(autouse=True)
def _kijken_op_verzoek(monkeypatch: pytest.MonkeyPatch) -> None:
    """A window asks every few seconds what colleagues changed (ui.ops.KIJK_INTERVAL_S); in tests it asks only when
    the test says so (`ops.kijk_naar_wijzigingen()`), so no timer reloads a page in the middle of an assertion."""
    monkeypatch.setattr("ui.ops.KIJK_INTERVAL_S", None)


@pytest.fixture(autouse=True)
def _sluiten_met_wachtend(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Closing a window while writes wait asks the user (ui.ops.mag_sluiten_met_wachtend); a test answers
    'close, save later' and may look at what was asked."""
    gevraagd: list[Any] = []

    def antwoord(_parent: Any, stand: Any) -> bool:
        gevraagd.append(stand)
        return True

    monkeypatch.setattr("ui.ops.mag_sluiten_met_wachtend", antwoord)
    return gevraagd


@pytest.fixture(autouse=True)
def verlaten_gevraagd(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Leaving a step with refused text asks (ui.onderzoek.autosave.vraag_bij_verlaten); a test sets the answer
    (`verlaten_gevraagd["antwoord"]`, default: go on) and sees which fields were named."""
    staat: dict[str, Any] = {"antwoord": True, "velden": []}

    def vraag(_parent: Any, velden: list[str]) -> bool:
        staat["velden"].append(list(velden))
        return bool(staat["antwoord"])

    monkeypatch.setattr("ui.pages.onderzoek.vraag_bij_verlaten", vraag)
    return staat


@pytest.fixture
def basis(sqlite_url: str) -> Iterator[Basis]:
    """The known small organisation of tests/factories.py on a temporary SQLite database (the window's tests run on
    SQLite; the services underneath are tested on both databases). Waits for background loads before closing."""
    ctx = AppContext(config=load_defaults().with_database(sqlite_url), engine=make_engine(sqlite_url))
    yield maak_basis(ctx)
    QThreadPool.globalInstance().waitForDone(10_000)
    ctx.engine.dispose()


@pytest.fixture(autouse=True)
def _geen_sessie_over() -> Iterator[None]:
    """A test that starts a ui.sessie.Sessie and never stops it leaves its listener for revoked sessions behind
    (services.base.bij_sessie_ingetrokken); a later test's revoked session then ends that old session too: every
    window closed, among them ones being deleted (a crash), and the real login dialog waiting for a user."""
    from consulent_app.services import base

    voor = list(base._bij_intrekking)
    yield
    base._bij_intrekking[:] = voor
