"""Backup and restore of the embedded database with SQLite's online backup API (also for encrypted files)."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from pathlib import Path
from typing import Any

from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from consulent_app.config import Config
from consulent_app.db.migrate import MIGRATIONS
from consulent_app.errors import DatabaseFout

log = logging.getLogger(__name__)

PG_UITLEG = (
    "Reservekopieën van een centrale PostgreSQL-database maakt de databasebeheerder met pg_dump en zet hij "
    "terug met pg_restore (zie docs/beveiliging.md, 'PostgreSQL: pg_dump en pg_restore'). "
    "Deze opdracht werkt alleen voor de ingebouwde SQLite-database."
)


def _sqlite_pad(cfg: Config) -> Path:
    url = make_url(cfg.resolved_database_url())
    if url.get_backend_name() != "sqlite":
        raise DatabaseFout(PG_UITLEG)
    if not url.database or url.database == ":memory:":
        raise DatabaseFout("Er is geen databasebestand ingesteld om een reservekopie van te maken.")
    return Path(url.database)


def _sleutel(cfg: Config) -> str | None:
    if not cfg.versleuteld:
        return None
    from consulent_app.db import encryptie

    return encryptie.sleutel_uit_keyring()


def _connect(pad: Path, sleutel: str | None) -> Any:
    if sleutel is None:
        conn = sqlite3.connect(str(pad), timeout=15)
        conn.execute("PRAGMA busy_timeout=15000")
        return conn
    from consulent_app.db import encryptie

    conn = encryptie.connect(pad, sleutel)
    encryptie.controleer_sleutel(conn)
    conn.execute("PRAGMA busy_timeout=15000")
    return conn


def _kopieer(bron: Any, doel: Any) -> None:
    # pages=-1: the whole database in one step under one read transaction, so the copy is one consistent
    # moment even while the application keeps writing (WAL lets the writer continue meanwhile).
    bron.backup(doel, pages=-1)


def _controleer(conn: Any, wat: str) -> None:
    try:
        uitslag = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        tabellen = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()}
    except Exception as exc:  # sqlite3.DatabaseError or its sqlcipher3 twin
        raise DatabaseFout(f"{wat} is geen leesbare Consulent-database (beschadigd of een andere sleutel).") from exc
    if uitslag != ["ok"]:
        raise DatabaseFout(f"{wat} is beschadigd: de integriteitscontrole van SQLite faalt.")
    if not {"alembic_version", "gebruiker", "client"} <= tabellen:
        raise DatabaseFout(f"{wat} is geen Consulent-database.")


def _controleer_schema(conn: Any, wat: str) -> None:
    """A backup made by a newer program cannot be used by this one."""
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    bekend = {rev.revision for rev in ScriptDirectory.from_config(cfg).walk_revisions()}
    revisies = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version").fetchall()}
    if revisies - bekend:
        raise DatabaseFout(f"{wat} is gemaakt door een nieuwere versie van Consulent. Installeer die eerst.")


def _prive(pad: Path) -> None:
    with contextlib.suppress(OSError):  # Windows: the user's profile folder already shields it
        os.chmod(pad, 0o600)


def _verwijder(pad: Path) -> None:
    for p in (pad, Path(f"{pad}-wal"), Path(f"{pad}-shm"), Path(f"{pad}-journal")):
        p.unlink(missing_ok=True)


def backup(cfg: Config, doel: Path) -> None:
    """Copy the running database to `doel` (one consistent moment), checked, readable only by the user.

    An encrypted database gives an encrypted backup with the same key: keep the key (keyring) safe as well.
    """
    bron_pad = _sqlite_pad(cfg)
    if not bron_pad.exists():
        raise DatabaseFout(f"Er is nog geen database om te kopiëren ({bron_pad.name} bestaat niet).")
    doel = Path(doel)
    if doel.is_dir():
        raise DatabaseFout("Geef een bestandsnaam op voor de reservekopie, geen map.")
    doel.parent.mkdir(parents=True, exist_ok=True)
    if doel.resolve() == bron_pad.resolve():
        raise DatabaseFout("De reservekopie kan niet over de database zelf heen worden geschreven.")
    sleutel = _sleutel(cfg)
    tijdelijk = doel.with_name(f".{doel.name}.bezig")
    _verwijder(tijdelijk)
    bron = _connect(bron_pad, sleutel)
    try:
        kopie = _connect(tijdelijk, sleutel)
        try:
            _prive(tijdelijk)
            _kopieer(bron, kopie)
            # One self-contained file: no -wal next to the backup.
            kopie.execute("PRAGMA journal_mode=DELETE").fetchall()
            _controleer(kopie, "De reservekopie")
        finally:
            kopie.close()
    except BaseException:
        _verwijder(tijdelijk)
        raise
    finally:
        bron.close()
    os.replace(tijdelijk, doel)
    _prive(doel)
    log.info("reservekopie gemaakt")


def restore(cfg: Config, bron: Path) -> None:
    """Put a backup back. It is checked first; the current database is kept next to it as `<name>.bak`.

    Close the application on other computers sharing this file first; on one laptop, close it too.
    """
    db_pad = _sqlite_pad(cfg)
    bron = Path(bron)
    if not bron.is_file():
        raise DatabaseFout(f"De reservekopie {bron} bestaat niet.")
    sleutel = _sleutel(cfg)
    b = _connect(bron, sleutel)
    try:
        _controleer(b, "De reservekopie")
        _controleer_schema(b, "De reservekopie")
        bak = db_pad.with_name(db_pad.name + ".bak")
        if db_pad.exists():
            _bewaar_huidige(db_pad, bak, sleutel)
        db_pad.parent.mkdir(parents=True, exist_ok=True)
        try:
            # Into the live file through SQLite itself: locking and the WAL are handled, other connections see
            # either the old or the restored database, never a mix.
            _zet_terug(b, db_pad, sleutel)
        except Exception as exc:
            if not bak.exists():
                raise
            # The current file is damaged in a way that refuses writing; its copy is safe in .bak: start fresh.
            log.warning("terugzetten in bestaand bestand mislukt (%s); nieuw bestand", type(exc).__name__)
            _verwijder(db_pad)
            _zet_terug(b, db_pad, sleutel)
    finally:
        b.close()
    log.info("reservekopie teruggezet")


def _zet_terug(bron: Any, db_pad: Path, sleutel: str | None) -> None:
    doel = _connect(db_pad, sleutel)
    try:
        _prive(db_pad)
        _kopieer(bron, doel)
        _controleer(doel, "De teruggezette database")
    finally:
        doel.close()


def _bewaar_huidige(db_pad: Path, bak: Path, sleutel: str | None) -> None:
    """Keep the current database as .bak: a clean copy if it can be read, else the raw files moved aside."""
    _verwijder(bak)
    try:
        huidig = _connect(db_pad, sleutel)
        try:
            kopie = _connect(bak, sleutel)
            try:
                _kopieer(huidig, kopie)
                kopie.execute("PRAGMA journal_mode=DELETE").fetchall()
            finally:
                kopie.close()
        finally:
            huidig.close()
        _prive(bak)
    except Exception as exc:  # DatabaseFout, sqlite3.DatabaseError or its sqlcipher3 twin
        # The current file is unreadable (the usual reason to restore): move it aside untouched.
        log.warning("huidige database onleesbaar (%s); bestand wordt verplaatst", type(exc).__name__)
        _verwijder(bak)
        for achtervoegsel in ("", "-wal", "-shm"):
            oud = Path(f"{db_pad}{achtervoegsel}")
            if oud.exists():
                os.replace(oud, Path(f"{bak}{achtervoegsel}"))
