"""Steering information on a hand-counted dataset (both databases); see tests/overzicht_data.maak_sturing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from consulent_app.db import models as m
from consulent_app.errors import GeenToegang, ValidatieFout
from consulent_app.rules.kosten import jaarkosten
from consulent_app.services import sturing
from consulent_app.services.base import transactie
from consulent_app.services.overzicht import Filter
from tests.factories import Basis
from tests.overzicht_data import VANDAAG, Sturing, maak_sturing

D = dt.date


@pytest.fixture
def data(basis: Basis) -> Sturing:
    return maak_sturing(basis)


def _a(basis: Basis, **kw: object) -> Filter:
    return Filter(team_id=basis.team_a, **kw)  # type: ignore[arg-type]


def test_jaarkosten_per_productcategorie(basis: Basis, data: Sturing) -> None:
    regels = sturing.voorzieningen(basis.ctx, basis["teamleider"], "productcategorie", _a(basis))
    assert [(r.label, r.aantal, r.jaarkosten) for r in regels] == [
        ("45 Jeugdhulp ambulant", 1, Decimal("26988.00")),
        ("02 Begeleiding", 1, Decimal("13811.20")),
        ("01 Hulp bij het huishouden", 1, Decimal("5070.00")),
    ]
    # the same sum as the rule in Python (rules/kosten.jaarkosten)
    assert regels[1].jaarkosten == jaarkosten(Decimal("66.40"), Decimal(4), "2")


def test_zin_tegenover_pgb_en_per_niveau_en_aanbieder(basis: Basis, data: Sturing) -> None:
    lv = {r.sleutel: (r.aantal, r.jaarkosten) for r in
          sturing.voorzieningen(basis.ctx, basis["teamleider"], "leveringsvorm", _a(basis))}
    assert lv == {"zin": (2, Decimal("18881.20")), "pgb": (1, Decimal("26988.00"))}
    niveau = {r.label: r.jaarkosten for r in sturing.voorzieningen(basis.ctx, basis["teamleider"], "niveau", _a(basis))}
    assert niveau == {"Licht": Decimal("5070.00"), "Midden": Decimal("40799.20")}
    aanb = {r.label: (r.aantal, r.jaarkosten) for r in
            sturing.voorzieningen(basis.ctx, basis["teamleider"], "aanbieder", _a(basis))}
    assert aanb == {"Geen aanbieder (pgb)": (1, Decimal("26988.00")), "Thuiszorg Mosa": (1, Decimal("13811.20")),
                    "Zorggroep Maasland": (1, Decimal("5070.00"))}


def test_elk_getal_opent_de_zaken_erachter(basis: Basis, data: Sturing) -> None:
    regels = sturing.voorzieningen(basis.ctx, basis["teamleider"], "aanbieder", _a(basis))
    for r in regels:
        zaken = sturing.voorzieningen_zaken(basis.ctx, basis["teamleider"], "aanbieder", r.sleutel, _a(basis))
        assert len(zaken) == r.aantal
        assert sum(z.jaarkosten or 0 for z in zaken) == r.jaarkosten
    pgb = sturing.voorzieningen_zaken(basis.ctx, basis["teamleider"], "leveringsvorm", "pgb", _a(basis))
    assert [(z.id, z.client) for z in pgb] == [(data.ids["ja_bakker"], "Test Bakker")]
    cat = sturing.voorzieningen_zaken(basis.ctx, basis["teamleider"], "productcategorie", "wmo:01", _a(basis))
    assert [z.id for z in cat] == [data.ids["hh_aerts"]]


def test_wet_filter_en_teams(basis: Basis, data: Sturing) -> None:
    wmo = sturing.voorzieningen(basis.ctx, basis["teamleider"], "leveringsvorm", _a(basis, wet="wmo"))
    assert [(r.sleutel, r.aantal) for r in wmo] == [("zin", 2)]
    with pytest.raises(GeenToegang):
        sturing.voorzieningen(basis.ctx, basis["teamleider"], "product", Filter(team_id=basis.team_b))
    with pytest.raises(GeenToegang):
        sturing.voorzieningen(basis.ctx, basis["consulent"], "product")
    with pytest.raises(ValidatieFout) as exc:
        sturing.voorzieningen(basis.ctx, basis["teamleider"], "product", Filter(van=D(2026, 2, 1), tot=D(2026, 1, 1)))
    assert "vóór de begindatum" in exc.value.fouten["tot"]


def test_instroom_doorstroom_uitstroom_per_maand(basis: Basis, data: Sturing) -> None:
    maanden = sturing.stroom(basis.ctx, basis["teamleider"], _a(basis), vandaag=VANDAAG)
    assert len(maanden) == 12 and maanden[0].maand == D(2025, 12, 1) and maanden[-1].maand == D(2026, 11, 1)
    tabel = {r.maand: (r.instroom, r.besluiten, r.uitstroom) for r in maanden if r.instroom or r.besluiten
             or r.uitstroom}
    assert tabel == {D(2026, 9, 1): (2, 1, 0), D(2026, 10, 1): (1, 0, 1), D(2026, 11, 1): (0, 1, 0)}
    sept = sturing.stroom_zaken(basis.ctx, basis["teamleider"], "instroom", D(2026, 9, 1), _a(basis))
    assert sorted(z.client for z in sept) == ["Test Aerts", "Test Bakker"]
    assert "huisarts" in next(z for z in sept if z.client == "Test Bakker").omschrijving
    uit = sturing.stroom_zaken(basis.ctx, basis["teamleider"], "uitstroom", D(2026, 10, 1), _a(basis))
    assert [z.id for z in uit] == [data.ids["hh_aerts_oud"]]


def test_jeugd_per_verwijzer(basis: Basis, data: Sturing) -> None:
    regels = sturing.jeugd_verwijzers(basis.ctx, basis["teamleider"], _a(basis))
    assert [(r.label, r.meldingen, r.voorzieningen, r.jaarkosten) for r in regels] == [
        ("Huisarts", 1, 1, Decimal("26988.00")), ("School", 1, 0, Decimal("0.00"))]
    zaken = sturing.verwijzer_zaken(basis.ctx, basis["teamleider"], "huisarts", _a(basis))
    assert [z.omschrijving for z in zaken] == ["Verwijzer: Huisartsenpraktijk Wyck"]


def test_doorlooptijd_tegen_wettelijke_termijnen(basis: Basis, data: Sturing) -> None:
    """Wmo 2015 art. 2.3.2 lid 1 en 2.3.5 lid 1 (6 + 2 weken); Jeugdwet via Awb 4:13 (8 weken na aanvraag). A
    decision is given when sent (Awb 3:41): approved 25 September, sent 28 September counts 28 September."""
    wmo, jeugd = sturing.doorlooptijden(basis.ctx, basis["teamleider"], _a(basis))
    assert (wmo.besluiten, wmo.gem_dagen_melding, wmo.gem_dagen_aanvraag) == (1, 27, 13)
    assert (wmo.wettelijk_dagen_melding, wmo.wettelijk_dagen_aanvraag, wmo.op_tijd) == (56, 14, 1)
    assert (jeugd.besluiten, jeugd.gem_dagen_melding, jeugd.gem_dagen_aanvraag) == (1, 71, 64)
    assert (jeugd.wettelijk_dagen_aanvraag, jeugd.op_tijd, jeugd.procent_op_tijd) == (56, 0, 0)
    te_laat = sturing.doorlooptijd_zaken(basis.ctx, basis["teamleider"], "jeugdwet", _a(basis), alleen_te_laat=True)
    assert [z.id for z in te_laat] == [data.ids["b_bakker"]]
    assert "te laat" in te_laat[0].omschrijving


def test_toetsscores_per_criterium_en_team(basis: Basis, data: Sturing) -> None:
    """Criteria of the toetsingskader (criterium 5: bruto-hulp naar aard en omvang)."""
    regels = {r.criterium: r for r in sturing.toetsscores(basis.ctx, basis["teamleider"], _a(basis))}
    assert regels[1].scores["voldoende"] == 2 and regels[1].procent_voldoende == 100
    assert (regels[5].scores["voldoende"], regels[5].scores["onvoldoende"]) == (1, 1)
    assert regels[5].procent_voldoende == 50
    assert regels[5].team == "Gebiedsteam Centrum"
    zaken = sturing.toets_zaken(basis.ctx, basis["teamleider"], 5, "onvoldoende", _a(basis))
    assert [z.id for z in zaken] == [data.ids["b_aerts"]]


def test_toetsscores_leeg_zonder_toetsingen(basis: Basis) -> None:
    assert sturing.toetsscores(basis.ctx, basis["teamleider"]) == []


def test_poortwachter_boven_drempel(basis: Basis, data: Sturing) -> None:
    """Poortwachter: cliënten van wie de voorzieningen samen meer dan de drempel (standaard 25.000) per jaar kosten."""
    lijst = sturing.poortwachter(basis.ctx, basis["teamleider"], _a(basis))
    assert [(r.client, r.voorzieningen, r.jaarkosten) for r in lijst] == [("Test Bakker", 1, Decimal("26988.00"))]
    lager = sturing.poortwachter(basis.ctx, basis["teamleider"], _a(basis), drempel=10000)
    assert [(r.client, r.jaarkosten) for r in lager] == [("Test Bakker", Decimal("26988.00")),
                                                          ("Test Aerts", Decimal("18881.20"))]
    zaken = sturing.poortwachter_zaken(basis.ctx, basis["teamleider"], data.ids["aerts"], _a(basis))
    assert sorted(z.id for z in zaken) == sorted([data.ids["hh_aerts"], data.ids["bg_aerts"]])
    with transactie(basis.ctx) as s:
        n = s.scalar(select(func.count()).select_from(m.AuditEvent).where(m.AuditEvent.object_type == "poortwachter"))
    assert n == 2


def test_export_wordt_vastgelegd(basis: Basis) -> None:
    sturing.registreer_export(basis.ctx, basis["teamleider"], "Poortwachter", 3, "xlsx")
    with transactie(basis.ctx) as s:
        details = s.scalar(select(m.AuditEvent.details).where(m.AuditEvent.actie == "exporteren"))
    assert details == "Poortwachter;xlsx;n=3"
