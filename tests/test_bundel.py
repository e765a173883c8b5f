"""The combined print file: odd-page starts for duplex, enclosures in order, failures skipped, cancel, AFSCHRIFT."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from consulent_app.documents import bundel
from consulent_app.documents.bundel import BundelItem
from consulent_app.errors import ConsulentFout


def pdf_met(tekst: str, paginas: int) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for i in range(1, paginas + 1):
        c.setFont("Helvetica", 14)
        c.drawString(72, 760, f"{tekst} pagina {i}")
        c.showPage()
    c.save()
    return buf.getvalue()


PAGINAS = {1: 1, 2: 2, 3: 3, 4: 2}


def render(bid: int) -> bytes:
    return pdf_met(f"Brief {bid}", PAGINAS.get(bid, 1))


def bijlage(bid: int, soort: str) -> bytes:
    if soort in bundel.FOLDERS:
        return bundel.folder_pdf(soort, "Gemeente Test")
    return pdf_met(f"Verslag {bid}", 1)


def teksten(pad: Path) -> list[str]:
    return [(p.extract_text() or "").strip() for p in PdfReader(str(pad)).pages]


def test_each_letter_starts_on_an_odd_page_for_duplex(tmp_path: Path) -> None:
    items = [BundelItem(i, f"K-{i}") for i in (1, 2, 3, 4)]
    res = bundel.maak_bundel(items, tmp_path / "print.pdf", render=render)
    pagina = teksten(tmp_path / "print.pdf")
    # 1 page + blank, 2 pages, 3 pages + blank, 2 pages
    assert len(pagina) == res.paginas == 2 + 2 + 4 + 2
    assert [u.eerste_pagina for u in res.uitkomsten] == [1, 3, 5, 9]
    for u in res.uitkomsten:
        assert u.eerste_pagina % 2 == 1
        assert pagina[u.eerste_pagina - 1] == f"Brief {u.beschikking_id} pagina 1"
    assert pagina[1] == "" and pagina[7] == ""  # the inserted blank backs
    assert res.geproduceerd == (1, 2, 3, 4)


def test_single_sided_print_has_no_blank_pages(tmp_path: Path) -> None:
    res = bundel.maak_bundel([BundelItem(i, f"K-{i}") for i in (1, 3)], tmp_path / "p.pdf", render=render,
                             duplex=False)
    assert res.paginas == 4
    assert "" not in teksten(tmp_path / "p.pdf")


def test_enclosures_follow_their_letter_in_envelope_order(tmp_path: Path) -> None:
    items = [BundelItem(1, "K-1", ("verslag", "folder_bezwaar", "folder_eigen_bijdrage")), BundelItem(2, "K-2")]
    res = bundel.maak_bundel(items, tmp_path / "p.pdf", render=render, bijlage=bijlage)
    pagina = teksten(tmp_path / "p.pdf")
    assert pagina[0] == "Brief 1 pagina 1"
    assert pagina[2] == "Verslag 1 pagina 1"  # on its own sheet: page 2 is the blank back of the letter
    bezwaar = next(i for i, t in enumerate(pagina) if "Bent u het niet eens met het besluit?" in t)
    eigen = next(i for i, t in enumerate(pagina) if "De eigen bijdrage" in t)
    assert 2 < bezwaar < eigen
    assert bezwaar % 2 == 0 and eigen % 2 == 0  # 0-based index even = odd page number
    brief2 = res.uitkomsten[1]
    assert pagina[brief2.eerste_pagina - 1] == "Brief 2 pagina 1"
    assert brief2.eerste_pagina > eigen


def test_a_broken_document_is_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    def kapot(bid: int) -> bytes:
        if bid == 2:
            raise ConsulentFout("Het adres van de cliënt ontbreekt.")
        if bid == 3:
            return b"%PDF-1.4 dit is geen echte pdf"
        return render(bid)

    items = [BundelItem(i, f"K-{i}") for i in (1, 2, 3, 4)]
    res = bundel.maak_bundel(items, tmp_path / "p.pdf", render=kapot)
    assert res.geproduceerd == (1, 4)
    fouten = {u.label: u.fout for u in res.mislukt}
    assert fouten["K-2"] == "Het adres van de cliënt ontbreekt."
    assert "beschadigd" in (fouten["K-3"] or "")
    pagina = teksten(tmp_path / "p.pdf")
    assert pagina == ["Brief 1 pagina 1", "", "Brief 4 pagina 1", "Brief 4 pagina 2"]


def test_a_missing_enclosure_keeps_the_whole_letter_out(tmp_path: Path) -> None:
    def geen_verslag(bid: int, soort: str) -> bytes:
        raise ConsulentFout("Het gespreksverslag is niet gevonden.")

    res = bundel.maak_bundel([BundelItem(1, "K-1", ("verslag",)), BundelItem(2, "K-2")], tmp_path / "p.pdf",
                             render=render, bijlage=geen_verslag)
    assert res.geproduceerd == (2,)
    assert teksten(tmp_path / "p.pdf") == ["Brief 2 pagina 1", "Brief 2 pagina 2"]


def test_cancel_stops_cleanly_and_leaves_no_file(tmp_path: Path) -> None:
    gemaakt: list[int] = []

    def tellend(bid: int) -> bytes:
        gemaakt.append(bid)
        return render(bid)

    res = bundel.maak_bundel([BundelItem(i, f"K-{i}") for i in range(1, 11)], tmp_path / "p.pdf", render=tellend,
                             is_cancelled=lambda: len(gemaakt) >= 3)
    assert res.geannuleerd
    assert res.pad is None and res.geproduceerd == ()
    assert gemaakt == [1, 2, 3]
    assert list(tmp_path.iterdir()) == []


def test_progress_is_reported_per_letter(tmp_path: Path) -> None:
    stappen: list[tuple[int, int]] = []
    bundel.maak_bundel([BundelItem(i, f"K-{i}") for i in (1, 2)], tmp_path / "p.pdf", render=render,
                       progress=lambda d, t, _x: stappen.append((d, t)))
    assert stappen[0] == (0, 2) and stappen[-1] == (2, 2)


def test_a_leaflet_is_stored_once_however_many_letters_carry_it(tmp_path: Path) -> None:
    folder = len(bundel.folder_pdf("folder_bezwaar", "Gemeente Test"))
    items = [BundelItem(1, f"K-{i}", ("folder_bezwaar",)) for i in range(20)]
    res = bundel.maak_bundel(items, tmp_path / "p.pdf", render=render, bijlage=bijlage)
    assert len(res.geproduceerd) == 20
    assert (tmp_path / "p.pdf").stat().st_size < 5 * folder


def test_afschrift_stamps_every_page_and_keeps_the_letter(tmp_path: Path) -> None:
    gestempeld = bundel.stempel_afschrift(pdf_met("Brief 7", 2))
    pages = PdfReader(io.BytesIO(gestempeld)).pages
    assert len(pages) == 2
    for i, p in enumerate(pages, start=1):
        tekst = p.extract_text()
        assert "AFSCHRIFT" in tekst
        assert f"Brief 7 pagina {i}" in tekst


def test_leaflets_are_plain_dutch_pdfs() -> None:
    bezwaar = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(bundel.folder_pdf("folder_bezwaar"))).pages)
    assert "6 weken" in bezwaar and "kenmerk" in bezwaar
    eigen = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
        bundel.folder_pdf("folder_eigen_bijdrage"))).pages)
    assert "CAK" in eigen
    with pytest.raises(ConsulentFout):
        bundel.folder_pdf("folder_onbekend")
