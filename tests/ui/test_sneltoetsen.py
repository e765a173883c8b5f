"""No two controls on one screen share an Alt-letter (issue 16).

Every screen of ui/pages is opened for every role that sees it, on the demo data (so lists, tabs and the steps of an
investigation show what a consultant sees), in every tab and every step; the dialogs the screens open are opened
too. On each, the mnemonics of the visible controls (labels with a buddy, buttons, check boxes, group boxes, tabs,
explicit Alt shortcuts) and the main window's menu titles, which share the Alt namespace, are collected. Two
controls claiming the same letter make Qt cycle the focus between them instead of acting: the test names the
screen, the letter and the texts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabBar,
    QTabWidget,
    QWidget,
)
from sqlalchemy import select

from consulent_app import app, config
from consulent_app.db import models as m
from consulent_app.domain import Rol
from consulent_app.services.base import AppContext, actor_by_username
from ui.mainwindow import MainWindow, build_main_window
from ui.ops import wacht_op_alles

pytestmark = pytest.mark.ui

DEMO_GEBRUIKERS = ["consulent", "jeugdconsulent", "planner", "teamleider", "toetser", "administratie", "beheerder",
                   "controller"]


def _letter(tekst: str) -> str | None:
    toets = QKeySequence.mnemonic(tekst)
    return toets.toString().removeprefix("Alt+").upper() if not toets.isEmpty() else None


def sneltoetsen(venster: QWidget) -> dict[str, list[str]]:
    """Alt-letter -> the texts of the visible controls in `venster` that claim it."""
    uit: dict[str, list[str]] = defaultdict(list)

    def neem(tekst: str, wat: str) -> None:
        if (letter := _letter(tekst)) is not None:
            uit[letter].append(f"{wat} '{tekst}'")

    for w in venster.findChildren(QWidget):
        if not w.isVisible() or w.window() is not venster:  # a dialog is a window of its own, with its own letters
            continue
        if isinstance(w, QAbstractButton):
            neem(w.text(), type(w).__name__)
        elif isinstance(w, QLabel) and w.buddy() is not None:
            neem(w.text(), "label")
        elif isinstance(w, QGroupBox):
            neem(w.title(), "groep")
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                if w.isTabEnabled(i) and w.isTabVisible(i):
                    neem(w.tabText(i), "tab")
        for a in w.actions():
            if a.isVisible() and a.isEnabled():
                for k in a.shortcuts():
                    if k.toString().startswith("Alt+") and len(k.toString()) == 5:
                        uit[k.toString()[-1].upper()].append(f"actie '{a.text()}' ({k.toString()})")
    for sc in venster.findChildren(QShortcut):
        ouder = sc.parent()
        if sc.isEnabled() and isinstance(ouder, QWidget) and ouder.isVisible() and ouder.window() is venster:
            k = sc.key().toString()
            if k.startswith("Alt+") and len(k) == 5:
                uit[k[-1].upper()].append(f"sneltoets {k}")
    if isinstance(venster, QMainWindow):
        for a in venster.menuBar().actions():
            if a.isVisible():
                neem(a.text(), "menu")
    return uit


def dubbel(venster: QWidget) -> dict[str, list[str]]:
    return {k: v for k, v in sneltoetsen(venster).items() if len(v) > 1}


# --- the walk --------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    pad: Path = tmp_path_factory.mktemp("sneltoetsen") / "demo.db"
    ctx = app.open_context(config.load_defaults().with_database(f"sqlite:///{pad}"), demo=True)
    yield ctx
    QThreadPool.globalInstance().waitForDone(10_000)
    ctx.engine.dispose()


def _rust(page: QWidget | None = None, *, ops: bool = True) -> None:
    """Until the reads and writes are done (ui.ops, ui.worker) and the page no longer says it is loading. A dialog
    is shown from inside a result of ui.ops (`ops=False`): that operation ends only when the dialog closes."""
    pool = QThreadPool.globalInstance()
    stil = 0
    for _ in range(200):
        if ops:
            wacht_op_alles(10.0)
        pool.waitForDone(50)
        QApplication.processEvents()
        bezig = getattr(page, "bezig", False)
        klaar = pool.activeThreadCount() == 0 and not (bezig() if callable(bezig) else bezig)
        stil = stil + 1 if klaar else 0
        if stil >= 2:
            return


def _openingen(ctx: AppContext, gebruiker: str) -> dict[str, list[dict[str, Any]]]:
    """What a page is opened with: investigations the user may see (one open Wmo, one completed Wmo, one Jeugdwet:
    each shows other fields) and the client of the first; pages without parameters open once as they are."""
    actor = actor_by_username(ctx, gebruiker)
    with ctx.session_factory() as s:
        q = select(m.Onderzoek).order_by(m.Onderzoek.id)
        if actor.rol is Rol.CONSULENT:
            q = q.where(m.Onderzoek.consulent_id == actor.gebruiker_id)
        elif actor.teams:
            q = q.join(m.Client, m.Client.id == m.Onderzoek.client_id).where(m.Client.team_id.in_(actor.teams))
        alle = list(s.scalars(q))
    gekozen: dict[int, m.Onderzoek] = {}
    for past in (lambda o: o.status == "open" and o.wet == "wmo", lambda o: o.status == "afgerond" and o.wet == "wmo",
                 lambda o: o.status == "open" and o.wet == "jeugdwet",
                 lambda o: o.status == "afgerond" and o.wet == "jeugdwet"):
        o = next((o for o in alle if past(o)), None)
        if o is not None:
            gekozen[o.id] = o
    if not gekozen:
        return {}
    clienten = list(dict.fromkeys(o.client_id for o in gekozen.values()))
    return {"dossier": [{"client_id": c} for c in clienten], "documenten": [{"client_id": c} for c in clienten],
            "onderzoek": [{"onderzoek_id": o} for o in gekozen]}


def _tabs_en_stappen(page: QWidget, *, dialoog: bool = False) -> Iterator[str]:
    """Every state of a page a user reaches without writing: each step of an investigation, each tab."""
    from ui.onderzoek.stappen import AFRONDEN
    from ui.pages.onderzoek import OnderzoekPagina

    yield "begin"
    for lijst in page.findChildren(QAbstractItemView) if not dialoog else []:  # a chosen row shows what acts on it
        model = lijst.model()
        if lijst.isVisible() and model is not None and model.rowCount() > 0 and lijst.selectionModel() is not None:
            lijst.setCurrentIndex(model.index(0, 0))
            _rust(page, ops=not dialoog)
            yield f"eerste rij van {lijst.objectName() or type(lijst).__name__}"
    if isinstance(page, OnderzoekPagina) and page.view is not None:
        for n in range(1, AFRONDEN + 1):  # the seven steps, who was heard, completing
            page.ga_naar(n, bewaar=False)
            _rust(page, ops=not dialoog)
            yield f"stap {n}"
    for tabs in page.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        for i in range(tabs.count()):
            if tabs.isTabEnabled(i):
                tabs.setCurrentIndex(i)
                _rust(page, ops=not dialoog)
                yield f"tab '{tabs.tabText(i)}'"


def _scherm(w: MainWindow, key: str, openingen: list[dict[str, Any]]) -> Iterator[str]:
    for params in openingen or [{}]:
        w.open_page(key, **params)
        page = w.pages[key]
        _rust(page)
        for staat in _tabs_en_stappen(page):
            yield f"{key} {params or ''} ({staat})"


#: Buttons that open a dialog end with "…"; these do work before asking anything, so the walk leaves them alone.
NIET_KLIKKEN = {"Wachtrij na&kijken…"}


class Dialogen:
    """Every dialog a click opens (QDialog.exec) is shown, its mnemonics checked, and then cancelled: nothing is
    written. Message boxes answer No and file dialogs are cancelled, so a click never waits for a user."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.fouten: list[str] = []
        self.geopend: list[str] = []
        self.waar = ""
        self.geklikt: set[tuple[str, str]] = set()  # (page, button): the same dialog is checked once per user
        zelf = self

        def exec_(dlg: QDialog) -> int:
            dlg.show()
            zelf.bekijk(dlg)
            return int(QDialog.DialogCode.Rejected)

        monkeypatch.setattr(QDialog, "exec", exec_)
        monkeypatch.setattr(QMessageBox, "exec", lambda _self: int(QMessageBox.StandardButton.Cancel))
        for naam in ("question", "warning", "information", "critical"):
            monkeypatch.setattr(QMessageBox, naam, staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.No))
        for naam in ("getOpenFileName", "getSaveFileName", "getOpenFileNames"):
            monkeypatch.setattr(QFileDialog, naam, staticmethod(lambda *_a, **_k: ("", "")))
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: ""))

    def bekijk(self, dlg: QDialog) -> None:
        _rust(dlg, ops=False)
        naam = f"{self.waar} > dialoog '{dlg.windowTitle()}'"
        self.geopend.append(f"{naam}: {''.join(sorted(sneltoetsen(dlg)))}")
        for staat in _tabs_en_stappen(dlg, dialoog=True):
            for letter, wie in sorted(dubbel(dlg).items()):
                self.fouten.append(f"{naam} ({staat}): Alt+{letter}: {', '.join(wie)}")
        dlg.reject()

    def klik_alles(self, page: QWidget, waar: str) -> None:
        """Click every visible, enabled button on the page that opens a dialog ("…"), once per page."""
        self.waar = waar
        for knop in page.findChildren(QPushButton):
            tekst = knop.text()
            if (not knop.isVisible() or not knop.isEnabled() or not tekst.endswith("…") or tekst in NIET_KLIKKEN
                    or (page.objectName(), tekst) in self.geklikt):
                continue
            self.geklikt.add((page.objectName(), tekst))
            al_open = {id(d) for d in QApplication.topLevelWidgets() if d.isVisible()}
            knop.click()
            _rust(page)
            for d in QApplication.topLevelWidgets():  # a dialog shown without waiting for it (show(), not exec())
                if isinstance(d, QDialog) and d.isVisible() and id(d) not in al_open:
                    self.bekijk(d)


@pytest.mark.parametrize("gebruiker", DEMO_GEBRUIKERS)
def test_geen_twee_knoppen_op_een_scherm_delen_een_alt_letter(qtbot, demo: AppContext, gebruiker: str,  # type: ignore[no-untyped-def]
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    dialogen = Dialogen(monkeypatch)
    w = build_main_window(demo, actor_by_username(demo, gebruiker))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    _rust()
    openingen = _openingen(demo, gebruiker)
    fouten: list[str] = []
    for key in sorted(w.specs):
        for scherm in _scherm(w, key, openingen.get(key, [])):
            for letter, wie in sorted(dubbel(w).items()):
                fouten.append(f"{gebruiker}, {scherm}: Alt+{letter}: {', '.join(wie)}")
            dialogen.klik_alles(w.pages[key], f"{gebruiker}, {scherm}")
    w.close()
    QThreadPool.globalInstance().waitForDone(10_000)
    if gebruiker == "consulent":  # the walk reached the dialogs, and sees their letters
        assert any(d.endswith("dialoog 'Nieuwe cliënt registreren': ACDEFGHNPRSTVW") for d in dialogen.geopend)
    fouten += dialogen.fouten
    assert not fouten, "\n" + "\n".join(dict.fromkeys(fouten))


def test_de_controle_ziet_twee_knoppen_met_dezelfde_letter(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The check itself: two visible controls claiming Alt+O are found, a hidden one and a doubled && are not."""
    from PySide6.QtWidgets import QCheckBox, QLineEdit, QVBoxLayout

    venster = QWidget()
    qtbot.addWidget(venster)
    lay = QVBoxLayout(venster)
    veld = QLineEdit()
    lab = QLabel("Verslag &ondertekend")
    lab.setBuddy(veld)
    verborgen = QPushButton("&Openen")
    for w in (lab, veld, QCheckBox("&Opmerkingen"), QPushButton("Zoeken && vinden"), verborgen):
        lay.addWidget(w)
    venster.show()
    verborgen.hide()
    assert list(dubbel(venster)) == ["O"]
    assert len(dubbel(venster)["O"]) == 2


def test_alt_o_en_alt_n_in_de_reactie_van_de_client_gaan_elk_naar_hun_eigen_veld(qtbot, demo: AppContext) -> None:  # type: ignore[no-untyped-def]
    """Was: Alt+O went to 'Verslag ondertekend' and 'Opmerkingen cliënt' in turn; now each has its own letter (and
    Alt+T stays 'Ter toetsing aanbieden', shown on the same step once the investigation is completed)."""
    from PySide6.QtCore import Qt

    from ui.onderzoek.stappen import AFRONDEN
    from ui.pages.onderzoek import OnderzoekPagina

    w = build_main_window(demo, actor_by_username(demo, "consulent"))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    afgerond = next(p for p in _openingen(demo, "consulent")["onderzoek"]
                    if _status(demo, p["onderzoek_id"]) == ("afgerond", "wmo"))
    w.open_page("onderzoek", **afgerond)
    page = w.pages["onderzoek"]
    assert isinstance(page, OnderzoekPagina)
    _rust(page)
    page.ga_naar(AFRONDEN, bewaar=False)
    _rust(page)
    form = page.afronden.form
    for _ in range(2):  # pressed twice: stays on its field, no cycling to another
        qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is form.editor("opmerkingen")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is form.editor("getekend")
    w.close()
    QThreadPool.globalInstance().waitForDone(10_000)


def _status(ctx: AppContext, onderzoek_id: int) -> tuple[str, str]:
    with ctx.session_factory() as s:
        o = s.get(m.Onderzoek, onderzoek_id)
        assert o is not None
        return o.status, o.wet
