"""The cost rule (rules/kosten.py): tarief x omvang x duur, in Python and in SQL, one rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, literal, select

from consulent_app.rules import kosten as k

START = dt.date(2027, 1, 1)


def test_cost_is_tariff_times_scope_times_duration() -> None:
    """Domain brief section 4: costs follow from tarief x omvang x duur (3 uur per week x 52 x 32,50 a year)."""
    assert k.kosten(Decimal("32.50"), Decimal(3), "2", START, dt.date(2027, 12, 31)) == Decimal("5070.00")


def test_open_end_is_costed_to_the_planned_po_else_one_year() -> None:
    """Wmo: an open-ended provision runs to its PO (art. 2.3.5 lid 3 Wmo 2015, PO planned); without one, a year."""
    assert k.kosten(Decimal("32.50"), Decimal(3), "2", START, None, dt.date(2027, 6, 30)) == \
        k.kosten(Decimal("32.50"), Decimal(3), "2", START, dt.date(2027, 6, 30))
    assert k.kosten(Decimal("32.50"), Decimal(3), "2", START, None) == Decimal("5070.00")
    # the end date wins over the PO date
    assert k.kosten(Decimal("10"), Decimal(1), "2", START, dt.date(2027, 1, 7), dt.date(2027, 12, 31)) == \
        Decimal("9.97")


def test_a_total_costs_volume_times_tariff_whatever_the_duration() -> None:
    """Frequency 6 (WMO757 'totaal binnen geldigheidsduur') is an amount, not a rate."""
    assert k.kosten(Decimal("6800"), Decimal(1), "6", START, None) == Decimal("6800.00")
    assert k.kosten(Decimal("6800"), Decimal(2), "6", START, dt.date(2030, 1, 1)) == Decimal("13600.00")
    assert k.jaarkosten(Decimal("6800"), Decimal(1), "6") == Decimal("6800.00")


def test_an_end_before_the_start_costs_nothing() -> None:
    assert k.kosten(Decimal("10"), Decimal(1), "2", START, START - dt.timedelta(days=1)) == Decimal("0.00")


def test_yearly_cost_per_frequency() -> None:
    assert k.jaarkosten(Decimal("10"), Decimal(1), "1") == Decimal("3650.00")
    assert k.jaarkosten(Decimal("10"), Decimal(1), "2") == Decimal("520.00")
    assert k.jaarkosten(Decimal("10"), Decimal(1), "4") == Decimal("120.00")
    assert k.jaarkosten(Decimal("10"), Decimal(1), "99") == Decimal("0.00")


_engine = create_engine("sqlite://")


@settings(max_examples=60, deadline=None)
@given(tarief=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("500"), places=2),
       volume=st.decimals(min_value=Decimal("0.25"), max_value=Decimal("100"), places=2),
       frequentie=st.sampled_from(["1", "2", "4", "6", "3"]))
def test_sql_yearly_cost_equals_the_python_rule(tarief: Decimal, volume: Decimal, frequentie: str) -> None:
    """The overviews sum in SQL with the same factors as a screen uses for one provision."""
    with _engine.connect() as c:
        waarde = c.scalar(select(k.jaarkosten_sql(literal(float(tarief)), literal(float(volume)),
                                                  literal(frequentie))))
    # SQLite computes in binary floating point: equal to the cent (a half cent may round either way)
    assert abs(Decimal(str(waarde)) - k.jaarkosten(tarief, volume, frequentie)) <= Decimal("0.01")
