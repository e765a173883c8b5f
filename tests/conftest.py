"""Test fixtures: every service test runs on SQLite and on a real PostgreSQL server started for the session."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from consulent_app.config import load_defaults  # noqa: E402
from consulent_app.db import migrate, rechten  # noqa: E402
from consulent_app.db.engine import make_engine  # noqa: E402
from consulent_app.services.base import AppContext  # noqa: E402
from tests import pgserver  # noqa: E402
from tests.factories import Basis, maak_basis  # noqa: E402

VANDAAG = dt.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the developer's real config or data folder."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CONSULENT_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("CONSULENT_DATA_DIR", str(base / "data"))


def _pg_wanted() -> bool:
    return os.environ.get("CONSULENT_TEST_PG", "1") != "0"


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """URL of the session's PostgreSQL server (maintenance DB). CI must have it; locally it may be skipped."""
    if os.environ.get("CONSULENT_TEST_PG_URL"):
        yield os.environ["CONSULENT_TEST_PG_URL"]
        return
    if not _pg_wanted():
        pytest.skip("PostgreSQL-tests uitgeschakeld (CONSULENT_TEST_PG=0)")
    if pgserver.find_bin() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL ontbreekt op de CI-machine: scripts/install-test-deps.sh is niet gedraaid")
        pytest.skip("PostgreSQL-serverprogramma's niet gevonden")
    server = pgserver.PgServer()
    url = server.start()
    try:
        yield url
    finally:
        server.stop()


# The two-role set-up of docs/beveiliging.md: the owner migrates, the tests (like the application) work as a role
# that owns nothing and may only add to and read the audit log.
PG_EIGENAAR = "consulent_eigenaar"
PG_APP = "consulent_app"


def als_rol(url: str, rol: str) -> str:
    return make_url(url).set(username=rol).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_template(pg_admin_url: str) -> str:
    """A database migrated once to head by the owner role, with the application role's grants; each test copies
    it (CREATE DATABASE ... TEMPLATE), which is fast."""
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text("DROP DATABASE IF EXISTS consulent_template"))
        for rol in (PG_EIGENAAR, PG_APP):
            if c.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": rol}).scalar() is None:
                c.execute(text(f"CREATE ROLE {rol} LOGIN"))
        c.execute(text(f"CREATE DATABASE consulent_template OWNER {PG_EIGENAAR}"))
    admin.dispose()
    url = pg_admin_url.rsplit("/", 1)[0] + "/consulent_template"
    eng = make_engine(als_rol(url, PG_EIGENAAR))
    migrate.upgrade(eng)
    rechten.geef_applicatierechten(eng, PG_APP)
    eng.dispose()
    return url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "template.sqlite3"
    eng = make_engine(f"sqlite:///{path}")
    migrate.upgrade(eng)
    with eng.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    eng.dispose()
    return path


def _new_pg_db(pg_admin_url: str, template_url: str) -> tuple[str, str]:
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE consulent_template OWNER {PG_EIGENAAR}'))
    admin.dispose()
    return als_rol(pg_admin_url.rsplit("/", 1)[0] + f"/{name}", PG_APP), name


def _drop_pg_db(pg_admin_url: str, name: str) -> None:
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated, empty database: once on SQLite, once on PostgreSQL."""
    if request.param == "sqlite":
        tpl: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "test.sqlite3"
        shutil.copyfile(tpl, path)
        yield f"sqlite:///{path}"
        return
    admin = request.getfixturevalue("pg_admin_url")
    template = request.getfixturevalue("pg_template")
    url, name = _new_pg_db(admin, template)
    try:
        yield url
    finally:
        _drop_pg_db(admin, name)


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """SQLite only, for tests about the embedded database itself."""
    path = tmp_path / "test.sqlite3"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def pg_url(pg_admin_url: str, pg_template: str) -> Iterator[str]:
    """PostgreSQL only, for concurrency tests."""
    url, name = _new_pg_db(pg_admin_url, pg_template)
    try:
        yield url
    finally:
        _drop_pg_db(pg_admin_url, name)


@pytest.fixture
def ctx(db_url: str) -> Iterator[AppContext]:
    context = AppContext(config=load_defaults().with_database(db_url), engine=make_engine(db_url))
    yield context
    context.engine.dispose()


@pytest.fixture
def basis(ctx: AppContext) -> Basis:
    """A small known organisation: two teams, one user per role, a product catalogue, two providers."""
    return maak_basis(ctx)
