"""The monthly review counts (toetsscore_maand) stay equal to the reviews themselves, whatever is written, and the
toetsscores overview read from them gives what counting the reviews gives (issue 17)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consulent_app import cli
from consulent_app.db import models as m
from consulent_app.domain import ToetsScore
from consulent_app.errors import GeenToegang
from consulent_app.services import sturing, toetstelling
from consulent_app.services.base import transactie
from consulent_app.services.overzicht import Filter
from tests.factories import Basis
from tests.overzicht_data import Bouwer

SCORES = [s.value for s in ToetsScore]
BEGIN = dt.datetime(2025, 1, 1)
MINUTEN = 3 * 365 * 24 * 60  # reviews anywhere in three years, month ends included


def _beschikkingen(basis: Basis) -> list[int]:
    """Four decisions: team A and B, Wmo and Jeugdwet."""
    uit = []
    with transactie(basis.ctx) as s:
        b = Bouwer(basis, s)
        for team in ("a", "b"):
            for wet in ("wmo", "jeugdwet"):
                c = b.client(f"Toets{team}{wet}", team=team)
                uit.append(b.beschikking(b.aanvraag(c, wet=wet, datum=dt.date(2025, 1, 1), status="besloten"),
                                         datum=dt.date(2025, 1, 10)))
    return uit


def _tijdstip(minuut: int) -> dt.datetime:
    return BEGIN + dt.timedelta(minutes=minuut)


def _zelf_geteld(basis: Basis, teams: list[int], van: dt.date | None, tot: dt.date | None) -> Counter:
    """(criterion, team, score) -> number, counted in Python over every review in the period."""
    uit: Counter = Counter()
    with basis.ctx.session_factory() as s:
        for t in s.query(m.Toetsing):
            a = s.get(m.Aanvraag, s.get(m.Beschikking, t.beschikking_id).aanvraag_id)
            if a.team_id not in teams or (van and t.tijdstip.date() < van) or (tot and t.tijdstip.date() > tot):
                continue
            for sc in t.scores:
                uit[(sc.criterium, a.team_id, sc.score)] += 1
    return uit


def _overzicht(basis: Basis, van: dt.date | None, tot: dt.date | None) -> Counter:
    regels = sturing.toetsscores(basis.ctx, basis["teamleider"],
                                 Filter(van=van, tot=tot), alle_tijd=van is None and tot is None)
    return Counter({(r.criterium, r.team_id, k): v for r in regels for k, v in r.scores.items() if v})


operatie = st.one_of(
    st.tuples(st.just("nieuw"), st.integers(0, 3), st.integers(0, MINUTEN),
              st.dictionaries(st.integers(1, 13), st.sampled_from(SCORES), min_size=1, max_size=13)),
    st.tuples(st.just("verplaats"), st.integers(0, 10_000), st.integers(0, MINUTEN)),
    st.tuples(st.just("andere_score"), st.integers(0, 10_000), st.sampled_from(SCORES)),
    st.tuples(st.just("score_weg"), st.integers(0, 10_000)),
    st.tuples(st.just("score_erbij"), st.integers(0, 10_000), st.integers(1, 13), st.sampled_from(SCORES)),
    st.tuples(st.just("toetsing_weg"), st.integers(0, 10_000)),
    st.tuples(st.just("andere_beschikking"), st.integers(0, 10_000), st.integers(0, 3)),
    st.tuples(st.just("teruggedraaid"), st.integers(0, 3), st.integers(0, MINUTEN)),
)
periode = st.tuples(st.none() | st.integers(0, 3 * 365), st.none() | st.integers(0, 3 * 365))


def _doe(basis: Basis, besch: list[int], op: tuple) -> None:
    soort = op[0]
    if soort == "teruggedraaid":
        with pytest.raises(RuntimeError), transactie(basis.ctx) as s:
            s.add(m.Toetsing(beschikking_id=besch[op[1]], toetser_id=basis["toetser"].gebruiker_id,
                             uitkomst="goedgekeurd", tijdstip=_tijdstip(op[2]),
                             scores=[m.ToetsingScore(criterium=1, score="voldoende")]))
            s.flush()
            raise RuntimeError("de schrijfactie mislukt na de flush")
        return
    with transactie(basis.ctx) as s:
        if soort == "nieuw":
            s.add(m.Toetsing(beschikking_id=besch[op[1]], toetser_id=basis["toetser"].gebruiker_id,
                             uitkomst="goedgekeurd", tijdstip=_tijdstip(op[2]),
                             scores=[m.ToetsingScore(criterium=k, score=v) for k, v in op[3].items()]))
            return
        toetsingen = s.query(m.Toetsing).order_by(m.Toetsing.id).all()
        if not toetsingen:
            return
        t = toetsingen[op[1] % len(toetsingen)]
        if soort == "verplaats":
            t.tijdstip = _tijdstip(op[2])
        elif soort == "toetsing_weg":
            s.delete(t)
        elif soort == "andere_beschikking":
            t.beschikking_id = besch[op[2]]
        elif soort == "score_erbij":
            t.scores.append(m.ToetsingScore(criterium=op[2], score=op[3]))
        elif t.scores:
            sc = t.scores[op[1] % len(t.scores)]
            if soort == "andere_score":
                sc.score = op[2]
            else:
                t.scores.remove(sc)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operaties=st.lists(operatie, min_size=1, max_size=12), perioden=st.lists(periode, min_size=1, max_size=4))
def test_the_monthly_counts_equal_the_reviews_after_any_writes(basis: Basis, operaties: list, perioden: list) -> None:
    besch = basis.__dict__.get("_toets_besch") or _beschikkingen(basis)
    basis.__dict__["_toets_besch"] = besch
    with basis.ctx.engine.begin() as conn:  # every example starts without reviews
        for tabel in (m.ToetsingScore, m.Toetsing, m.ToetsscoreMaand):
            conn.execute(tabel.__table__.delete())
    for op in operaties:
        _doe(basis, besch, op)
    with basis.ctx.engine.connect() as conn:
        assert toetstelling.opgeslagen_telling(conn) == toetstelling.ruwe_telling(conn)
    teams = sorted(basis["teamleider"].teams)  # the overview shows the team leader's own teams
    for a, b in perioden:
        van = None if a is None else BEGIN.date() + dt.timedelta(days=a)
        tot = None if b is None else BEGIN.date() + dt.timedelta(days=b)
        if van and tot and tot < van:
            van, tot = tot, van
        assert _overzicht(basis, van, tot) == _zelf_geteld(basis, teams, van, tot), (van, tot)


def test_the_rebuild_gives_the_same_counts_and_repairs_a_damaged_table(basis: Basis) -> None:
    besch = _beschikkingen(basis)
    for i, minuut in enumerate((0, 40_000, 40_001, 900_000)):
        _doe(basis, besch, ("nieuw", i % 4, minuut, {1: "voldoende", 2: "matig", 3: "nvt"}))
    with basis.ctx.engine.begin() as conn:
        voor = toetstelling.opgeslagen_telling(conn)
        conn.execute(m.ToetsscoreMaand.__table__.update().values(aantal=99))  # a damaged table
    assert toetstelling.herbouw_toetsscores(basis.ctx, basis["beheerder"]) == len(voor)
    with basis.ctx.engine.connect() as conn:
        assert toetstelling.opgeslagen_telling(conn) == voor == toetstelling.ruwe_telling(conn)
    assert sum(voor.values()) == 12


def test_only_the_administrator_rebuilds(basis: Basis) -> None:
    with pytest.raises(GeenToegang):
        toetstelling.herbouw_toetsscores(basis.ctx, basis["teamleider"])


def test_the_rebuild_command(basis: Basis, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    besch = _beschikkingen(basis)
    _doe(basis, besch, ("nieuw", 0, 10, {1: "voldoende", 5: "onvoldoende"}))
    with basis.ctx.engine.begin() as conn:
        conn.execute(m.ToetsscoreMaand.__table__.delete())
    from consulent_app import app

    monkeypatch.setattr(app, "open_context", lambda _cfg: basis.ctx)
    assert cli.main(["toetsscores-herbouwen"]) == 0
    assert "2 tellingen" in capsys.readouterr().out
    with basis.ctx.engine.connect() as conn:
        assert sum(toetstelling.opgeslagen_telling(conn).values()) == 2
