"""The consultant's home list: every open piece of own work, with its law and its legal end date."""

from __future__ import annotations

import datetime as dt

from consulent_app.db import models as m
from consulent_app.services import meldingen
from tests.factories import Basis
from tests.factories_zaak import VzSpec, maak_zaak


def test_po_of_a_jeugd_provision_shows_jeugdwet(basis: Basis) -> None:
    zaak = maak_zaak(basis, wet="jeugdwet", voorzieningen=[VzSpec("JA", po_datum=dt.date(2027, 6, 1))],
                     beschikking="verzonden", verzonden_op=dt.date(2026, 11, 2), po_consulent=True)
    po = [w for w in meldingen.mijn_werk(basis.ctx, basis["consulent"]) if w.soort == "po"]
    assert [w.id for w in po] == zaak.po_ids
    assert {w.wet for w in po} == {"jeugdwet"}


def test_request_after_a_po_without_investigation_is_listed(basis: Basis) -> None:
    """A change request after a PO (no onderzoek of its own) still has a decision term (Wmo 2015 art. 2.3.5)."""
    zaak = maak_zaak(basis, beschikking="verzonden", verzonden_op=dt.date(2026, 11, 2))
    with basis.ctx.session_factory.begin() as s:
        a = m.Aanvraag(client_id=zaak.client_id, wet="wmo", soort="wijziging", datum=dt.date(2026, 11, 20),
                       status="open", team_id=zaak.team_id, consulent_id=zaak.consulent_id,
                       beslistermijn_einde=dt.date(2026, 12, 4), aanleiding_po_id=1)
        s.add(a)
        s.flush()
        aid = a.id
    items = {(w.soort, w.id): w for w in meldingen.mijn_werk(basis.ctx, basis["consulent"])}
    assert items[("aanvraag", aid)].termijn_einde == dt.date(2026, 12, 4)
    assert items[("aanvraag", aid)].omschrijving == "Aanvraag na periodiek onderzoek"
    assert ("aanvraag", aid) not in {(w.soort, w.id) for w in meldingen.mijn_werk(basis.ctx, basis["consulent2"])}


def test_dossier_shows_a_provision_past_its_end_date_as_ended(basis: Basis) -> None:
    """A Jeugd provision ends by date (Jeugdwet art. 2.3): after the end date the dossier must not say 'actief'."""
    from consulent_app.services import dossiers

    zaak = maak_zaak(basis, wet="jeugdwet", beschikking="verzonden", verzonden_op=dt.date(2026, 11, 2),
                     voorzieningen=[VzSpec("JA", po_datum=None, einddatum=dt.date(2027, 3, 31))])
    voor = dossiers.open_dossier(basis.ctx, basis["consulent"], zaak.client_id, vandaag=dt.date(2027, 3, 31))
    na = dossiers.open_dossier(basis.ctx, basis["consulent"], zaak.client_id, vandaag=dt.date(2027, 4, 1))
    assert [v.status for v in voor.voorzieningen] == ["actief"]
    assert [v.status for v in na.voorzieningen] == ["beeindigd"]


def test_an_approved_decision_keeps_its_request_open_until_it_is_sent(basis: Basis) -> None:
    """Awb 3:41, 4:13 (Wmo 2015 art. 2.3.5 lid 1): a request is decided when its decision is sent, not when it is
    approved. Mijn werk keeps the request with its decision term and says where the decision stands ('goedgekeurd,
    nog niet verzonden'); once sent, the request leaves the list and the dossier shows the sending date."""
    from consulent_app.services import verzending
    from ui.pages.home_consulent import _stand

    zaak = maak_zaak(basis, beschikking="goedgekeurd", aanvraag_datum=dt.date(2026, 11, 16))
    with basis.ctx.session_factory.begin() as s:
        b = s.get(m.Beschikking, zaak.beschikking_id)
        assert b is not None
        b.goedgekeurd_op, b.datum, b.toetser_id = dt.datetime(2026, 11, 24, 10), dt.date(2026, 11, 24), \
            basis["toetser"].gebruiker_id
        for me in s.query(m.Melding).filter_by(client_id=zaak.client_id):
            me.status = "afgerond"  # as onderzoek.rond_onderzoek_af does
    [w] = [w for w in meldingen.mijn_werk(basis.ctx, basis["consulent"]) if w.client_id == zaak.client_id]
    assert (w.soort, w.id, w.termijn_einde) == ("aanvraag", zaak.aanvraag_id, dt.date(2026, 11, 30))
    assert _stand(w) == "Aanvraag: goedgekeurd, nog niet verzonden"
    admin, dag = basis["administratie"], dt.date(2026, 11, 25)
    assert zaak.beschikking_id is not None
    verzending.registreer_productie(basis.ctx, admin, [zaak.beschikking_id], hoe="printer", verzenddatum=dag,
                                    vandaag=dag)
    verzending.markeer_verzonden(basis.ctx, admin, [zaak.beschikking_id], dag, "post", vandaag=dag)
    assert [w for w in meldingen.mijn_werk(basis.ctx, basis["consulent"]) if w.client_id == zaak.client_id] == []
