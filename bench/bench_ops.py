"""The operation layer as a consultant feels it (issue 13), in the real investigation screen: from the last key
press to "Opgeslagen" (300 ms of it is the pause the autosave waits for), a step change until the step shows
current data, and the GUI thread's longest stall while typing, saving and changing steps (target: never over
16 ms, one frame), against an idle window's longest stall on the same machine in the same run (the bare
baseline: what the shared machine itself costs). On SQLite, and on PostgreSQL over a link with 20 ms added per
round trip (bench/_vertraging.py, a loopback proxy delaying 10 ms each way): a central database over a VPN."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from run import Benchmark

_staat: dict[str, dict[str, Any]] = {}


def _setup() -> dict[str, Any]:
    if "sqlite" not in _staat:
        tmp = Path(tempfile.mkdtemp(prefix="bench-ops-"))
        os.environ.setdefault("CONSULENT_CONFIG_DIR", str(tmp / "config"))
        os.environ.setdefault("CONSULENT_DATA_DIR", str(tmp / "data"))
        from consulent_app.app import open_context
        from consulent_app.config import load_defaults

        _staat["sqlite"] = _venster(open_context(load_defaults().with_database(f"sqlite:///{tmp / 'bench.sqlite3'}"),
                                                 demo=True))
    return _staat["sqlite"]


def _setup_pg() -> dict[str, Any]:
    """The demo on a throwaway PostgreSQL (filled directly), the window through the 20 ms proxy."""
    if "pg" not in _staat:
        import atexit

        tmp = Path(tempfile.mkdtemp(prefix="bench-ops-pg-"))
        os.environ.setdefault("CONSULENT_CONFIG_DIR", str(tmp / "config"))
        os.environ.setdefault("CONSULENT_DATA_DIR", str(tmp / "data"))
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from _vertraging import VertraagdeVerbinding

        from consulent_app.app import open_context
        from consulent_app.config import load_defaults
        from tests.pgserver import PgServer

        pg = PgServer()
        url = pg.start()
        atexit.register(pg.stop)
        open_context(load_defaults().with_database(url), demo=True).engine.dispose()
        proxy = VertraagdeVerbinding(pg.port, enkel_ms=10)
        traag = url.replace(f":{pg.port}/", f":{proxy.poort}/")
        _staat["pg"] = _venster(open_context(load_defaults().with_database(traag), upgrade=False))
    return _staat["pg"]


def _venster(ctx: Any) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from sqlalchemy import select

    from consulent_app.db import models as m
    from consulent_app.services.base import actor_by_username, transactie
    from ui.main import maak_app, open_hoofdvenster
    from ui.ops import wacht_op_alles

    app = maak_app()
    actor = actor_by_username(ctx, "consulent")
    with transactie(ctx) as s:
        oid = s.scalar(select(m.Onderzoek.id).where(m.Onderzoek.status == "open",
                                                    m.Onderzoek.consulent_id == actor.gebruiker_id,
                                                    m.Onderzoek.wet == "wmo"))
    w = open_hoofdvenster(ctx, actor)  # as a user gets it: with the idle lock
    w.show()
    w.open_page("onderzoek", onderzoek_id=oid)
    page = w.pages["onderzoek"]
    einde = time.monotonic() + 20
    while getattr(page, "view", None) is None and time.monotonic() < einde:
        app.processEvents()
    wacht_op_alles(20)
    page.ga_naar(1)
    wacht_op_alles(20)
    ed = page.stappen[1].velden.editors["client_woorden"]  # type: ignore[attr-defined]
    ed.setFocus()
    return {"app": app, "page": page, "ed": ed, "venster": w}


class _Stilstand:
    """The longest gap between two ticks of a 1 ms timer in the GUI thread: how long the window stood still."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.langst = 0.0
        self.cpu = 0.0  # the GUI thread's own CPU time in the longest gap (the rest: waiting for CPU or GIL)
        self._vorige = time.perf_counter()
        self._vorige_cpu = time.thread_time()
        self.timer = QTimer()
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tik)
        self.timer.start()

    def _tik(self) -> None:
        nu, cpu = time.perf_counter(), time.thread_time()
        if (nu - self._vorige) * 1000 > self.langst:
            self.langst = (nu - self._vorige) * 1000
            self.cpu = (cpu - self._vorige_cpu) * 1000
        self._vorige, self._vorige_cpu = nu, cpu

    def stop(self) -> float:
        self.timer.stop()
        return self.langst


def _stilstand_leeg(state: dict[str, Any], duur_s: float = 2.0) -> float:
    """The bare baseline: the longest stall of the same window doing nothing for a comparable time."""
    from ui.ops import wacht_op_alles

    app = state["app"]
    wacht_op_alles(20)
    meter = _Stilstand()
    einde = time.monotonic() + duur_s
    while time.monotonic() < einde:
        app.processEvents()
        time.sleep(0.0005)
    return meter.stop()


def _stapwissel(state: dict[str, Any]) -> float:
    """From the click on another step until it shows the investigation read after the step change."""
    from ui.ops import wacht_op_alles

    app, page = state["app"], state["page"]
    wacht_op_alles(20)
    naar = 2 if page.huidig == 1 else 1
    t0 = time.perf_counter()
    page.ga_naar(naar)
    _draai(app, lambda: page.ops.rustig())
    ms = (time.perf_counter() - t0) * 1000
    page.ga_naar(1)
    wacht_op_alles(20)
    return ms


def _draai(app: Any, tot: Any, timeout_s: float = 20.0) -> None:
    einde = time.monotonic() + timeout_s
    while not tot() and time.monotonic() < einde:
        app.processEvents()
        time.sleep(0.0005)


def _typ_tot_opgeslagen(state: dict[str, Any]) -> float:
    from PySide6.QtTest import QTest

    app, page, ed = state["app"], state["page"], state["ed"]
    for letter in "Ik wil zelf ":
        QTest.keyClick(ed, letter)
        app.processEvents()
    page.opslag_label.setText("")
    t0 = time.perf_counter()
    QTest.keyClick(ed, "x")
    _draai(app, lambda: page.opslag_label.text().startswith("Opgeslagen"))
    return (time.perf_counter() - t0) * 1000


def _stilstand_typen_en_opslaan(state: dict[str, Any]) -> float:
    return _typen_opslaan_stapwissel(state).stop()


def _stilstand_cpu(state: dict[str, Any]) -> float:
    """The GUI thread's own CPU time within that longest stall: what the window itself did in one go."""
    meter = _typen_opslaan_stapwissel(state)
    meter.stop()
    return meter.cpu


def _typen_opslaan_stapwissel(state: dict[str, Any]) -> _Stilstand:
    from PySide6.QtTest import QTest

    from ui.ops import wacht_op_alles

    app, page, ed = state["app"], state["page"], state["ed"]
    wacht_op_alles(20)
    meter = _Stilstand()
    for letter in "Ik wil mijn huis weer netjes hebben en zelf koken. ":
        QTest.keyClick(ed, letter)
        t = time.perf_counter()
        while time.perf_counter() - t < 0.03:  # about 30 keys a second
            app.processEvents()
    _draai(app, lambda: page.opslag_label.text().startswith("Opgeslagen"))
    page.ga_naar(2)  # a step change: saves and reloads the whole investigation
    wacht_op_alles(20)
    page.ga_naar(1)
    wacht_op_alles(20)
    return meter


BENCHMARKS = [
    Benchmark("ops: laatste toets tot 'Opgeslagen' (SQLite, incl. 300 ms typpauze)", _typ_tot_opgeslagen, _setup,
              herhalingen=10, doel_ms=400,
              opmerking="journaal bij elke toets, opslaan na 300 ms pauze, op de schrijver buiten de GUI-thread"),
    Benchmark("ops: stapwissel tot de stap de nieuw gelezen gegevens toont (SQLite)", _stapwissel, _setup,
              herhalingen=10),
    Benchmark("ops: langste stilstand GUI-thread bij typen, opslaan en stapwissel (SQLite)",
              _stilstand_typen_en_opslaan, _setup, herhalingen=5, doel_ms=16, basis=_stilstand_leeg,
              opmerking="doel: nooit langer dan één beeld (16 ms); basis: hetzelfde venster zonder werk"),
    Benchmark("ops: CPU-tijd van de GUI-thread in die langste stilstand (SQLite)", _stilstand_cpu, _setup,
              herhalingen=5, doel_ms=16, opmerking="de rest van de stilstand: wachten op de processor of de GIL"),
    Benchmark("ops: laatste toets tot 'Opgeslagen' (PostgreSQL +20 ms per rondreis, incl. 300 ms typpauze)",
              _typ_tot_opgeslagen, _setup_pg, herhalingen=10, doel_ms=400),
    Benchmark("ops: stapwissel tot de stap de nieuw gelezen gegevens toont (PostgreSQL +20 ms per rondreis)",
              _stapwissel, _setup_pg, herhalingen=10),
    Benchmark("ops: langste stilstand GUI-thread bij typen, opslaan en stapwissel (PostgreSQL +20 ms)",
              _stilstand_typen_en_opslaan, _setup_pg, herhalingen=5, doel_ms=16, basis=_stilstand_leeg),
]
