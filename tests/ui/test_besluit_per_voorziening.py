"""Besluit per voorziening on the Documenten screen: the consultant sets grant / partial / refusal per provision,
chooses the kind of decision, and the letter made from the window says what was decided and why."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from consulent_app.services import beschikkingen as bs
from consulent_app.services import documenten as ds
from tests.factories import Basis
from tests.factories_zaak import VzSpec, maak_zaak
from ui.mainwindow import MainWindow, build_main_window

pytestmark = pytest.mark.ui

REDEN = "Mevrouw kan de boodschappen zelf laten bezorgen door de supermarkt in haar straat."


def _open(qtbot, basis: Basis, client_id: int, gebruiker: str = "consulent"):  # type: ignore[no-untyped-def]
    w: MainWindow = build_main_window(basis.ctx, basis[gebruiker])
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.open_page("documenten", client_id=client_id)
    pagina = w.pages["documenten"]
    qtbot.waitUntil(lambda: not pagina.bezig and pagina.bron.count() > 0, timeout=10_000)
    return w, pagina


def _kies(rij, besluit: str, motivering: str) -> None:  # type: ignore[no-untyped-def]
    rij.besluit.setCurrentIndex(rij.besluit.findData(besluit))
    rij.motivering.setPlainText(motivering)


def test_refusal_needs_reasons_at_the_field_then_saves_and_the_letter_says_so(qtbot, basis: Basis) -> None:  # type: ignore[no-untyped-def]
    zaak = maak_zaak(basis, voorzieningen=[VzSpec("HH"), VzSpec("BG")])
    assert zaak.beschikking_id is not None
    w, pagina = _open(qtbot, basis, zaak.client_id)
    sectie = pagina.besluiten
    assert sectie.isVisible() and len(sectie.rijen) == 2
    hh, bg = sectie.rijen
    assert [hh.besluit.itemText(i) for i in range(hh.besluit.count())] == [
        "Toegekend", "Gedeeltelijk toegekend", "Afgewezen"]
    assert hh.besluit.currentText() == "Toegekend" and hh.besluit.isEnabled()

    # Refusal without reasons: the message stands under the reasons field, nothing is stored.
    _kies(bg, "afgewezen", "")
    qtbot.mouseClick(bg.opslaan, Qt.MouseButton.LeftButton)
    assert pagina.shell.ops.wacht()  # the save runs off the GUI thread
    assert bg.motivering_fout.isVisible() and "motivering" in bg.motivering_fout.text()
    detail = bs.haal_beschikking(basis.ctx, basis["consulent"], zaak.beschikking_id)
    assert [r.besluit for r in detail.regels] == ["toegekend", "toegekend"]
    assert bg.besluit.currentText() == "Afgewezen"  # the consultant's input stays on screen
    w.grab().save("/tmp/dec/besluit_fout.png")

    # With reasons but no ground, while the table leaves a netto need (art. 2.3.5 lid 3 Wmo 2015): the message
    # stands under the ground choice, which only a refusal shows; nothing is stored.
    assert bg.grond.isVisible() and not hh.grond.isVisible() and hh.reden.isVisible() and not bg.reden.isVisible()
    bg.motivering.setPlainText(REDEN)
    qtbot.mouseClick(bg.opslaan, Qt.MouseButton.LeftButton)
    assert pagina.shell.ops.wacht()  # the save runs off the GUI thread
    assert bg.grond_fout.isVisible() and "Kies de wettelijke grond" in bg.grond_fout.text()
    assert [r.besluit for r in bs.haal_beschikking(basis.ctx, basis["consulent"], zaak.beschikking_id).regels] == [
        "toegekend", "toegekend"]
    w.grab().save("/tmp/dec/besluit_grond_fout.png")

    # With a ground it is saved; the first provision is untouched.
    bg.grond.setCurrentIndex(bg.grond.findData("voorliggend"))
    qtbot.mouseClick(bg.opslaan, Qt.MouseButton.LeftButton)
    assert pagina.shell.ops.wacht()  # the save runs off the GUI thread
    assert not bg.motivering_fout.isVisible() and not bg.grond_fout.isVisible() and not sectie.fout.isVisible()
    detail = bs.haal_beschikking(basis.ctx, basis["consulent"], zaak.beschikking_id)
    assert [r.besluit for r in detail.regels] == ["toegekend", "afgewezen"]
    assert detail.regels[1].motivering == REDEN and detail.regels[1].weigeringsgrond == "voorliggend"

    w.resize(1366, 768)
    sectie.schuifvlak.ensureWidgetVisible(bg.opslaan)
    w.grab().save("/tmp/dec/besluit_per_voorziening.png")

    # The PDF made from the window carries the refusal wording and the reasons.
    qtbot.mouseClick(pagina.beschikking_knop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not pagina.bezig and len(pagina.tabel.rijen()) == 1
                    and pagina.laatste_preview is not None, timeout=20_000)
    pagina.laatste_preview.close()
    doc = pagina.tabel.rijen()[0]
    assert doc.soort == "beschikking" and doc.formaat == "pdf"
    inhoud = ds.haal_document(basis.ctx, basis["consulent"], doc.id).inhoud
    tekst = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(inhoud)).pages))
    assert "Wij wijzen de aanvraag voor" in tekst and "af. U krijgt deze ondersteuning dus niet." in tekst
    assert "Afgewezen" in tekst or "afgewezen" in tekst
    assert REDEN in tekst and "voorliggende of algemene voorziening" in tekst
    assert "toe." in tekst  # the granted provision is still granted


def test_a_stale_version_is_refused_with_the_conflict_message(qtbot, basis: Basis) -> None:  # type: ignore[no-untyped-def]
    zaak = maak_zaak(basis, voorzieningen=[VzSpec("HH"), VzSpec("BG")])
    assert zaak.beschikking_id is not None
    _w, pagina = _open(qtbot, basis, zaak.client_id)
    hh, bg = pagina.besluiten.rijen
    # Someone else saves a line in the meantime.
    bs.wijzig_regel(basis.ctx, basis["consulent"], hh.regel.id, besluit="toegekend", motivering="Andere tekst.",
                    versie=pagina.besluiten.detail.versie)
    _kies(bg, "gedeeltelijk", REDEN)
    qtbot.mouseClick(bg.opslaan, Qt.MouseButton.LeftButton)
    assert pagina.shell.ops.wacht()  # the save runs off the GUI thread
    assert pagina.besluiten.fout.isVisible() and "Iemand anders" in pagina.besluiten.fout.text()
    detail = bs.haal_beschikking(basis.ctx, basis["consulent"], zaak.beschikking_id)
    assert detail.regels[1].besluit == "toegekend"


def test_decision_under_review_is_read_only(qtbot, basis: Basis) -> None:  # type: ignore[no-untyped-def]
    zaak = maak_zaak(basis, voorzieningen=[VzSpec("HH"), VzSpec("BG")], beschikking="ter_toetsing")
    _w, pagina = _open(qtbot, basis, zaak.client_id)
    sectie = pagina.besluiten
    assert sectie.isVisible() and len(sectie.rijen) == 2
    for rij in sectie.rijen:
        assert not rij.besluit.isEnabled() and rij.motivering.isReadOnly() and not rij.opslaan.isVisible()
    assert "kan niet meer worden gewijzigd" in sectie.uitleg.text()
    assert not pagina.type_keuze.isVisible()


def test_consultant_chooses_the_kind_of_decision_when_creating_it(qtbot, basis: Basis) -> None:  # type: ignore[no-untyped-def]
    zaak = maak_zaak(basis, beschikking=None)
    w, pagina = _open(qtbot, basis, zaak.client_id)
    assert pagina.type_keuze.isVisible() and not pagina.besluiten.isVisible()
    w.grab().save("/tmp/dec/type_keuze.png")
    assert pagina.type_keuze.currentText() == "Aanvraag"  # the core's default for a new request
    assert [pagina.type_keuze.itemText(i) for i in range(3)] == ["Aanvraag", "Herziening", "Beëindiging"]
    pagina.type_keuze.setCurrentIndex(pagina.type_keuze.findData("herziening"))
    qtbot.mouseClick(pagina.beschikking_knop, Qt.MouseButton.LeftButton)
    # A herziening states its own reasons (art. 2.3.10 Wmo 2015): the concept is made, the letter waits for them.
    qtbot.waitUntil(lambda: not pagina.bezig and pagina.besluiten.isVisible(), timeout=20_000)
    assert len(pagina.tabel.rijen()) == 0
    [rij] = pagina.besluiten.rijen
    assert rij.wijziging.isVisible()
    rij.wijziging.setPlainText("Mevrouw kan minder zelf sinds haar val.")
    qtbot.mouseClick(rij.opslaan, Qt.MouseButton.LeftButton)
    assert pagina.shell.ops.wacht()  # the save runs off the GUI thread
    assert not rij.wijziging_fout.isVisible()
    qtbot.mouseClick(pagina.beschikking_knop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not pagina.bezig and len(pagina.tabel.rijen()) == 1
                    and pagina.laatste_preview is not None, timeout=20_000)
    pagina.laatste_preview.close()
    qtbot.waitUntil(lambda: not pagina.bezig and pagina.besluiten.isVisible(), timeout=10_000)
    assert "herziening" in pagina.bron.currentText()
    assert pagina.besluiten.detail is not None and pagina.besluiten.detail.type == "herziening"
    assert not pagina.type_keuze.isVisible()



def test_an_ending_line_moves_its_last_day_at_the_field_never_retroactively(qtbot, basis: Basis) -> None:  # type: ignore[no-untyped-def]
    """Art. 2.3.10 Wmo 2015: the ending decision shows its last day at the line; a day before the day after sending
    (today) plus the transition period is refused at that field naming the earliest day, nothing stored; a later day
    is stored on the line (the provision itself changes only when the decision is sent) and the letter states it."""
    import datetime as dt

    from consulent_app.formatting import datum as datum_tekst
    from tests.factories_documenten import maak_zaak as maak_documentzaak
    from tests.factories_documenten import oude_voorziening_id

    zaak = maak_documentzaak(basis, aanleiding_po=True, po_uitkomst="beeindigd", besluiten=())
    bid = bs.maak_concept_beschikking(basis.ctx, basis["consulent"], zaak.aanvraag_id, type="beeindiging",
                                      vandaag=dt.date(2026, 11, 25))
    w, pagina = _open(qtbot, basis, zaak.client_id)
    [rij] = pagina.besluiten.rijen
    assert rij.einddatum.isVisible() and rij.einddatum.text() == "31-12-2026"
    vandaag = dt.date.today()
    rij.einddatum.setText(vandaag.strftime("%d-%m-%Y"))
    qtbot.mouseClick(rij.opslaan, Qt.MouseButton.LeftButton)
    assert pagina.shell.ops.wacht()
    assert rij.einddatum_fout.isVisible() and "art. 2.3.10 Wmo 2015" in rij.einddatum_fout.text()
    assert bs.haal_beschikking(basis.ctx, basis["consulent"], bid).regels[0].einddatum == dt.date(2026, 12, 31)
    later = vandaag + dt.timedelta(days=70)
    rij.einddatum.setText(later.strftime("%d-%m-%Y"))
    qtbot.mouseClick(rij.opslaan, Qt.MouseButton.LeftButton)
    assert pagina.shell.ops.wacht()
    assert not rij.einddatum_fout.isVisible()
    assert bs.haal_beschikking(basis.ctx, basis["consulent"], bid).regels[0].einddatum == later
    with basis.ctx.session_factory.begin() as s:
        from consulent_app.db import models as m

        oud = s.get(m.Voorziening, oude_voorziening_id(basis, zaak.aanvraag_id))
        assert oud is not None and oud.einddatum is None  # runs on until the decision is sent
    info = ds.maak_beschikking_document(basis.ctx, basis["consulent"], bid, "pdf")
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(
        ds.haal_document(basis.ctx, basis["consulent"], info.id).inhoud)).pages)
    assert f"De laatste dag is {datum_tekst(later)}" in re.sub(r"\s+", " ", tekst)
