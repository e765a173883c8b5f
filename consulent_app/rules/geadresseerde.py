"""Who the decision is written to, and who gets a copy: the addressee fits the client.

Jeugdwet art. 1.1 and the WGBO ages (BW 7:447, 7:450): a young person of 16 or older acts for himself; from 12 to
16 the young person and the parents with authority together. So a Jeugd decision goes to a young person of 18 or
older personally; at 16 or 17 personally with a copy to the parents with authority; under 16 to the parents with
authority. A Wmo client who is a minor is written to through the legal representative (BW 1:245), else the
parents with authority. Pure: facts in, the addressing out; the texts are in the letter template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from consulent_app.domain import Wet

MEERDERJARIG = 18
ZELF_VANAF_JEUGD = 16


class Aan(StrEnum):
    CLIENT = "client"  # the client personally
    OUDERS = "ouders"  # the parents with authority of the young person
    VERTEGENWOORDIGER = "vertegenwoordiger"  # the legal representative of a (Wmo) minor


@dataclass(frozen=True)
class Adressering:
    aan: Aan
    namen: tuple[str, ...]  # who the letter is addressed to (empty: "de ouder(s) of verzorger(s)")
    afschrift_aan: tuple[str, ...] = ()  # who gets a copy

    @property
    def persoonlijk(self) -> bool:
        return self.aan is Aan.CLIENT


def leeftijd(geboortedatum: dt.date, op: dt.date) -> int:
    return relativedelta(op, geboortedatum).years


def adressering(*, wet: Wet | str, geboortedatum: dt.date, op: dt.date, ouders_met_gezag: tuple[str, ...] = (),
                vertegenwoordigers: tuple[str, ...] = ()) -> Adressering:
    """Whom a decision dated `op` is written to."""
    jaren = leeftijd(geboortedatum, op)
    if Wet(wet) is Wet.JEUGDWET:
        if jaren >= MEERDERJARIG:
            return Adressering(Aan.CLIENT, ())
        if jaren >= ZELF_VANAF_JEUGD:
            return Adressering(Aan.CLIENT, (), afschrift_aan=ouders_met_gezag)
        return Adressering(Aan.OUDERS, ouders_met_gezag)
    if jaren >= MEERDERJARIG:
        return Adressering(Aan.CLIENT, ())
    if vertegenwoordigers:
        return Adressering(Aan.VERTEGENWOORDIGER, vertegenwoordigers)
    return Adressering(Aan.OUDERS, ouders_met_gezag)
