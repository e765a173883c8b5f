"""The window never waits (issue 13): the GUI thread's longest stall while a screen is loaded, for every screen of
every role, in the real main window on the benchmark database of bench_overzichten (`vul_demo(schaal=70)`).

A screen is made anew and opened as a user opens it (its widgets built, its data read in the background and shown,
until every background load has come back); the longest gap between two ticks of a 1 ms timer in the GUI thread
is how long the window stood still. Next to it, the bare baseline: the same window doing nothing for a moment,
measured in the same run (what the shared machine itself costs). Target: never over 16 ms (one frame). Column
"cpu": the GUI thread's own CPU time within that longest stall (on a busy machine the rest of the stall is waiting
for a core or for the GIL held by the background reads), so figures measured under load can be read. Also the
dossier and the investigation (opened on a case, not from the menu), and each tab of the dossier picked for the first
time (before the dossier built it in the background); typing, saving and the step change of the investigation are in
bench_ops. Last, the reviewer's actions on the loaded Toetsing screen: the next file in the
queue, the next criterion with a score, and the queue read again (as after approving or returning a file).
"""

from __future__ import annotations

import dataclasses
import gc
import os
import sys
import time
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import bench_schermen as bs  # noqa: E402
from bench_ops import _Stilstand  # noqa: E402
from run import Benchmark  # noqa: E402

DOEL_MS = 16.0


def _zonder_pagina(venster: Any, key: str) -> None:
    """The window without its page `key` (made anew at the next open, as the first time), quiet again."""
    oud = venster.pages.pop(key, None)
    if oud is not None:
        venster.stack.removeWidget(oud)
        oud.deleteLater()
    venster.huidige = None
    bs.wacht_tot_klaar()
    _draai(0.05)


def _draai(duur_s: float) -> None:
    from PySide6.QtWidgets import QApplication

    einde = time.monotonic() + duur_s
    while time.monotonic() < einde:
        QApplication.processEvents()
        time.sleep(0.0005)


def _leeg(_state: Any) -> float:
    """The bare baseline: the longest stall of the window doing nothing for half a second."""
    bs.wacht_tot_klaar()
    meter = _Stilstand()
    _draai(0.5)
    return meter.stop()


@cache
def _zaak() -> tuple[int, int]:
    """An open investigation of the bench's consultant, and its client."""
    from bench_overzichten import context
    from sqlalchemy import select

    from consulent_app.db import models as m
    from consulent_app.services.base import actor_by_username, transactie

    ctx = context()
    actor = actor_by_username(ctx, "consulent")
    with transactie(ctx) as s:
        rij = s.execute(select(m.Onderzoek.id, m.Onderzoek.client_id)
                        .where(m.Onderzoek.status == "open", m.Onderzoek.consulent_id == actor.gebruiker_id)
                        .order_by(m.Onderzoek.id)).first()
    assert rij is not None, "geen open onderzoek van de consulent in de benchmarkdatabase"
    return int(rij[0]), int(rij[1])


def _open(gebruiker: str, key: str) -> Any:
    def fn(_state: Any) -> dict[str, float]:
        venster = bs._venster(gebruiker)
        params: dict[str, Any] = {}
        if key == "onderzoek":
            params = {"onderzoek_id": _zaak()[0]}
        elif key == "dossier":
            params = {"client_id": _zaak()[1]}
        _zonder_pagina(venster, key)
        meter = _Stilstand()
        venster.open_page(key, **params)
        bs.wacht_tot_klaar()
        _draai(0.05)  # what is shown after the last load (a deferred refit, a paint)
        assert venster.huidige == key
        ms = meter.stop()
        return {"ms": ms, "cpu_ms": meter.cpu}

    return fn


def _toetsing_klaar() -> Any:
    """The reviewer's Toetsing screen, open and loaded (made once; an action measured on it keeps it)."""
    venster = bs._venster("toetser")
    if venster.huidige != "toetsing":
        venster.open_page("toetsing")
    bs.wacht_tot_klaar()
    _draai(0.05)
    pagina = venster.pages["toetsing"]
    assert pagina.dossier is not None, "geen beschikking ter toetsing in de benchmarkdatabase"
    return pagina


def _toets_actie(doe: Any, voor: Any = None) -> Any:
    """An action of the reviewer on the loaded Toetsing screen (`doe(pagina)`, after `voor(pagina)`, unmeasured),
    measured until what it read or changed is shown: the GUI thread's longest stall, as for opening a screen."""
    def fn(_state: Any) -> dict[str, float]:
        return _meet_actie(_toetsing_klaar(), voor, doe)

    return fn


def _meet_actie(pagina: Any, voor: Any, doe: Any) -> dict[str, float]:
    """`voor(pagina)` unmeasured (if given), then the GUI thread's longest stall from `doe(pagina)` until the
    window is quiet again."""
    if voor is not None:
        voor(pagina)
        bs.wacht_tot_klaar()
        _draai(0.05)
    meter = _Stilstand()
    doe(pagina)
    bs.wacht_tot_klaar()
    _draai(0.05)
    ms = meter.stop()
    return {"ms": ms, "cpu_ms": meter.cpu}


def _volgende_beschikking(pagina: Any) -> None:
    """The next file in the queue (the choice above the work area, as Alt+H and the down arrow choose it)."""
    keuze = pagina.keuze
    keuze.setCurrentIndex((keuze.currentIndex() + 1) % keuze.count())


def _in_de_criteria(pagina: Any) -> None:
    """The keyboard in the criteria, on a criterion with one below it."""
    tabel = pagina.tabel
    if tabel.currentIndex().row() >= tabel.bron.rowCount() - 1:
        tabel.selectRow(0)
    tabel.setFocus()


def _criterium_en_score(pagina: Any) -> None:
    """The next criterion (the down arrow in the criteria) and a score for it (its button, as Alt+M clicks it;
    the key itself needs the active window, which offscreen is not always this one)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    tabel = pagina.tabel
    QTest.keyClick(tabel, Qt.Key.Key_Down)
    rij = pagina.huidig()
    _draai(0.05)  # the criterion shown, as the reviewer reads it before scoring
    pagina.score_knoppen["matig"].click()
    assert rij.score == "matig", "de knop gaf geen score"


def _acties() -> list[Benchmark]:
    return [Benchmark(f"stilstand: toetsing {naam} (toetser)", _toets_actie(doe, voor), herhalingen=3,
                      doel_ms=DOEL_MS, basis=_leeg, opmerking="langste stilstand van de GUI-thread")
            for naam, doe, voor in (("volgende beschikking", _volgende_beschikking, None),
                                    ("criterium en score", _criterium_en_score, _in_de_criteria),
                                    ("wachtrij vernieuwen", lambda pagina: pagina.vernieuw_knop.click(), None))]


def _dossier_tab(i: int) -> Any:
    """Tab `i` of the dossier picked for the first time: the user clicks it (or Alt+1..7) as soon as the dossier is
    on screen, before the dossier built that tab in the background, and waits until it shows the client's data. The
    personal data (the tab shown first) are picked after another tab."""
    def fn(_state: Any) -> dict[str, float]:
        from PySide6.QtWidgets import QApplication

        venster = bs._venster("consulent")
        _zonder_pagina(venster, "dossier")
        venster.open_page("dossier", client_id=_zaak()[1])
        pagina = venster.pages["dossier"]
        while venster.stack.currentWidget() is not pagina:  # on screen: the user can click
            QApplication.processEvents()
        if i == 0:
            pagina.tabs.setCurrentIndex(1)
        meter = _Stilstand()
        pagina.tabs.setCurrentIndex(i)
        bs.wacht_tot_klaar()
        _draai(0.05)
        assert pagina.tabs.currentIndex() == i
        ms = meter.stop()
        return {"ms": ms, "cpu_ms": meter.cpu}

    return fn


def _dossier_tabs() -> list[Benchmark]:
    from ui.pages.dossier import TABS

    return [Benchmark(f"stilstand: dossier-tab {naam.replace('&&', '&')} eerste keer (consulent)", _dossier_tab(i),
                      herhalingen=3, doel_ms=DOEL_MS, basis=_leeg, opmerking="langste stilstand van de GUI-thread")
            for i, naam in enumerate(TABS)]


#: Sent letters set back to approved in the copy, so the list holds 300 and more.
VERZEND_EXTRA = 200
#: Letters marked as sent per repetition (of those approved in the benchmark database itself, never sent before).
VERZEND_PARTIJ = 30


@cache
def _verzend_kopie() -> Any:
    """A copy of the benchmark database (SQLite's backup), with VERZEND_EXTRA sent letters approved again and every
    approved letter recorded as produced (as after printing), and the ids of those approved in the original."""
    import atexit
    import shutil
    import sqlite3
    import tempfile

    from bench_overzichten import context
    from sqlalchemy import update

    from consulent_app.config import load_defaults
    from consulent_app.db import models as m
    from consulent_app.db.engine import make_engine
    from consulent_app.services import verzending as vz
    from consulent_app.services.base import AppContext, actor_by_username, transactie

    url = context().config.resolved_database_url()
    if not url.startswith("sqlite:///"):
        raise SystemExit("de Verzendlijst-stilstand werkt op een kopie van de SQLite-benchmarkdatabase")
    doel = Path(tempfile.mkdtemp(prefix="bench-stilstand-verzend-")) / "kopie.sqlite3"
    atexit.register(shutil.rmtree, doel.parent, ignore_errors=True)  # a copy of 300 MB a run: gone with the process
    with sqlite3.connect(url.removeprefix("sqlite:///")) as bron, sqlite3.connect(doel) as kopie:
        bron.backup(kopie)
    kurl = f"sqlite:///{doel}"
    ctx = AppContext(config=load_defaults().with_database(kurl), engine=make_engine(kurl))
    admin = actor_by_username(ctx, "administratie")
    eigen = [r.beschikking_id for r in vz.verzendlijst(ctx, admin)]
    terug = [r.beschikking_id for r in vz.verzendlijst(ctx, admin, verzonden=True)[:VERZEND_EXTRA]]
    with transactie(ctx) as s:
        s.execute(update(m.Beschikking).where(m.Beschikking.id.in_(terug))
                  .values(status="goedgekeurd", verzonden_op=None, bezwaartermijn_einde=None))
    vz.registreer_productie(ctx, admin, eigen + terug, hoe="pdf")
    return ctx, eigen


@cache
def _verzend_venster() -> Any:
    """The administrative staff's window on the copy, with the Verzendlijst open and loaded."""
    from consulent_app.services.base import actor_by_username
    from ui.mainwindow import build_main_window

    ctx, _eigen = _verzend_kopie()
    bs._app()
    # As the application does (ui.main.bevries_opstart): what exists before the window is out of the cyclic
    # collector's sight, so a full collection on the GUI thread walks this window's objects, as in a session, not
    # those of every window the benchmarks made before (90 ms instead of about 10; the writer's work for 30 letters
    # sets one off).
    gc.collect()
    gc.freeze()
    venster = build_main_window(ctx, actor_by_username(ctx, "administratie"))
    venster.resize(1366, 768)
    venster.show()
    bs.na_het_vooruit_laden(venster)
    venster.open_page("verzendlijst")
    bs.wacht_tot_klaar()
    _draai(0.1)
    return venster


def _verzend_meet(voor: Any, doe: Any) -> dict[str, float]:
    """`voor(pagina)` unmeasured, then the stall from `doe(pagina)` until the window is quiet again."""
    return _meet_actie(_verzend_venster().pages["verzendlijst"], voor, doe)


def _verzend_aanvinken(_state: Any) -> dict[str, float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    def voor(p: Any) -> None:
        p.model.kies(set())
        rij = (len(p.model.gekozen) + int(time.monotonic() * 1000)) % min(p.tabel.proxy.rowCount(), 12)
        p.tabel.setFocus()
        p.tabel.setCurrentIndex(p.tabel.proxy.index(rij, 1))

    return _verzend_meet(voor, lambda p: QTest.keyClick(p.tabel, Qt.Key.Key_Space))


def _verzend_alles(_state: Any) -> dict[str, float]:
    def voor(p: Any) -> None:
        p.model.kies(set())
        assert p.tabel.proxy.rowCount() >= 300, p.tabel.proxy.rowCount()

    return _verzend_meet(voor, lambda p: p.alles.click())


def _verzend_markeren(_state: Any) -> dict[str, float]:
    def voor(p: Any) -> None:
        _ctx, eigen = _verzend_kopie()
        over = [r.beschikking_id for r in p.model.rijen if r.beschikking_id in set(eigen)]
        assert len(over) >= VERZEND_PARTIJ, "geen brieven meer om als verzonden te markeren"
        p.model.kies(set(over[:VERZEND_PARTIJ]))

    def doe(p: Any) -> None:
        dialoog = p.markeer_verzonden()
        _draai(0.05)  # the dialog on screen, then its button pressed
        dialoog.bevestig()

    uit = _verzend_meet(voor, doe)
    assert "verzonden op" in _verzend_venster().pages["verzendlijst"].laatste_melding
    return uit


def _verzend_benchmarks() -> list[Benchmark]:
    return [Benchmark(f"stilstand: verzendlijst, {naam} (administratie)", fn, herhalingen=3, doel_ms=DOEL_MS,
                      basis=_leeg, opmerking="langste stilstand van de GUI-thread; op een kopie van de database")
            for naam, fn in (("een brief aanvinken", _verzend_aanvinken),
                             (f"alles kiezen (+{VERZEND_EXTRA} brieven)", _verzend_alles),
                             (f"{VERZEND_PARTIJ} markeren als verzonden", _verzend_markeren))]


def _schermen() -> list[tuple[str, str]]:
    """Every screen in the menu of each role (as the memory bench opens them), the dossier and the investigation."""
    from ui import ops

    # One window per role stays open here; their asking every 5 s what colleagues changed would then run six
    # times as often as in the one window a user has (bench_ops measures a window with it).
    ops.KIJK_INTERVAL_S = None
    uit = []
    for gebruiker in bs.GEBRUIKERS:
        venster = bs._venster(gebruiker)
        uit.extend((gebruiker, key) for key, spec in sorted(venster.specs.items()) if spec.in_menu)
    return [*uit, ("consulent", "dossier"), ("consulent", "onderzoek")]


#: The longest list with a filter box: the planner's Termijnen (every running term of the teams, 1,260 rows in the
#: benchmark data); the longest list of all: the planner's PO-planning (4,345 rows; its filter is the month strip).
FILTERLIJST = ("planner", "termijnen")
LANGSTE = ("planner", "po")


@cache
def _lijst(gebruiker: str, key: str) -> Any:
    """The screen with the long list, opened once in its role's window and kept (each action is measured on it)."""
    venster = bs._venster(gebruiker)
    venster.open_page(key)
    bs.wacht_tot_klaar()
    _draai(0.05)
    return venster.pages[key]


def _in_de_lijst(gebruiker: str, key: str, actie: str) -> Any:
    """The GUI thread's longest stall for one thing done in a long list, as a user does it with the keyboard:
    typing a letter in its filter ("a", then a second, then backspace), F5 while the list is sorted on a column
    (the same rows read again), a page down and to the end of the list (the rows come into view); and the list's own
    filter ("filter a", `Tabel.filter`) on the longest list, which has no filter box. The first letter (or filter)
    a second after the rows came, or VROEG: a tenth of a second after, before the list made every row searchable
    while idle (Tabel._vul_stil)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    vroeg = actie.endswith(VROEG)
    actie = actie.removesuffix(VROEG)

    def klaarzetten(page: Any) -> None:
        tabel = page.tabel
        filt = getattr(page, "filter", None)
        if hasattr(filt, "setText"):
            filt.setText({"tweede letter": "a", "backspace": "an"}.get(actie, ""))
        else:
            tabel.filter("")
        if actie in ("letter", "filter a"):  # the first letter after the list was loaded: its rows as read anew
            rijen = [dataclasses.replace(r) for r in tabel.bron.rijen]
            tabel.zet_rijen([])
            tabel.zet_rijen(rijen)
        if actie == "F5 gesorteerd":
            if tabel.proxy.sortColumn() != 3:
                tabel.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # Cliënt
        elif tabel.proxy.sortColumn() >= 0:
            tabel.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
            tabel.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        if actie in ("letter", "tweede letter", "backspace"):
            filt.setFocus()
            filt.end(False)
        else:
            tabel.setFocus()
            tabel.selectRow(0)
            tabel.scrollToTop()

    def fn(_state: Any) -> dict[str, float]:
        page = _lijst(gebruiker, key)
        klaarzetten(page)
        bs.wacht_tot_klaar()
        # A user looks at the list a moment before typing (the rows never shown are put in the model meanwhile,
        # Tabel._vul_stil; a letter typed in the first few tenths of a second still fills them first).
        _draai(1.0 if actie in ("letter", "filter a") and not vroeg else 0.1)
        meter = _Stilstand()
        _draai(0.01)
        toets = {"letter": (Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier),
                 "tweede letter": (Qt.Key.Key_N, Qt.KeyboardModifier.NoModifier),
                 "backspace": (Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier),
                 "PgDn": (Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier),
                 "Ctrl+End": (Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)}.get(actie)
        if toets is not None:
            QTest.keyClick(page.filter if actie in ("letter", "tweede letter", "backspace") else page.tabel, *toets)
        elif actie == "F5 gesorteerd":
            page.window().vernieuw()  # what F5 runs (the window is not the active one offscreen, so no key)
        elif actie == "filter a":
            page.tabel.filter("a")
        bs.wacht_tot_klaar()
        _draai(0.05)  # the paint of what changed
        ms = meter.stop()
        return {"ms": ms, "cpu_ms": meter.cpu}

    return fn


#: The first letter a tenth of a second after the rows came (instead of a second).
VROEG = " na 0,1 s"
LIJST_ACTIES = [(FILTERLIJST, "letter"), (FILTERLIJST, "letter" + VROEG), (FILTERLIJST, "tweede letter"),
                (FILTERLIJST, "backspace"), (FILTERLIJST, "F5 gesorteerd"), (LANGSTE, "filter a"),
                (LANGSTE, "filter a" + VROEG), (LANGSTE, "F5 gesorteerd"), (LANGSTE, "PgDn"), (LANGSTE, "Ctrl+End")]


def _benchmarks() -> list[Benchmark]:
    uit = [Benchmark(f"stilstand: {key} openen ({gebruiker})", _open(gebruiker, key), herhalingen=3,
                     doel_ms=DOEL_MS, basis=_leeg, opmerking="langste stilstand van de GUI-thread")
           for gebruiker, key in _schermen()]
    uit += [Benchmark(f"stilstand: {key} lijst, {actie} ({gebruiker})", _in_de_lijst(gebruiker, key, actie),
                      herhalingen=5, doel_ms=DOEL_MS, basis=_leeg, opmerking="langste stilstand van de GUI-thread")
            for (gebruiker, key), actie in LIJST_ACTIES]
    return uit + _dossier_tabs() + _acties() + _verzend_benchmarks()


BENCHMARKS = _benchmarks() if os.environ.get("CONSULENT_BENCH_STILSTAND", "1") != "0" else []
