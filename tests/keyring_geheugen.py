"""An in-memory keyring for tests: the real OS keyring is never touched."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import fail


class GeheugenKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.data.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.data[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.data.pop((service, username), None)


@contextmanager
def keyring_van(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    """Use `backend`; the in-memory one of the tests counts as an OS keyring meanwhile (allow-list)."""
    from consulent_app.db import encryptie

    vorige = keyring.get_keyring()
    keyring.set_keyring(backend)
    naam = f"{GeheugenKeyring.__module__}.{GeheugenKeyring.__qualname__}"
    encryptie.TOEGESTANE_KEYRINGS.add(naam)
    try:
        yield backend
    finally:
        encryptie.TOEGESTANE_KEYRINGS.discard(naam)
        keyring.set_keyring(vorige)


def geen_keyring() -> KeyringBackend:
    return fail.Keyring()
