"""Scope (omvang) of a provision in words: volume + unit (WJ756) + frequency (WMO757). Its cost: rules/kosten."""

from __future__ import annotations

from decimal import Decimal

from consulent_app import codelists
from consulent_app.formatting import getal


def omvang_tekst(volume: Decimal | float, eenheid: str, frequentie: str) -> str:
    """'3 uur per week', '1 stuk in totaal', '2,5 dagdelen per week'."""
    vol = Decimal(str(volume))
    woord = codelists.eenheid_woord(eenheid, meervoud=vol != 1)
    return f"{getal(vol)} {woord} {codelists.frequentie_woord(frequentie)}"
