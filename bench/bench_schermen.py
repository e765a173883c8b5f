"""Screens as the user waits for them: each screen of each role opened offscreen in the real main window, on the
benchmark database of bench_overzichten (`vul_demo(schaal=70)`; CONSULENT_BENCH_SCHAAL=140 for twice the size).

Timed (CPU time of the process, all threads; CONSULENT_BENCH_KLOK=muur for the wall clock) is the first open (the
page is made anew: widgets, loading in the background, the table filled) and a refresh (F5), each until the data
is shown: every background load has come back and the event loop is idle, so
deferred work (such as counting pages in the Verzendlijst) is included. Targets from issue 17.

Memory: per role a child process opens the database as the application does, opens every screen of that role
once and reports its resident memory (RSS) afterwards; target < 180 MiB (a bare PySide6 window: about 60 MiB).

    python bench/bench_schermen.py geheugen <gebruikersnaam>   (the child; prints the RSS in MiB)
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import time
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from run import Benchmark  # noqa: E402

#: (user, screen key, target first open in ms, target refresh in ms); None: no target in the issue.
SCHERMEN: list[tuple[str, str, float | None, float | None]] = [
    ("consulent", "mijn_werk", None, None),
    ("consulent", "zoeken", None, None),
    ("planner", "termijnen", 200, 200),
    ("planner", "po", 300, 300),
    ("planner", "werk_verdelen", None, None),
    ("planner", "belasting", None, None),
    ("planner", "capaciteit", None, None),
    ("planner", "vooruitblik", None, None),
    ("teamleider", "sturing", None, None),
    ("toetser", "te_toetsen", None, None),
    ("toetser", "toetsing", None, None),
    ("administratie", "te_verzenden", None, None),
    ("administratie", "verzendlijst", 300, 300),
    ("administratie", "toewijzing", None, None),
    ("beheerder", "beheer", None, None),
]
GEBRUIKERS = ("consulent", "planner", "teamleider", "toetser", "administratie", "beheerder")
GEHEUGEN_DOEL_MIB = 180
#: CPU time of the process (GUI and background threads) instead of the wall clock: on a machine shared with other
#: work the wall clock mostly measures the waiting for a core. CONSULENT_BENCH_KLOK=muur for the wall clock.
CPU = os.environ.get("CONSULENT_BENCH_KLOK", "cpu") != "muur"


def wacht_tot_klaar() -> None:
    """Until every background load has come back and nothing new was started: the data is on screen."""
    from PySide6.QtCore import QEventLoop, QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.ops import wacht_op_alles

    pool = QThreadPool.globalInstance()
    stil = 0
    while stil < 3:
        QApplication.processEvents()
        if pool.activeThreadCount() == 0 and wacht_op_alles(0):
            stil += 1
        else:
            stil = 0
            # Wait as the application's own event loop waits: until the next event or timer (a background
            # result, the meter's tick), at most 2 ms. Blocking in pool.waitForDone(2) kept the GUI thread from
            # its timers for those 2 ms and then had it wait for the GIL: the benchmark's own stall, not the window's.
            QTimer.singleShot(2, _niets)
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)


def _niets() -> None:
    pass


@cache
def _app() -> Any:
    from ui.main import maak_app

    return maak_app()


def _context_als_de_app() -> Any:
    """In the memory child: the database the parent made ready, opened as the application opens it
    (app.open_context: the schema checked without Alembic), not with the bench's build-and-upgrade tooling, whose
    Alembic and migrations the application never loads (about 15 MiB)."""
    from consulent_app import app
    from consulent_app.config import load_defaults

    return app.open_context(load_defaults().with_database(os.environ["CONSULENT_BENCH_GEHEUGEN_URL"]))


@cache
def _venster(gebruiker: str) -> Any:
    from consulent_app.services.base import actor_by_username
    from ui.mainwindow import build_main_window

    _app()
    if "CONSULENT_BENCH_GEHEUGEN_URL" in os.environ:
        ctx = _context_als_de_app()
    else:
        from bench_overzichten import context

        ctx = context()
    # As the application freezes what exists before its first main window (ui.main.bevries_opstart): a collection
    # on the GUI thread then walks this window's objects, as in a session, not those of every window and database
    # the benchmarks made before it (a full one: about 90 ms instead of 10).
    import gc

    gc.collect()
    gc.freeze()
    venster = build_main_window(ctx, actor_by_username(ctx, gebruiker))
    venster.resize(1366, 768)
    venster.show()
    wacht_tot_klaar()
    na_het_vooruit_laden(venster)
    return venster


def na_het_vooruit_laden(venster: Any) -> None:
    """As a user who looks at the home screen a moment: the window imports its screens' modules in the background
    (MainWindow.VOORUIT_MS after it came); the screens are measured after that, as a user opens them later."""
    from PySide6.QtWidgets import QApplication

    einde = time.monotonic() + venster.VOORUIT_MS / 1000 + 0.1
    while time.monotonic() < einde:
        QApplication.processEvents()
        time.sleep(0.002)
    wacht_tot_klaar()


def _eerste_keer(gebruiker: str, key: str) -> Any:
    def fn(_state: Any) -> None:
        venster = _venster(gebruiker)
        oud = venster.pages.pop(key, None)
        if oud is not None:
            venster.stack.removeWidget(oud)
            oud.deleteLater()
        venster.huidige = None
        venster.open_page(key)
        wacht_tot_klaar()
        assert venster.huidige == key

    return fn


def _vernieuw(gebruiker: str, key: str) -> Any:
    def setup() -> Any:
        venster = _venster(gebruiker)
        if venster.huidige != key:
            venster.open_page(key)
            wacht_tot_klaar()
        return venster

    def fn(venster: Any) -> None:
        venster.vernieuw()
        wacht_tot_klaar()

    return setup, fn


def _geheugen_kind(gebruiker: str) -> None:
    venster = _venster(gebruiker)
    for key, spec in sorted(venster.specs.items()):
        if spec.in_menu:
            venster.open_page(key)
            wacht_tot_klaar()
    # As a user leaves the window after the last screen: quiet for a moment, in which the main window hands the
    # memory the loads freed back to the system (MainWindow.GEHEUGEN_TERUG_MS).
    import gc

    from PySide6.QtCore import QEventLoop, QTimer

    gc.collect()
    wacht_tot_klaar()
    lus = QEventLoop()
    QTimer.singleShot(venster.GEHEUGEN_TERUG_MS + 500, lus.quit)
    lus.exec()
    rss = next(int(r.split()[1]) for r in Path("/proc/self/status").read_text().splitlines() if r.startswith("VmRSS"))
    print(f"{rss / 1024:.1f}")


def _geheugen(gebruiker: str) -> Any:
    def fn(_state: Any) -> dict[str, float]:
        from bench_overzichten import context

        url = context().engine.url.render_as_string(hide_password=False)  # built and upgraded here, once
        t0 = time.perf_counter()
        uit = subprocess.run([sys.executable, __file__, "geheugen", gebruiker], check=True, capture_output=True,
                             text=True, env=dict(os.environ, PYTHONPATH=str(ROOT), CONSULENT_BENCH_GEHEUGEN_URL=url))
        return {"ms": (time.perf_counter() - t0) * 1000, "mib": float(uit.stdout.strip().splitlines()[-1])}

    return fn


PO_RIJEN = 5_000


@cache
def _po_5000() -> Any:
    """The planner's PO-planning with 5,000 rows: a copy of the benchmark database in which the planner's teams get
    extra planned POs (copies of their planned ones, spread over the coming twelve months) until the screen lists
    PO_RIJEN rows; a main window of its own on that copy."""
    import datetime as dt
    import shutil
    import tempfile

    from bench_overzichten import context
    from sqlalchemy import func, insert, select

    from consulent_app.config import load_defaults
    from consulent_app.db import models as m
    from consulent_app.db.engine import make_engine
    from consulent_app.services import periodiek
    from consulent_app.services.base import AppContext, actor_by_username
    from ui.mainwindow import build_main_window

    bron = context()
    pad = Path(tempfile.mkdtemp(prefix="bench-po5000-")) / "po.sqlite3"
    with bron.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(str(bron.engine.url.database), pad)
    url = f"sqlite:///{pad}"
    ctx = AppContext(config=load_defaults().with_database(url), engine=make_engine(url))
    actor = actor_by_username(ctx, "planner")
    nu = len(periodiek.po_overzicht(ctx, actor).regels)
    vandaag = dt.date.today()
    with ctx.engine.begin() as c:
        voorbeelden = c.execute(select(m.PeriodiekOnderzoek.voorziening_id, m.PeriodiekOnderzoek.client_id,
                                       m.PeriodiekOnderzoek.team_id, m.PeriodiekOnderzoek.consulent_id)
                                .where(m.PeriodiekOnderzoek.status == "gepland",
                                       m.PeriodiekOnderzoek.team_id.in_(sorted(actor.teams)))).all()
        extra = [{"voorziening_id": v, "client_id": cl, "team_id": t, "consulent_id": co, "status": "gepland",
                  "geplande_datum": vandaag + dt.timedelta(days=1 + i % 360), "versie": 1}
                 for i, (v, cl, t, co) in zip(range(max(0, PO_RIJEN - nu)), itertools.cycle(voorbeelden))]
        if extra:
            c.execute(insert(m.PeriodiekOnderzoek), extra)
        totaal = c.scalar(select(func.count()).select_from(m.PeriodiekOnderzoek))
    rijen = len(periodiek.po_overzicht(ctx, actor).regels)
    print(f"    PO-planning van de planner: {rijen} rijen (was {nu}; {totaal} PO's in de kopie)", file=sys.stderr)
    _app()
    venster = build_main_window(ctx, actor)
    venster.resize(1366, 768)
    venster.show()
    wacht_tot_klaar()
    return venster


def _po_5000_eerste(_state: Any) -> None:
    venster = _po_5000()
    oud = venster.pages.pop("po", None)
    if oud is not None:
        venster.stack.removeWidget(oud)
        oud.deleteLater()
    venster.huidige = None
    venster.open_page("po")
    wacht_tot_klaar()


def _po_5000_f5(_state: Any) -> None:
    venster = _po_5000()
    if venster.huidige != "po":
        venster.open_page("po")
        wacht_tot_klaar()
    venster.vernieuw()
    wacht_tot_klaar()


def _benchmarks() -> list[Benchmark]:
    uit = []
    for gebruiker, key, doel_eerste, doel_f5 in SCHERMEN:
        uit.append(Benchmark(f"scherm {key} ({gebruiker}), eerste keer", _eerste_keer(gebruiker, key),
                             herhalingen=5, doel_ms=doel_eerste, cpu=CPU))
        setup, fn = _vernieuw(gebruiker, key)
        uit.append(Benchmark(f"scherm {key} ({gebruiker}), F5", fn, setup=setup, herhalingen=5, doel_ms=doel_f5,
                             cpu=CPU))
    rijen = f"{PO_RIJEN:,}".replace(",", ".")
    uit.append(Benchmark(f"scherm po (planner), {rijen} rijen, eerste keer", _po_5000_eerste, setup=_po_5000,
                         herhalingen=5, doel_ms=500, cpu=CPU))
    uit.append(Benchmark(f"scherm po (planner), {rijen} rijen, F5", _po_5000_f5, setup=_po_5000, herhalingen=5,
                         doel_ms=500, cpu=CPU))
    for gebruiker in GEBRUIKERS:
        uit.append(Benchmark(f"geheugen na elk scherm ({gebruiker})", _geheugen(gebruiker), herhalingen=1,
                             doel_mib=GEHEUGEN_DOEL_MIB, opmerking="RSS van een apart proces"))
    return uit


if __name__ == "__main__" and sys.argv[1:2] == ["geheugen"]:
    _geheugen_kind(sys.argv[2])
else:
    BENCHMARKS = _benchmarks()
