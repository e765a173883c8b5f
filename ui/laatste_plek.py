"""Where the consultant was: the last investigation or dossier per user and database, reopened after a restart.

Only page keys and ids are kept (never names or text), in a user-only file in the data folder next to the
journal. The investigation itself remembers its step (services.onderzoek.ga_naar_stap), so reopening it resumes
at that step.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from consulent_app import files
from consulent_app.journaal import pad_voor

log = logging.getLogger(__name__)

#: The pages worth returning to, with the one id parameter each takes.
HERSTELBAAR = {"onderzoek": "onderzoek_id", "dossier": "client_id", "documenten": "client_id"}


def _pad(database_url: str, gebruiker_id: int) -> Path:
    journaal = pad_voor(database_url)
    return journaal.parent / f"laatste-plek-{journaal.stem.removeprefix('journaal-')}-{gebruiker_id}.json"


def onthoud(database_url: str, gebruiker_id: int, key: str, params: dict[str, Any]) -> None:
    """Remember `key` with its id when it is a place to come back to; other pages leave the last place as is."""
    param = HERSTELBAAR.get(key)
    if param is None or not isinstance(params.get(param), int):
        return
    try:
        files.schrijf_prive(_pad(database_url, gebruiker_id),
                            json.dumps({"key": key, param: params[param]}).encode("utf-8"))
    except OSError as exc:  # a full disk must not stop the screen from opening
        log.warning("laatste plek niet bewaard: %s", type(exc).__name__)


def laatste(database_url: str, gebruiker_id: int) -> tuple[str, dict[str, int]] | None:
    """The remembered place, or None (nothing yet, or an unreadable file)."""
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
    _pad(database_url, gebruiker_id).unlink(missing_ok=True)
