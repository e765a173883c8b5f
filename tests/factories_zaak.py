"""A complete case in one call, for tests of everything after the investigation (terms, PO, review, documents, sending).

    zaak = maak_zaak(basis)                       # Wmo client, melding, complete onderzoek, aanvraag,
                                                  # one granted HH provision with a PO, concept beschikking
    zaak = maak_zaak(basis, wet="jeugdwet", voorzieningen=[VzSpec("JA", einddatum=...)])
    zaak = maak_zaak(basis, beschikking="verzonden", verzonden_op=date(2026, 11, 2))   # provisions active, PO row

Rows are written straight through the ORM (no service rules), so a test can also build a case that breaks a rule
(e.g. `VzSpec(po_datum=None, einddatum=None)`) and check that the service refuses it. Every date is explicit or
derived from `melding_datum`, so expectations can be computed by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from consulent_app import termijnen
from consulent_app.db import models as m
from consulent_app.domain import (
    AanvraagStatus,
    BeschikkingStatus,
    Besluit,
    DekkingBron,
    MeldingStatus,
    StapStatus,
    VoorzieningStatus,
    Wet,
)
from tests.factories import Basis

_AUTO = dt.date.min  # sentinel: "derive this date"


@dataclass
class VzSpec:
    """One provision of the case. `product` is a key of `basis.producten` ("HH", "BG" Wmo; "JA" Jeugd)."""

    product: str = "HH"
    volume: Decimal = Decimal("3")
    frequentie: str = "2"  # WMO757: 2 = per week
    besluit: str = Besluit.TOEGEKEND.value
    startdatum: dt.date | None = None  # default: aanvraag date + 14 days
    einddatum: dt.date | None = None
    po_datum: dt.date | None = _AUTO  # default: Wmo start + 12 months, Jeugd none (then einddatum defaults)
    leveringsvorm: str = "zin"
    plan_verwacht_op: dt.date | None = None
    plan_ontvangen_op: dt.date | None = None
    motivering: str | None = "Zie verslag, stap 4 tot en met 7."
    beoogd_resultaat: str | None = "Cliënt woont zelfstandig in een schoon huis."
    dekt_behoefte: bool = True  # linked to the (partly uncovered) need of step 4


@dataclass
class Zaak:
    client_id: int
    team_id: int
    wet: str
    consulent_id: int
    melding_id: int
    onderzoek_id: int
    aanvraag_id: int
    voorziening_ids: list[int]
    beschikking_id: int | None
    behoefte_id: int
    resultaat_id: int
    po_ids: list[int] = field(default_factory=list)


_kenmerk_teller = iter(range(1, 10**9))


def maak_zaak(
    basis: Basis,
    *,
    wet: str = Wet.WMO.value,
    team: str = "a",
    consulent: str = "consulent",
    achternaam: str = "Janssen",
    client_id: int | None = None,
    melding_datum: dt.date = dt.date(2026, 10, 1),
    aanvraag_datum: dt.date | None = None,
    voorzieningen: list[VzSpec] | None = None,
    stappen: StapStatus = StapStatus.COMPLEET,
    client_gehoord: bool | None = True,
    reactie_opmerkingen: str | None = None,
    aanvraag_status: str = AanvraagStatus.OPEN.value,
    beschikking: str | None = BeschikkingStatus.CONCEPT.value,  # None: no beschikking row
    verzonden_op: dt.date | None = None,
    po_plannen: bool = True,  # for a sent decision: a PeriodiekOnderzoek row per provision with a PO date
    po_consulent: bool = False,  # ... assigned to the case's consultant
) -> Zaak:
    """Client (new unless `client_id`), Wmo or Jeugd melding, complete onderzoek with the seven steps, one need
    (10 uur per week, 4 covered by the network), one desired result, an aanvraag, the provisions and, unless
    `beschikking=None`, a beschikking with one regel per provision. With `beschikking="verzonden"` the provisions
    are active and (with `po_plannen`) each provision with a PO date gets a planned PeriodiekOnderzoek."""
    ctx = basis.ctx
    cons = basis[consulent]
    team_id = basis.team_a if team == "a" else basis.team_b
    if client_id is None:
        client_id = basis.client(achternaam, team=team, actor=consulent,
                                 geboortedatum=dt.date(2012, 6, 1) if wet == Wet.JEUGDWET.value else None)
    aanvraag_datum = aanvraag_datum or melding_datum + dt.timedelta(days=21)
    specs = voorzieningen if voorzieningen is not None else [VzSpec("JA" if wet == Wet.JEUGDWET.value else "HH")]
    with ctx.session_factory.begin() as s:
        me = m.Melding(client_id=client_id, team_id=team_id, wet=wet, soort="nieuw", datum=melding_datum,
                       kanaal="cit", vraag="Hulp nodig bij het huishouden.", consulent_id=cons.gebruiker_id,
                       status=(MeldingStatus.AFGEROND if beschikking == BeschikkingStatus.VERZONDEN.value
                               else MeldingStatus.IN_ONDERZOEK).value,
                       onderzoekstermijn_einde=termijnen.termijn_einde(melding_datum, termijnen.WMO_ONDERZOEK_WEKEN)
                       if wet == Wet.WMO.value else None)
        s.add(me)
        s.flush()
        o = m.Onderzoek(melding_id=me.id, client_id=client_id, wet=wet, consulent_id=cons.gebruiker_id,
                        status="afgerond", startdatum=melding_datum + dt.timedelta(days=3),
                        gesprek_datum=melding_datum + dt.timedelta(days=10), gesprek_plaats="Bij cliënt thuis",
                        client_gehoord=client_gehoord, jeugdige_gehoord=True if wet == Wet.JEUGDWET.value else None,
                        derden_geraadpleegd="Huisarts", huidige_stap=7,
                        afgerond_op=dt.datetime.combine(aanvraag_datum, dt.time(12)))
        s.add(o)
        s.flush()
        for nr in range(1, 8):
            s.add(m.OnderzoekStap(onderzoek_id=o.id, nummer=nr, status=stappen.value,
                                  velden={"toelichting": f"Stap {nr} ingevuld."}))
        s.add(m.LeefgebiedProbleem(onderzoek_id=o.id, leefgebied="huishouden",
                                   beschrijving="Kan niet meer zwaar schoonmaken.", ernst="matig"))
        res = m.GewenstResultaat(onderzoek_id=o.id, omschrijving="Een schoon en leefbaar huis.",
                                 leefgebied="huishouden")
        beh = m.Behoefte(onderzoek_id=o.id, omschrijving="Zwaar huishoudelijk werk", leefgebied="huishouden",
                         volume=Decimal("10"), eenheid="04", frequentie="2")
        s.add_all([res, beh])
        s.flush()
        s.add(m.Dekking(behoefte_id=beh.id, bron=DekkingBron.NETWERK_NU.value, volume=Decimal("4"),
                        toelichting="Dochter doet de boodschappen."))
        a = m.Aanvraag(client_id=client_id, onderzoek_id=o.id, wet=wet, soort="nieuw", datum=aanvraag_datum,
                       status=aanvraag_status, team_id=team_id,
                       consulent_id=cons.gebruiker_id,
                       beslistermijn_einde=termijnen.termijn_einde(
                           aanvraag_datum, termijnen.WMO_BESLIS_WEKEN if wet == Wet.WMO.value
                           else termijnen.JEUGD_BESLIS_WEKEN),
                       verslag_uitgereikt_op=aanvraag_datum, reactie_datum=aanvraag_datum,
                       reactie_opmerkingen=reactie_opmerkingen, verslag_getekend=True)
        s.add(a)
        s.flush()
        verzonden = beschikking == BeschikkingStatus.VERZONDEN.value
        vzs: list[m.Voorziening] = []
        for spec in specs:
            prod = s.get(m.Product, basis.producten[spec.product])
            assert prod is not None
            start = spec.startdatum or aanvraag_datum + dt.timedelta(days=14)
            po = spec.po_datum
            eind = spec.einddatum
            if po is _AUTO:
                po = start + relativedelta(months=12) if wet == Wet.WMO.value else None
                if po is None and eind is None:
                    eind = start + relativedelta(years=1)
            toegekend = spec.besluit != Besluit.AFGEWEZEN.value
            vz = m.Voorziening(
                aanvraag_id=a.id, client_id=client_id, wet=wet, productcategorie=prod.productcategorie,
                product_id=prod.id, volume=spec.volume, eenheid=prod.eenheid, frequentie=spec.frequentie,
                startdatum=start, einddatum=eind, po_datum=po, leveringsvorm=spec.leveringsvorm,
                aanbieder_id=basis.aanbieders[0] if spec.leveringsvorm == "zin" else None,
                pgb_bedrag=None if spec.leveringsvorm == "zin" else Decimal("5000"),
                beoogd_resultaat=spec.beoogd_resultaat, motivering=spec.motivering, besluit=spec.besluit,
                status=(VoorzieningStatus.ACTIEF if verzonden and toegekend else
                        VoorzieningStatus.BESLOTEN if verzonden else VoorzieningStatus.CONCEPT).value,
                plan_verwacht_op=spec.plan_verwacht_op, plan_ontvangen_op=spec.plan_ontvangen_op,
                toegewezen_op=start if verzonden and toegekend else None)
            if spec.dekt_behoefte:
                vz.behoeften = [beh]
                vz.resultaten = [res]
            s.add(vz)
            vzs.append(vz)
        s.flush()
        po_ids: list[int] = []
        if verzonden and po_plannen:
            for vz in vzs:
                if vz.po_datum is not None and vz.status == VoorzieningStatus.ACTIEF.value:
                    po_row = m.PeriodiekOnderzoek(voorziening_id=vz.id, client_id=client_id, team_id=team_id,
                                                  geplande_datum=vz.po_datum,
                                                  consulent_id=cons.gebruiker_id if po_consulent else None)
                    s.add(po_row)
                    s.flush()
                    po_ids.append(po_row.id)
        besch_id: int | None = None
        if beschikking is not None:
            st = BeschikkingStatus(beschikking)
            b = m.Beschikking(
                aanvraag_id=a.id, client_id=client_id, type="aanvraag", kenmerk=f"TST-{next(_kenmerk_teller):06d}",
                status=BeschikkingStatus.CONCEPT.value, auteur_id=cons.gebruiker_id,
                ter_toetsing_op=dt.datetime.combine(aanvraag_datum, dt.time(9))
                if st is not BeschikkingStatus.CONCEPT else None,
                verzonden_op=verzonden_op if verzonden else None,
                bezwaartermijn_einde=termijnen.termijn_einde(verzonden_op, termijnen.BEZWAAR_WEKEN)
                if verzonden and verzonden_op else None,
                bijlagen={"items": ["verslag"]})
            s.add(b)
            s.flush()
            for vz in vzs:
                s.add(m.BeschikkingRegel(beschikking_id=b.id, voorziening_id=vz.id, besluit=vz.besluit))
            s.flush()
            b.status = st.value  # after the regels: a sent decision may not get new regels (verzending guard)
            besch_id = b.id
            if verzonden:
                a.status = AanvraagStatus.BESLOTEN.value
        return Zaak(client_id=client_id, team_id=team_id, wet=wet, consulent_id=cons.gebruiker_id,
                    melding_id=me.id, onderzoek_id=o.id, aanvraag_id=a.id, voorziening_ids=[v.id for v in vzs],
                    beschikking_id=besch_id, behoefte_id=beh.id, resultaat_id=res.id, po_ids=po_ids)


def maak_open_melding(basis: Basis, *, wet: str = Wet.WMO.value, datum: dt.date = dt.date(2026, 10, 1),
                      consulent: str | None = "consulent", team: str = "a", achternaam: str = "Peeters") -> int:
    """A melding still in investigation (no onderzoek rows), with its stored investigation term."""
    client_id = basis.client(achternaam, team=team, actor=consulent or ("consulent" if team == "a" else "consulent_b"))
    with basis.ctx.session_factory.begin() as s:
        me = m.Melding(client_id=client_id, team_id=basis.team_a if team == "a" else basis.team_b, wet=wet,
                       soort="nieuw", datum=datum, kanaal="cit", vraag="Hulp bij douchen.",
                       consulent_id=basis[consulent].gebruiker_id if consulent else None,
                       status="toegewezen" if consulent else "nieuw",
                       onderzoekstermijn_einde=termijnen.termijn_einde(datum, termijnen.WMO_ONDERZOEK_WEKEN)
                       if wet == Wet.WMO.value else None)
        s.add(me)
        s.flush()
        return me.id
