"""The investigation use cases, on SQLite and PostgreSQL: from melding to a completed investigation with provisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import select

from consulent_app.db import models as m
from consulent_app.errors import GeenToegang, RegelFout, ValidatieFout
from consulent_app.services import dossiers, meldingen
from consulent_app.services import onderzoek as svc
from consulent_app.services.base import transactie
from consulent_app.services.onderzoek import VoorzieningInvoer
from tests.factories import Basis

VANDAAG = dt.date(2026, 11, 25)
MELDDATUM = dt.date(2026, 11, 2)


def _melding(basis: Basis, wet: str = "wmo", **client_kw: object) -> int:
    cid = basis.client(**client_kw)  # type: ignore[arg-type]
    return meldingen.registreer_melding(basis.ctx, basis["consulent"], client_id=cid, wet=wet, datum=MELDDATUM,
                                        kanaal="cit", vraag="Hulp in huis", vandaag=VANDAAG)


TEKSTEN = {
    "wmo": ("Kan niet stofzuigen.", "Schoon en leefbaar huis.", "Twee keer per week onder de mensen.",
            "Schoonmaken woning", "Boodschappen", "Begeleiding dagstructuur"),
    "jeugdwet": ("Ouders kunnen de driftbuien niet opvangen.", "Hooguit één driftbui per week.",
                 "Weer elke dag naar school.", "Ouderbegeleiding bij boosheid", "Halen en brengen naar school",
                 "Behandeling agressieregulatie"),
}


def _vul_stappen_1_tot_6(basis: Basis, oid: int, wet: str = "wmo") -> dict[str, int]:
    """A realistic Wmo/Jeugd investigation up to step 6; returns ids of the rows made."""
    ctx, c = basis.ctx, basis["consulent"]
    velden = {
        "wmo": {1: {"client_woorden": "Ik wil mijn huis weer netjes hebben.",
                    "vraag_achter_de_vraag": "Regie over het huishouden.", "persoonskenmerken": "Zelfstandig."},
                5: {"eigen_mogelijkheden": "Lichte taken zelf.", "gebruikelijke_hulp": "Woont alleen.",
                    "netwerk": "Zoon doet boodschappen."},
                6: {"algemene_voorzieningen": "Geen passende.", "andere_wetten": "Geen Wlz."}},
        "jeugdwet": {1: {"client_woorden": "Ik word zo boos.", "vraag_ouders": "Rust in huis.",
                         "vraag_achter_de_vraag": "Omgaan met boosheid."},
                     5: {"eigen_mogelijkheden": "Sport helpt.", "ouders": "Moeder oefent thuis.",
                         "netwerk": "Opa haalt op."},
                     6: {"vrij_toegankelijk": "CJG-spreekuur.", "andere_wetten": "Schoolmaatschappelijk werk."}},
    }[wet]
    for nr, vs in velden.items():
        for k, val in vs.items():
            svc.bewaar_veld(ctx, c, oid, nr, k, val)
    lg = "huishouden" if wet == "wmo" else "opvoeding"
    teksten = TEKSTEN[wet]
    svc.voeg_probleem_toe(ctx, c, oid, leefgebied=lg, beschrijving=teksten[0], ernst="matig")
    r1 = svc.voeg_resultaat_toe(ctx, c, oid, omschrijving=teksten[1], leefgebied=lg)
    r2 = svc.voeg_resultaat_toe(ctx, c, oid, omschrijving=teksten[2])
    b1 = svc.voeg_behoefte_toe(ctx, c, oid, omschrijving=teksten[3], volume="3", eenheid="04",
                               frequentie="2", leefgebied=lg)
    b2 = svc.voeg_behoefte_toe(ctx, c, oid, omschrijving=teksten[4], volume="1", eenheid="04", frequentie="2")
    b3 = svc.voeg_behoefte_toe(ctx, c, oid, omschrijving=teksten[5], volume="2", eenheid="04",
                               frequentie="2")
    svc.voeg_dekking_toe(ctx, c, b1, bron="client_zelf", volume="1", toelichting="Afwassen en opruimen")
    svc.voeg_dekking_toe(ctx, c, b2, bron="netwerk_nu", volume="1", toelichting="Zoon")
    return {"r1": r1, "r2": r2, "b1": b1, "b2": b2, "b3": b3}


def _gehoord(basis: Basis, oid: int, wet: str = "wmo") -> None:
    w: dict[str, object] = {"gesprek_datum": dt.date(2026, 11, 10), "gesprek_plaats": "Bij cliënt thuis",
                            "eerdere_hulp_evaluatie": "Geen eerdere hulp.", "derden_geraadpleegd": "Huisarts"}
    if wet == "wmo":
        w["client_gehoord"] = True
    else:
        w.update(jeugdige_gehoord=True, vertegenwoordiger_gehoord=True, gezinsplan_verwacht=True)
    svc.gehoord_bijwerken(basis.ctx, basis["consulent"], oid, w, vandaag=VANDAAG)


def _vz(basis: Basis, ids: dict[str, int], **kw: object) -> VoorzieningInvoer:
    base = VoorzieningInvoer(
        productcategorie="01", product_id=basis.producten["HH"], volume="2", frequentie="2",
        startdatum=dt.date(2026, 12, 1), einddatum=None, po_datum=dt.date(2027, 12, 1), leveringsvorm="zin",
        aanbieder_id=basis.aanbieders[0], beoogd_resultaat="Schoon huis", motivering="Zie stap 4-6",
        behoefte_ids=(ids["b1"],), resultaat_ids=(ids["r1"],))
    return replace(base, **kw)  # type: ignore[arg-type]


def test_start_moves_melding_to_in_onderzoek_and_creates_seven_open_steps(basis: Basis) -> None:
    mid = _melding(basis)
    oid = svc.start_onderzoek(basis.ctx, basis["consulent"], mid, vandaag=VANDAAG)
    assert svc.start_onderzoek(basis.ctx, basis["consulent"], mid, vandaag=VANDAAG) == oid  # idempotent
    view = svc.haal_onderzoek(basis.ctx, basis["consulent"], oid)
    assert [s.status for s in view.stappen] == ["open"] * 7
    assert view.stap(1).titel == "Hulpvraag"
    assert view.onderzoekstermijn_einde == dt.date(2026, 12, 14)  # Wmo 2015 art. 2.3.2 lid 1
    assert not view.stap7_open
    with transactie(basis.ctx) as s:
        assert s.get(m.Melding, mid).status == "in_onderzoek"  # type: ignore[union-attr]
    assert svc.onderzoek_van_melding(basis.ctx, basis["consulent"], mid) == oid


def test_other_team_cannot_read_or_write_the_investigation(basis: Basis) -> None:
    oid = svc.start_onderzoek(basis.ctx, basis["consulent"], _melding(basis), vandaag=VANDAAG)
    with pytest.raises(GeenToegang):
        svc.haal_onderzoek(basis.ctx, basis["consulent_b"], oid)
    with pytest.raises(GeenToegang):
        svc.bewaar_veld(basis.ctx, basis["consulent_b"], oid, 1, "client_woorden", "x")
    with pytest.raises(GeenToegang):
        svc.bewaar_veld(basis.ctx, basis["planner"], oid, 1, "client_woorden", "x")


def test_autosave_is_idempotent_and_bad_input_keeps_the_rest(basis: Basis) -> None:
    ctx, c = basis.ctx, basis["consulent"]
    oid = svc.start_onderzoek(ctx, c, _melding(basis), vandaag=VANDAAG)
    v1 = svc.bewaar_veld(ctx, c, oid, 1, "client_woorden", "Ik wil mijn huis netjes.")
    assert v1.statussen[1] == "bezig"
    svc.bewaar_veld(ctx, c, oid, 1, "client_woorden", "Ik wil mijn huis netjes.")  # same value: no new write
    with transactie(ctx) as s:
        n = len(s.scalars(select(m.AuditEvent).where(m.AuditEvent.object_type == "onderzoek_stap")).all())
    assert n == 1
    with pytest.raises(ValidatieFout) as exc:
        svc.bewaar_veld(ctx, c, oid, 1, "vraag_achter_de_vraag", "plak\x07sel")
    assert "stuurtekens" in exc.value.fouten["vraag_achter_de_vraag"]
    with pytest.raises(ValidatieFout) as exc:
        svc.bewaar_veld(ctx, c, oid, 1, "persoonskenmerken", "x" * 4001)
    assert "te lang" in exc.value.fouten["persoonskenmerken"]
    view = svc.haal_onderzoek(ctx, c, oid)
    assert view.stap(1).velden == {"client_woorden": "Ik wil mijn huis netjes."}


def test_audit_of_autosave_names_the_field_never_the_text(basis: Basis) -> None:
    ctx, c = basis.ctx, basis["consulent"]
    oid = svc.start_onderzoek(ctx, c, _melding(basis), vandaag=VANDAAG)
    svc.bewaar_veld(ctx, c, oid, 1, "client_woorden", "Geheime zorgen over mijn dochter")
    with transactie(ctx) as s:
        details = " ".join(d or "" for d in s.scalars(select(m.AuditEvent.details)).all())
    assert "stap1.client_woorden" in details and "Geheime" not in details


def test_step7_refused_before_steps_1_to_6(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.5 lid 3: custom support only after own options, network and other provisions."""
    ctx, c = basis.ctx, basis["consulent"]
    oid = svc.start_onderzoek(ctx, c, _melding(basis), vandaag=VANDAAG)
    ids = _vul_stappen_1_tot_6(basis, oid)
    svc.bewaar_veld(ctx, c, oid, 6, "andere_wetten", "")  # step 6 incomplete again
    with pytest.raises(RegelFout) as exc:
        svc.voeg_voorziening_toe(ctx, c, oid, _vz(basis, ids), vandaag=VANDAAG)
    assert "Stap 7 is nog niet open" in str(exc.value)
    assert "Stap 6 Andere en algemene voorzieningen: vul 'Andere wetten en bestaande voorzieningen' in of leg het " \
        "per behoefte vast in de tabel hierboven." in str(exc.value)
    view = svc.haal_onderzoek(ctx, c, oid)
    assert view.stap(6).status == "bezig" and not view.stap7_open and view.voorzieningen == []


def test_full_wmo_investigation_with_two_provisions(basis: Basis) -> None:
    ctx, c = basis.ctx, basis["consulent"]
    mid = _melding(basis)
    oid = svc.start_onderzoek(ctx, c, mid, vandaag=VANDAAG)
    ids = _vul_stappen_1_tot_6(basis, oid)
    view = svc.haal_onderzoek(ctx, c, oid)
    assert [s.status for s in view.stappen[:6]] == ["compleet"] * 6
    assert view.stap7_open and view.stap(7).status == "open"
    saldo = {s.omschrijving: (s.bruto, s.gedekt, s.netto) for s in view.saldi}
    assert saldo["Schoonmaken woning"] == (Decimal("3"), Decimal("1"), Decimal("2"))
    assert saldo["Boodschappen"] == (Decimal("1"), Decimal("1"), Decimal("0"))

    # A provision for the fully covered need is refused with an explanation.
    with pytest.raises(ValidatieFout) as exc:
        svc.voeg_voorziening_toe(ctx, c, oid, _vz(basis, ids, behoefte_ids=(ids["b2"],)), vandaag=VANDAAG)
    assert "volledig gedekt" in exc.value.fouten["behoeften"]
    # PO beyond the configured maximum (36 months).
    with pytest.raises(ValidatieFout) as exc:
        svc.voeg_voorziening_toe(ctx, c, oid, _vz(basis, ids, po_datum=dt.date(2029, 12, 2)), vandaag=VANDAAG)
    assert "1 december 2029" in exc.value.fouten["po_datum"]
    # PGB without an amount.
    with pytest.raises(ValidatieFout) as exc:
        svc.voeg_voorziening_toe(ctx, c, oid, _vz(basis, ids, leveringsvorm="pgb", aanbieder_id=None),
                                 vandaag=VANDAAG)
    assert "pgb_bedrag" in exc.value.fouten

    v1 = svc.voeg_voorziening_toe(ctx, c, oid, _vz(basis, ids), vandaag=VANDAAG)
    v2 = svc.voeg_voorziening_toe(ctx, c, oid, _vz(
        basis, ids, productcategorie="02", product_id=basis.producten["BG"], leveringsvorm="pgb", aanbieder_id=None,
        pgb_bedrag="4.000,00".replace(".", ""), pgb_periode="jaar", behoefte_ids=(ids["b3"],), resultaat_ids=(ids["r2"],)),
        vandaag=VANDAAG)
    with pytest.raises(svc.OnderzoekOnvolledig) as onv:
        svc.rond_onderzoek_af(ctx, c, oid, vandaag=VANDAAG)
    assert any("Stap 7" in r and "Afweging" in r for r in onv.value.ontbrekend)
    assert any("datum van het gesprek" in r for r in onv.value.ontbrekend)
    svc.bewaar_veld(ctx, c, oid, 7, "afweging", "Netto blijft 2 uur schoonmaak en 2 uur begeleiding over.")
    _gehoord(basis, oid)
    svc.rond_onderzoek_af(ctx, c, oid, vandaag=VANDAAG)

    view = svc.haal_onderzoek(ctx, c, oid)
    assert view.afgerond and [s.status for s in view.stappen] == ["compleet"] * 7
    assert [vz.id for vz in view.voorzieningen] == [v1, v2]
    hh = view.voorzieningen[0]
    assert hh.omvang == "2 uur per week" and hh.aanbieder_naam == "Zorggroep Maasland"
    # tarief 32,50 x 2 uur x 52 weken x (1 dec 2026 .. 1 dec 2027 = 366 dagen / 365)
    assert hh.kosten == (Decimal("32.50") * 2 * 52 * Decimal(366) / Decimal(365)).quantize(Decimal("0.01"))
    assert view.voorzieningen[1].pgb_bedrag == Decimal("4000.00")
    assert view.aanvraag is not None and view.aanvraag.status == "concept"
    with transactie(ctx) as s:
        assert s.get(m.Melding, mid).status == "afgerond"  # type: ignore[union-attr]
    with pytest.raises(RegelFout):
        svc.bewaar_veld(ctx, c, oid, 1, "client_woorden", "Nog iets")

    aid = svc.registreer_reactie(ctx, c, oid, verslag_uitgereikt_op=VANDAAG,
                                 aanvraag_datum=VANDAAG, getekend=True,
                                 opmerkingen="Eens met het verslag.", vandaag=VANDAAG)
    view = svc.haal_onderzoek(ctx, c, oid)
    assert view.aanvraag is not None and view.aanvraag.id == aid and view.aanvraag.status == "open"
    # Wmo 2015 art. 2.3.5 lid 1: two weeks after Wed 25 Nov 2026 is Wed 9 Dec 2026.
    assert view.aanvraag.beslistermijn_einde == dt.date(2026, 12, 9)
    assert view.aanvraag.reactie_opmerkingen == "Eens met het verslag." and view.aanvraag.verslag_getekend


def test_jeugd_investigation_needs_young_person_heard_household_and_gezinsplan(basis: Basis) -> None:
    """Criterium 11 toetsingskader Jeugd; Awb 4:13 for the decision term (the Jeugdwet has none of its own)."""
    ctx, c = basis.ctx, basis["consulent"]
    mid = _melding(basis, "jeugdwet", geboortedatum=dt.date(2015, 6, 1))
    oid = svc.start_onderzoek(ctx, c, mid, vandaag=VANDAAG)
    assert svc.haal_onderzoek(ctx, c, oid).onderzoekstermijn_einde is None
    ids = _vul_stappen_1_tot_6(basis, oid, "jeugdwet")
    svc.voeg_voorziening_toe(ctx, c, oid, _vz(basis, ids, productcategorie="45", product_id=basis.producten["JA"],
                                              po_datum=None, einddatum=dt.date(2027, 5, 31)), vandaag=VANDAAG)
    svc.bewaar_veld(ctx, c, oid, 7, "afweging", "Ouders kunnen dit niet zelf.")
    svc.gehoord_bijwerken(ctx, c, oid, {"jeugdige_gehoord": False, "gesprek_datum": dt.date(2026, 11, 10),
                                        "gesprek_plaats": "Thuis", "eerdere_hulp_evaluatie": "Geen."},
                          vandaag=VANDAAG)
    with pytest.raises(svc.OnderzoekOnvolledig) as onv:
        svc.rond_onderzoek_af(ctx, c, oid, vandaag=VANDAAG)
    assert onv.value.ontbrekend == [
        "Gehoord en betrokkenen: geef aan waarom de jeugdige niet is gehoord.",
        "Gehoord en betrokkenen: geef aan of de ouders of gezaghebbenden zijn gehoord.",
        "Gehoord en betrokkenen: leg de gezinsleden en de ouders met gezag vast.",
        "Gehoord en betrokkenen: geef aan of een gezinsplan van de aanbieder wordt verwacht.",
    ]
    view = svc.haal_onderzoek(ctx, c, oid)
    dossiers.voeg_relatie_toe(ctx, c, view.client_id, soort="ouder", naam="Moeder", gezag=True, woont_in=True)
    svc.gehoord_bijwerken(ctx, c, oid, {"reden_niet_gehoord": "Jeugdige is 11 en wilde niet praten.",
                                        "vertegenwoordiger_gehoord": True, "gezinsplan_verwacht": True},
                          vandaag=VANDAAG)
    svc.rond_onderzoek_af(ctx, c, oid, vandaag=VANDAAG)
    svc.registreer_reactie(ctx, c, oid, verslag_uitgereikt_op=VANDAAG,
                           aanvraag_datum=VANDAAG, getekend=False, vandaag=VANDAAG)
    view = svc.haal_onderzoek(ctx, c, oid)
    assert [r.naam for r in view.relaties if r.gezag] == ["Moeder"]
    assert view.aanvraag is not None and view.aanvraag.beslistermijn_einde == dt.date(2027, 1, 20)  # Awb 4:13: 8 weeks
    assert view.aanvraag.verslag_getekend is False


def test_coverage_may_not_exceed_the_need(basis: Basis) -> None:
    ctx, c = basis.ctx, basis["consulent"]
    oid = svc.start_onderzoek(ctx, c, _melding(basis), vandaag=VANDAAG)
    b = svc.voeg_behoefte_toe(ctx, c, oid, omschrijving="Schoonmaken", volume="3", eenheid="04", frequentie="2")
    svc.voeg_dekking_toe(ctx, c, b, bron="client_zelf", volume="2")
    with pytest.raises(ValidatieFout) as exc:
        svc.voeg_dekking_toe(ctx, c, b, bron="algemene_voorziening", volume="1,5")
    assert "hooguit 1 uur per week" in exc.value.fouten["volume"]
    with pytest.raises(ValidatieFout) as exc:
        svc.wijzig_behoefte(ctx, c, b, omschrijving="Schoonmaken", volume="1", eenheid="04", frequentie="2")
    assert "al 2 uur per week gedekt" in exc.value.fouten["volume"]


@pytest.mark.parametrize(("kw", "veld"), [
    ({"volume": "0"}, "volume"), ({"volume": "-2"}, "volume"),
    ({"einddatum": dt.date(2026, 11, 30)}, "einddatum"),
    ({"product_id": 99999}, "product"),
    ({"aanbieder_id": None}, "aanbieder"),
    ({"beoogd_resultaat": "x" * 4001}, "beoogd_resultaat"),
    ({"motivering": "zie\x00verslag"}, "motivering"),
    ({"resultaat_ids": ()}, "resultaten"),
    ({"behoefte_ids": ()}, "behoeften"),
])
def test_bad_provision_input_is_refused_at_the_field(basis: Basis, kw: dict[str, object], veld: str) -> None:
    ctx, c = basis.ctx, basis["consulent"]
    oid = svc.start_onderzoek(ctx, c, _melding(basis), vandaag=VANDAAG)
    ids = _vul_stappen_1_tot_6(basis, oid)
    with pytest.raises(ValidatieFout) as exc:
        svc.voeg_voorziening_toe(ctx, c, oid, _vz(basis, ids, **kw), vandaag=VANDAAG)
    assert veld in exc.value.fouten
    assert svc.haal_onderzoek(ctx, c, oid).voorzieningen == []


def test_nvt_needs_a_reason_and_counts_as_done(basis: Basis) -> None:
    ctx, c = basis.ctx, basis["consulent"]
    oid = svc.start_onderzoek(ctx, c, _melding(basis), vandaag=VANDAAG)
    with pytest.raises(ValidatieFout):
        svc.markeer_nvt(ctx, c, oid, 6, "  ")
    with pytest.raises(RegelFout):
        svc.markeer_nvt(ctx, c, oid, 1, "Geen vraag")
    voortgang = svc.markeer_nvt(ctx, c, oid, 6, "Geen andere voorzieningen in beeld.")
    assert voortgang.statussen[6] == "nvt"
    assert svc.hef_nvt_op(ctx, c, oid, 6).statussen[6] == "open"


def test_reopening_resumes_at_the_current_step(basis: Basis) -> None:
    ctx, c = basis.ctx, basis["consulent"]
    oid = svc.start_onderzoek(ctx, c, _melding(basis), vandaag=VANDAAG)
    svc.ga_naar_stap(ctx, c, oid, 4)
    assert svc.haal_onderzoek(ctx, c, oid).huidige_stap == 4


def test_a_melding_that_was_withdrawn_cannot_start_an_investigation(basis: Basis) -> None:
    mid = _melding(basis)
    with transactie(basis.ctx) as s:
        s.get(m.Melding, mid).status = "ingetrokken"  # type: ignore[union-attr]
    with pytest.raises(RegelFout):
        svc.start_onderzoek(basis.ctx, basis["consulent"], mid, vandaag=VANDAAG)


def test_change_and_remove_rows_keep_links_consistent(basis: Basis) -> None:
    """A need or result still answered by a provision cannot disappear from under it (criterium 9)."""
    ctx, c = basis.ctx, basis["consulent"]
    oid = svc.start_onderzoek(ctx, c, _melding(basis), vandaag=VANDAAG)
    ids = _vul_stappen_1_tot_6(basis, oid)
    vid = svc.voeg_voorziening_toe(ctx, c, oid, _vz(basis, ids), vandaag=VANDAAG)
    with pytest.raises(RegelFout) as exc:
        svc.verwijder_behoefte(ctx, c, ids["b1"])
    assert "gekoppeld aan de voorziening 'Hulp bij het huishouden'" in str(exc.value)
    with pytest.raises(RegelFout):
        svc.verwijder_resultaat(ctx, c, ids["r1"])
    versie = svc.haal_onderzoek(ctx, c, oid).voorzieningen[0].versie
    svc.wijzig_voorziening(ctx, c, vid, _vz(basis, ids, volume="1,5"), versie=versie)
    from consulent_app.errors import ConflictFout

    with pytest.raises(ConflictFout):  # someone else saved in between: nothing is overwritten
        svc.wijzig_voorziening(ctx, c, vid, _vz(basis, ids, volume="3"), versie=versie)
    view = svc.haal_onderzoek(ctx, c, oid)
    assert view.voorzieningen[0].omvang == "1,5 uur per week"
    svc.verwijder_voorziening(ctx, c, vid)
    svc.verwijder_behoefte(ctx, c, ids["b1"])
    view = svc.haal_onderzoek(ctx, c, oid)
    assert view.voorzieningen == [] and [b.omschrijving for b in view.behoeften] == ["Boodschappen",
                                                                                   "Begeleiding dagstructuur"]
    dekking = view.behoeften[0].dekkingen[0]
    svc.wijzig_dekking(ctx, c, dekking.id, bron="netwerk_mogelijk", volume="0,5")
    assert svc.haal_onderzoek(ctx, c, oid).saldi[0].netto == Decimal("0.5")
    svc.verwijder_dekking(ctx, c, dekking.id)
    assert svc.haal_onderzoek(ctx, c, oid).saldi[0].netto == Decimal("1")


def test_step_goes_back_to_bezig_when_its_content_is_removed(basis: Basis) -> None:
    """Domain brief section 3: a step is never silently empty; removing the last result reopens step 3."""
    ctx, c = basis.ctx, basis["consulent"]
    oid = svc.start_onderzoek(ctx, c, _melding(basis), vandaag=VANDAAG)
    ids = _vul_stappen_1_tot_6(basis, oid)
    svc.verwijder_resultaat(ctx, c, ids["r1"])
    svc.verwijder_resultaat(ctx, c, ids["r2"])
    view = svc.haal_onderzoek(ctx, c, oid)
    assert view.stap(3).status == "open"
    assert view.stap(3).ontbrekend == ["Stap 3 Gewenst resultaat: voeg minstens één gewenst resultaat toe."]
    assert view.stap(4).status == "bezig" and not view.stap7_open
