"""Screens as the user waits for them: each screen of each role opened offscreen in the real main window, on the
benchmark database of bench_overzichten (`vul_demo(schaal=70)`; CONSULENT_BENCH_SCHAAL=140 for twice the size).

Timed (CPU time of the process, all threads; CONSULENT_BENCH_KLOK=muur for the wall clock) is the first open (the
page is made anew: widgets, loading in the background, the table filled) and a refresh (F5), each until the data
is shown: every background load has come back and the event loop is idle, so
deferred work (such as counting pages in the Verzendlijst) is included. Targets from issue 17.

Memory: per role a child process opens every screen of that role once and reports its resident memory (RSS)
afterwards; target < 180 MiB (a bare PySide6 window: about 60 MiB).

    python bench/bench_schermen.py geheugen <gebruikersnaam>   (the child; prints the RSS in MiB)
"""

from __future__ import annotations

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
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from ui import worker

    pool = QThreadPool.globalInstance()
    stil = 0
    while stil < 3:
        QApplication.processEvents()
        if pool.activeThreadCount() == 0 and not worker._running:
            stil += 1
        else:
            stil = 0
            pool.waitForDone(2)


@cache
def _app() -> Any:
    from ui.main import maak_app

    return maak_app()


@cache
def _venster(gebruiker: str) -> Any:
    from bench_overzichten import context

    from consulent_app.services.base import actor_by_username
    from ui.mainwindow import build_main_window

    _app()
    ctx = context()
    venster = build_main_window(ctx, actor_by_username(ctx, gebruiker))
    venster.resize(1366, 768)
    venster.show()
    wacht_tot_klaar()
    return venster


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
    import gc

    gc.collect()
    wacht_tot_klaar()
    rss = next(int(r.split()[1]) for r in Path("/proc/self/status").read_text().splitlines() if r.startswith("VmRSS"))
    print(f"{rss / 1024:.1f}")


def _geheugen(gebruiker: str) -> Any:
    def fn(_state: Any) -> dict[str, float]:
        t0 = time.perf_counter()
        uit = subprocess.run([sys.executable, __file__, "geheugen", gebruiker], check=True, capture_output=True,
                             text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        return {"ms": (time.perf_counter() - t0) * 1000, "mib": float(uit.stdout.strip().splitlines()[-1])}

    return fn


def _benchmarks() -> list[Benchmark]:
    uit = []
    for gebruiker, key, doel_eerste, doel_f5 in SCHERMEN:
        uit.append(Benchmark(f"scherm {key} ({gebruiker}), eerste keer", _eerste_keer(gebruiker, key),
                             herhalingen=5, doel_ms=doel_eerste, cpu=CPU))
        setup, fn = _vernieuw(gebruiker, key)
        uit.append(Benchmark(f"scherm {key} ({gebruiker}), F5", fn, setup=setup, herhalingen=5, doel_ms=doel_f5,
                             cpu=CPU))
    for gebruiker in GEBRUIKERS:
        uit.append(Benchmark(f"geheugen na elk scherm ({gebruiker})", _geheugen(gebruiker), herhalingen=1,
                             doel_mib=GEHEUGEN_DOEL_MIB, opmerking="RSS van een apart proces"))
    return uit


if __name__ == "__main__" and sys.argv[1:2] == ["geheugen"]:
    _geheugen_kind(sys.argv[2])
else:
    BENCHMARKS = _benchmarks()
