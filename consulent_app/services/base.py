"""Plumbing every use case shares: the application context, the acting user, transactions, role checks, audit."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import Engine, Table, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from consulent_app.config import Config
from consulent_app.db import models as m
from consulent_app.db.engine import make_session_factory
from consulent_app.domain import AuditActie, Rol, Wet
from consulent_app.errors import ConflictFout, GeenToegang, NietGevonden, SessieIngetrokken, ValidatieFout

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass
class AppContext:
    """Everything a use case needs besides its arguments: configuration and the database."""

    config: Config
    engine: Engine
    session_factory: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.session_factory = make_session_factory(self.engine)


@dataclass(frozen=True)
class Actor:
    """The logged-in user on whose behalf a use case runs."""

    gebruiker_id: int
    gebruikersnaam: str
    naam: str
    rol: Rol
    team_id: int | None
    teams: frozenset[int]  # teams this user may see: own team plus the teams served
    wet: Wet | None = None  # the law this consultant works under (a new melding's default); None: both
    aanmelding: str = "wachtwoord"  # or "oidc": signed in at the municipality's IdP (unlocking goes there too)

    def heeft_rol(self, *rollen: Rol) -> bool:
        return self.rol in rollen


@contextmanager
def transactie(ctx: AppContext, actor: Actor | None = None) -> Iterator[Session]:
    """One unit of work: commit on success, roll back everything on any error (nothing half written).

    With an actor, the unit of work first checks that the user's current rights (active, role, teams) are still
    the ones of the session, inside the same transaction: a user switched off, moved or given another role since
    logging in is refused at once (SessieIngetrokken), not when the application is closed. `None` only for the
    login itself and for tools that act without a logged-in user."""
    session = ctx.session_factory()
    try:
        with session.begin():
            if actor is not None:
                controleer_sessie(session, actor)
            yield session
    except StaleDataError as exc:
        raise ConflictFout() from exc
    finally:
        session.close()


_INGETROKKEN = ("Uw account of uw rechten zijn gewijzigd sinds u inlogde (uitgeschakeld, ander team of andere "
                "rol). U wordt uitgelogd; log opnieuw in om verder te werken.")


def controleer_sessie(session: Session, actor: Actor) -> None:
    """One indexed query: the user's row with the teams it serves. Any difference with the session's actor (not
    active, another role, another own team, other teams served) ends the session."""
    rijen = session.execute(
        select(m.Gebruiker.actief, m.Gebruiker.rol, m.Gebruiker.team_id, m.gebruiker_team.c.team_id)
        .outerjoin(m.gebruiker_team, m.gebruiker_team.c.gebruiker_id == m.Gebruiker.id)
        .where(m.Gebruiker.id == actor.gebruiker_id)
    ).all()
    if not rijen or not rijen[0].actief or rijen[0].rol != actor.rol.value or rijen[0].team_id != actor.team_id:
        _ingetrokken(actor)
    teams = {r[3] for r in rijen if r[3] is not None}
    if rijen[0].team_id is not None:
        teams.add(rijen[0].team_id)
    if teams != actor.teams:
        _ingetrokken(actor)


#: Called (from whichever thread ran the use case) when a session's rights turn out to be gone; the desktop
#: client registers one that logs out. The core knows nothing of windows.
_bij_intrekking: list[Callable[[Actor], None]] = []


def bij_sessie_ingetrokken(fn: Callable[[Actor], None]) -> Callable[[], None]:
    """Register `fn(actor)`; returns a function that unregisters it."""
    _bij_intrekking.append(fn)
    return lambda: _bij_intrekking.remove(fn) if fn in _bij_intrekking else None


def _ingetrokken(actor: Actor) -> None:
    log.warning("sessie van gebruiker#%s ingetrokken: rechten gewijzigd sinds het inloggen", actor.gebruiker_id)
    for fn in list(_bij_intrekking):
        try:
            fn(actor)
        except Exception:  # noqa: BLE001 - a listener must never hide the refusal itself
            log.exception("fout in een luisteraar voor ingetrokken sessies")
    raise SessieIngetrokken(_INGETROKKEN)


def vereis_actief(ctx: AppContext, actor: Actor) -> None:
    """For a use case that reads no database (configuration, code lists): the same check, in its own small
    transaction."""
    with transactie(ctx, actor):
        pass


def vereis_rol(actor: Actor, *rollen: Rol) -> None:
    if actor.rol not in rollen:
        namen = ", ".join(r.label.lower() for r in rollen)
        raise GeenToegang(f"Dit mag alleen een {namen}; u bent ingelogd als {actor.rol.label.lower()}.")


def vereis_team(actor: Actor, team_id: int | None) -> None:
    """Need to know: a dossier is visible to the teams that serve its area."""
    if actor.rol is Rol.BEHEERDER:
        raise GeenToegang("Een functioneel beheerder heeft geen toegang tot de inhoud van dossiers.")
    if team_id is None or team_id in actor.teams:
        return
    raise GeenToegang("Dit dossier hoort bij een ander gebiedsteam; u heeft er geen toegang toe.")


def controleer_versie(obj: m.Versioned, verwacht: int | None) -> None:
    """The UI passes the version it showed; a different one means someone else saved in between."""
    if verwacht is not None and obj.versie != verwacht:
        raise ConflictFout()


def neem_schrijfslot(session: Session, model: type[m.Base], ident: int) -> None:
    """Writers of one row take turns from here to the commit, so what this transaction reads next is current.
    PostgreSQL: the caller's `with_for_update` row lock. SQLite has no row locks, and its driver starts the
    transaction only at the first write: rows read before it may be changed by another writer before this one
    writes (a spurious ConflictFout on the version). A no-op UPDATE of the row takes the database's write lock now
    (waiting for the other writer, busy_timeout), before anything is read (issue 13: 20 writers, 0 conflicts)."""
    if session.get_bind().dialect.name == "sqlite":
        tabel: Table = model.__table__  # type: ignore[assignment]
        session.execute(update(tabel).where(tabel.c.id == ident).values(id=tabel.c.id))


def haal(session: Session, model: type[T], ident: int, wat: str) -> T:
    obj = session.get(model, ident)
    if obj is None:
        raise NietGevonden(f"{wat} met nummer {ident} bestaat niet (meer).")
    return obj


def audit(
    session: Session,
    actor: Actor | None,
    actie: AuditActie,
    object_type: str,
    object_id: int | None,
    *,
    client_id: int | None = None,
    details: str | None = None,
) -> None:
    """Record who saw or changed what. `details` holds field names or codes, never free text or names."""
    session.add(
        m.AuditEvent(
            gebruiker_id=actor.gebruiker_id if actor else None,
            actie=actie.value,
            object_type=object_type,
            object_id=object_id,
            client_id=client_id,
            details=(details or None) and details[:500],
        )
    )
    log.info("audit %s %s#%s door gebruiker#%s", actie.value, object_type, object_id,
             actor.gebruiker_id if actor else "-")


def audit_lijst(
    session: Session,
    actor: Actor,
    lijst: str,
    client_ids: Iterable[int | None],
    *,
    filter: str | None = None,
    actie: AuditActie = AuditActie.LIJST,
) -> None:
    """One compact event per list load or search: who, which list (`lijst`), which filter (codes, dates, ids;
    never a typed search term) and which clients were shown (ids), so each of them finds it in his AVG art. 15
    overview (beheer.auditlog_client)."""
    ids = sorted({c for c in client_ids if c is not None})
    tekst = f"{filter};n={len(ids)}" if filter else f"n={len(ids)}"
    session.add(
        m.AuditEvent(
            gebruiker_id=actor.gebruiker_id,
            actie=actie.value,
            object_type=lijst[:40],
            object_id=None,
            client_id=ids[0] if len(ids) == 1 else None,
            details=tekst[:500],
            client_ids=("," + ",".join(map(str, ids)) + ",") if ids else None,
        )
    )
    log.info("audit %s %s (%d cliënten) door gebruiker#%s", actie.value, lijst, len(ids), actor.gebruiker_id)


def client_ids_van(rijen: Iterable[object]) -> list[int]:
    """The `client_id` of each row of a list (rows without one are skipped)."""
    return [c for r in rijen if isinstance(c := getattr(r, "client_id", None), int)]


def actor_voor(session: Session, gebruiker: m.Gebruiker) -> Actor:
    teams = {t.id for t in gebruiker.bediende_teams}
    if gebruiker.team_id is not None:
        teams.add(gebruiker.team_id)
    return Actor(
        gebruiker_id=gebruiker.id,
        gebruikersnaam=gebruiker.gebruikersnaam,
        naam=gebruiker.naam,
        rol=Rol(gebruiker.rol),
        team_id=gebruiker.team_id,
        teams=frozenset(teams),
        wet=Wet(gebruiker.wet) if gebruiker.wet else None,
    )


def actor_by_username(ctx: AppContext, gebruikersnaam: str) -> Actor:
    """For command-line tools and tests: act as a known user without a password."""
    with transactie(ctx, None) as s:
        g = s.scalar(select(m.Gebruiker).where(m.Gebruiker.gebruikersnaam == gebruikersnaam))
        if g is None:
            raise NietGevonden(f"Gebruiker {gebruikersnaam} bestaat niet.")
        return actor_voor(s, g)


def controleer_consulent(s: Session, consulent_id: int, team_id: int | None, wat: str = "zaken") -> m.Gebruiker:
    """Work may only go to an active consultant of the client's area team (meldingen, requests, POs alike)."""
    g = s.get(m.Gebruiker, consulent_id)
    if g is None or not g.actief:
        raise ValidatieFout.veld("consulent", "Deze medewerker bestaat niet of is niet actief.")
    if g.rol != Rol.CONSULENT.value:
        raise ValidatieFout.veld("consulent", f"{g.naam} is geen consulent; alleen consulenten kunnen {wat} "
                                 "in behandeling nemen.")
    if team_id is not None and g.team_id != team_id:
        raise ValidatieFout.veld("consulent", f"{g.naam} werkt niet in het gebiedsteam van deze cliënt.")
    return g


def unique_violation(exc: IntegrityError, *needles: str) -> bool:
    text = str(exc.orig).lower()
    return any(n in text for n in needles)


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    buf: list[T] = []
    for it in items:
        buf.append(it)
        if len(buf) == size:
            yield buf
            buf = []
    if buf:
        yield buf
