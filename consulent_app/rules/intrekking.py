"""No retroactive withdrawal or reduction (art. 2.3.10 Wmo 2015; Awb 3:40 and legal certainty).

A decision takes effect when it is made known, i.e. sent (Awb 3:40). Ending (beëindiging, intrekking) or reducing
a provision therefore never takes effect before the day after sending, and in practice only after a reasonable
transition period (CRvB; configuration `[besluiten] overgangstermijn_weken`, default 4). A raise may take effect
earlier. Pure functions: dates in, Dutch field messages out; the services call them when a PO is completed, when a
decision is made or changed, and again with the real sending date when it is sent.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from consulent_app.formatting import datum as datum_tekst
from consulent_app.rules.kosten import volume_per_jaar


def vroegste_ingang(verzonden_op: dt.date, overgang_weken: int) -> dt.date:
    """First day on which an ending or a lower scope may take effect: the day after sending plus the transition."""
    return verzonden_op + dt.timedelta(days=1) + dt.timedelta(weeks=overgang_weken)


def vroegste_laatste_dag(verzonden_op: dt.date, overgang_weken: int) -> dt.date:
    """Earliest last day of support for a provision that ends: the day before `vroegste_ingang`."""
    return vroegste_ingang(verzonden_op, overgang_weken) - dt.timedelta(days=1)


def is_verlaging(oud_volume: Decimal, oud_eenheid: str, oud_frequentie: str, nieuw_volume: Decimal,
                 nieuw_eenheid: str, nieuw_frequentie: str) -> bool:
    """Is the new scope lower than the old? Compared per year in the same unit; other units cannot be compared."""
    if oud_eenheid != nieuw_eenheid:
        return False
    return volume_per_jaar(nieuw_volume, nieuw_frequentie) < volume_per_jaar(oud_volume, oud_frequentie)


def einde_fouten(einddatum: dt.date | None, *, verzonden_op: dt.date, overgang_weken: int,
                 veld: str = "einddatum") -> dict[str, str]:
    """An end date (last day of support) before the earliest allowed one is refused, naming that date."""
    vroegst = vroegste_laatste_dag(verzonden_op, overgang_weken)
    if einddatum is None or einddatum >= vroegst:
        return {}
    return {veld: (f"Een voorziening stopt nooit met terugwerkende kracht of zonder overgangstermijn (art. 2.3.10 "
                   f"Wmo 2015): de laatste dag is op zijn vroegst {datum_tekst(vroegst)}, de dag na verzending op "
                   f"{datum_tekst(verzonden_op)} plus {overgang_weken} weken overgang. Vul die datum of een latere in.")}


def verlaging_fouten(startdatum: dt.date, *, verzonden_op: dt.date, overgang_weken: int,
                     veld: str = "startdatum") -> dict[str, str]:
    """A lower scope that would start before the earliest allowed day is refused, naming that day."""
    vroegst = vroegste_ingang(verzonden_op, overgang_weken)
    if startdatum >= vroegst:
        return {}
    return {veld: (f"Minder ondersteuning gaat nooit met terugwerkende kracht of zonder overgangstermijn in (art. "
                   f"2.3.10 Wmo 2015): op zijn vroegst op {datum_tekst(vroegst)}, de dag na verzending op "
                   f"{datum_tekst(verzonden_op)} plus {overgang_weken} weken overgang. Vul die datum of een latere in.")}
