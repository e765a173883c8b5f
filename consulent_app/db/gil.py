"""Background database work gives the main thread its turn at Python's GIL (issue 13: the window never waits).

A thread doing database work releases the GIL around every statement (sqlite3 and psycopg do so while the
database works) and takes it back a few microseconds later. CPython hands the GIL to a waiting thread only when
the holder keeps it for a whole switch interval without letting go; a holder that lets go and takes it back at
once restarts the waiter's wait every time, and wins the race for it again, because it is already running. So
while a background write marks thirty decisions as sent, the main (GUI) thread, which needs the GIL for every
Python slot, paint or key press, waited 20-70 ms at a time with 1-5 ms of its own work (the "convoy effect").

With sharing on, a thread other than the main thread that has run statements for `ELK_S` since its last pause
(statements less than `ELK_S` apart) pauses `PAUZE_S` before its next statement: long enough for a waiting main thread to take the GIL, short enough
to cost background work a few per cent. The main thread itself never pauses; nothing changes without a waiting
main thread but the pause. The desktop application turns it on (ui.main); the command line and the letter
batch's worker processes have no window to share with.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import Any

#: Statements run this long (seconds) by one background thread before it pauses.
ELK_S = 0.002
#: The pause: the main thread wakes and takes the GIL in about 50 microseconds on a free core.
PAUZE_S = 0.0001

_stand = threading.local()
_gevraagd = False
_aan = False
#: Replaceable in tests.
klok = time.perf_counter
pauzeer = time.sleep


def _voor_statement(*_args: Any) -> None:
    if threading.current_thread() is threading.main_thread():
        return
    nu = klok()
    vorige = getattr(_stand, "vorige", None)
    if vorige is None or nu - vorige >= ELK_S:
        _stand.sinds = nu  # a new run of statements (the thread was idle or busy otherwise, as long as a pause)
    elif nu - _stand.sinds >= ELK_S:
        pauzeer(PAUZE_S)
        nu = klok()
        _stand.sinds = nu
    _stand.vorige = nu


def deel_met_hoofdthread(aan: bool = True) -> None:
    """Turn the sharing on or off for every engine, made before or after. The desktop application asks for it
    before its login window, when SQLAlchemy is not imported yet (it loads while the user types): then it starts
    with the first engine (`bij_nieuwe_engine`, from db.engine.make_engine)."""
    global _gevraagd
    _gevraagd = aan
    if not aan or "sqlalchemy" in sys.modules:
        _zet(aan)


def bij_nieuwe_engine() -> None:
    if _gevraagd and not _aan:
        _zet(True)


def _zet(aan: bool) -> None:
    global _aan
    from sqlalchemy import Engine, event

    if aan and not _aan:
        event.listen(Engine, "before_cursor_execute", _voor_statement)
    elif not aan and _aan:
        event.remove(Engine, "before_cursor_execute", _voor_statement)
    _aan = aan


def aan() -> bool:
    """Asked for (in effect from the first engine on)."""
    return _gevraagd


def werkzaam() -> bool:
    """In effect: the statements of background threads pause."""
    return _aan
