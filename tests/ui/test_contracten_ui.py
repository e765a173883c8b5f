"""Contracts in Beheer with the keyboard, and step 7's provider list filtered by law and product (issue 16)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from consulent_app.db import models as m
from consulent_app.services import contracten
from consulent_app.services.base import transactie
from tests.factories import Basis
from tests.ui.venster_hulp import maak_actief
from ui.mainwindow import build_main_window
from ui.ops import wacht_op_alles

pytestmark = pytest.mark.ui

ALT = Qt.KeyboardModifier.AltModifier


def _contracten(basis: Basis) -> set[tuple[int, int]]:
    with transactie(basis.ctx) as s:
        return {(a, p) for a, p in s.execute(select(m.aanbieder_product.c.aanbieder_id,
                                                    m.aanbieder_product.c.product_id))}


def test_beheerder_vinkt_contracten_aan_met_het_toetsenbord(qtbot: Any, basis: Basis) -> None:
    """Alt+A opens Contracten; the providers are listed, Space on a product records the contract at once (audited),
    the row's count follows; Alt+E switches to the Jeugdwet and its products."""
    w = build_main_window(basis.ctx, basis["beheerder"])
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.open_page("beheer")
    page = w.pages["beheer"]
    qtbot.waitUntil(lambda: not page.bezig, timeout=10_000)
    maak_actief(qtbot, w)
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_A, ALT)  # Contr&acten
    tab = page.contracten
    qtbot.waitUntil(lambda: page.tabs.currentWidget() is tab and tab.stand is not None and not tab.bezig,
                    timeout=10_000)
    assert [a.naam for a in tab.tabel.rijen()] == ["Thuiszorg Mosa", "Zorggroep Maasland"]
    tab.tabel.setFocus()
    qtbot.keyClick(tab.tabel, Qt.Key.Key_Down)  # Zorggroep Maasland
    assert tab.gekozen() is not None and tab.gekozen().naam == "Zorggroep Maasland"  # type: ignore[union-attr]
    assert "Zorggroep Maasland" in tab.producten_label.text() and tab.producten.count() == 2  # the Wmo products

    qtbot.keyClick(tab.tabel, Qt.Key.Key_P, ALT)  # &Producten: the keyboard goes to the product list
    assert QApplication.focusWidget() is tab.producten
    qtbot.keyClick(tab.producten, Qt.Key.Key_Space)  # 01 Hulp bij het huishouden
    wacht_op_alles(10.0)
    assert _contracten(basis) == {(basis.aanbieders[0], basis.producten["HH"])}
    assert tab.gedaan.text() == ("Zorggroep Maasland: contract voor Hulp bij het huishouden vastgelegd. Nu 1 product "
                                 "van de Wmo 2015 met contract.")
    kolom = next(i for i, k in enumerate(tab.tabel.bron.kolommen) if k.titel == "Contract voor")
    rij = next(r for r in range(tab.tabel.proxy.rowCount()) if tab.tabel.proxy.index(r, 0).data() == "Zorggroep Maasland")
    assert tab.tabel.proxy.index(rij, kolom).data() == "1 product"
    qtbot.keyClick(tab.producten, Qt.Key.Key_Down)
    qtbot.keyClick(tab.producten, Qt.Key.Key_Space)  # 02 Begeleiding
    wacht_op_alles(10.0)
    qtbot.keyClick(tab.producten, Qt.Key.Key_Up)
    qtbot.keyClick(tab.producten, Qt.Key.Key_Space)  # untick Hulp bij het huishouden
    wacht_op_alles(10.0)
    assert _contracten(basis) == {(basis.aanbieders[0], basis.producten["BG"])}
    assert "contract voor Hulp bij het huishouden vervallen" in tab.gedaan.text()

    qtbot.keyClick(tab.producten, Qt.Key.Key_E, ALT)  # W&et
    assert QApplication.focusWidget() is tab.wet
    qtbot.keyClick(tab.wet, Qt.Key.Key_Down)  # Jeugdwet
    qtbot.waitUntil(lambda: tab.stand is not None and tab.stand.wet == "jeugdwet" and not tab.bezig, timeout=10_000)
    assert tab.gekozen().naam == "Zorggroep Maasland"  # type: ignore[union-attr]  # the provider stays chosen
    assert [tab.producten.item(i).text() for i in range(tab.producten.count())] == ["45  Jeugdhulp ambulant  (JAM)"]
    with transactie(basis.ctx) as s:
        assert s.scalars(select(m.AuditEvent.details).where(m.AuditEvent.object_type == "aanbieder")
                         .order_by(m.AuditEvent.id)).all() == ["contract+=HH1", "contract+=BGM", "contract-=HH1"]
    QThreadPool.globalInstance().waitForDone(10_000)


def test_stap_7_filtert_op_wet_en_product_en_kiest_de_enige_gecontracteerde(qtbot: Any, basis: Basis) -> None:
    """Product with contracts: only those providers, the single one chosen. Product without a contract: the
    providers contracted for the law (not the Jeugd-only one)."""
    from tests.ui.test_onderzoek_ui import _open, _stappen_1_tot_6

    maasland, mosa = basis.aanbieders
    contracten.zet_contracten(basis.ctx, basis["beheerder"], mosa, "wmo", [basis.producten["HH"]])
    contracten.zet_contracten(basis.ctx, basis["beheerder"], maasland, "jeugdwet", [basis.producten["JA"]])
    _w, page = _open(qtbot, basis, "wmo")
    _stappen_1_tot_6(qtbot, page, "wmo")
    page.ga_naar(7)
    wacht_op_alles(10.0)
    s7 = page.lijsten[7]

    def aanbieders() -> list[str]:
        return [s7.aanbieder.itemText(i) for i in range(1, s7.aanbieder.count())]

    s7.categorie.setFocus()
    qtbot.keyClick(s7.categorie, Qt.Key.Key_Down)  # 01 Huishoudelijke hulp
    s7.product.setFocus()
    qtbot.keyClick(s7.product, Qt.Key.Key_Down)  # Hulp bij het huishouden
    assert s7.product.currentData() == basis.producten["HH"]
    assert aanbieders() == ["Thuiszorg Mosa"] and s7.aanbieder.currentData() == mosa  # preselected
    assert s7.aanbieder.itemText(0) == "Kies: 1 met contract"

    s7.categorie.setFocus()
    qtbot.keyClick(s7.categorie, Qt.Key.Key_Down)  # 02 Begeleiding: no contract for the product
    s7.product.setFocus()
    qtbot.keyClick(s7.product, Qt.Key.Key_Down)
    assert s7.product.currentData() == basis.producten["BG"]
    assert aanbieders() == ["Thuiszorg Mosa"]  # contracted for the Wmo; Maasland only for the Jeugdwet
    assert s7.aanbieder.itemText(0) == "Kies: 1 met Wmo-contract"
    assert "contract voor de Wmo 2015" in s7.aanbieder.toolTip()

    QThreadPool.globalInstance().waitForDone(10_000)


def test_stap_7_zonder_contracten_voor_de_wet_biedt_elke_aanbieder(qtbot: Any, basis: Basis) -> None:
    """A register not filled in yet for the Wmo (only a Jeugd contract): step 7 offers every active provider and
    chooses none, as before the register existed."""
    from tests.ui.test_onderzoek_ui import _open, _stappen_1_tot_6

    contracten.zet_contracten(basis.ctx, basis["beheerder"], basis.aanbieders[0], "jeugdwet",
                              [basis.producten["JA"]])
    _w, page = _open(qtbot, basis, "wmo")
    _stappen_1_tot_6(qtbot, page, "wmo")
    page.ga_naar(7)
    wacht_op_alles(10.0)
    s7 = page.lijsten[7]
    s7.categorie.setFocus()
    qtbot.keyClick(s7.categorie, Qt.Key.Key_Down)
    s7.product.setFocus()
    qtbot.keyClick(s7.product, Qt.Key.Key_Down)
    namen = sorted(s7.aanbieder.itemText(i) for i in range(1, s7.aanbieder.count()))
    assert namen == ["Thuiszorg Mosa", "Zorggroep Maasland"] and s7.aanbieder.currentData() is None
    assert s7.aanbieder.itemText(0) == "Kies de aanbieder"
    QThreadPool.globalInstance().waitForDone(10_000)
