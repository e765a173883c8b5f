"""the dossier lists a client's documents from an index, without reading their content

Revision ID: 0030_document_lijst
Revises: 0029_verzendbijlagen
Create Date: 2026-12-01

SQLite stores a row's columns in order and a document's content (tens of kB) overflows into a chain of pages;
`aangemaakt_op` and `briefdatum` come after `inhoud`, so listing the documents of a client walked every version's
whole content (200 versions: 11 MB read to show 200 lines; issue 17). The index holds every column the dossier's
document list shows, so SQLite answers it from the index alone. PostgreSQL keeps large values apart anyway; the
index costs it little and keeps the schema the same on both.
"""
from alembic import op

revision = "0030_document_lijst"
down_revision = "0029_verzendbijlagen"
branch_labels = None
depends_on = None

KOLOMMEN = ["client_id", "aangemaakt_op", "id", "soort", "titel", "formaat", "versie_nr", "briefdatum"]


def upgrade() -> None:
    op.create_index("ix_document_client_lijst", "document", KOLOMMEN)


def downgrade() -> None:
    op.drop_index("ix_document_client_lijst", table_name="document")
