"""Beheer: user accounts (new, change, reset password, lift lock-out, switch off) and the audit log per client."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from consulent_app import files, formatting
from consulent_app.db import auditketen
from consulent_app.domain import Rol, Wet
from consulent_app.errors import ConsulentFout, ValidatieFout
from consulent_app.services import auth, beheer, organisatie, termijnbewaking
from consulent_app.services.beheer import AuditRegel, GebruikerInvoer, GebruikerView
from ui.later_gebouwd import Beurten, LaterGebouwd
from ui.pages._formdialoog import FormDialoog
from ui.pages.base import PageSpec, Shell, ouder
from ui.tablemodels import Kolom, Tabel
from ui.tablemodels import bsn as bsn_tekst
from ui.widgets import Formulier, combo, kies, kop, laad, uitleg, waarde_van


def _tijd(t: Any) -> str:
    return beheer.lokale_tijd(t).strftime("%d-%m-%Y %H:%M") if t else "–"


def status(g: GebruikerView) -> tuple[str, str]:
    """The account's state in words, with a pill colour."""
    if not g.actief:
        return "Uitgeschakeld", "grijs"
    if g.geblokkeerd_tot is not None and g.geblokkeerd_tot > _nu():
        return f"Geblokkeerd tot {beheer.lokale_tijd(g.geblokkeerd_tot):%H:%M}", "rood"
    if g.moet_wachtwoord_wijzigen:
        return "Moet wachtwoord kiezen", "oranje"
    return "Actief", "groen"


def _nu() -> Any:
    from consulent_app.db.models import utcnow

    return utcnow()


class TeamLijst(QListWidget):
    """Teams to tick (the teams a reviewer or planner serves)."""

    def __init__(self, teams: list[organisatie.TeamView]) -> None:
        super().__init__()
        for t in teams:
            item = QListWidgetItem(t.naam)
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.setMaximumHeight(24 * min(max(len(teams), 2), 5) + 8)

    def zet(self, ids: tuple[int, ...]) -> None:
        for i in range(self.count()):
            it = self.item(i)
            aan = it.data(Qt.ItemDataRole.UserRole) in ids
            it.setCheckState(Qt.CheckState.Checked if aan else Qt.CheckState.Unchecked)

    def gekozen(self) -> tuple[int, ...]:
        return tuple(self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                     if self.item(i).checkState() == Qt.CheckState.Checked)


class _Formulier(Formulier):
    def lees(self) -> dict[str, Any] | None:
        self.wis_fouten()
        return {naam: ed.gekozen() if isinstance(ed, TeamLijst) else waarde_van(ed)
                for naam, ed in self.editors.items()}


def _uren(tekst: Any) -> Decimal | None:
    if tekst in (None, ""):
        return None
    try:
        return Decimal(str(tekst).replace(",", "."))
    except InvalidOperation:
        raise ValidatieFout.veld("contracturen", "Contracturen: vul een getal in, bijvoorbeeld 32 of 28,5.") from None


class GebruikersTab(LaterGebouwd, QWidget):
    """The accounts. Built (`bouw()`) once it is in its tab widget: each widget made in its parent is styled once
    (ui.pages.base.ouder). `geladen` fires when a read came back (with the accounts or with an error)."""

    geladen = Signal()

    def __init__(self, shell: Shell) -> None:
        super().__init__()
        self.shell = shell
        self.bezig = False
        self._teams: list[organisatie.TeamView] = []
        self._later_bouwen()

    def _bouw_inhoud(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 12, 0, 0)
        lay.setSpacing(10)

        regel = QHBoxLayout()
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Naam, gebruikersnaam, rol of team…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(300)
        self.filter.setMaximumWidth(420)
        lab = QLabel("&Filter")
        lab.setBuddy(self.filter)
        regel.addWidget(lab)
        regel.addWidget(self.filter)
        self.ook_uit = QCheckBox("Ook &uitgeschakelde accounts", self)
        regel.addSpacing(12)
        regel.addWidget(self.ook_uit)
        regel.addStretch(1)
        self.teller = QLabel()
        self.teller.setObjectName("teller")
        regel.addWidget(self.teller)
        lay.addLayout(regel)

        self.tabel = Tabel([
            Kolom("Naam", lambda g: g.naam),
            Kolom("Gebruikersnaam", lambda g: g.gebruikersnaam),
            Kolom("Rol", lambda g: g.rol_label),
            Kolom("Team", lambda g: g.team or "–"),
            Kolom("Bedient teams", lambda g: self._teamnamen(g.bediende_teams), rek=True),
            Kolom("Status", lambda g: status(g)[0], pil=lambda g: status(g)[1]),
        ], self)
        self.tabel.setAccessibleName("Gebruikers")
        lay.addWidget(self.tabel, 1)

        knoppen = QHBoxLayout()
        self.nieuw_knop = self._knop(knoppen, "&Nieuwe gebruiker…", self.nieuw, primair=True)
        self.wijzig_knop = self._knop(knoppen, "&Wijzigen…", self.wijzig)
        self.reset_knop = self._knop(knoppen, "Wachtwoord &resetten…", self.reset)
        self.deblokkeer_knop = self._knop(knoppen, "Blokkade &opheffen", self.deblokkeer)
        knoppen.addStretch(1)
        self.actief_knop = self._knop(knoppen, "Uit&schakelen…", self.wissel_actief)
        lay.addLayout(knoppen)
        termijn_rij = QHBoxLayout()
        termijn_rij.addWidget(uitleg("Nieuwe bij koninklijk besluit gelijkgestelde dagen (Algemene termijnenwet art. 3 "
                                     "lid 3) in de configuratie gezet? Herbereken dan de lopende termijnen."), 1)
        self.herbereken_knop = self._knop(termijn_rij, "Termijnen &herberekenen", self.herbereken_termijnen)
        lay.addLayout(termijn_rij)

        self.filter.textChanged.connect(self._filter)
        self.ook_uit.toggled.connect(lambda _aan: self.vernieuw())
        self.tabel.rij_geopend.connect(lambda _g: self.wijzig())
        self.tabel.selectionModel().selectionChanged.connect(lambda *_: self._knoppen_bij())
        self._knoppen_bij()

    @staticmethod
    def _knop(lay: QHBoxLayout, tekst: str, fn: Any, *, primair: bool = False) -> QPushButton:
        b = QPushButton(tekst)
        if primair:
            b.setObjectName("primair")
        b.clicked.connect(fn)
        lay.addWidget(b)
        return b

    def _teamnamen(self, ids: tuple[int, ...]) -> str:
        namen = {t.id: t.naam for t in self._teams}
        return ", ".join(namen.get(i, str(i)) for i in ids) or "–"

    def gekozen(self) -> GebruikerView | None:
        rijen = self.tabel.selectionModel().selectedRows()
        if not rijen:
            return None
        obj: GebruikerView = rijen[0].data(Qt.ItemDataRole.UserRole)
        return obj

    def _knoppen_bij(self) -> None:
        g = self.gekozen()
        for b in (self.wijzig_knop, self.reset_knop, self.actief_knop):
            b.setEnabled(g is not None)
        self.deblokkeer_knop.setEnabled(g is not None and status(g)[1] == "rood")
        self.actief_knop.setText("In&schakelen…" if g is not None and not g.actief else "Uit&schakelen…")

    def _filter(self, tekst: str) -> None:
        self.tabel.proxy.setFilterFixedString(tekst)
        self._tel()

    def _tel(self) -> None:
        n = self.tabel.proxy.rowCount()
        self.teller.setText(f"{n} {'account' if n == 1 else 'accounts'}")

    def vernieuw(self) -> None:
        self.bezig = True
        ctx, actor = self.shell.ctx, self.shell.actor
        ook_uit = self.ook_uit.isChecked()

        def haal() -> tuple[list[organisatie.TeamView], list[GebruikerView]]:
            return organisatie.teams(ctx, actor), beheer.gebruikers(ctx, actor, ook_inactief=ook_uit)

        laad(self, haal, self._geladen, self._fout)

    def _geladen(self, res: tuple[list[organisatie.TeamView], list[GebruikerView]]) -> None:
        self._teams, gebruikers = res
        vorige = self.gekozen()
        self.tabel.zet_rijen(gebruikers)
        if vorige is not None:
            for row, g in enumerate(self.tabel.bron.rijen):
                if g.id == vorige.id:
                    self.tabel.selectRow(self.tabel.proxy.mapFromSource(self.tabel.bron.index(row, 0)).row())
        self._tel()
        self._knoppen_bij()
        self.bezig = False
        self.geladen.emit()

    def _fout(self, msg: str) -> None:
        self.bezig = False
        self.shell.melding(msg, fout=True)
        self.geladen.emit()

    # --- actions -----------------------------------------------------------------------------------------------

    def _formulier(self, g: GebruikerView | None) -> _Formulier:
        form = _Formulier()
        naam_login = QLineEdit(g.gebruikersnaam if g else "")
        naam_login.setEnabled(g is None)
        form.voeg_toe("gebruikersnaam", "&Gebruikersnaam", naam_login,
                      hint=None if g else "Kleine letters, zonder spaties, bijvoorbeeld 'j.devries'.")
        form.voeg_toe("naam", "&Naam", QLineEdit(g.naam if g else ""))
        rol = combo([(r.label, r.value) for r in Rol], leeg="– kies een rol –")
        if g:
            kies(rol, g.rol.value)
        form.voeg_toe("rol", "&Rol", rol)
        team = combo([(t.naam, t.id) for t in self._teams], leeg="– geen team –")
        if g:
            kies(team, g.team_id)
        form.voeg_toe("team", "&Team", team, hint="Verplicht voor consulent, planner en teamleider.")
        bediend = TeamLijst(self._teams)
        if g:
            bediend.zet(g.bediende_teams)
        form.voeg_toe("bediende_teams", "&Bedient ook", bediend,
                      hint="Toetsers en planners die voor meer teams werken. Zij zien de dossiers van die teams.")
        uren = QLineEdit("" if g is None or g.contracturen is None else formatting.getal(g.contracturen, 1))
        form.voeg_toe("contracturen", "&Contracturen per week", uren)
        wet = combo([(w.label, w.value) for w in Wet], leeg="Beide wetten")
        if g and g.wet:
            kies(wet, g.wet.value)
        form.voeg_toe("wet", "W&et", wet, hint="Een nieuwe melding van deze medewerker begint met deze wet (voor "
                                               "een cliënt jonger dan 18 altijd met de Jeugdwet).")
        if g is None:
            form.voeg_toe("wachtwoord", "Tijdelijk &wachtwoord", QLineEdit(beheer.genereer_tijdelijk_wachtwoord()),
                          hint="Geef dit persoonlijk of telefonisch door. Bij de eerste keer inloggen kiest de "
                               "medewerker een eigen wachtwoord.")
        return form

    @staticmethod
    def _invoer(w: dict[str, Any], gebruikersnaam: str | None = None) -> GebruikerInvoer:
        return GebruikerInvoer(
            gebruikersnaam=gebruikersnaam or w.get("gebruikersnaam") or "", naam=w.get("naam") or "",
            rol=w.get("rol") or "", team_id=w.get("team"), bediende_teams=tuple(w.get("bediende_teams") or ()),
            contracturen=_uren(w.get("contracturen")), wet=w.get("wet") or None,
        )

    def nieuw(self) -> None:
        ctx, actor = self.shell.ctx, self.shell.actor
        form = self._formulier(None)

        def maak(w: dict[str, Any]) -> tuple[int, str, str]:
            tijdelijk = w.get("wachtwoord") or ""
            invoer = self._invoer(w)
            gid = beheer.maak_gebruiker(ctx, actor, invoer, tijdelijk_wachtwoord=tijdelijk)
            return gid, invoer.gebruikersnaam.strip().lower(), tijdelijk

        dlg = FormDialoog(self, "Nieuwe gebruiker", "Een account voor een nieuwe medewerker.", form, maak,
                          ok="&Aanmaken")
        dlg.setMinimumWidth(640)
        if dlg.exec():
            _, login, tijdelijk = dlg.resultaat
            self._toon_wachtwoord(f"Het account '{login}' is aangemaakt.", tijdelijk)
            self.vernieuw()

    def wijzig(self) -> None:
        g = self.gekozen()
        if g is None:
            return
        ctx, actor = self.shell.ctx, self.shell.actor
        form = self._formulier(g)
        dlg = FormDialoog(self, f"{g.naam} wijzigen", "De gebruikersnaam blijft gelijk: die staat in het logboek.",
                          form, lambda w: beheer.wijzig_gebruiker(ctx, actor, g.id, self._invoer(w, g.gebruikersnaam),
                                                                  versie=g.versie))
        dlg.setMinimumWidth(640)
        if dlg.exec():
            self.shell.melding(f"De gegevens van {g.naam} zijn opgeslagen.")
            self.vernieuw()

    def reset(self) -> None:
        g = self.gekozen()
        if g is None:
            return
        ctx, actor = self.shell.ctx, self.shell.actor
        form = Formulier()
        form.voeg_toe("wachtwoord", "Tijdelijk &wachtwoord", QLineEdit(beheer.genereer_tijdelijk_wachtwoord()))

        def doe(w: dict[str, Any]) -> str:
            tijdelijk = w.get("wachtwoord") or ""
            auth.reset_wachtwoord(ctx, actor, g.id, tijdelijk)
            return tijdelijk

        dlg = FormDialoog(self, "Wachtwoord resetten",
                          f"{g.naam} krijgt een tijdelijk wachtwoord en moet bij de volgende keer inloggen een eigen "
                          "wachtwoord kiezen. Een blokkade na mislukte pogingen wordt ook opgeheven.", form, doe,
                          ok="&Resetten")
        if dlg.exec():
            self._toon_wachtwoord(f"Het wachtwoord van {g.naam} is opnieuw ingesteld.", dlg.resultaat)
            self.vernieuw()

    def deblokkeer(self) -> None:
        g = self.gekozen()
        if g is None:
            return
        self._doe(lambda: beheer.deblokkeer_gebruiker(self.shell.ctx, self.shell.actor, g.id),
                  f"De blokkade van {g.naam} is opgeheven.")

    def wissel_actief(self) -> None:
        g = self.gekozen()
        if g is None:
            return
        ctx, actor = self.shell.ctx, self.shell.actor
        if g.actief:
            vraag = (f"{g.naam} kan daarna niet meer inloggen. Het account blijft bestaan, omdat het logboek ernaar "
                     "verwijst. Uitschakelen?")
            if QMessageBox.question(self, "Account uitschakelen", vraag) != QMessageBox.StandardButton.Yes:
                return
            self._doe(lambda: beheer.deactiveer_gebruiker(ctx, actor, g.id, versie=g.versie),
                      f"Het account van {g.naam} is uitgeschakeld.")
        else:
            self._doe(lambda: beheer.activeer_gebruiker(ctx, actor, g.id, versie=g.versie),
                      f"Het account van {g.naam} is weer ingeschakeld.")

    def herbereken_termijnen(self) -> None:
        ctx, actor = self.shell.ctx, self.shell.actor
        self.herbereken_knop.setEnabled(False)

        def klaar(r: termijnbewaking.HerberekenResultaat) -> None:
            self.herbereken_knop.setEnabled(True)
            self.shell.melding(f"Termijnen herberekend: {r.meldingen} meldingen, {r.aanvragen} aanvragen en "
                               f"{r.beschikkingen} bezwaartermijnen kregen een andere einddatum.")

        def fout(msg: str) -> None:
            self.herbereken_knop.setEnabled(True)
            self.shell.melding(msg, fout=True)

        laad(self, lambda: termijnbewaking.herbereken_alle_termijnen(ctx, actor), klaar, fout)

    def _doe(self, fn: Any, gelukt: str) -> None:
        """A change to an account, on the window's writer (ui.ops); the list is read again afterwards."""
        def klaar(_uit: object) -> None:
            self.shell.melding(gelukt)
            self.vernieuw()

        def fout(exc: BaseException) -> bool:
            if isinstance(exc, ConsulentFout):
                QMessageBox.warning(self, "Niet gelukt", str(exc))
                self.vernieuw()
                return True
            return False

        self.shell.ops.schrijf(self, fn, klaar, fout=fout)

    def _toon_wachtwoord(self, tekst: str, wachtwoord: str) -> None:
        box = QMessageBox(self)
        box.setWindowTitle("Tijdelijk wachtwoord")
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(f"{tekst}\n\nTijdelijk wachtwoord: {wachtwoord}")
        box.setInformativeText("Geef het persoonlijk of telefonisch door, niet per e-mail. Bij de volgende keer "
                               "inloggen kiest de medewerker een eigen wachtwoord.")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()


class LogboekTab(LaterGebouwd, QWidget):
    """AVG art. 15: who looked at or changed this client's data, when. No content of the file. Built when first
    needed (ui.later_gebouwd): the accounts tab is what Beheer shows first."""

    def __init__(self, shell: Shell) -> None:
        super().__init__()
        self.shell = shell
        self.bezig = False
        self.regels: list[AuditRegel] = []
        self.client: beheer.ClientIdentificatie | None = None
        self._later_bouwen(self._bouw_zoeken, self._bouw_lijst)  # a part a turn (BeheerPagina)

    def _bouw_zoeken(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 12, 0, 0)
        lay.setSpacing(10)
        lay.addWidget(uitleg(
            "Een cliënt mag weten wie zijn gegevens heeft ingezien of gewijzigd (AVG artikel 15). Zoek de cliënt "
            "op BSN. U ziet wie wanneer wat deed, niet de inhoud van het dossier. Ook uw eigen inzage wordt in het "
            "logboek vastgelegd."))
        # Is the log itself unchanged? (the hash chain on SQLite; the database roles on PostgreSQL)
        keten = QHBoxLayout()
        self.keten_label = QLabel("Het logboek is nog niet gecontroleerd.")
        self.keten_label.setObjectName("keten")
        self.keten_label.setWordWrap(True)
        self.keten_knop = QPushButton("Logboek &controleren")
        self.keten_knop.clicked.connect(lambda: self.controleer_keten())
        keten.addWidget(self.keten_label, 1)
        keten.addWidget(self.keten_knop, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(keten)
        zoekregel = QHBoxLayout()
        self.form = Formulier()
        self.bsn = QLineEdit()
        self.bsn.setMaxLength(11)
        self.bsn.setMaximumWidth(220)
        self.bsn.setPlaceholderText("9 cijfers")
        self.form.voeg_toe("bsn", "BS&N van de cliënt", self.bsn)
        zoekregel.addWidget(self.form)
        self.zoek_knop = QPushButton("&Zoeken")
        self.zoek_knop.setObjectName("primair")
        zoekregel.addWidget(self.zoek_knop, 0, Qt.AlignmentFlag.AlignTop)
        zoekregel.addStretch(1)
        lay.addLayout(zoekregel)

        self.wie = kop("", niveau=2)
        self.wie.hide()
        lay.addWidget(self.wie)
        self.zoek_knop.clicked.connect(self.zoek)
        self.bsn.returnPressed.connect(self.zoek)

    def _bouw_lijst(self) -> None:
        lay = self.layout()
        assert isinstance(lay, QVBoxLayout)
        self.tabel = Tabel([
            Kolom("Datum en tijd", lambda r: r.tijdstip, tekst=_tijd, min_breedte=130),
            Kolom("Medewerker", lambda r: r.gebruiker, min_breedte=160),
            Kolom("Rol", lambda r: r.rol),
            Kolom("Handeling", lambda r: r.actie),
            Kolom("Onderdeel", lambda r: r.onderwerp, rek=True),
            Kolom("Details", lambda r: r.details or "–"),
        ], self)  # made in its parent: styled once (ui.pages.base.ouder)
        self.tabel.setAccessibleName("Logboek")
        lay.addWidget(self.tabel, 1)
        onder = QHBoxLayout()
        self.teller = QLabel()
        self.teller.setObjectName("teller")
        onder.addWidget(self.teller)
        onder.addStretch(1)
        self.export_knop = QPushButton("&Opslaan als CSV…")
        self.export_knop.setEnabled(False)
        onder.addWidget(self.export_knop)
        lay.addLayout(onder)
        # A lambda: clicked(bool) would hand checked=False to exporteer as the path, and nothing was saved.
        self.export_knop.clicked.connect(lambda: self.exporteer())

    def controleer_keten(self) -> None:
        ctx, actor = self.shell.ctx, self.shell.actor
        self.bezig = True
        self.keten_label.setText("Het logboek wordt gecontroleerd…")

        def klaar(uitslag: auditketen.KetenUitslag) -> None:
            self.bezig = False
            self.keten_label.setText(uitslag.tekst())
            self.keten_label.setProperty("fout", not uitslag.in_orde)
            self.keten_label.setStyleSheet("" if uitslag.in_orde else "color: #b00020; font-weight: bold;")

        def fout(msg: str) -> None:
            self.bezig = False
            self.keten_label.setText(msg)

        laad(self, lambda: beheer.controleer_auditlog(ctx, actor), klaar, fout)

    def zoek(self) -> None:
        ctx, actor = self.shell.ctx, self.shell.actor
        bsn = self.bsn.text()
        self.form.wis_fouten()
        self.bezig = True

        def haal() -> tuple[beheer.ClientIdentificatie, list[AuditRegel]]:
            ident = beheer.zoek_client_voor_inzage(ctx, actor, bsn)
            return ident, beheer.auditlog_client(ctx, actor, ident.client_id)

        laad(self, haal, self._geladen, self._fout)

    def _geladen(self, res: tuple[beheer.ClientIdentificatie, list[AuditRegel]]) -> None:
        self.client, self.regels = res
        c = self.client
        self.wie.setText(f"Logboek van {c.naam}, geboren {formatting.datum(c.geboortedatum)} "
                         f"(BSN {bsn_tekst(c.bsn)})")
        self.wie.show()
        self.tabel.zet_rijen(self.regels)
        n = len(self.regels)
        self.teller.setText(f"{n} {'regel' if n == 1 else 'regels'}")
        self.export_knop.setEnabled(bool(self.regels))
        self.bezig = False

    def _fout(self, msg: str) -> None:
        self.bezig = False
        self.client, self.regels = None, []
        self.tabel.zet_rijen([])
        self.wie.hide()
        self.teller.clear()
        self.export_knop.setEnabled(False)
        self.form.toon_fouten({"bsn": msg})

    def exporteer(self, pad: str | None = None) -> None:
        if self.client is None:
            return
        if pad is None:
            pad, _ = QFileDialog.getSaveFileName(
                self, "Logboek opslaan", files.veilige_bestandsnaam(f"Logboek {self.client.bsn}.csv"),
                "CSV-bestand (*.csv)")
        if not pad:
            return
        # utf-8-sig: Excel on Windows then shows é and ë correctly.
        files.schrijf_prive(pad, beheer.auditlog_csv(self.regels).encode("utf-8-sig"))
        self.shell.melding(f"Logboek opgeslagen in {pad} (alleen leesbaar voor u).")


class BeheerPagina(QWidget):
    def __init__(self, shell: Shell) -> None:
        super().__init__(ouder(shell))
        self.shell = shell
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 22, 28, 18)
        lay.setSpacing(10)
        lay.addWidget(kop("Beheer"))
        lay.addWidget(uitleg("U beheert de accounts van de medewerkers, de contracten van de aanbieders en "
                             "beantwoordt verzoeken om inzage in het logboek. Als functioneel beheerder ziet u geen "
                             "inhoud van dossiers."))
        # Made inside the page, the tab widget first: Qt styles a widget again each time it moves into another
        # parent (issue 13). The two hidden tabs are built a turn of the event loop later, or when first shown.
        self.tabs = QTabWidget(self)
        lay.addWidget(self.tabs, 1)
        self.gebruikers = GebruikersTab(shell)
        self.tabs.addTab(self.gebruikers, "&Gebruikers")
        self.gebruikers.bouw()
        self.logboek = LogboekTab(shell)
        self.tabs.addTab(self.logboek, "&Logboek per cliënt")
        from ui.beheer_contracten import ContractenTab

        self.contracten = ContractenTab(shell)
        self.tabs.addTab(self.contracten, "Contr&acten")
        # Read when first shown: the provider register is not needed to manage accounts.
        self.tabs.currentChanged.connect(lambda _i: self.contracten.toon() if self.tabs.currentWidget()
                                         is self.contracten else None)
        # The hidden tabs are built a part a turn once the accounts are on screen: built while the accounts were
        # read, they shared Python's GIL with the read and the window stood still two to four times as long; a whole
        # tab a turn, together with the accounts list's own work of that turn, 11-14 ms.
        later: list[LaterGebouwd] = [self.logboek, self.contracten]

        def bouw_een_deel() -> None:
            while later and later[0].gebouwd():
                later.pop(0)
            if later:
                later[0].bouw_deel()
            else:
                self._bouwtimer.stop()

        self._bouwtimer = Beurten(self, bouw_een_deel)
        self._bouw_na_laden = True
        self.gebruikers.geladen.connect(self._bouw_de_rest)
        # The keyboard comes to the tab bar, as in the dossier: on opening the screen and with Tab from the menu; the
        # arrows (and Ctrl+Tab, Ctrl+Shift+Tab inside a tab) pick a tab, Tab goes on into the tab shown. With a control
        # of the tab shown as the screen's focus proxy, Tab from the menu jumped past the tab bar to that control, and
        # the tabs were reachable by Alt+G/L/A only.
        self.setFocusProxy(self.tabs)
        for pijl in self.tabs.tabBar().findChildren(QToolButton):  # its scroll arrows, shown when the tabs are cut off
            pijl.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # are no stop of Tab between the tab bar and the tab shown
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.gebruikers.filter.setFocus)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.gebruikers.nieuw)

    def _bouw_de_rest(self) -> None:
        if self._bouw_na_laden:
            self._bouw_na_laden = False
            self._bouwtimer.start()

    @property
    def bezig(self) -> bool:
        return self.gebruikers.bezig or self.logboek.bezig or self.contracten.bezig

    def toon(self, **params: Any) -> None:
        if "bsn" in params:
            self.tabs.setCurrentWidget(self.logboek)
            self.logboek.bsn.setText(str(params["bsn"]))
            self.logboek.zoek()
        self.vernieuw()

    def vernieuw(self) -> None:
        self.gebruikers.vernieuw()


PAGE = PageSpec(
    key="beheer", titel="Beheer", rollen=(Rol.BEHEERDER,), maak=BeheerPagina, volgorde=10,
    home_voor=(Rol.BEHEERDER,), sneltoets="Ctrl+1", extra={"icoon": "beheer"},
)
