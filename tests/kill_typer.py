"""Child process for tests/ui/test_kill_typen.py: the real main window types in the investigation until killed.

Opens the investigation (the operation layer first writes what the journal of a killed run still holds), prints
"tekst <repr of the stored field>" once it is quiet, then "klaar", then types one letter at a time into step 1's
first field, printing each letter after the key was handled (the journal entry is written in that handler).
Usage: python tests/kill_typer.py <database-url> <onderzoek_id> [alleen-openen]   (journal: CONSULENT_DATA_DIR)
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QPlainTextEdit  # noqa: E402

from consulent_app.config import load_defaults  # noqa: E402
from consulent_app.db.engine import make_engine  # noqa: E402
from consulent_app.services import onderzoek as svc  # noqa: E402
from consulent_app.services.base import AppContext, actor_by_username  # noqa: E402
from ui.main import maak_app  # noqa: E402
from ui.mainwindow import build_main_window  # noqa: E402
from ui.ops import wacht_op_alles  # noqa: E402


def main() -> None:
    url, oid = sys.argv[1], int(sys.argv[2])
    alleen_openen = len(sys.argv) > 3
    qapp = maak_app()
    ctx = AppContext(config=load_defaults().with_database(url), engine=make_engine(url))
    actor = actor_by_username(ctx, "consulent")
    w = build_main_window(ctx, actor)
    w.show()
    w.open_page("onderzoek", onderzoek_id=oid)
    page = w.pages["onderzoek"]
    einde = time.monotonic() + 30
    while getattr(page, "view", None) is None and time.monotonic() < einde:
        qapp.processEvents()
        time.sleep(0.01)
    wacht_op_alles(30)
    print("tekst", repr(svc.haal_onderzoek(ctx, actor, oid).stap(1).velden.get("client_woorden") or ""), flush=True)
    if alleen_openen:
        return
    ed = page.stappen[1].velden.editors["client_woorden"]  # type: ignore[attr-defined]
    assert isinstance(ed, QPlainTextEdit)
    ed.setFocus()
    ed.moveCursor(QTextCursor.MoveOperation.End)
    print("klaar", flush=True)
    rnd = random.Random()
    for i in range(100_000):
        letter = "abcdefghijklmnopqrstuvwxyz"[i % 26]
        QTest.keyClick(ed, letter)
        print(f"\nL:{letter}", flush=True)  # on a line of its own, whatever else was written
        pauze = time.monotonic() + rnd.choice((0.0, 0.02, 0.05, 0.35))  # typing, and pauses past the 300 ms
        while time.monotonic() < pauze:
            qapp.processEvents()
            time.sleep(0.005)
    _ = Qt


if __name__ == "__main__":
    main()
