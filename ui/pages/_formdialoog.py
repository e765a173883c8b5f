"""A small modal form that calls one service function: errors at the fields, rule refusals above the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from consulent_app.errors import ConsulentFout, ValidatieFout
from ui.ops import Ops, Wijziging, achtergrond, fout_tekst
from ui.widgets import Formulier, ctrl_enter_bevestigt


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
        ctrl_enter_bevestigt(self, self.ok_knop)
        knoppen.rejected.connect(self.reject)
        lay.addWidget(knoppen)

    def bevestig(self) -> None:
        """The action runs off the GUI thread (ui.ops: on the window's writer, in order with the other writes);
        the dialog keeps its input and stays open until the core accepts."""
        waarden = self.formulier.lees()
        if waarden is None:
            return
        self.ok_knop.setEnabled(False)

        def fout(exc: BaseException) -> bool:
            self.ok_knop.setEnabled(True)
            if isinstance(exc, ValidatieFout):
                self.formulier.toon_fouten(exc.fouten)
                return True
            if isinstance(exc, ConsulentFout):
                self.formulier.toon_fouten({"_": str(exc)})
                return True
            self.formulier.toon_fouten({"_": fout_tekst(exc)})
            return True

        def klaar(resultaat: Any) -> None:
            self.ok_knop.setEnabled(True)
            self.resultaat = resultaat
            self.accept()

        ops = getattr(self.parentWidget().window() if self.parentWidget() else None, "ops", None)
        if isinstance(ops, Ops):
            ops.schrijf(self, lambda: self._actie(waarden), klaar, fout=fout,
                        wijziging=Wijziging.van("*", bron=self.parentWidget()))
        else:  # a page shown on its own (tests): still off the GUI thread
            achtergrond(self, lambda: self._actie(waarden), klaar, fout)
