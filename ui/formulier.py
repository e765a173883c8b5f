"""A form with its messages at the fields, and the Dutch date field: what the login window needs of the shared
widgets (ui.widgets re-exports all of it for the screens).

This module imports only the PySide6 classes a login form is made of: PySide6 makes a class's Python type, with its
enums, when it is first imported, and the login window is shown before anything else (ui.main.run, issue 17). The
other editor kinds a form can hold (combo box, text area, tick box, list) are imported where a form meets one; the
login window's fields are plain line edits. Nor does a one-column form of line edits need the Qt namespace (Qt.*,
16 ms for its hundred enums): it is imported where a form needs a flag (a message focusing its field, a cell
aligned in a form of more columns or beside a taller editor).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from consulent_app.errors import ConsulentFout, ValidatieFout

# --- Dutch date field --------------------------------------------------------------------------------------------

_DATUM = re.compile(r"^\s*(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})\s*$")
_DATUM_AANEEN = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")


def lees_datum(tekst: str) -> dt.date | None:
    """'25-11-2026', '25/11/2026', '25.11.2026', '25112026' -> date; '' -> None; else ValueError."""
    if not tekst.strip():
        return None
    match = _DATUM.match(tekst) or _DATUM_AANEEN.match(tekst)
    if not match:
        raise ValueError(tekst)
    d, mnd, j = (int(g) for g in match.groups())
    return dt.date(j, mnd, d)


class DatumVeld(QLineEdit):
    """A date typed the Dutch way (dd-mm-jjjj). Empty is allowed; the service decides whether that is fine."""

    FOUT = "Vul de datum in als dd-mm-jjjj, bijvoorbeeld 25-11-2026."

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("dd-mm-jjjj")
        self.setMaxLength(10)
        self.editingFinished.connect(self._normaliseer)

    def _normaliseer(self) -> None:
        try:
            d = lees_datum(self.text())
        except ValueError:
            return
        if d is not None:
            self.setText(d.strftime("%d-%m-%Y"))

    def zet_datum(self, d: dt.date | None) -> None:
        self.setText(d.strftime("%d-%m-%Y") if d else "")

    def datum(self) -> dt.date | None:
        """The date, or None when empty. Raises ValidatieFout-ready ValueError when unreadable."""
        return lees_datum(self.text())


# --- a form with errors at the fields ----------------------------------------------------------------------------


def waarde_van(editor: QWidget) -> Any:
    """The value of an editor the way services want it: text stripped (None when empty), date, combo data."""
    if isinstance(editor, DatumVeld):
        return editor.datum()
    if isinstance(editor, QLineEdit):
        return editor.text().strip() or None
    from PySide6.QtWidgets import QComboBox, QPlainTextEdit

    if isinstance(editor, QComboBox):
        return editor.currentData()
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText().strip() or None
    raise TypeError(type(editor).__name__)


def wis_fout_bij_verbetering(editor: QWidget, fout: QLabel) -> None:
    """A field's message goes as soon as the user corrects the value, not at the next save: on any change of a
    text, choice, tick or list; a date field when what it holds reads as a date (or is empty). The next save checks
    again and shows the service's message anew if the value is still wrong."""
    signaal: Any
    if isinstance(editor, QLineEdit):
        signaal = editor.textChanged
    else:
        from PySide6.QtWidgets import QAbstractButton, QComboBox, QListWidget, QPlainTextEdit

        if isinstance(editor, QPlainTextEdit):
            signaal = editor.textChanged
        elif isinstance(editor, QComboBox):
            signaal = editor.currentIndexChanged
        elif isinstance(editor, QAbstractButton):
            signaal = editor.toggled
        elif isinstance(editor, QListWidget):
            signaal = editor.itemChanged
        else:
            return

    def gewijzigd(*_args: Any) -> None:
        if fout.isHidden():
            return
        if isinstance(editor, DatumVeld):
            try:
                editor.datum()
            except ValueError:
                return  # still no date: the message stays
        fout.hide()
        fout.clear()
        Formulier._markeer(editor, False)

    signaal.connect(gewijzigd)


class Formulier(QWidget):
    """Label | editor rows, with a red message under the editor when the service refuses that field.

    `voeg_toe("bsn", "&BSN", QLineEdit())`; `lees()` returns {name: value} or shows date errors and returns None;
    `toon_fouten(exc.fouten)` puts each message at its field and focuses the first; unknown fields go to the top.
    """

    def __init__(self, parent: QWidget | None = None, *, kolommen: int = 1) -> None:
        super().__init__(parent)
        self.setObjectName("formulier")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)
        self.algemeen = QLabel()
        self.algemeen.setObjectName("formulierfout")
        self.algemeen.setWordWrap(True)
        self.algemeen.hide()
        outer.addWidget(self.algemeen)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(4)
        outer.addLayout(self.grid)
        outer.addStretch(1)
        self._kolommen = kolommen
        self._n = 0
        self._rij = 0
        self.editors: dict[str, QWidget] = {}
        self.fouten: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.hints: dict[str, QLabel] = {}

    def voeg_toe(self, naam: str, label: str, editor: QWidget, *, hint: str | None = None,
                 breed: bool = False) -> QWidget:
        kolom = 0 if breed else (self._n % self._kolommen)
        rij = self.grid.rowCount() if kolom == 0 else self._rij
        self._rij = rij
        # Made in the form (their parent): styled once, not again when the grid moves them in (issue 13).
        lab = QLabel(label, self)
        lab.setBuddy(editor)
        lab.setObjectName("veldlabel")
        # The alignment by name, through Qt's property system: the same flags without the Python type of the Qt
        # namespace, whose hundred enums cost 16 ms before the login window (see the module's docstring).
        lab.setProperty("alignment", "AlignRight|AlignVCenter")
        fout = QLabel(self)
        fout.setObjectName("veldfout")
        fout.setWordWrap(True)
        fout.hide()
        c = kolom * 2
        een_regel = isinstance(editor, QLineEdit) or editor.inherits("QComboBox")
        span = self._kolommen * 2 - 1 if breed else 1
        if self._kolommen == 1 and een_regel:
            # One column and a one-line editor: the label's row is the editor's height (the label's minimum, below)
            # and the message's row is the message, so filling their cells puts them where top-aligned cells do.
            self.grid.addWidget(lab, rij, c)
        else:
            from PySide6.QtCore import Qt

            self.grid.addWidget(lab, rij, c, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        self.grid.addWidget(editor, rij, c + 1, 1, span)
        onder = QLabel(hint, self) if hint else None
        if onder is not None:
            onder.setObjectName("veldhint")
            onder.setWordWrap(True)
            self.grid.addWidget(onder, rij + 1, c + 1, 1, span)
            self.hints[naam] = onder
        if self._kolommen == 1:
            self.grid.addWidget(fout, rij + 2, c + 1, 1, span)
        else:
            from PySide6.QtCore import Qt

            self.grid.addWidget(fout, rij + 2, c + 1, 1, span, Qt.AlignmentFlag.AlignTop)
        if een_regel:
            lab.setMinimumHeight(editor.sizeHint().height())
        self.editors[naam] = editor
        self.fouten[naam] = fout
        self.labels[naam] = lab
        wis_fout_bij_verbetering(editor, fout)
        self._n = 0 if breed else self._n + 1
        if breed or kolom == self._kolommen - 1:
            self._n = 0
        for k in range(self._kolommen):
            self.grid.setColumnStretch(k * 2 + 1, 1)
        return editor

    def editor(self, naam: str) -> QWidget:
        return self.editors[naam]

    def toon_rij(self, naam: str, zichtbaar: bool) -> None:
        """Show or hide a whole row (label, editor, hint, message); a hidden row's value is still read."""
        for w in (self.labels[naam], self.editors[naam], self.hints.get(naam)):
            if w is not None:
                w.setVisible(zichtbaar)
        if not zichtbaar:
            self.fouten[naam].hide()

    def lees(self) -> dict[str, Any] | None:
        """All values; None (with messages at the fields) if a date cannot be read."""
        self.wis_fouten()
        out: dict[str, Any] = {}
        fouten: dict[str, str] = {}
        for naam, ed in self.editors.items():
            try:
                out[naam] = waarde_van(ed)
            except (ValueError, TypeError):
                fouten[naam] = DatumVeld.FOUT
        if fouten:
            self.toon_fouten(fouten)
            return None
        return out

    def wis_fouten(self) -> None:
        self.algemeen.hide()
        self.algemeen.clear()
        for naam, lab in self.fouten.items():
            lab.hide()
            lab.clear()
            self._markeer(self.editors[naam], False)

    def toon_fouten(self, fouten: dict[str, str]) -> None:
        """Each message at its field (in field order); messages for fields not on the form at the top."""
        self.wis_fouten()
        eerste: QWidget | None = None
        los = []
        for naam, msg in fouten.items():
            if naam in self.fouten:
                self.fouten[naam].setText(msg)
                self.fouten[naam].show()
                self._markeer(self.editors[naam], True)
            else:
                los.append(msg)
        for naam in self.editors:
            if naam in fouten:
                eerste = self.editors[naam]
                break
        if los:
            self.algemeen.setText("\n".join(los))
            self.algemeen.show()
        if eerste is not None:
            from PySide6.QtCore import Qt

            eerste.setFocus(Qt.FocusReason.OtherFocusReason)
        venster = self.window()
        if isinstance(venster, QDialog):  # messages take room: let the dialog grow instead of squeezing fields
            venster.adjustSize()

    def schrijffout(self, waarden: dict[str, Any] | None = None, lege_keuzes: dict[str, str] | None = None,
                    ) -> Callable[[BaseException], bool]:
        """The `fout` of an ops write: the service's messages at their fields (a choice left empty gets the
        message in `lege_keuzes`), another refusal above the form; other errors go to the operation layer."""
        def fout(exc: BaseException) -> bool:
            if isinstance(exc, ValidatieFout):
                fouten = dict(exc.fouten)
                for veld, bericht in (lege_keuzes or {}).items():
                    if veld in fouten and not (waarden or {}).get(veld):
                        fouten[veld] = bericht
                self.toon_fouten(fouten)
                return True
            if isinstance(exc, ConsulentFout):
                self.toon_fouten({"_": str(exc)})
                return True
            return False

        return fout

    def toon_validatiefout(self, exc: ValidatieFout) -> None:
        self.toon_fouten(exc.fouten)

    def fout_bij(self, naam: str) -> str:
        lab = self.fouten.get(naam)
        return lab.text() if lab is not None and not lab.isHidden() else ""

    @staticmethod
    def _markeer(editor: QWidget, fout: bool) -> None:
        editor.setProperty("fout", fout)
        editor.style().unpolish(editor)
        editor.style().polish(editor)
