"""Column widths of every list (ui.tablemodels.Tabel): fitted to the content without asking per row (issue 17)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtGui import QFontMetrics

from ui.tablemodels import Kolom, Tabel
from ui.widgets import PilDelegate

pytestmark = pytest.mark.ui


@dataclass(frozen=True)
class Rij:
    naam: str
    bedrag: int
    status: str


KOLOMMEN = [
    Kolom("Cliënt", lambda r: r.naam),
    Kolom("Bedrag", lambda r: r.bedrag, rechts=True),
    Kolom("Status", lambda r: r.status, pil=lambda r: "rood" if r.status == "te laat" else None),
    Kolom("Toelichting", lambda r: r.naam, rek=True),
]


def rijen(n: int) -> list[Rij]:
    return [Rij(f"Cliënt {'m' * (i % 23)}", i * 37, "te laat" if i % 4 == 0 else "op tijd") for i in range(n)]


def test_a_long_list_asks_the_delegate_for_sizes_once_per_column_not_per_row(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    vragen: list[int] = []
    echt = PilDelegate.sizeHint

    def size_hint(self: PilDelegate, option: Any, index: Any) -> Any:
        vragen.append(index.row())
        return echt(self, option, index)

    monkeypatch.setattr(PilDelegate, "sizeHint", size_hint)
    tabel = Tabel(KOLOMMEN)
    qtbot.addWidget(tabel)
    tabel.resize(1200, 500)
    tabel.show()
    vragen.clear()
    tabel.zet_rijen(rijen(5000))
    assert len(vragen) <= len(KOLOMMEN)


def test_no_cell_text_is_cut_off_in_a_short_list(qtbot: Any) -> None:
    tabel = Tabel(KOLOMMEN)
    qtbot.addWidget(tabel)
    tabel.resize(1400, 500)
    tabel.show()
    data = rijen(40)
    tabel.zet_rijen(data)
    fm = QFontMetrics(tabel.font())
    assert tabel.columnWidth(0) > max(fm.horizontalAdvance(r.naam) for r in data)
    assert tabel.columnWidth(2) > fm.horizontalAdvance("te laat") + 28  # the pill's own room
    # the same as Qt's own measurement of every row (what the table did before, row by row)
    for c in (0, 1, 2):
        assert tabel.columnWidth(c) >= tabel.sizeHintForColumn(c)


@dataclass(frozen=True)
class Termijnrij:
    termijn: str
    zaak: str
    client: str


def test_a_narrow_list_cuts_neither_a_pill_nor_the_stretch_column_to_nothing(qtbot: Any) -> None:
    """Werk verdelen beside the consultants (about 660 px): the term pill showed "overschreden 10-1…" without the
    date; Financiën's nine amounts squeezed its first column to "41 …". A pill keeps its whole text (painted
    demibold), the stretch column a readable width, and what does not fit scrolls sideways."""
    from PySide6.QtGui import QFont

    kolommen = [
        Kolom("Termijn", lambda r: r.termijn, pil=lambda r: "rood"),
        Kolom("Zaak", lambda r: r.zaak),
        Kolom("Cliënt", lambda r: r.client, rek=True),
        *[Kolom(f"Bedrag {i}", lambda r: "€ 155.965", rechts=True) for i in range(6)],
    ]
    tabel = Tabel(kolommen)
    qtbot.addWidget(tabel)
    tabel.resize(660, 400)
    tabel.show()
    tabel.zet_rijen([Termijnrij("overschreden 10-12-2026", "Periodiek onderzoek", "Anouk Bemelmans-Kerckhoffs"),
                     Termijnrij("uiterlijk 21-12-2026", "Wijziging", "Jan Notermans")])
    qtbot.wait(50)
    vet = QFont(tabel.font())
    vet.setWeight(QFont.Weight.DemiBold)
    pil = QFontMetrics(vet).horizontalAdvance("overschreden 10-12-2026") + 28
    assert tabel.columnWidth(0) >= pil, (tabel.columnWidth(0), pil)
    assert tabel.columnWidth(2) >= 140, tabel.columnWidth(2)
    tabel.resize(2400, 400)  # room enough: the stretch column takes the rest again
    qtbot.wait(50)
    assert tabel.columnWidth(2) > 400


def test_a_long_list_on_a_tab_not_shown_is_measured_when_the_tab_is_opened(qtbot: Any) -> None:
    """A list filled while its tab is hidden (PO-planning's plans) is measured when the tab is opened, not in the
    turn it is filled: opened, its columns are as wide as the texts of the rows it shows, as a list filled while
    shown."""
    from PySide6.QtWidgets import QTabWidget, QWidget

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.resize(1400, 500)
    tabs.addTab(QWidget(), "Eerste")
    tabel = Tabel(KOLOMMEN)
    tabs.addTab(tabel, "Tweede")
    with qtbot.waitExposed(tabs):
        tabs.show()
    data = rijen(3000)
    tabel.zet_rijen(data)
    assert not tabel.isVisible()
    assert tabel.proxy.rowCount() == 3000 and tabel.huidige_rij() == data[0]
    tabs.setCurrentIndex(1)
    fm = QFontMetrics(tabel.font())
    breedste = max(fm.horizontalAdvance(r.naam) for r in data[:20])
    assert tabel.columnWidth(0) > breedste  # at once, for the rows on screen
    from ui.ops import wacht_op_alles

    wacht_op_alles()  # and the rest of the sample a slice at a time
    assert tabel.columnWidth(0) > max(fm.horizontalAdvance(r.naam) for r in data)
    vergelijk = Tabel(KOLOMMEN)
    qtbot.addWidget(vergelijk)
    vergelijk.resize(tabel.size())
    vergelijk.show()
    vergelijk.zet_rijen(data)
    wacht_op_alles()
    assert [tabel.columnWidth(c) for c in range(4)] == [vergelijk.columnWidth(c) for c in range(4)]


def test_a_column_kept_whole_is_not_cut_when_the_columns_do_not_fit(qtbot: Any) -> None:
    """Te verzenden at 1366 px cut the decision's kenmerk to "MAA-2026-001…" (the number the mail room reads off the
    letter) while the names beside it kept their width: a column marked `heel` keeps its whole content, as a pill
    does; the others give way (with `smalle_koppen` their headers' sort arrow room too)."""
    @dataclass(frozen=True)
    class Brief:
        client: str
        kenmerk: str
        auteur: str
        datum: str

    kolommen = [
        Kolom("Cliënt", lambda r: r.client, rek=True),
        Kolom("Kenmerk", lambda r: r.kenmerk, heel=True),
        Kolom("Opgesteld door", lambda r: r.auteur),
        Kolom("Aanvraag van", lambda r: r.datum),
    ]
    tabel = Tabel(kolommen)
    tabel.smalle_koppen = True
    qtbot.addWidget(tabel)
    tabel.resize(430, 300)
    tabel.show()
    tabel.zet_rijen([Brief("Mathieu Peeters", "MAA-2026-0012479", "Els Wetzels-van den Heuvel", "02-10-2026")])
    qtbot.wait(50)
    nodig = tabel.fontMetrics().horizontalAdvance("MAA-2026-0012479") + 16
    assert tabel.columnWidth(1) >= nodig, (tabel.columnWidth(1), nodig)
    assert tabel.columnWidth(2) < tabel._inhoud[2]  # the name gave way


def test_a_long_list_widens_a_column_for_a_longer_text_far_down_its_sample(qtbot: Any) -> None:
    """A list longer than Tabel.EERST is fitted to its first rows at once and to the rest of its sample in the
    turns after: a longer text further down (in the sample) widens its column then, whatever the font."""
    from ui.ops import wacht_op_alles

    tabel = Tabel(KOLOMMEN)
    qtbot.addWidget(tabel)
    tabel.resize(2400, 500)  # room for every column: nothing is capped
    tabel.show()
    data = [Rij(f"Cliënt {i:03d}", i, "op tijd") for i in range(300)]
    lang = "Van den Heuvel-Crombach de Wit-Smeets"
    data[70] = Rij(lang, 70, "op tijd")  # in the sample's first half (its first 100 rows), after Tabel.EERST
    assert Tabel.EERST < 70 < Tabel.PROEF // 2
    tabel.zet_rijen(data)
    smal = tabel.columnWidth(0)
    assert wacht_op_alles()
    fm = QFontMetrics(tabel.font())
    assert smal < fm.horizontalAdvance(lang)  # fitted to the first rows only at first
    assert tabel.columnWidth(0) > fm.horizontalAdvance(lang)
