"""The year-end prognosis, in four components a controller can check one by one (README, "Financiën").

1. **Gedeclareerd**: approved invoices so far for product periods in the year.
2. **Nog te declareren** (late invoices) for the months already passed. Learned from the year before: of the
   costs of a month, share f(k) had come in k months later (on the same day of the month), so a month that is
   k months old now will still bring gedeclareerd x (1/f(k) - 1). This is "the share of a year's costs invoiced
   after its end", per age of the month, so a growing or shrinking caseload does not distort it. A month for
   which nothing can be learned yet (f(k) below 5 %, e.g. the month just passed) counts its obligations x `r`
   minus what was invoiced (never below zero); without any history that holds for every passed month.
3. **Verplichtingen rest van het jaar**: obligations of known provisions from the day after the reference day
   to 31 December (rules/verplichting), times the realisation rate `r` learned from the same part of the year
   before (invoiced / obligations; providers deliver less than granted). Without history r = 1.
4. **Verwachte nieuwe verplichtingen**: provisions that will still start this year. Per month left: the
   number of new provisions of the last 12 whole months / 12, times the month's seasonal weight when there are two
   years of data (that month's share of the inflow of the last 24 months x 12), times the average yearly cost
   of those new provisions x the part of the year left from the middle of that month, times `r`.

5. **Pgb**: a personal budget is paid by the SVB, not invoiced to the municipality: its obligation for the year
   (the granted budget per day, rules/verplichting) counts as it is.

Prognosis = 1 + 2 + 3 + 4 + 5. Components 2-4 concern provisions in kind; new provisions (4) are counted from
the inflow of every delivery form. The band on the chart is plus or minus 10 % of 2 + 3 + 4 (what is not yet invoiced).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta

BAND = Decimal("0.10")
CENT = Decimal("0.01")


MIN_BINNEN = Decimal("0.05")


@dataclass(frozen=True)
class Leerwaarden:
    """What the year before teaches (shown on the screen, so the controller sees the numbers used)."""

    binnen: Mapping[int, Decimal]  # f(k): share of a month's costs invoiced k months later (k = 0..12)
    realisatiegraad: Decimal | None  # r: invoiced / obligations over the rest of that year
    jaar: int


@dataclass(frozen=True)
class Componenten:
    jaar: int
    peildatum: dt.date
    kennis: dt.date  # invoices received by this day (the reference day, or later for a past year)
    gedeclareerd_per_maand: Mapping[int, Decimal]  # month of the product period -> approved so far
    verplichting_per_maand: Mapping[int, Decimal]  # month -> obligations of its days up to the reference day
    verplichting_rest: Decimal
    # "YYYY-MM" -> (count, yearly cost), or those months already summed (Instroom, what the screen reads)
    instroom: Mapping[str, tuple[int, Decimal]] | Instroom = field(default_factory=dict)
    pgb: Decimal = Decimal(0)  # obligations of granted pgb's in the year (paid by the SVB, not invoiced here)

    @property
    def gedeclareerd(self) -> Decimal:
        return sum(self.gedeclareerd_per_maand.values(), Decimal(0))

    @property
    def verplichting_verstreken(self) -> Decimal:
        return sum(self.verplichting_per_maand.values(), Decimal(0))


@dataclass(frozen=True)
class Prognose:
    gedeclareerd: Decimal
    nog_te_declareren: Decimal
    verplichtingen_rest: Decimal
    nieuw: Decimal
    pgb: Decimal = Decimal(0)

    @property
    def totaal(self) -> Decimal:
        return self.gedeclareerd + self.nog_te_declareren + self.verplichtingen_rest + self.nieuw + self.pgb

    @property
    def band(self) -> Decimal:
        return ((self.nog_te_declareren + self.verplichtingen_rest + self.nieuw) * BAND).quantize(CENT)


def leeftijd(maand: dt.date, dag: dt.date) -> int:
    """How many months ago a month started, seen on `dag` (June seen on 1 or 15 July: 1)."""
    return (dag.year - maand.year) * 12 + dag.month - maand.month


def afgrens(maand: dt.date, k: int, dag_van_maand: int) -> dt.date:
    """The day that is `k` months after `maand`, on the reference day's day of the month."""
    d = maand + relativedelta(months=k)
    return d.replace(day=min(dag_van_maand, calendar.monthrange(d.year, d.month)[1]))


def leer_binnen(per_maand_ontvangen: Mapping[dt.date, Mapping[dt.date, Decimal]], dag_van_maand: int,
                ) -> dict[int, Decimal]:
    """f(k) from history: {product month -> {receipt date -> amount}}, each month complete. f(k) = what had come in
    by `afgrens(month, k)` / everything, over all months together."""
    totaal = sum((sum(v.values(), Decimal(0)) for v in per_maand_ontvangen.values()), Decimal(0))
    if not totaal:
        return {}
    uit = {}
    for k in range(0, 13):
        binnen = Decimal(0)
        for maand, ontvangen in per_maand_ontvangen.items():
            grens = afgrens(maand, k, dag_van_maand)
            binnen += sum((b for d, b in ontvangen.items() if d <= grens), Decimal(0))
        uit[k] = binnen / totaal
    return uit


def _maand(d: dt.date) -> str:
    return d.strftime("%Y-%m")


def laatste_volle_maand(peildatum: dt.date) -> dt.date:
    """The first day of the last calendar month that had ended on the reference day (its own month when the
    reference day is its last day): the inflow is counted over whole months."""
    begin = peildatum.replace(day=1)
    return begin if peildatum.day == calendar.monthrange(peildatum.year, peildatum.month)[1] else \
        begin - relativedelta(months=1)


def instroom_venster(peildatum: dt.date) -> tuple[dt.date, dt.date]:
    """The 24 whole months the inflow is counted over: first and last day."""
    laatste = laatste_volle_maand(peildatum)
    return laatste - relativedelta(months=23), laatste + relativedelta(months=1) - dt.timedelta(days=1)


@functools.lru_cache(maxsize=64)
def _maanden_terug(laatste: dt.date) -> tuple[list[str], list[str]]:
    """'YYYY-MM' of the 12 months up to `laatste` and of the 12 before them (the same for every row)."""
    maanden = [_maand(laatste - relativedelta(months=i)) for i in range(24)]
    return maanden[:12], maanden[12:]


@dataclass(frozen=True)
class Instroom:
    """The inflow of one row over the 24 whole months before the reference day, as far as the prognosis uses it."""

    aantal_12: int  # new provisions that started in the last 12 whole months
    kosten_12: Decimal  # their yearly costs, summed
    aantal_vorig_12: int  # new provisions in the 12 months before those
    per_kalendermaand: tuple[int, ...]  # 12 counts, January..December, over all 24 months

    @property
    def leeg(self) -> bool:
        return not (self.aantal_12 or self.aantal_vorig_12)


def instroom_van(maanden: Mapping[str, tuple[int, Decimal]], peildatum: dt.date) -> Instroom:
    """{'YYYY-MM': (count, yearly cost)} summed the way the prognosis uses it (the screen sums it in SQL)."""
    laatste12, vorige12 = _maanden_terug(laatste_volle_maand(peildatum))
    per_maand = [0] * 12
    for k in laatste12 + vorige12:
        per_maand[int(k[5:]) - 1] += maanden.get(k, (0, Decimal(0)))[0]
    return Instroom(sum(maanden.get(k, (0, Decimal(0)))[0] for k in laatste12),
                    sum((maanden.get(k, (0, Decimal(0)))[1] for k in laatste12), Decimal(0)),
                    sum(maanden.get(k, (0, Decimal(0)))[0] for k in vorige12), tuple(per_maand))


def verwachte_instroom(instroom: Mapping[str, tuple[int, Decimal]] | Instroom, peildatum: dt.date, jaar: int,
                       ) -> list[tuple[dt.date, Decimal, Decimal]]:
    """(month, expected number of new provisions, their average yearly cost) for every month of `jaar` after
    the reference day; the reference month counts for the part after the reference day. Counted over the 12 (and
    24) whole months before the reference day."""
    i = instroom if isinstance(instroom, Instroom) else instroom_van(instroom, peildatum)
    if not i.aantal_12:
        return []
    gemiddeld = i.kosten_12 / i.aantal_12
    seizoen: dict[int, Decimal] = {}
    if i.aantal_vorig_12:  # two years of data: the seasonal pattern of the last 24 months
        n24 = i.aantal_12 + i.aantal_vorig_12
        for mm, in_maand in enumerate(i.per_kalendermaand, start=1):
            seizoen[mm] = Decimal(in_maand) * 12 / n24
    uit = []
    d = max(peildatum.replace(day=1), dt.date(jaar, 1, 1))
    while d.year == jaar:
        eind = d.replace(day=calendar.monthrange(d.year, d.month)[1])
        if eind > peildatum:
            deel = Decimal((eind - max(d - dt.timedelta(days=1), peildatum)).days) / Decimal((eind - d).days + 1)
            aantal = Decimal(i.aantal_12) / 12 * seizoen.get(d.month, Decimal(1)) * deel
            uit.append((d, aantal, gemiddeld))
        d = eind + dt.timedelta(days=1)
    return uit


def prognose(c: Componenten, leer: Leerwaarden | None) -> Prognose:
    """The four components for one row (one law, product, provider, ...)."""
    r = leer.realisatiegraad if leer and leer.realisatiegraad is not None else Decimal(1)
    binnen = leer.binnen if leer else {}
    laat = Decimal(0)
    for mm in sorted(set(c.gedeclareerd_per_maand) | set(c.verplichting_per_maand)):
        if dt.date(c.jaar, mm, 1) > c.peildatum:
            continue
        a = c.gedeclareerd_per_maand.get(mm, Decimal(0))
        f = binnen.get(min(12, leeftijd(dt.date(c.jaar, mm, 1), c.kennis)))
        if f is not None and f >= MIN_BINNEN and a > 0:
            laat += a * (1 / f - 1)
        else:
            laat += max(Decimal(0), c.verplichting_per_maand.get(mm, Decimal(0)) * r - a)
    rest = c.verplichting_rest * r
    dec31 = dt.date(c.jaar, 12, 31)
    nieuw = Decimal(0)
    for maand, aantal, jaarkosten in verwachte_instroom(c.instroom, c.peildatum, c.jaar):
        midden = maand + dt.timedelta(days=14)
        nieuw += aantal * jaarkosten * Decimal((dec31 - midden).days + 1) / 365
    nieuw *= r
    return Prognose(c.gedeclareerd.quantize(CENT), laat.quantize(CENT), rest.quantize(CENT), nieuw.quantize(CENT),
                    c.pgb.quantize(CENT))


def som(prognoses: Sequence[Prognose]) -> Prognose:
    return Prognose(sum((p.gedeclareerd for p in prognoses), Decimal(0)),
                    sum((p.nog_te_declareren for p in prognoses), Decimal(0)),
                    sum((p.verplichtingen_rest for p in prognoses), Decimal(0)),
                    sum((p.nieuw for p in prognoses), Decimal(0)),
                    sum((p.pgb for p in prognoses), Decimal(0)))
