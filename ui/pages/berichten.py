"""Berichtenverkeer: the iWmo/iJw messages with providers (outbox, inbox, retours), exchanged with the GGk as files.

Thin: every read and write runs in the core (consulent_app.services.berichten), off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consulent_app.domain import BerichtStatus, Rol, Wet
from consulent_app.errors import SessieIngetrokken
from ui.ops import Wijziging, fout_tekst
from ui.pages.base import PageSpec, Shell, ouder
from ui.tablemodels import ROW_ROLE, Kolom, Tabel
from ui.widgets import DatumVeld, combo, kop, laad, uitleg

if TYPE_CHECKING:
    from consulent_app.services import berichten as ber
    from consulent_app.services.berichten import BerichtRegel


def _ber() -> ModuleType:
    """The messages use cases, imported where they run: off the GUI thread. The module and the message building
    and reading it imports (a few dozen dataclasses) took 26 ms of the GUI thread the first time the screen was
    opened (issue 13)."""
    from consulent_app.services import berichten

    return berichten


#: Status -> pill colour in the list (the same words and colours as the other lists).
PIL = {
    BerichtStatus.GEBLOKKEERD.value: "rood",
    BerichtStatus.AFGEKEURD.value: "rood",
    BerichtStatus.KLAAR.value: "oranje",
    BerichtStatus.VERZONDEN.value: "blauw",
    BerichtStatus.GOEDGEKEURD.value: "groen",
    BerichtStatus.VERWERKT.value: "groen",
}


def _tijd(d: dt.datetime | None) -> str:
    return d.strftime("%d-%m-%Y %H:%M") if d else "–"


def _kolommen() -> list[Kolom[BerichtRegel]]:
    return [
        Kolom("Aangemaakt", lambda r: r.aangemaakt_op, tekst=_tijd, min_breedte=140),
        Kolom("Richting", lambda r: "Uit" if r.richting == "uit" else "In"),
        Kolom("Bericht", lambda r: f"{r.soort} {r.soort_tekst.lower()}", min_breedte=200,
              tooltip=lambda r: f"{r.soort}, identificatie {r.identificatie or '–'}"),
        Kolom("Aanbieder", lambda r: r.aanbieder, min_breedte=150),
        Kolom("Cliënt", lambda r: r.client or "–"),
        Kolom("Status", lambda r: r.status_tekst, pil=lambda r: PIL.get(r.status), min_breedte=220),
        Kolom("Retourcode", lambda r: r.retourcodes or ("0200" if r.status in (
            BerichtStatus.GOEDGEKEURD.value, BerichtStatus.VERWERKT.value) else "–")),
        Kolom("Toelichting", lambda r: (r.fouttekst or "").split("\n")[0], rek=True,
              tooltip=lambda r: r.fouttekst or None),
    ]


class Berichtenverkeer(QWidget):
    def __init__(self, shell: Shell) -> None:
        super().__init__(ouder(shell))
        self.shell = shell
        self.bezig = False
        self.laatste_melding = ""
        self.kies_map: Callable[[str], str | None] = self._kies_map
        self.kies_bestanden: Callable[[], list[str]] = self._kies_bestanden
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 22, 28, 18)
        lay.setSpacing(10)
        kopregel = QHBoxLayout()
        kopregel.addWidget(kop("Berichtenverkeer"), 1)
        self.vernieuw_knop = QPushButton("&Vernieuwen")
        self.vernieuw_knop.clicked.connect(self.vernieuw)
        kopregel.addWidget(self.vernieuw_knop)
        lay.addLayout(kopregel)
        lay.addWidget(uitleg(
            "De iWmo- en iJw-berichten met aanbieders via het GGk. Elk bericht is gecontroleerd voordat het "
            "klaarstaat; een bericht met een fout gaat niet weg en staat hier in het rood met de reden. "
            "Exporteer wat klaarstaat naar de map van het GGk-portaal en importeer wat u daar hebt opgehaald."))

        filters = QHBoxLayout()
        self.richting = combo([("Uitgaand", "uit"), ("Inkomend", "in")], leeg="Alle berichten", parent=self)
        self.wet = combo([(w.label, w.value) for w in Wet], leeg="Beide wetten", parent=self)
        self.status = combo([(s.label, s.value) for s in BerichtStatus], leeg="Elke status", parent=self)
        self.status.setMinimumWidth(180)
        self.aanbieder = combo([], leeg="Alle aanbieders", parent=self)
        self.aanbieder.setMinimumWidth(200)
        self.van = DatumVeld(self)
        self.tot = DatumVeld(self)
        for w in (self.van, self.tot):
            w.setFixedWidth(112)
        filters2 = QHBoxLayout()
        for rij, velden in ((filters, (("Be&richten", self.richting), ("&Wet", self.wet), ("&Status", self.status))),
                            (filters2, (("&Aanbieder", self.aanbieder), ("Aange&maakt van", self.van),
                                        ("tot en met", self.tot)))):
            for tekst, w in velden:
                lab = QLabel(tekst)
                lab.setBuddy(w)
                rij.addWidget(lab)
                rij.addWidget(w)
            rij.addStretch(1)
            lay.addLayout(rij)

        self.tabel = Tabel(_kolommen(), self)  # made in its parent: styled once (ui.pages.base.ouder)
        self.tabel.setAccessibleName("Berichten")
        self.tabel.zet_leeg_tekst("Er zijn geen berichten die bij deze keuze passen.")
        lay.addWidget(self.tabel, 1)
        self.detail = QLabel()
        self.detail.setObjectName("uitleg")
        self.detail.setWordWrap(True)
        self.detail.setMinimumHeight(self.detail.fontMetrics().lineSpacing() * 3 + 6)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.detail)

        onder = QHBoxLayout()
        self.teller = QLabel()
        self.teller.setObjectName("teller")
        onder.addWidget(self.teller, 1)
        self.client_knop = QPushButton("&Cliënt openen")
        self.opnieuw_knop = QPushButton("&Opnieuw maken")
        self.opnieuw_knop.setToolTip("Maak het bericht (toewijzing, antwoord of retour) opnieuw met de gecorrigeerde "
                                     "gegevens")
        self.herverzend_knop = QPushButton("Opnieuw ver&zenden")
        self.herverzend_knop.setToolTip("Zet een verzonden bericht nog een keer klaar voor het GGk, bijvoorbeeld als "
                                        "het bestand het portaal niet heeft bereikt")
        self.import_knop = QPushButton("&Importeren…")
        self.import_knop.setToolTip("Lees berichten die u uit het GGk-portaal hebt opgehaald")
        self.export_knop = QPushButton("&Exporteren naar GGk…")
        self.export_knop.setObjectName("primair")
        self.export_knop.setToolTip("Schrijf alle klaarstaande berichten als GGk-envelop in een map (Ctrl+E)")
        for k in (self.client_knop, self.opnieuw_knop, self.herverzend_knop, self.import_knop, self.export_knop):
            onder.addWidget(k)
        lay.addLayout(onder)

        for box in (self.richting, self.wet, self.status, self.aanbieder):
            box.currentIndexChanged.connect(self.vernieuw)
        for veld in (self.van, self.tot):
            veld.editingFinished.connect(self.vernieuw)
        self.tabel.selectionModel().selectionChanged.connect(lambda *_a: self._keuze())
        self.client_knop.clicked.connect(self.open_client)
        self.tabel.rij_geopend.connect(lambda _r: self.open_client())
        self.opnieuw_knop.clicked.connect(self.opnieuw)
        self.herverzend_knop.clicked.connect(self.herverzend)
        self.import_knop.clicked.connect(self.importeer)
        self.export_knop.clicked.connect(self.exporteer)
        QShortcut(QKeySequence("Ctrl+E"), self, activated=self.exporteer)
        QShortcut(QKeySequence("F5"), self, activated=self.vernieuw)
        self.client_knop.setVisible(self.shell.actor.rol is Rol.ADMINISTRATIEF and self._mag_dossier())
        self.opnieuw_knop.setVisible(self.shell.actor.rol is Rol.ADMINISTRATIEF)
        self.herverzend_knop.setVisible(self.shell.actor.rol is Rol.ADMINISTRATIEF)
        self.rijen: list[BerichtRegel] = []
        self._keuze()

    def _mag_dossier(self) -> bool:
        heeft = getattr(self.shell, "heeft_pagina", None)
        return bool(heeft and heeft("dossier"))

    def toon(self, **_params: Any) -> None:
        self.vernieuw()

    def _filters(self) -> dict[str, Any] | None:
        try:
            van, tot = self.van.datum(), self.tot.datum()
        except ValueError:
            self._fout(DatumVeld.FOUT)
            return None
        return dict(richting=self.richting.currentData(), wet=self.wet.currentData(),
                    status=self.status.currentData(), aanbieder_id=self.aanbieder.currentData(), van=van, tot=tot)

    def vernieuw(self) -> None:
        f = self._filters()
        if f is None:
            return
        self.bezig = True
        self.teller.setText("Laden…")
        ctx, actor = self.shell.ctx, self.shell.actor
        laad(self, lambda: _ber().berichten_lijst(ctx, actor, **f), self._geladen, self._fout)

    def _geladen(self, rijen: list[BerichtRegel]) -> None:
        self.bezig = False
        self.rijen = rijen
        huidig = self.aanbieder.currentData()
        namen = {r.aanbieder_id: r.aanbieder for r in rijen if r.aanbieder_id is not None}
        if huidig is None:
            self.aanbieder.blockSignals(True)
            self.aanbieder.clear()
            self.aanbieder.addItem("Alle aanbieders", None)
            for aid, naam in sorted(namen.items(), key=lambda x: x[1]):
                self.aanbieder.addItem(naam, aid)
            self.aanbieder.blockSignals(False)
        self.tabel.zet_rijen(rijen)
        self._keuze()

    def _keuze(self) -> None:
        r = self._huidig()
        n = len(self.rijen)
        klaar = sum(1 for x in self.rijen if x.status == BerichtStatus.KLAAR.value)
        fout = sum(1 for x in self.rijen if x.status in (BerichtStatus.GEBLOKKEERD.value, BerichtStatus.AFGEKEURD.value))
        self.teller.setText(f"{n} {'bericht' if n == 1 else 'berichten'} · {klaar} klaar om te verzenden"
                            + (f" · {fout} met een fout" if fout else ""))
        self.opnieuw_knop.setEnabled(bool(r and r.kan_opnieuw))
        self.herverzend_knop.setEnabled(bool(r and r.kan_herverzenden))
        self.client_knop.setEnabled(bool(r and r.client_id))
        if r is None:
            self.detail.setText("")
            return
        tekst = f"{r.soort} {r.soort_tekst.lower()} · {r.status_tekst}"
        if r.retour_uiterlijk and r.richting == "in":
            tekst += f" · retour uiterlijk {r.retour_uiterlijk:%d-%m-%Y}"
        if r.fouttekst:
            tekst += "\n" + r.fouttekst
        self.detail.setText(tekst)

    def _huidig(self) -> BerichtRegel | None:
        rows = self.tabel.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def open_client(self) -> None:
        r = self._huidig()
        if r is not None and r.client_id and self._mag_dossier():
            self.shell.open_dossier(r.client_id)

    def opnieuw(self) -> None:
        r = self._huidig()
        if r is None or not r.kan_opnieuw:
            return
        ctx, actor = self.shell.ctx, self.shell.actor
        laad(self, lambda: _ber().opnieuw_aanmaken(ctx, actor, r.bericht_id), lambda _id: self._klaar(
            "Het bericht is opnieuw gemaakt; kijk in de lijst of het nu klaarstaat."), self._fout)

    def herverzend(self) -> None:
        r = self._huidig()
        if r is None or not r.kan_herverzenden:
            return
        ctx, actor = self.shell.ctx, self.shell.actor
        laad(self, lambda: _ber().verstuur_opnieuw(ctx, actor, r.bericht_id), lambda _x: self._klaar(
            f"{r.soort} staat weer klaar; de volgende export schrijft het opnieuw."), self._fout)

    def _kies_map(self, voorstel: str) -> str | None:
        return QFileDialog.getExistingDirectory(self, "Map van het GGk-portaal (uitgaand)", voorstel) or None

    def _kies_bestanden(self) -> list[str]:
        inbox = self.shell.ctx.config.berichten.inbox or str(Path.home())
        paden, _ = QFileDialog.getOpenFileNames(self, "Berichten uit het GGk-portaal", inbox,
                                                "Berichten (*.xml *.txt);;Alle bestanden (*)")
        return list(paden)

    def exporteer(self) -> None:
        voorstel = self.shell.ctx.config.berichten.uitbox or str(Path.home())
        doel = self.kies_map(voorstel)
        if not doel:
            return
        ctx, actor = self.shell.ctx, self.shell.actor

        def klaar(res: ber.ExportResultaat) -> None:
            tekst = f"{res.aantal} {'bericht' if res.aantal == 1 else 'berichten'} geëxporteerd naar {doel}."
            if res.gestopt:
                tekst += " Gestopt: de rest staat nog klaar voor de volgende export."
            if res.geblokkeerd:
                tekst += f" {res.geblokkeerd} wachten op een correctie."
            self._klaar(tekst)

        # On the window's ordered writer (ui.ops.lang), in blocks of 50 messages, each its own transaction: progress,
        # and Annuleren between blocks keeps what was written.
        self.shell.ops.lang(self, "Berichten exporteren", lambda voortgang, gestopt: _ber().exporteer(
            ctx, actor, Path(doel), blok=50, voortgang=voortgang, geannuleerd=gestopt), klaar, fout=self._fout_van,
            wijziging=Wijziging.van("bericht", "toewijzing", bron=self))

    def importeer(self) -> None:
        paden = self.kies_bestanden()
        if not paden:
            return
        ctx, actor = self.shell.ctx, self.shell.actor

        def klaar(uitkomsten: list[ber.ImportUitkomst]) -> None:
            onleesbaar = [u for u in uitkomsten if u.status == "onleesbaar"]
            afgekeurd = sum(1 for u in uitkomsten if u.status == "afgekeurd")
            n = len(uitkomsten) - len(onleesbaar)
            tekst = f"{n} {'bericht' if n == 1 else 'berichten'} ingelezen"
            tekst += (f", waarvan {afgekeurd} met een fout (de retour met de foutcode staat klaar)." if afgekeurd
                      else "; de retouren staan klaar.")
            if len(uitkomsten) < len(paden):
                rest = len(paden) - len(uitkomsten)
                tekst += f" Gestopt: {rest} {'bestand' if rest == 1 else 'bestanden'} niet gelezen."
            if onleesbaar:
                tekst += " Niet te lezen: " + "; ".join(f"{u.bestand}: {u.melding}" for u in onleesbaar[:3])
            self._klaar(tekst, fout=bool(onleesbaar))

        # On the window's ordered writer (ui.ops.lang): progress per file, Annuleren before the next file.
        self.shell.ops.lang(self, "Berichten importeren", lambda voortgang, gestopt: _ber().importeer_paden(
            ctx, actor, paden, voortgang=voortgang, geannuleerd=gestopt), klaar, fout=self._fout_van,
            wijziging=Wijziging.van("bericht", "toewijzing", "voorziening", bron=self))

    def _klaar(self, tekst: str, *, fout: bool = False) -> None:
        self.laatste_melding = tekst
        self.shell.melding(tekst, fout=fout)
        self.vernieuw()

    def _fout_van(self, exc: BaseException) -> bool:
        if not isinstance(exc, SessieIngetrokken):  # rights gone: ui.sessie logs out, no message here
            self._fout(fout_tekst(exc))
        return True

    def _fout(self, msg: str) -> None:
        self.bezig = False
        self.laatste_melding = msg
        self.shell.melding(msg, fout=True)


PAGE = PageSpec(
    key="berichten", titel="Berichtenverkeer", rollen=(Rol.ADMINISTRATIEF, Rol.BEHEERDER), maak=Berichtenverkeer,
    volgorde=32, sneltoets=None, extra={"icoon": "verzenden"},
)
