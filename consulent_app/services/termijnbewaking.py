"""Legal terms of every case: compute and store them, suspend (Awb 4:15), postpone (Awb 4:14), and list them.

Stored terms: the investigation term on Melding (Wmo 2015 art. 2.3.2 lid 1), the decision term on Aanvraag
(Wmo 2015 art. 2.3.5 lid 1; Jeugdwet: Awb 4:13) and the objection term on Beschikking after sending (Awb 6:7/6:8).
Other services call the `herbereken_*` / `zet_bezwaartermijn` helpers inside their own transaction; the use cases
here change suspensions and postponements and show the lists consultants and team leaders work from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session, aliased

from consulent_app import termijnen
from consulent_app.db import models as m
from consulent_app.domain import (
    AanvraagStatus,
    AuditActie,
    BerichtStatus,
    MeldingStatus,
    Rol,
    VerzoekStatus,
    VoorzieningStatus,
    Wet,
)
from consulent_app.errors import RegelFout, ValidatieFout
from consulent_app.formatting import datum as datum_tekst
from consulent_app.formatting import datum_kort
from consulent_app.rules import validatie as v
from consulent_app.rules.aanvraag import GRONDSLAG as AANVRAAG_ZONDER_ONDERZOEK_GRONDSLAG
from consulent_app.rules.aanvraag import ZONDER_ONDERZOEK_TEKST
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

TERMIJN_ROLLEN = (Rol.CONSULENT, Rol.TEAMLEIDER)
REDEN_MAX = 1000

# --------------------------------------------------------------------------------------------------------------
# Computing the terms (used here and by other services inside their transaction)
# --------------------------------------------------------------------------------------------------------------


def _extra(ctx: AppContext) -> tuple[dt.date, ...]:
    return ctx.config.termijnen.gelijkgestelde_dagen


def _perioden(opschortingen: Iterable[m.Opschorting], vandaag: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The suspended days of each suspension (termijnen.opgeschorte_periode); a running one counts up to today."""
    uit = []
    for o in opschortingen:
        periode = termijnen.opgeschorte_periode(o.soort, o.start, eind=o.eind, uiterlijk=o.uiterlijk,
                                                aangevuld_op=o.aangevuld_op, vandaag=vandaag)
        if periode is not None:
            uit.append(periode)
    return uit


def _eerste_dag(o: m.Opschorting) -> dt.date:
    """First suspended day: the day after the invitation to complete (Awb 4:15 lid 1 onder a), else the start."""
    return o.start + dt.timedelta(days=1) if o.soort == termijnen.OpschortingSoort.AANVULLING.value else o.start


def _loopt(o: m.Opschorting, vandaag: dt.date) -> bool:
    return termijnen.opschorting_loopt(eind=o.eind, uiterlijk=o.uiterlijk, aangevuld_op=o.aangevuld_op,
                                       vandaag=vandaag)


def onderzoekstermijn_einde(ctx: AppContext, wet: Wet | str, meldingsdatum: dt.date,
                            opschortingen: Iterable[tuple[dt.date, dt.date]] = ()) -> dt.date | None:
    """termijnen.onderzoekstermijn_einde with this municipality's equated days."""
    return termijnen.onderzoekstermijn_einde(wet, meldingsdatum, opschortingen=opschortingen,
                                             extra_feestdagen=_extra(ctx))


def beslistermijn_einde(ctx: AppContext, wet: Wet | str, aanvraagdatum: dt.date,
                        opschortingen: Iterable[tuple[dt.date, dt.date]] = (),
                        verdaging: tuple[dt.date, dt.date] | None = None) -> dt.date:
    """termijnen.beslistermijn_einde with this municipality's equated days."""
    return termijnen.beslistermijn_einde(wet, aanvraagdatum, opschortingen=opschortingen, verdaging=verdaging,
                                         extra_feestdagen=_extra(ctx))


def bezwaartermijn_einde(ctx: AppContext, verzonden_op: dt.date) -> dt.date:
    """termijnen.bezwaartermijn_einde with this municipality's equated days."""
    return termijnen.bezwaartermijn_einde(verzonden_op, extra_feestdagen=_extra(ctx))


def _opschortingen(s: Session, *, melding_id: int | None = None,
                   aanvraag_id: int | None = None) -> list[m.Opschorting]:
    q = select(m.Opschorting).order_by(m.Opschorting.start, m.Opschorting.id)
    q = q.where(m.Opschorting.melding_id == melding_id) if melding_id is not None \
        else q.where(m.Opschorting.aanvraag_id == aanvraag_id)
    return list(s.scalars(q))


def _laatste_verdaging(s: Session, aanvraag_id: int) -> m.Verdaging | None:
    return s.scalar(select(m.Verdaging).where(m.Verdaging.aanvraag_id == aanvraag_id)
                    .order_by(m.Verdaging.kennisgeving_datum.desc(), m.Verdaging.id.desc()).limit(1))


def _bereken_onderzoekstermijn(s: Session, ctx: AppContext, melding: m.Melding, vandaag: dt.date) -> dt.date | None:
    ops = _perioden(_opschortingen(s, melding_id=melding.id), vandaag) if melding.id is not None else []
    return onderzoekstermijn_einde(ctx, melding.wet, melding.datum, ops)


def _bereken_beslistermijn(s: Session, ctx: AppContext, aanvraag: m.Aanvraag, vandaag: dt.date) -> dt.date:
    if aanvraag.id is None:  # not flushed yet: no suspensions or postponements can exist
        return beslistermijn_einde(ctx, aanvraag.wet, aanvraag.datum)
    vd = _laatste_verdaging(s, aanvraag.id)
    return beslistermijn_einde(ctx, aanvraag.wet, aanvraag.datum,
                               _perioden(_opschortingen(s, aanvraag_id=aanvraag.id), vandaag),
                               (vd.kennisgeving_datum, vd.nieuwe_einddatum) if vd else None)


def lopende_opschorting(kolom: Any, *, van_aanvraag: bool = False) -> Any:
    """SQL: the melding (or aanvraag) in `kolom` has a suspension not closed by hand, so its stored end is stale
    and `actuele_einden` computes it live."""
    doel = m.Opschorting.aanvraag_id if van_aanvraag else m.Opschorting.melding_id
    return exists().where(doel == kolom, m.Opschorting.eind.is_(None), m.Opschorting.aangevuld_op.is_(None))


def actuele_einden(s: Session, ctx: AppContext, *, melding_ids: Iterable[int], aanvraag_ids: Iterable[int],
                   vandaag: dt.date) -> tuple[dict[int, dt.date | None], dict[int, dt.date]]:
    """Today's end of the terms that have a suspension not closed by hand, computed live.

    A stored end counts a running suspension up to the day it was last written, so lists that read stored ends
    (Mijn werk) would show a date that is a day too early every day; a suspension that ended by itself at the
    client's deadline also changes the end without a write. Returns {melding_id: end}, {aanvraag_id: end} for those
    cases only (one query whatever the number of cases, one more per kind only when any is suspended); other cases'
    stored ends are right.
    """
    mids, aids = set(melding_ids), set(aanvraag_ids)
    if not mids and not aids:
        return {}, {}
    # One statement for which cases have an open suspension (usually none); only those cases are then read (one
    # statement per kind, and only when there are any).
    voorwaarden = []
    if mids:
        voorwaarden.append(m.Opschorting.melding_id.in_(mids))
    if aids:
        voorwaarden.append(m.Opschorting.aanvraag_id.in_(aids))
    open_ = (m.Opschorting.eind.is_(None), m.Opschorting.aangevuld_op.is_(None))
    paren = s.execute(select(m.Opschorting.melding_id, m.Opschorting.aanvraag_id).distinct()
                      .where(or_(*voorwaarden), *open_)).all()
    m_open = {mid for mid, _ in paren if mid in mids}
    a_open = {aid for _, aid in paren if aid in aids}
    m_uit: dict[int, dt.date | None] = {}
    a_uit: dict[int, dt.date] = {}
    if m_open:
        for me in s.scalars(select(m.Melding).where(m.Melding.id.in_(m_open))):
            m_uit[me.id] = _bereken_onderzoekstermijn(s, ctx, me, vandaag)
    if a_open:
        for a in s.scalars(select(m.Aanvraag).where(m.Aanvraag.id.in_(a_open))):
            a_uit[a.id] = _bereken_beslistermijn(s, ctx, a, vandaag)
    return m_uit, a_uit


def herbereken_onderzoekstermijn(s: Session, ctx: AppContext, melding: m.Melding,
                                 *, vandaag: dt.date | None = None) -> dt.date | None:
    """Recompute and store `melding.onderzoekstermijn_einde` (call inside the caller's transaction)."""
    einde = _bereken_onderzoekstermijn(s, ctx, melding, vandaag or dt.date.today())
    if melding.onderzoekstermijn_einde != einde:
        melding.onderzoekstermijn_einde = einde
    return einde


def herbereken_beslistermijn(s: Session, ctx: AppContext, aanvraag: m.Aanvraag,
                             *, vandaag: dt.date | None = None) -> dt.date:
    """Recompute and store `aanvraag.beslistermijn_einde`. Call it when an Aanvraag is created or its date changes."""
    einde = _bereken_beslistermijn(s, ctx, aanvraag, vandaag or dt.date.today())
    if aanvraag.beslistermijn_einde != einde:
        aanvraag.beslistermijn_einde = einde
    return einde


def zet_bezwaartermijn(ctx: AppContext, beschikking: m.Beschikking) -> dt.date | None:
    """After sending: store the end of the objection term from `verzonden_op` (call inside the send transaction)."""
    if beschikking.verzonden_op is None:
        beschikking.bezwaartermijn_einde = None
        return None
    beschikking.bezwaartermijn_einde = bezwaartermijn_einde(ctx, beschikking.verzonden_op)
    return beschikking.bezwaartermijn_einde


# --------------------------------------------------------------------------------------------------------------
# Suspension and postponement
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpschortingView:
    id: int
    start: dt.date
    eind: dt.date | None
    reden: str | None
    soort: str = termijnen.OpschortingSoort.AANVULLING.value
    uiterlijk: dt.date | None = None
    aangevuld_op: dt.date | None = None
    loopt: bool = False
    dagen: int = 0  # suspended days so far (exactly, by termijnen.opgeschorte_periode)

    @property
    def soort_tekst(self) -> str:
        return termijnen.OpschortingSoort(self.soort).label

    @property
    def grondslag(self) -> str:
        return termijnen.OpschortingSoort(self.soort).grondslag


def _opschorting_view(o: m.Opschorting, vandaag: dt.date) -> OpschortingView:
    periode = termijnen.opgeschorte_periode(o.soort, o.start, eind=o.eind, uiterlijk=o.uiterlijk,
                                            aangevuld_op=o.aangevuld_op, vandaag=vandaag)
    return OpschortingView(o.id, o.start, o.eind, o.reden, o.soort, o.uiterlijk, o.aangevuld_op, _loopt(o, vandaag),
                           (periode[1] - periode[0]).days + 1 if periode else 0)


@dataclass(frozen=True)
class VerdagingView:
    id: int
    kennisgeving_datum: dt.date
    nieuwe_einddatum: dt.date
    reden: str | None
    reden_lengte: str | None = None


@dataclass(frozen=True)
class ZaakTermijn:
    """One legal term of one case with its suspensions and postponements (the detail panel of "Termijnen")."""

    soort: str  # onderzoek / beslissing
    melding_id: int | None
    aanvraag_id: int | None
    client_id: int
    client: str
    wet: str
    startdatum: dt.date
    wettelijk_einde: dt.date | None  # without suspension or postponement
    einde: dt.date | None
    versie: int
    opschortingen: list[OpschortingView] = field(default_factory=list)
    verdagingen: list[VerdagingView] = field(default_factory=list)


def _zaak(s: Session, ctx: AppContext, actor: Actor, melding_id: int | None,
          aanvraag_id: int | None) -> tuple[m.Melding | None, m.Aanvraag | None]:
    if (melding_id is None) == (aanvraag_id is None):
        raise ValidatieFout.veld("zaak", "Kies een melding of een aanvraag.")
    if melding_id is not None:
        me = haal(s, m.Melding, melding_id, "Melding")
        vereis_team(actor, me.team_id)
        return me, None
    assert aanvraag_id is not None
    a = haal(s, m.Aanvraag, aanvraag_id, "Aanvraag")
    vereis_team(actor, a.team_id)
    return None, a


def _huidig_einde(s: Session, ctx: AppContext, me: m.Melding | None, a: m.Aanvraag | None,
                  vandaag: dt.date) -> dt.date | None:
    if me is not None:
        return herbereken_onderzoekstermijn(s, ctx, me, vandaag=vandaag)
    assert a is not None
    return herbereken_beslistermijn(s, ctx, a, vandaag=vandaag)


def _controleer_open(me: m.Melding | None, a: m.Aanvraag | None) -> None:
    if me is not None:
        if Wet(me.wet) is not Wet.WMO:
            raise RegelFout("Een Jeugdwet-melding heeft geen wettelijke onderzoekstermijn; er valt niets op te "
                            "schorten. Schort de beslistermijn van de aanvraag op.")
        if me.status in (MeldingStatus.AFGEROND.value, MeldingStatus.INGETROKKEN.value):
            raise RegelFout("Deze melding is afgerond; de onderzoekstermijn loopt niet meer.")
    if a is not None and a.status != AanvraagStatus.OPEN.value:
        raise RegelFout("Op deze aanvraag is al besloten; de beslistermijn loopt niet meer.")


def schort_op(ctx: AppContext, actor: Actor, *, melding_id: int | None = None, aanvraag_id: int | None = None,
              start: dt.date | None, eind: dt.date | None = None, uiterlijk: dt.date | None = None,
              soort: str | None = None, reden: str | None = None, vandaag: dt.date | None = None) -> int:
    """Let a term stand still: suspend the decision term (Awb 4:15) or extend the Wmo investigation term by
    agreement with the client (art. 2.3.2 lid 1 Wmo 2015; the Awb does not suspend that term).

    Kind `aanvulling` (the default for an aanvraag; Awb 4:15 lid 1 onder a): `start` is the day the client was
    invited to complete the request and `uiterlijk` the deadline given (Awb 4:5); it runs until completed
    (beeindig_opschorting) or ends by itself when the deadline passes. Other kinds: `start` is the first
    suspended day, `eind` the last (an agreed extension needs one; consent, delay, force majeure may stay open).
    Refused once the term has run out (a suspension cannot be backdated into an expired term), while another
    suspension of the case runs, and for a start before the term began or in the future.
    Returns the id; the case's term is recomputed and stored.
    """
    vereis_rol(actor, *TERMIJN_ROLLEN)
    vandaag = vandaag or dt.date.today()
    soort_termijn = "onderzoek" if melding_id is not None else "beslissing"
    toegestaan = termijnen.OpschortingSoort.voor(soort_termijn)
    fouten = v.Fouten()
    try:
        soort_e = termijnen.OpschortingSoort(soort) if soort else toegestaan[0]
    except ValueError:
        soort_e = None
    if soort_e is None or soort_e not in toegestaan:
        fouten.add("soort", "De onderzoekstermijn van de Wmo kan alleen in overleg met de cliënt worden verlengd."
                   if soort_termijn == "onderzoek" else "Kies de grond van de opschorting uit de lijst (Awb 4:15).")
    aanvulling = soort_e is termijnen.OpschortingSoort.AANVULLING
    if start is None:
        fouten.add("start", "Vul de dag in waarop de cliënt is gevraagd de aanvraag aan te vullen." if aanvulling
                   else "Begindatum is verplicht.")
    elif start > vandaag:
        fouten.add("start", "Deze datum mag niet in de toekomst liggen.")
    if aanvulling:
        if uiterlijk is None:
            fouten.add("uiterlijk", "Vul de termijn in die de cliënt kreeg om de aanvraag aan te vullen (Awb 4:5).")
        elif start is not None and uiterlijk <= start:
            fouten.add("uiterlijk", "De hersteltermijn moet na de dag van het verzoek om aanvulling eindigen.")
        if eind is not None:
            fouten.add("eind", "Deze opschorting eindigt met de aanvulling of met het verstrijken van de "
                               "hersteltermijn; vul de dag van aanvulling in bij Beëindigen.")
    else:
        if uiterlijk is not None:
            fouten.add("uiterlijk", "Een hersteltermijn hoort alleen bij een verzoek om aanvulling (Awb 4:5).")
        if soort_e is termijnen.OpschortingSoort.AFSPRAAK and eind is None:
            fouten.add("eind", "Vul in tot en met welke dag de termijn in overleg met de cliënt is verlengd.")
        if start is not None and eind is not None and eind < start:
            fouten.add("eind", "De einddatum ligt vóór de begindatum.")
    try:
        reden_ok = v.verplichte_tekst(reden, "reden", "Reden", max_lengte=REDEN_MAX, meerdere_regels=True)
    except ValidatieFout as exc:
        fouten.add("reden", exc.bericht)
    fouten.check()
    assert start is not None and soort_e is not None
    with transactie(ctx, actor) as s:
        me, a = _zaak(s, ctx, actor, melding_id, aanvraag_id)
        _controleer_open(me, a)
        begin_termijn = me.datum if me is not None else a.datum  # type: ignore[union-attr]
        if start < begin_termijn or (not aanvulling and start == begin_termijn):
            raise ValidatieFout.veld("start", f"Deze datum ligt vóór de start van de termijn "
                                              f"({datum_tekst(begin_termijn)}).")
        bestaande = _opschortingen(s, melding_id=melding_id, aanvraag_id=aanvraag_id)
        if any(_loopt(o, vandaag) for o in bestaande):
            raise RegelFout("Er loopt al een opschorting voor deze termijn. Beëindig die eerst.")
        einde = _huidig_einde(s, ctx, me, a, vandaag)
        if einde is not None and (start > einde or vandaag > einde):
            raise ValidatieFout.veld("start", f"De termijn is op {datum_tekst(einde)} verstreken; een verstreken "
                                              "termijn kan niet meer worden opgeschort of verlengd (Awb 4:15).")
        o = m.Opschorting(melding_id=melding_id, aanvraag_id=aanvraag_id, soort=soort_e.value, start=start,
                          eind=eind, uiterlijk=uiterlijk if aanvulling else None, reden=reden_ok)
        s.add(o)
        s.flush()
        _huidig_einde(s, ctx, me, a, vandaag)
        client_id = me.client_id if me is not None else a.client_id  # type: ignore[union-attr]
        audit(s, actor, AuditActie.AANMAKEN, "opschorting", o.id, client_id=client_id,
              details=f"{'melding' if me is not None else 'aanvraag'}#{melding_id or aanvraag_id},soort={o.soort}")
        return o.id


def beeindig_opschorting(ctx: AppContext, actor: Actor, opschorting_id: int, eind: dt.date | None,
                         *, vandaag: dt.date | None = None) -> dt.date | None:
    """End a running suspension; returns the recomputed end of the term.

    For a request to complete (Awb 4:15 lid 1 onder a) `eind` is the day the request was completed: the term runs
    again from that day. For the other kinds it is the last suspended day. A completion after the deadline is
    refused: the suspension had already ended by itself when the deadline passed.
    """
    vereis_rol(actor, *TERMIJN_ROLLEN)
    vandaag = vandaag or dt.date.today()
    if eind is None:
        raise ValidatieFout.veld("eind", "Vul de datum in.")
    with transactie(ctx, actor) as s:
        o = haal(s, m.Opschorting, opschorting_id, "Opschorting")
        me, a = _zaak(s, ctx, actor, o.melding_id, o.aanvraag_id)
        aanvulling = o.soort == termijnen.OpschortingSoort.AANVULLING.value
        if o.eind is not None or o.aangevuld_op is not None:
            raise RegelFout("Deze opschorting is al beëindigd.")
        if eind < o.start:
            raise ValidatieFout.veld("eind", "Deze datum ligt vóór het begin van de opschorting "
                                             f"({datum_tekst(o.start)}).")
        if eind > vandaag:
            raise ValidatieFout.veld("eind", "Deze datum mag niet in de toekomst liggen.")
        if aanvulling and o.uiterlijk is not None and eind > o.uiterlijk:
            raise ValidatieFout.veld("eind", f"De hersteltermijn liep tot en met {datum_tekst(o.uiterlijk)}; toen "
                                             "eindigde de opschorting vanzelf (Awb 4:15). Een latere aanvulling "
                                             "verlengt de termijn niet.")
        if aanvulling:
            o.aangevuld_op = eind
        else:
            o.eind = eind
        s.flush()
        einde = _huidig_einde(s, ctx, me, a, vandaag)
        client_id = me.client_id if me is not None else a.client_id  # type: ignore[union-attr]
        audit(s, actor, AuditActie.WIJZIGEN, "opschorting", o.id, client_id=client_id,
              details="aangevuld_op" if aanvulling else "eind")
        return einde


def verdaag(ctx: AppContext, actor: Actor, aanvraag_id: int, *, kennisgeving_datum: dt.date | None,
            nieuwe_einddatum: dt.date | None, reden: str | None, reden_lengte: str | None = None,
            versie: int | None = None, vandaag: dt.date | None = None) -> dt.date:
    """Postpone the decision term (Awb 4:14 lid 1 for the Wmo term, lid 3 for the Jeugd term of Awb 4:13).

    Only with a notice sent before the term ended, and a later new end. The new term is "zo kort mogelijk": one
    longer than the original term length needs `reden_lengte`. Returns the new end (stored on the Aanvraag).
    """
    vereis_rol(actor, *TERMIJN_ROLLEN)
    vandaag = vandaag or dt.date.today()
    fouten = v.Fouten()
    if kennisgeving_datum is None:
        fouten.add("kennisgeving_datum", "Datum van de kennisgeving aan de cliënt is verplicht.")
    elif kennisgeving_datum > vandaag:
        fouten.add("kennisgeving_datum", "De kennisgeving moet al verstuurd zijn: de datum mag niet in de "
                                         "toekomst liggen.")
    if nieuwe_einddatum is None:
        fouten.add("nieuwe_einddatum", "De nieuwe einddatum van de beslistermijn is verplicht.")
    try:
        reden_ok = v.verplichte_tekst(reden, "reden", "Reden van verdaging", max_lengte=REDEN_MAX,
                                      meerdere_regels=True)
    except ValidatieFout as exc:
        fouten.add("reden", exc.bericht)
    try:
        lengte_ok = v.tekst(reden_lengte, "reden_lengte", "Reden voor de lengte", max_lengte=REDEN_MAX,
                            meerdere_regels=True)
    except ValidatieFout as exc:
        fouten.add("reden_lengte", exc.bericht)
    fouten.check()
    assert kennisgeving_datum is not None and nieuwe_einddatum is not None
    with transactie(ctx, actor) as s:
        a = haal(s, m.Aanvraag, aanvraag_id, "Aanvraag")
        vereis_team(actor, a.team_id)
        controleer_versie(a, versie)
        _controleer_open(None, a)
        artikel = termijnen.verdaging_artikel(a.wet)
        huidig = herbereken_beslistermijn(s, ctx, a, vandaag=vandaag)
        if not termijnen.verdaging_toegestaan(huidig, kennisgeving_datum):
            raise ValidatieFout.veld("kennisgeving_datum", f"De beslistermijn is op {datum_tekst(huidig)} verstreken. "
                                     f"Verdagen kan alleen met een kennisgeving vóór het einde van de termijn "
                                     f"({artikel}).")
        if kennisgeving_datum < a.datum:
            raise ValidatieFout.veld("kennisgeving_datum", "De kennisgeving ligt vóór de datum van de aanvraag.")
        if nieuwe_einddatum <= huidig:
            raise ValidatieFout.veld("nieuwe_einddatum", f"De nieuwe einddatum moet na het huidige einde van de "
                                                         f"termijn liggen ({datum_tekst(huidig)}).")
        if termijnen.verdaging_te_lang(a.wet, huidig, nieuwe_einddatum) and not lengte_ok:
            regel = termijnen.beslistermijn(a.wet)
            raise ValidatieFout.veld("reden_lengte", f"De nieuwe termijn is langer dan de oorspronkelijke termijn van "
                                     f"{regel.lengte}; {artikel} vraagt een zo kort mogelijke termijn. Leg vast "
                                     "waarom het langer moet.")
        vd = m.Verdaging(aanvraag_id=a.id, kennisgeving_datum=kennisgeving_datum,
                         nieuwe_einddatum=nieuwe_einddatum, reden=reden_ok, reden_lengte=lengte_ok)
        s.add(vd)
        s.flush()
        einde = herbereken_beslistermijn(s, ctx, a, vandaag=vandaag)
        audit(s, actor, AuditActie.AANMAKEN, "verdaging", vd.id, client_id=a.client_id,
              details=f"aanvraag#{a.id}")
        return einde


def zaak_termijn(ctx: AppContext, actor: Actor, *, melding_id: int | None = None, aanvraag_id: int | None = None,
                 vandaag: dt.date | None = None) -> ZaakTermijn:
    """The term of one case with its suspensions and postponements."""
    vereis_rol(actor, Rol.CONSULENT, Rol.TEAMLEIDER, Rol.PLANNER, Rol.TOETSER)
    vandaag = vandaag or dt.date.today()
    with transactie(ctx, actor) as s:
        me, a = _zaak(s, ctx, actor, melding_id, aanvraag_id)
        client = s.get(m.Client, me.client_id if me is not None else a.client_id)  # type: ignore[union-attr]
        assert client is not None
        naam = volledige_naam(client.voornamen, client.tussenvoegsel, client.achternaam)
        ops = _opschortingen(s, melding_id=melding_id, aanvraag_id=aanvraag_id)
        opv = [_opschorting_view(o, vandaag) for o in ops]
        if me is not None:
            zt = ZaakTermijn("onderzoek", me.id, None, client.id, naam, me.wet, me.datum,
                             onderzoekstermijn_einde(ctx, me.wet, me.datum),
                             onderzoekstermijn_einde(ctx, me.wet, me.datum, _perioden(ops, vandaag)), me.versie, opv)
        else:
            assert a is not None
            vds = s.scalars(select(m.Verdaging).where(m.Verdaging.aanvraag_id == a.id)
                            .order_by(m.Verdaging.kennisgeving_datum, m.Verdaging.id)).all()
            laatste = vds[-1] if vds else None
            zt = ZaakTermijn(
                "beslissing", None, a.id, client.id, naam, a.wet, a.datum,
                beslistermijn_einde(ctx, a.wet, a.datum),
                beslistermijn_einde(ctx, a.wet, a.datum, _perioden(ops, vandaag),
                                    (laatste.kennisgeving_datum, laatste.nieuwe_einddatum) if laatste else None),
                a.versie, opv, [VerdagingView(x.id, x.kennisgeving_datum, x.nieuwe_einddatum, x.reden, x.reden_lengte)
                            for x in vds])
        audit(s, actor, AuditActie.LEZEN, "termijn", melding_id or aanvraag_id, client_id=client.id,
              details=zt.soort)
        return zt


# --------------------------------------------------------------------------------------------------------------
# Lists: "mijn termijnen" and per team
# --------------------------------------------------------------------------------------------------------------

SOORT_TEKST = {
    "onderzoek": "Onderzoek",
    "beslissing": "Beslissing",
    "bezwaar": "Bezwaar",
    "plan": "Plan aanbieder",
    "start": "Start zorg niet gemeld",
    "verzoek": "Verzoek aanbieder",
    "retour": "Retour versturen",
    "retour_aanbieder": "Retour van aanbieder",
}
#: The legal ground of each kind of term, for tooltips and explanations: the rules' own texts.
GRONDSLAG = {
    "onderzoek": termijnen.ONDERZOEK_WMO.tekst + ".",
    "beslissing_wmo": termijnen.BESLISSING_WMO.tekst + ".",
    "beslissing_jeugdwet": termijnen.BESLISSING_JEUGD.tekst + ".",
    "bezwaar": termijnen.BEZWAAR.tekst + ".",
    "plan": "Afspraak met de aanbieder over het plan van aanpak of gezinsplan.",
    "verzoek": "iStandaarden iWmo/iJw: een verzoek om toewijzing of wijziging (315/317) krijgt binnen vijf werkdagen "
               "antwoord, met een toewijzing (301) of een antwoordbericht (319).",
    "start": f"iStandaarden iWmo/iJw: de aanbieder meldt de start van de zorg (305) binnen "
             f"{termijnen.KETEN_START_WERKDAGEN} werkdagen na die start; gerekend vanaf de ingangsdatum van de "
             "toewijzing. Vraag de aanbieder of de zorg is begonnen.",
    "retour": f"iStandaarden iWmo/iJw: elk ontvangen bericht krijgt binnen {termijnen.KETEN_RETOUR_WERKDAGEN} werkdagen "
              "na ontvangst zijn retourbericht (306, 308, 316, 318, 325). Exporteer het in Berichtenverkeer.",
    "retour_aanbieder": f"iStandaarden iWmo/iJw: de aanbieder stuurt binnen {termijnen.KETEN_RETOUR_WERKDAGEN} "
                        "werkdagen een retour (302 of 320) op de toewijzing of het antwoord. Blijft die uit, vraag "
                        "de aanbieder of het bericht is aangekomen; 'Opnieuw verzenden' zet het nog een keer klaar.",
}


@dataclass(frozen=True)
class TermijnRegel:
    """One line of "Termijnen": a running legal term (or an expected provider plan) of one case."""

    soort: str  # onderzoek / beslissing / bezwaar / plan
    soort_tekst: str
    object_id: int  # melding, aanvraag, beschikking or voorziening id, by soort
    client_id: int
    client: str
    wet: str
    startdatum: dt.date
    einde: dt.date
    werkdagen: int  # working days from today to the end; negative when passed
    status: str  # op_tijd / verloopt_binnenkort / overschreden / opgeschort / loopt (objection term)
    status_tekst: str
    consulent_id: int | None
    consulent: str | None
    opgeschort: bool = False
    verdaagd: bool = False
    melding_id: int | None = None
    aanvraag_id: int | None = None
    ooit_opgeschort: bool = False  # a suspension, running or ended, is on record

    @property
    def grondslag(self) -> str:
        if self.soort_tekst == ZONDER_ONDERZOEK_TEKST:  # the request of Wmo 2015 art. 2.3.5 lid 2
            return AANVRAAG_ZONDER_ONDERZOEK_GRONDSLAG
        return GRONDSLAG.get(f"{self.soort}_{self.wet}" if self.soort == "beslissing" else self.soort, "")

    @property
    def signaal(self) -> bool:
        return self.status in ("verloopt_binnenkort", "overschreden")


def _status(einde: dt.date, vandaag: dt.date, extra: Iterable[dt.date], signaal: int) -> tuple[str, str]:
    st = termijnen.termijn_status(einde, vandaag, extra, signaal_werkdagen=signaal)
    return st.value, termijnen.status_tekst(st, signaal)


def _termijn_regels(s: Session, ctx: AppContext, vandaag: dt.date, *, consulent_id: int | None,
                    teams: set[int] | None, met_bezwaar: bool) -> list[TermijnRegel]:
    extra = _extra(ctx)
    signaal = ctx.config.termijnen.signaal_werkdagen
    namen = dict(s.execute(select(m.Gebruiker.id, m.Gebruiker.naam)).all())
    regels: list[TermijnRegel] = []
    c_t = m.Client
    naam_kol = (c_t.id, c_t.voornamen, c_t.tussenvoegsel, c_t.achternaam)  # plain columns: lists can be long

    def regel(soort: str, ident: int, klant: tuple[int, str, str | None, str], wet: str, start: dt.date,
              einde: dt.date, cid: int | None, *, opgeschort: dt.date | None = None, verdaagd: bool = False,
              melding_id: int | None = None, aanvraag_id: int | None = None, status: tuple[str, str] | None = None,
              soort_tekst: str | None = None, ooit_opgeschort: bool = False) -> None:
        over = termijnen.werkdagen_tussen(vandaag, einde, extra)
        st = status or _status(einde, vandaag, extra, signaal)
        if opgeschort is not None and st[0] != "overschreden":
            st = ("opgeschort", f"opgeschort {'sinds' if opgeschort <= vandaag else 'vanaf'} {datum_kort(opgeschort)}")
        if verdaagd and st[0] == "op_tijd":
            st = (st[0], "verdaagd, op tijd")
        regels.append(TermijnRegel(
            soort, soort_tekst or SOORT_TEKST[soort], ident, klant[0], volledige_naam(*klant[1:]), wet, start, einde,
            over, st[0], st[1], cid, namen.get(cid) if cid else None, opgeschort is not None, verdaagd, melding_id,
            aanvraag_id, ooit_opgeschort or opgeschort is not None))

    # Running suspensions, for a live end date and the "opgeschort" status.
    # Not closed by hand: running, or ended by itself when the client's deadline passed (the stored end is then
    # stale until the next write, so these ends are computed live too).
    open_ops = s.execute(select(m.Opschorting).where(m.Opschorting.eind.is_(None),
                                                     m.Opschorting.aangevuld_op.is_(None))).scalars().all()
    open_melding = {o.melding_id: o for o in open_ops if o.melding_id is not None}
    open_aanvraag = {o.aanvraag_id: o for o in open_ops if o.aanvraag_id is not None}

    # 1. Investigation terms: Wmo meldingen still open and not yet turned into an aanvraag.
    me_t = m.Melding
    heeft_aanvraag = or_(
        exists().where(and_(m.Onderzoek.melding_id == me_t.id, m.Aanvraag.onderzoek_id == m.Onderzoek.id)),
        # art. 2.3.5 lid 2 Wmo. Uncorrelated (the few such requests, once), not an EXISTS per melding: where most
        # requests have no melding_id the planner would scan every request for every open melding.
        me_t.id.in_(select(m.Aanvraag.melding_id).where(m.Aanvraag.zonder_onderzoek,
                                                         m.Aanvraag.melding_id.is_not(None))))
    me_opgeschort = exists().where(m.Opschorting.melding_id == me_t.id)
    q1 = (select(me_t.id, me_t.wet, me_t.datum, me_t.onderzoekstermijn_einde, me_t.consulent_id, me_opgeschort,
                 *naam_kol)
          .join(c_t, c_t.id == me_t.client_id)
          .where(me_t.onderzoekstermijn_einde.is_not(None),
                 me_t.status.in_((MeldingStatus.NIEUW.value, MeldingStatus.TOEGEWEZEN.value,
                                  MeldingStatus.IN_ONDERZOEK.value)),
                 ~heeft_aanvraag))
    if consulent_id is not None:
        q1 = q1.where(me_t.consulent_id == consulent_id)
    if teams is not None:
        q1 = q1.where(me_t.team_id.in_(teams))
    for mid, wet, datum, einde, cid, ooit, *klant in s.execute(q1).all():
        op = open_melding.get(mid)
        if op is not None:
            me = s.get(m.Melding, mid)
            assert me is not None
            einde = _bereken_onderzoekstermijn(s, ctx, me, vandaag) or einde  # live; a list never writes
        regel("onderzoek", mid, tuple(klant), wet, datum, einde, cid,  # type: ignore[arg-type]
              opgeschort=_eerste_dag(op) if op and _loopt(op, vandaag) else None, melding_id=mid,
              ooit_opgeschort=bool(ooit))

    # 2. Decision terms: open aanvragen whose decision has not been sent.
    a_t = m.Aanvraag
    verzonden = exists().where(and_(m.Beschikking.aanvraag_id == a_t.id, m.Beschikking.verzonden_op.is_not(None)))
    verdaagd_q = exists().where(m.Verdaging.aanvraag_id == a_t.id)
    a_opgeschort = exists().where(m.Opschorting.aanvraag_id == a_t.id)
    q2 = (select(a_t.id, a_t.wet, a_t.datum, a_t.beslistermijn_einde, a_t.consulent_id, verdaagd_q, a_opgeschort,
                 a_t.zonder_onderzoek, *naam_kol)
          .join(c_t, c_t.id == a_t.client_id)
          .where(a_t.status == AanvraagStatus.OPEN.value, a_t.beslistermijn_einde.is_not(None), ~verzonden))
    if consulent_id is not None:
        q2 = q2.where(a_t.consulent_id == consulent_id)
    if teams is not None:
        q2 = q2.where(a_t.team_id.in_(teams))
    for aid, wet, datum, einde, cid, is_verdaagd, ooit, zonder, *klant in s.execute(q2).all():
        op = open_aanvraag.get(aid)
        if op is not None:
            a = s.get(m.Aanvraag, aid)
            assert a is not None
            einde = _bereken_beslistermijn(s, ctx, a, vandaag)
        regel("beslissing", aid, tuple(klant), wet, datum, einde, cid,  # type: ignore[arg-type]
              opgeschort=_eerste_dag(op) if op and _loopt(op, vandaag) else None, verdaagd=bool(is_verdaagd),
              aanvraag_id=aid, ooit_opgeschort=bool(ooit),
              soort_tekst=ZONDER_ONDERZOEK_TEKST if zonder else None)

    # 3. Provider plans expected and not received: overdue or within the signal window.
    grens = vandaag + dt.timedelta(days=14)
    vz_t = m.Voorziening
    q3 = (select(vz_t.id, vz_t.wet, vz_t.startdatum, vz_t.plan_verwacht_op, a_t.consulent_id, a_t.id, *naam_kol)
          .join(c_t, c_t.id == vz_t.client_id)
          .join(a_t, a_t.id == vz_t.aanvraag_id)
          .where(vz_t.plan_verwacht_op.is_not(None), vz_t.plan_ontvangen_op.is_(None),
                 vz_t.plan_verwacht_op <= grens,
                 vz_t.status.in_((VoorzieningStatus.BESLOTEN.value, VoorzieningStatus.ACTIEF.value))))
    if consulent_id is not None:
        q3 = q3.where(a_t.consulent_id == consulent_id)
    if teams is not None:
        q3 = q3.where(c_t.team_id.in_(teams))
    for vid, wet, start, verwacht, cid, aid, *klant in s.execute(q3).all():
        assert verwacht is not None
        plan = "Gezinsplan" if wet == Wet.JEUGDWET.value else "Plan van aanpak"
        st = _status(verwacht, vandaag, extra, signaal)
        if st[0] == "overschreden":
            st = ("overschreden", f"{plan.lower()} te laat")
        elif st[0] == "op_tijd":
            continue
        regel("plan", vid, tuple(klant), wet, start, verwacht, cid, aanvraag_id=aid,  # type: ignore[arg-type]
              status=st, soort_tekst=plan)

    # 3b. Care assigned and sent (301 exported) but no start reported (305) five working days after the
    # assignment's start date: the provider's chain term. Shown from one working day ahead (KETEN_SIGNAAL_WERKDAGEN).
    t_t, ber_t = m.Toewijzing, m.Bericht
    verzonden_301 = exists().where(and_(
        ber_t.richting == "uit", ber_t.nummer == 301, ber_t.client_id == t_t.client_id,
        ber_t.aanbieder_id == t_t.aanbieder_id, ber_t.wet == t_t.wet,
        ber_t.status.in_((BerichtStatus.VERZONDEN.value, BerichtStatus.GOEDGEKEURD.value))))
    q6 = (select(t_t.id, t_t.wet, t_t.ingangsdatum, a_t.consulent_id, a_t.id, *naam_kol)
          .join(vz_t, vz_t.id == t_t.voorziening_id)
          .join(a_t, a_t.id == vz_t.aanvraag_id)
          .join(c_t, c_t.id == t_t.client_id)
          .where(t_t.status == "actueel", t_t.zorg_start.is_(None), t_t.ingangsdatum <= vandaag,
                 or_(t_t.einddatum.is_(None), t_t.einddatum >= vandaag), verzonden_301))
    if consulent_id is not None:
        q6 = q6.where(a_t.consulent_id == consulent_id)
    if teams is not None:
        q6 = q6.where(c_t.team_id.in_(teams))
    for tid, wet, ingang, cid, aid, *klant in s.execute(q6).all():
        uiterlijk = termijnen.werkdagen_na(ingang, termijnen.KETEN_START_WERKDAGEN, extra)
        st = _status(uiterlijk, vandaag, extra, termijnen.KETEN_SIGNAAL_WERKDAGEN)  # the provider's few days
        if st[0] == "op_tijd":
            continue
        if st[0] == "overschreden":
            st = ("overschreden", "startbericht te laat")
        regel("start", tid, tuple(klant), wet, ingang, uiterlijk, cid, aanvraag_id=aid,  # type: ignore[arg-type]
              status=st)

    # 4. Providers' requests (315/317) waiting for an answer: the chain's five working days (iStandaarden).
    v_t = m.Verzoek
    q5 = (select(v_t.id, v_t.wet, v_t.ontvangen_op, v_t.antwoord_uiterlijk, v_t.consulent_id, v_t.nummer, *naam_kol)
          .join(c_t, c_t.id == v_t.client_id)
          .where(v_t.status == VerzoekStatus.OPEN.value))
    if consulent_id is not None:
        q5 = q5.where(v_t.consulent_id == consulent_id)
    if teams is not None:
        q5 = q5.where(v_t.team_id.in_(teams))
    for vid, wet, ontvangen, uiterlijk, cid, nummer, *klant in s.execute(q5).all():
        regel("verzoek", vid, tuple(klant), wet, ontvangen, uiterlijk, cid,  # type: ignore[arg-type]
              soort_tekst="Verzoek om toewijzing" if nummer == 315 else "Verzoek om wijziging")

    # 5. Objection terms still running (information: nothing for the consultant to do, but worth knowing).
    if met_bezwaar:
        b_t = m.Beschikking
        q4 = (select(b_t.id, a_t.wet, b_t.verzonden_op, b_t.bezwaartermijn_einde, b_t.auteur_id, b_t.aanvraag_id,
                     *naam_kol)
              .join(c_t, c_t.id == b_t.client_id)
              .join(a_t, a_t.id == b_t.aanvraag_id)
              .where(b_t.bezwaartermijn_einde.is_not(None), b_t.bezwaartermijn_einde >= vandaag))
        if consulent_id is not None:
            q4 = q4.where(b_t.auteur_id == consulent_id)
        if teams is not None:
            q4 = q4.where(c_t.team_id.in_(teams))
        for bid, wet, verzonden_op, einde, cid, aid, *klant in s.execute(q4).all():
            regel("bezwaar", bid, tuple(klant), wet, verzonden_op, einde, cid,  # type: ignore[arg-type]
                  aanvraag_id=aid, status=("loopt", "bezwaar mogelijk tot en met deze datum"))

    regels.sort(key=lambda r: (r.einde, r.soort == "bezwaar", r.client))
    return regels


def mijn_termijnen(ctx: AppContext, actor: Actor, *, met_bezwaar: bool = False,
                   vandaag: dt.date | None = None) -> list[TermijnRegel]:
    """The consultant's running legal terms and overdue provider plans, nearest end date first."""
    vereis_rol(actor, Rol.CONSULENT)
    vandaag = vandaag or dt.date.today()
    with transactie(ctx, actor) as s:
        uit = _termijn_regels(s, ctx, vandaag, consulent_id=actor.gebruiker_id, teams=None,
                              met_bezwaar=met_bezwaar)
        audit_lijst(s, actor, "mijn_termijnen", client_ids_van(uit), filter="bezwaar" if met_bezwaar else None)
        return uit


def termijnen_team(ctx: AppContext, actor: Actor, team_id: int | None = None, *, met_bezwaar: bool = False,
                   vandaag: dt.date | None = None) -> list[TermijnRegel]:
    """Team leader / planner: the same list for a whole team (or every team they serve), nearest end date first."""
    vereis_rol(actor, Rol.TEAMLEIDER, Rol.PLANNER)
    vandaag = vandaag or dt.date.today()
    teams = {team_id} if team_id is not None else set(actor.teams)
    for t in teams:
        vereis_team(actor, t)
    with transactie(ctx, actor) as s:
        uit = _termijn_regels(s, ctx, vandaag, consulent_id=None, teams=teams, met_bezwaar=met_bezwaar)
        audit_lijst(s, actor, "termijnen_team", client_ids_van(uit),
                    filter=f"teams={'+'.join(map(str, sorted(teams)))}" + (";bezwaar" if met_bezwaar else ""))
        return uit


def ketentermijnen(ctx: AppContext, actor: Actor, *, vandaag: dt.date | None = None) -> list[TermijnRegel]:
    """Administrative staff: the message traffic's own terms (iStandaarden), nearest end first.

    * "retour": a received message whose retour has not left yet (ready, or blocked by its checks): it must go
      within three working days after receipt (`termijnen.KETEN_RETOUR_WERKDAGEN`);
    * "retour_aanbieder": a 301 or 319 exported and not answered by the provider's 302/320 within those three
      working days (shown from the last working day on).
    The signal comes one working day ahead (`termijnen.KETEN_SIGNAAL_WERKDAGEN`)."""
    vereis_rol(actor, Rol.ADMINISTRATIEF)
    vandaag = vandaag or dt.date.today()
    extra = _extra(ctx)
    signaal = termijnen.KETEN_SIGNAAL_WERKDAGEN
    regels: list[TermijnRegel] = []
    heen, retour, c_t = m.Bericht, aliased(m.Bericht), m.Client

    def voeg_toe(soort: str, b: m.Bericht, c: m.Client | None, start: dt.date, einde: dt.date, tekst: str,
                 status: tuple[str, str]) -> None:
        naam = volledige_naam(c.voornamen, c.tussenvoegsel, c.achternaam) if c else "Onbekende cliënt"
        regels.append(TermijnRegel(soort, tekst, b.id, c.id if c else 0, naam, b.wet, start, einde,
                                   termijnen.werkdagen_tussen(vandaag, einde, extra), status[0], status[1], None,
                                   None))

    with transactie(ctx, actor) as s:
        # 1. Received, its retour not sent yet (the retour row is made at import: ready or blocked).
        q1 = (select(heen, c_t, retour.status)
              .join(retour, and_(retour.heen_id == heen.id, retour.richting == "uit"))
              .outerjoin(c_t, c_t.id == heen.client_id)
              .where(heen.richting == "in", heen.retour_uiterlijk.is_not(None),
                     retour.status.in_((BerichtStatus.KLAAR.value, BerichtStatus.GEBLOKKEERD.value))))
        for b, c, rstatus in s.execute(q1).all():
            assert b.retour_uiterlijk is not None
            st = _status(b.retour_uiterlijk, vandaag, extra, signaal)
            if rstatus == BerichtStatus.GEBLOKKEERD.value and st[0] != "overschreden":
                st = (st[0], "retour geblokkeerd: corrigeer en maak opnieuw")
            voeg_toe("retour", b, c, b.aangemaakt_op.date(), b.retour_uiterlijk, f"Retour op {b.soort} versturen", st)
        # 2. Our 301/319 exported, no retour from the provider yet.
        q2 = (select(heen, c_t).outerjoin(c_t, c_t.id == heen.client_id)
              .where(heen.richting == "uit", heen.nummer.in_((301, 319)),
                     heen.status == BerichtStatus.VERZONDEN.value, heen.geexporteerd_op.is_not(None)))
        for b, c in s.execute(q2).all():
            assert b.geexporteerd_op is not None
            verzonden = b.geexporteerd_op.date()
            einde = termijnen.werkdagen_na(verzonden, termijnen.KETEN_RETOUR_WERKDAGEN, extra)
            st = _status(einde, vandaag, extra, signaal)
            if st[0] == "op_tijd":
                continue
            if st[0] == "overschreden":
                st = ("overschreden", "geen retour van de aanbieder")
            voeg_toe("retour_aanbieder", b, c, verzonden, einde, f"Retour van aanbieder op {b.soort}", st)
        regels.sort(key=lambda r: (r.einde, r.client))
        audit_lijst(s, actor, "ketentermijnen", [r.client_id for r in regels if r.client_id])
        return regels


@dataclass(frozen=True)
class HerberekenResultaat:
    meldingen: int
    aanvragen: int
    beschikkingen: int


def herbereken_alle_termijnen(ctx: AppContext, actor: Actor, *, vandaag: dt.date | None = None) -> HerberekenResultaat:
    """After the administrator changed the equated days (Atw art. 3 lid 3): recompute every running term."""
    vereis_rol(actor, Rol.BEHEERDER, Rol.TEAMLEIDER)
    vandaag = vandaag or dt.date.today()
    n_m = n_a = n_b = 0
    with transactie(ctx, actor) as s:
        for me in s.scalars(select(m.Melding).where(m.Melding.status.in_(
                (MeldingStatus.NIEUW.value, MeldingStatus.TOEGEWEZEN.value, MeldingStatus.IN_ONDERZOEK.value)))):
            oud = me.onderzoekstermijn_einde
            if herbereken_onderzoekstermijn(s, ctx, me, vandaag=vandaag) != oud:
                n_m += 1
        for a in s.scalars(select(m.Aanvraag).where(m.Aanvraag.status == AanvraagStatus.OPEN.value)):
            oud = a.beslistermijn_einde
            if herbereken_beslistermijn(s, ctx, a, vandaag=vandaag) != oud:
                n_a += 1
        for b in s.scalars(select(m.Beschikking).where(m.Beschikking.verzonden_op.is_not(None),
                                                       m.Beschikking.bezwaartermijn_einde >= vandaag)):
            oud = b.bezwaartermijn_einde
            if zet_bezwaartermijn(ctx, b) != oud:
                n_b += 1
        audit(s, actor, AuditActie.WIJZIGEN, "termijnen", None, details=f"meldingen={n_m},aanvragen={n_a},"
                                                                         f"beschikkingen={n_b}")
    return HerberekenResultaat(n_m, n_a, n_b)
