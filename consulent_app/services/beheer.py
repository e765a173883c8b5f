"""Functional administration: user accounts and the audit log per client (AVG art. 15), never case content."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from consulent_app.db import auditketen
from consulent_app.db import models as m
from consulent_app.domain import AuditActie, Rol, Wet
from consulent_app.errors import NietGevonden, RegelFout, ValidatieFout
from consulent_app.rules import validatie as v
from consulent_app.services.auth import controleer_wachtwoord_sterkte, hash_wachtwoord
from consulent_app.services.base import (
    Actor,
    AppContext,
    audit,
    controleer_versie,
    haal,
    transactie,
    unique_violation,
    vereis_actief,
    vereis_rol,
)

# Roles that work inside one area team and therefore need one.
ROLLEN_MET_TEAM = (Rol.CONSULENT, Rol.PLANNER, Rol.TEAMLEIDER)

_GEBRUIKERSNAAM = re.compile(r"[a-z0-9][a-z0-9._-]{1,59}")

ACTIE_LABELS = {
    AuditActie.LEZEN.value: "Ingezien",
    AuditActie.AANMAKEN.value: "Aangemaakt",
    AuditActie.WIJZIGEN.value: "Gewijzigd",
    AuditActie.VERWIJDEREN.value: "Verwijderd",
    AuditActie.INLOGGEN.value: "Ingelogd",
    AuditActie.INLOGGEN_MISLUKT.value: "Inloggen mislukt",
    AuditActie.ACCOUNT_GEBLOKKEERD.value: "Account geblokkeerd",
    AuditActie.AFDRUKKEN.value: "Afgedrukt",
    AuditActie.VERZENDEN.value: "Verzonden",
    AuditActie.EXPORTEREN.value: "Geëxporteerd",
    AuditActie.ZOEKEN.value: "Gevonden bij zoeken",
    AuditActie.LIJST.value: "Getoond in een lijst",
}

ONDERWERP_LABELS = {
    # lists and searches (audit_lijst)
    "zoeken": "Zoeken naar cliënten",
    "mijn_werk": "Lijst Mijn werk",
    "werkvoorraad": "Werkvoorraad",
    "beschikkingen": "Lijst beschikkingen",
    "openstaande_plannen": "Lijst openstaande plannen",
    "po_overzicht": "PO-planning",
    "mijn_termijnen": "Lijst Mijn termijnen",
    "termijnen_team": "Termijnen van het team",
    "teruggestuurd": "Lijst teruggestuurde beschikkingen",
    "mijn_beschikkingen": "Lijst Mijn beschikkingen",
    "belasting": "Belasting",
    "vooruitblik": "Vooruitblik",
    "sturing": "Sturingsinformatie",
    "poortwachter": "Poortwachter",
    "verzendlijst": "Verzendlijst",
    "toewijzingslijst": "Toewijzingslijst",
    "pgb_lijst": "Pgb-lijst",
    "client": "Persoonsgegevens",
    "dossier": "Dossier",
    "relatie": "Relatie",
    "melding": "Melding",
    "onderzoek": "Onderzoek",
    "onderzoek_stap": "Stap van het onderzoek",
    "aanvraag": "Aanvraag",
    "voorziening": "Voorziening",
    "beschikking": "Beschikking",
    "document": "Document",
    "toetsing": "Toetsing",
    "periodiek_onderzoek": "Periodiek onderzoek",
    "auditlog": "Inzage in dit logboek",
    "gebruiker": "Gebruiker",
    "leefgebied_probleem": "Probleem op een leefgebied",
    "gewenst_resultaat": "Gewenst resultaat",
    "behoefte": "Behoefte (bruto-hulp)",
    "dekking": "Dekking van een behoefte",
    "beschikking_regel": "Besluit over een voorziening",
    "opschorting": "Opschorting van de termijn",
    "verdaging": "Verdaging van de beslistermijn",
    "documentenlijst": "Lijst van documenten",
    "termijn": "Termijn",
    "verzendbijlage": "Bijlage bij brieven (folder)",
    "aanbieder": "Aanbieder (contracten)",
}


@dataclass(frozen=True)
class GebruikerView:
    id: int
    versie: int
    gebruikersnaam: str
    naam: str
    rol: Rol
    rol_label: str
    team_id: int | None
    team: str | None
    bediende_teams: tuple[int, ...]
    contracturen: Decimal | None
    wet: Wet | None
    actief: bool
    geblokkeerd_tot: dt.datetime | None
    moet_wachtwoord_wijzigen: bool


@dataclass(frozen=True)
class GebruikerInvoer:
    gebruikersnaam: str
    naam: str
    rol: str
    team_id: int | None = None
    bediende_teams: tuple[int, ...] = ()
    contracturen: Decimal | None = None
    wet: str | None = None  # "wmo" / "jeugdwet" for a consultant of one law; None or "": both


@dataclass(frozen=True)
class ClientIdentificatie:
    """Enough to be sure the request is about the right person; nothing of the case itself."""

    client_id: int
    bsn: str
    naam: str
    geboortedatum: dt.date


@dataclass(frozen=True)
class AuditRegel:
    tijdstip: dt.datetime  # UTC, as stored
    gebruiker: str
    rol: str
    actie: str
    onderwerp: str
    details: str | None


def genereer_tijdelijk_wachtwoord(lengte: int = 14) -> str:
    """A random temporary password without look-alike characters (no 0/O, 1/l/I), easy to read out."""
    tekens = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(tekens) for _ in range(lengte))


def _view(g: m.Gebruiker) -> GebruikerView:
    rol = Rol(g.rol)
    return GebruikerView(
        id=g.id, versie=g.versie, gebruikersnaam=g.gebruikersnaam, naam=g.naam, rol=rol, rol_label=rol.label,
        team_id=g.team_id, team=g.team.naam if g.team else None,
        bediende_teams=tuple(sorted(t.id for t in g.bediende_teams)), contracturen=g.contracturen,
        wet=Wet(g.wet) if g.wet else None, actief=g.actief, geblokkeerd_tot=g.geblokkeerd_tot, moet_wachtwoord_wijzigen=g.moet_wachtwoord_wijzigen,
    )


def gebruikers(ctx: AppContext, actor: Actor, *, ook_inactief: bool = True) -> list[GebruikerView]:
    """All accounts, by name."""
    vereis_rol(actor, Rol.BEHEERDER)
    with transactie(ctx, actor) as s:
        q = select(m.Gebruiker).options(selectinload(m.Gebruiker.team), selectinload(m.Gebruiker.bediende_teams))
        if not ook_inactief:
            q = q.where(m.Gebruiker.actief)
        return [_view(g) for g in s.scalars(q.order_by(m.Gebruiker.naam, m.Gebruiker.id)).all()]


def _valideer(s: object, invoer: GebruikerInvoer) -> dict[str, object]:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    fouten = v.Fouten()
    out: dict[str, object] = {}
    naam_login = (invoer.gebruikersnaam or "").strip().lower()
    if not naam_login:
        fouten.add("gebruikersnaam", "Gebruikersnaam is verplicht.")
    elif not _GEBRUIKERSNAAM.fullmatch(naam_login):
        fouten.add("gebruikersnaam", "Gebruikersnaam: 2 tot 60 tekens, alleen kleine letters, cijfers, punt, "
                                     "streepje of liggend streepje, zonder spaties.")
    out["gebruikersnaam"] = naam_login
    try:
        out["naam"] = v.verplichte_tekst(invoer.naam, "naam", "Naam", max_lengte=120)
    except ValidatieFout as exc:
        fouten.add("naam", exc.bericht)
    rol: Rol | None = None
    try:
        rol = Rol(v.keuze(invoer.rol, Rol, "rol", "Rol"))
        out["rol"] = rol.value
    except ValidatieFout as exc:
        fouten.add("rol", exc.bericht)
    team_ids = set(s.scalars(select(m.Team.id)).all())
    if invoer.team_id is not None and invoer.team_id not in team_ids:
        fouten.add("team", "Dit gebiedsteam bestaat niet.")
    elif rol in ROLLEN_MET_TEAM and invoer.team_id is None:
        fouten.add("team", f"Een {rol.label.lower() if rol else ''} hoort bij een gebiedsteam: kies een team.")
    elif rol in (Rol.BEHEERDER, Rol.ADMINISTRATIEF) and invoer.team_id is not None:
        fouten.add("team", f"Een {rol.label.lower()} werkt voor de hele organisatie: laat het team leeg.")
    out["team_id"] = invoer.team_id
    bediend = set(invoer.bediende_teams)
    if bediend - team_ids:
        fouten.add("bediende_teams", "Een van de gekozen teams bestaat niet.")
    elif bediend and rol in (Rol.BEHEERDER, Rol.ADMINISTRATIEF):
        # Need to know: these roles see no dossiers, so serving a team would mean nothing.
        fouten.add("bediende_teams", f"Een {rol.label.lower()} bedient geen gebiedsteams.")
    elif rol is Rol.TOETSER and not bediend and invoer.team_id is None:
        fouten.add("bediende_teams", "Kies de gebiedsteams waarvoor deze toetser toetst.")
    elif rol is Rol.CONTROLLER and not bediend and invoer.team_id is None:
        fouten.add("bediende_teams", "Kies de gebiedsteams waarvan deze controller de financiën ziet.")
    out["bediende_teams"] = bediend
    if invoer.contracturen is None:
        out["contracturen"] = None
    else:
        try:
            uren = v.bedrag(invoer.contracturen, "contracturen", "Contracturen")
            if uren > 60:
                raise ValidatieFout.veld("contracturen", "Contracturen: meer dan 60 uur per week is niet mogelijk.")
            out["contracturen"] = uren
        except ValidatieFout as exc:
            fouten.add("contracturen", exc.bericht)
    out["wet"] = None
    if invoer.wet:
        try:
            out["wet"] = v.keuze(invoer.wet, Wet, "wet", "Wet")
        except ValidatieFout as exc:
            fouten.add("wet", exc.bericht)
    fouten.check()
    return out


def maak_gebruiker(ctx: AppContext, actor: Actor, invoer: GebruikerInvoer, *, tijdelijk_wachtwoord: str) -> int:
    """New account with a temporary password; the user must choose an own password at the first login."""
    vereis_rol(actor, Rol.BEHEERDER)
    controleer_wachtwoord_sterkte(ctx, tijdelijk_wachtwoord, "wachtwoord")
    wachtwoord_hash = hash_wachtwoord(tijdelijk_wachtwoord)
    bestaat = ValidatieFout.veld("gebruikersnaam", "Deze gebruikersnaam is al in gebruik; kies een andere.")
    try:
        with transactie(ctx, actor) as s:
            data = _valideer(s, invoer)
            if s.scalar(select(m.Gebruiker.id).where(m.Gebruiker.gebruikersnaam == data["gebruikersnaam"])):
                raise bestaat
            bediend = data.pop("bediende_teams")
            assert isinstance(bediend, set)
            g = m.Gebruiker(**data, wachtwoord_hash=wachtwoord_hash, moet_wachtwoord_wijzigen=True,
                            nevenuren=Decimal(0))
            g.bediende_teams = list(s.scalars(select(m.Team).where(m.Team.id.in_(bediend))).all())
            s.add(g)
            s.flush()
            audit(s, actor, AuditActie.AANMAKEN, "gebruiker", g.id, details=f"rol={g.rol}")
            return g.id
    except IntegrityError as exc:
        if unique_violation(exc, "gebruikersnaam"):
            raise bestaat from exc
        raise


def wijzig_gebruiker(ctx: AppContext, actor: Actor, gebruiker_id: int, invoer: GebruikerInvoer, *,
                     versie: int) -> int:
    """Change name, role or teams. The user name stays: it is in the audit trail of years of work."""
    vereis_rol(actor, Rol.BEHEERDER)
    with transactie(ctx, actor) as s:
        g = haal(s, m.Gebruiker, gebruiker_id, "Gebruiker")
        controleer_versie(g, versie)
        data = _valideer(s, GebruikerInvoer(
            gebruikersnaam=g.gebruikersnaam, naam=invoer.naam, rol=invoer.rol, team_id=invoer.team_id,
            bediende_teams=invoer.bediende_teams, contracturen=invoer.contracturen, wet=invoer.wet))
        if g.id == actor.gebruiker_id and data["rol"] != Rol.BEHEERDER.value:
            raise RegelFout("U kunt uw eigen rol van functioneel beheerder niet intrekken; laat een andere "
                            "beheerder dat doen.")
        gewijzigd = []
        for k in ("naam", "rol", "team_id", "contracturen", "wet"):
            if getattr(g, k) != data[k]:
                setattr(g, k, data[k])
                gewijzigd.append(k)
        bediend = data["bediende_teams"]
        assert isinstance(bediend, set)
        if {t.id for t in g.bediende_teams} != bediend:
            g.bediende_teams = list(s.scalars(select(m.Team).where(m.Team.id.in_(bediend))).all())
            gewijzigd.append("bediende_teams")
        if gewijzigd:
            audit(s, actor, AuditActie.WIJZIGEN, "gebruiker", g.id, details=",".join(gewijzigd))
        s.flush()
        return g.versie


def _actieve_beheerders(s: object) -> int:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    return s.scalar(select(func.count()).select_from(m.Gebruiker)
                    .where(m.Gebruiker.rol == Rol.BEHEERDER.value, m.Gebruiker.actief)) or 0


def deactiveer_gebruiker(ctx: AppContext, actor: Actor, gebruiker_id: int, *, versie: int | None = None) -> None:
    """Someone leaves: the account can no longer log in. It stays, because the audit log refers to it."""
    vereis_rol(actor, Rol.BEHEERDER)
    with transactie(ctx, actor) as s:
        g = haal(s, m.Gebruiker, gebruiker_id, "Gebruiker")
        controleer_versie(g, versie)
        if g.id == actor.gebruiker_id:
            raise RegelFout("U kunt uw eigen account niet uitschakelen.")
        if not g.actief:
            return
        if g.rol == Rol.BEHEERDER.value and _actieve_beheerders(s) <= 1:
            raise RegelFout("Dit is de laatste actieve functioneel beheerder; maak eerst een andere aan.")
        g.actief = False
        audit(s, actor, AuditActie.WIJZIGEN, "gebruiker", g.id, details="actief=nee")


def activeer_gebruiker(ctx: AppContext, actor: Actor, gebruiker_id: int, *, versie: int | None = None) -> None:
    vereis_rol(actor, Rol.BEHEERDER)
    with transactie(ctx, actor) as s:
        g = haal(s, m.Gebruiker, gebruiker_id, "Gebruiker")
        controleer_versie(g, versie)
        if g.actief:
            return
        g.actief = True
        audit(s, actor, AuditActie.WIJZIGEN, "gebruiker", g.id, details="actief=ja")


def deblokkeer_gebruiker(ctx: AppContext, actor: Actor, gebruiker_id: int) -> None:
    """Lift a lock-out after too many failed logins before the waiting time has passed."""
    vereis_rol(actor, Rol.BEHEERDER)
    with transactie(ctx, actor) as s:
        g = haal(s, m.Gebruiker, gebruiker_id, "Gebruiker")
        if g.geblokkeerd_tot is None and not g.mislukte_pogingen:
            return
        g.geblokkeerd_tot = None
        g.mislukte_pogingen = 0
        audit(s, actor, AuditActie.WIJZIGEN, "gebruiker", g.id, details="blokkade opgeheven")


def zoek_client_voor_inzage(ctx: AppContext, actor: Actor, bsn: str) -> ClientIdentificatie:
    """A citizen asks who looked at his file: find him by BSN (exact), to show the log. Recorded as well."""
    vereis_rol(actor, Rol.BEHEERDER)
    nummer = v.bsn(bsn)
    with transactie(ctx, actor) as s:
        c = s.scalar(select(m.Client).where(m.Client.bsn == nummer))
        if c is None:
            raise NietGevonden("Er is geen cliënt met dit BSN in deze database.")
        audit(s, actor, AuditActie.LEZEN, "auditlog", c.id, client_id=c.id, details="identificatie")
        naam = " ".join(p for p in (c.voornamen, c.tussenvoegsel, c.achternaam) if p)
        return ClientIdentificatie(c.id, c.bsn, naam, c.geboortedatum)


def auditlog_client(ctx: AppContext, actor: Actor, client_id: int, *, limiet: int = 5000) -> list[AuditRegel]:
    """Who saw or changed what in this client's file, newest first (AVG art. 15). Only codes, no content.

    Reading the log is itself written to the log, so the client also sees that the administrator looked.
    """
    vereis_rol(actor, Rol.BEHEERDER)
    with transactie(ctx, actor) as s:
        haal(s, m.Client, client_id, "Cliënt")
        rows = s.execute(
            select(m.AuditEvent, m.Gebruiker.naam, m.Gebruiker.rol)
            .outerjoin(m.Gebruiker, m.Gebruiker.id == m.AuditEvent.gebruiker_id)
            # Also the lists and searches the client was shown in (one event per load, ids in client_ids).
            .where(or_(m.AuditEvent.client_id == client_id,
                       m.AuditEvent.client_ids.contains(f",{int(client_id)},", autoescape=True)))
            .order_by(m.AuditEvent.tijdstip.desc(), m.AuditEvent.id.desc())
            .limit(limiet)
        ).all()
        regels = [
            AuditRegel(
                tijdstip=e.tijdstip, gebruiker=naam or "systeem", rol=Rol(rol).label if rol else "-",
                actie=ACTIE_LABELS.get(e.actie, e.actie),
                onderwerp=(ONDERWERP_LABELS.get(e.object_type, e.object_type.replace("_", " ").capitalize())
                           + (f" {e.object_id}" if e.object_id and e.object_type not in ("dossier", "client",
                                                                                         "auditlog") else "")),
                details=e.details,
            )
            for e, naam, rol in rows
        ]
        audit(s, actor, AuditActie.LEZEN, "auditlog", client_id, client_id=client_id)
        return regels


def controleer_auditlog(ctx: AppContext, actor: Actor) -> auditketen.KetenUitslag:
    """Walk the audit log's hash chain (SQLite) and say whether it is unchanged, for the beheerder's screen and
    `consulent-app audit controleer`. On PostgreSQL the database roles protect the log instead."""
    vereis_rol(actor, Rol.BEHEERDER)
    vereis_actief(ctx, actor)
    uitslag = auditketen.controleer(ctx.engine)
    with transactie(ctx, actor) as s:
        audit(s, actor, AuditActie.LEZEN, "auditlog", None,
              details="keten=" + ("nvt" if not uitslag.van_toepassing else "ok" if uitslag.in_orde
                                  else f"fout@{uitslag.eerste_fout}"))
    return uitslag


def lokale_tijd(utc: dt.datetime) -> dt.datetime:
    """Stored times are UTC; people read the clock on their wall."""
    return utc.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def auditlog_csv(regels: Sequence[AuditRegel]) -> str:
    """The log as a CSV text for the answer to the citizen (semicolons: opens in Dutch Excel)."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(["Datum en tijd", "Medewerker", "Rol", "Handeling", "Onderdeel", "Details"])
    for r in regels:
        w.writerow([lokale_tijd(r.tijdstip).strftime("%d-%m-%Y %H:%M:%S"), r.gebruiker, r.rol, r.actie,
                    r.onderwerp, r.details or ""])
    return buf.getvalue()
