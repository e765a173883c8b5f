"""The hash chain over the audit log of an embedded (SQLite) database.

Every audit_event row gets `keten_hash = sha256(previous row's keten_hash | the row's own columns)`, set by a
trigger inside the INSERT itself (migration 0011_beveiliging2), so it happens under SQLite's write lock and two
writers can never fork the chain. The trigger calls `consulent_keten`, a function this module registers on every
connection the application opens; a program that does not know it (the sqlite3 shell) cannot insert audit rows
at all. A row that is changed, deleted or slipped in afterwards breaks the chain from that row on:
`consulent-app audit controleer` walks it and names the first row that does not fit, and the beheerder screen
shows the result.

What a chain cannot do: someone with write access to the file who also recomputes every later hash leaves a
consistent chain. Against that, note the last value (`laatste`) now and then outside the laptop (the beheerder
screen shows it); a rewritten past then no longer ends in a value that was noted.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

FUNCTIE = "consulent_keten"
KOLOMMEN = ("id", "tijdstip", "gebruiker_id", "actie", "object_type", "object_id", "client_id", "details",
            "client_ids")
_LEEG = "\x00"  # NULL, distinct from an empty text


def schakel(vorige: str | None, *waarden: Any) -> str:
    """The hash of one row: the previous row's hash and the row's columns in KOLOMMEN order, as stored."""
    h = hashlib.sha256()
    h.update((vorige or "").encode())
    for w in waarden:
        h.update(b"\x1f")
        h.update(_LEEG.encode() if w is None else str(w).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def registreer(dbapi_conn: Any) -> None:
    """Make `consulent_keten(vorige, id, tijdstip, ...)` known on a SQLite (or SQLCipher) connection."""
    dbapi_conn.create_function(FUNCTIE, 1 + len(KOLOMMEN), schakel, deterministic=True)


@dataclass(frozen=True)
class KetenUitslag:
    aantal: int
    eerste_fout: int | None  # id of the first row that does not fit the chain
    laatste: str | None  # the chain's last value
    van_toepassing: bool = True  # False on PostgreSQL: there the database roles protect the log
    probleem: str | None = None  # PostgreSQL: why the account in use could change the log

    @property
    def in_orde(self) -> bool:
        return self.eerste_fout is None and self.probleem is None

    def tekst(self) -> str:
        if self.probleem:
            return f"Het logboek is niet beschermd. {self.probleem}"
        if not self.van_toepassing:
            return ("Op PostgreSQL beschermen de databaserollen het logboek: dit account van de applicatie mag "
                    "alleen toevoegen en lezen, niet wijzigen of verwijderen (zie docs/beveiliging.md).")
        if self.eerste_fout is not None:
            return (f"Het logboek is gewijzigd: gebeurtenis {self.eerste_fout} past niet in de keten. Vanaf die "
                    "gebeurtenis is het logboek niet meer te vertrouwen. Meld dit bij de security officer.")
        laatste = f" Laatste ketenwaarde: {self.laatste[:16]}." if self.laatste else ""
        aantal = f"{self.aantal:,}".replace(",", ".")
        return f"Het logboek is ongewijzigd: {aantal} gebeurtenissen, de keten klopt.{laatste}"


def controleer(engine: Engine) -> KetenUitslag:
    """Walk the whole chain in id order (streamed: flat memory for millions of rows)."""
    if engine.dialect.name == "postgresql":
        from consulent_app.db import rechten

        with engine.connect() as c:
            return KetenUitslag(0, None, None, van_toepassing=False, probleem=rechten.controleer_applicatieaccount(c))
    if engine.dialect.name != "sqlite":
        return KetenUitslag(0, None, None, van_toepassing=False)
    vorige: str | None = None
    aantal = 0
    with engine.connect() as c:
        rijen = c.exec_driver_sql(
            f"SELECT {', '.join(KOLOMMEN)}, keten_hash FROM audit_event ORDER BY id")
        for rij in rijen:
            *waarden, opgeslagen = tuple(rij)
            verwacht = schakel(vorige, *waarden)
            if opgeslagen != verwacht:
                return KetenUitslag(aantal, int(waarden[0]), vorige)
            vorige = opgeslagen
            aantal += 1
    return KetenUitslag(aantal, None, vorige)
