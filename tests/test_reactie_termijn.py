"""The client's reaction and the decision term: one computation, which keeps a suspension already on file."""

from __future__ import annotations

import datetime as dt

from consulent_app.db import models as m
from consulent_app.services import onderzoek, termijnbewaking
from tests.factories import Basis
from tests.factories_zaak import maak_zaak


def test_correcting_the_reaction_keeps_a_suspension_of_the_decision_term(basis: Basis) -> None:
    """Awb 4:15 with Wmo 2015 art. 2.3.5 lid 1: a suspended term stays moved when the request date is corrected."""
    zaak = maak_zaak(basis, beschikking=None, melding_datum=dt.date(2026, 10, 1),
                     aanvraag_datum=dt.date(2026, 11, 2))
    cons = basis["consulent"]
    termijnbewaking.schort_op(basis.ctx, cons, aanvraag_id=zaak.aanvraag_id, soort="instemming",
                              start=dt.date(2026, 11, 5),
                              eind=dt.date(2026, 11, 11), reden="Cliënt levert medische informatie aan",
                              vandaag=dt.date(2026, 11, 5))
    # Correct the request date to 3 November: 2 weeks = 17 Nov, plus 7 suspended days = 24 Nov (a Tuesday).
    onderzoek.registreer_reactie(basis.ctx, cons, zaak.onderzoek_id, verslag_uitgereikt_op=dt.date(2026, 11, 3),
                                 aanvraag_datum=dt.date(2026, 11, 3), getekend=True, vandaag=dt.date(2026, 11, 12))
    with basis.ctx.session_factory() as s:
        a = s.get(m.Aanvraag, zaak.aanvraag_id)
        assert a is not None
        assert a.beslistermijn_einde == dt.date(2026, 11, 24)
