"""UI tests: Python's cyclic garbage collector runs only in the GUI thread.

Left automatic, it runs in whichever thread happens to allocate, also a ui.worker thread loading a list; there it
can delete Qt objects that belong to the GUI thread (a closed window of an earlier test), and the process dies
with a segmentation fault. The application does the same (ui.main.gc_in_hoofdthread).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _gc_alleen_in_hoofdthread() -> Iterator[None]:
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.enable()  # the tests outside tests/ui keep the normal collector, even after ui.main.maak_app ran
