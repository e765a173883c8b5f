"""Readers of what providers send: an envelope or a bare message in, typed data out.

`lees_bestand` opens a file's bytes (a GGk envelope, or a bare iWmo/iJw message) and recognises the kind by its
namespace; `LEZERS` maps a message number to the reader that turns the parsed message into data. That registry
is the extension point for further kinds: the 323 declaratie is added with `registreer_lezer(323, lees_323)`
(and its use case with `consulent_app.services.berichten.registreer_verwerker`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from lxml.etree import _Element as Element  # noqa: E402

from consulent_app.berichten import envelop, soorten, xsd
from consulent_app.berichten.envelop import Envelop, OnleesbaarBestand
from consulent_app.berichten.soorten import BerichtSoort

#: Larger files are refused unread: a month of a city's messages is far below this.
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Kop:
    """The header of a received message, read leniently (also from a message that fails its XSD)."""

    afzender: str
    ontvanger: str
    identificatie: str
    dagtekening: dt.date | None
    xsd_basis: str
    xsd_bericht: str


@dataclass
class Ontvangen:
    soort: BerichtSoort
    xml: bytes  # the message itself (payload of the envelope)
    root: Element
    kop: Kop
    xsd_fouten: list[str]
    envelop: Envelop | None = None
    #: A large 323 read as a stream (berichten/declaratie_stroom.Stroom): `root` is then its skeleton.
    stroom: Any = None


def _parse(data: bytes) -> Element:
    try:
        return etree.fromstring(data, parser=xsd.VEILIGE_PARSER)
    except etree.XMLSyntaxError as exc:
        regel = f" (regel {exc.lineno})" if getattr(exc, "lineno", None) else ""
        raise OnleesbaarBestand(f"Het bestand is geen geldige XML{regel}.") from exc


def _datum(tekst: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((tekst or "").strip()[:10])
    except ValueError:
        return None


def lees_bestand(data: bytes) -> Ontvangen:
    """Open one received file. OnleesbaarBestand (a Dutch text) when it is not a message the product can read."""
    if len(data) > MAX_BYTES:
        raise OnleesbaarBestand("Het bestand is te groot voor één bericht.")
    if not data.strip():
        raise OnleesbaarBestand("Het bestand is leeg.")
    root = _parse(data)
    env = None
    if envelop.is_envelop(root):
        env = envelop.lees(root)
        data = env.payload
        root = _parse(data)
    ns = etree.QName(root).namespace
    soort = soorten.per_namespace(ns)
    if soort is None or etree.QName(root).localname != "Bericht":
        raise OnleesbaarBestand(
            "Dit is geen iWmo- of iJw-bericht van release 3.2 (onbekende namespace "
            f"'{(ns or 'geen')[:80]}').")
    if env is not None and env.functie.upper() != soort.naam:
        raise OnleesbaarBestand(f"De envelop zegt {env.functie}, maar het bericht is een {soort.naam}.")
    m, b = soort.namespace, soort.basis_ns
    h = root.find(f"{{{m}}}Header")

    def t(pad: str) -> str:
        return ((h.findtext(pad.format(m=m, b=b)) if h is not None else None) or "").strip()

    kop = Kop(
        afzender=t("{{{m}}}Afzender"), ontvanger=t("{{{m}}}Ontvanger"),
        identificatie=t("{{{m}}}BerichtIdentificatie/{{{b}}}Identificatie"),
        dagtekening=_datum(t("{{{m}}}BerichtIdentificatie/{{{b}}}Dagtekening")),
        xsd_basis=t("{{{m}}}XsdVersie/{{{b}}}BasisschemaXsdVersie"),
        xsd_bericht=t("{{{m}}}XsdVersie/{{{b}}}BerichtXsdVersie"),
    )
    fouten = xsd.fouten(soort, root) if xsd.heeft_xsd(soort) else []
    return Ontvangen(soort=soort, xml=data, root=root, kop=kop, xsd_fouten=fouten, envelop=env)


# --- typed contents ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClientKop:
    bsn: str
    geboortedatum: dt.date | None
    achternaam: str


@dataclass(frozen=True)
class StartStopRegel:
    el: Element  # the StartProduct / StopProduct element (its retour codes are keyed on it)
    toewijzing_nummer: int | None
    categorie: str | None
    code: str | None
    begindatum: dt.date
    status_aanlevering: str  # COD467: 1 eerste, 2 gewijzigd, 3 verwijderen
    einddatum: dt.date | None = None  # 307 only
    reden_beeindiging: str | None = None  # 307 only


@dataclass(frozen=True)
class StartStop:
    client_el: Element
    client: ClientKop
    regels: tuple[StartStopRegel, ...]
    stop: bool


@dataclass(frozen=True)
class AangevraagdProduct:
    el: Element
    referentie: str
    categorie: str | None
    code: str | None
    ingangsdatum: dt.date
    einddatum: dt.date | None
    volume: int | None
    eenheid: str | None
    frequentie: str | None
    budget: int | None
    verwijzer_type: str
    verwijzer_naam: str | None
    verwijzer_agb: str | None
    commentaar: str | None


@dataclass(frozen=True)
class VerzoekToewijzing:
    client_el: Element
    client: ClientKop
    producten: tuple[AangevraagdProduct, ...]


@dataclass(frozen=True)
class GewijzigdProduct:
    el: Element
    toewijzing_nummer: int | None  # None for a new product
    categorie: str | None
    code: str | None
    ingangsdatum: dt.date | None
    einddatum: dt.date | None
    volume: int | None
    eenheid: str | None
    frequentie: str | None
    budget: int | None


@dataclass(frozen=True)
class VerzoekWijziging:
    client_el: Element
    verzoek_el: Element
    bsn: str
    referentie: str
    reden: str
    ongewijzigd: tuple[tuple[Element, int], ...]
    te_wijzigen: tuple[GewijzigdProduct, ...]
    nieuw: tuple[GewijzigdProduct, ...]


@dataclass(frozen=True)
class Retour:
    """A received retour (302 on a 301, 320 on a 319): which message it answers and every code in it."""

    identificatie_heen: str
    codes: tuple[tuple[str, str], ...]  # (class, code), header first
    goedgekeurd: bool = field(default=False)


@functools.lru_cache(maxsize=512)
def _pad(m: str, b: str, pad: str) -> str:
    """'Header/~Identificatie' with its namespaces (message, basisschema), spelled once per path: a large 323 asks
    for the same dozen paths hundreds of thousands of times."""
    return "/".join(f"{{{b}}}{p[1:]}" if p.startswith("~") else f"{{{m}}}{p}" for p in pad.split("/"))


class _Lezer:
    def __init__(self, o: Ontvangen) -> None:
        self.m, self.b = o.soort.namespace, o.soort.basis_ns
        self.root = o.root

    def q(self, pad: str) -> str:
        return _pad(self.m, self.b, pad)

    def t(self, el: Element, pad: str) -> str | None:
        v = el.findtext(_pad(self.m, self.b, pad))
        if v is None:
            return None
        v = v.strip()
        return v or None

    def d(self, el: Element, pad: str) -> dt.date | None:
        return _datum(self.t(el, pad))

    def i(self, el: Element, pad: str) -> int | None:
        v = self.t(el, pad)
        try:
            return int(v) if v is not None else None
        except ValueError:
            return None

    def all(self, el: Element, pad: str) -> list[Element]:
        return el.findall(self.q(pad))

    def client(self) -> tuple[Element, ClientKop]:
        c = self.root.find(self.q("Client"))
        if c is None:
            raise OnleesbaarBestand("Het bericht bevat geen cliënt.")
        return c, ClientKop(bsn=self.t(c, "Bsn") or "", geboortedatum=self.d(c, "Geboortedatum/~Datum"),
                            achternaam=self.t(c, "Naam/~Geslachtsnaam/~Achternaam") or "")


def lees_start_stop(o: Ontvangen) -> StartStop:
    lz = _Lezer(o)
    c, kop = lz.client()
    stop = o.soort.nummer == 307
    tag = "StopProducten/StopProduct" if stop else "StartProducten/StartProduct"
    regels = []
    for p in lz.all(c, tag):
        regels.append(StartStopRegel(
            el=p, toewijzing_nummer=lz.i(p, "ToewijzingNummer"), categorie=lz.t(p, "Product/~Categorie"),
            code=lz.t(p, "Product/~Code"), begindatum=lz.d(p, "Begindatum") or dt.date.min,
            status_aanlevering=lz.t(p, "StatusAanlevering") or "1",
            einddatum=lz.d(p, "Einddatum") if stop else None,
            reden_beeindiging=lz.t(p, "RedenBeeindiging") if stop else None))
    return StartStop(client_el=c, client=kop, regels=tuple(regels), stop=stop)


def _omvang(lz: _Lezer, p: Element) -> tuple[int | None, str | None, str | None]:
    return lz.i(p, "Omvang/~Volume"), lz.t(p, "Omvang/~Eenheid"), lz.t(p, "Omvang/~Frequentie")


def lees_315(o: Ontvangen) -> VerzoekToewijzing:
    lz = _Lezer(o)
    c, kop = lz.client()
    uit = []
    for p in lz.all(c, "AangevraagdeProducten/AangevraagdProduct"):
        vol, eenh, freq = _omvang(lz, p)
        uit.append(AangevraagdProduct(
            el=p, referentie=lz.t(p, "ReferentieAanbieder") or "", categorie=lz.t(p, "Product/~Categorie"),
            code=lz.t(p, "Product/~Code"), ingangsdatum=lz.d(p, "ToewijzingIngangsdatum") or dt.date.min,
            einddatum=lz.d(p, "ToewijzingEinddatum"), volume=vol, eenheid=eenh, frequentie=freq,
            budget=lz.i(p, "Budget"), verwijzer_type=lz.t(p, "Verwijzer/~Type") or "",
            verwijzer_naam=lz.t(p, "Verwijzer/~Naam"), verwijzer_agb=lz.t(p, "Verwijzer/~ZorgverlenerCode"),
            commentaar=lz.t(p, "Commentaar")))
    return VerzoekToewijzing(client_el=c, client=kop, producten=tuple(uit))


def lees_317(o: Ontvangen) -> VerzoekWijziging:
    lz = _Lezer(o)
    c = o.root.find(lz.q("Client"))
    if c is None:
        raise OnleesbaarBestand("Het bericht bevat geen cliënt.")
    v = c.find(lz.q("Verzoek"))
    if v is None:
        raise OnleesbaarBestand("Het bericht bevat geen verzoek.")

    def gewijzigd(p: Element, nummer: bool) -> GewijzigdProduct:
        vol, eenh, freq = _omvang(lz, p)
        return GewijzigdProduct(el=p, toewijzing_nummer=lz.i(p, "ToewijzingNummer") if nummer else None,
                                categorie=lz.t(p, "Product/~Categorie"), code=lz.t(p, "Product/~Code"),
                                ingangsdatum=lz.d(p, "GewensteIngangsdatum"), einddatum=lz.d(p, "Einddatum"),
                                volume=vol, eenheid=eenh, frequentie=freq, budget=lz.i(p, "Budget"))

    return VerzoekWijziging(
        client_el=c, verzoek_el=v, bsn=lz.t(c, "Bsn") or "", referentie=lz.t(v, "ReferentieAanbieder") or "",
        reden=lz.t(v, "RedenVerzoek") or "",
        ongewijzigd=tuple((p, lz.i(p, "ToewijzingNummer") or -1)
                          for p in lz.all(v, "OngewijzigdeProducten/OngewijzigdProduct")),
        te_wijzigen=tuple(gewijzigd(p, True) for p in lz.all(v, "TeWijzigenProducten/TeWijzigenProduct")),
        nieuw=tuple(gewijzigd(p, False) for p in lz.all(v, "NieuweProducten/NieuwProduct")))


def lees_retour(o: Ontvangen) -> Retour:
    lz = _Lezer(o)
    ident = lz.t(o.root, "Header/BerichtIdentificatie/~Identificatie") or ""
    codes: list[tuple[str, str]] = []
    for rc in o.root.iter(f"{{{lz.m}}}RetourCode"):
        parent = rc.getparent()
        klasse = parent.getparent() if parent is not None else None
        naam = etree.QName(klasse).localname if klasse is not None else "?"
        codes.append((naam, (rc.text or "").strip()))
    goed = bool(codes) and all(code == "0200" for _k, code in codes)
    return Retour(identificatie_heen=ident, codes=tuple(codes), goedgekeurd=goed)


Lezer = Callable[[Ontvangen], Any]

#: Message number -> reader. Extension point: a new kind (323 declaratie) registers its reader here.
LEZERS: dict[int, Lezer] = {
    302: lees_retour,
    305: lees_start_stop,
    307: lees_start_stop,
    315: lees_315,
    317: lees_317,
    320: lees_retour,
}


def registreer_lezer(nummer: int, lezer: Lezer) -> None:
    LEZERS[nummer] = lezer


def _lees_323(o: Ontvangen) -> Any:
    from consulent_app.berichten.declaratie import lees_323

    return lees_323(o)


LEZERS[323] = _lees_323
