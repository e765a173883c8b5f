"""What a batch's worker process runs: a decision letter from its plain data, nothing else.

The process that stores the batch reads and checks each decision (services.documenten) and sends its
`BeschikkingGegevens` and templates here; a worker imports reportlab and the renderers only (no SQLAlchemy, no
models, no database connection: about a tenth of a second to start instead of a second), and sees no more personal
data than the letter itself.
"""

from __future__ import annotations

from consulent_app.documents.gegevenstypen import BeschikkingGegevens
from consulent_app.documents.teksten import Teksten


def render_beschikking(g: BeschikkingGegevens, t: Teksten, formaat: str) -> bytes:
    """The letter as PDF or Word (docx), exactly as the storing process would render it itself."""
    if formaat == "pdf":
        from consulent_app.documents import beschikking_pdf

        return beschikking_pdf.render(g, t)
    from consulent_app.documents import beschikking_docx

    return beschikking_docx.render(g, t)


def start() -> None:
    """Initializer of a worker process: fonts and paragraph styles before the first letter arrives."""
    from consulent_app.documents import beschikking_pdf

    beschikking_pdf.pb.stijlen()
