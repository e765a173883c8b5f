"""Stale messages go (issue 16): a field's error disappears when the user corrects the value, "Nog nodig voor deze
stap" when the step is complete. Driven with key events, as a consultant types."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from tests.factories import Basis
from tests.factories_zaak import maak_zaak
from tests.ui.venster_hulp import maak_actief
from ui.mainwindow import build_main_window
from ui.ops import wacht_op_alles
from ui.pages.nieuwe_client import NieuweClientDialog

pytestmark = pytest.mark.ui


def _typ(qtbot: Any, veld: Any, tekst: str) -> None:
    """Select what is in the field and type over it, key by key."""
    veld.setFocus()
    qtbot.keyClick(veld, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(veld, tekst)


def test_een_foutmelding_bij_een_veld_verdwijnt_als_de_waarde_verbeterd_is(qtbot, basis: Basis) -> None:  # type: ignore[no-untyped-def]
    w = build_main_window(basis.ctx, basis["consulent"])
    qtbot.addWidget(w)
    dlg = NieuweClientDialog(w, w)
    qtbot.addWidget(dlg)
    dlg.show()
    maak_actief(qtbot, dlg)  # Ctrl+Enter is a shortcut of the active window
    f = dlg.form
    _typ(qtbot, f.editor("bsn"), "123456789")
    _typ(qtbot, f.editor("geboortedatum"), "31-02-1950")
    _typ(qtbot, f.editor("voornamen"), "Jo")
    qtbot.keyClick(f.editor("voornamen"), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # save
    wacht_op_alles()
    assert f.fout_bij("geboortedatum")  # not a date: the form says so before asking the service
    _typ(qtbot, f.editor("geboortedatum"), "3-02-195")
    assert f.fout_bij("geboortedatum")  # still no date: the message stays
    qtbot.keyClicks(f.editor("geboortedatum"), "0")
    assert f.fout_bij("geboortedatum") == ""  # a date now: gone before saving
    assert f.editor("geboortedatum").property("fout") is False

    qtbot.keyClick(f.editor("geboortedatum"), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wacht_op_alles()
    assert "geen geldig BSN" in f.fout_bij("bsn")
    assert f.fout_bij("achternaam") == "Achternaam is verplicht."
    _typ(qtbot, f.editor("bsn"), "123456782")
    assert f.fout_bij("bsn") == ""
    assert f.fout_bij("achternaam") == "Achternaam is verplicht."  # a field not touched keeps its message
    _typ(qtbot, f.editor("achternaam"), "Jacobs")
    assert f.fout_bij("achternaam") == ""
    qtbot.keyClick(f.editor("achternaam"), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wacht_op_alles()
    assert dlg.client_id is not None
    QThreadPool.globalInstance().waitForDone(10_000)


def test_de_opmerking_bij_terugsturen_verdwijnt_zodra_de_toetser_typt(qtbot, basis: Basis) -> None:  # type: ignore[no-untyped-def]
    from consulent_app.services import toetsing

    zaak = maak_zaak(basis, melding_datum=dt.date.today() - dt.timedelta(days=30),
                     aanvraag_datum=dt.date.today() - dt.timedelta(days=5))
    assert zaak.beschikking_id is not None
    toetsing.dien_in_voor_toetsing(basis.ctx, basis["consulent"], zaak.beschikking_id)
    w = build_main_window(basis.ctx, basis["toetser"])
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.open_page("toetsing", beschikking_id=zaak.beschikking_id)
    pagina = w.pages["toetsing"]
    qtbot.waitUntil(lambda: not pagina.bezig, timeout=10_000)
    pagina.terug_knop.setFocus()
    qtbot.keyClick(pagina.terug_knop, Qt.Key.Key_Space)
    wacht_op_alles()
    assert pagina.opm_fout.isVisible()
    qtbot.keyClicks(pagina.opmerkingen, "Vul de bruto-hulp aan met koken.")
    assert not pagina.opm_fout.isVisible()
    QThreadPool.globalInstance().waitForDone(10_000)


def test_nog_nodig_voor_deze_stap_verdwijnt_als_de_stap_compleet_is(qtbot, basis: Basis) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_onderzoek_ui import _open

    w, page = _open(qtbot, basis, "wmo")
    kop = page.stappen[1].kop
    assert "Nog nodig voor deze stap" in kop.ontbreekt.text()
    velden = page.stappen[1].velden.editors
    stap = page.stappen[1].velden.stap
    verplicht = [v.key for v in stap.velden if v.verplicht and isinstance(velden.get(v.key), QPlainTextEdit | QLineEdit)]
    assert verplicht
    for key in verplicht:
        velden[key].setFocus()
        qtbot.keyClicks(velden[key], "Een antwoord van de client zelf.")
        assert "Nog nodig voor deze stap" in kop.ontbreekt.text() or key == verplicht[-1]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # leaving the field saves it at once
    qtbot.waitUntil(lambda: not page.autosave.heeft_wachtend(), timeout=5000)
    wacht_op_alles()
    assert page.huidig == 1  # still on the step: nothing reloaded it
    assert "Nog nodig" not in kop.ontbreekt.text()
    assert "compleet" in kop.ontbreekt.text()
    QThreadPool.globalInstance().waitForDone(10_000)


def test_een_datum_in_gehoord_verliest_zijn_melding_zodra_hij_klopt(qtbot, basis: Basis) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_onderzoek_ui import _open
    from ui.onderzoek.stappen import GEHOORD

    w, page = _open(qtbot, basis, "wmo")
    page.ga_naar(GEHOORD)
    wacht_op_alles()
    datum = page.autosave.editor(("gehoord", "gesprek_datum"))
    _typ(qtbot, datum, "32-11-2026")
    qtbot.keyClick(datum, Qt.Key.Key_Tab)
    wacht_op_alles()
    assert page.autosave.fout(("gehoord", "gesprek_datum"))
    _typ(qtbot, datum, "12-11-2026")
    assert page.autosave.fout(("gehoord", "gesprek_datum")) == ""  # before leaving the field
    QThreadPool.globalInstance().waitForDone(10_000)
