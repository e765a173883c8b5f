"""Where the consultant was: the last investigation or dossier per user and database, reopened after a restart.

Only page keys and ids are kept (never names or text), in a user-only file in the data folder next to the
journal. The investigation itself remembers its step (services.onderzoek.ga_naar_stap), so reopening it resumes
at that step.
"""

from __future__ import annotations

import json
import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from consulent_app import files
from consulent_app.journaal import pad_voor

log = logging.getLogger(__name__)

#: The pages worth returning to, with the one id parameter each takes.
HERSTELBAAR = {"onderzoek": "onderzoek_id", "dossier": "client_id", "documenten": "client_id"}

# Written on a thread of its own, in order: the file is made durable (fsync), which took 40-80 ms on the GUI
# thread every time a case opened (issue 13). `laatste` waits for what is still being written.
_schrijver = ThreadPoolExecutor(max_workers=1, thread_name_prefix="laatste-plek")
_slot = threading.Lock()
_laatste_schrijf: Future[None] | None = None


def _pad(database_url: str, gebruiker_id: int) -> Path:
    journaal = pad_voor(database_url)
    return journaal.parent / f"laatste-plek-{journaal.stem.removeprefix('journaal-')}-{gebruiker_id}.json"


def onthoud(database_url: str, gebruiker_id: int, key: str, params: dict[str, Any]) -> None:
    """Remember `key` with its id when it is a place to come back to; other pages leave the last place as is."""
    global _laatste_schrijf
    param = HERSTELBAAR.get(key)
    if param is None or not isinstance(params.get(param), int):
        return
    pad, inhoud = _pad(database_url, gebruiker_id), json.dumps({"key": key, param: params[param]}).encode("utf-8")

    def schrijf() -> None:
        try:
            files.schrijf_prive(pad, inhoud)
        except OSError as exc:  # a full disk must not stop the screen from opening
            log.warning("laatste plek niet bewaard: %s", type(exc).__name__)

    with _slot:
        _laatste_schrijf = _schrijver.submit(schrijf)


def wacht() -> None:
    """Until what `onthoud` handed in is on disk."""
    with _slot:
        bezig = _laatste_schrijf
    if bezig is not None:
        bezig.result()


def laatste(database_url: str, gebruiker_id: int) -> tuple[str, dict[str, int]] | None:
    """The remembered place, or None (nothing yet, or an unreadable file)."""
    wacht()
    pad = _pad(database_url, gebruiker_id)
    try:
        data = json.loads(pad.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    key = data.get("key") if isinstance(data, dict) else None
    param = HERSTELBAAR.get(key) if isinstance(key, str) else None
    if key is None or param is None or not isinstance(data.get(param), int):
        return None
    return key, {param: int(data[param])}


def vergeet(database_url: str, gebruiker_id: int) -> None:
    wacht()
    _pad(database_url, gebruiker_id).unlink(missing_ok=True)
