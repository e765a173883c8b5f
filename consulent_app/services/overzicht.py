"""Shared pieces of the overviews: the filter (team, law, period), team scope and SQL expressions for both dialects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, and_, case, func, or_, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from consulent_app import termijnen
from consulent_app.db import models as m
from consulent_app.domain import Rol, VoorzieningStatus, Wet
from consulent_app.errors import GeenToegang, ValidatieFout
from consulent_app.services.base import Actor, AppContext, vereis_team

#: Most rows a drill-down returns; the screen says when there are more.
DRILL_LIMIET = 2000


@dataclass(frozen=True)
class Filter:
    """What every overview filters on. `team_id=None`: all teams the user serves; `wet=None`: both laws."""

    team_id: int | None = None
    wet: str | None = None
    van: dt.date | None = None
    tot: dt.date | None = None

    def gecontroleerd(self) -> Filter:
        fouten: dict[str, str] = {}
        if self.wet is not None and self.wet not in {w.value for w in Wet}:
            fouten["wet"] = f"Wet: ongeldige keuze '{self.wet}'."
        if self.van is not None and self.tot is not None and self.tot < self.van:
            fouten["tot"] = "De einddatum van de periode ligt vóór de begindatum."
        if fouten:
            raise ValidatieFout(fouten)
        return self


def teams_in_bereik(actor: Actor, team_id: int | None) -> list[int]:
    """Need to know: one team the user serves, or all of them."""
    if actor.rol is Rol.BEHEERDER:
        raise GeenToegang("Een functioneel beheerder heeft geen toegang tot de werkvoorraad en overzichten.")
    if team_id is not None:
        vereis_team(actor, team_id)
        return [team_id]
    if not actor.teams:
        raise GeenToegang("U bent niet aan een gebiedsteam gekoppeld; vraag de beheerder u aan een team toe te "
                          "voegen.")
    return sorted(actor.teams)


def dialect(s: Session) -> str:
    return s.get_bind().dialect.name


def maand(s: Session, kolom: Any) -> ColumnElement[str]:
    """'2026-11' for a date column, on SQLite and PostgreSQL."""
    if dialect(s) == "postgresql":
        return func.to_char(kolom, "YYYY-MM")
    return func.strftime("%Y-%m", kolom)


def dagen_tussen(s: Session, eind: Any, begin: Any) -> ColumnElement[Any]:
    """Days from `begin` to `eind` (date columns)."""
    if dialect(s) == "postgresql":
        return type_coerce(eind - begin, Integer)
    return func.julianday(eind) - func.julianday(begin)


def actief_op(dag: dt.date, tot: dt.date | None = None) -> ColumnElement[bool]:
    """THE rule for "this provision is active" (one place; every overview and list filters with it).

    A provision is active on `dag` when its status is "actief" (granted in a sent decision; refused ones are
    "besloten", ended ones "beeindigd") and its end date is not yet past: einddatum is empty or einddatum >= dag.
    Nothing switches the status when the end date passes (a Jeugd provision simply runs out), so a check on the
    status alone counts expired provisions. With `tot`: active during (part of) the period `dag`..`tot`, i.e. also
    started on or before `tot`. Without `tot` a granted provision that starts later already counts (it is budgeted).
    """
    v = m.Voorziening
    cond = and_(v.status == VoorzieningStatus.ACTIEF.value, or_(v.einddatum.is_(None), v.einddatum >= dag))
    return and_(cond, v.startdatum <= tot) if tot is not None else cond


def is_actief_op(status: str, einddatum: dt.date | None, dag: dt.date) -> bool:
    """The same rule as `actief_op`, for one provision already loaded (e.g. the dossier's list)."""
    return status == VoorzieningStatus.ACTIEF.value and (einddatum is None or einddatum >= dag)


def getoonde_status(status: str, einddatum: dt.date | None, dag: dt.date) -> str:
    """What a user should read: an 'actief' provision whose end date has passed has ended."""
    if status == VoorzieningStatus.ACTIEF.value and not is_actief_op(status, einddatum, dag):
        return VoorzieningStatus.BEEINDIGD.value
    return status


def uitstroom_datum() -> ColumnElement[Any]:
    """The day a provision left (outflow): the recorded end (beeindigd_op, set by a PO or decision that ended it),
    or else, for a provision that ends by date (most Jeugd provisions), its end date. Empty for open-ended ones."""
    v = m.Voorziening
    return func.coalesce(v.beeindigd_op, case(
        (v.status.in_((VoorzieningStatus.ACTIEF.value, VoorzieningStatus.BEEINDIGD.value)), v.einddatum),
        else_=None))


_CENT = Decimal("0.01")


def euro(x: Any) -> Decimal:
    """A database sum as an amount in cents (SQLite sums floats)."""
    return Decimal(str(x or 0)).quantize(_CENT)


def maand_start(d: dt.date) -> dt.date:
    return d.replace(day=1)


def volgende_maand(d: dt.date) -> dt.date:
    return (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def maand_van_sleutel(sleutel: str) -> dt.date:
    jaar, mnd = sleutel.split("-")
    return dt.date(int(jaar), int(mnd), 1)


def maanden_tussen(van: dt.date, tot: dt.date) -> list[dt.date]:
    """First days of every month from `van` through `tot`."""
    uit = []
    d = maand_start(van)
    while d <= tot:
        uit.append(d)
        d = volgende_maand(d)
    return uit


def risicogrens(ctx: AppContext, vandaag: dt.date) -> dt.date:
    """Last day that counts as 'at risk' (termijnen.signaal_grens with this municipality's settings)."""
    return termijnen.signaal_grens(vandaag, ctx.config.termijnen.gelijkgestelde_dagen,
                                   signaal_werkdagen=ctx.config.termijnen.signaal_werkdagen)
