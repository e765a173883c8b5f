"""The investigation screen's core calls on demo data: one autosave (every ~500 ms while typing) must be cheap,
and opening an investigation must feel instant."""

from __future__ import annotations

import itertools
import os
import tempfile
from pathlib import Path
from typing import Any

from run import Benchmark


def _setup() -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="bench-onderzoek-"))
    os.environ.setdefault("CONSULENT_CONFIG_DIR", str(tmp / "config"))
    os.environ.setdefault("CONSULENT_DATA_DIR", str(tmp / "data"))
    from sqlalchemy import select

    from consulent_app.app import open_context
    from consulent_app.config import load_defaults
    from consulent_app.db import models as m
    from consulent_app.services.base import actor_by_username, transactie

    ctx = open_context(load_defaults().with_database(f"sqlite:///{tmp / 'bench.sqlite3'}"), demo=True)
    actor = actor_by_username(ctx, "consulent")
    with transactie(ctx) as s:
        oid = s.scalar(select(m.Onderzoek.id).where(m.Onderzoek.status == "open",
                                                    m.Onderzoek.consulent_id == actor.gebruiker_id,
                                                    m.Onderzoek.wet == "wmo"))
    assert oid is not None
    return {"ctx": ctx, "actor": actor, "oid": oid, "teller": itertools.count()}


def _autosave(state: dict[str, Any]) -> None:
    from consulent_app.services import onderzoek as svc

    n = next(state["teller"])
    svc.bewaar_veld(state["ctx"], state["actor"], state["oid"], 1, "client_woorden", f"Ik wil mijn huis netjes {n}")


def _open(state: dict[str, Any]) -> None:
    from consulent_app.services import onderzoek as svc

    svc.haal_onderzoek(state["ctx"], state["actor"], state["oid"])


BENCHMARKS = [
    Benchmark("onderzoek: autosave van één veld", _autosave, _setup, herhalingen=50, doel_ms=50,
              opmerking="gebeurt elke halve seconde tijdens typen; statussen van alle stappen opnieuw afgeleid"),
    Benchmark("onderzoek: openen (alles voor scherm en verslag)", _open, _setup, herhalingen=20, doel_ms=150),
]
