"""audit log cannot be changed: triggers refuse UPDATE and DELETE on audit_event

Revision ID: 0007_beveiliging
Revises: 0001
Create Date: 2026-11-25

No schema change for the models (autogenerate does not see triggers). The application never changes or
deletes an audit event; these triggers make sure nothing else that uses the application's database account
can either. A database administrator with owner rights can still drop them: that is outside the application.
"""
from alembic import op


revision = "0007_beveiliging"
down_revision = "0001"
branch_labels = None
depends_on = None

MELDING = "audit_event kan niet worden gewijzigd of verwijderd"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(f"""
            CREATE OR REPLACE FUNCTION audit_event_onveranderlijk() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '{MELDING} (%)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END;
            $$ LANGUAGE plpgsql
        """)
        op.execute("""
            CREATE TRIGGER audit_event_geen_wijziging BEFORE UPDATE OR DELETE ON audit_event
            FOR EACH ROW EXECUTE FUNCTION audit_event_onveranderlijk()
        """)
        op.execute("""
            CREATE TRIGGER audit_event_geen_truncate BEFORE TRUNCATE ON audit_event
            FOR EACH STATEMENT EXECUTE FUNCTION audit_event_onveranderlijk()
        """)
    elif dialect == "sqlite":
        for wat in ("UPDATE", "DELETE"):
            op.execute(f"""
                CREATE TRIGGER audit_event_geen_{wat.lower()} BEFORE {wat} ON audit_event
                BEGIN SELECT RAISE(ABORT, '{MELDING}'); END
            """)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_event_geen_truncate ON audit_event")
        op.execute("DROP TRIGGER IF EXISTS audit_event_geen_wijziging ON audit_event")
        op.execute("DROP FUNCTION IF EXISTS audit_event_onveranderlijk()")
    elif dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_event_geen_update")
        op.execute("DROP TRIGGER IF EXISTS audit_event_geen_delete")
