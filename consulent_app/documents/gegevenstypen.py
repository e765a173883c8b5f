"""The data the document renderers take: plain frozen dataclasses, without the database.

Built from the database in `documents.gegevens` (which re-exports these names); here apart so a process that only
renders (a batch's worker process) imports reportlab and these types, not SQLAlchemy and the models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

# A line of a beëindiging decision: the provision ends. Not a Besluit on the request itself.
BEEINDIGD = "beeindigd"


@dataclass(frozen=True)
class GemeenteGegevens:
    naam: str
    afdeling: str
    postadres: str
    postcode_plaats: str
    bezoekadres: str
    telefoon: str
    website: str
    logo: Path | None
    ondertekenaar_naam: str
    ondertekenaar_functie: str
    mandaat_tekst: str
    bezwaar_adres: str


@dataclass(frozen=True)
class DekkingRegel:
    bron: str  # label, e.g. "Sociaal netwerk (nu)"
    stap: int  # 5 or 6
    volume: str  # "1 uur per week"
    toelichting: str


@dataclass(frozen=True)
class BehoefteRegel:
    """One need of step 4 with what steps 5 and 6 cover: the row of the bruto/gedekt/netto table."""

    id: int
    omschrijving: str
    leefgebied: str
    bruto: str
    gedekt_stap5: str
    gedekt_stap6: str
    netto: str
    netto_getal: Decimal
    dekkingen: tuple[DekkingRegel, ...]


@dataclass(frozen=True)
class VoorzieningRegel:
    nummer: int
    besluit: str  # toegekend / gedeeltelijk / afgewezen / beeindigd
    besluit_label: str
    product: str  # municipality product name (or the category when there is none)
    product_code: str
    niveau: str
    categorie_code: str
    categorie: str
    omvang: str
    leveringsvorm: str  # zin / pgb
    aanbieder: str
    pgb_bedrag: str
    beoogd_resultaat: str
    startdatum: str
    einddatum: str
    po_datum: str
    motivering: str
    behoeften: tuple[BehoefteRegel, ...] = ()
    resultaten: tuple[str, ...] = ()
    vorige_omvang: str = ""  # herziening: the scope until now
    eigen_bijdrage: bool = False
    plan_nodig: bool = False
    plan_verwacht_op: str = ""
    plan_ontvangen_op: str = ""
    weigeringsgrond: str = ""  # rules.weigeringsgronden code of a refusal on another ground than "netto nil"
    weigeringsgrond_artikel: str = ""
    reden_boven_netto: str = ""
    netto: str = ""  # netto need of the needs it answers, in its own unit ("" when not comparable)
    netto_nul: bool = False
    reden_wijziging: str = ""  # herziening: why the provision changes
    gevraagd: str = ""  # what was asked: the bruto need of the needs it answers, in its unit ("" if not comparable)
    pgb_periode: str = ""  # "per week" / "per maand" / "per jaar"
    pgb_basis: str = ""  # "€ 32,50 per uur × 2 uur per week"
    pgb_totaal: str = ""  # the amount over the whole duration
    pgb_looptijd: str = ""  # "2 november 2026 tot en met 1 november 2027"
    stuk: bool = False  # one aid for the whole decision ("een rolstoel"): the sentence takes an article


@dataclass(frozen=True)
class BeschikkingGegevens:
    beschikking_id: int
    client_id: int
    gemeente: GemeenteGegevens
    wet: str
    type: str
    status: str
    kenmerk: str
    datum: str  # the date on the letter: the (planned) sending date; today's for a concept or a preview
    concept: bool
    verzonden_op: str  # the sending date the letter states ("" for a concept)
    bezwaar_einde: str  # last day of the objection term counted from that date ("" for a concept)
    adres: tuple[str, ...]  # lines of the window-envelope address block
    aanhef_naam: str  # "mevrouw Janssen" / the young person's name for Jeugd
    client_naam: str
    aanvraag_datum: str
    gesprek_datum: str
    verslag_datum: str
    consulent_naam: str
    regels: tuple[VoorzieningRegel, ...]
    bijlage_verslag: bool = True
    met_gespreksverslag: bool = True  # False: the decision follows a periodic re-examination without investigation
    zonder_onderzoek: bool = False  # decided on a request under art. 2.3.5 lid 2 Wmo before the investigation ended
    po_datum: str = ""  # date the periodic re-examination that led here was completed
    grondslag: str = ""  # the legal basis (Awb 3:47), as one Dutch enumeration
    aan: str = "client"  # rules.geadresseerde.Aan: client / ouders / vertegenwoordiger
    aan_namen: str = ""  # "Anja Janssen en Piet Janssen" (the parents with authority, the representative)
    afschrift_aan: str = ""  # who gets a copy, e.g. the parents of a 16-year-old
    client_gehoord: bool | None = None
    jeugdige_gehoord: bool | None = None
    ouders_gehoord: bool | None = None  # Jeugd: the parents (recorded as "vertegenwoordiger gehoord")
    reden_niet_gehoord: str = ""
    folders: tuple[str, ...] = ()  # the leaflets that go with the letter (verzending.BIJLAGEN), in envelope order
    gekozen_bijlagen: tuple[str, ...] = ()  # titles of the enclosures the mail room chose (verzendbijlage), after them


@dataclass(frozen=True)
class StapGegevens:
    nummer: int
    titel: str
    grondslag: str
    status: str
    nvt_reden: str
    velden: tuple[tuple[str, str], ...]  # (label, value), in form order


@dataclass(frozen=True)
class ProbleemRegel:
    leefgebied: str
    beschrijving: str
    ernst: str


@dataclass(frozen=True)
class CriteriumRegel:
    nummer: int
    waar: str
    vastgelegd: str  # "ja" / "nee" / "nvt"


@dataclass(frozen=True)
class VerslagGegevens:
    onderzoek_id: int
    client_id: int
    gemeente: GemeenteGegevens
    wet: str
    client_naam: str
    geboortedatum: str
    adres: str
    vertegenwoordigers: tuple[str, ...]
    ouders: tuple[str, ...]
    gesprek_datum: str
    gesprek_plaats: str
    consulent_naam: str
    melding_datum: str
    melding_kanaal: str
    client_gehoord: bool | None
    jeugdige_gehoord: bool | None
    vertegenwoordiger_gehoord: bool | None
    reden_niet_gehoord: str
    derden: str
    persoonlijk_plan: str
    eerdere_hulp: str
    client_woorden: str
    stappen: tuple[StapGegevens, ...]
    problemen: tuple[ProbleemRegel, ...]
    resultaten: tuple[str, ...]
    behoeften: tuple[BehoefteRegel, ...]
    voorzieningen: tuple[VoorzieningRegel, ...]
    reactie_datum: str
    reactie_opmerkingen: str
    verslag_uitgereikt_op: str
    verslag_getekend: bool | None
    criteria: tuple[CriteriumRegel, ...] = field(default_factory=tuple)
    afgerond: bool = False
    ouders_met_gezag: tuple[str, ...] = ()  # Jeugd: who signs the report beside the young person
    leeftijd: int | None = None  # the client's age on the day of the conversation
    # Wmo 2015 art. 2.3.2: told about free cliëntondersteuning before the investigation (None: not recorded)
    clientondersteuning_gewezen: bool | None = None
    clientondersteuning_gewezen_op: str = ""
