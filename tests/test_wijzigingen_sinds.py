"""What other users changed (services.wijzigingen): the audit log's write events, kinds and clients only."""

from __future__ import annotations

import datetime as dt

from consulent_app.services import dossiers, meldingen
from consulent_app.services import wijzigingen as wz
from tests.factories import Basis


def _melding(basis: Basis, cid: int, wie: str = "planner") -> int:
    return meldingen.registreer_melding(basis.ctx, basis[wie], client_id=cid, wet="wmo", datum=dt.date.today(),
                                        kanaal="telefoon", vraag="Hulp bij het huishouden")


def test_a_colleagues_write_is_seen_with_its_client_and_ones_own_and_reads_are_not(basis: Basis) -> None:
    cid = basis.client("Aerts")
    begin = wz.wijzigingen_sinds(basis.ctx, basis["consulent"], None)
    assert begin.items == ()  # a window that just opened starts where the log stands
    _melding(basis, cid, "planner")  # a colleague registers a melding
    dossiers.open_dossier(basis.ctx, basis["toetser"], cid)  # a read: audited, but no change
    _melding(basis, cid, "consulent")  # the consultant's own write: her window announced it already
    na = wz.wijzigingen_sinds(basis.ctx, basis["consulent"], begin.tot_id)
    assert [(g.object_type, g.client_id) for g in na.items] == [("melding", cid)]
    assert wz.wijzigingen_sinds(basis.ctx, basis["consulent"], na.tot_id).items == ()  # seen once


def test_many_changes_come_in_parts_and_none_is_skipped(basis: Basis, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(wz, "MAX_PER_KEER", 2)
    clients = [basis.client(n) for n in ("Aerts", "Bakker", "Claes", "Dirks", "Evers")]
    begin = wz.wijzigingen_sinds(basis.ctx, basis["consulent"], None)
    for cid in clients:
        _melding(basis, cid)
    gezien: list[int | None] = []
    stand = begin.tot_id
    for _ in range(10):
        uit = wz.wijzigingen_sinds(basis.ctx, basis["consulent"], stand)
        if not uit.items:
            break
        assert len(uit.items) <= 2
        gezien += [g.client_id for g in uit.items if g.object_type == "melding"]
        stand = uit.tot_id
    assert gezien == clients
