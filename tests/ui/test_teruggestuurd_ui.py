"""A returned file in the real window, by keyboard (issue 16): Mijn werk shows "Teruggestuurd" with the remarks,
Enter opens the investigation, read-only fields look and say so, Alt+H reopens, the evaluation is completed,
Alt+A completes again (new report version), Alt+T offers it for review; unchanged, Alt+T asks first."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QPushButton, QWidget

from consulent_app.db import models as m
from consulent_app.services.base import transactie
from tests.factories import Basis
from tests.test_teruggestuurd import OPMERKING, _teruggestuurd
from ui.mainwindow import MainWindow, build_main_window
from ui.onderzoek.stappen import AFRONDEN, GEHOORD
from ui.ops import wacht_op_alles
from ui.pages.onderzoek import OnderzoekPagina

pytestmark = [pytest.mark.ui, pytest.mark.gui_vrij]
ALT = Qt.KeyboardModifier.AltModifier


def _venster(qtbot: Any, basis: Basis, wie: str = "consulent") -> MainWindow:
    if os.environ.get("CONSULENT_SCHERMAFDRUK"):  # screenshots as the user sees them: with the style sheet
        from ui.main import style_sheet

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.setStyleSheet(style_sheet())
    w = build_main_window(basis.ctx, basis[wie])
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    wacht_op_alles(10.0)
    return w


def _antwoord_op_dialoog(qtbot: Any, doe: Callable[[QWidget], None]) -> list[str]:
    """When the next modal dialog appears, let `doe(dialog)` press its keys; returns the dialog's text."""
    gezien: list[str] = []

    def kijk() -> None:
        d = QApplication.activeModalWidget()
        if d is None:
            QTimer.singleShot(20, kijk)
            return
        gezien.append(getattr(d, "text", lambda: "")() or getattr(d, "labelText", lambda: "")())
        doe(d)

        def nog_open() -> None:  # keys that did not reach the dialog must fail the test, not hang it
            if shiboken6.isValid(d) and d.isVisible():
                gezien.append("dialoog bleef open")
                d.close()

        QTimer.singleShot(3000, nog_open)

    QTimer.singleShot(0, kijk)
    return gezien


def _terug_naar(qtbot: Any, w: QWidget) -> None:
    """The offscreen platform does not give the window its activation back after a dialog (a desktop does)."""
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)


def _toch_aanbieden(d: QWidget) -> None:
    """Tab to "Toch aanbieden" and press Space (the default is "Nee")."""
    from PySide6.QtTest import QTest

    knop = next(b for b in d.findChildren(QPushButton) if "aanbieden" in b.text())
    knop.setFocus()
    QTest.keyClick(knop, Qt.Key.Key_Space)


def _status(basis: Basis, model: Any, ident: int) -> str:
    with transactie(basis.ctx) as s:
        return str(s.get(model, ident).status)


def _foto(w: QWidget, naam: str) -> None:
    if os.environ.get("CONSULENT_SCHERMAFDRUK"):
        w.grab().save(os.path.join(os.environ["CONSULENT_SCHERMAFDRUK"], naam))


def test_a_returned_file_is_fixed_by_keyboard_from_mijn_werk_to_ter_toetsing(qtbot: Any, basis: Basis) -> None:
    """Domain brief section 8: the reviewer returns the file with remarks; the consultant completes the report
    (a new version, Wmo 2015 art. 2.3.2 lid 8) and offers it again."""
    _client_id, oid, bid = _teruggestuurd(basis)
    w = _venster(qtbot, basis)
    werk = w.pages["mijn_werk"]
    qtbot.waitUntil(lambda: not werk.bezig, timeout=10_000)
    rijen = werk.tabel.rijen()
    assert [r.soort for r in rijen] == ["teruggestuurd"]
    tekst = [werk.tabel.proxy.index(0, c).data() for c in range(werk.tabel.proxy.columnCount())]
    assert "Teruggestuurd: aanpassen en opnieuw aanbieden" in tekst and f"Toetser: {OPMERKING}" in tekst
    _foto(w, "mijn_werk_teruggestuurd.png")
    werk.tabel.setFocus()
    werk.tabel.selectRow(0)
    qtbot.keyClick(werk.tabel, Qt.Key.Key_Return)
    wacht_op_alles(10.0)
    page = w.pages["onderzoek"]
    assert isinstance(page, OnderzoekPagina)
    qtbot.waitUntil(lambda: page.view is not None and page.view.id == oid, timeout=10_000)
    assert page.balk.isVisible() and OPMERKING in page.balk_tekst.text()
    assert "afgerond op" in page.balk_tekst.text() and "alleen te lezen" in page.balk_tekst.text()
    assert page.heropen_knop.isVisible() and page.aanbied_knop.isVisible()  # amend the report, or the decision

    # Read-only looks read-only and says why; typing is never silently ignored.
    page.ga_naar(GEHOORD)
    wacht_op_alles(10.0)
    veld = page.gehoord.editors["eerdere_hulp_evaluatie"]
    assert isinstance(veld, QPlainTextEdit) and veld.isReadOnly()
    assert veld.property("alleenlezen") is True and "alleen te lezen" in veld.toolTip()
    voor = veld.toPlainText()
    veld.setFocus()
    qtbot.keyClicks(veld, "x")
    assert veld.toPlainText() == voor
    assert "alleen te lezen" in w.statusBar().currentMessage()
    _foto(w, "onderzoek_teruggestuurd_alleen_lezen.png")

    # Alt+H reopens; the reviewer's remark is the proposed reason (Enter accepts it).
    gevraagd = _antwoord_op_dialoog(qtbot, lambda d: qtbot.keyClick(d, Qt.Key.Key_Return))
    qtbot.keyClick(page, Qt.Key.Key_H, ALT)
    wacht_op_alles(10.0)
    qtbot.waitUntil(lambda: page.view is not None and page.view.heropend, timeout=10_000)
    assert gevraagd and "Waarom" in gevraagd[0]
    assert _status(basis, m.Onderzoek, oid) == "heropend"
    assert page.huidig == GEHOORD and not veld.isReadOnly() and veld.property("alleenlezen") is False
    assert "Heropend om aan te passen" in page.balk_tekst.text() and not page.heropen_knop.isVisible()

    # The evaluation of earlier help, typed; then Ctrl+PgDn to Afronden, Alt+A completes, Alt+T offers.
    _terug_naar(qtbot, w)
    veld.setFocus()
    qtbot.keyClick(veld, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(veld, " Thuiszorg tot 2025, stopte bij verhuizing.")
    qtbot.keyClick(veld, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    wacht_op_alles(10.0)
    assert page.huidig == AFRONDEN
    _foto(w, "onderzoek_heropend_afronden.png")
    qtbot.keyClick(page, Qt.Key.Key_A, ALT)
    wacht_op_alles(10.0)
    qtbot.waitUntil(lambda: page.view is not None and page.view.afgerond, timeout=10_000)
    with transactie(basis.ctx) as s:
        o = s.get(m.Onderzoek, oid)
        assert o is not None and o.verslag_versie == 2 and "stopte bij verhuizing" in (o.eerdere_hulp_evaluatie or "")
    qtbot.waitUntil(lambda: page.aanbied_knop.isVisible(), timeout=10_000)
    qtbot.keyClick(page, Qt.Key.Key_T, ALT)  # a mnemonic clicks after a short animation
    qtbot.waitUntil(lambda: _status(basis, m.Beschikking, bid) == "ter_toetsing", timeout=10_000)
    wacht_op_alles(10.0)
    assert "ter toetsing aangeboden" in w.statusBar().currentMessage()


def test_alt_t_on_an_unchanged_returned_decision_asks_and_no_is_the_default(qtbot: Any, basis: Basis) -> None:
    """Domain brief section 8: one key must not silently resubmit a returned file unchanged."""
    _client_id, _oid, bid = _teruggestuurd(basis)
    w = _venster(qtbot, basis)
    w.open_page("toetsing")
    eigen = w.pages["toetsing"]
    qtbot.waitUntil(lambda: not eigen.bezig and eigen.dien_in_knop.isEnabled(), timeout=10_000)
    gevraagd = _antwoord_op_dialoog(qtbot, lambda d: qtbot.keyClick(d, Qt.Key.Key_Return))  # Enter: the default
    qtbot.keyClick(eigen.tabel, Qt.Key.Key_T, ALT)
    wacht_op_alles(10.0)
    qtbot.waitUntil(lambda: bool(gevraagd), timeout=10_000)
    assert "niets veranderd" in gevraagd[0]
    assert _status(basis, m.Beschikking, bid) == "teruggestuurd"
    _terug_naar(qtbot, w)
    gevraagd = _antwoord_op_dialoog(qtbot, _toch_aanbieden)
    qtbot.keyClick(eigen.tabel, Qt.Key.Key_T, ALT)
    wacht_op_alles(10.0)
    qtbot.waitUntil(lambda: _status(basis, m.Beschikking, bid) == "ter_toetsing", timeout=10_000)
    assert gevraagd and "dialoog bleef open" not in gevraagd
