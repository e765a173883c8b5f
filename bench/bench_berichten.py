"""iWmo/iJw message traffic at a city's scale (issue 14): 5,000 messages exported, 5,000 start/stop messages imported,
each under 60 s with flat memory.

Data: demo data at schaal 20 (about 6,000 clients), then `wijs_lopende_voorzieningen_toe` gives every running
provision in kind its assignment and every client/provider its 301 (itself measured: building, XSD and rules).
Import: for 2,500 assignments a 305 start and a 307 stop, written as GGk envelope files the way the portal
delivers them; the import commits per block of up to 200 messages (each message still whole or not at all) in WAL
mode with synchronous=FULL, as in production.
Memory: tracemalloc peak of the export of 1,000 against 5,000 messages, and of importing 1,000 against 5,000.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from run import Benchmark

AANTAL = 5000
_gedeeld: dict[str, Any] = {}


def _setup() -> dict[str, Any]:
    if _gedeeld:
        return _gedeeld
    tmp = Path(tempfile.mkdtemp(prefix="bench-berichten-"))
    os.environ.setdefault("CONSULENT_CONFIG_DIR", str(tmp / "config"))
    os.environ.setdefault("CONSULENT_DATA_DIR", str(tmp / "data"))
    from consulent_app import demo
    from consulent_app.app import open_context
    from consulent_app.config import load_defaults
    from consulent_app.services.base import actor_by_username

    t0 = time.perf_counter()
    ctx = open_context(load_defaults().with_database(f"sqlite:///{tmp / 'bench.sqlite3'}"))
    demo.vul_demo(ctx, schaal=20, declaraties=False)  # the invoices demo gives every provision an assignment
    print(f"    demo schaal 20: {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    _gedeeld.update(ctx=ctx, admin=actor_by_username(ctx, "administratie"), tmp=tmp, klaar=False)
    return _gedeeld


def _maak_301(state: dict[str, Any]) -> None:
    from consulent_app.services import berichten

    n = berichten.wijs_lopende_voorzieningen_toe(state["ctx"], limiet=AANTAL)
    assert n >= AANTAL, n
    state["klaar"] = True
    print(f"    {n} berichten 301 aangemaakt", file=sys.stderr, flush=True)


def _met_301() -> dict[str, Any]:
    state = _setup()
    if not state["klaar"]:
        _maak_301(state)
    return state


def _terug_naar_klaar(state: dict[str, Any], n: int) -> None:
    from sqlalchemy import select, update

    from consulent_app.db import models as m
    from consulent_app.services.base import transactie

    with transactie(state["ctx"]) as s:
        ids = list(s.scalars(select(m.Bericht.id).where(m.Bericht.richting == "uit", m.Bericht.nummer == 301)
                             .order_by(m.Bericht.id)).all())
        s.execute(update(m.Bericht).where(m.Bericht.richting == "uit").values(status="verzonden"))
        s.execute(update(m.Bericht).where(m.Bericht.id.in_(ids[:n])).values(status="klaar", geexporteerd_op=None))


def _klaar_voor_export(n: int) -> Any:
    def setup() -> dict[str, Any]:
        state = _met_301()
        _terug_naar_klaar(state, n)
        return dict(state, n=n)
    return setup


def _exporteer(state: dict[str, Any]) -> None:
    from consulent_app.services import berichten

    res = berichten.exporteer(state["ctx"], state["admin"], state["tmp"] / f"uit-{state['n']}-{time.time_ns()}")
    assert res.aantal == state["n"], res.aantal


def _startstop_bestanden(state: dict[str, Any], paren: int, ronde: int = 0) -> list[Path]:
    """2 x `paren` files: a 305 and a 307 for as many assignments, as the GGk portal delivers them."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from sqlalchemy import select

    from consulent_app.db import models as m
    from consulent_app.domain import Wet
    from consulent_app.services.base import transactie
    from tests import berichten_maker as bm

    map_ = state["tmp"] / f"in-{paren}-{time.time_ns()}"
    voor = f"{ronde}-" if ronde else f"{paren}-"
    map_.mkdir()
    paden = []
    with transactie(state["ctx"]) as s:
        rows = s.execute(
            select(m.Toewijzing, m.Client.bsn, m.Client.geboortedatum, m.Aanbieder.agb_code)
            .join(m.Client, m.Client.id == m.Toewijzing.client_id)
            .join(m.Aanbieder, m.Aanbieder.id == m.Toewijzing.aanbieder_id)
            .where(m.Toewijzing.zorg_start.is_(None)).order_by(m.Toewijzing.id).limit(paren)).all()
    assert len(rows) == paren, len(rows)
    for i, (t, bsn, geb, agb) in enumerate(rows):
        wet = Wet(t.wet)
        a = bm.Aanbieder(agb)
        regel = dict(nummer=t.nummer, begindatum=t.ingangsdatum)
        start = bm.start_stop(wet, stop=False, bsn=bsn, geboren=geb, regels=[regel], ident=f"S{voor}{i}", aanbieder=a)
        einde = max(t.ingangsdatum, min(dt.date.today(), t.einddatum or dt.date.today()))
        stop = bm.start_stop(wet, stop=True, bsn=bsn, geboren=geb, ident=f"E{voor}{i}", aanbieder=a,
                             regels=[dict(regel, einddatum=einde, reden="02")])
        naam = "WMO" if wet is Wet.WMO else "JW"
        for soort, xml, tag in ((f"{naam}305", start, "s"), (f"{naam}307", stop, "e")):
            p = map_ / f"{i:05d}{tag}.xml"
            p.write_bytes(bm.in_envelop(xml, soort, referentie=f"ref-{paren}-{i}-{tag}", zender=agb))
            paden.append(p)
    return paden


def _bestanden(paren: int) -> Any:
    def setup() -> dict[str, Any]:
        state = _met_301()
        _zorg_terug(state)
        return dict(state, paden=_startstop_bestanden(state, paren), paren=paren)
    return setup


def _importeer(state: dict[str, Any]) -> None:
    from consulent_app.services import berichten

    uit = berichten.importeer_paden(state["ctx"], state["admin"], state["paden"])
    verwerkt = sum(1 for u in uit if u.status == "verwerkt")
    assert verwerkt == 2 * state["paren"], [u.melding for u in uit if u.status != "verwerkt"][:3]


def _zorg_terug(state: dict[str, Any]) -> None:
    """Forget the care periods reported so far, so the same assignments can start and stop again."""
    from sqlalchemy import delete, update

    from consulent_app.db import models as m
    from consulent_app.services.base import transactie

    with transactie(state["ctx"]) as s:
        s.execute(delete(m.Zorglevering))
        s.execute(update(m.Toewijzing).values(zorg_start=None, zorg_stop=None, reden_beeindiging=None))


def _importeer_opnieuw(paren: int, *, cpu: bool = False) -> Any:
    """Each repetition: fresh files (new identifications) for the same assignments, written untimed; then the import
    alone is timed (wall clock, or the CPU time of this process)."""
    def fn(state: dict[str, Any]) -> dict[str, float]:
        _zorg_terug(state)
        state["ronde"] = state.get("ronde", 0) + 1
        state["paden"] = _startstop_bestanden(state, paren, ronde=state["ronde"])
        state["paren"] = paren
        klok = time.process_time if cpu else time.perf_counter
        t0 = klok()
        _importeer(state)
        return {"ms": (klok() - t0) * 1000}
    return fn


BENCHMARKS = [
    Benchmark(f"{AANTAL} berichten 301 maken en controleren (XSD en regels)", _maak_301, setup=_setup,
              herhalingen=1, doel_ms=60_000),
    Benchmark(f"exporteer {AANTAL} berichten als GGk-envelop", _exporteer, setup=_klaar_voor_export(AANTAL),
              herhalingen=1, doel_ms=60_000),
    Benchmark("exporteer 1.000 berichten (geheugen)", _exporteer, setup=_klaar_voor_export(1000), herhalingen=1,
              meet_geheugen=True),
    Benchmark(f"exporteer {AANTAL} berichten (geheugen)", _exporteer, setup=_klaar_voor_export(AANTAL),
              herhalingen=1, meet_geheugen=True),
    Benchmark(f"importeer {AANTAL} start/stop (305/307) met hun retouren", _importeer_opnieuw(AANTAL // 2),
              setup=_met_301, herhalingen=3, doel_ms=60_000),
    # The same, in CPU time of this process (steadier on a busy machine; leaves out the fsync of each commit).
    Benchmark(f"exporteer {AANTAL} berichten (CPU-tijd)", _exporteer, setup=_klaar_voor_export(AANTAL),
              herhalingen=1, doel_ms=60_000, cpu=True),
    Benchmark(f"importeer {AANTAL} start/stop (CPU-tijd)", _importeer_opnieuw(AANTAL // 2, cpu=True),
              setup=_met_301, herhalingen=3, doel_ms=60_000),
    Benchmark("importeer 1.000 start/stop (geheugen)", _importeer, setup=_bestanden(500), herhalingen=1,
              meet_geheugen=True),
    Benchmark("importeer 2.000 start/stop (geheugen)", _importeer, setup=_bestanden(1000), herhalingen=1,
              meet_geheugen=True),
]
