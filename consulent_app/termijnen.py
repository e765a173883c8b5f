"""Wettelijke termijnen: Algemene termijnenwet (Atw), Awb en Wmo 2015.

Pure functies zonder toestand; alleen standaardbibliotheek en python-dateutil.

Begrippen
---------
* Een termijn van *n* weken begint te lopen op de dag na de startdag (Awb 6:8 voor bezwaar; voor
  de beslistermijnen van Awb 4:13 en de Wmo 2015 op dezelfde manier) en eindigt dus, voor de
  Atw, op ``start + n * 7`` dagen.
* Atw art. 1 lid 1: eindigt een termijn op een zaterdag, zondag of algemeen erkende feestdag, dan
  loopt hij door tot en met de eerstvolgende dag die geen van die dagen is.
* Atw art. 2: een termijn van ten minste drie dagen bevat zo nodig verlengd ten minste twee dagen
  die geen zaterdag, zondag of feestdag zijn. Met alleen de feestdagen uit de wet zelf doet dit
  artikel bij termijnen van een week of langer nooit iets; met bij koninklijk besluit gelijkgestelde
  dagen (rond Hemelvaart) kan het wel meetellen, dus het is hier toegepast.
* Atw art. 3 lid 1 en 2: de feestdagen zelf. Art. 3 lid 3: dagen die bij koninklijk besluit worden
  gelijkgesteld (eens per drie jaar gepubliceerd in de Staatscourant, bijvoorbeeld de vrijdag na
  Hemelvaartsdag). Die staan in de configuratie, niet in deze code: het geldende besluit wordt
  meegeleverd in ``resources/default_config.toml`` (``[termijnen] gelijkgestelde_dagen``) en telt
  altijd mee (:func:`kb_gelijkgestelde_dagen`); dagen uit de configuratie van de gemeente komen er
  via ``extra_feestdagen`` bij.

Elke wettelijke termijn staat hier één keer, met artikel en lengte (:class:`Termijnregel`); services
en schermen rekenen en schrijven met deze functies en teksten, nooit met eigen getallen.
"""

from __future__ import annotations

import datetime
import enum
import functools
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass

from consulent_app import paths
from consulent_app.domain import Wet

__all__ = [
    "BESLISSING_JEUGD",
    "BESLISSING_WMO",
    "BEZWAAR",
    "BEZWAAR_WEKEN",
    "HERSTELTERMIJN_ARTIKEL",
    "JEUGD_BESLIS_WEKEN",
    "KETEN_ANTWOORD_WERKDAGEN",
    "KETEN_RETOUR_WERKDAGEN",
    "KETEN_SIGNAAL_WERKDAGEN",
    "KETEN_START_WERKDAGEN",
    "ONDERZOEK_WMO",
    "OPSCHORTING_ARTIKEL",
    "OpschortingSoort",
    "PERSOONLIJK_PLAN",
    "PERSOONLIJK_PLAN_DAGEN",
    "PERSOONLIJK_PLAN_GRONDSLAG",
    "SIGNAAL_WERKDAGEN",
    "TermijnStatus",
    "Termijnregel",
    "VERDAGING_ARTIKEL",
    "WMO_BESLIS_WEKEN",
    "WMO_ONDERZOEK_WEKEN",
    "atw_feestdagen",
    "beslistermijn",
    "beslistermijn_einde",
    "bezwaartermijn_einde",
    "gelijkgestelde_dagen",
    "is_atw_feestdag",
    "is_werkdag",
    "kb_gelijkgestelde_dagen",
    "onderzoekstermijn",
    "onderzoekstermijn_einde",
    "opgeschorte_periode",
    "opschorting_loopt",
    "persoonlijk_plan_uiterlijk",
    "signaal_grens",
    "status_tekst",
    "termijn_einde",
    "termijn_einde_met",
    "termijn_status",
    "verdaging_artikel",
    "verdaging_te_lang",
    "verdaging_toegestaan",
    "verleng_met_opschortingen",
    "volgende_werkdag",
    "werkdagen_na",
    "werkdagen_tussen",
]

#: Art. 2.3.2 lid 1 Wmo 2015: onderzoek binnen zes weken na de melding.
WMO_ONDERZOEK_WEKEN: int = 6
#: Art. 2.3.5 lid 1 Wmo 2015: beschikking binnen twee weken na ontvangst van de aanvraag.
WMO_BESLIS_WEKEN: int = 2
#: Awb 4:13 (de Jeugdwet kent geen eigen beslistermijn): binnen acht weken na de aanvraag.
JEUGD_BESLIS_WEKEN: int = 8
#: Awb 6:7 en 6:8: bezwaartermijn van zes weken, vanaf de dag na bekendmaking.
BEZWAAR_WEKEN: int = 6
#: iStandaarden (ketenafspraak iWmo/iJw 3.2): een 301 of 319 binnen vijf werkdagen na een 315/317.
KETEN_ANTWOORD_WERKDAGEN: int = 5
#: iStandaarden (ketenafspraak): een retourbericht binnen drie werkdagen na ontvangst van het heenbericht.
KETEN_RETOUR_WERKDAGEN: int = 3
#: iStandaarden (ketenafspraak): de aanbieder meldt de start van de zorg (305) binnen vijf werkdagen na die start.
KETEN_START_WERKDAGEN: int = 5
#: Signaal bij een ketentermijn van een paar werkdagen: "verloopt binnenkort" op de laatste werkdag en die ervoor.
KETEN_SIGNAAL_WERKDAGEN: int = 1
#: Signaal "verloopt binnen 5 werkdagen" (zie :func:`termijn_status`).
SIGNAAL_WERKDAGEN: int = 5

_EEN_DAG = datetime.timedelta(days=1)
_ZATERDAG = 5  # date.weekday(): maandag == 0


def _als_datum(dag: datetime.date) -> datetime.date:
    """Een ``datetime`` (subklasse van ``date``) terugbrengen tot de kale datum."""
    if isinstance(dag, datetime.datetime):
        return dag.date()
    return dag


def _als_verzameling(dagen: Iterable[datetime.date]) -> frozenset[datetime.date]:
    return frozenset(_als_datum(d) for d in dagen)


def _koningsdag(jaar: int) -> datetime.date:
    """De dag waarop de verjaardag van de Koning(in) wordt gevierd (Atw art. 3 lid 1).

    * vanaf 2014 (Willem-Alexander): 27 april, of 26 april als de 27e een zondag is;
    * 1980-2013 (Beatrix): 30 april, of 29 april als de 30e een zondag is (KB van 1980);
    * 1949-1979 (Juliana): 30 april, of maandag 1 mei als de 30e een zondag is;
    * voor 1949 (Wilhelmina): 31 augustus; de Atw gold toen nog niet (in werking 1 april 1965),
      de verschuiving naar maandag bij een zondag is hier aangenomen, niet nagegaan.
    """
    if jaar >= 2014:
        dag = datetime.date(jaar, 4, 27)
        return dag - _EEN_DAG if dag.weekday() == 6 else dag
    if jaar >= 1980:
        dag = datetime.date(jaar, 4, 30)
        return dag - _EEN_DAG if dag.weekday() == 6 else dag
    dag = datetime.date(jaar, 4, 30) if jaar >= 1949 else datetime.date(jaar, 8, 31)
    return dag + _EEN_DAG if dag.weekday() == 6 else dag


@functools.lru_cache(maxsize=512)
def atw_feestdagen(jaar: int) -> frozenset[datetime.date]:
    """Alle algemeen erkende feestdagen van Atw art. 3 lid 1 en 2 in ``jaar``.

    Nieuwjaarsdag, Goede Vrijdag (lid 2), tweede Paasdag, Koningsdag, 5 mei (elk jaar), Hemelvaartsdag,
    tweede Pinksterdag en beide Kerstdagen. Eerste Paas- en Pinksterdag zijn zondagen en tellen
    daardoor al mee. 5 mei staat sinds een wetswijziging uit de jaren tachtig in de Atw; de huidige
    tekst wordt hier op alle jaren toegepast. Bij KB gelijkgestelde dagen (lid 3) staan hier níet in.
    """
    from dateutil.easter import easter  # here, not at the top: the configuration imports this module early

    pasen = easter(jaar)
    return frozenset(
        {
            datetime.date(jaar, 1, 1),  # Nieuwjaarsdag
            pasen - datetime.timedelta(days=2),  # Goede Vrijdag (art. 3 lid 2)
            pasen + datetime.timedelta(days=1),  # tweede Paasdag
            _koningsdag(jaar),
            datetime.date(jaar, 5, 5),  # 5 mei, elk jaar
            pasen + datetime.timedelta(days=39),  # Hemelvaartsdag
            pasen + datetime.timedelta(days=50),  # tweede Pinksterdag
            datetime.date(jaar, 12, 25),  # eerste Kerstdag
            datetime.date(jaar, 12, 26),  # tweede Kerstdag
        }
    )


def is_atw_feestdag(dag: datetime.date) -> bool:
    """Is ``dag`` een algemeen erkende feestdag of een daarmee gelijkgestelde dag (Atw art. 3)?

    Lid 1 en 2: de feestdagen van :func:`atw_feestdagen`. Lid 3: de dagen die het meegeleverde
    koninklijk besluit gelijkstelt (:func:`kb_gelijkgestelde_dagen`, bijvoorbeeld 15 mei 2026).
    """
    dag = _als_datum(dag)
    return dag in atw_feestdagen(dag.year) or dag in kb_gelijkgestelde_dagen()


@functools.cache
def kb_gelijkgestelde_dagen() -> frozenset[datetime.date]:
    """De dagen die het geldende koninklijk besluit gelijkstelt met feestdagen (Atw art. 3 lid 3).

    Gelezen uit ``resources/default_config.toml`` (``[termijnen] gelijkgestelde_dagen``), dat het besluit
    meelevert (voor 2026-2028: 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028, 26 mei 2028). Elke termijn
    hier telt ze mee, ook zonder ``extra_feestdagen``.
    """
    with (paths.resources_dir() / "default_config.toml").open("rb") as fh:
        data = tomllib.load(fh)
    return gelijkgestelde_dagen(data.get("termijnen", {}).get("gelijkgestelde_dagen", []))


def _vrij(extra_feestdagen: Iterable[datetime.date]) -> frozenset[datetime.date]:
    """The equated days of the decree plus those the caller adds (a municipality's configuration)."""
    extra = _als_verzameling(extra_feestdagen)
    kb = kb_gelijkgestelde_dagen()
    return kb | extra if extra else kb


def gelijkgestelde_dagen(waarden: Iterable[datetime.date | str]) -> frozenset[datetime.date]:
    """Bij KB gelijkgestelde dagen (Atw art. 3 lid 3) uit configuratie omzetten naar datums.

    Accepteert ``date``-objecten en ISO-teksten (``"2025-05-30"``); lege teksten worden overgeslagen.
    Het resultaat kan direct als ``extra_feestdagen`` worden meegegeven.

    :raises ValueError: bij een tekst die geen ISO-datum is.
    """
    dagen: set[datetime.date] = set()
    for waarde in waarden:
        if isinstance(waarde, str):
            tekst = waarde.strip()
            if not tekst:
                continue
            try:
                dagen.add(datetime.date.fromisoformat(tekst))
            except ValueError as fout:
                raise ValueError(f"Geen geldige datum voor een gelijkgestelde dag: {waarde!r}") from fout
        else:
            dagen.add(_als_datum(waarde))
    return frozenset(dagen)


def _is_werkdag(dag: datetime.date, extra: frozenset[datetime.date]) -> bool:
    return dag.weekday() < _ZATERDAG and dag not in extra and dag not in atw_feestdagen(dag.year)


def _volgende_werkdag(dag: datetime.date, extra: frozenset[datetime.date]) -> datetime.date:
    while not _is_werkdag(dag, extra):
        dag += _EEN_DAG
    return dag


def is_werkdag(dag: datetime.date, extra_feestdagen: Iterable[datetime.date] = ()) -> bool:
    """Geen zaterdag, zondag, Atw-feestdag of gelijkgestelde dag (Atw art. 1 en 3)."""
    return _is_werkdag(_als_datum(dag), _vrij(extra_feestdagen))


def volgende_werkdag(dag: datetime.date, extra_feestdagen: Iterable[datetime.date] = ()) -> datetime.date:
    """De verschuiving van Atw art. 1 lid 1.

    Geeft ``dag`` zelf terug als het een werkdag is, anders de eerstvolgende dag die geen zaterdag,
    zondag, feestdag of gelijkgestelde dag is.
    """
    return _volgende_werkdag(_als_datum(dag), _vrij(extra_feestdagen))


def werkdagen_tussen(
    van: datetime.date, tot: datetime.date, extra_feestdagen: Iterable[datetime.date] = ()
) -> int:
    """Aantal werkdagen na ``van`` tot en met ``tot`` (geen zaterdag, zondag, feestdag of gelijkgestelde dag).

    ``0`` als ``tot == van``. Als ``tot`` vóór ``van`` ligt, is de uitkomst negatief: min het aantal
    werkdagen na ``tot`` tot en met ``van``. Rekent per week en per jaar, niet per dag: lijsten tellen dit
    voor duizenden regels, ook voor plannen die jaren over tijd zijn.
    """
    van, tot = _als_datum(van), _als_datum(tot)
    if tot < van:
        return -werkdagen_tussen(tot, van, extra_feestdagen)
    weken, rest = divmod((tot - van).days, 7)
    aantal = weken * 5
    dag = van + datetime.timedelta(days=weken * 7)
    for _ in range(rest):
        dag += _EEN_DAG
        if dag.weekday() < _ZATERDAG:
            aantal += 1
    vrij = set(_vrij(extra_feestdagen))
    for jaar in range(van.year, tot.year + 1):
        vrij |= atw_feestdagen(jaar)
    return aantal - sum(1 for f in vrij if van < f <= tot and f.weekday() < _ZATERDAG)


def _samengevoegd(
    opschortingen: Iterable[tuple[datetime.date, datetime.date]],
) -> list[tuple[datetime.date, datetime.date]]:
    """Inclusieve perioden sorteren en overlappende of aansluitende perioden samenvoegen."""
    perioden: list[tuple[datetime.date, datetime.date]] = []
    for begin, einde in opschortingen:
        begin, einde = _als_datum(begin), _als_datum(einde)
        if einde < begin:
            raise ValueError(f"Opschorting eindigt ({einde}) voordat zij begint ({begin})")
        perioden.append((begin, einde))
    perioden.sort()
    resultaat: list[tuple[datetime.date, datetime.date]] = []
    for begin, einde in perioden:
        if resultaat and begin <= resultaat[-1][1] + _EEN_DAG:
            vorig_begin, vorig_einde = resultaat[-1]
            resultaat[-1] = (vorig_begin, max(vorig_einde, einde))
        else:
            resultaat.append((begin, einde))
    return resultaat


def termijn_einde_met(
    start: datetime.date,
    weken: int,
    *,
    extra_feestdagen: Iterable[datetime.date] = (),
    opschortingen: Iterable[tuple[datetime.date, datetime.date]] = (),
) -> datetime.date:
    """Laatste dag van een termijn van ``weken`` weken, met opschorting en Atw.

    Stappen:

    1. De termijn begint te lopen op de dag na ``start``; het kale einde is ``start + weken * 7``.
    2. Opschorting (Awb 4:15): elke opschorting is een inclusieve periode ``(begin, einde)``.
       Overlappende perioden tellen één keer. Elke opgeschorte dag die ná ``start`` valt en niet
       ná het *meeschuivende* einde, verlengt de termijn met één dag. "Niet ná" betekent: een
       opschorting die begint op de laatste dag van de termijn telt nog mee, want op die dag loopt de
       termijn nog (een besluit op die dag is tijdig). Dagen vóór of op ``start`` en dagen ná het
       (al verlengde) einde tellen niet. Omdat het einde meeschuift, telt een opschorting die
       begint binnen de termijn altijd volledig mee, ook als zij langer duurt dan de resttermijn, en
       tellen latere opschortingen die door die verlenging binnen de termijn vallen ook mee.
       Opgeschorte dagen tellen als kalenderdagen, ook als het weekend- of feestdagen zijn.
    3. Pas daarna de Atw: art. 1 (eindigt de termijn op een zaterdag, zondag, feestdag of
       gelijkgestelde dag, dan schuift hij door naar de eerstvolgende werkdag) en, voor termijnen
       van ten minste drie dagen, art. 2 (zo nodig verlengen tot er ten minste twee werkdagen in
       de termijn liggen).

    :param extra_feestdagen: bij KB gelijkgestelde dagen uit de configuratie van de gemeente (Atw art. 3
        lid 3), bovenop het meegeleverde besluit.
    :raises ValueError: bij een negatief aantal weken of een opschorting die eindigt voor zij begint.
    """
    if weken < 0:
        raise ValueError(f"Een termijn kan geen negatief aantal weken duren: {weken}")
    start = _als_datum(start)
    extra = _vrij(extra_feestdagen)
    einde = start + datetime.timedelta(weeks=weken)

    eerste_dag = start + _EEN_DAG
    for begin, eind in _samengevoegd(opschortingen):
        if eind < eerste_dag:
            continue
        begin = max(begin, eerste_dag)
        if begin > einde:
            break  # gesorteerd: ook alle volgende perioden vallen na het einde
        einde += (eind - begin) + _EEN_DAG

    einde = _volgende_werkdag(einde, extra)  # Atw art. 1 lid 1
    if weken > 0:  # Atw art. 2: termijnen van ten minste drie dagen
        while not _minstens_twee_werkdagen(start, einde, extra):
            einde = _volgende_werkdag(einde + _EEN_DAG, extra)
    return einde


def _minstens_twee_werkdagen(
    start: datetime.date, einde: datetime.date, extra: frozenset[datetime.date]
) -> bool:
    """Liggen er na ``start`` tot en met ``einde`` ten minste twee werkdagen (Atw art. 2)?"""
    gevonden = 0
    dag = einde
    while dag > start:
        if _is_werkdag(dag, extra):
            gevonden += 1
            if gevonden == 2:
                return True
        dag -= _EEN_DAG
    return False


def termijn_einde(start: datetime.date, weken: int) -> datetime.date:
    """Laatste dag van een wettelijke termijn van ``weken`` weken na ``start`` (Atw art. 1, 2 en 3).

    Gelijk aan ``termijn_einde_met(start, weken)``: met de gelijkgestelde dagen van het meegeleverde
    koninklijk besluit, zonder opschortingen.
    """
    return termijn_einde_met(start, weken)


def verdaging_toegestaan(huidig_einde: datetime.date, kennisgeving: datetime.date) -> bool:
    """Awb 4:14 lid 3: verdaging moet worden meegedeeld vóórdat de termijn is verstreken.

    Toegestaan als de kennisgeving uiterlijk op de laatste dag van de (huidige) termijn valt.
    """
    return _als_datum(kennisgeving) <= _als_datum(huidig_einde)


class TermijnStatus(enum.Enum):
    """Signaal voor een lopende termijn (zie :func:`termijn_status`)."""

    OP_TIJD = "op_tijd"
    VERLOOPT_BINNENKORT = "verloopt_binnenkort"
    OVERSCHREDEN = "overschreden"

    @property
    def label(self) -> str:
        """Nederlandse omschrijving voor schermen en overzichten."""
        return _LABELS[self]


_LABELS: dict[TermijnStatus, str] = {
    TermijnStatus.OP_TIJD: "op tijd",
    TermijnStatus.VERLOOPT_BINNENKORT: f"verloopt binnen {SIGNAAL_WERKDAGEN} werkdagen",
    TermijnStatus.OVERSCHREDEN: "termijn overschreden",
}


def termijn_status(
    einde: datetime.date, vandaag: datetime.date, extra_feestdagen: Iterable[datetime.date] = (),
    *, signaal_werkdagen: int = SIGNAAL_WERKDAGEN,
) -> TermijnStatus:
    """Status van een termijn met laatste dag ``einde`` op ``vandaag``: THE rule for every screen and list.

    * ``OVERSCHREDEN`` als ``vandaag > einde``;
    * ``VERLOOPT_BINNENKORT`` als ``einde`` vandaag is of binnen de eerstvolgende ``signaal_werkdagen``
      (standaard vijf, configureerbaar) werkdagen na vandaag valt; op maandag valt dus een einde tot
      en met de maandag erna hieronder, bij een week zonder feestdagen;
    * anders ``OP_TIJD``.
    """
    einde, vandaag = _als_datum(einde), _als_datum(vandaag)
    if vandaag > einde:
        return TermijnStatus.OVERSCHREDEN
    if werkdagen_tussen(vandaag, einde, extra_feestdagen) <= signaal_werkdagen:
        return TermijnStatus.VERLOOPT_BINNENKORT
    return TermijnStatus.OP_TIJD


def signaal_grens(vandaag: datetime.date, extra_feestdagen: Iterable[datetime.date] = (), *,
                  signaal_werkdagen: int = SIGNAAL_WERKDAGEN) -> datetime.date:
    """The last end date that :func:`termijn_status` calls VERLOOPT_BINNENKORT today (for filters in SQL).

    Every end up to and including this day is "verloopt binnenkort" (or already past); the next day is the first
    with more than ``signaal_werkdagen`` working days to go.
    """
    vandaag = _als_datum(vandaag)
    extra = _vrij(extra_feestdagen)
    dag, gezien = vandaag, 0
    while True:
        volgende = dag + _EEN_DAG
        if _is_werkdag(volgende, extra):
            if gezien == signaal_werkdagen:
                return dag
            gezien += 1
        dag = volgende


def status_tekst(status: TermijnStatus, signaal_werkdagen: int = SIGNAAL_WERKDAGEN) -> str:
    """The words for a status, with the configured signal window ("verloopt binnen 5 werkdagen")."""
    if status is TermijnStatus.VERLOOPT_BINNENKORT:
        return f"verloopt binnen {signaal_werkdagen} werkdag{'' if signaal_werkdagen == 1 else 'en'}"
    return status.label


def verleng_met_opschortingen(
    einde: datetime.date,
    vanaf: datetime.date,
    opschortingen: Iterable[tuple[datetime.date, datetime.date]] = (),
) -> datetime.date:
    """Een vastgestelde einddatum (bijvoorbeeld de nieuwe termijn na verdaging, Awb 4:14) verlengd met opschorting.

    Telt alleen opgeschorte dagen ná ``vanaf`` (de dag van de kennisgeving), met dezelfde regels als
    :func:`termijn_einde_met` stap 2 (inclusieve perioden, meeschuivend einde). Eerdere opschortingen zaten al in
    de termijn waarop de verdaging volgde. De Atw wordt niet toegepast: een bij kennisgeving genoemde datum is
    geen bij wet gestelde termijn (Atw art. 1) en blijft dus staan, ook op een zaterdag.
    """
    einde = _als_datum(einde)
    eerste_dag = _als_datum(vanaf) + _EEN_DAG
    for begin, eind in _samengevoegd(opschortingen):
        if eind < eerste_dag:
            continue
        begin = max(begin, eerste_dag)
        if begin > einde:
            break
        einde += (eind - begin) + _EEN_DAG
    return einde


# --------------------------------------------------------------------------------------------------------------
# Persoonlijk plan (Wmo 2015 art. 2.3.2 lid 2)
# --------------------------------------------------------------------------------------------------------------

#: Art. 2.3.2 lid 2 Wmo 2015: de cliënt kan binnen zeven dagen na de melding een persoonlijk plan overhandigen.
PERSOONLIJK_PLAN_DAGEN: int = 7
#: De tekst van de regel, voor schermen en documenten (één bron).
PERSOONLIJK_PLAN_GRONDSLAG: str = (
    "Wmo 2015 art. 2.3.2 lid 2: de cliënt kan binnen 7 dagen na de melding een persoonlijk plan overhandigen."
)


def persoonlijk_plan_uiterlijk(
    meldingsdatum: datetime.date, *, extra_feestdagen: Iterable[datetime.date] = ()
) -> datetime.date:
    """Laatste dag waarop de cliënt een persoonlijk plan kan overhandigen (Wmo 2015 art. 2.3.2 lid 2).

    Zeven dagen na de melding: de termijn begint de dag na de melding en eindigt op ``meldingsdatum + 7``; valt
    die dag op een zaterdag, zondag, feestdag of gelijkgestelde dag, dan schuift hij door naar de eerstvolgende
    werkdag (Atw art. 1 lid 1). Een termijn van zeven dagen bevat daarmee altijd ten minste twee werkdagen
    (Atw art. 2), tenzij er gelijkgestelde dagen in vallen; dat wordt hier op dezelfde manier afgedwongen als bij
    :func:`termijn_einde_met`.

    :param extra_feestdagen: bij KB gelijkgestelde dagen uit de configuratie (Atw art. 3 lid 3).
    """
    # Zeven dagen zijn precies één week: dezelfde berekening als elke andere termijn hierboven.
    return termijn_einde_met(meldingsdatum, 1, extra_feestdagen=extra_feestdagen)


# ----------------------------------------------------------------------------------------------------------------
# The legal terms of the process, each once: length, article and the words screens and letters show
# ----------------------------------------------------------------------------------------------------------------

_WEKEN_WOORD = {1: "één week", 2: "twee weken", 6: "zes weken", 8: "acht weken"}


@dataclass(frozen=True)
class Termijnregel:
    """One legal term: how long, on what ground, in words (the UI shows `tekst`, never its own)."""

    soort: str  # onderzoek / beslissing / bezwaar
    weken: int
    artikel: str
    omschrijving: str

    @property
    def lengte(self) -> str:
        """'zes weken'."""
        return _WEKEN_WOORD.get(self.weken, f"{self.weken} weken")

    @property
    def tekst(self) -> str:
        """'Wmo 2015 art. 2.3.2 lid 1: onderzoek binnen zes weken na de melding.'"""
        return f"{self.artikel}: {self.omschrijving}"


#: Art. 2.3.2 lid 1 Wmo 2015: the investigation within six weeks after the melding.
ONDERZOEK_WMO = Termijnregel("onderzoek", WMO_ONDERZOEK_WEKEN, "Wmo 2015 art. 2.3.2 lid 1",
                             "onderzoek binnen zes weken na de melding")
#: Art. 2.3.5 lid 1 Wmo 2015: the decision within two weeks after the aanvraag.
BESLISSING_WMO = Termijnregel("beslissing", WMO_BESLIS_WEKEN, "Wmo 2015 art. 2.3.5 lid 1",
                              "beschikking binnen twee weken na de aanvraag")
#: Awb 4:13 lid 2: the Jeugdwet has no term of its own, so a reasonable term of at most eight weeks.
BESLISSING_JEUGD = Termijnregel("beslissing", JEUGD_BESLIS_WEKEN, "Awb 4:13",
                                "beschikking binnen acht weken na de aanvraag (de Jeugdwet kent geen eigen termijn)")
#: Awb 6:7 and 6:8: objection within six weeks, from the day after the decision was sent.
BEZWAAR = Termijnregel("bezwaar", BEZWAAR_WEKEN, "Awb 6:7 en 6:8",
                       "bezwaar binnen zes weken, vanaf de dag na verzending")
#: Art. 2.3.2 lid 2 Wmo 2015: the persoonlijk plan within seven days (one week) after the melding.
PERSOONLIJK_PLAN = Termijnregel("persoonlijk_plan", PERSOONLIJK_PLAN_DAGEN // 7, "Wmo 2015 art. 2.3.2 lid 2",
                                "persoonlijk plan binnen zeven dagen na de melding")


def onderzoekstermijn(wet: Wet | str) -> Termijnregel | None:
    """Art. 2.3.2 lid 1 Wmo 2015 for the Wmo; the Jeugdwet sets no investigation term (None)."""
    return ONDERZOEK_WMO if Wet(wet) is Wet.WMO else None


def beslistermijn(wet: Wet | str) -> Termijnregel:
    """Art. 2.3.5 lid 1 Wmo 2015 (two weeks) or, for the Jeugdwet, Awb 4:13 (eight weeks)."""
    return BESLISSING_WMO if Wet(wet) is Wet.WMO else BESLISSING_JEUGD


def onderzoekstermijn_einde(
    wet: Wet | str, meldingsdatum: datetime.date, *,
    opschortingen: Iterable[tuple[datetime.date, datetime.date]] = (),
    extra_feestdagen: Iterable[datetime.date] = (),
) -> datetime.date | None:
    """Last day of the investigation term (art. 2.3.2 lid 1 Wmo 2015), with agreed extensions and the Atw.

    None for the Jeugdwet, which has no investigation term.
    """
    regel = onderzoekstermijn(wet)
    if regel is None:
        return None
    return termijn_einde_met(meldingsdatum, regel.weken, extra_feestdagen=extra_feestdagen,
                             opschortingen=opschortingen)


def beslistermijn_einde(
    wet: Wet | str, aanvraagdatum: datetime.date, *,
    opschortingen: Iterable[tuple[datetime.date, datetime.date]] = (),
    verdaging: tuple[datetime.date, datetime.date] | None = None,
    extra_feestdagen: Iterable[datetime.date] = (),
) -> datetime.date:
    """Last day of the decision term (art. 2.3.5 lid 1 Wmo 2015 / Awb 4:13), with suspension and postponement.

    Suspension (Awb 4:15) moves the end by the suspended days, then the Atw applies. After a postponement
    (Awb 4:14), `verdaging` = (day of the notice, new end date): the new end stands as told to the client and
    moves only by suspensions after the notice.
    """
    ops = list(opschortingen)
    if verdaging is not None:
        kennisgeving, nieuw = verdaging
        return verleng_met_opschortingen(nieuw, kennisgeving, ops)
    return termijn_einde_met(aanvraagdatum, beslistermijn(wet).weken, extra_feestdagen=extra_feestdagen,
                             opschortingen=ops)


def bezwaartermijn_einde(verzonden_op: datetime.date, *, extra_feestdagen: Iterable[datetime.date] = ()
                         ) -> datetime.date:
    """Last day of the objection term: six weeks from the day after sending (Awb 6:7, 6:8), with the Atw."""
    return termijn_einde_met(verzonden_op, BEZWAAR.weken, extra_feestdagen=extra_feestdagen)


# ----------------------------------------------------------------------------------------------------------------
# Suspension (Awb 4:15) and postponement (Awb 4:14)
# ----------------------------------------------------------------------------------------------------------------


#: Awb 4:15: suspension of the decision term; Awb 4:14: its postponement; Awb 4:5: the deadline to complete.
OPSCHORTING_ARTIKEL = "Awb 4:15"
VERDAGING_ARTIKEL = "Awb 4:14"
HERSTELTERMIJN_ARTIKEL = "Awb 4:5"


class OpschortingSoort(enum.StrEnum):
    """Why a term stands still. Only the decision term can be suspended under the Awb; the Wmo investigation
    term (art. 2.3.2 lid 1) is extended only by agreement with the client."""

    AANVULLING = "aanvulling"  # Awb 4:15 lid 1 sub a: invited to complete the request (Awb 4:5), with a deadline
    INSTEMMING = "instemming"  # Awb 4:15 lid 2 sub a: with the applicant's written consent
    VERTRAGING_AANVRAGER = "vertraging_aanvrager"  # Awb 4:15 lid 2 sub b: delay attributable to the applicant
    OVERMACHT = "overmacht"  # Awb 4:15 lid 2 sub c: force majeure
    AFSPRAAK = "afspraak"  # investigation term: extended by agreement with the client
    ONBEKEND = "onbekend"  # recorded by the first version, ground not recorded: start..eind are the suspended days

    @property
    def label(self) -> str:
        return _OPSCHORTING_LABELS[self]

    @property
    def grondslag(self) -> str:
        return _OPSCHORTING_GRONDSLAG[self]

    @classmethod
    def voor(cls, soort_termijn: str) -> tuple[OpschortingSoort, ...]:
        """The kinds that apply to a term: 'onderzoek' (the melding) or 'beslissing' (the aanvraag)."""
        if soort_termijn == "onderzoek":
            return (cls.AFSPRAAK,)
        return (cls.AANVULLING, cls.INSTEMMING, cls.VERTRAGING_AANVRAGER, cls.OVERMACHT)


_OPSCHORTING_LABELS = {
    OpschortingSoort.AANVULLING: "Cliënt gevraagd de aanvraag aan te vullen",
    OpschortingSoort.INSTEMMING: "Met schriftelijke instemming van de cliënt",
    OpschortingSoort.VERTRAGING_AANVRAGER: "Vertraging die aan de cliënt te wijten is",
    OpschortingSoort.OVERMACHT: "Overmacht",
    OpschortingSoort.AFSPRAAK: "Verlenging in overleg met de cliënt",
    OpschortingSoort.ONBEKEND: "Opschorting (grond niet vastgelegd)",
}
_OPSCHORTING_GRONDSLAG = {
    OpschortingSoort.AANVULLING: "Awb 4:15 lid 1 onder a; hersteltermijn: Awb 4:5",
    OpschortingSoort.INSTEMMING: "Awb 4:15 lid 2 onder a",
    OpschortingSoort.VERTRAGING_AANVRAGER: "Awb 4:15 lid 2 onder b",
    OpschortingSoort.OVERMACHT: "Awb 4:15 lid 2 onder c",
    OpschortingSoort.AFSPRAAK: "afspraak met de cliënt over de onderzoekstermijn (Wmo 2015 art. 2.3.2 lid 1)",
    OpschortingSoort.ONBEKEND: "Awb 4:15",
}


def opgeschorte_periode(
    soort: OpschortingSoort | str, start: datetime.date, *, eind: datetime.date | None = None,
    uiterlijk: datetime.date | None = None, aangevuld_op: datetime.date | None = None, vandaag: datetime.date,
) -> tuple[datetime.date, datetime.date] | None:
    """The suspended days of one suspension, as an inclusive period; None when no day is suspended (yet).

    * Invited to complete the request (Awb 4:15 lid 1 onder a): `start` is the day of the invitation. The term
      stands still "met ingang van de dag na die waarop" the client was invited, "tot de dag waarop de aanvraag
      is aangevuld" (that day runs again) "of de daarvoor gestelde termijn ongebruikt is verstreken" (the last
      day of the deadline `uiterlijk`, Awb 4:5, is the last suspended day). Not completed and the deadline not
      passed: suspended up to and including today.
    * Other kinds (consent, delay, force majeure, an agreed extension): `start` and `eind` are the first and last
      suspended day; still open: up to and including today.
    """
    if OpschortingSoort(soort) is OpschortingSoort.AANVULLING:
        eerste = start + _EEN_DAG
        grenzen = [d for d in (aangevuld_op - _EEN_DAG if aangevuld_op else None, uiterlijk) if d is not None]
        if aangevuld_op is None:
            grenzen.append(vandaag)
        laatste = min(grenzen)
        return (eerste, laatste) if laatste >= eerste else None
    laatste = eind if eind is not None else vandaag
    return (start, laatste) if laatste >= start else None


def opschorting_loopt(*, eind: datetime.date | None, uiterlijk: datetime.date | None,
                      aangevuld_op: datetime.date | None, vandaag: datetime.date) -> bool:
    """Does the suspension still run today? It ends when completed, on its end date, or by itself once the
    deadline given to the client (Awb 4:5) has passed."""
    if aangevuld_op is not None or eind is not None:
        return False
    return uiterlijk is None or vandaag <= uiterlijk


def verdaging_artikel(wet: Wet | str) -> str:
    """Awb 4:14 lid 1 where the law sets a term (Wmo 2015); lid 3 where it does not (Jeugdwet, Awb 4:13)."""
    return "Awb 4:14 lid 1" if Wet(wet) is Wet.WMO else "Awb 4:14 lid 3"


def verdaging_te_lang(wet: Wet | str, huidig_einde: datetime.date, nieuwe_einddatum: datetime.date) -> bool:
    """Awb 4:14: the new term is "zo kort mogelijk". A postponement longer than the original term length (two
    weeks Wmo, eight weeks Jeugd) needs a recorded reason why it must be that long."""
    return (_als_datum(nieuwe_einddatum) - _als_datum(huidig_einde)).days > beslistermijn(wet).weken * 7


def werkdagen_na(
    start: datetime.date, aantal: int, extra_feestdagen: Iterable[datetime.date] = ()
) -> datetime.date:
    """De dag waarop een termijn van ``aantal`` werkdagen na ``start`` eindigt (ketentermijnen iStandaarden).

    De dag van ontvangst telt niet mee; zaterdag, zondag, de feestdagen van de Atw en de gelijkgestelde dagen
    tellen niet als werkdag. ``werkdagen_tussen(start, werkdagen_na(start, n)) == n``.
    """
    if aantal < 0:
        raise ValueError(f"Een termijn kan geen negatief aantal werkdagen duren: {aantal}")
    dag = _als_datum(start)
    extra = _als_verzameling(extra_feestdagen)
    for _ in range(aantal):
        dag = _volgende_werkdag(dag + _EEN_DAG, extra)
    return dag
