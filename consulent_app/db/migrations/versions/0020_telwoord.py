"""a product counted in pieces names what it counts, so a letter says "1 scootmobiel", not "1 stuk in totaal"

Revision ID: 0020_telwoord
Revises: 0019_financien_snel
Create Date: 2026-12-01

Issue 12: no internal codes in letters. Existing products of the aids categories (WMO020 11 Rolstoelen,
12 Vervoervoorzieningen, 13 Woonvoorzieningen, 14 Overige hulpmiddelen) keep an empty word: one piece is then
named after the product ("1 rolstoel" for "Rolstoel (in bruikleen)"), several are "stuks"
(consulent_app/rules/omvang.py).
"""
import sqlalchemy as sa
from alembic import op

revision = "0020_telwoord"
down_revision = "0019_financien_snel"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.add_column(sa.Column("telwoord", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("telwoord_meervoud", sa.String(length=60), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.drop_column("telwoord_meervoud")
        batch_op.drop_column("telwoord")
