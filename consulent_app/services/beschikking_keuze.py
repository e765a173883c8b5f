"""Which kind of decision (aanvraag, herziening, beëindiging) the core would make for a request, so a screen can
preselect it before the consultant creates the concept decision."""

from __future__ import annotations

from consulent_app.db import models as m
from consulent_app.domain import Rol
from consulent_app.services.base import Actor, AppContext, haal, transactie, vereis_rol, vereis_team
from consulent_app.services.beschikkingen import _standaard_type


def standaard_type(ctx: AppContext, actor: Actor, aanvraag_id: int) -> str:
    """The type `maak_concept_beschikking` chooses when none is given (a BeschikkingType value)."""
    vereis_rol(actor, Rol.CONSULENT)
    with transactie(ctx) as s:
        a = haal(s, m.Aanvraag, aanvraag_id, "Aanvraag")
        vereis_team(actor, a.team_id)
        po = s.get(m.PeriodiekOnderzoek, a.aanleiding_po_id) if a.aanleiding_po_id is not None else None
        return _standaard_type(s, a, po)
