"""Child process for tests/test_crash.py: autosaves one field of a client in a loop until it is killed.

Prints "klaar" when the loop starts, then the number of every save after its commit returned.
Usage: python tests/crash_schrijver.py <database-url> <client_id>   (SQLCipher key in CONSULENT_TEST_SLEUTEL)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from consulent_app.config import load_defaults  # noqa: E402
from consulent_app.db.engine import make_engine  # noqa: E402
from consulent_app.services import dossiers  # noqa: E402
from consulent_app.services.base import AppContext, actor_by_username  # noqa: E402


def main() -> None:
    url, client_id = sys.argv[1], int(sys.argv[2])
    sleutel = os.environ.get("CONSULENT_TEST_SLEUTEL") or None
    ctx = AppContext(config=load_defaults().with_database(url), engine=make_engine(url, sqlcipher_key=sleutel))
    actor = actor_by_username(ctx, "consulent")
    v = dossiers.open_dossier(ctx, actor, client_id)
    n = int((v.communicatie or "autosave 0").rsplit(" ", 1)[1])
    versie = v.versie
    print("klaar", flush=True)
    while True:
        n += 1
        invoer = dossiers.ClientInvoer(
            bsn=v.bsn, voornamen=v.voornamen, tussenvoegsel=v.tussenvoegsel, achternaam=v.achternaam,
            geboortedatum=v.geboortedatum, geslacht=v.geslacht, straat=v.straat, huisnummer=v.huisnummer,
            postcode=v.postcode, woonplaats=v.woonplaats, telefoon=v.telefoon, email=v.email,
            communicatie=f"autosave {n}", team_id=v.team_id,
        )
        versie = dossiers.wijzig_client(ctx, actor, client_id, invoer, versie=versie)
        print(n, flush=True)


if __name__ == "__main__":
    main()
