"""Opening the database: engine settings per dialect, schema checks, and clear errors instead of tracebacks."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InvalidatePoolError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from consulent_app.errors import DatabaseFout

log = logging.getLogger(__name__)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL: readers never block the writer and a crash leaves the last committed state.
    # synchronous=FULL: a commit is on disk before it returns, so a power loss keeps it too.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()
    # The audit log's hash chain is computed by a trigger that calls this function (db/auditketen.py).
    from consulent_app.db import auditketen

    auditketen.registreer(dbapi_conn)


def make_engine(url: str, *, sqlcipher_key: str | None = None, echo: bool = False) -> Engine:
    """Engine for SQLite (embedded) or PostgreSQL (central); same code either way."""
    from consulent_app.db import gil

    gil.bij_nieuwe_engine()  # the desktop application's background statements share the GIL (db/gil.py)
    parsed = make_url(url)
    kwargs: dict[str, Any] = {"echo": echo, "future": True}
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:" and not db.startswith("file:"):
            from consulent_app import files, paths

            # Created 0600 in a 0700 folder before SQLite opens it; SQLite gives -wal and -shm the same rights.
            if Path(db).parent == paths.data_dir():
                files.eigen_map(paths.data_dir())
            files.eigen_bestand(Path(db))
        if sqlcipher_key is not None:
            from consulent_app.db import encryptie

            engine = encryptie.make_encrypted_engine(db or ":memory:", sqlcipher_key, echo=echo)
        else:
            engine = create_engine(url, connect_args={"timeout": 15}, **kwargs)
            event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.update(pool_size=5, max_overflow=10)
    engine = create_engine(url, **kwargs)
    _ping_na_rust(engine)
    return engine


#: A pooled connection to the central database that lay unused this long is pinged before it is used again, so
#: one dropped meanwhile (server restarted, VPN gone) is replaced unseen. One used a moment ago is not pinged:
#: every ping is a network round trip of its own (pool_pre_ping pinged before every transaction, one in about
#: fifteen of an autosave over a VPN: issue 13). A connection that drops within this time fails its statement;
#: the pool is then renewed and the operation layer tries again (ui.ops: reads at once, saves from the journal).
PING_NA_S = 10.0


def _ping_na_rust(engine: Engine) -> None:
    @event.listens_for(engine, "checkin")
    def _terug(_dbapi: Any, record: Any) -> None:
        record.info["vrij_sinds"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _uit(dbapi: Any, record: Any, _proxy: Any) -> None:
        vrij = record.info.pop("vrij_sinds", None)
        if vrij is None or time.monotonic() - vrij < PING_NA_S:
            return
        try:
            engine.dialect.do_ping(dbapi)
        except Exception as exc:  # noqa: BLE001 - any failure: this and every older connection are replaced
            raise InvalidatePoolError() from exc


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    from consulent_app.financien import stand  # noqa: F401 - its session hooks keep the Financiën summaries current

    # expire_on_commit=False: services hand plain values back after the transaction ends.
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)


def check_connection(engine: Engine) -> None:
    """Open a connection, turning driver errors into one Dutch sentence."""
    try:
        with engine.connect() as conn:
            inspect(conn).get_table_names()
    except OperationalError as exc:
        text = str(exc.orig).lower() if exc.orig else str(exc).lower()
        if "locked" in text:
            raise DatabaseFout("De database is vergrendeld door een ander programma. Sluit dat en probeer opnieuw.") from exc
        if "file is not a database" in text or "encrypted" in text:
            raise DatabaseFout("Het databasebestand is versleuteld met een andere sleutel of is beschadigd.") from exc
        if "unable to open" in text:
            raise DatabaseFout("Het databasebestand kan niet worden geopend (ontbrekende map of geen schrijfrechten).") from exc
        raise DatabaseFout(f"De database is niet bereikbaar: {type(exc.orig).__name__ if exc.orig else 'onbekende fout'}.") from exc
    except DBAPIError as exc:
        raise DatabaseFout("De database is niet bereikbaar of beschadigd.") from exc


def oefen_engine(engine: Engine) -> Engine | None:
    """An empty in-memory SQLite database with the application's tables, whose statements are compiled into
    `engine`'s statement cache: the same dialect object and the same cache, which is what SQLAlchemy keys a
    compiled statement by. A use case run on it leaves its statements compiled for `engine` (the first run of a
    screen's read compiles them: 60-80% of its time) while no row of `engine`'s database is read or written.
    SQLite only (another dialect cannot run on an SQLite connection); None otherwise or when the engine keeps no
    cache. Close it with dispose()."""
    if engine.dialect.name != "sqlite":
        return None
    cache = getattr(engine, "_compiled_cache", None)  # SQLAlchemy keeps no public handle on the engine's own cache
    if cache is None:
        return None
    from sqlalchemy.pool import StaticPool

    from consulent_app.db import models

    dbapi = engine.dialect.loaded_dbapi  # sqlite3, or sqlcipher3 for an encrypted database (unencrypted here)
    pool = StaticPool(lambda: dbapi.connect(":memory:", check_same_thread=False))
    oefen = Engine(pool, engine.dialect, make_url("sqlite://"), query_cache_size=0,
                   execution_options={"compiled_cache": cache})
    models.Base.metadata.create_all(oefen)
    return oefen
