"""Work queue, assigning, load per consultant, capacity and look-ahead on a hand-counted dataset (both databases)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from consulent_app import planning as p
from consulent_app.db import models as m
from consulent_app.errors import ConflictFout, GeenToegang, RegelFout, ValidatieFout
from consulent_app.services import planning as svc
from consulent_app.services.base import transactie
from consulent_app.services.overzicht import Filter
from tests.factories import Basis
from tests.overzicht_data import VANDAAG, Planning, maak_planning

D = dt.date


@pytest.fixture
def data(basis: Basis) -> Planning:
    return maak_planning(basis)


def _team_a(basis: Basis) -> Filter:
    return Filter(team_id=basis.team_a)


def test_werkvoorraad_toont_niet_toegewezen_werk_dichtstbijzijnde_termijn_eerst(basis: Basis, data: Planning) -> None:
    items = svc.werkvoorraad(basis.ctx, basis["planner"], _team_a(basis), vandaag=VANDAAG)
    assert [(w.soort, w.id) for w in items] == [
        ("melding", data["M3"]), ("aanvraag", data["A1"]), ("po", data["P1"]), ("melding", data["M1"]),
        ("melding", data["M2"]),
    ]
    assert [w.geschatte_uren for w in items] == [2, 4, 4, 6, 4]
    assert [w.risico for w in items] == [True, False, False, False, False]
    m3 = items[0]
    assert m3.leeftijd_dagen == 46  # 10 October to 25 November
    assert m3.termijn_einde == D(2026, 11, 27)
    assert m3.zaaksoort_label == "Wijziging"


def test_werkvoorraad_filtert_op_wet_en_periode(basis: Basis, data: Planning) -> None:
    jeugd = svc.werkvoorraad(basis.ctx, basis["planner"], Filter(basis.team_a, "jeugdwet"), vandaag=VANDAAG)
    assert [w.id for w in jeugd] == [data["M2"]]
    nov = svc.werkvoorraad(basis.ctx, basis["planner"], Filter(basis.team_a, None, D(2026, 11, 1), D(2026, 11, 30)),
                           vandaag=VANDAAG)
    assert {(w.soort, w.id) for w in nov} == {("melding", data["M1"]), ("aanvraag", data["A1"])}


def test_andere_teams_werkvoorraad_is_niet_zichtbaar(basis: Basis, data: Planning) -> None:
    with pytest.raises(GeenToegang):
        svc.werkvoorraad(basis.ctx, basis["planner"], Filter(team_id=basis.team_b), vandaag=VANDAAG)
    with pytest.raises(GeenToegang):
        svc.werkvoorraad(basis.ctx, basis["consulent"], vandaag=VANDAAG)


def _consulent(teams: list[svc.TeamBelasting], naam: str) -> svc.ConsulentBelasting:
    return next(c for t in teams for c in t.consulenten if c.naam == naam)


def test_belasting_per_consulent_uit_normuren(basis: Basis, data: Planning) -> None:
    """Rapport 2020: 6 u nieuw, 4 u bestaande cliënt, 2 u wijziging, 4 u Jeugd en PO; 36 u x 75 % - neventaken."""
    teams = svc.belasting(basis.ctx, basis["planner"], _team_a(basis), vandaag=VANDAAG)
    assert len(teams) == 1
    c1 = _consulent(teams, "Consulent")
    assert c1.aantallen == {"nieuw": 1, "bestaande_client": 1, "wijziging": 1, "po": 1, "jeugd": 1}
    assert c1.uren == 20
    assert c1.beschikbare_uren == 27
    assert c1.weken == pytest.approx(20 / 27)
    assert c1.procent == pytest.approx(20 / 27 / 6 * 100)
    assert c1.risico == 2
    c2 = _consulent(teams, "Consulent2")
    assert c2.aantallen["nieuw"] == 2 and c2.totaal == 2
    assert c2.beschikbare_uren == 10  # 32 x 0.75 - 14
    assert c2.weken == pytest.approx(1.2)
    assert c2.procent == pytest.approx(20.0)
    team = teams[0]
    assert team.totaal == 7 and team.uren == 32 and team.beschikbare_uren == 37 and team.risico == 2
    assert team.signaal is p.Signaal.RUIMTE
    assert team.fte == pytest.approx((36 + 32) / 36)


def test_consulent_zonder_contracturen_krijgt_duidelijke_melding(basis: Basis, data: Planning) -> None:
    teams = svc.belasting(basis.ctx, basis["planner"], _team_a(basis), vandaag=VANDAAG)
    c3 = _consulent(teams, "Consulent3")
    assert c3.beschikbare_uren is None and c3.procent is None
    assert c3.fout is not None and "geen contracturen" in c3.fout


def test_overbelasting_bij_korte_planperiode(basis: Basis, data: Planning) -> None:
    teams = svc.belasting(basis.ctx, basis["planner"], _team_a(basis), planperiode_weken=1, vandaag=VANDAAG)
    assert _consulent(teams, "Consulent2").signaal is p.Signaal.OVERBELAST  # 1.2 weeks of work in 1 week
    assert _consulent(teams, "Consulent").signaal is p.Signaal.RUIMTE  # 0.74 weeks
    assert teams[0].signaal is p.Signaal.OP_NORM  # 32 / 37 = 86 %


def test_belasting_per_wet(basis: Basis, data: Planning) -> None:
    teams = svc.belasting(basis.ctx, basis["planner"], Filter(basis.team_a, "jeugdwet"), vandaag=VANDAAG)
    c1 = _consulent(teams, "Consulent")
    assert c1.aantallen == {"nieuw": 0, "bestaande_client": 0, "wijziging": 0, "po": 0, "jeugd": 1}


def test_normen_buiten_bereik_geven_melding_en_niets_verandert(basis: Basis, data: Planning) -> None:
    with pytest.raises(ValidatieFout) as exc:
        svc.belasting(basis.ctx, basis["planner"], _team_a(basis), normen=p.Normen(productiviteit=1.5))
    assert "hoogstens 100 %" in exc.value.fouten["productiviteit"]


def test_drilldown_van_belasting(basis: Basis, data: Planning) -> None:
    c1 = basis["consulent"].gebruiker_id
    zaken = svc.belasting_zaken(basis.ctx, basis["planner"], c1, vandaag=VANDAAG)
    assert {(z.soort, z.id) for z in zaken} == {
        ("melding", data["M5"]), ("melding", data["M6"]), ("aanvraag", data["A2"]), ("po", data["P3"]),
        ("melding", data["M7"])}
    m6 = next(z for z in zaken if z.id == data["M6"] and z.soort == "melding")
    assert m6.termijn_einde == D(2026, 11, 26)  # the open request's decision term
    risico = svc.belasting_zaken(basis.ctx, basis["planner"], c1, alleen_risico=True, vandaag=VANDAAG)
    assert {(z.soort, z.id) for z in risico} == {("melding", data["M6"]), ("po", data["P3"])}
    po = svc.belasting_zaken(basis.ctx, basis["planner"], c1, zaaksoort="po", vandaag=VANDAAG)
    assert [z.id for z in po] == [data["P3"]]


def test_planner_verdeelt_werk_en_ziet_belasting_veranderen(basis: Basis, data: Planning) -> None:
    ctx, planner = basis.ctx, basis["planner"]
    c1, c2 = basis["consulent"].gebruiker_id, basis["consulent2"].gebruiker_id
    items = {(w.soort, w.id): w for w in svc.werkvoorraad(ctx, planner, _team_a(basis), vandaag=VANDAAG)}
    svc.wijs_toe(ctx, planner, "melding", data["M1"], c1, versie=items["melding", data["M1"]].versie)
    svc.wijs_toe(ctx, planner, "aanvraag", data["A1"], c2, versie=items["aanvraag", data["A1"]].versie)
    svc.wijs_toe(ctx, planner, "po", data["P1"], c2, versie=items["po", data["P1"]].versie)
    rest = svc.werkvoorraad(ctx, planner, _team_a(basis), vandaag=VANDAAG)
    assert [w.id for w in rest] == [data["M3"], data["M2"]]
    teams = svc.belasting(ctx, planner, _team_a(basis), vandaag=VANDAAG)
    assert _consulent(teams, "Consulent").uren == 26  # + M1 new (6 h)
    assert _consulent(teams, "Consulent2").uren == 20  # 12 + A1 existing client (4 h) + P1 PO (4 h)
    assert _consulent(teams, "Consulent2").aantallen["po"] == 1
    with transactie(ctx) as s:
        details = s.scalars(select(m.AuditEvent.details).where(m.AuditEvent.object_type == "periodiek_onderzoek",
                                                               m.AuditEvent.object_id == data["P1"])).all()
    assert details == [f"toegewezen: gebruiker#- -> gebruiker#{c2}"]


def test_herverdelen_staat_in_de_geschiedenis(basis: Basis, data: Planning) -> None:
    ctx, planner = basis.ctx, basis["planner"]
    c1, c2 = basis["consulent"].gebruiker_id, basis["consulent2"].gebruiker_id
    svc.wijs_toe(ctx, planner, "po", data["P3"], c2)
    svc.wijs_toe(ctx, planner, "aanvraag", data["A2"], c2)
    with transactie(ctx) as s:
        rows = s.execute(select(m.AuditEvent.object_type, m.AuditEvent.details)
                         .where(m.AuditEvent.actie == "wijzigen").order_by(m.AuditEvent.id)).all()
        assert s.get(m.PeriodiekOnderzoek, data["P3"]).consulent_id == c2
    assert ("periodiek_onderzoek", f"toegewezen: gebruiker#{c1} -> gebruiker#{c2}") in rows
    assert ("aanvraag", f"toegewezen: gebruiker#{c1} -> gebruiker#{c2}") in rows


@pytest.mark.parametrize(("soort", "sleutel"), [("melding", "M1"), ("aanvraag", "A1"), ("po", "P1")])
def test_toewijzen_buiten_team_of_aan_niet_consulent_verandert_niets(basis: Basis, data: Planning, soort: str,
                                                                    sleutel: str) -> None:
    ctx, planner = basis.ctx, basis["planner"]
    with pytest.raises(ValidatieFout) as exc:
        svc.wijs_toe(ctx, planner, soort, data[sleutel], basis["consulent_b"].gebruiker_id)
    assert "niet in het gebiedsteam" in exc.value.fouten["consulent"]
    with pytest.raises(ValidatieFout) as exc:
        svc.wijs_toe(ctx, planner, soort, data[sleutel], basis["teamleider"].gebruiker_id)
    assert "geen consulent" in exc.value.fouten["consulent"]
    items = svc.werkvoorraad(ctx, planner, _team_a(basis), vandaag=VANDAAG)
    assert (soort, data[sleutel]) in {(w.soort, w.id) for w in items}


def test_alleen_planner_of_teamleider_wijst_toe_en_verouderde_versie_wordt_geweigerd(basis: Basis,
                                                                                   data: Planning) -> None:
    ctx = basis.ctx
    c1 = basis["consulent"].gebruiker_id
    with pytest.raises(GeenToegang):
        svc.wijs_toe(ctx, basis["consulent"], "po", data["P1"], c1)
    with pytest.raises(ConflictFout):
        svc.wijs_toe(ctx, basis["teamleider"], "po", data["P1"], c1, versie=99)
    with transactie(ctx) as s:
        s.get(m.Aanvraag, data["A1"]).status = "besloten"
    with pytest.raises(RegelFout):
        svc.wijs_toe(ctx, basis["planner"], "aanvraag", data["A1"], c1)


def test_capaciteit_volgens_rapport_2020(basis: Basis, data: Planning) -> None:
    """Rapport 2020: benodigde FTE = dossiers per week x uren per dossier / (36 x 0,75)."""
    # Period 19-11 .. 25-11 (one week), team A: meldingen M1 (wmo nieuw 6 h), M5 (wmo nieuw 6 h),
    # M9 (wmo nieuw 6 h), M10 (wmo nieuw 6 h); PO P3 on 20-11 (4 h). Jeugd: none.
    cap = svc.capaciteit(basis.ctx, basis["planner"], Filter(basis.team_a, None, D(2026, 11, 19), D(2026, 11, 25)),
                         vandaag=VANDAAG)
    wmo, jeugd, totaal = cap.regels
    assert cap.weken == 1
    assert (wmo.dossiers, wmo.instroom_per_week) == (5, 5)
    assert wmo.uren_per_dossier == pytest.approx(28 / 5)
    assert wmo.benodigde_fte == pytest.approx(28 / 27)
    assert (jeugd.dossiers, jeugd.benodigde_fte) == (0, 0)
    assert totaal.benodigde_fte == pytest.approx(28 / 27)
    assert cap.werkelijke_fte == pytest.approx(68 / 36)
    assert cap.zonder_contracturen == ["Consulent3"]
    assert cap.verschil_fte == pytest.approx(68 / 36 - 28 / 27)


def test_capaciteit_met_ingevoerde_instroom(basis: Basis, data: Planning) -> None:
    cap = svc.capaciteit(basis.ctx, basis["planner"], _team_a(basis), instroom_per_week={"jeugdwet": 27},
                         vandaag=VANDAAG)
    jeugd = cap.regels[1]
    assert jeugd.handmatig and jeugd.instroom_per_week == 27
    assert jeugd.benodigde_fte == pytest.approx(4.0)  # 27 x 4 / 27
    with pytest.raises(ValidatieFout) as exc:
        svc.capaciteit(basis.ctx, basis["planner"], _team_a(basis), instroom_per_week={"wmo": -1})
    assert "negatief" in exc.value.fouten["instroom_wmo"]


def test_vooruitblik_per_maand(basis: Basis, data: Planning) -> None:
    vb = svc.vooruitblik(basis.ctx, basis["planner"], _team_a(basis), vandaag=VANDAAG)
    assert len(vb.maanden) == 12 and vb.maanden[0] == D(2026, 11, 1) and vb.maanden[-1] == D(2027, 10, 1)
    per_maand = {mnd: (po, einde) for mnd, po, einde, _ in vb.per_maand() if po or einde}
    # P3 (20-11, overdue but this month), P1 (15-12), P2 (01-06-2027); V1 ends 10-02-2027 (V2 already ended)
    assert per_maand == {D(2026, 11, 1): (1, 0), D(2026, 12, 1): (1, 0), D(2027, 2, 1): (0, 1),
                         D(2027, 6, 1): (1, 0)}
    assert vb.achterstallig == {basis.team_a: 1}
    assert sum(r.uren for r in vb.regels) == 16
    zaken = svc.vooruitblik_zaken(basis.ctx, basis["planner"], D(2027, 2, 1), "einde", _team_a(basis))
    assert [z.id for z in zaken] == [data["V1"]]
    assert zaken[0].client == "Test Bakker"


def test_vooruitblik_over_gekozen_periode(basis: Basis, data: Planning) -> None:
    vb = svc.vooruitblik(basis.ctx, basis["planner"], Filter(basis.team_a, None, D(2027, 1, 1), D(2027, 6, 30)),
                         vandaag=VANDAAG)
    assert vb.maanden[0] == D(2027, 1, 1) and vb.maanden[-1] == D(2027, 6, 1)
    assert [(mnd, po, einde) for mnd, po, einde, _ in vb.per_maand() if po or einde] == [
        (D(2027, 2, 1), 0, 1), (D(2027, 6, 1), 1, 0)]
    with pytest.raises(ValidatieFout) as exc:
        svc.vooruitblik(basis.ctx, basis["planner"], Filter(basis.team_a, None, D(2027, 1, 1), D(2033, 1, 1)))
    assert "vijf jaar" in exc.value.fouten["tot"]
