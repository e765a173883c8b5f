"""The scope of a provision as a jurist and a client read it (art. 12 of the Maastricht Wmo regulation: kind and
scope; issue 12: no internal codes such as "1 stuk in totaal" in letters)."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from consulent_app.rules.omvang import omvang_tekst, voorziening_omvang


def test_scope_in_hours_days_and_parts_of_days_reads_per_period() -> None:
    """Verordening art. 12 (omvang): volume, unit and frequency in words, singular and plural."""
    assert omvang_tekst(Decimal("3"), "04", "2") == "3 uur per week"
    assert omvang_tekst(Decimal("2.5"), "16", "2") == "2,5 dagdelen per week"
    assert omvang_tekst(Decimal("1"), "14", "4") == "1 etmaal per maand"
    assert omvang_tekst(Decimal("40"), "04", "6") == "40 uur voor de hele periode"


def test_one_aid_is_named_by_its_own_word_never_one_piece_in_total() -> None:
    """Verordening art. 12 (soort en omvang): one aid for the whole decision is "1 scootmobiel", not "1 stuk in
    totaal"; without a counting word the product's name is used, without its bracketed note."""
    scootmobiel = SimpleNamespace(naam="Scootmobiel (in bruikleen)", telwoord="scootmobiel",
                                  telwoord_meervoud="scootmobielen")
    assert voorziening_omvang(Decimal("1"), "82", "6", scootmobiel) == "1 scootmobiel"
    assert voorziening_omvang(Decimal("2"), "82", "6", scootmobiel) == "2 scootmobielen voor de hele periode"
    rolstoel = SimpleNamespace(naam="Rolstoel (in bruikleen)", telwoord=None, telwoord_meervoud=None)
    assert voorziening_omvang(Decimal("1"), "84", "6", rolstoel) == "1 rolstoel"
    km = SimpleNamespace(naam="Collectief vervoer (Omnibuzz)", telwoord="kilometer", telwoord_meervoud="kilometer")
    assert voorziening_omvang(Decimal("1500"), "82", "6", km) == "1.500 kilometer voor de hele periode"
    assert voorziening_omvang(Decimal("12"), "82", "4", SimpleNamespace(naam="Taxirit", telwoord="rit",
                                                                        telwoord_meervoud="ritten")) == \
        "12 ritten per maand"
    for tekst in (omvang_tekst(Decimal("1"), "82", "6"), voorziening_omvang(Decimal("1"), "82", "6", rolstoel)):
        assert "in totaal" not in tekst


def test_an_amount_in_euros_reads_as_money() -> None:
    """Verordening art. 12 (omvang): a scope in euros (WJ756 83) is an amount, e.g. a financial compensation."""
    assert omvang_tekst(Decimal("1500"), "83", "6") == "€ 1.500,00 voor de hele periode"
    assert omvang_tekst(Decimal("250"), "83", "4") == "€ 250,00 per maand"
