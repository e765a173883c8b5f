"""Preview of a stored document inside the application: the PDF page by page, a Word file as text.

Other screens call `toon_document(parent, document_id, ctx, actor)`; the document is read off the GUI thread. Nothing is written to disk unless the user
asks for it ("Opslaan als…" writes a file only the user can read; "Openen in tekstverwerker" uses a private
temporary copy that is removed when the preview closes).
"""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from consulent_app.errors import ConsulentFout
from consulent_app.formatting import datum
from consulent_app.services import documenten as ds
from consulent_app.services.base import Actor, AppContext
from ui import ops

# QtPdf ships in its own wheel (PySide6-Pdf); without it the preview renders page images another way. Looked up
# here, loaded when a document is first shown (not with every screen that can show one).
HEEFT_QTPDF = importlib.util.find_spec("PySide6.QtPdf") is not None

SOORT_LABEL = {"verslag": "Gespreksverslag", "beschikking": "Beschikking", "afschrift": "Afschrift",
               "bijlage": "Bijlage"}


def _pdf_widget(inhoud: bytes, parent: QWidget) -> tuple[QWidget, Any]:
    """A scrolling multi-page PDF view; returns the widget and the objects that must stay alive with it."""
    if HEEFT_QTPDF:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        data = QByteArray(inhoud)
        buf = QBuffer(parent)
        buf.setData(data)
        buf.open(QIODevice.OpenModeFlag.ReadOnly)
        doc = QPdfDocument(parent)
        doc.load(buf)
        view = QPdfView(parent)
        view.setDocument(doc)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view.setObjectName("pdfvoorbeeld")
        return view, (data, buf, doc)
    return _pagina_afbeeldingen(inhoud, parent), None


def _pagina_afbeeldingen(inhoud: bytes, parent: QWidget) -> QWidget:  # pragma: no cover - fallback
    """Without QtPdf: page images via pypdfium2 when installed, else a plain message."""
    from PySide6.QtGui import QImage, QPixmap

    scroll = QScrollArea(parent)
    binnen = QWidget()
    lay = QVBoxLayout(binnen)
    try:
        import pypdfium2 as pdfium  # type: ignore[import-not-found]

        pdf = pdfium.PdfDocument(inhoud)
        for i in range(len(pdf)):
            pil = pdf[i].render(scale=1.3).to_pil()
            data = pil.tobytes("raw", "RGB")
            img = QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888).copy()
            lab = QLabel()
            lab.setPixmap(QPixmap.fromImage(img))
            lay.addWidget(lab, 0, Qt.AlignmentFlag.AlignHCenter)
    except ImportError:
        lay.addWidget(QLabel("Een voorbeeld van de PDF kan hier niet worden getoond. Gebruik 'Opslaan als…' "
                             "en open het bestand."))
    scroll.setWidget(binnen)
    scroll.setWidgetResizable(True)
    return scroll


class DocumentVoorbeeld(QDialog):
    def __init__(self, bestand: ds.DocumentBestand, ctx: AppContext, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bestand, self.ctx, self.actor = bestand, ctx, actor
        self._tijdelijk: contextlib.ExitStack = contextlib.ExitStack()
        info = bestand.info
        soort = SOORT_LABEL.get(info.soort, info.soort.capitalize())
        self.setWindowTitle(f"{soort}, versie {info.versie_nr} ({info.formaat.upper()})")
        # A page is tall, a laptop screen (1366 x 768) is not: never taller than the screen, or the buttons vanish.
        scherm = (parent.screen() if parent is not None else QGuiApplication.primaryScreen()).availableGeometry()
        self.resize(min(900, scherm.width() - 40), min(1000, scherm.height() - 40))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 14, 16, 12)
        titel = QLabel(info.titel)
        titel.setObjectName("kop2")
        titel.setWordWrap(True)
        lay.addWidget(titel)
        door = f" door {info.aangemaakt_door}" if info.aangemaakt_door else ""
        paginas = f", {info.paginas} pagina's" if info.paginas else ""
        meta = QLabel(f"Versie {info.versie_nr}{paginas}, gemaakt op {datum(info.aangemaakt_op.date())} om "
                      f"{info.aangemaakt_op:%H:%M}{door}. Bestand: {info.bestandsnaam}.")
        meta.setObjectName("uitleg")
        meta.setWordWrap(True)
        lay.addWidget(meta)
        self._houvast: Any = None
        self.pdf_document: Any = None
        if info.formaat == "pdf":
            self.voorbeeld, self._houvast = _pdf_widget(bestand.inhoud, self)
            self.pdf_document = self._houvast[2] if self._houvast else None
        else:
            tekst = QPlainTextEdit()
            tekst.setReadOnly(True)
            tekst.setObjectName("docxvoorbeeld")
            tekst.setPlainText(ds.docx_platte_tekst(bestand.inhoud))
            self.voorbeeld = tekst
        lay.addWidget(self.voorbeeld, 1)
        self.fout = QLabel()
        self.fout.setObjectName("fout")
        self.fout.setWordWrap(True)
        self.fout.hide()
        lay.addWidget(self.fout)
        knoppen = QHBoxLayout()
        self.opslaan_knop = QPushButton("&Opslaan als…")
        self.opslaan_knop.clicked.connect(self.opslaan_als)
        knoppen.addWidget(self.opslaan_knop)
        if info.formaat == "docx":
            self.openen_knop = QPushButton("Openen in &tekstverwerker")
            self.openen_knop.clicked.connect(self.openen_extern)
            knoppen.addWidget(self.openen_knop)
        knoppen.addStretch(1)
        sluiten = QPushButton("&Sluiten")
        sluiten.setDefault(True)
        sluiten.clicked.connect(self.accept)
        knoppen.addWidget(sluiten)
        lay.addLayout(knoppen)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.opslaan_als)
        self.setFocusProxy(self.voorbeeld)

    def _toon_fout(self, tekst: str) -> None:
        self.fout.setText(tekst)
        self.fout.setStyleSheet("color: #B3261E;")
        self.fout.show()

    def opslaan_als(self, pad: str | None = None) -> None:
        """Ask where (unless `pad` is given) and write the file off the GUI thread (ui.ops); `opgeslagen` holds the
        path once written, a failure stands under the preview."""
        if not pad:
            start = str(Path.home() / self.bestand.info.bestandsnaam)
            filter_ = "PDF (*.pdf)" if self.bestand.info.formaat == "pdf" else "Word-document (*.docx)"
            pad, _ = QFileDialog.getSaveFileName(self, "Document opslaan", start, filter_)
            if not pad:
                return
        ctx, actor, document_id, doel = self.ctx, self.actor, self.bestand.info.id, Path(pad)

        def klaar(uit: Path) -> None:
            self.fout.hide()
            self.opgeslagen = uit

        def fout(exc: BaseException) -> bool:
            if isinstance(exc, ConsulentFout | OSError):
                self._toon_fout(f"Opslaan is niet gelukt: {exc}")
                return True
            self._toon_fout(f"Opslaan is niet gelukt: {ops.fout_tekst(exc)}")
            return True

        self.opgeslagen: Path | None = None
        ops.voer_uit(self, lambda: ds.bewaar_als(ctx, actor, document_id, doel), klaar, fout, schrijven=True)

    def openen_extern(self) -> None:
        pad = self._tijdelijk.enter_context(ds.tijdelijk_bestand(self.bestand.inhoud, f".{self.bestand.info.formaat}"))
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(pad))):
            self._toon_fout("Er is geen programma gevonden om dit bestand te openen. Gebruik 'Opslaan als…'.")

    def done(self, r: int) -> None:  # noqa: N802 - Qt API
        self._tijdelijk.close()  # remove private temporary copies
        super().done(r)


def toon_document(parent: QWidget | None, document_id: int, ctx: AppContext, actor: Actor, *,
                  modaal: bool = True, klaar: Callable[[DocumentVoorbeeld], None] | None = None) -> None:
    """Open the preview of a stored document (modal by default) once it is read off the GUI thread (ui.ops);
    `klaar(dialog)` hears of it. A refusal of the core appears as a message."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    eigenaar: Any = parent if parent is not None else QApplication.instance()

    def open_(bestand: ds.DocumentBestand) -> None:
        dlg = DocumentVoorbeeld(bestand, ctx, actor, parent)
        if klaar is not None:
            klaar(dlg)
        if modaal:
            dlg.exec()
        else:
            dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dlg.show()

    def fout(exc: BaseException) -> bool:
        if isinstance(exc, ConsulentFout):
            box = QMessageBox(QMessageBox.Icon.Warning, "Document", str(exc), QMessageBox.StandardButton.Ok, parent)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return True
        return False

    ops.voer_uit(eigenaar, lambda: ds.haal_document(ctx, actor, document_id), open_, fout)
