"""Beheer > Contracten (a tab of the Beheer screen, ui/pages/beheer.py): which provider is contracted for which product, per law.

Step 7 offers the providers contracted for the chosen product and preselects the one when there is one; here the
functional administrator keeps that register. A tick (Space) is saved at once, off the GUI thread, and audited.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from consulent_app.domain import Wet
from consulent_app.errors import ConsulentFout
from consulent_app.services import contracten as svc
from ui.later_gebouwd import LaterGebouwd
from ui.ops import Wijziging
from ui.pages.base import Shell
from ui.tablemodels import Kolom, Tabel
from ui.widgets import combo, laad, uitleg


def _aantal(n: int) -> str:
    return f"{n} product" if n == 1 else f"{n} producten"


class ContractenTab(LaterGebouwd, QWidget):
    """The providers' contracts per product. Built when first needed (ui.later_gebouwd), read when first shown."""

    def __init__(self, shell: Shell) -> None:
        super().__init__()
        self.shell = shell
        self.bezig = False
        self.geladen = False
        self.stand: svc.Contracten | None = None
        self._vullen = False
        self._later_bouwen(self._bouw_keuze, self._bouw_lijsten)  # a part a turn (ui.pages.beheer.BeheerPagina)

    def _bouw_keuze(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 12, 0, 0)
        lay.setSpacing(10)
        lay.addWidget(uitleg("Welke aanbieder levert welk product? In stap 7 van het onderzoek ziet de consulent bij "
                             "een product alleen de aanbieders met een contract ervoor, en staat de aanbieder al "
                             "gekozen als er maar één is. Vink een product aan of uit met de spatiebalk: het wordt "
                             "meteen vastgelegd."))
        regel = QHBoxLayout()
        lab = QLabel("W&et")
        self.wet = combo([(w.label, w.value) for w in (Wet.WMO, Wet.JEUGDWET)], parent=self)  # styled once (ouder)
        self.wet.setMinimumContentsLength(12)
        lab.setBuddy(self.wet)
        regel.addWidget(lab)
        regel.addWidget(self.wet)
        regel.addStretch(1)
        lay.addLayout(regel)
        self.wet.currentIndexChanged.connect(lambda _i: self.vernieuw())

    def _bouw_lijsten(self) -> None:
        lay = self.layout()
        assert isinstance(lay, QVBoxLayout)
        midden = QHBoxLayout()
        midden.setSpacing(14)
        links = QVBoxLayout()
        lab_a = QLabel("Aa&nbieders")
        self.tabel = Tabel([
            Kolom("Aanbieder", lambda a: a.naam, rek=True, min_breedte=220),
            Kolom("Plaats", lambda a: a.plaats or "–"),
            Kolom("AGB-code", lambda a: a.agb_code or "–"),
            Kolom("Contract voor", lambda a: _aantal(len(a.producten)) if a.producten else "geen",
                  pil=lambda a: "groen" if a.producten else "grijs"),
            Kolom("Status", lambda a: "actief" if a.actief else "niet actief"),
        ], self)
        self.tabel.setAccessibleName("Aanbieders")
        lab_a.setBuddy(self.tabel)
        links.addWidget(lab_a)
        links.addWidget(self.tabel, 1)
        midden.addLayout(links, 3)
        rechts = QVBoxLayout()
        self.producten_label = QLabel("&Producten met contract")
        self.producten = QListWidget(self)
        self.producten.setAccessibleName("Producten met contract")
        self.producten_label.setBuddy(self.producten)
        rechts.addWidget(self.producten_label)
        rechts.addWidget(self.producten, 1)
        midden.addLayout(rechts, 2)
        lay.addLayout(midden, 1)
        self.gedaan = QLabel()
        self.gedaan.setObjectName("uitleg")
        self.gedaan.setWordWrap(True)
        lay.addWidget(self.gedaan)

        self.tabel.selectionModel().currentRowChanged.connect(lambda *_a: self._toon_producten())
        self.producten.itemChanged.connect(self._vinkje)

    # --- loading ---------------------------------------------------------------------------------------------

    def vernieuw(self) -> None:
        self.bezig = True
        self.geladen = True
        ctx, actor, wet = self.shell.ctx, self.shell.actor, self.wet.currentData()
        laad(self, lambda: svc.contracten(ctx, actor, wet), self._geladen, self._fout)

    def _geladen(self, stand: svc.Contracten) -> None:
        vorige = self.gekozen()
        self.stand = stand
        self.tabel.zet_rijen(list(stand.aanbieders))
        rij = next((i for i, a in enumerate(stand.aanbieders) if vorige is not None and a.id == vorige.id), 0)
        if stand.aanbieders:
            self.tabel.selectRow(self.tabel.proxy.mapFromSource(self.tabel.bron.index(rij, 0)).row())
        self._toon_producten()
        self.bezig = False

    def _fout(self, msg: str) -> None:
        self.bezig = False
        self.shell.melding(msg, fout=True)

    def gekozen(self) -> svc.ContractAanbieder | None:
        a: svc.ContractAanbieder | None = self.tabel.huidige_rij()
        return a

    def _toon_producten(self) -> None:
        a = self.gekozen()
        self._vullen = True
        self.producten.clear()
        if self.stand is not None and a is not None:
            wet = Wet(self.stand.wet).label
            self.producten_label.setText(f"&Producten van de {wet} met contract bij {a.naam}")
            for p in self.stand.producten:
                item = QListWidgetItem(f"{p.productcategorie}  {p.naam}  ({p.code})")
                item.setData(Qt.ItemDataRole.UserRole, p.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if p.id in a.producten else Qt.CheckState.Unchecked)
                self.producten.addItem(item)
            if self.producten.count():
                self.producten.setCurrentRow(0)
        self._vullen = False

    # --- saving ----------------------------------------------------------------------------------------------

    def gevinkt(self) -> list[int]:
        return [int(self.producten.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.producten.count())
                if self.producten.item(i).checkState() == Qt.CheckState.Checked]

    def _vinkje(self, _item: QListWidgetItem) -> None:
        a, stand = self.gekozen(), self.stand
        if self._vullen or a is None or stand is None:
            return
        ctx, actor, wet, ids = self.shell.ctx, self.shell.actor, stand.wet, self.gevinkt()

        def klaar(w: svc.ContractWijziging) -> None:
            delen = [f"{w.aanbieder}:"]
            if w.toegevoegd:
                delen.append("contract voor " + ", ".join(w.toegevoegd) + " vastgelegd.")
            if w.vervallen:
                delen.append("contract voor " + ", ".join(w.vervallen) + " vervallen.")
            delen.append(f"Nu {_aantal(w.aantal)} van de {Wet(w.wet).label} met contract.")
            tekst = " ".join(delen)
            self.gedaan.setText(tekst)
            self.shell.melding(tekst)
            self._werk_bij(a.id, tuple(sorted(ids)))

        def fout(exc: BaseException) -> bool:
            if isinstance(exc, ConsulentFout):
                self.gedaan.setText(str(exc))
                self.shell.melding(str(exc), fout=True)
                self.vernieuw()  # back to what is stored
                return True
            return False

        self.shell.ops.schrijf(self, lambda: svc.zet_contracten(ctx, actor, a.id, wet, ids), klaar, fout=fout,
                               wijziging=Wijziging.van("aanbieder"))

    def _werk_bij(self, aanbieder_id: int, producten: tuple[int, ...]) -> None:
        """The row's count follows the ticks without reading the list again (the ticks stay where they are)."""
        if self.stand is None:
            return
        from dataclasses import replace

        nieuw = tuple(replace(a, producten=producten) if a.id == aanbieder_id else a for a in self.stand.aanbieders)
        self.stand = replace(self.stand, aanbieders=nieuw)
        bron = self.tabel.bron
        for i, a in enumerate(bron.rijen):
            if a.id == aanbieder_id:
                bron.rijen[i] = nieuw[i]
                bron.dataChanged.emit(bron.index(i, 0), bron.index(i, bron.columnCount() - 1))

    def toon(self, **_params: Any) -> None:
        if not self.geladen:
            self.vernieuw()
