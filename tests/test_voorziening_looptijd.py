"""A provision ends by date, and a request for what a client already has replaces it (review gaps 1 and 3).

Rule 1 ("actief op dag D", services/overzicht.actief_op): a provision counts as active on D when its status is
"actief" and its end date is empty or not before D. Outflow (overzicht.uitstroom_datum) counts a provision in the
month of its recorded end (beeindigd_op) or, when it ends by date, of its end date.
Rule 3: a granted provision for a product the client already has running makes the decision a herziening
(periodiek.vervangen_voorzieningen); sending it ends the old provision and keeps the PO's consultant.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from consulent_app.db import models as m
from consulent_app.domain import BeschikkingStatus, POStatus
from consulent_app.services import beschikkingen as bsvc
from consulent_app.services import planning as plsvc
from consulent_app.services import sturing
from consulent_app.services import verzending as vzsvc
from consulent_app.services.base import transactie
from consulent_app.services.overzicht import Filter
from tests.factories import Basis
from tests.factories_zaak import VzSpec, maak_zaak

VANDAAG = dt.date(2026, 11, 25)


def _jeugd(basis: Basis, naam: str, einddatum: dt.date) -> int:
    """A sent Jeugd case with one granted JA provision (3 per week) running from 1 March 2026 until `einddatum`."""
    z = maak_zaak(basis, wet="jeugdwet", achternaam=naam, beschikking="verzonden", verzonden_op=dt.date(2026, 2, 20),
                  melding_datum=dt.date(2026, 1, 5),
                  voorzieningen=[VzSpec("JA", startdatum=dt.date(2026, 3, 1), einddatum=einddatum, po_datum=None)])
    return z.voorziening_ids[0]


def test_expired_provision_no_longer_counts_as_active(basis: Basis) -> None:
    """Rule 'actief op dag D': status actief and (einddatum empty or einddatum >= D). Of three Jeugd provisions
    with status actief, the one that ended on 24 November (yesterday) drops out of count, cost and drill-down;
    the one ending today still counts; so does the one ending next year."""
    tl = basis["teamleider"]
    verlopen = _jeugd(basis, "Verlopen", dt.date(2026, 11, 24))
    vandaag_laatste = _jeugd(basis, "Vandaag", VANDAAG)
    loopt = _jeugd(basis, "Loopt", dt.date(2027, 2, 28))
    [regel] = sturing.voorzieningen(basis.ctx, tl, "product", Filter(wet="jeugdwet"), vandaag=VANDAAG)
    assert regel.aantal == 2 and regel.clienten == 2
    zaken = sturing.voorzieningen_zaken(basis.ctx, tl, "product", regel.sleutel, Filter(wet="jeugdwet"),
                                        vandaag=VANDAAG)
    assert sorted(z.id for z in zaken) == sorted([vandaag_laatste, loopt])
    assert verlopen not in {z.id for z in zaken}
    # Yearly cost of exactly one provision, times two: the expired one adds nothing.
    [een] = sturing.voorzieningen_zaken(basis.ctx, tl, None, None, Filter(wet="jeugdwet"), client_id=zaken[0].client_id,
                                        vandaag=VANDAAG)
    assert regel.jaarkosten == 2 * een.jaarkosten
    # A period that includes November still sees all three (each ran during part of it).
    [regel_nov] = sturing.voorzieningen(basis.ctx, tl, "product",
                                        Filter(wet="jeugdwet", van=dt.date(2026, 11, 1), tot=dt.date(2026, 11, 30)),
                                        vandaag=VANDAAG)
    assert regel_nov.aantal == 3


def test_poortwachter_ignores_expired_provisions(basis: Basis) -> None:
    """Rule 'actief op dag D' for the poortwachter: an expired provision's cost no longer puts a client on the list."""
    tl = basis["teamleider"]
    _jeugd(basis, "Verlopen", dt.date(2026, 10, 31))
    lopend = _jeugd(basis, "Loopt", dt.date(2027, 2, 28))
    rijen = sturing.poortwachter(basis.ctx, tl, Filter(wet="jeugdwet"), drempel=0, vandaag=VANDAAG)
    with transactie(basis.ctx) as s:
        cid = s.get(m.Voorziening, lopend).client_id  # type: ignore[union-attr]
    assert [r.client_id for r in rijen] == [cid]


def test_provisions_ending_by_date_count_as_outflow(basis: Basis) -> None:
    """Rule 'uitstroom': per month the provisions with beeindigd_op in it, or (no beeindigd_op, status actief)
    with their end date in it. October: one ended by date; November: one ended by date and one ended by a PO
    (beeindigd_op 10 November, end date later changed); a provision running on into 2027 is no outflow."""
    tl = basis["teamleider"]
    okt = _jeugd(basis, "Oktober", dt.date(2026, 10, 15))
    nov = _jeugd(basis, "November", dt.date(2026, 11, 20))
    po_eind = _jeugd(basis, "Gestopt", dt.date(2027, 1, 31))
    _jeugd(basis, "Loopt", dt.date(2027, 2, 28))
    with transactie(basis.ctx) as s:
        vz = s.get(m.Voorziening, po_eind)
        assert vz is not None
        vz.beeindigd_op, vz.status = dt.date(2026, 11, 10), "beeindigd"
    maanden = {r.maand: r.uitstroom for r in sturing.stroom(
        basis.ctx, tl, Filter(wet="jeugdwet", van=dt.date(2026, 9, 1), tot=VANDAAG), vandaag=VANDAAG)}
    assert maanden == {dt.date(2026, 9, 1): 0, dt.date(2026, 10, 1): 1, dt.date(2026, 11, 1): 2}
    zaken = sturing.stroom_zaken(basis.ctx, tl, "uitstroom", dt.date(2026, 11, 1), Filter(wet="jeugdwet"))
    assert [(z.id, z.datum) for z in zaken] == [(po_eind, dt.date(2026, 11, 10)), (nov, dt.date(2026, 11, 20))]
    [o] = sturing.stroom_zaken(basis.ctx, tl, "uitstroom", dt.date(2026, 10, 1), Filter(wet="jeugdwet"))
    assert (o.id, o.datum) == (okt, dt.date(2026, 10, 15))


def test_vooruitblik_counts_only_provisions_still_running(basis: Basis) -> None:
    """Rule 'actief op dag D' in the look-ahead: an end date coming due counts when the provision is active on the
    first day of the look-ahead; one that ended before it (status still actief) is not work ahead."""
    planner = basis["planner"]
    _jeugd(basis, "Voorbij", dt.date(2026, 10, 31))
    komt = _jeugd(basis, "Komt", dt.date(2026, 12, 31))
    vb = plsvc.vooruitblik(basis.ctx, planner, Filter(team_id=basis.team_a), maanden=3, vandaag=VANDAAG)
    per_maand = {r.maand: r.einde for r in vb.regels}
    assert per_maand[dt.date(2026, 12, 1)] == 1 and per_maand[dt.date(2026, 11, 1)] == 0
    assert [z.id for z in plsvc.vooruitblik_zaken(basis.ctx, planner, dt.date(2026, 12, 1), "einde",
                                                  Filter(team_id=basis.team_a), vandaag=VANDAAG)] == [komt]


# --------------------------------------------------------------------------------------------------------------
# Rule 3: a request for what the client already has is a herziening


def _bestaand_en_nieuw(basis: Basis, *, besluit: str = "toegekend", product: str = "HH") -> tuple[int, int, int]:
    """A Wmo client with HH running since 1 March 2026 (PO assigned to the consultant), and a new request
    (bestaande cliënt) with one provision from 1 December 2026. Returns (old vz, new aanvraag, new vz)."""
    oud = maak_zaak(basis, beschikking="verzonden", verzonden_op=dt.date(2026, 2, 20), melding_datum=dt.date(2026, 1, 5),
                    voorzieningen=[VzSpec("HH", startdatum=dt.date(2026, 3, 1), po_datum=dt.date(2027, 3, 1))],
                    po_consulent=True)
    nieuw = maak_zaak(basis, client_id=oud.client_id, beschikking=None, melding_datum=dt.date(2026, 10, 20),
                      voorzieningen=[VzSpec(product, volume=Decimal("5"), besluit=besluit,
                                            startdatum=dt.date(2026, 12, 1), po_datum=dt.date(2027, 12, 1),
                                            motivering="Meer hulp nodig.")])
    return oud.voorziening_ids[0], nieuw.aanvraag_id, nieuw.voorziening_ids[0]


def _zend(basis: Basis, bid: int, op: dt.date) -> None:
    with transactie(basis.ctx) as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        b.status = BeschikkingStatus.GOEDGEKEURD.value
        b.goedgekeurd_op = dt.datetime.combine(op, dt.time(9))
        b.toetser_id = basis["toetser"].gebruiker_id
    vzsvc.registreer_productie(basis.ctx, basis["administratie"], [bid], hoe="pdf", verzenddatum=op)
    vzsvc.markeer_verzonden(basis.ctx, basis["administratie"], [bid], op, "post", vandaag=op)


def test_request_for_running_product_defaults_to_herziening_and_ends_the_old(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.5 / Awb 4:1: a new decision on what a client already has changes (herziening) the old
    one; sending it ends the old provision the day before the new one starts (30 November), its planned PO
    lapses and the consultant it was assigned to keeps the new provision's PO."""
    c = basis["consulent"]
    oud, aanvraag, nieuw = _bestaand_en_nieuw(basis)
    bid = bsvc.maak_concept_beschikking(basis.ctx, c, aanvraag, vandaag=VANDAAG)
    assert bsvc.haal_beschikking(basis.ctx, c, bid).type == "herziening"
    _zend(basis, bid, dt.date(2026, 11, 26))
    with transactie(basis.ctx) as s:
        o, n = s.get(m.Voorziening, oud), s.get(m.Voorziening, nieuw)
        assert o is not None and n is not None
        assert o.einddatum == dt.date(2026, 11, 30) and o.beeindigd_op == dt.date(2026, 11, 30)
        assert o.po_datum is None and n.status == "actief"
        pos = {p.voorziening_id: p for p in s.scalars(select(m.PeriodiekOnderzoek)).all()}
        assert pos[oud].status == POStatus.AFGEROND.value
        assert pos[nieuw].status == POStatus.GEPLAND.value and pos[nieuw].consulent_id == c.gebruiker_id


def test_other_product_or_refusal_stays_an_aanvraag(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.5: only a granted provision of the same product replaces what runs; a request for another
    product (here BG) is a first decision on it, and nothing running ends."""
    c = basis["consulent"]
    _oud, aanvraag, _nieuw = _bestaand_en_nieuw(basis, product="BG")
    bid = bsvc.maak_concept_beschikking(basis.ctx, c, aanvraag, vandaag=VANDAAG)
    assert bsvc.haal_beschikking(basis.ctx, c, bid).type == "aanvraag"
    oud2, aanvraag2, _ = _bestaand_en_nieuw(basis, besluit="afgewezen")
    bid2 = bsvc.maak_concept_beschikking(basis.ctx, c, aanvraag2, vandaag=VANDAAG)
    assert bsvc.haal_beschikking(basis.ctx, c, bid2).type == "aanvraag"


def test_refused_line_in_a_herziening_ends_nothing(basis: Basis) -> None:
    """Awb 4:1 / Wmo 2015 art. 2.3.5: a refused request for more help leaves the running provision as it is, even
    when the consultant chose the herziening type by hand."""
    c = basis["consulent"]
    oud, aanvraag, _nieuw = _bestaand_en_nieuw(basis, besluit="afgewezen")
    bid = bsvc.maak_concept_beschikking(basis.ctx, c, aanvraag, type="herziening", vandaag=VANDAAG)
    _zend(basis, bid, dt.date(2026, 11, 26))
    with transactie(basis.ctx) as s:
        o = s.get(m.Voorziening, oud)
        assert o is not None and o.einddatum is None and o.status == "actief" and o.beeindigd_op is None


# --------------------------------------------------------------------------------------------------------------
# Gap 2: what the adjust dialog reads


def test_change_request_after_po_lists_its_copied_provisions(basis: Basis) -> None:
    """Domain brief section 7: after 'gewijzigd' the copied provisions can be adjusted until the herziening goes
    to the reviewer; a request from an investigation is adjusted in step 7 instead."""
    from consulent_app.errors import RegelFout
    from consulent_app.services import periodiek as posvc
    from consulent_app.services import toetsing as tsvc

    c = basis["consulent"]
    z = maak_zaak(basis, beschikking="verzonden", verzonden_op=dt.date(2025, 11, 20), melding_datum=dt.date(2025, 10, 1),
                  voorzieningen=[VzSpec("HH", startdatum=dt.date(2025, 12, 1), po_datum=dt.date(2026, 11, 20))])
    af = posvc.rond_po_af(basis.ctx, c, z.po_ids[0], uitkomst="gewijzigd", verslag="Meer hulp nodig.",
                          volgende_po_datum=dt.date(2027, 11, 20), vandaag=VANDAAG)
    assert af.nieuwe_aanvraag_id is not None
    w = posvc.wijziging_na_po(basis.ctx, c, af.nieuwe_aanvraag_id)
    assert w.bewerkbaar and w.reden is None and w.client == "Maria Janssen"
    [r] = w.regels
    assert (r.omvang, r.startdatum, r.po_datum, r.besluit) == ("3 uur per week", VANDAAG, dt.date(2027, 11, 20),
                                                               "toegekend")
    bid = bsvc.maak_concept_beschikking(basis.ctx, c, af.nieuwe_aanvraag_id, vandaag=VANDAAG)
    tsvc.dien_in_voor_toetsing(basis.ctx, c, bid, vandaag=VANDAAG)
    w = posvc.wijziging_na_po(basis.ctx, c, af.nieuwe_aanvraag_id)
    assert not w.bewerkbaar and w.reden is not None and "toetser" in w.reden
    with pytest.raises(RegelFout, match="stap 7"):
        posvc.wijziging_na_po(basis.ctx, c, z.aanvraag_id)


def test_einddatum_verstreken_only_without_follow_up(basis: Basis) -> None:
    """Domain brief section 7 (the 2020 report): a provision past its end date with no follow-up is flagged
    'einddatum verstreken'; one that a sent herziening replaced (beeindigd_op) had its follow-up and is not."""
    from consulent_app.services import periodiek as posvc

    c = basis["consulent"]
    oud, aanvraag, _nieuw = _bestaand_en_nieuw(basis)
    bid = bsvc.maak_concept_beschikking(basis.ctx, c, aanvraag, vandaag=VANDAAG)
    _zend(basis, bid, dt.date(2026, 11, 26))
    verlopen = _jeugd(basis, "Verlopen", dt.date(2026, 12, 5))
    later = dt.date(2026, 12, 15)  # both ended: HH on 30 November (replaced), Jeugd on 5 December (by date)
    ov = posvc.po_overzicht(basis.ctx, basis["planner"], vandaag=later)
    eind = {r.voorziening_id: r.status_tekst for r in ov.regels if r.soort == "einddatum"}
    assert eind == {verlopen: "einddatum verstreken"}
    assert oud not in eind
