"""PostgreSQL: the application's account cannot change the audit log (issue 15 point 4). The owner role migrates;
the application role (what the laptops use; every PostgreSQL test in this suite runs as it, see conftest.py) may
only add to and read audit_event and cannot switch its triggers off."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from consulent_app import cli
from consulent_app.config import load_defaults
from consulent_app.db import auditketen, rechten
from consulent_app.db.engine import make_engine
from consulent_app.errors import ConfiguratieFout
from consulent_app.services import dossiers
from consulent_app.services.base import AppContext
from tests.conftest import PG_APP, PG_EIGENAAR, als_rol
from tests.factories import maak_basis

pytestmark = pytest.mark.postgres


@pytest.fixture
def lege_db(pg_admin_url: str, pg_template: str) -> Iterator[str]:
    """An empty database owned by the owner role (pg_template made the two roles)."""
    naam = f"rol_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{naam}" OWNER {PG_EIGENAAR}'))
    try:
        yield pg_admin_url.rsplit("/", 1)[0] + f"/{naam}"
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))
        admin.dispose()


def test_the_application_role_adds_to_the_log_but_cannot_change_it(lege_db: str,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    eigenaar_url, app_url = als_rol(lege_db, PG_EIGENAAR), als_rol(lege_db, PG_APP)
    assert cli.main(["--database", eigenaar_url, "db", "upgrade", "--applicatierol", PG_APP]) == 0
    assert "het logboek alleen toevoegen en lezen" in capsys.readouterr().out

    ctx = AppContext(config=load_defaults().with_database(app_url), engine=make_engine(app_url))
    try:
        basis = maak_basis(ctx)  # the application works: users, clients, dossiers
        cid = basis.client("Rollen")
        dossiers.open_dossier(ctx, basis["consulent"], cid)
        with ctx.engine.connect() as c:
            assert c.execute(text("SELECT count(*) FROM audit_event WHERE client_id = :c"), {"c": cid}).scalar()
        uitslag = auditketen.controleer(ctx.engine)
        assert uitslag.in_orde and "alleen toevoegen en lezen" in uitslag.tekst()

        pogingen = {
            "UPDATE": "UPDATE audit_event SET gebruiker_id = NULL",
            "DELETE": "DELETE FROM audit_event",
            "TRUNCATE": "TRUNCATE audit_event",
            "DISABLE TRIGGER": "ALTER TABLE audit_event DISABLE TRIGGER ALL",
            "DROP TRIGGER": "DROP TRIGGER audit_event_geen_wijziging ON audit_event",
            "DROP TABLE": "DROP TABLE audit_event",
            "eigen tabel": "CREATE TABLE schaduw (id int)",
        }
        gelukt = []
        for naam, sql in pogingen.items():
            try:
                with ctx.engine.begin() as c:
                    c.execute(text(sql))
            except DBAPIError as exc:
                assert "permission denied" in str(exc) or "must be owner" in str(exc), (naam, str(exc))
            else:
                gelukt.append(naam)
        assert gelukt == [], f"the application's account could: {gelukt}"
    finally:
        ctx.engine.dispose()

    # The owner could: the check says so, so a laptop configured with the owner's account is noticed.
    eigenaar = make_engine(eigenaar_url)
    try:
        uitslag = auditketen.controleer(eigenaar)
        assert not uitslag.in_orde and "eigenaar van het logboek" in uitslag.tekst()
        # Even the owner is stopped by the triggers unless he switches them off first (migration 0007).
        with pytest.raises(DBAPIError, match="kan niet worden gewijzigd"), eigenaar.begin() as c:
            c.execute(text("UPDATE audit_event SET gebruiker_id = NULL"))
        assert cli.main(["--database", eigenaar_url, "audit", "controleer"]) == 1
    finally:
        eigenaar.dispose()


def test_grants_are_refused_to_a_role_that_owns_the_tables(lege_db: str) -> None:
    eigenaar = make_engine(als_rol(lege_db, PG_EIGENAAR))
    try:
        from consulent_app.db import migrate

        migrate.upgrade(eigenaar)
        with pytest.raises(ConfiguratieFout, match="eigenaar"):
            rechten.geef_applicatierechten(eigenaar, PG_EIGENAAR)
        with pytest.raises(ConfiguratieFout, match="bestaat niet"):
            rechten.geef_applicatierechten(eigenaar, "bestaat_niet")
    finally:
        eigenaar.dispose()


def test_the_suite_itself_runs_as_the_application_role(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    eng = make_engine(db_url)
    try:
        with eng.connect() as c:
            assert c.execute(text("SELECT current_user")).scalar() == PG_APP
            assert rechten.controleer_applicatieaccount(c) is None
    finally:
        eng.dispose()
