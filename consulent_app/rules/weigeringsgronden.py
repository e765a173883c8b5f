"""A refusal never contradicts the file, and a grant stays within the netto need.

Wmo 2015 art. 2.3.5 lid 3 (Jeugdwet art. 2.3 lid 1): the college provides a custom provision *for as far as*
("voor zover") the client cannot manage with own means, customary help, the network or other provisions: the netto
need of the bruto/gedekt/netto table (rules.stappenplan.bruto_netto). So a refusal while that table leaves a
positive netto needs another legal ground, recorded with its reasons (Awb 3:46), and a grant above the netto needs
a recorded reason. Pure functions: data in, Dutch field messages out.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum

from consulent_app.domain import Besluit, Wet
from consulent_app.rules.omvang import omvang_tekst
from consulent_app.rules.stappenplan import BehoefteLike, bruto_netto

NUL = Decimal(0)
TOEGEKEND = (Besluit.TOEGEKEND.value, Besluit.GEDEELTELIJK.value)


class Weigeringsgrond(StrEnum):
    """Legal grounds for refusing a custom provision although the table leaves a netto need."""

    VOORLIGGEND = "voorliggend"  # a general or prior provision covers it (art. 2.3.5 lid 3 Wmo 2015)
    GEEN_BEPERKING = "geen_beperking"  # no limitation in self-reliance or participation (art. 2.3.5 lid 3)
    NIET_INGEZETENE = "niet_ingezetene"  # not resident in the municipality (art. 2.3.5 lid 3 Wmo; art. 1.1 Jeugdwet)
    ANDERE_WET = "andere_wet"  # the Wlz or the Zvw applies (art. 2.3.5 lid 6 Wmo 2015; art. 1.2 Jeugdwet)
    ANDERS = "anders"  # another ground, explained in the reasons

    @property
    def label(self) -> str:
        return WEIGERINGSGROND_LABELS[self]


WEIGERINGSGROND_LABELS: dict[Weigeringsgrond, str] = {
    Weigeringsgrond.VOORLIGGEND: "Voorliggende of algemene voorziening",
    Weigeringsgrond.GEEN_BEPERKING: "Geen beperking in zelfredzaamheid of participatie",
    Weigeringsgrond.NIET_INGEZETENE: "Niet ingezetene van de gemeente",
    Weigeringsgrond.ANDERE_WET: "Wlz of Zvw is van toepassing",
    Weigeringsgrond.ANDERS: "Andere grond (in de motivering)",
}


def artikel(grond: Weigeringsgrond | str, wet: Wet | str) -> str:
    """The statutory provision a refusal on this ground rests on, as the letter names it (Awb 3:47)."""
    g, wmo = Weigeringsgrond(grond), Wet(wet) is Wet.WMO
    if g is Weigeringsgrond.NIET_INGEZETENE:
        return "artikel 1.2.1 van de Wmo 2015" if wmo else "artikel 1.1 en 2.1 van de Jeugdwet"
    if g is Weigeringsgrond.ANDERE_WET:
        return "artikel 2.3.5, zesde lid, van de Wmo 2015" if wmo else "artikel 1.2 van de Jeugdwet"
    return "artikel 2.3.5, derde lid, van de Wmo 2015" if wmo else "artikel 2.3, eerste lid, van de Jeugdwet"


def netto_van(behoeften: Iterable[BehoefteLike], eenheid: str, frequentie: str) -> Decimal | None:
    """The netto need left by the needs a provision answers, in the provision's unit and frequency.

    None when none of those needs is stated in that unit and frequency (then there is nothing to compare).
    """
    saldi = [x for x in bruto_netto(list(behoeften)) if x.eenheid == eenheid and x.frequentie == frequentie]
    if not saldi:
        return None
    return sum((x.netto for x in saldi), NUL)


def afwijzing_fouten(*, wet: Wet | str, besluit: str, netto: Decimal | None, eenheid: str, frequentie: str,
                     grond: str | None) -> dict[str, str]:
    """A refusal while the table leaves a positive netto need needs another recorded ground (field messages)."""
    if besluit != Besluit.AFGEWEZEN.value:
        return {}
    if grond:
        try:
            Weigeringsgrond(grond)
        except ValueError:
            return {"weigeringsgrond": "Grond van de afwijzing: kies een grond uit de lijst."}
        return {}
    if netto is None or netto <= NUL:
        return {}
    artikel = "art. 2.3.5 lid 3 Wmo 2015" if Wet(wet) is Wet.WMO else "art. 2.3 Jeugdwet"
    return {"weigeringsgrond": (
        f"Volgens de tabel bruto/netto blijft {omvang_tekst(netto, eenheid, frequentie)} over waarvoor een "
        f"voorziening nodig is ({artikel}). Een afwijzing spreekt het verslag dan tegen. Kies de wettelijke grond "
        "van de afwijzing en schrijf de reden in de motivering, of pas het besluit aan.")}


def boven_netto_fouten(*, wet: Wet | str, besluit: str, volume: Decimal, netto: Decimal | None, eenheid: str,
                       frequentie: str, reden: str | None) -> dict[str, str]:
    """Granted scope above the netto need needs a recorded reason (art. 2.3.5 lid 3 Wmo 2015: "voor zover")."""
    if besluit not in TOEGEKEND or netto is None or volume <= netto or (reden or "").strip():
        return {}
    artikel = "art. 2.3.5 lid 3 Wmo 2015: 'voor zover'" if Wet(wet) is Wet.WMO else "art. 2.3 Jeugdwet"
    return {"reden_boven_netto": (
        f"U kent {omvang_tekst(volume, eenheid, frequentie)} toe, maar netto blijft "
        f"{omvang_tekst(netto, eenheid, frequentie)} over ({artikel}). Verlaag de omvang, of schrijf waarom er meer "
        "nodig is dan netto overblijft.")}
