"""A PDF on screen with zoom: page width, whole page, smaller and larger (buttons and Ctrl++ / Ctrl+- / Ctrl+0).

QtPdf ships in its own wheel (PySide6-Pdf); callers check `HEEFT_QTPDF` and this module loads it only when a
document is first shown. The bytes stay in memory (a QBuffer): nothing is written to disk.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

HEEFT_QTPDF = importlib.util.find_spec("PySide6.QtPdf") is not None

#: Zoom steps of + and -: a factor each time, within these bounds (a factor of 1 is the page at 72 dpi x screen).
ZOOM_STAP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 5.0


def zoom_sneltoetsen(op: QWidget, weergave: Callable[[], PdfWeergave | None]) -> None:
    """Ctrl++ (also Ctrl+=, for a keyboard without a + key of its own), Ctrl+- and Ctrl+0 anywhere in `op`, for
    the view `weergave()` returns (none: nothing happens). Installed once per screen: two shortcuts on the same
    keys in one window would cancel each other out."""
    def doe(naam: str) -> None:
        w = weergave()
        if w is not None and w.isVisible():
            getattr(w, naam)()

    for toets, naam in (("Ctrl++", "groter"), ("Ctrl+=", "groter"), ("Ctrl+-", "kleiner"), ("Ctrl+0", "paginabreedte")):
        sc = QShortcut(QKeySequence(toets), op)
        sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        sc.activated.connect(lambda n=naam: doe(n))


class PdfWeergave(QWidget):
    """A multi-page view of one PDF with a zoom bar above it; opens fit to the page width."""

    def __init__(self, inhoud: bytes, parent: QWidget | None = None, *, naam: str = "Document",
                 met_venster: bool = False) -> None:
        super().__init__(parent)
        self._inhoud, self._naam = inhoud, naam
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self._zoommodus = QPdfView.ZoomMode
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        balk = QHBoxLayout()
        balk.setSpacing(4)
        # No Alt-letters here: the screens that show a PDF have used theirs; the keys are Ctrl++, Ctrl+- and Ctrl+0.
        self.breedte_knop = QPushButton("Paginabreedte")
        self.breedte_knop.setToolTip("De pagina zo breed als het venster (Ctrl+0)")
        self.pagina_knop = QPushButton("Hele pagina")
        self.pagina_knop.setToolTip("Een hele pagina in beeld")
        self.kleiner_knop = QPushButton("−")
        self.kleiner_knop.setToolTip("Kleiner (Ctrl+-)")
        self.kleiner_knop.setAccessibleName("Kleiner")
        self.groter_knop = QPushButton("+")
        self.groter_knop.setToolTip("Groter (Ctrl++)")
        self.groter_knop.setAccessibleName("Groter")
        for b in (self.breedte_knop, self.pagina_knop):
            b.setCheckable(True)
        for b in (self.kleiner_knop, self.groter_knop):
            b.setFixedWidth(34)
        for b in (self.breedte_knop, self.pagina_knop, self.kleiner_knop, self.groter_knop):
            b.setAutoDefault(False)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            balk.addWidget(b)
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("uitleg")
        self.zoom_label.setMinimumWidth(48)
        balk.addWidget(self.zoom_label)
        balk.addStretch(1)
        self.venster_knop: QPushButton | None = None
        if met_venster:
            # A side pane at 1366 x 768 shows a page at half size: this opens it as large as the screen allows.
            self.venster_knop = QPushButton("Groot…")
            self.venster_knop.setToolTip("Het document in een eigen venster, zo groot als het scherm (Ctrl+Shift+G)")
            self.venster_knop.setAutoDefault(False)
            self.venster_knop.clicked.connect(self.open_venster)
            balk.addWidget(self.venster_knop)
        self.paginas_label = QLabel()
        self.paginas_label.setObjectName("uitleg")
        # Never the reason a side pane grows: in a narrow one the page count gives way first.
        self.paginas_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.paginas_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        balk.addWidget(self.paginas_label)
        lay.addLayout(balk)

        self._data = QByteArray(inhoud)
        self._buffer = QBuffer(self)
        self._buffer.setData(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setAccessibleName(naam)
        self.view.setObjectName("pdfvoorbeeld")
        lay.addWidget(self.view, 1)
        self.setFocusProxy(self.view)
        self.view.viewport().installEventFilter(self)
        n = self.document.pageCount()
        self.paginas_label.setText(f"{n} pagina" + ("" if n == 1 else "'s"))

        self.breedte_knop.clicked.connect(self.paginabreedte)
        self.pagina_knop.clicked.connect(self.hele_pagina)
        self.kleiner_knop.clicked.connect(self.kleiner)
        self.groter_knop.clicked.connect(self.groter)
        self.view.zoomFactorChanged.connect(lambda *_a: self._toon_zoom())
        self.view.zoomModeChanged.connect(lambda *_a: self._toon_zoom())
        self.paginabreedte()

    # --- zoom --------------------------------------------------------------------------------------------------

    def paginabreedte(self) -> None:
        self.view.setZoomMode(self._zoommodus.FitToWidth)
        self._toon_zoom()

    def hele_pagina(self) -> None:
        self.view.setZoomMode(self._zoommodus.FitInView)
        self._toon_zoom()

    def groter(self) -> None:
        self._zoom(self.zoomfactor() * ZOOM_STAP)

    def kleiner(self) -> None:
        self._zoom(self.zoomfactor() / ZOOM_STAP)

    def zoomfactor(self) -> float:
        """The factor in use; in a fit mode the one that fits now (QPdfView keeps its custom factor then)."""
        modus = self.view.zoomMode()
        if modus == self._zoommodus.Custom or self.document.pageCount() == 0:
            return float(self.view.zoomFactor())
        # As QPdfView computes it: the first page at the screen's resolution against the viewport minus margins.
        schaal = self.view.logicalDpiX() / 72.0
        pagina = self.document.pagePointSize(0) * schaal
        marge = self.view.documentMargins()
        vp = self.view.viewport().size()
        if pagina.width() <= 0 or pagina.height() <= 0:
            return float(self.view.zoomFactor())
        breed = (vp.width() - marge.left() - marge.right()) / pagina.width()
        if modus == self._zoommodus.FitToWidth:
            return max(ZOOM_MIN, breed)
        return max(ZOOM_MIN, min(breed, (vp.height() - marge.top() - marge.bottom()) / pagina.height()))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if obj is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._toon_zoom()  # a fit mode's factor follows the window
        return False

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(self._zoommodus.Custom)
        self.view.setZoomFactor(max(ZOOM_MIN, min(ZOOM_MAX, factor)))
        self._toon_zoom()

    def _toon_zoom(self) -> None:
        modus = self.view.zoomMode()
        self.breedte_knop.setChecked(modus == self._zoommodus.FitToWidth)
        self.pagina_knop.setChecked(modus == self._zoommodus.FitInView)
        self.zoom_label.setText(f"{round(self.zoomfactor() * 100)} %")
        self.kleiner_knop.setEnabled(self.zoomfactor() > ZOOM_MIN + 1e-6)
        self.groter_knop.setEnabled(self.zoomfactor() < ZOOM_MAX - 1e-6)

    def open_venster(self) -> PdfVenster:
        self.venster = PdfVenster(self._naam, self._inhoud, self)
        self.venster.open()
        return self.venster


class PdfVenster(QDialog):
    """A PDF in its own window, as large as the screen allows, fit to the page width; zoom as in PdfWeergave."""

    def __init__(self, titel: str, pdf: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(titel)
        # Never taller than a laptop screen (1366 x 768), or the Close button vanishes below it.
        scherm = (parent.screen() if parent is not None else QGuiApplication.primaryScreen()).availableGeometry()
        self.resize(min(1000, scherm.width() - 40), scherm.height() - 40)
        lay = QVBoxLayout(self)
        self.weergave = PdfWeergave(pdf, self, naam=titel)
        self.view = self.weergave.view
        self.doc = self.weergave.document
        lay.addWidget(self.weergave, 1)
        zoom_sneltoetsen(self, lambda: self.weergave)
        knoppen = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        knoppen.button(QDialogButtonBox.StandardButton.Close).setText("&Sluiten")
        knoppen.rejected.connect(self.reject)
        lay.addWidget(knoppen)
        self.setFocusProxy(self.weergave)
