"""PostgreSQL: the two-role set-up that keeps the audit log out of the application's reach.

- The **owner role** (e.g. `consulent_eigenaar`) owns the schema and every table and runs the migrations
  (`consulent-app --database <owner URL> db upgrade --applicatierol consulent_app`). Nobody works with it day to
  day; it is the only role that could drop the audit triggers.
- The **application role** (e.g. `consulent_app`) is what the laptops' configuration holds. It owns nothing. It
  may read and change the case tables, and on `audit_event` only add and read: no UPDATE, DELETE or TRUNCATE, and
  as a non-owner no ALTER TABLE ... DISABLE TRIGGER or DROP TRIGGER either.

`geef_applicatierechten` hands out exactly these grants (again after every migration: new tables need them too);
`controleer_applicatieaccount` tells whether the account in use is such a role. The recipe with the SQL for the
database administrator is in docs/beveiliging.md.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, Engine, text

from consulent_app.errors import ConfiguratieFout

#: Tables the application may only add to and read.
ALLEEN_TOEVOEGEN = ("audit_event",)
#: Tables the application may only read.
ALLEEN_LEZEN = ("alembic_version",)

_ROLNAAM = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def _rol(conn: Connection, naam: str) -> str:
    if not _ROLNAAM.fullmatch(naam):
        raise ConfiguratieFout(f"'{naam}' is geen geldige naam voor een databaserol (kleine letters, cijfers, _).")
    if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": naam}).scalar() is None:
        raise ConfiguratieFout(f"De databaserol '{naam}' bestaat niet. Maak hem eerst aan (zie docs/beveiliging.md).")
    return conn.dialect.identifier_preparer.quote(naam)


def geef_applicatierechten(engine: Engine, rol: str) -> None:
    """As the owner: give the application role what it needs and nothing more (idempotent)."""
    if engine.dialect.name != "postgresql":
        raise ConfiguratieFout("Rollen en rechten gelden alleen voor een centrale PostgreSQL-database.")
    with engine.begin() as c:
        r = _rol(c, rol)
        eigen = c.execute(text("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
                               "AND tableowner = :r"), {"r": rol}).scalar()
        if eigen:
            raise ConfiguratieFout(
                f"De rol '{rol}' is eigenaar van {eigen} tabellen en kan dan de beveiliging van het logboek "
                "uitschakelen. Draai de migraties met een aparte eigenaarsrol (zie docs/beveiliging.md).")
        if c.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = :r"), {"r": rol}).scalar():
            raise ConfiguratieFout(f"De rol '{rol}' is superuser; de applicatie hoort een gewone rol te gebruiken.")
        tabellen = [t for (t,) in c.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"))]
        schema = c.dialect.identifier_preparer.quote_schema(str(c.execute(text("SELECT current_schema()")).scalar()))
        c.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {r}"))
        for t in tabellen:
            q = c.dialect.identifier_preparer.quote(t)
            c.execute(text(f"REVOKE ALL ON TABLE {q} FROM {r}"))
            if t in ALLEEN_TOEVOEGEN:
                c.execute(text(f"GRANT SELECT, INSERT ON TABLE {q} TO {r}"))
            elif t in ALLEEN_LEZEN:
                c.execute(text(f"GRANT SELECT ON TABLE {q} TO {r}"))
            else:
                c.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE {q} TO {r}"))
        c.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {r}"))


def controleer_applicatieaccount(conn: Connection) -> str | None:
    """None when the connected account cannot change the audit log; otherwise why it can, in Dutch."""
    rij = conn.execute(text(
        "SELECT t.tableowner = current_user, "
        "has_table_privilege(current_user, 'audit_event', 'UPDATE'), "
        "has_table_privilege(current_user, 'audit_event', 'DELETE'), "
        "has_table_privilege(current_user, 'audit_event', 'TRUNCATE'), "
        "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user) "
        "FROM pg_tables t WHERE t.schemaname = current_schema() AND t.tablename = 'audit_event'")).one()
    eigenaar, update, delete, truncate, superuser = rij
    if superuser:
        return "Het databaseaccount is superuser en kan het logboek wijzigen."
    if eigenaar:
        return ("Het databaseaccount is eigenaar van het logboek en kan de beveiliging ervan uitschakelen. "
                "Gebruik voor de applicatie een aparte rol (zie docs/beveiliging.md).")
    if update or delete or truncate:
        return "Het databaseaccount mag regels in het logboek wijzigen of verwijderen. Herstel de rechten."
    return None
