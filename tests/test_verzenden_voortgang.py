"""Marking many decisions as sent (issue 13): everything is checked first (one not ready: nothing is sent), then
each decision is its own transaction, with progress after each and a stop between decisions."""

from __future__ import annotations

import pytest

from consulent_app.errors import RegelFout
from consulent_app.services import verzending as vz
from tests.factories import Basis
from tests.factories_verzending import goedgekeurde_beschikking
from tests.test_verzending import GOED, VANDAAG, afgedrukt, beschikking


def test_progress_after_each_decision_and_a_stop_keeps_what_was_sent(basis: Basis) -> None:
    ids = [goedgekeurde_beschikking(basis, achternaam=n, goedgekeurd_op=GOED) for n in ("Aerts", "Bours", "Claes")]
    afgedrukt(basis, *ids)
    gezien: list[tuple[int, int, str]] = []
    uit = vz.markeer_verzonden(basis.ctx, basis["administratie"], ids, VANDAAG, "post", vandaag=VANDAAG,
                               voortgang=lambda n, t, k: gezien.append((n, t, k)),
                               geannuleerd=lambda: len(gezien) >= 2)
    assert [(n, t) for n, t, _k in gezien] == [(1, 3), (2, 3)]
    assert [u.beschikking_id for u in uit] == ids[:2]
    assert [beschikking(basis, i).status for i in ids] == ["verzonden", "verzonden", "goedgekeurd"]
    # The rest can be sent afterwards; the ones already sent cannot be sent twice.
    vz.markeer_verzonden(basis.ctx, basis["administratie"], ids[2:], VANDAAG, "post", vandaag=VANDAAG)
    assert beschikking(basis, ids[2]).status == "verzonden"


def test_one_decision_not_ready_sends_none(basis: Basis) -> None:
    ids = [goedgekeurde_beschikking(basis, achternaam=n, goedgekeurd_op=GOED) for n in ("Aerts", "Bours")]
    afgedrukt(basis, ids[0])
    stappen: list[int] = []
    with pytest.raises(RegelFout, match="nog niet afgedrukt"):
        vz.markeer_verzonden(basis.ctx, basis["administratie"], ids, VANDAAG, "post", vandaag=VANDAAG,
                             voortgang=lambda n, _t, _k: stappen.append(n))
    assert stappen == [] and [beschikking(basis, i).status for i in ids] == ["goedgekeurd", "goedgekeurd"]
