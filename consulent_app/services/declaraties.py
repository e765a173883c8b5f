"""Providers' invoices (declaraties, iWmo/iJw 323) checked against the assignment, the answer (325) and the staff's
work list of rejected and doubtful lines.

One invoice message is one transaction: every line is judged (rules/declaratie) and stored with its retour
codes, or nothing is (never booked half). Lines stream through in batches, so 100,000 prestaties need no more
memory than a few thousand: per batch one query for the assignments, one for earlier volumes and one for
earlier references. Approved amounts count as realised cost (services/financien) and are added to the Financiën
summary in the same transaction (financien/stand.boek_prestaties).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, insert, select
from sqlalchemy.orm import Session

from consulent_app.db import models as m
from consulent_app.domain import AuditActie, Rol, ToewijzingStatus, Wet
from consulent_app.errors import NietGevonden, ValidatieFout
from consulent_app.financien import stand
from consulent_app.rules import declaratie as regels
from consulent_app.rules.declaratie import CREDIT, Eerder, Oordeel, PrestatieInvoer, Toewijzing
from consulent_app.rules.verplichting import indexatie_factor
from consulent_app.services.base import Actor, AppContext, audit, audit_lijst, chunked, transactie, vereis_rol
from consulent_app.services.dossiers import volledige_naam
from consulent_app.services.overzicht import DRILL_LIMIET, euro

VERWERKERS = (Rol.ADMINISTRATIEF,)
WERKLIJST_LEZERS = (Rol.ADMINISTRATIEF, Rol.TEAMLEIDER)
BATCH = 2000
ONBEKEND_AANBIEDER = "9338"
DUBBEL_BERICHT = "9333"


@dataclass(frozen=True)
class DeclaratieKop:
    """The header of a 323: who invoices, which law, the declaration number and period."""

    agb_code: str
    wet: str
    nummer: str
    periode_van: dt.date
    periode_tot: dt.date
    dagtekening: dt.date
    bericht_identificatie: str | None = None


@dataclass(frozen=True)
class PrestatieOordeel:
    """One line of the answer (325)."""

    referentie: str
    goedgekeurd: bool
    retourcodes: tuple[str, ...]
    ingediend: Decimal  # signed
    toegekend: Decimal  # signed; 0 when rejected


@dataclass(frozen=True)
class DeclaratieUitkomst:
    declaratie_id: int
    aantal: int
    afgekeurd: int
    twijfel: int
    totaal_ingediend: Decimal
    totaal_toegekend: Decimal
    kop_retourcodes: tuple[str, ...]  # the message's own codes (0200, or 9333 for a duplicate number)


def _kop(kop: DeclaratieKop) -> None:
    f: dict[str, str] = {}
    if kop.wet not in {w.value for w in Wet}:
        f["wet"] = "Onbekende wet in de declaratie."
    if kop.periode_tot < kop.periode_van:
        f["periode"] = "De declaratieperiode eindigt vóór het begin."
    if not kop.nummer or len(kop.nummer) > 12:
        f["nummer"] = "Het declaratienummer ontbreekt of is te lang."
    if f:
        raise ValidatieFout(f)


def _index(ctx: AppContext) -> dict[int, Decimal]:
    return {k: Decimal(str(x)) for k, x in ctx.config.financien.indexatie.items()}


def _toewijzingen(s: Session, kop: DeclaratieKop, aanbieder_id: int, nummers: set[str],
                  ) -> dict[str, tuple[Toewijzing, int, list[tuple[dt.date, dt.date | None, Decimal]], int | None]]:
    """Assignments (the 301's ToegewezenProduct) by ToewijzingNummer for this provider and law, with their
    provision and the product's tariff history, so the contract tariff of any period can be looked up."""
    ids = [int(n) for n in nummers if n.isdigit() and len(n) <= 9]
    if not ids:
        return {}
    t, vz, c, p = m.Toewijzing, m.Voorziening, m.Client, m.Product
    rows = s.execute(
        select(t.nummer, t.voorziening_id, t.client_id, c.team_id, c.bsn, t.productcategorie, t.productcode, t.eenheid,
               t.ingangsdatum, t.einddatum, t.zorg_stop, t.volume, t.frequentie, t.budget, t.reden_wijziging,
               t.status, vz.volume.label("vz_volume"), vz.product_id, p.tarief)
        .join(vz, vz.id == t.voorziening_id).join(c, c.id == t.client_id).outerjoin(p, p.id == vz.product_id)
        .where(t.nummer.in_(ids), t.wet == kop.wet, t.aanbieder_id == aanbieder_id)).all()
    product_ids = {r.product_id for r in rows if r.product_id is not None}
    historie: dict[int, list[tuple[dt.date, dt.date | None, Decimal]]] = {}
    for pid, van, tot, tarief in s.execute(select(m.ProductTarief.product_id, m.ProductTarief.geldig_van,
                                                  m.ProductTarief.geldig_tot, m.ProductTarief.tarief)
                                           .where(m.ProductTarief.product_id.in_(product_ids))).all():
        historie.setdefault(pid, []).append((van, tot, tarief))
    vz_ids = {r.voorziening_id for r in rows}
    # credit lines are stored with a negative amount; their volume counts negative too
    volume = case((m.Prestatie.bedrag < 0, -m.Prestatie.volume), else_=m.Prestatie.volume)
    eerder = {int(k): Decimal(str(vol or 0)) for k, vol in s.execute(
        select(m.Prestatie.voorziening_id, func.sum(volume))
        .where(m.Prestatie.voorziening_id.in_(vz_ids), m.Prestatie.goedgekeurd.is_(True))
        .group_by(m.Prestatie.voorziening_id)).all()}
    uit = {}
    for r in rows:
        # the end of the assignment: its end date, or the day the provider reported care stopped (307)
        eind = min((d for d in (r.einddatum, r.zorg_stop) if d is not None), default=None)
        tw = Toewijzing(voorziening_id=r.voorziening_id, client_id=r.client_id, bsn=r.bsn,
                        productcategorie=r.productcategorie, productcode=r.productcode, eenheid=r.eenheid or "",
                        ingangsdatum=r.ingangsdatum, einddatum=eind,
                        volume=Decimal(r.volume) if r.volume is not None else Decimal(r.vz_volume),
                        frequentie=r.frequentie or "", contracttarief=None,
                        verwijderd=r.reden_wijziging == "13" or r.status == ToewijzingStatus.VERWIJDERD.value,
                        budget=Decimal(r.budget) if r.budget is not None else None,
                        volume_eerder=eerder.get(r.voorziening_id, Decimal(0)))
        hist = sorted(historie.get(r.product_id) or [(dt.date(1900, 1, 1), None, r.tarief)])
        uit[str(r.nummer)] = (tw, r.voorziening_id, hist, r.team_id)
    return uit


def contracttarief(historie: list[tuple[dt.date, dt.date | None, Decimal]], dag: dt.date,
                   indexatie: dict[int, Decimal]) -> Decimal | None:
    """The tariff in force on `dag` with the configured indexation (rules/verplichting), in cents."""
    for van, tot, t in historie:
        if van <= dag and (tot is None or dag <= tot):
            return (t * indexatie_factor(van, dag.year, indexatie)).quantize(Decimal("0.01"))
    return None


def _eerdere_referenties(s: Session, aanbieder_id: int, wet: str, refs: set[str]) -> dict[str, tuple[bool, Decimal,
                                                                                                     Decimal, bool]]:
    """Earlier prestaties with these references: {ref: (approved, volume, amount, is credit)}."""
    if not refs:
        return {}
    p = m.Prestatie
    uit: dict[str, tuple[bool, Decimal, Decimal, bool]] = {}
    for ref, goed, vol, bedrag in s.execute(select(p.referentie, p.goedgekeurd, p.volume, p.bedrag)
                                            .where(p.aanbieder_id == aanbieder_id, p.wet == wet,
                                                   p.referentie.in_(refs))).all():
        vorig = uit.get(ref)
        if vorig is None or (goed and not vorig[0]):
            uit[ref] = (bool(goed), Decimal(vol), Decimal(bedrag), Decimal(bedrag) < 0)
    return uit


def _gecrediteerd(s: Session, aanbieder_id: int, wet: str, refs: set[str]) -> set[str]:
    if not refs:
        return set()
    p = m.Prestatie
    return {r for r in s.scalars(select(p.vorige_referentie).where(p.aanbieder_id == aanbieder_id, p.wet == wet,
                                                           p.vorige_referentie.in_(refs),
                                                           p.goedgekeurd.is_(True))).all() if r}


def _periodes_gedeclareerd(s: Session, voorziening_ids: set[int]) -> dict[tuple[int, dt.date], int]:
    """Approved debit lines per (provision, period start) minus approved credits: > 0 means already invoiced."""
    if not voorziening_ids:
        return {}
    p = m.Prestatie
    uit: dict[tuple[int, dt.date], int] = {}
    for vid, van, bedrag in s.execute(select(p.voorziening_id, p.periode_van, p.toegekend)
                                      .where(p.voorziening_id.in_(voorziening_ids), p.goedgekeurd.is_(True))).all():
        k = (int(vid or 0), van)
        uit[k] = uit.get(k, 0) + (1 if Decimal(bedrag) >= 0 else -1)
    return uit


def verwerk_declaratie(ctx: AppContext, actor: Actor, kop: DeclaratieKop, prestaties: Iterable[PrestatieInvoer], *,
                       ontvangen_op: dt.date | None = None,
                       bij_oordeel: Callable[[PrestatieOordeel], None] | None = None) -> DeclaratieUitkomst:
    """Check every prestatie of one invoice against its assignment and store the judgement (the 325's content).

    `bij_oordeel` receives each line's judgement as it is made (a 325 writer can stream them out)."""
    vereis_rol(actor, *VERWERKERS)
    _kop(kop)
    with transactie(ctx, actor) as s:
        uit = verwerk(s, ctx, actor, kop, ((None, p) for p in prestaties), ontvangen_op or dt.date.today(),
                      (lambda _el, o: bij_oordeel(o)) if bij_oordeel is not None else None)
        audit(s, actor, AuditActie.AANMAKEN, "declaratie", uit.declaratie_id,
              details=f"n={uit.aantal};afgekeurd={uit.afgekeurd}")
        return uit


def verwerk(s: Session, ctx: AppContext, actor: Actor | None, kop: DeclaratieKop,
            prestaties: Iterable[tuple[Any, PrestatieInvoer]], ontvangen: dt.date,
            bij_oordeel: Callable[[Any, PrestatieOordeel], None] | None = None) -> DeclaratieUitkomst:
    """The check inside the caller's transaction (the use case above, or the 323 import of berichten).
    `prestaties` pairs each line with a handle of the caller's (the XML element), passed back to `bij_oordeel`."""
    idx = _index(ctx)
    termijn = ctx.config.financien.declaratietermijn_maanden
    aanbieder_id = s.scalar(select(m.Aanbieder.id).where(m.Aanbieder.agb_code == kop.agb_code))
    dubbel = aanbieder_id is not None and (s.scalar(
        select(func.count()).select_from(m.Declaratie).where(
            m.Declaratie.agb_code == kop.agb_code, m.Declaratie.wet == kop.wet,
            m.Declaratie.nummer == kop.nummer)) or 0) > 0
    d = m.Declaratie(aanbieder_id=aanbieder_id, agb_code=kop.agb_code, wet=kop.wet, nummer=kop.nummer,
                     bericht_identificatie=kop.bericht_identificatie, periode_van=kop.periode_van,
                     periode_tot=kop.periode_tot, dagtekening=kop.dagtekening, ontvangen_op=ontvangen,
                     verwerkt_door_id=actor.gebruiker_id if actor else None)
    s.add(d)
    s.flush()
    n = afgekeurd = twijfel = 0
    ingediend = toegekend = Decimal(0)
    in_bericht: set[str] = set()
    perioden_in_bericht: set[tuple[str, str, str | None, dt.date]] = set()
    gecrediteerd_in_bericht: set[str] = set()
    volume_in_bericht: dict[int, Decimal] = {}
    for paren in chunked(prestaties, BATCH):
        batch = [p for _el, p in paren]
        nummers = {p.toewijzing_nummer for p in batch}
        tw = _toewijzingen(s, kop, aanbieder_id, nummers) if aanbieder_id is not None and not dubbel else {}
        refs = {p.referentie for p in batch} | {p.vorige_referentie for p in batch if p.vorige_referentie}
        eerder_refs = _eerdere_referenties(s, aanbieder_id, kop.wet, refs) if aanbieder_id is not None else {}
        gecrediteerd = _gecrediteerd(s, aanbieder_id, kop.wet, refs) if aanbieder_id is not None else set()
        perioden = _periodes_gedeclareerd(s, {v[1] for v in tw.values()})
        rijen: list[dict[str, Any]] = []
        for el, p in paren:
            n += 1
            teken = regels.teken(p)
            ingediend += teken * p.bedrag
            if aanbieder_id is None or dubbel:
                oordeel = Oordeel((DUBBEL_BERICHT,) if dubbel else (ONBEKEND_AANBIEDER,))
                t, vid, team = None, None, None
            else:
                gevonden = tw.get(p.toewijzing_nummer)
                t, vid, team = None, None, None
                if gevonden is not None:
                    basis_t, vid, hist, team = gevonden
                    t = Toewijzing(**{**basis_t.__dict__,
                                      "contracttarief": contracttarief(hist, p.periode_van, idx),
                                      "volume_eerder": basis_t.volume_eerder + volume_in_bericht.get(vid,
                                                                                                     Decimal(0))})
                vorige = eerder_refs.get(p.vorige_referentie or "") if p.vorige_referentie else None
                sleutel = regels.periode_sleutel(p)
                eerder = Eerder(
                    referentie_bekend=p.referentie in eerder_refs or p.referentie in in_bericht,
                    debet_van_vorige=(vorige[1], vorige[2]) if vorige and vorige[0] and not vorige[3] else None,
                    vorige_al_gecrediteerd=bool(p.vorige_referentie) and (
                        p.vorige_referentie in gecrediteerd or p.vorige_referentie in gecrediteerd_in_bericht),
                    periode_al_gedeclareerd=(vid is not None and perioden.get((vid, p.periode_van), 0) > 0)
                    or sleutel in perioden_in_bericht)
                oordeel = regels.controleer(p, t, eerder, declaratie_van=kop.periode_van,
                                            declaratie_tot=kop.periode_tot, ontvangen_op=ontvangen,
                                            termijn_maanden=termijn)
            in_bericht.add(p.referentie)
            bedrag = teken * p.bedrag
            toe = bedrag if oordeel.goedgekeurd else Decimal(0)
            if oordeel.goedgekeurd:
                toegekend += toe
                if vid is not None:
                    volume_in_bericht[vid] = volume_in_bericht.get(vid, Decimal(0)) + teken * p.volume
                    if p.debet_credit == CREDIT:
                        gecrediteerd_in_bericht.add(p.vorige_referentie or "")
                        perioden[(vid, p.periode_van)] = perioden.get((vid, p.periode_van), 0) - 1
                    else:
                        perioden_in_bericht.add(regels.periode_sleutel(p))
            else:
                afgekeurd += 1
            twijfel += bool(oordeel.twijfel)
            rijen.append(dict(
                declaratie_id=d.id, aanbieder_id=aanbieder_id, wet=kop.wet, referentie=p.referentie[:40],
                vorige_referentie=(p.vorige_referentie or None) and p.vorige_referentie[:40],
                toewijzing_nummer=p.toewijzing_nummer[:20], voorziening_id=vid,
                client_id=t.client_id if t is not None else None, bsn=p.bsn[:9],
                productcategorie=p.productcategorie[:4], productcode=(p.productcode or None) and p.productcode[:20],
                periode_van=p.periode_van, periode_tot=p.periode_tot, volume=p.volume, eenheid=p.eenheid[:4],
                tarief=p.tarief, bedrag=bedrag, goedgekeurd=oordeel.goedgekeurd,
                retourcodes=",".join(oordeel.retourcodes)[:60], twijfel=",".join(oordeel.twijfel) or None,
                toegekend=toe, ontvangen_op=ontvangen, team_id=team))
            if bij_oordeel is not None:
                bij_oordeel(el, PrestatieOordeel(p.referentie, oordeel.goedgekeurd, oordeel.retourcodes, bedrag,
                                                 toe))
        s.execute(insert(m.Prestatie), rijen)
        stand.boek_prestaties(s, rijen)  # the Financiën summary, in this same transaction
    d.aantal, d.aantal_afgekeurd = n, afgekeurd
    d.totaal_ingediend, d.totaal_toegekend = ingediend, toegekend
    return DeclaratieUitkomst(d.id, n, afgekeurd, twijfel, ingediend.quantize(Decimal("0.01")),
                              toegekend.quantize(Decimal("0.01")),
                              (DUBBEL_BERICHT,) if dubbel else (regels.GOED,))




# ---------------------------------------------------------------------------------------------------------
# The work list


@dataclass(frozen=True)
class WerklijstRegel:
    prestatie_id: int
    declaratie_nummer: str
    aanbieder: str
    ontvangen_op: dt.date
    client_id: int | None
    client: str
    referentie: str
    toewijzing_nummer: str
    periode_van: dt.date
    periode_tot: dt.date
    bedrag: Decimal
    goedgekeurd: bool
    retourcodes: tuple[str, ...]
    redenen: tuple[str, ...]  # Dutch, one per code


def werklijst(ctx: AppContext, actor: Actor, *, aanbieder_id: int | None = None, alleen_open: bool = True,
              ) -> list[WerklijstRegel]:
    """Rejected and doubtful invoice lines, newest first, with the reason in Dutch. Team leaders see their teams'
    clients; administrative staff (who process the invoices) all."""
    vereis_rol(actor, *WERKLIJST_LEZERS)
    p, dcl = m.Prestatie, m.Declaratie
    with transactie(ctx, actor) as s:
        q = (select(p.id, dcl.nummer, m.Aanbieder.naam, dcl.agb_code, dcl.ontvangen_op, p.client_id,
                    m.Client.voornamen, m.Client.tussenvoegsel, m.Client.achternaam, p.referentie,
                    p.toewijzing_nummer, p.periode_van, p.periode_tot, p.bedrag, p.goedgekeurd, p.retourcodes,
                    p.twijfel)
             .select_from(p).join(dcl, dcl.id == p.declaratie_id)
             .outerjoin(m.Aanbieder, m.Aanbieder.id == dcl.aanbieder_id)
             .outerjoin(m.Client, m.Client.id == p.client_id)
             .where((p.goedgekeurd.is_(False)) | (p.twijfel.is_not(None)))
             .order_by(dcl.ontvangen_op.desc(), p.id).limit(DRILL_LIMIET))
        if alleen_open:
            q = q.where(p.afgehandeld_op.is_(None))
        if aanbieder_id is not None:
            q = q.where(dcl.aanbieder_id == aanbieder_id)
        if actor.rol is Rol.TEAMLEIDER:
            q = q.where(m.Client.team_id.in_(sorted(actor.teams)))
        rows = s.execute(q).all()
        audit_lijst(s, actor, "declaratie_werklijst", [r[5] for r in rows],
                    filter=f"open={int(alleen_open)}" + (f";aanbieder={aanbieder_id}" if aanbieder_id else ""))
    uit = []
    for (pid, nr, aanb, agb, ontv, cid, vn, tv, an, ref, tnr, van, tot, bedrag, goed, codes, tw) in rows:
        codes_t = tuple(c for c in codes.split(",") if c and c != regels.GOED)
        redenen = tuple(regels.REDENEN.get(c, c) for c in codes_t) + tuple(
            regels.TWIJFEL_REDENEN.get(c, c) for c in (tw or "").split(",") if c)
        uit.append(WerklijstRegel(pid, nr, aanb or f"Onbekende aanbieder (AGB {agb})", ontv, cid,
                                  volledige_naam(vn, tv, an) if cid else "Onbekende cliënt", ref, tnr, van, tot,
                                  euro(bedrag), bool(goed), codes_t, redenen))
    return uit


def handel_af(ctx: AppContext, actor: Actor, prestatie_ids: list[int]) -> int:
    """Mark lines of the work list as dealt with (the provider was contacted, the doubt resolved)."""
    vereis_rol(actor, *VERWERKERS)
    if not prestatie_ids:
        raise ValidatieFout.veld("prestaties", "Kies eerst een of meer regels.")
    with transactie(ctx, actor) as s:
        rijen = list(s.scalars(select(m.Prestatie).where(m.Prestatie.id.in_(prestatie_ids))))
        if len(rijen) != len(set(prestatie_ids)):
            raise NietGevonden("Een of meer regels bestaan niet (meer).")
        nu = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        for r in rijen:
            r.afgehandeld_op, r.afgehandeld_door_id = nu, actor.gebruiker_id
        audit(s, actor, AuditActie.WIJZIGEN, "declaratie_werklijst", None, details=f"afgehandeld;n={len(rijen)}")
        return len(rijen)


def oordelen(ctx: AppContext, actor: Actor, declaratie_id: int) -> list[PrestatieOordeel]:
    """The stored judgement of every line of one invoice, in the order received (to write the 325 again)."""
    vereis_rol(actor, *VERWERKERS)
    with transactie(ctx, actor) as s:
        if s.get(m.Declaratie, declaratie_id) is None:
            raise NietGevonden(f"Declaratie met nummer {declaratie_id} bestaat niet.")
        rows = s.execute(select(m.Prestatie.referentie, m.Prestatie.goedgekeurd, m.Prestatie.retourcodes,
                                m.Prestatie.bedrag, m.Prestatie.toegekend)
                         .where(m.Prestatie.declaratie_id == declaratie_id).order_by(m.Prestatie.id)).all()
    return [PrestatieOordeel(ref, bool(goed), tuple(codes.split(",")), Decimal(bedrag), Decimal(toe))
            for ref, goed, codes, bedrag, toe in rows]

