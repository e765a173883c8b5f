"""The consultant records the client's aanvraag on a melding whose investigation term passed without a completed
investigation (Wmo 2015 art. 2.3.5 lid 2). Reached from the dossier (Meldingen tab) and the melding screen.

The rule and its texts live in consulent_app/rules/aanvraag.py; the dialog shows them and calls the use case
aanvragen.registreer_aanvraag_zonder_onderzoek; a refusal appears at the date field, the dialog stays open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from consulent_app.formatting import datum as datum_tekst
from consulent_app.rules.aanvraag import GRONDSLAG, ZONDER_ONDERZOEK_TEKST
from consulent_app.services import aanvragen
from ui.pages._formdialoog import FormDialoog
from ui.pages.base import Shell
from ui.widgets import DatumVeld, Formulier

KNOP_TEKST = "Aanvraag &zonder onderzoek…"
KNOP_UITLEG = ("De onderzoekstermijn is verstreken zonder afgerond onderzoek: de cliënt mag de aanvraag nu indienen "
               "(art. 2.3.5 lid 2 Wmo). Leg die aanvraag hier vast.")


def aanvraag_dialoog(shell: Shell, parent: QWidget | None, *, melding_id: int, client: str,
                     onderzoekstermijn_einde: dt.date | None, modaal: bool = True,
                     na: Callable[[int], None] | None = None) -> FormDialoog:
    """The dialog (shown modal unless `modaal=False`, for tests); `na(aanvraag_id)` runs once the core accepted."""
    form = Formulier()
    datum = DatumVeld()
    datum.zet_datum(dt.date.today())
    termijn = (f"De onderzoekstermijn liep tot en met {datum_tekst(onderzoekstermijn_einde)}."
               if onderzoekstermijn_einde else "")
    form.voeg_toe("datum", "&Aanvraag ingediend op", datum,
                  hint="De dag waarop de cliënt de aanvraag indiende; de beslistermijn loopt vanaf die dag.")

    def actie(w: dict[str, Any]) -> int:
        return aanvragen.registreer_aanvraag_zonder_onderzoek(shell.ctx, shell.actor, melding_id, datum=w["datum"])

    dlg = FormDialoog(parent, ZONDER_ONDERZOEK_TEKST, f"Melding van {client}. {termijn} {GRONDSLAG}".replace("  ", " "),
                      form, actie, ok="Aanvraag &vastleggen")
    dlg.setMinimumWidth(600)

    def gelukt() -> None:
        shell.melding("De aanvraag is vastgelegd; de beslistermijn loopt.")
        if na is not None:
            na(int(dlg.resultaat))

    dlg.accepted.connect(gelukt)
    if modaal:
        dlg.exec()
    else:
        dlg.show()
    return dlg
