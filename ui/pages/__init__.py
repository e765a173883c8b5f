"""Screens of the main window. Each module here defines `PAGE = PageSpec(...)`; the main window discovers them."""

from __future__ import annotations

import importlib
import pkgutil

from ui.pages.base import PageSpec


def discover() -> list[PageSpec]:
    """All pages in this package, in menu order. A new screen is a new module: nothing central to edit."""
    specs: list[PageSpec] = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        spec = getattr(module, "PAGE", None)
        if isinstance(spec, PageSpec):
            specs.append(spec)
    return sorted(specs, key=lambda s: (s.volgorde, s.titel))
