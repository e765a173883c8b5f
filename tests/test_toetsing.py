"""Four-eyes review: the 13 criteria, the automatic check, submitting, approving and returning."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from consulent_app.db import models as m
from consulent_app.domain import BeschikkingStatus, ToetsScore, Wet
from consulent_app.errors import GeenToegang, RegelFout, ValidatieFout
from consulent_app.rules import toetsing as regels
from consulent_app.services import meldingen
from consulent_app.services import toetsing as svc
from consulent_app.services.base import transactie
from tests.factories import Basis
from tests.factories_zaak import VzSpec, maak_zaak

ALLES_VOLDOENDE = {nr: svc.ScoreInvoer("voldoende") for nr in range(1, 14)}


# --------------------------------------------------------------------------------------------------------------
# Pure rules
# --------------------------------------------------------------------------------------------------------------


def test_thirteen_criteria_per_law_with_their_texts() -> None:
    """Toetsingskader 2020, chapter 2: 13 criteria for Wmo and for Jeugd, Jeugd differing in 1, 2, 6, 13 et al."""
    wmo, jeugd = regels.criteria(Wet.WMO), regels.criteria(Wet.JEUGDWET)
    assert [c.nummer for c in wmo] == list(range(1, 14)) == [c.nummer for c in jeugd]
    assert wmo[3].titel == "De gewenste resultaten zijn beschreven"
    assert "bruto-hulp" in wmo[4].toelichting
    assert "opgroei- of opvoedproblemen" in jeugd[1].titel
    assert jeugd[5].titel == "Het vermogen om zelf de problemen op te lossen is afgewogen"
    assert "gezinsplan" in jeugd[12].titel and "plan van aanpak" in wmo[12].titel


def test_overall_judgement_from_average() -> None:
    """Toetsingskader 2020: the overall judgement follows the average score; n.v.t. does not count."""
    assert regels.eindoordeel({1: "voldoende", 2: "voldoende", 3: "nvt"}) == (3.0, ToetsScore.VOLDOENDE)
    assert regels.eindoordeel({1: "voldoende", 2: "matig"}) == (2.5, ToetsScore.VOLDOENDE)
    assert regels.eindoordeel({1: "matig", 2: "onvoldoende", 3: "matig"})[1] is ToetsScore.MATIG
    assert regels.eindoordeel({1: "onvoldoende", 2: "onvoldoende", 3: "matig"})[1] is ToetsScore.ONVOLDOENDE
    assert regels.eindoordeel({1: "nvt"}) == (None, None)


@given(st.dictionaries(st.integers(1, 13), st.sampled_from(list(ToetsScore)), min_size=1),
       st.integers(1, 13))
def test_property_better_score_never_lowers_the_judgement(scores: dict[int, ToetsScore], nr: int) -> None:
    """Toetsingskader 2020: raising one criterion to voldoende never makes the overall judgement worse."""
    volgorde = {ToetsScore.ONVOLDOENDE: 1, ToetsScore.MATIG: 2, ToetsScore.VOLDOENDE: 3}
    _, voor = regels.eindoordeel(scores)
    beter = dict(scores)
    beter[nr] = ToetsScore.VOLDOENDE
    _, na = regels.eindoordeel(beter)
    assert na is not None
    assert voor is None or volgorde[na] >= volgorde[voor]


def _feiten(**kw: object) -> regels.ZaakFeiten:
    vz = regels.VoorzieningFeit(naam="Hulp bij het huishouden", besluit="toegekend", startdatum=dt.date(2026, 12, 1),
                                einddatum=None, po_datum=dt.date(2027, 12, 1), volume=Decimal(3),
                                motivering="Zie verslag.", beoogd_resultaat="Schoon huis.",
                                behoeften=("Schoonmaken",), netto_behoeften=1, resultaten=1)
    base: dict[str, object] = dict(
        wet=Wet.WMO, stappen={n: "compleet" for n in range(1, 8)}, problemen=1, leefgebieden=1, resultaten=1,
        behoeften=(regels.BehoefteFeit("Schoonmaken", Decimal(10), "04", "2", Decimal(4), Decimal(6)),), dekking_netwerk=1,
        voorzieningen=(vz,), client_gehoord=True, derden_geraadpleegd=True,
        verslag_uitgereikt_op=dt.date(2026, 11, 20), verslag_getekend=True)
    base.update(kw)
    return regels.ZaakFeiten(**base)  # type: ignore[arg-type]


def _bevinding(f: regels.ZaakFeiten, nr: int) -> regels.Bevinding:
    return regels.automatische_toets(f)[nr - 1].bevinding


def test_auto_check_desired_results() -> None:
    """Toetsingskader criterium 4: desired results present."""
    assert _bevinding(_feiten(), 4) is regels.Bevinding.IN_ORDE
    assert _bevinding(_feiten(resultaten=0), 4) is regels.Bevinding.ONTBREEKT


def test_auto_check_bruto_table_complete() -> None:
    """Toetsingskader criterium 5: every need of the bruto-hulp has kind and scope."""
    assert _bevinding(_feiten(), 5) is regels.Bevinding.IN_ORDE
    assert _bevinding(_feiten(behoeften=()), 5) is regels.Bevinding.ONTBREEKT
    leeg = regels.BehoefteFeit("Koken", Decimal(0), "04", "2", Decimal(0), Decimal(0))
    assert _bevinding(_feiten(behoeften=(leeg,)), 5) is regels.Bevinding.ONTBREEKT


@pytest.mark.parametrize("nr", [6, 7, 8])
def test_auto_check_steps_5_and_6_recorded(nr: int) -> None:
    """Toetsingskader criteria 6, 7, 8: steps 5 and 6 complete (or n.v.t. with a reason); the weighing is human."""
    assert _bevinding(_feiten(), nr) is regels.Bevinding.BEOORDELEN
    stap = 6 if nr == 8 else 5
    open_ = {**{n: "compleet" for n in range(1, 8)}, stap: "open"}
    assert _bevinding(_feiten(stappen=open_), nr) is regels.Bevinding.ONTBREEKT
    nvt = {**{n: "compleet" for n in range(1, 8)}, stap: "nvt"}
    assert _bevinding(_feiten(stappen=nvt), nr) is regels.Bevinding.ONTBREEKT
    assert _bevinding(_feiten(stappen=nvt, nvt_redenen={stap: "Geen netwerk."}), nr) is regels.Bevinding.BEOORDELEN


def test_auto_check_end_date_or_po_for_every_granted_provision() -> None:
    """Toetsingskader criterium 10: every granted provision has an end date or a PO within the maximum."""
    assert _bevinding(_feiten(), 10) is regels.Bevinding.BEOORDELEN
    vz = _feiten().voorzieningen[0]
    from dataclasses import replace

    zonder = replace(vz, po_datum=None)
    assert _bevinding(_feiten(voorzieningen=(zonder,)), 10) is regels.Bevinding.ONTBREEKT
    te_laat = replace(vz, po_datum=dt.date(2030, 1, 1))
    check = regels.automatische_toets(_feiten(voorzieningen=(te_laat,)))[9]
    assert check.bevinding is regels.Bevinding.ONTBREEKT and "36 maanden" in check.toelichting
    afgewezen = replace(vz, besluit="afgewezen", po_datum=None)
    assert _bevinding(_feiten(voorzieningen=(afgewezen,)), 10) is regels.Bevinding.NVT


def test_auto_check_need_for_custom_provision() -> None:
    """Toetsingskader criterium 9 / Wmo 2015 art. 2.3.5 lid 3: only an uncovered (netto) need grounds maatwerk."""
    from dataclasses import replace

    vz = _feiten().voorzieningen[0]
    assert _bevinding(_feiten(voorzieningen=(replace(vz, netto_behoeften=0),)), 9) is regels.Bevinding.ONTBREEKT
    assert _bevinding(_feiten(voorzieningen=(replace(vz, behoeften=()),)), 9) is regels.Bevinding.ONTBREEKT


def test_auto_check_client_heard() -> None:
    """Toetsingskader criterium 11: client (and for Jeugd the young person) heard, or why not."""
    assert _bevinding(_feiten(), 11) is regels.Bevinding.IN_ORDE
    assert _bevinding(_feiten(client_gehoord=None), 11) is regels.Bevinding.ONTBREEKT
    assert _bevinding(_feiten(client_gehoord=False), 11) is regels.Bevinding.ONTBREEKT
    assert _bevinding(_feiten(client_gehoord=False, reden_niet_gehoord=True), 11) is regels.Bevinding.IN_ORDE
    assert _bevinding(_feiten(wet=Wet.JEUGDWET), 11) is regels.Bevinding.ONTBREEKT
    assert _bevinding(_feiten(wet=Wet.JEUGDWET, jeugdige_gehoord=True), 11) is regels.Bevinding.IN_ORDE


def test_auto_check_decision_consistent_with_report() -> None:
    """Toetsingskader criterium 12 / Wmo 2015 art. 2.3.2 lid 8: report given; decision follows report and remarks."""
    from dataclasses import replace

    assert _bevinding(_feiten(), 12) is regels.Bevinding.IN_ORDE
    assert _bevinding(_feiten(verslag_uitgereikt_op=None), 12) is regels.Bevinding.ONTBREEKT
    vz = _feiten().voorzieningen[0]
    anders = replace(vz, besluit_in_beschikking="afgewezen")
    assert _bevinding(_feiten(voorzieningen=(anders,)), 12) is regels.Bevinding.ONTBREEKT
    assert _bevinding(_feiten(reactie_opmerkingen=True), 12) is regels.Bevinding.BEOORDELEN


def test_auto_check_provider_plan() -> None:
    """Toetsingskader criterium 13: a plan van aanpak / gezinsplan expected or present where the product needs one."""
    from dataclasses import replace

    vz = _feiten().voorzieningen[0]
    assert _bevinding(_feiten(), 13) is regels.Bevinding.NVT
    nodig = replace(vz, plan_nodig=True)
    assert _bevinding(_feiten(voorzieningen=(nodig,)), 13) is regels.Bevinding.ONTBREEKT
    verwacht = replace(nodig, plan_verwacht_op=dt.date(2027, 1, 15))
    check = regels.automatische_toets(_feiten(voorzieningen=(verwacht,)))[12]
    assert check.bevinding is regels.Bevinding.IN_ORDE and "15 januari 2027" in check.toelichting


# --------------------------------------------------------------------------------------------------------------
# Submitting for review
# --------------------------------------------------------------------------------------------------------------


def _status(basis: Basis, bid: int) -> str:
    with transactie(basis.ctx) as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        return b.status


def test_submit_without_end_date_or_po_is_refused(basis: Basis) -> None:
    """Domain brief section 7: a decision with a granted provision cannot be finalised without end date or PO."""
    zaak = maak_zaak(basis, voorzieningen=[VzSpec("HH", po_datum=None, einddatum=None)])
    assert zaak.beschikking_id is not None
    with pytest.raises(RegelFout, match="Hulp bij het huishouden: Een toegekende voorziening"):
        svc.dien_in_voor_toetsing(basis.ctx, basis["consulent"], zaak.beschikking_id)
    assert _status(basis, zaak.beschikking_id) == "concept"


def test_submit_with_po_beyond_maximum_is_refused(basis: Basis) -> None:
    """Criterium 10 / config po_maximum_maanden: the PO of a granted provision within 36 months of the start."""
    zaak = maak_zaak(basis, voorzieningen=[VzSpec("HH", startdatum=dt.date(2026, 12, 1),
                                                  po_datum=dt.date(2029, 12, 2))])
    assert zaak.beschikking_id is not None
    with pytest.raises(RegelFout, match="uiterlijk 36 maanden"):
        svc.dien_in_voor_toetsing(basis.ctx, basis["consulent"], zaak.beschikking_id)


def test_refused_provision_needs_no_end_date(basis: Basis) -> None:
    """A refusal needs no duration; the decision goes to review."""
    zaak = maak_zaak(basis, voorzieningen=[VzSpec("HH", besluit="afgewezen", po_datum=None, einddatum=None)])
    assert zaak.beschikking_id is not None
    with basis.ctx.session_factory.begin() as s:  # the table leaves a netto need: the refusal rests on a ground
        for r in s.scalars(select(m.BeschikkingRegel).where(m.BeschikkingRegel.beschikking_id == zaak.beschikking_id)):
            r.weigeringsgrond = "voorliggend"
    svc.dien_in_voor_toetsing(basis.ctx, basis["consulent"], zaak.beschikking_id)
    assert _status(basis, zaak.beschikking_id) == "ter_toetsing"


def test_only_the_author_submits(basis: Basis) -> None:
    """Four eyes (domain brief section 8): the author offers the decision; a colleague cannot do it for them."""
    zaak = maak_zaak(basis)
    assert zaak.beschikking_id is not None
    with pytest.raises(RegelFout, match="Alleen de consulent die de beschikking heeft opgesteld"):
        svc.dien_in_voor_toetsing(basis.ctx, basis["consulent2"], zaak.beschikking_id)


# --------------------------------------------------------------------------------------------------------------
# Reviewing
# --------------------------------------------------------------------------------------------------------------


def _ter_toetsing(basis: Basis, **kw: object) -> int:
    zaak = maak_zaak(basis, **kw)  # type: ignore[arg-type]
    assert zaak.beschikking_id is not None
    svc.dien_in_voor_toetsing(basis.ctx, basis[str(kw.get("consulent", "consulent"))], zaak.beschikking_id)
    return zaak.beschikking_id


def test_reviewer_cannot_be_the_author(basis: Basis) -> None:
    """Four eyes (domain brief section 8): the reviewer is never the author, enforced in the core."""
    bid = _ter_toetsing(basis)
    with transactie(basis.ctx) as s:  # the author is (also) a reviewer: make it so in the data
        b = s.get(m.Beschikking, bid)
        assert b is not None
        b.auteur_id = basis["toetser"].gebruiker_id
    with pytest.raises(RegelFout, match="vier ogen"):
        svc.beoordeel(basis.ctx, basis["toetser"], bid, uitkomst="goedgekeurd", scores=ALLES_VOLDOENDE)
    assert _status(basis, bid) == "ter_toetsing"


def test_consultant_cannot_review(basis: Basis) -> None:
    """Four eyes (domain brief section 8): only a reviewer (toetser) judges a decision."""
    bid = _ter_toetsing(basis)
    with pytest.raises(GeenToegang):
        svc.beoordeel(basis.ctx, basis["consulent2"], bid, uitkomst="goedgekeurd", scores=ALLES_VOLDOENDE)


def test_approve_sends_to_administrative_staff_and_stores_scores(basis: Basis) -> None:
    """Domain brief section 8: approved decisions go to administrative staff; scores are stored per criterion."""
    bid = _ter_toetsing(basis)
    scores = dict(ALLES_VOLDOENDE)
    scores[13] = svc.ScoreInvoer("nvt")
    scores[3] = svc.ScoreInvoer("matig", "Eerdere hulp kort beschreven.")
    tid = svc.beoordeel(basis.ctx, basis["toetser"], bid, uitkomst="goedgekeurd", scores=scores)
    assert _status(basis, bid) == "goedgekeurd"
    wacht = meldingen.beschikkingen_met_status(basis.ctx, basis["administratie"], BeschikkingStatus.GOEDGEKEURD)
    assert [w.id for w in wacht] == [bid]
    with transactie(basis.ctx) as s:
        t = s.get(m.Toetsing, tid)
        assert t is not None and t.uitkomst == "goedgekeurd"
        assert {x.criterium: x.score for x in t.scores}[3] == "matig"
        assert len(t.scores) == 13
        b = s.get(m.Beschikking, bid)
        assert b is not None and b.toetser_id == basis["toetser"].gebruiker_id and b.goedgekeurd_op is not None


def test_approve_twice_is_refused(basis: Basis) -> None:
    """Domain brief section 8: a decision is approved once; a second judgement is refused."""
    bid = _ter_toetsing(basis)
    svc.beoordeel(basis.ctx, basis["toetser"], bid, uitkomst="goedgekeurd", scores=ALLES_VOLDOENDE)
    with pytest.raises(RegelFout, match="al goedgekeurd"):
        svc.beoordeel(basis.ctx, basis["toetser"], bid, uitkomst="goedgekeurd", scores=ALLES_VOLDOENDE)
    with transactie(basis.ctx) as s:
        assert len(s.scalars(select(m.Toetsing)).all()) == 1


def test_return_without_remarks_is_refused(basis: Basis) -> None:
    """Domain brief section 8: returned files carry remarks for the consultant."""
    bid = _ter_toetsing(basis)
    with pytest.raises(ValidatieFout) as exc:
        svc.beoordeel(basis.ctx, basis["toetser"], bid, uitkomst="teruggestuurd", scores={}, opmerkingen="  ")
    assert "opmerkingen" in exc.value.fouten
    assert _status(basis, bid) == "ter_toetsing"


def test_approve_needs_every_criterion_and_no_onvoldoende(basis: Basis) -> None:
    """Toetsingskader: every criterion is scored; an onvoldoende means returning, not approving."""
    bid = _ter_toetsing(basis)
    onvolledig = {nr: s for nr, s in ALLES_VOLDOENDE.items() if nr != 7}
    with pytest.raises(ValidatieFout) as exc:
        svc.beoordeel(basis.ctx, basis["toetser"], bid, uitkomst="goedgekeurd", scores=onvolledig)
    assert set(exc.value.fouten) == {"criterium_7"}
    slecht = {**ALLES_VOLDOENDE, 5: svc.ScoreInvoer("onvoldoende", "Bruto-hulp ontbreekt.")}
    with pytest.raises(ValidatieFout) as exc:
        svc.beoordeel(basis.ctx, basis["toetser"], bid, uitkomst="goedgekeurd", scores=slecht)
    assert "terug" in exc.value.fouten["criterium_5"]
    with pytest.raises(ValidatieFout) as exc:
        svc.beoordeel(basis.ctx, basis["toetser"], bid, uitkomst="goedgekeurd",
                      scores={**ALLES_VOLDOENDE, 14: svc.ScoreInvoer("voldoende"), 2: svc.ScoreInvoer("goed")})
    assert set(exc.value.fouten) == {"criterium_14", "criterium_2"}


def test_returned_remarks_visible_to_consultant_and_resubmit(basis: Basis) -> None:
    """Domain brief section 8: returned files show the remarks to the consultant, who can offer them again."""
    bid = _ter_toetsing(basis)
    svc.beoordeel(basis.ctx, basis["toetser"], bid, uitkomst="teruggestuurd",
                  scores={5: svc.ScoreInvoer("onvoldoende", "Omvang ontbreekt bij koken.")},
                  opmerkingen="Vul de omvang van alle behoeften in.")
    assert _status(basis, bid) == "teruggestuurd"
    (terug,) = svc.mijn_teruggestuurde(basis.ctx, basis["consulent"])
    assert (terug.beschikking_id, terug.opmerkingen, terug.toetser) == (bid, "Vul de omvang van alle behoeften in.",
                                                                        "Toetser")
    (view,) = svc.toetsingen_van(basis.ctx, basis["consulent"], bid)
    assert view.uitkomst_label == "Teruggestuurd met opmerkingen"
    assert [(x.criterium, x.score_label, x.toelichting) for x in view.scores] == [
        (5, "Onvoldoende", "Omvang ontbreekt bij koken.")]
    with pytest.raises(RegelFout, match="teruggestuurd"):
        svc.beoordeel(basis.ctx, basis["toetser"], bid, uitkomst="goedgekeurd", scores=ALLES_VOLDOENDE)
    with pytest.raises(svc.OngewijzigdAangeboden):  # nothing changed since the return: asked first
        svc.dien_in_voor_toetsing(basis.ctx, basis["consulent"], bid)
    svc.dien_in_voor_toetsing(basis.ctx, basis["consulent"], bid, ook_ongewijzigd=True)
    assert _status(basis, bid) == "ter_toetsing"
    assert svc.mijn_teruggestuurde(basis.ctx, basis["consulent"]) == []


def test_review_of_concept_is_refused(basis: Basis) -> None:
    """Domain brief section 2 step 6: only a decision offered for review can be judged."""
    zaak = maak_zaak(basis)
    assert zaak.beschikking_id is not None
    with pytest.raises(RegelFout, match="nog niet ter toetsing"):
        svc.beoordeel(basis.ctx, basis["toetser"], zaak.beschikking_id, uitkomst="goedgekeurd",
                      scores=ALLES_VOLDOENDE)


def test_review_screen_content(basis: Basis) -> None:
    """The review screen shows report, draft decision and the automatic check per criterion (13 rows)."""
    bid = _ter_toetsing(basis, voorzieningen=[VzSpec("BG", plan_verwacht_op=dt.date(2027, 1, 15))],
                        reactie_opmerkingen="Ik wil liever op dinsdag hulp.")
    d = svc.toets_dossier(basis.ctx, basis["toetser"], bid)
    assert len(d.criteria) == 13 and d.auteur == "Consulent" and d.wet_label == "Wmo 2015"
    bev = {c.nummer: c.bevinding for c in d.criteria}
    assert bev[4] == bev[5] == bev[11] == bev[13] == "in_orde"
    assert bev[12] == "beoordelen"  # client remarks to weigh
    koppen = [s.kop for s in d.verslag]
    assert "Bruto / gedekt / netto" in koppen
    assert [k for k in koppen if k.startswith("Stap ")][3].startswith("Stap 4. Ondersteuning naar aard en omvang")
    bruto = next(s for s in d.verslag if s.kop == "Bruto / gedekt / netto")
    assert bruto.regels[0] == "Zwaar huishoudelijk werk: bruto 10 uur per week, gedekt 4, netto 6"
    tekst = "\n".join(r for s in d.beschikking for r in s.regels)
    assert "Omvang: 3 uur per week" in tekst and "Periodiek onderzoek: " in tekst


def test_quality_per_criterion(basis: Basis) -> None:
    """Domain brief section 8: stored scores give quality per team and criterion for steering."""
    b1 = _ter_toetsing(basis)
    b2 = _ter_toetsing(basis, achternaam="Smeets")
    svc.beoordeel(basis.ctx, basis["toetser"], b1, uitkomst="goedgekeurd", scores=ALLES_VOLDOENDE)
    svc.beoordeel(basis.ctx, basis["toetser"], b2, uitkomst="teruggestuurd",
                  scores={5: svc.ScoreInvoer("onvoldoende"), 4: svc.ScoreInvoer("matig")}, opmerkingen="Bruto-hulp.")
    rows = {r.criterium: r for r in svc.kwaliteit_per_criterium(basis.ctx, basis["teamleider"])}
    assert (rows[5].voldoende, rows[5].onvoldoende, rows[5].gemiddelde) == (1, 1, 2.0)
    assert (rows[4].voldoende, rows[4].matig, rows[4].gemiddelde) == (1, 1, 2.5)
    assert rows[1].getoetst == 1
    assert svc.kwaliteit_per_criterium(basis.ctx, basis["teamleider"], team_id=basis.team_a,
                                       van=dt.date(2000, 1, 1), tot=dt.date(2000, 12, 31)) == []
    with pytest.raises(GeenToegang):
        svc.kwaliteit_per_criterium(basis.ctx, basis["teamleider"], team_id=basis.team_b)


def test_whole_chain_from_concept_to_objection_term(basis: Basis) -> None:
    """Domain brief section 2 steps 5-7 and Awb 6:7/6:8: concept, four-eyes review, sending, objection term."""
    from consulent_app import termijnen
    from consulent_app.services import beschikkingen, termijnbewaking, verzending

    vandaag = dt.date.today()  # approval is stamped with the real clock, and sending cannot come before it
    aanvraag = vandaag - dt.timedelta(days=3)
    zaak = maak_zaak(basis, beschikking=None, melding_datum=aanvraag - dt.timedelta(days=30), aanvraag_datum=aanvraag)
    bid = beschikkingen.maak_concept_beschikking(basis.ctx, basis["consulent"], zaak.aanvraag_id, vandaag=vandaag)
    (term,) = termijnbewaking.mijn_termijnen(basis.ctx, basis["consulent"], vandaag=vandaag)
    assert (term.soort, term.einde) == ("beslissing", termijnen.termijn_einde(aanvraag, 2))
    svc.dien_in_voor_toetsing(basis.ctx, basis["consulent"], bid)
    svc.beoordeel(basis.ctx, basis["toetser"], bid, uitkomst="goedgekeurd", scores=ALLES_VOLDOENDE)
    assert [r.beschikking_id for r in verzending.verzendlijst(basis.ctx, basis["administratie"])] == [bid]
    verzending.registreer_productie(basis.ctx, basis["administratie"], [bid], hoe="pdf", vandaag=vandaag)
    verzending.markeer_verzonden(basis.ctx, basis["administratie"], [bid], vandaag, "post", vandaag=vandaag)
    regels = termijnbewaking.mijn_termijnen(basis.ctx, basis["consulent"], met_bezwaar=True, vandaag=vandaag)
    assert [(r.soort, r.einde) for r in regels] == [("bezwaar", termijnen.termijn_einde(vandaag, 6))]


def test_review_after_po_rests_on_the_po_report(basis: Basis) -> None:
    """Toetsingskader criteria 1-8, 12 after a PO (domain brief section 7): no new stappenplan is not 'missing'."""
    from consulent_app.services import beschikkingen
    from consulent_app.services import periodiek as po_svc

    vandaag = dt.date(2026, 11, 25)
    start = dt.date(2024, 1, 15)
    zaak = maak_zaak(basis, beschikking="verzonden", verzonden_op=dt.date(2024, 1, 5),
                     melding_datum=dt.date(2023, 12, 1), aanvraag_datum=dt.date(2023, 12, 20),
                     voorzieningen=[VzSpec("HH", startdatum=start, po_datum=dt.date(2025, 1, 15))])
    res = po_svc.rond_po_af(basis.ctx, basis["consulent"], zaak.po_ids[0], uitkomst="gewijzigd",
                            verslag="Na een val is meer hulp nodig.", volgende_po_datum=dt.date(2027, 11, 25),
                            vandaag=vandaag)
    assert res.nieuwe_aanvraag_id is not None
    bid = beschikkingen.maak_concept_beschikking(basis.ctx, basis["consulent"], res.nieuwe_aanvraag_id,
                                                 vandaag=vandaag)
    d = svc.toets_dossier(basis.ctx, basis["consulent"], bid)
    bev = {c.nummer: c.bevinding for c in d.criteria}
    assert all(bev[n] == "beoordelen" for n in (1, 2, 3, 4, 5, 6, 7, 8, 11, 12))
    assert bev[10] == "beoordelen"  # duration present: PO prefilled from the PO just agreed
    assert d.verslag[0].kop == "Periodiek onderzoek"
    assert "Verslag: Na een val is meer hulp nodig." in d.verslag[0].regels


@pytest.mark.postgres
def test_two_reviewers_at_once_only_one_judgement_counts(pg_url: str) -> None:
    """Four eyes on a shared server: two reviewers pressing 'Goedkeuren' together leave exactly one judgement."""
    import threading

    from consulent_app.config import load_defaults
    from consulent_app.db.engine import make_engine
    from consulent_app.errors import ConflictFout
    from consulent_app.services.base import AppContext, actor_by_username
    from tests.factories import maak_basis

    ctx = AppContext(config=load_defaults().with_database(pg_url), engine=make_engine(pg_url))
    try:
        basis = maak_basis(ctx)
        with transactie(ctx) as s:
            eerste = s.get(m.Gebruiker, basis["toetser"].gebruiker_id)
            assert eerste is not None
            tweede = m.Gebruiker(gebruikersnaam="toetser2", naam="Toetser twee", rol="toetser", team_id=None,
                                 wachtwoord_hash=eerste.wachtwoord_hash, nevenuren=Decimal(0))
            tweede.bediende_teams = list(eerste.bediende_teams)
            s.add(tweede)
        t2 = actor_by_username(ctx, "toetser2")
        bid = _ter_toetsing(basis)
        with transactie(ctx) as s:
            b = s.get(m.Beschikking, bid)
            assert b is not None
            versie = b.versie
        start = threading.Barrier(2)
        uitkomsten: list[str] = []

        def keur(actor: object) -> None:
            start.wait()
            try:
                svc.beoordeel(ctx, actor, bid, uitkomst="goedgekeurd", scores=ALLES_VOLDOENDE,  # type: ignore[arg-type]
                              versie=versie)
                uitkomsten.append("ok")
            except (ConflictFout, RegelFout):
                uitkomsten.append("geweigerd")

        draden = [threading.Thread(target=keur, args=(a,)) for a in (basis["toetser"], t2)]
        for d in draden:
            d.start()
        for d in draden:
            d.join()
        assert sorted(uitkomsten) == ["geweigerd", "ok"]
        with transactie(ctx) as s:
            assert len(s.scalars(select(m.Toetsing)).all()) == 1
            assert len(s.scalars(select(m.ToetsingScore)).all()) == 13
    finally:
        ctx.engine.dispose()
