"""The provider register's contracts, kept by the functional administrator and read by step 7 (issue 16)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from consulent_app.db import models as m
from consulent_app.domain import AuditActie
from consulent_app.errors import GeenToegang, NietGevonden, ValidatieFout
from consulent_app.services import contracten as svc
from consulent_app.services import onderzoek
from consulent_app.services.base import transactie
from tests.factories import Basis


def test_beheerder_legt_per_wet_vast_welke_aanbieder_welk_product_levert(basis: Basis) -> None:
    beheerder = basis["beheerder"]
    maasland, mosa = basis.aanbieders
    hh, bg, ja = basis.producten["HH"], basis.producten["BG"], basis.producten["JA"]
    stand = svc.contracten(basis.ctx, beheerder, "wmo")
    assert {p.id for p in stand.producten} == {hh, bg}  # the law's products only
    assert [a.producten for a in stand.aanbieders] == [(), ()]

    w = svc.zet_contracten(basis.ctx, beheerder, maasland, "wmo", [hh, bg])
    assert (w.aanbieder, w.aantal, set(w.toegevoegd), w.vervallen) == (
        "Zorggroep Maasland", 2, {"Hulp bij het huishouden", "Begeleiding individueel"}, ())
    svc.zet_contracten(basis.ctx, beheerder, maasland, "jeugdwet", [ja])
    w = svc.zet_contracten(basis.ctx, beheerder, maasland, "wmo", [bg])  # the Jeugd contract stays
    assert w.vervallen == ("Hulp bij het huishouden",) and w.toegevoegd == () and w.aantal == 1
    per = {a.id: a.producten for a in svc.contracten(basis.ctx, beheerder, "wmo").aanbieders}
    assert per == {maasland: (bg,), mosa: ()}
    assert {a.id: a.producten for a in svc.contracten(basis.ctx, beheerder, "jeugdwet").aanbieders}[maasland] == (ja,)
    with transactie(basis.ctx) as s:
        details = s.scalars(select(m.AuditEvent.details).where(
            m.AuditEvent.object_type == "aanbieder", m.AuditEvent.actie == AuditActie.WIJZIGEN.value)
            .order_by(m.AuditEvent.id)).all()
    assert details == ["contract+=BGM,HH1", "contract+=JAM", "contract-=HH1"]
    # Nothing changed: nothing audited.
    svc.zet_contracten(basis.ctx, beheerder, maasland, "wmo", [bg])
    with transactie(basis.ctx) as s:
        assert len(s.scalars(select(m.AuditEvent).where(m.AuditEvent.object_type == "aanbieder")).all()) == 3


def test_een_product_van_een_andere_wet_of_een_onbekende_aanbieder_wordt_geweigerd(basis: Basis) -> None:
    beheerder = basis["beheerder"]
    with pytest.raises(ValidatieFout) as exc:
        svc.zet_contracten(basis.ctx, beheerder, basis.aanbieders[0], "wmo", [basis.producten["JA"]])
    assert "horen niet bij de Wmo 2015" in exc.value.fouten["producten"]
    with pytest.raises(NietGevonden):
        svc.zet_contracten(basis.ctx, beheerder, 999_999, "wmo", [])
    with pytest.raises(ValidatieFout):
        svc.contracten(basis.ctx, beheerder, "awbz")
    with pytest.raises(GeenToegang):
        svc.zet_contracten(basis.ctx, basis["consulent"], basis.aanbieders[0], "wmo", [])


def test_stap_7_leest_de_contracten_van_de_wet(basis: Basis) -> None:
    """Step 7's choice lists carry, per provider, the contracted products of the case's law (and no other)."""
    maasland, mosa = basis.aanbieders
    svc.zet_contracten(basis.ctx, basis["beheerder"], maasland, "wmo", [basis.producten["HH"]])
    svc.zet_contracten(basis.ctx, basis["beheerder"], mosa, "jeugdwet", [basis.producten["JA"]])
    wmo = {a.id: a.producten for a in onderzoek.keuzelijsten(basis.ctx, basis["consulent"], "wmo").aanbieders}
    assert wmo == {maasland: (basis.producten["HH"],), mosa: ()}
    jeugd = {a.id: a.producten for a in onderzoek.keuzelijsten(basis.ctx, basis["consulent"], "jeugdwet").aanbieders}
    assert jeugd == {maasland: (), mosa: (basis.producten["JA"],)}
