"""Adjust the provisions of a change request after a "gewijzigd" periodic re-examination, before the herziening.

The PO copied what ran into a new request; here the consultant sets the new scope, dates, PO date, delivery,
provider or budget, decision, intended result and reasons (periodiek.wijzig_voorziening_na_po). Reached from
the PO screen right after completing the PO, and from the dossier's Voorzieningen tab.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consulent_app import codelists, formatting
from consulent_app.domain import Besluit, Leveringsvorm
from consulent_app.rules.kosten import PGB_PERIODE_LABELS
from consulent_app.rules.voorziening import VoorzieningInvoer
from consulent_app.services import onderzoek as onderzoek_svc
from consulent_app.services import periodiek as po_svc
from consulent_app.services.periodiek import WijzigingNaPo, WijzigingRegel
from ui.ops import Wijziging
from ui.pages.base import Shell
from ui.tablemodels import Kolom, Tabel, datum_kort
from ui.widgets import DatumVeld, Formulier, combo, kies, kop, uitleg


def _tekstvak() -> QPlainTextEdit:
    ed = QPlainTextEdit()
    ed.setTabChangesFocus(True)
    ed.setFixedHeight(54)
    return ed


class VoorzieningenNaPoDialoog(QDialog):
    """Made by `pas_voorzieningen_aan` once the request and the code lists are read off the GUI thread: the
    request's provisions on top (Enter or a click picks one), the form below; "Wijziging opslaan" saves through the
    core on the window's writer (ui.ops), errors appear at the field."""

    def __init__(self, shell: Shell, aanvraag_id: int, view: WijzigingNaPo, lijsten: onderzoek_svc.Keuzelijsten,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.aanvraag_id = aanvraag_id
        self.view = view
        self.lijsten = lijsten
        self.bezig = False
        self.gekozen: WijzigingRegel | None = None
        self.opgeslagen = 0
        self.setWindowTitle("Voorzieningen aanpassen na periodiek onderzoek")
        self.setModal(True)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 18, 20, 16)
        lay.setSpacing(10)
        lay.addWidget(kop(f"Nieuwe aanvraag voor {self.view.client}", niveau=2))
        lay.addWidget(uitleg("Het periodiek onderzoek heeft de lopende voorzieningen overgenomen. Pas aan wat "
                             "verandert; de herziening vermeldt daarna de nieuwe omvang, data en motivering."))
        self.reden = QLabel(self.view.reden or "")
        self.reden.setObjectName("formulierfout")
        self.reden.setWordWrap(True)
        self.reden.setVisible(not self.view.bewerkbaar)
        lay.addWidget(self.reden)

        self.tabel = Tabel([
            Kolom("Product", lambda r: r.product, rek=True),
            Kolom("Omvang", lambda r: r.omvang, min_breedte=130),
            Kolom("Start", lambda r: r.startdatum, tekst=datum_kort),
            Kolom("Eind", lambda r: r.einddatum, tekst=lambda d: datum_kort(d) if d else "onbepaald"),
            Kolom("PO", lambda r: r.po_datum, tekst=datum_kort),
            Kolom("Besluit", lambda r: r.besluit, tekst=lambda b: Besluit(b).label if b else ""),
        ], sorteerbaar=False)
        self.tabel.setAccessibleName("Voorzieningen van de aanvraag")
        self.tabel.setMinimumHeight(90)
        self.tabel.setMaximumHeight(140)
        self.tabel.selectionModel().currentRowChanged.connect(lambda *_a: self._kies(self.tabel.huidige_rij()))
        self.tabel.rij_geopend.connect(self._kies)
        lay.addWidget(self.tabel)

        f = self.form = Formulier(kolommen=2)
        self.categorie = combo([(f"{c} {n}", c) for c, n in self.lijsten.productcategorieen.items()
                                if any(p.productcategorie == c for p in self.lijsten.producten)],
                               leeg="Kies een productcategorie")
        self.product = combo([], leeg="Kies eerst een categorie")
        self.volume = QLineEdit()
        self.volume.setPlaceholderText("bijvoorbeeld 2 of 2,5")
        self.frequentie = combo([(codelists.frequentie_woord(k).capitalize(), k) for k in codelists.frequenties()],
                                leeg="Kies een frequentie")
        self.start, self.eind, self.po = DatumVeld(), DatumVeld(), DatumVeld()
        self.levering = combo([(Leveringsvorm.ZIN.label, "zin"), (Leveringsvorm.PGB.label, "pgb")],
                              leeg="Kies de leveringsvorm")
        self.aanbieder = combo([(a.naam + (f" ({a.plaats})" if a.plaats else ""), a.id)
                                for a in self.lijsten.aanbieders], leeg="Kies de aanbieder")
        self.pgb = QLineEdit()
        self.pgb.setPlaceholderText("bedrag in euro, bijvoorbeeld 4.250,00")
        self.pgb_periode = combo([(t.capitalize(), k) for k, t in PGB_PERIODE_LABELS.items()],
                                 leeg="Kies per week, maand of jaar")
        self.besluit = combo([(b.label, b.value) for b in Besluit], leeg="Kies het besluit")
        # The provider's plan (plan van aanpak / gezinsplan, criterion 13): expected or not, and by when.
        self.plan = combo([("Ja", True), ("Nee", False)], leeg="Zoals het product vraagt")
        self.plan_op = DatumVeld()
        self.resultaat = _tekstvak()
        self.motivering = _tekstvak()
        for box in (self.categorie, self.product, self.levering, self.aanbieder, self.frequentie, self.besluit):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(14)
        maanden = self.lijsten.po_maximum_maanden
        f.voeg_toe("productcategorie", "Product&categorie", self.categorie)
        f.voeg_toe("leveringsvorm", "&Leveringsvorm", self.levering)
        f.voeg_toe("product", "&Product", self.product, breed=True)
        f.voeg_toe("aanbieder", "&Aanbieder", self.aanbieder)
        f.voeg_toe("pgb_bedrag", "P&gb-bedrag", self.pgb)
        f.voeg_toe("pgb_periode", "Pgb-bedrag &per", self.pgb_periode)
        f.voeg_toe("volume", "&Omvang", self.volume)
        f.voeg_toe("frequentie", "&Frequentie", self.frequentie)
        f.voeg_toe("startdatum", "S&tartdatum", self.start)
        f.voeg_toe("einddatum", "&Einddatum", self.eind, hint="Of laat leeg en plan een PO.")
        f.voeg_toe("po_datum", "PO-dat&um", self.po, hint=f"Hooguit {maanden} maanden na de startdatum.")
        f.voeg_toe("besluit", "Beslu&it", self.besluit)
        f.voeg_toe("plan_verwacht", "Pla&n van aanbieder", self.plan)
        f.voeg_toe("plan_verwacht_op", "Plan verwac&ht op", self.plan_op,
                   hint=f"Leeg: {self.lijsten.plan_termijn_dagen} dagen na de start, als het product een plan vraagt.")
        f.voeg_toe("beoogd_resultaat", "&Beoogd resultaat", self.resultaat, breed=True)
        f.voeg_toe("motivering", "&Motivering", self.motivering, breed=True)
        lay.addWidget(f)

        knoppen = QHBoxLayout()
        self.opslaan_knop = QPushButton("&Wijziging opslaan")
        self.opslaan_knop.setObjectName("primair")
        self.opslaan_knop.setDefault(True)
        self.opslaan_knop.setToolTip("Ctrl+S")
        self.opslaan_knop.clicked.connect(self.opslaan)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.opslaan)
        knoppen.addWidget(self.opslaan_knop)
        knoppen.addStretch(1)
        sluit = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        sluit.button(QDialogButtonBox.StandardButton.Close).setText("&Sluiten")
        sluit.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        sluit.rejected.connect(self.reject)
        knoppen.addWidget(sluit)
        lay.addLayout(knoppen)

        self.categorie.currentIndexChanged.connect(self._vul_producten)
        self.levering.currentIndexChanged.connect(self._levering)
        self.plan.currentIndexChanged.connect(self._plan_gekozen)
        self.form.setEnabled(self.view.bewerkbaar)
        self.opslaan_knop.setEnabled(self.view.bewerkbaar)
        self.tabel.zet_rijen(self.view.regels)
        if self.view.regels:
            self.tabel.selectRow(0)
            self._kies(self.view.regels[0])
        self.tabel.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(self.sizeHint())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt name
        """900 px wide (a laptop of 1366 px), and tall enough for every visible message under the fields: the form
        calls adjustSize() when it shows messages. No fixed minimum, so Qt keeps at least the layout's minimum."""
        lay = self.layout()
        breed = max(900, super().sizeHint().width())
        hoog = lay.totalHeightForWidth(breed) if lay.hasHeightForWidth() else lay.totalSizeHint().height()
        return QSize(breed, max(hoog, lay.totalMinimumSize().height()))

    def adjustSize(self) -> None:  # noqa: N802 - Qt name; the form calls it when messages appear
        """Grow to fit the messages, up to the screen (Qt's own adjustSize stops at two thirds of it)."""
        gewenst = self.sizeHint().expandedTo(self.size())
        scherm = self.screen().availableGeometry() if self.screen() is not None else None
        if scherm is not None:
            gewenst = gewenst.boundedTo(scherm.size())
        self.resize(gewenst)

    # --- form ------------------------------------------------------------------------------------------------

    def _vul_producten(self) -> None:
        huidig = self.product.currentData()
        cat = self.categorie.currentData()
        self.product.blockSignals(True)
        self.product.clear()
        self.product.addItem("Kies een product" if cat else "Kies eerst een categorie", None)
        for p in self.lijsten.producten:
            if cat and p.productcategorie == cat:
                niveau = f", {p.niveau}" if p.niveau else ""
                per = codelists.eenheid_woord(p.eenheid, meervoud=False)
                self.product.addItem(f"{p.naam}{niveau} ({formatting.bedrag(p.tarief)} per {per})", p.id)
        kies(self.product, huidig)
        self.product.blockSignals(False)

    def _levering(self) -> None:
        self.aanbieder.setEnabled(self.levering.currentData() == "zin")
        self.pgb.setEnabled(self.levering.currentData() == "pgb")
        self.pgb_periode.setEnabled(self.levering.currentData() == "pgb")

    def _plan_gekozen(self) -> None:
        """'Nee': no date to enter (a date with "no plan" would be refused)."""
        if self.plan.currentData() is False:
            self.plan_op.clear()
        self.plan_op.setEnabled(self.plan.currentData() is not False)

    def _kies(self, r: WijzigingRegel | None) -> None:
        if r is None or (self.gekozen is not None and self.gekozen.id == r.id and self.gekozen.versie == r.versie):
            return
        self.gekozen = r
        self.form.wis_fouten()
        kies(self.categorie, r.productcategorie)
        self._vul_producten()
        kies(self.product, r.product_id)
        self.volume.setText(formatting.getal(r.volume))
        kies(self.frequentie, r.frequentie)
        self.start.zet_datum(r.startdatum)
        self.eind.zet_datum(r.einddatum)
        self.po.zet_datum(r.po_datum)
        kies(self.levering, r.leveringsvorm)
        kies(self.aanbieder, r.aanbieder_id)
        self.pgb.setText(formatting.getal(r.pgb_bedrag) if r.pgb_bedrag is not None else "")
        kies(self.pgb_periode, r.pgb_periode)
        kies(self.besluit, r.besluit)
        kies(self.plan, r.plan_verwacht)
        self.plan_op.zet_datum(r.plan_verwacht_op)
        self._plan_gekozen()
        self.resultaat.setPlainText(r.beoogd_resultaat or "")
        self.motivering.setPlainText(r.motivering or "")
        self._levering()

    def invoer(self) -> VoorzieningInvoer | None:
        w = self.form.lees()
        if w is None:
            return None
        zin = w["leveringsvorm"] == "zin"
        pgb: str | Decimal | None = (w["pgb_bedrag"] or "").replace(".", "").replace("€", "").strip() or None
        return VoorzieningInvoer(
            productcategorie=w["productcategorie"], product_id=w["product"], volume=w["volume"],
            frequentie=w["frequentie"], startdatum=w["startdatum"], einddatum=w["einddatum"], po_datum=w["po_datum"],
            leveringsvorm=w["leveringsvorm"], aanbieder_id=w["aanbieder"] if zin else None,
            pgb_bedrag=pgb if w["leveringsvorm"] == "pgb" else None,
            pgb_periode=w["pgb_periode"] if w["leveringsvorm"] == "pgb" else None, beoogd_resultaat=w["beoogd_resultaat"],
            motivering=w["motivering"], besluit=w["besluit"] or "", plan_verwacht=w["plan_verwacht"],
            plan_verwacht_op=w["plan_verwacht_op"])

    def opslaan(self) -> bool:
        """Hand the change to the writer (False: nothing to save, or the form refused it at a field). The outcome
        arrives later: the list shows the new scope, or the core's refusal stands at its field."""
        r = self.gekozen
        if r is None or not self.view.bewerkbaar or self.bezig:
            return False
        inv = self.invoer()
        if inv is None:
            return False
        ctx, actor, aanvraag_id = self.shell.ctx, self.shell.actor, self.aanvraag_id

        def schrijf() -> WijzigingNaPo:
            po_svc.wijzig_voorziening_na_po(ctx, actor, r.id, inv, versie=r.versie)
            return po_svc.wijziging_na_po(ctx, actor, aanvraag_id)

        def klaar(view: WijzigingNaPo) -> None:
            self._klaar_met_opslaan()
            self.opgeslagen += 1
            self.view = view
            self.gekozen = None
            rij = next((i for i, x in enumerate(self.view.regels) if x.id == r.id), 0)
            self.tabel.zet_rijen(self.view.regels)
            self.tabel.selectRow(rij)
            self._kies(self.view.regels[rij])
            self.shell.melding(f"{self.view.regels[rij].product}: wijziging opgeslagen.")

        naar_velden = self.form.schrijffout()

        def fout(exc: BaseException) -> bool:
            self._klaar_met_opslaan()
            return naar_velden(exc)

        self.bezig = True
        self.opslaan_knop.setEnabled(False)
        self.shell.ops.schrijf(self, schrijf, klaar, fout=fout,
                               wijziging=Wijziging.van("voorziening", "aanvraag", client_id=self.view.client_id,
                                                       bron=self))
        return True

    def _klaar_met_opslaan(self) -> None:
        self.bezig = False
        self.opslaan_knop.setEnabled(self.view.bewerkbaar)


def pas_voorzieningen_aan(shell: Shell, aanvraag_id: int, parent: QWidget | None = None, *,
                          modaal: bool = True, na: Callable[[], None] | None = None,
                          klaar: Callable[[VoorzieningenNaPoDialoog], None] | None = None) -> None:
    """Read the change request and the code lists off the GUI thread (ui.ops), then open the dialog; `klaar(dialog)`
    hears of it. A refusal of the core (not a PO request, no access) goes to the status bar. `na` runs when the
    dialog closes. `modaal=False` (tests) shows it without blocking."""
    ctx, actor = shell.ctx, shell.actor

    def lees() -> tuple[WijzigingNaPo, onderzoek_svc.Keuzelijsten]:
        view = po_svc.wijziging_na_po(ctx, actor, aanvraag_id)
        return view, onderzoek_svc.keuzelijsten(ctx, actor, view.wet)

    def open_(uit: tuple[WijzigingNaPo, onderzoek_svc.Keuzelijsten]) -> None:
        dlg = VoorzieningenNaPoDialoog(shell, aanvraag_id, uit[0], uit[1], parent)
        if na is not None:
            dlg.finished.connect(lambda _r: na())
        if klaar is not None:
            klaar(dlg)
        if modaal:
            dlg.exec()
        else:
            dlg.show()

    shell.ops.lees(parent if parent is not None else shell.ops, lees, open_, sleutel=f"voorzieningen:{aanvraag_id}")
