"""The investigation screen: the seven legal steps of the Wmo or the Jeugdwet, side panel with their state and the
legal due date, autosave of every field, step 7 provisions, who was heard, completing and the client's reaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from consulent_app import formatting
from consulent_app.domain import Kanaal, Rol, Wet
from consulent_app.errors import ConsulentFout, ValidatieFout
from consulent_app.formulieren import Formulier as FormDef
from consulent_app.formulieren import laad_formulier
from consulent_app.services import onderzoek as svc
from consulent_app.services.onderzoek import OnderzoekView, StapVoortgang
from ui.onderzoek.autosave import AutoOpslag
from ui.onderzoek.gehoord import AfrondenSectie, GehoordSectie
from ui.onderzoek.lijsten import (
    DekkingSectie,
    LijstEditor,
    behoeften_editor,
    problemen_editor,
    resultaten_editor,
)
from ui.onderzoek.stappen import AFRONDEN, NvtBlok, StapKop, StappenPaneel, VeldenBlok
from ui.onderzoek.voorzieningen import VoorzieningenSectie
from ui.pages.base import PageSpec, Shell
from ui.widgets import Formulier, Kaart, StatusPil, kop

LEZERS = (Rol.CONSULENT, Rol.TOETSER, Rol.TEAMLEIDER, Rol.PLANNER)


def _scroll(inhoud: QWidget) -> QScrollArea:
    sa = QScrollArea()
    sa.setWidgetResizable(True)
    sa.setFrameShape(QScrollArea.Shape.NoFrame)
    sa.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    sa.setWidget(inhoud)
    inhoud.setStyleSheet("QWidget#onderzoekinhoud { background: #f4f5f7; }")
    return sa


class StapPagina(QWidget):
    """One step: help from forms/, the fields (autosaved), the structured part, 'niet van toepassing'."""

    def __init__(self, kop_: StapKop, velden: VeldenBlok, extra: list[QWidget], nvt: NvtBlok | None) -> None:
        super().__init__()
        self.setObjectName("onderzoekinhoud")
        self.kop = kop_
        self.velden = velden
        self.extra = extra
        self.nvt = nvt
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(12)
        lay.addWidget(kop_)
        self.slot = QLabel()
        self.slot.setObjectName("formulierfout")
        self.slot.setWordWrap(True)
        self.slot.hide()
        lay.addWidget(self.slot)
        kaart = Kaart()
        kaart.inhoud.addWidget(velden)
        if nvt is not None:
            kaart.inhoud.addWidget(nvt)
        # The structured part (problems, results, needs, bruto/netto, provisions) is the heart of the step: on top.
        for w in extra:
            lay.addWidget(w)
        lay.addWidget(kaart)
        lay.addStretch(1)


class OnderzoekPagina(QWidget):
    def __init__(self, shell: Shell) -> None:
        super().__init__()
        self.shell = shell
        self.view: OnderzoekView | None = None
        self.formulier_def: FormDef = laad_formulier(Wet.WMO)
        self.melding_id: int | None = None
        self.huidig = 1
        self._wet: str | None = None
        self._verouderd = False
        self.stappen: dict[int, StapPagina] = {}
        self.schrijven = shell.actor.rol is Rol.CONSULENT

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
        rij = QHBoxLayout()
        rij.addWidget(self.start_knop)
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
        self.pagina_stack = QStackedWidget()
        rechts.addWidget(self.pagina_stack, 1)
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
        self.opslag_label = QLabel("Alles is opgeslagen.")
        self.opslag_label.setObjectName("veldhint")
        nl.addWidget(self.vorige_knop)
        nl.addStretch(1)
        nl.addWidget(self.opslag_label)
        nl.addStretch(1)
        nl.addWidget(self.volgende_knop)
        rechts.addWidget(nav)
        wl.addLayout(rechts, 1)
        self.hoofd.addWidget(werk)

        self.autosave = AutoOpslag(self._opslaan, self)
        self.autosave.opgeslagen.connect(self._opgeslagen)
        self.autosave.mislukt.connect(lambda msg: self.shell.melding(msg, fout=True))

        for keys, fn in ((["Ctrl+PgDown"], self.volgende), (["Ctrl+PgUp"], self.vorige)):
            for k in keys:
                sc = QShortcut(QKeySequence(k), self)
                sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                sc.activated.connect(fn)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
            app.aboutToQuit.connect(self.bewaar_alles)  # type: ignore[attr-defined]

    # --- keyboard: Alt+Left / Alt+Right move between steps here (the window uses Alt+Left for 'back') ---------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.ShortcutOverride and self.isVisible() and self.view is not None:
            ke = event  # type: ignore[assignment]
            assert isinstance(ke, QKeyEvent)
            if ke.modifiers() == Qt.KeyboardModifier.AltModifier and ke.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                focus = QApplication.focusWidget()
                if focus is not None and (focus is self or self.isAncestorOf(focus)):
                    event.accept()
                    (self.vorige if ke.key() == Qt.Key.Key_Left else self.volgende)()
                    return True
        return False

    # --- opening -------------------------------------------------------------------------------------------

    def toon(self, onderzoek_id: int | None = None, melding_id: int | None = None) -> None:
        self.bewaar_alles()
        if onderzoek_id is None and melding_id is not None:
            onderzoek_id = svc.onderzoek_van_melding(self.shell.ctx, self.shell.actor, melding_id)
            if onderzoek_id is None:
                self._toon_start(melding_id)
                return
        if onderzoek_id is None:
            return
        view = svc.haal_onderzoek(self.shell.ctx, self.shell.actor, onderzoek_id)
        self._bouw(view)
        self.ververs(view)
        self.ga_naar(view.huidige_stap if not view.afgerond else AFRONDEN, bewaar=False)

    def _toon_start(self, melding_id: int) -> None:
        me = svc.melding_samenvatting(self.shell.ctx, self.shell.actor, melding_id)
        self.view = None
        self.melding_id = melding_id
        self.titel.setText(me.client_naam)
        self.ondertitel.setText(f"{Wet(me.wet).label} · melding van {formatting.datum(me.datum)}")
        self.status.zet("nog niet gestart", "grijs")
        termijn = (f"Het onderzoek moet uiterlijk <b>{formatting.datum(me.onderzoekstermijn_einde)}</b> af zijn "
                   "(Wmo 2015 art. 2.3.2 lid 1)." if me.onderzoekstermijn_einde else
                   "De Jeugdwet kent geen eigen onderzoekstermijn; na de aanvraag geldt de beslistermijn van acht "
                   "weken (Awb 4:13).")
        kanaal = Kanaal(me.kanaal).label if me.kanaal in Kanaal._value2member_map_ else me.kanaal
        self.start_tekst.setText(f"<p><b>Vraag:</b> {me.vraag}</p><p><b>Binnengekomen via:</b> {kanaal}</p>"
                                 f"<p>{termijn}</p><p>Start het onderzoek om de zeven stappen van de "
                                 f"{Wet(me.wet).label} te doorlopen. Alles wat u invult wordt direct opgeslagen.</p>")
        self.start_knop.setEnabled(self.schrijven)
        self.hoofd.setCurrentIndex(0)
        self.start_knop.setFocus()

    def start(self) -> None:
        if self.melding_id is None:
            return
        try:
            oid = svc.start_onderzoek(self.shell.ctx, self.shell.actor, self.melding_id)
        except ConsulentFout as exc:
            self.shell.melding(str(exc), fout=True)
            return
        self.shell.melding("Onderzoek gestart. Alles wordt automatisch opgeslagen.")
        self.toon(onderzoek_id=oid)

    def _bouw(self, view: OnderzoekView) -> None:
        """Build the step pages for this law (forms/<wet>.toml); rebuilt when another investigation opens."""
        if self.view is not None and self.view.id == view.id and self.stappen:
            return
        while self.pagina_stack.count():
            w = self.pagina_stack.widget(0)
            self.pagina_stack.removeWidget(w)
            w.deleteLater()
        self.autosave.deleteLater()
        self.autosave = AutoOpslag(self._opslaan, self)
        self.autosave.opgeslagen.connect(self._opgeslagen)
        self.autosave.mislukt.connect(lambda msg: self.shell.melding(msg, fout=True))
        wet = Wet(view.wet)
        self.formulier_def = laad_formulier(wet)
        self.view = view
        self.stappen = {}
        self.lijsten: dict[int, Any] = {}
        for stapdef in self.formulier_def.stappen:
            n = stapdef.nummer
            extra: list[QWidget] = []
            if n == 2:
                self.lijsten[2] = problemen_editor(self)
                extra.append(self.lijsten[2])
            elif n == 3:
                self.lijsten[3] = resultaten_editor(self)
                extra.append(self.lijsten[3])
            elif n == 4:
                self.lijsten[4] = behoeften_editor(self)
                extra.append(self.lijsten[4])
            elif n in (5, 6):
                self.lijsten[n] = DekkingSectie(self, n)
                extra.append(self.lijsten[n])
            elif n == 7:
                self.lijsten[7] = VoorzieningenSectie(self)
                self.lijsten[7].zet_lijsten(svc.keuzelijsten(self.shell.ctx, self.shell.actor, wet.value))
                extra.append(self.lijsten[7])
            nvt = None if n == 1 else NvtBlok(n, lambda reden, n=n: self._nvt(n, reden),
                                              lambda n=n: self._hef_nvt(n))
            pagina = StapPagina(StapKop(stapdef, wet.label), VeldenBlok(stapdef, self.autosave), extra, nvt)
            self.stappen[n] = pagina
            self.pagina_stack.addWidget(_scroll(pagina))
        self.gehoord = GehoordSectie(self, wet, self.autosave)
        g = QWidget()
        g.setObjectName("onderzoekinhoud")
        gl = QVBoxLayout(g)
        gl.setContentsMargins(20, 16, 20, 16)
        gl.addWidget(self.gehoord)
        self.pagina_stack.addWidget(_scroll(g))
        self.afronden = AfrondenSectie(self)
        a = QWidget()
        a.setObjectName("onderzoekinhoud")
        al = QVBoxLayout(a)
        al.setContentsMargins(20, 16, 20, 16)
        al.addWidget(self.afronden)
        self.pagina_stack.addWidget(_scroll(a))
        self.hoofd.setCurrentIndex(1)

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
                                beslistermijn=a.beslistermijn_einde if a is not None and a.status != "concept" else None)
        for n, pagina in self.stappen.items():
            st = view.stap(n)
            pagina.kop.zet_ontbrekend(st.ontbrekend, st.status_label)
            pagina.velden.zet(st.velden)
            open_ = bewerkbaar and (n != 7 or view.stap7_open) and st.status != "nvt"
            pagina.velden.zet_bewerkbaar(open_)
            if pagina.nvt is not None:
                pagina.nvt.zet(st.status, st.nvt_reden)
                pagina.nvt.setEnabled(bewerkbaar and (n != 7 or view.stap7_open))
            sectie = self.lijsten.get(n)
            if isinstance(sectie, LijstEditor):
                sectie.zet_rijen({2: view.problemen, 3: view.resultaten, 4: view.behoeften}[n])
            elif sectie is not None:
                sectie.ververs(view)
            if sectie is not None:
                sectie.zet_bewerkbaar(open_)
                sectie.setVisible(st.status != "nvt")
        slot7 = self.stappen[7].slot
        if not view.stap7_open and not view.afgerond:
            slot7.setText("<b>Stap 7 is nog gesloten.</b> Een voorziening kan pas als stap 1 tot en met 6 compleet "
                          "zijn of niet van toepassing met een reden. Nog nodig:<br>"
                          + "<br>".join(f"• {b}" for b in view.stap7_blokkades))
            slot7.show()
        else:
            slot7.hide()
        self.gehoord.ververs(view)
        self.gehoord.zet_bewerkbaar(bewerkbaar)
        self.afronden.ververs(view)
        self.afronden.knop.setEnabled(bewerkbaar)
        self.afronden.reactie_knop.setEnabled(self.schrijven)

    def herlaad(self) -> None:
        if self.view is None:
            return
        self.ververs(svc.haal_onderzoek(self.shell.ctx, self.shell.actor, self.view.id))

    def vernieuw(self) -> None:
        self.bewaar_alles()
        self.herlaad()

    # --- autosave ------------------------------------------------------------------------------------------

    def _opslaan(self, sleutel: Hashable, waarde: Any) -> Any:
        assert self.view is not None and isinstance(sleutel, tuple)
        if sleutel[0] == "stap":
            _s, nummer, key = sleutel
            return svc.bewaar_veld(self.shell.ctx, self.shell.actor, self.view.id, nummer, key, waarde)
        uitkomst = svc.gehoord_bijwerken(self.shell.ctx, self.shell.actor, self.view.id, {sleutel[1]: waarde})
        if not isinstance(waarde, str):
            # A choice or a date changes what is still missing: show it now (typing text waits for a step change).
            QTimer.singleShot(0, self.herlaad)
        return uitkomst

    def _opgeslagen(self, voortgang: Any) -> None:
        self._verouderd = True
        tijd = dt.datetime.now().strftime("%H:%M:%S")
        self.opslag_label.setText(f"Opgeslagen om {tijd}.")
        if isinstance(voortgang, StapVoortgang) and self.view is not None:
            self.paneel.zet({s.nummer: s.titel for s in self.view.stappen}, voortgang.statussen,
                            voortgang.stap7_open, len(self.view.ontbrekend), self.view.afgerond)

    def bewaar_alles(self) -> bool:
        """Store every pending edit now (step change, closing, another case)."""
        if self.view is None:
            return True
        return self.autosave.flush()

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        self.bewaar_alles()
        super().hideEvent(event)

    # --- actions from sections -----------------------------------------------------------------------------

    def doe(self, actie: Callable[[], Any], formulier: Formulier | None = None) -> Any | None:
        """Run one change; field errors at the fields, other refusals in words; then show the new state."""
        self.bewaar_alles()
        try:
            uitkomst = actie()
        except ValidatieFout as exc:
            if formulier is not None:
                formulier.toon_fouten(exc.fouten)
            else:
                self.shell.melding(str(exc), fout=True)
            return None
        except svc.OnderzoekOnvolledig as exc:
            self.shell.melding("Het onderzoek kan nog niet worden afgerond: zie de lijst van wat nog nodig is.",
                               fout=True)
            self.herlaad()
            self.afronden.lijst.setText("<b>Nog nodig:</b><br>" + "<br>".join(f"• {r}" for r in exc.ontbrekend))
            return None
        except ConsulentFout as exc:
            if formulier is not None:
                formulier.toon_fouten({"_": str(exc)})
            self.shell.melding(str(exc).split("\n")[0], fout=True)
            return None
        if formulier is not None:
            formulier.wis_fouten()
        self.herlaad()
        self.shell.melding("Opgeslagen.")
        return uitkomst if uitkomst is not None else True

    def _nvt(self, nummer: int, reden: str) -> bool:
        pagina = self.stappen[nummer]
        assert self.view is not None and pagina.nvt is not None
        oid = self.view.id
        try:
            svc.markeer_nvt(self.shell.ctx, self.shell.actor, oid, nummer, reden)
        except ValidatieFout as exc:
            pagina.nvt.toon_fout(next(iter(exc.fouten.values())))
            return False
        except ConsulentFout as exc:
            pagina.nvt.toon_fout(str(exc))
            return False
        pagina.nvt.toon_fout("")
        self.herlaad()
        return True

    def _hef_nvt(self, nummer: int) -> bool:
        assert self.view is not None
        return self.doe(lambda: svc.hef_nvt_op(self.shell.ctx, self.shell.actor, self.view.id, nummer)) is not None  # type: ignore[union-attr]

    # --- navigation ----------------------------------------------------------------------------------------

    def ga_naar(self, index: int, *, bewaar: bool = True) -> None:
        if self.view is None or not 1 <= index <= AFRONDEN:
            return
        if bewaar:
            self.bewaar_alles()
        if index <= 7 and self.schrijven and not self.view.afgerond and index != self.view.huidige_stap:
            try:
                svc.ga_naar_stap(self.shell.ctx, self.shell.actor, self.view.id, index)
            except ConsulentFout as exc:
                self.shell.melding(str(exc), fout=True)
        if bewaar and (self._verouderd or index <= 7):
            self.herlaad()
        self.huidig = index
        self.pagina_stack.setCurrentIndex(index - 1)
        self.paneel.kies(index)
        self.vorige_knop.setEnabled(index > 1)
        self.volgende_knop.setEnabled(index < AFRONDEN)
        scroll = self.pagina_stack.currentWidget()
        if isinstance(scroll, QScrollArea):
            scroll.verticalScrollBar().setValue(0)

    def volgende(self) -> None:
        self.ga_naar(min(self.huidig + 1, AFRONDEN))

    def vorige(self) -> None:
        self.ga_naar(max(self.huidig - 1, 1))


PAGE = PageSpec(key="onderzoek", titel="Onderzoek", rollen=LEZERS, maak=OnderzoekPagina, volgorde=40,
                in_menu=False)
