"""Reviewer home, "Te toetsen": decisions waiting for the four-eyes review, nearest decision term first."""

from __future__ import annotations

from consulent_app.domain import BeschikkingStatus, Rol
from consulent_app.services import meldingen
from ui.pages._werk import WerkLijst, beschikking_kolommen
from ui.pages.base import PageSpec, Shell


class TeToetsen(WerkLijst):
    def __init__(self, shell: Shell) -> None:
        kolommen = beschikking_kolommen(shell)
        super().__init__(
            shell, titel="Te toetsen",
            toelichting="Beschikkingen die wachten op uw toetsing (vier ogen). U ziet geen beschikkingen die u "
                        "zelf heeft opgesteld. Enter opent de beschikking om te toetsen.",
            kolommen=kolommen,
            bron=lambda: meldingen.beschikkingen_met_status(shell.ctx, shell.actor, BeschikkingStatus.TER_TOETSING),
            leeg="Er wachten geen beschikkingen op toetsing.", telwoord=("beschikking", "beschikkingen"),
            voorkeur=("toetsing", "beschikking_id"),
        )


PAGE = PageSpec(
    key="te_toetsen", titel="Te toetsen", rollen=(Rol.TOETSER,), maak=TeToetsen, volgorde=10,
    home_voor=(Rol.TOETSER,), sneltoets="Ctrl+1", extra={"icoon": "toetsen"},
)
