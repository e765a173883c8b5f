"""Read a budget sheet from Excel (openpyxl): the first sheet, a header row, one budget per row."""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from consulent_app.errors import ValidatieFout

MAX_RIJEN = 5000


def lees_budgetblad(pad: str | Path, koppen: Mapping[str, str]) -> list[tuple[int, dict[str, Any]]]:
    """(row number, {field: cell value}) for every non-empty row under the header. The header is matched
    case-insensitively against `koppen` (header text -> field); unknown columns are ignored."""
    from openpyxl import load_workbook

    p = Path(pad)
    if not p.is_file():
        raise ValidatieFout.veld("bestand", f"Het bestand {p.name} bestaat niet.")
    try:
        wb = load_workbook(p, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ValidatieFout.veld("bestand", f"{p.name} is geen leesbaar Excel-bestand (.xlsx).") from exc
    try:
        ws = wb.worksheets[0]
        rijen = ws.iter_rows(values_only=True)
        kop = next(rijen, None)
        if kop is None:
            raise ValidatieFout.veld("bestand", "Het werkblad is leeg.")
        velden = [koppen.get(str(c or "").strip().lower()) for c in kop]
        ontbreekt = {"jaar", "wet", "productcategorie", "bedrag"} - set(velden)
        if ontbreekt:
            raise ValidatieFout.veld("bestand", "De eerste rij moet de kolommen Jaar, Wet, Productcategorie en "
                                     f"Bedrag hebben; ontbreekt: {', '.join(sorted(ontbreekt))}.")
        uit: list[tuple[int, dict[str, Any]]] = []
        for nr, rij in enumerate(rijen, start=2):
            if all(c in (None, "") for c in rij):
                continue
            if len(uit) >= MAX_RIJEN:
                raise ValidatieFout.veld("bestand", f"Meer dan {MAX_RIJEN} regels; splits het bestand.")
            uit.append((nr, {veld: waarde for veld, waarde in zip(velden, rij, strict=False) if veld}))
        return uit
    finally:
        wb.close()
