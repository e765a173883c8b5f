"""Which law a new melding most likely falls under: the form's default, which the consultant can change."""

from __future__ import annotations

import datetime as dt

from consulent_app.domain import Wet
from consulent_app.rules.geadresseerde import leeftijd

#: Jeugdwet art. 1.1: a jeugdige is a person under eighteen (the extensions to 23 are decided case by case).
JEUGDIGE_TOT = 18


def standaard_wet(geboortedatum: dt.date | None, op: dt.date, *, wet_consulent: Wet | None = None) -> Wet:
    """Jeugdwet for a client under eighteen on the melding date (art. 1.1 Jeugdwet); otherwise the law the
    registering consultant works under (a Jeugd consultant's melding for a young adult of 18 to 23 is most likely
    a continuation under the Jeugdwet), and the Wmo 2015 when the account names no law."""
    if geboortedatum is not None and leeftijd(geboortedatum, op) < JEUGDIGE_TOT:
        return Wet.JEUGDWET
    return wet_consulent or Wet.WMO
