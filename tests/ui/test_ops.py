"""The operation layer (ui.ops) as a consultant notices it: typing while the database is locked or the connection
is gone loses nothing, the screen says so plainly and retries by itself, and after a restart the journal is
written before anything else."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from sqlalchemy import event
from sqlalchemy.engine import make_url

from consulent_app import journaal as jn
from consulent_app.services import meldingen
from consulent_app.services import onderzoek as svc
from tests.factories import Basis
from ui.mainwindow import MainWindow, build_main_window
from ui.ops import Ops, wacht_op_alles
from ui.pages.onderzoek import OnderzoekPagina

pytestmark = [pytest.mark.ui, pytest.mark.gui_vrij]


def _onderzoek(basis: Basis) -> int:
    cid = basis.client("Peeters", geboortedatum=dt.date(1948, 2, 3))
    mid = meldingen.registreer_melding(basis.ctx, basis["consulent"], client_id=cid, wet="wmo",
                                       datum=dt.date.today() - dt.timedelta(days=3), kanaal="cit", vraag="Hulp")
    return svc.start_onderzoek(basis.ctx, basis["consulent"], mid)


def _open(qtbot: Any, basis: Basis, oid: int) -> tuple[MainWindow, OnderzoekPagina]:
    w = build_main_window(basis.ctx, basis["consulent"])
    qtbot.addWidget(w)
    w.show()
    w.open_page("onderzoek", onderzoek_id=oid)
    page = w.pages["onderzoek"]
    assert isinstance(page, OnderzoekPagina)
    qtbot.waitUntil(lambda: page.view is not None and page.view.id == oid, timeout=10000)
    wacht_op_alles()
    return w, page


def _opgeslagen(basis: Basis, oid: int, key: str = "client_woorden") -> Any:
    return svc.haal_onderzoek(basis.ctx, basis["consulent"], oid).stap(1).velden.get(key)


@pytest.fixture
def slot(basis: Basis) -> Iterator[sqlite3.Connection]:
    """Another program holding the write lock on the SQLite file. The app waits 0.2 s (not 5) for the lock here."""
    event.listen(basis.ctx.engine, "connect", lambda c, _r: c.execute("PRAGMA busy_timeout=200"))
    basis.ctx.engine.dispose()
    pad = make_url(basis.ctx.config.resolved_database_url()).database
    assert pad
    conn = sqlite3.connect(pad, isolation_level=None, timeout=1)
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def test_typing_while_the_database_is_locked_is_stored_after_the_retry(qtbot: Any, basis: Basis,
                                                                       slot: sqlite3.Connection) -> None:
    oid = _onderzoek(basis)
    _w, page = _open(qtbot, basis, oid)
    ed = page.stappen[1].velden.editors["client_woorden"]
    assert isinstance(ed, QPlainTextEdit)
    ed.setFocus()
    slot.execute("BEGIN EXCLUSIVE")
    qtbot.keyClicks(ed, "Ik wil weer zelf ")
    qtbot.waitUntil(lambda: "Niet opgeslagen – de database is even bezet" in page.opslag_label.text(), timeout=5000)
    assert "nieuwe poging over" in page.opslag_label.text()
    qtbot.keyClicks(ed, "koken.")  # typing on while it is locked
    assert QApplication.activeModalWidget() is None  # no error dialog stacks up
    assert page.autosave.heeft_wachtend()
    slot.execute("ROLLBACK")
    qtbot.waitUntil(lambda: page.opslag_label.text().startswith("Opgeslagen"), timeout=15000)
    assert _opgeslagen(basis, oid) == "Ik wil weer zelf koken."
    assert page.ops.journaal.aantal(basis["consulent"].gebruiker_id) == 0


def test_the_journal_is_written_first_at_the_next_start(qtbot: Any, basis: Basis) -> None:
    """As after a kill: the text is in the journal, not in the database. The next window writes it."""
    oid = _onderzoek(basis)
    actor = basis["consulent"]
    j = jn.Journaal.voor_database(basis.ctx.config.resolved_database_url())
    j.zet(actor.gebruiker_id, f"onderzoek:{oid}:stap:1:client_woorden", "onderzoek.bewaar_veld",
          {"onderzoek_id": oid, "nummer": 1, "key": "client_woorden", "waarde": "Getypt vlak voor de crash",
           "gezien": None})
    j.sluit()
    assert _opgeslagen(basis, oid) is None
    _w, page = _open(qtbot, basis, oid)
    assert _opgeslagen(basis, oid) == "Getypt vlak voor de crash"
    ed = page.stappen[1].velden.editors["client_woorden"]
    assert isinstance(ed, QPlainTextEdit) and ed.toPlainText() == "Getypt vlak voor de crash"
    assert page.opslag_label.text() == "Alles is opgeslagen." or page.opslag_label.text().startswith("Opgeslagen ")


def test_a_restart_while_locked_shows_the_journaled_text_and_stores_it_later(qtbot: Any, basis: Basis,
                                                                             slot: sqlite3.Connection) -> None:
    oid = _onderzoek(basis)
    actor = basis["consulent"]
    svc.bewaar_veld(basis.ctx, actor, oid, 1, "client_woorden", "Oude tekst")
    j = jn.Journaal.voor_database(basis.ctx.config.resolved_database_url())
    j.zet(actor.gebruiker_id, f"onderzoek:{oid}:stap:1:client_woorden", "onderzoek.bewaar_veld",
          {"onderzoek_id": oid, "nummer": 1, "key": "client_woorden", "waarde": "Nieuwe tekst",
           "gezien": "Oude tekst"})
    j.sluit()
    slot.execute("BEGIN EXCLUSIVE")
    QTimer.singleShot(1200, lambda: slot.execute("ROLLBACK"))  # the other program lets go after a moment
    # The replay of the journal fails on the lock and waits; reading the screen is tried again by itself.
    _w, page = _open(qtbot, basis, oid)
    ed = page.stappen[1].velden.editors["client_woorden"]
    assert isinstance(ed, QPlainTextEdit)
    assert ed.toPlainText() == "Nieuwe tekst"  # the journal's text, never the older stored one
    qtbot.waitUntil(lambda: _opgeslagen(basis, oid) == "Nieuwe tekst", timeout=10000)
    qtbot.waitUntil(lambda: page.opslag_label.text().startswith("Opgeslagen"), timeout=5000)


def schrijver_klaar_tijdens_het_bouwen(monkeypatch: pytest.MonkeyPatch, basis: Basis, oid: int, nummer: int,
                                       key: str) -> None:
    """"Oude tekst" stored, "Nieuwe tekst" journaled; the journal's replay at the start waits (as after a failure),
    so the screen's read comes first; then, while the screen is being built from that read, the writer commits the
    journaled text and takes it out of the journal."""
    actor = basis["consulent"]
    url = basis.ctx.config.resolved_database_url()
    sleutel = f"onderzoek:{oid}:stap:{nummer}:{key}"
    svc.bewaar_veld(basis.ctx, actor, oid, nummer, key, "Oude tekst")
    j = jn.Journaal.voor_database(url)
    j.zet(actor.gebruiker_id, sleutel, "onderzoek.bewaar_veld", {"onderzoek_id": oid, "nummer": nummer,
          "key": key, "waarde": "Nieuwe tekst", "gezien": "Oude tekst"})
    j.sluit()
    schrijf = Ops._schrijf_journaal
    eerste = [True]

    def nog_niet(self: Ops) -> None:
        if eerste[0]:
            eerste[0] = False
            return
        schrijf(self)

    bouw = OnderzoekPagina._bouw

    def tijdens_het_bouwen(self: OnderzoekPagina, view: Any, lijsten: Any) -> None:
        if view.stap(nummer).velden.get(key) == "Oude tekst":  # what the writer does at that moment
            svc.bewaar_veld(basis.ctx, actor, oid, nummer, key, "Nieuwe tekst", gezien="Oude tekst")
            ander = jn.Journaal.voor_database(url)
            ander.verwijder(actor.gebruiker_id, sleutel)
            ander.sluit()
        bouw(self, view, lijsten)

    monkeypatch.setattr(Ops, "_schrijf_journaal", nog_niet)
    monkeypatch.setattr(OnderzoekPagina, "_bouw", tijdens_het_bouwen)


def test_a_save_committed_while_the_screen_is_built_still_shows_the_journaled_text(
        qtbot: Any, basis: Basis, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer may commit the journal's text, and take it out of the journal, while the screen is being built
    from a read made just before: the field still shows the journaled text, never the older stored one (under load
    the test above found it now and then; the field then kept the old text, and the next keystroke saved that)."""
    oid = _onderzoek(basis)
    schrijver_klaar_tijdens_het_bouwen(monkeypatch, basis, oid, 1, "client_woorden")
    _w, page = _open(qtbot, basis, oid)
    ed = page.stappen[1].velden.editors["client_woorden"]
    assert isinstance(ed, QPlainTextEdit) and ed.toPlainText() == "Nieuwe tekst"
    assert _opgeslagen(basis, oid) == "Nieuwe tekst"
    ed.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(ed, ".")  # typing on saves on top of the own text, no conflict
    qtbot.waitUntil(lambda: _opgeslagen(basis, oid) == "Nieuwe tekst.", timeout=10000)


def test_a_refused_paste_stays_in_the_field_and_the_journal(qtbot: Any, basis: Basis) -> None:
    oid = _onderzoek(basis)
    _w, page = _open(qtbot, basis, oid)
    plak = "Plak\x00sel " + "x" * 5000
    ed = page.stappen[1].velden.editors["persoonskenmerken"]
    assert isinstance(ed, QPlainTextEdit)
    ed.setPlainText(plak)
    page.bewaar_alles()
    wacht_op_alles()
    fout = page.autosave.fout(("stap", 1, "persoonskenmerken"))
    assert "stuurtekens" in fout or "te lang" in fout
    assert ed.toPlainText() == plak and ed.property("fout") is True
    assert "Niet opgeslagen" in page.opslag_label.text()
    [item] = page.ops.journaal_items(f"onderzoek:{oid}:stap:1:persoonskenmerken")
    assert item.args["waarde"] == plak and item.status is jn.Status.GEWEIGERD
    assert _opgeslagen(basis, oid, "persoonskenmerken") is None  # never stored half


def test_leaving_a_step_with_refused_text_asks_and_nothing_is_dropped(qtbot: Any, basis: Basis,
                                                                      verlaten_gevraagd: dict[str, Any]) -> None:
    oid = _onderzoek(basis)
    _w, page = _open(qtbot, basis, oid)
    ed = page.stappen[1].velden.editors["persoonskenmerken"]
    assert isinstance(ed, QPlainTextEdit)
    plak = "x" * 4210  # 4,210 characters in a 4,000 field
    ed.setPlainText(plak)
    page.bewaar_alles()
    wacht_op_alles()
    assert "te lang" in page.autosave.fout(("stap", 1, "persoonskenmerken"))
    verlaten_gevraagd["antwoord"] = False  # "Terug naar het veld"
    page.ga_naar(2)
    wacht_op_alles()
    assert page.huidig == 1 and verlaten_gevraagd["velden"] == [["Persoonskenmerken en voorkeuren"]]
    verlaten_gevraagd["antwoord"] = True  # "Verder, later aanpassen"
    page.ga_naar(2)
    wacht_op_alles()
    assert page.huidig == 2
    page.ga_naar(1)
    wacht_op_alles()
    assert ed.toPlainText() == plak  # still in the field after the step change and the reload
    # A restart: the refused text comes back from the journal into the field, with its message.
    _w2, page2 = _open(qtbot, basis, oid)
    ed2 = page2.stappen[1].velden.editors["persoonskenmerken"]
    assert isinstance(ed2, QPlainTextEdit) and ed2.toPlainText() == plak
    assert "te lang" in page2.autosave.fout(("stap", 1, "persoonskenmerken"))


@pytest.mark.postgres
def test_typing_while_the_central_database_goes_away_loses_nothing(qtbot: Any) -> None:
    """A real PostgreSQL of its own: type in the investigation, stop the server mid-typing, type on, start it
    again. Every character is stored, the screen said 'niet opgeslagen' in between, and no error dialog stacked up."""
    from consulent_app.config import load_defaults
    from consulent_app.db import migrate
    from consulent_app.db.engine import make_engine
    from consulent_app.services.base import AppContext
    from tests import pgserver
    from tests.factories import maak_basis

    if pgserver.find_bin() is None:
        pytest.skip("PostgreSQL-serverprogramma's niet gevonden")
    server = pgserver.PgServer()
    url = server.start()
    try:
        engine = make_engine(url)
        migrate.upgrade(engine)
        basis = maak_basis(AppContext(config=load_defaults().with_database(url), engine=engine))
        oid = _onderzoek(basis)
        _w, page = _open(qtbot, basis, oid)
        ed = page.stappen[1].velden.editors["client_woorden"]
        assert isinstance(ed, QPlainTextEdit)
        ed.setFocus()
        qtbot.keyClicks(ed, "Voor de storing. ")
        qtbot.waitUntil(lambda: page.opslag_label.text().startswith("Opgeslagen"), timeout=10_000)
        server.onderbreek()
        qtbot.keyClicks(ed, "Tijdens de storing. ")
        qtbot.waitUntil(lambda: "Niet opgeslagen – geen verbinding met de database" in page.opslag_label.text(),
                        timeout=15_000)
        qtbot.keyClicks(ed, "Nog steeds weg.")
        qtbot.wait(1500)  # a retry or two fails meanwhile
        assert QApplication.activeModalWidget() is None
        server.herstart()
        page.ops.opnieuw_nu()
        qtbot.waitUntil(lambda: page.opslag_label.text().startswith("Opgeslagen"), timeout=45_000)
        assert _opgeslagen(basis, oid) == "Voor de storing. Tijdens de storing. Nog steeds weg."
        engine.dispose()
    finally:
        server.stop()


def test_locking_with_waiting_writes_says_so(qtbot: Any, basis: Basis, slot: sqlite3.Connection) -> None:
    from ui.idle_lock import OntgrendelDialoog

    oid = _onderzoek(basis)
    w, page = _open(qtbot, basis, oid)
    ed = page.stappen[1].velden.editors["client_woorden"]
    assert isinstance(ed, QPlainTextEdit)
    slot.execute("BEGIN EXCLUSIVE")
    ed.setFocus()
    qtbot.keyClicks(ed, "Nog niet opgeslagen")
    qtbot.waitUntil(lambda: "Niet opgeslagen" in page.opslag_label.text(), timeout=5000)
    dlg = OntgrendelDialoog(basis.ctx, basis["consulent"], w)
    qtbot.addWidget(dlg)
    assert not dlg.opslag.isHidden() and "1 wijziging(en) wachten op de database" in dlg.opslag.text()
    slot.execute("ROLLBACK")
    page.ops.opnieuw_nu()
    qtbot.waitUntil(lambda: dlg.opslag.isHidden(), timeout=10000)
    assert _opgeslagen(basis, oid) == "Nog niet opgeslagen"


def test_leaving_a_field_saves_it_at_once_without_waiting_for_the_pause(qtbot: Any, basis: Basis) -> None:
    """Focus-out hands the field to the writer at once (one application signal, not an event filter per field)."""
    oid = _onderzoek(basis)
    _w, page = _open(qtbot, basis, oid)
    for timer in page.autosave._timers.values():
        timer.setInterval(60_000)  # the typing pause would take a minute here: only leaving the field saves
    ed = page.stappen[1].velden.editors["client_woorden"]
    ander = page.stappen[1].velden.editors["persoonskenmerken"]
    ed.setFocus()
    qtbot.keyClicks(ed, "Zelf koken")
    qtbot.wait(300)
    assert _opgeslagen(basis, oid) is None  # typed and journaled, not yet written
    ander.setFocus()
    qtbot.waitUntil(lambda: _opgeslagen(basis, oid) == "Zelf koken", timeout=5000)


def test_the_investigation_screen_puts_no_python_filter_on_the_whole_application(qtbot: Any, basis: Basis,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13, the step-change stall: an application-wide event filter in Python runs for every event of every
    widget, and each waits for the GIL while a background read builds the investigation. Keys of the screen are
    shortcuts (Alt+Left through MainWindow.terug -> terug_binnen); the idle lock samples one sign of life per
    check. This test names whoever installs one while the investigation is opened and used."""
    from PySide6.QtCore import QCoreApplication

    geplaatst: list[str] = []
    echt = QCoreApplication.installEventFilter

    def let_op(self: Any, obj: Any) -> None:
        if self is QApplication.instance():
            geplaatst.append(type(obj).__module__ + "." + type(obj).__qualname__)
        echt(self, obj)

    monkeypatch.setattr(QCoreApplication, "installEventFilter", let_op)
    oid = _onderzoek(basis)
    _w, page = _open(qtbot, basis, oid)
    page.ga_naar(2)
    wacht_op_alles()
    page.ga_naar(1)
    wacht_op_alles()
    assert not [g for g in geplaatst if g.startswith(("ui.pages.onderzoek", "ui.onderzoek"))], geplaatst


def test_a_long_write_whose_task_is_not_kept_lets_go_of_it_on_the_gui_thread(qtbot: Any, basis: Basis) -> None:
    """Ops.lang: when the screen does not keep the running task, the writer's thread held the last reference to
    its stop flag; PySide then disconnected Annuleren from the dialog on that thread, under Qt's lock, while the GUI
    thread closed the dialog: a deadlock (the program hung for good, seen in test_berichten_ui). Nothing of the
    task may be let go of on the writer's thread."""
    import gc
    import threading
    import weakref

    from PySide6.QtWidgets import QWidget

    from ui.ops import Ops

    eigenaar = QWidget()
    qtbot.addWidget(eigenaar)
    ops = Ops(basis.ctx, basis["consulent"])
    losgelaten: list[str] = []
    klaar: list[int] = []
    taak = ops.lang(eigenaar, "Proef", lambda voortgang, gestopt: (voortgang(1, 1, "een"), 1)[1], klaar.append)
    weakref.finalize(taak.gestopt, lambda: losgelaten.append(threading.current_thread().name))
    del taak  # as the screens do: they do not keep the task
    qtbot.waitUntil(lambda: klaar == [1], timeout=10_000)
    for _ in range(5):
        qtbot.wait(20)
        gc.collect()
    assert all(naam == threading.main_thread().name for naam in losgelaten), losgelaten
    ops.stop(5)


@pytest.mark.parametrize("soort", ["lees", "schrijf"])
def test_a_read_or_write_lets_go_of_its_owner_and_callbacks_on_the_gui_thread(
        qtbot: Any, basis: Basis, monkeypatch: pytest.MonkeyPatch, soort: str) -> None:
    """A screen's owner (here a QObject nobody else keeps, like a dialog without parent) and its callbacks may be
    let go of only on the GUI thread: a QWidget deleted on a worker thread deadlocks the program (the login window,
    issue 17). The worker is held back after it handed in its outcome until the GUI thread has handled it, so a
    worker still holding the owner would be the last to let go of it, on its own thread."""
    import threading
    import weakref

    from PySide6.QtCore import QObject
    from pytestqt.exceptions import TimeoutError as QtTimeout

    from ui.ops import Ops

    class Eigenaar(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.gekregen: list[Any] = []

        def klaar(self, uitkomst: Any) -> None:
            self.gekregen.append(uitkomst)

    ops = Ops(basis.ctx, basis["consulent"])
    afgehandeld = threading.Event()
    echt_in_gui = Ops._in_gui

    def in_gui_en_wacht(self: Ops, fn: Any) -> None:
        echt_in_gui(self, fn)
        if threading.current_thread() is not threading.main_thread():
            afgehandeld.wait(10)

    monkeypatch.setattr(Ops, "_in_gui", in_gui_en_wacht)
    losgelaten: list[str] = []
    gekregen: list[Any] = []
    eigenaar = Eigenaar()
    weakref.finalize(eigenaar, lambda: losgelaten.append(threading.current_thread().name))
    weakref.finalize(eigenaar, lambda g=eigenaar.gekregen: gekregen.extend(g))
    start = getattr(ops, soort)
    start(eigenaar, lambda e=eigenaar: 42 if e is not None else 0, eigenaar.klaar)
    del eigenaar  # the screen lets go of it, as a closed dialog is let go of
    try:
        qtbot.waitUntil(lambda: bool(losgelaten), timeout=3000)
    except QtTimeout:
        pass  # still held by the worker: it lets go once released, on its own thread
    finally:
        afgehandeld.set()
    qtbot.waitUntil(lambda: bool(losgelaten), timeout=10_000)
    assert gekregen == [42]
    assert losgelaten == [threading.main_thread().name]
    ops.stop(5)
