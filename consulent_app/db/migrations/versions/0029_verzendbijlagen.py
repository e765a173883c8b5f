"""enclosures the mail room adds to many letters at once, kept with each sent decision

Revision ID: 0029_verzendbijlagen
Revises: 0028_prestatie_zoeken
Create Date: 2026-12-01

The Verzendlijst could add only the two generated folders, letter by letter (issue 16). verzendbijlage holds an
enclosure PDF once (by checksum) with its page count; a decision's bijlagen name it as "extra:<id>". When a decision
is sent, each enclosure that went with it is a document of the dossier (soort bijlage) pointing at the stored bytes.
"""
import sqlalchemy as sa
from alembic import op

revision = "0029_verzendbijlagen"
down_revision = "0028_prestatie_zoeken"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "verzendbijlage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("titel", sa.String(length=200), nullable=False),
        sa.Column("bestandsnaam", sa.String(length=200), nullable=False),
        sa.Column("inhoud", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("paginas", sa.Integer(), nullable=False),
        sa.Column("folder", sa.String(length=30), nullable=True),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.Column("aangemaakt_door_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["aangemaakt_door_id"], ["gebruiker.id"],
                                name=op.f("fk_verzendbijlage_aangemaakt_door_id_gebruiker")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verzendbijlage")),
        sa.UniqueConstraint("sha256", name=op.f("uq_verzendbijlage_sha256")),
    )
    # Plain ADD COLUMN (with an inline reference on SQLite): recreating document in batch mode would fail on SQLite.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE document ADD COLUMN verzendbijlage_id INTEGER "
                   "CONSTRAINT fk_document_verzendbijlage_id_verzendbijlage REFERENCES verzendbijlage (id)")
    else:
        op.add_column("document", sa.Column("verzendbijlage_id", sa.Integer(), nullable=True))
        op.create_foreign_key("fk_document_verzendbijlage_id_verzendbijlage", "document", "verzendbijlage",
                              ["verzendbijlage_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_constraint("fk_document_verzendbijlage_id_verzendbijlage", type_="foreignkey")
        batch_op.drop_column("verzendbijlage_id")
    op.drop_table("verzendbijlage")
