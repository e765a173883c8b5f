"""The main thread's wait for Python's GIL while a background thread does database work (issue 13; the cause of
the window's stalls while 30 letters were marked as sent: consulent_app.db.gil).

The main thread sleeps 1 ms at a time for one second, as a window's event loop waits for its next event; each
time it wakes it needs the GIL back. Measured: the longest time it woke late (the longest a window's Python slot,
paint or key press would have waited). Meanwhile a background thread reads a dossier's worth of rows again and
again through SQLAlchemy's ORM, as the operation layer's reads and writes do (on a SQLite file). Baseline: the same
background work with the sharing off (what CPython does by itself: the background thread lets go of the GIL
around every statement and takes it back before the main thread wakes). Target: under 4 ms (a quarter frame).
Next to it, what the pauses cost the background work: its time per 100 reads, with and without the sharing.
"""


import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import Benchmark  # noqa: E402
from sqlalchemy import Numeric, String  # noqa: E402
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column  # noqa: E402


class _Basis(DeclarativeBase):
    pass


class _Rij(_Basis):
    __tablename__ = "rij"
    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(40))
    datum: Mapped[str] = mapped_column(String(10))
    bedrag: Mapped[float] = mapped_column(Numeric)


def _setup() -> Any:
    from sqlalchemy import create_engine, text

    pad = Path(tempfile.mkdtemp(prefix="bench-gil-")) / "gil.sqlite3"
    engine = create_engine(f"sqlite:///{pad}")
    with engine.begin() as c:
        c.execute(text("CREATE TABLE rij (id INTEGER PRIMARY KEY, naam TEXT, datum TEXT, bedrag NUMERIC)"))
        c.execute(text("INSERT INTO rij (naam, datum, bedrag) VALUES (:n, :d, :b)"),
                  [{"n": f"Naam {i}", "d": f"2026-{1 + i % 12:02d}-01", "b": i * 1.5} for i in range(2000)])
    return engine


def _achtergrond(engine: Any, stop: threading.Event, teller: list[int] | None = None) -> None:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    i = 0
    while not stop.is_set():
        # Small ORM reads in short transactions, as the operation layer's reads and writes run them: each
        # statement lets go of the GIL briefly.
        with Session(engine) as s:
            for _ in range(10):
                s.scalars(select(_Rij).where(_Rij.id.between(i % 1900, i % 1900 + 20))).all()
                i += 7
                if teller is not None:
                    teller[0] += 1


def _langste_wachttijd(engine: Any, *, delen: bool, doorvoer: bool = False) -> float:
    """The main thread's longest late wake in a second; with `doorvoer`, instead the background thread's time per
    100 reads in a second in which the main thread sleeps (what the pauses themselves cost the background work)."""
    from consulent_app.db import gil

    was = gil.aan()
    gil.deel_met_hoofdthread(delen)
    stop = threading.Event()
    teller = [0]
    t = threading.Thread(target=_achtergrond, args=(engine, stop, teller), daemon=True)
    t.start()
    try:
        time.sleep(0.05)
        langst = 0.0
        teller[0] = 0
        begin = time.perf_counter()
        einde = begin + 1.0
        while time.perf_counter() < einde:
            if doorvoer:  # a window with nothing to do: the pauses' own cost
                time.sleep(einde - time.perf_counter())
                break
            t0 = time.perf_counter()
            time.sleep(0.001)
            langst = max(langst, (time.perf_counter() - t0) * 1000 - 1.0)
        if doorvoer:
            return (time.perf_counter() - begin) * 1000 / max(teller[0], 1) * 100
        return langst
    finally:
        stop.set()
        t.join()
        gil.deel_met_hoofdthread(was)


BENCHMARKS = [
    Benchmark("GIL: langste wachttijd van de hoofdthread terwijl een achtergrondthread SQL draait "
              "(basis: zonder delen)", lambda e: _langste_wachttijd(e, delen=True), _setup,
              basis=lambda e: _langste_wachttijd(e, delen=False), herhalingen=5, doel_ms=4.0,
              opmerking="consulent_app.db.gil"),
    Benchmark("GIL: achtergrondthread, tijd per 100 ORM-lezingen met delen (basis: zonder delen)",
              lambda e: _langste_wachttijd(e, delen=True, doorvoer=True), _setup,
              basis=lambda e: _langste_wachttijd(e, delen=False, doorvoer=True), herhalingen=5, doel_x=1.25,
              opmerking="wat de pauzes het achtergrondwerk kosten"),
]
