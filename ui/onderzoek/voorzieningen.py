"""Step 7: the provisions editor. Kind (category, product), scope, duration, delivery, result, reasons, linked
needs and results; the cost is shown while choosing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from consulent_app import codelists, formatting
from consulent_app.domain import Leveringsvorm, Wet
from consulent_app.rules import aanbiederplan, duur
from consulent_app.rules import kosten as kostenregel
from consulent_app.rules import voorziening as vr
from consulent_app.rules.omvang import omvang_tekst
from consulent_app.services import onderzoek as svc
from consulent_app.services.onderzoek import Keuzelijsten, OnderzoekView, VoorzieningDetail, VoorzieningInvoer
from ui.onderzoek.lijsten import Context, _frequentie_combo
from ui.onderzoek.stappen import ja_nee_combo
from ui.tablemodels import Kolom, Tabel, bedrag, datum_kort
from ui.widgets import DatumVeld, Formulier, Kaart, combo, kies, kop, lees_datum, uitleg


def _plan_kort(v: VoorzieningDetail) -> str:
    if v.plan_verwacht and v.plan_verwacht_op:
        return f"verwacht {datum_kort(v.plan_verwacht_op)}"
    return "geen" if v.plan_verwacht is False and v.plan_nodig else ""


class VinkLijst(QListView):
    """A short list of checkable lines (needs, results) on a QStandardItemModel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setMinimumHeight(70)
        self.setMaximumHeight(104)
        self.setUniformItemSizes(True)

    def zet(self, rijen: list[tuple[int, str, str | None]], aangevinkt: set[int]) -> None:
        self.model_.clear()
        for ident, tekst, tip in rijen:
            it = QStandardItem(tekst)
            it.setData(ident, Qt.ItemDataRole.UserRole)
            it.setCheckable(True)
            it.setCheckState(Qt.CheckState.Checked if ident in aangevinkt else Qt.CheckState.Unchecked)
            if tip:
                it.setToolTip(tip)
            self.model_.appendRow(it)

    def gekozen(self) -> tuple[int, ...]:
        uit = []
        for r in range(self.model_.rowCount()):
            it = self.model_.item(r)
            if it.checkState() == Qt.CheckState.Checked:
                uit.append(int(it.data(Qt.ItemDataRole.UserRole)))
        return tuple(uit)

    def vink(self, ident: int, aan: bool = True) -> None:
        for r in range(self.model_.rowCount()):
            it = self.model_.item(r)
            if it.data(Qt.ItemDataRole.UserRole) == ident:
                it.setCheckState(Qt.CheckState.Checked if aan else Qt.CheckState.Unchecked)


def _tekstvak() -> QPlainTextEdit:
    ed = QPlainTextEdit()
    ed.setTabChangesFocus(True)
    ed.setFixedHeight(54)
    return ed


class VoorzieningenSectie(Kaart):
    """Step 7: the provisions of the request. `in_delen=True` builds the table first and the form only when
    `bouw_formulier()` is called (the investigation builds a hidden step in slices between frames, issue 13)."""

    def __init__(self, ctx: Context, parent: QWidget | None = None, *, in_delen: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._c, self._a = ctx.shell.ctx, ctx.shell.actor
        self.lijsten: Keuzelijsten | None = None
        self.bewerkt: VoorzieningDetail | None = None
        self.inhoud.addWidget(kop("Voorzieningen in deze aanvraag", niveau=2))
        self.inhoud.addWidget(uitleg("Eén onderzoek, één aanvraag, één beschikking: voeg hier alle voorzieningen toe. "
                                     "Enter of dubbelklik op een regel om haar te wijzigen."))
        # Made inside this card, and the form put in place before its fields: a widget Qt has already styled is
        # styled again each time it moves into another parent (issue 13).
        self.tabel = Tabel([
            Kolom("Product", lambda v: v.product_naam, rek=True),
            Kolom("Omvang", lambda v: v.omvang, min_breedte=130),
            Kolom("Start", lambda v: v.startdatum, tekst=datum_kort),
            Kolom("Eind / PO", lambda v: v.einddatum or v.po_datum,
                  tekst=lambda d: datum_kort(d)),
            Kolom("Levering", lambda v: "ZIN" if v.leveringsvorm == "zin" else "PGB",
                  tooltip=lambda v: v.aanbieder_naam or formatting.bedrag(v.pgb_bedrag)),
            Kolom("Plan", _plan_kort, tooltip=lambda v: "Plan van de aanbieder (criterium 13)"),
            Kolom("Kosten", lambda v: v.kosten, tekst=bedrag, rechts=True),
        ], self, sorteerbaar=False)
        self.tabel.setObjectName("voorzieningentabel")
        self.tabel.setMinimumHeight(96)
        self.tabel.setMaximumHeight(150)
        self.tabel.rij_geopend.connect(self.bewerk)
        self.inhoud.addWidget(self.tabel)
        if not in_delen:
            self.bouw_formulier()

    def bouw_formulier(self) -> None:
        """The form under the table: choices, dates, amounts, what it covers, and the buttons."""
        for _ in self.bouw_formulier_in_delen():
            pass

    def bouw_formulier_in_delen(self) -> Iterator[None]:
        """`bouw_formulier` in five parts of a few milliseconds each (yielding between them)."""
        f = self.form = Formulier(self, kolommen=2)
        self.inhoud.addWidget(f)
        self.categorie = combo([], leeg="Kies een productcategorie")
        self.product = combo([], leeg="Kies eerst een categorie")
        self.volume = QLineEdit()
        self.volume.setPlaceholderText("bijvoorbeeld 2 of 2,5")
        self.frequentie = _frequentie_combo()
        self.start = DatumVeld()
        self.eind = DatumVeld()
        self.po = DatumVeld()
        self.levering = combo([(Leveringsvorm.ZIN.label, "zin"), (Leveringsvorm.PGB.label, "pgb")],
                              leeg="Kies de leveringsvorm")
        self.aanbieder = combo([], leeg="Kies de aanbieder")
        self.pgb = QLineEdit()
        self.pgb.setPlaceholderText("bedrag in euro, bijvoorbeeld 4.250,00")
        self.resultaat_tekst = _tekstvak()
        self.motivering = _tekstvak()
        # The provider's plan (plan van aanpak / gezinsplan, criterion 13): expected or not, and by when.
        self.plan = ja_nee_combo("Zoals het product vraagt")
        self.plan_op = DatumVeld()
        self.behoeften = VinkLijst()
        self.behoeften.setAccessibleName("Gekoppelde behoeften")
        self.resultaten = VinkLijst()
        self.resultaten.setAccessibleName("Gekoppelde resultaten")
        yield
        # Long product and provider names must not widen the step past the window (1366 px laptop): the combo
        # boxes take the column's width and show the full name in their list.
        for box in (self.categorie, self.product, self.levering, self.aanbieder, self.frequentie):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(14)
        # Category, delivery, product and provider each take a whole row: in half a row at 1366 px "Persoonsgebonden
        # budget (pgb)" and a provider's name were cut off (issue 16). The order, and so the tab order, is the same.
        f.voeg_toe("productcategorie", "Product&categorie", self.categorie, breed=True)
        f.voeg_toe("leveringsvorm", "&Leveringsvorm", self.levering, breed=True)
        f.voeg_toe("product", "&Product", self.product, breed=True)
        f.voeg_toe("aanbieder", "&Aanbieder", self.aanbieder, breed=True)
        yield
        f.voeg_toe("pgb_bedrag", "P&gb-bedrag", self.pgb)
        self.pgb_periode = combo([(t.capitalize(), k) for k, t in kostenregel.PGB_PERIODE_LABELS.items()],
                                 leeg="Kies per week, maand of jaar")
        f.voeg_toe("pgb_periode", "Pgb-bedrag per", self.pgb_periode)
        f.voeg_toe("volume", "&Omvang", self.volume, hint=" ")
        f.voeg_toe("frequentie", "&Frequentie", self.frequentie)
        f.voeg_toe("startdatum", "&Startdatum", self.start)
        f.voeg_toe("einddatum", "&Einddatum", self.eind, hint="Of laat leeg en plan een PO.")
        f.voeg_toe("po_datum", "PO-dat&um", self.po, hint=" ", breed=True)
        yield
        f.voeg_toe("plan_verwacht", "Plan &van aanbieder", self.plan)
        f.voeg_toe("plan_verwacht_op", "Plan verwac&ht op", self.plan_op, hint=" ")
        yield
        f.voeg_toe("behoeften", "De&kt behoeften", self.behoeften, breed=True)
        f.voeg_toe("resultaten", "Draagt bi&j aan resultaten", self.resultaten, breed=True)
        f.voeg_toe("beoogd_resultaat", "Beoogd &resultaat", self.resultaat_tekst, breed=True)
        f.voeg_toe("motivering", "&Motivering", self.motivering, breed=True)
        self.kosten = QLabel()
        self.kosten.setObjectName("kostenregel")
        self.kosten.setWordWrap(True)
        self.inhoud.addWidget(self.kosten)

        knoppen = QHBoxLayout()
        self.toevoeg_knop = QPushButton("Voorziening &toevoegen")
        self.toevoeg_knop.setObjectName("primair")
        self.opslaan_knop = QPushButton("W&ijziging opslaan")
        self.opslaan_knop.setEnabled(False)
        self.nieuw_knop = QPushButton("Nieuwe voor&ziening")
        # No Alt-letter for removing: a provision is removed by choice, never by a slip of one key (and the letter
        # goes to the step's own Afweging field, which has no other free one).
        self.verwijder_knop = QPushButton("Geselecteerde verwijderen")
        for k, fn in ((self.toevoeg_knop, self.toevoegen), (self.opslaan_knop, self.opslaan),
                      (self.nieuw_knop, self.leeg), (self.verwijder_knop, self.verwijder)):
            k.clicked.connect(fn)
        knoppen.addWidget(self.toevoeg_knop)
        knoppen.addWidget(self.opslaan_knop)
        knoppen.addWidget(self.nieuw_knop)
        knoppen.addStretch(1)
        knoppen.addWidget(self.verwijder_knop)
        self.inhoud.addLayout(knoppen)

        self.categorie.currentIndexChanged.connect(self._categorie_gekozen)
        for sig in (self.product.currentIndexChanged, self.frequentie.currentIndexChanged,
                    self.levering.currentIndexChanged):
            sig.connect(self._live)
        self.product.currentIndexChanged.connect(self._vul_aanbieders)
        for ed in (self.volume, self.start, self.eind, self.po, self.plan_op):
            ed.textChanged.connect(self._live)
        self.plan.currentIndexChanged.connect(self._plan_gekozen)
        self.levering.currentIndexChanged.connect(self._levering)
        kies(self.levering, "zin")  # in kind unless the client chooses a pgb (Wmo 2015 art. 2.3.6)
        self._levering()
        # "Beoogd resultaat" follows the ticked desired results (typed once in step 3) until the user edits it.
        self._voorgevuld = ""
        self.resultaten.model_.itemChanged.connect(self._resultaten_gewijzigd)
        # Omvang and frequentie follow the netto of the ticked needs (steps 4-6) until the user types another.
        self._omvang_voorgevuld: tuple[str, Any] = ("", None)
        self.behoeften.model_.itemChanged.connect(self._behoeften_gewijzigd)

    # --- choice lists and view -----------------------------------------------------------------------------

    def zet_lijsten(self, lijsten: Keuzelijsten) -> None:
        self.lijsten = lijsten
        self.categorie.blockSignals(True)
        self.categorie.clear()
        self.categorie.addItem("Kies een productcategorie", None)
        gebruikt = {p.productcategorie for p in lijsten.producten}
        for code, naam in lijsten.productcategorieen.items():
            if code in gebruikt:
                self.categorie.addItem(f"{code} {naam}", code)
        self.categorie.blockSignals(False)
        self._vul_aanbieders()
        self._categorie_gekozen()

    def _vul_aanbieders(self) -> None:
        """The providers contracted for the chosen product (provider register), the one preselected when there is
        only one; without contracts for it (or before a product is chosen) those contracted for a product of this
        law; without any contract for the law, every active provider."""
        if self.lijsten is None:
            return
        pid = self.product.currentData()
        gecontracteerd = [a for a in self.lijsten.aanbieders if pid is not None and pid in a.producten]
        # `producten` holds only this law's products (keuzelijsten reads the contracts of the law's products).
        van_wet = [a for a in self.lijsten.aanbieders if a.producten]
        keuze = gecontracteerd or van_wet or list(self.lijsten.aanbieders)
        wet = Wet(self.lijsten.wet).label if self.lijsten.wet else "deze wet"
        huidig = self.aanbieder.currentData()
        self.aanbieder.blockSignals(True)
        self.aanbieder.clear()
        # Short, so the field is not cut off at 1366 x 768; the tooltip says it in full.
        if gecontracteerd:
            self.aanbieder.addItem(f"Kies: {len(gecontracteerd)} met contract", None)
            self.aanbieder.setToolTip(f"{len(gecontracteerd)} aanbieder(s) met een contract voor het gekozen product "
                                      "(aanbiedersregister, Beheer > Contracten)")
        elif van_wet:
            kort = "Jeugd" if self.lijsten.wet == Wet.JEUGDWET.value else "Wmo"
            self.aanbieder.addItem(f"Kies: {len(van_wet)} met {kort}-contract", None)
            self.aanbieder.setToolTip("Voor dit product is nog geen contract vastgelegd: de aanbieders met een "
                                      f"contract voor de {wet}")
        else:
            self.aanbieder.addItem("Kies de aanbieder", None)
            self.aanbieder.setToolTip("Er zijn nog geen contracten vastgelegd: alle actieve aanbieders")
        for a in keuze:
            self.aanbieder.addItem(a.naam + (f" ({a.plaats})" if a.plaats else ""), a.id)
        if huidig is not None and self.aanbieder.findData(huidig) >= 0:
            kies(self.aanbieder, huidig)
        elif len(gecontracteerd) == 1:
            kies(self.aanbieder, gecontracteerd[0].id)
        self.aanbieder.blockSignals(False)

    def ververs(self, view: OnderzoekView) -> None:
        self.tabel.zet_rijen(view.voorzieningen)
        self.verwijder_knop.setEnabled(bool(view.voorzieningen))
        self._view = view
        gekozen_b = set(self.behoeften.gekozen())
        gekozen_r = set(self.resultaten.gekozen())
        if self.bewerkt is not None:
            nieuw = next((v for v in view.voorzieningen if v.id == self.bewerkt.id), None)
            self.bewerkt = nieuw
        saldi = {s.behoefte_id: s for s in view.saldi}
        self.behoeften.zet([
            (b.id, f"{b.omschrijving}: netto {saldi[b.id].tekst(saldi[b.id].netto)}"
             + ("  (volledig gedekt)" if saldi[b.id].volledig_gedekt else ""),
             f"Bruto {b.omvang}, gedekt {saldi[b.id].tekst(saldi[b.id].gedekt)}")
            for b in view.behoeften], gekozen_b)
        self.resultaten.zet([(r.id, r.omschrijving.replace("\n", " "), r.omschrijving) for r in view.resultaten],
                            gekozen_r)

    def _categorie_gekozen(self) -> None:
        huidig = self.product.currentData()
        self.product.blockSignals(True)
        self.product.clear()
        cat = self.categorie.currentData()
        if cat is None or self.lijsten is None:
            self.product.addItem("Kies eerst een categorie", None)
        else:
            self.product.addItem("Kies een product", None)
            for p in self.lijsten.producten:
                if p.productcategorie == cat:
                    niveau = f", {p.niveau}" if p.niveau else ""
                    per = codelists.eenheid_woord(p.eenheid, meervoud=False)
                    self.product.addItem(f"{p.naam}{niveau} ({formatting.bedrag(p.tarief)} per {per})", p.id)
        kies(self.product, huidig)
        self.product.blockSignals(False)
        self._vul_aanbieders()
        self._live()

    def _levering(self) -> None:
        zin = self.levering.currentData() == "zin"
        pgb = self.levering.currentData() == "pgb"
        for naam, zichtbaar in (("aanbieder", zin), ("pgb_bedrag", pgb), ("pgb_periode", pgb)):
            self.form.editor(naam).setEnabled(zichtbaar)
        self._live()

    def _gekozen_product(self) -> vr.ProductInfo | None:
        if self.lijsten is None:
            return None
        pid = self.product.currentData()
        return next((p for p in self.lijsten.producten if p.id == pid), None)

    def _live(self) -> None:
        """Unit from the product, the latest allowed PO, and tarief x omvang x duur while choosing."""
        p = self._gekozen_product()
        grenzen = duur.Duurgrenzen(self.lijsten.po_maximum_maanden, self.lijsten.jeugd_maximum_maanden) \
            if self.lijsten else duur.Duurgrenzen()
        maanden = grenzen.po_maximum_maanden
        jeugd = self.lijsten is not None and self.lijsten.wet == Wet.JEUGDWET.value
        hint_vol = self.form.grid.itemAtPosition(self._hint_rij("volume"), 1)
        if hint_vol is not None and isinstance(hint_vol.widget(), QLabel):
            hint_vol.widget().setText(  # type: ignore[union-attr]
                f"in {codelists.eenheid_woord(p.eenheid, meervoud=True)} (eenheid van het product)" if p else "")
        try:
            start = lees_datum(self.start.text())
            eind = lees_datum(self.eind.text())
            po = lees_datum(self.po.text())
        except ValueError:
            start = eind = po = None
        hint_po = self.form.grid.itemAtPosition(self._hint_rij("po_datum"), self._kolom("po_datum"))
        if hint_po is not None and isinstance(hint_po.widget(), QLabel):
            hint_po.widget().setText(  # type: ignore[union-attr]
                f"Uiterlijk {formatting.datum_kort(duur.po_uiterlijk(start, maanden))} ({maanden} maanden na de start)."
                if start else f"Hooguit {maanden} maanden na de startdatum.")
        hint_eind = self.form.hints.get("einddatum")
        if hint_eind is not None:
            n = grenzen.jeugd_maximum_maanden
            grens = duur.einde_uiterlijk(Wet.JEUGDWET, start, grenzen) if jeugd and start else None
            hint_eind.setText(
                (f"Verplicht, uiterlijk {formatting.datum_kort(grens)} ({n} maanden na de start)." if grens else
                 f"Verplicht, hooguit {n} maanden na de start.") if jeugd else "Of laat leeg en plan een PO.")
        try:
            vol = vr.volume(self.volume.text()) if self.volume.text().strip() else None
        except Exception:  # noqa: BLE001 - the service will say what is wrong; the cost line just stays empty
            vol = None
        self._plan_hint(p, start)
        freq = self.frequentie.currentData()
        if p is None or vol is None or freq is None or start is None:
            self.kosten.setText("<b>Kosten:</b> kies product, omvang, frequentie en startdatum om de kosten te zien.")
            return
        totaal = kostenregel.kosten(p.tarief, vol, freq, start, eind, po)
        if freq == "6":
            periode = "eenmalig"
        elif eind or po:
            periode = (f"van {formatting.datum_kort(start)} tot en met {formatting.datum_kort(eind or po)}"
                       + ("" if eind else " (tot het PO)"))
        else:
            periode = "over één jaar (geen einddatum of PO)"
        jaar = ""
        if freq != "6":
            jaar = f"; per jaar {formatting.bedrag(kostenregel.jaarkosten(p.tarief, vol, freq))}"
        self.kosten.setText(
            f"<b>Kosten: {formatting.bedrag(totaal)}</b> = {formatting.bedrag(p.tarief)} per "
            f"{codelists.eenheid_woord(p.eenheid, meervoud=False)} × {omvang_tekst(vol, p.eenheid, freq)}, "
            f"{periode}{jaar}.")

    def _plan_gekozen(self) -> None:
        """'Nee': no date to enter (a date with "no plan" would be refused)."""
        geen = self.plan.currentData() is False
        if geen:
            self.plan_op.clear()
        self.plan_op.setEnabled(not geen)
        self._live()

    def _plan_hint(self, p: vr.ProductInfo | None, start: dt.date | None) -> None:
        """What the core will do with an empty date (rules/aanbiederplan), shown under the date field."""
        hint = self.form.grid.itemAtPosition(self._hint_rij("plan_verwacht_op"), self._kolom("plan_verwacht_op"))
        if hint is None or not isinstance(hint.widget(), QLabel):
            return
        dagen = self.lijsten.plan_termijn_dagen if self.lijsten else aanbiederplan.PLAN_TERMIJN_DAGEN
        keuze = self.plan.currentData()
        naam = aanbiederplan.plan_naam(p.wet).lower() if p else "plan"
        if keuze is False:
            tekst = f"Geen {naam} verwacht."
        elif p is None or (keuze is None and not p.plan_nodig):
            tekst = "Dit product vraagt geen plan." if p else ""
        elif start is None:
            tekst = f"Leeg: {dagen} dagen na de startdatum."
        else:
            tekst = (f"Leeg: {aanbiederplan.standaard_plan_datum(start, dagen).strftime('%d-%m-%Y')} ({dagen} "
                     "dagen na de start).")
        hint.widget().setText(tekst)  # type: ignore[union-attr]

    def _hint_rij(self, naam: str) -> int:
        idx = self.form.grid.indexOf(self.form.editor(naam))
        rij, _k, _rs, _cs = self.form.grid.getItemPosition(idx)
        return rij + 1

    def _kolom(self, naam: str) -> int:
        idx = self.form.grid.indexOf(self.form.editor(naam))
        _r, kol, _rs, _cs = self.form.grid.getItemPosition(idx)
        return kol

    # --- actions -------------------------------------------------------------------------------------------

    def invoer(self) -> VoorzieningInvoer | None:
        fouten = {}
        datums: dict[str, dt.date | None] = {}
        for naam, ed in (("startdatum", self.start), ("einddatum", self.eind), ("po_datum", self.po),
                         ("plan_verwacht_op", self.plan_op)):
            try:
                datums[naam] = lees_datum(ed.text())
            except ValueError:
                fouten[naam] = DatumVeld.FOUT
        if fouten:
            self.form.toon_fouten(fouten)
            return None
        pgb: str | Decimal | None = self.pgb.text().strip().replace(".", "").replace("€", "").strip() or None
        return VoorzieningInvoer(
            productcategorie=self.categorie.currentData(), product_id=self.product.currentData(),
            volume=self.volume.text(), frequentie=self.frequentie.currentData(),
            startdatum=datums["startdatum"], einddatum=datums["einddatum"], po_datum=datums["po_datum"],
            leveringsvorm=self.levering.currentData(),
            aanbieder_id=self.aanbieder.currentData() if self.levering.currentData() == "zin" else None,
            pgb_bedrag=pgb if self.levering.currentData() == "pgb" else None,
            pgb_periode=self.pgb_periode.currentData() if self.levering.currentData() == "pgb" else None,
            beoogd_resultaat=self.resultaat_tekst.toPlainText(), motivering=self.motivering.toPlainText(),
            behoefte_ids=self.behoeften.gekozen(), resultaat_ids=self.resultaten.gekozen(),
            plan_verwacht=self.plan.currentData(), plan_verwacht_op=datums["plan_verwacht_op"],
        )

    def toevoegen(self) -> None:
        inv = self.invoer()
        if inv is None or self.ctx.view is None:
            return
        oid = self.ctx.view.id
        self.ctx.doe(lambda: svc.voeg_voorziening_toe(self._c, self._a, oid, inv), self.form,
                     gelukt=lambda _u: self._volgende())

    def _volgende(self) -> None:
        """After adding: an empty form for the next provision, the keyboard in its first field."""
        self.leeg()
        self.categorie.setFocus(Qt.FocusReason.OtherFocusReason)

    def opslaan(self) -> None:
        vz = self.bewerkt
        inv = self.invoer()
        if vz is None or inv is None:
            return
        self.ctx.doe(lambda: svc.wijzig_voorziening(self._c, self._a, vz.id, inv, versie=vz.versie) or True,
                     self.form, gelukt=lambda _u: self.leeg())

    def verwijder(self) -> None:
        vz = self.tabel.huidige_rij()
        if vz is not None:
            self.ctx.doe(lambda: svc.verwijder_voorziening(self._c, self._a, vz.id) or True, self.form)
            self.leeg()

    def bewerk(self, vz: VoorzieningDetail) -> None:
        self.bewerkt = vz
        kies(self.categorie, vz.productcategorie)
        self._categorie_gekozen()
        kies(self.product, vz.product_id)
        self.volume.setText(formatting.getal(vz.volume))
        kies(self.frequentie, vz.frequentie)
        self.start.zet_datum(vz.startdatum)
        self.eind.zet_datum(vz.einddatum)
        self.po.zet_datum(vz.po_datum)
        kies(self.plan, vz.plan_verwacht)
        self.plan_op.zet_datum(vz.plan_verwacht_op)
        self._plan_gekozen()
        kies(self.levering, vz.leveringsvorm)
        if vz.aanbieder_id is not None and self.aanbieder.findData(vz.aanbieder_id) < 0:
            self.aanbieder.addItem(vz.aanbieder_naam or str(vz.aanbieder_id), vz.aanbieder_id)  # chosen before
        kies(self.aanbieder, vz.aanbieder_id)
        self.pgb.setText(formatting.getal(vz.pgb_bedrag) if vz.pgb_bedrag is not None else "")
        kies(self.pgb_periode, vz.pgb_periode)
        self._voorgevuld = ""
        self.resultaat_tekst.setPlainText(vz.beoogd_resultaat or "")
        self.motivering.setPlainText(vz.motivering or "")
        for r in range(self.behoeften.model_.rowCount()):
            it = self.behoeften.model_.item(r)
            self.behoeften.vink(it.data(Qt.ItemDataRole.UserRole), it.data(Qt.ItemDataRole.UserRole)
                                in vz.behoefte_ids)
        for r in range(self.resultaten.model_.rowCount()):
            it = self.resultaten.model_.item(r)
            self.resultaten.vink(it.data(Qt.ItemDataRole.UserRole), it.data(Qt.ItemDataRole.UserRole)
                                 in vz.resultaat_ids)
        self.opslaan_knop.setEnabled(True)
        self.categorie.setFocus()

    def _resultaten_gewijzigd(self, *_a: Any) -> None:
        huidig = self.resultaat_tekst.toPlainText()
        if huidig.strip() and huidig != self._voorgevuld:
            return  # the consultant wrote it: never overwritten
        zinnen = []
        for r in range(self.resultaten.model_.rowCount()):
            it = self.resultaten.model_.item(r)
            if it.checkState() == Qt.CheckState.Checked:
                tekst = (it.toolTip() or it.text()).strip()
                zinnen.append(tekst if tekst.endswith((".", "!", "?")) else tekst + ".")
        self._voorgevuld = " ".join(zinnen)
        self.resultaat_tekst.setPlainText(self._voorgevuld)

    def _behoeften_gewijzigd(self, *_a: Any) -> None:
        """The netto left of the ticked needs as the provision's scope, when they share one unit and frequency and
        the product (if chosen) counts in that unit; never over what the consultant typed herself."""
        vol_nu, freq_nu = self.volume.text(), self.frequentie.currentData()
        if (vol_nu.strip() or freq_nu is not None) and (vol_nu, freq_nu) != self._omvang_voorgevuld:
            return
        view = getattr(self, "_view", None)
        gekozen = set(self.behoeften.gekozen())
        saldi = [s for s in (view.saldi if view is not None else []) if s.behoefte_id in gekozen and s.netto > 0]
        p = self._gekozen_product()
        soorten = {(s.eenheid, s.frequentie) for s in saldi}
        if len(soorten) != 1 or (p is not None and p.eenheid != next(iter(soorten))[0]):
            return
        frequentie = next(iter(soorten))[1]
        tekst = formatting.getal(sum((s.netto for s in saldi), Decimal(0)))
        self.volume.setText(tekst)
        kies(self.frequentie, frequentie)
        self._omvang_voorgevuld = (tekst, self.frequentie.currentData())

    def leeg(self) -> None:
        self.bewerkt = None
        self._voorgevuld = ""
        self._omvang_voorgevuld = ("", None)
        self.form.wis_fouten()
        for box in (self.categorie, self.frequentie, self.levering, self.aanbieder, self.plan):
            box.setCurrentIndex(0)
        kies(self.levering, "zin")
        for ed in (self.volume, self.start, self.eind, self.po, self.pgb, self.plan_op):
            ed.clear()
        self.resultaat_tekst.clear()
        self.motivering.clear()
        for lijst in (self.behoeften, self.resultaten):
            for r in range(lijst.model_.rowCount()):
                lijst.model_.item(r).setCheckState(Qt.CheckState.Unchecked)
        self.opslaan_knop.setEnabled(False)
        self._live()

    def zet_bewerkbaar(self, ja: bool) -> None:
        self.form.setEnabled(ja)
        for k in (self.toevoeg_knop, self.nieuw_knop, self.verwijder_knop):
            k.setEnabled(ja)
        self.opslaan_knop.setEnabled(ja and self.bewerkt is not None)

    def vul(self, **waarden: Any) -> None:
        """For tests and keyboard macros: set editors by field name (text, data or date)."""
        for naam, w in waarden.items():
            ed = self.form.editor(naam)
            if isinstance(ed, QComboBox):
                kies(ed, w)
            elif isinstance(ed, DatumVeld):
                ed.zet_datum(w)
            elif isinstance(ed, QLineEdit):
                ed.setText(str(w))
            elif isinstance(ed, QPlainTextEdit):
                ed.setPlainText(str(w))
