"""The duration of a custom provision, once: end date, periodic re-examination (PO) and their limits.

Every screen and service that accepts or checks a provision's duration calls :func:`duur_fouten` (step 7 of the
investigation, the decision, the review, a change after a PO), so they can never disagree.

* Wmo 2015 (art. 2.3.5 lid 3, the decision states the duration; domain brief sections 4 and 7): a granted provision
  has an end date or a planned PO. The PO lies on or after the start, no later than the configured maximum after
  it (default 36 months: the 2020 report, "ten minste eens in de drie jaar") and not after the end date. A
  provision without PO may not run longer than that same maximum: otherwise it runs on unseen.
* Jeugdwet (art. 2.3 lid 1, a decision on an individuele voorziening for a set period): a granted provision always
  has an end date, within a configurable maximum after the start (default 12 months).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from consulent_app.domain import Besluit, Wet

__all__ = ["JEUGD_MAXIMUM_MAANDEN", "PO_MAXIMUM_MAANDEN", "TOEGEKEND", "Duurgrenzen", "duur_fouten",
           "einde_uiterlijk", "po_uiterlijk"]

def datum_tekst(datum: dt.date) -> str:
    """A date in the messages, as everywhere (consulent_app.formatting). Imported when a message is made: the
    configuration reads this module's limits before the login window shows, and formatting loads babel (dateutil,
    2 ms with calendar and locale, is imported where the months are counted, for the same reason)."""
    from consulent_app.formatting import datum as tekst

    return tekst(datum)


#: Default maximum months from the start of a provision (or the last PO) to its periodic re-examination.
PO_MAXIMUM_MAANDEN = 36
#: Default maximum duration of a Jeugd provision, in months.
JEUGD_MAXIMUM_MAANDEN = 12
#: Decisions that grant something (and so need a duration).
TOEGEKEND = (Besluit.TOEGEKEND.value, Besluit.GEDEELTELIJK.value)


@dataclass(frozen=True)
class Duurgrenzen:
    """The configured limits ([termijnen] po_maximum_maanden and jeugd_maximum_maanden)."""

    po_maximum_maanden: int = PO_MAXIMUM_MAANDEN
    jeugd_maximum_maanden: int = JEUGD_MAXIMUM_MAANDEN


def po_uiterlijk(basis: dt.date, max_maanden: int) -> dt.date:
    """Latest allowed PO date: `max_maanden` calendar months after `basis` (start of the provision or last PO)."""
    from dateutil.relativedelta import relativedelta

    return basis + relativedelta(months=max_maanden)


def einde_uiterlijk(wet: Wet | str, startdatum: dt.date, grenzen: Duurgrenzen, *, met_po: bool = False) -> dt.date | None:
    """Latest allowed end date: Jeugd: the Jeugd maximum after the start; Wmo without PO: the PO maximum (with a
    planned PO the Wmo sets no limit, None)."""
    if Wet(wet) is Wet.JEUGDWET:
        from dateutil.relativedelta import relativedelta

        return startdatum + relativedelta(months=grenzen.jeugd_maximum_maanden)
    return None if met_po else po_uiterlijk(startdatum, grenzen.po_maximum_maanden)


def duur_fouten(*, wet: Wet | str, besluit: str, startdatum: dt.date | None, einddatum: dt.date | None,
                po_datum: dt.date | None, grenzen: Duurgrenzen = Duurgrenzen()) -> dict[str, str]:
    """Field messages ("einddatum", "po_datum") for the duration of one provision; {} when all is well.

    Dates that contradict each other are refused whatever the decision; the rest applies to what is granted.
    """
    fouten: dict[str, str] = {}
    if startdatum is None:
        return fouten
    if einddatum is not None and einddatum < startdatum:
        fouten["einddatum"] = "De einddatum ligt vóór de startdatum."
    if po_datum is not None and po_datum < startdatum:
        fouten["po_datum"] = "De datum van het periodiek onderzoek ligt vóór de startdatum."
    elif po_datum is not None and einddatum is not None and startdatum <= einddatum < po_datum:
        fouten["po_datum"] = (f"De datum van het periodiek onderzoek ligt na de einddatum van de voorziening "
                              f"({datum_tekst(einddatum)}).")
    if besluit not in TOEGEKEND or fouten:
        return fouten
    jeugd = Wet(wet) is Wet.JEUGDWET
    if jeugd and einddatum is None:
        fouten["einddatum"] = (f"Een jeugdhulpvoorziening heeft altijd een einddatum, hooguit "
                               f"{grenzen.jeugd_maximum_maanden} maanden na de start.")
        return fouten
    if einddatum is None and po_datum is None:
        fouten["einddatum"] = ("Een toegekende voorziening heeft een einddatum of een geplande datum voor het "
                               "periodiek onderzoek nodig. Vul een van beide in.")
        return fouten
    if po_datum is not None:
        uiterlijk = po_uiterlijk(startdatum, grenzen.po_maximum_maanden)
        if po_datum > uiterlijk:
            fouten["po_datum"] = (f"Het periodiek onderzoek moet uiterlijk {grenzen.po_maximum_maanden} maanden na "
                                  f"de start plaatsvinden, dus op of vóór {datum_tekst(uiterlijk)}.")
    grens = einde_uiterlijk(wet, startdatum, grenzen, met_po=po_datum is not None)
    if einddatum is not None and grens is not None and einddatum > grens:
        if jeugd:
            fouten["einddatum"] = (f"Een jeugdhulpvoorziening loopt hooguit {grenzen.jeugd_maximum_maanden} maanden, "
                                   f"dus tot en met {datum_tekst(grens)}.")
        else:
            fouten["einddatum"] = (f"Zonder periodiek onderzoek loopt een voorziening hooguit "
                                   f"{grenzen.po_maximum_maanden} maanden, dus tot en met {datum_tekst(grens)}. Kies "
                                   "een eerdere einddatum of plan een periodiek onderzoek.")
    return fouten
