"""Encryption at rest for the embedded database (SQLCipher). Filled in by the security work (issue 8)."""

from __future__ import annotations

from sqlalchemy import Engine

from consulent_app.errors import DatabaseFout


def sleutel_uit_keyring() -> str:
    raise DatabaseFout("Versleuteling van de database is in deze versie nog niet beschikbaar.")


def make_encrypted_engine(path: str, key: str, *, echo: bool = False) -> Engine:
    raise DatabaseFout("Versleuteling van de database is in deze versie nog niet beschikbaar.")
