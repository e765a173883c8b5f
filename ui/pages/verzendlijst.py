"""Verzendlijst: administrative staff take approved decisions from list to paper or PDF to 'verzonden'."""

from __future__ import annotations

import datetime as dt
import gc
import tempfile
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consulent_app import files, termijnen
from consulent_app.domain import Rol
from consulent_app.errors import ConsulentFout, SessieIngetrokken, ValidatieFout
from consulent_app.formatting import datum_kort
from consulent_app.services import verzending as vz
from consulent_app.services.verzending import VerzendRegel
from ui.afdrukken import PrintDoel, PrintUitkomst, QPrinterDoel, druk_af
from ui.ops import LangeTaak, Wijziging, fout_tekst
from ui.pages.base import PageSpec, Shell, ouder, volg_wijziging
from ui.tablemodels import DataclassTableModel, Index, Kolom, Tabel
from ui.tablemodels import datum_kort as datum_of_streep
from ui.widgets import (
    DatumVeld,
    Formulier,
    combo,
    een_keer_getekend,
    gedaan_regel,
    kop,
    laad,
    telt_als_tekenen,
    uitleg,
)


def aantal(n: int, enkel: str, meer: str) -> str:
    return f"{n} {enkel if n == 1 else meer}"


# --- the table with a check box per row ----------------------------------------------------------------------



def _bevestig_knoppen(dialoog: Any, tekst: str) -> tuple[QDialogButtonBox, QPushButton]:
    """The dialog's main button (default, calls dialoog.bevestig) and Annuleren (never pressed by Enter)."""
    knoppen = QDialogButtonBox()
    ok = knoppen.addButton(tekst, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setDefault(True)
    annuleer = knoppen.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
    annuleer.setAutoDefault(False)
    knoppen.accepted.connect(dialoog.bevestig)
    knoppen.rejected.connect(dialoog.reject)
    return knoppen, ok

_VINK = Qt.ItemDataRole.CheckStateRole
_VOORLEZEN = Qt.ItemDataRole.AccessibleTextRole


class KeuzeModel(DataclassTableModel[VerzendRegel]):
    """Column 0 is a check box: which decisions go into this batch. The choice survives a refresh.

    The check boxes live in the model's C++ cells like the texts (ui.tablemodels): a row's box is put in when its
    cells are (`na_vullen`), and changed there when it is ticked, so painting the list calls no Python per cell (a
    Python data() here did, for every cell and role: a frame of the 300-letter list cost 4 ms more)."""

    keuze_gewijzigd = Signal()

    def __init__(self, kolommen: Sequence[Kolom[VerzendRegel]], parent: QWidget | None = None) -> None:
        super().__init__(kolommen, parent=parent)
        self.gekozen: set[int] = set()
        self.met_keuze = True

    def zet_kolommen(self, kolommen: Sequence[Kolom[VerzendRegel]], *, met_keuze: bool) -> None:
        self.beginResetModel()
        self.kolommen = list(kolommen)
        self.met_keuze = met_keuze
        self.gekozen.clear()
        self.endResetModel()

    def zet_rijen(self, rijen: Sequence[VerzendRegel]) -> None:
        ids = {r.beschikking_id for r in rijen}
        self.gekozen &= ids
        super().zet_rijen(rijen)
        self.keuze_gewijzigd.emit()

    def na_vullen(self, rijen: list[int]) -> None:
        if getattr(self, "met_keuze", False):  # (the first, empty filling comes before __init__ has set it)
            self._zet_vakjes(rijen, vlag=True)

    def _zet_vakjes(self, rijen: Iterable[int], *, vlag: bool = False) -> None:
        """The boxes of these (filled) rows as `gekozen` says, `vlag`: made tickable first (when the row's cells are
        put in); the caller blocks the signals."""
        zet = partial(QStandardItemModel.setData, self)
        for r in rijen:
            idx = QStandardItemModel.index(self, r, 0)
            if vlag:
                item = self.itemFromIndex(idx)
                if item is not None:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            aan = self.rijen[r].beschikking_id in self.gekozen
            zet(idx, Qt.CheckState.Checked if aan else Qt.CheckState.Unchecked, _VINK)
            zet(idx, "gekozen" if aan else "niet gekozen", _VOORLEZEN)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not self.met_keuze or not index.isValid() or index.column() != 0 \
                or role != Qt.ItemDataRole.CheckStateRole:
            return False
        bid = self.rijen[index.row()].beschikking_id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.gekozen.add(bid)
        else:
            self.gekozen.discard(bid)
        if self.is_gevuld(index.row()):
            with self.stil():
                self._zet_vakjes([index.row()])
        self.dataChanged.emit(index, index, [_VINK])
        self.keuze_gewijzigd.emit()
        return True

    def kies(self, ids: set[int]) -> None:
        """Exactly these decisions ticked. Only the rows whose box changes are touched and announced: "Niets kiezen"
        after sending 30 of 300 letters rewrote and repainted every box (issue 13)."""
        nieuw = set(ids)
        wissel = self.gekozen ^ nieuw
        self.gekozen = nieuw
        rijen = [r for r, regel in enumerate(self.rijen) if regel.beschikking_id in wissel] if wissel else []
        if rijen:
            if self.met_keuze:
                with self.stil():
                    self._zet_vakjes(self.gevulde(rijen))
            self.dataChanged.emit(self.index(rijen[0], 0), self.index(rijen[-1], 0), [_VINK])
        self.keuze_gewijzigd.emit()


class _SpatieKiest(QObject):
    """Space on a row ticks or unticks it, wherever the cursor is in the row."""

    def __init__(self, tabel: Tabel, model: KeuzeModel) -> None:
        super().__init__(tabel)
        self.tabel = tabel
        self.model = model

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Space and self.model.met_keuze:
            idx = self.tabel.currentIndex()
            if idx.isValid():
                bron = self.tabel.proxy.mapToSource(idx)
                rij = self.model.rij(bron.row())
                aan = rij.beschikking_id not in self.model.gekozen
                self.model.setData(self.model.index(bron.row(), 0),
                                   Qt.CheckState.Checked if aan else Qt.CheckState.Unchecked,
                                   Qt.ItemDataRole.CheckStateRole)
                return True
        return False


def _kolommen(verzonden: bool = False) -> list[Kolom[VerzendRegel]]:
    kenmerk = Kolom("Kenmerk", lambda r: r.kenmerk, min_breedte=150)
    client = Kolom("Cliënt", lambda r: r.client_naam, rek=True, min_breedte=150,
                   tooltip=lambda r: f"{r.client_naam}, {r.team or 'geen team'}")
    wet = Kolom("Wet", lambda r: r.wet_label)
    team = Kolom("Team", lambda r: (r.team or "").removeprefix("Gebiedsteam "), tooltip=lambda r: r.team)
    bijlagen = Kolom("Bijlagen", lambda r: ", ".join(r.bijlage_namen) or "geen",
                     tooltip=lambda r: ", ".join(r.bijlage_namen) or "Geen bijlagen")
    if verzonden:
        return [
            kenmerk, client, wet, team,
            Kolom("Verzonden", lambda r: r.verzonden_op, tekst=datum_of_streep),
            Kolom("Hoe", lambda r: vz.VERZENDWIJZE_LABEL.get(r.verzendwijze or "", "–")),
            Kolom("Bezwaar t/m", lambda r: r.bezwaartermijn_einde, tekst=datum_of_streep,
                  tooltip=lambda _r: f"Laatste dag van de bezwaartermijn ({termijnen.BEZWAAR.artikel})"),
            bijlagen,
        ]
    return [
        Kolom("", lambda _r: "", tekst=lambda _w: "", min_breedte=60, sorteer=lambda r: 0,  # the box; 60: the list's least
              tooltip=lambda _r: "Aanvinken om mee te nemen (spatiebalk)"),
        kenmerk, client, wet,
        Kolom("Consulent", lambda r: r.consulent, tooltip=lambda r: f"{r.consulent} ({r.team})"),
        Kolom("Goedgekeurd", lambda r: r.goedgekeurd_op, tekst=datum_of_streep),
        Kolom("Blz.", lambda r: r.paginas, tekst=lambda n: "–" if n is None else str(n), rechts=True,
              tooltip=_paginas_tip),
        bijlagen,
        Kolom("Afgedrukt", lambda r: "ja" if r.afgedrukt else "nee",
              pil=lambda r: "groen" if r.afgedrukt else "grijs",
              tooltip=lambda r: "Al eens afgedrukt of in een printbestand gezet" if r.afgedrukt
              else "Nog niet afgedrukt: eerst afdrukken of een PDF maken, dan pas verzenden"),
    ]


def _paginas_tip(r: VerzendRegel) -> str:
    if r.paginas is None:
        return "Nog niet bekend: het aantal pagina's staat hier zodra de brief één keer is bekeken of afgedrukt"
    tekst = f"De brief: {aantal(r.paginas, 'pagina', 'pagina’s')}"
    if r.bijlage_namen:
        tekst += ("; de bijlagen: nog niet alle geteld" if r.bijlage_paginas is None
                  else f"; met de bijlagen samen {r.paginas + r.bijlage_paginas}")
    return tekst


# --- dialogs -------------------------------------------------------------------------------------------------


class VerzendDialoog(QDialog):
    """'Markeren als verzonden': the sending date (today by default) and how; the core checks everything."""

    def __init__(self, shell: Shell, regels: Sequence[VerzendRegel], parent: QWidget | None = None,
                 vandaag: dt.date | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.regels = list(regels)
        self.vandaag = vandaag or dt.date.today()
        self.uitkomst: list[vz.VerzendUitkomst] = []
        self.setWindowTitle("Markeren als verzonden")
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        lay.setSpacing(10)
        lay.addWidget(kop(f"{aantal(len(regels), 'beschikking', 'beschikkingen')} als verzonden markeren", niveau=2))
        lijst = ", ".join(r.kenmerk for r in self.regels[:6]) + (" …" if len(self.regels) > 6 else "")
        lay.addWidget(uitleg(f"{lijst}\n\nDe verzenddatum start de bezwaartermijn van {termijnen.BEZWAAR.lengte} "
                             f"({termijnen.BEZWAAR.artikel}). Daarna kan de "
                             "beschikking niet meer worden gewijzigd, en worden de toegekende voorzieningen "
                             "klaargezet voor de aanbieder."))
        self.form = Formulier(self)
        self.datum = DatumVeld()
        # The letters carry their sending date: propose that one (when they share it), else today.
        gedateerd = {r.briefdatum for r in self.regels}
        voorstel = gedateerd.pop() if len(gedateerd) == 1 else None
        self.datum.zet_datum(voorstel if voorstel is not None and voorstel <= self.vandaag else self.vandaag)
        self.form.voeg_toe("datum", "&Verzenddatum", self.datum, hint="De dag waarop de brieven de deur uit gaan.")
        self.wijze = combo([(label, code) for code, label in vz.VERZENDWIJZE_LABEL.items()])
        self.form.voeg_toe("wijze", "&Hoe verstuurd", self.wijze)
        lay.addWidget(self.form)
        self.knoppen, self.ok = _bevestig_knoppen(self, "&Markeren als verzonden")
        lay.addWidget(self.knoppen)

    def bevestig(self) -> None:
        waarden = self.form.lees()
        if waarden is None:
            return
        ctx, actor, vandaag = self.shell.ctx, self.shell.actor, self.vandaag
        ids = [r.beschikking_id for r in self.regels]
        versies = {r.beschikking_id: r.versie for r in self.regels}

        naar_velden = self.form.schrijffout()

        def fout(exc: BaseException) -> bool:
            self.ok.setEnabled(True)
            return naar_velden(exc)

        def klaar(uitkomst: list[vz.VerzendUitkomst]) -> None:
            self.uitkomst = uitkomst
            self.accept()

        self.ok.setEnabled(False)
        # Each decision in its own transaction, with progress and Annuleren between decisions (ui.ops.lang).
        self.shell.ops.lang(self, "Markeren als verzonden", lambda voortgang, gestopt: vz.markeer_verzonden(
            ctx, actor, ids, waarden["datum"], waarden["wijze"], versies=versies, vandaag=vandaag,
            voortgang=voortgang, geannuleerd=gestopt), klaar, fout=fout,
            wijziging=Wijziging.van("beschikking", "verzendlijst", "werkvoorraad"))


class BijlagenDialoog(QDialog):
    def __init__(self, regel: VerzendRegel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Bijlagen bij {regel.kenmerk}")
        self.setMinimumWidth(480)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 14)
        lay.setSpacing(8)
        lay.addWidget(uitleg("Wat gaat er mee in de envelop? De bijlagen komen na de brief, in deze volgorde. "
                             "Of het verslag meegaat, staat in de goedgekeurde brief."))
        self.vakjes: dict[str, QCheckBox] = {}
        gekozen = [(c, n) for c, n in zip(regel.bijlagen, regel.bijlage_namen, strict=False) if c not in vz.BIJLAGEN]
        for i, (code, label) in enumerate([*vz.BIJLAGEN.items(), *gekozen], start=1):
            vak = QCheckBox(f"&{i}  {label}" if i < 10 else label)
            vak.setChecked(code in regel.bijlagen)
            if code == "verslag":
                vak.setEnabled(False)
                vak.setToolTip("Of het verslag meegaat, staat in de goedgekeurde brief; dat ligt vast.")
            self.vakjes[code] = vak
            lay.addWidget(vak)
        knoppen = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        knoppen.button(QDialogButtonBox.StandardButton.Ok).setText("&Opslaan")
        knoppen.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        knoppen.accepted.connect(self.accept)
        knoppen.rejected.connect(self.reject)
        lay.addWidget(knoppen)

    def gekozen(self) -> list[str]:
        return [c for c, v in self.vakjes.items() if v.isChecked()]


class BijlageToevoegenDialoog(QDialog):
    """One enclosure for every chosen letter: a PDF file chosen once (or one chosen before), with the name the
    list shows. The file is read and checked by the core, off the GUI thread; messages come at the fields."""

    NIEUW = -1

    def __init__(self, shell: Shell, regels: Sequence[VerzendRegel], eerder: Sequence[vz.VerzendBijlageView],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.regels = list(regels)
        self.uitkomst: vz.BijlageToegevoegd | None = None
        # Replaceable in tests: the system's file dialog.
        self.kies_bestand: Callable[[], str | None] = self._kies_bestand
        n = len(self.regels)
        self.setWindowTitle("Bijlage toevoegen")
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        lay.setSpacing(10)
        lay.addWidget(kop(f"Bijlage bij {aantal(n, 'gekozen brief', 'gekozen brieven')}", niveau=2))
        lay.addWidget(uitleg("De bijlage gaat mee met elke gekozen brief, na de brief en de andere bijlagen. Het "
                             "bestand wordt één keer bewaard; bij verzending komt het in het dossier van elke cliënt."))
        self.form = Formulier(self)
        self.keuze = combo([("Een nieuw PDF-bestand", self.NIEUW)] + [
            (f"{b.titel} ({aantal(b.paginas, 'pagina', 'pagina’s')}, {datum_kort(b.aangemaakt_op.date())})", b.id)
            for b in eerder])
        self.form.voeg_toe("bijlage", "&Bijlage", self.keuze,
                           hint="Een folder die al eerder is gekozen, of een nieuw bestand." if eerder else None)
        self.pad = QLineEdit()
        self.pad.setPlaceholderText("Kies een PDF-bestand")
        self.kies_knop = QPushButton("Bestand &kiezen…")
        self.kies_knop.setAutoDefault(False)
        self.kies_knop.clicked.connect(self._kies)
        bestand = QWidget()
        rij = QHBoxLayout(bestand)
        rij.setContentsMargins(0, 0, 0, 0)
        rij.addWidget(self.pad, 1)
        rij.addWidget(self.kies_knop)
        bestand.setFocusProxy(self.pad)
        self.form.voeg_toe("bestand", "B&estand", bestand)
        self.titel = QLineEdit()
        self.titel.setMaxLength(120)
        self.titel.setPlaceholderText("Bijvoorbeeld: Folder Wmo-vervoer")
        self.form.voeg_toe("titel", "&Naam in de lijst", self.titel)
        lay.addWidget(self.form)
        self.knoppen, self.ok = _bevestig_knoppen(self, f"&Toevoegen aan {aantal(n, 'brief', 'brieven')}")
        lay.addWidget(self.knoppen)
        self.keuze.currentIndexChanged.connect(self._keuze_gewijzigd)
        self.pad.textEdited.connect(lambda _t: self.form.fouten["bestand"].hide())
        self.titel.textEdited.connect(lambda _t: self.form.fouten["titel"].hide())
        self._keuze_gewijzigd()

    def _keuze_gewijzigd(self) -> None:
        nieuw = self.keuze.currentData() == self.NIEUW
        self.form.toon_rij("bestand", nieuw)
        self.form.toon_rij("titel", nieuw)

    def _kies_bestand(self) -> str | None:
        pad, _ = QFileDialog.getOpenFileName(self, "Bijlage kiezen", str(Path.home()), "PDF-bestanden (*.pdf)")
        return pad or None

    def _kies(self) -> None:
        pad = self.kies_bestand()
        if not pad:
            return
        self.pad.setText(pad)
        self.form.fouten["bestand"].hide()
        if not self.titel.text().strip():  # the file's name as a start; the user makes it readable
            self.titel.setText(Path(pad).stem.replace("_", " ").replace("-", " ").strip().capitalize())
        self.titel.setFocus()
        self.titel.selectAll()

    def bevestig(self) -> None:
        self.form.wis_fouten()
        ctx, actor = self.shell.ctx, self.shell.actor
        ids = [r.beschikking_id for r in self.regels]
        versies = {r.beschikking_id: r.versie for r in self.regels}
        gekozen = self.keuze.currentData()
        pad, titel = self.pad.text().strip(), self.titel.text()
        if gekozen == self.NIEUW and not pad:
            self.form.toon_fouten({"bestand": "Kies eerst het PDF-bestand dat mee moet (Bestand kiezen…)."})
            return

        def doe() -> vz.BijlageToegevoegd:
            if gekozen != self.NIEUW:
                return vz.voeg_bijlage_toe(ctx, actor, ids, bijlage_id=gekozen, versies=versies)
            try:
                data = Path(pad).read_bytes()
            except OSError as exc:
                raise ValidatieFout.veld("bestand", f"Het bestand kan niet worden gelezen: {exc.strerror or exc}.") \
                    from exc
            return vz.voeg_bijlage_toe(ctx, actor, ids, pdf=data, titel=titel, bestandsnaam=Path(pad).name,
                                       versies=versies)

        naar_velden = self.form.schrijffout()

        def fout(exc: BaseException) -> bool:
            self.ok.setEnabled(True)
            return naar_velden(exc)

        def klaar(uit: vz.BijlageToegevoegd) -> None:
            self.uitkomst = uit
            self.accept()

        self.ok.setEnabled(False)
        self.shell.ops.schrijf(self, doe, klaar, fout=fout, wijziging=Wijziging.van("beschikking", "verzendlijst"))


# --- the page --------------------------------------------------------------------------------------------------


class Verzendlijst(QWidget):
    TE_VERZENDEN, VERZONDEN = "te_verzenden", "verzonden"

    def __init__(self, shell: Shell) -> None:
        super().__init__(ouder(shell))
        self.shell = shell
        self.setObjectName("verzendlijst")
        self.taak: LangeTaak | None = None  # printing or making the PDF (ui.ops.lang): cancel() stops it
        self.laatste_melding = ""
        # Replaceable in tests: the system dialogs.
        self.kies_printer: Callable[[], PrintDoel | None] = self._kies_printer
        self.kies_bestand: Callable[[str, str], str | None] = self._kies_bestand

        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 22, 28, 18)
        lay.setSpacing(10)
        kopregel = QHBoxLayout()
        # Every widget made in the page: styled once, not again when a layout moves it in (issue 13).
        kopregel.addWidget(kop("Verzendlijst", parent=self), 1)
        self.vernieuw_knop = QPushButton("Vernieuwen", self)
        self.vernieuw_knop.setToolTip("Lijst opnieuw laden (F5)")
        self.vernieuw_knop.clicked.connect(self.vernieuw)
        kopregel.addWidget(self.vernieuw_knop)
        lay.addLayout(kopregel)
        self.toelichting = uitleg("", self)
        lay.addWidget(self.toelichting)
        # What the last action did, until the next one (the status bar message goes after a few seconds).
        self.gedaan = gedaan_regel(self)
        lay.addWidget(self.gedaan)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        self.soort = combo([("Te verzenden", self.TE_VERZENDEN), ("Verzonden (afschrift)", self.VERZONDEN)], parent=self)
        self.team = combo([], leeg="Alle teams", parent=self)
        self.van = DatumVeld(self)
        self.tot = DatumVeld(self)
        for w in (self.van, self.tot):
            w.setFixedWidth(110)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Naam of kenmerk")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(170)
        self.team.setMinimumContentsLength(14)
        self.team.setMaximumWidth(210)
        self.team.setSizeAdjustPolicy(self.team.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for tekst, w in (("&Lijst", self.soort), ("&Team", self.team), ("&Goedgekeurd van", self.van),
                         ("t/&m", self.tot), ("&Zoeken", self.filter)):
            lab = QLabel(tekst, self)
            lab.setBuddy(w)
            filters.addWidget(lab)
            filters.addWidget(w)
            if w is self.van:
                self.van_label = lab
        filters.addStretch(1)
        lay.addLayout(filters)
        self.filterfout = QLabel(self)
        self.filterfout.setObjectName("veldfout")
        self.filterfout.hide()
        lay.addWidget(self.filterfout)

        # Made in the page: styled once (ui.pages.base.ouder); with its model with the check boxes.
        self.tabel = Tabel(_kolommen(), self, model=KeuzeModel)
        assert isinstance(self.tabel.bron, KeuzeModel)
        self.model: KeuzeModel = self.tabel.bron
        self.tabel.setAccessibleName("Verzendlijst")
        self.tabel.installEventFilter(_SpatieKiest(self.tabel, self.model))
        telt_als_tekenen(self.tabel.viewport())  # no step of the page's loading in the turn of its paint
        lay.addWidget(self.tabel, 1)
        self.leeg = QLabel(self)
        self.leeg.setObjectName("leeg")
        self.leeg.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.leeg.setWordWrap(True)
        self.leeg.hide()
        lay.addWidget(self.leeg, 1)

        keuzeregel = QHBoxLayout()
        self.alles = QPushButton("&Alles kiezen", self)
        self.niets = QPushButton("&Niets kiezen", self)
        self.teller = QLabel(self)
        self.teller.setObjectName("teller")
        self.teller.setWordWrap(True)  # the count with pages takes two lines rather than squeezing the date
        keuzeregel.addWidget(self.alles)
        keuzeregel.addWidget(self.niets)
        keuzeregel.addWidget(self.teller, 1)
        # The date on the letter is the day it is sent (Awb 3:41): the letters are dated on this day when produced.
        self.verzenddatum = DatumVeld(self)
        self.verzenddatum.setObjectName("verzenddatum")
        self.verzenddatum.zet_datum(dt.date.today())
        self.verzenddatum.setFixedWidth(110)  # never squeezed by a long count beside it
        self.verzenddatum.setToolTip("De datum die op de brieven komt: de dag waarop ze de deur uit gaan. Daarmee "
                                     "begint de bezwaartermijn.")
        self.verzenddatum_label = QLabel("V&erzenddatum op de brief", self)
        self.verzenddatum_label.setBuddy(self.verzenddatum)
        # Made after the date: made in the page, the Tab key goes through widgets in the order they are made.
        self.duplex = QCheckBox("D&ubbelzijdig (elke brief begint op een voorkant)", self)
        self.duplex.setChecked(True)
        keuzeregel.addWidget(self.verzenddatum_label)
        keuzeregel.addWidget(self.verzenddatum)
        keuzeregel.addWidget(self.duplex)
        lay.addLayout(keuzeregel)
        self.verzenddatum_fout = QLabel(self)
        self.verzenddatum_fout.setObjectName("fout")
        self.verzenddatum_fout.setWordWrap(True)
        self.verzenddatum_fout.setStyleSheet("color: #B3261E;")
        self.verzenddatum_fout.hide()
        lay.addWidget(self.verzenddatum_fout)

        acties = QHBoxLayout()
        acties.setSpacing(8)
        self.voorbeeld_knop = QPushButton("Voo&rbeeld", self)
        self.voorbeeld_knop.setToolTip("De brief van de huidige regel bekijken (Enter)")
        self.bijlagen_knop = QPushButton("B&ijlagen…", self)
        self.bijlagen_knop.setToolTip("De bijlagen van de brief op de huidige regel")
        self.bijlage_alle_knop = QPushButton("Bijlage v&oor gekozen…", self)
        self.bijlage_alle_knop.setToolTip("Eén bijlage, zoals een folder, bij alle gekozen brieven tegelijk "
                                          "(Ctrl+Shift+B)")
        self.print_knop = QPushButton("Af&drukken…", self)
        self.print_knop.setToolTip("De gekozen brieven afdrukken via het afdrukvenster (Ctrl+P)")
        self.pdf_knop = QPushButton("&PDF voor printstraat maken…", self)
        self.pdf_knop.setToolTip("Eén PDF-bestand met alle gekozen brieven en bijlagen (Ctrl+Shift+S)")
        self.verzend_knop = QPushButton("Markeren als &verzonden…", self)
        self.verzend_knop.setObjectName("primair")
        self.verzend_knop.setToolTip("Verzenddatum vastleggen: start de bezwaartermijn (Ctrl+M)")
        self.afschrift_knop = QPushButton("Af&schrift afdrukken…", self)
        self.afschrift_knop.setToolTip("Een kopie van de verzonden brief afdrukken, met AFSCHRIFT erop")
        self.afschrift_pdf_knop = QPushButton("Afschrift als P&DF…", self)
        acties.addWidget(self.voorbeeld_knop)
        acties.addWidget(self.bijlagen_knop)
        acties.addWidget(self.bijlage_alle_knop)
        acties.addStretch(1)
        for b in (self.print_knop, self.pdf_knop, self.verzend_knop, self.afschrift_knop, self.afschrift_pdf_knop):
            acties.addWidget(b)
        lay.addLayout(acties)

        self.soort.currentIndexChanged.connect(self._soort_gewijzigd)
        self.team.currentIndexChanged.connect(self.vernieuw)
        self.van.editingFinished.connect(self.vernieuw)
        self.tot.editingFinished.connect(self.vernieuw)
        self.filter.textChanged.connect(self._filter)
        self.alles.clicked.connect(self.kies_alles)
        self.niets.clicked.connect(lambda: self.model.kies(set()))
        self.model.keuze_gewijzigd.connect(self._bij_keuze)
        self.tabel.rij_geopend.connect(lambda _r: self.voorbeeld())
        self.tabel.gefilterd.connect(self._bij_keuze)  # a long list's filter looked at its last rows later
        self.voorbeeld_knop.clicked.connect(self.voorbeeld)
        self.bijlagen_knop.clicked.connect(self.bijlagen)
        self.bijlage_alle_knop.clicked.connect(self.bijlage_voor_gekozen)
        QShortcut(QKeySequence("Ctrl+Shift+B"), self, activated=self.bijlage_voor_gekozen)
        self.print_knop.clicked.connect(self.afdrukken)
        self.pdf_knop.clicked.connect(self.maak_pdf)
        self.verzend_knop.clicked.connect(lambda: self.markeer_verzonden())
        self.afschrift_knop.clicked.connect(self.afschrift_afdrukken)
        self.afschrift_pdf_knop.clicked.connect(self.afschrift_pdf)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.afdrukken)
        QShortcut(QKeySequence("Ctrl+Shift+S"), self, activated=self.maak_pdf)
        QShortcut(QKeySequence("Ctrl+M"), self, activated=lambda: self.markeer_verzonden())
        QShortcut(QKeySequence("F5"), self, activated=self.vernieuw)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.filter.setFocus)
        self._teams_geladen = False
        self._zet_soort()  # the list is read when the page is shown (toon), not twice

    # --- loading -------------------------------------------------------------------------------------------

    def toon(self, **_params: Any) -> None:
        self.vernieuw()

    def verzonden_modus(self) -> bool:
        return self.soort.currentData() == self.VERZONDEN

    def _soort_gewijzigd(self) -> None:
        self._zet_soort()
        self.vernieuw()

    def _zet_soort(self) -> None:
        """Texts, buttons and columns for 'te verzenden' or 'verzonden' (the list is read by the caller)."""
        verzonden = self.verzonden_modus()
        self.toelichting.setText(
            "Verzonden beschikkingen. Een afschrift is een kopie met AFSCHRIFT erop; de verzenddatum en de "
            "bezwaartermijn van het origineel veranderen niet." if verzonden else
            "Goedgekeurde beschikkingen die nog weg moeten. Vink de brieven aan, druk ze af of maak één PDF voor "
            "de printstraat, en markeer ze daarna als verzonden. De verzenddatum start de bezwaartermijn.")
        for b in (self.print_knop, self.pdf_knop, self.verzend_knop, self.bijlagen_knop, self.bijlage_alle_knop,
                  self.duplex, self.alles,
                  self.niets, self.verzenddatum, self.verzenddatum_label):
            b.setVisible(not verzonden)
        for b in (self.afschrift_knop, self.afschrift_pdf_knop):
            b.setVisible(verzonden)
        if self.model.met_keuze == verzonden:  # the other list's columns (made with those of 'te verzenden')
            self.model.zet_kolommen(_kolommen(verzonden), met_keuze=not verzonden)
        self.van_label.setText("V&erzonden van" if verzonden else "&Goedgekeurd van")
        self.model.kies(set())

    def bij_wijziging(self, w: Any) -> None:
        """A decision was approved, returned or sent elsewhere: the list reads again."""
        volg_wijziging(self, w, frozenset({"beschikking", "toetsing", "verzendlijst"}))

    def vernieuw(self) -> None:
        if not self._teams_geladen:
            self._teams_geladen = True
            try:
                for t in self.shell.ops.gegeven("teams"):
                    self.team.addItem(t.naam, t.id)
            except ConsulentFout:
                pass
        self.filterfout.hide()
        try:
            van, tot = self.van.datum(), self.tot.datum()
        except ValueError:
            self.filterfout.setText(DatumVeld.FOUT)
            self.filterfout.show()
            return
        team_id, verzonden = self.team.currentData(), self.verzonden_modus()
        self.teller.setText("Laden…")
        laad(self, lambda: vz.verzendlijst(self.shell.ctx, self.shell.actor, team_id=team_id, van=van, tot=tot,
                                           verzonden=verzonden),
             self._geladen, self._laadfout)

    def _laadfout(self, msg: str) -> None:
        self.filterfout.setText(msg)
        self.filterfout.show()
        self.teller.setText("")

    def _geladen(self, rijen: list[VerzendRegel]) -> None:
        with een_keer_getekend(self.tabel):  # its new rows and column widths painted once
            self.tabel.zet_rijen(rijen)
        leeg = not rijen
        self.leeg.setText("Er zijn geen verzonden beschikkingen die aan deze filters voldoen." if
                          self.verzonden_modus() else
                          "Er liggen geen goedgekeurde beschikkingen klaar om te verzenden. Goed gedaan!")
        self.leeg.setVisible(leeg)
        self.tabel.setVisible(not leeg)
        self._bij_keuze()
        # Page counts come with the list (stored, or kept when a letter was rendered): nothing is rendered here.

    def _filter(self, tekst: str) -> None:
        self.tabel.filter(tekst)
        self._bij_keuze()

    def _bij_keuze(self) -> None:
        zichtbaar = self.tabel.proxy.rowCount()  # a count: the rows themselves cost a call per row (300: 2 ms)
        gekozen = self.gekozen()
        tekst = f"{aantal(zichtbaar, 'beschikking', 'beschikkingen')}"
        if not self.verzonden_modus():
            tekst += f" · {len(gekozen)} gekozen"
            if gekozen and all(r.paginas is not None for r in gekozen):
                brieven = sum(r.paginas or 0 for r in gekozen)
                bijlagen = sum(r.bijlage_paginas or 0 for r in gekozen)
                if all(r.bijlage_paginas is not None for r in gekozen):
                    tekst += f" ({aantal(brieven + bijlagen, 'pagina', 'pagina’s')} met bijlagen)"
                else:  # a report not stored yet has no count: say so rather than count too few
                    tekst += (f" (ten minste {aantal(brieven + bijlagen, 'pagina', 'pagina’s')}; niet elk verslag "
                              "is al geteld)")
        self.teller.setText(tekst)
        iets = bool(gekozen)
        for b in (self.print_knop, self.pdf_knop, self.verzend_knop, self.bijlage_alle_knop):
            b.setEnabled(iets and self.taak is None)
        huidig = self.tabel.huidige_rij() is not None
        for b in (self.voorbeeld_knop, self.bijlagen_knop, self.afschrift_knop, self.afschrift_pdf_knop):
            b.setEnabled(huidig)

    # --- choosing ------------------------------------------------------------------------------------------

    def gekozen(self) -> list[VerzendRegel]:
        return [r for r in self.model.rijen if r.beschikking_id in self.model.gekozen]

    def kies_alles(self) -> None:
        """Tick every row that is visible under the current search filter (without one: every row, without asking
        the list for each row in the order shown)."""
        rijen = self.tabel.rijen() if self.tabel.proxy.filterRegularExpression().pattern() else self.model.rijen
        self.model.kies(self.model.gekozen | {r.beschikking_id for r in rijen})

    # --- preview, enclosures -------------------------------------------------------------------------------

    def voorbeeld(self) -> None:
        r = self.tabel.huidige_rij()
        if r is None:
            return
        ctx, actor = self.shell.ctx, self.shell.actor

        def klaar(pdf: bytes) -> None:
            from ui.pdfweergave import PdfVenster  # QtPdf loads when a letter is shown, not with the screen

            self.voorbeeld_dialoog = PdfVenster(f"Voorbeeld – beschikking {r.kenmerk} – {r.client_naam}", pdf, self)
            self.voorbeeld_dialoog.open()

        laad(self, lambda: vz.voorbeeld_pdf(ctx, actor, r.beschikking_id), klaar, self._fout)

    def bijlagen(self) -> None:
        r = self.tabel.huidige_rij()
        if r is None:
            return
        d = BijlagenDialoog(r, self)
        if d.exec() != QDialog.DialogCode.Accepted:
            return
        ctx, actor, gekozen = self.shell.ctx, self.shell.actor, d.gekozen()

        def fout(exc: BaseException) -> bool:
            if isinstance(exc, ConsulentFout):
                self._fout(str(exc))
                return True
            return False

        self.shell.ops.schrijf(self, lambda: vz.wijzig_bijlagen(ctx, actor, r.beschikking_id, gekozen, versie=r.versie),
                               lambda _u: self.vernieuw(), fout=fout)

    def bijlage_voor_gekozen(self) -> None:
        """One enclosure for all chosen letters: the enclosures chosen before are read first (off the GUI thread)."""
        regels = self.gekozen()
        if not regels or self.verzonden_modus():
            return
        ctx, actor = self.shell.ctx, self.shell.actor

        def open_(eerder: list[vz.VerzendBijlageView]) -> None:
            d = BijlageToevoegenDialoog(self.shell, regels, eerder, self)
            d.accepted.connect(lambda: self._na_bijlage(d))
            self.bijlage_dialoog = d
            d.open()

        laad(self, lambda: vz.verzendbijlagen(ctx, actor), open_, self._fout)

    def _na_bijlage(self, d: BijlageToevoegenDialoog) -> None:
        uit = d.uitkomst
        if uit is None:
            return
        if not uit.toegevoegd:
            self._meld(f"De gekozen brieven hadden '{uit.titel}' al als bijlage; er is niets veranderd.")
            return
        delen = [f"'{uit.titel}' ({aantal(uit.paginas, 'pagina', 'pagina’s')}) toegevoegd aan "
                 f"{aantal(len(uit.toegevoegd), 'brief', 'brieven')}."]
        if uit.al_erbij:
            delen.append(f"{aantal(len(uit.al_erbij), 'brief had', 'brieven hadden')} deze bijlage al.")
        if uit.opnieuw_afdrukken:
            delen.append("Al afgedrukt, dus opnieuw afdrukken met de bijlage: " + ", ".join(uit.opnieuw_afdrukken)
                         + ".")
        self._meld(" ".join(delen))
        self.vernieuw()

    # --- producing -----------------------------------------------------------------------------------------

    def _kies_printer(self) -> PrintDoel | None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide if self.duplex.isChecked()
                          else QPrinter.DuplexMode.DuplexNone)
        dialoog = QPrintDialog(printer, self)
        dialoog.setWindowTitle("Brieven afdrukken")
        if dialoog.exec() != QDialog.DialogCode.Accepted:
            return None
        self._printer = printer  # keep it alive while the writer prints (ui.ops.lang)
        return QPrinterDoel(printer)

    def _kies_bestand(self, titel: str, voorstel: str) -> str | None:
        pad, _ = QFileDialog.getSaveFileName(self, titel, str(Path.home() / voorstel), "PDF-bestanden (*.pdf)")
        return pad or None

    def _start(self, titel: str, fn: Callable[..., Any], klaar: Callable[[Any], None]) -> None:
        def done(res: Any) -> None:
            self.taak = None
            self._bij_keuze()
            klaar(res)

        def fout(exc: BaseException) -> bool:
            self.taak = None
            self._bij_keuze()
            if not isinstance(exc, SessieIngetrokken):  # rights gone: ui.sessie logs out, no message here
                self._fout(fout_tekst(exc))
            return True

        # Long reportlab work on the writer allocates a lot, so the cyclic collector may run there; clear the Qt
        # garbage now, in the GUI thread, so it never deletes QObjects from the writer thread.
        gc.collect()
        # On the window's ordered writer (ui.ops.lang): progress, Annuleren between letters, errors in one place.
        self.taak = self.shell.ops.lang(self, titel, lambda voortgang, gestopt: fn(voortgang, gestopt), done,
                                        fout=fout, wijziging=Wijziging.van("document", bron=self))
        self._bij_keuze()

    def afdrukken(self) -> None:
        regels = self.gekozen()
        if not regels or self.taak is not None:
            return
        verzenddatum = self.gekozen_verzenddatum()
        if verzenddatum is None:
            return
        doel = self.kies_printer()
        if doel is None:
            return
        ctx, actor, duplex = self.shell.ctx, self.shell.actor, self.duplex.isChecked()
        namen = {r.beschikking_id: r.kenmerk for r in regels}

        def werk(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Any:
            with tempfile.TemporaryDirectory(prefix="consulent-print-") as tmp:
                bestand = vz.maak_printbestand(ctx, actor, list(namen), Path(tmp) / "print.pdf", duplex=duplex,
                                               progress=progress, is_cancelled=cancelled, registreer=False,
                                               verzenddatum=verzenddatum)
                if bestand.geannuleerd or bestand.pad is None:
                    return bestand, PrintUitkomst(geannuleerd=bestand.geannuleerd)
                druk = druk_af(bestand.pad, bestand.bereiken, doel, namen=namen, progress=progress,
                               is_cancelled=cancelled)
            if druk.afgedrukt:
                vz.registreer_productie(ctx, actor, druk.afgedrukt, hoe="printer")
            return bestand, druk

        self._start("Brieven afdrukken", werk, lambda res: self._na_afdrukken(regels, *res))

    def _na_afdrukken(self, regels: list[VerzendRegel], bestand: vz.PrintbestandResultaat,
                      druk: PrintUitkomst) -> None:
        per_id = {r.beschikking_id: r for r in regels}
        delen = []
        if druk.afgedrukt:
            delen.append(f"{aantal(len(druk.afgedrukt), 'brief', 'brieven')} afgedrukt.")
        if druk.geannuleerd or bestand.geannuleerd:
            delen.append("Afdrukken is gestopt.")
        if druk.fout:
            delen.append(druk.fout + " Niet afgedrukt: " +
                         ", ".join(per_id[i].kenmerk for i in druk.niet_afgedrukt) + ".")
        for _bid, kenmerk, msg in bestand.mislukt:
            delen.append(f"{kenmerk} kon niet worden gemaakt: {msg}")
        self._rapport("Afdrukken", delen, fout=bool(druk.fout or bestand.mislukt))
        self.vernieuw()
        if druk.afgedrukt:
            self._bied_verzenden_aan([per_id[i] for i in druk.afgedrukt])

    def maak_pdf(self) -> None:
        regels = self.gekozen()
        if not regels or self.taak is not None:
            return
        verzenddatum = self.gekozen_verzenddatum()
        if verzenddatum is None:
            return
        voorstel = f"printstraat-{verzenddatum:%Y-%m-%d}.pdf"
        pad = self.kies_bestand("PDF voor printstraat opslaan", voorstel)
        if not pad:
            return
        if not pad.lower().endswith(".pdf"):
            pad += ".pdf"
        ctx, actor, duplex = self.shell.ctx, self.shell.actor, self.duplex.isChecked()
        ids = [r.beschikking_id for r in regels]

        def werk(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Any:
            return vz.maak_printbestand(ctx, actor, ids, Path(pad), duplex=duplex, progress=progress,
                                        is_cancelled=cancelled, verzenddatum=verzenddatum)

        self._start("PDF voor printstraat maken", werk, lambda res: self._na_pdf(regels, res))

    def gekozen_verzenddatum(self) -> dt.date | None:
        """The planned sending date, checked by the core; a bad one is shown at the field and nothing happens."""
        self.verzenddatum_fout.hide()
        d = self.verzenddatum.datum()
        try:
            if d is None:
                raise ValidatieFout.veld("verzenddatum", "Vul de verzenddatum in die op de brieven komt.")
            return vz.controleer_verzenddatum(d, dt.date.today())
        except ValidatieFout as exc:
            self.verzenddatum_fout.setText(" ".join(exc.fouten.values()))
            self.verzenddatum_fout.show()
            self.verzenddatum.setFocus()
            return None

    def _na_pdf(self, regels: list[VerzendRegel], res: vz.PrintbestandResultaat) -> None:
        per_id = {r.beschikking_id: r for r in regels}
        delen = []
        if res.geannuleerd:
            delen.append("Gestopt: er is geen bestand gemaakt en niets is als afgedrukt vastgelegd.")
        elif res.pad is not None:
            delen.append(f"{aantal(len(res.geproduceerd), 'brief', 'brieven')} in {res.pad.name} "
                         f"({aantal(res.paginas, 'pagina', 'pagina’s')}).")
        for _bid, kenmerk, msg in res.mislukt:
            delen.append(f"{kenmerk} kon niet worden gemaakt: {msg}")
        self._rapport("PDF voor printstraat", delen, fout=bool(res.mislukt))
        self.vernieuw()
        if res.geproduceerd:
            self._bied_verzenden_aan([per_id[i] for i in res.geproduceerd])

    def _bied_verzenden_aan(self, regels: list[VerzendRegel]) -> None:
        """After producing: keep only what was produced ticked, so only that can be marked as sent."""
        self.model.kies({r.beschikking_id for r in regels})
        tekst = (f"{aantal(len(regels), 'brief', 'brieven')} klaar. Kies 'Markeren als verzonden' zodra ze de "
                 "deur uit zijn.")
        self.gedaan.setText(tekst)  # the report of the production stays in laatste_melding
        self.gedaan.show()
        self.shell.melding(tekst)

    def markeer_verzonden(self, vandaag: dt.date | None = None) -> VerzendDialoog | None:
        regels = self.gekozen()
        if not regels:
            return None
        d = VerzendDialoog(self.shell, regels, self, vandaag=vandaag)
        d.accepted.connect(lambda: self._na_verzenden(d))
        d.open()
        self.verzend_dialoog = d
        return d

    def _na_verzenden(self, d: VerzendDialoog) -> None:
        if d.uitkomst:
            einde = d.uitkomst[0].bezwaartermijn_einde
            rest = len(d.regels) - len(d.uitkomst)
            self._meld(f"{aantal(len(d.uitkomst), 'beschikking', 'beschikkingen')} verzonden op "
                       f"{datum_kort(d.uitkomst[0].verzonden_op)} ({d.wijze.currentText().lower()}). Bezwaar kan tot "
                       f"en met {datum_kort(einde)}." + (f" Gestopt: {rest} niet als verzonden gemarkeerd."
                                                         if rest else ""))
        self.model.kies(set())
        # The list reads itself again: the write announces the decisions it sent (Wijziging "beschikking", see
        # bij_wijziging); reading here as well read every waiting decision twice, one read thrown away.

    # --- copies --------------------------------------------------------------------------------------------

    def afschrift_afdrukken(self) -> None:
        r = self.tabel.huidige_rij()
        if r is None or self.taak is not None:
            return
        doel = self.kies_printer()
        if doel is None:
            return
        ctx, actor = self.shell.ctx, self.shell.actor

        def werk(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> PrintUitkomst:
            pdf = vz.afschrift_pdf(ctx, actor, r.beschikking_id)
            with files.tijdelijk_bestand(pdf, ".pdf", naam="afschrift") as pad:
                from consulent_app.documents.bundel import tel_paginas

                uit = druk_af(pad, [(r.beschikking_id, 1, tel_paginas(pdf))], doel,
                              namen={r.beschikking_id: f"Afschrift {r.kenmerk}"}, progress=progress,
                              is_cancelled=cancelled)
            if uit.afgedrukt:
                vz.registreer_afschrift(ctx, actor, r.beschikking_id, wijze="post")
            return uit

        def klaar(uit: PrintUitkomst) -> None:
            if uit.afgedrukt:
                self._meld(f"Afschrift van {r.kenmerk} afgedrukt en vastgelegd.")
            else:
                self._fout(uit.fout or "Het afschrift is niet afgedrukt.")

        self._start("Afschrift afdrukken", werk, klaar)

    def afschrift_pdf(self) -> None:
        r = self.tabel.huidige_rij()
        if r is None:
            return
        pad = self.kies_bestand("Afschrift opslaan", f"afschrift-{r.kenmerk}.pdf")
        if not pad:
            return
        ctx, actor, doel = self.shell.ctx, self.shell.actor, Path(pad)

        def schrijf() -> None:
            pdf = vz.afschrift_pdf(ctx, actor, r.beschikking_id)
            files.schrijf_prive(doel, pdf)  # health data: readable by this user only
            vz.registreer_afschrift(ctx, actor, r.beschikking_id, wijze="email")

        def fout(exc: BaseException) -> bool:
            if isinstance(exc, ConsulentFout | OSError):
                self._fout(str(exc) if isinstance(exc, ConsulentFout) else f"Opslaan lukte niet: {exc.strerror}.")
                return True
            return False

        def klaar(_u: object) -> None:
            self._meld(f"Afschrift van {r.kenmerk} opgeslagen als {doel.name} en vastgelegd.")

        self.shell.ops.schrijf(self, schrijf, klaar, fout=fout)  # off the GUI thread (ui.ops)

    # --- messages ------------------------------------------------------------------------------------------

    def _rapport(self, titel: str, delen: list[str], *, fout: bool) -> None:
        self.laatste_melding = "\n".join(delen)
        self.shell.melding(delen[0] if delen else titel, fout=fout)
        self.gedaan.setText(" ".join(delen) if not fout else "")
        self.gedaan.setVisible(not fout and bool(delen))
        if fout and self.isVisible():
            box = QMessageBox(QMessageBox.Icon.Warning, titel, delen[0] if delen else titel,
                              QMessageBox.StandardButton.Ok, self)
            if len(delen) > 1:
                box.setInformativeText("\n".join(delen[1:]))
            box.open()
            self._rapport_box = box

    def _fout(self, msg: str) -> None:
        self.laatste_melding = msg
        self.gedaan.hide()
        self.shell.melding(msg, fout=True)

    def _meld(self, tekst: str) -> None:
        """What was done: in the status bar and on the page, until the next action."""
        self.laatste_melding = tekst
        self.gedaan.setText(tekst)
        self.gedaan.show()
        self.shell.melding(tekst)


PAGE = PageSpec(
    key="verzendlijst", titel="Verzendlijst", rollen=(Rol.ADMINISTRATIEF,), maak=Verzendlijst, volgorde=20,
    sneltoets="Ctrl+2", extra={"icoon": "verzenden"},
)
