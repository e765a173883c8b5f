"""Overviews to Excel (.xlsx with real column types) and CSV (';', Dutch decimals, UTF-8 BOM so Excel reads it).

Screens hand over columns and rows of plain values (dates, Decimals, ints, text); this module decides the cell
types and formats, so a date stays a date and an amount stays a number in Excel.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from consulent_app.errors import ValidatieFout


class Type(StrEnum):
    TEKST = "tekst"
    GEHEEL = "geheel"  # whole number
    GETAL = "getal"  # decimal number
    BEDRAG = "bedrag"  # euro
    DATUM = "datum"
    PROCENT = "procent"  # given as a percentage (85.0 = 85 %)


@dataclass(frozen=True)
class Kolom:
    titel: str
    type: Type = Type.TEKST
    breedte: int | None = None  # characters; default from the title and type
    decimalen: int = 1


EURO_FORMAAT = '"€" #,##0.00;[Red]"€" -#,##0.00'
DATUM_FORMAAT = "DD-MM-YYYY"
_STANDAARD_BREEDTE = {Type.TEKST: 28, Type.GEHEEL: 10, Type.GETAL: 12, Type.BEDRAG: 15, Type.DATUM: 12,
                      Type.PROCENT: 10}


def _getal_formaat(decimalen: int) -> str:
    return "#,##0" + ("." + "0" * decimalen if decimalen else "")


def _controleer(kolommen: Sequence[Kolom], rijen: Sequence[Sequence[Any]]) -> None:
    if not kolommen:
        raise ValidatieFout.veld("kolommen", "Een export heeft minstens één kolom nodig.")
    for i, rij in enumerate(rijen, start=1):
        if len(rij) != len(kolommen):
            raise ValidatieFout.veld("rijen", f"Rij {i} heeft {len(rij)} waarden, maar er zijn {len(kolommen)} "
                                              "kolommen.")


def _cel(waarde: Any, kolom: Kolom) -> Any:
    """The value as Excel should store it."""
    if waarde is None or waarde == "":
        return None
    if kolom.type is Type.DATUM:
        if isinstance(waarde, dt.datetime):
            return waarde.date()
        return waarde
    if kolom.type in (Type.GEHEEL, Type.GETAL, Type.BEDRAG):
        if isinstance(waarde, Decimal):
            return float(waarde)
        return waarde
    if kolom.type is Type.PROCENT:
        return float(waarde) / 100
    return str(waarde)


def xlsx_bytes(titel: str, kolommen: Sequence[Kolom], rijen: Sequence[Sequence[Any]], *,
               ondertitel: str | None = None) -> bytes:
    """A workbook with one sheet: optional subtitle line, a bold frozen header, typed cells, an autofilter."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    _controleer(kolommen, rijen)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _bladnaam(titel)
    start = 1
    if ondertitel:
        ws.cell(row=1, column=1, value=ondertitel).font = Font(italic=True)
        start = 3
    for c, k in enumerate(kolommen, start=1):
        cel = ws.cell(row=start, column=c, value=k.titel)
        cel.font = Font(bold=True)
        ws.column_dimensions[get_column_letter(c)].width = k.breedte or max(len(k.titel) + 2,
                                                                              _STANDAARD_BREEDTE[k.type])
    for r, rij in enumerate(rijen, start=start + 1):
        for c, (waarde, k) in enumerate(zip(rij, kolommen, strict=True), start=1):
            cel = ws.cell(row=r, column=c, value=_cel(waarde, k))
            if k.type is Type.DATUM:
                cel.number_format = DATUM_FORMAAT
            elif k.type is Type.BEDRAG:
                cel.number_format = EURO_FORMAAT
            elif k.type is Type.GETAL:
                cel.number_format = _getal_formaat(k.decimalen)
            elif k.type is Type.GEHEEL:
                cel.number_format = "#,##0"
            elif k.type is Type.PROCENT:
                cel.number_format = "0" + ("." + "0" * k.decimalen if k.decimalen else "") + "%"
    ws.freeze_panes = ws.cell(row=start + 1, column=1)
    ws.auto_filter.ref = f"A{start}:{get_column_letter(len(kolommen))}{start + max(len(rijen), 1)}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _bladnaam(titel: str) -> str:
    naam = "".join(ch for ch in titel if ch not in '[]:*?/\\').strip() or "Overzicht"
    return naam[:31]


def _csv_waarde(waarde: Any, kolom: Kolom) -> str:
    if waarde is None:
        return ""
    if kolom.type is Type.DATUM:
        d = waarde.date() if isinstance(waarde, dt.datetime) else waarde
        return d.strftime("%d-%m-%Y")
    if kolom.type is Type.GEHEEL:
        return str(int(waarde))
    if kolom.type in (Type.GETAL, Type.BEDRAG, Type.PROCENT):
        decimalen = 2 if kolom.type is Type.BEDRAG else kolom.decimalen
        # No thousands separator: Excel and other tools read '1234,50' as a number, '1.234,50' not always.
        q = Decimal(str(waarde)).quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)
        return f"{q:.{decimalen}f}".replace(".", ",")
    return str(waarde)


def csv_tekst(kolommen: Sequence[Kolom], rijen: Iterable[Sequence[Any]]) -> str:
    """CSV text with ';' between fields and decimal commas, as Dutch Excel expects."""
    rijen = list(rijen)
    _controleer(kolommen, rijen)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow([k.titel for k in kolommen])
    for rij in rijen:
        w.writerow([_csv_waarde(v, k) for v, k in zip(rij, kolommen, strict=True)])
    return buf.getvalue()


def schrijf_xlsx(pad: Path | str, titel: str, kolommen: Sequence[Kolom], rijen: Sequence[Sequence[Any]], *,
                 ondertitel: str | None = None) -> Path:
    from consulent_app import files

    return files.schrijf_prive(pad, xlsx_bytes(titel, kolommen, rijen, ondertitel=ondertitel))


def schrijf_csv(pad: Path | str, kolommen: Sequence[Kolom], rijen: Iterable[Sequence[Any]]) -> Path:
    """UTF-8 with BOM: Excel on Windows then shows 'cliënt' and '€' correctly."""
    from consulent_app import files

    return files.schrijf_prive(pad, csv_tekst(kolommen, rijen).encode("utf-8-sig"))


def schrijf(pad: Path | str, titel: str, kolommen: Sequence[Kolom], rijen: Sequence[Sequence[Any]], *,
            ondertitel: str | None = None) -> Path:
    """By extension: .xlsx or .csv."""
    pad = Path(pad)
    if pad.suffix.lower() == ".xlsx":
        return schrijf_xlsx(pad, titel, kolommen, rijen, ondertitel=ondertitel)
    if pad.suffix.lower() == ".csv":
        return schrijf_csv(pad, kolommen, rijen)
    raise ValidatieFout.veld("bestand", "Kies een bestandsnaam die eindigt op .xlsx (Excel) of .csv.")
