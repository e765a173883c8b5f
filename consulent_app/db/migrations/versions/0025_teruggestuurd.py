"""a returned file can be fixed: reopen a completed investigation, and know whether anything changed since review

Revision ID: 0025_teruggestuurd
Revises: 0024_financien_stand2
Create Date: 2026-12-01

onderzoek.heropend_op / heropen_reden / verslag_versie: a completed investigation reopened to amend the report
(issue 16); completing it again makes the next version of the report. toetsing.inhoud_hash: the report and
decision as the reviewer judged them, so offering a returned decision again without any change asks first.
"""
import sqlalchemy as sa
from alembic import op

revision = "0025_teruggestuurd"
down_revision = "0024_financien_stand2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("onderzoek", schema=None) as batch_op:
        batch_op.add_column(sa.Column("heropend_op", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("heropen_reden", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("verslag_versie", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("toetsing", schema=None) as batch_op:
        batch_op.add_column(sa.Column("inhoud_hash", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("toetsing", schema=None) as batch_op:
        batch_op.drop_column("inhoud_hash")
    with op.batch_alter_table("onderzoek", schema=None) as batch_op:
        batch_op.drop_column("verslag_versie")
        batch_op.drop_column("heropen_reden")
        batch_op.drop_column("heropend_op")
