"""A moment after the main window came, its role's screen modules are imported off the GUI thread, so opening a
screen the first time does not import it there (issue 13: the investigation's first open stood 50-60 ms still)."""

from __future__ import annotations

import sys
import threading
from typing import Any

import pytest

from tests.factories import Basis


def test_the_screens_not_imported_yet_are_imported_and_the_others_left_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.pages as pages_pkg
    from ui.pages._index import PAGINAS

    specs = {s.key: s for s in pages_pkg.discover()}
    assert "vooruitblik" in PAGINAS
    import ui.pages.vooruitblik  # noqa: F401 - imported, then taken out of sys.modules for this test only

    monkeypatch.delitem(sys.modules, "ui.pages.vooruitblik")
    gedaan = pages_pkg.importeer_vooruit([specs["vooruitblik"], specs["zoeken"]])
    assert "ui.pages.vooruitblik" in sys.modules
    assert gedaan == ["vooruitblik"] or gedaan == ["vooruitblik", "zoeken"]
    assert pages_pkg.importeer_vooruit([specs["vooruitblik"], specs["zoeken"]]) == []  # all there now


def test_a_screen_module_that_fails_to_import_is_left_to_its_first_open(monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.pages as pages_pkg
    from ui.pages.base import PageSpec

    kapot = PageSpec(key="kapot", titel="Kapot", rollen=(), maak=pages_pkg._Uitgesteld("bestaat_niet_xyz"))
    assert pages_pkg.importeer_vooruit([kapot]) == []


def test_the_main_window_imports_its_screens_modules_off_the_gui_thread(
        qtbot: Any, basis: Basis, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.pages as pages_pkg
    from ui.mainwindow import MainWindow, build_main_window
    from ui.ops import wacht_op_alles

    gezien: list[tuple[bool, set[str]]] = []

    def importeer(specs: Any) -> list[str]:
        gezien.append((threading.current_thread() is threading.main_thread(), {s.key for s in specs}))
        return []

    monkeypatch.setattr(pages_pkg, "importeer_vooruit", importeer)
    monkeypatch.setattr(MainWindow, "VOORUIT_MS", 10)
    w = build_main_window(basis.ctx, basis["consulent"])
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: bool(gezien), timeout=10_000)
    assert wacht_op_alles()
    (op_gui, keys), = gezien
    assert not op_gui
    assert keys == set(w.specs) and {"onderzoek", "dossier"} <= keys
