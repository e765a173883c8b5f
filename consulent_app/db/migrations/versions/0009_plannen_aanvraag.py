"""persoonlijk plan and cliëntondersteuning, a request without investigation, provider plans expected

Revision ID: 0009_plannen_aanvraag
Revises: 0017_paginas
Create Date: 2026-12-01

- melding.clientondersteuning_gewezen / _op: the client was told about free cliëntondersteuning (Wmo 2015
  art. 2.3.2 lid 3), yes/no and when.
- aanvraag.melding_id: the melding a request comes from (filled for existing requests from their investigation);
  aanvraag.zonder_onderzoek: filed after the investigation term passed without a completed investigation
  (Wmo 2015 art. 2.3.5 lid 2).
- voorziening.plan_verwacht: whether a plan van aanpak / gezinsplan is expected (existing rows with an expected
  date: yes).
"""
from alembic import op
import sqlalchemy as sa


revision = "0009_plannen_aanvraag"
down_revision = "0017_paginas"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("melding", schema=None) as batch_op:
        batch_op.add_column(sa.Column("clientondersteuning_gewezen", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("clientondersteuning_gewezen_op", sa.Date(), nullable=True))
    # Plain ADD COLUMN (with an inline reference on SQLite): recreating the table in batch mode would fail on
    # SQLite, because other tables refer to aanvraag.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE aanvraag ADD COLUMN melding_id INTEGER "
                   "CONSTRAINT fk_aanvraag_melding_id_melding REFERENCES melding (id)")
    else:
        op.add_column("aanvraag", sa.Column("melding_id", sa.Integer(), nullable=True))
        op.create_foreign_key("fk_aanvraag_melding_id_melding", "aanvraag", "melding", ["melding_id"], ["id"])
    op.add_column("aanvraag", sa.Column("zonder_onderzoek", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_index("ix_aanvraag_melding_id", "aanvraag", ["melding_id"], unique=False)
    with op.batch_alter_table("voorziening", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plan_verwacht", sa.Boolean(), nullable=True))
    op.execute("UPDATE aanvraag SET melding_id = (SELECT onderzoek.melding_id FROM onderzoek "
               "WHERE onderzoek.id = aanvraag.onderzoek_id) WHERE onderzoek_id IS NOT NULL")
    op.execute("UPDATE voorziening SET plan_verwacht = TRUE WHERE plan_verwacht_op IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("voorziening", schema=None) as batch_op:
        batch_op.drop_column("plan_verwacht")
    op.drop_index("ix_aanvraag_melding_id", table_name="aanvraag")
    with op.batch_alter_table("aanvraag", schema=None) as batch_op:
        batch_op.drop_constraint("fk_aanvraag_melding_id_melding", type_="foreignkey")
        batch_op.drop_column("zonder_onderzoek")
        batch_op.drop_column("melding_id")
    with op.batch_alter_table("melding", schema=None) as batch_op:
        batch_op.drop_column("clientondersteuning_gewezen_op")
        batch_op.drop_column("clientondersteuning_gewezen")
