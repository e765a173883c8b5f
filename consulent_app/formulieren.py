"""The investigation forms per law (forms/<wet>.toml): steps, fields, help texts and life domains, as data."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from consulent_app import paths
from consulent_app.domain import DekkingBron, Wet
from consulent_app.errors import ConfiguratieFout

SOORTEN = ("tekst", "lange_tekst", "ja_nee", "datum")
AANTAL_STAPPEN = 7
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class FormulierFout(ConfiguratieFout):
    """A form file is malformed; the message names the file and the step."""


@dataclass(frozen=True)
class VeldDef:
    key: str
    label: str
    soort: str  # tekst | lange_tekst | ja_nee | datum
    verplicht: bool
    max_lengte: int | None = None
    # Steps 5 and 6: the coverage sources (DekkingBron values) whose per-need rows answer this summary; a required
    # summary is then optional once such a row exists (the per-need table says it), and the report shows the rows.
    bronnen: tuple[str, ...] = ()


@dataclass(frozen=True)
class StapDef:
    nummer: int
    titel: str
    grondslag: str
    hulptekst: str
    voorbeeld: str
    velden: list[VeldDef]

    def veld(self, key: str) -> VeldDef | None:
        return next((v for v in self.velden if v.key == key), None)


@dataclass(frozen=True)
class Leefgebied:
    code: str
    naam: str


@dataclass(frozen=True)
class Formulier:
    wet: Wet
    titel: str
    leefgebieden: list[Leefgebied]
    stappen: list[StapDef]

    def stap(self, nummer: int) -> StapDef:
        return self.stappen[nummer - 1]

    def leefgebied_naam(self, code: str | None) -> str:
        if not code:
            return ""
        return next((lg.naam for lg in self.leefgebieden if lg.code == code), code)


def bestand(wet: Wet) -> Path:
    return paths.forms_dir() / f"{wet.value}.toml"


@functools.cache
def laad_formulier(wet: Wet) -> Formulier:
    """The form of `wet`, read once and validated; raises FormulierFout naming the file and step if malformed."""
    return lees_formulier(bestand(wet), wet)


def lees_formulier(pad: Path, wet: Wet) -> Formulier:
    naam = f"forms/{pad.name}"
    try:
        with pad.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise FormulierFout(f"{naam} ontbreekt: zonder dit bestand kan het onderzoek {wet.label} niet starten.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise FormulierFout(f"{naam} is geen geldige TOML: {exc}") from exc
    return _ontleed(data, naam, wet)


def _tekst(d: dict[str, Any], sleutel: str, waar: str) -> str:
    waarde = d.get(sleutel)
    if not isinstance(waarde, str) or not waarde.strip():
        raise FormulierFout(f"{waar}: '{sleutel}' ontbreekt of is leeg.")
    return waarde.strip()


def _ontleed(data: dict[str, Any], naam: str, wet: Wet) -> Formulier:
    if data.get("wet") != wet.value:
        raise FormulierFout(f"{naam}: 'wet' moet \"{wet.value}\" zijn, niet {data.get('wet')!r}.")
    titel = _tekst(data, "titel", naam)
    leefgebieden: list[Leefgebied] = []
    for i, lg in enumerate(data.get("leefgebieden") or [], start=1):
        waar = f"{naam}, leefgebied {i}"
        if not isinstance(lg, dict):
            raise FormulierFout(f"{waar}: verwacht een tabel met code en naam.")
        code = _tekst(lg, "code", waar)
        if not _KEY.match(code):
            raise FormulierFout(f"{waar}: code '{code}' mag alleen kleine letters, cijfers en _ bevatten.")
        if any(x.code == code for x in leefgebieden):
            raise FormulierFout(f"{waar}: code '{code}' komt twee keer voor.")
        leefgebieden.append(Leefgebied(code, _tekst(lg, "naam", waar)))
    if not leefgebieden:
        raise FormulierFout(f"{naam}: er staan geen leefgebieden in ([[leefgebieden]]).")
    ruwe_stappen = data.get("stappen") or []
    if not isinstance(ruwe_stappen, list) or len(ruwe_stappen) != AANTAL_STAPPEN:
        raise FormulierFout(f"{naam}: er moeten precies {AANTAL_STAPPEN} stappen zijn ([[stappen]]), "
                            f"gevonden: {len(ruwe_stappen) if isinstance(ruwe_stappen, list) else 0}.")
    stappen: list[StapDef] = []
    for verwacht, st in enumerate(ruwe_stappen, start=1):
        waar = f"{naam}, stap {verwacht}"
        if not isinstance(st, dict):
            raise FormulierFout(f"{waar}: verwacht een tabel.")
        if st.get("nummer") != verwacht:
            raise FormulierFout(f"{waar}: 'nummer' moet {verwacht} zijn (stappen staan op volgorde 1 tot en met 7), "
                                f"gevonden: {st.get('nummer')!r}.")
        velden: list[VeldDef] = []
        for j, vd in enumerate(st.get("velden") or [], start=1):
            vwaar = f"{waar}, veld {j}"
            if not isinstance(vd, dict):
                raise FormulierFout(f"{vwaar}: verwacht een tabel.")
            key = _tekst(vd, "key", vwaar)
            if not _KEY.match(key):
                raise FormulierFout(f"{vwaar}: key '{key}' mag alleen kleine letters, cijfers en _ bevatten.")
            if any(x.key == key for x in velden):
                raise FormulierFout(f"{vwaar}: key '{key}' komt twee keer voor in deze stap.")
            soort = vd.get("soort")
            if soort not in SOORTEN:
                raise FormulierFout(f"{vwaar} ({key}): soort moet een van {', '.join(SOORTEN)} zijn, "
                                    f"gevonden: {soort!r}.")
            verplicht = vd.get("verplicht", False)
            if not isinstance(verplicht, bool):
                raise FormulierFout(f"{vwaar} ({key}): verplicht moet true of false zijn.")
            max_lengte = vd.get("max_lengte")
            if max_lengte is not None and (not isinstance(max_lengte, int) or isinstance(max_lengte, bool)
                                           or max_lengte <= 0):
                raise FormulierFout(f"{vwaar} ({key}): max_lengte moet een positief geheel getal zijn.")
            bronnen = vd.get("bronnen", [])
            if not isinstance(bronnen, list) or any(b not in DekkingBron._value2member_map_ for b in bronnen):
                raise FormulierFout(f"{vwaar} ({key}): bronnen moet een lijst van dekkingsbronnen zijn "
                                    f"({', '.join(b.value for b in DekkingBron)}).")
            velden.append(VeldDef(key, _tekst(vd, "label", vwaar), soort, verplicht, max_lengte, tuple(bronnen)))
        stappen.append(StapDef(verwacht, _tekst(st, "titel", waar), _tekst(st, "grondslag", waar),
                               _tekst(st, "hulptekst", waar), _tekst(st, "voorbeeld", waar), velden))
    if stappen[0].veld("client_woorden") is None:
        raise FormulierFout(f"{naam}, stap 1: een veld met key \"client_woorden\" (de eigen woorden van de cliënt) "
                            "is verplicht.")
    return Formulier(wet, titel, leefgebieden, stappen)
