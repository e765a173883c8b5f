"""Administrative staff home, "Te verzenden": approved decisions waiting to be sent."""

from __future__ import annotations

from consulent_app import termijnen
from consulent_app.domain import BeschikkingStatus, Rol
from consulent_app.services import meldingen
from ui.pages._werk import WerkLijst, beschikking_kolommen
from ui.pages.base import PageSpec, Shell


class TeVerzenden(WerkLijst):
    def __init__(self, shell: Shell) -> None:
        kolommen = beschikking_kolommen(shell)
        super().__init__(
            shell, titel="Te verzenden",
            toelichting="Goedgekeurde beschikkingen die nog verstuurd moeten worden. De verzenddatum start de "
                        f"bezwaartermijn van {termijnen.BEZWAAR.lengte}. Enter opent de verzendlijst.",
            kolommen=kolommen,
            bron=lambda: meldingen.beschikkingen_met_status(shell.ctx, shell.actor, BeschikkingStatus.GOEDGEKEURD),
            leeg="Er liggen geen goedgekeurde beschikkingen klaar om te verzenden.",
            telwoord=("beschikking", "beschikkingen"), voorkeur=("verzendlijst", None),
        )


PAGE = PageSpec(
    key="te_verzenden", titel="Te verzenden", rollen=(Rol.ADMINISTRATIEF,), maak=TeVerzenden, volgorde=10,
    home_voor=(Rol.ADMINISTRATIEF,), sneltoets="Ctrl+1", extra={"icoon": "verzenden"},
)
