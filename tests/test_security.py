"""Accounts and the audit log: argon2, minimum length, lock-out, forced change, AVG art. 15 inzage, immutability."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import DBAPIError

from consulent_app.config import Beveiliging
from consulent_app.db import models as m
from consulent_app.domain import Rol
from consulent_app.errors import (
    AuthenticatieFout,
    ConflictFout,
    GeenToegang,
    NietGevonden,
    RegelFout,
    ValidatieFout,
)
from consulent_app.services import auth, beheer, dossiers, meldingen
from consulent_app.services.base import AppContext, transactie
from tests.factories import USERS, WACHTWOORD, Basis

VANDAAG = dt.date(2026, 11, 25)


def _met_beveiliging(ctx: AppContext, **kw: int) -> AppContext:
    """The same database with other [beveiliging] settings, as a municipality would configure them."""
    cfg = dataclasses.replace(ctx.config, beveiliging=dataclasses.replace(Beveiliging(), **kw))
    return AppContext(config=cfg, engine=ctx.engine)


def _gebruiker(ctx: AppContext, naam: str) -> m.Gebruiker:
    with transactie(ctx) as s:
        g = s.scalar(select(m.Gebruiker).where(m.Gebruiker.gebruikersnaam == naam))
        assert g is not None
        return g


def _acties(ctx: AppContext, gebruiker_id: int) -> list[str]:
    with transactie(ctx) as s:
        return list(s.scalars(select(m.AuditEvent.actie).where(m.AuditEvent.object_type == "gebruiker",
                                                               m.AuditEvent.object_id == gebruiker_id)
                              .order_by(m.AuditEvent.id)).all())


# --- passwords -------------------------------------------------------------------------------------------------


def test_passwords_are_stored_as_argon2id_hashes_only(basis: Basis) -> None:
    gid = beheer.maak_gebruiker(basis.ctx, basis["beheerder"],
                                beheer.GebruikerInvoer("nieuwe.collega", "Nieuwe Collega", "consulent",
                                                       team_id=basis.team_a),
                                tijdelijk_wachtwoord="Tijdelijk-Geheim-42")
    with transactie(basis.ctx) as s:
        g = s.get(m.Gebruiker, gid)
        assert g is not None
        assert g.wachtwoord_hash.startswith("$argon2id$")
        assert "Tijdelijk-Geheim-42" not in g.wachtwoord_hash
    actor, moet_wijzigen = auth.inloggen(basis.ctx, "Nieuwe.Collega ", "Tijdelijk-Geheim-42")
    assert actor.gebruiker_id == gid and actor.rol is Rol.CONSULENT
    assert moet_wijzigen, "a new account starts with a temporary password that must be changed"


def test_minimum_password_length_is_enforced_and_configurable(basis: Basis) -> None:
    with pytest.raises(ValidatieFout) as exc:
        auth.wijzig_wachtwoord(basis.ctx, basis["consulent"], WACHTWOORD, "kort-9tkn")
    assert "minstens 10 tekens" in exc.value.fouten["nieuw"]
    with pytest.raises(ValidatieFout) as exc:
        auth.reset_wachtwoord(basis.ctx, basis["beheerder"], basis["consulent"].gebruiker_id, "123456789")
    assert "wachtwoord" in exc.value.fouten

    streng = _met_beveiliging(basis.ctx, wachtwoord_minimale_lengte=16)
    with pytest.raises(ValidatieFout) as exc:
        auth.wijzig_wachtwoord(streng, basis["consulent"], WACHTWOORD, "vijftien-tekens")
    assert "minstens 16 tekens" in exc.value.fouten["nieuw"]
    auth.wijzig_wachtwoord(streng, basis["consulent"], WACHTWOORD, "zestien--tekens!")
    auth.inloggen(streng, "consulent", "zestien--tekens!")


def test_unknown_user_and_wrong_password_get_the_same_answer(basis: Basis) -> None:
    with pytest.raises(AuthenticatieFout) as onbekend:
        auth.inloggen(basis.ctx, "bestaat-niet", "wat-dan-ook-123")
    with pytest.raises(AuthenticatieFout) as fout:
        auth.inloggen(basis.ctx, "consulent", "verkeerd-wachtwoord")
    assert str(onbekend.value) == str(fout.value)


# --- lock-out --------------------------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_account_logged_and_lifted_after_the_configured_period(
    basis: Basis, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = _met_beveiliging(basis.ctx, max_mislukte_pogingen=5, blokkeer_minuten=30)
    gid = basis["consulent"].gebruiker_id
    for _ in range(5):
        with pytest.raises(AuthenticatieFout):
            auth.inloggen(ctx, "consulent", "verkeerd-wachtwoord")
    with pytest.raises(AuthenticatieFout) as exc:
        auth.inloggen(ctx, "consulent", WACHTWOORD)  # the right password does not help while locked
    assert "tijdelijk geblokkeerd" in str(exc.value)
    assert _acties(ctx, gid) == ["inloggen_mislukt"] * 5 + ["account_geblokkeerd"]

    start = m.utcnow()
    monkeypatch.setattr(auth, "_nu", lambda: start + dt.timedelta(minutes=29))
    with pytest.raises(AuthenticatieFout) as exc:
        auth.inloggen(ctx, "consulent", WACHTWOORD)
    assert "over 2 minuten" in str(exc.value) or "over 1 minuut " in str(exc.value)

    monkeypatch.setattr(auth, "_nu", lambda: start + dt.timedelta(minutes=31))
    actor, _ = auth.inloggen(ctx, "consulent", WACHTWOORD)
    assert actor.gebruiker_id == gid
    assert _acties(ctx, gid)[-1] == "inloggen"


def test_a_successful_login_resets_the_failure_count(basis: Basis) -> None:
    for _ in range(4):
        with pytest.raises(AuthenticatieFout):
            auth.inloggen(basis.ctx, "consulent", "verkeerd-wachtwoord")
    auth.inloggen(basis.ctx, "consulent", WACHTWOORD)
    for _ in range(4):
        with pytest.raises(AuthenticatieFout):
            auth.inloggen(basis.ctx, "consulent", "verkeerd-wachtwoord")
    auth.inloggen(basis.ctx, "consulent", WACHTWOORD)  # 4 + 4 failures, never 5 in a row: not locked


def test_beheerder_can_lift_a_lock_out(basis: Basis) -> None:
    for _ in range(5):
        with pytest.raises(AuthenticatieFout):
            auth.inloggen(basis.ctx, "consulent", "verkeerd-wachtwoord")
    beheer.deblokkeer_gebruiker(basis.ctx, basis["beheerder"], basis["consulent"].gebruiker_id)
    auth.inloggen(basis.ctx, "consulent", WACHTWOORD)


# --- reset and forced change -----------------------------------------------------------------------------------


def test_reset_by_beheerder_forces_a_change_at_next_login(basis: Basis) -> None:
    gid = basis["consulent"].gebruiker_id
    for _ in range(5):
        with pytest.raises(AuthenticatieFout):
            auth.inloggen(basis.ctx, "consulent", "verkeerd-wachtwoord")
    tijdelijk = beheer.genereer_tijdelijk_wachtwoord()
    assert len(tijdelijk) >= 10 and not re.search(r"[0O1lI]", tijdelijk)
    auth.reset_wachtwoord(basis.ctx, basis["beheerder"], gid, tijdelijk)
    with pytest.raises(AuthenticatieFout):
        auth.inloggen(basis.ctx, "consulent", WACHTWOORD)  # the old password is gone
    actor, moet_wijzigen = auth.inloggen(basis.ctx, "consulent", tijdelijk)  # and the lock-out is lifted
    assert moet_wijzigen

    with pytest.raises(ValidatieFout) as exc:
        auth.wijzig_wachtwoord(basis.ctx, actor, "niet-het-oude", "een-eigen-wachtwoord")
    assert "oud" in exc.value.fouten
    with pytest.raises(ValidatieFout) as exc:
        auth.wijzig_wachtwoord(basis.ctx, actor, tijdelijk, tijdelijk)
    assert "nieuw" in exc.value.fouten
    auth.wijzig_wachtwoord(basis.ctx, actor, tijdelijk, "een-eigen-wachtwoord")
    _, moet_wijzigen = auth.inloggen(basis.ctx, "consulent", "een-eigen-wachtwoord")
    assert not moet_wijzigen
    assert "wachtwoord-reset" in {d for (d,) in _details(basis.ctx, gid)}


def _details(ctx: AppContext, gid: int) -> list[tuple[str | None]]:
    with transactie(ctx) as s:
        return [tuple(r) for r in s.execute(select(m.AuditEvent.details).where(  # type: ignore[misc]
            m.AuditEvent.object_type == "gebruiker", m.AuditEvent.object_id == gid)).all()]


@pytest.mark.parametrize("rol", ["consulent", "toetser", "planner", "teamleider", "administratie"])
def test_only_a_beheerder_resets_passwords_or_manages_accounts(basis: Basis, rol: str) -> None:
    doel = basis["consulent2"].gebruiker_id
    with pytest.raises(GeenToegang):
        auth.reset_wachtwoord(basis.ctx, basis[rol], doel, "een-tijdelijk-wachtwoord")
    with pytest.raises(GeenToegang):
        beheer.deactiveer_gebruiker(basis.ctx, basis[rol], doel)
    with pytest.raises(GeenToegang):
        beheer.gebruikers(basis.ctx, basis[rol])
    auth.inloggen(basis.ctx, "consulent2", WACHTWOORD)  # untouched


def test_unlocking_the_idle_lock_needs_the_users_own_password(basis: Basis) -> None:
    with pytest.raises(AuthenticatieFout):
        auth.controleer_ontgrendeling(basis.ctx, basis["consulent"], "verkeerd-wachtwoord")
    with pytest.raises(AuthenticatieFout):
        auth.controleer_ontgrendeling(basis.ctx, basis["consulent"], "")
    auth.controleer_ontgrendeling(basis.ctx, basis["consulent"], WACHTWOORD)


# --- accounts --------------------------------------------------------------------------------------------------


def test_deactivated_account_cannot_log_in_and_stays_in_the_list(basis: Basis) -> None:
    gid = basis["consulent2"].gebruiker_id
    beheer.deactiveer_gebruiker(basis.ctx, basis["beheerder"], gid)
    with pytest.raises(AuthenticatieFout):
        auth.inloggen(basis.ctx, "consulent2", WACHTWOORD)
    lijst = {g.gebruikersnaam: g for g in beheer.gebruikers(basis.ctx, basis["beheerder"])}
    assert not lijst["consulent2"].actief
    assert "consulent2" not in {g.gebruikersnaam for g in beheer.gebruikers(basis.ctx, basis["beheerder"],
                                                                          ook_inactief=False)}
    beheer.activeer_gebruiker(basis.ctx, basis["beheerder"], gid)
    auth.inloggen(basis.ctx, "consulent2", WACHTWOORD)


def test_beheerder_cannot_lock_himself_out(basis: Basis) -> None:
    eigen = basis["beheerder"].gebruiker_id
    with pytest.raises(RegelFout):
        beheer.deactiveer_gebruiker(basis.ctx, basis["beheerder"], eigen)
    g = _gebruiker(basis.ctx, "beheerder")
    with pytest.raises(RegelFout):
        beheer.wijzig_gebruiker(basis.ctx, basis["beheerder"], eigen,
                                beheer.GebruikerInvoer("beheerder", "Beheerder", "consulent", team_id=basis.team_a),
                                versie=g.versie)


@pytest.mark.parametrize(
    ("invoer", "veld"),
    [
        (dict(gebruikersnaam="met spatie", naam="X", rol="consulent", team_id="a"), "gebruikersnaam"),
        (dict(gebruikersnaam="consulent", naam="Dubbel", rol="consulent", team_id="a"), "gebruikersnaam"),
        (dict(gebruikersnaam="nieuw", naam="", rol="consulent", team_id="a"), "naam"),
        (dict(gebruikersnaam="nieuw", naam="X", rol="hacker", team_id="a"), "rol"),
        (dict(gebruikersnaam="nieuw", naam="X", rol="consulent", team_id=None), "team"),
        (dict(gebruikersnaam="nieuw", naam="X", rol="beheerder", team_id="a"), "team"),
        (dict(gebruikersnaam="nieuw", naam="X", rol="toetser", team_id=None), "bediende_teams"),
    ],
)
def test_new_account_input_is_checked_per_field(basis: Basis, invoer: dict[str, object], veld: str) -> None:
    kw = dict(invoer)
    kw["team_id"] = basis.team_a if kw["team_id"] == "a" else None
    with pytest.raises(ValidatieFout) as exc:
        beheer.maak_gebruiker(basis.ctx, basis["beheerder"], beheer.GebruikerInvoer(**kw),  # type: ignore[arg-type]
                              tijdelijk_wachtwoord="lang-genoeg-wachtwoord")
    assert veld in exc.value.fouten
    assert len(beheer.gebruikers(basis.ctx, basis["beheerder"])) == len(USERS)  # nothing added


def test_changing_an_account_with_a_stale_version_is_a_conflict(basis: Basis) -> None:
    g = _gebruiker(basis.ctx, "toetser")
    invoer = beheer.GebruikerInvoer("toetser", "Toetser Een", "toetser", bediende_teams=(basis.team_a,))
    nieuwe_versie = beheer.wijzig_gebruiker(basis.ctx, basis["beheerder"], g.id, invoer, versie=g.versie)
    assert nieuwe_versie == g.versie + 1
    with pytest.raises(ConflictFout):
        beheer.wijzig_gebruiker(basis.ctx, basis["beheerder"], g.id, invoer, versie=g.versie)
    view = {x.gebruikersnaam: x for x in beheer.gebruikers(basis.ctx, basis["beheerder"])}["toetser"]
    assert view.naam == "Toetser Een" and view.bediende_teams == (basis.team_a,)


# --- audit log per client (AVG art. 15) ------------------------------------------------------------------------


def test_beheerder_sees_who_looked_when_but_no_case_content(basis: Basis) -> None:
    """AVG art. 15: the client may know who consulted his data. The beheerder answers that, blind to content."""
    cid = basis.client("Kerckhoffs")
    meldingen.registreer_melding(basis.ctx, basis["consulent"], client_id=cid, wet="wmo", datum=VANDAAG,
                                 kanaal="cit", vraag="Geheime medische vraag", vandaag=VANDAAG)
    dossiers.open_dossier(basis.ctx, basis["consulent"], cid, vandaag=VANDAAG)
    dossiers.open_dossier(basis.ctx, basis["toetser"], cid, vandaag=VANDAAG)
    andere = basis.client("Anders")
    dossiers.open_dossier(basis.ctx, basis["consulent"], andere, vandaag=VANDAAG)

    ident = beheer.zoek_client_voor_inzage(basis.ctx, basis["beheerder"], "111 222 333")
    assert ident.client_id == cid
    regels = beheer.auditlog_client(basis.ctx, basis["beheerder"], cid)
    ingezien = [(r.gebruiker, r.rol) for r in regels if r.actie == "Ingezien" and r.onderwerp == "Dossier"]
    assert ingezien == [("Toetser", "Toetser"), ("Consulent", "Consulent")]  # newest first
    assert {r.actie for r in regels} >= {"Aangemaakt", "Ingezien"}
    alle_tekst = " ".join(f"{r.gebruiker} {r.rol} {r.actie} {r.onderwerp} {r.details}" for r in regels)
    assert "Geheime" not in alle_tekst and "Kerckhoffs" not in alle_tekst
    # Client and melding created, two reads, the beheerder's look-up; the other client's read is not here.
    assert len(regels) == 5

    # Reading the log is itself logged: the client also learns that the beheerder looked.
    opnieuw = beheer.auditlog_client(basis.ctx, basis["beheerder"], cid)
    assert opnieuw[0].onderwerp == "Inzage in dit logboek" and opnieuw[0].gebruiker == "Beheerder"
    csv = beheer.auditlog_csv(opnieuw)
    assert csv.splitlines()[0].startswith("Datum en tijd;Medewerker")
    assert "Toetser;Toetser;Ingezien;Dossier" in csv

    with pytest.raises(GeenToegang):
        dossiers.open_dossier(basis.ctx, basis["beheerder"], cid)


@pytest.mark.parametrize("rol", ["consulent", "toetser", "planner", "teamleider", "administratie"])
def test_the_audit_log_is_for_the_beheerder_only(basis: Basis, rol: str) -> None:
    cid = basis.client()
    with pytest.raises(GeenToegang):
        beheer.auditlog_client(basis.ctx, basis[rol], cid)
    with pytest.raises(GeenToegang):
        beheer.zoek_client_voor_inzage(basis.ctx, basis[rol], "111222333")


def test_looking_up_a_client_for_inzage_checks_the_bsn(basis: Basis) -> None:
    with pytest.raises(ValidatieFout) as exc:
        beheer.zoek_client_voor_inzage(basis.ctx, basis["beheerder"], "123456789")
    assert "elfproef" in exc.value.fouten["bsn"]
    with pytest.raises(NietGevonden):
        beheer.zoek_client_voor_inzage(basis.ctx, basis["beheerder"], "999990019")


def test_the_audit_log_cannot_be_changed_or_deleted(basis: Basis) -> None:
    cid = basis.client()
    dossiers.open_dossier(basis.ctx, basis["consulent"], cid)
    with transactie(basis.ctx) as s:
        voor = s.execute(select(m.AuditEvent.id, m.AuditEvent.actie, m.AuditEvent.gebruiker_id)
                         .order_by(m.AuditEvent.id)).all()
    for poging in (update(m.AuditEvent).values(gebruiker_id=None), update(m.AuditEvent).values(actie="lezen"),
                   delete(m.AuditEvent), delete(m.AuditEvent).where(m.AuditEvent.client_id == cid)):
        with pytest.raises(DBAPIError) as exc, transactie(basis.ctx) as s:
            s.execute(poging)
        # SQLite: the trigger refuses. PostgreSQL: the application's role has no right to it at all (two-role
        # set-up), and the trigger would refuse an owner too.
        tekst = str(exc.value)
        assert "kan niet worden gewijzigd of verwijderd" in tekst or "permission denied for table audit_event" in tekst
    with transactie(basis.ctx) as s:
        na = s.execute(select(m.AuditEvent.id, m.AuditEvent.actie, m.AuditEvent.gebruiker_id)
                       .order_by(m.AuditEvent.id)).all()
        assert na == voor
        # Adding still works: the log grows, it never shrinks.
        assert (s.scalar(select(func.count()).select_from(m.AuditEvent)) or 0) == len(voor)
    dossiers.open_dossier(basis.ctx, basis["consulent"], cid)


def test_no_code_in_the_application_changes_or_deletes_audit_events() -> None:
    root = Path(__file__).resolve().parent.parent
    verdacht = re.compile(r"(update|delete)\(\s*(m\.|models\.)?AuditEvent|AuditEvent\)\.(update|delete)")
    treffers = [
        f"{p.relative_to(root)}:{i}"
        for map_ in ("consulent_app", "ui")
        for p in (root / map_).rglob("*.py")
        if "migrations" not in p.parts
        for i, regel in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if verdacht.search(regel)
    ]
    assert treffers == []


def test_log_filter_removes_bsn_and_email() -> None:
    from consulent_app.logging_setup import PersoonsgegevensFilter

    rec = logging.LogRecord("x", logging.INFO, "f", 1, "mail %s over %s", ("j.janssen@example.nl", "111222333"),
                            None)
    PersoonsgegevensFilter().filter(rec)
    assert rec.getMessage() == "mail [e-mail] over [bsn]"


def test_unknown_user_costs_a_hash_check_too(basis: Basis, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user-name enumeration by timing: an unknown or switched-off account also runs one argon2 check."""
    echte = auth._hasher
    controles: list[str] = []

    class Teller:
        def verify(self, h: str, w: str) -> bool:
            controles.append(w)
            return echte.verify(h, w)

        def __getattr__(self, naam: str) -> object:
            return getattr(echte, naam)

    monkeypatch.setattr(auth, "_hasher", Teller())
    for naam in ("bestaat-niet", "consulent"):
        with pytest.raises(AuthenticatieFout):
            auth.inloggen(basis.ctx, naam, "verkeerd-wachtwoord")
    assert controles == ["verkeerd-wachtwoord", "verkeerd-wachtwoord"]


# --- every read of case content is in the log ------------------------------------------------------------------

LEESACTIES = {
    "dossiers.open_dossier": lambda b, z: dossiers.open_dossier(b.ctx, b["consulent"], z.client_id),
    "onderzoek.haal_onderzoek": lambda b, z: _svc("onderzoek").haal_onderzoek(b.ctx, b["consulent"], z.onderzoek_id),
    "beschikkingen.haal_beschikking": lambda b, z: _svc("beschikkingen").haal_beschikking(
        b.ctx, b["consulent"], z.beschikking_id),
    "documenten.verslag_pdf": lambda b, z: _svc("documenten").verslag_pdf(b.ctx, b["consulent"], z.onderzoek_id),
    "documenten.beschikking_pdf": lambda b, z: _svc("documenten").beschikking_pdf(
        b.ctx, b["consulent"], z.beschikking_id),
    "toetsing.toets_dossier": lambda b, z: _svc("toetsing").toets_dossier(b.ctx, b["toetser"], z.beschikking_id),
}


def _svc(naam: str) -> Any:
    return pytest.importorskip(f"consulent_app.services.{naam}")


@pytest.mark.parametrize("actie", sorted(LEESACTIES))
def test_every_read_of_case_content_is_in_the_audit_log(basis: Basis, actie: str) -> None:
    """AVG art. 15 only works if the log is complete: each of these reads adds a 'lezen' row for the client."""
    factories_zaak = pytest.importorskip("tests.factories_zaak")
    zaak = factories_zaak.maak_zaak(basis)

    def lezingen() -> int:
        with transactie(basis.ctx) as s:
            return s.scalar(select(func.count()).select_from(m.AuditEvent).where(
                m.AuditEvent.client_id == zaak.client_id, m.AuditEvent.actie == "lezen")) or 0

    voor = lezingen()
    LEESACTIES[actie](basis, zaak)
    assert lezingen() > voor, f"{actie} showed case content without writing it to the audit log"
