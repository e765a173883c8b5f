"""The shared list (ui.tablemodels.Tabel) serves its cells lazily and keeps what it computed (issue 13): these tests
check what a user sees stays right: the first rows of a long list, sorting, selection, and texts that change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt

from ui.ops import wacht_op_alles
from ui.tablemodels import ROW_ROLE, Kolom, Tabel
from ui.widgets import PIL_ROLE, PilDelegate

pytestmark = pytest.mark.ui


@dataclass(frozen=True)
class Rij:
    nummer: int
    naam: str


def _tabel(qtbot: Any, kolommen: list[Kolom[Any]]) -> Tabel:
    tabel = Tabel(kolommen)
    qtbot.addWidget(tabel)
    tabel.resize(900, 500)
    with qtbot.waitExposed(tabel):
        tabel.show()
    return tabel


KOLOMMEN: list[Kolom[Rij]] = [
    Kolom("Nummer", lambda r: r.nummer, rechts=True),
    Kolom("Naam", lambda r: r.naam, rek=True, pil=lambda r: "rood" if r.nummer % 7 == 0 else None),
]


def test_a_list_of_5000_rows_shows_its_first_rows_and_stays_sortable_and_selectable(qtbot: Any) -> None:
    tabel = _tabel(qtbot, KOLOMMEN)
    tabel.zet_rijen([Rij(i, f"Cliënt {i:05d}") for i in range(5000)])
    assert tabel.proxy.rowCount() == 5000
    assert tabel.proxy.index(0, 1).data() == "Cliënt 00000"
    assert tabel.indexAt(tabel.viewport().rect().topLeft()).row() == 0  # the first row is on screen
    assert tabel.huidige_rij() == Rij(0, "Cliënt 00000")  # the first row is chosen, for the keyboard
    tabel.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert tabel.proxy.index(0, 1).data() == "Cliënt 04999"
    assert tabel.proxy.index(0, 1).data(PIL_ROLE) is None and tabel.proxy.index(1, 1).data(PIL_ROLE) == "rood"  # 4998
    tabel.selectRow(3)
    assert tabel.huidige_rij() == Rij(4996, "Cliënt 04996")
    tabel.filter("04321")
    assert wacht_op_alles(10)  # the rows not yet searchable are looked at a slice a turn
    assert tabel.rijen() == [Rij(4321, "Cliënt 04321")]


def test_only_columns_with_pills_are_painted_by_the_python_delegate(qtbot: Any) -> None:
    tabel = _tabel(qtbot, KOLOMMEN)
    assert not isinstance(tabel.itemDelegateForColumn(0), PilDelegate)
    assert isinstance(tabel.itemDelegateForColumn(1), PilDelegate)
    tabel.bron.beginResetModel()  # a screen that changes its columns (Toewijzing: ZIN or pgb)
    tabel.bron.kolommen = [KOLOMMEN[1], KOLOMMEN[0]]
    tabel.bron.endResetModel()
    assert isinstance(tabel.itemDelegateForColumn(0), PilDelegate)
    assert not isinstance(tabel.itemDelegateForColumn(1), PilDelegate)
    assert tabel.proxy.headerData(0, Qt.Orientation.Horizontal) == "Naam"


def test_texts_that_depend_on_more_than_the_row_are_shown_anew(qtbot: Any) -> None:
    """The model keeps a row's texts once computed; a change announced (dataChanged, toon_opnieuw) shows the new."""
    keuze = {"n": 0}
    tabel = _tabel(qtbot, [Kolom("Na keuze", lambda r: f"{r.nummer + keuze['n']} %")])
    tabel.zet_rijen([Rij(10, "a"), Rij(20, "b")])
    assert tabel.proxy.index(1, 0).data() == "20 %"
    keuze["n"] = 5
    assert tabel.proxy.index(1, 0).data() == "20 %"  # kept: nothing announced a change
    tabel.toon_opnieuw()
    assert tabel.proxy.index(1, 0).data() == "25 %"
    assert tabel.proxy.index(1, 0).data(ROW_ROLE) == Rij(20, "b")


def _python_aanroepen(fn: Any) -> int:
    """How many Python functions run while `fn` runs (Qt's C++ not counted)."""
    import sys

    teller = [0]

    def profiel(_frame: Any, gebeurtenis: str, _arg: Any) -> None:
        if gebeurtenis == "call":
            teller[0] += 1

    sys.setprofile(profiel)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return teller[0]


class _Schilder(QObject):
    def __init__(self, teller: list[int]) -> None:
        super().__init__()
        self.teller = teller

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.Paint:
            self.teller.append(1)
        return False


def test_painting_a_list_calls_no_python_per_cell(qtbot: Any) -> None:
    """The cells are served from C++: a repaint of 14 rows x 3 columns runs a handful of Python functions (the
    list's own paintEvent), not the model's data() eight times per cell (4 ms a list, issue 13)."""
    tabel = _tabel(qtbot, [Kolom("Nummer", lambda r: r.nummer, rechts=True), Kolom("Naam", lambda r: r.naam, rek=True),
                           Kolom("Soort", lambda r: "even" if r.nummer % 2 == 0 else "oneven")])
    tabel.zet_rijen([Rij(i, f"Cliënt {i:05d}") for i in range(500)])
    tabel.viewport().repaint()
    assert tabel.rowAt(tabel.viewport().height() - 1) >= 10  # many rows on screen
    geschilderd: list[int] = []
    schilder = _Schilder(geschilderd)
    tabel.viewport().installEventFilter(schilder)
    n = _python_aanroepen(tabel.viewport().repaint)
    assert 0 < n < 20  # the view's own events, not per cell (the Python model: 1,180)
    assert geschilderd  # it did paint
    # What is painted is what the columns say, right-aligned where asked.
    cel = tabel.proxy.index(3, 0)
    assert cel.data() == "3" and cel.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert tabel.proxy.index(3, 2).data() == "oneven"


def test_a_long_list_computes_only_the_rows_it_shows_and_the_others_when_they_come_into_view(qtbot: Any) -> None:
    """5,000 rows open as fast as 50 (issue 17): the texts of the rows on screen are computed (and of a sample, for
    the column widths), not of all 5,000; scrolling to the end shows the last rows, a filter finds any row."""
    berekend: list[int] = []

    def naam(r: Rij) -> str:
        berekend.append(r.nummer)
        return r.naam

    tabel = _tabel(qtbot, [Kolom("Nummer", lambda r: r.nummer), Kolom("Naam", naam, rek=True)])
    tabel.zet_rijen([Rij(i, f"Cliënt {i:05d}") for i in range(5000)])
    tabel.viewport().repaint()
    assert len(set(berekend)) < 100
    tabel.scrollToBottom()
    tabel.viewport().repaint()
    assert tabel.rowAt(tabel.viewport().height() - 1) == 4999
    assert tabel.proxy.index(4999, 1).data() == "Cliënt 04999"  # painted from the model: filled when it came in view
    assert 4999 in berekend and 2500 not in berekend and len(set(berekend)) < 150
    tabel.filter("cliënt 0321")
    assert wacht_op_alles(10)
    assert [r.nummer for r in tabel.rijen()] == list(range(3210, 3220))
    assert tabel.proxy.index(9, 1).data() == "Cliënt 03219"


def test_filtering_again_calls_no_python_per_row(qtbot: Any) -> None:
    """A filter reads the texts in C++ (the old Python model answered data() for every cell at each key)."""
    tabel = _tabel(qtbot, [Kolom("Nummer", lambda r: r.nummer, rechts=True), Kolom("Naam", lambda r: r.naam, rek=True)])
    tabel.zet_rijen([Rij((i * 7919) % 2000, f"Cliënt {i:05d}") for i in range(2000)])
    tabel.filter("cliënt 01")
    assert wacht_op_alles(10)
    assert len(tabel.rijen()) == 1000
    # A screenful of rows on top is put in the model (bounded), nothing per row of the 2,000 (old: 18,000 calls)
    assert _python_aanroepen(lambda: tabel.filter("cliënt 012")) < 300
    assert len(tabel.rijen()) == 100


def test_sorting_calls_python_once_per_row_not_per_comparison(qtbot: Any) -> None:
    waarden: list[int] = []

    def nummer(r: Rij) -> int:
        waarden.append(r.nummer)
        return r.nummer

    tabel = _tabel(qtbot, [Kolom("Nummer", lambda r: r.nummer, rechts=True, sorteer=nummer),
                           Kolom("Naam", lambda r: r.naam, rek=True)])
    tabel.zet_rijen([Rij((i * 7919) % 2000, f"Cliënt {i:05d}") for i in range(2000)])
    waarden.clear()
    # In C++ on each row's rank: calls into Python once per row, not twice per comparison (the old lessThan: 185,000)
    assert _python_aanroepen(lambda: tabel.sortByColumn(0, Qt.SortOrder.AscendingOrder)) < 2 * 2000 + 50
    assert len(waarden) == 2000  # once per row
    assert [r.nummer for r in tabel.rijen()[:3]] == [0, 1, 2]
    assert tabel.proxy.index(0, 0).data() == "0"
    tabel.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert tabel.proxy.index(0, 1).data() == "Cliënt 01999"


@dataclass(frozen=True)
class Termijn:
    client: str
    einde: Any  # a date, None or (mixed in) a text


def test_a_sorted_list_read_again_stays_sorted_empty_values_last_and_equal_ones_in_the_cores_order(qtbot: Any) -> None:
    import datetime as dt

    d = dt.date
    tabel = _tabel(qtbot, [Kolom("Cliënt", lambda r: r.client), Kolom("Uiterlijk", lambda r: r.einde)])
    tabel.zet_rijen([Termijn("b", d(2026, 3, 1)), Termijn("a", None), Termijn("c", d(2025, 12, 31)),
                     Termijn("e", d(2026, 3, 1)), Termijn("d", "")])
    tabel.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert [r.client for r in tabel.rijen()] == ["c", "b", "e", "a", "d"]  # equal dates: the core's order (b, e)
    tabel.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert [r.client for r in tabel.rijen()] == ["a", "d", "b", "e", "c"]  # as the comparison always did
    # Read again (a refresh with one row more): sorted as the header says, without a click.
    tabel.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    tabel.zet_rijen([Termijn("Z", None), Termijn("b", d(2026, 3, 1)), Termijn("a", None), Termijn("C", d(2025, 1, 1))])
    assert [r.client for r in tabel.rijen()] == ["a", "b", "C", "Z"]  # texts case-insensitive
    # A row changed in place (a screen that announces it) moves to its new place.
    tabel.bron.rijen[1] = Termijn("zz", d(2026, 3, 1))
    tabel.bron.dataChanged.emit(tabel.bron.index(1, 0), tabel.bron.index(1, 1))
    assert [r.client for r in tabel.rijen()] == ["a", "C", "Z", "zz"]
    # Values that do not compare (a date and a text in one column) still sort, as text.
    tabel.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    tabel.zet_rijen([Termijn("x", "later"), Termijn("y", d(2026, 1, 1)), Termijn("w", None)])
    assert [r.client for r in tabel.rijen()] == ["y", "x", "w"]


def test_a_tooltip_is_computed_when_the_mouse_rests_on_its_cell(qtbot: Any) -> None:
    """Tooltips (some format two dates per row) are not computed for every row shown, only for the cell asked."""
    from tests.ui.test_verzendlijst_paginas import tooltip_van

    gevraagd: list[int] = []

    def tip(r: Rij) -> str:
        gevraagd.append(r.nummer)
        return f"Dossier van {r.naam}"

    tabel = _tabel(qtbot, [Kolom("Nummer", lambda r: r.nummer), Kolom("Naam", lambda r: r.naam, rek=True, tooltip=tip)])
    tabel.zet_rijen([Rij(i, f"Cliënt {i}") for i in range(100)])
    tabel.viewport().repaint()
    assert gevraagd == []
    assert tooltip_van(tabel, tabel.proxy.index(2, 1)) == "Dossier van Cliënt 2"
    assert gevraagd == [2]
    tabel.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert tooltip_van(tabel, tabel.proxy.index(0, 1)) == "Dossier van Cliënt 99"


def test_typing_in_a_long_list_jumps_to_a_row_not_shown_yet(qtbot: Any) -> None:
    """Type-ahead (letters typed in the list) finds rows off screen: the current column's texts are put in first,
    not every column of every row."""
    andere: list[int] = []

    def soort(r: Rij) -> str:
        andere.append(r.nummer)
        return "even" if r.nummer % 2 == 0 else "oneven"

    tabel = _tabel(qtbot, [Kolom("Naam", lambda r: r.naam, rek=True), Kolom("Soort", soort)])
    tabel.zet_rijen([Rij(i, f"Cliënt {i:05d}") for i in range(3000)])
    tabel.setFocus()
    andere.clear()
    tabel.keyboardSearch("Cliënt 02718")
    assert tabel.huidige_rij() == Rij(2718, "Cliënt 02718")
    assert len(andere) < 100  # the other column of the rows now shown, not of all 3,000


def test_rows_chosen_with_ctrl_a_carry_their_row_even_when_never_shown(qtbot: Any) -> None:
    """Screens read the chosen rows' objects from the selection (Werk verdelen assigns them, Declaraties approves
    them): choosing all rows of a long list gives every row object, not None for the rows not painted yet."""
    from PySide6.QtWidgets import QAbstractItemView

    tabel = _tabel(qtbot, KOLOMMEN)
    tabel.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    rijen = [Rij(i, f"Cliënt {i:05d}") for i in range(3000)]
    tabel.zet_rijen(rijen)
    tabel.selectAll()
    gekozen = [i.data(ROW_ROLE) for i in tabel.selectionModel().selectedRows()]
    assert sorted(gekozen, key=lambda r: r.nummer) == rijen
    assert tabel.bron.ontbrekend > 2500  # their row objects only: the cells stay for when they are shown


def _zoals_nieuw(qtbot: Any, kolommen: list[Kolom[Any]], rijen: list[Any], kolom: int, orde: Qt.SortOrder,
                 filter_: str = "") -> list[Any]:
    """The rows as a list made anew with these rows shows them, sorted and filtered the same way."""
    vers = _tabel(qtbot, kolommen)
    vers.zet_rijen(rijen)
    vers.sortByColumn(kolom, orde)
    vers.filter(filter_)
    assert wacht_op_alles(10)  # a filter's slices (rows not yet searchable)
    return vers.rijen()


def test_a_refresh_with_a_few_rows_changed_keeps_the_sort_the_selection_and_the_place_in_the_list(qtbot: Any) -> None:
    """F5 or a change elsewhere reads the list again: a row changed, one gone, one new. The rows shown are those a
    list made anew shows, in the same sort; the chosen row stays chosen and the list does not jump to the top."""
    kolommen: list[Kolom[Rij]] = [Kolom("Nummer", lambda r: r.nummer, rechts=True), Kolom("Naam", lambda r: r.naam, rek=True)]
    tabel = _tabel(qtbot, kolommen)
    rijen = [Rij(i, f"Cliënt {(i * 7919) % 3000:05d}") for i in range(3000)]
    tabel.zet_rijen(rijen)
    tabel.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    tabel.selectRow(1200)
    tabel.scrollTo(tabel.proxy.index(1200, 0))
    gekozen = tabel.huidige_rij()
    boven = tabel.rowAt(0)
    nieuw = list(rijen)
    nieuw[10] = Rij(10, "Cliënt 99999")  # changed: now first when sorted descending
    del nieuw[20]  # gone
    nieuw.insert(30, Rij(5000, "Cliënt 01234a"))  # new, between two others
    tabel.zet_rijen(nieuw)
    assert tabel.rijen() == _zoals_nieuw(qtbot, kolommen, nieuw, 1, Qt.SortOrder.DescendingOrder)
    assert tabel.rijen()[0] == Rij(10, "Cliënt 99999")
    assert tabel.proxy.index(0, 1).data() == "Cliënt 99999"  # its text anew, not the one kept
    assert tabel.horizontalHeader().sortIndicatorSection() == 1
    assert tabel.huidige_rij() == gekozen and len(tabel.selectionModel().selectedRows()) == 1
    assert abs(tabel.rowAt(0) - boven) <= 2  # still where the user was
    # The new row is found by a filter and sorted on the other column like any other.
    tabel.filter("01234")
    assert wacht_op_alles(10)
    assert tabel.rijen() == _zoals_nieuw(qtbot, kolommen, nieuw, 1, Qt.SortOrder.DescendingOrder, "01234")
    assert Rij(5000, "Cliënt 01234a") in tabel.rijen()
    tabel.filter("")
    tabel.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert tabel.rijen() == _zoals_nieuw(qtbot, kolommen, nieuw, 0, Qt.SortOrder.AscendingOrder)
    # Many rows changed (another team chosen): put in anew, sorted as the header says.
    ander = [Rij(i, f"Team B {i:04d}") for i in range(500)]
    tabel.zet_rijen(ander)
    assert tabel.rijen() == _zoals_nieuw(qtbot, kolommen, ander, 0, Qt.SortOrder.AscendingOrder)


@pytest.fixture
def schermlezer() -> Any:
    """A screen reader connected (QAccessible active), as Orca or NVDA make it."""
    from PySide6.QtGui import QAccessible

    was = QAccessible.isActive()
    QAccessible.setActive(True)
    yield
    QAccessible.setActive(was)


def test_a_screen_reader_reads_the_cells_of_rows_never_scrolled_into_view(qtbot: Any, schermlezer: Any) -> None:
    """A long list fills the rows on screen first; with a screen reader on, the others go into the model a slice at
    a time once the window is idle, so QAccessible reads every cell's text, also of a row far below never shown."""
    from PySide6.QtGui import QAccessible

    tabel = _tabel(qtbot, KOLOMMEN)
    tabel.zet_rijen([Rij(i, f"Cliënt {i:05d}") for i in range(3000)])
    assert tabel.bron.ontbrekend > 2500  # at first only the rows on screen are in
    qtbot.waitUntil(lambda: tabel.bron.ontbrekend == 0, timeout=10000)
    tabel_iface = QAccessible.queryAccessibleInterface(tabel)
    kolommen = len(KOLOMMEN)

    def cel(rij: int, kolom: int) -> str:  # the header row and column come first
        return str(tabel_iface.child((rij + 1) * (kolommen + 1) + kolom + 1).text(QAccessible.Text.Name))

    assert cel(0, 1) == "Cliënt 00000"
    assert tabel.rowAt(tabel.viewport().height() - 1) < 100  # row 2,718 was never on screen
    assert cel(2718, 1) == "Cliënt 02718" and cel(2718, 0) == "2718"


def test_a_filter_gives_the_same_rows_before_and_after_the_rows_were_made_searchable_when_idle(qtbot: Any) -> None:
    rijen = [Rij((i * 7919) % 4000, f"Cliënt {i:05d} {'Wmo' if i % 3 else 'Jeugd'}") for i in range(4000)]
    meteen = _tabel(qtbot, KOLOMMEN)
    meteen.zet_rijen(rijen)
    meteen.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    later = _tabel(qtbot, KOLOMMEN)
    later.zet_rijen(rijen)
    later.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    # Once idle, every row's search text is in (one cell a row; the other cells stay for when they are shown).
    qtbot.waitUntil(lambda: later.bron._zoekbaar.find(0) < 0, timeout=10000)
    assert later.bron.ontbrekend > 3000
    for tekst in ("j", "je", "jeu", "cliënt 01", "cliënt 012", "CLIËNT 0123 W", "", "xyz"):
        meteen.filter(tekst)
        later.filter(tekst)
        assert wacht_op_alles(10)  # rows not yet searchable: looked at by the filter a slice a turn
        assert later.rijen() == meteen.rijen()
        later.viewport().repaint()  # what the user sees: the rows on screen, painted from the model
        onder = later.rowAt(later.viewport().height() - 1)
        n = later.proxy.rowCount() if onder < 0 else onder + 1
        assert [later.proxy.index(r, 1).data() for r in range(n)] == [r.naam for r in meteen.rijen()[:n]]


def test_a_screen_reader_switched_on_later_reads_the_rows_once_the_user_is_in_the_list(qtbot: Any) -> None:
    """Without a screen reader only each row's search text goes in when idle (a cell a row, for the memory); one
    switched on while the list is shown gets every cell once the focus comes into the list."""
    from PySide6.QtGui import QAccessible

    was = QAccessible.isActive()
    QAccessible.setActive(False)
    try:
        tabel = _tabel(qtbot, KOLOMMEN)
        tabel.zet_rijen([Rij(i, f"Cliënt {i:05d}") for i in range(3000)])
        qtbot.waitUntil(lambda: tabel.bron._zoekbaar.find(0) < 0, timeout=10000)
        assert tabel.bron.ontbrekend > 2500
        QAccessible.setActive(True)
        tabel.clearFocus()
        tabel.setFocus()
        qtbot.waitUntil(lambda: tabel.bron.ontbrekend == 0, timeout=10000)
        iface = QAccessible.queryAccessibleInterface(tabel)
        assert iface.child((2900 + 1) * 3 + 1 + 1).text(QAccessible.Text.Name) == "Cliënt 02900"
    finally:
        QAccessible.setActive(was)


def test_a_filter_typed_before_a_long_list_is_searchable_shows_every_match_once_its_slices_are_done(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The first letter typed within a few tenths of a second of a long list appearing, before the list made every
    row searchable while idle: the letter's turn makes only a slice searchable and filters that (it made all 4,345
    rows of PO-planning searchable first: 22-57 ms, issue 13); the rest follow a slice a turn, each looked at by
    the filter as it comes. Once done every matching row is shown, none missing, none extra, also sorted, and a
    second letter and a cleared filter are right too; `gefilterd` says when."""
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Rij:
        naam: str
        plaats: str
        nummer: int

    plaatsen = ["Maastricht", "Heerlen", "Sittard", "Venlo", "Roermond", "Weert", "Kerkrade"]
    rijen = [Rij(f"{'Bak' if i % 7 == 0 else 'Jo'}ker {i:04d}", plaatsen[i % len(plaatsen)], i) for i in range(6000)]
    tabel = Tabel([Kolom("Naam", lambda r: r.naam), Kolom("Plaats", lambda r: r.plaats, rek=True),
                   Kolom("Nummer", lambda r: r.nummer, rechts=True)])
    qtbot.addWidget(tabel)
    tabel.resize(600, 400)
    tabel.show()
    qtbot.waitExposed(tabel)
    tabel.zet_rijen(rijen)
    gefilterd: list[int] = []
    tabel.gefilterd.connect(lambda: gefilterd.append(tabel.proxy.rowCount()))

    def verwacht(tekst: str) -> list[int]:
        t = tekst.casefold()
        return sorted(r.nummer for r in rijen if any(t in x.casefold() for x in (r.naam, r.plaats, str(r.nummer))))

    tabel.filter("bak")
    assert tabel.bron.niet_zoekbaar(), "the letter made only a slice searchable"
    assert tabel.proxy.rowCount() < len(verwacht("bak"))
    assert wacht_op_alles(10)
    assert not tabel.bron.niet_zoekbaar()
    assert sorted(r.nummer for r in tabel.rijen()) == verwacht("bak")
    assert gefilterd == [len(verwacht("bak"))]
    tabel.filter("bake")
    assert sorted(r.nummer for r in tabel.rijen()) == verwacht("bake")
    # Sorted on a column while the slices come: the matches in that order, each once.
    tabel.filter("")
    tabel.zet_rijen([])
    tabel.zet_rijen([Rij(r.naam, r.plaats, r.nummer) for r in rijen])  # read anew: not searchable yet
    tabel.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    tabel.filter("heerlen")
    assert tabel.bron.niet_zoekbaar()
    assert wacht_op_alles(10)
    getoond = [r.nummer for r in tabel.rijen()]
    assert getoond == sorted(verwacht("heerlen"), reverse=True)
    tabel.filter("")
    assert tabel.proxy.rowCount() == len(rijen)
