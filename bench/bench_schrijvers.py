"""20 writers x 1,000 field saves on one database (issue 13): twenty laptops, each saving its own field of an
investigation over and over with the value it last saw (what the autosave sends), ten writers per investigation,
so the writers of one investigation take turns under its row lock. Checked at the end: every field holds its
writer's last text (0 lost, and since each save carries the previous one as `gezien`, a save out of order would
have been a conflict), no spurious conflict. Against the bare baseline: the same 20 x N single-row UPDATEs, one
transaction each, on the same database. `CONSULENT_BENCH_SAVES` sets N (default 1,000, the issue's scale)."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from run import Benchmark  # noqa: E402

SCHRIJVERS = 20
SAVES = int(os.environ.get("CONSULENT_BENCH_SAVES", "1000"))
_pg: list[Any] = []


def _pg_url() -> str:
    from tests.pgserver import PgServer

    if not _pg:
        pg = PgServer()
        _pg.append((pg, pg.start()))
        atexit.register(pg.stop)
    return str(_pg[0][1])


def _velden() -> list[tuple[int, str]]:
    """Ten text fields of the Wmo steps 1-6 (step 7 opens only when 1-6 are complete)."""
    from consulent_app.domain import Wet
    from consulent_app.formulieren import laad_formulier

    uit = [(s.nummer, v.key) for s in laad_formulier(Wet.WMO).stappen if s.nummer < 7
           for v in s.velden if v.soort in ("tekst", "lange_tekst")]
    assert len(uit) >= SCHRIJVERS // 2, uit
    return uit[: SCHRIJVERS // 2]


def _setup(url: str) -> dict[str, Any]:
    from sqlalchemy import text

    from consulent_app.config import load_defaults
    from consulent_app.db import migrate
    from consulent_app.db.engine import make_engine
    from consulent_app.services import meldingen
    from consulent_app.services import onderzoek as svc
    from consulent_app.services.base import AppContext
    from tests.factories import maak_basis

    cfg = load_defaults().with_database(url)
    engine = make_engine(url)
    migrate.upgrade(engine)
    basis = maak_basis(AppContext(config=cfg, engine=engine))
    onderzoeken = []
    for naam in ("Gedeeld", "Samen"):
        cid = basis.client(naam)
        mid = meldingen.registreer_melding(basis.ctx, basis["consulent"], client_id=cid, wet="wmo",
                                           datum=dt.date.today(), kanaal="cit", vraag="Hulp")
        onderzoeken.append(svc.start_onderzoek(basis.ctx, basis["consulent"], mid))
    velden = _velden()
    # Writer n: investigation n % 2, its own (step, field): ten writers per investigation, never two on one field.
    taken = [(onderzoeken[n % 2], *velden[n // 2]) for n in range(SCHRIJVERS)]
    with engine.begin() as c:
        c.execute(text("CREATE TABLE bench_veld (id INTEGER PRIMARY KEY, tekst VARCHAR(200))"))
        for n in range(SCHRIJVERS):
            c.execute(text("INSERT INTO bench_veld (id, tekst) VALUES (:i, '')"), {"i": n})
    return {"cfg": cfg, "url": url, "basis": basis, "taken": taken, "engine": engine}


def _parallel(werk: Any) -> float:
    start = threading.Barrier(SCHRIJVERS + 1)
    fouten: list[BaseException] = []

    def draad(nr: int) -> None:
        try:
            start.wait()
            werk(nr)
        except BaseException as exc:  # noqa: BLE001 - reported after the run
            fouten.append(exc)

    threads = [threading.Thread(target=draad, args=(n,)) for n in range(SCHRIJVERS)]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    ms = (time.perf_counter() - t0) * 1000
    if fouten:
        raise RuntimeError(f"{len(fouten)} schrijvers faalden: {fouten[:2]!r}")
    return ms


def _opnieuw(fn: Any) -> Any:
    """As ui.ops does with a read: a locked database passes in a moment; try again."""
    from consulent_app.journaal import is_tijdelijk

    for _ in range(20):
        try:
            return fn()
        except Exception as exc:
            if not is_tijdelijk(exc):
                raise
            time.sleep(0.5)
    return fn()


def _audit_per_veld(state: dict[str, Any]) -> dict[tuple[int, str], int]:
    from sqlalchemy import func, select

    from consulent_app.db import models as m

    with state["engine"].connect() as c:
        rijen = c.execute(select(m.OnderzoekStap.onderzoek_id, m.AuditEvent.details, func.count())
                          .join(m.OnderzoekStap, m.OnderzoekStap.id == m.AuditEvent.object_id)
                          .where(m.AuditEvent.object_type == "onderzoek_stap", m.AuditEvent.actie == "wijzigen")
                          .group_by(m.OnderzoekStap.onderzoek_id, m.AuditEvent.details)).all()
    return {(o, d): n for o, d, n in rijen}


def _schrijvers(state: dict[str, Any]) -> float:
    from consulent_app.db.engine import make_engine
    from consulent_app.errors import VeldConflict
    from consulent_app.journaal import is_tijdelijk
    from consulent_app.services import onderzoek as svc
    from consulent_app.services.base import AppContext

    basis, taken = state["basis"], state["taken"]
    ronde = state["ronde"] = state.get("ronde", 0) + 1
    telling = {"conflict": 0, "herhaald": 0}
    slot = threading.Lock()
    laatste: dict[int, str] = {}

    def werk(nr: int) -> None:
        ctx = AppContext(config=state["cfg"], engine=make_engine(state["url"]))
        actor = basis["consulent"] if nr % 4 < 2 else basis["consulent2"]
        oid, stap, key = taken[nr]
        try:
            gezien = _opnieuw(lambda: svc.haal_onderzoek(ctx, actor, oid).stap(stap).velden.get(key))
            for i in range(SAVES):
                tekst = f"ronde {ronde} schrijver {nr} save {i}"
                while True:
                    try:
                        svc.bewaar_veld(ctx, actor, oid, stap, key, tekst, gezien=gezien)
                        break
                    except VeldConflict:  # nobody else writes this field: any conflict is a spurious one
                        with slot:
                            telling["conflict"] += 1
                        break
                    except Exception as exc:
                        if not is_tijdelijk(exc):  # a locked database: the journal tries again, so do we
                            raise
                        with slot:
                            telling["herhaald"] += 1
                gezien = tekst
            laatste[nr] = gezien
        finally:
            ctx.engine.dispose()

    voor = _audit_per_veld(state)
    ms = _parallel(werk)
    na = _audit_per_veld(state)
    # Every save changed its field, so each wrote one audit event: SAVES per field, none more, none fewer.
    geschreven = {k: na.get(k, 0) - voor.get(k, 0) for k in na}
    verloren = sum(1 for (_o, stap, key) in taken if geschreven.get((_o, f"stap{stap}.{key}"), 0) != SAVES)
    for nr, (oid, stap, key) in enumerate(taken):
        opgeslagen = _opnieuw(lambda o=oid, n=stap, k=key: svc.haal_onderzoek(basis.ctx, basis["consulent"], o)
                              .stap(n).velden.get(k))
        verloren += opgeslagen != laatste.get(nr)
    print(f"    {SCHRIJVERS} x {SAVES}: {verloren} verloren, {telling['conflict']} onterechte conflicten, "
          f"{telling['herhaald']} keer opnieuw na 'database bezet'; {SCHRIJVERS * SAVES / ms * 1000:.0f} saves/s",
          file=sys.stderr)
    if verloren or telling["conflict"]:
        raise AssertionError(f"{verloren} verloren, {telling['conflict']} onterechte conflicten")
    return ms


def _kaal(state: dict[str, Any]) -> float:
    """The bare baseline: the same number of one-row UPDATEs, each its own transaction, 20 threads, own engines."""
    from sqlalchemy import text

    from consulent_app.db.engine import make_engine
    from consulent_app.journaal import is_tijdelijk

    def werk(nr: int) -> None:
        engine = make_engine(state["url"])
        try:
            for i in range(SAVES):
                while True:
                    try:
                        with engine.begin() as c:
                            c.execute(text("UPDATE bench_veld SET tekst = :t WHERE id = :i"),
                                      {"t": f"schrijver {nr} save {i}", "i": nr})
                        break
                    except Exception as exc:
                        if not is_tijdelijk(exc):
                            raise
        finally:
            engine.dispose()

    return _parallel(werk)


def _sqlite() -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="bench-schrijvers-"))
    os.environ.setdefault("CONSULENT_CONFIG_DIR", str(tmp / "config"))
    os.environ.setdefault("CONSULENT_DATA_DIR", str(tmp / "data"))
    return _setup(f"sqlite:///{tmp / 'schrijvers.sqlite3'}")


def _postgresql() -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="bench-schrijvers-"))
    os.environ.setdefault("CONSULENT_CONFIG_DIR", str(tmp / "config"))
    os.environ.setdefault("CONSULENT_DATA_DIR", str(tmp / "data"))
    return _setup(_pg_url())


BENCHMARKS = [
    Benchmark(f"schrijvers: {SCHRIJVERS} x {SAVES} veldsaves, eigen veld, gezien mee (SQLite)", _schrijvers,
              _sqlite, herhalingen=1, basis=_kaal,
              opmerking="0 verloren en 0 onterechte conflicten, anders faalt de meting"),
    Benchmark(f"schrijvers: {SCHRIJVERS} x {SAVES} veldsaves, eigen veld, gezien mee (PostgreSQL)", _schrijvers,
              _postgresql, herhalingen=1, basis=_kaal,
              opmerking="0 verloren en 0 onterechte conflicten, anders faalt de meting"),
]
