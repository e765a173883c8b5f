"""The 13 review criteria of the 2020 report (toetsingskader) and the automatic check of what the data allows.

Texts: "Onderzoeksrapport Kwaliteit Toegang Wmo en Jeugdwet" (2020), chapter 2. Each criterion is scored
voldoende / matig / onvoldoende / n.v.t.; the overall judgement follows from the average of the scores.
The automatic check never scores: it tells the reviewer what the file shows, so the reviewer can spend the time on
what only a person can judge (is the question really clarified, is the reasoning sound).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from consulent_app.domain import StapStatus, ToetsScore, Wet
from consulent_app.formatting import datum as datum_tekst
from consulent_app.rules import aanbiederplan
from consulent_app.rules.duur import (
    JEUGD_MAXIMUM_MAANDEN,
    PO_MAXIMUM_MAANDEN,
    TOEGEKEND,
    Duurgrenzen,
    duur_fouten,
)
from consulent_app.rules.stappenplan import BehoefteSaldo


@dataclass(frozen=True)
class Criterium:
    nummer: int
    titel: str
    toelichting: str

    @property
    def kort(self) -> str:
        """A few words for lists and overviews; the full title stays the reference."""
        return _KORT.get(self.nummer, self.titel)


_WMO = (
    Criterium(1, "De hulpvraag of het probleem van cliënt is opgehelderd",
              "Inclusief behoeften, persoonskenmerken, voorkeuren, veiligheid en ontwikkeling van de cliënt."),
    Criterium(2, "De mate van zelfredzaamheid en/of participatie, dan wel de behoefte aan beschermd wonen of "
                 "opvang, is in kaart gebracht", "Aan de hand van de leefgebieden."),
    Criterium(3, "De in het verleden ingezette hulp is geëvalueerd en de behaalde resultaten zijn beschreven",
              "Deze vormen het uitgangspunt voor eventueel in te zetten ondersteuning."),
    Criterium(4, "De gewenste resultaten zijn beschreven",
              "Logisch voortkomend uit de geschetste situatie, concreet en vanuit de cliënt."),
    Criterium(5, "De noodzakelijke hulp naar aard en omvang is vastgesteld",
              "Conform jurisprudentie dient de totaal noodzakelijke 'bruto-hulp' te worden vastgesteld."),
    Criterium(6, "De eigen mogelijkheden van de cliënt zijn afgewogen",
              "Wat kan cliënt zelf, eventueel met gebruikelijke hulp of door gebruik te maken van algemeen "
              "gebruikelijke faciliteiten."),
    Criterium(7, "De mogelijkheden van het netwerk zijn afgewogen",
              "Welke hulp het netwerk op dit moment biedt, welke hulp het netwerk zou kunnen bieden."),
    Criterium(8, "Mogelijke inzet/gebruik van andere voorzieningen is onderzocht en afgewogen",
              "Algemene voorzieningen, Zvw, andere voorzieningen binnen Wmo/Jeugdwet inclusief eerder ingezette en "
              "lopende voorzieningen, Wlz, onderwijs, UWV, Participatiewet, enzovoort."),
    Criterium(9, "De noodzaak omtrent maatwerkvoorziening is duidelijk en onderbouwd",
              "Inclusief correcte toepassing van verordening en beleid."),
    Criterium(10, "Aard, omvang en duur van de maatwerkvoorziening zijn passend en onderbouwd",
              "Inclusief correcte toepassing van verordening en beleid."),
    Criterium(11, "Cliënt en vertegenwoordiger zijn gesproken (of duidelijk waarom niet), relevante derden zijn "
                  "betrokken bij het onderzoek", ""),
    Criterium(12, "De beschikking/het besluit is correct",
              "Logisch voortkomend uit het (ondertekende) verslag en de daaraan door de cliënt toegevoegde "
              "opmerkingen."),
    Criterium(13, "Het dossier bevat een plan van aanpak",
              "Opgesteld door de zorgaanbieder, logisch voortkomend uit het ondersteuningsplan."),
)

_JEUGD_ANDERS = {
    1: Criterium(1, "De hulpvraag of het probleem van jeugdige en/of ouders is opgehelderd",
                 "Inclusief behoeften, persoonskenmerken, voorkeuren, veiligheid en ontwikkeling van de jeugdige."),
    2: Criterium(2, "De aard en ernst van de opgroei- of opvoedproblemen, psychische problemen of stoornissen "
                    "zijn in kaart gebracht", "Aan de hand van de leefgebieden."),
    4: Criterium(4, "De gewenste resultaten zijn beschreven",
                 "Logisch voortkomend uit de geschetste situatie, concreet en vanuit de jeugdige en/of het gezin."),
    6: Criterium(6, "Het vermogen om zelf de problemen op te lossen is afgewogen",
                 "Wat kunnen jeugdige en ouders zelf, eventueel met gebruikelijke zorg of door gebruik te maken van "
                 "algemeen gebruikelijke faciliteiten."),
    8: Criterium(8, "Mogelijke inzet/gebruik van andere en overige voorzieningen is onderzocht en afgewogen",
                 "Vrij toegankelijke voorzieningen, Zvw, andere voorzieningen binnen Wmo/Jeugdwet inclusief eerder "
                 "ingezette en lopende voorzieningen, Wlz, onderwijs, UWV, enzovoort."),
    9: Criterium(9, "De noodzaak omtrent individuele voorziening is duidelijk en onderbouwd",
                 "Inclusief correcte toepassing van verordening en beleid."),
    10: Criterium(10, "Aard, omvang en duur van de individuele voorziening zijn passend en onderbouwd",
                  "Inclusief correcte toepassing van verordening en beleid; indien van toepassing is de afstemming "
                  "met andere voorzieningen beschreven."),
    11: Criterium(11, "Jeugdige en/of ouders zijn gesproken (of duidelijk waarom niet), relevante derden zijn "
                      "betrokken bij het onderzoek", ""),
    13: Criterium(13, "Het dossier bevat een gezinsplan, logisch volgend op de rapportage", ""),
}
_JEUGD = tuple(_JEUGD_ANDERS.get(c.nummer, c) for c in _WMO)

_KORT = {1: "Hulpvraag opgehelderd", 2: "Problemen per leefgebied", 3: "Eerdere hulp geëvalueerd",
         4: "Gewenste resultaten", 5: "Bruto-hulp vastgesteld", 6: "Eigen mogelijkheden",
         7: "Netwerk afgewogen", 8: "Andere voorzieningen", 9: "Noodzaak maatwerk",
         10: "Aard, omvang en duur", 11: "Gesproken, derden betrokken", 12: "Beschikking correct",
         13: "Plan van aanbieder aanwezig"}

CRITERIA: dict[Wet, tuple[Criterium, ...]] = {Wet.WMO: _WMO, Wet.JEUGDWET: _JEUGD}
NUMMERS = tuple(range(1, 14))


def criteria(wet: Wet | str) -> tuple[Criterium, ...]:
    return CRITERIA[Wet(wet)]


SCORE_LABELS = {
    ToetsScore.VOLDOENDE: "Voldoende",
    ToetsScore.MATIG: "Matig",
    ToetsScore.ONVOLDOENDE: "Onvoldoende",
    ToetsScore.NVT: "N.v.t.",
}
SCORE_WAARDE = {ToetsScore.VOLDOENDE: 3, ToetsScore.MATIG: 2, ToetsScore.ONVOLDOENDE: 1}


def score_label(score: ToetsScore | str | None) -> str:
    return SCORE_LABELS[ToetsScore(score)] if score else ""


def eindoordeel(scores: Mapping[int, ToetsScore | str]) -> tuple[float | None, ToetsScore | None]:
    """Overall judgement from the average score (2020 report, chapter 2), n.v.t. left out.

    voldoende = 3, matig = 2, onvoldoende = 1; average >= 2.5 is voldoende, >= 1.5 matig, lower onvoldoende.
    The report gives no thresholds; these are the midpoints between the three values.
    """
    waarden = [SCORE_WAARDE[ToetsScore(s)] for s in scores.values() if ToetsScore(s) is not ToetsScore.NVT]
    if not waarden:
        return None, None
    gem = sum(waarden) / len(waarden)
    if gem >= 2.5:
        return gem, ToetsScore.VOLDOENDE
    if gem >= 1.5:
        return gem, ToetsScore.MATIG
    return gem, ToetsScore.ONVOLDOENDE


class Bevinding(StrEnum):
    """What the automatic check found for one criterion."""

    IN_ORDE = "in_orde"  # the data shows what the criterion asks
    ONTBREEKT = "ontbreekt"  # the data shows something required is missing
    BEOORDELEN = "beoordelen"  # only the reviewer can judge; the note says what to look at
    NVT = "nvt"  # does not apply to this case

    @property
    def label(self) -> str:
        return {"in_orde": "In orde", "ontbreekt": "Ontbreekt", "beoordelen": "Zelf beoordelen",
                "nvt": "N.v.t."}[self.value]


@dataclass(frozen=True)
class AutoCheck:
    criterium: int
    bevinding: Bevinding
    toelichting: str


@dataclass(frozen=True)
class BehoefteFeit:
    omschrijving: str
    volume: Decimal
    eenheid: str | None
    frequentie: str | None
    gedekt: Decimal  # covered in steps 5 and 6 together
    netto: Decimal  # what is left: computed once, by stappenplan.bruto_netto

    @classmethod
    def van_saldo(cls, s: BehoefteSaldo) -> BehoefteFeit:
        return cls(s.omschrijving, s.bruto, s.eenheid, s.frequentie, s.gedekt, s.netto)


@dataclass(frozen=True)
class VoorzieningFeit:
    naam: str
    besluit: str
    startdatum: dt.date
    einddatum: dt.date | None
    po_datum: dt.date | None
    volume: Decimal
    motivering: str | None
    beoogd_resultaat: str | None
    behoeften: tuple[str, ...] = ()  # descriptions of the needs it answers
    netto_behoeften: int = 0  # how many of those still have an uncovered (netto) part
    resultaten: int = 0
    plan_nodig: bool = False
    plan_verwacht: bool | None = None  # step 7: a plan is expected (None: not answered, follow the product)
    plan_verwacht_op: dt.date | None = None
    plan_ontvangen_op: dt.date | None = None
    in_beschikking: bool = True
    besluit_in_beschikking: str | None = None
    # A refusal the bruto/netto table contradicts, or a grant above the netto, without a recorded ground or reason
    # (rules.weigeringsgronden): the message, "" when consistent.
    netto_strijdig: str = ""


@dataclass(frozen=True)
class ZaakFeiten:
    """What the file shows, gathered by the service from the investigation, the request and the decision."""

    wet: Wet
    stappen: Mapping[int, str]  # step number -> StapStatus value
    nvt_redenen: Mapping[int, str] = field(default_factory=dict)
    problemen: int = 0
    leefgebieden: int = 0
    eerdere_hulp_evaluatie: bool = False
    bestaande_client: bool = False
    resultaten: int = 0
    behoeften: tuple[BehoefteFeit, ...] = ()
    dekking_stap5: int = 0  # coverage lines from own options and customary help
    dekking_netwerk: int = 0
    dekking_stap6: int = 0
    voorzieningen: tuple[VoorzieningFeit, ...] = ()
    client_gehoord: bool | None = None
    vertegenwoordiger_gehoord: bool | None = None
    jeugdige_gehoord: bool | None = None
    reden_niet_gehoord: bool = False
    derden_geraadpleegd: bool = False
    verslag_uitgereikt_op: dt.date | None = None
    reactie_datum: dt.date | None = None
    reactie_opmerkingen: bool = False
    verslag_getekend: bool | None = None
    po_maximum_maanden: int = PO_MAXIMUM_MAANDEN
    jeugd_maximum_maanden: int = JEUGD_MAXIMUM_MAANDEN
    na_po: bool = False  # a change or ending after a periodic re-examination, without a new stappenplan


def _stap_klaar(f: ZaakFeiten, nr: int) -> tuple[bool, str]:
    status = f.stappen.get(nr)
    if status == StapStatus.COMPLEET.value:
        return True, f"Stap {nr} is compleet."
    if status == StapStatus.NVT.value:
        if f.nvt_redenen.get(nr):
            return True, f"Stap {nr} is niet van toepassing, met reden."
        return False, f"Stap {nr} staat op niet van toepassing zonder reden."
    return False, f"Stap {nr} is niet afgerond."


def _c1(f: ZaakFeiten) -> AutoCheck:
    ok, t = _stap_klaar(f, 1)
    return AutoCheck(1, Bevinding.BEOORDELEN if ok else Bevinding.ONTBREEKT,
                     t + (" Lees of de vraag achter de vraag in de woorden van de cliënt is opgehelderd." if ok else ""))


def _c2(f: ZaakFeiten) -> AutoCheck:
    ok, t = _stap_klaar(f, 2)
    if not ok:
        return AutoCheck(2, Bevinding.ONTBREEKT, t)
    if f.problemen == 0:
        return AutoCheck(2, Bevinding.ONTBREEKT, "Er zijn geen problemen per leefgebied vastgelegd.")
    return AutoCheck(2, Bevinding.IN_ORDE,
                     f"{f.problemen} probleem/problemen vastgelegd op {f.leefgebieden} leefgebied(en).")


def _c3(f: ZaakFeiten) -> AutoCheck:
    if f.eerdere_hulp_evaluatie:
        return AutoCheck(3, Bevinding.BEOORDELEN, "Er is een evaluatie van eerdere hulp vastgelegd; lees die.")
    if f.bestaande_client:
        return AutoCheck(3, Bevinding.ONTBREEKT,
                         "Bestaande cliënt, maar er is geen evaluatie van de eerdere hulp vastgelegd.")
    return AutoCheck(3, Bevinding.BEOORDELEN,
                     "Geen evaluatie van eerdere hulp vastgelegd; n.v.t. als de cliënt nog geen hulp had.")


def _c4(f: ZaakFeiten) -> AutoCheck:
    ok, t = _stap_klaar(f, 3)
    if f.resultaten == 0:
        return AutoCheck(4, Bevinding.ONTBREEKT, "Er zijn geen gewenste resultaten vastgelegd (stap 3).")
    if not ok:
        return AutoCheck(4, Bevinding.ONTBREEKT, t)
    return AutoCheck(4, Bevinding.IN_ORDE, f"{f.resultaten} gewenst(e) resultaat/resultaten vastgelegd.")


def _c5(f: ZaakFeiten) -> AutoCheck:
    if not f.behoeften:
        return AutoCheck(5, Bevinding.ONTBREEKT, "De bruto-hulp (stap 4) bevat geen behoeften.")
    onvolledig = [b.omschrijving for b in f.behoeften
                  if b.volume <= 0 or not b.eenheid or not b.frequentie]
    if onvolledig:
        return AutoCheck(5, Bevinding.ONTBREEKT,
                         "Aard of omvang ontbreekt bij: " + "; ".join(o[:60] for o in onvolledig) + ".")
    ok, t = _stap_klaar(f, 4)
    if not ok:
        return AutoCheck(5, Bevinding.ONTBREEKT, t)
    return AutoCheck(5, Bevinding.IN_ORDE, f"Bruto-tabel compleet: {len(f.behoeften)} behoefte(n) met aard en omvang.")


def _c6(f: ZaakFeiten) -> AutoCheck:
    ok, t = _stap_klaar(f, 5)
    if not ok:
        return AutoCheck(6, Bevinding.ONTBREEKT, t)
    return AutoCheck(6, Bevinding.BEOORDELEN,
                     f"{t} {f.dekking_stap5} regel(s) eigen mogelijkheden / gebruikelijke hulp; weeg de inhoud.")


def _c7(f: ZaakFeiten) -> AutoCheck:
    ok, t = _stap_klaar(f, 5)
    if not ok:
        return AutoCheck(7, Bevinding.ONTBREEKT, t)
    return AutoCheck(7, Bevinding.BEOORDELEN,
                     f"{t} {f.dekking_netwerk} regel(s) over het sociaal netwerk (nu of mogelijk); weeg de inhoud.")


def _c8(f: ZaakFeiten) -> AutoCheck:
    ok, t = _stap_klaar(f, 6)
    if not ok:
        return AutoCheck(8, Bevinding.ONTBREEKT, t)
    return AutoCheck(8, Bevinding.BEOORDELEN,
                     f"{t} {f.dekking_stap6} regel(s) over andere voorzieningen; weeg de inhoud.")


def _toegekend(f: ZaakFeiten) -> list[VoorzieningFeit]:
    return [vz for vz in f.voorzieningen if vz.besluit in TOEGEKEND]


def _strijdig(f: ZaakFeiten, *, afgewezen: bool) -> list[str]:
    return [f"{vz.naam}: {vz.netto_strijdig}" for vz in f.voorzieningen
            if vz.netto_strijdig and ((vz.besluit_in_beschikking or vz.besluit) == "afgewezen") == afgewezen]


def _c9(f: ZaakFeiten) -> AutoCheck:
    vzs = _toegekend(f)
    afwijzing = _strijdig(f, afgewezen=True)  # "is there a need for a custom provision" includes a refusal
    if afwijzing:
        return AutoCheck(9, Bevinding.ONTBREEKT, " ".join(afwijzing))
    if not vzs:
        return AutoCheck(9, Bevinding.NVT, "Er wordt geen voorziening toegekend.")
    problemen: list[str] = []
    for vz in vzs:
        if not vz.behoeften:
            problemen.append(f"{vz.naam}: noemt geen behoefte uit de bruto-hulp")
        elif vz.netto_behoeften == 0:
            problemen.append(f"{vz.naam}: de genoemde behoeften zijn al volledig gedekt (netto nul)")
        if not vz.motivering:
            problemen.append(f"{vz.naam}: geen motivering")
    if problemen:
        return AutoCheck(9, Bevinding.ONTBREEKT, "; ".join(problemen) + ".")
    return AutoCheck(9, Bevinding.BEOORDELEN,
                     "Elke toegekende voorziening dekt een netto behoefte en heeft een motivering; lees de onderbouwing.")


def _c10(f: ZaakFeiten) -> AutoCheck:
    vzs = _toegekend(f)
    if not vzs:
        return AutoCheck(10, Bevinding.NVT, "Er wordt geen voorziening toegekend.")
    problemen: list[str] = []
    for vz in vzs:
        fouten = duur_fouten(wet=f.wet, besluit=vz.besluit, startdatum=vz.startdatum, einddatum=vz.einddatum,
                             po_datum=vz.po_datum, grenzen=Duurgrenzen(f.po_maximum_maanden, f.jeugd_maximum_maanden))
        problemen.extend(f"{vz.naam}: {msg}" for msg in fouten.values())
        if vz.volume <= 0:
            problemen.append(f"{vz.naam}: geen omvang")
        if not vz.beoogd_resultaat:
            problemen.append(f"{vz.naam}: geen beoogd resultaat")
    problemen.extend(_strijdig(f, afgewezen=False))
    if problemen:
        return AutoCheck(10, Bevinding.ONTBREEKT, " ".join(problemen))
    return AutoCheck(10, Bevinding.BEOORDELEN,
                     "Omvang, beoogd resultaat en einddatum of periodiek onderzoek zijn ingevuld; beoordeel of ze "
                     "passend zijn.")


def _c11(f: ZaakFeiten) -> AutoCheck:
    if f.client_gehoord is None:
        return AutoCheck(11, Bevinding.ONTBREEKT, "Niet vastgelegd of de cliënt is gesproken.")
    if not f.client_gehoord and not f.reden_niet_gehoord:
        return AutoCheck(11, Bevinding.ONTBREEKT, "De cliënt is niet gesproken en de reden ontbreekt.")
    if f.wet is Wet.JEUGDWET and f.jeugdige_gehoord is None:
        return AutoCheck(11, Bevinding.ONTBREEKT, "Niet vastgelegd of de jeugdige is gesproken.")
    if f.wet is Wet.JEUGDWET and f.jeugdige_gehoord is False and not f.reden_niet_gehoord:
        return AutoCheck(11, Bevinding.ONTBREEKT, "De jeugdige is niet gesproken en de reden ontbreekt.")
    derden = "derden zijn vastgelegd" if f.derden_geraadpleegd else "geen derden vastgelegd"
    return AutoCheck(11, Bevinding.IN_ORDE,
                     f"Gesproken: {'cliënt' if f.client_gehoord else 'cliënt niet (met reden)'}; {derden}.")


def _c12(f: ZaakFeiten) -> AutoCheck:
    problemen: list[str] = []
    if f.verslag_uitgereikt_op is None:
        problemen.append("het verslag is niet aan de cliënt gegeven (Wmo 2015 art. 2.3.2 lid 8)")
    for vz in f.voorzieningen:
        if not vz.in_beschikking:
            problemen.append(f"{vz.naam} staat niet in de beschikking")
        elif vz.besluit_in_beschikking and vz.besluit_in_beschikking != vz.besluit:
            problemen.append(f"{vz.naam}: het besluit in de beschikking wijkt af van het verslag")
        elif vz.netto_strijdig:
            problemen.append(f"{vz.naam}: het besluit strookt niet met de tabel bruto/netto in het verslag")
    if problemen:
        return AutoCheck(12, Bevinding.ONTBREEKT, "; ".join(problemen).capitalize() + ".")
    if f.reactie_opmerkingen:
        return AutoCheck(12, Bevinding.BEOORDELEN,
                         "De cliënt heeft opmerkingen op het verslag gemaakt: ga na of het besluit daarop ingaat.")
    getekend = "getekend" if f.verslag_getekend else "niet getekend"
    return AutoCheck(12, Bevinding.IN_ORDE,
                     f"Verslag uitgereikt op {datum_tekst(f.verslag_uitgereikt_op)} ({getekend}); elke voorziening "
                     "staat met hetzelfde besluit in de beschikking.")


def _c13(f: ZaakFeiten) -> AutoCheck:
    """Criterion 13: the provider's plan (plan van aanpak / gezinsplan) is there, or step 7 says by when it comes.

    A plan is needed where step 7 says one is expected, or (not answered) where the product needs one."""
    plan = aanbiederplan.plan_naam(f.wet).lower()
    toegekend = _toegekend(f)
    nodig = [vz for vz in toegekend if vz.plan_verwacht or (vz.plan_verwacht is None and vz.plan_nodig)]
    afgezien = [vz.naam for vz in toegekend if vz.plan_verwacht is False and vz.plan_nodig]
    if not nodig and not afgezien:
        return AutoCheck(13, Bevinding.NVT, f"Geen toegekende voorziening vraagt een {plan}.")
    zonder = [vz.naam for vz in nodig if vz.plan_ontvangen_op is None and vz.plan_verwacht_op is None]
    if zonder:
        return AutoCheck(13, Bevinding.ONTBREEKT,
                         f"Leg in stap 7 vast wanneer het {plan} wordt verwacht voor: " + ", ".join(zonder) + ".")
    delen = []
    for vz in nodig:
        if vz.plan_ontvangen_op:
            delen.append(f"{vz.naam}: ontvangen op {datum_tekst(vz.plan_ontvangen_op)}")
        else:
            delen.append(f"{vz.naam}: verwacht op {datum_tekst(vz.plan_verwacht_op)}")
    if afgezien:
        delen.append("geen " + plan + " verwacht voor " + ", ".join(afgezien) + ", terwijl dat product er "
                     "gewoonlijk een vraagt: beoordeel of dat klopt")
        tekst = "; ".join(delen)
        return AutoCheck(13, Bevinding.BEOORDELEN, tekst[0].upper() + tekst[1:] + ".")
    return AutoCheck(13, Bevinding.IN_ORDE, "; ".join(delen) + ".")


_CHECKS = (_c1, _c2, _c3, _c4, _c5, _c6, _c7, _c8, _c9, _c10, _c11, _c12, _c13)


_NA_PO = ("Beslissing na een periodiek onderzoek, zonder nieuw stappenplan: beoordeel dit aan de hand van het "
          "verslag van het periodiek onderzoek.")


def automatische_toets(feiten: ZaakFeiten) -> list[AutoCheck]:
    """One finding per criterion 1-13, in order.

    After a periodic re-examination (`na_po` without steps) criteria 1-8 and 11 rest on the PO's report, which the
    data cannot check: they are left to the reviewer instead of being reported missing.
    """
    if feiten.na_po and not feiten.stappen:
        uit = []
        for check in _CHECKS:
            ch = check(feiten)
            if ch.criterium in (1, 2, 3, 4, 5, 6, 7, 8, 11):
                ch = AutoCheck(ch.criterium, Bevinding.BEOORDELEN, _NA_PO)
            elif ch.criterium == 12 and ch.bevinding is Bevinding.ONTBREEKT and feiten.verslag_uitgereikt_op is None:
                rest = _c12(replace(feiten, verslag_uitgereikt_op=dt.date.min))
                ch = rest if rest.bevinding is Bevinding.ONTBREEKT else AutoCheck(12, Bevinding.BEOORDELEN, _NA_PO)
            uit.append(ch)
        return uit
    return [check(feiten) for check in _CHECKS]


def voorgestelde_score(check: AutoCheck) -> ToetsScore | None:
    """A starting point for the reviewer: missing data is onvoldoende, n.v.t. stays n.v.t.; the rest is theirs."""
    if check.bevinding is Bevinding.ONTBREEKT:
        return ToetsScore.ONVOLDOENDE
    if check.bevinding is Bevinding.NVT:
        return ToetsScore.NVT
    return None


__all__ = [
    "CRITERIA", "NUMMERS", "AutoCheck", "BehoefteFeit", "Bevinding", "Criterium", "VoorzieningFeit", "ZaakFeiten",
    "automatische_toets", "criteria", "eindoordeel", "score_label", "voorgestelde_score",
]
