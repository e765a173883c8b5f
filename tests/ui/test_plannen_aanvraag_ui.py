"""The screens of issue 11 (part): the persoonlijk plan and cliëntondersteuning in 'Gehoord en betrokkenen', the
request without a completed investigation from the melding screen and the dossier, and the provider's plan in step
7. Errors appear at the field and nothing is written; screenshots go to /tmp for a look."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool
from sqlalchemy import func, select

from consulent_app import termijnen
from consulent_app.db import models as m
from consulent_app.services import meldingen
from consulent_app.services import onderzoek as svc
from consulent_app.services.base import transactie
from tests.factories import Basis
from tests.test_onderzoek_service import _vul_stappen_1_tot_6
from ui.mainwindow import MainWindow, build_main_window
from ui.onderzoek.stappen import GEHOORD
from ui.ops import wacht_op_alles
from ui.pages.dossier import DossierPagina
from ui.pages.onderzoek import OnderzoekPagina
from ui.tablemodels import datum_kort
from ui.widgets import DatumVeld, kies

pytestmark = pytest.mark.ui


def _rust() -> None:
    """Let the operation layer finish: reads and writes run off the GUI thread (ui.ops)."""
    wacht_op_alles(10.0)

VANDAAG = dt.date.today()


@pytest.fixture
def venster(qtbot: Any, basis: Basis) -> Iterator[MainWindow]:
    w = build_main_window(basis.ctx, basis["consulent"])
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    yield w
    QThreadPool.globalInstance().waitForDone(10_000)


def _melding(basis: Basis, dagen_geleden: int, naam: str = "Peeters") -> int:
    cid = basis.client(naam, geboortedatum=dt.date(1948, 2, 3))
    return meldingen.registreer_melding(basis.ctx, basis["consulent"], client_id=cid, wet="wmo",
                                        datum=VANDAAG - dt.timedelta(days=dagen_geleden), kanaal="cit",
                                        vraag="Hulp bij het douchen en in huis")


def _melding_rij(basis: Basis, mid: int) -> tuple[Any, ...]:
    with transactie(basis.ctx) as s:
        me = s.get(m.Melding, mid)
        assert me is not None
        return me.persoonlijk_plan_ontvangen, me.clientondersteuning_gewezen, me.clientondersteuning_gewezen_op


def _aanvragen(basis: Basis) -> int:
    with transactie(basis.ctx) as s:
        return int(s.scalar(select(func.count()).select_from(m.Aanvraag)) or 0)


def _datum(ed: Any, d: dt.date) -> None:
    assert isinstance(ed, DatumVeld)
    ed.setText(d.strftime("%d-%m-%Y"))
    ed.editingFinished.emit()
    _rust()


@pytest.mark.gui_vrij  # the screen runs no SQL on the GUI thread (ui.ops)
def test_gehoord_shows_the_last_day_for_the_plan_and_refuses_a_plan_date_before_the_melding(
        qtbot: Any, basis: Basis, venster: MainWindow) -> None:
    """Wmo 2015 art. 2.3.2 lid 2 and cliëntondersteuning: the step where the conversation is recorded shows until
    when the plan can come; a plan date before the melding or in the future is refused at the field."""
    mid = _melding(basis, 3)
    oid = svc.start_onderzoek(basis.ctx, basis["consulent"], mid)
    venster.open_page("onderzoek", onderzoek_id=oid)
    _rust()
    page: OnderzoekPagina = venster.pages["onderzoek"]  # type: ignore[assignment]
    page.ga_naar(GEHOORD)
    g = page.gehoord
    uiterlijk = termijnen.persoonlijk_plan_uiterlijk(VANDAAG - dt.timedelta(days=3))
    assert "Inleveren kan tot en met" in g.plan_termijn.text() and str(uiterlijk.year) in g.plan_termijn.text()
    assert "2.3.2 lid 2" in g.plan_termijn.text()

    _datum(g.editors["persoonlijk_plan_ontvangen"], VANDAAG - dt.timedelta(days=10))
    assert "vóór de melding" in page.autosave.fout(("gehoord", "persoonlijk_plan_ontvangen"))
    _datum(g.editors["persoonlijk_plan_ontvangen"], VANDAAG + dt.timedelta(days=2))
    assert "toekomst" in page.autosave.fout(("gehoord", "persoonlijk_plan_ontvangen"))
    _datum(g.editors["clientondersteuning_gewezen_op"], VANDAAG - dt.timedelta(days=30))
    assert "vóór de meldingsdatum" in page.autosave.fout(("gehoord", "clientondersteuning_gewezen_op"))
    assert _melding_rij(basis, mid) == (None, None, None)  # nothing written
    g.grab().save("/tmp/gehoord_fout.png")

    _datum(g.editors["persoonlijk_plan_ontvangen"], VANDAAG - dt.timedelta(days=1))
    kies(g.editors["clientondersteuning_gewezen"], True)  # type: ignore[arg-type]
    _rust()
    _datum(g.editors["clientondersteuning_gewezen_op"], VANDAAG - dt.timedelta(days=2))
    assert page.autosave.fout(("gehoord", "persoonlijk_plan_ontvangen")) == ""
    assert _melding_rij(basis, mid) == (VANDAAG - dt.timedelta(days=1), True, VANDAAG - dt.timedelta(days=2))
    g.grab().save("/tmp/gehoord.png")


@pytest.mark.gui_vrij  # the screen runs no SQL on the GUI thread (ui.ops)
def test_request_without_investigation_from_the_melding_screen(qtbot: Any, basis: Basis,
                                                               venster: MainWindow) -> None:
    """Wmo 2015 art. 2.3.5 lid 2: the melding screen offers the request once the investigation term has passed; a
    date within the term is refused at the field and no request is made; then the request and its term show."""
    mid = _melding(basis, 60)
    einde = termijnen.termijn_einde(VANDAAG - dt.timedelta(days=60), termijnen.WMO_ONDERZOEK_WEKEN)
    venster.open_page("onderzoek", melding_id=mid)
    _rust()
    page: OnderzoekPagina = venster.pages["onderzoek"]  # type: ignore[assignment]
    page.niet_modaal = True  # type: ignore[attr-defined]
    assert page.aanvraag_knop.isVisible() and "Persoonlijk plan" in page.start_tekst.text()
    page.grab().save("/tmp/melding_scherm.png")
    page.aanvraag_zonder_onderzoek()
    dlg = page.aanvraag_dialoog
    assert dlg is not None and dlg.isVisible()
    dlg.formulier.editor("datum").zet_datum(einde)  # type: ignore[attr-defined]
    dlg.bevestig()
    _rust()
    assert "loopt nog tot en met" in dlg.formulier.fout_bij("datum")
    assert dlg.isVisible() and _aanvragen(basis) == 0
    dlg.grab().save("/tmp/aanvraag_dialoog_fout.png")
    dlg.formulier.editor("datum").zet_datum(VANDAAG)  # type: ignore[attr-defined]
    dlg.bevestig()
    _rust()
    _rust()  # the melding screen reads again after the write
    assert not dlg.isVisible() and _aanvragen(basis) == 1
    assert "Aanvraag zonder afgerond onderzoek (art. 2.3.5 lid 2 Wmo)" in page.start_tekst.text()
    assert "beslissen uiterlijk" in page.start_tekst.text() and not page.aanvraag_knop.isVisible()
    page.grab().save("/tmp/melding_scherm_aanvraag.png")


@pytest.mark.gui_vrij  # the screen runs no SQL on the GUI thread (ui.ops)
def test_request_without_investigation_from_the_dossier_and_in_mijn_werk(qtbot: Any, basis: Basis,
                                                                          venster: MainWindow) -> None:
    """Wmo 2015 art. 2.3.5 lid 2: the dossier's button is there only when the term has passed; after it the
    request is listed as such in the dossier and in Mijn werk."""
    jong = _melding(basis, 5, "Jacobs")
    oud = _melding(basis, 60, "Peeters")
    cid = next(w.client_id for w in meldingen.mijn_werk(basis.ctx, basis["consulent"]) if w.id == oud)
    venster.open_dossier(cid)
    d: DossierPagina = venster.pages["dossier"]  # type: ignore[assignment]
    qtbot.waitUntil(lambda: not d.bezig, timeout=10_000)
    d.niet_modaal = True  # type: ignore[attr-defined]
    d.tabs.setCurrentIndex(2)
    d.meldingen.selectRow(0)
    assert d.aanvraag_knop.isEnabled()
    d.grab().save("/tmp/dossier_meldingen.png")
    d._aanvraag_zonder_onderzoek()
    dlg = d.aanvraag_dialoog
    dlg.formulier.editor("datum").zet_datum(VANDAAG)  # type: ignore[attr-defined]
    dlg.bevestig()
    _rust()
    assert not dlg.isVisible()
    qtbot.waitUntil(lambda: not d.bezig and d.view is not None and bool(d.view.aanvragen), timeout=10_000)
    assert d.tabs.currentIndex() == 3
    assert d.aanvragen.proxy.index(0, 2).data() == "Aanvraag zonder afgerond onderzoek (art. 2.3.5 lid 2 Wmo)"
    d.grab().save("/tmp/dossier_aanvragen.png")

    venster.open_page("mijn_werk")
    werk = venster.pages["mijn_werk"]
    qtbot.waitUntil(lambda: werk.tabel.proxy.rowCount() >= 2, timeout=10_000)  # type: ignore[attr-defined]
    teksten = {werk.tabel.proxy.index(r, c).data()  # type: ignore[attr-defined]
               for r in range(werk.tabel.proxy.rowCount()) for c in range(werk.tabel.proxy.columnCount())}  # type: ignore[attr-defined]
    assert "Aanvraag zonder afgerond onderzoek (art. 2.3.5 lid 2 Wmo): besluit nodig" in teksten
    assert any(t and str(t).startswith("Melding: persoonlijk plan kan tot") for t in teksten), teksten
    werk.grab().save("/tmp/mijn_werk.png")
    assert jong != oud


@pytest.mark.gui_vrij  # the screen runs no SQL on the GUI thread (ui.ops)
def test_step7_provider_plan_default_and_a_date_before_the_start_refused(qtbot: Any, basis: Basis,
                                                                         venster: MainWindow) -> None:
    """Criterion 13: in step 7 the consultant sees when the plan van aanpak is expected (the configured 42 days
    after the start when left empty) and can change it; a date before the start is refused at the field."""
    mid = _melding(basis, 10)
    oid = svc.start_onderzoek(basis.ctx, basis["consulent"], mid)
    ids = _vul_stappen_1_tot_6(basis, oid)
    venster.open_page("onderzoek", onderzoek_id=oid)
    _rust()
    page: OnderzoekPagina = venster.pages["onderzoek"]  # type: ignore[assignment]
    page.ga_naar(7)
    s7 = page.lijsten[7]
    start = VANDAAG + dt.timedelta(days=7)
    s7.leeg()
    s7.vul(productcategorie="02")
    s7._categorie_gekozen()
    s7.vul(product=basis.producten["BG"], volume="2", frequentie="2", startdatum=start,
           po_datum=start + dt.timedelta(days=365), leveringsvorm="zin", aanbieder=basis.aanbieders[0],
           beoogd_resultaat="Dagstructuur", motivering="Netto 2 uur begeleiding.")
    standaard = start + dt.timedelta(days=42)
    assert standaard.strftime("%d-%m-%Y") in _hint(s7, "plan_verwacht_op")  # what an empty date will mean
    s7.behoeften.vink(ids["b3"])
    s7.resultaten.vink(ids["r2"])
    s7.vul(plan_verwacht_op=start - dt.timedelta(days=1))
    s7.toevoeg_knop.click()
    _rust()
    assert "vóór de start" in s7.form.fout_bij("plan_verwacht_op")
    assert s7.tabel.bron.rowCount() == 0
    s7.grab().save("/tmp/stap7_plan_fout.png")
    s7.plan_op.clear()
    s7.toevoeg_knop.click()
    _rust()
    assert s7.tabel.bron.rowCount() == 1
    vz = svc.haal_onderzoek(basis.ctx, basis["consulent"], oid).voorzieningen[0]
    assert (vz.plan_verwacht, vz.plan_verwacht_op) == (True, standaard)
    assert s7.tabel.proxy.index(0, 5).data() == f"verwacht {datum_kort(standaard)}"
    # 'Nee': the date field empties and is locked.
    s7.bewerk(vz)
    kies(s7.plan, False)
    assert s7.plan_op.text() == "" and not s7.plan_op.isEnabled()
    s7.grab().save("/tmp/stap7_plan.png")


def _hint(s7: Any, naam: str) -> str:
    item = s7.form.grid.itemAtPosition(s7._hint_rij(naam), s7._kolom(naam))
    return item.widget().text() if item is not None else ""


def test_po_change_dialog_records_the_provider_plan_and_refuses_a_date_before_the_start(
        qtbot: Any, basis: Basis, venster: MainWindow) -> None:
    """Criterion 13 after a 'gewijzigd' PO: the adjust dialog has the same plan fields as step 7; a plan date before
    the start is refused at the field and nothing is saved."""
    from tests.ui.test_voorziening_dialoog import _po_gewijzigd, sla_op

    pagina, _cid = _po_gewijzigd(qtbot, basis, venster)
    qtbot.waitUntil(lambda: getattr(pagina, "wijziging_dialoog", None) is not None, timeout=10_000)
    d = pagina.wijziging_dialoog
    d.motivering.setPlainText("Meer hulp nodig.")
    kies(d.plan, True)
    d.plan_op.zet_datum(d.start.datum() - dt.timedelta(days=1))
    assert sla_op(d) is False
    assert "vóór de start" in d.form.fout_bij("plan_verwacht_op")
    d.grab().save("/tmp/voorziening_dialoog_plan_fout.png")
    d.plan_op.zet_datum(d.start.datum() + dt.timedelta(days=20))
    assert sla_op(d) is True
    with transactie(basis.ctx) as s:
        vz = s.get(m.Voorziening, d.view.regels[0].id)
        assert vz is not None and (vz.plan_verwacht, vz.plan_verwacht_op) == (True, d.start.datum() +
                                                                              dt.timedelta(days=20))
    kies(d.plan, False)
    assert d.plan_op.text() == "" and not d.plan_op.isEnabled()
