"""The StUF-GGk 0310 envelope in which iWmo / iJw messages travel to and from the Gemeentelijk Gegevensknooppunt.

A heenbericht (301, 319, and a provider's 305/307/315/317/323) travels in a Di01 envelope; a retour (302, 306,
308, 316, 318, 320, 325) in a Du01 envelope whose `crossRefnummer` names the envelope it answers, as the GGk
samples do. The message itself is the base64 payload of `parameters/bericht`; `functie` is its name (WMO301).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass

from lxml import etree

from consulent_app.berichten import soorten, xsd
from consulent_app.berichten.soorten import BerichtSoort

STUF = "http://www.egem.nl/StUF/StUF0301"
GGK = "http://www.stufstandaarden.nl/sectormodel/ggk/0210"
XMIME = "http://www.w3.org/2005/05/xmlmime"
APPLICATIE = "Consulent"


class OnleesbaarBestand(Exception):
    """A file that is not a message the product can read: the text is Dutch and says why."""


@dataclass(frozen=True)
class Systeem:
    organisatie: str  # CBS gemeentecode (4 digits) or the provider's AGB code (8 digits)
    applicatie: str = APPLICATIE


@dataclass(frozen=True)
class Envelop:
    functie: str
    referentienummer: str
    zender: str
    ontvanger: str
    tijdstip: str
    cross_ref: str | None
    payload: bytes


def maak(payload: bytes, soort: BerichtSoort, *, zender: Systeem, ontvanger: Systeem, referentienummer: str,
         tijdstip: dt.datetime, referentienummer_bericht: str | None = None, cross_ref: str | None = None,
         cross_ref_bericht: str | None = None) -> bytes:
    """The envelope around one message. A retour needs `cross_ref` (the referentienummer it answers)."""
    retour = soort.is_retour
    if retour and not cross_ref:
        raise ValueError("een retourbericht noemt het envelopnummer waarop het antwoordt (crossRefnummer)")
    nsmap = {"StUF": STUF, "GGK": GGK, "xmime": XMIME}
    naam = "envelopRetourbericht-ggk_Du01" if retour else "envelopHeenbericht-ggk_Di01"
    root = etree.Element(f"{{{GGK}}}{naam}", nsmap=nsmap)
    sg = etree.SubElement(root, f"{{{GGK}}}stuurgegevens")

    def stuf(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
        el = etree.SubElement(parent, f"{{{STUF}}}{tag}")
        if text is not None:
            el.text = text
        return el

    stuf(sg, "berichtcode", "Du01" if retour else "Di01")
    for tag, sys_ in (("zender", zender), ("ontvanger", ontvanger)):
        el = stuf(sg, tag)
        stuf(el, "organisatie", sys_.organisatie)
        stuf(el, "applicatie", sys_.applicatie)
    stuf(sg, "referentienummer", referentienummer)
    stuf(sg, "tijdstipBericht", tijdstip.strftime("%Y%m%d%H%M%S"))
    if retour:
        stuf(sg, "crossRefnummer", cross_ref)
    stuf(sg, "functie", soort.naam)
    par = etree.SubElement(root, f"{{{GGK}}}parameters")
    if referentienummer_bericht:
        etree.SubElement(par, f"{{{GGK}}}referentienummerBericht").text = referentienummer_bericht
    if retour and cross_ref_bericht:
        etree.SubElement(par, f"{{{GGK}}}crossRefnummerBericht").text = cross_ref_bericht
    for tag in ("applicatieVersie", "applicatieSubversie", "functieVersie", "functieSubversie"):
        etree.SubElement(par, f"{{{GGK}}}{tag}").text = "0001"
    ber = etree.SubElement(par, f"{{{GGK}}}bericht")
    ber.set(f"{{{STUF}}}bestandsnaam", f"{soort.naam}.xml")
    ber.set(f"{{{XMIME}}}contentType", "application/xml")
    ber.text = base64.b64encode(payload).decode("ascii")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def is_envelop(root: etree._Element) -> bool:
    return etree.QName(root).namespace == GGK


def lees(root: etree._Element) -> Envelop:
    """The contents of an envelope; OnleesbaarBestand when it is not a GGk envelope or the payload is not base64."""
    qn = etree.QName(root)
    if qn.namespace != GGK or qn.localname not in ("envelopHeenbericht-ggk_Di01", "envelopRetourbericht-ggk_Du01"):
        raise OnleesbaarBestand("Dit is geen GGk-envelop (Di01 of Du01).")
    ns = {"S": STUF, "G": GGK}
    functie = (root.findtext("G:stuurgegevens/S:functie", namespaces=ns) or "").strip()
    if soorten.per_naam(functie) is None:
        raise OnleesbaarBestand(f"De envelop noemt een onbekend bericht ('{functie[:30]}').")
    data = root.findtext("G:parameters/G:bericht", namespaces=ns)
    if not data or not data.strip():
        raise OnleesbaarBestand("De envelop bevat geen bericht.")
    try:
        payload = base64.b64decode("".join(data.split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise OnleesbaarBestand("Het bericht in de envelop is niet goed gecodeerd (geen geldige base64).") from exc
    return Envelop(
        functie=functie,
        referentienummer=(root.findtext("G:stuurgegevens/S:referentienummer", namespaces=ns) or "").strip(),
        zender=(root.findtext("G:stuurgegevens/S:zender/S:organisatie", namespaces=ns) or "").strip(),
        ontvanger=(root.findtext("G:stuurgegevens/S:ontvanger/S:organisatie", namespaces=ns) or "").strip(),
        tijdstip=(root.findtext("G:stuurgegevens/S:tijdstipBericht", namespaces=ns) or "").strip(),
        cross_ref=(root.findtext("G:stuurgegevens/S:crossRefnummer", namespaces=ns) or "").strip() or None,
        payload=payload,
    )


def fouten(data: bytes) -> list[str]:
    """XSD errors of an envelope (for tests and for checking before export)."""
    return xsd.envelop_fouten(etree.fromstring(data, parser=xsd.VEILIGE_PARSER))
