"""Backup and restore of the embedded database: consistent while the application writes, checked before use."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from consulent_app import app, cli
from consulent_app.config import Config, load_defaults
from consulent_app.db import encryptie
from consulent_app.db.backup import backup, restore
from consulent_app.errors import DatabaseFout
from consulent_app.services.base import AppContext
from tests.factories import maak_basis
from tests.keyring_geheugen import GeheugenKeyring, keyring_van


def _cfg(pad: Path, versleuteld: bool = False) -> Config:
    return dataclasses.replace(load_defaults().with_database(f"sqlite:///{pad}"), versleuteld=versleuteld)


def _open(pad: Path, sleutel: str | None = None) -> Any:
    return encryptie.connect(pad, sleutel) if sleutel else sqlite3.connect(pad)


def inhoud(pad: Path, sleutel: str | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: two databases with equal `inhoud` hold the same data."""
    conn = _open(pad, sleutel)
    try:
        tabellen = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tabellen}
    finally:
        conn.close()


def _aanbieders(pad: Path) -> list[str]:
    conn = sqlite3.connect(pad)
    try:
        return [r[0] for r in conn.execute("SELECT naam FROM aanbieder WHERE naam LIKE 'W%' ORDER BY id")]
    finally:
        conn.close()


@pytest.fixture
def gevuld(tmp_path: Path) -> Iterator[tuple[Config, AppContext]]:
    cfg = _cfg(tmp_path / "data" / "consulent.sqlite3")
    ctx = app.open_context(cfg)
    basis = maak_basis(ctx)
    basis.client("Janssen")
    basis.client("Peeters")
    yield cfg, ctx
    ctx.engine.dispose()


def _wacht_op(voorwaarde: Any, seconden: float = 30) -> None:
    eind = time.monotonic() + seconden
    while not voorwaarde():
        assert time.monotonic() < eind, "the writer does not get on"
        time.sleep(0.005)


class Schrijver(threading.Thread):
    """Stands in for the running application: commits one row after another, remembering what it committed."""

    def __init__(self, pad: Path) -> None:
        super().__init__(daemon=True)
        self.pad = pad
        self.gecommit = 0
        self.stop = threading.Event()

    def run(self) -> None:
        conn = sqlite3.connect(self.pad, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        i = 0
        while not self.stop.is_set():
            i += 1
            with conn:
                conn.execute("INSERT INTO aanbieder (naam, actief) VALUES (?, 1)", (f"W{i:06d}",))
            self.gecommit = i
        conn.close()


def test_backup_while_another_connection_writes_is_consistent_and_restores_exactly(
    gevuld: tuple[Config, AppContext], tmp_path: Path
) -> None:
    cfg, ctx = gevuld
    db = Path(cfg.resolved_database_url().removeprefix("sqlite:///"))
    schrijver = Schrijver(db)
    schrijver.start()
    kopieen = []
    try:
        for n in range(5):
            doel_aantal = 50 * (n + 1)  # the writer really moves on between backups
            _wacht_op(lambda doel_aantal=doel_aantal: schrijver.gecommit >= doel_aantal)
            voor = schrijver.gecommit
            doel = tmp_path / f"kopie{n}.sqlite3"
            backup(cfg, doel)
            na = schrijver.gecommit
            rijen = _aanbieders(doel)
            # One consistent moment: an unbroken run W000001..W00000k, k between the commits before and after.
            assert rijen == [f"W{i:06d}" for i in range(1, len(rijen) + 1)]
            assert voor <= len(rijen) <= na + 1
            kopieen.append((doel, len(rijen)))
    finally:
        schrijver.stop.set()
        schrijver.join()
    assert kopieen[-1][1] > kopieen[0][1], "the writer kept writing during the backups"

    doel, aantal = kopieen[2]
    verwacht = inhoud(doel)
    ctx.engine.dispose()
    restore(cfg, doel)
    assert inhoud(db) == verwacht
    assert len(_aanbieders(db)) == aantal
    # The database as it was before the restore is kept next to it, with everything the writer committed.
    assert len(_aanbieders(db.with_name(db.name + ".bak"))) == schrijver.gecommit
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_backup_file_is_readable_only_by_the_user(gevuld: tuple[Config, AppContext], tmp_path: Path) -> None:
    cfg, _ = gevuld
    doel = tmp_path / "kopie.sqlite3"
    backup(cfg, doel)
    assert stat.S_IMODE(os.stat(doel).st_mode) == 0o600
    assert not Path(f"{doel}-wal").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left behind


def test_damaged_backup_is_refused_and_the_database_is_left_alone(gevuld: tuple[Config, AppContext],
                                                                 tmp_path: Path) -> None:
    cfg, ctx = gevuld
    db = Path(cfg.resolved_database_url().removeprefix("sqlite:///"))
    doel = tmp_path / "kopie.sqlite3"
    backup(cfg, doel)
    data = bytearray(doel.read_bytes())
    data[len(data) // 2: len(data) // 2 + 4096] = b"\xff" * 4096  # a damaged page in the middle
    doel.write_bytes(bytes(data))
    voor = inhoud(db)
    with pytest.raises(DatabaseFout) as exc:
        restore(cfg, doel)
    assert "beschadigd" in str(exc.value) or "geen leesbare" in str(exc.value)
    assert inhoud(db) == voor
    assert not db.with_name(db.name + ".bak").exists()


def test_backup_of_a_newer_program_is_refused(gevuld: tuple[Config, AppContext], tmp_path: Path) -> None:
    cfg, _ = gevuld
    doel = tmp_path / "kopie.sqlite3"
    backup(cfg, doel)
    with sqlite3.connect(doel) as c:
        c.execute("UPDATE alembic_version SET version_num = '9999_toekomst'")
    with pytest.raises(DatabaseFout) as exc:
        restore(cfg, doel)
    assert "nieuwere versie" in str(exc.value)


def test_a_file_that_is_no_consulent_database_is_refused(gevuld: tuple[Config, AppContext], tmp_path: Path) -> None:
    cfg, _ = gevuld
    vreemd = tmp_path / "vreemd.sqlite3"
    with sqlite3.connect(vreemd) as c:
        c.execute("CREATE TABLE x (y)")
    with pytest.raises(DatabaseFout) as exc:
        restore(cfg, vreemd)
    assert "geen Consulent-database" in str(exc.value)


def test_restore_replaces_an_unreadable_database_and_keeps_it_as_bak(gevuld: tuple[Config, AppContext],
                                                                    tmp_path: Path) -> None:
    cfg, ctx = gevuld
    db = Path(cfg.resolved_database_url().removeprefix("sqlite:///"))
    doel = tmp_path / "kopie.sqlite3"
    backup(cfg, doel)
    ctx.engine.dispose()
    for p in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        p.unlink(missing_ok=True)
    db.write_bytes(b"kapot" * 2000)
    restore(cfg, doel)
    assert inhoud(db) == inhoud(doel)
    assert db.with_name(db.name + ".bak").read_bytes() == b"kapot" * 2000


def test_encrypted_database_gives_an_encrypted_backup_that_restores(tmp_path: Path) -> None:
    with keyring_van(GeheugenKeyring()):
        cfg = _cfg(tmp_path / "data" / "consulent.sqlite3", versleuteld=True)
        ctx = app.open_context(cfg)
        maak_basis(ctx).client("Kerckhoffs")
        ctx.engine.dispose()
        doel = tmp_path / "kopie.sqlite3"
        backup(cfg, doel)
        assert b"Kerckhoffs" not in doel.read_bytes()
        sleutel = encryptie.sleutel_uit_keyring()
        db = tmp_path / "data" / "consulent.sqlite3"
        verwacht = inhoud(db, sleutel)
        conn = encryptie.connect(db, sleutel)
        with conn:
            conn.execute("DELETE FROM relatie")
            conn.execute("UPDATE client SET achternaam = 'Gewijzigd'")
        conn.close()
        restore(cfg, doel)
        assert inhoud(db, sleutel) == verwacht
        assert inhoud(doel, sleutel) == verwacht


def test_postgresql_is_refused_with_a_pointer_to_pg_dump() -> None:
    cfg = load_defaults().with_database("postgresql+psycopg://consulent@dbserver/consulent")
    for fn in (backup, restore):
        with pytest.raises(DatabaseFout) as exc:
            fn(cfg, Path("/tmp/bestaat-niet.sqlite3"))
        assert "pg_dump" in str(exc.value) and "docs/beveiliging.md" in str(exc.value)


def test_command_line_backup_and_restore(gevuld: tuple[Config, AppContext], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    cfg, ctx = gevuld
    ctx.engine.dispose()
    url = cfg.resolved_database_url()
    doel = tmp_path / "cli-kopie.sqlite3"
    assert cli.main(["--database", url, "backup", str(doel)]) == 0
    assert cli.main(["--database", url, "restore", str(doel)]) == 0
    assert cli.main(["--database", url, "restore", str(tmp_path / "bestaat-niet")]) == 2
    uit = capsys.readouterr()
    assert "Reservekopie gemaakt" in uit.out and "bestaat niet" in uit.err
