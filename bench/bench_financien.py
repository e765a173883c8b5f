"""Financial grip at Maastricht scale: the Financiën screen's sums (< 500 ms), 100,000 invoice lines checked and
answered (< 60 s, flat memory), and the backtest of the prognosis (measured, not asserted).

Uses the benchmark database of bench_overzichten (vul_demo(schaal=70), which includes two years of invoices with
a known pattern, consulent_app/financien/demo.py). A team leader serving all seven teams is added to it once.
The invoice benchmark works on a copy of that file, so the shared database is not changed by it.
"""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402

from bench import bench_overzichten as bo  # noqa: E402
from bench.run import Benchmark  # noqa: E402
from consulent_app.config import load_defaults  # noqa: E402
from consulent_app.db import migrate  # noqa: E402
from consulent_app.db import models as m  # noqa: E402
from consulent_app.db.engine import make_engine  # noqa: E402
from consulent_app.domain import Wet  # noqa: E402
from consulent_app.errors import DatabaseFout  # noqa: E402
from consulent_app.rules.declaratie import PrestatieInvoer, toegestaan_volume  # noqa: E402
from consulent_app.services import declaraties, financien  # noqa: E402
from consulent_app.services.base import AppContext, actor_by_username, transactie  # noqa: E402
from consulent_app.services.declaraties import DeclaratieKop  # noqa: E402
from consulent_app.services.overzicht import Filter  # noqa: E402

VANDAAG = bo.VANDAAG
DOEL_MS = 500.0
LEIDER = "fin_teamleider"


def _eigen_kopie() -> AppContext:
    """A private copy of the shared benchmark database, upgraded here: this branch's migrations (the Financiën
    summary tables) never touch the file other benchmarks use."""
    bron = Path(tempfile.gettempdir()) / f"consulent-bench-{bo._versie()}.sqlite3"
    if os.environ.get("CONSULENT_BENCH_DB_URL"):
        return bo.context()
    kandidaten = [bron] if bron.exists() else sorted(  # else one another version of the demo generator built
        Path(tempfile.gettempdir()).glob("consulent-bench-*.sqlite3"), key=lambda p: p.stat().st_mtime, reverse=True)
    for pad in kandidaten:
        doel = Path(tempfile.mkdtemp(prefix="consulent-bench-fin-")) / "db.sqlite3"
        atexit.register(shutil.rmtree, doel.parent, True)  # half a gigabyte each: gone when the run ends
        with sqlite3.connect(pad) as c:
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(pad, doel)
        url = f"sqlite:///{doel}"
        eng = make_engine(url)
        try:
            migrate.upgrade(eng)
        except DatabaseFout:  # made by a branch with migrations this one does not know
            eng.dispose()
            shutil.rmtree(doel.parent)
            continue
        if pad != bron:
            print(f"... benchmarkdatabase {pad.name} (van een andere versie van de demogegevens)", file=sys.stderr)
        return AppContext(config=load_defaults().with_database(url), engine=eng)
    return bo.context()


@cache
def staat() -> dict[str, Any]:
    ctx = _eigen_kopie()
    with ctx.engine.begin() as c:
        if c.execute(select(m.Gebruiker.id).where(m.Gebruiker.gebruikersnaam == LEIDER)).scalar() is None:
            tl = c.execute(select(m.Gebruiker).where(m.Gebruiker.gebruikersnaam == "teamleider")).mappings().one()
            nieuw = {k: v for k, v in tl.items() if k != "id"} | {"gebruikersnaam": LEIDER, "naam": "Controller"}
            gid = c.execute(insert(m.Gebruiker).values(**nieuw).returning(m.Gebruiker.id)).scalar_one()
            c.execute(insert(m.gebruiker_team), [{"gebruiker_id": gid, "team_id": t}
                                                 for t in c.execute(select(m.Team.id)).scalars()])
    n = {naam: bo._aantal(ctx, model) for naam, model in (("voorzieningen", m.Voorziening),
                                                           ("prestaties", m.Prestatie))}
    print("... " + ", ".join(f"{v:,} {k}".replace(",", ".") for k, v in n.items()), file=sys.stderr)
    with ctx.session_factory() as s:
        st = s.get(m.FinStand, 1)
        klaar = st is not None and st.peildatum == VANDAAG
    if not klaar:  # the summary as the screen keeps it, for the benchmark's today
        financien.herbereken_samenvatting(ctx, peildatum=VANDAAG)
    return {"ctx": ctx, "tl": actor_by_username(ctx, LEIDER), "team": Filter()}


def _kaal(st: dict[str, Any]) -> None:
    """The bare baseline: the cheapest use case there is (its transaction, the session check, one query)."""
    with transactie(st["ctx"], st["tl"]) as s:
        s.execute(select(1)).all()


def _ruw(st: dict[str, Any], dimensie: str) -> None:
    """The same figures summed from the raw tables (provisions per tariff period, every invoice line): what the
    screen did before the summary, and the reference the summary is checked against."""
    with transactie(st["ctx"], st["tl"]) as s:
        financien.verzamel(s, sorted(st["tl"].teams), Filter(), VANDAAG.year, VANDAAG, dimensie, {},
                           samenvatting=False)


def _herbereken(_st: dict[str, Any]) -> None:
    financien.herbereken_samenvatting(_st["ctx"], peildatum=VANDAAG)


def _ov(dimensie: str) -> Benchmark:
    return Benchmark(f"financiën per {dimensie}, 7 teams",
                     fn=lambda st: financien.overzicht(st["ctx"], st["tl"], VANDAAG.year, dimensie,
                                                       peildatum=VANDAAG),
                     setup=staat, herhalingen=7, doel_ms=DOEL_MS, basis=_kaal)


# --- 100,000 invoice lines --------------------------------------------------------------------------------------


def _kopie() -> dict[str, Any]:
    bron = staat()["ctx"]
    pad = Path(str(bron.engine.url.database))
    doel = Path(tempfile.mkdtemp(prefix="consulent-bench-decl-")) / "db.sqlite3"
    atexit.register(shutil.rmtree, doel.parent, True)
    with bron.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(pad, doel)
    url = f"sqlite:///{doel}"
    ctx = AppContext(config=load_defaults().with_database(url), engine=make_engine(url))
    return {"ctx": ctx, "admin": actor_by_username(ctx, "administratie"), "map": doel.parent}


def _lijnen(ctx: AppContext, n: int) -> tuple[list[tuple[str, str]], Iterator[tuple[str, PrestatieInvoer]]]:
    """Lines of November for the running assignments in kind (four week pieces each), grouped per provider."""
    t, c, vz = m.Toewijzing, m.Client, m.Voorziening
    nov1, nov30 = dt.date(VANDAAG.year, 11, 1), dt.date(VANDAAG.year, 11, 30)
    with ctx.session_factory() as s:
        rows = s.execute(select(t.nummer, c.bsn, t.productcategorie, t.productcode, t.eenheid, t.volume,
                                t.frequentie, m.Product.tarief, m.Aanbieder.agb_code, t.wet)
                         .join(c, c.id == t.client_id).join(vz, vz.id == t.voorziening_id)
                         .join(m.Product, m.Product.id == vz.product_id).join(m.Aanbieder, m.Aanbieder.id == t.aanbieder_id)
                         .where(t.ingangsdatum <= nov1, (t.einddatum.is_(None)) | (t.einddatum >= nov30),
                                t.frequentie != "6")
                         .order_by(m.Aanbieder.agb_code, t.wet, t.nummer)).all()
    j = VANDAAG.year
    stukken = [(nov1, dt.date(j, 11, 7)), (dt.date(j, 11, 8), dt.date(j, 11, 15)), (dt.date(j, 11, 16), dt.date(j, 11, 23)),
               (dt.date(j, 11, 24), nov30)]
    sleutels: list[tuple[str, str]] = []

    def gen() -> Iterator[tuple[str, PrestatieInvoer]]:
        i = 0
        for r in rows:
            for van, tot in stukken:
                if i >= n:
                    return
                i += 1
                vol = ((toegestaan_volume(Decimal(r.volume or 1), r.frequentie or "2", van, tot) or Decimal(1))
                       * Decimal("0.9")).quantize(Decimal("0.01"))
                if i % 50 == 0:  # one line in fifty above the assigned volume (9321), as real months have
                    vol *= 3
                nummer = "99999999" if i % 97 == 0 else str(r.nummer)  # and now and then an unknown assignment
                tarief = Decimal(r.tarief)
                yield (f"{r.agb_code}:{r.wet}", PrestatieInvoer(
                    referentie=f"B{i:09d}", toewijzing_nummer=nummer, bsn=r.bsn,
                    productcategorie=r.productcategorie, productcode=r.productcode, periode_van=van,
                    periode_tot=tot, volume=vol, eenheid=r.eenheid or "04", tarief=tarief,
                    bedrag=(vol * tarief).quantize(Decimal("0.01"))))

    for r in rows:
        k = (r.agb_code, r.wet)
        if not sleutels or sleutels[-1] != k:
            sleutels.append(k)
    return sleutels, gen()


UITKOMST: dict[str, Any] = {}


def _controleer(st: dict[str, Any], n: int) -> None:
    """One 323 per provider and law (as providers send them), every line checked, stored and answered."""
    ctx, admin = st["ctx"], st["admin"]
    _sleutels, lijnen = _lijnen(ctx, n)
    totaal = afgekeurd = 0
    huidige: str | None = None
    buffer: list[PrestatieInvoer] = []

    def verwerk(sleutel: str, regels: list[PrestatieInvoer]) -> None:
        nonlocal totaal, afgekeurd
        agb, wet = sleutel.split(":")
        nr = f"B{abs(hash((sleutel, n))) % 10**9:09d}"
        kop = DeclaratieKop(agb_code=agb, wet=wet, nummer=nr, periode_van=dt.date(VANDAAG.year, 11, 1),
                            periode_tot=dt.date(VANDAAG.year, 11, 30), dagtekening=VANDAAG)
        answers: list[str] = []
        u = declaraties.verwerk_declaratie(ctx, admin, kop, regels, ontvangen_op=VANDAAG,
                                           bij_oordeel=lambda o: answers.append(",".join(o.retourcodes)))
        totaal += u.aantal
        afgekeurd += u.afgekeurd

    for sleutel, p in lijnen:
        if sleutel != huidige and buffer:
            verwerk(huidige or "", buffer)
            buffer = []
        huidige = sleutel
        buffer.append(p)
    if buffer:
        verwerk(huidige or "", buffer)
    UITKOMST[f"n{n}"] = (totaal, afgekeurd)
    print(f"... {totaal:,} prestaties gecontroleerd, {afgekeurd:,} afgekeurd".replace(",", "."), file=sys.stderr)


def _declaratie_bench(n: int, geheugen: bool) -> Benchmark:
    return Benchmark(f"{n:,} prestaties controleren en beantwoorden".replace(",", "."),
                     fn=lambda st: _controleer(st, n), setup=_kopie, herhalingen=1,
                     doel_ms=60_000.0 if n >= 100_000 and not geheugen else None, meet_geheugen=geheugen)


# --- one 323 of 100,000 prestaties: read, checked, answered and sent as a stream ------------------------------

GROOT_N = int(os.environ.get("CONSULENT_BENCH_GROOT_N", "100000"))
BYTES_PER_PRESTATIE = 892  # of the message, as tests/berichten_maker.groot_323 writes it (before base64)


def _groot_323() -> dict[str, Any]:
    """A copy of the benchmark database and a WMO323 in a GGk envelope with GROOT_N prestaties for one of its
    assignments (about 120 MB for 100,000)."""
    sys.path.insert(0, str(ROOT))
    from tests.berichten_maker import Aanbieder, groot_323

    st = _kopie()
    ctx = st["ctx"]
    t, c, vz = m.Toewijzing, m.Client, m.Voorziening
    with ctx.session_factory() as s:
        r = s.execute(select(t.nummer, c.bsn, t.productcategorie, t.productcode, m.Aanbieder.agb_code, m.Product.tarief)
                      .join(c, c.id == t.client_id).join(vz, vz.id == t.voorziening_id)
                      .join(m.Product, m.Product.id == vz.product_id)
                      .join(m.Aanbieder, m.Aanbieder.id == t.aanbieder_id)
                      .where(t.wet == "wmo", t.frequentie == "2").limit(1)).one()
    nov = (dt.date(VANDAAG.year, 11, 1), dt.date(VANDAAG.year, 11, 7))
    cent = int(Decimal(r.tarief) * 100)
    p = dict(referentie="P-1", nummer=r.nummer, categorie=r.productcategorie, code=r.productcode or "01A01",
             van=nov[0], tot=nov[1], volume=1, tarief_cent=cent, bedrag_cent=cent)
    pad = st["map"] / "groot-323.xml"
    st["n"] = groot_323(pad, Wet.WMO, nummer="GROOT", periode=nov, bsn=r.bsn, prestatie=p,
                        doel_bytes=GROOT_N * BYTES_PER_PRESTATIE, dagtekening=VANDAAG,
                        aanbieder=Aanbieder(agb=r.agb_code), in_envelop=True)
    st["pad"] = pad
    print(f"... {pad.stat().st_size / 1e6:.0f} MB, {st['n']:,} prestaties".replace(",", "."), file=sys.stderr)
    return st


def _rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _importeer_groot(st: dict[str, Any]) -> dict[str, float]:
    """`berichten importeer` of the large 323 (decoded, XSD per block, every prestatie checked and stored, the 325
    written block by block), then `berichten exporteer` of its 325 (enveloped as a stream, XSD per block on the
    way out). The figure is the wall clock of both; the process's RSS is sampled every 20 ms: its peak above the
    RSS before is the memory reported (flat: it does not grow with the file)."""
    import threading
    import time

    from consulent_app.services import berichten

    voor = _rss_mib()
    piek = [voor]
    klaar = threading.Event()

    def meet() -> None:
        while not klaar.wait(0.02):
            piek[0] = max(piek[0], _rss_mib())

    meter = threading.Thread(target=meet, daemon=True)
    meter.start()
    t0, c0 = time.perf_counter(), time.process_time()
    [uit] = berichten.importeer_paden(st["ctx"], st["admin"], [st["pad"]], vandaag=VANDAAG)
    t1, c1 = time.perf_counter(), time.process_time()
    res = berichten.exporteer(st["ctx"], actor_by_username(st["ctx"], "beheerder"), st["map"] / "uit")
    t2, c2 = time.perf_counter(), time.process_time()
    klaar.set()
    meter.join()
    grootte = sum(p.stat().st_size for p in res.bestanden if "325" in p.name)
    print(f"... {uit.status}: {uit.melding[:100]}; inlezen {t1 - t0:.1f} s ({c1 - c0:.1f} s CPU), 325 verstuurd "
          f"({grootte / 1e6:.0f} MB, {res.aantal} bestand(en), {res.geblokkeerd} geblokkeerd) {t2 - t1:.1f} s "
          f"({c2 - c1:.1f} s CPU); RSS voor {voor:.0f} MiB, piek {piek[0]:.0f} MiB", file=sys.stderr)
    return {"ms": (t2 - t0) * 1000, "mib": max(0.0, piek[0] - voor)}


# --- backtest -------------------------------------------------------------------------------------------------


def backtest(st: dict[str, Any]) -> None:
    """The prognosis for last year as made on 1 July of that year, against that year's outcome as known today
    (approved invoices for its periods, received by today, plus its pgb obligations)."""
    ctx, tl = st["ctx"], st["tl"]
    jaar = VANDAAG.year - 1
    ov = financien.overzicht(ctx, tl, jaar, "wet", peildatum=dt.date(jaar, 7, 1))
    uit = financien.overzicht(ctx, tl, jaar, "wet", peildatum=VANDAAG)
    werkelijk = uit.totaal.gedeclareerd + uit.totaal.prognose.pgb
    p = ov.totaal.prognose
    fout = (p.totaal - werkelijk) / werkelijk * 100 if werkelijk else Decimal(0)
    regel = (f"backtest {jaar}: prognose op 1 juli {p.totaal:,.0f} (gedeclareerd {p.gedeclareerd:,.0f}, nog te "
             f"declareren {p.nog_te_declareren:,.0f}, rest {p.verplichtingen_rest:,.0f}, nieuw {p.nieuw:,.0f}, pgb "
             f"{p.pgb:,.0f}); uitkomst {werkelijk:,.0f}; fout {fout:+.1f} %")
    UITKOMST["backtest"] = regel
    print(regel)


BENCHMARKS = [
    _ov("productcategorie"),
    _ov("aanbieder"),
    _ov("team"),
    Benchmark("financiën signalen, 7 teams", fn=lambda st: financien.signalen(st["ctx"], st["tl"], VANDAAG.year,
                                                                              peildatum=VANDAAG),
              setup=staat, herhalingen=5, doel_ms=DOEL_MS, basis=_kaal),
    Benchmark("financiën drill-down (maand 11, alle regels)", fn=lambda st: financien.zaken(
        st["ctx"], st["tl"], VANDAAG.year, "productcategorie", None, peildatum=VANDAAG, maand=11),
        setup=staat, herhalingen=5, doel_ms=DOEL_MS, basis=_kaal),
    Benchmark("financiën uit de ruwe tabellen (referentie), per productcategorie",
              fn=lambda st: _ruw(st, "productcategorie"), setup=staat, herhalingen=1),
    Benchmark("financiën-samenvatting herberekenen (3 jaar)", fn=_herbereken, setup=staat, herhalingen=1),
    Benchmark("backtest prognose (1 juli vorig jaar)", fn=backtest, setup=staat, herhalingen=1),
    Benchmark(f"één 323 van {GROOT_N:_} prestaties (GGk-envelop): inlezen, controleren, 325 maken en versturen"
              .replace("_", "."), fn=_importeer_groot, setup=_groot_323, herhalingen=1, doel_ms=60_000.0,
              opmerking="geheugen: piek-RSS boven het RSS ervoor"),
    _declaratie_bench(100_000, False),
    _declaratie_bench(20_000, True),
    _declaratie_bench(60_000, True),
]

_ = func  # (kept for ad-hoc counts when profiling)
