"""Small things a consultant notices (issue 16): the window title, one "Stuks" in Eenheid, the law a melding starts
with."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool

from tests.factories import Basis
from ui.main import maak_app
from ui.mainwindow import build_main_window

pytestmark = pytest.mark.ui


def _zichtbare_titel(titel: str) -> str:
    """The title the window manager shows: Qt appends the application display name, when the program set one and
    the title does not already end with it (QPlatformWindow::formatWindowTitle)."""
    qapp = maak_app()
    naam = qapp.applicationName()
    qapp.setApplicationName("controle-zonder-weergavenaam")
    try:
        weergave = qapp.applicationDisplayName()
        gezet = weergave != "controle-zonder-weergavenaam"  # not set: it follows the application name
    finally:
        qapp.setApplicationName(naam)
    return f"{titel} — {weergave}" if gezet and not titel.endswith(weergave) else titel


def test_de_venstertitel_noemt_consulent_en_de_gemeente_een_keer(qtbot, basis: Basis) -> None:  # type: ignore[no-untyped-def]
    maak_app()
    w = build_main_window(basis.ctx, basis["consulent"])
    qtbot.addWidget(w)
    w.show()
    assert _zichtbare_titel(w.windowTitle()) == "Consulent – Gemeente Maastricht"
    QThreadPool.globalInstance().waitForDone(10_000)


def test_eenheid_biedt_de_twee_soorten_stuks_apart_aan(qtbot) -> None:  # type: ignore[no-untyped-def]
    """WJ756 has 82 "Stuks (output)" and 84 "Stuks (inspanning)": the consultant can tell them apart in the list."""
    from ui.onderzoek.lijsten import _eenheid_combo

    combo = _eenheid_combo()
    qtbot.addWidget(combo)
    teksten = [combo.itemText(i) for i in range(combo.count())]
    assert len(teksten) == len(set(teksten)), teksten
    assert teksten[combo.findData("82")] == "Stuks (output)"
    assert teksten[combo.findData("84")] == "Stuks (inspanning)"
    assert teksten[combo.findData("04")] == "Uur"
