"""The organisation as the desktop shell shows it: the area teams by name."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from consulent_app.db import models as m
from consulent_app.domain import Rol
from consulent_app.services.base import Actor, AppContext, transactie, vereis_rol


@dataclass(frozen=True)
class TeamView:
    id: int
    code: str
    naam: str


def teams(ctx: AppContext, actor: Actor) -> list[TeamView]:
    """All area teams, by name. Team names are no personal data: every role may read them."""
    vereis_rol(actor, *Rol)
    with transactie(ctx, actor) as s:
        rows = s.execute(select(m.Team.id, m.Team.code, m.Team.naam).order_by(m.Team.naam)).all()
        return [TeamView(i, c, n) for i, c, n in rows]


def eerste_actieve_consulent(ctx: AppContext) -> str | None:
    """User name of the first active consultant ('consulent' when present), for the start-up self-test."""
    with transactie(ctx, None) as s:
        return s.scalar(
            select(m.Gebruiker.gebruikersnaam)
            .where(m.Gebruiker.rol == Rol.CONSULENT.value, m.Gebruiker.actief)
            .order_by(m.Gebruiker.gebruikersnaam != "consulent", m.Gebruiker.id)
            .limit(1)
        )
