"""Toetsing (four eyes): the reviewer reads the report and the draft decision, sees the automatic check per criterion,
scores the 13 criteria and approves or returns with remarks. Consultants see their decisions in review and the
remarks of returned ones, and offer them (again) for review."""

from __future__ import annotations

import html
import importlib.util
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from consulent_app.domain import BeschikkingStatus, Rol, ToetsScore
from consulent_app.errors import ConsulentFout, ValidatieFout
from consulent_app.formatting import datum as datum_tekst
from consulent_app.formatting import getal
from consulent_app.services import meldingen
from ui.later_gebouwd import LaterGebouwd
from ui.ops import Wijziging
from ui.pages.base import PageSpec, Shell, ouder, volg_wijziging
from ui.tablemodels import Kolom, Tabel, datum_kort
from ui.widgets import (
    InStappen,
    Kaart,
    Keuzelijst,
    gedaan_regel,
    kop,
    laad,
    termijn_pil,
    uitleg,
    wis_fout_bij_verbetering,
)

if TYPE_CHECKING:
    from consulent_app.services.toetsing import EigenBeschikking, Sectie, ToetsDossier, ToetsingView


def _svc() -> ModuleType:
    """The review use cases, imported where they are first needed: on the worker that reads the first file. With the
    review criteria (rules.toetsing and the forms it reads) they took 20-30 ms of the GUI thread the first time a
    reviewer opened this screen (issue 13); a consultant's home screen has imported them already."""
    from consulent_app.services import toetsing

    return toetsing


def _regels() -> ModuleType:
    from consulent_app.rules import toetsing

    return toetsing


# QtPdf ships in its own wheel (PySide6-Pdf): looked up here, loaded when the letter is first shown.
HEEFT_QTPDF = importlib.util.find_spec("PySide6.QtPdf") is not None  # the zoomable view: ui.pdfweergave

BEVINDING_PIL = {"in_orde": "groen", "ontbreekt": "rood", "beoordelen": "blauw", "nvt": "grijs"}
SCORE_PIL = {"voldoende": "groen", "matig": "oranje", "onvoldoende": "rood", "nvt": "grijs"}
SCORE_KNOPPEN = (("&Voldoende", ToetsScore.VOLDOENDE), ("&Matig", ToetsScore.MATIG),
                 ("O&nvoldoende", ToetsScore.ONVOLDOENDE), ("N.v.&t.", ToetsScore.NVT))


def secties_html(secties: list[Sectie]) -> str:
    delen = []
    for s in secties:
        regels_html = []
        for r in s.regels:
            inspring = len(r) - len(r.lstrip(" "))
            regels_html.append("&nbsp;" * inspring + html.escape(r.strip()))
        delen.append(f"<h3 style='color:#173b5c; margin-bottom:2px'>{html.escape(s.kop)}</h3>"
                     f"<p style='margin-top:0; line-height:130%'>{'<br>'.join(regels_html)}</p>")
    return "".join(delen)


def toetsingen_html(views: list[ToetsingView]) -> str:
    if not views:
        return "<p>Deze beschikking is nog niet eerder getoetst.</p>"
    delen = []
    for t in views:
        oordeel = (f" · eindoordeel {_regels().score_label(t.eindoordeel).lower()} (gemiddeld {getal(t.gemiddelde, 1)})"
                   if t.eindoordeel and t.gemiddelde is not None else "")
        scores = "".join(
            f"<li>Criterium {x.criterium} ({html.escape(x.titel)}): <b>{html.escape(x.score_label)}</b>"
            + (f" – {html.escape(x.toelichting)}" if x.toelichting else "") + "</li>" for x in t.scores)
        delen.append(
            f"<h3 style='color:#173b5c; margin-bottom:2px'>{html.escape(t.uitkomst_label)}</h3>"
            f"<p style='margin-top:0'>{t.tijdstip.strftime('%d-%m-%Y %H:%M')} door {html.escape(t.toetser)}{oordeel}</p>"
            + (f"<p><b>Opmerkingen:</b> {html.escape(t.opmerkingen)}</p>" if t.opmerkingen else "")
            + (f"<ul>{scores}</ul>" if scores else ""))
    return "".join(delen)


def controle_html(d: ToetsDossier) -> str:
    """For the consultant before offering the decision: what the automatic check finds missing."""
    missend = [c for c in d.criteria if c.bevinding == _regels().Bevinding.ONTBREEKT.value]
    if not missend:
        return ("<h3 style='color:#1d5e31; margin-bottom:2px'>Automatische controle: niets ontbreekt</h3>"
                "<p style='margin-top:0'>De toetser beoordeelt daarna de inhoud.</p>")
    punten = "".join(f"<li><b>{c.nummer}. {html.escape(c.kort)}</b>: {html.escape(c.bevinding_tekst)}</li>"
                     for c in missend)
    return ("<h3 style='color:#9b1c1c; margin-bottom:2px'>Automatische controle: vul eerst aan</h3>"
            f"<ul style='margin-top:0'>{punten}</ul>")


@dataclass
class CritRij:
    """One criterion on the review screen; the score and remark are edited in place."""

    nummer: int
    titel: str
    kort: str
    toelichting: str
    bevinding: str
    bevinding_label: str
    bevinding_tekst: str
    score: str | None
    opmerking: str = ""
    fout: str | None = None


def _score_tekst(r: CritRij) -> str:
    if r.fout:
        return "score nodig" if r.score is None else _regels().score_label(r.score)
    return _regels().score_label(r.score) if r.score else "nog geen score"


def _titel_tekst(r: CritRij) -> str:
    return f"{r.nummer}. {r.titel}"


def _bevinding_tekst(r: CritRij) -> str:
    return f"<b>Automatische controle – {html.escape(r.bevinding_label.lower())}:</b> {html.escape(r.bevinding_tekst)}"


def _score_pil(r: CritRij) -> str:
    if r.fout:
        return "rood"
    return SCORE_PIL.get(r.score or "", "grijs")


class PdfTab(QWidget):
    """The decision letter or the report exactly as they will be printed (documents package), made on demand."""

    def __init__(self, shell: Shell) -> None:
        super().__init__()
        self.shell = shell
        self.beschikking_id: int | None = None
        self.onderzoek_id: int | None = None
        self._geladen: tuple[str, int] | None = None
        self.weergave: Any = None  # ui.pdfweergave.PdfWeergave once a document is shown
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        rij = QHBoxLayout()
        lab = QLabel("&Document")
        self.soort = Keuzelijst()
        self.soort.addItem("Beschikking (brief aan de cliënt)", "beschikking")
        self.soort.addItem("Gespreksverslag", "verslag")
        lab.setBuddy(self.soort)
        rij.addWidget(lab)
        rij.addWidget(self.soort, 1)
        lay.addLayout(rij)
        self.melding = QLabel()
        self.melding.setObjectName("uitleg")
        self.melding.setWordWrap(True)
        lay.addWidget(self.melding)
        self.vak = QVBoxLayout()
        lay.addLayout(self.vak, 1)
        self.soort.currentIndexChanged.connect(lambda *_a: self.laad())

    def zet(self, beschikking_id: int, onderzoek_id: int | None) -> None:
        self.beschikking_id, self.onderzoek_id = beschikking_id, onderzoek_id
        self._geladen = None

    def laad(self) -> None:
        soort = self.soort.currentData()
        ident = self.beschikking_id if soort == "beschikking" else self.onderzoek_id
        if ident is None:
            self._toon_melding("Bij deze aanvraag hoort geen gespreksverslag.")
            return
        if self._geladen == (soort, ident):
            return
        self._geladen = (soort, ident)
        self._toon_melding("Document maken…")
        ctx, actor = self.shell.ctx, self.shell.actor

        def maak() -> bytes:
            from consulent_app.services import documenten

            if soort == "beschikking":
                return documenten.beschikking_pdf(ctx, actor, ident)
            return documenten.verslag_pdf(ctx, actor, ident)

        laad(self, maak, self._toon_pdf, self._fout)

    def _fout(self, msg: str) -> None:
        self._geladen = None
        self._toon_melding(f"Het document kan nog niet worden gemaakt: {msg}")

    def _wis(self) -> None:
        self.weergave = None
        while self.vak.count():
            item = self.vak.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()

    def _toon_melding(self, tekst: str) -> None:
        self._wis()
        self.melding.setText(tekst)
        self.melding.show()

    def _toon_pdf(self, inhoud: bytes) -> None:
        self._wis()
        self.melding.hide()
        if not HEEFT_QTPDF:  # pragma: no cover
            self._toon_melding("PDF-weergave is op deze computer niet beschikbaar.")
            return
        from ui.pdfweergave import PdfWeergave

        had_focus = self.isAncestorOf(self.focusWidget()) if self.focusWidget() is not None else False
        self.weergave = PdfWeergave(inhoud, self, naam=self.soort.currentText(), met_venster=True)
        self.vak.addWidget(self.weergave, 1)
        if had_focus:
            self.weergave.setFocus()


class ToetsScherm(LaterGebouwd, QWidget):
    """The reviewer's screen. The heading and the choice of decision are made at once; the work area under it
    (the case's tabs, the criteria, the scores) a part a turn from the turn after the screen is shown, or at once
    when code asks for one of its parts (ui.later_gebouwd): making it all in the turn that opened the screen stood
    the window still for 25 ms (issue 13). It is not painted and not reachable by the keyboard until the first file
    is in it (_onthul); the queue is read once it is built."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(ouder(shell))
        self.shell = shell
        self.bezig = False
        self.dossier: ToetsDossier | None = None
        self.rijen: list[CritRij] = []
        self._gevraagd: int | None = None

        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 16, 24, 12)
        lay.setSpacing(8)
        kopregel = QHBoxLayout()
        kopregel.addWidget(kop("Toetsing"))
        kopregel.addSpacing(18)
        lab = QLabel("Besc&hikking")
        self.keuze = Keuzelijst(self)
        self.keuze.setMinimumWidth(420)
        self.keuze.setAccessibleName("Beschikking om te toetsen")
        lab.setBuddy(self.keuze)
        kopregel.addWidget(lab)
        kopregel.addWidget(self.keuze, 1)
        lay.addLayout(kopregel)
        # The buttons beside the line about the chosen file, not beside the choice: at 1366 px the choice needs the
        # whole row for kenmerk, name and term (issue 16: it was cut off).
        inforegel = QHBoxLayout()
        self.info = QLabel()
        self.info.setObjectName("uitleg")
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.setWordWrap(True)
        # Two lines high for every file (client, law, author and term mostly take two at 1366 px): a file on one
        # line moved the work area up and the next one down again, and the whole area was laid out and painted anew.
        self.info.setText("&nbsp;<br>&nbsp;")
        self.info.setMinimumHeight(self.info.heightForWidth(400))
        self.info.clear()
        inforegel.addWidget(self.info, 1)
        self.vernieuw_knop = QPushButton("Vernieu&wen")
        self.vernieuw_knop.clicked.connect(self.vernieuw)
        inforegel.addWidget(self.vernieuw_knop, 0, Qt.AlignmentFlag.AlignTop)
        self.nakijk_knop = QPushButton("Wachtrij na&kijken…")
        self.nakijk_knop.setToolTip("De automatische controle over alle wachtende beschikkingen; onvolledige in één "
                                    "keer terugsturen")
        self.nakijk_knop.clicked.connect(self.kijk_wachtrij_na)
        inforegel.addWidget(self.nakijk_knop, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(inforegel)
        # What the last approval or return did, until the next one (the status bar message goes after seconds,
        # and the screen moves on to the next file or to an empty queue).
        self.gedaan = gedaan_regel()
        lay.addWidget(self.gedaan)

        self.leeg = QLabel("Er wachten geen beschikkingen op uw toetsing. U ziet geen beschikkingen die u zelf heeft "
                           "opgesteld.")
        self.leeg.setObjectName("leeg")
        self.leeg.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.leeg.setWordWrap(True)
        self.leeg.hide()
        lay.addWidget(self.leeg, 1)

        # The work area is on screen from the start, but not painted and out of reach of the keyboard until the
        # first file is in it (_onthul): its parts are styled and laid out as they are built, a part a turn, so the
        # first file only fills it. Hidden until then, showing it polished and laid out the whole tree in the turn
        # the file came (6-10 ms, issue 13).
        self.werk = QWidget(self)
        self.werk.setEnabled(False)
        self.werk.setUpdatesEnabled(False)
        self._onthuld = False
        self._bouw_af = False
        self._na_de_bouw: list[Any] = []
        self._binnen: ToetsDossier | None = None  # the file last read, shown or being shown
        lay.addWidget(self.werk, 1)
        self.keuze.currentIndexChanged.connect(self._gekozen)
        QShortcut(QKeySequence("Ctrl+Down"), self, activated=lambda: self._stap(1))
        QShortcut(QKeySequence("Ctrl+Up"), self, activated=lambda: self._stap(-1))
        self._stappen = InStappen(self)
        self._later_bouwen(self._bouw_links, self._bouw_pdf, self._bouw_tabel, self._bouw_editor, self._bouw_oordeel)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        # Not built in the turn it is shown (LaterGebouwd would): from the next one on, a part a turn.
        if not self.gebouwd() and not self._stappen.bezig():
            self.bouw_in_stappen(self._stappen)
        QWidget.showEvent(self, event)

    # The work area, in five parts: the case on the left, its PDF tab, the criteria, the score editor, the decision
    # under them. Each widget is made in its parent (styled once, ui.pages.base.ouder).

    def _bouw_links(self) -> None:
        wl = QVBoxLayout(self.werk)
        wl.setContentsMargins(0, 0, 0, 0)
        wl.setSpacing(8)
        splitter = self._splitter = QSplitter(Qt.Orientation.Horizontal, self.werk)
        splitter.setChildrenCollapsible(False)
        wl.addWidget(splitter, 1)

        # left: the case
        links = QWidget(splitter)
        self.tabs = QTabWidget(links)
        self.verslag = QTextBrowser()
        self.verslag.setAccessibleName("Verslag van het onderzoek")
        self.beschikking = QTextBrowser()
        self.beschikking.setAccessibleName("Concept-beschikking")
        self.eerder = QTextBrowser()
        self.eerder.setAccessibleName("Eerdere toetsingen")
        self.tabs.addTab(self.verslag, "Ver&slag")
        self.tabs.addTab(self.beschikking, "Besch&ikking")
        self.tabs.addTab(self.eerder, "&Eerder getoetst")
        ll = QVBoxLayout(links)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.setSpacing(6)
        ll.addWidget(self.tabs, 1)
        splitter.addWidget(links)
        self._links = links

    def _bouw_pdf(self) -> None:
        shell = self.shell
        self.pdf_tab = PdfTab(shell)
        self.tabs.insertTab(2, self.pdf_tab, "&PDF")
        self.tabs.currentChanged.connect(lambda i: self.pdf_tab.laad() if self.tabs.widget(i) is self.pdf_tab else None)
        from ui.pdfweergave import zoom_sneltoetsen

        # On the tabs, so the keys work from the tab bar too, right after choosing the PDF tab.
        zoom_sneltoetsen(self.tabs, lambda: self.pdf_tab.weergave)
        QShortcut(QKeySequence("Ctrl+Shift+G"), self.tabs, activated=lambda: self.pdf_tab.weergave.open_venster()
                  if self.pdf_tab.weergave is not None and self.pdf_tab.weergave.isVisible() else None,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _bouw_tabel(self) -> None:
        # right: the criteria
        splitter = self._splitter
        rechts = self._rechts = QWidget(splitter)
        rl = QVBoxLayout(rechts)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.setSpacing(6)
        self.tabel = Tabel([
            Kolom("Nr", lambda r: r.nummer, rechts=True, min_breedte=44),
            Kolom("Criterium", lambda r: r.kort, rek=True, tooltip=lambda r: f"{r.titel}. {r.toelichting}"),
            Kolom("Controle", lambda r: r.bevinding_label, pil=lambda r: BEVINDING_PIL.get(r.bevinding, "grijs"),
                  tooltip=lambda r: r.bevinding_tekst, min_breedte=130),
            Kolom("Score", _score_tekst, pil=_score_pil, min_breedte=130,
                  tooltip=lambda r: r.fout or r.opmerking or None),
        ], rechts, sorteerbaar=False)
        self.tabel.setAccessibleName("Criteria")
        self.tabel.verticalHeader().setDefaultSectionSize(25)
        rl.addWidget(self.tabel, 1)
        splitter.addWidget(rechts)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 6)
        splitter.setSizes([430, 650])

    def _bouw_editor(self) -> None:
        rechts = self._rechts
        rl = rechts.layout()
        assert isinstance(rl, QVBoxLayout)
        self.editor = Kaart(rechts)
        self.editor.inhoud.setContentsMargins(12, 8, 12, 8)
        self.editor.inhoud.setSpacing(4)
        self.crit_titel = QLabel()
        self.crit_titel.setWordWrap(True)
        self.crit_titel.setStyleSheet("font-weight: 600; color: #173b5c;")
        self.crit_toelichting = QLabel()
        self.crit_toelichting.setWordWrap(True)
        self.crit_toelichting.setObjectName("uitleg")
        self.crit_bevinding = QLabel()
        self.crit_bevinding.setWordWrap(True)
        self.crit_bevinding.setTextFormat(Qt.TextFormat.RichText)
        self.editor.inhoud.addWidget(self.crit_titel)
        self.editor.inhoud.addWidget(self.crit_toelichting)
        self.editor.inhoud.addWidget(self.crit_bevinding)
        self.editor.inhoud.addStretch(1)  # the editor's height is that of the longest criterion (_vaste_hoogte)
        knoprij = QHBoxLayout()
        knoprij.setSpacing(14)
        knoprij.addWidget(QLabel("Score:"))
        self.score_groep = QButtonGroup(self)
        self.score_knoppen: dict[str, QRadioButton] = {}
        for tekst, sc in SCORE_KNOPPEN:
            rb = QRadioButton(tekst)
            self.score_groep.addButton(rb)
            self.score_knoppen[sc.value] = rb
            knoprij.addWidget(rb)
        knoprij.addStretch(1)
        hint = QLabel("Ctrl+↓/↑: volgend/vorig")
        hint.setToolTip("Ctrl+pijl omlaag: volgend criterium; Ctrl+pijl omhoog: vorig criterium. "
                        "Alt+V, Alt+M, Alt+N en Alt+T kiezen de score.")
        hint.setObjectName("veldhint")
        knoprij.addWidget(hint)
        self.editor.inhoud.addLayout(knoprij)
        oprij = QHBoxLayout()
        op_lab = QLabel("Toe&lichting")
        self.opmerking = QPlainTextEdit()
        self.opmerking.setTabChangesFocus(True)
        self.opmerking.setFixedHeight(42)
        self.opmerking.setPlaceholderText("Waarom deze score? Bij matig of onvoldoende helpt dit de consulent.")
        op_lab.setBuddy(self.opmerking)
        oprij.addWidget(op_lab)
        oprij.addWidget(self.opmerking, 1)
        self.editor.inhoud.addLayout(oprij)
        self.crit_fout = QLabel()
        self.crit_fout.setObjectName("veldfout")
        self.crit_fout.setWordWrap(True)
        self.crit_fout.hide()
        self.editor.inhoud.addWidget(self.crit_fout)
        rl.addWidget(self.editor)
        # One height for every criterion of the file (_vaste_hoogte): the criteria list above it no longer moves
        # while the reviewer steps through them (141-177 px: one or two lines of title, explanation, finding).
        self._hoogtes: dict[tuple[str, int, str], int] = {}
        self._maatlabels: dict[str, QLabel] = {}
        self._breedte_volger = _BreedteVolger(self.crit_bevinding, self._vaste_hoogte)
        self.tabel.selectionModel().currentRowChanged.connect(lambda *_a: self._toon_criterium())
        self.score_groep.buttonClicked.connect(self._score_gezet)
        self.opmerking.textChanged.connect(self._opmerking_gezet)

    def _bouw_oordeel(self) -> None:
        # the remarks under the case (made after the scores: the Tab key goes from the scores to the remarks)
        links = self._links
        ll = links.layout()
        assert isinstance(ll, QVBoxLayout)
        opm_blok = QVBoxLayout()
        opm_blok.setSpacing(2)
        opm_lab = QLabel("&Opmerkingen voor de consulent (verplicht bij terugsturen)", links)
        self.opmerkingen = QPlainTextEdit(links)
        self.opmerkingen.setTabChangesFocus(True)
        self.opmerkingen.setFixedHeight(64)
        opm_lab.setBuddy(self.opmerkingen)
        self.opm_fout = QLabel(links)
        self.opm_fout.setObjectName("veldfout")
        self.opm_fout.setWordWrap(True)
        self.opm_fout.hide()
        wis_fout_bij_verbetering(self.opmerkingen, self.opm_fout)
        opm_blok.addWidget(opm_lab)
        opm_blok.addWidget(self.opmerkingen)
        opm_blok.addWidget(self.opm_fout)
        ll.addLayout(opm_blok)
        # the decision under the criteria
        rechts = self._rechts
        rl = rechts.layout()
        assert isinstance(rl, QVBoxLayout)
        rechts_onder = QVBoxLayout()
        rechts_onder.setSpacing(6)
        self.oordeel = QLabel(rechts)
        self.oordeel.setAlignment(Qt.AlignmentFlag.AlignRight)
        rechts_onder.addWidget(self.oordeel)
        knoppen = QHBoxLayout()
        self.terug_knop = QPushButton("Te&rugsturen met opmerkingen", rechts)
        self.goed_knop = QPushButton("&Goedkeuren", rechts)
        self.goed_knop.setObjectName("primair")
        knoppen.addWidget(self.terug_knop)
        knoppen.addWidget(self.goed_knop)
        rechts_onder.addLayout(knoppen)
        self.algemeen_fout = QLabel(rechts)
        self.algemeen_fout.setObjectName("veldfout")
        self.algemeen_fout.setWordWrap(True)
        self.algemeen_fout.hide()
        rechts_onder.addWidget(self.algemeen_fout)
        rl.addLayout(rechts_onder)
        self.goed_knop.clicked.connect(lambda: self.beoordeel("goedgekeurd"))
        self.terug_knop.clicked.connect(lambda: self.beoordeel("teruggestuurd"))
        self._bouw_af = True
        wachtend, self._na_de_bouw = self._na_de_bouw, []
        for fn in wachtend:
            fn()

    # --- loading -------------------------------------------------------------------------------------------------

    def toon(self, beschikking_id: int | None = None, **_params: Any) -> None:
        self._gevraagd = beschikking_id
        self.vernieuw()

    def kijk_wachtrij_na(self) -> None:
        """All waiting files checked at once (ui.toetsing_reeks); returned ones leave the queue."""
        from ui.toetsing_reeks import kijk_wachtrij_na

        def na(uit: Any) -> None:
            delen = [f"{len(uit.teruggestuurd)} beschikking{'en' if len(uit.teruggestuurd) != 1 else ''} "
                     "teruggestuurd naar de consulent."]
            if uit.niet:
                delen.append("Niet teruggestuurd: " + "; ".join(f"{k} ({r})" for k, r in uit.niet.items()))
            if uit.gestopt:
                delen.append("Gestopt: de rest wacht nog.")
            self._meld(" ".join(delen))
            # The queue is read again; the file open for review stays as it is (scores given but not yet sent in)
            # unless it was one of those returned.
            if self.dossier is not None and self.dossier.kenmerk in uit.teruggestuurd:
                self.dossier = None
            self.vernieuw(open_laten=True)

        kijk_wachtrij_na(self.shell, self, modaal=not getattr(self, "niet_modaal", False),
                         klaar=lambda dlg: setattr(self, "nakijk_dialoog", dlg), na=na)

    def bij_wijziging(self, w: Any) -> None:
        """A decision was offered for review or withdrawn elsewhere: the queue reads again. While a decision is
        open for review it stays as it is (scores being given are never overwritten) until the next showing."""
        volg_wijziging(self, w, frozenset({"beschikking", "toetsing"}), houd_vast=self.dossier is not None)

    def vernieuw(self, *, open_laten: bool = False) -> None:
        """Read the queue again; `open_laten`: the file open for review is not read again while still queued."""
        self.bezig = True
        self._open_laten = open_laten
        ctx, actor = self.shell.ctx, self.shell.actor

        def lees() -> None:
            laad(self, lambda: meldingen.beschikkingen_met_status(ctx, actor, BeschikkingStatus.TER_TOETSING),
                 self._wachtrij, self._fout)

        # The first read starts when the work area is built (its last part): built while the queue and the first
        # file were read, each part shared Python's GIL with the read and stood the window still twice as long.
        if self._bouw_af:
            lees()
        else:
            self._na_de_bouw[:] = [lees]

    def _fout(self, msg: str) -> None:
        self.bezig = False
        self.shell.melding(msg, fout=True)

    def _wachtrij(self, items: list[meldingen.WerkItem]) -> None:
        gewenst = self._gevraagd if self._gevraagd is not None else self.keuze.currentData()
        self._gevraagd = None
        extra = self.shell.ctx.config.termijnen.gelijkgestelde_dagen
        signaal = self.shell.ctx.config.termijnen.signaal_werkdagen
        self.keuze.blockSignals(True)
        self.keuze.clear()
        for w in items:
            pil = termijn_pil(w.termijn_einde, None, extra, signaal_werkdagen=signaal)[0]
            self.keuze.addItem(f"{w.omschrijving.removeprefix('Beschikking ')} – {w.client} – {pil}"
                               + (f" (uiterlijk {datum_kort(w.termijn_einde)})" if w.termijn_einde else ""), w.id)
        i = self.keuze.findData(gewenst) if gewenst is not None else 0
        self.keuze.setCurrentIndex(max(i, 0))
        self.keuze.blockSignals(False)
        if not items:
            self.dossier = None
            self.werk.hide()
            self.info.clear()
            self.leeg.show()
            self.bezig = False
            return
        self.leeg.hide()
        if getattr(self, "_open_laten", False) and self.dossier is not None \
                and self.keuze.currentData() == self.dossier.beschikking_id:
            self.bezig = False
            return
        self._gekozen()

    def _gekozen(self, *_a: Any) -> None:
        bid = self.keuze.currentData()
        if bid is None:
            return
        self.bezig = True
        ctx, actor = self.shell.ctx, self.shell.actor
        # Read once the window has painted the choice (ui.ops.Ops.eerst_tekenen): painted while the file was read,
        # the paint shared the GIL with the read and stood still two to four times its own work (issue 13).
        with self.shell.ops.eerst_tekenen():
            laad(self, lambda: _svc().toets_dossier(ctx, actor, bid), self._toon_dossier, self._fout)

    def _toon_dossier(self, d: ToetsDossier) -> None:
        self._binnen = d
        self._toon_zaak(d)
        if self._onthuld and not self.werk.isHidden():
            # Another file in the work area on screen: the case first, its criteria and the decision a turn later,
            # each with its paint (in one turn 9-10 ms of the window's own work). The file is the screen's own
            # (self.dossier, what approving sends) only with its criteria.
            self._stappen.voeg_toe(lambda: self._toon_criteria(d))
        else:
            self._toon_criteria(d)

    def _toon_zaak(self, d: ToetsDossier) -> None:
        extra = self.shell.ctx.config.termijnen.gelijkgestelde_dagen
        signaal = self.shell.ctx.config.termijnen.signaal_werkdagen
        termijn = ""
        if d.beslistermijn_einde:
            pil = termijn_pil(d.beslistermijn_einde, None, extra, signaal_werkdagen=signaal)[0]
            termijn = f" · beslistermijn tot en met {datum_tekst(d.beslistermijn_einde)} ({pil})"
        self.info.setText(f"<b>{html.escape(d.client)}</b> · {d.wet_label} · opgesteld door "
                          f"{html.escape(d.auteur)}{termijn}")
        self.verslag.setHtml(secties_html(d.verslag))
        self.beschikking.setHtml(secties_html(d.beschikking))
        self.eerder.setHtml(toetsingen_html(d.eerdere_toetsingen))
        self.tabs.setTabText(self.tabs.indexOf(self.eerder), f"&Eerder getoetst ({len(d.eerdere_toetsingen)})")
        self.pdf_tab.zet(d.beschikking_id, d.onderzoek_id)
        if self.tabs.currentWidget() is self.pdf_tab:
            self.pdf_tab.laad()

    def _toon_criteria(self, d: ToetsDossier) -> None:
        if self._binnen is not d:  # a newer file came meanwhile: its criteria come next
            return
        self.dossier = d
        self.rijen = [CritRij(c.nummer, c.titel, c.kort, c.toelichting, c.bevinding, c.bevinding_label, c.bevinding_tekst,
                              c.voorstel) for c in d.criteria]
        self.tabel.zet_rijen(self.rijen)
        # The list keeps the rows it has when they equal the new ones (ui.tablemodels: a list read again); the
        # scores and remarks go to the rows it shows, so those are the screen's rows.
        self.rijen = list(self.tabel.bron.rijen)
        self.tabel.selectRow(0)
        self.opmerkingen.clear()
        self._wis_fouten()
        if self._onthuld:
            self._vaste_hoogte()
        else:  # the first file: measured a turn later, before the work area is painted (2-3 ms the first time)
            self._stappen.voeg_toe(self._vaste_hoogte_beurt)
        self._toon_criterium()
        self._oordeel_bij()
        if self.werk.isHidden():  # after an empty queue
            self.werk.show()
        if not self._onthuld:
            self._onthul()
        if not self.keuze.hasFocus():  # ready for the keyboard: arrows through criteria, Alt+V/M/N/T to score
            self.tabel.setFocus()
        self.bezig = False

    def _onthul(self) -> None:
        """The first file is in the work area: it is painted, a part a turn (the case; the criteria; the score
        editor and the decision), and the keyboard can reach it. Each part is complete when it comes; nothing moves
        (the layout was done while it was built). Painted at once it stood the window still 10-13 ms."""
        self._onthuld = True
        onder = [self.editor, self.oordeel, self.terug_knop, self.goed_knop, self.algemeen_fout]
        for w in (self._rechts, *onder):
            w.setUpdatesEnabled(False)
        self.werk.setEnabled(True)
        self.werk.setUpdatesEnabled(True)

        def deel(widgets: list[QWidget]) -> None:
            for w in widgets:
                w.setUpdatesEnabled(True)
            InStappen.beurt_vol()

        self._stappen.voeg_toe(lambda: deel([self._rechts]))
        self._stappen.voeg_toe(lambda: deel(onder))

    # --- editing the scores --------------------------------------------------------------------------------------

    def huidig(self) -> CritRij | None:
        return self.tabel.huidige_rij()

    def _toon_criterium(self) -> None:
        r = self.huidig()
        if r is None:
            return
        self.crit_titel.setText(_titel_tekst(r))
        self.crit_toelichting.setText(r.toelichting)
        self.crit_toelichting.setVisible(bool(r.toelichting))
        self.crit_bevinding.setText(_bevinding_tekst(r))
        self.score_groep.setExclusive(False)
        for sc, rb in self.score_knoppen.items():
            rb.setChecked(sc == r.score)
        self.score_groep.setExclusive(True)
        self.opmerking.blockSignals(True)
        self.opmerking.setPlainText(r.opmerking)
        self.opmerking.blockSignals(False)
        self.crit_fout.setText(r.fout or "")
        self.crit_fout.setVisible(bool(r.fout))

    def _vaste_hoogte(self) -> None:
        """The score editor as high for every criterion of the file: as high as it is for the one whose title,
        explanation and finding take the most lines at the editor's width (and with room for a refusal at a
        criterion when the file has one), so stepping through the criteria never changes its height and the list
        above it keeps its place. The texts are measured on a hidden twin of each label (remembered per text and
        width: the titles and explanations are the same for every file of a law)."""
        if not self.rijen or "crit_bevinding" not in self.__dict__:
            return
        breedte = self.crit_bevinding.width()
        tussen = self.editor.inhoud.spacing()

        def hoogte(titel: str, toelichting: str, bevinding: str) -> int:
            """What the three texts take; an empty explanation is hidden, and the spacing above it with it."""
            uit = (self._tekst_hoogte("titel", self.crit_titel, titel, breedte)
                   + self._tekst_hoogte("bevinding", self.crit_bevinding, bevinding, breedte))
            if toelichting:
                uit += self._tekst_hoogte("toelichting", self.crit_toelichting, toelichting, breedte) + tussen
            return uit

        fout = max((self._tekst_hoogte("fout", self.crit_fout, r.fout, breedte) for r in self.rijen if r.fout),
                   default=0)
        self.crit_fout.setMinimumHeight(fout)
        beleid = self.crit_fout.sizePolicy()
        beleid.setRetainSizeWhenHidden(fout > 0)  # a refusal shown at some criteria: its place kept at the others
        self.crit_fout.setSizePolicy(beleid)
        self.editor.setMinimumHeight(0)
        nu = hoogte(self.crit_titel.text(), "" if self.crit_toelichting.isHidden() else self.crit_toelichting.text(),
                    self.crit_bevinding.text())
        rest = self.editor.heightForWidth(self.editor.width()) - nu  # margins, spacing, score row, remark field
        self.editor.setMinimumHeight(rest + max(hoogte(_titel_tekst(r), r.toelichting, _bevinding_tekst(r))
                                                for r in self.rijen))

    def _vaste_hoogte_beurt(self) -> None:
        self._vaste_hoogte()
        InStappen.beurt_vol()

    def _tekst_hoogte(self, naam: str, label: QLabel, tekst: str, breedte: int) -> int:
        sleutel = (naam, breedte, tekst)
        if sleutel not in self._hoogtes:
            maat = self._maatlabels.get(naam)
            if maat is None:
                maat = self._maatlabels[naam] = QLabel(self.editor)
                maat.hide()
                maat.setObjectName(label.objectName())
                maat.setStyleSheet(label.styleSheet())
                maat.setWordWrap(True)
                maat.setTextFormat(label.textFormat())
                maat.ensurePolished()
            maat.setText(tekst)
            self._hoogtes[sleutel] = maat.heightForWidth(breedte)
        return self._hoogtes[sleutel]

    def zet_score(self, nummer: int, score: str, opmerking: str | None = None) -> None:
        """Set a criterion's score (and remark) as the reviewer would; used by the buttons and by tests."""
        r = self.rijen[nummer - 1]
        r.score = score
        if opmerking is not None:
            r.opmerking = opmerking
        if r.fout and score != ToetsScore.ONVOLDOENDE.value:
            r.fout = None
        self._rij_gewijzigd(nummer - 1)
        if self.huidig() is r:
            self._toon_criterium()

    def _score_gezet(self, knop: QRadioButton) -> None:
        r = self.huidig()
        if r is None:
            return
        for sc, rb in self.score_knoppen.items():
            if rb is knop:
                self.zet_score(r.nummer, sc)

    def _opmerking_gezet(self) -> None:
        r = self.huidig()
        if r is not None:
            r.opmerking = self.opmerking.toPlainText()
            self._rij_gewijzigd(r.nummer - 1)

    def _rij_gewijzigd(self, rij: int) -> None:
        model = self.tabel.bron
        model.dataChanged.emit(model.index(rij, 0), model.index(rij, model.columnCount() - 1))
        self._oordeel_bij()

    def _stap(self, delta: int) -> None:
        idx = self.tabel.currentIndex()
        rij = max(0, min(len(self.rijen) - 1, (idx.row() if idx.isValid() else -1) + delta))
        self.tabel.selectRow(rij)

    def _oordeel_bij(self) -> None:
        gescoord = {r.nummer: r.score for r in self.rijen if r.score}
        gem, oordeel = _regels().eindoordeel(gescoord)  # type: ignore[arg-type]
        open_ = sum(1 for r in self.rijen if not r.score)
        tekst = f"Nog {open_} criteri{'um' if open_ == 1 else 'a'} zonder score. " if open_ else ""
        if oordeel is not None and gem is not None:
            tekst += f"{'Voorlopig eindoordeel' if open_ else 'Eindoordeel'}: <b>{_regels().score_label(oordeel).lower()}</b> (gemiddeld {getal(gem, 1)} van 3)"
        self.oordeel.setText(tekst)

    # --- the decision --------------------------------------------------------------------------------------------

    def _wis_fouten(self) -> None:
        for r in self.rijen:
            r.fout = None
        self.opm_fout.hide()
        self.algemeen_fout.hide()
        self.opmerkingen.setProperty("fout", False)
        self.opmerkingen.style().polish(self.opmerkingen)

    def _meld(self, tekst: str) -> None:
        """What was done: in the status bar and above the queue, until the next approval or return."""
        self.gedaan.setText(tekst)
        self.gedaan.show()
        self.shell.melding(tekst)

    def beoordeel(self, uitkomst: str) -> None:
        """Approve or return: on the writer, off the GUI thread (ui.ops); refusals at the criteria or the remarks."""
        d = self.dossier
        if d is None:
            return
        self._wis_fouten()
        scores = {r.nummer: _svc().ScoreInvoer(r.score, r.opmerking.strip() or None) for r in self.rijen if r.score}
        ctx, actor, opmerkingen = self.shell.ctx, self.shell.actor, self.opmerkingen.toPlainText()

        def fout(exc: BaseException) -> bool:
            if isinstance(exc, ValidatieFout):
                self._toon_fouten(exc.fouten)
                return True
            if isinstance(exc, ConsulentFout):
                self.algemeen_fout.setText(str(exc))
                self.algemeen_fout.show()
                return True
            return False

        def klaar(_u: object) -> None:
            self._meld(f"Beschikking {d.kenmerk} ({d.client}) is "
                       + ("goedgekeurd en gaat naar de administratie voor verzending." if uitkomst == "goedgekeurd"
                          else "teruggestuurd naar de consulent, met uw opmerkingen."))
            self.vernieuw()

        self.shell.ops.schrijf(self, lambda: _svc().beoordeel(ctx, actor, d.beschikking_id, uitkomst=uitkomst,
                                                           scores=scores, opmerkingen=opmerkingen, versie=d.versie),
                               klaar, fout=fout, wijziging=Wijziging.van("beschikking", "toetsing", bron=self))

    def _toon_fouten(self, fouten: dict[str, str]) -> None:
        eerste: int | None = None
        for veld, msg in fouten.items():
            if veld.startswith("criterium_"):
                nr = int(veld.removeprefix("criterium_"))
                if 1 <= nr <= len(self.rijen):
                    self.rijen[nr - 1].fout = msg
                    eerste = nr if eerste is None else min(eerste, nr)
                    self._rij_gewijzigd(nr - 1)
                else:
                    self.algemeen_fout.setText(msg)
                    self.algemeen_fout.show()
            elif veld == "opmerkingen":
                self.opm_fout.setText(msg)
                self.opm_fout.show()
                self.opmerkingen.setProperty("fout", True)
                self.opmerkingen.style().polish(self.opmerkingen)
                self.opmerkingen.setFocus()
            else:
                self.algemeen_fout.setText(msg)
                self.algemeen_fout.show()
        self._vaste_hoogte()  # the refusals' place at every criterion
        if eerste is not None:
            self.tabel.selectRow(eerste - 1)
            self._toon_criterium()
            self.tabel.setFocus()


class _BreedteVolger(QObject):
    """Calls `fn` when `widget` gets another width (the window or the splitter resized)."""

    def __init__(self, widget: QWidget, fn: Any) -> None:
        super().__init__(widget)
        self._fn = fn
        self._breedte = widget.width()
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.Resize and isinstance(obj, QWidget) and obj.width() != self._breedte:
            self._breedte = obj.width()
            self._fn()
        return False


class MijnToetsingen(QWidget):
    """The consultant's side: own decisions in concept, in review or returned, with the reviewer's remarks."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(ouder(shell))
        self.shell = shell
        self.bezig = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 22, 28, 18)
        lay.setSpacing(10)
        kopregel = QHBoxLayout()
        kopregel.addWidget(kop("Toetsing"), 1)
        self.dien_in_knop = QPushButton("Ter &toetsing aanbieden")
        self.dien_in_knop.setObjectName("primair")
        self.dien_in_knop.clicked.connect(self.dien_in)
        kopregel.addWidget(self.dien_in_knop)
        lay.addLayout(kopregel)
        lay.addWidget(uitleg("Uw beschikkingen die nog getoetst moeten worden. Een collega-toetser beoordeelt ze "
                             "(vier ogen). Teruggestuurde beschikkingen staan bovenaan, met de opmerkingen van de "
                             "toetser."))
        splitter = QSplitter(Qt.Orientation.Horizontal, self)  # each part made in its parent: styled once (ouder)
        splitter.setChildrenCollapsible(False)
        self.tabel = Tabel([
            Kolom("Status", lambda e: e.status_label, min_breedte=140,
                  pil=lambda e: {"teruggestuurd": "rood", "concept": "grijs", "ter_toetsing": "blauw"}.get(e.status)),
            Kolom("Kenmerk", lambda e: e.kenmerk),
            Kolom("Cliënt", lambda e: e.client, rek=True),
            Kolom("Beslistermijn", lambda e: e.beslistermijn_einde, tekst=datum_kort),
        ], splitter, sorteerbaar=False)
        self.tabel.setAccessibleName("Mijn beschikkingen in toetsing")
        splitter.addWidget(self.tabel)
        self.details = QTextBrowser(splitter)
        self.details.setAccessibleName("Opmerkingen van de toetser")
        splitter.addWidget(self.details)
        splitter.setSizes([560, 520])
        lay.addWidget(splitter, 1)
        self.fout = QLabel()
        self.fout.setObjectName("formulierfout")
        self.fout.setWordWrap(True)
        self.fout.hide()
        lay.addWidget(self.fout)
        self.tabel.selectionModel().currentRowChanged.connect(lambda *_a: self._details())
        self.tabel.rij_geopend.connect(lambda e: shell.open_dossier(e.client_id))
        # Arriving here the list has the focus, not 'Ter toetsing aanbieden' (a stray Space would submit).
        self.setFocusProxy(self.tabel)

    def toon(self, **_params: Any) -> None:
        self.vernieuw()

    def bij_wijziging(self, w: Any) -> None:
        """A reviewer approved or returned one of my decisions: the list reads again."""
        volg_wijziging(self, w, frozenset({"beschikking", "toetsing", "verzendlijst"}))

    def vernieuw(self) -> None:
        self.bezig = True
        ctx, actor = self.shell.ctx, self.shell.actor
        laad(self, lambda: _svc().mijn_beschikkingen(ctx, actor), self._geladen, self._fout)

    def _fout(self, msg: str) -> None:
        self.bezig = False
        self.shell.melding(msg, fout=True)

    def _geladen(self, rijen: list[EigenBeschikking]) -> None:
        self.bezig = False
        self.tabel.zet_rijen(rijen)  # selecting the first row loads its details (bezig until they are shown)
        if not rijen:
            self.details.setHtml("<p>U heeft geen beschikkingen in concept of in toetsing.</p>")

    def _details(self) -> None:
        e: EigenBeschikking | None = self.tabel.huidige_rij()
        self.fout.hide()
        self.dien_in_knop.setEnabled(e is not None and e.status in ("concept", "teruggestuurd"))
        if e is None:
            return
        self.bezig = True
        ctx, actor = self.shell.ctx, self.shell.actor
        voor_aanbieden = e.status in ("concept", "teruggestuurd")

        def bron() -> tuple[list[ToetsingView], ToetsDossier | None]:
            views = _svc().toetsingen_van(ctx, actor, e.beschikking_id)
            return views, _svc().toets_dossier(ctx, actor, e.beschikking_id) if voor_aanbieden else None

        def toon(res: tuple[list[ToetsingView], ToetsDossier | None]) -> None:
            if self.tabel.huidige_rij() is not e:
                return
            self.bezig = False
            views, dossier = res
            kopje = f"<h2 style='color:#173b5c'>{html.escape(e.client)} · {html.escape(e.kenmerk)}</h2>"
            self.details.setHtml(kopje + (controle_html(dossier) if dossier else "") + toetsingen_html(views))

        def fout(msg: str) -> None:
            self.bezig = False
            self.details.setHtml(f"<p>{html.escape(msg)}</p>")

        laad(self, bron, toon, fout)

    def dien_in(self) -> None:
        e: EigenBeschikking | None = self.tabel.huidige_rij()
        if e is None:
            return
        from ui.toetsing_aanbieden import bied_aan

        def fout(tekst: str) -> None:
            self.fout.setText(tekst)
            self.fout.show()

        bied_aan(self.shell, self, beschikking_id=e.beschikking_id, kenmerk=e.kenmerk, versie=e.versie,
                 na=self.vernieuw, fout=fout)


def maak(shell: Shell) -> QWidget:
    return ToetsScherm(shell) if shell.actor.rol is Rol.TOETSER else MijnToetsingen(shell)


PAGE = PageSpec(
    key="toetsing", titel="Toetsing", rollen=(Rol.TOETSER, Rol.CONSULENT), maak=maak, volgorde=14,
    sneltoets="Ctrl+9", extra={"icoon": "toetsen"},
)
