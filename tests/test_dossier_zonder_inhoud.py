"""Opening a dossier never reads the stored documents' content (issue 17: 200 versions were 11 MB a time)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from consulent_app.db import models as m
from consulent_app.services import documenten as ds
from consulent_app.services import dossiers
from tests.factories import Basis


@pytest.fixture()
def sql(basis: Basis) -> Iterator[list[str]]:
    gezien: list[str] = []

    def noteer(_conn: Any, _cursor: Any, statement: str, *_a: Any) -> None:
        gezien.append(statement)

    event.listen(basis.ctx.engine, "before_cursor_execute", noteer)
    yield gezien
    event.remove(basis.ctx.engine, "before_cursor_execute", noteer)


def test_opening_a_dossier_with_many_documents_reads_no_document_content(basis: Basis, sql: list[str]) -> None:
    cid = basis.client("Veelpapier")
    with basis.ctx.session_factory.begin() as s:
        for i in range(1, 31):
            data = b"%PDF-1.4 " + bytes([i]) * 50_000
            s.add(m.Document(client_id=cid, soort="verslag", formaat="pdf", versie_nr=i, titel=f"Verslag {i}",
                             bestandsnaam=f"v{i}.pdf", inhoud=data, sha256=hashlib.sha256(data).hexdigest(),
                             paginas=2))
    sql.clear()
    view = dossiers.open_dossier(basis.ctx, basis["consulent"], cid)
    assert len(view.documenten) == 30
    assert [d.versie_nr for d in view.documenten][:1] and {d.titel for d in view.documenten} >= {"Verslag 30"}
    assert not [q for q in sql if "inhoud" in q], "the dossier read the documents' content"
    # Showing one document still reads it, in full and checked.
    sql.clear()
    doc = ds.haal_document(basis.ctx, basis["consulent"], view.documenten[0].id)
    assert len(doc.inhoud) == 50_009 and doc.info.grootte == 50_009
    assert [q for q in sql if "inhoud" in q]


def test_the_dossiers_document_list_is_answered_from_the_index_without_reading_the_rows(
        basis: Basis, sql: list[str]) -> None:
    """Not selecting the content is not enough on SQLite: a row's later columns (aangemaakt_op, briefdatum) lie
    after the content's overflow pages, so reading them walked every version's bytes. The list's query must be
    served by the covering index (migration 0030), never by the table's rows."""
    if basis.ctx.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL keeps large values out of the row (TOAST)")
    cid = basis.client("Veelpapier")
    with basis.ctx.session_factory.begin() as s:
        data = b"%PDF-1.4 " + b"x" * 20_000
        s.add(m.Document(client_id=cid, soort="verslag", formaat="pdf", versie_nr=1, titel="Verslag",
                         bestandsnaam="v.pdf", inhoud=data, sha256=hashlib.sha256(data).hexdigest(), paginas=1))
    vangst: list[tuple[str, Any]] = []

    def noteer(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_a: Any) -> None:
        if "FROM document" in statement and "document.titel" in statement:
            vangst.append((statement, parameters))

    event.listen(basis.ctx.engine, "before_cursor_execute", noteer)
    try:
        view = dossiers.open_dossier(basis.ctx, basis["consulent"], cid)
    finally:
        event.remove(basis.ctx.engine, "before_cursor_execute", noteer)
    assert [d.titel for d in view.documenten] == ["Verslag"]
    assert len(vangst) == 1, vangst
    with basis.ctx.engine.connect() as conn:
        plan = " | ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + vangst[0][0],
                                                                    vangst[0][1]))
    assert "COVERING INDEX ix_document_client_lijst" in plan, plan
