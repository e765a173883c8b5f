"""Nothing cut off at 1366x768 (issue 16): provider and "Persoonsgebonden budget (pgb)" in step 7, kenmerk and names
in Toetsing, the team in the window's header and the dossier, the columns of Beheer. Measured with the widget's own
font against the room it has, on the demo data."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QComboBox, QLabel, QStyle, QStyleOptionComboBox

from consulent_app.services.base import AppContext, actor_by_username
from tests.ui.test_sneltoetsen import _openingen, _rust, demo  # noqa: F401 - the demo database fixture
from ui.main import maak_app
from ui.mainwindow import MainWindow, build_main_window
from ui.tablemodels import Tabel
from ui.widgets import PIL_ROLE

pytestmark = pytest.mark.ui


def _venster(qtbot: Any, ctx: AppContext, gebruiker: str) -> MainWindow:
    maak_app()  # the program's font and style sheet: they decide what fits
    w = build_main_window(ctx, actor_by_username(ctx, gebruiker))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    _rust()
    return w


def combo_past(box: QComboBox) -> bool:
    """The chosen text fits the combo's text area (else Qt cuts it off at the right)."""
    opt = QStyleOptionComboBox()
    box.initStyleOption(opt)
    veld = box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField,
                                      box)
    return box.fontMetrics().horizontalAdvance(box.currentText()) <= veld.width()


def label_past(lab: QLabel) -> bool:
    return lab.wordWrap() or lab.fontMetrics().horizontalAdvance(lab.text()) <= lab.contentsRect().width()


def afgekapte_cellen(tabel: Tabel) -> list[str]:
    """Cells of the columns that do not stretch whose text does not fit (the stretch column may elide: it gets what
    is left, with a tooltip). A cell's text has its width less the padding of style.qss (0 8px) and Qt's text
    margin on each side (PM_FocusFrameHMargin + 1)."""
    marge = 16 + 2 * (tabel.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tabel) + 1)
    fm = tabel.fontMetrics()
    uit = []
    for c, kol in enumerate(tabel.bron.kolommen):
        if kol.rek:
            continue
        for r in range(tabel.proxy.rowCount()):
            index = tabel.proxy.index(r, c)
            if index.data(PIL_ROLE):
                continue  # a pill draws its own text, elided to its own width
            if fm.horizontalAdvance(str(index.data() or "")) + marge > tabel.columnWidth(c):
                uit.append(f"{kol.titel}: {index.data()}")
    return uit


def test_stap_7_toont_pgb_en_de_naam_van_de_aanbieder_heel(qtbot, demo: AppContext) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    w = _venster(qtbot, demo, "consulent")
    w.open_page("onderzoek", **_openingen(demo, "consulent")["onderzoek"][0])
    page = w.pages["onderzoek"]
    _rust(page)
    page.ga_naar(7, bewaar=False)
    _rust(page)
    form = page.lijsten[7].form
    levering, aanbieder = form.editor("leveringsvorm"), form.editor("aanbieder")
    assert isinstance(levering, QComboBox) and isinstance(aanbieder, QComboBox)
    levering.setCurrentIndex(levering.findData("pgb"))
    assert levering.currentText() == "Persoonsgebonden budget (pgb)" and combo_past(levering)
    namen = [aanbieder.itemText(i) for i in range(aanbieder.count())]
    assert len(namen) > 3
    aanbieder.setCurrentIndex(namen.index(max(namen, key=aanbieder.fontMetrics().horizontalAdvance)))
    assert combo_past(aanbieder), aanbieder.currentText()
    inhoud = page.pagina_stack.currentWidget()
    assert inhoud.widget().width() <= inhoud.viewport().width()  # type: ignore[attr-defined]  # no sideways scroll
    w.close()
    QThreadPool.globalInstance().waitForDone(10_000)


def test_toetsing_toont_kenmerk_en_namen_heel(qtbot, demo: AppContext) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    w = _venster(qtbot, demo, "toetser")
    w.open_page("toetsing")
    page = w.pages["toetsing"]
    _rust(page)
    keuze = page.keuze
    assert keuze.count() > 3
    for i in range(keuze.count()):
        keuze.setCurrentIndex(i)
        assert combo_past(keuze), (keuze.currentText(), keuze.width(), keuze.fontMetrics().horizontalAdvance(keuze.currentText()))
    w.close()
    QThreadPool.globalInstance().waitForDone(10_000)


def test_de_kop_toont_rol_en_het_langste_team_heel(qtbot, demo: AppContext) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    w = _venster(qtbot, demo, "c.hr1")  # Gebiedsteam Heer-De Heeg, the longest team name
    assert w.rol_label.text() == "Consulent · Gebiedsteam Heer-De Heeg"
    assert label_past(w.rol_label)
    w.close()
    QThreadPool.globalInstance().waitForDone(10_000)


def test_beheer_toont_rol_en_team_van_elk_account_heel(qtbot, demo: AppContext) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    w = _venster(qtbot, demo, "beheerder")
    page = w.pages[w.huidige or ""]
    _rust(page)
    tabel = page.gebruikers.tabel  # type: ignore[attr-defined]
    assert tabel.proxy.rowCount() > 20
    assert afgekapte_cellen(tabel) == [], "\n".join(afgekapte_cellen(tabel))
    w.close()
    QThreadPool.globalInstance().waitForDone(10_000)


def test_de_uitsplitsing_achter_een_bedrag_toont_elke_kolom_heel(qtbot, demo: AppContext,  # type: ignore[no-untyped-def]  # noqa: F811
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Financiën: Enter on a row opens the cases behind the figure (a drill-down dialog, 1000 px wide): client,
    team, law, date, costs and provider are shown whole; only the description may elide (its tooltip has it all)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    from ui.pages._overzicht import ZakenDialoog

    gezien: list[list[str]] = []

    def exec_(dlg: QDialog) -> int:
        assert dlg.width() <= 1366 - 40  # never wider than the laptop's screen
        dlg.resize(1300, 600)  # as it opens on a 1366x768 screen (the offscreen test screen is 800x600)
        dlg.show()
        _rust(dlg, ops=False)
        assert isinstance(dlg, ZakenDialoog)
        assert dlg.tabel.proxy.rowCount() > 0
        gezien.append(afgekapte_cellen(dlg.tabel))
        dlg.reject()
        return 0

    monkeypatch.setattr(QDialog, "exec", exec_)
    w = _venster(qtbot, demo, "teamleider")
    w.open_page("financien")
    page = w.pages["financien"]
    _rust(page)
    page.tabel.setFocus()
    page.tabel.setCurrentIndex(page.tabel.proxy.index(0, 0))
    qtbot.keyClick(page.tabel, Qt.Key.Key_Return)
    _rust(page)
    assert gezien == [[]], gezien
    w.close()
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.mark.parametrize("gebruiker", ["consulent", "toetser"])
def test_documenten_toont_de_beschrijving_van_elk_onderzoek_heel(qtbot, demo: AppContext, gebruiker: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    w = _venster(qtbot, demo, gebruiker)
    gezien = 0
    for params in _openingen(demo, gebruiker)["documenten"]:
        w.open_page("documenten", **params)
        page = w.pages["documenten"]
        _rust(page)
        for i in range(page.bron.count()):
            page.bron.setCurrentIndex(i)
            assert combo_past(page.bron), page.bron.currentText()
            gezien += 1
    assert gezien >= 2
    w.close()
    QThreadPool.globalInstance().waitForDone(10_000)
