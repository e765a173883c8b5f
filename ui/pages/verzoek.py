"""Verzoeken van aanbieders: requests for assignment or change (iWmo/iJw 315/317), answered within 5 working days.

A Jeugd request after a referral by a GP, youth doctor or medical specialist is granted with a 301 (the referral
gives access); any other request is taken into investigation or refused with a 319. Thin: the core decides.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from consulent_app import codelists, termijnen
from consulent_app.domain import Rol, Wet
from consulent_app.services import berichten as ber
from consulent_app.services.berichten import VerzoekRegel
from ui.pages._formdialoog import FormDialoog
from ui.pages.base import PageSpec, Shell, ouder
from ui.tablemodels import ROW_ROLE, Kolom, Tabel, datum_kort
from ui.widgets import Formulier, combo, kop, laad, termijn_pil, uitleg


def _kolommen() -> list[Kolom[VerzoekRegel]]:
    return [
        Kolom("Antwoord uiterlijk", lambda r: r.antwoord_uiterlijk, tekst=datum_kort,
              tooltip=lambda r: f"Vijf werkdagen na ontvangst ({datum_kort(r.ontvangen_op)}), iStandaarden."),
        Kolom("Termijn", lambda r: termijn_pil(r.antwoord_uiterlijk)[0],
              pil=lambda r: termijn_pil(r.antwoord_uiterlijk)[1], min_breedte=210),
        Kolom("Cliënt", lambda r: r.client, min_breedte=150),
        Kolom("Wet", lambda r: Wet(r.wet).label),
        Kolom("Verzoek", lambda r: r.soort_tekst),
        Kolom("Aanbieder", lambda r: r.aanbieder, min_breedte=150),
        Kolom("Verwijzer", lambda r: r.verwijzer or "–", rek=True),
        Kolom("Status", lambda r: r.status_tekst),
    ]


class Verzoeken(QWidget):
    def __init__(self, shell: Shell) -> None:
        super().__init__(ouder(shell))
        self.shell = shell
        self.laatste_melding = ""
        self.dialoog: FormDialoog | None = None
        self.te_kiezen: int | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 22, 28, 18)
        lay.setSpacing(10)
        kopregel = QHBoxLayout()
        # Every widget made in the page (its parent): styled once, not again when a layout moves it in (issue 13).
        kopregel.addWidget(kop("Verzoeken van aanbieders", parent=self), 1)
        vernieuw = QPushButton("&Vernieuwen", self)
        vernieuw.clicked.connect(self.vernieuw)
        kopregel.addWidget(vernieuw)
        lay.addLayout(kopregel)
        lay.addWidget(uitleg(
            "Aanbieders vragen om een toewijzing of een wijziging. Elk verzoek krijgt binnen vijf werkdagen antwoord. "
            "Een verzoek om jeugdhulp na verwijzing door huisarts, jeugdarts of medisch specialist wijst u toe: de "
            "verwijzing geeft toegang (art. 2.6 lid 1 onder g Jeugdwet). Een ander verzoek neemt u in onderzoek of "
            "wijst u af.", self))
        self.tabel = Tabel(_kolommen(), self)  # made in its parent: styled once (issue 13)
        self.tabel.setAccessibleName("Verzoeken van aanbieders")
        self.tabel.zet_leeg_tekst("Er zijn geen open verzoeken van aanbieders.")
        lay.addWidget(self.tabel, 1)
        self.detail = QLabel(self)
        self.detail.setObjectName("uitleg")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setMinimumHeight(self.detail.fontMetrics().lineSpacing() * 2 + 6)
        lay.addWidget(self.detail)
        onder = QHBoxLayout()
        self.teller = QLabel(self)
        self.teller.setObjectName("teller")
        onder.addWidget(self.teller, 1)
        self.dossier_knop = QPushButton("&Dossier openen", self)
        self.onderzoek_knop = QPushButton("In &onderzoek nemen", self)
        self.onderzoek_knop.setToolTip("Het verzoek gaat de gewone weg: er komt een melding in het dossier (Jeugd: met "
                                       "de aanvraag), en de aanbieder krijgt een antwoordbericht (319).")
        self.afwijs_knop = QPushButton("&Afwijzen…", self)
        self.toewijs_knop = QPushButton("&Toewijzen", self)
        self.toewijs_knop.setObjectName("primair")
        self.toewijs_knop.setToolTip("Toewijzen zonder onderzoek: de verwijzing geeft toegang (art. 2.6 lid 1 onder g "
                                     "Jeugdwet). De aanbieder krijgt een toewijzingsbericht.")
        for k in (self.dossier_knop, self.onderzoek_knop, self.afwijs_knop, self.toewijs_knop):
            onder.addWidget(k)
        lay.addLayout(onder)
        self.tabel.selectionModel().selectionChanged.connect(lambda *_a: self._keuze())
        self.tabel.rij_geopend.connect(lambda _r: self.open_dossier())
        self.dossier_knop.clicked.connect(self.open_dossier)
        self.onderzoek_knop.clicked.connect(self.in_onderzoek)
        self.afwijs_knop.clicked.connect(lambda: self.afwijzen())
        self.toewijs_knop.clicked.connect(self.toewijzen)
        self.rijen: list[VerzoekRegel] = []
        self._keuze()

    def toon(self, verzoek_id: int | None = None, **_params: Any) -> None:
        self.te_kiezen = verzoek_id
        self.vernieuw()

    def vernieuw(self) -> None:
        self.teller.setText("Laden…")
        ctx, actor = self.shell.ctx, self.shell.actor
        laad(self, lambda: ber.verzoeken(ctx, actor), self._geladen, self._fout)

    def _geladen(self, rijen: list[VerzoekRegel]) -> None:
        self.rijen = rijen
        self.tabel.zet_rijen(rijen)
        if self.te_kiezen is not None:
            for i, r in enumerate(self.tabel.rijen()):
                if r.verzoek_id == self.te_kiezen:
                    self.tabel.selectRow(i)
            self.te_kiezen = None
        self._keuze()

    def huidig(self) -> VerzoekRegel | None:
        rows = self.tabel.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def _keuze(self) -> None:
        r = self.huidig()
        n = len(self.rijen)
        self.teller.setText(f"{n} open {'verzoek' if n == 1 else 'verzoeken'}")
        kan_antwoorden = self.shell.actor.rol in (Rol.CONSULENT, Rol.PLANNER)
        self.toewijs_knop.setEnabled(bool(r and r.geeft_toegang and kan_antwoorden))
        self.onderzoek_knop.setEnabled(bool(r and r.status == "open" and kan_antwoorden))
        self.afwijs_knop.setEnabled(bool(r and kan_antwoorden))
        self.dossier_knop.setEnabled(bool(r and r.client_id))
        if r is None:
            self.detail.setText("")
            return
        tekst = (f"{r.soort_tekst} van {r.aanbieder}, ontvangen {datum_kort(r.ontvangen_op)}, referentie "
                 f"{r.referentie}.")
        if r.geeft_toegang:
            tekst += " Verwijzing door " + (r.verwijzer or "arts") + ": toewijzen zonder onderzoek."
        elif r.client_id is None:
            tekst += " Deze cliënt heeft nog geen dossier."
        self.detail.setText(tekst)

    def open_dossier(self) -> None:
        r = self.huidig()
        if r is not None and r.client_id:
            self.shell.open_dossier(r.client_id)

    def _doe(self, fn: Any, gelukt: str) -> None:
        ctx, actor = self.shell.ctx, self.shell.actor
        laad(self, lambda: fn(ctx, actor), lambda _x: self._klaar(gelukt), self._fout)

    def toewijzen(self) -> None:
        r = self.huidig()
        if r is None:
            return
        self._doe(lambda ctx, actor: ber.honoreer_verwijzing(ctx, actor, r.verzoek_id, versie=r.versie),
                  f"Toegewezen: de voorziening staat in het dossier van {r.client} en {r.aanbieder} krijgt het "
                  "toewijzingsbericht.")

    def in_onderzoek(self) -> None:
        r = self.huidig()
        if r is None:
            return
        if Wet(r.wet) is Wet.JEUGDWET:
            termijn = f"de aanvraag met de beslistermijn van {termijnen.BESLISSING_JEUGD.lengte}"
        else:
            termijn = f"de onderzoekstermijn van {termijnen.ONDERZOEK_WMO.lengte}"
        self._doe(lambda ctx, actor: ber.beantwoord_verzoek(ctx, actor, r.verzoek_id, antwoord="in_onderzoek",
                                                            versie=r.versie),
                  f"In onderzoek: de melding staat in het dossier van {r.client}, met {termijn}. "
                  f"{r.aanbieder} krijgt bericht dat de aanvraag in onderzoek is.")

    def afwijzen(self) -> FormDialoog | None:
        r = self.huidig()
        if r is None:
            return None
        form = Formulier()
        reden = combo(list((f"{k} {v}", k) for k, v in codelists.lijst("reden_afwijzing_verzoek").items()),
                      leeg="Kies de reden")
        form.voeg_toe("reden", "&Reden van afwijzing", reden)

        def actie(waarden: dict[str, Any]) -> None:
            ber.beantwoord_verzoek(self.shell.ctx, self.shell.actor, r.verzoek_id, antwoord="afgewezen",
                                   reden_afwijzing=reden.currentData(), versie=r.versie)

        dlg = FormDialoog(self, "Verzoek afwijzen", f"{r.soort_tekst} van {r.aanbieder} voor {r.client}.", form,
                          actie, ok="&Afwijzen")
        dlg.accepted.connect(lambda: self._klaar(f"{r.aanbieder} krijgt bericht dat het verzoek is afgewezen."))
        dlg.open()
        self.dialoog = dlg
        return dlg

    def _klaar(self, tekst: str) -> None:
        self.laatste_melding = tekst
        self.shell.melding(tekst)
        self.vernieuw()

    def _fout(self, msg: str) -> None:
        self.laatste_melding = msg
        self.shell.melding(msg, fout=True)


PAGE = PageSpec(
    key="verzoek", titel="Verzoeken aanbieders", rollen=(Rol.CONSULENT, Rol.PLANNER, Rol.TEAMLEIDER),
    maak=Verzoeken, volgorde=45, extra={"icoon": "werk"},
)
