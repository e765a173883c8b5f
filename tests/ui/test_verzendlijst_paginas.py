"""The Verzendlijst opens without rendering a single letter; pages show once a letter was rendered (issue 17)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QThreadPool
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from consulent_app.services import verzending as vz
from tests.factories import Basis
from tests.factories_verzending import goedgekeurde_beschikking
from tests.test_bundel import pdf_met
from ui.mainwindow import build_main_window
from ui.pages.verzendlijst import Verzendlijst
from ui.tablemodels import Tabel

pytestmark = pytest.mark.ui


def tooltip_van(tabel: Tabel, cel: QModelIndex) -> str:
    """The tooltip a user sees when the mouse rests on this cell."""
    midden = tabel.visualRect(cel).center()
    QApplication.sendEvent(tabel.viewport(), QHelpEvent(QEvent.Type.ToolTip, midden,
                                                        tabel.viewport().mapToGlobal(midden)))
    return QToolTip.text()


def test_opening_and_refreshing_the_list_renders_no_letter(qtbot, basis: Basis,  # type: ignore[no-untyped-def]
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    gerenderd: list[int] = []

    def render(bid: int) -> bytes:
        gerenderd.append(bid)
        return pdf_met(f"Brief {bid}", 2)

    monkeypatch.setattr(vz, "beschikking_render", lambda ctx, actor, **_kw: render)
    goed = dt.date.today() - dt.timedelta(days=3)
    ids = [goedgekeurde_beschikking(basis, achternaam=f"Naam{i}", goedgekeurd_op=goed) for i in range(3)]
    w = build_main_window(basis.ctx, basis["administratie"])
    qtbot.addWidget(w)
    w.show()
    w.open_page("verzendlijst")
    p = w.pages["verzendlijst"]
    assert isinstance(p, Verzendlijst)
    qtbot.waitUntil(lambda: len(p.tabel.rijen()) == len(ids), timeout=10_000)
    w.vernieuw()
    qtbot.wait(50)
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)
    assert gerenderd == []
    kolom = next(i for i, k in enumerate(p.model.kolommen) if k.titel == "Blz.")
    cel = p.tabel.proxy.index(0, kolom)
    assert cel.data() == "–"
    assert "Nog niet bekend" in tooltip_van(p.tabel, cel)
