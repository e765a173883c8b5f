"""The provider's side of the chain, for tests and benchmarks: 305, 307, 315, 317 and the retours 302/320.

Built with the same element helper as the product's own builders, and checked against the XSDs in the tests, so
what the product reads in a test is what a provider's system would send.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from consulent_app.berichten import bouw, envelop, soorten
from consulent_app.berichten.bouw import _Maker
from consulent_app.domain import Wet


@dataclass
class Aanbieder:
    agb: str = "75000000"
    gemeente: str = "0935"


def _kop(mk: _Maker, root: etree._Element, a: Aanbieder, ident: str, dagtekening: dt.date) -> None:
    mk.header(root, a.agb, a.gemeente, ident, dagtekening)


def _client(mk: _Maker, root: etree._Element, bsn: str, geboren: dt.date, achternaam: str) -> etree._Element:
    c = mk.el(root, "Client")
    mk.el(c, "Bsn", bsn)
    gd = mk.el(c, "Geboortedatum")
    mk.b_el(gd, "Datum", geboren.isoformat())
    mk.el(c, "Geslacht", "0")
    n = mk.el(c, "Naam")
    g = mk.b_el(n, "Geslachtsnaam")
    mk.b_el(g, "Achternaam", achternaam)
    return c


def start_stop(wet: Wet, *, stop: bool, bsn: str, geboren: dt.date, achternaam: str = "Jansen",
               regels: Sequence[dict], ident: str = "A1", dagtekening: dt.date | None = None,
               aanbieder: Aanbieder | None = None) -> bytes:
    """regels: dicts with nummer, begindatum, (einddatum, reden), status ('1'), categorie, code."""
    s = soorten.soort(wet, 307 if stop else 305)
    mk = _Maker(s)
    root = mk.el(None, "Bericht")
    _kop(mk, root, aanbieder or Aanbieder(), ident, dagtekening or dt.date.today())
    c = _client(mk, root, bsn, geboren, achternaam)
    ps = mk.el(c, "StopProducten" if stop else "StartProducten")
    for r in regels:
        p = mk.el(ps, "StopProduct" if stop else "StartProduct")
        if r.get("nummer") is not None:
            mk.el(p, "ToewijzingNummer", str(r["nummer"]))
        if r.get("categorie"):
            pr = mk.el(p, "Product")
            mk.b_el(pr, "Categorie", r["categorie"])
            if r.get("code"):
                mk.b_el(pr, "Code", r["code"])
        mk.el(p, "Begindatum", r["begindatum"].isoformat())
        if stop:
            mk.el(p, "RedenBeeindiging", r.get("reden", "19" if wet is Wet.WMO else "31"))
            mk.el(p, "Einddatum", r["einddatum"].isoformat())
        mk.el(p, "StatusAanlevering", r.get("status", "1"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def verzoek_315(wet: Wet, *, bsn: str, geboren: dt.date, achternaam: str = "Jansen", referentie: str = "REF-1",
                categorie: str = "45", code: str | None = "JAL", ingang: dt.date | None = None,
                einde: dt.date | None = None, volume: int = 2, eenheid: str = "04", frequentie: str = "2",
                verwijzer: str = "02", verwijzer_naam: str | None = "Huisarts Wyck", ident: str = "V1",
                dagtekening: dt.date | None = None, aanbieder: Aanbieder | None = None) -> bytes:
    s = soorten.soort(wet, 315)
    mk = _Maker(s)
    root = mk.el(None, "Bericht")
    vandaag = dagtekening or dt.date.today()
    _kop(mk, root, aanbieder or Aanbieder(), ident, vandaag)
    c = _client(mk, root, bsn, geboren, achternaam)
    ps = mk.el(c, "AangevraagdeProducten")
    p = mk.el(ps, "AangevraagdProduct")
    mk.el(p, "ReferentieAanbieder", referentie)
    pr = mk.el(p, "Product")
    mk.b_el(pr, "Categorie", categorie)
    if code:
        mk.b_el(pr, "Code", code)
    mk.el(p, "ToewijzingIngangsdatum", (ingang or vandaag + dt.timedelta(days=7)).isoformat())
    mk.el(p, "ToewijzingEinddatum", (einde or vandaag + dt.timedelta(days=180)).isoformat())
    om = mk.el(p, "Omvang")
    mk.b_el(om, "Volume", str(volume))
    mk.b_el(om, "Eenheid", eenheid)
    mk.b_el(om, "Frequentie", frequentie)
    v = mk.el(p, "Verwijzer")
    mk.b_el(v, "Type", verwijzer)
    if verwijzer_naam:
        mk.b_el(v, "Naam", verwijzer_naam)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def verzoek_317(wet: Wet, *, bsn: str, referentie: str = "VOW-1", ongewijzigd: Sequence[int] = (),
                te_wijzigen: Sequence[tuple[int, dt.date, int]] = (), ident: str = "W1",
                dagtekening: dt.date | None = None, aanbieder: Aanbieder | None = None) -> bytes:
    """te_wijzigen: (nummer, gewenste ingangsdatum, new weekly volume in hours)."""
    s = soorten.soort(wet, 317)
    mk = _Maker(s)
    root = mk.el(None, "Bericht")
    _kop(mk, root, aanbieder or Aanbieder(), ident, dagtekening or dt.date.today())
    c = mk.el(root, "Client")
    mk.el(c, "Bsn", bsn)
    v = mk.el(c, "Verzoek")
    mk.el(v, "ReferentieAanbieder", referentie)
    mk.el(v, "RedenVerzoek", "1")
    if ongewijzigd:
        og = mk.el(v, "OngewijzigdeProducten")
        for n in ongewijzigd:
            mk.el(mk.el(og, "OngewijzigdProduct"), "ToewijzingNummer", str(n))
    if te_wijzigen:
        tw = mk.el(v, "TeWijzigenProducten")
        for n, ingang, vol in te_wijzigen:
            p = mk.el(tw, "TeWijzigenProduct")
            mk.el(p, "ToewijzingNummer", str(n))
            mk.el(p, "GewensteIngangsdatum", ingang.isoformat())
            mk.el(p, "Einddatum", (ingang + dt.timedelta(days=180)).isoformat())
            om = mk.el(p, "Omvang")
            mk.b_el(om, "Volume", str(vol))
            mk.b_el(om, "Eenheid", "04")
            mk.b_el(om, "Frequentie", "2")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def retour_op(heen_xml: bytes, *, codes_per_klasse: dict[str, str] | None = None, ident: str = "R1") -> bytes:
    """The provider's retour (302 on a 301, 320 on a 319); `codes_per_klasse` rejects classes, e.g.
    {'ToegewezenProduct': '9332'}."""
    heen = etree.fromstring(heen_xml)
    s = soorten.per_namespace(etree.QName(heen).namespace)
    assert s is not None
    r = s.retour()
    assert r is not None
    codes = {}
    for el in heen.iter():
        if isinstance(el.tag, str) and codes_per_klasse and etree.QName(el).localname in codes_per_klasse:
            codes[el] = [codes_per_klasse[etree.QName(el).localname]]
    return bouw.bouw_retour(r, heen, bouw.RetourKop(ident, dt.date.today()), header_codes=["0200"], codes=codes)


def in_envelop(xml: bytes, functie: str, *, referentie: str = "ref-1", zender: str = "75000000",
               ontvanger: str = "0935") -> bytes:
    s = soorten.per_naam(functie)
    assert s is not None
    return envelop.maak(xml, s, zender=envelop.Systeem(zender, "Zorgsysteem"), ontvanger=envelop.Systeem(ontvanger),
                        referentienummer=referentie, tijdstip=dt.datetime.now(),
                        cross_ref="x" if s.is_retour else None)


def declaratie_323(wet: Wet, *, nummer: str, periode: tuple[dt.date, dt.date], clienten: dict[str, Sequence[dict]],
                   ident: str = "D1", dagtekening: dt.date | None = None, aanbieder: Aanbieder | None = None) -> bytes:
    """clienten: BSN -> prestaties (dicts with referentie, nummer, categorie, code, van, tot, volume, eenheid,
    tarief_cent, bedrag_cent, dc ('D'/'C'), vorige)."""
    s = soorten.soort(wet, 323)
    mk = _Maker(s)
    root = mk.el(None, "Bericht")
    _kop(mk, root, aanbieder or Aanbieder(), ident, dagtekening or dt.date.today())
    d = mk.el(root, "Declaratie")
    mk.el(d, "DeclaratieNummer", nummer)
    dp = mk.el(d, "DeclaratiePeriode")
    mk.b_el(dp, "Begindatum", periode[0].isoformat())
    mk.b_el(dp, "Einddatum", periode[1].isoformat())
    mk.el(d, "DeclaratieDagtekening", (dagtekening or dt.date.today()).isoformat())
    totaal = sum((-1 if p.get("dc") == "C" else 1) * p["bedrag_cent"] for ps in clienten.values() for p in ps)
    t = mk.el(d, "TotaalIngediendBedrag")
    mk.b_el(t, "TotaalBedrag", str(abs(totaal)))
    mk.b_el(t, "DebetCredit", "C" if totaal < 0 else "D")
    cl = mk.el(d, "Clienten")
    for bsn, ps in clienten.items():
        c = mk.el(cl, "Client")
        mk.el(c, "Bsn", bsn)
        pr = mk.el(c, "Prestaties")
        for p in ps:
            e = mk.el(pr, "Prestatie")
            ref = mk.el(e, "ProductReferentie")
            mk.b_el(ref, "ReferentieNummer", p["referentie"])
            if p.get("vorige"):
                mk.b_el(ref, "VorigReferentieNummer", p["vorige"])
            mk.el(e, "ToewijzingNummer", str(p["nummer"]))
            mk.el(e, "ProductCategorie", p["categorie"])
            mk.el(e, "ProductCode", p["code"])
            pp = mk.el(e, "ProductPeriode")
            mk.b_el(pp, "Begindatum", p["van"].isoformat())
            mk.b_el(pp, "Einddatum", p["tot"].isoformat())
            mk.el(e, "GeleverdVolume", str(p["volume"]))
            mk.el(e, "Eenheid", p.get("eenheid", "04"))
            mk.el(e, "ProductTarief", str(p["tarief_cent"]))
            ib = mk.el(e, "IngediendBedrag")
            mk.b_el(ib, "Bedrag", str(p["bedrag_cent"]))
            mk.b_el(ib, "DebetCredit", p.get("dc", "D"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def groot_323(pad: Path, wet: Wet, *, nummer: str, periode: tuple[dt.date, dt.date], bsn: str, prestatie: dict,
              doel_bytes: int, per_client: int = 5, dagtekening: dt.date | None = None,
              aanbieder: Aanbieder | None = None, in_envelop: bool = False) -> int:
    """A large 323 written to `pad` without holding it in memory: the client of `declaratie_323` repeated (each
    prestatie its own reference) until the file is `doel_bytes`; with `in_envelop` inside a GGk envelope, the
    base64 written in blocks. Returns the number of prestaties."""
    import base64

    klein = declaratie_323(wet, nummer=nummer, periode=periode, clienten={bsn: [prestatie] * per_client},
                           dagtekening=dagtekening, aanbieder=aanbieder)
    begin, eind = klein.index(b"<Client>"), klein.rindex(b"</Client>") + len(b"</Client>")
    kop, client, staart = klein[:begin], klein[begin:eind], klein[eind:]
    ref = prestatie["referentie"].encode()
    assert client.count(ref) == per_client
    n = 0
    payload = pad.with_suffix(".payload") if in_envelop else pad
    with open(payload, "wb") as f:
        f.write(kop)
        grootte = len(kop)
        while grootte < doel_bytes:
            stukken = client.split(ref)
            deel = stukken[0]
            for st in stukken[1:]:
                n += 1
                deel += f"G{n:09d}".encode() + st
            f.write(deel)
            grootte += len(deel)
        f.write(staart)
    if not in_envelop:
        return n
    s = soorten.soort(wet, 323)
    a = aanbieder or Aanbieder()
    leeg = envelop.maak(b"XXX", s, zender=envelop.Systeem(a.agb, "Zorgsysteem"), ontvanger=envelop.Systeem(a.gemeente),
                        referentienummer=f"ENV-{nummer}", tijdstip=dt.datetime.now())
    voor, na = leeg.split(base64.b64encode(b"XXX"))
    with open(pad, "wb") as uit, open(payload, "rb") as bron:
        uit.write(voor)
        while blok := bron.read(3 * 1024 * 1024):
            uit.write(base64.b64encode(blok))
        uit.write(na)
    payload.unlink()
    return n
