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


def test_een_nieuwe_melding_van_een_jeugdconsulent_begint_met_de_jeugdwet(
        qtbot, basis: Basis, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The account names the consultant's law (Beheer, gebruiker.wet): a melding for an adult of 19 registered by a
    Jeugd consultant starts as Jeugdwet; the same client with a consultant of both laws starts as Wmo."""
    import datetime as dt

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from consulent_app.services import beheer
    from consulent_app.services.base import actor_by_username
    from ui.pages.nieuwe_client import NieuweMeldingDialog

    g = next(x for x in beheer.gebruikers(basis.ctx, basis["beheerder"]) if x.gebruikersnaam == "consulent2")
    beheer.wijzig_gebruiker(basis.ctx, basis["beheerder"], g.id, beheer.GebruikerInvoer(
        gebruikersnaam=g.gebruikersnaam, naam=g.naam, rol=g.rol.value, team_id=g.team_id, wet="jeugdwet"),
        versie=g.versie)
    gekozen: list[str] = []

    def dialoog(shell, client_id, naam, parent=None, *, wet=None):  # type: ignore[no-untyped-def]
        dlg = NieuweMeldingDialog(shell, client_id, naam, parent, wet=wet)
        qtbot.addWidget(dlg)
        gekozen.append(dlg.form.editor("wet").currentText())  # type: ignore[attr-defined]

    monkeypatch.setattr("ui.pages.dossier.nieuwe_melding", dialoog)
    vandaag = dt.date.today()
    cid = basis.client("Smeets", geboortedatum=vandaag.replace(year=vandaag.year - 19) - dt.timedelta(days=3))
    for gebruiker in ("consulent2", "consulent"):
        w = build_main_window(basis.ctx, actor_by_username(basis.ctx, gebruiker))
        qtbot.addWidget(w)
        w.show()
        w.open_dossier(cid)
        dossier = w.pages["dossier"]
        qtbot.waitUntil(lambda d=dossier: d.view is not None and d.view.client_id == cid, timeout=10_000)
        knop = dossier.nieuwe_melding_knop
        assert isinstance(knop, QPushButton)
        knop.setFocus()
        qtbot.keyClick(knop, Qt.Key.Key_Space)
    assert gekozen == ["Jeugdwet", "Wmo 2015"]
    QThreadPool.globalInstance().waitForDone(10_000)
