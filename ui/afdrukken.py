"""Printing PDFs on a real printer: QtPdf renders each page, QPainter draws it on the QPrinter.

Each letter (with its enclosures) is its own print job, so when a printer fails halfway we know exactly which
letters came out: the jobs that were finished. Runs in a worker thread (painting on a QPrinter is allowed there).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QImage, QPaintDevice, QPainter

if TYPE_CHECKING:  # QtPdf and QtPrintSupport load when something is printed, not with the screens
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

# Enough for crisp text on office laser printers, small enough to keep one page image ~ 16 MB.
MAX_DPI = 200


class PrintDoel(Protocol):
    """Where pages go: a real QPrinter, or a fake one in tests."""

    def begin(self, naam: str) -> QPaintDevice | None: ...
    def nieuwe_pagina(self) -> bool: ...
    def einde(self) -> bool: ...


class QPrinterDoel:
    """A QPrinter; one job per `begin`/`einde`."""

    def __init__(self, printer: QPrinter) -> None:
        self.printer = printer
        self.painter: QPainter | None = None

    def begin(self, naam: str) -> QPaintDevice | None:
        self.printer.setDocName(naam)
        self.printer.setFullPage(True)
        return self.printer

    def nieuwe_pagina(self) -> bool:
        return bool(self.printer.newPage())

    def einde(self) -> bool:
        from PySide6.QtPrintSupport import QPrinter

        return self.printer.printerState() != QPrinter.PrinterState.Error


@dataclass
class PrintUitkomst:
    afgedrukt: list[int] = field(default_factory=list)  # ids of letters whose job finished
    niet_afgedrukt: list[int] = field(default_factory=list)
    fout: str | None = None
    geannuleerd: bool = False


def druk_af(pdf: Path, bereiken: Sequence[tuple[int, int, int]], doel: PrintDoel, *,
            namen: dict[int, str] | None = None, progress: Callable[[int, int, str], None] | None = None,
            is_cancelled: Callable[[], bool] | None = None) -> PrintUitkomst:
    """Print page ranges of `pdf` as separate jobs: `bereiken` = (id, first page, last page), 1-based, inclusive."""
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(pdf))
    uit = PrintUitkomst()
    if doc.status() != QPdfDocument.Status.Ready:
        uit.fout = "Het printbestand kon niet worden geopend."
        uit.niet_afgedrukt = [b[0] for b in bereiken]
        return uit
    totaal = sum(last - first + 1 for _, first, last in bereiken)
    gedaan = 0
    for n, (ident, first, last) in enumerate(bereiken):
        naam = (namen or {}).get(ident, str(ident))
        if is_cancelled and is_cancelled():
            uit.geannuleerd = True
            uit.niet_afgedrukt.extend(b[0] for b in bereiken[n:])
            break
        apparaat = doel.begin(naam)
        painter = QPainter()
        if apparaat is None or not painter.begin(apparaat):
            uit.fout = f"De printer is niet bereikbaar (bij brief {naam})."
            uit.niet_afgedrukt.extend(b[0] for b in bereiken[n:])
            break
        gelukt = True
        for i, pagina in enumerate(range(first, last + 1)):
            if progress:
                progress(gedaan, totaal, f"Afdrukken: brief {n + 1} van {len(bereiken)} ({naam})")
            if i > 0 and not doel.nieuwe_pagina():
                gelukt = False
                break
            _teken(painter, doc, pagina - 1, apparaat)
            gedaan += 1
        klaar = painter.end()
        if not klaar or not doel.einde() or not gelukt:
            uit.fout = f"De printer gaf een fout tijdens brief {naam}."
            uit.niet_afgedrukt.extend(b[0] for b in bereiken[n:])
            break
        uit.afgedrukt.append(ident)
    doc.close()
    return uit


def _teken(painter: QPainter, doc: QPdfDocument, index: int, apparaat: QPaintDevice) -> None:
    """One PDF page scaled to fit the paper, centred, at most MAX_DPI."""
    punten = doc.pagePointSize(index)
    dpi = min(apparaat.logicalDpiX(), MAX_DPI) if apparaat.logicalDpiX() > 0 else MAX_DPI
    grootte = QSize(max(1, int(punten.width() / 72 * dpi)), max(1, int(punten.height() / 72 * dpi)))
    bron = doc.render(index, grootte)
    if bron.isNull():
        return
    # The page renders on a transparent background; lay it on white paper (render's fillColor is 6.12+ only).
    img = QImage(bron.size(), QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    vul = QPainter(img)
    vul.drawImage(0, 0, bron)
    vul.end()
    doelvlak = QRect(0, 0, apparaat.width(), apparaat.height())
    schaal = min(doelvlak.width() / img.width(), doelvlak.height() / img.height())
    w, h = int(img.width() * schaal), int(img.height() * schaal)
    painter.drawImage(QRect((doelvlak.width() - w) // 2, (doelvlak.height() - h) // 2, w, h),
                      img.convertToFormat(QImage.Format.Format_RGB32))
