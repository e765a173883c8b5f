"""The Financiën summaries (financien/stand) stay equal to the raw computation whatever happens: grants, changes,
stops, tariff changes, a client moving team, invoices. Checked against the obligation rule itself
(rules/verplichting) per provision and month, and against GROUP BY sums of the raw invoice lines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import count
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from consulent_app.db import models as m
from consulent_app.financien import stand
from consulent_app.rules.declaratie import PrestatieInvoer
from consulent_app.rules.verplichting import TariefPeriode, Voorzieningsperiode, verplichting
from consulent_app.services import declaraties, financien
from consulent_app.services.base import transactie
from consulent_app.services.overzicht import Filter
from tests.factories import Basis
from tests.overzicht_data import Bouwer

D = dt.date
PEIL = D(2026, 7, 1)
_nummer = count(7000)
_decl = count(1)


def _maanden(jaar: int) -> list[tuple[dt.date, dt.date]]:
    uit = []
    for mm in range(1, 13):
        van = D(jaar, mm, 1)
        uit.append((van, (D(jaar + 1, 1, 1) if mm == 12 else D(jaar, mm + 1, 1)) - dt.timedelta(days=1)))
    return uit


def _volgens_de_regel(s: Any, peil: dt.date, jaren: range) -> dict[tuple[int, int], list[Decimal]]:
    """rules/verplichting per provision and month, as the summary should hold it."""
    uit: dict[tuple[int, int], list[Decimal]] = {}
    for v in s.scalars(select(m.Voorziening)).all():
        if v.status not in ("actief", "beeindigd") or v.besluit == "afgewezen":
            continue
        b = s.scalar(select(m.Beschikking.verzonden_op).where(m.Beschikking.aanvraag_id == v.aanvraag_id))
        if (b or v.startdatum) > peil:
            continue
        stops = [d for d in s.scalars(select(m.Toewijzing.zorg_stop).where(m.Toewijzing.voorziening_id == v.id))
                 if d is not None]
        einde = min([d for d in [v.beeindigd_op, *stops] if d is not None], default=None)
        rijen = s.scalars(select(m.ProductTarief).where(m.ProductTarief.product_id == v.product_id)
                          .order_by(m.ProductTarief.geldig_van)).all()
        tarieven = [TariefPeriode(r.geldig_van, r.geldig_tot, r.tarief) for r in rijen] or \
            [TariefPeriode(D(1900, 1, 1), None, v.product.tarief)]
        vp = Voorzieningsperiode(v.startdatum, v.einddatum, v.po_datum, einde, v.volume, v.frequentie,
                                 v.leveringsvorm, v.pgb_bedrag, v.pgb_periode)
        for jaar in jaren:
            per = [verplichting(vp, tarieven, van=a, tot=z, peildatum=peil) for a, z in _maanden(jaar)]
            if any(per):
                uit[(v.id, jaar)] = per
    return uit


def _controleer(basis: Basis) -> None:
    with transactie(basis.ctx) as s:
        st_ = s.get(m.FinStand, stand.STAND_ID)
        assert st_ is not None
        verwacht = _volgens_de_regel(s, st_.peildatum, range(st_.jaar_van, st_.jaar_tot + 1))
        rijen = {(r.voorziening_id, r.jaar): stand.som_maanden(r) for r in s.scalars(select(m.FinVerplichting))}
        for sl in set(verwacht) | set(rijen):
            a, b = verwacht.get(sl, [Decimal(0)] * 12), rijen.get(sl, [Decimal(0)] * 12)
            v = s.get(m.Voorziening, sl[0])
            assert all(abs(x - y) <= Decimal("0.02") for x, y in zip(a, b, strict=True)), (
                sl, a, b, v.startdatum, v.einddatum, v.po_datum, v.beeindigd_op, v.status, v.leveringsvorm, v.volume,
                v.frequentie, s.scalars(select(m.Toewijzing.zorg_stop).where(m.Toewijzing.voorziening_id == v.id)).all(),
                s.scalars(select(m.Beschikking.verzonden_op).where(m.Beschikking.aanvraag_id == v.aanvraag_id)).all())
        for dim in stand.DIMENSIES:  # the totals of every grouping are the sums of the provision rows
            tot: dict[tuple[Any, ...], list[Decimal]] = {}
            for r in s.scalars(select(m.FinVerplichting)):
                sl = stand.sleutel_van(dim, r.wet, r.productcategorie, r.product_id, r.niveau, r.aanbieder_id,
                                       r.team_id)
                k = (r.jaar, sl, r.wet, r.team_id, r.lv)
                tot[k] = [a + b for a, b in zip(tot.get(k, [Decimal(0)] * 12), stand.som_maanden(r), strict=True)]
            for r in s.scalars(select(m.FinVerplichtingTotaal).where(m.FinVerplichtingTotaal.dimensie == dim)):
                k = (r.jaar, r.sleutel, r.wet, r.team_id, r.lv)
                assert all(abs(a - b) <= Decimal("0.01") for a, b in zip(tot.pop(k, [Decimal(0)] * 12),
                                                                         stand.som_maanden(r), strict=True)), k
            assert not {k: v for k, v in tot.items() if any(v)}  # every key with an amount has its total
        p = m.Prestatie
        som: dict[tuple[Any, ...], Decimal] = {}
        for d, t, w, c, a, b in s.execute(select(p.periode_van, p.team_id, p.wet, p.productcategorie,
                                                 p.aanbieder_id, p.toegekend).where(p.goedgekeurd.is_(True))).all():
            k = (d.year, d.month, t or 0, w, f"{w}:{c}", str(a) if a else "")
            som[k] = som.get(k, Decimal(0)) + Decimal(str(b))
        fg = m.FinGedeclareerd
        for dim, plek in (("productcategorie", 4), ("aanbieder", 5)):
            samen: dict[tuple[Any, ...], Decimal] = {}
            verwacht: dict[tuple[Any, ...], Decimal] = {}
            for k, b in som.items():
                kk = (*k[:4], k[plek])
                verwacht[kk] = verwacht.get(kk, Decimal(0)) + b
            for r in s.scalars(select(fg).where(fg.dimensie == dim)):
                kk = (r.jaar, r.maand, r.team_id, r.wet, r.sleutel)
                samen[kk] = samen.get(kk, Decimal(0)) + Decimal(str(r.bedrag))
            assert {k: v.quantize(Decimal("0.01")) for k, v in verwacht.items() if v} == \
                {k: v.quantize(Decimal("0.01")) for k, v in samen.items() if abs(v) > Decimal("0.001")}, dim
        ontv = s.scalar(select(func.sum(m.FinOntvangst.bedrag))) or 0
        assert Decimal(str(ontv)).quantize(Decimal("0.01")) == sum(som.values(), Decimal(0)).quantize(Decimal("0.01"))
    # and the screen's figures are the same from the summary as from the raw tables
    for dim in ("productcategorie", "aanbieder", "team"):
        with transactie(basis.ctx) as s:
            teams = [basis.team_a, basis.team_b]
            snel = financien.verzamel(s, teams, Filter(), 2026, PEIL, dim, {}, samenvatting=True)
            ruw = financien.verzamel(s, teams, Filter(), 2026, PEIL, dim, {}, samenvatting=False)
        for k in set(snel.verplichting) | set(ruw.verplichting):
            assert snel.verplichting.get(k, Decimal(0)) == pytest.approx(ruw.verplichting.get(k, Decimal(0)),
                                                                         abs=Decimal("0.10")), (dim, k)
            assert snel.rest.get(k, Decimal(0)) == pytest.approx(ruw.rest.get(k, Decimal(0)), abs=Decimal("0.10"))
        assert snel.gedeclareerd == ruw.gedeclareerd
        assert snel.instroom.keys() == ruw.instroom.keys()
        for k, i in ruw.instroom.items():
            j = snel.instroom[k]
            assert (j.aantal_12, j.aantal_vorig_12, j.per_kalendermaand) == \
                (i.aantal_12, i.aantal_vorig_12, i.per_kalendermaand), (dim, k)
            assert j.kosten_12 == pytest.approx(i.kosten_12, abs=Decimal("0.15")), (dim, k)
        assert snel.leerwaarden.realisatiegraad == pytest.approx(ruw.leerwaarden.realisatiegraad, abs=1e-6) \
            if ruw.leerwaarden.realisatiegraad is not None else snel.leerwaarden.realisatiegraad is None


# --- what can happen ---------------------------------------------------------------------------------------------

datum = st.dates(min_value=D(2025, 1, 1), max_value=D(2027, 12, 31))
begin = st.dates(min_value=D(2025, 1, 1), max_value=D(2026, 6, 30))
toekenning = st.fixed_dictionaries({
    "soort": st.just("toekenning"), "product": st.sampled_from(["HH", "BG", "JA"]),
    "volume": st.integers(1, 12), "frequentie": st.sampled_from(["1", "2", "4", "6"]), "start": begin,
    "duur": st.one_of(st.none(), st.integers(0, 700)), "po": st.one_of(st.none(), datum), "pgb": st.booleans(),
    "pgb_periode": st.sampled_from(["week", "maand", "jaar", None]), "team": st.sampled_from(["a", "b"]),
    "verzonden": st.one_of(st.none(), begin, datum)})
wijziging = st.fixed_dictionaries({"soort": st.just("wijziging"), "welke": st.integers(0, 50),
                                   "eind": st.one_of(st.none(), datum), "po": st.one_of(st.none(), datum),
                                   "volume": st.integers(1, 12)})
stop = st.fixed_dictionaries({"soort": st.just("stop"), "welke": st.integers(0, 50), "dag": datum,
                              "bericht": st.booleans()})
tarief = st.fixed_dictionaries({"soort": st.just("tarief"), "product": st.sampled_from(["HH", "BG", "JA"]),
                                "van": st.sampled_from([D(2026, 1, 1), D(2026, 4, 1), D(2027, 1, 1)]),
                                "bedrag": st.integers(20, 120)})
verhuizing = st.fixed_dictionaries({"soort": st.just("verhuizing"), "welke": st.integers(0, 50)})
factuur = st.fixed_dictionaries({"soort": st.just("factuur"), "welke": st.integers(0, 50),
                                 "maand": st.integers(1, 5), "volume": st.integers(1, 6), "goed_tarief": st.sampled_from([True, True, True, False])})
handeling = st.one_of(toekenning, factuur, toekenning, factuur, wijziging, stop, tarief, verhuizing)


def _kies(s: Any, welke: int, **waar: Any) -> m.Voorziening | None:
    q = select(m.Voorziening).order_by(m.Voorziening.id)
    for k, v in waar.items():
        q = q.where(getattr(m.Voorziening, k) == v)
    alle = s.scalars(q).all()
    return alle[welke % len(alle)] if alle else None


def _doe(basis: Basis, h: dict[str, Any]) -> None:
    if h["soort"] == "tarief":
        financien.wijzig_tarief(basis.ctx, basis["teamleider"], basis.producten[h["product"]], h["van"],
                                Decimal(h["bedrag"]), vandaag=PEIL)
        return
    if h["soort"] == "factuur":
        with transactie(basis.ctx) as s:
            v = _kies(s, h["welke"], leveringsvorm="zin")
            t = s.scalar(select(m.Toewijzing).where(m.Toewijzing.voorziening_id == v.id)) if v else None
            if v is None or t is None:
                return
            bsn, agb = s.get(m.Client, v.client_id).bsn, s.get(m.Aanbieder, v.aanbieder_id).agb_code
            hist = [(r.geldig_van, r.geldig_tot, r.tarief) for r in s.scalars(
                select(m.ProductTarief).where(m.ProductTarief.product_id == v.product_id)
                .order_by(m.ProductTarief.geldig_van))] or [(D(1900, 1, 1), None, v.product.tarief)]
            cat, wet, eenheid = v.productcategorie, v.wet, v.eenheid
        eerste = max(v.startdatum, D(2026, 1, 1)).month if v.startdatum.year <= 2026 else 13
        laatste = min(v.einddatum or D(2026, 5, 31), D(2026, 5, 31))
        if v.startdatum > D(2026, 5, 1) or laatste < D(2026, 1, 1) or eerste > laatste.month:
            return
        mm = eerste + h["maand"] % (laatste.month - eerste + 1)
        van = max(D(2026, mm, 1), v.startdatum)
        tot = min(D(2026, mm + 1, 1) - dt.timedelta(days=1), laatste)
        tarief_ = declaraties.contracttarief(hist, van, {}) or Decimal(1)
        if not h["goed_tarief"]:
            tarief_ += 1
        vol = Decimal(1)
        kop = declaraties.DeclaratieKop(agb_code=agb, wet=wet, nummer=f"H{next(_decl):08d}", periode_van=van,
                                        periode_tot=tot, dagtekening=PEIL - dt.timedelta(days=3))
        regel = PrestatieInvoer(referentie=f"R{next(_decl):08d}", toewijzing_nummer=str(t.nummer), bsn=bsn,
                                productcategorie=cat, productcode=t.productcode, periode_van=van, periode_tot=tot,
                                volume=vol, eenheid=eenheid, tarief=tarief_, bedrag=(vol * tarief_).quantize(
                                    Decimal("0.01")))
        declaraties.verwerk_declaratie(basis.ctx, basis["administratie"], kop, [regel],
                                       ontvangen_op=PEIL - dt.timedelta(days=2))
        return
    with transactie(basis.ctx) as s:
        b = Bouwer(basis, s)
        if h["soort"] == "toekenning":
            c = b.client(f"Klant{next(_nummer)}", team=h["team"])
            a = b.aanvraag(c, datum=h["start"], status="besloten")
            eind = h["start"] + dt.timedelta(days=h["duur"]) if h["duur"] is not None else None
            po = h["po"] if eind is None else None
            vid = b.voorziening(a, h["product"], str(h["volume"]), frequentie=h["frequentie"], start=h["start"],
                                eind=eind, po=po, pgb=h["pgb"])
            v = s.get(m.Voorziening, vid)
            if h["pgb"]:
                v.pgb_bedrag, v.pgb_periode = Decimal(h["volume"] * 100), h["pgb_periode"]
            else:
                s.add(m.Toewijzing(wet=v.wet, nummer=next(_nummer), voorziening_id=vid, client_id=c,
                                   aanbieder_id=v.aanbieder_id, productcategorie=v.productcategorie,
                                   productcode="01A01", ingangsdatum=v.startdatum, einddatum=v.einddatum,
                                   volume=int(v.volume), eenheid=v.eenheid, frequentie=v.frequentie,
                                   toegewezen_op=dt.datetime(2025, 1, 1), status="actueel"))
            if h["verzonden"] is not None:
                b.beschikking(a, datum=h["verzonden"], verzonden_op=h["verzonden"])
        elif h["soort"] == "wijziging":
            v = _kies(s, h["welke"])
            if v is not None:
                v.einddatum = h["eind"] if h["eind"] is None or h["eind"] >= v.startdatum else v.startdatum
                v.po_datum = h["po"]
                v.volume = Decimal(h["volume"])
        elif h["soort"] == "stop":
            v = _kies(s, h["welke"])
            if v is not None:
                t = s.scalar(select(m.Toewijzing).where(m.Toewijzing.voorziening_id == v.id))
                if h["bericht"] and t is not None:
                    t.zorg_stop = h["dag"]
                else:
                    v.beeindigd_op, v.status = h["dag"], "beeindigd"
        elif h["soort"] == "verhuizing":
            v = _kies(s, h["welke"])
            if v is not None:
                c = s.get(m.Client, v.client_id)
                c.team_id = basis.team_b if c.team_id == basis.team_a else basis.team_a


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(handelingen=st.lists(handeling, min_size=1, max_size=6))
def test_the_summary_equals_the_raw_computation_after_anything(basis: Basis, handelingen: list[dict[str, Any]],
                                                               ) -> None:
    """rules/verplichting (per provision, per month) and the approved invoice lines: after any sequence of
    grants, changes, stops (beëindiging or the provider's 307), tariff changes, team moves and invoices, the
    maintained summary holds exactly what a fresh computation gives."""
    with transactie(basis.ctx) as s:
        if s.get(m.FinStand, stand.STAND_ID) is None:
            stand.herbereken(s, PEIL, {})
    for h in handelingen:
        _doe(basis, h)
    _controleer(basis)


def test_rebuild_and_moving_the_reference_day(basis: Basis) -> None:
    """`herbereken` gives the same rows the maintenance gave; moving the reference day past a planned PO makes the
    open-ended provision count through 31 December (rules/verplichting rule 2) without any write to it."""
    with transactie(basis.ctx) as s:
        stand.herbereken(s, D(2026, 3, 1), {})
        b = Bouwer(basis, s)
        c = b.client("Po")
        a = b.aanvraag(c, datum=D(2025, 1, 1), status="besloten")
        vid = b.voorziening(a, "HH", "3", start=D(2025, 3, 1), po=D(2026, 5, 1))
    with transactie(basis.ctx) as s:
        voor = sum(stand.som_maanden(s.get(m.FinVerplichting, (vid, 2026))), Decimal(0))
        stand.actueel(s, D(2026, 6, 1), {})
    with transactie(basis.ctx) as s:
        na = sum(stand.som_maanden(s.get(m.FinVerplichting, (vid, 2026))), Decimal(0))
        assert na > voor  # through 31 December now: 3 h x 52 x 32.50 = 5,070
        assert na == pytest.approx(Decimal("5070"), abs=Decimal("0.05"))
        rijen = {(r.voorziening_id, r.jaar): stand.som_maanden(r) for r in s.scalars(select(m.FinVerplichting))}
        stand.herbereken(s, D(2026, 6, 1), {})
    with transactie(basis.ctx) as s:
        opnieuw = {(r.voorziening_id, r.jaar): stand.som_maanden(r) for r in s.scalars(select(m.FinVerplichting))}
    assert rijen.keys() == opnieuw.keys()
    for k in rijen:
        assert rijen[k] == pytest.approx(opnieuw[k], abs=Decimal("0.01"))


def test_the_screen_reads_the_summary_and_shows_the_same(basis: Basis) -> None:
    """The overview as of today comes from the summary (brought up to today first) and equals the raw sums."""
    with transactie(basis.ctx) as s:
        b = Bouwer(basis, s)
        c = b.client("Scherm")
        a = b.aanvraag(c, datum=D(2025, 1, 1), status="besloten")
        b.voorziening(a, "BG", "2", start=dt.date.today().replace(month=1, day=1))
    tl = basis["teamleider"]
    ov = financien.overzicht(basis.ctx, tl, dt.date.today().year, "productcategorie")
    with transactie(basis.ctx) as s:
        assert s.get(m.FinStand, stand.STAND_ID).peildatum == dt.date.today()
        ruw = financien.verzamel(s, [basis.team_a], Filter(), dt.date.today().year, dt.date.today(),
                                 "productcategorie", {}, samenvatting=False)
    assert ov.totaal.verplichting == pytest.approx(sum(ruw.verplichting.values(), Decimal(0)), abs=Decimal("0.1"))
    assert ov.totaal.verplichting > 0
    zaken = financien.zaken(basis.ctx, tl, dt.date.today().year, "productcategorie", None, maand=1)
    assert [z.client for z in zaken] == ["Test Scherm"]
