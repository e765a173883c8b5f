"""Neutral building blocks of a document body, so the PDF and the Word file are built from one text."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Kop:
    tekst: str
    niveau: int = 1  # 1 = chapter / provision, 2 = sub heading


@dataclass(frozen=True)
class Alinea:
    tekst: str
    stijl: str = "basis"  # basis / vet / klein / citaat / concept


@dataclass(frozen=True)
class Feiten:
    """Label/value rows (two columns)."""

    rijen: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Raster:
    """A table with a header row; `breedtes` are fractions of the text width."""

    kop: tuple[str, ...]
    rijen: tuple[tuple[str, ...], ...]
    breedtes: tuple[float, ...]


@dataclass(frozen=True)
class Opsomming:
    items: tuple[str, ...]
    genummerd: bool = False


@dataclass(frozen=True)
class Aankruis:
    """Check boxes for the client to tick on paper."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Handtekeningen:
    """Signature lines side by side: one (title, name) per signer."""

    vakken: tuple[tuple[str, str], ...]
    naam_label: str = "Naam"
    datum_label: str = "Datum"


@dataclass(frozen=True)
class Ondertekening:
    """Signature under mandate at the end of a decision."""

    regels_boven: tuple[str, ...]
    naam: str
    functie: str
    bijlage_kop: str = ""
    bijlage: str = ""


@dataclass(frozen=True)
class Samen:
    """Blocks that stay on one page: a provision's heading with its table, a list with its heading, the last
    paragraph with the closing and signature (never alone on a last page)."""

    blokken: tuple[Blok, ...]


@dataclass(frozen=True)
class Ruimte:
    mm: float = 4


@dataclass(frozen=True)
class NieuwePagina:
    """Start on a fresh page (the reaction form the client signs is one page of its own)."""


@dataclass(frozen=True)
class Schrijfruimte:
    """Empty ruled lines to write on."""

    regels: int = 5


Blok = (Kop | Alinea | Feiten | Raster | Opsomming | Aankruis | Handtekeningen | Ondertekening | Ruimte | Schrijfruimte
        | NieuwePagina | Samen)


@dataclass(frozen=True)
class Inhoud:
    titel: str  # PDF/Word metadata title
    onderwerp: str
    blokken: tuple[Blok, ...]
    voettekst: str
    kop_feiten: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # letter: datum, kenmerk, ...
