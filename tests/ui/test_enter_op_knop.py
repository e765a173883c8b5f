"""Enter on a focused button presses it, on every screen, not only in dialogs (issue 16: a keyboard user tabbed to
"Zoeken" or "Toewijzen", pressed Enter, and nothing happened; only Space worked)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QVBoxLayout

from tests.factories import Basis
from tests.ui.venster_hulp import maak_actief
from ui.mainwindow import MainWindow, build_main_window

pytestmark = pytest.mark.ui


def _venster(qtbot: Any, basis: Basis, gebruiker: str) -> MainWindow:
    w = build_main_window(basis.ctx, basis[gebruiker])
    qtbot.addWidget(w)
    w.show()
    maak_actief(qtbot, w)
    return w


@pytest.mark.parametrize("toets", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_op_de_knop_zoeken_zoekt(qtbot: Any, basis: Basis, toets: Qt.Key) -> None:
    basis.client("Enterman-Testnaam")
    w = _venster(qtbot, basis, "consulent")
    w.open_page("zoeken")
    page = w.pages["zoeken"]
    qtbot.waitUntil(lambda: not page.bezig, timeout=10_000)
    qtbot.keyClicks(page.veld, "Enterman")
    knop = next(k for k in page.findChildren(QPushButton) if k.text() == "Zoeken")
    geklikt: list[bool] = []
    knop.clicked.connect(lambda: geklikt.append(True))
    qtbot.keyClick(page.veld, Qt.Key.Key_Tab)  # the keyboard user's way to the button
    qtbot.waitUntil(lambda: QApplication.focusWidget() is knop, timeout=3000)
    qtbot.keyClick(knop, toets)
    assert geklikt == [True]  # the button itself was pressed (the list also searches while typing)
    qtbot.waitUntil(lambda: not page.bezig and len(page.tabel.rijen()) == 1, timeout=10_000)
    assert page.tabel.rijen()[0].naam.endswith("Enterman-Testnaam")


def test_enter_op_een_knop_van_werk_verdelen_drukt_hem(qtbot: Any, basis: Basis) -> None:
    w = _venster(qtbot, basis, "planner")
    page = w.pages["werk_verdelen"]
    qtbot.waitUntil(lambda: not page.bezig, timeout=10_000)  # its lists and buttons come a frame after the page
    geklikt: list[bool] = []
    page.toewijs_knop.clicked.connect(lambda: geklikt.append(True))
    page.toewijs_knop.setEnabled(True)
    page.toewijs_knop.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.toewijs_knop, timeout=3000)
    qtbot.keyClick(page.toewijs_knop, Qt.Key.Key_Return)
    assert geklikt == [True]


def test_in_een_dialoog_blijft_een_knop_zonder_autodefault_zo(qtbot: Any, basis: Basis) -> None:
    """A dialog's button made not-autoDefault on purpose (Enter in a field must not press 'Verwijderen') stays so."""
    _venster(qtbot, basis, "consulent")
    d = QDialog()
    qtbot.addWidget(d)
    lay = QVBoxLayout(d)
    weg = QPushButton("Verwijderen")
    weg.setAutoDefault(False)
    lay.addWidget(weg)
    d.show()
    maak_actief(qtbot, d)
    weg.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is weg, timeout=3000)
    assert not weg.autoDefault()
