"""Belasting per consulent: open cases by kind, norm hours, available hours a week, load in weeks and percent."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QWidget

from consulent_app import formatting, planning, termijnen
from consulent_app.domain import Rol
from consulent_app.errors import ConsulentFout
from consulent_app.export import Type
from consulent_app.services import planning as svc
from consulent_app.services.overzicht import Filter
from ui.ops import Wijziging
from ui.pages._overzicht import Grafiek, OverzichtPagina, Veld, ZakenDialoog, tabel
from ui.pages.base import PageSpec, Shell
from ui.pages.werkvoorraad import KORT
from ui.tablemodels import Tabel
from ui.widgets import Kaart, Keuzelijst, StatusPil

SIGNAAL_PIL = {planning.Signaal.RUIMTE: "groen", planning.Signaal.OP_NORM: "blauw",
               planning.Signaal.OVERBELAST: "rood"}

WERK_VELDEN = [
    Veld("Cliënt", lambda w: w.client, min_breedte=150),
    Veld("Zaak", lambda w: f"{w.soort_label}, {KORT[w.zaaksoort].lower()}" if w.soort == "aanvraag"
         else KORT[w.zaaksoort] if w.soort == "po" or w.zaaksoort == "jeugd" else f"{KORT[w.zaaksoort]} (Wmo)",
         min_breedte=185),
    Veld("Datum", lambda w: w.datum, Type.DATUM),
    Veld("Uiterlijk", lambda w: w.termijn_einde, Type.DATUM),
    Veld("Risico", lambda w: "termijn in gevaar" if w.risico else "", pil=lambda w: "rood" if w.risico else None),
    Veld("Uren", lambda w: w.geschatte_uren, Type.GETAL),
    Veld("Omschrijving", lambda w: w.omschrijving, rek=True, tooltip=lambda w: w.omschrijving),
]


class OverdragenDialoog(ZakenDialoog):
    """A consultant's open cases; the planner can hand chosen cases to a colleague (recorded in the history)."""

    def __init__(self, shell: Shell, c: svc.ConsulentBelasting, collegas: list[svc.ConsulentBelasting],
                 zaken: list[svc.Werkitem], herlaad: Callable[[], list[svc.Werkitem]],
                 parent: QWidget | None = None) -> None:
        super().__init__(shell, f"Open zaken van {c.naam}", zaken, WERK_VELDEN, parent)
        self.van, self.herlaad, self.overgedragen = c, herlaad, 0
        self.tabel.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.naar = Keuzelijst()
        self.naar.setAccessibleName("Overdragen aan")
        for k in collegas:
            if k.consulent_id != c.consulent_id:
                belasting = "geen contracturen" if k.procent is None else f"{formatting.getal(round(k.procent), 0)} %"
                self.naar.addItem(f"{k.naam} ({belasting})", k.consulent_id)
        lab = QLabel("Gekozen zaken overdragen &aan")
        lab.setBuddy(self.naar)
        self.knop = QPushButton("&Overdragen")
        self.knop.setToolTip("De gekozen zaken toewijzen aan deze collega; dit komt in de geschiedenis van het dossier")
        self.knop.clicked.connect(self.overdragen)
        self.acties.addWidget(lab)
        self.acties.addWidget(self.naar, 1)
        self.acties.addWidget(self.knop)
        self.knop.setEnabled(self.naar.count() > 0)

    def overdragen(self) -> None:
        rijen = sorted({i.row() for i in self.tabel.selectionModel().selectedRows()})
        gekozen = [self.tabel.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in rijen]
        naar = self.naar.currentData()
        if not gekozen or naar is None:
            self.fout.setText("Kies eerst een of meer zaken en de collega die ze overneemt.")
            self.fout.show()
            return
        self.fout.hide()
        self.knop.setEnabled(False)
        ctx, actor, herlaad = self.shell.ctx, self.shell.actor, self.herlaad
        naam = self.naar.currentText().split(" (")[0]

        def schrijf() -> tuple[int, str | None, list[svc.Werkitem]]:
            n, fout = 0, None
            for w in gekozen:  # each case its own transaction: what was handed over stays handed over
                try:
                    svc.wijs_toe(ctx, actor, w.soort, w.id, naar, versie=w.versie)
                    n += 1
                except ConsulentFout as exc:
                    fout = f"{w.client}: {exc}"
                    break
            return n, fout, herlaad()

        def klaar(uit: tuple[int, str | None, list[svc.Werkitem]]) -> None:
            n, fout, zaken = uit
            self.overgedragen += n
            if fout:
                self.fout.setText(fout)
                self.fout.show()
            self.tabel.zet_rijen(zaken)
            self.knop.setEnabled(self.naar.count() > 0)
            self.shell.melding(f"{self.overgedragen} {'zaak' if self.overgedragen == 1 else 'zaken'} overgedragen "
                               f"aan {naam}.")

        def mislukt(_exc: BaseException) -> bool:
            self.knop.setEnabled(self.naar.count() > 0)
            return False

        self.shell.ops.schrijf(self, schrijf, klaar, fout=mislukt,
                               wijziging=Wijziging.van("werkvoorraad", "toewijzing", bron=self))


class Belasting(OverzichtPagina):
    export_titel = "Belasting per consulent"

    def __init__(self, shell: Shell) -> None:
        super().__init__(
            shell, "Belasting per consulent",
            "Open zaken per consulent maal de normuren (6 uur nieuw, 4 uur bestaande cliënt, 2 uur wijziging, 4 uur "
            "Jeugd en PO), tegen de beschikbare uren per week (contracturen × productieve tijd − neventaken). "
            f"100 % is {termijnen.ONDERZOEK_WMO.lengte} werk: de onderzoekstermijn van de Wmo "
            f"({termijnen.ONDERZOEK_WMO.artikel}). Dubbelklik op een consulent voor de zaken.")
        self.teams: list[svc.TeamBelasting] = []
        # The team card and chart, then the list, each in its own frame after the page's (issue 13); the data after.
        self.deel_later(self._bouw_boven)
        self.deel_later(self._bouw_lijst)

    def _bouw_boven(self) -> None:
        boven = QHBoxLayout()
        boven.setSpacing(12)
        self.team_kaart = Kaart(self)  # top-down, made in its parent: styled once
        self.team_kaart.setMinimumWidth(440)
        self.team_kaart.setMaximumHeight(230)
        boven.addWidget(self.team_kaart, 1)
        self.grafiek = Grafiek("", hoogte=200, parent=self)
        self.grafiek.setMaximumHeight(230)
        boven.addWidget(self.grafiek, 1)
        self.inhoud.addLayout(boven)
        self._bouw_team_kaart()

    def _bouw_lijst(self) -> None:
        self.velden = [
            Veld("Consulent", lambda c: c.naam, rek=True, min_breedte=170, tooltip=lambda c: c.fout),
            Veld("Team", lambda c: self._team_naam(c.team_id), alleen_export=True),
            *[Veld(titel, lambda c, k=k: c.aantallen[k], Type.GEHEEL) for k, titel in
              (("nieuw", "Nieuw"), ("bestaande_client", "Bestaand"), ("wijziging", "Wijziging"), ("po", "PO"),
               ("jeugd", "Jeugd"))],
            Veld("Normuren", lambda c: c.uren, Type.GETAL, decimalen=0),
            Veld("Uren/week", lambda c: c.beschikbare_uren, Type.GETAL,
                 tooltip=lambda c: c.fout or f"{formatting.getal(c.contracturen or 0, 1)} contracturen × productieve "
                                              f"tijd − {formatting.getal(c.nevenuren, 1)} uur neventaken"),
            Veld("Weken werk", lambda c: c.weken, Type.GETAL, alleen_export=True),
            Veld("Belasting", lambda c: c.procent, Type.PROCENT, decimalen=0,
                 pil=lambda c: SIGNAAL_PIL[c.signaal] if c.signaal else "grijs",
                 tekst=lambda p: "geen contracturen" if p is None else f"{formatting.getal(round(p), 0)} %",
                 tooltip=lambda c: c.fout or f"{formatting.getal(c.weken or 0, 1)} weken werk; "
                                             f"{c.signaal.label.lower() if c.signaal else ''}"),
            Veld("Risico", lambda c: c.risico, Type.GEHEEL,
                 tooltip=lambda c: "Zaken waarvan de wettelijke termijn (of PO-datum) binnen 5 werkdagen valt of "
                                   "al voorbij is"),
        ]
        self.tabel = tabel(self.velden, naam="Belasting per consulent", parent=self)
        self.tabel.rij_geopend.connect(self.open_zaken)
        self.inhoud.addWidget(self.tabel, 1)

    def _bouw_team_kaart(self) -> None:
        self.team_velden = [
            Veld("Team", lambda t: t.team, rek=True),
            Veld("Zaken", lambda t: t.totaal, Type.GEHEEL),
            Veld("Normuren", lambda t: t.uren, Type.GETAL, decimalen=0),
            Veld("Uren/week", lambda t: t.beschikbare_uren, Type.GETAL),
            Veld("Belasting", lambda t: t.procent, Type.PROCENT, decimalen=0, pil=lambda t: SIGNAAL_PIL[t.signaal],
                 tooltip=lambda t: t.signaal.label),
            Veld("Risico", lambda t: t.risico, Type.GEHEEL),
        ]
        self.team_tabel = tabel(self.team_velden, naam="Belasting per team", parent=self.team_kaart)
        self.team_tabel.setMinimumHeight(120)
        k = self.team_kaart  # every widget made in the card: styled once (ui.pages.base.ouder)
        self.team_regel1 = QLabel(k)
        self.team_regel2 = QLabel(k)
        self.team_regel1.setWordWrap(True)
        self.team_regel2.setWordWrap(True)
        self.team_titel = QHBoxLayout()
        self.team_naam = QLabel(k)
        self.team_pil = StatusPil(parent=k)
        self.team_titel.addWidget(self.team_naam, 1)
        self.team_titel.addWidget(self.team_pil)
        self.team_waarschuwing = QLabel(k)
        self.team_waarschuwing.setObjectName("formulierfout")
        self.team_waarschuwing.setWordWrap(True)
        self.team_kaart.inhoud.addLayout(self.team_titel)
        self.team_kaart.inhoud.addWidget(self.team_regel1)
        self.team_kaart.inhoud.addWidget(self.team_regel2)
        self.team_kaart.inhoud.addWidget(self.team_tabel, 1)
        self.team_kaart.inhoud.addWidget(self.team_waarschuwing)
        self.team_kaart.inhoud.addStretch(1)

    def _team_naam(self, team_id: int) -> str:
        return next((t.team for t in self.teams if t.team_id == team_id), "-")

    def bereken(self, filt: Filter) -> list[svc.TeamBelasting]:
        return svc.belasting(self.shell.ctx, self.shell.actor, filt)

    def toon_data(self, teams: list[svc.TeamBelasting]) -> None:
        # The list of consultants in this frame, the team card beside it in the next: both lists filled and
        # painted in one frame stood the window still for 20 ms (issue 13).
        self.teams = teams
        rijen = [c for t in teams for c in t.consulenten]
        self.tabel.zet_rijen(rijen)
        self.stappen.voeg_toe(lambda: self._toon_team(teams, rijen))

    def _toon_team(self, teams: list[svc.TeamBelasting], rijen: list[svc.ConsulentBelasting]) -> None:
        if teams is not self.teams:
            return  # newer figures came meanwhile; their own step shows them
        een = len(teams) == 1
        for w in (self.team_naam, self.team_pil, self.team_regel1, self.team_regel2):
            w.setVisible(een)
        self.team_tabel.setVisible(not een)
        self.team_tabel.zet_rijen(teams)
        if een:
            t = teams[0]
            self.team_naam.setText(f"<b>{t.team}</b>")
            self.team_pil.zet(t.signaal.label, SIGNAAL_PIL[t.signaal])
            self.team_regel1.setText(
                f"{t.totaal} open zaken · {formatting.getal(t.uren, 0)} normuren · "
                f"{formatting.getal(t.beschikbare_uren, 1)} beschikbare uren per week ({formatting.getal(t.fte, 1)} fte)")
            self.team_regel2.setText(
                f"{formatting.getal(t.weken, 1)} weken werk = {formatting.getal(round(t.procent), 0)} % · "
                f"{t.risico} {'zaak' if t.risico == 1 else 'zaken'} met termijn in gevaar")
        zonder = [c.naam for t in teams for c in t.consulenten if c.fout]
        self.team_waarschuwing.setText(f"Geen contracturen vastgelegd voor {', '.join(zonder)}: niet in te plannen; "
                                       "vraag de beheerder de contracturen in te vullen." if zonder else "")
        self.team_waarschuwing.setVisible(bool(zonder))
        if een:
            g_rijen = sorted([c for c in rijen if c.procent is not None], key=lambda c: c.procent or 0)[-6:]
            namen = [f"{c.naam.split(' ')[0]} {c.naam.split(' ')[-1][:1]}." for c in g_rijen]
            waarden = [min(c.procent or 0, 300) for c in g_rijen]
        else:
            namen = [t.team.replace("Gebiedsteam ", "") for t in teams]
            waarden = [min(t.procent, 300) for t in teams]
        self.grafiek.staven(namen, [("Belasting", waarden)], horizontaal=True, grens=100,
                            as_titel=f"Belasting in % van {termijnen.ONDERZOEK_WMO.lengte}" + (" (hoogste 6)" if een and len(rijen) > 6 else ""))

    def export_tabel(self) -> Tabel:
        return self.tabel

    def open_zaken(self, c: svc.ConsulentBelasting) -> None:
        """Read the consultant's open cases off the GUI thread (ui.ops), then show them to hand over."""
        filt = self.filterbalk.filter()
        f = Filter(None, filt.wet, filt.van, filt.tot)
        ctx, actor = self.shell.ctx, self.shell.actor

        def herlaad() -> list[svc.Werkitem]:
            return svc.belasting_zaken(ctx, actor, c.consulent_id, f)

        def fout(exc: BaseException) -> bool:
            if isinstance(exc, ConsulentFout):
                self.toon_fout(str(exc))
                return True
            return False

        def open_(zaken: list[svc.Werkitem]) -> None:
            collegas = [k for t in self.teams for k in t.consulenten if k.team_id == c.team_id]
            dlg = OverdragenDialoog(self.shell, c, collegas, zaken, herlaad, self)
            dlg.exec()
            if dlg.overgedragen:
                self.vernieuw()

        self.shell.ops.lees(self, herlaad, open_, fout=fout, sleutel="zaken")


PAGE = PageSpec(
    key="belasting", titel="Belasting", rollen=(Rol.PLANNER, Rol.TEAMLEIDER), maak=Belasting, volgorde=13,
    sneltoets="Ctrl+4", extra={"icoon": "gebruiker"},
)
