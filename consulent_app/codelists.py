"""The national iWmo / iJw code lists (product category, unit, frequency), loaded from resources/codelists."""

from __future__ import annotations

import csv
from functools import cache

from consulent_app import paths
from consulent_app.domain import Wet

BESTANDEN = {
    "wmo_productcategorie": "WMO020_productcategorie.csv",
    "jeugd_productcategorie": "JZ020_productcategorie.csv",
    "eenheid": "WJ756_eenheid.csv",
    "frequentie": "WMO757_frequentie.csv",
    # iStandaarden message traffic (consulent_app.berichten)
    "retourcode": "WJ001_retourcode.csv",
    "wmo_reden_wijziging": "WMO002_reden_wijziging.csv",
    "jeugd_reden_wijziging": "JZ002_reden_wijziging.csv",
    "wmo_reden_beeindiging": "WMO588_reden_beeindiging.csv",
    "jeugd_reden_beeindiging": "JZ588_reden_beeindiging.csv",
    "reden_afwijzing_verzoek": "WJ759_reden_afwijzing.csv",
    "verwijzer": "COD327_verwijzer.csv",
}


@cache
def lijst(naam: str) -> dict[str, str]:
    """Code -> description, in file order."""
    path = paths.resources_dir() / "codelists" / BESTANDEN[naam]
    with path.open(encoding="utf-8") as fh:
        return {row["code"].strip(): row["omschrijving"].strip() for row in csv.DictReader(fh)}


def productcategorieen(wet: Wet) -> dict[str, str]:
    return lijst("wmo_productcategorie" if wet is Wet.WMO else "jeugd_productcategorie")


def redenen_wijziging(wet: Wet) -> dict[str, str]:
    """WMO002 / JZ002: why an assignment (301) changes."""
    return lijst("wmo_reden_wijziging" if wet is Wet.WMO else "jeugd_reden_wijziging")


def redenen_beeindiging(wet: Wet) -> dict[str, str]:
    """WMO588 / JZ588: why a provider stopped care (307)."""
    return lijst("wmo_reden_beeindiging" if wet is Wet.WMO else "jeugd_reden_beeindiging")


def retourcode_tekst(code: str) -> str:
    """WJ001: the Dutch meaning of a retour code."""
    return lijst("retourcode").get(code, f"Onbekende retourcode {code}")


def eenheden() -> dict[str, str]:
    return lijst("eenheid")


def frequenties() -> dict[str, str]:
    return lijst("frequentie")


# How a scope reads in a letter: "3 uur per week". Plain Dutch, singular/plural by volume.
_EENHEID_WOORD = {
    "01": ("minuut", "minuten"),
    "04": ("uur", "uur"),
    "14": ("etmaal", "etmalen"),
    "16": ("dagdeel", "dagdelen"),
    "82": ("stuk", "stuks"),
    "83": ("euro", "euro"),
    "84": ("stuk", "stuks"),
}
_FREQ_WOORD = {"1": "per dag", "2": "per week", "4": "per maand", "6": "voor de hele periode"}


def eenheid_woord(code: str, meervoud: bool) -> str:
    enkel, meer = _EENHEID_WOORD.get(code, (eenheden().get(code, code).lower(),) * 2)
    return meer if meervoud else enkel


def eenheid_naam(code: str) -> str:
    """How a unit is named in a choice list or a table: the plain word ("Uur", "Stuks"). Where two codes share a
    word (82 "Stuks (output)" and 84 "Stuks (inspanning)"), the code list's own description tells them apart."""
    woord = eenheid_woord(code, meervoud=True)
    gedeeld = sum(eenheid_woord(k, meervoud=True) == woord for k in eenheden()) > 1
    return eenheden().get(code, woord) if gedeeld else woord.capitalize()


def frequentie_woord(code: str) -> str:
    return _FREQ_WOORD.get(code, frequenties().get(code, code).lower())
