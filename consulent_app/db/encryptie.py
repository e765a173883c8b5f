"""Encryption at rest for the embedded database: SQLCipher (sqlcipher3) with a key from the OS keyring."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
import sqlite3
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool, StaticPool

from consulent_app.config import Config
from consulent_app.db.engine import _sqlite_pragmas
from consulent_app.errors import DatabaseFout

log = logging.getLogger(__name__)

KEYRING_SERVICE = "consulent"
KEYRING_USER = "database"

_HEX_KEY = re.compile(r"[0-9a-fA-F]{64}")

FOUTE_SLEUTEL = (
    "De database kan niet worden geopend: de sleutel past niet bij het bestand, of het bestand is niet "
    "versleuteld of beschadigd. Zonder de juiste sleutel zijn de gegevens niet te lezen; zet zo nodig een "
    "reservekopie terug of neem contact op met de functioneel beheerder."
)


def _dbapi() -> Any:
    try:
        from sqlcipher3 import dbapi2
    except ImportError as exc:  # the wheel is a dependency, but a broken install should still say something useful
        raise DatabaseFout("Versleuteling is niet beschikbaar: de SQLCipher-module ontbreekt in deze installatie.") from exc
    return dbapi2


def key_pragma(key: str) -> str:
    """The PRAGMA that unlocks a connection. A 64-hex-digit key is used raw (no slow key derivation)."""
    if not key:
        raise DatabaseFout("De sleutel voor de versleutelde database is leeg.")
    if _HEX_KEY.fullmatch(key):
        return f"PRAGMA key = \"x'{key}'\""
    return "PRAGMA key = '{}'".format(key.replace("'", "''"))


def _open(dbapi: Any, path: str, pragma: str, timeout: float = 15.0) -> Any:
    conn = dbapi.connect(path, timeout=timeout, check_same_thread=False)
    # A wrong key is reported to the user as a DatabaseFout; SQLCipher's own stderr lines only confuse.
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(pragma)
    return conn


def connect(path: str | Path, key: str, *, timeout: float = 15.0) -> Any:
    """A raw DB-API connection to an encrypted database file (for backup, restore and tests)."""
    return _open(_dbapi(), str(path), key_pragma(key), timeout)


def controleer_sleutel(conn: Any) -> None:
    """SQLCipher only notices a wrong key at the first read; read now and give one clear sentence."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except Exception as exc:  # sqlcipher3.dbapi2.DatabaseError: file is not a database
        raise DatabaseFout(FOUTE_SLEUTEL) from exc


def make_encrypted_engine(path: str, key: str, *, echo: bool = False) -> Engine:
    """SQLAlchemy engine on an encrypted file, with the same WAL / synchronous=FULL pragmas as the plain one."""
    dbapi = _dbapi()
    pragma = key_pragma(key)
    if path != ":memory:" and Path(path).is_file() and Path(path).stat().st_size and not is_versleuteld(path):
        raise DatabaseFout(
            "De configuratie zegt 'versleuteld = true', maar dit databasebestand is nog niet versleuteld. "
            "Sluit Consulent en voer 'python -m consulent_app.db.encryptie' uit om het te versleutelen "
            "(zie docs/beveiliging.md), of zet 'versleuteld = false'.")

    def creator() -> Any:
        return _open(dbapi, path, pragma)

    # Pooled connections keep their page cache: a page is decrypted once, not at every unit of work
    # (a cold cache made list screens several times slower). The key is in this process's memory anyway.
    pool: dict[str, Any] = ({"poolclass": StaticPool} if path == ":memory:"
                            else {"poolclass": QueuePool, "pool_size": 5, "max_overflow": 10})
    engine = create_engine("sqlite://", module=dbapi, creator=creator, echo=echo, **pool)

    def on_connect(dbapi_conn: Any, record: Any) -> None:
        controleer_sleutel(dbapi_conn)
        _sqlite_pragmas(dbapi_conn, record)
        cur = dbapi_conn.cursor()
        # Sorting and temporary indices stay in memory, never in a temporary file on disk.
        cur.execute("PRAGMA temp_store=MEMORY")
        # 64 MiB of decrypted pages per connection: a warm cache makes encrypted reads as fast as plain ones.
        cur.execute("PRAGMA cache_size=-65536")
        cur.close()

    event.listen(engine, "connect", on_connect)
    # Fail now, at start-up, rather than at the first screen that reads something.
    with engine.connect():
        pass
    return engine


def nieuwe_sleutel() -> str:
    """256 random bits as 64 hex digits."""
    return secrets.token_hex(32)


#: The keyrings of the operating systems, which keep a secret encrypted under the user's login. Anything else
#: (keyrings.alt's PlaintextKeyring writes the key in base64 into a file next to the data, a common Debian package;
#: its EncryptedKeyring asks a password on the console; the null and fail backends) is refused.
TOEGESTANE_KEYRINGS: set[str] = {
    "keyring.backends.Windows.WinVaultKeyring",
    "keyring.backends.macOS.Keyring",
    "keyring.backends.SecretService.Keyring",
    "keyring.backends.libsecret.Keyring",
    "keyring.backends.kwallet.DBusKeyring",
    "keyring.backends.kwallet.DBusKeyringKWallet4",
}


def _naam(backend: Any) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def veilige_keyring() -> Any:
    """The keyring backend the key may live in: the one keyring would write to, if it is an OS keyring."""
    import keyring
    from keyring.backends import chainer, fail

    backend = keyring.get_keyring()
    if isinstance(backend, chainer.ChainerBackend):
        # The chain writes to its first backend and reads from all: both must be OS keyrings.
        ketting = list(backend.backends)
        backend = ketting[0] if ketting else fail.Keyring()
        onveilig = [b for b in ketting if _naam(b) not in TOEGESTANE_KEYRINGS]
        if onveilig and _naam(backend) in TOEGESTANE_KEYRINGS:
            log.info("onveilige keyring-backends naast de OS-sleutelbos genegeerd: %s",
                     ", ".join(_naam(b) for b in onveilig))
    if isinstance(backend, fail.Keyring):
        return backend  # 'no keyring' has its own message
    if _naam(backend) not in TOEGESTANE_KEYRINGS:
        raise DatabaseFout(
            "De database is ingesteld als versleuteld, maar de sleutelbos (keyring) op deze computer is niet "
            f"veilig: '{_naam(backend)}' bewaart de sleutel niet versleuteld door het besturingssysteem (bijvoorbeeld "
            "als tekst in een bestand naast de gegevens). Consulent bewaart de sleutel alleen in Windows "
            "Credential Manager, de macOS-Sleutelhanger of de Secret Service van Linux (GNOME Keyring, KWallet). "
            "Verwijder het pakket keyrings.alt of kies een veilige sleutelbos (zie docs/beveiliging.md)."
        )
    return backend


def sleutel_uit_keyring() -> str:
    """The database key from the operating system's keyring; created and stored on first use. Only an OS keyring
    (TOEGESTANE_KEYRINGS) is used: a plaintext or otherwise weak backend is refused in Dutch."""
    try:
        import keyring  # noqa: F401 - present?
        from keyring.errors import KeyringError, NoKeyringError
    except ImportError as exc:
        raise DatabaseFout("Versleuteling is niet beschikbaar: de module 'keyring' ontbreekt.") from exc
    geen_backend = (
        "De database is ingesteld als versleuteld, maar op deze computer is geen sleutelbos (keyring) "
        "beschikbaar om de sleutel in te bewaren. Op Windows is dat Windows Credential Manager, op macOS de "
        "Sleutelhanger, op Linux de Secret Service (GNOME Keyring of KWallet). Zet die aan, of zet "
        "'versleuteld = false' in de configuratie."
    )
    bos = veilige_keyring()
    try:
        sleutel = bos.get_password(KEYRING_SERVICE, KEYRING_USER)
        if sleutel:
            return str(sleutel)
        sleutel = nieuwe_sleutel()
        bos.set_password(KEYRING_SERVICE, KEYRING_USER, sleutel)
        # Read back: a key that was not really stored would lock the user out after the next restart.
        if bos.get_password(KEYRING_SERVICE, KEYRING_USER) != sleutel:
            raise DatabaseFout("De sleutel voor de database kon niet in de sleutelbos worden bewaard.")
        log.info("nieuwe databasesleutel aangemaakt in de sleutelbos")
        return sleutel
    except NoKeyringError as exc:
        raise DatabaseFout(geen_backend) from exc
    except KeyringError as exc:
        raise DatabaseFout(
            "De sleutelbos (keyring) van het besturingssysteem gaf een fout bij het ophalen van de "
            f"databasesleutel ({type(exc).__name__}). Ontgrendel de sleutelbos en probeer opnieuw."
        ) from exc


def is_versleuteld(path: str | Path) -> bool:
    """True when the file is not a readable plain SQLite database (plain files start with a fixed header)."""
    with open(path, "rb") as fh:
        return fh.read(16) != b"SQLite format 3\x00"


def versleutel_bestand(bron: str | Path, doel: str | Path, key: str) -> None:
    """Write an encrypted copy of a plain database (sqlcipher_export), for switching an existing laptop over."""
    bron, doel = Path(bron), Path(doel)
    if doel.exists():
        raise DatabaseFout(f"Het doelbestand {doel.name} bestaat al; kies een nieuwe naam.")
    conn = _dbapi().connect(str(bron))
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if _HEX_KEY.fullmatch(key):
            conn.execute(f"ATTACH DATABASE ? AS versleuteld KEY \"x'{key}'\"", (str(doel),))
        else:
            conn.execute("ATTACH DATABASE ? AS versleuteld KEY ?", (str(doel), key))
        conn.execute("SELECT sqlcipher_export('versleuteld')").fetchall()
        conn.execute("DETACH DATABASE versleuteld")
    finally:
        conn.close()


def versleutel_database(cfg: Config) -> Path:
    """Switch an existing plain laptop database to SQLCipher, in place, with the key from the keyring.

    The application must be closed. Afterwards set `versleuteld = true` under [database] in config.toml.
    The plain file is replaced, not kept: its old blocks may stay on disk, which is why disk encryption
    (BitLocker/FileVault) is still needed.
    """
    from sqlalchemy.engine import make_url

    url = make_url(cfg.resolved_database_url())
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise DatabaseFout("Alleen de ingebouwde SQLite-database kan worden versleuteld; een centrale PostgreSQL-"
                           "database beveiligt de gemeente op de server (zie docs/beveiliging.md).")
    pad = Path(url.database)
    if not pad.exists():
        raise DatabaseFout("Er is nog geen database. Zet 'versleuteld = true' in de configuratie; de database "
                           "wordt dan meteen versleuteld aangemaakt.")
    if is_versleuteld(pad):
        raise DatabaseFout("Deze database is al versleuteld (of geen SQLite-database).")
    sleutel = sleutel_uit_keyring()
    plat = sqlite3.connect(pad)
    try:
        # Everything from the WAL into the main file, and no other program may write meanwhile.
        plat.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        tellingen = _tellingen(plat)
    finally:
        plat.close()
    tijdelijk = pad.with_name(f".{pad.name}.versleutelen")
    tijdelijk.unlink(missing_ok=True)
    versleutel_bestand(pad, tijdelijk, sleutel)
    conn = connect(tijdelijk, sleutel)
    try:
        controleer_sleutel(conn)
        goed = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok" and _tellingen(conn) == tellingen
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()
    if not goed:
        tijdelijk.unlink(missing_ok=True)
        raise DatabaseFout("Versleutelen is niet gelukt: de versleutelde kopie wijkt af. Er is niets veranderd.")
    with contextlib.suppress(OSError):
        os.chmod(tijdelijk, 0o600)
    for rest in (Path(f"{pad}-wal"), Path(f"{pad}-shm")):
        rest.unlink(missing_ok=True)
    os.replace(tijdelijk, pad)
    log.info("database versleuteld")
    return pad


def _tellingen(conn: Any) -> dict[str, int]:
    tabellen = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tabellen}


def main(argv: list[str] | None = None) -> int:
    """`python -m consulent_app.db.encryptie [--config pad]`: encrypt the existing laptop database."""
    import argparse

    from consulent_app import config as config_mod

    parser = argparse.ArgumentParser(prog="python -m consulent_app.db.encryptie",
                                     description="Versleutel de bestaande database op deze laptop (SQLCipher).")
    parser.add_argument("--config", help="pad naar config.toml (standaard: in de gebruikersmap)")
    args = parser.parse_args(argv)
    try:
        cfg = config_mod.load(Path(args.config)) if args.config else config_mod.load()
        pad = versleutel_database(cfg)
    except DatabaseFout as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    print(f"Database versleuteld: {pad}\nZet nu 'versleuteld = true' onder [database] in "
          f"{cfg.bron or 'config.toml'} en start Consulent opnieuw.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
