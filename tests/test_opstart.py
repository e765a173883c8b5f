"""Start-up does only what the first window needs (issue 17): no Alembic to check the schema, no document or
print libraries before a document is made or printed, and reportlab with its C accelerator when it is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from consulent_app.db import migrate

ROOT = Path(__file__).resolve().parent.parent
ZWAAR = ("alembic", "mako", "pygments", "reportlab", "docx", "openpyxl", "pypdf", "PySide6.QtPdf",
         "PySide6.QtPdfWidgets", "PySide6.QtPrintSupport")

OPSTART = """
import json, os, sys
ZWAAR = json.loads(os.environ["ZWAAR"])
from PySide6.QtCore import QThreadPool
from consulent_app.app import open_context
from consulent_app.config import load_defaults
cfg = load_defaults().with_database(os.environ["DB_URL"])
if sys.argv[1] == "vul":
    open_context(cfg, demo=True)
    raise SystemExit(0)
geladen = {}
ctx = open_context(cfg)
geladen["database geopend"] = sorted(m for m in ZWAAR if m in sys.modules)
from consulent_app.services.base import actor_by_username
from ui.main import maak_app
from ui.mainwindow import build_main_window
app = maak_app()
for wie in ("consulent", "toetser", "planner", "teamleider", "administratie", "beheerder"):
    w = build_main_window(ctx, actor_by_username(ctx, wie))
    w.show()
    for _ in range(3):
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(20000)
    app.processEvents()
    geladen[wie] = sorted(m for m in ZWAAR if m in sys.modules)
    w.close()
print(json.dumps(geladen))
"""


def _start(tmp_path: Path, stap: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               CONSULENT_CONFIG_DIR=str(tmp_path / "config"), CONSULENT_DATA_DIR=str(tmp_path / "data"),
               DB_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}", ZWAAR=json.dumps(ZWAAR))
    return subprocess.run([sys.executable, "-c", OPSTART, stap], env=env, capture_output=True, text=True,
                          timeout=300, check=True)


@pytest.mark.ui
def test_opening_the_database_and_every_home_screen_loads_no_migration_document_or_print_library(
        tmp_path: Path) -> None:
    _start(tmp_path, "vul")  # the first start creates the schema (that one does run Alembic) and the demo data
    geladen = json.loads(_start(tmp_path, "open").stdout.strip().splitlines()[-1])
    assert geladen == {k: [] for k in geladen}, geladen
    assert len(geladen) == 7


def test_the_schema_check_reads_the_same_revisions_as_alembic() -> None:
    """The ids read from the migration files (without Alembic) are exactly Alembic's, heads included."""
    from alembic.script import ScriptDirectory

    from consulent_app.db.engine import make_engine

    script = ScriptDirectory.from_config(migrate.alembic_config(make_engine("sqlite://")))
    alembic_revs = {r.revision: tuple(r._all_down_revisions) for r in script.walk_revisions()}
    assert migrate.revisies() == alembic_revs
    assert migrate.script_heads() == set(script.get_heads())


def test_schema_check_says_empty_current_or_outdated_and_refuses_a_newer_database(tmp_path: Path) -> None:
    from sqlalchemy import text

    from consulent_app.db.engine import make_engine
    from consulent_app.errors import DatabaseFout

    eng = make_engine(f"sqlite:///{tmp_path / 's.sqlite3'}")
    assert migrate.check_schema(eng) == "leeg"
    migrate.upgrade(eng, "0001")
    assert migrate.check_schema(eng) == "verouderd"
    migrate.upgrade(eng)
    assert migrate.check_schema(eng) == "actueel"
    with eng.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999_toekomst'"))
    with pytest.raises(DatabaseFout, match="nieuwere versie"):
        migrate.check_schema(eng)


def test_reportlab_runs_with_its_c_accelerator() -> None:
    from reportlab.lib import rl_accel

    for naam in ("fp_str", "asciiBase85Encode", "instanceStringWidthTTF", "escapePDF"):
        assert getattr(rl_accel, naam).__module__ == "_rl_accel", f"{naam} runs in Python"


VOORBEREID = """
import json, os, sys
ZWAAR = json.loads(os.environ["ZWAAR"])
from consulent_app.app import open_context
from consulent_app.config import load_defaults
from consulent_app.db import models as m
import ui.main
open_context(load_defaults().with_database(os.environ["DB_URL"]))
voor = m.Gebruiker.__mapper__.configured
ui.main.bereid_voor()
from ui.pages._index import PAGINAS
thuis = sorted(n for n, v in PAGINAS.items() if v.get("home_voor"))
print(json.dumps({"geconfigureerd_voor": voor, "geconfigureerd": all(mp.configured for mp in m.Base.registry.mappers),
                  "niet_geladen": [n for n in ["ui.mainwindow", "ui.idle_lock", "consulent_app.services.auth"]
                                   + [f"ui.pages.{t}" for t in thuis] if n not in sys.modules],
                  "thuis": thuis, "zwaar": sorted(z for z in ZWAAR if z in sys.modules)}))
"""


@pytest.mark.ui
def test_while_the_user_types_the_main_window_is_prepared_without_loading_heavy_libraries(tmp_path: Path) -> None:
    """After "Inloggen" only the password check and the first screen remain: the mappers are configured and the
    main window's modules and every role's home screen imported while the login window waits (ui.main.bereid_voor),
    and still no document, print or migration library."""
    _start(tmp_path, "vul")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               CONSULENT_CONFIG_DIR=str(tmp_path / "config"), CONSULENT_DATA_DIR=str(tmp_path / "data"),
               DB_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}", ZWAAR=json.dumps(ZWAAR))
    uit = subprocess.run([sys.executable, "-c", VOORBEREID], env=env, capture_output=True, text=True, timeout=300,
                         check=True)
    staat = json.loads(uit.stdout.strip().splitlines()[-1])
    assert staat["geconfigureerd_voor"] is False  # opening the database alone leaves it to the first query
    assert staat["geconfigureerd"] is True
    assert staat["niet_geladen"] == []
    assert "home_consulent" in staat["thuis"] and len(staat["thuis"]) >= 6
    assert staat["zwaar"] == []


QT_TYPEN = """
import enum, json, os, sys
from PySide6.QtCore import QThreadPool
from consulent_app.app import open_context
from consulent_app.config import load_defaults
from consulent_app.services.base import actor_by_username
import ui.main
ctx = open_context(load_defaults().with_database(os.environ["DB_URL"]))
app = ui.main.maak_app()
ui.main.bereid_voor()
ui.main.qt_typen_vooraf()
app.processEvents()

def qt_enums():
    uit, stapel = set(), [enum.Enum]
    while stapel:
        for sub in type.__subclasses__(stapel.pop()):
            if sub not in uit:
                uit.add(sub)
                stapel.append(sub)
    return {f"{e.__module__}.{e.__qualname__}" for e in uit if e.__module__.startswith("PySide6")}

voor = qt_enums()
w = ui.main.open_hoofdvenster(ctx, actor_by_username(ctx, "consulent"))
w.show()
for _ in range(3):
    app.processEvents()
    QThreadPool.globalInstance().waitForDone(20000)
app.processEvents()
print(json.dumps(sorted(qt_enums() - voor)))
"""


@pytest.mark.ui
def test_after_the_warm_up_the_main_window_completes_almost_no_qt_types(tmp_path: Path) -> None:
    """PySide6 makes its Python types (with their enums) lazily; the first main window after "Inloggen" made about
    a hundred (40 ms of CPU while the user waits). Completed while the user types (ui.main.qt_typen_vooraf), the
    main window with its idle lock and home screen finds them made."""
    _start(tmp_path, "vul")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               CONSULENT_CONFIG_DIR=str(tmp_path / "config"), CONSULENT_DATA_DIR=str(tmp_path / "data"),
               DB_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    uit = subprocess.run([sys.executable, "-c", QT_TYPEN], env=env, capture_output=True, text=True, timeout=300,
                         check=True)
    nieuw = json.loads(uit.stdout.strip().splitlines()[-1])
    assert len(nieuw) <= 5, nieuw


def test_pyside_import_hook_gives_the_same_answer_from_the_file() -> None:
    """ui replaces PySide6's per-import source scan (inspect.getsource) by a search of the file's bytes: the same
    answer for a module that uses PySide6, one that does not, and one without a source file."""
    import inspect
    import json as json_mod
    import types

    import ui
    import ui.widgets

    feature = sys.modules["shibokensupport.feature"]
    snel = feature._mod_uses_pyside
    assert getattr(snel, "consulent", False)
    for module in (ui.widgets, json_mod, migrate, ui):
        assert snel(module) == ("PySide6" in inspect.getsource(module)), module.__name__
    assert snel(types.ModuleType("zonder_bestand")) is False
    assert snel(sys) is False


LOGINVENSTER = """
import json, sys
from consulent_app.config import load_defaults
import ui.main, ui.login
qapp = ui.main.maak_app()
ui.login.toon_vooraf(load_defaults())
qapp.processEvents()
print(json.dumps(sorted(m for m in ("sqlalchemy", "babel", "consulent_app.formatting", "consulent_app.services.base",
                                   "ui.ops", "ui.mainwindow") if m in sys.modules)))
"""


@pytest.mark.ui
def test_the_login_window_shows_before_sqlalchemy_babel_or_the_main_window_load(tmp_path: Path) -> None:
    """The login window is on screen before the database code, the number and date formatting (babel) and the
    main window are imported: those load while the user types."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               CONSULENT_CONFIG_DIR=str(tmp_path / "config"), CONSULENT_DATA_DIR=str(tmp_path / "data"))
    uit = subprocess.run([sys.executable, "-c", LOGINVENSTER], env=env, capture_output=True, text=True, timeout=120,
                         check=True)
    assert json.loads(uit.stdout.strip().splitlines()[-1]) == []


ECHTE_START = """
import json, os, sys
import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
import ui.login
from PySide6.QtWidgets import QApplication

echt = ui.login.toon_vooraf

def vooraf(config):
    dlg = echt(config)
    QApplication.processEvents()
    # PySide6 puts a class in its module's namespace when its Python type is made (on first use)
    typen = sorted(naam for module in (PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets)
                   for naam in vars(module) if naam in json.loads(os.environ["TYPEN"]))
    modules = sorted(m for m in json.loads(os.environ["MODULES"]) if m in sys.modules)
    QApplication.instance().setStyleSheet("")  # the style sheet's proxy aside: the style underneath
    print(json.dumps({"zichtbaar": dlg.isVisible(), "typen": typen, "modules": modules,
                      "stijl": QApplication.style().metaObject().className()}))
    sys.stdout.flush()
    os._exit(0)

ui.login.toon_vooraf = vooraf
from consulent_app.cli import main
main(["--database", os.environ["DB_URL"]])
"""


@pytest.mark.ui
def test_the_real_start_shows_the_login_window_with_only_the_form_of_the_shared_widgets(tmp_path: Path) -> None:
    """Started as the user starts it (consulent_app.cli), the login window is on screen before the shared widgets
    (ui.widgets: the Python types of two dozen Qt classes, 15 ms), the Qt namespace (Qt.*: a hundred enums, 16 ms),
    the sign-in at the identity provider, the message box, the log file's rotating handler (logging.handlers, with
    socket and pickle: 7 ms) and dateutil (4 ms; the terms and durations the configuration reads import it where
    they count) are loaded, and in the Fusion style without Python having asked for the style object (setStyle made
    its type: 6 ms). They load while the user types (ui.main.run)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               CONSULENT_CONFIG_DIR=str(tmp_path / "config"), CONSULENT_DATA_DIR=str(tmp_path / "data"),
               DB_URL=f"sqlite:///{tmp_path / 'leeg.sqlite3'}",
               TYPEN=json.dumps(["Qt", "QStyle", "QMessageBox", "QComboBox", "QStyledItemDelegate", "QListWidget",
                                 "QPlainTextEdit", "QWheelEvent", "QLineEdit", "QDialog"]),
               MODULES=json.dumps(["ui.widgets", "consulent_app.oidc", "ui.formulier", "ui.main", "logging.handlers",
                                   "dateutil.relativedelta", "dateutil.easter"]))
    uit = subprocess.run([sys.executable, "-c", ECHTE_START], env=env, capture_output=True, text=True, timeout=120,
                         check=True)
    staat = json.loads(uit.stdout.strip().splitlines()[-1])
    assert staat["zichtbaar"] is True
    assert staat["modules"] == ["ui.formulier", "ui.main"]
    assert staat["typen"] == ["QDialog", "QLineEdit"]  # the login window's own; none of the others yet
    assert staat["stijl"] == "QFusionStyle"
