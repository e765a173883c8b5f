"""toetsscores counted per month: the overview reads full months from toetsscore_maand (issue 17)

Revision ID: 0022_toetsscores
Revises: 0021_einde_bij_verzending
Create Date: 2026-12-01

The counts of the existing reviews are filled in here; from now on consulent_app.services.toetstelling keeps them
in step with every score write (and `consulent-app toetsscores-herbouwen` rebuilds them).
"""
import sqlalchemy as sa
from alembic import op

revision = "0022_toetsscores"
down_revision = "0021_einde_bij_verzending"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "toetsscore_maand",
        sa.Column("maand", sa.Date(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("wet", sa.String(length=10), nullable=False),
        sa.Column("criterium", sa.Integer(), nullable=False),
        sa.Column("score", sa.String(length=20), nullable=False),
        sa.Column("aantal", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("maand", "team_id", "wet", "criterium", "score", name=op.f("pk_toetsscore_maand")),
    )
    maand = ("CAST(date_trunc('month', t.tijdstip) AS DATE)" if op.get_bind().dialect.name == "postgresql"
             else "date(t.tijdstip, 'start of month')")
    op.execute(
        "INSERT INTO toetsscore_maand (maand, team_id, wet, criterium, score, aantal) "
        f"SELECT {maand}, a.team_id, a.wet, s.criterium, s.score, COUNT(*) FROM toetsing_score s "
        "JOIN toetsing t ON t.id = s.toetsing_id JOIN beschikking b ON b.id = t.beschikking_id "
        "JOIN aanvraag a ON a.id = b.aanvraag_id WHERE a.team_id IS NOT NULL "
        f"GROUP BY {maand}, a.team_id, a.wet, s.criterium, s.score"
    )


def downgrade() -> None:
    op.drop_table("toetsscore_maand")
