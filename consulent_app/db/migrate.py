"""Alembic, driven from code: upgrade to the newest schema and refuse databases from a newer program.

The check at every start does not import Alembic (with mako and pygments a third of the start-up): the revision
ids come from the migration files' own `revision = ...` / `down_revision = ...` lines (read, not imported) and
the database's revision from a plain query of `alembic_version`. Alembic itself runs only to upgrade.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from consulent_app.errors import DatabaseFout

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


@functools.cache
def revisies() -> dict[str, tuple[str, ...]]:
    """Every revision id of the shipped migrations with the ids it follows (its down revisions)."""
    uit: dict[str, tuple[str, ...]] = {}
    for pad in sorted((MIGRATIONS / "versions").glob("*.py")):
        waarden: dict[str, object] = {}
        for node in ast.parse(pad.read_text(encoding="utf-8")).body:
            doel, waarde = None, None
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                doel, waarde = node.targets[0].id, node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                doel, waarde = node.target.id, node.value
            if doel in ("revision", "down_revision") and waarde is not None:
                waarden[doel] = ast.literal_eval(waarde)
        rev = waarden.get("revision")
        if isinstance(rev, str):
            down = waarden.get("down_revision")
            uit[rev] = tuple(str(d) for d in down) if isinstance(down, tuple | list) else ((str(down),) if down else ())
    return uit


def script_heads(engine: Engine | None = None) -> set[str]:
    """The newest revision(s): those no other migration follows."""
    alle = revisies()
    gevolgd = {d for downs in alle.values() for d in downs}
    return set(alle) - gevolgd


def current_revisions(engine: Engine) -> set[str]:
    """The database's revision(s), read from alembic_version (empty for a new database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return set()
        return {str(r) for r in conn.execute(text("SELECT version_num FROM alembic_version")).scalars()}


def check_schema(engine: Engine) -> str:
    """'actueel', 'leeg' or 'verouderd'; raises when the database is newer than this program."""
    current = current_revisions(engine)
    if not current:
        return "leeg"
    if current - set(revisies()):
        raise DatabaseFout(
            "Deze database is gemaakt door een nieuwere versie van Consulent. "
            "Installeer de nieuwste versie van het programma."
        )
    return "actueel" if current == script_heads() else "verouderd"


def upgrade(engine: Engine, revision: str = "heads") -> None:
    from alembic import command

    check_schema(engine)
    command.upgrade(alembic_config(engine), revision)
