"""Child process of bench_opstart: starts as the user does and exits as soon as the target window is shown.

    python bench/_opstart_kind.py kaal          a bare PySide6 window (QApplication + QWidget), the baseline
    python bench/_opstart_kind.py login         `consulent-app --database URL` until the login window is on screen
    python bench/_opstart_kind.py hoofdvenster  same, logs in as `consulent` and waits for the home screen's data

Only the hooks below are added to the real start (cli.main): the login window counts once it is on screen (shown
before the database opens, or by QDialog.exec in older versions), QDialog.exec fills in the login and
QApplication.exec returns once the background loads are done. At that moment the child prints its CPU time
(user + system of all its threads, milliseconds) and ends at once (os._exit): what is measured is start to window,
not the interpreter's teardown after it (about 0.25 s for the whole application), which nobody waits for. The
bare window is measured the same way.
"""

from __future__ import annotations

import os
import sys
import time

DOEL = sys.argv[1]


def klaar() -> None:
    """The target window is shown: report this process's CPU time and end without teardown."""
    sys.stdout.write(f"{time.process_time() * 1000:.3f}\n")
    sys.stdout.flush()
    os._exit(0)


if DOEL == "kaal":
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv[:1])
    w = QLabel("Consulent")
    w.resize(460, 300)
    w.show()
    app.processEvents()
    klaar()

from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QThreadPool  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402


def _dialoog_exec(self: QDialog) -> int:
    self.show()
    QApplication.processEvents()
    if DOEL == "login":
        klaar()  # the login window is on screen: that is the moment measured
    self.gebruikersnaam.setText("consulent")  # type: ignore[attr-defined]
    self.wachtwoord.setText("demo-wachtwoord")  # type: ignore[attr-defined]
    self.probeer()  # type: ignore[attr-defined]
    # The password is checked off the GUI thread; the dialog closes itself when it is accepted.
    tot = time.monotonic() + 60
    while self.isVisible() and self.result() == 0 and time.monotonic() < tot:
        QApplication.processEvents()
        time.sleep(0.002)
    if self.result() == 0:
        raise SystemExit("inloggen mislukt")
    return int(self.result())


def _app_exec(self: QApplication) -> int:
    pool = QThreadPool.globalInstance()
    for _ in range(3):  # the home screen loads in a worker; its result arrives through the event loop
        QApplication.processEvents()
        pool.waitForDone(30_000)
    QApplication.processEvents()
    klaar()
    return 0


QDialog.exec = _dialoog_exec  # type: ignore[method-assign]

import ui.login  # noqa: E402 - light since issue 17: it loads no database code

if DOEL == "login" and hasattr(ui.login, "toon_vooraf"):  # the login window is shown before the database opens
    _echt_vooraf = ui.login.toon_vooraf

    def _vooraf(config: object) -> object:
        _echt_vooraf(config)  # type: ignore[arg-type]
        QApplication.processEvents()
        klaar()

    ui.login.toon_vooraf = _vooraf  # type: ignore[assignment]
QApplication.exec = _app_exec  # type: ignore[method-assign]

from consulent_app.cli import main  # noqa: E402

raise SystemExit(main(sys.argv[2:]))
