"""Terms and PO lists at Maastricht scale (the database of bench_overzichten): each must open in under 500 ms."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_overzichten import VANDAAG, actors, context  # noqa: E402
from bench.run import Benchmark  # noqa: E402
from consulent_app.services import periodiek, termijnbewaking  # noqa: E402
from consulent_app.services.base import actor_by_username  # noqa: E402

DOEL_MS = 500.0


def _setup() -> dict[str, Any]:
    st = dict(actors())
    st["consulent"] = actor_by_username(context(), "consulent")
    st["team_id"] = st["team"].team_id
    return st


def _b(naam: str, fn: Any, doel_ms: float = DOEL_MS) -> Benchmark:
    return Benchmark(naam, fn=lambda st: fn(st["ctx"], st), setup=_setup, herhalingen=7, doel_ms=doel_ms)


# One team leader over all seven teams is a management view of ~29,000 PO lines and end dates: a second is fine.
DOEL_ALLE_TEAMS_MS = 1000.0


BENCHMARKS = [
    _b("mijn termijnen", lambda ctx, st: termijnbewaking.mijn_termijnen(ctx, st["consulent"], vandaag=VANDAAG)),
    _b("termijnen team", lambda ctx, st: termijnbewaking.termijnen_team(ctx, st["planner"], st["team_id"],
                                                                        vandaag=VANDAAG)),
    _b("termijnen 7 teams", lambda ctx, st: termijnbewaking.termijnen_team(ctx, st["alle"], vandaag=VANDAAG),
       DOEL_ALLE_TEAMS_MS),
    _b("PO-planning consulent", lambda ctx, st: periodiek.po_overzicht(ctx, st["consulent"], vandaag=VANDAAG)),
    _b("PO-planning team", lambda ctx, st: periodiek.po_overzicht(ctx, st["planner"], vandaag=VANDAAG)),
    _b("PO-planning 7 teams", lambda ctx, st: periodiek.po_overzicht(ctx, st["alle"], vandaag=VANDAAG),
       DOEL_ALLE_TEAMS_MS),
    _b("plannen aanbieders team", lambda ctx, st: periodiek.openstaande_plannen(ctx, st["planner"],
                                                                                vandaag=VANDAAG)),
]
