"""The consultant records the client's aanvraag on a melding whose investigation term passed without a completed
investigation (Wmo 2015 art. 2.3.5 lid 2). Reached from the dossier (Meldingen tab) and the melding screen.

The rule and its texts live in consulent_app/rules/aanvraag.py; the dialog shows them and calls the use case
aanvragen.registreer_aanvraag_zonder_onderzoek; a refusal appears at the date field, the dialog stays open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from consulent_app.formatting import datum as datum_tekst
from consulent_app.rules.aanvraag import GRONDSLAG, NU_MOGELIJK_TEKST, ZONDER_ONDERZOEK_TEKST
from consulent_app.services import aanvragen
from ui.ops import Wijziging
from ui.pages._formdialoog import FormDialoog
from ui.pages.base import Shell
from ui.widgets import DatumVeld, Formulier

KNOP_TEKST = "Aanvraag &zonder onderzoek…"
KNOP_UITLEG = f"{NU_MOGELIJK_TEKST} Leg die aanvraag hier vast."


class AanvraagDialoog(FormDialoog):
    """The form of one date; OK writes through the operation layer (ui.ops, off the GUI thread). A refusal of the
    core shows at the date field (or above the form) and the dialog stays open with what was typed."""

    def __init__(self, shell: Shell, parent: QWidget | None, *, melding_id: int, client: str,
                 client_id: int | None, onderzoekstermijn_einde: dt.date | None) -> None:
        form = Formulier()
        datum = DatumVeld()
        datum.zet_datum(dt.date.today())
        form.voeg_toe("datum", "&Aanvraag ingediend op", datum,
                      hint="De dag waarop de cliënt de aanvraag indiende; de beslistermijn loopt vanaf die dag.")
        termijn = (f"De onderzoekstermijn liep tot en met {datum_tekst(onderzoekstermijn_einde)}. "
                   if onderzoekstermijn_einde else "")
        super().__init__(parent, ZONDER_ONDERZOEK_TEKST, f"Melding van {client}. {termijn}{GRONDSLAG}", form,
                         lambda _w: None, ok="Aanvraag &vastleggen")
        self.setMinimumWidth(600)
        self.shell, self.melding_id, self.client_id = shell, melding_id, client_id

    def bevestig(self) -> None:
        waarden = self.formulier.lees()
        if waarden is None:
            return
        ctx, actor, mid, dag = self.shell.ctx, self.shell.actor, self.melding_id, waarden["datum"]
        self.ok_knop.setEnabled(False)

        def klaar(aanvraag_id: int) -> None:
            self.ok_knop.setEnabled(True)
            self.resultaat = aanvraag_id
            self.accept()

        naar_velden = self.formulier.schrijffout()

        def fout(exc: BaseException) -> bool:
            self.ok_knop.setEnabled(True)
            return naar_velden(exc)

        self.shell.ops.schrijf(
            self, lambda: aanvragen.registreer_aanvraag_zonder_onderzoek(ctx, actor, mid, datum=dag), klaar,
            fout=fout, wijziging=Wijziging.van("aanvraag", "melding", "termijnen", client_id=self.client_id))


def aanvraag_dialoog(shell: Shell, parent: QWidget | None, *, melding_id: int, client: str,
                     onderzoekstermijn_einde: dt.date | None, client_id: int | None = None, modaal: bool = True,
                     na: Callable[[int], None] | None = None) -> AanvraagDialoog:
    """The dialog (shown modal unless `modaal=False`, for tests); `na(aanvraag_id)` runs once the core accepted."""
    dlg = AanvraagDialoog(shell, parent, melding_id=melding_id, client=client, client_id=client_id,
                          onderzoekstermijn_einde=onderzoekstermijn_einde)

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
