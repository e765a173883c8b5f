"""Run in a worker process by tests/test_werkprocessen.py and the batch tests (importable by a "spawn" child)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any


def sterf_bij_het_antwoord(fn: Callable[..., Any], *args: Any) -> Any:
    """Run fn(*args); the worker process then dies halfway through sending the answer back (as when it is killed
    at that moment): half the bytes are in the pipe, the rest never comes."""
    from multiprocessing import connection

    def half(self: Any, buf: Any, write: Callable[[int, bytes], int] = os.write) -> None:
        data = bytes(buf)
        write(self._handle, data[: max(1, len(data) // 2)])
        os._exit(71)

    connection.Connection._send = half  # type: ignore[method-assign]
    return fn(*args)


def fout(tekst: str) -> None:
    raise ValueError(tekst)
