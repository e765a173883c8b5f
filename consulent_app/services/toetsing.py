"""Four-eyes review (toetsing): submit a decision for review, review it against the 13 criteria, approve or return.

The reviewer is never the author (enforced here, not only on screen). Scores are stored per criterion so quality
per team and per criterion can be shown later (`kwaliteit_per_criterium`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from consulent_app import codelists
from consulent_app.db import models as m
from consulent_app.db.models import utcnow
from consulent_app.domain import (
    AuditActie,
    BeschikkingStatus,
    Besluit,
    DekkingBron,
    Leveringsvorm,
    MeldingSoort,
    OnderzoekStatus,
    Rol,
    StapStatus,
    ToetsScore,
    Wet,
)
from consulent_app.errors import ConsulentFout, RegelFout, ValidatieFout
from consulent_app.formatting import bedrag, datum_kort, getal
from consulent_app.formatting import datum as datum_tekst
from consulent_app.formulieren import Formulier, StapDef, laad_formulier
from consulent_app.rules import stappenplan as sp
from consulent_app.rules import toetsing as regels
from consulent_app.rules import validatie as v
from consulent_app.rules.duur import duur_fouten
from consulent_app.rules.omvang import omvang_tekst, omvang_van
from consulent_app.services.base import (
    Actor,
    AppContext,
    audit,
    audit_lijst,
    client_ids_van,
    controleer_versie,
    haal,
    transactie,
    vereis_rol,
    vereis_team,
)
from consulent_app.services.dossiers import volledige_naam

OPMERKINGEN_MAX = 4000


class OngewijzigdAangeboden(RegelFout):
    """A returned decision offered again while neither the report nor the decision changed since the reviewer
    returned it: the screen asks first (`ook_ongewijzigd=True` to go on)."""

    def __init__(self, kenmerk: str) -> None:
        super().__init__(f"Sinds de toetser beschikking {kenmerk} terugstuurde, is er niets veranderd aan het verslag "
                         "of de beschikking.")

TOELICHTING_MAX = 2000

STAP_TITELS = {
    Wet.WMO: {1: "Hulpvraag", 2: "Problemen zelfredzaamheid en participatie", 3: "Gewenst resultaat",
              4: "Ondersteuning naar aard en omvang (bruto-hulp)",
              5: "Eigen mogelijkheden, gebruikelijke hulp, sociaal netwerk", 6: "Andere (algemene) voorzieningen",
              7: "Vaststelling maatwerk: aard, omvang en duur"},
    Wet.JEUGDWET: {1: "Hulpvraag jeugdige en/of ouder(s)",
                   2: "Opvoed- en opgroeiproblemen, psychische problemen en stoornissen", 3: "Gewenst resultaat",
                   4: "Hulp naar aard en omvang (bruto)",
                   5: "Eigen mogelijkheden, probleemoplossend vermogen ouder(s), sociaal netwerk",
                   6: "Overige of andere voorzieningen", 7: "Vaststelling individuele voorziening: aard, omvang en duur"},
}

UITKOMSTEN = {"goedgekeurd": "Goedgekeurd", "teruggestuurd": "Teruggestuurd met opmerkingen"}


# --------------------------------------------------------------------------------------------------------------
# DTOs
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sectie:
    """A block of the structured text view of the case: a heading and lines."""

    kop: str
    regels: list[str]


@dataclass(frozen=True)
class CriteriumRegel:
    nummer: int
    titel: str
    toelichting: str
    kort: str
    bevinding: str  # rules.toetsing.Bevinding value
    bevinding_label: str
    bevinding_tekst: str
    voorstel: str | None  # suggested score (ToetsScore value) or None


@dataclass(frozen=True)
class ScoreView:
    criterium: int
    titel: str
    score: str
    score_label: str
    toelichting: str | None


@dataclass(frozen=True)
class ToetsingView:
    id: int
    tijdstip: dt.datetime
    toetser: str
    uitkomst: str
    uitkomst_label: str
    opmerkingen: str | None
    scores: list[ScoreView]
    gemiddelde: float | None
    eindoordeel: str | None  # ToetsScore value


@dataclass(frozen=True)
class ToetsDossier:
    """Everything the review screen shows for one decision."""

    beschikking_id: int
    versie: int
    kenmerk: str
    status: str
    status_label: str
    client_id: int
    client: str
    wet: str
    wet_label: str
    auteur_id: int
    auteur: str
    aanvraag_datum: dt.date
    beslistermijn_einde: dt.date | None
    criteria: list[CriteriumRegel]
    verslag: list[Sectie]
    beschikking: list[Sectie]
    eerdere_toetsingen: list[ToetsingView] = field(default_factory=list)
    documenten: list[tuple[int, str]] = field(default_factory=list)  # (document id, title) of verslag/beschikking
    onderzoek_id: int | None = None


@dataclass(frozen=True)
class ScoreInvoer:
    score: str  # ToetsScore value
    toelichting: str | None = None


@dataclass(frozen=True)
class TeruggestuurdRegel:
    beschikking_id: int
    kenmerk: str
    client_id: int
    client: str
    teruggestuurd_op: dt.datetime
    toetser: str
    opmerkingen: str | None


@dataclass(frozen=True)
class KwaliteitRegel:
    wet: str
    criterium: int
    titel: str
    voldoende: int
    matig: int
    onvoldoende: int
    nvt: int
    gemiddelde: float | None  # voldoende 3, matig 2, onvoldoende 1

    @property
    def getoetst(self) -> int:
        return self.voldoende + self.matig + self.onvoldoende


# --------------------------------------------------------------------------------------------------------------
# Gathering the facts of a case
# --------------------------------------------------------------------------------------------------------------

_STAP5 = {DekkingBron.CLIENT_ZELF.value, DekkingBron.GEBRUIKELIJKE_HULP.value}
_NETWERK = {DekkingBron.NETWERK_NU.value, DekkingBron.NETWERK_MOGELIJK.value}


def _laad(s: Session, beschikking_id: int) -> tuple[m.Beschikking, m.Aanvraag, m.Onderzoek | None, m.Client]:
    b = s.get(m.Beschikking, beschikking_id, options=[selectinload(m.Beschikking.regels)])
    if b is None:
        from consulent_app.errors import NietGevonden

        raise NietGevonden(f"Beschikking met nummer {beschikking_id} bestaat niet (meer).")
    a = haal(s, m.Aanvraag, b.aanvraag_id, "Aanvraag")
    o = s.get(m.Onderzoek, a.onderzoek_id, options=[
        selectinload(m.Onderzoek.stappen), selectinload(m.Onderzoek.problemen), selectinload(m.Onderzoek.resultaten),
        selectinload(m.Onderzoek.behoeften).selectinload(m.Behoefte.dekkingen)]) if a.onderzoek_id else None
    c = haal(s, m.Client, b.client_id, "Cliënt")
    return b, a, o, c


def _voorzieningen(s: Session, b: m.Beschikking, a: m.Aanvraag) -> list[m.Voorziening]:
    ids = {r.voorziening_id for r in b.regels}
    q = select(m.Voorziening).options(selectinload(m.Voorziening.product), selectinload(m.Voorziening.aanbieder),
                                      selectinload(m.Voorziening.behoeften).selectinload(m.Behoefte.dekkingen),
                                      selectinload(m.Voorziening.resultaten))
    q = q.where(m.Voorziening.aanvraag_id == a.id) if not ids else q.where(
        (m.Voorziening.aanvraag_id == a.id) | (m.Voorziening.id.in_(ids)))
    return list(s.scalars(q.order_by(m.Voorziening.id)))


def _vz_naam(vz: m.Voorziening) -> str:
    if vz.product is not None:
        return vz.product.naam
    return codelists.productcategorieen(Wet(vz.wet)).get(vz.productcategorie, vz.productcategorie)


def _saldo(beh: m.Behoefte) -> sp.BehoefteSaldo:
    """Bruto / gedekt / netto of one need, by the stappenplan's rule."""
    return sp.bruto_netto([beh])[0]


def _netto_fouten(vz: m.Voorziening, r: m.BeschikkingRegel | None, typ: str) -> dict[str, str]:
    from consulent_app.services.beschikkingen import netto_fouten

    return netto_fouten(vz, r.besluit if r is not None else vz.besluit, typ,
                        grond=r.weigeringsgrond if r is not None else None,
                        reden_boven_netto=r.reden_boven_netto if r is not None else None)


def _feiten(ctx: AppContext, s: Session, b: m.Beschikking, a: m.Aanvraag, o: m.Onderzoek | None,
            vzs: list[m.Voorziening]) -> regels.ZaakFeiten:
    wet = Wet(a.wet)
    regel_besluit = {r.voorziening_id: r.besluit for r in b.regels}
    regel_per_vz = {r.voorziening_id: r for r in b.regels}
    melding = s.get(m.Melding, o.melding_id) if o is not None else None
    bestaand = a.soort == MeldingSoort.WIJZIGING.value or (
        melding is not None and melding.soort in (MeldingSoort.BESTAANDE_CLIENT.value, MeldingSoort.WIJZIGING.value))
    vz_feiten = []
    for vz in vzs:
        vz_feiten.append(regels.VoorzieningFeit(
            naam=_vz_naam(vz), besluit=vz.besluit, startdatum=vz.startdatum, einddatum=vz.einddatum,
            po_datum=vz.po_datum, volume=vz.volume, motivering=vz.motivering, beoogd_resultaat=vz.beoogd_resultaat,
            behoeften=tuple(bh.omschrijving for bh in vz.behoeften),
            netto_behoeften=sum(1 for bh in vz.behoeften if not _saldo(bh).volledig_gedekt),
            resultaten=len(vz.resultaten), plan_nodig=bool(vz.product and vz.product.plan_nodig),
            plan_verwacht=vz.plan_verwacht, plan_verwacht_op=vz.plan_verwacht_op,
            plan_ontvangen_op=vz.plan_ontvangen_op,
            in_beschikking=not regel_besluit or vz.id in regel_besluit,
            besluit_in_beschikking=regel_besluit.get(vz.id),
            netto_strijdig=" ".join(_netto_fouten(vz, regel_per_vz.get(vz.id), b.type).values())))
    if o is None:
        return regels.ZaakFeiten(wet=wet, stappen={}, bestaande_client=bestaand, voorzieningen=tuple(vz_feiten),
                                 na_po=a.aanleiding_po_id is not None,
                                 verslag_uitgereikt_op=a.verslag_uitgereikt_op, reactie_datum=a.reactie_datum,
                                 reactie_opmerkingen=bool(a.reactie_opmerkingen),
                                 verslag_getekend=a.verslag_getekend,
                                 po_maximum_maanden=ctx.config.termijnen.po_maximum_maanden,
                                 jeugd_maximum_maanden=ctx.config.termijnen.jeugd_maximum_maanden)
    dekkingen = [d for bh in o.behoeften for d in bh.dekkingen]
    return regels.ZaakFeiten(
        wet=wet, stappen={st.nummer: st.status for st in o.stappen},
        nvt_redenen={st.nummer: st.nvt_reden for st in o.stappen if st.nvt_reden},
        problemen=len(o.problemen), leefgebieden=len({p.leefgebied for p in o.problemen}),
        eerdere_hulp_evaluatie=bool(o.eerdere_hulp_evaluatie), bestaande_client=bestaand,
        resultaten=len(o.resultaten),
        behoeften=tuple(regels.BehoefteFeit.van_saldo(_saldo(bh)) for bh in o.behoeften),
        dekking_stap5=sum(1 for d in dekkingen if d.bron in _STAP5),
        dekking_netwerk=sum(1 for d in dekkingen if d.bron in _NETWERK),
        dekking_stap6=sum(1 for d in dekkingen if d.bron not in _STAP5 | _NETWERK),
        voorzieningen=tuple(vz_feiten), client_gehoord=o.client_gehoord,
        vertegenwoordiger_gehoord=o.vertegenwoordiger_gehoord, jeugdige_gehoord=o.jeugdige_gehoord,
        reden_niet_gehoord=bool(o.reden_niet_gehoord), derden_geraadpleegd=bool(o.derden_geraadpleegd),
        verslag_uitgereikt_op=a.verslag_uitgereikt_op, reactie_datum=a.reactie_datum,
        reactie_opmerkingen=bool(a.reactie_opmerkingen), verslag_getekend=a.verslag_getekend,
        po_maximum_maanden=ctx.config.termijnen.po_maximum_maanden,
        jeugd_maximum_maanden=ctx.config.termijnen.jeugd_maximum_maanden)


def _ja_nee(x: bool | None) -> str:
    return "ja" if x else ("nee" if x is False else "niet vastgelegd")


def _velden_tekst(velden: dict[str, object], stap: StapDef | None) -> list[str]:
    """The step's recorded fields with their labels from forms/ (fallback: the key made readable)."""
    out = []
    for k, val in velden.items():
        veld = stap.veld(k) if stap is not None else None
        label = veld.label if veld is not None else k.replace("_", " ").capitalize()
        if isinstance(val, bool):
            out.append(f"{label}: {'ja' if val else 'nee'}")
        elif isinstance(val, str) and val.strip():
            out.append(val.strip() if k == "toelichting" and veld is None else f"{label}: {val.strip()}")
    return out


def _formulier(wet: Wet) -> Formulier | None:
    try:
        return laad_formulier(wet)
    except ConsulentFout:  # a broken forms/ file must not block the review; titles fall back to the defaults
        return None


def _verslag(s: Session, a: m.Aanvraag, o: m.Onderzoek | None, c: m.Client) -> list[Sectie]:
    wet = Wet(a.wet)
    if o is None:
        po = s.get(m.PeriodiekOnderzoek, a.aanleiding_po_id) if a.aanleiding_po_id else None
        if po is None:
            return [Sectie("Onderzoek", ["Bij deze aanvraag hoort geen onderzoek."])]
        from consulent_app.rules.periodiek import uitkomst_label

        return [Sectie("Periodiek onderzoek", [
            f"Cliënt: {volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam)}, geboren "
            f"{datum_kort(c.geboortedatum)}",
            f"Gepland op {datum_tekst(po.geplande_datum)}, afgerond op {datum_tekst(po.afgerond_op, leeg='-')}",
            f"Uitkomst: {uitkomst_label(po.uitkomst) or 'nog niet afgerond'}",
            f"Verslag: {po.verslag or 'geen'}",
            f"Volgend onderzoek: {datum_tekst(po.volgende_po_datum, leeg='geen')}; einddatum: "
            f"{datum_tekst(po.einddatum, leeg='geen')}",
        ])]
    melding = s.get(m.Melding, o.melding_id)
    secties = [Sectie("Cliënt en gesprek", [
        f"Cliënt: {volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam)}, geboren {datum_kort(c.geboortedatum)}",
        f"Wet: {wet.label}" + (f"; melding op {datum_tekst(melding.datum)}" if melding else ""),
        f"Gesprek: {datum_tekst(o.gesprek_datum, leeg='datum niet vastgelegd')}"
        + (f", {o.gesprek_plaats}" if o.gesprek_plaats else ""),
        f"Cliënt gesproken: {_ja_nee(o.client_gehoord)}; vertegenwoordiger gesproken: "
        f"{_ja_nee(o.vertegenwoordiger_gehoord)}"
        + (f"; jeugdige gesproken: {_ja_nee(o.jeugdige_gehoord)}" if wet is Wet.JEUGDWET else ""),
        *( [f"Reden niet gesproken: {o.reden_niet_gehoord}"] if o.reden_niet_gehoord else []),
        f"Derden geraadpleegd: {o.derden_geraadpleegd or 'geen vastgelegd'}",
        *( [f"Evaluatie eerdere hulp: {o.eerdere_hulp_evaluatie}"] if o.eerdere_hulp_evaluatie else []),
        *( [f"Persoonlijk plan: {o.persoonlijk_plan}"] if o.persoonlijk_plan else []),
    ])]
    formulier = _formulier(wet)
    titels = {sd.nummer: sd.titel for sd in formulier.stappen} if formulier else STAP_TITELS[wet]
    for st in o.stappen:
        regels_stap = [f"Status: {StapStatus(st.status).label}"]
        if st.nvt_reden:
            regels_stap.append(f"Reden niet van toepassing: {st.nvt_reden}")
        regels_stap.extend(_velden_tekst(st.velden or {}, formulier.stap(st.nummer) if formulier else None))
        if st.nummer == 2 and o.problemen:
            regels_stap.extend(
                f"{formulier.leefgebied_naam(p.leefgebied) if formulier else p.leefgebied.capitalize()}: "
                f"{p.beschrijving}" + (f" ({p.ernst})" if p.ernst else "") for p in o.problemen)
        if st.nummer == 3 and o.resultaten:
            regels_stap.extend(f"Gewenst resultaat: {r.omschrijving}" for r in o.resultaten)
        secties.append(Sectie(f"Stap {st.nummer}. {titels.get(st.nummer, '')}", regels_stap))
    if o.behoeften:
        tabel = []
        for bh in o.behoeften:
            saldo = _saldo(bh)
            tabel.append(f"{bh.omschrijving}: bruto {omvang_tekst(bh.volume, bh.eenheid, bh.frequentie)}, "
                         f"gedekt {getal(saldo.gedekt)}, netto {getal(saldo.netto)}")
            for d in bh.dekkingen:
                tabel.append(f"    - {DekkingBron(d.bron).label}: {getal(d.volume)}"
                             + (f" ({d.toelichting})" if d.toelichting else ""))
        secties.append(Sectie("Bruto / gedekt / netto", tabel))
    secties.append(Sectie("Reactie van de cliënt", [
        f"Verslag uitgereikt op: {datum_tekst(a.verslag_uitgereikt_op, leeg='niet vastgelegd')}",
        f"Reactie ontvangen op: {datum_tekst(a.reactie_datum, leeg='niet vastgelegd')}; "
        f"verslag getekend: {_ja_nee(a.verslag_getekend)}",
        f"Opmerkingen van de cliënt: {a.reactie_opmerkingen or 'geen'}",
        f"Datum aanvraag: {datum_tekst(a.datum)}",
    ]))
    return secties


def _beschikking(b: m.Beschikking, vzs: list[m.Voorziening]) -> list[Sectie]:
    besluit = {r.voorziening_id: r for r in b.regels}
    secties = [Sectie(f"Concept-beschikking {b.kenmerk}", [f"Status: {BeschikkingStatus(b.status).label}"])]
    for vz in vzs:
        r = besluit.get(vz.id)
        waarde = r.besluit if r else vz.besluit
        # an ending decision's line says "beeindigd", which is no Besluit of a request: shown as written
        bes = Besluit(waarde) if waarde in Besluit._value2member_map_ else None
        regels_vz = [f"Besluit: {bes.label if bes else waarde.capitalize()}"]
        if bes is not Besluit.AFGEWEZEN:
            regels_vz += [
                f"Omvang: {omvang_van(vz)}",
                f"Ingangsdatum: {datum_tekst(vz.startdatum)}",
                f"Einddatum: {datum_tekst(vz.einddatum, leeg='geen (onbepaalde tijd)')}",
                f"Periodiek onderzoek: {datum_tekst(vz.po_datum, leeg='niet gepland')}",
                f"Leveringsvorm: {Leveringsvorm(vz.leveringsvorm).label}"
                + (f", aanbieder {vz.aanbieder.naam}" if vz.aanbieder else "")
                + (f", bedrag {bedrag(vz.pgb_bedrag)}" if vz.pgb_bedrag else ""),
                f"Beoogd resultaat: {vz.beoogd_resultaat or 'niet ingevuld'}",
            ]
        regels_vz.append(f"Motivering: {(r.motivering if r and r.motivering else vz.motivering) or 'niet ingevuld'}")
        secties.append(Sectie(_vz_naam(vz), regels_vz))
    return secties


def _toetsing_views(s: Session, b: m.Beschikking, wet: Wet) -> list[ToetsingView]:
    titels = {c.nummer: c.titel for c in regels.criteria(wet)}
    namen = dict(s.execute(select(m.Gebruiker.id, m.Gebruiker.naam)).all())
    out = []
    for t in s.scalars(select(m.Toetsing).where(m.Toetsing.beschikking_id == b.id)
                       .options(selectinload(m.Toetsing.scores)).order_by(m.Toetsing.tijdstip.desc(),
                                                                           m.Toetsing.id.desc())):
        scores = sorted(t.scores, key=lambda x: x.criterium)
        gem, oordeel = regels.eindoordeel({x.criterium: x.score for x in scores})
        out.append(ToetsingView(
            t.id, t.tijdstip, namen.get(t.toetser_id, "onbekend"), t.uitkomst, UITKOMSTEN.get(t.uitkomst, t.uitkomst),
            t.opmerkingen,
            [ScoreView(x.criterium, titels.get(x.criterium, ""), x.score, regels.score_label(x.score), x.toelichting)
             for x in scores], gem, oordeel.value if oordeel else None))
    return out


# --------------------------------------------------------------------------------------------------------------
# Use cases
# --------------------------------------------------------------------------------------------------------------


def _inhoud_hash(s: Session, b: m.Beschikking, a: m.Aanvraag, o: m.Onderzoek | None, c: m.Client,
                 vzs: list[m.Voorziening]) -> str:
    """The report and the decision as the reviewer reads them (without the decision's status line)."""
    import hashlib
    import json

    secties = _verslag(s, a, o, c) + _beschikking(b, vzs)[1:]
    return hashlib.sha256(json.dumps([[x.kop, x.regels] for x in secties], ensure_ascii=False)
                          .encode("utf-8")).hexdigest()


def dien_in_voor_toetsing(ctx: AppContext, actor: Actor, beschikking_id: int, *, versie: int | None = None,
                          vandaag: dt.date | None = None, ook_ongewijzigd: bool = False) -> int:
    """The author offers the decision for review. Returns the new version.

    Refused while a granted provision lacks an end date or a planned PO within the maximum (domain brief
    section 7: "a decision with a granted provision cannot be finalised without"), and while its investigation is
    reopened. A returned decision offered again with neither report nor decision changed raises
    `OngewijzigdAangeboden` unless `ook_ongewijzigd` (the consultant confirmed).
    """
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        b, a, o, c = _laad(s, beschikking_id)
        vereis_team(actor, c.team_id)
        controleer_versie(b, versie)
        if b.auteur_id != actor.gebruiker_id:
            raise RegelFout("Alleen de consulent die de beschikking heeft opgesteld, kan hem ter toetsing aanbieden.")
        st = BeschikkingStatus(b.status)
        if st not in (BeschikkingStatus.CONCEPT, BeschikkingStatus.TERUGGESTUURD):
            raise RegelFout(f"Deze beschikking kan niet (opnieuw) ter toetsing: de status is '{st.label}'.")
        vzs = _voorzieningen(s, b, a)
        if not vzs:
            raise RegelFout("De beschikking bevat geen voorzieningen; er valt niets te toetsen.")
        besluit = {r.voorziening_id: r.besluit for r in b.regels}
        problemen: list[str] = []
        for vz in vzs:
            fouten = duur_fouten(wet=vz.wet, besluit=besluit.get(vz.id, vz.besluit), startdatum=vz.startdatum,
                                 einddatum=vz.einddatum, po_datum=vz.po_datum,
                                 grenzen=ctx.config.termijnen.duurgrenzen)
            problemen.extend(f"{_vz_naam(vz)}: {msg}" for msg in fouten.values())
        from consulent_app.services.beschikkingen import ingang_fouten, netto_fouten, wijziging_fouten

        for r in b.regels:
            problemen.extend(f"{_vz_naam(r.voorziening)}: {msg}" for msg in wijziging_fouten(
                b.type, r.besluit, r.reden_wijziging).values())
            problemen.extend(f"{_vz_naam(r.voorziening)}: {msg}" for msg in ingang_fouten(
                s, ctx, r.voorziening, r.besluit, b.type, vandaag or dt.date.today(),
                einddatum=r.einddatum).values())
            problemen.extend(f"{_vz_naam(r.voorziening)}: {msg}" for msg in netto_fouten(
                r.voorziening, r.besluit, b.type, grond=r.weigeringsgrond,
                reden_boven_netto=r.reden_boven_netto).values())
        if problemen:
            raise RegelFout("De beschikking kan nog niet ter toetsing. " + " ".join(problemen))
        if o is not None and o.status == OnderzoekStatus.HEROPEND.value:
            raise RegelFout("Het onderzoek is heropend: rond het eerst opnieuw af (dan is er een nieuwe versie van het "
                            "verslag) en bied de beschikking daarna ter toetsing aan.")
        if st is BeschikkingStatus.TERUGGESTUURD and not ook_ongewijzigd:
            vorige = s.scalars(select(m.Toetsing.inhoud_hash).where(m.Toetsing.beschikking_id == b.id)
                               .order_by(m.Toetsing.tijdstip.desc(), m.Toetsing.id.desc()).limit(1)).first()
            if vorige is not None and vorige == _inhoud_hash(s, b, a, o, c, vzs):
                raise OngewijzigdAangeboden(b.kenmerk)
        b.status = BeschikkingStatus.TER_TOETSING.value
        b.ter_toetsing_op = utcnow()
        b.toetser_id = None
        s.flush()
        audit(s, actor, AuditActie.WIJZIGEN, "beschikking", b.id, client_id=c.id, details="status=ter_toetsing")
        return b.versie


def toets_dossier(ctx: AppContext, actor: Actor, beschikking_id: int) -> ToetsDossier:
    """The review screen's content: the report, the draft decision and the automatic check per criterion."""
    vereis_rol(actor, Rol.TOETSER, Rol.CONSULENT, Rol.TEAMLEIDER)
    with transactie(ctx, actor) as s:
        b, a, o, c = _laad(s, beschikking_id)
        vereis_team(actor, c.team_id)
        wet = Wet(a.wet)
        vzs = _voorzieningen(s, b, a)
        checks = regels.automatische_toets(_feiten(ctx, s, b, a, o, vzs))
        crit = {k.nummer: k for k in regels.criteria(wet)}
        criteria = [CriteriumRegel(ch.criterium, crit[ch.criterium].titel, crit[ch.criterium].toelichting,
                                   crit[ch.criterium].kort, ch.bevinding.value, ch.bevinding.label, ch.toelichting,
                                   (sc.value if (sc := regels.voorgestelde_score(ch)) else None)) for ch in checks]
        auteur = s.get(m.Gebruiker, b.auteur_id)
        docs = s.execute(select(m.Document.id, m.Document.titel).where(
            (m.Document.beschikking_id == b.id) | ((m.Document.onderzoek_id == a.onderzoek_id)
                                                   & (m.Document.onderzoek_id.is_not(None))))
            .order_by(m.Document.aangemaakt_op.desc())).all()
        view = ToetsDossier(
            b.id, b.versie, b.kenmerk, b.status, BeschikkingStatus(b.status).label, c.id,
            volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam), wet.value, wet.label, b.auteur_id,
            auteur.naam if auteur else "onbekend", a.datum, a.beslistermijn_einde, criteria,
            _verslag(s, a, o, c), _beschikking(b, vzs), _toetsing_views(s, b, wet),
            [(int(i), str(t)) for i, t in docs], a.onderzoek_id)
        audit(s, actor, AuditActie.LEZEN, "beschikking", b.id, client_id=c.id, details="toetsing")
        return view


def beoordeel(ctx: AppContext, actor: Actor, beschikking_id: int, *, uitkomst: str,
              scores: Mapping[int, ScoreInvoer], opmerkingen: str | None = None, versie: int | None = None,
              vandaag: dt.date | None = None) -> int:
    """The reviewer's judgement. Returns the id of the stored Toetsing.

    * the reviewer is never the author (four eyes);
    * only a decision that is "ter toetsing" can be judged, once;
    * approve (`goedgekeurd`): every criterion scored, none onvoldoende; the decision goes to administrative staff;
    * return (`teruggestuurd`): remarks are required; they are shown to the consultant.
    """
    vereis_rol(actor, Rol.TOETSER)
    fouten = v.Fouten()
    if uitkomst not in UITKOMSTEN:
        fouten.add("uitkomst", "Kies goedkeuren of terugsturen.")
    try:
        opm = v.tekst(opmerkingen, "opmerkingen", "Opmerkingen", max_lengte=OPMERKINGEN_MAX, meerdere_regels=True)
    except ValidatieFout as exc:
        fouten.add("opmerkingen", exc.bericht)
        opm = None
    schoon: dict[int, tuple[ToetsScore, str | None]] = {}
    for nr, inv in scores.items():
        veld = f"criterium_{nr}"
        if nr not in regels.NUMMERS:
            fouten.add(veld, f"Criterium {nr} bestaat niet; er zijn 13 criteria.")
            continue
        try:
            sc = ToetsScore(inv.score)
        except ValueError:
            fouten.add(veld, f"Criterium {nr}: kies voldoende, matig, onvoldoende of n.v.t.")
            continue
        try:
            toel = v.tekst(inv.toelichting, veld, f"Toelichting bij criterium {nr}", max_lengte=TOELICHTING_MAX,
                           meerdere_regels=True)
        except ValidatieFout as exc:
            fouten.add(veld, exc.bericht)
            continue
        schoon[nr] = (sc, toel)
    if uitkomst == "teruggestuurd" and not opm and "opmerkingen" not in fouten.fouten:
        fouten.add("opmerkingen", "Schrijf bij terugsturen op wat de consulent moet aanpassen.")
    if uitkomst == "goedgekeurd":
        for nr in regels.NUMMERS:
            if nr not in scores:
                fouten.add(f"criterium_{nr}", f"Geef criterium {nr} een score voordat u goedkeurt.")
            elif nr in schoon and schoon[nr][0] is ToetsScore.ONVOLDOENDE:
                fouten.add(f"criterium_{nr}", f"Criterium {nr} is onvoldoende: stuur de beschikking terug in plaats "
                                              "van goed te keuren.")
    with transactie(ctx, actor) as s:
        b, a, o, c = _laad(s, beschikking_id)
        vereis_team(actor, c.team_id)
        if b.auteur_id == actor.gebruiker_id:
            raise RegelFout("U heeft deze beschikking zelf opgesteld. Een collega moet hem toetsen (vier ogen).")
        st = BeschikkingStatus(b.status)
        if st is not BeschikkingStatus.TER_TOETSING:
            meld = {
                BeschikkingStatus.GOEDGEKEURD: "Deze beschikking is al goedgekeurd en wacht op verzending.",
                BeschikkingStatus.VERZONDEN: "Deze beschikking is al verzonden.",
                BeschikkingStatus.TERUGGESTUURD: "Deze beschikking is teruggestuurd naar de consulent; wacht tot die "
                                                 "hem opnieuw aanbiedt.",
                BeschikkingStatus.CONCEPT: "Deze beschikking is nog niet ter toetsing aangeboden.",
            }
            raise RegelFout(meld[st])
        controleer_versie(b, versie)
        fouten.check()
        t = m.Toetsing(beschikking_id=b.id, toetser_id=actor.gebruiker_id, uitkomst=uitkomst, opmerkingen=opm,
                       tijdstip=utcnow(), inhoud_hash=_inhoud_hash(s, b, a, o, c, _voorzieningen(s, b, a)))
        t.scores = [m.ToetsingScore(criterium=nr, score=sc.value, toelichting=toel)
                    for nr, (sc, toel) in sorted(schoon.items())]
        s.add(t)
        b.toetser_id = actor.gebruiker_id
        if uitkomst == "goedgekeurd":
            b.status = BeschikkingStatus.GOEDGEKEURD.value
            b.goedgekeurd_op = dt.datetime.combine(vandaag, utcnow().time()) if vandaag else utcnow()
            # The decision is taken (signed under mandate) on approval: the dossier shows that date. The letter
            # carries its sending date (documents.gegevens.brief_datum) and the request is decided, its term met
            # and the throughput counted, when it is sent (Awb 3:41, 4:13).
            b.datum = b.goedgekeurd_op.date()
        else:
            b.status = BeschikkingStatus.TERUGGESTUURD.value
        s.flush()
        audit(s, actor, AuditActie.WIJZIGEN, "beschikking", b.id, client_id=c.id,
              details=f"toetsing#{t.id}: {uitkomst}, scores={len(schoon)}")
        return t.id


def toetsingen_van(ctx: AppContext, actor: Actor, beschikking_id: int) -> list[ToetsingView]:
    """Earlier reviews of a decision, newest first: the remarks the consultant must act on."""
    vereis_rol(actor, Rol.CONSULENT, Rol.TOETSER, Rol.TEAMLEIDER)
    with transactie(ctx, actor) as s:
        b, a, _o, c = _laad(s, beschikking_id)
        vereis_team(actor, c.team_id)
        views = _toetsing_views(s, b, Wet(a.wet))
        audit(s, actor, AuditActie.LEZEN, "toetsing", b.id, client_id=c.id)
        return views


def mijn_teruggestuurde(ctx: AppContext, actor: Actor) -> list[TeruggestuurdRegel]:
    """The consultant's returned decisions with the reviewer's latest remarks, oldest first."""
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx, actor) as s:
        laatste = (select(m.Toetsing.beschikking_id, func.max(m.Toetsing.id).label("tid"))
                   .group_by(m.Toetsing.beschikking_id).subquery())
        rows = s.execute(
            select(m.Beschikking, m.Client, m.Toetsing, m.Gebruiker.naam)
            .join(m.Client, m.Client.id == m.Beschikking.client_id)
            .join(laatste, laatste.c.beschikking_id == m.Beschikking.id)
            .join(m.Toetsing, m.Toetsing.id == laatste.c.tid)
            .join(m.Gebruiker, m.Gebruiker.id == m.Toetsing.toetser_id)
            .where(m.Beschikking.auteur_id == actor.gebruiker_id,
                   m.Beschikking.status == BeschikkingStatus.TERUGGESTUURD.value)
            .order_by(m.Toetsing.tijdstip)).all()
        uit = [TeruggestuurdRegel(b.id, b.kenmerk, c.id, volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam),
                                  t.tijdstip, naam, t.opmerkingen) for b, c, t, naam in rows]
        audit_lijst(s, actor, "teruggestuurd", client_ids_van(uit))
        return uit


def kwaliteit_per_criterium(ctx: AppContext, actor: Actor, *, team_id: int | None = None,
                            van: dt.date | None = None, tot: dt.date | None = None,
                            wet: str | None = None) -> list[KwaliteitRegel]:
    """Scores per law and criterion over a period (inclusive dates), for one team or every team the user sees."""
    vereis_rol(actor, Rol.TEAMLEIDER, Rol.TOETSER)
    teams = {team_id} if team_id is not None else set(actor.teams)
    for t in teams:
        vereis_team(actor, t)
    q = (select(m.Aanvraag.wet, m.ToetsingScore.criterium, m.ToetsingScore.score, func.count())
         .join(m.Toetsing, m.Toetsing.id == m.ToetsingScore.toetsing_id)
         .join(m.Beschikking, m.Beschikking.id == m.Toetsing.beschikking_id)
         .join(m.Aanvraag, m.Aanvraag.id == m.Beschikking.aanvraag_id)
         .join(m.Client, m.Client.id == m.Beschikking.client_id)
         .group_by(m.Aanvraag.wet, m.ToetsingScore.criterium, m.ToetsingScore.score))
    q = q.where(m.Client.team_id.in_(sorted(teams)))  # no teams: no scores (fail safe)
    if van is not None:
        q = q.where(m.Toetsing.tijdstip >= dt.datetime.combine(van, dt.time()))
    if tot is not None:
        q = q.where(m.Toetsing.tijdstip < dt.datetime.combine(tot + dt.timedelta(days=1), dt.time()))
    if wet is not None:
        q = q.where(m.Aanvraag.wet == wet)
    telling: dict[tuple[str, int], dict[str, int]] = {}
    with transactie(ctx, actor) as s:
        for w, nr, sc, n in s.execute(q).all():
            telling.setdefault((w, nr), {})[sc] = int(n)
    out = []
    for (w, nr), per in sorted(telling.items()):
        crit = {c.nummer: c for c in regels.criteria(w)}
        punten = sum(regels.SCORE_WAARDE[ToetsScore(k)] * n for k, n in per.items() if k != ToetsScore.NVT.value)
        aantal = sum(n for k, n in per.items() if k != ToetsScore.NVT.value)
        out.append(KwaliteitRegel(w, nr, crit[nr].titel if nr in crit else "", per.get("voldoende", 0),
                                  per.get("matig", 0), per.get("onvoldoende", 0), per.get("nvt", 0),
                                  punten / aantal if aantal else None))
    return out


@dataclass(frozen=True)
class EigenBeschikking:
    """A consultant's own decision on its way through review, with the reviewer's latest remarks."""

    beschikking_id: int
    versie: int
    kenmerk: str
    client_id: int
    client: str
    status: str
    status_label: str
    beslistermijn_einde: dt.date | None
    toetser: str | None
    opmerkingen: str | None


def mijn_beschikkingen(ctx: AppContext, actor: Actor) -> list[EigenBeschikking]:
    """The consultant's decisions in concept, under review or returned; returned first, then by decision term."""
    vereis_rol(actor, Rol.CONSULENT)
    statussen = (BeschikkingStatus.TERUGGESTUURD.value, BeschikkingStatus.CONCEPT.value,
                 BeschikkingStatus.TER_TOETSING.value)
    with transactie(ctx, actor) as s:
        laatste = (select(m.Toetsing.beschikking_id, func.max(m.Toetsing.id).label("tid"))
                   .group_by(m.Toetsing.beschikking_id).subquery())
        rows = s.execute(
            select(m.Beschikking, m.Client, m.Aanvraag.beslistermijn_einde, m.Toetsing)
            .join(m.Client, m.Client.id == m.Beschikking.client_id)
            .join(m.Aanvraag, m.Aanvraag.id == m.Beschikking.aanvraag_id)
            .outerjoin(laatste, laatste.c.beschikking_id == m.Beschikking.id)
            .outerjoin(m.Toetsing, m.Toetsing.id == laatste.c.tid)
            .where(m.Beschikking.auteur_id == actor.gebruiker_id, m.Beschikking.status.in_(statussen))).all()
        namen = dict(s.execute(select(m.Gebruiker.id, m.Gebruiker.naam)).all())
        out = [EigenBeschikking(
            b.id, b.versie, b.kenmerk, c.id, volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam), b.status,
            BeschikkingStatus(b.status).label, einde, namen.get(t.toetser_id) if t else None,
            t.opmerkingen if t is not None and b.status == BeschikkingStatus.TERUGGESTUURD.value else None)
            for b, c, einde, t in rows]
        audit_lijst(s, actor, "mijn_beschikkingen", client_ids_van(out))
    volgorde = {s: i for i, s in enumerate(statussen)}
    return sorted(out, key=lambda e: (volgorde[e.status], e.beslistermijn_einde or dt.date.max, e.client))
