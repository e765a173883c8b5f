"""Issue 12: decisions a municipal jurist signs without corrections. Each test names its rule and article and
reads what the client reads: the text extracted from the PDF and the Word file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from consulent_app.config import load_defaults
from consulent_app.db import models as m
from consulent_app.domain import BeschikkingType, Wet
from consulent_app.errors import ValidatieFout
from consulent_app.rules.grondslag import wettelijke_grondslag
from consulent_app.services import beschikkingen as bs
from consulent_app.services import documenten as ds
from consulent_app.services import verzending as vz
from tests.factories import Basis
from tests.factories_documenten import maak_zaak
from tests.test_documenten import docx_tekst, pdf_tekst

VANDAAG = dt.date(2026, 11, 25)


def _keur_goed(basis: Basis, bid: int, op: dt.date) -> None:
    with basis.ctx.session_factory.begin() as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        b.status, b.goedgekeurd_op, b.datum = "goedgekeurd", dt.datetime.combine(op, dt.time(10, 0)), op
        b.ter_toetsing_op = dt.datetime.combine(op, dt.time(9, 0))
        b.toetser_id = basis["toetser"].gebruiker_id


def _beschikking(basis: Basis, **kw: object) -> int:
    type_ = kw.pop("type", None)
    zaak = maak_zaak(basis, **kw)  # type: ignore[arg-type]
    return bs.maak_concept_beschikking(basis.ctx, basis["consulent"], zaak.aanvraag_id, type=type_,  # type: ignore[arg-type]
                                       vandaag=VANDAAG)


def _teksten(basis: Basis, bid: int, actor: str = "consulent") -> tuple[str, str]:
    pdf = ds.maak_beschikking_document(basis.ctx, basis[actor], bid, "pdf", vandaag=VANDAAG)
    docx = ds.maak_beschikking_document(basis.ctx, basis[actor], bid, "docx", vandaag=VANDAAG)
    return (pdf_tekst(ds.haal_document(basis.ctx, basis[actor], pdf.id).inhoud).replace("\u00a0", " "),
            docx_tekst(ds.haal_document(basis.ctx, basis[actor], docx.id).inhoud).replace("\u00a0", " "))


# --- 1. the date on the letter is the day it is sent ----------------------------------------------------------


def test_the_letter_is_dated_on_its_sending_day_not_on_approval(basis: Basis, tmp_path: Path) -> None:
    """Awb 3:41, 6:7, 6:8: a decision approved on 2 November and sent on 23 November says 23 November, and its
    objection term runs from then (last day 4 January 2027), not five weeks too early."""
    bid = _beschikking(basis)
    _keur_goed(basis, bid, dt.date(2026, 11, 2))
    # The reviewer stored the final letter on the day of approval: that version is not the one that is sent.
    ds.maak_beschikking_document(basis.ctx, basis["toetser"], bid, "pdf", vandaag=dt.date(2026, 11, 2))
    admin = basis["administratie"]
    verzenddag = dt.date(2026, 11, 23)
    res = vz.maak_printbestand(basis.ctx, admin, [bid], tmp_path / "post.pdf", parallel=False,
                               verzenddatum=verzenddag, vandaag=dt.date(2026, 11, 20))
    assert res.geproduceerd == (bid,)
    assert res.pad is not None
    tekst = pdf_tekst(res.pad.read_bytes())
    assert "Datum 23 november 2026" in tekst and "2 november 2026" not in tekst.split("Kenmerk")[0]
    assert "Wij hebben dit besluit verstuurd op 23 november 2026" in tekst
    assert "De laatste dag om bezwaar te maken is 4 januari 2027" in tekst
    assert [r.briefdatum for r in vz.verzendlijst(basis.ctx, admin)] == [verzenddag]

    # Marking it sent on another day than the printed one is refused at the date field, and nothing is sent.
    with pytest.raises(ValidatieFout) as exc:
        vz.markeer_verzonden(basis.ctx, admin, [bid], dt.date(2026, 11, 24), "post", vandaag=VANDAAG)
    assert "draagt de datum 23-11-2026" in exc.value.fouten["datum"]
    assert "opnieuw af" in exc.value.fouten["datum"]
    [uit] = vz.markeer_verzonden(basis.ctx, admin, [bid], verzenddag, "post", vandaag=VANDAAG)
    assert uit.bezwaartermijn_einde == dt.date(2027, 1, 4)

    # The copy keeps the original's date; the dossier shows the decision date and the sending date.
    afschrift = pdf_tekst(vz.afschrift_pdf(basis.ctx, admin, bid))
    assert "AFSCHRIFT" in afschrift and "Datum 23 november 2026" in afschrift
    assert "De laatste dag om bezwaar te maken is 4 januari 2027" in afschrift
    from consulent_app.services import dossiers

    zaak_client = bs.haal_beschikking(basis.ctx, basis["consulent"], bid).client_id
    d = dossiers.open_dossier(basis.ctx, basis["consulent"], zaak_client)
    [bv] = [x for x in d.beschikkingen if x.id == bid]
    assert (bv.datum, bv.verzonden_op) == (dt.date(2026, 11, 2), verzenddag)


def test_a_letter_cannot_be_dated_before_today(basis: Basis, tmp_path: Path) -> None:
    """Awb 3:41: the date on the letter is the day it leaves, so a past sending date is refused at the field."""
    bid = _beschikking(basis)
    _keur_goed(basis, bid, dt.date(2026, 11, 2))
    with pytest.raises(ValidatieFout) as exc:
        vz.maak_printbestand(basis.ctx, basis["administratie"], [bid], tmp_path / "p.pdf", parallel=False,
                             verzenddatum=dt.date(2026, 11, 20), vandaag=VANDAAG)
    assert "in het verleden" in exc.value.fouten["verzenddatum"]
    assert not (tmp_path / "p.pdf").exists()


# --- 9. the objection clause ----------------------------------------------------------------------------------


def test_objection_clause_counts_a_posted_objection_that_arrives_within_a_week(basis: Basis) -> None:
    """Awb 6:9: an objection posted before the end of the term counts if it arrives within a week after it; the
    letter names the last day once its sending date is known, and never says it must be "bij ons" by then."""
    bid = _beschikking(basis)
    concept_pdf, concept_docx = _teksten(basis, bid)
    for tekst in (concept_pdf, concept_docx):
        assert "Als wij dit besluit versturen, staat hier de laatste dag om bezwaar te maken" in tekst
        assert "De verzenddatum staat bovenaan deze brief" not in tekst
    _keur_goed(basis, bid, dt.date(2026, 11, 24))
    for tekst in _teksten(basis, bid, "toetser"):
        assert "Wij hebben dit besluit verstuurd op 25 november 2026" in tekst
        assert "De laatste dag om bezwaar te maken is 6 januari 2027" in tekst
        assert ("Dan is het ook op tijd als u het uiterlijk op 6 januari 2027 op de post doet en wij het niet later "
                "dan een week daarna ontvangen (artikel 6:9 van de Algemene wet bestuursrecht)") in tekst
        assert "bij ons zijn" not in tekst


# --- 6. the legal basis ---------------------------------------------------------------------------------------


def test_every_decision_names_its_legal_basis() -> None:
    """Awb 3:47: art. 2.3.5 Wmo 2015 for a decision on a request, art. 2.3.10 Wmo 2015 for a change or ending,
    art. 2.3 Jeugdwet; each with the configured article of the local regulation."""
    b = load_defaults().besluiten
    assert wettelijke_grondslag(Wet.WMO, BeschikkingType.AANVRAAG, b) == (
        "artikel 2.3.5 van de Wet maatschappelijke ondersteuning 2015",
        "artikel 12 van de Verordening maatschappelijke ondersteuning Maastricht 2020")
    assert wettelijke_grondslag(Wet.WMO, BeschikkingType.HERZIENING, b)[0] == (
        "artikel 2.3.10 van de Wet maatschappelijke ondersteuning 2015")
    assert wettelijke_grondslag(Wet.WMO, BeschikkingType.BEEINDIGING, b)[1] == (
        "artikel 17 van de Verordening maatschappelijke ondersteuning Maastricht 2020")
    assert wettelijke_grondslag(Wet.JEUGDWET, BeschikkingType.AANVRAAG, b) == (
        "artikel 2.3 van de Jeugdwet", "artikel 8 van de Verordening jeugdhulp Maastricht 2020")


@pytest.mark.parametrize(("kw", "verwacht"), [
    ({}, "Wij nemen dit besluit op grond van artikel 2.3.5 van de Wet maatschappelijke ondersteuning 2015 en "
         "artikel 12 van de Verordening maatschappelijke ondersteuning Maastricht 2020."),
    ({"aanleiding_po": True}, "Wij nemen dit besluit op grond van artikel 2.3.10 van de Wet maatschappelijke "
                              "ondersteuning 2015 en artikel 17 van de Verordening maatschappelijke ondersteuning "
                              "Maastricht 2020."),
    ({"wet": "jeugdwet"}, "Wij nemen dit besluit op grond van artikel 2.3 van de Jeugdwet en artikel 8 van de "
                          "Verordening jeugdhulp Maastricht 2020."),
])
def test_the_letter_states_its_legal_basis(basis: Basis, kw: dict[str, object], verwacht: str) -> None:
    """Awb 3:47 lid 1: the letter names the statutory provision it rests on, in the PDF and in the Word file."""
    bid = _beschikking(basis, **kw)
    for tekst in _teksten(basis, bid):
        assert "Waarop is dit besluit gebaseerd?" in tekst
        assert verwacht in tekst
