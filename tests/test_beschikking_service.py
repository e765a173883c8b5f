"""The decision on a request: one per request, one line per provision, unique kenmerk, and the rules it obeys."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from consulent_app.db import models as m
from consulent_app.errors import ConflictFout, GeenToegang, RegelFout
from consulent_app.services import beschikkingen as bs
from consulent_app.services.base import transactie
from tests.factories import Basis
from tests.factories_documenten import maak_zaak, oude_voorziening_id

VANDAAG = dt.date(2026, 11, 25)


def _aantal_beschikkingen(basis: Basis) -> int:
    with transactie(basis.ctx) as s:
        return s.scalar(select(func.count()).select_from(m.Beschikking)) or 0


def test_one_decision_per_request_with_one_line_per_provision(basis: Basis) -> None:
    zaak = maak_zaak(basis, besluiten=("toegekend", "afgewezen"))
    bid = bs.maak_concept_beschikking(basis.ctx, basis["consulent"], zaak.aanvraag_id, vandaag=VANDAAG)
    d = bs.haal_beschikking(basis.ctx, basis["consulent"], bid)
    assert d.type == "aanvraag" and d.status == "concept"
    assert [(r.voorziening_id, r.besluit) for r in d.regels] == list(zip(zaak.voorziening_ids,
                                                                       ["toegekend", "afgewezen"], strict=True))
    assert all(r.motivering and "Netto" in r.motivering for r in d.regels)
    assert d.regels[0].omvang == "2 uur per week"
    with pytest.raises(RegelFout, match="bestaat al een beschikking"):
        bs.maak_concept_beschikking(basis.ctx, basis["consulent"], zaak.aanvraag_id, vandaag=VANDAAG)
    assert _aantal_beschikkingen(basis) == 1


def test_kenmerk_is_prefix_year_and_six_digit_sequence_after_existing_numbers(basis: Basis) -> None:
    eerste = maak_zaak(basis)
    tweede = maak_zaak(basis, achternaam="Peeters")
    with basis.ctx.session_factory.begin() as s:  # a number already used this year (e.g. demo or import)
        oud = maak_zaak(basis, achternaam="Oud")
        s.add(m.Beschikking(aanvraag_id=oud.aanvraag_id, client_id=oud.client_id, kenmerk="MAA-2026-000041",
                            auteur_id=basis["consulent"].gebruiker_id))
    b1 = bs.maak_concept_beschikking(basis.ctx, basis["consulent"], eerste.aanvraag_id, vandaag=VANDAAG)
    b2 = bs.maak_concept_beschikking(basis.ctx, basis["consulent"], tweede.aanvraag_id, vandaag=VANDAAG)
    k1 = bs.haal_beschikking(basis.ctx, basis["consulent"], b1).kenmerk
    k2 = bs.haal_beschikking(basis.ctx, basis["consulent"], b2).kenmerk
    assert (k1, k2) == ("MAA-2026-000042", "MAA-2026-000043")
    derde = maak_zaak(basis, achternaam="Nieuwjaar")
    b3 = bs.maak_concept_beschikking(basis.ctx, basis["consulent"], derde.aanvraag_id, vandaag=dt.date(2027, 1, 4))
    assert bs.haal_beschikking(basis.ctx, basis["consulent"], b3).kenmerk == "MAA-2027-000001"


def test_no_decision_for_an_investigation_that_is_not_complete(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.2 / criterion 12: the decision follows the completed investigation and its report."""
    zaak = maak_zaak(basis, afgerond=False)
    with pytest.raises(RegelFout, match="niet afgerond"):
        bs.maak_concept_beschikking(basis.ctx, basis["consulent"], zaak.aanvraag_id, vandaag=VANDAAG)
    assert _aantal_beschikkingen(basis) == 0


def test_no_granted_provision_without_end_date_or_po(basis: Basis) -> None:
    """Domain brief sections 5 and 7 (Verordening art. 12): a granted provision has an end date or a planned PO."""
    zaak = maak_zaak(basis, besluiten=("afgewezen", "toegekend"), po=False)
    with pytest.raises(RegelFout) as exc:
        bs.maak_concept_beschikking(basis.ctx, basis["consulent"], zaak.aanvraag_id, vandaag=VANDAAG)
    assert "Begeleiding individueel" in str(exc.value) and "einddatum" in str(exc.value)
    assert _aantal_beschikkingen(basis) == 0


def test_refusal_needs_reasons(basis: Basis) -> None:
    """Awb 3:46: a decision, and certainly a refusal, rests on reasons the client can read."""
    zaak = maak_zaak(basis, besluiten=("afgewezen",))
    with basis.ctx.session_factory.begin() as s:
        vz = s.get(m.Voorziening, zaak.voorziening_ids[0])
        assert vz is not None
        vz.motivering = None
    with pytest.raises(RegelFout, match="motivering"):
        bs.maak_concept_beschikking(basis.ctx, basis["consulent"], zaak.aanvraag_id, vandaag=VANDAAG)


def test_need_to_know_and_role(basis: Basis) -> None:
    zaak = maak_zaak(basis)
    with pytest.raises(GeenToegang):
        bs.maak_concept_beschikking(basis.ctx, basis["consulent_b"], zaak.aanvraag_id, vandaag=VANDAAG)
    with pytest.raises(GeenToegang):
        bs.maak_concept_beschikking(basis.ctx, basis["toetser"], zaak.aanvraag_id, vandaag=VANDAAG)


def test_change_a_line_bumps_version_and_refuses_stale_or_unlawful_changes(basis: Basis) -> None:
    zaak = maak_zaak(basis)
    bid = bs.maak_concept_beschikking(basis.ctx, basis["consulent"], zaak.aanvraag_id, vandaag=VANDAAG)
    d = bs.haal_beschikking(basis.ctx, basis["consulent"], bid)
    nieuw = bs.wijzig_regel(basis.ctx, basis["consulent"], d.regels[0].id, besluit="gedeeltelijk",
                            motivering="Alleen het schoonmaken, niet de administratie.", versie=d.versie)
    assert nieuw.regels[0].besluit_label == "Gedeeltelijk toegekend" and nieuw.versie > d.versie
    with pytest.raises(ConflictFout):
        bs.wijzig_regel(basis.ctx, basis["consulent"], d.regels[0].id, besluit="toegekend", motivering="x",
                        versie=d.versie)
    with pytest.raises(RegelFout, match="motivering"):
        bs.wijzig_regel(basis.ctx, basis["consulent"], d.regels[0].id, besluit="afgewezen", motivering="  ",
                        versie=nieuw.versie)
    with basis.ctx.session_factory.begin() as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        b.status = "ter_toetsing"
    with pytest.raises(RegelFout, match="niet meer"):
        bs.wijzig_regel(basis.ctx, basis["consulent"], d.regels[0].id, besluit="toegekend", motivering="x")


def test_request_after_re_examination_becomes_a_herziening(basis: Basis) -> None:
    zaak = maak_zaak(basis, aanleiding_po=True)
    bid = bs.maak_concept_beschikking(basis.ctx, basis["consulent"], zaak.aanvraag_id, vandaag=VANDAAG)
    assert bs.haal_beschikking(basis.ctx, basis["consulent"], bid).type == "herziening"


def test_beeindiging_lists_the_ended_provision_and_needs_its_end_date(basis: Basis) -> None:
    zaak = maak_zaak(basis, aanleiding_po=True, besluiten=())
    with pytest.raises(RegelFout, match="einddatum"):
        bs.maak_concept_beschikking(basis.ctx, basis["consulent"], zaak.aanvraag_id, type="beeindiging",
                                    vandaag=VANDAAG)
    oud = oude_voorziening_id(basis, zaak.aanvraag_id)
    with basis.ctx.session_factory.begin() as s:
        vz = s.get(m.Voorziening, oud)
        assert vz is not None
        vz.einddatum = dt.date(2026, 12, 31)
    bid = bs.maak_concept_beschikking(basis.ctx, basis["consulent"], zaak.aanvraag_id, type="beeindiging",
                                      vandaag=VANDAAG)
    d = bs.haal_beschikking(basis.ctx, basis["consulent"], bid)
    assert d.type == "beeindiging" and [(r.voorziening_id, r.besluit_label) for r in d.regels] == [(oud, "Beëindigd")]


def test_audit_records_codes_not_content(basis: Basis) -> None:
    zaak = maak_zaak(basis, achternaam="Kerckhoffs")
    bid = bs.maak_concept_beschikking(basis.ctx, basis["consulent"], zaak.aanvraag_id, vandaag=VANDAAG)
    d = bs.haal_beschikking(basis.ctx, basis["consulent"], bid)
    bs.wijzig_regel(basis.ctx, basis["consulent"], d.regels[0].id, besluit="toegekend",
                    motivering="Geheime reden", versie=d.versie)
    with transactie(basis.ctx) as s:
        details = " ".join(x or "" for x in s.scalars(select(m.AuditEvent.details)).all())
    assert "type=aanvraag" in details and "motivering" in details
    assert "Geheime" not in details and "Kerckhoffs" not in details


def test_kenmerk_stays_unique_when_two_consultants_decide_at_the_same_moment(basis: Basis) -> None:
    """Two decisions made at once never share a kenmerk: the unique index and a retry settle it."""
    import threading

    zaken = [maak_zaak(basis, achternaam=f"Tegelijk{i}") for i in range(4)]
    start = threading.Barrier(len(zaken))
    kenmerken: list[str] = []
    fouten: list[BaseException] = []

    def maak(aanvraag_id: int, wie: str) -> None:
        try:
            start.wait()
            bid = bs.maak_concept_beschikking(basis.ctx, basis[wie], aanvraag_id, vandaag=VANDAAG)
            kenmerken.append(bs.haal_beschikking(basis.ctx, basis[wie], bid).kenmerk)
        except BaseException as exc:  # noqa: BLE001 - reported below
            fouten.append(exc)

    draden = [threading.Thread(target=maak, args=(z.aanvraag_id, "consulent" if i % 2 else "consulent2"))
              for i, z in enumerate(zaken)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(60)
    assert fouten == []
    assert sorted(kenmerken) == [f"MAA-2026-{i:06d}" for i in range(1, 5)]
