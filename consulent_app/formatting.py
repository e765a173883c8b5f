"""Dutch notation for dates, amounts and numbers (babel), used by screens, documents and exports alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, format_currency, parse_pattern

LOCALE = "nl_NL"
#: The locale parsed once: babel parses a locale given by name anew on every call, half the time of formatting an
#: amount, which a list of thousands of amounts felt (issue 13).
NL = Locale.parse(LOCALE)


@cache
def patroon(formaat: str) -> NumberPattern:
    """A babel number pattern ("#,##0.##"), parsed once."""
    return parse_pattern(formaat)


def datum(d: dt.date | None, *, leeg: str = "") -> str:
    """'22 november 2026'."""
    return format_date(d, "d MMMM y", locale=LOCALE) if d else leeg


def datum_kort(d: dt.date | None, *, leeg: str = "") -> str:
    """'22-11-2026'."""
    return d.strftime("%d-%m-%Y") if d else leeg


#: The euro in nl_NL: babel's currency format "¤ #,##0.00" for EUR, as its number pattern with the sign in front.
#: babel's format_currency looks the currency's symbol, names and digits up on every call: three times the work of
#: the pattern alone, which lists of a few hundred amounts felt (issue 13). tests/test_formatting.py holds the two equal.
_EURO_PATROON = "#,##0.00"


def bedrag(x: Decimal | float | int | None, *, leeg: str = "") -> str:
    """'€ 1.572,00', '€ -3,50' (as babel's format_currency for EUR in nl_NL)."""
    if x is None:
        return leeg
    return "€ " + patroon(_EURO_PATROON).apply(Decimal(str(x)), NL)


def bedrag_babel(x: Decimal | float | int) -> str:
    """The same through babel's currency format: what `bedrag` must equal (the test)."""
    return format_currency(Decimal(str(x)), "EUR", locale=NL).replace("\xa0", " ")


def getal(x: Decimal | float | int, decimalen: int = 2) -> str:
    """'1.234,5' with up to `decimalen` decimals, no trailing zeros."""
    pattern = "#,##0." + "#" * decimalen if decimalen else "#,##0"
    return patroon(pattern).apply(Decimal(str(x)), NL)


def procent(x: float) -> str:
    return f"{getal(x * 100, 0)} %"


def opsomming(delen: Iterable[str]) -> str:
    """"a", "a en b", "a, b en c": a Dutch enumeration (never "a, b, c")."""
    lijst = [d for d in delen if d]
    if len(lijst) <= 1:
        return "".join(lijst)
    return ", ".join(lijst[:-1]) + " en " + lijst[-1]


def in_zin(naam: str) -> str:
    """A name as it reads inside a sentence: 'Hulp bij het huishouden' -> 'hulp bij het huishouden', but
    'Collectief vervoer (Omnibuzz)' keeps its brand and 'ADL-woning' its capitals."""
    if len(naam) > 1 and naam[0].isupper() and naam[1].islower():
        return naam[0].lower() + naam[1:]
    return naam
