"""A returned file can be fixed (issue 16): "Teruggestuurd" in Mijn werk with the reviewer's remarks, reopening
a completed investigation with a new report version, and offering it again unchanged only after confirming."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from consulent_app.db import models as m
from consulent_app.domain import OnderzoekStatus
from consulent_app.errors import RegelFout, ValidatieFout
from consulent_app.services import beschikkingen as bsvc
from consulent_app.services import meldingen as msvc
from consulent_app.services import onderzoek as osvc
from consulent_app.services import periodiek as posvc
from consulent_app.services import toetsing as tsvc
from consulent_app.services.base import transactie
from tests.factories import Basis
from tests.test_e2e_proces import AANVRAAGDATUM, ALLES_VOLDOENDE, GESPREK, _wmo_onderzoek

OPMERKING = "Vul de evaluatie van de eerdere hulp aan: welke hulp was er en waarom stopte die?"


def _teruggestuurd(basis: Basis) -> tuple[int, int, int]:
    """A real Wmo case up to a decision the reviewer returned; (client, investigation, decision)."""
    ctx, c = basis.ctx, basis["consulent"]
    client_id, _mid, oid, _hh, bg = _wmo_onderzoek(basis)
    aid = osvc.registreer_reactie(ctx, c, oid, verslag_uitgereikt_op=GESPREK, aanvraag_datum=AANVRAAGDATUM,
                                  getekend=True, vandaag=AANVRAAGDATUM)
    bid = bsvc.maak_concept_beschikking(ctx, c, aid, vandaag=AANVRAAGDATUM)
    posvc.registreer_plan(ctx, c, bg, plan_verwacht_op=AANVRAAGDATUM.replace(year=2027), vandaag=AANVRAAGDATUM)
    tsvc.dien_in_voor_toetsing(ctx, c, bid, vandaag=AANVRAAGDATUM)
    tsvc.beoordeel(ctx, basis["toetser"], bid, uitkomst="teruggestuurd",
                   scores={3: tsvc.ScoreInvoer("onvoldoende", "Evaluatie ontbreekt.")}, opmerkingen=OPMERKING)
    return client_id, oid, bid


def _status(basis: Basis, model: type[m.Onderzoek] | type[m.Beschikking], ident: int) -> str:
    with transactie(basis.ctx) as s:
        obj = s.get(model, ident)
        assert obj is not None
        return obj.status


def test_a_returned_decision_is_one_teruggestuurd_line_in_mijn_werk_with_the_remarks(basis: Basis) -> None:
    """Domain brief section 8: the reviewer returns the file with remarks; the consultant sees them where she works."""
    client_id, oid, bid = _teruggestuurd(basis)
    werk = [w for w in msvc.mijn_werk(basis.ctx, basis["consulent"]) if w.client_id == client_id]
    assert [(w.soort, w.id, w.onderzoek_id, w.toetser) for w in werk] == [("teruggestuurd", bid, oid, "Toetser")]
    assert werk[0].omschrijving == OPMERKING
    view = osvc.haal_onderzoek(basis.ctx, basis["consulent"], oid)
    assert view.beschikking is not None and view.beschikking.teruggestuurd
    assert view.beschikking.opmerkingen == OPMERKING and view.kan_heropenen


def test_reopen_amend_and_complete_again_makes_a_new_report_version_and_is_audited(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.2 lid 8: the client gets the report the decision rests on; an amended report is a new
    version (the first stays), and reopening is recorded with its reason."""
    ctx, c = basis.ctx, basis["consulent"]
    client_id, oid, bid = _teruggestuurd(basis)
    with pytest.raises(RegelFout, match="afgerond en kan niet meer"):  # afgerond: read-only until reopened
        osvc.gehoord_bijwerken(ctx, c, oid, {"eerdere_hulp_evaluatie": "Thuiszorg tot 2025."})
    with pytest.raises(ValidatieFout) as exc:
        osvc.heropen_onderzoek(ctx, c, oid, reden="  ")
    assert "reden" in exc.value.fouten
    osvc.heropen_onderzoek(ctx, c, oid, reden=f"Teruggestuurd: {OPMERKING}")
    assert _status(basis, m.Onderzoek, oid) == OnderzoekStatus.HEROPEND.value
    view = osvc.haal_onderzoek(ctx, c, oid)
    assert view.heropend and not view.afgerond and view.heropen_reden == f"Teruggestuurd: {OPMERKING}"
    # While reopened the decision cannot go back to the reviewer: the report is being changed.
    with pytest.raises(RegelFout, match="heropend"):
        tsvc.dien_in_voor_toetsing(ctx, c, bid, vandaag=AANVRAAGDATUM)
    osvc.gehoord_bijwerken(ctx, c, oid, {"eerdere_hulp_evaluatie": "Thuiszorg tot 2025; stopte bij verhuizing."})
    osvc.rond_onderzoek_af(ctx, c, oid, vandaag=AANVRAAGDATUM)
    with transactie(ctx) as s:
        o = s.get(m.Onderzoek, oid)
        assert o is not None and o.status == "afgerond" and o.verslag_versie == 2
        versies = s.scalars(select(m.Document.versie_nr).where(m.Document.onderzoek_id == oid,
                                                               m.Document.soort == "verslag")).all()
        assert sorted(versies) == [1]  # the reopened one is stored at once; none was made before in this case
        acties = s.scalars(select(m.AuditEvent.details).where(m.AuditEvent.client_id == client_id,
                                                            m.AuditEvent.object_type == "onderzoek")).all()
    assert f"status=heropend,beschikking={bid}" in acties
    assert "status=afgerond,verslag_versie=2" in acties
    # Changed since the return: offered again without a question.
    tsvc.dien_in_voor_toetsing(ctx, c, bid, vandaag=AANVRAAGDATUM)
    assert _status(basis, m.Beschikking, bid) == "ter_toetsing"
    dossier = tsvc.toets_dossier(ctx, basis["toetser"], bid)
    assert any("stopte bij verhuizing" in r for sec in dossier.verslag for r in sec.regels)
    # Under review the report stays as judged.
    with pytest.raises(RegelFout, match="ter toetsing"):
        osvc.heropen_onderzoek(ctx, c, oid, reden="Nog iets")


def test_offering_a_returned_decision_again_unchanged_asks_first(basis: Basis) -> None:
    """Domain brief section 8: the reviewer returned it for a reason; resubmitting without any change is not
    silent: the core refuses it until the consultant confirms (`ook_ongewijzigd`)."""
    ctx, c = basis.ctx, basis["consulent"]
    _client_id, _oid, bid = _teruggestuurd(basis)
    with pytest.raises(tsvc.OngewijzigdAangeboden, match="niets veranderd"):
        tsvc.dien_in_voor_toetsing(ctx, c, bid, vandaag=AANVRAAGDATUM)
    assert _status(basis, m.Beschikking, bid) == "teruggestuurd"
    tsvc.dien_in_voor_toetsing(ctx, c, bid, vandaag=AANVRAAGDATUM, ook_ongewijzigd=True)
    assert _status(basis, m.Beschikking, bid) == "ter_toetsing"


def test_only_the_cases_own_team_reopens_and_not_after_approval(basis: Basis) -> None:
    """Need to know: another team's consultant cannot reopen; an approved decision's report stays as judged."""
    ctx, c = basis.ctx, basis["consulent"]
    _client_id, oid, bid = _teruggestuurd(basis)
    from consulent_app.errors import GeenToegang

    with pytest.raises(GeenToegang):
        osvc.heropen_onderzoek(ctx, basis["consulent_b"], oid, reden="Aanpassen")
    tsvc.dien_in_voor_toetsing(ctx, c, bid, vandaag=AANVRAAGDATUM, ook_ongewijzigd=True)
    tsvc.beoordeel(ctx, basis["toetser"], bid, uitkomst="goedgekeurd", scores=ALLES_VOLDOENDE)
    with pytest.raises(RegelFout, match="goedgekeurd"):
        osvc.heropen_onderzoek(ctx, c, oid, reden="Aanpassen")
