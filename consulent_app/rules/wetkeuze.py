"""Which law a new melding most likely falls under: the form's default, which the consultant can change."""

from __future__ import annotations

import datetime as dt

from consulent_app.domain import Wet
from consulent_app.rules.geadresseerde import leeftijd

#: Jeugdwet art. 1.1: a jeugdige is a person under eighteen (the extensions to 23 are decided case by case).
JEUGDIGE_TOT = 18


def standaard_wet(geboortedatum: dt.date | None, op: dt.date) -> Wet:
    """Jeugdwet for a client under eighteen on the melding date (art. 1.1 Jeugdwet), otherwise the Wmo 2015."""
    if geboortedatum is not None and leeftijd(geboortedatum, op) < JEUGDIGE_TOT:
        return Wet.JEUGDWET
    return Wet.WMO
