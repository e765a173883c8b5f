"""The decision as PDF: letterhead, address in the window of a standard Dutch envelope, then the text blocks."""

from __future__ import annotations

import copy
import functools
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from consulent_app.documents import pdf_basis as pb
from consulent_app.documents.blokken import Inhoud
from consulent_app.documents.gegevenstypen import BeschikkingGegevens, GemeenteGegevens
from consulent_app.documents.inhoud import beschikking_inhoud
from consulent_app.documents.teksten import Teksten, laad

# Window envelope (venster links, e.g. EA5/6 and C5 "venster links"): window 20 mm from the left edge,
# about 50 mm from the top, 90 x 45 mm. The address sits a few mm inside it, so it stays visible when
# the letter shifts in the envelope.
VENSTER_X = 20 * mm
VENSTER_TOP = 50 * mm
VENSTER_B, VENSTER_H = 90 * mm, 45 * mm
MARGE_L, MARGE_R = 22 * mm, 20 * mm
EERSTE_TOP = 103 * mm  # body of page 1 starts below the window
TEKST_BREEDTE = pb.PAGE_W - MARGE_L - MARGE_R


@dataclass(frozen=True)
class _Logo:
    """The logo as PDF image objects, compressed once: `beeld` (the colours) and `masker` (its transparency)."""

    naam: str
    beeld: PDFImageXObject
    masker: PDFImageXObject | None
    breedte: int
    hoogte: int


@functools.lru_cache(maxsize=4)
def _logo_bron(pad: str, _mtime: float) -> _Logo:
    """Decoding the PNG and compressing its pixels (zlib, ASCII85) cost more than the rest of a page; reportlab's
    drawImage does both for every letter. Here it is done once per logo file (and again if it changes), and every
    letter of a batch embeds the same encoded bytes."""
    img = ImageReader(pad)
    w, h = img.getSize()
    naam = "logo" + hashlib.sha256(Path(pad).read_bytes()).hexdigest()[:24]
    beeld = PDFImageXObject(naam, img, mask="auto")
    masker = getattr(beeld, "_smask", None)
    if masker is not None:
        del beeld._smask  # referenced per document below, as drawImage does
    return _Logo(naam, beeld, masker, w, h)


def _teken_logo(c: Canvas, logo: _Logo, x: float, y: float, breedte: float, hoogte: float) -> None:
    """What Canvas.drawImage does with an image (an XObject once per document, drawn scaled), with the image
    objects already encoded: copies, so no document changes the shared ones."""
    doc = c._doc
    reg = doc.getXObjectName(logo.naam)
    if reg not in doc.idToObject:
        beeld = copy.copy(logo.beeld)
        c._setXObjects(beeld)
        doc.Reference(beeld, reg)
        doc.addForm(logo.naam, beeld)
        if logo.masker is not None:
            masker = copy.copy(logo.masker)
            c._setXObjects(masker)
            beeld.smask = doc.Reference(masker, doc.getXObjectName(masker.name))
    c._currentPageHasImages = 1
    c.saveState()
    c.translate(x, y)
    c.scale(breedte, hoogte)
    c._code.append(f"/{reg} Do")
    c.restoreState()
    c._formsinuse.append(logo.naam)


def _logo(c: Canvas, g: GemeenteGegevens) -> None:
    if g.logo is None:
        return
    logo = _logo_bron(str(g.logo), g.logo.stat().st_mtime)
    hoogte = 18 * mm
    breedte = min(60 * mm, hoogte * logo.breedte / logo.hoogte)
    hoogte = breedte * logo.hoogte / logo.breedte
    _teken_logo(c, logo, MARGE_L, pb.PAGE_H - 12 * mm - hoogte, breedte, hoogte)


def briefhoofd(c: Canvas, g: GemeenteGegevens) -> None:
    """Municipality name, department and contact details (right), logo (left)."""
    _logo(c, g)
    x = pb.PAGE_W - MARGE_R
    c.setFillColor(pb.KLEUR)
    c.setFont(pb.FONT_BOLD, 13)
    c.drawRightString(x, pb.PAGE_H - 17 * mm, g.naam)
    c.setFont(pb.FONT, 8)
    y = pb.PAGE_H - 22 * mm
    for regel in (g.afdeling, g.bezoekadres, g.postadres and f"{g.postadres}, {g.postcode_plaats}",
                  g.telefoon and f"Telefoon {g.telefoon}", g.website):
        if regel:
            c.drawRightString(x, y, regel)
            y -= 3.6 * mm
    c.setStrokeColor(pb.LIJN)
    c.setLineWidth(0.5)
    c.line(MARGE_L, pb.PAGE_H - 42 * mm, pb.PAGE_W - MARGE_R, pb.PAGE_H - 42 * mm)


def adresblok(c: Canvas, retour: str, regels: tuple[str, ...]) -> None:
    """Return address in small print, then the addressee, inside the envelope window."""
    x = VENSTER_X + 4 * mm
    y = pb.PAGE_H - VENSTER_TOP - 6 * mm
    c.setFillColor(pb.colors.HexColor("#555555"))
    c.setFont(pb.FONT, 6.5)
    c.drawString(x, y, retour)
    c.setFillColor(pb.colors.black)
    c.setFont(pb.FONT, 10)
    y -= 7 * mm
    for regel in regels[:6]:
        c.drawString(x, y, regel)
        y -= 4.8 * mm


def render(g: BeschikkingGegevens, teksten: Teksten | None = None) -> bytes:
    t = teksten or laad("beschikking")
    inhoud = beschikking_inhoud(g, t)
    return render_inhoud(g, inhoud, t)


def render_inhoud(g: BeschikkingGegevens, inhoud: Inhoud, t: Teksten) -> bytes:
    pb.registreer_fonts()
    buf = io.BytesIO()
    retour = t.t("document.retouradres", postadres=g.gemeente.postadres, postcode_plaats=g.gemeente.postcode_plaats)

    def eerste(c: Canvas, _doc: BaseDocTemplate) -> None:
        c.saveState()
        briefhoofd(c, g.gemeente)
        adresblok(c, retour, g.adres)
        c.restoreState()

    def volgende(c: Canvas, _doc: BaseDocTemplate) -> None:
        c.saveState()
        c.setFont(pb.FONT, 7.5)
        c.setFillColor(pb.colors.HexColor("#555555"))
        c.drawRightString(pb.PAGE_W - MARGE_R, pb.PAGE_H - 12 * mm, f"{g.gemeente.naam} | {g.kenmerk}")
        c.restoreState()

    onder = 20 * mm
    doc = BaseDocTemplate(
        buf, pagesize=pb.A4, title=inhoud.titel, author=g.gemeente.naam, subject=inhoud.onderwerp,
        creator="Consulent", lang="nl-NL", initialFontName=pb.FONT, leftMargin=MARGE_L, rightMargin=MARGE_R, topMargin=20 * mm,
        bottomMargin=onder,
    )
    f1 = Frame(MARGE_L, onder, TEKST_BREEDTE, pb.PAGE_H - EERSTE_TOP - onder, id="eerste", leftPadding=0,
               rightPadding=0, topPadding=0, bottomPadding=0)
    f2 = Frame(MARGE_L, onder, TEKST_BREEDTE, pb.PAGE_H - 20 * mm - onder, id="volgende", leftPadding=0,
               rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([
        PageTemplate(id="eerste", frames=[f1], onPage=eerste, autoNextPageTemplate="volgende"),
        PageTemplate(id="volgende", frames=[f2], onPage=volgende),
    ])
    verhaal = [pb.feiten_tabel(inhoud.kop_feiten, TEKST_BREEDTE, 32 * mm), pb.Spacer(1, 6 * mm)]
    verhaal += pb.flowables(inhoud.blokken, TEKST_BREEDTE)
    doc.build(verhaal, canvasmaker=pb.genummerd_canvas(
        lambda n, tot: t.t("document.paginanummer", pagina=n, totaal=tot), inhoud.voettekst))
    return buf.getvalue()
