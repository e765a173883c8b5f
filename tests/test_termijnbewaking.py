"""Legal terms of cases: stored, suspended (Awb 4:15), postponed (Awb 4:14), listed for consultants and team leaders.

Expected dates are worked out by hand from the calendar (25 november 2026 is a Wednesday).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import create_engine, select

from consulent_app import termijnen
from consulent_app.config import load_defaults
from consulent_app.db import models as m
from consulent_app.errors import GeenToegang, RegelFout, ValidatieFout
from consulent_app.services import termijnbewaking as tb
from consulent_app.services.base import AppContext, transactie
from tests.factories import Basis
from tests.factories_zaak import VzSpec, maak_open_melding, maak_zaak

VANDAAG = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def los_ctx() -> AppContext:
    """Config only: the pure term functions need no database."""
    return AppContext(config=load_defaults(), engine=create_engine("sqlite://"))


# --------------------------------------------------------------------------------------------------------------
# Computing the terms
# --------------------------------------------------------------------------------------------------------------


def test_beslistermijn_wmo_two_weeks_jeugd_eight_weeks(los_ctx: AppContext) -> None:
    """Wmo 2015 art. 2.3.5 lid 1 (2 weeks) and, for the Jeugdwet, Awb 4:13 (8 weeks)."""
    assert tb.beslistermijn_einde(los_ctx, "wmo", dt.date(2026, 11, 20)) == dt.date(2026, 12, 4)
    assert tb.beslistermijn_einde(los_ctx, "jeugdwet", dt.date(2026, 11, 20)) == dt.date(2027, 1, 15)


def test_onderzoekstermijn_only_for_wmo(los_ctx: AppContext) -> None:
    """Wmo 2015 art. 2.3.2 lid 1: six weeks after the melding; the Jeugdwet has no investigation term."""
    assert tb.onderzoekstermijn_einde(los_ctx, "wmo", dt.date(2026, 10, 14)) == dt.date(2026, 11, 25)
    assert tb.onderzoekstermijn_einde(los_ctx, "jeugdwet", dt.date(2026, 10, 14)) is None


def test_bezwaartermijn_moves_past_christmas(los_ctx: AppContext) -> None:
    """Awb 6:7/6:8 with Atw art. 1: sent Friday 13-11-2026, six weeks end on Christmas Day -> Monday 28-12-2026."""
    assert tb.bezwaartermijn_einde(los_ctx, dt.date(2026, 11, 13)) == dt.date(2026, 12, 28)


def test_equated_day_from_configuration_moves_the_term(los_ctx: AppContext) -> None:
    """Atw art. 3 lid 3: a day equated by royal decree (configuration) counts as a holiday."""
    cfg = dataclasses.replace(los_ctx.config, termijnen=dataclasses.replace(
        los_ctx.config.termijnen, gelijkgestelde_dagen=(dt.date(2026, 12, 4),)))
    ctx2 = AppContext(config=cfg, engine=los_ctx.engine)
    assert tb.beslistermijn_einde(ctx2, "wmo", dt.date(2026, 11, 20)) == dt.date(2026, 12, 7)


def test_equated_day_from_configuration_moves_every_term(los_ctx: AppContext) -> None:
    """Atw art. 3 lid 3: a day the municipality adds to its configuration counts for the investigation term
    (Wmo 2015 art. 2.3.2 lid 1), the decision term (art. 2.3.5 lid 1) and the objection term (Awb 6:7, 6:8)."""
    extra = (dt.date(2026, 11, 25), dt.date(2026, 12, 28), dt.date(2026, 12, 4))
    cfg = dataclasses.replace(los_ctx.config, termijnen=dataclasses.replace(
        los_ctx.config.termijnen, gelijkgestelde_dagen=extra))
    ctx2 = AppContext(config=cfg, engine=los_ctx.engine)
    assert tb.onderzoekstermijn_einde(ctx2, "wmo", dt.date(2026, 10, 14)) == dt.date(2026, 11, 26)
    assert tb.bezwaartermijn_einde(ctx2, dt.date(2026, 11, 13)) == dt.date(2026, 12, 29)
    assert tb.beslistermijn_einde(ctx2, "wmo", dt.date(2026, 11, 20), verdaging=None) == dt.date(2026, 12, 7)


def test_postponed_term_moves_only_by_suspension_after_notice() -> None:
    """Awb 4:14 with 4:15: the new end stays as notified; later suspended days move it, earlier ones do not."""
    nieuw = dt.date(2026, 12, 18)
    kennis = dt.date(2026, 12, 1)
    assert termijnen.verleng_met_opschortingen(nieuw, kennis) == nieuw
    # suspension 3-7 December (5 days) after the notice
    assert termijnen.verleng_met_opschortingen(nieuw, kennis, [(dt.date(2026, 12, 3), dt.date(2026, 12, 7))]) \
        == dt.date(2026, 12, 23)
    # suspension wholly before the notice: already in the term that was postponed
    assert termijnen.verleng_met_opschortingen(nieuw, kennis, [(dt.date(2026, 11, 20), dt.date(2026, 11, 25))]) \
        == nieuw


@given(st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)), st.integers(0, 120), st.integers(0, 60),
       st.integers(0, 30))
def test_property_suspension_never_shortens_a_postponed_term(kennis: dt.date, tot_einde: int, na: int,
                                                             duur: int) -> None:
    """Awb 4:15: suspension only ever extends; a suspension starting within the term adds exactly its days."""
    einde = kennis + dt.timedelta(days=tot_einde)
    begin = kennis + dt.timedelta(days=1 + na)
    eind = begin + dt.timedelta(days=duur)
    uit = termijnen.verleng_met_opschortingen(einde, kennis, [(begin, eind)])
    assert uit >= einde
    if begin <= einde:
        assert uit == einde + dt.timedelta(days=duur + 1)
    else:
        assert uit == einde


# --------------------------------------------------------------------------------------------------------------
# Suspension (Awb 4:15)
# --------------------------------------------------------------------------------------------------------------


def _beslistermijn(basis: Basis, aanvraag_id: int) -> dt.date | None:
    with transactie(basis.ctx) as s:
        a = s.get(m.Aanvraag, aanvraag_id)
        assert a is not None
        return a.beslistermijn_einde


def test_suspension_moves_the_decision_term_and_is_recomputed_on_end(basis: Basis) -> None:
    """Awb 4:15 lid 1 onder a: suspended from the day after the invitation to complete (Awb 4:5) until the day
    the request is completed; that day counts again. Ending the suspension recomputes and stores the term."""
    zaak = maak_zaak(basis, aanvraag_datum=dt.date(2026, 11, 17), beschikking=None)
    assert _beslistermijn(basis, zaak.aanvraag_id) == dt.date(2026, 12, 1)
    oid = tb.schort_op(basis.ctx, basis["consulent"], aanvraag_id=zaak.aanvraag_id, start=dt.date(2026, 11, 23),
                       uiterlijk=dt.date(2026, 12, 7), reden="Wacht op medisch advies.", vandaag=VANDAAG)
    # running: 24 and 25 November (today) stand still
    assert _beslistermijn(basis, zaak.aanvraag_id) == dt.date(2026, 12, 3)
    # completed today: only 24 November was suspended, today runs again (no day too many)
    einde = tb.beeindig_opschorting(basis.ctx, basis["consulent"], oid, dt.date(2026, 11, 25), vandaag=VANDAAG)
    assert einde == dt.date(2026, 12, 2)
    zt = tb.zaak_termijn(basis.ctx, basis["consulent"], aanvraag_id=zaak.aanvraag_id, vandaag=VANDAAG)
    assert zt.wettelijk_einde == dt.date(2026, 12, 1) and zt.einde == dt.date(2026, 12, 2)
    (o,) = zt.opschortingen
    assert (o.aangevuld_op, o.dagen, o.loopt, o.soort) == (dt.date(2026, 11, 25), 1, False, "aanvulling")
    assert "Awb 4:15 lid 1 onder a" in o.grondslag


def test_suspension_ends_by_itself_when_the_clients_deadline_passes(basis: Basis) -> None:
    """Awb 4:15 lid 1 onder a: the suspension runs until the deadline given (Awb 4:5) has passed unused; then the
    term runs again without anyone closing it, and a later completion is refused at the field."""
    zaak = maak_zaak(basis, aanvraag_datum=dt.date(2026, 11, 2), beschikking=None)  # ends 16-11-2026
    oid = tb.schort_op(basis.ctx, basis["consulent"], aanvraag_id=zaak.aanvraag_id, start=dt.date(2026, 11, 9),
                       uiterlijk=dt.date(2026, 11, 16), reden="Aanvulling gevraagd.", vandaag=dt.date(2026, 11, 9))
    # 10..16 November suspended (7 days): 16 Nov + 7 = Monday 23 November
    (r,) = tb.mijn_termijnen(basis.ctx, basis["consulent"], vandaag=dt.date(2026, 11, 20))
    assert r.einde == dt.date(2026, 11, 23) and not r.opgeschort
    (r,) = tb.mijn_termijnen(basis.ctx, basis["consulent"], vandaag=dt.date(2026, 11, 13))
    assert r.opgeschort and r.status_tekst == "opgeschort sinds 10-11-2026"
    zt = tb.zaak_termijn(basis.ctx, basis["consulent"], aanvraag_id=zaak.aanvraag_id, vandaag=dt.date(2026, 11, 20))
    assert zt.einde == dt.date(2026, 11, 23) and zt.opschortingen[0].loopt is False
    with pytest.raises(ValidatieFout) as exc:
        tb.beeindig_opschorting(basis.ctx, basis["consulent"], oid, dt.date(2026, 11, 18), vandaag=dt.date(2026, 11, 20))
    assert "vanzelf" in exc.value.fouten["eind"]


def test_suspension_of_the_investigation_term_is_an_agreement_with_the_client(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.2 lid 1: the investigation term is extended only by agreement with the client (not under
    Awb 4:15); the agreed days extend it exactly."""
    mid = maak_open_melding(basis, datum=dt.date(2026, 10, 14))
    with pytest.raises(ValidatieFout) as exc:
        tb.schort_op(basis.ctx, basis["consulent"], melding_id=mid, soort="aanvulling", start=dt.date(2026, 11, 2),
                     uiterlijk=dt.date(2026, 11, 9), reden="x", vandaag=VANDAAG)
    assert "overleg met de cliënt" in exc.value.fouten["soort"]
    tb.schort_op(basis.ctx, basis["consulent"], melding_id=mid, start=dt.date(2026, 11, 2),
                 eind=dt.date(2026, 11, 6), reden="Cliënt in ziekenhuis.", vandaag=VANDAAG)
    with transactie(basis.ctx) as s:
        me = s.get(m.Melding, mid)
        assert me is not None
        assert me.onderzoekstermijn_einde == dt.date(2026, 11, 30)  # 25 Nov + 5 days
        (o,) = s.scalars(select(m.Opschorting)).all()
        assert o.soort == "afspraak"
    zt = tb.zaak_termijn(basis.ctx, basis["consulent"], melding_id=mid, vandaag=VANDAAG)
    assert "overleg met de cliënt" in zt.opschortingen[0].soort_tekst.lower()
    assert "Awb" not in zt.opschortingen[0].grondslag


def test_suspension_after_the_term_ended_is_refused(basis: Basis) -> None:
    """Awb 4:15: a term that has already expired cannot be suspended, also not by backdating the suspension."""
    zaak = maak_zaak(basis, aanvraag_datum=dt.date(2026, 11, 2), beschikking=None)  # ends 16-11-2026
    for start in (dt.date(2026, 11, 20), dt.date(2026, 11, 12)):  # after the end; backdated into the term
        with pytest.raises(ValidatieFout) as exc:
            tb.schort_op(basis.ctx, basis["consulent"], aanvraag_id=zaak.aanvraag_id, start=start,
                         uiterlijk=dt.date(2026, 12, 1), reden="Te laat.", vandaag=VANDAAG)
        assert "16 november 2026 verstreken" in exc.value.fouten["start"]
    with transactie(basis.ctx) as s:
        assert s.scalars(select(m.Opschorting)).all() == []


@pytest.mark.parametrize(("kw", "velden"), [
    ({"soort": "instemming", "start": dt.date(2026, 11, 24), "eind": dt.date(2026, 11, 23), "reden": " "},
     {"eind", "reden"}),
    ({"start": dt.date(2026, 11, 24)}, {"uiterlijk"}),  # Awb 4:5: a deadline for the client
    ({"start": dt.date(2026, 11, 24), "uiterlijk": dt.date(2026, 11, 24)}, {"uiterlijk"}),
    ({"start": dt.date(2026, 11, 26), "uiterlijk": dt.date(2026, 12, 10)}, {"start"}),  # tomorrow
    ({"start": dt.date(2026, 11, 24), "uiterlijk": dt.date(2026, 12, 10), "eind": dt.date(2026, 11, 25)}, {"eind"}),
    ({"soort": "afspraak", "start": dt.date(2026, 11, 24), "eind": dt.date(2026, 11, 25)}, {"soort"}),
    ({"soort": "onzin", "start": dt.date(2026, 11, 24)}, {"soort"}),
])
def test_suspension_input_is_checked_at_the_field(basis: Basis, kw: dict[str, object], velden: set[str]) -> None:
    """Awb 4:15 and 4:5: a kind that fits the term, a start not in the future, a deadline after the invitation for
    a request to complete, an end not before the start, and a reason; nothing is stored otherwise."""
    zaak = maak_zaak(basis, aanvraag_datum=dt.date(2026, 11, 20), beschikking=None)
    args: dict[str, object] = {"reden": "Aanvulling gevraagd."}
    args.update(kw)
    with pytest.raises(ValidatieFout) as exc:
        tb.schort_op(basis.ctx, basis["consulent"], aanvraag_id=zaak.aanvraag_id, vandaag=VANDAAG,
                     **args)  # type: ignore[arg-type]
    assert set(exc.value.fouten) == velden
    with transactie(basis.ctx) as s:
        assert s.scalars(select(m.Opschorting)).all() == []
    assert _beslistermijn(basis, zaak.aanvraag_id) == dt.date(2026, 12, 4)


def test_ending_a_suspension_is_checked_at_the_field(basis: Basis) -> None:
    """Awb 4:15: the completion lies not before the invitation, not in the future, not after the deadline."""
    zaak = maak_zaak(basis, aanvraag_datum=dt.date(2026, 11, 20), beschikking=None)
    oid = tb.schort_op(basis.ctx, basis["consulent"], aanvraag_id=zaak.aanvraag_id, start=dt.date(2026, 11, 23),
                       uiterlijk=dt.date(2026, 11, 24), reden="Aanvulling gevraagd.", vandaag=VANDAAG)
    for dag, tekst in ((dt.date(2026, 11, 22), "vóór het begin"), (dt.date(2026, 11, 26), "toekomst"),
                       (dt.date(2026, 11, 25), "vanzelf")):
        with pytest.raises(ValidatieFout) as exc:
            tb.beeindig_opschorting(basis.ctx, basis["consulent"], oid, dag, vandaag=VANDAAG)
        assert tekst in exc.value.fouten["eind"]


def test_second_running_suspension_is_refused(basis: Basis) -> None:
    """Awb 4:15: one running suspension at a time; end it before starting another."""
    zaak = maak_zaak(basis, aanvraag_datum=dt.date(2026, 11, 20), beschikking=None)
    tb.schort_op(basis.ctx, basis["consulent"], aanvraag_id=zaak.aanvraag_id, start=dt.date(2026, 11, 23),
                 uiterlijk=dt.date(2026, 12, 7), reden="Aanvulling gevraagd.", vandaag=VANDAAG)
    with pytest.raises(RegelFout, match="loopt al een opschorting"):
        tb.schort_op(basis.ctx, basis["consulent"], aanvraag_id=zaak.aanvraag_id, start=dt.date(2026, 11, 24),
                     uiterlijk=dt.date(2026, 12, 7), reden="Nog een.", vandaag=VANDAAG)


def test_suspension_audit_holds_no_free_text(basis: Basis) -> None:
    """AVG: the audit log names the object, never the reason typed by the consultant."""
    zaak = maak_zaak(basis, aanvraag_datum=dt.date(2026, 11, 20), beschikking=None)
    tb.schort_op(basis.ctx, basis["consulent"], aanvraag_id=zaak.aanvraag_id, start=dt.date(2026, 11, 23),
                 uiterlijk=dt.date(2026, 12, 7), reden="Psychiatrisch rapport", vandaag=VANDAAG)
    with transactie(basis.ctx) as s:
        details = [e.details or "" for e in s.scalars(select(m.AuditEvent))]
    assert not any("Psychiatrisch" in d for d in details)


# --------------------------------------------------------------------------------------------------------------
# Postponement (Awb 4:14)
# --------------------------------------------------------------------------------------------------------------


def test_postponement_before_the_end_sets_the_new_term(basis: Basis) -> None:
    """Awb 4:14: with a notice before the term ends, the new (later) end date becomes the decision term."""
    zaak = maak_zaak(basis, aanvraag_datum=dt.date(2026, 11, 20), beschikking=None)  # ends 4-12-2026
    einde = tb.verdaag(basis.ctx, basis["consulent"], zaak.aanvraag_id, kennisgeving_datum=dt.date(2026, 11, 25),
                       nieuwe_einddatum=dt.date(2026, 12, 18), reden="Advies ergotherapeut nodig.", vandaag=VANDAAG)
    assert einde == dt.date(2026, 12, 18)
    assert _beslistermijn(basis, zaak.aanvraag_id) == dt.date(2026, 12, 18)
    # a suspension after the notice moves the postponed end (Awb 4:15 lid 2 onder a)
    tb.schort_op(basis.ctx, basis["consulent"], aanvraag_id=zaak.aanvraag_id, soort="instemming",
                 start=dt.date(2026, 11, 26), eind=dt.date(2026, 11, 27), reden="Uitstel met instemming van de cliënt.",
                 vandaag=dt.date(2026, 11, 27))
    assert _beslistermijn(basis, zaak.aanvraag_id) == dt.date(2026, 12, 20)


def test_postponement_after_the_term_ended_is_refused(basis: Basis) -> None:
    """Awb 4:14 lid 1 (Wmo term): postponement must be notified before the term has ended."""
    zaak = maak_zaak(basis, aanvraag_datum=dt.date(2026, 11, 2), beschikking=None)  # ends 16-11-2026
    with pytest.raises(ValidatieFout) as exc:
        tb.verdaag(basis.ctx, basis["consulent"], zaak.aanvraag_id, kennisgeving_datum=dt.date(2026, 11, 17),
                   nieuwe_einddatum=dt.date(2026, 12, 18), reden="Te laat.", vandaag=VANDAAG)
    assert "Awb 4:14 lid 1" in exc.value.fouten["kennisgeving_datum"]
    assert _beslistermijn(basis, zaak.aanvraag_id) == dt.date(2026, 11, 16)


def test_postponement_on_the_last_day_is_allowed(basis: Basis) -> None:
    """Awb 4:14 lid 3: a notice on the last day of the term is still in time."""
    zaak = maak_zaak(basis, aanvraag_datum=dt.date(2026, 11, 10), beschikking=None)  # ends 24-11-2026
    assert tb.verdaag(basis.ctx, basis["consulent"], zaak.aanvraag_id, kennisgeving_datum=dt.date(2026, 11, 24),
                      nieuwe_einddatum=dt.date(2026, 12, 8), reden="Advies nodig.", vandaag=VANDAAG) \
        == dt.date(2026, 12, 8)


@pytest.mark.parametrize(("kw", "veld"), [
    ({"nieuwe_einddatum": dt.date(2026, 12, 1)}, "nieuwe_einddatum"),  # before current end 4-12
    ({"kennisgeving_datum": dt.date(2026, 11, 26)}, "kennisgeving_datum"),  # tomorrow
    ({"reden": ""}, "reden"),
    ({"nieuwe_einddatum": None}, "nieuwe_einddatum"),
])
def test_postponement_input_is_refused_at_the_field(basis: Basis, kw: dict[str, object], veld: str) -> None:
    """Awb 4:14: a notice already sent, a new term later than the current one, and a reason."""
    zaak = maak_zaak(basis, aanvraag_datum=dt.date(2026, 11, 20), beschikking=None)
    args: dict[str, object] = {"kennisgeving_datum": dt.date(2026, 11, 25), "nieuwe_einddatum": dt.date(2026, 12, 18),
                               "reden": "Advies nodig."}
    args.update(kw)
    with pytest.raises(ValidatieFout) as exc:
        tb.verdaag(basis.ctx, basis["consulent"], zaak.aanvraag_id, vandaag=VANDAAG, **args)  # type: ignore[arg-type]
    assert veld in exc.value.fouten
    assert _beslistermijn(basis, zaak.aanvraag_id) == dt.date(2026, 12, 4)


def test_postponement_of_a_decided_request_is_refused(basis: Basis) -> None:
    """Awb 4:14: once decided there is no running term to postpone."""
    zaak = maak_zaak(basis, aanvraag_datum=dt.date(2026, 11, 20), aanvraag_status="besloten", beschikking=None)
    with pytest.raises(RegelFout, match="al besloten"):
        tb.verdaag(basis.ctx, basis["consulent"], zaak.aanvraag_id, kennisgeving_datum=dt.date(2026, 11, 25),
                   nieuwe_einddatum=dt.date(2026, 12, 18), reden="x", vandaag=VANDAAG)


def test_other_team_cannot_postpone(basis: Basis) -> None:
    """Need to know: a consultant of another area team has no access to the case."""
    zaak = maak_zaak(basis, aanvraag_datum=dt.date(2026, 11, 20), beschikking=None)
    with pytest.raises(GeenToegang):
        tb.verdaag(basis.ctx, basis["consulent_b"], zaak.aanvraag_id, kennisgeving_datum=dt.date(2026, 11, 25),
                   nieuwe_einddatum=dt.date(2026, 12, 18), reden="x", vandaag=VANDAAG)


# --------------------------------------------------------------------------------------------------------------
# Lists
# --------------------------------------------------------------------------------------------------------------


def _scenario(basis: Basis) -> dict[str, int]:
    te_laat = maak_open_melding(basis, datum=dt.date(2026, 10, 1), achternaam="Laat")  # ends 12-11: overdue
    vandaag = maak_open_melding(basis, datum=dt.date(2026, 10, 14), achternaam="Vandaag")  # ends 25-11: today
    zaak = maak_zaak(basis, achternaam="Ruim", aanvraag_datum=dt.date(2026, 11, 20), beschikking=None)  # 4-12
    collega = maak_open_melding(basis, datum=dt.date(2026, 10, 2), consulent="consulent2", achternaam="Collega")
    niemand = maak_open_melding(basis, datum=dt.date(2026, 10, 20), consulent=None, achternaam="Niemand")
    ander_team = maak_open_melding(basis, datum=dt.date(2026, 10, 5), consulent="consulent_b", team="b",
                                   achternaam="Noord")
    jeugd = maak_open_melding(basis, wet="jeugdwet", datum=dt.date(2026, 10, 1), achternaam="Jeugd")
    return {"te_laat": te_laat, "vandaag": vandaag, "aanvraag": zaak.aanvraag_id, "collega": collega,
            "niemand": niemand, "ander_team": ander_team, "jeugd": jeugd, "onderzoek_melding": zaak.melding_id}


def test_my_terms_nearest_end_first_with_status_text(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.2 / 2.3.5 with Atw: own cases, nearest legal end first, overdue and 5-working-day signal."""
    ids = _scenario(basis)
    regels = tb.mijn_termijnen(basis.ctx, basis["consulent"], vandaag=VANDAAG)
    assert [(r.client, r.einde, r.status_tekst) for r in regels] == [
        ("Maria Laat", dt.date(2026, 11, 12), "termijn overschreden"),
        ("Maria Vandaag", dt.date(2026, 11, 25), "verloopt binnen 5 werkdagen"),
        ("Maria Ruim", dt.date(2026, 12, 4), "op tijd"),
    ]
    assert regels[2].soort == "beslissing" and regels[2].object_id == ids["aanvraag"]
    assert regels[0].werkdagen < 0 and regels[1].werkdagen == 0 and regels[2].werkdagen == 7
    # the melding that already became an aanvraag has no running investigation term
    assert ids["onderzoek_melding"] not in [r.melding_id for r in regels]


def test_team_leader_sees_the_team_including_unassigned(basis: Basis) -> None:
    """Team leaders see the same list per team: colleagues and unassigned meldingen, never another team."""
    _scenario(basis)
    regels = tb.termijnen_team(basis.ctx, basis["teamleider"], vandaag=VANDAAG)
    namen = [r.client for r in regels]
    assert namen == ["Maria Laat", "Maria Collega", "Maria Vandaag", "Maria Niemand", "Maria Ruim"]
    assert regels[1].consulent == "Consulent2"
    assert regels[3].consulent is None
    assert "Maria Noord" not in namen and "Maria Jeugd" not in namen


def test_consultant_cannot_open_the_team_list(basis: Basis) -> None:
    """Need to know: the team list of terms is for team leaders and planners."""
    with pytest.raises(GeenToegang):
        tb.termijnen_team(basis.ctx, basis["consulent"], vandaag=VANDAAG)


def test_suspended_term_shows_as_suspended(basis: Basis) -> None:
    """Awb 4:15: while a suspension runs the list says so instead of counting down."""
    zaak = maak_zaak(basis, aanvraag_datum=dt.date(2026, 11, 20), beschikking=None)
    tb.schort_op(basis.ctx, basis["consulent"], aanvraag_id=zaak.aanvraag_id, start=dt.date(2026, 11, 23),
                 uiterlijk=dt.date(2026, 12, 7), reden="Aanvulling gevraagd.", vandaag=VANDAAG)
    (r,) = tb.mijn_termijnen(basis.ctx, basis["consulent"], vandaag=VANDAAG)
    assert r.opgeschort and r.status_tekst == "opgeschort sinds 24-11-2026"  # the day after the invitation
    assert r.einde == dt.date(2026, 12, 7)  # 4 Dec + 24, 25 Nov = Sunday 6 Dec -> Monday 7 Dec


def test_overdue_provider_plan_in_my_list(basis: Basis) -> None:
    """Criterium 13 toetsingskader: a plan van aanpak that is late shows in the consultant's list."""
    maak_zaak(basis, beschikking="verzonden", verzonden_op=dt.date(2026, 10, 1), aanvraag_datum=dt.date(2026, 9, 20),
              voorzieningen=[VzSpec("BG", plan_verwacht_op=dt.date(2026, 11, 10))])
    regels = tb.mijn_termijnen(basis.ctx, basis["consulent"], vandaag=VANDAAG)
    plan = [r for r in regels if r.soort == "plan"]
    assert len(plan) == 1 and plan[0].status_tekst == "plan van aanpak te laat"


def test_objection_term_listed_on_request(basis: Basis) -> None:
    """Awb 6:7/6:8: the running objection term of a sent decision is shown when asked for."""
    maak_zaak(basis, beschikking="verzonden", verzonden_op=dt.date(2026, 11, 13), aanvraag_datum=dt.date(2026, 11, 2))
    assert tb.mijn_termijnen(basis.ctx, basis["consulent"], vandaag=VANDAAG) == []
    (r,) = tb.mijn_termijnen(basis.ctx, basis["consulent"], met_bezwaar=True, vandaag=VANDAAG)
    assert r.soort == "bezwaar" and r.einde == dt.date(2026, 12, 28)


def test_zet_bezwaartermijn_after_sending(basis: Basis) -> None:
    """Awb 6:7/6:8: the sending service stores the objection end from the send date."""
    zaak = maak_zaak(basis, beschikking="goedgekeurd")
    with transactie(basis.ctx) as s:
        b = s.get(m.Beschikking, zaak.beschikking_id)
        assert b is not None
        b.verzonden_op = dt.date(2026, 11, 13)
        assert tb.zet_bezwaartermijn(basis.ctx, b) == dt.date(2026, 12, 28)
    with transactie(basis.ctx) as s:
        b = s.get(m.Beschikking, zaak.beschikking_id)
        assert b is not None and b.bezwaartermijn_einde == dt.date(2026, 12, 28)


def test_recompute_all_after_new_equated_day(basis: Basis) -> None:
    """Atw art. 3 lid 3: after the administrator adds an equated day, running terms are recomputed."""
    zaak = maak_zaak(basis, aanvraag_datum=dt.date(2026, 11, 20), beschikking=None)
    cfg = dataclasses.replace(basis.ctx.config, termijnen=dataclasses.replace(
        basis.ctx.config.termijnen, gelijkgestelde_dagen=(dt.date(2026, 12, 4),)))
    ctx2 = AppContext(config=cfg, engine=basis.ctx.engine)
    res = tb.herbereken_alle_termijnen(ctx2, basis["teamleider"], vandaag=VANDAAG)
    assert res.aanvragen == 1
    assert _beslistermijn(basis, zaak.aanvraag_id) == dt.date(2026, 12, 7)


def test_jeugd_melding_has_no_term_to_suspend_but_its_request_has(basis: Basis) -> None:
    """Jeugdwet: no investigation term (Wmo art. 2.3.2 is Wmo only); the request's Awb 4:13 term can be suspended."""
    mid = maak_open_melding(basis, wet="jeugdwet", datum=dt.date(2026, 11, 2))
    with pytest.raises(RegelFout, match="geen wettelijke onderzoekstermijn"):
        tb.schort_op(basis.ctx, basis["consulent"], melding_id=mid, start=dt.date(2026, 11, 10),
                     eind=dt.date(2026, 11, 12), reden="x", vandaag=VANDAAG)
    zaak = maak_zaak(basis, wet="jeugdwet", achternaam="Jong", aanvraag_datum=dt.date(2026, 11, 20),
                     beschikking=None)
    assert _beslistermijn(basis, zaak.aanvraag_id) == dt.date(2027, 1, 15)  # Awb 4:13: eight weeks
    tb.schort_op(basis.ctx, basis["consulent"], aanvraag_id=zaak.aanvraag_id, soort="instemming",
                 start=dt.date(2026, 11, 23), eind=dt.date(2026, 11, 24), reden="Wacht op gezag ouder.", vandaag=VANDAAG)
    assert _beslistermijn(basis, zaak.aanvraag_id) == dt.date(2027, 1, 18)  # +2 days = Sunday 17 -> Monday 18


def test_mijn_werk_shows_a_running_suspension_live(basis: Basis) -> None:
    """Awb 4:15: while a suspension runs, the end moves every day; Mijn werk shows today's end, the same as the
    Termijnen list, not the end stored when the suspension was recorded."""
    from consulent_app.services import meldingen

    vandaag = dt.date.today()
    zaak = maak_zaak(basis, aanvraag_datum=vandaag - dt.timedelta(days=8), melding_datum=vandaag - dt.timedelta(days=30),
                     beschikking=None)
    tb.schort_op(basis.ctx, basis["consulent"], aanvraag_id=zaak.aanvraag_id, start=vandaag - dt.timedelta(days=7),
                 uiterlijk=vandaag + dt.timedelta(days=10), reden="Aanvulling gevraagd.",
                 vandaag=vandaag - dt.timedelta(days=6))  # stored then: one suspended day; today: six
    opgeslagen = _beslistermijn(basis, zaak.aanvraag_id)
    (termijn,) = [t for t in tb.mijn_termijnen(basis.ctx, basis["consulent"], vandaag=vandaag)
                  if t.aanvraag_id == zaak.aanvraag_id]
    (werk,) = [w for w in meldingen.mijn_werk(basis.ctx, basis["consulent"]) if w.client_id == zaak.client_id]
    assert werk.termijn_einde == termijn.einde
    assert termijn.einde is not None and opgeslagen is not None and termijn.einde > opgeslagen


def test_belasting_werkvoorraad_and_dossier_show_a_running_suspension_live(basis: Basis) -> None:
    """Awb 4:15: the planners' load (cases at risk, the drill-down) and the dossier show today's end of a term
    with a running suspension, as Mijn werk and Termijnen do, never the end stored when it was recorded."""
    from consulent_app.services import dossiers, planning
    from consulent_app.services.overzicht import risicogrens

    vandaag = dt.date.today()
    zaak = maak_zaak(basis, aanvraag_datum=vandaag - dt.timedelta(days=8), melding_datum=vandaag - dt.timedelta(days=30),
                     beschikking=None)
    tb.schort_op(basis.ctx, basis["consulent"], aanvraag_id=zaak.aanvraag_id, start=vandaag - dt.timedelta(days=7),
                 uiterlijk=vandaag + dt.timedelta(days=10), reden="Aanvulling gevraagd.",
                 vandaag=vandaag - dt.timedelta(days=6))
    opgeslagen = _beslistermijn(basis, zaak.aanvraag_id)
    (termijn,) = [t for t in tb.mijn_termijnen(basis.ctx, basis["consulent"], vandaag=vandaag)
                  if t.aanvraag_id == zaak.aanvraag_id]
    assert termijn.einde is not None and opgeslagen is not None and termijn.einde > opgeslagen
    cid = basis["consulent"].gebruiker_id
    zaken = planning.belasting_zaken(basis.ctx, basis["planner"], cid, vandaag=vandaag)
    assert [z.termijn_einde for z in zaken if z.client_id == zaak.client_id] == [termijn.einde]
    [team] = [t for t in planning.belasting(basis.ctx, basis["planner"], vandaag=vandaag)
              if any(c.consulent_id == cid for c in t.consulenten)]
    [rij] = [c for c in team.consulenten if c.consulent_id == cid]
    assert rij.risico == (1 if termijn.einde <= risicogrens(basis.ctx, vandaag) else 0)
    view = dossiers.open_dossier(basis.ctx, basis["consulent"], zaak.client_id, vandaag=vandaag)
    assert [a.beslistermijn_einde for a in view.aanvragen if a.id == zaak.aanvraag_id] == [termijn.einde]
