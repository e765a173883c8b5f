"""Toetsscores without a period cover the last 12 months; every year only on request (issue 17)."""

from __future__ import annotations

import datetime as dt

from consulent_app.db import models as m
from consulent_app.services import sturing
from consulent_app.services.overzicht import Filter
from tests.factories import Basis
from tests.overzicht_data import maak_sturing


def test_scores_default_to_the_last_twelve_months_and_all_years_on_request(basis: Basis) -> None:
    maak_sturing(basis)
    filt = Filter(team_id=basis.team_a)
    vandaag = dt.date.today()
    recent = {r.criterium: sum(r.scores.values()) for r in sturing.toetsscores(basis.ctx, basis["teamleider"], filt)}
    assert recent[1] == 2
    # One review is moved to thirteen months ago: out of the default, still in "alle jaren" and in an asked period.
    with basis.ctx.session_factory.begin() as s:
        t = s.query(m.Toetsing).order_by(m.Toetsing.id).first()
        assert t is not None
        oud = dt.datetime.combine(vandaag - dt.timedelta(days=396), dt.time(10, 0))
        t.tijdstip = oud
    standaard = {r.criterium: sum(r.scores.values()) for r in sturing.toetsscores(basis.ctx, basis["teamleider"], filt)}
    alles = {r.criterium: sum(r.scores.values())
             for r in sturing.toetsscores(basis.ctx, basis["teamleider"], filt, alle_tijd=True)}
    gevraagd = {r.criterium: sum(r.scores.values()) for r in sturing.toetsscores(
        basis.ctx, basis["teamleider"], Filter(team_id=basis.team_a, van=oud.date(), tot=oud.date()))}
    assert (standaard[1], alles[1], gevraagd[1]) == (1, 2, 1)
    # The drill-down behind the numbers covers the same period.
    zaken = sturing.toets_zaken(basis.ctx, basis["teamleider"], 1, None, filt)
    assert len(zaken) == 1


def test_the_default_period_is_twelve_months_up_to_today() -> None:
    f = sturing.toets_periode(Filter(), vandaag=dt.date(2026, 11, 25))
    assert (f.van, f.tot) == (dt.date(2025, 11, 26), dt.date(2026, 11, 25))
    assert sturing.toets_periode(Filter(van=dt.date(2020, 1, 1))).van == dt.date(2020, 1, 1)
    assert sturing.toets_periode(Filter(), alle_tijd=True) == Filter()
