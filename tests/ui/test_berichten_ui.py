"""Berichtenverkeer in the real window: the outbox with a blocked and a ready message, export and import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from sqlalchemy import select

from consulent_app.db import models as m
from consulent_app.domain import BerichtStatus, Wet
from consulent_app.services import verzending as vz
from tests import berichten_maker as bm
from tests.factories import Basis
from tests.factories_verzending import goedgekeurde_beschikking
from ui.mainwindow import build_main_window
from ui.pages.berichten import Berichtenverkeer

pytestmark = pytest.mark.ui


def _verstuur(basis: Basis, achternaam: str) -> None:
    bid = goedgekeurde_beschikking(basis, achternaam=achternaam, goedgekeurd_op=dt.date.today() - dt.timedelta(days=2))
    vz.registreer_productie(basis.ctx, basis["administratie"], [bid], hoe="pdf")
    vz.markeer_verzonden(basis.ctx, basis["administratie"], [bid], dt.date.today(), "post")


def test_berichtenverkeer_toont_fout_en_exporteert_wat_klaarstaat(qtbot, basis: Basis,  # type: ignore[no-untyped-def]
                                                                   tmp_path: Path) -> None:
    _verstuur(basis, "Aerts")  # the test catalogue has no iWmo product code: blocked
    with basis.ctx.session_factory.begin() as s:
        for p in s.scalars(select(m.Product)):
            p.istandaard_code = p.code[:5]
    _verstuur(basis, "Bours")  # now with codes: ready
    w = build_main_window(basis.ctx, basis["administratie"])
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    assert "Berichtenverkeer" in w.menu_titels()
    w.open_page("berichten")
    p = w.pages["berichten"]
    assert isinstance(p, Berichtenverkeer)
    qtbot.waitUntil(lambda: len(p.rijen) == 2, timeout=10_000)
    statussen = {r.client: r.status for r in p.rijen}
    assert statussen == {"Maria Aerts": BerichtStatus.GEBLOKKEERD.value, "Maria Bours": BerichtStatus.KLAAR.value}
    assert p.teller.text() == "2 berichten · 1 klaar om te verzenden · 1 met een fout"
    rij = next(i for i, r in enumerate(p.tabel.rijen()) if r.client == "Maria Aerts")
    p.tabel.selectRow(rij)
    assert "productcode" in p.detail.text() and p.opnieuw_knop.isEnabled()
    w.grab().save(str(tmp_path / "berichtenverkeer.png"))

    p.kies_map = lambda _voorstel: str(tmp_path / "ggk")
    p.export_knop.click()
    qtbot.waitUntil(lambda: "geëxporteerd" in p.laatste_melding, timeout=10_000)
    assert p.laatste_melding.startswith("1 bericht geëxporteerd") and "1 wachten op een correctie" in p.laatste_melding
    assert [f.name[:6] for f in (tmp_path / "ggk").iterdir()] == ["WMO301"]

    with basis.ctx.session_factory() as s:
        c = s.scalar(select(m.Client).where(m.Client.achternaam == "Bours"))
        t = s.scalar(select(m.Toewijzing).where(m.Toewijzing.client_id == c.id))  # type: ignore[union-attr]
        assert c is not None and t is not None
        start = bm.start_stop(Wet.WMO, stop=False, bsn=c.bsn, geboren=c.geboortedatum,
                              aanbieder=bm.Aanbieder("75000001"), regels=[dict(nummer=t.nummer, begindatum=t.ingangsdatum)])
    (tmp_path / "in.xml").write_bytes(bm.in_envelop(start, "WMO305"))
    (tmp_path / "kapot.xml").write_bytes(b"<nee")
    p.kies_bestanden = lambda: [str(tmp_path / "in.xml"), str(tmp_path / "kapot.xml")]
    p.laatste_melding = ""
    p.import_knop.click()
    qtbot.waitUntil(lambda: "ingelezen" in p.laatste_melding, timeout=10_000)
    assert "kapot.xml" in p.laatste_melding and "geen geldige XML" in p.laatste_melding
    qtbot.waitUntil(lambda: any(r.soort == "WMO306" for r in p.rijen), timeout=10_000)
    w.grab().save(str(tmp_path / "berichtenverkeer_na_import.png"))
    QThreadPool.globalInstance().waitForDone(10_000)


def test_beheerder_ziet_berichtenverkeer_zonder_namen(qtbot, basis: Basis) -> None:  # type: ignore[no-untyped-def]
    _verstuur(basis, "Aerts")
    w = build_main_window(basis.ctx, basis["beheerder"])
    qtbot.addWidget(w)
    w.show()
    assert "Berichtenverkeer" in w.menu_titels()
    w.open_page("berichten")
    p = w.pages["berichten"]
    assert isinstance(p, Berichtenverkeer)
    qtbot.waitUntil(lambda: len(p.rijen) == 1, timeout=10_000)
    assert p.rijen[0].client is None and not p.opnieuw_knop.isVisible() and not p.client_knop.isVisible()
    QThreadPool.globalInstance().waitForDone(10_000)


def test_termijnen_van_het_berichtenverkeer_voor_de_administratie(qtbot, basis: Basis,  # type: ignore[no-untyped-def]
                                                                  tmp_path: Path) -> None:
    """Administrative staff see the chain's retour term on Termijnen: a received start message whose retour has not
    left yet, with its last day; Enter opens Berichtenverkeer; the suspension buttons are not theirs."""
    from ui.pages.termijnen import Termijnen

    with basis.ctx.session_factory.begin() as s:
        for p in s.scalars(select(m.Product)):
            p.istandaard_code = p.code[:5]
    _verstuur(basis, "Coenen")
    with basis.ctx.session_factory() as s:
        t = s.scalars(select(m.Toewijzing)).one()
        c = s.get(m.Client, t.client_id)
        assert c is not None
        bsn, geb, nummer, start = c.bsn, c.geboortedatum, t.nummer, t.ingangsdatum
    from consulent_app.services import berichten as ber

    x = bm.start_stop(Wet.WMO, stop=False, bsn=bsn, geboren=geb, ident="UI1", aanbieder=bm.Aanbieder("75000001"),
                      regels=[dict(nummer=nummer, begindatum=start)])
    ber.importeer(basis.ctx, basis["administratie"], [("s.xml", x)])
    w = build_main_window(basis.ctx, basis["administratie"])
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    assert "Termijnen" in w.menu_titels()
    w.open_page("termijnen")
    p = w.pages["termijnen"]
    assert isinstance(p, Termijnen)
    qtbot.waitUntil(lambda: len(p.tabel.rijen()) == 1, timeout=10_000)
    [r] = p.tabel.rijen()
    assert (r.soort, r.client, r.soort_tekst) == ("retour", "Maria Coenen", "Retour op WMO305 versturen")
    assert not p.opschort_knop.isVisible() and not p.bezwaar.isVisible()
    p.tabel.selectRow(0)
    w.grab().save(str(tmp_path / "ketentermijnen.png"))
    p._open(r)
    assert w.huidige == "berichten"
    QThreadPool.globalInstance().waitForDone(5000)
