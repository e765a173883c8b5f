"""the provider register's contracts: which provider delivers which product

Revision ID: 0026_contracten
Revises: 0025_teruggestuurd
Create Date: 2026-12-01

Step 7 offered every provider; with aanbieder_product it offers the contracted providers of the chosen product
(issue 16) and preselects the one when there is only one. Without contracts for a product every active provider
stays available, as before.
"""
import sqlalchemy as sa
from alembic import op

revision = "0026_contracten"
down_revision = "0025_teruggestuurd"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "aanbieder_product",
        sa.Column("aanbieder_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["aanbieder_id"], ["aanbieder.id"], name=op.f("fk_aanbieder_product_aanbieder_id_aanbieder"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], name=op.f("fk_aanbieder_product_product_id_product"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("aanbieder_id", "product_id", name=op.f("pk_aanbieder_product")),
    )
    op.create_index(op.f("ix_aanbieder_product_product_id"), "aanbieder_product", ["product_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_aanbieder_product_product_id"), table_name="aanbieder_product")
    op.drop_table("aanbieder_product")
