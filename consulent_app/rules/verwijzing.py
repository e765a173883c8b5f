"""Access to youth care by referral (Jeugdwet art. 2.6 lid 1 onder g): who may refer, and what that means."""

from __future__ import annotations

from consulent_app.domain import Kanaal, Wet

#: COD327 codes of the referrers whose referral itself gives access to youth care: huisarts (02), jeugdarts (03),
#: medisch specialist (05). Art. 2.6 lid 1 onder g Jeugdwet.
VERWIJZERS_MET_TOEGANG: dict[str, Kanaal] = {
    "02": Kanaal.HUISARTS,
    "03": Kanaal.JEUGDARTS,
    "05": Kanaal.MEDISCH_SPECIALIST,
}


def verwijzing_geeft_toegang(wet: Wet | str, verwijzer_type: str | None) -> bool:
    """A Jeugd request after a referral by a GP, youth doctor or medical specialist is granted without an
    investigation by the municipality (art. 2.6 lid 1 onder g Jeugdwet); every other request goes the normal way."""
    return Wet(wet) is Wet.JEUGDWET and (verwijzer_type or "") in VERWIJZERS_MET_TOEGANG
