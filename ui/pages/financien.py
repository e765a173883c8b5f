"""Financiën for team leaders and the controller: budget, obligations, invoiced, prognosis and the difference, as a chart and a table.

Every figure is computed off the GUI thread (the page frame's loader, ui.ops for writes); a row opens the
provisions behind it; the table exports to Excel with real types. The prognosis method is the one in
consulent_app/financien/prognose.py (README, "Financiën").
"""

from __future__ import annotations

import datetime as dt
import html
import math
from decimal import Decimal
from typing import Any

from PySide6.QtCharts import (
    QAreaSeries,
    QCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from consulent_app import codelists, formatting
from consulent_app.domain import Rol, Wet
from consulent_app.errors import ValidatieFout
from consulent_app.export import Type
from consulent_app.services import financien
from consulent_app.services.overzicht import Filter
from ui.pages._overzicht import KLEUREN, NL, OverzichtPagina, Veld, ZakenDialoog, tabel
from ui.pages.base import PageSpec, Shell
from ui.tablemodels import Tabel
from ui.widgets import (
    Formulier,
    Keuzelijst,
    ctrl_enter_bevestigt,
    een_keer_getekend,
    kop,
    laad,
    telt_als_tekenen,
    uitleg,
)

MAANDEN = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]

def _euro(x: Any) -> str:
    """Whole euros on screen ('€ 82.192', '€ -1.234'); the export keeps the cents. As formatting.bedrag of the
    rounded amount without its ',00', through babel's whole-number pattern: a third of the time of the currency
    format, for the hundred amounts the list shows when its data comes (issue 13)."""
    return "–" if x is None else "€ " + formatting.getal(Decimal(x).quantize(Decimal(1)), 0)


REGEL_VELDEN = [
    Veld("Indeling", lambda r: r.label, rek=True, min_breedte=270, tooltip=lambda r: r.label),
    Veld("Budget", lambda r: r.budget, Type.BEDRAG, tekst=_euro),
    Veld("Verplicht", lambda r: r.verplichting, Type.BEDRAG, tekst=_euro,
         tooltip=lambda r: "Verplichtingen: tarief × omvang × het deel van de looptijd in dit jaar"),
    Veld("Gedeclareerd", lambda r: r.gedeclareerd, Type.BEDRAG, tekst=_euro,
         tooltip=lambda r: "Goedgekeurde declaraties tot nu toe"),
    Veld("Nog te komen", lambda r: r.prognose.nog_te_declareren, Type.BEDRAG, tekst=_euro,
         tooltip=lambda r: "Nog te declareren over de verstreken maanden (geleerd van vorig jaar)"),
    Veld("Rest jaar", lambda r: r.prognose.verplichtingen_rest, Type.BEDRAG, tekst=_euro,
         tooltip=lambda r: "Verplichtingen van morgen tot 31 december × het deel dat vorig jaar werd gedeclareerd"),
    Veld("Nieuw", lambda r: r.prognose.nieuw, Type.BEDRAG, tekst=_euro,
         tooltip=lambda r: "Verwachte nieuwe voorzieningen (instroom van de laatste 12 maanden, met seizoen)"),
    Veld("Pgb", lambda r: r.prognose.pgb, Type.BEDRAG, tekst=_euro),
    Veld("Prognose", lambda r: r.prognose.totaal, Type.BEDRAG, tekst=_euro),
    Veld("Verschil", lambda r: r.verschil, Type.BEDRAG, tekst=_euro,
         pil=lambda r: "rood" if r.verschil is not None and r.verschil < 0 else None,
         tooltip=lambda r: "Budget min prognose; negatief is een tekort"),
]

ZAAK_VELDEN = [
    Veld("Cliënt", lambda z: z.client, min_breedte=160),
    Veld("Team", lambda z: z.team, min_breedte=170),
    Veld("Product", lambda z: z.product, rek=True, min_breedte=200),
    Veld("Aanbieder", lambda z: z.aanbieder or "pgb", min_breedte=170),
    Veld("Start", lambda z: z.startdatum, Type.DATUM),
    Veld("Einde", lambda z: z.einddatum, Type.DATUM),
    Veld("Verplichting dit jaar", lambda z: z.verplichting, Type.BEDRAG),
    Veld("Gedeclareerd", lambda z: z.gedeclareerd, Type.BEDRAG),
]


MAAND_VELDEN = [*ZAAK_VELDEN[:6],
                # the dialog's title names the month: short headers leave the names their room
                Veld("Verplichting", lambda z: z.verplichting, Type.BEDRAG,
                     tooltip=lambda z: "Verplichting in deze maand"),
                Veld("Gedeclareerd", lambda z: z.gedeclareerd, Type.BEDRAG,
                     tooltip=lambda z: "Goedgekeurd gedeclareerd voor deze maand")]


HISTORIE_VELDEN = [
    Veld("Ingevoerd op", lambda b: b.ingevoerd_op.date(), Type.DATUM),
    Veld("Door", lambda b: b.ingevoerd_door or "-"),
    Veld("Bedrag", lambda b: b.bedrag, Type.BEDRAG),
    Veld("Bron", lambda b: "Excel-import" if b.bron == "import" else "Ingevoerd"),
    Veld("Toelichting", lambda b: b.toelichting or "", rek=True),
]


def _f(x: Decimal | float | None) -> float:
    return float(x or 0)


MAAND_NAMEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
               "november", "december"]


class FinGrafiek(QChartView):
    """Cumulative per month: invoiced so far and obligations; the budget as a line; the prognosis as a band.

    A click on a month (a point, or anywhere above that month) opens the provisions behind it; with the keyboard,
    the arrow keys choose a month (marked on the chart) and Enter opens it."""

    maand_gekozen = Signal(int)

    #: The chart's least height; under LAAG it is laid out low (the legend beside the plot, three steps up the axis).
    LAAG_MIN = 148
    LAAG = 220

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Low enough that at 768 px of window height the list under it keeps three rows and more (at 230 it kept
        # two); so low, the legend goes beside the plot and the axis has fewer steps (_vorm).
        self.setMinimumHeight(self.LAAG_MIN)
        self.setAccessibleName("Grafiek budget, gedeclareerd, verplichtingen en prognose")
        self.setAccessibleDescription("Klik op een maand, of kies er een met de pijltjestoetsen en druk op Enter, "
                                      "voor de voorzieningen achter die maand.")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Klik op een maand voor de voorzieningen erachter (of ← → en Enter)")
        self.setChart(QChart())
        self.gekozen: int | None = None
        self._ov: financien.FinancienOverzicht | None = None
        self._marker: QScatterSeries | None = None
        self._schaal = 1.0
        self._laag: bool | None = None
        self._y_max = 1.0

    def _vorm(self, c: QChart, *, nieuw: bool = False) -> None:
        """Low (a small window): the legend to the right of the plot and fewer steps up the axis, so the plot keeps
        room for its lines and its labels are not cut; else the legend under it, as drawn at 1080 px."""
        laag = self.height() < self.LAAG
        if laag == self._laag and not nieuw:
            return
        self._laag = laag
        c.legend().setAlignment(Qt.AlignmentFlag.AlignRight if laag else Qt.AlignmentFlag.AlignBottom)
        for as_ in c.axes(Qt.Orientation.Vertical):
            if isinstance(as_, QValueAxis):
                as_.setTickCount(4 if laag else 5)  # 5: Qt's own
                as_.setRange(0, self._y_max)
                as_.applyNiceNumbers()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        if self._ov is not None:
            self._vorm(self.chart())

    def maand_op(self, x: float) -> int:
        """The month a chart x belongs to: month i spans (i-1, i], its point sits at i (the end of the month)."""
        return min(12, max(1, math.ceil(x - 1e-9)))

    def kies(self, maand: int) -> None:
        """Mark a month (keyboard): a dot on the obligations line, and the accessible name says which."""
        self.gekozen = min(12, max(1, maand))
        if self._marker is not None and self._ov is not None and self._ov.maanden:
            punt = self._ov.maanden[self.gekozen - 1]
            self._marker.clear()
            self._marker.append(float(self.gekozen), _f(punt.verplichting_cumulatief) / self._schaal)
        self.setAccessibleName(f"Grafiek Financiën, gekozen maand: {MAAND_NAMEN[self.gekozen - 1]}")

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt)
        if event.button() == Qt.MouseButton.LeftButton and self._ov is not None:
            pos = self.mapToScene(event.position().toPoint())
            vlak = self.chart().plotArea()
            if vlak.contains(pos):
                waarde = self.chart().mapToValue(self.chart().mapFromScene(pos))
                self.kies(self.maand_op(waarde.x()))
                self.maand_gekozen.emit(self.gekozen)
                return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        k = event.key()
        if self._ov is not None and k in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End):
            huidig = self.gekozen or (0 if k == Qt.Key.Key_Right else 13)
            nieuw = {Qt.Key.Key_Left: huidig - 1, Qt.Key.Key_Right: huidig + 1, Qt.Key.Key_Home: 1,
                     Qt.Key.Key_End: 12}[Qt.Key(k)]
            self.kies(nieuw)
            return
        if self._ov is not None and k in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.gekozen:
            self.maand_gekozen.emit(self.gekozen)
            return
        super().keyPressEvent(event)

    def toon(self, ov: financien.FinancienOverzicht) -> None:
        self._ov = ov
        c = QChart()
        c.setLocalizeNumbers(True)
        c.setLocale(NL)
        c.setMargins(QMargins(6, 6, 6, 6))
        c.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        c.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        schaal = 1_000_000.0 if _f(ov.totaal.prognose.totaal) >= 5_000_000 else 1_000.0
        self._schaal = schaal
        eenheid = "mln €" if schaal == 1_000_000 else "× € 1.000"

        def lijn(naam: str, punten: list[tuple[float, float]], kleur: str, *, stippel: bool = False) -> QLineSeries:
            s = QLineSeries()
            s.setName(naam)
            for x, y in punten:
                s.append(x, y / schaal)
            pen = QPen(QColor(kleur))
            pen.setWidthF(2.2)
            if stippel:
                pen.setStyle(Qt.PenStyle.DashLine)
            s.setPen(pen)
            c.addSeries(s)
            return s

        if ov.peildatum.year < ov.jaar:
            peil_x = 0.0
        elif ov.peildatum.year > ov.jaar or ov.peildatum == dt.date(ov.jaar, 12, 31):
            peil_x = 12.0
        else:
            dagen = (dt.date(ov.jaar, ov.peildatum.month, 1) + dt.timedelta(days=32)).replace(day=1) - \
                dt.timedelta(days=1)
            peil_x = ov.peildatum.month - 1 + ov.peildatum.day / dagen.day
        gedecl = [(float(i + 1), _f(p.gedeclareerd_cumulatief)) for i, p in enumerate(ov.maanden) if i + 1 <= peil_x]
        if ov.maanden and peil_x > (gedecl[-1][0] if gedecl else 0.0):
            gedecl.append((peil_x, _f(ov.maanden[-1].gedeclareerd_cumulatief)))
        reeksen = [lijn("Gedeclareerd", [(0.0, 0.0), *gedecl], KLEUREN[0]),
                   lijn("Verplichtingen", [(0.0, 0.0)] + [(float(i + 1), _f(p.verplichting_cumulatief))
                                                          for i, p in enumerate(ov.maanden)], KLEUREN[1])]
        for r in reeksen:  # the month's points show where to click
            r.setPointsVisible(True)
        if ov.totaal.budget is not None:
            volledig = all(r.budget is not None for r in ov.regels)
            reeksen.append(lijn("Budget" if volledig else "Budget (ingevoerde regels)",
                                [(0.0, _f(ov.totaal.budget)), (12.0, _f(ov.totaal.budget))], KLEUREN[4],
                                stippel=True))
        p = ov.totaal.prognose
        start = gedecl[-1] if gedecl else (0.0, 0.0)
        # The band's two edges belong to the chart: QAreaSeries does not own them, and as plain locals Python deleted
        # them when this method returned, so the next layout of the band (the window resized) crashed the program.
        boven, onder = QLineSeries(c), QLineSeries(c)
        for s, teken in ((boven, 1), (onder, -1)):
            s.append(QPointF(start[0], start[1] / schaal))
            s.append(QPointF(12.0, (_f(p.totaal) + teken * _f(p.band)) / schaal))
        band = QAreaSeries(boven, onder)
        band.setName("Prognose (band)")
        kleur = QColor(KLEUREN[2])
        kleur.setAlpha(90)
        band.setBrush(kleur)
        band.setPen(QPen(QColor(KLEUREN[2])))
        c.addSeries(band)
        reeksen.append(band)
        x = QCategoryAxis()
        x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        for i, naam in enumerate(MAANDEN, start=1):
            x.append(naam, float(i))
        x.setRange(0, 12)
        y = QValueAxis()
        hoogste = max([_f(ov.totaal.budget), _f(p.totaal) + _f(p.band), _f(ov.totaal.verplichting)]) / schaal
        self._y_max = max(hoogste * 1.08, 1)  # made nice for the chart's height (_vorm)
        y.setLabelFormat("%.0f")
        y.setTitleText(eenheid)
        # The last month's label ("dec") is centred on the plot's right edge: half of it would fall outside the
        # chart with the margin of the other sides, so the right margin makes room for it.
        half = QFontMetrics(x.labelsFont()).horizontalAdvance(MAANDEN[-1]) // 2
        c.setMargins(QMargins(6, 6, max(6, half + 6), 6))
        marker = QScatterSeries()
        marker.setName("Gekozen maand")
        marker.setMarkerSize(13.0)
        marker.setColor(QColor(KLEUREN[1]))
        marker.setBorderColor(QColor("#222222"))
        c.addSeries(marker)
        reeksen.append(marker)
        self._marker = marker
        c.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        c.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for s in reeksen:
            s.attachAxis(x)
            s.attachAxis(y)
        for lm in c.legend().markers(marker):
            lm.setVisible(False)
        self._vorm(c, nieuw=True)
        self.setChart(c)
        if self.gekozen is not None:
            self.kies(self.gekozen)


class BudgetDialoog(QDialog):
    """Enter one budget (year, law, product category, amount); errors appear at the field, input stays."""

    def __init__(self, pagina: Financien, jaar: int) -> None:
        super().__init__(pagina)
        self.pagina = pagina
        self.setWindowTitle("Budget invoeren")
        lay = QVBoxLayout(self)
        lay.addWidget(kop("Budget invoeren", niveau=2))
        lay.addWidget(uitleg("Het budget per jaar, wet en productcategorie. Het vorige bedrag blijft bewaard in de "
                             "historie."))
        self.form = Formulier()
        self.jaar = QSpinBox()
        self.jaar.setRange(2000, 2100)
        self.jaar.setValue(jaar)
        self.wet = Keuzelijst()
        for w in Wet:
            self.wet.addItem(w.label, w.value)
        self.categorie = Keuzelijst()
        self.bedrag = QLineEdit()
        self.bedrag.setPlaceholderText("bijvoorbeeld 1.250.000")
        self.toelichting = QLineEdit()
        self.form.voeg_toe("jaar", "&Jaar", self.jaar)
        self.form.voeg_toe("wet", "&Wet", self.wet)
        self.form.voeg_toe("productcategorie", "&Productcategorie", self.categorie)
        self.form.voeg_toe("bedrag", "&Bedrag (€)", self.bedrag)
        self.form.voeg_toe("toelichting", "&Toelichting", self.toelichting)
        lay.addWidget(self.form)
        self.wet.currentIndexChanged.connect(lambda _i: self._categorieen())
        self._categorieen()
        knoppen = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        knoppen.button(QDialogButtonBox.StandardButton.Save).setText("&Opslaan")
        knoppen.button(QDialogButtonBox.StandardButton.Cancel).setText("&Annuleren")
        knoppen.accepted.connect(self._opslaan)
        knoppen.rejected.connect(self.reject)
        ctrl_enter_bevestigt(self, knoppen.button(QDialogButtonBox.StandardButton.Save))
        lay.addWidget(knoppen)

    def _categorieen(self) -> None:
        self.categorie.clear()
        for code, naam in codelists.productcategorieen(Wet(self.wet.currentData())).items():
            self.categorie.addItem(f"{code} {naam}", code)

    def _opslaan(self) -> None:
        shell = self.pagina.shell
        jaar, wet, cat = self.jaar.value(), self.wet.currentData(), self.categorie.currentData()
        bedrag, tl = self.bedrag.text(), self.toelichting.text()

        def fout(exc: BaseException) -> bool:
            if isinstance(exc, ValidatieFout):
                self.form.toon_fouten(exc.fouten)
                return True
            return False

        shell.ops.schrijf(self, lambda: financien.stel_budget_vast(shell.ctx, shell.actor, jaar, wet, cat, bedrag,
                                                                   tl or None),
                          lambda _id: (self.accept(), self.pagina.vernieuw(),
                                       shell.melding("Budget opgeslagen.")), fout=fout)


class Financien(OverzichtPagina):
    export_titel = "Financiën"

    def __init__(self, shell: Shell) -> None:
        super().__init__(
            shell, "Financiën",
            "Budget, verplichtingen, gedeclareerde kosten en de prognose voor het einde van het jaar, per wet, "
            "productcategorie, product, aanbieder of team. Prognose = gedeclareerd + nog te declareren over de "
            "verstreken maanden + verplichtingen rest van het jaar + verwachte nieuwe voorzieningen + pgb. "
            "Dubbelklik op een regel, of klik op een maand in de grafiek (← → en Enter), voor de voorzieningen "
            "erachter.", periode=False)
        # the budget is the municipality's: who serves every team starts with all of them, so it is compared
        alle = self.filterbalk.team.findData(None)
        if alle >= 0:
            self.filterbalk.team.blockSignals(True)
            self.filterbalk.team.setCurrentIndex(alle)
            self.filterbalk.team.blockSignals(False)
        balk = QHBoxLayout()
        self.jaar = QSpinBox()
        self.jaar.setRange(2015, 2100)
        self.jaar.setValue(dt.date.today().year)
        self.jaar.setAccessibleName("Begrotingsjaar")
        self.dimensie = Keuzelijst()
        self.dimensie.setAccessibleName("Indeling")
        for key, label in financien.DIMENSIES.items():
            self.dimensie.addItem(label, key)
        self.dimensie.setCurrentIndex(self.dimensie.findData("productcategorie"))
        for tekst, w in (("&Jaar", self.jaar), ("In&deling", self.dimensie)):
            lab = QLabel(tekst)
            lab.setBuddy(w)
            balk.addWidget(lab)
            balk.addWidget(w)
        self.budget_knop = QPushButton("Budget i&nvoeren…")
        self.import_knop = QPushButton("Budget &importeren…")
        self.import_knop.setToolTip("Een Excel-bestand met de kolommen Jaar, Wet, Productcategorie en Bedrag")
        self.historie_knop = QPushButton("Budget&historie…")
        self.historie_knop.setToolTip("Alle bedragen die het budget van de gekozen productcategorie had: wie, wanneer")
        balk.addSpacing(12)
        balk.addWidget(self.budget_knop)
        balk.addWidget(self.import_knop)
        balk.addWidget(self.historie_knop)
        balk.addStretch(1)
        self.inhoud.addLayout(balk)
        self.samenvatting = QLabel()
        self.samenvatting.setWordWrap(True)
        self.samenvatting.setTextFormat(Qt.TextFormat.RichText)
        self.inhoud.addWidget(self.samenvatting)
        self.jaar.valueChanged.connect(lambda _v: self.vernieuw())
        self.dimensie.currentIndexChanged.connect(lambda _i: self.vernieuw())
        self.budget_knop.clicked.connect(lambda: BudgetDialoog(self, self.jaar.value()).exec())
        self.import_knop.clicked.connect(self._importeer)
        self.historie_knop.clicked.connect(self._historie)
        # The chart, then the list, each in a frame of its own after the page's (issue 13).
        self.deel_later(self._bouw_grafiek)
        self.deel_later(self._bouw_lijst)

    def _bouw_grafiek(self) -> None:
        # Top-down, each widget made in its parent: styled once (ui.pages.base.ouder).
        self._splitter = splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.inhoud.addWidget(splitter, 1)
        self.grafiek = FinGrafiek(splitter)
        splitter.addWidget(self.grafiek)
        telt_als_tekenen(self.grafiek.viewport())  # no step of the page's loading in the turn of its paint
        self.grafiek.maand_gekozen.connect(self._open_maand)

    def _bouw_lijst(self) -> None:
        splitter = self._splitter
        onder = QWidget(splitter)
        splitter.addWidget(onder)
        ol = QVBoxLayout(onder)
        ol.setContentsMargins(0, 0, 0, 0)
        self.tabel: Tabel = tabel(REGEL_VELDEN, naam="Financiën", parent=onder)
        self.tabel.smalle_koppen = True  # at 1366x768 its ten columns scrolled sideways by the sort arrows' room
        self.tabel.rij_geopend.connect(self._open)
        telt_als_tekenen(self.tabel.viewport())
        self.signalen = QLabel(onder)
        self.signalen.setWordWrap(True)
        self.signalen.setTextFormat(Qt.TextFormat.RichText)
        self.signalen.linkActivated.connect(self._open_signaal)
        self._signalen: list[financien.Signaal] = []
        ol.addWidget(self.tabel, 1)
        ol.addWidget(self.signalen)
        splitter.setSizes([260, 420])

    # --- data --------------------------------------------------------------------------------------------------

    def bereken(self, filt: Filter) -> Any:
        ctx, actor = self.shell.ctx, self.shell.actor
        jaar, dim = self.jaar.value(), self.dimensie.currentData()
        ov = financien.overzicht(ctx, actor, jaar, dim, filt)
        return ov, financien.signalen(ctx, actor, jaar, filt, per_categorie=ov if dim == "productcategorie" else None)

    def toon_data(self, data: Any) -> None:
        ov, signalen = data
        with een_keer_getekend(self.tabel):  # its new rows and column widths painted once, not twice
            self.tabel.zet_rijen(ov.regels)
        self.stappen.voeg_toe(lambda: self.grafiek.toon(ov))  # the chart after the list is painted (issue 13)
        p = ov.totaal.prognose
        b = formatting.bedrag
        delen = [f"<b>Prognose {ov.jaar}: {b(p.totaal)}</b> (± {b(p.band)})"]
        met_budget = [r for r in ov.regels if r.budget is not None]
        if met_budget:
            budget = sum((r.budget or Decimal(0) for r in met_budget), Decimal(0))
            prog = sum((r.prognose.totaal for r in met_budget), Decimal(0))
            verschil = budget - prog
            kleur = "#b23b3b" if verschil < 0 else "#2f6b43"
            waar = "" if len(met_budget) == len(ov.regels) else \
                f" (voor {len(met_budget)} van de {len(ov.regels)} regels; daar is de prognose {b(prog)})"
            delen.append(f"budget {b(budget)}{waar}, verschil <span style='color:{kleur}'>{b(verschil)}</span>")
        elif ov.dimensie not in ("wet", "productcategorie"):
            delen.append("budgetten staan per wet en productcategorie; kies die indeling om ze te vergelijken")
        elif not ov.alle_teams:
            delen.append("het budget geldt voor de hele gemeente: het wordt alleen met alle teams samen vergeleken")
        delen.append(f"= gedeclareerd {b(p.gedeclareerd)} + nog te declareren {b(p.nog_te_declareren)} + rest "
                     f"van het jaar {b(p.verplichtingen_rest)} + verwacht nieuw {b(p.nieuw)} + pgb {b(p.pgb)}")
        leer = ov.methode
        if leer is not None and (leer.binnen or leer.realisatiegraad is not None):
            f2, f3 = leer.binnen.get(2), leer.binnen.get(3)
            r = leer.realisatiegraad
            uitleg_leer = []
            if f2 is not None:
                uitleg_leer.append(f"van een maand was na 2 maanden {formatting.getal(f2 * 100, 0)} % gedeclareerd"
                                   + (f", na 3 maanden {formatting.getal(f3 * 100, 0)} %" if f3 is not None else ""))
            if r is not None:
                uitleg_leer.append(f"{formatting.getal(r * 100, 0)} % van de verplichtingen werd gedeclareerd")
            delen.append(f"<span style='color:#555'>Geleerd uit {leer.jaar}: {'; '.join(uitleg_leer)}.</span>")
        else:
            delen.append("<span style='color:#555'>Nog geen declaraties van vorig jaar: de prognose rekent met "
                         "de volle verplichtingen.</span>")
        self.samenvatting.setText("<br>".join(delen))
        if signalen:
            regels = []
            for i, sg in enumerate(signalen[:8]):
                tekst = html.escape(sg.tekst)
                regels.append(f"• <a href='{i}'>{tekst}</a>")
            self._signalen = signalen[:8]
            self.signalen.setText("<b>Signalen</b> (klik voor de voorzieningen)<br>" + "<br>".join(regels))
            self.signalen.show()
        else:
            self.signalen.hide()

    def export_tabel(self) -> Tabel:
        return self.tabel

    # --- actions -------------------------------------------------------------------------------------------------

    def _geldig_filter(self) -> Any:
        """The filter bar's filter, or None after showing why it is not valid (the drill-downs' shared start)."""
        try:
            return self.filterbalk.filter()
        except ValidatieFout as exc:
            self.toon_fout(exc.bericht)
            return None

    def _open(self, regel: financien.FinRegel) -> None:
        ctx, actor = self.shell.ctx, self.shell.actor
        jaar, dim = self.jaar.value(), self.dimensie.currentData()
        filt = self._geldig_filter()
        if filt is None:
            return
        laad(self, lambda: financien.zaken(ctx, actor, jaar, dim, regel.sleutel, filt),
             lambda zaken: ZakenDialoog(self.shell, f"{regel.label}: voorzieningen {jaar}", zaken, ZAAK_VELDEN,
                                        self).exec(), self.toon_fout)

    def _open_maand(self, maand: int) -> None:
        """The chart's month: the provisions with an obligation in it (every row), what was invoiced for it."""
        ctx, actor = self.shell.ctx, self.shell.actor
        jaar, dim = self.jaar.value(), self.dimensie.currentData()
        filt = self._geldig_filter()
        if filt is None:
            return
        laad(self, lambda: financien.zaken(ctx, actor, jaar, dim, None, filt, maand=maand),
             lambda zaken: ZakenDialoog(self.shell, f"Voorzieningen {MAAND_NAMEN[maand - 1]} {jaar}", zaken,
                                        MAAND_VELDEN, self).exec(), self.toon_fout)

    def _open_signaal(self, nummer: str) -> None:
        sg = self._signalen[int(nummer)] if nummer.isdigit() and int(nummer) < len(self._signalen) else None
        if sg is None:
            return
        ctx, actor = self.shell.ctx, self.shell.actor
        filt = self._geldig_filter()
        if filt is None:
            return
        jaar = self.jaar.value()
        if sg.soort == "niet_gedeclareerd":
            laad(self, lambda: financien.niet_gedeclareerd_zaken(ctx, actor, filt),
                 lambda zaken: ZakenDialoog(self.shell, "Toewijzingen zonder declaratie", zaken, ZAAK_VELDEN,
                                            self).exec(), self.toon_fout)
        elif sg.soort == "boven_budget":
            laad(self, lambda: financien.zaken(ctx, actor, jaar, "productcategorie", sg.sleutel, filt),
                 lambda zaken: ZakenDialoog(self.shell, f"Boven budget: voorzieningen {jaar}", zaken, ZAAK_VELDEN,
                                            self).exec(), self.toon_fout)
        else:  # a provider's signal: the provisions it delivers, with what it invoiced
            naam = sg.tekst.split(" declareerde", 1)[0]
            laad(self, lambda: financien.zaken(ctx, actor, jaar, "aanbieder", sg.sleutel, filt),
                 lambda zaken: ZakenDialoog(self.shell, f"{naam}: voorzieningen {jaar}", zaken, ZAAK_VELDEN,
                                            self).exec(), self.toon_fout)

    def _historie(self) -> None:
        regel = self.tabel.huidige_rij()
        if regel is None or self.dimensie.currentData() != "productcategorie" or ":" not in regel.sleutel:
            self.toon_fout("Kies de indeling Productcategorie en een regel; budgetten staan per productcategorie.")
            return
        wet, cat = regel.sleutel.split(":", 1)
        ctx, actor, jaar = self.shell.ctx, self.shell.actor, self.jaar.value()
        laad(self, lambda: financien.budget_historie(ctx, actor, jaar, wet, cat),
             lambda rijen: ZakenDialoog(self.shell, f"Budgethistorie {regel.label} {jaar}", rijen, HISTORIE_VELDEN,
                                        self).exec(), self.toon_fout)

    def _importeer(self) -> None:
        pad, _ = QFileDialog.getOpenFileName(self, "Budget importeren", "", "Excel-werkmap (*.xlsx)")
        if not pad:
            return
        shell = self.shell
        shell.ops.schrijf(self, lambda: financien.importeer_budgetten(shell.ctx, shell.actor, pad),
                          lambda n: (shell.melding(f"{n} budgetregels geïmporteerd."), self.vernieuw()),
                          fout=lambda exc: (self.toon_fout(str(exc)), True)[1] if isinstance(exc, ValidatieFout)
                          else False)


PAGE = PageSpec(
    key="financien", titel="Financiën", rollen=(Rol.TEAMLEIDER, Rol.CONTROLLER), maak=Financien, volgorde=17,
    home_voor=(Rol.CONTROLLER,),
    sneltoets="Ctrl+0", extra={"icoon": "werk"},
)
