"""Start-up as whole processes, against a bare PySide6 window started in the same run (interleaved).

Child processes (bench/_opstart_kind.py), each started anew every round: a bare PySide6 window (the baseline),
Consulent until its login window is shown, and Consulent until the main window shows the home screen's data after
logging in as `consulent`: once as the user does it (typing user name and password takes 2 s after the login window
shows; measured is what the user waits for: start to login window plus "Inloggen" to the home screen), once with
the password filled in the moment the login window shows (all the start-up's CPU, also what runs while the user
types). Measured is the CPU time of the child (user + system; on a shared machine
steadier than the wall clock, which is reported beside it on stderr) until the window is shown: the child reports
it at that moment and ends without the interpreter's teardown (the bare window likewise). Targets are ratios: login <= 3x the bare
window, main window <= 4x. When a desktop bundle was built (dist/consulent/consulent) it is measured too.

The database is a demo SQLite database in a temporary folder, made once before the rounds (that first start also
compiles the modules, as an installation does).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from functools import cache
from pathlib import Path
from typing import Any

from run import Benchmark

ROOT = Path(__file__).resolve().parent.parent
KIND = Path(__file__).resolve().parent / "_opstart_kind.py"


@cache
def _omgeving() -> dict[str, str]:
    tmp = Path(tempfile.mkdtemp(prefix="bench-opstart-"))
    # As installed (pip and the bundle compile to bytecode): compiled modules are kept, in a folder of the bench's
    # own, even where the environment says not to write them (PYTHONDONTWRITEBYTECODE).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", CONSULENT_CONFIG_DIR=str(tmp / "config"),
               CONSULENT_DATA_DIR=str(tmp / "data"), PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(tmp / "pycache"))
    # One start fills the database with the demo and writes the configuration (and compiles the modules); the
    # rounds then open it.
    subprocess.run([sys.executable, "-c", "from consulent_app import app, config; app.open_context(config.load(), "
                    "demo=True)"], env=env, check=True, capture_output=True)
    subprocess.run([sys.executable, str(KIND), "hoofdvenster"], env=env, check=True, capture_output=True,
                   timeout=300)
    return env


def _cpu_ms(argv: list[str], *, eigen_tijd: bool = True) -> float:
    """CPU time of the child until its window is shown: the number it prints at that moment (bench/_opstart_kind.py
    ends without teardown), else (`eigen_tijd=False`: the self-test) the child's whole CPU time from the operating
    system."""
    env = _omgeving()
    voor = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    uit = subprocess.run(argv, env=env, check=True, capture_output=True, text=True)
    muur = time.perf_counter() - t0
    na = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (na.ru_utime - voor.ru_utime) + (na.ru_stime - voor.ru_stime)
    regels = uit.stdout.strip().splitlines()
    try:
        gemeld = float(regels[-1]) / 1000 if regels and eigen_tijd else None
    except ValueError:
        gemeld = None
    print(f"    {Path(argv[1]).name if len(argv) > 1 else argv[0]} {' '.join(argv[2:3])}: "
          + (f"{gemeld:.2f} s CPU tot het venster, " if gemeld is not None else "")
          + f"{cpu:.2f} s CPU met afsluiten, {muur:.2f} s", file=sys.stderr, flush=True)
    return (gemeld if gemeld is not None else cpu) * 1000


def _kaal(_state: Any) -> float:
    return _cpu_ms([sys.executable, str(KIND), "kaal"])


def _app(doel: str) -> Any:
    return lambda _state: _cpu_ms([sys.executable, str(KIND), doel])


BENCHMARKS = [
    Benchmark("opstart tot inlogvenster (CPU)", _app("login"), setup=_omgeving, basis=_kaal, herhalingen=7,
              doel_x=3),
    Benchmark("opstart tot hoofdvenster na inloggen, wachttijd met 2 s typen (CPU)", _app("getypt"),
              setup=_omgeving, basis=_kaal, herhalingen=7, doel_x=4,
              opmerking="start tot inlogvenster + 'Inloggen' tot de gegevens van het startscherm"),
    Benchmark("opstart tot hoofdvenster, wachtwoord meteen ingevuld (CPU)", _app("hoofdvenster"), setup=_omgeving,
              basis=_kaal, herhalingen=7,
              opmerking="alle CPU van de start, ook wat tijdens het typen in de achtergrond gebeurt"),
]
BENCHMARKS += [
    Benchmark("volledige gc-ronde in de GUI-thread na 8 schermen (CPU)", _app("gc"), setup=_omgeving,
              herhalingen=5, opmerking="modules van de start bevroren (gc.freeze), zoals de applicatie doet"),
    Benchmark("volledige gc-ronde, zonder bevriezen (zoals voor issue 17; CPU)", _app("gc-onbevroren"),
              setup=_omgeving, herhalingen=5),
]
