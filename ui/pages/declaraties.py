"""Declaraties: the work list of rejected and doubtful invoice lines, with the reason in Dutch.

Administrative staff process providers' invoices (323, through Berichtenverkeer) and deal with what was rejected
or doubtful here; team leaders see the lines of their teams' clients. Reads and writes go off the GUI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton

from consulent_app.domain import Rol
from consulent_app.export import Type
from consulent_app.services import declaraties
from consulent_app.services.overzicht import Filter
from ui.pages._overzicht import OverzichtPagina, Veld, tabel
from ui.pages.base import PageSpec, Shell
from ui.tablemodels import ROW_ROLE, Tabel
from ui.widgets import een_keer_getekend, telt_als_tekenen

VELDEN = [
    Veld("Ontvangen", lambda r: r.ontvangen_op, Type.DATUM),
    Veld("Aanbieder", lambda r: r.aanbieder, min_breedte=170),
    Veld("Cliënt", lambda r: r.client, min_breedte=150),
    Veld("Toewijzing", lambda r: r.toewijzing_nummer),
    Veld("Periode van", lambda r: r.periode_van, Type.DATUM),
    Veld("Periode tot", lambda r: r.periode_tot, Type.DATUM),
    Veld("Bedrag", lambda r: r.bedrag, Type.BEDRAG),
    Veld("Oordeel", lambda r: "Goedgekeurd, twijfel" if r.goedgekeurd else "Afgekeurd",
         pil=lambda r: None if r.goedgekeurd else "rood"),
    Veld("Reden", lambda r: " ".join(r.redenen), rek=True, min_breedte=260, tooltip=lambda r: "\n".join(r.redenen)),
    Veld("Retourcodes", lambda r: ", ".join(r.retourcodes), alleen_export=True),
    Veld("Referentie", lambda r: r.referentie, alleen_export=True),
]


class Declaraties(OverzichtPagina):
    export_titel = "Werklijst declaraties"

    def __init__(self, shell: Shell) -> None:
        super().__init__(
            shell, "Declaraties",
            "Afgekeurde en twijfelachtige declaratieregels van aanbieders, met de reden. Afgekeurde regels zijn met "
            "de retourcode beantwoord (325); neem zo nodig contact op met de aanbieder en zet de regel op "
            "afgehandeld.", periode=False, alle_teams=True)
        self.filterbalk.hide()
        self.tabel: Tabel = tabel(VELDEN, naam="Werklijst declaraties", parent=self)
        self.inhoud.addWidget(self.tabel, 1)
        telt_als_tekenen(self.tabel.viewport())  # no step of the page's loading in the turn of its paint
        knoppen = QHBoxLayout()
        self.afhandelen = QPushButton("&Afgehandeld")
        self.afhandelen.setToolTip("De gekozen regels van de werklijst halen")
        self.afhandelen.clicked.connect(self._handel_af)
        self.afhandelen.setVisible(shell.actor.rol is Rol.ADMINISTRATIEF)
        knoppen.addStretch(1)
        knoppen.addWidget(self.afhandelen)
        self.inhoud.addLayout(knoppen)

    def bereken(self, filt: Filter) -> Any:
        return declaraties.werklijst(self.shell.ctx, self.shell.actor)

    def toon_data(self, data: Any) -> None:
        with een_keer_getekend(self.tabel):  # its new rows and column widths painted once, not twice
            self.tabel.zet_rijen(list(data))

    def export_tabel(self) -> Tabel:
        return self.tabel

    def _handel_af(self) -> None:
        ids = [i.data(ROW_ROLE).prestatie_id for i in self.tabel.selectionModel().selectedRows()]
        if not ids:
            self.toon_fout("Kies eerst een of meer regels.")
            return
        shell = self.shell
        shell.ops.schrijf(self, lambda: declaraties.handel_af(shell.ctx, shell.actor, ids),
                          lambda n: (shell.melding(f"{n} regels afgehandeld."), self.vernieuw()))


PAGE = PageSpec(
    key="declaraties", titel="Declaraties", rollen=(Rol.ADMINISTRATIEF, Rol.TEAMLEIDER), maak=Declaraties,
    volgorde=32, extra={"icoon": "werk"},
)
