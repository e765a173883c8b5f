"""'Besluit per voorziening': the consultant sets the decision and its reasons for each provision of the concept
(or returned) beschikking, on the Documenten screen, before making the letter."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from consulent_app.documents.gegevens import BEEINDIGD
from consulent_app.domain import BeschikkingStatus, BeschikkingType, Besluit
from consulent_app.errors import ConflictFout, ConsulentFout, RegelFout, ValidatieFout
from consulent_app.services import beschikkingen as bs
from ui.widgets import kop

ROOD = "color: #B3261E;"


def besluit_opties(beschikking_type: str) -> list[tuple[str, str]]:
    """The decisions allowed in a decision of this type, as (Dutch label, value)."""
    if beschikking_type == BeschikkingType.BEEINDIGING.value:
        return [(bs.REGEL_LABELS[BEEINDIGD], BEEINDIGD)]
    return [(b.label, b.value) for b in Besluit]


def _foutlabel() -> QLabel:
    lab = QLabel()
    lab.setObjectName("fout")
    lab.setWordWrap(True)
    lab.setStyleSheet(ROOD)
    lab.hide()
    return lab


class RegelRij:
    """The widgets of one provision: product + scope, decision, reasons, save button, errors at each field."""

    def __init__(self, regel: bs.RegelView, opties: list[tuple[str, str]], nummer: int) -> None:
        self.regel = regel
        self.product = QLabel(f"<b>{regel.product}</b><br>{regel.omvang}")
        self.product.setWordWrap(True)
        self.besluit = QComboBox()
        self.besluit.setObjectName(f"besluit_{regel.id}")
        self.besluit.setAccessibleName(f"Besluit over {regel.product}")
        for tekst, waarde in opties:
            self.besluit.addItem(tekst, waarde)
        self.besluit_fout = _foutlabel()
        self.motivering = QPlainTextEdit()
        self.motivering.setObjectName(f"motivering_{regel.id}")
        self.motivering.setAccessibleName(f"Motivering bij {regel.product}")
        self.motivering.setPlaceholderText("Waarom dit besluit? Verplicht bij (gedeeltelijke) afwijzing.")
        self.motivering.setTabChangesFocus(True)
        self.motivering.setFixedHeight(58)
        self.motivering_fout = _foutlabel()
        self.opslaan = QPushButton("Op&slaan" if nummer == 1 else "Opslaan")
        self.opslaan.setToolTip("Besluit en motivering van deze voorziening opslaan")
        self.zet(regel)

    def zet(self, regel: bs.RegelView) -> None:
        self.regel = regel
        i = self.besluit.findData(regel.besluit)
        if i < 0:  # e.g. a value not allowed in this type: show it as is, so nothing is silently changed
            self.besluit.addItem(regel.besluit_label, regel.besluit)
            i = self.besluit.count() - 1
        self.besluit.setCurrentIndex(i)
        self.motivering.setPlainText(regel.motivering or "")

    def wis_fouten(self) -> None:
        self.besluit_fout.hide()
        self.motivering_fout.hide()

    def toon_fout(self, veld: str, tekst: str) -> None:
        lab = self.besluit_fout if veld == "besluit" else self.motivering_fout
        lab.setText(tekst)
        lab.show()

    def bewerkbaar(self, ja: bool) -> None:
        self.besluit.setEnabled(ja)
        self.motivering.setReadOnly(not ja)
        self.opslaan.setVisible(ja)


class BesluitPerVoorziening(QFrame):
    """Shows one beschikking's lines; `toon(detail, bewerkbaar)` fills it, `opgeslagen` is called after a save."""

    def __init__(self, wijzig: Callable[..., bs.BeschikkingDetail],
                 melding: Callable[[str, bool], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("besluit_per_voorziening")
        self._wijzig = wijzig
        self._melding = melding
        self.detail: bs.BeschikkingDetail | None = None
        self.rijen: list[RegelRij] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.setSpacing(4)
        self.kop = kop("Besluit per voorziening", niveau=2)
        lay.addWidget(self.kop)
        self.uitleg = QLabel()
        self.uitleg.setObjectName("uitleg")
        self.uitleg.setWordWrap(True)
        lay.addWidget(self.uitleg)
        self.fout = _foutlabel()
        lay.addWidget(self.fout)
        self.schuifvlak = QScrollArea()
        self.schuifvlak.setWidgetResizable(True)
        self.schuifvlak.setFrameShape(QFrame.Shape.NoFrame)
        self.schuifvlak.setMaximumHeight(190)
        lay.addWidget(self.schuifvlak)
        self.hide()

    def toon(self, detail: bs.BeschikkingDetail | None, bewerkbaar: bool) -> None:
        self.detail = detail
        self.rijen = []
        self.fout.hide()
        if detail is None:
            self.hide()
            return
        binnen = QWidget()
        grid = QGridLayout(binnen)
        grid.setContentsMargins(0, 0, 8, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(2, 5)
        for kolom, tekst in enumerate(("Voorziening", "Besluit", "Motivering")):
            lab = QLabel(f"<b>{tekst}</b>")
            grid.addWidget(lab, 0, kolom)
        opties = besluit_opties(detail.type)
        for n, regel in enumerate(detail.regels, start=1):
            rij = RegelRij(regel, opties, n)
            r = 2 * n - 1
            grid.addWidget(rij.product, r, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(rij.besluit, r, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(rij.besluit_fout, r + 1, 1)
            grid.addWidget(rij.motivering, r, 2)
            grid.addWidget(rij.motivering_fout, r + 1, 2)
            grid.addWidget(rij.opslaan, r, 3, Qt.AlignmentFlag.AlignTop)
            grid.setRowMinimumHeight(r, rij.motivering.height() + 2)
            grid.setRowMinimumHeight(r + 1, 8)  # air between two provisions, room for an error line
            rij.opslaan.clicked.connect(lambda _=False, rij=rij: self.sla_op(rij))
            rij.bewerkbaar(bewerkbaar)
            self.rijen.append(rij)
        grid.setRowStretch(2 * len(detail.regels) + 1, 1)
        self.schuifvlak.setWidget(binnen)
        # Show every line without scrolling when they fit; beyond that the section scrolls, the page does not grow.
        self.schuifvlak.setMinimumHeight(min(binnen.sizeHint().height() + 4, self.schuifvlak.maximumHeight()))
        status = BeschikkingStatus(detail.status).label.lower()
        if bewerkbaar:
            self.uitleg.setText(f"Beschikking {detail.kenmerk} ({status}). Kies per voorziening het besluit en "
                                "schrijf waarom; sla elke regel op voordat u de beschikking maakt.")
        else:
            self.uitleg.setText(f"Beschikking {detail.kenmerk} is {status}; het besluit per voorziening kan niet "
                                "meer worden gewijzigd.")
        self.show()

    def sla_op(self, rij: RegelRij) -> bool:
        """Save one line; on refusal the message stands at the field and nothing is stored."""
        if self.detail is None:
            return False
        rij.wis_fouten()
        self.fout.hide()
        try:
            nieuw = self._wijzig(rij.regel.id, besluit=rij.besluit.currentData(),
                                 motivering=rij.motivering.toPlainText(), versie=self.detail.versie)
        except ValidatieFout as exc:
            for veld, tekst in exc.fouten.items():
                rij.toon_fout("besluit" if veld == "besluit" else "motivering", tekst)
            (rij.besluit if "besluit" in exc.fouten else rij.motivering).setFocus()
            return False
        except RegelFout as exc:
            veld = "motivering" if "motivering" in exc.bericht else "besluit"
            rij.toon_fout(veld, exc.bericht)
            (rij.motivering if veld == "motivering" else rij.besluit).setFocus()
            return False
        except (ConflictFout, ConsulentFout) as exc:
            self.fout.setText(exc.bericht)
            self.fout.show()
            self._melding(exc.bericht, True)
            return False
        # The whole decision got a new version; the other lines keep what the consultant typed.
        self.detail = nieuw
        opgeslagen = next((r for r in nieuw.regels if r.id == rij.regel.id), None)
        if opgeslagen is not None:
            rij.zet(opgeslagen)
        self._melding(f"Besluit over {rij.regel.product} opgeslagen: {rij.besluit.currentText().lower()}.", False)
        return True
