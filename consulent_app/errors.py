"""Errors the core raises; every message is Dutch and fit to show a user as is."""

from __future__ import annotations


class ConsulentFout(Exception):
    """Base: `str(exc)` is a complete Dutch sentence for the user."""

    def __init__(self, bericht: str) -> None:
        super().__init__(bericht)
        self.bericht = bericht


class ValidatieFout(ConsulentFout):
    """Bad input. `fouten` maps field name to message, so the UI can show each at its field."""

    def __init__(self, fouten: dict[str, str] | str, veld: str | None = None) -> None:
        if isinstance(fouten, str):
            fouten = {veld or "_": fouten}
        self.fouten = dict(fouten)
        super().__init__(" ".join(self.fouten.values()))

    @classmethod
    def veld(cls, veld: str, bericht: str) -> ValidatieFout:
        return cls({veld: bericht})


class RegelFout(ConsulentFout):
    """A rule of the law or the process forbids this now (e.g. step 7 before steps 1-6)."""


class GeenToegang(ConsulentFout):
    """The caller's role or team does not allow this."""


class SessieIngetrokken(GeenToegang):
    """The logged-in user was switched off, moved to another team or given another role since logging in:
    the session's rights are gone and the user must log in again (the UI logs out on this error)."""


class NietGevonden(ConsulentFout):
    pass


class ConflictFout(ConsulentFout):
    """Someone else changed the same record in the meantime (optimistic locking)."""

    def __init__(self, bericht: str | None = None) -> None:
        super().__init__(
            bericht
            or "Iemand anders heeft deze gegevens intussen gewijzigd. Uw invoer is niet opgeslagen; "
            "herlaad het dossier en voer uw wijziging opnieuw in."
        )


class VeldConflict(ConflictFout):
    """Someone else saved a different value in the same field after this user last saw it.

    `eigen` is what this user typed, `ander` what is stored now: the screen shows both to choose or merge; nothing
    is dropped. Saves of different fields never raise this (field-level concurrency, issue 13).
    """

    def __init__(self, veld: str, label: str, *, eigen: object, ander: object) -> None:
        super().__init__(f"{label}: iemand anders heeft dit veld intussen gewijzigd. Uw tekst is niet "
                         "weggegooid; kies welke tekst blijft, of voeg ze samen.")
        self.veld = veld
        self.label = label
        self.eigen = eigen
        self.ander = ander


class AuthenticatieFout(ConsulentFout):
    pass


class DatabaseFout(ConsulentFout):
    """The database cannot be opened or used (missing, locked, newer schema, wrong key)."""


class ConfiguratieFout(ConsulentFout):
    pass
