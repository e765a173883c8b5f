"""The Verzendlijst shows how many pages each letter has without ever rendering a letter (issue 17).

A stored letter carries its page count; a letter rendered without storing it (preview, printing) leaves its
count for that version of the decision. The list only reads those counts.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from pypdf import PdfReader

from consulent_app.db import models as m
from consulent_app.documents import beschikking_pdf as beschikking_pdf_render
from consulent_app.services import beschikkingen as bs
from consulent_app.services import documenten as ds
from consulent_app.services import verzending as vz
from tests.factories import Basis
from tests.factories_documenten import maak_zaak

VANDAAG = dt.date(2026, 11, 25)


def goedgekeurd(basis: Basis, achternaam: str = "Pagina") -> int:
    """A complete case whose decision letter renders, approved by the reviewer."""
    zaak = maak_zaak(basis, achternaam=achternaam)
    bid = bs.maak_concept_beschikking(basis.ctx, basis["consulent"], zaak.aanvraag_id, vandaag=VANDAAG)
    with basis.ctx.session_factory.begin() as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        b.status, b.ter_toetsing_op = "goedgekeurd", dt.datetime(2026, 11, 23, 9, 0)
        b.goedgekeurd_op = dt.datetime(2026, 11, 24, 10, 30)
    return bid


@pytest.fixture()
def renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every rendering of a decision letter (the real renderer still runs)."""
    teller: list[int] = []
    echt = beschikking_pdf_render.render

    def render(*args: Any, **kw: Any) -> bytes:
        teller.append(1)
        return echt(*args, **kw)

    monkeypatch.setattr(beschikking_pdf_render, "render", render)
    return teller


def regel(basis: Basis, bid: int) -> vz.VerzendRegel:
    return next(r for r in vz.verzendlijst(basis.ctx, basis["administratie"]) if r.beschikking_id == bid)


def test_the_list_never_renders_a_letter_to_count_its_pages(basis: Basis, renders: list[int]) -> None:
    bid = goedgekeurd(basis)
    assert regel(basis, bid).paginas is None  # never rendered: not known, and not worked out now
    assert renders == []


def test_a_letter_previewed_once_shows_its_pages_without_rendering_again(basis: Basis, renders: list[int]) -> None:
    bid = goedgekeurd(basis)
    pdf = vz.voorbeeld_pdf(basis.ctx, basis["administratie"], bid)
    assert renders == [1]
    assert regel(basis, bid).paginas == len(PdfReader(io.BytesIO(pdf)).pages)
    assert regel(basis, bid).paginas == len(PdfReader(io.BytesIO(pdf)).pages)
    assert renders == [1]


def test_the_kept_count_belongs_to_one_version_of_the_decision(basis: Basis, renders: list[int]) -> None:
    """After the decision changed, the old letter's count is not shown as if it were the new letter's."""
    bid = goedgekeurd(basis)
    vz.voorbeeld_pdf(basis.ctx, basis["administratie"], bid)
    assert regel(basis, bid).paginas
    vz.wijzig_bijlagen(basis.ctx, basis["administratie"], bid, ["verslag", "folder_bezwaar"])
    assert regel(basis, bid).paginas is None
    vz.voorbeeld_pdf(basis.ctx, basis["administratie"], bid)
    assert regel(basis, bid).paginas
    assert len(renders) == 2


def test_a_stored_final_letter_gives_its_own_count(basis: Basis, renders: list[int]) -> None:
    bid = goedgekeurd(basis)
    info = ds.maak_beschikking_document(basis.ctx, basis["toetser"], bid, "pdf", vandaag=VANDAAG)
    assert info.paginas and regel(basis, bid).paginas == info.paginas
    assert renders == [1]


def test_many_letters_counted_in_a_print_file_show_in_the_list(basis: Basis, renders: list[int],
                                                               tmp_path: Any) -> None:
    ids = [goedgekeurd(basis, f"Naam{i}") for i in range(3)]
    res = vz.maak_printbestand(basis.ctx, basis["administratie"], ids, tmp_path / "p.pdf", duplex=False,
                               parallel=False)
    assert set(res.geproduceerd) == set(ids)
    lijst = {r.beschikking_id: r.paginas for r in vz.verzendlijst(basis.ctx, basis["administratie"])}
    assert all(lijst[i] for i in ids)
    brieven = sum(lijst[i] or 0 for i in ids)
    assert brieven < res.paginas  # the letters plus their enclosures
    assert len(renders) == 3
