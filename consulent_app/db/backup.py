"""Backup and restore of the embedded database. Filled in by the security work (issue 8)."""

from __future__ import annotations

from pathlib import Path

from consulent_app.config import Config
from consulent_app.errors import DatabaseFout


def backup(cfg: Config, doel: Path) -> None:
    raise DatabaseFout("Reservekopie maken is in deze versie nog niet beschikbaar.")


def restore(cfg: Config, bron: Path) -> None:
    raise DatabaseFout("Reservekopie terugzetten is in deze versie nog niet beschikbaar.")
