"""Focused tests for the seams between modules that the end-to-end walk (tests/test_e2e_proces.py) found."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from consulent_app.db import models as m
from consulent_app.errors import GeenToegang, RegelFout, ValidatieFout
from consulent_app.services import documenten as dsvc
from consulent_app.services import meldingen as msvc
from consulent_app.services import periodiek as posvc
from consulent_app.services import sturing as stsvc
from consulent_app.services import toetsing as tsvc
from consulent_app.services import verzending as vzsvc
from consulent_app.services.base import transactie
from consulent_app.services.toetsing import ScoreInvoer
from tests.factories import Basis
from tests.factories_zaak import maak_zaak

ALLES_VOLDOENDE = {nr: ScoreInvoer("voldoende") for nr in range(1, 14)}


def test_request_of_a_completed_investigation_stays_in_mijn_werk(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.5 lid 1: the decision term runs after the investigation (and its melding) closed."""
    zaak = maak_zaak(basis, beschikking=None)
    with transactie(basis.ctx) as s:
        me = s.get(m.Melding, zaak.melding_id)
        assert me is not None
        me.status = "afgerond"  # what onderzoek.rond_onderzoek_af does
        termijn = s.get(m.Aanvraag, zaak.aanvraag_id).beslistermijn_einde  # type: ignore[union-attr]
    werk = [(w.soort, w.id, w.termijn_einde, w.status) for w in msvc.mijn_werk(basis.ctx, basis["consulent"])]
    assert werk == [("aanvraag", zaak.aanvraag_id, termijn, "Aanvraag, besluit nodig")]
    assert not msvc.mijn_werk(basis.ctx, basis["consulent2"])


def test_open_melding_with_request_is_listed_once(basis: Basis) -> None:
    zaak = maak_zaak(basis, beschikking=None)  # melding still in onderzoek
    werk = [(w.soort, w.id) for w in msvc.mijn_werk(basis.ctx, basis["consulent"])]
    assert werk == [("aanvraag", zaak.aanvraag_id)]


def test_approval_dates_the_decision_for_dossier_and_steering(basis: Basis) -> None:
    """The decision is taken on approval: the dossier's date and the month's 'besluiten' count it then. It is given
    when sent (Awb 3:41, 4:13): throughput and 'on time' count it once sent, to the sending date."""
    ctx, c = basis.ctx, basis["consulent"]
    zaak = maak_zaak(basis)
    assert zaak.beschikking_id is not None
    tsvc.dien_in_voor_toetsing(ctx, c, zaak.beschikking_id)
    tsvc.beoordeel(ctx, basis["toetser"], zaak.beschikking_id, uitkomst="goedgekeurd", scores=ALLES_VOLDOENDE,
                   vandaag=dt.date(2026, 11, 12))
    with transactie(ctx) as s:
        b = s.get(m.Beschikking, zaak.beschikking_id)
        assert b is not None and b.datum == dt.date(2026, 11, 12) and b.goedgekeurd_op is not None
        assert b.goedgekeurd_op.date() == dt.date(2026, 11, 12)
    stroom = {r.maand: r.besluiten for r in stsvc.stroom(ctx, basis["teamleider"], vandaag=dt.date(2026, 11, 25))}
    assert stroom[dt.date(2026, 11, 1)] == 1
    assert [r.besluiten for r in stsvc.doorlooptijden(ctx, basis["teamleider"]) if r.wet == "wmo"] == [0]
    dag = dt.date(2026, 11, 13)
    vzsvc.registreer_productie(ctx, basis["administratie"], [zaak.beschikking_id], hoe="printer", verzenddatum=dag,
                               vandaag=dag)
    vzsvc.markeer_verzonden(ctx, basis["administratie"], [zaak.beschikking_id], dag, "post", vandaag=dag)
    [wmo] = [r for r in stsvc.doorlooptijden(ctx, basis["teamleider"]) if r.wet == "wmo"]
    assert wmo.besluiten == 1 and wmo.gem_dagen_aanvraag == (dag - dt.date(2026, 10, 22)).days  # 22 days


def test_sluit_vervangen_af_ends_what_a_herziening_replaces(basis: Basis, tmp_path: Path) -> None:
    """Domain brief section 7: a changed PO leads to a new decision; the old provision and its PO end with it.

    verzending.markeer_verzonden calls it in the sending transaction; calling it again changes nothing."""
    from tests.test_e2e_proces import _po_gewijzigd

    ctx = basis.ctx
    w, aid, bid = _po_gewijzigd(basis, tmp_path)  # ... sent on 3 June 2027
    with transactie(ctx) as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        assert posvc.sluit_vervangen_af(s, b, verzonden_op=dt.date(2027, 6, 3)) == ()
        vervallen = s.scalars(select(m.PeriodiekOnderzoek).where(
            m.PeriodiekOnderzoek.voorziening_id.in_([w.hh_id, w.bg_id]),
            m.PeriodiekOnderzoek.afgerond_op == dt.date(2027, 6, 3))).all()
        assert {(p.status, p.einddatum) for p in vervallen} == {("afgerond", dt.date(2027, 5, 31))}
    with transactie(ctx) as s:
        oud = {v.id: v for v in s.scalars(select(m.Voorziening).where(m.Voorziening.aanvraag_id == w.aanvraag_id))}
        nieuw = list(s.scalars(select(m.Voorziening).where(m.Voorziening.aanvraag_id == aid)))
        assert {(v.einddatum, v.beeindigd_op, v.status, v.po_datum) for v in oud.values()} == {
            (dt.date(2027, 5, 31), dt.date(2027, 5, 31), "beeindigd", None)}
        assert {v.status for v in nieuw} == {"actief"}
        gepland = s.scalars(select(m.PeriodiekOnderzoek.voorziening_id).where(
            m.PeriodiekOnderzoek.client_id == w.client_id, m.PeriodiekOnderzoek.status == "gepland")).all()
        assert sorted(gepland) == sorted(v.id for v in nieuw)
    # Ended provisions leave the active counts (steering) and enter the outflow of May 2027.
    stroom = {r.maand: r.uitstroom for r in stsvc.stroom(ctx, basis["teamleider"], vandaag=dt.date(2027, 6, 3))}
    assert stroom[dt.date(2027, 5, 1)] == 2
    assert sum(r.aantal for r in stsvc.voorzieningen(ctx, basis["teamleider"], "leveringsvorm")) == 2


def test_sluit_vervangen_af_keeps_an_ending_decision_ended(basis: Basis, tmp_path: Path) -> None:
    from tests.test_e2e_proces import _po_beeindigd

    w, bid = _po_beeindigd(basis, tmp_path)  # ... sent on 3 June 2027, the provision's last day is 31 July
    with transactie(basis.ctx) as s:
        bg = s.get(m.Voorziening, w.bg_id)
        assert bg is not None and (bg.status, bg.einddatum) == ("actief", dt.date(2027, 7, 31))
        hh = s.get(m.Voorziening, w.hh_id)
        assert hh is not None and hh.status == "actief" and hh.einddatum is None


def test_a_letter_stored_during_review_never_reaches_the_post_with_concept(basis: Basis, tmp_path: Path) -> None:
    """Only the approved letter goes out: a version the consultant stored while the reviewer was judging it
    carries the CONCEPT mark and must never be printed for the client."""
    from tests.test_e2e_proces import pdf_tekst

    ctx, c, admin = basis.ctx, basis["consulent"], basis["administratie"]
    zaak = maak_zaak(basis)
    assert zaak.beschikking_id is not None
    tsvc.dien_in_voor_toetsing(ctx, c, zaak.beschikking_id)
    with pytest.raises(RegelFout, match="toetser"):
        dsvc.maak_beschikking_document(ctx, c, zaak.beschikking_id, "pdf")
    tsvc.beoordeel(ctx, basis["toetser"], zaak.beschikking_id, uitkomst="goedgekeurd", scores=ALLES_VOLDOENDE)
    res = vzsvc.maak_printbestand(ctx, admin, [zaak.beschikking_id], tmp_path / "post.pdf", parallel=False)
    assert res.geproduceerd == (zaak.beschikking_id,)
    assert "CONCEPT" not in pdf_tekst((tmp_path / "post.pdf").read_bytes())
    # After approval the consultant may store the letter again: it is the final one, without the mark.
    info = dsvc.maak_beschikking_document(ctx, c, zaak.beschikking_id, "pdf")
    assert "CONCEPT" not in pdf_tekst(dsvc.haal_document(ctx, c, info.id).inhoud)
    assert all(b.beschikking_mogelijk for b in dsvc.documentbronnen(ctx, c, zaak.client_id))


def test_no_new_version_offered_while_the_reviewer_has_it(basis: Basis) -> None:
    ctx, c = basis.ctx, basis["consulent"]
    zaak = maak_zaak(basis)
    assert zaak.beschikking_id is not None
    tsvc.dien_in_voor_toetsing(ctx, c, zaak.beschikking_id)
    [bron] = dsvc.documentbronnen(ctx, c, zaak.client_id)
    assert bron.beschikking_status == "ter_toetsing" and not bron.beschikking_mogelijk


def test_provision_of_a_change_request_can_be_adjusted_until_review(basis: Basis, tmp_path: Path) -> None:
    """Domain brief section 7: 'gewijzigd' starts a new decision; what changes must be recordable before it."""
    from consulent_app.services import beschikkingen as bsvc
    from consulent_app.services.onderzoek import VoorzieningInvoer
    from tests.test_e2e_proces import PO_VANDAAG, VOLGENDE_PO, _po_van, _wmo_tot_verzonden

    ctx, c = basis.ctx, basis["consulent"]
    w = _wmo_tot_verzonden(basis, tmp_path, controleer=False)
    po = _po_van(basis, w.hh_id)
    posvc.wijs_po_toe(ctx, basis["planner"], po, c.gebruiker_id)
    af = posvc.rond_po_af(ctx, c, po, uitkomst="gewijzigd", verslag="Meer hulp nodig.", volgende_po_datum=VOLGENDE_PO,
                          afgerond_op=PO_VANDAAG, vandaag=PO_VANDAAG)
    assert af.nieuwe_aanvraag_id is not None
    with transactie(ctx) as s:
        kopie = s.scalars(select(m.Voorziening.id).where(m.Voorziening.aanvraag_id == af.nieuwe_aanvraag_id,
                                                         m.Voorziening.product_id == basis.producten["HH"])).one()
    invoer = VoorzieningInvoer(
        productcategorie="01", product_id=basis.producten["HH"], volume="0", frequentie="2", startdatum=PO_VANDAAG,
        einddatum=None, po_datum=None, leveringsvorm="zin", aanbieder_id=basis.aanbieders[0],
        beoogd_resultaat="Schoon huis.", motivering="Meer uren.")
    with pytest.raises(ValidatieFout) as fout:
        posvc.wijzig_voorziening_na_po(ctx, c, kopie, invoer)
    assert {"volume", "einddatum"} <= set(fout.value.fouten)
    goed = replace(invoer, volume="4,5", po_datum=VOLGENDE_PO)
    posvc.wijzig_voorziening_na_po(ctx, c, kopie, goed)
    with pytest.raises(RegelFout, match="stap 7"):  # a provision of an investigation is changed in step 7
        posvc.wijzig_voorziening_na_po(ctx, c, w.hh_id, goed)
    bid = bsvc.maak_concept_beschikking(ctx, c, af.nieuwe_aanvraag_id, vandaag=PO_VANDAAG)
    assert "4,5 uur per week" in {r.omvang for r in bsvc.haal_beschikking(ctx, c, bid).regels}
    tsvc.dien_in_voor_toetsing(ctx, c, bid)
    with pytest.raises(RegelFout, match="toetser"):
        posvc.wijzig_voorziening_na_po(ctx, c, kopie, replace(goed, volume="5"))
    with pytest.raises(GeenToegang):
        posvc.wijzig_voorziening_na_po(ctx, basis["consulent_b"], kopie, goed)


def test_case_waiting_for_the_clients_reaction_stays_in_home_list_and_load(basis: Basis) -> None:
    """Between completing the investigation and the client's reaction the case is still the consultant's work."""
    from consulent_app.services import planning as plsvc
    from tests.test_e2e_proces import _wmo_onderzoek

    ctx, c = basis.ctx, basis["consulent"]
    client_id, *_ = _wmo_onderzoek(basis)
    werk = [(w.soort, w.status) for w in msvc.mijn_werk(ctx, c) if w.client_id == client_id]
    assert werk == [("aanvraag", "Verslag bij cliënt, reactie vastleggen")]
    team = next(t for t in plsvc.belasting(ctx, basis["planner"], vandaag=dt.date(2026, 10, 9))
                if t.team_id == basis.team_a)
    assert next(x for x in team.consulenten if x.consulent_id == c.gebruiker_id).aantallen["nieuw"] == 1
    zaken = plsvc.belasting_zaken(ctx, basis["planner"], c.gebruiker_id, vandaag=dt.date(2026, 10, 9))
    assert [z.soort for z in zaken] == ["aanvraag"]
