"""Logging out, switching user and the forced log-out of a revoked session (issue 15, points 1 and 9)."""

from __future__ import annotations

from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from consulent_app.services import beheer
from tests.factories import Basis
from tests.ui.venster_hulp import maak_actief
from ui.mainwindow import MainWindow
from ui.ops import wacht_op_alles
from ui.sessie import INGETROKKEN, Sessie

pytestmark = pytest.mark.ui


class NepLogin:
    """Stands in for the login dialog: hands out the given users in turn and remembers what it was told."""

    def __init__(self, basis: Basis, *namen: str) -> None:
        self.basis, self.namen, self.meldingen = basis, list(namen), []  # type: list[str | None]

    def __call__(self, ctx: Any, parent: Any = None, *, melding: str | None = None) -> Any:
        self.meldingen.append(melding)
        return self.basis[self.namen.pop(0)] if self.namen else None


def _zichtbare_teksten() -> str:
    teksten = []
    for w in QApplication.allWidgets():
        if isinstance(w, QLabel | QLineEdit):
            teksten.append(w.text())
    return "\n".join(teksten)


def _wacht(qtbot: Any) -> None:
    wacht_op_alles()  # the loads start once the screen has painted (ui.ops.eerst_tekenen), then come back
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)


def test_log_out_from_the_file_menu_clears_every_screen_and_asks_for_a_user_again(qtbot, basis: Basis,
                                                                                  monkeypatch) -> None:
    client = basis.client("Vermeulen-Testnaam")
    login = NepLogin(basis, "consulent", "planner")
    sessie = Sessie(basis.ctx, log_in=login)
    try:
        assert sessie.start()
        venster = sessie.venster
        assert isinstance(venster, MainWindow)
        venster.open_dossier(client)
        _wacht(qtbot)
        assert "Vermeulen-Testnaam" in _zichtbare_teksten()

        # The File menu has it, with its shortcut shown.
        acties = {a.text(): a for a in venster.menuBar().actions()[0].menu().actions()}  # type: ignore[union-attr]
        uit = acties["&Uitloggen of andere gebruiker…"]
        assert uit.shortcut().toString() == "Ctrl+Shift+L"
        uit.trigger()
        _wacht(qtbot)

        assert not shiboken6.isValid(venster), "the old main window must be deleted, not hidden"
        assert "Vermeulen-Testnaam" not in _zichtbare_teksten(), "the previous user's client is still in memory"
        nieuw = sessie.venster
        assert isinstance(nieuw, MainWindow) and nieuw.actor.gebruikersnaam == "planner" and nieuw.isVisible()
        assert all(not isinstance(w, MainWindow) or w is nieuw for w in QApplication.topLevelWidgets())
    finally:
        sessie.sluit_vensters()
        sessie.stop()


def test_the_shortcut_logs_out_too(qtbot, basis: Basis, monkeypatch) -> None:
    login = NepLogin(basis, "consulent")  # then nobody logs in: the application ends
    gestopt: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda *a: gestopt.append(True))
    sessie = Sessie(basis.ctx, log_in=login)
    try:
        assert sessie.start()
        venster = sessie.venster
        assert venster is not None
        maak_actief(qtbot, venster)
        qtbot.keyClick(QApplication.focusWidget() or venster, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        _wacht(qtbot)
        assert not shiboken6.isValid(venster)
        assert gestopt == [True]
        assert len(login.meldingen) == 2
    finally:
        sessie.stop()


def test_a_switched_off_user_is_logged_out_at_the_next_action_and_told_why(qtbot, basis: Basis) -> None:
    client = basis.client("Ingetrokken-Testnaam")
    login = NepLogin(basis, "consulent", "consulent2")
    sessie = Sessie(basis.ctx, log_in=login)
    try:
        assert sessie.start()
        venster = sessie.venster
        assert isinstance(venster, MainWindow)
        # The beheerder switches the consultant off while the consultant is logged in.
        g = next(x for x in beheer.gebruikers(basis.ctx, basis["beheerder"]) if x.gebruikersnaam == "consulent")
        beheer.deactiveer_gebruiker(basis.ctx, basis["beheerder"], g.id)

        venster.open_dossier(client)  # the next action: loading a dossier
        _wacht(qtbot)
        qtbot.waitUntil(lambda: not shiboken6.isValid(venster), timeout=5000)
        assert "Ingetrokken-Testnaam" not in _zichtbare_teksten()
        assert login.meldingen[-1] == INGETROKKEN  # the login dialog says why, in Dutch
        assert "U bent uitgelogd" in INGETROKKEN
        assert isinstance(sessie.venster, MainWindow) and sessie.venster.actor.gebruikersnaam == "consulent2"
    finally:
        sessie.sluit_vensters()
        sessie.stop()


def test_the_login_dialog_shows_why_the_session_ended(qtbot, basis: Basis) -> None:
    from ui.login import LoginDialog

    dlg = LoginDialog(basis.ctx, melding=INGETROKKEN)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.melding.isVisible() and dlg.melding.text() == INGETROKKEN


def test_the_lock_out_message_in_the_login_dialog_is_readable_in_full(qtbot, basis: Basis, tmp_path) -> None:
    from ui.login import LoginDialog, tekst_hoogte

    dlg = LoginDialog(basis.ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    for _ in range(basis.ctx.config.beveiliging.max_mislukte_pogingen + 1):
        dlg.gebruikersnaam.setText("consulent")
        dlg.wachtwoord.setText("fout-wachtwoord")
        dlg.inlog_knop.click()
        qtbot.waitUntil(dlg.inlog_knop.isEnabled, timeout=5000)  # checked off the GUI thread
    qtbot.wait(20)
    assert "tijdelijk geblokkeerd" in dlg.melding.text()
    # The wrapped text's own height (QLabel.heightForWidth would answer the minimum height the dialog set itself).
    nodig = tekst_hoogte(dlg.melding)
    assert nodig > 2 * dlg.melding.fontMetrics().height(), "the lock-out message wraps over three lines or more"
    assert dlg.melding.contentsRect().height() >= nodig, "the message is cut off"
    knop_boven = dlg.inlog_knop.mapTo(dlg, QPoint(0, 0)).y()
    assert dlg.melding.geometry().bottom() < knop_boven, "the message runs into the buttons"
    dlg.grab().save(str(tmp_path / "geblokkeerd.png"))


@pytest.mark.parametrize(("scherm", "gemaximaliseerd"), [
    ((1366, 728), True),   # a 1366x768 laptop with its taskbar (issue 16: the window opens maximised there)
    ((1280, 680), True),
    ((1920, 1040), False),  # room enough: the window keeps its own size
    ((800, 600), False),    # smaller than the window's minimum: maximising cannot help
])
def test_the_main_window_opens_maximised_on_a_small_screen(scherm: tuple[int, int], gemaximaliseerd: bool) -> None:
    from PySide6.QtCore import QSize

    from ui.sessie import moet_gemaximaliseerd

    assert moet_gemaximaliseerd(QSize(*scherm), QSize(1024, 640)) is gemaximaliseerd
