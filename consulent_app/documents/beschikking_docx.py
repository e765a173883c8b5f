"""The decision as an editable Word file: same text as the PDF, address block in the envelope window."""

from __future__ import annotations

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.shared import Mm, Pt, RGBColor

from consulent_app.documents import docx_basis as db
from consulent_app.documents.gegevenstypen import BeschikkingGegevens
from consulent_app.documents.inhoud import beschikking_inhoud
from consulent_app.documents.teksten import Teksten, laad

MARGE_BOVEN_MM = 20
BRIEFHOOFD_MM = 30  # so the address row starts 50 mm from the top edge: the window of the envelope
VENSTER_MM = 45


def render(g: BeschikkingGegevens, teksten: Teksten | None = None) -> bytes:
    t = teksten or laad("beschikking")
    inhoud = beschikking_inhoud(g, t)
    doc = db.nieuw_document(titel=inhoud.titel, auteur=g.gemeente.naam, onderwerp=inhoud.onderwerp,
                            marge_boven_mm=MARGE_BOVEN_MM)
    sectie = doc.sections[0]
    sectie.different_first_page_header_footer = True
    kop = sectie.header.paragraphs[0]
    kop.text = f"{g.gemeente.naam} | {g.kenmerk}"
    db.rechts(kop)
    for run in kop.runs:
        run.font.size = Pt(7.5)

    # Letterhead and address window as a borderless 2x2 grid with exact row heights.
    grid = doc.add_table(rows=2, cols=2)
    grid.autofit = False
    hoofd, venster = grid.rows
    hoofd.height, hoofd.height_rule = Mm(BRIEFHOOFD_MM), WD_ROW_HEIGHT_RULE.EXACTLY
    venster.height, venster.height_rule = Mm(VENSTER_MM), WD_ROW_HEIGHT_RULE.EXACTLY
    for rij in grid.rows:
        rij.cells[0].width, rij.cells[1].width = Mm(92), Mm(76)
    if g.gemeente.logo is not None:
        hoofd.cells[0].paragraphs[0].add_run().add_picture(str(g.gemeente.logo), height=Mm(16))
    naam_par = hoofd.cells[1].paragraphs[0]
    db.rechts(naam_par)
    r = naam_par.add_run(g.gemeente.naam)
    r.bold, r.font.size, r.font.color.rgb = True, Pt(13), db.KLEUR
    for regel in (g.gemeente.afdeling, g.gemeente.bezoekadres,
                  g.gemeente.postadres and f"{g.gemeente.postadres}, {g.gemeente.postcode_plaats}",
                  g.gemeente.telefoon and f"Telefoon {g.gemeente.telefoon}", g.gemeente.website):
        if regel:
            par = hoofd.cells[1].add_paragraph()
            par.paragraph_format.space_after = Pt(0)
            db.rechts(par)
            run = par.add_run(regel)
            run.font.size, run.font.color.rgb = Pt(8), db.KLEUR
    adres = venster.cells[0]
    retour = adres.paragraphs[0]
    retour.paragraph_format.left_indent = Mm(2)
    retour.paragraph_format.space_before = Pt(10)
    retour.paragraph_format.space_after = Pt(8)
    rr = retour.add_run(t.t("document.retouradres", postadres=g.gemeente.postadres,
                            postcode_plaats=g.gemeente.postcode_plaats))
    rr.font.size, rr.font.color.rgb = Pt(6.5), RGBColor(0x55, 0x55, 0x55)
    for regel in g.adres[:6]:
        par = adres.add_paragraph()
        par.paragraph_format.left_indent = Mm(2)
        par.paragraph_format.space_after = Pt(0)
        par.add_run(regel).font.size = Pt(10)

    db.feiten(doc, inhoud.kop_feiten, label_mm=32)
    db.blokken(doc, inhoud.blokken)
    db.voettekst(doc, inhoud.voettekst, t.t("document.paginanummer", pagina="{pagina}", totaal="{totaal}"))
    return db.opslaan(doc)
