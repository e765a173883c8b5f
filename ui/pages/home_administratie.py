"""Administrative staff home, "Te verzenden": approved decisions waiting to be sent."""

from __future__ import annotations

from consulent_app.domain import BeschikkingStatus, Rol
from consulent_app.services import meldingen
from ui.pages._werk import WerkLijst, termijn_kolommen, wet_kolom
from ui.pages.base import PageSpec, Shell
from ui.tablemodels import Kolom, datum_kort


class TeVerzenden(WerkLijst):
    def __init__(self, shell: Shell) -> None:
        kolommen = [
            *termijn_kolommen(shell),
            Kolom("Cliënt", lambda w: w.client, rek=True),
            wet_kolom(),
            Kolom("Kenmerk", lambda w: w.omschrijving.removeprefix("Beschikking ")),
            Kolom("Opgesteld door", lambda w: w.consulent),
            Kolom("Aanvraag van", lambda w: w.datum, tekst=datum_kort),
        ]
        super().__init__(
            shell, titel="Te verzenden",
            toelichting="Goedgekeurde beschikkingen die nog verstuurd moeten worden. De verzenddatum start de "
                        "bezwaartermijn van zes weken. Enter opent de verzendlijst.",
            kolommen=kolommen,
            bron=lambda: meldingen.beschikkingen_met_status(shell.ctx, shell.actor, BeschikkingStatus.GOEDGEKEURD),
            leeg="Er liggen geen goedgekeurde beschikkingen klaar om te verzenden.",
            telwoord=("beschikking", "beschikkingen"), voorkeur=("verzendlijst", None),
        )


PAGE = PageSpec(
    key="te_verzenden", titel="Te verzenden", rollen=(Rol.ADMINISTRATIEF,), maak=TeVerzenden, volgorde=10,
    home_voor=(Rol.ADMINISTRATIEF,), sneltoets="Ctrl+1", extra={"icoon": "verzenden"},
)
