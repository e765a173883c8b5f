"""The desktop shell as a user meets it: login, the home screen per role, assigning work, editing a dossier."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget

from consulent_app.config import load_defaults
from consulent_app.domain import Rol
from consulent_app.services import auth, dossiers, meldingen
from consulent_app.services.base import AppContext
from consulent_app.services.dossiers import ClientInvoer
from tests.factories import WACHTWOORD, Basis
from tests.ui.venster_hulp import maak_actief
from ui.login import LoginDialog, WachtwoordWijzigenDialog
from ui.mainwindow import MainWindow, build_main_window
from ui.ops import wacht_op_alles
from ui.pages import discover
from ui.pages.base import PageSpec
from ui.widgets import PIL_ROLE

pytestmark = pytest.mark.ui


@pytest.fixture
def venster(qtbot, basis: Basis):  # type: ignore[no-untyped-def]
    """build_main_window for a user name; waits until the home page has loaded."""
    made: list[MainWindow] = []

    def maak(gebruiker: str) -> MainWindow:
        w = build_main_window(basis.ctx, basis[gebruiker])
        qtbot.addWidget(w)
        w.show()
        wacht(qtbot, w)
        made.append(w)
        return w

    yield maak
    QThreadPool.globalInstance().waitForDone(10_000)


def wacht(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = w.pages.get(w.huidige or "")
    if page is not None and hasattr(page, "bezig"):
        qtbot.waitUntil(lambda: not page.bezig, timeout=10_000)


def melding_voor(basis: Basis, client_id: int, *, dagen_geleden: int = 3, door: str = "planner") -> int:
    return meldingen.registreer_melding(
        basis.ctx, basis[door], client_id=client_id, wet="wmo",
        datum=dt.date.today() - dt.timedelta(days=dagen_geleden), kanaal="telefoon",
        vraag="Kan het huishouden niet meer zelf doen.")


# --- login ---------------------------------------------------------------------------------------------------------


def test_login_fout_wachtwoord_toont_melding_in_dialoog_en_goed_wachtwoord_logt_in(qtbot, basis: Basis) -> None:
    dlg = LoginDialog(basis.ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.gebruikersnaam.setText("consulent")
    dlg.wachtwoord.setText("fout-wachtwoord")
    qtbot.keyClick(dlg.wachtwoord, Qt.Key.Key_Return)  # Enter submits
    assert not dlg.inlog_knop.isEnabled()  # checking (argon2) off the GUI thread; the dialog keeps painting
    wacht_op_alles()
    assert dlg.melding.isVisible()
    assert "onjuist wachtwoord" in dlg.melding.text()
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert dlg.wachtwoord.text() == ""  # typed again, never shown

    dlg.wachtwoord.setText(WACHTWOORD)
    qtbot.keyClick(dlg.wachtwoord, Qt.Key.Key_Return)
    wacht_op_alles()
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert dlg.actor is not None and dlg.actor.gebruikersnaam == "consulent"
    assert dlg.moet_wijzigen is False


def test_login_lege_velden_foutmelding_bij_het_veld(qtbot, basis: Basis) -> None:
    dlg = LoginDialog(basis.ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.inlog_knop.click()
    assert dlg.form.fout_bij("gebruikersnaam") == "Vul uw gebruikersnaam in."
    assert dlg.form.fout_bij("wachtwoord") == "Vul uw wachtwoord in."
    assert dlg.actor is None


def test_na_reset_moet_het_wachtwoord_gewijzigd_worden(qtbot, basis: Basis) -> None:
    auth.reset_wachtwoord(basis.ctx, basis["beheerder"], basis["consulent"].gebruiker_id, "tijdelijk-123456")
    dlg = LoginDialog(basis.ctx)
    qtbot.addWidget(dlg)
    dlg.gebruikersnaam.setText("consulent")
    dlg.wachtwoord.setText("tijdelijk-123456")
    dlg.probeer()
    wacht_op_alles()
    assert dlg.moet_wijzigen is True

    assert dlg.actor is not None
    wijzig = WachtwoordWijzigenDialog(basis.ctx, dlg.actor, oud="tijdelijk-123456")
    qtbot.addWidget(wijzig)
    wijzig.nieuw.setText("mijn-eigen-wachtwoord")
    wijzig.herhaal.setText("iets-anders-getypt")
    wijzig.opslaan()
    assert "niet gelijk" in wijzig.form.fout_bij("herhaal")
    wijzig.herhaal.setText("mijn-eigen-wachtwoord")
    wijzig.opslaan()
    wacht_op_alles()
    assert wijzig.result() == QDialog.DialogCode.Accepted
    actor, moet = auth.inloggen(basis.ctx, "consulent", "mijn-eigen-wachtwoord")
    assert moet is False


# --- home per role -------------------------------------------------------------------------------------------------

ROLLEN = {
    # user: (home page key, menu items that must be there, menu items that must not)
    "consulent": ("mijn_werk", {"Mijn werk", "Cliënt zoeken"}, {"Werk verdelen", "Te toetsen", "Te verzenden",
                                                                "Beheer"}),
    # One work queue for planners: the richer Werk verdelen is their home, no second "Werkvoorraad" entry.
    "planner": ("werk_verdelen", {"Werk verdelen", "Cliënt zoeken"}, {"Werkvoorraad", "Mijn werk", "Te toetsen",
                                                                      "Te verzenden", "Beheer"}),
    "teamleider": ("werk_verdelen", {"Werk verdelen", "Sturingsinformatie"}, {"Werkvoorraad", "Mijn werk",
                                                                              "Te verzenden", "Beheer"}),
    "toetser": ("te_toetsen", {"Te toetsen", "Cliënt zoeken"}, {"Mijn werk", "Werk verdelen", "Te verzenden",
                                                                "Beheer"}),
    "administratie": ("te_verzenden", {"Te verzenden"}, {"Mijn werk", "Werk verdelen", "Te toetsen", "Beheer",
                                                          "Cliënt zoeken"}),
    "beheerder": ("beheer", {"Beheer"}, {"Mijn werk", "Werk verdelen", "Te toetsen", "Te verzenden",
                                         "Cliënt zoeken"}),
    # issue 18: the financial picture and budgets, no dossier, no case lists
    "controller": ("financien", {"Financiën"}, {"Mijn werk", "Werk verdelen", "Te toetsen", "Te verzenden", "Beheer",
                                               "Cliënt zoeken", "Declaraties", "Sturingsinformatie"}),
}


@pytest.mark.parametrize("gebruiker", list(ROLLEN))
def test_elke_rol_landt_op_eigen_startscherm_en_ziet_alleen_eigen_schermen(venster, gebruiker: str) -> None:
    home, wel, niet = ROLLEN[gebruiker]
    w = venster(gebruiker)
    assert w.huidige == home
    assert w.stack.currentWidget() is w.pages[home]
    menu = set(w.menu_titels())
    assert wel <= menu
    assert not (niet & menu)
    assert w.actor.rol.label in w.rol_label.text()


def test_header_toont_naam_rol_en_team(venster) -> None:
    w = venster("consulent")
    assert w.gebruiker_label.text() == "Consulent"
    assert w.rol_label.text() == "Consulent · Gebiedsteam Centrum"


def test_administratie_kan_geen_dossier_openen(venster, basis: Basis) -> None:
    cid = basis.client()
    w = venster("administratie")
    w.open_dossier(cid)
    assert w.huidige == "te_verzenden"
    assert "niet beschikbaar" in w.statusBar().currentMessage()


def test_beheerder_plaatshouder_zegt_wat_er_komt_en_wijkt_voor_het_echte_scherm(qtbot, basis: Basis) -> None:
    from PySide6.QtWidgets import QLabel

    from ui.pages import home_beheerder

    alleen_plaatshouder = [s for s in discover() if s.key != "beheer"] + [home_beheerder.PAGE]
    w = MainWindow(basis.ctx, basis["beheerder"], alleen_plaatshouder)
    qtbot.addWidget(w)
    assert isinstance(w.pages["beheer"], home_beheerder.Beheer)
    teksten = " ".join(lab.text() for lab in w.pages["beheer"].findChildren(QLabel))
    assert "Gebruikers" in teksten and "Logboek" in teksten

    echt = PageSpec(key="beheer", titel="Beheer", rollen=(Rol.BEHEERDER,), maak=NepPagina,
                    home_voor=(Rol.BEHEERDER,))
    w2 = MainWindow(basis.ctx, basis["beheerder"], [home_beheerder.PAGE, echt])
    qtbot.addWidget(w2)
    assert isinstance(w2.pages["beheer"], NepPagina)
    assert w2.menu_titels() == ["Beheer"]


class EigenF5Pagina(QWidget):
    """A page that binds F5 itself, as some screens do."""

    def __init__(self, _shell: object) -> None:
        super().__init__()
        from PySide6.QtGui import QKeySequence, QShortcut

        self.ververst = 0
        QShortcut(QKeySequence("F5"), self, activated=self.vernieuw)

    def vernieuw(self) -> None:
        self.ververst += 1


def test_f5_ververst_ook_een_pagina_met_een_eigen_f5(qtbot, basis: Basis) -> None:
    """Two F5 bindings made Qt report an ambiguous shortcut and refresh nothing."""
    spec = PageSpec(key="eigen", titel="Eigen", rollen=(Rol.ADMINISTRATIEF,), maak=EigenF5Pagina,
                    home_voor=(Rol.ADMINISTRATIEF,))
    w = MainWindow(basis.ctx, basis["administratie"], [spec])
    qtbot.addWidget(w)
    w.show()
    maak_actief(qtbot, w)
    qtbot.keyClick(w.nav, Qt.Key.Key_F5)
    assert w.pages["eigen"].ververst == 1


# --- consultant: Mijn werk -----------------------------------------------------------------------------------------


def test_mijn_werk_toont_overschreden_termijn_bovenaan_met_woorden(qtbot, venster, basis: Basis) -> None:
    oud = basis.client("Oud")
    nieuw = basis.client("Nieuw")
    melding_voor(basis, nieuw, dagen_geleden=2, door="consulent")
    melding_voor(basis, oud, dagen_geleden=60, door="consulent")  # six weeks passed
    w = venster("consulent")
    tabel = w.pages["mijn_werk"].tabel
    rijen = tabel.rijen()
    assert [r.client_id for r in rijen] == [oud, nieuw]
    eerste = tabel.model().index(0, 0)
    assert eerste.data() == "termijn overschreden"
    assert eerste.data(PIL_ROLE) == "rood"
    assert tabel.model().index(1, 0).data() == "op tijd"
    # the last day in Dutch notation
    assert tabel.model().index(0, 1).data().count("-") == 2


def test_enter_op_een_regel_opent_het_dossier(qtbot, venster, basis: Basis) -> None:
    cid = basis.client("Peters")
    melding_voor(basis, cid, door="consulent")
    w = venster("consulent")
    tabel = w.pages["mijn_werk"].tabel
    tabel.setFocus()
    tabel.setCurrentIndex(tabel.model().index(0, 0))
    qtbot.keyClick(tabel, Qt.Key.Key_Return)
    assert w.huidige == "dossier"
    wacht(qtbot, w)
    assert w.pages["dossier"].naam.text() == "Maria Peters"
    maak_actief(qtbot, w)
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert w.huidige == "mijn_werk"


def test_zoeken_vanuit_de_kopbalk(qtbot, venster, basis: Basis) -> None:
    basis.client("Vossen")
    basis.client("Janssen")
    basis.client("Vossen", team="b", actor="consulent_b")  # another team: never found
    w = venster("consulent")
    w.zoekveld.setText("vossen")
    qtbot.keyClick(w.zoekveld, Qt.Key.Key_Return)
    assert w.huidige == "zoeken"
    wacht(qtbot, w)
    rijen = w.pages["zoeken"].tabel.rijen()
    assert [r.naam for r in rijen] == ["Maria Vossen"]
    assert w.pages["zoeken"].tabel.model().index(0, 1).data().count(".") == 2  # BSN as 1234.56.782


# --- planner: assign -----------------------------------------------------------------------------------------------


def test_planner_wijst_melding_toe_en_die_verdwijnt_uit_de_werkvoorraad(qtbot, venster, basis: Basis) -> None:
    cid = basis.client("Smeets")
    mid = melding_voor(basis, cid)
    w = venster("planner")
    assert w.huidige == "werk_verdelen"
    page = w.pages["werk_verdelen"]
    assert page.focusProxy() is page.werk  # arrow keys work on the queue at once
    assert [(r.soort, r.id) for r in page.werk.rijen()] == [("melding", mid)]
    namen = {c.naam: r for r, c in enumerate(page.consulenten.rijen())}
    assert set(namen) == {"Consulent", "Consulent2"}  # only the team's consultants

    page.werk.selectRow(0)
    page.consulenten.selectRow(namen["Consulent2"])
    page.toewijs_knop.click()
    qtbot.waitUntil(lambda: not page.bezig and page.werk.bron.rowCount() == 0, timeout=10_000)
    assert "toegewezen aan Consulent2" in w.statusBar().currentMessage()
    assert page.leeg.isVisibleTo(page)
    werk = meldingen.mijn_werk(basis.ctx, basis["consulent2"])
    assert [x.client_id for x in werk] == [cid]


# --- dossier -------------------------------------------------------------------------------------------------------


def open_dossier(qtbot, w: MainWindow, cid: int):  # type: ignore[no-untyped-def]
    w.open_dossier(cid)
    page = w.pages["dossier"]
    qtbot.waitUntil(lambda: not page.bezig and page.view is not None, timeout=10_000)
    return page


def test_dossier_toont_kop_en_tabbladen(qtbot, venster, basis: Basis) -> None:
    cid = basis.client("Dassen", geboortedatum=dt.date(1950, 3, 14))
    dossiers.voeg_relatie_toe(basis.ctx, basis["consulent"], cid, soort="vertegenwoordiger", naam="Jan Dassen")
    melding_voor(basis, cid, door="consulent")
    w = venster("consulent")
    page = open_dossier(qtbot, w, cid)
    assert page.naam.text() == "Maria Dassen"
    assert "BSN 1112.22.333" in page.gegevens.text()
    assert "14-03-1950" in page.gegevens.text()
    assert "Gebiedsteam Centrum" in page.gegevens.text()
    assert page.relaties.model().index(0, 0).data() == "Vertegenwoordiger"
    assert page.meldingen.model().index(0, 1).data() == "Wmo 2015"
    assert page.meldingen.model().index(0, 2).data() == "Telefoon"
    titels = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titels[0] == "Persoonsgegevens" and titels[-1] == "Geschiedenis"
    maak_actief(qtbot, w)
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_7, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentIndex() == 6  # Alt+7: Geschiedenis
    wat = [page.geschiedenis.model().index(r, 2).data() for r in range(page.geschiedenis.model().rowCount())]
    assert "Aangemaakt" in wat


def test_dossier_fout_bsn_bij_het_veld_en_niets_opgeslagen(qtbot, venster, basis: Basis) -> None:
    cid = basis.client("Hermans")
    voor = dossiers.open_dossier(basis.ctx, basis["consulent"], cid)
    w = venster("consulent")
    page = open_dossier(qtbot, w, cid)
    bsn_veld = page.form.editor("bsn")
    achternaam = page.form.editor("achternaam")
    assert isinstance(bsn_veld, QLineEdit) and isinstance(achternaam, QLineEdit)
    bsn_veld.setText("123456789")  # fails the eleven test
    achternaam.setText("Hermans-Vos")
    page.opslaan_knop.click()
    wacht_op_alles()  # saved on the writer, off the GUI thread
    assert "geen geldig BSN" in page.form.fout_bij("bsn")
    assert page.form.fout_bij("achternaam") == ""
    assert bsn_veld.text() == "123456789" and achternaam.text() == "Hermans-Vos"  # nothing the user typed is lost
    na = dossiers.open_dossier(basis.ctx, basis["consulent"], cid)
    assert (na.bsn, na.achternaam, na.versie) == (voor.bsn, voor.achternaam, voor.versie)


def test_dossier_wijziging_wordt_opgeslagen(qtbot, venster, basis: Basis) -> None:
    cid = basis.client("Hermans")
    w = venster("consulent")
    page = open_dossier(qtbot, w, cid)
    page.form.editor("telefoon").setText("043-3501234")  # type: ignore[attr-defined]
    page.opslaan_knop.click()
    wacht_op_alles()  # saved on the writer, off the GUI thread
    assert page.form.fout_bij("telefoon") == ""
    assert dossiers.open_dossier(basis.ctx, basis["consulent"], cid).telefoon == "043-3501234"
    assert "opgeslagen" in w.statusBar().currentMessage()


def test_dossier_conflict_bij_verouderde_versie(qtbot, venster, basis: Basis) -> None:
    cid = basis.client("Hermans")
    w = venster("consulent")
    page = open_dossier(qtbot, w, cid)
    # A colleague saves in between.
    v = dossiers.open_dossier(basis.ctx, basis["consulent2"], cid)
    dossiers.wijzig_client(basis.ctx, basis["consulent2"], cid, ClientInvoer(
        bsn=v.bsn, voornamen=v.voornamen, achternaam="Hermans-Collega", geboortedatum=v.geboortedatum,
        straat=v.straat, huisnummer=v.huisnummer, postcode=v.postcode, woonplaats=v.woonplaats), versie=v.versie)
    page.form.editor("achternaam").setText("Hermans-Mijn")  # type: ignore[attr-defined]
    page.opslaan_knop.click()
    wacht_op_alles()  # saved on the writer, off the GUI thread
    assert page.form.algemeen.isVisible()
    assert "Iemand anders heeft deze gegevens intussen gewijzigd" in page.form.algemeen.text()
    assert page.form.editor("achternaam").text() == "Hermans-Mijn"  # type: ignore[attr-defined]
    assert dossiers.open_dossier(basis.ctx, basis["consulent"], cid).achternaam == "Hermans-Collega"


class NepPagina(QWidget):
    """Stands in for a screen another module provides (investigation, review), to test the hooks to it."""

    def __init__(self, _shell: object) -> None:
        super().__init__()
        self.params: list[dict[str, object]] = []

    def toon(self, **params: object) -> None:
        self.params.append(params)


def met_nep_pagina(basis: Basis, gebruiker: str, key: str) -> MainWindow:
    nep = PageSpec(key=key, titel=key.capitalize(), rollen=tuple(Rol), maak=NepPagina, in_menu=False)
    specs = [s for s in discover() if s.key != key] + [nep]
    return MainWindow(basis.ctx, basis[gebruiker], specs)


def test_dossier_melding_zonder_onderzoek_start_het_onderzoeksscherm(qtbot, basis: Basis) -> None:
    cid = basis.client("Bosch")
    mid = melding_voor(basis, cid, door="consulent")
    w = met_nep_pagina(basis, "consulent", "onderzoek")
    qtbot.addWidget(w)
    page = open_dossier(qtbot, w, cid)
    page.tabs.setCurrentIndex(2)
    assert not page.onderzoek_knop.isHidden() and page.onderzoek_knop.text().replace("&", "") == "Onderzoek starten"
    page.onderzoek_knop.click()
    assert w.huidige == "onderzoek"
    assert w.pages["onderzoek"].params == [{"melding_id": mid}]


def test_zonder_onderzoeksscherm_geen_knop(qtbot, basis: Basis) -> None:
    cid = basis.client("Bosch")
    melding_voor(basis, cid, door="consulent")
    specs = [s for s in discover() if s.key != "onderzoek"]
    w = MainWindow(basis.ctx, basis["consulent"], specs)
    qtbot.addWidget(w)
    page = open_dossier(qtbot, w, cid)
    page.tabs.setCurrentIndex(2)
    assert page.onderzoek_knop.isHidden()


def test_toetser_opent_beschikking_in_het_toetsscherm(qtbot, basis: Basis) -> None:
    from consulent_app.services.meldingen import WerkItem
    from ui.pages._werk import open_item

    w = met_nep_pagina(basis, "toetser", "toetsing")
    qtbot.addWidget(w)
    item = WerkItem("beschikking", 7, basis.client("Bosch"), "Maria Bosch", "wmo", "Beschikking X",
                    dt.date.today(), None, "Ter toetsing")
    open_item(w, item, ("toetsing", "beschikking_id"))
    assert w.huidige == "toetsing"
    assert w.pages["toetsing"].params == [{"beschikking_id": 7}]


# --- dialogs -------------------------------------------------------------------------------------------------------


def test_nieuwe_client_fouten_bij_de_velden_en_invoer_blijft_staan(qtbot, venster, basis: Basis) -> None:
    from ui.pages.nieuwe_client import NieuweClientDialog

    w = venster("consulent")
    dlg = NieuweClientDialog(w, w)
    qtbot.addWidget(dlg)
    dlg.form.editor("bsn").setText("123456789")  # type: ignore[attr-defined]
    dlg.form.editor("voornamen").setText("Jo")  # type: ignore[attr-defined]
    dlg.form.editor("geboortedatum").setText("31-02-1950")  # type: ignore[attr-defined]
    dlg.opslaan()
    wacht_op_alles()
    assert dlg.form.fout_bij("geboortedatum").startswith("Vul de datum in als dd-mm-jjjj")
    dlg.form.editor("geboortedatum").setText("01-02-2090")  # type: ignore[attr-defined]
    dlg.opslaan()
    wacht_op_alles()
    assert "geen geldig BSN" in dlg.form.fout_bij("bsn")
    assert dlg.form.fout_bij("achternaam") == "Achternaam is verplicht."
    assert "toekomst" in dlg.form.fout_bij("geboortedatum")
    assert dlg.form.editor("voornamen").text() == "Jo"  # type: ignore[attr-defined]
    assert dlg.client_id is None
    assert dossiers.zoek_clienten(basis.ctx, basis["consulent"], "") == []

    dlg.form.editor("bsn").setText("1234.56.782")  # type: ignore[attr-defined]
    dlg.form.editor("achternaam").setText("Jacobs")  # type: ignore[attr-defined]
    dlg.form.editor("geboortedatum").setText("1-2-1950")  # type: ignore[attr-defined]
    dlg.opslaan()
    wacht_op_alles()
    assert dlg.result() == QDialog.DialogCode.Accepted
    gevonden = dossiers.zoek_clienten(basis.ctx, basis["consulent"], "Jacobs")
    assert [(c.bsn, c.geboortedatum) for c in gevonden] == [("123456782", dt.date(1950, 2, 1))]


def test_nieuwe_melding_zonder_kanaal_en_vraag(qtbot, venster, basis: Basis) -> None:
    from ui.pages.nieuwe_client import NieuweMeldingDialog

    cid = basis.client("Lemmens")
    w = venster("consulent")
    dlg = NieuweMeldingDialog(w, cid, "Maria Lemmens", w)
    qtbot.addWidget(dlg)
    dlg.form.editor("verwijzer").setText("Huisarts Wyck")  # type: ignore[attr-defined]
    dlg.opslaan()
    wacht_op_alles()
    assert dlg.form.fout_bij("kanaal") == "Kies het kanaal waarlangs de melding binnenkwam."
    assert dlg.form.fout_bij("vraag") == "Vraag is verplicht."
    assert dlg.form.editor("verwijzer").text() == "Huisarts Wyck"  # type: ignore[attr-defined]
    assert dlg.melding_id is None
    assert meldingen.mijn_werk(basis.ctx, basis["consulent"]) == []


# --- start-up --------------------------------------------------------------------------------------------------------


def test_selftest_opent_en_sluit_het_hoofdvenster(qtbot, tmp_path) -> None:
    from ui.main import run

    cfg = load_defaults().with_database(f"sqlite:///{tmp_path / 'selftest.sqlite3'}")
    assert run(cfg, demo=False, selftest=True) == 0


def test_onbruikbare_database_geeft_nederlandse_melding_en_exit_2(qtbot, tmp_path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.main

    kapot = tmp_path / "kapot.sqlite3"
    kapot.write_bytes(b"dit is geen database" * 100)
    getoond: list[tuple[str, str]] = []
    monkeypatch.setattr(ui.main, "_fout", lambda titel, exc: getoond.append((titel, str(exc))))
    cfg = load_defaults().with_database(f"sqlite:///{kapot}")
    assert ui.main.run(cfg, demo=False, selftest=False) == 2
    assert getoond and getoond[0][0] == "De database kan niet worden geopend"
    assert "Traceback" not in getoond[0][1]


def test_na_inloggen_opent_het_hoofdvenster_op_het_startscherm(qtbot, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.login
    import ui.main
    import ui.mainwindow
    from consulent_app.services.base import actor_by_username

    gemaakt: list[MainWindow] = []

    def bouw(ctx: AppContext, actor):  # type: ignore[no-untyped-def]
        w = build_main_window(ctx, actor)
        qtbot.addWidget(w)
        gemaakt.append(w)
        return w

    monkeypatch.setattr(ui.login, "log_in", lambda ctx, parent=None: actor_by_username(ctx, "planner"))
    monkeypatch.setattr(ui.mainwindow, "build_main_window", bouw)
    monkeypatch.setattr(QApplication, "exec", lambda *_a: 0)
    cfg = load_defaults().with_database(f"sqlite:///{tmp_path / 'app.sqlite3'}")
    assert ui.main.run(cfg, demo=True, selftest=False) == 0
    assert gemaakt and gemaakt[0].huidige == "werk_verdelen" and gemaakt[0].isVisible()


def test_inloggen_afgebroken_sluit_netjes_af(qtbot, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.login
    import ui.main

    monkeypatch.setattr(ui.login, "log_in", lambda ctx, parent=None: None)
    cfg = load_defaults().with_database(f"sqlite:///{tmp_path / 'app.sqlite3'}")
    assert ui.main.run(cfg, demo=False, selftest=False) == 0


# --- small parts ---------------------------------------------------------------------------------------------------


def test_datumveld_leest_nederlandse_notaties() -> None:
    from ui.widgets import lees_datum

    assert lees_datum("25-11-2026") == dt.date(2026, 11, 25)
    assert lees_datum("5/1/2026") == dt.date(2026, 1, 5)
    assert lees_datum("25112026") == dt.date(2026, 11, 25)
    assert lees_datum("  ") is None
    for fout in ("2026-11-25", "31-02-2026", "morgen"):
        with pytest.raises(ValueError):
            lees_datum(fout)


def test_tabel_sorteert_op_datum_met_lege_waarden_achteraan_en_toont_labels(qtbot) -> None:
    from dataclasses import dataclass

    from consulent_app.domain import MeldingStatus
    from ui.tablemodels import Kolom, Tabel, datum_kort, label_van

    @dataclass(frozen=True)
    class Rij:
        naam: str
        datum: dt.date | None
        status: str

    tabel = Tabel([Kolom("Naam", lambda r: r.naam), Kolom("Datum", lambda r: r.datum, tekst=datum_kort),
                   Kolom("Status", lambda r: r.status, tekst=label_van(MeldingStatus))])
    qtbot.addWidget(tabel)
    tabel.zet_rijen([Rij("b", dt.date(2026, 3, 1), "in_onderzoek"), Rij("a", None, "nieuw"),
                     Rij("c", dt.date(2025, 12, 31), "onbekende_code")])
    assert [r.naam for r in tabel.rijen()] == ["b", "a", "c"]  # the core's order until a header is clicked
    tabel.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert [r.naam for r in tabel.rijen()] == ["c", "b", "a"]
    m = tabel.model()
    assert [m.index(i, 1).data() for i in range(3)] == ["31-12-2025", "01-03-2026", "–"]
    assert m.index(1, 2).data() == "In onderzoek"
    assert m.index(0, 2).data() == "Onbekende code"  # never a raw code with underscores
    tabel.filter("onderzoek")
    assert [r.naam for r in tabel.rijen()] == ["b"]


def test_ctrl_enter_in_the_question_field_registers_the_melding(qtbot, venster, basis: Basis) -> None:
    """Issue 16: Ctrl+Enter saves a dialog from any field, the multi-line question too (Enter makes a new line)."""
    from PySide6.QtWidgets import QPlainTextEdit

    from ui.pages.nieuwe_client import NieuweMeldingDialog

    cid = basis.client("Lemmens")
    w = venster("consulent")
    dlg = NieuweMeldingDialog(w, cid, "Maria Lemmens", w)
    qtbot.addWidget(dlg)
    dlg.show()
    maak_actief(qtbot, dlg)
    kanaal = dlg.form.editor("kanaal")
    kanaal.setCurrentIndex(1)  # type: ignore[attr-defined]
    vraag = dlg.form.editor("vraag")
    assert isinstance(vraag, QPlainTextEdit)
    vraag.setFocus()
    qtbot.keyClicks(vraag, "Hulp bij het huishouden")
    qtbot.keyClick(vraag, Qt.Key.Key_Return)
    qtbot.keyClicks(vraag, "sinds de val")
    assert dlg.melding_id is None  # Enter made a new line, it did not save
    qtbot.keyClick(vraag, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wacht_op_alles()
    qtbot.waitUntil(lambda: dlg.melding_id is not None, timeout=5000)
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert any("Hulp bij het huishouden" in x.omschrijving for x in meldingen.mijn_werk(basis.ctx, basis["consulent"]))


def test_ctrl_k_and_enter_opens_the_single_match_and_back_does_not_open_it_again(qtbot, venster, basis: Basis) -> None:
    """Issue 16: Ctrl+K, a name, Enter: one client found opens the dossier at once; two show the list, where Down
    and Enter open the first. Back (Alt+Left) returns to the list without opening the dossier again."""
    basis.client("Lemmens")
    basis.client("Kuijpers")
    basis.client("Kuijpers")
    w = venster("consulent")
    maak_actief(qtbot, w)
    qtbot.keyClick(w, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is w.zoekveld
    qtbot.keyClicks(w.zoekveld, "Lemmens")
    qtbot.keyClick(w.zoekveld, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.huidige == "dossier", timeout=5000)
    wacht_op_alles()

    w.terug()  # Back shows the list, it does not open the single match again
    zoeken = w.pages["zoeken"]
    qtbot.waitUntil(lambda: zoeken.teller.text() == "1 cliënt", timeout=5000)  # type: ignore[attr-defined]
    wacht_op_alles()
    assert w.huidige == "zoeken"
    maak_actief(qtbot, w)  # the offscreen platform does not give the window its activation back by itself
    qtbot.keyClick(w, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(w.zoekveld, "Kuijpers")
    qtbot.keyClick(w.zoekveld, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: zoeken.teller.text() == "2 cliënten", timeout=5000)  # type: ignore[attr-defined]
    wacht_op_alles()
    assert w.huidige == "zoeken"
    zoeken.veld.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClick(zoeken.veld, Qt.Key.Key_Down)  # type: ignore[attr-defined]
    assert QApplication.focusWidget() is zoeken.tabel  # type: ignore[attr-defined]
    qtbot.keyClick(zoeken.tabel, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: w.huidige == "dossier", timeout=5000)
    wacht_op_alles()


def test_in_a_jeugd_case_the_relation_boxes_follow_the_kind_until_ticked_by_hand(qtbot, venster, basis: Basis) -> None:
    """Issue 16: 'Ouder met gezag' is ticked for a parent only, never for a housemate or network member; once the
    consultant ticks a box himself, choosing another kind leaves it as he set it."""
    from ui.pages.dossier import RelatieDialog
    from ui.widgets import kies

    cid = basis.client("Lemmens")
    w = venster("consulent")
    dlg = RelatieDialog(w, cid, w, jeugd=True)
    qtbot.addWidget(dlg)
    dlg.show()
    soort = dlg.form.editor("soort")
    for waarde, gezag, huishouden in [("huisgenoot", False, True), ("netwerklid", False, False),
                                      ("ouder", True, True), ("vertegenwoordiger", False, False)]:
        kies(soort, waarde)
        assert (dlg.gezag.isChecked(), dlg.woont_in.isChecked()) == (gezag, huishouden), waarde
    kies(soort, "ouder")
    dlg.gezag.setFocus()
    qtbot.keyClick(dlg.gezag, Qt.Key.Key_Space)  # a parent without authority
    assert not dlg.gezag.isChecked()
    kies(soort, "huisgenoot")
    kies(soort, "ouder")
    assert not dlg.gezag.isChecked()
    assert RelatieDialog(w, cid, w).gezag.isChecked() is False  # outside a Jeugd case nothing is ticked
