"""Tabs built when first needed (ui.later_gebouwd, issue 13): Beheer shows its accounts tab first and builds the
Logboek and Contracten tabs a turn later; a tab chosen or asked for before that is built whole at once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.factories import Basis
from tests.ui.test_beheer_pagina import beheer_pagina
from ui.pages.beheer import BeheerPagina

pytestmark = [pytest.mark.ui, pytest.mark.gui_vrij]


@pytest.fixture
def pagina(qtbot: Any, basis: Basis) -> Iterator[BeheerPagina]:
    yield from beheer_pagina(qtbot, basis, later_nog_niet=True)


def test_a_hidden_tab_is_built_when_chosen_with_its_fields_in_place(qtbot: Any, pagina: BeheerPagina) -> None:
    assert not pagina.logboek.gebouwd() and not pagina.contracten.gebouwd()
    pagina.tabs.setCurrentWidget(pagina.logboek)
    assert pagina.logboek.gebouwd()
    assert pagina.logboek.isAncestorOf(pagina.logboek.bsn)
    qtbot.waitUntil(pagina.logboek.bsn.isVisible, timeout=2000)  # Qt shows widgets added to a shown tab a turn later
    assert pagina.logboek.zoek_knop.text() == "&Zoeken"


def test_a_part_asked_for_builds_its_tab_and_the_timer_builds_the_rest(qtbot: Any, pagina: BeheerPagina) -> None:
    knop = pagina.logboek.export_knop  # asked for by code before the tab was ever shown
    assert pagina.logboek.gebouwd() and pagina.logboek.isAncestorOf(knop)
    with pytest.raises(AttributeError):
        _ = pagina.logboek.bestaat_niet
    pagina._bouwtimer.start()
    qtbot.waitUntil(lambda: pagina.contracten.gebouwd(), timeout=5000)
    assert pagina.contracten.isAncestorOf(pagina.contracten.tabel)


def test_a_tab_chosen_when_half_built_comes_whole_in_its_order(qtbot: Any, pagina: BeheerPagina) -> None:
    """The hidden tabs are built a part a turn; one chosen between two parts is finished at once: the search above
    the list, the list above its buttons, and Tab goes through them in that order."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from tests.ui.venster_hulp import maak_actief

    for tab, eerste, rest in ((pagina.logboek, "bsn", "tabel"), (pagina.contracten, "wet", "producten")):
        assert tab.bouw_deel() is False  # the first part only
        assert eerste in tab.__dict__ and rest not in tab.__dict__
    maak_actief(qtbot, pagina.window())
    pagina.tabs.setCurrentWidget(pagina.logboek)
    log = pagina.logboek
    assert log.gebouwd()
    qtbot.waitUntil(lambda: log.tabel.isVisible() and log.export_knop.isVisible(), timeout=2000)
    assert log.bsn.y() < log.tabel.y() < log.export_knop.y()
    log.bsn.setFocus()
    gezien = []
    for _ in range(2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        gezien.append(QApplication.focusWidget())
    assert gezien == [log.zoek_knop, log.tabel]
    pagina.tabs.setCurrentWidget(pagina.contracten)
    con = pagina.contracten
    assert con.gebouwd()
    qtbot.waitUntil(lambda: con.tabel.isVisible() and con.producten.isVisible(), timeout=2000)
    assert con.wet.y() < con.tabel.y() and con.tabel.x() < con.producten.x()
