"""Clients and their dossier: register, change, search, open (every open is audited)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from consulent_app import logging_setup, termijnen
from consulent_app.db import models as m
from consulent_app.domain import (
    AanvraagStatus,
    AuditActie,
    Besluit,
    MeldingStatus,
    OnderzoekStatus,
    RelatieSoort,
    Rol,
    Wet,
)
from consulent_app.errors import ValidatieFout
from consulent_app.rules import validatie as v
from consulent_app.rules.aanvraag import aanvraag_zonder_onderzoek_mogelijk
from consulent_app.services.base import (
    Actor,
    AppContext,
    audit,
    audit_lijst,
    controleer_versie,
    haal,
    transactie,
    unique_violation,
    vereis_rol,
    vereis_team,
)
from consulent_app.services.overzicht import getoonde_status

DOSSIER_LEZERS = (Rol.CONSULENT, Rol.TOETSER, Rol.PLANNER, Rol.TEAMLEIDER)


@dataclass(frozen=True)
class ClientInvoer:
    bsn: str
    voornamen: str
    achternaam: str
    geboortedatum: dt.date | None
    tussenvoegsel: str | None = None
    geslacht: str | None = None
    straat: str | None = None
    huisnummer: str | None = None
    postcode: str | None = None
    woonplaats: str | None = None
    telefoon: str | None = None
    email: str | None = None
    communicatie: str | None = None
    team_id: int | None = None


@dataclass(frozen=True)
class ClientRegel:
    id: int
    bsn: str
    naam: str
    geboortedatum: dt.date
    adres: str
    team: str | None


@dataclass(frozen=True)
class RelatieView:
    id: int
    soort: str
    naam: str
    telefoon: str | None
    gezag: bool
    woont_in: bool


@dataclass(frozen=True)
class GebeurtenisView:
    tijdstip: dt.datetime
    wie: str
    actie: str
    wat: str


@dataclass(frozen=True)
class MeldingView:
    id: int
    datum: dt.date
    wet: str
    kanaal: str
    vraag: str
    status: str
    consulent: str | None
    onderzoekstermijn_einde: dt.date | None
    onderzoek_id: int | None
    persoonlijk_plan_uiterlijk: dt.date | None = None  # Wmo 2015 art. 2.3.2 lid 2
    persoonlijk_plan_ontvangen: dt.date | None = None
    aanvraag_zonder_onderzoek_id: int | None = None  # Wmo 2015 art. 2.3.5 lid 2
    aanvraag_mogelijk: bool = False  # the investigation term passed: the client may file the aanvraag now


@dataclass(frozen=True)
class VoorzieningView:
    id: int
    aanvraag_id: int
    product: str
    productcategorie: str
    omvang: str
    startdatum: dt.date
    einddatum: dt.date | None
    po_datum: dt.date | None
    leveringsvorm: str
    aanbieder: str | None
    besluit: str
    status: str
    zorg: str | None = None  # what the provider reported through the chain (305/307), or the assignment


@dataclass(frozen=True)
class BeschikkingView:
    id: int
    aanvraag_id: int
    kenmerk: str
    type: str
    status: str
    datum: dt.date | None
    verzonden_op: dt.date | None
    bezwaartermijn_einde: dt.date | None


@dataclass(frozen=True)
class AanvraagView:
    id: int
    datum: dt.date
    wet: str
    status: str
    beslistermijn_einde: dt.date | None
    zonder_onderzoek: bool = False  # Wmo 2015 art. 2.3.5 lid 2


@dataclass(frozen=True)
class DocumentView:
    id: int
    soort: str
    titel: str
    formaat: str
    versie_nr: int
    aangemaakt_op: dt.datetime
    briefdatum: dt.date | None = None  # a letter version: the date printed on it (its sending date)


@dataclass(frozen=True)
class DossierView:
    client_id: int
    versie: int
    bsn: str
    voornamen: str
    tussenvoegsel: str | None
    achternaam: str
    naam: str
    geboortedatum: dt.date
    leeftijd: int
    geslacht: str | None
    straat: str | None
    huisnummer: str | None
    postcode: str | None
    woonplaats: str | None
    telefoon: str | None
    email: str | None
    communicatie: str | None
    team: str | None
    team_id: int | None
    relaties: list[RelatieView] = field(default_factory=list)
    meldingen: list[MeldingView] = field(default_factory=list)
    aanvragen: list[AanvraagView] = field(default_factory=list)
    voorzieningen: list[VoorzieningView] = field(default_factory=list)
    beschikkingen: list[BeschikkingView] = field(default_factory=list)
    documenten: list[DocumentView] = field(default_factory=list)
    geschiedenis: list[GebeurtenisView] = field(default_factory=list)


def _aanvraag_mogelijk(me: m.Melding, met_aanvraag: set[int], vandaag: dt.date,
                       einde: dt.date | None = None) -> bool:
    """Wmo 2015 art. 2.3.5 lid 2 (rules/aanvraag): may the client file the aanvraag on this melding today? `einde`:
    today's end of the investigation term (live during a running suspension), else the stored one."""
    if me.id in met_aanvraag or me.status in (MeldingStatus.AFGEROND.value, MeldingStatus.INGETROKKEN.value):
        return False
    afgerond = me.onderzoek is not None and me.onderzoek.status == OnderzoekStatus.AFGEROND.value
    return aanvraag_zonder_onderzoek_mogelijk(me.wet, einde or me.onderzoekstermijn_einde, afgerond, vandaag)


def persoonlijk_plan_termijn(ctx: AppContext, wet: Wet | str, meldingsdatum: dt.date) -> dt.date | None:
    """Wmo 2015 art. 2.3.2 lid 2: the last day to hand in a persoonlijk plan (termijnen.persoonlijk_plan_uiterlijk,
    with the configured equated days). The Jeugdwet has no persoonlijk plan: None."""
    if Wet(wet) is not Wet.WMO:
        return None
    return termijnen.persoonlijk_plan_uiterlijk(meldingsdatum,
                                                extra_feestdagen=ctx.config.termijnen.gelijkgestelde_dagen)


def volledige_naam(voornamen: str, tussenvoegsel: str | None, achternaam: str) -> str:
    # Every name the application shows passes here: the log filter learns it, so it never reaches a log file.
    logging_setup.onthoud_namen(voornamen, achternaam)
    return " ".join(p for p in (voornamen, tussenvoegsel, achternaam) if p)


def leeftijd(geboortedatum: dt.date, op: dt.date) -> int:
    return op.year - geboortedatum.year - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))


def _valideer_client(inv: ClientInvoer, vandaag: dt.date) -> dict[str, object]:
    fouten = v.Fouten()
    out: dict[str, object] = {}

    def probeer(veld: str, fn: object) -> None:
        try:
            out[veld] = fn() if callable(fn) else fn
        except ValidatieFout as exc:
            for k, msg in exc.fouten.items():
                fouten.add(k, msg)

    probeer("bsn", lambda: v.bsn(inv.bsn))
    probeer("voornamen", lambda: v.verplichte_tekst(inv.voornamen, "voornamen", "Voornamen"))
    probeer("tussenvoegsel", lambda: v.tekst(inv.tussenvoegsel, "tussenvoegsel", "Tussenvoegsel", max_lengte=20))
    probeer("achternaam", lambda: v.verplichte_tekst(inv.achternaam, "achternaam", "Achternaam"))
    probeer("geboortedatum", lambda: v.geboortedatum(inv.geboortedatum, vandaag))
    probeer("geslacht", lambda: v.tekst(inv.geslacht, "geslacht", "Geslacht", max_lengte=1))
    probeer("straat", lambda: v.tekst(inv.straat, "straat", "Straat"))
    probeer("huisnummer", lambda: v.tekst(inv.huisnummer, "huisnummer", "Huisnummer", max_lengte=20))
    probeer("postcode", lambda: v.postcode(inv.postcode))
    probeer("woonplaats", lambda: v.tekst(inv.woonplaats, "woonplaats", "Woonplaats", max_lengte=100))
    probeer("telefoon", lambda: v.tekst(inv.telefoon, "telefoon", "Telefoon", max_lengte=30))
    probeer("email", lambda: v.tekst(inv.email, "email", "E-mail"))
    probeer("communicatie", lambda: v.tekst(inv.communicatie, "communicatie", "Communicatiebehoefte",
                                            max_lengte=2000, meerdere_regels=True))
    em = out.get("email")
    if isinstance(em, str) and "@" not in em:
        fouten.add("email", "E-mailadres is ongeldig.")
    fouten.check()
    out["team_id"] = inv.team_id
    return out


def registreer_client(ctx: AppContext, actor: Actor, invoer: ClientInvoer, *, vandaag: dt.date | None = None) -> int:
    vereis_rol(actor, Rol.CONSULENT, Rol.PLANNER)
    logging_setup.onthoud_namen(invoer.voornamen, invoer.achternaam)  # also when the save fails
    data = _valideer_client(invoer, vandaag or dt.date.today())
    if data["team_id"] is None:
        data["team_id"] = actor.team_id
    vereis_team(actor, data["team_id"])  # type: ignore[arg-type]
    try:
        with transactie(ctx, actor) as s:
            if s.scalar(select(m.Client.id).where(m.Client.bsn == data["bsn"])) is not None:
                raise ValidatieFout.veld("bsn", "Er bestaat al een dossier met dit BSN. Zoek de cliënt op.")
            c = m.Client(**data)
            s.add(c)
            s.flush()
            audit(s, actor, AuditActie.AANMAKEN, "client", c.id, client_id=c.id)
            return c.id
    except IntegrityError as exc:
        if unique_violation(exc, "bsn"):
            raise ValidatieFout.veld("bsn", "Er bestaat al een dossier met dit BSN. Zoek de cliënt op.") from exc
        raise


def wijzig_client(ctx: AppContext, actor: Actor, client_id: int, invoer: ClientInvoer, *, versie: int,
                  vandaag: dt.date | None = None) -> int:
    """Change personal data. `versie` is the version the user saw; returns the new version."""
    vereis_rol(actor, Rol.CONSULENT)
    logging_setup.onthoud_namen(invoer.voornamen, invoer.achternaam)
    data = _valideer_client(invoer, vandaag or dt.date.today())
    with transactie(ctx, actor) as s:
        c = haal(s, m.Client, client_id, "Cliënt")
        vereis_team(actor, c.team_id)
        controleer_versie(c, versie)
        gewijzigd = []
        for k, val in data.items():
            if k == "team_id" and val is None:
                continue
            if getattr(c, k) != val:
                setattr(c, k, val)
                gewijzigd.append(k)
        if gewijzigd:
            audit(s, actor, AuditActie.WIJZIGEN, "client", c.id, client_id=c.id, details=",".join(gewijzigd))
        s.flush()
        return c.versie


def voeg_relatie_toe(ctx: AppContext, actor: Actor, client_id: int, *, soort: str, naam: str,
                     telefoon: str | None = None, email: str | None = None, gezag: bool = False,
                     woont_in: bool = False, opmerking: str | None = None) -> int:
    vereis_rol(actor, Rol.CONSULENT)
    fouten = v.Fouten()
    try:
        soort = v.keuze(soort, RelatieSoort, "soort", "Soort relatie")
    except ValidatieFout as exc:
        fouten.add("soort", exc.bericht)
    try:
        naam_ok = v.verplichte_tekst(naam, "naam", "Naam")
    except ValidatieFout as exc:
        fouten.add("naam", exc.bericht)
    fouten.check()
    with transactie(ctx, actor) as s:
        c = haal(s, m.Client, client_id, "Cliënt")
        vereis_team(actor, c.team_id)
        r = m.Relatie(client_id=c.id, soort=soort, naam=naam_ok,
                      telefoon=v.tekst(telefoon, "telefoon", "Telefoon", max_lengte=30),
                      email=v.tekst(email, "email", "E-mail"), gezag=gezag, woont_in=woont_in,
                      opmerking=v.tekst(opmerking, "opmerking", "Opmerking", max_lengte=2000, meerdere_regels=True))
        s.add(r)
        s.flush()
        audit(s, actor, AuditActie.AANMAKEN, "relatie", r.id, client_id=c.id, details=soort)
        return r.id


#: A search term longer than any name, BSN, postcode or date a person types is refused, not sent to the database.
ZOEKTERM_MAX = 100


def _zoekterm(zoekterm: str) -> str:
    """The term as the database may see it, or a Dutch message at the search field: control characters (a NUL
    byte), a lone surrogate (not text) and a term of a megabyte are refused here, instead of a DataError,
    UnicodeEncodeError or 'LIKE pattern too complex' from the driver."""
    term = (zoekterm or "").strip()
    if len(term) > ZOEKTERM_MAX:
        raise ValidatieFout.veld("zoekterm", f"Zoek met hoogstens {ZOEKTERM_MAX} tekens: een naam, BSN, "
                                 "postcode of geboortedatum.")
    try:
        term.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidatieFout.veld("zoekterm", "De zoekterm bevat een teken dat geen tekst is. Typ hem opnieuw.") from None
    if any(unicodedata.category(t) in ("Cc", "Cs") for t in term):
        raise ValidatieFout.veld("zoekterm", "De zoekterm bevat een onzichtbaar stuurteken. Typ hem opnieuw.")
    return term


def _like(term: str) -> str:
    """A LIKE pattern that matches the term literally: % and _ typed by the user are no wildcards."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def zoek_clienten(ctx: AppContext, actor: Actor, zoekterm: str, *, limiet: int = 50) -> list[ClientRegel]:
    """Search by BSN, name, postcode or birth date (dd-mm-jjjj) within the teams the user serves; a user who
    serves no team finds nobody. The search is in the audit log (which clients were found, not the term)."""
    vereis_rol(actor, *DOSSIER_LEZERS)
    term = _zoekterm(zoekterm)
    q = (select(m.Client, m.Team.naam).outerjoin(m.Team, m.Client.team_id == m.Team.id)
         .where(m.Client.team_id.in_(sorted(actor.teams))))
    if term:
        conds = []
        digits = term.replace(" ", "")
        if digits.isdigit():
            conds.append(m.Client.bsn.startswith(digits, autoescape=True))
        try:
            geb = dt.datetime.strptime(term, "%d-%m-%Y").date()
            conds.append(m.Client.geboortedatum == geb)
        except ValueError:
            pass
        like = _like(term.lower())
        conds.append(func.lower(m.Client.achternaam).like(like, escape="\\"))
        conds.append(func.lower(m.Client.voornamen).like(like, escape="\\"))
        conds.append(func.replace(m.Client.postcode, " ", "") == digits.upper())
        q = q.where(or_(*conds))
    q = q.order_by(m.Client.achternaam, m.Client.voornamen).limit(limiet)
    with transactie(ctx, actor) as s:
        rows = s.execute(q).all() if actor.teams else []
        uit = [
            ClientRegel(
                id=c.id, bsn=c.bsn, naam=volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam),
                geboortedatum=c.geboortedatum,
                adres=" ".join(p for p in (c.straat, c.huisnummer, ",", c.postcode, c.woonplaats) if p).replace(" ,", ","),
                team=team,
            )
            for c, team in rows
        ]
        audit_lijst(s, actor, "zoeken", [r.id for r in uit], actie=AuditActie.ZOEKEN,
                    filter="soort=" + _soort_term(term))
        return uit


def _soort_term(term: str) -> str:
    """What kind of term was searched for, as a code (the term itself never goes into the log)."""
    if not term:
        return "leeg"
    digits = term.replace(" ", "")
    if digits.isdigit():
        return "cijfers"
    try:
        dt.datetime.strptime(term, "%d-%m-%Y")
        return "datum"
    except ValueError:
        return "tekst"


def _omvang_tekst(vz: m.Voorziening) -> str:
    from consulent_app.rules.omvang import omvang_van

    return omvang_van(vz)


def open_dossier(ctx: AppContext, actor: Actor, client_id: int, *, vandaag: dt.date | None = None) -> DossierView:
    """Everything about one client. Opening is recorded in the audit log (AVG art. 15)."""
    vereis_rol(actor, *DOSSIER_LEZERS)
    vandaag = vandaag or dt.date.today()
    with transactie(ctx, actor) as s:
        c = s.get(m.Client, client_id, options=[selectinload(m.Client.relaties), joinedload(m.Client.team)])
        if c is None:
            from consulent_app.errors import NietGevonden

            raise NietGevonden(f"Cliënt met nummer {client_id} bestaat niet (meer).")
        vereis_team(actor, c.team_id)
        meldingen = s.scalars(
            select(m.Melding).where(m.Melding.client_id == c.id).options(joinedload(m.Melding.onderzoek))
            .order_by(m.Melding.datum.desc())
        ).all()
        aanvragen = s.scalars(select(m.Aanvraag).where(m.Aanvraag.client_id == c.id)
                              .order_by(m.Aanvraag.datum.desc())).all()
        zonder = {a.melding_id: a.id for a in aanvragen if a.zonder_onderzoek and a.melding_id is not None}
        formeel = {a.melding_id for a in aanvragen
                   if a.melding_id is not None and a.status != AanvraagStatus.CONCEPT.value}
        vzs = s.scalars(
            select(m.Voorziening).where(m.Voorziening.client_id == c.id)
            .options(joinedload(m.Voorziening.product), joinedload(m.Voorziening.aanbieder))
            .order_by(m.Voorziening.startdatum.desc())
        ).all()
        from consulent_app.services.berichten import zorgstatus_teksten

        zorg = zorgstatus_teksten(s, c.id)
        besch = s.scalars(select(m.Beschikking).where(m.Beschikking.client_id == c.id)
                          .order_by(m.Beschikking.id.desc())).all()
        docs = s.execute(select(m.Document.id, m.Document.soort, m.Document.titel, m.Document.formaat,
                                m.Document.versie_nr, m.Document.aangemaakt_op, m.Document.briefdatum)
                         .where(m.Document.client_id == c.id)
                         .order_by(m.Document.aangemaakt_op.desc())).all()  # never the content
        events = s.scalars(select(m.AuditEvent).where(m.AuditEvent.client_id == c.id)
                           .order_by(m.AuditEvent.tijdstip.desc()).limit(200)).all()
        # The names of only the users the dossier shows (a municipality has hundreds).
        genoemd = {me.consulent_id for me in meldingen} | {e.gebruiker_id for e in events}
        genoemd.discard(None)
        gebruikers = (dict(s.execute(select(m.Gebruiker.id, m.Gebruiker.naam).where(m.Gebruiker.id.in_(genoemd))).all())
                      if genoemd else {})
        from consulent_app import codelists
        from consulent_app.services.termijnbewaking import actuele_einden

        # A running suspension moves a term's end every day: those ends are computed live, as in Mijn werk.
        live_m, live_a = actuele_einden(s, ctx, melding_ids=[me.id for me in meldingen],
                                        aanvraag_ids=[a.id for a in aanvragen], vandaag=vandaag)
        view = DossierView(
            client_id=c.id, versie=c.versie, bsn=c.bsn, voornamen=c.voornamen, tussenvoegsel=c.tussenvoegsel,
            achternaam=c.achternaam, naam=volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam),
            geboortedatum=c.geboortedatum, leeftijd=leeftijd(c.geboortedatum, vandaag), geslacht=c.geslacht,
            straat=c.straat, huisnummer=c.huisnummer, postcode=c.postcode, woonplaats=c.woonplaats,
            telefoon=c.telefoon, email=c.email, communicatie=c.communicatie,
            team=c.team.naam if c.team else None, team_id=c.team_id,
            relaties=[RelatieView(r.id, r.soort, r.naam, r.telefoon, r.gezag, r.woont_in) for r in c.relaties],
            meldingen=[
                MeldingView(me.id, me.datum, me.wet, me.kanaal, me.vraag, me.status,
                            gebruikers.get(me.consulent_id) if me.consulent_id else None,
                            live_m.get(me.id, me.onderzoekstermijn_einde), me.onderzoek.id if me.onderzoek else None,
                            persoonlijk_plan_termijn(ctx, me.wet, me.datum), me.persoonlijk_plan_ontvangen,
                            zonder.get(me.id), _aanvraag_mogelijk(me, formeel, vandaag, live_m.get(me.id)))
                for me in meldingen
            ],
            aanvragen=[AanvraagView(a.id, a.datum, a.wet, a.status, live_a.get(a.id, a.beslistermijn_einde),
                                    a.zonder_onderzoek)
                       for a in aanvragen],
            voorzieningen=[
                VoorzieningView(
                    vz.id, vz.aanvraag_id, vz.product.naam if vz.product else "-",
                    codelists.productcategorieen(Wet(vz.wet)).get(vz.productcategorie, vz.productcategorie),
                    _omvang_tekst(vz), vz.startdatum, vz.einddatum, vz.po_datum, vz.leveringsvorm,
                    vz.aanbieder.naam if vz.aanbieder else None, Besluit(vz.besluit).label,
                    getoonde_status(vz.status, vz.einddatum, vandaag), zorg.get(vz.id),
                )
                for vz in vzs
            ],
            beschikkingen=[BeschikkingView(b.id, b.aanvraag_id, b.kenmerk, b.type, b.status, b.datum,
                                           b.verzonden_op, b.bezwaartermijn_einde) for b in besch],
            documenten=[DocumentView(d.id, d.soort, d.titel, d.formaat, d.versie_nr, d.aangemaakt_op, d.briefdatum)
                        for d in docs],
            geschiedenis=[
                GebeurtenisView(e.tijdstip, gebruikers.get(e.gebruiker_id, "systeem") if e.gebruiker_id else "systeem",
                                e.actie, f"{e.object_type} {e.object_id or ''}".strip()
                                + (f" ({e.details})" if e.details else ""))
                for e in events
            ],
        )
        audit(s, actor, AuditActie.LEZEN, "dossier", c.id, client_id=c.id)
        return view
