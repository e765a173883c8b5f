"""The vocabulary of the domain: roles, laws, statuses and kinds, as plain enums (no storage, no Qt)."""

from __future__ import annotations

from enum import StrEnum


class Rol(StrEnum):
    CONSULENT = "consulent"
    TOETSER = "toetser"
    PLANNER = "planner"
    ADMINISTRATIEF = "administratief"
    BEHEERDER = "beheerder"
    TEAMLEIDER = "teamleider"
    CONTROLLER = "controller"  # financial picture and budgets (issue 18); no case content

    @property
    def label(self) -> str:
        return {
            "consulent": "Consulent",
            "toetser": "Toetser",
            "planner": "Planner / werkverdeler",
            "administratief": "Administratief medewerker",
            "beheerder": "Functioneel beheerder",
            "teamleider": "Teamleider",
            "controller": "Controller",
        }[self.value]


class Wet(StrEnum):
    WMO = "wmo"
    JEUGDWET = "jeugdwet"

    @property
    def label(self) -> str:
        return "Wmo 2015" if self is Wet.WMO else "Jeugdwet"


class Kanaal(StrEnum):
    CIT = "cit"
    TELEFOON = "telefoon"
    SOCIAAL_TEAM = "sociaal_team"
    HUISARTS = "huisarts"
    MEDISCH_SPECIALIST = "medisch_specialist"
    JEUGDARTS = "jeugdarts"
    GECERTIFICEERDE_INSTELLING = "gecertificeerde_instelling"
    SCHOOL = "school"
    EMAIL = "email"
    BALIE = "balie"
    AANBIEDER = "aanbieder"  # a provider's request (iWmo/iJw 315/317) taken into investigation

    @property
    def label(self) -> str:
        return {
            "aanbieder": "Aanbieder (verzoek om toewijzing)",
            "cit": "Centrale Integrale Toegang",
            "telefoon": "Telefoon",
            "sociaal_team": "Sociaal team",
            "huisarts": "Huisarts",
            "medisch_specialist": "Medisch specialist",
            "jeugdarts": "Jeugdarts",
            "gecertificeerde_instelling": "Gecertificeerde instelling",
            "school": "School",
            "email": "E-mail",
            "balie": "Balie",
        }[self.value]


class MeldingSoort(StrEnum):
    """Kind of case, for the planning norms (domain brief section 9)."""

    NIEUW = "nieuw"
    BESTAANDE_CLIENT = "bestaande_client"
    WIJZIGING = "wijziging"

    @property
    def label(self) -> str:
        return {"nieuw": "Nieuwe aanvraag", "bestaande_client": "Bestaande cliënt", "wijziging": "Wijziging"}[
            self.value
        ]


class MeldingStatus(StrEnum):
    NIEUW = "nieuw"
    TOEGEWEZEN = "toegewezen"
    IN_ONDERZOEK = "in_onderzoek"
    AFGEROND = "afgerond"
    INGETROKKEN = "ingetrokken"

    @property
    def label(self) -> str:
        return {
            "nieuw": "Nieuw, niet toegewezen",
            "toegewezen": "Toegewezen",
            "in_onderzoek": "In onderzoek",
            "afgerond": "Afgerond",
            "ingetrokken": "Ingetrokken",
        }[self.value]


class OnderzoekStatus(StrEnum):
    OPEN = "open"
    AFGEROND = "afgerond"
    HEROPEND = "heropend"  # completed, then reopened to amend the report (a returned file); completing again

    @property
    def label(self) -> str:
        return {"open": "In onderzoek", "afgerond": "Afgerond", "heropend": "Heropend om aan te passen"}[self.value]


class StapStatus(StrEnum):
    OPEN = "open"
    BEZIG = "bezig"
    COMPLEET = "compleet"
    NVT = "nvt"

    @property
    def label(self) -> str:
        return {"open": "Open", "bezig": "Bezig", "compleet": "Compleet", "nvt": "Niet van toepassing"}[
            self.value
        ]


class RelatieSoort(StrEnum):
    VERTEGENWOORDIGER = "vertegenwoordiger"
    OUDER = "ouder"
    PARTNER = "partner"
    HUISGENOOT = "huisgenoot"
    NETWERKLID = "netwerklid"

    @property
    def label(self) -> str:
        return {
            "vertegenwoordiger": "Vertegenwoordiger",
            "ouder": "Ouder",
            "partner": "Partner",
            "huisgenoot": "Huisgenoot",
            "netwerklid": "Netwerklid",
        }[self.value]


class DekkingBron(StrEnum):
    """Who covers (part of) a need: steps 5 and 6 of the stappenplan."""

    CLIENT_ZELF = "client_zelf"
    GEBRUIKELIJKE_HULP = "gebruikelijke_hulp"
    NETWERK_NU = "netwerk_nu"
    NETWERK_MOGELIJK = "netwerk_mogelijk"
    ALGEMENE_VOORZIENING = "algemene_voorziening"
    ALGEMEEN_GEBRUIKELIJK = "algemeen_gebruikelijk"
    ANDERE_WET = "andere_wet"
    BESTAANDE_VOORZIENING = "bestaande_voorziening"

    @property
    def stap(self) -> int:
        return 5 if self in (
            DekkingBron.CLIENT_ZELF,
            DekkingBron.GEBRUIKELIJKE_HULP,
            DekkingBron.NETWERK_NU,
            DekkingBron.NETWERK_MOGELIJK,
        ) else 6

    @property
    def label(self) -> str:
        return {
            "client_zelf": "Cliënt zelf",
            "gebruikelijke_hulp": "Gebruikelijke hulp / zorg",
            "netwerk_nu": "Sociaal netwerk (nu)",
            "netwerk_mogelijk": "Sociaal netwerk (mogelijk)",
            "algemene_voorziening": "Algemene voorziening",
            "algemeen_gebruikelijk": "Algemeen gebruikelijk",
            "andere_wet": "Andere wet (Zvw, Wlz, onderwijs, ...)",
            "bestaande_voorziening": "Bestaande voorziening",
        }[self.value]


class Leveringsvorm(StrEnum):
    ZIN = "zin"
    PGB = "pgb"

    @property
    def label(self) -> str:
        return "Zorg in natura" if self is Leveringsvorm.ZIN else "Persoonsgebonden budget (pgb)"


class Besluit(StrEnum):
    TOEGEKEND = "toegekend"
    GEDEELTELIJK = "gedeeltelijk"
    AFGEWEZEN = "afgewezen"

    @property
    def label(self) -> str:
        return {"toegekend": "Toegekend", "gedeeltelijk": "Gedeeltelijk toegekend", "afgewezen": "Afgewezen"}[
            self.value
        ]


class VoorzieningStatus(StrEnum):
    CONCEPT = "concept"
    BESLOTEN = "besloten"
    ACTIEF = "actief"
    BEEINDIGD = "beeindigd"


class AanvraagStatus(StrEnum):
    CONCEPT = "concept"  # provisions being drafted in step 7; no formal request (aanvraag) received yet
    OPEN = "open"
    BESLOTEN = "besloten"
    INGETROKKEN = "ingetrokken"


class BeschikkingType(StrEnum):
    AANVRAAG = "aanvraag"
    HERZIENING = "herziening"
    BEEINDIGING = "beeindiging"


class BeschikkingStatus(StrEnum):
    CONCEPT = "concept"
    TER_TOETSING = "ter_toetsing"
    TERUGGESTUURD = "teruggestuurd"
    GOEDGEKEURD = "goedgekeurd"
    VERZONDEN = "verzonden"

    @property
    def label(self) -> str:
        return {
            "concept": "Concept",
            "ter_toetsing": "Ter toetsing",
            "teruggestuurd": "Teruggestuurd",
            "goedgekeurd": "Goedgekeurd, wacht op verzending",
            "verzonden": "Verzonden",
        }[self.value]


class Verzendwijze(StrEnum):
    POST = "post"
    EMAIL = "email"
    PORTAAL = "portaal"


class POStatus(StrEnum):
    GEPLAND = "gepland"
    AFGEROND = "afgerond"


class POUitkomst(StrEnum):
    ONGEWIJZIGD = "ongewijzigd"
    GEWIJZIGD = "gewijzigd"
    BEEINDIGD = "beeindigd"


class ToetsScore(StrEnum):
    VOLDOENDE = "voldoende"
    MATIG = "matig"
    ONVOLDOENDE = "onvoldoende"
    NVT = "nvt"


class DocumentSoort(StrEnum):
    VERSLAG = "verslag"
    BESCHIKKING = "beschikking"
    AFSCHRIFT = "afschrift"
    BIJLAGE = "bijlage"


class AuditActie(StrEnum):
    LEZEN = "lezen"
    AANMAKEN = "aanmaken"
    WIJZIGEN = "wijzigen"
    VERWIJDEREN = "verwijderen"
    INLOGGEN = "inloggen"
    INLOGGEN_MISLUKT = "inloggen_mislukt"
    ACCOUNT_GEBLOKKEERD = "account_geblokkeerd"
    AFDRUKKEN = "afdrukken"
    VERZENDEN = "verzenden"
    EXPORTEREN = "exporteren"
    ZOEKEN = "zoeken"  # a search: which clients were found (ids), never the term itself
    LIJST = "lijst"  # a list of cases was shown: which clients were in it (ids)


class BerichtStatus(StrEnum):
    """Where an iWmo/iJw message stands in the chain (outgoing and received)."""

    KLAAR = "klaar"  # outgoing, checked, waiting for export
    GEBLOKKEERD = "geblokkeerd"  # outgoing, failed its checks: never leaves until corrected
    VERZONDEN = "verzonden"  # outgoing, exported to the GGk outbox
    GOEDGEKEURD = "goedgekeurd"  # outgoing, the provider's retour approved it
    AFGEKEURD = "afgekeurd"  # outgoing: the retour rejected it; received: processed with error codes
    VERVANGEN = "vervangen"  # outgoing, superseded by a corrected message
    VERWERKT = "verwerkt"  # received and processed without remarks

    @property
    def label(self) -> str:
        return {
            "klaar": "Klaar om te verzenden",
            "geblokkeerd": "Niet verzonden: fout",
            "verzonden": "Verzonden, wacht op retour",
            "goedgekeurd": "Retour goedgekeurd",
            "afgekeurd": "Afgekeurd",
            "vervangen": "Vervangen door een nieuw bericht",
            "verwerkt": "Ontvangen en verwerkt",
        }[self.value]


class VerzoekStatus(StrEnum):
    """A provider's request (315/317) as the municipality handles it."""

    OPEN = "open"
    IN_ONDERZOEK = "in_onderzoek"  # answered with 319 "aanvraag in onderzoek": the normal flow decides
    TOEGEWEZEN = "toegewezen"  # honoured with a 301
    AFGEWEZEN = "afgewezen"  # answered with 319 "verzoek afgewezen"

    @property
    def label(self) -> str:
        return {"open": "Open", "in_onderzoek": "Aanvraag in onderzoek", "toegewezen": "Toegewezen",
                "afgewezen": "Afgewezen"}[self.value]


class ToewijzingStatus(StrEnum):
    ACTUEEL = "actueel"
    BEEINDIGD = "beeindigd"  # ended by the municipality (RedenWijziging) or past its end date
    VERWIJDERD = "verwijderd"  # RedenWijziging 13: sent by mistake
