"""When a client may file the formal request (aanvraag) without a completed investigation.

Wmo 2015 art. 2.3.5 lid 2: if the investigation is not completed within the six weeks of art. 2.3.2 lid 1, the
client may file the aanvraag anyway; the college then decides within the two weeks of art. 2.3.5 lid 1 after that
request. The Jeugdwet has no investigation term, so no such right (the Awb applies to any request as it is).
"""

from __future__ import annotations

import datetime as dt

from consulent_app.domain import Wet
from consulent_app.errors import RegelFout, ValidatieFout
from consulent_app.formatting import datum as datum_tekst

#: How screens and lists name such a request (one text for all of them).
ZONDER_ONDERZOEK_TEKST = "Aanvraag zonder afgerond onderzoek (art. 2.3.5 lid 2 Wmo)"
#: What the melding screen and the dossier say once the client may file the request this way.
NU_MOGELIJK_TEKST = ("De onderzoekstermijn is verstreken zonder afgerond onderzoek: de cliënt mag de aanvraag nu "
                     "indienen (art. 2.3.5 lid 2 Wmo).")
GRONDSLAG = ("Wmo 2015 art. 2.3.5 lid 2: is het onderzoek niet binnen zes weken na de melding afgerond, dan kan de "
             "cliënt toch een aanvraag indienen; de beslistermijn van twee weken loopt vanaf die aanvraag.")


def aanvraag_zonder_onderzoek_mogelijk(wet: Wet | str, onderzoekstermijn_einde: dt.date | None,
                                       onderzoek_afgerond: bool, op: dt.date) -> bool:
    """May the client file the aanvraag on day `op` without a completed investigation (art. 2.3.5 lid 2 Wmo)?

    Only for the Wmo, only when the investigation is not completed, and only after the last day of the
    investigation term (`onderzoekstermijn_einde`, with suspensions and the Atw): on that last day the term still
    runs, so the first possible day is the day after."""
    if Wet(wet) is not Wet.WMO or onderzoek_afgerond or onderzoekstermijn_einde is None:
        return False
    return op > onderzoekstermijn_einde


def besluit_zonder_afgerond_onderzoek(wet: Wet | str, zonder_onderzoek: bool) -> bool:
    """May the college decide although the investigation is not completed? Only on a Wmo request filed under art.
    2.3.5 lid 2: the college must then decide within two weeks on what it knows (lid 1), an unfinished
    investigation is no reason not to. Every other decision needs the completed investigation (art. 2.3.2)."""
    return Wet(wet) is Wet.WMO and zonder_onderzoek


def controleer_aanvraag_zonder_onderzoek(wet: Wet | str, meldingsdatum: dt.date,
                                         onderzoekstermijn_einde: dt.date | None, onderzoek_afgerond: bool,
                                         aanvraagdatum: dt.date | None, vandaag: dt.date) -> dt.date:
    """The checks of art. 2.3.5 lid 2 Wmo, with a Dutch message for each refusal. Returns the request date.

    :raises RegelFout: for the Jeugdwet, or when the investigation is completed.
    :raises ValidatieFout: at `datum` when the date is missing, in the future, or on or before the last day of the
        investigation term.
    """
    if Wet(wet) is not Wet.WMO:
        raise RegelFout("Een aanvraag zonder afgerond onderzoek kan alleen bij de Wmo (art. 2.3.5 lid 2). De "
                        "Jeugdwet kent geen onderzoekstermijn; leg de aanvraag vast na het onderzoek.")
    if onderzoek_afgerond:
        raise RegelFout("Het onderzoek is al afgerond. Leg de aanvraag vast bij de reactie van de cliënt op het "
                        "verslag.")
    if aanvraagdatum is None:
        raise ValidatieFout.veld("datum", "Vul de datum in waarop de cliënt de aanvraag heeft ingediend.")
    if aanvraagdatum > vandaag:
        raise ValidatieFout.veld("datum", "De datum van de aanvraag mag niet in de toekomst liggen.")
    if aanvraagdatum < meldingsdatum:
        raise ValidatieFout.veld("datum", "De datum van de aanvraag ligt vóór de meldingsdatum.")
    if not aanvraag_zonder_onderzoek_mogelijk(wet, onderzoekstermijn_einde, onderzoek_afgerond, aanvraagdatum):
        assert onderzoekstermijn_einde is not None
        raise ValidatieFout.veld(
            "datum", f"De onderzoekstermijn loopt nog tot en met {datum_tekst(onderzoekstermijn_einde)}. Pas daarna "
                     "kan de cliënt een aanvraag indienen zonder afgerond onderzoek (Wmo 2015 art. 2.3.5 lid 2).")
    return aanvraagdatum
