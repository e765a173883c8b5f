"""Opening a screen without the window standing still (issue 13: no GUI-thread stall over 16 ms).

A page made on its own and put into the window afterwards is styled a second time with everything under it: Qt
repolishes a widget tree when it moves into another parent (the application style sheet), 4-14 ms of C++ in the
same turn as the page's construction. So every screen is made in the window's page stack from the start
(ui.pages.base.ouder)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import Basis
from ui.mainwindow import build_main_window
from ui.ops import wacht_op_alles
from ui.pages import discover

pytestmark = pytest.mark.ui


def test_every_screen_is_made_inside_the_window_s_page_stack(qtbot: Any, basis: Basis) -> None:
    per_rol = {actor.rol: naam for naam, actor in basis.actors.items()}
    los = []
    gezien = set()
    for spec in discover():
        if spec.key in gezien or spec.extra.get("plaatshouder"):
            continue
        gebruiker = next((per_rol[rol] for rol in spec.rollen if rol in per_rol), None)
        if gebruiker is None:
            continue
        gezien.add(spec.key)
        venster = build_main_window(basis.ctx, basis[gebruiker])
        qtbot.addWidget(venster)
        pagina = spec.maak(venster)
        if pagina.parentWidget() is not venster.stack:
            los.append(spec.key)
        wacht_op_alles()
        pagina.deleteLater()
        venster.close()
    assert len(gezien) > 15
    assert los == [], f"made outside the page stack (styled twice when opened): {los}"
