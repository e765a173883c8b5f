"""Consultant home, "Mijn werk": own open cases with their legal due date, oldest risk first, and team search."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from consulent_app.domain import Rol
from consulent_app.rules.aanvraag import GRONDSLAG as AANVRAAG_GRONDSLAG
from consulent_app.rules.aanvraag import ZONDER_ONDERZOEK_TEKST
from consulent_app.services import meldingen
from consulent_app.termijnen import PERSOONLIJK_PLAN_GRONDSLAG
from ui.pages._werk import SOORT_LABEL, WerkLijst, termijn_kolommen, wet_kolom
from ui.pages.base import PageSpec, Shell
from ui.tablemodels import Kolom, datum_kort

# What the consultant has to do next, per kind of item: one column instead of "kind" plus "status".
STAND = {
    "melding": "Melding: onderzoek starten",
    "onderzoek": "Onderzoek loopt",
    "aanvraag": "Aanvraag: besluit nodig",
    "po": "Periodiek onderzoek",
    "verzoek": "Verzoek aanbieder: antwoord nodig",
    "teruggestuurd": "Teruggestuurd: aanpassen en opnieuw aanbieden",
}

#: A request whose report is with the client: no decision yet, her reaction and the request date come first.
WACHT_OP_REACTIE = "Verslag bij cliënt, reactie vastleggen"


#: Where the decision on an open request stands; the request stays open (and its term runs) until it is sent.
BESCHIKKING_STAND = {
    "concept": "beschikking in concept",
    "teruggestuurd": "beschikking teruggestuurd door de toetser",
    "ter_toetsing": "beschikking ter toetsing",
    "goedgekeurd": "goedgekeurd, nog niet verzonden",
}


def _stand(w: meldingen.WerkItem, vandaag: dt.date | None = None) -> str:
    if w.soort == "aanvraag" and w.status == WACHT_OP_REACTIE:
        return "Verslag bij cliënt: reactie vastleggen"
    if w.soort == "aanvraag" and w.beschikking_status in BESCHIKKING_STAND:
        kop = ZONDER_ONDERZOEK_TEKST if w.zonder_onderzoek else "Aanvraag"
        return f"{kop}: {BESCHIKKING_STAND[w.beschikking_status]}"
    if w.zonder_onderzoek:  # Wmo 2015 art. 2.3.5 lid 2
        return f"{ZONDER_ONDERZOEK_TEKST}: besluit nodig"
    tekst = STAND.get(w.soort, SOORT_LABEL.get(w.soort, w.soort))
    plan = w.persoonlijk_plan_uiterlijk
    if plan is not None and plan >= (vandaag or dt.date.today()):  # Wmo 2015 art. 2.3.2 lid 2
        return f"{tekst.split(':')[0]}: persoonlijk plan kan tot {datum_kort(plan)}"
    return tekst


def _tip(w: meldingen.WerkItem) -> str:
    if w.soort == "teruggestuurd":
        return f"{w.status} op {datum_kort(w.datum)}. Opmerkingen van de toetser:\n{w.omschrijving}"
    tip = f"{SOORT_LABEL.get(w.soort, w.soort)} · {w.status} · sinds {datum_kort(w.datum)}"
    if w.persoonlijk_plan_uiterlijk is not None:
        tip += f"\n{PERSOONLIJK_PLAN_GRONDSLAG} Uiterlijk {datum_kort(w.persoonlijk_plan_uiterlijk)}."
    if w.zonder_onderzoek:
        tip += f"\n{AANVRAAG_GRONDSLAG}"
    return tip


class MijnWerk(WerkLijst):
    def __init__(self, shell: Shell) -> None:
        zoekbalk = QWidget()
        zoekbalk.setObjectName("zoekbalk")
        rij = QHBoxLayout(zoekbalk)
        rij.setContentsMargins(0, 0, 0, 0)
        rij.setSpacing(8)
        self.zoek = QLineEdit()
        self.zoek.setObjectName("teamzoeken")
        self.zoek.setPlaceholderText("Naam, BSN, postcode of geboortedatum (dd-mm-jjjj)")
        self.zoek.setClearButtonEnabled(True)
        self.zoek.setMaximumWidth(420)
        label = QLabel("&Dossier zoeken in uw team")
        label.setBuddy(self.zoek)
        zoek_knop = QPushButton("Zoeken")
        rij.addWidget(label)
        rij.addWidget(self.zoek, 1)
        rij.addWidget(zoek_knop)
        rij.addStretch(1)

        kolommen = [
            *termijn_kolommen(shell),
            Kolom("Cliënt", lambda w: w.client, min_breedte=150),
            wet_kolom(),
            Kolom("Wat", _stand, tooltip=_tip, min_breedte=330),
            Kolom("Vraag of onderwerp", lambda w: (f"{w.toetser}: {w.omschrijving}" if w.soort == "teruggestuurd"
                                                  else w.omschrijving), rek=True, tooltip=_tip),
        ]
        super().__init__(
            shell, titel="Mijn werk",
            toelichting="Uw open meldingen, onderzoeken, aanvragen en periodieke onderzoeken. Bovenaan staat wat "
                        "het eerst zijn wettelijke termijn bereikt. Dubbelklik of druk op Enter om te openen.",
            kolommen=kolommen, bron=lambda: meldingen.mijn_werk(shell.ctx, shell.actor),
            leeg="U heeft geen open zaken. Nieuwe meldingen verschijnen hier zodra de planner ze aan u toewijst.",
            boven=zoekbalk,
        )
        self.zoek.returnPressed.connect(self._zoek)
        zoek_knop.clicked.connect(self._zoek)
        self.knop("Nieuwe &cliënt…", self._nieuwe_client)

    def _zoek(self) -> None:
        self.shell.open_page("zoeken", zoekterm=self.zoek.text().strip())

    def _nieuwe_client(self) -> None:
        from ui.pages.nieuwe_client import nieuwe_client

        client_id = nieuwe_client(self.shell, self)
        if client_id is not None:
            self.shell.open_dossier(client_id)


PAGE = PageSpec(
    key="mijn_werk", titel="Mijn werk", rollen=(Rol.CONSULENT,), maak=MijnWerk, volgorde=10,
    home_voor=(Rol.CONSULENT,), sneltoets="Ctrl+1", extra={"icoon": "werk"},
)
