"""Freed memory back to the operating system (glibc's malloc on Linux; elsewhere nothing happens).

Every screen loads its data in a background thread; what a load built and the page dropped again is freed, but
glibc keeps freed heap pages (per thread in its own arena) mapped, so the resident memory of a session that has
seen every screen stays 10-20 MiB above what it uses (issue 17: the memory target matters most on the terminal
servers municipalities run desktop programs on, where every user's session counts). `geef_terug` asks glibc to
release the free pages at the top of each arena (malloc_trim); it costs a few milliseconds and changes nothing
that is in use. The main window calls it when a page switch is done and after a full garbage collection.
"""

from __future__ import annotations

import ctypes
import functools
import sys
from typing import Any


@functools.cache
def _libc() -> Any | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        lib = ctypes.CDLL("libc.so.6")
        lib.malloc_trim.argtypes = [ctypes.c_size_t]
        lib.malloc_trim.restype = ctypes.c_int
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
    return lib


def geef_terug() -> bool:
    """Release free heap memory to the operating system; True when something was released."""
    lib = _libc()
    return bool(lib.malloc_trim(0)) if lib is not None else False
