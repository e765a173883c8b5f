"""invoice lines found by provision and by the debit a credit cancels, whatever the planner knows

Revision ID: 0028_prestatie_zoeken
Revises: 0027_gebruiker_wet
Create Date: 2026-12-01

The invoice check looks up, per batch of lines, the approved lines of the same provisions and the credits of the
same references. With only `voorziening_id` indexed, and `ix_prestatie_afgekeurd` (goedgekeurd, periode_van) unknown
to SQLite's statistics, the planner chose the latter and read every approved line of the city for each batch
(issue 18: a 323 of 26,000 lines spent most of its time there). `ix_prestatie_voorziening` (voorziening_id,
goedgekeurd, periode_van) replaces the single-column index (the same number of indexes to keep up) and also answers
the drill-down's "invoiced in this month"; `ix_prestatie_vorige` finds credits by the reference they cancel. A
database with statistics gets them for the new indexes at once (ANALYZE prestatie), so they are not guessed.
"""
import sqlalchemy as sa
from alembic import op

revision = "0028_prestatie_zoeken"
down_revision = "0027_gebruiker_wet"
branch_labels = None
depends_on = None


def _analyseer() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        if bind.execute(sa.text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")).first():
            op.execute("ANALYZE prestatie")
    else:
        op.execute("ANALYZE prestatie")


def upgrade() -> None:
    op.drop_index("ix_prestatie_voorziening_id", table_name="prestatie")
    op.create_index("ix_prestatie_voorziening", "prestatie", ["voorziening_id", "goedgekeurd", "periode_van"])
    op.create_index("ix_prestatie_vorige", "prestatie", ["aanbieder_id", "wet", "vorige_referentie"])
    _analyseer()


def downgrade() -> None:
    op.drop_index("ix_prestatie_vorige", table_name="prestatie")
    op.drop_index("ix_prestatie_voorziening", table_name="prestatie")
    op.create_index("ix_prestatie_voorziening_id", "prestatie", ["voorziening_id"])
