"""Overviews at Maastricht scale: every planning and steering overview must open in under 500 ms (median).

The database is built once with `vul_demo(schaal=70)` (>= 20,000 clients, 60,000 provisions, 150 users, 7 teams)
into a SQLite file in the temp folder, cached by a hash of demo.py (a newer schema upgrades the file). Set
CONSULENT_BENCH_DB_URL to a PostgreSQL URL (empty database) to measure there instead; it is filled once
(a marker table row tells it is the same data version).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import os
import sys
import tempfile
import time
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select, text  # noqa: E402

from bench.run import Benchmark  # noqa: E402
from consulent_app.config import load_defaults  # noqa: E402
from consulent_app.db import migrate  # noqa: E402
from consulent_app.db import models as m  # noqa: E402
from consulent_app.db.engine import make_engine  # noqa: E402
from consulent_app.services import planning, sturing  # noqa: E402
from consulent_app.services.base import AppContext, actor_by_username  # noqa: E402
from consulent_app.services.overzicht import Filter  # noqa: E402

SCHAAL = float(os.environ.get("CONSULENT_BENCH_SCHAAL", "70"))
DOEL_MS = 500.0
VANDAAG = dt.date(2026, 11, 25)


def _versie() -> str:
    """The data version: demo.py (with the invoice history of financien/demo.py) and the scale. A newer schema is an upgrade of the cached file, not a rebuild."""
    h = hashlib.sha256()
    for p in (ROOT / "consulent_app" / "demo.py", ROOT / "consulent_app" / "financien" / "demo.py"):
        h.update(p.read_bytes())
    h.update(f"{SCHAAL}".encode())
    return h.hexdigest()[:16]


def _vul(ctx: AppContext) -> None:
    from consulent_app import demo

    t0 = time.perf_counter()
    demo.vul_demo(ctx, schaal=SCHAAL, vandaag=VANDAAG)
    print(f"... demo data (schaal {SCHAAL:g}) gebouwd in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


@cache
def context() -> AppContext:
    versie = _versie()
    url = os.environ.get("CONSULENT_BENCH_DB_URL")
    if url:
        eng = make_engine(url)
        migrate.upgrade(eng)
        with eng.begin() as c:
            c.execute(text("CREATE TABLE IF NOT EXISTS bench_versie (versie VARCHAR(40))"))
            huidig = c.execute(text("SELECT versie FROM bench_versie")).scalar()
        ctx = AppContext(config=load_defaults().with_database(url), engine=eng)
        if huidig != versie:
            if huidig is not None or _aantal(ctx, m.Gebruiker):
                raise SystemExit("CONSULENT_BENCH_DB_URL wijst naar een database met andere gegevens; "
                                 "geef een lege database op.")
            _vul(ctx)
            with eng.begin() as c:
                c.execute(text("DELETE FROM bench_versie"))
                c.execute(text("INSERT INTO bench_versie VALUES (:v)"), {"v": versie})
                c.exec_driver_sql("ANALYZE")
        return ctx
    pad = Path(tempfile.gettempdir()) / f"consulent-bench-{versie}.sqlite3"
    # One builder at a time: benchmark runs started together (the lead and the helpers after a reboot emptied the
    # temp folder) each removed the other's half-built file and renamed another's into place, half empty.
    with open(pad.with_suffix(".lock"), "w") as slot:
        fcntl.flock(slot, fcntl.LOCK_EX)
        if not pad.exists():
            tmp = pad.with_suffix(".bouw")
            for p in tmp.parent.glob(tmp.name + "*"):
                p.unlink()
            eng = make_engine(f"sqlite:///{tmp}")
            migrate.upgrade(eng)
            _vul(AppContext(config=load_defaults().with_database(f"sqlite:///{tmp}"), engine=eng))
            with eng.connect() as c:
                c.exec_driver_sql("ANALYZE")
                c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            eng.dispose()
            tmp.rename(pad)
    url = f"sqlite:///{pad}"
    eng = make_engine(url)
    migrate.upgrade(eng)
    return AppContext(config=load_defaults().with_database(url), engine=eng)


def _aantal(ctx: AppContext, model: type) -> int:
    with ctx.session_factory() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


@cache
def actors() -> dict[str, Any]:
    ctx = context()
    teams = {}
    with ctx.session_factory() as s:
        teams = dict(s.execute(select(m.Team.code, m.Team.id)).all())
    n = {naam: _aantal(ctx, model) for naam, model in (("cliënten", m.Client), ("voorzieningen", m.Voorziening),
                                                        ("gebruikers", m.Gebruiker), ("teams", m.Team))}
    print("... " + ", ".join(f"{v:,} {k}".replace(",", ".") for k, v in n.items()), file=sys.stderr)
    planner = actor_by_username(ctx, "planner")  # team Centrum
    # Management view: a team leader serving all seven teams (a real account: every use case checks the user's
    # current teams in the database).
    with ctx.session_factory.begin() as s:
        if s.scalar(select(m.Gebruiker.id).where(m.Gebruiker.gebruikersnaam == "bench.management")) is None:
            tl = s.scalar(select(m.Gebruiker).where(m.Gebruiker.gebruikersnaam == "teamleider"))
            assert tl is not None
            s.add(m.Gebruiker(gebruikersnaam="bench.management", naam="Management (bench)", rol=tl.rol,
                              team_id=tl.team_id, wachtwoord_hash=tl.wachtwoord_hash,
                              bediende_teams=list(s.scalars(select(m.Team)).all())))
    alle = actor_by_username(ctx, "bench.management")
    return {"ctx": ctx, "planner": planner, "alle": alle, "team": Filter(team_id=teams["CE"])}


def _b(naam: str, fn: Any) -> Benchmark:
    return Benchmark(naam, fn=lambda st: fn(st["ctx"], st), setup=actors, herhalingen=7, doel_ms=DOEL_MS)


BENCHMARKS = [
    _b("werkvoorraad team", lambda ctx, st: planning.werkvoorraad(ctx, st["planner"], st["team"], vandaag=VANDAAG)),
    _b("belasting team", lambda ctx, st: planning.belasting(ctx, st["planner"], st["team"], vandaag=VANDAAG)),
    _b("belasting 7 teams", lambda ctx, st: planning.belasting(ctx, st["alle"], vandaag=VANDAAG)),
    _b("capaciteit team", lambda ctx, st: planning.capaciteit(ctx, st["planner"], st["team"], vandaag=VANDAAG)),
    _b("vooruitblik 7 teams", lambda ctx, st: planning.vooruitblik(ctx, st["alle"], vandaag=VANDAAG)),
    _b("stroom 7 teams", lambda ctx, st: sturing.stroom(ctx, st["alle"], vandaag=VANDAAG)),
    _b("kosten per product", lambda ctx, st: sturing.voorzieningen(ctx, st["alle"], "product")),
    _b("kosten per aanbieder", lambda ctx, st: sturing.voorzieningen(ctx, st["alle"], "aanbieder")),
    _b("zin/pgb", lambda ctx, st: sturing.voorzieningen(ctx, st["alle"], "leveringsvorm")),
    _b("jeugd per verwijzer", lambda ctx, st: sturing.jeugd_verwijzers(ctx, st["alle"])),
    _b("doorlooptijden", lambda ctx, st: sturing.doorlooptijden(ctx, st["alle"])),
    _b("toetsscores (standaard: laatste 12 maanden)", lambda ctx, st: sturing.toetsscores(ctx, st["alle"],
                                                                                           vandaag=VANDAAG)),
    _b("toetsscores, alle jaren", lambda ctx, st: sturing.toetsscores(ctx, st["alle"], alle_tijd=True)),
    _b("poortwachter", lambda ctx, st: sturing.poortwachter(ctx, st["alle"])),
    _b("drill-down aanbieder", lambda ctx, st: sturing.voorzieningen_zaken(
        ctx, st["alle"], "aanbieder", str(sturing.voorzieningen(ctx, st["alle"], "aanbieder")[0].sleutel))),
]
