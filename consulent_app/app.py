"""Start-up of the core: configuration, database, schema, optional demo data. Used by the UI, the CLI and tests."""

from __future__ import annotations

import logging

from sqlalchemy import func, select

from consulent_app import config as config_mod
from consulent_app.config import Config
from consulent_app.db import migrate
from consulent_app.db import models as m
from consulent_app.db.engine import check_connection, make_engine
from consulent_app.services.base import AppContext

log = logging.getLogger(__name__)


def sqlcipher_sleutel(cfg: Config) -> str | None:
    """The SQLCipher key for an encrypted embedded database, from the OS keyring (or None)."""
    if not cfg.versleuteld or cfg.resolved_database_url().split(":", 1)[0] != "sqlite":
        return None
    from consulent_app.db import encryptie

    return encryptie.sleutel_uit_keyring()


def open_context(cfg: Config | None = None, *, upgrade: bool = True, demo: bool = False) -> AppContext:
    """Open the configured database, bring its schema up to date and, if asked, fill an empty one with demo data.

    Raises DatabaseFout with a Dutch sentence when the database cannot be used.
    """
    cfg = cfg or config_mod.load()
    engine = make_engine(cfg.resolved_database_url(), sqlcipher_key=sqlcipher_sleutel(cfg))
    check_connection(engine)
    staat = migrate.check_schema(engine)
    if staat != "actueel" and upgrade:
        log.info("database schema: %s, upgrading", staat)
        migrate.upgrade(engine)
    ctx = AppContext(config=cfg, engine=engine)
    if demo and is_leeg(ctx):
        from consulent_app import demo as demo_mod

        demo_mod.vul_demo(ctx)
    return ctx


def is_leeg(ctx: AppContext) -> bool:
    with ctx.session_factory() as s:
        return (s.scalar(select(func.count()).select_from(m.Gebruiker)) or 0) == 0
