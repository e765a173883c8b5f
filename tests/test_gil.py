"""Background database work pauses now and then so the main (GUI) thread gets the GIL (consulent_app.db.gil; issue
13: the window never waits). The clock is a fake one: what is tested is when a thread pauses, not how long
anything takes (the effect on the window is measured by bench/run.py stilstand and ops)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from consulent_app.db import gil


class _Klok:
    def __init__(self) -> None:
        self.nu = 100.0

    def __call__(self) -> float:
        return self.nu


@pytest.fixture()
def klok(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[_Klok, list[float]]]:
    k = _Klok()
    pauzes: list[float] = []
    monkeypatch.setattr(gil, "klok", k)
    monkeypatch.setattr(gil, "pauzeer", pauzes.append)
    was = gil.aan()
    yield k, pauzes
    gil.deel_met_hoofdthread(was)


def _statements(engine: Any, k: _Klok, stappen_ms: list[float]) -> None:
    with engine.connect() as conn:
        for ms in stappen_ms:
            k.nu += ms / 1000
            conn.execute(text("SELECT 1"))


def _in_thread(fn: Any) -> None:
    fout: list[BaseException] = []

    def loop() -> None:
        try:
            fn()
        except BaseException as exc:  # pragma: no cover - reported below
            fout.append(exc)

    t = threading.Thread(target=loop)
    t.start()
    t.join(30)
    assert not fout, fout


def test_a_background_thread_running_statements_pauses_every_2_ms_for_the_main_thread(klok: Any) -> None:
    k, pauzes = klok
    engine = create_engine("sqlite://")  # made before the sharing is turned on: it applies to every engine
    gil.deel_met_hoofdthread()
    # 20 statements 0.5 ms apart (10 ms of work): a pause after each 2 ms of it.
    _in_thread(lambda: _statements(engine, k, [0.5] * 20))
    assert pauzes and set(pauzes) == {gil.PAUZE_S}
    assert 4 <= len(pauzes) <= 5, pauzes


def test_the_main_thread_never_pauses_and_nothing_pauses_with_sharing_off(klok: Any) -> None:
    k, pauzes = klok
    engine = create_engine("sqlite://")
    gil.deel_met_hoofdthread()
    _statements(engine, k, [0.5] * 20)  # on the main thread
    assert pauzes == []
    gil.deel_met_hoofdthread(False)
    _in_thread(lambda: _statements(engine, k, [0.5] * 20))
    assert pauzes == []


def test_statements_far_apart_start_a_new_run_and_do_not_pause(klok: Any) -> None:
    """A thread that did other work (or waited) between statements let go of the GIL for that long already."""
    k, pauzes = klok
    engine = create_engine("sqlite://")
    gil.deel_met_hoofdthread()
    _in_thread(lambda: _statements(engine, k, [3.0] * 10))
    assert pauzes == []


def test_the_desktop_application_turns_the_sharing_on(qapp: Any, tmp_path: Any) -> None:
    from consulent_app.db.engine import make_engine
    from ui.main import maak_app

    maak_app()
    assert gil.aan()
    make_engine(f"sqlite:///{tmp_path / 'a.sqlite3'}").dispose()
    assert gil.werkzaam()


def test_asked_for_before_sqlalchemy_is_imported_it_starts_with_the_first_engine(tmp_path: Any) -> None:
    """The login window shows before SQLAlchemy is imported (tests/test_opstart.py): asking for the sharing
    imports nothing; the first engine made turns it on."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys\n"
            "from consulent_app.db import gil\n"
            "gil.deel_met_hoofdthread()\n"
            "print('sqlalchemy' in sys.modules, gil.werkzaam())\n"
            "from consulent_app.db.engine import make_engine\n"
            f"make_engine({str('sqlite:///' + str(tmp_path / 'b.sqlite3'))!r})\n"
            "print(gil.werkzaam())\n")
    root = Path(__file__).resolve().parent.parent
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60,
                         env=dict(os.environ, PYTHONPATH=str(root)))
    assert uit.stdout.split() == ["False", "False", "True"]
