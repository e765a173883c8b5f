"""The investigation screen as a consultant uses it: a Wmo and a Jeugd case from melding to a completed
investigation with two provisions, including the refusals, autosave and resuming where one was."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit

from consulent_app.db import models as m
from consulent_app.services import meldingen
from consulent_app.services import onderzoek as svc
from consulent_app.services.base import transactie
from tests.factories import Basis
from tests.test_onderzoek_service import TEKSTEN
from ui.mainwindow import MainWindow, build_main_window
from ui.onderzoek.stappen import AFRONDEN, GEHOORD
from ui.ops import wacht_op_alles
from ui.pages.onderzoek import OnderzoekPagina
from ui.widgets import kies

pytestmark = [pytest.mark.ui, pytest.mark.gui_vrij]

VANDAAG = dt.date.today()


def _rust() -> None:
    """Let the operation layer finish: reads and writes run off the GUI thread (ui.ops)."""
    wacht_op_alles(10.0)


def _venster(qtbot: Any, basis: Basis) -> MainWindow:
    w = build_main_window(basis.ctx, basis["consulent"])
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    return w


def _melding(basis: Basis, wet: str) -> int:
    cid = basis.client("Peeters" if wet == "wmo" else "Smeets",
                       geboortedatum=dt.date(1948, 2, 3) if wet == "wmo" else dt.date(2014, 6, 1))
    return meldingen.registreer_melding(basis.ctx, basis["consulent"], client_id=cid, wet=wet,
                                        datum=VANDAAG - dt.timedelta(days=5), kanaal="cit", vraag="Hulp gevraagd")


def _open(qtbot: Any, basis: Basis, wet: str) -> tuple[MainWindow, OnderzoekPagina]:
    w = _venster(qtbot, basis)
    w.open_page("onderzoek", melding_id=_melding(basis, wet))
    _rust()
    page = w.pages["onderzoek"]
    assert isinstance(page, OnderzoekPagina)
    assert page.start_knop.isVisible()
    qtbot.mouseClick(page.start_knop, Qt.MouseButton.LeftButton)
    _rust()
    assert page.view is not None and page.huidig == 1
    return w, page


def _veld(page: OnderzoekPagina, stap: int, key: str, tekst: str) -> None:
    ed = page.stappen[stap].velden.editors[key]
    if isinstance(ed, QPlainTextEdit):
        ed.setPlainText(tekst)
    elif isinstance(ed, QLineEdit):
        ed.setText(tekst)


def _lijst(editor: Any, **waarden: Any) -> None:
    for naam, w in waarden.items():
        ed = editor.form.editor(naam)
        if isinstance(ed, QComboBox):
            kies(ed, w)
        elif isinstance(ed, QPlainTextEdit):
            ed.setPlainText(w)
        else:
            ed.setText(w)
    editor.toevoeg_knop.click()
    _rust()


def _opgeslagen(page: OnderzoekPagina) -> svc.OnderzoekView:
    assert page.view is not None
    return svc.haal_onderzoek(page.shell.ctx, page.shell.actor, page.view.id)


VELDEN = {
    "wmo": {1: {"vraag_achter_de_vraag": "Regie over het huishouden.", "persoonskenmerken": "Zelfstandig, trots."},
            5: {"eigen_mogelijkheden": "Lichte taken zelf.", "gebruikelijke_hulp": "Woont alleen.",
                "netwerk": "Zoon doet de boodschappen."},
            6: {"algemene_voorzieningen": "Geen passende.", "andere_wetten": "Geen Wlz-indicatie."}},
    "jeugdwet": {1: {"vraag_ouders": "Rust in huis.", "vraag_achter_de_vraag": "Omgaan met boosheid."},
                 5: {"eigen_mogelijkheden": "Sport helpt.", "ouders": "Moeder oefent thuis.",
                     "netwerk": "Opa haalt op van school."},
                 6: {"vrij_toegankelijk": "CJG-spreekuur.", "andere_wetten": "Schoolmaatschappelijk werk."}},
}


def _netto(tabel: Any) -> list[str]:
    """The 'Netto' column as the consultant reads it."""
    return [tabel.proxy.index(r, 6).data() for r in range(tabel.proxy.rowCount())]


def _stappen_1_tot_6(qtbot: Any, page: OnderzoekPagina, wet: str) -> None:
    # Step 1: the client's own words, typed; autosave stores it within a second without any button.
    ed = page.stappen[1].velden.editors["client_woorden"]
    ed.setFocus()
    qtbot.keyClicks(ed, "Ik wil mijn huis weer netjes hebben.")
    qtbot.waitUntil(lambda: not page.autosave.heeft_wachtend(), timeout=3000)
    assert _opgeslagen(page).stap(1).velden["client_woorden"] == "Ik wil mijn huis weer netjes hebben."
    for key, tekst in VELDEN[wet][1].items():
        _veld(page, 1, key, tekst)

    # Step 7 before 1-6: closed, with the reasons, and its editor cannot be used.
    page.ga_naar(7)
    _rust()
    assert page.stappen[7].slot.isVisible()
    assert "Stap 7 is nog gesloten" in page.stappen[7].slot.text()
    assert "Stap 2" in page.stappen[7].slot.text()
    # ...and stays in view: the keyboard does not take the view down to a field that cannot be filled yet
    assert not page.stappen[7].slot.visibleRegion().isEmpty()
    assert not page.stappen[7].isAncestorOf(QApplication.focusWidget())
    assert not page.lijsten[7].toevoeg_knop.isEnabled()
    assert "gesloten" in page.paneel.lijst.item(6).text()

    # Keyboard: Ctrl+PgUp back to step 1, Ctrl+PgDn / Alt+Right forward, Alt+Left back (not the window's 'back').
    page.ga_naar(1)
    _rust()
    page.stappen[1].velden.editors["client_woorden"].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    _rust()
    assert page.huidig == 2
    qtbot.keyClick(page.pagina_stack, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    _rust()
    assert page.huidig == 3
    qtbot.keyClick(page.pagina_stack, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    _rust()
    assert page.huidig == 2 and page.isVisible()
    assert page.paneel.lijst.item(0).text().endswith("Compleet")

    lg = "huishouden" if wet == "wmo" else "opvoeding"
    probleem, res1, res2, beh1, beh2, beh3 = TEKSTEN[wet]
    _lijst(page.lijsten[2], leefgebied=lg, ernst="matig", beschrijving=probleem)
    assert page.lijsten[2].tabel.bron.rowCount() == 1
    page.ga_naar(3)
    _rust()
    _lijst(page.lijsten[3], omschrijving=res1, leefgebied=lg)
    _lijst(page.lijsten[3], omschrijving=res2)
    page.ga_naar(4)
    _rust()
    _lijst(page.lijsten[4], omschrijving=beh1, volume="3", eenheid="04", frequentie="2", leefgebied=lg)
    _lijst(page.lijsten[4], omschrijving=beh2, volume="1", eenheid="04", frequentie="2")
    _lijst(page.lijsten[4], omschrijving=beh3, volume="2", eenheid="04", frequentie="2")
    assert page.lijsten[4].tabel.bron.rowCount() == 3

    page.ga_naar(5)
    _rust()
    d5 = page.lijsten[5]
    kies(d5.behoefte, page.view.behoeften[0].id)  # type: ignore[union-attr]
    kies(d5.form.editor("bron"), "client_zelf")  # type: ignore[arg-type]
    d5.volume.setText("5")
    d5.toevoeg_knop.click()  # more than the need: refused at the field
    _rust()
    assert "meer dan de behoefte" in d5.form.fout_bij("volume")
    d5.volume.setText("1")  # the bruto / gedekt / netto table follows the typing, before saving
    assert _netto(d5.saldo) == ["2", "1", "2"]
    d5.toevoeg_knop.click()
    _rust()
    kies(d5.behoefte, page.view.behoeften[1].id)  # type: ignore[union-attr]
    _lijst(d5, bron="netwerk_nu", volume="1", toelichting="Zoon")
    assert _netto(d5.saldo) == ["2", "0", "2"]
    for nr in (5, 6):
        for key, tekst in VELDEN[wet][nr].items():
            _veld(page, nr, key, tekst)
    page.ga_naar(6)
    _rust()
    view = _opgeslagen(page)
    assert [s.status for s in view.stappen[:6]] == ["compleet"] * 6


def _voorziening(page: OnderzoekPagina, **w: Any) -> None:
    s7 = page.lijsten[7]
    s7.leeg()
    s7.vul(productcategorie=w.pop("productcategorie"))
    s7._categorie_gekozen()
    behoeften, resultaten = w.pop("behoeften"), w.pop("resultaten")
    s7.vul(**w)
    for b in behoeften:
        s7.behoeften.vink(b)
    for r in resultaten:
        s7.resultaten.vink(r)
    s7.toevoeg_knop.click()
    _rust()


def _stap7(page: OnderzoekPagina, basis: Basis, wet: str) -> None:
    page.ga_naar(7)
    _rust()
    assert not page.stappen[7].slot.isVisible()
    s7 = page.lijsten[7]
    assert s7.toevoeg_knop.isEnabled()
    view = page.view
    assert view is not None
    b_schoon, b_bood, b_begel = (b.id for b in view.behoeften)
    r1, r2 = (r.id for r in view.resultaten)
    cat, prod1, prod2 = ("01", basis.producten["HH"], basis.producten["BG"]) if wet == "wmo" else \
        ("45", basis.producten["JA"], basis.producten["JA"])
    start = VANDAAG + dt.timedelta(days=7)
    # Wmo: open-ended with a PO; Jeugd: always an end date (rules/duur.py)
    duur_vz = {"po_datum": start + dt.timedelta(days=365)} if wet == "wmo" else \
        {"einddatum": start + dt.timedelta(days=300)}
    basis_vz = dict(productcategorie=cat, product=prod1, volume="2", frequentie="2", startdatum=start,
                    **duur_vz, leveringsvorm="zin", aanbieder=basis.aanbieders[0],
                    beoogd_resultaat="Een schoon en leefbaar huis.", motivering="Netto blijft 2 uur over.")
    # A provision for the fully covered need is refused with the explanation at the field.
    _voorziening(page, **basis_vz, behoeften=[b_bood], resultaten=[r1])
    assert "volledig gedekt" in s7.form.fout_bij("behoeften")
    # Beyond the configured maximum: a PO after 36 months (Wmo), an end date after 12 months (Jeugd).
    if wet == "wmo":
        _voorziening(page, **{**basis_vz, "po_datum": start + dt.timedelta(days=365 * 4)}, behoeften=[b_schoon],
                     resultaten=[r1])
        assert "uiterlijk 36 maanden" in s7.form.fout_bij("po_datum")
    else:
        assert "Verplicht" in s7.form.hints["einddatum"].text()
        _voorziening(page, **{**basis_vz, "einddatum": start + dt.timedelta(days=400)}, behoeften=[b_schoon],
                     resultaten=[r1])
        assert "hooguit 12 maanden" in s7.form.fout_bij("einddatum")
    # PGB without amount.
    _voorziening(page, **{**basis_vz, "leveringsvorm": "pgb"}, behoeften=[b_schoon], resultaten=[r1])
    assert "Bij een pgb hoort een bedrag" in s7.form.fout_bij("pgb_bedrag")
    assert "per week, per maand of per jaar" in s7.form.fout_bij("pgb_periode")  # the client must check it
    assert s7.tabel.bron.rowCount() == 0
    # Two valid provisions: ZIN, and PGB with its amount. The cost shows while choosing.
    s7.leeg()
    s7.vul(productcategorie=cat)
    s7._categorie_gekozen()
    s7.vul(product=prod1, volume="2", frequentie="2", startdatum=start)
    assert "Kosten: €" in s7.kosten.text()
    _voorziening(page, **basis_vz, behoeften=[b_schoon], resultaten=[r1])
    _voorziening(page, **{**basis_vz, "product": prod2, "leveringsvorm": "pgb", "pgb_bedrag": "4250,00", "pgb_periode": "jaar",
                          "productcategorie": "02" if wet == "wmo" else cat}, behoeften=[b_begel],
                 resultaten=[r2])
    assert s7.tabel.bron.rowCount() == 2
    _veld(page, 7, "afweging", "Netto blijft 2 uur schoonmaak en 2 uur begeleiding over.")


def _gehoord(qtbot: Any, page: OnderzoekPagina, wet: str) -> None:
    page.ga_naar(GEHOORD)
    _rust()
    g = page.gehoord
    assert "Nog nodig" in g.nog.text()
    g.editors["gesprek_datum"].setText(VANDAAG.strftime("%d-%m-%Y"))  # type: ignore[attr-defined]
    g.editors["gesprek_datum"].editingFinished.emit()  # type: ignore[attr-defined]
    _rust()
    g.editors["gesprek_plaats"].setText("Bij cliënt thuis")  # type: ignore[attr-defined]
    g.editors["eerdere_hulp_evaluatie"].setPlainText("Geen eerdere hulp.")  # type: ignore[attr-defined]
    if wet == "wmo":
        assert "geef aan of de cliënt is gehoord" in g.nog.text()
        kies(g.editors["client_gehoord"], True)  # type: ignore[arg-type]
        _rust()
        qtbot.waitUntil(lambda: "geef aan of de cliënt is gehoord" not in g.nog.text(), timeout=3000)
    else:
        kies(g.editors["jeugdige_gehoord"], False)  # type: ignore[arg-type]
        _rust()
        g.editors["reden_niet_gehoord"].setPlainText("Jeugdige wilde niet praten.")  # type: ignore[attr-defined]
        kies(g.editors["vertegenwoordiger_gehoord"], True)  # type: ignore[arg-type]
        _rust()
        kies(g.editors["gezinsplan_verwacht"], True)  # type: ignore[arg-type]
        _rust()


def _afronden_en_reactie(page: OnderzoekPagina) -> None:
    page.ga_naar(AFRONDEN)
    _rust()
    af = page.afronden
    assert "Alles is compleet" in af.lijst.text(), af.lijst.text()
    af.knop.click()
    _rust()
    assert page.view is not None and page.view.afgerond
    assert af.reactie_kaart.isVisible()
    f = af.form
    f.editor("verslag_uitgereikt_op").setText(VANDAAG.strftime("%d-%m-%Y"))  # type: ignore[attr-defined]
    f.editor("aanvraag_datum").setText(VANDAAG.strftime("%d-%m-%Y"))  # type: ignore[attr-defined]
    kies(f.editor("getekend"), True)  # type: ignore[arg-type]
    _rust()
    f.editor("opmerkingen").setPlainText("Eens met het verslag.")  # type: ignore[attr-defined]
    af.reactie_knop.click()
    _rust()
    assert "beslissen uiterlijk" in af.aanvraag.text()
    with transactie(page.shell.ctx) as s:
        assert s.get(m.Melding, page.view.melding_id).status == "afgerond"  # type: ignore[union-attr]


def test_wmo_case_from_melding_to_completed_investigation_with_two_provisions(qtbot: Any, basis: Basis) -> None:
    _w, page = _open(qtbot, basis, "wmo")
    _stappen_1_tot_6(qtbot, page, "wmo")
    _stap7(page, basis, "wmo")
    # Completing too early lists exactly what is missing.
    page.ga_naar(AFRONDEN)
    _rust()
    page.afronden.knop.click()
    _rust()
    assert "Gehoord en betrokkenen: geef aan of de cliënt is gehoord." in page.afronden.lijst.text()
    assert page.view is not None and not page.view.afgerond
    _gehoord(qtbot, page, "wmo")
    _afronden_en_reactie(page)
    view = _opgeslagen(page)
    assert len(view.voorzieningen) == 2 and {v.leveringsvorm for v in view.voorzieningen} == {"zin", "pgb"}
    assert view.aanvraag is not None and view.aanvraag.verslag_getekend is True
    # Wmo 2015 art. 2.3.5 lid 1: decide within two weeks after the aanvraag
    assert view.aanvraag.beslistermijn_einde is not None
    assert (view.aanvraag.beslistermijn_einde - VANDAAG).days >= 14


def test_jeugd_case_records_household_and_gezinsplan(qtbot: Any, basis: Basis) -> None:
    _w, page = _open(qtbot, basis, "jeugdwet")
    assert "Jeugdwet: geen eigen onderzoekstermijn" in page.paneel.termijn.text()
    _stappen_1_tot_6(qtbot, page, "jeugdwet")
    _stap7(page, basis, "jeugdwet")
    _gehoord(qtbot, page, "jeugdwet")
    page.ga_naar(GEHOORD)
    _rust()
    assert "leg de gezinsleden en de ouders met gezag vast" in page.gehoord.nog.text()

    def vul_dialoog() -> None:
        dlg = QApplication.activeModalWidget()
        assert dlg is not None
        kies(dlg.form.editor("soort"), "ouder")  # type: ignore[attr-defined]
        dlg.form.editor("naam").setText("Moeder Smeets")  # type: ignore[attr-defined]
        dlg.opslaan()  # type: ignore[attr-defined]

    QTimer.singleShot(100, vul_dialoog)
    page.gehoord.relatie_knop.click()
    _rust()
    assert [r.naam for r in page.gehoord.relaties.bron.rijen] == ["Moeder Smeets"]
    assert page.gehoord.relaties.bron.rijen[0].gezag
    _afronden_en_reactie(page)
    view = _opgeslagen(page)
    assert view.gezinsplan_verwacht is True and view.jeugdige_gehoord is False
    assert view.aanvraag is not None and view.aanvraag.beslistermijn_einde is not None
    assert (view.aanvraag.beslistermijn_einde - VANDAAG).days >= 56  # Awb 4:13: eight weeks


def test_bad_input_is_refused_at_the_field_and_the_rest_stays_saved_and_reopening_resumes(
        qtbot: Any, basis: Basis) -> None:
    w, page = _open(qtbot, basis, "wmo")
    _veld(page, 1, "client_woorden", "Mijn eigen woorden")
    _veld(page, 1, "vraag_achter_de_vraag", "plak\x07sel")
    page.ga_naar(3)  # a step change saves everything pending
    _rust()
    assert "stuurtekens" in page.autosave.fout(("stap", 1, "vraag_achter_de_vraag"))
    assert page.stappen[1].velden.editors["vraag_achter_de_vraag"].property("fout") is True
    oid = page.view.id  # type: ignore[union-attr]
    _veld(page, 1, "persoonskenmerken", "Typt tot het laatst")  # not yet saved by the timer: closing saves it
    w.close()
    # A new window (after a crash or closing the lid): everything typed is there and it opens at step 3.
    w2 = _venster(qtbot, basis)
    w2.open_page("onderzoek", onderzoek_id=oid)
    _rust()
    page2 = w2.pages["onderzoek"]
    assert isinstance(page2, OnderzoekPagina)
    assert page2.huidig == 3 and page2.pagina_stack.currentIndex() == 2
    ed = page2.stappen[1].velden.editors["client_woorden"]
    assert isinstance(ed, QPlainTextEdit) and ed.toPlainText() == "Mijn eigen woorden"
    assert _opgeslagen(page2).stap(1).velden["persoonskenmerken"] == "Typt tot het laatst"


def test_not_applicable_needs_a_reason_in_the_screen(qtbot: Any, basis: Basis) -> None:
    _w, page = _open(qtbot, basis, "wmo")
    page.ga_naar(6)
    _rust()
    nvt = page.stappen[6].nvt
    assert nvt is not None
    nvt.vink.setChecked(True)
    nvt.knop.click()
    _rust()
    assert "Reden is verplicht" in nvt.fout.text()
    nvt.reden.setText("Geen andere voorzieningen in beeld.")
    nvt.knop.click()
    _rust()
    assert page.view is not None and page.view.stap(6).status == "nvt"
    assert "Niet van toepassing" in page.paneel.lijst.item(5).text()


def test_reviewer_sees_the_investigation_read_only(qtbot: Any, basis: Basis) -> None:
    """Only the consultant writes (role matrix); a reviewer reads the same screen without editing it."""
    mid = _melding(basis, "wmo")
    oid = svc.start_onderzoek(basis.ctx, basis["consulent"], mid)
    svc.bewaar_veld(basis.ctx, basis["consulent"], oid, 1, "client_woorden", "Mijn woorden")
    w = build_main_window(basis.ctx, basis["toetser"])
    qtbot.addWidget(w)
    w.show()
    w.open_page("onderzoek", onderzoek_id=oid)
    _rust()
    page = w.pages["onderzoek"]
    assert isinstance(page, OnderzoekPagina)
    ed = page.stappen[1].velden.editors["client_woorden"]
    assert isinstance(ed, QPlainTextEdit) and ed.isReadOnly() and ed.toPlainText() == "Mijn woorden"
    assert not page.lijsten[2].toevoeg_knop.isEnabled()
    assert not page.afronden.knop.isEnabled()
