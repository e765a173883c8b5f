"""The audit log cannot be rewritten (issue 15 point 4, SQLite part): INSERT OR REPLACE is refused, and a hash
chain over the rows shows any change made past the triggers; `consulent-app audit controleer` and the beheerder's
screen report it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from consulent_app import cli
from consulent_app.db import auditketen
from consulent_app.db import models as m
from consulent_app.services import beheer, dossiers
from tests.factories import Basis


@pytest.fixture
def sqlite_basis(basis: Basis) -> Basis:
    if basis.ctx.engine.dialect.name != "sqlite":
        pytest.skip("the hash chain is the embedded database's; PostgreSQL has the two-role set-up")
    cid = basis.client("Ketting")
    for _ in range(3):
        dossiers.open_dossier(basis.ctx, basis["consulent"], cid)
    dossiers.zoek_clienten(basis.ctx, basis["consulent"], "ketting")
    return basis


def _db(basis: Basis) -> str:
    pad = basis.ctx.engine.url.database
    assert pad
    return pad


def test_insert_or_replace_cannot_rewrite_an_audit_row(sqlite_basis: Basis) -> None:
    with sqlite_basis.ctx.session_factory() as s:
        eerste = s.scalars(select(m.AuditEvent).order_by(m.AuditEvent.id)).first()
        assert eerste is not None
        eid, actie = eerste.id, eerste.actie
    with pytest.raises(DBAPIError, match="kan niet worden gewijzigd"), sqlite_basis.ctx.engine.begin() as c:
        c.exec_driver_sql("INSERT OR REPLACE INTO audit_event (id, tijdstip, actie, object_type) "
                          "VALUES (?, '2026-01-01 00:00:00', 'vervalst', 'x')", (eid,))
    with sqlite_basis.ctx.session_factory() as s:
        assert s.get(m.AuditEvent, eid).actie == actie  # type: ignore[union-attr]
    assert auditketen.controleer(sqlite_basis.ctx.engine).in_orde


def test_the_chain_holds_after_normal_use_and_names_the_first_changed_row(sqlite_basis: Basis,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    uitslag = auditketen.controleer(sqlite_basis.ctx.engine)
    assert uitslag.in_orde and uitslag.aantal >= 5 and uitslag.laatste
    assert "ongewijzigd" in uitslag.tekst()
    assert cli.main(["--database", str(sqlite_basis.ctx.engine.url), "audit", "controleer"]) == 0
    assert "de keten klopt" in capsys.readouterr().out

    # Someone with the file, past the application: drops the trigger and changes who looked.
    sqlite_basis.ctx.engine.dispose()
    raw = sqlite3.connect(_db(sqlite_basis))
    ids = [r[0] for r in raw.execute("SELECT id FROM audit_event ORDER BY id")]
    doelwit = ids[len(ids) // 2]
    raw.execute("DROP TRIGGER audit_event_geen_update")
    raw.execute("UPDATE audit_event SET gebruiker_id = NULL WHERE id = ?", (doelwit,))
    raw.commit()
    raw.close()
    uitslag = auditketen.controleer(sqlite_basis.ctx.engine)
    assert not uitslag.in_orde and uitslag.eerste_fout == doelwit
    assert cli.main(["--database", str(sqlite_basis.ctx.engine.url), "audit", "controleer"]) == 1
    assert f"gebeurtenis {doelwit} past niet in de keten" in capsys.readouterr().out


def test_a_deleted_row_breaks_the_chain(sqlite_basis: Basis) -> None:
    sqlite_basis.ctx.engine.dispose()
    raw = sqlite3.connect(_db(sqlite_basis))
    ids = [r[0] for r in raw.execute("SELECT id FROM audit_event ORDER BY id")]
    raw.execute("DROP TRIGGER audit_event_geen_delete")
    raw.execute("DELETE FROM audit_event WHERE id = ?", (ids[2],))
    raw.commit()
    raw.close()
    assert auditketen.controleer(sqlite_basis.ctx.engine).eerste_fout == ids[3]


def test_a_program_without_the_chain_function_cannot_add_rows(sqlite_basis: Basis) -> None:
    """The sqlite3 shell (or any program that is not Consulent) cannot slip a row in."""
    sqlite_basis.ctx.engine.dispose()
    raw = sqlite3.connect(_db(sqlite_basis))
    with pytest.raises(sqlite3.OperationalError, match="consulent_keten"):
        raw.execute("INSERT INTO audit_event (tijdstip, actie, object_type) VALUES ('2026-01-01', 'lezen', 'x')")
    raw.close()


def test_the_beheerder_checks_the_log_and_that_check_is_logged(sqlite_basis: Basis) -> None:
    uitslag = beheer.controleer_auditlog(sqlite_basis.ctx, sqlite_basis["beheerder"])
    assert uitslag.in_orde
    with sqlite_basis.ctx.session_factory() as s:
        laatste = s.scalars(select(m.AuditEvent).order_by(m.AuditEvent.id.desc())).first()
    assert laatste is not None and laatste.details == "keten=ok"
    assert auditketen.controleer(sqlite_basis.ctx.engine).in_orde  # the check's own row is chained too


def test_a_list_event_with_many_clients_is_chained_as_well(sqlite_basis: Basis, tmp_path: Path) -> None:
    for naam in ("Een", "Twee", "Drie"):
        sqlite_basis.client(f"Ketting{naam}")
    assert len(dossiers.zoek_clienten(sqlite_basis.ctx, sqlite_basis["consulent"], "ketting")) == 4
    assert auditketen.controleer(sqlite_basis.ctx.engine).in_orde
    sqlite_basis.ctx.engine.dispose()
    raw = sqlite3.connect(_db(sqlite_basis))
    (eid,) = raw.execute("SELECT max(id) FROM audit_event WHERE client_ids IS NOT NULL").fetchone()
    raw.execute("DROP TRIGGER audit_event_geen_update")
    raw.execute("UPDATE audit_event SET client_ids = ',1,' WHERE id = ?", (eid,))  # hide who was found
    raw.commit()
    raw.close()
    assert auditketen.controleer(sqlite_basis.ctx.engine).eerste_fout == eid
