"""The year-end prognosis, in four components a controller can check one by one (README, "Financiën").

1. **Gedeclareerd**: approved invoices so far for product periods in the year.
2. **Nog te declareren** (late invoices) for the months already passed. Learned from the year before: on the
   same day of that year, share `b` of the costs of its passed months had been invoiced; so the passed months of
   this year will still bring gedeclareerd x (1/b - 1). At 31 December this is exactly "the share of a year's
   costs invoiced after its end". Without invoices of the year before: the obligations of the passed months
   minus what was invoiced (never below zero).
3. **Verplichtingen rest van het jaar**: obligations of known provisions from the day after the reference day
   to 31 December (rules/verplichting), times the realisation rate `r` learned from the same part of the year
   before (invoiced / obligations; providers deliver less than granted). Without history r = 1.
4. **Verwachte nieuwe verplichtingen**: provisions that will still start this year. Per month left: the
   number of new provisions of the last 12 months / 12, times the month's seasonal weight when there are two
   years of data (that month's share of the inflow of the last 24 months x 12), times the average yearly cost
   of those new provisions x the part of the year left from the middle of that month, times `r`.

Prognosis = 1 + 2 + 3 + 4. The band on the chart is plus or minus 10 % of 2 + 3 + 4 (what is not yet invoiced).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta

BAND = Decimal("0.10")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Leerwaarden:
    """What the year before teaches (shown on the screen, so the controller sees the numbers used)."""

    binnen_aandeel: Decimal | None  # b: share of the passed months' costs invoiced by the same day
    realisatiegraad: Decimal | None  # r: invoiced / obligations over the rest of that year
    jaar: int


@dataclass(frozen=True)
class Componenten:
    jaar: int
    peildatum: dt.date
    gedeclareerd: Decimal
    verplichting_verstreken: Decimal
    verplichting_rest: Decimal
    instroom: Mapping[str, tuple[int, Decimal]] = field(default_factory=dict)  # "YYYY-MM" -> (count, yearly cost)


@dataclass(frozen=True)
class Prognose:
    gedeclareerd: Decimal
    nog_te_declareren: Decimal
    verplichtingen_rest: Decimal
    nieuw: Decimal

    @property
    def totaal(self) -> Decimal:
        return self.gedeclareerd + self.nog_te_declareren + self.verplichtingen_rest + self.nieuw

    @property
    def band(self) -> Decimal:
        return ((self.nog_te_declareren + self.verplichtingen_rest + self.nieuw) * BAND).quantize(CENT)


def _maand(d: dt.date) -> str:
    return d.strftime("%Y-%m")


def verwachte_instroom(instroom: Mapping[str, tuple[int, Decimal]], peildatum: dt.date, jaar: int,
                       ) -> list[tuple[dt.date, Decimal, Decimal]]:
    """(month, expected number of new provisions, their average yearly cost) for every month of `jaar` after
    the reference day; the reference month counts for the part after the reference day."""
    laatste12 = [_maand(peildatum - relativedelta(months=i)) for i in range(12)]
    vorige12 = [_maand(peildatum - relativedelta(months=i)) for i in range(12, 24)]
    n12 = sum(instroom.get(k, (0, Decimal(0)))[0] for k in laatste12)
    k12 = sum((instroom.get(k, (0, Decimal(0)))[1] for k in laatste12), Decimal(0))
    if not n12:
        return []
    gemiddeld = k12 / n12
    n_vorig = sum(instroom.get(k, (0, Decimal(0)))[0] for k in vorige12)
    seizoen: dict[int, Decimal] = {}
    if n_vorig:  # two years of data: the seasonal pattern of the last 24 months
        n24 = n12 + n_vorig
        for mm in range(1, 13):
            in_maand = sum(instroom.get(k, (0, Decimal(0)))[0] for k in laatste12 + vorige12 if int(k[5:]) == mm)
            seizoen[mm] = Decimal(in_maand) * 12 / n24
    uit = []
    d = max(peildatum.replace(day=1), dt.date(jaar, 1, 1))
    while d.year == jaar:
        eind = d + relativedelta(months=1) - dt.timedelta(days=1)
        if eind > peildatum:
            deel = Decimal((eind - max(d - dt.timedelta(days=1), peildatum)).days) / Decimal((eind - d).days + 1)
            aantal = Decimal(n12) / 12 * seizoen.get(d.month, Decimal(1)) * deel
            uit.append((d, aantal, gemiddeld))
        d = eind + dt.timedelta(days=1)
    return uit


def prognose(c: Componenten, leer: Leerwaarden | None) -> Prognose:
    """The four components for one row (one law, product, provider, ...)."""
    r = leer.realisatiegraad if leer and leer.realisatiegraad is not None else Decimal(1)
    b = leer.binnen_aandeel if leer else None
    if b is not None and b > 0 and c.gedeclareerd > 0:
        laat = c.gedeclareerd * (1 / b - 1)
    else:
        laat = max(Decimal(0), c.verplichting_verstreken * r - c.gedeclareerd)
    rest = c.verplichting_rest * r
    dec31 = dt.date(c.jaar, 12, 31)
    nieuw = Decimal(0)
    for maand, aantal, jaarkosten in verwachte_instroom(c.instroom, c.peildatum, c.jaar):
        midden = maand + dt.timedelta(days=14)
        nieuw += aantal * jaarkosten * Decimal((dec31 - midden).days + 1) / 365
    nieuw *= r
    return Prognose(c.gedeclareerd.quantize(CENT), laat.quantize(CENT), rest.quantize(CENT), nieuw.quantize(CENT))


def som(prognoses: Sequence[Prognose]) -> Prognose:
    return Prognose(sum((p.gedeclareerd for p in prognoses), Decimal(0)),
                    sum((p.nog_te_declareren for p in prognoses), Decimal(0)),
                    sum((p.verplichtingen_rest for p in prognoses), Decimal(0)),
                    sum((p.nieuw for p in prognoses), Decimal(0)))
