"""Financial grip: the obligation rule, its SQL twin, budgets with history and import, the prognosis."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from consulent_app.db import models as m
from consulent_app.errors import GeenToegang, ValidatieFout
from consulent_app.financien import prognose as pm
from consulent_app.rules.verplichting import (
    TariefPeriode,
    Voorzieningsperiode,
    jaarverplichting,
    periode_einde,
)
from consulent_app.services import financien
from consulent_app.services.base import Actor, actor_by_username, transactie
from tests.factories import WACHTWOORD, Basis
from tests.overzicht_data import Bouwer

D = dt.date
PEIL = D(2026, 7, 1)
T = [TariefPeriode(D(2000, 1, 1), None, Decimal("32.50"))]


def vz(**kw: object) -> Voorzieningsperiode:
    basis: dict[str, object] = dict(startdatum=D(2026, 1, 1), einddatum=None, po_datum=None, beeindigd_op=None,
                                    volume=Decimal(3), frequentie="2", leveringsvorm="zin")
    basis.update(kw)
    return Voorzieningsperiode(**basis)  # type: ignore[arg-type]


# --- the rule ------------------------------------------------------------------------------------------------


def test_rule_open_ended_wmo_counts_up_to_the_planned_po() -> None:
    """Wmo 2015 art. 2.3.5 / domain brief 4 and 7: an open-ended provision runs until its periodic
    re-examination; the obligation of the budget year stops at the PO date when that lies ahead."""
    v = vz(po_datum=D(2026, 9, 30))
    assert periode_einde(v, PEIL, D(2026, 12, 31)) == D(2026, 9, 30)
    # 3 h a week x 52 x 32.50 x 273 days / 365
    assert jaarverplichting(v, T, 2026, peildatum=PEIL) == (Decimal(3) * 52 * Decimal("32.50") * 273 / 365
                                                           ).quantize(Decimal("0.01"))


def test_rule_overdue_po_counts_through_the_end_of_the_year() -> None:
    """An overdue PO does not stop support (art. 2.3.5 Wmo: only a decision does), so it counts to 31 December."""
    v = vz(po_datum=D(2026, 3, 1))
    assert periode_einde(v, PEIL, D(2026, 12, 31)) == D(2026, 12, 31)
    assert jaarverplichting(v, T, 2026, peildatum=PEIL) == Decimal("5070.00")  # 3 x 52 x 32.50, whole year


def test_rule_ended_care_stops_the_obligation_on_that_day() -> None:
    """A beëindiging (art. 2.3.10 Wmo) or a provider's stop message ends the obligation on the day care ended."""
    v = vz(einddatum=D(2026, 12, 31), beeindigd_op=D(2026, 3, 31))
    assert jaarverplichting(v, T, 2026, peildatum=PEIL) == (Decimal("5070") * 90 / 365).quantize(Decimal("0.01"))


def test_rule_tariff_change_on_1_january_applies_from_that_day() -> None:
    """Product catalogue tariff history: the 2027 tariff applies to 2027, the old one to 2026."""
    t = [TariefPeriode(D(2000, 1, 1), D(2026, 12, 31), Decimal("32.50")),
         TariefPeriode(D(2027, 1, 1), None, Decimal("34.00"))]
    v = vz(einddatum=D(2027, 12, 31))
    assert jaarverplichting(v, t, 2026, peildatum=PEIL) == Decimal("5070.00")
    assert jaarverplichting(v, t, 2027, peildatum=PEIL) == Decimal("5304.00")  # 3 x 52 x 34


def test_rule_indexation_raises_tariffs_not_renewed_that_year() -> None:
    """Configuration: indexation 2027 = 2.5 % raises the old tariff, but not a tariff set for 1 January 2027."""
    v = vz(einddatum=D(2027, 12, 31))
    assert jaarverplichting(v, T, 2027, peildatum=PEIL, indexatie={2027: Decimal("2.5")}) == Decimal("5196.75")
    t = [TariefPeriode(D(2000, 1, 1), D(2026, 12, 31), Decimal("32.50")),
         TariefPeriode(D(2027, 1, 1), None, Decimal("34.00"))]
    assert jaarverplichting(v, t, 2027, peildatum=PEIL, indexatie={2027: Decimal("2.5")}) == Decimal("5304.00")


def test_rule_pgb_counts_its_budget_per_day() -> None:
    """A pgb is an obligation of its granted (yearly) budget, not of the ZIN tariff."""
    v = vz(leveringsvorm="pgb", pgb_bedrag=Decimal("3650"), startdatum=D(2026, 7, 1), einddatum=D(2027, 6, 30))
    assert jaarverplichting(v, T, 2026, peildatum=PEIL) == Decimal("1840.00")  # 184 days x 10


def test_rule_pgb_granted_per_month_counts_twelve_times_a_year() -> None:
    """Wmo 2015 art. 2.3.6 / Jeugdwet art. 8.1.1 (pgb) with rules/kosten.pgb_per_jaar: a pgb granted per month (or
    week) is an obligation of that amount x 12 (x 52) a year, per day; not of the bare amount as if yearly."""
    v = vz(leveringsvorm="pgb", pgb_bedrag=Decimal("300"), pgb_periode="maand", startdatum=D(2026, 7, 1),
           einddatum=D(2027, 6, 30))
    assert jaarverplichting(v, T, 2026, peildatum=PEIL) == (Decimal(3600) * 184 / 365).quantize(Decimal("0.01"))
    week = replace(v, pgb_bedrag=Decimal("70"), pgb_periode="week")
    assert jaarverplichting(week, T, 2026, peildatum=PEIL) == (Decimal(3640) * 184 / 365).quantize(Decimal("0.01"))


def test_rule_total_volume_is_spread_over_the_period() -> None:
    """Frequency 6 (in total within the period): volume x tariff, spread over the period by days."""
    v = vz(frequentie="6", volume=Decimal(1), startdatum=D(2026, 7, 1), einddatum=D(2027, 6, 30))
    t = [TariefPeriode(D(2000, 1, 1), None, Decimal("3650.00"))]
    assert jaarverplichting(v, t, 2026, peildatum=PEIL) == Decimal("1840.00")
    assert jaarverplichting(v, t, 2027, peildatum=PEIL) == Decimal("1810.00")


# --- the SQL twin --------------------------------------------------------------------------------------------


def _gevallen(basis: Basis) -> dict[str, int]:
    """Provisions of team A with every shape of period; one in team B and one refused, which never count."""
    ids: dict[str, int] = {}
    with transactie(basis.ctx) as s:
        b = Bouwer(basis, s)
        c = b.client("Aerts")
        a = b.aanvraag(c, datum=D(2025, 1, 1), status="besloten")
        ids["po"] = b.voorziening(a, "HH", "3", start=D(2025, 3, 1), po=D(2026, 9, 30))
        ids["po_te_laat"] = b.voorziening(a, "BG", "2", start=D(2025, 3, 1), po=D(2026, 3, 1))
        ids["eind"] = b.voorziening(a, "HH", "1.5", start=D(2026, 2, 10), eind=D(2026, 11, 9))
        ids["gestopt"] = b.voorziening(a, "BG", "4", start=D(2026, 1, 1), eind=D(2026, 12, 31),
                                       beeindigd_op=D(2026, 4, 15), status="beeindigd")
        ids["jeugd"] = b.voorziening(a, "JA", "2", start=D(2026, 5, 1), eind=D(2027, 4, 30))
        ids["pgb"] = b.voorziening(a, "HH", "3", start=D(2026, 6, 1), eind=D(2027, 5, 31), pgb=True)
        s.get(m.Voorziening, ids["pgb"]).pgb_bedrag = Decimal("3800.00")
        ids["pgb_maand"] = b.voorziening(a, "BG", "2", start=D(2026, 3, 1), eind=D(2027, 2, 28), pgb=True)
        s.get(m.Voorziening, ids["pgb_maand"]).pgb_bedrag = Decimal("450.00")
        s.get(m.Voorziening, ids["pgb_maand"]).pgb_periode = "maand"
        ids["totaal"] = b.voorziening(a, "HH", "100", frequentie="6", start=D(2026, 10, 1), eind=D(2027, 3, 31))
        ids["concept"] = b.voorziening(a, "HH", "3", status="concept", start=D(2026, 1, 1), eind=D(2026, 12, 31))
        b.beschikking(a, datum=D(2025, 1, 10), verzonden_op=D(2025, 1, 12))
        cb = b.client("Dirks", team="b")
        ab = b.aanvraag(cb, datum=D(2025, 1, 1), status="besloten")
        ids["team_b"] = b.voorziening(ab, "HH", "3", start=D(2026, 1, 1), eind=D(2026, 12, 31))
    return ids


def _regel(s: object, vid: int) -> tuple[Voorzieningsperiode, list[TariefPeriode]]:
    v = s.get(m.Voorziening, vid)  # type: ignore[attr-defined]
    rijen = s.query(m.ProductTarief).filter_by(product_id=v.product_id).order_by(m.ProductTarief.geldig_van).all() \
        # type: ignore[attr-defined]
    tarieven = [TariefPeriode(r.geldig_van, r.geldig_tot, r.tarief) for r in rijen] or \
        [TariefPeriode(D(1900, 1, 1), None, v.product.tarief)]
    return (Voorzieningsperiode(v.startdatum, v.einddatum, v.po_datum, v.beeindigd_op, v.volume, v.frequentie,
                                v.leveringsvorm, v.pgb_bedrag, v.pgb_periode), tarieven)


@pytest.mark.parametrize("indexatie", [{}, {2026: 3.0, 2027: 2.5}])
def test_sql_obligations_equal_the_rule_for_every_provision(basis: Basis, indexatie: dict[int, float]) -> None:
    """The overview sums in SQL what rules/verplichting computes per provision (one rule, two forms)."""
    ids = _gevallen(basis)
    financien.wijzig_tarief(basis.ctx, basis["teamleider"], basis.producten["HH"], D(2026, 7, 1), "35.00",
                            vandaag=D(2026, 7, 1))
    ctx = replace(basis.ctx)
    ctx.config = replace(ctx.config, financien=replace(ctx.config.financien, indexatie=indexatie))
    for jaar in (2026, 2027):
        zaken = {z.voorziening_id: z for z in financien.zaken(ctx, basis["teamleider"], jaar, "wet", "wmo",
                                                                peildatum=PEIL)}
        zaken |= {z.voorziening_id: z for z in financien.zaken(ctx, basis["teamleider"], jaar, "wet", "jeugdwet",
                                                                 peildatum=PEIL)}
        with transactie(ctx) as s:
            for naam, vid in ids.items():
                v, t = _regel(s, vid)
                verwacht = jaarverplichting(v, t, jaar, peildatum=PEIL,
                                            indexatie={k: Decimal(str(x)) for k, x in indexatie.items()})
                if naam in ("concept", "team_b") or verwacht == 0:
                    assert vid not in zaken, naam
                else:
                    assert zaken[vid].verplichting == pytest.approx(verwacht, abs=Decimal("0.02")), (naam, jaar)


def test_overview_sums_obligations_per_product_category(basis: Basis) -> None:
    ids = _gevallen(basis)
    ov = financien.overzicht(basis.ctx, basis["teamleider"], 2026, "productcategorie", peildatum=PEIL)
    zaken = financien.zaken(basis.ctx, basis["teamleider"], 2026, "productcategorie", "wmo:01", peildatum=PEIL)
    regel = next(r for r in ov.regels if r.sleutel == "wmo:01")
    assert regel.label.startswith("01 ")
    assert regel.verplichting == pytest.approx(sum((z.verplichting for z in zaken), Decimal(0)), abs=Decimal("0.20"))
    assert {z.voorziening_id for z in zaken} == {ids["po"], ids["eind"], ids["pgb"], ids["totaal"]}
    assert ov.totaal.verplichting == sum((r.verplichting for r in ov.regels), Decimal(0))
    # the monthly series ends at the year's obligation
    assert ov.maanden[-1].verplichting_cumulatief == pytest.approx(ov.totaal.verplichting, abs=Decimal("0.20"))


def test_overview_is_for_team_leaders_of_their_own_teams(basis: Basis) -> None:
    with pytest.raises(GeenToegang):
        financien.overzicht(basis.ctx, basis["consulent"], 2026)
    with pytest.raises(GeenToegang):
        financien.overzicht(basis.ctx, basis["teamleider"], 2026, filt=financien.Filter(team_id=basis.team_b))


def test_the_controller_sees_the_picture_and_sets_budgets_but_the_drill_down_names_no_client(basis: Basis) -> None:
    """Issue 18, need to know: the controller sees and edits budgets and the financial picture of the teams it
    serves; the drill-down shows which provisions lie behind a figure with the client's number only, and is in the
    audit log."""
    from sqlalchemy import select

    from consulent_app.services import auth

    ids = _gevallen(basis)
    actor, _moet = auth.inloggen(basis.ctx, "controller", WACHTWOORD)
    assert actor.rol.value == "controller"
    financien.stel_budget_vast(basis.ctx, actor, 2026, "wmo", "01", "100000", vandaag=PEIL)
    ov = financien.overzicht(basis.ctx, actor, 2026, "productcategorie", peildatum=PEIL)
    # it serves one of the two teams: the municipality's budget is not set against that team's part
    assert not ov.alle_teams and all(r.budget is None for r in ov.regels) and ov.totaal.budget is None
    zaken = financien.zaken(basis.ctx, actor, 2026, "productcategorie", "wmo:01", peildatum=PEIL)
    assert {z.voorziening_id for z in zaken} >= {ids["po"], ids["eind"]}
    assert all(z.client == f"Cliëntnummer {z.client_id}" for z in zaken)
    assert not any("Aerts" in z.client for z in zaken)
    with transactie(basis.ctx) as s:
        ev = s.scalars(select(m.AuditEvent).where(m.AuditEvent.gebruiker_id == actor.gebruiker_id,
                                                  m.AuditEvent.object_type == "financien")
                       .order_by(m.AuditEvent.id.desc())).first()
        assert ev is not None and f",{zaken[0].client_id}," in (ev.client_ids or "")
    with pytest.raises(GeenToegang):  # team B is not served by this controller
        financien.overzicht(basis.ctx, actor, 2026, filt=financien.Filter(team_id=basis.team_b))
    from consulent_app.services import dossiers
    with pytest.raises(GeenToegang):
        dossiers.open_dossier(basis.ctx, actor, zaken[0].client_id)
    # serving every team, the controller sees the figures set against the budget
    ov = financien.overzicht(basis.ctx, alle_teams(basis, "controller"), 2026, "productcategorie", peildatum=PEIL)
    assert ov.alle_teams and next(r for r in ov.regels if r.sleutel == "wmo:01").budget == Decimal("100000.00")


# --- budgets -------------------------------------------------------------------------------------------------


def alle_teams(basis: Basis, naam: str) -> Actor:
    """The user made to serve every team (the municipality's budget is compared with all of them together)."""
    from sqlalchemy import delete, insert, select

    with transactie(basis.ctx) as s:
        gid = s.scalar(select(m.Gebruiker.id).where(m.Gebruiker.gebruikersnaam == naam))
        s.execute(delete(m.gebruiker_team).where(m.gebruiker_team.c.gebruiker_id == gid))
        s.execute(insert(m.gebruiker_team), [{"gebruiker_id": gid, "team_id": t} for t in (basis.team_a, basis.team_b)])
    return actor_by_username(basis.ctx, naam)


def test_budget_has_history_and_the_newest_is_in_force(basis: Basis) -> None:
    tl = basis["teamleider"]
    financien.stel_budget_vast(basis.ctx, tl, 2026, "wmo", "01", "1.250.000,00", vandaag=PEIL)
    financien.stel_budget_vast(basis.ctx, tl, 2026, "wmo", "01", Decimal("1300000"), "Na voorjaarsnota",
                               vandaag=PEIL)
    [b] = financien.budgetten(basis.ctx, tl, 2026)
    assert (b.wet, b.productcategorie, b.bedrag) == ("wmo", "01", Decimal("1300000.00"))
    historie = financien.budget_historie(basis.ctx, tl, 2026, "wmo", "01")
    assert [h.bedrag for h in historie] == [Decimal("1300000.00"), Decimal("1250000.00")]
    assert historie[0].toelichting == "Na voorjaarsnota" and historie[0].ingevoerd_door == "Teamleider"
    ov = financien.overzicht(basis.ctx, alle_teams(basis, "teamleider"), 2026, "productcategorie", peildatum=PEIL)
    assert next(r for r in ov.regels if r.sleutel == "wmo:01").budget == Decimal("1300000.00")


@pytest.mark.parametrize(("args", "veld", "woord"), [
    ((2026, "wmo", "01", "-5"), "bedrag", "negatief"),
    ((2025, "wmo", "01", "100"), "jaar", "afgesloten"),
    ((2026, "wmo", "99", "100"), "productcategorie", "bestaat niet"),
    ((2026, "zvw", "01", "100"), "wet", "Wmo of Jeugdwet"),
    ((2026, "wmo", "01", "veel"), "bedrag", "geen geldig bedrag"),
])
def test_bad_budget_is_refused_at_the_field(basis: Basis, args: tuple[object, ...], veld: str, woord: str) -> None:
    with pytest.raises(ValidatieFout) as exc:
        financien.stel_budget_vast(basis.ctx, basis["teamleider"], *args, vandaag=PEIL)  # type: ignore[arg-type]
    assert woord in exc.value.fouten[veld]
    assert financien.budgetten(basis.ctx, basis["teamleider"], 2026) == []


def _blad(pad: Path, rijen: list[list[object]]) -> str:
    wb = Workbook()
    ws = wb.active
    ws.append(["Jaar", "Wet", "Productcategorie", "Bedrag", "Toelichting"])
    for r in rijen:
        ws.append(r)
    wb.save(pad)
    return str(pad)


def test_budget_import_from_excel_is_all_or_nothing(basis: Basis, tmp_path: Path) -> None:
    tl = basis["teamleider"]
    slecht = _blad(tmp_path / "slecht.xlsx", [[2026, "Wmo", "01", 1000000, None], [2026, "Jeugdwet", "45", -3, None],
                                             [2024, "wmo", "02", 5, None]])
    with pytest.raises(ValidatieFout) as exc:
        financien.importeer_budgetten(basis.ctx, tl, slecht, vandaag=PEIL)
    assert "Rij 3" in exc.value.fouten["rij3"] and "negatief" in exc.value.fouten["rij3"]
    assert "afgesloten" in exc.value.fouten["rij4"]
    assert financien.budgetten(basis.ctx, tl, 2026) == []
    goed = _blad(tmp_path / "goed.xlsx", [[2026, "Wmo", "01", 1000000, "Begroting"], [2026, "Jeugdwet", 45, 2500000.5,
                                                                                       None]])
    assert financien.importeer_budgetten(basis.ctx, tl, goed, vandaag=PEIL) == 2
    assert {(b.wet, b.productcategorie, b.bedrag, b.bron) for b in financien.budgetten(basis.ctx, tl, 2026)} == {
        ("wmo", "01", Decimal("1000000.00"), "import"), ("jeugdwet", "45", Decimal("2500000.50"), "import")}


def test_budget_import_refuses_a_file_that_is_not_excel(basis: Basis, tmp_path: Path) -> None:
    pad = tmp_path / "budget.xlsx"
    pad.write_text("geen excel")
    with pytest.raises(ValidatieFout) as exc:
        financien.importeer_budgetten(basis.ctx, basis["teamleider"], str(pad), vandaag=PEIL)
    assert "Excel" in exc.value.bericht


# --- the prognosis method ------------------------------------------------------------------------------------


def test_prognosis_components_follow_the_documented_method() -> None:
    """README "Financiën": 1 invoiced + 2 late (f(k) per age of the month) + 3 rest x r + 4 new x r + 5 pgb."""
    c = pm.Componenten(jaar=2026, peildatum=D(2026, 6, 30), kennis=D(2026, 6, 30),
                       gedeclareerd_per_maand={4: Decimal(400), 5: Decimal(300), 6: Decimal(100)},
                       verplichting_per_maand={4: Decimal(400), 5: Decimal(400), 6: Decimal(400)},
                       verplichting_rest=Decimal(1000), pgb=Decimal(50),
                       instroom={f"2026-{mm:02d}": (2, Decimal(730)) for mm in range(1, 7)}
                       | {f"2025-{mm:02d}": (2, Decimal(730)) for mm in range(7, 13)})
    # April is 2 months old on 30 June: 80 % in; May 1 month: 50 %; June 0 months: nothing learned (< 5 %)
    leer = pm.Leerwaarden({0: Decimal(0), 1: Decimal("0.5"), 2: Decimal("0.8")}, Decimal("0.9"), 2025)
    p = pm.prognose(c, leer)
    assert p.gedeclareerd == Decimal(800)
    # April 400 / 0.8 - 400 = 100; May 300 / 0.5 - 300 = 300; June 400 x 0.9 - 100 = 260
    assert p.nog_te_declareren == Decimal("660.00")
    assert p.verplichtingen_rest == Decimal("900.00")
    # 2 new a month (24 a year / 12), each 365 a year, for the days from the middle of each month left, x 0.9
    verwacht = sum(2 * (D(2026, 12, 31) - D(2026, mm, 15)).days + 2 for mm in range(7, 13)) * Decimal("0.9")
    assert p.nieuw == pytest.approx(verwacht, abs=Decimal("0.05"))
    assert p.pgb == Decimal(50)
    assert p.totaal == p.gedeclareerd + p.nog_te_declareren + p.verplichtingen_rest + p.nieuw + p.pgb


def test_prognosis_without_history_counts_passed_obligations_not_yet_invoiced() -> None:
    c = pm.Componenten(jaar=2026, peildatum=D(2026, 6, 30), kennis=D(2026, 6, 30),
                       gedeclareerd_per_maand={1: Decimal(300)}, verplichting_per_maand={1: Decimal(500),
                                                                                          2: Decimal(600)},
                       verplichting_rest=Decimal(1000))
    p = pm.prognose(c, pm.Leerwaarden({}, None, 2025))
    assert (p.nog_te_declareren, p.verplichtingen_rest, p.nieuw) == (Decimal(800), Decimal(1000), Decimal(0))


def test_share_invoiced_per_age_is_learned_from_receipt_dates() -> None:
    """f(k): of the costs of a month, the share that had come in k months later on the same day of the month."""
    per = {D(2025, 3, 1): {D(2025, 4, 10): Decimal(50), D(2025, 5, 10): Decimal(30), D(2025, 9, 10): Decimal(20)}}
    f = pm.leer_binnen(per, 15)
    assert (f[0], f[1], f[2], f[5], f[6]) == (Decimal(0), Decimal("0.5"), Decimal("0.8"), Decimal("0.8"), Decimal(1))
    assert pm.leer_binnen(per, 5)[1] == Decimal(0)  # on 5 April the invoice of 10 April was not there yet


def test_seasonal_pattern_needs_two_years_of_inflow() -> None:
    """With only 12 months of data every month weighs the same; with 24 the busy month weighs more."""
    een_jaar = {f"2026-{mm:02d}": (1, Decimal(100)) for mm in range(1, 7)} | \
        {f"2025-{mm:02d}": (1, Decimal(100)) for mm in range(7, 13)}
    vlak = pm.verwachte_instroom(een_jaar, D(2026, 6, 30), 2026)
    assert [round(a, 4) for _, a, _ in vlak] == [Decimal(1)] * 6
    twee = dict(een_jaar) | {f"2024-{mm:02d}": (1, Decimal(100)) for mm in range(7, 13)} | \
        {f"2025-{mm:02d}": (1, Decimal(100)) for mm in range(1, 7)}
    twee["2025-09"] = (5, Decimal(500))
    twee["2024-09"] = (5, Decimal(500))
    seizoen = {d.month: a for d, a, _ in pm.verwachte_instroom(twee, D(2026, 6, 30), 2026)}
    assert seizoen[9] > 2 * seizoen[10]


def test_prognosis_on_the_overview_adds_up(basis: Basis) -> None:
    _gevallen(basis)
    ov = financien.overzicht(basis.ctx, basis["teamleider"], 2026, "wet", peildatum=PEIL)
    for r in ov.regels:
        assert r.prognose.totaal == (r.prognose.gedeclareerd + r.prognose.nog_te_declareren
                                     + r.prognose.verplichtingen_rest + r.prognose.nieuw + r.prognose.pgb)
        # no invoices, no history: passed obligations still to be invoiced + the rest + pgb = the year's
        assert r.prognose.nog_te_declareren + r.prognose.verplichtingen_rest + r.prognose.pgb == pytest.approx(
            r.verplichting, abs=Decimal("0.20"))




def test_a_providers_stop_message_ends_the_obligation(basis: Basis) -> None:
    """iWmo 307 (stop zorg): the obligation ends on the day the provider reports care stopped."""
    ids = _gevallen(basis)
    voor = {z.voorziening_id: z.verplichting for z in financien.zaken(basis.ctx, basis["teamleider"], 2026, "wet",
                                                                       "wmo", peildatum=PEIL)}
    with transactie(basis.ctx) as s:
        v = s.get(m.Voorziening, ids["po"])
        s.add(m.Toewijzing(wet="wmo", nummer=7001, voorziening_id=v.id, client_id=v.client_id,
                           aanbieder_id=v.aanbieder_id, productcategorie="01", ingangsdatum=v.startdatum,
                           toegewezen_op=dt.datetime(2025, 3, 1), zorg_stop=D(2026, 1, 31), status="actueel"))
    na = {z.voorziening_id: z.verplichting for z in financien.zaken(basis.ctx, basis["teamleider"], 2026, "wet",
                                                                     "wmo", peildatum=PEIL)}
    assert na[ids["po"]] == (Decimal(3) * 52 * Decimal("32.50") * 31 / 365).quantize(Decimal("0.01"))
    assert na[ids["po"]] < voor[ids["po"]]
    assert na[ids["eind"]] == voor[ids["eind"]]


# --- the demo ----------------------------------------------------------------------------------------------------


def test_the_demo_opens_on_a_financial_picture_that_tells_a_story(tmp_path: Path) -> None:
    """A new user's first look: vul_demo ends with the Financiën summaries rebuilt (the screen answers from them at
    once) and budgets per year, law and product category; one group is over its budget (a signal on the screen)
    and its budget has a history, the others have room."""
    from consulent_app import demo
    from consulent_app.config import load_defaults
    from consulent_app.db import migrate
    from consulent_app.db.engine import make_engine
    from consulent_app.financien import stand
    from consulent_app.services.base import AppContext, actor_by_username

    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    eng = make_engine(url)
    migrate.upgrade(eng)
    ctx = AppContext(config=load_defaults().with_database(url), engine=eng)
    vandaag = D(2026, 11, 25)
    demo.vul_demo(ctx, schaal=0.5, vandaag=vandaag)
    with transactie(ctx) as s:
        assert stand.stand_voor(s, vandaag, ctx.config.financien.indexatie, vandaag.year) is not None
    controller = actor_by_username(ctx, "controller")
    ov = financien.overzicht(ctx, controller, vandaag.year, "productcategorie", peildatum=vandaag)
    assert ov.regels and all(r.budget is not None for r in ov.regels if r.prognose.totaal > 0)
    over = [r for r in ov.regels if r.budget is not None and r.prognose.totaal > r.budget * Decimal("1.02")]
    assert [r.sleutel.split(":")[0] for r in over] == ["jeugdwet"]
    assert all(r.verschil is not None and r.verschil > 0 for r in ov.regels if r not in over and r.budget)
    signalen = financien.signalen(ctx, controller, vandaag.year, peildatum=vandaag)
    assert [x.sleutel for x in signalen if x.soort == "boven_budget"] == [over[0].sleutel]
    wet, cat = over[0].sleutel.split(":")
    assert len(financien.budget_historie(ctx, controller, vandaag.year, wet, cat)) == 2
    vorig = financien.overzicht(ctx, controller, vandaag.year - 1, "productcategorie", peildatum=vandaag)
    assert all(r.budget is not None for r in vorig.regels if r.prognose.totaal > 0)
