"""Financial grip for team leaders: obligations, budgets, invoiced costs and the year-end prognosis.

Every figure is summed in the database (GROUP BY); the obligation of a provision is rules/verplichting, computed
in SQL with the same factors (a test holds the SQL equal to the rule). The prognosis combines the sums with the
method in consulent_app/financien/prognose.py (README, "Financiën").
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import (
    Date,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from consulent_app import codelists
from consulent_app.db import models as m
from consulent_app.domain import AuditActie, Leveringsvorm, Rol, VoorzieningStatus, Wet
from consulent_app.errors import NietGevonden, ValidatieFout
from consulent_app.financien import prognose as pm
from consulent_app.financien import stand
from consulent_app.rules import validatie as v
from consulent_app.rules.kosten import TOTAAL, jaarkosten_sql, pgb_per_jaar_sql
from consulent_app.rules.verplichting import OPEN_EINDE
from consulent_app.services.base import Actor, AppContext, audit, audit_lijst, transactie, vereis_rol
from consulent_app.services.dossiers import volledige_naam
from consulent_app.services.overzicht import DRILL_LIMIET, Filter, dialect, euro, maand, teams_in_bereik
from consulent_app.services.sturing import NIVEAU_LABELS

#: Team leaders for their teams; the controller for the teams it serves: the financial picture and the budgets,
#: never a dossier. The drill-down names the client by number for the controller (data minimisation, AVG art. 5),
#: and every drill-down is audited.
LEZERS = (Rol.TEAMLEIDER, Rol.CONTROLLER)
TARIEF_BEHEER = (Rol.TEAMLEIDER, Rol.BEHEERDER)
DIMENSIES = {
    "wet": "Wet",
    "productcategorie": "Productcategorie",
    "product": "Product",
    "niveau": "Arrangement (niveau)",
    "aanbieder": "Aanbieder",
    "team": "Gebiedsteam",
}
BEGIN_TARIEF = dt.date(1900, 1, 1)
GETELD = (VoorzieningStatus.ACTIEF.value, VoorzieningStatus.BEEINDIGD.value)


def client_label(actor: Actor, client_id: int, naam: str) -> str:
    """The client as a drill-down shows it: the name for a team leader, only the number for a controller."""
    return f"Cliëntnummer {client_id}" if actor.rol is Rol.CONTROLLER else naam


def _start(actor: Actor, filt: Filter | None) -> tuple[Filter, list[int]]:
    vereis_rol(actor, *LEZERS)
    filt = (filt or Filter()).gecontroleerd()
    return filt, teams_in_bereik(actor, filt.team_id)


# ---------------------------------------------------------------------------------------------------------
# SQL for rules/verplichting: the same sum, per provision and tariff period, in both dialects


def _kleinste(s: Session, *args: Any) -> ColumnElement[Any]:
    return func.least(*args) if dialect(s) == "postgresql" else func.min(*args)


def _grootste(s: Session, *args: Any) -> ColumnElement[Any]:
    return func.greatest(*args) if dialect(s) == "postgresql" else func.max(*args)


def _dagen(s: Session, eind: Any, begin: Any) -> ColumnElement[Any]:
    """Days from `begin` through `eind`, both inclusive."""
    if dialect(s) == "postgresql":
        return cast(eind, Date) - cast(begin, Date) + 1
    return func.julianday(eind) - func.julianday(begin) + 1


def _d(d: dt.date) -> ColumnElement[Any]:
    return literal(d, Date)


def stops(voorziening_ids: Collection[int] | None = None) -> Any:
    """Per provision the earliest day a provider reported care stopped (307), to outer-join once."""
    t = m.Toewijzing
    q = select(t.voorziening_id.label("vid"), func.min(t.zorg_stop).label("stop")).where(t.zorg_stop.is_not(None))
    if voorziening_ids is not None:
        q = q.where(t.voorziening_id.in_(sorted(voorziening_ids)))
    return q.group_by(t.voorziening_id).subquery("stops")


def gestopt_expr(s: Session, stop: Any) -> ColumnElement[Any]:
    """The day care ended: the recorded end (beëindiging, PO) or the provider's stop message (307), the earliest.
    `stop` is the column of `stops()` joined to the provision."""
    vz = m.Voorziening
    return case((vz.beeindigd_op.is_(None), stop), (stop.is_(None), vz.beeindigd_op),
                else_=_kleinste(s, vz.beeindigd_op, stop))


def periode_einde_expr(s: Session, peildatum: dt.date, jaar_einde: dt.date, stop: Any) -> ColumnElement[Any]:
    """rules/verplichting.periode_einde in SQL (`beeindigd_op` there is `gestopt_expr` here)."""
    vz = m.Voorziening
    gestopt = gestopt_expr(s, stop)
    return case(
        (and_(gestopt.is_not(None), vz.einddatum.is_not(None)), _kleinste(s, gestopt, vz.einddatum)),
        (gestopt.is_not(None), gestopt),
        (vz.einddatum.is_not(None), vz.einddatum),
        (and_(vz.po_datum.is_not(None), vz.po_datum >= _d(peildatum)), vz.po_datum),
        else_=_d(jaar_einde),
    )


def _tarieven() -> Any:
    """The tariff history; a product without history rows (added outside the catalogue's use case) has its
    current tariff since always."""
    pt, p = m.ProductTarief, m.Product
    zonder = ~exists(select(pt.id).where(pt.product_id == p.id))
    return union_all(
        select(pt.product_id.label("product_id"), pt.geldig_van.label("van"), pt.geldig_tot.label("tot"),
               pt.tarief.label("tarief")),
        select(p.id, literal(BEGIN_TARIEF, Date), cast(null(), Date), p.tarief).where(zonder),
    ).subquery("tarieven")


def _indexatie_expr(van_kolom: Any, jaar: int, indexatie: Mapping[int, float]) -> Any:
    """rules/verplichting.indexatie_factor as CASE over the tariff's start year."""
    jaren = sorted(y for y in indexatie if y <= jaar)
    if not jaren:
        return literal(1)
    takken = []
    factor = Decimal(1)
    # A tariff starting in year y0 gets the indexations of y0+1..jaar.
    for y0 in range(jaar, jaren[0] - 1, -1):
        takken.append((van_kolom >= _d(dt.date(y0, 1, 1)), literal(float(factor))))
        if y0 in indexatie:
            factor *= 1 + Decimal(str(indexatie[y0])) / 100
    return case(*takken, else_=literal(float(factor)))


@dataclass(frozen=True)
class Venster:
    """Days looked at (van..tot, within one calendar year)."""

    van: dt.date
    tot: dt.date


def _dimensie(dimensie: str) -> Any:
    vz = m.Voorziening
    return {"wet": vz.wet, "productcategorie": vz.productcategorie, "product": vz.product_id,
            "niveau": m.Product.niveau, "aanbieder": vz.aanbieder_id, "team": m.Client.team_id}[dimensie]


def segmenten(s: Session, teams: list[int] | None, filt: Filter, jaar: int, peildatum: dt.date, dimensie: str,
              indexatie: Mapping[int, float], *, per_voorziening: bool = False,
              voorziening_ids: Collection[int] | None = None) -> Any:
    """CTE (k, w, lv, b, e, dag): every provision's piece of `jaar` per tariff period (rules/verplichting): first
    and last day `b`..`e` and the amount per day. `k` is the dimension's key (the provision itself with
    `per_voorziening`), `w` the law for product categories, `lv` zin or pgb. What counts is what was known on
    `peildatum`: provisions whose decision was sent by then (or that had started). Computed once per statement
    (MATERIALIZED), so windows over it cost only a multiplication each. `teams` None: every team (the summaries
    of financien/stand); `voorziening_ids`: only these provisions."""
    jan1, dec31 = dt.date(jaar, 1, 1), dt.date(jaar, 12, 31)
    vz = m.Voorziening
    st = stops(voorziening_ids)
    eind = periode_einde_expr(s, peildatum, dec31, st.c.stop)
    t = _tarieven()
    sleutel = vz.id if per_voorziening else _dimensie(dimensie)
    wet = vz.wet if dimensie == "productcategorie" and not per_voorziening else literal("")
    conds = [vz.status.in_(GETELD), vz.besluit != "afgewezen",
             vz.startdatum <= _d(dec31), eind >= _d(jan1), eind >= vz.startdatum,
             func.coalesce(m.Beschikking.verzonden_op, vz.startdatum) <= _d(peildatum)]
    if teams is not None:
        conds.append(m.Client.team_id.in_(teams))
    if voorziening_ids is not None:
        conds.append(vz.id.in_(sorted(voorziening_ids)))
    if filt.wet:
        conds.append(vz.wet == filt.wet)

    def _van(q: Any) -> Any:
        return (q.select_from(vz)
                .join(m.Client, m.Client.id == vz.client_id)
                .outerjoin(st, st.c.vid == vz.id)
                .outerjoin(m.Product, m.Product.id == vz.product_id)
                .outerjoin(m.Beschikking, m.Beschikking.aanvraag_id == vz.aanvraag_id))

    t_tot = func.coalesce(t.c.tot, _d(OPEN_EINDE))
    b_zin = _grootste(s, vz.startdatum, t.c.van, _d(jan1))
    e_zin = _kleinste(s, eind, t_tot, _d(dec31))
    tarief = t.c.tarief * _indexatie_expr(t.c.van, jaar, indexatie)
    dag_zin = case(
        (vz.frequentie == TOTAAL, vz.volume * tarief / _dagen(s, eind, vz.startdatum)),
        else_=jaarkosten_sql(tarief, vz.volume, vz.frequentie) / 365.0,
    )
    kols = [sleutel.label("k"), wet.label("w")]
    zin = (_van(select(*kols, literal("zin").label("lv"), b_zin.label("b"), e_zin.label("e"), dag_zin.label("dag")))
           .join(t, t.c.product_id == vz.product_id)
           .where(vz.leveringsvorm != Leveringsvorm.PGB.value, e_zin >= b_zin, *conds))
    b_pgb = _grootste(s, vz.startdatum, _d(jan1))
    e_pgb = _kleinste(s, eind, _d(dec31))
    pgb = (_van(select(*kols, literal("pgb").label("lv"), b_pgb.label("b"), e_pgb.label("e"),
                       (pgb_per_jaar_sql(func.coalesce(vz.pgb_bedrag, 0), vz.pgb_periode) / 365.0).label("dag")))
           .where(vz.leveringsvorm == Leveringsvorm.PGB.value, e_pgb >= b_pgb, *conds))
    return union_all(zin, pgb).cte("segment").prefix_with("MATERIALIZED")


def _overlap(s: Session, seg: Any, van: Any, tot: Any) -> ColumnElement[Any]:
    """Days of a segment within van..tot (0 when apart)."""
    b, e = _grootste(s, seg.c.b, van), _kleinste(s, seg.c.e, tot)
    return case((e >= b, _dagen(s, e, b)), else_=0)


def verplichtingen_select(s: Session, teams: list[int], filt: Filter, vensters: list[Venster], peildatum: dt.date,
                          dimensie: str, indexatie: Mapping[int, float], *, per_voorziening: bool = False) -> Any:
    """Subquery (k, w, i, lv, bedrag): the obligations per segment (`segmenten`) and window `i` of `vensters`."""
    jaren = {x.van.year for x in vensters} | {x.tot.year for x in vensters}
    assert len(jaren) == 1, "vensters binnen één kalenderjaar"
    seg = segmenten(s, teams, filt, jaren.pop(), peildatum, dimensie, indexatie, per_voorziening=per_voorziening)
    ven = union_all(*[select(literal(i).label("i"), literal(x.van, Date).label("van"),
                             literal(x.tot, Date).label("tot")) for i, x in enumerate(vensters)]).subquery("venster")
    dagen = _overlap(s, seg, ven.c.van, ven.c.tot)
    return (select(seg.c.k, seg.c.w, ven.c.i, seg.c.lv, (seg.c.dag * dagen).label("bedrag"))
            .select_from(seg).join(ven, and_(seg.c.b <= ven.c.tot, seg.c.e >= ven.c.van))
            .subquery("verplichting"))


def verplichtingen(s: Session, teams: list[int], filt: Filter, vensters: list[Venster], peildatum: dt.date,
                   dimensie: str, indexatie: Mapping[int, float]) -> dict[tuple[str, int, str], Decimal]:
    """{(key, window index, 'zin' / 'pgb'): obligation}, summed in the database."""
    sub = verplichtingen_select(s, teams, filt, vensters, peildatum, dimensie, indexatie)
    q = (select(sub.c.k, sub.c.w, sub.c.i, sub.c.lv, func.sum(sub.c.bedrag))
         .group_by(sub.c.k, sub.c.w, sub.c.i, sub.c.lv))
    uit: dict[tuple[str, int, str], Decimal] = {}
    for k, w, i, lv, bedrag in s.execute(q).all():
        sl = (_sleutel(dimensie, [k, w]), int(i), str(lv))
        uit[sl] = uit.get(sl, Decimal(0)) + euro(bedrag)
    return uit


def _sleutel(dimensie: str, waarden: list[Any]) -> str:
    if dimensie == "productcategorie":
        return f"{waarden[1]}:{waarden[0]}"
    return "" if waarden[0] is None else str(waarden[0])


def jaarvensters(jaar: int, peildatum: dt.date) -> list[Venster]:
    """The year in month pieces, the reference month cut after the reference day (passed vs still to come)."""
    uit = []
    for mm in range(1, 13):
        van = dt.date(jaar, mm, 1)
        tot = van + relativedelta(months=1) - dt.timedelta(days=1)
        if van <= peildatum < tot:
            uit += [Venster(van, peildatum), Venster(peildatum + dt.timedelta(days=1), tot)]
        else:
            uit.append(Venster(van, tot))
    return uit


# ---------------------------------------------------------------------------------------------------------
# Invoiced (approved prestaties), inflow, budgets


def _instroom(s: Session, teams: list[int], filt: Filter, dimensie: str, peil: dt.date) -> dict[str, pm.Instroom]:
    """New granted provisions per key over the 24 whole months before `peil` (pm.instroom_venster), per calendar
    month of their start: count and sum of yearly cost, summed the way the prognosis uses them (pm.Instroom).

    Yearly cost as the obligation rule counts a full year: ZIN volume x times a year x tariff (a total: volume x
    tariff), pgb its budget per year (rules/kosten)."""
    van, tot = pm.instroom_venster(peil)
    vz = m.Voorziening
    kol = _dimensie(dimensie)
    kols = [kol, vz.wet] if dimensie == "productcategorie" else [kol]
    mnd = maand(s, vz.startdatum)
    jaarkosten = jaarkosten_expr()
    q = (select(*kols, mnd, func.count(), func.sum(jaarkosten))
         .select_from(vz)
         .join(m.Client, m.Client.id == vz.client_id)
         .outerjoin(m.Product, m.Product.id == vz.product_id)
         .where(vz.status.in_(GETELD), vz.besluit != "afgewezen", m.Client.team_id.in_(teams),
                vz.startdatum >= _d(van), vz.startdatum <= _d(tot))
         .group_by(*kols, mnd))
    if filt.wet:
        q = q.where(vz.wet == filt.wet)
    per: dict[str, dict[str, tuple[int, Decimal]]] = {}
    for *rest, mm, n, kosten in s.execute(q).all():
        per.setdefault(_sleutel(dimensie, rest), {})[str(mm)] = (int(n), euro(kosten))
    return {k: pm.instroom_van(v, peil) for k, v in per.items()}


def _instroom_samen(s: Session, teams: list[int], filt: Filter, dimensie: str,
                    peil: dt.date) -> dict[str, pm.Instroom]:
    """`_instroom` from the maintained summary: per key and month summed in the database (its index on grouping
    and month), the months then added up as the prognosis uses them (each row only counted, no date parsing)."""
    fi = m.FinInstroom
    van, _tot = pm.instroom_venster(peil)
    laatste = pm.laatste_volle_maand(peil)
    recent = (laatste - relativedelta(months=11)).isoformat()[:7]
    q = (select(fi.sleutel, type_coerce(fi.maand, String), func.sum(fi.aantal), func.sum(fi.kosten))
         .where(fi.dimensie == dimensie, fi.maand >= _d(van), fi.maand <= _d(laatste), fi.team_id.in_(teams),
                *([fi.wet == filt.wet] if filt.wet else []))
         .group_by(fi.sleutel, fi.maand))
    per: dict[str, list[Any]] = {}  # key -> [n12, cost12, n before, 12 calendar months]
    for sl, mm, n, kosten in s.execute(q).all():
        if not n:
            continue
        r = per.get(sl)
        if r is None:
            r = per[sl] = [0, 0.0, 0, [0] * 12]
        mm = str(mm)[:7]
        if mm >= recent:
            r[0] += n
            r[1] += kosten or 0.0
        else:
            r[2] += n
        r[3][int(mm[5:7]) - 1] += n
    return {str(k): pm.Instroom(int(n12), euro(k12), int(nv), tuple(int(x) for x in kal))
            for k, (n12, k12, nv, kal) in per.items() if n12 or nv}


def jaarkosten_expr() -> Any:
    """A provision's yearly cost as the inflow counts it (rules/kosten): its pgb per year, else tariff x scope."""
    vz = m.Voorziening
    return case(
        (vz.leveringsvorm == Leveringsvorm.PGB.value, pgb_per_jaar_sql(func.coalesce(vz.pgb_bedrag, 0), vz.pgb_periode)),
        else_=jaarkosten_sql(m.Product.tarief, vz.volume, vz.frequentie),
    )


def _budget_actueel(s: Session, jaar: int) -> Any:
    """The budget in force per (wet, productcategorie): the newest row of each key."""
    b = m.Budget
    nieuwste = (select(func.max(b.id)).where(b.jaar == jaar).group_by(b.wet, b.productcategorie)).scalar_subquery()
    return select(b.wet, b.productcategorie, b.bedrag).where(b.id.in_(nieuwste))


# ---------------------------------------------------------------------------------------------------------
# The overview


@dataclass(frozen=True)
class FinRegel:
    sleutel: str
    label: str
    budget: Decimal | None
    verplichting: Decimal  # obligations of the whole year as known on the reference day
    gedeclareerd: Decimal  # approved invoices so far
    prognose: pm.Prognose

    @property
    def verschil(self) -> Decimal | None:
        """Budget minus prognosis: negative is a deficit."""
        return None if self.budget is None else self.budget - self.prognose.totaal


@dataclass(frozen=True)
class MaandPunt:
    maand: dt.date
    gedeclareerd_cumulatief: Decimal  # approved so far, by product period, cumulative
    verplichting_cumulatief: Decimal


@dataclass(frozen=True)
class FinancienOverzicht:
    jaar: int
    peildatum: dt.date
    dimensie: str
    regels: list[FinRegel]
    totaal: FinRegel
    maanden: list[MaandPunt] = field(default_factory=list)
    methode: pm.Leerwaarden | None = None
    alle_teams: bool = True  # the figures are the whole municipality's (else budgets are not compared)


def _label(s: Session, dimensie: str, sleutels: set[str]) -> dict[str, str]:
    if dimensie == "wet":
        return {k: Wet(k).label if k in {w.value for w in Wet} else k for k in sleutels}
    if dimensie == "productcategorie":
        uit = {}
        for k in sleutels:
            wet, code = k.split(":", 1)
            uit[k] = f"{code} {codelists.productcategorieen(Wet(wet)).get(code, '')}".strip()
        return uit
    if dimensie == "niveau":
        return {k: NIVEAU_LABELS.get(k, "Geen niveau (hulpmiddel, woonvoorziening)") for k in sleutels}
    ids = [int(k) for k in sleutels if k]
    model: Any
    model, leeg = {"product": (m.Product, "Geen product"), "aanbieder": (m.Aanbieder, "Geen aanbieder (pgb)"),
                   "team": (m.Team, "Geen team")}[dimensie]
    namen = {str(i): n for i, n in s.execute(select(model.id, model.naam).where(model.id.in_(ids))).all()}
    return {k: namen.get(k, leeg) for k in sleutels}


def _controleer_jaar(jaar: int) -> None:
    if not 2000 <= jaar <= 2100:
        raise ValidatieFout.veld("jaar", "Kies een jaar tussen 2000 en 2100.")


def overzicht(ctx: AppContext, actor: Actor, jaar: int, dimensie: str = "productcategorie",
              filt: Filter | None = None, *, peildatum: dt.date | None = None) -> FinancienOverzicht:
    """Budget, obligations, invoiced, prognosis and difference per law / product category / product / level /
    provider / team for one budget year, as known on `peildatum` (default today, kept within the year; for a
    coming year the day before it starts)."""
    filt, teams = _start(actor, filt)
    _controleer_jaar(jaar)
    if dimensie not in DIMENSIES:
        raise ValidatieFout.veld("dimensie", f"Onbekende indeling '{dimensie}'.")
    peil = peildatum or dt.date.today()
    idx = ctx.config.financien.indexatie
    _actueel(ctx, actor, peildatum)
    with transactie(ctx, actor) as s:
        snel = stand.stand_voor(s, peil, idx, jaar) is not None
        invoer = verzamel(s, teams, filt, jaar, peil, dimensie, idx, samenvatting=snel)
        budget: dict[str, Decimal] = {}
        # A budget is the municipality's (per year, law and product category): it is compared with the figures
        # of every team together, never with one team's part of them.
        heel = set(s.scalars(select(m.Team.id)).all()) <= set(teams)
        if dimensie in ("wet", "productcategorie") and heel:
            for wet, cat, bedrag in s.execute(_budget_actueel(s, jaar)).all():
                if filt.wet and wet != filt.wet:
                    continue
                k = wet if dimensie == "wet" else f"{wet}:{cat}"
                budget[k] = budget.get(k, Decimal(0)) + euro(bedrag)
        gedeclareerd = invoer.gedeclareerd
        sleutels = set(invoer.verplichting) | set(gedeclareerd) | set(budget) | set(invoer.instroom)
        labels = _label(s, dimensie, sleutels)
        maanden = _maandreeks(jaar, invoer.gedeclareerd_per_maand, invoer.per_maand)
        peil = invoer.peildatum
        audit(s, actor, AuditActie.LEZEN, "financien", None, details=f"{jaar};{dimensie};n={len(sleutels)}")
    leer = invoer.leerwaarden
    regels = []
    for k in sleutels:
        regels.append(FinRegel(k, labels.get(k, k), budget.get(k), invoer.verplichting.get(k, Decimal(0)),
                               gedeclareerd.get(k, Decimal(0)), pm.prognose(invoer.voor(k), leer)))
    regels.sort(key=lambda r: (-r.prognose.totaal, r.label))
    totaal = FinRegel("", "Totaal", sum(budget.values(), Decimal(0)) if budget else None,
                      sum((r.verplichting for r in regels), Decimal(0)),
                      sum((r.gedeclareerd for r in regels), Decimal(0)), pm.som([r.prognose for r in regels]))
    return FinancienOverzicht(jaar, peil, dimensie, regels, totaal, maanden, leer, alle_teams=heel)


def _actueel(ctx: AppContext, actor: Actor, peildatum: dt.date | None) -> None:
    """Seen as of today: bring the maintained summaries to today first (financien/stand; a rebuild the first
    time). A reference day in the past is computed from the raw tables."""
    vandaag = dt.date.today()
    if peildatum is not None and peildatum != vandaag:
        return
    with transactie(ctx, actor) as s:
        stand.actueel(s, vandaag, ctx.config.financien.indexatie)


def herbereken_samenvatting(ctx: AppContext, *, peildatum: dt.date | None = None) -> None:
    """`consulent-app financien herbereken` and the demo generator: the summaries again from the raw tables. No
    actor: run by the administrator on the server, like `db upgrade`."""
    with transactie(ctx) as s:
        stand.herbereken(s, peildatum or dt.date.today(), ctx.config.financien.indexatie)


def binnen_jaar(jaar: int, dag: dt.date) -> dt.date:
    """The reference day within the year: a coming year is seen from the day before it starts, a past one from
    its last day."""
    return min(max(dag, dt.date(jaar, 1, 1) - dt.timedelta(days=1)), dt.date(jaar, 12, 31))


GEEN_INSTROOM = pm.Instroom(0, Decimal(0), 0, (0,) * 12)


@dataclass
class Invoer:
    """Everything the prognosis needs, per key, from the database."""

    jaar: int
    peildatum: dt.date
    kennis: dt.date  # what was known on this day (invoices received by then)
    verplichting: dict[str, Decimal]  # the whole year
    verstreken_per_maand: dict[str, dict[int, Decimal]]  # key -> month -> obligations up to the reference day
    rest: dict[str, Decimal]  # day after the reference day .. 31 December
    gedeclareerd_per_maand: dict[str, dict[int, Decimal]]  # key -> month -> approved, received by `kennis`
    instroom: dict[str, pm.Instroom]  # key -> the inflow of the last 24 whole months
    leerwaarden: pm.Leerwaarden
    per_maand: dict[int, Decimal] = field(default_factory=dict)  # obligations per month, all keys
    pgb: dict[str, Decimal] = field(default_factory=dict)  # pgb obligations of the year (not invoiced here)

    @property
    def gedeclareerd(self) -> dict[str, Decimal]:
        return {k: sum(v.values(), Decimal(0)) for k, v in self.gedeclareerd_per_maand.items()}

    def voor(self, k: str) -> pm.Componenten:
        return pm.Componenten(
            jaar=self.jaar, peildatum=self.peildatum, kennis=self.kennis,
            gedeclareerd_per_maand=self.gedeclareerd_per_maand.get(k, {}),
            verplichting_per_maand=self.verstreken_per_maand.get(k, {}),
            verplichting_rest=self.rest.get(k, Decimal(0)), instroom=self.instroom.get(k, GEEN_INSTROOM),
            pgb=self.pgb.get(k, Decimal(0)))


@dataclass
class Sommen:
    """The monthly sums a prognosis is made of, from the raw tables (`ruwe_sommen`, the reference) or from the
    maintained summaries (`samenvatting_sommen`, financien/stand); both give the same numbers."""

    verplichting: dict[tuple[str, str], list[Decimal]]  # (key, zin/pgb) -> the 12 months of the year
    gedeclareerd: dict[str, dict[int, Decimal]]  # key -> month of the product period -> approved
    vorig_zin: list[Decimal]  # obligations in kind per month of the year before, all keys
    vorig_gedeclareerd: list[Decimal]  # approved per month of the year before, all keys
    ontvangst: dict[dt.date, dict[dt.date, Decimal]]  # product month -> day received -> approved (learning window)


def _maand_kolommen(s: Session, seg: Any, jaar: int) -> list[Any]:
    uit = []
    for mm in range(1, 13):
        van = dt.date(jaar, mm, 1)
        tot = van + relativedelta(months=1) - dt.timedelta(days=1)
        uit.append(func.sum(seg.c.dag * _overlap(s, seg, _d(van), _d(tot))))
    return uit


def _ruwe_verplichting(s: Session, teams: list[int], filt: Filter, jaar: int, kennis: dt.date, dimensie: str,
                       idx: Mapping[int, float]) -> dict[tuple[str, str], list[Decimal]]:
    seg = segmenten(s, teams, filt, jaar, kennis, dimensie, idx)
    q = select(seg.c.k, seg.c.w, seg.c.lv, *_maand_kolommen(s, seg, jaar)).group_by(seg.c.k, seg.c.w, seg.c.lv)
    uit: dict[tuple[str, str], list[Decimal]] = {}
    for k0, w, lv, *bedragen in s.execute(q).all():
        sl = (_sleutel(dimensie, [k0, w]), str(lv))
        oud = uit.get(sl, [Decimal(0)] * 12)
        uit[sl] = [a + euro(b) for a, b in zip(oud, bedragen, strict=True)]
    return uit


def _leervenster(kennis: dt.date) -> tuple[dt.date, dt.date]:
    """The twelve product months that ended at least a year before `kennis`."""
    leer_tot = (kennis.replace(day=1) - relativedelta(months=12)) - dt.timedelta(days=1)
    return (leer_tot + dt.timedelta(days=1)) - relativedelta(months=12), leer_tot


def _als_datum(x: Any) -> dt.date:
    return x if isinstance(x, dt.date) else dt.date.fromisoformat(str(x)[:10])


def ruwe_sommen(s: Session, teams: list[int], filt: Filter, jaar: int, kennis: dt.date, dimensie: str,
                idx: Mapping[int, float]) -> Sommen:
    """Every sum from the raw tables: provisions per tariff period, invoice lines (the reference)."""
    verplichting = _ruwe_verplichting(s, teams, filt, jaar, kennis, dimensie, idx)
    vorig = _ruwe_verplichting(s, teams, filt, jaar - 1, kennis, "wet", idx)
    vorig_zin = [sum((v[i] for (_k, lv), v in vorig.items() if lv == "zin"), Decimal(0)) for i in range(12)]
    gedeclareerd = _gedeclareerd_per_maand(s, teams, filt, dimensie, jaar, kennis)
    vg = _gedeclareerd_per_maand(s, teams, filt, "wet", jaar - 1, kennis)
    vorig_gedeclareerd = [sum((v.get(i, Decimal(0)) for v in vg.values()), Decimal(0)) for i in range(1, 13)]
    p = m.Prestatie
    leer_van, leer_tot = _leervenster(kennis)
    mnd = maand(s, p.periode_van)
    q = (select(mnd, p.ontvangen_op, func.sum(p.toegekend)).select_from(p)
         .where(p.goedgekeurd.is_(True), p.periode_van >= _d(leer_van), p.periode_van <= _d(leer_tot),
                p.ontvangen_op <= _d(kennis), p.team_id.in_(teams))
         .group_by(mnd, p.ontvangen_op))
    if filt.wet:
        q = q.where(p.wet == filt.wet)
    ontvangst: dict[dt.date, dict[dt.date, Decimal]] = {}
    for mm, ontvangen, bedrag in s.execute(q).all():
        d = dt.date(int(str(mm)[:4]), int(str(mm)[5:7]), 1)
        dag = _als_datum(ontvangen)
        ontvangst.setdefault(d, {})[dag] = ontvangst.get(d, {}).get(dag, Decimal(0)) + euro(bedrag)
    return Sommen(verplichting, gedeclareerd, vorig_zin, vorig_gedeclareerd, ontvangst)


def samenvatting_sommen(s: Session, teams: list[int], filt: Filter, jaar: int, kennis: dt.date, dimensie: str,
                        ) -> Sommen:
    """The same sums from the maintained summaries (financien/stand): per grouping a few thousand rows."""
    from consulent_app.financien.stand import MAANDEN

    fv, fg, fo = m.FinVerplichtingTotaal, m.FinGedeclareerd, m.FinOntvangst
    wet = [fv.wet == filt.wet] if filt.wet else []
    q = (select(fv.sleutel, fv.lv, *[func.sum(getattr(fv, c)) for c in MAANDEN])
         .where(fv.jaar == jaar, fv.dimensie == dimensie, fv.team_id.in_(teams), *wet).group_by(fv.sleutel, fv.lv))
    verplichting: dict[tuple[str, str], list[Decimal]] = {}
    for sl, lv, *bedragen in s.execute(q).all():
        verplichting[(str(sl), str(lv))] = [euro(b) for b in bedragen]
    qv = (select(*[func.sum(getattr(fv, c)) for c in MAANDEN])
          .where(fv.jaar == jaar - 1, fv.dimensie == "wet", fv.team_id.in_(teams), fv.lv == "zin", *wet))
    vorig_zin = [euro(b) for b in s.execute(qv).one()]
    gwet = [fg.wet == filt.wet] if filt.wet else []
    qg = (select(fg.sleutel, fg.maand, func.sum(fg.bedrag))
          .where(fg.jaar == jaar, fg.dimensie == dimensie, fg.team_id.in_(teams), *gwet)
          .group_by(fg.sleutel, fg.maand))
    gedeclareerd: dict[str, dict[int, Decimal]] = {}
    for sl, mm, bedrag in s.execute(qg).all():
        gedeclareerd.setdefault(str(sl), {})[int(mm)] = euro(bedrag)
    vorig_gedeclareerd = [Decimal(0)] * 12  # all keys together: the grouping by law has the fewest rows
    qgv = (select(fg.sleutel, fg.maand, func.sum(fg.bedrag))
           .where(fg.jaar == jaar - 1, fg.dimensie == "wet", fg.team_id.in_(teams), *gwet)
           .group_by(fg.sleutel, fg.maand))
    for _sl, mm, bedrag in s.execute(qgv).all():
        vorig_gedeclareerd[int(mm) - 1] += euro(bedrag)
    leer_van, leer_tot = _leervenster(kennis)
    qo = (select(fo.maand, fo.ontvangen_op, func.sum(fo.bedrag))
          .where(fo.maand >= _d(leer_van), fo.maand <= _d(leer_tot), fo.ontvangen_op <= _d(kennis),
                 fo.team_id.in_(teams)).group_by(fo.maand, fo.ontvangen_op))
    if filt.wet:
        qo = qo.where(fo.wet == filt.wet)
    ontvangst: dict[dt.date, dict[dt.date, Decimal]] = {}
    for mnd_o, ontv_o, bedrag_o in s.execute(qo).all():
        d, dag = _als_datum(mnd_o), _als_datum(ontv_o)
        ontvangst.setdefault(d, {})[dag] = ontvangst.get(d, {}).get(dag, Decimal(0)) + euro(bedrag_o)
    return Sommen(verplichting, gedeclareerd, vorig_zin, vorig_gedeclareerd, ontvangst)


def _deel_na(maand_bedrag: Decimal, maand_begin: dt.date, dag: dt.date) -> Decimal:
    """The part of a month's amount after `dag` (days in the month, pro rata)."""
    dagen = calendar.monthrange(maand_begin.year, maand_begin.month)[1]
    return maand_bedrag * Decimal(dagen - dag.day) / Decimal(dagen)


def verzamel(s: Session, teams: list[int], filt: Filter, jaar: int, peil: dt.date, dimensie: str,
             idx: Mapping[int, float], *, samenvatting: bool = False) -> Invoer:
    """The sums behind one prognosis as known on `peil` (also used by the backtest in bench/). The year is split
    at `peil` (kept within the year: binnen_jaar): the months before it have passed, the months after it are still
    to come, and the month of the reference day is split by its days. With `samenvatting` the sums come from the
    maintained summaries (the caller checked they answer for `peil`), else from the raw tables."""
    kennis, peil = peil, binnen_jaar(jaar, peil)
    som = (samenvatting_sommen(s, teams, filt, jaar, kennis, dimensie) if samenvatting
           else ruwe_sommen(s, teams, filt, jaar, kennis, dimensie, idx))
    peil_maand = peil.month if peil.year == jaar and peil != dt.date(jaar, 12, 31) else None
    verplichting: dict[str, Decimal] = {}
    verstreken: dict[str, dict[int, Decimal]] = {}
    rest: dict[str, Decimal] = {}
    pgb: dict[str, Decimal] = {}
    nul = Decimal(0)
    voorbij = [dt.date(jaar, mm, 1) <= peil for mm in range(1, 13)]  # the month has begun (the same for every key)
    alle_maanden = [nul] * 12
    for (k, lv), per in som.verplichting.items():
        totaal = sum(per, nul)
        verplichting[k] = verplichting.get(k, nul) + totaal
        for i, b in enumerate(per):
            alle_maanden[i] += b
        if lv == "pgb":  # paid through the SVB, never invoiced here: the budget is the cost
            pgb[k] = pgb.get(k, nul) + totaal
            continue
        vk = verstreken.setdefault(k, {})
        r = rest.get(k, nul)
        for i, b in enumerate(per):
            mm = i + 1
            if mm == peil_maand:
                na = _deel_na(b, dt.date(jaar, mm, 1), peil)
                vk[mm] = vk.get(mm, nul) + b - na
                r += na
            elif voorbij[i]:
                vk[mm] = vk.get(mm, nul) + b
            else:
                r += b
        rest[k] = r
    per_maand = {mm: alle_maanden[mm - 1] for mm in range(1, 13)}
    instroom = (_instroom_samen(s, teams, filt, dimensie, peil) if samenvatting
                else _instroom(s, teams, filt, dimensie, peil))
    return Invoer(jaar, peil, kennis, verplichting, verstreken, rest, som.gedeclareerd, instroom,
                  leerwaarden(som, jaar, peil, kennis), per_maand, pgb)


def _maand_nr(s: Session, kolom: Any) -> ColumnElement[Any]:
    return func.to_char(kolom, "MM") if dialect(s) == "postgresql" else func.strftime("%m", kolom)


def _prestatie_sleutel(dimensie: str) -> tuple[Any, bool]:
    """The invoice line's own column for a dimension (no join needed), or the provision's (join needed)."""
    p = m.Prestatie
    eigen = {"wet": p.wet, "productcategorie": p.productcategorie, "aanbieder": p.aanbieder_id, "team": p.team_id}
    return (eigen[dimensie], False) if dimensie in eigen else (_dimensie(dimensie), True)


def _gedeclareerd_per_maand(s: Session, teams: list[int], filt: Filter, dimensie: str, jaar: int,
                            kennis: dt.date) -> dict[str, dict[int, Decimal]]:
    """Approved amounts per key and month of the product period in `jaar`, received by `kennis`."""
    p = m.Prestatie
    kol, join = _prestatie_sleutel(dimensie)
    kols = [kol, p.wet] if dimensie == "productcategorie" else [kol]
    mnd = _maand_nr(s, p.periode_van)
    q = (select(*kols, mnd, func.sum(p.toegekend)).select_from(p)
         .where(p.goedgekeurd.is_(True), p.periode_van >= _d(dt.date(jaar, 1, 1)),
                p.periode_van <= _d(dt.date(jaar, 12, 31)), p.team_id.in_(teams), p.ontvangen_op <= _d(kennis))
         .group_by(*kols, mnd))
    if join:
        q = (q.join(m.Voorziening, m.Voorziening.id == p.voorziening_id)
             .outerjoin(m.Product, m.Product.id == m.Voorziening.product_id))
    if filt.wet:
        q = q.where(p.wet == filt.wet)
    uit: dict[str, dict[int, Decimal]] = {}
    for *sl, mm, bedrag in s.execute(q).all():
        k = _sleutel(dimensie, sl)
        uit.setdefault(k, {})[int(mm)] = uit.get(k, {}).get(int(mm), Decimal(0)) + euro(bedrag)
    return uit


def _jaar_eerder(d: dt.date) -> dt.date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year - 1, day=28)


def leerwaarden(som: Sommen, jaar: int, peil: dt.date, kennis: dt.date) -> pm.Leerwaarden:
    """What history teaches (all keys together), as known on `kennis`: f(k), the share of a month's costs that had
    come in k months later, over the twelve product months that ended at least a year before `kennis`; and r,
    invoiced / obligations in kind over the rest of the year before (from the day after `peil` a year earlier; its
    month split by days, as the year itself is)."""
    vorig = jaar - 1
    binnen = pm.leer_binnen(som.ontvangst, kennis.day)
    realisatie = None
    peil_vorig = _jaar_eerder(peil)
    if peil_vorig < dt.date(vorig, 12, 31):
        g = vp = Decimal(0)
        for mm in range(1, 13):
            begin = dt.date(vorig, mm, 1)
            eind = begin + relativedelta(months=1) - dt.timedelta(days=1)
            if eind <= peil_vorig:
                continue
            if begin <= peil_vorig:
                g += _deel_na(som.vorig_gedeclareerd[mm - 1], begin, peil_vorig)
                vp += _deel_na(som.vorig_zin[mm - 1], begin, peil_vorig)
            else:
                g += som.vorig_gedeclareerd[mm - 1]
                vp += som.vorig_zin[mm - 1]
        realisatie = (g / vp) if vp and g else None
    return pm.Leerwaarden(binnen, realisatie, vorig)


def _maandreeks(jaar: int, gedeclareerd_per_maand: Mapping[str, Mapping[int, Decimal]],
                verplichting_per_maand: Mapping[int, Decimal]) -> list[MaandPunt]:
    """Per month of the year: invoiced so far and obligations, cumulative (the chart's lines)."""
    per_maand: dict[int, Decimal] = {}
    for maanden in gedeclareerd_per_maand.values():
        for mm, b in maanden.items():
            per_maand[mm] = per_maand.get(mm, Decimal(0)) + b
    uit, cum_g, cum_v = [], Decimal(0), Decimal(0)
    for mm in range(1, 13):
        cum_g += per_maand.get(mm, Decimal(0))
        cum_v += verplichting_per_maand.get(mm, Decimal(0))
        uit.append(MaandPunt(dt.date(jaar, mm, 1), cum_g, cum_v))
    return uit


# ---------------------------------------------------------------------------------------------------------
# Drill-down


@dataclass(frozen=True)
class FinZaak:
    voorziening_id: int
    client_id: int
    client: str
    team: str
    product: str
    aanbieder: str | None
    startdatum: dt.date
    einddatum: dt.date | None
    verplichting: Decimal
    gedeclareerd: Decimal


def _zaak_conds(dimensie: str, sleutel: str | None) -> list[Any]:
    """The provision columns that select one row of the overview (None: every row, the chart's month)."""
    vz = m.Voorziening
    if sleutel is None:
        return []
    kol = _dimensie(dimensie)
    if dimensie == "productcategorie" and ":" in sleutel:
        wet, code = sleutel.split(":", 1)
        return [vz.wet == wet, kol == code]
    if not sleutel:
        return [kol.is_(None)]
    return [kol == (int(sleutel) if dimensie in ("product", "aanbieder", "team") else sleutel)]


def _zaak_conds_samenvatting(dimensie: str, sleutel: str | None) -> list[Any]:
    """`_zaak_conds` on the summary's own key columns (fin_verplichting holds them; 0 / '' for none)."""
    fv = m.FinVerplichting
    if sleutel is None:
        return []
    if dimensie == "productcategorie" and ":" in sleutel:
        wet, code = sleutel.split(":", 1)
        return [fv.wet == wet, fv.productcategorie == code]
    kol = {"wet": fv.wet, "productcategorie": fv.productcategorie, "product": fv.product_id, "niveau": fv.niveau,
           "aanbieder": fv.aanbieder_id, "team": fv.team_id}[dimensie]
    if dimensie in ("product", "aanbieder", "team"):
        return [kol == (int(sleutel) if sleutel else 0)]
    return [kol == sleutel]


def zaken(ctx: AppContext, actor: Actor, jaar: int, dimensie: str, sleutel: str | None, filt: Filter | None = None,
          *, peildatum: dt.date | None = None, maand: int | None = None) -> list[FinZaak]:
    """The provisions behind a figure of the overview: one row (`sleutel`; None for every row), the whole year or
    one calendar month (`maand`, the chart's point): their obligation in it and what was invoiced for it.

    From the summary (fin_verplichting carries the keys of every grouping): the largest DRILL_LIMIET provisions
    are chosen in that one table (its index on year and team), and only those are joined to names and invoices."""
    filt, teams = _start(actor, filt)
    _controleer_jaar(jaar)
    if dimensie not in DIMENSIES:
        raise ValidatieFout.veld("dimensie", f"Onbekende indeling '{dimensie}'.")
    if maand is not None and not 1 <= maand <= 12:
        raise ValidatieFout.veld("maand", "Kies een maand van 1 tot en met 12.")
    peil = peildatum or dt.date.today()
    idx = ctx.config.financien.indexatie
    van = dt.date(jaar, maand or 1, 1)
    tot = (van + relativedelta(months=1) if maand else dt.date(jaar + 1, 1, 1)) - dt.timedelta(days=1)
    vz = m.Voorziening
    controller = actor.rol is Rol.CONTROLLER
    _actueel(ctx, actor, peildatum)
    with transactie(ctx, actor) as s:
        if stand.stand_voor(s, peil, idx, jaar) is not None:
            fv = m.FinVerplichting
            kols = [getattr(fv, f"m{i}") for i in ([maand] if maand else range(1, 13))]
            bedrag = sum(kols[1:], kols[0])
            per_vz = (select(fv.voorziening_id.label("vid"), bedrag.label("b"))
                      .where(fv.jaar == jaar, fv.team_id.in_(teams), bedrag > 0.004,
                             *([fv.wet == filt.wet] if filt.wet else []), *_zaak_conds_samenvatting(dimensie, sleutel))
                      .order_by(bedrag.desc(), fv.voorziening_id).limit(DRILL_LIMIET).subquery())
            conds: list[Any] = []
        else:
            sub = verplichtingen_select(s, teams, filt, [Venster(van, tot)], peil, dimensie, idx,
                                        per_voorziening=True)
            per_vz = select(sub.c.k.label("vid"), func.sum(sub.c.bedrag).label("b")).group_by(sub.c.k).subquery()
            conds = _zaak_conds(dimensie, sleutel)
        naam = ([literal(None), literal(None), literal(None)] if controller
                else [m.Client.voornamen, m.Client.tussenvoegsel, m.Client.achternaam])
        q = (select(vz.id, m.Client.id, *naam, m.Team.naam, m.Product.naam, m.Aanbieder.naam, vz.startdatum,
                    vz.einddatum, per_vz.c.b)
             .select_from(per_vz)
             .join(vz, vz.id == per_vz.c.vid)
             .join(m.Client, m.Client.id == vz.client_id)
             .outerjoin(m.Team, m.Team.id == m.Client.team_id)
             .outerjoin(m.Product, m.Product.id == vz.product_id)
             .outerjoin(m.Aanbieder, m.Aanbieder.id == vz.aanbieder_id)
             .where(*conds)
             .order_by(per_vz.c.b.desc(), vz.id).limit(DRILL_LIMIET))
        rows = s.execute(q).all()
        p = m.Prestatie
        gedecl: dict[int, Decimal] = {}
        ids = [r[0] for r in rows]
        for i in range(0, len(ids), 500):
            for vid, g in s.execute(select(p.voorziening_id, func.sum(p.toegekend))
                                    .where(p.voorziening_id.in_(ids[i:i + 500]), p.goedgekeurd.is_(True),
                                           p.periode_van >= _d(van), p.periode_van <= _d(tot))
                                    .group_by(p.voorziening_id)).all():
                gedecl[int(vid or 0)] = euro(g)
        audit_lijst(s, actor, "financien", [r[1] for r in rows],
                    filter=f"zaken;{jaar};{dimensie}" + (f";maand={maand}" if maand else ""))
    return [FinZaak(i, cid, f"Cliëntnummer {cid}" if controller else volledige_naam(vn, tv, an), team or "-",
                    prod or "-", aanb, start, eind, euro(b), gedecl.get(i, Decimal(0)))
            for i, cid, vn, tv, an, team, prod, aanb, start, eind, b in rows]


# ---------------------------------------------------------------------------------------------------------
# Budgets


@dataclass(frozen=True)
class BudgetRegel:
    id: int
    jaar: int
    wet: str
    productcategorie: str
    categorie_naam: str
    bedrag: Decimal
    toelichting: str | None
    bron: str
    ingevoerd_door: str | None
    ingevoerd_op: dt.datetime


def budgetbedrag(waarde: Any) -> Decimal:
    """An amount as typed or as an Excel cell: 1250000, '1.250.000,00', '€ 1250000'. Zero is allowed."""
    if isinstance(waarde, bool) or waarde is None or (isinstance(waarde, str) and not waarde.strip()):
        raise ValidatieFout.veld("bedrag", "Vul het budget in.")
    if isinstance(waarde, (int, float, Decimal)):
        tekst = str(waarde)
    else:
        tekst = str(waarde).replace("€", "").replace(" ", "").replace("\u00a0", "").strip()
        if "," in tekst:
            tekst = tekst.replace(".", "").replace(",", ".")
    try:
        d = Decimal(tekst)
    except (InvalidOperation, ValueError) as exc:
        raise ValidatieFout.veld("bedrag", "Het budget is geen geldig bedrag.") from exc
    if not d.is_finite():
        raise ValidatieFout.veld("bedrag", "Het budget is geen geldig bedrag.")
    if d < 0:
        raise ValidatieFout.veld("bedrag", "Het budget mag niet negatief zijn.")
    if d >= Decimal("1e12"):
        raise ValidatieFout.veld("bedrag", "Het budget is onwaarschijnlijk groot.")
    if d != d.quantize(Decimal("0.01")):
        raise ValidatieFout.veld("bedrag", "Het budget mag hooguit twee cijfers achter de komma hebben.")
    return d.quantize(Decimal("0.01"))


def _budget_invoer(jaar: Any, wet: Any, productcategorie: Any, bedrag: Any, vandaag: dt.date,
                   prefix: str = "") -> tuple[int, str, str, Decimal]:
    f = v.Fouten()
    j: int | None = None
    try:
        j = int(str(jaar).strip())
        if not 2000 <= j <= 2100:
            raise ValueError
    except (TypeError, ValueError):
        f.add("jaar", f"{prefix}Het jaar is geen geldig jaartal.")
        j = None
    if j is not None and j < vandaag.year:
        f.add("jaar", f"{prefix}Het jaar {j} is afgesloten; een budget daarvoor kan niet meer worden gewijzigd.")
    w = str(wet or "").strip().lower()
    w = {"jeugd": "jeugdwet", "wmo 2015": "wmo"}.get(w, w)
    if w not in {x.value for x in Wet}:
        f.add("wet", f"{prefix}Kies de wet: Wmo of Jeugdwet.")
    cat = str(productcategorie or "").strip()
    if cat.isdigit() and len(cat) == 1:
        cat = "0" + cat
    if w in {x.value for x in Wet} and cat not in codelists.productcategorieen(Wet(w)):
        f.add("productcategorie", f"{prefix}Productcategorie '{cat}' bestaat niet voor de {Wet(w).label}.")
    b: Decimal | None = None
    try:
        b = budgetbedrag(bedrag)
    except ValidatieFout as exc:
        f.add("bedrag", prefix + exc.bericht)
    f.check()
    assert j is not None and b is not None
    return j, w, cat, b.quantize(Decimal("0.01"))


def stel_budget_vast(ctx: AppContext, actor: Actor, jaar: int, wet: str, productcategorie: str,
                     bedrag: Decimal | str, toelichting: str | None = None, *,
                     vandaag: dt.date | None = None) -> int:
    """Set the budget of a year, law and product category. The earlier amount stays in the history."""
    vereis_rol(actor, *LEZERS)
    j, w, cat, b = _budget_invoer(jaar, wet, productcategorie, bedrag, vandaag or dt.date.today())
    tekst = v.tekst(toelichting, "toelichting", "Toelichting", max_lengte=200)
    with transactie(ctx, actor) as s:
        rij = m.Budget(jaar=j, wet=w, productcategorie=cat, bedrag=b, toelichting=tekst, bron="invoer",
                       ingevoerd_door_id=actor.gebruiker_id)
        s.add(rij)
        s.flush()
        audit(s, actor, AuditActie.WIJZIGEN, "budget", rij.id, details=f"{j};{w};{cat}")
        return rij.id


def _budget_rijen(s: Session, q: Any) -> list[BudgetRegel]:
    uit = []
    for b, naam in s.execute(q).all():
        cat = codelists.productcategorieen(Wet(b.wet)).get(b.productcategorie, "") if b.wet in \
            {x.value for x in Wet} else ""
        uit.append(BudgetRegel(b.id, b.jaar, b.wet, b.productcategorie, cat, b.bedrag, b.toelichting, b.bron, naam,
                               b.ingevoerd_op))
    return uit


def budgetten(ctx: AppContext, actor: Actor, jaar: int) -> list[BudgetRegel]:
    """The budgets in force for a year, per law and product category."""
    vereis_rol(actor, *LEZERS)
    _controleer_jaar(jaar)
    b = m.Budget
    with transactie(ctx, actor) as s:
        nieuwste = select(func.max(b.id)).where(b.jaar == jaar).group_by(b.wet, b.productcategorie)
        q = (select(b, m.Gebruiker.naam).outerjoin(m.Gebruiker, m.Gebruiker.id == b.ingevoerd_door_id)
             .where(b.id.in_(nieuwste)).order_by(b.wet, b.productcategorie))
        return _budget_rijen(s, q)


def budget_historie(ctx: AppContext, actor: Actor, jaar: int, wet: str, productcategorie: str) -> list[BudgetRegel]:
    """Every amount a budget ever had, newest first (who, when, why)."""
    vereis_rol(actor, *LEZERS)
    b = m.Budget
    with transactie(ctx, actor) as s:
        q = (select(b, m.Gebruiker.naam).outerjoin(m.Gebruiker, m.Gebruiker.id == b.ingevoerd_door_id)
             .where(b.jaar == jaar, b.wet == wet, b.productcategorie == productcategorie).order_by(b.id.desc()))
        return _budget_rijen(s, q)


KOPPEN = {"jaar": "jaar", "wet": "wet", "productcategorie": "productcategorie", "categorie": "productcategorie",
          "productgroep": "productcategorie", "bedrag": "bedrag", "budget": "bedrag", "toelichting": "toelichting"}


def importeer_budgetten(ctx: AppContext, actor: Actor, pad: str, *, vandaag: dt.date | None = None) -> int:
    """Import budgets from an Excel sheet (columns Jaar, Wet, Productcategorie, Bedrag, optional Toelichting).

    All or nothing: one bad row and nothing is stored; the message names every bad row."""
    vereis_rol(actor, *LEZERS)
    from consulent_app.financien.budget_import import lees_budgetblad

    rijen = lees_budgetblad(pad, KOPPEN)
    vandaag = vandaag or dt.date.today()
    fouten: dict[str, str] = {}
    goed: list[tuple[int, str, str, Decimal, str | None]] = []
    for nr, rij in rijen:
        try:
            j, w, cat, b = _budget_invoer(rij.get("jaar"), rij.get("wet"), rij.get("productcategorie"),
                                          rij.get("bedrag"), vandaag, prefix=f"Rij {nr}: ")
        except ValidatieFout as exc:
            fouten[f"rij{nr}"] = exc.bericht
            continue
        tl = rij.get("toelichting")
        goed.append((j, w, cat, b, str(tl)[:200] if tl not in (None, "") else None))
    if fouten:
        raise ValidatieFout(dict(list(fouten.items())[:20]) | ({"meer": f"En nog {len(fouten) - 20} rijen."}
                                                              if len(fouten) > 20 else {}))
    if not goed:
        raise ValidatieFout.veld("bestand", "Het bestand bevat geen budgetregels.")
    with transactie(ctx, actor) as s:
        for j, w, cat, b, tl in goed:
            s.add(m.Budget(jaar=j, wet=w, productcategorie=cat, bedrag=b, toelichting=tl, bron="import",
                           ingevoerd_door_id=actor.gebruiker_id))
        audit(s, actor, AuditActie.AANMAKEN, "budget", None, details=f"import;n={len(goed)}")
    return len(goed)


# ---------------------------------------------------------------------------------------------------------
# Tariff history of the product catalogue


@dataclass(frozen=True)
class TariefRegel:
    geldig_van: dt.date
    geldig_tot: dt.date | None
    tarief: Decimal


def tarieven(ctx: AppContext, actor: Actor, product_id: int) -> list[TariefRegel]:
    """A product's tariffs with their validity, oldest first."""
    vereis_rol(actor, *TARIEF_BEHEER)
    with transactie(ctx, actor) as s:
        if s.get(m.Product, product_id) is None:
            raise NietGevonden(f"Product met nummer {product_id} bestaat niet.")
        rows = s.execute(select(m.ProductTarief.geldig_van, m.ProductTarief.geldig_tot, m.ProductTarief.tarief)
                         .where(m.ProductTarief.product_id == product_id).order_by(m.ProductTarief.geldig_van)).all()
    return [TariefRegel(*r) for r in rows]


def wijzig_tarief(ctx: AppContext, actor: Actor, product_id: int, geldig_van: dt.date, tarief: Decimal | str, *,
                  vandaag: dt.date | None = None) -> None:
    """A new tariff from `geldig_van` (typically 1 January). The tariff before it ends the day before; one that
    starts later stays and limits this one. The product's current tariff follows the history."""
    vereis_rol(actor, *TARIEF_BEHEER)
    bedrag = v.bedrag(tarief, "tarief", "Het tarief")
    if bedrag <= 0:
        raise ValidatieFout.veld("tarief", "Het tarief moet groter dan nul zijn.")
    vandaag = vandaag or dt.date.today()
    pt = m.ProductTarief
    with transactie(ctx, actor) as s:
        product = s.get(m.Product, product_id)
        if product is None:
            raise NietGevonden(f"Product met nummer {product_id} bestaat niet.")
        rijen = list(s.scalars(select(pt).where(pt.product_id == product_id).order_by(pt.geldig_van)))
        if not rijen:
            rijen = [pt(product_id=product_id, geldig_van=dt.date(2000, 1, 1), tarief=product.tarief)]
            s.add(rijen[0])
        zelfde = next((r for r in rijen if r.geldig_van == geldig_van), None)
        if zelfde is not None:
            zelfde.tarief = bedrag
            zelfde.ingevoerd_door_id = actor.gebruiker_id
        else:
            eerder = [r for r in rijen if r.geldig_van < geldig_van]
            later = [r for r in rijen if r.geldig_van > geldig_van]
            if eerder:
                eerder[-1].geldig_tot = geldig_van - dt.timedelta(days=1)
            s.add(pt(product_id=product_id, geldig_van=geldig_van, tarief=bedrag,
                     geldig_tot=later[0].geldig_van - dt.timedelta(days=1) if later else None,
                     ingevoerd_door_id=actor.gebruiker_id))
        s.flush()
        huidig = s.scalar(select(pt.tarief).where(pt.product_id == product_id, pt.geldig_van <= vandaag)
                          .order_by(pt.geldig_van.desc()).limit(1))
        if huidig is not None:
            product.tarief = huidig
        audit(s, actor, AuditActie.WIJZIGEN, "product_tarief", product_id, details=f"van={geldig_van.isoformat()}")


def tarief_op(s: Session, product_ids: list[int], dag: dt.date) -> dict[int, Decimal]:
    """Tariff in force on `dag` per product (history, else the product's tariff); not indexed."""
    pt = m.ProductTarief
    uit = {pid: t for pid, t in s.execute(select(m.Product.id, m.Product.tarief)
                                          .where(m.Product.id.in_(product_ids))).all()}
    q = (select(pt.product_id, pt.tarief).where(pt.product_id.in_(product_ids), pt.geldig_van <= dag,
                                                or_(pt.geldig_tot.is_(None), pt.geldig_tot >= dag)))
    uit.update({pid: t for pid, t in s.execute(q).all()})
    return uit



# ---------------------------------------------------------------------------------------------------------
# Signals


@dataclass(frozen=True)
class Signaal:
    soort: str  # boven_budget / boven_toewijzing / niet_gedeclareerd / beeindigd_gedeclareerd
    tekst: str  # Dutch, one line
    aantal: int
    bedrag: Decimal | None = None
    sleutel: str = ""  # what the drill-down needs (wet:categorie, aanbieder id)


SIGNAAL_SOORTEN = {
    "boven_budget": "Prognose boven budget",
    "boven_toewijzing": "Aanbieder declareert boven toewijzing",
    "niet_gedeclareerd": "Toewijzing nooit gedeclareerd",
    "beeindigd_gedeclareerd": "Declaraties op beëindigde toewijzing",
}


def signalen(ctx: AppContext, actor: Actor, jaar: int, filt: Filter | None = None, *,
             peildatum: dt.date | None = None, per_categorie: FinancienOverzicht | None = None) -> list[Signaal]:
    """What a team leader should look at: a prognosis over budget (configurable %), providers invoicing above
    their assignments (rejected for volume, TR321/TR322), assignments in kind without any invoice N months after
    their start (care not delivered?), and invoices for after an assignment ended (TR308 on ended care).
    `per_categorie`: the overview per product category of the same year and filter, if already at hand."""
    filt, teams = _start(actor, filt)
    # the screen passes the overview it just computed per product category (same year), so it is not summed twice
    ov = per_categorie if per_categorie is not None and per_categorie.dimensie == "productcategorie" and \
        per_categorie.jaar == jaar else overzicht(ctx, actor, jaar, "productcategorie", filt, peildatum=peildatum)
    fin = ctx.config.financien
    uit: list[Signaal] = []
    for r in ov.regels:
        if r.budget is not None and r.prognose.totaal > r.budget * (1 + Decimal(str(fin.prognose_boven_budget_procent))
                                                                    / 100):
            over = r.prognose.totaal - r.budget
            pct = (over / r.budget * 100) if r.budget else Decimal(100)
            uit.append(Signaal("boven_budget", f"{r.label}: prognose {_euro_tekst(r.prognose.totaal)} is "
                               f"{_euro_tekst(over)} ({pct:.0f} %) boven het budget van {_euro_tekst(r.budget)}.",
                               1, over, r.sleutel))
    peil = peildatum or dt.date.today()
    grens = peil - relativedelta(months=fin.niet_gedeclareerd_maanden)
    p, vz = m.Prestatie, m.Voorziening
    jan1, dec31 = dt.date(jaar, 1, 1), dt.date(jaar, 12, 31)
    with transactie(ctx, actor) as s:
        boven = s.execute(
            select(p.aanbieder_id, m.Aanbieder.naam, func.count(), func.sum(p.bedrag))
            .select_from(p).join(m.Aanbieder, m.Aanbieder.id == p.aanbieder_id)
            .where(p.goedgekeurd.is_(False), or_(p.retourcodes.like("%9321%"), p.retourcodes.like("%9322%")),
                   p.periode_van >= _d(jan1), p.periode_van <= _d(dec31), p.team_id.in_(teams))
            .group_by(p.aanbieder_id, m.Aanbieder.naam).order_by(func.count().desc())).all()
        for aid, naam, n, bedrag in boven:
            uit.append(Signaal("boven_toewijzing", f"{naam} declareerde {n} keer meer dan toegewezen "
                               f"({_euro_tekst(euro(bedrag))} afgekeurd).", int(n), euro(bedrag), str(aid)))
        zonder = s.execute(
            select(func.count(), func.sum(jaarkosten_sql(m.Product.tarief, vz.volume, vz.frequentie)))
            .select_from(vz).join(m.Client, m.Client.id == vz.client_id)
            .outerjoin(m.Product, m.Product.id == vz.product_id)
            .where(vz.status == VoorzieningStatus.ACTIEF.value, vz.leveringsvorm == Leveringsvorm.ZIN.value,
                   vz.startdatum <= _d(grens), or_(vz.einddatum.is_(None), vz.einddatum >= _d(peil)),
                   m.Client.team_id.in_(teams), ~exists(select(p.id).where(p.voorziening_id == vz.id)))).one()
        if zonder[0]:
            wat = "toewijzing in natura is" if zonder[0] == 1 else "toewijzingen in natura zijn"
            uit.append(Signaal("niet_gedeclareerd", f"{zonder[0]} {wat} {fin.niet_gedeclareerd_maanden}"
                               " maanden of langer na de start nooit gedeclareerd: is de zorg wel geleverd?",
                               int(zonder[0]), euro(zonder[1])))
        na_einde = s.execute(
            select(p.aanbieder_id, m.Aanbieder.naam, func.count(), func.sum(p.bedrag))
            .select_from(p).join(m.Aanbieder, m.Aanbieder.id == p.aanbieder_id)
            .join(vz, vz.id == p.voorziening_id)
            .where(p.goedgekeurd.is_(False), p.retourcodes.like("%9308%"), vz.beeindigd_op.is_not(None),
                   p.periode_van >= _d(jan1), p.periode_van <= _d(dec31), p.team_id.in_(teams))
            .group_by(p.aanbieder_id, m.Aanbieder.naam)).all()
        for aid, naam, n, bedrag in na_einde:
            uit.append(Signaal("beeindigd_gedeclareerd", f"{naam} declareerde {n} keer na het einde van de zorg "
                               f"({_euro_tekst(euro(bedrag))}).", int(n), euro(bedrag), str(aid)))
    return uit


def niet_gedeclareerd_zaken(ctx: AppContext, actor: Actor, filt: Filter | None = None, *,
                            peildatum: dt.date | None = None) -> list[FinZaak]:
    """Drill-down of the signal: active assignments in kind without any invoice N months after their start."""
    filt, teams = _start(actor, filt)
    peil = peildatum or dt.date.today()
    grens = peil - relativedelta(months=ctx.config.financien.niet_gedeclareerd_maanden)
    p, vz = m.Prestatie, m.Voorziening
    with transactie(ctx, actor) as s:
        q = (select(vz.id, m.Client.id, m.Client.voornamen, m.Client.tussenvoegsel, m.Client.achternaam, m.Team.naam,
                    m.Product.naam, m.Aanbieder.naam, vz.startdatum, vz.einddatum,
                    jaarkosten_sql(m.Product.tarief, vz.volume, vz.frequentie))
             .select_from(vz).join(m.Client, m.Client.id == vz.client_id)
             .outerjoin(m.Team, m.Team.id == m.Client.team_id)
             .outerjoin(m.Product, m.Product.id == vz.product_id)
             .outerjoin(m.Aanbieder, m.Aanbieder.id == vz.aanbieder_id)
             .where(vz.status == VoorzieningStatus.ACTIEF.value, vz.leveringsvorm == Leveringsvorm.ZIN.value,
                    vz.startdatum <= _d(grens), or_(vz.einddatum.is_(None), vz.einddatum >= _d(peil)),
                    m.Client.team_id.in_(teams), ~exists(select(p.id).where(p.voorziening_id == vz.id)))
             .order_by(vz.startdatum).limit(DRILL_LIMIET))
        if filt.wet:
            q = q.where(vz.wet == filt.wet)
        rows = s.execute(q).all()
        audit_lijst(s, actor, "financien", [r[1] for r in rows], filter="niet_gedeclareerd")
    return [FinZaak(i, cid, client_label(actor, cid, volledige_naam(vn, tv, an)), team or "-", prod or "-", aanb,
                    start, eind, euro(k), Decimal(0)) for i, cid, vn, tv, an, team, prod, aanb, start, eind, k in rows]


def _euro_tekst(x: Decimal) -> str:
    from consulent_app.formatting import bedrag

    return bedrag(x)
