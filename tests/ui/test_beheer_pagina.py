"""The beheer page: accounts and the audit log per client, as a functional administrator uses them."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from consulent_app.services import auth, dossiers
from tests.factories import Basis
from ui.ops import Ops, wacht_op_alles
from ui.pages._formdialoog import FormDialoog
from ui.pages.beheer import PAGE, BeheerPagina

pytestmark = pytest.mark.ui


class Shell:
    def __init__(self, basis: Basis) -> None:
        self.ctx = basis.ctx
        self.actor = basis["beheerder"]
        self.meldingen: list[str] = []
        self.ops = Ops(basis.ctx, self.actor)  # writes go through the operation layer, as in the main window

    def melding(self, tekst: str, *, fout: bool = False) -> None:
        self.meldingen.append(tekst)

    def open_page(self, key: str, **params: Any) -> None: ...

    def open_dossier(self, client_id: int) -> None: ...


def beheer_pagina(qtbot: Any, basis: Basis, *, later_nog_niet: bool = False) -> Iterator[BeheerPagina]:
    """Beheer shown at 1366x768 with its accounts read; `later_nog_niet`: as if the turn after the page, which
    builds the hidden tabs once the accounts are shown, had not come yet."""
    shell = Shell(basis)
    p = BeheerPagina(shell)  # type: ignore[arg-type]
    if later_nog_niet:
        p._bouw_na_laden = False
    qtbot.addWidget(p)
    p.resize(1366, 768)
    p.show()
    p.toon()
    qtbot.waitUntil(lambda: not p.bezig, timeout=10_000)
    yield p
    shell.ops.wacht()
    shell.ops.stop()


@pytest.fixture
def pagina(qtbot, basis: Basis) -> Iterator[BeheerPagina]:  # type: ignore[no-untyped-def]
    yield from beheer_pagina(qtbot, basis)


def _namen(p: BeheerPagina) -> list[str]:
    t = p.gebruikers.tabel
    return [t.proxy.index(r, 1).data() for r in range(t.proxy.rowCount())]


def _kies(p: BeheerPagina, gebruikersnaam: str) -> None:
    t = p.gebruikers.tabel
    for r in range(t.proxy.rowCount()):
        if t.proxy.index(r, 1).data() == gebruikersnaam:
            t.selectRow(r)
            return
    raise AssertionError(gebruikersnaam)


def test_page_is_the_beheerder_home_and_lists_every_account(pagina: BeheerPagina) -> None:
    assert PAGE.key == "beheer" and PAGE.home_voor and PAGE.rollen == PAGE.home_voor
    assert sorted(_namen(pagina)) == sorted(["consulent", "consulent2", "consulent_b", "planner", "teamleider",
                                             "toetser", "administratie", "beheerder", "controller"])
    assert pagina.gebruikers.teller.text() == "9 accounts"
    pagina.gebruikers.filter.setText("toets")
    assert _namen(pagina) == ["toetser"]


def test_new_account_via_the_dialog_shows_errors_at_the_field_then_creates(
        qtbot, pagina: BeheerPagina, basis: Basis, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    pogingen: list[dict[str, str]] = []

    def invullen(dlg: FormDialoog) -> int:
        f = dlg.formulier
        f.editor("gebruikersnaam").setText("j.devries")
        f.editor("naam").setText("Jan de Vries")
        f.editor("rol").setCurrentIndex(f.editor("rol").findData("consulent"))
        dlg.bevestig()  # no team yet: refused at the field
        wacht_op_alles()  # the dialog's action runs off the GUI thread
        pogingen.append({"team": f.fout_bij("team")})
        f.editor("team").setCurrentIndex(1)
        dlg.bevestig()
        wacht_op_alles()  # the dialog's action runs off the GUI thread
        return int(dlg.result())

    getoond: list[str] = []
    monkeypatch.setattr(FormDialoog, "exec", invullen)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: getoond.append(self.text()) or 0)
    pagina.gebruikers.nieuw()
    assert "gebiedsteam" in pogingen[0]["team"]
    qtbot.waitUntil(lambda: not pagina.bezig and "j.devries" in _namen(pagina), timeout=10_000)
    # The beheerder is shown the temporary password to pass on; it works once and must then be changed.
    tijdelijk = getoond[0].rsplit("Tijdelijk wachtwoord: ", 1)[1]
    _, moet_wijzigen = auth.inloggen(basis.ctx, "j.devries", tijdelijk)
    assert moet_wijzigen


def test_switching_an_account_off_needs_confirmation(qtbot, pagina: BeheerPagina, basis: Basis,  # type: ignore[no-untyped-def]
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _kies(pagina, "consulent2")
    assert pagina.gebruikers.actief_knop.text() == "Uit&schakelen…"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    pagina.gebruikers.wissel_actief()
    assert pagina.shell.ops.wacht()  # switched off on the writer, off the GUI thread
    qtbot.waitUntil(lambda: not pagina.bezig, timeout=10_000)
    assert "consulent2" not in _namen(pagina)
    pagina.gebruikers.ook_uit.setChecked(True)
    qtbot.waitUntil(lambda: not pagina.bezig and "consulent2" in _namen(pagina), timeout=10_000)


def test_audit_log_by_bsn_and_csv_export_readable_only_by_the_user(qtbot, pagina: BeheerPagina, basis: Basis,  # type: ignore[no-untyped-def]
                                                                   tmp_path: Path, monkeypatch) -> None:
    cid = basis.client("Kerckhoffs")
    dossiers.open_dossier(basis.ctx, basis["toetser"], cid)
    log = pagina.logboek
    pagina.tabs.setCurrentWidget(log)
    log.bsn.setText("12345678")
    log.zoek()
    qtbot.waitUntil(lambda: not pagina.bezig, timeout=10_000)
    assert "elfproef" in log.form.fout_bij("bsn")

    log.bsn.setText("111222333")
    log.zoek()
    qtbot.waitUntil(lambda: not pagina.bezig, timeout=10_000)
    assert log.form.fout_bij("bsn") == ""
    assert "Maria Kerckhoffs" in log.wie.text() and "1112.22.333" in log.wie.text()
    rijen = [(log.tabel.proxy.index(r, 1).data(), log.tabel.proxy.index(r, 3).data())
             for r in range(log.tabel.proxy.rowCount())]
    assert ("Toetser", "Ingezien") in rijen and ("Consulent", "Aangemaakt") in rijen
    pagina.grab().save(str(tmp_path / "logboek.png"))

    # Through the button, as the beheerder does it: the file dialog answers with a path.
    doel = tmp_path / "logboek.csv"
    gevraagd: list[str] = []

    def kies(_parent: Any, _titel: str, voorstel: str, _filter: str) -> tuple[str, str]:
        gevraagd.append(voorstel)
        return str(doel), "CSV-bestand (*.csv)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", kies)
    assert log.export_knop.isEnabled()
    qtbot.mouseClick(log.export_knop, Qt.MouseButton.LeftButton)
    assert gevraagd and gevraagd[0].endswith(".csv"), "the button must ask where to save"
    assert doel.exists(), "clicking 'Opslaan als CSV…' saved nothing"
    assert stat.S_IMODE(os.stat(doel).st_mode) == 0o600
    tekst = doel.read_text(encoding="utf-8-sig")
    assert tekst.startswith("Datum en tijd;Medewerker") and ";Toetser;Toetser;Ingezien;Dossier;" in tekst
    assert dt.date.today().strftime("%d-%m-%Y") in tekst


def test_screenshot_users(pagina: BeheerPagina, tmp_path: Path) -> None:
    _kies(pagina, "toetser")
    pagina.grab().save(str(tmp_path / "gebruikers.png"))
    assert pagina.gebruikers.wijzig_knop.isEnabled()


def test_the_beheerder_screen_checks_the_audit_log(qtbot, pagina: BeheerPagina, basis: Basis,  # type: ignore[no-untyped-def]
                                                   tmp_path: Path) -> None:
    dossiers.open_dossier(basis.ctx, basis["consulent"], basis.client("Kettingcontrole"))
    log = pagina.logboek
    pagina.tabs.setCurrentWidget(log)
    qtbot.mouseClick(log.keten_knop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not pagina.bezig, timeout=10_000)
    assert "Het logboek is ongewijzigd" in log.keten_label.text() and "de keten klopt" in log.keten_label.text()
    pagina.grab().save(str(tmp_path / "keten.png"))


def test_recompute_terms_from_the_button(qtbot, basis: Basis, pagina: BeheerPagina) -> None:  # type: ignore[no-untyped-def]
    """Atw art. 3 lid 3: after new equated days in the configuration, the beheerder recomputes running terms with
    one button (off the GUI thread) and is told how many changed."""
    from PySide6.QtCore import Qt

    knop = pagina.gebruikers.herbereken_knop
    qtbot.mouseClick(knop, Qt.MouseButton.LeftButton)
    shell = pagina.gebruikers.shell
    qtbot.waitUntil(lambda: any("Termijnen herberekend" in m for m in shell.meldingen), timeout=10_000)
    assert knop.isEnabled()


def test_the_law_of_a_jeugd_consultant_is_set_on_the_account(
        qtbot, pagina: BeheerPagina, basis: Basis, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 16: the account names the law a consultant works under; a new melding of his starts with it."""
    from consulent_app.domain import Wet
    from consulent_app.services.base import actor_by_username

    def invullen(dlg: FormDialoog) -> int:
        wet = dlg.formulier.editor("wet")
        assert wet.currentText() == "Beide wetten"
        wet.setCurrentIndex(wet.findData("jeugdwet"))
        dlg.bevestig()
        wacht_op_alles()
        return int(dlg.result())

    monkeypatch.setattr(FormDialoog, "exec", invullen)
    _kies(pagina, "consulent2")
    pagina.gebruikers.wijzig()
    qtbot.waitUntil(lambda: not pagina.bezig, timeout=10_000)
    assert actor_by_username(basis.ctx, "consulent2").wet is Wet.JEUGDWET
    assert actor_by_username(basis.ctx, "consulent").wet is None

    def nakijken(dlg: FormDialoog) -> int:  # opened again, the form shows what was saved
        assert dlg.formulier.editor("wet").currentText() == "Jeugdwet"
        return 0

    monkeypatch.setattr(FormDialoog, "exec", nakijken)
    qtbot.waitUntil(lambda: "consulent2" in _namen(pagina), timeout=10_000)
    _kies(pagina, "consulent2")
    pagina.gebruikers.wijzig()
