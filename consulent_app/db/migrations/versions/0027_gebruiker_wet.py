"""the law a consultant works under: a new melding defaults to it

Revision ID: 0027_gebruiker_wet
Revises: 0026_contracten
Create Date: 2026-12-01

A Jeugd consultant registered every melding as Wmo first (issue 16): the team does not tell, since one area team has
consultants for both laws. gebruiker.wet (wmo / jeugdwet, empty for both) is set in Beheer; empty keeps the old
behaviour (Wmo, Jeugdwet for a client under eighteen).
"""
import sqlalchemy as sa
from alembic import op

revision = "0027_gebruiker_wet"
down_revision = "0026_contracten"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("gebruiker") as batch:
        batch.add_column(sa.Column("wet", sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("gebruiker") as batch:
        batch.drop_column("wet")
