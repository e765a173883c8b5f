"""Reviewing many files at once (issue 13): the automatic check over the queue, and returning the incomplete ones,
each in its own transaction, with progress and a stop between files."""

from __future__ import annotations

from consulent_app.db import models as m
from consulent_app.services import toetsing as svc
from consulent_app.services import toetsing_reeks as tr
from consulent_app.services.base import transactie
from tests.factories import Basis
from tests.factories_zaak import maak_zaak


def _status(basis: Basis, bid: int) -> str:
    with transactie(basis.ctx) as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        return b.status


def test_the_queue_is_checked_and_only_files_with_something_missing_are_returned(basis: Basis) -> None:
    """Domain brief section 8: the product checks what it can; a file in which the client was not heard goes back
    with that finding as the remark and criterion 11 'onvoldoende'; a complete file waits for the reviewer."""
    compleet = maak_zaak(basis, achternaam="Aerts", beschikking="ter_toetsing")
    niet_gehoord = maak_zaak(basis, achternaam="Bakker", beschikking="ter_toetsing", client_gehoord=False)
    stappen: list[tuple[int, int, str]] = []
    ronde = tr.kijk_wachtrij_na(basis.ctx, basis["toetser"], voortgang=lambda i, n, t: stappen.append((i, n, t)))
    nagekeken = ronde.nagekeken
    assert ronde.wachtend == 2
    assert [(i, n) for i, n, _t in stappen] == [(1, 2), (2, 2)]
    per_id = {n.beschikking_id: n for n in nagekeken}
    assert per_id[compleet.beschikking_id].ontbreekt == ()
    assert [o.criterium for o in per_id[niet_gehoord.beschikking_id].ontbreekt] == [11]
    assert per_id[compleet.beschikking_id].zelf_beoordelen > 0  # the rest is the reviewer's own judgement

    uit = tr.stuur_onvolledige_terug(basis.ctx, basis["toetser"], nagekeken)
    assert uit.teruggestuurd == [per_id[niet_gehoord.beschikking_id].kenmerk] and not uit.niet and not uit.gestopt
    assert _status(basis, niet_gehoord.beschikking_id) == "teruggestuurd"
    assert _status(basis, compleet.beschikking_id) == "ter_toetsing"
    [t] = svc.toetsingen_van(basis.ctx, basis["consulent"], niet_gehoord.beschikking_id)
    assert t.opmerkingen is not None and "Criterium 11" in t.opmerkingen
    assert [(s.criterium, s.score) for s in t.scores] == [(11, "onvoldoende")]


def test_a_stop_between_files_keeps_what_was_returned_and_a_file_changed_meanwhile_is_named(basis: Basis) -> None:
    zaken = [maak_zaak(basis, achternaam=n, beschikking="ter_toetsing", client_gehoord=False)
             for n in ("Aerts", "Bakker", "Claes")]
    nagekeken = tr.kijk_wachtrij_na(basis.ctx, basis["toetser"]).nagekeken
    # The first file is returned by hand in the meantime (in the review screen).
    eerste = next(n for n in nagekeken if n.beschikking_id == zaken[0].beschikking_id)
    svc.beoordeel(basis.ctx, basis["toetser"], eerste.beschikking_id, uitkomst="teruggestuurd", scores={},
                  opmerkingen="Het gesprek met mevrouw ontbreekt.")
    gedaan: list[int] = []
    uit = tr.stuur_onvolledige_terug(basis.ctx, basis["toetser"], nagekeken,
                                     voortgang=lambda i, _n, _t: gedaan.append(i),
                                     geannuleerd=lambda: len(gedaan) >= 2)
    assert uit.gestopt and len(gedaan) == 2
    assert list(uit.niet) == [eerste.kenmerk] and len(uit.teruggestuurd) == 1
    assert [_status(basis, z.beschikking_id) for z in zaken] == ["teruggestuurd", "teruggestuurd", "ter_toetsing"]
