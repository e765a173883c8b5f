"""What the planning and steering screens share: the filter bar (team, law, period), typed columns that serve both
the table and the Excel/CSV export, charts (QtCharts), the drill-down dialog and a page frame that loads off the
UI thread."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QLocale, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from consulent_app import export, formatting
from consulent_app.domain import Rol, Wet
from consulent_app.errors import ConsulentFout, ValidatieFout
from consulent_app.export import Type
from consulent_app.services import sturing
from consulent_app.services.overzicht import Filter
from ui.pages.base import ZAKEN, Shell, ouder, volg_wijziging
from ui.tablemodels import Kolom, Tabel, datum_kort, tekst_of_streep
from ui.widgets import DatumVeld, InStappen, Keuzelijst, kop, laad, na_tekenen, uitleg

KLEUREN = ["#1f5f8b", "#d98b1b", "#4f9a6a", "#8a5aa8", "#b23b3b", "#5b8fb9", "#9a8c2b", "#6b7785"]
NL = QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)


# --- columns that serve the table and the export -----------------------------------------------------------------


def _tekst_voor(type_: Type, decimalen: int) -> Callable[[Any], str]:
    if type_ is Type.TEKST:
        return tekst_of_streep

    @functools.lru_cache(maxsize=2048)  # a column repeats its values (days, hours, amounts): babel once per value
    def fmt(x: Any) -> str:
        if x is None or x == "":
            return "–"
        if type_ is Type.DATUM:
            return datum_kort(x)
        if type_ is Type.BEDRAG:
            return formatting.bedrag(x)
        if type_ is Type.GEHEEL:
            return formatting.getal(x, 0)
        if type_ is Type.GETAL:
            if x == float("inf"):
                return "∞"
            patroon = "#,##0" + ("." + "0" * decimalen if decimalen else "")
            return formatting.patroon(patroon).apply(round(float(x), decimalen), formatting.NL)
        if type_ is Type.PROCENT:
            return f"{formatting.getal(round(float(x)), 0)} %" if x != float("inf") else "∞"
        return tekst_of_streep(x)

    return fmt


@dataclass(frozen=True)
class Veld:
    """One column: shown in the table with Dutch notation, exported with its real type."""

    titel: str
    waarde: Callable[[Any], Any]
    type: Type = Type.TEKST
    decimalen: int = 1
    rek: bool = False
    pil: Callable[[Any], str | None] | None = None
    tooltip: Callable[[Any], str | None] | None = None
    min_breedte: int | None = None
    tekst: Callable[[Any], str] | None = None
    sorteer: Callable[[Any], Any] | None = None
    alleen_export: bool = False  # not shown (the screen combines it elsewhere), but in the export

    def ui(self) -> Kolom[Any]:
        rechts = self.type in (Type.GEHEEL, Type.GETAL, Type.BEDRAG, Type.PROCENT)
        return Kolom(self.titel, self.waarde, tekst=self.tekst or _tekst_voor(self.type, self.decimalen),
                     pil=self.pil, tooltip=self.tooltip, rechts=rechts, rek=self.rek, min_breedte=self.min_breedte,
                     sorteer=self.sorteer)

    def export(self) -> export.Kolom:
        return export.Kolom(self.titel, self.type, decimalen=self.decimalen)


def tabel(velden: Sequence[Veld], *, naam: str, parent: QWidget | None = None) -> Tabel:
    """A list of these columns; made in `parent` (the widget whose layout takes it) it is styled once."""
    t = Tabel([v.ui() for v in velden if not v.alleen_export], parent)
    t.setAccessibleName(naam)
    t.velden = list(velden)  # type: ignore[attr-defined]
    return t


def export_van(t: Tabel) -> tuple[list[export.Kolom], list[list[Any]]]:
    """The rows as shown (sorted, filtered), with raw values for the export."""
    velden: list[Veld] = t.velden  # type: ignore[attr-defined]
    rijen = []
    for r in t.rijen():
        rij = []
        for v in velden:
            w = v.waarde(r)
            if v.type is Type.TEKST and v.tekst is not None:
                w = v.tekst(w)
            rij.append(None if isinstance(w, float) and w == float("inf") else w)
        rijen.append(rij)
    return [v.export() for v in velden], rijen


# --- tabs -------------------------------------------------------------------------------------------------------


class Tabbladen(QTabWidget):
    """A QTabWidget that does not repaint everything on its pages when something on a page changes its size without
    changing the tab widget's (a count next to a list saying "Laden…"): QTabWidget lays itself out anew at every
    layout request from inside and repaints its whole area, so a list on the page was painted again (5-9 ms at each
    refresh of PO-planning, issue 13). A request that changes none of its tab bar, pages or size goes through as
    before."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._staat: tuple[Any, ...] | None = None
        self._stapel = self.findChild(QStackedWidget)

    def _huidig(self) -> tuple[Any, ...]:
        balk, stapel = self.tabBar(), self._stapel
        hoeken = tuple((w.sizeHint(), w.isVisible()) if w is not None else None
                       for w in (self.cornerWidget(Qt.Corner.TopLeftCorner), self.cornerWidget(Qt.Corner.TopRightCorner)))
        return (self.size(), self.count(), self.currentIndex(), balk.sizeHint(), balk.minimumSizeHint(),
                balk.isVisible(), stapel.sizeHint() if stapel is not None else None,
                stapel.minimumSizeHint() if stapel is not None else None, hoeken)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.LayoutRequest:
            staat = self._huidig()
            if staat == self._staat:
                return True
            self._staat = staat
        return super().event(e)


# --- the filter bar ------------------------------------------------------------------------------------------------


class FilterBalk(QWidget):
    """Team, law and period. `gewijzigd` fires when the user asks to apply it (Enter, the button, a choice)."""

    gewijzigd = Signal()

    def __init__(self, shell: Shell, *, periode: bool = True, alle_teams: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(8)
        self.team = Keuzelijst(self)  # each widget made in the bar: styled once (ui.pages.base.ouder)
        self.team.setAccessibleName("Team")
        self.team.setMinimumWidth(230)
        teams = [t for t in shell.ops.gegeven("teams") if t.id in shell.actor.teams]
        if alle_teams and len(teams) > 1:
            self.team.addItem("Alle teams", None)
        for t in teams:
            self.team.addItem(t.naam, t.id)
        if shell.actor.team_id is not None:
            i = self.team.findData(shell.actor.team_id)
            if i >= 0:
                self.team.setCurrentIndex(i)
        self.wet = Keuzelijst(self)
        self.wet.setAccessibleName("Wet")
        self.wet.addItem("Wmo en Jeugdwet", None)
        for w in Wet:
            self.wet.addItem(w.label, w.value)
        for tekst, widget in (("&Team", self.team), ("&Wet", self.wet)):
            lab = QLabel(tekst, self)
            lab.setBuddy(widget)
            lay.addWidget(lab)
            lay.addWidget(widget)
        self.van = DatumVeld(self)
        self.tot = DatumVeld(self)
        self.van.setAccessibleName("Periode vanaf")
        self.tot.setAccessibleName("Periode tot en met")
        for w in (self.van, self.tot):
            w.setFixedWidth(110)
            w.returnPressed.connect(self.gewijzigd)
        if periode:
            lab = QLabel("&Periode", self)
            lab.setBuddy(self.van)
            lay.addSpacing(6)
            lay.addWidget(lab)
            lay.addWidget(self.van)
            lay.addWidget(QLabel("t/m", self))
            lay.addWidget(self.tot)
        else:
            self.van.hide()
            self.tot.hide()
        self.toepassen = QPushButton("&Vernieuwen", self)
        self.toepassen.setToolTip("Overzicht opnieuw berekenen met dit filter (F5)")
        self.toepassen.clicked.connect(self.gewijzigd)
        lay.addWidget(self.toepassen)
        lay.addStretch(1)
        self.team.currentIndexChanged.connect(lambda _i: self.gewijzigd.emit())
        self.wet.currentIndexChanged.connect(lambda _i: self.gewijzigd.emit())

    def filter(self) -> Filter:
        """The chosen filter; unreadable dates give a ValidatieFout naming the field."""
        fouten: dict[str, str] = {}
        datums: dict[str, dt.date | None] = {}
        for veld, w in (("van", self.van), ("tot", self.tot)):
            try:
                datums[veld] = w.datum()
            except ValueError:
                fouten[veld] = DatumVeld.FOUT
        if fouten:
            raise ValidatieFout(fouten)
        return Filter(self.team.currentData(), self.wet.currentData(), datums["van"], datums["tot"]).gecontroleerd()

    def omschrijving(self) -> str:
        """For the export's subtitle: 'Gebiedsteam Centrum · Wmo 2015 · 01-01-2026 t/m 30-06-2026'."""
        delen = [self.team.currentText(), self.wet.currentText()]
        try:
            f = self.filter()
        except ValidatieFout:
            return " · ".join(delen)
        if f.van or f.tot:
            delen.append(f"{datum_kort(f.van) if f.van else '…'} t/m {datum_kort(f.tot) if f.tot else '…'}")
        return " · ".join(delen)


# --- charts ----------------------------------------------------------------------------------------------------------


class Grafiek(QChartView):
    """A calm chart in the house colours; numbers on the axes in Dutch notation.

    `staven` and `taart` draw in a later frame (ui.widgets.InStappen), after the table beside it is shown: a chart
    built and painted in the same turn as its table stood the window still a frame longer (issue 13). Of two calls
    before it is drawn, the last one is drawn."""

    def __init__(self, titel: str = "", *, hoogte: int = 260, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(hoogte)
        self.titel = titel
        self.setAccessibleName(titel or "Grafiek")
        self._stappen = InStappen(self)
        self._opdracht = 0
        self._nieuw()

    def _later(self, teken: Callable[[], None]) -> None:
        self._opdracht += 1
        opdracht = self._opdracht
        self._stappen.voeg_toe(lambda: teken() if opdracht == self._opdracht else None)

    def _nieuw(self) -> QChart:
        c = QChart()
        c.setLocalizeNumbers(True)
        c.setLocale(NL)
        c.setBackgroundRoundness(8)
        c.setMargins(QMargins(6, 6, 6, 6))
        c.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        if self.titel:
            f = QFont()
            f.setPointSize(10)
            f.setBold(True)
            c.setTitleFont(f)
            c.setTitle(self.titel)
        c.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(c)
        return c

    def staven(self, categorieen: Sequence[str], reeksen: Sequence[tuple[str, Sequence[float]]], *,
               gestapeld: bool = False, horizontaal: bool = False, as_titel: str = "",
               formaat: str = "%.0f", grens: float | None = None) -> None:
        """Bars per category; one colour per series. `grens` draws the axis at least up to that value."""
        self._later(lambda: self._staven(categorieen, reeksen, gestapeld=gestapeld, horizontaal=horizontaal,
                                         as_titel=as_titel, formaat=formaat, grens=grens))

    def _staven(self, categorieen: Sequence[str], reeksen: Sequence[tuple[str, Sequence[float]]], *,
                gestapeld: bool, horizontaal: bool, as_titel: str, formaat: str, grens: float | None) -> None:
        c = self._nieuw()
        if horizontaal:
            serie: Any = QHorizontalStackedBarSeries() if gestapeld else QHorizontalBarSeries()
        else:
            serie = QStackedBarSeries() if gestapeld else QBarSeries()
        hoogste = 0.0
        for i, (naam, waarden) in enumerate(reeksen):
            bs = QBarSet(naam)
            bs.setColor(QColor(KLEUREN[i % len(KLEUREN)]))
            bs.setBorderColor(QColor(KLEUREN[i % len(KLEUREN)]))
            bs.append([float(w) for w in waarden])
            serie.append(bs)
            hoogste = max(hoogste, max((float(w) for w in waarden), default=0.0))
        if gestapeld and reeksen:
            hoogste = max((sum(float(r[1][j]) for r in reeksen) for j in range(len(categorieen))), default=0.0)
        c.addSeries(serie)
        cat = QBarCategoryAxis()
        cat.append(list(categorieen))
        klein = QFont()
        klein.setPointSizeF(8.5)
        cat.setLabelsFont(klein)
        val = QValueAxis()
        val.setLabelFormat(formaat)
        val.setRange(0, max(hoogste * 1.1, grens or 0, 1))
        val.applyNiceNumbers()
        if as_titel:
            val.setTitleText(as_titel)
        if horizontaal:
            c.addAxis(cat, Qt.AlignmentFlag.AlignLeft)
            c.addAxis(val, Qt.AlignmentFlag.AlignBottom)
        else:
            c.addAxis(cat, Qt.AlignmentFlag.AlignBottom)
            c.addAxis(val, Qt.AlignmentFlag.AlignLeft)
        serie.attachAxis(cat)
        serie.attachAxis(val)
        c.legend().setVisible(len(reeksen) > 1)

    def taart(self, delen: Sequence[tuple[str, float]]) -> None:
        self._later(lambda: self._taart(delen))

    def _taart(self, delen: Sequence[tuple[str, float]]) -> None:
        c = self._nieuw()
        serie = QPieSeries()
        totaal = sum(w for _, w in delen) or 1
        for i, (naam, w) in enumerate(delen):
            s = serie.append(f"{naam} ({formatting.getal(w / totaal * 100, 0)} %)", float(w))
            s.setColor(QColor(KLEUREN[i % len(KLEUREN)]))
            s.setBorderColor(QColor("#ffffff"))
        c.addSeries(serie)
        c.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)


# --- drill-down ----------------------------------------------------------------------------------------------------


ZAAK_VELDEN = [
    Veld("Cliënt", lambda z: z.client, min_breedte=160),
    Veld("Team", lambda z: z.team),
    Veld("Wet", lambda z: Wet(z.wet).label if z.wet in {w.value for w in Wet} else z.wet),
    Veld("Datum", lambda z: z.datum, Type.DATUM),
    Veld("Omschrijving", lambda z: z.omschrijving, rek=True),
    Veld("Jaarkosten", lambda z: z.jaarkosten, Type.BEDRAG),
    Veld("Aanbieder", lambda z: z.aanbieder),
]


class ZakenDialoog(QDialog):
    """The cases behind a figure. Enter or double-click opens the client's dossier."""

    def __init__(self, shell: Shell, titel: str, zaken: Sequence[Any], velden: Sequence[Veld] = ZAAK_VELDEN,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.setWindowTitle(titel)
        # As wide as a laptop screen allows: at 1000 px the dates and products of the cases were cut off and the
        # last columns needed a sideways scroll (issue 16).
        scherm = (parent.screen() if parent is not None else QGuiApplication.primaryScreen()).availableGeometry()
        self.resize(min(1300, scherm.width() - 40), min(600, scherm.height() - 40))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 14)
        lay.addWidget(kop(titel, niveau=2))
        meer = " (de eerste 2.000)" if len(zaken) >= 2000 else ""
        # a controller sees the financial picture, not dossiers: the list names the client by number only
        self.opent_dossier = getattr(shell, "actor", None) is None or shell.actor.rol is not Rol.CONTROLLER
        lay.addWidget(uitleg(f"{formatting.getal(len(zaken), 0)} {'zaak' if len(zaken) == 1 else 'zaken'}{meer}. "
                             + ("Enter of dubbelklik opent het dossier van de cliënt." if self.opent_dossier else
                                "Cliënten staan er met hun nummer in; dossiers opent u met uw rol niet.")))
        self.tabel = tabel(velden, naam=titel)
        self.tabel.zet_rijen(list(zaken))
        self.tabel.rij_geopend.connect(self._open)
        lay.addWidget(self.tabel, 1)
        self.fout = QLabel()
        self.fout.setObjectName("formulierfout")
        self.fout.setWordWrap(True)
        self.fout.hide()
        lay.addWidget(self.fout)
        self.acties = QHBoxLayout()  # subclasses add their actions here
        lay.addLayout(self.acties)
        knoppen = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        knoppen.button(QDialogButtonBox.StandardButton.Close).setText("&Sluiten")
        knoppen.rejected.connect(self.reject)
        lay.addWidget(knoppen)

    def _open(self, zaak: Any) -> None:
        heeft = getattr(self.shell, "heeft_pagina", lambda _k: False)
        if not self.opent_dossier:
            return
        if heeft("dossier"):
            self.accept()
            self.shell.open_dossier(zaak.client_id)
        else:
            self.shell.melding("Het dossierscherm is nog niet beschikbaar.", fout=True)


# --- the page frame ------------------------------------------------------------------------------------------------


class OverzichtPagina(QWidget):
    """Heading, explanation, filter bar, export buttons; subclasses fill `self.inhoud` and implement `bereken`
    (runs off the UI thread, calls the core) and `toon_data` (UI thread).

    No stall over one frame (issue 13): what a subclass does not need in the first frame it builds and shows in
    slices with `self.stappen.voeg_toe(fn)` (ui.widgets.InStappen): the rest of the screen after the frame is
    painted, a second table or a chart after the first table is shown. Data that comes back is shown after the
    steps still waiting; `bezig` stays True and `geladen` is emitted only when every step of it has run."""

    geladen = Signal()
    export_titel = "Overzicht"

    def __init__(self, shell: Shell, titel: str, toelichting: str, *, periode: bool = True,
                 alle_teams: bool = True) -> None:
        super().__init__(ouder(shell))
        self.shell = shell
        self.bezig = False
        self.data: Any = None
        self.stappen = InStappen(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 20, 28, 14)
        lay.setSpacing(10)
        kopregel = QHBoxLayout()
        # Every widget made in the page (its parent): styled once, not again when a layout moves it in (issue 13).
        kopregel.addWidget(kop(titel, parent=self), 1)
        self.status = QLabel(self)
        self.status.setObjectName("teller")
        kopregel.addWidget(self.status)
        self.xlsx_knop = QPushButton("E&xcel…", self)
        self.xlsx_knop.setToolTip("Dit overzicht opslaan als Excel-bestand (.xlsx)")
        self.csv_knop = QPushButton("&CSV…", self)
        self.csv_knop.setToolTip("Dit overzicht opslaan als CSV-bestand (puntkomma's, voor Excel)")
        self.xlsx_knop.clicked.connect(lambda: self.vraag_export("xlsx"))
        self.csv_knop.clicked.connect(lambda: self.vraag_export("csv"))
        kopregel.addWidget(self.xlsx_knop)
        kopregel.addWidget(self.csv_knop)
        lay.addLayout(kopregel)
        lay.addWidget(uitleg(toelichting, self))
        self.filterbalk = FilterBalk(shell, periode=periode, alle_teams=alle_teams, parent=self)
        self.filterbalk.gewijzigd.connect(self.vernieuw)
        lay.addWidget(self.filterbalk)
        self.fout = QLabel(self)
        self.fout.setObjectName("formulierfout")
        self.fout.setWordWrap(True)
        self.fout.hide()
        lay.addWidget(self.fout)
        self.inhoud = QVBoxLayout()
        self.inhoud.setSpacing(10)
        lay.addLayout(self.inhoud, 1)
        QShortcut(QKeySequence("Ctrl+E"), self, activated=lambda: self.vraag_export("xlsx"))
        self._eerste = True

    def deel_later(self, fn: Callable[[], None]) -> None:
        """Build a part of the screen (a card, a chart, a list) in a later frame, and let it be painted in that frame
        before the next part is built: two parts made in one turn were laid out and painted together, a frame too
        long (issue 13). The parts run in the order handed in, before the data is shown."""
        def deel() -> None:
            fn()
            InStappen.beurt_vol()

        self.stappen.voeg_toe(deel)

    # subclasses
    def bereken(self, filt: Filter) -> Any:
        raise NotImplementedError

    def toon_data(self, data: Any) -> None:
        raise NotImplementedError

    def export_tabel(self) -> Tabel:
        raise NotImplementedError

    # flow
    #: the announced changes (ui.ops.Wijziging) this overview follows
    volgt: frozenset[str] = ZAKEN

    def toon(self, **_params: Any) -> None:
        if self._eerste or self.data is None or getattr(self, "verouderd", False):
            self._eerste = False
            self.verouderd = False
            self.vernieuw()
        self._focus_op_tabel()

    def bij_wijziging(self, w: Any) -> None:
        """A case was assigned, decided or sent elsewhere: the figures are read again (now when on screen, else
        when shown next)."""
        volg_wijziging(self, w, self.volgt)

    def _focus_op_tabel(self) -> None:
        """Arriving by shortcut, the arrow keys and Enter work on the list, not on the Excel button; arriving by
        arrow keys in the menu, the focus stays in the menu."""
        nav = getattr(self.shell, "nav", None)
        if nav is not None and nav.hasFocus():
            return

        def focus() -> None:
            with contextlib.suppress(NotImplementedError):
                self.export_tabel().setFocus(Qt.FocusReason.OtherFocusReason)

        self.stappen.na_de_rest(focus)  # a list built in a later step gets the focus when it is there

    def vernieuw(self) -> None:
        try:
            filt = self.filterbalk.filter()
        except ValidatieFout as exc:
            self.toon_fout(" ".join(exc.fouten.values()))
            return
        self.fout.hide()
        self.bezig = True
        self.status.setText("Berekenen…")
        # The read starts once the screen's own steps are done (at once when none wait): a read building its result
        # in the background holds Python's GIL in turns with the GUI thread, and the steps of a screen being made
        # then stood still two to five times as long on the wall clock (issue 13). The first read also waits for
        # the paint of what those steps built (`eerste_verf`), in a turn of its own: started before it, the read
        # held the GIL in turns with that paint's Python calls (Sturing's first list: 3 ms of work, 8-15 ms still).
        self._lezing = nummer = getattr(self, "_lezing", 0) + 1

        def lees() -> None:
            if nummer != self._lezing:
                return  # asked again meanwhile (another filter or tab before the first paint): that read lands
            laad(self, lambda: self.bereken(filt), lambda data: self.stappen.na_de_rest(lambda: self._klaar(data)),
                 lambda msg: self.stappen.na_de_rest(lambda: self._mislukt(msg)))

        if not getattr(self, "_gelezen", False):
            self._gelezen = True
            self.stappen.na_de_rest(lambda: na_tekenen(self.stappen, self.eerste_verf(), lees))
        else:
            self.stappen.na_de_rest(lees)

    def eerste_verf(self) -> QWidget:
        """The widget whose paint the first read waits for, once the screen's steps are done (its list)."""
        return self

    def _klaar(self, data: Any) -> None:
        self.data = data
        self.status.setText(f"Bijgewerkt om {dt.datetime.now():%H:%M}")
        try:
            self.toon_data(data)
        finally:
            self.stappen.na_de_rest(self._gereed)

    def _gereed(self) -> None:
        self.bezig = False
        self.geladen.emit()

    def _mislukt(self, msg: str) -> None:
        self.bezig = False
        self.status.setText("")
        self.toon_fout(msg)
        self.geladen.emit()

    def toon_fout(self, msg: str) -> None:
        self.fout.setText(msg)
        self.fout.show()

    # export
    def vraag_export(self, formaat: str) -> None:
        filters = "Excel-werkmap (*.xlsx)" if formaat == "xlsx" else "CSV, puntkomma's (*.csv)"
        voorstel = str(Path.home() / f"{self.export_titel.lower().replace(' ', '-')}-{dt.date.today():%Y-%m-%d}."
                                     f"{formaat}")
        pad, _ = QFileDialog.getSaveFileName(self, "Overzicht opslaan", voorstel, filters)
        if pad:
            if not pad.lower().endswith(f".{formaat}"):
                pad += f".{formaat}"
            self.exporteer(Path(pad))

    def exporteer(self, pad: Path) -> None:
        """Write the current table to `pad` (.xlsx or .csv) off the GUI thread (ui.ops), and record the export in
        the audit log; `laatste_export` holds the path once written."""
        t = self.export_tabel()
        kolommen, rijen = export_van(t)
        ctx, actor, titel = self.shell.ctx, self.shell.actor, self.export_titel
        ondertitel = f"{titel} · {self.filterbalk.omschrijving()} · gemaakt op {datum_kort(dt.date.today())}"
        self.laatste_export: Path | None = None

        def schrijf() -> Path:
            export.schrijf(pad, titel, kolommen, rijen, ondertitel=ondertitel)
            sturing.registreer_export(ctx, actor, titel, len(rijen), pad.suffix.lstrip(".").lower())
            return pad

        def klaar(uit: Path) -> None:
            self.laatste_export = uit
            self.shell.melding(f"{titel} opgeslagen als {uit.name} ({len(rijen)} regels).")

        def fout(exc: BaseException) -> bool:
            if isinstance(exc, ConsulentFout | OSError):
                self.toon_fout(f"Opslaan is niet gelukt: {exc}")
                return True
            return False

        self.shell.ops.schrijf(self, schrijf, klaar, fout=fout)
