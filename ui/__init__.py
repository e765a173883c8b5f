"""The desktop client (PySide6). Importing it makes PySide6's import hook cheap, see `_pyside_snel`."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import PySide6.QtCore  # noqa: F401 - installs PySide6's import hook, which the function below replaces


def _pyside_snel() -> None:
    """PySide6 asks, for every module imported after it, whether the module's source mentions "PySide6" (for its
    `__feature__` switching, PYSIDE-2029), and reads that source with `inspect.getsource`: tokenising and line
    caching every module SQLAlchemy, the models and the screens import cost a fifth of the start to the main window.
    The same question answered by searching the file's bytes (the application uses no `__feature__`; the answer
    is the same, a module without a readable .py file is asked as before)."""
    feature = sys.modules.get("shibokensupport.feature")
    oorspronkelijk = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or oorspronkelijk is None or getattr(oorspronkelijk, "consulent", False):
        return

    def gebruikt_pyside(module: ModuleType) -> bool:
        pad = getattr(module, "__file__", None)
        if not isinstance(pad, str) or not pad.endswith(".py"):
            return bool(oorspronkelijk(module))
        try:
            return b"PySide6" in Path(pad).read_bytes()
        except OSError:
            return False

    gebruikt_pyside.consulent = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = gebruikt_pyside  # type: ignore[attr-defined]


_pyside_snel()
