"""What the start-up prepares while the user types (ui.main.bereid_voor, qt_typen_vooraf: issue 17) touches no
data and changes nothing of the login: a wrong password or an unknown name gets the same answer and no main window,
the right one the main window."""

from __future__ import annotations

import contextlib
import functools
import threading
import types
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import event, func, select

import ui.login
import ui.main
from consulent_app.db import models as m
from tests.factories import WACHTWOORD, Basis
from ui.login import LoginDialog
from ui.mainwindow import MainWindow

pytestmark = pytest.mark.ui


@pytest.fixture(autouse=True)
def _nog_geen_hoofdvenster(monkeypatch: pytest.MonkeyPatch) -> None:
    """As at the start of the application (an earlier test may have built a main window in this process)."""
    monkeypatch.setattr(ui.main, "hoofdvenster_gebouwd", threading.Event())
    monkeypatch.setattr(ui.login, "inloggen_gevraagd", threading.Event())


def _hoofdvensters() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def _probeer(qtbot: Any, dlg: LoginDialog, naam: str, wachtwoord: str) -> None:
    dlg.gebruikersnaam.setText(naam)
    dlg.wachtwoord.setText(wachtwoord)
    dlg.inlog_knop.click()
    qtbot.waitUntil(lambda: dlg.inlog_knop.isEnabled() or dlg.result() != 0, timeout=10_000)  # checked off the GUI thread


def _in_draad(fn: Any) -> None:
    """As in the application: the preparation runs on its own thread, never on the GUI thread."""
    fout: list[BaseException] = []

    def werk() -> None:
        try:
            fn()
        except BaseException as exc:  # noqa: BLE001 - raised again in the test
            fout.append(exc)

    draad = threading.Thread(target=werk)
    draad.start()
    draad.join()
    if fout:
        raise fout[0]


def _stand(basis: Basis) -> tuple[int, int, int]:
    with basis.ctx.session_factory() as s:
        return (s.scalar(select(func.count()).select_from(m.AuditEvent)) or 0,
                s.scalar(select(func.count()).select_from(m.Gebruiker)) or 0,
                s.scalar(select(func.sum(m.Gebruiker.mislukte_pogingen))) or 0)


def test_the_preparation_while_typing_reads_and_writes_nothing_of_the_database(
        basis: Basis, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing is read or written before somebody logged in: no statement reaches the database, so no personal
    data is read and no audit row or failed login is written (the statements are compiled on an empty copy)."""
    statements: list[str] = []

    def tel(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    voor = _stand(basis)
    monkeypatch.setattr(ui.main, "_bevriezen", {"mag": True})
    monkeypatch.setattr(ui.main.gc, "freeze", lambda: None)
    event.listen(basis.ctx.engine, "before_cursor_execute", tel)
    try:
        _in_draad(ui.main.bereid_voor)
        ui.main.bevries_opstart()  # what the GUI thread does when the preparation is done
        _in_draad(lambda: ui.main.oefen_statements(basis.ctx))
    finally:
        event.remove(basis.ctx.engine, "before_cursor_execute", tel)
    assert statements == []
    assert _stand(basis) == voor


def _gecompileerd_door(basis: Basis, fn: Any) -> list[str]:
    """The statements `fn` runs on the database that SQLAlchemy had to compile (not in its cache yet)."""
    gecompileerd: list[str] = []

    def kijk(_conn: Any, _cursor: Any, statement: str, _params: Any, context: Any, _many: bool) -> None:
        if context is not None and context.cache_hit is context.dialect.CACHE_MISS:
            gecompileerd.append(statement)

    event.listen(basis.ctx.engine, "after_cursor_execute", kijk)
    try:
        fn()
    finally:
        event.remove(basis.ctx.engine, "after_cursor_execute", kijk)
    return gecompileerd


def _thuislezing(basis: Basis, wie: str) -> Any:
    """The first read of the home screen of `wie`, as the screen makes it ("consulent met werk": a consultant with
    an open case and its request, whose list runs statements an empty one does not)."""
    from consulent_app.services import meldingen, planning
    from consulent_app.services.overzicht import Filter

    if wie == "consulent met werk":
        from tests.factories_zaak import maak_zaak

        maak_zaak(basis, beschikking=None)
        wie = "consulent"
    actor = basis[wie]
    if wie == "consulent":  # ui/pages/home_consulent.py
        return lambda: meldingen.mijn_werk(basis.ctx, actor)
    filt = Filter(actor.team_id)  # ui/pages/werkvoorraad.py: the user's own team
    return lambda: (planning.werkvoorraad(basis.ctx, actor, filt), planning.belasting(basis.ctx, actor, filt))


@pytest.mark.parametrize("wie", ["consulent", "consulent met werk", "planner"])
def test_the_home_screen_finds_its_statements_compiled(basis: Basis, wie: str) -> None:
    """After the preparation the first read of the home screen (and the session check before it) compiles
    nothing: every statement it runs comes from SQLAlchemy's cache."""
    lees = _thuislezing(basis, wie)
    _in_draad(lambda: ui.main.oefen_statements(basis.ctx))
    assert _gecompileerd_door(basis, lees) == []


@pytest.mark.parametrize("moment", ["Inloggen gedrukt", "hoofdvenster gebouwd"])
def test_a_user_quicker_than_the_preparation_is_not_slowed_by_it(qtbot: Any, basis: Basis, moment: str) -> None:
    """Once "Inloggen" is pressed (or the main window is being built) the statements compile as they run; the
    preparation stops instead of competing with the login."""
    if moment == "Inloggen gedrukt":
        dlg = LoginDialog(basis.ctx)
        qtbot.addWidget(dlg)
        dlg.show()
        _probeer(qtbot, dlg, "consulent", "niet-het-wachtwoord")
    else:
        ui.main.hoofdvenster_gebouwd.set()
    lees = _thuislezing(basis, "consulent")
    _in_draad(lambda: ui.main.oefen_statements(basis.ctx))
    assert _gecompileerd_door(basis, lees) != []


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
        # Only new windows count: one an earlier test left to deleteLater may go meanwhile.
        assert not set(_hoofdvensters()) - voor, "a failed login left (part of) a main window"
    assert antwoorden[0] == antwoorden[1] == "Onbekende gebruikersnaam of onjuist wachtwoord."
    _probeer(qtbot, dlg, "consulent", WACHTWOORD)
    assert dlg.result() == 1 and dlg.actor is not None and dlg.actor.gebruikersnaam == "consulent"


def _bereikbaar(fn: Any) -> list[Any]:
    """What a function reaches through its closure and defaults (and on through functions, partials, bound methods
    and containers), as a thread that holds the function holds it."""
    gezien: set[int] = set()
    stapel, uit = [fn], []
    while stapel:
        x = stapel.pop()
        if id(x) in gezien:
            continue
        gezien.add(id(x))
        uit.append(x)
        if isinstance(x, types.FunctionType):
            for cel in x.__closure__ or ():
                with contextlib.suppress(ValueError):  # an empty cell
                    stapel.append(cel.cell_contents)
            stapel.extend(x.__defaults__ or ())
        elif isinstance(x, types.MethodType):
            stapel.extend((x.__self__, x.__func__))
        elif isinstance(x, functools.partial):
            stapel.extend((x.func, *x.args, *x.keywords.values()))
        elif isinstance(x, list | tuple | set | frozenset):
            stapel.extend(x)
        elif isinstance(x, dict):
            stapel.extend(x.values())
    return uit


def test_the_password_check_off_the_gui_thread_holds_neither_the_dialog_nor_its_callbacks(
        qtbot: Any, basis: Basis, monkeypatch: pytest.MonkeyPatch) -> None:
    """The GUI thread lets the login dialog go as soon as it is accepted. A worker that still held it (its work
    closed over the dialog and the callbacks) deleted it on its own thread when it ended, and a QWidget deleted off
    the GUI thread deadlocks the program: the start hung at the main window (issue 17). What the worker holds
    reaches neither the dialog nor what runs on the GUI thread afterwards."""
    from ui import ops

    werk: list[Any] = []

    class Taak(ops._Taak):
        def __init__(self, fn: Any) -> None:
            super().__init__(fn)
            werk.append(fn)

    monkeypatch.setattr(ops, "_Taak", Taak)
    dlg = LoginDialog(basis.ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    _probeer(qtbot, dlg, "consulent", WACHTWOORD)
    assert dlg.result() == 1 and dlg.actor is not None
    assert len(werk) == 1
    bereikbaar = _bereikbaar(werk[0])
    assert not any(x is dlg for x in bereikbaar)
    assert not any(isinstance(x, types.MethodType | types.FunctionType) and x is not werk[0]
                   and getattr(x, "__qualname__", "").startswith("LoginDialog.") for x in bereikbaar)
