"""letters a jurist signs: letter date, refusal ground, reasons above netto and for a change, pgb period

Revision ID: 0012_brieven
Revises: 0007_beveiliging
Create Date: 2026-12-01

- beschikking.briefdatum: the date printed on the produced letter, i.e. the planned sending date (Awb 3:41);
  marking as sent on another day is refused. beschikking.datum stays the date of the decision (approval).
- document.briefdatum: the date on that stored version of the letter, so the mail room prints, and a copy
  (afschrift) repeats, the version dated for sending.
- beschikking_regel.weigeringsgrond: the legal ground of a refusal other than "no netto need"
  (rules.weigeringsgronden); beschikking_regel.reden_boven_netto: why more is granted than the netto need
  (art. 2.3.5 lid 3 Wmo 2015: "voor zover"); beschikking_regel.reden_wijziging: why a herziening changes
  the provision (art. 2.3.10 Wmo 2015, Awb 3:46).
- voorziening.pgb_periode: the period the pgb amount is stated for (week, maand, jaar).
"""
from alembic import op
import sqlalchemy as sa


revision = "0012_brieven"
down_revision = "0007_beveiliging"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("beschikking", schema=None) as b:
        b.add_column(sa.Column("briefdatum", sa.Date(), nullable=True))
    with op.batch_alter_table("document", schema=None) as b:
        b.add_column(sa.Column("briefdatum", sa.Date(), nullable=True))
    with op.batch_alter_table("beschikking_regel", schema=None) as b:
        b.add_column(sa.Column("weigeringsgrond", sa.String(length=30), nullable=True))
        b.add_column(sa.Column("reden_boven_netto", sa.Text(), nullable=True))
        b.add_column(sa.Column("reden_wijziging", sa.Text(), nullable=True))
    with op.batch_alter_table("voorziening", schema=None) as b:
        b.add_column(sa.Column("pgb_periode", sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("voorziening", schema=None) as b:
        b.drop_column("pgb_periode")
    with op.batch_alter_table("beschikking_regel", schema=None) as b:
        b.drop_column("reden_wijziging")
        b.drop_column("reden_boven_netto")
        b.drop_column("weigeringsgrond")
    with op.batch_alter_table("document", schema=None) as b:
        b.drop_column("briefdatum")
    with op.batch_alter_table("beschikking", schema=None) as b:
        b.drop_column("briefdatum")
