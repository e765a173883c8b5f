"""Start of the desktop client: application, Dutch locale, style, database, login, main window (or the self-test)."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

# Only what the login window needs is imported here (each PySide6 class gets its Python type, with its enums, when it
# is first imported; the Qt namespace alone costs 16 ms): the rest is imported where it is used, after the login
# window is on screen (issue 17; tests/test_opstart.py).
from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTimer, QTranslator, Signal
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from consulent_app import paths
from consulent_app.config import Config
from consulent_app.errors import ConfiguratieFout, ConsulentFout, DatabaseFout

if TYPE_CHECKING:  # SQLAlchemy and the services load after the login window is on screen (see run)
    from consulent_app.services.base import Actor, AppContext
    from ui.mainwindow import MainWindow

log = logging.getLogger(__name__)
T = TypeVar("T")

FONT_FAMILIES = ["Segoe UI", "Noto Sans", "Cantarell", "DejaVu Sans", "Liberation Sans"]


def style_sheet() -> str:
    pad = paths.resources_dir() / "style.qss"
    try:
        tekst = pad.read_text(encoding="utf-8")
    except OSError:
        return ""
    # Image URLs in the sheet are relative to resources/icons, wherever the program was installed.
    return tekst.replace("%ICONS%", (paths.resources_dir() / "icons").as_posix())


def maak_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with name, Dutch locale, font and style sheet (reuses a running one, e.g. in tests)."""
    # Background reads and writes (ui.ops) run Python too; every Python slot of the window needs the GIL, and with
    # the default 5 ms switch interval it can wait that long per slot while a read builds its result: a step change
    # stalled for tens of milliseconds. 1 ms keeps the window's share of the GIL close to its need (issue 13).
    sys.setswitchinterval(0.001)
    # That is not enough while a background thread runs statements: it lets go of the GIL around each one and
    # takes it back before the GUI thread wakes, so the GUI thread's wait starts again each time (a batch of 30
    # letters stalled the window 35-70 ms). Background database work pauses briefly every 2 ms (consulent_app.db.gil).
    from consulent_app.db import gil

    gil.deel_met_hoofdthread()
    qapp = QApplication.instance()
    if not isinstance(qapp, QApplication):
        # The style as the application's argument: setStyle("Fusion") hands Python the QStyle object, whose type
        # (with its enums) costs 6 ms before the login window shows.
        qapp = QApplication([*(argv if argv is not None else sys.argv[:1]), "-style", "Fusion"])
        pas_toe(qapp, stijl=False)
    else:
        pas_toe(qapp)
    gc_in_hoofdthread(qapp)
    return qapp


_vertalers: list[QTranslator] = []


def _vertaal_qt(qapp: QApplication) -> None:
    """Qt's own words in Dutch: the right-click menu of a text field (Ongedaan maken, Knippen, Plakken), the
    buttons of message boxes and the file dialog; without this they appear in English. qtbase_nl from PySide6
    first, then resources/vertalingen/qt_aanvulling_nl.qm with what that file lacks ("Zoeken in", "Bestandstype":
    Qt 6 changed those source texts); the one installed last is asked first."""
    if _vertalers:
        return
    bronnen = [("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
               ("qt_aanvulling", str(paths.resources_dir() / "vertalingen"))]
    for naam, map_ in bronnen:
        vertaler = QTranslator(qapp)
        if vertaler.load(QLocale(QLocale.Language.Dutch), naam, "_", map_):
            qapp.installTranslator(vertaler)
            _vertalers.append(vertaler)
        else:
            log.warning("Qt-vertaling %s niet gevonden in %s", naam, map_)


#: Set when the start-up's modules are imported (bereid_voor): the GUI thread's collector then freezes them.
voorbereid = threading.Event()
_bevriezen = {"mag": True}


def bevries_opstart() -> None:
    """gc.freeze() the start-up's objects once they are all imported, on the GUI thread, before the first main
    window is built (never later: a session's objects must stay collectable); see gc_in_hoofdthread. Qt's
    Python types are completed first (qt_typen_vooraf), so their objects are frozen too."""
    if _bevriezen["mag"] and voorbereid.is_set():
        _bevriezen["mag"] = False
        qt_typen_vooraf()
        gc.freeze()


def qt_typen_vooraf() -> None:
    """PySide6 completes its Python types lazily, with their enums: the first viewport or header of a table and
    the first shortcuts that come back from Qt each create a few dozen (after "Inloggen", while the main window's
    first screen is built). Asking once on throwaway widgets does it while the user types. GUI thread only (the
    widgets; and PySide6's type set-up is not meant to race another thread).

    The largest share: the first time PySide6 (6.11) hands Python an object of a class it has no type for (one of
    Qt's private classes, such as the QWidgetLineControl inside every QLineEdit, or the gesture manager the idle
    lock's event filter sees after "Inloggen"), it creates every type still lazy in the PySide6 modules loaded,
    with their enums: about a hundred enums, up to 40 ms of CPU on the GUI thread after "Inloggen". Asked once
    here, after the preparation imported the modules the main window uses (QtCharts, QtDBus), it happens while the
    user types (tests/test_opstart.py checks that the main window then finds its types made)."""
    from PySide6.QtGui import QKeySequence, QShortcut
    from PySide6.QtWidgets import QLineEdit, QTableView, QWidget

    if not isinstance(QApplication.instance(), QApplication):
        return
    tabel = QTableView()
    tabel.viewport()
    tabel.horizontalHeader()
    tabel.verticalHeader()
    houder = QWidget()
    QShortcut(QKeySequence("Ctrl+F12"), houder)
    houder.findChildren(QShortcut)
    veld = QLineEdit(houder)
    veld.children()  # a QWidgetLineControl, one of Qt's private classes (see above)
    for w in (tabel, houder):
        w.deleteLater()
    # The lists' models (ui.tablemodels: a QStandardItemModel behind a QSortFilterProxyModel) hand Python a
    # QByteArray and a QRegularExpression when the first list is filled.
    from PySide6.QtCore import QByteArray, QRegularExpression  # noqa: F401
    # The first SVG icon drawn loads Qt's SVG icon engine (the main window's toolbar draws a dozen).
    QApplication.windowIcon().pixmap(16, 16)
    # The idle lock's event filter sees every kind of event of the application; each event class is a type too.
    from PySide6 import QtCore, QtGui, QtWidgets

    for module in (QtCore, QtGui, QtWidgets):
        for naam in dir(module):
            if naam.startswith("Q") and naam.endswith("Event"):
                getattr(module, naam)
    if sys.platform.startswith("linux") and "PySide6.QtDBus" in sys.modules:
        # The idle lock's first look at the session and system bus (idle_lock._koppel_dbus) completes a dozen
        # more types and opens the connections Qt keeps for the program; the same calls, earlier.
        from PySide6.QtDBus import QDBusConnection

        QDBusConnection.sessionBus().isConnected()
        QDBusConnection.systemBus().isConnected()


#: Set when the first main window is built: what is prepared for it after that comes too late (oefen_statements).
hoofdvenster_gebouwd = threading.Event()


def geen_bevriezing_meer() -> None:
    """The first main window is being built: from now on nothing is frozen (a user quicker than bereid_voor)."""
    hoofdvenster_gebouwd.set()
    bevries_opstart()
    _bevriezen["mag"] = False


#: The GUI thread's collector: every second, as often as the automatic thresholds would ask; an older generation
#: due while a screen loads is tried again a little later, once the reads have been quiet for RUSTIG_S, and
#: collected regardless after UITSTEL_MAX_S.
RUIM_OP_MS = 1000
RUIM_OP_OPNIEUW_MS = 200
RUSTIG_S = 0.4
UITSTEL_MAX_S = 20.0


class _Opruimer:
    """The collector's tick on the GUI thread (see gc_in_hoofdthread)."""

    def __init__(self, timer: QTimer, klok: Callable[[], float] = time.monotonic) -> None:
        self.timer, self.klok = timer, klok
        self.uitgesteld_sinds: float | None = None

    def rustig(self) -> bool:
        from ui import ops

        stil = ops.stil_sinds()
        if stil is not None and stil >= RUSTIG_S:
            return True
        nu = self.klok()
        if self.uitgesteld_sinds is None:
            self.uitgesteld_sinds = nu
        return nu - self.uitgesteld_sinds >= UITSTEL_MAX_S

    def tik(self) -> None:
        bevries_opstart()
        telling, drempel = gc.get_count(), gc.get_threshold()
        for generatie in (2, 1, 0):
            if telling[generatie] > drempel[generatie]:
                if generatie > 0 and not self.rustig():
                    # An older generation walks every object the last screens made (15-30 ms on the GUI thread,
                    # more than a frame): not while a screen loads or fills; the young one is cheap (< 3 ms).
                    self.timer.start(RUIM_OP_OPNIEUW_MS)
                    if telling[0] > drempel[0]:
                        gc.collect(0)
                    return
                self.uitgesteld_sinds = None
                self.timer.start(RUIM_OP_MS)
                gc.collect(generatie)
                if generatie == 2:  # after a full collection the freed memory goes back to the system
                    from consulent_app import geheugen

                    geheugen.geef_terug()
                return


def gc_in_hoofdthread(qapp: QApplication) -> None:
    """Python's cyclic collector runs in whichever thread happens to allocate. In a background thread (ui.ops) it can delete
    Qt objects that belong to the GUI thread, and the program crashes (Anki does the same for this reason). So no
    automatic collection: the GUI thread collects every second, as often as the automatic thresholds would ask.

    A full collection walks every tracked object, and after the start-up those are mostly the imported modules'
    (SQLAlchemy, PySide6, the models, the screens: about 140,000 objects, 0.1 s on an idle machine and 0.65 s on a
    busy one, on the GUI thread). They live as long as the program, so once the start-up has imported them
    (`voorbereid`, while the login window waits) they are moved out of the collector's sight (gc.freeze); a full
    collection then walks what the session made since, about a tenth of the work. Objects of a session are never
    frozen (`geen_bevriezing_meer` before the first main window): logging out still collects all of them."""
    if qapp.property("gc_timer") is not None:
        return
    gc.disable()
    timer = QTimer(qapp)
    timer.setInterval(RUIM_OP_MS)
    opruimer = _Opruimer(timer)
    timer.timeout.connect(opruimer.tik)
    timer.start()
    qapp.setProperty("gc_timer", True)
    qapp.aboutToQuit.connect(gc.enable)


def pas_toe(qapp: QApplication, *, stijl: bool = True) -> None:
    """Name, Dutch locale, Qt's words in Dutch, font, icon, the Fusion style (`stijl`; False: the application was
    started with it) and the style sheet."""
    qapp.setApplicationName("Consulent")
    # No application display name: Qt appends a set one to every window title ("Consulent – Gemeente Maastricht —
    # Consulent"); each window names the program itself where it should.
    qapp.setOrganizationName("Consulent")
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    _vertaal_qt(qapp)
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(10.0)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    qapp.setFont(font)
    icon = paths.resources_dir() / "icons" / "app.svg"
    if icon.exists():
        qapp.setWindowIcon(QIcon(str(icon)))
    if stijl:
        qapp.setStyle("Fusion")
    qapp.setStyleSheet(style_sheet())


def eerste_consulent(ctx: AppContext) -> Actor:
    """For the self-test: the first active consultant (demo user 'consulent' when present)."""
    from consulent_app.services import organisatie
    from consulent_app.services.base import actor_by_username

    naam = organisatie.eerste_actieve_consulent(ctx)
    if naam is None:
        raise ConfiguratieFout("Er is geen actieve consulent in de database; de zelftest kan niet inloggen.")
    return actor_by_username(ctx, naam)


class _Sein(QObject):
    klaar = Signal()


class _NaVoorbereiden(QObject):
    """Brings "the preparation is done" (bereid_voor, on its own thread) to the GUI thread at once, so the
    start-up's objects are frozen and Qt's types completed while the user still types, not at the collector's
    next tick (once a second: often after "Inloggen", where it delayed the main window)."""

    klaar = Signal()

    def __init__(self) -> None:
        from PySide6.QtCore import Qt

        super().__init__()
        self.klaar.connect(self._bevries, Qt.ConnectionType.QueuedConnection)

    def _bevries(self) -> None:
        bevries_opstart()


def buiten_gui(fn: Callable[[], T]) -> T:
    """Run `fn()` on a background thread while the GUI thread keeps handling events, so the login window shown
    meanwhile stays responsive; returns what `fn` returned or raises what it raised. For the start only (opening
    the database, migrations, the self-test's user), before there is a main window. A plain thread and a queued
    signal, not ui.ops: importing the operation layer loads SQLAlchemy, which is what this runs in the background."""
    from PySide6.QtCore import QEventLoop, Qt

    uit: dict[str, Any] = {}
    lus = QEventLoop()
    sein = _Sein()
    sein.klaar.connect(lus.quit, Qt.ConnectionType.QueuedConnection)

    def werk() -> None:
        try:
            uit["r"] = fn()
        except BaseException as exc:  # noqa: BLE001 - raised again in the GUI thread
            uit["e"] = exc
        sein.klaar.emit()

    draad = threading.Thread(target=werk, name="consulent-start", daemon=True)
    draad.start()
    lus.exec()  # the signal is queued to this thread, so it cannot arrive before the loop runs
    draad.join()
    if "e" in uit:
        raise uit["e"]
    return cast(T, uit["r"])


def _open_database(cfg: Config, demo: bool) -> AppContext:
    from consulent_app import app as core_app
    from consulent_app import files

    # Private temporary copies (previews, print files) that a crashed or killed session left behind; on this
    # background thread, after the login window is on screen (a full temporary folder takes a while to list).
    files.ruim_restanten_op()
    return core_app.open_context(cfg, demo=demo)


def bereid_voor() -> None:
    """While the user types the password (the login window is on screen, the database open): what the first query
    and the main window will need, so that after "Inloggen" only the password check and the first screen remain.
    SQLAlchemy's mapper configuration of the 42 tables (else done by the login's first query), the login use case,
    the main window's modules and every role's home screen module (which role logs in is not known yet). Runs on a
    background thread; nothing here touches a widget or the database. A failure only means it happens later."""
    try:
        import importlib

        from consulent_app import logging_setup

        logging_setup.open_logbestand()  # setup() left it to the first record, so as not to delay the login window
        from sqlalchemy.orm import configure_mappers

        configure_mappers()
        from consulent_app.services import auth, wijzigingen  # noqa: F401 - wijzigingen: the window's change poll
        from ui import idle_lock, mainwindow  # noqa: F401

        if sys.platform.startswith("linux"):
            import PySide6.QtDBus  # noqa: F401 - the idle lock's screen-lock and sleep signals (idle_lock)
        from ui.pages._index import PAGINAS

        for naam, velden in PAGINAS.items():
            if velden.get("home_voor"):
                importlib.import_module(f"ui.pages.{naam}")
    except Exception:  # noqa: BLE001 - the same imports happen again, in the GUI thread, and report there
        log.warning("voorbereiden van het hoofdvenster mislukt", exc_info=True)
    voorbereid.set()


def oefen_statements(ctx: AppContext) -> None:
    """While the user types, after bereid_voor: the statements the login, the session check, the main window
    and the home screens of the consultant, planner, team leader, reviewer and administrative staff run first are
    compiled (SQLAlchemy compiles a statement on its first run: two thirds of the consultant's first home screen
    read, four fifths of the planner's) by running those use cases once on an empty in-memory copy of the schema
    that shares the database's statement cache (db.engine.oefen_engine), with made-up users that exist only there.
    Nothing of the real database is read or written: no personal data, no audit row, no failed login counted.
    It stops at the next step once "Inloggen" is pressed (ui.login.inloggen_gevraagd): from then on it would only
    compete with the login. SQLite only; what was not compiled here is compiled when it runs."""
    from consulent_app.db.engine import oefen_engine
    from ui import login as login_mod

    def te_laat() -> bool:
        return hoofdvenster_gebouwd.is_set() or login_mod.inloggen_gevraagd.is_set()

    if te_laat():
        return
    oefen = oefen_engine(ctx.engine)
    if oefen is None:
        return
    try:
        from consulent_app.db import models as m
        from consulent_app.domain import BeschikkingStatus, Kanaal, Rol, Wet
        from consulent_app.services import auth, base, meldingen, organisatie, planning, wijzigingen
        from consulent_app.services.overzicht import Filter

        octx = base.AppContext(config=ctx.config, engine=oefen)
        with octx.session_factory.begin() as s:
            team = m.Team(code="oefen", naam="oefen")
            s.add(team)
            s.flush()
            gebruikers = {rol: m.Gebruiker(gebruikersnaam=f"oefen-{rol.value}", naam="oefen", rol=rol.value,
                                           team_id=team.id, wachtwoord_hash="-") for rol in Rol}
            s.add_all(gebruikers.values())
            s.flush()
            actoren = {rol: base.actor_voor(s, g) for rol, g in gebruikers.items()}
            # One open case of the made-up consultant, with a request: Mijn werk runs some statements only when
            # there is work (the live term ends, the decisions' states), and they were compiled after "Inloggen".
            vandaag = dt.date.today()
            client = m.Client(bsn="000000000", voornamen="oefen", achternaam="oefen", geboortedatum=vandaag)
            s.add(client)
            s.flush()
            melding = m.Melding(client_id=client.id, team_id=team.id, wet=Wet.WMO.value, datum=vandaag,
                                kanaal=Kanaal.TELEFOON.value, vraag="oefen", consulent_id=gebruikers[Rol.CONSULENT].id)
            s.add(melding)
            s.flush()
            s.add(m.Aanvraag(client_id=client.id, melding_id=melding.id, wet=Wet.WMO.value, datum=vandaag,
                             consulent_id=gebruikers[Rol.CONSULENT].id))

        def inloggen() -> None:
            with contextlib.suppress(ConsulentFout):  # the hash "-" is refused without argon2
                auth.inloggen(octx, "oefen-consulent", "oefen")

        def venster(actor: base.Actor) -> None:
            organisatie.teams(octx, actor)  # every main window's first read (filters and forms)
            if actor.rol in wijzigingen.VOLGERS:
                wijzigingen.wijzigingen_sinds(octx, actor, None)  # the window's change poll

        def werkvoorraad(actor: base.Actor) -> None:  # ui/pages/werkvoorraad.py (bereken): the user's own team
            filt = Filter(actor.team_id)
            planning.werkvoorraad(octx, actor, filt)
            planning.belasting(octx, actor, filt)

        consulent, planner = actoren[Rol.CONSULENT], actoren[Rol.PLANNER]
        stappen: list[Callable[[], object]] = [
            inloggen, lambda: venster(consulent), lambda: meldingen.mijn_werk(octx, consulent),
            lambda: werkvoorraad(planner),
            lambda: meldingen.beschikkingen_met_status(octx, actoren[Rol.TOETSER], BeschikkingStatus.TER_TOETSING),
            lambda: meldingen.beschikkingen_met_status(octx, actoren[Rol.ADMINISTRATIEF],
                                                       BeschikkingStatus.GOEDGEKEURD),
            lambda: werkvoorraad(actoren[Rol.TEAMLEIDER]),
            *(lambda a=a: venster(a) for a in actoren.values()),
        ]
        for stap in stappen:
            if te_laat():
                break
            stap()
    except Exception:  # noqa: BLE001 - the statements are then compiled when they run
        log.warning("statements vooraf compileren mislukt", exc_info=True)
    finally:
        oefen.dispose()


def _fout(titel: str, exc: Exception) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, titel, str(exc))
    box.setInformativeText("Neem contact op met de functioneel beheerder als dit zo blijft.")
    box.exec()


def run(cfg: Config, *, demo: bool, selftest: bool) -> int:
    """Start the client. Returns the process exit code: 0 fine, 2 database or configuration not usable."""
    if selftest:
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    qapp = maak_app()
    from ui import login as login_mod

    if not selftest:
        # The login window first: opening the database (SQLAlchemy, the models, the schema check) takes half a
        # second, in which the user already sees the window and can type; the login takes this window over.
        login_mod.toon_vooraf(cfg)
        qapp.processEvents()
        # The window is on screen; now, on this thread, the Python types of the Qt classes every screen shares
        # (ui.widgets; the login window has only the form, ui.formulier): the preparation on its own thread then
        # finds them made (bereid_voor imports the main window's modules; PySide6's type set-up is not meant to race
        # the GUI thread's, which may need one of them while the user types).
        import ui.widgets  # noqa: F401
    try:
        ctx = buiten_gui(lambda: _open_database(cfg, demo or selftest))
    except (DatabaseFout, ConfiguratieFout) as exc:
        login_mod.sluit_vooraf()
        log.error("database of configuratie niet bruikbaar: %s", type(exc).__name__)
        if selftest:
            print(f"Fout: {exc}", file=sys.stderr)
        else:
            _fout("De database kan niet worden geopend", exc)
        return 2

    if selftest:
        return _selftest(qapp, ctx)

    na_voorbereiden = _NaVoorbereiden()
    hoofdvenster_gebouwd.clear()
    login_mod.inloggen_gevraagd.clear()

    def voorbereiden() -> None:
        bereid_voor()
        na_voorbereiden.klaar.emit()
        oefen_statements(ctx)

    threading.Thread(target=voorbereiden, name="consulent-voorbereiden", daemon=True).start()
    from ui.sessie import Sessie

    # Log in, the main window, and back to the login after logging out (File menu) or a revoked session.
    sessie = Sessie(ctx)
    try:
        if not sessie.start():
            return 0
        return int(qapp.exec())
    finally:
        login_mod.sluit_vooraf()
        sessie.stop()
        # The program ends here; where it does not (tests call run), the collector sees everything again.
        _bevriezen["mag"] = False
        gc.unfreeze()


def open_hoofdvenster(ctx: AppContext, actor: Actor) -> MainWindow:
    """The main window as a logged-in user gets it: with the idle lock, which locks after idle time, sleep or
    screen lock and asks the same user's password, keeping every unsaved field as it was. The lock is a child
    of the window and lives as long as it."""
    from ui import idle_lock
    from ui.mainwindow import build_main_window

    geen_bevriezing_meer()
    venster = build_main_window(ctx, actor)
    idle_lock.install(venster, ctx, actor)
    return venster


def _selftest(qapp: QApplication, ctx: AppContext) -> int:
    from PySide6.QtCore import Qt, QThreadPool

    from ui.mainwindow import build_main_window

    try:
        actor = buiten_gui(lambda: eerste_consulent(ctx))
        venster = build_main_window(ctx, actor)
        venster.show()
        for _ in range(20):
            qapp.processEvents()
        QThreadPool.globalInstance().waitForDone(10_000)
        qapp.processEvents()
        if venster.huidige is None:
            print("Fout: het hoofdvenster toont geen startscherm.", file=sys.stderr)
            return 1
        venster.close()
        venster.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        qapp.processEvents()
    except ConsulentFout as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    print(f"Zelftest geslaagd: hoofdvenster geopend als {actor.rol.label.lower()}, startscherm '{venster.huidige}'.")
    return 0
