"""Print-street PDF for 500 decisions (issue 7: under 60 s, steady memory), on demo data.

Each mailing is the letter, the report (gespreksverslag) and both leaflets. Two cases:

* usual: the letter and report are stored versions in the dossier (the consultant made them), so only the
  combining is timed;
* worst: nothing is stored, so every letter and every report is rendered anew by the documents service.

Memory is measured apart (tracemalloc slows the run down) for ~150 and for 500 mailings: the peaks should be about
the same, because the file is written while it is built and only offsets stay in memory (8 bytes an
object). The first memory run goes once through every distinct demo letter, so both see the same largest one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from run import Benchmark

AANTAL = 500
_gedeeld: dict[str, Any] = {}


def _setup() -> dict[str, Any]:
    if _gedeeld:
        return _gedeeld
    tmp = Path(tempfile.mkdtemp(prefix="bench-verzending-"))
    os.environ.setdefault("CONSULENT_CONFIG_DIR", str(tmp / "config"))
    os.environ.setdefault("CONSULENT_DATA_DIR", str(tmp / "data"))
    from sqlalchemy import update

    from consulent_app.app import open_context
    from consulent_app.config import load_defaults
    from consulent_app.db import models as m
    from consulent_app.documents.bundel import tel_paginas
    from consulent_app.services import documenten
    from consulent_app.services import verzending as vz
    from consulent_app.services.base import actor_by_username, transactie

    ctx = open_context(load_defaults().with_database(f"sqlite:///{tmp / 'bench.sqlite3'}"), demo=True)
    admin = actor_by_username(ctx, "administratie")
    gemaakt: dict[int, tuple[bytes, bytes, int | None, int]] = {}
    for r in vz.verzendlijst(ctx, admin) + vz.verzendlijst(ctx, admin, verzonden=True):
        try:
            brief = documenten.beschikking_pdf(ctx, admin, r.beschikking_id)
            with transactie(ctx) as s:
                b = s.get(m.Beschikking, r.beschikking_id)
                assert b is not None
                onderzoek_id = b.aanvraag.onderzoek_id
            assert onderzoek_id is not None
            verslag = documenten.verslag_pdf(ctx, admin, onderzoek_id)
        except Exception:  # noqa: BLE001 - demo data with gaps; the bench uses the letters that render
            continue
        gemaakt[r.beschikking_id] = (brief, verslag, onderzoek_id, r.client_id)
    bruikbaar = sorted(gemaakt)
    nu = dt.datetime.now()
    with transactie(ctx) as s:
        # Sent demo letters that render well are set back to approved; every mailing gets all enclosures.
        s.execute(update(m.Beschikking).where(m.Beschikking.id.in_(bruikbaar))
                  .values(status="goedgekeurd", verzonden_op=None, bezwaartermijn_einde=None,
                          bijlagen={"items": ["verslag", "folder_bezwaar", "folder_eigen_bijdrage"]}))
    ids = [bruikbaar[i % len(bruikbaar)] for i in range(AANTAL)]
    _gedeeld.update(ctx=ctx, admin=admin, ids=ids, tmp=tmp, gemaakt=gemaakt, opgeslagen=False, ronde=len(bruikbaar))

    def sla_op() -> None:
        """The usual case: the consultant stored the final letter and report in the dossier."""
        with transactie(ctx) as s:
            for bid, (brief, verslag, onderzoek_id, client_id) in gemaakt.items():
                for soort, data, kw in (("beschikking", brief, {"beschikking_id": bid}),
                                        ("verslag", verslag, {"onderzoek_id": onderzoek_id})):
                    s.add(m.Document(client_id=client_id, soort=soort, formaat="pdf", versie_nr=1, titel=soort,
                                     bestandsnaam=f"{soort}-{bid}.pdf", inhoud=data,
                                     sha256=hashlib.sha256(data).hexdigest(), paginas=tel_paginas(data),
                                     aangemaakt_op=nu, **kw))

    _gedeeld["sla_op"] = sla_op
    return _gedeeld


def _opnieuw() -> dict[str, Any]:
    return _setup()


def _opgeslagen() -> dict[str, Any]:
    state = _setup()
    if not state["opgeslagen"]:
        state["sla_op"]()
        state["opgeslagen"] = True
    return state


def _maak(state: dict[str, Any], n: int) -> None:
    from consulent_app.services import verzending as vz

    uit = state["tmp"] / f"print-{n}-{dt.datetime.now():%H%M%S%f}.pdf"
    res = vz.maak_printbestand(state["ctx"], state["admin"], state["ids"][:n], uit, registreer=False)
    assert len(res.geproduceerd) == n, res.mislukt[:3]
    print(f"    {n} brieven: {res.paginas} pagina's, {uit.stat().st_size / 1e6:.1f} MB", file=sys.stderr, flush=True)
    uit.unlink()


BENCHMARKS = [
    Benchmark("printbestand 500 post, alles opnieuw gemaakt", lambda s: _maak(s, AANTAL), setup=_opnieuw,
              herhalingen=1, doel_ms=60_000, opmerking="slechtste geval: 500 brieven en 500 verslagen renderen"),
    Benchmark("printbestand 500 post, opgeslagen versies", lambda s: _maak(s, AANTAL), setup=_opgeslagen,
              herhalingen=3, doel_ms=60_000),
    # One round through every distinct demo letter (~150) against 500: same letters, more of them.
    Benchmark("printbestand 1 ronde (~150 post) (geheugen)", lambda s: _maak(s, s["ronde"]), setup=_opgeslagen,
              herhalingen=1, meet_geheugen=True),
    Benchmark("printbestand 500 post (geheugen)", lambda s: _maak(s, AANTAL), setup=_opgeslagen, herhalingen=1,
              meet_geheugen=True),
]
