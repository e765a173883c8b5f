"""Rules for one custom provision, without a database; each test names the rule it protects."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from consulent_app.domain import Wet
from consulent_app.errors import ValidatieFout
from consulent_app.rules import duur
from consulent_app.rules import voorziening as vr
from consulent_app.rules.voorziening import ProductInfo, VoorzieningInvoer

HH = ProductInfo(1, "HH1", "Hulp bij het huishouden", "wmo", "01", "laag", Decimal("32.50"), "04")
JA = ProductInfo(2, "JAM", "Jeugdhulp ambulant", "jeugdwet", "45", "midden", Decimal("86.50"), "04")
OUD = ProductInfo(3, "OUD", "Oud product", "wmo", "01", None, Decimal("10"), "04", actief=False)
PRODUCTEN = {p.id: p for p in (HH, JA, OUD)}
START = dt.date(2026, 12, 1)

GOED = VoorzieningInvoer(productcategorie="01", product_id=1, volume="2,5", frequentie="2", startdatum=START,
                         einddatum=None, po_datum=dt.date(2027, 12, 1), leveringsvorm="zin", aanbieder_id=7,
                         beoogd_resultaat="Schoon huis", motivering="Netto 2,5 uur")


def _valideer(wet: Wet = Wet.WMO, maanden: int = 36, **kw: object) -> vr.GeldigeVoorziening:
    return vr.valideer_voorziening(replace(GOED, **kw), wet=wet, producten=PRODUCTEN,  # type: ignore[arg-type]
                                   actieve_aanbieders={7}, po_maximum_maanden=maanden)


def _fout(**kw: object) -> dict[str, str]:
    with pytest.raises(ValidatieFout) as exc:
        _valideer(**kw)  # type: ignore[arg-type]
    return exc.value.fouten


def test_valid_provision_takes_unit_from_product() -> None:
    g = _valideer()
    assert g.volume == Decimal("2.50") and g.eenheid == "04" and g.aanbieder_id == 7 and g.pgb_bedrag is None


@pytest.mark.parametrize("volume", ["0", "-1", "", "abc", "1,234"])
def test_scope_must_be_positive(volume: str) -> None:
    """Domain brief section 4: scope (omvang) is a positive volume with unit and frequency."""
    assert "volume" in _fout(volume=volume)


def test_end_before_start_is_refused() -> None:
    """Domain brief section 4, duur: start date and end date; the end cannot precede the start."""
    assert _fout(einddatum=START - dt.timedelta(days=1))["einddatum"] == "De einddatum ligt vóór de startdatum."


def test_granted_provision_needs_end_date_or_po() -> None:
    """Domain brief section 7: every granted provision has an end date or a planned PO."""
    assert "periodiek onderzoek" in _fout(po_datum=None)["einddatum"]
    assert _valideer(po_datum=None, einddatum=dt.date(2027, 5, 31)).einddatum == dt.date(2027, 5, 31)
    _valideer(po_datum=None, besluit="afgewezen")


def test_po_no_later_than_the_configured_maximum() -> None:
    """Domain brief section 7 (rapport 2020: at least once in three years): PO <= start + maximum months."""
    assert duur.po_uiterlijk(START, 36) == dt.date(2029, 12, 1)
    _valideer(po_datum=dt.date(2029, 12, 1))
    assert _fout(po_datum=dt.date(2029, 12, 2))["po_datum"] == (
        "Het periodiek onderzoek moet uiterlijk 36 maanden na de start plaatsvinden, dus op of vóór 1 december 2029.")
    assert "12 maanden" in _fout(maanden=12, po_datum=dt.date(2028, 1, 1))["po_datum"]  # type: ignore[arg-type]


def test_unknown_inactive_or_wrong_law_product_is_refused() -> None:
    """Domain brief section 4, aard: a known product of the municipality's catalogue, of the right law."""
    assert "onbekend" in _fout(product_id=99)["product"]
    assert "onbekend" in _fout(product_id=3)["product"]
    assert "Jeugdwet" in _fout(product_id=2)["product"]
    assert "hoort niet bij de categorie" in _fout(productcategorie="02")["product"]
    assert "productcategorie" in _fout(productcategorie="99")


def test_jeugd_product_category_comes_from_jz020() -> None:
    """Domain brief section 4: Jeugd product categories from codelists/JZ020_productcategorie.csv."""
    assert _valideer(Wet.JEUGDWET, productcategorie="45", product_id=2, po_datum=None,
                     einddatum=START + dt.timedelta(days=180)).productcategorie == "45"
    with pytest.raises(ValidatieFout) as exc:
        _valideer(Wet.JEUGDWET, productcategorie="01", product_id=2)
    assert "productcategorie" in exc.value.fouten


def test_pgb_needs_an_amount_and_zin_a_provider() -> None:
    """Art. 12 verordening / domain brief section 4-5: ZIN with provider, or PGB with its amount."""
    assert _fout(leveringsvorm="pgb", pgb_bedrag=None)["pgb_bedrag"] == (
        "Bij een pgb hoort een bedrag. Vul het pgb-bedrag in.")
    assert "groter dan nul" in _fout(leveringsvorm="pgb", pgb_bedrag="0")["pgb_bedrag"]
    g = _valideer(leveringsvorm="pgb", pgb_bedrag="1250,50", pgb_periode="maand", aanbieder_id=None)
    assert (g.pgb_bedrag, g.pgb_periode) == (Decimal("1250.50"), "maand")
    assert "aanbieder" in _fout(aanbieder_id=None)
    assert "niet meer actief" in _fout(aanbieder_id=8)["aanbieder"]


def test_overlong_text_and_control_characters_are_refused_at_the_field() -> None:
    assert "te lang" in _fout(motivering="x" * 4001)["motivering"]
    assert "stuurtekens" in _fout(beoogd_resultaat="schoon\x1bhuis")["beoogd_resultaat"]


def test_all_field_errors_come_at_once() -> None:
    fouten = _fout(volume="0", einddatum=START - dt.timedelta(days=1), leveringsvorm="pgb", motivering="")
    assert set(fouten) == {"volume", "einddatum", "pgb_bedrag", "pgb_periode", "motivering"}


def test_a_pgb_without_a_period_is_refused_at_the_field() -> None:
    """Awb 3:46 / art. 12 verordening: the client can only check a pgb stated per week, month or year."""
    assert "per week, per maand of per jaar" in _fout(leveringsvorm="pgb", pgb_bedrag="65", pgb_periode=None,
                                                      aanbieder_id=None)["pgb_periode"]
    assert "pgb_periode" in _fout(leveringsvorm="pgb", pgb_bedrag="65", pgb_periode="dag", aanbieder_id=None)
