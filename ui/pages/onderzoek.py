"""The investigation screen: the seven legal steps of the Wmo or the Jeugdwet, side panel with their state and the
legal due date, autosave of every field, step 7 provisions, who was heard, completing and the client's reaction."""

from __future__ import annotations

import datetime as dt
import html
import time
from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSignalBlocker, QSize, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from consulent_app import formatting, termijnen
from consulent_app.domain import Kanaal, Rol, StapStatus, Wet
from consulent_app.errors import ConflictFout, ConsulentFout, ValidatieFout
from consulent_app.formulieren import Formulier as FormDef
from consulent_app.formulieren import laad_formulier
from consulent_app.rules.aanvraag import ZONDER_ONDERZOEK_TEKST
from consulent_app.rules.stappenplan import samenvatting_uit_tabel
from consulent_app.services import onderzoek as svc
from consulent_app.services.onderzoek import OnderzoekView, StapVoortgang
from consulent_app.termijnen import PERSOONLIJK_PLAN_GRONDSLAG
from ui.aanvraag_zonder_onderzoek import KNOP_TEKST, KNOP_UITLEG, aanvraag_dialoog
from ui.later_gebouwd import Beurten
from ui.onderzoek.autosave import AutoOpslag, vraag_bij_verlaten
from ui.onderzoek.gehoord import AfrondenSectie, GehoordSectie
from ui.onderzoek.lijsten import (
    DekkingSectie,
    LijstEditor,
    behoeften_editor,
    problemen_editor,
    resultaten_editor,
)
from ui.onderzoek.stappen import AFRONDEN, GEHOORD, NvtBlok, StapKop, StappenPaneel, VeldenBlok
from ui.onderzoek.voorzieningen import VoorzieningenSectie
from ui.ops import OpslagStand, Wijziging
from ui.pages.base import PageSpec, Shell, ouder
from ui.widgets import Formulier, InStappen, Kaart, StatusPil, kop, telt_als_tekenen

LEZERS = (Rol.CONSULENT, Rol.TOETSER, Rol.TEAMLEIDER, Rol.PLANNER)
VELDSOORTEN = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QCheckBox)
# Alt-letters taken on every step: the window's menu (Bestand) and this screen's Dossier, Heropenen, Ter toetsing.
VASTE_TOETSEN = ("b", "d", "h", "t")


#: Building the pages not yet built goes in slices between frames (issue 13: no stall over one frame of 16 ms): a
#: slice is one part of a page (its heading, its structured part, its fields; 1-6 ms with Qt's styling), and
#: another part starts in the same slice only while the slice has taken less than this. 0: one part a slice (a part
#: of 2 ms with one of 5 after it, and the window's paint of the step on screen, stood still 10-11 ms).
BOUW_BUDGET_S = 0.0

_T = TypeVar("_T")


def _scroll(parent: QWidget | None = None) -> QScrollArea:
    """An empty page of the step stack: its content is built when first needed (shown, or in slices after the first
    paint). Its background is in style.qss (QWidget#onderzoekinhoud): a style sheet of its own made Qt style every
    widget of the page once more, twice per page (issue 13). Made in the stack (`parent`), it is styled once, not
    again when the stack takes it in."""
    sa = QScrollArea(parent)
    sa.setWidgetResizable(True)
    sa.setFrameShape(QScrollArea.Shape.NoFrame)
    sa.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return sa


class _Stapel(QStackedWidget):
    """The step pages. Its size comes from the window, never from its pages: Qt's stack asks every page for its
    size (each a full layout of its text) whenever the page shown changes (issue 13: 22 ms to show an empty page)."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt name
        return QSize(640, 480)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt name
        return QSize(320, 200)


class _BijGebruik(Mapping[int, _T], Generic[_T]):
    """The steps' pages (or their structured parts) by number, built on first use: `page.stappen[5]` builds step 5
    when the slices after opening have not come to it yet. Iterating goes over every step of the law."""

    def __init__(self, gebouwd: dict[int, _T], bouw: Callable[[int], None], nummers: Callable[[], list[int]]) -> None:
        self._gebouwd, self._bouw, self._nummers = gebouwd, bouw, nummers

    def __getitem__(self, n: int) -> _T:
        if n not in self._gebouwd and n in self._nummers():
            self._bouw(n)
        return self._gebouwd[n]

    def __contains__(self, n: object) -> bool:
        return n in self._nummers()

    def __iter__(self) -> Iterator[int]:
        return iter(self._nummers())

    def __len__(self) -> int:
        return len(self._nummers())


class StapPagina(QWidget):
    """One step: help from forms/, the fields (autosaved), the structured part, 'niet van toepassing'. Made with its
    heading; the structured part and the fields are put in afterwards (`voeg_extra_toe`, `zet_velden`), each made
    inside the page, so the investigation can build a step in slices (issue 13)."""

    def __init__(self, kop_: StapKop) -> None:
        super().__init__()
        self.setObjectName("onderzoekinhoud")
        self.kop = kop_
        self.extra: list[QWidget] = []
        self.nvt: NvtBlok | None = None
        self._lay = lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(12)
        lay.addWidget(kop_)
        self.slot = QLabel()
        self.slot.setObjectName("formulierfout")
        self.slot.setWordWrap(True)
        self.slot.hide()
        lay.addWidget(self.slot)
        # The structured part (problems, results, needs, bruto/netto, provisions) is the heart of the step: on top,
        # above this card with the text fields.
        self.kaart = Kaart(self)
        lay.addWidget(self.kaart)
        lay.addStretch(1)

    def voeg_extra_toe(self, w: QWidget) -> None:
        self._lay.insertWidget(self._lay.indexOf(self.kaart), w)
        self.extra.append(w)

    def zet_velden(self, velden: VeldenBlok, nvt: NvtBlok | None) -> None:
        self.velden = velden
        self.nvt = nvt
        self.kaart.inhoud.addWidget(velden)
        if nvt is not None:
            self.kaart.inhoud.addWidget(nvt)


class OnderzoekPagina(QWidget):
    def __init__(self, shell: Shell) -> None:
        super().__init__(ouder(shell))
        self.shell = shell
        self.view: OnderzoekView | None = None
        self.formulier_def: FormDef = laad_formulier(Wet.WMO)
        self.melding_id: int | None = None
        self.huidig = 1
        self._wet: str | None = None
        self._verouderd = False
        # The pages of the step stack (1-7 the steps, GEHOORD, AFRONDEN), built when first needed: only the page
        # shown is built while the investigation opens, the others in slices after the first paint (issue 13: the
        # window stood still 265 ms building all nine at once).
        self._stappen: dict[int, StapPagina] = {}
        self._lijsten: dict[int, Any] = {}
        self._gehoord: GehoordSectie | None = None
        self._afronden: AfrondenSectie | None = None
        self._gebouwd: set[int] = set()
        self._bouwers: dict[int, Iterator[None]] = {}
        self._bouwtimer = Beurten(self, self._bouw_verder)  # a slice per turn of the event loop
        self._te_tonen: dict[int, QWidget] = {}  # pages built hidden, shown the turn after (`_pagina_bouwer`)
        self._toonstappen = InStappen(self)
        self._lezing_bij_openen: OnderzoekView | None = None  # the read the journal was restored over
        self._focus_na_bouw: int | None = None
        self._keuzelijsten: svc.Keuzelijsten | None = None
        self.stappen: Mapping[int, StapPagina] = _BijGebruik(self._stappen, self._bouw_pagina, self._stapnummers)
        self.lijsten: Mapping[int, Any] = _BijGebruik(
            self._lijsten, self._bouw_pagina, lambda: [n for n in self._stapnummers() if n >= 2])
        self.schrijven = shell.actor.rol is Rol.CONSULENT
        self.laden = False

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.kopbalk = QWidget()
        self.kopbalk.setObjectName("onderzoekkop")
        kb = QHBoxLayout(self.kopbalk)
        kb.setContentsMargins(20, 12, 20, 10)
        self.titel = QLabel()
        self.titel.setObjectName("kop1")
        self.ondertitel = QLabel()
        self.ondertitel.setObjectName("uitleg")
        tl = QVBoxLayout()
        tl.setSpacing(2)
        tl.addWidget(self.titel)
        tl.addWidget(self.ondertitel)
        kb.addLayout(tl, 1)
        self.status = StatusPil()
        kb.addWidget(self.status, 0, Qt.AlignmentFlag.AlignTop)
        self.dossier_knop = QPushButton("&Dossier")
        self.dossier_knop.clicked.connect(lambda: self.view and self.shell.open_dossier(self.view.client_id))
        kb.addWidget(self.dossier_knop, 0, Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.kopbalk)

        # Why the fields cannot be changed (afgerond, another role), the reviewer's remarks on a returned file, and
        # the way out: reopen to amend the report, or offer the decision for review again.
        self.balk = QFrame()
        self.balk.setObjectName("terugbalk")
        bl = QHBoxLayout(self.balk)
        bl.setContentsMargins(20, 8, 20, 8)
        self.balk_tekst = QLabel()
        self.balk_tekst.setObjectName("terugtekst")
        self.balk_tekst.setWordWrap(True)
        self.balk_tekst.setTextFormat(Qt.TextFormat.RichText)
        self.balk_tekst.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bl.addWidget(self.balk_tekst, 1)
        self.heropen_knop = QPushButton("&Heropenen om aan te passen")
        self.heropen_knop.setToolTip("Het onderzoek gaat weer open; rond het daarna opnieuw af voor een nieuwe versie "
                                     "van het verslag.")
        self.heropen_knop.clicked.connect(self.heropen)
        bl.addWidget(self.heropen_knop, 0, Qt.AlignmentFlag.AlignVCenter)
        from ui.toetsing_aanbieden import KNOP_TEKST as AANBIED_TEKST
        from ui.toetsing_aanbieden import KNOP_UITLEG as AANBIED_UITLEG

        self.aanbied_knop = QPushButton(AANBIED_TEKST)
        self.aanbied_knop.setObjectName("primair")
        self.aanbied_knop.setToolTip(AANBIED_UITLEG)
        self.aanbied_knop.clicked.connect(self.bied_aan)
        bl.addWidget(self.aanbied_knop, 0, Qt.AlignmentFlag.AlignVCenter)
        self.balk.hide()
        lay.addWidget(self.balk)
        self.alleen_lezen_reden = ""
        self.laatste_preview: Any = None  # the decision letter shown after "Beschikking maken" (Afronden)

        self.hoofd = QStackedWidget()
        lay.addWidget(self.hoofd, 1)
        # 0: start an investigation for a melding
        self.start_pagina = QWidget()
        sp_lay = QVBoxLayout(self.start_pagina)
        sp_lay.setContentsMargins(28, 24, 28, 24)
        self.start_kaart = Kaart()
        self.start_tekst = QLabel()
        self.start_tekst.setWordWrap(True)
        self.start_tekst.setTextFormat(Qt.TextFormat.RichText)
        self.start_kaart.inhoud.addWidget(kop("Nog geen onderzoek bij deze melding", niveau=2))
        self.start_kaart.inhoud.addWidget(self.start_tekst)
        self.start_knop = QPushButton("Onderzoek &starten")
        self.start_knop.setObjectName("primair")
        self.start_knop.clicked.connect(self.start)
        self.aanvraag_knop = QPushButton(KNOP_TEKST)
        self.aanvraag_knop.setToolTip(KNOP_UITLEG)
        self.aanvraag_knop.clicked.connect(self.aanvraag_zonder_onderzoek)
        self.aanvraag_dialoog: Any = None
        rij = QHBoxLayout()
        rij.addWidget(self.start_knop)
        rij.addWidget(self.aanvraag_knop)
        rij.addStretch(1)
        self.start_kaart.inhoud.addLayout(rij)
        sp_lay.addWidget(self.start_kaart)
        sp_lay.addStretch(1)
        self.hoofd.addWidget(self.start_pagina)
        # 1: the investigation
        werk = QWidget()
        wl = QHBoxLayout(werk)
        wl.setContentsMargins(0, 0, 0, 0)
        wl.setSpacing(0)
        self.paneel = StappenPaneel()
        self.paneel.gekozen.connect(self.ga_naar)
        wl.addWidget(self.paneel)
        rechts = QVBoxLayout()
        rechts.setSpacing(0)
        self.pagina_stack = _Stapel()
        rechts.addWidget(self.pagina_stack, 1)
        # The empty step pages of the first investigation, made while it is read (a turn after the screen is shown),
        # not in the turn its data come back with the rest (issue 13).
        self._lege_paginas: list[QScrollArea] = []
        self._voorbereiding = InStappen(self)
        self._voorbereiding.voeg_toe(self._maak_lege_paginas)
        nav = QWidget()
        nav.setObjectName("stapnavigatie")
        nl = QHBoxLayout(nav)
        nl.setContentsMargins(20, 6, 20, 8)
        self.vorige_knop = QPushButton("◀  Vorige stap")
        self.vorige_knop.setToolTip("Vorige stap (Ctrl+PgUp of Alt+Links)")
        self.volgende_knop = QPushButton("Volgende stap  ▶")
        self.volgende_knop.setToolTip("Volgende stap (Ctrl+PgDn of Alt+Rechts)")
        self.vorige_knop.clicked.connect(self.vorige)
        self.volgende_knop.clicked.connect(self.volgende)
        # Not in the tab chain between fields, and never the focus: a space typed after Tab must not change the
        # step (the keyboard has Ctrl+PgDn / Ctrl+PgUp and Alt+Right / Alt+Left).
        for knop in (self.vorige_knop, self.volgende_knop):
            knop.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.opslag_label = QLabel("Alles is opgeslagen.")
        self.opslag_label.setObjectName("opslagstand")
        self.opslag_label.setAccessibleName("Stand van het opslaan")
        nl.addWidget(self.vorige_knop)
        nl.addStretch(1)
        nl.addWidget(self.opslag_label)
        nl.addStretch(1)
        nl.addWidget(self.volgende_knop)
        rechts.addWidget(nav)
        wl.addLayout(rechts, 1)
        self.hoofd.addWidget(werk)

        self.ops = shell.ops
        self.ops.stand.connect(self._toon_stand)
        self.autosave = self._maak_autosave()

        # Alt+Left is the window's 'Terug'; the window asks this page first (terug_binnen). No application-wide
        # event filter: one in Python runs for every event of every widget and makes the window wait for the GIL
        # while a read runs in the background (the step-change stall of issue 13).
        for keys, fn in ((["Ctrl+PgDown", "Alt+Right"], self.volgende), (["Ctrl+PgUp"], self.vorige)):
            for k in keys:
                sc = QShortcut(QKeySequence(k), self)
                sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                sc.activated.connect(fn)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.bewaar_alles)  # type: ignore[attr-defined]
        self._volgt_focus = False

    # --- keyboard: Alt+Left / Alt+Right move between steps here (the window uses Alt+Left for 'back') ---------

    def terug_binnen(self) -> bool:
        """Alt+Left with the focus in the investigation: the previous step, not the window's 'back'."""
        focus = QApplication.focusWidget()
        if self.isVisible() and self.view is not None and focus is not None \
                and (focus is self or self.isAncestorOf(focus)):
            self.vorige()
            return True
        return False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        """Installed only on read-only text fields (_markeer_alleen_lezen): typing there says why, never silence."""
        if event.type() == QEvent.Type.KeyPress and self.alleen_lezen_reden and isinstance(
                obj, QLineEdit | QPlainTextEdit) and obj.isReadOnly():
            assert isinstance(event, QKeyEvent)
            if event.text().strip() and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                                                 | Qt.KeyboardModifier.AltModifier):
                self.shell.melding(self.alleen_lezen_reden, fout=True)
        return False

    # --- opening -------------------------------------------------------------------------------------------

    def toon(self, onderzoek_id: int | None = None, melding_id: int | None = None) -> None:
        """Open an investigation (or the start card of a melding without one). Read off the GUI thread."""
        self.bewaar_alles()
        if onderzoek_id is None and melding_id is None:
            return
        ctx, actor = self.shell.ctx, self.shell.actor

        def laad() -> tuple[str, Any]:
            oid = onderzoek_id
            if oid is None and melding_id is not None:
                oid = svc.onderzoek_van_melding(ctx, actor, melding_id)
                if oid is None:
                    return "start", svc.melding_samenvatting(ctx, actor, melding_id)
            assert oid is not None
            view = svc.haal_onderzoek(ctx, actor, oid)
            return "view", (view, svc.keuzelijsten(ctx, actor, view.wet))

        self.laden = True
        # Journal entries still waiting when the read starts: if one of them is written while the read runs, the
        # read may have seen the older stored text and the journal no longer holds the newer one; read again then.
        self._wachtend_bij_lezen = {i.sleutel for i in self.ops.journaal_items("onderzoek:")}
        self.ops.lees(self, laad, self._geladen, sleutel="view", fout=self._laden_mislukt)

    def _laden_mislukt(self, _exc: BaseException) -> bool:
        self.laden = False
        return False

    def _geladen(self, uitkomst: tuple[str, Any]) -> None:
        self.laden = False
        soort, data = uitkomst
        if soort == "start":
            self._toon_start(data)
            return
        view, lijsten = data
        # One look at the journal, used for both checks below: the writer may commit an entry (and remove it) while
        # the screen is being built; read twice, the first look could still see it and the second not, and the
        # field would show the older stored text (a flaky test under load found it).
        journaal = self.ops.journaal_items(f"onderzoek:{view.id}:")
        wachtend_nu = {i.sleutel for i in self.ops.journaal_items("onderzoek:")}
        if getattr(self, "_wachtend_bij_lezen", set()) - wachtend_nu:
            # written meanwhile: this read may predate it (see toon)
            self.toon(onderzoek_id=view.id)
            return
        nieuw = self.view is None or self.view.id != view.id or not self._gebouwd
        if nieuw:  # opened from a melding or just started: this investigation is where to come back after a restart
            from ui import laatste_plek

            laatste_plek.onthoud(self.shell.ctx.config.resolved_database_url(), self.shell.actor.gebruiker_id,
                                 "onderzoek", {"onderzoek_id": view.id})
        self._bouw(view, lijsten)
        self.ververs(view)
        if nieuw:
            self._herstel_uit_journaal(view.id, journaal)
        index = view.huidige_stap if not view.afgerond else AFRONDEN
        if index in self._gebouwd:
            self.ga_naar(index, bewaar=False)
        else:  # opening: the window paints the header and the step list first, then the step in slices
            with self.ops.eerst_tekenen():
                self._ga_naar(index, False, bouw=False)
        if len(self._gebouwd) < AFRONDEN:  # the step shown first, then the others, a slice at a time
            self._bouwtimer.start()

    def _toon_start(self, me: svc.MeldingSamenvatting) -> None:
        self.view = None
        self.melding_id = me.id
        self.titel.setText(me.client_naam)
        self.ondertitel.setText(f"{Wet(me.wet).label} · melding van {formatting.datum(me.datum)}")
        self.status.zet("nog niet gestart", "grijs")
        regel = termijnen.beslistermijn(me.wet)
        termijn = (f"Het onderzoek moet uiterlijk <b>{formatting.datum(me.onderzoekstermijn_einde)}</b> af zijn "
                   f"({termijnen.ONDERZOEK_WMO.artikel})." if me.onderzoekstermijn_einde else
                   f"De Jeugdwet kent geen eigen onderzoekstermijn; na de aanvraag geldt de beslistermijn van "
                   f"{regel.lengte} ({regel.artikel}).")
        kanaal = Kanaal(me.kanaal).label if me.kanaal in Kanaal._value2member_map_ else me.kanaal
        extra = ""
        if me.persoonlijk_plan_uiterlijk is not None:  # Wmo 2015 art. 2.3.2 lid 2
            plan = (f"ontvangen op {formatting.datum(me.persoonlijk_plan_ontvangen)}" if me.persoonlijk_plan_ontvangen
                    else "nog niet ontvangen")
            kan = "kan" if me.persoonlijk_plan_uiterlijk >= dt.date.today() else "kon"
            extra += (f"<p><b>Persoonlijk plan:</b> {kan} tot en met "
                      f"<b>{formatting.datum(me.persoonlijk_plan_uiterlijk)}</b>; {plan}. "
                      f"({PERSOONLIJK_PLAN_GRONDSLAG})</p>")
            steun = ("nog niet vastgelegd" if me.clientondersteuning_gewezen is None else
                     "nee" if not me.clientondersteuning_gewezen else
                     "ja" + (f", op {formatting.datum(me.clientondersteuning_gewezen_op)}"
                             if me.clientondersteuning_gewezen_op else ""))
            extra += f"<p><b>Gewezen op gratis cliëntondersteuning:</b> {steun}.</p>"
        if me.aanvraag_id is not None and me.aanvraag_zonder_onderzoek:
            extra += (f"<p><b>{ZONDER_ONDERZOEK_TEKST}</b> van {formatting.datum(me.aanvraag_datum)}: beslissen "
                      f"uiterlijk <b>{formatting.datum(me.beslistermijn_einde)}</b>.</p>")
        elif me.aanvraag_mogelijk:
            extra += f"<p>{KNOP_UITLEG}</p>"
        self.start_tekst.setText(f"<p><b>Vraag:</b> {me.vraag}</p><p><b>Binnengekomen via:</b> {kanaal}</p>"
                                 f"<p>{termijn}</p>{extra}<p>Start het onderzoek om de zeven stappen van de "
                                 f"{Wet(me.wet).label} te doorlopen. Alles wat u invult wordt direct opgeslagen.</p>")
        self.start_knop.setEnabled(self.schrijven)
        self._melding = me
        self.aanvraag_knop.setVisible(self.schrijven and me.aanvraag_mogelijk)
        self.hoofd.setCurrentIndex(0)
        self.start_knop.setFocus()

    def aanvraag_zonder_onderzoek(self) -> None:
        """Wmo 2015 art. 2.3.5 lid 2: the client files the aanvraag after the investigation term passed."""
        me = getattr(self, "_melding", None)
        if me is None or not me.aanvraag_mogelijk or not self.schrijven:
            return
        self.aanvraag_dialoog = aanvraag_dialoog(
            self.shell, self, melding_id=me.id, client=me.client_naam, client_id=me.client_id,
            onderzoekstermijn_einde=me.onderzoekstermijn_einde, modaal=not getattr(self, "niet_modaal", False),
            na=lambda _aid: self.toon(melding_id=me.id))

    def start(self) -> None:
        if self.melding_id is None:
            return
        ctx, actor, mid = self.shell.ctx, self.shell.actor, self.melding_id

        def gestart(oid: int) -> None:
            self.shell.melding("Onderzoek gestart. Alles wordt automatisch opgeslagen.")
            self.toon(onderzoek_id=oid)

        self.ops.schrijf(self, lambda: svc.start_onderzoek(ctx, actor, mid), gestart,
                         wijziging=Wijziging.van("onderzoek", "melding", "werkvoorraad", bron=self))

    def _bouw(self, view: OnderzoekView, keuzelijsten: svc.Keuzelijsten) -> None:
        """Make the (empty) step pages for this law (forms/<wet>.toml); made anew when another investigation opens.
        A page's content is built when first needed (`_bouw_pagina`): the one shown at once, the rest in slices."""
        if self.view is not None and self.view.id == view.id and self._gebouwd:
            return
        self._bouwtimer.stop()
        self._bouwers.clear()
        self._gebouwd.clear()
        self._te_tonen.clear()
        self._stappen.clear()
        self._lijsten.clear()
        self._gehoord = self._afronden = None
        self._lezing_bij_openen = None
        # Another investigation: its pages go. An empty page is shown first, so taking out the page on screen does
        # not show (and lay out) the next one, and so on for each (48 ms).
        leeg = QWidget()
        self.pagina_stack.addWidget(leeg)
        focus = QApplication.focusWidget()
        if focus is not None and self.pagina_stack.isAncestorOf(focus):
            with QSignalBlocker(self.paneel.lijst):
                self.paneel.lijst.setFocus()  # not Qt's walk along every field of every page for the next one
        self.pagina_stack.setCurrentWidget(leeg)
        while self.pagina_stack.count() > 1:
            w = self.pagina_stack.widget(0)
            self.pagina_stack.removeWidget(w)
            w.deleteLater()
        self.autosave.deleteLater()
        self.autosave = self._maak_autosave()
        self.formulier_def = laad_formulier(Wet(view.wet))
        self.view = view
        self._keuzelijsten = keuzelijsten
        for _ in range(AFRONDEN):
            self.pagina_stack.addWidget(self._lege_paginas.pop() if self._lege_paginas else _scroll(self.pagina_stack))
        self.pagina_stack.removeWidget(leeg)
        leeg.deleteLater()
        # The keyboard may fall on the step list as the start card goes: that picks no step (the one to show is
        # chosen after this, and built in slices).
        with QSignalBlocker(self.paneel.lijst):
            self.hoofd.setCurrentIndex(1)

    def _maak_lege_paginas(self) -> None:
        if self.pagina_stack.count() == 0:  # no investigation shown yet
            for _ in range(AFRONDEN):
                sa = _scroll(self.pagina_stack)
                sa.hide()  # out of sight until the stack takes it in (`_bouw`)
                self._lege_paginas.append(sa)

    def _stapnummers(self) -> list[int]:
        return [s.nummer for s in self.formulier_def.stappen] if self.view is not None else []

    def _bouw_pagina(self, index: int) -> None:
        """Build page `index` now, whole (it is about to be shown, or asked for), unless it is built already."""
        if index in self._gebouwd or self.view is None:
            self._toon_gebouwd(index)
            return
        for _ in self._bouwers.pop(index, None) or self._pagina_bouwer(index):
            pass
        self._toon_gebouwd(index)

    def _bouw_verder(self) -> None:
        """One slice of building the pages not yet built, in step order, then the window's turn again (a timer, not
        a posted call: posted calls run one after another before the window paints or any timer runs)."""
        if self.view is None:
            self._bouwtimer.stop()
            return
        einde = time.perf_counter() + BOUW_BUDGET_S
        for index in (self.huidig, *range(1, AFRONDEN + 1)):
            if index in self._gebouwd:
                continue
            bouwer = self._bouwers.setdefault(index, self._pagina_bouwer(index))
            for _ in bouwer:
                if time.perf_counter() >= einde:
                    return
            self._bouwers.pop(index, None)
            if time.perf_counter() >= einde:
                return
        self._bouwtimer.stop()

    def _pagina_bouwer(self, index: int) -> Iterator[None]:
        """Builds page `index` in parts, yielding between them (each a few milliseconds, Qt's styling of what was
        made included): its heading in its place, the structured part, the fields, then filled from the last read
        and from the journal. Every part is made inside the page already in the window, so Qt styles it once."""
        assert self.view is not None
        wet = Wet(self.view.wet)
        al_gekoppeld = set(self.autosave.sleutels())
        scroll = self.pagina_stack.widget(index - 1)
        assert isinstance(scroll, QScrollArea)
        # The page on screen is built hidden and shown whole and filled, a turn after its last part: laid out and
        # painted once, not again with each part (each part put in the visible step laid out and painted all of
        # it; issue 13). The pages not on screen are built as they are (laid out when first shown).
        verborgen = scroll is self.pagina_stack.currentWidget()
        inhoud: QWidget
        sectie: Any = None
        if index <= 7:
            stapdef = self.formulier_def.stap(index)
            n = stapdef.nummer
            pagina = StapPagina(StapKop(stapdef, wet.label))
            scroll.setWidget(pagina)
            pagina.setVisible(not verborgen)
            inhoud = pagina
            yield
            if n == 2:
                sectie = problemen_editor(self, pagina, in_delen=True)
            elif n == 3:
                sectie = resultaten_editor(self, pagina, in_delen=True)
            elif n == 4:
                sectie = behoeften_editor(self, pagina, in_delen=True)
            elif n in (5, 6):
                sectie = DekkingSectie(self, n, pagina, in_delen=True)
            elif n == 7:
                sectie = VoorzieningenSectie(self, pagina, in_delen=True)
            if sectie is not None:
                pagina.voeg_extra_toe(sectie)
                sectie.ensurePolished()
                yield
            if isinstance(sectie, DekkingSectie | LijstEditor):  # its form (and coverage table): a part of their own
                yield from sectie.rest
                yield
            if isinstance(sectie, VoorzieningenSectie):  # step 7's form is the largest part: in five
                yield from sectie.bouw_formulier_in_delen()
                yield
                if self._keuzelijsten is not None:
                    sectie.zet_lijsten(self._keuzelijsten)
                sectie.ensurePolished()
                yield
            nvt = None if n == 1 else NvtBlok(n, lambda reden, n=n: self._nvt(n, reden),
                                              lambda n=n: self._hef_nvt(n), pagina.kaart)
            pagina.zet_velden(VeldenBlok(stapdef, self.autosave, pagina.kaart), nvt)
            pagina.velden.geef_sneltoetsen(pagina, VASTE_TOETSEN)
            pagina.ensurePolished()
            yield
            self._stappen[index] = pagina
            if sectie is not None:
                self._lijsten[index] = sectie
        else:
            inhoud = QWidget()
            inhoud.setObjectName("onderzoekinhoud")
            lay = QVBoxLayout(inhoud)
            lay.setContentsMargins(20, 16, 20, 16)
            scroll.setWidget(inhoud)
            inhoud.setVisible(not verborgen)
            if index == GEHOORD:
                gehoord = GehoordSectie(self, wet, self.autosave, inhoud, in_delen=True)
                lay.addWidget(gehoord)
                inhoud.ensurePolished()
                yield
                yield from gehoord.rest  # the relations: a part of their own
                self._gehoord = gehoord
            else:
                self._afronden = AfrondenSectie(self, inhoud)
                lay.addWidget(self._afronden)
            inhoud.ensurePolished()
            yield
        self._gebouwd.add(index)
        view = self.view
        self._ververs_pagina(index, view, self.schrijven and not view.afgerond)
        # What the journal held for these fields when the investigation opened (the read it was restored over may
        # predate the write of it: then the journal's text, never the older stored one).
        self.autosave.toon_hersteld(set(self.autosave.sleutels()) - al_gekoppeld,
                                    lezing_ouder=view is self._lezing_bij_openen)
        self._markeer_alleen_lezen(inhoud)
        if verborgen:
            lay_ = inhoud.layout()
            if lay_ is not None:
                lay_.activate()  # laid out now, hidden: showing it then is its paint
            self._te_tonen[index] = inhoud
            self._toonstappen.voeg_toe(lambda: self._toon_gebouwd(index), vooraan=True)
        else:
            self._na_tonen(index)

    def _toon_gebouwd(self, index: int) -> None:
        """The page built hidden comes on screen (a turn after its last part, or at once when it is wanted now)."""
        inhoud = self._te_tonen.pop(index, None)
        if inhoud is None or not shiboken6.isValid(inhoud):
            return
        telt_als_tekenen(inhoud)  # its first paint (5-6 ms) and the next part of another page not in one turn
        inhoud.show()
        InStappen.beurt_vol()
        self._na_tonen(index)

    def _na_tonen(self, index: int) -> None:
        if self._focus_na_bouw == index:
            # built after the step was shown (the slices after opening): the keyboard into its first field now,
            # unless the user put it in a field already
            self._focus_na_bouw = None
            QTimer.singleShot(0, self, lambda: self._focus_als_nog_nergens(index))  # after Qt shows its new fields

    @property
    def gehoord(self) -> GehoordSectie:
        """'Gehoord en betrokkenen' (built on first use, see `_bouw_pagina`)."""
        if self._gehoord is None:
            self._bouw_pagina(GEHOORD)
        assert self._gehoord is not None
        return self._gehoord

    @property
    def afronden(self) -> AfrondenSectie:
        if self._afronden is None:
            self._bouw_pagina(AFRONDEN)
        assert self._afronden is not None
        return self._afronden

    # --- refreshing ----------------------------------------------------------------------------------------

    def ververs(self, view: OnderzoekView) -> None:
        self.view = view
        self.melding_id = view.melding_id
        self._verouderd = False
        bewerkbaar = self.schrijven and not view.afgerond
        self.titel.setText(view.client_naam)
        self.ondertitel.setText(f"{view.titel} · melding van {formatting.datum(view.melding_datum)} · "
                                f"consulent {view.consulent_naam or '–'}")
        if view.afgerond:
            self.status.zet("afgerond", "groen")
        else:
            self.status.zet("in onderzoek", "blauw")
        self.paneel.zet({s.nummer: s.titel for s in view.stappen}, {s.nummer: s.status for s in view.stappen},
                        view.stap7_open, len(view.ontbrekend), view.afgerond)
        self.paneel.zet_gehoord(not any(r.startswith("Gehoord en betrokkenen") for r in view.ontbrekend))
        a = view.aanvraag
        self.paneel.zet_termijn(view.onderzoekstermijn_einde, view.wet, dt.date.today(),
                                afgerond_op=view.afgerond_op.date() if view.afgerond_op else None,
                                beslistermijn=a.beslistermijn_einde if a is not None and a.status != "concept" else None,
                                extra_feestdagen=self.shell.ctx.config.termijnen.gelijkgestelde_dagen,
                                signaal_werkdagen=self.shell.ctx.config.termijnen.signaal_werkdagen)
        for index in sorted(self._gebouwd):
            self._ververs_pagina(index, view, bewerkbaar)
        self._toon_balk(view, bewerkbaar)

    def _ververs_pagina(self, index: int, view: OnderzoekView, bewerkbaar: bool) -> None:
        """Show the read `view` on one built page."""
        if index == GEHOORD:
            assert self._gehoord is not None
            self._gehoord.ververs(view)
            self._gehoord.zet_bewerkbaar(bewerkbaar)
            return
        if index == AFRONDEN:
            assert self._afronden is not None
            self._afronden.ververs(view)
            self._afronden.knop.setEnabled(bewerkbaar)
            self._afronden.reactie_knop.setEnabled(self.schrijven)
            return
        n, pagina = index, self._stappen[index]
        st = view.stap(n)
        pagina.kop.zet_ontbrekend(st.ontbrekend, st.status_label)
        pagina.velden.zet(st.velden)
        for veld in pagina.velden.stap.velden:  # steps 5 and 6: what the per-need table already says
            ed = pagina.velden.editors.get(veld.key)
            if veld.bronnen and isinstance(ed, QPlainTextEdit):
                regels = samenvatting_uit_tabel(view.behoeften, veld.bronnen)
                ed.setPlaceholderText(("Mag leeg blijven; in het verslag komt uit de tabel: " + "; ".join(regels))
                                      if regels else "Of leg het per behoefte vast in de tabel hierboven.")
                pagina.velden.zet_verplicht(veld.key, veld.verplicht and not regels)
        open_ = bewerkbaar and (n != 7 or view.stap7_open) and st.status != "nvt"
        pagina.velden.zet_bewerkbaar(open_)
        if pagina.nvt is not None:
            pagina.nvt.zet(st.status, st.nvt_reden)
            pagina.nvt.setEnabled(bewerkbaar and (n != 7 or view.stap7_open))
        sectie = self._lijsten.get(n)
        if isinstance(sectie, LijstEditor):
            sectie.zet_rijen({2: view.problemen, 3: view.resultaten, 4: view.behoeften}[n])
        elif sectie is not None:
            sectie.ververs(view)
        if sectie is not None:
            sectie.zet_bewerkbaar(open_)
            sectie.setVisible(st.status != "nvt")
        if n == 7:
            slot7 = pagina.slot
            if not view.stap7_open and not view.afgerond:
                slot7.setText("<b>Stap 7 is nog gesloten.</b> Een voorziening kan pas als stap 1 tot en met 6 "
                              "compleet zijn of niet van toepassing met een reden. Nog nodig:<br>"
                              + "<br>".join(f"• {b}" for b in view.stap7_blokkades))
                slot7.show()
            else:
                slot7.hide()

    def _toon_balk(self, view: OnderzoekView, bewerkbaar: bool) -> None:
        """Say why nothing can be typed, show a returned file's remarks, and offer the way out."""
        regels: list[str] = []
        b = view.beschikking
        if b is not None and b.teruggestuurd:
            wanneer = formatting.datum(b.teruggestuurd_op.date()) if b.teruggestuurd_op else ""
            regels.append(f"<b>Teruggestuurd door {html.escape(b.toetser or 'de toetser')} op {wanneer}</b> "
                          f"(beschikking {html.escape(b.kenmerk)}): {html.escape(b.opmerkingen or '')}")
        if view.heropend:
            reden = ""
            if not bewerkbaar:
                reden = "U kunt dit onderzoek alleen inzien."
            regels.append("<b>Heropend om aan te passen.</b> Pas aan wat nodig is en rond het onderzoek daarna "
                          "opnieuw af (Afronden): dan komt er een nieuwe versie van het verslag. " + reden)
        elif not bewerkbaar:
            if not self.schrijven:
                reden = f"U kunt dit onderzoek alleen inzien ({self.shell.actor.rol.label.lower()})."
            elif view.afgerond:
                datum = formatting.datum(view.afgerond_op.date()) if view.afgerond_op else ""
                reden = f"Dit onderzoek is afgerond op {datum}; de velden zijn alleen te lezen."
                if view.kan_heropenen:
                    reden += " Heropen het om het verslag aan te passen."
                elif b is not None:
                    reden += (f" De beschikking is '{b.status_label.lower()}'; het verslag blijft zoals het is "
                              "beoordeeld.")
            else:
                reden = "De velden zijn alleen te lezen."
            self.alleen_lezen_reden = reden
            regels.append(html.escape(reden))
        if bewerkbaar:
            self.alleen_lezen_reden = ""
        kan_heropenen = self.schrijven and view.kan_heropenen
        kan_aanbieden = (self.schrijven and view.afgerond and b is not None
                         and b.status in ("concept", "teruggestuurd") and b.auteur_id == self.shell.actor.gebruiker_id)
        self.heropen_knop.setVisible(kan_heropenen)
        self.aanbied_knop.setVisible(kan_aanbieden)
        # the next thing to do is the primary button: after a return first amend, else offer
        terug = b is not None and b.teruggestuurd
        for knop, primair in ((self.heropen_knop, terug), (self.aanbied_knop, not terug)):
            if (knop.objectName() == "primair") != primair:
                knop.setObjectName("primair" if primair else "")
                knop.style().unpolish(knop)
                knop.style().polish(knop)
        self.balk.setProperty("soort", "terug" if (b is not None and b.teruggestuurd) or view.heropend else "info")
        self.balk.style().unpolish(self.balk)
        self.balk.style().polish(self.balk)
        self.balk_tekst.setText("<br>".join(regels))
        self.balk.setVisible(bool(regels))
        self._markeer_alleen_lezen(self.pagina_stack)

    def _markeer_alleen_lezen(self, binnen: QWidget) -> None:
        """Read-only text fields look read-only (style.qss: alleenlezen) and say why when hovered."""
        reden = self.alleen_lezen_reden
        for ed in binnen.findChildren(QLineEdit) + binnen.findChildren(QPlainTextEdit):
            alleen = ed.isReadOnly() or not ed.isEnabled()
            if bool(ed.property("alleenlezen")) != alleen:
                ed.setProperty("alleenlezen", alleen)
                ed.style().unpolish(ed)
                ed.style().polish(ed)
                if alleen:
                    ed.installEventFilter(self)
                else:
                    ed.removeEventFilter(self)
            if alleen and reden:
                ed.setToolTip(reden)
                ed.setProperty("leestip", True)
            elif ed.property("leestip"):
                ed.setToolTip("")
                ed.setProperty("leestip", False)

    def heropen(self) -> None:
        """Reopen the completed investigation to amend the report (services.onderzoek.heropen_onderzoek)."""
        view = self.view
        if view is None or not view.kan_heropenen or not self.schrijven:
            return
        b = view.beschikking
        voorstel = (f"Teruggestuurd door {b.toetser or 'de toetser'}: {b.opmerkingen or ''}".strip()
                    if b is not None and b.teruggestuurd else "")
        reden = vraag_heropen_reden(self, voorstel)
        if reden is None:
            return
        ctx, actor, oid, versie = self.shell.ctx, self.shell.actor, view.id, view.versie

        def klaar(_u: Any) -> None:
            self.shell.melding("Onderzoek heropend. Pas aan wat nodig is en rond het daarna opnieuw af.")
            self.herlaad(dan=lambda: self.ga_naar(self.huidig if self.huidig <= GEHOORD else GEHOORD, bewaar=False))

        self.ops.schrijf(self, lambda: svc.heropen_onderzoek(ctx, actor, oid, reden=reden, versie=versie), klaar,
                         fout=self._schrijf_fout,
                         wijziging=Wijziging.van("onderzoek", "werkvoorraad", onderzoek_id=oid,
                                                 client_id=view.client_id, bron=self))

    def _schrijf_fout(self, exc: BaseException) -> bool:
        if isinstance(exc, ConsulentFout) and not isinstance(exc, ConflictFout):
            self.shell.melding(str(exc).split("\n")[0], fout=True)
            return True
        return False

    def bied_aan(self) -> None:
        """'Ter toetsing aanbieden' from the investigation, once it is completed (again)."""
        view = self.view
        if view is None or view.beschikking is None or not self.schrijven:
            return
        from ui.toetsing_aanbieden import bied_aan

        b = view.beschikking
        bied_aan(self.shell, self, beschikking_id=b.id, kenmerk=b.kenmerk, versie=b.versie, na=self.herlaad)

    def maak_beschikking(self) -> None:
        """The concept decision on the request and its letter (PDF), from where the request was just recorded;
        the preview opens and the bar offers 'Ter toetsing aanbieden'."""
        view = self.view
        if view is None or view.aanvraag is None or view.beschikking is not None or not self.schrijven:
            return
        from consulent_app.services import beschikkingen as bs
        from consulent_app.services import documenten as ds
        from ui.document_preview import toon_document

        ctx, actor, aanvraag_id = self.shell.ctx, self.shell.actor, view.aanvraag.id

        def maak() -> ds.DocumentInfo:
            return ds.maak_beschikking_document(ctx, actor, bs.maak_concept_beschikking(ctx, actor, aanvraag_id))

        def klaar(info: ds.DocumentInfo) -> None:
            self.shell.melding(f"Beschikking gemaakt: versie {info.versie_nr} (PDF). Bied hem ter toetsing aan "
                               "(Alt+T) als hij klopt.")
            self.herlaad()
            self.laatste_preview = None
            toon_document(self, info.id, ctx, actor, modaal=False,
                          klaar=lambda dlg: setattr(self, "laatste_preview", dlg))

        self.shell.melding("Beschikking maken…")
        self.ops.schrijf(self, maak, klaar, fout=self._schrijf_fout,
                         wijziging=Wijziging.van("beschikking", "document", client_id=view.client_id, bron=self))

    def herlaad(self, dan: Callable[[], None] | None = None) -> None:
        """Read the investigation again (after the writes handed in before) and show it; then `dan()`."""
        if self.view is None:
            return
        ctx, actor, oid = self.shell.ctx, self.shell.actor, self.view.id

        def herladen(view: OnderzoekView) -> None:
            if self.view is not None and view.id == self.view.id:
                self.ververs(view)
                if dan is not None:
                    dan()

        self.ops.lees(self, lambda: svc.haal_onderzoek(ctx, actor, oid), herladen, sleutel="view")

    def bij_wijziging(self, w: Wijziging) -> None:
        """Another screen changed this client or investigation (a relation in the dossier, a decision): show it."""
        if self.view is None or not self.isVisible():
            return
        if w.onderzoek_id == self.view.id or (w.client_id == self.view.client_id and w.client_id is not None) \
                or "*" in w.soorten:
            self.herlaad()

    def vernieuw(self) -> None:
        self.bewaar_alles()
        self.herlaad()

    # --- autosave ------------------------------------------------------------------------------------------

    def _maak_autosave(self) -> AutoOpslag:
        autosave = AutoOpslag(self.ops, self._opdracht, self, wijziging=Wijziging.van("onderzoek", bron=self))
        autosave.opgeslagen.connect(self._opgeslagen)
        autosave.mislukt.connect(lambda msg: self.shell.melding(msg, fout=True))
        return autosave

    @staticmethod
    def journaal_sleutel(onderzoek_id: int, sleutel: Hashable) -> str:
        assert isinstance(sleutel, tuple)
        return f"onderzoek:{onderzoek_id}:" + ":".join(str(x) for x in sleutel)

    def _opdracht(self, sleutel: Hashable, waarde: Any, gezien: Any) -> tuple[str, str, dict[str, Any]]:
        """How one field is stored: a journaled, replayable operation carrying the value the user last saw."""
        assert self.view is not None and isinstance(sleutel, tuple)
        oid = self.view.id
        if sleutel[0] == "stap":
            _s, nummer, key = sleutel
            return (self.journaal_sleutel(oid, sleutel), "onderzoek.bewaar_veld",
                    {"onderzoek_id": oid, "nummer": nummer, "key": key, "waarde": waarde, "gezien": gezien})
        return (self.journaal_sleutel(oid, sleutel), "onderzoek.gehoord_bijwerken",
                {"onderzoek_id": oid, "key": sleutel[1], "waarde": waarde, "gezien": gezien})

    def _herstel_uit_journaal(self, onderzoek_id: int, journaal: list[Any] | None = None) -> None:
        """What the journal still holds for this investigation (after a crash, or no connection) back in the
        fields, so the consultant sees their own text, never an older stored one. `journaal`: the entries as seen
        when the read came in (an entry written since is put in the field anyway and saved again: a no-op)."""
        items = {}
        for item in journaal if journaal is not None else self.ops.journaal_items(f"onderzoek:{onderzoek_id}:"):
            delen = item.sleutel.split(":")[2:]
            sleutel: tuple[Any, ...] = ("stap", int(delen[1]), delen[2]) if delen[0] == "stap" else tuple(delen)
            items[sleutel] = item
        # Written again now, also for the fields of pages not built yet; those show it when built (`_pagina_bouwer`).
        self._lezing_bij_openen = self.view
        if items:
            self.autosave.herstel(items)  # type: ignore[arg-type]

    def _toon_stand(self, stand: OpslagStand) -> None:
        self.opslag_label.setText(stand.tekst())
        self.opslag_label.setProperty("fout", bool(stand.fout and stand.wachtend) or bool(stand.geweigerd))
        self.opslag_label.style().unpolish(self.opslag_label)
        self.opslag_label.style().polish(self.opslag_label)

    def _opgeslagen(self, sleutel: Hashable, voortgang: Any) -> None:
        self._verouderd = True
        if isinstance(sleutel, tuple) and sleutel[0] == "gehoord" and not isinstance(
                self.autosave.editor(sleutel), QPlainTextEdit | QLineEdit):
            # A choice or a date changes what is still missing: show it now (typing text waits for a step change).
            QTimer.singleShot(0, self.herlaad)
        if isinstance(voortgang, StapVoortgang) and self.view is not None:
            self.paneel.zet({s.nummer: s.titel for s in self.view.stappen}, voortgang.statussen,
                            voortgang.stap7_open, len(self.view.ontbrekend), self.view.afgerond)
            # "Nog nodig voor deze stap" follows what was just saved, not the last time the step was shown.
            for n, ontbreekt in voortgang.ontbrekend.items():
                if n in self._stappen:
                    self._stappen[n].kop.zet_ontbrekend(ontbreekt, StapStatus(voortgang.statussen[n]).label)

    def bewaar_alles(self) -> bool:
        """Store every pending edit now (step change, closing, another case)."""
        if self.view is None:
            return True
        return self.autosave.flush()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        if self.view is not None and len(self._gebouwd) < AFRONDEN:
            self._bouwtimer.start()  # the pages not built yet (stopped while another screen was shown)
        # An Alt-letter moves the keyboard to a field below the fold: the step scrolls to it, as with Tab. A signal,
        # not an event filter (one call per focus change), and only while this page is on screen.
        app = QApplication.instance()
        if app is not None and not self._volgt_focus:
            app.focusChanged.connect(self._focus_in_beeld)  # type: ignore[attr-defined]
            self._volgt_focus = True
        super().showEvent(event)

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        app = QApplication.instance()
        if app is not None and self._volgt_focus:
            app.focusChanged.disconnect(self._focus_in_beeld)  # type: ignore[attr-defined]
            self._volgt_focus = False
        self._bouwtimer.stop()
        self.bewaar_alles()
        super().hideEvent(event)

    # --- actions from sections -----------------------------------------------------------------------------

    def doe(self, actie: Callable[[], Any], formulier: Formulier | None = None, *,
            gelukt: Callable[[Any], None] | None = None) -> None:
        """Run one change on the writer; field errors at the fields, other refusals in words; then show the new
        state. `gelukt(result)` runs after success (e.g. to empty the form); on failure the form keeps its text."""
        self.bewaar_alles()

        def klaar(uitkomst: Any) -> None:
            if formulier is not None:
                formulier.wis_fouten()
            self.herlaad()
            self.shell.melding("Opgeslagen.")
            if gelukt is not None:
                gelukt(uitkomst)

        def fout(exc: BaseException) -> bool:
            if isinstance(exc, ValidatieFout):
                if formulier is not None:
                    formulier.toon_fouten(exc.fouten)
                else:
                    self.shell.melding(str(exc), fout=True)
                return True
            if isinstance(exc, svc.OnderzoekOnvolledig):
                self.shell.melding("Het onderzoek kan nog niet worden afgerond: zie de lijst van wat nog nodig is.",
                                   fout=True)
                ontbrekend = exc.ontbrekend
                self.herlaad(dan=lambda: self.afronden.lijst.setText(
                    "<b>Nog nodig:</b><br>" + "<br>".join(f"• {r}" for r in ontbrekend)))
                return True
            if isinstance(exc, ConsulentFout) and not isinstance(exc, ConflictFout):
                if formulier is not None:
                    formulier.toon_fouten({"_": str(exc)})
                self.shell.melding(str(exc).split("\n")[0], fout=True)
                return True
            if isinstance(exc, ConflictFout):
                self.herlaad()
            return False

        oid = self.view.id if self.view is not None else None
        self.ops.schrijf(self, actie, klaar, fout=fout,
                         wijziging=Wijziging.van("onderzoek", onderzoek_id=oid,
                                                 client_id=self.view.client_id if self.view else None, bron=self))

    def _nvt(self, nummer: int, reden: str) -> bool:
        pagina = self.stappen[nummer]
        assert self.view is not None and pagina.nvt is not None
        nvt = pagina.nvt
        ctx, actor, oid = self.shell.ctx, self.shell.actor, self.view.id

        def fout(exc: BaseException) -> bool:
            if isinstance(exc, ValidatieFout):
                nvt.toon_fout(next(iter(exc.fouten.values())))
                return True
            if isinstance(exc, ConsulentFout):
                nvt.toon_fout(str(exc))
                return True
            return False

        def klaar(_u: Any) -> None:
            nvt.toon_fout("")
            self.herlaad()

        self.bewaar_alles()
        self.ops.schrijf(self, lambda: svc.markeer_nvt(ctx, actor, oid, nummer, reden), klaar, fout=fout,
                         wijziging=Wijziging.van("onderzoek", onderzoek_id=oid, bron=self))
        return True

    def _hef_nvt(self, nummer: int) -> bool:
        assert self.view is not None
        ctx, actor, oid = self.shell.ctx, self.shell.actor, self.view.id
        self.doe(lambda: svc.hef_nvt_op(ctx, actor, oid, nummer))
        return True

    # --- navigation ----------------------------------------------------------------------------------------

    def ga_naar(self, index: int, *, bewaar: bool = True) -> None:
        if self.view is None or not 1 <= index <= AFRONDEN:
            return
        with self.ops.eerst_tekenen():  # the step is painted first, then saved and read again (issue 13: stalls)
            self._ga_naar(index, bewaar)

    def _ga_naar(self, index: int, bewaar: bool, *, bouw: bool = True) -> None:
        assert self.view is not None
        if bewaar:
            self.bewaar_alles()
            if index != self.huidig and not self._mag_stap_verlaten():
                return
        if index <= 7 and self.schrijven and not self.view.afgerond and index != self.view.huidige_stap:
            ctx, actor, oid = self.shell.ctx, self.shell.actor, self.view.id
            self.ops.schrijf(self, lambda: svc.ga_naar_stap(ctx, actor, oid, index))
        if bewaar:  # off the GUI thread, after the saves just handed in: the panel and lists are current
            self.herlaad(dan=self._focus_na_laden)
        self.huidig = index
        if bouw:
            self._bouw_pagina(index)
        elif index not in self._gebouwd:
            self._focus_na_bouw = index
        self.pagina_stack.setCurrentIndex(index - 1)
        self.paneel.kies(index)
        self.vorige_knop.setEnabled(index > 1)
        self.volgende_knop.setEnabled(index < AFRONDEN)
        scroll = self.pagina_stack.currentWidget()
        if isinstance(scroll, QScrollArea):
            scroll.verticalScrollBar().setValue(0)
        self._focus_eerste_veld()

    def eerste_veld(self) -> QWidget | None:
        """The current step's first field in tab order (the structured part on top, then the text fields)."""
        scroll = self.pagina_stack.currentWidget()
        inhoud = scroll.widget() if isinstance(scroll, QScrollArea) else scroll
        if inhoud is None:
            return None
        w = inhoud.nextInFocusChain()
        gezien: set[int] = set()
        while w is not None and w is not inhoud and id(w) not in gezien:
            gezien.add(id(w))
            if inhoud.isAncestorOf(w) and isinstance(w, VELDSOORTEN) and w.isVisibleTo(inhoud) and w.isEnabled() \
                    and w.focusPolicy() & Qt.FocusPolicy.TabFocus:
                return w
            w = w.nextInFocusChain()
        return None

    def _focus_eerste_veld(self) -> None:
        """After starting and after every step change the keyboard is in the step's first field, never on the step
        list or a button (typing there once jumped through the steps and lost the text)."""
        if not self.isVisible():
            return
        veld = self.eerste_veld()
        scroll = self.pagina_stack.currentWidget()
        pagina = self._stappen.get(self.huidig)
        if pagina is not None and pagina.slot.isVisibleTo(pagina):
            # Step 7 still closed: the message saying what is still needed stays in view at the top, instead of
            # the keyboard taking the view down to a field that cannot be filled yet.
            veld = None
        if veld is None:
            if scroll is not None:
                self._gefocust = scroll  # still ours: the read after the step change may open the step (_focus_na_laden)
                scroll.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._gefocust = veld
        veld.setFocus(Qt.FocusReason.TabFocusReason)
        if isinstance(scroll, QScrollArea):
            scroll.ensureWidgetVisible(veld, 0, 40)  # scrolls only when the field is below the fold

    def _focus_als_nog_nergens(self, index: int) -> None:
        focus = QApplication.focusWidget()
        if index == self.huidig and (focus is None or (self.isAncestorOf(focus)
                                                       and not isinstance(focus, VELDSOORTEN))):
            self._focus_eerste_veld()

    def _focus_in_beeld(self, _oud: QWidget | None, nieuw: QWidget | None) -> None:
        if nieuw is None or not shiboken6.isValid(self) or not self.isVisible():
            return
        scroll = self.pagina_stack.currentWidget()
        if isinstance(scroll, QScrollArea) and scroll.widget() is not None and scroll.widget().isAncestorOf(nieuw):
            # after the focus-in itself (a text field that gets the focus lets its scroll area scroll it back)
            QTimer.singleShot(0, lambda: shiboken6.isValid(nieuw) and nieuw.hasFocus()
                              and scroll.ensureWidgetVisible(nieuw, 0, 40))

    def _focus_na_laden(self) -> None:
        """A step's structured part may open only once the view read after the step change says so (step 7 after
        steps 1-6 became complete): then the keyboard moves to its first field, unless the user moved it already."""
        nu = QApplication.focusWidget()
        if nu is not None and nu is not getattr(self, "_gefocust", None):
            return
        veld = self.eerste_veld()
        if veld is not None and veld is not nu:
            self._focus_eerste_veld()

    def _mag_stap_verlaten(self) -> bool:
        """Text a field refused (too long, control characters) stays in the field and the journal; leaving the
        step asks what to do with it, so it is never dropped without a word."""
        huidig = self.huidig
        geweigerd = {k: msg for k, msg in self.autosave.geweigerd().items()
                     if isinstance(k, tuple) and ((k[0] == "stap" and k[1] == huidig) or
                                                  (k[0] == "gehoord" and huidig == GEHOORD))}
        if not geweigerd:
            return True
        labels = []
        for k in geweigerd:
            ed = self.autosave.editor(k)
            labels.append(ed.accessibleName() or str(k[-1]))
        if vraag_bij_verlaten(self, labels):
            return True
        eerste = self.autosave.editor(next(iter(geweigerd)))
        eerste.setFocus()
        return False

    def volgende(self) -> None:
        self.ga_naar(min(self.huidig + 1, AFRONDEN))

    def vorige(self) -> None:
        self.ga_naar(max(self.huidig - 1, 1))


def vraag_heropen_reden(parent: QWidget, voorstel: str) -> str | None:
    """Why the investigation opens again; the reviewer's remark is proposed, so Enter is enough."""
    d = QInputDialog(parent)
    d.setWindowTitle("Onderzoek heropenen")
    d.setLabelText("Waarom gaat het onderzoek weer open? Dit komt in de geschiedenis van het dossier.")
    d.setTextValue(voorstel)
    d.setOkButtonText("Heropenen")
    d.setCancelButtonText("Annuleren")
    d.resize(560, d.sizeHint().height())
    if d.exec() != QInputDialog.DialogCode.Accepted:
        return None
    return d.textValue().strip() or None


PAGE = PageSpec(key="onderzoek", titel="Onderzoek", rollen=LEZERS, maak=OnderzoekPagina, volgorde=40,
                in_menu=False)
