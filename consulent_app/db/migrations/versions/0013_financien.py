"""financial grip: tariff history per product, budgets with history, providers' invoices and their answers

Revision ID: 0013_financien
Revises: 0009_plannen_aanvraag
Create Date: 2026-12-01

Every existing product gets its current tariff as the first row of its history (valid since 1 January 2000),
so obligations over past years use the tariff that was known.
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0013_financien"
down_revision = "0009_plannen_aanvraag"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "product_tarief",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("geldig_van", sa.Date(), nullable=False),
        sa.Column("geldig_tot", sa.Date(), nullable=True),
        sa.Column("tarief", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("ingevoerd_door_id", sa.Integer(), nullable=True),
        sa.Column("ingevoerd_op", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["ingevoerd_door_id"], ["gebruiker.id"],
                                name=op.f("fk_product_tarief_ingevoerd_door_id_gebruiker")),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], name=op.f("fk_product_tarief_product_id_product"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_tarief")),
        sa.UniqueConstraint("product_id", "geldig_van", name=op.f("uq_product_tarief_product_id")),
    )
    with op.batch_alter_table("product_tarief", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_tarief_product_id"), ["product_id"], unique=False)

    op.create_table(
        "budget",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column("wet", sa.String(length=10), nullable=False),
        sa.Column("productcategorie", sa.String(length=4), nullable=False),
        sa.Column("bedrag", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("toelichting", sa.String(length=200), nullable=True),
        sa.Column("bron", sa.String(length=20), nullable=False),
        sa.Column("ingevoerd_door_id", sa.Integer(), nullable=True),
        sa.Column("ingevoerd_op", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["ingevoerd_door_id"], ["gebruiker.id"],
                                name=op.f("fk_budget_ingevoerd_door_id_gebruiker")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget")),
    )
    with op.batch_alter_table("budget", schema=None) as batch_op:
        batch_op.create_index("ix_budget_sleutel", ["jaar", "wet", "productcategorie"], unique=False)

    op.create_table(
        "declaratie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aanbieder_id", sa.Integer(), nullable=True),
        sa.Column("agb_code", sa.String(length=8), nullable=False),
        sa.Column("wet", sa.String(length=10), nullable=False),
        sa.Column("nummer", sa.String(length=12), nullable=False),
        sa.Column("bericht_identificatie", sa.String(length=20), nullable=True),
        sa.Column("periode_van", sa.Date(), nullable=False),
        sa.Column("periode_tot", sa.Date(), nullable=False),
        sa.Column("dagtekening", sa.Date(), nullable=False),
        sa.Column("ontvangen_op", sa.Date(), nullable=False),
        sa.Column("aantal", sa.Integer(), nullable=False),
        sa.Column("aantal_afgekeurd", sa.Integer(), nullable=False),
        sa.Column("totaal_ingediend", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("totaal_toegekend", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("verwerkt_door_id", sa.Integer(), nullable=True),
        sa.Column("verwerkt_op", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["aanbieder_id"], ["aanbieder.id"], name=op.f("fk_declaratie_aanbieder_id_aanbieder")),
        sa.ForeignKeyConstraint(["verwerkt_door_id"], ["gebruiker.id"],
                                name=op.f("fk_declaratie_verwerkt_door_id_gebruiker")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_declaratie")),
    )
    with op.batch_alter_table("declaratie", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_declaratie_aanbieder_id"), ["aanbieder_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_declaratie_ontvangen_op"), ["ontvangen_op"], unique=False)
        batch_op.create_index("ix_declaratie_nummer", ["agb_code", "wet", "nummer"], unique=False)

    op.create_table(
        "prestatie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("declaratie_id", sa.Integer(), nullable=False),
        sa.Column("aanbieder_id", sa.Integer(), nullable=True),
        sa.Column("wet", sa.String(length=10), nullable=False),
        sa.Column("referentie", sa.String(length=40), nullable=False),
        sa.Column("vorige_referentie", sa.String(length=40), nullable=True),
        sa.Column("toewijzing_nummer", sa.String(length=20), nullable=False),
        sa.Column("voorziening_id", sa.Integer(), nullable=True),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("bsn", sa.String(length=9), nullable=False),
        sa.Column("productcategorie", sa.String(length=4), nullable=False),
        sa.Column("productcode", sa.String(length=20), nullable=True),
        sa.Column("periode_van", sa.Date(), nullable=False),
        sa.Column("periode_tot", sa.Date(), nullable=False),
        sa.Column("volume", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("eenheid", sa.String(length=4), nullable=False),
        sa.Column("tarief", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("bedrag", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("goedgekeurd", sa.Boolean(), nullable=False),
        sa.Column("retourcodes", sa.String(length=60), nullable=False),
        sa.Column("twijfel", sa.String(length=60), nullable=True),
        sa.Column("toegekend", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("afgehandeld_door_id", sa.Integer(), nullable=True),
        sa.Column("afgehandeld_op", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["aanbieder_id"], ["aanbieder.id"], name=op.f("fk_prestatie_aanbieder_id_aanbieder")),
        sa.ForeignKeyConstraint(["afgehandeld_door_id"], ["gebruiker.id"],
                                name=op.f("fk_prestatie_afgehandeld_door_id_gebruiker")),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], name=op.f("fk_prestatie_client_id_client")),
        sa.ForeignKeyConstraint(["declaratie_id"], ["declaratie.id"],
                                name=op.f("fk_prestatie_declaratie_id_declaratie"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["voorziening_id"], ["voorziening.id"],
                                name=op.f("fk_prestatie_voorziening_id_voorziening")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prestatie")),
    )
    with op.batch_alter_table("prestatie", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_prestatie_declaratie_id"), ["declaratie_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_prestatie_voorziening_id"), ["voorziening_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_prestatie_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_prestatie_periode_van"), ["periode_van"], unique=False)
        batch_op.create_index(batch_op.f("ix_prestatie_goedgekeurd"), ["goedgekeurd"], unique=False)
        batch_op.create_index("ix_prestatie_referentie", ["aanbieder_id", "wet", "referentie"], unique=False)

    # The tariff known today becomes the first row of each product's history.
    product = sa.table("product", sa.column("id", sa.Integer()), sa.column("tarief", sa.Numeric(10, 2)))
    tarief = sa.table("product_tarief", sa.column("product_id", sa.Integer()), sa.column("geldig_van", sa.Date()),
                      sa.column("tarief", sa.Numeric(10, 2)), sa.column("ingevoerd_op", sa.DateTime()))
    bind = op.get_bind()
    rows = bind.execute(sa.select(product.c.id, product.c.tarief)).all()
    if rows:
        nu = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        op.bulk_insert(tarief, [{"product_id": pid, "geldig_van": dt.date(2000, 1, 1), "tarief": t,
                                 "ingevoerd_op": nu} for pid, t in rows])


def downgrade() -> None:
    op.drop_table("prestatie")
    op.drop_table("declaratie")
    op.drop_table("budget")
    op.drop_table("product_tarief")
