"""Re-examination (periodiek onderzoek, PO): the duration rules of a granted provision and of completing a PO.

Pure functions: dates in, Dutch field messages out. The services call them before writing anything.

The 2020 report found that a PO ending "unchanged" left no next date, so support could run forever unseen.
Here every granted provision has an end date or a PO within the configured maximum, and completing a PO always
leaves either the next PO date or an end date (domain brief section 7).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from consulent_app.domain import POUitkomst
from consulent_app.errors import ValidatieFout
from consulent_app.formatting import datum as datum_tekst
from consulent_app.rules import validatie as v
from consulent_app.rules.duur import po_uiterlijk

VERSLAG_MAX = 4000

UITKOMST_LABELS = {
    POUitkomst.ONGEWIJZIGD: "Ongewijzigd voortzetten",
    POUitkomst.GEWIJZIGD: "Gewijzigd: nieuwe aanvraag en beschikking",
    POUitkomst.BEEINDIGD: "Beëindigd",
}


def uitkomst_label(uitkomst: str | None) -> str:
    if not uitkomst:
        return ""
    try:
        return UITKOMST_LABELS[POUitkomst(uitkomst)]
    except ValueError:
        return uitkomst


def controleer_planning(geplande_datum: dt.date | None, *, basis: dt.date, max_maanden: int,
                        einddatum: dt.date | None = None) -> dt.date:
    """A PO planned (or moved) from the list: a date, not later than the maximum after `basis`."""
    if geplande_datum is None:
        raise ValidatieFout.veld("geplande_datum", "Geplande datum is verplicht.")
    uiterlijk = po_uiterlijk(basis, max_maanden)
    if geplande_datum > uiterlijk:
        raise ValidatieFout.veld(
            "geplande_datum",
            f"Het periodiek onderzoek moet uiterlijk {max_maanden} maanden na {datum_tekst(basis)} plaatsvinden, "
            f"dus op of vóór {datum_tekst(uiterlijk)}.")
    if geplande_datum < basis:
        raise ValidatieFout.veld("geplande_datum",
                                 f"De geplande datum ligt vóór de start van de voorziening ({datum_tekst(basis)}).")
    if einddatum is not None and geplande_datum > einddatum:
        raise ValidatieFout.veld("geplande_datum",
                                 f"De geplande datum ligt na de einddatum van de voorziening ({datum_tekst(einddatum)}).")
    return geplande_datum


@dataclass(frozen=True)
class PoAfronding:
    """A checked PO outcome, ready to store."""

    uitkomst: POUitkomst
    verslag: str
    afgerond_op: dt.date
    volgende_po_datum: dt.date | None
    einddatum: dt.date | None


def controleer_afronding(*, uitkomst: str | None, verslag: str | None, afgerond_op: dt.date | None,
                         volgende_po_datum: dt.date | None, einddatum: dt.date | None,
                         startdatum_voorziening: dt.date, max_maanden: int, vandaag: dt.date,
                         einddatum_voorziening: dt.date | None = None) -> PoAfronding:
    """Completing a PO: outcome, short report, and ALWAYS the next PO date or an end date.

    * ongewijzigd / gewijzigd: a next PO date (after the PO, within `max_maanden` of it) or an end date (not
      before the PO); both may be given when the PO lies before the end date;
    * beëindigd: an end date (not before the start of the provision) and no next PO.

    An outcome other than beëindigd never shortens the provision: an end date before its current end date
    (`einddatum_voorziening`; None = open-ended) limits a granted right, which only a decision made known to the
    client can do (art. 2.3.10 Wmo 2015, Awb 3:40); the consultant chooses 'beëindigd' (or records the end date
    in the new decision after 'gewijzigd').

    Raises ValidatieFout with every field message at once.
    """
    fouten = v.Fouten()
    u: POUitkomst | None = None
    try:
        u = POUitkomst(uitkomst or "")
    except ValueError:
        fouten.add("uitkomst", "Kies de uitkomst: ongewijzigd, gewijzigd of beëindigd.")
    tekst: str | None = None
    try:
        tekst = v.verplichte_tekst(verslag, "verslag", "Kort verslag", max_lengte=VERSLAG_MAX, meerdere_regels=True)
    except ValidatieFout as exc:
        for k, msg in exc.fouten.items():
            fouten.add(k, msg)
    afgerond = afgerond_op or vandaag
    if afgerond > vandaag:
        fouten.add("afgerond_op", "De datum van afronding mag niet in de toekomst liggen.")
    if u is POUitkomst.BEEINDIGD:
        if einddatum is None:
            fouten.add("einddatum", "Vul de einddatum in: bij 'beëindigd' stopt de voorziening op die datum.")
        elif einddatum < startdatum_voorziening:
            fouten.add("einddatum", "De einddatum ligt vóór de startdatum van de voorziening "
                                    f"({datum_tekst(startdatum_voorziening)}).")
        if volgende_po_datum is not None:
            fouten.add("volgende_po_datum", "Een beëindigde voorziening krijgt geen volgend periodiek onderzoek; "
                                            "laat dit veld leeg.")
    elif u is not None:
        if volgende_po_datum is None and einddatum is None:
            msg = ("Vul de datum van het volgende periodiek onderzoek in, of een einddatum. Zonder een van beide "
                   "loopt de voorziening ongezien door.")
            fouten.add("volgende_po_datum", msg)
        if volgende_po_datum is not None:
            uiterlijk = po_uiterlijk(afgerond, max_maanden)
            if volgende_po_datum <= afgerond:
                fouten.add("volgende_po_datum", "Het volgende periodiek onderzoek moet na dit onderzoek liggen.")
            elif volgende_po_datum > uiterlijk:
                fouten.add("volgende_po_datum",
                           f"Het volgende periodiek onderzoek moet uiterlijk {max_maanden} maanden na dit onderzoek "
                           f"plaatsvinden, dus op of vóór {datum_tekst(uiterlijk)}.")
            elif einddatum is not None and volgende_po_datum > einddatum:
                fouten.add("volgende_po_datum", "Het volgende periodiek onderzoek ligt na de einddatum.")
        if einddatum is not None and einddatum < afgerond:
            fouten.add("einddatum", "De einddatum ligt vóór de datum van dit onderzoek. Kies dan 'beëindigd'.")
        elif einddatum is not None and (einddatum_voorziening is None or einddatum < einddatum_voorziening):
            nu = (f"loopt nu tot en met {datum_tekst(einddatum_voorziening)}" if einddatum_voorziening
                  else "heeft nu geen einddatum")
            fouten.add("einddatum", f"De voorziening {nu}. Een eerdere einddatum beperkt haar en kan alleen met een "
                                    "besluit aan de cliënt: kies 'beëindigd', of 'gewijzigd' en leg de einddatum "
                                    "vast in de nieuwe beschikking.")
    fouten.check()
    assert u is not None and tekst is not None
    return PoAfronding(u, tekst, afgerond, None if u is POUitkomst.BEEINDIGD else volgende_po_datum, einddatum)


def maanden_vooruit(vandaag: dt.date, aantal: int = 12) -> list[dt.date]:
    """First days of this month and the `aantal - 1` months after it: the columns of the PO planning list."""
    eerste = vandaag.replace(day=1)
    return [eerste + relativedelta(months=i) for i in range(aantal)]
