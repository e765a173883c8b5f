"""A batch of decision letters rendered by worker processes stores what one process stores (issue 17)."""

from __future__ import annotations

import datetime as dt
from typing import Any

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
    echt = ds._Renderpool.resultaat

    def resultaat(self: ds._Renderpool, fut: object) -> bytes | None:
        uit = echt(self, fut)  # type: ignore[arg-type]
        van_werkers.append(uit is not None)
        return uit

    monkeypatch.setattr(ds._Renderpool, "resultaat", resultaat)
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


def _soorten(basis: Basis) -> list[int]:
    """Decisions of every kind the golden letters cover: grant, partial, refusal, a re-examination (herziening),
    an ending, a young person with a parent with authority, a pgb."""
    uit = _concepten(basis, ["Aarts"])
    for kw in ({"besluiten": ("gedeeltelijk",), "achternaam": "Bemelmans"},
               {"besluiten": ("afgewezen",), "achternaam": "Coenen"},
               {"aanleiding_po": True, "achternaam": "Dassen"},
               {"aanleiding_po": True, "po_uitkomst": "beeindigd", "besluiten": (), "achternaam": "Eussen"},
               {"wet": "jeugdwet", "achternaam": "Frissen"},
               {"pgb": True, "achternaam": "Geurts"}):
        typ = "beeindiging" if kw.get("po_uitkomst") == "beeindigd" else None
        zaak = maak_zaak(basis, **kw)  # type: ignore[arg-type]
        uit.append(bs.maak_concept_beschikking(basis.ctx, basis["consulent"], zaak.aanvraag_id, type=typ,  # type: ignore[arg-type]
                                               vandaag=VANDAAG))
    with basis.ctx.session_factory.begin() as s:
        s.get(m.Beschikking, uit[2]).regels[0].weigeringsgrond = "voorliggend"  # a refusal states its ground
    return uit


def _keur_goed(basis: Basis, ids: list[int]) -> None:
    with basis.ctx.session_factory.begin() as s:
        for bid in ids:
            b = s.get(m.Beschikking, bid)
            b.status, b.goedgekeurd_op, b.datum = "goedgekeurd", dt.datetime(2026, 11, 24, 10), dt.date(2026, 11, 24)
            b.toetser_id = basis["toetser"].gebruiker_id


def test_letters_read_together_say_what_letters_read_one_by_one_say(basis: Basis) -> None:
    """A batch reads a slice of decisions in a few queries (documents.gegevens.lees_beschikkingen): every letter's
    data is the same as when the decision is read on its own, in far fewer queries."""
    from sqlalchemy import event

    from consulent_app.documents.gegevens import beschikking_gegevens, lees_beschikkingen

    ids = _soorten(basis)
    _keur_goed(basis, ids[::2])  # approved letters are dated and name the objection term; concepts do not
    vragen: list[str] = []

    def tel(_conn: object, _cur: object, sql: str, *_a: object) -> None:
        vragen.append(sql)

    event.listen(basis.ctx.engine, "before_cursor_execute", tel)
    try:
        los = []
        for bid in ids:
            with basis.ctx.session_factory() as s:
                los.append(ds._lees_beschikking(basis.ctx, s, bid, VANDAAG)[1])
        los_vragen = len(vragen)
        vragen.clear()
        with basis.ctx.session_factory() as s:
            gelezen = lees_beschikkingen(s, ids)
            samen = [ds._lees_beschikking(basis.ctx, s, bid, VANDAAG)[1] for bid in ids]
            assert gelezen  # kept alive while the session is used
        samen_vragen = len(vragen)
    finally:
        event.remove(basis.ctx.engine, "before_cursor_execute", tel)
    assert samen == los
    assert [g.client_naam.split()[-1] for g in samen] == ["Aarts", "Bemelmans", "Coenen", "Dassen", "Eussen",
                                                          "Frissen", "Geurts"]
    assert {g.type for g in samen} >= {"aanvraag", "beeindiging"} and {g.wet for g in samen} == {"wmo", "jeugdwet"}
    assert {g.concept for g in samen} == {True, False}
    assert samen_vragen * 2 < los_vragen, (samen_vragen, los_vragen)
    with basis.ctx.session_factory() as s:  # and reading the data alone still gives the same
        assert [beschikking_gegevens(s, bid, basis.ctx.config, vandaag=VANDAAG) for bid in ids] == samen


def test_a_batch_stores_the_letters_one_by_one_makes_in_both_formats(basis: Basis,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Read in slices smaller than the batch and rendered in worker processes, every kind of letter comes out as
    the single-letter use case makes it, PDF and Word."""
    from tests.test_documenten import docx_tekst

    ids = _soorten(basis)
    monkeypatch.setattr(ds, "PARALLEL_VANAF", 2)
    monkeypatch.setattr(ds, "vrije_kernen", lambda: 2)
    monkeypatch.setattr(ds._Voorraad, "PLAK", 3)
    monkeypatch.setattr(ds._Voorraad, "VOORUIT", 2)
    actor = basis["consulent"]
    for formaat, lees in (("pdf", pdf_tekst), ("docx", docx_tekst)):
        batch = ds.maak_beschikkingen(basis.ctx, actor, ids, formaat, vandaag=VANDAAG)
        los = [ds.maak_beschikking_document(basis.ctx, actor, bid, formaat, vandaag=VANDAAG) for bid in ids]
        assert [d.beschikking_id for d in batch] == ids
        for b, e in zip(batch, los, strict=True):
            assert b.versie_nr + 1 == e.versie_nr and b.paginas == e.paginas
            assert lees(_inhoud(basis, b.id)) == lees(_inhoud(basis, e.id))


def test_a_letter_that_fails_its_checks_stops_the_batch_with_the_reason(basis: Basis,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Read ahead, a decision that fails a check is not rendered ahead: its own transaction checks it again and the
    batch stops there with the Dutch reason; the letters before it are stored."""
    from consulent_app.errors import RegelFout

    ids = _concepten(basis, ["Aarts", "Bemelmans", "Coenen"])
    with basis.ctx.session_factory.begin() as s:
        b = s.get(m.Beschikking, ids[1])
        vz = b.regels[0].voorziening
        vz.einddatum = vz.po_datum - dt.timedelta(days=30)  # the re-examination would fall after the end
    monkeypatch.setattr(ds, "PARALLEL_VANAF", 2)
    monkeypatch.setattr(ds, "vrije_kernen", lambda: 2)
    gemaakt: list[int] = []
    with pytest.raises(RegelFout):
        ds.maak_beschikkingen(basis.ctx, basis["consulent"], ids, "pdf", vandaag=VANDAAG,
                              progress=lambda i, _n, _t: gemaakt.append(i))
    assert gemaakt == [1]
    with basis.ctx.session_factory() as s:
        opgeslagen = s.scalars(select(m.Document.beschikking_id).where(m.Document.beschikking_id.in_(ids))).all()
    assert opgeslagen == [ids[0]]


def test_a_worker_process_renders_without_the_database_the_same_letter(basis: Basis) -> None:
    """The batch's worker (documents.werker, started by "spawn" as in the application) imports reportlab and the
    renderers only, not SQLAlchemy or the models, and makes from the same data the letter this process makes."""
    import multiprocessing
    import sys
    from concurrent.futures import ProcessPoolExecutor

    from consulent_app.documents import werker

    (bid,) = _concepten(basis, ["Hermans"])
    with basis.ctx.session_factory() as s:
        _b, g, t = ds._lees_beschikking(basis.ctx, s, bid, VANDAAG)
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=werker.start) as pool:
        daar = pool.submit(werker.render_beschikking, g, t, "pdf").result()
        # eval, not a function of this test module: unpickling that would import the module, and SQLAlchemy with it
        modules = set(pool.submit(eval, "list(__import__('sys').modules)").result())
    assert "sqlalchemy" not in modules and "consulent_app.db.models" not in modules
    assert "reportlab.platypus" in modules
    hier = werker.render_beschikking(g, t, "pdf")
    assert pdf_tekst(daar) == pdf_tekst(hier) and "Hermans" in pdf_tekst(daar)
    assert "sqlalchemy" in sys.modules  # this process has it: the check above means something


def test_paragraphs_wrapped_and_parsed_once_make_the_letter_reportlab_makes_each_time(
        basis: Basis, monkeypatch: pytest.MonkeyPatch) -> None:
    """pdf_basis.Alinea keeps a paragraph's line breaking for the width it was wrapped at, so tables and
    keep-together blocks do not break the same lines again, and parses a markup text once for the letters that
    share it: the letters are byte for byte the letters of plain reportlab paragraphs, also one whose reasons run
    over several pages and split inside a table row, also when rendered again from the parsed texts."""
    from reportlab import rl_config
    from reportlab.platypus import Paragraph

    from consulent_app.documents import pdf_basis, werker
    from consulent_app.rules.validatie import LANGE_TEKST_MAX

    ids = _concepten(basis, ["Aarts", "Bemelmans"])
    woorden = "Mevrouw kan door haar heupklachten niet langer zelf stofzuigen of zwaar tillen. "
    with basis.ctx.session_factory.begin() as s:
        s.get(m.Beschikking, ids[1]).regels[0].motivering = (woorden * (LANGE_TEKST_MAX // len(woorden))).strip()
    with basis.ctx.session_factory() as s:
        gelezen = [ds._lees_beschikking(basis.ctx, s, bid, VANDAAG) for bid in ids]
    monkeypatch.setattr(rl_config, "invariant", 1)  # no creation time or random document id: bytes comparable
    pdf_basis.Alinea._ontleed.clear()
    gewrapt = [werker.render_beschikking(g, t, "pdf") for _b, g, t in gelezen]
    # again, in the other order: now every paragraph of the first letter was parsed before (shared fragments)
    opnieuw = [werker.render_beschikking(g, t, "pdf") for _b, g, t in reversed(gelezen)][::-1]
    monkeypatch.setattr(pdf_basis, "Alinea", Paragraph)
    gewoon = [werker.render_beschikking(g, t, "pdf") for _b, g, t in gelezen]
    assert gewrapt == gewoon and opnieuw == gewoon
    assert pdf_basis.pagina_aantal(gewrapt[1]) >= 4 and pdf_tekst(gewrapt[1]).count("heupklachten") >= 100


def test_a_paragraph_wrapped_at_another_width_breaks_its_lines_again() -> None:
    from reportlab.platypus import Paragraph

    from consulent_app.documents import pdf_basis

    tekst = "Wij kennen u hulp bij het huishouden toe, twee uur per week, tot het periodiek onderzoek. " * 4
    a = pdf_basis.p(tekst)
    assert a.wrap(400, 800) == Paragraph(a.text, a.style).wrap(400, 800)
    smal = a.wrap(150, 800)
    assert smal == Paragraph(a.text, a.style).wrap(150, 800) and smal[1] > a.wrap(400, 800)[1]
    assert a.wrap(0, 800) == (0, 0x7FFFFFFF)  # reportlab's "does not fit", not a remembered answer
    assert a.wrap(400, 10) == Paragraph(a.text, a.style).wrap(400, 10)


def _batch_waarin_een_werker_sterft(basis: Basis, monkeypatch: pytest.MonkeyPatch, namen: list[str],
                                    sterf: Any) -> None:
    """A batch in two workers in which the worker that takes Bemelmans's letter dies (`sterf(werkpool, g, t,
    formaat)` submits that letter's work): the pool is given up, every letter is stored, each its own client's."""
    ids = _concepten(basis, namen)
    monkeypatch.setattr(ds, "PARALLEL_VANAF", 2)
    monkeypatch.setattr(ds, "vrije_kernen", lambda: 2)
    monkeypatch.setattr(ds._Voorraad, "PLAK", 2)
    monkeypatch.setattr(ds._Voorraad, "VOORUIT", 1)
    pools: list[ds._Renderpool] = []
    echt = ds._Renderpool.submit

    def submit(self: ds._Renderpool, g: object, t: object, formaat: str) -> object:
        if not pools:
            self.werkpool.NADENKEN_S = 0.5
            pools.append(self)
        if getattr(g, "client_naam", "").endswith("Bemelmans"):
            return sterf(self.werkpool, g, t, formaat)
        return echt(self, g, t, formaat)  # type: ignore[arg-type]

    monkeypatch.setattr(ds._Renderpool, "submit", submit)
    gemaakt = ds.maak_beschikkingen(basis.ctx, basis["consulent"], ids, "pdf", vandaag=VANDAAG)
    assert pools and pools[0].kapot  # the pool broke down and was given up
    assert [d.beschikking_id for d in gemaakt] == ids
    for naam, d in zip(namen, gemaakt, strict=True):
        assert naam in pdf_tekst(_inhoud(basis, d.id))


def test_when_a_worker_process_dies_the_batch_goes_on_in_this_process(basis: Basis,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker that dies on a letter (a crash in native code, killed for memory): the pool is given up and the
    letters it did not deliver are rendered by the storing process from the data it read; every letter is stored,
    each the letter of its own client."""
    _batch_waarin_een_werker_sterft(basis, monkeypatch, ["Aarts", "Bemelmans", "Coenen", "Dassen", "Eussen"],
                                    lambda pool, _g, _t, _f: pool.submit(len, _Doodt()))


@pytest.mark.timeout(180)
def test_when_a_worker_dies_while_sending_a_letter_back_the_batch_goes_on_in_this_process(
        basis: Basis, monkeypatch: pytest.MonkeyPatch) -> None:
    """Killed at the very moment it sends its letter back, a worker left CPython's pool waiting for the rest of
    that letter for good: the batch stood still. Now the pool is given up and the storing process makes the rest."""
    from consulent_app.documents import werker
    from tests import werkproces_hulp as hulp

    _batch_waarin_een_werker_sterft(
        basis, monkeypatch, ["Aarts", "Bemelmans", "Coenen", "Dassen"],
        lambda pool, g, t, f: pool.submit(hulp.sterf_bij_het_antwoord, werker.render_beschikking, g, t, f))


class _Doodt:
    """Unpickled in a worker process, it ends that process at once (as a crash would), holding no lock."""

    def __reduce__(self) -> tuple[object, tuple[int]]:
        import os

        return os._exit, (70,)
