"""Memory the background loads freed goes back to the operating system once the window is quiet (issue 17)."""

from __future__ import annotations

import ctypes
import sys
from pathlib import Path

import pytest

from consulent_app import geheugen
from tests.factories import Basis
from ui.mainwindow import MainWindow, build_main_window

pytestmark = pytest.mark.ui


def _rss_mib() -> float:
    return next(int(r.split()[1]) for r in Path("/proc/self/status").read_text().splitlines()
                if r.startswith("VmRSS")) / 1024


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim: Linux only")
def test_freed_heap_memory_leaves_the_resident_memory() -> None:
    libc = ctypes.CDLL("libc.so.6")
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    libc.memset.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t]
    blokken = [libc.malloc(4000) for _ in range(25_000)]  # about 100 MB in small blocks, as a big load makes
    for b in blokken:
        libc.memset(b, 1, 4000)
    for b in blokken[:-1]:  # the last one stays: the freed memory lies below memory in use
        libc.free(b)
    vrijgegeven = _rss_mib()
    assert geheugen.geef_terug()
    assert _rss_mib() < vrijgegeven - 50
    libc.free(blokken[-1])


def test_the_main_window_gives_memory_back_when_quiet_after_a_page_switch(qtbot, basis: Basis,  # type: ignore[no-untyped-def]
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    keren: list[int] = []
    monkeypatch.setattr(geheugen, "geef_terug", lambda: keren.append(1) or True)
    monkeypatch.setattr(MainWindow, "GEHEUGEN_TERUG_MS", 50)
    w = build_main_window(basis.ctx, basis["planner"])
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: len(keren) == 1, timeout=5_000)  # the home screen
    w.open_page("termijnen")
    w.open_page("belasting")  # two switches in a row: once, when it is quiet
    qtbot.waitUntil(lambda: len(keren) == 2, timeout=5_000)
    qtbot.wait(200)
    assert len(keren) == 2
