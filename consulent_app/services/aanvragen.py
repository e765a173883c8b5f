"""The formal request (aanvraag) filed without a completed investigation (Wmo 2015 art. 2.3.5 lid 2).

Normally the aanvraag follows the investigation: the client reacts to the report (onderzoek.registreer_reactie).
When the six-week investigation term has passed without a completed investigation, the client may file the
aanvraag anyway; the two-week decision term then runs from that request. The request is linked to its melding and,
if one was started, to the open investigation: the provisions of step 7 land in it and completing the
investigation later does not make a second request.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select

from consulent_app.db import models as m
from consulent_app.domain import AanvraagStatus, AuditActie, MeldingStatus, OnderzoekStatus, Rol
from consulent_app.errors import RegelFout
from consulent_app.formatting import datum as datum_tekst
from consulent_app.rules import aanvraag as regels
from consulent_app.services.base import (
    Actor,
    AppContext,
    audit,
    controleer_versie,
    haal,
    transactie,
    vereis_rol,
    vereis_team,
)
from consulent_app.services.termijnbewaking import herbereken_beslistermijn, herbereken_onderzoekstermijn


def registreer_aanvraag_zonder_onderzoek(ctx: AppContext, actor: Actor, melding_id: int, *,
                                         datum: dt.date | None, versie: int | None = None,
                                         vandaag: dt.date | None = None) -> int:
    """Register the client's aanvraag on a Wmo melding whose investigation term passed without a completed
    investigation (art. 2.3.5 lid 2 Wmo 2015). Starts the two-week decision term; returns the aanvraag id.

    Refused (at the field `datum`) on or before the last day of the investigation term, in the future or before the
    melding; refused (RegelFout) for the Jeugdwet, a completed investigation, a withdrawn melding or when a request
    was already filed. A concept request of step 7 becomes this request; nothing else is written when refused.
    """
    vereis_rol(actor, Rol.CONSULENT)
    vandaag = vandaag or dt.date.today()
    with transactie(ctx, actor) as s:
        me = haal(s, m.Melding, melding_id, "Melding")
        vereis_team(actor, me.team_id)
        controleer_versie(me, versie)
        if me.status == MeldingStatus.INGETROKKEN.value:
            raise RegelFout("Deze melding is ingetrokken; daarop volgt geen aanvraag.")
        o = me.onderzoek
        afgerond = o is not None and o.status == OnderzoekStatus.AFGEROND.value
        van_melding = [m.Aanvraag.melding_id == me.id] + ([m.Aanvraag.onderzoek_id == o.id] if o is not None else [])
        bestaand = s.scalars(select(m.Aanvraag).where(or_(*van_melding)).order_by(m.Aanvraag.id)).all()
        formeel = [a for a in bestaand if a.status != AanvraagStatus.CONCEPT.value]
        if formeel and not afgerond:
            raise RegelFout(f"Bij deze melding is al een aanvraag vastgelegd (van {datum_tekst(formeel[0].datum)}).")
        einde = herbereken_onderzoekstermijn(s, ctx, me, vandaag=vandaag)
        datum_ok = regels.controleer_aanvraag_zonder_onderzoek(me.wet, me.datum, einde, afgerond, datum, vandaag)
        a = bestaand[0] if bestaand else None
        actie = AuditActie.WIJZIGEN
        if a is None:
            a = m.Aanvraag(client_id=me.client_id, wet=me.wet, soort=me.soort, team_id=me.team_id,
                           consulent_id=me.consulent_id or actor.gebruiker_id, onderzoek=o)
            s.add(a)
            actie = AuditActie.AANMAKEN
        a.melding_id = me.id
        a.zonder_onderzoek = True
        a.datum = datum_ok
        a.status = AanvraagStatus.OPEN.value
        s.flush()
        herbereken_beslistermijn(s, ctx, a, vandaag=vandaag)
        audit(s, actor, actie, "aanvraag", a.id, client_id=me.client_id,
              details=f"zonder_onderzoek,melding#{me.id}" + (f",onderzoek#{o.id}" if o is not None else ""))
        return a.id
