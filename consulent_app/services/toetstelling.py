"""The review scores counted per month (table toetsscore_maand), so the toetsscores overview need not join every
score row of every review (issue 17: 886 ms at 44,000 clients for the last 12 months).

One function writes the counts: `tel`. It runs in the transaction of the score writes themselves: a hook on every
ORM flush (registered when the services package is imported, like the guard on sent decisions) turns new, changed
and deleted reviews and scores into +1/-1 per (month, team, law, criterion, score) and adds them with one upsert
per key, so concurrent reviews on PostgreSQL add up instead of overwriting each other. Bulk inserts that bypass
the ORM (the demo data) call `herbouw` afterwards; `consulent-app toetsscores-herbouwen` (use case
`herbouw_toetsscores`) rebuilds the table from the reviews, e.g. after a restore or a manual correction.

The month, team and law of a score are those of its review (Toetsing.tijdstip, UTC, as the overview's period
filter reads it) and of the request of the reviewed decision (Aanvraag.team_id, Aanvraag.wet); a review without
team is never counted in the overview and not here either. A request's team and law never change once it has a
decision; should that change one day, the rebuild brings the table back to the reviews.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from sqlalchemy import Date, cast, delete, event, func, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from consulent_app.db import models as m
from consulent_app.domain import AuditActie, Rol
from consulent_app.services.base import Actor, AppContext, audit, transactie, vereis_rol

#: (month, team id, law, criterion, score)
Sleutel = tuple[dt.date, int, str, int, str]


def maand_van(tijdstip: dt.datetime | dt.date) -> dt.date:
    return dt.date(tijdstip.year, tijdstip.month, 1)


def tel(conn: Connection, verschil: Counter[Sleutel]) -> None:
    """Add the differences to the counts (the only writer of toetsscore_maand, apart from the rebuild)."""
    rijen = [{"maand": k[0], "team_id": k[1], "wet": k[2], "criterium": k[3], "score": k[4], "aantal": n}
             for k, n in sorted(verschil.items()) if n]
    if not rijen:
        return
    t = m.ToetsscoreMaand
    # The dialect's own upsert, imported here: the PostgreSQL dialect costs a tenth of a second at start-up.
    ins: Any
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        ins = pg_insert(t)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        ins = sqlite_insert(t)
    conn.execute(ins.on_conflict_do_update(index_elements=["maand", "team_id", "wet", "criterium", "score"],
                                           set_={"aantal": t.aantal + ins.excluded.aantal}), rijen)
    conn.execute(delete(t).where(t.aantal == 0))


def _maand_sql(conn: Connection, kolom: Any) -> Any:
    if conn.dialect.name == "postgresql":
        return cast(func.date_trunc("month", kolom), Date)
    return func.date(kolom, "start of month")


def ruwe_telling(conn: Connection, toetsingen: set[int] | None = None) -> Counter[Sleutel]:
    """The counts straight from the reviews (what the table must hold); of some reviews only, when given."""
    maand = _maand_sql(conn, m.Toetsing.tijdstip)
    q = (select(maand, m.Aanvraag.team_id, m.Aanvraag.wet, m.ToetsingScore.criterium, m.ToetsingScore.score,
                func.count())
         .select_from(m.ToetsingScore)
         .join(m.Toetsing, m.Toetsing.id == m.ToetsingScore.toetsing_id)
         .join(m.Beschikking, m.Beschikking.id == m.Toetsing.beschikking_id)
         .join(m.Aanvraag, m.Aanvraag.id == m.Beschikking.aanvraag_id)
         .where(m.Aanvraag.team_id.is_not(None),
                *([m.Toetsing.id.in_(sorted(toetsingen))] if toetsingen is not None else []))
         .group_by(maand, m.Aanvraag.team_id, m.Aanvraag.wet, m.ToetsingScore.criterium, m.ToetsingScore.score))
    uit: Counter[Sleutel] = Counter()
    for mnd, team, wet, crit, score, n in conn.execute(q):
        mnd = mnd if isinstance(mnd, dt.date) else dt.date.fromisoformat(str(mnd)[:10])
        uit[(maand_van(mnd), int(team), str(wet), int(crit), str(score))] = int(n)
    return uit


def opgeslagen_telling(conn: Connection) -> Counter[Sleutel]:
    t = m.ToetsscoreMaand.__table__
    return Counter({(r.maand, r.team_id, r.wet, r.criterium, r.score): r.aantal
                    for r in conn.execute(select(t)) if r.aantal})


def herbouw(conn: Connection) -> int:
    """Count everything anew from the reviews; returns the number of rows written."""
    conn.execute(delete(m.ToetsscoreMaand))
    telling = ruwe_telling(conn)
    tel(conn, telling)
    return len(telling)


def herbouw_toetsscores(ctx: AppContext, actor: Actor | None) -> int:
    """Rebuild the monthly review counts from the reviews (functional administrator; `None` is the command line,
    `consulent-app toetsscores-herbouwen`, audited as a batch job). Returns the number of counts written."""
    if actor is not None:
        vereis_rol(actor, Rol.BEHEERDER)
    with transactie(ctx, actor) as s:
        n = herbouw(s.connection())
        audit(s, actor, AuditActie.WIJZIGEN, "toetsscore_maand", None, details=f"herbouwd: {n} rijen")
        return n


# --- the hook on every flush ---------------------------------------------------------------------------------
# Which reviews a flush touches is known from the session; what it changes is measured in the database itself:
# the counts of those reviews just before and just after the flush (deleted orphans, cascades, moved reviews and
# changed scores included), and the difference goes to `tel`.


def _geraakt(session: Session) -> set[int]:
    ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, m.Toetsing):
            if obj.id is not None:
                ids.add(obj.id)
        elif isinstance(obj, m.ToetsingScore):
            hist = inspect(obj).attrs.toetsing_id.history
            ids.update(i for i in (*hist.deleted, *hist.unchanged, *hist.added, obj.toetsing_id) if i is not None)
    return ids


def _telling_van(conn: Connection, ids: set[int]) -> Counter[Sleutel]:
    return ruwe_telling(conn, ids) if ids else Counter()


def _voor_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    ids = _geraakt(session)
    if ids or any(isinstance(o, m.Toetsing | m.ToetsingScore) for o in session.new):
        session.info["toetstelling_voor"] = (ids, _telling_van(session.connection(), ids))


def _na_flush(session: Session, _ctx: Any) -> None:
    voor_ids, voor = session.info.pop("toetstelling_voor", (None, None))
    if voor_ids is None:
        return
    ids = set(voor_ids)
    for obj in session.new:
        if isinstance(obj, m.Toetsing) and obj.id is not None:
            ids.add(obj.id)
        elif isinstance(obj, m.ToetsingScore) and obj.toetsing_id is not None:
            ids.add(obj.toetsing_id)
    na = _telling_van(session.connection(), ids)
    tel(session.connection(), Counter({k: na.get(k, 0) - voor.get(k, 0) for k in set(na) | set(voor)}))


def _na_rollback(session: Session, _vorige: Any) -> None:
    session.info.pop("toetstelling_voor", None)


for _naam, _fn in (("before_flush", _voor_flush), ("after_flush", _na_flush),
                   ("after_soft_rollback", _na_rollback)):
    if not event.contains(Session, _naam, _fn):
        event.listen(Session, _naam, _fn)
