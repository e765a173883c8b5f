"""Demo and benchmark history for the financial picture: a tariff change on 1 January and two years of invoices
with a known pattern, so the prognosis can be backtested (bench/bench_financien.py).

The pattern (deterministic, seed fixed):
- every provision in kind is invoiced per calendar month of its period, from 1 January two years back up to the
  month before today; a total (frequency 6) once, in its first month;
- delivered = assigned volume for the month x 0.90, in July and August x 0.80, in December x 0.85, times the
  provision's own factor (0.95 to 1.00);
- the invoice comes in 1 month after the month (50 %), 2 (30 %), 3 (12 %), 5 (6 %) or 8 months (2 %, these are
  "te laat"); only what has come in by today is there;
- tariffs: the catalogue's tariff applies from 1 January of this year, the year before it was 3 % lower.
Rows go in with bulk inserts (a few hundred thousand lines at benchmark scale).
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import delete, func, insert, select

from consulent_app.db import models as m
from consulent_app.domain import Leveringsvorm, ToewijzingStatus, VoorzieningStatus
from consulent_app.rules.declaratie import toegestaan_volume
from consulent_app.services.base import AppContext

BENUTTING = {7: Decimal("0.80"), 8: Decimal("0.80"), 12: Decimal("0.85")}
BASIS_BENUTTING = Decimal("0.90")
VERTRAGING = ((1, 50), (2, 30), (3, 12), (5, 6), (8, 2))  # months after the product month, weight
CENT = Decimal("0.01")


def _maanden(van: dt.date, tot: dt.date) -> list[tuple[dt.date, dt.date]]:
    uit = []
    d = van.replace(day=1)
    while d <= tot:
        eind = d.replace(day=calendar.monthrange(d.year, d.month)[1])
        uit.append((max(d, van), min(eind, tot)))
        d = eind + dt.timedelta(days=1)
    return uit


def vul_tarieven(ctx: AppContext, vandaag: dt.date) -> None:
    """The catalogue's tariffs hold from 1 January of this year; the year before they were 3 % lower."""
    jan1 = dt.date(vandaag.year, 1, 1)
    with ctx.engine.begin() as conn:
        conn.execute(delete(m.ProductTarief))
        rijen = []
        for pid, tarief in conn.execute(select(m.Product.id, m.Product.tarief)).all():
            oud = (Decimal(tarief) / Decimal("1.03")).quantize(CENT, ROUND_HALF_UP)
            rijen += [dict(product_id=pid, geldig_van=dt.date(2000, 1, 1), geldig_tot=jan1 - dt.timedelta(days=1),
                           tarief=oud, ingevoerd_op=dt.datetime.combine(jan1, dt.time())),
                      dict(product_id=pid, geldig_van=jan1, geldig_tot=None, tarief=Decimal(tarief),
                           ingevoerd_op=dt.datetime.combine(jan1, dt.time()))]
        if rijen:
            conn.execute(insert(m.ProductTarief), rijen)


def vul_declaraties(ctx: AppContext, vandaag: dt.date, *, seed: int = 18) -> int:
    """Invoices of two years for the demo's provisions in kind (module docstring); returns the number of lines."""
    rnd = random.Random(seed)
    begin = dt.date(vandaag.year - 2, 1, 1)
    laatste = vandaag.replace(day=1) - dt.timedelta(days=1)  # end of last month
    jan1 = dt.date(vandaag.year, 1, 1)
    vz, c, p, a = m.Voorziening, m.Client, m.Product, m.Aanbieder
    with ctx.engine.begin() as conn:
        rows = conn.execute(
            select(vz.id, vz.client_id, c.team_id, c.bsn, vz.wet, vz.productcategorie, p.istandaard_code, p.code, vz.eenheid,
                   vz.volume, vz.frequentie, vz.startdatum, vz.einddatum, vz.beeindigd_op, vz.po_datum, p.tarief,
                   vz.aanbieder_id, a.agb_code)
            .join(c, c.id == vz.client_id).join(p, p.id == vz.product_id).join(a, a.id == vz.aanbieder_id)
            .where(vz.leveringsvorm == Leveringsvorm.ZIN.value, vz.besluit != "afgewezen",
                   vz.status.in_((VoorzieningStatus.ACTIEF.value, VoorzieningStatus.BEEINDIGD.value)),
                   vz.startdatum <= laatste)
            .order_by(vz.id)).all()
        # Assignments: the 301 numbers where berichten made them; earlier ones reconstructed for the history.
        nummers = {vid: (wet, nr) for vid, wet, nr in conn.execute(
            select(m.Toewijzing.voorziening_id, m.Toewijzing.wet, m.Toewijzing.nummer)).all()}
        volgend = {w: int(n or 0) for w, n in conn.execute(
            select(m.Toewijzing.wet, func.max(m.Toewijzing.nummer)).group_by(m.Toewijzing.wet)).all()}
        nieuwe_tw: list[dict[str, Any]] = []
        declaraties: dict[tuple[int, str, dt.date, dt.date], int] = {}
        dec_rijen: list[dict[str, Any]] = []
        pres: list[dict[str, Any]] = []
        dec_id = int(conn.execute(select(func.max(m.Declaratie.id))).scalar() or 0)
        pres_id = int(conn.execute(select(func.max(m.Prestatie.id))).scalar() or 0)
        totaal = 0
        for r in rows:
            eind_zorg = min((d for d in (r.einddatum, r.beeindigd_op) if d is not None), default=None)
            if r.id not in nummers:
                volgend[r.wet] = volgend.get(r.wet, 0) + 1
                nummers[r.id] = (r.wet, volgend[r.wet])
                nieuwe_tw.append(dict(
                    wet=r.wet, nummer=volgend[r.wet], voorziening_id=r.id, client_id=r.client_id,
                    aanbieder_id=r.aanbieder_id, productcategorie=r.productcategorie, productcode=r.istandaard_code,
                    ingangsdatum=r.startdatum, einddatum=eind_zorg, volume=int(r.volume), eenheid=r.eenheid,
                    frequentie=r.frequentie, toegewezen_op=dt.datetime.combine(r.startdatum, dt.time(9)),
                    status=(ToewijzingStatus.BEEINDIGD if eind_zorg and eind_zorg < vandaag
                            else ToewijzingStatus.ACTUEEL).value, versie=1))
            nummer = str(nummers[r.id][1])
            eigen = Decimal(rnd.randint(95, 100)) / 100
            van = max(r.startdatum, begin)
            tot = min(eind_zorg or laatste, laatste)
            if r.frequentie == "6":
                perioden = [(r.startdatum, min(_maanden(r.startdatum, r.startdatum)[0][1], tot))] \
                    if r.startdatum >= begin else []
            else:
                perioden = _maanden(van, tot) if van <= tot else []
            for pv, pt in perioden:
                tarief = Decimal(r.tarief) if pv >= jan1 else (Decimal(r.tarief) / Decimal("1.03")).quantize(CENT,
                                                                                                          ROUND_HALF_UP)
                if r.frequentie == "6":
                    volume = Decimal(r.volume)
                else:
                    toegestaan = toegestaan_volume(Decimal(r.volume), r.frequentie, pv, pt) or Decimal(0)
                    volume = (toegestaan * BENUTTING.get(pv.month, BASIS_BENUTTING) * eigen).quantize(
                        CENT, ROUND_HALF_UP)
                if volume <= 0:
                    continue
                maanden = rnd.choices([v for v, _w in VERTRAGING], weights=[w for _v, w in VERTRAGING])[0]
                ontvangen = (pv.replace(day=1) + relativedelta(months=maanden)) + dt.timedelta(days=9)
                if ontvangen > vandaag:
                    continue
                sleutel = (r.aanbieder_id, r.wet, pv.replace(day=1), ontvangen.replace(day=1))
                if sleutel not in declaraties:
                    dec_id += 1
                    declaraties[sleutel] = dec_id
                    mv = pv.replace(day=1)
                    dec_rijen.append(dict(
                        id=dec_id, aanbieder_id=r.aanbieder_id, agb_code=r.agb_code or "", wet=r.wet,
                        nummer=f"D{dec_id:08d}", periode_van=mv, periode_tot=mv + relativedelta(months=1)
                        - dt.timedelta(days=1), dagtekening=ontvangen, ontvangen_op=ontvangen,
                        verwerkt_op=dt.datetime.combine(ontvangen, dt.time(10)), aantal=0, aantal_afgekeurd=0,
                        totaal_ingediend=Decimal(0), totaal_toegekend=Decimal(0)))
                bedrag = (volume * tarief).quantize(CENT, ROUND_HALF_UP)
                pres_id += 1
                pres.append(dict(
                    id=pres_id, declaratie_id=declaraties[sleutel], aanbieder_id=r.aanbieder_id, wet=r.wet,
                    referentie=f"R{pres_id:09d}", vorige_referentie=None, toewijzing_nummer=nummer,
                    voorziening_id=r.id, client_id=r.client_id, bsn=r.bsn, productcategorie=r.productcategorie,
                    productcode=r.istandaard_code, periode_van=pv, periode_tot=pt, volume=volume,
                    eenheid=r.eenheid, tarief=tarief, bedrag=bedrag, goedgekeurd=True, retourcodes="0200",
                    twijfel="te_laat" if maanden > 6 else None, toegekend=bedrag, ontvangen_op=ontvangen,
                    team_id=r.team_id))
                if len(pres) >= 20000:
                    totaal += _schrijf(conn, dec_rijen, pres)
                    dec_rijen, pres = [], []
        totaal += _schrijf(conn, dec_rijen, pres)
        for i in range(0, len(nieuwe_tw), 5000):
            conn.execute(insert(m.Toewijzing), nieuwe_tw[i:i + 5000])
        # the declarations' totals, from their lines
        conn.exec_driver_sql(
            "UPDATE declaratie SET aantal = (SELECT count(*) FROM prestatie WHERE declaratie_id = declaratie.id), "
            "totaal_ingediend = (SELECT coalesce(sum(bedrag), 0) FROM prestatie "
            "WHERE declaratie_id = declaratie.id), totaal_toegekend = (SELECT coalesce(sum(toegekend), 0) "
            "FROM prestatie WHERE declaratie_id = declaratie.id)")
        if conn.dialect.name == "postgresql":
            for tabel in ("declaratie", "prestatie", "toewijzing", "product_tarief"):
                conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), "
                                     f"COALESCE((SELECT MAX(id) FROM {tabel}), 1))")
    return totaal


def _schrijf(conn: Any, declaraties: list[dict[str, Any]], prestaties: list[dict[str, Any]]) -> int:
    if declaraties:
        conn.execute(insert(m.Declaratie), declaraties)
    for i in range(0, len(prestaties), 5000):
        conn.execute(insert(m.Prestatie), prestaties[i:i + 5000])
    return len(prestaties)


#: The demo's budgets as a share of the prognosis they were set against: most groups have a little room, one is
#: clearly over budget (a signal on the screen), and its budget was already raised once (the history shows it).
RUIMTE = Decimal("1.06")
KRAP = Decimal("0.90")
KRAP_EERST = Decimal("0.85")


def vul_budgetten(ctx: AppContext, vandaag: dt.date) -> int:
    """Budgets for last year and this year per law and product category, set by the demo controller: last year's
    within 2 % of its outcome, this year's with room, except for the largest Jeugd group, over budget (also with
    two rows of history). Reads the maintained summaries, so `stand.herbereken` runs first. Returns the rows."""
    from consulent_app.domain import Rol
    from consulent_app.financien import prognose as pm
    from consulent_app.financien import stand
    from consulent_app.services import financien
    from consulent_app.services.base import transactie
    from consulent_app.services.overzicht import Filter

    with transactie(ctx) as s:
        controller = s.scalar(select(m.Gebruiker.id).where(m.Gebruiker.rol == Rol.CONTROLLER.value)
                              .order_by(m.Gebruiker.id))
        teams = list(s.scalars(select(m.Team.id)).all())
        if not teams:
            return 0
        samen = stand.stand_voor(s, vandaag, ctx.config.financien.indexatie, vandaag.year) is not None
        per_jaar = {}
        for jaar in (vandaag.year - 1, vandaag.year):
            inv = financien.verzamel(s, teams, Filter(), jaar, vandaag, "productcategorie",
                                     ctx.config.financien.indexatie, samenvatting=samen)
            per_jaar[jaar] = {k: pm.prognose(inv.voor(k), inv.leerwaarden).totaal for k in inv.verplichting}
        nu = per_jaar[vandaag.year]
        jeugd = [k for k in nu if k.startswith("jeugdwet:")]
        krap = max(jeugd or nu, key=lambda k: nu[k], default=None)
        rnd = random.Random(vandaag.year)
        rijen: list[dict[str, Any]] = []

        def rij(jaar: int, k: str, bedrag: Decimal, op: dt.date, tekst: str) -> None:
            wet, cat = k.split(":", 1)
            rijen.append(dict(jaar=jaar, wet=wet, productcategorie=cat, toelichting=tekst, bron="invoer",
                              bedrag=max(Decimal(1000), (bedrag / 1000).quantize(Decimal(1), ROUND_CEILING) * 1000),
                              ingevoerd_door_id=controller, ingevoerd_op=dt.datetime.combine(op, dt.time(9))))

        for k, p in sorted(per_jaar[vandaag.year - 1].items()):
            if p > 0:
                rij(vandaag.year - 1, k, p * Decimal(rnd.randint(99, 102)) / 100, dt.date(vandaag.year - 2, 12, 1),
                    "Begroting")
        for k, p in sorted(nu.items()):
            if p <= 0:
                continue
            if k == krap:
                rij(vandaag.year, k, p * KRAP_EERST, dt.date(vandaag.year - 1, 12, 1), "Begroting")
                rij(vandaag.year, k, p * KRAP, dt.date(vandaag.year, 6, 1) if vandaag.month > 6 else vandaag,
                    "Bijgesteld bij de voorjaarsnota")
            else:
                rij(vandaag.year, k, p * RUIMTE, dt.date(vandaag.year - 1, 12, 1), "Begroting")
        if rijen:
            s.execute(insert(m.Budget), rijen)
    return len(rijen)
