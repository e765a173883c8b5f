"""Dutch notation of amounts: the quick path of formatting.bedrag reads exactly as babel's currency format."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from consulent_app import formatting


@settings(max_examples=600, deadline=None)
@given(st.one_of(
    st.decimals(min_value=-10**12, max_value=10**12, places=3, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
    st.integers(min_value=-10**10, max_value=10**10),
    st.floats(min_value=-10**9, max_value=10**9, allow_nan=False, allow_infinity=False),
))
def test_an_amount_reads_as_babels_euro_format(x: Decimal | int | float) -> None:
    assert formatting.bedrag(x) == formatting.bedrag_babel(x)


def test_amounts_read_as_on_a_dutch_decision() -> None:
    assert formatting.bedrag(Decimal("1572")) == "€ 1.572,00"
    assert formatting.bedrag(Decimal("-3.5")) == "€ -3,50"
    assert formatting.bedrag(Decimal("0.005")) == formatting.bedrag_babel(Decimal("0.005"))
    assert formatting.bedrag(None, leeg="–") == "–"
