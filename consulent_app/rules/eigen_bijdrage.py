"""Own contribution (eigen bijdrage, collected by the CAK) only where the law allows it.

Art. 2.1.4 Wmo 2015 and the Uitvoeringsbesluit Wmo 2015: a municipality may ask a contribution for a custom
provision or pgb under the Wmo, with exemptions; the Jeugdwet has no CAK contribution at all (the parental
contribution was abolished in 2016). The defaults in resources/default_config.toml ([besluiten]
eigen_bijdrage_*) exempt wheelchairs (product category 11) and clients younger than 18 on the start date
(art. 2.1.4 lid 1 Wmo 2015); a municipality adds its own exemptions by product category or product code. Never for
a refusal or for an ending.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from consulent_app.config import Besluiten
from consulent_app.domain import BeschikkingType, Besluit, Wet

TOEGEKEND = (Besluit.TOEGEKEND.value, Besluit.GEDEELTELIJK.value)


def leeftijd(geboortedatum: dt.date, op: dt.date) -> int:
    return relativedelta(op, geboortedatum).years


def eigen_bijdrage_van_toepassing(*, wet: Wet | str, besluit: str, beschikking_type: str, productcategorie: str,
                                  productcode: str | None, geboortedatum: dt.date, startdatum: dt.date,
                                  besluiten: Besluiten) -> bool:
    """Does the decision tell the client a CAK contribution applies to this provision?"""
    if Wet(wet) is not Wet.WMO or besluit not in TOEGEKEND:
        return False
    if beschikking_type == BeschikkingType.BEEINDIGING.value:
        return False
    if productcategorie in besluiten.eigen_bijdrage_vrij_categorieen:
        return False
    if productcode and productcode in besluiten.eigen_bijdrage_vrij_producten:
        return False
    return leeftijd(geboortedatum, startdatum) >= besluiten.eigen_bijdrage_vanaf_leeftijd
