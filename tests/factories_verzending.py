"""Approved decisions built straight with the ORM, so sending can be tested before the review flow exists."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from consulent_app.db import models as m
from consulent_app.domain import BeschikkingStatus, Besluit, Leveringsvorm, VoorzieningStatus
from tests.factories import Basis

_teller = {"n": 0}


def goedgekeurde_beschikking(
    basis: Basis,
    *,
    achternaam: str = "Janssen",
    team: str = "a",
    goedgekeurd_op: dt.date = dt.date(2026, 11, 20),
    voorzieningen: tuple[tuple[str, str, str], ...] = (("HH", "zin", "toegekend"),),
    bijlagen: tuple[str, ...] = (),
    status: BeschikkingStatus = BeschikkingStatus.GOEDGEKEURD,
    wet: str = "wmo",
) -> int:
    """One client, one request and an approved decision. `voorzieningen`: (product key, zin/pgb, besluit)."""
    client_id = basis.client(achternaam, team=team, actor="consulent" if team == "a" else "consulent_b")
    team_id = basis.team_a if team == "a" else basis.team_b
    consulent = basis["consulent" if team == "a" else "consulent_b"]
    _teller["n"] += 1
    with basis.ctx.session_factory.begin() as s:
        aanvraag = m.Aanvraag(client_id=client_id, wet=wet, datum=goedgekeurd_op - dt.timedelta(days=10),
                              status="open", team_id=team_id, consulent_id=consulent.gebruiker_id)
        s.add(aanvraag)
        s.flush()
        regels = []
        for i, (product, vorm, besluit) in enumerate(voorzieningen):
            prod = s.get(m.Product, basis.producten[product])
            assert prod is not None
            vz = m.Voorziening(
                aanvraag_id=aanvraag.id, client_id=client_id, wet=prod.wet, productcategorie=prod.productcategorie,
                product_id=prod.id, volume=Decimal("3"), eenheid="04", frequentie="2",
                startdatum=goedgekeurd_op + dt.timedelta(days=14),
                einddatum=goedgekeurd_op + dt.timedelta(days=379) if prod.wet == "jeugdwet" else None,
                po_datum=None if prod.wet == "jeugdwet" else goedgekeurd_op + dt.timedelta(days=700),
                leveringsvorm=vorm, aanbieder_id=basis.aanbieders[i % 2] if vorm == Leveringsvorm.ZIN else None,
                pgb_bedrag=Decimal("4500.00") if vorm == Leveringsvorm.PGB else None,
                besluit=besluit, status=VoorzieningStatus.CONCEPT.value,
            )
            s.add(vz)
            s.flush()
            regels.append(m.BeschikkingRegel(voorziening_id=vz.id, besluit=besluit,
                                             motivering=None if besluit != Besluit.AFGEWEZEN else "zie verslag"))
        goed = dt.datetime.combine(goedgekeurd_op, dt.time(14, 30))
        b = m.Beschikking(
            aanvraag_id=aanvraag.id, client_id=client_id, kenmerk=f"TST-2026-{_teller['n']:06d}",
            status=status.value, auteur_id=consulent.gebruiker_id, datum=goedgekeurd_op,
            toetser_id=basis["toetser"].gebruiker_id, ter_toetsing_op=goed - dt.timedelta(days=1),
            goedgekeurd_op=goed if status in (BeschikkingStatus.GOEDGEKEURD, BeschikkingStatus.VERZONDEN) else None,
            bijlagen={"items": list(bijlagen)}, regels=regels,
        )
        s.add(b)
        s.flush()
        return b.id


def meer_bsns(basis: Basis, n: int) -> None:
    """Valid test BSNs (eleven test) beyond the ten of tests/factories.py, for batches of many clients."""
    gevonden = 0
    kandidaat = 900000000
    while gevonden < n:
        kandidaat += 1
        cijfers = [int(c) for c in f"{kandidaat:09d}"]
        som = sum(c * w for c, w in zip(cijfers[:8], range(9, 1, -1), strict=True)) - cijfers[8]
        bsn = f"{kandidaat:09d}"
        if som % 11 == 0 and bsn not in basis._bsn:
            basis._bsn.append(bsn)
            gevonden += 1
