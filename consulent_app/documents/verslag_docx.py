"""The report of the investigation as an editable Word file: the same text as the PDF."""

from __future__ import annotations

from docx.shared import Mm, Pt

from consulent_app.documents import docx_basis as db
from consulent_app.documents.gegevenstypen import VerslagGegevens
from consulent_app.documents.inhoud import verslag_inhoud
from consulent_app.documents.teksten import Teksten, laad


def render(g: VerslagGegevens, teksten: Teksten | None = None) -> bytes:
    t = teksten or laad("verslag")
    inhoud = verslag_inhoud(g, t)
    doc = db.nieuw_document(titel=inhoud.titel, auteur=g.gemeente.naam, onderwerp=inhoud.onderwerp)
    kop = doc.sections[0].header.paragraphs[0]
    db.rechts(kop)
    naam = kop.add_run(f"{g.gemeente.naam} | {inhoud.onderwerp} | {g.client_naam}")
    naam.font.size = Pt(7.5)
    # Logo and name once, at the top of the first page (a logo in the header would crowd every page).
    hoofd = doc.add_paragraph()
    db.rechts(hoofd)
    if g.gemeente.logo is not None:
        hoofd.add_run().add_picture(str(g.gemeente.logo), height=Mm(14))
        hoofd.add_run().add_break()
    r = hoofd.add_run(g.gemeente.naam)
    r.bold, r.font.size, r.font.color.rgb = True, Pt(11), db.KLEUR
    doc.add_heading(t.t("document.titel"), level=0)
    db.blokken(doc, inhoud.blokken)
    db.voettekst(doc, inhoud.voettekst, t.t("document.paginanummer", pagina="{pagina}", totaal="{totaal}"))
    return db.opslaan(doc)
