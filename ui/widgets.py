"""Small widgets every screen shares: a form with errors at the fields, a Dutch date field, term pills, loading."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractEventDispatcher,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPainter,
    QPalette,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFrame,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from consulent_app import termijnen

# The form and the date field live in ui/formulier.py, so that the login window gets them without the Python types
# of every Qt class this module uses (issue 17); the screens import them from here.
from ui.formulier import DatumVeld, Formulier, lees_datum, waarde_van, wis_fout_bij_verbetering  # noqa: F401

# --- term status pills -------------------------------------------------------------------------------------------

# (background, text) per kind. Colour is never the only signal: the pill always carries its words.
PIL_KLEUREN: dict[str, tuple[str, str]] = {
    "rood": ("#fbe3e1", "#9b1c1c"),
    "oranje": ("#fdf0d2", "#7a4d00"),
    "groen": ("#e2f2e6", "#1d5e31"),
    "grijs": ("#eceef1", "#4a5260"),
    "blauw": ("#e1ecf7", "#1f4f7f"),
}


TERMIJN_KLEUR = {
    termijnen.TermijnStatus.OVERSCHREDEN: "rood",
    termijnen.TermijnStatus.VERLOOPT_BINNENKORT: "oranje",
    termijnen.TermijnStatus.OP_TIJD: "groen",
}


def termijn_pil(einde: dt.date | None, vandaag: dt.date | None = None,
                extra_feestdagen: Iterable[dt.date] = (), *,
                signaal_werkdagen: int = termijnen.SIGNAAL_WERKDAGEN) -> tuple[str, str]:
    """(text, kind) of the pill for a legal end date, by termijnen.termijn_status: red when overdue, amber within
    the signal's working days. Every screen that colours a term uses this, so they all agree."""
    if einde is None:
        return ("geen wettelijke termijn", "grijs")
    status = termijnen.termijn_status(einde, vandaag or dt.date.today(), tuple(extra_feestdagen),
                                      signaal_werkdagen=signaal_werkdagen)
    return (termijnen.status_tekst(status, signaal_werkdagen), TERMIJN_KLEUR[status])


def zet_stijl(widget: QWidget, css: str) -> None:
    """Set a widget's style sheet only when it changes: setting one (even the same) makes Qt polish the widget again
    at the next paint, which a screen refreshing every step change feels as a stall (issue 13)."""
    if widget.styleSheet() != css:
        widget.setStyleSheet(css)


class StatusPil(QLabel):
    """A rounded label with words and a calm colour, e.g. 'termijn overschreden' in red."""

    def __init__(self, tekst: str = "", soort: str = "grijs", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statuspil")
        self.zet(tekst, soort)

    def zet(self, tekst: str, soort: str) -> None:
        bg, fg = PIL_KLEUREN.get(soort, PIL_KLEUREN["grijs"])
        self.setText(tekst)
        self.setProperty("soort", soort)
        zet_stijl(self, f"QLabel#statuspil {{ background: {bg}; color: {fg}; border-radius: 9px;"
                        " padding: 2px 10px; font-weight: 600; }")


PIL_ROLE = Qt.ItemDataRole.UserRole + 2  # a table model returns the pill kind ("rood", ...) under this role


_CE_ITEM = QStyle.ControlElement.CE_ItemViewItem
_DEMIBOLD = QFont.Weight.DemiBold
_GEEN_PEN = Qt.PenStyle.NoPen
_ANTIALIAS = QPainter.RenderHint.Antialiasing
_MIDDEN = Qt.AlignmentFlag.AlignCenter
_AFKAPPEN = Qt.TextElideMode.ElideRight
_PIL_ROL = int(PIL_ROLE)


class PilDelegate(QStyledItemDelegate):
    """Paints a cell as a pill when the model gives a kind under PIL_ROLE; the text stays the cell's text.

    Set on the pill columns only (ui.tablemodels.Tabel); what it needs per pill (the demibold font and its metrics,
    the colours, Qt's enum values, whose every lookup costs a Python call) is made once, not per cell: painting a pill
    took 90 us."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fonts: dict[str, tuple[QFont, QFontMetrics]] = {}
        self._kleuren = {soort: (QColor(bg), QColor(fg)) for soort, (bg, fg) in PIL_KLEUREN.items()}

    def _font(self, basis: QFont) -> tuple[QFont, QFontMetrics]:
        sleutel = basis.key()
        uit = self._fonts.get(sleutel)
        if uit is None:
            font = QFont(basis)
            font.setWeight(_DEMIBOLD)
            uit = self._fonts[sleutel] = (font, QFontMetrics(font))
        return uit

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        soort = index.data(_PIL_ROL)
        if not soort:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        tekst = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(_CE_ITEM, opt, painter, widget)
        bg, fg = self._kleuren.get(str(soort)) or self._kleuren["grijs"]
        font, fm = self._font(opt.font)
        rand = opt.rect
        breedte = min(fm.horizontalAdvance(tekst) + 20, rand.width() - 8)
        hoogte = min(fm.height() + 6, rand.height() - 4)
        rect = QRect(rand.left() + 6, rand.center().y() - hoogte // 2 + 1, breedte, hoogte)
        painter.save()
        painter.setRenderHint(_ANTIALIAS)
        painter.setFont(font)
        painter.setPen(_GEEN_PEN)
        painter.setBrush(bg)
        painter.drawRoundedRect(rect, hoogte / 2, hoogte / 2)
        painter.setPen(fg)
        painter.drawText(rect, _MIDDEN, fm.elidedText(tekst, _AFKAPPEN, breedte - 12))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(_PIL_ROL):
            size.setWidth(size.width() + 28)
        return size


class Keuzelijst(QComboBox):
    """A combo box that the mouse wheel does not change while it is closed: the wheel scrolls the page (a value
    once changed silently while scrolling a long step), the open list scrolls as always."""

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt name
        if self.view().isVisible():
            super().wheelEvent(event)
        else:
            event.ignore()


def combo(opties: Iterable[tuple[str, Any]], *, leeg: str | None = None, parent: QWidget | None = None) -> QComboBox:
    """A combo box of (text, value) pairs; `leeg` adds a first 'choose...' option with value None. Made in its
    `parent` (the page it goes on) it is styled once, not again when it is put in (ui.pages.base.ouder)."""
    box = Keuzelijst(parent)
    if leeg is not None:
        box.addItem(leeg, None)
    for tekst, waarde in opties:
        box.addItem(tekst, waarde)
    return box


def kies(box: QComboBox, waarde: Any) -> None:
    i = box.findData(waarde)
    box.setCurrentIndex(max(i, 0))


# --- headings and empty states -----------------------------------------------------------------------------------


def kop(tekst: str, *, niveau: int = 1, parent: QWidget | None = None) -> QLabel:
    """A heading. Made in `parent` (the widget whose layout takes it) it is styled once: a widget made on its own is
    styled again when a layout moves it into its parent, a third of a millisecond a widget (issue 13)."""
    lab = QLabel(tekst, parent)
    lab.setObjectName("kop1" if niveau == 1 else "kop2")
    lab.setWordWrap(True)
    return lab


def uitleg(tekst: str, parent: QWidget | None = None) -> QLabel:
    """A line of explanation; `parent` as with `kop`."""
    lab = QLabel(tekst, parent)
    lab.setObjectName("uitleg")
    lab.setWordWrap(True)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lab


def lijn() -> QFrame:
    f = QFrame()
    f.setFrameShape(QFrame.Shape.HLine)
    f.setObjectName("lijn")
    return f


class Kaart(QFrame):
    """A white card with a little padding: the calm container for a block of content."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kaart")
        self.inhoud = QVBoxLayout(self)
        self.inhoud.setContentsMargins(18, 16, 18, 16)
        self.inhoud.setSpacing(10)


def kleur_tekst(widget: QWidget, kleur: str) -> None:
    pal = widget.palette()
    pal.setColor(QPalette.ColorRole.WindowText, QColor(kleur))
    widget.setPalette(pal)


# --- loading off the UI thread -----------------------------------------------------------------------------------


def laad(parent: QWidget, fn: Callable[[], Any], on_done: Callable[[Any], None],
         on_error: Callable[[str], None] | None = None) -> None:
    """Run a quick service read off the UI thread, without a progress dialog (lists, a dossier), through the
    window's operation layer (ui.ops.voer_uit): after the writes handed in before it, tried again by itself on a
    locked or lost database, and of several loads from the same line of a page only the newest lands (no stale
    list over a newer one). `on_error(tekst)` gets the one Dutch sentence (ui.ops.fout_tekst); without it the
    error goes to the status bar. A session whose rights are gone is logged out by ui.sessie, without a message."""
    from consulent_app.errors import SessieIngetrokken
    from ui import ops

    def fout(exc: BaseException) -> bool:
        if isinstance(exc, SessieIngetrokken):
            return True
        if on_error is None:
            return False
        on_error(ops.fout_tekst(exc))
        return True

    code = getattr(fn, "__code__", None)
    plek = f"laad:{code.co_filename}:{code.co_firstlineno}" if code is not None else f"laad:{id(fn)}"
    ops.voer_uit(parent, fn, on_done, fout, sleutel=plek)


def gedaan_regel(parent: QWidget | None = None) -> QLabel:
    """The line that says what the last action did ("3 beschikkingen verzonden ..."), until the next action: the
    status bar's message goes after seconds, and the screen may move on (issue 16). Hidden until used; its colour
    is in style.qss (QLabel#gedaan)."""
    label = QLabel(parent)  # made in its page: styled once, not again when put in (ui.pages.base.ouder)
    label.setObjectName("gedaan")
    label.setWordWrap(True)
    label.hide()
    return label


def enter_drukt_knoppen() -> None:
    """Enter (and Return) on a focused button presses it, on every screen (issue 16). Qt does that only in a
    dialog (autoDefault); a button on a page ignored Enter and only Space pressed it. Once per application: a
    button outside a dialog that gets the focus becomes autoDefault (on focus change only, no event filter).
    Dialogs keep their own rule: there a button that is not autoDefault was made so on purpose."""
    app = QApplication.instance()
    if not isinstance(app, QApplication) or app.property("enter_drukt_knoppen"):
        return
    app.setProperty("enter_drukt_knoppen", True)
    app.focusChanged.connect(_knop_kreeg_focus)


def _knop_kreeg_focus(_oud: QWidget | None, nieuw: QWidget | None) -> None:
    if isinstance(nieuw, QPushButton) and not nieuw.autoDefault() and not isinstance(nieuw.window(), QDialog):
        nieuw.setAutoDefault(True)


def ctrl_enter_bevestigt(dialoog: QWidget, knop: QAbstractButton) -> None:
    """Ctrl+Enter presses the dialog's main button from any field, a multi-line text field too (where Enter makes a
    new line): the keyboard user saves without reaching for the mouse or tabbing to the button (issue 16)."""
    for toets in ("Ctrl+Return", "Ctrl+Enter"):
        sneltoets = QShortcut(QKeySequence(toets), dialoog)
        sneltoets.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        sneltoets.activated.connect(lambda: knop.click() if knop.isEnabled() else None)
    knop.setToolTip((knop.toolTip() + "\n" if knop.toolTip() else "") + "Ctrl+Enter")


# --- work on the GUI thread in slices between frames ------------------------------------------------------------

#: One queue for the whole application, in the order handed in: two lists filling themselves in the same turn would
#: otherwise stand the window still together.
_rij: deque[tuple[InStappen, Callable[[], None]]] = deque()
_timer: list[QTimer] = []
_beurt_vol = [False]  # set by InStappen.beurt_vol: the current turn ends after this step
#: [in a step now, the timer was started from outside a step]: work handed in by a slot that is no step (data that
#: came back, a key, opening a screen) waits one more turn, so what that slot changed is painted before the first
#: step runs (a zero timer started in that turn fires in the same turn, before the paint).
_stand = [False, False]


class InStappen(QObject):
    """GUI-thread work in slices (issue 13: no stall over one frame, 16 ms): each step runs in its own turn of the
    event loop, so between two steps the window paints what the previous one built and handles keys and scrolling.
    Steps of every owner run in the order handed in; a turn runs several steps while together they take under
    BUDGET_S. A step of an owner that was deleted meanwhile is skipped.

        self.stappen = InStappen(self)
        self.stappen.voeg_toe(self._bouw_grafiek)      # built after the table is painted
        self.stappen.na_de_rest(lambda: self._toon(data))  # now, or after the steps still waiting

    What waits is counted by ui.ops.wacht_op_alles (tests, the benchmarks): quiet means shown. `af()` runs this
    owner's steps at once. The next turn's timer is started only after a step, so the window paints (and the user's
    keys come) between two steps; a step that opens a dialog (an event loop of its own) holds the others up until
    it closes, so open one from a QTimer.singleShot(0, ...) instead."""

    BUDGET_S = 0.004

    def voeg_toe(self, fn: Callable[[], None], *, vooraan: bool = False) -> None:
        """Run `fn` in a later turn of the event loop, after the steps handed in before it; `vooraan`: before them
        (the main window showing a screen just made, before the parts that screen builds after it is shown)."""
        if vooraan:
            _rij.appendleft((self, fn))
        else:
            _rij.append((self, fn))
        if not _timer:
            timer = QTimer()
            timer.setSingleShot(True)
            timer.setInterval(0)
            timer.timeout.connect(_volgende)
            _timer.append(timer)
        if not _timer[0].isActive() and not _stand[0]:
            _stand[1] = True
            _timer[0].start()

    def na_de_rest(self, fn: Callable[[], None]) -> None:
        """Run `fn` now when no step waits, else after them (data that came back while a screen is built)."""
        if stappen_bezig():
            self.voeg_toe(fn)
        else:
            fn()

    def bezig(self) -> bool:
        return any(eigenaar is self for eigenaar, _ in _rij)

    @staticmethod
    def beurt_vol() -> None:
        """Called by a step that is a whole slice by itself (a part of a page, several milliseconds): the steps after
        it wait for the next turn, whatever the budget says."""
        _beurt_vol[0] = True

    def af(self) -> None:
        """This owner's steps, now."""
        while True:
            eigen = next(((e, fn) for e, fn in _rij if e is self), None)
            if eigen is None:
                return
            _rij.remove(eigen)
            eigen[1]()


def _volgende() -> None:
    if _stand[1]:  # handed in from outside a step: first the paint of what that slot changed
        _stand[1] = False
        _timer[0].start()
        return
    if _geschilderd[0] and not _geschilderd[1]:  # a costly paint in this turn (telt_als_tekenen): the steps next turn
        _geschilderd[1] = True
        _timer[0].start()
        return
    _geschilderd[1] = False
    begin = time.perf_counter()
    _beurt_vol[0] = False
    _stand[0] = True
    try:
        while _rij:
            eigenaar, fn = _rij.popleft()
            if not shiboken6.isValid(eigenaar):
                continue
            fn()
            if _beurt_vol[0] or time.perf_counter() - begin >= InStappen.BUDGET_S:
                break
    finally:
        _stand[0] = False
        if _rij and _timer and not _timer[0].isActive():
            _timer[0].start()


#: [a widget marked by telt_als_tekenen painted in this turn of the event loop, the steps waited a turn for it]
_geschilderd = [False, False]


def _nieuwe_beurt() -> None:
    _geschilderd[0] = False


class _TekenMelder(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.Paint:
            _geschilderd[0] = True
        return False


def telt_als_tekenen(widget: QWidget) -> None:
    """Mark a widget whose paint is costly (a list's viewport: 3-9 ms, a chart): in a turn of the event loop in which
    it painted, the InStappen steps due wait for the next turn (once), so the paint and a step do not stand the
    window still together (issue 13: a list's first paint and the reading of its sample for the column widths ran
    in one turn). A light event filter on that widget; the turn is told by the event dispatcher."""
    if not _verf_koppeling:
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is None:
            return
        dispatcher.awake.connect(_nieuwe_beurt)
        dispatcher.aboutToBlock.connect(_nieuwe_beurt)
        _verf_koppeling.append(dispatcher)
    widget.installEventFilter(_TekenMelder(widget))


_verf_koppeling: list[QAbstractEventDispatcher] = []


@contextlib.contextmanager
def een_keer_getekend(tabel: QAbstractItemView, *, na_de_proef: bool = False) -> Iterator[None]:
    """Fill a visible list (new rows, refitted columns) so that it is painted once: Qt's table view repaints the
    columns whose width changed in a later turn of its own, after the paint of the new rows, so the list was painted
    whole twice (5-9 ms each, issue 13). Its viewport keeps what it shows until that turn, then paints once.

    `na_de_proef`: a long list (ui.tablemodels.Tabel, more than Tabel.EERST rows) is fitted to its first rows at once
    and to the rest of its sample in the turns after, then widened where a later row needs it, which painted it
    again (Termijnen: three paints of 1,260 rows as they came); its viewport then keeps what it showed until that
    refit (the steps handed in inside the block), and paints the rows with their final widths once."""
    vp = tabel.viewport()
    if not tabel.isVisible() or not vp.updatesEnabled():
        yield
        return
    vp.setUpdatesEnabled(False)
    try:
        yield
    finally:
        # In a step (a turn or two later): after the table's own zero timer for the resized columns (started inside),
        # so its repaint is not needed, and not in the turn that filled the list (a zero timer could run in that
        # turn's dispatch of posted events, and the paint with it: 4 ms of filling and 7 of painting together).
        # The turn of that paint ends with this step: a step after it (the next part of a screen) came on top of
        # the paint (PO-planning: its plans' list, 2 ms, with the 4 ms paint of the planning).
        def weer_aan() -> None:
            vp.setUpdatesEnabled(True)
            InStappen.beurt_vol()

        stappen = vp.findChild(InStappen, "een_keer_getekend") or InStappen(vp)
        stappen.setObjectName("een_keer_getekend")
        stappen.voeg_toe(weer_aan, vooraan=not na_de_proef)


class _VerfWacht(QObject):
    """Notes that its widget was painted (na_tekenen)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.geverfd = False
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.Paint:
            self.geverfd = True
        return False


def na_tekenen(stappen: InStappen, widget: QWidget, fn: Callable[[], None], *, hooguit: int = 6) -> None:
    """Run `fn` as a step of `stappen`, alone in a turn after the one in which `widget` was next painted (after the
    steps handed in before it; at the latest `hooguit` turns on, when no paint comes: hidden, or nothing to paint).
    For a read started when a screen is first shown (issue 13): started before its first paint, the read held
    Python's GIL in turns with that paint's Python calls (a list's paintEvent, a pill), and the window stood still
    two to three times as long as it painted. The turns waited are empty (a zero timer each)."""
    wacht = _VerfWacht(widget)
    beurten = [0]

    def klaar() -> None:
        if shiboken6.isValid(wacht):
            widget.removeEventFilter(wacht)
            wacht.deleteLater()
        fn()
        InStappen.beurt_vol()

    def kijk() -> None:
        beurten[0] += 1
        if not shiboken6.isValid(wacht) or not widget.isVisible() or beurten[0] >= hooguit:
            klaar()
            return
        # Looked again next turn (this turn ends here, else the step handed in now would run in it at once); once
        # painted, `fn` the turn after: not in the turn of the paint itself.
        stappen.voeg_toe(klaar if wacht.geverfd else kijk)
        InStappen.beurt_vol()

    stappen.voeg_toe(kijk)


def stappen_bezig() -> bool:
    """Whether any screen still has steps waiting (ui.ops.wacht_op_alles counts these as not yet quiet)."""
    while _rij and not shiboken6.isValid(_rij[0][0]):
        _rij.popleft()
    return any(shiboken6.isValid(e) for e, _ in _rij)
