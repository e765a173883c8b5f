"""Need to know for administrative staff (issue 15 point 3): they see what they must send (approved and sent
decisions, their enclosures), never a concept decision or the report of a file still under investigation."""

from __future__ import annotations

import datetime as dt

import pytest

from consulent_app.db import models as m
from consulent_app.domain import BeschikkingStatus
from consulent_app.errors import GeenToegang
from consulent_app.services import documenten, verzending
from tests.factories import Basis
from tests.factories_zaak import maak_zaak


def _zet_status(basis: Basis, beschikking_id: int, status: BeschikkingStatus) -> None:
    with basis.ctx.session_factory.begin() as s:
        b = s.get(m.Beschikking, beschikking_id)
        assert b is not None
        b.status = status.value
        if status is not BeschikkingStatus.CONCEPT and b.ter_toetsing_op is None:
            b.ter_toetsing_op = m.utcnow()
        if status is BeschikkingStatus.GOEDGEKEURD:
            b.goedgekeurd_op = m.utcnow()
            b.toetser_id = basis["toetser"].gebruiker_id


def _geweigerd(fn, *args) -> bool:  # type: ignore[no-untyped-def]
    try:
        fn(*args)
    except GeenToegang:
        return True
    return False


def test_administrative_staff_see_only_what_they_send(basis: Basis) -> None:
    zaak = maak_zaak(basis, achternaam="Nodig")
    assert zaak.beschikking_id is not None
    bid, oid = zaak.beschikking_id, zaak.onderzoek_id
    verslag = documenten.maak_verslag(basis.ctx, basis["consulent"], oid)
    concept = documenten.maak_beschikking_document(basis.ctx, basis["consulent"], bid)
    adm, ctx = basis["administratie"], basis.ctx

    def alles_geweigerd() -> list[str]:
        pogingen = {
            "beschikking_pdf": lambda: documenten.beschikking_pdf(ctx, adm, bid),
            "verslag_pdf": lambda: documenten.verslag_pdf(ctx, adm, oid),
            "verslag (opgeslagen)": lambda: documenten.haal_document(ctx, adm, verslag.id),
            "concept (opgeslagen)": lambda: documenten.haal_document(ctx, adm, concept.id),
            "render van de verzendlijst": lambda: verzending.beschikking_render(ctx, adm)(bid),
            "bijlage van de verzendlijst": lambda: verzending.bijlage_render(ctx, adm)(bid, "verslag"),
        }
        return [naam for naam, f in pogingen.items() if not _geweigerd(f)]

    assert alles_geweigerd() == [], "a concept decision and its report under investigation are not for the mail room"
    _zet_status(basis, bid, BeschikkingStatus.TER_TOETSING)
    assert alles_geweigerd() == [], "under review it is still not the mail room's"
    _zet_status(basis, bid, BeschikkingStatus.GOEDGEKEURD)

    # Approved: the letter, its enclosure (the report) and a final version stored after approval.
    assert documenten.beschikking_pdf(ctx, adm, bid).startswith(b"%PDF")
    assert documenten.verslag_pdf(ctx, adm, oid).startswith(b"%PDF")
    assert documenten.haal_document(ctx, adm, verslag.id).inhoud.startswith(b"%PDF")
    assert verzending.bijlage_render(ctx, adm)(bid, "verslag").startswith(b"%PDF")
    definitief = documenten.maak_beschikking_document(ctx, adm, bid, vandaag=dt.date.today())
    assert documenten.haal_document(ctx, adm, definitief.id).inhoud.startswith(b"%PDF")
    # The draft stored before the review stays the consultant's, even now.
    assert _geweigerd(documenten.haal_document, ctx, adm, concept.id)
    # Consultants and reviewers keep reading everything of their team.
    assert documenten.haal_document(ctx, basis["consulent"], concept.id).inhoud.startswith(b"%PDF")


@pytest.mark.parametrize("status", [BeschikkingStatus.CONCEPT, BeschikkingStatus.TERUGGESTUURD])
def test_a_report_without_an_approved_decision_is_refused_to_the_mail_room(basis: Basis,
                                                                           status: BeschikkingStatus) -> None:
    zaak = maak_zaak(basis, achternaam="Onderzoek")
    assert zaak.beschikking_id is not None
    _zet_status(basis, zaak.beschikking_id, status)
    with pytest.raises(GeenToegang, match="alleen goedgekeurde en verzonden"):
        documenten.verslag_pdf(basis.ctx, basis["administratie"], zaak.onderzoek_id)
