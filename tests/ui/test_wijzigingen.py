"""Open screens follow what changed elsewhere (issue 13): a write announces what it touched (ui.ops.Wijziging), in
this window at once and in a colleague's window through the audit log (Ops.kijk_naar_wijzigingen), and every page
that shows it reads again; a page with unsaved input keeps it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from sqlalchemy import select

from consulent_app.db import models as m
from consulent_app.services import verzending as vz
from consulent_app.services.base import transactie
from tests.factories import Basis
from tests.factories_verzending import goedgekeurde_beschikking
from tests.ui.test_planning_ui import _consulent_rij, _kies, week  # noqa: F401 - the planner's week is a fixture
from tests.ui.test_verzendlijst_ui import test_renderer  # noqa: F401 - letters from the small test renderer
from tests.ui.test_voorziening_dialoog import _po_gewijzigd, sla_op
from ui.mainwindow import MainWindow, build_main_window
from ui.ops import Wijziging, wacht_op_alles

pytestmark = pytest.mark.ui

GOED = dt.date.today() - dt.timedelta(days=3)


@pytest.fixture
def venster(qtbot, basis: Basis) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    gemaakt: list[MainWindow] = []

    def maak(gebruiker: str) -> MainWindow:
        w = build_main_window(basis.ctx, basis[gebruiker])
        qtbot.addWidget(w)
        w.resize(1366, 768)
        w.show()
        gemaakt.append(w)
        return w

    yield maak
    wacht_op_alles()
    QThreadPool.globalInstance().waitForDone(10_000)


def _client_van(basis: Basis, beschikking_id: int) -> int:
    with transactie(basis.ctx) as s:
        cid = s.scalar(select(m.Beschikking.client_id).where(m.Beschikking.id == beschikking_id))
    assert cid is not None
    return cid


def _open_dossier(qtbot, w: MainWindow, client_id: int):  # type: ignore[no-untyped-def]
    w.open_dossier(client_id)
    d = w.pages["dossier"]
    qtbot.waitUntil(lambda: d.view is not None and not d.bezig, timeout=10_000)
    return d


def test_a_decision_sent_in_verzendlijst_updates_the_consultants_open_dossier(qtbot, basis: Basis, venster) -> None:  # type: ignore[no-untyped-def]
    """The consultant has the dossier open on her laptop; administrative staff send the letter from theirs: the
    dossier shows it sent (and the objection term) without anyone pressing F5."""
    bid = goedgekeurde_beschikking(basis, achternaam="Aerts", goedgekeurd_op=GOED)
    cid = _client_van(basis, bid)
    vz.registreer_productie(basis.ctx, basis["administratie"], [bid], hoe="pdf")
    consulent = venster("consulent")
    dossier = _open_dossier(qtbot, consulent, cid)
    assert [b.status for b in dossier.beschikkingen.rijen()] == ["goedgekeurd"]
    geladen: list[int] = []
    dossier.geladen.connect(lambda: geladen.append(1))

    admin = venster("administratie")
    admin.open_page("verzendlijst")
    lijst = admin.pages["verzendlijst"]
    qtbot.waitUntil(lambda: len(lijst.tabel.rijen()) == 1, timeout=10_000)
    lijst.kies_alles()
    d = lijst.markeer_verzonden()
    assert d is not None
    qtbot.mouseClick(d.ok, Qt.MouseButton.LeftButton)
    assert wacht_op_alles()
    assert not d.isVisible()

    consulent.ops.kijk_naar_wijzigingen()  # what the window's timer does every few seconds
    qtbot.waitUntil(lambda: [b.status for b in dossier.beschikkingen.rijen()] == ["verzonden"], timeout=10_000)
    assert geladen == [1]  # read once, not once per event
    [b] = dossier.beschikkingen.rijen()
    assert b.verzonden_op == dt.date.today() and b.bezwaartermijn_einde is not None


def test_a_case_assigned_in_werk_verdelen_updates_belasting_and_the_consultants_mijn_werk(  # type: ignore[no-untyped-def]
        qtbot, basis: Basis, venster, week: dict[str, int]) -> None:  # noqa: F811 - the fixture imported above
    """The planner assigns a new melding: the load overview she opened earlier shows the new load when she goes
    back to it, and the consultant's Mijn werk shows the case."""
    consulent = venster("consulent")
    mijn_werk = consulent.pages["mijn_werk"]
    qtbot.waitUntil(lambda: not mijn_werk.bezig, timeout=10_000)
    assert "Aerts" not in {w.client.split()[-1] for w in mijn_werk.tabel.rijen()}

    planner = venster("planner")
    planner.open_page("belasting")
    belasting = planner.pages["belasting"]
    qtbot.waitUntil(lambda: not belasting.bezig and belasting.data is not None, timeout=10_000)
    voor = {c.naam: c.totaal for c in belasting.tabel.rijen()}

    planner.open_page("werk_verdelen")
    verdelen = planner.pages["werk_verdelen"]
    qtbot.waitUntil(lambda: not verdelen.bezig, timeout=10_000)
    rij = next(r for r, item in enumerate(verdelen.werk.rijen()) if item.id == week["nieuw"] and item.soort == "melding")
    _kies(verdelen, [rij])
    verdelen.toewijzen_aan(verdelen.consulenten.rijen()[_consulent_rij(verdelen, "Consulent")])
    assert wacht_op_alles()
    qtbot.waitUntil(lambda: not verdelen.bezig, timeout=10_000)

    planner.open_page("belasting")  # shown again: it read again because the assignment was announced
    qtbot.waitUntil(lambda: not belasting.bezig, timeout=10_000)
    na = {c.naam: c.totaal for c in belasting.tabel.rijen()}
    assert na["Consulent"] == voor["Consulent"] + 1

    consulent.ops.kijk_naar_wijzigingen()
    qtbot.waitUntil(lambda: "Aerts" in {w.client.split()[-1] for w in mijn_werk.tabel.rijen()}
                    and not mijn_werk.bezig, timeout=10_000)


def test_saving_in_the_change_dialog_updates_the_dossier_under_it(qtbot, basis: Basis, venster) -> None:  # type: ignore[no-untyped-def]
    """The adjust dialog after a 'gewijzigd' PO is opened from the dossier: each save shows in the dossier's
    provisions at once, while the dialog stays open."""
    w = venster("consulent")
    pagina, cid = _po_gewijzigd(qtbot, basis, w)
    qtbot.waitUntil(lambda: getattr(pagina, "wijziging_dialoog", None) is not None, timeout=10_000)
    pagina.wijziging_dialoog.reject()
    dossier = _open_dossier(qtbot, w, cid)
    dossier.niet_modaal = True
    rijen = dossier.voorzieningen.rijen()
    rij = next(i for i, v in enumerate(rijen) if v.status == "concept")
    dossier.voorzieningen.selectRow(rij)
    dossier.aanpas_knop.click()
    qtbot.waitUntil(lambda: dossier.aanpas_dialoog is not None, timeout=10_000)
    d = dossier.aanpas_dialoog
    d.volume.setText("4,5")
    d.motivering.setPlainText("Meer hulp nodig: 4,5 uur per week.")
    assert sla_op(d) is True
    assert d.isVisible()
    qtbot.waitUntil(lambda: not dossier.bezig and "4,5 uur per week" in
                    [v.omvang for v in dossier.voorzieningen.rijen() if v.status == "concept"], timeout=10_000)
    d.reject()


def test_unsaved_personal_data_stay_when_a_change_is_announced(qtbot, basis: Basis, venster) -> None:  # type: ignore[no-untyped-def]
    """Nothing typed is lost: while the consultant has typed a new phone number, a colleague's change to the same
    file does not reload the form; the dossier reads again once it is shown next."""
    bid = goedgekeurde_beschikking(basis, achternaam="Aerts", goedgekeurd_op=GOED)
    cid = _client_van(basis, bid)
    w = venster("consulent")
    dossier = _open_dossier(qtbot, w, cid)
    telefoon = dossier.form.editors["telefoon"]
    telefoon.setText("06 12345678")
    geladen: list[int] = []
    dossier.geladen.connect(lambda: geladen.append(1))
    w.ops.gewijzigd.emit(Wijziging.van("beschikking", client_id=cid, elders=True))
    qtbot.wait(200)
    assert telefoon.text() == "06 12345678" and geladen == [] and dossier.verouderd
    # Another client's change does not concern this dossier at all.
    dossier.verouderd = False
    w.ops.gewijzigd.emit(Wijziging.van("beschikking", client_id=cid + 1000, elders=True))
    assert not dossier.verouderd
