"""suspension kinds with the client's deadline (Awb 4:15, 4:5); reason for a long postponement (Awb 4:14)

Revision ID: 0018_termijnen
Revises: 0013_financien
Create Date: 2026-12-01

Opschorting gets its kind (`soort`), the deadline given to the client (`uiterlijk`, Awb 4:5) and the day the
request was completed (`aangevuld_op`). Existing rows keep their values: a melding's row becomes an agreed
extension of the investigation term (the only ground there is); an aanvraag's row keeps kind "onbekend" (ground
not recorded by the first version), whose start and end are the suspended days, as before.
"""
import sqlalchemy as sa
from alembic import op

revision = "0018_termijnen"
down_revision = "0013_financien"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("opschorting") as b:
        b.add_column(sa.Column("soort", sa.String(20), nullable=False, server_default="onbekend"))
        b.add_column(sa.Column("uiterlijk", sa.Date(), nullable=True))
        b.add_column(sa.Column("aangevuld_op", sa.Date(), nullable=True))
    with op.batch_alter_table("verdaging") as b:
        b.add_column(sa.Column("reden_lengte", sa.Text(), nullable=True))

    o = sa.table("opschorting", sa.column("melding_id", sa.Integer), sa.column("soort", sa.String))
    op.execute(o.update().where(o.c.melding_id.is_not(None)).values(soort="afspraak"))


def downgrade() -> None:
    with op.batch_alter_table("verdaging") as b:
        b.drop_column("reden_lengte")
    with op.batch_alter_table("opschorting") as b:
        b.drop_column("aangevuld_op")
        b.drop_column("uiterlijk")
        b.drop_column("soort")
