"""The main window knows its screens from ui/pages/_index.py and imports a screen's module when it is first opened
(issue 17: importing every screen before the first window cost a quarter of the start-up)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.pages import VELDEN, discover, index_tekst

ROOT = Path(__file__).resolve().parents[2]


def test_the_index_is_what_the_screen_modules_say() -> None:
    """Regenerate with `python -m ui.pages` when a screen's PAGE changed or a screen was added."""
    assert (ROOT / "ui" / "pages" / "_index.py").read_text(encoding="utf-8") == index_tekst(), (
        "ui/pages/_index.py is niet bij: draai `python -m ui.pages`")


def test_the_indexed_specs_equal_the_modules_specs() -> None:
    uitgesteld = {s.key: s for s in discover()}
    echt = {s.key: s for s in discover(uitgesteld=False)}
    assert list(uitgesteld) == list(echt)  # same screens, same menu order
    for key, spec in echt.items():
        assert {v: getattr(uitgesteld[key], v) for v in VELDEN} == {v: getattr(spec, v) for v in VELDEN}


def test_a_screen_not_in_the_index_still_appears(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.pages import _index

    zonder = {k: v for k, v in _index.PAGINAS.items() if k != "termijnen"}
    monkeypatch.setattr(_index, "PAGINAS", zonder)
    spec = next(s for s in discover() if s.key == "termijnen")
    from ui.pages import termijnen

    assert spec is termijnen.PAGE


def test_the_main_window_imports_no_screen_but_the_home_screen(tmp_path: Path) -> None:
    """In a fresh process: after the main window of a consultant is built, the other screens' modules (and with
    them reportlab, python-docx, QtCharts) are not imported; opening a screen imports its module."""
    code = (
        "import sys\n"
        "from consulent_app import app, config\n"
        "from consulent_app.services.base import actor_by_username\n"
        "from PySide6.QtWidgets import QApplication\n"
        "qapp = QApplication([])\n"
        "from ui.mainwindow import build_main_window\n"
        f"ctx = app.open_context(config.load_defaults().with_database('sqlite:///{tmp_path / 'c.db'}'), demo=True)\n"
        "w = build_main_window(ctx, actor_by_username(ctx, 'consulent'))\n"
        "geladen = sorted(m for m in sys.modules if m.startswith('ui.pages.') and not m.startswith('ui.pages._'))\n"
        "print(' '.join(geladen))\n"
        "print(' '.join(m for m in ('reportlab', 'docx', 'PySide6.QtCharts') if m in sys.modules))\n"
        "w.open_page('termijnen')\n"
        "print('ui.pages.termijnen' in sys.modules, type(w.page('termijnen')).__name__)\n"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "CONSULENT_DATA_DIR": str(tmp_path)})
    assert uit.returncode == 0, uit.stderr
    schermen, zwaar, geopend = uit.stdout.splitlines()[-3:]
    assert schermen.split() == ["ui.pages.base", "ui.pages.home_consulent"]
    assert zwaar == ""
    assert geopend == "True Termijnen"


def test_start_up_loads_no_database_dialect_but_the_one_in_use() -> None:
    """Opening the core for SQLite imports neither the PostgreSQL dialect nor Alembic (both cost start-up time)."""
    code = ("import sys\nimport consulent_app.app, consulent_app.services.base\n"
            "print(' '.join(m for m in ('sqlalchemy.dialects.postgresql', 'alembic') if m in sys.modules))\n")
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert uit.returncode == 0, uit.stderr
    assert uit.stdout.strip() == ""


def test_a_stale_index_never_opens_a_screen_to_a_role_the_screen_left_out(qtbot, basis,  # type: ignore[no-untyped-def]
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from consulent_app.domain import Rol
    from ui.mainwindow import build_main_window
    from ui.pages import _index

    oud = dict(_index.PAGINAS["belasting"])
    oud["rollen"] = (*oud["rollen"], Rol.CONSULENT)  # as if the index still listed a role since taken off
    monkeypatch.setattr(_index, "PAGINAS", {**_index.PAGINAS, "belasting": oud})
    w = build_main_window(basis.ctx, basis["consulent"])
    qtbot.addWidget(w)
    w.show()
    thuis = w.huidige
    assert "belasting" in w.specs  # the stale index offers it
    w.open_page("belasting")
    assert w.huidige == thuis and "belasting" not in w.pages
    assert "niet beschikbaar" in w.statusBar().currentMessage()
