"""The desktop bundle's start beside the start from source: `bench/run.py bundel` (on request).

Both run the self-test (`--selftest`: open the database, the main window as the first consultant, its home
screen, close), as whole processes, interleaved with the bare PySide6 window of bench_opstart, on the same demo
database; measured is the child's CPU time including its teardown (the bundle cannot report the moment its window
shows). The bundle is dist/consulent/consulent; when it is missing and this part is asked for by name, it is built
first (`pyinstaller build.spec`, several minutes, not timed). In a run of all benchmarks this part only runs when a
bundle was built before.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from bench_opstart import _cpu_ms, _kaal, _omgeving
from run import Benchmark

ROOT = Path(__file__).resolve().parent.parent
BUNDEL = ROOT / "dist" / "consulent" / "consulent"
GEVRAAGD = any(a in ("bundel", "bench_bundel") for a in sys.argv[1:])


def _bouw() -> dict[str, str]:
    if not BUNDEL.exists():
        print("    de bundel ontbreekt: pyinstaller build.spec (een paar minuten)", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "build.spec"],
                       cwd=ROOT, check=True)
    return _omgeving()


def _bundel(_state: Any) -> float:
    return _cpu_ms([str(BUNDEL), "--selftest"], eigen_tijd=False)


def _bron(_state: Any) -> float:
    return _cpu_ms([sys.executable, "-m", "consulent_app", "--selftest"], eigen_tijd=False)


BENCHMARKS = [
    Benchmark("zelftest uit de bron: start tot hoofdvenster en afsluiten (CPU)", _bron, setup=_bouw, basis=_kaal,
              herhalingen=5, opmerking="python -m consulent_app --selftest"),
    Benchmark("zelftest uit de bundel: start tot hoofdvenster en afsluiten (CPU)", _bundel, setup=_bouw,
              basis=_kaal, herhalingen=5, opmerking="dist/consulent/consulent --selftest (PyInstaller)"),
] if GEVRAAGD or BUNDEL.exists() else []
