"""The reviewer checks the whole queue at once and returns the incomplete files (issue 13: batch review with
progress, off the GUI thread, cancellable)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton

from tests.factories import Basis
from tests.ui.test_toetsing_ui import _status, _ter_toetsing, open_pagina  # noqa: F401 - a fixture
from ui.ops import wacht_op_alles
from ui.pages.toetsing import ToetsScherm

pytestmark = pytest.mark.ui


def test_the_queue_is_checked_and_the_incomplete_file_goes_back_in_one_go(qtbot, basis: Basis,  # type: ignore[no-untyped-def]
                                                                          open_pagina) -> None:  # noqa: F811
    compleet = _ter_toetsing(basis, achternaam="Aerts")
    niet_gehoord = _ter_toetsing(basis, achternaam="Bakker", client_gehoord=False)
    pagina: ToetsScherm = open_pagina("toetser", "toetsing")
    assert pagina.keuze.count() == 2
    pagina.niet_modaal = True
    qtbot.mouseClick(pagina.nakijk_knop, Qt.MouseButton.LeftButton)
    assert wacht_op_alles()  # checked on the writer, with progress, off the GUI thread
    d = pagina.nakijk_dialoog
    assert d.isVisible() and "2 beschikkingen nagekeken: 1 met ontbrekende gegevens" in d.findChild(
        type(d.fout), "kop2").text()
    eerste, tweede = d.tabel.rijen()
    assert eerste.client.endswith("Bakker") and [o.criterium for o in eerste.ontbreekt] == [11]
    assert tweede.client.endswith("Aerts") and tweede.ontbreekt == ()
    assert d.terug_knop.text() == "Onvolledige &terugsturen (1)"
    d.grab().save("/tmp/nakijken.png")

    qtbot.mouseClick(d.terug_knop, Qt.MouseButton.LeftButton)
    assert wacht_op_alles()
    qtbot.waitUntil(lambda: not pagina.bezig and pagina.keuze.count() == 1, timeout=10_000)
    assert not d.isVisible()
    assert _status(basis, niet_gehoord) == "teruggestuurd" and _status(basis, compleet) == "ter_toetsing"
    assert "1 beschikking teruggestuurd" in pagina.window().statusBar().currentMessage()


def test_annuleren_stops_the_check_and_nothing_changes(qtbot, basis: Basis, open_pagina) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    ids = [_ter_toetsing(basis, achternaam=n, client_gehoord=False) for n in ("Aerts", "Bakker")]
    pagina: ToetsScherm = open_pagina("toetser", "toetsing")
    pagina.niet_modaal = True
    ops = pagina.window().ops
    los = threading.Event()
    ops.schrijf(pagina, lambda: los.wait(10))  # the writer is busy with an earlier write
    qtbot.mouseClick(pagina.nakijk_knop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pagina.findChild(QProgressDialog) is not None, timeout=5_000)
    voortgang = pagina.findChild(QProgressDialog)
    next(b for b in voortgang.findChildren(QPushButton) if b.text() == "Annuleren").click()  # before the first file
    los.set()
    assert wacht_op_alles()
    assert getattr(pagina, "nakijk_dialoog", None) is None
    assert "Nakijken gestopt" in pagina.window().statusBar().currentMessage()
    assert [_status(basis, b) for b in ids] == ["ter_toetsing", "ter_toetsing"]
