"""The shared list (ui.tablemodels.Tabel) serves its cells lazily and keeps what it computed (issue 13): these tests
check what a user sees stays right: the first rows of a long list, sorting, selection, and texts that change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import Qt

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
