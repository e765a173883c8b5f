"""Crash safety: the application is killed (SIGKILL) while autosaving, again and again; nothing saved is lost.

A child process (tests/crash_schrijver.py) changes one field of a client in a loop through the normal use case
and prints every number after its commit returned. The parent kills it at a random moment, then opens the
database: it must pass SQLite's integrity check and hold the last reported value (or the one after it, when
the kill fell between commit and print). Each save also writes one audit row in the same transaction, so the
number of rows must equal the stored value: a save is there completely or not at all.
"""

from __future__ import annotations

import dataclasses
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from consulent_app import app
from consulent_app.config import load_defaults
from consulent_app.db import encryptie
from tests.factories import maak_basis
from tests.keyring_geheugen import GeheugenKeyring, keyring_van

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

SCHRIJVER = Path(__file__).with_name("crash_schrijver.py")
ROOT = Path(__file__).resolve().parent.parent


def _maak_database(pad: Path, sleutel: str | None) -> int:
    cfg = dataclasses.replace(load_defaults().with_database(f"sqlite:///{pad}"), versleuteld=sleutel is not None)
    backend = GeheugenKeyring()
    if sleutel:
        backend.set_password("consulent", "database", sleutel)
    with keyring_van(backend):
        ctx = app.open_context(cfg)
    cid = maak_basis(ctx).client("Crashtest")
    ctx.engine.dispose()
    return cid


def _open(pad: Path, sleutel: str | None) -> Any:
    return encryptie.connect(pad, sleutel) if sleutel else sqlite3.connect(pad)


def _toestand(pad: Path, sleutel: str | None, cid: int) -> tuple[str, int, int]:
    """(integrity_check, stored autosave number, number of committed saves in the audit log)."""
    conn = _open(pad, sleutel)
    try:
        integriteit = conn.execute("PRAGMA integrity_check").fetchone()[0]
        waarde = conn.execute("SELECT communicatie FROM client WHERE id = ?", (cid,)).fetchone()[0]
        saves = conn.execute("SELECT count(*) FROM audit_event WHERE object_type = 'client' AND object_id = ? "
                             "AND actie = 'wijzigen' AND details = 'communicatie'", (cid,)).fetchone()[0]
    finally:
        conn.close()
    return integriteit, int((waarde or "autosave 0").rsplit(" ", 1)[1]), int(saves)


def _een_ronde(pad: Path, sleutel: str | None, cid: int, rnd: random.Random, *, na_een_save: bool = False) -> int:
    """Start the writer, let it save for a random while, SIGKILL it; returns the last number it reported.
    `na_een_save`: the random while starts once the writer reported its first save (on a loaded machine five
    short whiles could all end before the first commit, and the test then proved nothing)."""
    env = dict(os.environ, CONSULENT_TEST_SLEUTEL=sleutel or "", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, str(SCHRIJVER), f"sqlite:///{pad}", str(cid)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    try:
        assert proc.stdout is not None
        eerste = proc.stdout.readline().strip()
        if eerste != "klaar":
            proc.kill()
            _, err = proc.communicate(timeout=30)
            pytest.fail(f"the writer did not start: {eerste!r}\n{err}")
        al_gemeld = proc.stdout.readline() if na_een_save else ""
        # Random moment: sometimes right away, mostly in the middle of a run of commits.
        time.sleep(rnd.choice([0.0, rnd.uniform(0.0, 0.05), rnd.uniform(0.05, 0.4)]))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        # Read through the same buffered file object as readline() above: communicate() would read the raw
        # pipe and miss numbers readline() had already buffered.
        uit, err = al_gemeld + proc.stdout.read(), proc.stderr.read() if proc.stderr else ""
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL, f"the writer stopped by itself:\n{err}"
    getallen = [int(r) for r in uit.split()]
    return getallen[-1] if getallen else 0


def _crash_lus(tmp_path: Path, kills: int, sleutel: str | None, seed: int) -> None:
    pad = tmp_path / "crash.sqlite3"
    cid = _maak_database(pad, sleutel)
    rnd = random.Random(seed)
    gemeld_max = 0
    deadline = time.monotonic() + 15 * 60  # bounded: a hanging child cannot keep the suite busy forever
    for ronde in range(kills):
        assert time.monotonic() < deadline, f"crash loop took too long (round {ronde})"
        gemeld = _een_ronde(pad, sleutel, cid, rnd, na_een_save=ronde == kills - 1 and gemeld_max == 0)
        gemeld_max = max(gemeld_max, gemeld)
        integriteit, opgeslagen, saves = _toestand(pad, sleutel, cid)
        context = f"seed {seed}, round {ronde}: reported {gemeld}, stored {opgeslagen}, saves {saves}"
        assert integriteit == "ok", context
        assert opgeslagen in (gemeld_max, gemeld_max + 1), context  # nothing reported as saved is lost
        assert saves == opgeslagen, context  # field and audit row: both or neither
        gemeld_max = opgeslagen
    assert gemeld_max > 0, "the writer never got to save anything: the test proved nothing"


def test_killed_while_autosaving_loses_nothing(tmp_path: Path) -> None:
    _crash_lus(tmp_path, kills=5, sleutel=None, seed=8)


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_killed_thirty_times_while_autosaving_loses_nothing(tmp_path: Path) -> None:
    _crash_lus(tmp_path, kills=30, sleutel=None, seed=int(time.time()))


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_encrypted_database_killed_while_autosaving_loses_nothing(tmp_path: Path) -> None:
    _crash_lus(tmp_path, kills=15, sleutel=encryptie.nieuwe_sleutel(), seed=int(time.time()))
