"""Planners and team leaders: the team's work queue, assigning work, load per consultant, capacity, look-ahead.

Counting happens in the database (GROUP BY); the norms of the 2020 report come from consulent_app.planning.
A 'case' in a consultant's load is one open melding (with its investigation and request), one open request
without an open melding, or one planned re-examination (PO) coming due within the planning horizon.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from consulent_app import planning
from consulent_app.db import models as m
from consulent_app.domain import AanvraagStatus, AuditActie, MeldingSoort, MeldingStatus, POStatus, Rol, Wet
from consulent_app.errors import RegelFout, ValidatieFout
from consulent_app.services import meldingen as meldingen_service
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
from consulent_app.services.dossiers import volledige_naam
from consulent_app.services.overzicht import (
    DRILL_LIMIET,
    Filter,
    actief_op,
    maand,
    maand_start,
    maanden_tussen,
    risicogrens,
    teams_in_bereik,
    volgende_maand,
)

PLANNERS = (Rol.PLANNER, Rol.TEAMLEIDER)
#: A planned PO enters the work queue and the load this many days before its date (time to visit and decide).
PO_HORIZON_DAGEN = 91
OPEN_MELDING = (MeldingStatus.TOEGEWEZEN.value, MeldingStatus.IN_ONDERZOEK.value)
#: A request is work until it is decided: "concept" after the investigation closed (the report is with the client,
#: her reaction and the formal request date are awaited), then "open" (decision term running).
LOPENDE_AANVRAAG = (AanvraagStatus.CONCEPT.value, AanvraagStatus.OPEN.value)


def normen_van(ctx: AppContext, normen: planning.Normen | None = None) -> planning.Normen:
    return normen or planning.Normen.uit_config(ctx.config.normen)


# ---------------------------------------------------------------------------------------------------------
# Werkvoorraad


@dataclass(frozen=True)
class Werkitem:
    """One case in the work queue or behind a consultant's load."""

    soort: str  # melding / aanvraag / po / verzoek
    id: int
    versie: int
    client_id: int
    client: str
    team_id: int | None
    team: str
    wet: str
    zaaksoort: str  # planning.ZAAKSOORTEN
    omschrijving: str
    datum: dt.date  # date of the melding or request; planned date of a PO
    leeftijd_dagen: int
    termijn_einde: dt.date | None
    geschatte_uren: float
    risico: bool  # legal term (or PO date) within the signal period or past
    consulent_id: int | None = None
    consulent: str | None = None

    @property
    def soort_label(self) -> str:
        return {"melding": "Melding", "aanvraag": "Aanvraag", "po": "Periodiek onderzoek",
                "verzoek": "Verzoek aanbieder"}[self.soort]

    @property
    def zaaksoort_label(self) -> str:
        return planning.ZAAKSOORT_LABELS[self.zaaksoort]


def _open_aanvraag_van(alias: Any) -> Any:
    """Join condition: the open request of a melding, through its investigation or filed on the melding itself
    (art. 2.3.5 lid 2 Wmo, before or during the investigation). Needs Melding and (outer-joined) Onderzoek."""
    return and_(alias.status == AanvraagStatus.OPEN.value,
                or_(alias.onderzoek_id == m.Onderzoek.id, alias.melding_id == m.Melding.id))


def _open_melding_van(alias: Any) -> Any:
    """Join condition: the still open melding of a request (via its investigation, or the one it was filed on)."""
    return and_(alias.id == func.coalesce(m.Onderzoek.melding_id, m.Aanvraag.melding_id),
                alias.status.in_((MeldingStatus.NIEUW.value, *OPEN_MELDING)))


def _werkitems(s: Session, ctx: AppContext, vandaag: dt.date, normen: planning.Normen, *, teams: list[int],
               filt: Filter, consulent_ids: list[int] | None, zaaksoort: str | None = None,
               alleen_risico: bool = False, po_horizon_dagen: int = PO_HORIZON_DAGEN,
               limiet: int | None = None) -> list[Werkitem]:
    """Work items: unassigned ones of `teams` (consulent_ids None) or the open cases of those consultants."""
    grens = risicogrens(ctx, vandaag)
    po_tot = vandaag + dt.timedelta(days=po_horizon_dagen)
    items: list[Werkitem] = []
    team_namen = dict(s.execute(select(m.Team.id, m.Team.naam)).all())
    gebruikers: dict[int, str] = {}
    if consulent_ids:
        gebruikers = dict(s.execute(select(m.Gebruiker.id, m.Gebruiker.naam)
                                    .where(m.Gebruiker.id.in_(consulent_ids))).all())

    def periode(kolom: Any) -> list[Any]:
        conds = []
        if filt.van:
            conds.append(kolom >= filt.van)
        if filt.tot:
            conds.append(kolom <= filt.tot)
        return conds

    def wil(wet: str, soort: str | None) -> bool:
        return zaaksoort is None or planning.zaaksoort(wet, soort) == zaaksoort

    # Meldingen: unassigned (status nieuw) or a consultant's open ones; the term is the open request's, if any.
    open_aanvraag = aliased(m.Aanvraag)
    q = (
        select(m.Melding, m.Client.voornamen, m.Client.tussenvoegsel, m.Client.achternaam,
               open_aanvraag.beslistermijn_einde, open_aanvraag.id)
        .join(m.Client, m.Client.id == m.Melding.client_id)
        .outerjoin(m.Onderzoek, m.Onderzoek.melding_id == m.Melding.id)
        .outerjoin(open_aanvraag, _open_aanvraag_van(open_aanvraag))
        .where(*periode(m.Melding.datum))
    )
    if consulent_ids is None:
        q = q.where(m.Melding.team_id.in_(teams), m.Melding.status == MeldingStatus.NIEUW.value)
    else:
        q = q.where(m.Melding.consulent_id.in_(consulent_ids), m.Melding.status.in_(OPEN_MELDING))
    if filt.wet:
        q = q.where(m.Melding.wet == filt.wet)
    if limiet:
        q = q.limit(limiet)
    def q2_bouw() -> Any:
        """Requests without an open melding (e.g. after a PO, or whose melding was closed)."""
        open_melding = aliased(m.Melding)
        q2 = (
            select(m.Aanvraag, m.Client.voornamen, m.Client.tussenvoegsel, m.Client.achternaam)
            .join(m.Client, m.Client.id == m.Aanvraag.client_id)
            .outerjoin(m.Onderzoek, m.Onderzoek.id == m.Aanvraag.onderzoek_id)
            .outerjoin(open_melding, _open_melding_van(open_melding))
            .where(m.Aanvraag.status.in_(LOPENDE_AANVRAAG), open_melding.id.is_(None),
                   *periode(m.Aanvraag.datum))
        )
        if consulent_ids is None:
            q2 = q2.where(m.Aanvraag.team_id.in_(teams), m.Aanvraag.consulent_id.is_(None))
        else:
            q2 = q2.where(m.Aanvraag.consulent_id.in_(consulent_ids))
        if filt.wet:
            q2 = q2.where(m.Aanvraag.wet == filt.wet)
        return q2.limit(limiet) if limiet else q2

    melding_rijen = [r for r in s.execute(q).all() if wil(r[0].wet, r[0].soort)]
    aanvraag_rijen = [r for r in s.execute(q2_bouw()).all() if wil(r[0].wet, r[0].soort)]
    # A running suspension moves a term's end every day: those ends are computed live (termijnbewaking).
    live_m, live_a = termijnbewaking.actuele_einden(
        s, ctx, melding_ids=[r[0].id for r in melding_rijen],
        aanvraag_ids=[r[5] for r in melding_rijen if r[5] is not None] + [r[0].id for r in aanvraag_rijen],
        vandaag=vandaag)
    for me, vn, tv, an, beslis, aid in melding_rijen:
        termijn = live_a.get(aid, beslis) if aid is not None else live_m.get(me.id, me.onderzoekstermijn_einde)
        zs = planning.zaaksoort(me.wet, me.soort)
        items.append(Werkitem(
            "melding", me.id, me.versie, me.client_id, volledige_naam(vn, tv, an), me.team_id,
            team_namen.get(me.team_id or 0, "-"), me.wet, zs, me.vraag[:120], me.datum, (vandaag - me.datum).days,
            termijn, normen.uren(zs), termijn is not None and termijn <= grens, me.consulent_id,
            gebruikers.get(me.consulent_id) if me.consulent_id else None))

    for a, vn, tv, an in aanvraag_rijen:
        zs = planning.zaaksoort(a.wet, a.soort)
        termijn = live_a.get(a.id, a.beslistermijn_einde)
        items.append(Werkitem(
            "aanvraag", a.id, a.versie, a.client_id, volledige_naam(vn, tv, an), a.team_id,
            team_namen.get(a.team_id or 0, "-"), a.wet, zs, f"Aanvraag: {MeldingSoort(a.soort).label.lower()}"
            if a.soort in {x.value for x in MeldingSoort} else "Aanvraag", a.datum, (vandaag - a.datum).days,
            termijn, normen.uren(zs), termijn is not None and termijn <= grens, a.consulent_id,
            gebruikers.get(a.consulent_id) if a.consulent_id else None))

    # Planned re-examinations coming due.
    if zaaksoort in (None, "po"):
        q3 = (
            select(m.PeriodiekOnderzoek, m.Client.voornamen, m.Client.tussenvoegsel, m.Client.achternaam,
                   m.Voorziening.wet, m.Product.naam)
            .join(m.Client, m.Client.id == m.PeriodiekOnderzoek.client_id)
            .join(m.Voorziening, m.Voorziening.id == m.PeriodiekOnderzoek.voorziening_id)
            .outerjoin(m.Product, m.Product.id == m.Voorziening.product_id)
            .where(m.PeriodiekOnderzoek.status == POStatus.GEPLAND.value,
                   m.PeriodiekOnderzoek.geplande_datum <= (filt.tot or po_tot))
        )
        if filt.van:
            q3 = q3.where(m.PeriodiekOnderzoek.geplande_datum >= filt.van)
        if consulent_ids is None:
            q3 = q3.where(m.PeriodiekOnderzoek.team_id.in_(teams), m.PeriodiekOnderzoek.consulent_id.is_(None))
        else:
            q3 = q3.where(m.PeriodiekOnderzoek.consulent_id.in_(consulent_ids))
        if filt.wet:
            q3 = q3.where(m.Voorziening.wet == filt.wet)
        if limiet:
            q3 = q3.limit(limiet)
        for po, vn, tv, an, wet, product in s.execute(q3).all():
            items.append(Werkitem(
                "po", po.id, po.versie, po.client_id, volledige_naam(vn, tv, an), po.team_id,
                team_namen.get(po.team_id or 0, "-"), wet, "po", f"Periodiek onderzoek {product or ''}".strip(),
                po.geplande_datum, (vandaag - po.geplande_datum).days, po.geplande_datum, normen.uren_po,
                po.geplande_datum <= grens, po.consulent_id,
                gebruikers.get(po.consulent_id) if po.consulent_id else None))
    # Providers' requests (iWmo/iJw 315/317) nobody handles yet: the chain's five working days to answer.
    if consulent_ids is None and zaaksoort in (None, "wijziging", "jeugd"):
        q4 = (
            select(m.Verzoek, m.Client.voornamen, m.Client.tussenvoegsel, m.Client.achternaam, m.Aanbieder.naam)
            .join(m.Client, m.Client.id == m.Verzoek.client_id)
            .outerjoin(m.Aanbieder, m.Aanbieder.id == m.Verzoek.aanbieder_id)
            .where(m.Verzoek.status == "open", m.Verzoek.consulent_id.is_(None), m.Verzoek.team_id.in_(teams),
                   *periode(m.Verzoek.ontvangen_op))
        )
        if filt.wet:
            q4 = q4.where(m.Verzoek.wet == filt.wet)
        if limiet:
            q4 = q4.limit(limiet)
        for v, vn, tv, an, aanbieder in s.execute(q4).all():
            if not wil(v.wet, "wijziging"):
                continue
            zs = planning.zaaksoort(v.wet, "wijziging")
            wat = "Verzoek om toewijzing" if v.nummer == 315 else "Verzoek om wijziging"
            items.append(Werkitem(
                "verzoek", v.id, v.versie, v.client_id or 0, volledige_naam(vn, tv, an), v.team_id,
                team_namen.get(v.team_id or 0, "-"), v.wet, zs, f"{wat} van {aanbieder or 'de aanbieder'}",
                v.ontvangen_op, (vandaag - v.ontvangen_op).days, v.antwoord_uiterlijk, normen.uren(zs),
                v.antwoord_uiterlijk <= grens))
    if alleen_risico:
        items = [w for w in items if w.risico]
    # Oldest risk first: nearest due date on top.
    return sorted(items, key=lambda w: (w.termijn_einde is None, w.termijn_einde or w.datum, w.datum, w.id))


def werkvoorraad(ctx: AppContext, actor: Actor, filt: Filter | None = None, *,
                 po_horizon_dagen: int = PO_HORIZON_DAGEN, normen: planning.Normen | None = None,
                 vandaag: dt.date | None = None) -> list[Werkitem]:
    """Per team: unassigned meldingen, requests and POs due within the horizon, nearest legal due date first."""
    vereis_rol(actor, *PLANNERS)
    filt = (filt or Filter()).gecontroleerd()
    teams = teams_in_bereik(actor, filt.team_id)
    vandaag = vandaag or dt.date.today()
    n = normen_van(ctx, normen)
    with transactie(ctx, actor) as s:
        items = _werkitems(s, ctx, vandaag, n, teams=teams, filt=filt, consulent_ids=None,
                           po_horizon_dagen=po_horizon_dagen)
        audit_lijst(s, actor, "werkvoorraad", client_ids_van(items), filter=f"teams={_teams_tekst(teams)}")
        return items


def _teams_tekst(teams: list[int]) -> str:
    return ",".join(str(t) for t in teams)[:200]


# ---------------------------------------------------------------------------------------------------------
# Toewijzen


def wijs_po_toe(ctx: AppContext, actor: Actor, po_id: int, consulent_id: int, *, versie: int | None = None) -> None:
    """Planner assigns (or reassigns) a planned re-examination to a consultant of the team; recorded in history."""
    vereis_rol(actor, *PLANNERS)
    with transactie(ctx, actor) as s:
        po = haal(s, m.PeriodiekOnderzoek, po_id, "Periodiek onderzoek")
        vereis_team(actor, po.team_id)
        controleer_versie(po, versie)
        if po.status != POStatus.GEPLAND.value:
            raise RegelFout("Dit periodiek onderzoek is al afgerond en kan niet meer worden toegewezen.")
        controleer_consulent(s, consulent_id, po.team_id, "periodieke onderzoeken")
        vorige = po.consulent_id
        po.consulent_id = consulent_id
        audit(s, actor, AuditActie.WIJZIGEN, "periodiek_onderzoek", po.id, client_id=po.client_id,
              details=f"toegewezen: gebruiker#{vorige or '-'} -> gebruiker#{consulent_id}")


def wijs_aanvraag_toe(ctx: AppContext, actor: Actor, aanvraag_id: int, consulent_id: int, *,
                      versie: int | None = None) -> None:
    """Planner assigns (or reassigns) an open request to a consultant of the team; recorded in history."""
    vereis_rol(actor, *PLANNERS)
    with transactie(ctx, actor) as s:
        a = haal(s, m.Aanvraag, aanvraag_id, "Aanvraag")
        vereis_team(actor, a.team_id)
        controleer_versie(a, versie)
        if a.status not in LOPENDE_AANVRAAG:
            raise RegelFout("Op deze aanvraag is al besloten (of hij is ingetrokken); toewijzen kan niet meer.")
        controleer_consulent(s, consulent_id, a.team_id, "aanvragen")
        vorige = a.consulent_id
        a.consulent_id = consulent_id
        audit(s, actor, AuditActie.WIJZIGEN, "aanvraag", a.id, client_id=a.client_id,
              details=f"toegewezen: gebruiker#{vorige or '-'} -> gebruiker#{consulent_id}")


def wijs_toe(ctx: AppContext, actor: Actor, soort: str, ident: int, consulent_id: int, *,
             versie: int | None = None) -> None:
    """Assign one work item (melding, aanvraag or po) to a consultant."""
    if soort == "melding":
        meldingen_service.wijs_melding_toe(ctx, actor, ident, consulent_id, versie=versie)
    elif soort == "aanvraag":
        wijs_aanvraag_toe(ctx, actor, ident, consulent_id, versie=versie)
    elif soort == "po":
        wijs_po_toe(ctx, actor, ident, consulent_id, versie=versie)
    elif soort == "verzoek":
        from consulent_app.services import berichten

        berichten.wijs_verzoek_toe(ctx, actor, ident, consulent_id, versie=versie)
    else:
        raise ValidatieFout.veld("soort", f"Onbekend soort werk '{soort}'.")


# ---------------------------------------------------------------------------------------------------------
# Belasting per consulent


@dataclass(frozen=True)
class ConsulentBelasting:
    consulent_id: int
    naam: str
    team_id: int
    aantallen: dict[str, int]  # per planning.ZAAKSOORTEN
    uren: float  # norm hours of the open cases
    contracturen: float | None
    nevenuren: float
    beschikbare_uren: float | None  # per week; None when it cannot be computed (see `fout`)
    weken: float | None
    procent: float | None
    risico: int  # cases whose legal term (or PO date) falls within the signal period or is past
    signaal: planning.Signaal | None
    fout: str | None = None  # Dutch message, e.g. no contract hours

    @property
    def totaal(self) -> int:
        return sum(self.aantallen.values())


@dataclass(frozen=True)
class TeamBelasting:
    team_id: int
    team: str
    consulenten: list[ConsulentBelasting]
    aantallen: dict[str, int]
    uren: float
    beschikbare_uren: float
    weken: float
    procent: float
    risico: int
    signaal: planning.Signaal
    planperiode_weken: float = planning.PLANPERIODE_WEKEN
    fte: float = 0.0

    @property
    def totaal(self) -> int:
        return sum(self.aantallen.values())


def _tellingen(s: Session, ctx: AppContext, consulent_ids: list[int], filt: Filter, vandaag: dt.date,
               po_horizon_dagen: int) -> tuple[dict[int, dict[str, int]], dict[int, int]]:
    """Open cases per consultant and kind, and cases at risk per consultant: three GROUP BY queries."""
    grens = risicogrens(ctx, vandaag)
    aantallen: dict[int, dict[str, int]] = {c: dict.fromkeys(planning.ZAAKSOORTEN, 0) for c in consulent_ids}
    risico: dict[int, int] = dict.fromkeys(consulent_ids, 0)
    if not consulent_ids:
        return aantallen, risico

    def periode(kolom: Any) -> list[Any]:
        return [c for c in ((kolom >= filt.van) if filt.van else None, (kolom <= filt.tot) if filt.tot else None)
                if c is not None]

    open_aanvraag = aliased(m.Aanvraag)
    termijn = func.coalesce(open_aanvraag.beslistermijn_einde, m.Melding.onderzoekstermijn_einde)
    # A case with a running suspension has a stale stored end: counted at risk below, with its end computed live.
    m_gesch = or_(termijnbewaking.lopende_opschorting(m.Melding.id),
                  termijnbewaking.lopende_opschorting(open_aanvraag.id, van_aanvraag=True))
    q1 = (
        select(m.Melding.consulent_id, m.Melding.wet, m.Melding.soort, func.count(),
               func.sum(case((and_(termijn <= grens, ~m_gesch), 1), else_=0)))
        .select_from(m.Melding)
        .outerjoin(m.Onderzoek, m.Onderzoek.melding_id == m.Melding.id)
        .outerjoin(open_aanvraag, _open_aanvraag_van(open_aanvraag))
        .where(m.Melding.consulent_id.in_(consulent_ids), m.Melding.status.in_(OPEN_MELDING),
               *periode(m.Melding.datum))
        .group_by(m.Melding.consulent_id, m.Melding.wet, m.Melding.soort)
    )
    q1_gesch = (
        select(m.Melding.consulent_id, m.Melding.id, m.Melding.onderzoekstermijn_einde, open_aanvraag.id,
               open_aanvraag.beslistermijn_einde)
        .select_from(m.Melding)
        .outerjoin(m.Onderzoek, m.Onderzoek.melding_id == m.Melding.id)
        .outerjoin(open_aanvraag, _open_aanvraag_van(open_aanvraag))
        .where(m.Melding.consulent_id.in_(consulent_ids), m.Melding.status.in_(OPEN_MELDING),
               *periode(m.Melding.datum), m_gesch)
    )
    open_melding = aliased(m.Melding)
    a_gesch = termijnbewaking.lopende_opschorting(m.Aanvraag.id, van_aanvraag=True)
    q2 = (
        select(m.Aanvraag.consulent_id, m.Aanvraag.wet, m.Aanvraag.soort, func.count(),
               func.sum(case((and_(m.Aanvraag.beslistermijn_einde <= grens, ~a_gesch), 1), else_=0)))
        .select_from(m.Aanvraag)
        .outerjoin(m.Onderzoek, m.Onderzoek.id == m.Aanvraag.onderzoek_id)
        .outerjoin(open_melding, _open_melding_van(open_melding))
        .where(m.Aanvraag.consulent_id.in_(consulent_ids), m.Aanvraag.status.in_(LOPENDE_AANVRAAG),
               open_melding.id.is_(None), *periode(m.Aanvraag.datum))
        .group_by(m.Aanvraag.consulent_id, m.Aanvraag.wet, m.Aanvraag.soort)
    )
    q2_gesch = (
        select(m.Aanvraag.consulent_id, literal(None), literal(None), m.Aanvraag.id, m.Aanvraag.beslistermijn_einde)
        .select_from(m.Aanvraag)
        .outerjoin(m.Onderzoek, m.Onderzoek.id == m.Aanvraag.onderzoek_id)
        .outerjoin(open_melding, _open_melding_van(open_melding))
        .where(m.Aanvraag.consulent_id.in_(consulent_ids), m.Aanvraag.status.in_(LOPENDE_AANVRAAG),
               open_melding.id.is_(None), *periode(m.Aanvraag.datum), a_gesch)
    )
    if filt.wet:
        q1 = q1.where(m.Melding.wet == filt.wet)
        q1_gesch = q1_gesch.where(m.Melding.wet == filt.wet)
        q2 = q2.where(m.Aanvraag.wet == filt.wet)
        q2_gesch = q2_gesch.where(m.Aanvraag.wet == filt.wet)
    for q in (q1, q2):
        for cid, wet, soort, n, r in s.execute(q).all():
            aantallen[cid][planning.zaaksoort(wet, soort)] += int(n)
            risico[cid] += int(r or 0)
    geschorst: list[tuple[Any, Any, Any, Any, Any]] = [
        (r[0], r[1], r[2], r[3], r[4]) for r in (*s.execute(q1_gesch).all(), *s.execute(q2_gesch).all())]
    if geschorst:
        live_m, live_a = termijnbewaking.actuele_einden(
            s, ctx, melding_ids=[r[1] for r in geschorst if r[1] is not None and r[3] is None],
            aanvraag_ids=[r[3] for r in geschorst if r[3] is not None], vandaag=vandaag)
        for cid, mid, m_einde, aid, a_einde in geschorst:
            einde = live_a.get(aid, a_einde) if aid is not None else live_m.get(mid, m_einde)
            if einde is not None and einde <= grens:
                risico[cid] += 1
    q3 = (
        select(m.PeriodiekOnderzoek.consulent_id, func.count(),
               func.sum(case((m.PeriodiekOnderzoek.geplande_datum <= grens, 1), else_=0)))
        .where(m.PeriodiekOnderzoek.consulent_id.in_(consulent_ids),
               m.PeriodiekOnderzoek.status == POStatus.GEPLAND.value,
               m.PeriodiekOnderzoek.geplande_datum <= (filt.tot or vandaag + dt.timedelta(days=po_horizon_dagen)))
        .group_by(m.PeriodiekOnderzoek.consulent_id)
    )
    if filt.van:
        q3 = q3.where(m.PeriodiekOnderzoek.geplande_datum >= filt.van)
    if filt.wet:
        q3 = q3.join(m.Voorziening, m.Voorziening.id == m.PeriodiekOnderzoek.voorziening_id).where(
            m.Voorziening.wet == filt.wet)
    for cid, n, r in s.execute(q3).all():
        aantallen[cid]["po"] += int(n)
        risico[cid] += int(r or 0)
    return aantallen, risico


def belasting(ctx: AppContext, actor: Actor, filt: Filter | None = None, *,
              po_horizon_dagen: int = PO_HORIZON_DAGEN, normen: planning.Normen | None = None,
              planperiode_weken: float = planning.PLANPERIODE_WEKEN,
              vandaag: dt.date | None = None) -> list[TeamBelasting]:
    """Per team and consultant: open cases by kind x norm hours, available hours a week, load in weeks and %."""
    vereis_rol(actor, *PLANNERS)
    filt = (filt or Filter()).gecontroleerd()
    teams = teams_in_bereik(actor, filt.team_id)
    vandaag = vandaag or dt.date.today()
    n = normen_van(ctx, normen)
    planning.belasting_procent(0, planperiode_weken)  # validates the period
    with transactie(ctx, actor) as s:
        team_namen = dict(s.execute(select(m.Team.id, m.Team.naam).where(m.Team.id.in_(teams))).all())
        mensen = s.execute(
            select(m.Gebruiker.id, m.Gebruiker.naam, m.Gebruiker.team_id, m.Gebruiker.contracturen,
                   m.Gebruiker.nevenuren)
            .where(m.Gebruiker.team_id.in_(teams), m.Gebruiker.rol == Rol.CONSULENT.value, m.Gebruiker.actief)
            .order_by(m.Gebruiker.naam)
        ).all()
        aantallen, risico = _tellingen(s, ctx, [p[0] for p in mensen], filt, vandaag, po_horizon_dagen)
        audit(s, actor, AuditActie.LEZEN, "belasting", None, details=f"teams={_teams_tekst(teams)}")
    per_team: dict[int, list[ConsulentBelasting]] = {t: [] for t in teams}
    for cid, naam, tid_, contract, neven in mensen:
        tid = int(tid_ or 0)
        tel = aantallen[cid]
        uren = sum(n.uren(k) * v for k, v in tel.items())
        contract_f = float(contract) if contract is not None else None
        neven_f = float(neven or 0)
        try:
            beschikbaar: float | None = planning.beschikbare_uren(contract_f, n.productiviteit, neven_f)
            fout = None
        except ValidatieFout as exc:
            beschikbaar, fout = None, f"{naam}: {' '.join(exc.fouten.values())}"
        weken = procent = None
        sig = None
        if beschikbaar is not None:
            weken = planning.belasting_weken(uren, beschikbaar)
            procent = planning.belasting_procent(weken, planperiode_weken)
            sig = planning.signaal(procent)
        per_team[tid].append(ConsulentBelasting(cid, naam, tid, tel, uren, contract_f, neven_f, beschikbaar, weken,
                                                procent, risico[cid], sig, fout))
    uit = []
    for tid in teams:
        cs = per_team[tid]
        tel_t = {k: sum(c.aantallen[k] for c in cs) for k in planning.ZAAKSOORTEN}
        uren_t = sum(c.uren for c in cs)
        beschikbaar_t = sum(c.beschikbare_uren or 0.0 for c in cs)
        weken_t = planning.belasting_weken(uren_t, beschikbaar_t)
        procent_t = planning.belasting_procent(weken_t, planperiode_weken)
        fte_t = sum(planning.fte(c.contracturen, n.uren_per_fte_week) for c in cs if c.contracturen)
        uit.append(TeamBelasting(tid, team_namen.get(tid, "-"), cs, tel_t, uren_t, beschikbaar_t, weken_t, procent_t,
                                 sum(c.risico for c in cs), planning.signaal(procent_t), planperiode_weken, fte_t))
    return uit


def belasting_zaken(ctx: AppContext, actor: Actor, consulent_id: int, filt: Filter | None = None, *,
                    zaaksoort: str | None = None, alleen_risico: bool = False,
                    po_horizon_dagen: int = PO_HORIZON_DAGEN, normen: planning.Normen | None = None,
                    vandaag: dt.date | None = None) -> list[Werkitem]:
    """Drill-down: the open cases behind a consultant's load (optionally one kind, or only those at risk)."""
    vereis_rol(actor, *PLANNERS)
    filt = (filt or Filter()).gecontroleerd()
    vandaag = vandaag or dt.date.today()
    if zaaksoort is not None and zaaksoort not in planning.ZAAKSOORTEN:
        raise ValidatieFout.veld("zaaksoort", f"Onbekende soort zaak '{zaaksoort}'.")
    n = normen_van(ctx, normen)
    with transactie(ctx, actor) as s:
        g = haal(s, m.Gebruiker, consulent_id, "Medewerker")
        vereis_team(actor, g.team_id)
        items = _werkitems(s, ctx, vandaag, n, teams=[g.team_id] if g.team_id else [], filt=filt,
                           consulent_ids=[consulent_id], zaaksoort=zaaksoort, alleen_risico=alleen_risico,
                           po_horizon_dagen=po_horizon_dagen)
        audit_lijst(s, actor, "belasting", client_ids_van(items), filter=f"zaken;consulent={consulent_id}")
        return items


# ---------------------------------------------------------------------------------------------------------
# Capaciteit


@dataclass(frozen=True)
class CapaciteitRegel:
    wet: str | None  # None: total
    label: str
    dossiers: int  # files counted in the period
    instroom_per_week: float
    uren_per_dossier: float
    benodigde_fte: float
    handmatig: bool = False  # inflow typed in by the user instead of measured


@dataclass(frozen=True)
class Capaciteit:
    teams: list[int]
    van: dt.date
    tot: dt.date
    weken: float
    regels: list[CapaciteitRegel]
    werkelijke_fte: float
    consulenten: int
    zonder_contracturen: list[str] = field(default_factory=list)

    @property
    def totaal(self) -> CapaciteitRegel:
        return self.regels[-1]

    @property
    def verschil_fte(self) -> float:
        """Positive: more FTE in the team than the inflow needs."""
        return self.werkelijke_fte - self.totaal.benodigde_fte

    @property
    def signaal(self) -> planning.Signaal:
        nodig = self.totaal.benodigde_fte
        if nodig == 0:
            return planning.Signaal.RUIMTE
        return planning.signaal(nodig / self.werkelijke_fte * 100 if self.werkelijke_fte else float("inf"))


def capaciteit(ctx: AppContext, actor: Actor, filt: Filter | None = None, *,
               instroom_per_week: dict[str, float] | None = None, normen: planning.Normen | None = None,
               vandaag: dt.date | None = None) -> Capaciteit:
    """Required FTE for the inflow (measured over the period, or typed in per law) next to the team's FTE.

    Measured inflow: meldingen dated in the period plus POs planned in it, per law, with their norm hours.
    Default period: the last 13 weeks up to today.
    """
    vereis_rol(actor, *PLANNERS)
    filt = (filt or Filter()).gecontroleerd()
    teams = teams_in_bereik(actor, filt.team_id)
    vandaag = vandaag or dt.date.today()
    n = normen_van(ctx, normen)
    tot = filt.tot or vandaag
    van = filt.van or tot - dt.timedelta(days=13 * 7 - 1)
    weken = ((tot - van).days + 1) / 7
    fouten: dict[str, str] = {}
    for wet, waarde in (instroom_per_week or {}).items():
        if wet not in {w.value for w in Wet}:
            fouten[f"instroom_{wet}"] = f"Onbekende wet '{wet}'."
        elif waarde is not None and waarde < 0:
            fouten[f"instroom_{wet}"] = f"Instroom {Wet(wet).label} per week mag niet negatief zijn."
    if fouten:
        raise ValidatieFout(fouten)
    with transactie(ctx, actor) as s:
        q = (select(m.Melding.wet, m.Melding.soort, func.count())
             .where(m.Melding.team_id.in_(teams), m.Melding.datum >= van, m.Melding.datum <= tot,
                    m.Melding.status != MeldingStatus.INGETROKKEN.value)
             .group_by(m.Melding.wet, m.Melding.soort))
        q_po = (select(m.Voorziening.wet, func.count())
                .select_from(m.PeriodiekOnderzoek)
                .join(m.Voorziening, m.Voorziening.id == m.PeriodiekOnderzoek.voorziening_id)
                .where(m.PeriodiekOnderzoek.team_id.in_(teams), m.PeriodiekOnderzoek.geplande_datum >= van,
                       m.PeriodiekOnderzoek.geplande_datum <= tot)
                .group_by(m.Voorziening.wet))
        if filt.wet:
            q = q.where(m.Melding.wet == filt.wet)
            q_po = q_po.where(m.Voorziening.wet == filt.wet)
        dossiers = {w.value: 0 for w in Wet}
        uren = {w.value: 0.0 for w in Wet}
        for wet, soort, aantal in s.execute(q).all():
            dossiers[wet] += int(aantal)
            uren[wet] += n.uren(planning.zaaksoort(wet, soort)) * int(aantal)
        for wet, aantal in s.execute(q_po).all():
            dossiers[wet] += int(aantal)
            uren[wet] += n.uren_po * int(aantal)
        mensen = s.execute(select(m.Gebruiker.naam, m.Gebruiker.contracturen)
                           .where(m.Gebruiker.team_id.in_(teams), m.Gebruiker.rol == Rol.CONSULENT.value,
                                  m.Gebruiker.actief)).all()
        audit(s, actor, AuditActie.LEZEN, "capaciteit", None, details=f"teams={_teams_tekst(teams)}")
    standaard_uren = {Wet.WMO.value: (n.uren_nieuw + n.uren_bestaande_client + n.uren_wijziging) / 3,
                      Wet.JEUGDWET.value: n.uren_jeugd}
    regels = []
    wetten = [filt.wet] if filt.wet else [w.value for w in Wet]
    for wet in wetten:
        gemeten = dossiers[wet] / weken if weken else 0.0
        handmatig = instroom_per_week is not None and instroom_per_week.get(wet) is not None
        instroom = float(instroom_per_week[wet]) if handmatig and instroom_per_week else gemeten
        per_dossier = uren[wet] / dossiers[wet] if dossiers[wet] else standaard_uren[wet]
        regels.append(CapaciteitRegel(wet, Wet(wet).label, dossiers[wet], instroom, per_dossier,
                                      planning.benodigde_fte(instroom, per_dossier, n.uren_per_fte_week,
                                                             n.productiviteit), handmatig))
    inst_t = sum(r.instroom_per_week for r in regels)
    uren_t = sum(r.instroom_per_week * r.uren_per_dossier for r in regels)
    per_dossier_t = uren_t / inst_t if inst_t else standaard_uren[Wet.WMO.value]
    regels.append(CapaciteitRegel(None, "Totaal", sum(r.dossiers for r in regels), inst_t, per_dossier_t,
                                  sum(r.benodigde_fte for r in regels), any(r.handmatig for r in regels)))
    werkelijk = sum(planning.fte(float(c), n.uren_per_fte_week) for _, c in mensen if c)
    zonder = [naam for naam, c in mensen if not c]
    return Capaciteit(teams, van, tot, weken, regels, werkelijk, len(mensen), zonder)


# ---------------------------------------------------------------------------------------------------------
# Vooruitblik


@dataclass(frozen=True)
class VooruitblikMaand:
    maand: dt.date  # first day of the month
    team_id: int
    team: str
    po: int  # planned re-examinations in the month
    einde: int  # active provisions whose end date falls in the month
    uren: float  # norm hours to book: every PO and every ending provision needs a re-examination

    @property
    def totaal(self) -> int:
        return self.po + self.einde


@dataclass(frozen=True)
class Vooruitblik:
    maanden: list[dt.date]
    regels: list[VooruitblikMaand]  # one per team x month, zeros included
    achterstallig: dict[int, int]  # per team: planned POs whose date has passed

    def per_maand(self) -> list[tuple[dt.date, int, int, float]]:
        """Totals over the teams per month: (month, POs, ending provisions, hours)."""
        uit = []
        for mnd in self.maanden:
            rs = [r for r in self.regels if r.maand == mnd]
            uit.append((mnd, sum(r.po for r in rs), sum(r.einde for r in rs), sum(r.uren for r in rs)))
        return uit


def vooruitblik(ctx: AppContext, actor: Actor, filt: Filter | None = None, *, maanden: int = 12,
                normen: planning.Normen | None = None, vandaag: dt.date | None = None) -> Vooruitblik:
    """POs and provisions ending per month for the next `maanden` months (or the chosen period), per team."""
    vereis_rol(actor, *PLANNERS)
    filt = (filt or Filter()).gecontroleerd()
    teams = teams_in_bereik(actor, filt.team_id)
    vandaag = vandaag or dt.date.today()
    if not 1 <= maanden <= 60:
        raise ValidatieFout.veld("maanden", "Kies een vooruitblik van 1 tot 60 maanden.")
    n = normen_van(ctx, normen)
    # Default: this month and the next `maanden - 1`; a chosen period replaces that (at most five years).
    van = filt.van or maand_start(vandaag)
    eind = maand_start(van)
    for _ in range(maanden):
        eind = volgende_maand(eind)
    tot = filt.tot or eind - dt.timedelta(days=1)
    if len(maanden_tussen(van, tot)) > 60:
        raise ValidatieFout.veld("tot", "Kies een periode van hooguit vijf jaar voor de vooruitblik.")
    with transactie(ctx, actor) as s:
        mnd_po = maand(s, m.PeriodiekOnderzoek.geplande_datum)
        q_po = (select(m.PeriodiekOnderzoek.team_id, mnd_po, func.count())
                .where(m.PeriodiekOnderzoek.team_id.in_(teams), m.PeriodiekOnderzoek.status == POStatus.GEPLAND.value,
                       m.PeriodiekOnderzoek.geplande_datum >= van, m.PeriodiekOnderzoek.geplande_datum <= tot)
                .group_by(m.PeriodiekOnderzoek.team_id, mnd_po))
        q_achter = (select(m.PeriodiekOnderzoek.team_id, func.count())
                    .where(m.PeriodiekOnderzoek.team_id.in_(teams),
                           m.PeriodiekOnderzoek.status == POStatus.GEPLAND.value,
                           m.PeriodiekOnderzoek.geplande_datum < vandaag)
                    .group_by(m.PeriodiekOnderzoek.team_id))
        mnd_vz = maand(s, m.Voorziening.einddatum)
        q_vz = (select(m.Client.team_id, mnd_vz, func.count())
                .select_from(m.Voorziening)
                .join(m.Client, m.Client.id == m.Voorziening.client_id)
                .where(m.Client.team_id.in_(teams), actief_op(van),  # still running on `van` ...
                       m.Voorziening.einddatum <= tot)  # ... and ending in the period
                .group_by(m.Client.team_id, mnd_vz))
        if filt.wet:
            q_po = q_po.join(m.Voorziening, m.Voorziening.id == m.PeriodiekOnderzoek.voorziening_id).where(
                m.Voorziening.wet == filt.wet)
            q_achter = q_achter.join(m.Voorziening, m.Voorziening.id == m.PeriodiekOnderzoek.voorziening_id).where(
                m.Voorziening.wet == filt.wet)
            q_vz = q_vz.where(m.Voorziening.wet == filt.wet)
        po = {(t, k): int(c) for t, k, c in s.execute(q_po).all()}
        vz = {(t, k): int(c) for t, k, c in s.execute(q_vz).all()}
        achter = {t: int(c) for t, c in s.execute(q_achter).all()}
        team_namen = dict(s.execute(select(m.Team.id, m.Team.naam).where(m.Team.id.in_(teams))).all())
        audit(s, actor, AuditActie.LEZEN, "vooruitblik", None, details=f"teams={_teams_tekst(teams)}")
    reeks = maanden_tussen(van, tot)
    regels = []
    for t in teams:
        for mnd in reeks:
            k = mnd.strftime("%Y-%m")
            npo, nvz = po.get((t, k), 0), vz.get((t, k), 0)
            regels.append(VooruitblikMaand(mnd, t, team_namen.get(t, "-"), npo, nvz, (npo + nvz) * n.uren_po))
    return Vooruitblik(reeks, regels, {t: achter.get(t, 0) for t in teams})


@dataclass(frozen=True)
class VoorzieningRegel:
    """A provision or PO behind a figure of the look-ahead."""

    soort: str  # po / einde
    id: int
    client_id: int
    client: str
    team: str
    wet: str
    product: str
    datum: dt.date
    consulent: str | None


def vooruitblik_zaken(ctx: AppContext, actor: Actor, maand_eerste: dt.date, soort: str, filt: Filter | None = None,
                      *, vandaag: dt.date | None = None) -> list[VoorzieningRegel]:
    """Drill-down of the look-ahead: the POs (soort 'po') or ending provisions ('einde') of one month."""
    vereis_rol(actor, *PLANNERS)
    filt = (filt or Filter()).gecontroleerd()
    teams = teams_in_bereik(actor, filt.team_id)
    if soort not in ("po", "einde"):
        raise ValidatieFout.veld("soort", f"Onbekend soort '{soort}'.")
    van = maand_start(maand_eerste)
    tot = volgende_maand(van) - dt.timedelta(days=1)
    with transactie(ctx, actor) as s:
        q: Any
        if soort == "po":
            q = (select(m.PeriodiekOnderzoek.id, m.Client.id, m.Client.voornamen, m.Client.tussenvoegsel,
                        m.Client.achternaam, m.Team.naam, m.Voorziening.wet, m.Product.naam,
                        m.PeriodiekOnderzoek.geplande_datum, m.Gebruiker.naam)
                 .select_from(m.PeriodiekOnderzoek)
                 .join(m.Client, m.Client.id == m.PeriodiekOnderzoek.client_id)
                 .join(m.Voorziening, m.Voorziening.id == m.PeriodiekOnderzoek.voorziening_id)
                 .outerjoin(m.Product, m.Product.id == m.Voorziening.product_id)
                 .outerjoin(m.Team, m.Team.id == m.PeriodiekOnderzoek.team_id)
                 .outerjoin(m.Gebruiker, m.Gebruiker.id == m.PeriodiekOnderzoek.consulent_id)
                 .where(m.PeriodiekOnderzoek.team_id.in_(teams), m.PeriodiekOnderzoek.status == POStatus.GEPLAND.value,
                        m.PeriodiekOnderzoek.geplande_datum >= van, m.PeriodiekOnderzoek.geplande_datum <= tot)
                 .order_by(m.PeriodiekOnderzoek.geplande_datum))
        else:
            q = (select(m.Voorziening.id, m.Client.id, m.Client.voornamen, m.Client.tussenvoegsel,
                        m.Client.achternaam, m.Team.naam, m.Voorziening.wet, m.Product.naam,
                        m.Voorziening.einddatum, literal(None))
                 .select_from(m.Voorziening)
                 .join(m.Client, m.Client.id == m.Voorziening.client_id)
                 .outerjoin(m.Product, m.Product.id == m.Voorziening.product_id)
                 .outerjoin(m.Team, m.Team.id == m.Client.team_id)
                 .where(m.Client.team_id.in_(teams), actief_op(van), m.Voorziening.einddatum <= tot)
                 .order_by(m.Voorziening.einddatum))
        if filt.wet:
            q = q.where(m.Voorziening.wet == filt.wet)
        rows = s.execute(q.limit(DRILL_LIMIET)).all()
        audit_lijst(s, actor, "vooruitblik", [r[1] for r in rows], filter=f"zaken;{soort};{van.isoformat()}")
    return [VoorzieningRegel(soort, i, cid, volledige_naam(vn, tv, an), team or "-", wet, prod or "-", d, cons)
            for i, cid, vn, tv, an, team, wet, prod, d, cons in rows]

