"""Benchmark runner: `python bench/run.py [name ...]` runs every bench/bench_*.py and prints one table.

Each bench module defines `BENCHMARKS: list[Benchmark]`. A benchmark has a setup (not timed) and a callable
(timed), is run `herhalingen` times, and reports the median, min and max, next to its target.
Benchmarks measure; tests never time.

A benchmark with a `basis` (a bare baseline: a bare PySide6 window, a bare reportlab letter) runs it interleaved
with its own callable, on the same machine in the same run, and reports the ratio of the medians ("x basis") next
to its target ratio `doel_x`. A callable may measure itself: when it returns a number, that is the measurement
in milliseconds (e.g. CPU time of a child process); a dict {"ms": ..., "mib": ...} also reports memory (RSS), and
{"ms": ..., "cpu_ms": ...} the CPU time that belongs to the measurement (e.g. the GUI thread's own CPU time within
its longest stall: on a busy machine the rest is waiting for a core), shown in a column "cpu" (its median).
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))


@dataclass
class Benchmark:
    naam: str
    fn: Callable[[Any], Any]  # receives what setup returned
    setup: Callable[[], Any] = lambda: None
    herhalingen: int = 5
    doel_ms: float | None = None  # target for the median, in milliseconds
    meet_geheugen: bool = False
    opmerking: str = ""
    basis: Callable[[Any], Any] | None = None  # bare baseline, run interleaved with fn
    doel_x: float | None = None  # target for median / median of the baseline
    doel_mib: float | None = None  # target for the memory a callable reports (RSS, MiB)
    cpu: bool = False  # CPU time of this process instead of the wall clock (steadier on a busy machine)
    resultaat: dict[str, float] = field(default_factory=dict)


def _meet(fn: Callable[[Any], Any], state: Any, cpu: bool = False) -> tuple[float, float | None]:
    """(milliseconds, MiB or None): wall (or CPU) time, unless the callable reports its own measurement."""
    ms, mib, _cpu = _meet_alles(fn, state, cpu)
    return ms, mib


def _meet_alles(fn: Callable[[Any], Any], state: Any, cpu: bool = False) -> tuple[float, float | None, float | None]:
    """(milliseconds, MiB or None, reported CPU milliseconds or None)."""
    klok = time.process_time if cpu else time.perf_counter
    t0 = klok()
    uit = fn(state)
    ms = (klok() - t0) * 1000
    if isinstance(uit, dict):
        return (float(uit.get("ms", ms)), (float(uit["mib"]) if uit.get("mib") is not None else None),
                float(uit["cpu_ms"]) if uit.get("cpu_ms") is not None else None)
    if isinstance(uit, int | float) and not isinstance(uit, bool):
        return float(uit), None, None
    return ms, None, None


def run(b: Benchmark) -> dict[str, float]:
    state = b.setup()
    tijden: list[float] = []
    basis: list[float] = []
    mib: list[float] = []
    cpu_ms: list[float] = []
    piek = 0.0
    for _ in range(b.herhalingen):
        if b.basis is not None:
            basis.append(_meet(b.basis, state, b.cpu)[0])
        if b.meet_geheugen:
            tracemalloc.start()
        ms, geheugen, eigen_cpu = _meet_alles(b.fn, state, b.cpu)
        tijden.append(ms)
        if eigen_cpu is not None:
            cpu_ms.append(eigen_cpu)
        if geheugen is not None:
            mib.append(geheugen)
        if b.meet_geheugen:
            piek = max(piek, tracemalloc.get_traced_memory()[1] / 1e6)
            tracemalloc.stop()
    uit = {"median": statistics.median(tijden), "min": min(tijden), "max": max(tijden), "piek_mb": piek}
    if basis:
        uit["basis"] = statistics.median(basis)
        uit["x"] = uit["median"] / uit["basis"] if uit["basis"] else float("nan")
    if mib:
        uit["mib"] = max(mib)
    if cpu_ms:
        uit["cpu"] = statistics.median(cpu_ms)
    return uit


def _fmt(ms: float) -> str:
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.1f} ms"


def main(argv: list[str]) -> int:
    """`run.py [module ...] [-k tekst]`: the modules (all by default); -k keeps benchmarks whose name has tekst."""
    alleen = None
    if "-k" in argv:
        i = argv.index("-k")
        alleen = argv[i + 1].casefold()
        argv = argv[:i] + argv[i + 2:]
    wanted = set(argv)
    rows = []
    for path in sorted(ROOT.glob("bench_*.py")):
        if wanted and path.stem.removeprefix("bench_") not in wanted and path.stem not in wanted:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for b in getattr(module, "BENCHMARKS", []):
            if alleen and alleen not in b.naam.casefold():
                continue
            print(f"... {b.naam}", file=sys.stderr, flush=True)
            r = run(b)
            gehaald = []
            if b.doel_ms is not None:
                gehaald.append(r["median"] <= b.doel_ms)
            if b.doel_x is not None and "x" in r:
                gehaald.append(r["x"] <= b.doel_x)
            if b.doel_mib is not None and "mib" in r:
                gehaald.append(r["mib"] <= b.doel_mib)
            ok = "" if not gehaald else ("ja" if all(gehaald) else "NEE")
            doel = [d for d in (_fmt(b.doel_ms) if b.doel_ms else "", f"<= {b.doel_x:g}x" if b.doel_x else "",
                                f"< {b.doel_mib:g} MiB" if b.doel_mib else "") if d]
            geheugen = [g for g in (f"{r['piek_mb']:.0f} MB" if b.meet_geheugen else "",
                                    f"{r['mib']:.0f} MiB RSS" if "mib" in r else "") if g]
            rows.append((b.naam, b.herhalingen, _fmt(r["median"]), _fmt(r["min"]), _fmt(r["max"]),
                         _fmt(r["cpu"]) if "cpu" in r else "",
                         _fmt(r["basis"]) if "basis" in r else "", f"{r['x']:.1f}x" if "x" in r else "",
                         ", ".join(geheugen), ", ".join(doel), ok))
    header: tuple[str, ...] = ("benchmark", "n", "mediaan", "min", "max", "cpu", "basis", "x basis", "geheugen", "doel",
                               "gehaald")
    if not any(row[5] for row in rows):  # no benchmark reported its own CPU time: no empty column
        header = header[:5] + header[6:]
        rows = [row[:5] + row[6:] for row in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |"
    print(line)
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
