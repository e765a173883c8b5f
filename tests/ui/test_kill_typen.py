"""A kill at any moment loses nothing typed (issue 13): the real application process is killed (SIGKILL) while
typing in the investigation, again and again, some kills within 100 ms of the last key. After each restart the
field holds every letter that was typed before the kill (the journal is written first at the start)."""

from __future__ import annotations

import ast
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.factories import Basis
from tests.ui.test_ops import _onderzoek

pytestmark = [pytest.mark.ui, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")]

TYPER = Path(__file__).resolve().parents[1] / "kill_typer.py"
ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("CONSULENT_KILLS", "5"))  # CONSULENT_KILLS=50 for the long run


def _start(url: str, oid: int, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, str(TYPER), url, str(oid), *extra], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)


def _opgeslagen_tekst(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    regel = proc.stdout.readline()
    while regel and not regel.startswith("tekst "):
        regel = proc.stdout.readline()
    assert regel.startswith("tekst "), regel
    return str(ast.literal_eval(regel.removeprefix("tekst ").strip()))


def test_killing_the_application_while_typing_loses_no_letter(basis: Basis) -> None:
    oid = _onderzoek(basis)
    url = basis.ctx.config.resolved_database_url()
    basis.ctx.engine.dispose()
    rnd = random.Random(13)
    verwacht = ""
    for _ in range(KILLS):
        proc = _start(url, oid)
        opgeslagen = _opgeslagen_tekst(proc)
        # Everything typed before the last kill is there; at most the one letter whose print the kill beat.
        assert opgeslagen.startswith(verwacht) and len(opgeslagen) - len(verwacht) <= 1, (verwacht, opgeslagen)
        verwacht = opgeslagen
        assert proc.stdout is not None
        while proc.stdout.readline().strip() != "klaar":
            pass
        time.sleep(rnd.choice((0.05, 0.08, 0.3, 0.6, 1.2)))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        uit = proc.stdout.read()  # through the same buffer as readline (communicate would skip what it holds)
        verwacht += "".join(r.strip()[2:] for r in uit.splitlines() if r.startswith("L:") and len(r.strip()) == 3)
    proc = _start(url, oid, "alleen-openen")
    opgeslagen = _opgeslagen_tekst(proc)
    proc.wait(timeout=60)
    assert opgeslagen.startswith(verwacht) and len(opgeslagen) - len(verwacht) <= 1, (verwacht, opgeslagen)
    assert len(verwacht) > KILLS  # letters were typed in every run
