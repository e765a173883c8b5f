"""The report of the investigation (gespreksverslag / ondersteuningsplan) as PDF."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from consulent_app.documents import pdf_basis as pb
from consulent_app.documents.beschikking_pdf import MARGE_L, MARGE_R, TEKST_BREEDTE, _logo
from consulent_app.documents.gegevenstypen import VerslagGegevens
from consulent_app.documents.inhoud import verslag_inhoud
from consulent_app.documents.teksten import Teksten, laad


def render(g: VerslagGegevens, teksten: Teksten | None = None) -> bytes:
    t = teksten or laad("verslag")
    inhoud = verslag_inhoud(g, t)
    pb.registreer_fonts()
    buf = io.BytesIO()

    def eerste(c: Canvas, _doc: BaseDocTemplate) -> None:
        c.saveState()
        _logo(c, g.gemeente)
        c.setFillColor(pb.KLEUR)
        c.setFont(pb.FONT_BOLD, 11)
        c.drawRightString(pb.PAGE_W - MARGE_R, pb.PAGE_H - 17 * mm, g.gemeente.naam)
        c.setFont(pb.FONT, 8)
        c.drawRightString(pb.PAGE_W - MARGE_R, pb.PAGE_H - 22 * mm, g.gemeente.afdeling)
        c.restoreState()

    def volgende(c: Canvas, _doc: BaseDocTemplate) -> None:
        c.saveState()
        c.setFont(pb.FONT, 7.5)
        c.setFillColor(pb.colors.HexColor("#555555"))
        c.drawRightString(pb.PAGE_W - MARGE_R, pb.PAGE_H - 12 * mm, f"{inhoud.onderwerp} | {g.client_naam}")
        c.restoreState()

    onder = 20 * mm
    doc = BaseDocTemplate(
        buf, pagesize=pb.A4, title=inhoud.titel, author=g.gemeente.naam, subject=inhoud.onderwerp,
        creator="Consulent", lang="nl-NL", initialFontName=pb.FONT, leftMargin=MARGE_L, rightMargin=MARGE_R,
        topMargin=20 * mm, bottomMargin=onder,
    )
    f1 = Frame(MARGE_L, onder, TEKST_BREEDTE, pb.PAGE_H - 38 * mm - onder, leftPadding=0, rightPadding=0,
               topPadding=0, bottomPadding=0)
    f2 = Frame(MARGE_L, onder, TEKST_BREEDTE, pb.PAGE_H - 20 * mm - onder, leftPadding=0, rightPadding=0,
               topPadding=0, bottomPadding=0)
    doc.addPageTemplates([
        PageTemplate(id="eerste", frames=[f1], onPage=eerste, autoNextPageTemplate="volgende"),
        PageTemplate(id="volgende", frames=[f2], onPage=volgende),
    ])
    verhaal = [pb.p(t.t("document.titel"), "titel")] + pb.flowables(inhoud.blokken, TEKST_BREEDTE)
    doc.build(verhaal, canvasmaker=pb.genummerd_canvas(
        lambda n, tot: t.t("document.paginanummer", pagina=n, totaal=tot), inhoud.voettekst))
    return buf.getvalue()
