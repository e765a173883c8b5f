"""Long work off the UI thread: a QRunnable on the global QThreadPool, with progress, cancel and error reporting.

Usage from a page: `shell.run_task("PDF's maken", lambda progress, cancelled: core_fn(..., progress=progress,
is_cancelled=cancelled), on_done=...)`. `progress(done, total, text)` may be called from the worker thread;
`cancelled()` returns True once the user pressed Annuleren. Exceptions arrive in the UI thread as a Dutch message.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from consulent_app.errors import ConsulentFout, SessieIngetrokken


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(str)
    ingetrokken = Signal()  # the session's rights are gone: ui.sessie logs out, no message box here


class Task(QRunnable):
    def __init__(self, fn: Callable[..., Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(lambda done, total, text="": self.signals.progress.emit(int(done), int(total), text),
                             self.cancelled)
        except SessieIngetrokken:
            self.signals.ingetrokken.emit()
        except ConsulentFout as exc:
            self.signals.failed.emit(str(exc))
        except Exception:  # noqa: BLE001 - shown to the user, details to the log
            import logging

            # exc_info, not a formatted text: the log filter scrubs the exception and the traceback.
            logging.getLogger(__name__).error("achtergrondtaak mislukt", exc_info=True)
            self.signals.failed.emit("Er ging iets mis bij deze taak. Details staan in het logbestand.")
        else:
            self.signals.done.emit(result)


_running: set[Task] = set()


def vergeet_taken() -> None:
    """At log-out: results of tasks still on their way are dropped (deleting a task's signal object removes its
    queued deliveries), so no window of the next user is filled with the previous user's data."""
    for task in list(_running):
        task.cancel()
        task.signals.deleteLater()
    _running.clear()


def run_task(parent: QWidget | None, titel: str, fn: Callable[..., Any], *,
             on_done: Callable[[Any], None] | None = None, on_error: Callable[[str], None] | None = None,
             cancellable: bool = True, show_dialog: bool = True) -> Task:
    task = Task(fn)
    dialog: QProgressDialog | None = None
    if show_dialog:
        dialog = QProgressDialog(titel, "Annuleren" if cancellable else "", 0, 0, parent)
        dialog.setWindowTitle(titel)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(task.cancel)

        def on_progress(done: int, total: int, text: str) -> None:
            assert dialog is not None
            dialog.setMaximum(max(total, 0))
            dialog.setValue(done)
            if text:
                dialog.setLabelText(text)

        task.signals.progress.connect(on_progress)

    def finish() -> None:
        _running.discard(task)
        # Qt objects of a task are deleted in the GUI thread, never by Python's collector in a worker thread.
        task.signals.deleteLater()
        if dialog is not None:
            dialog.reset()
            dialog.close()
            dialog.deleteLater()

    def done(result: Any) -> None:
        finish()
        if on_done:
            on_done(result)

    def failed(msg: str) -> None:
        finish()
        if on_error:
            on_error(msg)
        else:
            QMessageBox.warning(parent, titel, msg)

    task.signals.done.connect(done)
    task.signals.failed.connect(failed)
    task.signals.ingetrokken.connect(finish)
    _running.add(task)
    QThreadPool.globalInstance().start(task)
    return task
