"""Persoonlijk plan and cliëntondersteuning (Wmo 2015 art. 2.3.2), the request without a completed investigation
(Wmo 2015 art. 2.3.5 lid 2) and the provider's plan of step 7 (criterion 13), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from consulent_app import termijnen
from consulent_app.db import models as m
from consulent_app.domain import Wet
from consulent_app.errors import RegelFout, ValidatieFout
from consulent_app.rules import aanbiederplan, aanvraag
from consulent_app.rules import toetsing as tr
from consulent_app.services import aanvragen, dossiers, meldingen, periodiek, termijnbewaking
from consulent_app.services import onderzoek as svc
from consulent_app.services import toetsing as toetsing_svc
from consulent_app.services.base import AppContext, transactie
from tests.factories import Basis
from tests.factories_zaak import VzSpec, maak_zaak
from tests.test_onderzoek_service import MELDDATUM, VANDAAG, _gehoord, _melding, _vul_stappen_1_tot_6, _vz

# The decree for 2026-2028 (Atw art. 3 lid 3), as the default configuration ships it.
KB_DAGEN = (dt.date(2026, 1, 2), dt.date(2026, 5, 15), dt.date(2027, 5, 7), dt.date(2028, 4, 28),
            dt.date(2028, 5, 26))
#: MELDDATUM is Monday 2 November 2026: the investigation term (6 weeks) ends Monday 14 December 2026.
ONDERZOEK_EINDE = dt.date(2026, 12, 14)


# ---------------------------------------------------------------------------------------------------------------
# Persoonlijk plan: the rule


@pytest.mark.parametrize(("melding", "verwacht", "extra"), [
    (dt.date(2026, 11, 2), dt.date(2026, 11, 9), ()),  # Monday + 7 = Monday
    (dt.date(2026, 12, 19), dt.date(2026, 12, 28), ()),  # Saturday 26 Dec (Boxing Day) -> Monday 28 Dec
    (dt.date(2026, 4, 20), dt.date(2026, 4, 28), ()),  # Monday 27 April 2026 is King's Day -> Tuesday
    (dt.date(2026, 5, 8), dt.date(2026, 5, 18), ()),  # the decree ships: Friday 15 May is equated -> Monday 18 May
    (dt.date(2026, 5, 13), dt.date(2026, 5, 21), (dt.date(2026, 5, 20),)),  # a municipality's extra day counts too
    (dt.date(2029, 5, 4), dt.date(2029, 5, 14), (dt.date(2029, 5, 11),)),  # a next decree's day from configuration
])
def test_persoonlijk_plan_can_be_handed_in_until_seven_days_after_the_melding(
        melding: dt.date, verwacht: dt.date, extra: tuple[dt.date, ...]) -> None:
    """Wmo 2015 art. 2.3.2 lid 2: seven days after the melding; Atw art. 1 moves a last day on a weekend, holiday
    or equated day (art. 3 lid 3) to the next working day."""
    assert termijnen.persoonlijk_plan_uiterlijk(melding, extra_feestdagen=extra) == verwacht


@given(st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)), st.booleans())
def test_persoonlijk_plan_never_ends_on_a_day_off_and_never_before_seven_days(melding: dt.date, kb: bool) -> None:
    """Wmo 2015 art. 2.3.2 lid 2 with Atw art. 1: the last day is a working day, at least seven days after the
    melding, and every day between the seventh day and the last day is a day off."""
    extra = KB_DAGEN if kb else ()
    einde = termijnen.persoonlijk_plan_uiterlijk(melding, extra_feestdagen=extra)
    zeven = melding + dt.timedelta(days=7)
    assert termijnen.is_werkdag(einde, extra)
    assert einde >= zeven
    assert all(not termijnen.is_werkdag(zeven + dt.timedelta(days=i), extra) for i in range((einde - zeven).days))


def test_jeugd_has_no_persoonlijk_plan(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.2 lid 2 is a Wmo rule: a Jeugd melding shows no last day for a persoonlijk plan."""
    assert dossiers.persoonlijk_plan_termijn(basis.ctx, Wet.JEUGDWET, MELDDATUM) is None
    assert dossiers.persoonlijk_plan_termijn(basis.ctx, Wet.WMO, MELDDATUM) == dt.date(2026, 11, 9)


# ---------------------------------------------------------------------------------------------------------------
# Persoonlijk plan and cliëntondersteuning: recorded with the investigation


def _plan_en_steun(ctx: AppContext, mid: int) -> tuple[dt.date | None, bool | None, dt.date | None]:
    with transactie(ctx) as s:
        me = s.get(m.Melding, mid)
        assert me is not None
        return me.persoonlijk_plan_ontvangen, me.clientondersteuning_gewezen, me.clientondersteuning_gewezen_op


def test_a_persoonlijk_plan_date_before_the_melding_or_in_the_future_is_refused_at_the_field(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.2 lid 2: a plan is handed in after the melding, and not on a day still to come."""
    ctx, c = basis.ctx, basis["consulent"]
    mid = _melding(basis)
    oid = svc.start_onderzoek(ctx, c, mid, vandaag=VANDAAG)
    with pytest.raises(ValidatieFout) as exc:
        svc.gehoord_bijwerken(ctx, c, oid, {"persoonlijk_plan_ontvangen": MELDDATUM - dt.timedelta(days=1)},
                              vandaag=VANDAAG)
    assert "vóór de melding" in exc.value.fouten["persoonlijk_plan_ontvangen"]
    assert "2 november 2026" in exc.value.fouten["persoonlijk_plan_ontvangen"]
    with pytest.raises(ValidatieFout) as exc:
        svc.gehoord_bijwerken(ctx, c, oid, {"persoonlijk_plan_ontvangen": VANDAAG + dt.timedelta(days=1)},
                              vandaag=VANDAAG)
    assert "toekomst" in exc.value.fouten["persoonlijk_plan_ontvangen"]
    assert _plan_en_steun(ctx, mid) == (None, None, None)  # nothing changed

    svc.gehoord_bijwerken(ctx, c, oid, {"persoonlijk_plan_ontvangen": MELDDATUM}, vandaag=VANDAAG)  # same day: fine
    view = svc.haal_onderzoek(ctx, c, oid)
    assert view.persoonlijk_plan_ontvangen == MELDDATUM
    assert view.persoonlijk_plan_uiterlijk == dt.date(2026, 11, 9)


def test_clientondersteuning_is_recorded_on_the_melding_with_its_date(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.2 (lid 3): before the investigation the client is told about free cliëntondersteuning;
    whether and when is recorded, a date before the melding or in the future is refused at the field."""
    ctx, c = basis.ctx, basis["consulent"]
    mid = _melding(basis)
    oid = svc.start_onderzoek(ctx, c, mid, vandaag=VANDAAG)
    for dag, woord in ((MELDDATUM - dt.timedelta(days=3), "vóór de meldingsdatum"),
                       (VANDAAG + dt.timedelta(days=1), "toekomst")):
        with pytest.raises(ValidatieFout) as exc:
            svc.gehoord_bijwerken(ctx, c, oid, {"clientondersteuning_gewezen": True,
                                                "clientondersteuning_gewezen_op": dag}, vandaag=VANDAAG)
        assert woord in exc.value.fouten["clientondersteuning_gewezen_op"]
    assert _plan_en_steun(ctx, mid) == (None, None, None)

    svc.gehoord_bijwerken(ctx, c, oid, {"clientondersteuning_gewezen_op": dt.date(2026, 11, 3)}, vandaag=VANDAAG)
    assert _plan_en_steun(ctx, mid) == (None, True, dt.date(2026, 11, 3))  # a date means: told
    view = svc.haal_onderzoek(ctx, c, oid)
    assert view.clientondersteuning_gewezen is True and view.clientondersteuning_gewezen_op == dt.date(2026, 11, 3)
    samenvatting = svc.melding_samenvatting(ctx, c, mid, vandaag=VANDAAG)
    assert samenvatting.clientondersteuning_gewezen_op == dt.date(2026, 11, 3)
    svc.gehoord_bijwerken(ctx, c, oid, {"clientondersteuning_gewezen": False}, vandaag=VANDAAG)
    assert _plan_en_steun(ctx, mid) == (None, False, None)  # not told: no date of telling


def test_mijn_werk_and_the_dossier_show_the_last_day_for_the_persoonlijk_plan(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.2 lid 2: shown with the melding (dossier, melding screen) and in Mijn werk until a plan
    arrives."""
    ctx, c = basis.ctx, basis["consulent"]
    mid = _melding(basis)
    werk = {w.id: w for w in meldingen.mijn_werk(ctx, c) if w.soort == "melding"}
    assert werk[mid].persoonlijk_plan_uiterlijk == dt.date(2026, 11, 9)
    assert svc.melding_samenvatting(ctx, c, mid, vandaag=VANDAAG).persoonlijk_plan_uiterlijk == dt.date(2026, 11, 9)
    client_id = werk[mid].client_id
    rij = next(me for me in dossiers.open_dossier(ctx, c, client_id, vandaag=VANDAAG).meldingen if me.id == mid)
    assert rij.persoonlijk_plan_uiterlijk == dt.date(2026, 11, 9)

    oid = svc.start_onderzoek(ctx, c, mid, vandaag=VANDAAG)
    svc.gehoord_bijwerken(ctx, c, oid, {"persoonlijk_plan_ontvangen": dt.date(2026, 11, 6)}, vandaag=VANDAAG)
    werk2 = {w.id: w for w in meldingen.mijn_werk(ctx, c) if w.soort == "onderzoek"}
    assert werk2[oid].persoonlijk_plan_uiterlijk is None  # received: nothing left to wait for


# ---------------------------------------------------------------------------------------------------------------
# A request without a completed investigation (Wmo 2015 art. 2.3.5 lid 2)


def test_rule_request_without_investigation_only_after_the_investigation_term() -> None:
    """Wmo 2015 art. 2.3.5 lid 2: only for the Wmo, only without a completed investigation, and only once the
    six weeks of art. 2.3.2 lid 1 have passed: on their last day the term still runs."""
    assert not aanvraag.aanvraag_zonder_onderzoek_mogelijk("wmo", ONDERZOEK_EINDE, False, ONDERZOEK_EINDE)
    assert aanvraag.aanvraag_zonder_onderzoek_mogelijk("wmo", ONDERZOEK_EINDE, False,
                                                       ONDERZOEK_EINDE + dt.timedelta(days=1))
    assert not aanvraag.aanvraag_zonder_onderzoek_mogelijk("wmo", ONDERZOEK_EINDE, True, dt.date(2027, 1, 5))
    assert not aanvraag.aanvraag_zonder_onderzoek_mogelijk("jeugdwet", None, False, dt.date(2027, 1, 5))


def _aantal_aanvragen(ctx: AppContext) -> int:
    with transactie(ctx) as s:
        return int(s.scalar(select(func.count()).select_from(m.Aanvraag)) or 0)


def test_request_without_investigation_is_refused_while_the_term_runs_and_nothing_changes(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.5 lid 2: before the six weeks have passed the client cannot file the aanvraag this way;
    the refusal is at the date field and no request is made."""
    ctx, c = basis.ctx, basis["consulent"]
    mid = _melding(basis)
    for dag in (VANDAAG, ONDERZOEK_EINDE):
        with pytest.raises(ValidatieFout) as exc:
            aanvragen.registreer_aanvraag_zonder_onderzoek(ctx, c, mid, datum=dag, vandaag=ONDERZOEK_EINDE)
        assert "loopt nog tot en met" in exc.value.fouten["datum"] and "2.3.5 lid 2" in exc.value.fouten["datum"]
    with pytest.raises(ValidatieFout) as exc:
        aanvragen.registreer_aanvraag_zonder_onderzoek(ctx, c, mid, datum=dt.date(2026, 12, 20),
                                                       vandaag=dt.date(2026, 12, 16))
    assert "toekomst" in exc.value.fouten["datum"]
    with pytest.raises(ValidatieFout) as exc:
        aanvragen.registreer_aanvraag_zonder_onderzoek(ctx, c, mid, datum=None, vandaag=dt.date(2026, 12, 16))
    assert "datum" in exc.value.fouten
    assert _aantal_aanvragen(ctx) == 0
    assert svc.melding_samenvatting(ctx, c, mid, vandaag=ONDERZOEK_EINDE).aanvraag_mogelijk is False
    assert svc.melding_samenvatting(ctx, c, mid, vandaag=dt.date(2026, 12, 15)).aanvraag_mogelijk is True


def test_request_without_investigation_is_refused_for_jeugd(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.5 lid 2 is a Wmo right; the Jeugdwet has no investigation term."""
    ctx, c = basis.ctx, basis["consulent"]
    mid = _melding(basis, wet="jeugdwet", geboortedatum=dt.date(2014, 1, 1))
    with pytest.raises(RegelFout) as exc:
        aanvragen.registreer_aanvraag_zonder_onderzoek(ctx, c, mid, datum=dt.date(2027, 1, 5),
                                                       vandaag=dt.date(2027, 1, 5))
    assert "alleen bij de Wmo" in str(exc.value)
    assert _aantal_aanvragen(ctx) == 0


def test_request_without_investigation_starts_the_two_week_term_and_is_shown_as_such(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.5 lid 2 with lid 1: the aanvraag of Tuesday 15 December 2026 must be decided by Tuesday
    29 December 2026; Mijn werk, the dossier and Termijnen name it as a request without completed investigation, and
    the investigation term of the melding is no longer listed."""
    ctx, c = basis.ctx, basis["consulent"]
    mid = _melding(basis)
    dag = dt.date(2026, 12, 15)
    aid = aanvragen.registreer_aanvraag_zonder_onderzoek(ctx, c, mid, datum=dag, vandaag=dag)
    with transactie(ctx) as s:
        a = s.get(m.Aanvraag, aid)
        assert a is not None
        assert (a.melding_id, a.onderzoek_id, a.zonder_onderzoek, a.status, a.datum, a.beslistermijn_einde) == (
            mid, None, True, "open", dag, dt.date(2026, 12, 29))

    werk = meldingen.mijn_werk(ctx, c)
    regels = [w for w in werk if w.client_id == werk[0].client_id]
    assert [(w.soort, w.id, w.termijn_einde) for w in regels] == [("aanvraag", aid, dt.date(2026, 12, 29))]
    assert regels[0].zonder_onderzoek and regels[0].omschrijving == "Hulp in huis"

    termijn = termijnbewaking.mijn_termijnen(ctx, c, vandaag=dag)
    assert [(r.soort, r.object_id) for r in termijn] == [("beslissing", aid)]
    assert "zonder afgerond onderzoek (art. 2.3.5 lid 2 Wmo)" in termijn[0].soort_tekst
    assert termijn[0].grondslag.startswith("Wmo 2015 art. 2.3.5 lid 2")

    view = dossiers.open_dossier(ctx, c, regels[0].client_id, vandaag=dag)
    assert [(a.id, a.zonder_onderzoek) for a in view.aanvragen] == [(aid, True)]
    assert view.meldingen[0].aanvraag_zonder_onderzoek_id == aid and not view.meldingen[0].aanvraag_mogelijk
    with pytest.raises(RegelFout) as exc:  # twice: refused
        aanvragen.registreer_aanvraag_zonder_onderzoek(ctx, c, mid, datum=dag, vandaag=dag)
    assert "al een aanvraag" in str(exc.value)


def test_the_planners_see_the_decision_term_of_a_request_without_investigation_once(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.5 lid 2 with lid 1: once the client filed the request on 15 December 2026, the planners'
    load and drill-down show one case with the decision term (29 December), not the passed investigation term (14
    December, 'termijn overschreden') beside a second line for the same request."""
    from consulent_app.services import planning

    ctx, c = basis.ctx, basis["consulent"]
    mid = _melding(basis)
    dag = dt.date(2026, 12, 15)
    aanvragen.registreer_aanvraag_zonder_onderzoek(ctx, c, mid, datum=dag, vandaag=dag)
    zaken = planning.belasting_zaken(ctx, basis["planner"], c.gebruiker_id, vandaag=dag)
    assert [(z.soort, z.termijn_einde, z.risico) for z in zaken] == [("melding", dt.date(2026, 12, 29), False)]
    [rij] = [r for t in planning.belasting(ctx, basis["planner"], vandaag=dag) for r in t.consulenten
             if r.consulent_id == c.gebruiker_id]
    assert (sum(rij.aantallen.values()), rij.risico) == (1, 0)


def test_request_without_investigation_belongs_to_the_investigation_and_completing_it_makes_no_second(
        basis: Basis) -> None:
    """Wmo 2015 art. 2.3.5 lid 2: the request filed during the investigation is the request of that investigation;
    step 7 fills it and the client's reaction later keeps its date and its decision term."""
    ctx, c = basis.ctx, basis["consulent"]
    mid = _melding(basis)
    oid = svc.start_onderzoek(ctx, c, mid, vandaag=VANDAAG)
    ids = _vul_stappen_1_tot_6(basis, oid)
    concept_vz = svc.voeg_voorziening_toe(ctx, c, oid, _vz(basis, ids), vandaag=VANDAAG)  # makes a concept request
    dag = dt.date(2026, 12, 16)
    aid = aanvragen.registreer_aanvraag_zonder_onderzoek(ctx, c, mid, datum=dag, vandaag=dag)
    assert _aantal_aanvragen(ctx) == 1
    view = svc.haal_onderzoek(ctx, c, oid)
    assert view.aanvraag is not None and view.aanvraag.id == aid and view.aanvraag.zonder_onderzoek
    assert [vz.id for vz in view.voorzieningen] == [concept_vz]
    assert view.aanvraag.beslistermijn_einde == dt.date(2026, 12, 30)

    svc.bewaar_veld(ctx, c, oid, 7, "afweging", "Netto blijft 2 uur schoonmaak over.")
    _gehoord(basis, oid)
    svc.rond_onderzoek_af(ctx, c, oid, vandaag=dag)
    later = dt.date(2026, 12, 21)
    assert svc.registreer_reactie(ctx, c, oid, verslag_uitgereikt_op=later, aanvraag_datum=later, getekend=True,
                                  vandaag=later) == aid
    assert _aantal_aanvragen(ctx) == 1
    view = svc.haal_onderzoek(ctx, c, oid)
    assert view.aanvraag is not None
    assert (view.aanvraag.datum, view.aanvraag.beslistermijn_einde) == (dag, dt.date(2026, 12, 30))


def test_rule_a_request_without_investigation_may_be_decided_before_the_investigation_ends() -> None:
    """Wmo 2015 art. 2.3.5 lid 2 with lid 1: on a request filed after the six weeks the college decides within two
    weeks, investigation completed or not; every other decision waits for the completed investigation (art.
    2.3.2); the Jeugdwet has no such request."""
    assert aanvraag.besluit_zonder_afgerond_onderzoek("wmo", True)
    assert not aanvraag.besluit_zonder_afgerond_onderzoek("wmo", False)
    assert not aanvraag.besluit_zonder_afgerond_onderzoek("jeugdwet", True)


def test_a_request_without_investigation_is_decided_while_the_investigation_still_runs(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.5 lid 2: the decision on the request of 16 December 2026 is made although the
    investigation is not completed; the letter says so and why the college decides now, and neither encloses nor
    refers to a report that does not exist yet. An open investigation without such a request is still refused."""
    from consulent_app.services import beschikkingen as bs
    from consulent_app.services import documenten as ds
    from tests.test_documenten import pdf_tekst

    ctx, c = basis.ctx, basis["consulent"]
    mid = _melding(basis)
    oid = svc.start_onderzoek(ctx, c, mid, vandaag=VANDAAG)
    ids = _vul_stappen_1_tot_6(basis, oid)
    svc.voeg_voorziening_toe(ctx, c, oid, _vz(basis, ids), vandaag=VANDAAG)
    with transactie(ctx) as s:
        concept = s.scalars(select(m.Aanvraag).where(m.Aanvraag.onderzoek_id == oid)).one()
        oud = (concept.status, concept.datum)
        concept.status = "open"  # as if filed the normal way
    with pytest.raises(RegelFout) as exc:
        bs.maak_concept_beschikking(ctx, c, concept.id, vandaag=dt.date(2026, 12, 16))
    assert "nog niet afgerond" in str(exc.value)
    with transactie(ctx) as s:
        a = s.get(m.Aanvraag, concept.id)
        assert a is not None
        a.status, a.datum = oud
    dag = dt.date(2026, 12, 16)
    aid = aanvragen.registreer_aanvraag_zonder_onderzoek(ctx, c, mid, datum=dag, vandaag=dag)
    bid = bs.maak_concept_beschikking(ctx, c, aid, vandaag=dag)
    info = ds.maak_beschikking_document(ctx, c, bid, "pdf", vandaag=dag)
    tekst = pdf_tekst(ds.haal_document(ctx, c, info.id).inhoud).replace("\u00a0", " ")
    assert "Ons onderzoek naar uw situatie was toen nog niet afgerond" in tekst
    assert "artikel 2.3.5, tweede lid, van de Wmo 2015" in tekst
    assert "gespreksverslag" not in tekst and "Bijlage" not in tekst


def test_a_request_filed_before_the_investigation_started_is_taken_along_when_it_starts(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.5 lid 2: a request filed on a melding without investigation joins the investigation
    started afterwards (one investigation, one request)."""
    ctx, c = basis.ctx, basis["consulent"]
    mid = _melding(basis)
    dag = dt.date(2026, 12, 15)
    aid = aanvragen.registreer_aanvraag_zonder_onderzoek(ctx, c, mid, datum=dag, vandaag=dag)
    oid = svc.start_onderzoek(ctx, c, mid, vandaag=dag)
    view = svc.haal_onderzoek(ctx, c, oid)
    assert view.aanvraag is not None and view.aanvraag.id == aid and view.aanvraag.status == "open"
    assert _aantal_aanvragen(ctx) == 1


# ---------------------------------------------------------------------------------------------------------------
# Provider plans (plan van aanpak / gezinsplan): step 7, criterion 13, the lists


def test_rule_provider_plan_default_and_bad_dates() -> None:
    """Criterion 13 (Onderzoeksrapport 2020) and domain brief step 8: a product that needs a plan expects it by the
    start + the configured days; a date before the start is refused; "no plan" has no date; a refusal none."""
    start = dt.date(2026, 12, 1)
    kw = dict(wet="wmo", plan_nodig=True, toegekend=True, startdatum=start)
    assert aanbiederplan.bepaal_plan(verwacht=None, verwacht_op=None, **kw) == aanbiederplan.PlanKeuze(  # type: ignore[arg-type]
        True, dt.date(2027, 1, 12))
    assert aanbiederplan.bepaal_plan(verwacht=None, verwacht_op=None, dagen=10, **kw).verwacht_op == dt.date(  # type: ignore[arg-type]
        2026, 12, 11)
    assert aanbiederplan.bepaal_plan(verwacht=None, verwacht_op=None, **{**kw, "plan_nodig": False}) == \
        aanbiederplan.PlanKeuze(False, None)  # type: ignore[arg-type]
    assert aanbiederplan.bepaal_plan(verwacht=False, verwacht_op=None, **kw) == aanbiederplan.PlanKeuze(False, None)  # type: ignore[arg-type]
    assert aanbiederplan.bepaal_plan(verwacht=True, verwacht_op=start, **kw).verwacht_op == start  # type: ignore[arg-type]
    with pytest.raises(ValidatieFout) as exc:
        aanbiederplan.bepaal_plan(verwacht=True, verwacht_op=start - dt.timedelta(days=1), **kw)  # type: ignore[arg-type]
    assert "vóór de start" in exc.value.fouten["plan_verwacht_op"]
    with pytest.raises(ValidatieFout):
        aanbiederplan.bepaal_plan(verwacht=False, verwacht_op=start, **kw)  # type: ignore[arg-type]
    assert aanbiederplan.bepaal_plan(verwacht=True, verwacht_op=start, **{**kw, "toegekend": False}) == \
        aanbiederplan.PlanKeuze(False, None)  # type: ignore[arg-type]


def _stap7(basis: Basis) -> tuple[int, dict[str, int]]:
    ctx, c = basis.ctx, basis["consulent"]
    oid = svc.start_onderzoek(ctx, c, _melding(basis), vandaag=VANDAAG)
    return oid, _vul_stappen_1_tot_6(basis, oid)


def _begeleiding(basis: Basis, ids: dict[str, int], **kw: object):  # type: ignore[no-untyped-def]
    return _vz(basis, ids, productcategorie="02", product_id=basis.producten["BG"], behoefte_ids=(ids["b3"],),
               resultaat_ids=(ids["r2"],), **kw)


def test_step7_records_the_provider_plan_with_a_configurable_default(basis: Basis) -> None:
    """Criterion 13: begeleiding needs a plan van aanpak; without a date it is expected 42 days after the start
    ([termijnen] plan_termijn_dagen), a typed date is kept, a date before the start is refused and nothing is
    written."""
    ctx, c = basis.ctx, basis["consulent"]
    oid, ids = _stap7(basis)
    vid = svc.voeg_voorziening_toe(ctx, c, oid, _begeleiding(basis, ids), vandaag=VANDAAG)
    hh = svc.voeg_voorziening_toe(ctx, c, oid, _vz(basis, ids), vandaag=VANDAAG)  # household help: no plan
    view = {v.id: v for v in svc.haal_onderzoek(ctx, c, oid).voorzieningen}
    assert (view[vid].plan_verwacht, view[vid].plan_verwacht_op) == (True, dt.date(2027, 1, 12))
    assert (view[hh].plan_verwacht, view[hh].plan_verwacht_op) == (False, None)

    with pytest.raises(ValidatieFout) as exc:
        svc.wijzig_voorziening(ctx, c, vid, _begeleiding(basis, ids, plan_verwacht=True,
                                                         plan_verwacht_op=dt.date(2026, 11, 30)))
    assert "vóór de start" in exc.value.fouten["plan_verwacht_op"]
    assert svc.haal_onderzoek(ctx, c, oid).voorzieningen[0].plan_verwacht_op == dt.date(2027, 1, 12)
    svc.wijzig_voorziening(ctx, c, vid, _begeleiding(basis, ids, plan_verwacht=True,
                                                     plan_verwacht_op=dt.date(2026, 12, 20)))
    assert svc.haal_onderzoek(ctx, c, oid).voorzieningen[0].plan_verwacht_op == dt.date(2026, 12, 20)

    anders = AppContext(config=replace(ctx.config, termijnen=replace(ctx.config.termijnen, plan_termijn_dagen=28)),
                        engine=ctx.engine)
    svc.wijzig_voorziening(anders, c, vid, _begeleiding(basis, ids))
    assert svc.haal_onderzoek(ctx, c, oid).voorzieningen[0].plan_verwacht_op == dt.date(2026, 12, 29)


def test_default_configuration_documents_the_plan_term() -> None:
    """[termijnen] plan_termijn_dagen ships as 42 days with an explanation."""
    from consulent_app.config import default_file, load_defaults

    assert load_defaults().termijnen.plan_termijn_dagen == 42
    tekst = default_file().read_text(encoding="utf-8")
    assert "plan_termijn_dagen = 42" in tekst and "plan van aanpak" in tekst


def test_review_criterion_13_uses_the_date_of_step_7() -> None:
    """Criterion 13 (plan van aanpak / gezinsplan present): in order with the expected date of step 7; missing
    without one; to judge when step 7 says no plan is expected for a product that normally needs one."""
    def feit(**kw: object) -> tr.VoorzieningFeit:
        base = tr.VoorzieningFeit(naam="Begeleiding individueel", besluit="toegekend", startdatum=dt.date(2026, 12, 1),
                                  einddatum=None, po_datum=dt.date(2027, 12, 1), volume=2, motivering="x",  # type: ignore[arg-type]
                                  beoogd_resultaat="y", plan_nodig=True)
        return replace(base, **kw)  # type: ignore[arg-type]

    def c13(*vzs: tr.VoorzieningFeit) -> tr.AutoCheck:
        return next(a for a in tr.automatische_toets(tr.ZaakFeiten(wet=Wet.WMO, stappen={}, voorzieningen=vzs))
                    if a.criterium == 13)

    assert c13(feit()).bevinding is tr.Bevinding.ONTBREEKT
    ok = c13(feit(plan_verwacht=True, plan_verwacht_op=dt.date(2027, 1, 12)))
    assert ok.bevinding is tr.Bevinding.IN_ORDE and "12 januari 2027" in ok.toelichting
    geen = c13(feit(plan_verwacht=False))
    assert geen.bevinding is tr.Bevinding.BEOORDELEN and "Begeleiding individueel" in geen.toelichting
    assert c13(feit(plan_nodig=False)).bevinding is tr.Bevinding.NVT


def test_a_late_plan_of_step_7_is_listed_and_the_review_finds_the_date(basis: Basis) -> None:
    """Criterion 13 and the list "Plannen van aanbieders": the date entered in step 7 is what both use."""
    ctx, c = basis.ctx, basis["consulent"]
    zaak = maak_zaak(basis, voorzieningen=[VzSpec("BG", startdatum=dt.date(2026, 11, 1),
                                                  plan_verwacht_op=dt.date(2026, 12, 13))],
                     beschikking="verzonden", verzonden_op=dt.date(2026, 10, 30))
    with transactie(ctx) as s:
        vz = s.get(m.Voorziening, zaak.voorziening_ids[0])
        assert vz is not None
        vz.plan_verwacht = True
    te_laat = periodiek.openstaande_plannen(ctx, c, vandaag=dt.date(2026, 12, 20))
    assert [(p.voorziening_id, p.plan, p.dagen_te_laat) for p in te_laat] == [
        (zaak.voorziening_ids[0], "Plan van aanpak", 7)]
    regels = [r for r in termijnbewaking.mijn_termijnen(ctx, c, vandaag=dt.date(2026, 12, 20)) if r.soort == "plan"]
    assert [(r.object_id, r.status) for r in regels] == [(zaak.voorziening_ids[0], "overschreden")]
    # registreer_plan follows the same rule as step 7: never before the start
    with pytest.raises(ValidatieFout) as exc:
        periodiek.registreer_plan(ctx, c, zaak.voorziening_ids[0], plan_verwacht_op=dt.date(2026, 10, 31),
                                  vandaag=dt.date(2026, 12, 20))
    assert "vóór de start" in exc.value.fouten["plan_verwacht_op"]


def test_review_of_a_new_begeleiding_case_shows_the_plan_date_of_step_7(basis: Basis) -> None:
    """Criterion 13 in the review screen: a begeleiding entered in step 7 with the default plan date is in order
    (today the check demanded a date that no screen let the consultant enter)."""
    ctx = basis.ctx
    zaak = maak_zaak(basis, voorzieningen=[VzSpec("BG", plan_verwacht_op=dt.date(2026, 12, 18))])
    with transactie(ctx) as s:
        vz = s.get(m.Voorziening, zaak.voorziening_ids[0])
        assert vz is not None
        vz.plan_verwacht = True
    assert zaak.beschikking_id is not None
    dossier = toetsing_svc.toets_dossier(ctx, basis["toetser"], zaak.beschikking_id)
    c13 = next(r for r in dossier.criteria if r.nummer == 13)
    assert c13.bevinding == tr.Bevinding.IN_ORDE.value and "18 december 2026" in c13.bevinding_tekst


def test_the_report_says_whether_the_client_was_told_about_clientondersteuning(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.2: the gespreksverslag states whether (and when) the client was told about free
    cliëntondersteuning before the investigation (template key gegevens.clientondersteuning)."""
    from consulent_app.services import documenten as ds
    from tests.factories_documenten import maak_zaak as maak_document_zaak
    from tests.test_documenten import pdf_tekst

    zaak = maak_document_zaak(basis)
    pdf = ds.maak_verslag(basis.ctx, basis["consulent"], zaak.onderzoek_id, "pdf")
    tekst = pdf_tekst(ds.haal_document(basis.ctx, basis["consulent"], pdf.id).inhoud)
    assert "Gewezen op gratis cliëntondersteuning Niet vastgelegd" in tekst
    with transactie(basis.ctx) as s:
        o = s.get(m.Onderzoek, zaak.onderzoek_id)
        assert o is not None
        o.melding.clientondersteuning_gewezen = True
        o.melding.clientondersteuning_gewezen_op = o.melding.datum + dt.timedelta(days=1)
        dag = o.melding.clientondersteuning_gewezen_op
    pdf = ds.maak_verslag(basis.ctx, basis["consulent"], zaak.onderzoek_id, "pdf")
    tekst = pdf_tekst(ds.haal_document(basis.ctx, basis["consulent"], pdf.id).inhoud)
    from consulent_app.formatting import datum as datum_tekst

    assert f"Gewezen op gratis cliëntondersteuning Ja, op {datum_tekst(dag)}" in tekst


def test_reassigning_the_melding_moves_its_request_without_investigation_along(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.5 lid 2: the decision term of the request runs for whoever now handles the melding."""
    ctx = basis.ctx
    mid = _melding(basis)
    dag = dt.date(2026, 12, 15)
    aid = aanvragen.registreer_aanvraag_zonder_onderzoek(ctx, basis["consulent"], mid, datum=dag, vandaag=dag)
    meldingen.wijs_melding_toe(ctx, basis["planner"], mid, basis["consulent2"].gebruiker_id)
    assert [w.id for w in meldingen.mijn_werk(ctx, basis["consulent2"]) if w.soort == "aanvraag"] == [aid]
    assert [w for w in meldingen.mijn_werk(ctx, basis["consulent"]) if w.id == aid] == []
