"""The stappenplan's rules: step order and completeness, bruto / gedekt / netto per need, and when step 7 may open.

Pure functions over plain data (no database, no Qt). The service builds an `OnderzoekStand` snapshot and asks
these functions what the step statuses are and what is still missing, in precise Dutch sentences.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from consulent_app.domain import DekkingBron, StapStatus, Wet
from consulent_app.errors import ValidatieFout
from consulent_app.formulieren import Formulier
from consulent_app.rules.omvang import omvang_tekst

NUL = Decimal("0")


class DekkingLike(Protocol):
    @property
    def bron(self) -> str: ...
    @property
    def volume(self) -> Decimal: ...


class BehoefteLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def omschrijving(self) -> str: ...
    @property
    def volume(self) -> Decimal: ...
    @property
    def eenheid(self) -> str: ...
    @property
    def frequentie(self) -> str: ...
    @property
    def dekkingen(self) -> Sequence[Any]: ...  # DekkingLike


@dataclass(frozen=True)
class BehoefteSaldo:
    """One line of the bruto / gedekt / netto table (the heart of a lawful report)."""

    behoefte_id: int
    omschrijving: str
    bruto: Decimal
    gedekt_per_bron: dict[str, Decimal]  # DekkingBron value -> volume, in DekkingBron order
    gedekt: Decimal
    netto: Decimal
    eenheid: str
    frequentie: str

    @property
    def volledig_gedekt(self) -> bool:
        return self.netto <= NUL

    def tekst(self, volume: Decimal) -> str:
        return omvang_tekst(volume, self.eenheid, self.frequentie)


def bruto_netto(behoeften: Sequence[BehoefteLike]) -> list[BehoefteSaldo]:
    """Steps 4-6: per need the gross help, what the client / housemates / network / other provisions cover, the rest.

    Coverage is in the need's own unit and frequency. Netto never drops below zero (the service refuses
    coverage beyond the need, but old data must not make the table lie).
    """
    volgorde = [b.value for b in DekkingBron]
    uit: list[BehoefteSaldo] = []
    for b in behoeften:
        per_bron: dict[str, Decimal] = {}
        for d in b.dekkingen:
            per_bron[d.bron] = per_bron.get(d.bron, NUL) + Decimal(d.volume)
        per_bron = dict(sorted(per_bron.items(), key=lambda kv: volgorde.index(kv[0]) if kv[0] in volgorde else 99))
        bruto = Decimal(b.volume)
        gedekt = sum(per_bron.values(), NUL)
        uit.append(BehoefteSaldo(b.id, b.omschrijving, bruto, per_bron, gedekt, max(bruto - gedekt, NUL),
                                 b.eenheid, b.frequentie))
    return uit


def controleer_dekking(behoefte_volume: Decimal, eenheid: str, frequentie: str, andere_dekking: Decimal,
                       nieuw_volume: Decimal, veld: str = "volume") -> None:
    """Coverage of one need may not exceed the need (same unit and frequency): bruto - gedekt >= 0."""
    if andere_dekking + nieuw_volume > behoefte_volume:
        over = max(behoefte_volume - andere_dekking, NUL)
        raise ValidatieFout.veld(
            veld,
            f"Dit is meer dan de behoefte: de behoefte is {omvang_tekst(behoefte_volume, eenheid, frequentie)}, "
            f"al gedekt {omvang_tekst(andere_dekking, eenheid, frequentie)}; hier kan nog hooguit "
            f"{omvang_tekst(over, eenheid, frequentie)} bij.",
        )


def controleer_behoefte_volume(nieuw_volume: Decimal, eenheid: str, frequentie: str, gedekt: Decimal) -> None:
    """A need cannot shrink below what is already covered of it."""
    if nieuw_volume < gedekt:
        raise ValidatieFout.veld(
            "volume",
            f"Van deze behoefte is al {omvang_tekst(gedekt, eenheid, frequentie)} gedekt in stap 5 of 6; "
            "verlaag eerst die dekking.",
        )


def wettelijke_grond_maatwerk(wet: Wet) -> str:
    return "Wmo 2015 art. 2.3.5 lid 3" if wet is Wet.WMO else "Jeugdwet art. 2.3 lid 1"


def controleer_koppeling(wet: Wet, saldi: Sequence[BehoefteSaldo], behoefte_ids: Sequence[int],
                         resultaat_ids: Sequence[int], bekende_resultaten: Sequence[int]) -> None:
    """Step 7: a custom provision answers >= 1 uncovered need and >= 1 desired result; never a fully covered need."""
    fouten: dict[str, str] = {}
    per_id = {s.behoefte_id: s for s in saldi}
    onbekend = [i for i in behoefte_ids if i not in per_id]
    if not behoefte_ids:
        fouten["behoeften"] = "Kies minstens één behoefte (stap 4) die deze voorziening dekt."
    elif onbekend:
        fouten["behoeften"] = "Een gekozen behoefte hoort niet bij dit onderzoek."
    else:
        vol = [per_id[i] for i in behoefte_ids if per_id[i].volledig_gedekt]
        if vol:
            s = vol[0]
            bronnen = ", ".join(DekkingBron(b).label.lower() if b in DekkingBron._value2member_map_ else b
                                for b in s.gedekt_per_bron)
            fouten["behoeften"] = (
                f"De behoefte '{s.omschrijving}' is volledig gedekt ({s.tekst(s.bruto)}, gedekt door {bronnen}). "
                f"Er blijft niets over, dus daarvoor is geen {_naam_voorziening(wet)} mogelijk "
                f"({wettelijke_grond_maatwerk(wet)}). Haal deze behoefte weg of pas de dekking in stap 5 of 6 aan."
            )
    if not resultaat_ids:
        fouten["resultaten"] = "Kies minstens één gewenst resultaat (stap 3) waaraan deze voorziening bijdraagt."
    elif any(r not in bekende_resultaten for r in resultaat_ids):
        fouten["resultaten"] = "Een gekozen resultaat hoort niet bij dit onderzoek."
    if fouten:
        raise ValidatieFout(fouten)


def _naam_voorziening(wet: Wet) -> str:
    return "maatwerkvoorziening" if wet is Wet.WMO else "individuele voorziening"


# --------------------------------------------------------------------------------------------------------------
# Snapshot of an investigation, as plain data


@dataclass(frozen=True)
class StapStand:
    nummer: int
    status: str
    nvt_reden: str | None
    velden: Mapping[str, Any]


@dataclass(frozen=True)
class VoorzieningKoppeling:
    naam: str
    behoefte_ids: tuple[int, ...]
    resultaat_ids: tuple[int, ...]


@dataclass(frozen=True)
class Gehoord:
    gesprek_datum: dt.date | None = None
    gesprek_plaats: str | None = None
    client_gehoord: bool | None = None
    vertegenwoordiger_gehoord: bool | None = None
    heeft_vertegenwoordiger: bool = False
    jeugdige_gehoord: bool | None = None
    reden_niet_gehoord: str | None = None
    eerdere_hulp_evaluatie: str | None = None
    persoonlijk_plan_ontvangen: dt.date | None = None
    persoonlijk_plan: str | None = None
    gezinsplan_verwacht: bool | None = None
    aantal_gezaghebbenden: int = 0


@dataclass(frozen=True)
class OnderzoekStand:
    wet: Wet
    stappen: Sequence[StapStand]  # steps 1..7
    aantal_problemen: int = 0
    aantal_resultaten: int = 0
    resultaat_ids: tuple[int, ...] = ()
    behoeften: Sequence[BehoefteLike] = ()
    voorzieningen: Sequence[VoorzieningKoppeling] = ()
    gehoord: Gehoord = field(default_factory=Gehoord)

    def stap(self, nummer: int) -> StapStand:
        return next(s for s in self.stappen if s.nummer == nummer)


def _gevuld(waarde: Any) -> bool:
    if waarde is None:
        return False
    if isinstance(waarde, str):
        return bool(waarde.strip())
    return True


def _kop(formulier: Formulier, nummer: int) -> str:
    return f"Stap {nummer} {formulier.stap(nummer).titel}"


def samenvatting_uit_tabel(behoeften: Sequence[BehoefteLike], bronnen: Sequence[str]) -> list[str]:
    """Steps 5 and 6 (art. 2.3.2 lid 4 onder c-f Wmo 2015; art. 2.3 Jeugdwet): what the per-need coverage rows of
    these sources say, one line per row ("Zwaar huishoudelijk werk: 1 uur per week (afwassen)"). A required
    summary of these sources is answered by them: the weighing is recorded per need, not typed twice."""
    if not bronnen:
        return []
    regels = []
    for b in behoeften:
        for d in b.dekkingen:
            if d.bron in bronnen:
                toelichting = (getattr(d, "toelichting", None) or "").strip()
                regels.append(f"{b.omschrijving}: {omvang_tekst(d.volume, b.eenheid, b.frequentie)}"
                              + (f" ({toelichting})" if toelichting else ""))
    return regels


def ontbrekend_in_stap(formulier: Formulier, stand: OnderzoekStand, nummer: int) -> list[str]:
    """What the content of step `nummer` still lacks, ignoring its status and the order of steps."""
    kop = _kop(formulier, nummer)
    stap = stand.stap(nummer)
    uit: list[str] = []
    for veld in formulier.stap(nummer).velden:
        if veld.verplicht and not _gevuld(stap.velden.get(veld.key)) \
                and not samenvatting_uit_tabel(stand.behoeften, veld.bronnen):
            werkwoord = "beantwoord" if veld.soort == "ja_nee" else "vul"
            of_tabel = " of leg het per behoefte vast in de tabel hierboven" if veld.bronnen else ""
            uit.append(f"{kop}: {werkwoord} '{veld.label}'{' in' if werkwoord == 'vul' else ''}{of_tabel}.")
    if nummer == 2 and stand.aantal_problemen == 0:
        uit.append(f"{kop}: beschrijf minstens één probleem bij een leefgebied.")
    elif nummer == 3 and stand.aantal_resultaten == 0:
        uit.append(f"{kop}: voeg minstens één gewenst resultaat toe.")
    elif nummer == 4 and not stand.behoeften:
        uit.append(f"{kop}: voeg minstens één behoefte toe, met aard en omvang.")
    elif nummer == 7:
        uit.extend(_ontbrekend_stap7(formulier, stand, kop))
    return uit


def _ontbrekend_stap7(formulier: Formulier, stand: OnderzoekStand, kop: str) -> list[str]:
    uit: list[str] = []
    naam = _naam_voorziening(stand.wet)
    if not stand.voorzieningen:
        return [f"{kop}: voeg minstens één {naam} toe, of markeer de stap als niet van toepassing met een reden."]
    saldi = {s.behoefte_id: s for s in bruto_netto(stand.behoeften)}
    for vz in stand.voorzieningen:
        if not vz.behoefte_ids:
            uit.append(f"{kop}: '{vz.naam}' dekt geen behoefte; kies minstens één behoefte.")
        else:
            for bid in vz.behoefte_ids:
                s = saldi.get(bid)
                if s is not None and s.volledig_gedekt:
                    uit.append(f"{kop}: '{vz.naam}' is gekoppeld aan '{s.omschrijving}', maar die behoefte is "
                               f"volledig gedekt ({wettelijke_grond_maatwerk(stand.wet)}).")
        if not [r for r in vz.resultaat_ids if r in stand.resultaat_ids]:
            uit.append(f"{kop}: '{vz.naam}' draagt aan geen gewenst resultaat bij; kies minstens één resultaat.")
    return uit


def heeft_inhoud(stand: OnderzoekStand, nummer: int) -> bool:
    """Has anything been recorded in this step yet (open vs bezig)?"""
    stap = stand.stap(nummer)
    if any(_gevuld(v) for v in stap.velden.values()):
        return True
    if nummer == 2:
        return stand.aantal_problemen > 0
    if nummer == 3:
        return stand.aantal_resultaten > 0
    if nummer == 4:
        return bool(stand.behoeften)
    if nummer in (5, 6):
        return any(DekkingBron(d.bron).stap == nummer for b in stand.behoeften for d in b.dekkingen
                   if d.bron in DekkingBron._value2member_map_)
    if nummer == 7:
        return bool(stand.voorzieningen)
    return False


def nvt_geldig(stap: StapStand) -> bool:
    return stap.status == StapStatus.NVT.value and _gevuld(stap.nvt_reden)


def bereken_statussen(formulier: Formulier, stand: OnderzoekStand) -> dict[int, StapStatus]:
    """Each step's status, derived from its content: steps are completed in order, nvt needs a reason.

    A step whose own content is complete stays 'bezig' while an earlier step is not done; step 7 stays
    'open' (locked) until steps 1-6 are each complete or not applicable with a reason.
    """
    uit: dict[int, StapStatus] = {}
    eerdere_klaar = True
    for nummer in range(1, 8):
        stap = stand.stap(nummer)
        if nvt_geldig(stap):
            status = StapStatus.NVT
        elif nummer == 7 and not eerdere_klaar:
            status = StapStatus.BEZIG if heeft_inhoud(stand, 7) else StapStatus.OPEN
        elif eerdere_klaar and not ontbrekend_in_stap(formulier, stand, nummer):
            status = StapStatus.COMPLEET
        else:
            status = StapStatus.BEZIG if heeft_inhoud(stand, nummer) else StapStatus.OPEN
        uit[nummer] = status
        eerdere_klaar = eerdere_klaar and status in (StapStatus.COMPLEET, StapStatus.NVT)
    return uit


def statussen_blijven(oud: Any, nieuw: Any) -> bool:
    """Does a new answer to one field leave every step's status, and whether step 7 is open, as they were? The
    steps of the investigation (Wmo 2015 art. 2.3.2; Jeugdwet art. 2.3) read an answer only as filled or not
    (`_gevuld`, in ontbrekend_in_stap and heeft_inhoud): an answer that stays filled, or stays empty, changes no
    status, so an autosave of text being typed needs no recount of the whole investigation."""
    return _gevuld(oud) == _gevuld(nieuw)


def stap7_open_volgens(statussen: Mapping[int, str]) -> bool:
    """Step 7 is open exactly when steps 1-6 are each complete or not applicable (Wmo 2015 art. 2.3.5 lid 3), read
    from the statuses bereken_statussen derived: the same answer stap7_blokkades gives from the content."""
    return all(statussen.get(n) in (StapStatus.COMPLEET.value, StapStatus.NVT.value) for n in range(1, 7))


def stap7_blokkades(formulier: Formulier, stand: OnderzoekStand) -> list[str]:
    """Why step 7 is still closed: each of steps 1-6 must be complete or not applicable with a reason.

    Empty list: step 7 is open (Wmo 2015 art. 2.3.5 lid 3 / Jeugdwet art. 2.3: custom support only for what is
    left after steps 1-6).
    """
    uit: list[str] = []
    for nummer in range(1, 7):
        stap = stand.stap(nummer)
        if nvt_geldig(stap):
            continue
        if stap.status == StapStatus.NVT.value:
            uit.append(f"{_kop(formulier, nummer)}: geef een reden waarom deze stap niet van toepassing is.")
            continue
        uit.extend(ontbrekend_in_stap(formulier, stand, nummer))
    return uit


def ontbrekend_gehoord(wet: Wet, g: Gehoord) -> list[str]:
    """Criterion 11 (heard: client / representative / young person; third parties), criterion 3 (earlier help),
    Wmo 2015 art. 2.3.2 lid 2 (persoonlijk plan) and, for Jeugd, the household and the gezinsplan."""
    kop = "Gehoord en betrokkenen"
    uit: list[str] = []
    if g.gesprek_datum is None:
        uit.append(f"{kop}: vul de datum van het gesprek in.")
    if not _gevuld(g.gesprek_plaats):
        uit.append(f"{kop}: vul de plaats van het gesprek in.")
    if wet is Wet.WMO:
        if g.client_gehoord is None:
            uit.append(f"{kop}: geef aan of de cliënt is gehoord.")
        elif g.client_gehoord is False and not _gevuld(g.reden_niet_gehoord):
            uit.append(f"{kop}: geef aan waarom de cliënt niet is gehoord.")
        if g.heeft_vertegenwoordiger and g.vertegenwoordiger_gehoord is None:
            uit.append(f"{kop}: de cliënt heeft een vertegenwoordiger; geef aan of die is gehoord.")
        if g.persoonlijk_plan_ontvangen is not None and not _gevuld(g.persoonlijk_plan):
            uit.append(f"{kop}: de cliënt heeft een persoonlijk plan ingediend; beschrijf hoe het is meegenomen.")
    else:
        if g.jeugdige_gehoord is None:
            uit.append(f"{kop}: geef aan of de jeugdige is gehoord.")
        elif g.jeugdige_gehoord is False and not _gevuld(g.reden_niet_gehoord):
            uit.append(f"{kop}: geef aan waarom de jeugdige niet is gehoord.")
        if g.vertegenwoordiger_gehoord is None:
            uit.append(f"{kop}: geef aan of de ouders of gezaghebbenden zijn gehoord.")
        if g.aantal_gezaghebbenden == 0:
            uit.append(f"{kop}: leg de gezinsleden en de ouders met gezag vast.")
        if g.gezinsplan_verwacht is None:
            uit.append(f"{kop}: geef aan of een gezinsplan van de aanbieder wordt verwacht.")
    if not _gevuld(g.eerdere_hulp_evaluatie):
        uit.append(f"{kop}: beschrijf de eerdere hulp en wat die opleverde, of dat er geen eerdere hulp was.")
    return uit


def ontbrekend_voor_afronden(formulier: Formulier, stand: OnderzoekStand) -> list[str]:
    """Everything that stops the investigation from being completed, step by step, then who was heard."""
    uit: list[str] = []
    statussen = bereken_statussen(formulier, stand)
    for nummer in range(1, 8):
        stap = stand.stap(nummer)
        if statussen[nummer] is StapStatus.NVT:
            continue
        if stap.status == StapStatus.NVT.value:
            uit.append(f"{_kop(formulier, nummer)}: geef een reden waarom deze stap niet van toepassing is.")
            continue
        uit.extend(ontbrekend_in_stap(formulier, stand, nummer))
    uit.extend(ontbrekend_gehoord(stand.wet, stand.gehoord))
    return uit
