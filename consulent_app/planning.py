"""Planning norms of the 2020 report as pure arithmetic: required FTE, available hours, load in weeks and percent.

Domain brief section 9: norm hours per file, a 36-hour FTE week, 75 % productive time, side tasks off the
available hours; one FTE handles 36 x 0.75 / 4 = 6.75 files a week, so N files a week need N x 4 / 27 FTE.
No database, no Qt: the services feed these functions with counts they aggregated in SQL.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from consulent_app import termijnen
from consulent_app.errors import ValidatieFout

#: Load is expressed against this many weeks of capacity: the Wmo investigation term (art. 2.3.2 lid 1
#: Wmo 2015). 100 % means a consultant has exactly six weeks of work waiting.
PLANPERIODE_WEKEN = float(termijnen.WMO_ONDERZOEK_WEKEN)
#: Below this share of the period a consultant (or team) has room for more work.
ONDERGRENS_PROCENT = 80.0
#: Above this share the work cannot be done within the legal term.
BOVENGRENS_PROCENT = 100.0


def _getal(waarde: float, veld: str, label: str) -> float:
    """A finite number, or a Dutch message naming the field."""
    try:
        x = float(waarde)
    except (TypeError, ValueError) as exc:
        raise ValidatieFout.veld(veld, f"{label} is geen geldig getal.") from exc
    if not math.isfinite(x):
        raise ValidatieFout.veld(veld, f"{label} is geen geldig getal.")
    return x


def _niet_negatief(waarde: float, veld: str, label: str) -> float:
    x = _getal(waarde, veld, label)
    if x < 0:
        raise ValidatieFout.veld(veld, f"{label} mag niet negatief zijn.")
    return x


def _productiviteit(waarde: float, veld: str = "productiviteit") -> float:
    """The productive share is passed as a fraction (0.75) but always explained to people as a percentage."""
    x = _getal(waarde, veld, "Productieve tijd")
    if not 0 < x <= 1:
        raise ValidatieFout.veld(veld, "Productieve tijd is een percentage van de werkweek: meer dan 0 % en "
                                       "hoogstens 100 % (bijvoorbeeld 75 %).")
    return x


def productiviteit_van_procent(procent: float, veld: str = "productiviteit") -> float:
    """Productive time typed as a percentage (75) -> the share the formulas take (0.75).

    A fraction typed where a percentage is asked (0,8 for 80 %) is refused with the example, not read as 0.8 %.
    """
    x = _getal(procent, veld, "Productieve tijd")
    if 0 < x < 1:
        raise ValidatieFout.veld(veld, f"Vul de productieve tijd in als percentage: {_pct(x * 100)} voor "
                                       f"{_pct(x * 100)} % (niet {_pct(x)}).")
    return _productiviteit(x / 100, veld)


def _pct(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def benodigde_fte(dossiers_per_week: float, uren_per_dossier: float = 4.0, uren_per_fte_week: float = 36.0,
                  productiviteit: float = 0.75) -> float:
    """Required FTE for an inflow: files per week x hours per file / (hours per FTE-week x productive share).

    The 2020 report's capacity formula (domain brief section 9): 27 files a week at 4 h need 4.0 FTE.
    """
    fouten: dict[str, str] = {}
    waarden: dict[str, float] = {}
    for veld, label, waarde, fn in (
        ("dossiers_per_week", "Aantal dossiers per week", dossiers_per_week, _niet_negatief),
        ("uren_per_dossier", "Uren per dossier", uren_per_dossier, _niet_negatief),
        ("uren_per_fte_week", "Uren per FTE-week", uren_per_fte_week, _niet_negatief),
    ):
        try:
            waarden[veld] = fn(waarde, veld, label)
        except ValidatieFout as exc:
            fouten.update(exc.fouten)
    try:
        waarden["productiviteit"] = _productiviteit(productiviteit)
    except ValidatieFout as exc:
        fouten.update(exc.fouten)
    if not fouten and waarden["uren_per_fte_week"] == 0:
        fouten["uren_per_fte_week"] = "Uren per FTE-week moet groter dan nul zijn."
    if fouten:
        raise ValidatieFout(fouten)
    return (waarden["dossiers_per_week"] * waarden["uren_per_dossier"]
            / (waarden["uren_per_fte_week"] * waarden["productiviteit"]))


def dossiers_per_fte_week(uren_per_dossier: float = 4.0, uren_per_fte_week: float = 36.0,
                          productiviteit: float = 0.75) -> float:
    """Files one FTE handles in a week: 36 x 0.75 / 4 = 6.75."""
    uren = _niet_negatief(uren_per_dossier, "uren_per_dossier", "Uren per dossier")
    if uren == 0:
        raise ValidatieFout.veld("uren_per_dossier", "Uren per dossier moet groter dan nul zijn.")
    return (_niet_negatief(uren_per_fte_week, "uren_per_fte_week", "Uren per FTE-week")
            * _productiviteit(productiviteit) / uren)


def fte(contracturen: float, uren_per_fte_week: float = 36.0) -> float:
    """Contract hours as FTE: 32 h of a 36-hour week is 0.89 FTE."""
    uren = _niet_negatief(contracturen, "contracturen", "Contracturen")
    week = _niet_negatief(uren_per_fte_week, "uren_per_fte_week", "Uren per FTE-week")
    if week == 0:
        raise ValidatieFout.veld("uren_per_fte_week", "Uren per FTE-week moet groter dan nul zijn.")
    return uren / week


def beschikbare_uren(contracturen: float | None, productiviteit: float = 0.75, nevenuren: float = 0.0) -> float:
    """Hours a week left for cases: contract hours x productive share, minus registered side tasks.

    A consultant without contract hours cannot be planned: that is an input error, not zero capacity.
    """
    if contracturen is None:
        raise ValidatieFout.veld("contracturen", "Er zijn geen contracturen vastgelegd voor deze consulent; "
                                                 "vraag de beheerder die in te vullen.")
    fouten: dict[str, str] = {}
    c = p = n = 0.0
    try:
        c = _niet_negatief(contracturen, "contracturen", "Contracturen")
        if c == 0:
            fouten["contracturen"] = ("Deze consulent heeft 0 contracturen; vraag de beheerder de contracturen "
                                      "in te vullen.")
    except ValidatieFout as exc:
        fouten.update(exc.fouten)
    try:
        p = _productiviteit(productiviteit)
    except ValidatieFout as exc:
        fouten.update(exc.fouten)
    try:
        n = _niet_negatief(nevenuren, "nevenuren", "Uren voor neventaken")
    except ValidatieFout as exc:
        fouten.update(exc.fouten)
    if fouten:
        raise ValidatieFout(fouten)
    return max(0.0, c * p - n)


def belasting_weken(werkuren: float, beschikbare_uren_per_week: float) -> float:
    """Weeks of work waiting: norm hours of the open cases / available hours a week (inf when none available)."""
    uren = _niet_negatief(werkuren, "werkuren", "Werkuren")
    beschikbaar = _niet_negatief(beschikbare_uren_per_week, "beschikbare_uren", "Beschikbare uren")
    if beschikbaar == 0:
        return 0.0 if uren == 0 else math.inf
    return uren / beschikbaar


def belasting_procent(weken: float, planperiode_weken: float = PLANPERIODE_WEKEN) -> float:
    """Load as a percentage of the planning period (default six weeks, the Wmo investigation term)."""
    periode = _niet_negatief(planperiode_weken, "planperiode_weken", "Planperiode")
    if periode == 0:
        raise ValidatieFout.veld("planperiode_weken", "Planperiode moet groter dan nul zijn.")
    return _niet_negatief(weken, "weken", "Belasting") / periode * 100.0


class Signaal(StrEnum):
    RUIMTE = "ruimte"
    OP_NORM = "op_norm"
    OVERBELAST = "overbelast"

    @property
    def label(self) -> str:
        return {"ruimte": "Ruimte voor meer werk", "op_norm": "Op norm", "overbelast": "Overbelast"}[self.value]


def signaal(procent: float, *, ondergrens: float = ONDERGRENS_PROCENT,
            bovengrens: float = BOVENGRENS_PROCENT) -> Signaal:
    """Over- or under-capacity signal for a consultant or a team."""
    if procent > bovengrens:
        return Signaal.OVERBELAST
    if procent < ondergrens:
        return Signaal.RUIMTE
    return Signaal.OP_NORM


@dataclass(frozen=True)
class Normen:
    """Norm hours per kind of case and capacity norms; validated once, so every screen gets clear messages."""

    uren_nieuw: float = 6.0
    uren_bestaande_client: float = 4.0
    uren_wijziging: float = 2.0
    uren_jeugd: float = 4.0
    uren_po: float = 4.0
    uren_per_fte_week: float = 36.0
    productiviteit: float = 0.75

    def __post_init__(self) -> None:
        fouten: dict[str, str] = {}
        labels = {"uren_nieuw": "Normuren nieuwe aanvraag", "uren_bestaande_client": "Normuren bestaande cliënt",
                  "uren_wijziging": "Normuren wijziging", "uren_jeugd": "Normuren Jeugd",
                  "uren_po": "Normuren periodiek onderzoek", "uren_per_fte_week": "Uren per FTE-week"}
        for veld, label in labels.items():
            try:
                _niet_negatief(getattr(self, veld), veld, label)
            except ValidatieFout as exc:
                fouten.update(exc.fouten)
        try:
            _productiviteit(self.productiviteit)
        except ValidatieFout as exc:
            fouten.update(exc.fouten)
        if fouten:
            raise ValidatieFout(fouten)

    @classmethod
    def uit_config(cls, normen: object) -> Normen:
        """From consulent_app.config.Normen (or anything with the same attributes)."""
        return cls(**{f: float(getattr(normen, f)) for f in cls.__dataclass_fields__})

    def uren(self, soort: str) -> float:
        """Norm hours for a kind of case: nieuw, bestaande_client, wijziging, jeugd or po."""
        return {"nieuw": self.uren_nieuw, "bestaande_client": self.uren_bestaande_client,
                "wijziging": self.uren_wijziging, "jeugd": self.uren_jeugd, "po": self.uren_po}[soort]


#: The kinds of case a consultant's load is split into (issue: new Wmo, existing client, change, PO, Jeugd).
ZAAKSOORTEN = ("nieuw", "bestaande_client", "wijziging", "po", "jeugd")
ZAAKSOORT_LABELS = {"nieuw": "Nieuwe Wmo-aanvraag", "bestaande_client": "Bestaande cliënt",
                    "wijziging": "Wijziging", "po": "Periodiek onderzoek", "jeugd": "Jeugd"}


def zaaksoort(wet: str, soort: str | None) -> str:
    """Which norm applies: Jeugd has one norm whatever the kind; Wmo by new / existing client / change."""
    if wet == "jeugdwet":
        return "jeugd"
    if soort in ("bestaande_client", "wijziging"):
        return soort
    return "nieuw"
