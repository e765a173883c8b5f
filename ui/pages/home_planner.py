"""Planner home, "Werkvoorraad": the team's unassigned meldingen and the dialog to assign one to a consultant."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from consulent_app.domain import Rol, Wet
from consulent_app.errors import ConsulentFout, ValidatieFout
from consulent_app.services import meldingen
from consulent_app.services.meldingen import ConsulentKeuze, WerkItem
from ui.pages._werk import WerkLijst, termijn_kolommen, wet_kolom
from ui.pages.base import PageSpec, Shell
from ui.tablemodels import Kolom, Tabel, datum_kort
from ui.widgets import uitleg


class ToewijzenDialog(QDialog):
    """Choose a consultant of the team; their current number of open cases helps to spread the work."""

    def __init__(self, shell: Shell, item: WerkItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell, self.item = shell, item
        self.gekozen: ConsulentKeuze | None = None
        self.setWindowTitle("Melding toewijzen")
        self.setMinimumSize(560, 440)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 18)
        lay.setSpacing(10)
        kop = QLabel(f"<b>{item.client}</b> · {Wet(item.wet).label} · gemeld op {datum_kort(item.datum)}")
        kop.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(kop)
        vraag = uitleg(item.omschrijving)
        lay.addWidget(vraag)
        lay.addWidget(QLabel("Kies de consulent die deze melding gaat onderzoeken:"))
        self.tabel = Tabel([
            Kolom("Consulent", lambda c: c.naam, rek=True),
            Kolom("Open zaken", lambda c: c.open_zaken, rechts=True, min_breedte=110),
        ])
        self.tabel.setAccessibleName("Consulenten")
        lay.addWidget(self.tabel, 1)
        self.fout = QLabel()
        self.fout.setObjectName("formulierfout")
        self.fout.setWordWrap(True)
        self.fout.hide()
        lay.addWidget(self.fout)
        knoppen = QDialogButtonBox()
        self.ok = knoppen.addButton("&Toewijzen", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("primair")
        self.ok.setDefault(True)
        knoppen.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        knoppen.accepted.connect(self.toewijzen)
        knoppen.rejected.connect(self.reject)
        self.tabel.rij_geopend.connect(lambda _c: self.toewijzen())
        lay.addWidget(knoppen)
        team = shell.actor.team_id or next(iter(sorted(shell.actor.teams)), None)
        if team is not None:
            self.tabel.zet_rijen(meldingen.consulenten_van_team(shell.ctx, shell.actor, team))
        self.tabel.setFocus()

    def kies(self, consulent_id: int) -> None:
        for r, c in enumerate(self.tabel.rijen()):
            if c.id == consulent_id:
                self.tabel.selectRow(r)

    def toewijzen(self) -> None:
        keuze = self.tabel.huidige_rij()
        if keuze is None:
            self.fout.setText("Kies eerst een consulent in de lijst.")
            self.fout.show()
            return
        try:
            meldingen.wijs_melding_toe(self.shell.ctx, self.shell.actor, self.item.id, keuze.id)
        except ValidatieFout as exc:
            self.fout.setText(" ".join(exc.fouten.values()))
            self.fout.show()
            return
        except ConsulentFout as exc:
            self.fout.setText(str(exc))
            self.fout.show()
            return
        self.gekozen = keuze
        self.accept()


class Werkvoorraad(WerkLijst):
    def __init__(self, shell: Shell) -> None:
        kolommen = [
            *termijn_kolommen(shell),
            Kolom("Gemeld op", lambda w: w.datum, tekst=datum_kort),
            Kolom("Cliënt", lambda w: w.client, min_breedte=150),
            wet_kolom(),
            Kolom("Vraag", lambda w: w.omschrijving, rek=True, tooltip=lambda w: w.omschrijving),
            Kolom("Geschatte uren", lambda w: w.geschatte_uren,
                  tekst=lambda u: "–" if u is None else f"{u:.1f}".replace(".", ","), rechts=True),
        ]
        super().__init__(
            shell, titel="Werkvoorraad van het team",
            toelichting="Meldingen die nog niet aan een consulent zijn toegewezen, de oudste termijn bovenaan. "
                        "Kies een melding en druk op Toewijzen (Ctrl+T); Enter opent het dossier.",
            kolommen=kolommen, bron=lambda: meldingen.werkvoorraad_team(shell.ctx, shell.actor),
            leeg="Alle meldingen zijn toegewezen. Nieuwe meldingen van het team verschijnen hier.",
            telwoord=("melding", "meldingen"),
        )
        self.toewijs_knop = self.knop("&Toewijzen…", self.toewijzen, primair=True,
                                      tip="De gekozen melding aan een consulent toewijzen (Ctrl+T)")
        self.toewijs_knop.setShortcut("Ctrl+T")

    def toewijzen(self) -> None:
        item = self.geselecteerd()
        if item is None:
            self.shell.melding("Kies eerst een melding in de lijst.", fout=True)
            return
        dlg = ToewijzenDialog(self.shell, item, self)
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.gekozen is not None:
            self.shell.melding(f"Melding van {item.client} is toegewezen aan {dlg.gekozen.naam}.")
            self.vernieuw()


PAGE = PageSpec(
    key="werkvoorraad", titel="Werkvoorraad", rollen=(Rol.PLANNER, Rol.TEAMLEIDER), maak=Werkvoorraad,
    volgorde=10, home_voor=(Rol.PLANNER, Rol.TEAMLEIDER), sneltoets="Ctrl+1", extra={"icoon": "werkvoorraad"},
)
