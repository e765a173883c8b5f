"""security, second round: list reads in the audit log, and an audit log that cannot be rewritten

Revision ID: 0011_beveiliging2
Revises: 0010_berichten
Create Date: 2026-12-01

- audit_event.client_ids: the clients shown in a list or search (",12,45,"), one row per list load, so a
  client's AVG art. 15 overview shows who saw him in a list.
- audit_event.keten_hash (SQLite): a hash chain over the rows (consulent_app.db.auditketen), set by an AFTER
  INSERT trigger under SQLite's write lock; existing rows are chained here in id order.
- SQLite: INSERT OR REPLACE with an existing id deleted and rewrote a row without firing the DELETE trigger
  (SQLite skips delete triggers for REPLACE unless recursive_triggers is on). A BEFORE INSERT trigger now refuses
  an insert with an id that exists. The UPDATE trigger lets only the chain trigger set keten_hash once.
- PostgreSQL: the two-role set-up (owner migrates, the application's role may only INSERT and SELECT on the
  log) is granted by `consulent-app db rechten` (consulent_app.db.rechten), since role names are the site's.
"""
from alembic import op
import sqlalchemy as sa

from consulent_app.db import auditketen

revision = "0011_beveiliging2"
down_revision = "0010_berichten"
branch_labels = None
depends_on = None

MELDING = "audit_event kan niet worden gewijzigd of verwijderd"
_ANDERE = " OR ".join(f"NEW.{k} IS NOT OLD.{k}" for k in auditketen.KOLOMMEN)


def upgrade() -> None:
    op.add_column("audit_event", sa.Column("client_ids", sa.Text(), nullable=True))
    op.add_column("audit_event", sa.Column("keten_hash", sa.String(length=64), nullable=True))
    if op.get_bind().dialect.name != "sqlite":
        return
    conn = op.get_bind()
    op.execute("DROP TRIGGER IF EXISTS audit_event_geen_update")
    vorige = None
    rijen = conn.exec_driver_sql(f"SELECT {', '.join(auditketen.KOLOMMEN)} FROM audit_event ORDER BY id").all()
    for rij in rijen:
        vorige = auditketen.schakel(vorige, *tuple(rij))
        conn.exec_driver_sql("UPDATE audit_event SET keten_hash = ? WHERE id = ?", (vorige, rij[0]))
    op.execute(f"""
        CREATE TRIGGER audit_event_geen_update BEFORE UPDATE ON audit_event
        WHEN OLD.keten_hash IS NOT NULL OR NEW.keten_hash IS NULL OR {_ANDERE}
        BEGIN SELECT RAISE(ABORT, '{MELDING}'); END
    """)
    op.execute(f"""
        CREATE TRIGGER audit_event_geen_vervanging BEFORE INSERT ON audit_event
        WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_event WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, '{MELDING}'); END
    """)
    kolommen = ", ".join(f"NEW.{k}" for k in auditketen.KOLOMMEN)
    op.execute(f"""
        CREATE TRIGGER audit_event_keten AFTER INSERT ON audit_event
        BEGIN
            UPDATE audit_event SET keten_hash = {auditketen.FUNCTIE}(
                (SELECT keten_hash FROM audit_event WHERE id < NEW.id ORDER BY id DESC LIMIT 1), {kolommen})
            WHERE id = NEW.id;
        END
    """)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_event_keten")
        op.execute("DROP TRIGGER IF EXISTS audit_event_geen_vervanging")
        op.execute("DROP TRIGGER IF EXISTS audit_event_geen_update")
        op.execute(f"""
            CREATE TRIGGER audit_event_geen_update BEFORE UPDATE ON audit_event
            BEGIN SELECT RAISE(ABORT, '{MELDING}'); END
        """)
    op.drop_column("audit_event", "keten_hash")
    op.drop_column("audit_event", "client_ids")
