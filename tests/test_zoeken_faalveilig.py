"""Searches fail safe, and the Word report renders for very long names (issue 15 point 10)."""

from __future__ import annotations

import io

import pytest
from docx import Document as WordDocument

from consulent_app.db import models as m
from consulent_app.errors import ValidatieFout
from consulent_app.services import documenten, dossiers
from consulent_app.services.base import Actor
from tests.factories import Basis
from tests.factories_zaak import maak_zaak


def _zonder_teams(actor: Actor, basis: Basis) -> Actor:
    """A user of a role that reads dossiers but serves no team (e.g. a team leader between teams)."""
    with basis.ctx.session_factory.begin() as s:
        g = s.get(m.Gebruiker, actor.gebruiker_id)
        assert g is not None
        g.team_id = None
        g.bediende_teams = []
    from consulent_app.services.base import actor_by_username

    return actor_by_username(basis.ctx, actor.gebruikersnaam)


def test_a_user_without_teams_finds_nobody(basis: Basis) -> None:
    basis.client("Zoekbaar")
    basis.client("Zoekbaar", team="b", actor="consulent_b")
    assert len(dossiers.zoek_clienten(basis.ctx, basis["toetser"], "zoekbaar")) == 2  # serves both teams
    leeg = _zonder_teams(basis["toetser"], basis)
    assert dossiers.zoek_clienten(basis.ctx, leeg, "zoekbaar") == []
    assert dossiers.zoek_clienten(basis.ctx, leeg, "") == []


@pytest.mark.parametrize(("term", "woorden"), [
    ("a" * 1_000_000, "hoogstens 100 tekens"),
    ("Jans\x00sen", "stuurteken"),
    ("Jans\ud800sen", "geen tekst"),
])
def test_a_strange_search_term_gets_a_dutch_message_at_the_field(basis: Basis, term: str, woorden: str) -> None:
    basis.client("Janssen")
    with pytest.raises(ValidatieFout) as exc:
        dossiers.zoek_clienten(basis.ctx, basis["consulent"], term)
    assert exc.value.fouten.keys() == {"zoekterm"}
    assert woorden in exc.value.fouten["zoekterm"]


def test_percent_and_underscore_are_searched_literally(basis: Basis) -> None:
    basis.client("Janssen")
    assert dossiers.zoek_clienten(basis.ctx, basis["consulent"], "%") == []
    assert dossiers.zoek_clienten(basis.ctx, basis["consulent"], "j_nssen") == []
    assert [r.naam for r in dossiers.zoek_clienten(basis.ctx, basis["consulent"], "anss")] == ["Maria Janssen"]


def test_the_word_report_and_letter_render_for_a_272_character_name(basis: Basis) -> None:
    zaak = maak_zaak(basis, achternaam="A" * 200)
    with basis.ctx.session_factory.begin() as s:
        c = s.get(m.Client, zaak.client_id)
        assert c is not None
        c.voornamen = "Maria-" + "B" * 65
        naam = dossiers.volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam)
    assert len(naam) == 272
    verslag = documenten.maak_verslag(basis.ctx, basis["consulent"], zaak.onderzoek_id, "docx")
    assert zaak.beschikking_id is not None
    brief = documenten.maak_beschikking_document(basis.ctx, basis["consulent"], zaak.beschikking_id, "docx")
    for info in (verslag, brief):
        doc = WordDocument(io.BytesIO(documenten.haal_document(basis.ctx, basis["consulent"], info.id).inhoud))
        assert len(doc.core_properties.title) <= 255
        tekst = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
            c.text for t in doc.tables for r in t.rows for c in r.cells)
        assert "A" * 200 in tekst, "the whole name is in the document itself"
