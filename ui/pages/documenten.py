"""Documenten of a dossier: make the report and the decision (PDF or Word), preview them, see every version."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from consulent_app.domain import BeschikkingStatus, BeschikkingType, Rol, Wet
from consulent_app.errors import ConsulentFout
from consulent_app.formatting import datum
from consulent_app.services import beschikkingen as bs
from consulent_app.services import documenten as ds
from consulent_app.services import dossiers
from ui import document_preview, ops
from ui.besluit_per_voorziening import BesluitPerVoorziening
from ui.document_preview import SOORT_LABEL
from ui.ops import Wijziging
from ui.pages.base import PageSpec, Shell, ouder, volg_wijziging
from ui.tablemodels import Kolom, Tabel, label_uit, tijdstip
from ui.widgets import Kaart, Keuzelijst, kop, laad, uitleg

ROLLEN = (Rol.CONSULENT, Rol.TOETSER, Rol.TEAMLEIDER, Rol.PLANNER)
FORMATEN = (("PDF", "pdf"), ("Word (docx)", "docx"))
TYPE_LABEL = {BeschikkingType.AANVRAAG.value: "beschikking", BeschikkingType.HERZIENING.value: "herziening",
              BeschikkingType.BEEINDIGING.value: "beëindiging"}
TYPE_KEUZE = (("Aanvraag", BeschikkingType.AANVRAAG.value), ("Herziening", BeschikkingType.HERZIENING.value),
              ("Beëindiging", BeschikkingType.BEEINDIGING.value))


def bron_tekst(b: ds.DocumentBron) -> str:
    """'Wmo 2015, gesprek 12 oktober 2026, afgerond; beschikking MAA-2026-000001 (concept)'."""
    delen = [Wet(b.wet).label]
    if b.na_periodiek_onderzoek:
        delen.append(f"periodiek onderzoek {datum(b.gesprek_datum)}" if b.gesprek_datum else "periodiek onderzoek")
    else:
        delen.append(f"gesprek {datum(b.gesprek_datum)}" if b.gesprek_datum else "nog geen gesprek")
        delen.append("onderzoek afgerond" if b.onderzoek_afgerond else "onderzoek loopt nog")
    tekst = ", ".join(delen)
    if b.beschikking_id is not None:
        status = BeschikkingStatus(b.beschikking_status).label.lower() if b.beschikking_status else ""
        tekst += f"; {TYPE_LABEL.get(b.beschikking_type or '', 'beschikking')} {b.kenmerk} ({status})"
    elif b.aanvraag_status == "open":
        tekst += "; aanvraag wacht op besluit"
    return tekst


class DocumentenPagina(QWidget):
    geladen = Signal()

    def __init__(self, shell: Shell) -> None:
        super().__init__(ouder(shell))
        self.shell = shell
        self.client_id: int | None = None
        self.bronnen: list[ds.DocumentBron] = []
        self.bezig = False
        self.laatste_preview: Any = None
        self.mag_maken = shell.actor.rol is Rol.CONSULENT
        self.is_toetser = shell.actor.rol is Rol.TOETSER  # stores the final letter once approved

        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 20, 28, 14)
        lay.setSpacing(12)
        kopregel = QHBoxLayout()
        self.titel = kop("Documenten")
        kopregel.addWidget(self.titel, 1)
        terug = QPushButton("Terug naar &dossier")
        terug.clicked.connect(self._terug)
        kopregel.addWidget(terug, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(kopregel)
        lay.addWidget(uitleg("Maak het gespreksverslag van een afgerond onderzoek en de beschikking op de aanvraag, "
                             "als PDF of als Word-bestand. Elk gemaakt document komt in de lijst hieronder; een "
                             "nieuwe versie vervangt nooit een oude."))

        kaart = Kaart()
        rij = QHBoxLayout()
        self.bron = Keuzelijst()
        self.bron.setObjectName("bron")
        self.bron.setMinimumWidth(480)
        self.bron.currentIndexChanged.connect(self._bron_gewijzigd)
        bron_label = QLabel("&Onderzoek")
        bron_label.setBuddy(self.bron)
        rij.addWidget(bron_label)
        rij.addWidget(self.bron, 1)
        kaart.inhoud.addLayout(rij)
        # The format on a row of its own: beside it the investigation's description (law, talk, status, kenmerk)
        # was cut off at 1366 px (issue 16).
        rij = QHBoxLayout()
        self.formaat = Keuzelijst()
        self.formaat.setObjectName("formaat")
        for tekst, code in FORMATEN:
            self.formaat.addItem(tekst, code)
        formaat_label = QLabel("&Formaat")
        formaat_label.setBuddy(self.formaat)
        rij.addWidget(formaat_label)
        rij.addWidget(self.formaat)
        rij.addStretch(1)
        kaart.inhoud.addLayout(rij)
        knoppen = QHBoxLayout()
        self.verslag_knop = QPushButton("&Verslag maken")
        self.verslag_knop.setObjectName("primair")
        self.verslag_knop.setToolTip("Gespreksverslag en ondersteuningsplan maken (Ctrl+Shift+V)")
        self.verslag_knop.clicked.connect(self.verslag_maken)
        self.beschikking_knop = QPushButton("Be&schikking maken")
        self.beschikking_knop.setObjectName("primair")
        self.beschikking_knop.setToolTip("Beschikking op de aanvraag maken (Ctrl+Shift+B)")
        self.beschikking_knop.clicked.connect(self.beschikking_maken)
        knoppen.addWidget(self.verslag_knop)
        knoppen.addWidget(self.beschikking_knop)
        # Where the consultant is when the documents are ready: offer the decision for review from here.
        from ui.toetsing_aanbieden import KNOP_TEKST, KNOP_UITLEG

        self.aanbied_knop = QPushButton(KNOP_TEKST)
        self.aanbied_knop.setToolTip(KNOP_UITLEG)
        self.aanbied_knop.clicked.connect(self.bied_aan)
        knoppen.addWidget(self.aanbied_knop)
        # The kind of decision is chosen once, when the concept is created; the core's default is preselected.
        self.type_keuze = Keuzelijst()
        self.type_keuze.setObjectName("beschikking_type")
        for tekst, code in TYPE_KEUZE:
            self.type_keuze.addItem(tekst, code)
        self.type_label = QLabel("Soort beschikkin&g")
        self.type_label.setBuddy(self.type_keuze)
        knoppen.addSpacing(12)
        knoppen.addWidget(self.type_label)
        knoppen.addWidget(self.type_keuze)
        knoppen.addStretch(1)
        kaart.inhoud.addLayout(knoppen)
        self.besluiten = BesluitPerVoorziening(
            lambda regel_id, **kw: bs.wijzig_regel(self.shell.ctx, self.shell.actor, regel_id, **kw),
            lambda tekst, fout: self.shell.melding(tekst, fout=fout),
            schrijf=lambda eigenaar, fn, klaar, fout: self.shell.ops.schrijf(
                eigenaar, fn, klaar, fout=fout, wijziging=Wijziging.van("beschikking", client_id=self.client_id,
                                                                        bron=self)))
        kaart.inhoud.addWidget(self.besluiten)
        self.status = QLabel()
        self.status.setObjectName("uitleg")
        self.status.setWordWrap(True)
        kaart.inhoud.addWidget(self.status)
        self.fout = QLabel()
        self.fout.setObjectName("fout")
        self.fout.setWordWrap(True)
        self.fout.setStyleSheet("color: #B3261E;")
        self.fout.hide()
        kaart.inhoud.addWidget(self.fout)
        kaart.setVisible(self.mag_maken or self.is_toetser)
        self.verslag_knop.setVisible(self.mag_maken)
        lay.addWidget(kaart)

        lijstkop = QHBoxLayout()
        lijstkop.addWidget(kop("Documenten in het dossier", niveau=2), 1)
        self.filter = QLineEdit()
        self.filter.setObjectName("filter")
        self.filter.setPlaceholderText("Soort, titel of naam")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMaximumWidth(320)
        filter_label = QLabel("F&ilter")
        filter_label.setBuddy(self.filter)
        lijstkop.addWidget(filter_label)
        lijstkop.addWidget(self.filter)
        self.bekijk_knop = QPushButton("B&ekijken")
        self.bekijk_knop.clicked.connect(self.bekijk_geselecteerd)
        lijstkop.addWidget(self.bekijk_knop)
        lay.addLayout(lijstkop)
        self.tabel = Tabel([
            Kolom("Soort", lambda d: d.soort, tekst=label_uit(SOORT_LABEL)),
            Kolom("Titel", lambda d: d.titel, rek=True),
            Kolom("Formaat", lambda d: d.formaat, tekst=lambda f: str(f).upper()),
            Kolom("Versie", lambda d: d.versie_nr, rechts=True),
            Kolom("Pagina's", lambda d: d.paginas, rechts=True),
            Kolom("Gemaakt op", lambda d: d.aangemaakt_op, tekst=tijdstip),
            Kolom("Door", lambda d: d.aangemaakt_door),
        ])
        self.tabel.setObjectName("documentenlijst")
        self.tabel.setAccessibleName("Documenten in het dossier")
        self.tabel.rij_geopend.connect(lambda d: self.bekijk(d.id))
        self.filter.textChanged.connect(self._filter)
        lay.addWidget(self.tabel, 1)
        # Like every other list: an empty list says what will appear, in its place, instead of a blank table.
        self.leeg = QLabel("Er zijn nog geen documenten in dit dossier. Een verslag of beschikking die u hierboven "
                           "maakt, verschijnt hier.")
        self.leeg.setObjectName("leeg")
        self.leeg.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.leeg.setWordWrap(True)
        self.leeg.hide()
        lay.addWidget(self.leeg, 1)

        QShortcut(QKeySequence("Ctrl+Shift+V"), self, activated=self.verslag_maken)
        QShortcut(QKeySequence("Ctrl+Shift+B"), self, activated=self.beschikking_maken)
        QShortcut(QKeySequence.StandardKey.Refresh, self, activated=self.vernieuw)
        self.setTabOrder(self.bron, self.formaat)
        self.setTabOrder(self.formaat, self.verslag_knop)
        self.setTabOrder(self.verslag_knop, self.beschikking_knop)
        self.setTabOrder(self.beschikking_knop, self.type_keuze)
        self.setTabOrder(self.type_keuze, self.filter)
        self.setTabOrder(self.filter, self.bekijk_knop)
        self.setTabOrder(self.bekijk_knop, self.tabel)
        self._bron_gewijzigd()

    # --- loading -------------------------------------------------------------------------------------------------

    def toon(self, client_id: int | None = None, onderzoek_id: int | None = None, **_: Any) -> None:
        if client_id is not None:
            self.client_id = client_id
        self._voorkeur = onderzoek_id
        self.vernieuw()

    def bij_wijziging(self, w: Any) -> None:
        """A decision of this client was reviewed, sent or changed elsewhere: read again; while a decision line has
        unsaved input, only when the page is shown next."""
        if self.client_id is not None:
            volg_wijziging(self, w, frozenset({"beschikking", "toetsing", "verzendlijst", "document", "onderzoek",
                                               "aanvraag"}),
                           client_id=self.client_id, houd_vast=self.besluiten.heeft_wijzigingen())

    def vernieuw(self) -> None:
        if self.client_id is None:
            return
        self.bezig = True
        ctx, actor, cid = self.shell.ctx, self.shell.actor, self.client_id

        def haal() -> tuple[str, list[ds.DocumentBron], list[ds.DocumentInfo]]:
            naam = dossiers.open_dossier(ctx, actor, cid).naam
            return naam, ds.documentbronnen(ctx, actor, cid), ds.lijst_documenten(ctx, actor, cid)

        laad(self, haal, self._geladen, self._laadfout)

    def _geladen(self, resultaat: tuple[str, list[ds.DocumentBron], list[ds.DocumentInfo]]) -> None:
        naam, bronnen, docs = resultaat
        self.titel.setText(f"Documenten van {naam}")
        vorige = self.bron.currentData()
        voorkeur = f"onderzoek:{self._voorkeur}" if getattr(self, "_voorkeur", None) else vorige
        self._voorkeur = None
        self.bronnen = bronnen
        self.bron.blockSignals(True)
        self.bron.clear()
        for b in bronnen:
            self.bron.addItem(bron_tekst(b), b.sleutel)
        if not bronnen:
            self.bron.addItem("Er is nog geen onderzoek in dit dossier", None)
        i = self.bron.findData(voorkeur)
        self.bron.setCurrentIndex(max(i, 0))
        self.bron.blockSignals(False)
        self.tabel.zet_rijen(docs)
        self.tabel.setVisible(bool(docs))
        self.leeg.setVisible(not docs)
        self.bezig = False
        self._bron_gewijzigd()  # reads the decision of the chosen source (busy again until it is shown)
        if not self.bezig:
            self.geladen.emit()

    def _laadfout(self, tekst: str) -> None:
        self.bezig = False
        self._toon_fout(tekst)
        self.geladen.emit()

    # --- state ---------------------------------------------------------------------------------------------------

    def huidige_bron(self) -> ds.DocumentBron | None:
        sleutel = self.bron.currentData()
        return next((b for b in self.bronnen if b.sleutel == sleutel), None)

    def _bron_gewijzigd(self) -> None:
        b = self.huidige_bron()
        self.verslag_knop.setEnabled(self.mag_maken and b is not None and b.verslag_mogelijk)
        goedgekeurd = b is not None and b.beschikking_status == BeschikkingStatus.GOEDGEKEURD.value
        self.beschikking_knop.setEnabled(b is not None and ((self.mag_maken and b.beschikking_mogelijk)
                                                            or (self.is_toetser and goedgekeurd)))
        self.beschikking_knop.setText("Defi&nitieve beschikking maken" if self.is_toetser else "Be&schikking maken")
        self.aanbied_knop.setVisible(self.mag_maken)
        self.aanbied_knop.setEnabled(self.mag_maken and b is not None and b.beschikking_id is not None
                                     and b.beschikking_status in (BeschikkingStatus.CONCEPT.value,
                                                                  BeschikkingStatus.TERUGGESTUURD.value))
        if b is None:
            self.status.setText("Er is nog geen onderzoek in dit dossier." if not self.bronnen else "")
        elif b.na_periodiek_onderzoek and b.beschikking_id is None and b.beschikking_mogelijk:
            self.status.setText("Na dit periodiek onderzoek volgt een beschikking (wijziging of beëindiging). Een "
                                "gespreksverslag hoort bij een onderzoek en kan hier niet worden gemaakt.")
        elif not b.onderzoek_afgerond:
            self.status.setText("Het onderzoek is nog niet afgerond. Rond eerst alle stappen af; daarna kunt u het "
                                "verslag en de beschikking maken.")
        elif b.beschikking_id is None and b.aanvraag_status != "open":
            self.status.setText("Er is nog geen formele aanvraag. Leg eerst de reactie van de cliënt en de datum "
                                "van de aanvraag vast; daarna kunt u de beschikking maken.")
        elif b.beschikking_status == BeschikkingStatus.VERZONDEN.value:
            self.status.setText(f"Beschikking {b.kenmerk} is verzonden; daarvan maakt u geen nieuwe versie meer.")
        else:
            self.status.setText("")
        self.status.setVisible(bool(self.status.text()))
        self._toon_keuzes(b)

    def _toon_keuzes(self, b: ds.DocumentBron | None) -> None:
        """The type chooser before the concept exists; the decision per provision once it does. Both are read off
        the GUI thread (ui.ops); the page counts as busy until they are shown."""
        kies_type = (self.mag_maken and b is not None and b.beschikking_id is None and b.aanvraag_id is not None
                     and b.beschikking_mogelijk)
        self.type_keuze.setVisible(kies_type)
        self.type_label.setVisible(kies_type)
        ctx, actor = self.shell.ctx, self.shell.actor
        aanvraag_id = b.aanvraag_id if kies_type and b is not None else None
        beschikking_id = (b.beschikking_id if b is not None and self.shell.actor.rol is not Rol.PLANNER else None)
        if aanvraag_id is None and beschikking_id is None:
            self.besluiten.toon(None, False)
            return

        def lees() -> tuple[str | None, bs.BeschikkingDetail | str | None]:
            standaard = None
            if aanvraag_id is not None:
                try:
                    standaard = bs.standaard_type(ctx, actor, aanvraag_id)
                except ConsulentFout:
                    standaard = BeschikkingType.AANVRAAG.value
            detail: bs.BeschikkingDetail | str | None = None
            if beschikking_id is not None:
                try:
                    detail = bs.haal_beschikking(ctx, actor, beschikking_id)
                except ConsulentFout as exc:
                    detail = exc.bericht
            return standaard, detail

        def klaar(uit: tuple[str | None, bs.BeschikkingDetail | str | None]) -> None:
            standaard, detail = uit
            if standaard is not None:
                self.type_keuze.setCurrentIndex(max(self.type_keuze.findData(standaard), 0))
            if isinstance(detail, str):
                self._toon_fout(detail)
                detail = None
            bewerkbaar = self.mag_maken and detail is not None and detail.status in bs.BEWERKBAAR
            self.besluiten.toon(detail, bewerkbaar)
            self._keuzes_klaar()

        def fout(_exc: BaseException) -> bool:
            self._keuzes_klaar()
            return False

        self.bezig = True
        self.shell.ops.lees(self, lees, klaar, fout=fout, sleutel="keuzes")

    def _keuzes_klaar(self) -> None:
        self.bezig = False
        self._focus_volgende()
        self.geladen.emit()

    def _focus_volgende(self) -> None:
        """Opened from the dossier, nothing had the keyboard (the dossier's button was hidden): the next thing to
        do gets it (make the decision, make the report), else the choice of investigation. Never the offer for
        review: one stray key must not send a decision to the reviewer."""
        from PySide6.QtWidgets import QApplication

        focus = QApplication.focusWidget()
        if not self.isVisible() or (focus is not None and self.isAncestorOf(focus)):
            return
        for knop in (self.beschikking_knop, self.verslag_knop):
            if knop.isVisible() and knop.isEnabled():
                knop.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.bron.setFocus(Qt.FocusReason.OtherFocusReason)

    def _filter(self, tekst: str) -> None:
        self.tabel.filter(tekst)

    def bied_aan(self) -> None:
        b = self.huidige_bron()
        if b is None or b.beschikking_id is None or b.kenmerk is None or not self.mag_maken:
            return
        from ui.toetsing_aanbieden import bied_aan

        self.fout.hide()
        bied_aan(self.shell, self, beschikking_id=b.beschikking_id, kenmerk=b.kenmerk, na=self.vernieuw,
                 fout=self._toon_fout)

    def _toon_fout(self, tekst: str) -> None:
        self.fout.setText(tekst)
        self.fout.show()
        self.shell.melding(tekst, fout=True)

    def _terug(self) -> None:
        if self.client_id is not None:
            self.shell.open_dossier(self.client_id)

    # --- actions -------------------------------------------------------------------------------------------------

    def _maak(self, titel: str, fn: Any) -> None:
        if self.bezig:
            return
        self.fout.hide()
        self.bezig = True
        self.shell.melding(f"{titel}…")

        def fout(exc: BaseException) -> bool:
            self._mislukt(ops.fout_tekst(exc))
            return True

        # On the window's writer (ui.ops): after a decision line saved just before, never ahead of it.
        self.shell.ops.schrijf(self, fn, self._gemaakt, fout=fout)

    def verslag_maken(self) -> None:
        b = self.huidige_bron()
        if b is None or b.onderzoek_id is None or not self.verslag_knop.isEnabled():
            return
        onderzoek_id = b.onderzoek_id
        ctx, actor, formaat = self.shell.ctx, self.shell.actor, self.formaat.currentData()
        self._maak("Verslag maken", lambda: ds.maak_verslag(ctx, actor, onderzoek_id, formaat))

    def beschikking_maken(self) -> None:
        b = self.huidige_bron()
        if b is None or not self.beschikking_knop.isEnabled():
            return
        ctx, actor, formaat = self.shell.ctx, self.shell.actor, self.formaat.currentData()
        soort = self.type_keuze.currentData() if self.type_keuze.isVisibleTo(self) else None

        def maak() -> ds.DocumentInfo:
            bid = b.beschikking_id
            if bid is None:
                assert b.aanvraag_id is not None
                bid = bs.maak_concept_beschikking(ctx, actor, b.aanvraag_id, type=soort)
            return ds.maak_beschikking_document(ctx, actor, bid, formaat)

        self._maak("Beschikking maken", maak)

    def _gemaakt(self, info: ds.DocumentInfo) -> None:
        self.bezig = False
        self.shell.ops.gewijzigd.emit(Wijziging.van("document", "beschikking", client_id=self.client_id, bron=self))
        soort = SOORT_LABEL.get(info.soort, info.soort)
        self.shell.melding(f"{soort} gemaakt: versie {info.versie_nr} ({info.formaat.upper()}).")
        self.vernieuw()
        self.bekijk(info.id)

    def _mislukt(self, tekst: str) -> None:
        self.bezig = False
        self._toon_fout(tekst)
        self.vernieuw()

    def bekijk_geselecteerd(self) -> None:
        d = self.tabel.huidige_rij()
        if d is not None:
            self.bekijk(d.id)

    def bekijk(self, document_id: int) -> None:
        def klaar(dlg: Any) -> None:
            self.laatste_preview = dlg

        self.laatste_preview = None
        # Through the module, as the dossier and the investigation do: a name copied in at import time kept a
        # test's stand-in for the preview after that test ended (the module first imported while it was in place),
        # so a later test in the same process never saw its preview open (test_documenten_ui under -n 2).
        document_preview.toon_document(self, document_id, self.shell.ctx, self.shell.actor, modaal=False,
                                       klaar=klaar)


PAGE = PageSpec(key="documenten", titel="Documenten", rollen=ROLLEN, maak=DocumentenPagina, volgorde=95,
                in_menu=False)
