"""Client search within the teams the user serves: by name, BSN, postcode or birth date; opens the dossier."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from consulent_app.domain import Rol
from consulent_app.services import dossiers
from consulent_app.services.dossiers import DOSSIER_LEZERS
from ui.pages.base import PageSpec, Shell, ouder
from ui.tablemodels import Kolom, Tabel, bsn, datum_kort
from ui.widgets import kop, laad, uitleg


class Zoeken(QWidget):
    geladen = Signal()

    def __init__(self, shell: Shell) -> None:
        super().__init__(ouder(shell))
        self.shell = shell
        self.bezig = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 22, 28, 18)
        lay.setSpacing(12)
        kopregel = QHBoxLayout()
        # Every widget made in the page (its parent): styled once, not again when a layout moves it in (issue 13).
        kopregel.addWidget(kop("Cliënt zoeken", parent=self), 1)
        if shell.actor.rol in (Rol.CONSULENT, Rol.PLANNER):
            nieuw = QPushButton("Nieuwe &cliënt…", self)
            nieuw.clicked.connect(self._nieuwe_client)
            kopregel.addWidget(nieuw)
        lay.addLayout(kopregel)
        lay.addWidget(uitleg("Zoek op achternaam, voornaam, BSN, postcode of geboortedatum (dd-mm-jjjj). U vindt "
                             "alleen cliënten van de gebiedsteams waarvoor u werkt. Elk geopend dossier wordt "
                             "vastgelegd in het logboek.", self))
        rij = QHBoxLayout()
        self.veld = QLineEdit(self)
        self.veld.setObjectName("zoekterm")
        self.veld.setClearButtonEnabled(True)
        self.veld.setPlaceholderText("Bijvoorbeeld: Janssen, 1234.56.782, 6211 AX of 14-03-1950")
        self.veld.setMaximumWidth(520)
        label = QLabel("&Zoekterm", self)
        label.setBuddy(self.veld)
        knop = QPushButton("Zoeken", self)
        knop.setObjectName("primair")
        rij.addWidget(label)
        rij.addWidget(self.veld, 1)
        rij.addWidget(knop)
        rij.addStretch(1)
        self.teller = QLabel(self)
        self.teller.setObjectName("teller")
        rij.addWidget(self.teller)
        lay.addLayout(rij)
        self.tabel = Tabel([
            Kolom("Naam", lambda c: c.naam),
            Kolom("BSN", lambda c: c.bsn, tekst=bsn),
            Kolom("Geboortedatum", lambda c: c.geboortedatum, tekst=datum_kort),
            Kolom("Adres", lambda c: c.adres, rek=True),
            Kolom("Gebiedsteam", lambda c: c.team),
        ], self)  # made in its parent: styled once (issue 13)
        self.tabel.setAccessibleName("Gevonden cliënten")
        lay.addWidget(self.tabel, 1)
        self.leeg = QLabel("Geen cliënten gevonden. Controleer de spelling of zoek op BSN of geboortedatum.", self)
        self.leeg.setObjectName("leeg")
        self.leeg.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.leeg.hide()
        lay.addWidget(self.leeg, 1)
        self.veld.returnPressed.connect(self.zoek)
        knop.clicked.connect(self.zoek)
        self.tabel.rij_geopend.connect(lambda c: shell.open_dossier(c.id))
        # Down in the search field goes to the first result, where Enter opens it (issue 16).
        omlaag = QShortcut(QKeySequence(Qt.Key.Key_Down), self.veld)
        omlaag.setContext(Qt.ShortcutContext.WidgetShortcut)
        omlaag.activated.connect(self._naar_resultaten)
        self._enige_openen = False

    def toon(self, zoekterm: str | None = None, enige_openen: bool = False, **_params: Any) -> None:
        """`enige_openen`: a search typed in the window's search field (Ctrl+K, Enter) opens the dossier at once
        when exactly one client is found; otherwise the list shows."""
        if zoekterm is not None:
            self.veld.setText(zoekterm)
        self.veld.setFocus()
        self._enige_openen = enige_openen
        self.zoek()

    def _naar_resultaten(self) -> None:
        if self.tabel.isVisible() and self.tabel.model().rowCount() > 0:
            self.tabel.setFocus(Qt.FocusReason.OtherFocusReason)
            self.tabel.selectRow(0)

    def vernieuw(self) -> None:
        self.zoek()

    def zoek(self) -> None:
        term = self.veld.text().strip().replace(".", "") if self._lijkt_bsn() else self.veld.text().strip()
        self.bezig = True
        self.teller.setText("Zoeken…")
        laad(self, lambda: dossiers.zoek_clienten(self.shell.ctx, self.shell.actor, term), self._gevonden,
             self._fout)

    def _lijkt_bsn(self) -> bool:
        return self.veld.text().replace(".", "").replace(" ", "").isdigit()

    def _gevonden(self, rijen: list[dossiers.ClientRegel]) -> None:
        self.bezig = False
        self.tabel.zet_rijen(rijen)
        self.tabel.setVisible(bool(rijen))
        self.leeg.setVisible(not rijen)
        n = len(rijen)
        self.teller.setText("1 cliënt" if n == 1 else (f"{n} cliënten" + (" (de eerste 50)" if n >= 50 else "")))
        enige_openen, self._enige_openen = self._enige_openen, False
        self.geladen.emit()
        if enige_openen and n == 1:
            self.shell.open_dossier(rijen[0].id)

    def _fout(self, msg: str) -> None:
        self.bezig = False
        self.teller.setText("")
        self.shell.melding(msg, fout=True)

    def _nieuwe_client(self) -> None:
        from ui.pages.nieuwe_client import nieuwe_client

        client_id = nieuwe_client(self.shell, self)
        if client_id is not None:
            self.shell.open_dossier(client_id)


PAGE = PageSpec(
    key="zoeken", titel="Cliënt zoeken", rollen=DOSSIER_LEZERS, maak=Zoeken, volgorde=20, sneltoets="Ctrl+2",
    extra={"icoon": "zoeken"},
)
