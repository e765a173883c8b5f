"""Alembic, driven from code: upgrade to the newest schema and refuse databases from a newer program."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from consulent_app.errors import DatabaseFout

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def script_heads(engine: Engine) -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config(engine)).get_heads())


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def check_schema(engine: Engine) -> str:
    """'actueel', 'leeg' or 'verouderd'; raises when the database is newer than this program."""
    script = ScriptDirectory.from_config(alembic_config(engine))
    known = {rev.revision for rev in script.walk_revisions()}
    current = current_revisions(engine)
    if not current:
        return "leeg"
    unknown = current - known
    if unknown:
        raise DatabaseFout(
            "Deze database is gemaakt door een nieuwere versie van Consulent. "
            "Installeer de nieuwste versie van het programma."
        )
    return "actueel" if current == set(script.get_heads()) else "verouderd"


def upgrade(engine: Engine, revision: str = "heads") -> None:
    check_schema(engine)
    command.upgrade(alembic_config(engine), revision)
