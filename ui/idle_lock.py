"""Locks the application after idle time, on lid close / screen lock / sleep; unlocking needs the password.

Locking hides nothing and closes nothing: every open window (also a half-filled dialog) gets an opaque cover,
and an application-modal dialog asks for the password. Widgets, their unsaved input and the autosave timers stay
as they are. Wire it in the main window with one line:

    self.idle_lock = idle_lock.install(self, ctx, actor)

Signals used where the platform gives them: QGuiApplication.applicationStateChanged (hidden / suspended),
a jump of the wall clock (the laptop slept with the lid closed: works everywhere), on Linux the D-Bus
screensaver and logind sleep signals, on Windows session lock and suspend messages.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consulent_app import oidc
from consulent_app.services import auth
from consulent_app.services.base import Actor, AppContext
from ui.ops import achtergrond, fout_tekst
from ui.widgets import wis_fout_bij_verbetering

log = logging.getLogger(__name__)

ACTIVITEIT = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TabletPress,
    QEvent.Type.InputMethod,
})
CONTROLE_MS = 5_000  # how often idle time is checked; idle precision does not need to be better


class _Scherm(QWidget):
    """An opaque cover over one window: nothing of a dossier is readable while locked."""

    def __init__(self, venster: QWidget) -> None:
        super().__init__(venster)
        self.setObjectName("vergrendelscherm")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        self.setStyleSheet("#vergrendelscherm { background: #1f3a5f; } #vergrendelscherm QLabel "
                           "{ color: white; font-size: 18px; }")
        lay = QVBoxLayout(self)
        tekst = QLabel("Consulent is vergrendeld")
        tekst.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(tekst)
        self.setGeometry(venster.rect())
        self.raise_()
        self.show()


class OntgrendelDialoog(QDialog):
    """Asks the password of the logged-in user. Escape or the close button do not unlock."""

    ontgrendeld = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.setObjectName("ontgrendelen")
        self.setWindowTitle("Consulent is vergrendeld")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.setMinimumWidth(460)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 24, 28, 20)
        lay.setSpacing(10)
        via_idp = actor.aanmelding == "oidc" and ctx.config.oidc.aan
        uitleg = QLabel(
            f"Ingelogd als <b>{_html(actor.naam)}</b> ({_html(actor.gebruikersnaam)}).<br>"
            "Consulent is vergrendeld omdat u een tijd niets deed of uw scherm vergrendelde. "
            "Uw invoer is bewaard. " + ("Log opnieuw in bij de gemeente om verder te werken." if via_idp
                                        else "Vul uw wachtwoord in om verder te werken."))
        uitleg.setWordWrap(True)
        lay.addWidget(uitleg)
        # Locking with writes still waiting says so; they stay in the journal and go on being retried meanwhile.
        self.opslag = QLabel()
        self.opslag.setObjectName("opslagstand")
        self.opslag.setWordWrap(True)
        self.opslag.hide()
        lay.addWidget(self.opslag)
        ops = getattr(parent.window() if parent is not None else None, "ops", None)
        if ops is not None:
            ops.stand.connect(self._toon_stand)
            self._toon_stand(ops.huidige_stand(vers=True))
        label = QLabel("&Wachtwoord")
        self.wachtwoord = QLineEdit()
        self.wachtwoord.setObjectName("wachtwoord")
        self.wachtwoord.setEchoMode(QLineEdit.EchoMode.Password)
        label.setBuddy(self.wachtwoord)
        lay.addWidget(label)
        lay.addWidget(self.wachtwoord)
        self.fout = QLabel()
        self.fout.setObjectName("veldfout")
        self.fout.setStyleSheet("color: #b00020;")
        self.fout.setWordWrap(True)
        self.fout.hide()
        wis_fout_bij_verbetering(self.wachtwoord, self.fout)
        lay.addWidget(self.fout)
        knoppen = QDialogButtonBox()
        self.ok = knoppen.addButton("&Ontgrendelen", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        # Signed in at the municipality's IdP: unlocking asks the IdP again (no local password is known).
        self.open_browser = oidc.open_in_browser
        self.oidc_knop: QPushButton | None = None
        if via_idp:
            label.hide()
            self.wachtwoord.hide()
            self.ok.hide()
            self.oidc_knop = knoppen.addButton("&Opnieuw inloggen bij de gemeente…",
                                               QDialogButtonBox.ButtonRole.AcceptRole)
            self.oidc_knop.setDefault(True)
            self.oidc_knop.clicked.connect(lambda: self.probeer_oidc())
        self.afsluiten = knoppen.addButton("&Afsluiten…", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.afsluiten.setAutoDefault(False)
        self.ok.clicked.connect(self.probeer)
        self.afsluiten.clicked.connect(self._afsluiten)
        lay.addWidget(knoppen)
        self.wachtwoord.setFocus()

    def probeer(self) -> None:
        wachtwoord = self.wachtwoord.text()
        if not wachtwoord:
            self._toon_fout("Vul uw wachtwoord in.")
            return
        ctx, actor = self.ctx, self.actor
        self.ok.setEnabled(False)

        def mislukt(exc: BaseException) -> None:
            self.ok.setEnabled(True)
            self.wachtwoord.clear()  # first: typing again (a change of the field) takes the message away
            self._toon_fout(fout_tekst(exc))
            self.wachtwoord.setFocus()

        def gelukt(_u: object) -> None:
            self.ok.setEnabled(True)
            self.wachtwoord.clear()
            self.fout.hide()
            self.ontgrendeld.emit()
            self.accept()

        # argon2 (~150 ms) and the database off the GUI thread: the locked window keeps painting.
        achtergrond(self, lambda: auth.controleer_ontgrendeling(ctx, actor, wachtwoord), gelukt, mislukt)

    def probeer_oidc(self) -> None:
        assert self.oidc_knop is not None
        ctx, actor, browser = self.ctx, self.actor, self.open_browser
        self.oidc_knop.setEnabled(False)
        self._toon_fout("Log in via het browservenster dat nu opent.")

        def opnieuw() -> None:
            claims = oidc.meld_aan(ctx.config.oidc, browser, opnieuw=True)
            auth.controleer_ontgrendeling_oidc(ctx, actor, claims)

        def gelukt(_: object) -> None:
            self.fout.hide()
            self.ontgrendeld.emit()
            self.accept()

        def mislukt(exc: BaseException) -> None:
            if self.oidc_knop is not None:
                self.oidc_knop.setEnabled(True)
            self._toon_fout(fout_tekst(exc))

        achtergrond(self, opnieuw, gelukt, mislukt)

    def _toon_stand(self, stand: Any) -> None:
        if stand.wachtend:
            self.opslag.setText(f"{stand.tekst()}. {stand.wachtend} wijziging(en) wachten op de database; ze "
                                "blijven op deze computer bewaard en worden opgeslagen zodra het kan.")
        self.opslag.setVisible(bool(stand.wachtend))

    def _toon_fout(self, tekst: str) -> None:
        self.fout.setText(tekst)
        self.fout.show()
        # Wrapped labels keep the height the dialog was laid out with: give each the height its text needs.
        breedte = max(self.width(), self.minimumWidth()) - 56
        for label in self.findChildren(QLabel):
            if label.wordWrap() and not label.isHidden():
                label.setMinimumHeight(label.heightForWidth(breedte))
        self.adjustSize()

    def _afsluiten(self) -> None:
        antwoord = QMessageBox.question(
            self, "Consulent afsluiten",
            "Consulent afsluiten zonder te ontgrendelen? Wat automatisch is opgeslagen blijft bewaard; "
            "invoer in een venster dat nog niet is opgeslagen gaat verloren.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if antwoord == QMessageBox.StandardButton.Yes:
            QApplication.quit()

    def reject(self) -> None:  # Escape: stay locked
        pass

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        event.ignore()


def _html(tekst: str) -> str:
    return tekst.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class IdleLock(QObject):
    """Watches user input application-wide and locks after `na_seconden` without input (0 or less: never)."""

    vergrendeld = Signal()
    ontgrendeld = Signal()

    def __init__(self, window: QWidget, ctx: AppContext, actor: Actor, *, na_seconden: float | None = None,
                 klok: Callable[[], float] = time.monotonic, wandklok: Callable[[], float] = time.time) -> None:
        super().__init__(window)
        self.window, self.ctx, self.actor = window, ctx, actor
        minuten = ctx.config.beveiliging.vergrendel_na_minuten
        self.na_seconden = float(minuten) * 60 if na_seconden is None else float(na_seconden)
        self._klok, self._wandklok = klok, wandklok
        self._laatste = klok()
        self._vorige_tik = (klok(), wandklok())
        self._schermen: list[_Scherm] = []
        self.dialoog: OntgrendelDialoog | None = None
        self._native: QAbstractNativeEventFilter | None = None

        app = QApplication.instance()
        assert app is not None, "IdleLock needs a QApplication"
        self._luistert = False
        self._luister()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._staat_gewijzigd)
        self._timer = QTimer(self)
        interval = CONTROLE_MS if self.na_seconden <= 0 else min(CONTROLE_MS, max(self.na_seconden * 1000 / 4, 50))
        self._timer.setInterval(int(interval))
        self._timer.timeout.connect(self.controleer)
        self._timer.start()  # also with the idle lock off: sleep is still noticed
        self._koppel_platform()

    # --- state -------------------------------------------------------------------------------------------------

    def is_vergrendeld(self) -> bool:
        return self.dialoog is not None

    def inactief_seconden(self) -> float:
        return self._klok() - self._laatste

    def activiteit(self) -> None:
        self._laatste = self._klok()

    # --- triggers ----------------------------------------------------------------------------------------------

    def _luister(self) -> None:
        if not self._luistert:
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
                self._luistert = True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        t = event.type()
        if t in ACTIVITEIT and self.dialoog is None:
            self._laatste = self._klok()
            # One sign of life per check is enough: the filter goes until the next check (`controleer`), so not
            # every event of the window runs Python here (each waiting for the GIL while a background read runs:
            # the stalls of issue 13). Idle time is then known to within one check interval.
            if not self._schermen:
                app = QApplication.instance()
                if app is not None:
                    app.removeEventFilter(self)
                self._luistert = False
        elif t == QEvent.Type.Resize and self._schermen:
            for scherm in self._schermen:
                if scherm.parent() is obj and isinstance(obj, QWidget):
                    scherm.setGeometry(obj.rect())
        return False

    @Slot()
    def controleer(self) -> None:
        """Periodic check: idle too long, or the wall clock jumped (the machine slept, e.g. lid closed)."""
        mono, wand = self._klok(), self._wandklok()
        vorige_mono, vorige_wand = self._vorige_tik
        self._vorige_tik = (mono, wand)
        self._luister()
        if self.dialoog is not None:
            return
        # While a machine sleeps the monotonic clock stops on most systems, the wall clock does not.
        geslapen = (wand - vorige_wand) - (mono - vorige_mono)
        if geslapen > max(60.0, self.na_seconden / 2):
            log.info("slaapstand gedetecteerd; vergrendelen")
            self.vergrendel()
        elif self.na_seconden > 0 and mono - self._laatste >= self.na_seconden:
            self.vergrendel()

    @Slot(Qt.ApplicationState)
    def _staat_gewijzigd(self, staat: Qt.ApplicationState) -> None:
        # Inactive (another program has focus) is normal work; hidden or suspended means the user left.
        if staat in (Qt.ApplicationState.ApplicationHidden, Qt.ApplicationState.ApplicationSuspended):
            self.vergrendel()

    @Slot(bool)
    def _schermbeveiliging(self, actief: bool) -> None:
        if actief:
            self.vergrendel()

    @Slot(bool)
    def _slaapstand(self, gaat_slapen: bool) -> None:
        if gaat_slapen:
            self.vergrendel()

    # --- lock and unlock ---------------------------------------------------------------------------------------

    def vergrendel(self) -> None:
        if self.dialoog is not None:
            return
        log.info("applicatie vergrendeld")
        vensters = [w for w in QApplication.topLevelWidgets()
                    if w.isVisible() and not isinstance(w, OntgrendelDialoog)]
        if self.window not in vensters and self.window.isVisible():
            vensters.append(self.window)
        self._schermen = [_Scherm(w) for w in vensters]
        self._luister()  # while locked the covers follow their windows' size
        self.dialoog = OntgrendelDialoog(self.ctx, self.actor, self.window)
        self.dialoog.ontgrendeld.connect(self._na_ontgrendelen)
        self.dialoog.open()
        self.dialoog.raise_()
        self.dialoog.activateWindow()
        self.vergrendeld.emit()

    def _na_ontgrendelen(self) -> None:
        for scherm in self._schermen:
            scherm.hide()
            scherm.deleteLater()
        self._schermen = []
        if self.dialoog is not None:
            self.dialoog.deleteLater()
        self.dialoog = None
        self._laatste = self._klok()
        self._vorige_tik = (self._klok(), self._wandklok())
        log.info("applicatie ontgrendeld")
        self.ontgrendeld.emit()

    # --- platform signals --------------------------------------------------------------------------------------

    def _koppel_platform(self) -> None:
        try:
            if sys.platform.startswith("linux"):
                self._koppel_dbus()
            elif sys.platform == "win32":
                self._koppel_windows()
        except Exception:  # noqa: BLE001 - a missing platform service must never stop the application
            log.info("geen systeemsignalen voor vergrendelen beschikbaar", exc_info=True)

    def _koppel_dbus(self) -> None:
        from PySide6.QtCore import SLOT
        from PySide6.QtDBus import QDBusConnection

        sessie = QDBusConnection.sessionBus()
        if sessie.isConnected():
            for service, pad in (("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
                                 ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver")):
                sessie.connect(service, pad, service, "ActiveChanged", self, SLOT("_schermbeveiliging(bool)"))  # type: ignore[call-overload]
        systeem = QDBusConnection.systemBus()
        if systeem.isConnected():
            systeem.connect("org.freedesktop.login1", "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
                            "PrepareForSleep", self, SLOT("_slaapstand(bool)"))  # type: ignore[call-overload]

    def _koppel_windows(self) -> None:
        import ctypes
        from ctypes import wintypes

        wm_wtssession_change, wts_session_lock = 0x02B1, 0x7
        wm_powerbroadcast, pbt_apmsuspend = 0x0218, 0x4
        lock = self

        class _Filter(QAbstractNativeEventFilter):
            def nativeEventFilter(self, event_type: Any, message: Any) -> Any:  # noqa: N802 - Qt name
                try:
                    if bytes(event_type) == b"windows_generic_MSG":
                        msg = wintypes.MSG.from_address(int(message))
                        if (msg.message == wm_wtssession_change and msg.wParam == wts_session_lock) or (
                                msg.message == wm_powerbroadcast and msg.wParam == pbt_apmsuspend):
                            QTimer.singleShot(0, lock.vergrendel)
                except Exception:  # noqa: BLE001 - never disturb the message loop
                    pass
                return False, 0

        self._native = _Filter()
        app = QApplication.instance()
        assert app is not None
        app.installNativeEventFilter(self._native)
        ctypes.windll.wtsapi32.WTSRegisterSessionNotification(int(self.window.winId()), 0)  # type: ignore[attr-defined]


def install(window: QWidget, ctx: AppContext, actor: Actor) -> IdleLock:
    """Start watching for idle time and screen lock for this main window; lives as long as the window."""
    return IdleLock(window, ctx, actor)
