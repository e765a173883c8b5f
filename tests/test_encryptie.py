"""Encryption at rest: with a key the database file on the laptop holds no readable name or BSN."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from consulent_app import app
from consulent_app.config import Config, load_defaults
from consulent_app.db import encryptie
from consulent_app.db import models as m
from consulent_app.db.engine import make_engine
from consulent_app.errors import DatabaseFout
from consulent_app.services import dossiers
from consulent_app.services.base import AppContext, transactie
from tests.factories import maak_basis
from tests.keyring_geheugen import GeheugenKeyring, geen_keyring, keyring_van

NAAM = "Kerckhoffs"
BSN = "111222333"  # the first BSN the factory hands out


@pytest.fixture
def keyring_mem() -> Iterator[GeheugenKeyring]:
    backend = GeheugenKeyring()
    with keyring_van(backend):
        yield backend


def _cfg(pad: Path, versleuteld: bool) -> Config:
    return dataclasses.replace(load_defaults().with_database(f"sqlite:///{pad}"), versleuteld=versleuteld)


def _vul(ctx: AppContext) -> int:
    basis = maak_basis(ctx)
    cid = basis.client(NAAM)
    dossiers.voeg_relatie_toe(ctx, basis["consulent"], cid, soort="partner", naam="Wilhelmina Kerckhoffs",
                              opmerking="Mantelzorger, zelf hartpatiënt")
    return cid


def _ruwe_bytes(map_: Path) -> bytes:
    """Everything SQLite left on disk: the main file, the WAL and the shared-memory index."""
    return b"".join(p.read_bytes() for p in sorted(map_.iterdir()) if p.name.startswith("db.sqlite3"))


@pytest.mark.parametrize("versleuteld", [True, False], ids=["versleuteld", "onversleuteld"])
def test_database_file_holds_no_readable_name_or_bsn_when_encrypted(
    tmp_path: Path, keyring_mem: GeheugenKeyring, versleuteld: bool
) -> None:
    """The unencrypted case must show the name and BSN: that proves this test can see them at all."""
    pad = tmp_path / "db.sqlite3"
    ctx = app.open_context(_cfg(pad, versleuteld))
    _vul(ctx)
    # Data both still in the WAL and checkpointed into the main file are covered.
    ruw_wal = _ruwe_bytes(tmp_path)
    with ctx.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.engine.dispose()
    ruw = ruw_wal + _ruwe_bytes(tmp_path)
    gevonden = {w: w.encode() in ruw for w in (NAAM, BSN, "hartpatiënt")}
    if versleuteld:
        assert gevonden == {NAAM: False, BSN: False, "hartpatiënt": False}
        assert encryptie.is_versleuteld(pad)
    else:
        assert gevonden == {NAAM: True, BSN: True, "hartpatiënt": True}
        assert not encryptie.is_versleuteld(pad)


def test_encrypted_database_reopens_with_the_key_from_the_keyring(tmp_path: Path,
                                                                  keyring_mem: GeheugenKeyring) -> None:
    pad = tmp_path / "db.sqlite3"
    ctx = app.open_context(_cfg(pad, True))
    cid = _vul(ctx)
    ctx.engine.dispose()
    sleutel = keyring_mem.get_password("consulent", "database")
    assert sleutel is not None and len(sleutel) == 64

    ctx2 = app.open_context(_cfg(pad, True))
    with transactie(ctx2) as s:
        assert s.scalar(select(m.Client.achternaam).where(m.Client.id == cid)) == NAAM
    ctx2.engine.dispose()
    # The plain driver cannot read it.
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(pad).execute("SELECT * FROM client").fetchall()


@pytest.mark.parametrize("versleuteld", [True, False], ids=["versleuteld", "onversleuteld"])
def test_both_engines_use_wal_and_synchronous_full(tmp_path: Path, versleuteld: bool) -> None:
    """WAL: a crash leaves the last committed state; synchronous=FULL: a returned commit survives power loss."""
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    eng = make_engine(url, sqlcipher_key=encryptie.nieuwe_sleutel() if versleuteld else None)
    with eng.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    eng.dispose()


def test_wrong_key_gives_a_clear_dutch_error(tmp_path: Path, keyring_mem: GeheugenKeyring) -> None:
    pad = tmp_path / "db.sqlite3"
    ctx = app.open_context(_cfg(pad, True))
    ctx.engine.dispose()
    keyring_mem.set_password("consulent", "database", encryptie.nieuwe_sleutel())
    with pytest.raises(DatabaseFout) as exc:
        app.open_context(_cfg(pad, True))
    assert "sleutel past niet" in str(exc.value)
    # A typed passphrase instead of a hex key: same clear refusal.
    with pytest.raises(DatabaseFout):
        make_engine(f"sqlite:///{pad}", sqlcipher_key="verkeerd wachtwoord")


def test_plain_database_opened_as_encrypted_is_refused_not_overwritten(tmp_path: Path,
                                                                       keyring_mem: GeheugenKeyring) -> None:
    pad = tmp_path / "db.sqlite3"
    ctx = app.open_context(_cfg(pad, False))
    _vul(ctx)
    ctx.engine.dispose()
    voor = pad.read_bytes()
    with pytest.raises(DatabaseFout) as exc:
        app.open_context(_cfg(pad, True))
    assert "nog niet versleuteld" in str(exc.value) and "consulent_app.db.encryptie" in str(exc.value)
    assert pad.read_bytes() == voor


def test_no_keyring_backend_gives_a_clear_dutch_error(tmp_path: Path) -> None:
    with keyring_van(geen_keyring()), pytest.raises(DatabaseFout) as exc:
        app.open_context(_cfg(tmp_path / "db.sqlite3", True))
    assert "sleutelbos" in str(exc.value)
    assert not (tmp_path / "db.sqlite3").exists()


def test_key_is_created_once_and_then_reused(keyring_mem: GeheugenKeyring) -> None:
    eerste = encryptie.sleutel_uit_keyring()
    assert encryptie.sleutel_uit_keyring() == eerste
    assert keyring_mem.data == {("consulent", "database"): eerste}


def test_existing_plain_database_can_be_converted(tmp_path: Path) -> None:
    """How a municipality switches an existing laptop over (see docs/beveiliging.md)."""
    plat = tmp_path / "plat.sqlite3"
    ctx = app.open_context(_cfg(plat, False))
    cid = _vul(ctx)
    ctx.engine.dispose()
    sleutel = encryptie.nieuwe_sleutel()
    doel = tmp_path / "versleuteld.sqlite3"
    encryptie.versleutel_bestand(plat, doel, sleutel)
    assert NAAM.encode() not in doel.read_bytes()
    eng = make_engine(f"sqlite:///{doel}", sqlcipher_key=sleutel)
    with eng.connect() as c:
        assert c.exec_driver_sql("SELECT achternaam FROM client WHERE id = ?", (cid,)).scalar() == NAAM
    eng.dispose()


def test_switching_an_existing_laptop_over_keeps_every_row(tmp_path: Path, keyring_mem: GeheugenKeyring,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """The documented procedure: close the app, `python -m consulent_app.db.encryptie`, set versleuteld = true."""
    pad = tmp_path / "db.sqlite3"
    ctx = app.open_context(_cfg(pad, False))
    cid = _vul(ctx)
    with transactie(ctx) as s:
        clienten = s.scalars(select(m.Client.achternaam).order_by(m.Client.id)).all()
    ctx.engine.dispose()
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{pad}"\n', encoding="utf-8")

    assert encryptie.main(["--config", str(config)]) == 0
    assert "versleuteld = true" in capsys.readouterr().out
    assert NAAM.encode() not in _ruwe_bytes(tmp_path)
    ctx2 = app.open_context(_cfg(pad, True))
    with transactie(ctx2) as s:
        assert s.scalars(select(m.Client.achternaam).order_by(m.Client.id)).all() == clienten
        assert s.get(m.Client, cid) is not None
    ctx2.engine.dispose()
    with pytest.raises(DatabaseFout) as exc:
        encryptie.versleutel_database(_cfg(pad, True))
    assert "al versleuteld" in str(exc.value)


# --- issue 15 point 5: set up right or not at all -----------------------------------------------------------------


def test_db_upgrade_honours_versleuteld_and_the_app_then_opens_it(tmp_path: Path,
                                                                  keyring_mem: GeheugenKeyring) -> None:
    from consulent_app import cli

    pad = tmp_path / "laptop.sqlite3"
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{pad}"\nversleuteld = true\n', encoding="utf-8")
    assert cli.main(["--config", str(config), "db", "upgrade"]) == 0
    assert encryptie.is_versleuteld(pad), "db upgrade made a plain file although versleuteld = true"
    assert keyring_mem.get_password("consulent", "database")
    ctx = app.open_context(_cfg(pad, True), upgrade=False)  # the application accepts what db upgrade made
    from consulent_app.db import migrate

    assert migrate.check_schema(ctx.engine) == "actueel"
    ctx.engine.dispose()


def test_a_plaintext_keyring_is_refused_in_dutch_and_no_key_is_written(tmp_path: Path) -> None:
    pytest.importorskip("keyrings.alt")
    from keyrings.alt.file import PlaintextKeyring

    onveilig = PlaintextKeyring()
    onveilig.file_path = str(tmp_path / "keyring_pass.cfg")  # type: ignore[misc]
    with keyring_van(onveilig), pytest.raises(DatabaseFout) as exc:
        app.open_context(_cfg(tmp_path / "db.sqlite3", True))
    assert "niet veilig" in str(exc.value) and "keyrings.alt" in str(exc.value)
    assert not (tmp_path / "keyring_pass.cfg").exists(), "the key must not be written in plain text"
    assert not (tmp_path / "db.sqlite3").exists() or (tmp_path / "db.sqlite3").stat().st_size == 0


def test_a_chain_with_an_os_keyring_first_uses_only_that_one(tmp_path: Path) -> None:
    pytest.importorskip("keyrings.alt")
    from keyring.backends import chainer
    from keyrings.alt.file import PlaintextKeyring

    veilig, onveilig = GeheugenKeyring(), PlaintextKeyring()
    onveilig.file_path = str(tmp_path / "keyring_pass.cfg")  # type: ignore[misc]
    veilig.priority = 5  # type: ignore[misc]
    ketting = chainer.ChainerBackend()
    with keyring_van(ketting):
        import unittest.mock

        with unittest.mock.patch.object(chainer.ChainerBackend, "backends", [veilig, onveilig]):
            sleutel = encryptie.sleutel_uit_keyring()
    assert veilig.data == {("consulent", "database"): sleutel}
    assert not (tmp_path / "keyring_pass.cfg").exists()
