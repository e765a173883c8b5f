"""Periodic re-examination (PO): plan, assign, complete, and the planning lists; provider plans (plan van aanpak).

Completing a PO always leaves the next PO date or an end date (the loophole of the 2020 report is closed here, in
the core). "Gewijzigd" starts a new request for the client, prefilled from the provisions that run now.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from babel.dates import format_date
from dateutil.relativedelta import relativedelta
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from consulent_app.db import models as m
from consulent_app.domain import (
    AanvraagStatus,
    AuditActie,
    BeschikkingStatus,
    MeldingSoort,
    POStatus,
    POUitkomst,
    Rol,
    VoorzieningStatus,
    Wet,
)
from consulent_app.errors import RegelFout, ValidatieFout
from consulent_app.formatting import LOCALE
from consulent_app.rules import aanbiederplan, duur, intrekking
from consulent_app.rules import periodiek as regels
from consulent_app.rules import voorziening as vr
from consulent_app.rules.omvang import omvang_van
from consulent_app.rules.voorziening import ProductInfo, VoorzieningInvoer
from consulent_app.services.base import (
    Actor,
    AppContext,
    audit,
    audit_lijst,
    client_ids_van,
    controleer_consulent,
    controleer_versie,
    haal,
    transactie,
    vereis_rol,
    vereis_team,
)
from consulent_app.services.dossiers import volledige_naam
from consulent_app.services.termijnbewaking import herbereken_beslistermijn

LOPEND = (VoorzieningStatus.BESLOTEN.value, VoorzieningStatus.ACTIEF.value)
PLANNERS = (Rol.PLANNER, Rol.TEAMLEIDER)


def _max(ctx: AppContext) -> int:
    return ctx.config.termijnen.po_maximum_maanden


def _basisdatum(s: Session, vz: m.Voorziening) -> dt.date:
    """The PO maximum counts from the start of the provision, or from its last completed PO."""
    laatste = s.scalar(select(func.max(m.PeriodiekOnderzoek.afgerond_op)).where(
        m.PeriodiekOnderzoek.voorziening_id == vz.id, m.PeriodiekOnderzoek.status == POStatus.AFGEROND.value))
    return max(vz.startdatum, laatste) if laatste else vz.startdatum


def _lopende_voorziening(s: Session, actor: Actor, voorziening_id: int) -> tuple[m.Voorziening, m.Client]:
    vz = haal(s, m.Voorziening, voorziening_id, "Voorziening")
    c = haal(s, m.Client, vz.client_id, "Cliënt")
    vereis_team(actor, c.team_id)
    if vz.besluit not in duur.TOEGEKEND or vz.status not in LOPEND:
        raise RegelFout("Alleen voor een toegekende, lopende voorziening kan een periodiek onderzoek worden gepland.")
    return vz, c


# --------------------------------------------------------------------------------------------------------------
# Plan, move, assign
# --------------------------------------------------------------------------------------------------------------


def plan_po(ctx: AppContext, actor: Actor, voorziening_id: int, geplande_datum: dt.date | None, *,
            consulent_id: int | None = None, vandaag: dt.date | None = None) -> int:
    """Plan a PO for a running provision, no later than the maximum after its start (or last PO)."""
    vereis_rol(actor, Rol.CONSULENT, *PLANNERS)
    with transactie(ctx, actor) as s:
        vz, c = _lopende_voorziening(s, actor, voorziening_id)
        datum = regels.controleer_planning(geplande_datum, basis=_basisdatum(s, vz), max_maanden=_max(ctx),
                                           einddatum=vz.einddatum)
        if s.scalar(select(m.PeriodiekOnderzoek.id).where(m.PeriodiekOnderzoek.voorziening_id == vz.id,
                                                          m.PeriodiekOnderzoek.status == POStatus.GEPLAND.value)):
            raise RegelFout("Voor deze voorziening is al een periodiek onderzoek gepland. Verplaats dat onderzoek.")
        if consulent_id is None and actor.rol is Rol.CONSULENT:
            consulent_id = actor.gebruiker_id
        if consulent_id is not None:
            if actor.rol is Rol.CONSULENT and consulent_id != actor.gebruiker_id:
                raise RegelFout("Een consulent kan een onderzoek alleen aan zichzelf toewijzen.")
            controleer_consulent(s, consulent_id, c.team_id, "periodieke onderzoeken")
        po = m.PeriodiekOnderzoek(voorziening_id=vz.id, client_id=c.id, team_id=c.team_id, geplande_datum=datum,
                                  consulent_id=consulent_id, status=POStatus.GEPLAND.value)
        s.add(po)
        vz.po_datum = datum
        s.flush()
        audit(s, actor, AuditActie.AANMAKEN, "periodiek_onderzoek", po.id, client_id=c.id,
              details=f"voorziening#{vz.id}")
        return po.id


def _gepland(s: Session, actor: Actor, po_id: int) -> m.PeriodiekOnderzoek:
    po = haal(s, m.PeriodiekOnderzoek, po_id, "Periodiek onderzoek")
    vereis_team(actor, po.team_id)
    if po.status != POStatus.GEPLAND.value:
        raise RegelFout("Dit periodiek onderzoek is al afgerond.")
    return po


def verplaats_po(ctx: AppContext, actor: Actor, po_id: int, geplande_datum: dt.date | None, *,
                 versie: int | None = None) -> int:
    """Move a planned PO; the maximum still holds. Returns the new version."""
    vereis_rol(actor, Rol.CONSULENT, *PLANNERS)
    with transactie(ctx, actor) as s:
        po = _gepland(s, actor, po_id)
        controleer_versie(po, versie)
        vz = haal(s, m.Voorziening, po.voorziening_id, "Voorziening")
        datum = regels.controleer_planning(geplande_datum, basis=_basisdatum(s, vz), max_maanden=_max(ctx),
                                           einddatum=vz.einddatum)
        po.geplande_datum = datum
        vz.po_datum = datum
        s.flush()
        audit(s, actor, AuditActie.WIJZIGEN, "periodiek_onderzoek", po.id, client_id=po.client_id,
              details="geplande_datum")
        return po.versie


def wijs_po_toe(ctx: AppContext, actor: Actor, po_id: int, consulent_id: int, *, versie: int | None = None) -> int:
    """Planner or team leader assigns a planned PO to a consultant of the client's team. Returns the new version."""
    vereis_rol(actor, *PLANNERS)
    with transactie(ctx, actor) as s:
        po = _gepland(s, actor, po_id)
        controleer_versie(po, versie)
        controleer_consulent(s, consulent_id, po.team_id, "periodieke onderzoeken")
        vorige = po.consulent_id
        po.consulent_id = consulent_id
        s.flush()
        audit(s, actor, AuditActie.WIJZIGEN, "periodiek_onderzoek", po.id, client_id=po.client_id,
              details=f"toegewezen: gebruiker#{vorige or '-'} -> gebruiker#{consulent_id}")
        return po.versie


# --------------------------------------------------------------------------------------------------------------
# Complete
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PoView:
    """What the "PO afronden" dialog shows and needs."""

    id: int
    versie: int
    voorziening_id: int
    client_id: int
    client: str
    product: str
    omvang: str
    startdatum: dt.date
    einddatum: dt.date | None
    geplande_datum: dt.date
    consulent: str | None
    uiterste_volgende_po: dt.date  # if completed today


@dataclass(frozen=True)
class PoAfgerond:
    po_id: int
    uitkomst: str
    volgende_po_id: int | None
    nieuwe_aanvraag_id: int | None
    einddatum: dt.date | None


def po_details(ctx: AppContext, actor: Actor, po_id: int, *, vandaag: dt.date | None = None) -> PoView:
    vereis_rol(actor, Rol.CONSULENT, *PLANNERS)
    vandaag = vandaag or dt.date.today()
    with transactie(ctx, actor) as s:
        po = haal(s, m.PeriodiekOnderzoek, po_id, "Periodiek onderzoek")
        vereis_team(actor, po.team_id)
        vz = haal(s, m.Voorziening, po.voorziening_id, "Voorziening")
        c = haal(s, m.Client, po.client_id, "Cliënt")
        cons = s.get(m.Gebruiker, po.consulent_id) if po.consulent_id else None
        audit(s, actor, AuditActie.LEZEN, "periodiek_onderzoek", po.id, client_id=c.id)
        return PoView(po.id, po.versie, vz.id, c.id, volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam),
                      vz.product.naam if vz.product else vz.productcategorie,
                      omvang_van(vz), vz.startdatum, vz.einddatum,
                      po.geplande_datum, cons.naam if cons else None, duur.po_uiterlijk(vandaag, _max(ctx)))


def _start_wijziging(s: Session, ctx: AppContext, actor: Actor, po: m.PeriodiekOnderzoek, vz: m.Voorziening,
                     afgerond_op: dt.date, vandaag: dt.date, *, kopieer: bool = True,
                     volgende_po: dt.date | None = None) -> int:
    """A new aanvraag (soort wijziging, `aanleiding_po_id`) so a decision can follow the PO.

    "gewijzigd": with concept provisions copied from what runs now. "beëindigd" (`kopieer=False`): empty; the
    ending decision (beschikkingen, type beeindiging) takes the ended provision from the PO.
    """
    oud = haal(s, m.Aanvraag, vz.aanvraag_id, "Aanvraag")
    a = m.Aanvraag(client_id=po.client_id, wet=vz.wet, soort=MeldingSoort.WIJZIGING.value, datum=afgerond_op,
                   status=AanvraagStatus.OPEN.value, team_id=po.team_id or oud.team_id,
                   consulent_id=actor.gebruiker_id, aanleiding_po_id=po.id)
    s.add(a)
    s.flush()
    herbereken_beslistermijn(s, ctx, a, vandaag=vandaag)
    lopend = s.scalars(select(m.Voorziening).where(
        m.Voorziening.client_id == po.client_id, m.Voorziening.wet == vz.wet,
        m.Voorziening.status.in_(LOPEND), m.Voorziening.besluit.in_(duur.TOEGEKEND),
        or_(m.Voorziening.einddatum.is_(None), m.Voorziening.einddatum >= afgerond_op),
    ).order_by(m.Voorziening.id)).all() if kopieer else []
    for bron in lopend:
        start = max(afgerond_op, bron.startdatum)
        # The old PO date lies in the past; the PO just agreed is the natural first guess for the new decision.
        po_datum = volgende_po if volgende_po is not None and volgende_po >= start else None
        # The changed provision asks the provider for a new plan as step 7 would (criterion 13); the dialog after
        # the PO can change or drop it.
        plan = aanbiederplan.bepaal_plan(
            wet=bron.wet, plan_nodig=bool(bron.product and bron.product.plan_nodig),
            toegekend=bron.besluit in duur.TOEGEKEND, verwacht=None, verwacht_op=None, startdatum=start,
            dagen=ctx.config.termijnen.plan_termijn_dagen)
        s.add(m.Voorziening(
            aanvraag_id=a.id, client_id=bron.client_id, wet=bron.wet, productcategorie=bron.productcategorie,
            product_id=bron.product_id, volume=bron.volume, eenheid=bron.eenheid, frequentie=bron.frequentie,
            startdatum=start, einddatum=bron.einddatum, po_datum=po_datum,
            leveringsvorm=bron.leveringsvorm, aanbieder_id=bron.aanbieder_id, pgb_bedrag=bron.pgb_bedrag,
            pgb_periode=bron.pgb_periode,
            beoogd_resultaat=bron.beoogd_resultaat, motivering=bron.motivering, besluit=bron.besluit,
            plan_verwacht=plan.verwacht, plan_verwacht_op=plan.verwacht_op, status=VoorzieningStatus.CONCEPT.value))
    s.flush()
    audit(s, actor, AuditActie.AANMAKEN, "aanvraag", a.id, client_id=a.client_id,
          details=f"wijziging na periodiek_onderzoek#{po.id}, voorzieningen={len(lopend)}")
    return a.id


def rond_po_af(ctx: AppContext, actor: Actor, po_id: int, *, uitkomst: str | None, verslag: str | None,
               volgende_po_datum: dt.date | None = None, einddatum: dt.date | None = None,
               afgerond_op: dt.date | None = None, versie: int | None = None,
               vandaag: dt.date | None = None) -> PoAfgerond:
    """Complete a PO. Always leaves a next PO date or an end date (the core closes the 2020 loophole).

    * ongewijzigd: the provision continues; a new PO is planned on `volgende_po_datum` and/or the end date set;
    * gewijzigd: the same, and a new aanvraag (soort wijziging, `aanleiding_po_id`) is started for the client,
      prefilled with the provisions that run now;
    * beëindigd: `einddatum` is proposed as the last day (kept on the PO); no next PO; an (empty) aanvraag with
      `aanleiding_po_id` is started, so the ending decision (beschikkingen.maak_concept_beschikking, type
      beeindiging) can be made. The provision itself runs on unchanged until that decision is sent.
    """
    vereis_rol(actor, Rol.CONSULENT)
    vandaag = vandaag or dt.date.today()
    with transactie(ctx, actor) as s:
        po = _gepland(s, actor, po_id)
        controleer_versie(po, versie)
        if po.consulent_id is not None and po.consulent_id != actor.gebruiker_id:
            cons = s.get(m.Gebruiker, po.consulent_id)
            raise RegelFout(f"Dit periodiek onderzoek is toegewezen aan {cons.naam if cons else 'een collega'}; "
                            "alleen die consulent kan het afronden.")
        vz = haal(s, m.Voorziening, po.voorziening_id, "Voorziening")
        besluit = regels.controleer_afronding(
            uitkomst=uitkomst, verslag=verslag, afgerond_op=afgerond_op, volgende_po_datum=volgende_po_datum,
            einddatum=einddatum, startdatum_voorziening=vz.startdatum, max_maanden=_max(ctx), vandaag=vandaag,
            einddatum_voorziening=vz.einddatum)
        po.consulent_id = actor.gebruiker_id
        po.status = POStatus.AFGEROND.value
        po.uitkomst = besluit.uitkomst.value
        po.verslag = besluit.verslag
        po.afgerond_op = besluit.afgerond_op
        po.volgende_po_datum = besluit.volgende_po_datum
        po.einddatum = besluit.einddatum
        volgende_id: int | None = None
        aanvraag_id: int | None = None
        if besluit.uitkomst is POUitkomst.BEEINDIGD:
            assert besluit.einddatum is not None
            # The ending decision can be sent today at the earliest: no retroactive ending (art. 2.3.10 Wmo 2015).
            fouten = intrekking.einde_fouten(besluit.einddatum, verzonden_op=vandaag,
                                             overgang_weken=ctx.config.besluiten.overgangstermijn_weken)
            if fouten:
                raise ValidatieFout(fouten)
            # The provision runs on unchanged until the ending decision is sent: the proposed last day stays on the
            # PO (po.einddatum), goes into the decision's line, and only sending ends the provision
            # (sluit_vervangen_af); no withdrawal before the decision is made known (art. 2.3.10 Wmo 2015).
            aanvraag_id = _start_wijziging(s, ctx, actor, po, vz, besluit.afgerond_op, vandaag, kopieer=False)
        else:
            vz.po_datum = besluit.volgende_po_datum
            if besluit.einddatum is not None:
                vz.einddatum = besluit.einddatum
            if besluit.volgende_po_datum is not None:
                nieuw = m.PeriodiekOnderzoek(voorziening_id=vz.id, client_id=po.client_id, team_id=po.team_id,
                                             geplande_datum=besluit.volgende_po_datum,
                                             consulent_id=actor.gebruiker_id,  # continuity; the planner may move it
                                             status=POStatus.GEPLAND.value)
                s.add(nieuw)
                s.flush()
                volgende_id = nieuw.id
            if besluit.uitkomst is POUitkomst.GEWIJZIGD:
                aanvraag_id = _start_wijziging(s, ctx, actor, po, vz, besluit.afgerond_op, vandaag,
                                               volgende_po=besluit.volgende_po_datum)
        s.flush()
        audit(s, actor, AuditActie.WIJZIGEN, "periodiek_onderzoek", po.id, client_id=po.client_id,
              details=f"afgerond: uitkomst={besluit.uitkomst.value},volgende_po={volgende_id or '-'},"
                      f"einddatum={'ja' if besluit.einddatum else 'nee'}")
        return PoAfgerond(po.id, besluit.uitkomst.value, volgende_id, aanvraag_id, besluit.einddatum)


@dataclass(frozen=True)
class WijzigingRegel:
    """One provision of a change request after a "gewijzigd" PO, as the adjust dialog shows and edits it."""

    id: int
    versie: int
    wet: str
    productcategorie: str
    product_id: int | None
    product: str
    volume: Decimal
    eenheid: str
    frequentie: str
    omvang: str
    startdatum: dt.date
    einddatum: dt.date | None
    po_datum: dt.date | None
    leveringsvorm: str
    aanbieder_id: int | None
    aanbieder: str | None
    pgb_bedrag: Decimal | None
    beoogd_resultaat: str | None
    motivering: str | None
    besluit: str
    plan_verwacht: bool | None = None
    plan_verwacht_op: dt.date | None = None
    pgb_periode: str | None = None


@dataclass(frozen=True)
class WijzigingNaPo:
    """The change request a "gewijzigd" PO started: its provisions and whether they can still be adjusted."""

    aanvraag_id: int
    client_id: int
    client: str
    wet: str
    bewerkbaar: bool
    reden: str | None  # why not, in Dutch, when not bewerkbaar
    regels: list[WijzigingRegel]


def wijziging_na_po(ctx: AppContext, actor: Actor, aanvraag_id: int) -> WijzigingNaPo:
    """The provisions of a change request started by a "gewijzigd" PO, for `wijzig_voorziening_na_po`."""
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        a = haal(s, m.Aanvraag, aanvraag_id, "Aanvraag")
        vereis_team(actor, a.team_id)
        if a.aanleiding_po_id is None or a.onderzoek_id is not None:
            raise RegelFout("Deze aanvraag hoort bij een onderzoek; wijzig de voorzieningen in stap 7 van dat "
                            "onderzoek.")
        c = haal(s, m.Client, a.client_id, "Cliënt")
        b = a.beschikking
        reden = None
        if a.status != AanvraagStatus.OPEN.value:
            reden = "Over deze aanvraag is al besloten; de voorzieningen liggen vast."
        elif b is not None and b.status not in (BeschikkingStatus.CONCEPT.value,
                                                BeschikkingStatus.TERUGGESTUURD.value):
            reden = "De beschikking ligt bij de toetser of is goedgekeurd; de voorzieningen liggen nu vast."
        regels_ = []
        for vz in sorted(a.voorzieningen, key=lambda x: x.id):
            regels_.append(WijzigingRegel(
                vz.id, vz.versie, vz.wet, vz.productcategorie, vz.product_id,
                vz.product.naam if vz.product else vz.productcategorie, vz.volume, vz.eenheid, vz.frequentie,
                omvang_van(vz), vz.startdatum, vz.einddatum, vz.po_datum,
                vz.leveringsvorm, vz.aanbieder_id, vz.aanbieder.naam if vz.aanbieder else None, vz.pgb_bedrag,
                vz.beoogd_resultaat, vz.motivering, vz.besluit, vz.plan_verwacht, vz.plan_verwacht_op,
                vz.pgb_periode))
        audit(s, actor, AuditActie.LEZEN, "aanvraag", a.id, client_id=a.client_id, details="voorzieningen na po")
        return WijzigingNaPo(a.id, c.id, volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam), a.wet,
                             reden is None, reden, regels_)


def wijzig_voorziening_na_po(ctx: AppContext, actor: Actor, voorziening_id: int, invoer: VoorzieningInvoer, *,
                             versie: int | None = None) -> int:
    """Adjust a provision of the change request that a "gewijzigd" PO started (copied from what ran): the new
    scope, provider, dates or decision that the herziening will state. Returns the provision's new version.

    Only while the request is open and its decision (if made) is still a concept or returned; the decision line
    follows the provision's decision and reasons. There is no investigation here, so no link to its needs.
    """
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        vz = haal(s, m.Voorziening, voorziening_id, "Voorziening")
        a = haal(s, m.Aanvraag, vz.aanvraag_id, "Aanvraag")
        vereis_team(actor, a.team_id)
        controleer_versie(vz, versie)
        if a.aanleiding_po_id is None or a.onderzoek_id is not None:
            raise RegelFout("Deze voorziening hoort bij een onderzoek; wijzig haar in stap 7 van dat onderzoek.")
        if vz.status != VoorzieningStatus.CONCEPT.value or a.status != AanvraagStatus.OPEN.value:
            raise RegelFout("Over deze voorziening is al besloten; wijzigen kan alleen met een nieuwe aanvraag.")
        b = a.beschikking
        if b is not None and b.status not in (BeschikkingStatus.CONCEPT.value, BeschikkingStatus.TERUGGESTUURD.value):
            raise RegelFout("De beschikking ligt bij de toetser of is goedgekeurd; de voorziening ligt nu vast.")
        wet = Wet(vz.wet)
        producten: dict[int, ProductInfo] = {}
        p = s.get(m.Product, invoer.product_id) if invoer.product_id is not None else None
        if p is not None:
            producten[p.id] = ProductInfo(p.id, p.code, p.naam, p.wet, p.productcategorie, p.niveau, p.tarief,
                                          p.eenheid, p.actief, p.plan_nodig)
        actief = {x for x in [invoer.aanbieder_id] if x is not None
                  and (ab := s.get(m.Aanbieder, x)) is not None and ab.actief}
        g = vr.valideer_voorziening(invoer, wet=wet, producten=producten, actieve_aanbieders=actief,
                                    po_maximum_maanden=_max(ctx),
                                    jeugd_maximum_maanden=ctx.config.termijnen.jeugd_maximum_maanden,
                                    plan_termijn_dagen=ctx.config.termijnen.plan_termijn_dagen)
        po = s.get(m.PeriodiekOnderzoek, a.aanleiding_po_id)
        oud = s.get(m.Voorziening, po.voorziening_id) if po is not None else None
        if oud is not None and g.besluit in duur.TOEGEKEND and intrekking.is_verlaging(
                oud.volume, oud.eenheid, oud.frequentie, g.volume, g.eenheid, g.frequentie):
            # Sent today at the earliest, the lower scope starts after the transition period (art. 2.3.10 Wmo).
            fouten = intrekking.verlaging_fouten(g.startdatum, verzonden_op=dt.date.today(),
                                                 overgang_weken=ctx.config.besluiten.overgangstermijn_weken)
            if fouten:
                raise ValidatieFout(fouten)
        vz.productcategorie, vz.product_id = g.productcategorie, g.product.id
        vz.volume, vz.eenheid, vz.frequentie = g.volume, g.eenheid, g.frequentie
        vz.startdatum, vz.einddatum, vz.po_datum = g.startdatum, g.einddatum, g.po_datum
        vz.leveringsvorm, vz.aanbieder_id, vz.pgb_bedrag = g.leveringsvorm, g.aanbieder_id, g.pgb_bedrag
        vz.pgb_periode = g.pgb_periode
        vz.beoogd_resultaat, vz.motivering, vz.besluit = g.beoogd_resultaat, g.motivering, g.besluit
        vz.plan_verwacht, vz.plan_verwacht_op = g.plan_verwacht, g.plan_verwacht_op
        if b is not None:
            for regel in b.regels:
                if regel.voorziening_id == vz.id:
                    regel.besluit, regel.motivering = g.besluit, g.motivering
            flag_modified(b, "bijlagen")  # bumps the decision's version: the letter changed
        s.flush()
        audit(s, actor, AuditActie.WIJZIGEN, "voorziening", vz.id, client_id=vz.client_id,
              details=f"{g.productcategorie}/{g.product.code}/{g.leveringsvorm}")
        return vz.versie


def vervangen_voorzieningen(s: Session, nieuw: m.Voorziening) -> list[m.Voorziening]:
    """The running provisions that `nieuw` (a provision of a later request) replaces: same client, law and product
    (or product category when it has no product), granted and running, from another request, started before the
    new one and not ended before it starts. Used for the default decision type (herziening) and when it is sent."""
    product = (m.Voorziening.product_id == nieuw.product_id if nieuw.product_id is not None
               else m.Voorziening.productcategorie == nieuw.productcategorie)
    return list(s.scalars(select(m.Voorziening).where(
        m.Voorziening.client_id == nieuw.client_id, m.Voorziening.wet == nieuw.wet, product,
        m.Voorziening.aanvraag_id != nieuw.aanvraag_id, m.Voorziening.status.in_(LOPEND),
        m.Voorziening.besluit.in_(duur.TOEGEKEND), m.Voorziening.startdatum < nieuw.startdatum,
        or_(m.Voorziening.einddatum.is_(None), m.Voorziening.einddatum >= nieuw.startdatum),
    ).order_by(m.Voorziening.id)).all())


def sluit_vervangen_af(s: Session, b: m.Beschikking, *, verzonden_op: dt.date,
                       actor: Actor | None = None) -> tuple[int, ...]:
    """What a decision that has just been sent ends: to be called where a decision becomes final (sending), in the
    same transaction, after the new provisions were activated. Returns the ids of the provisions it ended.

    * herziening: each provision a granted line replaces (`vervangen_voorzieningen`) ends the day before its
      successor starts; the old planned re-examinations lapse, since the new provision brings its own (no double
      PO, no support running on twice). The consultant assigned to the lapsed PO keeps the new PO;
    * beëindiging: the ended provision stays ended (or running until its end date), never "besloten" again, and
      no re-examination stays planned for it.
    """
    from consulent_app.domain import BeschikkingType

    beeindigd: list[int] = []

    def eindig(oud: m.Voorziening, laatste_dag: dt.date) -> int | None:
        """End `oud`; returns the consultant of a planned PO that lapsed (if any)."""
        consulent: int | None = None
        if oud.einddatum is None or oud.einddatum > laatste_dag:
            oud.einddatum = laatste_dag
        oud.beeindigd_op = oud.einddatum
        oud.po_datum = None
        oud.status = (VoorzieningStatus.BEEINDIGD if oud.einddatum < verzonden_op
                      else VoorzieningStatus.ACTIEF).value
        for po in s.scalars(select(m.PeriodiekOnderzoek).where(
                m.PeriodiekOnderzoek.voorziening_id == oud.id,
                m.PeriodiekOnderzoek.status == POStatus.GEPLAND.value)):
            po.status = POStatus.AFGEROND.value
            po.afgerond_op = verzonden_op
            po.einddatum = oud.einddatum
            po.verslag = f"Vervallen: beschikking {b.kenmerk} beslist over deze voorziening."
            consulent = consulent or po.consulent_id
            audit(s, actor, AuditActie.WIJZIGEN, "periodiek_onderzoek", po.id, client_id=po.client_id,
                  details=f"vervallen door beschikking#{b.id}")
        beeindigd.append(oud.id)
        audit(s, actor, AuditActie.WIJZIGEN, "voorziening", oud.id, client_id=oud.client_id,
              details=f"einddatum,status={oud.status},door beschikking#{b.id}")
        return consulent

    if b.type == BeschikkingType.BEEINDIGING.value:
        # The one place an ending takes effect: the last day the sent decision states.
        for regel in b.regels:
            vz = s.get(m.Voorziening, regel.voorziening_id)
            laatste = regel.einddatum or (vz.einddatum if vz is not None else None)
            if vz is not None and laatste is not None:
                eindig(vz, laatste)
    elif b.type == BeschikkingType.HERZIENING.value:
        for regel in b.regels:
            nieuw = s.get(m.Voorziening, regel.voorziening_id)
            if nieuw is None or nieuw.aanvraag_id != b.aanvraag_id or regel.besluit not in duur.TOEGEKEND:
                continue  # a refused line changes nothing: what runs keeps running
            for oud in vervangen_voorzieningen(s, nieuw):
                consulent = eindig(oud, nieuw.startdatum - dt.timedelta(days=1))
                if consulent is None:
                    continue
                # Continuity: whoever was to re-examine the old provision re-examines its successor.
                for po in s.scalars(select(m.PeriodiekOnderzoek).where(
                        m.PeriodiekOnderzoek.voorziening_id == nieuw.id,
                        m.PeriodiekOnderzoek.status == POStatus.GEPLAND.value,
                        m.PeriodiekOnderzoek.consulent_id.is_(None))):
                    g = s.get(m.Gebruiker, consulent)
                    if g is not None and g.actief and (po.team_id is None or g.team_id == po.team_id):
                        po.consulent_id = consulent
                        audit(s, actor, AuditActie.WIJZIGEN, "periodiek_onderzoek", po.id, client_id=po.client_id,
                              details=f"toegewezen: overgenomen van voorziening#{oud.id}")
    return tuple(beeindigd)


# --------------------------------------------------------------------------------------------------------------
# Planning lists
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PoRegel:
    """One line of the PO planning list: a planned PO or an end date coming due (or overdue)."""

    soort: str  # po / einddatum
    id: int  # PO id or voorziening id
    versie: int
    voorziening_id: int
    client_id: int
    client: str
    product: str
    datum: dt.date
    maand: dt.date  # first day of the month of `datum`
    consulent_id: int | None
    consulent: str | None
    team_id: int | None
    achterstallig: bool

    @property
    def soort_tekst(self) -> str:
        return "Periodiek onderzoek" if self.soort == "po" else "Einddatum voorziening"

    @property
    def status_tekst(self) -> str:
        if self.achterstallig:
            return "te laat" if self.soort == "po" else "einddatum verstreken"
        return "gepland" if self.soort == "po" else "loopt af"


@dataclass(frozen=True)
class PoMaand:
    maand: dt.date
    label: str  # "december 2026"
    po: int
    einddatum: int


@dataclass(frozen=True)
class PoOverzicht:
    regels: list[PoRegel]
    maanden: list[PoMaand]
    achterstallig_po: int
    achterstallig_einddatum: int
    maanden_vooruit: int = 12
    teams: list[int] = field(default_factory=list)


def maand_label(maand: dt.date) -> str:
    return format_date(maand, "MMMM y", locale=LOCALE)


def po_overzicht(ctx: AppContext, actor: Actor, *, team_id: int | None = None, consulent_id: int | None = None,
                 alleen_niet_toegewezen: bool = False, maanden: int = 12,
                 vandaag: dt.date | None = None) -> PoOverzicht:
    """POs and end dates coming due per month for the next `maanden` months, and overdue ones.

    A consultant sees their own; planners and team leaders see their team(s), optionally one consultant.
    """
    vereis_rol(actor, Rol.CONSULENT, *PLANNERS)
    vandaag = vandaag or dt.date.today()
    if actor.rol is Rol.CONSULENT:
        consulent_id, teams = actor.gebruiker_id, None
    else:
        teams = {team_id} if team_id is not None else set(actor.teams)
        for t in teams:
            vereis_team(actor, t)
    kolommen = regels.maanden_vooruit(vandaag, maanden)
    tot = kolommen[-1] + relativedelta(months=1)
    with transactie(ctx, actor) as s:
        namen = dict(s.execute(select(m.Gebruiker.id, m.Gebruiker.naam)).all())
        # Plain columns, not ORM entities: a 7-team list holds tens of thousands of rows.
        po_t, vz_t, c_t = m.PeriodiekOnderzoek, m.Voorziening, m.Client
        naam_kol = (c_t.id, c_t.voornamen, c_t.tussenvoegsel, c_t.achternaam)
        q_po = (select(po_t.id, po_t.versie, po_t.voorziening_id, po_t.geplande_datum, po_t.consulent_id,
                       po_t.team_id, *naam_kol, m.Product.naam, vz_t.productcategorie)
                .join(c_t, c_t.id == po_t.client_id)
                .join(vz_t, vz_t.id == po_t.voorziening_id)
                .outerjoin(m.Product, m.Product.id == vz_t.product_id)
                .where(po_t.status == POStatus.GEPLAND.value, po_t.geplande_datum < tot))
        q_eind = (select(vz_t.id, vz_t.versie, vz_t.einddatum, vz_t.status, vz_t.beeindigd_op, m.Aanvraag.consulent_id,
                         c_t.team_id,
                         *naam_kol, m.Product.naam, vz_t.productcategorie)
                  .join(c_t, c_t.id == vz_t.client_id)
                  .join(m.Aanvraag, m.Aanvraag.id == vz_t.aanvraag_id)
                  .outerjoin(m.Product, m.Product.id == vz_t.product_id)
                  .where(vz_t.status.in_(LOPEND), vz_t.besluit.in_(duur.TOEGEKEND),
                         vz_t.einddatum.is_not(None), vz_t.einddatum < tot))
        if consulent_id is not None:
            q_po = q_po.where(po_t.consulent_id == consulent_id)
            q_eind = q_eind.where(m.Aanvraag.consulent_id == consulent_id)
        if alleen_niet_toegewezen:
            q_po = q_po.where(po_t.consulent_id.is_(None))
        if teams is not None:
            q_po = q_po.where(po_t.team_id.in_(teams))
            q_eind = q_eind.where(c_t.team_id.in_(teams))
        out: list[PoRegel] = []
        for pid, versie, vid, datum, cid, tid, klant, vn, tv, an, pnaam, cat in s.execute(q_po).all():
            out.append(PoRegel("po", pid, versie, vid, klant, volledige_naam(vn, tv, an), pnaam or cat, datum,
                               datum.replace(day=1), cid, namen.get(cid) if cid else None, tid, datum < vandaag))
        if not alleen_niet_toegewezen:
            for vid, versie, eind, status, geeindigd, cid, tid, klant, vn, tv, an, pnaam, cat in \
                    s.execute(q_eind).all():
                # "einddatum verstreken": past its end date with no follow-up. One ended on purpose (a PO that
                # ended it, or a decision that replaced it: beeindigd_op) had its follow-up.
                if eind is None or (eind < vandaag and (status != VoorzieningStatus.ACTIEF.value
                                                        or geeindigd is not None)):
                    continue
                out.append(PoRegel("einddatum", vid, versie, vid, klant, volledige_naam(vn, tv, an), pnaam or cat,
                                   eind, eind.replace(day=1), cid, namen.get(cid) if cid else None, tid,
                                   eind < vandaag))
        out.sort(key=lambda r: (r.datum, r.client, r.soort))
        telling: dict[tuple[dt.date, str], int] = {}
        for r in out:
            if not r.achterstallig:
                telling[(r.maand, r.soort)] = telling.get((r.maand, r.soort), 0) + 1
        per_maand = [PoMaand(k, maand_label(k), telling.get((k, "po"), 0), telling.get((k, "einddatum"), 0))
                     for k in kolommen]
        audit_lijst(s, actor, "po_overzicht", client_ids_van(out),
                    filter=";".join(f for f in (f"teams={'+'.join(map(str, sorted(teams)))}" if teams else "",
                                                f"consulent={consulent_id}" if consulent_id else "",
                                                "niet_toegewezen" if alleen_niet_toegewezen else "",
                                                f"maanden={maanden}") if f))
        return PoOverzicht(out, per_maand, sum(1 for r in out if r.achterstallig and r.soort == "po"),
                           sum(1 for r in out if r.achterstallig and r.soort == "einddatum"), maanden,
                           sorted(teams) if teams else [])


# --------------------------------------------------------------------------------------------------------------
# Provider plans (plan van aanpak / gezinsplan)
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanRegel:
    voorziening_id: int
    versie: int
    client_id: int
    client: str
    product: str
    aanbieder: str | None
    plan: str  # "Plan van aanpak" / "Gezinsplan"
    verwacht_op: dt.date
    dagen_te_laat: int
    consulent: str | None


def registreer_plan(ctx: AppContext, actor: Actor, voorziening_id: int, *,
                    plan_verwacht_op: dt.date | None = None, plan_ontvangen_op: dt.date | None = None,
                    versie: int | None = None, vandaag: dt.date | None = None) -> int:
    """Record when the provider's plan is expected and/or when it arrived. Returns the new version."""
    vereis_rol(actor, Rol.CONSULENT, *PLANNERS)
    vandaag = vandaag or dt.date.today()
    if plan_verwacht_op is None and plan_ontvangen_op is None:
        raise ValidatieFout.veld("plan_verwacht_op", "Vul de verwachte datum of de ontvangstdatum van het plan in.")
    if plan_ontvangen_op is not None and plan_ontvangen_op > vandaag:
        raise ValidatieFout.veld("plan_ontvangen_op", "De ontvangstdatum mag niet in de toekomst liggen.")
    with transactie(ctx, actor) as s:
        vz = haal(s, m.Voorziening, voorziening_id, "Voorziening")
        c = haal(s, m.Client, vz.client_id, "Cliënt")
        vereis_team(actor, c.team_id)
        controleer_versie(vz, versie)
        gewijzigd = []
        if plan_verwacht_op is not None and vz.plan_verwacht_op != plan_verwacht_op:
            keuze = aanbiederplan.bepaal_plan(  # the same rule as step 7: never before the start
                wet=vz.wet, plan_nodig=True, toegekend=True, verwacht=True, verwacht_op=plan_verwacht_op,
                startdatum=vz.startdatum, dagen=ctx.config.termijnen.plan_termijn_dagen)
            vz.plan_verwacht, vz.plan_verwacht_op = keuze.verwacht, keuze.verwacht_op
            gewijzigd.append("plan_verwacht_op")
        if plan_ontvangen_op is not None and vz.plan_ontvangen_op != plan_ontvangen_op:
            vz.plan_ontvangen_op = plan_ontvangen_op
            gewijzigd.append("plan_ontvangen_op")
        s.flush()
        if gewijzigd:
            audit(s, actor, AuditActie.WIJZIGEN, "voorziening", vz.id, client_id=c.id, details=",".join(gewijzigd))
        return vz.versie


def openstaande_plannen(ctx: AppContext, actor: Actor, *, team_id: int | None = None,
                        vandaag: dt.date | None = None) -> list[PlanRegel]:
    """Provider plans that should have arrived and have not: the consultant's own, or a team's. Oldest first."""
    vereis_rol(actor, Rol.CONSULENT, *PLANNERS)
    vandaag = vandaag or dt.date.today()
    q = (select(m.Voorziening, m.Client, m.Product.naam, m.Aanbieder.naam, m.Aanvraag.consulent_id)
         .join(m.Client, m.Client.id == m.Voorziening.client_id)
         .join(m.Aanvraag, m.Aanvraag.id == m.Voorziening.aanvraag_id)
         .outerjoin(m.Product, m.Product.id == m.Voorziening.product_id)
         .outerjoin(m.Aanbieder, m.Aanbieder.id == m.Voorziening.aanbieder_id)
         .where(m.Voorziening.plan_verwacht_op < vandaag, m.Voorziening.plan_ontvangen_op.is_(None),
                m.Voorziening.status.in_(LOPEND)))
    if actor.rol is Rol.CONSULENT:
        q = q.where(m.Aanvraag.consulent_id == actor.gebruiker_id)
    else:
        teams = {team_id} if team_id is not None else set(actor.teams)
        for t in teams:
            vereis_team(actor, t)
        q = q.where(m.Client.team_id.in_(teams))
    with transactie(ctx, actor) as s:
        namen = dict(s.execute(select(m.Gebruiker.id, m.Gebruiker.naam)).all())
        out = []
        for vz, c, pnaam, anaam, cid in s.execute(q.order_by(m.Voorziening.plan_verwacht_op)).all():
            assert vz.plan_verwacht_op is not None
            out.append(PlanRegel(vz.id, vz.versie, c.id, volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam),
                                 pnaam or vz.productcategorie, anaam,
                                 aanbiederplan.plan_naam(vz.wet), vz.plan_verwacht_op,
                                 (vandaag - vz.plan_verwacht_op).days, namen.get(cid) if cid else None))
        audit_lijst(s, actor, "openstaande_plannen", client_ids_van(out),
                    filter=f"team={team_id}" if team_id is not None else None)
        return out


@dataclass(frozen=True)
class ConsulentKeuze:
    id: int
    naam: str
    geplande_po: int


def consulenten_voor_po(ctx: AppContext, actor: Actor, team_id: int) -> list[ConsulentKeuze]:
    """For the assign dialog: the team's consultants with their number of planned POs."""
    vereis_rol(actor, *PLANNERS)
    vereis_team(actor, team_id)
    with transactie(ctx, actor) as s:
        gebruikers = s.scalars(select(m.Gebruiker).where(
            m.Gebruiker.team_id == team_id, m.Gebruiker.rol == Rol.CONSULENT.value, m.Gebruiker.actief)
            .order_by(m.Gebruiker.naam)).all()
        tellingen = dict(s.execute(
            select(m.PeriodiekOnderzoek.consulent_id, func.count())
            .where(m.PeriodiekOnderzoek.status == POStatus.GEPLAND.value)
            .group_by(m.PeriodiekOnderzoek.consulent_id)).all())
        return [ConsulentKeuze(g.id, g.naam, int(tellingen.get(g.id, 0))) for g in gebruikers]
