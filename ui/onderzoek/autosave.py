"""Autosave: every field is journaled and stored as it is typed (300 ms after the last key), on focus-out, on step
change and on close, through the operation layer (ui.ops): never on the GUI thread, never lost.

What a field holds is first in the local journal; the writer stores it in order and removes it from the journal
only after the commit. A refused text (too long, control characters) stays in the field, marked, with the Dutch
message under it, and stays in the journal; a conflict with someone else's save of the same field shows both texts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from consulent_app import journaal as jn
from consulent_app.errors import ConflictFout, ConsulentFout, ValidatieFout, VeldConflict
from ui.ops import Ops, Wijziging
from ui.widgets import DatumVeld, lees_datum

VERTRAGING_MS = 300

# (journal key, operation name, JSON args) for one field's new value and the value its user last saw.
Opdracht = tuple[str, str, dict[str, Any]]


def _markeer(editor: QWidget, fout: bool) -> None:
    editor.setProperty("fout", fout)
    editor.style().unpolish(editor)
    editor.style().polish(editor)


def vraag_bij_verlaten(parent: QWidget, velden: list[str]) -> bool:
    """Leaving a step whose fields hold refused text: True = go on (the text stays kept on this computer and in
    the field), False = back to the field to shorten or clean it."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Niet opgeslagen tekst",
                      "Deze tekst is niet opgeslagen: " + ", ".join(velden) + ".", parent=parent)
    box.setInformativeText("De melding staat onder het veld. Uw tekst blijft bewaard op deze computer en in het "
                           "veld; pas hem aan om hem op te slaan.")
    terug = box.addButton("&Terug naar het veld", QMessageBox.ButtonRole.RejectRole)
    box.addButton("&Verder, later aanpassen", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(terug)
    box.exec()
    return box.clickedButton() is not terug


class AutoOpslag(QObject):
    """Keeps the fields of one screen; `opdracht(sleutel, waarde, gezien)` says how to store one value.

    Text fields save ~300 ms after the last keystroke and on focus-out; choices and dates save at once.
    A refused value shows its Dutch message under the field and stays there; the other fields are unaffected.
    """

    opgeslagen = Signal(object, object)  # (sleutel, whatever the service returned, e.g. StapVoortgang)
    mislukt = Signal(str)  # a non-field refusal (no access, locked step)

    def __init__(self, ops: Ops, opdracht: Callable[[Hashable, Any, Any], Opdracht], parent: QObject | None = None,
                 vertraging_ms: int = VERTRAGING_MS, wijziging: Wijziging | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._opdracht = opdracht
        self._wijziging = wijziging
        self._vertraging = vertraging_ms
        self._editors: dict[Hashable, QWidget] = {}
        self._fouten: dict[Hashable, QLabel] = {}
        self._timers: dict[Hashable, QTimer] = {}
        self._pending: set[Hashable] = set()  # typed, not yet handed to the journal
        self._onderweg: set[Hashable] = set()  # in the journal, not yet committed
        self._geweigerd: dict[Hashable, str] = {}  # refused by the service: text kept in the field
        self._laatst: dict[Hashable, Any] = {}  # the value the user last saw stored
        # Journal entries restored for fields not made yet (a step page is built when first needed, issue 13): they
        # are written at once like the others and shown when their field is made (`toon_hersteld`).
        self._zonder_veld: dict[Hashable, jn.Item] = {}
        self._conflict_zonder_veld: dict[Hashable, VeldConflict] = {}
        self._stil = False
        self._dialogen: list[QDialog] = []
        # Focus-out saves at once. One signal of the application, not an event filter per editor: a filter in
        # Python runs for every event of every field (paints too), each waiting for the GIL while a background
        # read runs, and a step change stood still for it (issue 13).
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_gewisseld)

    # --- registration ------------------------------------------------------------------------------------------

    def koppel(self, sleutel: Hashable, editor: QWidget, foutlabel: QLabel) -> None:
        self._editors[sleutel] = editor
        self._fouten[sleutel] = foutlabel
        if isinstance(editor, DatumVeld):
            editor.editingFinished.connect(lambda k=sleutel: self._nu(k))
            editor.textChanged.connect(lambda _t, k=sleutel: self._datum_verbeterd(k))
        elif isinstance(editor, QPlainTextEdit | QLineEdit):
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(self._vertraging)
            timer.timeout.connect(lambda k=sleutel: self.flush(k))
            self._timers[sleutel] = timer
            sig = editor.textChanged
            sig.connect(lambda *_a, k=sleutel: self._getypt(k))
        elif isinstance(editor, QComboBox):
            editor.currentIndexChanged.connect(lambda _i, k=sleutel: self._nu(k))

    def _datum_verbeterd(self, sleutel: Hashable) -> None:
        """"Vul de datum in als dd-mm-jjjj" goes once the field holds a date again, before it is saved."""
        if self.fout(sleutel) != DatumVeld.FOUT:
            return
        try:
            self._waarde(sleutel)
        except ValueError:
            return
        self._toon_fout(sleutel, "")

    def sleutels(self) -> list[Hashable]:
        return list(self._editors)

    def _bezet(self, sleutel: Hashable) -> bool:
        """True when the field holds something of the user's that the database does not have (yet)."""
        return sleutel in self._pending or sleutel in self._onderweg or sleutel in self._geweigerd

    def zet(self, sleutel: Hashable, waarde: Any) -> None:
        """Show a stored value without saving it again; a field being typed in, or holding unsaved text, is left
        alone (its text is the user's; the stored value becomes the base of the next save)."""
        editor = self._editors[sleutel]
        if self._bezet(sleutel) or (editor.hasFocus() and sleutel in self._laatst):
            if not self._bezet(sleutel):
                self._laatst[sleutel] = waarde
            return
        self._toon(sleutel, waarde)
        self._laatst[sleutel] = self._waarde(sleutel)

    def _toon(self, sleutel: Hashable, waarde: Any) -> None:
        editor = self._editors[sleutel]
        self._stil = True
        try:
            if isinstance(editor, DatumVeld):
                editor.zet_datum(dt.date.fromisoformat(waarde) if isinstance(waarde, str) and waarde else
                                 waarde or None)
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

    def herstel(self, items: dict[Hashable, jn.Item]) -> None:
        """After a restart: put what the journal still holds for these fields back in them (waiting ones are being
        written by the layer; refused ones show their message again)."""
        for sleutel, item in items.items():
            if sleutel in self._pending:
                continue
            if sleutel in self._editors:
                self._toon(sleutel, item.args.get("waarde"))
            else:
                self._zonder_veld[sleutel] = item
            if "gezien" in item.args and sleutel not in self._laatst:
                self._laatst[sleutel] = item.args["gezien"]
            if item.status is jn.Status.WACHTEND:
                self._onderweg.add(sleutel)
                self._ops.bewaar(*self._opdracht(sleutel, item.args.get("waarde"), item.args.get("gezien")),
                                 eigenaar=self, klaar=lambda u, k=sleutel, w=item.args.get("waarde"):
                                 self._klaar(k, w, u),
                                 fout=lambda exc, k=sleutel: self._fout(k, exc), wijziging=self._wijziging)
            else:
                self._geweigerd[sleutel] = item.melding or ""
                if sleutel in self._editors:
                    self._toon_fout(sleutel, item.melding or "Niet opgeslagen.")

    def toon_hersteld(self, sleutels: set[Hashable], *, lezing_ouder: bool) -> None:
        """The fields `sleutels` were just made and filled from the last read: show what `herstel` kept for them.
        A text still being written or refused is the user's and is shown; one written meanwhile is shown when the
        read that filled the field is older than that write (`lezing_ouder`), else the read already has it."""
        for sleutel in sleutels & set(self._zonder_veld):
            item = self._zonder_veld.pop(sleutel)
            waarde = item.args.get("waarde")
            if sleutel in self._onderweg or sleutel in self._geweigerd:
                self._toon(sleutel, waarde)
            elif lezing_ouder and self._laatst.get(sleutel) != waarde:
                self._toon(sleutel, waarde)
                self._laatst[sleutel] = waarde
            if sleutel in self._geweigerd:
                self._toon_fout(sleutel, self._geweigerd[sleutel] or "Niet opgeslagen.")
            conflict = self._conflict_zonder_veld.pop(sleutel, None)
            if conflict is not None:
                self._toon_conflict(sleutel, conflict)

    # --- saving ------------------------------------------------------------------------------------------------

    def _getypt(self, sleutel: Hashable) -> None:
        if self._stil:
            return
        self._pending.add(sleutel)
        self._timers[sleutel].start()
        # Every keystroke is in the journal at once (a small UPDATE, well under a millisecond): a crash or kill
        # a moment later loses nothing. The writer takes it after the pause, or on focus-out or a step change.
        waarde = self._waarde(sleutel)
        self._ops.bewaar(*self._opdracht(sleutel, waarde, self._laatst.get(sleutel)), eigenaar=self,
                         klaar=lambda u, k=sleutel, w=waarde: self._klaar(k, w, u),
                         fout=lambda exc, k=sleutel: self._fout(k, exc), wijziging=self._wijziging, nu=False)

    def _nu(self, sleutel: Hashable) -> None:
        if self._stil:
            return
        self._pending.add(sleutel)
        self.flush(sleutel)

    @Slot(object, object)
    def _focus_gewisseld(self, oud: QWidget | None, _nieuw: QWidget | None) -> None:
        if oud is None:
            return
        for k, ed in self._editors.items():
            if ed is oud and k in self._pending:
                self.flush(k)

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
        """True while anything typed here is not yet in the database (timers, journal, writer)."""
        return bool(self._pending or self._onderweg)

    def geweigerd(self) -> dict[Hashable, str]:
        """Fields whose text the service refused (kept in the field and the journal), with the message."""
        return dict(self._geweigerd)

    def flush(self, sleutel: Hashable | None = None, *, nieuwe_basis: bool = False) -> bool:
        """Hand pending edits to the journal now (one field, or all). False when a field cannot be read (a date
        that is no date: its message is shown at the field and the text stays)."""
        sleutels = [sleutel] if sleutel is not None else list(self._pending)
        alles_goed = True
        for k in sleutels:
            if k not in self._pending:
                continue
            timer = self._timers.get(k)
            if timer is not None:
                timer.stop()
            try:
                waarde = self._waarde(k)
            except ValueError:
                self._toon_fout(k, DatumVeld.FOUT)
                alles_goed = False
                continue
            self._pending.discard(k)
            self._geweigerd.pop(k, None)
            self._onderweg.add(k)
            opdracht = self._opdracht(k, waarde, self._laatst.get(k))
            self._ops.bewaar(*opdracht, eigenaar=self, klaar=lambda u, k=k, w=waarde: self._klaar(k, w, u),
                             fout=lambda exc, k=k: self._fout(k, exc), wijziging=self._wijziging,
                             nieuwe_basis=nieuwe_basis)
        return alles_goed

    def _klaar(self, sleutel: Hashable, waarde: Any, uitkomst: Any) -> None:
        """The newest text of this field is in the database (the journal entry is gone)."""
        self._onderweg.discard(sleutel)
        self._laatst[sleutel] = waarde
        if sleutel not in self._geweigerd:
            self._toon_fout(sleutel, "")
        self.opgeslagen.emit(sleutel, uitkomst)

    def _fout(self, sleutel: Hashable, exc: BaseException) -> bool:
        self._onderweg.discard(sleutel)
        if sleutel in self._pending:  # a newer text is on its way; this refusal is about an older one
            return True
        if isinstance(exc, VeldConflict):
            self._geweigerd[sleutel] = str(exc)
            if sleutel not in self._editors:  # its step is not built yet: shown with the field (toon_hersteld)
                self._geweigerd[sleutel] = "Iemand anders heeft dit veld intussen gewijzigd: kies welke tekst blijft."
                self._conflict_zonder_veld[sleutel] = exc
                return True
            self._toon_fout(sleutel, "Iemand anders heeft dit veld intussen gewijzigd: kies welke tekst blijft.")
            self._toon_conflict(sleutel, exc)
            return True
        if isinstance(exc, ValidatieFout):
            self._geweigerd[sleutel] = next(iter(exc.fouten.values()))
            self._toon_fout(sleutel, self._geweigerd[sleutel] + " Uw tekst is bewaard op deze computer.")
            return True
        if isinstance(exc, ConflictFout | ConsulentFout):
            self._geweigerd[sleutel] = str(exc)
            self._toon_fout(sleutel, str(exc))
            self.mislukt.emit(str(exc))
            return True
        return False

    def _toon_fout(self, sleutel: Hashable, tekst: str) -> None:
        lab = self._fouten.get(sleutel)
        if lab is None:  # a restored field whose step is not built yet: shown when it is (toon_hersteld)
            return
        lab.setText(tekst)
        lab.setVisible(bool(tekst))
        _markeer(self._editors[sleutel], bool(tekst))

    def fout(self, sleutel: Hashable) -> str:
        lab = self._fouten[sleutel]
        return lab.text() if not lab.isHidden() else ""

    def editor(self, sleutel: Hashable) -> QWidget:
        return self._editors[sleutel]

    # --- a real conflict: both texts, to choose or merge -------------------------------------------------------

    def _toon_conflict(self, sleutel: Hashable, exc: VeldConflict) -> None:
        editor = self._editors[sleutel]
        dlg = ConflictDialoog(exc, editor.window())
        self._dialogen.append(dlg)

        def gekozen(resultaat: int) -> None:
            if dlg in self._dialogen:
                self._dialogen.remove(dlg)
            tekst = dlg.gekozen_waarde
            self._geweigerd.pop(sleutel, None)
            self._toon_fout(sleutel, "")
            self._laatst[sleutel] = exc.ander  # the user has now seen the other text
            if dlg.neem_ander:  # took the other text: show it, let ours go
                sleutel_journaal = self._opdracht(sleutel, exc.ander, exc.ander)[0]
                self._ops.vergeet(sleutel_journaal)
                self._toon(sleutel, exc.ander)
                return
            self._toon(sleutel, tekst)
            self._pending.add(sleutel)
            self.flush(sleutel, nieuwe_basis=True)

        dlg.finished.connect(gekozen)
        dlg.open()


class ConflictDialoog(QDialog):
    """Shows one's own text and the other person's side by side; keep one, or edit a merged text."""

    def __init__(self, exc: VeldConflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{exc.label}: intussen gewijzigd")
        self.setObjectName("conflictdialoog")
        self.neem_ander = False
        self.gekozen_waarde: Any = exc.eigen
        lay = QGridLayout(self)
        uitleg = QLabel(f"Iemand anders heeft <b>{exc.label}</b> gewijzigd nadat u het opende. Niets is "
                        "weggegooid: kies welke tekst blijft, of pas de samengevoegde tekst aan en bewaar die.")
        uitleg.setWordWrap(True)
        lay.addWidget(uitleg, 0, 0, 1, 2)
        lay.addWidget(QLabel("<b>Uw tekst</b>"), 1, 0)
        lay.addWidget(QLabel("<b>Opgeslagen door de ander</b>"), 1, 1)
        self.eigen = QPlainTextEdit(str(exc.eigen or ""))
        self.eigen.setReadOnly(True)
        self.ander = QPlainTextEdit(str(exc.ander or ""))
        self.ander.setReadOnly(True)
        lay.addWidget(self.eigen, 2, 0)
        lay.addWidget(self.ander, 2, 1)
        lay.addWidget(QLabel("<b>Samengevoegd</b> (pas aan wat nodig is)"), 3, 0, 1, 2)
        self.samen = QPlainTextEdit("\n\n".join(t for t in (str(exc.ander or ""), str(exc.eigen or "")) if t))
        lay.addWidget(self.samen, 4, 0, 1, 2)
        knoppen = QDialogButtonBox()
        self.eigen_knop = QPushButton("&Mijn tekst houden")
        self.ander_knop = QPushButton("&Andere tekst nemen")
        self.samen_knop = QPushButton("&Samengevoegde tekst bewaren")
        for k in (self.eigen_knop, self.ander_knop, self.samen_knop):
            knoppen.addButton(k, QDialogButtonBox.ButtonRole.AcceptRole)
        self.eigen_knop.clicked.connect(lambda: self._kies(exc.eigen))
        self.ander_knop.clicked.connect(lambda: self._kies(exc.ander, ander=True))
        self.samen_knop.clicked.connect(lambda: self._kies(self.samen.toPlainText()))
        if not isinstance(exc.eigen, str) or not isinstance(exc.ander, str | None):
            self.samen_knop.hide()  # a choice or a date cannot be merged
        lay.addWidget(knoppen, 5, 0, 1, 2)
        self.resize(760, 460)

    def _kies(self, waarde: Any, *, ander: bool = False) -> None:
        self.gekozen_waarde = waarde
        self.neem_ander = ander
        self.accept()

    # Escape (reject) keeps one's own text: nothing typed is dropped silently.
