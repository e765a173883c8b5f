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

import bisect
import contextlib
import datetime as dt
import operator
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import cmp_to_key, partial
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAccessible,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from consulent_app import formatting
from ui.widgets import PIL_ROLE, InStappen, PilDelegate, stappen_bezig

T = TypeVar("T")

ROW_ROLE = Qt.ItemDataRole.UserRole  # the row object itself (in column 0; Tabel.rij_bij for any cell)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # in the sorted column: the row's rank by its raw value (SorteerProxy)
ZOEK_ROLE = Qt.ItemDataRole.UserRole + 3  # in column 0: the row's shown texts, one a line, that a filter searches

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
    heel: bool = False  # never cut when the columns do not fit (an identifier such as a kenmerk), as a pill


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ROW = int(ROW_ROLE)
_PIL = int(PIL_ROLE)
_SORT = int(SORT_ROLE)
_ZOEK = int(ZOEK_ROLE)
_LINKS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RECHTS = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_HORIZONTAAL = Qt.Orientation.Horizontal
_TOOLTIP_EVENT = QEvent.Type.ToolTip


class DataclassTableModel(QStandardItemModel, Generic[T]):
    """The cells live in C++ (a QStandardItemModel), so painting a list calls no Python per cell (issue 13: the
    Python data() asked about eight roles per painted cell, 4 ms a list). A row's cells are filled when they are
    first needed: the first rows at once, the others when they come into view (Tabel.paintEvent), all of them before
    a filter looks at their texts (SorteerProxy); so a list of 5,000 rows opens as fast as one of 50 (issue 17).

    Per cell: the shown text, its alignment (right for `rechts`) and its pill kind (PIL_ROLE) where the column has
    them; the row object (ROW_ROLE) in column 0; in the column the list is sorted on, the row's rank by its raw value
    (SORT_ROLE), so the proxy sorts in C++ (a Python lessThan made two calls into Python per comparison: 50,000 for
    4,000 rows, each time a sorted list was read again); in column 0 the row's texts together (ZOEK_ROLE), which the
    proxy's filter searches in C++, filled for every row once a filter is on. A tooltip is computed when it is asked
    (Tabel.viewportEvent, `vul_tooltip`): some format two dates per row, more than the row's texts cost.

    `rijen`, `kolommen`, `cellen(row)` and `tekst(row, column)` are the Python side. A subclass or screen that changes
    `kolommen` does so inside beginResetModel/endResetModel, as for the rows; one that changes a row object in place
    announces it with dataChanged (no roles, or DisplayRole): the cells of those rows are computed and filled anew."""

    #: Rows filled at once when the rows are set (the rest when shown): a screenful and more. Tabel sets `vooraf` to
    #: the rows it measures first for the column widths (Tabel.EERST, or what is on screen), so their texts are
    #: computed once for both.
    VOORAF = 40

    def __init__(self, kolommen: Sequence[Kolom[T]], rijen: Sequence[T] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        proto = QStandardItem()
        proto.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)  # read-only, as before
        self.setItemPrototype(proto)
        self.kolommen = list(kolommen)
        self.rijen: list[T] = list(rijen)
        self._cellen: dict[int, tuple[list[str], list[str | None]]] = {}
        self._gevuld = bytearray()  # per row: 1 when its cells are in the model
        self.ontbrekend = 0  # rows whose cells are not in the model yet
        self._sleutels: dict[int, list[Any]] = {}  # per column the sort keys of all rows (SorteerProxy)
        #: Set by SorteerProxy while a filter is on: every row's texts are then needed (ZOEK_ROLE).
        self.alles_nodig = False
        self.vooraf = self.VOORAF
        #: The column the list is sorted on (SorteerProxy.sort), -1: the core's order.
        self.sorteer_kolom = -1
        # Connected before any view or proxy: a row changed in place is filled anew before they ask for it again.
        self.dataChanged.connect(self._gewijzigd)
        self.rowsRemoved.connect(self._rijen_weg)
        self.rowsInserted.connect(self._rijen_erbij)
        self._weg: tuple[int, int] | None = None
        self._erbij: tuple[int, list[T]] | None = None
        self._vul_opnieuw()

    # --- the Python side --------------------------------------------------------------------------------------------

    def zet_rijen(self, rijen: Sequence[T]) -> None:
        self.beginResetModel()
        self.rijen = list(rijen)
        self.endResetModel()

    def endResetModel(self) -> None:  # noqa: N802 - Qt name
        """The rows or columns were replaced (zet_rijen, or a screen that set `kolommen`): the cells anew."""
        self._vul_opnieuw()
        super().endResetModel()

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

    def sorteer_sleutels(self, column: int) -> list[Any]:
        """The raw value (or the column's sort key) of every row in this column, computed once per filling."""
        uit = self._sleutels.get(column)
        if uit is None:
            kol = self.kolommen[column]
            fn = kol.sorteer or kol.waarde
            uit = self._sleutels[column] = [fn(r) for r in self.rijen]
        return uit

    # --- filling the C++ cells --------------------------------------------------------------------------------------

    def _vul_opnieuw(self) -> None:
        n, c = len(self.rijen), len(self.kolommen)
        self._cellen = {}
        self._sleutels = {}
        self._rechts = [i for i, k in enumerate(self.kolommen) if k.rechts]
        self._pillen = [i for i, k in enumerate(self.kolommen) if k.pil is not None]
        self._tips = {i: k.tooltip for i, k in enumerate(self.kolommen) if k.tooltip is not None}
        self._tips_gezet: set[tuple[int, int]] = set()
        self._kolom_gevuld: set[int] = set()
        oud = self.blockSignals(True)  # inside a reset (or before any view): nobody needs the single changes
        try:
            self.setRowCount(0)
            self.setColumnCount(c)
            for i, k in enumerate(self.kolommen):
                self.setHeaderData(i, _HORIZONTAAL, k.titel)
                self.setHeaderData(i, _HORIZONTAAL, _RECHTS if k.rechts else _LINKS, _ALIGN)
            self.setRowCount(n)
            self._gevuld = bytearray(n)
            self._zoekbaar = bytearray(n)  # per row: 1 when its texts are in under ZOEK_ROLE
            self._object_gezet = bytearray(n)  # per row not filled: 1 when its row object is in (vul_rij_objecten)
            self.ontbrekend = n
            self._vul(range(min(n, self.vooraf)))
            if self.alles_nodig:
                self._vul_zoekteksten()
            self._zet_rangen()
        finally:
            self.blockSignals(oud)

    def _zet_rangen(self) -> None:
        """The rank of every row by its raw value in the sorted column (empty values last, texts case-insensitive,
        mixed types compared as text), equal values equal ranks so Qt's stable sort keeps the core's order among
        them. The caller blocks the signals."""
        c = self.sorteer_kolom
        if not 0 <= c < len(self.kolommen) or not self.rijen:
            return
        sleutels = self.sorteer_sleutels(c)
        self._vormen: list[Any] | None = None
        self._nummers: list[float] = []
        try:
            # as _vorm says, inline: no Python call per row
            vorm: list[Any] = [(1, 0) if v is None or v == "" else (0, v.casefold() if isinstance(v, str) else v)
                               for v in sleutels]
            volgorde = sorted(range(len(vorm)), key=vorm.__getitem__)
        except TypeError:  # values that do not compare with each other: compared as before, one pair at a time
            def cmp(a: int, b: int) -> int:
                return -1 if _vergelijk(sleutels[a], sleutels[b]) else (1 if _vergelijk(sleutels[b], sleutels[a]) else 0)

            volgorde = sorted(range(len(sleutels)), key=cmp_to_key(cmp))
            rangen, rang = [0] * len(sleutels), 0  # equal as cmp says, for the ranks below
            for a, b in zip(volgorde, volgorde[1:], strict=False):
                rang += cmp(a, b) != 0
                rangen[b] = rang
            vorm = rangen
        else:
            self._vormen = []  # the distinct values in order and their ranks: a changed row is ranked among them
        zet = partial(QStandardItemModel.setData, self)
        idx = partial(QStandardItemModel.index, self)
        vormen, nummers = self._vormen, self._nummers
        rang, vorige = -1.0, object()
        for r in volgorde:
            v = vorm[r]
            if v != vorige:
                rang += 1.0
                vorige = v
                if vormen is not None:
                    vormen.append(v)
                    nummers.append(rang)
            zet(idx(r, c), rang, _SORT)  # a float, as the ranks given to changed rows in between (_rang_bij)

    def _rang_bij(self, rijen: Iterable[int]) -> bool:
        """The ranks of these (changed or new) rows among the others, without ranking every row again: a value the
        list has gets its rank, a new one a rank between its neighbours'. False when that cannot be (values that do
        not compare): then the caller ranks every row (_zet_rangen). The caller blocks the signals."""
        c = self.sorteer_kolom
        if not 0 <= c < len(self.kolommen):
            return True
        vormen = getattr(self, "_vormen", None)
        if vormen is None:
            return False
        nummers, sleutels = self._nummers, self.sorteer_sleutels(c)
        zet = partial(QStandardItemModel.setData, self)
        idx = partial(QStandardItemModel.index, self)
        try:
            for r in rijen:
                v = _vorm(sleutels[r])
                i = bisect.bisect_left(vormen, v)
                if i < len(vormen) and vormen[i] == v:
                    rang = nummers[i]
                else:
                    onder = nummers[i - 1] if i > 0 else (nummers[0] - 2.0 if nummers else 0.0)
                    boven = nummers[i] if i < len(nummers) else onder + 2.0
                    rang = (onder + boven) / 2
                    if not onder < rang < boven:  # no float left in between: rank them all anew
                        return False
                    vormen.insert(i, v)
                    nummers.insert(i, rang)
                zet(idx(r, c), rang, _SORT)
        except TypeError:
            return False
        return True

    def sorteer_op(self, column: int) -> None:
        """The list is sorted on `column` now (-1: not): its rows' ranks into the model, before the proxy sorts."""
        self.sorteer_kolom = column
        oud = self.blockSignals(True)
        try:
            self._zet_rangen()
        finally:
            self.blockSignals(oud)

    def _vul(self, rijen: Iterable[int]) -> None:
        """Put the cells of these rows (those not yet in) into the model; the caller blocks the signals."""
        gevuld = self._gevuld
        # Qt's own setData, also under a subclass whose setData edits something else (Verzendlijst's check boxes)
        zet = partial(QStandardItemModel.setData, self)
        idx = partial(QStandardItemModel.index, self)
        rechts, pillen = self._rechts, self._pillen
        nieuw: list[int] = []
        for r in rijen:
            if gevuld[r]:
                continue
            teksten, pil = self.cellen(r)
            for c, t in enumerate(teksten):
                zet(idx(r, c), t)
            for c in rechts:
                zet(idx(r, c), _RECHTS, _ALIGN)
            for c in pillen:
                zet(idx(r, c), pil[c], _PIL)
            if teksten:
                zet(idx(r, 0), self.rijen[r], _ROW)
                zet(idx(r, 0), "\n".join(teksten), _ZOEK)
                self._zoekbaar[r] = 1
            gevuld[r] = 1
            nieuw.append(r)
        self.ontbrekend -= len(nieuw)
        if nieuw:
            self.na_vullen(nieuw)

    def na_vullen(self, rijen: list[int]) -> None:
        """For a subclass with cells of its own (Verzendlijst's check boxes): these rows' cells just went into the
        model (each row once per filling). Called with the signals blocked; nothing to announce."""

    def is_gevuld(self, row: int) -> bool:
        """Whether row `row`'s cells are in the model (a row not filled is filled, with `na_vullen`, when shown)."""
        return bool(self._gevuld[row])

    def gevulde(self, rijen: Iterable[int]) -> list[int]:
        """Those of these rows whose cells are in the model."""
        gevuld = self._gevuld
        return [r for r in rijen if gevuld[r]]

    @contextlib.contextmanager
    def stil(self) -> Iterator[None]:
        """The model's signals blocked for changes nobody needs to hear one by one (the caller announces them)."""
        oud = self.blockSignals(True)
        try:
            yield
        finally:
            self.blockSignals(oud)

    def vul(self, rijen: Iterable[int]) -> None:
        """These rows' cells in the model now (they are about to be shown or read). Not announced: what the model
        holds for a row does not change by filling it (a row not filled is not shown, and while a filter is on every
        row is filled), so the views have nothing to redo; a paint that fills its rows first paints them once."""
        if not self.ontbrekend:
            return
        oud = self.blockSignals(True)
        try:
            self._vul(rijen)
        finally:
            self.blockSignals(oud)

    def vul_tooltip(self, row: int, column: int) -> None:
        """The tooltip of this cell into the model (before Qt shows it), when its column has one."""
        fn = self._tips.get(column)
        if fn is None or (row, column) in self._tips_gezet or not 0 <= row < len(self.rijen):
            return
        oud = self.blockSignals(True)
        try:
            QStandardItemModel.setData(self, QStandardItemModel.index(self, row, column), fn(self.rijen[row]), _TOOLTIP)
        finally:
            self.blockSignals(oud)
        self._tips_gezet.add((row, column))

    def tooltip(self, row: int, column: int) -> str | None:
        """The tooltip of a cell, as shown."""
        self.vul_tooltip(row, column)
        return QStandardItemModel.data(self, QStandardItemModel.index(self, row, column), _TOOLTIP)  # type: ignore[no-any-return]

    def vul_rij_objecten(self, rijen: Iterable[int]) -> None:
        """The row objects (ROW_ROLE, column 0) of these rows, also when their cells are not in yet: a screen reads
        them from the chosen rows (selectedRows), and Ctrl+A chooses rows never shown."""
        if not self.ontbrekend or not self.kolommen:
            return
        gevuld, gezet, obj = self._gevuld, self._object_gezet, self.rijen
        zet = partial(QStandardItemModel.setData, self)
        idx = partial(QStandardItemModel.index, self)
        oud = self.blockSignals(True)
        try:
            for r in rijen:
                if not gevuld[r] and not gezet[r]:
                    zet(idx(r, 0), obj[r], _ROW)
                    gezet[r] = 1
        finally:
            self.blockSignals(oud)

    def vul_kolom(self, column: int) -> None:
        """The texts of one column in every row (a type-ahead search reads them), without the rest of the rows."""
        if not self.ontbrekend or not 0 <= column < len(self.kolommen) or column in self._kolom_gevuld:
            return
        kol, gevuld, rijen = self.kolommen[column], self._gevuld, self.rijen
        zet = partial(QStandardItemModel.setData, self)
        idx = partial(QStandardItemModel.index, self)
        oud = self.blockSignals(True)
        try:
            for r in range(len(rijen)):
                if not gevuld[r]:
                    tekst = self._cellen[r][0][column] if r in self._cellen else kol.tekst(kol.waarde(rijen[r]))
                    zet(idx(r, column), tekst)
        finally:
            self.blockSignals(oud)
        self._kolom_gevuld.add(column)

    def _vul_zoekteksten(self, einde: float | None = None) -> bool:
        """Every row's texts under ZOEK_ROLE (a filter is on), or those until `einde` (time.perf_counter; True while
        rows remain); the caller blocks the signals. One cell a row, and a row's texts not kept in Python: the first
        letter of a filter in a list of 4,000 rows cost 190 ms filling every cell."""
        zoekbaar, rijen, kolommen, cache = self._zoekbaar, self.rijen, self.kolommen, self._cellen
        if not kolommen:
            return False
        begin = zoekbaar.find(0)  # in C: a list made searchable before (Tabel does it when idle) costs nothing here
        if begin < 0:
            return False
        zet = partial(QStandardItemModel.setData, self)
        idx = partial(QStandardItemModel.index, self)
        for r in range(begin, len(rijen)):
            if not zoekbaar[r]:
                if r in cache:
                    teksten = cache[r][0]
                else:
                    obj = rijen[r]
                    teksten = [k.tekst(k.waarde(obj)) for k in kolommen]
                zet(idx(r, 0), "\n".join(teksten), _ZOEK)
                zoekbaar[r] = 1
                if einde is not None and r % 16 == 0 and time.perf_counter() >= einde:
                    return zoekbaar.find(0, r) >= 0
        return False

    def zoek_stuk(self, budget_s: float, *, melden: bool = False) -> bool:
        """The search texts of the rows without them, for about `budget_s` seconds (Tabel, while the window is idle:
        a filter's first letter then searches in C++ at once); True while rows remain. `melden`: announced
        (dataChanged under ZOEK_ROLE, for the rows from the first one made searchable to the last), so a filter that
        is on looks at them again (rows without their texts do not match it; SorteerProxy)."""
        begin = self._zoekbaar.find(0)
        if begin < 0:
            return False
        oud = self.blockSignals(True)
        try:
            meer = self._vul_zoekteksten(time.perf_counter() + budget_s)
        finally:
            self.blockSignals(oud)
        if melden:
            eind = self._zoekbaar.find(0, begin) - 1 if meer else len(self.rijen) - 1
            if eind >= begin:
                self.dataChanged.emit(self.index(begin, 0), self.index(eind, 0), [_ZOEK])
        return meer

    def niet_zoekbaar(self) -> bool:
        """Whether some rows' texts are not in the model for a filter yet."""
        return bool(self.kolommen) and self._zoekbaar.find(0) >= 0

    def zoekbaar_maken(self) -> None:
        """Every row's texts in the model for a filter (SorteerProxy, while a filter is on)."""
        oud = self.blockSignals(True)
        try:
            self._vul_zoekteksten()
        finally:
            self.blockSignals(oud)

    def vul_stuk(self, budget_s: float) -> bool:
        """The cells of the rows not yet in, in the source order, for about `budget_s` seconds (a turn of the event
        loop while the window is idle: Tabel); True while rows remain."""
        gevuld = self._gevuld
        r = gevuld.find(0)
        if r < 0:
            return False
        einde = time.perf_counter() + budget_s
        n = len(gevuld)
        oud = self.blockSignals(True)
        try:
            while r >= 0:
                stuk = []
                while r >= 0 and len(stuk) < 16:
                    stuk.append(r)
                    r = gevuld.find(0, r + 1) if r + 1 < n else -1
                self._vul(stuk)
                if time.perf_counter() >= einde:
                    break
        finally:
            self.blockSignals(oud)
        return self.ontbrekend > 0

    def vul_alles(self) -> None:
        """Every row's cells in the model (a filter or a type-ahead search reads them all)."""
        if self.ontbrekend:
            self.vul(range(len(self.rijen)))

    def _gewijzigd(self, links: QModelIndex, rechts: QModelIndex, rollen: Sequence[int] = ()) -> None:
        """Rows changed in place (toon_opnieuw, a screen that replaced a row object): computed and filled anew."""
        if rollen and _DISPLAY not in [int(r) for r in rollen]:
            return
        boven, onder = max(links.row(), 0), min(rechts.row(), len(self.rijen) - 1)
        if onder < boven:
            return
        deel = onder - boven < self.BIJWERKEN  # a few rows: their keys and ranks alone, not every row's again
        if deel:
            for c, lijst in self._sleutels.items():
                kol = self.kolommen[c]
                fn = kol.sorteer or kol.waarde
                for r in range(boven, onder + 1):
                    lijst[r] = fn(self.rijen[r])
        else:
            self._sleutels = {}
        self._kolom_gevuld = set()  # a row not filled may hold a column's old text: a type-ahead fills it anew
        if self._tips_gezet:
            self._tips_gezet = {(r, c) for r, c in self._tips_gezet if not boven <= r <= onder}
        opnieuw = []
        for r in range(boven, onder + 1):
            self._cellen.pop(r, None)
            self._zoekbaar[r] = 0
            if self._object_gezet[r]:  # chosen, not yet shown: its (new) row object in again, with the cells
                self._object_gezet[r] = 0
                if not self._gevuld[r]:
                    opnieuw.append(r)
            if self._gevuld[r]:  # filled before, maybe on screen: filled anew now; the others when they are shown
                self._gevuld[r] = 0
                self.ontbrekend += 1
                opnieuw.append(r)
        oud = self.blockSignals(True)
        try:
            self._vul(opnieuw)
            if self.alles_nodig:
                self._vul_zoekteksten()
            # before the proxy (connected after this model's own slot) sorts the changed rows
            if not (deel and self._rang_bij(range(boven, onder + 1))):
                self._zet_rangen()
        finally:
            self.blockSignals(oud)

    # --- rows read again: only what changed -------------------------------------------------------------------------

    #: At most this many rows changed, came or went: the model changes only those (the selection, the sort and the
    #: scroll position stay); more: the rows are put in anew (zet_rijen).
    BIJWERKEN = 100

    def werk_bij(self, nieuw: Sequence[T]) -> bool:
        """The rows read again (a refresh, F5): the rows both lists begin and end with stay, those between are
        changed in place, removed or inserted, so the views keep their selection and sort and only the changed rows
        are computed, filled and ranked. False (nothing done) when more than BIJWERKEN rows differ or either list
        is empty: then the caller puts the rows in anew."""
        oud, nieuw = self.rijen, list(nieuw)
        n_oud, n_nieuw = len(oud), len(nieuw)
        if not n_oud or not n_nieuw:
            return False
        m = min(n_oud, n_nieuw)
        va, vb = _velden(oud), _velden(nieuw)
        if va is None or vb is None:
            va, vb = oud, nieuw  # compared as they compare themselves
        begin = 0
        while begin < m and va[begin] == vb[begin]:
            begin += 1
        eind = 0
        while eind < m - begin and va[n_oud - 1 - eind] == vb[n_nieuw - 1 - eind]:
            eind += 1
        weg, erbij = n_oud - begin - eind, n_nieuw - begin - eind
        if max(weg, erbij) > self.BIJWERKEN:
            return False
        zelfde = min(weg, erbij)
        if zelfde:  # changed in place: recomputed, filled and ranked anew by _gewijzigd
            oud[begin:begin + zelfde] = nieuw[begin:begin + zelfde]
            self.dataChanged.emit(self.index(begin, 0), self.index(begin + zelfde - 1, len(self.kolommen) - 1))
        plek = begin + zelfde
        if weg > zelfde:
            self._weg = (plek, weg - zelfde)
            self.removeRows(plek, weg - zelfde)  # the Python side in _rijen_weg, before the proxy and views hear it
        if erbij > zelfde:
            self._erbij = (plek, nieuw[plek:plek + erbij - zelfde])
            self.insertRows(plek, erbij - zelfde)  # filled in _rijen_erbij, before the proxy sorts and filters them
        self.veranderd = list(range(begin, plek + max(erbij - zelfde, 0)))
        return True

    def _rijen_weg(self, _ouder: QModelIndex, eerste: int, laatste: int) -> None:
        if getattr(self, "_weg", None) is None:
            return
        plek, n = self._weg
        self._weg = None
        assert (eerste, laatste) == (plek, plek + n - 1)
        einde = plek + n
        self.ontbrekend -= n - sum(self._gevuld[plek:einde])
        del self.rijen[plek:einde]
        for lijst in (self._gevuld, self._zoekbaar, self._object_gezet):
            del lijst[plek:einde]
        for lijst in self._sleutels.values():
            del lijst[plek:einde]
        self._cellen = {(r - n if r >= einde else r): v for r, v in self._cellen.items() if not plek <= r < einde}
        self._tips_gezet = {(r - n if r >= einde else r, c) for r, c in self._tips_gezet if not plek <= r < einde}

    def _rijen_erbij(self, _ouder: QModelIndex, eerste: int, laatste: int) -> None:
        if getattr(self, "_erbij", None) is None:
            return
        plek, rijen = self._erbij
        self._erbij = None
        n = len(rijen)
        assert (eerste, laatste) == (plek, plek + n - 1)
        self.rijen[plek:plek] = rijen
        for lijst in (self._gevuld, self._zoekbaar, self._object_gezet):
            lijst[plek:plek] = bytes(n)
        for c, lijst in self._sleutels.items():
            kol = self.kolommen[c]
            fn = kol.sorteer or kol.waarde
            lijst[plek:plek] = [fn(r) for r in rijen]
        self._cellen = {(r + n if r >= plek else r): v for r, v in self._cellen.items()}
        self._tips_gezet = {(r + n if r >= plek else r, c) for r, c in self._tips_gezet}
        self.ontbrekend += n
        oud = self.blockSignals(True)
        try:
            self._vul(range(plek, plek + n))
            if not self._rang_bij(range(plek, plek + n)):
                self._zet_rangen()
        finally:
            self.blockSignals(oud)


def _vorm(v: Any) -> tuple[int, Any]:
    """How a sort key is ranked: empty values last, texts case-insensitive."""
    return (1, 0) if v is None or v == "" else (0, v.casefold() if isinstance(v, str) else v)


def _zelfde_rij(a: Any, b: Any) -> bool:
    """a == b, for a dataclass without slots by its fields' dict (compared in C: a dataclass's own __eq__ builds two
    tuples in Python, 46 ms for a list of 4,345 rows read again)."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    try:
        return bool(a.__dict__ == b.__dict__)
    except AttributeError:
        return bool(a == b)


def _velden(rijen: Sequence[Any]) -> list[Any] | None:
    """Each row's type and fields (its dict), for comparing whole lists in C; None for rows without a dict."""
    try:
        return [(type(r), r.__dict__) for r in rijen]
    except AttributeError:
        return None


def _zelfde_rijen(a: Sequence[Any], b: Sequence[Any]) -> bool:
    """Two lists of rows equal (as _zelfde_rij): compared in C, not a Python call per row (17 -> 3 ms for 4,345)."""
    if len(a) != len(b):
        return False
    if all(map(operator.is_, a, b)):  # the same objects (a screen that kept what it read before): in C, at once
        return True
    va, vb = _velden(a), _velden(b)
    if va is None or vb is None:
        return all(map(_zelfde_rij, a, b))
    return va == vb


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
    """Sorts on the raw values (dates as dates): the source puts each row's rank in the sorted column and Qt sorts on
    it in C++; filters on the shown text, case-insensitive, in C++ too: on column 0's ZOEK_ROLE, each row's texts
    together, which the source puts in for every row while a filter is on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(0)
        self.setFilterRole(ZOEK_ROLE)
        self.setSortRole(SORT_ROLE)
        self._bron: DataclassTableModel[Any] | None = None

    def setSourceModel(self, model: Any) -> None:  # noqa: N802 - Qt name
        self._bron = model if isinstance(model, DataclassTableModel) else None
        if self._bron is not None:
            self._bron.alles_nodig = bool(self.filterRegularExpression().pattern())
            if self._bron.alles_nodig:
                self._bron.zoekbaar_maken()
        super().setSourceModel(model)

    #: Set by Tabel: a filter set on a long list whose rows are not all searchable yet makes them searchable for
    #: this long in its own turn, filters what is searchable, and `verder()` makes the rest searchable in the turns
    #: after, a slice a turn, each slice looked at by the filter as it comes (the first letter typed within a few
    #: tenths of a second of a list of 4,345 rows appearing made all of them searchable first: 22-57 ms, issue 13).
    #: None: every row at once. The slice in the turn of the filter itself is short: that turn also filters and
    #: lays out the list anew.
    EERSTE_STUK_S = 0.001
    verder: Callable[[], None] | None = None

    def setFilterFixedString(self, tekst: str) -> None:  # noqa: N802 - Qt name
        if self._bron is not None:
            self._bron.alles_nodig = bool(tekst)
            if tekst and self.verder is None:
                self._bron.zoekbaar_maken()
            elif tekst and self._bron.zoek_stuk(self.EERSTE_STUK_S):
                self.verder()
        super().setFilterFixedString(tekst)
        self._vul_boven()

    def _vul_boven(self) -> None:
        """The rows now on top into the model, for who reads them before a paint (sorted or filtered anew)."""
        if self._bron is not None and self._bron.ontbrekend:
            n = min(self.rowCount(), self._bron.vooraf)
            self._bron.vul([self.mapToSource(self.index(r, 0)).row() for r in range(n)])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._bron is not None:
            self._bron.sorteer_op(column)
        super().sort(column, order)
        if column >= 0:
            self._vul_boven()



class Tabel(QTableView):
    """A read-only list: whole rows selected, sortable, Enter or double-click opens the row (`rij_geopend`)."""

    rij_geopend = Signal(object)
    #: A filter set while not every row was searchable has now looked at every row (its count is final).
    gefilterd = Signal()

    def __init__(self, kolommen: Sequence[Kolom[Any]], parent: QWidget | None = None, *,
                 sorteerbaar: bool = True, model: type[DataclassTableModel[Any]] | None = None) -> None:
        super().__init__(parent)
        # `model`: a subclass with cells of its own (Verzendlijst's check boxes), made here instead of a model that
        # is replaced at once.
        self.bron: DataclassTableModel[Any] = (model or DataclassTableModel)(kolommen, parent=self)
        self.proxy = SorteerProxy(self)
        self.proxy.setSourceModel(self.bron)
        self.proxy.verder = self._zoek_verder
        self.setModel(self.proxy)
        # Only the columns that show pills get the Python delegate; the others are painted by Qt's own, in C++,
        # without a call into Python per cell (painting a list cost 8 ms, issue 13).
        self._pil_delegate = PilDelegate(self)
        self._pil_kolommen: list[int] = []
        self.proxy.modelReset.connect(self._zet_delegates)
        self._zet_delegates()
        self.selectionModel().selectionChanged.connect(self._gekozen_erin)
        self._stappen = InStappen(self)
        self._rand: dict[int, int] = {}  # per column the cell's padding, measured once per filling
        self._generatie = 0
        self._gemeten: list[Kolom[Any]] = []  # the columns the widths were fitted for (pas_kolommen_aan)
        # The rows never shown go into the model a slice per turn once the window is idle (_vul_stil): a screen
        # reader (QAccessible) reads their cells, and a filter's first letter or Ctrl+End need not fill them first.
        self._vul_timer: QTimer | None = None  # made for the first long list (a Tabel is made in ~1 ms: less is more)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        # Keep the core's order (e.g. oldest risk first) until the user clicks a header. Set before sorting is on:
        # the other way round the empty list was sorted on its first column and then back (three sorts, not one).
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(sorteerbaar)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(34)
        kop = self.horizontalHeader()
        kop.setHighlightSections(False)
        kop.setStretchLastSection(False)
        kop.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        kop.setMinimumSectionSize(60)
        kop.sortIndicatorChanged.connect(self._gesorteerd)
        self.activated.connect(self._open)

    def zet_rijen(self, rijen: Sequence[Any]) -> None:
        nieuw = list(rijen)
        # The same columns as at the last fit (Toewijzing changes them for pgb): only then may the rows stay.
        gevuld = getattr(self, "_gevuld", False) and len(self._gemeten) == len(self.bron.kolommen) \
            and all(map(operator.is_, self._gemeten, self.bron.kolommen))
        if gevuld and _zelfde_rijen(nieuw, self.bron.rijen):
            return  # read again, nothing changed (a screen refreshing): no reset, no refit, the selection stays
        if gevuld and type(self.bron).zet_rijen is DataclassTableModel.zet_rijen \
                and self.proxy.sourceModel() is self.bron and self.bron.werk_bij(nieuw):
            # Read again with a few rows changed, come or gone: only those change in the model; the selection, the
            # sort and the scroll position stay, and the columns widen where a changed row needs it.
            self._breder_voor(self.bron.veranderd)
            if not self.selectionModel().hasSelection():
                self.selectRow(0)
            self._vul_later()
            return
        self._gevuld = True  # loaded: an empty list may now say so
        # A short list is measured and put in the model whole; of a longer one the rows on screen now.
        eerst = len(nieuw) if len(nieuw) <= self.EERST else self._op_scherm()
        self.bron.vooraf = eerst
        self.bron.zet_rijen(nieuw)
        if self.proxy.sortColumn() >= 0 and self.bron.rijen:  # sorted: the rows on top are others than the first
            self._vul_zichtbaar(0, min(len(nieuw), eerst) - 1)
        self._rand = {}
        self._generatie += 1
        self._meet_bij_tonen = False
        if len(nieuw) > self.EERST:
            if self.isVisible():
                self._meet_lang(eerst)
            else:  # a list on a tab not shown: measured when it is shown (showEvent), not in the turn it is filled
                self._meet_bij_tonen = True
                self._gemeten = list(self.bron.kolommen)  # for these columns: rows read again may stay (F5)
        else:
            self.pas_kolommen_aan()
        if rijen and not self.selectionModel().hasSelection():
            self.selectRow(0)
        # The view lays its rows out now, not from a timer after the first paint: that repainted the whole list a
        # second time (3 ms) a few milliseconds after it was shown.
        self.executeDelayedItemsLayout()
        self._vul_later()

    def _meet_lang(self, eerst: int) -> None:
        """The column widths of a long list: the rows on screen first are measured now; the rest of the sample in
        the next frames, a slice of rows at a time, then the columns widen where a later row needs it."""
        self.pas_kolommen_aan(list(range(min(eerst, len(self.bron.rijen)))))
        generatie = self._generatie
        proef = self._proef()[eerst:]
        for i in range(0, len(proef), self.EERST):
            deel = proef[i:i + self.EERST]
            self._stappen.voeg_toe(lambda deel=deel: self._lees_proef(generatie, deel))  # type: ignore[misc]
        # The refit in a turn of its own, the list's repaint with it: after the sample's last slice the refit and
        # the paint came on top of it (Termijnen's longest turn, 11 ms).
        self._stappen.voeg_toe(lambda: self._pas_verder_aan(generatie))
        # This turn ends with the filling (and is painted); the sample's slices start in the next.
        InStappen.beurt_vol()

    #: How long the window is idle before the rows never shown are filled, and the time a turn spends on them.
    STIL_MS = 100
    STUK_S = 0.003

    def _maak_vul_timer(self) -> QTimer:
        if self._vul_timer is None:
            self._vul_timer = QTimer(self)
            self._vul_timer.setSingleShot(True)
            self._vul_timer.timeout.connect(self._vul_stil)
        return self._vul_timer

    def _vul_later(self) -> None:
        if self.bron.ontbrekend and (QAccessible.isActive() or self.bron.niet_zoekbaar()):
            self._maak_vul_timer().start(self.STIL_MS)

    #: A filter is on and rows are still being made searchable for it, in steps (_zoek_verder).
    _zoekt = False

    def _zoek_verder(self) -> None:
        """A filter was set on rows not all searchable (SorteerProxy.verder): the rest a slice a turn, as steps
        (ui.widgets.InStappen: from the next turn on, idle or not, and waited for by ui.ops.wacht_op_alles: what the
        filter shows is not complete until then); `gefilterd` when the filter has looked at every row."""
        if not self._zoekt:
            self._zoekt = True
            self._stappen.voeg_toe(self._zoek_stuk)

    def _zoek_stuk(self) -> None:
        if self.bron.alles_nodig and self.proxy.sourceModel() is self.bron:
            meer = self.bron.zoek_stuk(self.STUK_S, melden=True)
            self.proxy._vul_boven()  # the rows now on top, for who reads them before a paint (as after a filter)
            if meer:
                self._stappen.voeg_toe(self._zoek_stuk)
                InStappen.beurt_vol()
                return
        self._zoekt = False
        self.gefilterd.emit()

    def _vul_stil(self) -> None:
        """A slice of the rows not yet in the model, when nothing else waits (a screen built in steps, a read in the
        background: they hold the GUI thread or Python's lock), then the next slice in the next turn."""
        if not self.bron.ontbrekend or not self.isVisible() or self.proxy.sourceModel() is not self.bron \
                or not isinstance(self.bron, DataclassTableModel):
            return  # not on screen: again when shown (showEvent)
        from ui.ops import achtergrond_bezig

        assert self._vul_timer is not None
        if stappen_bezig() or achtergrond_bezig() or QThreadPool.globalInstance().activeThreadCount():
            self._vul_timer.start(self.STIL_MS)
        elif QAccessible.isActive():
            # A screen reader is on: every cell, so it reads the rows never shown (a QStandardItem a cell: 9.5 MiB
            # for PO-planning's 4,345 rows, so only then).
            if self.bron.vul_stuk(self.STUK_S):
                self._vul_timer.start(0)
        elif self.bron.zoek_stuk(self.STUK_S, melden=self.bron.alles_nodig):  # else each row's search text: a cell
            self._vul_timer.start(0)

    def _breder_voor(self, rijen: list[int]) -> None:
        """Columns widened where these rows' texts need more room (never narrowed: the list does not jump)."""
        natuurlijk = getattr(self, "_natuurlijk", None)
        if not rijen or natuurlijk is None:
            return
        breder = False
        for i, w in self._inhoud_breedtes(rijen).items():
            if i in natuurlijk and min(w + 2, 360) > natuurlijk[i]:
                natuurlijk[i] = min(w + 2, 360)
                breder = True
        if breder:
            self._verdeel()

    def _lees_proef(self, generatie: int, rijen: list[int]) -> None:
        if generatie == self._generatie:  # no newer rows meanwhile
            for r in rijen:
                self.bron.cellen(r)  # computed once and kept: the fitting and the painting use them
            InStappen.beurt_vol()  # a slice a turn: a paint waiting for the turn's end comes on top of one, not four

    def _pas_verder_aan(self, generatie: int) -> None:
        if generatie == self._generatie:
            self.pas_kolommen_aan()
            InStappen.beurt_vol()

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

    def _op_scherm(self) -> int:
        """How many rows fit on screen (and two more); EERST while the list is not laid out yet."""
        rij = self.verticalHeader().defaultSectionSize()
        hoogte = self.viewport().height()
        if not self.isVisible() or hoogte < 3 * rij:
            return self.EERST
        return min(hoogte // rij + 2, self.EERST)

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
        self._gemeten = list(self.bron.kolommen)
        self._natuurlijk: dict[int, int] = {}
        self._kop_breedte: dict[int, int] = {}
        self._inhoud: dict[int, int] = {}
        self._rek_breedte: dict[int, int] = {}
        self._rek_ruimte = 0
        inhoud_breedte = self._inhoud_breedtes(rijen)
        for i, kol in enumerate(self.bron.kolommen):
            inhoud = inhoud_breedte.get(i, 0) + 2
            koptekst = kop.sectionSizeFromContents(i).width() + 4
            breedte = max(inhoud, koptekst, kol.min_breedte or 0)
            self._kop_breedte[i] = koptekst
            self._inhoud[i] = inhoud
            if kol.rek:
                if kop.sectionResizeMode(i) != QHeaderView.ResizeMode.Stretch:  # set again, the header is laid out
                    kop.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)  # and the list repainted anew
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
        if not natuurlijk or len(self._gemeten) != len(self.bron.kolommen):
            return  # fitted for other columns: fitted anew when the rows come (zet_rijen)
        beschikbaar = self.viewport().width() - getattr(self, "_rek_ruimte", 0)
        kop = self.horizontalHeader()
        # The header makes a column at least this wide (setMinimumSectionSize) whatever is asked: counted so.
        minimum = kop.minimumSectionSize()
        breedtes = {i: max(w, minimum) for i, w in natuurlijk.items()}
        teveel = sum(breedtes.values()) - beschikbaar
        pijl = self._pijl_ruimte() if self.smalle_koppen and teveel > 0 else 0
        gesorteerd = kop.sortIndicatorSection() if self.proxy.sortColumn() >= 0 else -1

        def ondergrens(i: int) -> int:
            # Never below the header text; content may elide (the tooltip or a wider window shows it all). A pill
            # never: "overschreden 10-1…" hid the date a planner distributes the work by. With `smalle_koppen`, a
            # header not sorted on gives up the room kept for the sort arrow before the list scrolls sideways.
            kol = self.bron.kolommen[i]
            if kol.pil is not None or kol.heel:
                return breedtes[i]
            koptekst, eigen = self._kop_breedte.get(i, 0), natuurlijk[i]
            if pijl and i != gesorteerd:
                koptekst -= pijl
                eigen = min(max(self._inhoud.get(i, 0), koptekst, kol.min_breedte or 0), 360)
            return max(koptekst, minimum, min(eigen, max(kol.min_breedte or 0, 110)))

        while teveel > 0:
            kandidaten = [i for i in breedtes if breedtes[i] > ondergrens(i)]
            if not kandidaten:
                break
            breedste = max(kandidaten, key=lambda i: breedtes[i])
            stap = min(teveel, breedtes[breedste] - ondergrens(breedste), 10)
            breedtes[breedste] -= stap
            teveel -= stap
        rek = getattr(self, "_rek_breedte", {})
        if self.smalle_koppen and 0 < teveel <= sum(rek.values()) - 100 * len(rek):
            teveel = 0  # the last pixels from the stretch column's room, down to 100 px, before scrolling sideways
        for i, w in breedtes.items():
            self.setColumnWidth(i, w)
        # What still does not fit: the stretch column keeps a readable width and the list scrolls sideways, instead
        # of Qt squeezing it to nothing (Financiën's first column showed "41 …" next to nine amounts).
        over = max(self.viewport().width() - sum(breedtes.values()), 0) // max(len(rek), 1)
        for i, w in rek.items():
            modus = QHeaderView.ResizeMode.Stretch if teveel <= 0 else QHeaderView.ResizeMode.Interactive
            if kop.sectionResizeMode(i) != modus:
                kop.setSectionResizeMode(i, modus)
            if teveel > 0 and kop.sectionSize(i) != max(w, over):
                self.setColumnWidth(i, max(w, over))

    #: A list in a narrow pane (Werk verdelen) lets a header it is not sorted on give up the sort arrow's room when
    #: the columns do not fit, instead of scrolling sideways; sorted on a column, that header gets its room again.
    smalle_koppen = False

    def _pijl_ruimte(self) -> int:
        """The room a header keeps for the sort arrow (Qt adds it to every header while sorting is on)."""
        kop = self.horizontalHeader()
        if not kop.isSortIndicatorShown() or not kop.count():
            return 0
        met = kop.sectionSizeFromContents(0).width()
        kop.setSortIndicatorShown(False)
        zonder = kop.sectionSizeFromContents(0).width()
        kop.setSortIndicatorShown(True)
        return max(met - zonder, 0)

    def _gesorteerd(self, *_a: Any) -> None:
        if self.smalle_koppen:
            self._verdeel()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(event)
        self._verdeel()

    def zet_leeg_tekst(self, tekst: str) -> None:
        """What an empty list says once loaded ("Nog geen relaties. ..."), drawn in the list itself."""
        self._leeg_tekst = tekst
        self.viewport().update()

    def _gekozen_erin(self, gekozen: QItemSelection, _niet_meer: QItemSelection) -> None:
        """Chosen rows carry their row object (ROW_ROLE) even when never shown (Ctrl+A in a long list)."""
        if not self.bron.ontbrekend or self.proxy.sourceModel() is not self.bron:
            return
        naar, index = self.proxy.mapToSource, self.proxy.index
        rijen = {r for bereik in gekozen for r in range(bereik.top(), bereik.bottom() + 1)}
        self.bron.vul_rij_objecten([naar(index(r, 0)).row() for r in sorted(rijen)])

    def _vul_zichtbaar(self, boven: int, onder: int) -> None:
        """The cells of the shown rows `boven`..`onder` (in the shown order) into the model."""
        bron, proxy = self.bron, self.proxy
        if proxy.sourceModel() is not bron or not isinstance(bron, DataclassTableModel):
            return
        if proxy.sortColumn() < 0 and not proxy.filterRegularExpression().pattern():
            bron.vul(range(boven, onder + 1))  # the core's order, unfiltered: shown row = source row
        else:
            naar, index = proxy.mapToSource, proxy.index
            bron.vul([naar(index(r, 0)).row() for r in range(boven, onder + 1)])

    def paintEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        if self.bron.ontbrekend:  # rows not yet in the model: those coming into view first (once; the rest stay lazy)
            n = self.proxy.rowCount()
            if n:
                boven = max(self.rowAt(0), 0)
                onder = self.rowAt(self.viewport().height() - 1)
                self._vul_zichtbaar(boven, n - 1 if onder < 0 else onder)
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
        if getattr(self, "_meet_bij_tonen", False):
            self._meet_bij_tonen = False
            self._meet_lang(self.bron.vooraf)
        elif getattr(self, "_natuurlijk", None) is None:
            self.pas_kolommen_aan()
        self.executeDelayedItemsLayout()  # before the first paint, not from a timer after it (a second paint)
        self._vul_later()

    def focusInEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        # A screen reader switched on while the list was shown: its rows go in once the user is in the list.
        super().focusInEvent(event)
        self._vul_later()

    def toon_opnieuw(self) -> None:
        """The texts depend on more than the row (another list's selection): computed again and repainted. The
        model keeps a row's texts once computed, so a bare repaint would show the old ones."""
        if self.bron.rijen:
            self.bron.dataChanged.emit(self.bron.index(0, 0),
                                       self.bron.index(len(self.bron.rijen) - 1, len(self.bron.kolommen) - 1))

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == _TOOLTIP_EVENT and isinstance(event, QHelpEvent):
            idx = self.indexAt(event.pos())
            if idx.isValid():
                bron = self.proxy.mapToSource(idx)
                self.bron.vul_tooltip(bron.row(), bron.column())
        return super().viewportEvent(event)

    def keyboardSearch(self, search: str) -> None:  # noqa: N802 - Qt name
        # Type-ahead reads the current column's texts of rows not shown yet.
        huidig = self.currentIndex()
        self.bron.vul_kolom(self.proxy.mapToSource(huidig).column() if huidig.isValid() else 0)
        super().keyboardSearch(search)

    def rij_bij(self, index: QModelIndex | QPersistentModelIndex) -> Any | None:
        """The row object of a shown cell (any column)."""
        if not index.isValid():
            return None
        if index.model() is self.proxy:
            index = self.proxy.mapToSource(index)
        if 0 <= index.row() < len(self.bron.rijen):
            return self.bron.rijen[index.row()]
        return None

    def rijen(self) -> list[Any]:
        """The rows in the order shown (after sorting and filtering)."""
        naar, index, rijen = self.proxy.mapToSource, self.proxy.index, self.bron.rijen
        return [rijen[naar(index(r, 0)).row()] for r in range(self.proxy.rowCount())]

    def huidige_rij(self) -> Any | None:
        idx = self.currentIndex()
        if not idx.isValid():
            rows = self.selectionModel().selectedRows()
            if not rows:
                return None
            idx = rows[0]
        return self.rij_bij(idx)

    def filter(self, tekst: str) -> None:
        if tekst == "" and not self.proxy.filterRegularExpression().pattern():
            return  # no filter, and none asked (a screen filling its list): the view is not laid out anew for it
        self.proxy.setFilterFixedString(tekst)

    def _open(self, index: QModelIndex) -> None:
        obj = self.rij_bij(index)
        if obj is not None:
            self.rij_geopend.emit(obj)
