"""Scope (omvang) of a provision: volume + unit (WJ756) + frequency (WMO757), in words and in yearly volume."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from consulent_app import codelists
from consulent_app.formatting import getal

# How many times a frequency occurs in a year; "6" (totaal binnen geldigheidsduur) is handled apart.
PER_JAAR = {"1": Decimal("365"), "2": Decimal("52"), "4": Decimal("12")}


def omvang_tekst(volume: Decimal | float, eenheid: str, frequentie: str) -> str:
    """'3 uur per week', '1 stuk in totaal', '2,5 dagdelen per week'."""
    vol = Decimal(str(volume))
    woord = codelists.eenheid_woord(eenheid, meervoud=vol != 1)
    return f"{getal(vol)} {woord} {codelists.frequentie_woord(frequentie)}"


def volume_per_jaar(volume: Decimal, frequentie: str) -> Decimal:
    if frequentie == "6":
        return volume
    return volume * PER_JAAR.get(frequentie, Decimal("0"))


def kosten(volume: Decimal, frequentie: str, tarief: Decimal, start: dt.date, eind: dt.date | None,
           *, horizon_maanden: int = 12) -> Decimal:
    """Cost of a provision: tarief x omvang x duur. Open-ended: over `horizon_maanden` (a year by default)."""
    if frequentie == "6":
        return (volume * tarief).quantize(Decimal("0.01"))
    if eind is None:
        dagen = Decimal(horizon_maanden) * Decimal("365") / Decimal(12)
    else:
        dagen = Decimal((eind - start).days + 1)
    jaren = dagen / Decimal("365")
    return (volume_per_jaar(volume, frequentie) * tarief * jaren).quantize(Decimal("0.01"))


def jaarkosten(volume: Decimal, frequentie: str, tarief: Decimal) -> Decimal:
    """Yearly cost at the current scope (for steering information and the poortwachter list)."""
    return (volume_per_jaar(volume, frequentie) * tarief).quantize(Decimal("0.01"))
