"""The verzendlijst as administrative staff use it: tick, produce (PDF or printer), mark as sent, copy."""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QImage, QPaintDevice
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from consulent_app.db import models as m
from consulent_app.errors import RegelFout
from consulent_app.services import verzending as vz
from consulent_app.services.base import transactie
from tests.factories import Basis
from tests.factories_verzending import goedgekeurde_beschikking
from tests.test_bundel import pdf_met
from tests.ui.venster_hulp import maak_actief
from ui.mainwindow import build_main_window
from ui.ops import wacht_op_alles
from ui.pages.verzendlijst import Verzendlijst

pytestmark = pytest.mark.ui

GOED = dt.date.today() - dt.timedelta(days=3)


KAPOT: set[int] = set()


def render(bid: int) -> bytes:
    if bid in KAPOT:
        raise RegelFout("Het adres van de cliënt ontbreekt.")
    return pdf_met(f"Brief {bid}", 2)


@pytest.fixture(autouse=True)
def test_renderer(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The letters come from a small test renderer; the documents module has its own tests."""
    KAPOT.clear()
    monkeypatch.setattr(vz, "beschikking_render", lambda ctx, actor, **_kw: render)
    yield
    # Collect this test's cyclic Qt garbage here, in the GUI thread: if the collector first runs inside a
    # worker thread of a later test, deleting these QObjects there crashes the process.
    QThreadPool.globalInstance().waitForDone(10_000)
    QApplication.processEvents()
    gc.collect()


@pytest.fixture
def pagina(qtbot, basis: Basis):  # type: ignore[no-untyped-def]
    def maak() -> Verzendlijst:
        w = build_main_window(basis.ctx, basis["administratie"])
        qtbot.addWidget(w)
        w.show()
        w.open_page("verzendlijst")
        p = w.pages["verzendlijst"]
        assert isinstance(p, Verzendlijst)
        wacht_op_lijst(qtbot, p)
        return p

    return maak


def wacht_op_lijst(qtbot, p: Verzendlijst) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: "Laden" not in p.teller.text() and p.teller.text() != "", timeout=10_000)
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)


def wacht_op_taak(qtbot, p: Verzendlijst) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: p.taak is None, timeout=20_000)
    wacht_op_lijst(qtbot, p)


def kenmerken(p: Verzendlijst) -> list[str]:
    return [r.kenmerk for r in p.tabel.rijen()]


def status(basis: Basis, bid: int) -> str:
    with transactie(basis.ctx) as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        return b.status


class FakePrinter:
    """Pages go to images; job `faal_bij` (1-based) fails, as a printer jamming halfway a batch."""

    def __init__(self, faal_bij: int | None = None) -> None:
        self.faal_bij = faal_bij
        self.jobs: list[str] = []
        self.paginas = 0
        self._img: QImage | None = None

    def begin(self, naam: str) -> QPaintDevice | None:
        self.jobs.append(naam)
        if self.faal_bij is not None and len(self.jobs) >= self.faal_bij:
            return None
        self._img = QImage(210, 297, QImage.Format.Format_RGB32)
        self.paginas += 1
        return self._img

    def nieuwe_pagina(self) -> bool:
        self.paginas += 1
        return True

    def einde(self) -> bool:
        return True


def test_list_shows_approved_decisions_and_space_ticks_a_row(qtbot, basis: Basis, pagina) -> None:  # type: ignore[no-untyped-def]
    a = goedgekeurde_beschikking(basis, achternaam="Aerts", goedgekeurd_op=GOED)
    goedgekeurde_beschikking(basis, achternaam="Bours", goedgekeurd_op=GOED)
    p = pagina()
    assert len(kenmerken(p)) == 2
    assert "2 beschikkingen · 0 gekozen" in p.teller.text()
    assert not p.print_knop.isEnabled() and not p.verzend_knop.isEnabled()
    p.tabel.setFocus()
    p.tabel.selectRow(0)
    qtbot.keyClick(p.tabel, Qt.Key.Key_Space)
    assert [r.beschikking_id for r in p.gekozen()] == [a]
    assert "1 gekozen" in p.teller.text()
    assert p.print_knop.isEnabled() and p.pdf_knop.isEnabled()
    qtbot.mouseClick(p.alles, Qt.MouseButton.LeftButton)
    assert len(p.gekozen()) == 2
    p.filter.setText("Bours")
    qtbot.mouseClick(p.niets, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(p.alles, Qt.MouseButton.LeftButton)  # only what the search shows
    assert [r.client_naam for r in p.gekozen()] == ["Maria Bours"]


def _tel_lezingen(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each read of the Verzendlijst from now on, by whether it asked for the sent letters."""
    gelezen: list[bool] = []
    echt = vz.verzendlijst

    def tel(*args, **kwargs):  # type: ignore[no-untyped-def]
        gelezen.append(kwargs.get("verzonden", False))
        return echt(*args, **kwargs)

    monkeypatch.setattr(vz, "verzendlijst", tel)
    return gelezen

def test_opening_reads_the_list_once_and_a_new_kind_once_more(qtbot, basis: Basis, pagina,  # type: ignore[no-untyped-def]
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    goedgekeurde_beschikking(basis, achternaam="Aerts", goedgekeurd_op=GOED)
    gelezen = _tel_lezingen(monkeypatch)
    p = pagina()
    wacht_op_alles()
    assert gelezen == [False]  # the constructor and toon() each read it before
    p.soort.setCurrentIndex(p.soort.findData(p.VERZONDEN))
    wacht_op_lijst(qtbot, p)
    wacht_op_alles()
    assert gelezen == [False, True]


def test_print_street_pdf_then_mark_as_sent(qtbot, basis: Basis, pagina, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ids = [goedgekeurde_beschikking(basis, achternaam=n, goedgekeurd_op=GOED) for n in ("Aerts", "Bours", "Claes")]
    KAPOT.add(ids[1])
    p = pagina()
    p.kies_bestand = lambda *_a: str(tmp_path / "printstraat.pdf")
    p.kies_alles()
    qtbot.mouseClick(p.pdf_knop, Qt.MouseButton.LeftButton)
    wacht_op_taak(qtbot, p)
    pages = PdfReader(str(tmp_path / "printstraat.pdf")).pages
    assert len(pages) == 4  # two letters of two pages, each starting on a front
    assert "kon niet worden gemaakt: Het adres van de cliënt ontbreekt." in p.laatste_melding
    # only what is in the file stays ticked, so only that can be marked as sent
    assert sorted(r.beschikking_id for r in p.gekozen()) == [ids[0], ids[2]]
    afgedrukt = {r.beschikking_id: r.afgedrukt for r in p.model.rijen}
    assert afgedrukt == {ids[0]: True, ids[1]: False, ids[2]: True}

    d = p.markeer_verzonden()
    assert d is not None
    d.datum.setText((dt.date.today() + dt.timedelta(days=2)).strftime("%d-%m-%Y"))
    qtbot.mouseClick(d.ok, Qt.MouseButton.LeftButton)
    wacht_op_alles()  # marked on the writer, off the GUI thread
    assert "toekomst" in d.form.fout_bij("datum")
    assert d.isVisible()
    d.datum.setText(dt.date.today().strftime("%d-%m-%Y"))
    qtbot.mouseClick(d.ok, Qt.MouseButton.LeftButton)
    wacht_op_alles()
    assert not d.isVisible()
    wacht_op_lijst(qtbot, p)
    assert [status(basis, i) for i in ids] == ["verzonden", "goedgekeurd", "verzonden"]
    assert len(kenmerken(p)) == 1


def test_marking_unproduced_letters_is_refused_in_the_dialog(qtbot, basis: Basis, pagina) -> None:  # type: ignore[no-untyped-def]
    bid = goedgekeurde_beschikking(basis, goedgekeurd_op=GOED)
    p = pagina()
    p.kies_alles()
    d = p.markeer_verzonden()
    assert d is not None
    qtbot.mouseClick(d.ok, Qt.MouseButton.LeftButton)
    wacht_op_alles()
    assert d.isVisible()
    assert "nog niet afgedrukt" in d.form.algemeen.text()
    assert status(basis, bid) == "goedgekeurd"


def test_a_printer_failing_midway_reports_what_was_printed(qtbot, basis: Basis, pagina) -> None:  # type: ignore[no-untyped-def]
    ids = [goedgekeurde_beschikking(basis, achternaam=n, goedgekeurd_op=GOED) for n in ("Aerts", "Bours", "Claes")]
    printer = FakePrinter(faal_bij=2)
    p = pagina()
    p.kies_printer = lambda: printer
    p.kies_alles()
    qtbot.mouseClick(p.print_knop, Qt.MouseButton.LeftButton)
    wacht_op_taak(qtbot, p)
    kenmerk = {r.beschikking_id: r.kenmerk for r in p.model.rijen}
    assert "1 brief afgedrukt." in p.laatste_melding
    assert "De printer is niet bereikbaar" in p.laatste_melding
    assert f"Niet afgedrukt: {kenmerk[ids[1]]}, {kenmerk[ids[2]]}." in p.laatste_melding
    assert printer.paginas == 2
    assert [r.beschikking_id for r in p.gekozen()] == [ids[0]]
    with pytest.raises(RegelFout):
        vz.markeer_verzonden(basis.ctx, basis["administratie"], [ids[1]], dt.date.today(), "post")


def test_cancel_makes_no_file_and_records_nothing(qtbot, basis: Basis, pagina, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    ids = [goedgekeurde_beschikking(basis, achternaam=f"Naam{i}", goedgekeurd_op=GOED) for i in range(6)]

    def traag(bid: int) -> bytes:
        time.sleep(0.2)
        return render(bid)

    monkeypatch.setattr(vz, "beschikking_render", lambda ctx, actor, **_kw: traag)
    uit = tmp_path / "uitvoer"
    uit.mkdir()
    p = pagina()
    p.kies_bestand = lambda *_a: str(uit / "p.pdf")
    p.kies_alles()
    qtbot.mouseClick(p.pdf_knop, Qt.MouseButton.LeftButton)
    assert p.taak is not None
    assert not p.pdf_knop.isEnabled()  # no second batch while one runs
    p.taak.cancel()
    wacht_op_taak(qtbot, p)
    assert "Gestopt" in p.laatste_melding
    assert list(uit.iterdir()) == []
    assert not any(r.afgedrukt for r in p.model.rijen)
    assert len(ids) == len(kenmerken(p))


def test_afschrift_prints_a_copy_and_records_it(qtbot, basis: Basis, pagina) -> None:  # type: ignore[no-untyped-def]
    bid = goedgekeurde_beschikking(basis, goedgekeurd_op=GOED)
    vz.registreer_productie(basis.ctx, basis["administratie"], [bid], hoe="pdf")
    vz.markeer_verzonden(basis.ctx, basis["administratie"], [bid], dt.date.today(), "post")
    printer = FakePrinter()
    p = pagina()
    p.kies_printer = lambda: printer
    p.soort.setCurrentIndex(1)
    wacht_op_lijst(qtbot, p)
    assert p.afschrift_knop.isVisible() and not p.verzend_knop.isVisible()
    p.tabel.selectRow(0)
    qtbot.mouseClick(p.afschrift_knop, Qt.MouseButton.LeftButton)
    wacht_op_taak(qtbot, p)
    assert printer.jobs[0].startswith("Afschrift ")
    with transactie(basis.ctx) as s:
        rows = s.execute(select(m.Verzending.afschrift, m.Verzending.datum)
                         .where(m.Verzending.beschikking_id == bid).order_by(m.Verzending.id)).all()
    assert [a for a, _ in rows] == [False, True]
    assert status(basis, bid) == "verzonden"


def test_afschrift_as_pdf_is_written_user_only_off_the_gui_thread_and_recorded(qtbot, basis: Basis, pagina,  # type: ignore[no-untyped-def]
                                                                               tmp_path: Path) -> None:
    import stat as st

    bid = goedgekeurde_beschikking(basis, goedgekeurd_op=GOED)
    vz.registreer_productie(basis.ctx, basis["administratie"], [bid], hoe="pdf")
    vz.markeer_verzonden(basis.ctx, basis["administratie"], [bid], dt.date.today(), "post")
    p = pagina()
    p.soort.setCurrentIndex(1)
    wacht_op_lijst(qtbot, p)
    p.tabel.selectRow(0)
    doel = tmp_path / "afschrift.pdf"
    p.kies_bestand = lambda _t, _v: str(doel)
    p.afschrift_pdf()
    assert wacht_op_alles()  # made and recorded on the writer (ui.ops)
    assert PdfReader(str(doel)).pages and st.S_IMODE(doel.stat().st_mode) == 0o600
    with transactie(basis.ctx) as s:
        wijzen = s.scalars(select(m.Verzending.afschrift).where(m.Verzending.beschikking_id == bid)
                           .order_by(m.Verzending.id)).all()
    assert wijzen == [False, True]


def test_toewijzing_exports_per_provider_and_passed_on_rows_leave(qtbot, basis: Basis, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from ui.pages.toewijzing import Toewijzing

    bid = goedgekeurde_beschikking(basis, achternaam="Aerts", goedgekeurd_op=GOED,
                                   voorzieningen=(("HH", "zin", "toegekend"), ("BG", "zin", "toegekend"),
                                                  ("BG", "pgb", "toegekend")))
    vz.registreer_productie(basis.ctx, basis["administratie"], [bid], hoe="pdf")
    vz.markeer_verzonden(basis.ctx, basis["administratie"], [bid], dt.date.today(), "post")
    w = build_main_window(basis.ctx, basis["administratie"])
    qtbot.addWidget(w)
    w.show()
    w.open_page("toewijzing")
    p = w.pages["toewijzing"]
    assert isinstance(p, Toewijzing)
    qtbot.waitUntil(lambda: not p.bezig and len(p.tabel.rijen()) == 2, timeout=10_000)
    assert [r.aanbieder for r in p.tabel.rijen()] == ["Thuiszorg Mosa", "Zorggroep Maasland"]
    p.aanbieder.setCurrentIndex(p.aanbieder.findText("Zorggroep Maasland (1)"))
    assert [r.product for r in p.tabel.rijen()] == ["Hulp bij het huishouden"]
    p.kies_bestand = lambda _v: str(tmp_path / "maasland.xlsx")
    qtbot.mouseClick(p.export_knop, Qt.MouseButton.LeftButton)
    assert w.ops.wacht()  # written off the GUI thread
    ws = load_workbook(tmp_path / "maasland.xlsx").active
    assert ws is not None
    assert [ws.cell(row=4, column=c).value for c in (1, 3)] == ["Zorggroep Maasland", "Maria Aerts"]
    assert ws.cell(row=5, column=1).value is None  # only the chosen provider
    p.tabel.selectRow(0)
    d = p.markeer_doorgegeven()
    assert d is not None
    qtbot.mouseClick(d.ok, Qt.MouseButton.LeftButton)
    assert w.ops.wacht()  # marked off the GUI thread
    qtbot.waitUntil(lambda: not p.bezig, timeout=10_000)
    qtbot.wait(50)
    assert "Zorggroep Maasland" not in [r.aanbieder for r in p.rijen]
    p.soort.setCurrentIndex(1)
    # The ZIN list still shows one row until the pgb list has loaded: wait for the pgb row itself.
    qtbot.waitUntil(lambda: not p.bezig and len(p.tabel.rijen()) == 1 and p.tabel.rijen()[0].pgb_bedrag is not None,
                    timeout=10_000)
    assert [r.product for r in p.tabel.rijen()] == ["Begeleiding individueel"]


def _bijlagen_kolom(p: Verzendlijst) -> dict[str, str]:
    kolom = next(i for i, k in enumerate(p.model.kolommen) if k.titel == "Bijlagen")
    return {p.tabel.proxy.index(r, 1).data(): p.tabel.proxy.index(r, kolom).data()
            for r in range(p.tabel.proxy.rowCount())}


def _open_bijlage_dialoog(qtbot, p: Verzendlijst):  # type: ignore[no-untyped-def]
    oud = getattr(p, "bijlage_dialoog", None)
    maak_actief(qtbot, p.window())
    p.tabel.setFocus()
    qtbot.keyClick(p.tabel, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: getattr(p, "bijlage_dialoog", None) not in (None, oud)
                    and p.bijlage_dialoog.isVisible(), timeout=10_000)
    d = p.bijlage_dialoog
    maak_actief(qtbot, d)
    return d


def test_een_folder_bij_alle_gekozen_brieven_met_het_toetsenbord(qtbot, basis: Basis, pagina,  # type: ignore[no-untyped-def]
                                                                   tmp_path: Path) -> None:
    """Issue 16: tick two letters, Ctrl+Shift+B, choose the leaflet once, name it, Enter: both letters carry it,
    the summary counts its pages with every letter, and the page says what was done."""
    ids = [goedgekeurde_beschikking(basis, achternaam=n, goedgekeurd_op=GOED) for n in ("Aerts", "Bours", "Claes")]
    with transactie(basis.ctx) as s:  # the letters' pages are known, as after a preview
        for bid in ids:
            b = s.get(m.Beschikking, bid)
            assert b is not None
            s.add(m.BriefPaginas(beschikking_id=bid, beschikking_versie=b.versie, paginas=2))
        kenmerk = {bid: s.get(m.Beschikking, bid).kenmerk for bid in ids}  # type: ignore[union-attr]
    folder = tmp_path / "folder_wmo-vervoer.pdf"
    folder.write_bytes(pdf_met("Folder Wmo-vervoer", 3))
    kapot = tmp_path / "foto.pdf"
    kapot.write_bytes(b"geen pdf")
    p = pagina()
    p.activateWindow()
    p.tabel.setFocus()
    p.tabel.selectRow(0)
    qtbot.keyClick(p.tabel, Qt.Key.Key_Space)
    qtbot.keyClick(p.tabel, Qt.Key.Key_Down)
    qtbot.keyClick(p.tabel, Qt.Key.Key_Space)
    assert "2 gekozen (4 pagina’s met bijlagen)" in p.teller.text()

    d = _open_bijlage_dialoog(qtbot, p)
    assert d.ok.text() == "&Toevoegen aan 2 brieven"
    d.kies_bestand = lambda: str(kapot)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # Bestand &kiezen…
    qtbot.waitUntil(lambda: d.pad.text() == str(kapot), timeout=2_000)  # a mnemonic clicks after a short animation
    assert d.titel.text() == "Foto"
    qtbot.keyClick(d.titel, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: d.form.fout_bij("bestand") != "", timeout=10_000)
    assert "geen PDF-bestand" in d.form.fout_bij("bestand") and d.isVisible()  # refused at the field, still open

    d.kies_bestand = lambda: str(folder)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: d.pad.text() == str(folder), timeout=2_000)
    assert d.form.fout_bij("bestand") == ""  # the old message goes with the new file
    qtbot.keyClick(d.titel, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(d.titel, "Folder Wmo-vervoer")
    qtbot.keyClick(d.titel, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: d.uitkomst is not None, timeout=10_000)
    wacht_op_lijst(qtbot, p)
    assert p.gedaan.isVisible()
    assert p.gedaan.text() == "'Folder Wmo-vervoer' (3 pagina’s) toegevoegd aan 2 brieven."
    kolom = _bijlagen_kolom(p)
    assert kolom[kenmerk[ids[0]]] == kolom[kenmerk[ids[1]]] == "Folder Wmo-vervoer"
    assert kolom[kenmerk[ids[2]]] == "geen"
    assert "2 gekozen (10 pagina’s met bijlagen)" in p.teller.text()  # (2 + 3) per letter

    # The third letter too: the leaflet chosen before is offered, no file dialog needed.
    p.tabel.setFocus()
    qtbot.keyClick(p.tabel, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # the last row: Claes
    qtbot.keyClick(p.tabel, Qt.Key.Key_Space)
    assert "3 gekozen" in p.teller.text()
    d2 = _open_bijlage_dialoog(qtbot, p)
    d2.kies_bestand = lambda: pytest.fail("no file dialog for a leaflet chosen before")  # type: ignore[assignment,return-value]
    d2.keuze.setFocus()
    qtbot.keyClick(d2.keuze, Qt.Key.Key_Down)
    assert d2.keuze.currentText().startswith("Folder Wmo-vervoer (3 pagina’s")
    assert not d2.pad.isVisible() and not d2.titel.isVisible()
    qtbot.keyClick(d2.keuze, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: d2.uitkomst is not None, timeout=10_000)
    wacht_op_lijst(qtbot, p)
    assert p.gedaan.text() == ("'Folder Wmo-vervoer' (3 pagina’s) toegevoegd aan 1 brief. 2 brieven hadden deze "
                               "bijlage al.")
    assert set(_bijlagen_kolom(p).values()) == {"Folder Wmo-vervoer"}
    with transactie(basis.ctx) as s:
        assert len(s.scalars(select(m.VerzendBijlage)).all()) == 1


def test_markeren_als_verzonden_zegt_wat_er_is_gedaan(qtbot, basis: Basis, pagina) -> None:  # type: ignore[no-untyped-def]
    """Issue 16: after marking as sent, the page says how many went, when, how and until when objection runs."""
    ids = [goedgekeurde_beschikking(basis, achternaam=n, goedgekeurd_op=GOED) for n in ("Aerts", "Bours", "Claes")]
    vandaag = dt.date.today()
    vz.registreer_productie(basis.ctx, basis["administratie"], ids, hoe="pdf", verzenddatum=vandaag)
    p = pagina()
    p.activateWindow()
    p.tabel.setFocus()
    qtbot.keyClick(p.tabel, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # &Alles kiezen
    qtbot.waitUntil(lambda: "3 gekozen" in p.teller.text(), timeout=2_000)
    qtbot.keyClick(p.tabel, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    d = p.verzend_dialoog
    qtbot.waitUntil(d.isVisible, timeout=5_000)
    maak_actief(qtbot, d)
    qtbot.keyClick(d.datum, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(d.uitkomst), timeout=20_000)
    wacht_op_lijst(qtbot, p)
    assert p.gedaan.isVisible() and p.gedaan.text().startswith("3 beschikkingen verzonden op ")
    assert "(per post). Bezwaar kan tot en met " in p.gedaan.text()
    assert kenmerken(p) == []


def test_voorbeeld_opent_met_enter_en_zoomt_met_ctrl_plus(qtbot, basis: Basis, pagina) -> None:  # type: ignore[no-untyped-def]
    """The preview of a letter (Enter on its row) opens fit to the width, no taller than the screen, and zooms
    with Ctrl++ as in Toetsing (ui/pdfweergave.py)."""
    from PySide6.QtPdfWidgets import QPdfView

    goedgekeurde_beschikking(basis, achternaam="Aerts", goedgekeurd_op=GOED)
    p = pagina()
    p.window().activateWindow()
    p.tabel.setFocus()
    p.tabel.selectRow(0)
    qtbot.keyClick(p.tabel, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(p, "voorbeeld_dialoog", None) is not None
                    and p.voorbeeld_dialoog.isVisible(), timeout=10_000)
    d = p.voorbeeld_dialoog
    assert d.height() <= d.screen().availableGeometry().height()
    assert d.weergave.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    maak_actief(qtbot, d)
    breed = d.weergave.zoomfactor()
    qtbot.keyClick(d.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert d.weergave.zoomfactor() == pytest.approx(breed * 1.25)
    qtbot.keyClick(d.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not d.isVisible(), timeout=5_000)


def test_all_and_none_tick_and_untick_every_box_and_space_then_ticks_one(qtbot, basis: Basis, pagina) -> None:  # type: ignore[no-untyped-def]
    """"Alles kiezen" ticks every letter's box, "Niets kiezen" unticks them all (only the boxes that change are
    touched), and Space then ticks the current one only; the count follows."""
    n = 9
    for i in range(n):
        goedgekeurde_beschikking(basis, achternaam=f"Naam{i:02d}", goedgekeurd_op=GOED)
    p = pagina()
    maak_actief(qtbot, p.window())
    p.tabel.setFocus()

    def vakjes() -> list[Qt.CheckState]:
        proxy = p.tabel.proxy
        return [Qt.CheckState(proxy.index(r, 0).data(Qt.ItemDataRole.CheckStateRole)) for r in range(proxy.rowCount())]

    qtbot.keyClick(p.tabel, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # &Alles kiezen
    qtbot.waitUntil(lambda: f"{n} beschikkingen · {n} gekozen" in p.teller.text(), timeout=2_000)
    assert vakjes() == [Qt.CheckState.Checked] * n
    qtbot.keyClick(p.tabel, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # &Niets kiezen
    qtbot.waitUntil(lambda: f"{n} beschikkingen · 0 gekozen" in p.teller.text(), timeout=2_000)
    assert vakjes() == [Qt.CheckState.Unchecked] * n
    p.tabel.setFocus()
    qtbot.keyClick(p.tabel, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(p.tabel, Qt.Key.Key_Space)
    assert [r.beschikking_id for r in p.gekozen()] == [p.tabel.rijen()[-1].beschikking_id]
    assert vakjes() == [Qt.CheckState.Unchecked] * (n - 1) + [Qt.CheckState.Checked]
    assert f"{n} beschikkingen · 1 gekozen" in p.teller.text()


def test_marking_some_as_sent_reads_the_list_once_and_leaves_the_rest_unticked(qtbot, basis: Basis, pagina,  # type: ignore[no-untyped-def]
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """After sending two of three letters the list shows the third, nothing ticked, read once (the write's
    announcement reads it; the page read it a second time as well)."""
    ids = [goedgekeurde_beschikking(basis, achternaam=n, goedgekeurd_op=GOED) for n in ("Aerts", "Bours", "Claes")]
    vz.registreer_productie(basis.ctx, basis["administratie"], ids, hoe="pdf", verzenddatum=dt.date.today())
    p = pagina()
    wacht_op_alles()
    gelezen = _tel_lezingen(monkeypatch)
    p.model.kies(set(ids[:2]))
    d = p.markeer_verzonden()
    assert d is not None
    qtbot.waitUntil(d.isVisible, timeout=5_000)
    d.bevestig()
    qtbot.waitUntil(lambda: bool(d.uitkomst), timeout=20_000)
    wacht_op_lijst(qtbot, p)
    wacht_op_alles()
    assert gelezen == [False]
    assert [r.beschikking_id for r in p.tabel.rijen()] == [ids[2]]
    assert "1 beschikking · 0 gekozen" in p.teller.text() and not p.gekozen()
