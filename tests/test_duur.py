"""The duration rules of a provision (rules/duur.py): one rule for step 7, the decision and the review."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from consulent_app.rules import duur

START = dt.date(2027, 3, 1)
G = duur.Duurgrenzen(po_maximum_maanden=36, jeugd_maximum_maanden=12)


def _f(wet: str = "wmo", besluit: str = "toegekend", einddatum: dt.date | None = None,
       po_datum: dt.date | None = None, startdatum: dt.date = START) -> dict[str, str]:
    return duur.duur_fouten(wet=wet, besluit=besluit, startdatum=startdatum, einddatum=einddatum, po_datum=po_datum,
                            grenzen=G)


def test_po_after_the_end_date_is_refused() -> None:
    """Domain brief section 7 (Wmo 2015 art. 2.3.5 lid 3: kind, scope and duration): a PO after the end date never
    takes place; step 7 and the decision both refuse it (they used to disagree)."""
    assert "na de einddatum" in _f(einddatum=dt.date(2027, 12, 31), po_datum=dt.date(2028, 1, 5))["po_datum"]
    assert _f(einddatum=dt.date(2027, 12, 31), po_datum=dt.date(2027, 12, 31)) == {}


def test_po_before_the_start_is_refused() -> None:
    """Domain brief section 7: a re-examination of a provision that has not yet started is no re-examination."""
    assert "vóór de startdatum" in _f(po_datum=START - dt.timedelta(days=1))["po_datum"]
    assert _f(po_datum=START) == {}


def test_end_before_start_is_refused_also_for_a_refusal() -> None:
    """Contradictory dates are refused whatever the decision."""
    assert "vóór de startdatum" in _f(besluit="afgewezen", einddatum=START - dt.timedelta(days=1))["einddatum"]
    assert _f(besluit="afgewezen") == {}


def test_wmo_provision_without_po_runs_no_longer_than_the_po_maximum() -> None:
    """Wmo 2015 art. 2.3.5 lid 3 and the 2020 report ("ten minste eens in de drie jaar"): without a planned PO, an
    end date at most the PO maximum after the start (a provision to 31 December 2041 without PO used to pass)."""
    assert "36 maanden" in _f(einddatum=dt.date(2041, 12, 31))["einddatum"]
    assert _f(einddatum=dt.date(2030, 3, 1)) == {}
    assert "einddatum" in _f(einddatum=dt.date(2030, 3, 2))
    # with a PO in time the Wmo sets no limit on the end date
    assert _f(einddatum=dt.date(2041, 12, 31), po_datum=dt.date(2029, 3, 1)) == {}


def test_jeugd_provision_needs_an_end_date_within_the_maximum() -> None:
    """Jeugdwet art. 2.3 lid 1 with the municipality's maximum (default 12 months): a Jeugd provision always has an
    end date, a PO does not replace it."""
    assert "altijd een einddatum" in _f(wet="jeugdwet", po_datum=dt.date(2027, 9, 1))["einddatum"]
    assert "12 maanden" in _f(wet="jeugdwet", einddatum=dt.date(2028, 3, 2))["einddatum"]
    assert _f(wet="jeugdwet", einddatum=dt.date(2028, 3, 1)) == {}
    assert duur.einde_uiterlijk("jeugdwet", START, duur.Duurgrenzen(jeugd_maximum_maanden=6)) == dt.date(2027, 9, 1)


@given(wet=st.sampled_from(["wmo", "jeugdwet"]), besluit=st.sampled_from(["toegekend", "gedeeltelijk", "afgewezen"]),
       eind=st.one_of(st.none(), st.integers(-30, 6000)), po=st.one_of(st.none(), st.integers(-30, 2000)))
def test_property_an_accepted_duration_is_lawful(wet: str, besluit: str, eind: int | None, po: int | None) -> None:
    """Whatever is entered: an accepted granted provision has an end or a PO (Jeugd: an end) within the limits, and
    no PO before the start or after the end."""
    einddatum = START + dt.timedelta(days=eind) if eind is not None else None
    po_datum = START + dt.timedelta(days=po) if po is not None else None
    if _f(wet, besluit, einddatum, po_datum):
        return
    if po_datum is not None:
        assert po_datum >= START
        assert einddatum is None or einddatum < START or po_datum <= einddatum
    if besluit == "afgewezen":
        return
    assert po_datum is None or po_datum <= duur.po_uiterlijk(START, 36)
    if wet == "jeugdwet":
        assert einddatum is not None and einddatum <= dt.date(2028, 3, 1)
    else:
        assert einddatum is not None or po_datum is not None
        if po_datum is None:
            assert einddatum is not None and einddatum <= duur.po_uiterlijk(START, 36)
