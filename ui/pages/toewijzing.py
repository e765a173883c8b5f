"""Toewijzing: granted provisions of sent decisions, per provider (ZIN) or for the SVB (pgb), to export and pass on."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consulent_app.domain import Rol
from consulent_app.errors import ConsulentFout
from consulent_app.formatting import bedrag
from consulent_app.services import verzending as vz
from consulent_app.services.verzending import ToewijzingRegel
from ui.ops import Wijziging
from ui.pages.base import PageSpec, Shell, ouder, volg_wijziging
from ui.tablemodels import ROW_ROLE, Kolom, Tabel, datum_kort
from ui.widgets import DatumVeld, Formulier, combo, een_keer_getekend, kop, laad, telt_als_tekenen, uitleg

ZIN, PGB = "zin", "pgb"


def _kolommen(soort: str) -> list[Kolom[ToewijzingRegel]]:
    client = Kolom("Cliënt", lambda r: r.client_naam, tooltip=lambda r: f"BSN {r.bsn}, beschikking {r.kenmerk}")
    categorie = Kolom("Productcategorie", lambda r: f"{r.productcategorie} {r.productcategorie_naam}", rek=True,
                      tooltip=lambda r: f"{r.productcategorie} {r.productcategorie_naam}")
    product = Kolom("Product", lambda r: r.product, tooltip=lambda r: f"{r.productcode or ''} {r.product}".strip())
    omvang = Kolom("Omvang", lambda r: r.omvang)
    start = Kolom("Start", lambda r: r.startdatum, tekst=datum_kort)
    eind = Kolom("Einde", lambda r: r.einddatum, tekst=lambda d: datum_kort(d) if d else "geen einddatum")
    if soort == PGB:
        return [client, categorie, product, omvang, Kolom("Budget", lambda r: r.pgb_bedrag,
                                                          tekst=lambda b: bedrag(b, leeg="–"), rechts=True),
                start, eind]
    return [Kolom("Aanbieder", lambda r: r.aanbieder, min_breedte=170,
                  tooltip=lambda r: f"{r.aanbieder} (AGB {r.agb_code or 'onbekend'})"),
            client, categorie, product, omvang, start, eind,
            Kolom("Bericht 301", lambda r: "niet verzonden" if r.bericht_301 else "–",
                  pil=lambda r: "rood" if r.bericht_301 else None, tooltip=lambda r: r.bericht_301)]


class DoorgegevenDialoog(QDialog):
    def __init__(self, shell: Shell, regels: list[ToewijzingRegel], soort: str, parent: QWidget | None = None,
                 vandaag: dt.date | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.regels = regels
        self.vandaag = vandaag or dt.date.today()
        self.setWindowTitle("Markeren als doorgegeven")
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        aan = "de SVB" if soort == PGB else "de aanbieder"
        n = len(regels)
        lay.addWidget(kop(f"{n} {'voorziening' if n == 1 else 'voorzieningen'} doorgegeven aan {aan}", niveau=2))
        lay.addWidget(uitleg(f"Daarna staan ze niet meer op deze lijst. Doe dit pas als {aan} de toewijzing "
                             "heeft ontvangen."))
        self.form = Formulier(self)
        self.datum = DatumVeld()
        self.datum.zet_datum(self.vandaag)
        self.form.voeg_toe("datum", "&Datum doorgegeven", self.datum)
        lay.addWidget(self.form)
        knoppen = QDialogButtonBox()
        self.ok = knoppen.addButton("&Markeren", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        knoppen.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        knoppen.accepted.connect(self.bevestig)
        knoppen.rejected.connect(self.reject)
        lay.addWidget(knoppen)

    def bevestig(self) -> None:
        waarden = self.form.lees()
        if waarden is None:
            return
        ctx, actor, ids, vandaag = self.shell.ctx, self.shell.actor, [r.voorziening_id for r in self.regels], self.vandaag
        self.ok.setEnabled(False)

        naar_velden = self.form.schrijffout()

        def fout(exc: BaseException) -> bool:
            self.ok.setEnabled(True)
            return naar_velden(exc)

        def klaar(_uit: object) -> None:
            self.ok.setEnabled(True)
            self.accept()

        self.shell.ops.schrijf(self, lambda: vz.markeer_toegewezen(ctx, actor, ids, waarden["datum"], vandaag=vandaag),
                               klaar, fout=fout, wijziging=Wijziging.van("voorziening", "toewijzing", bron=self))


class Toewijzing(QWidget):
    def __init__(self, shell: Shell) -> None:
        super().__init__(ouder(shell))
        self.shell = shell
        self.bezig = False
        self.laatste_melding = ""
        self.kies_bestand: Callable[[str], str | None] = self._kies_bestand
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 22, 28, 18)
        lay.setSpacing(10)
        kopregel = QHBoxLayout()
        kopregel.addWidget(kop("Toewijzing"), 1)
        self.vernieuw_knop = QPushButton("&Vernieuwen", self)
        self.vernieuw_knop.clicked.connect(self.vernieuw)
        kopregel.addWidget(self.vernieuw_knop)
        lay.addLayout(kopregel)
        self.toelichting = uitleg("")
        lay.addWidget(self.toelichting)

        filters = QHBoxLayout()
        self.soort = combo([("Zorg in natura, per aanbieder", ZIN), ("Pgb, voor de SVB", PGB)], parent=self)
        self.aanbieder = combo([], leeg="Alle aanbieders", parent=self)
        self.aanbieder.setMinimumWidth(240)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Zoek op cliënt, product of aanbieder")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(260)
        for tekst, w in (("&Lijst", self.soort), ("&Aanbieder", self.aanbieder), ("&Zoeken", self.filter)):
            lab = QLabel(tekst, self)
            lab.setBuddy(w)
            filters.addWidget(lab)
            filters.addWidget(w)
            if w is self.aanbieder:
                self.aanbieder_label = lab
        filters.addStretch(1)
        lay.addLayout(filters)

        self.tabel = Tabel(_kolommen(ZIN), self)  # each widget made in the page: styled once (ui.pages.base.ouder)
        self.tabel.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tabel.setAccessibleName("Toewijzingslijst")
        lay.addWidget(self.tabel, 1)
        self.leeg = QLabel(self)
        self.leeg.setObjectName("leeg")
        self.leeg.setWordWrap(True)
        self.leeg.hide()
        lay.addWidget(self.leeg, 1)

        onder = QHBoxLayout()
        self.teller = QLabel(self)
        self.teller.setObjectName("teller")
        onder.addWidget(self.teller, 1)
        self.export_knop = QPushButton("&Exporteren naar Excel of CSV…", self)
        self.export_knop.setToolTip("De hele lijst (met BSN en AGB-code) als bestand voor de intake (Ctrl+E)")
        self.doorgegeven_knop = QPushButton("Markeren als &doorgegeven…", self)
        self.doorgegeven_knop.setObjectName("primair")
        self.doorgegeven_knop.setToolTip("De gekozen regels zijn aan de aanbieder of de SVB doorgegeven")
        onder.addWidget(self.export_knop)
        onder.addWidget(self.doorgegeven_knop)
        lay.addLayout(onder)

        self.soort.currentIndexChanged.connect(self._soort_gewijzigd)
        self.aanbieder.currentIndexChanged.connect(self._filter_toepassen)
        self.filter.textChanged.connect(self._filter_toepassen)
        self.export_knop.clicked.connect(self.exporteer)
        self.doorgegeven_knop.clicked.connect(lambda: self.markeer_doorgegeven())
        self.tabel.selectionModel().selectionChanged.connect(lambda *_a: self._teller())
        QShortcut(QKeySequence("Ctrl+E"), self, activated=self.exporteer)
        QShortcut(QKeySequence("F5"), self, activated=self.vernieuw)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.filter.setFocus)
        self.rijen: list[ToewijzingRegel] = []
        telt_als_tekenen(self.tabel.viewport())  # no step of the page's loading in the turn of its paint
        self._zet_soort()  # the list is read when the page is shown (toon), not twice

    def toon(self, **_params: Any) -> None:
        self.vernieuw()

    def pgb(self) -> bool:
        return self.soort.currentData() == PGB

    def _soort_gewijzigd(self) -> None:
        self._zet_soort()
        self.vernieuw()

    def _zet_soort(self) -> None:
        pgb = self.pgb()
        self.toelichting.setText(
            "Toegekende persoonsgebonden budgetten uit verzonden beschikkingen die nog aan de SVB moeten worden "
            "doorgegeven. Exporteer de lijst voor de SVB en markeer daarna wat is doorgegeven." if pgb else
            "Toegekende voorzieningen in natura uit verzonden beschikkingen die nog aan de aanbieder moeten worden "
            "toegewezen, per aanbieder. Exporteer de lijst voor de intake van de aanbieder en markeer daarna wat "
            "is doorgegeven.")
        self.filter.setPlaceholderText("Zoek op cliënt of product" if pgb else "Zoek op cliënt, product of aanbieder")
        self.aanbieder.setVisible(not pgb)
        self.aanbieder_label.setVisible(not pgb)
        self.tabel.bron.beginResetModel()
        self.tabel.bron.kolommen = _kolommen(PGB if pgb else ZIN)
        self.tabel.bron.endResetModel()

    def bij_wijziging(self, w: Any) -> None:
        """A decision was sent (its provisions now wait to be passed on) or a provision changed elsewhere."""
        volg_wijziging(self, w, frozenset({"beschikking", "verzendlijst", "voorziening", "toewijzing"}))

    def vernieuw(self) -> None:
        self.bezig = True
        self.teller.setText("Laden…")
        pgb, ctx, actor = self.pgb(), self.shell.ctx, self.shell.actor
        laad(self, lambda: vz.pgb_lijst(ctx, actor) if pgb else vz.toewijzingslijst(ctx, actor), self._geladen,
             self._fout)

    def _geladen(self, rijen: list[ToewijzingRegel]) -> None:
        self.bezig = False
        self.rijen = rijen
        huidig = self.aanbieder.currentData()
        self.aanbieder.blockSignals(True)
        self.aanbieder.clear()
        self.aanbieder.addItem("Alle aanbieders", None)
        namen: dict[int, str] = {}
        aantal: Counter[int] = Counter()
        for r in rijen:
            if r.aanbieder_id is not None:
                namen[r.aanbieder_id] = r.aanbieder
                aantal[r.aanbieder_id] += 1
        for aid, naam in sorted(namen.items(), key=lambda x: x[1]):
            self.aanbieder.addItem(f"{naam} ({aantal[aid]})", aid)
        i = self.aanbieder.findData(huidig)
        self.aanbieder.setCurrentIndex(max(i, 0))
        self.aanbieder.blockSignals(False)
        self._filter_toepassen()

    def _filter_toepassen(self) -> None:
        aid = self.aanbieder.currentData() if not self.pgb() else None
        zichtbaar = [r for r in self.rijen if aid is None or r.aanbieder_id == aid]
        with een_keer_getekend(self.tabel):  # its new rows and column widths painted once, not twice
            self.tabel.zet_rijen(zichtbaar)
            self.tabel.filter(self.filter.text())
        leeg = not zichtbaar
        self.leeg.setText("Er is niets om door te geven aan de SVB." if self.pgb() else
                          "Er zijn geen voorzieningen die nog aan een aanbieder moeten worden toegewezen.")
        self.leeg.setVisible(leeg)
        self.tabel.setVisible(not leeg)
        self._teller()

    def gekozen(self) -> list[ToewijzingRegel]:
        return [i.data(ROW_ROLE) for i in self.tabel.selectionModel().selectedRows()]

    def _teller(self) -> None:
        n = len(self.tabel.rijen())
        k = len(self.gekozen())
        self.teller.setText(f"{n} {'voorziening' if n == 1 else 'voorzieningen'}" + (f" · {k} gekozen" if k else ""))
        self.doorgegeven_knop.setEnabled(k > 0)
        self.export_knop.setEnabled(bool(self.rijen))

    def _kies_bestand(self, voorstel: str) -> str | None:
        pad, _ = QFileDialog.getSaveFileName(self, "Lijst exporteren", str(Path.home() / voorstel),
                                             "Excel-werkmap (*.xlsx);;CSV, puntkomma gescheiden (*.csv)")
        return pad or None

    def exporteer(self) -> None:
        voorstel = f"{'pgb-lijst-svb' if self.pgb() else 'toewijzingslijst'}-{dt.date.today():%Y-%m-%d}.xlsx"
        pad = self.kies_bestand(voorstel)
        if not pad:
            return
        if Path(pad).suffix.lower() not in (".xlsx", ".csv"):
            pad += ".xlsx"
        aid = None if self.pgb() else self.aanbieder.currentData()
        ctx, actor, pgb, doel = self.shell.ctx, self.shell.actor, self.pgb(), Path(pad)

        def fout(exc: BaseException) -> bool:
            if isinstance(exc, ConsulentFout | OSError):
                self._fout(str(exc) if isinstance(exc, ConsulentFout) else f"Opslaan lukte niet: {exc.strerror}.")
                return True
            return False

        def klaar(n: int) -> None:
            self.laatste_melding = f"{n} {'regel' if n == 1 else 'regels'} geëxporteerd naar {doel.name}."
            self.shell.melding(self.laatste_melding)

        self.shell.ops.schrijf(self, lambda: vz.exporteer_toewijzingslijst(ctx, actor, doel, pgb=pgb, aanbieder_id=aid),
                               klaar, fout=fout)

    def markeer_doorgegeven(self, vandaag: dt.date | None = None) -> DoorgegevenDialoog | None:
        regels = self.gekozen()
        if not regels:
            return None
        d = DoorgegevenDialoog(self.shell, regels, PGB if self.pgb() else ZIN, self, vandaag=vandaag)
        d.accepted.connect(self.vernieuw)
        d.open()
        self.dialoog = d
        return d

    def _fout(self, msg: str) -> None:
        self.bezig = False
        self.laatste_melding = msg
        self.shell.melding(msg, fout=True)


PAGE = PageSpec(
    key="toewijzing", titel="Toewijzing", rollen=(Rol.ADMINISTRATIEF,), maak=Toewijzing, volgorde=30,
    sneltoets="Ctrl+3", extra={"icoon": "werk"},
)
