"""Verzoeken van aanbieders in the real window: a GP's referral is granted with one button; Mijn werk shows it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from sqlalchemy import select

from consulent_app.db import models as m
from consulent_app.domain import Wet
from consulent_app.services import berichten as ber
from consulent_app.services import verzending as vz
from tests import berichten_maker as bm
from tests.factories import Basis
from tests.factories_verzending import goedgekeurde_beschikking
from ui.mainwindow import build_main_window
from ui.pages.verzoek import Verzoeken

pytestmark = pytest.mark.ui


def _jeugdclient_met_verzoek(basis: Basis) -> m.Client:
    with basis.ctx.session_factory.begin() as s:
        for p in s.scalars(select(m.Product)):
            p.istandaard_code = p.code[:5]
    bid = goedgekeurde_beschikking(basis, achternaam="Vos", wet="jeugdwet", voorzieningen=(("JA", "zin", "toegekend"),),
                                   goedgekeurd_op=dt.date.today() - dt.timedelta(days=2))
    vz.registreer_productie(basis.ctx, basis["administratie"], [bid], hoe="pdf")
    vz.markeer_verzonden(basis.ctx, basis["administratie"], [bid], dt.date.today(), "post")
    with basis.ctx.session_factory() as s:
        c = s.scalar(select(m.Client).where(m.Client.achternaam == "Vos"))
        assert c is not None
        s.expunge(c)
    x = bm.verzoek_315(Wet.JEUGDWET, bsn=c.bsn, geboren=c.geboortedatum, categorie="45", code="JAM",
                       referentie="HA-1", aanbieder=bm.Aanbieder("75000002"))
    [u] = ber.importeer(basis.ctx, basis["administratie"], [("315.xml", x)])
    assert u.status == "verwerkt", u.melding
    return c


def test_verwijzing_huisarts_toewijzen_vanuit_mijn_werk(qtbot, basis: Basis,  # type: ignore[no-untyped-def]
                                                         tmp_path: Path) -> None:
    _jeugdclient_met_verzoek(basis)
    w = build_main_window(basis.ctx, basis["consulent"])
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    home = w.pages[w.huidige] if w.huidige else None
    assert home is not None
    qtbot.waitUntil(lambda: any(i.soort == "verzoek" for i in home.tabel.rijen()), timeout=10_000)
    [item] = [i for i in home.tabel.rijen() if i.soort == "verzoek"]
    assert item.termijn_einde is not None and "Verzoek om toewijzing" in item.omschrijving
    home.tabel.rij_geopend.emit(item)
    p = w.pages["verzoek"]
    assert isinstance(p, Verzoeken)
    qtbot.waitUntil(lambda: p.huidig() is not None, timeout=10_000)
    assert p.toewijs_knop.isEnabled() and "Huisarts" in p.detail.text()
    w.grab().save(str(tmp_path / "verzoeken.png"))
    p.toewijs_knop.click()
    qtbot.waitUntil(lambda: p.laatste_melding.startswith("Toegewezen"), timeout=10_000)
    qtbot.waitUntil(lambda: p.rijen == [], timeout=10_000)
    with basis.ctx.session_factory() as s:
        laatste = s.scalars(select(m.Bericht).where(m.Bericht.nummer == 301).order_by(m.Bericht.id.desc())).first()
        assert laatste is not None and laatste.status == "klaar" and b"HA-1" in (laatste.inhoud or b"")
    QThreadPool.globalInstance().waitForDone(10_000)


def test_verzoek_staat_in_termijnen_met_dezelfde_woorden(qtbot, basis: Basis,  # type: ignore[no-untyped-def]
                                                         tmp_path: Path) -> None:
    _jeugdclient_met_verzoek(basis)
    w = build_main_window(basis.ctx, basis["consulent"])
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.open_page("termijnen")
    p = w.pages["termijnen"]
    qtbot.waitUntil(lambda: any(r.soort == "verzoek" for r in p.tabel.rijen()), timeout=10_000)
    rij = next(i for i, r in enumerate(p.tabel.rijen()) if r.soort == "verzoek")
    p.tabel.selectRow(rij)
    r = p.tabel.rijen()[rij]
    assert r.soort_tekst == "Verzoek om toewijzing" and "verloopt binnen" in r.status_tekst
    assert "vijf werkdagen" in r.grondslag
    w.grab().save(str(tmp_path / "termijnen_verzoek.png"))
    p.tabel.rij_geopend.emit(r)  # Enter: where the request is answered
    v = w.pages["verzoek"]
    assert isinstance(v, Verzoeken)
    qtbot.waitUntil(lambda: v.huidig() is not None and v.huidig().verzoek_id == r.object_id, timeout=10_000)
    QThreadPool.globalInstance().waitForDone(10_000)
