"""The default law of a new melding (issue 16: a melding for a child defaulted to the Wmo)."""

from __future__ import annotations

import datetime as dt

from consulent_app.domain import Wet
from consulent_app.rules.wetkeuze import standaard_wet


def test_a_client_under_eighteen_defaults_to_the_jeugdwet() -> None:
    """Jeugdwet art. 1.1: a jeugdige is under eighteen; from the eighteenth birthday the Wmo 2015 applies."""
    vandaag = dt.date(2026, 12, 1)
    assert standaard_wet(dt.date(2008, 12, 2), vandaag) is Wet.JEUGDWET  # 17, one day before the birthday
    assert standaard_wet(dt.date(2008, 12, 1), vandaag) is Wet.WMO  # eighteen today
    assert standaard_wet(dt.date(1948, 5, 2), vandaag) is Wet.WMO
    assert standaard_wet(None, vandaag) is Wet.WMO


def test_a_jeugd_consultant_starts_with_the_jeugdwet_and_a_child_always_does() -> None:
    """Jeugdwet art. 1.1: under eighteen the Jeugdwet, whoever registers; for an adult the consultant's own law
    (gebruiker.wet), the Wmo 2015 when the account names none."""
    vandaag = dt.date(2026, 12, 1)
    assert standaard_wet(dt.date(2006, 5, 2), vandaag, wet_consulent=Wet.JEUGDWET) is Wet.JEUGDWET  # 20
    assert standaard_wet(None, vandaag, wet_consulent=Wet.JEUGDWET) is Wet.JEUGDWET
    assert standaard_wet(dt.date(2015, 5, 2), vandaag, wet_consulent=Wet.WMO) is Wet.JEUGDWET  # 11
    assert standaard_wet(dt.date(1948, 5, 2), vandaag, wet_consulent=Wet.WMO) is Wet.WMO
    assert standaard_wet(dt.date(1948, 5, 2), vandaag, wet_consulent=None) is Wet.WMO
