"""Worker processes for batches (decision letters, print files): a pool whose results never hang.

CPython's ProcessPoolExecutor notices a worker that dies (BrokenProcessPool), except when the worker dies while it
is writing a result back: its pool thread then waits for the rest of that message for good, no future ever
completes, and even leaving Python waits for that thread (seen when workers were killed at random moments, about
1 in 14). An administrative worker's batch then stood still without a word. `Werkpool` waits for a result in
short slices and looks at its workers meanwhile: when one has died and the result has not come within a moment,
the pool is given up (`WerkersWeg`), its workers are ended and the stuck thread is freed, and the caller carries on
in its own process; nothing is lost, the letters are made there.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

log = logging.getLogger(__name__)

R = TypeVar("R")


class WerkersWeg(Exception):
    """The worker processes fell away: do the rest in this process."""


class Werkpool:
    """A pool of `werkers` processes ("spawn": a fresh interpreter, safe beside Qt's threads and the only way on
    Windows). `submit` gives None and `resultaat` raises WerkersWeg once the pool broke down."""

    #: How long a result may still come after a worker died (another worker may be sending one just then).
    NADENKEN_S = 2.0
    #: How often the workers are looked at while waiting for a result.
    KIJK_S = 0.25

    def __init__(self, werkers: int, initializer: Callable[..., Any] | None = None,
                 initargs: tuple[Any, ...] = ()) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.kapot = False
        self.pool = ProcessPoolExecutor(max_workers=max(1, werkers), mp_context=multiprocessing.get_context("spawn"),
                                        initializer=initializer, initargs=initargs)

    def submit(self, fn: Callable[..., R], *args: Any) -> Future[R] | None:
        if self.kapot:
            return None
        try:
            return self.pool.submit(fn, *args)
        except Exception:  # noqa: BLE001 - a broken pool: the caller carries on in its own process
            self.geef_op()
            return None

    def resultaat(self, fut: Future[R]) -> R:
        """The worker's result (its own exception re-raised as it is); WerkersWeg when the pool broke down."""
        if self.kapot:
            raise WerkersWeg("de werkprocessen zijn al opgegeven")
        dood_sinds: float | None = None
        while True:
            try:
                return fut.result(timeout=self.KIJK_S)
            except TimeoutError:
                pass
            except Exception as exc:
                from concurrent.futures.process import BrokenProcessPool

                if isinstance(exc, BrokenProcessPool):
                    self.geef_op()
                    raise WerkersWeg("een werkproces viel weg") from exc
                raise
            if dood_sinds is None and self._een_werker_dood():
                dood_sinds = time.monotonic()
            if dood_sinds is not None and time.monotonic() - dood_sinds > self.NADENKEN_S:
                self.geef_op()
                raise WerkersWeg("een werkproces viel weg terwijl het een resultaat terugstuurde")

    def _een_werker_dood(self) -> bool:
        processen = list((getattr(self.pool, "_processes", None) or {}).values())
        return any(p.exitcode is not None for p in processen)

    def geef_op(self) -> None:
        """Give up the pool: end the workers still alive and free the pool's thread if it waits for the rest of a
        message that will never come (else it would be waited for when Python ends)."""
        if self.kapot:
            return
        log.warning("werkprocessen vielen weg; verder zonder")
        self.kapot = True
        processen = list((getattr(self.pool, "_processes", None) or {}).values())
        # Taken before the shutdown, which lets go of them.
        draad = getattr(self.pool, "_executor_manager_thread", None)
        schrijver = getattr(getattr(self.pool, "_result_queue", None), "_writer", None)
        self.pool.shutdown(wait=False, cancel_futures=True)
        for proces in processen:
            if proces.is_alive():
                proces.kill()
        if draad is not None and schrijver is not None:
            self._maak_draad_los(draad, schrijver)

    @staticmethod
    def _maak_draad_los(draad: Any, schrijver: Any, binnen_s: float = 10.0) -> None:
        """The pool's thread may be reading the rest of a half-written result: give it bytes (zeros, which no
        unpickling accepts) until it has seen that the pool is broken and ended. The pool is not used again."""
        draad.join(0.2)  # the usual case: the pool saw the dead worker itself
        if not draad.is_alive():
            return
        try:
            fd = schrijver.fileno()
            os.set_blocking(fd, False)
        except (OSError, ValueError):
            return
        nullen = bytes(65536)
        einde = time.monotonic() + binnen_s
        while draad.is_alive() and time.monotonic() < einde:
            try:
                os.write(fd, nullen)
            except BlockingIOError:
                pass
            except OSError:
                break
            draad.join(0.02)
        if draad.is_alive():
            log.warning("de draad van de werkprocessen bleef hangen")

    def sluit(self) -> None:
        self.pool.shutdown(wait=not self.kapot, cancel_futures=True)
