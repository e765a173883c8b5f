"""After a PO completed as 'gewijzigd' the consultant adjusts the copied provisions before the herziening."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from dateutil.relativedelta import relativedelta
from PySide6.QtCore import QThreadPool

from consulent_app.db import models as m
from consulent_app.services.base import transactie
from tests.factories import Basis
from tests.factories_zaak import VzSpec, maak_zaak
from ui.mainwindow import MainWindow, build_main_window
from ui.ops import wacht_op_alles
from ui.pages.dossier import DossierPagina
from ui.pages.periodiek import Periodiek
from ui.voorziening_dialoog import VoorzieningenNaPoDialoog

pytestmark = pytest.mark.ui

VANDAAG = dt.date.today()


@pytest.fixture
def venster(qtbot, basis: Basis) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    w = build_main_window(basis.ctx, basis["consulent"])
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    yield w
    QThreadPool.globalInstance().waitForDone(10_000)


def _po_gewijzigd(qtbot, basis: Basis, w: MainWindow) -> tuple[Periodiek, int]:  # type: ignore[no-untyped-def]
    start = VANDAAG - relativedelta(years=1)
    zaak = maak_zaak(basis, beschikking="verzonden", verzonden_op=start - dt.timedelta(days=5),
                     melding_datum=start - dt.timedelta(days=60), aanvraag_datum=start - dt.timedelta(days=20),
                     po_consulent=True,
                     voorzieningen=[VzSpec("HH", startdatum=start, po_datum=VANDAAG - dt.timedelta(days=3))])
    w.open_page("po")
    pagina: Periodiek = w.pages["po"]  # type: ignore[assignment]
    qtbot.waitUntil(lambda: not pagina.bezig, timeout=10_000)
    pagina.niet_modaal = True
    pagina.tabel.selectRow(0)
    pagina.afronden()
    qtbot.waitUntil(lambda: pagina.afrond_dialoog is not None, timeout=10_000)  # the PO is read off the GUI thread
    dlg = pagina.afrond_dialoog
    f = dlg.formulier
    f.editor("uitkomst").setCurrentIndex(f.editor("uitkomst").findData("gewijzigd"))  # type: ignore[attr-defined]
    f.editor("verslag").setPlainText("Mevrouw kan minder zelf.")  # type: ignore[attr-defined]
    f.editor("volgende_po_datum").zet_datum(VANDAAG + relativedelta(months=12))  # type: ignore[attr-defined]
    dlg.bevestig()
    wacht_op_alles()  # the dialog's action runs off the GUI thread
    assert dlg.result() == dlg.DialogCode.Accepted
    return pagina, zaak.client_id


def sla_op(d: VoorzieningenNaPoDialoog) -> bool:
    """Press 'Wijziging opslaan' and wait for the writer (ui.ops): True when the core stored it."""
    voor = d.opgeslagen
    d.opslaan()
    assert wacht_op_alles()
    return d.opgeslagen == voor + 1


def test_completing_po_as_changed_opens_the_adjust_dialog(qtbot, basis: Basis, venster: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Domain brief section 7: after 'gewijzigd' the consultant sets the new scope before the herziening; a bad
    value is refused at its field, in Dutch, and nothing is saved."""
    pagina, _cid = _po_gewijzigd(qtbot, basis, venster)
    qtbot.waitUntil(lambda: getattr(pagina, "wijziging_dialoog", None) is not None, timeout=10_000)
    d: VoorzieningenNaPoDialoog = pagina.wijziging_dialoog
    assert d.isVisible() and d.form.isEnabled()
    assert [r.omvang for r in d.tabel.rijen()] == ["3 uur per week"]
    assert d.volume.text() == "3" and d.start.datum() == VANDAAG
    d.grab().save("/tmp/voorziening_dialoog.png")

    d.volume.setText("0")
    assert sla_op(d) is False
    assert d.form.fout_bij("volume")  # the message sits under Omvang
    d.motivering.setPlainText("")
    d.volume.setText("4,5")
    d.po.zet_datum(VANDAAG + relativedelta(years=10))
    assert sla_op(d) is False
    assert "maanden" in d.form.fout_bij("po_datum")
    d.grab().save("/tmp/voorziening_dialoog_fout.png")
    d.po.zet_datum(VANDAAG + relativedelta(months=12))
    d.motivering.setPlainText("Meer hulp nodig: 4,5 uur per week.")
    assert sla_op(d) is True
    assert [r.omvang for r in d.tabel.rijen()] == ["4,5 uur per week"]
    with transactie(basis.ctx) as s:
        vz = s.get(m.Voorziening, d.view.regels[0].id)
        assert vz is not None and str(vz.volume).rstrip("0").rstrip(".") == "4.5"
        assert vz.motivering == "Meer hulp nodig: 4,5 uur per week."


def test_dossier_reaches_the_dialog_for_a_change_request(qtbot, basis: Basis, venster: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Closed the dialog too soon? The dossier's Voorzieningen tab opens it again for the concept provision."""
    pagina, cid = _po_gewijzigd(qtbot, basis, venster)
    qtbot.waitUntil(lambda: getattr(pagina, "wijziging_dialoog", None) is not None, timeout=10_000)
    pagina.wijziging_dialoog.reject()
    venster.open_dossier(cid)
    dossier: DossierPagina = venster.pages["dossier"]  # type: ignore[assignment]
    qtbot.waitUntil(lambda: dossier.view is not None and not dossier.bezig, timeout=10_000)
    dossier.niet_modaal = True
    rijen = dossier.voorzieningen.rijen()
    rij = next(i for i, v in enumerate(rijen) if v.status == "concept")
    dossier.voorzieningen.selectRow(rij)
    assert dossier.aanpas_knop.isEnabled()
    actief = next(i for i, v in enumerate(rijen) if v.status == "actief")
    dossier.voorzieningen.selectRow(actief)
    assert not dossier.aanpas_knop.isEnabled()
    dossier.voorzieningen.selectRow(rij)
    dossier.aanpas_knop.click()
    qtbot.waitUntil(lambda: dossier.aanpas_dialoog is not None, timeout=10_000)  # read off the GUI thread
    d = dossier.aanpas_dialoog
    assert d is not None and d.isVisible() and [r.id for r in d.tabel.rijen()] == [rijen[rij].id]
    d.reject()
