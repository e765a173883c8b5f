"""One combined PDF of many decision letters with their enclosures, for a print street or a duplex printer.

The file is written while it is built: every page and the objects it uses go to disk at once, and only the
object offsets and the page list stay in memory, so 500 letters take no more memory than 5 (pypdf reads each
source document and serialises its objects; the container is written here). Each letter, and each enclosure,
starts on an odd page when printing duplex, so no letter is printed on the back of another client's letter.

A letter that cannot be produced (renderer error, unreadable PDF, missing enclosure) is reported and left out;
the rest goes on. Nothing of a failed letter ends up in the page list. A cancel stops cleanly: no file is left.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import re
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    StreamObject,
)

from consulent_app import paths
from consulent_app.errors import ConsulentFout

#: The leaflets that can go with a decision, generated from plain-language texts in resources/templates/folders/.
FOLDERS: dict[str, str] = {
    "folder_bezwaar": "bezwaar.txt",
    "folder_eigen_bijdrage": "eigen_bijdrage.txt",
}

#: An enclosure the mail room chose for many letters (a leaflet PDF, stored once): "extra:<id>".
EXTRA = "extra:"

A4 = (0.0, 0.0, 595.2756, 841.8898)


def voor_iedereen(soort: str) -> bool:
    """The same for every letter (a leaflet, generated or chosen): its objects go into the print file once."""
    return soort in FOLDERS or soort.startswith(EXTRA)

# Keys a page may carry that would pull in the source's page tree or document structure.
_WEG_VAN_PAGINA = {"/Parent", "/Annots", "/StructParents", "/B", "/Thumb", "/PieceInfo", "/Metadata"}


@dataclass(frozen=True)
class BundelItem:
    beschikking_id: int
    label: str  # shown in messages, e.g. the kenmerk
    bijlagen: tuple[str, ...] = ()  # enclosure kinds, in envelope order


@dataclass(frozen=True)
class BundelUitkomst:
    beschikking_id: int
    label: str
    eerste_pagina: int = 0  # 1-based, in the combined file; 0 when not produced
    laatste_pagina: int = 0
    fout: str | None = None


@dataclass(frozen=True)
class BundelResultaat:
    pad: Path | None
    paginas: int
    uitkomsten: tuple[BundelUitkomst, ...]
    geannuleerd: bool = False

    @property
    def geproduceerd(self) -> tuple[int, ...]:
        return tuple(u.beschikking_id for u in self.uitkomsten if u.fout is None and u.eerste_pagina)

    @property
    def mislukt(self) -> tuple[BundelUitkomst, ...]:
        return tuple(u for u in self.uitkomsten if u.fout)


class _PdfStroom:
    """A PDF written object by object: offsets and page references in memory, everything else on disk."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        # Compact arrays: 8 bytes per object and per page, so 500 letters (~150,000 objects) cost ~1 MB.
        self.offsets = array("q", [-1, -1])  # object number - 1 -> file offset; 1: catalog, 2: page tree
        self.kids = array("q")
        fh.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def nieuw_id(self) -> int:
        self.offsets.append(-1)
        return len(self.offsets)

    def schrijf(self, nummer: int, obj: PdfObject) -> None:
        self.offsets[nummer - 1] = self.fh.tell()
        self.fh.write(f"{nummer} 0 obj\n".encode())
        obj.write_to_stream(self.fh)
        self.fh.write(b"\nendobj\n")

    def kopieer(self, waarde: Any, mapping: dict[int, int]) -> Any:
        """Copy a value of a source document, writing every indirect object it reaches (once per mapping)."""
        if isinstance(waarde, IndirectObject):
            bron = waarde.idnum
            if bron not in mapping:
                nummer = self.nieuw_id()
                mapping[bron] = nummer
                self.schrijf(nummer, self.kopieer(waarde.get_object(), mapping))
            return IndirectObject(mapping[bron], 0, None)
        if isinstance(waarde, StreamObject):
            nieuw = DecodedStreamObject()
            nieuw.set_data(b"")
            nieuw._data = waarde._data  # the encoded bytes as they are; /Filter is copied below
            for k, v in waarde.items():
                if k != "/Length":
                    nieuw[NameObject(k)] = self.kopieer(v, mapping)
            return nieuw
        if isinstance(waarde, DictionaryObject):
            d = DictionaryObject()
            for k, v in waarde.items():
                d[NameObject(k)] = self.kopieer(v, mapping)
            return d
        if isinstance(waarde, ArrayObject):
            return ArrayObject(self.kopieer(v, mapping) for v in waarde)
        return waarde

    def pagina(self, bron: DictionaryObject, mapping: dict[int, int]) -> int:
        """Write one page (a fresh page object; its resources shared through `mapping`); returns its number."""
        d = DictionaryObject()
        for k, v in bron.items():
            if k not in _WEG_VAN_PAGINA:
                d[NameObject(k)] = self.kopieer(v, mapping)
        d[NameObject("/Type")] = NameObject("/Page")
        d[NameObject("/Parent")] = IndirectObject(2, 0, None)
        if "/MediaBox" not in d:
            d[NameObject("/MediaBox")] = ArrayObject(NumberObject(int(x)) for x in A4)
        nummer = self.nieuw_id()
        self.schrijf(nummer, d)
        return nummer

    def leeg_blad(self, mediabox: Any) -> int:
        d = DictionaryObject({
            NameObject("/Type"): NameObject("/Page"),
            NameObject("/Parent"): IndirectObject(2, 0, None),
            NameObject("/MediaBox"): mediabox if mediabox is not None else ArrayObject(
                NumberObject(int(x)) for x in A4),
            NameObject("/Resources"): DictionaryObject(),
        })
        nummer = self.nieuw_id()
        self.schrijf(nummer, d)
        return nummer

    def sluit(self) -> None:
        # The page tree is written by hand, in chunks: one flat /Kids array of references.
        self.offsets[1] = self.fh.tell()
        self.fh.write(f"2 0 obj\n<< /Type /Pages /Count {len(self.kids)} /Kids [".encode())
        for start in range(0, len(self.kids), 4096):
            self.fh.write(" ".join(f"{k} 0 R" for k in self.kids[start:start + 4096]).encode() + b" ")
        self.fh.write(b"] >>\nendobj\n")
        self.schrijf(1, DictionaryObject({
            NameObject("/Type"): NameObject("/Catalog"), NameObject("/Pages"): IndirectObject(2, 0, None),
        }))
        xref = self.fh.tell()
        regels = [f"xref\n0 {len(self.offsets) + 1}\n", "0000000000 65535 f \n"]
        for off in self.offsets:
            regels.append(f"{off:010d} 00000 n \n" if off >= 0 else "0000000000 65535 f \n")
            if len(regels) >= 4096:
                self.fh.write("".join(regels).encode())
                regels.clear()
        self.fh.write("".join(regels).encode())
        self.fh.write(f"trailer\n<< /Size {len(self.offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
                      .encode())


def _lees(data: bytes, wat: str) -> PdfReader:
    """Parse a PDF fully before anything of it is written, so a broken one fails before it can half-land."""
    if not data or not data.lstrip()[:5].startswith(b"%PDF"):
        raise ConsulentFout(f"{wat} is geen PDF-bestand.")
    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) == 0:
            raise ConsulentFout(f"{wat} heeft geen pagina's.")
        for p in reader.pages:
            p.get("/Contents")
        return reader
    except ConsulentFout:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser error means: this document is unusable
        raise ConsulentFout(f"{wat} is beschadigd en kan niet worden gelezen.") from exc


def _foutmelding(exc: Exception) -> str:
    if isinstance(exc, ConsulentFout):
        return str(exc)
    return "De brief kon niet worden gemaakt door een onverwachte fout (zie het logbestand)."


def maak_bundel(
    items: Sequence[BundelItem], uitvoer: Path, *, render: Callable[[int], bytes],
    bijlage: Callable[[int, str], bytes] | None = None, duplex: bool = True,
    progress: Callable[[int, int, str], None] | None = None, is_cancelled: Callable[[], bool] | None = None,
) -> BundelResultaat:
    """Write `items` (letter + enclosures each) to `uitvoer` as one PDF; returns what went in and what failed."""
    import logging

    log = logging.getLogger(__name__)
    uitvoer = Path(uitvoer)
    deel = uitvoer.with_name(uitvoer.name + ".deel")
    uitkomsten: list[BundelUitkomst] = []
    gedeeld: dict[str, dict[int, int]] = {}  # enclosure sha256 -> object mapping: a leaflet is stored once
    totaal = len(items)
    geannuleerd = False
    try:
        # User-only from the first byte: the print file holds a whole batch of health data.
        with os.fdopen(os.open(deel, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as fh:
            stroom = _PdfStroom(fh)
            for i, item in enumerate(items):
                if is_cancelled and is_cancelled():
                    geannuleerd = True
                    break
                if progress:
                    progress(i, totaal, f"Brief {i + 1} van {totaal}: {item.label}")
                try:
                    delen: list[tuple[PdfReader, str | None]] = [
                        (_lees(render(item.beschikking_id), f"De brief {item.label}"), None)]
                    for soort in item.bijlagen:
                        if bijlage is None:
                            raise ConsulentFout(f"Bijlage '{soort}' kan hier niet worden gemaakt.")
                        data = bijlage(item.beschikking_id, soort)
                        sleutel = hashlib.sha256(data).hexdigest() if voor_iedereen(soort) else None
                        delen.append((_lees(data, f"De bijlage '{soort}' bij {item.label}"), sleutel))
                except Exception as exc:  # noqa: BLE001 - reported per letter; the batch goes on
                    if not isinstance(exc, ConsulentFout):
                        log.exception("brief %s niet gemaakt", item.label)
                    uitkomsten.append(BundelUitkomst(item.beschikking_id, item.label, fout=_foutmelding(exc)))
                    continue
                klaar: list[int] = []  # pages of this letter, committed to the page list only when all are written
                eerste_van_brief = 0
                try:
                    for reader, sleutel in delen:
                        mapping: dict[int, int] = gedeeld.setdefault(sleutel, {}) if sleutel else {}
                        if duplex and (len(stroom.kids) + len(klaar)) % 2 == 1:
                            klaar.append(stroom.leeg_blad(reader.pages[0].get("/MediaBox")))
                        eerste_van_brief = eerste_van_brief or len(stroom.kids) + len(klaar) + 1
                        for p in reader.pages:
                            klaar.append(stroom.pagina(p, mapping))
                except OSError:
                    raise
                except Exception as exc:  # noqa: BLE001
                    log.exception("brief %s niet in de bundel gezet", item.label)
                    uitkomsten.append(BundelUitkomst(item.beschikking_id, item.label, fout=_foutmelding(exc)))
                    continue
                stroom.kids.extend(klaar)
                uitkomsten.append(BundelUitkomst(item.beschikking_id, item.label, eerste_van_brief, len(stroom.kids)))
            if not geannuleerd:
                if progress:
                    progress(totaal, totaal, "Bestand afronden")
                stroom.sluit()
            paginas = len(stroom.kids)
    except BaseException:
        deel.unlink(missing_ok=True)
        raise
    if geannuleerd or paginas == 0:
        deel.unlink(missing_ok=True)
        return BundelResultaat(None, 0, tuple(u for u in uitkomsten if u.fout) if geannuleerd else tuple(uitkomsten),
                               geannuleerd=geannuleerd)
    os.replace(deel, uitvoer)
    return BundelResultaat(uitvoer, paginas, tuple(uitkomsten))


def tel_paginas(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def controleer_pdf(data: bytes, wat: str) -> int:
    """The page count of a PDF that will be printed, after reading it whole; a Dutch message when it cannot be."""
    return len(_lees(data, wat).pages)


@functools.lru_cache(maxsize=8)
def folder_paginas(soort: str, gemeente: str = "Gemeente") -> int:
    return tel_paginas(folder_pdf(soort, gemeente))


# --- AFSCHRIFT stamp ----------------------------------------------------------------------------------------------


def _stempel(breedte: float, hoogte: float) -> bytes:
    from reportlab.lib.colors import Color
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(breedte, hoogte))
    lettertype, vet = _lettertypen()
    c.saveState()
    c.setFillColor(Color(0.55, 0.55, 0.55, alpha=0.28))
    c.translate(breedte / 2, hoogte / 2)
    c.rotate(40)
    c.setFont(vet, 96)
    c.drawCentredString(0, -30, "AFSCHRIFT")
    c.restoreState()
    c.setFillColor(Color(0.45, 0, 0))
    c.setFont(vet, 10)
    c.drawString(36, hoogte - 24, "AFSCHRIFT")
    c.setFont(lettertype, 8)
    c.drawString(100, hoogte - 24, "Kopie van de verzonden beschikking. De datum van verzending en de "
                                   "bezwaartermijn van het origineel gelden.")
    c.showPage()
    c.save()
    return buf.getvalue()


def stempel_afschrift(pdf: bytes) -> bytes:
    """Every page marked AFSCHRIFT (a diagonal watermark and a line at the top); the letter itself is unchanged."""
    reader = _lees(pdf, "De beschikking")
    writer = PdfWriter()
    stempels: dict[tuple[float, float], Any] = {}
    for page in reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        if (w, h) not in stempels:
            stempels[(w, h)] = PdfReader(io.BytesIO(_stempel(w, h))).pages[0]
        nieuw = writer.add_page(page)
        nieuw.merge_page(stempels[(w, h)])
    writer.add_metadata({"/Title": "Afschrift beschikking"})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# --- leaflets -----------------------------------------------------------------------------------------------------


@functools.cache
def _lettertypen() -> tuple[str, str]:
    """DejaVu when it ships with the application (full Unicode), otherwise the PDF base fonts."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fonts = paths.resources_dir() / "fonts"
    try:
        if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(fonts / "DejaVuSans.ttf")))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(fonts / "DejaVuSans-Bold.ttf")))
        return "DejaVuSans", "DejaVuSans-Bold"
    except Exception:  # noqa: BLE001 - fonts missing: the base fonts cover Dutch
        return "Helvetica", "Helvetica-Bold"


def folder_tekst(soort: str) -> str:
    if soort not in FOLDERS:
        raise ConsulentFout(f"Onbekende folder '{soort}'.")
    return (paths.resources_dir() / "templates" / "folders" / FOLDERS[soort]).read_text(encoding="utf-8")


def _inline(tekst: str) -> str:
    from xml.sax.saxutils import escape

    t = escape(tekst)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)


@functools.lru_cache(maxsize=8)
def folder_pdf(soort: str, gemeente: str = "Gemeente") -> bytes:
    """A leaflet as PDF from its text file: '# ' title, '## ' heading, '- ' bullet, blank line between paragraphs."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4 as RL_A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

    lettertype, vet = _lettertypen()
    kleur = HexColor("#1f4f7f")
    stijl = {
        "titel": ParagraphStyle("titel", fontName=vet, fontSize=20, leading=25, textColor=kleur, spaceAfter=8),
        "kop": ParagraphStyle("kop", fontName=vet, fontSize=13, leading=17, textColor=kleur, spaceBefore=10,
                              spaceAfter=4),
        "tekst": ParagraphStyle("tekst", fontName=lettertype, fontSize=11.5, leading=16, spaceAfter=6),
    }
    verhaal: list[Any] = []
    bullets: list[Any] = []

    def sluit_lijst() -> None:
        if bullets:
            verhaal.append(ListFlowable(list(bullets), bulletType="bullet", start="•", leftIndent=14,
                                        bulletFontName=lettertype))
            verhaal.append(Spacer(1, 4))
            bullets.clear()

    titel = ""
    for blok in folder_tekst(soort).split("\n\n"):
        for regel in [r for r in blok.strip().splitlines() if r.strip()]:
            regel = regel.rstrip()
            if regel.startswith("# "):
                sluit_lijst()
                titel = regel[2:]
                verhaal.append(Paragraph(_inline(titel), stijl["titel"]))
            elif regel.startswith("## "):
                sluit_lijst()
                verhaal.append(Paragraph(_inline(regel[3:]), stijl["kop"]))
            elif regel.startswith("- "):
                bullets.append(ListItem(Paragraph(_inline(regel[2:]), stijl["tekst"]), leftIndent=14))
            elif bullets and regel.startswith("  "):
                bullets[-1] = ListItem(Paragraph(_inline(bullets[-1]._flowables[0].text + " " + regel.strip()),
                                                 stijl["tekst"]), leftIndent=14)
            else:
                sluit_lijst()
                verhaal.append(Paragraph(_inline(regel), stijl["tekst"]))
        sluit_lijst()

    def voet(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(lettertype, 8.5)
        canvas.setFillColor(HexColor("#555555"))
        canvas.drawString(20 * mm, 12 * mm, f"{gemeente} · {titel}")
        canvas.drawRightString(RL_A4[0] - 20 * mm, 12 * mm, f"pagina {doc.page}")
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=RL_A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=20 * mm,
                            bottomMargin=22 * mm, title=titel, author=gemeente, lang="nl-NL")
    doc.build(verhaal, onFirstPage=voet, onLaterPages=voet)
    return buf.getvalue()
