"""Financiën summaries: per provision and year its obligation per month, approved invoice amounts per month and
key, and per month and day received (what the prognosis learns), with the reference day they were computed for

Revision ID: 0023_financien_stand
Revises: 0022_toetsscores
Create Date: 2026-12-01

The tables start empty: the first opening of the Financiën screen fills them (or `consulent-app financien
herbereken`); from then on the use cases keep them up to date in their own transactions
(consulent_app/financien/stand.py).
"""
import sqlalchemy as sa
from alembic import op

revision = "0023_financien_stand"
down_revision = "0022_toetsscores"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fin_stand",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False),
        sa.Column("indexatie", sa.String(length=200), nullable=False),
        sa.Column("jaar_van", sa.Integer(), nullable=False),
        sa.Column("jaar_tot", sa.Integer(), nullable=False),
        sa.Column("bijgewerkt_op", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fin_stand")),
    )
    op.create_table(
        "fin_verplichting",
        sa.Column("voorziening_id", sa.Integer(), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column("lv", sa.String(length=4), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("wet", sa.String(length=10), nullable=False),
        sa.Column("productcategorie", sa.String(length=4), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("niveau", sa.String(length=20), nullable=False),
        sa.Column("aanbieder_id", sa.Integer(), nullable=False),
        *[sa.Column(f"m{i}", sa.Float(), nullable=False) for i in range(1, 13)],
        sa.ForeignKeyConstraint(["voorziening_id"], ["voorziening.id"],
                                name=op.f("fk_fin_verplichting_voorziening_id_voorziening"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("voorziening_id", "jaar", name=op.f("pk_fin_verplichting")),
    )
    op.create_index("ix_fin_verplichting_jaar_team", "fin_verplichting", ["jaar", "team_id"], unique=False)
    op.create_table(
        "fin_verplichting_totaal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column("dimensie", sa.String(length=20), nullable=False),
        sa.Column("sleutel", sa.String(length=30), nullable=False),
        sa.Column("wet", sa.String(length=10), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("lv", sa.String(length=4), nullable=False),
        *[sa.Column(f"m{i}", sa.Float(), nullable=False) for i in range(1, 13)],
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fin_verplichting_totaal")),
        sa.UniqueConstraint("dimensie", "jaar", "sleutel", "wet", "team_id", "lv",
                            name="uq_fin_verplichting_totaal_sleutel"),
    )
    op.create_table(
        "fin_gedeclareerd",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column("maand", sa.Integer(), nullable=False),
        sa.Column("dimensie", sa.String(length=20), nullable=False),
        sa.Column("sleutel", sa.String(length=30), nullable=False),
        sa.Column("wet", sa.String(length=10), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("bedrag", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fin_gedeclareerd")),
        sa.UniqueConstraint("dimensie", "jaar", "maand", "sleutel", "wet", "team_id",
                            name="uq_fin_gedeclareerd_sleutel"),
    )
    op.create_table(
        "fin_start",
        sa.Column("voorziening_id", sa.Integer(), nullable=False),
        sa.Column("maand", sa.Date(), nullable=False),
        sa.Column("wet", sa.String(length=10), nullable=False),
        sa.Column("productcategorie", sa.String(length=4), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("niveau", sa.String(length=20), nullable=False),
        sa.Column("aanbieder_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("kosten", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["voorziening_id"], ["voorziening.id"],
                                name=op.f("fk_fin_start_voorziening_id_voorziening"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("voorziening_id", name=op.f("pk_fin_start")),
    )
    op.create_table(
        "fin_instroom",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("maand", sa.Date(), nullable=False),
        sa.Column("dimensie", sa.String(length=20), nullable=False),
        sa.Column("sleutel", sa.String(length=30), nullable=False),
        sa.Column("wet", sa.String(length=10), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("aantal", sa.Integer(), nullable=False),
        sa.Column("kosten", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fin_instroom")),
        sa.UniqueConstraint("dimensie", "maand", "sleutel", "wet", "team_id", name="uq_fin_instroom_sleutel"),
    )
    op.create_table(
        "fin_ontvangst",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("maand", sa.Date(), nullable=False),
        sa.Column("ontvangen_op", sa.Date(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("wet", sa.String(length=10), nullable=False),
        sa.Column("bedrag", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fin_ontvangst")),
        sa.UniqueConstraint("maand", "ontvangen_op", "team_id", "wet", name="uq_fin_ontvangst_sleutel"),
    )




def downgrade() -> None:
    op.drop_table("fin_ontvangst")
    op.drop_table("fin_instroom")
    op.drop_table("fin_start")
    op.drop_table("fin_gedeclareerd")
    op.drop_table("fin_verplichting_totaal")
    op.drop_index("ix_fin_verplichting_jaar_team", table_name="fin_verplichting")
    op.drop_table("fin_verplichting")
    op.drop_table("fin_stand")
