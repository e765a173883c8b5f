"""Foundation: schema, validation at the service layer, need-to-know, audit, optimistic locking."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from consulent_app.db import models as m
from consulent_app.db.engine import make_engine
from consulent_app.domain import Rol
from consulent_app.errors import ConflictFout, GeenToegang, ValidatieFout
from consulent_app.services import dossiers, meldingen
from consulent_app.services.base import AppContext, transactie
from consulent_app.services.dossiers import ClientInvoer
from tests.factories import Basis

VANDAAG = dt.date(2026, 11, 25)


def test_migrations_match_models(ctx: AppContext) -> None:
    """Every schema change is an Alembic migration: the migrated database equals the models."""
    with ctx.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), m.Base.metadata)
    assert diff == []


def _invoer(**kw: object) -> ClientInvoer:
    base = dict(bsn="999990019", voornamen="Truus", achternaam="Peeters", geboortedatum=dt.date(1941, 5, 2),
                postcode="6211AX", woonplaats="Maastricht")
    base.update(kw)
    return ClientInvoer(**base)  # type: ignore[arg-type]


def _aantal_clienten(ctx: AppContext) -> int:
    with transactie(ctx) as s:
        return s.scalar(select(func.count()).select_from(m.Client)) or 0


@pytest.mark.parametrize(
    ("kw", "veld", "woord"),
    [
        ({"bsn": "123456789"}, "bsn", "elfproef"),
        ({"bsn": ""}, "bsn", "verplicht"),
        ({"geboortedatum": VANDAAG + dt.timedelta(days=1)}, "geboortedatum", "toekomst"),
        ({"voornamen": "  "}, "voornamen", "verplicht"),
        ({"achternaam": ""}, "achternaam", "verplicht"),
        ({"postcode": "62111"}, "postcode", "1234 AB"),
        ({"achternaam": "Peet\x00ers"}, "achternaam", "stuurtekens"),
        ({"achternaam": "x" * 201}, "achternaam", "te lang"),
    ],
)
def test_bad_client_input_is_refused_at_the_field(basis: Basis, kw: dict[str, object], veld: str, woord: str) -> None:
    with pytest.raises(ValidatieFout) as exc:
        dossiers.registreer_client(basis.ctx, basis["consulent"], _invoer(**kw), vandaag=VANDAAG)
    assert veld in exc.value.fouten
    assert woord in exc.value.fouten[veld]
    assert _aantal_clienten(basis.ctx) == 0


def test_all_field_errors_come_at_once(basis: Basis) -> None:
    with pytest.raises(ValidatieFout) as exc:
        dossiers.registreer_client(basis.ctx, basis["consulent"], _invoer(bsn="1", achternaam="", geboortedatum=None),
                                   vandaag=VANDAAG)
    assert set(exc.value.fouten) == {"bsn", "achternaam", "geboortedatum"}


def test_one_client_one_dossier(basis: Basis) -> None:
    """A BSN belongs to one dossier, whatever the number of provisions."""
    dossiers.registreer_client(basis.ctx, basis["consulent"], _invoer(), vandaag=VANDAAG)
    with pytest.raises(ValidatieFout) as exc:
        dossiers.registreer_client(basis.ctx, basis["consulent"], _invoer(voornamen="Ander"), vandaag=VANDAAG)
    assert "al een dossier" in exc.value.fouten["bsn"]
    assert _aantal_clienten(basis.ctx) == 1


def test_dossier_shows_everything_and_audits_the_read(basis: Basis) -> None:
    cid = basis.client()
    dossiers.voeg_relatie_toe(basis.ctx, basis["consulent"], cid, soort="vertegenwoordiger", naam="Jo Janssen")
    mid = meldingen.registreer_melding(basis.ctx, basis["consulent"], client_id=cid, wet="wmo",
                                       datum=dt.date(2026, 11, 2), kanaal="cit", vraag="Hulp in huis", vandaag=VANDAAG)
    view = dossiers.open_dossier(basis.ctx, basis["consulent"], cid, vandaag=VANDAAG)
    assert view.naam == "Maria Janssen"
    assert [r.naam for r in view.relaties] == ["Jo Janssen"]
    assert [me.id for me in view.meldingen] == [mid]
    # Wmo 2015 art. 2.3.2 lid 1: 6 weeks after 2 Nov 2026 is Mon 14 Dec 2026.
    assert view.meldingen[0].onderzoekstermijn_einde == dt.date(2026, 12, 14)
    with transactie(basis.ctx) as s:
        acties = s.scalars(select(m.AuditEvent.actie).where(m.AuditEvent.client_id == cid)).all()
    assert "lezen" in acties and "aanmaken" in acties


def test_audit_never_stores_free_text(basis: Basis) -> None:
    cid = basis.client()
    meldingen.registreer_melding(basis.ctx, basis["consulent"], client_id=cid, wet="wmo", datum=VANDAAG,
                                 kanaal="cit", vraag="Geheime medische vraag", vandaag=VANDAAG)
    with transactie(basis.ctx) as s:
        details = " ".join(d or "" for d in s.scalars(select(m.AuditEvent.details)).all())
    assert "Geheime" not in details and "Janssen" not in details


def test_log_file_has_no_bsn_or_names(basis: Basis, caplog: pytest.LogCaptureFixture) -> None:
    from consulent_app.logging_setup import PersoonsgegevensFilter

    with caplog.at_level(logging.DEBUG):
        cid = basis.client("Kerckhoffs")
        dossiers.open_dossier(basis.ctx, basis["consulent"], cid, vandaag=VANDAAG)
    text = caplog.text
    assert "Kerckhoffs" not in text and "111222333" not in text
    rec = logging.LogRecord("x", logging.INFO, "f", 1, "bsn %s", ("111222333",), None)
    PersoonsgegevensFilter().filter(rec)
    assert "111222333" not in rec.getMessage()


def test_need_to_know_other_team_is_refused(basis: Basis) -> None:
    cid = basis.client(team="b", actor="consulent_b")
    with pytest.raises(GeenToegang):
        dossiers.open_dossier(basis.ctx, basis["consulent"], cid)
    assert dossiers.zoek_clienten(basis.ctx, basis["consulent"], "Janssen") == []
    assert dossiers.open_dossier(basis.ctx, basis["toetser"], cid).client_id == cid  # serves both teams


@pytest.mark.parametrize("rol", ["beheerder", "administratie"])
def test_roles_without_case_access_cannot_open_a_dossier(basis: Basis, rol: str) -> None:
    cid = basis.client()
    with pytest.raises(GeenToegang):
        dossiers.open_dossier(basis.ctx, basis[rol], cid)


def test_stale_version_gives_conflict_and_keeps_first_change(basis: Basis) -> None:
    cid = basis.client()
    versie = dossiers.open_dossier(basis.ctx, basis["consulent"], cid).versie
    dossiers.wijzig_client(basis.ctx, basis["consulent"], cid, _invoer(bsn="111222333", voornamen="Eerste"),
                           versie=versie, vandaag=VANDAAG)
    with pytest.raises(ConflictFout) as exc:
        dossiers.wijzig_client(basis.ctx, basis["consulent2"], cid, _invoer(bsn="111222333", voornamen="Tweede"),
                               versie=versie, vandaag=VANDAAG)
    assert "intussen gewijzigd" in str(exc.value)
    assert dossiers.open_dossier(basis.ctx, basis["consulent"], cid).voornamen == "Eerste"


@pytest.mark.postgres
def test_lost_update_on_postgresql_two_sessions(pg_url: str) -> None:
    """Two sessions load the same row; the second commit must fail, not overwrite (version column)."""
    from consulent_app.config import load_defaults
    from tests.factories import maak_basis

    ctx = AppContext(config=load_defaults().with_database(pg_url), engine=make_engine(pg_url))
    basis = maak_basis(ctx)
    cid = basis.client()
    s1 = ctx.session_factory()
    s2 = ctx.session_factory()
    c1 = s1.get(m.Client, cid)
    c2 = s2.get(m.Client, cid)
    assert c1 is not None and c2 is not None
    c1.voornamen = "Sessie een"
    s1.commit()
    c2.voornamen = "Sessie twee"
    from sqlalchemy.orm.exc import StaleDataError

    with pytest.raises(StaleDataError):
        s2.commit()
    s2.rollback()
    s1.close()
    s2.close()
    with transactie(ctx) as s:
        assert s.get(m.Client, cid).voornamen == "Sessie een"  # type: ignore[union-attr]
    ctx.engine.dispose()


def test_assigning_to_non_consultant_or_other_team_is_refused(basis: Basis) -> None:
    cid = basis.client()
    mid = meldingen.registreer_melding(basis.ctx, basis["planner"], client_id=cid, wet="wmo", datum=VANDAAG,
                                       kanaal="cit", vraag="Vraag", vandaag=VANDAAG)
    with pytest.raises(ValidatieFout):
        meldingen.wijs_melding_toe(basis.ctx, basis["planner"], mid, basis["consulent_b"].gebruiker_id)
    with pytest.raises(ValidatieFout):
        meldingen.wijs_melding_toe(basis.ctx, basis["planner"], mid, basis["toetser"].gebruiker_id)
    meldingen.wijs_melding_toe(basis.ctx, basis["planner"], mid, basis["consulent"].gebruiker_id)
    assert [w.id for w in meldingen.mijn_werk(basis.ctx, basis["consulent"])] == [mid]
    assert basis["consulent"].rol is Rol.CONSULENT


def test_database_from_newer_program_gives_clear_message(tmp_path: object, sqlite_url: str) -> None:
    from consulent_app import app
    from consulent_app.config import load_defaults
    from consulent_app.errors import DatabaseFout

    eng = make_engine(sqlite_url)
    with eng.begin() as c:
        c.exec_driver_sql("UPDATE alembic_version SET version_num='9999_toekomst'")
    eng.dispose()
    with pytest.raises(DatabaseFout) as exc:
        app.open_context(load_defaults().with_database(sqlite_url))
    assert "nieuwere versie" in str(exc.value)


def test_unreadable_database_file_gives_clear_message(tmp_path: object) -> None:
    from pathlib import Path

    from consulent_app import app
    from consulent_app.config import load_defaults
    from consulent_app.errors import DatabaseFout

    p = Path(str(tmp_path)) / "kapot.sqlite3"
    p.write_bytes(b"dit is geen database" * 100)
    with pytest.raises(DatabaseFout):
        app.open_context(load_defaults().with_database(f"sqlite:///{p}"))
