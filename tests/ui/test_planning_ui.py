"""A planner distributes a week's work in the real window and sees each consultant's load change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QItemSelectionModel, QMimeData, QPointF, Qt, QThreadPool
from PySide6.QtGui import QDropEvent

from consulent_app.db import models as m
from consulent_app.services.base import transactie
from tests.factories import Basis
from tests.overzicht_data import Bouwer
from ui.mainwindow import MainWindow, build_main_window
from ui.pages.werkvoorraad import MIME

pytestmark = pytest.mark.ui

VANDAAG = dt.date.today()


@pytest.fixture
def week(basis: Basis) -> dict[str, int]:
    """This week's inflow of team A: three new meldingen and a PO coming due; consulent already has one case.

    Norm hours: Wmo new 6, Wmo change 2, Jeugd 4, PO 4. Both consultants: 36 h x 75 % = 27 h a week;
    100 % = six weeks = 162 h. consulent starts at 6 h (3.7 %), consulent2 at 0 h.
    """
    ids: dict[str, int] = {}
    with transactie(basis.ctx) as s:
        b = Bouwer(basis, s)
        c1, c2, c3 = b.client("Aerts"), b.client("Bakker"), b.client("Claes")
        ids["nieuw"] = b.melding(c1, datum=VANDAAG - dt.timedelta(days=2),
                                 termijn=VANDAAG + dt.timedelta(days=40))
        ids["wijziging"] = b.melding(c2, soort="wijziging", datum=VANDAAG - dt.timedelta(days=1),
                                     termijn=VANDAAG + dt.timedelta(days=41))
        ids["jeugd"] = b.melding(c3, wet="jeugdwet", datum=VANDAAG - dt.timedelta(days=1))
        a = b.aanvraag(c1, datum=VANDAAG - dt.timedelta(days=700), status="besloten")
        vz = b.voorziening(a, "HH", "3")
        ids["po"] = b.po(vz, VANDAAG + dt.timedelta(days=60))
        b.melding(c2, datum=VANDAAG - dt.timedelta(days=5), status="toegewezen", consulent="consulent",
                  termijn=VANDAAG + dt.timedelta(days=37))
        s.get(m.Gebruiker, basis["consulent2"].gebruiker_id).contracturen = Decimal(36)
    return ids


def _wacht(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not page.bezig, timeout=10_000)


def _scherm(qtbot, basis: Basis, gebruiker: str, key: str, *, laptop: bool = False,  # type: ignore[no-untyped-def]
            wachten: bool = True):
    """The main window of `gebruiker` with screen `key` opened (`laptop`: at 1366x768) and, with `wachten`, its data
    shown."""
    w = build_main_window(basis.ctx, basis[gebruiker])
    qtbot.addWidget(w)
    if laptop:
        w.resize(1366, 768)
    w.show()
    w.open_page(key)
    page = w.pages[key]
    if wachten:
        _wacht(qtbot, page)
    return w, page


def _consulent_rij(page, naam: str) -> int:  # type: ignore[no-untyped-def]
    return next(r for r, c in enumerate(page.consulenten.rijen()) if c.naam == naam)


def _belasting_tekst(page, naam: str) -> str:  # type: ignore[no-untyped-def]
    r = _consulent_rij(page, naam)
    return str(page.consulenten.proxy.index(r, 2).data())


def _kies(page, rijen: list[int]) -> None:  # type: ignore[no-untyped-def]
    sel = page.werk.selectionModel()
    sel.clearSelection()
    for r in rijen:
        sel.select(page.werk.proxy.index(r, 0),
                   QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def test_planner_verdeelt_de_week_en_ziet_de_belasting_veranderen(qtbot, basis: Basis, week: dict[str, int],
                                                                   tmp_path: Path) -> None:
    w: MainWindow = build_main_window(basis.ctx, basis["planner"])
    qtbot.addWidget(w)
    w.show()
    # Werk verdelen is the planner's home and the only work queue in the menu.
    assert w.huidige == "werk_verdelen"
    assert w.menu_titels()[0] == "Werk verdelen" and "Werkvoorraad" not in w.menu_titels()
    page = w.pages["werk_verdelen"]
    _wacht(qtbot, page)

    assert len(page.werk.rijen()) == 4
    assert {c.naam for c in page.consulenten.rijen()} == {"Consulent", "Consulent2"}
    _kies(page, [])
    assert _belasting_tekst(page, "Consulent") == "4 %"  # 6 h of 162 h
    assert _belasting_tekst(page, "Consulent2") == "0 %"

    # Choose the new Wmo melding and the change (6 + 2 = 8 h): the preview shows the effect before assigning.
    rijen = [r for r, item in enumerate(page.werk.rijen()) if item.id in (week["nieuw"], week["wijziging"])
             and item.soort == "melding"]
    _kies(page, rijen)
    assert page.keuze.text() == "2 zaken gekozen, 8 normuren"
    assert _belasting_tekst(page, "Consulent2") == "0 % → 5 %"  # 8 / 162
    page.consulenten.selectRow(_consulent_rij(page, "Consulent2"))
    qtbot.keyClick(page, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    _wacht(qtbot, page)
    assert len(page.werk.rijen()) == 2
    _kies(page, [])
    assert _belasting_tekst(page, "Consulent2") == "5 %"
    assert "2 zaken toegewezen aan Consulent2" in w.statusBar().currentMessage()

    # Drag the rest (Jeugd 4 h + PO 4 h) onto Consulent: 6 + 8 = 14 h = 9 %.
    _kies(page, [0, 1])
    data = QMimeData()
    data.setData(MIME, b"x")
    rect = page.consulenten.visualRect(page.consulenten.proxy.index(_consulent_rij(page, "Consulent"), 0))
    drop = QDropEvent(QPointF(rect.center()), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    page.consulenten.dropEvent(drop)
    _wacht(qtbot, page)
    assert page.werk.rijen() == []
    assert page.leeg.isVisibleTo(page)
    assert _belasting_tekst(page, "Consulent") == "9 %"

    # The load page shows the same, per kind of case.
    w.open_page("belasting")
    bel = w.pages["belasting"]
    _wacht(qtbot, bel)
    rijen_b = {c.naam: c for c in bel.tabel.rijen()}
    assert rijen_b["Consulent"].aantallen == {"nieuw": 1, "bestaande_client": 0, "wijziging": 0, "po": 1, "jeugd": 1}
    assert rijen_b["Consulent2"].aantallen["nieuw"] == 1 and rijen_b["Consulent2"].aantallen["wijziging"] == 1

    # And it exports with real types.
    bel.exporteer(tmp_path / "belasting.xlsx")
    assert bel.shell.ops.wacht()  # written off the GUI thread
    pad = bel.laatste_export
    assert pad is not None
    ws = load_workbook(pad).active
    kop = [c.value for c in ws[3]]
    assert kop[:2] == ["Consulent", "Team"]
    normuren = ws.cell(row=4, column=kop.index("Normuren") + 1)
    assert normuren.data_type == "n"
    QThreadPool.globalInstance().waitForDone(10_000)


def test_onleesbare_periode_geeft_melding_bij_het_veld(qtbot, basis: Basis, week: dict[str, int]) -> None:
    w, page = _scherm(qtbot, basis, "teamleider", "sturing")
    page.filterbalk.van.setText("31-02-2026x")
    page.vernieuw()
    assert page.fout.isVisibleTo(page)
    assert "dd-mm-jjjj" in page.fout.text()
    page.filterbalk.van.setText("01-12-2026")
    page.filterbalk.tot.setText("01-11-2026")
    page.vernieuw()
    assert "vóór de begindatum" in page.fout.text()
    QThreadPool.globalInstance().waitForDone(10_000)


def _typ_en_tab(qtbot, veld, tekst: str) -> None:  # type: ignore[no-untyped-def]
    veld.setFocus()
    qtbot.keyClick(veld, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(veld, tekst)
    qtbot.keyClick(veld, Qt.Key.Key_Tab)


def test_capaciteit_past_productieve_tijd_toe_bij_tab_als_percentage(qtbot, basis: Basis,
                                                                      week: dict[str, int]) -> None:
    """Issue 16: Tab applies a value as Enter does; the productive share is a percentage in the field, in the
    message and in the worked example, which follows the figures typed."""
    w, page = _scherm(qtbot, basis, "planner", "capaciteit", laptop=True)
    _, fout = page.velden_invoer["productiviteit"]
    assert "besteedt 75 %" in page.norm_uitleg.text() and "6,75 dossiers" in page.norm_uitleg.text()
    voor = page.tabel.rijen()[0].benodigde_fte

    _typ_en_tab(qtbot, page.productief, "150")
    _wacht(qtbot, page)
    assert fout.isVisibleTo(page)
    assert "hoogstens 100 %" in fout.text() and "0 en 1" not in fout.text()

    _typ_en_tab(qtbot, page.productief, "0,8")  # a fraction where a percentage is asked: refused, with the example
    _wacht(qtbot, page)
    assert fout.isVisibleTo(page) and "80 voor 80 %" in fout.text()

    _typ_en_tab(qtbot, page.productief, "50")
    _wacht(qtbot, page)
    assert not fout.isVisibleTo(page)
    assert "besteedt 50 % aan dossiers" in page.norm_uitleg.text()
    assert "4,5 dossiers van 4 uur" in page.norm_uitleg.text()  # 36 x 50 % / 4
    na = page.tabel.rijen()[0].benodigde_fte
    assert na == pytest.approx(voor * 75 / 50)

    _typ_en_tab(qtbot, page.fte_week, "32")  # the example follows the hours too
    _wacht(qtbot, page)
    assert "een fte van 32 uur per week" in page.norm_uitleg.text() and "16 uur, genoeg voor 4 dossiers" in page.norm_uitleg.text()
    QThreadPool.globalInstance().waitForDone(10_000)


def test_planner_draagt_zaken_van_een_consulent_over(qtbot, basis: Basis, week: dict[str, int],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Reassigning from the load overview: the case moves, the loads follow, the history records it."""
    from sqlalchemy import select

    from ui.pages.belasting import OverdragenDialoog

    w, page = _scherm(qtbot, basis, "planner", "belasting")
    c1 = next(c for c in page.tabel.rijen() if c.naam == "Consulent")
    assert c1.totaal == 1

    def kies_alles_en_draag_over(dlg: OverdragenDialoog) -> int:
        assert dlg.naar.currentText().startswith("Consulent2")
        dlg.tabel.selectAll()
        dlg.knop.click()
        qtbot.waitUntil(lambda: dlg.tabel.rijen() == [], timeout=10_000)  # handed over off the GUI thread
        assert dlg.overgedragen == 1
        return 0

    monkeypatch.setattr(OverdragenDialoog, "exec", kies_alles_en_draag_over)
    page.open_zaken(c1)
    assert w.ops.wacht()  # the cases are read, handed over and the list read again, all off the GUI thread
    _wacht(qtbot, page)
    na = {c.naam: c for c in page.tabel.rijen()}
    assert na["Consulent"].totaal == 0 and na["Consulent2"].totaal == 1
    assert "1 zaak overgedragen aan Consulent2" in w.statusBar().currentMessage()
    with transactie(basis.ctx) as s:
        details = s.scalars(select(m.AuditEvent.details).where(m.AuditEvent.object_type == "melding",
                                                               m.AuditEvent.actie == "wijzigen")).all()
    c2 = basis["consulent2"].gebruiker_id
    assert details == [f"toegewezen: gebruiker#{basis['consulent'].gebruiker_id} -> gebruiker#{c2}"]
    QThreadPool.globalInstance().waitForDone(10_000)


def test_werk_verdelen_zegt_de_termijn_met_de_woorden_van_de_andere_lijsten(qtbot, basis: Basis) -> None:
    """The pill in Werk verdelen names an overdue term as the other work lists do ("overschreden", not "te laat"),
    one close to its end "verloopt", and one far away "uiterlijk"; colour is never the only signal."""
    with transactie(basis.ctx) as s:
        b = Bouwer(basis, s)
        b.melding(b.client("Aerts"), datum=VANDAAG - dt.timedelta(days=50), termijn=VANDAAG - dt.timedelta(days=3))
        b.melding(b.client("Bakker"), datum=VANDAAG - dt.timedelta(days=40), termijn=VANDAAG + dt.timedelta(days=1))
        b.melding(b.client("Claes"), datum=VANDAAG - dt.timedelta(days=1), termijn=VANDAAG + dt.timedelta(days=40))
    w: MainWindow = build_main_window(basis.ctx, basis["planner"])
    qtbot.addWidget(w)
    w.show()
    page = w.pages["werk_verdelen"]
    _wacht(qtbot, page)
    teksten = {str(page.werk.proxy.index(r, 2).data()): str(page.werk.proxy.index(r, 0).data())
               for r in range(page.werk.proxy.rowCount())}
    assert {naam.split()[-1]: tekst.split()[0] for naam, tekst in teksten.items()} == {
        "Aerts": "overschreden", "Bakker": "verloopt", "Claes": "uiterlijk"}, teksten


def test_the_cases_behind_a_row_of_sturing_and_vooruitblik_are_read_off_the_gui_thread(
        qtbot, basis: Basis, week: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """Enter on a row of Sturing or Vooruitblik opens the cases behind it; they are read through the operation
    layer (the GUI-thread SQL hook of tests/ui/conftest.py fails the test otherwise), then shown in a dialog."""
    from ui.ops import wacht_op_alles
    from ui.pages._overzicht import ZakenDialoog

    geopend: list[tuple[str, int]] = []
    monkeypatch.setattr(ZakenDialoog, "exec",
                        lambda self: geopend.append((self.windowTitle(), self.tabel.model().rowCount())) or 0)
    w, page = _scherm(qtbot, basis, "teamleider", "sturing")
    page.tabs.setCurrentWidget(page.kosten)
    wacht_op_alles()
    _wacht(qtbot, page)
    tabel = page.kosten.tabel
    assert tabel.model().rowCount() > 0, "no costs rows: the test would prove nothing"
    tabel.setFocus()
    tabel.selectRow(0)
    qtbot.keyClick(tabel, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(geopend) == 1, timeout=10_000)
    assert geopend[0][0] == tabel.rijen()[0].label and geopend[0][1] > 0

    w.open_page("vooruitblik")
    vb = w.pages["vooruitblik"]
    _wacht(qtbot, vb)
    wacht_op_alles()
    assert vb.tabel.model().rowCount() > 0, "no months: the test would prove nothing"
    vb.tabel.setFocus()
    vb.tabel.selectRow(0)
    qtbot.keyClick(vb.tabel, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(geopend) == 2, timeout=10_000)
    assert vb.tabel.rijen()[0].team in geopend[1][0]
    wacht_op_alles()


def test_werk_verdelen_shows_both_lists_whole_on_a_1366_by_768_laptop(qtbot, basis: Basis) -> None:
    """At 1366 x 768 the work queue cut its "Uren" column and both panes scrolled sideways: now every column of
    both lists is in view with its header, the term pills whole; sorted on a number column, its header gets the
    room for the sort arrow back and the queue still needs no sideways scroll."""
    from ui.main import maak_app
    from ui.ops import wacht_op_alles

    maak_app()  # the program's font and style sheet: they decide what fits
    with transactie(basis.ctx) as s:
        b = Bouwer(basis, s)
        for i, naam in enumerate(("Aerts", "Bakker-Vermeulen", "Claessens-Notermans", "Dassen")):
            c = b.client(naam)
            b.melding(c, datum=VANDAAG - dt.timedelta(days=50 + i), termijn=VANDAAG - dt.timedelta(days=3))
            b.melding(c, soort="wijziging", datum=VANDAAG - dt.timedelta(days=5))
            a = b.aanvraag(c, datum=VANDAAG - dt.timedelta(days=900), status="besloten")
            b.po(b.voorziening(a, "HH", "3"), VANDAAG - dt.timedelta(days=600 + i))  # overdue: 600 days
        for i in range(20):  # a queue longer than the pane: its vertical scroll bar takes room too
            b.melding(b.client(f"Janssen {i}"), datum=VANDAAG - dt.timedelta(days=10))
    w: MainWindow = build_main_window(basis.ctx, basis["planner"])
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    page = w.pages["werk_verdelen"]
    _wacht(qtbot, page)
    wacht_op_alles()

    def heel(tabel) -> None:  # type: ignore[no-untyped-def]
        kop = tabel.horizontalHeader()
        assert kop.length() <= tabel.viewport().width(), [kop.sectionSize(i) for i in range(kop.count())]
        assert not tabel.horizontalScrollBar().isVisible()
        for i in range(kop.count()):
            assert kop.sectionSize(i) >= 60
            tekst = str(tabel.model().headerData(i, Qt.Orientation.Horizontal))
            assert kop.sectionSize(i) >= tabel.fontMetrics().horizontalAdvance(tekst) + 8, tekst

    for tabel in (page.werk, page.consulenten):
        heel(tabel)
    uren = page.werk.horizontalHeader()
    assert page.werk.model().headerData(4, Qt.Orientation.Horizontal) == "Uren"
    assert uren.sectionViewportPosition(4) + uren.sectionSize(4) <= page.werk.viewport().width()
    pil = page.werk.proxy.index(0, 0)
    assert page.werk.columnWidth(0) >= page.werk.fontMetrics().horizontalAdvance(str(pil.data())) + 20
    page.werk.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # Dagen
    heel(page.werk)
    assert uren.sectionSize(3) >= page.werk._kop_breedte[3]  # room for the arrow beside "Dagen"


def test_f5_on_po_planning_keeps_the_chosen_row_the_sort_and_the_month_buttons(qtbot, basis: Basis) -> None:
    """Read again with nothing changed (F5), PO-planning keeps what the planner was doing: the row chosen, the
    column sorted on, the month strip as it was (its buttons updated in place, not made anew); a PO planned
    elsewhere comes in with the rest still chosen."""
    from ui.ops import wacht_op_alles

    with transactie(basis.ctx) as s:
        b = Bouwer(basis, s)
        for i, naam in enumerate(("Aerts", "Bakker", "Claes", "Dassen", "Evers")):
            a = b.aanvraag(b.client(naam), datum=VANDAAG - dt.timedelta(days=700), status="besloten")
            b.po(b.voorziening(a, "HH", "3"), VANDAAG + dt.timedelta(days=20 + 30 * i))
    w, page = _scherm(qtbot, basis, "planner", "po")
    wacht_op_alles()
    tabel = page.tabel
    tabel.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # Cliënt
    tabel.selectRow(2)
    gekozen = tabel.huidige_rij()
    knoppen = page.maand_groep.buttons()
    page.vernieuw()
    _wacht(qtbot, page)
    wacht_op_alles()
    assert tabel.huidige_rij() == gekozen
    assert tabel.horizontalHeader().sortIndicatorSection() == 3
    assert [r.client for r in tabel.rijen()] == sorted((r.client for r in tabel.rijen()), key=str.casefold,
                                                       reverse=True)
    assert page.maand_groep.buttons() == knoppen
    with transactie(basis.ctx) as s:
        b = Bouwer(basis, s)
        a = b.aanvraag(b.client("Frissen"), datum=VANDAAG - dt.timedelta(days=700), status="besloten")
        b.po(b.voorziening(a, "HH", "3"), VANDAAG + dt.timedelta(days=25))
    page.vernieuw()
    _wacht(qtbot, page)
    wacht_op_alles()
    assert any(r.client.endswith("Frissen") for r in tabel.rijen())
    assert tabel.huidige_rij() == gekozen
    assert "Alles\n" + str(len(page.overzicht.regels)) in page.maand_groep.buttons()[0].text()
    QThreadPool.globalInstance().waitForDone(10_000)


def test_po_planning_reads_once_after_the_first_paint_of_its_list_and_fills_the_consultant_choice(
        qtbot, basis: Basis, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening PO-planning as a planner starts one background read, only after its (empty) list was first painted:
    a read running beside the page's first turns held Python's GIL in turns with their Python calls (the paint of
    the list, the plans' tab being built) and the window stood still twice as long as it worked (issue 13). The
    team's consultants for the choice above the list come with that read; they were a read of their own, started
    while the page was still being made."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from ui import ops as ops_mod

    with transactie(basis.ctx) as s:
        b = Bouwer(basis, s)
        a = b.aanvraag(b.client("Aerts"), datum=VANDAAG - dt.timedelta(days=700), status="besloten")
        b.po(b.voorziening(a, "HH", "3"), VANDAAG + dt.timedelta(days=20), consulent="consulent")
    gebeurd: list[str] = []

    class Verf(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and obj.parent() is not None \
                    and obj.parent().accessibleName() == "Periodieke onderzoeken en einddatums":
                gebeurd.append("verf")
            return False

    echt = ops_mod.Ops.lees

    def lees(self, eigenaar, *args, **kwargs):  # type: ignore[no-untyped-def]
        if type(eigenaar).__name__ == "Periodiek":
            gebeurd.append("lees")
        return echt(self, eigenaar, *args, **kwargs)

    monkeypatch.setattr(ops_mod.Ops, "lees", lees)
    verf = Verf()
    QApplication.instance().installEventFilter(verf)
    try:
        w, page = _scherm(qtbot, basis, "planner", "po")
        from ui.ops import wacht_op_alles

        wacht_op_alles()
    finally:
        QApplication.instance().removeEventFilter(verf)
    assert gebeurd.count("lees") == 1, gebeurd
    assert "verf" in gebeurd[:gebeurd.index("lees")], gebeurd
    keuzes = [page.consulent_keuze.itemText(i) for i in range(page.consulent_keuze.count())]
    assert keuzes[:2] == ["Alle consulenten", "Niet toegewezen"]
    assert any(k.startswith(basis["consulent"].naam) and "gepland" in k for k in keuzes[2:]), keuzes
    assert any(r.client.endswith("Aerts") for r in page.tabel.rijen())


def test_the_planners_termijnen_paint_their_long_list_once_when_the_rows_come(qtbot, basis: Basis) -> None:
    """A list longer than the rows fitted at once (Tabel.EERST) is fitted to the rest of its sample in the turns
    after and widened where a later row needs it: Termijnen painted its rows as they came, again for Qt's resized
    columns and once more after that refit (1,260 rows three times in the benchmark, issue 13). Now once, with the
    final column widths (a long name far down the list included)."""
    from PySide6.QtCore import QEvent, QObject

    from ui.ops import wacht_op_alles

    vandaag = dt.date.today()
    lang = "Van den Heuvel-Crombach de Wit"
    with transactie(basis.ctx) as s:
        b = Bouwer(basis, s)
        for i in range(60):
            b.melding(b.client(lang if i == 55 else f"Aerts {i:02d}"), datum=vandaag - dt.timedelta(days=2),
                      termijn=vandaag + dt.timedelta(days=10 + i))
    w, page = _scherm(qtbot, basis, "planner", "termijnen", laptop=True, wachten=False)
    tabel = page.tabel
    client = next(i for i, k in enumerate(tabel.bron.kolommen) if k.titel == "Cliënt")
    geverfd: list[int] = []  # the Cliënt column's width at each paint of the list with rows

    class Verf(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and tabel.proxy.rowCount():
                geverfd.append(tabel.columnWidth(client))
            return False

    verf = Verf()
    tabel.viewport().installEventFilter(verf)
    _wacht(qtbot, page)
    assert wacht_op_alles()
    assert tabel.proxy.rowCount() >= 60
    assert geverfd == [tabel.columnWidth(client)], geverfd
    tabel.viewport().removeEventFilter(verf)


def test_po_planning_shows_the_choice_made_before_its_first_read_started(qtbot, basis: Basis) -> None:
    """The first read waits for the list's first paint; a planner who picks "Niet toegewezen" before it started gets
    that list, not the first read's (all consultants) landing after it."""
    from ui.ops import wacht_op_alles

    with transactie(basis.ctx) as s:
        b = Bouwer(basis, s)
        for naam, consulent in (("Aerts", "consulent"), ("Bakker", None)):
            a = b.aanvraag(b.client(naam), datum=VANDAAG - dt.timedelta(days=700), status="besloten")
            b.po(b.voorziening(a, "HH", "3"), VANDAAG + dt.timedelta(days=20), consulent=consulent)
    w = build_main_window(basis.ctx, basis["planner"])
    qtbot.addWidget(w)
    w.show()
    w.open_page("po")
    page = w.pages["po"]
    page.consulent_keuze.setCurrentIndex(page.consulent_keuze.findData("niet"))
    _wacht(qtbot, page)
    assert wacht_op_alles()
    assert page.consulent_keuze.currentData() == "niet"
    clienten = [r.client for r in page.tabel.rijen()]
    assert any(c.endswith("Bakker") for c in clienten) and not any(c.endswith("Aerts") for c in clienten), clienten
