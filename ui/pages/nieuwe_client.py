"""Dialogs "Nieuwe cliënt…" and "Nieuwe melding…", and the client form the dossier reuses. Errors stay at fields.

A refusal by the service never closes the dialog or clears what the user typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from consulent_app import termijnen
from consulent_app.domain import Kanaal, MeldingSoort, Rol, Wet
from consulent_app.errors import ConsulentFout, ValidatieFout
from consulent_app.services import dossiers, meldingen
from consulent_app.services.dossiers import ClientInvoer
from ui.ops import Wijziging
from ui.pages.base import Shell
from ui.widgets import DatumVeld, Formulier, combo, ctrl_enter_bevestigt, kies, uitleg

GESLACHTEN = [("Vrouw", "V"), ("Man", "M"), ("Anders / onbekend", "X")]

# Field order = tab order = the order errors are focused in.
CLIENT_VELDEN = ("bsn", "geboortedatum", "voornamen", "tussenvoegsel", "achternaam", "geslacht", "straat",
                 "huisnummer", "postcode", "woonplaats", "telefoon", "email", "communicatie", "team_id")


def client_formulier(shell: Shell, *, met_team: bool = True, parent: QWidget | None = None) -> Formulier:
    """The personal-data form (two columns), used by "Nieuwe cliënt…" and the dossier's Persoonsgegevens tab.
    `parent`: made inside it (the dossier builds its tab in place, so Qt styles the fields once)."""
    f, delen = client_formulier_in_delen(shell, met_team=met_team, parent=parent)
    for deel in delen:
        deel()
    return f


def client_formulier_in_delen(shell: Shell, *, met_team: bool = True, parent: QWidget | None = None
                              ) -> tuple[Formulier, list[Callable[[], None]]]:
    """The form of `client_formulier`, still empty, and its fields in parts (a few a part, in field order): the
    dossier builds one part a turn of the event loop (issue 13: the thirteen fields at once stood the window still
    for 10-19 ms). Run every part, in order, before the form is used."""
    f = Formulier(parent, kolommen=2)

    # Each field made in the form (its parent): styled once, not again when the form's grid moves it in (issue 13).
    def namen() -> None:
        f.voeg_toe("bsn", "BS&N", QLineEdit(f), hint="9 cijfers; punten mogen (1234.56.782)")
        f.voeg_toe("geboortedatum", "&Geboortedatum", DatumVeld(f))
        f.voeg_toe("voornamen", "&Voornamen", QLineEdit(f))
        f.voeg_toe("tussenvoegsel", "&Tussenvoegsel", QLineEdit(f))

    def persoon() -> None:
        f.voeg_toe("achternaam", "&Achternaam", QLineEdit(f))
        f.voeg_toe("geslacht", "Ge&slacht", combo(GESLACHTEN, leeg="Niet vastgelegd", parent=f))
        f.voeg_toe("straat", "St&raat", QLineEdit(f))
        f.voeg_toe("huisnummer", "&Huisnummer", QLineEdit(f))

    def adres() -> None:
        f.voeg_toe("postcode", "&Postcode", QLineEdit(f), hint="1234 AB")
        f.voeg_toe("woonplaats", "&Woonplaats", QLineEdit(f))
        f.voeg_toe("telefoon", "Tele&foon", QLineEdit(f))
        f.voeg_toe("email", "&E-mail", QLineEdit(f))

    def contact() -> None:
        communicatie = QPlainTextEdit(f)
        communicatie.setTabChangesFocus(True)
        communicatie.setFixedHeight(64)
        f.voeg_toe("communicatie", "&Communicatie", communicatie, breed=True,
                   hint="Bijvoorbeeld: tolk Arabisch, grote letters, slechthorend – alleen wat nodig is voor contact.")
        if met_team:
            try:
                teams = shell.ops.gegeven("teams")
            except ConsulentFout:
                teams = []
            eigen = [t for t in teams if t.id in shell.actor.teams] or teams
            box = combo([(t.naam, t.id) for t in eigen], parent=f)
            f.voeg_toe("team_id", "Gebie&dsteam", box)
            if shell.actor.team_id is not None:
                kies(box, shell.actor.team_id)

    return f, [namen, persoon, adres, contact]


def client_invoer(waarden: dict[str, Any]) -> ClientInvoer:
    bsn = (waarden.get("bsn") or "").replace(".", "").replace(" ", "")
    return ClientInvoer(
        bsn=bsn, voornamen=waarden.get("voornamen") or "", achternaam=waarden.get("achternaam") or "",
        geboortedatum=waarden.get("geboortedatum"), tussenvoegsel=waarden.get("tussenvoegsel"),
        geslacht=waarden.get("geslacht"), straat=waarden.get("straat"), huisnummer=waarden.get("huisnummer"),
        postcode=waarden.get("postcode"), woonplaats=waarden.get("woonplaats"), telefoon=waarden.get("telefoon"),
        email=waarden.get("email"), communicatie=waarden.get("communicatie"), team_id=waarden.get("team_id"),
    )


def _knoppen(dlg: QDialog, tekst: str, ok: Any) -> QDialogButtonBox:
    box = QDialogButtonBox()
    knop = box.addButton(tekst, QDialogButtonBox.ButtonRole.AcceptRole)
    knop.setObjectName("primair")
    knop.setDefault(True)
    knop.setAutoDefault(True)
    box.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
    box.accepted.connect(ok)
    box.rejected.connect(dlg.reject)
    ctrl_enter_bevestigt(dlg, knop)
    return box


class NieuweClientDialog(QDialog):
    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.client_id: int | None = None
        self.setWindowTitle("Nieuwe cliënt registreren")
        self.setMinimumWidth(820)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 18)
        lay.setSpacing(12)
        lay.addWidget(uitleg("Zoek eerst of de cliënt al een dossier heeft: één cliënt heeft één dossier. "
                             "BSN, namen en geboortedatum zijn verplicht."))
        self.form = client_formulier(shell)
        lay.addWidget(self.form)
        lay.addWidget(_knoppen(self, "Registreren", self.opslaan))
        self.form.editor("bsn").setFocus()

    def opslaan(self) -> None:
        waarden = self.form.lees()
        if waarden is None:
            return
        ctx, actor, invoer = self.shell.ctx, self.shell.actor, client_invoer(waarden)

        def fout(exc: BaseException) -> bool:
            if isinstance(exc, ValidatieFout):
                self.form.toon_validatiefout(exc)
                return True
            if isinstance(exc, ConsulentFout):
                self.form.toon_fouten({"_": str(exc)})
                return True
            return False

        def klaar(client_id: int) -> None:
            self.client_id = client_id
            self.accept()

        self.shell.ops.schrijf(self, lambda: dossiers.registreer_client(ctx, actor, invoer), klaar, fout=fout,
                               wijziging=lambda cid: Wijziging.van("client", client_id=cid))


def nieuwe_client(shell: Shell, parent: QWidget | None = None) -> int | None:
    dlg = NieuweClientDialog(shell, parent)
    if dlg.exec() == QDialog.DialogCode.Accepted and dlg.client_id is not None:
        shell.melding("Cliënt geregistreerd; het dossier is geopend.")
        return dlg.client_id
    return None


class NieuweMeldingDialog(QDialog):
    """A report of a need for one client. A consultant registering it becomes its consultant."""

    def __init__(self, shell: Shell, client_id: int, client_naam: str, parent: QWidget | None = None, *,
                 wet: str | None = None) -> None:
        super().__init__(parent)
        self.shell, self.client_id = shell, client_id
        self.melding_id: int | None = None
        self.setWindowTitle(f"Nieuwe melding – {client_naam}")
        self.setMinimumWidth(640)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 18)
        lay.setSpacing(12)
        if shell.actor.rol is Rol.CONSULENT:
            toelichting = "U wordt de consulent van deze melding."
        else:
            toelichting = "De melding komt in de werkvoorraad van het team."
        lay.addWidget(uitleg(f"Leg de melding vast zoals die binnenkwam. {toelichting} Voor de Wmo start de "
                             f"onderzoekstermijn van {termijnen.ONDERZOEK_WMO.lengte} op de meldingsdatum "
                             f"({termijnen.ONDERZOEK_WMO.artikel})."))
        f = self.form = Formulier()
        f.voeg_toe("wet", "&Wet", combo([(w.label, w.value) for w in Wet]))
        datum = DatumVeld()
        datum.zet_datum(dt.date.today())
        f.voeg_toe("datum", "&Meldingsdatum", datum)
        f.voeg_toe("kanaal", "&Kanaal", combo([(k.label, k.value) for k in Kanaal], leeg="Kies hoe de melding binnenkwam"))
        f.voeg_toe("verwijzer", "&Verwijzer", QLineEdit(), hint="Bijvoorbeeld de huisarts of school; leeg als "
                                                                "de cliënt zelf meldde.")
        f.voeg_toe("soort", "&Soort", combo([(s.label, s.value) for s in MeldingSoort]))
        vraag = QPlainTextEdit()
        vraag.setTabChangesFocus(True)
        vraag.setMinimumHeight(110)
        f.voeg_toe("vraag", "V&raag", vraag, hint="De vraag zoals de melder die stelt, kort.")
        if wet:
            kies(f.editor("wet"), wet)  # type: ignore[arg-type]
        lay.addWidget(f)
        lay.addWidget(_knoppen(self, "Melding vast&leggen", self.opslaan))
        f.editor("wet").setFocus()

    def opslaan(self) -> None:
        w = self.form.lees()
        if w is None:
            return
        ctx, actor, cid = self.shell.ctx, self.shell.actor, self.client_id

        fout = self.form.schrijffout(w, {"kanaal": "Kies het kanaal waarlangs de melding binnenkwam."})

        def klaar(melding_id: int) -> None:
            self.melding_id = melding_id
            self.accept()

        self.shell.ops.schrijf(self, lambda: meldingen.registreer_melding(
            ctx, actor, client_id=cid, wet=w["wet"], datum=w["datum"], kanaal=w["kanaal"] or "",
            vraag=w["vraag"] or "", verwijzer=w["verwijzer"], soort=w["soort"] or MeldingSoort.NIEUW.value),
            klaar, fout=fout, wijziging=Wijziging.van("melding", "werkvoorraad", client_id=cid))


def nieuwe_melding(shell: Shell, client_id: int, client_naam: str, parent: QWidget | None = None, *,
                   wet: str | None = None) -> int | None:
    dlg = NieuweMeldingDialog(shell, client_id, client_naam, parent, wet=wet)
    if dlg.exec() == QDialog.DialogCode.Accepted and dlg.melding_id is not None:
        shell.melding("Melding vastgelegd.")
        return dlg.melding_id
    return None
