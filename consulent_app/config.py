"""Configuration: one TOML file in the user's config folder, with documented defaults in resources/."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from consulent_app import paths, planning
from consulent_app.errors import ConfiguratieFout, ValidatieFout
from consulent_app.rules import duur

DEFAULT_FILE = "default_config.toml"


@dataclass(frozen=True)
class Gemeente:
    naam: str = "Gemeente Maastricht"
    afdeling: str = ""
    postadres: str = ""
    postcode_plaats: str = ""
    bezoekadres: str = ""
    telefoon: str = ""
    website: str = ""
    logo: str = ""
    ondertekenaar_naam: str = ""
    ondertekenaar_functie: str = ""
    mandaat_tekst: str = ""
    bezwaar_adres: str = ""
    kenmerk_prefix: str = "GEM"


@dataclass(frozen=True)
class Normen(planning.Normen):
    """The planning norms of the 2020 report (validated once, in consulent_app.planning) plus the cost threshold
    of the poortwachter list. A bad value in the file is a configuration error naming the setting."""

    poortwachter_drempel: float = 25000.0

    def __post_init__(self) -> None:
        try:
            super().__post_init__()
        except ValidatieFout as exc:
            raise ConfiguratieFout(
                "Sectie [normen] in de configuratie: "
                + " ".join(f"normen.{veld}: {bericht}" for veld, bericht in exc.fouten.items())
            ) from exc
        if self.poortwachter_drempel < 0:
            raise ConfiguratieFout("normen.poortwachter_drempel mag niet negatief zijn.")


@dataclass(frozen=True)
class Termijnen:
    gelijkgestelde_dagen: tuple[dt.date, ...] = ()
    po_maximum_maanden: int = duur.PO_MAXIMUM_MAANDEN
    jeugd_maximum_maanden: int = duur.JEUGD_MAXIMUM_MAANDEN  # longest a Jeugd provision runs (rules/duur.py)
    signaal_werkdagen: int = 5
    plan_termijn_dagen: int = 42  # provider's plan (plan van aanpak / gezinsplan) expected this many days after start


    @property
    def duurgrenzen(self) -> duur.Duurgrenzen:
        """The duration limits of a provision (rules/duur.py)."""
        return duur.Duurgrenzen(self.po_maximum_maanden, self.jeugd_maximum_maanden)


@dataclass(frozen=True)
class Besluiten:
    """What decisions say and when they take effect (resources/default_config.toml, section [besluiten])."""

    # Ending or reducing support takes effect no earlier than the day after sending plus this transition period.
    overgangstermijn_weken: int = 4
    # The local regulation named as legal basis (Awb 3:47), per law: its name and the articles for a decision on
    # a request and for a change or withdrawal.
    verordening_wmo: str = "de Verordening maatschappelijke ondersteuning"
    artikel_verordening_wmo: str = ""
    artikel_verordening_wmo_herziening: str = ""
    verordening_jeugd: str = "de Verordening jeugdhulp"
    artikel_verordening_jeugd: str = ""
    artikel_verordening_jeugd_herziening: str = ""
    # Own contribution (CAK, art. 2.1.4 Wmo 2015): no contribution for these product categories (WMO020 codes)
    # and product codes, nor for clients younger than this age on the start date.
    eigen_bijdrage_vrij_categorieen: tuple[str, ...] = ()
    eigen_bijdrage_vrij_producten: tuple[str, ...] = ()
    eigen_bijdrage_vanaf_leeftijd: int = 18

    def __post_init__(self) -> None:
        if not 0 <= self.overgangstermijn_weken <= 52:
            raise ConfiguratieFout("besluiten.overgangstermijn_weken moet tussen 0 en 52 liggen.")
        if not 0 <= self.eigen_bijdrage_vanaf_leeftijd <= 120:
            raise ConfiguratieFout("besluiten.eigen_bijdrage_vanaf_leeftijd moet tussen 0 en 120 liggen.")
        object.__setattr__(self, "eigen_bijdrage_vrij_categorieen",
                           tuple(str(x) for x in self.eigen_bijdrage_vrij_categorieen))
        object.__setattr__(self, "eigen_bijdrage_vrij_producten",
                           tuple(str(x) for x in self.eigen_bijdrage_vrij_producten))


@dataclass(frozen=True)
class Beveiliging:
    wachtwoord_minimale_lengte: int = 10
    max_mislukte_pogingen: int = 5
    blokkeer_minuten: int = 15
    vergrendel_na_minuten: int = 5


@dataclass(frozen=True)
class Oidc:
    """Sign-in with the municipality's identity provider (OpenID Connect, authorization code + PKCE). Off by
    default: then only the local password login exists. The IdP's user is found by `claim` (its value is the
    user name in Consulent); an unknown or switched-off user is refused."""

    aan: bool = False
    issuer: str = ""  # e.g. https://login.gemeente.nl/realms/medewerkers
    client_id: str = "consulent"
    claim: str = "preferred_username"
    scope: str = "openid profile email"
    wachttijd_seconden: int = 300  # how long the login in the browser may take

    def __post_init__(self) -> None:
        if self.aan and not self.issuer.startswith(("https://", "http://127.0.0.1", "http://localhost")):
            raise ConfiguratieFout("oidc.issuer moet een https-adres zijn van de identity provider van de gemeente.")
        if self.aan and not self.client_id:
            raise ConfiguratieFout("oidc.client_id is leeg.")


@dataclass(frozen=True)
class Financien:
    """Financial grip (services/financien, rules/verplichting, rules/declaratie)."""

    #: Indexation per year in percent, e.g. {2027: 2.5}: raises every tariff not renewed in or after that year.
    indexatie: dict[int, float] = field(default_factory=dict)
    #: Signal when the year-end prognosis exceeds the budget by more than this percentage.
    prognose_boven_budget_procent: float = 2.0
    #: Signal an assignment in kind without any invoice this many months after its start.
    niet_gedeclareerd_maanden: int = 3
    #: An invoice that comes in more than this many months after its product period is marked "te laat".
    declaratietermijn_maanden: int = 6

    def __post_init__(self) -> None:
        try:
            idx = {int(k): float(v) for k, v in dict(self.indexatie).items()}
        except (TypeError, ValueError) as exc:
            raise ConfiguratieFout("financien.indexatie: gebruik jaar = percentage, bijvoorbeeld 2027 = 2.5.") from exc
        if any(not -50 < v < 100 for v in idx.values()):
            raise ConfiguratieFout("financien.indexatie: een percentage moet tussen -50 en 100 liggen.")
        object.__setattr__(self, "indexatie", idx)
        if self.prognose_boven_budget_procent < 0:
            raise ConfiguratieFout("financien.prognose_boven_budget_procent mag niet negatief zijn.")
        if self.niet_gedeclareerd_maanden < 1 or self.declaratietermijn_maanden < 1:
            raise ConfiguratieFout("financien: termijnen in maanden moeten minstens 1 zijn.")


@dataclass(frozen=True)
class Berichten:
    """iWmo / iJw message traffic through the GGk: the municipality's CBS code and the exchange folders."""

    gemeentecode: str = "0935"  # CBS gemeentecode (Maastricht)
    uitbox: str = ""  # folder the GGk portal uploads from (empty: choose when exporting)
    inbox: str = ""  # folder the GGk portal downloads into


@dataclass(frozen=True)
class Config:
    database_url: str = ""
    versleuteld: bool = False
    gemeente: Gemeente = field(default_factory=Gemeente)
    normen: Normen = field(default_factory=Normen)
    termijnen: Termijnen = field(default_factory=Termijnen)
    beveiliging: Beveiliging = field(default_factory=Beveiliging)
    oidc: Oidc = field(default_factory=Oidc)
    besluiten: Besluiten = field(default_factory=Besluiten)
    financien: Financien = field(default_factory=Financien)
    berichten: Berichten = field(default_factory=Berichten)
    bron: Path | None = None

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{paths.data_dir() / 'consulent.sqlite3'}"

    def with_database(self, url: str) -> Config:
        return replace(self, database_url=url)


def _section(data: dict[str, Any], name: str, cls: type) -> Any:
    raw = data.get(name, {})
    known = {k: v for k, v in raw.items() if k in getattr(cls, "__dataclass_fields__", {})}
    try:
        return cls(**known)
    except TypeError as exc:  # wrong types in the file
        raise ConfiguratieFout(f"Sectie [{name}] in de configuratie is ongeldig: {exc}") from exc


def parse(data: dict[str, Any], bron: Path | None = None) -> Config:
    db = data.get("database", {})
    term = dict(data.get("termijnen", {}))
    try:
        term["gelijkgestelde_dagen"] = tuple(
            d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d))
            for d in term.get("gelijkgestelde_dagen", [])
        )
    except ValueError as exc:
        raise ConfiguratieFout(f"termijnen.gelijkgestelde_dagen bevat een ongeldige datum: {exc}") from exc
    return Config(
        database_url=str(db.get("url", "")),
        versleuteld=bool(db.get("versleuteld", False)),
        gemeente=_section(data, "gemeente", Gemeente),
        normen=_section(data, "normen", Normen),
        termijnen=_section({"termijnen": term}, "termijnen", Termijnen),
        beveiliging=_section(data, "beveiliging", Beveiliging),
        oidc=_section(data, "oidc", Oidc),
        besluiten=_section(data, "besluiten", Besluiten),
        financien=_section(data, "financien", Financien),
        berichten=_section(data, "berichten", Berichten),
        bron=bron,
    )


def default_file() -> Path:
    return paths.resources_dir() / DEFAULT_FILE


def load(path: Path | None = None, *, create: bool = True) -> Config:
    """Read the user's configuration; on first start copy the documented defaults there."""
    path = path or paths.config_dir() / "config.toml"
    if not path.exists():
        if not create:
            return load_defaults()
        from consulent_app import files

        # It can come to hold the PostgreSQL password: the user's alone (0600 in a 0700 folder).
        if not path.parent.exists() or path.parent == paths.config_dir():
            files.eigen_map(path.parent)
        files.schrijf_prive(path, default_file().read_bytes())
    else:
        from consulent_app import files

        files.eigen_bestand(path)  # an older copy may be 0644: it can hold the PostgreSQL password
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfiguratieFout(f"Het configuratiebestand {path} is onleesbaar: {exc}") from exc
    return parse(data, bron=path)


def load_defaults() -> Config:
    with default_file().open("rb") as fh:
        return parse(tomllib.load(fh), bron=default_file())
