"""Periodic re-examination (PO): duration rules, completing a PO, the planning lists and provider plans."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from consulent_app.db import models as m
from consulent_app.domain import POUitkomst
from consulent_app.errors import GeenToegang, RegelFout, ValidatieFout
from consulent_app.rules import duur
from consulent_app.rules import periodiek as regels
from consulent_app.services import periodiek as po_svc
from consulent_app.services.base import transactie
from tests.factories import Basis
from tests.factories_zaak import VzSpec, Zaak, maak_zaak

VANDAAG = dt.date(2026, 11, 25)
START = dt.date(2024, 1, 15)

# --------------------------------------------------------------------------------------------------------------
# Pure rules
# --------------------------------------------------------------------------------------------------------------


def test_granted_provision_needs_end_date_or_po() -> None:
    """Domain brief section 7 / Wmo 2015 art. 2.3.5: a granted provision has an end date or a planned PO."""
    f = duur.duur_fouten(wet="wmo", besluit="toegekend", startdatum=START, einddatum=None, po_datum=None, grenzen=duur.Duurgrenzen(36))
    assert "einddatum" in f and "periodiek onderzoek" in f["einddatum"]
    assert duur.duur_fouten(wet="wmo", besluit="afgewezen", startdatum=START, einddatum=None, po_datum=None,
                              grenzen=duur.Duurgrenzen(36)) == {}
    assert duur.duur_fouten(wet="wmo", besluit="gedeeltelijk", startdatum=START, einddatum=dt.date(2025, 1, 14),
                              po_datum=None, grenzen=duur.Duurgrenzen(36)) == {}


def test_po_beyond_maximum_is_refused() -> None:
    """Toetsingskader criterium 10 / 2020 report: a PO at least once in 36 months (configurable maximum)."""
    assert duur.duur_fouten(wet="wmo", besluit="toegekend", startdatum=START, einddatum=None,
                              po_datum=dt.date(2027, 1, 15), grenzen=duur.Duurgrenzen(36)) == {}
    f = duur.duur_fouten(wet="wmo", besluit="toegekend", startdatum=START, einddatum=None, po_datum=dt.date(2027, 1, 16),
                           grenzen=duur.Duurgrenzen(36))
    assert f["po_datum"] == ("Het periodiek onderzoek moet uiterlijk 36 maanden na de start plaatsvinden, dus op of "
                             "vóór 15 januari 2027.")


@given(st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)), st.integers(0, 60 * 31), st.integers(1, 60))
def test_property_po_accepted_iff_within_maximum(start: dt.date, na: int, maximum: int) -> None:
    """Criterium 10: a PO date is accepted exactly when it lies from the start up to `maximum` months after it."""
    po = start + dt.timedelta(days=na)
    fouten = duur.duur_fouten(wet="wmo", besluit="toegekend", startdatum=start, einddatum=None, po_datum=po,
                                grenzen=duur.Duurgrenzen(maximum))
    assert (fouten == {}) == (po <= duur.po_uiterlijk(start, maximum))


@given(st.sampled_from(["ongewijzigd", "gewijzigd", "beeindigd"]),
       st.one_of(st.none(), st.dates(dt.date(2026, 1, 1), dt.date(2031, 12, 31))),
       st.one_of(st.none(), st.dates(dt.date(2026, 1, 1), dt.date(2031, 12, 31))))
def test_property_completed_po_always_leaves_a_next_date(uitkomst: str, volgende: dt.date | None,
                                                          eind: dt.date | None) -> None:
    """The 2020 loophole: whatever is entered, an accepted PO outcome has a next PO within the maximum or an end date."""
    try:
        r = regels.controleer_afronding(uitkomst=uitkomst, verslag="Gesprek gevoerd.", afgerond_op=VANDAAG,
                                        volgende_po_datum=volgende, einddatum=eind, startdatum_voorziening=START,
                                        max_maanden=36, vandaag=VANDAAG)
    except ValidatieFout:
        return
    assert r.volgende_po_datum is not None or r.einddatum is not None
    if r.volgende_po_datum is not None:
        assert VANDAAG < r.volgende_po_datum <= regels.po_uiterlijk(VANDAAG, 36)
    if r.uitkomst is POUitkomst.BEEINDIGD:
        assert r.einddatum is not None and r.volgende_po_datum is None


def test_maanden_vooruit_twelve_months() -> None:
    """Domain brief section 7: the planning list covers this month and the eleven after it."""
    ks = regels.maanden_vooruit(VANDAAG)
    assert ks[0] == dt.date(2026, 11, 1) and ks[-1] == dt.date(2027, 10, 1) and len(ks) == 12


# --------------------------------------------------------------------------------------------------------------
# Completing a PO
# --------------------------------------------------------------------------------------------------------------


def _lopend(basis: Basis, **kw: object) -> Zaak:
    """A Wmo client with an active HH provision since 15-1-2024 and a PO planned on 15-1-2025 (overdue)."""
    args: dict[str, object] = dict(beschikking="verzonden", verzonden_op=dt.date(2024, 1, 5),
                                   melding_datum=dt.date(2023, 12, 1), aanvraag_datum=dt.date(2023, 12, 20),
                                   voorzieningen=[VzSpec("HH", startdatum=START, po_datum=dt.date(2025, 1, 15))])
    args.update(kw)
    return maak_zaak(basis, **args)  # type: ignore[arg-type]


def _po(basis: Basis, po_id: int) -> m.PeriodiekOnderzoek:
    with transactie(basis.ctx) as s:
        po = s.get(m.PeriodiekOnderzoek, po_id)
        assert po is not None
        s.expunge(po)
        return po


def _vz(basis: Basis, vz_id: int) -> m.Voorziening:
    with transactie(basis.ctx) as s:
        vz = s.get(m.Voorziening, vz_id)
        assert vz is not None
        s.expunge(vz)
        return vz


def test_unchanged_po_without_next_date_is_refused(basis: Basis) -> None:
    """The 2020 loophole closed in the core: 'ongewijzigd' without next PO or end date is refused."""
    zaak = _lopend(basis)
    with pytest.raises(ValidatieFout) as exc:
        po_svc.rond_po_af(basis.ctx, basis["consulent"], zaak.po_ids[0], uitkomst="ongewijzigd",
                          verslag="Situatie ongewijzigd.", vandaag=VANDAAG)
    assert "volgende_po_datum" in exc.value.fouten
    assert _po(basis, zaak.po_ids[0]).status == "gepland"


def test_next_po_beyond_maximum_is_refused(basis: Basis) -> None:
    """Criterium 10 / config termijnen.po_maximum_maanden: the next PO within 36 months after this one."""
    zaak = _lopend(basis)
    with pytest.raises(ValidatieFout) as exc:
        po_svc.rond_po_af(basis.ctx, basis["consulent"], zaak.po_ids[0], uitkomst="ongewijzigd",
                          verslag="Situatie ongewijzigd.", volgende_po_datum=dt.date(2029, 11, 26), vandaag=VANDAAG)
    assert "25 november 2029" in exc.value.fouten["volgende_po_datum"]


@pytest.mark.parametrize(("kw", "veld"), [
    ({"uitkomst": "misschien"}, "uitkomst"),
    ({"verslag": "  "}, "verslag"),
    ({"verslag": "x" * 4001}, "verslag"),
    ({"afgerond_op": dt.date(2026, 11, 26)}, "afgerond_op"),
    ({"volgende_po_datum": dt.date(2026, 11, 20)}, "volgende_po_datum"),
    ({"uitkomst": "beeindigd", "volgende_po_datum": None}, "einddatum"),
    ({"uitkomst": "beeindigd", "einddatum": dt.date(2026, 12, 31)}, "volgende_po_datum"),
])
def test_bad_po_outcome_is_refused_at_the_field(basis: Basis, kw: dict[str, object], veld: str) -> None:
    """Domain brief section 7: outcome, short report and a valid next date are required."""
    zaak = _lopend(basis)
    args: dict[str, object] = dict(uitkomst="ongewijzigd", verslag="Gesprek gevoerd.",
                                   volgende_po_datum=dt.date(2027, 11, 25))
    args.update(kw)
    with pytest.raises(ValidatieFout) as exc:
        po_svc.rond_po_af(basis.ctx, basis["consulent"], zaak.po_ids[0], vandaag=VANDAAG, **args)  # type: ignore[arg-type]
    assert veld in exc.value.fouten


def test_unchanged_po_plans_the_next_one(basis: Basis) -> None:
    """Domain brief section 7: an unchanged PO leaves the next PO planned, on the provision and as a new PO."""
    zaak = _lopend(basis)
    res = po_svc.rond_po_af(basis.ctx, basis["consulent"], zaak.po_ids[0], uitkomst="ongewijzigd",
                            verslag="Situatie ongewijzigd, hulp blijft nodig.",
                            volgende_po_datum=dt.date(2027, 11, 25), vandaag=VANDAAG)
    oud = _po(basis, zaak.po_ids[0])
    assert (oud.status, oud.uitkomst, oud.afgerond_op) == ("afgerond", "ongewijzigd", VANDAAG)
    assert res.volgende_po_id is not None and res.nieuwe_aanvraag_id is None
    nieuw = _po(basis, res.volgende_po_id)
    assert (nieuw.status, nieuw.geplande_datum) == ("gepland", dt.date(2027, 11, 25))
    assert _vz(basis, zaak.voorziening_ids[0]).po_datum == dt.date(2027, 11, 25)
    with pytest.raises(RegelFout, match="al afgerond"):
        po_svc.rond_po_af(basis.ctx, basis["consulent"], zaak.po_ids[0], uitkomst="ongewijzigd", verslag="x",
                          volgende_po_datum=dt.date(2027, 11, 25), vandaag=VANDAAG)


def test_unchanged_po_with_end_date_only(basis: Basis) -> None:
    """Domain brief section 7: an end date instead of a next PO is also enough, when it is the provision's own end
    date (the provision runs on as granted, and stops then)."""
    zaak = _lopend(basis, voorzieningen=[VzSpec("HH", startdatum=START, einddatum=dt.date(2027, 5, 31),
                                                po_datum=dt.date(2025, 1, 15))])
    res = po_svc.rond_po_af(basis.ctx, basis["consulent"], zaak.po_ids[0], uitkomst="ongewijzigd",
                            verslag="Hulp loopt nog een half jaar.", einddatum=dt.date(2027, 5, 31), vandaag=VANDAAG)
    assert res.volgende_po_id is None
    vz = _vz(basis, zaak.voorziening_ids[0])
    assert (vz.einddatum, vz.po_datum) == (dt.date(2027, 5, 31), None)


@pytest.mark.parametrize("uitkomst", ["ongewijzigd", "gewijzigd"])
@pytest.mark.parametrize("huidig", [None, dt.date(2027, 12, 31)])
def test_a_po_that_is_not_an_ending_never_shortens_the_provision(basis: Basis, uitkomst: str,
                                                                 huidig: dt.date | None) -> None:
    """Art. 2.3.10 Wmo 2015, Awb 3:40: an end date before the provision's own (or on an open-ended one) limits the
    granted right, which only a decision made known to the client can do; it is refused at the field and nothing
    is written ('beëindigd' makes that decision)."""
    zaak = _lopend(basis, voorzieningen=[VzSpec("HH", startdatum=START, einddatum=huidig,
                                                po_datum=dt.date(2025, 1, 15))])
    with pytest.raises(ValidatieFout) as exc:
        po_svc.rond_po_af(basis.ctx, basis["consulent"], zaak.po_ids[0], uitkomst=uitkomst,
                          verslag="Hulp loopt nog een half jaar.", einddatum=dt.date(2027, 5, 31), vandaag=VANDAAG)
    assert "beëindigd" in exc.value.fouten["einddatum"]
    assert _po(basis, zaak.po_ids[0]).status == "gepland"
    assert _vz(basis, zaak.voorziening_ids[0]).einddatum == huidig


def test_ended_po_proposes_the_end_date_and_leaves_the_provision_running(basis: Basis) -> None:
    """Domain brief section 7 and art. 2.3.10 Wmo 2015: 'beëindigd' proposes the last day (kept on the PO), with no
    next PO; the provision itself keeps running unchanged (status, end date) until the ending decision is sent."""
    zaak = _lopend(basis)
    res = po_svc.rond_po_af(basis.ctx, basis["consulent"], zaak.po_ids[0], uitkomst="beeindigd",
                            verslag="Cliënt redt het weer zelf.", einddatum=dt.date(2026, 12, 31), vandaag=VANDAAG)
    assert res.nieuwe_aanvraag_id is not None  # the ending needs a decision: a request to hang it on
    with transactie(basis.ctx) as s:
        a = s.get(m.Aanvraag, res.nieuwe_aanvraag_id)
        assert a is not None and (a.aanleiding_po_id, a.voorzieningen) == (zaak.po_ids[0], [])
    vz = _vz(basis, zaak.voorziening_ids[0])
    assert (vz.einddatum, vz.beeindigd_op, vz.po_datum, vz.status) == (None, None, dt.date(2025, 1, 15), "actief")
    assert _po(basis, zaak.po_ids[0]).einddatum == dt.date(2026, 12, 31)
    with transactie(basis.ctx) as s:
        assert s.scalars(select(m.PeriodiekOnderzoek).where(m.PeriodiekOnderzoek.status == "gepland")).all() == []


def test_changed_po_starts_a_prefilled_request(basis: Basis) -> None:
    """Domain brief section 7: 'gewijzigd' starts a new request (soort wijziging) prefilled from what runs now."""
    zaak = _lopend(basis, voorzieningen=[
        VzSpec("HH", startdatum=START, po_datum=dt.date(2025, 1, 15), volume=Decimal("3")),
        VzSpec("BG", startdatum=START, po_datum=dt.date(2025, 6, 1), volume=Decimal("2"),
               plan_verwacht_op=dt.date(2024, 2, 1), plan_ontvangen_op=dt.date(2024, 2, 1)),
        VzSpec("HH", besluit="afgewezen", startdatum=START, po_datum=None, einddatum=None),
    ])
    res = po_svc.rond_po_af(basis.ctx, basis["consulent"], zaak.po_ids[0], uitkomst="gewijzigd",
                            verslag="Meer hulp nodig na val.", volgende_po_datum=dt.date(2027, 5, 25),
                            vandaag=VANDAAG)
    assert res.nieuwe_aanvraag_id is not None
    with transactie(basis.ctx) as s:
        a = s.get(m.Aanvraag, res.nieuwe_aanvraag_id)
        assert a is not None
        assert (a.soort, a.aanleiding_po_id, a.status, a.datum, a.client_id) == (
            "wijziging", zaak.po_ids[0], "open", VANDAAG, zaak.client_id)
        assert a.beslistermijn_einde == dt.date(2026, 12, 9)  # Wmo art. 2.3.5: 2 weeks
        kopie = sorted((v.product_id, v.volume, v.status) for v in a.voorzieningen)
        # Criterion 13: the changed begeleiding asks the provider for a new plan, by the configured 42 days.
        plannen = sorted((v.product_id, v.plan_verwacht, v.plan_verwacht_op) for v in a.voorzieningen)
    assert kopie == sorted([(basis.producten["HH"], Decimal("3.00"), "concept"),
                            (basis.producten["BG"], Decimal("2.00"), "concept")])
    assert plannen == sorted([(basis.producten["HH"], False, None),
                              (basis.producten["BG"], True, VANDAAG + dt.timedelta(days=42))])


def test_only_assigned_consultant_completes(basis: Basis) -> None:
    """A PO assigned to a colleague can only be completed by that colleague."""
    zaak = _lopend(basis, po_consulent=True)
    with pytest.raises(RegelFout, match="toegewezen aan Consulent"):
        po_svc.rond_po_af(basis.ctx, basis["consulent2"], zaak.po_ids[0], uitkomst="ongewijzigd", verslag="x",
                          volgende_po_datum=dt.date(2027, 11, 25), vandaag=VANDAAG)


def test_planner_cannot_complete_a_po(basis: Basis) -> None:
    """Domain brief section 7: a PO is an investigation; only a consultant completes it."""
    zaak = _lopend(basis)
    with pytest.raises(GeenToegang):
        po_svc.rond_po_af(basis.ctx, basis["planner"], zaak.po_ids[0], uitkomst="ongewijzigd", verslag="x",
                          volgende_po_datum=dt.date(2027, 11, 25), vandaag=VANDAAG)


# --------------------------------------------------------------------------------------------------------------
# Planning and assigning from the list
# --------------------------------------------------------------------------------------------------------------


def test_plan_po_within_maximum_and_refuse_beyond(basis: Basis) -> None:
    """Criterium 10 / config po_maximum_maanden: planning from the list respects the maximum after the start."""
    zaak = _lopend(basis, po_plannen=False)
    with pytest.raises(ValidatieFout) as exc:
        po_svc.plan_po(basis.ctx, basis["planner"], zaak.voorziening_ids[0], dt.date(2027, 1, 16))
    assert "15 januari 2027" in exc.value.fouten["geplande_datum"]
    po_id = po_svc.plan_po(basis.ctx, basis["planner"], zaak.voorziening_ids[0], dt.date(2026, 12, 10),
                           consulent_id=basis["consulent2"].gebruiker_id)
    po = _po(basis, po_id)
    assert (po.geplande_datum, po.consulent_id) == (dt.date(2026, 12, 10), basis["consulent2"].gebruiker_id)
    with pytest.raises(RegelFout, match="al een periodiek onderzoek gepland"):
        po_svc.plan_po(basis.ctx, basis["planner"], zaak.voorziening_ids[0], dt.date(2026, 12, 11))


def test_assign_and_move_po(basis: Basis) -> None:
    """The planner assigns a PO to a consultant of the client's team and moves it; the maximum still holds."""
    zaak = _lopend(basis)
    po = _po(basis, zaak.po_ids[0])
    versie = po_svc.wijs_po_toe(basis.ctx, basis["planner"], po.id, basis["consulent2"].gebruiker_id,
                                versie=po.versie)
    with pytest.raises(ValidatieFout, match="ander|gebiedsteam"):
        po_svc.wijs_po_toe(basis.ctx, basis["planner"], po.id, basis["consulent_b"].gebruiker_id, versie=versie)
    versie = po_svc.verplaats_po(basis.ctx, basis["planner"], po.id, dt.date(2026, 12, 15), versie=versie)
    assert _vz(basis, zaak.voorziening_ids[0]).po_datum == dt.date(2026, 12, 15)
    with pytest.raises(ValidatieFout):
        po_svc.verplaats_po(basis.ctx, basis["planner"], po.id, dt.date(2027, 2, 1), versie=versie)


def test_overview_per_month_and_overdue(basis: Basis) -> None:
    """Domain brief section 7: POs and end dates per month for 12 months, and overdue ones, per consultant/team."""
    lopend = _lopend(basis, po_consulent=True)  # PO 15-1-2025: overdue
    maak_zaak(basis, achternaam="Eind", beschikking="verzonden", verzonden_op=dt.date(2026, 6, 1),
              aanvraag_datum=dt.date(2026, 5, 20),
              voorzieningen=[VzSpec("HH", startdatum=dt.date(2026, 6, 1), po_datum=None,
                                    einddatum=dt.date(2027, 2, 28))])
    maak_zaak(basis, achternaam="Later", beschikking="verzonden", verzonden_op=dt.date(2026, 6, 1),
              aanvraag_datum=dt.date(2026, 5, 20), consulent="consulent2", po_consulent=True,
              voorzieningen=[VzSpec("HH", startdatum=dt.date(2026, 6, 1), po_datum=dt.date(2027, 3, 3))])
    maak_zaak(basis, achternaam="Ver", beschikking="verzonden", verzonden_op=dt.date(2026, 6, 1),
              aanvraag_datum=dt.date(2026, 5, 20), po_consulent=True,
              voorzieningen=[VzSpec("HH", startdatum=dt.date(2026, 6, 1), po_datum=dt.date(2028, 3, 3))])
    eigen = po_svc.po_overzicht(basis.ctx, basis["consulent"], vandaag=VANDAAG)
    assert [(r.client, r.soort, r.datum, r.achterstallig) for r in eigen.regels] == [
        ("Maria Janssen", "po", dt.date(2025, 1, 15), True),
        ("Maria Eind", "einddatum", dt.date(2027, 2, 28), False),
    ]
    assert eigen.achterstallig_po == 1
    feb = next(k for k in eigen.maanden if k.maand == dt.date(2027, 2, 1))
    assert (feb.label, feb.po, feb.einddatum) == ("februari 2027", 0, 1)
    team = po_svc.po_overzicht(basis.ctx, basis["teamleider"], vandaag=VANDAAG)
    assert [r.client for r in team.regels] == ["Maria Janssen", "Maria Eind", "Maria Later"]
    assert [r.client for r in po_svc.po_overzicht(
        basis.ctx, basis["planner"], consulent_id=basis["consulent2"].gebruiker_id, vandaag=VANDAAG).regels] \
        == ["Maria Later"]
    assert lopend.po_ids[0] == team.regels[0].id


def test_overview_unassigned_filter(basis: Basis) -> None:
    """Domain brief section 7: the planner finds the POs nobody has yet, to assign them from the list."""
    _lopend(basis)
    ov = po_svc.po_overzicht(basis.ctx, basis["planner"], alleen_niet_toegewezen=True, vandaag=VANDAAG)
    assert [(r.soort, r.consulent) for r in ov.regels] == [("po", None)]


# --------------------------------------------------------------------------------------------------------------
# Provider plans
# --------------------------------------------------------------------------------------------------------------


def test_overdue_plans_listed_until_received(basis: Basis) -> None:
    """Criterium 13: a plan van aanpak expected and not received shows as overdue until it is recorded."""
    zaak = _lopend(basis, voorzieningen=[VzSpec("BG", startdatum=START, po_datum=dt.date(2026, 6, 1),
                                                plan_verwacht_op=dt.date(2026, 11, 1))])
    (p,) = po_svc.openstaande_plannen(basis.ctx, basis["consulent"], vandaag=VANDAAG)
    assert (p.plan, p.dagen_te_laat, p.aanbieder) == ("Plan van aanpak", 24, "Zorggroep Maasland")
    with pytest.raises(ValidatieFout):
        po_svc.registreer_plan(basis.ctx, basis["consulent"], zaak.voorziening_ids[0],
                               plan_ontvangen_op=dt.date(2026, 11, 26), vandaag=VANDAAG)
    po_svc.registreer_plan(basis.ctx, basis["consulent"], zaak.voorziening_ids[0],
                           plan_ontvangen_op=dt.date(2026, 11, 24), versie=p.versie, vandaag=VANDAAG)
    assert po_svc.openstaande_plannen(basis.ctx, basis["consulent"], vandaag=VANDAAG) == []
    assert len(po_svc.openstaande_plannen(basis.ctx, basis["teamleider"], vandaag=VANDAAG)) == 0


def test_changed_and_ended_po_lead_to_a_decision(basis: Basis) -> None:
    """Domain brief section 7: 'gewijzigd' starts a new decision (herziening); 'beëindigd' an ending decision."""
    from consulent_app.services import beschikkingen

    gewijzigd = _lopend(basis)
    res = po_svc.rond_po_af(basis.ctx, basis["consulent"], gewijzigd.po_ids[0], uitkomst="gewijzigd",
                            verslag="Meer hulp nodig.", volgende_po_datum=dt.date(2027, 11, 25), vandaag=VANDAAG)
    assert res.nieuwe_aanvraag_id is not None
    bid = beschikkingen.maak_concept_beschikking(basis.ctx, basis["consulent"], res.nieuwe_aanvraag_id,
                                                 vandaag=VANDAAG)
    with transactie(basis.ctx) as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None and b.type == "herziening" and len(b.regels) == 1
        assert b.regels[0].voorziening.po_datum == dt.date(2027, 11, 25)  # prefilled with the PO just agreed

    geeindigd = _lopend(basis, achternaam="Stop")
    res = po_svc.rond_po_af(basis.ctx, basis["consulent"], geeindigd.po_ids[0], uitkomst="beeindigd",
                            verslag="Hulp niet meer nodig.", einddatum=dt.date(2026, 12, 31), vandaag=VANDAAG)
    assert res.nieuwe_aanvraag_id is not None
    bid = beschikkingen.maak_concept_beschikking(basis.ctx, basis["consulent"], res.nieuwe_aanvraag_id,
                                                 type="beeindiging", vandaag=VANDAAG)
    with transactie(basis.ctx) as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None and [r.voorziening_id for r in b.regels] == geeindigd.voorziening_ids
