"""The whole process across modules, through the real service functions only (no ORM shortcuts for the process).

A Wmo case with two provisions (hulp bij het huishouden in kind with a provider, begeleiding as a pgb) and a
Jeugd case walk from registering the client to the sent decision, then through periodic re-examination to a
change decision (herziening) and an ending decision (beëindiging). At each stage the test asserts what a user
would see: the home lists of each role, the dossier, the audit trail, the PDFs, the planning overviews.

Dates (deterministic, `vandaag=` everywhere): melding Thu 1 Oct 2026, home visit 8 Oct, request 2 Nov, approval
12 Nov, sent Fri 13 Nov 2026: the objection term of six weeks would end on Christmas Day, so the Algemene
termijnenwet moves it past Boxing Day (Saturday) and Sunday to Monday 28 December 2026.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from docx import Document as WordDocument
from pypdf import PdfReader
from sqlalchemy import select

from consulent_app.db import models as m
from consulent_app.domain import BeschikkingStatus
from consulent_app.services import beschikkingen as bsvc
from consulent_app.services import documenten as dsvc
from consulent_app.services import dossiers as dossvc
from consulent_app.services import meldingen as msvc
from consulent_app.services import onderzoek as osvc
from consulent_app.services import periodiek as posvc
from consulent_app.services import planning as plsvc
from consulent_app.services import sturing as stsvc
from consulent_app.services import termijnbewaking as tbsvc
from consulent_app.services import toetsing as tsvc
from consulent_app.services import verzending as vzsvc
from consulent_app.services.base import Actor, AppContext, transactie
from consulent_app.services.dossiers import ClientInvoer
from consulent_app.services.onderzoek import VoorzieningInvoer
from consulent_app.services.toetsing import ScoreInvoer
from tests.factories import Basis

MELDDATUM = dt.date(2026, 10, 1)
STARTDATUM = dt.date(2026, 10, 5)
GESPREK = dt.date(2026, 10, 8)
AANVRAAGDATUM = dt.date(2026, 11, 2)
GOEDKEURING = dt.date(2026, 11, 12)
VERZONDEN = dt.date(2026, 11, 13)
VZ_START = dt.date(2026, 12, 1)
PO_DATUM = dt.date(2027, 6, 1)
JEUGD_EINDE = dt.date(2027, 11, 30)

ALLES_VOLDOENDE = {nr: ScoreInvoer("voldoende") for nr in range(1, 14)}


def pdf_tekst(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in reader.pages))


def docx_tekst(data: bytes) -> str:
    doc = WordDocument(io.BytesIO(data))
    delen = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for rij in t.rows:
            delen.extend(c.text for c in rij.cells)
    return re.sub(r"\s+", " ", " ".join(delen))


def _audit(ctx: AppContext, client_id: int) -> set[tuple[str, str]]:
    """(actie, object_type) of every audit row about this client."""
    with transactie(ctx) as s:
        return {(a, o) for a, o in s.execute(
            select(m.AuditEvent.actie, m.AuditEvent.object_type).where(m.AuditEvent.client_id == client_id)).all()}


def _werk(ctx: AppContext, actor: Actor, client_id: int) -> list[tuple[str, str]]:
    return [(w.soort, w.status) for w in msvc.mijn_werk(ctx, actor) if w.client_id == client_id]


@dataclass
class Wmo:
    client_id: int
    melding_id: int
    onderzoek_id: int
    aanvraag_id: int
    hh_id: int  # ZIN, with provider
    bg_id: int  # pgb
    beschikking_id: int


def _wmo_onderzoek(basis: Basis) -> tuple[int, int, int, int, int]:
    """Client, melding (assigned by the planner), and a complete investigation; returns the ids."""
    ctx, c, planner = basis.ctx, basis["consulent"], basis["planner"]
    client_id = dossvc.registreer_client(ctx, planner, ClientInvoer(
        bsn="111222333", voornamen="Maria", tussenvoegsel="van", achternaam="Dijk",
        geboortedatum=dt.date(1948, 5, 2), straat="Boschstraat", huisnummer="12", postcode="6211 AX",
        woonplaats="Maastricht", team_id=basis.team_a), vandaag=STARTDATUM)
    melding_id = msvc.registreer_melding(ctx, planner, client_id=client_id, wet="wmo", datum=MELDDATUM,
                                         kanaal="cit", vraag="Redt het huishouden niet meer", vandaag=STARTDATUM)
    # The planner sees it unassigned in the team's work queue, with the Wmo investigation term.
    wacht = [w for w in msvc.werkvoorraad_team(ctx, planner) if w.client_id == client_id]
    assert [(w.soort, w.termijn_einde) for w in wacht] == [("melding", dt.date(2026, 11, 12))]  # art. 2.3.2 lid 1
    assert [w.id for w in plsvc.werkvoorraad(ctx, planner, vandaag=STARTDATUM) if w.client_id == client_id] \
        == [melding_id]
    assert _werk(ctx, c, client_id) == []
    msvc.wijs_melding_toe(ctx, planner, melding_id, c.gebruiker_id)
    assert not [w for w in msvc.werkvoorraad_team(ctx, planner) if w.client_id == client_id]
    assert _werk(ctx, c, client_id) == [("melding", "Toegewezen")]

    oid = osvc.start_onderzoek(ctx, c, melding_id, vandaag=STARTDATUM)
    assert _werk(ctx, c, client_id) == [("onderzoek", "In onderzoek")]
    for nr, velden in {
        1: {"client_woorden": "Ik wil mijn huis weer netjes hebben.",
            "vraag_achter_de_vraag": "Regie over het huishouden.", "persoonskenmerken": "Zelfstandig, slecht ter been."},
        5: {"eigen_mogelijkheden": "Lichte taken zelf.", "gebruikelijke_hulp": "Woont alleen.",
            "netwerk": "Zoon doet boodschappen."},
        6: {"algemene_voorzieningen": "Geen passende.", "andere_wetten": "Geen Wlz-indicatie."},
    }.items():
        for k, v in velden.items():
            osvc.bewaar_veld(ctx, c, oid, nr, k, v)
    osvc.voeg_probleem_toe(ctx, c, oid, leefgebied="huishouden", beschrijving="Kan niet stofzuigen.", ernst="matig")
    osvc.voeg_probleem_toe(ctx, c, oid, leefgebied="sociale_contacten", beschrijving="Komt de deur niet uit.",
                           ernst="matig")
    r1 = osvc.voeg_resultaat_toe(ctx, c, oid, omschrijving="Schoon en leefbaar huis.", leefgebied="huishouden")
    r2 = osvc.voeg_resultaat_toe(ctx, c, oid, omschrijving="Twee keer per week onder de mensen.")
    b1 = osvc.voeg_behoefte_toe(ctx, c, oid, omschrijving="Schoonmaken woning", volume="4", eenheid="04",
                                frequentie="2", leefgebied="huishouden")
    b2 = osvc.voeg_behoefte_toe(ctx, c, oid, omschrijving="Begeleiding dagstructuur", volume="2", eenheid="04",
                                frequentie="2")
    osvc.voeg_dekking_toe(ctx, c, b1, bron="client_zelf", volume="1", toelichting="Afwassen en opruimen")
    hh = osvc.voeg_voorziening_toe(ctx, c, oid, VoorzieningInvoer(
        productcategorie="01", product_id=basis.producten["HH"], volume="3", frequentie="2", startdatum=VZ_START,
        einddatum=None, po_datum=PO_DATUM, leveringsvorm="zin", aanbieder_id=basis.aanbieders[0],
        beoogd_resultaat="Mevrouw woont in een schoon huis.", motivering="Netto 3 uur per week, zie stap 4-6.",
        behoefte_ids=(b1,), resultaat_ids=(r1,)), vandaag=STARTDATUM)
    bg = osvc.voeg_voorziening_toe(ctx, c, oid, VoorzieningInvoer(
        productcategorie="02", product_id=basis.producten["BG"], volume="2", frequentie="2", startdatum=VZ_START,
        einddatum=None, po_datum=PO_DATUM, leveringsvorm="pgb", pgb_bedrag="6000", pgb_periode="jaar", aanbieder_id=None,
        beoogd_resultaat="Mevrouw komt twee keer per week onder de mensen.", motivering="Zie stap 4-6.",
        behoefte_ids=(b2,), resultaat_ids=(r2,)), vandaag=STARTDATUM)
    osvc.bewaar_veld(ctx, c, oid, 7, "afweging", "Netto blijven 3 uur schoonmaak en 2 uur begeleiding over.")
    osvc.gehoord_bijwerken(ctx, c, oid, {"gesprek_datum": GESPREK, "gesprek_plaats": "Bij cliënt thuis",
                                         "client_gehoord": True, "eerdere_hulp_evaluatie": "Geen eerdere hulp.",
                                         "derden_geraadpleegd": "Huisarts"}, vandaag=GESPREK)
    osvc.rond_onderzoek_af(ctx, c, oid, vandaag=GESPREK)
    return client_id, melding_id, oid, hh, bg


def _wmo_tot_verzonden(basis: Basis, tmp_path: Path, *, controleer: bool = True) -> Wmo:
    ctx, c, toetser, admin = basis.ctx, basis["consulent"], basis["toetser"], basis["administratie"]
    client_id, melding_id, oid, hh, bg = _wmo_onderzoek(basis)

    verslag = dsvc.maak_verslag(ctx, c, oid, "pdf")
    verslag_docx = dsvc.maak_verslag(ctx, c, oid, "docx")
    aid = osvc.registreer_reactie(ctx, c, oid, verslag_uitgereikt_op=GESPREK, aanvraag_datum=AANVRAAGDATUM,
                                  getekend=True, opmerkingen="Eens met het verslag.", vandaag=AANVRAAGDATUM)
    if controleer:
        tekst = pdf_tekst(dsvc.haal_document(ctx, c, verslag.id).inhoud)
        assert "Maria van Dijk" in tekst and "8 oktober 2026" in tekst and "3 uur per week" in tekst
        assert "Zorggroep Maasland" in tekst and "Schoonmaken woning" in tekst
        wtekst = docx_tekst(dsvc.haal_document(ctx, c, verslag_docx.id).inhoud)
        assert "Maria van Dijk" in wtekst and "3 uur per week" in wtekst
        # Wmo 2015 art. 2.3.5 lid 1: two weeks after Mon 2 Nov 2026.
        termijn = {t.soort: t.einde for t in tbsvc.mijn_termijnen(ctx, c, vandaag=AANVRAAGDATUM)
                   if t.client_id == client_id}
        assert termijn == {"beslissing": dt.date(2026, 11, 16)}
        # The consultant's home list still holds the request that needs a decision, with its decision term.
        werk = [w for w in msvc.mijn_werk(ctx, c) if w.client_id == client_id]
        assert [(w.soort, w.id, w.termijn_einde) for w in werk] == [("aanvraag", aid, dt.date(2026, 11, 16))]
        # ... and the planner's load overview counts it for her, as a new Wmo request.
        team = next(t for t in plsvc.belasting(ctx, basis["planner"], vandaag=AANVRAAGDATUM)
                    if t.team_id == basis.team_a)
        mijn = next(cb for cb in team.consulenten if cb.consulent_id == c.gebruiker_id)
        assert mijn.aantallen["nieuw"] == 1

    bid = bsvc.maak_concept_beschikking(ctx, c, aid, vandaag=AANVRAAGDATUM)
    concept = dsvc.maak_beschikking_document(ctx, c, bid, "pdf", vandaag=AANVRAAGDATUM)
    dsvc.maak_beschikking_document(ctx, c, bid, "docx", vandaag=AANVRAAGDATUM)
    kenmerk = bsvc.haal_beschikking(ctx, c, bid).kenmerk
    if controleer:
        tekst = pdf_tekst(dsvc.haal_document(ctx, c, concept.id).inhoud)
        assert "CONCEPT" in tekst and kenmerk in tekst and "3 uur per week" in tekst

    # Begeleiding needs the provider's plan van aanpak (criterion 13): the consultant records when it is due.
    posvc.registreer_plan(ctx, c, bg, plan_verwacht_op=dt.date(2027, 1, 15), vandaag=AANVRAAGDATUM)
    tsvc.dien_in_voor_toetsing(ctx, c, bid, vandaag=AANVRAAGDATUM)
    if controleer:
        assert [w.id for w in msvc.beschikkingen_met_status(ctx, toetser, BeschikkingStatus.TER_TOETSING)] \
            == [bid]
        dossier = tsvc.toets_dossier(ctx, toetser, bid)
        automatisch = {k.nummer: k.bevinding for k in dossier.criteria}
        assert {automatisch[n] for n in (2, 4, 5, 11, 13)} == {"in_orde"}, automatisch
        assert "ontbreekt" not in automatisch.values()
    tsvc.beoordeel(ctx, toetser, bid, uitkomst="teruggestuurd",
                   scores={**ALLES_VOLDOENDE, 10: ScoreInvoer("matig", "Motiveer de omvang.")},
                   opmerkingen="Licht de 3 uur per week toe in de motivering.")
    if controleer:
        terug = tsvc.mijn_teruggestuurde(ctx, c)
        assert [(t.beschikking_id, t.opmerkingen) for t in terug] == [
            (bid, "Licht de 3 uur per week toe in de motivering.")]
        assert [e.opmerkingen for e in tsvc.mijn_beschikkingen(ctx, c)] == [
            "Licht de 3 uur per week toe in de motivering."]
        assert not msvc.beschikkingen_met_status(ctx, toetser, BeschikkingStatus.TER_TOETSING)
    detail = bsvc.haal_beschikking(ctx, c, bid)
    regel_hh = next(r for r in detail.regels if r.voorziening_id == hh)
    bsvc.wijzig_regel(ctx, c, regel_hh.id, besluit="toegekend",
                      motivering="Mevrouw kan 1 van de 4 uur zelf; 3 uur per week blijft over.")
    tsvc.dien_in_voor_toetsing(ctx, c, bid, vandaag=AANVRAAGDATUM)
    tsvc.beoordeel(ctx, toetser, bid, uitkomst="goedgekeurd", scores=ALLES_VOLDOENDE, vandaag=GOEDKEURING)
    if controleer:
        assert not tsvc.mijn_teruggestuurde(ctx, c)
        assert [w.id for w in msvc.beschikkingen_met_status(ctx, admin, BeschikkingStatus.GOEDGEKEURD)] \
            == [bid]
        regels = vzsvc.verzendlijst(ctx, admin)
        assert [(r.beschikking_id, r.kenmerk, r.client_naam) for r in regels] == [(bid, kenmerk, "Maria van Dijk")]
    # The reviewer stores the final letter without the CONCEPT mark; the mail room dates it on the sending day.
    definitief = dsvc.maak_beschikking_document(ctx, toetser, bid, "pdf", vandaag=GOEDKEURING)
    res = vzsvc.maak_printbestand(ctx, admin, [bid], tmp_path / "post.pdf", parallel=False,
                                  verzenddatum=VERZONDEN, vandaag=GOEDKEURING)
    assert res.geproduceerd == (bid,) and not res.mislukt
    if controleer:
        brief = pdf_tekst(dsvc.haal_document(ctx, toetser, definitief.id).inhoud)
        post = pdf_tekst((tmp_path / "post.pdf").read_bytes())
        assert "Datum 12 november 2026" in brief
        assert "Datum 13 november 2026" in post and "bezwaar te maken is 28 december 2026" in post  # Awb 3:41
        for tekst in (brief, post):
            assert "CONCEPT" not in tekst
            assert kenmerk in tekst and "Maria van Dijk" in tekst and "3 uur per week" in tekst
            assert "1 december 2026" in tekst and "1 juni 2027" in tekst  # start and planned re-examination
            assert "Zorggroep Maasland" in tekst
        assert "Gespreksverslag" in post or "gespreksverslag" in post  # the report goes with the decision

    uit = vzsvc.markeer_verzonden(ctx, admin, [bid], VERZONDEN, "post", vandaag=VERZONDEN)
    assert uit[0].bezwaartermijn_einde == dt.date(2026, 12, 28)  # Awb 6:7/6:8 with Atw art. 1
    return Wmo(client_id, melding_id, oid, aid, hh, bg, bid)


def test_wmo_from_melding_to_sent_decision(basis: Basis, tmp_path: Path) -> None:
    ctx, c, admin, planner = basis.ctx, basis["consulent"], basis["administratie"], basis["planner"]
    w = _wmo_tot_verzonden(basis, tmp_path)

    # After sending: nothing left in the mail room; the provisions run and go to provider and SVB.
    assert not vzsvc.verzendlijst(ctx, admin)
    zin = vzsvc.toewijzingslijst(ctx, admin)
    assert [(r.voorziening_id, r.aanbieder, r.omvang, r.startdatum) for r in zin] == [
        (w.hh_id, "Zorggroep Maasland", "3 uur per week", VZ_START)]
    pgb = vzsvc.pgb_lijst(ctx, admin)
    assert [(r.voorziening_id, r.omvang) for r in pgb] == [(w.bg_id, "2 uur per week")]

    # The dossier shows it all; the consultant's home list is empty again.
    d = dossvc.open_dossier(ctx, c, w.client_id, vandaag=VERZONDEN)
    assert {(v.id, v.status) for v in d.voorzieningen} == {(w.hh_id, "actief"), (w.bg_id, "actief")}
    [b] = d.beschikkingen
    assert (b.status, b.datum, b.verzonden_op, b.bezwaartermijn_einde) == (
        "verzonden", GOEDKEURING, VERZONDEN, dt.date(2026, 12, 28))
    assert [a.status for a in d.aanvragen] == ["besloten"]
    assert [me.status for me in d.meldingen] == ["afgerond"]
    assert {dd.soort for dd in d.documenten} == {"verslag", "beschikking"}
    assert _werk(ctx, c, w.client_id) == []

    # The objection term is in the consultant's and the team's terms list.
    bezwaar = [t for t in tbsvc.mijn_termijnen(ctx, c, met_bezwaar=True, vandaag=VERZONDEN)
               if t.client_id == w.client_id]
    assert [(t.soort, t.einde) for t in bezwaar] == [("bezwaar", dt.date(2026, 12, 28))]
    assert [t.soort for t in tbsvc.termijnen_team(ctx, basis["teamleider"], met_bezwaar=True, vandaag=VERZONDEN)
            if t.client_id == w.client_id] == ["bezwaar"]

    # The plan van aanpak is late in January: the consultant sees it in her terms list and the plan list.
    laat = [t for t in tbsvc.mijn_termijnen(ctx, c, vandaag=dt.date(2027, 1, 20)) if t.client_id == w.client_id]
    assert [(t.soort, t.object_id) for t in laat] == [("plan", w.bg_id)]
    assert [p.voorziening_id for p in posvc.openstaande_plannen(ctx, c, vandaag=dt.date(2027, 1, 20))] == [w.bg_id]
    osvc.haal_onderzoek(ctx, c, w.onderzoek_id)
    assert ("lezen", "onderzoek") in _audit(ctx, w.client_id)

    # One planned PO per provision, in the PO overview of the coming months and the planners' look-ahead.
    juni = [r for r in plsvc.vooruitblik(ctx, planner, vandaag=dt.date(2027, 1, 1)).regels
            if r.maand == dt.date(2027, 6, 1) and r.team_id == basis.team_a]
    assert [r.po for r in juni] == [2]
    po = posvc.po_overzicht(ctx, planner, vandaag=dt.date(2027, 5, 1))
    assert sorted(r.voorziening_id for r in po.regels if r.soort == "po" and r.client_id == w.client_id) == sorted(
        [w.hh_id, w.bg_id])

    # Steering: one melding in, one decision in November, two active provisions (one ZIN, one pgb).
    stroom = {s.maand: s for s in stsvc.stroom(ctx, basis["teamleider"], vandaag=VERZONDEN)}
    assert stroom[dt.date(2026, 10, 1)].instroom == 1
    assert stroom[dt.date(2026, 11, 1)].besluiten == 1
    vorm = {r.sleutel: r.aantal for r in stsvc.voorzieningen(ctx, basis["teamleider"], "leveringsvorm")}
    assert vorm == {"zin": 1, "pgb": 1}
    duur = [r for r in stsvc.doorlooptijden(ctx, basis["teamleider"]) if r.wet == "wmo"]
    assert [r.besluiten for r in duur] == [1]

    # Every change and every read of the case is in the audit trail.
    log = _audit(ctx, w.client_id)
    for verwacht in [("aanmaken", "client"), ("aanmaken", "melding"), ("wijzigen", "melding"),
                     ("aanmaken", "onderzoek"), ("wijzigen", "onderzoek_stap"), ("aanmaken", "voorziening"),
                     ("wijzigen", "onderzoek"), ("aanmaken", "aanvraag"), ("aanmaken", "document"),
                     ("aanmaken", "beschikking"), ("wijzigen", "beschikking"), ("wijzigen", "beschikking_regel"),
                     ("lezen", "beschikking"), ("lezen", "document"), ("verzenden", "beschikking"),
                     ("afdrukken", "beschikking"), ("lezen", "dossier")]:
        assert verwacht in log, verwacht


# --------------------------------------------------------------------------------------------------------------
# Periodic re-examination: a change decision (herziening) and an ending decision (beëindiging)

PO_VANDAAG = dt.date(2027, 6, 1)  # a Tuesday
VOLGENDE_PO = dt.date(2028, 6, 1)


def _po_van(basis: Basis, voorziening_id: int) -> int:
    [po] = [r for r in posvc.po_overzicht(basis.ctx, basis["planner"], vandaag=dt.date(2027, 5, 1)).regels
            if r.soort == "po" and r.voorziening_id == voorziening_id]
    return po.id


def _zend(basis: Basis, tmp_path: Path, bid: int, *, goedkeuring: dt.date, verzonden: dt.date) -> str:
    """Review, final letter, print file and sending of a decision; returns the text of the posted PDF."""
    ctx, c, toetser, admin = basis.ctx, basis["consulent"], basis["toetser"], basis["administratie"]
    tsvc.dien_in_voor_toetsing(ctx, c, bid, vandaag=goedkeuring)
    tsvc.beoordeel(ctx, toetser, bid, uitkomst="goedgekeurd", scores=ALLES_VOLDOENDE, vandaag=goedkeuring)
    dsvc.maak_beschikking_document(ctx, toetser, bid, "pdf", vandaag=goedkeuring)
    pad = tmp_path / f"post-{bid}.pdf"
    res = vzsvc.maak_printbestand(ctx, admin, [bid], pad, parallel=False, verzenddatum=verzonden, vandaag=goedkeuring)
    assert res.geproduceerd == (bid,), res.mislukt
    vzsvc.markeer_verzonden(ctx, admin, [bid], verzonden, "post", vandaag=verzonden)
    return pdf_tekst(pad.read_bytes())


def _po_gewijzigd(basis: Basis, tmp_path: Path) -> tuple[Wmo, int, int]:
    """Sent Wmo case; the HH re-examination is assigned, completed as 'gewijzigd' and the herziening sent."""
    ctx, c, planner, admin = basis.ctx, basis["consulent"], basis["planner"], basis["administratie"]
    w = _wmo_tot_verzonden(basis, tmp_path, controleer=False)
    vzsvc.markeer_toegewezen(ctx, admin, [w.hh_id, w.bg_id], VZ_START, vandaag=VZ_START)
    assert not vzsvc.toewijzingslijst(ctx, admin) and not vzsvc.pgb_lijst(ctx, admin)
    po_hh = _po_van(basis, w.hh_id)
    # Three months ahead, the planner finds the re-examination in the team's work queue and assigns it.
    wacht = [x for x in plsvc.werkvoorraad(ctx, planner, vandaag=dt.date(2027, 4, 1)) if x.client_id == w.client_id]
    assert sorted((x.soort, x.datum) for x in wacht) == [("po", PO_DATUM), ("po", PO_DATUM)]
    plsvc.wijs_toe(ctx, planner, "po", po_hh, c.gebruiker_id)
    assert ("po", "Gepland") in _werk(ctx, c, w.client_id)
    team = next(t for t in plsvc.belasting(ctx, planner, vandaag=dt.date(2027, 4, 1)) if t.team_id == basis.team_a)
    assert next(x for x in team.consulenten if x.consulent_id == c.gebruiker_id).aantallen["po"] == 1
    af = posvc.rond_po_af(ctx, c, po_hh, uitkomst="gewijzigd", verslag="Mevrouw kan minder zelf; meer uren nodig.",
                          volgende_po_datum=VOLGENDE_PO, afgerond_op=PO_VANDAAG, vandaag=PO_VANDAAG)
    assert af.nieuwe_aanvraag_id is not None
    werk = [x for x in msvc.mijn_werk(ctx, c) if x.client_id == w.client_id]
    assert [(x.soort, x.id, x.omschrijving) for x in werk] == [
        ("aanvraag", af.nieuwe_aanvraag_id, "Aanvraag na periodiek onderzoek"),
        ("po", af.volgende_po_id, "Periodiek onderzoek")]  # the next one stays with her (continuity)
    bid = bsvc.maak_concept_beschikking(ctx, c, af.nieuwe_aanvraag_id, vandaag=PO_VANDAAG)
    detail = bsvc.haal_beschikking(ctx, c, bid)
    assert detail.type == "herziening" and {r.omvang for r in detail.regels} == {"3 uur per week", "2 uur per week"}
    # What changed: one hour more household help a week, from the day of the re-examination.
    nieuw_hh = next(r.voorziening_id for r in detail.regels if r.omvang == "3 uur per week")
    posvc.wijzig_voorziening_na_po(ctx, c, nieuw_hh, VoorzieningInvoer(
        productcategorie="01", product_id=basis.producten["HH"], volume="4", frequentie="2", startdatum=PO_VANDAAG,
        einddatum=None, po_datum=VOLGENDE_PO, leveringsvorm="zin", aanbieder_id=basis.aanbieders[0],
        beoogd_resultaat="Mevrouw woont in een schoon huis.", motivering="Mevrouw kan minder zelf: 4 uur per week."))
    assert "4 uur per week" in {r.omvang for r in bsvc.haal_beschikking(ctx, c, bid).regels}
    post = _zend(basis, tmp_path, bid, goedkeuring=dt.date(2027, 6, 2), verzonden=dt.date(2027, 6, 3))
    assert "Wijziging van uw ondersteuning" in post and "Maria van Dijk" in post and "CONCEPT" not in post
    assert "4 uur per week" in post and "Mevrouw kan minder zelf" in post
    assert "1 juni 2028" in post  # the next re-examination
    return w, af.nieuwe_aanvraag_id, bid


def test_po_changed_leads_to_a_sent_herziening(basis: Basis, tmp_path: Path) -> None:
    ctx, c, admin = basis.ctx, basis["consulent"], basis["administratie"]
    w, aid, bid = _po_gewijzigd(basis, tmp_path)
    d = dossvc.open_dossier(ctx, c, w.client_id, vandaag=dt.date(2027, 6, 3))
    assert [(b.type, b.status) for b in d.beschikkingen] == [("herziening", "verzonden"), ("aanvraag", "verzonden")]
    nieuw = {v.id for v in d.voorzieningen if v.aanvraag_id == aid}
    assert {v.status for v in d.voorzieningen if v.id in nieuw} == {"actief"}
    # The new in-kind provision goes to the provider again, the new pgb to the SVB.
    assert [r.voorziening_id in nieuw for r in vzsvc.toewijzingslijst(ctx, admin)] == [True]
    assert [r.voorziening_id in nieuw for r in vzsvc.pgb_lijst(ctx, admin)] == [True]
    assert ("aanvraag", "Aanvraag, besluit nodig") not in _werk(ctx, c, w.client_id)


def test_sent_herziening_ends_the_old_provisions_and_closes_their_po(basis: Basis, tmp_path: Path) -> None:
    ctx, c = basis.ctx, basis["consulent"]
    w, aid, _bid = _po_gewijzigd(basis, tmp_path)
    d = dossvc.open_dossier(ctx, c, w.client_id, vandaag=dt.date(2027, 6, 3))
    oud = {v.id: v for v in d.voorzieningen if v.aanvraag_id == w.aanvraag_id}
    nieuw = [v for v in d.voorzieningen if v.aanvraag_id == aid]
    eerste_dag = min(v.startdatum for v in nieuw)
    for v in oud.values():
        assert v.einddatum == eerste_dag - dt.timedelta(days=1)
    # One running provision per product, and one planned re-examination each: no double PO.
    assert sorted(v.product for v in d.voorzieningen if v.status == "actief" and (
        v.einddatum is None or v.einddatum >= dt.date(2027, 6, 3))) == sorted(v.product for v in nieuw)
    gepland = [r for r in posvc.po_overzicht(ctx, basis["planner"], maanden=24, vandaag=dt.date(2027, 6, 3)).regels
               if r.soort == "po" and r.client_id == w.client_id]
    assert sorted(r.voorziening_id for r in gepland) == sorted(v.id for v in nieuw)


def _po_beeindigd(basis: Basis, tmp_path: Path) -> tuple[Wmo, int]:
    ctx, c, planner = basis.ctx, basis["consulent"], basis["planner"]
    w = _wmo_tot_verzonden(basis, tmp_path, controleer=False)
    vzsvc.markeer_toegewezen(ctx, basis["administratie"], [w.hh_id, w.bg_id], VZ_START, vandaag=VZ_START)
    po_bg = _po_van(basis, w.bg_id)
    plsvc.wijs_toe(ctx, planner, "po", po_bg, c.gebruiker_id)
    einde = dt.date(2027, 7, 31)  # sent 3 June: no earlier than the day after plus 4 weeks (art. 2.3.10 Wmo)
    af = posvc.rond_po_af(ctx, c, po_bg, uitkomst="beeindigd", verslag="Mevrouw gaat naar de dagbesteding in de wijk.",
                          einddatum=einde, afgerond_op=PO_VANDAAG, vandaag=PO_VANDAAG)
    assert af.nieuwe_aanvraag_id is not None and af.volgende_po_id is None
    bid = bsvc.maak_concept_beschikking(ctx, c, af.nieuwe_aanvraag_id, vandaag=PO_VANDAAG)
    assert bsvc.haal_beschikking(ctx, c, bid).type == "beeindiging"
    post = _zend(basis, tmp_path, bid, goedkeuring=dt.date(2027, 6, 2), verzonden=dt.date(2027, 6, 3))
    assert "Einde van uw ondersteuning" in post and "31 juli 2027" in post and "CONCEPT" not in post
    return w, bid


def test_po_ended_leads_to_a_sent_ending_decision(basis: Basis, tmp_path: Path) -> None:
    ctx, c, admin = basis.ctx, basis["consulent"], basis["administratie"]
    w, bid = _po_beeindigd(basis, tmp_path)
    d = dossvc.open_dossier(ctx, c, w.client_id, vandaag=dt.date(2027, 6, 3))
    assert [(b.type, b.status) for b in d.beschikkingen] == [("beeindiging", "verzonden"), ("aanvraag", "verzonden")]
    bg = next(v for v in d.voorzieningen if v.id == w.bg_id)
    assert bg.einddatum == dt.date(2027, 7, 31)
    # Nothing new to assign; the running HH provision is untouched, its own PO still planned.
    assert not vzsvc.toewijzingslijst(ctx, admin) and not vzsvc.pgb_lijst(ctx, admin)
    assert next(v for v in d.voorzieningen if v.id == w.hh_id).status == "actief"
    po = posvc.po_overzicht(ctx, basis["planner"], vandaag=dt.date(2027, 6, 3))
    assert [(r.soort, r.voorziening_id) for r in po.regels if r.client_id == w.client_id and r.soort == "po"] == [
        ("po", w.hh_id)]
    assert ("einddatum", w.bg_id) in {(r.soort, r.voorziening_id) for r in po.regels}
    assert ("aanvraag", "Aanvraag, besluit nodig") not in _werk(ctx, c, w.client_id)


def test_sent_ending_decision_keeps_the_provision_ended(basis: Basis, tmp_path: Path) -> None:
    ctx, c = basis.ctx, basis["consulent"]
    w, _bid = _po_beeindigd(basis, tmp_path)
    d = dossvc.open_dossier(ctx, c, w.client_id, vandaag=dt.date(2027, 6, 3))
    assert next(v for v in d.voorzieningen if v.id == w.bg_id).status in ("actief", "beeindigd")


# --------------------------------------------------------------------------------------------------------------
# Jeugdwet


def test_jeugd_from_referral_to_sent_decision(basis: Basis, tmp_path: Path) -> None:
    ctx, c, planner, admin = basis.ctx, basis["consulent"], basis["planner"], basis["administratie"]
    tl = basis["teamleider"]
    client_id = dossvc.registreer_client(ctx, c, ClientInvoer(
        bsn="123456782", voornamen="Daan", achternaam="Peters", geboortedatum=dt.date(2014, 3, 9),
        straat="Tongersestraat", huisnummer="4", postcode="6211 LM", woonplaats="Maastricht",
        team_id=basis.team_a), vandaag=STARTDATUM)
    dossvc.voeg_relatie_toe(ctx, c, client_id, soort="ouder", naam="Els Peters", gezag=True, woont_in=True)
    melding_id = msvc.registreer_melding(ctx, planner, client_id=client_id, wet="jeugdwet", datum=MELDDATUM,
                                         kanaal="huisarts", verwijzer="Huisarts Brouwers",
                                         vraag="Driftbuien thuis en op school", vandaag=STARTDATUM)
    wacht = [w for w in msvc.werkvoorraad_team(ctx, planner) if w.client_id == client_id]
    assert [(w.soort, w.termijn_einde) for w in wacht] == [("melding", None)]  # the Jeugdwet has no such term
    msvc.wijs_melding_toe(ctx, planner, melding_id, c.gebruiker_id)
    oid = osvc.start_onderzoek(ctx, c, melding_id, vandaag=STARTDATUM)
    for nr, velden in {
        1: {"client_woorden": "Ik word zo boos.", "vraag_ouders": "Rust in huis.",
            "vraag_achter_de_vraag": "Omgaan met boosheid."},
        5: {"eigen_mogelijkheden": "Sport helpt.", "ouders": "Moeder oefent thuis.", "netwerk": "Opa haalt op."},
        6: {"vrij_toegankelijk": "CJG-spreekuur.", "andere_wetten": "Schoolmaatschappelijk werk."},
    }.items():
        for k, v in velden.items():
            osvc.bewaar_veld(ctx, c, oid, nr, k, v)
    osvc.voeg_probleem_toe(ctx, c, oid, leefgebied="opvoeding", beschrijving="Ouders vangen de buien niet op.",
                           ernst="ernstig")
    r1 = osvc.voeg_resultaat_toe(ctx, c, oid, omschrijving="Hooguit één driftbui per week.", leefgebied="opvoeding")
    b1 = osvc.voeg_behoefte_toe(ctx, c, oid, omschrijving="Behandeling agressieregulatie", volume="3",
                                eenheid="04", frequentie="2", leefgebied="opvoeding")
    vid = osvc.voeg_voorziening_toe(ctx, c, oid, VoorzieningInvoer(
        productcategorie="45", product_id=basis.producten["JA"], volume="3", frequentie="2", startdatum=VZ_START,
        einddatum=JEUGD_EINDE, po_datum=None, leveringsvorm="zin", aanbieder_id=basis.aanbieders[1],
        beoogd_resultaat="Daan heeft hooguit één driftbui per week.", motivering="Zie stap 4-6.",
        behoefte_ids=(b1,), resultaat_ids=(r1,)), vandaag=STARTDATUM)
    osvc.bewaar_veld(ctx, c, oid, 7, "afweging", "Ouders en netwerk kunnen dit niet zelf.")
    osvc.gehoord_bijwerken(ctx, c, oid, {"gesprek_datum": GESPREK, "gesprek_plaats": "Thuis",
                                         "jeugdige_gehoord": True, "vertegenwoordiger_gehoord": True,
                                         "gezinsplan_verwacht": True, "eerdere_hulp_evaluatie": "Geen."},
                           vandaag=GESPREK)
    osvc.rond_onderzoek_af(ctx, c, oid, vandaag=GESPREK)
    verslag = pdf_tekst(dsvc.haal_document(ctx, c, dsvc.maak_verslag(ctx, c, oid, "pdf").id).inhoud)
    assert "Daan Peters" in verslag and "3 uur per week" in verslag and "8 oktober 2026" in verslag
    aid = osvc.registreer_reactie(ctx, c, oid, verslag_uitgereikt_op=GESPREK, aanvraag_datum=AANVRAAGDATUM,
                                  getekend=True, vandaag=AANVRAAGDATUM)
    # Awb 4:13: eight weeks after Mon 2 Nov 2026 is Mon 28 Dec 2026.
    werk = [w for w in msvc.mijn_werk(ctx, c) if w.client_id == client_id]
    assert [(w.soort, w.wet, w.termijn_einde) for w in werk] == [("aanvraag", "jeugdwet", dt.date(2026, 12, 28))]
    team = next(t for t in plsvc.belasting(ctx, planner, vandaag=AANVRAAGDATUM) if t.team_id == basis.team_a)
    assert next(x for x in team.consulenten if x.consulent_id == c.gebruiker_id).aantallen["jeugd"] == 1
    # Awb 4:15: a week's suspension while the school's information is awaited moves the term everywhere alike.
    tbsvc.schort_op(ctx, c, aanvraag_id=aid, soort="instemming", start=dt.date(2026, 11, 3), eind=dt.date(2026, 11, 9),
                    reden="Wacht op informatie van school", vandaag=dt.date(2026, 11, 10))
    termijn = {t.soort: t.einde for t in tbsvc.mijn_termijnen(ctx, c, vandaag=dt.date(2026, 11, 10))
               if t.client_id == client_id}["beslissing"]
    assert termijn > dt.date(2026, 12, 28)
    assert [w.termijn_einde for w in msvc.mijn_werk(ctx, c) if w.client_id == client_id] == [termijn]
    assert [w.termijn_einde for w in plsvc.belasting_zaken(ctx, planner, c.gebruiker_id, vandaag=dt.date(2026, 11, 10))
            if w.client_id == client_id] == [termijn]

    bid = bsvc.maak_concept_beschikking(ctx, c, aid, vandaag=AANVRAAGDATUM)
    woord = docx_tekst(dsvc.haal_document(ctx, c, dsvc.maak_beschikking_document(
        ctx, c, bid, "docx", vandaag=AANVRAAGDATUM).id).inhoud)
    assert "Daan Peters" in woord and "CONCEPT" in woord
    post = _zend(basis, tmp_path, bid, goedkeuring=GOEDKEURING, verzonden=VERZONDEN)
    kenmerk = bsvc.haal_beschikking(ctx, c, bid).kenmerk
    afschrift = pdf_tekst(vzsvc.afschrift(ctx, admin, bid, vandaag=VERZONDEN))
    assert "AFSCHRIFT" in afschrift and kenmerk in afschrift and "CONCEPT" not in afschrift
    assert "Aan Els Peters, ouder met gezag van" in post and "Geachte Els Peters," in post  # Daan is 12
    assert "Daan Peters" in post and kenmerk in post
    assert "3 uur per week" in post and "30 november 2027" in post and "Datum 13 november 2026" in post
    assert "Datum 13 november 2026" in afschrift  # the copy keeps the original's date
    assert "Thuiszorg Mosa" in post and "CONCEPT" not in post

    assert [(r.voorziening_id, r.aanbieder) for r in vzsvc.toewijzingslijst(ctx, admin)] == [(vid, "Thuiszorg Mosa")]
    d = dossvc.open_dossier(ctx, c, client_id, vandaag=VERZONDEN)
    assert [(v.id, v.status, v.einddatum) for v in d.voorzieningen] == [(vid, "actief", JEUGD_EINDE)]
    assert [(b.status, b.bezwaartermijn_einde) for b in d.beschikkingen] == [("verzonden", dt.date(2026, 12, 28))]
    # No re-examination for a Jeugd provision with an end date; the end date shows in the PO overview.
    po = posvc.po_overzicht(ctx, planner, vandaag=dt.date(2027, 10, 1))
    assert [(r.soort, r.voorziening_id) for r in po.regels if r.client_id == client_id] == [("einddatum", vid)]
    # Steering: Jeugd by referrer counts the GP's referral and the running provision.
    huisarts = next(r for r in stsvc.jeugd_verwijzers(ctx, tl) if r.kanaal == "huisarts")
    assert (huisarts.meldingen, huisarts.voorzieningen) == (1, 1)
    # The provider's family plan is expected: it shows in the consultant's terms list once it is late.
    assert ("lezen", "dossier") in _audit(ctx, client_id)
