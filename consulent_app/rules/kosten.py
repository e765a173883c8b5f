"""The cost rule of a custom provision, once: tarief x omvang x duur (domain brief section 4).

One home for the cost of a provision, in Python (one provision on a screen or in a letter) and as a SQL
expression (overviews that sum thousands of provisions in the database). Both use the same factors, so the
number on the screen and the number in the overview agree.

* Scope per year: volume x how often the frequency (WMO757) occurs in a year; frequency ``6`` ("totaal binnen
  geldigheidsduur") is a total, counted once.
* Duration: start to end date, both days included. An open end is costed up to the planned periodic
  re-examination (PO) and, without one, over one year.
* A personal budget (pgb) costs its own amount, not the in-kind tariff: the amount is stated per period (week,
  maand, jaar; `PGB_PERIODEN`), so per year it is amount x periods a year, and over the duration the same day
  count as above. A pgb without a recorded period (data from before the period existed) is a yearly amount.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import case
from sqlalchemy.sql.elements import ColumnElement

__all__ = ["PER_JAAR", "PGB_PERIODEN", "TOTAAL", "jaarkosten", "jaarkosten_sql", "kosten", "per_jaar_factor_sql",
           "pgb_kosten", "pgb_per_jaar", "pgb_per_jaar_sql", "voorziening_jaarkosten_sql", "volume_per_jaar"]

#: How many times a frequency (WMO757) occurs in a year: per dag, per week, per maand.
PER_JAAR: dict[str, Decimal] = {"1": Decimal("365"), "2": Decimal("52"), "4": Decimal("12")}
#: Frequency "totaal binnen geldigheidsduur": the volume is the whole amount, not a rate.
TOTAAL = "6"
#: How many times a pgb period occurs in a year; what the pgb amount of a provision is stated per.
PGB_PERIODEN: dict[str, Decimal] = {"week": Decimal("52"), "maand": Decimal("12"), "jaar": Decimal("1")}
#: The periods in words, as screens and letters say them.
PGB_PERIODE_LABELS: dict[str, str] = {"week": "per week", "maand": "per maand", "jaar": "per jaar"}
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
    dagen = _dagen(startdatum, einddatum, po_datum, horizon_maanden)
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


def _dagen(startdatum: dt.date, einddatum: dt.date | None, po_datum: dt.date | None, horizon_maanden: int) -> Decimal:
    """The costed days, start and end included: to the end date, else the planned PO, else the horizon; an end
    before the start costs nothing. One rule for ZIN (`kosten`) and pgb (`pgb_kosten`)."""
    eind = einddatum or po_datum
    if eind is None:
        return Decimal(horizon_maanden) * _DAGEN_PER_JAAR / Decimal(12)
    if eind < startdatum:
        return Decimal(0)
    return Decimal((eind - startdatum).days + 1)


def pgb_per_jaar(bedrag: Decimal, periode: str | None) -> Decimal:
    """A pgb amount per year: amount x periods a year (no recorded period: the amount is a yearly amount)."""
    return (Decimal(bedrag) * PGB_PERIODEN.get(periode or "jaar", Decimal(1))).quantize(_CENT)


def pgb_kosten(bedrag: Decimal, periode: str | None, startdatum: dt.date, einddatum: dt.date | None,
               po_datum: dt.date | None = None, *, horizon_maanden: int = 12) -> Decimal:
    """A pgb over its duration (the same days as `kosten`): amount per year x days / 365."""
    return (pgb_per_jaar(bedrag, periode) * _dagen(startdatum, einddatum, po_datum, horizon_maanden)
            / _DAGEN_PER_JAAR).quantize(_CENT)


def pgb_per_jaar_sql(bedrag: Any, periode: Any) -> ColumnElement[Any]:
    """`pgb_per_jaar` in SQL."""
    return bedrag * case(*((periode == p, int(n)) for p, n in PGB_PERIODEN.items()), else_=1)


def voorziening_jaarkosten_sql(leveringsvorm: Any, pgb_bedrag: Any, pgb_periode: Any, tarief: Any, volume: Any,
                               frequentie: Any) -> ColumnElement[Any]:
    """Yearly cost of a provision in SQL: its pgb amount per year for a pgb, tarief x scope per year otherwise."""
    return case(((leveringsvorm == "pgb") & pgb_bedrag.is_not(None), pgb_per_jaar_sql(pgb_bedrag, pgb_periode)),
                else_=jaarkosten_sql(tarief, volume, frequentie))
