"""The decision (beschikking) on a request: one per Aanvraag, one line per provision, with a unique kenmerk.

Only data that passes the rules becomes a decision: the investigation is complete, every granted provision has
an end date or a planned periodic re-examination (domain brief sections 5 and 7), a refusal has its reasons.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from consulent_app import codelists
from consulent_app.db import models as m
from consulent_app.documents.gegevens import BEEINDIGD
from consulent_app.domain import (
    AanvraagStatus,
    AuditActie,
    BeschikkingStatus,
    BeschikkingType,
    Besluit,
    OnderzoekStatus,
    Rol,
    Wet,
)
from consulent_app.errors import RegelFout, ValidatieFout
from consulent_app.rules import duur, intrekking, weigeringsgronden
from consulent_app.rules import validatie as v
from consulent_app.rules.omvang import omvang_tekst, omvang_van
from consulent_app.services.base import (
    Actor,
    AppContext,
    audit,
    controleer_versie,
    haal,
    transactie,
    unique_violation,
    vereis_rol,
    vereis_team,
)

BEWERKBAAR = (BeschikkingStatus.CONCEPT.value, BeschikkingStatus.TERUGGESTUURD.value)
MAX_POGINGEN = 8
REGEL_LABELS = {**{b.value: b.label for b in Besluit}, BEEINDIGD: "Beëindigd"}


@dataclass(frozen=True)
class RegelView:
    id: int
    voorziening_id: int
    product: str
    omvang: str
    besluit: str
    besluit_label: str
    motivering: str | None
    weigeringsgrond: str | None = None
    reden_boven_netto: str | None = None
    netto: str = ""  # the netto need of the needs it answers, e.g. "2 uur per week" ("" when not comparable)
    reden_wijziging: str | None = None  # herziening: why the provision changes
    einddatum: dt.date | None = None  # beëindiging: the last day this decision sets (applied when it is sent)


@dataclass(frozen=True)
class BeschikkingDetail:
    id: int
    aanvraag_id: int
    client_id: int
    kenmerk: str
    type: str
    status: str
    versie: int
    onderzoek_id: int | None
    regels: tuple[RegelView, ...]


def _productnaam(vz: m.Voorziening) -> str:
    if vz.product is not None:
        return vz.product.naam
    return codelists.productcategorieen(Wet(vz.wet)).get(vz.productcategorie, vz.productcategorie)


def _detail(b: m.Beschikking) -> BeschikkingDetail:
    return BeschikkingDetail(
        id=b.id, aanvraag_id=b.aanvraag_id, client_id=b.client_id, kenmerk=b.kenmerk, type=b.type, status=b.status,
        versie=b.versie, onderzoek_id=b.aanvraag.onderzoek_id,
        regels=tuple(
            RegelView(r.id, r.voorziening_id, _productnaam(r.voorziening),
                      omvang_van(r.voorziening),
                      r.besluit, REGEL_LABELS.get(r.besluit, r.besluit), r.motivering, r.weigeringsgrond,
                      r.reden_boven_netto, _netto_tekst(r.voorziening), r.reden_wijziging,
                      r.einddatum if b.type == BeschikkingType.BEEINDIGING.value else None)
            for r in sorted(b.regels, key=lambda r: r.id)
        ),
    )


def _netto(vz: m.Voorziening) -> Decimal | None:
    """The netto need left by the needs this provision answers (steps 4-6), in its own unit and frequency."""
    return weigeringsgronden.netto_van(vz.behoeften, vz.eenheid, vz.frequentie)


def _netto_tekst(vz: m.Voorziening) -> str:
    n = _netto(vz)
    return "" if n is None else omvang_tekst(n, vz.eenheid, vz.frequentie)


def volgend_kenmerk(s: Session, prefix: str, jaar: int) -> str:
    """`<prefix>-<jaar>-<000001>`: one more than the highest number of that year (demo data included)."""
    stam = f"{prefix}-{jaar}-"
    bestaand = s.scalars(select(m.Beschikking.kenmerk).where(m.Beschikking.kenmerk.like(f"{stam}%"))).all()
    patroon = re.compile(rf"^{re.escape(stam)}(\d+)$")
    hoogste = max((int(x.group(1)) for k in bestaand if (x := patroon.match(k))), default=0)
    return f"{stam}{hoogste + 1:06d}"


def controleer_onderzoek(s: Session, a: m.Aanvraag) -> None:
    """No decision for an investigation that is not complete (Wmo 2015 art. 2.3.2; criterion 12), except on a
    request filed without a completed investigation (art. 2.3.5 lid 2: decided within two weeks all the same)."""
    from consulent_app.rules.aanvraag import besluit_zonder_afgerond_onderzoek

    if besluit_zonder_afgerond_onderzoek(a.wet, bool(a.zonder_onderzoek)) and (
            a.onderzoek is None or a.onderzoek.status != OnderzoekStatus.AFGEROND.value):
        return
    if a.onderzoek is not None:
        if a.onderzoek.status != OnderzoekStatus.AFGEROND.value:
            raise RegelFout("Het onderzoek bij deze aanvraag is nog niet afgerond. Rond eerst alle stappen af; "
                            "daarna kunt u de beschikking maken.")
        return
    if a.aanleiding_po_id is not None:
        po = s.get(m.PeriodiekOnderzoek, a.aanleiding_po_id)
        if po is not None and po.status == "afgerond":
            return
        raise RegelFout("Het periodiek onderzoek bij deze aanvraag is nog niet afgerond. Rond het eerst af; "
                        "daarna kunt u de beschikking maken.")
    raise RegelFout("Bij deze aanvraag hoort geen afgerond onderzoek. Zonder onderzoek is er geen beschikking.")


def netto_fouten(vz: m.Voorziening, besluit: str, typ: str, *, grond: str | None,
                 reden_boven_netto: str | None) -> dict[str, str]:
    """A refusal that contradicts the bruto/netto table, or a grant above the netto need, without a recorded
    ground or reason (rules.weigeringsgronden; art. 2.3.5 lid 3 Wmo 2015, art. 2.3 Jeugdwet). {} when all is well."""
    if typ == BeschikkingType.BEEINDIGING.value:
        return {}
    n = _netto(vz)
    fouten = weigeringsgronden.afwijzing_fouten(wet=vz.wet, besluit=besluit, netto=n, eenheid=vz.eenheid,
                                                frequentie=vz.frequentie, grond=grond)
    fouten.update(weigeringsgronden.boven_netto_fouten(wet=vz.wet, besluit=besluit, volume=vz.volume, netto=n,
                                                       eenheid=vz.eenheid, frequentie=vz.frequentie,
                                                       reden=reden_boven_netto))
    return fouten


def ingang_fouten(s: Session, ctx: AppContext, vz: m.Voorziening, besluit: str, typ: str,
                  verzonden_op: dt.date, *, einddatum: dt.date | None = None) -> dict[str, str]:
    """No retroactive ending or reduction (rules.intrekking; art. 2.3.10 Wmo 2015): sent on `verzonden_op`, an
    ending's last day (`einddatum`, the line's) and a lower scope's start lie no earlier than the day after plus
    the transition period. A raise may start earlier. {} when all is well."""
    weken = ctx.config.besluiten.overgangstermijn_weken
    if typ == BeschikkingType.BEEINDIGING.value:
        return intrekking.einde_fouten(einddatum or vz.einddatum, verzonden_op=verzonden_op, overgang_weken=weken)
    if besluit not in duur.TOEGEKEND:
        return {}
    from consulent_app.services.periodiek import vervangen_voorzieningen

    for oud in vervangen_voorzieningen(s, vz):
        if intrekking.is_verlaging(oud.volume, oud.eenheid, oud.frequentie, vz.volume, vz.eenheid, vz.frequentie):
            fouten = intrekking.verlaging_fouten(vz.startdatum, verzonden_op=verzonden_op, overgang_weken=weken)
            if fouten:
                return fouten
    return {}


def controleer_ingang(s: Session, ctx: AppContext, b: m.Beschikking, verzonden_op: dt.date) -> None:
    """Every line of `b`, if sent on `verzonden_op`, ends or reduces nothing with retroactive effect."""
    for r in sorted(b.regels, key=lambda r: r.id):
        fouten = ingang_fouten(s, ctx, r.voorziening, r.besluit, b.type, verzonden_op, einddatum=r.einddatum)
        if fouten:
            raise RegelFout(f"{b.kenmerk}, {_productnaam(r.voorziening)}: " + " ".join(fouten.values()))


def wijziging_fouten(typ: str, besluit: str, reden_wijziging: str | None) -> dict[str, str]:
    """A herziening states its own reasons (art. 2.3.10 Wmo 2015, Awb 3:46): the old motivation is not enough."""
    if typ != BeschikkingType.HERZIENING.value or besluit == Besluit.AFGEWEZEN.value or (reden_wijziging or "").strip():
        return {}
    return {"reden_wijziging": "Schrijf waarom de ondersteuning verandert (art. 2.3.10 Wmo 2015, Awb 3:46). De oude "
                               "motivering zegt dat niet; de conclusie van het periodiek onderzoek kan een begin zijn."}


def controleer_netto(vz: m.Voorziening, r: m.BeschikkingRegel, typ: str) -> None:
    """Before a letter is made or reviewed: every line is consistent with the table, or says why not."""
    fouten = netto_fouten(vz, r.besluit, typ, grond=r.weigeringsgrond, reden_boven_netto=r.reden_boven_netto)
    fouten.update(wijziging_fouten(typ, r.besluit, r.reden_wijziging))
    if fouten:
        raise RegelFout(f"{_productnaam(vz)}: " + " ".join(fouten.values()))


def controleer_regel(ctx: AppContext, vz: m.Voorziening, besluit: str, motivering: str | None,
                     typ: str, *, einddatum: dt.date | None = None) -> None:
    """One line of the decision against the rules; RegelFout names the provision and what is missing. `einddatum`:
    the last day an ending line sets."""
    naam = _productnaam(vz)
    if typ == BeschikkingType.BEEINDIGING.value:
        if (einddatum or vz.einddatum) is None:
            raise RegelFout(f"{naam}: vul de einddatum in. Een beëindiging zegt vanaf wanneer de voorziening stopt.")
        if not (motivering or "").strip():
            raise RegelFout(f"{naam}: vul de motivering in. De cliënt moet kunnen lezen waarom de voorziening stopt.")
        return
    fouten = duur.duur_fouten(wet=vz.wet, besluit=besluit, startdatum=vz.startdatum, einddatum=vz.einddatum,
                              po_datum=vz.po_datum, grenzen=ctx.config.termijnen.duurgrenzen)
    if fouten:
        raise RegelFout(f"{naam}: " + " ".join(fouten.values()))
    if besluit in (Besluit.AFGEWEZEN.value, Besluit.GEDEELTELIJK.value) and not (motivering or "").strip():
        raise RegelFout(f"{naam}: vul de motivering in. Bij een (gedeeltelijke) afwijzing moet de cliënt kunnen "
                        "lezen waarom (Awb 3:46).")


def _voorzieningen(s: Session, a: m.Aanvraag, typ: str) -> list[m.Voorziening]:
    vzs = sorted(a.voorzieningen, key=lambda vz: vz.id)
    if typ == BeschikkingType.BEEINDIGING.value and a.aanleiding_po_id is not None:
        po = s.get(m.PeriodiekOnderzoek, a.aanleiding_po_id)
        if po is not None and all(vz.id != po.voorziening_id for vz in vzs):
            oud = s.get(m.Voorziening, po.voorziening_id)
            if oud is not None and oud.client_id == a.client_id:
                vzs.insert(0, oud)
    return vzs


def _standaard_type(s: Session, a: m.Aanvraag, po: m.PeriodiekOnderzoek | None) -> str:
    """A request that follows a re-examination changes (herziening) or ends (beëindiging) what runs. So does a
    request of an existing client for a product they already have running (Wmo "bestaande cliënt"): a granted
    provision that replaces a running one (periodiek.vervangen_voorzieningen) makes it a herziening, so that
    sending the decision ends the old provision instead of leaving both running."""
    if po is None:
        from consulent_app.services.periodiek import vervangen_voorzieningen

        if any(vz.besluit in duur.TOEGEKEND and vervangen_voorzieningen(s, vz) for vz in a.voorzieningen):
            return BeschikkingType.HERZIENING.value
        return BeschikkingType.AANVRAAG.value
    if po.uitkomst == "beeindigd":
        return BeschikkingType.BEEINDIGING.value
    return BeschikkingType.HERZIENING.value


def standaard_type(ctx: AppContext, actor: Actor, aanvraag_id: int) -> str:
    """The type `maak_concept_beschikking` chooses when none is given, so a screen can preselect it."""
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        a = haal(s, m.Aanvraag, aanvraag_id, "Aanvraag")
        vereis_team(actor, a.team_id)
        po = s.get(m.PeriodiekOnderzoek, a.aanleiding_po_id) if a.aanleiding_po_id is not None else None
        return _standaard_type(s, a, po)


def maak_concept_beschikking(ctx: AppContext, actor: Actor, aanvraag_id: int, *, type: str | None = None,
                             vandaag: dt.date | None = None) -> int:
    """Create the (one) concept decision for a request; returns its id.

    `type`: aanvraag (default), herziening (default when the request came from a periodic re-examination that
    changed the support, or when a granted provision replaces one the client already has running) or beeindiging (default when that re-examination ended it). Every provision of the request becomes one line with its proposed decision and reasons.
    """
    vereis_rol(actor, Rol.CONSULENT)
    vandaag = vandaag or dt.date.today()
    if type is not None:
        type = v.keuze(type, BeschikkingType, "type", "Soort beschikking")
    for _poging in range(MAX_POGINGEN):
        try:
            return _maak(ctx, actor, aanvraag_id, type, vandaag)
        except IntegrityError as exc:
            if unique_violation(exc, "aanvraag_id"):
                raise RegelFout("Voor deze aanvraag bestaat al een beschikking.") from exc
            if not unique_violation(exc, "kenmerk"):
                raise
            # Someone else took the same number at the same moment: take the next one.
    raise RegelFout("Er kon geen uniek kenmerk worden gemaakt. Probeer het over een moment opnieuw.")


def _maak(ctx: AppContext, actor: Actor, aanvraag_id: int, type: str | None, vandaag: dt.date) -> int:
    with transactie(ctx, actor) as s:
        a = haal(s, m.Aanvraag, aanvraag_id, "Aanvraag")
        vereis_team(actor, a.team_id)
        if a.beschikking is not None:
            raise RegelFout(f"Voor deze aanvraag bestaat al een beschikking ({a.beschikking.kenmerk}).")
        if a.status == AanvraagStatus.INGETROKKEN.value:
            raise RegelFout("Deze aanvraag is ingetrokken; daarop volgt geen beschikking.")
        if a.status == AanvraagStatus.CONCEPT.value:
            raise RegelFout("Er is nog geen formele aanvraag: leg eerst de reactie van de cliënt en de datum van "
                            "de aanvraag vast.")
        controleer_onderzoek(s, a)
        po = s.get(m.PeriodiekOnderzoek, a.aanleiding_po_id) if a.aanleiding_po_id is not None else None
        typ = type or _standaard_type(s, a, po)
        vzs = _voorzieningen(s, a, typ)
        if not vzs:
            raise RegelFout("Deze aanvraag heeft geen voorzieningen. Leg in stap 7 vast waarover besloten wordt.")
        regels = []
        for vz in vzs:
            einde: dt.date | None = None
            if typ == BeschikkingType.BEEINDIGING.value:
                # The reasons for ending are those of the re-examination, not the old reasons for granting; the
                # last day is the one the re-examination proposed (the provision keeps running until it is sent).
                besluit, motivering = BEEINDIGD, (po.verslag if po is not None and po.verslag else vz.motivering)
                einde = (po.einddatum if po is not None and po.voorziening_id == vz.id and po.einddatum
                         else vz.einddatum)
            else:
                besluit, motivering = vz.besluit, vz.motivering
            controleer_regel(ctx, vz, besluit, motivering, typ, einddatum=einde)
            # A herziening offers the re-examination's conclusion as the start of its own reasons for the change.
            reden = (po.verslag if typ == BeschikkingType.HERZIENING.value and po is not None and po.verslag
                     else None)
            regels.append(m.BeschikkingRegel(voorziening_id=vz.id, besluit=besluit, motivering=motivering,
                                             reden_wijziging=reden, einddatum=einde))
        b = m.Beschikking(
            aanvraag_id=a.id, client_id=a.client_id, type=typ,
            kenmerk=volgend_kenmerk(s, ctx.config.gemeente.kenmerk_prefix or "GEM", vandaag.year),
            status=BeschikkingStatus.CONCEPT.value, auteur_id=actor.gebruiker_id,
            # The report goes with the decision once the investigation is completed (not on a request under art.
            # 2.3.5 lid 2 Wmo decided before it was).
            bijlagen={"items": ["verslag"] if a.onderzoek is not None
                      and a.onderzoek.status == OnderzoekStatus.AFGEROND.value else []}, regels=regels,
        )
        s.add(b)
        s.flush()
        audit(s, actor, AuditActie.AANMAKEN, "beschikking", b.id, client_id=a.client_id,
              details=f"type={typ},regels={len(regels)}")
        return b.id


def haal_beschikking(ctx: AppContext, actor: Actor, beschikking_id: int) -> BeschikkingDetail:
    vereis_rol(actor, Rol.CONSULENT, Rol.TOETSER, Rol.TEAMLEIDER)
    with transactie(ctx, actor) as s:
        b = haal(s, m.Beschikking, beschikking_id, "Beschikking")
        vereis_team(actor, b.aanvraag.team_id)
        audit(s, actor, AuditActie.LEZEN, "beschikking", b.id, client_id=b.client_id)
        return _detail(b)


def beschikking_van_aanvraag(ctx: AppContext, actor: Actor, aanvraag_id: int) -> int | None:
    vereis_rol(actor, Rol.CONSULENT, Rol.TOETSER, Rol.TEAMLEIDER)
    with transactie(ctx, actor) as s:
        a = haal(s, m.Aanvraag, aanvraag_id, "Aanvraag")
        vereis_team(actor, a.team_id)
        return a.beschikking.id if a.beschikking else None


def wijzig_regel(ctx: AppContext, actor: Actor, regel_id: int, *, besluit: str, motivering: str | None,
                 weigeringsgrond: str | None = None, reden_boven_netto: str | None = None,
                 reden_wijziging: str | None = None, einddatum: dt.date | None = None, versie: int | None = None,
                 vandaag: dt.date | None = None) -> BeschikkingDetail:
    """Change the decision, reasons, refusal ground or reason above netto of one provision in a concept (or
    returned) decision. A refusal while the bruto/netto table leaves a netto need needs a ground; a grant above the
    netto need needs a reason (rules.weigeringsgronden): refused at the field, nothing saved. In an ending decision
    `einddatum` moves the last day (e.g. when sending is later than planned): no earlier than the day after sending
    today plus the transition period (art. 2.3.10 Wmo 2015), refused at the field with the earliest allowed day."""
    vereis_rol(actor, Rol.CONSULENT)
    vandaag = vandaag or dt.date.today()
    fouten = v.Fouten()
    try:
        motivering = v.tekst(motivering, "motivering", "Motivering", max_lengte=v.LANGE_TEKST_MAX,
                             meerdere_regels=True)
    except ValidatieFout as exc:
        fouten.add("motivering", exc.bericht)
    try:
        reden_boven_netto = v.tekst(reden_boven_netto, "reden_boven_netto", "Reden", max_lengte=v.LANGE_TEKST_MAX,
                                    meerdere_regels=True)
    except ValidatieFout as exc:
        fouten.add("reden_boven_netto", exc.bericht)
    try:
        reden_wijziging = v.tekst(reden_wijziging, "reden_wijziging", "Reden van de wijziging",
                                  max_lengte=v.LANGE_TEKST_MAX, meerdere_regels=True)
    except ValidatieFout as exc:
        fouten.add("reden_wijziging", exc.bericht)
    weigeringsgrond = (weigeringsgrond or "").strip() or None
    if besluit not in REGEL_LABELS:
        fouten.add("besluit", "Besluit: kies toegekend, gedeeltelijk toegekend of afgewezen.")
    if weigeringsgrond is not None and besluit != Besluit.AFGEWEZEN.value:
        weigeringsgrond = None  # a ground belongs to a refusal only
    fouten.check()
    with transactie(ctx, actor) as s:
        r = haal(s, m.BeschikkingRegel, regel_id, "Beschikkingsregel")
        b = r.beschikking
        vereis_team(actor, b.aanvraag.team_id)
        controleer_versie(b, versie)
        if b.status not in BEWERKBAAR:
            raise RegelFout("Deze beschikking is al ter toetsing, goedgekeurd of verzonden en kan niet meer "
                            "worden gewijzigd.")
        if (besluit == BEEINDIGD) != (b.type == BeschikkingType.BEEINDIGING.value):
            raise ValidatieFout.veld("besluit", "Beëindigd kan alleen in een beëindigingsbeschikking, en daar is "
                                                "het de enige keuze.")
        if b.type == BeschikkingType.BEEINDIGING.value and einddatum is not None and einddatum != r.einddatum:
            fout = intrekking.einde_fouten(einddatum, verzonden_op=vandaag,
                                           overgang_weken=ctx.config.besluiten.overgangstermijn_weken)
            if fout:
                raise ValidatieFout(fout)
        else:
            einddatum = r.einddatum
        controleer_regel(ctx, r.voorziening, besluit, motivering, b.type, einddatum=einddatum)
        netto = netto_fouten(r.voorziening, besluit, b.type, grond=weigeringsgrond,
                             reden_boven_netto=reden_boven_netto)
        netto.update(wijziging_fouten(b.type, besluit, reden_wijziging))
        if netto:
            raise ValidatieFout(netto)
        gewijzigd = [k for k, oud, nieuw in (("besluit", r.besluit, besluit), ("motivering", r.motivering, motivering),
                                             ("weigeringsgrond", r.weigeringsgrond, weigeringsgrond),
                                             ("reden_boven_netto", r.reden_boven_netto, reden_boven_netto),
                                             ("reden_wijziging", r.reden_wijziging, reden_wijziging),
                                             ("einddatum", r.einddatum, einddatum))
                     if oud != nieuw]
        r.besluit, r.motivering = besluit, motivering
        r.weigeringsgrond, r.reden_boven_netto = weigeringsgrond, reden_boven_netto
        r.reden_wijziging = reden_wijziging
        r.einddatum = einddatum
        if besluit != BEEINDIGD and r.voorziening.aanvraag_id == b.aanvraag_id:
            r.voorziening.besluit = besluit
        flag_modified(b, "bijlagen")  # bumps the decision's version: the whole letter changed
        s.flush()
        if gewijzigd:
            audit(s, actor, AuditActie.WIJZIGEN, "beschikking_regel", r.id, client_id=b.client_id,
                  details=",".join(gewijzigd))
        return _detail(b)
