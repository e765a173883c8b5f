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
