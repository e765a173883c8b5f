"""A small modal form that calls one service function: errors at the fields, rule refusals above the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from consulent_app.errors import ConsulentFout, ValidatieFout
from ui.widgets import Formulier


class FormDialoog(QDialog):
    """`FormDialoog(parent, "Opschorten", "uitleg", form, lambda waarden: service(...), ok="&Opschorten")`.

    OK reads the form, calls `actie(waarden)`; a ValidatieFout shows each message at its field, any other refusal
    of the core shows above the form; the dialog stays open until the core accepts. `resultaat` holds the return.
    """

    def __init__(self, parent: QWidget | None, titel: str, toelichting: str, formulier: Formulier,
                 actie: Callable[[dict[str, Any]], Any], *, ok: str = "&Opslaan") -> None:
        super().__init__(parent)
        self.setWindowTitle(titel)
        self.setModal(True)
        self.setMinimumWidth(520)
        self.formulier = formulier
        self._actie = actie
        self.resultaat: Any = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 18, 20, 16)
        lay.setSpacing(12)
        if toelichting:
            uitleg = QLabel(toelichting)
            uitleg.setObjectName("uitleg")
            uitleg.setWordWrap(True)
            lay.addWidget(uitleg)
        lay.addWidget(formulier)
        knoppen = QDialogButtonBox()
        self.ok_knop = knoppen.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_knop.setDefault(True)
        annuleer = knoppen.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        annuleer.setAutoDefault(False)
        knoppen.accepted.connect(self.bevestig)
        knoppen.rejected.connect(self.reject)
        lay.addWidget(knoppen)

    def bevestig(self) -> None:
        waarden = self.formulier.lees()
        if waarden is None:
            return
        try:
            self.resultaat = self._actie(waarden)
        except ValidatieFout as exc:
            self.formulier.toon_fouten(exc.fouten)
            return
        except ConsulentFout as exc:
            self.formulier.toon_fouten({"_": str(exc)})
            return
        self.accept()
