"""index on toetsing.tijdstip: the review scores of the last 12 months start from the reviews in that period

Revision ID: 0017_toetsing_tijdstip
Revises: 0011_beveiliging2
Create Date: 2026-12-01
"""
from alembic import op

revision = "0017_toetsing_tijdstip"
down_revision = "0011_beveiliging2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f("ix_toetsing_tijdstip"), "toetsing", ["tijdstip"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_toetsing_tijdstip"), table_name="toetsing")
