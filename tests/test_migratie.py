"""Upgrading a database made by the first version keeps every row.

The fixture database is built here: Alembic upgrade to "0001" on an empty database, then rows in every table
of that schema (reflected, so the test follows 0001 and not today's models). After `upgrade heads` every
old row must still be there with the same values in the columns it had.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine, create_engine, text

from consulent_app.db import migrate
from consulent_app.db import models as m
from consulent_app.db.engine import make_engine

EERSTE = "0001"
RIJEN_PER_TABEL = 3
BSNS = ["111222333", "123456782", "999990019"]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def lege_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'oud.sqlite3'}")
        yield eng
        eng.dispose()
        return
    admin_url: str = request.getfixturevalue("pg_admin_url")
    naam = f"mig_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{naam}"'))
    eng = make_engine(admin_url.rsplit("/", 1)[0] + f"/{naam}")
    try:
        yield eng
    finally:
        eng.dispose()
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))
        admin.dispose()


def _waarde(tabel: sa.Table, kol: sa.Column[Any], i: int, ids: dict[str, list[int]]) -> Any:
    """A plausible value of the column's type; the model's default where it has one (status codes etc.)."""
    for fk in kol.foreign_keys:
        doel = fk.column.table.name
        return ids[doel][i % len(ids[doel])] if ids.get(doel) else None
    if kol.name == "bsn":
        return BSNS[i]
    model_kol = m.Base.metadata.tables.get(tabel.name, tabel).c.get(kol.name)
    default = getattr(getattr(model_kol, "default", None), "arg", None)
    if default is not None and not callable(default):
        return default
    t = kol.type
    if isinstance(t, sa.Boolean):
        return i % 2 == 0
    if isinstance(t, sa.Integer):
        return i + 1
    if isinstance(t, sa.Numeric):
        return Decimal(f"{i + 1}.50")
    if isinstance(t, sa.DateTime):
        return dt.datetime(2025, 1, 10 + i, 9, 30)
    if isinstance(t, sa.Date):
        return dt.date(2025, 1, 10 + i)
    if isinstance(t, sa.JSON):
        return {"items": [f"waarde {i}"]}
    if isinstance(t, sa.LargeBinary):
        return b"%PDF-1.4 oud document " + bytes([i])
    if isinstance(t, sa.String):
        lengte = t.length or 200
        if kol.name == "wet":
            return "wmo"
        if kol.name == "rol":
            return "consulent"
        if kol.name == "postcode":
            return "6211 AX"
        return f"{i}{tabel.name}.{kol.name}"[:lengte]
    return f"oude tekst {i} in {tabel.name}.{kol.name} met é, ë en €"


def _vul_elke_tabel(eng: Engine) -> dict[str, list[dict[str, Any]]]:
    meta = sa.MetaData()
    meta.reflect(bind=eng)
    ids: dict[str, list[int]] = {}
    with eng.begin() as c:
        for tabel in meta.sorted_tables:
            if tabel.name == "alembic_version":
                continue
            for i in range(RIJEN_PER_TABEL):
                rij = {}
                for kol in tabel.columns:
                    if kol.primary_key and not kol.foreign_keys and isinstance(kol.type, sa.Integer):
                        continue  # autoincrement id
                    rij[kol.name] = _waarde(tabel, kol, i, ids)
                if any(k.primary_key and k.foreign_keys for k in tabel.columns):
                    # association table: pair row i with row i
                    rij = {k.name: ids[next(iter(k.foreign_keys)).column.table.name][i] for k in tabel.columns}
                res = c.execute(tabel.insert().values(**rij))
                if res.inserted_primary_key and "id" in tabel.c:
                    ids.setdefault(tabel.name, []).append(res.inserted_primary_key[0])
    return _inhoud(eng, meta)


def _inhoud(eng: Engine, meta: sa.MetaData) -> dict[str, list[dict[str, Any]]]:
    uit = {}
    with eng.connect() as c:
        for tabel in meta.sorted_tables:
            if tabel.name == "alembic_version":
                continue
            pk = list(tabel.primary_key.columns)
            uit[tabel.name] = [dict(r._mapping) for r in c.execute(sa.select(tabel).order_by(*pk))]
    return uit


def test_upgrading_a_first_version_database_keeps_every_row(lege_engine: Engine) -> None:
    migrate.upgrade(lege_engine, EERSTE)
    assert migrate.current_revisions(lege_engine) == {EERSTE}
    voor = _vul_elke_tabel(lege_engine)
    assert len(voor) >= 25 and all(len(rijen) == RIJEN_PER_TABEL for rijen in voor.values()), \
        "every table of the first schema holds rows"

    migrate.upgrade(lege_engine)  # to heads, as the application does at start-up
    assert migrate.check_schema(lege_engine) == "actueel"

    oud_meta = sa.MetaData()
    oud_meta.reflect(bind=lege_engine, only=list(voor))
    na = _inhoud(lege_engine, oud_meta)
    verdwenen = sorted(set(voor) - set(na))
    assert verdwenen == [], f"tables of the first schema are gone: {verdwenen}"
    for naam, rijen in voor.items():
        oude_kolommen = set(rijen[0])
        na_oud = [{k: v for k, v in r.items() if k in oude_kolommen} for r in na[naam]]
        assert na_oud == rijen, f"rows of {naam} changed or went missing in the upgrade"


def test_the_migrations_form_one_line() -> None:
    """Every schema change is one migration after the previous one: exactly one head, so `db upgrade` of a
    municipality's database never meets two branches (several people add migrations at the same time)."""
    from consulent_app.db.engine import make_engine

    assert len(migrate.script_heads(make_engine("sqlite://"))) == 1
