"""What other users changed since a moment, read from the audit log's write events, so this user's open screens
can follow (the desktop client asks every few seconds, off the GUI thread: ui.ops.Ops.kijk_naar_wijzigingen).

Every state change of a use case writes an audit event (services.base.audit) with the kind of object and the
client, on whichever computer it ran: the same events serve every user of one central database, with no
extra table and no message server. Only kinds and client ids are returned, never content; the function reads no
personal data and is therefore not audited itself (an audited poll would write an event every few seconds).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from consulent_app.db import models as m
from consulent_app.domain import AuditActie, Rol
from consulent_app.services.base import Actor, AppContext, transactie, vereis_rol

SCHRIJVEND = (AuditActie.AANMAKEN.value, AuditActie.WIJZIGEN.value, AuditActie.VERWIJDEREN.value,
              AuditActie.VERZENDEN.value)
MAX_PER_KEER = 500
VOLGERS = (Rol.CONSULENT, Rol.TOETSER, Rol.PLANNER, Rol.TEAMLEIDER, Rol.ADMINISTRATIEF)


@dataclass(frozen=True)
class Gewijzigd:
    object_type: str  # e.g. "beschikking", "melding", "voorziening" (the audit event's object type)
    client_id: int | None


@dataclass(frozen=True)
class Wijzigingen:
    tot_id: int  # ask next time for what came after this audit event
    items: tuple[Gewijzigd, ...]


def wijzigingen_sinds(ctx: AppContext, actor: Actor, na_id: int | None) -> Wijzigingen:
    """The write events of other users after audit event `na_id`, oldest first, at most MAX_PER_KEER at a time
    (ask again from `tot_id`). `na_id=None`: only where the log stands now (a window that just opened shows the
    current state already). For the roles that work on cases (VOLGERS); the functional administrator and the
    controller have no case screens to follow."""
    vereis_rol(actor, *VOLGERS)
    with transactie(ctx, actor) as s:
        hoogste = s.scalar(select(func.max(m.AuditEvent.id))) or 0
        if na_id is None or hoogste <= na_id:
            return Wijzigingen(max(hoogste, na_id or 0), ())
        rijen = s.execute(
            select(m.AuditEvent.id, m.AuditEvent.object_type, m.AuditEvent.client_id)
            .where(m.AuditEvent.id > na_id, m.AuditEvent.id <= hoogste, m.AuditEvent.actie.in_(SCHRIJVEND),
                   or_(m.AuditEvent.gebruiker_id.is_(None), m.AuditEvent.gebruiker_id != actor.gebruiker_id))
            .order_by(m.AuditEvent.id).limit(MAX_PER_KEER)).all()
    tot = rijen[-1].id if len(rijen) == MAX_PER_KEER else hoogste
    return Wijzigingen(tot, tuple(Gewijzigd(r.object_type, r.client_id) for r in rijen))
