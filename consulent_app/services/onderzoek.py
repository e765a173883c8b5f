"""The investigation (onderzoek): the legal stappenplan step by step, from melding to completed investigation,
the provisions of step 7 and the client's reaction to the report (which makes the formal request, aanvraag).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from consulent_app import codelists
from consulent_app.db import models as m
from consulent_app.domain import (
    AanvraagStatus,
    AuditActie,
    BeschikkingStatus,
    Besluit,
    DekkingBron,
    Leveringsvorm,
    MeldingStatus,
    OnderzoekStatus,
    RelatieSoort,
    Rol,
    StapStatus,
    Wet,
)
from consulent_app.errors import NietGevonden, RegelFout, ValidatieFout, VeldConflict
from consulent_app.formatting import datum as datum_tekst
from consulent_app.formulieren import Formulier, VeldDef, laad_formulier
from consulent_app.rules import duur
from consulent_app.rules import kosten as kostenregel
from consulent_app.rules import stappenplan as sp
from consulent_app.rules import validatie as v
from consulent_app.rules import voorziening as vr
from consulent_app.rules.aanvraag import aanvraag_zonder_onderzoek_mogelijk
from consulent_app.rules.omvang import omvang_tekst, omvang_van
from consulent_app.rules.voorziening import ProductInfo, VoorzieningInvoer
from consulent_app.services.base import (
    Actor,
    AppContext,
    audit,
    controleer_versie,
    haal,
    neem_schrijfslot,
    transactie,
    vereis_rol,
    vereis_team,
)
from consulent_app.services.dossiers import DOSSIER_LEZERS, persoonlijk_plan_termijn, volledige_naam

__all__ = [
    "AanbiederKeuze", "AanvraagInfo", "BehoefteView", "BeschikkingInfo", "heropen_onderzoek", "DekkingView", "Keuzelijsten", "OnderzoekOnvolledig",
    "OnderzoekView", "ProbleemView", "ProductInfo", "RelatieInfo", "ResultaatView", "StapView", "StapVoortgang",
    "VoorzieningDetail", "VoorzieningInvoer", "bewaar_veld", "ga_naar_stap", "gehoord_bijwerken", "haal_onderzoek",
    "hef_nvt_op", "keuzelijsten", "markeer_nvt", "melding_samenvatting", "MeldingSamenvatting", "onderzoek_van_melding", "registreer_reactie", "rond_onderzoek_af",
    "start_onderzoek", "verwijder_behoefte", "verwijder_dekking", "verwijder_probleem", "verwijder_resultaat",
    "verwijder_voorziening", "voeg_behoefte_toe", "voeg_dekking_toe", "voeg_probleem_toe", "voeg_resultaat_toe",
    "voeg_voorziening_toe", "wijzig_behoefte", "wijzig_dekking", "wijzig_probleem", "wijzig_resultaat",
    "wijzig_voorziening",
]

ERNST = {"licht": "Licht", "matig": "Matig", "ernstig": "Ernstig"}
TEKST_MAX = 4000
REDEN_MAX = 2000
# A completed investigation can be reopened while its decision is still the consultant's: not yet made, a draft,
# or returned by the reviewer. Once under review, approved or sent, the report the decision rests on stays as it is.
HEROPENBAAR = (BeschikkingStatus.CONCEPT.value, BeschikkingStatus.TERUGGESTUURD.value)


class OnderzoekOnvolledig(RegelFout):
    """The investigation cannot be completed yet; `ontbrekend` lists precisely what is missing."""

    def __init__(self, ontbrekend: list[str]) -> None:
        self.ontbrekend = list(ontbrekend)
        super().__init__("Het onderzoek kan nog niet worden afgerond. Nog nodig:\n"
                         + "\n".join(f"- {r}" for r in self.ontbrekend))


# ---------------------------------------------------------------------------------------------------------------
# DTOs


@dataclass(frozen=True)
class StapView:
    nummer: int
    titel: str
    status: str  # StapStatus value
    status_label: str
    nvt_reden: str | None
    velden: dict[str, Any]
    ontbrekend: list[str]


@dataclass(frozen=True)
class StapVoortgang:
    """What the screen needs after an autosave: each step's status, whether step 7 is open, and what each step
    still misses (so "Nog nodig voor deze stap" goes as soon as the step is complete, not at the next step)."""

    statussen: dict[int, str]
    stap7_open: bool
    ontbrekend: dict[int, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class ProbleemView:
    id: int
    leefgebied: str
    leefgebied_naam: str
    beschrijving: str
    ernst: str | None


@dataclass(frozen=True)
class ResultaatView:
    id: int
    omschrijving: str
    leefgebied: str | None
    leefgebied_naam: str
    volgorde: int


@dataclass(frozen=True)
class DekkingView:
    id: int
    behoefte_id: int
    bron: str
    bron_label: str
    stap: int
    volume: Decimal
    omvang: str
    toelichting: str | None


@dataclass(frozen=True)
class BehoefteView:
    id: int
    omschrijving: str
    leefgebied: str | None
    leefgebied_naam: str
    volume: Decimal
    eenheid: str
    frequentie: str
    omvang: str
    dekkingen: list[DekkingView]


@dataclass(frozen=True)
class VoorzieningDetail:
    id: int
    versie: int
    productcategorie: str
    productcategorie_naam: str
    product_id: int | None
    product_code: str | None
    product_naam: str
    niveau: str | None
    tarief: Decimal | None
    volume: Decimal
    eenheid: str
    frequentie: str
    omvang: str
    startdatum: dt.date
    einddatum: dt.date | None
    po_datum: dt.date | None
    leveringsvorm: str
    leveringsvorm_label: str
    aanbieder_id: int | None
    aanbieder_naam: str | None
    pgb_bedrag: Decimal | None
    beoogd_resultaat: str | None
    motivering: str | None
    besluit: str
    besluit_label: str
    pgb_periode: str | None
    behoefte_ids: list[int]
    resultaat_ids: list[int]
    kosten: Decimal | None
    plan_nodig: bool
    plan_verwacht: bool | None = None
    plan_verwacht_op: dt.date | None = None


@dataclass(frozen=True)
class RelatieInfo:
    id: int
    soort: str
    soort_label: str
    naam: str
    gezag: bool
    woont_in: bool


@dataclass(frozen=True)
class AanvraagInfo:
    id: int
    versie: int
    datum: dt.date
    status: str
    beslistermijn_einde: dt.date | None
    verslag_uitgereikt_op: dt.date | None
    reactie_datum: dt.date | None
    reactie_opmerkingen: str | None
    verslag_getekend: bool | None
    zonder_onderzoek: bool = False  # filed before the investigation was completed (Wmo 2015 art. 2.3.5 lid 2)


@dataclass(frozen=True)
class BeschikkingInfo:
    """The decision that belongs to this investigation's request, with the reviewer's latest remarks when it was
    returned: the investigation screen shows them and offers to reopen (a returned file must be fixable)."""

    id: int
    versie: int
    kenmerk: str
    status: str
    status_label: str
    auteur_id: int
    teruggestuurd_op: dt.datetime | None = None
    toetser: str | None = None
    opmerkingen: str | None = None

    @property
    def teruggestuurd(self) -> bool:
        return self.status == BeschikkingStatus.TERUGGESTUURD.value


@dataclass(frozen=True)
class OnderzoekView:
    """Everything the screen and the report need about one investigation."""

    id: int
    versie: int
    status: str
    afgerond_op: dt.datetime | None
    wet: str
    wet_label: str
    titel: str
    melding_id: int
    melding_datum: dt.date
    melding_vraag: str
    melding_kanaal: str
    verwijzer: str | None
    onderzoekstermijn_einde: dt.date | None
    startdatum: dt.date
    client_id: int
    client_naam: str
    client_bsn: str
    client_geboortedatum: dt.date
    client_adres: str
    consulent_id: int | None
    consulent_naam: str | None
    team_id: int | None
    gesprek_datum: dt.date | None
    gesprek_plaats: str | None
    client_gehoord: bool | None
    vertegenwoordiger_gehoord: bool | None
    jeugdige_gehoord: bool | None
    reden_niet_gehoord: str | None
    derden_geraadpleegd: str | None
    persoonlijk_plan_ontvangen: dt.date | None
    persoonlijk_plan: str | None
    eerdere_hulp_evaluatie: str | None
    gezinsplan_verwacht: bool | None
    relaties: list[RelatieInfo]
    huidige_stap: int
    stappen: list[StapView]
    problemen: list[ProbleemView]
    resultaten: list[ResultaatView]
    behoeften: list[BehoefteView]
    saldi: list[sp.BehoefteSaldo]
    voorzieningen: list[VoorzieningDetail]
    aanvraag: AanvraagInfo | None
    stap7_open: bool
    stap7_blokkades: list[str]
    ontbrekend: list[str]
    persoonlijk_plan_uiterlijk: dt.date | None = None  # Wmo 2015 art. 2.3.2 lid 2
    clientondersteuning_gewezen: bool | None = None  # Wmo 2015 art. 2.3.2: told about free cliëntondersteuning
    clientondersteuning_gewezen_op: dt.date | None = None
    beschikking: BeschikkingInfo | None = None
    heropend_op: dt.datetime | None = None
    heropen_reden: str | None = None
    verslag_versie: int = 1

    @property
    def afgerond(self) -> bool:
        return self.status == OnderzoekStatus.AFGEROND.value

    @property
    def heropend(self) -> bool:
        return self.status == OnderzoekStatus.HEROPEND.value

    @property
    def kan_heropenen(self) -> bool:
        """Completed, and its decision (if any) is not with the reviewer or further: see `heropen_onderzoek`."""
        b = self.beschikking
        return self.afgerond and (b is None or b.status in HEROPENBAAR)

    def stap(self, nummer: int) -> StapView:
        return self.stappen[nummer - 1]


@dataclass(frozen=True)
class AanbiederKeuze:
    id: int
    naam: str
    plaats: str | None
    producten: tuple[int, ...] = ()  # contracted products (provider register); empty: none recorded


@dataclass(frozen=True)
class Keuzelijsten:
    """Choice lists for step 7: the law's product categories, the municipality's products, active providers."""

    productcategorieen: dict[str, str]
    producten: list[ProductInfo]
    aanbieders: list[AanbiederKeuze]
    eenheden: dict[str, str]
    frequenties: dict[str, str]
    po_maximum_maanden: int
    plan_termijn_dagen: int = 42  # provider's plan expected this many days after the start ([termijnen])
    jeugd_maximum_maanden: int = duur.JEUGD_MAXIMUM_MAANDEN
    wet: str = Wet.WMO.value


# ---------------------------------------------------------------------------------------------------------------
# Loading and snapshots


def _laad(s: Session, actor: Actor, onderzoek_id: int, *, schrijven: bool) -> m.Onderzoek:
    if schrijven:
        # Writers of one investigation take turns (row lock on PostgreSQL; SQLite has one writer anyway): the steps
        # and lists are then read fresh after the lock, so two saves of different fields never see each other's
        # version as a conflict (the old 438 of 600 spurious conflicts), while a save of the same field is
        # checked against the value its user saw (see `bewaar_veld`, `gezien`).
        neem_schrijfslot(s, m.Onderzoek, onderzoek_id)
        # The locked row and its melding (the team check) in one statement: on a central database each statement
        # is a network round trip (issue 13). The steps come in a statement of their own, after the lock: joined
        # here they would be read as they were before waiting for another writer's lock (PostgreSQL re-reads only
        # the locked row), an older version, and saving them would be a spurious conflict.
        o = s.get(m.Onderzoek, onderzoek_id, with_for_update={"of": m.Onderzoek}, populate_existing=True,
                  options=[joinedload(m.Onderzoek.melding, innerjoin=True), selectinload(m.Onderzoek.stappen)])
        if o is None:
            raise NietGevonden(f"Onderzoek met nummer {onderzoek_id} bestaat niet (meer).")
    else:
        o = haal(s, m.Onderzoek, onderzoek_id, "Onderzoek")
    vereis_team(actor, o.melding.team_id)
    if schrijven and o.status == OnderzoekStatus.AFGEROND.value:
        raise RegelFout("Dit onderzoek is afgerond en kan niet meer worden gewijzigd.")
    return o


def _formulier(o: m.Onderzoek) -> Formulier:
    return laad_formulier(Wet(o.wet))


def _voorzieningen(o: m.Onderzoek) -> list[m.Voorziening]:
    return list(o.aanvraag.voorzieningen) if o.aanvraag is not None else []


def _relaties(s: Session, client_id: int) -> list[m.Relatie]:
    return list(s.scalars(select(m.Relatie).where(m.Relatie.client_id == client_id).order_by(m.Relatie.id)))


def _stand(s: Session, o: m.Onderzoek, relaties: list[m.Relatie] | None = None) -> sp.OnderzoekStand:
    relaties = _relaties(s, o.client_id) if relaties is None else relaties
    return sp.OnderzoekStand(
        wet=Wet(o.wet),
        stappen=[sp.StapStand(st.nummer, st.status, st.nvt_reden, dict(st.velden or {})) for st in o.stappen],
        aantal_problemen=len(o.problemen),
        aantal_resultaten=len(o.resultaten),
        resultaat_ids=tuple(r.id for r in o.resultaten),
        behoeften=list(o.behoeften),
        voorzieningen=[
            sp.VoorzieningKoppeling(vz.product.naam if vz.product else "voorziening",
                                    tuple(b.id for b in vz.behoeften), tuple(r.id for r in vz.resultaten))
            for vz in _voorzieningen(o)
        ],
        gehoord=sp.Gehoord(
            gesprek_datum=o.gesprek_datum, gesprek_plaats=o.gesprek_plaats, client_gehoord=o.client_gehoord,
            vertegenwoordiger_gehoord=o.vertegenwoordiger_gehoord,
            heeft_vertegenwoordiger=any(r.soort == RelatieSoort.VERTEGENWOORDIGER.value for r in relaties),
            jeugdige_gehoord=o.jeugdige_gehoord, reden_niet_gehoord=o.reden_niet_gehoord,
            eerdere_hulp_evaluatie=o.eerdere_hulp_evaluatie,
            persoonlijk_plan_ontvangen=o.melding.persoonlijk_plan_ontvangen, persoonlijk_plan=o.persoonlijk_plan,
            gezinsplan_verwacht=o.gezinsplan_verwacht, aantal_gezaghebbenden=sum(1 for r in relaties if r.gezag),
        ),
    )


def _herbereken(s: Session, o: m.Onderzoek) -> StapVoortgang:
    """Store each step's status as derived from its content (the rules live in rules/stappenplan)."""
    s.flush()
    s.expire(o, ["problemen", "resultaten", "behoeften", "aanvraag"])
    form = _formulier(o)
    stand = _stand(s, o)
    statussen = sp.bereken_statussen(form, stand)
    for st in o.stappen:
        nieuw = statussen[st.nummer].value
        if st.status != nieuw:
            st.status = nieuw
    blokkades = sp.stap7_blokkades(form, stand)
    return StapVoortgang({k: v_.value for k, v_ in statussen.items()}, not blokkades,
                         {k: _ontbreekt_in_stap(form, stand, k, v_, blokkades) for k, v_ in statussen.items()})


def _ontbreekt_in_stap(form: Formulier, stand: sp.OnderzoekStand, nummer: int, status: StapStatus, blokkades: list[str]) -> list[str]:
    """What a step still misses as the screen says it: nothing when not applicable; step 7 while it is locked."""
    if status is StapStatus.NVT:
        return []
    if nummer == 7 and blokkades:
        return ["Stap 7 opent pas als stap 1 tot en met 6 compleet zijn of niet van toepassing."]
    return sp.ontbrekend_in_stap(form, stand, nummer)


def _vereis_stap7_open(s: Session, o: m.Onderzoek) -> None:
    form = _formulier(o)
    stand = _stand(s, o)
    blokkades = sp.stap7_blokkades(form, stand)
    if blokkades:
        raise RegelFout("Stap 7 is nog niet open: eerst moeten stap 1 tot en met 6 compleet zijn of niet van "
                        "toepassing met een reden. Nog nodig:\n" + "\n".join(f"- {b}" for b in blokkades))
    if stand.stap(7).status == StapStatus.NVT.value:
        raise RegelFout("Stap 7 staat op 'niet van toepassing'. Hef dat eerst op om een voorziening toe te voegen.")


def _stap(o: m.Onderzoek, nummer: int) -> m.OnderzoekStap:
    if not 1 <= nummer <= 7:
        raise ValidatieFout.veld("stap", f"Stap {nummer} bestaat niet; het stappenplan heeft stap 1 tot en met 7.")
    return next(st for st in o.stappen if st.nummer == nummer)


# ---------------------------------------------------------------------------------------------------------------
# Start, read, navigate


def start_onderzoek(ctx: AppContext, actor: Actor, melding_id: int, *, vandaag: dt.date | None = None) -> int:
    """Start the investigation of a melding (idempotent: an existing one is returned). Melding -> in onderzoek."""
    vereis_rol(actor, Rol.CONSULENT)
    vandaag = vandaag or dt.date.today()
    with transactie(ctx, actor) as s:
        me = haal(s, m.Melding, melding_id, "Melding")
        vereis_team(actor, me.team_id)
        bestaand = s.scalar(select(m.Onderzoek.id).where(m.Onderzoek.melding_id == me.id))
        if bestaand is not None:
            return bestaand
        if me.status in (MeldingStatus.AFGEROND.value, MeldingStatus.INGETROKKEN.value):
            raise RegelFout(f"Deze melding is {MeldingStatus(me.status).label.lower()}; er kan geen onderzoek "
                            "meer bij worden gestart.")
        laad_formulier(Wet(me.wet))  # a malformed form must stop the start, not the first step
        if me.consulent_id is None:
            me.consulent_id = actor.gebruiker_id
        me.status = MeldingStatus.IN_ONDERZOEK.value
        o = m.Onderzoek(melding_id=me.id, client_id=me.client_id, wet=me.wet, consulent_id=me.consulent_id,
                        status=OnderzoekStatus.OPEN.value, startdatum=max(vandaag, me.datum), huidige_stap=1)
        o.stappen = [m.OnderzoekStap(nummer=n, status=StapStatus.OPEN.value, velden={}) for n in range(1, 8)]
        s.add(o)
        # A request filed before the investigation started (Wmo 2015 art. 2.3.5 lid 2; a Jeugd provider's request
        # taken into investigation, berichten.beantwoord_verzoek) belongs to it from now on: step 7 fills it, and
        # completing the investigation makes no second request.
        eerder = s.scalar(select(m.Aanvraag).where(m.Aanvraag.melding_id == me.id, m.Aanvraag.onderzoek_id.is_(None),
                                                   or_(m.Aanvraag.zonder_onderzoek,
                                                       m.Aanvraag.status == AanvraagStatus.OPEN.value)))
        if eerder is not None:
            eerder.onderzoek = o
        s.flush()
        audit(s, actor, AuditActie.AANMAKEN, "onderzoek", o.id, client_id=o.client_id, details=me.wet)
        audit(s, actor, AuditActie.WIJZIGEN, "melding", me.id, client_id=o.client_id, details="status=in_onderzoek")
        return o.id


@dataclass(frozen=True)
class MeldingSamenvatting:
    """A melding before its investigation starts: what the start screen shows."""

    id: int
    client_id: int
    client_naam: str
    wet: str
    datum: dt.date
    kanaal: str
    vraag: str
    status: str
    onderzoekstermijn_einde: dt.date | None
    onderzoek_id: int | None
    versie: int = 1
    persoonlijk_plan_uiterlijk: dt.date | None = None  # Wmo 2015 art. 2.3.2 lid 2
    persoonlijk_plan_ontvangen: dt.date | None = None
    clientondersteuning_gewezen: bool | None = None
    clientondersteuning_gewezen_op: dt.date | None = None
    aanvraag_id: int | None = None  # a formal request on this melding (filed without investigation, or after it)
    aanvraag_datum: dt.date | None = None
    aanvraag_zonder_onderzoek: bool = False
    beslistermijn_einde: dt.date | None = None
    aanvraag_mogelijk: bool = False  # Wmo 2015 art. 2.3.5 lid 2: the client may file the aanvraag now


def melding_samenvatting(ctx: AppContext, actor: Actor, melding_id: int, *,
                         vandaag: dt.date | None = None) -> MeldingSamenvatting:
    vereis_rol(actor, *DOSSIER_LEZERS)
    vandaag = vandaag or dt.date.today()
    with transactie(ctx, actor) as s:
        me = haal(s, m.Melding, melding_id, "Melding")
        vereis_team(actor, me.team_id)
        c = me.client
        oid = s.scalar(select(m.Onderzoek.id).where(m.Onderzoek.melding_id == me.id))
        a = s.scalar(select(m.Aanvraag).where(m.Aanvraag.melding_id == me.id,
                                              m.Aanvraag.status != AanvraagStatus.CONCEPT.value)
                     .order_by(m.Aanvraag.id).limit(1))
        audit(s, actor, AuditActie.LEZEN, "melding", me.id, client_id=me.client_id)
        return MeldingSamenvatting(
            me.id, c.id, volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam), me.wet, me.datum, me.kanaal,
            me.vraag, me.status, me.onderzoekstermijn_einde, oid, me.versie,
            persoonlijk_plan_termijn(ctx, me.wet, me.datum), me.persoonlijk_plan_ontvangen,
            me.clientondersteuning_gewezen, me.clientondersteuning_gewezen_op,
            a.id if a else None, a.datum if a else None, bool(a and a.zonder_onderzoek),
            a.beslistermijn_einde if a else None,
            a is None and me.status not in (MeldingStatus.AFGEROND.value, MeldingStatus.INGETROKKEN.value)
            and aanvraag_zonder_onderzoek_mogelijk(me.wet, me.onderzoekstermijn_einde, False, vandaag))


def onderzoek_van_melding(ctx: AppContext, actor: Actor, melding_id: int) -> int | None:
    """The investigation of a melding, if one was started."""
    vereis_rol(actor, *DOSSIER_LEZERS)
    with transactie(ctx, actor) as s:
        me = haal(s, m.Melding, melding_id, "Melding")
        vereis_team(actor, me.team_id)
        return s.scalar(select(m.Onderzoek.id).where(m.Onderzoek.melding_id == me.id))


def _kosten(vz: m.Voorziening) -> Decimal | None:
    if vz.leveringsvorm == "pgb" and vz.pgb_bedrag is not None:
        return kostenregel.pgb_kosten(vz.pgb_bedrag, vz.pgb_periode, vz.startdatum, vz.einddatum, vz.po_datum)
    if vz.product is None:
        return None
    return kostenregel.kosten(vz.product.tarief, vz.volume, vz.frequentie, vz.startdatum, vz.einddatum, vz.po_datum)


def _view(ctx: AppContext, s: Session, o: m.Onderzoek) -> OnderzoekView:
    form = _formulier(o)
    relaties = _relaties(s, o.client_id)
    stand = _stand(s, o, relaties)
    c, me = s.get(m.Client, o.client_id), o.melding
    assert c is not None
    consulent = s.get(m.Gebruiker, o.consulent_id) if o.consulent_id else None
    cats = codelists.productcategorieen(Wet(o.wet))
    blokkades = sp.stap7_blokkades(form, stand)
    stappen = []
    for st in o.stappen:
        status = StapStatus(st.status)
        ontbreekt = _ontbreekt_in_stap(form, stand, st.nummer, status, blokkades)
        stappen.append(StapView(st.nummer, form.stap(st.nummer).titel, status.value, status.label, st.nvt_reden,
                                dict(st.velden or {}), ontbreekt))
    aanvraag = o.aanvraag
    return OnderzoekView(
        id=o.id, versie=o.versie, status=o.status, afgerond_op=o.afgerond_op, wet=o.wet, wet_label=Wet(o.wet).label,
        titel=form.titel, melding_id=me.id, melding_datum=me.datum, melding_vraag=me.vraag, melding_kanaal=me.kanaal,
        verwijzer=me.verwijzer, onderzoekstermijn_einde=me.onderzoekstermijn_einde, startdatum=o.startdatum,
        client_id=c.id, client_naam=volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam), client_bsn=c.bsn,
        client_geboortedatum=c.geboortedatum,
        client_adres=" ".join(p for p in (c.straat, c.huisnummer, ",", c.postcode, c.woonplaats) if p)
        .replace(" ,", ","),
        consulent_id=o.consulent_id, consulent_naam=consulent.naam if consulent else None, team_id=me.team_id,
        gesprek_datum=o.gesprek_datum, gesprek_plaats=o.gesprek_plaats, client_gehoord=o.client_gehoord,
        vertegenwoordiger_gehoord=o.vertegenwoordiger_gehoord, jeugdige_gehoord=o.jeugdige_gehoord,
        reden_niet_gehoord=o.reden_niet_gehoord, derden_geraadpleegd=o.derden_geraadpleegd,
        persoonlijk_plan_ontvangen=me.persoonlijk_plan_ontvangen, persoonlijk_plan=o.persoonlijk_plan,
        eerdere_hulp_evaluatie=o.eerdere_hulp_evaluatie, gezinsplan_verwacht=o.gezinsplan_verwacht,
        relaties=[RelatieInfo(r.id, r.soort, RelatieSoort(r.soort).label if r.soort in RelatieSoort._value2member_map_
                              else r.soort, r.naam, r.gezag, r.woont_in) for r in relaties],
        huidige_stap=o.huidige_stap,
        stappen=stappen,
        problemen=[ProbleemView(p.id, p.leefgebied, form.leefgebied_naam(p.leefgebied), p.beschrijving, p.ernst)
                   for p in sorted(o.problemen, key=lambda p: ([lg.code for lg in form.leefgebieden] + [p.leefgebied])
                                   .index(p.leefgebied) * 100000 + p.id)],
        resultaten=[ResultaatView(r.id, r.omschrijving, r.leefgebied, form.leefgebied_naam(r.leefgebied), r.volgorde)
                    for r in o.resultaten],
        behoeften=[
            BehoefteView(
                b.id, b.omschrijving, b.leefgebied, form.leefgebied_naam(b.leefgebied), b.volume, b.eenheid,
                b.frequentie, omvang_tekst(b.volume, b.eenheid, b.frequentie),
                [DekkingView(d.id, b.id, d.bron, DekkingBron(d.bron).label, DekkingBron(d.bron).stap, d.volume,
                             omvang_tekst(d.volume, b.eenheid, b.frequentie), d.toelichting)
                 for d in sorted(b.dekkingen, key=lambda d: d.id)],
            )
            for b in o.behoeften
        ],
        saldi=sp.bruto_netto(o.behoeften),
        voorzieningen=[
            VoorzieningDetail(
                id=vz.id, versie=vz.versie, productcategorie=vz.productcategorie,
                productcategorie_naam=cats.get(vz.productcategorie, vz.productcategorie), product_id=vz.product_id,
                product_code=vz.product.code if vz.product else None,
                product_naam=vz.product.naam if vz.product else "-", niveau=vz.product.niveau if vz.product else None,
                tarief=vz.product.tarief if vz.product else None, volume=vz.volume, eenheid=vz.eenheid,
                frequentie=vz.frequentie, omvang=omvang_van(vz),
                startdatum=vz.startdatum, einddatum=vz.einddatum, po_datum=vz.po_datum,
                leveringsvorm=vz.leveringsvorm, leveringsvorm_label=Leveringsvorm(vz.leveringsvorm).label,
                aanbieder_id=vz.aanbieder_id, aanbieder_naam=vz.aanbieder.naam if vz.aanbieder else None,
                pgb_bedrag=vz.pgb_bedrag, pgb_periode=vz.pgb_periode, beoogd_resultaat=vz.beoogd_resultaat,
                motivering=vz.motivering,
                besluit=vz.besluit, besluit_label=Besluit(vz.besluit).label,
                behoefte_ids=sorted(b.id for b in vz.behoeften), resultaat_ids=sorted(r.id for r in vz.resultaten),
                kosten=_kosten(vz), plan_nodig=bool(vz.product and vz.product.plan_nodig),
                plan_verwacht=vz.plan_verwacht, plan_verwacht_op=vz.plan_verwacht_op,
            )
            for vz in sorted(_voorzieningen(o), key=lambda x: x.id)
        ],
        aanvraag=AanvraagInfo(aanvraag.id, aanvraag.versie, aanvraag.datum, aanvraag.status,
                              aanvraag.beslistermijn_einde, aanvraag.verslag_uitgereikt_op, aanvraag.reactie_datum,
                              aanvraag.reactie_opmerkingen, aanvraag.verslag_getekend,
                              aanvraag.zonder_onderzoek) if aanvraag else None,
        stap7_open=not blokkades,
        stap7_blokkades=blokkades,
        ontbrekend=sp.ontbrekend_voor_afronden(form, stand),
        persoonlijk_plan_uiterlijk=persoonlijk_plan_termijn(ctx, me.wet, me.datum),
        clientondersteuning_gewezen=me.clientondersteuning_gewezen,
        clientondersteuning_gewezen_op=me.clientondersteuning_gewezen_op,
        beschikking=_beschikking_info(s, aanvraag),
        heropend_op=o.heropend_op, heropen_reden=o.heropen_reden, verslag_versie=o.verslag_versie or 1,
    )


def _beschikking_info(s: Session, a: m.Aanvraag | None) -> BeschikkingInfo | None:
    b = a.beschikking if a is not None else None
    if b is None:
        return None
    t = s.scalars(select(m.Toetsing).where(m.Toetsing.beschikking_id == b.id)
                  .order_by(m.Toetsing.tijdstip.desc(), m.Toetsing.id.desc()).limit(1)).first()
    terug = t is not None and b.status == BeschikkingStatus.TERUGGESTUURD.value
    toetser = s.get(m.Gebruiker, t.toetser_id) if terug and t is not None else None
    return BeschikkingInfo(b.id, b.versie, b.kenmerk, b.status, BeschikkingStatus(b.status).label, b.auteur_id,
                           t.tijdstip if terug and t is not None else None, toetser.naam if toetser else None,
                           t.opmerkingen if terug and t is not None else None)


def haal_onderzoek(ctx: AppContext, actor: Actor, onderzoek_id: int) -> OnderzoekView:
    """Everything about one investigation; the read is audited."""
    vereis_rol(actor, *DOSSIER_LEZERS)
    with transactie(ctx, actor) as s:
        o = s.get(m.Onderzoek, onderzoek_id, options=[
            joinedload(m.Onderzoek.melding, innerjoin=True), joinedload(m.Onderzoek.aanvraag),
            selectinload(m.Onderzoek.stappen), selectinload(m.Onderzoek.problemen),
            selectinload(m.Onderzoek.resultaten),
            selectinload(m.Onderzoek.behoeften).selectinload(m.Behoefte.dekkingen),
        ])
        if o is None:
            haal(s, m.Onderzoek, onderzoek_id, "Onderzoek")
        assert o is not None
        vereis_team(actor, o.melding.team_id)
        view = _view(ctx, s, o)
        audit(s, actor, AuditActie.LEZEN, "onderzoek", o.id, client_id=o.client_id)
        return view


def ga_naar_stap(ctx: AppContext, actor: Actor, onderzoek_id: int, nummer: int) -> None:
    """Remember the step the consultant is on, so reopening resumes there."""
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        o = _laad(s, actor, onderzoek_id, schrijven=False)
        _stap(o, nummer)
        if o.huidige_stap != nummer and o.status != OnderzoekStatus.AFGEROND.value:
            o.huidige_stap = nummer


# ---------------------------------------------------------------------------------------------------------------
# Free-text answers (autosave) and step status


def _valideer_waarde(veld: VeldDef, waarde: Any, sleutel: str) -> Any:
    if veld.soort == "ja_nee":
        if waarde is None or isinstance(waarde, bool):
            return waarde
        raise ValidatieFout.veld(sleutel, f"{veld.label}: kies ja of nee.")
    if veld.soort == "datum":
        if waarde is None or waarde == "":
            return None
        if isinstance(waarde, dt.date):
            return waarde.isoformat()
        try:
            return dt.date.fromisoformat(str(waarde)).isoformat()
        except ValueError as exc:
            raise ValidatieFout.veld(sleutel, f"{veld.label}: dit is geen geldige datum.") from exc
    lang = veld.soort == "lange_tekst"
    maximum = veld.max_lengte or (v.LANGE_TEKST_MAX if lang else v.KORTE_TEKST_MAX)
    return v.tekst(waarde, sleutel, veld.label, max_lengte=maximum, meerdere_regels=lang)


class _NietGegeven:
    def __repr__(self) -> str:
        return "NIET_GEGEVEN"


NIET_GEGEVEN: Any = _NietGegeven()


def controleer_gezien(sleutel: str, label: str, opgeslagen: Any, gezien: Any, nieuw: Any,
                      schoon: Callable[[Any], Any] = lambda x: x) -> None:
    """Field-level concurrency: a save carries the value its user last saw; it conflicts only when that same
    field now holds something else that is not already the new value. `schoon` cleans `gezien` the way the
    stored value was cleaned (stripped text, ISO date), so one's own trailing space is no conflict."""
    if gezien is NIET_GEGEVEN:
        return
    try:
        basis = schoon(gezien)
    except ValidatieFout:
        basis = gezien
    def leeg_is_niets(x: Any) -> Any:
        return None if x == "" or x == {} else x

    opgeslagen = leeg_is_niets(opgeslagen)
    if opgeslagen != leeg_is_niets(basis) and opgeslagen != leeg_is_niets(nieuw):
        raise VeldConflict(sleutel, label, eigen=nieuw, ander=opgeslagen)


def _controleer_rij(obj: Any, gezien: Mapping[str, Any] | None, nieuw: Mapping[str, Any],
                    labels: Mapping[str, str]) -> None:
    """Field-level check of a row of steps 2-6 (a problem, result, need or coverage): `gezien` maps a field to
    the value the user saw in the list; only a field changed by someone else since then conflicts."""
    for key, basis in (gezien or {}).items():
        if key in nieuw:
            controleer_gezien(key, labels.get(key, key), getattr(obj, key), basis, nieuw[key])


def bewaar_veld(ctx: AppContext, actor: Actor, onderzoek_id: int, nummer: int, key: str, waarde: Any, *,
                gezien: Any = NIET_GEGEVEN) -> StapVoortgang:
    """Autosave of one answer of one step (cheap and idempotent: the same value writes nothing).

    Bad input (control characters, too long) raises ValidatieFout keyed `key`; the other answers stay saved.
    `gezien` is the value the user last saw in this field: when someone else stored a different one since,
    VeldConflict (with both texts) is raised and nothing is written; other fields of the step never conflict.
    """
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        o = _laad(s, actor, onderzoek_id, schrijven=True)
        stap = _stap(o, nummer)
        veld = _formulier(o).stap(nummer).veld(key)
        if veld is None:
            raise ValidatieFout.veld(key, f"Stap {nummer} heeft geen veld '{key}'.")
        schoon = _valideer_waarde(veld, waarde, key)
        if nummer == 7:
            _vereis_stap7_open(s, o)
        velden = dict(stap.velden or {})
        def schoon_als_opgeslagen(x: Any) -> Any:
            assert veld is not None
            return _valideer_waarde(veld, x, key)

        controleer_gezien(key, veld.label, velden.get(key), gezien, schoon, schoon_als_opgeslagen)
        oud = velden.get(key)
        if oud != schoon:
            if schoon is None:
                velden.pop(key, None)
            else:
                velden[key] = schoon
            stap.velden = velden
            audit(s, actor, AuditActie.WIJZIGEN, "onderzoek_stap", stap.id, client_id=o.client_id,
                  details=f"stap{nummer}.{key}")
        if sp.statussen_blijven(oud, schoon):
            # Text being typed: filled stays filled, so the stored statuses stand (every write that can change
            # them recounts). No reading of the lists, relations and provisions: five round trips fewer (issue 13).
            statussen = {st.nummer: st.status for st in o.stappen}
            return StapVoortgang(statussen, sp.stap7_open_volgens(statussen))
        return _herbereken(s, o)


def markeer_nvt(ctx: AppContext, actor: Actor, onderzoek_id: int, nummer: int, reden: str) -> StapVoortgang:
    """Mark a step 'niet van toepassing'; a step is never silently empty, so the reason is required."""
    vereis_rol(actor, Rol.CONSULENT)
    schoon = v.verplichte_tekst(reden, "nvt_reden", "Reden", max_lengte=TEKST_MAX, meerdere_regels=True)
    with transactie(ctx, actor) as s:
        o = _laad(s, actor, onderzoek_id, schrijven=True)
        stap = _stap(o, nummer)
        if nummer == 1:
            raise RegelFout("Stap 1 kan niet 'niet van toepassing' zijn: de hulpvraag wordt altijd vastgelegd.")
        inhoud = {2: o.problemen, 3: o.resultaten, 4: o.behoeften, 7: _voorzieningen(o)}.get(nummer)
        if inhoud:
            raise RegelFout(f"Stap {nummer} bevat al gegevens; haal die eerst weg voordat u de stap als niet van "
                            "toepassing markeert.")
        if nummer == 7:
            _vereis_stap7_open(s, o)
        stap.status = StapStatus.NVT.value
        stap.nvt_reden = schoon
        audit(s, actor, AuditActie.WIJZIGEN, "onderzoek_stap", stap.id, client_id=o.client_id,
              details=f"stap{nummer}.status=nvt")
        return _herbereken(s, o)


def hef_nvt_op(ctx: AppContext, actor: Actor, onderzoek_id: int, nummer: int) -> StapVoortgang:
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        o = _laad(s, actor, onderzoek_id, schrijven=True)
        stap = _stap(o, nummer)
        if stap.status == StapStatus.NVT.value:
            stap.status = StapStatus.BEZIG.value
            stap.nvt_reden = None
            audit(s, actor, AuditActie.WIJZIGEN, "onderzoek_stap", stap.id, client_id=o.client_id,
                  details=f"stap{nummer}.status=nvt_opgeheven")
        return _herbereken(s, o)


# ---------------------------------------------------------------------------------------------------------------
# Gehoord en betrokkenen

_GEHOORD_BOOL = ("client_gehoord", "vertegenwoordiger_gehoord", "jeugdige_gehoord", "gezinsplan_verwacht",
                 "clientondersteuning_gewezen")
_GEHOORD_DATUM = {
    "gesprek_datum": "Datum gesprek", "persoonlijk_plan_ontvangen": "Datum persoonlijk plan",
    "clientondersteuning_gewezen_op": "Datum gewezen op cliëntondersteuning",
}
#: Fields stored on the melding: they belong to the time before the investigation (Wmo 2015 art. 2.3.2).
_OP_MELDING = ("persoonlijk_plan_ontvangen", "clientondersteuning_gewezen", "clientondersteuning_gewezen_op")
_GEHOORD_TEKST = {
    "reden_niet_gehoord": "Reden niet gehoord", "derden_geraadpleegd": "Geraadpleegde derden",
    "persoonlijk_plan": "Persoonlijk plan", "eerdere_hulp_evaluatie": "Eerdere hulp en evaluatie",
}


def gehoord_bijwerken(ctx: AppContext, actor: Actor, onderzoek_id: int, wijzigingen: Mapping[str, Any], *,
                      vandaag: dt.date | None = None, gezien: Mapping[str, Any] | None = None) -> StapVoortgang:
    """Who was heard and who was involved (criterion 11), earlier help (criterion 3), the persoonlijk plan (Wmo
    2015 art. 2.3.2 lid 2), and for Jeugd whether a gezinsplan is expected. Any subset of fields at once.

    `gezien` maps a field to the value its user last saw: a field someone else changed since raises VeldConflict
    (nothing written); fields not in `gezien` are not checked."""
    vereis_rol(actor, Rol.CONSULENT)
    vandaag = vandaag or dt.date.today()
    fouten = v.Fouten()
    schoon: dict[str, Any] = {}
    for key, waarde in wijzigingen.items():
        try:
            if key in _GEHOORD_BOOL:
                if waarde is not None and not isinstance(waarde, bool):
                    raise ValidatieFout.veld(key, "Kies ja of nee.")
                schoon[key] = waarde
            elif key in _GEHOORD_TEKST:
                schoon[key] = v.tekst(waarde, key, _GEHOORD_TEKST[key], max_lengte=TEKST_MAX, meerdere_regels=True)
            elif key == "gesprek_plaats":
                schoon[key] = v.tekst(waarde, key, "Plaats van het gesprek")
            elif key in _GEHOORD_DATUM:
                label = _GEHOORD_DATUM[key]
                if waarde is not None and not isinstance(waarde, dt.date):
                    raise ValidatieFout.veld(key, f"{label}: dit is geen geldige datum.")
                if waarde is not None and waarde > vandaag:
                    raise ValidatieFout.veld(key, f"{label} mag niet in de toekomst liggen.")
                schoon[key] = waarde
            else:
                raise ValidatieFout.veld(key, f"Onbekend veld '{key}'.")
        except ValidatieFout as exc:
            for k, msg in exc.fouten.items():
                fouten.add(k, msg)
    fouten.check()
    with transactie(ctx, actor) as s:
        o = _laad(s, actor, onderzoek_id, schrijven=True)
        te_vroeg = v.Fouten()
        meldingsdatum = datum_tekst(o.melding.datum)
        for key, bericht in (
            ("gesprek_datum", f"De datum van het gesprek ligt vóór de meldingsdatum ({meldingsdatum})."),
            ("persoonlijk_plan_ontvangen", "Het persoonlijk plan kan niet vóór de melding zijn ontvangen: de "
                                           f"meldingsdatum is {meldingsdatum}."),
            ("clientondersteuning_gewezen_op", "Deze datum ligt vóór de meldingsdatum "
                                               f"({meldingsdatum})."),
        ):
            d = schoon.get(key)
            if d is not None and d < o.melding.datum:
                te_vroeg.add(key, bericht)
        te_vroeg.check()
        if schoon.get("clientondersteuning_gewezen") is False:
            schoon["clientondersteuning_gewezen_op"] = None  # not told: no date of telling
        elif schoon.get("clientondersteuning_gewezen_op") is not None and "clientondersteuning_gewezen" not in schoon:
            schoon["clientondersteuning_gewezen"] = True  # a date of telling means: told
        gewijzigd = []
        for key, waarde in schoon.items():
            doel: Any = o.melding if key in _OP_MELDING else o
            if gezien is not None and key in gezien:
                label = _GEHOORD_TEKST.get(key) or key.replace("_", " ").capitalize()
                basis = gezien[key]
                if isinstance(basis, str):
                    basis = basis.strip() or None
                controleer_gezien(key, label, getattr(doel, key), basis, waarde)
        for key, waarde in schoon.items():
            doel = o.melding if key in _OP_MELDING else o
            if getattr(doel, key) != waarde:
                setattr(doel, key, waarde)
                gewijzigd.append(key)
        if Wet(o.wet) is Wet.JEUGDWET and "jeugdige_gehoord" in schoon and o.client_gehoord != o.jeugdige_gehoord:
            o.client_gehoord = o.jeugdige_gehoord  # in Jeugd the client is the young person
        if gewijzigd:
            audit(s, actor, AuditActie.WIJZIGEN, "onderzoek", o.id, client_id=o.client_id, details=",".join(gewijzigd))
        return _herbereken(s, o)


# ---------------------------------------------------------------------------------------------------------------
# Step 2: problems per life domain; step 3: desired results


def _leefgebied(form: Formulier, code: str | None, *, verplicht: bool) -> str | None:
    if not code:
        if verplicht:
            raise ValidatieFout.veld("leefgebied", "Kies een leefgebied.")
        return None
    if code not in {lg.code for lg in form.leefgebieden}:
        raise ValidatieFout.veld("leefgebied", f"Onbekend leefgebied '{code}'. Kies een leefgebied uit de lijst.")
    return code


def _probleem_invoer(form: Formulier, leefgebied: str | None, beschrijving: str | None,
                     ernst: str | None) -> tuple[str, str, str | None]:
    f = v.Fouten()
    out: list[Any] = []
    for fn in (lambda: _leefgebied(form, leefgebied, verplicht=True),
               lambda: v.verplichte_tekst(beschrijving, "beschrijving", "Beschrijving", max_lengte=TEKST_MAX,
                                          meerdere_regels=True)):
        try:
            out.append(fn())
        except ValidatieFout as exc:
            for k, msg in exc.fouten.items():
                f.add(k, msg)
    if ernst is not None and ernst not in ERNST:
        f.add("ernst", "Kies licht, matig of ernstig.")
    f.check()
    return out[0], out[1], ernst


def voeg_probleem_toe(ctx: AppContext, actor: Actor, onderzoek_id: int, *, leefgebied: str, beschrijving: str,
                      ernst: str | None = None) -> int:
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        o = _laad(s, actor, onderzoek_id, schrijven=True)
        lg, tekst, ernst = _probleem_invoer(_formulier(o), leefgebied, beschrijving, ernst)
        if _stap(o, 2).status == StapStatus.NVT.value:
            raise RegelFout("Stap 2 staat op 'niet van toepassing'. Hef dat eerst op.")
        p = m.LeefgebiedProbleem(onderzoek_id=o.id, leefgebied=lg, beschrijving=tekst, ernst=ernst)
        s.add(p)
        s.flush()
        audit(s, actor, AuditActie.AANMAKEN, "leefgebied_probleem", p.id, client_id=o.client_id, details=lg)
        _herbereken(s, o)
        return p.id


def _probleem(s: Session, actor: Actor, probleem_id: int) -> tuple[m.LeefgebiedProbleem, m.Onderzoek]:
    p = haal(s, m.LeefgebiedProbleem, probleem_id, "Probleem")
    o = _laad(s, actor, p.onderzoek_id, schrijven=True)
    s.refresh(p)  # read again after the investigation's lock: what another writer committed meanwhile counts
    return p, o


def wijzig_probleem(ctx: AppContext, actor: Actor, probleem_id: int, *, leefgebied: str, beschrijving: str,
                    ernst: str | None = None, gezien: Mapping[str, Any] | None = None) -> None:
    """`gezien`: the values the user saw (leefgebied, beschrijving, ernst); a field someone else changed since
    raises VeldConflict, nothing written."""
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        p, o = _probleem(s, actor, probleem_id)
        lg, tekst, ernst_ = _probleem_invoer(_formulier(o), leefgebied, beschrijving, ernst)
        _controleer_rij(p, gezien, {"leefgebied": lg, "beschrijving": tekst, "ernst": ernst_},
                        {"leefgebied": "Leefgebied", "beschrijving": "Beschrijving", "ernst": "Ernst"})
        p.leefgebied, p.beschrijving, p.ernst = lg, tekst, ernst_
        audit(s, actor, AuditActie.WIJZIGEN, "leefgebied_probleem", p.id, client_id=o.client_id, details=p.leefgebied)
        _herbereken(s, o)


def verwijder_probleem(ctx: AppContext, actor: Actor, probleem_id: int) -> None:
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        p, o = _probleem(s, actor, probleem_id)
        s.delete(p)
        audit(s, actor, AuditActie.VERWIJDEREN, "leefgebied_probleem", probleem_id, client_id=o.client_id)
        _herbereken(s, o)


def _resultaat_invoer(form: Formulier, omschrijving: str | None, leefgebied: str | None) -> tuple[str, str | None]:
    f = v.Fouten()
    tekst = lg = None
    try:
        tekst = v.verplichte_tekst(omschrijving, "omschrijving", "Gewenst resultaat", max_lengte=TEKST_MAX,
                                   meerdere_regels=True)
    except ValidatieFout as exc:
        f.add("omschrijving", exc.bericht)
    try:
        lg = _leefgebied(form, leefgebied, verplicht=False)
    except ValidatieFout as exc:
        f.add("leefgebied", exc.bericht)
    f.check()
    assert tekst is not None
    return tekst, lg


def voeg_resultaat_toe(ctx: AppContext, actor: Actor, onderzoek_id: int, *, omschrijving: str,
                       leefgebied: str | None = None) -> int:
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        o = _laad(s, actor, onderzoek_id, schrijven=True)
        tekst, lg = _resultaat_invoer(_formulier(o), omschrijving, leefgebied)
        if _stap(o, 3).status == StapStatus.NVT.value:
            raise RegelFout("Stap 3 staat op 'niet van toepassing'. Hef dat eerst op.")
        r = m.GewenstResultaat(onderzoek_id=o.id, omschrijving=tekst, leefgebied=lg,
                               volgorde=max((x.volgorde for x in o.resultaten), default=0) + 1)
        s.add(r)
        s.flush()
        audit(s, actor, AuditActie.AANMAKEN, "gewenst_resultaat", r.id, client_id=o.client_id)
        _herbereken(s, o)
        return r.id


def _resultaat(s: Session, actor: Actor, resultaat_id: int) -> tuple[m.GewenstResultaat, m.Onderzoek]:
    r = haal(s, m.GewenstResultaat, resultaat_id, "Gewenst resultaat")
    o = _laad(s, actor, r.onderzoek_id, schrijven=True)
    s.refresh(r)
    return r, o


def wijzig_resultaat(ctx: AppContext, actor: Actor, resultaat_id: int, *, omschrijving: str,
                     leefgebied: str | None = None, gezien: Mapping[str, Any] | None = None) -> None:
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        r, o = _resultaat(s, actor, resultaat_id)
        tekst, lg = _resultaat_invoer(_formulier(o), omschrijving, leefgebied)
        _controleer_rij(r, gezien, {"omschrijving": tekst, "leefgebied": lg},
                        {"omschrijving": "Gewenst resultaat", "leefgebied": "Leefgebied"})
        r.omschrijving, r.leefgebied = tekst, lg
        audit(s, actor, AuditActie.WIJZIGEN, "gewenst_resultaat", r.id, client_id=o.client_id)
        _herbereken(s, o)


def _in_gebruik(vzs: list[m.Voorziening], attr: str, ident: int) -> m.Voorziening | None:
    return next((vz for vz in vzs if any(x.id == ident for x in getattr(vz, attr))), None)


def verwijder_resultaat(ctx: AppContext, actor: Actor, resultaat_id: int) -> None:
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        r, o = _resultaat(s, actor, resultaat_id)
        vz = _in_gebruik(_voorzieningen(o), "resultaten", r.id)
        if vz is not None:
            raise RegelFout(f"Dit resultaat is gekoppeld aan de voorziening '{vz.product.naam if vz.product else ''}'."
                            " Ontkoppel het daar eerst.")
        s.delete(r)
        audit(s, actor, AuditActie.VERWIJDEREN, "gewenst_resultaat", resultaat_id, client_id=o.client_id)
        _herbereken(s, o)


# ---------------------------------------------------------------------------------------------------------------
# Step 4: needs (bruto); steps 5-6: coverage


def _behoefte_invoer(form: Formulier, omschrijving: str | None, volume: Decimal | str | None, eenheid: str | None,
                     frequentie: str | None, leefgebied: str | None) -> tuple[str, Decimal, str, str, str | None]:
    f = v.Fouten()
    out: dict[str, Any] = {}
    for veld, fn in (
        ("omschrijving", lambda: v.verplichte_tekst(omschrijving, "omschrijving", "Omschrijving", max_lengte=500)),
        ("volume", lambda: vr.volume(volume, "volume", "Omvang")),
        ("eenheid", lambda: v.code(eenheid, codelists.eenheden(), "eenheid", "Eenheid")),
        ("frequentie", lambda: v.code(frequentie, codelists.frequenties(), "frequentie", "Frequentie")),
        ("leefgebied", lambda: _leefgebied(form, leefgebied, verplicht=False)),
    ):
        try:
            out[veld] = fn()
        except ValidatieFout as exc:
            for k, msg in exc.fouten.items():
                f.add(k, msg)
    f.check()
    return out["omschrijving"], out["volume"], out["eenheid"], out["frequentie"], out["leefgebied"]


def voeg_behoefte_toe(ctx: AppContext, actor: Actor, onderzoek_id: int, *, omschrijving: str,
                      volume: Decimal | str, eenheid: str, frequentie: str, leefgebied: str | None = None) -> int:
    """Step 4: one need of the bruto-hulp, with kind and scope, before asking who provides it."""
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        o = _laad(s, actor, onderzoek_id, schrijven=True)
        oms, vol, eenh, freq, lg = _behoefte_invoer(_formulier(o), omschrijving, volume, eenheid, frequentie,
                                                    leefgebied)
        if _stap(o, 4).status == StapStatus.NVT.value:
            raise RegelFout("Stap 4 staat op 'niet van toepassing'. Hef dat eerst op.")
        b = m.Behoefte(onderzoek_id=o.id, omschrijving=oms, volume=vol, eenheid=eenh, frequentie=freq, leefgebied=lg,
                       volgorde=max((x.volgorde for x in o.behoeften), default=0) + 1)
        s.add(b)
        s.flush()
        audit(s, actor, AuditActie.AANMAKEN, "behoefte", b.id, client_id=o.client_id, details=f"{eenh}/{freq}")
        _herbereken(s, o)
        return b.id


def _behoefte(s: Session, actor: Actor, behoefte_id: int) -> tuple[m.Behoefte, m.Onderzoek]:
    b = haal(s, m.Behoefte, behoefte_id, "Behoefte")
    o = _laad(s, actor, b.onderzoek_id, schrijven=True)
    s.refresh(b)
    return b, o


def wijzig_behoefte(ctx: AppContext, actor: Actor, behoefte_id: int, *, omschrijving: str, volume: Decimal | str,
                    eenheid: str, frequentie: str, leefgebied: str | None = None,
                    gezien: Mapping[str, Any] | None = None) -> None:
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        b, o = _behoefte(s, actor, behoefte_id)
        oms, vol, eenh, freq, lg = _behoefte_invoer(_formulier(o), omschrijving, volume, eenheid, frequentie,
                                                    leefgebied)
        _controleer_rij(b, gezien, {"omschrijving": oms, "volume": vol, "eenheid": eenh, "frequentie": freq,
                                    "leefgebied": lg},
                        {"omschrijving": "Omschrijving", "volume": "Omvang", "eenheid": "Eenheid",
                         "frequentie": "Frequentie", "leefgebied": "Leefgebied"})
        gedekt = sum((d.volume for d in b.dekkingen), Decimal("0"))
        if b.dekkingen and (eenh != b.eenheid or freq != b.frequentie):
            raise ValidatieFout.veld("eenheid", "Deze behoefte is al (deels) gedekt in stap 5 of 6, in "
                                     f"{omvang_tekst(b.volume, b.eenheid, b.frequentie).split(' ', 1)[1]}. "
                                     "Haal eerst die dekking weg om eenheid of frequentie te wijzigen.")
        sp.controleer_behoefte_volume(vol, eenh, freq, gedekt)
        b.omschrijving, b.volume, b.eenheid, b.frequentie, b.leefgebied = oms, vol, eenh, freq, lg
        audit(s, actor, AuditActie.WIJZIGEN, "behoefte", b.id, client_id=o.client_id, details=f"{eenh}/{freq}")
        _herbereken(s, o)


def verwijder_behoefte(ctx: AppContext, actor: Actor, behoefte_id: int) -> None:
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        b, o = _behoefte(s, actor, behoefte_id)
        vz = _in_gebruik(_voorzieningen(o), "behoeften", b.id)
        if vz is not None:
            raise RegelFout(f"Deze behoefte is gekoppeld aan de voorziening '{vz.product.naam if vz.product else ''}'."
                            " Ontkoppel haar daar eerst.")
        s.delete(b)
        audit(s, actor, AuditActie.VERWIJDEREN, "behoefte", behoefte_id, client_id=o.client_id)
        _herbereken(s, o)


def _dekking_invoer(bron: str | None, volume: Decimal | str | None,
                    toelichting: str | None) -> tuple[str, Decimal, str | None]:
    f = v.Fouten()
    out: dict[str, Any] = {}
    for veld, fn in (
        ("bron", lambda: v.keuze(bron, DekkingBron, "bron", "Wie dekt het")),
        ("volume", lambda: vr.volume(volume, "volume", "Omvang")),
        ("toelichting", lambda: v.tekst(toelichting, "toelichting", "Toelichting", max_lengte=TEKST_MAX,
                                        meerdere_regels=True)),
    ):
        try:
            out[veld] = fn()
        except ValidatieFout as exc:
            for k, msg in exc.fouten.items():
                f.add(k, msg)
    f.check()
    return out["bron"], out["volume"], out["toelichting"]


def voeg_dekking_toe(ctx: AppContext, actor: Actor, behoefte_id: int, *, bron: str, volume: Decimal | str,
                     toelichting: str | None = None) -> int:
    """Steps 5-6: part of a need covered by the client, housemates, network or another provision (never more than
    the need itself)."""
    vereis_rol(actor, Rol.CONSULENT)
    bron_ok, vol, toel = _dekking_invoer(bron, volume, toelichting)
    with transactie(ctx, actor) as s:
        b, o = _behoefte(s, actor, behoefte_id)
        stap = DekkingBron(bron_ok).stap
        if _stap(o, stap).status == StapStatus.NVT.value:
            raise RegelFout(f"Stap {stap} staat op 'niet van toepassing'. Hef dat eerst op.")
        sp.controleer_dekking(b.volume, b.eenheid, b.frequentie, sum((d.volume for d in b.dekkingen), Decimal("0")),
                              vol)
        d = m.Dekking(bron=bron_ok, volume=vol, toelichting=toel)
        b.dekkingen.append(d)
        s.flush()
        audit(s, actor, AuditActie.AANMAKEN, "dekking", d.id, client_id=o.client_id, details=bron_ok)
        _herbereken(s, o)
        return d.id


def _dekking(s: Session, actor: Actor, dekking_id: int) -> tuple[m.Dekking, m.Behoefte, m.Onderzoek]:
    d = haal(s, m.Dekking, dekking_id, "Dekking")
    b, o = _behoefte(s, actor, d.behoefte_id)
    s.refresh(d)
    return d, b, o


def wijzig_dekking(ctx: AppContext, actor: Actor, dekking_id: int, *, bron: str, volume: Decimal | str,
                   toelichting: str | None = None, gezien: Mapping[str, Any] | None = None) -> None:
    vereis_rol(actor, Rol.CONSULENT)
    bron_ok, vol, toel = _dekking_invoer(bron, volume, toelichting)
    with transactie(ctx, actor) as s:
        d, b, o = _dekking(s, actor, dekking_id)
        _controleer_rij(d, gezien, {"bron": bron_ok, "volume": vol, "toelichting": toel},
                        {"bron": "Wie dekt het", "volume": "Omvang", "toelichting": "Toelichting"})
        anders = sum((x.volume for x in b.dekkingen if x.id != d.id), Decimal("0"))
        sp.controleer_dekking(b.volume, b.eenheid, b.frequentie, anders, vol)
        d.bron, d.volume, d.toelichting = bron_ok, vol, toel
        audit(s, actor, AuditActie.WIJZIGEN, "dekking", d.id, client_id=o.client_id, details=bron_ok)
        _herbereken(s, o)


def verwijder_dekking(ctx: AppContext, actor: Actor, dekking_id: int) -> None:
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        d, b, o = _dekking(s, actor, dekking_id)
        b.dekkingen.remove(d)
        s.delete(d)
        audit(s, actor, AuditActie.VERWIJDEREN, "dekking", dekking_id, client_id=o.client_id)
        _herbereken(s, o)


# ---------------------------------------------------------------------------------------------------------------
# Step 7: provisions


def keuzelijsten(ctx: AppContext, actor: Actor, wet: str) -> Keuzelijsten:
    vereis_rol(actor, *DOSSIER_LEZERS)
    w = Wet(wet)
    with transactie(ctx, actor) as s:
        producten = s.scalars(select(m.Product).where(m.Product.wet == w.value, m.Product.actief)
                              .order_by(m.Product.productcategorie, m.Product.naam)).all()
        aanbieders = s.scalars(select(m.Aanbieder).where(m.Aanbieder.actief).order_by(m.Aanbieder.naam)).all()
        contracten: dict[int, list[int]] = {}
        for aid, pid in s.execute(select(m.aanbieder_product.c.aanbieder_id, m.aanbieder_product.c.product_id)
                                  .where(m.aanbieder_product.c.product_id.in_([p.id for p in producten]))):
            contracten.setdefault(int(aid), []).append(int(pid))
        return Keuzelijsten(
            productcategorieen=dict(codelists.productcategorieen(w)),
            producten=[_product_info(p) for p in producten],
            aanbieders=[AanbiederKeuze(a.id, a.naam, a.plaats, tuple(sorted(contracten.get(a.id, ()))))
                        for a in aanbieders],
            eenheden=dict(codelists.eenheden()), frequenties=dict(codelists.frequenties()),
            po_maximum_maanden=ctx.config.termijnen.po_maximum_maanden,
            plan_termijn_dagen=ctx.config.termijnen.plan_termijn_dagen,
            jeugd_maximum_maanden=ctx.config.termijnen.jeugd_maximum_maanden, wet=w.value,
        )


def _product_info(p: m.Product) -> ProductInfo:
    return ProductInfo(p.id, p.code, p.naam, p.wet, p.productcategorie, p.niveau, p.tarief, p.eenheid, p.actief,
                       p.plan_nodig)


def _valideer_vz(ctx: AppContext, s: Session, o: m.Onderzoek, invoer: VoorzieningInvoer) -> vr.GeldigeVoorziening:
    wet = Wet(o.wet)
    producten: dict[int, ProductInfo] = {}
    if invoer.product_id is not None:
        p = s.get(m.Product, invoer.product_id)
        if p is not None:
            producten[p.id] = _product_info(p)
    actief: set[int] = set()
    if invoer.aanbieder_id is not None:
        a = s.get(m.Aanbieder, invoer.aanbieder_id)
        if a is not None and a.actief:
            actief.add(a.id)
    fouten: dict[str, str] = {}
    geldig: vr.GeldigeVoorziening | None = None
    try:
        geldig = vr.valideer_voorziening(invoer, wet=wet, producten=producten, actieve_aanbieders=actief,
                                         po_maximum_maanden=ctx.config.termijnen.po_maximum_maanden,
                                         jeugd_maximum_maanden=ctx.config.termijnen.jeugd_maximum_maanden,
                                         plan_termijn_dagen=ctx.config.termijnen.plan_termijn_dagen)
    except ValidatieFout as exc:
        fouten.update(exc.fouten)
    try:
        sp.controleer_koppeling(wet, sp.bruto_netto(o.behoeften), list(invoer.behoefte_ids),
                                list(invoer.resultaat_ids), [r.id for r in o.resultaten])
    except ValidatieFout as exc:
        fouten.update(exc.fouten)
    if fouten:
        raise ValidatieFout(fouten)
    assert geldig is not None
    return geldig


def _schrijf_vz(s: Session, o: m.Onderzoek, vz: m.Voorziening, g: vr.GeldigeVoorziening,
                invoer: VoorzieningInvoer) -> None:
    vz.productcategorie, vz.product_id = g.productcategorie, g.product.id
    vz.volume, vz.eenheid, vz.frequentie = g.volume, g.eenheid, g.frequentie
    vz.startdatum, vz.einddatum, vz.po_datum = g.startdatum, g.einddatum, g.po_datum
    vz.leveringsvorm, vz.aanbieder_id, vz.pgb_bedrag = g.leveringsvorm, g.aanbieder_id, g.pgb_bedrag
    vz.pgb_periode = g.pgb_periode
    vz.beoogd_resultaat, vz.motivering, vz.besluit = g.beoogd_resultaat, g.motivering, g.besluit
    vz.plan_verwacht, vz.plan_verwacht_op = g.plan_verwacht, g.plan_verwacht_op
    vz.behoeften = [b for b in o.behoeften if b.id in set(invoer.behoefte_ids)]
    vz.resultaten = [r for r in o.resultaten if r.id in set(invoer.resultaat_ids)]


def voeg_voorziening_toe(ctx: AppContext, actor: Actor, onderzoek_id: int, invoer: VoorzieningInvoer, *,
                         vandaag: dt.date | None = None) -> int:
    """Step 7: a custom provision for uncovered (netto) need, naming the needs and desired results it answers.

    The provisions of one investigation belong to one Aanvraag (one report, one decision); it is made here as a
    concept and becomes the formal request when the client's reaction is recorded (registreer_reactie).
    """
    vereis_rol(actor, Rol.CONSULENT)
    vandaag = vandaag or dt.date.today()
    with transactie(ctx, actor) as s:
        o = _laad(s, actor, onderzoek_id, schrijven=True)
        _vereis_stap7_open(s, o)
        g = _valideer_vz(ctx, s, o, invoer)
        a = o.aanvraag
        if a is None:
            me = o.melding
            a = m.Aanvraag(client_id=o.client_id, onderzoek=o, melding_id=me.id, wet=o.wet, soort=me.soort,
                           datum=vandaag, status=AanvraagStatus.CONCEPT.value, team_id=me.team_id,
                           consulent_id=o.consulent_id)
            s.add(a)
            s.flush()
            audit(s, actor, AuditActie.AANMAKEN, "aanvraag", a.id, client_id=o.client_id, details="concept")
        vz = m.Voorziening(aanvraag=a, client_id=o.client_id, wet=o.wet, status="concept")
        _schrijf_vz(s, o, vz, g, invoer)
        s.add(vz)
        s.flush()
        audit(s, actor, AuditActie.AANMAKEN, "voorziening", vz.id, client_id=o.client_id,
              details=f"{g.productcategorie}/{g.product.code}/{g.leveringsvorm}")
        _herbereken(s, o)
        return vz.id


def _voorziening(s: Session, actor: Actor, voorziening_id: int) -> tuple[m.Voorziening, m.Onderzoek]:
    vz = haal(s, m.Voorziening, voorziening_id, "Voorziening")
    if vz.aanvraag.onderzoek_id is None:
        raise RegelFout("Deze voorziening hoort niet bij een onderzoek.")
    o = _laad(s, actor, vz.aanvraag.onderzoek_id, schrijven=True)
    if vz.status != "concept":
        raise RegelFout("Over deze voorziening is al besloten; wijzig haar via een nieuwe aanvraag of herziening.")
    return vz, o


def wijzig_voorziening(ctx: AppContext, actor: Actor, voorziening_id: int, invoer: VoorzieningInvoer, *,
                       versie: int | None = None) -> None:
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        vz, o = _voorziening(s, actor, voorziening_id)
        controleer_versie(vz, versie)
        _vereis_stap7_open(s, o)
        g = _valideer_vz(ctx, s, o, invoer)
        _schrijf_vz(s, o, vz, g, invoer)
        audit(s, actor, AuditActie.WIJZIGEN, "voorziening", vz.id, client_id=o.client_id,
              details=f"{g.productcategorie}/{g.product.code}/{g.leveringsvorm}")
        _herbereken(s, o)


def verwijder_voorziening(ctx: AppContext, actor: Actor, voorziening_id: int) -> None:
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        vz, o = _voorziening(s, actor, voorziening_id)
        vz.aanvraag.voorzieningen.remove(vz)
        s.delete(vz)
        audit(s, actor, AuditActie.VERWIJDEREN, "voorziening", voorziening_id, client_id=o.client_id)
        _herbereken(s, o)


# ---------------------------------------------------------------------------------------------------------------
# Completing, and the client's reaction


def rond_onderzoek_af(ctx: AppContext, actor: Actor, onderzoek_id: int, *, vandaag: dt.date | None = None) -> None:
    """Complete the investigation when every step is done and who was heard is recorded; else say what is missing.

    The melding is then afgerond; the report can be given to the client.
    """
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        o = _laad(s, actor, onderzoek_id, schrijven=True)
        _herbereken(s, o)
        ontbrekend = sp.ontbrekend_voor_afronden(_formulier(o), _stand(s, o))
        if ontbrekend:
            raise OnderzoekOnvolledig(ontbrekend)
        opnieuw = o.status == OnderzoekStatus.HEROPEND.value
        o.status = OnderzoekStatus.AFGEROND.value
        o.afgerond_op = dt.datetime.combine(vandaag, dt.datetime.now().time()) if vandaag else dt.datetime.now()
        o.melding.status = MeldingStatus.AFGEROND.value
        if opnieuw:
            o.verslag_versie = (o.verslag_versie or 1) + 1
        audit(s, actor, AuditActie.WIJZIGEN, "onderzoek", o.id, client_id=o.client_id,
              details="status=afgerond" + (f",verslag_versie={o.verslag_versie}" if opnieuw else ""))
        audit(s, actor, AuditActie.WIJZIGEN, "melding", o.melding_id, client_id=o.client_id, details="status=afgerond")
        if opnieuw:
            # The amended report is the one the reviewer and the client now get: its new version is in the dossier
            # at once (the first version stays, documents are never replaced).
            from consulent_app.services.documenten import bewaar_verslag

            s.flush()
            bewaar_verslag(ctx, s, actor, o.id)


def heropen_onderzoek(ctx: AppContext, actor: Actor, onderzoek_id: int, *, reden: str,
                      versie: int | None = None) -> None:
    """Reopen a completed investigation to amend the report, e.g. when the reviewer returned the file asking to
    complete the evaluation of earlier help. Only its own consultant's team, and only while the decision is still
    the consultant's (none yet, a draft, or returned): under review, approved or sent, the report stays as judged.
    The reason is recorded and audited; completing it again makes the next version of the report."""
    vereis_rol(actor, Rol.CONSULENT)
    schoon = v.tekst(reden, "reden", "Reden van heropenen", max_lengte=REDEN_MAX, meerdere_regels=True)
    if not schoon:
        raise ValidatieFout.veld("reden", "Schrijf op waarom het onderzoek weer open gaat (bijvoorbeeld de opmerking "
                                          "van de toetser).")
    with transactie(ctx, actor) as s:
        o = _laad(s, actor, onderzoek_id, schrijven=False)
        controleer_versie(o, versie)
        if o.status != OnderzoekStatus.AFGEROND.value:
            raise RegelFout("Dit onderzoek is niet afgerond; u kunt het gewoon aanpassen.")
        b = o.aanvraag.beschikking if o.aanvraag is not None else None
        if b is not None and b.status not in HEROPENBAAR:
            raise RegelFout(f"De beschikking {b.kenmerk} is '{BeschikkingStatus(b.status).label.lower()}'; het "
                            "verslag waarop hij rust kan nu niet meer worden aangepast.")
        if b is not None and b.status == BeschikkingStatus.TERUGGESTUURD.value and b.auteur_id != actor.gebruiker_id \
                and o.consulent_id != actor.gebruiker_id:
            raise RegelFout("Alleen de consulent van dit onderzoek kan het na terugsturen heropenen.")
        o.status = OnderzoekStatus.HEROPEND.value
        o.heropend_op = dt.datetime.now()
        o.heropen_reden = schoon
        s.flush()
        audit(s, actor, AuditActie.WIJZIGEN, "onderzoek", o.id, client_id=o.client_id,
              details="status=heropend" + (f",beschikking={b.id}" if b is not None else ""))


def registreer_reactie(ctx: AppContext, actor: Actor, onderzoek_id: int, *, verslag_uitgereikt_op: dt.date | None,
                       aanvraag_datum: dt.date | None, getekend: bool | None, opmerkingen: str | None = None,
                       reactie_datum: dt.date | None = None, vandaag: dt.date | None = None) -> int:
    """The client's reaction to the report (art. 2.3.2 lid 8 Wmo 2015): date handed over, remarks, signed or not,
    and the date of the formal request. Creates or updates the Aanvraag with its legal decision term."""
    vereis_rol(actor, Rol.CONSULENT)
    vandaag = vandaag or dt.date.today()
    f = v.Fouten()
    for veld, label, d in (("verslag_uitgereikt_op", "Datum verslag uitgereikt", verslag_uitgereikt_op),
                           ("aanvraag_datum", "Datum aanvraag", aanvraag_datum)):
        try:
            v.datum_niet_in_toekomst(d, vandaag, veld, label)
        except ValidatieFout as exc:
            f.add(veld, exc.bericht)
    if reactie_datum is not None and reactie_datum > vandaag:
        f.add("reactie_datum", "Datum reactie mag niet in de toekomst liggen.")
    if getekend is None:
        f.add("getekend", "Geef aan of de cliënt het verslag heeft ondertekend.")
    try:
        opm = v.tekst(opmerkingen, "opmerkingen", "Opmerkingen van de cliënt", max_lengte=v.LANGE_TEKST_MAX,
                      meerdere_regels=True)
    except ValidatieFout as exc:
        f.add("opmerkingen", exc.bericht)
        opm = None
    f.check()
    assert aanvraag_datum is not None and verslag_uitgereikt_op is not None
    with transactie(ctx, actor) as s:
        o = _laad(s, actor, onderzoek_id, schrijven=False)
        if o.status != OnderzoekStatus.AFGEROND.value:
            raise RegelFout("Rond eerst het onderzoek af; daarna krijgt de cliënt het verslag en volgt de reactie.")
        if aanvraag_datum < o.melding.datum:
            raise ValidatieFout.veld("aanvraag_datum", "De datum van de aanvraag ligt vóór de meldingsdatum.")
        if verslag_uitgereikt_op < o.startdatum:
            raise ValidatieFout.veld("verslag_uitgereikt_op", "Het verslag kan niet zijn uitgereikt vóór de start "
                                     "van het onderzoek.")
        a = o.aanvraag
        if a is None:
            me = o.melding
            a = m.Aanvraag(client_id=o.client_id, onderzoek=o, melding_id=me.id, wet=o.wet, soort=me.soort,
                           datum=aanvraag_datum, status=AanvraagStatus.OPEN.value, team_id=me.team_id,
                           consulent_id=o.consulent_id)
            s.add(a)
            actie = AuditActie.AANMAKEN
        else:
            if a.status not in (AanvraagStatus.CONCEPT.value, AanvraagStatus.OPEN.value):
                raise RegelFout("Op deze aanvraag is al besloten; de reactie kan niet meer worden gewijzigd.")
            actie = AuditActie.WIJZIGEN
        # A request filed before the investigation (art. 2.3.5 lid 2 Wmo; a Jeugd provider's request taken into
        # investigation: open before any reaction) keeps its date and its term.
        eerder_ingediend = a.zonder_onderzoek or (actie is AuditActie.WIJZIGEN and a.reactie_datum is None
                                                  and a.status == AanvraagStatus.OPEN.value)
        if not eerder_ingediend:
            a.datum = aanvraag_datum
        a.status = AanvraagStatus.OPEN.value
        s.flush()
        # One place computes the decision term: it also counts suspensions and a postponement already on file.
        from consulent_app.services.termijnbewaking import herbereken_beslistermijn

        herbereken_beslistermijn(s, ctx, a)
        a.verslag_uitgereikt_op = verslag_uitgereikt_op
        a.reactie_datum = reactie_datum or verslag_uitgereikt_op
        a.reactie_opmerkingen = opm
        a.verslag_getekend = getekend
        s.flush()
        audit(s, actor, actie, "aanvraag", a.id, client_id=o.client_id,
              details="reactie,datum,beslistermijn" + (",getekend" if getekend else ",niet_getekend"))
        return a.id
