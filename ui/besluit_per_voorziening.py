"""'Besluit per voorziening': the consultant sets the decision and its reasons for each provision of the concept
(or returned) beschikking, on the Documenten screen, before making the letter."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from consulent_app.documents.gegevens import BEEINDIGD
from consulent_app.domain import BeschikkingStatus, BeschikkingType, Besluit
from consulent_app.errors import ConflictFout, ConsulentFout, RegelFout, ValidatieFout
from consulent_app.rules.weigeringsgronden import Weigeringsgrond
from consulent_app.services import beschikkingen as bs
from ui.widgets import DatumVeld, Keuzelijst, kop, lees_datum

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


def _stapel(*widgets: QWidget) -> QWidget:
    """Widgets under each other in one grid cell (a field with its follow-up field or error lines)."""
    w = QWidget()
    lay = QVBoxLayout(w)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(4)
    for x in widgets:
        lay.addWidget(x)
    return w


class RegelRij:
    """The widgets of one provision: product + scope, decision, reasons, save button, errors at each field."""

    def __init__(self, regel: bs.RegelView, opties: list[tuple[str, str]], nummer: int,
                 herziening: bool = False, beeindiging: bool = False) -> None:
        self.regel = regel
        self.herziening = herziening
        self.beeindiging = beeindiging
        netto = f"<br><span style='color:#555'>Netto over: {regel.netto}</span>" if regel.netto else ""
        self.product = QLabel(f"<b>{regel.product}</b><br>{regel.omvang}{netto}")
        self.product.setWordWrap(True)
        self.besluit = Keuzelijst()
        self.besluit.setObjectName(f"besluit_{regel.id}")
        self.besluit.setAccessibleName(f"Besluit over {regel.product}")
        for tekst, waarde in opties:
            self.besluit.addItem(tekst, waarde)
        self.besluit_fout = _foutlabel()
        # A refusal while the table leaves a netto need rests on another legal ground (rules.weigeringsgronden).
        self.grond = Keuzelijst()
        self.grond.setObjectName(f"weigeringsgrond_{regel.id}")
        self.grond.setAccessibleName(f"Grond van de afwijzing van {regel.product}")
        self.grond.setToolTip("Verplicht als er volgens de tabel bruto/netto nog hulp overblijft")
        self.grond.addItem("Grond: niets over na stap 5 en 6", None)
        for g in Weigeringsgrond:
            self.grond.addItem(g.label, g.value)
        self.grond_fout = _foutlabel()
        self.motivering = QPlainTextEdit()
        self.motivering.setObjectName(f"motivering_{regel.id}")
        self.motivering.setAccessibleName(f"Motivering bij {regel.product}")
        self.motivering.setPlaceholderText("Waarom dit besluit? Verplicht bij (gedeeltelijke) afwijzing.")
        self.motivering.setTabChangesFocus(True)
        self.motivering.setFixedHeight(58)
        self.motivering_fout = _foutlabel()
        self.reden = QLineEdit()
        self.reden.setObjectName(f"reden_boven_netto_{regel.id}")
        self.reden.setAccessibleName(f"Waarom meer dan netto bij {regel.product}")
        self.reden.setPlaceholderText("Alleen als u meer toekent dan netto overblijft: waarom?")
        self.reden_fout = _foutlabel()
        # A herziening states its own reasons (art. 2.3.10 Wmo 2015); the PO's conclusion is offered as a start.
        self.wijziging = QPlainTextEdit()
        self.wijziging.setObjectName(f"reden_wijziging_{regel.id}")
        self.wijziging.setAccessibleName(f"Waarom verandert {regel.product}")
        self.wijziging.setPlaceholderText("Waarom verandert de ondersteuning? Verplicht bij een herziening.")
        self.wijziging.setTabChangesFocus(True)
        self.wijziging.setFixedHeight(44)
        self.wijziging_fout = _foutlabel()
        # An ending states its last day; it takes effect when the decision is sent (art. 2.3.10 Wmo 2015).
        self.einddatum = DatumVeld()
        self.einddatum.setObjectName(f"einddatum_{regel.id}")
        self.einddatum.setAccessibleName(f"Laatste dag van {regel.product}")
        self.einddatum.setToolTip("Laatste dag van de ondersteuning: op zijn vroegst de dag na verzending plus de "
                                  "overgangstermijn")
        self.einddatum.setVisible(beeindiging)
        self.einddatum_label = QLabel("Laatste dag van de ondersteuning:")
        self.einddatum_label.setBuddy(self.einddatum)
        self.einddatum_label.setVisible(beeindiging)
        self.einddatum_fout = _foutlabel()
        self.opslaan = QPushButton("Op&slaan" if nummer == 1 else "Opslaan")
        self.opslaan.setToolTip("Besluit en motivering van deze voorziening opslaan")
        self.zet(regel)
        self.besluit.currentIndexChanged.connect(self._besluit_gewijzigd)

    def zet(self, regel: bs.RegelView) -> None:
        self.regel = regel
        i = self.besluit.findData(regel.besluit)
        if i < 0:  # e.g. a value not allowed in this type: show it as is, so nothing is silently changed
            self.besluit.addItem(regel.besluit_label, regel.besluit)
            i = self.besluit.count() - 1
        self.besluit.setCurrentIndex(i)
        self.motivering.setPlainText(regel.motivering or "")
        self.grond.setCurrentIndex(max(0, self.grond.findData(regel.weigeringsgrond)))
        self.reden.setText(regel.reden_boven_netto or "")
        self.wijziging.setPlainText(regel.reden_wijziging or "")
        self.einddatum.zet_datum(regel.einddatum)
        self._besluit_gewijzigd()
        self._getoond = self.waarden()

    def gewijzigd(self) -> bool:
        """Has the consultant changed this line since it was shown (not yet saved)?"""
        return self.waarden() != self._getoond

    def _besluit_gewijzigd(self) -> None:
        besluit = self.besluit.currentData()
        self.grond.setVisible(besluit == Besluit.AFGEWEZEN.value)
        self.reden.setVisible(besluit in (Besluit.TOEGEKEND.value, Besluit.GEDEELTELIJK.value))
        self.wijziging.setVisible(self.herziening and besluit != Besluit.AFGEWEZEN.value)

    def waarden(self) -> dict[str, object]:
        afgewezen = self.besluit.currentData() == Besluit.AFGEWEZEN.value
        return {"besluit": self.besluit.currentData(), "motivering": self.motivering.toPlainText(),
                "weigeringsgrond": self.grond.currentData() if afgewezen else None,
                "reden_boven_netto": self.reden.text() if not afgewezen else None,
                "reden_wijziging": self.wijziging.toPlainText() if self.herziening else None,
                **({"einddatum": self.einddatum.text()} if self.beeindiging else {})}

    def wis_fouten(self) -> None:
        for lab in (self.besluit_fout, self.motivering_fout, self.grond_fout, self.reden_fout, self.wijziging_fout,
                    self.einddatum_fout):
            lab.hide()

    def veld_widget(self, veld: str) -> QWidget:
        return {"besluit": self.besluit, "weigeringsgrond": self.grond, "reden_boven_netto": self.reden,
                "reden_wijziging": self.wijziging, "einddatum": self.einddatum}.get(veld, self.motivering)

    def toon_fout(self, veld: str, tekst: str) -> None:
        lab = {"besluit": self.besluit_fout, "weigeringsgrond": self.grond_fout,
               "reden_boven_netto": self.reden_fout, "reden_wijziging": self.wijziging_fout,
               "einddatum": self.einddatum_fout}.get(veld, self.motivering_fout)
        lab.setText(tekst)
        lab.show()

    def bewerkbaar(self, ja: bool) -> None:
        self.besluit.setEnabled(ja)
        self.grond.setEnabled(ja)
        self.motivering.setReadOnly(not ja)
        self.reden.setReadOnly(not ja)
        self.wijziging.setReadOnly(not ja)
        self.einddatum.setReadOnly(not ja)
        self.opslaan.setVisible(ja)


class BesluitPerVoorziening(QFrame):
    """Shows one beschikking's lines; `toon(detail, bewerkbaar)` fills it, `opgeslagen` is called after a save."""

    def __init__(self, wijzig: Callable[..., bs.BeschikkingDetail],
                 melding: Callable[[str, bool], None], parent: QWidget | None = None, *,
                 schrijf: Callable[..., None] | None = None) -> None:
        """`schrijf(eigenaar, fn, klaar, fout)`: the operations layer's write (ui.ops.Ops.schrijf), so a save runs
        off the GUI thread; without it (a bare widget in a test) the save runs in place."""
        super().__init__(parent)
        self.setObjectName("besluit_per_voorziening")
        self._wijzig = wijzig
        self._schrijf = schrijf
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
        self.schuifvlak.setMaximumHeight(240)
        lay.addWidget(self.schuifvlak)
        self.hide()

    def heeft_wijzigingen(self) -> bool:
        """Unsaved input in a line: a refresh from elsewhere must not overwrite it."""
        return any(r.gewijzigd() for r in self.rijen)

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
            rij = RegelRij(regel, opties, n, herziening=detail.type == BeschikkingType.HERZIENING.value,
                           beeindiging=detail.type == BeschikkingType.BEEINDIGING.value)
            r = 2 * n - 1
            grid.addWidget(rij.product, r, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(_stapel(rij.besluit, rij.grond, rij.einddatum_label, rij.einddatum), r, 1,
                           Qt.AlignmentFlag.AlignTop)
            grid.addWidget(_stapel(rij.besluit_fout, rij.grond_fout, rij.einddatum_fout), r + 1, 1)
            grid.addWidget(_stapel(rij.motivering, rij.reden, rij.wijziging), r, 2)
            grid.addWidget(_stapel(rij.motivering_fout, rij.reden_fout, rij.wijziging_fout), r + 1, 2)
            grid.addWidget(rij.opslaan, r, 3, Qt.AlignmentFlag.AlignTop)
            # Room for the product with its netto line, and for the reasons with the field under them.
            grid.setRowMinimumHeight(r, max(rij.motivering.height() + rij.reden.sizeHint().height() + 6
                                            + (rij.wijziging.height() + 4 if rij.herziening else 0),
                                            rij.product.heightForWidth(160) + 4, 96))
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
        """Save one line, off the GUI thread when a writer (`schrijf`, ui.ops) is given; on refusal the message
        stands at the field and nothing is stored. Returns whether the save was handed in (or succeeded)."""
        if self.detail is None:
            return False
        rij.wis_fouten()
        self.fout.hide()
        waarden, versie, regel_id = rij.waarden(), self.detail.versie, rij.regel.id
        if "einddatum" in waarden:
            try:
                waarden["einddatum"] = lees_datum(str(waarden["einddatum"]))
            except ValueError:
                rij.toon_fout("einddatum", DatumVeld.FOUT)
                rij.einddatum.setFocus()
                return False
        if self._schrijf is not None:
            self._schrijf(self, lambda: self._wijzig(regel_id, **waarden, versie=versie),
                          lambda nieuw: self._opgeslagen(rij, nieuw), lambda exc: self._geweigerd(rij, exc))
            return True
        try:
            nieuw = self._wijzig(regel_id, **waarden, versie=versie)
        except ConsulentFout as exc:
            self._geweigerd(rij, exc)
            return False
        self._opgeslagen(rij, nieuw)
        return True

    def _geweigerd(self, rij: RegelRij, exc: BaseException) -> bool:
        """Show a refusal at its field (or above the lines); True when handled here."""
        if isinstance(exc, ValidatieFout):
            for veld, tekst in exc.fouten.items():
                rij.toon_fout(veld, tekst)
            rij.veld_widget(next(iter(exc.fouten))).setFocus()
            return True
        if isinstance(exc, RegelFout):
            veld = "motivering" if "motivering" in exc.bericht else "besluit"
            rij.toon_fout(veld, exc.bericht)
            (rij.motivering if veld == "motivering" else rij.besluit).setFocus()
            return True
        if isinstance(exc, (ConflictFout, ConsulentFout)):
            self.fout.setText(exc.bericht)
            self.fout.show()
            self._melding(exc.bericht, True)
            return True
        return False

    def _opgeslagen(self, rij: RegelRij, nieuw: bs.BeschikkingDetail) -> None:
        # The whole decision got a new version; the other lines keep what the consultant typed.
        self.detail = nieuw
        opgeslagen = next((r for r in nieuw.regels if r.id == rij.regel.id), None)
        if opgeslagen is not None:
            rij.zet(opgeslagen)
        self._melding(f"Besluit over {rij.regel.product} opgeslagen: {rij.besluit.currentText().lower()}.", False)
