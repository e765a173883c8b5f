"""The idle lock: locks after idle time and when the user leaves, unlocks only with the password, keeps input."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout, QWidget

from tests.factories import WACHTWOORD, Basis
from ui.idle_lock import IdleLock, OntgrendelDialoog, _Scherm, install
from ui.ops import wacht_op_alles

pytestmark = pytest.mark.ui


class Klok:
    def __init__(self) -> None:
        self.mono = 1000.0
        self.wand = 1_800_000_000.0

    def verder(self, seconden: float, *, geslapen: float = 0.0) -> None:
        self.mono += seconden
        self.wand += seconden + geslapen


@pytest.fixture
def venster(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    w = QWidget()
    w.setWindowTitle("Dossier")
    lay = QVBoxLayout(w)
    w.invoer = QLineEdit()  # type: ignore[attr-defined]
    lay.addWidget(w.invoer)  # type: ignore[attr-defined]
    qtbot.addWidget(w)
    w.resize(900, 600)
    w.show()
    qtbot.waitExposed(w)
    return w


def _ontgrendel(qtbot, lock: IdleLock, wachtwoord: str) -> None:  # type: ignore[no-untyped-def]
    assert lock.dialoog is not None
    lock.dialoog.wachtwoord.setText(wachtwoord)
    qtbot.mouseClick(lock.dialoog.ok, Qt.MouseButton.LeftButton)
    wacht_op_alles()  # the password is checked off the GUI thread (argon2)


def test_locks_after_the_idle_time_and_keeps_unsaved_input(qtbot, basis: Basis, venster: QWidget) -> None:  # type: ignore[no-untyped-def]
    venster.invoer.setText("nog niet opgeslagen tekst")  # type: ignore[attr-defined]
    klok = Klok()
    lock = IdleLock(venster, basis.ctx, basis["consulent"], na_seconden=300, klok=lambda: klok.mono,
                    wandklok=lambda: klok.wand)
    klok.verder(299)
    lock.controleer()
    assert not lock.is_vergrendeld()
    klok.verder(2)
    lock.controleer()
    assert lock.is_vergrendeld()
    schermen = [c for c in venster.findChildren(_Scherm) if c.isVisible()]
    assert len(schermen) == 1 and schermen[0].geometry() == venster.rect(), "the content is covered"
    assert lock.dialoog is not None and lock.dialoog.isVisible() and lock.dialoog.isModal()

    _ontgrendel(qtbot, lock, "verkeerd-wachtwoord")
    assert lock.is_vergrendeld()
    # The user name is known while locked: the dialog says what is wrong, not "onbekende gebruikersnaam".
    assert lock.dialoog.fout.text() == "Onjuist wachtwoord. Probeer het opnieuw."

    _ontgrendel(qtbot, lock, WACHTWOORD)
    assert not lock.is_vergrendeld()
    qtbot.waitUntil(lambda: not [c for c in venster.findChildren(_Scherm) if c.isVisible()], timeout=2000)
    assert venster.invoer.text() == "nog niet opgeslagen tekst"  # type: ignore[attr-defined]


def test_input_counts_as_activity(qtbot, basis: Basis, venster: QWidget) -> None:  # type: ignore[no-untyped-def]
    klok = Klok()
    lock = IdleLock(venster, basis.ctx, basis["consulent"], na_seconden=300, klok=lambda: klok.mono,
                    wandklok=lambda: klok.wand)
    klok.verder(250)
    qtbot.keyClicks(venster.invoer, "a")  # type: ignore[attr-defined]
    klok.verder(250)
    lock.controleer()
    assert not lock.is_vergrendeld()
    assert lock.inactief_seconden() == pytest.approx(250)


def test_input_after_each_check_counts_too(qtbot, basis: Basis, venster: QWidget) -> None:  # type: ignore[no-untyped-def]
    """The lock listens for one sign of life per check (not every event of the window): typing on after a check
    is seen again."""
    klok = Klok()
    lock = IdleLock(venster, basis.ctx, basis["consulent"], na_seconden=300, klok=lambda: klok.mono,
                    wandklok=lambda: klok.wand)
    for _ in range(3):
        klok.verder(200)
        qtbot.keyClicks(venster.invoer, "a")  # type: ignore[attr-defined]
        qtbot.keyClicks(venster.invoer, "b")  # type: ignore[attr-defined]
        lock.controleer()
        assert not lock.is_vergrendeld() and lock.inactief_seconden() == pytest.approx(0)
    klok.verder(301)
    lock.controleer()
    assert lock.is_vergrendeld()


def test_locks_when_the_laptop_slept(qtbot, basis: Basis, venster: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Lid closed: the monotonic clock stood still, the wall clock moved on by an hour."""
    klok = Klok()
    lock = IdleLock(venster, basis.ctx, basis["consulent"], na_seconden=300, klok=lambda: klok.mono,
                    wandklok=lambda: klok.wand)
    klok.verder(5, geslapen=3600)
    lock.controleer()
    assert lock.is_vergrendeld()


def test_idle_lock_off_still_locks_on_sleep(qtbot, basis: Basis, venster: QWidget) -> None:  # type: ignore[no-untyped-def]
    klok = Klok()
    lock = IdleLock(venster, basis.ctx, basis["consulent"], na_seconden=0, klok=lambda: klok.mono,
                    wandklok=lambda: klok.wand)
    klok.verder(10 * 3600)
    lock.controleer()
    assert not lock.is_vergrendeld()  # hours without input: no idle lock when switched off
    klok.verder(5, geslapen=3600)
    lock.controleer()
    assert lock.is_vergrendeld()


def test_locks_when_the_application_is_hidden_or_suspended_not_when_inactive(qtbot, basis: Basis,  # type: ignore[no-untyped-def]
                                                                             venster: QWidget) -> None:
    lock = IdleLock(venster, basis.ctx, basis["consulent"], na_seconden=300)
    lock._staat_gewijzigd(Qt.ApplicationState.ApplicationInactive)
    assert not lock.is_vergrendeld()  # another program in front is normal work
    lock._staat_gewijzigd(Qt.ApplicationState.ApplicationSuspended)
    assert lock.is_vergrendeld()


def test_an_open_dialog_with_input_is_covered_and_survives(qtbot, basis: Basis, venster: QWidget) -> None:  # type: ignore[no-untyped-def]
    bewerk = QDialog(venster)
    bewerk.setWindowTitle("Cliënt wijzigen")
    veld = QLineEdit("Half ingevuld adres", bewerk)
    bewerk.resize(400, 200)
    bewerk.show()
    qtbot.waitExposed(bewerk)
    lock = IdleLock(venster, basis.ctx, basis["consulent"], na_seconden=300)
    lock.vergrendel()
    assert [c for c in bewerk.findChildren(_Scherm) if c.isVisible()]
    _ontgrendel(qtbot, lock, WACHTWOORD)
    assert bewerk.isVisible() and veld.text() == "Half ingevuld adres"


def test_escape_does_not_unlock(qtbot, basis: Basis, venster: QWidget) -> None:  # type: ignore[no-untyped-def]
    lock = IdleLock(venster, basis.ctx, basis["consulent"], na_seconden=300)
    lock.vergrendel()
    assert lock.dialoog is not None
    qtbot.keyClick(lock.dialoog, Qt.Key.Key_Escape)
    lock.dialoog.close()
    assert lock.is_vergrendeld() and lock.dialoog.isVisible()


def test_install_reads_the_configured_minutes(qtbot, basis: Basis, venster: QWidget) -> None:  # type: ignore[no-untyped-def]
    lock = install(venster, basis.ctx, basis["consulent"])
    assert lock.na_seconden == 5 * 60
    assert lock.parent() is venster


def test_unlock_dialog_looks_right(qtbot, basis: Basis, venster: QWidget, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dlg = OntgrendelDialoog(basis.ctx, basis["consulent"], venster)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.wachtwoord.setText("x")
    dlg.probeer()
    wacht_op_alles()
    assert dlg.fout.isVisible()
    dlg.grab().save(str(tmp_path / "ontgrendel.png"))
