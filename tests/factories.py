"""A small known dataset for service tests; hand-countable so expectations can be computed by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from consulent_app.db import models as m
from consulent_app.domain import Rol
from consulent_app.services.auth import hash_wachtwoord
from consulent_app.services.base import Actor, AppContext, actor_by_username
from consulent_app.services.dossiers import ClientInvoer, registreer_client

WACHTWOORD = "test-wachtwoord-1"

# Valid BSNs (eleven test) for tests.
BSNS = ["111222333", "123456782", "999990019", "999990020", "999990032", "999990044", "999990056",
        "999990068", "999990081", "999990093"]


@cache
def _hash() -> str:
    return hash_wachtwoord(WACHTWOORD)


@dataclass
class Basis:
    ctx: AppContext
    team_a: int
    team_b: int
    actors: dict[str, Actor]
    producten: dict[str, int]
    aanbieders: list[int]
    _bsn: list[str] = field(default_factory=lambda: list(BSNS))

    def __getitem__(self, key: str) -> Actor:
        return self.actors[key]

    def client(self, achternaam: str = "Janssen", *, team: str = "a", geboortedatum: dt.date | None = None,
               actor: str = "consulent") -> int:
        return registreer_client(
            self.ctx, self.actors[actor],
            ClientInvoer(bsn=self._bsn.pop(0), voornamen="Maria", achternaam=achternaam,
                         geboortedatum=geboortedatum or dt.date(1950, 3, 14), straat="Boschstraat",
                         huisnummer="12", postcode="6211 AX", woonplaats="Maastricht",
                         team_id=self.team_a if team == "a" else self.team_b),
        )


USERS = [
    # username, role, team (a/b/None), serves teams
    ("consulent", Rol.CONSULENT, "a", ()),
    ("consulent2", Rol.CONSULENT, "a", ()),
    ("consulent_b", Rol.CONSULENT, "b", ()),
    ("planner", Rol.PLANNER, "a", ()),
    ("teamleider", Rol.TEAMLEIDER, "a", ()),
    ("toetser", Rol.TOETSER, None, ("a", "b")),
    ("administratie", Rol.ADMINISTRATIEF, None, ()),
    ("beheerder", Rol.BEHEERDER, None, ()),
    ("controller", Rol.CONTROLLER, None, ("a",)),
]


def maak_basis(ctx: AppContext) -> Basis:
    with ctx.session_factory.begin() as s:
        ta = m.Team(code="A", naam="Gebiedsteam Centrum")
        tb = m.Team(code="B", naam="Gebiedsteam Noordoost")
        s.add_all([ta, tb])
        s.flush()
        teams = {"a": ta, "b": tb}
        for username, rol, team, serves in USERS:
            g = m.Gebruiker(gebruikersnaam=username, naam=username.capitalize(), rol=rol.value,
                            team_id=teams[team].id if team else None,
                            contracturen=Decimal(36) if rol is Rol.CONSULENT else None,
                            nevenuren=Decimal(0), wachtwoord_hash=_hash())
            g.bediende_teams = [teams[t] for t in serves]
            s.add(g)
        prods = {
            "HH": m.Product(code="HH1", naam="Hulp bij het huishouden", wet="wmo", productcategorie="01",
                            niveau="laag", tarief=Decimal("32.50"), eenheid="04"),
            "BG": m.Product(code="BGM", naam="Begeleiding individueel", wet="wmo", productcategorie="02",
                            niveau="midden", tarief=Decimal("66.40"), eenheid="04", plan_nodig=True),
            "JA": m.Product(code="JAM", naam="Jeugdhulp ambulant", wet="jeugdwet", productcategorie="45",
                            niveau="midden", tarief=Decimal("86.50"), eenheid="04", plan_nodig=True),
        }
        s.add_all(prods.values())
        aanb = [m.Aanbieder(naam="Zorggroep Maasland", agb_code="75000001"),
                m.Aanbieder(naam="Thuiszorg Mosa", agb_code="75000002")]
        s.add_all(aanb)
        s.flush()
        team_a, team_b = ta.id, tb.id
        prod_ids = {k: p.id for k, p in prods.items()}
        aanb_ids = [a.id for a in aanb]
    actors = {u: actor_by_username(ctx, u) for u, *_ in USERS}
    return Basis(ctx, team_a, team_b, actors, prod_ids, aanb_ids)
