"""Periodiek onderzoek: POs and end dates per month for twelve months and overdue, assign / plan / complete from the
list; and provider plans that are late."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from babel.dates import format_date
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consulent_app.domain import POUitkomst, Rol
from consulent_app.errors import ConsulentFout
from consulent_app.formatting import LOCALE
from consulent_app.formatting import datum as datum_tekst
from consulent_app.rules.periodiek import UITKOMST_LABELS
from consulent_app.services import periodiek as po_svc
from consulent_app.services.periodiek import PlanRegel, PoOverzicht, PoRegel
from ui.pages._formdialoog import FormDialoog
from ui.pages._overzicht import Tabbladen
from ui.pages.base import PageSpec, Shell, ouder, volg_wijziging
from ui.tablemodels import Kolom, Tabel, datum_kort
from ui.widgets import (
    DatumVeld,
    Formulier,
    InStappen,
    Keuzelijst,
    combo,
    een_keer_getekend,
    kop,
    laad,
    na_tekenen,
    telt_als_tekenen,
    uitleg,
)

PLANNERS = (Rol.PLANNER, Rol.TEAMLEIDER)


def _pil(r: PoRegel) -> str:
    if r.achterstallig:
        return "rood"
    return "blauw" if r.soort == "po" else "oranje"


def _afgerond_tekst(res: po_svc.PoAfgerond | None) -> str:
    if res is not None and res.uitkomst == "beeindigd":
        return ("Het periodiek onderzoek is afgerond. Maak nu de beschikking tot beëindiging; de aanvraag daarvoor "
                "staat klaar en de beslistermijn staat bij Termijnen.")
    if res is not None and res.nieuwe_aanvraag_id is not None:
        return ("Het periodiek onderzoek is afgerond. Er is een nieuwe aanvraag (wijziging) gestart met de huidige "
                "voorzieningen ingevuld; de beslistermijn staat bij Termijnen.")
    if res is None or res.uitkomst == "beeindigd" or res.volgende_po_id is None:
        return "Het periodiek onderzoek is afgerond; de voorziening eindigt op de ingevulde einddatum."
    return "Het periodiek onderzoek is afgerond en het volgende onderzoek is gepland."


class MaandKnop(QPushButton):
    """One month of the strip: 'dec. 2026' over '3 PO · 1 eind'. Checkable; the checked one filters the list."""

    def __init__(self, boven: str, onder: str, sleutel: Any, parent: QWidget | None = None) -> None:
        super().__init__(f"{boven}\n{onder}", parent)
        self.sleutel = sleutel
        self.setCheckable(True)
        self.setObjectName("maandknop")
        self.setMinimumHeight(62)
        self.setMinimumWidth(62)  # its look is in style.qss (QPushButton#maandknop)


class Periodiek(QWidget):
    def __init__(self, shell: Shell) -> None:
        super().__init__(ouder(shell))
        self.shell = shell
        self.is_planner = shell.actor.rol in PLANNERS
        self.bezig = False
        self.overzicht: PoOverzicht | None = None
        self._gevraagd: int | None = None
        self._consulenten_team: int | None = None  # the team whose consultants the planner's choice still needs
        self.filter_maand: Any = None  # None: everything; "te_laat"; or a month date

        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 22, 28, 18)
        lay.setSpacing(10)
        kopregel = QHBoxLayout()
        # Every widget made in its parent: styled once, not again when a layout moves it in (issue 13).
        kopregel.addWidget(kop("Periodiek onderzoek (PO)", parent=self), 1)
        self.knoppen = QHBoxLayout()
        kopregel.addLayout(self.knoppen)
        lay.addLayout(kopregel)
        lay.addWidget(uitleg(
            ("Periodieke onderzoeken en einddatums van uw team" if self.is_planner else
             "Uw periodieke onderzoeken en de einddatums van uw cliënten")
            + " voor de komende twaalf maanden, en wat te laat is. Elk onderzoek eindigt met een volgende datum "
              "of een einddatum.", self))

        self.tabs = Tabbladen(self)  # a count changing on a tab does not repaint the whole tab
        lay.addWidget(self.tabs, 1)

        # --- tab 1: planning (made in its tab, top-down: styled once, issue 13) ---
        planning = QWidget()
        self.tabs.addTab(planning, "&Planning")
        pl = QVBoxLayout(planning)
        pl.setContentsMargins(12, 12, 12, 12)
        pl.setSpacing(10)
        self.maanden = QHBoxLayout()
        self.maanden.setSpacing(4)
        pl.addLayout(self.maanden)
        self.maand_groep = QButtonGroup(self)
        self.maand_groep.setExclusive(True)
        self.maand_groep.buttonClicked.connect(self._maand_gekozen)

        filters = QHBoxLayout()
        self.consulent_keuze = Keuzelijst(planning)
        self.consulent_keuze.setMinimumWidth(240)
        if self.is_planner:
            lab = QLabel("&Consulent", planning)
            lab.setBuddy(self.consulent_keuze)
            filters.addWidget(lab)
            filters.addWidget(self.consulent_keuze)
        else:
            self.consulent_keuze.hide()  # a consultant's own list: no choice (made in the tab, so hidden there)
        self.teller = QLabel(planning)
        self.teller.setObjectName("teller")
        filters.addStretch(1)
        filters.addWidget(self.teller)
        pl.addLayout(filters)

        kolommen: list[Kolom[PoRegel]] = [
            Kolom("Status", lambda r: r.status_tekst, pil=_pil, min_breedte=180, sorteer=lambda r: r.datum),
            Kolom("Datum", lambda r: r.datum, tekst=datum_kort, min_breedte=96),
            Kolom("Wat", lambda r: r.soort_tekst),
            Kolom("Cliënt", lambda r: r.client, min_breedte=150),
            Kolom("Voorziening", lambda r: r.product, rek=True),
            Kolom("Consulent", lambda r: r.consulent or "niet toegewezen"),
        ]
        if not self.is_planner:
            kolommen.pop()  # a consultant's own list: the consultant column says nothing
        self.tabel = Tabel(kolommen, planning)
        self.tabel.setAccessibleName("Periodieke onderzoeken en einddatums")
        # No step of the page's loading in the turn of the list's paint, nor in that of the month strip's (the
        # buttons made when the data come are laid out and painted in the turn after: 3-4 ms).
        telt_als_tekenen(self.tabel.viewport())
        telt_als_tekenen(planning)
        pl.addWidget(self.tabel, 1)
        self.leeg = QLabel("Niets gepland of te laat in deze periode.", planning)
        self.leeg.setObjectName("leeg")
        self.leeg.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.leeg.hide()
        pl.addWidget(self.leeg, 1)

        # --- tab 2: provider plans (hidden at first: made in the frame after the page's, issue 13) ---
        plannen = QWidget()
        self.tabs.addTab(plannen, "Pla&nnen van aanbieders")
        self.stappen = InStappen(self)
        self.stappen.voeg_toe(lambda: self._bouw_plannen(plannen))

        # --- buttons ---
        self.afrond_knop = self._knop("&Afronden…", self.afronden, primair=True)
        self.toewijs_knop = self._knop("&Toewijzen…", self.toewijzen)
        self.verplaats_knop = self._knop("&Verplaatsen…", self.verplaatsen)
        self.plan_po_knop = self._knop("&Onderzoek plannen…", self.plan_po)
        self.afrond_knop.setVisible(shell.actor.rol is Rol.CONSULENT)
        self.toewijs_knop.setVisible(self.is_planner)

        self.tabs.currentChanged.connect(self._tab_gewisseld)
        if self.is_planner:
            self._vul_consulenten()
            self.consulent_keuze.currentIndexChanged.connect(self.vernieuw)
        self.tabel.selectionModel().selectionChanged.connect(self._knoppen_bij)
        self.tabel.rij_geopend.connect(lambda r: self.afronden() if r.soort == "po" and not self.is_planner
                                       else shell.open_dossier(r.client_id))
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.tabel.setFocus)
        self.setFocusProxy(self.tabel)  # arriving on the page, the arrow keys work on the planning
        self._knoppen_bij()

    def _bouw_plannen(self, plannen: QWidget) -> None:
        pp = QVBoxLayout(plannen)
        pp.setContentsMargins(12, 12, 12, 12)
        pp.addWidget(uitleg("Plannen van aanpak en gezinsplannen die de aanbieder had moeten sturen en die nog niet "
                            "binnen zijn. Leg de ontvangst vast zodra het plan er is.", plannen))
        plan_kolommen: list[Kolom[PlanRegel]] = [
            Kolom("Te laat", lambda p: f"{p.dagen_te_laat} dagen", pil=lambda p: "rood", min_breedte=110,
                  sorteer=lambda p: -p.dagen_te_laat),
            Kolom("Verwacht op", lambda p: p.verwacht_op, tekst=datum_kort),
            Kolom("Plan", lambda p: p.plan),
            Kolom("Cliënt", lambda p: p.client, min_breedte=150),
            Kolom("Voorziening", lambda p: p.product, rek=True, tooltip=lambda p: p.product),
            Kolom("Aanbieder", lambda p: p.aanbieder or "pgb", tooltip=lambda p: p.aanbieder),
            Kolom("Consulent", lambda p: p.consulent or "–"),
        ]
        self.plan_tabel = Tabel(plan_kolommen[:-1] if not self.is_planner else plan_kolommen, plannen)
        self.plan_tabel.setAccessibleName("Te late plannen van aanbieders")
        pp.addWidget(self.plan_tabel, 1)
        rij = QHBoxLayout()
        rij.addStretch(1)
        self.plan_knop = QPushButton("Plan &ontvangen…", plannen)
        self.plan_knop.clicked.connect(self.plan_ontvangen)
        rij.addWidget(self.plan_knop)
        pp.addLayout(rij)
        self.plan_tabel.rij_geopend.connect(lambda _p: self.plan_ontvangen())

    def _tab_gewisseld(self, index: int) -> None:
        """The buttons at the top act on the planning list; on the plans tab they would only confuse."""
        planning = index == 0
        self.afrond_knop.setVisible(planning and self.shell.actor.rol is Rol.CONSULENT)
        self.toewijs_knop.setVisible(planning and self.is_planner)
        self.verplaats_knop.setVisible(planning)
        self.plan_po_knop.setVisible(planning)

    def _knop(self, tekst: str, fn: Any, *, primair: bool = False) -> QPushButton:
        b = QPushButton(tekst, self)
        if primair:
            b.setObjectName("primair")
        b.clicked.connect(fn)
        self.knoppen.addWidget(b)
        return b

    def _vul_consulenten(self) -> None:
        """The fixed choices now; the team's consultants come with the first read of the list (`vernieuw`): read on
        their own beside the page being built, they held Python's GIL in turns with its steps (issue 13)."""
        self._consulenten_team = self.shell.actor.team_id or next(iter(sorted(self.shell.actor.teams)), None)
        self.consulent_keuze.blockSignals(True)
        self.consulent_keuze.addItem("Alle consulenten", None)
        self.consulent_keuze.addItem("Niet toegewezen", "niet")
        self.consulent_keuze.blockSignals(False)

    def _zet_consulenten(self, keuzes: list[Any]) -> None:
        self.consulent_keuze.blockSignals(True)
        for c in keuzes:
            self.consulent_keuze.addItem(f"{c.naam} ({c.geplande_po} gepland)", c.id)
        self.consulent_keuze.blockSignals(False)

    # --- loading -------------------------------------------------------------------------------------------------

    def toon(self, po_id: int | None = None, **_params: Any) -> None:
        """From "Mijn werk" (Enter on a PO) the page opens with that PO selected and, for its consultant, the
        dialog to complete it."""
        self._gevraagd = po_id
        self.vernieuw()

    def bij_wijziging(self, w: Any) -> None:
        """A decision sent, a provision changed or a PO assigned elsewhere: the PO list reads again."""
        volg_wijziging(self, w, frozenset({"po", "voorziening", "beschikking", "verzendlijst", "werkvoorraad",
                                           "toewijzing"}))

    def vernieuw(self) -> None:
        self.bezig = True
        self.teller.setText("Laden…")
        keuze = self.consulent_keuze.currentData() if self.is_planner else None
        ctx, actor = self.shell.ctx, self.shell.actor
        oud_ov, oud_plannen = self.overzicht, getattr(self, "_plannen", None)
        team = self._consulenten_team  # until they came in (_geladen)

        def bron() -> tuple[PoOverzicht, list[PlanRegel], list[Any] | None]:
            keuzes = None
            if team is not None:  # the first read: the team's consultants for the choice above the list
                try:
                    keuzes = po_svc.consulenten_voor_po(ctx, actor, team)
                except ConsulentFout:
                    keuzes = []  # the choice keeps its fixed options; the list itself is read as always
            ov = po_svc.po_overzicht(ctx, actor, consulent_id=keuze if isinstance(keuze, int) else None,
                                     alleen_niet_toegewezen=keuze == "niet")
            plannen = po_svc.openstaande_plannen(ctx, actor)
            # Read again and unchanged (F5, a change elsewhere that does not touch this list): the objects shown
            # stay, compared here in the background, so the lists see the same rows and need not compare 4,345
            # rows on the GUI thread (both are frozen dataclasses: nobody changes them meanwhile).
            if oud_ov is not None and ov == oud_ov:
                ov = oud_ov
            if oud_plannen is not None and plannen == oud_plannen:
                plannen = oud_plannen
            return ov, plannen, keuzes

        # Read once the parts still being built are built (the plans' tab after the page's first paint): a read
        # running beside them holds the GIL in Python for tens of milliseconds, and each of their Python calls from
        # Qt (a list's paint, a tab's event) waited for it: the window stood still twice as long as it worked. The
        # first read also after the first paint of the (empty) list, in a turn of its own (ui.widgets.na_tekenen).
        self._lezing = nummer = getattr(self, "_lezing", 0) + 1

        def lees() -> None:
            if nummer != self._lezing:
                return  # asked again meanwhile (another consultant chosen before the first paint): that read lands
            laad(self, bron, lambda res: self.stappen.na_de_rest(lambda: self._geladen(res)), self._fout)

        if self.overzicht is None and not getattr(self, "_gelezen", False):
            self._gelezen = True
            na_tekenen(self.stappen, self.tabel.viewport(), lees)
        else:
            self.stappen.na_de_rest(lees)

    def _fout(self, msg: str) -> None:
        self.bezig = False
        self.teller.setText("")
        self.shell.melding(msg, fout=True)

    def _geladen(self, res: tuple[PoOverzicht, list[PlanRegel], list[Any] | None]) -> None:
        ov, plannen, keuzes = res
        self.overzicht = ov
        if keuzes is not None and self._consulenten_team is not None:
            self._consulenten_team = None
            self._zet_consulenten(keuzes)
        # The plans' count on their tab now, before the planning list is filled: a tab text changed lays out and
        # repaints the whole tab widget, and later it repainted the full planning list once more (issue 13).
        tekst = f"Pla&nnen van aanbieders ({len(plannen)})" if plannen else "Pla&nnen van aanbieders"
        if self.tabs.tabText(1) != tekst:
            self.tabs.setTabText(1, tekst)
        # The month buttons, the planning and the plans each in a frame of their own (issue 13); buttons made anew
        # are laid out and painted in a turn after this one, and the planning comes in the turn after that paint.
        def regels() -> None:
            self._toon_regels()
            self.stappen.voeg_toe(lambda: self._toon_plannen(plannen))

        eerste = self._bouw_maanden(ov)
        if eerste is not None:
            na_tekenen(self.stappen, eerste, regels)
        else:
            self.stappen.voeg_toe(regels)

    def _toon_plannen(self, plannen: list[PlanRegel]) -> None:
        self._plannen = plannen
        self.plan_tabel.zet_rijen(plannen)
        self.plan_knop.setEnabled(bool(plannen))
        self.bezig = False
        if self._gevraagd is not None:
            self._open_gevraagd(self._gevraagd)
            self._gevraagd = None

    def _open_gevraagd(self, po_id: int) -> None:
        for i, r in enumerate(self.tabel.rijen()):
            if r.soort == "po" and r.id == po_id:
                self.tabel.selectRow(i)
                if self.shell.actor.rol is Rol.CONSULENT and not getattr(self, "niet_modaal", False):
                    # Outside the slices this runs in: the dialog has an event loop of its own (ui.widgets.InStappen).
                    QTimer.singleShot(0, self.afronden)
                return
        self.shell.melding("Dit periodiek onderzoek staat niet (meer) in uw lijst van de komende twaalf maanden.")

    def _bouw_maanden(self, ov: PoOverzicht) -> QPushButton | None:
        """The month strip for `ov`; its first button when the buttons were made anew (else None: counts changed)."""
        te_laat = ov.achterstallig_po + ov.achterstallig_einddatum
        # (text, key, tooltip) of every button: "Alles", "Te laat", then the months
        gewenst: list[tuple[str, Any, str | None]] = [(f"Alles\n{len(ov.regels)}\n", None, None),
                                                      (f"Te laat\n{te_laat}\n", "te_laat", None)]
        for mnd in ov.maanden:
            kort = format_date(mnd.maand, "LLL", locale=LOCALE).rstrip(".")
            gewenst.append((f"{kort} {mnd.maand.year}\n{mnd.po} PO\n{mnd.einddatum} eind", mnd.maand,
                            f"{mnd.label}: {mnd.po} periodiek onderzoek(en), {mnd.einddatum} einddatum(s)"))
        bestaand = self.maand_groep.buttons()
        if [getattr(b, "sleutel", None) for b in bestaand] == [g[1] for g in gewenst]:
            # The same months (F5, a PO planned): the buttons keep their place and only their counts change; made
            # anew, fourteen buttons were styled and laid out again (10 ms of a refresh, issue 13).
            for b, (tekst, _sleutel, tip) in zip(bestaand, gewenst, strict=True):
                if b.text() != tekst:
                    b.setText(tekst)
                if tip is not None and b.toolTip() != tip:
                    b.setToolTip(tip)
            if bool(bestaand[1].property("telaat")) != bool(te_laat):
                bestaand[1].setProperty("telaat", bool(te_laat))
                bestaand[1].style().unpolish(bestaand[1])
                bestaand[1].style().polish(bestaand[1])
            return None
        for b in bestaand:
            self.maand_groep.removeButton(b)
            b.deleteLater()
        while self.maanden.count():
            self.maanden.takeAt(0)
        strook = self.maanden.parentWidget()  # made in the strip: styled once, not again when put in (issue 13)
        knoppen = []
        for tekst, sleutel, tip in gewenst:
            boven, onder = tekst.split("\n", 1)
            knoppen.append(MaandKnop(boven, onder, sleutel, strook))
            if tip is not None:
                knoppen[-1].setToolTip(tip)
        if te_laat:
            knoppen[1].setProperty("telaat", True)  # red in style.qss
        for k in knoppen:
            self.maand_groep.addButton(k)
            self.maanden.addWidget(k, 1)
            if k.sleutel == self.filter_maand:
                k.setChecked(True)
        if self.maand_groep.checkedButton() is None:
            knoppen[0].setChecked(True)
            self.filter_maand = None
        return knoppen[0]

    def _maand_gekozen(self, knop: QPushButton) -> None:
        self.filter_maand = getattr(knop, "sleutel", None)
        self._toon_regels()

    def _toon_regels(self) -> None:
        ov = self.overzicht
        if ov is None:
            return
        f = self.filter_maand
        if f is None:
            regels = ov.regels
        elif f == "te_laat":
            regels = [r for r in ov.regels if r.achterstallig]
        else:
            regels = [r for r in ov.regels if r.maand == f and not r.achterstallig]
        with een_keer_getekend(self.tabel, na_de_proef=True):  # rows and final column widths painted once
            self.tabel.zet_rijen(regels)
        self.tabel.setVisible(bool(regels))
        self.leeg.setVisible(not regels)
        n_po = [r.soort for r in regels].count("po")  # a generator over 4,345 rows: a Python call per row
        self.teller.setText(f"{n_po} periodiek onderzoek{'en' if n_po != 1 else ''}, "
                            f"{len(regels) - n_po} einddatum{'s' if len(regels) - n_po != 1 else ''}")
        self._knoppen_bij()

    def _knoppen_bij(self, *_a: Any) -> None:
        r = self.tabel.huidige_rij() if self.tabel.isVisible() or self.overzicht else None
        is_po = r is not None and r.soort == "po"
        self.afrond_knop.setEnabled(is_po)
        self.toewijs_knop.setEnabled(is_po)
        self.verplaats_knop.setEnabled(is_po)
        self.plan_po_knop.setEnabled(r is not None and r.soort == "einddatum")

    # --- actions -------------------------------------------------------------------------------------------------

    def _na(self, dlg: FormDialoog, gelukt: str | Callable[[Any], str]) -> FormDialoog:
        def klaar() -> None:
            self.shell.melding(gelukt(dlg.resultaat) if callable(gelukt) else gelukt)
            self.vernieuw()

        dlg.accepted.connect(klaar)
        if not getattr(self, "niet_modaal", False):
            dlg.exec()
        return dlg

    def afronden(self) -> None:
        """Read the PO off the GUI thread (ui.ops), then open the dialog (`afrond_dialoog`)."""
        r = self.tabel.huidige_rij()
        if r is None or r.soort != "po":
            return
        ctx, actor, po_id = self.shell.ctx, self.shell.actor, r.id
        self.afrond_dialoog: FormDialoog | None = None

        def open_(po: po_svc.PoView) -> None:
            self.afrond_dialoog = self._afrond_dialoog(po)

        self.shell.ops.lees(self, lambda: po_svc.po_details(ctx, actor, po_id), open_, sleutel="afronden")

    def _afrond_dialoog(self, po: po_svc.PoView) -> FormDialoog:
        form = Formulier()
        uitkomst = combo(((UITKOMST_LABELS[u], u.value) for u in POUitkomst), leeg="Kies de uitkomst…")
        form.voeg_toe("uitkomst", "&Uitkomst", uitkomst)
        verslag = QPlainTextEdit()
        verslag.setTabChangesFocus(True)
        verslag.setFixedHeight(90)
        form.voeg_toe("verslag", "Kort &verslag", verslag, hint="Wat is besproken en waarom deze uitkomst.")
        volgende = DatumVeld()
        form.voeg_toe("volgende_po_datum", "Volgend &onderzoek", volgende,
                      hint=f"Uiterlijk {datum_tekst(po.uiterste_volgende_po)} (maximaal "
                           f"{self.shell.ctx.config.termijnen.po_maximum_maanden} maanden). Of vul een einddatum in.")
        eind = DatumVeld()
        form.voeg_toe("einddatum", "&Einddatum", eind, hint="Verplicht bij 'beëindigd'.")
        afgerond = DatumVeld()
        afgerond.zet_datum(dt.date.today())
        form.voeg_toe("afgerond_op", "&Datum onderzoek", afgerond)

        def uitkomst_bij() -> None:
            beeindigd = uitkomst.currentData() == POUitkomst.BEEINDIGD.value
            volgende.setEnabled(not beeindigd)
            if beeindigd:
                volgende.clear()

        uitkomst.currentIndexChanged.connect(uitkomst_bij)

        def actie(w: dict[str, Any]) -> po_svc.PoAfgerond:
            return po_svc.rond_po_af(self.shell.ctx, self.shell.actor, po.id, uitkomst=w["uitkomst"],
                                     verslag=w["verslag"], volgende_po_datum=w["volgende_po_datum"],
                                     einddatum=w["einddatum"], afgerond_op=w["afgerond_op"], versie=po.versie)

        toel = (f"{po.client} · {po.product}, {po.omvang} · sinds {datum_tekst(po.startdatum)} · gepland op "
                f"{datum_tekst(po.geplande_datum)}. Bij 'gewijzigd' start een nieuwe aanvraag met de huidige "
                "voorzieningen ingevuld.")
        dlg = FormDialoog(self, "Periodiek onderzoek afronden", toel, form, actie, ok="&Afronden")
        dlg.setMinimumWidth(620)
        dlg.accepted.connect(lambda: self._wijziging_aanpassen(dlg.resultaat))
        return self._na(dlg, _afgerond_tekst)

    def _wijziging_aanpassen(self, res: po_svc.PoAfgerond | None) -> None:
        """After "gewijzigd": straight on to adjusting the copied provisions (ui/voorziening_dialoog)."""
        if res is None or res.uitkomst != POUitkomst.GEWIJZIGD.value or res.nieuwe_aanvraag_id is None:
            return
        from ui.voorziening_dialoog import pas_voorzieningen_aan

        aanvraag_id = res.nieuwe_aanvraag_id

        def open_dialoog() -> None:
            pas_voorzieningen_aan(self.shell, aanvraag_id, self, modaal=not getattr(self, "niet_modaal", False),
                                  klaar=lambda dlg: setattr(self, "wijziging_dialoog", dlg))

        QTimer.singleShot(0, open_dialoog)  # after the status message and the refresh of the list

    def toewijzen(self) -> None:
        """Read the team's consultants off the GUI thread (ui.ops), then open the dialog (`toewijs_dialoog`)."""
        r = self.tabel.huidige_rij()
        if r is None or r.soort != "po" or r.team_id is None:
            return
        ctx, actor, team_id = self.shell.ctx, self.shell.actor, r.team_id
        self.toewijs_dialoog: FormDialoog | None = None

        def open_(keuzes: list[Any]) -> None:
            self.toewijs_dialoog = self._toewijs_dialoog(r, keuzes)

        self.shell.ops.lees(self, lambda: po_svc.consulenten_voor_po(ctx, actor, team_id), open_, sleutel="toewijzen")

    def _toewijs_dialoog(self, r: Any, keuzes: list[Any]) -> FormDialoog:
        form = Formulier()
        box = combo(((f"{c.naam} ({c.geplande_po} gepland)", c.id) for c in keuzes), leeg="Kies een consulent…")
        form.voeg_toe("consulent", "&Consulent", box)

        def actie(w: dict[str, Any]) -> int:
            if w["consulent"] is None:
                from consulent_app.errors import ValidatieFout

                raise ValidatieFout.veld("consulent", "Kies een consulent.")
            return po_svc.wijs_po_toe(self.shell.ctx, self.shell.actor, r.id, w["consulent"], versie=r.versie)

        dlg = FormDialoog(self, "Periodiek onderzoek toewijzen",
                          f"{r.client} · {r.product} · gepland op {datum_tekst(r.datum)}.", form, actie,
                          ok="&Toewijzen")
        return self._na(dlg, "Het periodiek onderzoek is toegewezen.")

    def verplaatsen(self) -> FormDialoog | None:
        r = self.tabel.huidige_rij()
        if r is None or r.soort != "po":
            return None
        form = Formulier()
        veld = DatumVeld()
        veld.zet_datum(r.datum)
        form.voeg_toe("geplande_datum", "&Nieuwe datum", veld)

        def actie(w: dict[str, Any]) -> int:
            return po_svc.verplaats_po(self.shell.ctx, self.shell.actor, r.id, w["geplande_datum"], versie=r.versie)

        dlg = FormDialoog(self, "Periodiek onderzoek verplaatsen", f"{r.client} · {r.product}.", form, actie,
                          ok="&Verplaatsen")
        return self._na(dlg, "Het periodiek onderzoek is verplaatst.")

    def plan_po(self) -> FormDialoog | None:
        r = self.tabel.huidige_rij()
        if r is None or r.soort != "einddatum":
            return None
        form = Formulier()
        veld = DatumVeld()
        form.voeg_toe("geplande_datum", "&Datum onderzoek", veld,
                      hint=f"Vóór de einddatum ({datum_tekst(r.datum)}), als de hulp daarna nodig kan blijven.")

        def actie(w: dict[str, Any]) -> int:
            return po_svc.plan_po(self.shell.ctx, self.shell.actor, r.voorziening_id, w["geplande_datum"])

        dlg = FormDialoog(self, "Periodiek onderzoek plannen", f"{r.client} · {r.product}.", form, actie,
                          ok="&Plannen")
        return self._na(dlg, "Het periodiek onderzoek is gepland.")

    def plan_ontvangen(self) -> FormDialoog | None:
        p = self.plan_tabel.huidige_rij()
        if p is None:
            return None
        form = Formulier()
        veld = DatumVeld()
        veld.zet_datum(dt.date.today())
        form.voeg_toe("plan_ontvangen_op", "&Ontvangen op", veld)

        def actie(w: dict[str, Any]) -> int:
            return po_svc.registreer_plan(self.shell.ctx, self.shell.actor, p.voorziening_id,
                                          plan_ontvangen_op=w["plan_ontvangen_op"], versie=p.versie)

        dlg = FormDialoog(self, f"{p.plan} ontvangen", f"{p.client} · {p.product} · {p.aanbieder or 'pgb'}.", form,
                          actie, ok="&Vastleggen")
        return self._na(dlg, f"De ontvangst van het {p.plan.lower()} is vastgelegd.")


PAGE = PageSpec(
    key="po", titel="PO-planning", rollen=(Rol.CONSULENT, Rol.PLANNER, Rol.TEAMLEIDER),
    maak=Periodiek, volgorde=32, sneltoets="Ctrl+8", extra={"icoon": "werkvoorraad"},
)
