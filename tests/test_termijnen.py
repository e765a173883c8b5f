"""Tests voor consulent_app.termijnen: Atw, Awb 4:13-4:15, 6:7/6:8 en Wmo 2015 art. 2.3.2/2.3.5.

Alle verwachte datums zijn met de hand nagerekend (kalender), niet met dateutil berekend.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consulent_app.termijnen import (
    BEZWAAR_WEKEN,
    JEUGD_BESLIS_WEKEN,
    SIGNAAL_WERKDAGEN,
    WMO_BESLIS_WEKEN,
    WMO_ONDERZOEK_WEKEN,
    TermijnStatus,
    atw_feestdagen,
    gelijkgestelde_dagen,
    is_atw_feestdag,
    is_werkdag,
    termijn_einde,
    termijn_einde_met,
    termijn_status,
    verdaging_toegestaan,
    volgende_werkdag,
    werkdagen_tussen,
)

# --------------------------------------------------------------------------------------------------
# Atw art. 3: de feestdagen zelf
# --------------------------------------------------------------------------------------------------

# Pasen: 2024-03-31, 2025-04-20, 2026-04-05, 2027-03-28, 2038-04-25 (laat), 2008-03-23 (vroeg).
FEESTDAGEN_PER_JAAR: dict[int, set[date]] = {
    2024: {
        date(2024, 1, 1),  # Nieuwjaarsdag
        date(2024, 3, 29),  # Goede Vrijdag
        date(2024, 4, 1),  # tweede Paasdag
        date(2024, 4, 27),  # Koningsdag (zaterdag)
        date(2024, 5, 5),  # 5 mei (zondag)
        date(2024, 5, 9),  # Hemelvaartsdag
        date(2024, 5, 20),  # tweede Pinksterdag
        date(2024, 12, 25),
        date(2024, 12, 26),
    },
    2025: {
        date(2025, 1, 1),
        date(2025, 4, 18),
        date(2025, 4, 21),
        date(2025, 4, 26),  # 27 april 2025 is een zondag
        date(2025, 5, 5),
        date(2025, 5, 29),
        date(2025, 6, 9),
        date(2025, 12, 25),
        date(2025, 12, 26),
    },
    2026: {
        date(2026, 1, 1),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 4, 27),
        date(2026, 5, 5),
        date(2026, 5, 14),
        date(2026, 5, 25),
        date(2026, 12, 25),
        date(2026, 12, 26),
    },
    2027: {
        date(2027, 1, 1),
        date(2027, 3, 26),
        date(2027, 3, 29),
        date(2027, 4, 27),
        date(2027, 5, 5),
        date(2027, 5, 6),  # Hemelvaart de dag na 5 mei
        date(2027, 5, 17),
        date(2027, 12, 25),
        date(2027, 12, 26),
    },
    2038: {
        date(2038, 1, 1),
        date(2038, 4, 23),
        date(2038, 4, 26),
        date(2038, 4, 27),  # Koningsdag de dag na tweede Paasdag
        date(2038, 5, 5),
        date(2038, 6, 3),
        date(2038, 6, 14),
        date(2038, 12, 25),
        date(2038, 12, 26),
    },
    2008: {
        date(2008, 1, 1),
        date(2008, 3, 21),
        date(2008, 3, 24),
        date(2008, 4, 30),  # Koninginnedag
        date(2008, 5, 1),  # Hemelvaartsdag, vroegst mogelijk na vroege Pasen
        date(2008, 5, 5),
        date(2008, 5, 12),
        date(2008, 12, 25),
        date(2008, 12, 26),
    },
}


@pytest.mark.parametrize("jaar", sorted(FEESTDAGEN_PER_JAAR))
def test_feestdagen_van_een_jaar_compleet(jaar: int) -> None:
    """Atw art. 3 lid 1 en 2: precies de wettelijke feestdagen, met Goede Vrijdag (lid 2)."""
    assert atw_feestdagen(jaar) == frozenset(FEESTDAGEN_PER_JAAR[jaar])


@pytest.mark.parametrize("dag", sorted(d for dagen in FEESTDAGEN_PER_JAAR.values() for d in dagen))
def test_elke_feestdag_herkend_en_geen_werkdag(dag: date) -> None:
    """Atw art. 3 lid 1 en 2: iedere feestdag is een feestdag en dus geen werkdag (Atw art. 1)."""
    assert is_atw_feestdag(dag)
    assert not is_werkdag(dag)


@pytest.mark.parametrize(
    "dag",
    [
        date(2025, 4, 17),  # Witte Donderdag
        date(2025, 4, 20),  # eerste Paasdag: zondag, geen aparte feestdag
        date(2025, 6, 8),  # eerste Pinksterdag: zondag
        date(2025, 5, 30),  # vrijdag na Hemelvaart: alleen via KB (configuratie)
        date(2025, 4, 27),  # 27 april 2025: zondag, Koningsdag was de 26e
        date(2025, 4, 30),  # oude Koninginnedag
        date(2013, 4, 27),  # voor 2014 geen Koningsdag op 27 april
        date(2025, 12, 24),
        date(2025, 12, 31),
        date(2025, 1, 2),  # 2 januari is alleen in 2026 bij KB gelijkgesteld
    ],
)
def test_geen_atw_feestdag(dag: date) -> None:
    """Atw art. 3: dagen die niet in de wet staan, zijn geen feestdag (zondagen tellen via art. 1)."""
    assert not is_atw_feestdag(dag)


@pytest.mark.parametrize(
    ("jaar", "koningsdag"),
    [
        (2014, date(2014, 4, 26)),  # 27 april 2014 was een zondag
        (2025, date(2025, 4, 26)),  # 27 april 2025 is een zondag
        (2026, date(2026, 4, 27)),
        (2013, date(2013, 4, 30)),  # laatste Koninginnedag
        (2006, date(2006, 4, 29)),  # 30 april 2006 zondag: sinds 1980 de zaterdag ervoor
        (1989, date(1989, 4, 29)),
        (1980, date(1980, 4, 30)),
        (1978, date(1978, 5, 1)),  # onder Juliana: zondag 30 april -> maandag 1 mei
        (1967, date(1967, 5, 1)),
        (1970, date(1970, 4, 30)),
    ],
)
def test_koningsdag_en_koninginnedag(jaar: int, koningsdag: date) -> None:
    """Atw art. 3 lid 1: "de dag waarop de verjaardag van de Koning wordt gevierd", ook voor 2014."""
    kandidaten = [date(jaar, 4, d) for d in (26, 27, 29, 30)] + [date(jaar, 5, 1)]
    # in deze jaren valt er geen Paas- of Hemelvaartsdag op een van de kandidaten
    assert [d for d in kandidaten if is_atw_feestdag(d)] == [koningsdag]
    assert koningsdag in atw_feestdagen(jaar)


def test_vijf_mei_elk_jaar() -> None:
    """Atw art. 3 lid 1: de vijfde mei is elk jaar een feestdag, niet alleen in lustrumjaren."""
    for jaar in range(1990, 2060):
        assert is_atw_feestdag(date(jaar, 5, 5))


def test_datetime_wordt_als_datum_behandeld() -> None:
    """Atw art. 3: een datetime op een feestdag telt als die feestdag."""
    assert is_atw_feestdag(datetime(2025, 12, 25, 14, 30))
    assert termijn_einde(datetime(2025, 11, 13, 9, 0), 6) == date(2025, 12, 29)


# --------------------------------------------------------------------------------------------------
# Atw art. 1: verschuiving van het einde
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "weken", "einde"),
    [
        # eindigt op een gewone werkdag: geen verschuiving (30 april is sinds 2014 geen feestdag)
        (date(2025, 3, 5), 8, date(2025, 4, 30)),
        # zaterdag -> maandag
        (date(2025, 1, 4), 6, date(2025, 2, 17)),
        # zondag -> maandag
        (date(2025, 3, 2), 2, date(2025, 3, 17)),
        # Koningsdag maandag 27 april 2026 -> dinsdag
        (date(2026, 3, 16), 6, date(2026, 4, 28)),
        # Hemelvaartsdag donderdag 29 mei 2025 -> vrijdag (zonder KB-dagen)
        (date(2025, 5, 15), 2, date(2025, 5, 30)),
        # tweede Pinksterdag 9 juni 2025 -> dinsdag
        (date(2025, 4, 28), 6, date(2025, 6, 10)),
        # Goede Vrijdag 2025 -> za, zo, tweede Paasdag -> dinsdag 22 april
        (date(2025, 3, 7), 6, date(2025, 4, 22)),
        # 5 mei 2026 (dinsdag) -> woensdag
        (date(2026, 4, 21), 2, date(2026, 5, 6)),
        # 5 mei 2027 woensdag + Hemelvaart donderdag 6 mei + vrijdag 7 mei (KB) -> maandag 10 mei
        (date(2027, 4, 7), 4, date(2027, 5, 10)),
        # eerste Kerstdag donderdag 2025 -> tweede Kerstdag -> weekend -> maandag 29 december
        (date(2025, 11, 13), 6, date(2025, 12, 29)),
        # eerste Kerstdag vrijdag 2026 -> za (tweede Kerstdag) -> zo -> maandag 28 december
        (date(2026, 11, 13), 6, date(2026, 12, 28)),
        # Nieuwjaarsdag donderdag 2026 -> vrijdag 2 januari (KB) -> weekend -> maandag 5 januari
        (date(2025, 12, 18), 2, date(2026, 1, 5)),
        # Nieuwjaarsdag vrijdag 2027 -> maandag 4 januari
        (date(2026, 11, 6), 8, date(2027, 1, 4)),
        # langste keten zonder KB-dagen: Goede Vrijdag, weekend, tweede Paasdag, Koningsdag 2038
        (date(2038, 2, 26), 8, date(2038, 4, 28)),
        # nul weken: de startdag zelf, verschoven als het geen werkdag is
        (date(2025, 12, 25), 0, date(2025, 12, 29)),
        (date(2025, 12, 23), 0, date(2025, 12, 23)),
    ],
)
def test_termijn_einde_atw_verschuiving(start: date, weken: int, einde: date) -> None:
    """Atw art. 1 lid 1: eindigt op zaterdag, zondag of feestdag -> eerstvolgende werkdag."""
    assert termijn_einde(start, weken) == einde
    assert termijn_einde_met(start, weken) == einde


def test_negatief_aantal_weken_geweigerd() -> None:
    """Atw art. 1: een termijn loopt vooruit; een negatieve termijn is een programmeerfout."""
    with pytest.raises(ValueError):
        termijn_einde(date(2025, 1, 1), -1)


def test_volgende_werkdag_is_de_atw_verschuiving() -> None:
    """Atw art. 1 lid 1: een werkdag blijft staan, anders de eerstvolgende werkdag."""
    assert volgende_werkdag(date(2025, 3, 4)) == date(2025, 3, 4)
    assert volgende_werkdag(date(2025, 3, 8)) == date(2025, 3, 10)
    assert volgende_werkdag(date(2025, 12, 25)) == date(2025, 12, 29)
    assert volgende_werkdag(date(2025, 5, 29), [date(2025, 5, 30)]) == date(2025, 6, 2)


# --------------------------------------------------------------------------------------------------
# Atw art. 3 lid 3: bij KB gelijkgestelde dagen uit configuratie
# --------------------------------------------------------------------------------------------------


def test_gelijkgestelde_vrijdag_na_hemelvaart() -> None:
    """Atw art. 3 lid 3: de bij KB gelijkgestelde vrijdag na Hemelvaart schuift de termijn verder."""
    kb_dagen = gelijkgestelde_dagen(["2025-05-30", "2027-05-07"])
    assert termijn_einde_met(date(2025, 5, 15), 2, extra_feestdagen=kb_dagen) == date(2025, 6, 2)
    # 5 mei (wo), Hemelvaart (do), gelijkgestelde vrijdag, weekend -> maandag 10 mei 2027
    assert termijn_einde_met(date(2027, 4, 7), 4, extra_feestdagen=kb_dagen) == date(2027, 5, 10)
    assert not is_werkdag(date(2025, 5, 30), kb_dagen)
    assert is_werkdag(date(2025, 5, 30))
    assert not is_atw_feestdag(date(2025, 5, 30))  # de wet zelf kent de dag niet


def test_gelijkgestelde_dagen_uit_configuratie_lezen() -> None:
    """Atw art. 3 lid 3: KB-dagen komen uit configuratie (ISO-tekst of datum), niet uit code."""
    dagen = gelijkgestelde_dagen(["2026-05-15", " ", date(2025, 5, 30), datetime(2027, 5, 7, 8, 0)])
    assert dagen == frozenset({date(2026, 5, 15), date(2025, 5, 30), date(2027, 5, 7)})
    with pytest.raises(ValueError):
        gelijkgestelde_dagen(["30-05-2025"])
    # een generator wordt maar één keer doorlopen en mag dus direct worden doorgegeven
    einde = termijn_einde_met(date(2025, 5, 15), 2, extra_feestdagen=(d for d in [date(2025, 5, 30)]))
    assert einde == date(2025, 6, 2)


def test_atw_art_2_minstens_twee_werkdagen() -> None:
    """Atw art. 2: een termijn van ten minste drie dagen bevat zo nodig verlengd twee werkdagen.

    Fictieve KB-dagen 29 april en 2 mei 2008: in 29 april t/m 6 mei ligt dan maar één werkdag.
    """
    kb_dagen = [date(2008, 4, 29), date(2008, 5, 2)]
    assert termijn_einde_met(date(2008, 4, 28), 1) == date(2008, 5, 6)
    assert termijn_einde_met(date(2008, 4, 28), 1, extra_feestdagen=kb_dagen) == date(2008, 5, 7)


# --------------------------------------------------------------------------------------------------
# Wettelijke termijnen: Wmo 2015 art. 2.3.2 / 2.3.5, Awb 4:13, Awb 6:7/6:8
# --------------------------------------------------------------------------------------------------


def test_wmo_onderzoekstermijn() -> None:
    """Wmo 2015 art. 2.3.2 lid 1: onderzoek binnen zes weken na de melding."""
    assert WMO_ONDERZOEK_WEKEN == 6
    assert termijn_einde(date(2025, 3, 3), WMO_ONDERZOEK_WEKEN) == date(2025, 4, 14)


def test_wmo_beslistermijn() -> None:
    """Wmo 2015 art. 2.3.5 lid 1: beschikking binnen twee weken; hier valt Goede Vrijdag erin."""
    assert WMO_BESLIS_WEKEN == 2
    assert termijn_einde(date(2025, 4, 4), WMO_BESLIS_WEKEN) == date(2025, 4, 22)


def test_jeugd_beslistermijn() -> None:
    """Awb 4:13: de Jeugdwet kent geen eigen beslistermijn, dus acht weken na de aanvraag."""
    assert JEUGD_BESLIS_WEKEN == 8
    assert termijn_einde(date(2025, 11, 4), JEUGD_BESLIS_WEKEN) == date(2025, 12, 30)


def test_bezwaartermijn() -> None:
    """Awb 6:7/6:8: zes weken vanaf de dag na toezending van het besluit."""
    assert BEZWAAR_WEKEN == 6
    # besluit verzonden vrijdag 31 oktober 2025: termijn loopt vanaf 1 november t/m 12 december
    assert termijn_einde(date(2025, 10, 31), BEZWAAR_WEKEN) == date(2025, 12, 12)
    # besluit verzonden 13 november 2025: einde eerste Kerstdag -> maandag 29 december
    assert termijn_einde(date(2025, 11, 13), BEZWAAR_WEKEN) == date(2025, 12, 29)


# --------------------------------------------------------------------------------------------------
# Awb 4:15: opschorting
# --------------------------------------------------------------------------------------------------

AANVRAAG = date(2025, 3, 3)  # maandag; kale Wmo-beslistermijn eindigt maandag 17 maart 2025


@pytest.mark.parametrize(
    ("opschortingen", "einde"),
    [
        ([], date(2025, 3, 17)),
        # 7 opgeschorte dagen (weekend telt als kalenderdag mee)
        ([(date(2025, 3, 5), date(2025, 3, 11))], date(2025, 3, 24)),
        # overlap telt één keer: 5 t/m 12 maart = 8 dagen
        ([(date(2025, 3, 5), date(2025, 3, 11)), (date(2025, 3, 8), date(2025, 3, 12))], date(2025, 3, 25)),
        # volgorde maakt niet uit
        ([(date(2025, 3, 8), date(2025, 3, 12)), (date(2025, 3, 5), date(2025, 3, 11))], date(2025, 3, 25)),
        # aansluitende perioden: 5 t/m 7 en 8 t/m 11 = 7 dagen
        ([(date(2025, 3, 5), date(2025, 3, 7)), (date(2025, 3, 8), date(2025, 3, 11))], date(2025, 3, 24)),
        # dagen tot en met de startdag tellen niet
        ([(date(2025, 2, 20), date(2025, 3, 3))], date(2025, 3, 17)),
        # gedeeltelijk voor de start: alleen 4 en 5 maart tellen
        ([(date(2025, 2, 25), date(2025, 3, 5))], date(2025, 3, 19)),
        # geheel na het einde: telt niet
        ([(date(2025, 3, 18), date(2025, 3, 20))], date(2025, 3, 17)),
        # begint op de laatste dag: die dag loopt de termijn nog, dus telt mee (17 en 18 maart)
        ([(date(2025, 3, 17), date(2025, 3, 18))], date(2025, 3, 19)),
        # meeschuivend einde: de tweede periode ligt na het kale einde maar voor het verlengde einde
        ([(date(2025, 3, 10), date(2025, 3, 16)), (date(2025, 3, 20), date(2025, 3, 21))], date(2025, 3, 26)),
        # lange opschorting: 32 dagen -> 18 april 2025 = Goede Vrijdag -> Atw pas aan het eind: 22 april
        ([(date(2025, 3, 15), date(2025, 4, 15))], date(2025, 4, 22)),
    ],
)
def test_opschorting(opschortingen: list[tuple[date, date]], einde: date) -> None:
    """Awb 4:15: de termijn wordt verlengd met de opgeschorte dagen; daarna Atw art. 1."""
    assert termijn_einde_met(AANVRAAG, WMO_BESLIS_WEKEN, opschortingen=opschortingen) == einde


def test_opschorting_met_atw_pas_aan_het_eind() -> None:
    """Awb 4:15 met Atw art. 1: het kale einde op zaterdag wordt niet eerst verschoven.

    Start zaterdag 4 januari 2025, 6 weken: kaal einde zaterdag 15 februari. Twee dagen opschorting
    geven maandag 17 februari; zou de Atw eerst worden toegepast, dan kwam er woensdag 19 uit.
    """
    opschorting = [(date(2025, 1, 10), date(2025, 1, 11))]
    assert termijn_einde_met(date(2025, 1, 4), 6, opschortingen=opschorting) == date(2025, 2, 17)


def test_opschorting_omgekeerd_geweigerd() -> None:
    """Awb 4:15: een opschorting die eindigt voor zij begint, is ongeldig."""
    with pytest.raises(ValueError):
        termijn_einde_met(AANVRAAG, 2, opschortingen=[(date(2025, 3, 10), date(2025, 3, 5))])


# --------------------------------------------------------------------------------------------------
# Awb 4:14: verdaging
# --------------------------------------------------------------------------------------------------


def test_verdaging_alleen_binnen_de_termijn() -> None:
    """Awb 4:14 lid 3: verdaging moet worden meegedeeld voordat de termijn is verstreken."""
    einde = termijn_einde(date(2025, 1, 4), 6)  # zaterdag 15 februari -> maandag 17 februari
    assert einde == date(2025, 2, 17)
    assert verdaging_toegestaan(einde, date(2025, 2, 10))
    assert verdaging_toegestaan(einde, date(2025, 2, 17))  # laatste (door Atw verlengde) dag
    assert not verdaging_toegestaan(einde, date(2025, 2, 18))


def test_verdaging_daarna_nieuwe_termijn() -> None:
    """Awb 4:14 lid 3: na tijdige verdaging loopt een nieuwe termijn vanaf het oude einde."""
    oud_einde = termijn_einde(date(2025, 11, 4), JEUGD_BESLIS_WEKEN)  # 30 december 2025
    assert verdaging_toegestaan(oud_einde, date(2025, 12, 22))
    assert termijn_einde(oud_einde, 8) == date(2026, 2, 24)


# --------------------------------------------------------------------------------------------------
# Signalen: werkdagen en TermijnStatus (Awb 4:13, Wmo 2015 art. 2.3.2 / 2.3.5)
# --------------------------------------------------------------------------------------------------


def test_werkdagen_tussen() -> None:
    """Atw art. 1 en 3: werkdagen na `van` tot en met `tot`, feestdagen en weekend tellen niet."""
    assert werkdagen_tussen(date(2025, 3, 3), date(2025, 3, 10)) == 5
    assert werkdagen_tussen(date(2025, 3, 3), date(2025, 3, 3)) == 0
    assert werkdagen_tussen(date(2025, 3, 10), date(2025, 3, 3)) == -5
    assert werkdagen_tussen(date(2025, 12, 24), date(2025, 12, 31)) == 3
    assert werkdagen_tussen(date(2025, 5, 28), date(2025, 6, 2)) == 2
    assert werkdagen_tussen(date(2025, 5, 28), date(2025, 6, 2), [date(2025, 5, 30)]) == 1


@pytest.mark.parametrize(
    ("einde", "vandaag", "status"),
    [
        (date(2025, 3, 3), date(2025, 3, 3), TermijnStatus.VERLOOPT_BINNENKORT),  # vandaag de laatste dag
        (date(2025, 3, 10), date(2025, 3, 3), TermijnStatus.VERLOOPT_BINNENKORT),  # 5 werkdagen
        (date(2025, 3, 11), date(2025, 3, 3), TermijnStatus.OP_TIJD),  # 6 werkdagen
        (date(2025, 3, 2), date(2025, 3, 3), TermijnStatus.OVERSCHREDEN),
        # Pasen 2025: 15, 16, 17, 22, 23 april zijn de vijf werkdagen na maandag 14 april
        (date(2025, 4, 23), date(2025, 4, 14), TermijnStatus.VERLOOPT_BINNENKORT),
        (date(2025, 4, 24), date(2025, 4, 14), TermijnStatus.OP_TIJD),
    ],
)
def test_termijn_status(einde: date, vandaag: date, status: TermijnStatus) -> None:
    """Wmo 2015 art. 2.3.5 / Awb 4:13: signaal "verloopt binnen 5 werkdagen" en "overschreden"."""
    assert termijn_status(einde, vandaag) is status


def test_termijn_status_met_gelijkgestelde_dagen() -> None:
    """Atw art. 3 lid 3 in het signaal van Wmo 2015 art. 2.3.5: een KB-dag is geen werkdag."""
    # maandag 26 mei; werkdagen daarna: 27, 28, (Hemelvaart 29), 30, 2, 3, 4 juni
    vandaag, einde = date(2025, 5, 26), date(2025, 6, 4)
    assert termijn_status(einde, vandaag) is TermijnStatus.OP_TIJD
    assert termijn_status(einde, vandaag, [date(2025, 5, 30)]) is TermijnStatus.VERLOOPT_BINNENKORT


def test_termijn_status_labels() -> None:
    """Awb 4:13 / Wmo 2015 art. 2.3.2 en 2.3.5: Nederlandse labels voor de signalen."""
    assert SIGNAAL_WERKDAGEN == 5
    assert TermijnStatus.OP_TIJD.label == "op tijd"
    assert TermijnStatus.VERLOOPT_BINNENKORT.label == "verloopt binnen 5 werkdagen"
    assert TermijnStatus.OVERSCHREDEN.label == "termijn overschreden"


# --------------------------------------------------------------------------------------------------
# Eigenschappen (hypothesis)
# --------------------------------------------------------------------------------------------------

datums = st.dates(min_value=date(1965, 4, 1), max_value=date(2150, 12, 31))
weken_st = st.integers(min_value=0, max_value=110)
kb_dagen_st = st.lists(datums, max_size=20)


@given(start=datums, weken=weken_st)
def test_eigenschap_einde_nooit_in_weekend_of_op_feestdag(start: date, weken: int) -> None:
    """Atw art. 1 en 3: nooit op zaterdag, zondag of feestdag; niet eerder dan start + weken*7
    dagen en hoogstens vijf dagen later (langste keten: Goede Vrijdag t/m Koningsdag 2038)."""
    einde = termijn_einde(start, weken)
    kaal = start + timedelta(weeks=weken)
    assert einde.weekday() < 5
    assert not is_atw_feestdag(einde)
    assert is_werkdag(einde)
    assert kaal <= einde <= kaal + timedelta(days=5)
    # het einde is de éérste werkdag vanaf het kale einde
    dag = kaal
    while dag < einde:
        assert not is_werkdag(dag)
        dag += timedelta(days=1)


@given(start=datums, weken=weken_st, kb_dagen=kb_dagen_st)
def test_eigenschap_gelijkgestelde_dagen(start: date, weken: int, kb_dagen: list[date]) -> None:
    """Atw art. 1 en art. 3 lid 3: ook met KB-dagen een werkdag, en nooit eerder dan zonder."""
    einde = termijn_einde_met(start, weken, extra_feestdagen=kb_dagen)
    assert is_werkdag(einde, kb_dagen)
    assert einde not in kb_dagen
    assert einde >= termijn_einde(start, weken)


@given(start=datums, weken=weken_st)
def test_eigenschap_termijn_einde_gelijk_aan_met(start: date, weken: int) -> None:
    """Atw art. 1: termijn_einde is termijn_einde_met zonder KB-dagen en opschortingen."""
    assert termijn_einde(start, weken) == termijn_einde_met(start, weken)


@given(
    start=datums,
    weken=st.integers(min_value=0, max_value=12),
    perioden=st.lists(st.tuples(datums, st.integers(min_value=0, max_value=60)), max_size=5),
)
def test_eigenschap_opschorting(start: date, weken: int, perioden: list[tuple[date, int]]) -> None:
    """Awb 4:15: opschorting verlengt, nooit verkort; volgorde en perioden voor de start doen niet
    ter zake; het einde blijft een werkdag (Atw art. 1)."""
    opschortingen = [(begin, begin + timedelta(days=duur)) for begin, duur in perioden]
    einde = termijn_einde_met(start, weken, opschortingen=opschortingen)
    assert einde >= termijn_einde(start, weken)
    assert is_werkdag(einde)
    assert einde == termijn_einde_met(start, weken, opschortingen=list(reversed(opschortingen)))
    totaal = sum(duur + 1 for _, duur in perioden)
    assert einde <= termijn_einde(start, weken) + timedelta(days=totaal + 5)
    eerder = [(b - timedelta(days=400), min(e, start) - timedelta(days=400)) for b, e in opschortingen]
    eerder = [(b, e) for b, e in eerder if e >= b]
    assert termijn_einde_met(start, weken, opschortingen=eerder) == termijn_einde(start, weken)


@given(van=datums, tot=datums, kb_dagen=kb_dagen_st)
def test_eigenschap_werkdagen_tussen_antisymmetrisch(van: date, tot: date, kb_dagen: list[date]) -> None:
    """Atw art. 1 en 3: werkdagen_tussen(a, b) == -werkdagen_tussen(b, a), hoogstens het aantal dagen."""
    if abs((tot - van).days) > 800:
        tot = van + timedelta(days=(tot - van).days % 800)
    aantal = werkdagen_tussen(van, tot, kb_dagen)
    assert aantal == -werkdagen_tussen(tot, van, kb_dagen)
    assert abs(aantal) <= abs((tot - van).days)
    assert (aantal > 0) == (
        tot > van
        and any(is_werkdag(van + timedelta(days=i), kb_dagen) for i in range(1, (tot - van).days + 1))
    )


@given(dag=datums, kb_dagen=kb_dagen_st)
def test_eigenschap_volgende_werkdag_idempotent(dag: date, kb_dagen: list[date]) -> None:
    """Atw art. 1 lid 1: de verschuiving van een werkdag is die werkdag zelf."""
    werkdag = volgende_werkdag(dag, kb_dagen)
    assert werkdag >= dag
    assert is_werkdag(werkdag, kb_dagen)
    assert volgende_werkdag(werkdag, kb_dagen) == werkdag


# --------------------------------------------------------------------------------------------------
# Het meegeleverde koninklijk besluit (Atw art. 3 lid 3) telt altijd mee
# --------------------------------------------------------------------------------------------------

KB_2026_2028 = [date(2026, 1, 2), date(2026, 5, 15), date(2027, 5, 7), date(2028, 4, 28), date(2028, 5, 26)]


def test_kb_gelijkgestelde_dagen_worden_meegeleverd() -> None:
    """Atw art. 3 lid 3: het besluit voor 2026-2028 staat in de standaardconfiguratie en is_atw_feestdag telt het."""
    from consulent_app import termijnen

    assert termijnen.kb_gelijkgestelde_dagen() >= frozenset(KB_2026_2028)
    for dag in KB_2026_2028:
        assert is_atw_feestdag(dag), dag
        assert not is_werkdag(dag), dag
    assert not is_atw_feestdag(date(2029, 5, 11))  # nog geen besluit voor 2029


def test_kb_dag_verschuift_beslistermijn_en_bezwaartermijn() -> None:
    """Atw art. 1 en 3 lid 3: Wmo-aanvraag 30 april 2026 (art. 2.3.5 lid 1 Wmo 2015): 14 mei is Hemelvaart,
    15 mei is bij KB gelijkgesteld, dan het weekend: maandag 18 mei. Een bezwaartermijn (Awb 6:7, 6:8) die op
    vrijdag 2 januari 2026 zou eindigen, loopt door tot maandag 5 januari."""
    from consulent_app import termijnen

    assert termijn_einde(date(2026, 4, 30), 2) == date(2026, 5, 18)
    assert termijnen.beslistermijn_einde("wmo", date(2026, 4, 30)) == date(2026, 5, 18)
    assert termijnen.bezwaartermijn_einde(date(2025, 11, 21)) == date(2026, 1, 5)
    assert termijnen.onderzoekstermijn_einde("wmo", date(2026, 4, 3)) == date(2026, 5, 18)  # 15 mei: KB


# --------------------------------------------------------------------------------------------------
# Eén plaats per termijn: lengte, artikel, tekst
# --------------------------------------------------------------------------------------------------


def test_termijnregels_per_wet() -> None:
    """Wmo 2015 art. 2.3.2 lid 1 (6 weken onderzoek) en 2.3.5 lid 1 (2 weken besluit); Jeugdwet: Awb 4:13 (8 weken,
    geen onderzoekstermijn); bezwaar Awb 6:7 en 6:8 (6 weken)."""
    from consulent_app import termijnen

    assert termijnen.onderzoekstermijn("wmo").weken == 6  # type: ignore[union-attr]
    assert termijnen.onderzoekstermijn("jeugdwet") is None
    assert termijnen.onderzoekstermijn_einde("jeugdwet", date(2026, 3, 2)) is None
    assert (termijnen.beslistermijn("wmo").weken, termijnen.beslistermijn("wmo").artikel) == \
        (2, "Wmo 2015 art. 2.3.5 lid 1")
    assert (termijnen.beslistermijn("jeugdwet").weken, termijnen.beslistermijn("jeugdwet").artikel) == (8, "Awb 4:13")
    assert termijnen.BEZWAAR.lengte == "zes weken" and "Awb 6:7" in termijnen.BEZWAAR.tekst
    assert termijnen.beslistermijn("jeugdwet").tekst.startswith("Awb 4:13: beschikking binnen acht weken")


# --------------------------------------------------------------------------------------------------
# Opschorting (Awb 4:15) en verdaging (Awb 4:14)
# --------------------------------------------------------------------------------------------------


def test_opschorting_aanvulling_telt_exact() -> None:
    """Awb 4:15 lid 1 onder a: opgeschort vanaf de dag na de uitnodiging tot de dag van aanvulling (die dag loopt
    weer), of tot en met de laatste dag van de hersteltermijn (Awb 4:5) als die ongebruikt verstrijkt."""
    from consulent_app.termijnen import opgeschorte_periode, opschorting_loopt

    uit = date(2026, 3, 2)
    # aangevuld op 9 maart: 3..8 maart = 6 dagen
    assert opgeschorte_periode("aanvulling", uit, uiterlijk=date(2026, 3, 16), aangevuld_op=date(2026, 3, 9),
                               vandaag=date(2026, 3, 20)) == (date(2026, 3, 3), date(2026, 3, 8))
    # aangevuld de dag na de uitnodiging: geen dag opgeschort
    assert opgeschorte_periode("aanvulling", uit, uiterlijk=date(2026, 3, 16), aangevuld_op=date(2026, 3, 3),
                               vandaag=date(2026, 3, 20)) is None
    # nog niet aangevuld: tot en met vandaag
    assert opgeschorte_periode("aanvulling", uit, uiterlijk=date(2026, 3, 16), vandaag=date(2026, 3, 5)) == \
        (date(2026, 3, 3), date(2026, 3, 5))
    # hersteltermijn ongebruikt verstreken: tot en met de laatste dag ervan, en de opschorting loopt niet meer
    assert opgeschorte_periode("aanvulling", uit, uiterlijk=date(2026, 3, 16), vandaag=date(2026, 4, 1)) == \
        (date(2026, 3, 3), date(2026, 3, 16))
    assert not opschorting_loopt(eind=None, uiterlijk=date(2026, 3, 16), aangevuld_op=None, vandaag=date(2026, 3, 17))
    assert opschorting_loopt(eind=None, uiterlijk=date(2026, 3, 16), aangevuld_op=None, vandaag=date(2026, 3, 16))
    # andere gronden (Awb 4:15 lid 2): begin en einde zijn de opgeschorte dagen zelf
    assert opgeschorte_periode("instemming", uit, eind=date(2026, 3, 4), vandaag=date(2026, 4, 1)) == \
        (uit, date(2026, 3, 4))


def test_verdaging_artikel_en_lengte_per_wet() -> None:
    """Awb 4:14 lid 1 voor de wettelijke Wmo-termijn, lid 3 voor de Jeugd-termijn van Awb 4:13; een nieuwe termijn
    langer dan de oorspronkelijke (2 resp. 8 weken) is niet meer 'zo kort mogelijk' zonder reden."""
    from consulent_app.termijnen import verdaging_artikel, verdaging_te_lang

    assert verdaging_artikel("wmo") == "Awb 4:14 lid 1" and verdaging_artikel("jeugdwet") == "Awb 4:14 lid 3"
    oud = date(2026, 3, 16)
    assert not verdaging_te_lang("wmo", oud, oud + timedelta(days=14))
    assert verdaging_te_lang("wmo", oud, oud + timedelta(days=15))
    assert not verdaging_te_lang("jeugdwet", oud, oud + timedelta(days=56))
    assert verdaging_te_lang("jeugdwet", oud, oud + timedelta(days=57))


@given(start=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
       weken=st.integers(min_value=1, max_value=60), na=st.integers(min_value=1, max_value=400),
       dagen=st.integers(min_value=1, max_value=120))
def test_eigenschap_opschorting_van_n_dagen_schuift_precies_n_dagen(start: date, weken: int, na: int,
                                                                    dagen: int) -> None:
    """Awb 4:15 met Atw art. 1: een opschorting van N dagen binnen de termijn schuift het kale einde precies N
    dagen; pas daarna verschuift de Atw naar de eerstvolgende werkdag."""
    kaal = start + timedelta(weeks=weken)
    begin = start + timedelta(days=1 + (na % (kaal - start).days))
    einde = termijn_einde_met(start, weken, opschortingen=[(begin, begin + timedelta(days=dagen - 1))])
    assert einde == volgende_werkdag(kaal + timedelta(days=dagen))
    assert einde >= start + timedelta(weeks=weken)


@given(start=datums, weken=weken_st)
def test_eigenschap_termijn_nooit_voor_start_plus_lengte_en_nooit_op_vrije_dag(start: date, weken: int) -> None:
    """Atw art. 1 en 3 (ook lid 3, het meegeleverde KB): elke termijn eindigt op een werkdag, niet eerder dan
    start + lengte."""
    from consulent_app import termijnen

    for einde, lengte in ((termijnen.beslistermijn_einde("wmo", start), 2),
                          (termijnen.beslistermijn_einde("jeugdwet", start), 8),
                          (termijnen.bezwaartermijn_einde(start), 6),
                          (termijnen.onderzoekstermijn_einde("wmo", start), 6),
                          (termijnen.persoonlijk_plan_uiterlijk(start), 1),
                          (termijn_einde(start, weken), weken)):
        assert einde is not None
        assert einde >= start + timedelta(weeks=lengte)
        assert einde.weekday() < 5 and not is_atw_feestdag(einde)


@given(van=st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31)), dagen=st.integers(-800, 800),
       extra=st.lists(st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31)), max_size=3))
def test_eigenschap_werkdagen_tussen_is_de_kalender_dag_voor_dag(van: date, dagen: int, extra: list[date]) -> None:
    """Atw art. 1 en 3: de snelle telling per week en jaar is gelijk aan dag voor dag tellen met is_werkdag."""
    tot = van + timedelta(days=dagen)
    lo, hi = min(van, tot), max(van, tot)
    naief = sum(1 for i in range(1, (hi - lo).days + 1) if is_werkdag(lo + timedelta(days=i), extra))
    assert werkdagen_tussen(van, tot, extra) == (naief if tot >= van else -naief)


@given(vandaag=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)), signaal=st.integers(1, 10))
def test_eigenschap_signaalgrens_volgt_termijn_status(vandaag: date, signaal: int) -> None:
    """De filtergrens van de overzichten (signaal_grens) en termijn_status zeggen hetzelfde over elke einddatum."""
    from consulent_app.termijnen import signaal_grens

    grens = signaal_grens(vandaag, signaal_werkdagen=signaal)
    for d in range(0, 25):
        einde = vandaag + timedelta(days=d)
        binnenkort = termijn_status(einde, vandaag, signaal_werkdagen=signaal) is TermijnStatus.VERLOOPT_BINNENKORT
        assert binnenkort == (einde <= grens)
