"""What both Word files share: Dutch language, styles, "pagina 1 van 3" fields, and the text blocks."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from consulent_app.documents import blokken as bl

FONT = "Arial"  # present on every office PC; LibreOffice maps it to the metric-compatible Liberation Sans
KLEUR = RGBColor(0x1F, 0x3A, 0x5F)
GRIJS = "EEF1F4"


#: python-docx refuses a document property over 255 characters ("exceeded 255 char limit for property").
EIGENSCHAP_MAX = 255


def eigenschap(tekst: str) -> str:
    """A document property (title, author, subject) cut to what Word allows; the full text stays in the body."""
    return tekst if len(tekst) <= EIGENSCHAP_MAX else tekst[:EIGENSCHAP_MAX - 1] + "…"


def nieuw_document(*, titel: str, auteur: str, onderwerp: str, marge_boven_mm: float = 20) -> Any:
    doc = WordDocument()
    cp = doc.core_properties
    cp.title = eigenschap(titel)
    cp.author = eigenschap(auteur)
    cp.subject = eigenschap(onderwerp)
    cp.language = "nl-NL"
    cp.last_modified_by = eigenschap(auteur)
    cp.comments = ""
    sectie = doc.sections[0]
    sectie.page_width, sectie.page_height = Mm(210), Mm(297)
    sectie.left_margin, sectie.right_margin = Mm(22), Mm(20)
    sectie.top_margin, sectie.bottom_margin = Mm(marge_boven_mm), Mm(20)
    sectie.header_distance, sectie.footer_distance = Mm(10), Mm(10)
    stijl = doc.styles["Normal"]
    stijl.font.name = FONT
    stijl.font.size = Pt(9.5)
    stijl.paragraph_format.space_after = Pt(5)
    stijl.paragraph_format.line_spacing = 1.15
    rpr = stijl.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    _taal(rpr)
    # Language in the document defaults too, so spelling check and hyphenation are Dutch everywhere.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_def = defaults.find(qn("w:rPrDefault"))
        if rpr_def is not None and rpr_def.find(qn("w:rPr")) is not None:
            _taal(rpr_def.find(qn("w:rPr")))
    for naam, grootte in (("Heading 1", 11.5), ("Heading 2", 10), ("Title", 15)):
        h = doc.styles[naam]
        h.font.name = FONT
        h.font.size = Pt(grootte)
        h.font.bold = True
        h.font.color.rgb = KLEUR if naam != "Heading 2" else RGBColor(0, 0, 0)
        h.paragraph_format.space_before = Pt(10 if naam == "Heading 1" else 6)
        h.paragraph_format.space_after = Pt(4)
        hr = h.element.get_or_add_rPr()
        hf = hr.find(qn("w:rFonts"))
        if hf is None:
            hf = OxmlElement("w:rFonts")
            hr.append(hf)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            hf.set(qn(attr), FONT)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            if hf.get(qn(attr)) is not None:
                del hf.attrib[qn(attr)]
    return doc


def _taal(rpr: Any) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "nl-NL")
    lang.set(qn("w:eastAsia"), "nl-NL")
    lang.set(qn("w:bidi"), "ar-SA")


def _veld(paragraaf: Any, instructie: str) -> None:
    """A Word field (PAGE, NUMPAGES): the word processor fills in the number."""
    run = paragraaf.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instructie} "
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    tekst = OxmlElement("w:t")
    tekst.text = "1"
    eind = OxmlElement("w:fldChar")
    eind.set(qn("w:fldCharType"), "end")
    for el in (begin, instr, sep, tekst, eind):
        run._r.append(el)


def voettekst(doc: Any, links: str, paginatekst: str) -> None:
    """Footer on every page: `links`, and right-aligned e.g. "pagina {pagina} van {totaal}" with live fields."""
    stijl = doc.styles["Footer"]
    stijl.font.size = Pt(7.5)
    stijl.font.name = FONT
    for sectie in doc.sections:
        voeten = [sectie.footer]
        if sectie.different_first_page_header_footer:
            voeten.append(sectie.first_page_footer)
        for footer in voeten:
            par = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            par.text = ""
            par.style = stijl
            par.paragraph_format.space_after = Pt(0)
            par.add_run(links)
            nummer = footer.add_paragraph(style=stijl)
            rechts(nummer)
            voor, _, rest = paginatekst.partition("{pagina}")
            midden, _, na = rest.partition("{totaal}")
            for stuk, veld in ((voor, "PAGE"), (midden, "NUMPAGES")):
                if stuk:
                    nummer.add_run(stuk)
                _veld(nummer, veld)
            if na:
                nummer.add_run(na)


def _cel_achtergrond(cel: Any, kleur: str) -> None:
    tcpr = cel._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), kleur)
    tcpr.append(shd)


def _cel_tekst(cel: Any, tekst: str, *, vet: bool = False, grootte: float = 8.5) -> None:
    par = cel.paragraphs[0]
    par.paragraph_format.space_after = Pt(0)
    regels = tekst.split("\n")
    for i, regel in enumerate(regels):
        run = par.add_run(regel)
        run.bold = vet
        run.font.size = Pt(grootte)
        if i < len(regels) - 1:
            run.add_break()


def feiten(doc: Any, rijen: Sequence[tuple[str, str]], breedte_mm: float = 168, label_mm: float = 52) -> Any:
    tabel = doc.add_table(rows=0, cols=2)
    tabel.style = "Table Grid"
    tabel.alignment = WD_TABLE_ALIGNMENT.LEFT
    tabel.autofit = False
    tabel.columns[0].width, tabel.columns[1].width = Mm(label_mm), Mm(breedte_mm - label_mm)
    for label, waarde in rijen:
        cellen = tabel.add_row().cells
        _cel_tekst(cellen[0], label, vet=True)
        _cel_tekst(cellen[1], waarde)
    for rij in tabel.rows:
        rij.cells[0].width = Mm(label_mm)
        rij.cells[1].width = Mm(breedte_mm - label_mm)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)
    return tabel


def raster(doc: Any, kop: Sequence[str], rijen: Sequence[Sequence[str]], breedtes_mm: Sequence[float]) -> Any:
    tabel = doc.add_table(rows=1, cols=len(kop))
    tabel.style = "Table Grid"
    tabel.autofit = False
    for kolom, b in zip(tabel.columns, breedtes_mm, strict=True):
        kolom.width = Mm(b)
    for cel, tekst in zip(tabel.rows[0].cells, kop, strict=True):
        _cel_tekst(cel, tekst, vet=True)
        _cel_achtergrond(cel, GRIJS)
    # Repeat the header row on every page.
    trpr = tabel.rows[0]._tr.get_or_add_trPr()
    kopherhaling = OxmlElement("w:tblHeader")
    kopherhaling.set(qn("w:val"), "true")
    trpr.append(kopherhaling)
    for r in rijen:
        for cel, tekst in zip(tabel.add_row().cells, r, strict=True):
            _cel_tekst(cel, tekst)
    for rij in tabel.rows:
        for cel, b in zip(rij.cells, breedtes_mm, strict=True):
            cel.width = Mm(b)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)
    return tabel


def _houd_samen(doc: Any, vanaf: int) -> None:
    """Word: what was added since body element `vanaf` stays on one page: every paragraph (also in table cells)
    keeps with the next, and no table row splits. The last paragraph is left free."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = doc.element.body
    paragrafen: list[Any] = []
    for el in list(body)[vanaf:]:
        if el.tag == qn("w:p"):
            paragrafen.append(Paragraph(el, doc))
        elif el.tag == qn("w:tbl"):
            tabel = Table(el, doc)
            for rij in tabel.rows:
                trpr = rij._tr.get_or_add_trPr()
                if trpr.find(qn("w:cantSplit")) is None:
                    trpr.append(OxmlElement("w:cantSplit"))
                for cel in rij.cells:
                    paragrafen.extend(cel.paragraphs)
    for par in paragrafen[:-1]:
        par.paragraph_format.keep_with_next = True


def blokken(doc: Any, items: Sequence[Any], breedte_mm: float = 168) -> None:
    for b in items:
        if isinstance(b, bl.Samen):
            body = doc.element.body  # new content goes in before the closing section properties
            vanaf = len(body) - (1 if len(body) and body[-1].tag == qn("w:sectPr") else 0)
            blokken(doc, b.blokken, breedte_mm)
            _houd_samen(doc, vanaf)
        elif isinstance(b, bl.Kop):
            doc.add_heading(b.tekst, level=1 if b.niveau == 1 else 2)
        elif isinstance(b, bl.Alinea):
            par = doc.add_paragraph()
            run = par.add_run(b.tekst)
            if b.stijl in ("vet", "concept"):
                run.bold = True
            if b.stijl == "concept":
                run.font.color.rgb = RGBColor(0xB3, 0x26, 0x1E)
            if b.stijl == "klein":
                run.font.size = Pt(7.5)
            if b.stijl == "ondertitel":
                run.font.size = Pt(10)
                run.font.color.rgb = KLEUR
            if b.stijl == "citaat":
                run.italic = True
                par.paragraph_format.left_indent = Mm(5)
                par.paragraph_format.right_indent = Mm(5)
        elif isinstance(b, bl.Feiten):
            feiten(doc, b.rijen, breedte_mm)
        elif isinstance(b, bl.Raster):
            raster(doc, b.kop, b.rijen, [f * breedte_mm for f in b.breedtes])
        elif isinstance(b, bl.Opsomming):
            stijl = "List Number" if b.genummerd else "List Bullet"
            for x in b.items:
                par = doc.add_paragraph(x, style=stijl)
                par.paragraph_format.space_after = Pt(2)
        elif isinstance(b, bl.Aankruis):
            for x in b.items:
                doc.add_paragraph(f"☐  {x}").paragraph_format.space_after = Pt(2)
        elif isinstance(b, bl.Schrijfruimte):
            for _ in range(b.regels):
                par = doc.add_paragraph("_" * 86)
                par.paragraph_format.space_after = Pt(6)
                par.runs[0].font.color.rgb = RGBColor(0x9A, 0xA5, 0xB1)
        elif isinstance(b, bl.Handtekeningen):
            tabel = doc.add_table(rows=1, cols=len(b.vakken))
            for cel, (titel, naam) in zip(tabel.rows[0].cells, b.vakken, strict=True):
                _cel_tekst(cel, titel, vet=True, grootte=9)
                for regel in ("", "", "_" * 32, f"{b.naam_label}: {naam}", f"{b.datum_label}: ________________"):
                    par = cel.add_paragraph()
                    par.paragraph_format.space_after = Pt(2)
                    par.add_run(regel).font.size = Pt(9)
        elif isinstance(b, bl.Ondertekening):
            for r in b.regels_boven:
                doc.add_paragraph(r).paragraph_format.keep_with_next = True
            ruimte = doc.add_paragraph()
            ruimte.paragraph_format.space_before = Mm(10)
            ruimte.paragraph_format.keep_with_next = True
            ruimte.add_run(b.naam)
            doc.add_paragraph(b.functie)
            if b.bijlage:
                par = doc.add_paragraph()
                par.add_run(f"{b.bijlage_kop}: ").bold = True
                par.add_run(b.bijlage)
                for run in par.runs:
                    run.font.size = Pt(8)
        elif isinstance(b, bl.Ruimte):
            doc.add_paragraph().paragraph_format.space_after = Pt(b.mm * 2)
        elif isinstance(b, bl.NieuwePagina):
            doc.add_page_break()


def rechts(par: Any) -> None:
    par.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def opslaan(doc: Any) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
