"""A batch of decision letters rendered by worker processes stores what one process stores (issue 17)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from consulent_app.db import models as m
from consulent_app.services import beschikkingen as bs
from consulent_app.services import documenten as ds
from tests.factories import Basis
from tests.factories_documenten import maak_zaak
from tests.test_documenten import pdf_tekst

VANDAAG = dt.date(2026, 11, 25)


def _concepten(basis: Basis, namen: list[str]) -> list[int]:
    uit = []
    for naam in namen:
        zaak = maak_zaak(basis, besluiten=("toegekend", "toegekend"), achternaam=naam)
        uit.append(bs.maak_concept_beschikking(basis.ctx, basis["consulent"], zaak.aanvraag_id, vandaag=VANDAAG))
    return uit


def _inhoud(basis: Basis, document_id: int) -> bytes:
    with basis.ctx.session_factory() as s:
        return s.scalars(select(m.Document.inhoud).where(m.Document.id == document_id)).one()


def test_letters_rendered_by_workers_are_the_letters_one_process_makes(basis: Basis,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    namen = ["Aarts", "Bemelmans", "Coenen"]
    ids = _concepten(basis, namen)
    monkeypatch.setattr(ds, "PARALLEL_VANAF", 2)
    monkeypatch.setattr(ds, "vrije_kernen", lambda: 2)  # as on an idle machine, whatever else runs here
    van_werkers: list[bool] = []
    echt = ds._Renderpool.volgende

    def volgende(self: ds._Renderpool, bid: int) -> ds._Gerenderd | None:
        uit = echt(self, bid)
        van_werkers.append(uit is not None)
        return uit

    monkeypatch.setattr(ds._Renderpool, "volgende", volgende)
    stappen: list[int] = []
    parallel = ds.maak_beschikkingen(basis.ctx, basis["consulent"], ids, "pdf", vandaag=VANDAAG,
                                     progress=lambda i, _n, _t: stappen.append(i))
    serieel = ds.maak_beschikkingen(basis.ctx, basis["consulent"], ids, "pdf", vandaag=VANDAAG, parallel=False)
    assert stappen == [1, 2, 3]
    assert van_werkers == [True, True, True]  # rendered in the worker processes, stored here
    assert [d.versie_nr for d in parallel] == [1, 1, 1] and [d.versie_nr for d in serieel] == [2, 2, 2]
    for naam, p, s in zip(namen, parallel, serieel, strict=True):
        tekst = pdf_tekst(_inhoud(basis, p.id))
        assert naam in tekst  # each letter in its own place, in order
        assert tekst == pdf_tekst(_inhoud(basis, s.id))


def test_a_letter_rendered_from_an_older_version_of_the_decision_is_rendered_again(basis: Basis) -> None:
    (bid,) = _concepten(basis, ["Dassen"])
    with basis.ctx.session_factory() as s:
        versie = s.get(m.Beschikking, bid).versie
    oud = ds._Gerenderd(versie - 1, "pdf", b"%PDF-1.4 verouderd", "Beschikking oud")
    info = ds._maak_beschikking_document(basis.ctx, basis["consulent"], bid, "pdf", vandaag=VANDAAG, gerenderd=oud)
    inhoud = _inhoud(basis, info.id)
    assert inhoud != oud.inhoud and "Dassen" in pdf_tekst(inhoud)
    actueel = ds._Gerenderd(versie, "pdf", inhoud, "Beschikking klaar")
    info2 = ds._maak_beschikking_document(basis.ctx, basis["consulent"], bid, "pdf", vandaag=VANDAAG,
                                          gerenderd=actueel)
    assert _inhoud(basis, info2.id) == inhoud  # the worker's letter is stored as it is


def test_a_busy_machine_renders_in_one_process(basis: Basis, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _concepten(basis, ["Eussen", "Frissen"])
    monkeypatch.setattr(ds, "PARALLEL_VANAF", 2)
    monkeypatch.setattr(ds, "vrije_kernen", lambda: 0)
    monkeypatch.setattr(ds, "_Renderpool", None)  # would fail if it were started
    gemaakt = ds.maak_beschikkingen(basis.ctx, basis["consulent"], ids, "pdf", vandaag=VANDAAG)
    assert [d.versie_nr for d in gemaakt] == [1, 1]


def test_every_letter_of_a_batch_carries_the_logo_with_its_transparency(basis: Basis) -> None:
    """The logo is encoded once per process and reused (documents/beschikking_pdf._logo_bron): each letter still
    embeds it whole, once, with its transparency mask, the pixels of the logo file."""
    import io

    from PIL import Image
    from pypdf import PdfReader

    from consulent_app import paths

    ids = _concepten(basis, ["Aarts", "Bemelmans"])
    gemaakt = ds.maak_beschikkingen(basis.ctx, basis["consulent"], ids, "pdf", vandaag=VANDAAG, parallel=False)
    origineel = Image.open(paths.resources_dir() / "logo.png").convert("RGBA")
    for d in gemaakt:
        reader = PdfReader(io.BytesIO(_inhoud(basis, d.id)))
        beelden = reader.pages[0].images
        assert len(beelden) == 1  # the logo, once, on the first page only
        assert not any(p.images for p in reader.pages[1:])
        beeld = beelden[0].image.convert("RGBA")
        assert beeld.size == origineel.size
        assert beeld.tobytes() == origineel.tobytes()  # colours and the transparency mask both came through
