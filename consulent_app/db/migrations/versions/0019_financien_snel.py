"""financial grip at scale: each invoice line carries the day it came in and the client's team

Revision ID: 0019_financien_snel
Revises: 0017_toetsing_tijdstip
Create Date: 2026-12-01

The Financiën sums group invoice lines by month and reception day within the user's teams; with these two
columns they read one table (indexed) instead of joining the declaration and the client for every line.
Existing lines are filled from their declaration and client.
"""
import sqlalchemy as sa
from alembic import op

revision = "0019_financien_snel"
down_revision = "0017_toetsing_tijdstip"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("prestatie", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ontvangen_op", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("team_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_prestatie_team_id_team"), "team", ["team_id"], ["id"])
        batch_op.create_index("ix_prestatie_team_periode", ["team_id", "periode_van"], unique=False)
    op.execute("UPDATE prestatie SET ontvangen_op = (SELECT ontvangen_op FROM declaratie "
               "WHERE declaratie.id = prestatie.declaratie_id), "
               "team_id = (SELECT team_id FROM client WHERE client.id = prestatie.client_id)")


def downgrade() -> None:
    with op.batch_alter_table("prestatie", schema=None) as batch_op:
        batch_op.drop_index("ix_prestatie_team_periode")
        batch_op.drop_constraint(batch_op.f("fk_prestatie_team_id_team"), type_="foreignkey")
        batch_op.drop_column("team_id")
        batch_op.drop_column("ontvangen_op")
