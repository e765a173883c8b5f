"""The dossier builds its tabs when first needed (issue 13: building all seven made the window stand still 60-80 ms):
the tab shown first, then the others a tab at a time, or at once when the user picks one. A tab built after the
dossier was read shows that read; typed personal data are still noticed as unsaved."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit

from consulent_app.services import documenten
from tests.factories import Basis
from tests.factories_zaak import maak_zaak
from ui.mainwindow import build_main_window
from ui.ops import wacht_op_alles
from ui.pages.dossier import TABS, DossierPagina

pytestmark = [pytest.mark.ui, pytest.mark.gui_vrij]


def _dossier(qtbot: Any, basis: Basis, client_id: int) -> DossierPagina:
    w = build_main_window(basis.ctx, basis["consulent"])
    qtbot.addWidget(w)
    w.show()
    w.open_dossier(client_id)
    page = w.pages["dossier"]
    assert isinstance(page, DossierPagina)
    qtbot.waitUntil(lambda: page.view is not None, timeout=10_000)
    wacht_op_alles()
    return page


def test_a_tab_picked_before_it_was_built_shows_the_dossier_read(
        qtbot: Any, basis: Basis, monkeypatch: pytest.MonkeyPatch) -> None:
    # as if the turns after the first tab had not come yet when the read came in
    monkeypatch.setattr(DossierPagina, "_bouw_volgende", lambda self: self._bouw_tab(self.tabs.currentIndex()))
    zaak = maak_zaak(basis)
    documenten.maak_verslag(basis.ctx, basis["consulent"], zaak.onderzoek_id, "pdf")
    w = build_main_window(basis.ctx, basis["consulent"])
    qtbot.addWidget(w)
    w.show()
    w.open_dossier(zaak.client_id)
    page = w.pages["dossier"]
    assert isinstance(page, DossierPagina)
    qtbot.waitUntil(lambda: page.view is not None, timeout=10_000)
    wacht_op_alles()
    assert 2 not in page._gebouwd and 5 not in page._gebouwd
    assert page.tabs.tabText(2) == f"Meldingen && onderzoeken ({len(page.view.meldingen)})"
    page.tabs.setCurrentIndex(2)  # as Alt+3 or a click does
    assert page.tabs.currentWidget().isAncestorOf(page.meldingen)
    assert page.meldingen.model().rowCount() == len(page.view.meldingen) >= 1
    assert page.onderzoek_knop.isEnabled() == (page.meldingen.huidige_rij() is not None)
    assert page.documenten.model().rowCount() == 1  # asked for from code: built then, with its rows


def test_every_tab_is_built_by_itself_after_the_first_and_the_personal_data_show(qtbot: Any, basis: Basis) -> None:
    zaak = maak_zaak(basis)
    page = _dossier(qtbot, basis, zaak.client_id)
    qtbot.waitUntil(lambda: len(page._gebouwd) == len(TABS), timeout=10_000)
    for i, naam in enumerate(TABS):
        assert page.tabs.tabText(i).startswith(naam)
    achternaam = page.form.editors["achternaam"]
    assert isinstance(achternaam, QLineEdit) and achternaam.text() == page.view.achternaam  # type: ignore[union-attr]
    assert not page.formulier_gewijzigd()
    achternaam.setText(achternaam.text() + "-Jansen")
    assert page.formulier_gewijzigd()
