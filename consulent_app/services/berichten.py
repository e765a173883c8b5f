"""iWmo / iJw message traffic with providers through the GGk: the use cases.

* sending a decision (`verzending.markeer_verzonden`) calls `na_verzending`: each granted provision in kind gets an
  assignment (ToewijzingNummer unique within the law, never reused), ended and replaced ones get their new end and
  RedenWijziging, and every provider concerned gets a 301 with the client's complete current set;
* `exporteer` writes every message that is ready as a GGk envelope file; `importeer` reads envelopes or bare
  messages, processes each in one transaction and queues its retour (306, 308, 316, 318) with the retour codes;
  retours on the product's own 301/319 (302, 320) mark them approved or rejected;
* requests (315/317) become work with the chain's 5-working-day answer term: honoured with a 301, or answered
  with a 319;
* the screen "Berichtenverkeer" reads `berichten_lijst` and resends with `opnieuw_aanmaken`.

Every outgoing message is checked against its XSD and the iStandaarden rules (`berichten.regels`) before it is
queued; one that fails is stored as "geblokkeerd" with the reason in Dutch and never exported.

Extension point for further received kinds (issue 18, the 323 declaratie): `registreer_verwerker(323, fn)` next to
`berichten.lees.registreer_lezer(323, lees_323)`; `fn(s, ctx, ontvangen, aanbieder, vandaag)` returns a
`Beoordeling` (retour codes per class) and `importeer` does the rest (duplicates, header checks, one transaction,
storing, the retour when `bouw.RETOUR_KLASSEN` or the verwerker's own `retour` builder knows it).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from lxml import etree
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from consulent_app import codelists, files, termijnen
from consulent_app.berichten import bouw, envelop, lees, regels, soorten, xsd
from consulent_app.berichten.envelop import OnleesbaarBestand
from consulent_app.berichten.soorten import BerichtSoort
from consulent_app.db import models as m
from consulent_app.domain import (
    AanvraagStatus,
    AuditActie,
    BerichtStatus,
    BeschikkingType,
    Besluit,
    Kanaal,
    Leveringsvorm,
    MeldingSoort,
    MeldingStatus,
    Rol,
    ToewijzingStatus,
    VerzoekStatus,
    VoorzieningStatus,
    Wet,
)
from consulent_app.errors import ConsulentFout, GeenToegang, RegelFout, ValidatieFout
from consulent_app.formatting import datum_kort
from consulent_app.rules import verwijzing
from consulent_app.services.base import (
    Actor,
    AppContext,
    audit,
    audit_lijst,
    controleer_consulent,
    haal,
    transactie,
    vereis_actief,
    vereis_rol,
    vereis_team,
)

log = logging.getLogger(__name__)

UIT, IN = "uit", "in"
GETOEKEND = (Besluit.TOEGEKEND.value, Besluit.GEDEELTELIJK.value)
BEHEER_ROLLEN = (Rol.ADMINISTRATIEF, Rol.BEHEERDER)
VERZOEK_ROLLEN = (Rol.CONSULENT, Rol.PLANNER, Rol.TEAMLEIDER, Rol.ADMINISTRATIEF)

#: COD046 from the client register's M/V.
_GESLACHT = {"M": "1", "V": "2"}
#: COD472 from the product's kinds of relation.
_RELATIE = {"ouder": "10", "partner": "12", "huisgenoot": "18", "netwerklid": "20", "vertegenwoordiger": "09"}


def _extra(ctx: AppContext) -> tuple[dt.date, ...]:
    return tuple(ctx.config.termijnen.gelijkgestelde_dagen)


def _vereis(actor: Actor | None, *rollen: Rol) -> None:
    """`None` is the GGk link on the command line (`consulent-app berichten ...`): a batch job, audited as such."""
    if actor is not None:
        vereis_rol(actor, *rollen)


def _naam(c: m.Client) -> str:
    return " ".join(p for p in (c.voornamen, c.tussenvoegsel, c.achternaam) if p)


def _nu() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# --- assignments and the 301 ------------------------------------------------------------------------------------


def _volgend_nummer(s: Session, wet: str) -> int:
    """TR332: unique within the law and never reused (rows are never deleted, so max + 1 never repeats)."""
    hoogste = s.scalar(select(func.max(m.Toewijzing.nummer)).where(m.Toewijzing.wet == wet))
    return int(hoogste or 0) + 1


def _geheel(waarde: Decimal | int | None) -> int | None:
    if waarde is None:
        return None
    return int(Decimal(waarde).to_integral_value())


def _nieuwe_toewijzing(s: Session, vz: m.Voorziening, nu: dt.datetime, *, referentie: str | None = None,
                       commentaar: str | None = None) -> m.Toewijzing:
    product = s.get(m.Product, vz.product_id) if vz.product_id else None
    # CD076: a weekly scope needs an end date; an open-ended Wmo provision is assigned up to its planned PO.
    einde = vz.einddatum or (vz.po_datum if vz.frequentie == "2" else None)
    t = m.Toewijzing(
        wet=vz.wet, nummer=_volgend_nummer(s, vz.wet), voorziening_id=vz.id, client_id=vz.client_id,
        aanbieder_id=vz.aanbieder_id, productcategorie=vz.productcategorie,
        productcode=product.istandaard_code if product else None, ingangsdatum=vz.startdatum, einddatum=einde,
        volume=_geheel(vz.volume), eenheid=vz.eenheid, frequentie=vz.frequentie, budget=None, toegewezen_op=nu,
        referentie_aanbieder=referentie, commentaar=commentaar, status=ToewijzingStatus.ACTUEEL.value)
    s.add(t)
    s.flush()
    return t


def _client_gegevens(s: Session, c: m.Client) -> bouw.ClientGegevens:
    relaties = tuple(
        bouw.RelatieGegevens(nummer=f"R{r.id}", soort=_RELATIE.get(r.soort, "09"),
                             achternaam=(r.naam.split(":")[-1].split() or ["-"])[-1],
                             voornamen=" ".join(r.naam.split(":")[-1].split()[:-1]) or None,
                             telefoon=r.telefoon, email=r.email)
        for r in s.scalars(select(m.Relatie).where(m.Relatie.client_id == c.id).order_by(m.Relatie.id))
        if r.gezag or r.soort == "vertegenwoordiger")
    return bouw.ClientGegevens(
        bsn=c.bsn, geboortedatum=c.geboortedatum, geslacht=_GESLACHT.get(c.geslacht or "", "0"),
        achternaam=c.achternaam, voorvoegsel=c.tussenvoegsel, voornamen=c.voornamen,
        adres=bouw.Adres(c.straat, c.huisnummer, c.postcode, c.woonplaats), telefoon=c.telefoon, email=c.email,
        relaties=relaties)


def _product(t: m.Toewijzing, *, met_referentie: bool = True) -> bouw.ToegewezenProduct:
    return bouw.ToegewezenProduct(
        nummer=t.nummer, categorie=t.productcategorie, code=t.productcode, toewijzingsdatum=t.toegewezen_op.date(),
        toewijzingstijd=t.toegewezen_op.time(), ingangsdatum=t.ingangsdatum, einddatum=t.einddatum,
        volume=t.volume if t.budget is None else None, eenheid=t.eenheid, frequentie=t.frequentie, budget=t.budget,
        reden_wijziging=t.reden_wijziging, referentie_aanbieder=t.referentie_aanbieder if met_referentie else None,
        commentaar=t.commentaar)


def _nieuw_uit(s: Session, soort: BerichtSoort, *, identificatie: str | None = None, **kw: Any) -> m.Bericht:
    """A new outgoing message. Its identification is unique per kind for the municipality (TR056), at most 12
    characters: the row's own id, or for a retour the id of the message it answers (one retour per message)."""
    b = m.Bericht(richting=UIT, soort=soort.naam, wet=soort.wet.value, nummer=soort.nummer,
                  status=BerichtStatus.KLAAR.value, referentienummer=str(uuid.uuid4()), identificatie=identificatie,
                  **kw)
    s.add(b)
    if identificatie is None:
        s.flush()
        b.identificatie = str(b.id)
    return b


def _bewaar(b: m.Bericht, soort: BerichtSoort, xml: bytes | None, bevindingen: Sequence[Any]) -> None:
    """Store the message: ready when its XSD and rules pass, blocked (with the Dutch reasons) otherwise."""
    fouten = [str(f) for f in bevindingen]
    if xml is not None and not fouten and not xml.startswith(b"\x1f\x8b"):  # a large 325: checked per block
        fouten = [f"Het bericht voldoet niet aan het XSD van {soort.naam}: {e}" for e in xsd.fouten(soort, xml)[:5]]
    b.inhoud = xml
    b.status = (BerichtStatus.GEBLOKKEERD if fouten else BerichtStatus.KLAAR).value
    b.fouttekst = "\n".join(fouten) or None


def _actuele_set(s: Session, client_id: int, aanbieder_id: int, wet: str, vandaag: dt.date,
                 ook: Iterable[int] = ()) -> list[m.Toewijzing]:
    """The client's current assignments at this provider (what a 301 carries), plus those changed just now."""
    return list(s.scalars(
        select(m.Toewijzing).where(
            m.Toewijzing.client_id == client_id, m.Toewijzing.aanbieder_id == aanbieder_id, m.Toewijzing.wet == wet,
            or_(m.Toewijzing.id.in_(list(ook)),
                (m.Toewijzing.status == ToewijzingStatus.ACTUEEL.value)
                & or_(m.Toewijzing.einddatum.is_(None), m.Toewijzing.einddatum >= vandaag)))
        .order_by(m.Toewijzing.nummer)).all())


def _open_referenties(s: Session, aanbieder_id: int, wet: str) -> set[str]:
    return set(s.scalars(select(m.Verzoek.referentie_aanbieder).where(
        m.Verzoek.aanbieder_id == aanbieder_id, m.Verzoek.wet == wet)).all())


def _stuur_301(s: Session, ctx: AppContext, client_id: int, aanbieder_id: int, wet: str, vandaag: dt.date, *,
               ook: Iterable[int] = (), beschikking_id: int | None = None) -> m.Bericht:
    soort = soorten.soort(wet, 301)
    c = s.get(m.Client, client_id)
    a = s.get(m.Aanbieder, aanbieder_id)
    assert c is not None and a is not None
    ts = _actuele_set(s, client_id, aanbieder_id, wet, vandaag, ook)
    for t in ts:
        if t.productcode is None:  # corrected in the catalogue since: take it now
            vz = s.get(m.Voorziening, t.voorziening_id)
            product = s.get(m.Product, vz.product_id) if vz is not None and vz.product_id else None
            t.productcode = product.istandaard_code if product else None
    b = _nieuw_uit(s, soort, aanbieder_id=a.id, agb_code=a.agb_code, client_id=c.id, beschikking_id=beschikking_id,
                   dagtekening=vandaag)
    kop = bouw.Kop(ctx.config.berichten.gemeentecode, a.agb_code or "", b.identificatie or "", vandaag)
    client = _client_gegevens(s, c)
    # TR379: ReferentieAanbieder goes along the first time an assignment is sent to honour the request (again when
    # that 301 was rejected or blocked), never after.
    refs = {t.referentie_aanbieder for t in ts if t.referentie_aanbieder}
    verzoeken = {v.referentie_aanbieder: v for v in s.scalars(select(m.Verzoek).where(
        m.Verzoek.aanbieder_id == a.id, m.Verzoek.wet == wet, m.Verzoek.referentie_aanbieder.in_(refs)))} if refs else {}

    def eerste_keer(t: m.Toewijzing) -> bool:
        v = verzoeken.get(t.referentie_aanbieder or "")
        if v is None:
            return False
        vorig = s.get(m.Bericht, v.antwoord_bericht_id) if v.antwoord_bericht_id else None
        return vorig is None or vorig.nummer != 301 or vorig.status in (
            BerichtStatus.GEBLOKKEERD.value, BerichtStatus.AFGEKEURD.value, BerichtStatus.VERVANGEN.value)

    mee = {t.id for t in ts if eerste_keer(t)}
    producten = [_product(t, met_referentie=t.id in mee) for t in ts]
    for t in ts:
        if t.id in mee:
            verzoeken[t.referentie_aanbieder or ""].antwoord_bericht_id = b.id
    bevindingen = regels.controleer_301(kop, client, producten, vandaag=vandaag,
                                        open_verzoeken=_open_referenties(s, a.id, wet))
    for t in ts:
        if t.productcode is None:
            bevindingen.append(regels.Bevinding(
                "S329", "productcode", f"Toewijzing {t.nummer}: het product heeft geen productcode voor iWmo/iJw "
                "(maximaal 5 tekens). Vul die in bij het product."))
    xml = None
    if not [f for f in bevindingen if f.regel in ("S300", "RS")]:
        xml = bouw.bouw_301(soort, kop, client, producten)
    _bewaar(b, soort, xml, bevindingen)
    return b


def _reden_herziening(oud: m.Voorziening, nieuw: m.Voorziening | None, oude_einde: dt.date | None) -> str:
    """WMO002/JZ002 for an assignment a new decision changes: another provider 09, longer 04, else shorter 05."""
    if nieuw is not None and nieuw.aanbieder_id and nieuw.aanbieder_id != oud.aanbieder_id:
        return "09"
    if oude_einde is not None and oud.einddatum is not None and oud.einddatum > oude_einde:
        return "04"
    return "05"


def na_verzending(s: Session, ctx: AppContext, b: m.Beschikking, *, vandaag: dt.date,
                  actor: Actor | None = None) -> list[int]:
    """Called by `verzending.markeer_verzonden` in its transaction, after the provisions were activated and what the
    decision replaces was ended. Returns the ids of the 301 messages queued (blocked ones included: shown to fix).

    A pgb is not assigned by 301 (it goes to the SVB)."""
    nu = _nu()
    geraakt: dict[tuple[int, int, str], set[int]] = {}
    nieuwe_per_product: dict[int, m.Voorziening] = {}
    for regel in b.regels:
        vz = s.get(m.Voorziening, regel.voorziening_id)
        if vz is None:
            continue
        if (vz.aanvraag_id == b.aanvraag_id and regel.besluit in GETOEKEND
                and vz.leveringsvorm == Leveringsvorm.ZIN.value and vz.aanbieder_id is not None
                and vz.status == VoorzieningStatus.ACTIEF.value and b.type != BeschikkingType.BEEINDIGING.value):
            bestaat = s.scalar(select(m.Toewijzing.id).where(m.Toewijzing.voorziening_id == vz.id))
            if bestaat is None:
                t = _nieuwe_toewijzing(s, vz, nu)
                geraakt.setdefault((vz.client_id, vz.aanbieder_id, vz.wet), set()).add(t.id)
                nieuwe_per_product[vz.id] = vz
    # Assignments of provisions this decision ended or shortened (herziening, beëindiging).
    nieuwe = list(nieuwe_per_product.values())
    for t in s.scalars(select(m.Toewijzing).where(m.Toewijzing.client_id == b.client_id,
                                                  m.Toewijzing.status == ToewijzingStatus.ACTUEEL.value)).all():
        vz = s.get(m.Voorziening, t.voorziening_id)
        if vz is None or vz.id in nieuwe_per_product:
            continue
        einde = vz.beeindigd_op or vz.einddatum
        if einde is None or einde == t.einddatum:
            continue
        opvolger = next((n for n in nieuwe if n.productcategorie == vz.productcategorie), None)
        oude_einde = t.einddatum
        t.einddatum = max(einde, t.ingangsdatum)
        t.reden_wijziging = _reden_herziening(vz, opvolger, oude_einde)
        if t.einddatum == t.ingangsdatum and einde < t.ingangsdatum:
            t.reden_wijziging = "13"  # never started: withdrawn (CS335: end equals start)
        t.toegewezen_op = nu
        if t.einddatum < vandaag or t.reden_wijziging == "13":
            t.status = (ToewijzingStatus.VERWIJDERD if t.reden_wijziging == "13" else ToewijzingStatus.BEEINDIGD).value
        geraakt.setdefault((t.client_id, t.aanbieder_id, t.wet), set()).add(t.id)
    # A request of this provider that went the normal way (315 in investigation, 317) is honoured by this decision:
    # the new assignments carry its ReferentieAanbieder (TR379), what a 317 changed RedenWijziging 12.
    for (client_id, aanbieder_id, wet), ook in geraakt.items():
        v = s.scalars(select(m.Verzoek).where(
            m.Verzoek.client_id == client_id, m.Verzoek.aanbieder_id == aanbieder_id, m.Verzoek.wet == wet,
            m.Verzoek.status.in_((VerzoekStatus.OPEN.value, VerzoekStatus.IN_ONDERZOEK.value)))
            .order_by(m.Verzoek.ontvangen_op, m.Verzoek.id)).first()
        if v is None:
            continue
        for t in s.scalars(select(m.Toewijzing).where(m.Toewijzing.id.in_(ook))):
            if t.voorziening_id in nieuwe_per_product:
                t.referentie_aanbieder = v.referentie_aanbieder
            elif v.nummer == 317 and t.reden_wijziging in ("04", "05"):
                t.reden_wijziging = "12"
        v.status, v.afgehandeld_op = VerzoekStatus.TOEGEWEZEN.value, vandaag
        audit(s, actor, AuditActie.WIJZIGEN, "verzoek", v.id, client_id=client_id, details=f"toegewezen,beschikking#{b.id}")
    ids = []
    for (client_id, aanbieder_id, wet), ook in sorted(geraakt.items()):
        ber = _stuur_301(s, ctx, client_id, aanbieder_id, wet, vandaag, ook=ook, beschikking_id=b.id)
        ids.append(ber.id)
        audit(s, actor, AuditActie.AANMAKEN, "bericht", ber.id, client_id=client_id,
              details=f"{ber.soort},status={ber.status},beschikking#{b.id}")
    return ids


def wijs_lopende_voorzieningen_toe(ctx: AppContext, *, vandaag: dt.date | None = None,
                                   limiet: int | None = None) -> int:
    """Going live (and the demo): every running granted provision in kind of a sent decision that has no assignment
    yet gets one, and each client and provider concerned a 301. Returns the number of messages queued. A batch job
    without a user: no role check, audited as the system."""
    vandaag = vandaag or dt.date.today()
    nu = _nu()
    q = (select(m.Voorziening.id).join(m.Beschikking, m.Beschikking.aanvraag_id == m.Voorziening.aanvraag_id)
         .where(m.Voorziening.status == VoorzieningStatus.ACTIEF.value,
                m.Voorziening.leveringsvorm == Leveringsvorm.ZIN.value, m.Voorziening.aanbieder_id.is_not(None),
                m.Voorziening.besluit.in_(GETOEKEND), m.Beschikking.verzonden_op.is_not(None),
                or_(m.Voorziening.einddatum.is_(None), m.Voorziening.einddatum >= vandaag),
                ~select(m.Toewijzing.id).where(m.Toewijzing.voorziening_id == m.Voorziening.id).exists())
         .order_by(m.Voorziening.client_id, m.Voorziening.id))
    aantal = 0
    with transactie(ctx) as s:
        ids = list(s.scalars(q).all())
    groepen: dict[tuple[int, int, str], list[int]] = {}
    for start in range(0, len(ids), 500):
        with transactie(ctx) as s:
            for vid in ids[start:start + 500]:
                vz = s.get(m.Voorziening, vid)
                assert vz is not None and vz.aanbieder_id is not None
                sleutel = (vz.client_id, vz.aanbieder_id, vz.wet)
                if sleutel not in groepen and limiet is not None and len(groepen) >= limiet:
                    continue
                t = _nieuwe_toewijzing(s, vz, nu)
                groepen.setdefault(sleutel, []).append(t.id)
    sleutels = sorted(groepen)
    for start in range(0, len(sleutels), 200):
        with transactie(ctx) as s:
            for client_id, aanbieder_id, wet in sleutels[start:start + 200]:
                ber = _stuur_301(s, ctx, client_id, aanbieder_id, wet, vandaag,
                                 ook=groepen[(client_id, aanbieder_id, wet)])
                aantal += 1
                audit(s, None, AuditActie.AANMAKEN, "bericht", ber.id, client_id=client_id,
                      details=f"{ber.soort},status={ber.status},lopende voorziening")
    return aantal


def beeindig_toewijzing(ctx: AppContext, actor: Actor, toewijzing_id: int, einddatum: dt.date | None, reden: str, *,
                        vandaag: dt.date | None = None) -> int:
    """End an assignment for a reason outside a decision (02 overlijden, 07 verhuizing, 13 ten onrechte verstuurd,
    14 administratieve correctie, ...): a new 301 with the complete set goes to the provider. Returns its id."""
    vereis_rol(actor, Rol.ADMINISTRATIEF)
    vandaag = vandaag or dt.date.today()
    with transactie(ctx, actor) as s:
        t = haal(s, m.Toewijzing, toewijzing_id, "Toewijzing")
        redenen = codelists.redenen_wijziging(Wet(t.wet))
        if reden not in redenen or reden == "01":
            raise ValidatieFout.veld("reden", "Kies een reden van wijziging uit de lijst.")
        if reden == "13":
            einddatum = t.ingangsdatum
        if einddatum is None:
            raise ValidatieFout.veld("einddatum", "Vul de laatste dag van de toewijzing in.")
        if einddatum < t.ingangsdatum:
            raise ValidatieFout.veld("einddatum", f"De einddatum ligt vóór de ingangsdatum "
                                                  f"({datum_kort(t.ingangsdatum)}).")
        if t.status != ToewijzingStatus.ACTUEEL.value:
            raise RegelFout(f"Toewijzing {t.nummer} is al beëindigd.")
        t.einddatum, t.reden_wijziging, t.toegewezen_op = einddatum, reden, _nu()
        t.status = (ToewijzingStatus.VERWIJDERD if reden == "13" else ToewijzingStatus.BEEINDIGD).value
        ber = _stuur_301(s, ctx, t.client_id, t.aanbieder_id, t.wet, vandaag, ook=[t.id])
        audit(s, actor, AuditActie.WIJZIGEN, "toewijzing", t.id, client_id=t.client_id,
              details=f"einddatum,reden_wijziging={reden},bericht#{ber.id}")
        return ber.id


# --- export ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportResultaat:
    aantal: int
    bestanden: tuple[Path, ...]
    geblokkeerd: int  # messages that wait for a correction and were not written
    gestopt: bool = False  # stopped between two blocks (geannuleerd): what was written is marked sent, the rest waits


def _envelop_velden(ctx: AppContext, b: m.Bericht, heen: m.Bericht | None) -> dict[str, Any]:
    """What `envelop.maak` needs besides the message and its kind."""
    soort = soorten.per_naam(b.soort)
    assert soort is not None and b.referentienummer is not None
    gemeente = envelop.Systeem(ctx.config.berichten.gemeentecode)
    aanbieder = envelop.Systeem(b.agb_code or "00000000", "Aanbieder")
    cross = None
    if soort.is_retour:
        cross = (heen.envelop_referentie or heen.identificatie) if heen is not None else b.identificatie
    return dict(zender=gemeente, ontvanger=aanbieder, referentienummer=b.referentienummer, tijdstip=b.aangemaakt_op,
                referentienummer_bericht=b.identificatie, cross_ref=cross or "onbekend",
                cross_ref_bericht=heen.identificatie if heen is not None else None)


def _envelop_van(ctx: AppContext, b: m.Bericht, heen: m.Bericht | None) -> bytes:
    soort = soorten.per_naam(b.soort)
    assert soort is not None and b.inhoud is not None
    from consulent_app.berichten.declaratie_stroom import uitpakken

    return envelop.maak(uitpakken(b.inhoud), soort, **_envelop_velden(ctx, b, heen))


def _fouten_bij_vertrek(b: m.Bericht, envelop_xml: bytes) -> list[str]:
    """The message against its 3.2 XSD and its envelope against the StUF-GGk 0310 XSD, in the bytes that leave."""
    soort = soorten.per_naam(b.soort)
    assert soort is not None
    uit = []
    if xsd.heeft_xsd(soort):
        uit += [f"Het bericht voldoet niet aan het XSD van {soort.naam}: {e}"
                for e in xsd.fouten(soort, bytes(b.inhoud or b""))[:3]]
    uit += [f"De GGk-envelop voldoet niet aan het XSD van StUF-GGk 0310: {e}" for e in envelop.fouten(envelop_xml)[:3]]
    return uit


class _NietVerstuurd(Exception):
    def __init__(self, fouten: list[str]) -> None:
        super().__init__("; ".join(fouten))
        self.fouten = fouten


def _schrijf_bericht(ctx: AppContext, b: m.Bericht, heen: m.Bericht | None, pad: Path) -> list[str]:
    """Write one message in its envelope to `pad`, checked as it leaves; the errors when it may not leave (then
    nothing is written). A large stored one (a 325 on a large 323, gzip) is written as a stream, never whole in
    memory (berichten/declaratie_stroom.schrijf_envelop)."""
    from consulent_app.berichten import declaratie_stroom as ds

    if not ds.is_gzip(b.inhoud):
        data = _envelop_van(ctx, b, heen)
        fouten = _fouten_bij_vertrek(b, data)
        if not fouten:
            files.schrijf_prive(pad, data)
        return fouten
    soort = soorten.per_naam(b.soort)
    assert soort is not None

    def schrijf(fh: Any) -> None:
        if fouten := ds.schrijf_envelop(fh, bytes(b.inhoud or b""), soort, **_envelop_velden(ctx, b, heen)):
            raise _NietVerstuurd(fouten)

    try:
        files.schrijf_prive_stroom(pad, schrijf)
    except _NietVerstuurd as exc:
        return exc.fouten
    return []


def bestandsnaam(b: m.Bericht) -> str:
    return files.veilige_bestandsnaam(f"{b.soort}_{b.identificatie}_{b.referentienummer}") + ".xml"


def exporteer(ctx: AppContext, actor: Actor | None, doel: Path | str, *, blok: int = 500,
              voortgang: Callable[[int, int, str], None] | None = None,
              geannuleerd: Callable[[], bool] | None = None) -> ExportResultaat:
    """Write every outgoing message that is ready and not yet exported as one GGk envelope file into `doel` and mark
    it sent (`doel` is the folder). Blocked messages stay behind. Works in blocks, so memory stays flat for any number of messages.

    Each block is its own transaction: `voortgang(gedaan, totaal, tekst)` hears after each block, and `geannuleerd()`
    is asked before the next one (a stop keeps what was written and marked; the rest stays ready)."""
    _vereis(actor, *BEHEER_ROLLEN)
    doel = Path(doel)
    if doel.exists() and not doel.is_dir():
        raise ValidatieFout.veld("map", f"{doel} is een bestand, geen map.")
    doel.mkdir(parents=True, exist_ok=True)
    geschreven: list[Path] = []
    laatste = 0
    totaal = gedaan = 0
    gestopt = False
    if voortgang is not None:
        with transactie(ctx, actor) as s:
            totaal = int(s.scalar(select(func.count()).select_from(m.Bericht).where(
                m.Bericht.richting == UIT, m.Bericht.status == BerichtStatus.KLAAR.value)) or 0)
        voortgang(0, totaal, "")
    while True:
        if geannuleerd is not None and geannuleerd():
            gestopt = True
            break
        with transactie(ctx, actor) as s:
            rij = s.scalars(
                select(m.Bericht).where(m.Bericht.richting == UIT, m.Bericht.status == BerichtStatus.KLAAR.value,
                                        m.Bericht.id > laatste)
                .order_by(m.Bericht.id).limit(blok)).all()
            if not rij:
                break
            heen_ids = {b.heen_id for b in rij if b.heen_id}
            heen = {h.id: h for h in s.scalars(select(m.Bericht).where(m.Bericht.id.in_(heen_ids)))} if heen_ids else {}
            nu = _nu()
            aantal = 0
            for b in rij:
                laatste = b.id
                pad = doel / bestandsnaam(b)
                fouten = _schrijf_bericht(ctx, b, heen.get(b.heen_id or 0), pad)
                if fouten:  # checked once more as it leaves: what fails stays behind, blocked, with the reason
                    b.status, b.fouttekst = BerichtStatus.GEBLOKKEERD.value, "\n".join(fouten[:5])
                    continue
                geschreven.append(pad)
                b.status = BerichtStatus.VERZONDEN.value
                b.geexporteerd_op = nu
                b.bestandsnaam = pad.name
                aantal += 1
            audit(s, actor, AuditActie.EXPORTEREN, "berichten", None, details=f"aantal={aantal}")
        gedaan += len(rij)
        if voortgang is not None:
            voortgang(min(gedaan, totaal), totaal, f"{len(geschreven)} geschreven")
    with transactie(ctx, actor) as s:
        geblokkeerd = int(s.scalar(select(func.count()).select_from(m.Bericht).where(
            m.Bericht.richting == UIT, m.Bericht.status == BerichtStatus.GEBLOKKEERD.value)) or 0)
    return ExportResultaat(len(geschreven), tuple(geschreven), geblokkeerd, gestopt)


# --- import -----------------------------------------------------------------------------------------------------


@dataclass
class Beoordeling:
    """What a verwerker found: codes per class element (0200 when a class is not named), in Dutch as well."""

    header: list[str] = field(default_factory=lambda: ["0200"])
    codes: dict[Any, list[str]] = field(default_factory=dict)
    teksten: list[str] = field(default_factory=list)
    client_id: int | None = None
    met_inhoud: bool = True
    #: A retour that is not a mirror of the heenbericht (the 325 on a 323) brings its own builder.
    retour_xml: Callable[[bouw.RetourKop], bytes] | None = None

    def keur_af(self, el: Any, code: str, tekst: str) -> None:
        self.codes.setdefault(el, []).append(code)
        self.teksten.append(f"{code}: {tekst}")

    @property
    def fout(self) -> bool:
        return any(c != "0200" for c in self.header) or any(c != "0200" for v in self.codes.values() for c in v)

    def samenvatting(self) -> str | None:
        alle = [c for c in self.header if c != "0200"] + [c for v in self.codes.values() for c in v if c != "0200"]
        return ",".join(dict.fromkeys(alle))[:500] or None


Verwerker = Callable[[Session, AppContext, lees.Ontvangen, m.Aanbieder, dt.date, m.Bericht], Beoordeling]
VERWERKERS: dict[int, Verwerker] = {}


def registreer_verwerker(nummer: int, fn: Verwerker) -> None:
    """Extension point: the use case that processes a received kind (e.g. 323 declaratie, issue 18)."""
    VERWERKERS[nummer] = fn


@dataclass(frozen=True)
class ImportUitkomst:
    bestand: str
    soort: str | None
    status: str  # verwerkt / afgekeurd / retour / onleesbaar
    melding: str  # Dutch, one line
    bericht_id: int | None = None
    retour_id: int | None = None


class _Voorraad:
    """What the received messages of one import block look up (providers, clients, assignments, care periods,
    identifications already received), fetched with one query per kind for the whole block instead of a few per
    message. A key not fetched beforehand is looked up on its own (a verwerker called outside a block). Lives in
    `Session.info` for the block's transaction, so the verwerkers keep their signature."""

    SLEUTEL = "berichten_voorraad"

    def __init__(self, s: Session) -> None:
        self.s = s
        self.aanbieders: dict[str, m.Aanbieder | None] = {}
        self.clients: dict[str, m.Client | None] = {}
        self.toewijzingen: dict[tuple[str, int], m.Toewijzing | None] = {}
        self.leveringen: dict[int, list[m.Zorglevering]] = {}
        self.ontvangen: set[tuple[str, str | None, str | None]] = set()
        self._idents: set[tuple[str, str | None, str | None]] = set()  # fetched: the answer is in `ontvangen`

    @classmethod
    def van(cls, s: Session) -> _Voorraad:
        vr = s.info.get(cls.SLEUTEL)
        if not isinstance(vr, cls) or vr.s is not s:
            vr = s.info[cls.SLEUTEL] = cls(s)
        return vr

    @classmethod
    @contextmanager
    def voor(cls, s: Session) -> Iterator[_Voorraad]:
        """The stock for one transaction, let go at its end (the session and the stock point at each other)."""
        try:
            yield cls.van(s)
        finally:
            s.info.pop(cls.SLEUTEL, None)

    def laad(self, berichten: Sequence[lees.Ontvangen]) -> None:
        """Fetch what these messages will look up, in blocks of 500 keys (the parameter limits of SQLite/PG)."""
        s = self.s
        agbs = {_agb_van(o) for o in berichten} - {""}
        bsns: set[str] = set()
        nummers: dict[str, set[int]] = {}
        idents: set[tuple[str, str | None, str | None]] = set()
        for o in berichten:
            ns = o.soort.namespace
            bsn = (o.root.findtext(f"{{{ns}}}Client/{{{ns}}}Bsn") or "").strip()
            if bsn:
                bsns.add(bsn)
            for el in o.root.iter(f"{{{ns}}}ToewijzingNummer"):
                if (el.text or "").strip().isdigit():
                    nummers.setdefault(o.soort.wet.value, set()).add(int((el.text or "").strip()))
            idents.add((o.soort.naam, _agb_van(o)[:8] or None, o.kop.identificatie[:12] or None))
        for deel in _delen(sorted(agbs)):
            self.aanbieders.update({a.agb_code or "": a for a in s.scalars(
                select(m.Aanbieder).where(m.Aanbieder.agb_code.in_(deel)))})
        self.aanbieders.update({agb: None for agb in agbs if agb not in self.aanbieders})
        for deel in _delen(sorted(bsns)):
            for c in s.scalars(select(m.Client).where(m.Client.bsn.in_(deel)).order_by(m.Client.id)):
                self.clients.setdefault(c.bsn, c)
        self.clients.update({b: None for b in bsns if b not in self.clients})
        gevonden: list[int] = []
        for wet, nrs in nummers.items():
            for deel in _delen(sorted(nrs)):
                for tw in s.scalars(select(m.Toewijzing).where(m.Toewijzing.wet == wet, m.Toewijzing.nummer.in_(deel))):
                    self.toewijzingen[(wet, tw.nummer)] = tw
                    gevonden.append(tw.id)
            self.toewijzingen.update({(wet, n): None for n in nrs if (wet, n) not in self.toewijzingen})
        for deel in _delen(gevonden):
            for tid in deel:
                self.leveringen.setdefault(tid, [])
            for z in s.scalars(select(m.Zorglevering).where(m.Zorglevering.toewijzing_id.in_(deel),
                                                            m.Zorglevering.verwijderd.is_(False))
                               .order_by(m.Zorglevering.id)):
                self.leveringen[z.toewijzing_id].append(z)
        for deel in _delen(sorted({i for _s, _a, i in idents if i})):
            self.ontvangen.update((soort, agb, ident) for soort, agb, ident in s.execute(
                select(m.Bericht.soort, m.Bericht.agb_code, m.Bericht.identificatie).where(
                    m.Bericht.richting == IN, m.Bericht.identificatie.in_(deel))))
        self._idents |= idents

    def aanbieder(self, agb: str) -> m.Aanbieder | None:
        if not agb:
            return None
        if agb not in self.aanbieders:
            self.aanbieders[agb] = self.s.scalar(select(m.Aanbieder).where(m.Aanbieder.agb_code == agb).limit(1))
        return self.aanbieders[agb]

    def client(self, bsn: str) -> m.Client | None:
        if not bsn:
            return None
        if bsn not in self.clients:
            self.clients[bsn] = self.s.scalar(select(m.Client).where(m.Client.bsn == bsn).order_by(m.Client.id)
                                              .limit(1))
        return self.clients[bsn]

    def toewijzing(self, wet: str, nummer: int | None, client: m.Client | None,
                   aanbieder: m.Aanbieder) -> m.Toewijzing | None:
        """The assignment with this number, when it is this client's at this provider."""
        if nummer is None or client is None:
            return None
        if (wet, nummer) not in self.toewijzingen:
            self.toewijzingen[(wet, nummer)] = self.s.scalar(select(m.Toewijzing).where(
                m.Toewijzing.wet == wet, m.Toewijzing.nummer == nummer))
        tw = self.toewijzingen[(wet, nummer)]
        return tw if tw is not None and tw.client_id == client.id and tw.aanbieder_id == aanbieder.id else None

    def leveringen_van(self, tw: m.Toewijzing) -> list[m.Zorglevering]:
        """The care periods of an assignment that are not removed (a 305 with StatusAanlevering 3)."""
        if tw.id not in self.leveringen:
            self.leveringen[tw.id] = list(self.s.scalars(select(m.Zorglevering).where(
                m.Zorglevering.toewijzing_id == tw.id, m.Zorglevering.verwijderd.is_(False))
                .order_by(m.Zorglevering.id)))
        return [z for z in self.leveringen[tw.id] if not z.verwijderd]

    def nieuwe_levering(self, z: m.Zorglevering) -> None:
        self.s.add(z)
        self.leveringen.setdefault(z.toewijzing_id, []).append(z)

    def al_ontvangen(self, soort: str, agb: str | None, identificatie: str | None, eigen_id: int) -> bool:
        """A message with this kind, sender and identification was received before (stored, also when it was
        rejected); `eigen_id` is the row just stored for the message itself."""
        sleutel = (soort, agb, identificatie)
        if sleutel in self.ontvangen:
            return True
        if sleutel in self._idents:
            return False
        return self.s.scalar(select(m.Bericht.id).where(
            m.Bericht.richting == IN, m.Bericht.soort == soort, m.Bericht.agb_code == agb,
            m.Bericht.identificatie == identificatie, m.Bericht.id != eigen_id).limit(1)) is not None

    def onthoud(self, soort: str, agb: str | None, identificatie: str | None) -> None:
        self.ontvangen.add((soort, agb, identificatie))


def _delen(waarden: Sequence[Any], n: int = 500) -> Iterable[Sequence[Any]]:
    for start in range(0, len(waarden), n):
        yield waarden[start:start + n]


def _agb_van(o: lees.Ontvangen) -> str:
    """The provider of a received message: its sender, or for a retour on our message its addressee."""
    return o.kop.ontvanger if o.soort.is_retour else o.kop.afzender


def _client_van(s: Session, bsn: str) -> m.Client | None:
    return _Voorraad.van(s).client(bsn)


def _verwerk_start_stop(s: Session, ctx: AppContext, o: lees.Ontvangen, aanbieder: m.Aanbieder, vandaag: dt.date,
                        bericht: m.Bericht) -> Beoordeling:
    inhoud: lees.StartStop = lees.LEZERS[o.soort.nummer](o)
    bo = Beoordeling()
    wet = o.soort.wet.value
    client = _client_van(s, inhoud.client.bsn)
    if not regels.bsn_geldig(inhoud.client.bsn):
        bo.keur_af(inhoud.client_el, "0001", "Het BSN voldoet niet aan de elfproef (CS002).")
        return bo
    bo.client_id = client.id if client else None
    redenen = codelists.redenen_beeindiging(o.soort.wet)
    vr = _Voorraad.van(s)
    for r in inhoud.regels:
        t = vr.toewijzing(wet, r.toewijzing_nummer, client, aanbieder)
        if t is None:
            bo.keur_af(r.el, "9019", f"Toewijzingnummer {r.toewijzing_nummer or '(leeg)'} hoort bij geen toewijzing "
                                     "van deze cliënt bij deze aanbieder.")
            continue
        leveringen = vr.leveringen_van(t)
        levering = next((z for z in leveringen if z.begindatum == r.begindatum), None)
        if inhoud.stop:
            if r.einddatum is not None and r.einddatum < r.begindatum:
                bo.keur_af(r.el, "0001", f"De einddatum ({datum_kort(r.einddatum)}) ligt vóór de begindatum "
                                         f"({datum_kort(r.begindatum)}) (CS003).")
                continue
            if r.reden_beeindiging not in redenen:
                bo.keur_af(r.el, "0001", "Onbekende reden beëindiging.")
                continue
            if levering is None:
                bo.keur_af(r.el, "9069", "Er is geen startbericht met deze toewijzing en begindatum: "
                                         "een stop zonder start.")
                continue
            if r.status_aanlevering == "3":
                if levering.einddatum is None:
                    bo.keur_af(r.el, "9063", "Er is geen eerder stopbericht om te verwijderen.")
                    continue
                levering.einddatum, levering.reden_beeindiging, levering.stop_bericht_id = None, None, None
                t.zorg_stop, t.reden_beeindiging = None, None
                continue
            if levering.einddatum is not None and r.status_aanlevering == "1":
                bo.keur_af(r.el, "9074", "Voor deze levering is al een stopbericht ontvangen.")
                continue
            levering.einddatum, levering.reden_beeindiging, levering.stop_bericht_id = (
                r.einddatum, r.reden_beeindiging, bericht.id)
            t.zorg_stop, t.reden_beeindiging = r.einddatum, r.reden_beeindiging
        else:
            if r.status_aanlevering == "3":
                if levering is None:
                    bo.keur_af(r.el, "9063", "Er is geen eerder startbericht om te verwijderen.")
                elif levering.einddatum is not None:
                    bo.keur_af(r.el, "9071", "De zorg is al gestopt; de start kan niet meer worden verwijderd.")
                else:
                    levering.verwijderd = True
                    t.zorg_start = None
                continue
            if levering is not None and r.status_aanlevering == "1":
                bo.keur_af(r.el, "9074", "Deze start is al eerder ontvangen.")
                continue
            if any(z.einddatum is None and z.begindatum != r.begindatum for z in leveringen):
                bo.keur_af(r.el, "9326", "De vorige levering van deze toewijzing is nog niet gestopt.")
                continue
            if levering is None:
                vr.nieuwe_levering(m.Zorglevering(toewijzing_id=t.id, begindatum=r.begindatum,
                                                  start_bericht_id=bericht.id))
            else:
                levering.start_bericht_id = bericht.id
            t.zorg_start, t.zorg_stop, t.reden_beeindiging = r.begindatum, None, None
    return bo


def _team_en_consulent(s: Session, client: m.Client | None, wet: str) -> tuple[int | None, int | None]:
    if client is None:
        return None, None
    consulent = s.scalar(select(m.Aanvraag.consulent_id).where(
        m.Aanvraag.client_id == client.id, m.Aanvraag.wet == wet, m.Aanvraag.consulent_id.is_not(None))
        .order_by(m.Aanvraag.datum.desc(), m.Aanvraag.id.desc()).limit(1))
    return client.team_id, consulent


def _verzoek_onderhanden(s: Session, client_id: int | None, bsn: str, aanbieder_id: int, wet: str) -> bool:
    """TR374: a request is pending until it is refused (319) or honoured (301)."""
    return s.scalar(select(m.Verzoek.id).where(
        m.Verzoek.aanbieder_id == aanbieder_id, m.Verzoek.wet == wet, m.Verzoek.bsn == bsn,
        m.Verzoek.status.in_((VerzoekStatus.OPEN.value, VerzoekStatus.IN_ONDERZOEK.value))).limit(1)) is not None


def _referentie_bestaat(s: Session, referentie: str, aanbieder_id: int, wet: str) -> bool:
    """TR347: ReferentieAanbieder is unique for the provider within the law."""
    return s.scalar(select(m.Verzoek.id).where(
        m.Verzoek.aanbieder_id == aanbieder_id, m.Verzoek.wet == wet,
        m.Verzoek.referentie_aanbieder == referentie).limit(1)) is not None


def _verwerk_315(s: Session, ctx: AppContext, o: lees.Ontvangen, aanbieder: m.Aanbieder, vandaag: dt.date,
                 bericht: m.Bericht) -> Beoordeling:
    inhoud: lees.VerzoekToewijzing = lees.LEZERS[315](o)
    bo = Beoordeling()
    wet = o.soort.wet.value
    if not regels.bsn_geldig(inhoud.client.bsn):
        bo.keur_af(inhoud.client_el, "0001", "Het BSN voldoet niet aan de elfproef (CS002).")
        for p in inhoud.producten:
            bo.codes[p.el] = ["0233"]
        return bo
    client = _client_van(s, inhoud.client.bsn)
    bo.client_id = client.id if client else None
    team_id, consulent_id = _team_en_consulent(s, client, wet)
    uiterlijk = termijnen.werkdagen_na(vandaag, termijnen.KETEN_ANTWOORD_WERKDAGEN, _extra(ctx))
    onderhanden = _verzoek_onderhanden(s, bo.client_id, inhoud.client.bsn, aanbieder.id, wet)
    for p in inhoud.producten:
        if _referentie_bestaat(s, p.referentie, aanbieder.id, wet):
            bo.keur_af(p.el, "9347", f"ReferentieAanbieder '{p.referentie}' is al eerder gebruikt.")
            continue
        if onderhanden:
            bo.keur_af(p.el, "9374", "Er is al een verzoek van deze aanbieder voor deze cliënt in behandeling.")
            continue
        s.add(m.Verzoek(
            bericht_id=bericht.id, nummer=315, wet=wet, aanbieder_id=aanbieder.id, client_id=bo.client_id,
            bsn=inhoud.client.bsn, team_id=team_id, referentie_aanbieder=p.referentie, ontvangen_op=vandaag,
            antwoord_uiterlijk=uiterlijk, status=VerzoekStatus.OPEN.value, verwijzer_type=p.verwijzer_type,
            verwijzer_naam=p.verwijzer_naam, verwijzer_agb=p.verwijzer_agb, productcategorie=p.categorie,
            productcode=p.code, ingangsdatum=p.ingangsdatum, einddatum=p.einddatum, volume=p.volume,
            eenheid=p.eenheid, frequentie=p.frequentie, budget=p.budget,
            gegevens={"achternaam": inhoud.client.achternaam,
                      "geboortedatum": inhoud.client.geboortedatum.isoformat() if inhoud.client.geboortedatum else None},
            consulent_id=consulent_id))
    return bo


def _verwerk_317(s: Session, ctx: AppContext, o: lees.Ontvangen, aanbieder: m.Aanbieder, vandaag: dt.date,
                 bericht: m.Bericht) -> Beoordeling:
    inhoud: lees.VerzoekWijziging = lees.LEZERS[317](o)
    bo = Beoordeling()
    wet = o.soort.wet.value
    if not regels.bsn_geldig(inhoud.bsn):
        bo.keur_af(inhoud.client_el, "0001", "Het BSN voldoet niet aan de elfproef (CS002).")
        return bo
    client = _client_van(s, inhoud.bsn)
    bo.client_id = client.id if client else None
    actueel = {t.nummer: t for t in (_actuele_set(s, client.id, aanbieder.id, wet, vandaag) if client else [])}
    genoemd: set[int] = set()
    for el, nummer in inhoud.ongewijzigd:
        genoemd.add(nummer)
        if nummer not in actueel:
            bo.keur_af(el, "9350", f"Ongewijzigd product {nummer} is geen actuele toewijzing van deze cliënt.")
    for p in inhoud.te_wijzigen:
        genoemd.add(p.toewijzing_nummer or -1)
        if p.toewijzing_nummer not in actueel:
            bo.keur_af(p.el, "9351", f"Te wijzigen product {p.toewijzing_nummer} is geen actuele toewijzing van "
                                     "deze cliënt.")
    if client is not None and set(actueel) - genoemd:
        bo.keur_af(inhoud.verzoek_el, "9349", "Het verzoek noemt niet alle actuele toewijzingen van de cliënt.")
    if _referentie_bestaat(s, inhoud.referentie, aanbieder.id, wet):
        bo.keur_af(inhoud.verzoek_el, "9347", f"ReferentieAanbieder '{inhoud.referentie}' is al eerder gebruikt.")
    elif _verzoek_onderhanden(s, bo.client_id, inhoud.bsn, aanbieder.id, wet):
        bo.keur_af(inhoud.verzoek_el, "9374", "Er is al een verzoek van deze aanbieder voor deze cliënt in "
                                              "behandeling.")
    if bo.fout:
        return bo
    team_id, consulent_id = _team_en_consulent(s, client, wet)

    def product(p: lees.GewijzigdProduct) -> dict[str, Any]:
        return {"nummer": p.toewijzing_nummer, "categorie": p.categorie, "code": p.code,
                "ingangsdatum": p.ingangsdatum.isoformat() if p.ingangsdatum else None,
                "einddatum": p.einddatum.isoformat() if p.einddatum else None, "volume": p.volume,
                "eenheid": p.eenheid, "frequentie": p.frequentie, "budget": p.budget}

    s.add(m.Verzoek(
        bericht_id=bericht.id, nummer=317, wet=wet, aanbieder_id=aanbieder.id, client_id=bo.client_id, bsn=inhoud.bsn,
        team_id=team_id, referentie_aanbieder=inhoud.referentie, ontvangen_op=vandaag,
        antwoord_uiterlijk=termijnen.werkdagen_na(vandaag, termijnen.KETEN_ANTWOORD_WERKDAGEN, _extra(ctx)),
        status=VerzoekStatus.OPEN.value,
        gegevens={"reden": inhoud.reden, "ongewijzigd": [n for _e, n in inhoud.ongewijzigd],
                  "te_wijzigen": [product(p) for p in inhoud.te_wijzigen],
                  "nieuw": [product(p) for p in inhoud.nieuw]},
        consulent_id=consulent_id))
    return bo


def _verwerk_retour(s: Session, ctx: AppContext, o: lees.Ontvangen, aanbieder: m.Aanbieder, vandaag: dt.date,
                    bericht: m.Bericht) -> Beoordeling:
    """302 / 320: the provider's verdict on the product's own 301 / 319. A rejection becomes a problem to solve."""
    r: lees.Retour = lees.LEZERS[o.soort.nummer](o)
    heen_nummer = o.soort.retour_op
    heen = s.scalar(select(m.Bericht).where(
        m.Bericht.richting == UIT, m.Bericht.nummer == heen_nummer, m.Bericht.wet == o.soort.wet.value,
        m.Bericht.identificatie == r.identificatie_heen, m.Bericht.aanbieder_id == aanbieder.id))
    bo = Beoordeling(met_inhoud=False)
    if heen is None:
        bo.teksten.append(f"Dit retourbericht hoort bij geen verzonden bericht (identificatie "
                          f"{r.identificatie_heen[:12]}).")
        bo.header = ["0001"]
        return bo
    bericht.heen_id = heen.id
    bo.client_id = heen.client_id
    afgekeurd = [(k, c) for k, c in r.codes if c != "0200"]
    if afgekeurd:
        heen.status = BerichtStatus.AFGEKEURD.value
        heen.retourcodes = ",".join(dict.fromkeys(c for _k, c in afgekeurd))[:500]
        heen.fouttekst = "\n".join(f"{c} ({k}): {codelists.retourcode_tekst(c)}" for k, c in afgekeurd)
    else:
        heen.status = BerichtStatus.GOEDGEKEURD.value
        heen.retourcodes, heen.fouttekst = None, None
    return bo


VERWERKERS.update({305: _verwerk_start_stop, 307: _verwerk_start_stop, 315: _verwerk_315, 317: _verwerk_317,
                   302: _verwerk_retour, 320: _verwerk_retour})


def _verwerk_323(s: Session, ctx: AppContext, o: lees.Ontvangen, aanbieder: m.Aanbieder, vandaag: dt.date,
                 bericht: m.Bericht) -> Beoordeling:
    """A provider's invoice (323): every prestatie checked against its assignment (services/declaraties), the
    325 answers each with its retour codes and the totals."""
    from consulent_app.berichten import declaratie as bd
    from consulent_app.services import declaraties

    db = bd.lees_323(o)
    kop = declaraties.DeclaratieKop(agb_code=aanbieder.agb_code or "", wet=o.soort.wet.value,
                                    nummer=db.nummer[:12] or "-", periode_van=db.periode_van,
                                    periode_tot=db.periode_tot, dagtekening=db.dagtekening,
                                    bericht_identificatie=o.kop.identificatie[:20] or None)
    if o.stroom is not None:  # a large 323, read and answered as a stream (berichten/declaratie_stroom)
        return _verwerk_323_stroom(s, ctx, o, kop, vandaag)
    codes: dict[Any, list[str]] = {}

    def paren() -> Iterable[tuple[Any, Any]]:
        for c_el, bsn in db.clienten:
            yield from bd.prestaties(o, c_el, bsn)

    uit = declaraties.verwerk(s, ctx, None, kop, paren(), vandaag,
                              lambda el, oordeel: codes.__setitem__(el, list(oordeel.retourcodes)))
    bo = Beoordeling(header=list(uit.kop_retourcodes), codes={el: c for el, c in codes.items() if c != ["0200"]})
    if uit.afgekeurd:
        bo.teksten.append(f"{uit.afgekeurd} van de {uit.aantal} prestaties afgekeurd (zie de werklijst "
                          "Declaraties).")
    retour = o.soort.retour()
    assert retour is not None
    gemeente = ctx.config.berichten.gemeentecode
    bo.retour_xml = lambda rk: bd.bouw_325(retour, o.root, rk, gemeente=gemeente, header_codes=bo.header,
                                           codes=codes, totaal_ingediend=uit.totaal_ingediend,
                                           totaal_toegekend=uit.totaal_toegekend)
    return bo


def _verwerk_323_stroom(s: Session, ctx: AppContext, o: lees.Ontvangen, kop: Any, vandaag: dt.date) -> Beoordeling:
    """`_verwerk_323` for a large 323: the clients one at a time from the file, the 325 written block by block."""
    from consulent_app.berichten import declaratie as bd
    from consulent_app.berichten import declaratie_stroom as ds
    from consulent_app.services import declaraties

    retour = o.soort.retour()
    assert retour is not None
    antwoord = ds.Antwoord325(retour, o.stroom, bd.bouw_325, bouw.RetourKop("0", vandaag),
                              ctx.config.berichten.gemeentecode)
    # one entry per distinct combination of codes (what the summary and the retour's status need), not one per
    # rejected line: a 100,000-line 323 would keep 100,000 lists here
    afgekeurd: dict[Any, list[str]] = {}

    def paren() -> Iterable[tuple[Any, Any]]:
        for c_el, bsn in o.stroom.clienten():
            antwoord.client(c_el)
            yield from bd.prestaties(o, c_el, bsn)

    def oordeel(el: Any, uitslag: Any) -> None:
        antwoord.oordeel(el, uitslag.retourcodes)
        codes = tuple(uitslag.retourcodes)
        if codes != ("0200",) and codes not in afgekeurd:
            afgekeurd[codes] = list(codes)

    uit = declaraties.verwerk(s, ctx, None, kop, paren(), vandaag, oordeel)
    bo = Beoordeling(header=list(uit.kop_retourcodes), codes=afgekeurd)
    if uit.afgekeurd:
        bo.teksten.append(f"{uit.afgekeurd} van de {uit.aantal} prestaties afgekeurd (zie de werklijst "
                          "Declaraties).")
    bo.retour_xml = lambda rk: antwoord.klaar(rk, header_codes=bo.header, totaal_ingediend=uit.totaal_ingediend,
                                              totaal_toegekend=uit.totaal_toegekend)
    return bo


VERWERKERS[323] = _verwerk_323


def _open_bericht(data: bytes) -> lees.Ontvangen:
    """Parse one received file (outside any transaction); OnleesbaarBestand when it is not for the product."""
    o = lees.lees_bestand(data)
    if o.soort.afzender != "aanbieder" or o.soort.nummer not in VERWERKERS:
        raise OnleesbaarBestand(f"Een {o.soort.naam} wordt door de gemeente zelf verstuurd, niet ontvangen.")
    return o


def _verwerk_reeks(s: Session, ctx: AppContext, actor: Actor | None, reeks: Sequence[tuple[str, lees.Ontvangen]],
                   vandaag: dt.date) -> list[ImportUitkomst]:
    """Process parsed messages in order inside the caller's transaction: each stored, checked and answered by its
    queued retour. The rows are written in two batched flushes (all received rows first, for their ids; then the
    retours, audit events and what the verwerkers changed), not two or more statements per message."""
    vr = _Voorraad.van(s)
    gemeente = ctx.config.berichten.gemeentecode
    uiterlijk = termijnen.werkdagen_na(vandaag, termijnen.KETEN_RETOUR_WERKDAGEN, _extra(ctx))
    rijen: list[tuple[str, lees.Ontvangen, m.Aanbieder | None, m.Bericht]] = []
    for naam, o in reeks:
        soort, agb = o.soort, _agb_van(o)
        aanbieder = vr.aanbieder(agb)
        ontvangen = m.Bericht(
            richting=IN, soort=soort.naam, wet=soort.wet.value, nummer=soort.nummer,
            status=BerichtStatus.VERWERKT.value, aanbieder_id=aanbieder.id if aanbieder else None,
            agb_code=agb[:8] or None, identificatie=o.kop.identificatie[:12] or None, dagtekening=o.kop.dagtekening,
            envelop_referentie=(o.envelop.referentienummer[:40] if o.envelop else None) or None,
            inhoud=o.xml, bestandsnaam=naam[:200], retour_uiterlijk=None if soort.is_retour else uiterlijk)
        s.add(ontvangen)
        rijen.append((naam, o, aanbieder, ontvangen))
    s.flush()
    klaar: list[tuple[str, lees.Ontvangen, m.Bericht, m.Bericht | None, Beoordeling]] = []
    for naam, o, aanbieder, ontvangen in rijen:
        soort = o.soort
        eigen_code = o.kop.afzender if soort.is_retour else o.kop.ontvanger
        if o.xsd_fouten:
            bo = Beoordeling(header=["0001"], met_inhoud=False,
                             teksten=["0001: het bericht voldoet niet aan het XSD: " + "; ".join(o.xsd_fouten[:3])])
        elif aanbieder is None:
            bo = Beoordeling(header=["0001"], met_inhoud=False,
                             teksten=[f"0001: AGB-code {ontvangen.agb_code or '(leeg)'} staat niet in het "
                                      "aanbiedersregister."])
        elif eigen_code != gemeente:
            bo = Beoordeling(header=["S300"], met_inhoud=False,
                             teksten=[f"S300: het bericht is voor gemeente {eigen_code[:4]}, niet voor {gemeente}."])
        elif vr.al_ontvangen(soort.naam, ontvangen.agb_code, ontvangen.identificatie, ontvangen.id):
            bo = Beoordeling(header=["9056"], met_inhoud=False,
                             teksten=["9056: dit bericht (dezelfde identificatie) is al eerder ontvangen."])
        elif o.kop.dagtekening is not None and o.kop.dagtekening > vandaag:
            bo = Beoordeling(header=["8848"], met_inhoud=False,
                             teksten=["8848: de dagtekening ligt na vandaag."])
        else:
            bo = VERWERKERS[soort.nummer](s, ctx, o, aanbieder, vandaag, ontvangen)
        vr.onthoud(soort.naam, ontvangen.agb_code, ontvangen.identificatie)
        ontvangen.client_id = bo.client_id
        ontvangen.status = (BerichtStatus.AFGEKEURD if bo.fout else BerichtStatus.VERWERKT).value
        ontvangen.retourcodes = bo.samenvatting()
        ontvangen.fouttekst = "\n".join(bo.teksten) or None
        rb: m.Bericht | None = None
        retour = soort.retour()
        if retour is not None and (retour.nummer in bouw.RETOUR_KLASSEN or bo.retour_xml is not None):
            rb = _nieuw_uit(s, retour, identificatie=str(ontvangen.id), aanbieder_id=ontvangen.aanbieder_id,
                            agb_code=ontvangen.agb_code, client_id=ontvangen.client_id, heen_id=ontvangen.id,
                            dagtekening=vandaag)
            retour_kop = bouw.RetourKop(rb.identificatie or "", vandaag)
            xml = bo.retour_xml(retour_kop) if bo.retour_xml is not None else bouw.bouw_retour(
                retour, o.root, retour_kop, header_codes=bo.header, codes=bo.codes, met_inhoud=bo.met_inhoud)
            _bewaar(rb, retour, xml, [])
        audit(s, actor, AuditActie.AANMAKEN, "bericht", ontvangen.id, client_id=ontvangen.client_id,
              details=f"ontvangen {soort.naam},codes={ontvangen.retourcodes or '0200'}")
        klaar.append((naam, o, ontvangen, rb, bo))
    s.flush()  # the retours, the outcomes and the audit events of the whole series, batched
    uit = []
    for naam, o, ontvangen, rb, bo in klaar:
        melding = (f"{o.soort.naam} afgekeurd: " + "; ".join(bo.teksten)[:300]) if bo.fout else \
            f"{o.soort.naam} verwerkt."
        uit.append(ImportUitkomst(naam, o.soort.naam, ontvangen.status, melding, ontvangen.id,
                                  rb.id if rb is not None else None))
    return uit


def _mislukt(naam: str, exc: Exception) -> ImportUitkomst:
    """What one message that could not be processed reports (its transaction rolled back, nothing stored)."""
    if isinstance(exc, OnleesbaarBestand):
        return ImportUitkomst(naam, None, "onleesbaar", str(exc))
    if isinstance(exc, ConsulentFout):
        return ImportUitkomst(naam, None, "onleesbaar", f"Het bericht is niet verwerkt: {exc}")
    log.error("bericht %s niet verwerkt", files.veilige_bestandsnaam(naam), exc_info=exc)
    return ImportUitkomst(naam, None, "onleesbaar", "Het bericht is niet verwerkt door een onverwachte fout "
                                                    "(zie het logbestand); er is niets opgeslagen.")


def _verwerk_alleen(ctx: AppContext, actor: Actor | None, naam: str, o: lees.Ontvangen,
                    vandaag: dt.date) -> ImportUitkomst:
    """One message in its own transaction."""
    try:
        with transactie(ctx, actor) as s, _Voorraad.voor(s):
            return _verwerk_reeks(s, ctx, actor, [(naam, o)], vandaag)[0]
    except GeenToegang:
        raise  # rights gone in the middle of a batch (SessieIngetrokken): stop, nothing of this file stored
    except Exception as exc:  # noqa: BLE001 - one bad message never stops the batch; its transaction rolled back
        return _mislukt(naam, exc)


def _verwerk_blok(ctx: AppContext, actor: Actor | None, blok: Sequence[tuple[str, lees.Ontvangen]],
                  vandaag: dt.date) -> list[ImportUitkomst]:
    """Several messages in one transaction: the lookups fetched once (`_Voorraad`), one commit (one fsync) for the
    block. Each message is still whole or not at all: when any of them fails, the block is rolled back as a whole
    and done again one transaction per message, so only the failing one is left out."""
    if len(blok) == 1:
        return [_verwerk_alleen(ctx, actor, blok[0][0], blok[0][1], vandaag)]
    try:
        with transactie(ctx, actor) as s, _Voorraad.voor(s) as vr:
            vr.laad([o for _n, o in blok])
            return _verwerk_reeks(s, ctx, actor, blok, vandaag)
    except GeenToegang:
        raise
    except Exception:  # noqa: BLE001 - redone per message below, where the failing one is reported
        return [_verwerk_alleen(ctx, actor, naam, o, vandaag) for naam, o in blok]


#: An import commits per block of received messages (at most this many, and no more bytes than IMPORT_BLOK_BYTES).
IMPORT_BLOK = 200
IMPORT_BLOK_BYTES = 4 * 1024 * 1024
#: Kinds processed in a transaction of their own, never in a block (a 323 invoice can hold thousands of lines).
_ALLEEN = frozenset({323})


def _verwerk_groot(ctx: AppContext, actor: Actor | None, naam: str, pad: Path, vandaag: dt.date) -> ImportUitkomst:
    from consulent_app.berichten import declaratie_stroom

    try:
        o = declaratie_stroom.ontvangen(pad)
    except Exception as exc:  # noqa: BLE001 - OnleesbaarBestand, or a reader's surprise: reported, nothing stored
        return _mislukt(naam, exc)
    try:
        return _verwerk_alleen(ctx, actor, naam, o, vandaag)
    finally:
        o.stroom.opruimen()


def _importeer_stroom(ctx: AppContext, actor: Actor | None,
                      bestanden: Iterable[tuple[str, bytes | ImportUitkomst | Path]],
                      vandaag: dt.date) -> list[ImportUitkomst]:
    """Parse each file, gather blocks, process them; the outcomes in the order of the files."""
    uit: list[ImportUitkomst] = []
    blok: list[tuple[int, str, lees.Ontvangen]] = []
    grootte = 0

    def verwerk() -> None:
        nonlocal blok, grootte
        if blok:
            for (plek, _n, _o), u in zip(blok, _verwerk_blok(ctx, actor, [(n, o) for _p, n, o in blok], vandaag),
                                         strict=True):
                uit[plek] = u
        blok, grootte = [], 0

    for naam, data in bestanden:
        if isinstance(data, ImportUitkomst):
            uit.append(data)
            continue
        if isinstance(data, Path):  # a large 323 (berichten/declaratie_stroom), alone in its transaction
            verwerk()
            uit.append(_verwerk_groot(ctx, actor, naam, data, vandaag))
            continue
        try:
            o = _open_bericht(data)
        except Exception as exc:  # noqa: BLE001 - OnleesbaarBestand, or a reader's surprise: reported, nothing stored
            uit.append(_mislukt(naam, exc))
            continue
        uit.append(ImportUitkomst(naam, o.soort.naam, "onleesbaar", ""))  # placeholder, filled by verwerk()
        if o.soort.nummer in _ALLEEN:
            verwerk()
            uit[-1] = _verwerk_alleen(ctx, actor, naam, o, vandaag)
            continue
        blok.append((len(uit) - 1, naam, o))
        grootte += len(o.xml)
        if len(blok) >= IMPORT_BLOK or grootte >= IMPORT_BLOK_BYTES:
            verwerk()
    verwerk()
    return uit


def importeer(ctx: AppContext, actor: Actor | None, bestanden: Iterable[tuple[str, bytes]], *,
              vandaag: dt.date | None = None) -> list[ImportUitkomst]:
    """Read received envelopes or bare messages: processed, stored, and answered by a queued retour with the codes.
    Each message is whole or not at all (blocks of messages share a transaction, see `_verwerk_blok`). A file that is
    not a readable message is reported (status 'onleesbaar') and nothing of it is stored."""
    _vereis(actor, *BEHEER_ROLLEN)
    if actor is not None:
        vereis_actief(ctx, actor)
    return _importeer_stroom(ctx, actor, bestanden, vandaag or dt.date.today())


def importeer_paden(ctx: AppContext, actor: Actor | None, paden: Iterable[Path | str], *,
                    vandaag: dt.date | None = None, voortgang: Callable[[int, int, str], None] | None = None,
                    geannuleerd: Callable[[], bool] | None = None) -> list[ImportUitkomst]:
    """`importeer` for files on disk, read one at a time (only one block of messages is in memory at once).

    `voortgang(gedaan, totaal, bestandsnaam)` hears as each file is read; `geannuleerd()` is asked before the next
    file: a stop processes the files read so far (each message whole) and leaves the rest unread, so the outcomes
    then cover only the first files."""
    _vereis(actor, *BEHEER_ROLLEN)
    if actor is not None:
        vereis_actief(ctx, actor)
    paden = list(paden)

    def lees_paden() -> Iterable[tuple[str, bytes | ImportUitkomst | Path]]:
        from consulent_app.berichten import declaratie_stroom

        for i, p in enumerate(paden):
            if geannuleerd is not None and geannuleerd():
                return
            pad = Path(p)
            if voortgang is not None:
                voortgang(i, len(paden), pad.name)
            try:
                grootte = pad.stat().st_size
                if grootte > lees.MAX_BYTES and grootte <= declaratie_stroom.MAX_323_BYTES and \
                        declaratie_stroom.is_323(pad):
                    yield pad.name, pad  # read as a stream, never whole in memory
                    continue
                yield pad.name, pad.read_bytes()
            except OSError as exc:
                yield pad.name, ImportUitkomst(pad.name, None, "onleesbaar", f"Het bestand kan niet worden gelezen "
                                                                             f"({exc.strerror or exc}).")

    return _importeer_stroom(ctx, actor, lees_paden(), vandaag or dt.date.today())


# --- requests (315/317): work with the chain's answer term ----------------------------------------------------


@dataclass(frozen=True)
class VerzoekRegel:
    verzoek_id: int
    versie: int
    soort: str  # "315" / "317"
    soort_tekst: str
    wet: str
    aanbieder: str
    client_id: int | None
    client: str  # the client's name, or the name the provider gave for an unknown BSN
    referentie: str
    verwijzer: str | None
    ontvangen_op: dt.date
    antwoord_uiterlijk: dt.date
    status: str
    status_tekst: str
    geeft_toegang: bool  # a Jeugd referral by GP, youth doctor or medical specialist (art. 2.6 lid 1 onder g)
    consulent_id: int | None


def _verzoek_regel(s: Session, v: m.Verzoek) -> VerzoekRegel:
    c = s.get(m.Client, v.client_id) if v.client_id else None
    a = s.get(m.Aanbieder, v.aanbieder_id) if v.aanbieder_id else None
    verwijzers = codelists.lijst("verwijzer")
    return VerzoekRegel(
        verzoek_id=v.id, versie=v.versie, soort=str(v.nummer),
        soort_tekst="Verzoek om toewijzing" if v.nummer == 315 else "Verzoek om wijziging", wet=v.wet,
        aanbieder=a.naam if a else "onbekende aanbieder", client_id=v.client_id,
        client=_naam(c) if c else f"Onbekende cliënt ({(v.gegevens or {}).get('achternaam') or 'geen naam'})",
        referentie=v.referentie_aanbieder,
        verwijzer=(verwijzers.get(v.verwijzer_type or "", v.verwijzer_type or "") + (
            f", {v.verwijzer_naam}" if v.verwijzer_naam else "")) if v.verwijzer_type else None,
        ontvangen_op=v.ontvangen_op, antwoord_uiterlijk=v.antwoord_uiterlijk, status=v.status,
        status_tekst=VerzoekStatus(v.status).label,
        geeft_toegang=v.nummer == 315 and verwijzing.verwijzing_geeft_toegang(v.wet, v.verwijzer_type),
        consulent_id=v.consulent_id)


def verzoeken(ctx: AppContext, actor: Actor, *, alleen_open: bool = True, team_id: int | None = None) -> list[VerzoekRegel]:
    """Requests received from providers, the nearest answer term first. Consultants see their own team's;
    requests for an unknown client (no team yet) are visible to every team."""
    vereis_rol(actor, *VERZOEK_ROLLEN)
    q = select(m.Verzoek)
    if alleen_open:
        q = q.where(m.Verzoek.status.in_((VerzoekStatus.OPEN.value, VerzoekStatus.IN_ONDERZOEK.value)))
    if team_id is not None:
        vereis_team(actor, team_id)
        q = q.where(m.Verzoek.team_id == team_id)
    elif actor.rol is not Rol.ADMINISTRATIEF or actor.teams:
        q = q.where(or_(m.Verzoek.team_id.is_(None), m.Verzoek.team_id.in_(actor.teams)))
    with transactie(ctx, actor) as s:
        rows = s.scalars(q.order_by(m.Verzoek.antwoord_uiterlijk, m.Verzoek.id).limit(2000)).all()
        uit = [_verzoek_regel(s, v) for v in rows]
        audit_lijst(s, actor, "verzoeken", [v.client_id for v in rows],
                    filter=f"open={int(alleen_open)}" + (f";team={team_id}" if team_id is not None else ""))
        return uit


def _verzoek_voor(s: Session, actor: Actor, verzoek_id: int, versie: int | None) -> m.Verzoek:
    v = haal(s, m.Verzoek, verzoek_id, "Verzoek")
    if v.team_id is not None and not (actor.rol is Rol.ADMINISTRATIEF and not actor.teams):
        vereis_team(actor, v.team_id)
    if versie is not None and v.versie != versie:
        from consulent_app.errors import ConflictFout

        raise ConflictFout()
    return v


def wijs_verzoek_toe(ctx: AppContext, actor: Actor, verzoek_id: int, consulent_id: int, *,
                     versie: int | None = None) -> None:
    """Planner (Werk verdelen): who answers this provider's request; it then shows in that consultant's Mijn werk."""
    vereis_rol(actor, Rol.PLANNER, Rol.TEAMLEIDER)
    with transactie(ctx, actor) as s:
        v = _verzoek_voor(s, actor, verzoek_id, versie)
        if v.status != VerzoekStatus.OPEN.value:
            raise RegelFout(f"Dit verzoek is al {VerzoekStatus(v.status).label.lower()}.")
        controleer_consulent(s, consulent_id, v.team_id, "verzoeken van aanbieders")
        vorige = v.consulent_id
        v.consulent_id = consulent_id
        audit(s, actor, AuditActie.WIJZIGEN, "verzoek", v.id, client_id=v.client_id,
              details=f"toegewezen: gebruiker#{vorige or '-'} -> gebruiker#{consulent_id}")


def beantwoord_verzoek(ctx: AppContext, actor: Actor, verzoek_id: int, *, antwoord: str,
                       reden_afwijzing: str | None = None, versie: int | None = None,
                       vandaag: dt.date | None = None) -> int:
    """Answer a 315/317 with a 319: 'afgewezen' (with a WJ759 reason) or 'in_onderzoek' (the normal flow decides;
    a 301 or a final 319 follows). Returns the 319's id.

    'In onderzoek' starts that flow in the dossier, dated the day the request came in: a Wmo melding with its
    six-week investigation term (art. 2.3.2 lid 1 Wmo 2015), for the Jeugdwet a melding and the aanvraag with its
    eight-week decision term (Awb 4:13). The decision on it honours the request (`na_verzending`)."""
    vereis_rol(actor, Rol.CONSULENT, Rol.PLANNER, Rol.ADMINISTRATIEF)
    vandaag = vandaag or dt.date.today()
    if antwoord not in ("afgewezen", "in_onderzoek"):
        raise ValidatieFout.veld("antwoord", "Kies: afwijzen of in onderzoek nemen.")
    if antwoord == "afgewezen" and reden_afwijzing not in codelists.lijst("reden_afwijzing_verzoek"):
        raise ValidatieFout.veld("reden", "Kies de reden van de afwijzing.")
    with transactie(ctx, actor) as s:
        v = _verzoek_voor(s, actor, verzoek_id, versie)
        if v.status in (VerzoekStatus.AFGEWEZEN.value, VerzoekStatus.TOEGEWEZEN.value):
            raise RegelFout(f"Dit verzoek is al {VerzoekStatus(v.status).label.lower()}.")
        if v.status == VerzoekStatus.IN_ONDERZOEK.value and antwoord == "in_onderzoek":
            raise RegelFout("Dit verzoek is al in onderzoek genomen (TR360: dat antwoord gaat één keer).")
        a = s.get(m.Aanbieder, v.aanbieder_id) if v.aanbieder_id else None
        if a is None:
            raise RegelFout("De aanbieder van dit verzoek staat niet (meer) in het register.")
        if antwoord == "in_onderzoek":
            if v.client_id is None:
                raise RegelFout("Deze cliënt heeft nog geen dossier. Maak eerst een dossier met dit BSN; daarna kan "
                                "het verzoek in onderzoek worden genomen.")
            _start_onderzoek_van_verzoek(s, ctx, actor, v, a)
        soort = soorten.soort(v.wet, 319)
        b = _nieuw_uit(s, soort, aanbieder_id=a.id, agb_code=a.agb_code, client_id=v.client_id, dagtekening=vandaag)
        kop = bouw.Kop(ctx.config.berichten.gemeentecode, a.agb_code or "", b.identificatie or "", vandaag)
        code = "1" if antwoord == "afgewezen" else "2"
        reden = reden_afwijzing if antwoord == "afgewezen" else None
        bev = regels.controleer_319(kop, antwoord=code, reden_afwijzing=reden, vandaag=vandaag, verzoek_bekend=True,
                                    al_definitief_beantwoord=False)
        xml = bouw.bouw_319(soort, kop, referentie_aanbieder=v.referentie_aanbieder, antwoord=code,
                            reden_afwijzing=reden)
        _bewaar(b, soort, xml, bev)
        v.status = (VerzoekStatus.AFGEWEZEN if antwoord == "afgewezen" else VerzoekStatus.IN_ONDERZOEK).value
        v.reden_afwijzing = reden
        v.antwoord_bericht_id = b.id
        if antwoord == "afgewezen":
            v.afgehandeld_op = vandaag
        audit(s, actor, AuditActie.WIJZIGEN, "verzoek", v.id, client_id=v.client_id,
              details=f"antwoord={antwoord},reden={reden or '-'},bericht#{b.id}")
        return b.id


def _start_onderzoek_van_verzoek(s: Session, ctx: AppContext, actor: Actor, v: m.Verzoek, a: m.Aanbieder) -> int:
    """The melding (and for the Jeugdwet the aanvraag) of a request taken into investigation. Returns the melding."""
    from consulent_app.services.meldingen import maak_melding
    from consulent_app.services.termijnbewaking import herbereken_beslistermijn

    client = haal(s, m.Client, v.client_id or 0, "Cliënt")
    consulent = actor.gebruiker_id if actor.rol is Rol.CONSULENT else v.consulent_id
    wat = "Verzoek om toewijzing" if v.nummer == 315 else "Verzoek om wijziging"
    product = f", product {v.productcategorie}{' ' + v.productcode if v.productcode else ''}" \
        if v.productcategorie else ""
    verwijzers = codelists.lijst("verwijzer")
    verwijzer = (", ".join(x for x in (verwijzers.get(v.verwijzer_type, v.verwijzer_type), v.verwijzer_naam) if x)
                 if v.verwijzer_type else None)
    soort = (MeldingSoort.WIJZIGING if v.nummer == 317 else MeldingSoort.NIEUW).value
    me = maak_melding(s, ctx, actor, client, wet=Wet(v.wet), datum=v.ontvangen_op, kanaal=Kanaal.AANBIEDER.value,
                      vraag=f"{wat} van {a.naam} (referentie {v.referentie_aanbieder}){product}. "
                            "In onderzoek genomen met bericht 319.",
                      verwijzer=verwijzer[:200] if verwijzer else None, soort=soort, consulent_id=consulent)
    if Wet(v.wet) is Wet.JEUGDWET:
        aanvraag = m.Aanvraag(client_id=client.id, melding_id=me.id, wet=v.wet, soort=soort, datum=v.ontvangen_op,
                              status=AanvraagStatus.OPEN.value, team_id=me.team_id, consulent_id=consulent)
        s.add(aanvraag)
        s.flush()
        herbereken_beslistermijn(s, ctx, aanvraag)
        audit(s, actor, AuditActie.AANMAKEN, "aanvraag", aanvraag.id, client_id=client.id,
              details=f"verzoek#{v.id},melding#{me.id}")
    audit(s, actor, AuditActie.WIJZIGEN, "verzoek", v.id, client_id=client.id, details=f"in_onderzoek,melding#{me.id}")
    return me.id


def honoreer_verwijzing(ctx: AppContext, actor: Actor, verzoek_id: int, *, versie: int | None = None,
                        vandaag: dt.date | None = None) -> int:
    """Grant a Jeugd 315 after a referral by a GP, youth doctor or medical specialist (art. 2.6 lid 1 onder g
    Jeugdwet: the referral gives access; no investigation): the dossier gets the provision with its referrer (as a
    melding through that channel, so steering information and the poortwachter list count it) and the provider a
    301 that carries the request's ReferentieAanbieder. Returns the 301's id."""
    vereis_rol(actor, Rol.CONSULENT, Rol.PLANNER)
    vandaag = vandaag or dt.date.today()
    with transactie(ctx, actor) as s:
        v = _verzoek_voor(s, actor, verzoek_id, versie)
        if v.nummer != 315 or not verwijzing.verwijzing_geeft_toegang(v.wet, v.verwijzer_type):
            raise RegelFout("Alleen een verzoek om jeugdhulp na verwijzing door huisarts, jeugdarts of medisch "
                            "specialist wordt zonder onderzoek toegewezen. Neem dit verzoek in onderzoek.")
        if v.status not in (VerzoekStatus.OPEN.value, VerzoekStatus.IN_ONDERZOEK.value):
            raise RegelFout(f"Dit verzoek is al {VerzoekStatus(v.status).label.lower()}.")
        if v.client_id is None:
            raise RegelFout("Deze cliënt heeft nog geen dossier. Maak eerst een dossier met dit BSN; daarna kan het "
                            "verzoek worden toegewezen.")
        if v.ingangsdatum is None or v.productcategorie is None:
            raise RegelFout("Het verzoek noemt geen product of ingangsdatum.")
        client = haal(s, m.Client, v.client_id, "Cliënt")
        pq = select(m.Product).where(m.Product.wet == v.wet, m.Product.productcategorie == v.productcategorie)
        if v.productcode:
            pq = pq.where(m.Product.istandaard_code == v.productcode)
        product = s.scalar(pq.order_by(m.Product.id).limit(1))
        if product is None:
            raise RegelFout(f"Er is geen product in categorie {v.productcategorie} met code {v.productcode or '-'} in "
                            "de productcatalogus.")
        kanaal = verwijzing.VERWIJZERS_MET_TOEGANG[v.verwijzer_type or ""]
        consulent = v.consulent_id if actor.rol is not Rol.CONSULENT else actor.gebruiker_id
        melding = m.Melding(client_id=client.id, team_id=client.team_id, wet=v.wet, soort="nieuw", datum=v.ontvangen_op,
                            kanaal=kanaal.value, verwijzer=v.verwijzer_naam or kanaal.label,
                            vraag=f"Verzoek om toewijzing van de aanbieder na verwijzing ({kanaal.label.lower()}).",
                            consulent_id=consulent, status=MeldingStatus.AFGEROND.value)
        s.add(melding)
        s.flush()
        onderzoek = m.Onderzoek(melding_id=melding.id, client_id=client.id, wet=v.wet, consulent_id=consulent,
                                status="afgerond", startdatum=vandaag, huidige_stap=7,
                                reden_niet_gehoord="Verwijzing geeft toegang (art. 2.6 lid 1 onder g Jeugdwet); "
                                                   "geen onderzoek door de gemeente.",
                                afgerond_op=_nu())
        s.add(onderzoek)
        s.flush()
        aanvraag = m.Aanvraag(client_id=client.id, onderzoek_id=onderzoek.id, wet=v.wet, soort="verwijzing",
                              datum=v.ontvangen_op, status="besloten", team_id=client.team_id, consulent_id=consulent)
        s.add(aanvraag)
        s.flush()
        vz = m.Voorziening(
            aanvraag_id=aanvraag.id, client_id=client.id, wet=v.wet, productcategorie=v.productcategorie,
            product_id=product.id, volume=Decimal(v.volume or 0), eenheid=v.eenheid or product.eenheid,
            frequentie=v.frequentie or "6", startdatum=v.ingangsdatum, einddatum=v.einddatum,
            leveringsvorm=Leveringsvorm.ZIN.value, aanbieder_id=v.aanbieder_id,
            motivering=f"Verwijzing door {kanaal.label.lower()}" + (f" ({v.verwijzer_naam})" if v.verwijzer_naam else ""),
            besluit=Besluit.TOEGEKEND.value, status=VoorzieningStatus.ACTIEF.value, toegewezen_op=vandaag)
        s.add(vz)
        s.flush()
        t = _nieuwe_toewijzing(s, vz, _nu(), referentie=v.referentie_aanbieder)
        ber = _stuur_301(s, ctx, client.id, v.aanbieder_id or 0, v.wet, vandaag, ook=[t.id])
        v.status, v.afgehandeld_op, v.antwoord_bericht_id, v.voorziening_id = (
            VerzoekStatus.TOEGEWEZEN.value, vandaag, ber.id, vz.id)
        audit(s, actor, AuditActie.AANMAKEN, "voorziening", vz.id, client_id=client.id,
              details=f"verwijzing={v.verwijzer_type},verzoek#{v.id},bericht#{ber.id}")
        return ber.id


# --- Berichtenverkeer: lists, content, resend -----------------------------------------------------------------


@dataclass(frozen=True)
class BerichtRegel:
    bericht_id: int
    richting: str
    soort: str
    soort_tekst: str
    wet: str
    aanbieder_id: int | None
    aanbieder: str
    client_id: int | None
    client: str | None  # None for the functional administrator (no case content)
    identificatie: str | None
    aangemaakt_op: dt.datetime
    geexporteerd_op: dt.datetime | None
    status: str
    status_tekst: str
    retourcodes: str | None
    fouttekst: str | None
    retour_uiterlijk: dt.date | None
    kan_opnieuw: bool  # blocked or rejected: build it anew from the corrected data (opnieuw_aanmaken)
    kan_herverzenden: bool = False  # exported: put it in the outbox once more (verstuur_opnieuw)


SOORT_TEKST = {301: "Toewijzing", 302: "Retour toewijzing", 305: "Start zorg", 306: "Retour start zorg",
               307: "Stop zorg", 308: "Retour stop zorg", 315: "Verzoek om toewijzing", 316: "Retour verzoek",
               317: "Verzoek om wijziging", 318: "Retour verzoek om wijziging", 319: "Antwoord op verzoek",
               320: "Retour antwoord", 323: "Declaratie", 325: "Declaratie-antwoord"}


def berichten_lijst(ctx: AppContext, actor: Actor, *, richting: str | None = None, aanbieder_id: int | None = None,
                    wet: str | None = None, van: dt.date | None = None, tot: dt.date | None = None,
                    status: str | None = None, client_id: int | None = None, limiet: int = 1000) -> list[BerichtRegel]:
    """Outbox and inbox, newest first, filtered by direction, provider, law, period (creation date), status."""
    vereis_rol(actor, *BEHEER_ROLLEN)
    if van and tot and tot < van:
        raise ValidatieFout.veld("tot", "De datum 'tot en met' ligt vóór de datum 'van'.")
    q = select(m.Bericht, m.Aanbieder.naam, m.Client).outerjoin(m.Aanbieder, m.Aanbieder.id == m.Bericht.aanbieder_id) \
        .outerjoin(m.Client, m.Client.id == m.Bericht.client_id)
    if richting:
        q = q.where(m.Bericht.richting == richting)
    if aanbieder_id is not None:
        q = q.where(m.Bericht.aanbieder_id == aanbieder_id)
    if wet:
        q = q.where(m.Bericht.wet == wet)
    if status:
        q = q.where(m.Bericht.status == status)
    if client_id is not None:
        q = q.where(m.Bericht.client_id == client_id)
    if van:
        q = q.where(m.Bericht.aangemaakt_op >= dt.datetime.combine(van, dt.time.min))
    if tot:
        q = q.where(m.Bericht.aangemaakt_op < dt.datetime.combine(tot + dt.timedelta(days=1), dt.time.min))
    q = q.order_by(m.Bericht.aangemaakt_op.desc(), m.Bericht.id.desc()).limit(limiet)
    met_namen = actor.rol is Rol.ADMINISTRATIEF
    with transactie(ctx, actor) as s:
        rows = s.execute(q).all()
        # Only administrative staff see whose message it is; then those clients were shown.
        audit_lijst(s, actor, "berichten", [b.client_id for b, _a, _c in rows] if met_namen else [],
                    filter=";".join(f for f in (richting or "", wet or "", status or "") if f) or None)
        return [BerichtRegel(
            bericht_id=b.id, richting=b.richting, soort=b.soort, soort_tekst=SOORT_TEKST.get(b.nummer, b.soort),
            wet=b.wet, aanbieder_id=b.aanbieder_id, aanbieder=anaam or (b.agb_code or "onbekend"),
            client_id=b.client_id if met_namen else None, client=_naam(c) if (c is not None and met_namen) else None,
            identificatie=b.identificatie, aangemaakt_op=b.aangemaakt_op, geexporteerd_op=b.geexporteerd_op,
            status=b.status, status_tekst=BerichtStatus(b.status).label, retourcodes=b.retourcodes,
            fouttekst=b.fouttekst if met_namen else _zonder_nummers(b.fouttekst), retour_uiterlijk=b.retour_uiterlijk,
            kan_opnieuw=_kan_opnieuw(b), kan_herverzenden=_kan_herverzenden(b))
            for b, anaam, c in rows]


#: Outgoing kinds built anew from the current data after a correction (blocked, or rejected by the provider).
_HERMAAKBAAR = (301, 319)
_FOUT = (BerichtStatus.GEBLOKKEERD.value, BerichtStatus.AFGEKEURD.value)


def _kan_opnieuw(b: m.Bericht) -> bool:
    """A 301 or 319 that is blocked or was rejected, or a retour that did not pass its checks."""
    if b.richting != UIT:
        return False
    soort = soorten.per_naam(b.soort)
    if soort is not None and soort.is_retour:
        return b.status == BerichtStatus.GEBLOKKEERD.value
    return b.nummer in _HERMAAKBAAR and b.status in _FOUT


def _kan_herverzenden(b: m.Bericht) -> bool:
    """Exported and not answered yet (a retour is never answered): the file can go to the GGk once more."""
    return b.richting == UIT and b.status == BerichtStatus.VERZONDEN.value


def _zonder_nummers(tekst: str | None) -> str | None:
    """For the functional administrator: an XSD message can quote a value; a nine-digit number may be a BSN."""
    return re.sub(r"\d{9}", "•••••••••", tekst) if tekst else tekst


def bericht_inhoud(ctx: AppContext, actor: Actor, bericht_id: int) -> bytes:
    """The message itself (XML), for a closer look; it holds personal data, so reading it is audited."""
    vereis_rol(actor, Rol.ADMINISTRATIEF)
    with transactie(ctx, actor) as s:
        b = haal(s, m.Bericht, bericht_id, "Bericht")
        audit(s, actor, AuditActie.LEZEN, "bericht", b.id, client_id=b.client_id, details="inhoud")
        from consulent_app.berichten.declaratie_stroom import uitpakken

        return uitpakken(b.inhoud)  # a large 323 / 325 is stored compressed


def opnieuw_aanmaken(ctx: AppContext, actor: Actor, bericht_id: int, *, vandaag: dt.date | None = None) -> int:
    """After a correction (a product code, an AGB code, the gemeentecode, a client's data): build the message anew
    from the current data and check it again; the old one is marked 'vervangen'. Returns the new message's id.

    * a 301 (blocked, or rejected by the provider's 302): the client's complete current set at that provider;
    * a 319 (blocked, or rejected by the 320): the same answer to the same request;
    * a retour that did not pass its checks: built again from the received message with the same codes; when the
      mirror of that message still fails its XSD, a retour of the header alone with the message's codes."""
    vereis_rol(actor, Rol.ADMINISTRATIEF)
    vandaag = vandaag or dt.date.today()
    with transactie(ctx, actor) as s:
        oud = haal(s, m.Bericht, bericht_id, "Bericht")
        soort = soorten.per_naam(oud.soort)
        if oud.richting != UIT or soort is None or not (soort.is_retour or oud.nummer in _HERMAAKBAAR):
            raise RegelFout("Alleen een toewijzing (301), een antwoord op een verzoek (319) of een retourbericht kan "
                            "opnieuw worden gemaakt.")
        if not _kan_opnieuw(oud):
            raise RegelFout("Dit bericht is niet geblokkeerd of afgekeurd; opnieuw maken is niet nodig.")
        if soort.is_retour:
            nieuw = _retour_opnieuw(s, soort, oud, vandaag)
        elif oud.nummer == 319:
            nieuw = _319_opnieuw(s, ctx, soort, oud, vandaag)
        else:
            if oud.client_id is None or oud.aanbieder_id is None:
                raise RegelFout("Bij dit bericht hoort geen cliënt of aanbieder meer.")
            # What changed with the old message (an ended assignment too) goes along again.
            ids = s.scalars(select(m.Toewijzing.id).where(
                m.Toewijzing.client_id == oud.client_id, m.Toewijzing.aanbieder_id == oud.aanbieder_id,
                m.Toewijzing.wet == oud.wet,
                m.Toewijzing.toegewezen_op >= oud.aangemaakt_op - dt.timedelta(minutes=1))).all()
            nieuw = _stuur_301(s, ctx, oud.client_id, oud.aanbieder_id, oud.wet, vandaag, ook=ids,
                               beschikking_id=oud.beschikking_id)
        oud.status = BerichtStatus.VERVANGEN.value
        audit(s, actor, AuditActie.AANMAKEN, "bericht", nieuw.id, client_id=oud.client_id,
              details=f"opnieuw van bericht#{oud.id},status={nieuw.status}")
        return nieuw.id


def _319_opnieuw(s: Session, ctx: AppContext, soort: BerichtSoort, oud: m.Bericht, vandaag: dt.date) -> m.Bericht:
    """The answer again, to the request it answered, with the provider's current AGB code."""
    v = s.scalar(select(m.Verzoek).where(m.Verzoek.antwoord_bericht_id == oud.id))
    if v is None:
        raise RegelFout("Het verzoek waarop dit antwoord hoort, is intussen anders beantwoord.")
    a = s.get(m.Aanbieder, v.aanbieder_id) if v.aanbieder_id else None
    if a is None:
        raise RegelFout("De aanbieder van dit verzoek staat niet (meer) in het register.")
    code, reden = "1", v.reden_afwijzing
    if oud.inhoud:
        root = etree.fromstring(bytes(oud.inhoud), parser=xsd.VEILIGE_PARSER)
        ns = soort.namespace
        code = root.findtext(f"{{{ns}}}Antwoord/{{{ns}}}VerzoekAntwoord") or code
        reden = root.findtext(f"{{{ns}}}Antwoord/{{{ns}}}RedenAfwijzingVerzoek") or None
    b = _nieuw_uit(s, soort, aanbieder_id=a.id, agb_code=a.agb_code, client_id=v.client_id, dagtekening=vandaag)
    kop = bouw.Kop(ctx.config.berichten.gemeentecode, a.agb_code or "", b.identificatie or "", vandaag)
    bev = regels.controleer_319(kop, antwoord=code, reden_afwijzing=reden, vandaag=vandaag, verzoek_bekend=True,
                                al_definitief_beantwoord=False)
    _bewaar(b, soort, bouw.bouw_319(soort, kop, referentie_aanbieder=v.referentie_aanbieder, antwoord=code,
                                    reden_afwijzing=reden), bev)
    v.antwoord_bericht_id = b.id
    return b


def _retour_opnieuw(s: Session, soort: BerichtSoort, oud: m.Bericht, vandaag: dt.date) -> m.Bericht:
    heen = s.get(m.Bericht, oud.heen_id) if oud.heen_id else None
    heen_soort = soorten.per_naam(heen.soort) if heen is not None else None
    if heen is None or heen_soort is None or not heen.inhoud:
        raise RegelFout("Het ontvangen bericht waarop deze retour antwoordt, is er niet meer.")
    if soort.nummer not in bouw.RETOUR_KLASSEN:
        raise RegelFout(f"Een {soort.naam} wordt opnieuw gemaakt door het ontvangen bericht opnieuw te verwerken.")
    root = etree.fromstring(bytes(heen.inhoud), parser=xsd.VEILIGE_PARSER)
    header: list[str] = [c for c in (heen.retourcodes or "").split(",") if c] or ["0200"]
    codes: dict[Any, list[str]] = {}
    met_inhoud = not heen.retourcodes
    if oud.inhoud:  # the codes the checks gave: in the old retour, per class in the order of the message
        header, codes, met_inhoud = bouw.retourcodes_uit(soort, root, bytes(oud.inhoud))
    b = _nieuw_uit(s, soort, aanbieder_id=oud.aanbieder_id, agb_code=oud.agb_code, client_id=oud.client_id,
                   heen_id=heen.id, dagtekening=vandaag)
    rk = bouw.RetourKop(b.identificatie or "", vandaag)
    xml = bouw.bouw_retour(soort, root, rk, header_codes=header, codes=codes, met_inhoud=met_inhoud)
    if met_inhoud and xsd.fouten(soort, xml):
        alle = [c for c in (heen.retourcodes or "").split(",") if c] or header
        xml = bouw.bouw_retour(soort, root, rk, header_codes=alle, codes={}, met_inhoud=False)
    _bewaar(b, soort, xml, [])
    return b


def verstuur_opnieuw(ctx: AppContext, actor: Actor, bericht_id: int) -> None:
    """An exported message (301, 319 or a retour) once more in the outbox, e.g. when the file never reached the
    GGk portal: the same message in a new envelope (a new referentienummer, as the GGk requires); the next export
    writes it. A message the provider already answered (retour goedgekeurd or afgekeurd) is not sent again."""
    vereis_rol(actor, Rol.ADMINISTRATIEF)
    with transactie(ctx, actor) as s:
        b = haal(s, m.Bericht, bericht_id, "Bericht")
        if not _kan_herverzenden(b):
            raise RegelFout("Alleen een verzonden bericht waarop nog geen retour kwam, kan opnieuw worden verzonden.")
        b.status = BerichtStatus.KLAAR.value
        b.referentienummer = str(uuid.uuid4())
        b.geexporteerd_op = None
        audit(s, actor, AuditActie.WIJZIGEN, "bericht", b.id, client_id=b.client_id, details="opnieuw verzenden")


@dataclass(frozen=True)
class ZorgStatus:
    """What the chain says about one provision: its assignment and the provider's start and stop."""

    toewijzing_nummer: int
    aanbieder: str
    ingangsdatum: dt.date
    einddatum: dt.date | None
    reden_wijziging: str | None
    zorg_start: dt.date | None
    zorg_stop: dt.date | None
    reden_beeindiging: str | None
    reden_beeindiging_tekst: str | None

    @property
    def tekst(self) -> str:
        if self.zorg_stop is not None:
            return (f"Zorg gestopt op {datum_kort(self.zorg_stop)}"
                    + (f" ({self.reden_beeindiging_tekst.lower()})" if self.reden_beeindiging_tekst else ""))
        if self.zorg_start is not None:
            return f"Zorg gestart op {datum_kort(self.zorg_start)}"
        return f"Toegewezen (nr. {self.toewijzing_nummer}), nog geen start gemeld"


def _zorgstatussen(s: Session, client_id: int) -> dict[int, ZorgStatus]:
    rows = s.execute(select(m.Toewijzing, m.Aanbieder.naam).join(
        m.Aanbieder, m.Aanbieder.id == m.Toewijzing.aanbieder_id).where(m.Toewijzing.client_id == client_id)
        .order_by(m.Toewijzing.nummer)).all()
    uit: dict[int, ZorgStatus] = {}
    for t, naam in rows:
        redenen = codelists.redenen_beeindiging(Wet(t.wet))
        uit[t.voorziening_id] = ZorgStatus(
            t.nummer, naam, t.ingangsdatum, t.einddatum, t.reden_wijziging, t.zorg_start, t.zorg_stop,
            t.reden_beeindiging, redenen.get(t.reden_beeindiging or "") if t.reden_beeindiging else None)
    return uit


def zorgstatus_teksten(s: Session, client_id: int) -> dict[int, str]:
    """For the dossier (inside its own audited read): per provision what the chain says, in words."""
    return {vid: z.tekst for vid, z in _zorgstatussen(s, client_id).items()}


def zorgstatus(ctx: AppContext, actor: Actor, client_id: int) -> dict[int, ZorgStatus]:
    """Per provision of a client: assignment number, start and stop as the provider reported them (305/307)."""
    vereis_rol(actor, Rol.CONSULENT, Rol.TOETSER, Rol.TEAMLEIDER, Rol.PLANNER, Rol.ADMINISTRATIEF)
    with transactie(ctx, actor) as s:
        c = haal(s, m.Client, client_id, "Cliënt")
        if not (actor.rol is Rol.ADMINISTRATIEF and not actor.teams):
            vereis_team(actor, c.team_id)
        uit = _zorgstatussen(s, client_id)
        audit(s, actor, AuditActie.LEZEN, "toewijzing", None, client_id=client_id, details=f"aantal={len(uit)}")
        return uit
