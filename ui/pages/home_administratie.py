"""Administrative staff home, "Te verzenden": approved decisions waiting to be sent."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from consulent_app import termijnen
from consulent_app.domain import BeschikkingStatus, Rol
from consulent_app.services import meldingen
from ui.pages._werk import WerkLijst, beschikking_kolommen
from ui.pages.base import PageSpec, Shell
from ui.widgets import een_keer_getekend, telt_als_tekenen


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
        telt_als_tekenen(self.tabel.viewport())  # no step of the page's loading in the turn of its paint
        self.tabel.smalle_koppen = True  # at 1366 px the Kenmerk was cut while headers kept their sort arrow's room

    def _geladen(self, items: Sequence[Any]) -> None:
        with een_keer_getekend(self.tabel):  # its new rows and column widths painted once, not twice
            super()._geladen(items)


PAGE = PageSpec(
    key="te_verzenden", titel="Te verzenden", rollen=(Rol.ADMINISTRATIEF,), maak=TeVerzenden, volgorde=10,
    home_voor=(Rol.ADMINISTRATIEF,), sneltoets="Ctrl+1", extra={"icoon": "verzenden"},
)
