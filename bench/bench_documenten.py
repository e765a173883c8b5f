"""Documents: one decision PDF, one report PDF, and 500 decisions in a batch (time and peak memory).

Each benchmark runs the real service functions on a fresh SQLite database in a temporary folder, with the
small test organisation and complete cases (investigation, request, two provisions) written beforehand.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from run import Benchmark

_TMP = Path(tempfile.mkdtemp(prefix="bench-documenten-"))
os.environ.setdefault("CONSULENT_CONFIG_DIR", str(_TMP / "config"))
os.environ.setdefault("CONSULENT_DATA_DIR", str(_TMP / "data"))

VANDAAG = dt.date(2026, 11, 25)
_gebruikt: set[str] = set()


@cache
def _omgeving() -> Any:
    from consulent_app.config import load_defaults
    from consulent_app.db import migrate
    from consulent_app.db.engine import make_engine
    from consulent_app.services.base import AppContext
    from tests.factories import maak_basis

    url = f"sqlite:///{_TMP / 'bench.sqlite3'}"
    eng = make_engine(url)
    migrate.upgrade(eng)
    ctx = AppContext(config=load_defaults().with_database(url), engine=eng)
    return ctx, maak_basis(ctx)


def _zaken(aantal: int) -> list[tuple[int, int]]:
    """`aantal` complete cases with a concept decision: (beschikking_id, onderzoek_id)."""
    from consulent_app.services import beschikkingen as bs
    from tests.factories_documenten import maak_zaak

    ctx, basis = _omgeving()
    basis._bsn = [b for b in _bsns(aantal + len(_gebruikt)) if b not in _gebruikt][:aantal]
    _gebruikt.update(basis._bsn)  # more valid BSNs than the factory's ten, never twice
    uit = []
    for i in range(aantal):
        zaak = maak_zaak(basis, besluiten=("toegekend", "toegekend"), achternaam=f"Bench{i}")
        bid = bs.maak_concept_beschikking(ctx, basis["consulent"], zaak.aanvraag_id, vandaag=VANDAAG)
        uit.append((bid, zaak.onderzoek_id))
    return uit


def _bsns(aantal: int) -> list[str]:
    """Valid BSNs (eleven test) from a range no test uses."""
    uit: list[str] = []
    n = 300_000_000
    while len(uit) < aantal:
        n += 1
        s = f"{n:09d}"
        if sum(int(c) * w for c, w in zip(s, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True)) % 11 == 0:
            uit.append(s)
    return uit


def _setup_een() -> Any:
    ctx, basis = _omgeving()
    (bid, oid), = _zaken(1)
    return ctx, basis["consulent"], bid, oid


def _beschikking_pdf(state: Any) -> None:
    from consulent_app.services import documenten as ds

    ctx, actor, bid, _ = state
    ds.beschikking_pdf(ctx, actor, bid, vandaag=VANDAAG)


def _kale_brief(_state: Any) -> None:
    """The bare baseline: a two-page reportlab letter (platypus, 40 paragraphs, a table), nothing of Consulent."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    stijl = getSampleStyleSheet()["BodyText"]
    tekst = ("Wij hebben uw aanvraag voor een maatwerkvoorziening onderzocht en besloten. Hieronder leest u wat "
             "wij hebben besloten en waarom. ") * 3
    delen: list[Any] = [Paragraph(f"{i}. {tekst}", stijl) for i in range(40)]
    delen.insert(10, Table([["Voorziening", "Omvang", "Ingang"], ["Huishoudelijke hulp", "3 uur per week",
                                                                  "1 december 2026"]]))
    SimpleDocTemplate(io.BytesIO(), pagesize=A4).build(delen)


def _verslag_pdf(state: Any) -> None:
    from consulent_app.services import documenten as ds

    ctx, actor, _, oid = state
    ds.verslag_pdf(ctx, actor, oid)


def _setup_batch(aantal: int) -> Any:
    def setup() -> Any:
        ctx, basis = _omgeving()
        return ctx, basis["consulent"], [bid for bid, _ in _zaken(aantal)]

    return setup


def _batch(state: Any, *, parallel: bool = True) -> dict[str, float]:
    """The batch as the application runs it; with `parallel` on a machine with two free cores (a consultant's
    laptop): the number of worker processes does not depend on what else loads the shared build machine.

    Reports the wall time and the CPU time of all processes (this one and the workers). On the shared 2-core build
    machine the wall time mostly measures waiting for a core, so it also prints what two idle cores need: the CPU
    time of all processes over two cores plus the wait for the first letter (the workers' start), per letter and
    per process, with the load average."""
    import os
    import resource
    import sys
    import time

    from consulent_app.services import documenten as ds

    ctx, actor, ids = state
    vrij = ds.vrije_kernen
    if parallel:
        ds.vrije_kernen = lambda: 2  # type: ignore[assignment]
    eerste: list[float] = []

    def voortgang(i: int, _n: int, _t: str) -> None:
        if i == 1:
            eerste.append(time.perf_counter())

    r0, c0, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.process_time(), time.perf_counter()
    try:
        gemaakt = ds.maak_beschikkingen(ctx, actor, ids, "pdf", vandaag=VANDAAG, parallel=parallel,
                                        progress=voortgang)
    finally:
        ds.vrije_kernen = vrij  # type: ignore[assignment]
    muur, hier = time.perf_counter() - t0, time.process_time() - c0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    werkers = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    n = len(ids)
    eerste_s = eerste[0] - t0 if eerste else 0.0
    print(f"    {n} brieven {'met twee werkprocessen' if parallel else 'in één proces'}: {muur:.1f} s muur "
          f"(load {os.getloadavg()[0]:.1f}); CPU {hier:.1f} s hier ({hier / n * 1000:.1f} ms/brief) + "
          f"{werkers:.1f} s werkers ({werkers / n * 1000:.1f} ms/brief, start inbegrepen) = "
          f"{(hier + werkers) / n * 1000:.1f} ms/brief; eerste brief na {eerste_s:.2f} s; twee vrije kernen: "
          f"{(hier + werkers) / (2 if parallel else 1) + (eerste_s if parallel else 0):.1f} s", file=sys.stderr,
          flush=True)
    assert len(gemaakt) == len(ids)
    return {"ms": muur * 1000, "cpu_ms": (hier + werkers) * 1000}


def _batch_serieel(state: Any) -> dict[str, float]:
    return _batch(state, parallel=False)


_RSS_KIND = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[2])
import bench_documenten as bd
from consulent_app.services import documenten as ds
state = bd._setup_batch(int(sys.argv[1]))()

def status(veld):
    for regel in open("/proc/self/status"):
        if regel.startswith(veld + ":"):
            return int(regel.split()[1]) / 1024

voor = status("VmRSS")
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # the peak (VmHWM) starts again from here: the batch's own peak, not the setup's
t0 = time.perf_counter()
bd._batch(state)
print(json.dumps({"s": time.perf_counter() - t0, "voor": voor, "piek": status("VmHWM"),
                  "werker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def _rss(aantal: int) -> Any:
    """A child process makes `aantal` cases, then runs the batch (two worker processes) and reports the peak
    resident memory during the batch (Linux VmHWM, reset when the batch starts), of itself and of the largest
    worker. Flat: the peak of 500 letters is that of 100."""
    def meet(_state: Any) -> dict[str, float]:
        import json
        import subprocess
        import sys

        uit = subprocess.run([sys.executable, "-c", _RSS_KIND, str(aantal), str(Path(__file__).resolve().parent)],
                             capture_output=True, text=True, check=True)
        r = json.loads(uit.stdout.strip().splitlines()[-1])
        print(f"    {aantal} brieven: {r['s']:.1f} s; RSS voor de batch {r['voor']:.0f} MiB, piek tijdens de batch "
              f"{r['piek']:.0f} MiB, grootste werkproces {r['werker']:.0f} MiB", file=sys.stderr, flush=True)
        return {"ms": r["s"] * 1000, "mib": r["piek"]}

    return meet


def _setup_dossier() -> Any:
    """Two clients of one case each: one with 200 stored document versions (55 kB each, 11 MB), one with none."""
    import hashlib

    from consulent_app.db import models as m

    ctx, basis = _omgeving()
    (bid_veel, _), (bid_leeg, _) = _zaken(2)
    with ctx.session_factory.begin() as s:
        veel = s.get(m.Beschikking, bid_veel)
        leeg = s.get(m.Beschikking, bid_leeg)
        assert veel is not None and leeg is not None
        for i in range(1, 201):
            data = b"%PDF-1.4 " + bytes([i % 256]) * 55_000
            s.add(m.Document(client_id=veel.client_id, soort="beschikking", formaat="pdf", versie_nr=i,
                             titel=f"Beschikking {i}", bestandsnaam=f"b{i}.pdf", inhoud=data, paginas=3,
                             sha256=hashlib.sha256(data).hexdigest(), beschikking_id=bid_veel))
        return ctx, basis["consulent"], veel.client_id, leeg.client_id


def _dossier(state: Any) -> None:
    from consulent_app.services import dossiers

    ctx, actor, cid, _ = state
    dossiers.open_dossier(ctx, actor, cid, vandaag=VANDAAG)


def _dossier_leeg(state: Any) -> None:
    from consulent_app.services import dossiers

    ctx, actor, _, cid = state
    dossiers.open_dossier(ctx, actor, cid, vandaag=VANDAAG)


BENCHMARKS = [
    Benchmark("dossier openen, 200 documentversies (basis: zonder documenten)", _dossier, _setup_dossier,
              basis=_dossier_leeg, herhalingen=20, doel_ms=10, cpu=True),
    Benchmark("beschikking PDF (1 brief, 2 voorzieningen; basis: kale reportlab-brief)", _beschikking_pdf,
              _setup_een, basis=_kale_brief, herhalingen=20, doel_ms=60, cpu=True),
    Benchmark("gespreksverslag PDF (1 verslag)", _verslag_pdf, _setup_een, herhalingen=10),
    Benchmark("beschikkingen PDF, batch van 500, twee werkprocessen (opgeslagen; basis: in één proces)", _batch,
              _setup_batch(500), basis=_batch_serieel, herhalingen=1, doel_ms=10_000),
    Benchmark("piek-RSS tijdens een batch van 100 (twee werkprocessen)", _rss(100), herhalingen=1),
    Benchmark("piek-RSS tijdens een batch van 500 (twee werkprocessen)", _rss(500), herhalingen=1),
    # Peak memory needs tracemalloc, which slows reportlab down several times: measured apart, on two sizes.
    # Flat means: the peak of 250 letters is about that of 50.
    Benchmark("piekgeheugen batch van 50", _batch, _setup_batch(50), herhalingen=1, meet_geheugen=True),
    Benchmark("piekgeheugen batch van 250", _batch, _setup_batch(250), herhalingen=1, meet_geheugen=True),
]
