"""The message kinds of iWmo 3.2 and iJw 3.2 that the product writes or reads, as data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from consulent_app import paths
from consulent_app.domain import Wet

BASIS_NS = {
    Wet.WMO: "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema",
    Wet.JEUGDWET: "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
}
_MAP = {Wet.WMO: "iwmo-3.2", Wet.JEUGDWET: "ijw-3.2"}
_PREFIX = {Wet.WMO: "WMO", Wet.JEUGDWET: "JW"}

# (number, BerichtCode Wmo, BerichtCode Jeugd, who sends it, the heenbericht it answers)
_TABEL: tuple[tuple[int, int, int, str, int | None], ...] = (
    (301, 414, 436, "gemeente", None),
    (302, 415, 437, "aanbieder", 301),
    (305, 418, 438, "aanbieder", None),
    (306, 419, 439, "gemeente", 305),
    (307, 420, 440, "aanbieder", None),
    (308, 421, 441, "gemeente", 307),
    (315, 444, 446, "aanbieder", None),
    (316, 445, 447, "gemeente", 315),
    (317, 480, 486, "aanbieder", None),
    (318, 481, 487, "gemeente", 317),
    (319, 482, 488, "gemeente", None),
    (320, 483, 489, "aanbieder", 319),
    (323, 484, 490, "aanbieder", None),
    (325, 485, 491, "gemeente", 323),
)


@dataclass(frozen=True)
class BerichtSoort:
    """One message kind of one law, e.g. WMO301 or JW305."""

    wet: Wet
    nummer: int  # 301, 305, ...
    berichtcode: int  # the header's BerichtCode (VECOZO COD002)
    afzender: str  # "gemeente" or "aanbieder": who sends this kind
    retour_op: int | None  # for a retour: the number of the heenbericht it answers

    @property
    def naam(self) -> str:
        """WMO301, JW305: also the envelope's `functie`."""
        return f"{_PREFIX[self.wet]}{self.nummer}"

    @property
    def namespace(self) -> str:
        letter = "iwmo" if self.wet is Wet.WMO else "ijw"
        return f"http://www.istandaarden.nl/{letter}/3_2/{self.naam.lower()}/schema"

    @property
    def basis_ns(self) -> str:
        return BASIS_NS[self.wet]

    @property
    def is_retour(self) -> bool:
        return self.retour_op is not None

    @property
    def xsd_pad(self) -> str:
        return str(paths.resources_dir() / "istandaarden" / _MAP[self.wet] / f"{self.naam}.xsd")

    def retour(self) -> BerichtSoort | None:
        """The retour kind that answers this heenbericht (305 -> 306), if the standard has one."""
        for s in alle():
            if s.wet is self.wet and s.retour_op == self.nummer:
                return s
        return None


@cache
def alle() -> tuple[BerichtSoort, ...]:
    uit = []
    for nummer, wmo, jw, afzender, op in _TABEL:
        uit.append(BerichtSoort(Wet.WMO, nummer, wmo, afzender, op))
        uit.append(BerichtSoort(Wet.JEUGDWET, nummer, jw, afzender, op))
    return tuple(uit)


def soort(wet: Wet | str, nummer: int) -> BerichtSoort:
    w = Wet(wet)
    for s in alle():
        if s.wet is w and s.nummer == nummer:
            return s
    raise KeyError(f"{w.value} {nummer}")


def per_naam(naam: str) -> BerichtSoort | None:
    for s in alle():
        if s.naam == naam.upper():
            return s
    return None


def per_namespace(ns: str | None) -> BerichtSoort | None:
    for s in alle():
        if s.namespace == ns:
            return s
    return None
