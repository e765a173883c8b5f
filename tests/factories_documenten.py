"""A complete case (investigation, request, provisions) written straight to the database, for document tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from consulent_app.db import models as m
from tests.factories import Basis

VELDEN = {
    "wmo": {
        1: {"client_woorden": "Ik wil mijn huis weer netjes hebben, ik schaam me als er visite komt.",
            "vraag_achter_de_vraag": "Mevrouw wil de regie over haar huishouden houden."},
        2: {"samenhang": "Door artrose in beide knieën kan mevrouw niet meer zwaar schoonmaken."},
        3: {"toelichting": "Een schoon en leefbaar huis; zelf boodschappen blijven doen."},
        4: {"toelichting": "Schoonmaken woonkamer, keuken en sanitair; hulp bij de administratie."},
        5: {"eigen_mogelijkheden": "Mevrouw doet de afwas en lichte taken zelf.",
            "netwerk": "Dochter stofzuigt één keer per week."},
        6: {"algemene_voorzieningen": "Vrijwillige thuisadministratie van de Zonnebloem."},
        7: {"afweging": "Na aftrek van wat dochter doet blijft 2 uur per week over."},
    },
    "jeugdwet": {
        1: {"client_woorden": "Ik wil weer naar school kunnen zonder ruzie thuis.",
            "vraag_ouders": "Wij willen handvatten voor de woedeaanvallen."},
        2: {"samenhang": "Sem (12) heeft ADHD; thuis en op school lopen conflicten op."},
        3: {"toelichting": "Minder conflicten thuis; Sem gaat elke dag naar school."},
        4: {"toelichting": "Ambulante jeugdhulp voor kind en ouders."},
        5: {"ouders": "Ouders volgen de oudercursus.", "netwerk": "Oma vangt Sem twee middagen op."},
        6: {"vrij_toegankelijk": "Schoolmaatschappelijk werk is al betrokken."},
        7: {"afweging": "Individuele ambulante hulp is nodig naast de oudercursus."},
    },
}


@dataclass
class Zaak:
    client_id: int
    onderzoek_id: int
    aanvraag_id: int
    voorziening_ids: list[int]


def maak_zaak(basis: Basis, *, wet: str = "wmo", besluiten: tuple[str, ...] = ("toegekend",),
              afgerond: bool = True, po: bool = True, einddatum: bool = False, pgb: bool = False,
              achternaam: str = "Janssen", aanleiding_po: bool = False, po_uitkomst: str = "gewijzigd",
              zonder_onderzoek: bool = False) -> Zaak:
    cid = basis.client(achternaam, geboortedatum=dt.date(2014, 5, 1) if wet == "jeugdwet" else None)
    consulent = basis["consulent"]
    with basis.ctx.session_factory.begin() as s:
        c = s.get(m.Client, cid)
        assert c is not None
        c.geslacht = "V" if wet == "wmo" else "M"
        if wet == "jeugdwet":
            c.voornamen = "Sem"
            s.add(m.Relatie(client_id=cid, soort="ouder", naam="Anja Janssen", gezag=True, woont_in=True))
        else:
            s.add(m.Relatie(client_id=cid, soort="vertegenwoordiger", naam="Jo Janssen (zoon)"))
        me = m.Melding(client_id=cid, team_id=basis.team_a, wet=wet, datum=dt.date(2026, 10, 1), kanaal="cit",
                       vraag="Hulp gevraagd", consulent_id=consulent.gebruiker_id,
                       status="afgerond" if afgerond else "in_onderzoek")
        s.add(me)
        s.flush()
        o = m.Onderzoek(melding_id=me.id, client_id=cid, wet=wet, consulent_id=consulent.gebruiker_id,
                        status="afgerond" if afgerond else "open", startdatum=dt.date(2026, 10, 5),
                        gesprek_datum=dt.date(2026, 10, 12), gesprek_plaats="Bij cliënt thuis", client_gehoord=True,
                        vertegenwoordiger_gehoord=True, jeugdige_gehoord=True if wet == "jeugdwet" else None,
                        derden_geraadpleegd="Huisarts dr. Bemelmans (telefonisch)",
                        eerdere_hulp_evaluatie="Eerder één jaar huishoudelijke hulp via de thuiszorg; dat hielp goed.",
                        huidige_stap=7,
                        afgerond_op=dt.datetime(2026, 10, 20, 15, 0) if afgerond else None)
        s.add(o)
        s.flush()
        for nr in range(1, 8):
            s.add(m.OnderzoekStap(onderzoek_id=o.id, nummer=nr, status="compleet" if afgerond else "bezig",
                                  velden=dict(VELDEN[wet][nr])))
        leef = "huishouden" if wet == "wmo" else "opvoeding"
        s.add(m.LeefgebiedProbleem(onderzoek_id=o.id, leefgebied=leef, beschrijving="Kan niet zwaar schoonmaken",
                                   ernst="matig"))
        res = m.GewenstResultaat(onderzoek_id=o.id, omschrijving="Een schoon en leefbaar huis", leefgebied=leef)
        s.add(res)
        behoeften = []
        for i, (oms, vol) in enumerate((("Schoonmaken woonkamer, keuken en sanitair", "3"),
                                        ("Hulp bij de administratie", "1"))):
            b = m.Behoefte(onderzoek_id=o.id, omschrijving=oms, leefgebied=leef, volume=Decimal(vol), eenheid="04",
                           frequentie="2", volgorde=i)
            s.add(b)
            behoeften.append(b)
        s.flush()
        s.add(m.Dekking(behoefte_id=behoeften[0].id, bron="netwerk_nu", volume=Decimal("1"),
                        toelichting="dochter stofzuigt"))
        s.add(m.Dekking(behoefte_id=behoeften[1].id, bron="algemene_voorziening", volume=Decimal("1"),
                        toelichting="thuisadministratie"))
        po_id = None
        if aanleiding_po:
            oud = _oude_voorziening(s, basis, cid, wet)
            # As rond_po_af does: an ending PO proposes the last day; the provision runs on until the decision is sent.
            p = m.PeriodiekOnderzoek(voorziening_id=oud.id, client_id=cid, team_id=basis.team_a,
                                     geplande_datum=dt.date(2026, 10, 1), status="afgerond", uitkomst=po_uitkomst,
                                     einddatum=dt.date(2026, 12, 31) if po_uitkomst == "beeindigd" else None,
                                     afgerond_op=dt.date(2026, 10, 12),
                                     verslag="Mevrouw verhuist naar een verzorgingshuis; thuishulp is niet meer "
                                             "nodig." if po_uitkomst == "beeindigd" else
                                     "Mevrouw doet sinds de knieoperatie weer meer zelf; 2 uur per week volstaat.")
            s.add(p)
            s.flush()
            po_id = p.id
        a = m.Aanvraag(client_id=cid, onderzoek_id=None if zonder_onderzoek else o.id, wet=wet, datum=dt.date(2026, 10, 22), status="open",
                       team_id=basis.team_a, consulent_id=consulent.gebruiker_id,
                       beslistermijn_einde=dt.date(2026, 11, 5), verslag_uitgereikt_op=dt.date(2026, 10, 21),
                       reactie_datum=dt.date(2026, 10, 22), reactie_opmerkingen="Ik wil graag hulp op dinsdag.",
                       verslag_getekend=True, aanleiding_po_id=po_id)
        s.add(a)
        s.flush()
        vz_ids = []
        product = basis.producten["JA" if wet == "jeugdwet" else "HH"]
        for i, besluit in enumerate(besluiten):
            prod = product if i == 0 else basis.producten["JA" if wet == "jeugdwet" else "BG"]
            p_obj = s.get(m.Product, prod)
            assert p_obj is not None
            vz = m.Voorziening(
                aanvraag_id=a.id, client_id=cid, wet=wet, productcategorie=p_obj.productcategorie, product_id=prod,
                # A herziening lowers 3 to 2 hours: no earlier than the day after sending plus the transition.
                volume=Decimal("2"), eenheid="04", frequentie="2",
                startdatum=dt.date(2027, 1, 4) if aanleiding_po else dt.date(2026, 11, 2),
                einddatum=dt.date(2027, 11, 1) if (einddatum or wet == "jeugdwet") else None,
                po_datum=dt.date(2028, 11, 1) if po and wet == "wmo" else None,
                leveringsvorm="pgb" if pgb else "zin",
                aanbieder_id=None if pgb else basis.aanbieders[0],
                pgb_bedrag=Decimal("65.00") if pgb else None, pgb_periode="week" if pgb else None,
                beoogd_resultaat="Mevrouw woont in een schoon en leefbaar huis." if wet == "wmo" else
                "Minder conflicten thuis; Sem gaat elke dag naar school.",
                motivering=f"Netto blijft 2 uur per week over (regel {i + 1}).", besluit=besluit,
                plan_verwacht_op=dt.date(2026, 12, 14) if p_obj.plan_nodig else None,
            )
            vz.behoeften = [behoeften[0]]
            vz.resultaten = [res]
            s.add(vz)
            s.flush()
            vz_ids.append(vz.id)
        return Zaak(cid, o.id, a.id, vz_ids)


def _oude_voorziening(s: object, basis: Basis, cid: int, wet: str) -> m.Voorziening:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    oud_a = m.Aanvraag(client_id=cid, wet=wet, datum=dt.date(2024, 1, 10), status="besloten", team_id=basis.team_a)
    s.add(oud_a)
    s.flush()
    prod = basis.producten["JA" if wet == "jeugdwet" else "HH"]
    p_obj = s.get(m.Product, prod)
    assert p_obj is not None
    oud = m.Voorziening(aanvraag_id=oud_a.id, client_id=cid, wet=wet, productcategorie=p_obj.productcategorie,
                        product_id=prod, volume=Decimal("3"), eenheid="04", frequentie="2",
                        startdatum=dt.date(2024, 2, 1), po_datum=dt.date(2026, 12, 1), leveringsvorm="zin",
                        aanbieder_id=basis.aanbieders[1], besluit="toegekend", status="actief",
                        motivering="Mevrouw stopt met de hulp: zij woont bij haar dochter.")
    s.add(oud)
    s.flush()
    return oud


def oude_voorziening_id(basis: Basis, aanvraag_id: int) -> int:
    with basis.ctx.session_factory.begin() as s:
        a = s.get(m.Aanvraag, aanvraag_id)
        assert a is not None and a.aanleiding_po_id is not None
        po = s.get(m.PeriodiekOnderzoek, a.aanleiding_po_id)
        assert po is not None
        return po.voorziening_id
