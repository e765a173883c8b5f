"""Hand-countable cases for the planning and steering tests, built straight with the ORM on top of `basis`.

Every number the tests expect is written next to the rows that produce it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import count

from consulent_app.db import models as m
from consulent_app.services.base import transactie
from tests.factories import Basis

VANDAAG = dt.date(2026, 11, 25)  # a Wednesday
D = dt.date
_bsn = count(100000001)


@dataclass
class Bouwer:
    """Small helpers that add one row each and return its id."""

    basis: Basis
    s: object
    ids: dict[str, int] = field(default_factory=dict)

    @property
    def sess(self):  # type: ignore[no-untyped-def]
        return self.s

    def gebruiker_id(self, naam: str) -> int:
        return self.basis[naam].gebruiker_id

    def client(self, naam: str, team: str = "a", geboren: dt.date = D(1950, 1, 1)) -> int:
        c = m.Client(bsn=str(next(_bsn)), voornamen="Test", achternaam=naam, geboortedatum=geboren,
                     team_id=self.basis.team_a if team == "a" else self.basis.team_b)
        self.sess.add(c)
        self.sess.flush()
        self.ids[naam] = c.id
        return c.id

    def melding(self, client: int, *, wet: str = "wmo", soort: str = "nieuw", datum: dt.date, status: str = "nieuw",
                consulent: str | None = None, termijn: dt.date | None = None, kanaal: str = "cit",
                verwijzer: str | None = None) -> int:
        c = self.sess.get(m.Client, client)
        me = m.Melding(client_id=client, team_id=c.team_id, wet=wet, soort=soort, datum=datum, kanaal=kanaal,
                       verwijzer=verwijzer, vraag="Hulpvraag", status=status,
                       consulent_id=self.gebruiker_id(consulent) if consulent else None,
                       onderzoekstermijn_einde=termijn)
        self.sess.add(me)
        self.sess.flush()
        return me.id

    def onderzoek(self, melding: int) -> int:
        me = self.sess.get(m.Melding, melding)
        o = m.Onderzoek(melding_id=melding, client_id=me.client_id, wet=me.wet, consulent_id=me.consulent_id,
                        startdatum=me.datum)
        self.sess.add(o)
        self.sess.flush()
        return o.id

    def aanvraag(self, client: int, *, wet: str = "wmo", soort: str = "nieuw", datum: dt.date, status: str = "open",
                 consulent: str | None = None, termijn: dt.date | None = None, onderzoek: int | None = None) -> int:
        c = self.sess.get(m.Client, client)
        a = m.Aanvraag(client_id=client, onderzoek_id=onderzoek, wet=wet, soort=soort, datum=datum, status=status,
                       team_id=c.team_id, consulent_id=self.gebruiker_id(consulent) if consulent else None,
                       beslistermijn_einde=termijn)
        self.sess.add(a)
        self.sess.flush()
        return a.id

    def voorziening(self, aanvraag: int, product: str, volume: str, *, frequentie: str = "2", status: str = "actief",
                    start: dt.date = D(2026, 1, 1), eind: dt.date | None = None, po: dt.date | None = None,
                    pgb: bool = False, aanbieder: int | None = 0, beeindigd_op: dt.date | None = None) -> int:
        a = self.sess.get(m.Aanvraag, aanvraag)
        p = self.sess.get(m.Product, self.basis.producten[product])
        vz = m.Voorziening(aanvraag_id=aanvraag, client_id=a.client_id, wet=p.wet,
                           productcategorie=p.productcategorie, product_id=p.id, volume=Decimal(volume),
                           eenheid=p.eenheid, frequentie=frequentie, startdatum=start, einddatum=eind, po_datum=po,
                           leveringsvorm="pgb" if pgb else "zin",
                           aanbieder_id=None if pgb or aanbieder is None else self.basis.aanbieders[aanbieder],
                           besluit="toegekend", status=status, beeindigd_op=beeindigd_op)
        self.sess.add(vz)
        self.sess.flush()
        return vz.id

    def po(self, voorziening: int, datum: dt.date, *, consulent: str | None = None, status: str = "gepland") -> int:
        vz = self.sess.get(m.Voorziening, voorziening)
        c = self.sess.get(m.Client, vz.client_id)
        po = m.PeriodiekOnderzoek(voorziening_id=voorziening, client_id=vz.client_id, team_id=c.team_id,
                                  geplande_datum=datum, status=status,
                                  consulent_id=self.gebruiker_id(consulent) if consulent else None)
        self.sess.add(po)
        self.sess.flush()
        return po.id

    def beschikking(self, aanvraag: int, *, datum: dt.date, verzonden_op: dt.date | None = None,
                    auteur: str = "consulent") -> int:
        a = self.sess.get(m.Aanvraag, aanvraag)
        b = m.Beschikking(aanvraag_id=aanvraag, client_id=a.client_id, kenmerk=f"T-{aanvraag}",
                          status="verzonden" if verzonden_op else "goedgekeurd", auteur_id=self.gebruiker_id(auteur),
                          datum=datum, verzonden_op=verzonden_op)
        self.sess.add(b)
        self.sess.flush()
        return b.id

    def toetsing(self, beschikking: int, scores: dict[int, str]) -> int:
        t = m.Toetsing(beschikking_id=beschikking, toetser_id=self.gebruiker_id("toetser"), uitkomst="goedgekeurd",
                       scores=[m.ToetsingScore(criterium=k, score=v) for k, v in scores.items()])
        self.sess.add(t)
        self.sess.flush()
        return t.id


@dataclass
class Planning:
    """Ids of the planning dataset (see `maak_planning`)."""

    ids: dict[str, int]
    consulent3: int

    def __getitem__(self, k: str) -> int:
        return self.ids[k]


def maak_planning(basis: Basis) -> Planning:
    """Team A's work on 25 November 2026.

    Work queue of team A (unassigned), nearest due date first:
      M3 wmo wijziging  termijn 27-11 (risk)  2 h
      A1 aanvraag wmo bestaande_client  termijn 09-12  4 h
      P1 PO 15-12 (within 91 days)  4 h
      M1 wmo nieuw  termijn 04-01-2027  6 h
      M2 jeugd  no term  4 h                                   = 5 items, 20 h
    Not in it: P2 (PO in June 2027, beyond the horizon), M4 (team B), M5 (assigned).

    Load: consulent (36 h, 0 side hours -> 27 h a week):
      M5 wmo nieuw 6 h; M6 wmo bestaande_client 4 h (open request, term 26-11: risk);
      A2 wmo wijziging 2 h (melding closed); P3 PO 20-11 4 h (past: risk); M7 jeugd 4 h
      = 5 cases, 20 h, 2 at risk. Not counted: P4 (2028), M8 (afgerond).
    consulent2 (32 h, 14 side hours -> 32 x 0.75 - 14 = 10 h a week): M9, M10 wmo nieuw = 2 cases, 12 h.
    consulent3: no contract hours.
    """
    ids: dict[str, int] = {}
    with transactie(basis.ctx) as s:
        g2 = s.get(m.Gebruiker, basis["consulent2"].gebruiker_id)
        g2.contracturen = Decimal(32)
        g2.nevenuren = Decimal(14)
        g3 = m.Gebruiker(gebruikersnaam="consulent3", naam="Consulent3", rol="consulent", team_id=basis.team_a,
                         contracturen=None, nevenuren=Decimal(0), wachtwoord_hash="x")
        s.add(g3)
        s.flush()
        b = Bouwer(basis, s)
        c1, c2, c3 = b.client("Aerts"), b.client("Bakker"), b.client("Claes")
        cb = b.client("Dirks", team="b")
        ids["M1"] = b.melding(c1, datum=D(2026, 11, 20), termijn=D(2027, 1, 4))
        ids["M2"] = b.melding(c2, wet="jeugdwet", datum=D(2026, 10, 1))
        ids["M3"] = b.melding(c3, soort="wijziging", datum=D(2026, 10, 10), termijn=D(2026, 11, 27))
        ids["A1"] = b.aanvraag(c1, soort="bestaande_client", datum=D(2026, 11, 18), termijn=D(2026, 12, 9))
        a_po = b.aanvraag(c2, datum=D(2025, 1, 1), status="besloten")
        v1 = b.voorziening(a_po, "HH", "3", eind=D(2027, 2, 10))
        v2 = b.voorziening(a_po, "BG", "2", eind=D(2027, 3, 1), status="beeindigd")
        v3 = b.voorziening(a_po, "HH", "1", eind=D(2027, 12, 1))
        ids["V1"] = v1
        ids["P1"] = b.po(v1, D(2026, 12, 15))
        ids["P2"] = b.po(v3, D(2027, 6, 1))
        ids["P3"] = b.po(v1, D(2026, 11, 20), consulent="consulent")
        ids["P4"] = b.po(v2, D(2028, 1, 1), consulent="consulent")
        ids["M4"] = b.melding(cb, datum=D(2026, 11, 21))
        ids["M5"] = b.melding(c2, datum=D(2026, 11, 22), status="toegewezen", consulent="consulent",
                              termijn=D(2027, 1, 5))
        ids["M6"] = b.melding(c3, soort="bestaande_client", datum=D(2026, 10, 1), status="in_onderzoek",
                              consulent="consulent", termijn=D(2026, 12, 20))
        o6 = b.onderzoek(ids["M6"])
        ids["A6"] = b.aanvraag(c3, soort="bestaande_client", datum=D(2026, 11, 12), consulent="consulent",
                               termijn=D(2026, 11, 26), onderzoek=o6)
        m_a2 = b.melding(c1, soort="wijziging", datum=D(2026, 9, 1), status="afgerond", consulent="consulent")
        ids["A2"] = b.aanvraag(c1, soort="wijziging", datum=D(2026, 11, 20), consulent="consulent",
                               termijn=D(2026, 12, 20), onderzoek=b.onderzoek(m_a2))
        ids["M7"] = b.melding(c2, wet="jeugdwet", datum=D(2026, 11, 1), status="toegewezen", consulent="consulent")
        ids["M8"] = b.melding(c3, datum=D(2026, 8, 1), status="afgerond", consulent="consulent")
        ids["M9"] = b.melding(c1, datum=D(2026, 11, 23), status="toegewezen", consulent="consulent2",
                              termijn=D(2027, 1, 6))
        ids["M10"] = b.melding(c2, datum=D(2026, 11, 24), status="toegewezen", consulent="consulent2",
                               termijn=D(2027, 1, 7))
        consulent3 = g3.id
    return Planning(ids, consulent3)


@dataclass
class Sturing:
    ids: dict[str, int]


def maak_sturing(basis: Basis) -> Sturing:
    """Provisions, decisions and reviews with hand-computed totals.

    Active provisions (yearly cost = volume x 52 x tariff, frequency '2' is per week):
      team A  Aerts   HH 3/wk ZIN Zorggroep Maasland   3 x 52 x 32,50 =  5.070,00  (laag)
              Aerts   BG 4/wk ZIN Thuiszorg Mosa       4 x 52 x 66,40 = 13.811,20  (midden)
              Bakker  JA 6/wk PGB                      6 x 52 x 86,50 = 26.988,00  (midden)  > 25.000: poortwachter
      team B  Dirks   HH 2/wk ZIN Zorggroep Maasland   2 x 52 x 32,50 =  3.380,00
    Not active: Aerts HH ended on 15-10-2026 (outflow October), Claes BG concept.
    Team A: 3 active, 45.869,20 a year; ZIN 2 / 18.881,20, PGB 1 / 26.988,00.

    Meldingen team A: Aerts wmo 01-09-2026 (cit); Bakker jeugd 03-09-2026 (huisarts, Huisartsenpraktijk Wyck);
      Claes jeugd 10-10-2026 (school); team B: Dirks wmo 05-09-2026.
    Decisions team A: Aerts: melding 01-09, aanvraag 15-09 (term 29-09), decision 25-09 (24 days after melding,
      on time), sent 28-09; Bakker: melding 03-09, aanvraag 10-09 (term 05-11), decision 12-11 (70 days; late).
    Reviews of those decisions: criterion 1 voldoende / voldoende, criterion 5 onvoldoende / voldoende.
    """
    ids: dict[str, int] = {}
    with transactie(basis.ctx) as s:
        b = Bouwer(basis, s)
        aerts, bakker, claes = b.client("Aerts"), b.client("Bakker", geboren=D(2015, 5, 5)), b.client("Claes")
        dirks = b.client("Dirks", team="b")
        ids.update(aerts=aerts, bakker=bakker, claes=claes, dirks=dirks)
        m_a = b.melding(aerts, datum=D(2026, 9, 1), status="afgerond", consulent="consulent")
        m_b = b.melding(bakker, wet="jeugdwet", datum=D(2026, 9, 3), status="afgerond", consulent="consulent",
                        kanaal="huisarts", verwijzer="Huisartsenpraktijk Wyck")
        ids["m_claes"] = b.melding(claes, wet="jeugdwet", datum=D(2026, 10, 10), kanaal="school",
                                   verwijzer="Sint-Maartenscollege")
        b.melding(dirks, datum=D(2026, 9, 5), status="afgerond", consulent="consulent_b")
        a_a = b.aanvraag(aerts, datum=D(2026, 9, 15), status="besloten", consulent="consulent",
                         termijn=D(2026, 9, 29), onderzoek=b.onderzoek(m_a))
        a_b = b.aanvraag(bakker, wet="jeugdwet", datum=D(2026, 9, 10), status="besloten", consulent="consulent",
                         termijn=D(2026, 11, 5), onderzoek=b.onderzoek(m_b))
        a_c = b.aanvraag(claes, datum=D(2026, 10, 20), consulent="consulent")
        a_d = b.aanvraag(dirks, datum=D(2026, 9, 6), status="besloten", consulent="consulent_b")
        ids["hh_aerts"] = b.voorziening(a_a, "HH", "3", aanbieder=0)
        ids["bg_aerts"] = b.voorziening(a_a, "BG", "4", aanbieder=1)
        ids["ja_bakker"] = b.voorziening(a_b, "JA", "6", pgb=True)
        ids["hh_dirks"] = b.voorziening(a_d, "HH", "2", aanbieder=0)
        ids["hh_aerts_oud"] = b.voorziening(a_a, "HH", "2", status="beeindigd", eind=D(2026, 10, 15),
                                            beeindigd_op=D(2026, 10, 15))
        b.voorziening(a_c, "BG", "4", status="concept")
        ids["b_aerts"] = b.beschikking(a_a, datum=D(2026, 9, 25), verzonden_op=D(2026, 9, 28))
        ids["b_bakker"] = b.beschikking(a_b, datum=D(2026, 11, 12), verzonden_op=D(2026, 11, 13))
        b.toetsing(ids["b_aerts"], {1: "voldoende", 5: "onvoldoende"})
        b.toetsing(ids["b_bakker"], {1: "voldoende", 5: "voldoende"})
    return Sturing(ids)
