"""page counts of letters rendered without storing them, so the Verzendlijst never renders to count pages

Revision ID: 0017_paginas
Revises: 0012_brieven
Create Date: 2026-12-01

Stored documents carry their page count since 0001 (document.paginas, set when stored), so nothing needs a
backfill. A letter that was only rendered (preview, printing) gets its count in brief_paginas, for the decision
version it was rendered from; a letter never rendered has no count yet, and the list says so.
"""
import sqlalchemy as sa
from alembic import op

revision = "0017_paginas"
down_revision = "0012_brieven"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "brief_paginas",
        sa.Column("beschikking_id", sa.Integer(), nullable=False),
        sa.Column("beschikking_versie", sa.Integer(), nullable=False),
        sa.Column("paginas", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["beschikking_id"], ["beschikking.id"], ondelete="CASCADE",
                                name=op.f("fk_brief_paginas_beschikking_id_beschikking")),
        sa.PrimaryKeyConstraint("beschikking_id", name=op.f("pk_brief_paginas")),
    )


def downgrade() -> None:
    op.drop_table("brief_paginas")
