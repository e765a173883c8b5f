"""Financiën summaries in their final layout: the tables of 0023 dropped and made again

Revision ID: 0024_financien_stand2
Revises: 0023_financien_stand
Create Date: 2026-12-01

0023 reached main twice, the second time with totals per grouping, the inflow tables and the index for the
signals. A database upgraded with the first version has the old layout; the summaries are a cache that the
application fills again (financien/stand.actueel), so every fin_* table is dropped and made anew here.
"""
import sqlalchemy as sa
from alembic import op

revision = "0024_financien_stand2"
down_revision = "0023_financien_stand"
branch_labels = None
depends_on = None

TABELLEN = ("fin_ontvangst", "fin_instroom", "fin_start", "fin_gedeclareerd", "fin_verplichting_totaal",
            "fin_verplichting", "fin_stand")


def upgrade() -> None:
    bestaand = set(sa.inspect(op.get_bind()).get_table_names())
    for t in TABELLEN:
        if t in bestaand:
            op.drop_table(t)
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


    indexen = {i["name"] for i in sa.inspect(op.get_bind()).get_indexes("prestatie")}
    if "ix_prestatie_afgekeurd" not in indexen:  # the signals read the rejected lines of a year
        op.create_index("ix_prestatie_afgekeurd", "prestatie", ["goedgekeurd", "periode_van"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_prestatie_afgekeurd", table_name="prestatie")  # 0023's downgrade drops the tables
