"""What encryption and the safety settings cost: autosave and search on a plain and an encrypted laptop database
(demo data, ~300 dossiers), an online backup, and one login (argon2)."""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import Benchmark  # noqa: E402
from consulent_app.config import Config, load_defaults  # noqa: E402
from consulent_app.db import encryptie, migrate  # noqa: E402
from consulent_app.db.backup import backup  # noqa: E402
from consulent_app.db.engine import make_engine  # noqa: E402
from consulent_app.services import auth, dossiers  # noqa: E402
from consulent_app.services.base import AppContext, actor_by_username  # noqa: E402

SLEUTEL = encryptie.nieuwe_sleutel()


@functools.cache
def _map() -> Path:
    p = Path(tempfile.mkdtemp(prefix="consulent-bench-"))
    atexit.register(shutil.rmtree, p, True)
    return p


@functools.cache
def context(versleuteld: bool) -> AppContext:
    from consulent_app import demo

    pad = _map() / ("versleuteld.sqlite3" if versleuteld else "plat.sqlite3")
    url = f"sqlite:///{pad}"
    ctx = AppContext(config=load_defaults().with_database(url),
                     engine=make_engine(url, sqlcipher_key=SLEUTEL if versleuteld else None))
    migrate.upgrade(ctx.engine)
    demo.vul_demo(ctx, vandaag=dt.date(2026, 11, 25))
    return ctx


def _setup(versleuteld: bool) -> dict[str, Any]:
    ctx = context(versleuteld)
    actor = actor_by_username(ctx, "consulent")
    cid = dossiers.zoek_clienten(ctx, actor, "")[0].id
    return {"ctx": ctx, "actor": actor, "cid": cid, "n": 0}


def _autosave(st: dict[str, Any]) -> None:
    """Twenty autosaves of one field, each its own transaction with synchronous=FULL."""
    ctx, actor, cid = st["ctx"], st["actor"], st["cid"]
    v = dossiers.open_dossier(ctx, actor, cid)
    versie = v.versie
    for _ in range(20):
        st["n"] += 1
        invoer = dossiers.ClientInvoer(
            bsn=v.bsn, voornamen=v.voornamen, tussenvoegsel=v.tussenvoegsel, achternaam=v.achternaam,
            geboortedatum=v.geboortedatum, postcode=v.postcode, woonplaats=v.woonplaats, straat=v.straat,
            huisnummer=v.huisnummer, communicatie=f"bench {st['n']}", team_id=v.team_id)
        versie = dossiers.wijzig_client(ctx, actor, cid, invoer, versie=versie)


def _zoek(st: dict[str, Any]) -> None:
    for term in ("a", "van", "62", "ma"):
        dossiers.zoek_clienten(st["ctx"], st["actor"], term)


def _backup_setup() -> dict[str, Any]:
    ctx = context(False)
    return {"cfg": Config(database_url=str(ctx.engine.url)).with_database(str(ctx.engine.url)),
            "doel": _map() / "kopie.sqlite3"}


def _inloggen_setup() -> AppContext:
    return context(False)


def _dossiers(st: dict[str, Any], *, met_controle: bool) -> None:
    """20 dossiers opened, with or without the check of the user's current rights that every use case does in its
    transaction (services.base.controleer_sessie: one indexed query)."""
    from consulent_app.services import base

    echt = base.controleer_sessie
    if not met_controle:
        base.controleer_sessie = lambda _s, _a: None  # type: ignore[assignment]
    try:
        for _ in range(20):
            dossiers.open_dossier(st["ctx"], st["actor"], st["cid"])
    finally:
        base.controleer_sessie = echt


BENCHMARKS = [
    Benchmark("20 autosaves, onversleuteld", fn=_autosave, setup=lambda: _setup(False), doel_ms=1500),
    Benchmark("20 autosaves, versleuteld (SQLCipher)", fn=_autosave, setup=lambda: _setup(True), doel_ms=1500),
    Benchmark("4 zoekopdrachten, onversleuteld", fn=_zoek, setup=lambda: _setup(False), doel_ms=300),
    Benchmark("4 zoekopdrachten, versleuteld (SQLCipher)", fn=_zoek, setup=lambda: _setup(True), doel_ms=300),
    Benchmark("reservekopie (online backup)", fn=lambda st: backup(st["cfg"], st["doel"]), setup=_backup_setup,
              doel_ms=2000),
    Benchmark("20 dossiers openen, met controle van de actuele rechten", setup=lambda: _setup(False),
              fn=functools.partial(_dossiers, met_controle=True),
              basis=functools.partial(_dossiers, met_controle=False), doel_x=1.15,
              opmerking="basis: dezelfde use case zonder de controle"),
    Benchmark("inloggen (argon2id)", fn=lambda ctx: auth.inloggen(ctx, "consulent", "demo-wachtwoord"),
              setup=_inloggen_setup, doel_ms=1000),
]
