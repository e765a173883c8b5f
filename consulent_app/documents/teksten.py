"""Document texts: TOML templates in resources/templates, overridable per municipality, filled with ${...}."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

from consulent_app import paths
from consulent_app.errors import ConfiguratieFout

_CACHE: dict[tuple[str, float, float], Teksten] = {}


def _merge(basis: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(basis)
    for k, v in extra.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return -1.0


@dataclass(frozen=True)
class Teksten:
    """One template file as a tree of strings; `t("a.b", x=1)` fills placeholder ${x} of key a.b."""

    naam: str
    data: dict[str, Any]

    def ruw(self, sleutel: str) -> Any:
        node: Any = self.data
        for deel in sleutel.split("."):
            if not isinstance(node, dict) or deel not in node:
                raise ConfiguratieFout(f"De documenttekst '{sleutel}' ontbreekt in sjabloon {self.naam}.toml.")
            node = node[deel]
        return node

    def heeft(self, sleutel: str) -> bool:
        try:
            self.ruw(sleutel)
        except ConfiguratieFout:
            return False
        return True

    def t(self, sleutel: str, **waarden: object) -> str:
        tekst = self.ruw(sleutel)
        if not isinstance(tekst, str):
            raise ConfiguratieFout(f"De documenttekst '{sleutel}' in sjabloon {self.naam}.toml is geen tekst.")
        try:
            return Template(tekst.strip()).substitute({k: "" if v is None else str(v) for k, v in waarden.items()})
        except KeyError as exc:
            raise ConfiguratieFout(
                f"De documenttekst '{sleutel}' in sjabloon {self.naam}.toml gebruikt het onbekende invulveld "
                f"${{{exc.args[0]}}}. Haal het weg of gebruik een invulveld uit het standaardsjabloon."
            ) from exc
        except ValueError as exc:
            raise ConfiguratieFout(
                f"De documenttekst '{sleutel}' in sjabloon {self.naam}.toml bevat een ongeldig $-teken. "
                "Schrijf een los dollarteken als $$."
            ) from exc

    def alineas(self, sleutel: str, **waarden: object) -> list[str]:
        """A text split at blank lines into paragraphs."""
        return [a.replace("\n", " ").strip() for a in self.t(sleutel, **waarden).split("\n\n") if a.strip()]


def standaard_pad(naam: str) -> Path:
    return paths.resources_dir() / "templates" / f"{naam}.toml"


def gemeente_pad(naam: str) -> Path:
    """Where a municipality puts its own version of (part of) a template."""
    return paths.config_dir() / "templates" / f"{naam}.toml"


def laad(naam: str) -> Teksten:
    """The shipped template merged with the municipality's override; cached until either file changes."""
    basis, eigen = standaard_pad(naam), gemeente_pad(naam)
    sleutel = (naam, _mtime(basis), _mtime(eigen))
    if sleutel in _CACHE:
        return _CACHE[sleutel]
    try:
        with basis.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfiguratieFout(f"Het documentsjabloon {basis} is onleesbaar: {exc}") from exc
    if sleutel[2] >= 0:
        try:
            with eigen.open("rb") as fh:
                data = _merge(data, tomllib.load(fh))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfiguratieFout(f"Het aangepaste documentsjabloon {eigen} is onleesbaar: {exc}") from exc
    result = Teksten(naam, data)
    _CACHE[sleutel] = result
    return result
