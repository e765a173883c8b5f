"""Child process of bench_opstart: starts as the user does and exits as soon as the target window is shown.

    python bench/_opstart_kind.py kaal          a bare PySide6 window (QApplication + QWidget), the baseline
    python bench/_opstart_kind.py login         `consulent-app --database URL` until the login window is on screen
    python bench/_opstart_kind.py hoofdvenster  same, logs in as `consulent` at once and waits for the home
                                                screen's data
    python bench/_opstart_kind.py getypt        same, but the user types for TYPTIJD seconds (2 s;
                                                CONSULENT_BENCH_TYPTIJD) after the login window shows: reported is
                                                what the user waits for, start to login window plus "Inloggen" to
                                                the home screen's data (CPU of all threads in those two spans)
    python bench/_opstart_kind.py gc            as getypt, then opens eight of the consultant's screens and
                                                reports the CPU time of one full garbage collection on the GUI
                                                thread, as the application's collector does it (ui.main)
    python bench/_opstart_kind.py gc-onbevroren  the same without freezing the start-up's objects (as before)

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
import threading
import time

DOEL = sys.argv[1]
TYPTIJD = float(os.environ.get("CONSULENT_BENCH_TYPTIJD", "2"))
_getypt = threading.Event()
_cpu: dict[str, float] = {}


def klaar() -> None:
    """The target window is shown: report this process's CPU time and end without teardown. With typing: the CPU
    time until the login window showed plus that from the moment "Inloggen" was pressed."""
    cpu = time.process_time()
    if DOEL == "getypt":
        cpu = _cpu["login"] + (cpu - _cpu["klik"])
    if DOEL.startswith("gc"):
        cpu = _cpu["gc"]
    sys.stdout.write(f"{cpu * 1000:.3f}\n")
    sys.stdout.flush()
    os._exit(0)


def _typ() -> None:
    """The user types user name and password and presses Enter TYPTIJD seconds after the login window showed.
    The CPU mark is taken then, on this thread, whatever the GUI thread is busy with: work still running at that
    moment counts as waiting."""
    time.sleep(TYPTIJD)
    _cpu["klik"] = time.process_time()
    _getypt.set()


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

# Only the classes the start itself imports before its login window (the others in the hooks, when they run: each
# PySide6 class's Python type is made on its first import, which would count against the application).
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402


def _dialoog_exec(self: QDialog) -> int:
    from PySide6.QtCore import QEventLoop, QTimer

    self.show()
    QApplication.processEvents()
    if DOEL == "login":
        klaar()  # the login window is on screen: that is the moment measured
    while DOEL in ("getypt", "gc", "gc-onbevroren") and not _getypt.is_set():
        QApplication.processEvents()
        time.sleep(0.002)
    self.gebruikersnaam.setText("consulent")  # type: ignore[attr-defined]
    self.wachtwoord.setText("demo-wachtwoord")  # type: ignore[attr-defined]
    # The password is checked off the GUI thread; the dialog closes itself when it is accepted. Meanwhile the GUI
    # thread waits in an event loop, as in the real QDialog.exec (polling here cost the GUI thread CPU that the
    # application does not spend, and counted it).
    lus = QEventLoop()
    self.finished.connect(lus.quit)
    QTimer.singleShot(60_000, lus.quit)
    self.probeer()  # type: ignore[attr-defined]
    if self.isVisible() and self.result() == 0:
        lus.exec()
    if self.result() == 0:
        raise SystemExit("inloggen mislukt")
    return int(self.result())


def _app_exec(self: QApplication) -> int:
    from PySide6.QtCore import QThreadPool

    pool = QThreadPool.globalInstance()
    for _ in range(3):  # the home screen loads in a worker; its result arrives through the event loop
        QApplication.processEvents()
        pool.waitForDone(30_000)
    QApplication.processEvents()
    if DOEL.startswith("gc"):
        import gc

        venster = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "hoofdvenster")
        for key in [k for k, s in venster.specs.items() if s.in_menu][:8]:  # type: ignore[attr-defined]
            venster.open_page(key)  # type: ignore[attr-defined]
            for _ in range(3):
                QApplication.processEvents()
                pool.waitForDone(30_000)
        t0 = time.process_time()
        gc.collect()
        _cpu["gc"] = time.process_time() - t0
    klaar()
    return 0


QDialog.exec = _dialoog_exec  # type: ignore[method-assign]

import ui.login  # noqa: E402 - light since issue 17: it loads no database code

if DOEL == "gc-onbevroren":
    import ui.main

    ui.main.bevries_opstart = lambda: None  # type: ignore[assignment]
if DOEL in ("login", "getypt", "gc", "gc-onbevroren") and hasattr(ui.login, "toon_vooraf"):  # shown before the database opens
    _echt_vooraf = ui.login.toon_vooraf

    def _vooraf(config: object) -> object:
        dlg = _echt_vooraf(config)  # type: ignore[arg-type]
        QApplication.processEvents()
        if DOEL == "login":
            klaar()
        _cpu["login"] = time.process_time()
        threading.Thread(target=_typ, daemon=True).start()
        return dlg

    ui.login.toon_vooraf = _vooraf  # type: ignore[assignment]
QApplication.exec = _app_exec  # type: ignore[method-assign]

from consulent_app.cli import main  # noqa: E402

raise SystemExit(main(sys.argv[2:]))
