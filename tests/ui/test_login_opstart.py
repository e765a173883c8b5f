"""What the start-up prepares while the user types (ui.main.bereid_voor, qt_typen_vooraf: issue 17) touches no
data and changes nothing of the login: a wrong password or an unknown name gets the same answer and no main window,
the right one the main window."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine, event, func, select

import ui.main
from consulent_app.db import models as m
from tests.factories import WACHTWOORD, Basis
from ui.login import LoginDialog
from ui.mainwindow import MainWindow

pytestmark = pytest.mark.ui


def _hoofdvensters() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def _probeer(qtbot: Any, dlg: LoginDialog, naam: str, wachtwoord: str) -> None:
    dlg.gebruikersnaam.setText(naam)
    dlg.wachtwoord.setText(wachtwoord)
    dlg.inlog_knop.click()
    qtbot.waitUntil(lambda: dlg.inlog_knop.isEnabled() or dlg.result() != 0, timeout=10_000)  # checked off the GUI thread


def test_the_preparation_while_typing_runs_no_sql(basis: Basis, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing is read or written before somebody logged in: no statement at all, so no personal data and no
    audit row."""
    statements: list[str] = []

    def tel(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    with basis.ctx.session_factory() as s:
        audit_voor = s.scalar(select(func.count()).select_from(m.AuditEvent))
    monkeypatch.setattr(ui.main, "_bevriezen", {"mag": True})
    monkeypatch.setattr(ui.main.gc, "freeze", lambda: None)
    event.listen(Engine, "before_cursor_execute", tel)
    try:
        ui.main.bereid_voor()
        ui.main.bevries_opstart()  # what the GUI thread does when the preparation is done
    finally:
        event.remove(Engine, "before_cursor_execute", tel)
    assert statements == []
    with basis.ctx.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(m.AuditEvent)) == audit_voor


def test_after_the_preparation_a_wrong_password_or_name_gets_the_same_answer_and_no_main_window(
        qtbot: Any, basis: Basis) -> None:
    ui.main.bereid_voor()
    ui.main.qt_typen_vooraf()
    voor = set(_hoofdvensters())
    dlg = LoginDialog(basis.ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    antwoorden = []
    for naam, wachtwoord in (("consulent", "niet-het-wachtwoord"), ("bestaat-niet", WACHTWOORD)):
        _probeer(qtbot, dlg, naam, wachtwoord)
        antwoorden.append(dlg.melding.text())
        assert dlg.result() == 0 and dlg.isVisible()
        assert set(_hoofdvensters()) == voor, "a failed login left (part of) a main window"
    assert antwoorden[0] == antwoorden[1] == "Onbekende gebruikersnaam of onjuist wachtwoord."
    _probeer(qtbot, dlg, "consulent", WACHTWOORD)
    assert dlg.result() == 1 and dlg.actor is not None and dlg.actor.gebruikersnaam == "consulent"
