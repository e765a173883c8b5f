"""The review, terms and PO screens as users meet them in the real main window (offscreen)."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from PySide6.QtCore import QPoint, QRect, Qt, QThreadPool
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from consulent_app.db import models as m
from consulent_app.services import toetsing as svc
from consulent_app.services.base import transactie
from tests.factories import Basis
from tests.factories_zaak import VzSpec, maak_open_melding, maak_zaak
from tests.ui.venster_hulp import maak_actief
from ui.mainwindow import MainWindow, build_main_window
from ui.ops import wacht_op_alles
from ui.pages.periodiek import Periodiek
from ui.pages.termijnen import Termijnen
from ui.pages.toetsing import MijnToetsingen, ToetsScherm
from ui.widgets import PIL_ROLE

pytestmark = pytest.mark.ui

VANDAAG = dt.date.today()


@pytest.fixture
def open_pagina(qtbot, basis: Basis):  # type: ignore[no-untyped-def]
    """Log in as `gebruiker`, open page `key` in the main window and wait until it has loaded."""
    vensters: list[MainWindow] = []

    def maak(gebruiker: str, key: str, **params: object):  # type: ignore[no-untyped-def]
        w = build_main_window(basis.ctx, basis[gebruiker])
        qtbot.addWidget(w)
        w.resize(1366, 768)
        w.show()
        w.open_page(key, **params)
        pagina = w.pages[key]
        qtbot.waitUntil(lambda: not pagina.bezig, timeout=10_000)
        vensters.append(w)
        return pagina

    yield maak
    QThreadPool.globalInstance().waitForDone(10_000)


def _ter_toetsing(basis: Basis, **kw: object) -> int:
    zaak = maak_zaak(basis, melding_datum=VANDAAG - dt.timedelta(days=30), aanvraag_datum=VANDAAG - dt.timedelta(days=5),
                     **kw)  # type: ignore[arg-type]
    assert zaak.beschikking_id is not None
    svc.dien_in_voor_toetsing(basis.ctx, basis["consulent"], zaak.beschikking_id)
    return zaak.beschikking_id


def _status(basis: Basis, bid: int) -> str:
    with transactie(basis.ctx) as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        return b.status


def _wacht(qtbot, pagina) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not pagina.bezig, timeout=10_000)


# --- review ----------------------------------------------------------------------------------------------------------


def test_reviewer_sees_report_decision_and_automatic_check(qtbot, basis: Basis, open_pagina) -> None:  # type: ignore[no-untyped-def]
    """Domain brief section 8: the review screen shows the report, the draft decision and the automatic check."""
    bid = _ter_toetsing(basis, voorzieningen=[VzSpec("BG", plan_verwacht_op=VANDAAG + dt.timedelta(days=40))])
    pagina: ToetsScherm = open_pagina("toetser", "toetsing", beschikking_id=bid)
    assert pagina.werk.isVisible() and not pagina.leeg.isVisible()
    assert "Maria Janssen" in pagina.info.text() and "opgesteld door Consulent" in pagina.info.text()
    assert "Bruto / gedekt / netto" in pagina.verslag.toPlainText()
    assert "Begeleiding individueel" in pagina.beschikking.toPlainText()
    model = pagina.tabel.bron
    assert model.rowCount() == 13
    controle = {model.index(r, 0).data(): model.index(r, 2).data() for r in range(13)}
    assert controle["4"] == "In orde" and controle["5"] == "In orde" and controle["13"] == "In orde"
    assert model.index(3, 2).data(PIL_ROLE) == "groen"


def test_the_score_editor_is_as_high_for_every_criterion_of_a_file(qtbot, basis: Basis, open_pagina) -> None:  # type: ignore[no-untyped-def]
    """The score editor under the criteria took the height of each criterion's texts (141-177 px: a title,
    explanation or finding of one or two lines, an explanation or not), so the list above it grew and shrank while
    the reviewer stepped through the criteria. Now it is as high for every criterion of the file, also with a
    refusal shown at one criterion, and the score buttons stay in their place."""
    bid = _ter_toetsing(basis)
    pagina: ToetsScherm = open_pagina("toetser", "toetsing", beschikking_id=bid)
    wacht_op_alles()

    def hoogtes() -> list[tuple[int, int, int]]:
        uit = []
        for rij in range(pagina.tabel.bron.rowCount()):
            pagina.tabel.selectRow(rij)
            for _ in range(3):
                QApplication.processEvents()  # laid out
            knop = pagina.score_knoppen["voldoende"]
            uit.append((pagina.editor.height(), pagina.tabel.height(), knop.mapTo(pagina.editor, QPoint(0, 0)).y()))
        return uit

    gezien = hoogtes()
    assert len({len(r.titel) > 60 for r in pagina.rijen}) == 2 and len({bool(r.toelichting) for r in pagina.rijen}) == 2
    assert len(set(gezien)) == 1, gezien  # editor, list and buttons: the same for every criterion
    pagina.tabel.selectRow(10)
    for _ in range(3):
        QApplication.processEvents()
    pagina.grab().save("/tmp/toetsing_editor.png")
    # A refusal at one criterion (approving with criterion 7 open): still one height for all.
    for nr in range(1, 14):
        pagina.zet_score(nr, "voldoende")
    pagina.rijen[6].score = None
    pagina.beoordeel("goedgekeurd")
    wacht_op_alles()
    assert pagina.crit_fout.isVisible()
    met_fout = hoogtes()
    assert len(set(met_fout)) == 1, met_fout


def test_approve_refused_until_every_criterion_scored_then_approved(qtbot, basis: Basis, open_pagina) -> None:  # type: ignore[no-untyped-def]
    """Toetsingskader: approving needs every criterion scored; the missing one is shown at its row."""
    bid = _ter_toetsing(basis)
    pagina: ToetsScherm = open_pagina("toetser", "toetsing", beschikking_id=bid)
    for nr in range(1, 13):
        pagina.zet_score(nr, "voldoende")
    pagina.zet_score(13, "nvt")
    pagina.rijen[6].score = None  # criterion 7 left open
    pagina.beoordeel("goedgekeurd")
    wacht_op_alles()  # reviewed on the writer, off the GUI thread
    assert pagina.tabel.currentIndex().row() == 6
    assert pagina.crit_fout.isVisible() and "criterium 7" in pagina.crit_fout.text()
    assert pagina.tabel.bron.index(6, 3).data() == "score nodig"
    assert _status(basis, bid) == "ter_toetsing"

    pagina.score_knoppen["voldoende"].click()  # the reviewer clicks "Voldoende" for criterion 7
    assert pagina.rijen[6].score == "voldoende" and not pagina.crit_fout.isVisible()
    assert "Eindoordeel: <b>voldoende</b>" in pagina.oordeel.text()
    pagina.goed_knop.click()
    wacht_op_alles()
    _wacht(qtbot, pagina)
    assert _status(basis, bid) == "goedgekeurd"
    assert pagina.leeg.isVisible()  # nothing left to review


def test_goedkeuren_en_terugsturen_met_toetsen_zeggen_wat_er_is_gedaan(qtbot, basis: Basis, open_pagina) -> None:  # type: ignore[no-untyped-def]
    """Issue 16: after Alt+G (approve) or Alt+R (return) the screen says which decision went where, and keeps
    saying it above the queue (the next file, or the empty queue) until the next approval or return."""
    eerste = _ter_toetsing(basis)
    tweede = _ter_toetsing(basis, achternaam="Bakker")
    pagina: ToetsScherm = open_pagina("toetser", "toetsing", beschikking_id=eerste)
    maak_actief(qtbot, pagina.window())
    kenmerk = pagina.dossier.kenmerk  # type: ignore[union-attr]
    pagina.tabel.setFocus()
    pagina.tabel.selectRow(0)
    for nr in range(1, 13):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # &Voldoende
        qtbot.waitUntil(lambda n=nr: pagina.rijen[n - 1].score == "voldoende", timeout=2_000)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert all(r.score for r in pagina.rijen)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # &Goedkeuren
    qtbot.waitUntil(lambda: _status(basis, eerste) == "goedgekeurd", timeout=10_000)
    qtbot.waitUntil(pagina.gedaan.isVisible, timeout=10_000)  # said once the write is back on the GUI thread
    assert pagina.gedaan.text() == (f"Beschikking {kenmerk} (Maria Janssen) is goedgekeurd en gaat naar de "
                                    "administratie voor verzending.")
    qtbot.waitUntil(lambda: pagina.dossier is not None and pagina.dossier.beschikking_id == tweede, timeout=10_000)
    assert pagina.gedaan.isVisible()  # the next file is open, the message stays

    pagina.opmerkingen.setFocus()
    qtbot.keyClicks(pagina.opmerkingen, "Vul de bruto-hulp aan met koken.")
    qtbot.keyClick(pagina.opmerkingen, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Te&rugsturen
    qtbot.waitUntil(lambda: _status(basis, tweede) == "teruggestuurd", timeout=10_000)
    qtbot.waitUntil(lambda: "teruggestuurd" in pagina.gedaan.text() and pagina.leeg.isVisible(), timeout=10_000)
    assert "is teruggestuurd naar de consulent, met uw opmerkingen." in pagina.gedaan.text()
    assert "Bakker" in pagina.gedaan.text() and pagina.leeg.isVisible() and pagina.gedaan.isVisible()


def _op_scherm(w: QWidget, *, opnieuw: bool = False) -> QImage:
    """What the window shows of `w` (its backing store, as painted so far); `opnieuw`: the window rendered anew."""
    from PySide6.QtGui import QGuiApplication

    venster = w.window()
    plek = QRect(w.mapTo(venster, QPoint(0, 0)), w.size())
    if opnieuw:
        return venster.grab(plek).toImage().convertToFormat(QImage.Format.Format_RGB32)
    return QGuiApplication.primaryScreen().grabWindow(venster.winId()).toImage().copy(plek) \
        .convertToFormat(QImage.Format.Format_RGB32)


def test_the_work_area_comes_with_the_first_file_whole_and_reachable_only_then(qtbot, basis: Basis) -> None:  # type: ignore[no-untyped-def]
    """Issue 13: the work area is built while the screen is already shown, but the reviewer never sees it empty
    or half painted, and Tab never walks into it before a file is in it; once the file is there, what is on screen
    is the whole work area with that file, and Tab goes on from the heading into it."""
    _ter_toetsing(basis)
    w = build_main_window(basis.ctx, basis["toetser"])
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    assert wacht_op_alles()
    maak_actief(qtbot, w)
    w.open_page("toetsing")
    pagina = w.pages["toetsing"]
    assert isinstance(pagina, ToetsScherm)
    leeg_vlak: QImage | None = None
    while True:
        qtbot.wait(1)
        if pagina.dossier is not None:
            break
        if pagina.isVisible() and pagina.werk.isVisible():
            assert not pagina.werk.isEnabled()  # no Tab or Alt+key into a work area without a file
            focus = QApplication.focusWidget()
            assert focus is None or not pagina.werk.isAncestorOf(focus)
            beeld = _op_scherm(pagina.werk)
            if leeg_vlak is None:
                if len(set(beeld.constBits().tobytes())) <= 4:  # one plain colour: the screen's own first frame
                    leeg_vlak = beeld  # (before it, the window may still show the screen before)
            else:
                assert beeld == leeg_vlak  # nothing of the work area is painted before its file is in it
    assert leeg_vlak is not None
    assert wacht_op_alles()
    qtbot.wait(20)
    assert _op_scherm(pagina.werk) == _op_scherm(pagina.werk, opnieuw=True)  # all of it painted, with the file
    assert pagina.werk.isEnabled() and QApplication.focusWidget() in (pagina.keuze, pagina.tabel)
    qtbot.keyClick(pagina.keuze, Qt.Key.Key_Tab)  # past the two buttons beside the file's line, into the case
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is pagina.tabs.tabBar()
    assert "Maria Janssen" in pagina.info.text() and pagina.tabel.bron.rowCount() == 13


def test_the_next_file_shows_its_own_case_criteria_and_is_the_one_approved(qtbot, basis: Basis, open_pagina) -> None:  # type: ignore[no-untyped-def]
    """Choosing another file shows its case and then its criteria (a turn later); scores and approval go to the
    file whose criteria are shown, never to the one before."""
    eerste = _ter_toetsing(basis)
    tweede = _ter_toetsing(basis, achternaam="Bakker")
    pagina: ToetsScherm = open_pagina("toetser", "toetsing", beschikking_id=eerste)
    pagina.zet_score(1, "matig", "Te kort")
    pagina.keuze.setCurrentIndex(pagina.keuze.findData(tweede))
    assert pagina.dossier is not None and pagina.dossier.beschikking_id == eerste  # until the next file is read
    assert wacht_op_alles()
    _wacht(qtbot, pagina)
    assert pagina.dossier is not None and pagina.dossier.beschikking_id == tweede
    assert "Bakker" in pagina.info.text() and "Bakker" in pagina.verslag.toPlainText()
    assert all(r.score != "matig" for r in pagina.rijen) and pagina.opmerking.toPlainText() == ""
    qtbot.wait(20)
    assert _op_scherm(pagina.werk) == _op_scherm(pagina.werk, opnieuw=True)  # the new file painted, all of it
    for nr in range(1, 13):
        pagina.zet_score(nr, "voldoende")
    pagina.zet_score(13, "nvt")
    pagina.goed_knop.click()
    assert wacht_op_alles()
    assert _status(basis, tweede) == "goedgekeurd" and _status(basis, eerste) == "ter_toetsing"


def test_return_needs_remarks_and_consultant_sees_them(qtbot, basis: Basis, open_pagina, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Domain brief section 8: return with remarks; the consultant sees them on the Toetsing screen."""
    bid = _ter_toetsing(basis)
    pagina: ToetsScherm = open_pagina("toetser", "toetsing", beschikking_id=bid)
    pagina.terug_knop.click()
    wacht_op_alles()
    assert pagina.opm_fout.isVisible() and "aanpassen" in pagina.opm_fout.text()
    assert _status(basis, bid) == "ter_toetsing"
    pagina.zet_score(5, "onvoldoende", "Koken ontbreekt in de bruto-hulp.")
    pagina.opmerkingen.setPlainText("Vul de bruto-hulp aan met koken.")
    pagina.terug_knop.click()
    wacht_op_alles()
    _wacht(qtbot, pagina)
    assert _status(basis, bid) == "teruggestuurd"

    eigen: MijnToetsingen = open_pagina("consulent", "toetsing")
    assert eigen.tabel.bron.rowCount() == 1
    assert eigen.tabel.bron.index(0, 0).data() == "Teruggestuurd"
    qtbot.waitUntil(lambda: "Vul de bruto-hulp aan met koken." in eigen.details.toPlainText(), timeout=10_000)
    tekst = eigen.details.toPlainText()
    assert "Koken ontbreekt in de bruto-hulp." in tekst
    assert "Automatische controle: niets ontbreekt" in tekst
    assert eigen.dien_in_knop.isEnabled()
    gevraagd: list[str] = []  # nothing changed since the return: offering it again asks first (issue 16)
    monkeypatch.setattr("ui.toetsing_aanbieden.vraag_ongewijzigd", lambda _p, tekst: gevraagd.append(tekst) or True)
    eigen.dien_in_knop.click()
    wacht_op_alles()
    _wacht(qtbot, eigen)
    assert gevraagd and "niets veranderd" in gevraagd[0]
    assert _status(basis, bid) == "ter_toetsing"


def test_reviewer_never_sees_own_decision(qtbot, basis: Basis, open_pagina) -> None:  # type: ignore[no-untyped-def]
    """Four eyes: a decision the reviewer wrote is not offered for review."""
    bid = _ter_toetsing(basis)
    with transactie(basis.ctx) as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        b.auteur_id = basis["toetser"].gebruiker_id
    pagina: ToetsScherm = open_pagina("toetser", "toetsing")
    assert pagina.leeg.isVisible() and pagina.keuze.count() == 0


def test_submit_refused_without_end_date_shows_reason(qtbot, basis: Basis, open_pagina) -> None:  # type: ignore[no-untyped-def]
    """Domain brief section 7: the consultant sees why a decision without end date or PO cannot go to review."""
    zaak = maak_zaak(basis, voorzieningen=[VzSpec("HH", po_datum=None, einddatum=None)])
    eigen: MijnToetsingen = open_pagina("consulent", "toetsing")
    qtbot.waitUntil(lambda: "vul eerst aan" in eigen.details.toPlainText(), timeout=10_000)
    assert "10. Aard, omvang en duur" in eigen.details.toPlainText()  # seen before offering, not after a return
    eigen.dien_in()
    wacht_op_alles()
    assert eigen.fout.isVisible() and "einddatum" in eigen.fout.text()
    assert zaak.beschikking_id is not None and _status(basis, zaak.beschikking_id) == "concept"


# --- terms -----------------------------------------------------------------------------------------------------------


def test_terms_list_and_suspend_from_the_list(qtbot, basis: Basis, open_pagina) -> None:  # type: ignore[no-untyped-def]
    """Awb 4:15 from the Termijnen screen: bad input at the field, then the row shows 'opgeschort'."""
    maak_open_melding(basis, datum=VANDAAG - dt.timedelta(days=50), achternaam="Laat")
    maak_zaak(basis, achternaam="Ruim", melding_datum=VANDAAG - dt.timedelta(days=20),
              aanvraag_datum=VANDAAG - dt.timedelta(days=1), beschikking=None)
    pagina: Termijnen = open_pagina("consulent", "termijnen")
    rijen = pagina.tabel.rijen()
    assert [r.client for r in rijen] == ["Maria Laat", "Maria Ruim"]
    assert pagina.tabel.bron.index(0, 0).data() == "termijn overschreden"
    assert pagina.tabel.bron.index(0, 0).data(PIL_ROLE) == "rood"

    pagina.niet_modaal = True
    pagina.tabel.selectRow(1)
    dlg = pagina.opschorten()
    assert dlg is not None
    f = dlg.formulier
    assert f.editor("soort").currentData() == "aanvulling"  # type: ignore[attr-defined]
    assert f.editor("uiterlijk").isVisibleTo(dlg) and not f.editor("eind").isVisibleTo(dlg)
    f.editor("uiterlijk").setText("")  # type: ignore[attr-defined]
    dlg.bevestig()
    wacht_op_alles()  # the dialog's action runs off the GUI thread
    assert "Awb 4:5" in f.fout_bij("uiterlijk")
    f.editor("uiterlijk").zet_datum(VANDAAG + dt.timedelta(days=14))  # type: ignore[attr-defined]
    f.editor("start").zet_datum(VANDAAG - dt.timedelta(days=1))  # type: ignore[attr-defined]
    dlg.formulier.editor("reden").setPlainText("")  # type: ignore[attr-defined]
    dlg.bevestig()
    wacht_op_alles()  # the dialog's action runs off the GUI thread
    assert "verplicht" in dlg.formulier.fout_bij("reden")
    dlg.formulier.editor("reden").setPlainText("Wacht op advies ergotherapeut.")  # type: ignore[attr-defined]
    dlg.bevestig()
    wacht_op_alles()  # the dialog's action runs off the GUI thread
    assert dlg.result() == dlg.DialogCode.Accepted
    _wacht(qtbot, pagina)
    ruim = next(r for r in pagina.tabel.rijen() if r.client == "Maria Ruim")
    assert ruim.opgeschort and ruim.status_tekst.startswith("opgeschort sinds")
    pagina.tabel.selectRow(pagina.tabel.rijen().index(ruim))
    qtbot.waitUntil(lambda: "Awb 4:15 lid 1 onder a" in pagina.detail.text(), timeout=10_000)
    assert "Wacht op advies ergotherapeut." in pagina.detail.text() and "loopt nog" in pagina.detail.text()
    assert "1 dag opgeschort" in pagina.detail.text()


# --- periodic re-examination -----------------------------------------------------------------------------------------


def test_complete_po_requires_next_date_in_the_dialog(qtbot, basis: Basis, open_pagina) -> None:  # type: ignore[no-untyped-def]
    """The 2020 loophole in the window: completing 'ongewijzigd' without a next date is refused at the field."""
    start = VANDAAG - relativedelta(years=1)
    zaak = maak_zaak(basis, beschikking="verzonden", verzonden_op=start - dt.timedelta(days=5),
                     melding_datum=start - dt.timedelta(days=60), aanvraag_datum=start - dt.timedelta(days=20),
                     po_consulent=True,
                     voorzieningen=[VzSpec("HH", startdatum=start, po_datum=VANDAAG - dt.timedelta(days=3))])
    pagina: Periodiek = open_pagina("consulent", "po")
    assert [r.status_tekst for r in pagina.tabel.rijen()] == ["te laat"]
    pagina.niet_modaal = True
    pagina.tabel.selectRow(0)
    pagina.afronden()  # also what Enter on the PO in "Mijn werk" opens (page key "po", po_id=...)
    qtbot.waitUntil(lambda: pagina.afrond_dialoog is not None, timeout=10_000)  # the PO is read off the GUI thread
    dlg = pagina.afrond_dialoog
    f = dlg.formulier
    f.editor("uitkomst").setCurrentIndex(f.editor("uitkomst").findData("ongewijzigd"))  # type: ignore[attr-defined]
    f.editor("verslag").setPlainText("Situatie gelijk gebleven.")  # type: ignore[attr-defined]
    dlg.bevestig()
    wacht_op_alles()  # the dialog's action runs off the GUI thread
    assert "volgende periodiek onderzoek" in f.fout_bij("volgende_po_datum")
    f.editor("volgende_po_datum").zet_datum(VANDAAG + relativedelta(months=6))  # type: ignore[attr-defined]
    dlg.bevestig()
    wacht_op_alles()  # the dialog's action runs off the GUI thread
    assert dlg.result() == dlg.DialogCode.Accepted
    _wacht(qtbot, pagina)
    assert [(r.status_tekst, r.datum) for r in pagina.tabel.rijen()] == [("gepland", VANDAAG + relativedelta(months=6))]
    with transactie(basis.ctx) as s:
        po = s.scalars(select(m.PeriodiekOnderzoek).where(m.PeriodiekOnderzoek.id == zaak.po_ids[0])).one()
        assert po.uitkomst == "ongewijzigd"


def test_pdf_tab_shows_the_letter_as_printed(qtbot, basis: Basis, open_pagina) -> None:  # type: ignore[no-untyped-def]
    """The reviewer sees the decision letter exactly as the documents package will print it."""
    from PySide6.QtPdfWidgets import QPdfView

    bid = _ter_toetsing(basis)
    pagina: ToetsScherm = open_pagina("toetser", "toetsing", beschikking_id=bid)
    pagina.tabs.setCurrentWidget(pagina.pdf_tab)
    qtbot.waitUntil(lambda: pagina.pdf_tab.findChild(QPdfView) is not None
                    or "kan nog niet" in pagina.pdf_tab.melding.text(), timeout=15_000)
    assert pagina.pdf_tab.findChild(QPdfView) is not None, pagina.pdf_tab.melding.text()


def test_pdf_tab_zoomt_met_knoppen_en_toetsen(qtbot, basis: Basis, open_pagina) -> None:  # type: ignore[no-untyped-def]
    """Issue 16: the letter in Toetsing opens fit to the page width; Ctrl++ and Ctrl+- zoom from the tab bar and
    from the page, 'Hele pagina' shows a whole page, Ctrl+0 goes back to the page width; the factor is shown."""
    from PySide6.QtPdfWidgets import QPdfView

    bid = _ter_toetsing(basis)
    pagina: ToetsScherm = open_pagina("toetser", "toetsing", beschikking_id=bid)
    pagina.tabs.tabBar().setFocus()
    qtbot.keyClick(pagina.tabs.tabBar(), Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # the &PDF tab
    qtbot.waitUntil(lambda: pagina.pdf_tab.weergave is not None, timeout=15_000)
    wg = pagina.pdf_tab.weergave
    qtbot.waitUntil(lambda: wg.view.viewport().width() > 200, timeout=5_000)
    assert wg.view.zoomMode() == QPdfView.ZoomMode.FitToWidth and wg.breedte_knop.isChecked()
    breed = wg.zoomfactor()
    assert wg.zoom_label.text() == f"{round(breed * 100)} %"

    focus = QApplication.focusWidget()
    qtbot.keyClick(focus, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert wg.view.zoomMode() == QPdfView.ZoomMode.Custom and not wg.breedte_knop.isChecked()
    assert wg.zoomfactor() == pytest.approx(breed * 1.25)
    qtbot.keyClick(wg.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert wg.zoomfactor() == pytest.approx(breed * 1.25 * 1.25)
    assert wg.zoom_label.text() == f"{round(breed * 156.25)} %"
    qtbot.keyClick(wg.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert wg.zoomfactor() == pytest.approx(breed * 1.25)

    wg.pagina_knop.setFocus()
    qtbot.keyClick(wg.pagina_knop, Qt.Key.Key_Space)
    assert wg.view.zoomMode() == QPdfView.ZoomMode.FitInView and wg.pagina_knop.isChecked()
    assert wg.zoomfactor() < breed  # a whole A4 page in a landscape pane is smaller than the width
    qtbot.keyClick(wg.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert wg.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    qtbot.keyClick(wg.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert wg.zoomfactor() == pytest.approx(breed / 1.25)

    # Readable at 1366 x 768: the side pane shows a page at half size, Ctrl+Shift+G opens it as large as the screen.
    qtbot.keyClick(wg.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    venster = wg.venster
    qtbot.waitUntil(lambda: venster.isVisible() and venster.view.viewport().width() > 600, timeout=5_000)
    assert venster.weergave.zoomfactor() > 1.5 * breed
    maak_actief(qtbot, venster)
    qtbot.keyClick(venster.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert venster.weergave.view.zoomMode() == QPdfView.ZoomMode.Custom
    venster.reject()


def test_po_from_my_work_opens_with_that_po_selected(qtbot, basis: Basis, open_pagina) -> None:  # type: ignore[no-untyped-def]
    """Domain brief section 7: from the consultant's work list a PO opens on the PO screen, ready to complete."""
    start = VANDAAG - relativedelta(years=1)
    maak_zaak(basis, achternaam="Eerste", beschikking="verzonden", verzonden_op=start - dt.timedelta(days=5),
              melding_datum=start - dt.timedelta(days=60), aanvraag_datum=start - dt.timedelta(days=20),
              po_consulent=True, voorzieningen=[VzSpec("HH", startdatum=start, po_datum=VANDAAG + dt.timedelta(days=3))])
    tweede = maak_zaak(basis, achternaam="Tweede", beschikking="verzonden", verzonden_op=start - dt.timedelta(days=5),
                       melding_datum=start - dt.timedelta(days=60), aanvraag_datum=start - dt.timedelta(days=20),
                       po_consulent=True,
                       voorzieningen=[VzSpec("HH", startdatum=start, po_datum=VANDAAG + dt.timedelta(days=9))])
    w = build_main_window(basis.ctx, basis["consulent"])
    qtbot.addWidget(w)
    w.show()
    w.open_page("po")
    pagina: Periodiek = w.pages["po"]  # type: ignore[assignment]
    qtbot.waitUntil(lambda: not pagina.bezig, timeout=10_000)
    pagina.niet_modaal = True
    w.open_page("po", po_id=tweede.po_ids[0])
    qtbot.waitUntil(lambda: not pagina.bezig, timeout=10_000)
    gekozen = pagina.tabel.huidige_rij()
    assert gekozen is not None and gekozen.client == "Maria Tweede"
    QThreadPool.globalInstance().waitForDone(10_000)


def test_scoring_with_the_keyboard(qtbot, basis: Basis, open_pagina) -> None:  # type: ignore[no-untyped-def]
    """Keyboard-friendly review: Alt+V scores the selected criterion, Ctrl+Down moves to the next one."""
    from PySide6.QtCore import Qt

    bid = _ter_toetsing(basis)
    pagina: ToetsScherm = open_pagina("toetser", "toetsing", beschikking_id=bid)
    pagina.window().activateWindow()
    pagina.tabel.setFocus()
    qtbot.keyClick(pagina.tabel, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: pagina.rijen[0].score == "voldoende", timeout=3000)  # a mnemonic clicks animated
    qtbot.keyClick(pagina.tabel, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert pagina.tabel.currentIndex().row() == 1
    qtbot.keyClick(pagina.tabel, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: pagina.rijen[1].score == "matig", timeout=3000)


def test_a_score_and_remark_given_in_the_next_file_are_shown_and_sent(qtbot, basis: Basis, open_pagina) -> None:  # type: ignore[no-untyped-def]
    """Two files with the same automatic findings: the list of the second keeps the rows it already had (they are
    equal), and a score clicked and a remark typed for a criterion of the second file still show in its row and go
    with the return (the remark was lost, and the row kept saying 'nog geen score')."""
    eerste = _ter_toetsing(basis)
    tweede = _ter_toetsing(basis, achternaam="Bakker")
    pagina: ToetsScherm = open_pagina("toetser", "toetsing", beschikking_id=eerste)
    pagina.keuze.setCurrentIndex(pagina.keuze.findData(tweede))
    assert wacht_op_alles()
    _wacht(qtbot, pagina)
    assert pagina.dossier is not None and pagina.dossier.beschikking_id == tweede
    pagina.tabel.selectRow(1)
    pagina.score_knoppen["matig"].click()
    qtbot.keyClicks(pagina.opmerking, "Netwerk niet nagevraagd")
    assert pagina.tabel.bron.index(1, 3).data() == "Matig"
    assert pagina.rijen[1].score == "matig" and pagina.rijen[1].opmerking == "Netwerk niet nagevraagd"
    pagina.opmerkingen.setPlainText("Vraag het netwerk na.")
    pagina.terug_knop.click()
    assert wacht_op_alles()
    assert _status(basis, tweede) == "teruggestuurd"
    views = svc.toetsingen_van(basis.ctx, basis["consulent"], tweede)
    score = next(s for s in views[0].scores if s.criterium == 2)
    assert score.score_label == "Matig" and score.toelichting == "Netwerk niet nagevraagd"
