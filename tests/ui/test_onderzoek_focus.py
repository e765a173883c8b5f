"""The keyboard in the investigation (issue 16): typing right after "Onderzoek starten" lands in the first field,
every step change puts the keyboard in that step's first field, and no space or Enter in a field changes the step."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget, QPlainTextEdit, QPushButton, QWidget

from tests.factories import Basis
from tests.ui.test_onderzoek_ui import _melding, _opgeslagen
from ui.mainwindow import MainWindow, build_main_window
from ui.onderzoek.stappen import AFRONDEN
from ui.ops import wacht_op_alles
from ui.pages.onderzoek import OnderzoekPagina

pytestmark = [pytest.mark.ui, pytest.mark.gui_vrij]
ZIN = "Ik wil weer zelf koken en de boodschappen doen, zonder dat mijn dochter elke dag moet komen."


def _focus() -> QWidget:
    w = QApplication.focusWidget()
    assert w is not None
    return w


def _gestart(qtbot: Any, basis: Basis, wet: str = "wmo") -> tuple[MainWindow, OnderzoekPagina]:
    """Open the melding's start card and press Space on the focused "Onderzoek starten", as a user would."""
    w = build_main_window(basis.ctx, basis["consulent"])
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    w.open_page("onderzoek", melding_id=_melding(basis, wet))
    wacht_op_alles(10.0)
    page = w.pages["onderzoek"]
    assert isinstance(page, OnderzoekPagina)
    qtbot.waitUntil(lambda: _focus() is page.start_knop, timeout=5000)
    qtbot.keyClick(_focus(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.view is not None, timeout=10_000)
    wacht_op_alles(10.0)
    return w, page


@pytest.mark.parametrize("wet", ["wmo", "jeugdwet"])
def test_a_sentence_typed_right_after_starting_lands_in_the_first_field(qtbot: Any, basis: Basis, wet: str) -> None:
    """Typing right after starting once pressed 'Volgende stap' with every space and lost the text."""
    _w, page = _gestart(qtbot, basis, wet)
    eerste = page.stappen[1].velden.editors[page.formulier_def.stap(1).velden[0].key]
    qtbot.waitUntil(lambda: _focus() is eerste, timeout=5000)
    qtbot.keyClicks(_focus(), ZIN)
    assert page.huidig == 1
    assert isinstance(eerste, QPlainTextEdit) and eerste.toPlainText() == ZIN
    qtbot.waitUntil(lambda: not page.autosave.heeft_wachtend(), timeout=5000)
    wacht_op_alles(10.0)
    assert _opgeslagen(page).stap(1).velden[page.formulier_def.stap(1).velden[0].key] == ZIN


def test_every_step_change_puts_the_keyboard_in_that_steps_first_field(qtbot: Any, basis: Basis) -> None:
    """Ctrl+PgDn through all nine pages: the focus is each time a field of the page shown (the page itself when step
    7 is still closed), never the step list or a button; the navigation buttons are not in the tab chain."""
    _w, page = _gestart(qtbot, basis)
    for knop in (page.vorige_knop, page.volgende_knop):
        assert knop.focusPolicy() == Qt.FocusPolicy.NoFocus
    for verwacht in range(2, AFRONDEN + 1):
        qtbot.keyClick(_focus(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        wacht_op_alles(10.0)
        assert page.huidig == verwacht
        f = _focus()
        huidige = page.pagina_stack.currentWidget()
        if verwacht == 7:
            # Still closed (steps 1-6 are empty): the keyboard stays on the page itself (arrows scroll it), the
            # message saying what is still needed stays in view instead of the view going down to a closed field.
            assert page.stappen[7].slot.isVisible()
            assert f is huidige and not page.stappen[7].slot.visibleRegion().isEmpty(), f
            continue
        assert huidige.isAncestorOf(f), (verwacht, f)
        assert not isinstance(f, QPushButton | QListWidget), (verwacht, f)
        if verwacht < AFRONDEN:
            assert f is page.eerste_veld(), (verwacht, f)


def test_space_enter_and_tab_in_the_fields_never_change_the_step(qtbot: Any, basis: Basis) -> None:
    """Space and Enter type in the field; Tab walks the fields and never lands on 'Volgende stap'; letters typed
    in the step list do not choose a step."""
    _w, page = _gestart(qtbot, basis)
    for _ in range(3):
        qtbot.keyClick(_focus(), Qt.Key.Key_Space)
        qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    assert page.huidig == 1
    for _ in range(12):
        qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
        assert _focus() not in (page.vorige_knop, page.volgende_knop)
        qtbot.keyClick(_focus(), Qt.Key.Key_Space) if isinstance(_focus(), QPlainTextEdit) else None
    assert page.huidig == 1
    page.paneel.lijst.setFocus()
    qtbot.keyClicks(page.paneel.lijst, "volgende stap graag")
    assert page.huidig == 1 and page.paneel.lijst.currentRow() == 0


def test_after_a_restart_the_window_reopens_the_last_case_at_its_step(qtbot: Any, basis: Basis) -> None:
    """After a restart the app opened Mijn werk, not where the consultant was: now the last investigation, at the
    step she was on, with the keyboard in its first field; another user of the same computer starts at home."""
    w, page = _gestart(qtbot, basis)
    for _ in range(2):
        qtbot.keyClick(_focus(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        wacht_op_alles(10.0)
    assert page.huidig == 3 and page.view is not None
    oid = page.view.id
    w.close()
    wacht_op_alles(10.0)

    opnieuw = build_main_window(basis.ctx, basis["consulent"])
    qtbot.addWidget(opnieuw)
    opnieuw.resize(1366, 768)
    opnieuw.show()
    opnieuw.activateWindow()
    wacht_op_alles(10.0)
    assert opnieuw.huidige == "onderzoek"
    terug = opnieuw.pages["onderzoek"]
    assert isinstance(terug, OnderzoekPagina)
    qtbot.waitUntil(lambda: terug.view is not None and terug.view.id == oid and terug.huidig == 3, timeout=10_000)
    ander = build_main_window(basis.ctx, basis["consulent2"])
    qtbot.addWidget(ander)
    assert ander.huidige == "mijn_werk"


def _zin(tekst: str) -> str:
    return tekst if tekst.endswith((".", "!", "?")) else tekst + "."


def test_beoogd_resultaat_follows_the_ticked_results_until_the_consultant_edits_it(qtbot: Any, basis: Basis) -> None:
    """Step 7 ticks the desired results of step 3 (Wmo 2015 art. 2.3.2 lid 4 onder b); they were then typed again
    as 'Beoogd resultaat': now it is prefilled from the ticked ones, and what the consultant types stays."""
    from tests.ui.test_onderzoek_ui import _open, _stappen_1_tot_6

    _w, page = _open(qtbot, basis, "wmo")
    _stappen_1_tot_6(qtbot, page, "wmo")
    page.ga_naar(7)
    wacht_op_alles(10.0)
    s7 = page.lijsten[7]
    assert page.view is not None
    r1, r2 = page.view.resultaten
    lijst = s7.resultaten
    lijst.setFocus()
    lijst.setCurrentIndex(lijst.model_.index(0, 0))
    qtbot.keyClick(lijst, Qt.Key.Key_Space)
    assert s7.resultaat_tekst.toPlainText() == _zin(r1.omschrijving)
    qtbot.keyClick(lijst, Qt.Key.Key_Down)
    qtbot.keyClick(lijst, Qt.Key.Key_Space)
    assert s7.resultaat_tekst.toPlainText() == f"{_zin(r1.omschrijving)} {_zin(r2.omschrijving)}"
    s7.resultaat_tekst.setFocus()
    qtbot.keyClick(s7.resultaat_tekst, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(s7.resultaat_tekst, " Binnen drie maanden.")
    eigen = s7.resultaat_tekst.toPlainText()
    lijst.setFocus()
    qtbot.keyClick(lijst, Qt.Key.Key_Space)  # untick the second: the consultant's own text stays
    assert s7.resultaat_tekst.toPlainText() == eigen


def test_step7_offers_the_contracted_providers_of_the_product_and_preselects_the_only_one(
        qtbot: Any, basis: Basis) -> None:
    """Step 7 offered every provider: now the provider register's contracts for the chosen product (Wmo 2015
    art. 2.3.5 lid 3: a provision in kind is delivered by a contracted provider); without contracts, all."""
    from consulent_app.db import models as m
    from consulent_app.services.base import transactie
    from tests.ui.test_onderzoek_ui import _open, _stappen_1_tot_6

    with transactie(basis.ctx) as s:  # Hulp bij het huishouden: only Thuiszorg Mosa has a contract
        s.execute(m.aanbieder_product.insert().values(aanbieder_id=basis.aanbieders[1],
                                                      product_id=basis.producten["HH"]))
    _w, page = _open(qtbot, basis, "wmo")
    _stappen_1_tot_6(qtbot, page, "wmo")
    page.ga_naar(7)
    wacht_op_alles(10.0)
    s7 = page.lijsten[7]
    s7.vul(productcategorie="01")
    s7._categorie_gekozen()
    s7.vul(product=basis.producten["HH"])
    namen = [s7.aanbieder.itemText(i) for i in range(1, s7.aanbieder.count())]
    assert namen == ["Thuiszorg Mosa"] and s7.aanbieder.currentData() == basis.aanbieders[1]
    s7.vul(productcategorie="02")
    s7._categorie_gekozen()
    s7.vul(product=basis.producten["BG"])  # no contracts recorded for it: the providers contracted for the law
    assert s7.aanbieder.count() - 1 == 1  # Thuiszorg Mosa (tests/ui/test_contracten_ui.py has the other cases)


def test_the_mouse_wheel_over_a_closed_dropdown_scrolls_the_page_not_the_value(qtbot: Any, basis: Basis) -> None:
    """A value once changed silently while scrolling a long step: a closed dropdown passes the wheel on (to the
    page); a plain QComboBox under the same wheel changes its value, so the test sees the difference."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QComboBox

    _w, page = _gestart(qtbot, basis)
    qtbot.keyClick(_focus(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # step 2: problems
    wacht_op_alles(10.0)
    box = page.lijsten[2].form.editor("leefgebied")
    gewoon = QComboBox()
    qtbot.addWidget(gewoon)
    for i in range(box.count()):
        gewoon.addItem(box.itemText(i))
    gewoon.show()

    def draai(doel: QWidget) -> bool:
        wiel = QWheelEvent(QPointF(doel.rect().center()), QPointF(doel.mapToGlobal(doel.rect().center())),
                           QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                           Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(doel, wiel)
        return wiel.isAccepted()

    voor = box.currentIndex()
    assert not draai(box) and box.currentIndex() == voor  # ignored: it goes on to the scrolling page
    draai(gewoon)
    assert gewoon.currentIndex() != voor


def test_a_new_melding_for_a_child_defaults_to_the_jeugdwet(qtbot: Any, basis: Basis,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Jeugdwet art. 1.1: a melding for a client under eighteen opens with the Jeugdwet chosen (was: Wmo)."""
    import datetime as dt

    from ui.pages.nieuwe_client import NieuweMeldingDialog

    gekozen: list[Any] = []

    def dialoog(shell: Any, client_id: int, naam: str, parent: Any = None, *, wet: str | None = None) -> None:
        dlg = NieuweMeldingDialog(shell, client_id, naam, parent, wet=wet)
        qtbot.addWidget(dlg)
        gekozen.append(dlg.form.editor("wet").currentData())  # type: ignore[attr-defined]

    monkeypatch.setattr("ui.pages.dossier.nieuwe_melding", dialoog)
    kind = basis.client("Smeets", geboortedatum=dt.date.today().replace(year=dt.date.today().year - 9))
    volwassen = basis.client("Peeters", geboortedatum=dt.date(1950, 3, 1))
    w = build_main_window(basis.ctx, basis["consulent"])
    qtbot.addWidget(w)
    for cid in (kind, volwassen):
        w.open_dossier(cid)
        dossier = w.pages["dossier"]
        qtbot.waitUntil(lambda d=dossier, c=cid: d.view is not None and d.view.client_id == c, timeout=10_000)
        dossier.nieuwe_melding_knop.click()  # the header's (the Meldingen tab's own may not be built yet)
    assert gekozen == ["jeugdwet", "wmo"]
