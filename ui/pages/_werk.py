"""What the role home screens share: a titled work list of WerkItems with term pills, filter, count, open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from consulent_app.domain import Wet
from consulent_app.services.meldingen import WerkItem
from ui.pages.base import ZAKEN, Shell, ouder, volg_wijziging
from ui.tablemodels import Kolom, Tabel, datum_kort, label_van
from ui.widgets import kop, laad, termijn_pil, uitleg

SOORT_LABEL = {
    "melding": "Melding",
    "onderzoek": "Onderzoek",
    "aanvraag": "Aanvraag",
    "po": "Periodiek onderzoek",
    "beschikking": "Beschikking",
    "verzoek": "Verzoek aanbieder",
    "teruggestuurd": "Teruggestuurd",
}


def vandaag() -> dt.date:
    return dt.date.today()


def termijn_kolommen(shell: Shell, titel_datum: str = "Uiterlijk") -> list[Kolom[WerkItem]]:
    """The two columns every work list starts with: the term as a pill with words, and its last day."""
    extra = shell.ctx.config.termijnen.gelijkgestelde_dagen
    signaal = shell.ctx.config.termijnen.signaal_werkdagen

    laatste: list[Any] = [None, ("", "")]  # the row asked last: its text and its pill come from one computation

    def pil(w: WerkItem) -> tuple[str, str]:
        if laatste[0] is not w:
            laatste[1] = termijn_pil(w.termijn_einde, vandaag(), extra, signaal_werkdagen=signaal)
            laatste[0] = w
        uit: tuple[str, str] = laatste[1]
        return uit

    return [
        Kolom("Termijn", lambda w: pil(w)[0], pil=lambda w: pil(w)[1], min_breedte=185,
              sorteer=lambda w: (w.termijn_einde or dt.date.max, w.datum),
              tooltip=lambda w: "Wettelijke termijn: " + datum_kort(w.termijn_einde) if w.termijn_einde
              else "Voor deze zaak geldt geen wettelijke termijn."),
        Kolom(titel_datum, lambda w: w.termijn_einde, tekst=datum_kort, min_breedte=100),
    ]


def wet_kolom() -> Kolom[WerkItem]:
    return Kolom("Wet", lambda w: w.wet, tekst=label_van(Wet))


def beschikking_kolommen(shell: Shell) -> list[Kolom[WerkItem]]:
    """Columns of a list of decisions (to review, to send): term, client, law, kenmerk, author, request date."""
    return [
        *termijn_kolommen(shell),
        Kolom("Cliënt", lambda w: w.client, rek=True),
        wet_kolom(),
        Kolom("Kenmerk", lambda w: w.omschrijving.removeprefix("Beschikking "), heel=True),  # read out whole
        Kolom("Opgesteld door", lambda w: w.consulent),
        Kolom("Aanvraag van", lambda w: w.datum, tekst=datum_kort),
    ]


def open_item(shell: Shell, item: WerkItem, voorkeur: tuple[str, str | None] | None = None) -> None:
    """Where a row leads: the page this list prefers (e.g. "toetsing" with beschikking_id) when it exists, else a
    page named after the item's kind (e.g. "onderzoek" with onderzoek_id), else the client's dossier."""
    heeft = getattr(shell, "heeft_pagina", lambda _k: False)
    if item.soort == "teruggestuurd":  # a returned decision: to the investigation to amend, with the remarks
        oid = getattr(item, "onderzoek_id", None)
        if oid is not None and heeft("onderzoek"):
            shell.open_page("onderzoek", onderzoek_id=oid)
            return
        if heeft("toetsing"):
            shell.open_page("toetsing")
            return
    if voorkeur is not None and heeft(voorkeur[0]):
        key, param = voorkeur
        shell.open_page(key, **({param: item.id} if param else {}))
    elif heeft(item.soort):
        shell.open_page(item.soort, **{f"{item.soort}_id": item.id})
    elif heeft("dossier"):
        shell.open_dossier(item.client_id)
    else:
        shell.melding("Het scherm om dit te behandelen is nog niet beschikbaar.", fout=True)


class WerkLijst(QWidget):
    """Heading, one line of explanation, a filter, the table, a count and the page's buttons."""

    geladen = Signal()

    def __init__(self, shell: Shell, *, titel: str, toelichting: str, kolommen: Sequence[Kolom[Any]],
                 bron: Callable[[], Sequence[Any]], leeg: str, telwoord: tuple[str, str] = ("zaak", "zaken"),
                 boven: QWidget | None = None, voorkeur: tuple[str, str | None] | None = None) -> None:
        super().__init__(ouder(shell))
        self.shell = shell
        self._bron = bron
        self._leeg = leeg
        self._telwoord = telwoord
        self.bezig = False

        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 22, 28, 18)
        lay.setSpacing(12)
        # Every widget made in the page (its parent): styled once, not again when a layout moves it in (issue 13).
        kopregel = QHBoxLayout()
        self.titel = kop(titel, parent=self)
        kopregel.addWidget(self.titel, 1)
        self.knoppen = QHBoxLayout()
        self.knoppen.setSpacing(8)
        kopregel.addLayout(self.knoppen)
        lay.addLayout(kopregel)
        lay.addWidget(uitleg(toelichting, self))
        if boven is not None:
            lay.addWidget(boven)

        filterregel = QHBoxLayout()
        self.filter = QLineEdit(self)
        self.filter.setObjectName("lijstfilter")
        self.filter.setPlaceholderText("Filter deze lijst op naam, wet, status…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(320)
        self.filter.setMaximumWidth(420)
        filter_label = QLabel("&Filter", self)
        filter_label.setBuddy(self.filter)
        filterregel.addWidget(filter_label)
        filterregel.addWidget(self.filter)
        filterregel.addStretch(1)
        self.teller = QLabel(self)
        self.teller.setObjectName("teller")
        filterregel.addWidget(self.teller)
        lay.addLayout(filterregel)

        self.tabel = Tabel(kolommen, self)  # made in its parent: styled once (ui.pages.base.ouder)
        self.tabel.setAccessibleName(titel)
        lay.addWidget(self.tabel, 1)
        self.leeg_label = QLabel(leeg, self)
        self.leeg_label.setObjectName("leeg")
        self.leeg_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.leeg_label.setWordWrap(True)
        self.leeg_label.hide()
        lay.addWidget(self.leeg_label, 1)

        self.setFocusProxy(self.tabel)  # arriving on the page, arrow keys and Enter work on the list at once
        self.filter.textChanged.connect(self._filter)
        self.tabel.gefilterd.connect(self._tel)  # a long list's filter looked at its last rows in later turns
        self.tabel.rij_geopend.connect(lambda item: open_item(shell, item, voorkeur))
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.filter.setFocus)

    def knop(self, tekst: str, fn: Callable[[], None], *, primair: bool = False, tip: str | None = None) -> QPushButton:
        b = QPushButton(tekst, self)
        if primair:
            b.setObjectName("primair")
        if tip:
            b.setToolTip(tip)
        b.clicked.connect(fn)
        self.knoppen.addWidget(b)
        return b

    #: the announced changes (ui.ops.Wijziging) this list follows; a subclass narrows it
    volgt: frozenset[str] = ZAKEN

    def toon(self, **_params: Any) -> None:
        self.vernieuw()

    def bij_wijziging(self, w: Any) -> None:
        """Another screen changed a case: the list reads again (now when on screen, else when shown next)."""
        volg_wijziging(self, w, self.volgt)

    def vernieuw(self) -> None:
        self.bezig = True
        self.teller.setText("Laden…")
        laad(self, self._bron, self._geladen, self._fout)

    def _geladen(self, items: Sequence[Any]) -> None:
        self.bezig = False
        self.tabel.zet_rijen(items)
        self._filter(self.filter.text())
        heeft = bool(items)
        self.tabel.setVisible(heeft)
        self.leeg_label.setVisible(not heeft)
        self.geladen.emit()

    def _fout(self, msg: str) -> None:
        self.bezig = False
        self.teller.setText("")
        self.shell.melding(msg, fout=True)

    def _filter(self, tekst: str) -> None:
        self.tabel.filter(tekst)
        self._tel()

    def _tel(self) -> None:
        n, totaal = self.tabel.proxy.rowCount(), self.tabel.bron.rowCount()
        enkel, meer = self._telwoord
        woord = enkel if totaal == 1 else meer
        self.teller.setText(f"{totaal} {woord}" if n == totaal else f"{n} van {totaal} {woord}")

    def geselecteerd(self) -> Any | None:
        return self.tabel.huidige_rij()
