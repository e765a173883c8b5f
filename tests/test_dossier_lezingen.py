"""Opening a dossier costs a fixed number of statements, whatever the client holds or the municipality employs
(issue 17: a dossier in < 10 ms, flat), and shows the live term ends (Awb 4:15) and the names it shows."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from consulent_app.db import models as m
from consulent_app.services import dossiers, meldingen, termijnbewaking
from tests.factories import Basis, _hash
from tests.factories_zaak import maak_zaak

VANDAAG = dt.date(2026, 12, 1)


@pytest.fixture()
def sql(basis: Basis) -> Iterator[list[tuple[str, Any]]]:
    gezien: list[tuple[str, Any]] = []

    def noteer(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_a: Any) -> None:
        gezien.append((statement, parameters))

    event.listen(basis.ctx.engine, "before_cursor_execute", noteer)
    yield gezien
    event.remove(basis.ctx.engine, "before_cursor_execute", noteer)


def _open(basis: Basis, sql: list[tuple[str, Any]], client_id: int) -> tuple[dossiers.DossierView, int]:
    sql.clear()
    view = dossiers.open_dossier(basis.ctx, basis["consulent"], client_id, vandaag=VANDAAG)
    return view, len(sql)


def test_opening_a_dossier_reads_as_many_statements_however_much_it_holds(
        basis: Basis, sql: list[tuple[str, Any]]) -> None:
    zaak = maak_zaak(basis, melding_datum=dt.date(2026, 11, 2), aanvraag_datum=dt.date(2026, 11, 20))
    _, klein = _open(basis, sql, zaak.client_id)
    # More of everything: reports, documents, colleagues in the municipality, history.
    for i in range(4):
        meldingen.registreer_melding(basis.ctx, basis["consulent2" if i % 2 else "consulent"],
                                     client_id=zaak.client_id, wet="wmo", datum=dt.date(2026, 11, 10 + i),
                                     kanaal="telefoon", vraag=f"Vraag {i}", vandaag=VANDAAG)
    with basis.ctx.session_factory.begin() as s:
        for i in range(1, 41):
            data = b"%PDF-1.4 " + bytes([i]) * 1_000
            s.add(m.Document(client_id=zaak.client_id, soort="verslag", formaat="pdf", versie_nr=i,
                             titel=f"Verslag {i}", bestandsnaam=f"v{i}.pdf", inhoud=data, paginas=1,
                             sha256=hashlib.sha256(data).hexdigest()))
        for i in range(150):
            s.add(m.Gebruiker(gebruikersnaam=f"collega{i}", naam=f"Collega {i}", rol="consulent",
                              team_id=basis.team_b, wachtwoord_hash=_hash()))
    view, groot = _open(basis, sql, zaak.client_id)
    assert len(view.meldingen) == 5 and len(view.documenten) == 40
    assert groot == klein, [q for q, _ in sql]
    # The users' names come for the users shown only, not for the 150 colleagues elsewhere.
    namen = [(q, p) for q, p in sql if "FROM gebruiker" in q and "gebruiker.naam" in q]
    assert len(namen) == 1 and " IN " in namen[0][0], namen
    assert {me.consulent for me in view.meldingen} == {"Consulent", "Consulent2"}
    assert {g.wie for g in view.geschiedenis} <= {"Consulent", "Consulent2", "systeem"}
    assert "Consulent" in {g.wie for g in view.geschiedenis}


def test_the_dossier_shows_a_running_suspension_s_term_end_as_of_today(basis: Basis) -> None:
    """Awb 4:15: while the request is suspended, its decision term stands still; the dossier shows today's end,
    the same date the case's term overview gives, moving on while the suspension runs."""
    zaak = maak_zaak(basis, melding_datum=dt.date(2026, 11, 2), aanvraag_datum=dt.date(2026, 11, 20))
    termijnbewaking.schort_op(basis.ctx, basis["consulent"], aanvraag_id=zaak.aanvraag_id, soort="instemming",
                              start=dt.date(2026, 11, 24), reden="Cliënt stemt in met uitstel.",
                              vandaag=dt.date(2026, 11, 24))
    einden = []
    for dag in (dt.date(2026, 12, 1), dt.date(2026, 12, 4)):
        view = dossiers.open_dossier(basis.ctx, basis["consulent"], zaak.client_id, vandaag=dag)
        zt = termijnbewaking.zaak_termijn(basis.ctx, basis["consulent"], aanvraag_id=zaak.aanvraag_id, vandaag=dag)
        (a,) = [a for a in view.aanvragen if a.id == zaak.aanvraag_id]
        assert a.beslistermijn_einde == zt.einde
        einden.append(a.beslistermijn_einde)
    assert einden[1] > einden[0]
    # A report without a suspension keeps its stored end.
    (me,) = [me for me in view.meldingen if me.id == zaak.melding_id]
    with basis.ctx.session_factory() as s:
        opgeslagen = s.get(m.Melding, zaak.melding_id)
        assert opgeslagen is not None
        assert me.onderzoekstermijn_einde == opgeslagen.onderzoekstermijn_einde
