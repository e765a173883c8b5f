"""Exports open in Excel with real types: dates as dates, amounts as euro numbers; CSV in Dutch notation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from consulent_app import export
from consulent_app.errors import ValidatieFout
from consulent_app.export import Kolom, Type

KOLOMMEN = [Kolom("Cliënt"), Kolom("Startdatum", Type.DATUM), Kolom("Voorzieningen", Type.GEHEEL),
            Kolom("Jaarkosten", Type.BEDRAG), Kolom("Uren", Type.GETAL), Kolom("Belasting", Type.PROCENT)]
RIJEN = [
    ["Maria Janssen", dt.date(2026, 3, 14), 2, Decimal("18881.20"), 6.5, 85.0],
    ["Jan Peeters", None, 1, Decimal("1234.5"), 0.25, 112.5],
]


def test_xlsx_heeft_echte_kolomtypen(tmp_path: Path) -> None:
    pad = export.schrijf(tmp_path / "overzicht.xlsx", "Poortwachter", KOLOMMEN, RIJEN, ondertitel="Team Centrum")
    ws = load_workbook(pad).active
    assert ws.title == "Poortwachter"
    assert ws["A1"].value == "Team Centrum"
    assert [c.value for c in ws[3]] == [k.titel for k in KOLOMMEN]
    naam, datum, aantal, bedrag, uren, procent = ws[4]
    assert naam.value == "Maria Janssen"
    assert isinstance(datum.value, dt.datetime) and datum.value.date() == dt.date(2026, 3, 14)
    assert datum.is_date and datum.number_format == "DD-MM-YYYY"
    assert aantal.value == 2 and aantal.data_type == "n"
    assert bedrag.value == pytest.approx(18881.20) and bedrag.data_type == "n"
    assert "€" in bedrag.number_format
    assert uren.value == 6.5
    assert procent.value == pytest.approx(0.85) and procent.number_format.endswith("%")
    assert ws["B5"].value is None  # an empty date stays empty, not the text "None"
    assert ws.freeze_panes == "A4"


def test_csv_met_puntkomma_nederlandse_decimalen_en_bom(tmp_path: Path) -> None:
    pad = export.schrijf(tmp_path / "overzicht.csv", "x", KOLOMMEN, RIJEN)
    ruw = pad.read_bytes()
    assert ruw.startswith(b"\xef\xbb\xbf")
    regels = ruw.decode("utf-8-sig").split("\r\n")
    assert regels[0] == "Cliënt;Startdatum;Voorzieningen;Jaarkosten;Uren;Belasting"
    assert regels[1] == "Maria Janssen;14-03-2026;2;18881,20;6,5;85,0"
    assert regels[2] == "Jan Peeters;;1;1234,50;0,3;112,5"  # half up, as people round


def test_tekst_met_puntkomma_wordt_gequote() -> None:
    tekst = export.csv_tekst([Kolom("Omschrijving")], [["Huishouden; boodschappen"]])
    assert tekst.split("\r\n")[1] == '"Huishouden; boodschappen"'


def test_onbekende_extensie_en_verkeerde_rij_geven_nederlandse_melding(tmp_path: Path) -> None:
    with pytest.raises(ValidatieFout) as exc:
        export.schrijf(tmp_path / "x.pdf", "x", KOLOMMEN, RIJEN)
    assert ".xlsx" in exc.value.fouten["bestand"]
    with pytest.raises(ValidatieFout) as exc:
        export.schrijf(tmp_path / "x.xlsx", "x", KOLOMMEN, [["te kort"]])
    assert "Rij 1" in exc.value.fouten["rijen"]
