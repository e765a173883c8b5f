"""Golden set (issue 12): six reference decisions, their decisive facts asserted exactly in the PDF and the Word
file: date, addressee, legal basis (Awb 3:47), granted scope, pgb per period, CAK paragraph yes/no, and the last day
of the objection term (Awb 6:7, 6:8, 6:9). Each letter is the approved one, dated on 25 November 2026, the day it
is sent; six weeks later is Wednesday 6 January 2027."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from consulent_app.db import models as m
from consulent_app.services import beschikkingen as bs
from consulent_app.services import documenten as ds
from tests.factories import Basis
from tests.factories_documenten import maak_zaak
from tests.test_documenten import docx_tekst, pdf_tekst

VANDAAG = dt.date(2026, 11, 25)
LAATSTE_DAG = "De laatste dag om bezwaar te maken is 6 januari 2027"
WMO_AANVRAAG = ("artikel 2.3.5 van de Wet maatschappelijke ondersteuning 2015 en artikel 12 van de Verordening "
                "maatschappelijke ondersteuning Maastricht 2020")
WMO_WIJZIGING = ("artikel 2.3.10 van de Wet maatschappelijke ondersteuning 2015 en artikel 17 van de Verordening "
                 "maatschappelijke ondersteuning Maastricht 2020")
CAK = "betaalt u een eigen bijdrage"


def _brief(basis: Basis, bid: int, aanpassen: object = None) -> tuple[str, str]:
    with basis.ctx.session_factory.begin() as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        if callable(aanpassen):
            aanpassen(s, b)
        b.status, b.goedgekeurd_op, b.datum = "goedgekeurd", dt.datetime(2026, 11, 24, 10), dt.date(2026, 11, 24)
        b.toetser_id = basis["toetser"].gebruiker_id
    uit = []
    for formaat, lees in (("pdf", pdf_tekst), ("docx", docx_tekst)):
        info = ds.maak_beschikking_document(basis.ctx, basis["toetser"], bid, formaat, vandaag=VANDAAG)
        uit.append(lees(ds.haal_document(basis.ctx, basis["toetser"], info.id).inhoud).replace("\u00a0", " "))
    return uit[0], uit[1]


def _concept(basis: Basis, **kw: object) -> int:
    type_ = kw.pop("type", None)
    zaak = maak_zaak(basis, **kw)  # type: ignore[arg-type]
    return bs.maak_concept_beschikking(basis.ctx, basis["consulent"], zaak.aanvraag_id, type=type_,  # type: ignore[arg-type]
                                       vandaag=VANDAAG)


def _gemeen(tekst: str, grondslag: str) -> None:
    assert "Datum 25 november 2026" in tekst
    assert f"Wij nemen dit besluit op grond van {grondslag}." in tekst
    assert "Wij hebben dit besluit verstuurd op 25 november 2026" in tekst and LAATSTE_DAG in tekst
    assert "CONCEPT" not in tekst


def test_golden_wmo_grant_in_kind_and_pgb(basis: Basis) -> None:
    """Wmo toekenning ZIN + pgb: both granted at 2 hours a week; the pgb € 65 a week (tariff x scope) and its total
    up to the planned PO (3.380 a year x 731 days / 365);
    CAK paragraph naming both with "en"."""
    bid = _concept(basis, besluiten=("toegekend", "toegekend"))

    def pgb(_s: object, b: m.Beschikking) -> None:
        vz = sorted(b.regels, key=lambda r: r.id)[1].voorziening
        vz.leveringsvorm, vz.aanbieder_id, vz.pgb_bedrag, vz.pgb_periode = "pgb", None, Decimal("65"), "week"

    for tekst in _brief(basis, bid, pgb):
        _gemeen(tekst, WMO_AANVRAAG)
        assert "Geachte mevrouw Janssen," in tekst and "Maria Janssen Boschstraat 12 6211 AX MAASTRICHT" in tekst
        assert tekst.count("Hoeveel 2 uur per week") == 2
        assert "Zorg in natura: Zorggroep Maasland" in tekst
        assert ("Persoonsgebonden budget (pgb) van € 65,00 per week. Zo berekend: € 32,50 per uur × 2 uur per week. "
                "Tot het periodiek onderzoek (2 november 2026 tot en met 1 november 2028) is dat € 6.769,26.") in tekst
        assert f"Voor hulp bij het huishouden en begeleiding individueel {CAK}" in tekst


def test_golden_wmo_partial_grant(basis: Basis) -> None:
    """Gedeeltelijk: asked 3 hours a week, granted 2; CAK applies."""
    bid = _concept(basis, besluiten=("gedeeltelijk",))
    for tekst in _brief(basis, bid):
        _gemeen(tekst, WMO_AANVRAAG)
        assert "Geachte mevrouw Janssen," in tekst
        assert "Gevraagd 3 uur per week" in tekst and "Toegekend 2 uur per week" in tekst
        assert f"Voor hulp bij het huishouden {CAK}" in tekst


def test_golden_wmo_refusal_on_another_ground(basis: Basis) -> None:
    """Afwijzing while the table leaves 2 hours: the ground (a prior provision) is stated, nothing is granted,
    no CAK paragraph."""
    bid = _concept(basis, besluiten=("afgewezen",))

    def grond(_s: object, b: m.Beschikking) -> None:
        b.regels[0].weigeringsgrond = "voorliggend"

    for tekst in _brief(basis, bid, grond):
        _gemeen(tekst, WMO_AANVRAAG)
        assert "Wij wijzen de aanvraag voor hulp bij het huishouden af" in tekst and "Gevraagd 3 uur per week" in tekst
        assert "voorliggende of algemene voorziening" in tekst and "artikel 2.3.5, derde lid, van de Wmo 2015" in tekst
        assert "Hoeveel" not in tekst and CAK not in tekst and "waarvoor wij een voorziening" not in tekst


def test_golden_wmo_herziening_down(basis: Basis) -> None:
    """Herziening: 3 down to 2 hours a week from 4 January 2027 (after the transition period); art. 2.3.10."""
    bid = _concept(basis, aanleiding_po=True)
    for tekst in _brief(basis, bid):
        _gemeen(tekst, WMO_WIJZIGING)
        assert "Geachte mevrouw Janssen," in tekst
        assert "Tot nu toe 3 uur per week" in tekst and "Vanaf 4 januari 2027 2 uur per week" in tekst
        assert f"Voor hulp bij het huishouden {CAK}" in tekst


def test_golden_wmo_ending(basis: Basis) -> None:
    """Beëindiging: the last day is 31 December 2026 (not before the day after sending plus 4 weeks); no CAK."""
    bid = _concept(basis, aanleiding_po=True, po_uitkomst="beeindigd", besluiten=(), type="beeindiging")
    for tekst in _brief(basis, bid):
        _gemeen(tekst, WMO_WIJZIGING)
        assert "Wij stoppen hulp bij het huishouden. De laatste dag is 31 december 2026." in tekst
        assert "Laatste dag van de ondersteuning 31 december 2026" in tekst
        assert CAK not in tekst and "CAK" not in tekst


def test_golden_jeugd_grant_to_a_16_year_old(basis: Basis) -> None:
    """Jeugd toekenning, 16 years old: written to the young person, a copy to the parent with authority;
    art. 2.3 Jeugdwet; no CAK."""
    bid = _concept(basis, wet="jeugdwet")

    def zestien(s: object, b: m.Beschikking) -> None:
        from sqlalchemy.orm import Session

        assert isinstance(s, Session)
        c = s.get(m.Client, b.client_id)
        assert c is not None
        c.geboortedatum = dt.date(2010, 5, 1)

    for tekst in _brief(basis, bid, zestien):
        _gemeen(tekst, "artikel 2.3 van de Jeugdwet en artikel 8 van de Verordening jeugdhulp Maastricht 2020")
        assert "Geachte heer Janssen," in tekst and "Sem Janssen Boschstraat 12" in tekst
        assert "Een afschrift van deze brief gaat naar Anja Janssen." in tekst
        assert "Wij kennen u jeugdhulp ambulant toe" in tekst and "Hoeveel 2 uur per week" in tekst
        assert "CAK" not in tekst and "ouder(s) of verzorger(s)" not in tekst



def test_golden_wmo_grant_of_one_aid(basis: Basis) -> None:
    """Wmo toekenning of an aid counted in pieces (a scootmobiel, once for the whole decision): the letter says
    "een scootmobiel" and "1 scootmobiel" (art. 12 verordening: kind and scope), never "1 stuk in totaal"; the CAK
    paragraph applies (art. 2.1.4 Wmo 2015: only wheelchairs are exempt by default)."""
    bid = _concept(basis, besluiten=("toegekend",))

    def scootmobiel(s: object, b: m.Beschikking) -> None:
        from sqlalchemy.orm import Session

        assert isinstance(s, Session)
        p = m.Product(code="SCM", naam="Scootmobiel (in bruikleen)", wet="wmo", productcategorie="12",
                      tarief=Decimal("2950"), eenheid="82", telwoord="scootmobiel", telwoord_meervoud="scootmobielen")
        s.add(p)
        s.flush()
        vz = b.regels[0].voorziening
        vz.productcategorie, vz.product_id, vz.volume, vz.eenheid, vz.frequentie = "12", p.id, Decimal(1), "82", "6"
        vz.beoogd_resultaat = "Mevrouw doet zelf haar boodschappen en bezoekt haar dochter."
        vz.motivering = "Mevrouw kan niet meer lopen tot de bushalte; een scootmobiel is de goedkoopste geschikte oplossing."
        vz.behoeften[0].volume, vz.behoeften[0].eenheid, vz.behoeften[0].frequentie = Decimal(1), "82", "6"
        for d in vz.behoeften[0].dekkingen:
            d.volume = Decimal(0)

    for tekst in _brief(basis, bid, scootmobiel):
        _gemeen(tekst, WMO_AANVRAAG)
        assert "Wij kennen u een scootmobiel (in bruikleen) toe." in tekst
        assert "Hoeveel 1 scootmobiel" in tekst
        assert "stuk" not in tekst and "in totaal" not in tekst
        assert f"Voor de scootmobiel (in bruikleen) {CAK}" in tekst
