"""The invoice messages: reading a provider's 323 (declaratie) and building the municipality's 325 (antwoord).

Amounts in the messages are eurocents (LDT_Bedrag), volumes whole numbers (LDT_Volume); here they become euros
(Decimal). The 325 names every prestatie of the 323 with its RetourCodes (0200 = approved) and the totals
submitted and granted; its header carries the 323's identification (DeclaratieIdentificatie).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from lxml import etree
from lxml.etree import _Element as Element

from consulent_app.berichten.bouw import RetourKop, _Maker
from consulent_app.berichten.envelop import OnleesbaarBestand
from consulent_app.berichten.lees import Ontvangen, _Lezer
from consulent_app.berichten.soorten import BerichtSoort
from consulent_app.rules.declaratie import CREDIT, DEBET, PrestatieInvoer

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Declaratiebericht:
    nummer: str
    periode_van: dt.date
    periode_tot: dt.date
    dagtekening: dt.date
    totaal_ingediend: Decimal  # signed
    clienten: tuple[tuple[Element, str], ...]  # (Client element, BSN)


def _bedrag_met_dc(lz: _Lezer, el: Element, pad: str, bedrag_tag: str = "Bedrag") -> tuple[Decimal, str]:
    cent = lz.i(el, f"{pad}/~{bedrag_tag}")
    dc = lz.t(el, f"{pad}/~DebetCredit") or DEBET
    return (Decimal(cent or 0) / 100).quantize(CENT), (CREDIT if dc == CREDIT else DEBET)


def lees_323(o: Ontvangen) -> Declaratiebericht:
    """The declaration's header data and its clients; the prestaties are read per client by `prestaties`."""
    lz = _Lezer(o)
    d = o.root.find(lz.q("Declaratie"))
    if d is None:
        raise OnleesbaarBestand("Het bericht bevat geen declaratie.")
    van, tot = lz.d(d, "DeclaratiePeriode/~Begindatum"), lz.d(d, "DeclaratiePeriode/~Einddatum")
    if van is None or tot is None:
        raise OnleesbaarBestand("De declaratieperiode ontbreekt of is geen datum.")
    totaal, dc = _bedrag_met_dc(lz, d, "TotaalIngediendBedrag", "TotaalBedrag")
    clienten = tuple((c, lz.t(c, "Bsn") or "") for c in lz.all(d, "Clienten/Client"))
    return Declaratiebericht(nummer=lz.t(d, "DeclaratieNummer") or "", periode_van=van, periode_tot=tot,
                             dagtekening=lz.d(d, "DeclaratieDagtekening") or o.kop.dagtekening or dt.date.min,
                             totaal_ingediend=-totaal if dc == CREDIT else totaal, clienten=clienten)


def prestaties(o: Ontvangen, client: Element, bsn: str) -> Iterator[tuple[Element, PrestatieInvoer]]:
    """Every Prestatie of one client as checker input (amounts in euros)."""
    lz = _Lezer(o)
    for p in lz.all(client, "Prestaties/Prestatie"):
        bedrag, dc = _bedrag_met_dc(lz, p, "IngediendBedrag")
        tarief = lz.i(p, "ProductTarief")
        yield p, PrestatieInvoer(
            referentie=lz.t(p, "ProductReferentie/~ReferentieNummer") or "",
            vorige_referentie=lz.t(p, "ProductReferentie/~VorigReferentieNummer"),
            toewijzing_nummer=lz.t(p, "ToewijzingNummer") or "", bsn=bsn,
            productcategorie=lz.t(p, "ProductCategorie") or "", productcode=lz.t(p, "ProductCode"),
            periode_van=lz.d(p, "ProductPeriode/~Begindatum") or dt.date.min,
            periode_tot=lz.d(p, "ProductPeriode/~Einddatum") or dt.date.min,
            volume=Decimal(lz.i(p, "GeleverdVolume") or 0), eenheid=lz.t(p, "Eenheid") or "",
            tarief=(Decimal(tarief) / 100).quantize(CENT) if tarief is not None else Decimal(0),
            bedrag=bedrag, debet_credit=dc)


def _cent(x: Decimal) -> str:
    return str(int((abs(x) * 100).quantize(Decimal(1))))


def _dc(x: Decimal) -> str:
    return CREDIT if x < 0 else DEBET


def bouw_325(soort: BerichtSoort, heen: Element, kop: RetourKop, *, gemeente: str, header_codes: Sequence[str],
             codes: Mapping[Element, Sequence[str]], totaal_ingediend: Decimal, totaal_toegekend: Decimal,
             met_inhoud: bool = True) -> bytes:
    """The 325 on a received 323: header (with the 323's identification), the totals, every client and prestatie
    with its retour codes. Without `met_inhoud` (a message rejected whole) only the header and its codes."""
    heen_ns = etree.QName(heen).namespace
    hq = lambda tag: f"{{{heen_ns}}}{tag}"  # noqa: E731
    mk = _Maker(soort)
    root = mk.el(None, "Bericht")
    h_in = heen.find(hq("Header"))
    h = mk.el(root, "Header")
    mk.el(h, "BerichtCode", str(soort.berichtcode))
    mk.el(h, "BerichtVersie", "3")
    mk.el(h, "BerichtSubversie", "2")
    mk.el(h, "Afzender", gemeente)
    mk.el(h, "Ontvanger", (h_in.findtext(hq("Afzender")) if h_in is not None else "") or "")
    bi = mk.el(h, "BerichtIdentificatie")
    mk.b_el(bi, "Identificatie", kop.identificatie)
    mk.b_el(bi, "Dagtekening", kop.dagtekening.isoformat())
    mk.xsd_versie(h, "XsdVersie")
    src = h_in.find(hq("BerichtIdentificatie")) if h_in is not None else None
    di = mk.el(h, "DeclaratieIdentificatie")
    b_heen = soort.basis_ns
    mk.b_el(di, "Identificatie", (src.findtext(f"{{{b_heen}}}Identificatie") if src is not None else "") or "")
    mk.b_el(di, "Dagtekening", (src.findtext(f"{{{b_heen}}}Dagtekening") if src is not None else "")
            or kop.dagtekening.isoformat())
    xv_in = h_in.find(hq("XsdVersie")) if h_in is not None else None
    xv = mk.el(h, "XsdVersieDeclaratie")
    for tag in ("BasisschemaXsdVersie", "BerichtXsdVersie"):
        mk.b_el(xv, tag, (xv_in.findtext(f"{{{b_heen}}}{tag}") if xv_in is not None else "") or "1.0.0")
    rc = mk.el(h, "RetourCodes")
    for code in header_codes or ("0200",):
        mk.el(rc, "RetourCode", code)
    d_in = heen.find(hq("Declaratie"))
    if not met_inhoud or d_in is None:
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    da = mk.el(root, "DeclaratieAntwoord")
    mk.el(da, "DeclaratieNummer", d_in.findtext(hq("DeclaratieNummer")) or "")
    for tag, x in (("TotaalIngediendBedrag", totaal_ingediend), ("TotaalToegekendBedrag", totaal_toegekend)):
        t = mk.el(da, tag)
        mk.b_el(t, "TotaalBedrag", _cent(x))
        mk.b_el(t, "DebetCredit", _dc(x))
    cl = mk.el(da, "Clienten")
    for c_in in d_in.findall(f"{hq('Clienten')}/{hq('Client')}"):
        c = mk.el(cl, "Client")
        mk.el(c, "Bsn", c_in.findtext(hq("Bsn")) or "")
        ps = mk.el(c, "Prestaties")
        for p_in in c_in.findall(f"{hq('Prestaties')}/{hq('Prestatie')}"):
            p = mk.el(ps, "Prestatie")
            for child in p_in:
                if isinstance(child.tag, str):
                    p.append(_kopie(child, heen_ns, mk.m))
            prc = mk.el(p, "RetourCodes")
            for code in codes.get(p_in) or ("0200",):
                mk.el(prc, "RetourCode", code)
        crc = mk.el(c, "RetourCodes")
        mk.el(crc, "RetourCode", "0200")
    drc = mk.el(da, "RetourCodes")
    mk.el(drc, "RetourCode", "0200")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _kopie(el: Element, van: str | None, naar: str) -> Element:
    """The element and its children with the 323's namespace `van` renamed to the 325's `naar` (string work on the
    tags: a 100,000-line 325 copies over a million elements)."""
    voor, doel = (f"{{{van}}}" if van else ""), f"{{{naar}}}"

    def hernoem(tag: str) -> str:
        if van:
            return doel + tag[len(voor):] if tag.startswith(voor) else tag
        return tag if tag.startswith("{") else doel + tag

    def kopieer(bron: Element, ouder: Element) -> None:
        for child in bron:
            tag = child.tag
            if isinstance(tag, str):
                c = etree.SubElement(ouder, hernoem(tag))
                c.text = child.text
                kopieer(child, c)

    nieuw = etree.Element(hernoem(el.tag))  # type: ignore[arg-type]
    nieuw.text = el.text
    kopieer(el, nieuw)
    return nieuw
