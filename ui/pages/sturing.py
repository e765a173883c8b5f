"""Sturingsinformatie for team leaders and management: flows, cost, ZIN/pgb, Jeugd referrers, terms, review, poortwachter.

Each tab computes only its own figures when shown (off the UI thread); every row opens the cases behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from consulent_app import formatting, termijnen
from consulent_app.domain import Rol, Wet
from consulent_app.errors import ConsulentFout, ValidatieFout
from consulent_app.export import Type
from consulent_app.services import sturing
from consulent_app.services.overzicht import Filter
from ui.pages._overzicht import Grafiek, OverzichtPagina, Veld, ZakenDialoog, tabel
from ui.pages.base import PageSpec, Shell
from ui.pages.vooruitblik import maandnaam
from ui.tablemodels import Tabel
from ui.widgets import Keuzelijst, laad, uitleg


def _criterium_titel(nummer: int, *, kort: bool = False) -> str:
    """The criterion's number and title; `kort` gives the few words the review screen also uses, so the column
    is readable at 1366 px (the full title is the tooltip and goes into the export)."""
    try:
        from consulent_app.rules.toetsing import criteria

        titels = {c.nummer: (c.kort if kort else c.titel) for c in criteria(Wet.WMO)}
    except (ImportError, AttributeError, KeyError):
        titels = {}
    titel = titels.get(nummer)
    return f"{nummer}. {titel}" if titel else f"Criterium {nummer}"


def _kort_van(titel: str) -> str:
    """'1. De hulpvraag ... is opgehelderd' on screen as '1. Hulpvraag opgehelderd'."""
    nummer, _, rest = titel.partition(". ")
    return _criterium_titel(int(nummer), kort=True) if nummer.isdigit() and rest else titel


class Tab(QWidget):
    """One steering overview: a chart and/or a table, an explanation, and how to compute and drill down.

    Its widgets are made when the tab is first shown (`bouw`, or the first use of `tabel`, `grafiek` or `leeg`):
    seven tabs of tables and charts made and styled together stood the window still for 80 ms when the screen
    opened, and even a hidden tab's wrapped explanation is measured when the tab widget is shown (issue 13).
    Controls of the row above (`boven`) may be made before and are placed then."""

    def __init__(self, titel: str, velden: list[Veld], toelichting: str, *, grafiek: bool = True,
                 naast: bool = False) -> None:
        super().__init__()
        self.titel = titel
        self._velden = velden
        self._met_grafiek = grafiek
        self._naast = naast
        self._openen: Callable[[Any], None] | None = None
        self._tabel: Tabel | None = None
        self._grafiek: Grafiek | None = None
        self._leeg: QLabel | None = None
        self._toelichting = toelichting
        self._boven: list[QWidget] = []
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(12, 10, 12, 10)
        self._lay.setSpacing(8)

    def boven(self, *widgets: QWidget) -> None:
        """Controls right of the explanation (Indeling, Drempel), placed when the tab is built."""
        self._boven.extend(widgets)

    @property
    def gebouwd(self) -> bool:
        return self._tabel is not None

    def bij_openen(self, fn: Callable[[Any], None]) -> None:
        """What Enter or a double-click on a row does (the cases behind the figure)."""
        self._openen = fn
        if self._tabel is not None:
            self._tabel.rij_geopend.connect(fn)

    def bouw(self) -> None:
        """The table, the chart and the empty-state line (once)."""
        if self._tabel is not None:
            return
        lay = self._lay
        rij = QHBoxLayout()
        # Every widget made in this tab (its parent): styled once, not again when a layout moves it in (issue 13).
        rij.addWidget(uitleg(self._toelichting, self), 1)
        for w in self._boven:
            rij.addWidget(w)
        lay.addLayout(rij)
        self._tabel = t = tabel(self._velden, naam=self.titel, parent=self)
        if self._openen is not None:
            t.rij_geopend.connect(self._openen)
        self._grafiek = Grafiek("", hoogte=200, parent=self) if self._met_grafiek else None
        self._leeg = QLabel(self)
        self._leeg.setObjectName("leeg")
        self._leeg.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._leeg.setMinimumHeight(120)
        self._leeg.hide()
        if self._grafiek is not None and self._naast:
            s = QSplitter(self)
            s.addWidget(t)
            s.addWidget(self._grafiek)
            s.setSizes([600, 440])
            lay.addWidget(s, 1)
        else:
            if self._grafiek is not None:
                self._grafiek.setMaximumHeight(230)
                lay.addWidget(self._grafiek, 2)
            lay.addWidget(t, 3)
        lay.addWidget(self._leeg)

    @property
    def tabel(self) -> Tabel:
        self.bouw()
        assert self._tabel is not None
        return self._tabel

    @property
    def grafiek(self) -> Grafiek | None:
        self.bouw()
        return self._grafiek

    @property
    def leeg(self) -> QLabel:
        self.bouw()
        assert self._leeg is not None
        return self._leeg


class Sturing(OverzichtPagina):

    def __init__(self, shell: Shell) -> None:
        super().__init__(
            shell, "Sturingsinformatie",
            "Instroom, doorstroom en uitstroom, volume en prijs van voorzieningen, verwijzers, doorlooptijden en "
            "toetsing, zonder handwerk. Elk getal is te openen: dubbelklik op een regel voor de zaken erachter.")
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.inhoud.addWidget(self.tabs, 1)
        self._maak_tabs()
        # The first tab's table and chart after the frame is painted; another tab's when it is first chosen.
        self.deel_later(self.stroom.bouw)
        self.tabs.currentChanged.connect(self._tab_gekozen)

    # --- the tabs ------------------------------------------------------------------------------------------------

    def _maak_tabs(self) -> None:
        ctx, actor = self.shell.ctx, self.shell.actor
        self.stroom = Tab("Instroom en uitstroom", [
            Veld("Maand", lambda r: r.maand, Type.DATUM, tekst=lambda d: maandnaam(d), rek=True),
            Veld("Meldingen", lambda r: r.instroom, Type.GEHEEL),
            Veld("Besluiten", lambda r: r.besluiten, Type.GEHEEL),
            Veld("Beëindigde voorzieningen", lambda r: r.uitstroom, Type.GEHEEL),
        ], "Per maand: meldingen (instroom), genomen besluiten (doorstroom) en beëindigde voorzieningen "
           "(uitstroom). Zonder periode: de laatste twaalf maanden.")
        self.kosten = Tab("Kosten", [
            Veld("Indeling", lambda r: r.label, rek=True, min_breedte=220, tooltip=lambda r: r.label),
            Veld("Voorzieningen", lambda r: r.aantal, Type.GEHEEL),
            Veld("Cliënten", lambda r: r.clienten, Type.GEHEEL),
            Veld("Jaarkosten", lambda r: r.jaarkosten, Type.BEDRAG),
            Veld("Per voorziening", lambda r: r.jaarkosten / r.aantal if r.aantal else None, Type.BEDRAG,
                 alleen_export=True),
        ], "Actieve voorzieningen en hun kosten per jaar (tarief × omvang).", naast=True)
        self.dimensie = Keuzelijst()
        self.dimensie.setAccessibleName("Indeling")
        for key, label in sturing.DIMENSIES.items():
            if key != "leveringsvorm":
                self.dimensie.addItem(label, key)
        lab = QLabel("&Indeling")
        lab.setBuddy(self.dimensie)
        self.kosten.boven(lab, self.dimensie)
        self.dimensie.currentIndexChanged.connect(lambda _i: self.vernieuw())
        self.zin = Tab("ZIN en pgb", [
            Veld("Leveringsvorm", lambda r: r.label, rek=True, min_breedte=240),
            Veld("Voorzieningen", lambda r: r.aantal, Type.GEHEEL),
            Veld("Cliënten", lambda r: r.clienten, Type.GEHEEL),
            Veld("Jaarkosten", lambda r: r.jaarkosten, Type.BEDRAG),
        ], "Zorg in natura tegenover persoonsgebonden budget: actieve voorzieningen en jaarkosten.", naast=True)
        self.verwijzers = Tab("Jeugd per verwijzer", [
            Veld("Verwijzer", lambda r: r.label, rek=True, min_breedte=230),
            Veld("Meldingen", lambda r: r.meldingen, Type.GEHEEL),
            Veld("Actieve voorzieningen", lambda r: r.voorzieningen, Type.GEHEEL),
            Veld("Jaarkosten", lambda r: r.jaarkosten, Type.BEDRAG),
        ], "Jeugdwet: meldingen in de periode en lopende voorzieningen naar wie verwees (huisarts, medisch "
           "specialist, gecertificeerde instelling, school, ...). Verwijzingen van buiten vragen een poortwachterstoets.",
            naast=True)
        self.doorloop = Tab("Doorlooptijden", [
            Veld("Wet", lambda r: r.label, rek=True),
            Veld("Besluiten", lambda r: r.besluiten, Type.GEHEEL),
            Veld("Dagen melding → besluit", lambda r: r.gem_dagen_melding, Type.GETAL),
            Veld("Wettelijk", lambda r: r.wettelijk_dagen_melding, Type.GEHEEL,
                 tooltip=lambda r: f"Wmo: {termijnen.ONDERZOEK_WMO.lengte} onderzoek "
                                   f"({termijnen.ONDERZOEK_WMO.artikel}) + {termijnen.BESLISSING_WMO.lengte} besluit "
                                   f"({termijnen.BESLISSING_WMO.artikel})"
                 if r.wet == "wmo" else "De Jeugdwet kent geen termijn vanaf de melding"),
            Veld("Dagen aanvraag → besluit", lambda r: r.gem_dagen_aanvraag, Type.GETAL),
            Veld("Wettelijk ", lambda r: r.wettelijk_dagen_aanvraag, Type.GEHEEL,
                 tooltip=lambda r: termijnen.beslistermijn(r.wet).tekst),
            Veld("Op tijd", lambda r: r.procent_op_tijd, Type.PROCENT, decimalen=0,
                 pil=lambda r: None if r.procent_op_tijd is None else "groen" if r.procent_op_tijd >= 90
                 else "oranje" if r.procent_op_tijd >= 70 else "rood"),
        ], "Gemiddeld aantal kalenderdagen tot het besluit, naast de wettelijke termijn. 'Op tijd': besloten vóór "
           "het einde van de beslistermijn (met opschorting en verdaging).")
        self.toetsing = Tab("Toetsing", [
            Veld("Criterium", lambda r: _criterium_titel(r.criterium), rek=True,
                 tekst=_kort_van, tooltip=lambda r: _criterium_titel(r.criterium)),
            Veld("Team", lambda r: r.team),
            Veld("Voldoende", lambda r: r.scores.get("voldoende", 0), Type.GEHEEL),
            Veld("Matig", lambda r: r.scores.get("matig", 0), Type.GEHEEL),
            Veld("Onvoldoende", lambda r: r.scores.get("onvoldoende", 0), Type.GEHEEL),
            Veld("N.v.t.", lambda r: r.scores.get("nvt", 0), Type.GEHEEL),
            Veld("Voldoende %", lambda r: r.procent_voldoende, Type.PROCENT, decimalen=0),
        ], "Scores van de vier-ogentoets per criterium van het toetsingskader en per team. Zonder periode: de "
           "laatste 12 maanden; vul een periode in voor andere jaren.", grafiek=False)
        self.poort = Tab("Poortwachter", [
            Veld("Cliënt", lambda r: r.client, rek=True),
            Veld("Team", lambda r: r.team),
            Veld("Voorzieningen", lambda r: r.voorzieningen, Type.GEHEEL),
            Veld("Jaarkosten", lambda r: r.jaarkosten, Type.BEDRAG),
        ], "Cliënten van wie de lopende voorzieningen samen meer kosten per jaar dan de drempel.", grafiek=False)
        self.drempel = QLineEdit()
        self.drempel.setPlaceholderText(formatting.bedrag(ctx.config.normen.poortwachter_drempel))
        self.drempel.setAccessibleName("Drempel per jaar")
        self.drempel.setMaximumWidth(140)
        self.drempel.returnPressed.connect(self.vernieuw)
        lab = QLabel("&Drempel per jaar")
        lab.setBuddy(self.drempel)
        self.drempel_fout = QLabel()
        self.drempel_fout.setStyleSheet("color: #9b1c1c;")
        self.drempel_fout.hide()
        self.poort.boven(lab, self.drempel, self.drempel_fout)
        for tab in (self.stroom, self.kosten, self.zin, self.verwijzers, self.doorloop, self.toetsing, self.poort):
            self.tabs.addTab(tab, tab.titel)
        self.stroom.bij_openen(self._drill_stroom)
        self.kosten.bij_openen(
            lambda r: self._drill(f"{r.label}", lambda f: sturing.voorzieningen_zaken(
                ctx, actor, self.dimensie.currentData(), r.sleutel, f)))
        self.zin.bij_openen(
            lambda r: self._drill(r.label, lambda f: sturing.voorzieningen_zaken(ctx, actor, "leveringsvorm",
                                                                               r.sleutel, f)))
        self.verwijzers.bij_openen(
            lambda r: self._drill(f"Jeugd, verwezen door: {r.label}", lambda f: sturing.verwijzer_zaken(
                ctx, actor, r.kanaal, f)))
        self.doorloop.bij_openen(
            lambda r: self._drill(f"Besluiten {r.label}", lambda f: sturing.doorlooptijd_zaken(ctx, actor, r.wet, f)))
        self.toetsing.bij_openen(
            lambda r: self._drill(_criterium_titel(r.criterium), lambda f: sturing.toets_zaken(
                ctx, actor, r.criterium, None, Filter(r.team_id, f.wet, f.van, f.tot))))
        self.poort.bij_openen(
            lambda r: self._drill(f"Voorzieningen van {r.client}", lambda f: sturing.poortwachter_zaken(
                ctx, actor, r.client_id, f)))

    # --- computing -----------------------------------------------------------------------------------------------

    def _tab_gekozen(self, _i: int) -> None:
        tab = self.huidige_tab()
        if not tab.gebouwd:
            self.deel_later(tab.bouw)  # the tab bar answers first; the table and chart in the next frame
        self.vernieuw()

    def eerste_verf(self) -> QWidget:
        return self.huidige_tab().tabel.viewport()  # built by now (the first of the page's steps)

    def huidige_tab(self) -> Tab:
        tab = self.tabs.currentWidget()
        assert isinstance(tab, Tab)
        return tab

    def _drempel(self) -> Decimal | None:
        tekst = self.drempel.text().strip().replace("€", "").replace(" ", "").replace(".", "").replace(",", ".")
        if not tekst:
            return None
        try:
            waarde = Decimal(tekst)
        except ArithmeticError as exc:
            raise ValidatieFout.veld("drempel", "Drempel: vul een bedrag in, bijvoorbeeld 25.000.") from exc
        if waarde < 0:
            raise ValidatieFout.veld("drempel", "Drempel: het bedrag mag niet negatief zijn.")
        return waarde

    def vernieuw(self) -> None:
        self.drempel_fout.hide()
        if self.tabs.currentWidget() is self.poort:
            self.poort.bouw()  # its message goes into the tab
            try:
                self._drempel()
            except ValidatieFout as exc:
                self.drempel_fout.setText(" ".join(exc.fouten.values()))
                self.drempel_fout.show()
                return
        super().vernieuw()

    def bereken(self, filt: Filter) -> tuple[Tab, Any]:
        ctx, actor = self.shell.ctx, self.shell.actor
        tab = self.huidige_tab()
        fn: dict[Tab, Callable[[], Any]] = {
            self.stroom: lambda: sturing.stroom(ctx, actor, filt),
            self.kosten: lambda: sturing.voorzieningen(ctx, actor, self.dimensie.currentData(), filt),
            self.zin: lambda: sturing.voorzieningen(ctx, actor, "leveringsvorm", filt),
            self.verwijzers: lambda: sturing.jeugd_verwijzers(ctx, actor, filt),
            self.doorloop: lambda: sturing.doorlooptijden(ctx, actor, filt),
            self.toetsing: lambda: sturing.toetsscores(ctx, actor, filt),
            self.poort: lambda: sturing.poortwachter(ctx, actor, filt, drempel=self._drempel()),
        }
        return tab, fn[tab]()

    def toon_data(self, data: tuple[Tab, Any]) -> None:
        tab, rijen = data
        tab.tabel.zet_rijen(rijen)
        leeg = {self.toetsing: "Nog geen toetsingen met scores in deze selectie.",
                self.poort: "Geen cliënten boven de drempel in deze selectie."}.get(tab, "Geen gegevens in deze selectie.")
        tab.leeg.setText(leeg)
        tab.leeg.setVisible(not rijen)
        tab.tabel.setVisible(bool(rijen))
        g = tab.grafiek  # drawn after the table is painted (Grafiek draws in a later frame)
        if g is None:
            return
        if tab is self.stroom:
            g.staven([maandnaam(r.maand, kort=True) for r in rijen],
                     [("Meldingen", [r.instroom for r in rijen]), ("Besluiten", [r.besluiten for r in rijen]),
                      ("Beëindigde voorzieningen", [r.uitstroom for r in rijen])], as_titel="aantal")
        elif tab in (self.kosten, self.verwijzers):
            top = list(rijen)[:10][::-1]
            g.staven([r.label[:28] for r in top], [("Jaarkosten", [float(r.jaarkosten) / 1000 for r in top])],
                     horizontaal=True, formaat="%.0f", as_titel="jaarkosten × € 1.000")
        elif tab is self.zin:
            g.taart([("Zorg in natura" if r.sleutel == "zin" else "Pgb" if r.sleutel == "pgb" else r.label,
                      float(r.jaarkosten)) for r in rijen])
        elif tab is self.doorloop:
            g.staven([r.label for r in rijen],
                     [("Gemiddeld melding → besluit", [r.gem_dagen_melding or 0 for r in rijen]),
                      ("Wettelijk melding → besluit", [r.wettelijk_dagen_melding or 0 for r in rijen]),
                      ("Gemiddeld aanvraag → besluit", [r.gem_dagen_aanvraag or 0 for r in rijen]),
                      ("Wettelijk aanvraag → besluit", [r.wettelijk_dagen_aanvraag for r in rijen])],
                     as_titel="dagen")

    def export_tabel(self) -> Tabel:
        return self.huidige_tab().tabel

    @property
    def export_titel(self) -> str:  # type: ignore[override]
        return f"Sturing {self.huidige_tab().titel.lower()}"

    # --- drill-down ----------------------------------------------------------------------------------------------

    def _drill(self, titel: str, fn: Callable[[Filter], list[Any]]) -> None:
        """The cases behind a row, read off the GUI thread (the operation layer), shown in a dialog."""
        try:
            filt = self.filterbalk.filter()
        except ConsulentFout as exc:
            self.toon_fout(str(exc))
            return
        laad(self, lambda: fn(filt), lambda zaken: ZakenDialoog(self.shell, titel, zaken, parent=self).exec(),
             self.toon_fout)

    def _drill_stroom(self, r: sturing.StroomMaand) -> None:
        ctx, actor = self.shell.ctx, self.shell.actor

        def alles(f: Filter) -> list[Any]:
            return [z for reeks in sturing.REEKSEN for z in sturing.stroom_zaken(ctx, actor, reeks, r.maand, f)]

        self._drill(f"Instroom, besluiten en uitstroom in {maandnaam(r.maand)}", alles)


PAGE = PageSpec(
    key="sturing", titel="Sturingsinformatie", rollen=(Rol.TEAMLEIDER, Rol.PLANNER), maak=Sturing, volgorde=16,
    sneltoets="Ctrl+9", extra={"icoon": "werk"},
)
