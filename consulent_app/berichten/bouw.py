"""Builders of what the municipality sends: 301 toewijzing, 319 antwoord and the retours 306/308/316/318.

Plain data in, XML bytes out; the element order follows the 3.2 XSDs, which are the authority on what a message
holds. Validation (XSD and the iStandaarden rules) is a separate step: `regels.controleer_*` and `xsd.fouten`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from lxml import etree
from lxml.etree import _Element as Element  # noqa: E402

from consulent_app.berichten import xsd
from consulent_app.berichten.soorten import BerichtSoort


@dataclass(frozen=True)
class Kop:
    """Header of a heenbericht from the municipality."""

    gemeentecode: str  # CBS, 4 digits
    agb_code: str  # the provider, 8 digits
    identificatie: str  # unique per kind for the municipality (TR056), at most 12 characters
    dagtekening: dt.date


@dataclass(frozen=True)
class Adres:
    straat: str | None = None
    huisnummer: str | None = None  # as registered: "12", "12a", "12-2"
    postcode: str | None = None
    plaats: str | None = None


@dataclass(frozen=True)
class RelatieGegevens:
    nummer: str
    soort: str  # COD472
    achternaam: str
    voornamen: str | None = None
    telefoon: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class ClientGegevens:
    bsn: str
    geboortedatum: dt.date
    geslacht: str  # COD046: 0 onbekend, 1 man, 2 vrouw
    achternaam: str
    voorvoegsel: str | None = None
    voornamen: str | None = None
    adres: Adres = field(default_factory=Adres)
    telefoon: str | None = None
    email: str | None = None
    relaties: tuple[RelatieGegevens, ...] = ()


@dataclass(frozen=True)
class ToegewezenProduct:
    nummer: int  # ToewijzingNummer: unique within the law, never reused
    categorie: str
    code: str | None
    toewijzingsdatum: dt.date
    toewijzingstijd: dt.time
    ingangsdatum: dt.date
    einddatum: dt.date | None
    volume: int | None = None
    eenheid: str | None = None
    frequentie: str | None = None
    budget: int | None = None
    reden_wijziging: str | None = None
    referentie_aanbieder: str | None = None
    commentaar: str | None = None


class _Maker:
    def __init__(self, soort: BerichtSoort) -> None:
        self.m = soort.namespace
        self.b = soort.basis_ns
        self.soort = soort

    def el(self, parent: Element | None, tag: str, text: str | None = None, *, basis: bool = False) -> Element:
        qn = f"{{{self.b if basis else self.m}}}{tag}"
        e = etree.Element(qn, nsmap={None: self.m}) if parent is None else etree.SubElement(parent, qn)
        if text is not None:
            e.text = text
        return e

    def b_el(self, parent: Element, tag: str, text: str | None = None) -> Element:
        return self.el(parent, tag, text, basis=True)

    def header(self, root: Element, afzender: str, ontvanger: str, identificatie: str,
               dagtekening: dt.date) -> Element:
        h = self.el(root, "Header")
        self.el(h, "BerichtCode", str(self.soort.berichtcode))
        self.el(h, "BerichtVersie", "3")
        self.el(h, "BerichtSubversie", "2")
        self.el(h, "Afzender", afzender)
        self.el(h, "Ontvanger", ontvanger)
        bi = self.el(h, "BerichtIdentificatie")
        self.b_el(bi, "Identificatie", identificatie)
        self.b_el(bi, "Dagtekening", dagtekening.isoformat())
        self.xsd_versie(h, "XsdVersie")
        return h

    def xsd_versie(self, parent: Element, tag: str) -> None:
        basis, bericht = xsd.xsd_versies(self.soort)
        xv = self.el(parent, tag)
        self.b_el(xv, "BasisschemaXsdVersie", basis)
        self.b_el(xv, "BerichtXsdVersie", bericht)


def _tekst(waarde: str | None, maximaal: int) -> str | None:
    """Free text for a field of limited length: whitespace folded, cut at the limit; None when empty."""
    if waarde is None:
        return None
    t = " ".join(str(waarde).split())
    return t[:maximaal] or None


def _huis(nummer: str | None) -> tuple[int, str | None, str | None] | None:
    """'12a' -> (12, 'a', None); '12-2' -> (12, None, '2'); no digits -> None."""
    if not nummer:
        return None
    mt = re.match(r"\s*(\d{1,5})\s*([A-Za-z])?\s*[-/ ]?\s*([A-Za-z0-9]{1,4})?\s*$", nummer)
    if not mt:
        return None
    return int(mt.group(1)), mt.group(2), mt.group(3)


def _telefoon(mk: _Maker, parent: Element, nummer: str | None) -> None:
    cijfers = re.sub(r"\D", "", nummer or "")[:15]
    if not cijfers:
        return
    t = mk.el(parent, "Telefoon")
    t1 = mk.b_el(t, "Telefoon01")
    mk.b_el(t1, "Telefoonnummer", cijfers)
    mk.b_el(t1, "Landnummer", "0031")


def _naam(mk: _Maker, parent: Element, achternaam: str, voorvoegsel: str | None, voornamen: str | None) -> None:
    n = mk.el(parent, "Naam")
    g = mk.b_el(n, "Geslachtsnaam")
    mk.b_el(g, "Achternaam", _tekst(achternaam, 200) or "-")
    if _tekst(voorvoegsel, 10):
        mk.b_el(g, "Voorvoegsel", _tekst(voorvoegsel, 10))
    if _tekst(voornamen, 200):
        mk.b_el(n, "Voornamen", _tekst(voornamen, 200))
        letters = "".join(w[0] for w in (voornamen or "").split() if w[:1].isalpha())[:6]
        if letters:
            mk.b_el(n, "Voorletters", letters.upper())
    mk.b_el(n, "NaamGebruik", "1")


def _contact(mk: _Maker, parent: Element, tag: str, soort: str, adres: Adres | None, telefoon: str | None,
             email: str | None) -> None:
    c = mk.el(parent, tag)
    mk.el(c, "Soort", soort)
    if adres is not None and (adres.straat or adres.postcode or adres.plaats):
        a = mk.el(c, "Adres")
        huis = _huis(adres.huisnummer)
        if huis is not None:
            h = mk.b_el(a, "Huis")
            mk.b_el(h, "Huisnummer", str(huis[0]))
            if huis[1]:
                mk.b_el(h, "Huisletter", huis[1])
            if huis[2]:
                mk.b_el(h, "HuisnummerToevoeging", huis[2])
        if adres.postcode:
            mk.b_el(a, "Postcode", re.sub(r"\s", "", adres.postcode).upper()[:8])
        if _tekst(adres.straat, 24):
            mk.b_el(a, "Straatnaam", _tekst(adres.straat, 24))
        if _tekst(adres.plaats, 80):
            mk.b_el(a, "Plaatsnaam", _tekst(adres.plaats, 80))
        mk.b_el(a, "LandCode", "NL")
    _telefoon(mk, c, telefoon)
    if _tekst(email, 80):
        mk.el(c, "Emailadres", _tekst(email, 80))


def bouw_301(soort: BerichtSoort, kop: Kop, client: ClientGegevens,
             producten: Sequence[ToegewezenProduct]) -> bytes:
    """WMO301 / JW301: all current assignments of one client at one provider (a 301 always carries the full set)."""
    mk = _Maker(soort)
    root = mk.el(None, "Bericht")
    mk.header(root, kop.gemeentecode, kop.agb_code, kop.identificatie, kop.dagtekening)
    c = mk.el(root, "Client")
    mk.el(c, "Bsn", client.bsn)
    gd = mk.el(c, "Geboortedatum")
    mk.b_el(gd, "Datum", client.geboortedatum.isoformat())
    mk.el(c, "Geslacht", client.geslacht)
    _naam(mk, c, client.achternaam, client.voorvoegsel, client.voornamen)
    if client.relaties:
        rs = mk.el(c, "Relaties")
        for i, r in enumerate(client.relaties, start=1):
            re_ = mk.el(rs, "Relatie")
            mk.el(re_, "Nummer", _tekst(r.nummer, 20))
            mk.el(re_, "Volgorde", str(i))
            mk.el(re_, "Soort", r.soort)
            _naam(mk, re_, r.achternaam, None, r.voornamen)
            _contact(mk, re_, "Contact", "02", None, r.telefoon, r.email)
    cg = mk.el(c, "Contactgegevens")
    _contact(mk, cg, "Contact", "01", client.adres, client.telefoon, client.email)
    tp = mk.el(c, "ToegewezenProducten")
    for p in producten:
        e = mk.el(tp, "ToegewezenProduct")
        mk.el(e, "ToewijzingNummer", str(p.nummer))
        if p.referentie_aanbieder:
            mk.el(e, "ReferentieAanbieder", p.referentie_aanbieder)
        pr = mk.el(e, "Product")
        mk.b_el(pr, "Categorie", p.categorie)
        if p.code:
            mk.b_el(pr, "Code", p.code)
        mk.el(e, "Toewijzingsdatum", p.toewijzingsdatum.isoformat())
        mk.el(e, "Toewijzingstijd", p.toewijzingstijd.replace(microsecond=0, tzinfo=None).isoformat())
        mk.el(e, "Ingangsdatum", p.ingangsdatum.isoformat())
        if p.einddatum is not None:
            mk.el(e, "Einddatum", p.einddatum.isoformat())
        if p.reden_wijziging:
            mk.el(e, "RedenWijziging", p.reden_wijziging)
        if p.budget is not None:
            mk.el(e, "Budget", str(p.budget))
        elif p.volume is not None:
            om = mk.el(e, "Omvang")
            mk.b_el(om, "Volume", str(p.volume))
            mk.b_el(om, "Eenheid", p.eenheid or "")
            mk.b_el(om, "Frequentie", p.frequentie or "")
        if _tekst(p.commentaar, 4000):
            mk.el(e, "Commentaar", _tekst(p.commentaar, 4000))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def bouw_319(soort: BerichtSoort, kop: Kop, *, referentie_aanbieder: str, antwoord: str,
             reden_afwijzing: str | None = None) -> bytes:
    """WMO319 / JW319: answer to a 315/317 (VerzoekAntwoord WJ760: 1 afgewezen, 2 aanvraag in onderzoek)."""
    mk = _Maker(soort)
    root = mk.el(None, "Bericht")
    mk.header(root, kop.gemeentecode, kop.agb_code, kop.identificatie, kop.dagtekening)
    a = mk.el(root, "Antwoord")
    mk.el(a, "ReferentieAanbieder", referentie_aanbieder)
    mk.el(a, "VerzoekAntwoord", antwoord)
    if reden_afwijzing:
        mk.el(a, "RedenAfwijzingVerzoek", reden_afwijzing)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


#: The message classes of each retour that carry RetourCodes (after the header), by local element name.
RETOUR_KLASSEN: dict[int, frozenset[str]] = {
    306: frozenset({"Client", "StartProduct"}),
    308: frozenset({"Client", "StopProduct"}),
    316: frozenset({"Client", "AangevraagdProduct"}),
    318: frozenset({"Client", "Verzoek", "OngewijzigdProduct", "TeWijzigenProduct", "NieuwProduct"}),
    # The providers' retours on the municipality's messages (the product reads them; tests build them).
    302: frozenset({"Client", "Relatie", "Contact", "ToegewezenProduct"}),
    320: frozenset({"Antwoord", "Woonplaatsbeginsel"}),
}


@dataclass(frozen=True)
class RetourKop:
    identificatie: str  # IdentificatieRetour: unique per kind for the municipality
    dagtekening: dt.date


def bouw_retour(retour: BerichtSoort, heen: Element, kop: RetourKop, *, header_codes: Sequence[str],
                codes: Mapping[Element, Sequence[str]], met_inhoud: bool = True) -> bytes:
    """The retour on a received heenbericht: the message mirrored, each class with its RetourCodes.

    `heen` is the parsed heenbericht; `codes` maps its class elements (Client, StartProduct, ...) to their codes
    (0200 when a class is not named). Without `met_inhoud` (a message rejected as a whole: XSD errors, duplicate
    identification) only the header goes back, with `header_codes`.
    """
    assert retour.retour_op is not None
    klassen = RETOUR_KLASSEN[retour.nummer]
    heen_ns = etree.QName(heen).namespace
    mk = _Maker(retour)
    root = mk.el(None, "Bericht")
    h_in = heen.find(f"{{{heen_ns}}}Header")
    h = mk.el(root, "Header")
    mk.el(h, "BerichtCode", str(retour.berichtcode))
    for tag in ("BerichtVersie", "BerichtSubversie", "Afzender", "Ontvanger"):
        mk.el(h, tag, (h_in.findtext(f"{{{heen_ns}}}{tag}") if h_in is not None else None) or "")
    for tag in ("BerichtIdentificatie", "XsdVersie"):
        src = h_in.find(f"{{{heen_ns}}}{tag}") if h_in is not None else None
        if src is not None:
            h.append(_kopie(src, heen_ns, mk.m, klassen, codes))
        else:
            mk.el(h, tag)
    mk.el(h, "IdentificatieRetour", kop.identificatie)
    mk.el(h, "DagtekeningRetour", kop.dagtekening.isoformat())
    mk.xsd_versie(h, "XsdVersieRetour")
    rc = mk.el(h, "RetourCodes")
    for code in header_codes or ("0200",):
        mk.el(rc, "RetourCode", code)
    if met_inhoud:
        for child in heen:
            if etree.QName(child).localname != "Header":
                root.append(_kopie(child, heen_ns, mk.m, klassen, codes))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _kopie(el: Element, van: str | None, naar: str, klassen: frozenset[str],
           codes: Mapping[Element, Sequence[str]]) -> Element:
    qn = etree.QName(el)
    nieuw = etree.Element(f"{{{naar}}}{qn.localname}" if qn.namespace == van else el.tag)
    nieuw.text = el.text
    for child in el:
        if isinstance(child.tag, str):
            nieuw.append(_kopie(child, van, naar, klassen, codes))
    if qn.namespace == van and qn.localname in klassen:
        rc = etree.SubElement(nieuw, f"{{{naar}}}RetourCodes")
        for code in codes.get(el) or ("0200",):
            etree.SubElement(rc, f"{{{naar}}}RetourCode").text = code
    return nieuw


def retourcodes_uit(retour: BerichtSoort, heen: Element, oud: bytes) -> tuple[list[str], dict[Element, list[str]], bool]:
    """Read back the codes of an earlier retour on `heen` (to build it again): the header's codes, the codes per
    class element of `heen` (matched in document order; only those other than 0200) and whether it mirrored the
    message (False: the header alone)."""
    klassen = RETOUR_KLASSEN[retour.nummer]
    r = etree.fromstring(oud, parser=xsd.VEILIGE_PARSER)
    ns = retour.namespace
    h = r.find(f"{{{ns}}}Header/{{{ns}}}RetourCodes")
    header = [(c.text or "").strip() for c in h] if h is not None else []
    heen_ns = etree.QName(heen).namespace

    def klasse_els(root: Element, naamruimte: str | None) -> list[Element]:
        return [e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).namespace == naamruimte
                and etree.QName(e).localname in klassen]

    heen_els, oud_els = klasse_els(heen, heen_ns), klasse_els(r, ns)
    codes: dict[Element, list[str]] = {}
    if len(heen_els) == len(oud_els):
        for he, oe in zip(heen_els, oud_els, strict=True):
            rc = oe.find(f"{{{ns}}}RetourCodes")
            lijst = [(c.text or "").strip() for c in rc] if rc is not None else []
            if lijst and lijst != ["0200"]:
                codes[he] = lijst
    return header or ["0200"], codes, bool(oud_els)
