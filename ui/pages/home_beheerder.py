"""Functional administrator home until the real user management screen exists: says what will be there.

Marked as a placeholder: the main window drops it as soon as another page is the beheerder's home or uses its key.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from consulent_app.domain import Rol
from ui.pages.base import PageSpec, Shell, ouder
from ui.widgets import Kaart, kop, uitleg

KOMT = [
    ("Gebruikers", "Medewerkers toevoegen en op non-actief zetten, hun rol (consulent, toetser, planner, "
                   "administratief medewerker, teamleider, beheerder), gebiedsteam en contracturen vastleggen."),
    ("Wachtwoorden", "Een tijdelijk wachtwoord instellen; de medewerker kiest bij de volgende keer inloggen "
                     "een eigen wachtwoord. Geblokkeerde accounts weer vrijgeven."),
    ("Logboek per cliënt", "Wie heeft welk dossier wanneer geopend of gewijzigd (AVG art. 15), zonder de inhoud "
                           "van het dossier te tonen."),
]


class Beheer(QWidget):
    def __init__(self, shell: Shell) -> None:
        super().__init__(ouder(shell))
        self.shell = shell
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 22, 28, 18)
        lay.setSpacing(14)
        lay.addWidget(kop("Beheer"))
        lay.addWidget(uitleg(
            "Als functioneel beheerder ziet u geen inhoud van dossiers. Dit scherm wordt de plek voor het "
            "beheer van gebruikers en het logboek. Het volgt in een volgende versie; hieronder staat wat er komt."))
        for titel, tekst in KOMT:
            kaart = Kaart()
            kaart.inhoud.addWidget(kop(titel, niveau=2))
            regel = QLabel(tekst)
            regel.setWordWrap(True)
            kaart.inhoud.addWidget(regel)
            lay.addWidget(kaart)
        lay.addStretch(1)


PAGE = PageSpec(
    key="beheer", titel="Beheer", rollen=(Rol.BEHEERDER,), maak=Beheer, volgorde=10,
    home_voor=(Rol.BEHEERDER,), sneltoets="Ctrl+1", extra={"icoon": "beheer", "plaatshouder": True},
)
