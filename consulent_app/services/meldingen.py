"""Meldingen: registering a report of a need, assigning it, and the role home lists built on them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from consulent_app.db import models as m
from consulent_app.domain import AuditActie, BeschikkingStatus, Kanaal, MeldingSoort, MeldingStatus, Rol, Wet
from consulent_app.errors import RegelFout, ValidatieFout
from consulent_app.rules import validatie as v
from consulent_app.rules.aanvraag import ZONDER_ONDERZOEK_TEKST
from consulent_app.services import termijnbewaking
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
from consulent_app.services.dossiers import persoonlijk_plan_termijn, volledige_naam


def registreer_melding(ctx: AppContext, actor: Actor, *, client_id: int, wet: str, datum: dt.date | None,
                       kanaal: str, vraag: str, verwijzer: str | None = None,
                       soort: str = MeldingSoort.NIEUW.value, consulent_id: int | None = None,
                       vandaag: dt.date | None = None) -> int:
    vereis_rol(actor, Rol.CONSULENT, Rol.PLANNER)
    vandaag = vandaag or dt.date.today()
    fouten = v.Fouten()
    data: dict[str, object] = {}
    for veld, fn in (
        ("wet", lambda: v.keuze(wet, Wet, "wet", "Wet")),
        ("kanaal", lambda: v.keuze(kanaal, Kanaal, "kanaal", "Kanaal")),
        ("soort", lambda: v.keuze(soort, MeldingSoort, "soort", "Soort")),
        ("datum", lambda: v.datum_niet_in_toekomst(datum, vandaag, "datum", "Meldingsdatum")),
        ("vraag", lambda: v.verplichte_tekst(vraag, "vraag", "Vraag", max_lengte=4000, meerdere_regels=True)),
        ("verwijzer", lambda: v.tekst(verwijzer, "verwijzer", "Verwijzer")),
    ):
        try:
            data[veld] = fn()
        except ValidatieFout as exc:
            for k, msg in exc.fouten.items():
                fouten.add(k, msg)
    fouten.check()
    with transactie(ctx, actor) as s:
        c = haal(s, m.Client, client_id, "Cliënt")
        vereis_team(actor, c.team_id)
        if consulent_id is None and actor.rol is Rol.CONSULENT:
            consulent_id = actor.gebruiker_id
        me = maak_melding(s, ctx, actor, c, wet=Wet(str(data["wet"])), datum=data["datum"],  # type: ignore[arg-type]
                          kanaal=str(data["kanaal"]), vraag=str(data["vraag"]),
                          verwijzer=data["verwijzer"], soort=str(data["soort"]),  # type: ignore[arg-type]
                          consulent_id=consulent_id)
        return me.id


def maak_melding(s: Session, ctx: AppContext, actor: Actor | None, c: m.Client, *, wet: Wet, datum: dt.date,
                 kanaal: str, vraag: str, verwijzer: str | None, soort: str,
                 consulent_id: int | None) -> m.Melding:
    """The melding itself, inside the caller's transaction and with validated values: its investigation term
    (art. 2.3.2 lid 1 Wmo 2015, none for the Jeugdwet) computed the one way, audited. Used by `registreer_melding`
    and by a provider's request taken into investigation (berichten.beantwoord_verzoek)."""
    if consulent_id is not None:
        controleer_consulent(s, consulent_id, c.team_id, "meldingen")
    me = m.Melding(
        client_id=c.id, team_id=c.team_id, wet=wet.value, soort=soort, datum=datum, kanaal=kanaal,
        verwijzer=verwijzer, vraag=vraag, consulent_id=consulent_id,
        status=(MeldingStatus.TOEGEWEZEN if consulent_id else MeldingStatus.NIEUW).value,
        onderzoekstermijn_einde=termijnbewaking.onderzoekstermijn_einde(ctx, wet, datum),
    )
    s.add(me)
    s.flush()
    audit(s, actor, AuditActie.AANMAKEN, "melding", me.id, client_id=c.id, details=wet.value)
    return me


def wijs_melding_toe(ctx: AppContext, actor: Actor, melding_id: int, consulent_id: int, *,
                     versie: int | None = None) -> None:
    """Planner assigns (or reassigns) a melding to a consultant of the client's team; recorded in history."""
    vereis_rol(actor, Rol.PLANNER, Rol.TEAMLEIDER)
    with transactie(ctx, actor) as s:
        me = haal(s, m.Melding, melding_id, "Melding")
        vereis_team(actor, me.team_id)
        controleer_versie(me, versie)
        if me.status in (MeldingStatus.AFGEROND.value, MeldingStatus.INGETROKKEN.value):
            raise RegelFout("Deze melding is al afgerond en kan niet meer worden toegewezen.")
        controleer_consulent(s, consulent_id, me.team_id, "meldingen")
        vorige = me.consulent_id
        me.consulent_id = consulent_id
        if me.status == MeldingStatus.NIEUW.value:
            me.status = MeldingStatus.TOEGEWEZEN.value
        onderzoek = s.scalar(select(m.Onderzoek).where(m.Onderzoek.melding_id == me.id))
        if onderzoek is not None:
            onderzoek.consulent_id = consulent_id
            # The request of this investigation (and its decision term) moves along to the new consultant.
            if onderzoek.aanvraag is not None and onderzoek.aanvraag.status in ("concept", "open"):
                onderzoek.aanvraag.consulent_id = consulent_id
        # So does a request filed on this melding before an investigation started (Wmo 2015 art. 2.3.5 lid 2).
        for a in s.scalars(select(m.Aanvraag).where(m.Aanvraag.melding_id == me.id,
                                                     m.Aanvraag.status.in_(("concept", "open")))):
            a.consulent_id = consulent_id
        audit(s, actor, AuditActie.WIJZIGEN, "melding", me.id, client_id=me.client_id,
              details=f"toegewezen: gebruiker#{vorige or '-'} -> gebruiker#{consulent_id}")


@dataclass(frozen=True)
class WerkItem:
    """One line in a role's home list."""

    soort: str  # melding / onderzoek / aanvraag / po / beschikking / verzoek
    id: int
    client_id: int
    client: str
    wet: str
    omschrijving: str
    datum: dt.date
    termijn_einde: dt.date | None
    status: str
    consulent: str | None = None
    geschatte_uren: Decimal | None = None
    # Wmo 2015 art. 2.3.2 lid 2: last day for the client's persoonlijk plan, while none was received (melding and
    # investigation lines only).
    persoonlijk_plan_uiterlijk: dt.date | None = None
    zonder_onderzoek: bool = False  # a request filed without a completed investigation (art. 2.3.5 lid 2 Wmo)
    # An open request: the status of its decision (concept, ter_toetsing, goedgekeurd...). Its term runs until the
    # decision is sent (Awb 3:41, 4:13): approval does not decide the request.
    beschikking_status: str | None = None
    onderzoek_id: int | None = None  # a returned decision: the investigation to amend (None: a PO's request)
    toetser: str | None = None  # a returned decision: who returned it


def _sorteer_op_risico(items: list[WerkItem]) -> list[WerkItem]:
    """Oldest risk first: the nearest legal end date on top, items without a term after them by age."""
    return sorted(items, key=lambda w: (w.termijn_einde is None, w.termijn_einde or w.datum, w.datum))


def mijn_werk(ctx: AppContext, actor: Actor) -> list[WerkItem]:
    """The consultant's own open meldingen/onderzoeken and aanvragen with their legal due dates."""
    vereis_rol(actor, Rol.CONSULENT)
    open_st = (MeldingStatus.NIEUW.value, MeldingStatus.TOEGEWEZEN.value, MeldingStatus.IN_ONDERZOEK.value)
    with transactie(ctx, actor) as s:
        rows = s.execute(
            select(m.Melding, m.Client, m.Aanvraag, m.Onderzoek.id)
            .join(m.Client, m.Client.id == m.Melding.client_id)
            .outerjoin(m.Onderzoek, m.Onderzoek.melding_id == m.Melding.id)
            .outerjoin(m.Aanvraag, or_(m.Aanvraag.onderzoek_id == m.Onderzoek.id,
                                       m.Aanvraag.melding_id == m.Melding.id))
            .where(m.Melding.consulent_id == actor.gebruiker_id, m.Melding.status.in_(open_st))
        ).all()
        losse = s.execute(
            select(m.Aanvraag, m.Client, m.Melding.vraag)
            .join(m.Client, m.Client.id == m.Aanvraag.client_id)
            .outerjoin(m.Onderzoek, m.Onderzoek.id == m.Aanvraag.onderzoek_id)
            .outerjoin(m.Melding, m.Melding.id == func.coalesce(m.Onderzoek.melding_id, m.Aanvraag.melding_id))
            .where(m.Aanvraag.consulent_id == actor.gebruiker_id, m.Aanvraag.status.in_(("concept", "open")),
                   or_(m.Melding.id.is_(None), m.Melding.consulent_id != actor.gebruiker_id,
                       m.Melding.status.not_in(open_st)))
        ).all()
        # a running suspension moves the end every day: those ends live, the rest as stored
        live_m, live_a = termijnbewaking.actuele_einden(
            s, ctx, melding_ids=[r[0].id for r in rows],
            aanvraag_ids=[r[2].id for r in rows if r[2] is not None] + [r[0].id for r in losse],
            vandaag=dt.date.today())
        # Where the decision on an open request stands: the request is decided only when it is sent.
        aids = [r[2].id for r in rows if r[2] is not None] + [r[0].id for r in losse]
        besch = dict(s.execute(select(m.Beschikking.aanvraag_id, m.Beschikking.status)
                               .where(m.Beschikking.aanvraag_id.in_(aids))).all()) if aids else {}
        items = []
        for me, c, aanvraag, onderzoek_id in rows:
            termijn = live_m.get(me.id, me.onderzoekstermijn_einde)
            soort, ident, status = "melding", me.id, MeldingStatus(me.status).label
            omschrijving = me.vraag[:120]
            plan = (persoonlijk_plan_termijn(ctx, me.wet, me.datum) if me.persoonlijk_plan_ontvangen is None
                    else None)
            if onderzoek_id is not None:
                soort, ident, status = "onderzoek", onderzoek_id, "In onderzoek"
            zonder = False
            if aanvraag is not None and aanvraag.status == "open":
                soort, ident, status = "aanvraag", aanvraag.id, "Aanvraag, besluit nodig"
                termijn = live_a.get(aanvraag.id, aanvraag.beslistermijn_einde)
                plan = None
                zonder = aanvraag.zonder_onderzoek
            items.append(WerkItem(soort, ident, c.id, volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam),
                                  me.wet, omschrijving, me.datum, termijn, status, persoonlijk_plan_uiterlijk=plan,
                                  zonder_onderzoek=zonder,
                                  beschikking_status=besch.get(aanvraag.id) if soort == "aanvraag" and aanvraag
                                  else None))
        # Requests not shown through an open melding above (`losse`): a change or an ending after a periodic
        # re-examination (no investigation of its own), and the request of a completed investigation (its melding is
        # closed, but the decision term runs until the decision is sent).
        for aanvraag, c, vraag in losse:
            if aanvraag.zonder_onderzoek:
                omschrijving = (vraag or ZONDER_ONDERZOEK_TEKST)[:120]
                status = "Aanvraag, besluit nodig"
            elif aanvraag.onderzoek_id is None:
                omschrijving = "Aanvraag na periodiek onderzoek" if aanvraag.aanleiding_po_id else "Aanvraag"
                status = "Aanvraag, besluit nodig"
            else:
                omschrijving = (vraag or "Aanvraag")[:120]
                status = ("Aanvraag, besluit nodig" if aanvraag.status == "open"
                          else "Verslag bij cliënt, reactie vastleggen")
            items.append(WerkItem("aanvraag", aanvraag.id, c.id,
                                  volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam), aanvraag.wet,
                                  omschrijving, aanvraag.datum, live_a.get(aanvraag.id, aanvraag.beslistermijn_einde),
                                  status, zonder_onderzoek=aanvraag.zonder_onderzoek,
                                  beschikking_status=besch.get(aanvraag.id) if aanvraag.status == "open" else None))
        po_rows = s.execute(
            select(m.PeriodiekOnderzoek, m.Client, m.Voorziening.wet)
            .join(m.Client, m.Client.id == m.PeriodiekOnderzoek.client_id)
            .join(m.Voorziening, m.Voorziening.id == m.PeriodiekOnderzoek.voorziening_id)
            .where(m.PeriodiekOnderzoek.consulent_id == actor.gebruiker_id,
                   m.PeriodiekOnderzoek.status == "gepland")
        ).all()
        for po, c, wet in po_rows:
            items.append(WerkItem("po", po.id, c.id, volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam),
                                  wet, "Periodiek onderzoek", po.geplande_datum, po.geplande_datum, "Gepland"))
        # Decisions the reviewer returned to this consultant: one "Teruggestuurd" line with the remarks, in place of
        # the request's "besluit nodig" (the decision is made; it needs fixing).
        laatste = (select(m.Toetsing.beschikking_id, func.max(m.Toetsing.id).label("tid"))
                   .group_by(m.Toetsing.beschikking_id).subquery())
        terug = s.execute(
            select(m.Beschikking, m.Aanvraag, m.Client, m.Toetsing, m.Gebruiker.naam)
            .join(m.Aanvraag, m.Aanvraag.id == m.Beschikking.aanvraag_id)
            .join(m.Client, m.Client.id == m.Beschikking.client_id)
            .join(laatste, laatste.c.beschikking_id == m.Beschikking.id)
            .join(m.Toetsing, m.Toetsing.id == laatste.c.tid)
            .join(m.Gebruiker, m.Gebruiker.id == m.Toetsing.toetser_id)
            .where(m.Beschikking.auteur_id == actor.gebruiker_id,
                   m.Beschikking.status == BeschikkingStatus.TERUGGESTUURD.value)).all()
        terug_aanvragen = {a.id for _b, a, _c, _t, _n in terug}
        items = [w for w in items if not (w.soort == "aanvraag" and w.id in terug_aanvragen)]
        for b, a, c, t, naam in terug:
            items.append(WerkItem("teruggestuurd", b.id, c.id, volledige_naam(c.voornamen, c.tussenvoegsel,
                                                                               c.achternaam),
                                  a.wet, (t.opmerkingen or "Teruggestuurd zonder opmerkingen")[:400],
                                  t.tijdstip.date(), live_a.get(a.id, a.beslistermijn_einde),
                                  f"Teruggestuurd door {naam}", onderzoek_id=a.onderzoek_id, toetser=naam))
        # Providers' requests (iWmo/iJw 315/317) for this consultant's clients: answer within five working days.
        verzoeken = s.execute(
            select(m.Verzoek, m.Client, m.Aanbieder.naam)
            .join(m.Client, m.Client.id == m.Verzoek.client_id)
            .outerjoin(m.Aanbieder, m.Aanbieder.id == m.Verzoek.aanbieder_id)
            .where(m.Verzoek.consulent_id == actor.gebruiker_id, m.Verzoek.status == "open")
        ).all()
        for v, c, aanbieder in verzoeken:
            wat = "Verzoek om toewijzing" if v.nummer == 315 else "Verzoek om wijziging"
            items.append(WerkItem("verzoek", v.id, c.id, volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam),
                                  v.wet, f"{wat} van {aanbieder or 'de aanbieder'}", v.ontvangen_op,
                                  v.antwoord_uiterlijk, "Verzoek aanbieder, antwoord nodig"))
        audit_lijst(s, actor, "mijn_werk", client_ids_van(items))
        return _sorteer_op_risico(items)


def werkvoorraad_team(ctx: AppContext, actor: Actor, team_id: int | None = None) -> list[WerkItem]:
    """Planner: the team's unassigned meldingen, oldest risk first."""
    vereis_rol(actor, Rol.PLANNER, Rol.TEAMLEIDER)
    teams = {team_id} if team_id is not None else set(actor.teams)
    for t in teams:
        vereis_team(actor, t)
    with transactie(ctx, actor) as s:
        rows = s.execute(
            select(m.Melding, m.Client)
            .join(m.Client, m.Client.id == m.Melding.client_id)
            .where(m.Melding.team_id.in_(teams), m.Melding.status == MeldingStatus.NIEUW.value)
        ).all()
        items = [
            WerkItem("melding", me.id, c.id, volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam), me.wet,
                     me.vraag[:120], me.datum, me.onderzoekstermijn_einde, MeldingStatus(me.status).label,
                     geschatte_uren=me.geschatte_uren)
            for me, c in rows
        ]
        audit_lijst(s, actor, "werkvoorraad", client_ids_van(items),
                    filter="teams=" + "+".join(map(str, sorted(teams))))
        return _sorteer_op_risico(items)


def beschikkingen_met_status(ctx: AppContext, actor: Actor, status: BeschikkingStatus) -> list[WerkItem]:
    """Reviewer: decisions waiting for review; administrative staff: approved decisions waiting to be sent."""
    if status is BeschikkingStatus.TER_TOETSING:
        vereis_rol(actor, Rol.TOETSER)
    elif status is BeschikkingStatus.GOEDGEKEURD:
        vereis_rol(actor, Rol.ADMINISTRATIEF)
    else:
        vereis_rol(actor, Rol.CONSULENT, Rol.TOETSER)
    with transactie(ctx, actor) as s:
        q = (
            select(m.Beschikking, m.Client, m.Aanvraag, m.Gebruiker.naam)
            .join(m.Client, m.Client.id == m.Beschikking.client_id)
            .join(m.Aanvraag, m.Aanvraag.id == m.Beschikking.aanvraag_id)
            .join(m.Gebruiker, m.Gebruiker.id == m.Beschikking.auteur_id)
            .where(m.Beschikking.status == status.value)
        )
        if actor.rol is not Rol.ADMINISTRATIEF:  # the mail room sends for every team; others see their own
            q = q.where(m.Client.team_id.in_(sorted(actor.teams)))
        if actor.rol is Rol.TOETSER:
            q = q.where(m.Beschikking.auteur_id != actor.gebruiker_id)
        rows = s.execute(q).all()
        items = [
            WerkItem("beschikking", b.id, c.id, volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam), a.wet,
                     f"Beschikking {b.kenmerk}", a.datum, a.beslistermijn_einde, BeschikkingStatus(b.status).label,
                     consulent=auteur)
            for b, c, a, auteur in rows
        ]
        audit_lijst(s, actor, "beschikkingen", client_ids_van(items), filter=f"status={status.value}")
        return _sorteer_op_risico(items)


@dataclass(frozen=True)
class ConsulentKeuze:
    id: int
    naam: str
    open_zaken: int


def consulenten_van_team(ctx: AppContext, actor: Actor, team_id: int) -> list[ConsulentKeuze]:
    """For the assign dialog: the team's consultants with their current number of open cases."""
    vereis_rol(actor, Rol.PLANNER, Rol.TEAMLEIDER)
    vereis_team(actor, team_id)
    open_st = (MeldingStatus.TOEGEWEZEN.value, MeldingStatus.IN_ONDERZOEK.value)
    with transactie(ctx, actor) as s:
        rows = s.execute(
            select(m.Gebruiker.id, m.Gebruiker.naam, func.count(m.Melding.id))
            .outerjoin(m.Melding, and_(m.Melding.consulent_id == m.Gebruiker.id, m.Melding.status.in_(open_st)))
            .where(m.Gebruiker.team_id == team_id, m.Gebruiker.rol == Rol.CONSULENT.value, m.Gebruiker.actief)
            .group_by(m.Gebruiker.id, m.Gebruiker.naam)
            .order_by(m.Gebruiker.naam)
        ).all()
        return [ConsulentKeuze(i, n, c) for i, n, c in rows]
