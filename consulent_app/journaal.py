"""The local write journal: what the user typed is on this computer before the database has it.

Every write the screens hand to the operation layer (`ui.ops`) is first put here: a small SQLite file in the
user's data folder (SQLCipher with the database's key when the database is encrypted). The entry is removed only
after the service has committed; a write that failed because the database was locked or the connection dropped
stays and is retried with backoff; after a crash or kill the next start replays it. No Qt here: the journal, the
backoff and the classification of database trouble are plain Python, usable from the CLI and tests as well.

An entry is (sleutel, operatie, args). `sleutel` names what is written (e.g. one field of one investigation): a
newer entry with the same sleutel replaces the waiting one (the last text wins, the journal stays small) and bumps
its `generatie`, so a commit of an older generation never removes a newer text. When `args` has a "gezien" (the
value the user last saw, for field-level conflict checks) and an older generation commits, the newer one's
"gezien" becomes what was just committed: one's own saves never conflict with each other.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from consulent_app import paths

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS schrijf (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    gebruiker_id INTEGER NOT NULL,
    sleutel TEXT NOT NULL,
    operatie TEXT NOT NULL,
    args TEXT NOT NULL,
    generatie INTEGER NOT NULL DEFAULT 1,
    status TEXT NOT NULL DEFAULT 'wachtend',
    pogingen INTEGER NOT NULL DEFAULT 0,
    melding TEXT,
    aangemaakt REAL NOT NULL,
    gewijzigd REAL NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS schrijf_sleutel ON schrijf (gebruiker_id, sleutel);
"""


class Status(StrEnum):
    WACHTEND = "wachtend"  # to be written (first try, or again after a failure of the connection)
    GEWEIGERD = "geweigerd"  # the service refused it (too long, control characters, no access): kept, not retried
    CONFLICT = "conflict"  # someone else changed the same field meanwhile: the user chooses


@dataclass(frozen=True)
class Item:
    id: int
    gebruiker_id: int
    sleutel: str
    operatie: str
    args: dict[str, Any]
    generatie: int
    status: Status
    pogingen: int
    melding: str | None


# ---------------------------------------------------------------------------------------------------------------
# Values: JSON with tags for the few non-JSON types a screen hands over (dates, decimals, bytes)


def _codeer(o: Any) -> Any:
    if isinstance(o, dt.datetime):
        return {"$datumtijd": o.isoformat()}
    if isinstance(o, dt.date):
        return {"$datum": o.isoformat()}
    if isinstance(o, Decimal):
        return {"$decimaal": str(o)}
    if isinstance(o, bytes):
        return {"$bytes": base64.b64encode(o).decode("ascii")}
    if isinstance(o, Enum):
        return o.value
    if isinstance(o, tuple | frozenset | set):
        return list(o)
    raise TypeError(f"niet op te slaan in het journaal: {type(o).__name__}")


def _decodeer(d: dict[str, Any]) -> Any:
    if len(d) == 1:
        (k, v), = d.items()
        if k == "$datum":
            return dt.date.fromisoformat(v)
        if k == "$datumtijd":
            return dt.datetime.fromisoformat(v)
        if k == "$decimaal":
            return Decimal(v)
        if k == "$bytes":
            return base64.b64decode(v)
    return d


def naar_json(args: Mapping[str, Any]) -> str:
    # ensure_ascii keeps NUL bytes and lone surrogates as \u escapes: whatever was pasted is stored as it was.
    return json.dumps(dict(args), default=_codeer, ensure_ascii=True, separators=(",", ":"))


def uit_json(tekst: str) -> dict[str, Any]:
    return dict(json.loads(tekst, object_hook=_decodeer))


# ---------------------------------------------------------------------------------------------------------------
# Database trouble: which failures are worth another try, and how to say them


def is_tijdelijk(exc: BaseException) -> bool:
    """True for trouble that passes: the database is locked or busy, the connection dropped or timed out."""
    if isinstance(exc, OperationalError | DisconnectionError | PoolTimeout):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, DBAPIError):
        naam = type(exc.orig).__name__ if exc.orig is not None else ""
        return naam in {"InterfaceError", "OperationalError", "AdminShutdown", "ConnectionFailure"}
    return isinstance(exc, ConnectionError | TimeoutError)


def reden(exc: BaseException) -> str:
    """A few plain Dutch words for a temporary failure, to follow 'Niet opgeslagen – '."""
    tekst = str(getattr(exc, "orig", None) or exc).lower()
    if "locked" in tekst or "busy" in tekst:
        return "de database is even bezet"
    return "geen verbinding met de database"


def wachttijd(pogingen: int) -> float:
    """Seconds before the next try after `pogingen` failed tries: 1, 2, 5, 10, 20, 30, 30, ... (capped backoff)."""
    reeks = (1.0, 2.0, 5.0, 10.0, 20.0)
    return reeks[pogingen - 1] if 1 <= pogingen <= len(reeks) else 30.0 if pogingen > 0 else 0.0


# ---------------------------------------------------------------------------------------------------------------
# The journal file


def pad_voor(database_url: str) -> Path:
    """One journal per database (a laptop may switch between the embedded and the central one)."""
    url = make_url(database_url)
    naam = url.render_as_string(hide_password=True) if url.get_backend_name() != "sqlite" else \
        f"sqlite:{Path(url.database).resolve() if url.database and url.database != ':memory:' else url.database}"
    vingerafdruk = hashlib.sha256(naam.encode("utf-8")).hexdigest()[:16]
    return paths.data_dir() / "journaal" / f"journaal-{vingerafdruk}.sqlite3"


class Journaal:
    """Thread-safe: the GUI thread adds entries (cheap, one small transaction), the writer thread takes them."""

    def __init__(self, pad: str | Path, *, sleutel: str | None = None) -> None:
        self.pad = Path(pad)
        self._lock = threading.RLock()
        self._tellers: dict[tuple[int, str], int] | None = None  # see telling()
        if str(pad) != ":memory:":
            self.pad.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(OSError):
                os.chmod(self.pad.parent, 0o700)
        if sleutel is not None:
            from consulent_app.db import encryptie

            self._conn = encryptie.connect(self.pad, sleutel)
            encryptie.controleer_sleutel(self._conn)
        else:
            self._conn = sqlite3.connect(str(self.pad), check_same_thread=False, timeout=5.0)
        self._conn.isolation_level = None  # explicit transactions below
        # WAL + synchronous=NORMAL: an entry survives a crash or kill of the application at once (it is in the
        # operating system's file cache when the call returns) and costs well under a millisecond.
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(SCHEMA)
        if str(pad) != ":memory:":
            for f in (self.pad, Path(f"{self.pad}-wal"), Path(f"{self.pad}-shm")):
                with contextlib.suppress(OSError):
                    os.chmod(f, 0o600)

    @classmethod
    def voor_database(cls, database_url: str, *, sleutel: str | None = None) -> Journaal:
        return cls(pad_voor(database_url), sleutel=sleutel)

    def sluit(self) -> None:
        with self._lock:
            self._conn.close()

    @contextlib.contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
            self._tel()

    # --- adding --------------------------------------------------------------------------------------------------

    def zet(self, gebruiker_id: int, sleutel: str, operatie: str, args: Mapping[str, Any], *,
            nieuwe_basis: bool = False) -> tuple[int, int]:
        """Journal a write (replacing a waiting one with the same sleutel). Returns (id, generatie).

        A replaced entry keeps its "gezien" (the value the user saw before the first of these edits): that is the
        base the field-level check compares with, not one's own text of half a second ago. `nieuwe_basis` takes
        the new "gezien" instead (the user resolved a conflict having seen the other text).
        """
        nu = time.time()
        with self._tx() as c:
            rij = c.execute("SELECT id, args FROM schrijf WHERE gebruiker_id = ? AND sleutel = ?",
                            (gebruiker_id, sleutel)).fetchone()
            if rij is None:
                cur = c.execute("INSERT INTO schrijf (gebruiker_id, sleutel, operatie, args, aangemaakt, gewijzigd) "
                                "VALUES (?, ?, ?, ?, ?, ?)",
                                (gebruiker_id, sleutel, operatie, naar_json(args), nu, nu))
                assert cur.lastrowid is not None
                return int(cur.lastrowid), 1
            nieuw = dict(args)
            oud = uit_json(rij[1])
            if "gezien" in oud and "gezien" in nieuw and not nieuwe_basis:
                nieuw["gezien"] = oud["gezien"]
                if oud.get("geprobeerd"):
                    nieuw["geprobeerd"] = oud["geprobeerd"]
            c.execute("UPDATE schrijf SET operatie = ?, args = ?, generatie = generatie + 1, status = 'wachtend', "
                      "melding = NULL, gewijzigd = ? WHERE id = ?", (operatie, naar_json(nieuw), nu, rij[0]))
            gen = c.execute("SELECT generatie FROM schrijf WHERE id = ?", (rij[0],)).fetchone()[0]
            return int(rij[0]), int(gen)

    # --- the writer's side ---------------------------------------------------------------------------------------

    def _item(self, rij: tuple[Any, ...]) -> Item:
        return Item(id=rij[0], gebruiker_id=rij[1], sleutel=rij[2], operatie=rij[3], args=uit_json(rij[4]),
                    generatie=rij[5], status=Status(rij[6]), pogingen=rij[7], melding=rij[8])

    _KOLOMMEN = "id, gebruiker_id, sleutel, operatie, args, generatie, status, pogingen, melding"

    def wachtend(self, gebruiker_id: int | None = None) -> list[Item]:
        """Entries still to be written, oldest first (the order the user made them)."""
        sql = f"SELECT {self._KOLOMMEN} FROM schrijf WHERE status = 'wachtend'"
        params: tuple[Any, ...] = ()
        if gebruiker_id is not None:
            sql += " AND gebruiker_id = ?"
            params = (gebruiker_id,)
        with self._lock:
            return [self._item(r) for r in self._conn.execute(sql + " ORDER BY gewijzigd, id", params)]

    def alle(self, gebruiker_id: int, voorvoegsel: str = "") -> list[Item]:
        """Every entry of this user whose sleutel starts with `voorvoegsel` (waiting, refused or in conflict)."""
        with self._lock:
            rijen = self._conn.execute(
                f"SELECT {self._KOLOMMEN} FROM schrijf WHERE gebruiker_id = ? AND substr(sleutel, 1, ?) = ? "
                "ORDER BY id", (gebruiker_id, len(voorvoegsel), voorvoegsel)).fetchall()
        return [self._item(r) for r in rijen]

    def haal(self, item_id: int) -> Item | None:
        with self._lock:
            rij = self._conn.execute(f"SELECT {self._KOLOMMEN} FROM schrijf WHERE id = ?", (item_id,)).fetchone()
        return self._item(rij) if rij else None

    def klaar(self, item: Item) -> bool:
        """The service committed `item`. Removes it unless a newer text arrived meanwhile (then True is not
        returned and the newer generation waits, its "gezien" moved to what was just committed)."""
        with self._tx() as c:
            cur = c.execute("DELETE FROM schrijf WHERE id = ? AND generatie = ?", (item.id, item.generatie))
            if cur.rowcount:
                return True
            rij = c.execute("SELECT args FROM schrijf WHERE id = ?", (item.id,)).fetchone()
            if rij is not None and "gezien" in item.args:
                nieuw = uit_json(rij[0])
                if "gezien" in nieuw:
                    nieuw["gezien"] = item.args.get("waarde")
                    nieuw.pop("geprobeerd", None)
                    c.execute("UPDATE schrijf SET args = ? WHERE id = ?", (naar_json(nieuw), item.id))
            return False

    def mislukt(self, item: Item, melding: str) -> None:
        """A temporary failure: count the try; the entry stays waiting. The value tried is remembered: when the
        connection dropped during the commit, the database may hold it after all (the outcome is unknown), and
        finding one's own earlier try there at the next attempt is no conflict with someone else."""
        with self._tx() as c:
            rij = c.execute("SELECT args FROM schrijf WHERE id = ?", (item.id,)).fetchone()
            if rij is not None and "gezien" in item.args:
                args = uit_json(rij[0])
                geprobeerd = list(args.get("geprobeerd") or [])
                if item.args.get("waarde") not in geprobeerd:
                    geprobeerd.append(item.args.get("waarde"))
                args["geprobeerd"] = geprobeerd[-20:]
                c.execute("UPDATE schrijf SET args = ? WHERE id = ?", (naar_json(args), item.id))
            c.execute("UPDATE schrijf SET pogingen = pogingen + 1, melding = ? WHERE id = ?", (melding, item.id))

    def weiger(self, item: Item, status: Status, melding: str) -> None:
        """The service refused this generation (or found a conflict): kept for the user, not retried, until a
        newer text for the same sleutel arrives (zet makes it waiting again) or the user discards it."""
        with self._tx() as c:
            c.execute("UPDATE schrijf SET status = ?, melding = ? WHERE id = ? AND generatie = ?",
                      (status.value, melding, item.id, item.generatie))

    def verwijder(self, gebruiker_id: int, sleutel: str) -> None:
        """The user chose to let this text go (e.g. took the other person's version in a conflict)."""
        with self._tx() as c:
            c.execute("DELETE FROM schrijf WHERE gebruiker_id = ? AND sleutel = ?", (gebruiker_id, sleutel))

    def telling(self, gebruiker_id: int, *, vers: bool = False) -> tuple[int, int]:
        """(waiting, refused or in conflict) entries of this user. Counted again after every change made through
        this object, so the window's save status (reported at every read and write) reads it without a query and
        without waiting for the lock the writer's thread may hold. `vers`: counted in the file now (closing,
        locking: also what another Journaal on the same file changed)."""
        tellers = self._tellers
        if vers or tellers is None:
            tellers = self._tel()
        wachtend = tellers.get((gebruiker_id, Status.WACHTEND.value), 0)
        return wachtend, sum(n for (g, _s), n in tellers.items() if g == gebruiker_id) - wachtend

    def _tel(self) -> dict[tuple[int, str], int]:
        with self._lock:
            tellers = {(int(g), str(s)): int(n) for g, s, n in self._conn.execute(
                "SELECT gebruiker_id, status, count(*) FROM schrijf GROUP BY gebruiker_id, status")}
            self._tellers = tellers
        return tellers

    def aantal(self, gebruiker_id: int | None = None) -> int:
        """Entries not yet in the database (waiting, refused or in conflict)."""
        with self._lock:
            if gebruiker_id is None:
                return int(self._conn.execute("SELECT count(*) FROM schrijf").fetchone()[0])
            return int(self._conn.execute("SELECT count(*) FROM schrijf WHERE gebruiker_id = ?",
                                          (gebruiker_id,)).fetchone()[0])
