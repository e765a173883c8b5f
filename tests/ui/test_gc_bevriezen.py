"""The start-up's objects are frozen for the garbage collector (gc.freeze) once they are imported and before the
first main window; a session's objects never are (issue 17: a full collection on the GUI thread walked all of
SQLAlchemy, PySide6 and the screens every time, 0.65 s on a busy machine)."""

from __future__ import annotations

import threading

import pytest

import ui.main


@pytest.fixture
def bevriezingen(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    gedaan: list[int] = []
    monkeypatch.setattr(ui.main, "voorbereid", threading.Event())
    monkeypatch.setattr(ui.main, "_bevriezen", {"mag": True})
    monkeypatch.setattr(ui.main.gc, "freeze", lambda: gedaan.append(1))
    return gedaan


def test_frozen_once_after_the_preparation_and_not_before(bevriezingen: list[int]) -> None:
    ui.main.bevries_opstart()  # the collector's tick while the modules are still being imported
    assert bevriezingen == []
    ui.main.voorbereid.set()
    ui.main.bevries_opstart()
    ui.main.bevries_opstart()
    assert bevriezingen == [1]
    ui.main.geen_bevriezing_meer()
    assert bevriezingen == [1]


def test_a_user_quicker_than_the_preparation_gets_nothing_frozen(bevriezingen: list[int]) -> None:
    ui.main.geen_bevriezing_meer()  # the main window is built before bereid_voor is done
    ui.main.voorbereid.set()
    ui.main.bevries_opstart()
    assert bevriezingen == []


def test_the_main_window_freezes_what_was_prepared_before_it_is_built(bevriezingen: list[int]) -> None:
    ui.main.voorbereid.set()  # prepared, but the collector's tick has not come yet
    ui.main.geen_bevriezing_meer()
    assert bevriezingen == [1]
    ui.main.bevries_opstart()
    assert bevriezingen == [1]


def test_freezing_first_completes_qt_types_and_leaves_no_widget_behind(bevriezingen: list[int], qtbot) -> None:
    """The throwaway widgets that make PySide6 complete its types while the user types are gone afterwards."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    # Windows an earlier test left for deletion go first, so only this test's widgets are compared.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    voor = set(QApplication.topLevelWidgets())
    ui.main.voorbereid.set()
    ui.main.bevries_opstart()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert bevriezingen == [1]
    assert set(QApplication.topLevelWidgets()) - voor == set(), "a throwaway widget was left behind"


def test_the_end_of_the_preparation_freezes_at_once_on_the_gui_thread(bevriezingen: list[int], qtbot,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """bereid_voor ends on its own thread; the freezing (and the completing of Qt's types) follows on the GUI
    thread as soon as it is told, not at the collector's next tick a second later (often after "Inloggen")."""
    na = ui.main._NaVoorbereiden()
    op_gui_thread: list[bool] = []
    echt = ui.main.bevries_opstart

    def bevries() -> None:
        op_gui_thread.append(threading.current_thread() is threading.main_thread())
        echt()

    monkeypatch.setattr(ui.main, "bevries_opstart", bevries)

    def klaar_in_draad() -> None:
        ui.main.voorbereid.set()
        na.klaar.emit()

    draad = threading.Thread(target=klaar_in_draad)
    draad.start()
    draad.join()
    qtbot.waitUntil(lambda: bevriezingen == [1], timeout=2000)
    assert op_gui_thread == [True]
