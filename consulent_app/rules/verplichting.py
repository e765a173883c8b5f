"""The obligation (verplichting) of one granted provision in a budget year: tariff x scope x the part of its period.

The rule, as a controller reads it (README, "Financiën"):

1. Which provisions: every granted provision in a sent decision (status actief or beeindigd), ZIN and pgb, both
   laws.
2. Its period runs from the start date through the first of:
   - the day care ended (`beeindigd_op`: set by a beëindiging, a PO that ended it or a provider's stop message);
   - the end date;
   - for an open-ended (Wmo) provision: the planned PO date, when that still lies ahead on the reference day
     (peildatum). When the PO is overdue, support goes on until someone decides otherwise, so the provision
     counts through the end of the year. The PO is the first moment the municipality can change or stop it;
     what follows a PO is not yet an obligation.
   A herziening is a new provision in a new decision that ends the old one: both count, each for its own period.
3. The amount for the part of that period inside the window (a budget year, or what is left of it):
   - ZIN: volume x times per year (WMO757: per day 365, per week 52, per month 12) x the tariff in force on each
     day x days / 365. A tariff change on 1 January applies from that day (the product catalogue's tariff
     history); a configured indexation for a year raises every tariff that was not renewed in or after that
     year. "In total within the period" (frequency 6): volume x tariff, spread over the period by days.
   - pgb: the granted budget per year x days / 365. The amount is granted per week, month or year (its
     `pgb_periode`); per year it is rules/kosten.pgb_per_jaar (52 / 12 / 1 times the amount).

The scope per year is rules/kosten (the one cost rule); this module adds the part of the period in a budget year,
the tariff history and the indexation. Pure: the service passes in the tariff history and the configured indexation; `services/financien` computes the
same sum in SQL (GROUP BY) and a test holds the two equal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from consulent_app.rules.kosten import TOTAAL, pgb_per_jaar, volume_per_jaar

JAAR_DAGEN = Decimal(365)
#: Far future for open tariff periods.
OPEN_EINDE = dt.date(9999, 12, 31)


@dataclass(frozen=True)
class TariefPeriode:
    van: dt.date
    tot: dt.date | None  # inclusive; None = still in force
    tarief: Decimal


@dataclass(frozen=True)
class Voorzieningsperiode:
    """What the rule needs of a provision."""

    startdatum: dt.date
    einddatum: dt.date | None
    po_datum: dt.date | None
    beeindigd_op: dt.date | None  # the day care ended: recorded end or the provider's stop message, the earliest
    volume: Decimal
    frequentie: str
    leveringsvorm: str  # "zin" / "pgb"
    pgb_bedrag: Decimal | None = None
    pgb_periode: str | None = None  # week / maand / jaar: what pgb_bedrag is per (None: a yearly amount)


def periode_einde(v: Voorzieningsperiode, peildatum: dt.date, jaar_einde: dt.date) -> dt.date:
    """Last day that counts as obligation (rule 2 above). `jaar_einde`: 31 December of the year looked at."""
    kandidaten = [d for d in (v.beeindigd_op, v.einddatum) if d is not None]
    if kandidaten:
        return min(kandidaten)
    if v.po_datum is not None and v.po_datum >= peildatum:
        return v.po_datum
    return jaar_einde


def indexatie_factor(geldig_van: dt.date, jaar: int, indexatie: Mapping[int, Decimal]) -> Decimal:
    """Product of (1 + index/100) over the years after the tariff's start year up to `jaar` (configuration)."""
    f = Decimal(1)
    for y in range(geldig_van.year + 1, jaar + 1):
        if y in indexatie:
            f *= 1 + indexatie[y] / 100
    return f


def _overlap(a_van: dt.date, a_tot: dt.date, b_van: dt.date, b_tot: dt.date) -> int:
    return max(0, (min(a_tot, b_tot) - max(a_van, b_van)).days + 1)


def verplichting(v: Voorzieningsperiode, tarieven: Sequence[TariefPeriode], *, van: dt.date, tot: dt.date,
                 peildatum: dt.date, indexatie: Mapping[int, Decimal] | None = None) -> Decimal:
    """The obligation of `v` for the days `van`..`tot` (inclusive, within one calendar year), in cents."""
    if tot < van:
        return Decimal("0.00")
    indexatie = indexatie or {}
    eind = periode_einde(v, peildatum, dt.date(tot.year, 12, 31))
    if eind < v.startdatum:
        return Decimal("0.00")
    if v.leveringsvorm == "pgb":
        per_jaar = pgb_per_jaar(Decimal(v.pgb_bedrag or 0), v.pgb_periode)
        return (per_jaar * _overlap(v.startdatum, eind, van, tot) / JAAR_DAGEN).quantize(Decimal("0.01"))
    totaal = Decimal(0)
    looptijd = Decimal((eind - v.startdatum).days + 1)
    for t in tarieven:
        dagen = Decimal(_overlap(v.startdatum, eind, max(van, t.van), min(tot, t.tot or OPEN_EINDE)))
        if not dagen:
            continue
        tarief = t.tarief * indexatie_factor(t.van, van.year, indexatie)
        if v.frequentie == TOTAAL:
            totaal += v.volume * tarief * dagen / looptijd
        else:  # rules/kosten: tarief x omvang per jaar x the part of the year
            totaal += volume_per_jaar(v.volume, v.frequentie) * tarief * dagen / JAAR_DAGEN
    return totaal.quantize(Decimal("0.01"))


def jaarverplichting(v: Voorzieningsperiode, tarieven: Sequence[TariefPeriode], jaar: int, *, peildatum: dt.date,
                     indexatie: Mapping[int, Decimal] | None = None) -> Decimal:
    """The obligation of `v` in budget year `jaar`."""
    return verplichting(v, tarieven, van=dt.date(jaar, 1, 1), tot=dt.date(jaar, 12, 31), peildatum=peildatum,
                        indexatie=indexatie)
