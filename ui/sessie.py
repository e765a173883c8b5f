"""One logged-in session at a time: log in, the main window, log out or switch user, and the forced log-out of a
session whose rights were revoked (switched off, moved to another team, another role).

Logging out closes every window of the session (the main window with all its pages, dialogs, previews), deletes
them and collects the garbage, so no client data stays in memory for the next user; then the login dialog comes
back. The core reports a revoked session through `base.bij_sessie_ingetrokken`, from whichever thread ran the use
case; a queued signal brings it to the GUI thread.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QWidget

from consulent_app.services.base import Actor, AppContext, bij_sessie_ingetrokken

# A screen smaller than this (a 1366x768 laptop, whose taskbar leaves about 1366x728) gets the window maximised, so
# nothing falls under the taskbar or off the screen; on a larger screen the window opens at its own size.
RUIM_SCHERM = QSize(1440, 900)


def moet_gemaximaliseerd(beschikbaar: QSize, minimum: QSize) -> bool:
    """Maximise on a small screen; not on one smaller than the window's minimum (maximising cannot help there, and
    Qt's offscreen test screen is such one)."""
    klein = beschikbaar.width() < RUIM_SCHERM.width() or beschikbaar.height() < RUIM_SCHERM.height()
    past = beschikbaar.width() >= minimum.width() and beschikbaar.height() >= minimum.height()
    return klein and past


def toon_venster(venster: QWidget) -> None:
    scherm = venster.screen()
    if scherm is not None and moet_gemaximaliseerd(scherm.availableGeometry().size(), venster.minimumSize()):
        venster.showMaximized()
    else:
        venster.show()

log = logging.getLogger(__name__)

INGETROKKEN = ("Uw account of uw rechten zijn gewijzigd sinds u inlogde: u bent uitgeschakeld, naar een ander "
               "team verplaatst of u heeft een andere rol gekregen. U bent uitgelogd. Log opnieuw in om verder "
               "te werken met de rechten die u nu heeft.")


class Sessie(QObject):
    """Owns the main window of the logged-in user. `start()` logs in; `uitloggen()` ends the session and asks
    for a (possibly other) user again; when nobody logs in the application quits."""

    _ingetrokken = Signal(int)
    gewisseld = Signal()  # a new main window is shown

    def __init__(self, ctx: AppContext, *, log_in: Callable[..., Actor | None] | None = None,
                 bouw: Callable[[AppContext, Actor], QWidget] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self._log_in = log_in
        self._bouw = bouw
        self.venster: QWidget | None = None
        self.actor: Actor | None = None
        self._sluitend = False
        self._ingetrokken.connect(self._na_intrekking, Qt.ConnectionType.QueuedConnection)
        self._afmelden = bij_sessie_ingetrokken(lambda a: self._ingetrokken.emit(a.gebruiker_id))

    def start(self, melding: str | None = None) -> bool:
        """Ask for a user and show the main window; False when the user gave up (the application should end)."""
        if self._log_in is not None:
            actor = self._log_in(self.ctx, None, **({"melding": melding} if melding else {}))
        else:
            from ui.login import log_in

            actor = log_in(self.ctx, None, **({"melding": melding} if melding else {}))
        if actor is None:
            return False
        self.actor = actor
        self.venster = self._maak_venster(actor)
        toon_venster(self.venster)
        self.gewisseld.emit()
        return True

    def _maak_venster(self, actor: Actor) -> QWidget:
        if self._bouw is not None:
            return self._bouw(self.ctx, actor)
        from ui.main import open_hoofdvenster

        venster = open_hoofdvenster(self.ctx, actor)
        uitloggen = getattr(venster, "uitloggen_gevraagd", None)
        if uitloggen is not None:
            uitloggen.connect(lambda: self.uitloggen())
        return venster

    def sluit_vensters(self) -> None:
        """Close and delete every window of the session and drop what they held."""
        if self._sluitend:
            # Closing waits for the writer and handles events meanwhile (MainWindow.closeEvent): a second report of
            # the revoked session (the change poll, a load) arrives then and must not close the windows again from
            # within the first close (they would be deleted under it).
            return
        self._sluitend = True
        try:
            # A load still running would fill a window being deleted. Results that arrive after this are dropped by
            # the operation layer: it delivers only to a screen that still exists (ui.ops), and these are deleted.
            QThreadPool.globalInstance().waitForDone(10_000)
            for w in QApplication.topLevelWidgets():
                # Closing waits a moment for the writer and handles events meanwhile: a window already on its way
                # out (deleteLater) may be deleted right then, under this loop.
                if shiboken6.isValid(w):
                    w.close()
                if shiboken6.isValid(w):
                    w.deleteLater()
            self.venster = None
            self.actor = None
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            gc.collect()
        finally:
            self._sluitend = False

    def uitloggen(self, melding: str | None = None) -> bool:
        """Log out and show the login dialog again; the application quits when nobody logs in."""
        if self.actor is not None:
            log.info("uitgelogd: gebruiker#%s", self.actor.gebruiker_id)
        self.sluit_vensters()
        if not self.start(melding):
            QApplication.quit()
            return False
        return True

    def _na_intrekking(self, gebruiker_id: int) -> None:
        if self._sluitend or self.actor is None or self.actor.gebruiker_id != gebruiker_id:
            return
        log.info("sessie ingetrokken; uitloggen")
        self.sluit_vensters()
        if not self.start(INGETROKKEN):
            QApplication.quit()

    def stop(self) -> None:
        self._afmelden()
