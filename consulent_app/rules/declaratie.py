"""The check of one invoice line (prestatie, iWmo/iJw 323) against its assignment: the iStandaarden technical rules
that concern the municipality, and the contract tariff. Each failed rule gives its national retour code (WJ001).

Rules (`referentie/{wmo,jw}/regels/technische-regels`, codes from `codelijsten/WJ001_Retourcode.md`):

| rule  | code | what |
| ----- | ---- | ---- |
| TR338 | 9338 | the prestatie belongs to an assignment (ToewijzingNummer) of this municipality and provider |
| TR304 | 8187 | the BSN is the client of that assignment |
| TR384 | 9384 | not on a removed assignment (RedenWijziging 13) |
| TR314 | 8021 | the reference is new for this provider and law (in this message and before) |
| TR323 | 8017 | a credit cancels an approved debit of the same provider (VorigReferentieNummer) |
| TR390 | 9390 | that debit was not credited before |
| TR389 | 9389 | no second debit for the same period, product and assignment without a credit of the first |
| TR307 | 9307 | product period starts on or after the assignment's start |
| TR308 | 9308 | product period ends on or before the assignment's end (when it has one) |
| TR319 | 9319 | product period lies within the declaration period |
| TR339 | 9339 | product category equals the assignment's |
| TR340 | 9340 | product code equals the assignment's (when it has one) |
| TR341 | 9341 | unit equals the assignment's |
| TR321 | 9321 | delivered volume fits within the assigned volume for the period |
| TR322 | 9322 | the sum of delivered volume on the assignment fits within the assigned total |
| TR369 | 9369 | within the assigned budget (products in euros) |
| TR346 | 9346 | amount = volume x tariff (unit not 83, euros) |
| TR418 | 0611 | the tariff is the contract tariff of the product for that period |

Not a national rule, so never a rejection: an invoice that comes in more than the configured number of months
after the end of its product period is approved but marked doubtful ("te laat") for the staff's work list.
Pure: the service passes in what it looked up.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta

GOED = "0200"
DEBET, CREDIT = "D", "C"

#: Retour code -> plain Dutch reason for the staff's work list (B1; the national wording is in WJ001).
REDENEN: dict[str, str] = {
    "9338": "Er is geen toewijzing met dit nummer voor deze aanbieder.",
    "8187": "Het BSN hoort niet bij de cliënt van deze toewijzing.",
    "9384": "De toewijzing is ingetrokken (verwijderd).",
    "8021": "Dit referentienummer is al eerder gedeclareerd (dubbel).",
    "8017": "Creditregel zonder goedgekeurde debetregel.",
    "9390": "De debetregel is al eerder gecrediteerd.",
    "9389": "Deze periode is al gedeclareerd voor deze toewijzing (dubbele declaratie).",
    "9307": "De periode begint vóór de ingangsdatum van de toewijzing.",
    "9308": "De periode loopt na de einddatum van de toewijzing.",
    "9319": "De periode valt niet binnen de declaratieperiode.",
    "9339": "De productcategorie is niet die van de toewijzing.",
    "9340": "De productcode is niet die van de toewijzing.",
    "9341": "De eenheid is niet die van de toewijzing.",
    "9321": "Het volume is hoger dan toegewezen voor deze periode.",
    "9322": "Samen met eerdere declaraties is het volume hoger dan toegewezen.",
    "9369": "Samen met eerdere declaraties is het budget van de toewijzing overschreden.",
    "9346": "Het bedrag is niet volume maal tarief.",
    "0611": "Het tarief is niet het contracttarief.",
}
TWIJFEL_REDENEN: dict[str, str] = {
    "te_laat": "Te laat gedeclareerd: na de declaratietermijn.",
}


@dataclass(frozen=True)
class PrestatieInvoer:
    """One prestatie as the provider sent it (amount positive; `debet_credit` says the sign)."""

    referentie: str
    toewijzing_nummer: str
    bsn: str
    productcategorie: str
    productcode: str | None
    periode_van: dt.date
    periode_tot: dt.date
    volume: Decimal
    eenheid: str
    tarief: Decimal
    bedrag: Decimal
    debet_credit: str = DEBET
    vorige_referentie: str | None = None


@dataclass(frozen=True)
class Toewijzing:
    """The assignment a prestatie refers to, as the municipality knows it."""

    voorziening_id: int
    client_id: int
    bsn: str
    productcategorie: str
    productcode: str | None
    eenheid: str
    ingangsdatum: dt.date
    einddatum: dt.date | None  # the end of the assignment: end date or the day care ended
    volume: Decimal
    frequentie: str  # WMO757
    contracttarief: Decimal | None  # tariff in force at the start of the product period
    verwijderd: bool = False
    budget: Decimal | None = None
    volume_eerder: Decimal = Decimal(0)  # approved (debit minus credit) volume before this line


@dataclass(frozen=True)
class Eerder:
    """What earlier prestaties of the same provider and law say about this line."""

    referentie_bekend: bool = False
    debet_van_vorige: tuple[Decimal, Decimal] | None = None  # (volume, amount) of the approved debit a credit cancels
    vorige_al_gecrediteerd: bool = False
    periode_al_gedeclareerd: bool = False


@dataclass(frozen=True)
class Oordeel:
    codes: tuple[str, ...]  # empty: approved
    twijfel: tuple[str, ...] = field(default=())

    @property
    def goedgekeurd(self) -> bool:
        return not self.codes

    @property
    def retourcodes(self) -> tuple[str, ...]:
        return self.codes or (GOED,)

    def redenen(self) -> list[str]:
        return [REDENEN.get(c, c) for c in self.codes] + [TWIJFEL_REDENEN.get(c, c) for c in self.twijfel]


def toegestaan_volume(volume: Decimal, frequentie: str, van: dt.date, tot: dt.date) -> Decimal | None:
    """The assigned volume for the days `van`..`tot`: per day x days, per week x days / 7, per month x the months
    covered (each month by its own length). None for "in total" (frequency 6): TR322 judges that one."""
    dagen = (tot - van).days + 1
    if frequentie == "1":
        return volume * dagen
    if frequentie == "2":
        return volume * Decimal(dagen) / 7
    if frequentie == "4":
        maanden = Decimal(0)
        d = van
        while d <= tot:
            lengte = calendar.monthrange(d.year, d.month)[1]
            maand_eind = d.replace(day=lengte)
            maanden += Decimal((min(tot, maand_eind) - d).days + 1) / lengte
            d = maand_eind + dt.timedelta(days=1)
        return volume * maanden
    return None


def toegewezen_totaal(t: Toewijzing) -> Decimal | None:
    """The total the assignment allows over its whole period (TR322): "in total" directly, else per frequency
    over the assigned period when it has an end."""
    if t.frequentie == "6":
        return t.volume
    if t.einddatum is None:
        return None
    return toegestaan_volume(t.volume, t.frequentie, t.ingangsdatum, t.einddatum)


def bedrag_klopt(p: PrestatieInvoer) -> bool:
    """TR346: IngediendBedrag = GeleverdVolume x ProductTarief, rounded to cents (unit 83, euros, excepted)."""
    if p.eenheid == "83":
        return True
    return (p.volume * p.tarief).quantize(Decimal("0.01"), ROUND_HALF_UP) == p.bedrag


def controleer(p: PrestatieInvoer, t: Toewijzing | None, eerder: Eerder, *, declaratie_van: dt.date,
               declaratie_tot: dt.date, ontvangen_op: dt.date, termijn_maanden: int) -> Oordeel:
    """Judge one prestatie. Every failing rule's code, in the order of the table above."""
    codes: list[str] = []
    if eerder.referentie_bekend:
        codes.append("8021")
    if t is None:
        return Oordeel(tuple(["9338", *codes]))
    if p.bsn != t.bsn:
        codes.append("8187")
    if t.verwijderd:
        codes.append("9384")
    if p.debet_credit == CREDIT:
        if eerder.debet_van_vorige is None:
            codes.append("8017")
        elif eerder.vorige_al_gecrediteerd:
            codes.append("9390")
        if not bedrag_klopt(p):
            codes.append("9346")
        return Oordeel(tuple(codes))
    if eerder.periode_al_gedeclareerd:
        codes.append("9389")
    if p.periode_tot < p.periode_van or p.periode_van < t.ingangsdatum:
        codes.append("9307")
    if t.einddatum is not None and p.periode_tot > t.einddatum:
        codes.append("9308")
    if p.periode_van < declaratie_van or p.periode_tot > declaratie_tot:
        codes.append("9319")
    if p.productcategorie != t.productcategorie:
        codes.append("9339")
    if t.productcode and p.productcode != t.productcode:
        codes.append("9340")
    if p.eenheid != t.eenheid:
        codes.append("9341")
    per_periode = toegestaan_volume(t.volume, t.frequentie, p.periode_van, p.periode_tot) \
        if p.periode_tot >= p.periode_van else None
    if per_periode is not None and p.volume > per_periode.quantize(Decimal("0.01"), ROUND_HALF_UP):
        codes.append("9321")
    totaal = toegewezen_totaal(t)
    if totaal is not None and t.volume_eerder + p.volume > totaal.quantize(Decimal("0.01"), ROUND_HALF_UP):
        codes.append("9322")
    if t.budget is not None and t.volume_eerder + p.volume > t.budget:
        codes.append("9369")
    if not bedrag_klopt(p):
        codes.append("9346")
    if t.contracttarief is not None and p.tarief != t.contracttarief:
        codes.append("0611")
    twijfel: list[str] = []
    if ontvangen_op > p.periode_tot + relativedelta(months=termijn_maanden):
        twijfel.append("te_laat")
    return Oordeel(tuple(codes), tuple(twijfel) if not codes else ())


def teken(p: PrestatieInvoer) -> Decimal:
    """+1 for a debit, -1 for a credit."""
    return Decimal(-1) if p.debet_credit == CREDIT else Decimal(1)


def periode_sleutel(p: PrestatieInvoer) -> tuple[str, str, str | None, dt.date]:
    """TR389's key: the same assignment, product and period."""
    return (p.toewijzing_nummer, p.productcategorie, p.productcode, p.periode_van)
