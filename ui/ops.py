"""The operation layer between the screens and the core (in the spirit of Anki's CollectionOp / QueryOp).

Every call from a screen into the services goes through here, never on the GUI thread:

- `ops.lees(eigenaar, fn, klaar)`: a read on a background thread; `klaar(result)` runs in the GUI thread, only if
  `eigenaar` still exists and no newer read with the same `sleutel` was started (no stale screens). A read waits
  for the writes that were handed in before it, so a screen always reads what it just saved.
- `ops.schrijf(eigenaar, fn, klaar, wijziging=...)`: a write on the one writer of this database, in order.
- `ops.bewaar(sleutel, operatie, args, ...)`: a journaled write (autosave): first into the local journal
  (consulent_app.journaal) on the GUI thread (well under a millisecond), then written in order by the writer;
  removed from the journal only after the service committed. When the database is locked or the connection
  dropped it stays, is retried with backoff (1, 2, 5, 10, 20, 30 s) and the state is announced (`stand`), so the
  screen says "Niet opgeslagen – geen verbinding; nieuwe poging over 5 s". At start the journal is replayed
  before any read runs.
- Errors are handled in one place (`behandel_fout`): ValidatieFout to the fields (through the `fout` callback),
  ConflictFout to a dialog, GeenToegang and database trouble to one clear Dutch sentence in the status bar.
- Changes are announced (`gewijzigd(Wijziging)`): open screens refresh themselves.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import logging
import threading
import time
import traceback
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from consulent_app import journaal as jn
from consulent_app.errors import ConflictFout, ConsulentFout, ValidatieFout, VeldConflict
from consulent_app.services.base import Actor, AppContext

log = logging.getLogger(__name__)

# --- journaled operations: a name and JSON arguments, so a write can be replayed after a crash ----------------------

Uitvoerder = Callable[[AppContext, Actor, dict[str, Any]], Any]
OPERATIES: dict[str, Uitvoerder] = {}


def operatie(naam: str) -> Callable[[Uitvoerder], Uitvoerder]:
    """Register a replayable write. Its args are JSON (dates and decimals allowed, see consulent_app.journaal)."""
    def deco(fn: Uitvoerder) -> Uitvoerder:
        OPERATIES[naam] = fn
        return fn
    return deco


def _eigen_poging(opgeslagen: Any, geprobeerd: list[Any]) -> bool:
    """Is the stored value one of our own earlier tries (compared as the core stores text: NFC, stripped)?"""
    def n(x: Any) -> Any:
        return (unicodedata.normalize("NFC", x).strip() or None) if isinstance(x, str) else x
    return any(n(opgeslagen) == n(g) for g in geprobeerd)


def _gezien(args: Mapping[str, Any]) -> dict[str, Any]:
    return {"gezien": args["gezien"]} if "gezien" in args else {}


@operatie("onderzoek.bewaar_veld")
def _bewaar_veld(ctx: AppContext, actor: Actor, a: dict[str, Any]) -> Any:
    from consulent_app.services import onderzoek

    return onderzoek.bewaar_veld(ctx, actor, a["onderzoek_id"], a["nummer"], a["key"], a["waarde"], **_gezien(a))


@operatie("onderzoek.gehoord_bijwerken")
def _gehoord(ctx: AppContext, actor: Actor, a: dict[str, Any]) -> Any:
    from consulent_app.services import onderzoek

    extra: dict[str, Any] = {"gezien": {a["key"]: a["gezien"]}} if "gezien" in a else {}
    return onderzoek.gehoord_bijwerken(ctx, actor, a["onderzoek_id"], {a["key"]: a["waarde"]}, **extra)


# --- what changed, and the state of saving ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Wijziging:
    """What a write changed, so open screens can refresh: e.g. Wijziging({"onderzoek"}, onderzoek_id=12)."""

    soorten: frozenset[str]
    client_id: int | None = None
    onderzoek_id: int | None = None
    bron: object | None = None  # the screen that made the change (it refreshes itself already)
    elders: bool = False  # another user made it (seen in the audit log: Ops.kijk_naar_wijzigingen)

    @classmethod
    def van(cls, *soorten: str, client_id: int | None = None, onderzoek_id: int | None = None,
            bron: object | None = None, elders: bool = False) -> Wijziging:
        return cls(frozenset(soorten), client_id, onderzoek_id, bron, elders)

    def raakt(self, *soorten: str) -> bool:
        return bool(self.soorten.intersection(soorten))


@dataclass(frozen=True)
class OpslagStand:
    wachtend: int = 0  # journal entries still to be written
    geweigerd: int = 0  # refused by the service or in conflict: kept, shown at the field
    bezig: bool = False
    fout: str | None = None  # e.g. "geen verbinding met de database"
    volgende_poging: float | None = None  # time.monotonic() of the next try
    opgeslagen_om: dt.datetime | None = None

    def tekst(self, nu: float | None = None) -> str:
        if self.fout and self.wachtend:
            rest = max(0, round((self.volgende_poging or 0) - (nu if nu is not None else time.monotonic())))
            poging = f"nieuwe poging over {rest} s" if rest else "nieuwe poging nu"
            return f"Niet opgeslagen – {self.fout}; {poging}"
        if self.wachtend or self.bezig:
            return "Bezig met opslaan…"
        if self.geweigerd:
            return f"Niet opgeslagen: {self.geweigerd} veld(en) met een melding"
        if self.opgeslagen_om is not None:
            return f"Opgeslagen {self.opgeslagen_om:%H:%M}"
        return "Alles is opgeslagen."

    @property
    def alles_opgeslagen(self) -> bool:
        return not (self.wachtend or self.geweigerd or self.bezig)


#: Another user's write, as the audit log names its object (services.wijzigingen), in the kinds screens follow.
SOORTEN_VAN_OBJECT: dict[str, frozenset[str]] = {
    "beschikking": frozenset({"beschikking", "toetsing", "verzendlijst"}),
    "beschikking_regel": frozenset({"beschikking"}),
    "melding": frozenset({"melding", "werkvoorraad"}),
    "aanvraag": frozenset({"aanvraag", "werkvoorraad"}),
    "onderzoek": frozenset({"onderzoek"}),
    "onderzoek_stap": frozenset({"onderzoek"}),
    "voorziening": frozenset({"voorziening"}),
    "periodiek_onderzoek": frozenset({"po", "werkvoorraad"}),
    "toewijzing": frozenset({"toewijzing", "werkvoorraad"}),
    "opschorting": frozenset({"termijn"}),
    "termijnen": frozenset({"termijn"}),
    "client": frozenset({"client"}),
    "document": frozenset({"document"}),
}
KIJK_INTERVAL_S: float | None = 5.0  # how often an open window asks what others changed (None: only when asked)


# --- errors in one place -----------------------------------------------------------------------------------------------

ONBEKENDE_FOUT = "Er ging iets mis. Details staan in het logbestand; neem contact op met de beheerder als dit blijft."


def fout_tekst(exc: BaseException) -> str:
    """The one Dutch sentence a user reads for any failure of a call into the core."""
    if isinstance(exc, ConsulentFout):
        return str(exc)
    if jn.is_tijdelijk(exc):
        return f"Niet gelukt – {jn.reden(exc)}. Probeer het zo opnieuw; wat u typte staat er nog."
    return ONBEKENDE_FOUT


def behandel_fout(ops: Ops | None, eigenaar: QObject | None, exc: BaseException) -> None:
    """Default handling when the screen's own `fout` callback did not take it."""
    if not isinstance(exc, ConsulentFout) and not jn.is_tijdelijk(exc):
        log.error("bewerking mislukt:\n%s", "".join(traceback.format_exception(exc)))
    if isinstance(exc, ConflictFout):
        parent = eigenaar if isinstance(eigenaar, QWidget) else None
        toon_conflict(parent, str(exc))
        if ops is not None:
            ops.gewijzigd.emit(Wijziging.van("*"))
        return
    if ops is not None:
        ops.melding.emit(fout_tekst(exc))


def toon_conflict(parent: QWidget | None, tekst: str) -> None:
    """A non-blocking dialog (a conflict never waits on the user while other saves go on)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Intussen gewijzigd", tekst, QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText("Het scherm toont nu de opgeslagen gegevens.")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


# --- the machinery ------------------------------------------------------------------------------------------------------


class _Taak(QRunnable):
    def __init__(self, fn: Callable[[], None]) -> None:
        super().__init__()
        self.fn = fn
        self.setAutoDelete(True)

    def run(self) -> None:
        self.fn()


class _NaHetTekenen(QObject):
    """Starts background work held back by `Ops.eerst_tekenen` once the window has painted: its event is posted
    with the low priority Qt gives a window's paint request (QEvent.UpdateRequest), so it comes after it. One for
    the application, never deleted while it runs (a Python `event` of an object being deleted with its window
    crashes the process)."""

    SOORT = QEvent.Type(QEvent.registerEventType())

    def __init__(self) -> None:
        super().__init__()
        self.wachtend: list[Ops] = []

    def na_het_tekenen(self, ops: Ops) -> None:
        if ops not in self.wachtend:
            self.wachtend.append(ops)
        QCoreApplication.postEvent(self, QEvent(self.SOORT), Qt.EventPriority.LowEventPriority.value)

    def event(self, e: QEvent) -> bool:  # noqa: D102
        if e.type() == self.SOORT:
            wachtend, self.wachtend = self.wachtend, []
            for ops in wachtend:
                if shiboken6.isValid(ops):
                    ops._start_uitgesteld()
            return True
        return super().event(e)


_starter: list[_NaHetTekenen] = []


_alle: list[Ops] = []
#: When a read or write was last handed in or its outcome handled on the GUI thread, or typed text journaled
#: (time.monotonic).
_drukte = [0.0]


def stil_sinds() -> float | None:
    """Seconds since the last read or write of any window was handed in or handled (or an autosave field's text
    journaled: the user types), and nothing in flight now;
    None while something runs or waits to be handled. GUI thread; counters only, no database, no lock. A screen
    being loaded reads, and fills its parts in the turns right after the read comes back: this says when that is
    over (ui.main runs the costly collections of Python's cyclic collector then, not in the middle of it)."""
    for ops in _alle:
        if ops._lezend or ops._te_bezorgen or ops._teller.afgehandeld < ops._teller.ingediend:
            return None
    return time.monotonic() - _drukte[0]
LEES_HERHALING = (0.5, 1.0, 2.0)  # seconds between tries of a read that failed on a locked or lost database


def _stappen_bezig() -> bool:
    from ui.widgets import stappen_bezig

    return stappen_bezig()


def wacht_op_alles(timeout_s: float = 10.0) -> bool:
    """For tests and closing: process GUI events until every live Ops is quiet (or waiting out a failure), no
    background call runs and no screen has GUI work waiting in slices (ui.widgets.InStappen). True when quiet."""
    einde = time.monotonic() + timeout_s
    app = QApplication.instance()
    if app is not None:
        app.processEvents()  # what was posted before (a click's slot, a timer of 0 ms) comes first
    while True:
        actief = [o for o in _alle if shiboken6.isValid(o) and not o._gestopt]
        if not achtergrond_bezig() and all(o.rustig() or o._volgende is not None for o in actief) \
                and not _stappen_bezig():
            return True
        if time.monotonic() >= einde:
            return False
        if app is not None:
            app.processEvents()
        time.sleep(0.003)


@dataclass
class _Luisteraar:
    eigenaar: QObject
    klaar: Callable[[Any], None] | None
    fout: Callable[[BaseException], bool] | None
    wijziging: Wijziging | None = None


@dataclass
class _Teller:
    ingediend: int = 0
    afgehandeld: int = 0
    cond: threading.Condition = field(default_factory=threading.Condition)


@dataclass(frozen=True)
class LangeTaak:
    """A long write under way (Ops.lang): `cancel()` stops it between two items, like Annuleren in its dialog."""

    gestopt: threading.Event

    def cancel(self) -> None:
        self.gestopt.set()

    def cancelled(self) -> bool:
        return self.gestopt.is_set()


class Ops(QObject):
    """One per logged-in window and database. Lives in the GUI thread; its writer is one background thread."""

    gewijzigd = Signal(object)  # Wijziging
    stand = Signal(object)  # OpslagStand
    melding = Signal(str)  # a sentence for the status bar (an error)
    _terug = Signal(object)  # a callable to run in the GUI thread

    def __init__(self, ctx: AppContext, actor: Actor, journaal: jn.Journaal | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.journaal = journaal if journaal is not None else maak_journaal(ctx)
        self._schrijver = QThreadPool(self)
        self._schrijver.setMaxThreadCount(1)  # one writer per database: writes keep their order
        self._schrijver.setExpiryTimeout(-1)
        self._lezers = QThreadPool.globalInstance()
        self._teller = _Teller()
        self._te_bezorgen = 0  # results posted to the GUI thread, not yet handled
        self._luisteraars: dict[str, _Luisteraar] = {}
        self._lees_generatie: dict[tuple[int, str], int] = {}
        # GUI thread only: per read or write its owner and callbacks (see _houd_bij_gui); the outcome the worker
        # puts next to it (a dict item set under the GIL), taken out on the GUI thread.
        self._wachtend: dict[int, tuple[Any, ...]] = {}
        self._uitkomsten: dict[int, tuple[Any, BaseException | None]] = {}
        self._vooraf: dict[str, Future[Any]] = {}
        self._lezend = 0
        self._fout: str | None = None
        self._pogingen = 0
        self._volgende: float | None = None
        self._opgeslagen_om: dt.datetime | None = None
        self._bezig = False
        self._gestopt = False
        self._uitgesteld: list[tuple[QThreadPool, _Taak]] | None = None  # see eerst_tekenen
        self._wacht_uitgesteld: list[tuple[QThreadPool, _Taak]] = []
        self._vast = 0  # see houd_vast
        if not _starter:
            _starter.append(_NaHetTekenen())
        self._terug.connect(self._voer_uit)
        self._herhaal = QTimer(self)
        self._herhaal.setSingleShot(True)
        self._herhaal.timeout.connect(self._schop)
        self._klok = QTimer(self)  # the countdown "nieuwe poging over 5 s" ticks each second
        self._klok.setInterval(1000)
        self._klok.timeout.connect(self._meld_stand)
        self._gezien_tot: int | None = None  # the audit event up to which others' changes were announced
        self._kijkt = False
        self._kijk = QTimer(self)
        self._kijk.timeout.connect(self.kijk_naar_wijzigingen)
        _alle.append(self)
        # The journal of an earlier session (crash, kill, no connection at closing) first, before any read.
        if self.journaal.wachtend(self.actor.gebruiker_id):
            self._schop()
        from consulent_app.services.wijzigingen import VOLGERS

        if actor.rol in VOLGERS:
            self.kijk_naar_wijzigingen()  # where the audit log stands now
            if KIJK_INTERVAL_S:
                self._kijk.start(int(KIJK_INTERVAL_S * 1000))

    # --- GUI-thread plumbing -------------------------------------------------------------------------------------

    @Slot(object)
    def _voer_uit(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        finally:
            with self._teller.cond:
                self._te_bezorgen -= 1
            _drukte[0] = time.monotonic()

    def _in_gui(self, fn: Callable[[], None]) -> None:
        if not self._gestopt and shiboken6.isValid(self):
            with self._teller.cond:
                self._te_bezorgen += 1
            self._terug.emit(fn)

    @staticmethod
    def _leeft(obj: QObject | None) -> bool:
        return obj is None or shiboken6.isValid(obj)

    def _start(self, pool: QThreadPool, taak: _Taak) -> None:
        _drukte[0] = time.monotonic()
        if self._uitgesteld is not None:
            self._uitgesteld.append((pool, taak))
        elif self._vast:
            self._wacht_uitgesteld.append((pool, taak))
        else:
            pool.start(taak)

    @contextmanager
    def eerst_tekenen(self) -> Iterator[None]:
        """Reads and writes handed in within this block (a step change, a screen being opened) start only after the
        window has painted what the block changed, in the same order. The paint then has the processor and Python's
        GIL to itself instead of sharing them with a background call building its result: the window stood still
        for tens of milliseconds for that (issue 13). Reads still wait for the writes handed in before them."""
        if self._uitgesteld is not None:
            yield
            return
        self._uitgesteld = []
        try:
            yield
        finally:
            taken, self._uitgesteld = self._uitgesteld, None
            if taken:
                self._wacht_uitgesteld.extend(taken)
                if not self._vast:
                    _starter[0].na_het_tekenen(self)

    def houd_vast(self) -> Callable[[], None]:
        """Reads and writes handed in from now on (also after an `eerst_tekenen` block ends) wait until the returned
        function is called, and then until the window has painted: a screen made in one turn of the event loop and
        shown in the next (ui.mainwindow) reads what it shows after it is shown. Call the function once."""
        self._vast += 1
        gedaan = [False]

        def los() -> None:
            if gedaan[0]:
                return
            gedaan[0] = True
            self._vast -= 1
            if not self._vast and self._wacht_uitgesteld and self._uitgesteld is None and _starter:
                _starter[0].na_het_tekenen(self)

        return los

    def _start_uitgesteld(self) -> None:
        if self._vast:  # held again meanwhile: started when that hold ends
            return
        taken, self._wacht_uitgesteld = self._wacht_uitgesteld, []
        for pool, taak in taken:
            pool.start(taak)

    def _dien_in(self, fn: Callable[[], None]) -> None:
        """Hand work to the writer, counted so reads can wait for what was handed in before them."""
        with self._teller.cond:
            self._teller.ingediend += 1

        def werk() -> None:
            try:
                fn()
            finally:
                with self._teller.cond:
                    self._teller.afgehandeld += 1
                    self._teller.cond.notify_all()

        self._start(self._schrijver, _Taak(werk))

    def _wacht_op_schrijver(self, tot: int, timeout_s: float = 30.0) -> None:
        # While the writer is waiting out a failure, reads do not wait for it (they would fail the same way or
        # read the last committed state; the journal keeps the text and the field keeps showing it).
        with self._teller.cond:
            self._teller.cond.wait_for(lambda: self._teller.afgehandeld >= tot or self._volgende is not None,
                                       timeout=timeout_s)

    # --- reads -----------------------------------------------------------------------------------------------------

    def lees(self, eigenaar: QObject, fn: Callable[[], Any], klaar: Callable[[Any], None], *,
             fout: Callable[[BaseException], bool] | None = None, sleutel: str = "") -> None:
        """Run `fn()` off the GUI thread; `klaar(result)` in the GUI thread. `fout(exc)` may handle an error
        (return True); otherwise it goes to `behandel_fout`. Only the newest read per (eigenaar, sleutel) lands."""
        k = (id(eigenaar), sleutel)
        gen = self._lees_generatie.get(k, 0) + 1
        self._lees_generatie[k] = gen
        tot = self._teller.ingediend
        self._lezend += 1
        self._meld_stand()
        nummer = self._houd_bij_gui(eigenaar, klaar, fout)
        te_doen = [fn]

        def werk() -> None:
            self._wacht_op_schrijver(tot)
            f = te_doen.pop()
            for wacht in (*LEES_HERHALING, None):
                try:
                    self._uitkomsten[nummer] = (f(), None)
                    break
                except Exception as exc:  # noqa: BLE001 - delivered to the GUI thread and handled in one place
                    self._uitkomsten[nummer] = (None, exc)
                    if wacht is None or not jn.is_tijdelijk(exc):
                        break
                    time.sleep(wacht)  # a locked database or a dropped connection often passes in a moment
            del f
            self._in_gui(functools.partial(self._lezing_binnen, nummer, k, gen))

        self._start(self._lezers, _Taak(werk))

    def _houd_bij_gui(self, eigenaar: QObject | None, *terug: Any) -> int:
        """Keep a call's owner and callbacks here, on the GUI thread, under a number until its outcome arrives. The
        worker holds only the number and lets go of its function before it reports: a worker holding the last
        reference to a window of its own (a dialog without parent, a callback bound to it) would delete it on its
        own thread, and a QWidget deleted off the GUI thread deadlocks the program (`achtergrond`, issue 17)."""
        nummer = next(_nummers)
        self._wachtend[nummer] = (eigenaar, *terug)
        return nummer

    def _lezing_binnen(self, nummer: int, k: tuple[int, str], gen: int) -> None:
        eigenaar, klaar, fout = self._wachtend.pop(nummer)
        uitkomst, fout_exc = self._uitkomsten.pop(nummer)
        self._lezend -= 1
        self._meld_stand()
        if not self._leeft(eigenaar) or self._lees_generatie.get(k) != gen:
            return
        if fout_exc is None:
            klaar(uitkomst)
        elif not (fout is not None and fout(fout_exc)):
            behandel_fout(self, eigenaar, fout_exc)

    # --- what other users changed ------------------------------------------------------------------------------

    def kijk_naar_wijzigingen(self) -> None:
        """Ask, off the GUI thread, which cases other users changed since the last time (the audit log's write
        events: services.wijzigingen) and announce them (`gewijzigd`, elders=True), one per client, so open
        screens follow what a colleague did on another computer. A failure (no connection) is simply tried at
        the next tick."""
        if self._kijkt or self._gestopt:
            return
        self._kijkt = True
        from consulent_app.services import wijzigingen as wz

        ctx, actor, na = self.ctx, self.actor, self._gezien_tot

        def werk() -> None:
            try:
                uit: wz.Wijzigingen | None = wz.wijzigingen_sinds(ctx, actor, na)
            except Exception:  # noqa: BLE001 - a lost connection or a locked database: the next tick tries again
                uit = None
            self._in_gui(functools.partial(self._wijzigingen_binnen, uit))

        self._lezers.start(_Taak(werk))

    def _wijzigingen_binnen(self, uit: Any) -> None:
        self._kijkt = False
        if uit is None:
            return
        eerste = self._gezien_tot is None
        self._gezien_tot = uit.tot_id
        if eerste:
            return
        per_client: dict[int | None, set[str]] = {}
        for g in uit.items:
            per_client.setdefault(g.client_id, set()).update(SOORTEN_VAN_OBJECT.get(g.object_type, {g.object_type}))
        for client_id, soorten in per_client.items():
            self.gewijzigd.emit(Wijziging(frozenset(soorten), client_id=client_id, elders=True))

    # --- reference data (teams, code lists): fetched once off the GUI thread -----------------------------------------

    def vooraf(self, sleutel: str, fn: Callable[[], Any]) -> None:
        """Start fetching reference data that screens need while they are built (e.g. the teams for a filter);
        `gegeven(sleutel)` hands it over. Fetched at login, in the background."""
        if sleutel in self._vooraf:
            return
        toekomst: Future[Any] = Future()
        self._vooraf[sleutel] = toekomst

        def werk() -> None:
            try:
                toekomst.set_result(fn())
            except Exception as exc:  # noqa: BLE001 - re-raised where it is used
                toekomst.set_exception(exc)

        self._lezers.start(_Taak(werk))

    def gegeven(self, sleutel: str, fn: Callable[[], Any] | None = None, timeout_s: float = 15.0) -> Any:
        """The reference data `sleutel` (started with `vooraf`, or now with `fn`). Normally long there when a
        screen asks; the GUI thread never runs its SQL. Raises what the fetch raised."""
        if sleutel not in self._vooraf:
            if fn is None:
                raise KeyError(sleutel)
            self.vooraf(sleutel, fn)
        return self._vooraf[sleutel].result(timeout=timeout_s)

    def vergeet_gegeven(self, sleutel: str) -> None:
        """Reference data changed (a team renamed in Beheer): fetch it again next time."""
        self._vooraf.pop(sleutel, None)

    # --- plain writes (buttons, dialogs) ----------------------------------------------------------------------------

    def schrijf(self, eigenaar: QObject | None, fn: Callable[[], Any], klaar: Callable[[Any], None] | None = None, *,
                fout: Callable[[BaseException], bool] | None = None,
                wijziging: Wijziging | Callable[[Any], Wijziging] | None = None) -> None:
        """Run the write `fn()` on the writer, after every write handed in before. On success `klaar(result)` and
        the change is announced; on failure `fout(exc)` or the one default. The screen keeps what was typed."""
        self._bezig = True
        self._meld_stand()
        nummer = self._houd_bij_gui(eigenaar, klaar, fout, wijziging)
        te_doen = [fn]

        def werk() -> None:
            f = te_doen.pop()
            try:
                self._uitkomsten[nummer] = (f(), None)
            except Exception as exc:  # noqa: BLE001
                self._uitkomsten[nummer] = (None, exc)
            del f
            self._in_gui(functools.partial(self._schrijven_binnen, nummer))

        self._dien_in(werk)

    def _schrijven_binnen(self, nummer: int) -> None:
        eigenaar, klaar, fout, wijziging = self._wachtend.pop(nummer)
        uitkomst, fout_exc = self._uitkomsten.pop(nummer)
        self._bezig = self._teller.ingediend > self._teller.afgehandeld
        if fout_exc is None:
            self._opgeslagen_om = dt.datetime.now()
            self._meld_stand()
            if klaar is not None and self._leeft(eigenaar):
                klaar(uitkomst)
            w = wijziging(uitkomst) if callable(wijziging) else wijziging
            if w is not None:
                self.gewijzigd.emit(w)
            return
        self._meld_stand()
        levend = self._leeft(eigenaar)
        if not (fout is not None and levend and fout(fout_exc)):
            behandel_fout(self, eigenaar if levend else None, fout_exc)

    # --- long writes with progress ---------------------------------------------------------------------------------

    def lang(self, eigenaar: QWidget, titel: str, fn: Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any],
             klaar: Callable[[Any], None] | None = None, *, fout: Callable[[BaseException], bool] | None = None,
             wijziging: Wijziging | Callable[[Any], Wijziging] | None = None) -> LangeTaak:
        """A long write on the writer (e.g. 200 decisions sent): `fn(voortgang, geannuleerd)`, each item its own
        transaction in the core; a progress dialog with Annuleren (asked between items) shows after 300 ms.
        Returns the running task: `cancel()` asks it to stop between items, as Annuleren does."""
        dialoog = QProgressDialog(titel, "Annuleren", 0, 0, eigenaar)
        dialoog.setWindowTitle(titel)
        dialoog.setWindowModality(Qt.WindowModality.WindowModal)
        dialoog.setMinimumDuration(300)
        dialoog.setAutoClose(False)
        dialoog.setAutoReset(False)
        gestopt = threading.Event()
        # A function, which the connection itself holds, not the bound method `gestopt.set`: PySide holds that one
        # weakly and disconnects when the Event dies, and the Event died on the writer's thread when the caller had
        # not kept the task (the writer held the last reference). That disconnect, holding Qt's lock on the
        # dialog's connections, waited for Python's GIL while the GUI thread, holding the GIL, closed the dialog and
        # waited for that lock: the program hung for good (seen in test_berichten_ui).
        dialoog.canceled.connect(lambda: gestopt.set())

        afgelopen = [False]

        def voortgang(gedaan: int, totaal: int, tekst: str = "") -> None:
            def toon() -> None:
                # A progress report that arrives after the task ended shows nothing: setValue on a dialog already
                # reset would show it again after its minimum duration (and, being modal, run the event loop).
                if not afgelopen[0] and shiboken6.isValid(dialoog):
                    dialoog.setMaximum(max(totaal, 0))
                    dialoog.setValue(gedaan)
                    if tekst:
                        dialoog.setLabelText(f"{titel}: {tekst} ({gedaan} van {totaal})")
            self._in_gui(toon)

        def sluit_dialoog() -> None:
            afgelopen[0] = True
            if shiboken6.isValid(dialoog):
                dialoog.reset()
                dialoog.close()
                dialoog.deleteLater()

        def na(uitkomst: Any) -> None:
            sluit_dialoog()
            if klaar is not None:
                klaar(uitkomst)

        def bij_fout(exc: BaseException) -> bool:
            sluit_dialoog()
            return fout is not None and fout(exc)

        self.schrijf(eigenaar, lambda: fn(voortgang, gestopt.is_set), na, fout=bij_fout, wijziging=wijziging)
        return LangeTaak(gestopt)

    # --- journaled writes (autosave) ------------------------------------------------------------------------------

    def bewaar(self, sleutel: str, operatie_naam: str, args: Mapping[str, Any], *, eigenaar: QObject,
               klaar: Callable[[Any], None] | None = None, fout: Callable[[BaseException], bool] | None = None,
               wijziging: Wijziging | None = None, nieuwe_basis: bool = False, nu: bool = True) -> None:
        """Journal `operatie(args)` under `sleutel` now, then write it in order; a newer call with the same sleutel
        replaces a waiting one. `klaar`/`fout` of the newest call hear how it ended. `nu=False` only journals
        (every keystroke: a kill a moment later loses nothing); the writer takes it at the next `bewaar`."""
        if operatie_naam not in OPERATIES:
            raise KeyError(operatie_naam)
        # The user is typing: as busy as a read or write (the costly collections wait for a pause in the typing).
        _drukte[0] = time.monotonic()
        self.journaal.zet(self.actor.gebruiker_id, sleutel, operatie_naam, args, nieuwe_basis=nieuwe_basis)
        self._luisteraars[sleutel] = _Luisteraar(eigenaar, klaar, fout, wijziging)
        if not nu:
            return
        self._meld_stand()
        if self._volgende is None:  # while waiting out a failure, the timer tries again (in order)
            self._schop()

    def vergeet(self, sleutel: str) -> None:
        """The user let this text go (took the other version, discarded a refused paste)."""
        self.journaal.verwijder(self.actor.gebruiker_id, sleutel)
        self._luisteraars.pop(sleutel, None)
        self._meld_stand()

    def journaal_items(self, voorvoegsel: str) -> list[jn.Item]:
        """What this user has in the journal under `voorvoegsel` (to show it in the fields after a restart)."""
        return self.journaal.alle(self.actor.gebruiker_id, voorvoegsel)

    def opnieuw_nu(self) -> None:
        """Try the waiting writes now (the user pressed 'Nu opnieuw proberen')."""
        self._herhaal.stop()
        self._volgende = None
        self._pogingen = 0  # the user says the connection is back: the backoff starts again from 1 s
        self._schop()

    def _schop(self) -> None:
        self._volgende = None
        self._klok.stop()
        self._dien_in(self._schrijf_journaal)

    def _schrijf_journaal(self) -> None:
        """In the writer thread: write every waiting entry of this user, oldest first; stop at a failure of the
        connection (order is kept: nothing later overtakes it)."""
        gid = self.actor.gebruiker_id
        for item in self.journaal.wachtend(gid):
            actueel = self.journaal.haal(item.id)
            if actueel is None or actueel.status is not jn.Status.WACHTEND:
                continue
            item = actueel
            try:
                try:
                    uitkomst = OPERATIES[item.operatie](self.ctx, self.actor, item.args)
                except VeldConflict as exc:
                    if not _eigen_poging(exc.ander, item.args.get("geprobeerd") or []):
                        raise
                    # The "other" text is our own earlier try whose commit we never heard of (the connection
                    # dropped during it): no conflict. Write again on top of it.
                    self.journaal.zet(item.gebruiker_id, item.sleutel, item.operatie,
                                      {**item.args, "gezien": exc.ander}, nieuwe_basis=True)
                    item = self.journaal.haal(item.id) or item
                    uitkomst = OPERATIES[item.operatie](self.ctx, self.actor, item.args)
            except ConsulentFout as exc:
                status = jn.Status.CONFLICT if isinstance(exc, ConflictFout) else jn.Status.GEWEIGERD
                self.journaal.weiger(item, status, str(exc))
                self._in_gui(functools.partial(self._afgewezen, item, exc))
                continue
            except Exception as exc:  # noqa: BLE001
                if jn.is_tijdelijk(exc):
                    self.journaal.mislukt(item, jn.reden(exc))
                    self._in_gui(functools.partial(self._tijdelijk_mislukt, item, exc))
                    return
                log.error("opslaan mislukt (%s):\n%s", item.operatie, traceback.format_exc())
                self.journaal.weiger(item, jn.Status.GEWEIGERD, ONBEKENDE_FOUT)
                self._in_gui(functools.partial(self._afgewezen, item, exc))
                continue
            verwijderd = self.journaal.klaar(item)
            self._in_gui(functools.partial(self._gelukt, item, uitkomst, verwijderd))
        self._in_gui(self._journaal_leeg_of_weer_goed)

    def _journaal_leeg_of_weer_goed(self) -> None:
        if self._volgende is None:
            self._fout = None
            self._pogingen = 0
        self._meld_stand()

    def _gelukt(self, item: jn.Item, uitkomst: Any, verwijderd: bool) -> None:
        self._fout = None
        self._pogingen = 0
        self._opgeslagen_om = dt.datetime.now()
        luisteraar = self._luisteraars.get(item.sleutel)
        if not verwijderd:  # a newer text for this sleutel waits: its listener hears when that one is in
            self._meld_stand()
            return
        self._luisteraars.pop(item.sleutel, None)
        if luisteraar is not None and self._leeft(luisteraar.eigenaar) and luisteraar.klaar is not None:
            luisteraar.klaar(uitkomst)
        self.gewijzigd.emit(luisteraar.wijziging if luisteraar is not None and luisteraar.wijziging is not None
                            else Wijziging.van("journaal", onderzoek_id=item.args.get("onderzoek_id")))
        self._meld_stand()

    def _afgewezen(self, item: jn.Item, exc: BaseException) -> None:
        luisteraar = self._luisteraars.get(item.sleutel)
        levend = luisteraar is not None and self._leeft(luisteraar.eigenaar)
        if luisteraar is not None and levend and luisteraar.fout is not None and luisteraar.fout(exc):
            self._meld_stand()
            return
        if isinstance(exc, ValidatieFout | ConflictFout) or not isinstance(exc, ConsulentFout):
            self.melding.emit(f"Niet opgeslagen: {fout_tekst(exc)}")
        else:
            self.melding.emit(fout_tekst(exc))
        self._meld_stand()

    def _tijdelijk_mislukt(self, item: jn.Item, exc: BaseException) -> None:
        self._pogingen += 1
        wacht = jn.wachttijd(self._pogingen)
        self._fout = jn.reden(exc)
        self._volgende = time.monotonic() + wacht
        with self._teller.cond:
            self._teller.cond.notify_all()
        self._herhaal.start(int(wacht * 1000))
        self._klok.start()
        self._meld_stand()

    # --- state ----------------------------------------------------------------------------------------------------

    def huidige_stand(self, *, vers: bool = False) -> OpslagStand:
        """The save status; without `vers` from the journal's kept counts (no query on the GUI thread at every read
        and write a screen hands in: reading the entries, texts and all, stood the window still up to 4 ms)."""
        wachtend, geweigerd = self.journaal.telling(self.actor.gebruiker_id, vers=vers)
        return OpslagStand(wachtend=wachtend, geweigerd=geweigerd,
                           bezig=self._bezig, fout=self._fout, volgende_poging=self._volgende,
                           opgeslagen_om=self._opgeslagen_om)

    def _meld_stand(self) -> None:
        if shiboken6.isValid(self):
            self.stand.emit(self.huidige_stand())

    def rustig(self) -> bool:
        """Nothing running, nothing queued, nothing waiting in the journal (refused entries aside)."""
        return (self._teller.afgehandeld >= self._teller.ingediend and self._lezend == 0
                and self._te_bezorgen == 0 and not self.journaal.wachtend(self.actor.gebruiker_id))

    def wacht(self, timeout_s: float = 10.0) -> bool:
        """Process GUI events until `rustig()` or the time is up (tests, closing). True when quiet."""
        einde = time.monotonic() + timeout_s
        app = QApplication.instance()
        if app is not None and QThread.currentThread() is app.thread():
            app.processEvents()  # what was posted before (a click's slot, a timer of 0 ms) comes first
        while time.monotonic() < einde:
            if self.rustig():
                return True
            if self._volgende is not None:  # waiting out a failure: do not spin on it
                return False
            if app is not None and QThread.currentThread() is app.thread():
                app.processEvents()
            time.sleep(0.005)
        return self.rustig()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Closing: finish what is running; what is not written stays in the journal for the next start."""
        for timer in (self._herhaal, self._klok, self._kijk):
            if shiboken6.isValid(timer):  # a window closed a second time, while it is being deleted
                timer.stop()
        # Held back for a paint that will not come: the writes are written now, in order; the reads are dropped
        # (nobody will see them, and they would deliver to a window being deleted).
        taken, self._wacht_uitgesteld = self._wacht_uitgesteld, []
        for pool, taak in taken:
            if pool is self._schrijver and shiboken6.isValid(pool):
                pool.start(taak)
        if shiboken6.isValid(self._schrijver):
            self._schrijver.waitForDone(int(timeout_s * 1000))
        self._gestopt = True
        if self in _alle:
            _alle.remove(self)


class _Bode(QObject):
    """Brings the outcome of `achtergrond` to the GUI thread (by number: see there)."""

    klaar = Signal(int)

    @Slot(int)
    def bezorg(self, nummer: int) -> None:
        _achtergrond_bezig[0] -= 1
        eigenaar, klaar, fout = _wachtend.pop(nummer)
        uitkomst, fout_exc = _uitkomsten.pop(nummer)
        if not shiboken6.isValid(eigenaar):
            return
        if fout_exc is None:
            klaar(uitkomst)
        else:
            if not isinstance(fout_exc, ConsulentFout) and not jn.is_tijdelijk(fout_exc):
                log.error("achtergrondtaak mislukt:\n%s", "".join(traceback.format_exception(fout_exc)))
            fout(fout_exc)


_bode: list[_Bode] = []
_achtergrond_bezig = [0]
#: GUI thread only: per call of `achtergrond` its owner and callbacks, and (put there by the worker) its outcome.
_wachtend: dict[int, tuple[QObject, Callable[[Any], None], Callable[[BaseException], None]]] = {}
_uitkomsten: dict[int, tuple[Any, BaseException | None]] = {}
_nummers = itertools.count()


def achtergrond(eigenaar: QObject, fn: Callable[[], Any], klaar: Callable[[Any], None],
                fout: Callable[[BaseException], None]) -> None:
    """A call into the core before anyone is logged in (login, unlock: argon2 takes ~150 ms), off the GUI thread.
    `klaar`/`fout` run in the GUI thread, only while `eigenaar` exists.

    The worker holds neither the owner nor the callbacks (they wait here, on the GUI thread, under a number) and
    lets go of `fn` before it reports: a worker holding the last reference to a dialog deleted it on its own thread
    when it ended, and a QWidget deleted off the GUI thread deadlocks the program (seen at the start: the login
    dialog, accepted and let go by the GUI thread before the worker had ended, issue 17)."""
    if not _bode:
        bode = _Bode()
        bode.klaar.connect(bode.bezorg)
        _bode.append(bode)
    bode = _bode[0]
    _achtergrond_bezig[0] += 1
    nummer = next(_nummers)
    _wachtend[nummer] = (eigenaar, klaar, fout)
    werk_te_doen = [fn]

    def werk() -> None:
        f = werk_te_doen.pop()
        try:
            _uitkomsten[nummer] = (f(), None)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread
            _uitkomsten[nummer] = (None, exc)
        del f
        bode.klaar.emit(nummer)

    QThreadPool.globalInstance().start(_Taak(werk))


def achtergrond_bezig() -> bool:
    return _achtergrond_bezig[0] > 0


def van(widget: QObject | None) -> Ops | None:
    """The Ops of the window `widget` sits in (a dialog: of its parent's window); None for a widget shown on its own
    (a test)."""
    while widget is not None:
        ops = getattr(widget, "ops", None)
        if isinstance(ops, Ops):
            return ops
        widget = widget.parentWidget() if isinstance(widget, QWidget) else None
    return None


def voer_uit(eigenaar: QObject, fn: Callable[[], Any], klaar: Callable[[Any], None],
             fout: Callable[[BaseException], bool] | None = None, *, schrijven: bool = False,
             wijziging: Wijziging | Callable[[Any], Wijziging] | None = None, sleutel: str = "") -> None:
    """A read (or with `schrijven` a write) for a widget that may sit outside a main window (a dialog, a preview):
    through the window's Ops when there is one, else on a background thread (`achtergrond`). Never on the GUI
    thread. `fout(exc)` returns True when it handled the error; otherwise the one default applies."""
    ops = van(eigenaar)
    if ops is not None:
        if schrijven:
            ops.schrijf(eigenaar, fn, klaar, fout=fout, wijziging=wijziging)
        else:
            ops.lees(eigenaar, fn, klaar, fout=fout, sleutel=sleutel)
        return

    def bij_fout(exc: BaseException) -> None:
        if fout is not None and fout(exc):
            return
        parent = eigenaar if isinstance(eigenaar, QWidget) else None
        if isinstance(exc, ConflictFout):
            toon_conflict(parent, str(exc))
            return
        box = QMessageBox(QMessageBox.Icon.Warning, "Consulent", fout_tekst(exc), QMessageBox.StandardButton.Ok,
                          parent)  # no status bar outside a main window
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    achtergrond(eigenaar, fn, klaar, bij_fout)


def mag_sluiten_met_wachtend(parent: QWidget, stand: OpslagStand) -> bool:
    """Closing (or locking) while writes wait: say so plainly; what waits stays on this computer."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Nog niet alles is opgeslagen",
                      f"{stand.wachtend} wijziging(en) zijn nog niet in de database"
                      f"{' (' + stand.fout + ')' if stand.fout else ''}.", parent=parent)
    box.setInformativeText("Ze blijven bewaard op deze computer en worden opgeslagen zodra Consulent weer start "
                           "en de database bereikbaar is. Nu afsluiten?")
    sluit = box.addButton("&Afsluiten, later opslaan", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("&Wachten", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is sluit


def maak_journaal(ctx: AppContext) -> jn.Journaal:
    """The journal next to the user's data, encrypted with the database's key when the database is."""
    from consulent_app.app import sqlcipher_sleutel

    url = ctx.config.resolved_database_url()
    sleutel = sqlcipher_sleutel(ctx.config) if ctx.config.versleuteld else None
    return jn.Journaal.voor_database(url, sleutel=sleutel)
