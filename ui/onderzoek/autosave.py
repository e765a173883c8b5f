"""Autosave: every field is stored as it is typed (debounced), on focus-out, on step change and on close."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from consulent_app.errors import ConsulentFout, ValidatieFout
from ui.widgets import DatumVeld, lees_datum

VERTRAGING_MS = 500


def _markeer(editor: QWidget, fout: bool) -> None:
    editor.setProperty("fout", fout)
    editor.style().unpolish(editor)
    editor.style().polish(editor)


class AutoOpslag(QObject):
    """Keeps pending edits per field; `opslaan(sleutel, waarde)` is the service call (raises ValidatieFout).

    Text fields save ~500 ms after the last keystroke and on focus-out; choices and dates save at once.
    A refused value shows its Dutch message under the field; the other fields are unaffected.
    """

    opgeslagen = Signal(object)  # whatever opslaan returned (e.g. StapVoortgang)
    mislukt = Signal(str)  # a non-field error (conflict, no access, locked step)

    def __init__(self, opslaan: Callable[[Hashable, Any], Any], parent: QObject | None = None,
                 vertraging_ms: int = VERTRAGING_MS) -> None:
        super().__init__(parent)
        self._opslaan = opslaan
        self._vertraging = vertraging_ms
        self._editors: dict[Hashable, QWidget] = {}
        self._fouten: dict[Hashable, QLabel] = {}
        self._timers: dict[Hashable, QTimer] = {}
        self._pending: set[Hashable] = set()
        self._laatst: dict[Hashable, Any] = {}
        self._stil = False

    # --- registration ------------------------------------------------------------------------------------------

    def koppel(self, sleutel: Hashable, editor: QWidget, foutlabel: QLabel) -> None:
        self._editors[sleutel] = editor
        self._fouten[sleutel] = foutlabel
        if isinstance(editor, DatumVeld):
            editor.editingFinished.connect(lambda k=sleutel: self._nu(k))
        elif isinstance(editor, QPlainTextEdit | QLineEdit):
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(self._vertraging)
            timer.timeout.connect(lambda k=sleutel: self.flush(k))
            self._timers[sleutel] = timer
            sig = editor.textChanged
            sig.connect(lambda *_a, k=sleutel: self._getypt(k))
            editor.installEventFilter(self)
        elif isinstance(editor, QComboBox):
            editor.currentIndexChanged.connect(lambda _i, k=sleutel: self._nu(k))

    def zet(self, sleutel: Hashable, waarde: Any) -> None:
        """Show a stored value without saving it again; a field being typed in is left alone."""
        editor = self._editors[sleutel]
        if sleutel in self._pending or (editor.hasFocus() and sleutel in self._laatst):
            return
        self._stil = True
        try:
            if isinstance(editor, DatumVeld):
                editor.zet_datum(waarde)
            elif isinstance(editor, QPlainTextEdit):
                if editor.toPlainText() != (waarde or ""):
                    editor.setPlainText(waarde or "")
            elif isinstance(editor, QLineEdit):
                if editor.text() != (waarde or ""):
                    editor.setText(waarde or "")
            elif isinstance(editor, QComboBox):
                i = editor.findData(waarde)
                editor.setCurrentIndex(max(i, 0))
        finally:
            self._stil = False
        self._laatst[sleutel] = self._waarde(sleutel)

    # --- saving ------------------------------------------------------------------------------------------------

    def _getypt(self, sleutel: Hashable) -> None:
        if self._stil:
            return
        self._pending.add(sleutel)
        self._timers[sleutel].start()

    def _nu(self, sleutel: Hashable) -> None:
        if self._stil:
            return
        self._pending.add(sleutel)
        self.flush(sleutel)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.FocusOut:
            for k, ed in self._editors.items():
                if ed is obj and k in self._pending:
                    self.flush(k)
        return False

    def _waarde(self, sleutel: Hashable) -> Any:
        editor = self._editors[sleutel]
        if isinstance(editor, DatumVeld):
            return lees_datum(editor.text())  # ValueError when unreadable
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        if isinstance(editor, QLineEdit):
            return editor.text()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        raise TypeError(type(editor).__name__)

    def heeft_wachtend(self) -> bool:
        return bool(self._pending)

    def flush(self, sleutel: Hashable | None = None) -> bool:
        """Save pending edits now (one field, or all). True when everything pending was stored."""
        sleutels = [sleutel] if sleutel is not None else list(self._pending)
        alles_goed = True
        for k in sleutels:
            if k not in self._pending:
                continue
            timer = self._timers.get(k)
            if timer is not None:
                timer.stop()
            self._pending.discard(k)
            try:
                waarde = self._waarde(k)
            except ValueError:
                self._toon_fout(k, DatumVeld.FOUT)
                alles_goed = False
                continue
            try:
                uitkomst = self._opslaan(k, waarde)
            except ValidatieFout as exc:
                self._toon_fout(k, next(iter(exc.fouten.values())))
                alles_goed = False
                continue
            except ConsulentFout as exc:
                self.mislukt.emit(str(exc))
                alles_goed = False
                continue
            self._laatst[k] = waarde
            self._toon_fout(k, "")
            self.opgeslagen.emit(uitkomst)
        return alles_goed

    def _toon_fout(self, sleutel: Hashable, tekst: str) -> None:
        lab = self._fouten[sleutel]
        lab.setText(tekst)
        lab.setVisible(bool(tekst))
        _markeer(self._editors[sleutel], bool(tekst))

    def fout(self, sleutel: Hashable) -> str:
        lab = self._fouten[sleutel]
        return lab.text() if not lab.isHidden() else ""

    def editor(self, sleutel: Hashable) -> QWidget:
        return self._editors[sleutel]
