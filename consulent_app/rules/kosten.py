"""The cost rule of a custom provision, once: tarief x omvang x duur (domain brief section 4).

One home for the cost of a provision, in Python (one provision on a screen or in a letter) and as a SQL
expression (overviews that sum thousands of provisions in the database). Both use the same factors, so the
number on the screen and the number in the overview agree.

* Scope per year: volume x how often the frequency (WMO757) occurs in a year; frequency ``6`` ("totaal binnen
  geldigheidsduur") is a total, counted once.
* Duration: start to end date, both days included. An open end is costed up to the planned periodic
  re-examination (PO) and, without one, over one year.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import case
from sqlalchemy.sql.elements import ColumnElement

__all__ = ["PER_JAAR", "TOTAAL", "jaarkosten", "jaarkosten_sql", "kosten", "per_jaar_factor_sql", "volume_per_jaar"]

#: How many times a frequency (WMO757) occurs in a year: per dag, per week, per maand.
PER_JAAR: dict[str, Decimal] = {"1": Decimal("365"), "2": Decimal("52"), "4": Decimal("12")}
#: Frequency "totaal binnen geldigheidsduur": the volume is the whole amount, not a rate.
TOTAAL = "6"
_CENT = Decimal("0.01")
_DAGEN_PER_JAAR = Decimal("365")


def volume_per_jaar(volume: Decimal, frequentie: str) -> Decimal:
    """Scope in a year: volume x times a year; a total (frequency 6) counts once; an unknown frequency is 0."""
    if frequentie == TOTAAL:
        return volume
    return volume * PER_JAAR.get(frequentie, Decimal("0"))


def kosten(tarief: Decimal, volume: Decimal, frequentie: str, startdatum: dt.date, einddatum: dt.date | None,
           po_datum: dt.date | None = None, *, horizon_maanden: int = 12) -> Decimal:
    """Cost of one provision over its duration: tarief x omvang x duur, in euros (two decimals).

    The end is the end date, else the planned PO, else `horizon_maanden` after the start (one year by default).
    A total (frequency 6) costs volume x tarief whatever the duration; an end before the start costs nothing.
    """
    if frequentie == TOTAAL:
        return (volume * tarief).quantize(_CENT)
    eind = einddatum or po_datum
    if eind is None:
        dagen = Decimal(horizon_maanden) * _DAGEN_PER_JAAR / Decimal(12)
    elif eind < startdatum:
        return Decimal("0.00")
    else:
        dagen = Decimal((eind - startdatum).days + 1)
    return (volume_per_jaar(volume, frequentie) * tarief * dagen / _DAGEN_PER_JAAR).quantize(_CENT)


def jaarkosten(tarief: Decimal, volume: Decimal, frequentie: str) -> Decimal:
    """Yearly cost at the current scope (steering information, the poortwachter list): tarief x scope per year."""
    return (volume_per_jaar(volume, frequentie) * tarief).quantize(_CENT)


def per_jaar_factor_sql(frequentie: Any) -> ColumnElement[Any]:
    """`PER_JAAR` as a SQL CASE on a frequency column; a total (6) counts once; unknown is 0."""
    return case(*((frequentie == code, int(n)) for code, n in PER_JAAR.items()), (frequentie == TOTAAL, 1), else_=0)


def jaarkosten_sql(tarief: Any, volume: Any, frequentie: Any) -> ColumnElement[Any]:
    """`jaarkosten` in SQL, for sums in the database: volume x times a year x tarief."""
    return volume * per_jaar_factor_sql(frequentie) * tarief
