"""One table model for every list: rows are the core's frozen dataclasses, columns are specs with formatters.

    kolommen = [
        Kolom("Cliënt", lambda w: w.client, rek=True),
        Kolom("Uiterste datum", lambda w: w.termijn_einde, tekst=datum_kort),
        Kolom("Wet", lambda w: w.wet, tekst=label_van(Wet)),
    ]
    tabel = Tabel(kolommen)            # QTableView + QSortFilterProxyModel, sorting, Enter/double-click
    tabel.zet_rijen(items)
    tabel.rij_geopend.connect(lambda item: ...)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from consulent_app import formatting
from ui.widgets import PIL_ROLE, InStappen, PilDelegate

T = TypeVar("T")

ROW_ROLE = Qt.ItemDataRole.UserRole  # the row object itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value, for sorting

Index = QModelIndex | QPersistentModelIndex


# --- formatters --------------------------------------------------------------------------------------------------


def datum_kort(d: dt.date | None) -> str:
    if isinstance(d, dt.datetime):
        return d.strftime("%d-%m-%Y %H:%M")
    return formatting.datum_kort(d, leeg="–")


def tijdstip(d: dt.datetime | None) -> str:
    return d.strftime("%d-%m-%Y %H:%M") if d else "–"


def ja_nee(b: bool | None) -> str:
    return "–" if b is None else ("ja" if b else "nee")


def bedrag(x: Decimal | None) -> str:
    return formatting.bedrag(x, leeg="–")


def label_van(enum_cls: type[Enum]) -> Callable[[Any], str]:
    """Show a stored code with its enum's Dutch label ('in_onderzoek' -> 'In onderzoek'); unknown codes readable."""

    def fmt(waarde: Any) -> str:
        if waarde is None or waarde == "":
            return "–"
        try:
            item = enum_cls(waarde)
        except ValueError:
            return str(waarde).replace("_", " ").capitalize()
        label = getattr(item, "label", None)
        return str(label) if label else str(item.value).replace("_", " ").capitalize()

    return fmt


def bsn(b: str | None) -> str:
    """'123456782' -> '1234.56.782', the way the BSN is printed on Dutch documents."""
    if not b:
        return "–"
    return f"{b[:4]}.{b[4:6]}.{b[6:]}" if len(b) == 9 else b


def label_uit(labels: dict[str, str]) -> Callable[[Any], str]:
    """For codes whose enum has no label (yet): a local Dutch wording, readable fallback for unknown codes."""

    def fmt(waarde: Any) -> str:
        if waarde is None or waarde == "":
            return "–"
        return labels.get(str(waarde), str(waarde).replace("_", " ").capitalize())

    return fmt


def tekst_of_streep(x: Any) -> str:
    return "–" if x is None or x == "" else str(x)


# --- columns and model -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kolom(Generic[T]):
    """A column: its header, how to get the value from a row, how to show it."""

    titel: str
    waarde: Callable[[T], Any]
    tekst: Callable[[Any], str] = tekst_of_streep
    pil: Callable[[T], str | None] | None = None  # kind of pill ("rood", "oranje", ...) for this row, or None
    tooltip: Callable[[T], str | None] | None = None
    rechts: bool = False  # numbers and amounts align right
    rek: bool = False  # this column takes the remaining width
    min_breedte: int | None = None
    sorteer: Callable[[T], Any] | None = None  # sort key when it differs from the value


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ROW = int(ROW_ROLE)
_SORT = int(SORT_ROLE)
_PIL = int(PIL_ROLE)
_LINKS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RECHTS = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class DataclassTableModel(QAbstractTableModel, Generic[T]):
    """Serves the cells lazily: Qt asks only for what it paints (the visible rows), and a row's texts and pills
    are computed once, the first time any of its cells is asked (painting asks every cell about eight roles), and
    kept until the rows or columns change (a reset, dataChanged). A subclass that changes `kolommen` does so inside
    beginResetModel/endResetModel, as for the rows."""

    def __init__(self, kolommen: Sequence[Kolom[T]], rijen: Sequence[T] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kolommen = list(kolommen)
        self.rijen: list[T] = list(rijen)
        self._cellen: dict[int, tuple[list[str], list[str | None]]] = {}
        self._uitlijning: list[int] = []
        self._wis()
        # Connected before any view: the cache is empty before a view asks again after the change.
        self.modelReset.connect(self._wis)
        self.dataChanged.connect(self._wis)
        self.layoutChanged.connect(self._wis)
        self.rowsInserted.connect(self._wis)
        self.rowsRemoved.connect(self._wis)

    def _wis(self, *_args: Any) -> None:
        self._cellen = {}
        self._uitlijning = [_RECHTS if k.rechts else _LINKS for k in self.kolommen]

    def zet_rijen(self, rijen: Sequence[T]) -> None:
        self.beginResetModel()
        self.rijen = list(rijen)
        self.endResetModel()

    def rij(self, row: int) -> T:
        return self.rijen[row]

    def cellen(self, row: int) -> tuple[list[str], list[str | None]]:
        """The texts and pill kinds of row `row`, as shown (computed once per row)."""
        uit = self._cellen.get(row)
        if uit is None:
            obj = self.rijen[row]
            uit = ([k.tekst(k.waarde(obj)) for k in self.kolommen],
                   [k.pil(obj) if k.pil is not None else None for k in self.kolommen])
            self._cellen[row] = uit
        return uit

    def tekst(self, row: int, column: int) -> str:
        return self.cellen(row)[0][column]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rijen)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.kolommen)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if row < 0 or row >= len(self.rijen):
            return None
        if role in (_DISPLAY, _ACCESSIBLE):
            return self.cellen(row)[0][index.column()]
        if role == _ALIGN:
            return self._uitlijning[index.column()]
        if role == _PIL:
            return self.cellen(row)[1][index.column()]
        if role == _ROW:
            return self.rijen[row]
        if role == _SORT:
            kol = self.kolommen[index.column()]
            return (kol.sorteer or kol.waarde)(self.rijen[row])
        if role == _TOOLTIP:
            kol = self.kolommen[index.column()]
            return kol.tooltip(self.rijen[row]) if kol.tooltip else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.kolommen[section].titel
        if orientation == Qt.Orientation.Horizontal and role == _ALIGN:
            return _RECHTS if self.kolommen[section].rechts else _LINKS
        return None


def _vergelijk(a: Any, b: Any) -> bool:
    """a < b with empty values last and mixed types not crashing."""
    if a is None or a == "":
        return False
    if b is None or b == "":
        return True
    try:
        if isinstance(a, str) and isinstance(b, str):
            return a.casefold() < b.casefold()
        return bool(a < b)
    except TypeError:
        return str(a) < str(b)


class SorteerProxy(QSortFilterProxyModel):
    """Sorts on the raw values (dates as dates) and filters on the shown text, case-insensitive."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:
        return _vergelijk(left.data(SORT_ROLE), right.data(SORT_ROLE))


class Tabel(QTableView):
    """A read-only list: whole rows selected, sortable, Enter or double-click opens the row (`rij_geopend`)."""

    rij_geopend = Signal(object)

    def __init__(self, kolommen: Sequence[Kolom[Any]], parent: QWidget | None = None, *,
                 sorteerbaar: bool = True) -> None:
        super().__init__(parent)
        self.bron: DataclassTableModel[Any] = DataclassTableModel(kolommen, parent=self)
        self.proxy = SorteerProxy(self)
        self.proxy.setSourceModel(self.bron)
        self.setModel(self.proxy)
        # Only the columns that show pills get the Python delegate; the others are painted by Qt's own, in C++,
        # without a call into Python per cell (painting a list cost 8 ms, issue 13).
        self._pil_delegate = PilDelegate(self)
        self._pil_kolommen: list[int] = []
        self.proxy.modelReset.connect(self._zet_delegates)
        self._zet_delegates()
        self._stappen = InStappen(self)
        self._rand: dict[int, int] = {}  # per column the cell's padding, measured once per filling
        self._generatie = 0
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.setSortingEnabled(sorteerbaar)
        # Keep the core's order (e.g. oldest risk first) until the user clicks a header.
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(34)
        kop = self.horizontalHeader()
        kop.setHighlightSections(False)
        kop.setStretchLastSection(False)
        kop.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        kop.setMinimumSectionSize(60)
        self.activated.connect(self._open)

    def zet_rijen(self, rijen: Sequence[Any]) -> None:
        nieuw = list(rijen)
        if getattr(self, "_gevuld", False) and nieuw == self.bron.rijen:
            return  # read again, nothing changed (a screen refreshing): no reset, no refit, the selection stays
        self._gevuld = True  # loaded: an empty list may now say so
        self.bron.zet_rijen(nieuw)
        self._rand = {}
        self._generatie += 1
        if len(nieuw) > self.EERST:
            # The rows on screen first are measured now; the rest of the sample in the next frames, a slice of rows
            # at a time, then the columns widen where a later row needs it.
            self.pas_kolommen_aan(list(range(self.EERST)))
            generatie = self._generatie
            proef = self._proef()[self.EERST:]
            for i in range(0, len(proef), self.EERST):
                deel = proef[i:i + self.EERST]
                self._stappen.voeg_toe(lambda deel=deel: self._lees_proef(generatie, deel))  # type: ignore[misc]
            self._stappen.voeg_toe(lambda: self._pas_verder_aan(generatie))
        else:
            self.pas_kolommen_aan()
        if rijen and not self.selectionModel().hasSelection():
            self.selectRow(0)

    def _lees_proef(self, generatie: int, rijen: list[int]) -> None:
        if generatie == self._generatie:  # no newer rows meanwhile
            for r in rijen:
                self.bron.cellen(r)  # computed once and kept: the fitting and the painting use them

    def _pas_verder_aan(self, generatie: int) -> None:
        if generatie == self._generatie:
            self.pas_kolommen_aan()

    def _zet_delegates(self) -> None:
        """The pill delegate on the columns with pills (again when the model's columns change)."""
        pil = [i for i, k in enumerate(self.bron.kolommen) if k.pil is not None]
        if pil == self._pil_kolommen:
            return
        for i in self._pil_kolommen:
            self.setItemDelegateForColumn(i, None)  # type: ignore[arg-type]
        for i in pil:
            self.setItemDelegateForColumn(i, self._pil_delegate)
        self._pil_kolommen = pil

    #: Rows measured for the column widths: all of a short list; of a long one the first rows and an even spread.
    PROEF = 200
    #: Of a longer list these first rows are measured before it is shown, the rest of the sample a frame later.
    EERST = 40

    def _proef(self) -> list[int]:
        n = len(self.bron.rijen)
        if n <= self.PROEF:
            return list(range(n))
        kop = self.PROEF // 2
        stap = (n - kop) / (self.PROEF - kop)
        return list(range(kop)) + [kop + int(i * stap) for i in range(self.PROEF - kop)]

    def _inhoud_breedtes(self, rijen: list[int] | None = None) -> dict[int, int]:
        """Content width per column from a sample of rows: the text as the model shows it, measured with the font
        (C++), and the cell's padding taken once per column from Qt's own size hint, instead of asking the
        delegate for every row."""
        rijen = self._proef() if rijen is None else rijen
        if not rijen:
            return {}
        fm = QFontMetrics(self.font())
        vet = QFont(self.font())
        vet.setWeight(QFont.Weight.DemiBold)
        fm_pil = QFontMetrics(vet)  # a pill's text is painted demibold (PilDelegate), wider than the cell's font
        uit: dict[int, int] = {}
        cellen = [self.bron.cellen(r) for r in rijen]  # the texts as painted later: computed once, kept
        for c in range(len(self.bron.kolommen)):
            # Each distinct text measured once (a column of dates or "ja"/"nee" has few); a pill adds its room.
            teksten = {(tekst[c], bool(pil[c])) for tekst, pil in cellen}
            breedste = max((fm.horizontalAdvance(t) for t, p in teksten if not p), default=0)
            # A pill is painted over the whole cell (6 px in, its text + 20, 8 px to spare), not in the padded text
            # area: its room is its own, without the cell's padding.
            pillen = max((fm_pil.horizontalAdvance(t) + 28 + 4 for t, p in teksten if p), default=0)
            rand = 16  # the cell padding of style.qss, when no row is shown to measure it on
            if c in self._rand:
                rand = self._rand[c]
            elif self.proxy.rowCount():
                eerste = self.proxy.index(0, c)
                tekst0 = str(eerste.data(Qt.ItemDataRole.DisplayRole) or "")
                pil0 = 28 if eerste.data(PIL_ROLE) else 0
                # Qt's size hint leaves out the padding of style.qss (0 8px), which painting does use: a column
                # at that width elided its widest text ("10-12-…", issue 16). So the sheet's padding comes on top.
                rand = max(self.sizeHintForIndex(eerste).width() - fm.horizontalAdvance(tekst0) - pil0, 0) + rand
                self._rand[c] = rand
            uit[c] = max(breedste + rand if breedste else 0, pillen)
        return uit

    def pas_kolommen_aan(self, rijen: list[int] | None = None) -> None:
        """Fit columns to their content (of the rows `rijen`, else the sample); the stretch column takes the rest,
        so nothing is clipped."""
        kop = self.horizontalHeader()
        self._natuurlijk: dict[int, int] = {}
        self._kop_breedte: dict[int, int] = {}
        self._rek_breedte: dict[int, int] = {}
        self._rek_ruimte = 0
        inhoud_breedte = self._inhoud_breedtes(rijen)
        for i, kol in enumerate(self.bron.kolommen):
            inhoud = inhoud_breedte.get(i, 0) + 2
            koptekst = kop.sectionSizeFromContents(i).width() + 4
            breedte = max(inhoud, koptekst, kol.min_breedte or 0)
            self._kop_breedte[i] = koptekst
            if kol.rek:
                kop.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
                # Room kept for the stretch column before fixed ones shrink: enough to read its start (its tooltip
                # shows the rest); 180 made Beheer's team names elide at 1366 px while this column mostly said "–".
                self._rek_ruimte += min(breedte, 140)
                self._rek_breedte[i] = min(breedte, 140)
                continue
            self._natuurlijk[i] = min(breedte, 360)
        self._verdeel()

    def _verdeel(self) -> None:
        """When the natural widths do not fit, shrink the widest fixed columns so the stretch column keeps room."""
        natuurlijk = getattr(self, "_natuurlijk", None)
        if not natuurlijk:
            return
        beschikbaar = self.viewport().width() - getattr(self, "_rek_ruimte", 0)
        breedtes = dict(natuurlijk)
        teveel = sum(breedtes.values()) - beschikbaar
        def ondergrens(i: int) -> int:
            # Never below the header text; content may elide (the tooltip or a wider window shows it all). A pill
            # never: "overschreden 10-1…" hid the date a planner distributes the work by.
            if self.bron.kolommen[i].pil is not None:
                return natuurlijk[i]
            return max(self._kop_breedte.get(i, 0), min(natuurlijk[i], max(self.bron.kolommen[i].min_breedte or 0, 110)))

        while teveel > 0:
            kandidaten = [i for i in breedtes if breedtes[i] > ondergrens(i)]
            if not kandidaten:
                break
            breedste = max(kandidaten, key=lambda i: breedtes[i])
            stap = min(teveel, breedtes[breedste] - ondergrens(breedste), 10)
            breedtes[breedste] -= stap
            teveel -= stap
        for i, w in breedtes.items():
            self.setColumnWidth(i, w)
        # What still does not fit: the stretch column keeps a readable width and the list scrolls sideways, instead
        # of Qt squeezing it to nothing (Financiën's first column showed "41 …" next to nine amounts).
        kop = self.horizontalHeader()
        rek = getattr(self, "_rek_breedte", {})
        over = max(self.viewport().width() - sum(breedtes.values()), 0) // max(len(rek), 1)
        for i, w in rek.items():
            modus = QHeaderView.ResizeMode.Stretch if teveel <= 0 else QHeaderView.ResizeMode.Interactive
            if kop.sectionResizeMode(i) != modus:
                kop.setSectionResizeMode(i, modus)
            if teveel > 0 and kop.sectionSize(i) != max(w, over):
                self.setColumnWidth(i, max(w, over))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(event)
        self._verdeel()

    def zet_leeg_tekst(self, tekst: str) -> None:
        """What an empty list says once loaded ("Nog geen relaties. ..."), drawn in the list itself."""
        self._leeg_tekst = tekst
        self.viewport().update()

    def paintEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        super().paintEvent(event)
        tekst = getattr(self, "_leeg_tekst", None)
        if tekst and getattr(self, "_gevuld", False) and self.proxy.rowCount() == 0:
            p = QPainter(self.viewport())
            p.setPen(QColor("#5b6675"))
            rand = self.viewport().rect().adjusted(24, 24, -24, -24)
            p.drawText(rand, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                       tekst)
            p.end()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        # While the rows are loading (or when there are none) the headers still get their full width, instead of
        # Qt's 100 px that cut "Productcategorie" to "Productcate".
        super().showEvent(event)
        if getattr(self, "_natuurlijk", None) is None:
            self.pas_kolommen_aan()

    def toon_opnieuw(self) -> None:
        """The texts depend on more than the row (another list's selection): computed again and repainted. The
        model keeps a row's texts once computed, so a bare repaint would show the old ones."""
        if self.bron.rijen:
            self.bron.dataChanged.emit(self.bron.index(0, 0),
                                       self.bron.index(len(self.bron.rijen) - 1, len(self.bron.kolommen) - 1))

    def rijen(self) -> list[Any]:
        """The rows in the order shown (after sorting and filtering)."""
        return [self.proxy.index(r, 0).data(ROW_ROLE) for r in range(self.proxy.rowCount())]

    def huidige_rij(self) -> Any | None:
        idx = self.currentIndex()
        if not idx.isValid():
            rows = self.selectionModel().selectedRows()
            if not rows:
                return None
            idx = rows[0]
        return idx.data(ROW_ROLE)

    def filter(self, tekst: str) -> None:
        self.proxy.setFilterFixedString(tekst)

    def _open(self, index: QModelIndex) -> None:
        obj = index.data(ROW_ROLE)
        if obj is not None:
            self.rij_geopend.emit(obj)
