"""The main window (the shell): navigation by role, pages in a stack, search, status bar, background tasks."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from consulent_app import paths
from consulent_app.domain import Rol
from consulent_app.errors import ConsulentFout, GeenToegang
from consulent_app.services import organisatie
from consulent_app.services.base import Actor, AppContext
from ui import laatste_plek
from ui import ops as ops_mod
from ui import pages as pages_pkg
from ui.ops import Ops
from ui.pages.base import PageSpec
from ui.widgets import InStappen, enter_drukt_knoppen

log = logging.getLogger(__name__)

ZOEK_PAGINA = "zoeken"


def icoon(naam: str) -> QIcon:
    pad = paths.resources_dir() / "icons" / f"{naam}.svg"
    return QIcon(str(pad)) if pad.exists() else QIcon()


def zonder_plaatshouders(specs: list[PageSpec], rol: Rol) -> list[PageSpec]:
    """A placeholder screen (extra["plaatshouder"]) gives way to the real one: same key, or home of the same role."""
    echt = [s for s in specs if not s.extra.get("plaatshouder")]
    echte_keys = {s.key for s in echt}
    echte_home = any(rol in s.home_voor for s in echt)
    return echt + [
        s for s in specs
        if s.extra.get("plaatshouder") and s.key not in echte_keys and not (echte_home and rol in s.home_voor)
    ]


# Page parameters that act once, when the page is opened, and are not repeated by Back (Alt+Left).
EENMALIG = frozenset({"enige_openen"})


class MainWindow(QMainWindow):
    """Implements ui.pages.base.Shell. Pages are created on first use and kept; Alt+Left goes back."""

    #: Bestand > Uitloggen: ui.sessie closes this window (and every other) and shows the login again.
    uitloggen_gevraagd = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, specs: list[PageSpec] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.actor = actor
        self.ops = Ops(ctx, actor, parent=self)
        enter_drukt_knoppen()
        self.ops.melding.connect(lambda tekst: self.melding(tekst, fout=True))
        self.ops.gewijzigd.connect(self._gewijzigd)
        self.ops.vooraf("teams", lambda: organisatie.teams(ctx, actor))  # filters and forms of many screens
        alle = [s for s in (specs if specs is not None else pages_pkg.discover()) if actor.rol in s.rollen]
        self.specs: dict[str, PageSpec] = {s.key: s for s in zonder_plaatshouders(alle, actor.rol)}
        self.pages: dict[str, QWidget] = {}
        self.huidige: str | None = None
        self._historie: list[tuple[str, dict[str, Any]]] = []
        self._params: dict[str, dict[str, Any]] = {}
        self.team_naam: str | None = None
        self._stappen = InStappen(self)  # a screen made in one turn is shown in the next (_toon)
        # A moment after the window came, the modules of this role's screens are imported off the GUI thread, so
        # that a screen opened the first time is not imported on it (ui.pages.importeer_vooruit).
        QTimer.singleShot(self.VOORUIT_MS, self._schermen_vooruit)

        self.setWindowTitle(f"Consulent – {ctx.config.gemeente.naam}")
        self.setObjectName("hoofdvenster")
        self.resize(1366, 768)
        self.setMinimumSize(QSize(1024, 640))

        centraal = QWidget()
        centraal.setObjectName("centraal")
        outer = QVBoxLayout(centraal)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._maak_kop())
        midden = QHBoxLayout()
        midden.setContentsMargins(0, 0, 0, 0)
        midden.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("navigatie")
        self.nav.setFixedWidth(236)
        self.nav.setIconSize(QSize(18, 18))
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.nav.setAccessibleName("Navigatie")
        midden.addWidget(self.nav)
        self.stack = QStackedWidget()
        self.stack.setObjectName("paginas")
        midden.addWidget(self.stack, 1)
        outer.addLayout(midden, 1)
        self.setCentralWidget(centraal)

        for spec in sorted(self.specs.values(), key=lambda s: (s.volgorde, s.titel)):
            if not spec.in_menu:
                continue
            item = QListWidgetItem(icoon(str(spec.extra.get("icoon", spec.key))), spec.titel)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setSizeHint(QSize(0, 40))
            if spec.sneltoets:
                item.setToolTip(f"{spec.titel} ({spec.sneltoets})")
            self.nav.addItem(item)
        self.nav.currentItemChanged.connect(self._nav_gekozen)

        self._lees_team_naam()
        self._maak_sneltoetsen()
        self.statusBar().setObjectName("statusbalk")
        self.statusBar().setSizeGripEnabled(False)
        home = self.home_key()
        if home:
            self.open_page(home)
        self._herstel_laatste_plek()

    # --- layout --------------------------------------------------------------------------------------------------

    def _lees_team_naam(self) -> None:
        """The team's name next to the role in the header, read off the GUI thread."""
        if self.actor.team_id is None:
            return
        actor = self.actor

        def lees() -> str | None:
            return next((t.naam for t in self.ops.gegeven("teams") if t.id == actor.team_id), None)

        def klaar(naam: str | None) -> None:
            self.team_naam = naam
            self.rol_label.setText(self.actor.rol.label + (f" · {naam}" if naam else ""))

        self.ops.lees(self, lees, klaar, fout=lambda exc: isinstance(exc, ConsulentFout), sleutel="team")

    def _maak_kop(self) -> QWidget:
        kop = QFrame()
        kop.setObjectName("kopbalk")
        lay = QHBoxLayout(kop)
        lay.setContentsMargins(18, 10, 18, 10)
        lay.setSpacing(14)
        logo = QLabel()
        pix = QPixmap(str(paths.resources_dir() / "logo.png"))
        if not pix.isNull():
            logo.setPixmap(pix.scaledToHeight(34, Qt.TransformationMode.SmoothTransformation))
        lay.addWidget(logo)
        titel = QVBoxLayout()
        titel.setSpacing(0)
        app = QLabel("Consulent")
        app.setObjectName("apptitel")
        gemeente = QLabel(self.ctx.config.gemeente.naam)
        gemeente.setObjectName("appondertitel")
        titel.addWidget(app)
        titel.addWidget(gemeente)
        lay.addLayout(titel)
        lay.addSpacing(24)
        self.zoekveld = QLineEdit()
        self.zoekveld.setObjectName("zoekveld")
        self.zoekveld.setClearButtonEnabled(True)
        self.zoekveld.setPlaceholderText("Zoek een cliënt: naam, BSN, postcode of geboortedatum   (Ctrl+K)")
        self.zoekveld.setAccessibleName("Cliënt zoeken")
        self.zoekveld.setMinimumWidth(380)
        self.zoekveld.setMaximumWidth(560)
        self.zoekveld.addAction(icoon("zoeken"), QLineEdit.ActionPosition.LeadingPosition)
        self.zoekveld.returnPressed.connect(self._zoek)
        lay.addWidget(self.zoekveld, 1)
        if ZOEK_PAGINA not in self.specs:
            self.zoekveld.hide()
        lay.addStretch(0)
        gebruiker = QVBoxLayout()
        gebruiker.setSpacing(0)
        self.gebruiker_label = QLabel(self.actor.naam)
        self.gebruiker_label.setObjectName("gebruikernaam")
        self.gebruiker_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        rol = self.actor.rol.label + (f" · {self.team_naam}" if self.team_naam else "")
        self.rol_label = QLabel(rol)
        self.rol_label.setObjectName("gebruikerrol")
        self.rol_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        gebruiker.addWidget(self.gebruiker_label)
        gebruiker.addWidget(self.rol_label)
        lay.addLayout(gebruiker)
        return kop

    def _maak_sneltoetsen(self) -> None:
        def actie(tekst: str, keys: list[QKeySequence | str], fn: Callable[[], object]) -> QAction:
            a = QAction(tekst, self)
            a.setShortcuts([QKeySequence(k) for k in keys])
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.triggered.connect(fn)
            self.addAction(a)
            return a

        actie("Zoeken", ["Ctrl+F", "Ctrl+K"], self.focus_zoeken)
        actie("Terug", ["Alt+Left"], self.terug)
        self.uitloggen_actie = actie("&Uitloggen of andere gebruiker…", ["Ctrl+Shift+L"], self.uitloggen_gevraagd.emit)
        self.uitloggen_actie.setObjectName("uitloggen")
        self.afsluiten_actie = actie("&Afsluiten", ["Ctrl+Q"], self.close)
        actie("Vernieuwen", ["F5"], self.vernieuw)
        bestand = self.menuBar().addMenu("&Bestand")
        bestand.setObjectName("menu_bestand")
        bestand.addAction(self.uitloggen_actie)
        bestand.addSeparator()
        bestand.addAction(self.afsluiten_actie)
        bezet = {"Ctrl+F", "Ctrl+K", "Alt+Left", "Ctrl+Shift+L", "Ctrl+Q", "F5"}
        self._venster_toetsen = set(bezet)
        for spec in sorted(self.specs.values(), key=lambda s: (s.volgorde, s.titel)):
            if not spec.sneltoets:
                continue
            toets = QKeySequence(spec.sneltoets).toString()
            if toets in bezet:  # two pages asked for the same key: the one higher in the menu keeps it
                log.warning("sneltoets %s van pagina %s is al in gebruik", toets, spec.key)
                continue
            bezet.add(toets)
            actie(spec.titel, [spec.sneltoets], functools.partial(self.open_page, spec.key))

    # --- the Shell protocol --------------------------------------------------------------------------------------

    def home_key(self) -> str | None:
        """The page that is this role's home screen; else the first page in the menu."""
        eigen = [s for s in self.specs.values() if self.actor.rol in s.home_voor]
        if eigen:
            return sorted(eigen, key=lambda s: (s.volgorde, s.titel))[0].key
        menu = [s for s in self.specs.values() if s.in_menu]
        return sorted(menu, key=lambda s: (s.volgorde, s.titel))[0].key if menu else None

    def heeft_pagina(self, key: str) -> bool:
        """Whether page `key` exists and this user may open it (pages by other engineers may come later)."""
        return key in self.specs

    def menu_titels(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def page(self, key: str) -> QWidget:
        """The page widget, created once: a hidden child of the page stack, put in the stack's layout when it is
        shown (_in_beeld)."""
        if key not in self.pages:
            widget = self.specs[key].maak(self)
            widget.setObjectName(f"pagina_{key}")
            self._geen_dubbele_toetsen(widget)
            self.pages[key] = widget
        return self.pages[key]

    def _geen_dubbele_toetsen(self, widget: QWidget) -> None:
        """A page that binds a window key itself (F5 = vernieuwen) made it ambiguous, and Qt then does neither.
        The window's action already calls the page's vernieuw(), so the page's own copy is switched off."""
        for sc in widget.findChildren(QShortcut):
            toets = sc.key().toString()
            if toets in self._venster_toetsen:
                sc.setEnabled(False)
                log.debug("sneltoets %s van pagina %s gaat via het hoofdvenster", toets, widget.objectName())

    def open_page(self, key: str, **params: Any) -> None:
        if key not in self.specs:
            self.melding("Dit scherm is voor uw rol niet beschikbaar.", fout=True)
            return
        if self.huidige is not None and (self.huidige, self._params.get(self.huidige, {})) != (key, params):
            self._historie.append((self.huidige, self._params.get(self.huidige, {})))
            del self._historie[:-50]
        try:
            with self.ops.eerst_tekenen():  # the screen is painted first, then its data read (issue 13: stalls)
                self._toon(key, params)
        except GeenToegang as exc:  # a screen whose own spec no longer lets this role in (ui.pages._Uitgesteld)
            self.melding(str(exc), fout=True)

    #: How long after the window was made its screens' modules are imported in the background.
    VOORUIT_MS = 1500

    def _schermen_vooruit(self) -> None:
        specs = list(self.specs.values())
        ops_mod.achtergrond(self, lambda: pages_pkg.importeer_vooruit(specs), lambda _gedaan: None,
                            lambda _exc: None)

    #: After a page switch, once the window has been quiet this long, the memory the loads freed goes back to the
    #: operating system (consulent_app.geheugen).
    GEHEUGEN_TERUG_MS = 2000

    def _geheugen_terug_later(self) -> None:
        timer = getattr(self, "_geheugen_timer", None)
        if timer is None:
            timer = self._geheugen_timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(self.GEHEUGEN_TERUG_MS)
            timer.timeout.connect(self._geef_geheugen_terug)
        timer.start()

    def _geef_geheugen_terug(self) -> None:
        # No garbage collection here: a full one can take a tenth of a second on the GUI thread (ui.main collects
        # on its timer); what the loads freed is freed by reference counting already. malloc_trim costs a few ms.
        from consulent_app import geheugen

        geheugen.geef_terug()

    def _herstel_laatste_plek(self) -> None:
        """After a restart: back to the investigation or dossier the user had open (its step is remembered)."""
        plek = laatste_plek.laatste(self.ctx.config.resolved_database_url(), self.actor.gebruiker_id)
        if plek is not None and plek[0] in self.specs:
            self.open_page(plek[0], **plek[1])

    def _toon(self, key: str, params: dict[str, Any]) -> None:
        nieuw = key not in self.pages
        widget = self.page(key)
        self.huidige = key
        self._geheugen_terug_later()
        # What a page is asked to do once (open the single match) is not done again on Back.
        self._params[key] = {k: v for k, v in params.items() if k not in EENMALIG}
        laatste_plek.onthoud(self.ctx.config.resolved_database_url(), self.actor.gebruiker_id, key, self._params[key])
        if nieuw and self.isVisible():
            # Made in this turn of the event loop, shown in the next: making a screen and showing it (styling every
            # widget, the layout, the first paint) in one turn stood the window still for 15-25 ms (issue 13). Until
            # then the screen the user came from stays on screen, whole; what the new one reads starts once it is
            # shown and painted. The page is told what to show now (toon), so it is busy loading from the start.
            los = self.ops.houd_vast()
            self._selecteer_nav(key)
            self._stappen.voeg_toe(lambda: self._laat_zien(widget, key, los), vooraan=True)
            self._vraag_toon(widget, key, params)
            return
        self._in_beeld(widget)
        self._selecteer_nav(key)
        if widget.focusProxy() is not None and not self.nav.hasFocus():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self._vraag_toon(widget, key, params)

    def _laat_zien(self, widget: QWidget, key: str, los: Callable[[], None]) -> None:
        """The second turn of opening a new screen: it comes on screen, unless the user went elsewhere meanwhile."""
        try:
            if self.huidige == key and self.pages.get(key) is widget:
                self._in_beeld(widget)
                InStappen.beurt_vol()  # its paint next, before any other step (a part the page builds later)
                focus = QApplication.focusWidget()
                al_binnen = focus is not None and widget.isAncestorOf(focus)  # put there by the page's toon()
                if widget.focusProxy() is not None and not self.nav.hasFocus() and not al_binnen:
                    widget.setFocus(Qt.FocusReason.OtherFocusReason)
        finally:
            los()

    def _vraag_toon(self, widget: QWidget, key: str, params: dict[str, Any]) -> None:
        toon = getattr(widget, "toon", None)
        if callable(toon):
            try:
                toon(**params)
            except ConsulentFout as exc:
                self.melding(str(exc), fout=True)
        elif params:
            log.warning("pagina %s kent geen toon(); parameters genegeerd", key)

    def _in_beeld(self, widget: QWidget) -> None:
        """Show `widget` in the stack. Only the page on screen is in the stack's layout; the others stay made (a
        hidden child of the stack, with all they hold) but out of it: otherwise every change of the visible page's
        layout measured each page kept (their wrapped labels, their tables), and opening a screen after nine
        others stood the window still four times as long (issue 13)."""
        if self.stack.indexOf(widget) < 0:
            self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        for i in reversed(range(self.stack.count())):
            ander = self.stack.widget(i)
            if ander is not None and ander is not widget:
                self.stack.removeWidget(ander)

    def _selecteer_nav(self, key: str) -> None:
        self.nav.blockSignals(True)
        try:
            for i in range(self.nav.count()):
                item = self.nav.item(i)
                if item.data(Qt.ItemDataRole.UserRole) == key:
                    self.nav.setCurrentItem(item)
                    break
            else:
                self.nav.clearSelection()
                self.nav.setCurrentRow(-1)
        finally:
            self.nav.blockSignals(False)

    def _nav_gekozen(self, item: QListWidgetItem | None, _vorige: QListWidgetItem | None) -> None:
        if item is not None:
            key = item.data(Qt.ItemDataRole.UserRole)
            if key != self.huidige:
                self.open_page(key)

    def open_dossier(self, client_id: int) -> None:
        self.open_page("dossier", client_id=client_id)

    def melding(self, tekst: str, *, fout: bool = False) -> None:
        bar = self.statusBar()
        bar.setProperty("fout", fout)
        bar.style().unpolish(bar)
        bar.style().polish(bar)
        bar.showMessage(tekst, 0 if fout else 8000)

    # --- navigation helpers --------------------------------------------------------------------------------------

    def terug(self) -> None:
        """Alt+Left: the page on screen may take it first (the investigation: its previous step)."""
        binnen = getattr(self.pages.get(self.huidige or ""), "terug_binnen", None)
        if callable(binnen) and binnen():
            return
        if not self._historie:
            return
        key, params = self._historie.pop()
        self._toon(key, params)

    def focus_zoeken(self) -> None:
        if self.zoekveld.isHidden():
            return
        self.zoekveld.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.zoekveld.selectAll()

    def _zoek(self) -> None:
        term = self.zoekveld.text().strip()
        if ZOEK_PAGINA in self.specs:
            self.open_page(ZOEK_PAGINA, zoekterm=term, enige_openen=bool(term))

    def vernieuw(self) -> None:
        widget = self.pages.get(self.huidige or "")
        fn = getattr(widget, "vernieuw", None)
        if callable(fn):
            fn()

    def _gewijzigd(self, wijziging: Any) -> None:
        """A write was committed (ui.ops): open pages that show what changed refresh themselves
        (`bij_wijziging(w)`); the page that made the change has refreshed already."""
        for key, widget in list(self.pages.items()):
            fn = getattr(widget, "bij_wijziging", None)
            if not callable(fn) or widget is getattr(wijziging, "bron", None):
                continue
            if key == "onderzoek" and getattr(wijziging, "elders", False):
                continue  # while typing, a colleague's save is met by the field-level conflict, not a reload
            fn(wijziging)

    def bewaar_alles(self) -> None:
        """Every page hands what is typed but not yet journaled to the operation layer."""
        for widget in self.pages.values():
            fn = getattr(widget, "bewaar_alles", None)
            if callable(fn):
                fn()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt name
        # Everything autosaves: closing waits a moment for the writer, and asks only when writes cannot reach the
        # database now (they stay in the journal on this computer and are written at the next start).
        self.bewaar_alles()
        self.ops.wacht(3.0)
        stand = self.ops.huidige_stand(vers=True)
        if stand.wachtend and not ops_mod.mag_sluiten_met_wachtend(self, stand):
            event.ignore()
            return
        self.ops.stop()
        event.accept()


def build_main_window(ctx: AppContext, actor: Actor) -> MainWindow:
    """The one place a main window is made: the app, the self-test and the tests all come through here."""
    return MainWindow(ctx, actor)
