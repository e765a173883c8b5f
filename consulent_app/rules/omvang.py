"""Scope (omvang) of a provision in words: volume + unit (WJ756) + frequency (WMO757). Its cost: rules/kosten.

As a jurist and a client read it (issue 12: no internal codes in letters): "3 uur per week", "2,5 dagdelen per
week", "1 scootmobiel" (an aid counted in pieces, once for the whole decision, named by the product's own word),
"1.500 kilometer voor de hele periode", "€ 250,00 per maand". Never "1 stuk in totaal".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from consulent_app import codelists
from consulent_app.formatting import bedrag, getal, in_zin

EURO = "83"
STUKS = frozenset({"82", "84"})
TOTAAL = "6"  # WMO757: "Totaal binnen geldigheidsduur toewijzing"


def _zonder_toelichting(naam: str) -> str:
    """'Rolstoel (in bruikleen)' -> 'rolstoel': the product's name as a noun in a sentence."""
    return in_zin(naam.split("(", 1)[0].strip() or naam.strip())


def omvang_tekst(volume: Decimal | float, eenheid: str, frequentie: str, *,
                 telwoord: tuple[str | None, str | None] | None = None, productnaam: str | None = None) -> str:
    """The scope in plain Dutch.

    `telwoord` (singular, plural) names what is counted when the unit is pieces (WJ756 82/84): the product's own
    word ("scootmobiel", "scootmobielen"; "kilometer"). Without it one piece is named after the product
    (`productnaam` without its bracketed note), more are "stuks". Pieces for the whole decision (frequency 6)
    read without a period for one ("1 rolstoel") and "voor de hele periode" for more; an amount in euros reads
    as money.
    """
    vol = Decimal(str(volume))
    periode = codelists.frequentie_woord(frequentie)
    if eenheid == EURO:
        return f"{bedrag(vol)} {periode}"
    if eenheid in STUKS:
        enkel, meer = telwoord or (None, None)
        if vol == 1:
            woord = enkel or (_zonder_toelichting(productnaam) if productnaam else "stuk")
        else:
            woord = meer or "stuks"
        if frequentie == TOTAAL and vol == 1:
            return f"{getal(vol)} {woord}"
        return f"{getal(vol)} {woord} {periode}"
    woord = codelists.eenheid_woord(eenheid, meervoud=vol != 1)
    return f"{getal(vol)} {woord} {periode}"


def voorziening_omvang(volume: Decimal | float, eenheid: str, frequentie: str, product: object | None) -> str:
    """omvang_tekst with the counting word and name of a provision's product (a models.Product or None)."""
    if product is None:
        return omvang_tekst(volume, eenheid, frequentie)
    return omvang_tekst(volume, eenheid, frequentie,
                        telwoord=(getattr(product, "telwoord", None), getattr(product, "telwoord_meervoud", None)),
                        productnaam=getattr(product, "naam", None))


def omvang_van(vz: Any) -> str:
    """The scope of a provision (a models.Voorziening or alike): its product is read only when pieces are counted."""
    return voorziening_omvang(vz.volume, vz.eenheid, vz.frequentie, vz.product if vz.eenheid in STUKS else None)
