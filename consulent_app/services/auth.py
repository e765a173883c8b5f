"""Logging in, passwords and accounts: argon2 hashes, lock-out after repeated failures, forced change after reset."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from consulent_app.db import models as m
from consulent_app.domain import AuditActie, Rol
from consulent_app.errors import AuthenticatieFout, ValidatieFout
from consulent_app.services.base import Actor, AppContext, actor_voor, audit, haal, transactie, vereis_rol

_hasher = PasswordHasher()


@functools.cache
def _schijn_hash() -> str:
    return _hasher.hash("geen-echt-account")


def hash_wachtwoord(wachtwoord: str) -> str:
    return _hasher.hash(wachtwoord)


def _nu() -> dt.datetime:
    return m.utcnow()


def controleer_wachtwoord_sterkte(ctx: AppContext, wachtwoord: str, veld: str = "wachtwoord") -> None:
    minimum = ctx.config.beveiliging.wachtwoord_minimale_lengte
    if len(wachtwoord) < minimum:
        raise ValidatieFout.veld(veld, f"Een wachtwoord heeft minstens {minimum} tekens.")


def inloggen(ctx: AppContext, gebruikersnaam: str, wachtwoord: str) -> tuple[Actor, bool]:
    """Returns the actor and whether the password must be changed now."""
    fout = AuthenticatieFout("Onbekende gebruikersnaam of onjuist wachtwoord.")
    mislukt = False
    with transactie(ctx, None) as s:
        g = s.scalar(select(m.Gebruiker).where(m.Gebruiker.gebruikersnaam == gebruikersnaam.strip().lower()))
        if g is None or not g.actief:
            # Same work as for a real account, so the answer time does not tell which user names exist.
            with contextlib.suppress(VerificationError, InvalidHashError):
                _hasher.verify(_schijn_hash(), wachtwoord)
            raise fout
        nu = _nu()
        _weiger_als_geblokkeerd(g, nu)
        try:
            _hasher.verify(g.wachtwoord_hash, wachtwoord)
        except (VerificationError, InvalidHashError):
            # The failed attempt is counted and committed; the refusal is raised after the transaction.
            mislukt = True
            _tel_mislukte_poging(ctx, s, g, nu)
        else:
            _gelukt(s, g, wachtwoord)
            actor = actor_voor(s, g)
            moet_wijzigen = g.moet_wachtwoord_wijzigen
            audit(s, actor, AuditActie.INLOGGEN, "gebruiker", g.id)
    if mislukt:
        raise fout
    return actor, moet_wijzigen


def _weiger_als_geblokkeerd(g: m.Gebruiker, nu: dt.datetime) -> None:
    if g.geblokkeerd_tot and g.geblokkeerd_tot > nu:
        minuten = int((g.geblokkeerd_tot - nu).total_seconds() // 60) + 1
        raise AuthenticatieFout(
            f"Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen. Probeer het over {minuten} "
            f"{'minuut' if minuten == 1 else 'minuten'} opnieuw of vraag de functioneel beheerder om hulp."
        )


def _tel_mislukte_poging(ctx: AppContext, s: Session, g: m.Gebruiker, nu: dt.datetime) -> None:
    g.mislukte_pogingen += 1
    audit(s, None, AuditActie.INLOGGEN_MISLUKT, "gebruiker", g.id)
    if g.mislukte_pogingen >= ctx.config.beveiliging.max_mislukte_pogingen:
        g.geblokkeerd_tot = nu + dt.timedelta(minutes=ctx.config.beveiliging.blokkeer_minuten)
        g.mislukte_pogingen = 0
        audit(s, None, AuditActie.ACCOUNT_GEBLOKKEERD, "gebruiker", g.id)


def _gelukt(s: Session, g: m.Gebruiker, wachtwoord: str) -> None:
    g.mislukte_pogingen = 0
    g.geblokkeerd_tot = None
    if _hasher.check_needs_rehash(g.wachtwoord_hash):
        g.wachtwoord_hash = hash_wachtwoord(wachtwoord)


def controleer_ontgrendeling(ctx: AppContext, actor: Actor, wachtwoord: str) -> None:
    """Unlocking an idle-locked window needs the password of the same user, whose rights must still be those of
    the session. The user name is known here, so a wrong password is called just that; failures count towards
    the lock-out like at login."""
    mislukt = False
    with transactie(ctx, actor) as s:
        g = haal(s, m.Gebruiker, actor.gebruiker_id, "Gebruiker")
        nu = _nu()
        _weiger_als_geblokkeerd(g, nu)
        try:
            _hasher.verify(g.wachtwoord_hash, wachtwoord)
        except (VerificationError, InvalidHashError):
            mislukt = True
            _tel_mislukte_poging(ctx, s, g, nu)
        else:
            _gelukt(s, g, wachtwoord)
            audit(s, actor, AuditActie.INLOGGEN, "gebruiker", g.id, details="ontgrendeld")
    if mislukt:
        raise AuthenticatieFout("Onjuist wachtwoord. Probeer het opnieuw.")


_ONBEKEND_OIDC = ("Uw account bij de gemeente is in Consulent niet bekend of is uitgeschakeld. Vraag de "
                  "functioneel beheerder om hulp.")


def _oidc_gebruikersnaam(ctx: AppContext, claims: dict[str, object]) -> str:
    waarde = claims.get(ctx.config.oidc.claim)
    if not isinstance(waarde, str) or not waarde.strip():
        raise AuthenticatieFout(f"De identity provider stuurde geen '{ctx.config.oidc.claim}'; inloggen is "
                                "geweigerd. Vraag de functioneel beheerder om hulp.")
    return waarde.strip().lower()


def inloggen_oidc(ctx: AppContext, claims: dict[str, object]) -> Actor:
    """After a verified sign-in at the municipality's IdP (consulent_app.oidc.meld_aan): the Gebruiker whose user
    name is the configured claim. Unknown or switched-off users are refused; the login is in the audit log."""
    if not ctx.config.oidc.aan:
        raise AuthenticatieFout("Inloggen via de gemeente is niet ingesteld.")
    naam = _oidc_gebruikersnaam(ctx, claims)
    with transactie(ctx, None) as s:
        g = s.scalar(select(m.Gebruiker).where(m.Gebruiker.gebruikersnaam == naam))
        if g is None or not g.actief:
            if g is not None:
                audit(s, None, AuditActie.INLOGGEN_MISLUKT, "gebruiker", g.id, details="oidc;uitgeschakeld")
            mislukt = True
        else:
            mislukt = False
            actor = dataclasses.replace(actor_voor(s, g), aanmelding="oidc")
            audit(s, actor, AuditActie.INLOGGEN, "gebruiker", g.id, details="oidc")
    if mislukt:
        raise AuthenticatieFout(_ONBEKEND_OIDC)
    return actor


def controleer_ontgrendeling_oidc(ctx: AppContext, actor: Actor, claims: dict[str, object]) -> None:
    """Unlocking after a fresh sign-in at the IdP: it must be the same user, whose rights are still the
    session's."""
    with transactie(ctx, actor) as s:
        if _oidc_gebruikersnaam(ctx, claims) != actor.gebruikersnaam:
            raise AuthenticatieFout("U logde bij de gemeente in met een ander account dan waarmee Consulent is "
                                    "geopend. Log in als dezelfde medewerker, of sluit Consulent af.")
        audit(s, actor, AuditActie.INLOGGEN, "gebruiker", actor.gebruiker_id, details="ontgrendeld;oidc")


def wijzig_wachtwoord(ctx: AppContext, actor: Actor, oud: str, nieuw: str) -> None:
    controleer_wachtwoord_sterkte(ctx, nieuw, "nieuw")
    with transactie(ctx, actor) as s:
        g = haal(s, m.Gebruiker, actor.gebruiker_id, "Gebruiker")
        try:
            _hasher.verify(g.wachtwoord_hash, oud)
        except (VerificationError, InvalidHashError):
            raise ValidatieFout.veld("oud", "Het huidige wachtwoord klopt niet.") from None
        if oud == nieuw:
            raise ValidatieFout.veld("nieuw", "Kies een ander wachtwoord dan het huidige.")
        g.wachtwoord_hash = hash_wachtwoord(nieuw)
        g.moet_wachtwoord_wijzigen = False
        audit(s, actor, AuditActie.WIJZIGEN, "gebruiker", g.id, details="wachtwoord")


def reset_wachtwoord(ctx: AppContext, actor: Actor, gebruiker_id: int, tijdelijk: str) -> None:
    """Beheerder sets a temporary password; the user must change it at the next login."""
    vereis_rol(actor, Rol.BEHEERDER)
    controleer_wachtwoord_sterkte(ctx, tijdelijk)
    with transactie(ctx, actor) as s:
        g = haal(s, m.Gebruiker, gebruiker_id, "Gebruiker")
        g.wachtwoord_hash = hash_wachtwoord(tijdelijk)
        g.moet_wachtwoord_wijzigen = True
        g.mislukte_pogingen = 0
        g.geblokkeerd_tot = None
        audit(s, actor, AuditActie.WIJZIGEN, "gebruiker", g.id, details="wachtwoord-reset")
