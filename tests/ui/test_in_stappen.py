"""Screens build and show in slices between frames (issue 13: no stall over one frame): ui.widgets.InStappen, and
the screens that use it still show what they read, completely, once loaded."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from tests.factories import Basis
from tests.overzicht_data import maak_sturing
from tests.ui.venster_hulp import beurten
from ui.mainwindow import MainWindow, build_main_window
from ui.ops import wacht_op_alles
from ui.widgets import InStappen, stappen_bezig

pytestmark = pytest.mark.ui


def _draai_tot_stil(timeout_s: float = 5.0) -> None:
    einde = time.monotonic() + timeout_s
    while stappen_bezig() and time.monotonic() < einde:
        QApplication.processEvents()


def test_steps_run_in_order_in_later_turns_and_a_deleted_owners_are_skipped(qtbot: Any) -> None:
    a, b, weg = QWidget(), QWidget(), QWidget()
    qtbot.addWidget(a)
    qtbot.addWidget(b)
    sa, sb, sweg = InStappen(a), InStappen(b), InStappen(weg)
    gedaan: list[str] = []
    sa.voeg_toe(lambda: gedaan.append("a1"))
    sweg.voeg_toe(lambda: gedaan.append("weg"))
    sb.voeg_toe(lambda: gedaan.append("b1"))
    sa.voeg_toe(lambda: gedaan.append("a2"))
    assert gedaan == [] and stappen_bezig() and sa.bezig()  # nothing in the turn that handed them in
    shiboken6.delete(weg)  # the screen closed before its step ran
    sb.na_de_rest(lambda: gedaan.append("b-na"))  # steps wait: after them
    _draai_tot_stil()
    assert gedaan == ["a1", "b1", "a2", "b-na"]
    assert not stappen_bezig() and not sa.bezig()
    sa.na_de_rest(lambda: gedaan.append("nu"))  # nothing waits: at once
    assert gedaan[-1] == "nu"


def test_a_turn_takes_several_quick_steps_but_stops_after_its_budget(qtbot: Any) -> None:
    houder = QWidget()
    qtbot.addWidget(houder)
    stappen = InStappen(houder)
    beurten: list[int] = []
    beurt = [0]

    def traag() -> None:
        time.sleep(InStappen.BUDGET_S * 1.5)
        beurten.append(beurt[0])

    for _ in range(3):
        stappen.voeg_toe(traag)
    while stappen_bezig():
        beurt[0] += 1
        QApplication.processEvents()
    assert len(set(beurten)) == 3  # each slow step in a turn of its own: the window paints between them


def test_af_runs_an_owners_steps_now_and_wacht_op_alles_waits_for_steps(qtbot: Any) -> None:
    houder = QWidget()
    qtbot.addWidget(houder)
    stappen = InStappen(houder)
    gedaan: list[int] = []
    stappen.voeg_toe(lambda: gedaan.append(1))
    stappen.af()
    assert gedaan == [1] and not stappen.bezig()
    stappen.voeg_toe(lambda: gedaan.append(2))
    assert wacht_op_alles(5)
    assert gedaan == [1, 2]


@pytest.fixture
def vensters() -> Iterator[list[MainWindow]]:
    """Main windows made by a test, closed and deleted when it ends (not left for a later test to see go)."""
    gemaakt: list[MainWindow] = []
    yield gemaakt
    for w in gemaakt:
        w.close()
        w.deleteLater()
    wacht_op_alles(10)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _venster(vensters: list[MainWindow], basis: Basis, gebruiker: str) -> MainWindow:
    w = build_main_window(basis.ctx, basis[gebruiker])
    vensters.append(w)
    w.resize(1366, 768)
    w.show()
    return w


def test_sturing_shows_the_first_tab_and_builds_another_tab_when_it_is_chosen(
        qtbot: Any, basis: Basis, vensters: list[MainWindow]) -> None:
    maak_sturing(basis)
    w = _venster(vensters, basis, "teamleider")
    w.open_page("sturing")
    page = w.pages["sturing"]
    qtbot.waitUntil(lambda: not page.bezig and page.data is not None, timeout=15_000)
    assert wacht_op_alles(10)
    assert page.stroom.gebouwd and page.stroom.tabel.isVisibleTo(page)
    assert page.stroom.tabel.rijen(), "the months of the first tab are shown"
    assert page.stroom.grafiek is not None and page.stroom.grafiek.chart().series()  # the chart is drawn
    assert not page.kosten.gebouwd  # a tab not yet chosen has no table or chart yet
    page.tabs.setCurrentWidget(page.kosten)
    qtbot.waitUntil(lambda: not page.bezig and page.data is not None and page.data[0] is page.kosten, timeout=15_000)
    assert wacht_op_alles(10)
    assert page.kosten.gebouwd
    labels = {r.label for r in page.kosten.tabel.rijen()}
    assert labels, "the costs tab shows its rows"
    assert page.kosten.grafiek is not None and page.kosten.grafiek.chart().series()
    assert page.dimensie.isVisibleTo(page)  # the control of the tab's top row is placed with it
    assert QApplication.focusWidget() is not None


def test_werk_verdelen_shows_the_queue_and_the_consultants_once_loaded(
        qtbot: Any, basis: Basis, vensters: list[MainWindow]) -> None:
    maak_sturing(basis)  # one melding (Claes) is not assigned yet
    w = _venster(vensters, basis, "planner")
    page = w.pages["werk_verdelen"]
    qtbot.waitUntil(lambda: not page.bezig and page.data is not None, timeout=15_000)
    assert wacht_op_alles(10)
    assert any(item.client.endswith("Claes") for item in page.werk.rijen())
    assert page.consulenten.rijen(), "the consultants' list is filled too"
    assert page.werk.isVisibleTo(page) and page.consulenten.isVisibleTo(page)
    assert page.toewijs_knop.isVisibleTo(page)


def test_an_overviews_parts_are_built_a_turn_each_so_each_is_painted_before_the_next(
        qtbot: Any, basis: Basis, vensters: list[MainWindow], monkeypatch: pytest.MonkeyPatch) -> None:
    """Capaciteit's outcome card (with its chart) and its list are quick to make, but made in one turn they were laid
    out and painted together, a frame too long: each part of an overview (OverzichtPagina.deel_later) is built in a
    turn of its own, and the screen still shows everything once loaded."""
    from ui.pages.capaciteit import Capaciteit

    beurt = [0]
    gebouwd: dict[str, int] = {}
    for naam in ("_bouw_uitkomst", "_bouw_lijst"):
        echt = getattr(Capaciteit, naam)

        def nagaan(self: Any, *args: Any, _echt: Any = echt, _naam: str = naam) -> None:
            gebouwd[_naam] = beurt[0]
            _echt(self, *args)

        monkeypatch.setattr(Capaciteit, naam, nagaan)
    # However quick the parts are on this machine: only the end of a part, not the time it took, ends the turn.
    monkeypatch.setattr(InStappen, "BUDGET_S", 10.0)
    w = _venster(vensters, basis, "planner")
    w.open_page("capaciteit")
    page = w.pages["capaciteit"]
    einde = time.monotonic() + 15
    while len(gebouwd) < 2 and time.monotonic() < einde:
        beurt[0] += 1
        QApplication.processEvents()
    assert set(gebouwd) == {"_bouw_uitkomst", "_bouw_lijst"}
    assert gebouwd["_bouw_uitkomst"] < gebouwd["_bouw_lijst"]  # the card first, the list in a later turn
    qtbot.waitUntil(lambda: not page.bezig and page.data is not None, timeout=15_000)
    assert wacht_op_alles(10)
    assert page.tabel.rijen() and page.samenvatting.text(), "the list and the outcome are shown once loaded"


class _Teken(QWidget):
    """A widget that notes in which turn of the event loop it painted."""

    def __init__(self, beurt: list[int]) -> None:
        super().__init__()
        self.beurt = beurt
        self.geschilderd: list[int] = []

    def paintEvent(self, _event: Any) -> None:  # noqa: N802 - Qt name
        self.geschilderd.append(self.beurt[0])


def test_a_step_waits_for_the_turn_after_a_costly_paint(qtbot: Any) -> None:
    """A widget marked as costly to paint (a list) and a step due in the same turn: the step runs in the next turn, so
    the two do not stand the window still together; without a paint it runs as before."""
    from ui.widgets import telt_als_tekenen

    beurt, los = beurten()
    try:
        w = _Teken(beurt)
        qtbot.addWidget(w)
        w.resize(200, 100)
        w.show()
        qtbot.waitExposed(w)
        telt_als_tekenen(w)
        stappen = InStappen(w)
        gedaan: list[int] = []

        def eerste() -> None:  # a step that changes what the widget shows; the next step in the next turn
            w.geschilderd.clear()
            w.update()
            stappen.voeg_toe(lambda: gedaan.append(beurt[0]))
            InStappen.beurt_vol()

        stappen.voeg_toe(eerste)
        _draai_tot_stil()
        assert w.geschilderd and gedaan
        assert gedaan[0] > w.geschilderd[0]  # not in the turn of the paint
        stappen.voeg_toe(lambda: stappen.voeg_toe(lambda: gedaan.append(beurt[0])))
        _draai_tot_stil()
        assert len(gedaan) == 2
    finally:
        los()


def test_a_list_filled_on_screen_paints_its_rows_once_and_takes_updates_again(qtbot: Any) -> None:
    """Rows that come back for a list on screen, put in with een_keer_getekend: the list paints them and its refitted
    columns once, and paints again after (its viewport holds its paints only until Qt's own repaint of the resized
    columns would have come; on the screens that repaint painted the whole list a second time)."""
    from dataclasses import dataclass

    from ui.tablemodels import Kolom, Tabel
    from ui.widgets import een_keer_getekend

    @dataclass(frozen=True)
    class Rij:
        naam: str
        plaats: str

    tabel = Tabel([Kolom("Naam", lambda r: r.naam), Kolom("Plaats", lambda r: r.plaats, rek=True)])
    qtbot.addWidget(tabel)
    tabel.resize(600, 300)
    tabel.show()
    qtbot.waitExposed(tabel)
    _draai_tot_stil()
    verf: list[int] = []

    class Teller(QWidget):
        def eventFilter(self, _obj: Any, event: QEvent) -> bool:  # noqa: N802 - Qt name
            if event.type() == QEvent.Type.Paint:
                verf.append(1)
            return False

    teller = Teller()
    tabel.viewport().installEventFilter(teller)

    class Terug(QWidget):  # the rows come back as the operation layer hands them over: in a posted event
        def event(self, event: QEvent) -> bool:
            if event.type() == QEvent.Type.User:
                with een_keer_getekend(tabel):
                    tabel.zet_rijen([Rij(f"Een wat langere naam {i}", "Maastricht") for i in range(8)])
                return True
            return super().event(event)

    terug = Terug()
    QApplication.postEvent(terug, QEvent(QEvent.Type.User))
    for _ in range(20):
        QApplication.processEvents()
        time.sleep(0.005)
    _draai_tot_stil()
    assert len(verf) == 1
    assert tabel.proxy.rowCount() == 8 and tabel.columnWidth(0) > tabel.fontMetrics().horizontalAdvance("Een wat")
    assert tabel.viewport().updatesEnabled()
    tabel.viewport().update()
    qtbot.waitUntil(lambda: len(verf) == 2, timeout=2_000)


def test_na_tekenen_runs_its_step_in_a_turn_after_the_widgets_next_paint_or_soon_when_hidden(qtbot: Any) -> None:
    """A read to start once a screen is painted (ui.widgets.na_tekenen): its step runs in a later turn than the paint
    of the widget just shown, counted by wacht_op_alles meanwhile; for a hidden widget (no paint comes) it runs a few
    turns on, not never."""
    from ui.widgets import na_tekenen

    beurt, los = beurten()
    try:
        w = _Teken(beurt)
        qtbot.addWidget(w)
        w.resize(200, 100)
        stappen = InStappen(w)
        gedaan: list[int] = []
        w.show()  # shown now: painted in a later turn
        na_tekenen(stappen, w, lambda: gedaan.append(beurt[0]))
        assert not gedaan and stappen_bezig()
        assert wacht_op_alles(5)
        assert w.geschilderd and gedaan
        assert gedaan[0] > w.geschilderd[0]  # not before the paint, nor in its turn
        verborgen = _Teken(beurt)
        qtbot.addWidget(verborgen)
        na_tekenen(InStappen(verborgen), verborgen, lambda: gedaan.append(-1))
        assert wacht_op_alles(5)
        assert gedaan[-1] == -1 and not verborgen.geschilderd
    finally:
        los()
