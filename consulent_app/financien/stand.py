"""The Financiën summaries, kept up to date in the same transaction as every change they depend on.

Three tables (migration 0023_financien_stand) hold what the Financiën screen sums, so it reads a few thousand rows
instead of every provision per tariff period and half a million invoice lines:

* `fin_verplichting`: per provision and year its obligation per calendar month (rules/verplichting, computed by
  the same SQL as the reference sums in services/financien), with the keys of the screen (team, law, category,
  product, level, provider, zin/pgb);
* `fin_gedeclareerd`: approved invoice amounts per year and month of the product period and the same keys;
* `fin_ontvangst`: approved amounts per product month and day received, per team and law (the prognosis learns
  the lag of invoices from it).

`fin_stand` records the reference day (the PO rule and "what was known" depend on it), the indexation and the
years covered (last year, this year, next year).

Who keeps them up to date: one function, `werk_bij`, recomputes the rows of the provisions a transaction touched.
It runs just before every commit (a session hook), for every provision whose row, assignment stop (307), decision
sending date, client team or product tariff changed in that transaction; invoices are booked by
`boek_prestaties`, called by the one use case that stores invoice lines (services/declaraties.verwerk). Bulk
loads outside the use cases (the demo generator) end with `herbereken`, as does `consulent-app financien
herbereken`. When the day moves on, `actueel` moves the reference day and recomputes the provisions whose planned
PO passed or whose decision became known in between. No summary yet (a fresh database): nothing is maintained
and the screen computes from the raw tables until the first `actueel` / `herbereken`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Date,
    String,
    and_,
    case,
    cast,
    delete,
    event,
    extract,
    func,
    insert,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session

from consulent_app.db import models as m

log = logging.getLogger(__name__)

STAND_ID = 1
MAANDEN = [f"m{i}" for i in range(1, 13)]
_KEY = "fin_voorzieningen"
_KEY_PROD = "fin_producten"
_KEY_AANVRAAG = "fin_aanvragen"
_KEY_CLIENT = "fin_clienten"
_CHUNK = 500


def jaren_voor(peil: dt.date) -> tuple[int, int]:
    """The years the summaries cover: last year (what the prognosis learns from), this year and next year."""
    return peil.year - 1, peil.year + 1


def vingerafdruk(indexatie: Mapping[int, float]) -> str:
    return json.dumps({str(k): float(v) for k, v in sorted(indexatie.items())})


def _dialect(s: Session) -> str:
    return s.get_bind().dialect.name


def _stand(s: Session, *, schrijven: bool = False) -> m.FinStand | None:
    """The summary's header, locked against a concurrent rebuild (PostgreSQL; SQLite writes one at a time)."""
    q = select(m.FinStand).where(m.FinStand.id == STAND_ID)
    q = q.with_for_update(read=not schrijven)
    return s.scalars(q).first()


def _chunks(ids: Collection[int]) -> Iterable[list[int]]:
    lijst = sorted(ids)
    for i in range(0, len(lijst), _CHUNK):
        yield lijst[i:i + _CHUNK]


# --- obligations per provision -----------------------------------------------------------------------------------


def _voeg_verplichtingen_toe(s: Session, jaar: int, peil: dt.date, idx: Mapping[int, float],
                             ids: Collection[int] | None) -> None:
    """INSERT ... SELECT of the rows of `jaar` (all provisions, or only `ids`)."""
    from consulent_app.services import financien as fin
    from consulent_app.services.overzicht import Filter

    seg = fin.segmenten(s, None, Filter(), jaar, peil, "wet", idx, per_voorziening=True, voorziening_ids=ids)
    kols = []
    for mm in range(1, 13):
        van = dt.date(jaar, mm, 1)
        tot = (dt.date(jaar + 1, 1, 1) if mm == 12 else dt.date(jaar, mm + 1, 1)) - dt.timedelta(days=1)
        kols.append(func.sum(seg.c.dag * fin._overlap(s, seg, fin._d(van), fin._d(tot))).label(f"m{mm}"))
    per = select(seg.c.k.label("vid"), seg.c.lv.label("lv"), *kols).group_by(seg.c.k, seg.c.lv).subquery("per")
    vz = m.Voorziening
    q = (select(per.c.vid, literal(jaar), per.c.lv, func.coalesce(m.Client.team_id, 0), vz.wet, vz.productcategorie,
                func.coalesce(vz.product_id, 0), func.coalesce(m.Product.niveau, ""), func.coalesce(vz.aanbieder_id, 0),
                *[func.coalesce(per.c[k], 0) for k in MAANDEN])
         .select_from(per).join(vz, vz.id == per.c.vid).join(m.Client, m.Client.id == vz.client_id)
         .outerjoin(m.Product, m.Product.id == vz.product_id))
    s.execute(insert(m.FinVerplichting).from_select(["voorziening_id", "jaar", "lv", "team_id", "wet", "productcategorie",
                                      "product_id", "niveau", "aanbieder_id", *MAANDEN], q))


def werk_bij(s: Session, voorziening_ids: Collection[int]) -> int:
    """Recompute the obligation rows of these provisions for every year covered (the one maintaining function).
    Returns how many provisions were recomputed; 0 when there is no summary yet."""
    ids = {int(i) for i in voorziening_ids if i is not None}
    if not ids:
        return 0
    st = _stand(s)
    if st is None:
        return 0
    idx = {int(k): float(v) for k, v in json.loads(st.indexatie).items()}
    fv = m.FinVerplichting
    for deel in _chunks(ids):
        _totaal_bij(s, deel, -1)
        _instroom_bij(s, deel, -1)
        s.execute(delete(fv).where(fv.voorziening_id.in_(deel)))
        s.execute(delete(m.FinStart).where(m.FinStart.voorziening_id.in_(deel)))
        for jaar in range(st.jaar_van, st.jaar_tot + 1):
            _voeg_verplichtingen_toe(s, jaar, st.peildatum, idx, deel)
        _voeg_starts_toe(s, deel)
        _totaal_bij(s, deel, 1)
        _instroom_bij(s, deel, 1)
    return len(ids)


DIMENSIES = ("wet", "productcategorie", "product", "niveau", "aanbieder", "team")
TOT_SLEUTEL = ["jaar", "dimensie", "sleutel", "wet", "team_id", "lv"]


def _als_tekst(kolom: Any) -> Any:
    """An id column as the screen's key: '' for none (0)."""
    return case((kolom == 0, ""), else_=cast(kolom, String))


def _sleutel_sql(dimensie: str, wet: Any, cat: Any, product: Any, niveau: Any, aanbieder: Any, team: Any) -> Any:
    """The key of a grouping spelled as services/financien spells it ('wmo:01', '17', '' for none)."""
    return {"wet": lambda: wet, "productcategorie": lambda: wet + literal(":") + cat,
            "product": lambda: _als_tekst(product), "niveau": lambda: niveau,
            "aanbieder": lambda: _als_tekst(aanbieder), "team": lambda: _als_tekst(team)}[dimensie]()


def sleutel_van(dimensie: str, wet: str, cat: str, product: int, niveau: str, aanbieder: int, team: int) -> str:
    """`_sleutel_sql` in Python."""
    return {"wet": wet, "productcategorie": f"{wet}:{cat}", "product": str(product) if product else "",
            "niveau": niveau, "aanbieder": str(aanbieder) if aanbieder else "",
            "team": str(team) if team else ""}[dimensie]


def _ins(s: Session) -> Any:
    if _dialect(s) == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as ins
    else:
        from sqlalchemy.dialects.sqlite import insert as ins  # type: ignore[assignment]
    return ins


def _totaal_bij(s: Session, ids: list[int] | None, teken: int) -> None:
    """Add (1) or take off (-1) the rows of these provisions (None: all) to the totals of every grouping."""
    fv = m.FinVerplichting
    t: Any = m.FinVerplichtingTotaal.__table__
    stmt = _ins(s)(t)
    stmt = stmt.on_conflict_do_update(index_elements=[t.c[k] for k in TOT_SLEUTEL],
                                      set_={k: t.c[k] + stmt.excluded[k] for k in MAANDEN})
    for dim in DIMENSIES:
        sl = _sleutel_sql(dim, fv.wet, fv.productcategorie, fv.product_id, fv.niveau, fv.aanbieder_id, fv.team_id)
        kols = [fv.jaar, sl, fv.wet, fv.team_id, fv.lv]
        q = select(*kols, *[func.sum(getattr(fv, k)) for k in MAANDEN]).group_by(*kols)
        if ids is not None:
            q = q.where(fv.voorziening_id.in_(ids))
        rijen = [{"jaar": r[0], "dimensie": dim, "sleutel": r[1], "wet": r[2], "team_id": r[3], "lv": r[4]}
                 | {k: teken * float(v or 0) for k, v in zip(MAANDEN, r[5:], strict=True)}
                 for r in s.execute(q).all()]
        for i in range(0, len(rijen), 500):
            s.execute(stmt, rijen[i:i + 500])


INSTROOM_SLEUTEL = ["dimensie", "maand", "sleutel", "wet", "team_id"]


def _voeg_starts_toe(s: Session, ids: Collection[int] | None) -> None:
    """INSERT ... SELECT of the inflow rows (every counted provision, or only `ids`)."""
    from consulent_app.services import financien as fin

    vz = m.Voorziening
    q = (select(vz.id, _maand_begin(s, vz.startdatum), vz.wet, vz.productcategorie, func.coalesce(vz.product_id, 0),
                func.coalesce(m.Product.niveau, ""), func.coalesce(vz.aanbieder_id, 0),
                func.coalesce(m.Client.team_id, 0), func.coalesce(fin.jaarkosten_expr(), 0))
         .select_from(vz).join(m.Client, m.Client.id == vz.client_id)
         .outerjoin(m.Product, m.Product.id == vz.product_id)
         .where(vz.status.in_(fin.GETELD), vz.besluit != "afgewezen"))
    if ids is not None:
        q = q.where(vz.id.in_(sorted(ids)))
    s.execute(insert(m.FinStart).from_select(["voorziening_id", "maand", "wet", "productcategorie", "product_id",
                                               "niveau", "aanbieder_id", "team_id", "kosten"], q))


def _instroom_bij(s: Session, ids: list[int] | None, teken: int) -> None:
    """Add (1) or take off (-1) these provisions' starts (None: all) to the inflow of every grouping."""
    fs = m.FinStart
    t: Any = m.FinInstroom.__table__
    stmt = _ins(s)(t)
    stmt = stmt.on_conflict_do_update(index_elements=[t.c[k] for k in INSTROOM_SLEUTEL],
                                      set_={"aantal": t.c.aantal + stmt.excluded.aantal,
                                            "kosten": t.c.kosten + stmt.excluded.kosten})
    for dim in DIMENSIES:
        sl = _sleutel_sql(dim, fs.wet, fs.productcategorie, fs.product_id, fs.niveau, fs.aanbieder_id, fs.team_id)
        kols = [fs.maand, sl, fs.wet, fs.team_id]
        q = select(*kols, func.count(), func.sum(fs.kosten)).group_by(*kols)
        if ids is not None:
            q = q.where(fs.voorziening_id.in_(ids))
        rijen = [{"dimensie": dim, "maand": r[0], "sleutel": r[1], "wet": r[2], "team_id": r[3],
                  "aantal": teken * int(r[4]), "kosten": teken * float(r[5] or 0)} for r in s.execute(q).all()]
        for i in range(0, len(rijen), 500):
            s.execute(stmt, rijen[i:i + 500])


def _maand_begin(s: Session, kolom: Any) -> Any:
    if _dialect(s) == "postgresql":
        return cast(func.date_trunc("month", kolom), Date)
    return func.date(kolom, "start of month")


def _upsert(s: Session, model: Any, sleutel: list[str], rijen: list[dict[str, Any]]) -> None:
    if not rijen:
        return
    if _dialect(s) == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as ins
    else:
        from sqlalchemy.dialects.sqlite import insert as ins  # type: ignore[assignment]
    t = model.__table__
    stmt = ins(t)
    stmt = stmt.on_conflict_do_update(index_elements=[t.c[k] for k in sleutel],
                                      set_={"bedrag": t.c.bedrag + stmt.excluded.bedrag})
    s.execute(stmt, rijen)


GED_SLEUTEL = ["jaar", "maand", "dimensie", "sleutel", "wet", "team_id"]
ONTV_SLEUTEL = ["maand", "ontvangen_op", "team_id", "wet"]


def boek_prestaties(s: Session, rijen: Iterable[Mapping[str, Any]]) -> None:
    """Add approved invoice lines (the dicts services/declaraties stores) to the invoice summaries."""
    goed = [r for r in rijen if r.get("goedgekeurd") and r.get("toegekend")]
    if not goed or _stand(s) is None:
        return
    vids = {int(r["voorziening_id"]) for r in goed if r.get("voorziening_id") is not None}
    prod: dict[int, tuple[int, str]] = {}
    for deel in _chunks(vids):
        for vid, pid, niveau in s.execute(select(m.Voorziening.id, m.Voorziening.product_id, m.Product.niveau)
                                          .outerjoin(m.Product, m.Product.id == m.Voorziening.product_id)
                                          .where(m.Voorziening.id.in_(deel))).all():
            prod[int(vid)] = (int(pid or 0), niveau or "")
    ged: dict[tuple[Any, ...], float] = {}
    ontv: dict[tuple[Any, ...], float] = {}
    for r in goed:
        van: dt.date = r["periode_van"]
        pid, niveau = prod.get(int(r["voorziening_id"] or 0), (0, ""))
        team = int(r.get("team_id") or 0)
        b = float(r["toegekend"])
        for dim in DIMENSIES:
            sl = sleutel_van(dim, r["wet"], r["productcategorie"], pid, niveau, int(r.get("aanbieder_id") or 0), team)
            k = (van.year, van.month, dim, sl, r["wet"], team)
            ged[k] = ged.get(k, 0.0) + b
        if r.get("ontvangen_op") is not None:
            k2 = (van.replace(day=1), r["ontvangen_op"], team, r["wet"])
            ontv[k2] = ontv.get(k2, 0.0) + b
    _upsert(s, m.FinGedeclareerd, GED_SLEUTEL, [dict(zip(GED_SLEUTEL, k, strict=True)) | {"bedrag": b}
                                                for k, b in ged.items()])
    _upsert(s, m.FinOntvangst, ONTV_SLEUTEL, [dict(zip(ONTV_SLEUTEL, k, strict=True)) | {"bedrag": b}
                                              for k, b in ontv.items()])


def _vul_declaraties(s: Session) -> None:
    p, vz = m.Prestatie, m.Voorziening
    jaar, maand = extract("year", p.periode_van), extract("month", p.periode_van)
    team = func.coalesce(p.team_id, 0)
    for dim in DIMENSIES:
        sl = _sleutel_sql(dim, p.wet, p.productcategorie, func.coalesce(vz.product_id, 0),
                          func.coalesce(m.Product.niveau, ""), func.coalesce(p.aanbieder_id, 0), team)
        kols = [jaar, maand, literal(dim), sl, p.wet, team]
        q = (select(*kols, func.sum(p.toegekend)).select_from(p)
             .outerjoin(vz, vz.id == p.voorziening_id).outerjoin(m.Product, m.Product.id == vz.product_id)
             .where(p.goedgekeurd.is_(True), p.toegekend != 0).group_by(jaar, maand, sl, p.wet, team))
        s.execute(insert(m.FinGedeclareerd).from_select([*GED_SLEUTEL, "bedrag"], q))
    mb = _maand_begin(s, p.periode_van)
    kols2 = [mb, p.ontvangen_op, team, p.wet]
    q2 = (select(*kols2, func.sum(p.toegekend)).select_from(p)
          .where(p.goedgekeurd.is_(True), p.toegekend != 0, p.ontvangen_op.is_not(None)).group_by(*kols2))
    s.execute(insert(m.FinOntvangst).from_select([*ONTV_SLEUTEL, "bedrag"], q2))


# --- rebuild and moving the reference day ----------------------------------------------------------------------


def herbereken(s: Session, peil: dt.date, indexatie: Mapping[int, float]) -> None:
    """Throw the summaries away and compute them again from the raw tables, as known on `peil`."""
    st = _stand(s, schrijven=True)
    for model in (m.FinVerplichting, m.FinVerplichtingTotaal, m.FinGedeclareerd, m.FinOntvangst, m.FinStart,
                  m.FinInstroom):
        s.execute(delete(model))
    van, tot = jaren_voor(peil)
    if st is None:
        st = m.FinStand(id=STAND_ID, peildatum=peil, indexatie=vingerafdruk(indexatie), jaar_van=van, jaar_tot=tot)
        s.add(st)
    st.peildatum, st.indexatie, st.jaar_van, st.jaar_tot = peil, vingerafdruk(indexatie), van, tot
    st.bijgewerkt_op = m.utcnow()
    s.flush()
    idx = dict(indexatie)
    for jaar in range(van, tot + 1):
        _voeg_verplichtingen_toe(s, jaar, peil, idx, None)
    _totaal_bij(s, None, 1)
    _voeg_starts_toe(s, None)
    _instroom_bij(s, None, 1)
    _vul_declaraties(s)
    log.info("financiën-samenvatting herberekend voor %s (%s-%s)", peil.isoformat(), van, tot)


def actueel(s: Session, peil: dt.date, indexatie: Mapping[int, float]) -> None:
    """Bring the summaries to reference day `peil` (today): rebuilt when missing, when the configured indexation or
    the years covered changed; else only the provisions whose planned PO passed or whose decision became known
    since the last reference day are recomputed."""
    st = _stand(s, schrijven=True)
    if st is None or st.indexatie != vingerafdruk(indexatie) or (st.jaar_van, st.jaar_tot) != jaren_voor(peil) \
            or peil < st.peildatum:
        herbereken(s, peil, indexatie)
        return
    if peil == st.peildatum:
        return
    oud = st.peildatum
    vz = m.Voorziening
    bekend = func.coalesce(m.Beschikking.verzonden_op, vz.startdatum)
    ids = set(s.scalars(
        select(vz.id).outerjoin(m.Beschikking, m.Beschikking.aanvraag_id == vz.aanvraag_id)
        .where(or_(and_(vz.po_datum >= oud, vz.po_datum < peil), and_(bekend > oud, bekend <= peil)))).all())
    st.peildatum = peil
    st.bijgewerkt_op = m.utcnow()
    s.flush()
    werk_bij(s, ids)


def stand_voor(s: Session, peil: dt.date, indexatie: Mapping[int, float], jaar: int) -> m.FinStand | None:
    """The summary when it answers for reference day `peil`, year `jaar` (and the year before) and this indexation;
    None means: compute from the raw tables. Invoices received after `peil` would count in the summary but not
    as known on `peil`, so then too None."""
    st = s.get(m.FinStand, STAND_ID)
    if st is None or st.peildatum != peil or st.indexatie != vingerafdruk(indexatie):
        return None
    if not (st.jaar_van <= jaar - 1 and jaar <= st.jaar_tot):
        return None
    laatste = s.scalar(select(func.max(m.Declaratie.ontvangen_op)))
    if laatste is not None and laatste > peil:
        return None
    return st


# --- the session hook: which provisions did this transaction touch? -------------------------------------------


def _veranderd(obj: Any, *velden: str) -> bool:
    from sqlalchemy import inspect

    ins = inspect(obj)
    return any(ins.attrs[v].history.has_changes() for v in velden)


def _na_flush(s: Session, _ctx: Any) -> None:
    vz_ids: set[int] = s.info.setdefault(_KEY, set())
    for obj in (*s.new, *s.dirty, *s.deleted):
        if isinstance(obj, m.Voorziening):
            if obj.id is not None:
                vz_ids.add(obj.id)
        elif isinstance(obj, m.Toewijzing):
            if obj.voorziening_id is not None and (obj in s.new or obj in s.deleted or _veranderd(obj, "zorg_stop")):
                vz_ids.add(obj.voorziening_id)
        elif isinstance(obj, m.Beschikking):
            if obj in s.new or _veranderd(obj, "verzonden_op"):
                s.info.setdefault(_KEY_AANVRAAG, set()).add(obj.aanvraag_id)
        elif isinstance(obj, m.Client):
            if obj in s.dirty and _veranderd(obj, "team_id"):
                s.info.setdefault(_KEY_CLIENT, set()).add(obj.id)
        elif isinstance(obj, m.ProductTarief):
            s.info.setdefault(_KEY_PROD, set()).add(obj.product_id)
        elif isinstance(obj, m.Product) and obj in s.dirty and _veranderd(obj, "tarief", "niveau"):
            s.info.setdefault(_KEY_PROD, set()).add(obj.id)


def _voor_commit(s: Session) -> None:
    if s.new or s.dirty or s.deleted:
        s.flush()  # the commit would flush anyway; first, so this flush's changes are seen here too
    if not any(s.info.get(k) for k in (_KEY, _KEY_PROD, _KEY_AANVRAAG, _KEY_CLIENT)):
        return
    ids: set[int] = set(s.info.pop(_KEY, set()))
    vz = m.Voorziening
    for sleutel, kolom in ((_KEY_PROD, vz.product_id), (_KEY_AANVRAAG, vz.aanvraag_id), (_KEY_CLIENT, vz.client_id)):
        waarden = s.info.pop(sleutel, set())
        for deel in _chunks({w for w in waarden if w is not None}):
            ids |= set(s.scalars(select(vz.id).where(kolom.in_(deel))).all())
    if ids:
        werk_bij(s, ids)


def _na_rollback(s: Session) -> None:
    for k in (_KEY, _KEY_PROD, _KEY_AANVRAAG, _KEY_CLIENT):
        s.info.pop(k, None)


event.listen(Session, "after_flush", _na_flush)
event.listen(Session, "before_commit", _voor_commit)
event.listen(Session, "after_rollback", _na_rollback)


def som_maanden(rij: Any) -> list[Decimal]:
    """The twelve month columns of a summary row as amounts."""
    return [Decimal(str(getattr(rij, k) or 0)) for k in MAANDEN]
