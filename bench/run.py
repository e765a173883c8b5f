"""Benchmark runner: `python bench/run.py [name ...]` runs every bench/bench_*.py and prints one table.

Each bench module defines `BENCHMARKS: list[Benchmark]`. A benchmark has a setup (not timed) and a callable
(timed), is run `herhalingen` times, and reports the median, min and max, next to its target.
Benchmarks measure; tests never time.
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
    resultaat: dict[str, float] = field(default_factory=dict)


def run(b: Benchmark) -> dict[str, float]:
    state = b.setup()
    tijden = []
    piek = 0.0
    for _ in range(b.herhalingen):
        if b.meet_geheugen:
            tracemalloc.start()
        t0 = time.perf_counter()
        b.fn(state)
        tijden.append((time.perf_counter() - t0) * 1000)
        if b.meet_geheugen:
            piek = max(piek, tracemalloc.get_traced_memory()[1] / 1e6)
            tracemalloc.stop()
    return {"median": statistics.median(tijden), "min": min(tijden), "max": max(tijden), "piek_mb": piek}


def _fmt(ms: float) -> str:
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.1f} ms"


def main(argv: list[str]) -> int:
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
            print(f"... {b.naam}", file=sys.stderr, flush=True)
            r = run(b)
            ok = "" if b.doel_ms is None else ("ja" if r["median"] <= b.doel_ms else "NEE")
            rows.append((b.naam, b.herhalingen, _fmt(r["median"]), _fmt(r["min"]), _fmt(r["max"]),
                         f"{r['piek_mb']:.0f} MB" if b.meet_geheugen else "",
                         _fmt(b.doel_ms) if b.doel_ms else "", ok))
    header = ("benchmark", "n", "mediaan", "min", "max", "piekgeheugen", "doel", "gehaald")
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |"
    print(line)
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
