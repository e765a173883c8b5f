"""Input rules shared by every use case: BSN, names, dates, free text, codes. Messages are Dutch and name the field."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

from consulent_app.errors import ValidatieFout

KORTE_TEKST_MAX = 200
LANGE_TEKST_MAX = 20_000

# C0/C1 control characters except tab, newline and carriage return; they come in through pasting.
# Lone surrogates (half an emoji from a broken paste) cannot be stored as UTF-8 by any driver.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class Fouten:
    """Collects field errors so a form gets all its messages at once, then raises one ValidatieFout."""

    def __init__(self) -> None:
        self.fouten: dict[str, str] = {}

    def add(self, veld: str, bericht: str) -> None:
        self.fouten.setdefault(veld, bericht)

    def check(self) -> None:
        if self.fouten:
            raise ValidatieFout(self.fouten)

    def __bool__(self) -> bool:
        return bool(self.fouten)


def tekst(waarde: str | None, veld: str, label: str, *, verplicht: bool = False,
          max_lengte: int = KORTE_TEKST_MAX, meerdere_regels: bool = False) -> str | None:
    """Clean a typed text: refuse control characters and overlong input rather than silently mangle it."""
    if waarde is None:
        waarde = ""
    if not isinstance(waarde, str):
        raise ValidatieFout.veld(veld, f"{label} moet tekst zijn.")
    waarde = unicodedata.normalize("NFC", waarde)
    if _CONTROL.search(waarde):
        raise ValidatieFout.veld(veld, f"{label} bevat onzichtbare stuurtekens (bijvoorbeeld uit plakken). "
                                       "Verwijder die en probeer opnieuw.")
    if not meerdere_regels and ("\n" in waarde or "\r" in waarde):
        raise ValidatieFout.veld(veld, f"{label} moet op één regel passen.")
    waarde = waarde.strip()
    if len(waarde) > max_lengte:
        raise ValidatieFout.veld(veld, f"{label} is te lang: {len(waarde):,} tekens, maximaal {max_lengte:,}."
                                 .replace(",", "."))
    if verplicht and not waarde:
        raise ValidatieFout.veld(veld, f"{label} is verplicht.")
    return waarde or None


def verplichte_tekst(waarde: str | None, veld: str, label: str, **kw: object) -> str:
    result = tekst(waarde, veld, label, verplicht=True, **kw)  # type: ignore[arg-type]
    assert result is not None
    return result


def bsn(waarde: str | None, veld: str = "bsn") -> str:
    """Burgerservicenummer: 9 digits passing the eleven test (python-stdnum)."""
    raw = (waarde or "").strip()
    if not raw:
        raise ValidatieFout.veld(veld, "BSN is verplicht.")
    try:
        return str(stdnum_bsn.validate(raw))
    except StdnumError as exc:
        raise ValidatieFout.veld(veld, "Dit is geen geldig BSN: controleer de negen cijfers (elfproef).") from exc


def postcode(waarde: str | None, veld: str = "postcode") -> str | None:
    raw = (waarde or "").strip()
    if not raw:
        return None
    try:
        return str(stdnum_postcode.validate(raw))
    except StdnumError as exc:
        raise ValidatieFout.veld(veld, "Postcode moet de vorm 1234 AB hebben.") from exc


def geboortedatum(waarde: dt.date | None, vandaag: dt.date, veld: str = "geboortedatum") -> dt.date:
    if waarde is None:
        raise ValidatieFout.veld(veld, "Geboortedatum is verplicht.")
    if waarde > vandaag:
        raise ValidatieFout.veld(veld, "Geboortedatum ligt in de toekomst.")
    if waarde.year < vandaag.year - 125:
        raise ValidatieFout.veld(veld, "Geboortedatum ligt te ver in het verleden.")
    return waarde


def datum_niet_in_toekomst(waarde: dt.date | None, vandaag: dt.date, veld: str, label: str) -> dt.date:
    if waarde is None:
        raise ValidatieFout.veld(veld, f"{label} is verplicht.")
    if waarde > vandaag:
        raise ValidatieFout.veld(veld, f"{label} mag niet in de toekomst liggen.")
    return waarde


def periode(start: dt.date | None, eind: dt.date | None, veld_eind: str = "einddatum") -> None:
    if start is not None and eind is not None and eind < start:
        raise ValidatieFout.veld(veld_eind, "De einddatum ligt vóór de startdatum.")


def bedrag(waarde: object, veld: str, label: str, *, positief: bool = True) -> Decimal:
    try:
        d = Decimal(str(waarde).replace(",", ".")) if not isinstance(waarde, Decimal) else waarde
    except (InvalidOperation, ValueError) as exc:
        raise ValidatieFout.veld(veld, f"{label} is geen geldig getal.") from exc
    if not d.is_finite():
        raise ValidatieFout.veld(veld, f"{label} is geen geldig getal.")
    if positief and d <= 0:
        raise ValidatieFout.veld(veld, f"{label} moet groter dan nul zijn.")
    if d >= Decimal("1e9"):
        raise ValidatieFout.veld(veld, f"{label} is onwaarschijnlijk groot.")
    return d.quantize(Decimal("0.01"))


def code(waarde: str | None, lijst: dict[str, str], veld: str, label: str) -> str:
    if not waarde or waarde not in lijst:
        raise ValidatieFout.veld(veld, f"{label}: onbekende code '{waarde or ''}'. Kies een code uit de lijst.")
    return waarde


def keuze(waarde: str | None, opties: type, veld: str, label: str) -> str:
    try:
        return str(opties(waarde).value)
    except ValueError as exc:
        raise ValidatieFout.veld(veld, f"{label}: ongeldige keuze '{waarde}'.") from exc
