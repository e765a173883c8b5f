"""Concurrency on the central database: many users on one dossier get conflicts, never a lost update."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from sqlalchemy import func, select

from consulent_app.config import load_defaults
from consulent_app.db import models as m
from consulent_app.db.engine import make_engine
from consulent_app.errors import ConflictFout
from consulent_app.services import dossiers
from consulent_app.services.base import Actor, AppContext, transactie
from tests.factories import maak_basis

pytestmark = pytest.mark.postgres

SCHRIJVERS = 20
POGINGEN = 50  # per writer: 1,000 updates in all


def _invoer(c: m.Client, teller: int) -> dossiers.ClientInvoer:
    return dossiers.ClientInvoer(
        bsn=c.bsn, voornamen=c.voornamen, achternaam=c.achternaam, geboortedatum=c.geboortedatum,
        straat=c.straat, huisnummer=c.huisnummer, postcode=c.postcode, woonplaats=c.woonplaats,
        communicatie=f"teller {teller}", team_id=c.team_id,
    )


def test_twenty_writers_thousand_updates_every_one_applied_or_reported(pg_url: str) -> None:
    """Each writer reads the counter, then saves counter + 1 with the version it read (as a screen does).

    A lost update would show as a final counter below the number of saves reported as applied.
    """
    cfg = load_defaults().with_database(pg_url)
    basis_ctx = AppContext(config=cfg, engine=make_engine(pg_url))
    basis = maak_basis(basis_ctx)
    cid = basis.client("Gedeeld")
    actors: list[Actor] = [basis["consulent"], basis["consulent2"]]

    uitkomsten: Counter[str] = Counter()
    fouten: list[BaseException] = []
    slot = threading.Lock()
    start = threading.Barrier(SCHRIJVERS)

    def schrijver(nr: int) -> None:
        # Every writer is its own laptop: its own engine and connection pool.
        ctx = AppContext(config=cfg, engine=make_engine(pg_url))
        actor = actors[nr % 2]
        try:
            start.wait()
            for _ in range(POGINGEN):
                with transactie(ctx) as s:
                    c = s.get(m.Client, cid)
                    assert c is not None
                    versie, teller = c.versie, int((c.communicatie or "teller 0").split()[1])
                    invoer = _invoer(c, teller + 1)
                try:
                    dossiers.wijzig_client(ctx, actor, cid, invoer, versie=versie)
                except ConflictFout:
                    uitkomst = "conflict"
                else:
                    uitkomst = "toegepast"
                with slot:
                    uitkomsten[uitkomst] += 1
        except BaseException as exc:  # noqa: BLE001 - anything else is a failure, reported below
            with slot:
                fouten.append(exc)
        finally:
            ctx.engine.dispose()

    threads = [threading.Thread(target=schrijver, args=(i,)) for i in range(SCHRIJVERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads), "a writer hangs"
    assert fouten == [], f"{len(fouten)} updates neither applied nor reported as a conflict: {fouten[:3]}"

    assert uitkomsten["toegepast"] + uitkomsten["conflict"] == SCHRIJVERS * POGINGEN
    assert uitkomsten["conflict"] > 0, "no conflicts at all: the writers did not really run at the same time"
    with transactie(basis_ctx) as s:
        c = s.get(m.Client, cid)
        assert c is not None
        eind = int((c.communicatie or "teller 0").split()[1])
        audit = s.scalar(select(func.count()).select_from(m.AuditEvent).where(
            m.AuditEvent.object_type == "client", m.AuditEvent.object_id == cid,
            m.AuditEvent.actie == "wijzigen")) or 0
        versie = c.versie
    # None lost: every applied save raised the counter by exactly one, and left exactly one audit row.
    assert eind == uitkomsten["toegepast"]
    assert audit == uitkomsten["toegepast"]
    assert versie == 1 + uitkomsten["toegepast"]
    basis_ctx.engine.dispose()
