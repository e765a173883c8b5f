"""The iStandaarden rules a message must meet before it leaves (besides its XSD), in Dutch for whoever fixes it.

Each check names its rule: CS002 (11-proef BSN), CS003 (end not before start), CD041/CD077/CD078/CD079 (Omvang or
Budget), CD075/CD076 (Einddatum required with a budget or a weekly frequency), CS335/CS336 (RedenWijziging 13 and
01), CS338 (frequency of day-units), TR332 (ToewijzingNummer unique within the law, never reused), TR379
(ReferentieAanbieder only when the assignment honours a provider's request), TR135 (dagtekening not in the
future), TR365/TR359 (one final answer per request).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from stdnum.nl import bsn as stdnum_bsn

from consulent_app.berichten.bouw import ClientGegevens, Kop, ToegewezenProduct


@dataclass(frozen=True)
class Bevinding:
    regel: str  # CS002, TR332, ...
    veld: str
    tekst: str  # Dutch, for the person who can fix it

    def __str__(self) -> str:
        return f"{self.tekst} ({self.regel})"


def bsn_geldig(bsn: str | None) -> bool:
    """CS002: a BSN is nine digits that pass the 11-proef."""
    return bool(bsn) and len(bsn or "") == 9 and stdnum_bsn.is_valid(bsn or "")


def controleer_kop(kop: Kop, vandaag: dt.date) -> list[Bevinding]:
    uit = []
    if not (kop.gemeentecode.isdigit() and len(kop.gemeentecode) == 4):
        uit.append(Bevinding("S300", "gemeentecode", "De gemeentecode in de configuratie ([berichten] gemeentecode) "
                                                     "moet de CBS-code van vier cijfers zijn."))
    if not (kop.agb_code.isdigit() and len(kop.agb_code) == 8):
        uit.append(Bevinding("RS", "agb_code", "De aanbieder heeft geen geldige AGB-code (acht cijfers). Vul die "
                                               "in het aanbiedersregister in."))
    if kop.dagtekening > vandaag:
        uit.append(Bevinding("TR135", "dagtekening", "De dagtekening van het bericht ligt in de toekomst."))
    return uit


def controleer_301(kop: Kop, client: ClientGegevens, producten: Sequence[ToegewezenProduct], *, vandaag: dt.date,
                   open_verzoeken: Collection[str], nummers_elders: Collection[int] = ()) -> list[Bevinding]:
    """The rules of a 301 beyond its XSD. `open_verzoeken`: ReferentieAanbieder of this provider's requests that
    this municipality has received and may honour; `nummers_elders`: numbers already used for another assignment
    of the same law (TR332)."""
    uit = controleer_kop(kop, vandaag)
    if not bsn_geldig(client.bsn):
        uit.append(Bevinding("CS002", "bsn", "Het BSN van de cliënt voldoet niet aan de elfproef."))
    if not producten:
        uit.append(Bevinding("TR", "producten", "Een toewijzing moet minstens één toegewezen product bevatten."))
    gezien: set[int] = set()
    for p in producten:
        naam = f"Toewijzing {p.nummer}"
        if p.nummer in gezien or p.nummer in nummers_elders:
            uit.append(Bevinding("TR332", "toewijzingnummer",
                                 f"{naam}: dit toewijzingnummer is al gebruikt binnen deze wet."))
        gezien.add(p.nummer)
        if p.einddatum is not None and p.einddatum < p.ingangsdatum:
            uit.append(Bevinding("CS003", "einddatum", f"{naam}: de einddatum ligt vóór de ingangsdatum."))
        if p.reden_wijziging == "13" and p.einddatum != p.ingangsdatum:
            uit.append(Bevinding("CS335", "reden_wijziging",
                                 f"{naam}: 'verwijderd' (13) kan alleen als de einddatum gelijk is aan de ingangsdatum."))
        if p.reden_wijziging == "01":
            uit.append(Bevinding("CS336", "reden_wijziging", f"{naam}: reden wijziging 01 is vervallen."))
        if p.budget is not None and p.volume is not None:
            uit.append(Bevinding("CD077", "omvang", f"{naam}: geef een omvang óf een budget, niet allebei."))
        if p.budget is None and not p.categorie:
            uit.append(Bevinding("CD079", "product", f"{naam}: zonder budget is het product verplicht."))
        if p.code and p.volume is None and p.budget is None:
            uit.append(Bevinding("CD041", "omvang", f"{naam}: bij een productcode hoort een omvang."))
        if p.budget is not None and p.einddatum is None:
            uit.append(Bevinding("CD075", "einddatum", f"{naam}: bij een budget is een einddatum verplicht."))
        if p.frequentie == "2" and p.einddatum is None:
            uit.append(Bevinding("CD076", "einddatum",
                                 f"{naam}: bij een omvang per week is een einddatum verplicht. Geef de voorziening "
                                 "een einddatum of plan het periodiek onderzoek."))
        if p.eenheid in ("14", "16", "83", "84") and p.volume is not None and p.frequentie == "1":
            uit.append(Bevinding("CS338", "frequentie",
                                 f"{naam}: etmalen, dagdelen, euro's en stuks gaan per week, per maand of in totaal."))
        if p.referentie_aanbieder and p.referentie_aanbieder not in open_verzoeken:
            uit.append(Bevinding("TR379", "referentie_aanbieder",
                                 f"{naam}: ReferentieAanbieder hoort alleen bij een toewijzing die een verzoek "
                                 "van deze aanbieder honoreert; zo'n verzoek is er niet."))
        if p.toewijzingsdatum > vandaag:
            uit.append(Bevinding("TR135", "toewijzingsdatum", f"{naam}: de toewijzingsdatum ligt in de toekomst."))
    return uit


def controleer_319(kop: Kop, *, antwoord: str, reden_afwijzing: str | None, vandaag: dt.date,
                   verzoek_bekend: bool, al_definitief_beantwoord: bool) -> list[Bevinding]:
    uit = controleer_kop(kop, vandaag)
    if antwoord not in ("1", "2"):
        uit.append(Bevinding("WJ760", "antwoord", "Kies: verzoek afgewezen of aanvraag in onderzoek."))
    if antwoord == "1" and not reden_afwijzing:
        uit.append(Bevinding("CD", "reden", "Bij een afwijzing hoort de reden van afwijzing."))
    if antwoord == "2" and reden_afwijzing:
        uit.append(Bevinding("CD", "reden", "Een aanvraag in onderzoek heeft geen reden van afwijzing."))
    if not verzoek_bekend:
        uit.append(Bevinding("TR379", "referentie_aanbieder", "Er is geen verzoek van deze aanbieder om te beantwoorden."))
    if al_definitief_beantwoord:
        uit.append(Bevinding("TR365", "verzoek", "Dit verzoek is al definitief beantwoord."))
    return uit
