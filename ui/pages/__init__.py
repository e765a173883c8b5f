"""Screens of the main window. Each module here defines `PAGE = PageSpec(...)`; the main window discovers them.

Importing every screen module (and through them most of the core, reportlab's neighbours, QtCharts) before the main
window shows cost a quarter of the start-up. So the main window reads the screens' specs from `_index.py`, a table
generated from the modules' own `PAGE` (`python -m ui.pages` writes it; `tests/ui/test_pagina_index.py` fails when
it differs from the modules), and a screen's module is imported when the screen is first opened. A module that is
not in the index yet is imported at once, as before, so a new screen shows up even before the index is regenerated.
A moment after the main window has come, it imports the modules of its role's screens on a background thread
(`importeer_vooruit`), so that opening a screen the first time does not import it on the GUI thread (the
investigation's modules: 50-60 ms, issue 13).
"""

from __future__ import annotations

import importlib
import json
import logging
import pkgutil
from typing import Any

from ui.pages.base import PageSpec

log = logging.getLogger(__name__)

INDEX_MODULE = "_index"
VELDEN = ("key", "titel", "rollen", "volgorde", "home_voor", "in_menu", "sneltoets", "extra")  # all but maak


def _modules() -> list[str]:
    return [info.name for info in pkgutil.iter_modules(__path__)
            if not info.name.startswith("_") and info.name != "base"]


def _echte_spec(module_naam: str) -> PageSpec | None:
    spec = getattr(importlib.import_module(f"{__name__}.{module_naam}"), "PAGE", None)
    return spec if isinstance(spec, PageSpec) else None


def importeer_vooruit(specs: Any) -> list[str]:
    """Import the modules of the screens in `specs` not imported yet (off the GUI thread: a screen's module makes
    no Qt object when imported). A millisecond between modules lets the window have the GIL. Returns the modules
    imported; one that fails is left to the first open, which imports it again and says what went wrong."""
    import sys
    import time

    gedaan = []
    for spec in specs:
        maak = getattr(spec, "maak", None)
        if not isinstance(maak, _Uitgesteld):
            continue
        naam = f"{__name__}.{maak.module_naam}"
        if naam in sys.modules:
            continue
        try:
            importlib.import_module(naam)
        except Exception:  # noqa: BLE001 - imported again at the first open, which reports it
            log.warning("scherm %s niet vooraf geladen", maak.module_naam, exc_info=True)
            continue
        gedaan.append(maak.module_naam)
        time.sleep(0.001)
    return gedaan


class _Uitgesteld:
    """The factory of an indexed screen: imports the screen's module on first use and calls its own factory."""

    def __init__(self, module_naam: str) -> None:
        self.module_naam = module_naam

    def __call__(self, shell: Any) -> Any:
        spec = _echte_spec(self.module_naam)
        if spec is None:
            raise LookupError(f"ui.pages.{self.module_naam} heeft geen PAGE meer; genereer ui/pages/_index.py")
        actor = getattr(shell, "actor", None)
        if actor is not None and actor.rol not in spec.rollen:
            # A stale index (a role taken off the screen since it was generated) never opens the screen.
            from consulent_app.errors import GeenToegang

            raise GeenToegang("Dit scherm is voor uw rol niet beschikbaar.")
        return spec.maak(shell)

    def __repr__(self) -> str:
        return f"<scherm uit ui.pages.{self.module_naam}, geladen bij eerste gebruik>"


def discover(*, uitgesteld: bool = True) -> list[PageSpec]:
    """All pages in this package, in menu order. A new screen is a new module: nothing central to edit (the index
    is regenerated with `python -m ui.pages`). With `uitgesteld=False` every module is imported now."""
    index: dict[str, dict[str, Any]] = {}
    if uitgesteld:
        try:
            index = importlib.import_module(f"{__name__}.{INDEX_MODULE}").PAGINAS
        except ImportError:
            index = {}
    specs: list[PageSpec] = []
    for naam in _modules():
        velden = index.get(naam)
        if velden is None:
            spec = _echte_spec(naam)
            if spec is not None:
                specs.append(spec)
        elif velden:  # an empty entry: a module without PAGE
            specs.append(PageSpec(maak=_Uitgesteld(naam), **velden))
    return sorted(specs, key=lambda s: (s.volgorde, s.titel))


def _literal(waarde: Any) -> str:
    from consulent_app.domain import Rol

    if isinstance(waarde, Rol):
        return f"Rol.{waarde.name}"
    if isinstance(waarde, tuple):
        return "(" + ", ".join(_literal(w) for w in waarde) + ("," if len(waarde) == 1 else "") + ")"
    if isinstance(waarde, dict):
        return "{" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in waarde.items()) + "}"
    if isinstance(waarde, str):
        return json.dumps(waarde, ensure_ascii=False)
    if waarde is None or isinstance(waarde, bool | int | float):
        return repr(waarde)
    raise TypeError(f"{waarde!r} past niet in ui/pages/_index.py")


def index_tekst() -> str:
    """The text of ui/pages/_index.py for the modules as they are now."""
    regels = ['"""Generated by `python -m ui.pages` from the PAGE of every screen module (see ui/pages/__init__.py).',
              "",
              "Do not edit: regenerate. tests/ui/test_pagina_index.py checks that it equals the modules' own specs.",
              '"""', "", "from consulent_app.domain import Rol", "",
              "PAGINAS: dict[str, dict[str, object]] = {"]
    for naam in _modules():
        spec = _echte_spec(naam)
        if spec is None:
            regels.append(f"    {_literal(naam)}: {{}},")
            continue
        regels.append(f"    {_literal(naam)}: {{")
        for veld in VELDEN:
            regels.append(f"        {_literal(veld)}: {_literal(getattr(spec, veld))},")
        regels.append("    },")
    regels.append("}")
    return "\n".join(regels) + "\n"
