"""The legal basis a decision names (Awb 3:47 lid 1: "vermeldt ... het wettelijk voorschrift waarop het berust")."""

from __future__ import annotations

from consulent_app.config import Besluiten
from consulent_app.domain import BeschikkingType, Wet

WMO = "de Wet maatschappelijke ondersteuning 2015"
JEUGDWET = "de Jeugdwet"


def _verordening(naam: str, artikel: str) -> str:
    return f"artikel {artikel} van {naam}" if artikel else naam


def wettelijke_grondslag(wet: Wet | str, beschikking_type: BeschikkingType | str,
                         besluiten: Besluiten) -> tuple[str, ...]:
    """The provisions a decision rests on, in the order the letter names them.

    Wmo: a decision on a request rests on art. 2.3.5 Wmo 2015; a change or an ending (herziening, intrekking) on
    art. 2.3.10 Wmo 2015. Jeugdwet: the individual provision of art. 2.3 Jeugdwet, for a change or ending too.
    Each names the configured article of the local regulation (art. 2.1.3 Wmo 2015, art. 2.9 Jeugdwet).
    """
    wijziging = BeschikkingType(beschikking_type) in (BeschikkingType.HERZIENING, BeschikkingType.BEEINDIGING)
    if Wet(wet) is Wet.WMO:
        artikel = "2.3.10" if wijziging else "2.3.5"
        verordening = _verordening(besluiten.verordening_wmo, besluiten.artikel_verordening_wmo_herziening
                                   if wijziging else besluiten.artikel_verordening_wmo)
        return (f"artikel {artikel} van {WMO}", verordening)
    verordening = _verordening(besluiten.verordening_jeugd, besluiten.artikel_verordening_jeugd_herziening
                               if wijziging else besluiten.artikel_verordening_jeugd)
    return (f"artikel 2.3 van {JEUGDWET}", verordening)

