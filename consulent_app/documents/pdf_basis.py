"""What both PDFs share: the embedded DejaVu font, paragraph styles, "pagina 1 van 3", tables, metadata."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, ClassVar
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from consulent_app import paths

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
PAGE_W, PAGE_H = A4
KLEUR = colors.HexColor("#1F3A5F")
LIJN = colors.HexColor("#9AA5B1")
GRIJS = colors.HexColor("#EEF1F4")


@functools.cache
def registreer_fonts() -> str:
    """Register the shipped TrueType family once per process; reportlab embeds a subset in every PDF."""
    map_ = paths.resources_dir() / "fonts"
    for naam, bestand in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf"),
                          (FONT_ITALIC, "DejaVuSans-Oblique.ttf"),
                          ("DejaVuSans-BoldOblique", "DejaVuSans-BoldOblique.ttf")):
        pdfmetrics.registerFont(TTFont(naam, str(map_ / bestand)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                  boldItalic="DejaVuSans-BoldOblique")
    return FONT


@functools.cache
def stijlen() -> dict[str, ParagraphStyle]:
    registreer_fonts()
    basis = ParagraphStyle("basis", fontName=FONT, fontSize=9.5, leading=13.5, spaceAfter=5)
    return {
        "basis": basis,
        "klein": ParagraphStyle("klein", parent=basis, fontSize=7.5, leading=10, spaceAfter=0),
        "klein_rechts": ParagraphStyle("klein_rechts", parent=basis, fontSize=7.5, leading=10, spaceAfter=0,
                                       alignment=TA_RIGHT),
        "cel": ParagraphStyle("cel", parent=basis, fontSize=8.5, leading=11.5, spaceAfter=0),
        "cel_vet": ParagraphStyle("cel_vet", parent=basis, fontName=FONT_BOLD, fontSize=8.5, leading=11.5,
                                  spaceAfter=0),
        "titel": ParagraphStyle("titel", parent=basis, fontName=FONT_BOLD, fontSize=15, leading=19,
                                textColor=KLEUR, spaceAfter=4),
        "ondertitel": ParagraphStyle("ondertitel", parent=basis, fontSize=10, leading=14, textColor=KLEUR,
                                     spaceAfter=10),
        "h1": ParagraphStyle("h1", parent=basis, fontName=FONT_BOLD, fontSize=11.5, leading=15, textColor=KLEUR,
                             spaceBefore=10, spaceAfter=5, keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=basis, fontName=FONT_BOLD, fontSize=10, leading=13.5, spaceBefore=7,
                             spaceAfter=3, keepWithNext=1),
        "opsom": ParagraphStyle("opsom", parent=basis, leftIndent=12, bulletIndent=2, spaceAfter=2),
        "citaat": ParagraphStyle("citaat", parent=basis, fontName=FONT_ITALIC, leftIndent=12, rightIndent=12,
                                 borderPadding=(4, 6, 4, 6), backColor=GRIJS, spaceBefore=3, spaceAfter=8),
        "adres": ParagraphStyle("adres", parent=basis, fontSize=10, leading=13.5, spaceAfter=0),
        "vet": ParagraphStyle("vet", parent=basis, fontName=FONT_BOLD),
        "concept": ParagraphStyle("concept", parent=basis, fontName=FONT_BOLD, textColor=colors.HexColor("#B3261E")),
    }


class Alinea(Paragraph):
    """A reportlab paragraph that does its work once. It keeps its line breaking for the width it was last wrapped
    at: reportlab wraps one paragraph at the same width two to four times (a table measures its cells, then wraps
    them again to draw them; KeepTogether measures its content, then the frame wraps it to place it), and the lines
    depend only on the width and the paragraph's own fragments. And it parses a markup text once for all the
    letters that have it. Together about a fifth of a letter's layout; the PDF is byte for byte the same."""

    _gewrapt: tuple[float, Any, float, float, Any, Any] | None = None
    #: The parsed markup of recent paragraphs, by (markup, style): most of a letter's paragraphs are the same text
    #: in every letter of a batch (the templates' legal text, the table labels), and reportlab's parser (pure
    #: Python) took a tenth of a letter's layout. The fragments are only read after parsing (reportlab marks each
    #: with the kind it always has), so paragraphs share them; cleared when full, so memory stays flat.
    _ontleed: ClassVar[dict[tuple[str, ParagraphStyle], tuple[Any, Any, Any, Any]]] = {}
    _ONTLEED_MAX: ClassVar[int] = 500  # a letter has about 60 paragraphs (1.4 kB each parsed): under 1 MB

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:  # noqa: N803
        if frags is not None or bulletText or not isinstance(text, str):  # a split paragraph, a bullet: as is
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        sleutel = (text, style)
        bekend = self._ontleed.get(sleutel)
        if bekend is None:
            super()._setup(text, style, bulletText, frags, cleaner)
            if len(self._ontleed) >= self._ONTLEED_MAX:
                self._ontleed.clear()
            deze: Any = self  # reportlab is untyped: its attributes have no type mypy can see
            self._ontleed[sleutel] = (deze.text, deze.frags, deze.style, deze.bulletText)
            return
        self.text, self.frags, self.style, self.bulletText = bekend
        self.debug = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        vorig = self._gewrapt
        if vorig is not None and vorig[0] == availWidth and vorig[1] is self.frags:
            _, _, self.width, self.height, self.blPara, self._wrapWidths = vorig
            return self.width, self.height
        breedte, hoogte = super().wrap(availWidth, availHeight)
        if (breedte, hoogte) != (0, 0x7FFFFFFF):  # reportlab's answer for a width it cannot fit in: not kept
            self._gewrapt = (availWidth, self.frags, self.width, self.height, self.blPara, self._wrapWidths)
        return breedte, hoogte


def p(tekst: str, stijl: str = "basis") -> Paragraph:
    """A paragraph of plain text (escaped; newlines kept)."""
    return Alinea(escape(tekst).replace("\n", "<br/>"), stijlen()[stijl])


def p_markup(markup: str, stijl: str = "basis") -> Paragraph:
    return Alinea(markup, stijlen()[stijl])


def vet(tekst: str) -> str:
    return f"<b>{escape(tekst)}</b>"


def feiten_tabel(rijen: Sequence[tuple[str, str]], breedte: float, label_breedte: float = 52 * mm) -> Table:
    """Two columns, label left in bold: the facts of one provision or of the conversation."""
    data = [[p(label, "cel_vet"), p(waarde, "cel")] for label, waarde in rijen]
    # splitInRow: a long typed text (reasons may be 20,000 characters) continues on the next page instead of
    # making a row taller than the page, which reportlab cannot lay out.
    t = Table(data, colWidths=[label_breedte, breedte - label_breedte], hAlign="LEFT", splitInRow=1)
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, LIJN),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]))
    return t


def raster_tabel(kop: Sequence[str], rijen: Sequence[Sequence[str]], kolommen: Sequence[float]) -> Table:
    data = [[p(k, "cel_vet") for k in kop]] + [[p(c, "cel") for c in r] for r in rijen]
    t = Table(data, colWidths=list(kolommen), hAlign="LEFT", repeatRows=1, splitInRow=1)
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("BACKGROUND", (0, 0), (-1, 0), GRIJS),
        ("GRID", (0, 0), (-1, -1), 0.25, LIJN),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]))
    return t


def genummerd_canvas(paginatekst: Callable[[int, int], str], voettekst: str) -> type[Canvas]:
    """A canvas that knows the page count when the last page is done: footer "pagina 1 van 3"."""

    class _NummerCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._paginas: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._paginas.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            totaal = len(self._paginas)
            for staat in self._paginas:
                self.__dict__.update(staat)
                self.setFont(FONT, 7.5)
                self.setFillColor(colors.HexColor("#555555"))
                self.drawString(20 * mm, 12 * mm, voettekst)
                self.drawRightString(PAGE_W - 20 * mm, 12 * mm, paginatekst(self._pageNumber, totaal))
                super().showPage()
            super().save()

    return _NummerCanvas


def pagina_aantal(pdf: bytes) -> int:
    """Number of pages, without parsing the whole file (reportlab writes /Count once, in the page tree)."""
    import re

    counts = [int(x) for x in re.findall(rb"/Count (\d+)", pdf)]
    return max(counts) if counts else 0


def flowables(blokken: Sequence[Any], breedte: float) -> list[Any]:
    """Neutral blocks (documents.blokken) to reportlab flowables."""
    from reportlab.platypus import KeepTogether, ListFlowable, ListItem, PageBreak

    from consulent_app.documents import blokken as bl

    out: list[Any] = []
    for b in blokken:
        if isinstance(b, bl.Samen):
            # One level of keeping together: a nested KeepTogether measures as "does not fit" and pushes all on.
            plat: list[Any] = []
            for f in flowables(b.blokken, breedte):
                plat.extend(f._content if isinstance(f, KeepTogether) else [f])
            out.append(KeepTogether(plat))
        elif isinstance(b, bl.Kop):
            out.append(p(b.tekst, "h1" if b.niveau == 1 else "h2"))
        elif isinstance(b, bl.Alinea):
            out.append(p(b.tekst, b.stijl if b.stijl in stijlen() else "basis"))
        elif isinstance(b, bl.Feiten):
            out.append(feiten_tabel(b.rijen, breedte))
            out.append(Spacer(1, 3 * mm))
        elif isinstance(b, bl.Raster):
            out.append(raster_tabel(b.kop, b.rijen, [f * breedte for f in b.breedtes]))
            out.append(Spacer(1, 3 * mm))
        elif isinstance(b, bl.Opsomming):
            if b.genummerd:
                lijst = ListFlowable([ListItem(p(x), leftIndent=14) for x in b.items], bulletType="1",
                                     bulletFontName=FONT, bulletFontSize=8.5, leftIndent=14)
            else:
                lijst = ListFlowable([ListItem(p(x), leftIndent=14, value="•") for x in b.items],
                                     bulletType="bullet", start="•", bulletFontName=FONT, bulletFontSize=8.5,
                                     leftIndent=14)
            out.append(lijst)
            out.append(Spacer(1, 2 * mm))
        elif isinstance(b, bl.Aankruis):
            for x in b.items:
                out.append(p_markup(f"<font name='{FONT}' size='11'>☐</font>&nbsp;&nbsp;{escape(x)}"))
        elif isinstance(b, bl.Schrijfruimte):
            t = Table([[""] for _ in range(b.regels)], colWidths=[breedte], rowHeights=[8 * mm] * b.regels)
            t.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, LIJN), ("FONTNAME", (0, 0), (-1, -1), FONT)]))
            out.append(t)
            out.append(Spacer(1, 4 * mm))
        elif isinstance(b, bl.Handtekeningen):
            kolom = breedte / len(b.vakken)
            cellen = []
            for titel, naam in b.vakken:
                cellen.append([p(titel, "cel_vet"), Spacer(1, 16 * mm),
                               p("_" * 34, "cel"), p(f"{b.naam_label}: {naam}", "cel"),
                               p(f"{b.datum_label}: ____________________", "cel")])
            t = Table([cellen], colWidths=[kolom] * len(b.vakken), hAlign="LEFT")
            t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("FONTNAME", (0, 0), (-1, -1), FONT)]))
            out.append(KeepTogether([Spacer(1, 4 * mm), t]))
        elif isinstance(b, bl.Ondertekening):
            onder = [p(r, "basis") for r in b.regels_boven]
            onder += [Spacer(1, 12 * mm), p(b.naam, "basis"), p(b.functie, "basis")]
            if b.bijlage:
                onder += [Spacer(1, 4 * mm), p_markup(f"{vet(b.bijlage_kop)}: {escape(b.bijlage)}", "klein")]
            out.append(KeepTogether(onder))
        elif isinstance(b, bl.Ruimte):
            out.append(Spacer(1, b.mm * mm))
        elif isinstance(b, bl.NieuwePagina):
            out.append(PageBreak())
    return out
