"""The provider's plan (plan van aanpak, Wmo; gezinsplan, Jeugdwet) of one custom provision: expected or not, and by
when. Pure; the configured number of days comes from the service (config [termijnen] plan_termijn_dagen).

Domain brief section 2 step 8 and review criterion 13 (Onderzoeksrapport Kwaliteit Toegang 2020): for Wmo begeleiding,
dagbesteding, beschermd wonen and for Jeugd the provider sends a plan within an agreed period after the start. The
period is an agreement with providers, not a legal term, so the Algemene termijnenwet does not apply to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from consulent_app.domain import Wet
from consulent_app.errors import ValidatieFout
from consulent_app.formatting import datum as datum_tekst

#: Default of `[termijnen] plan_termijn_dagen`: six weeks after the start of the provision.
PLAN_TERMIJN_DAGEN: int = 42


def plan_naam(wet: Wet | str) -> str:
    """"Gezinsplan" for the Jeugdwet, "Plan van aanpak" for the Wmo."""
    return "Gezinsplan" if Wet(wet) is Wet.JEUGDWET else "Plan van aanpak"


def standaard_plan_datum(startdatum: dt.date, dagen: int = PLAN_TERMIJN_DAGEN) -> dt.date:
    """The default date by which the provider's plan is expected: the start plus the configured days."""
    if dagen < 0:
        raise ValueError(f"plan_termijn_dagen kan niet negatief zijn: {dagen}")
    return startdatum + dt.timedelta(days=dagen)


@dataclass(frozen=True)
class PlanKeuze:
    verwacht: bool
    verwacht_op: dt.date | None


def bepaal_plan(*, wet: Wet | str, plan_nodig: bool, toegekend: bool, verwacht: bool | None,
                verwacht_op: dt.date | None, startdatum: dt.date | None,
                dagen: int = PLAN_TERMIJN_DAGEN) -> PlanKeuze:
    """Whether a plan is expected and by when, from what the consultant entered in step 7.

    * `verwacht` None (not answered): expected when the product needs a plan (product.plan_nodig) or a date was
      entered; the date defaults to the start + `dagen`.
    * expected: a date before the start of the provision is refused at the field `plan_verwacht_op`.
    * not expected: no date; a date entered with "no plan" is refused (the two contradict each other).
    * a refused provision (afgewezen) never expects a plan.

    :raises ValidatieFout: keyed `plan_verwacht_op`.
    """
    naam = plan_naam(wet)
    if not toegekend:
        return PlanKeuze(False, None)
    if verwacht is None:
        verwacht = plan_nodig or verwacht_op is not None
    if not verwacht:
        if verwacht_op is not None:
            raise ValidatieFout.veld("plan_verwacht_op", f"U gaf aan dat er geen {naam.lower()} wordt verwacht; "
                                                         "laat de datum dan leeg.")
        return PlanKeuze(False, None)
    if verwacht_op is None:
        return PlanKeuze(True, standaard_plan_datum(startdatum, dagen) if startdatum is not None else None)
    if startdatum is not None and verwacht_op < startdatum:
        raise ValidatieFout.veld("plan_verwacht_op", f"Het {naam.lower()} kan niet vóór de start van de voorziening "
                                                     f"({datum_tekst(startdatum)}) worden verwacht.")
    return PlanKeuze(True, verwacht_op)
