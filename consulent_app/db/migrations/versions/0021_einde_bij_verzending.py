"""an ending decision carries the last day it sets; the provision ends only when the decision is sent

Revision ID: 0021_einde_bij_verzending
Revises: 0020_telwoord
Create Date: 2026-12-01

Issue 12, point 3: completing a re-examination with outcome "beëindigd" no longer writes the provision's end date
at once (art. 2.3.10 Wmo 2015: no withdrawal before the decision is made known); the line of the ending decision
holds it and sending applies it. Existing ending lines take the end date their provision already has.
"""
import sqlalchemy as sa
from alembic import op

revision = "0021_einde_bij_verzending"
down_revision = "0020_telwoord"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("beschikking_regel", schema=None) as batch_op:
        batch_op.add_column(sa.Column("einddatum", sa.Date(), nullable=True))
    op.execute("UPDATE beschikking_regel SET einddatum = (SELECT einddatum FROM voorziening "
               "WHERE voorziening.id = beschikking_regel.voorziening_id) "
               "WHERE beschikking_id IN (SELECT id FROM beschikking WHERE type = 'beeindiging')")


def downgrade() -> None:
    with op.batch_alter_table("beschikking_regel", schema=None) as batch_op:
        batch_op.drop_column("einddatum")
