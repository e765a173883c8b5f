"""The longest text a field accepts still makes a letter: it runs on over pages instead of breaking the layout."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import select

from consulent_app.db import models as m
from consulent_app.rules.validatie import LANGE_TEKST_MAX
from consulent_app.services import beschikkingen, documenten
from tests.factories import Basis
from tests.factories_zaak import maak_zaak


def test_decision_with_reasons_of_maximum_length_renders_over_several_pages(basis: Basis) -> None:
    zaak = maak_zaak(basis)
    with basis.ctx.session_factory() as s:
        regel_id = s.scalar(select(m.BeschikkingRegel.id).where(
            m.BeschikkingRegel.beschikking_id == zaak.beschikking_id))
    assert regel_id is not None
    woorden = "Mevrouw kan door haar heupklachten niet langer zelf stofzuigen of zwaar tillen. "
    tekst = (woorden * (LANGE_TEKST_MAX // len(woorden)))[:LANGE_TEKST_MAX].strip()
    beschikkingen.wijzig_regel(basis.ctx, basis["consulent"], regel_id, besluit="toegekend", motivering=tekst)
    pdf = documenten.beschikking_pdf(basis.ctx, basis["consulent"], zaak.beschikking_id)
    lezer = PdfReader(io.BytesIO(pdf))
    assert len(lezer.pages) >= 4
    alles = "".join(p.extract_text() for p in lezer.pages).replace("\n", " ")
    assert alles.count("heupklachten") >= 100
